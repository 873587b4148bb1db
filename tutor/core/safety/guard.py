"""The input guard: judge what a question asks for, not which words it uses.

Every question is classified before anything is retrieved, as educational (answered), dosing,
personal medical advice, misuse, or an emergency. Meaning decides: a classifier over the MiniLM
embedding the tutor computes for the question anyway, fitted on labelled example utterances
(intents.py, intents.yaml). Rules remain only where rules are exact:

- emergencies named outright ("overdosed", "kill myself") always win, because missing one is the
  worst mistake the tutor can make; so do the signs that need an ambulance ("can't breathe",
  "seizure") when someone has them — a general question about them ("what causes seizures?",
  the subject of a teacher's text) is left to the classifier;
- a number with a unit of amount or a schedule ("250mg", "0.5 ml", "e3d", "3x a week") is a
  dose, whatever the framing; a lab value with its unit ("45 pg/ml") is the asker's own result.

A follow-up is classified as typed and as resolved against the conversation (Tutor.answer), so
"ok and how much of it?" after a question about Clomid is refused like the full question. A
message of several asks is judged per ask too ("How does clomid work, and what dose do men
take?"), and a personal-advice verdict on a story-first question is reconsidered on the question
alone when that is surely a plain one, and a why-question (or one about a process: "what is
happening in my body …") is answered when the classifier alone would refuse it as advice and an
emergency is unlikely: it asks for a cause, not a decision (docs/safety.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from tutor.core.clauses import (ASKING, POINTS_BACK, asks_for_a_mechanism, asks_from_the_first, asks_in, asks_only_about_a_course,
                                 MEDICINE_WORDS, asks_only_for_a_brand, asks_whether_it_matters,
                                 asks_only_about_food_or_checks, asks_only_about_legality,
                                 asks_only_about_price, asks_only_for_mechanisms, asks_only_for_rates,
                                 asks_what_it_is_or_does, asks_which_medicines, is_question, is_request, sentences,
                                 story_and_asks)
from tutor.core.safety import intents as intent_names
from tutor.core.safety.distance import at_a_distance
from tutor.core.safety.doses import compares_doses, is_dose_word, pattern, speaks_of_taking
from tutor.core.safety.infant_fever import young_baby_with_a_fever
from tutor.core.safety.intents import IntentModel, Prediction, load_examples
from tutor.core.safety.medicine_names import NO_MEDICINES, TextMedicines, no_english_word
from tutor.core.safety.own_case import (ONES_CASE, about_ones_case, asks_a_decision_about_living, asks_only_for_a_verdict,
                                       predicts_ones_own_medicine)
from tutor.core.safety.severity import URGENT_FROM, Severity
from tutor.core.safety.spelling import Respeller
from tutor.core.safety.told_of_others import RELATIONS, retold_by_them
from tutor.core.text import clean_input
from tutor.core.vocab import Reason

# The classifier's intents and the refusal each one gets.
REASONS = {intent_names.DOSING: Reason.DOSING, intent_names.PERSONAL: Reason.PERSONAL,
           intent_names.MISUSE: Reason.MISUSE, intent_names.EMERGENCY: Reason.EMERGENCY}

# Decision thresholds, chosen by cross-validation on the examples (benchmarks/safety_check.py).
EMERGENCY_FLOOR = 0.35   # emergencies err on the side of safety: a minority vote suffices,
                         # provided it is not outvoted by "just asking" (see _emergency)
ANSWER_FLOOR = 0.40      # below this probability of "educational", the question is refused
STORY_FLOOR = 0.95       # a refusal is undone only when the asking sentences alone are this surely a plain question
CLAUSE_FLOOR = 0.85      # one clause of several refuses the whole only when it is this surely a dose or misuse request
SAME_AS_EXAMPLE = 0.93   # this close to a labelled example, the example's label decides
WHY_EMERGENCY_CEILING = 0.10  # a why-question is answered only when an emergency is this unlikely
CALM_WHY_CEILING = 0.25       # ... or this unlikely, with no word of a sign, urgency or despair in it
PART_SUPPORT = 0.55      # one part after a question is an emergency only this close to an emergency example
STORY_SUPPORT = 0.75     # ... one part of the story before it (or the question itself) only this close
# A message longer than this is judged for an emergency part by part, never as a whole: the
# classifier learnt from chat messages (the longest of 4,702 examples has 285 characters), and a
# pasted forum thread of 2,400 characters ending "anyway what is sermorelin" was an emergency by
# 0.45 as a whole, its nearest example 0.37 away, while no sentence of it was near one (a tester's).
LONG_MESSAGE = 600
EMERGENCY_MARGIN = 0.25  # no emergency by the classifier when a non-emergency example is this much closer than any
ABOUT_A_CASE = 0.2       # the classifier's emergency and own-case shares together, for Guard.may_be_serious
SOME_EMERGENCY = 0.02    # ... with at least this much of it emergency
NEAR_AN_EMERGENCY = 0.75 # ... or an emergency is the closest labelled example, at least this close
NEAR_A_TOLD_EMERGENCY = 0.6     # ... this close, for a message that tells and asks nothing

# Emergencies named outright, as concepts: harm to oneself, far too much taken, and the signs that
# need an ambulance. The classifier handles everyday wording; these make sure the plain words
# never depend on it.
_EMERGENCY_PHRASES = re.compile(r"""
    \b(?: over\s?dos(?:e|ed|ing)\b | od'd\b | od'?ed\b                       # not "odd"
        # poisoned, as an event: not a disease's name ("food poisoning", "lead poisoning")
        | (?:was|were|got|been|being|get|is|am|are|accidentally)\s+poisoned\b | poisoned\s+(?:my|me|him|her|them|us|our)\b
        | (?:swallowed|drank|ate|took|taken|licked)\b[^.?!]{0,30}?\b(?:poison|antifreeze|bleach|drain\s+cleaner
             |weed\s?killer|pesticide|rat\s+poison|lamp\s+oil|paraffin|batter(?:y|ies))\b
        # harm to oneself
        | suicid\w* | kill(?:ing)?\s+(?:my\s?self|me)\b | end(?:ing)?\s+(?:my\s+life|it\s+all)\b
        | (?:thinking|thought|think|want|wanted|planning|plan|ready)\s+(?:of\s+|about\s+|to\s+)?end(?:ing)?\s+(?:things|everything|it)\b
          (?!\s+(?:for|with|on|like|at|in)\b)
        | (?:want|wish)\s+(?:to\s+)?(?:die|be\s+dead|not\s+exist)
        # a plan told as what one is about to do ("im going to end it tonight, just wanted to know what
        # hcg is first" was answered); not ending something with someone, or the chat ("end it here")
        | (?:going\s+to|gonna|about\s+to|i'?ll|i\s+will|decided\s+to|wanna)\s+end\s+(?:it|things|everything|my\s+life)\b
          (?!\s+(?:with|for|on|at|in|by|between|here|there)\b)
        # despair ("i dont see the point anymore honestly", told after a question, was answered)
        | (?:(?:don'?t|dont|do\s+not|can'?t|cant)\s+(?:really\s+|even\s+|honestly\s+|just\s+)?see\s+(?:the|a|any)|\bno|see\s+no)\s+point
          \s+(?:any\s?more|in\s+(?:anything|life|living|(?:waking|getting)\s+up|going\s+on|carrying\s+on|trying|being\s+(?:here|alive)))\b(?:\s+any\s?more\b)?
          (?=\s*(?:[.,!?;]|$|honestly|tbh|really|lol|at\s+all|and|but|so)) 
        # pills kept back to take together ("ive been saving my clomid so i can take them all at once" was
        # refused as a dose request, with no number to call)
        | (?:saved|saving|stockpil\w*|hoard\w*|collect\w*)\b[^.?!]{0,40}?\b(?:take|swallow|down|use)\s+(?:them|it|all|the\s+lot)
          \b[^.?!]{0,15}?\b(?:all|at\s+once|together|in\s+one\s+go)\b
        # told in everyday words before a question ("been thinking of ending things since i came off
        # trt. why is my testosterone low?" was answered: a story part alone must be very close to
        # an example to count, and these are the words people use; a tester's)
        | (?:rather|better)\s+(?:be\s+)?dead\b | wish\s+i\s+(?:was|were)\s+dead
        # not expecting to be alive for long ("honestly i dont see myself being around much longer. whats
        # the difference between clomid and tamoxifen" was answered; a learner tester's)
        | (?:don'?t|dont|do\s+not|can'?t|cant|cannot)\s+see\s+my\s?self\s+(?:being\s+|still\s+)?(?:around|here|alive)
          \s+(?:much\s+|for\s+)?(?:longer|long|any\s?more)\b
        | (?:won'?t|wont|will\s+not|not\s+going\s+to|not\s+gonna)\s+be\s+(?:around|here|alive)\s+(?:much\s+|for\s+)?(?:longer|long)\b
        | better\s+off\s+(?:gone|not\s+(?:here|around|alive)) | (?:i'?m|im|i\s+am)\s+(?:so\s+|just\s+|really\s+)?done\s+with
          \s+(?:everything|life|living|it\s+all)\b(?!\s+(?:on|in|for|from|at|about|that|i|you|we|to|of)\b)
        | wish\s+i\s+(?:wasn'?t|wasnt|weren'?t|werent)\s+(?:here|alive|born|around)
        | better\s+off\s+if\s+i\s+(?:just\s+)?(?:wasn'?t|wasnt|weren'?t|werent|was\s+gone|was\s+dead|died|disappeared)
        | (?:everyone|everybody|they|family|world|kids|wife|husband|partner|people|all)\b[^.?!]{0,25}?
          (?:fine|happier|better)\s+(?:off\s+)?without\s+me\b
        | (?:cut|cutting|burn|burning|harm|harming)\s+my\s?self
        | (?:cut|cutting|slit|slitting|burn|burning)\s+(?:my|his|her|their)\s+(?:arms?|wrists?|legs?|thighs?|skin)\b | (?:no|don'?t\s+see\s+a(?:ny)?|can'?t\s+see\s+a(?:ny)?)\s+way\s+out
        | can'?t\s+go\s+on\s+(?:any\s?more|like\s+this) | no\s+reason\s+to\s+(?:live|go\s+on|keep\s+going)
        # "what is prolactin. i just cant do this anymore" was answered (alone, the classifier's emergency
        # at 0.99; as a part after a question, 0.54 from its nearest example, below PART_SUPPORT)
        | (?:can'?t|cant|cannot)\s+(?:do|take|handle)\s+(?:this|it)\s+any\s?more\b(?!\s*(?:lol|haha|lmao|😂|,?\s+(?:this|the)\s+(?:chapter|section|reading|text|exam)))
        # the means at hand ("ive got pills saved up in case i decide to go through with it", "i have my
        # dads gun in the drawer and keep looking at it"; a tester's)
        | (?:saved|saving|stockpil\w*|hoard\w*)\s+(?:up\s+)?(?:[\w']+\s+){0,3}(?:pills|meds|tablets)
        | (?:pills|meds|tablets)\s+(?:all\s+)?(?:lined\s+up|laid\s+out|counted\s+out|in\s+front\s+of\s+me)
        | (?:pills|meds|tablets)\s+(?:\w+\s+){0,2}?(?:saved|stashed|stockpiled|hoarded|put\s+(?:aside|away))(?:\s+up)?
          \s+(?:for|in\s+case|just\s+in\s+case)\b
        | (?:pills|meds|tablets|gun|rope|noose|blade|knife)\b[^.?!]{0,60}?\b(?:go\s+through\s+with\s+it|keep\s+(?:looking\s+at|holding)\s+it
             |in\s+case\s+i\s+decide|(?:been\s+|keep\s+)?think(?:ing)?\s+about\s+(?:it|using\s+it|doing\s+it)\b|us(?:e|ing)\s+it\s+on\s+my\s?self)
        | (?:a|the|my)\s+(?:rope|noose)(?:'s|\s+is)?\s+(?:already\s+)?(?:ready|tied|set\s+up|up\b|hung)
        | (?:goodbye|farewell|suicide)\s+(?:letters?|notes?|messages?|videos?) | make\s+(?:it|everything)\s+all\s+stop
        | (?:gun|pistol|rifle|firearm)\s+(?:is\s+)?(?:in\s+my\s+(?:lap|hand|mouth)|to\s+my\s+head|loaded\s+(?:next\s+to|beside)\s+me)
        | (?:i'?m|i\s+am|standing|sitting)\s+(?:at\s+the\s+top\s+of|on\s+(?:the\s+)?(?:edge\s+of\s+)?)\s*(?:a\s+|the\s+)?
          (?:bridge|roof|ledge|cliff|edge)\b
        # the slang of it ("been thinking of unaliving myself", "kms"; a learner tester's)
        | unaliv\w*\s+(?:my\s?self|me)\b | \bkms\b
        # the warning signs of a plan (a learner tester's, each told after an ordinary question and
        # answered): farewell letters, affairs put in order, belongings given away
        | (?:written|wrote|writing|left)\s+(?:\w+\s+){0,2}?(?:letters?|notes?)\s+(?:to|for)\s+(?:my|the)\s+
          (?:kids|children|family|wife|husband|partner|son|daughter|parents|mum|mom|dad|girlfriend|boyfriend)\b
        | (?:put|putting|got|getting|sorted|sorting)\s+(?:all\s+)?my\s+affairs\s+in\s+order
        | (?:sorted|sorting|made|making|wrote|writing|updated|updating|finished)\s+(?:out\s+)?my\s+will\b(?!\s+(?:to|power))
        | (?:giving|gave|given)\s+away\s+(?:all\s+)?(?:of\s+)?my\s+(?:stuff|things|possessions|belongings)
        | (?:said|saying)\s+(?:my\s+)?goodbyes?\s+to\s+(?:everyone|everybody|my)
        | what'?s?\s+(?:is\s+)?the\s+point\s+(?:of|in)\s+(?:anything|living|life|going\s+on|it\s+all|any\s+of\s+it|being\s+(?:here|alive))
        | (?:don'?t|do\s+not|dont|not\s+(?:even\s+)?sure\s+(?:if\s+|that\s+)?i|no\s+longer|doubt\s+i)\s+(?:really\s+)?want\s+to\s+(?:be\s+(?:here|alive|around)|live|wake\s+up|exist)\s+(?:any\s?more|now) | hurt(?:ing)?\s+my\s?self | self[-\s]?harm\w*
        | (?:lethal|fatal|deadly)\s+(?:dose|amount) | better\s+off\s+without\s+me
        # a bare cry for help ("please help", "help me"); "help" alone is the chat's /help
        | ^\W*(?:please\s+|pls\s+|someone\s+|somebody\s+)?help(?:\s+(?:me|us|please|pls))+\W*$
        | ^\W*(?:please|pls|someone|somebody)\s+help\W*$
        | (?:no|don'?t\s+see\s+the)\s+point\s+(?:in\s+)?(?:going\s+on|living|being\s+here)
        | (?:life|living)\s+(?:is\s*n'?t|is\s+not|isnt)\s+worth
        # a child who swallowed a medicine or something poisonous (an event, "ate", not "what if a
        # child eats"; a medicine, not "my son got into bodybuilding"; a child's age, not "I'm 35")
        | (?:child|kid|toddler|baby|infant|son|daughter|grandson|granddaughter
             |(?:[1-9]|1[0-2])\s*(?:-\s*)?(?:year|yr|month)s?\s*(?:-\s*)?old)\b
          [^.?!]{0,40}?\b(?:ate|swallowed|drank|chewed|licked|got\s+(?:into|hold\s+of))\b
          [^.?!]{0,30}?\b(?:pills?|tablets?|capsules?|meds|medicines?|medications?|drugs?|gel|cream|patch(?:es)?
             |bottle|vial|syringe|(?:some|all|one|two|three|a\s+few|several|a\s+handful)\s+of\s+(?:my|his|her|their|our|the)
             |my\s+(?!own\b)\w+|his\s+\w+|her\s+\w+|their\s+\w+)\b
        # far too much taken, or since taking it ("my heart races and I'm confused after taking too many clomid")
        | (?:took|taken|swallowed|injected|pinned|used|drank|ate|downed|popped
           |(?:after|since)\s+(?:taking|using|injecting|pinning|swallowing)(?!\s+(?:way\s+|far\s+)?too\s+(?:much|many)\s+
              (?:days?|weeks?|hours?|time|breaks?|risks?|chances?|shortcuts?)\b))\b[^.?!]{0,40}?
          \b(?:way\s+too\s+much|far\s+too\s+much|too\s+many|(?:whole|entire|full)\s+(?:(?:day|week|month)'?s\s+(?:\w+\s+)?)?(?:bottle|vial|pack|box|month|sheet|strip|pill\s+organi[sz]er|organi[sz]er|supply
             |blister|packet|tub|jar|pot|tube|pen)|double|triple|ten\s+times|\d+\s*x\s+(?:my|the))
        # all of someone's tablets taken ("i took all my wife's progesterone pills, is that dangerous?" was
        # refused as personal advice; a reviewer's, stop 62)
        # (another's, or one's own at once; not "i haven't taken all my pills yet" or "took all my pills for
        # the whole course", a second reviewer's)
        | (?<!n't\s)(?<!not\s)(?<!never\s)(?<!nt\s)(?:took|swallowed|downed|popped|ate)\s+(?:all|the\s+rest)\s+(?:of\s+)?
          (?:(?:his|her|their|(?:(?:my|our|your|the)\s+)?[\w-]+'s)\s+(?:[\w'-]+\s+){0,3}?(?:pills?|tablets?|tabs|caps|capsules?|meds|medicines?|medications?|drugs|supply)\b
             (?![^.?!]{0,40}?\b(?:as\s+(?:usual|prescribed|directed)|course|pack|cycle|every\s+day|each\s+day|like\s+the\s+doctor))
           |(?:my|the|our|your)\s+(?:[\w'-]+\s+){0,3}?(?:pills?|tablets?|tabs|caps|capsules?|meds|medicines?|medications?|drugs|supply)\s+
             (?:at\s+once|in\s+one\s+go|together|at\s+the\s+same\s+time|in\s+one\s+night))
        # a count of tablets no one takes at once ("my wife took like 30 of her tamoxifen pills, how does
        # tamoxifen work", "my brother took 20 of my clomid to get high" were answered or refused as
        # misuse; a learner tester's): ten or more, of someone's medicine or as tablets, not milligrams
        | (?:took|taken|swallowed|downed|popped|ate|had)\s+(?:(?:like|about|around|maybe|over|nearly|almost|at\s+least|some)\s+)?
          ['"‘“]?(?:[1-9]\d+|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+dozen|dozens|a\s+handful|handfuls)['"’”]?\s+
          (?:of\s+(?:my|his|her|their|the|our|your|those|these)\b|(?:[\w-]+\s+){0,2}?(?:pills|tablets|tabs|caps|capsules)\b)
    )""", re.IGNORECASE | re.VERBOSE)

# The signs that need an ambulance, named outright. Also the names of symptoms a teacher's text
# may be about ("what causes seizures?", "why do people with COPD have trouble breathing?"), so
# they decide alone only when someone has them: a message that is not a general question, or
# that speaks of the asker or someone close (_SOMEONE). A general question is left to the
# classifier, which still sees every wording.
_EMERGENCY_SIGNS = re.compile(r"""
    \b(?: can'?t\s+breathe | cannot\s+breathe | (?:trouble|struggling|hard)\s+(?:to\s+)?breath(?:e|ing)
        | chest\s+(?:\w+\s+){0,3}?(?:pain|tight\w*|pressure|hurts?|crushing) | crushing\s+(?:chest|pain)
        # the red flags of the usual "call an ambulance" lists, each a concept in any order or wording
        # near it (a second blind writer's, stop 53: "crushing pressure in my chest", "throat feels
        # tight, wheezing, hives", "cant lift his right arm", "not really waking up", "leg went suddenly
        # cold, white and agonisingly painful", "vomiting blood", "5 hrs ago and still fully hard")
        | (?:pain|pressure|tightness|heaviness|squeezing|crushing)\s+(?:in|on|across|around)\s+(?:my|his|her|their|the)\s+chest
        | throat\s+(?:\w+\s+){0,2}?(?:tight|tightening|closing|swelling|swollen)
        | wheez\w*\b[^.?!]{0,40}?\b(?:hives|swell\w*|swollen|rash) | (?:hives|swell\w*|swollen)\b[^.?!]{0,40}?\bwheez\w*
        | (?:not|isn'?t|isnt|aren'?t|won'?t|wont|can'?t|cant)\s+(?:really\s+|properly\s+|fully\s+)?(?:waking(?:\s+up)?|wake\s+(?:him|her|them))
        | (?:he|she|they|he'?s|she'?s|hes|shes|they'?re|theyre)\s+(?:is\s+|are\s+)?(?:not|isn'?t|isnt|aren'?t|won'?t|wont)\s+(?:really\s+)?responding
        | (?:had|having|has)\s+(?:a\s+)?(?:fit|fits|convulsions?)\b[^.?!]{0,40}?\b(?:not|won'?t|isn'?t|can'?t)\b
        # a fit and a mind changed after it, numbness or weakness down one side (a migraine handout's
        # 999 list; "my boyfriend had a fit and now hes got a headache and is confused" and "my left
        # side feels numb" were answered beside it), someone hard to wake
        | (?:had|having|has)\s+(?:a\s+)?(?:fit|fits|convulsions?)\b[^.?!]{0,60}?\b(?:confus\w*|drowsy|disorientated|disoriented
             |not\s+making\s+sense)
        | (?:left|right|one)\s+side\s+(?:of\s+(?:my|his|her|their|the)\s+(?:body|face)\s+)?(?:\w+\s+){0,2}?(?:numb|weak|dead|paralys\w*)\b
        | (?:numb\w*|weak\w*|paralys\w*)\s+(?:\w+\s+){0,3}?(?:on|down)\s+(?:one|the\s+(?:left|right))\s+side\b
        | (?:one|left|right)[-\s]sided\s+(?:\w+\s+)?(?:numbness|weakness|paralysis)      # a second tester's "one sided weakness"
        | (?:hard|difficult|impossible)\s+to\s+(?:wake|rouse)
        | (?:leg|arm|foot|hand)\b[^.?!]{0,30}?\b(?:cold|white|pale|blue|mottled)\b[^.?!]{0,40}?\b(?:pain\w*|agon\w*|excruciating|numb)
        | (?:vomit\w*|throw\w*\s+up|threw\s+up|puk\w*|cough\w*(?:\s+up)?)\s+(?:up\s+)?(?:(?:a\s+lot\s+of|lots\s+of|some|fresh|bright\s+red)\s+)?blood
        | (?:sudden\w*|excruciating|agonis\w*|agoniz\w*|unbearable|worst)\s+(?:\w+\s+){0,2}?(?:pain|headache)\b
        | (?:erection|hard-?on|boner|still\s+(?:fully\s+|rock\s+)?hard)\b[^.?!]{0,60}?\b(?:\d+|several|few|many|three|four|five|six)\s*(?:hours|hrs|h)\b
        | (?:\d+|several|few|many|three|four|five|six)\s*(?:hours|hrs)\b[^.?!]{0,60}?\b(?:erection|still\s+(?:fully\s+|rock\s+)?hard)\b
        | pregnant\b[^.?!]{0,80}?\b(?:flashing\s+lights|blurr\w*\s+vision|seeing\s+(?:spots|stars|flashes)|(?:severe|splitting|pounding)\s+headache)
        | clutch(?:ing|ed|es)?\s+(?:at\s+)?(?:my|his|her|their)\s+chest
        | (?:lips?|tongue)\s+(?:\w+\s+){0,3}?(?:swell\w*|swollen)
        | (?:passed|blacked)\s+out | unconscious | unresponsive | won'?t\s+wake\s+up | not\s+breathing
        # a seizure had now, not seizures lived with: "should i keep a seizure diary", "can i work night shifts
        # with seizures", "will my seizures ever stop" got the emergency message beside a reviewer's epilepsy
        # handout (stop 65; 26 of 247 probes)
        | ^\W*seizures?\W*$ | seizing
        | (?:having|had|has|have|having\s+another)\s+(?:a\s+|another\s+|an?\s+[\w-]+\s+|(?:\d+|two|three|several|more)\s+)?seizures?\b
        | seizures?\s+(?:\w+\s+)?(?:now|right\s+now|won'?t\s+stop|isn'?t\s+stopping|for\s+(?:over\s+)?\d+|lasting|in\s+a\s+row)
        | having\s+a\s+(?:stroke|heart\s+attack) | face\s+(?:is\s+)?drooping | priapism
        # a learner tester's, each told before an ordinary question and read as small talk:
        | (?:is|are|isn'?t|isnt|aren'?t|arent|not|stopped|barely|hardly)\s+breathing | collaps(?:ed|ing)
        | slurr(?:ed|ing)\s+(?:\w+\s+)?(?:words?|speech) | (?:words?|speech|talking)\s+(?:\w+\s+){0,4}?slurr(?:ed|ing)
        | (?:face|mouth|smile)\b[^.?!]{0,25}?\bdroop(?:y|ing|ed|s)\b | droop(?:y|ing)\s+(?:on\s+one\s+side|face|mouth)
        | bleed\w*[^.?!]{0,40}?\b(?:won'?t|wont|doesn'?t|doesnt|can'?t|cant|not|will\s+not)\s+stop\w*
        | can'?t\s+(?:feel|move|lift|raise)\s+(?:my|his|her|their)\s+(?:(?:left|right)\s+)?(?:legs?|arms?|face|feet|hands?|side)
        # a racing heart with fainting, and bleeding in pregnancy (a learner tester's, each told after
        # a question and answered)
        | (?:heart|pulse)\b[^.?!]{0,30}?\b(?:racing|pounding|hammering|\d{3})\b[^.?!]{0,50}?
          \b(?:pass(?:ing)?\s+out|faint\w*|black(?:ing)?\s+out|collaps\w*)
        | pregnant\b[^.?!]{0,40}?\bbleeding\b | bleeding\b[^.?!]{0,40}?\bpregnant\b
        # blue or grey lips, and breath fought for (an exploratory tester's, beside an asthma handout:
        # "my sons lips have gone a bit blue, what does the text say about blue lips" and "ive been
        # fighting for breath since this morning" were answered): on every ambulance list
        | (?:lips?|fingertips?|fingernails?)\s+(?:\w+\s+){0,4}?(?:blue|bluish|grey|gray|greyish|grayish)\b
        | face\s+(?:\w+\s+){0,4}?(?:blue|bluish)\b
        | (?:he|she|they|i|he'?s|she'?s|hes|shes|they'?re|i'?m|im|baby|child|kid|son|daughter|husband|wife|partner|friend
             |dad|mum|mom|brother|sister)\s+(?:is\s+|are\s+|has\s+|have\s+|just\s+)?(?:turn(?:ed|ing|s)?|gone|going|went|go)
          \s+(?:a\s+bit\s+|slightly\s+|kind\s+of\s+|really\s+)?blue\b
        | (?:fight\w*|gasp\w*|struggl\w*)\s+for\s+(?:breath|air) | can'?t\s+(?:catch|get)\s+(?:my|his|her|their|a)\s+breath
        | (?:can'?t|cannot|unable\s+to)\s+(?:speak|talk)\s+in\s+(?:full|whole|complete)\s+sentences
        # a floppy, limp or unresponsive child, on every list for babies ("why is my baby so floppy"
        # was refused as personal advice, with no number to call; a reviewer's)
        | (?:my|our|his|her|their|the|this)\s+(?:\w+\s+)?(?:baby|infant|newborn|toddler|child|kid|son|daughter)\b[^.?!]{0,100}?
          \b(?:floppy|limp|unresponsive
             |not\s+responding|won'?t\s+respond|isn'?t\s+responding|grunting)
        # a fit happening now, a rash that does not fade under a glass, a stiff neck with a fever, in someone
        # named: on every list for a child with a fever ("my 2 year old is having a fit", "my toddler has a rash
        # that doesnt go away when i press a glass on it" and "a really high temp and a stiff neck" were refused
        # as personal advice; a school nurse's fever handout's tester). Not "what does it mean when a baby is
        # fitting?", "the builders are fitting a kitchen" or "a rash that fades under a glass" (a reviewer's).
        # The one named may open the message, or a sentence of it, with no "my", as texted ("heavily pregnant
        # sister is fitting", "help! sister is fitting" got no number at all; a sealed short-message
        # writer's and a reviewer's, stop 71). Fitting something ("my dad is fitting the new door", "fitting
        # a new kitchen") is no fit, fitting "a lot", "a second time" or "the whole time" is; so are fits
        # "of laughter" no fit.
        | (?:(?:(?:my|our|his|her|their|this|the)\s+|(?:^|(?<=[.!?,;:])|(?<=[.!?,;:]\s))\W*)(?:[\w-]+\s+){0,3}?(?:baby|infant|newborn
             |toddler|child|kid|son|daughter|boy|girl|brother|sister|husband|wife|partner|friend|dad|mum|mom
             |(?:year|month|week)s?[\s-]*old)
           |(?:he|she|they))
          (?:'s|\s+is|\s+are|\s+has\s+been|\s+keeps?|\s+started|\s+starts)\s+
          (?:having\s+(?:a\s+)?(?:fit|fits|convulsions?)|in\s+the\s+middle\s+of\s+a\s+fit|fitting|convulsing)\b
          (?!\s+(?:about|over|because|loosely|well|fine|perfectly|properly|in|into|of)\b)
          (?!\s+(?:a|an|the|new|out|some|his|her|their|our|my)\b
              (?!\s+(?:lot|second|third|few|while|bit|little|minute|minutes|couple|long|time|moment|whole|fit|seizure)\b))
        # ... asked as a question ("is my daughter having a fit? she has chickenpox and is jerking"; a reviewer's)
        | \b(?:is|are)\s+(?:(?:my|our|his|her|their|this|the)\s+(?:[\w-]+\s+){0,3}?(?:baby|infant|newborn|toddler|child|kid|son
             |daughter|boy|girl|brother|sister|husband|wife|partner|friend|dad|mum|mom|grandson|granddaughter|kids|children|babies)
             |he|she|they)\s+(?:having\s+(?:a\s+|an\s+)?(?:epileptic\s+)?(?:fit|fits|seizures?|convulsions?)|fitting|convulsing|seizing)\b
          (?!\s+(?:of|about|over|because|in\s+the\s+past|before|when\s+(?:he|she|they)\s+was|as\s+a))
        # ... a rash or spots that do not fade when pressed with a glass, and a stiff neck with a fever (not "my
        # son's eczema rash does not fade in winter" or "a stiff neck from PE"; a second reviewer's)
        | (?:my|our|his|her|their|this)\s+(?:[\w-]+\s+){0,3}?(?:baby|infant|newborn|toddler|child|kid|son|daughter|boy|girl
             |(?:year|month|week)s?[\s-]*old)(?:'s)?\b[^.?!]{0,60}?\b(?:rash|spots?|blotch\w*)\b[^.?!]{0,60}?
          (?:\b(?:doesn'?t|does\s+not|don'?t|dont|won'?t|wont|didn'?t|not|isn'?t|aren'?t)\s+(?:fad\w*|go(?:ing)?\s+away
             |disappear\w*|go\s+pale|turn\s+pale)\b[^.?!]{0,50}?\b(?:glass|tumbler|press\w*)
           |\b(?:doesn'?t|does\s+not|don'?t|dont|won'?t|wont|not|isn'?t|aren'?t)\s+blanch\w*)
        | (?:my|our|his|her|their|this)\s+(?:[\w-]+\s+){0,3}?(?:baby|infant|newborn|toddler|child|kid|son|daughter|boy|girl
             |(?:year|month|week)s?[\s-]*old)(?:'s)?\b[^.?!]{0,60}?\bnon-?blanching
        | (?:my|our|his|her|their|this)\s+(?:[\w-]+\s+){0,3}?(?:baby|infant|newborn|toddler|child|kid|son|daughter|boy|girl
             |(?:year|month|week)s?[\s-]*old)\b[^.?!]{0,80}?
          (?:\bstiff\s+neck\b[^.?!]{0,60}?\b(?:fever|temp\w*|hot|rash|(?:can'?t|cannot|won'?t|doesn'?t\s+like)\s+(?:stand|bear|look\s+at
             |take)\s+(?:the\s+)?(?:light|bright\s+lights?)\b|sensitiv\w*\s+to\s+(?:the\s+)?light\b|light[\s-]sensitiv\w*|photophob\w*|light\s+hurts)|\b(?:fever|temp\w*|hot|rash)\b[^.?!]{0,60}?\bstiff\s+neck\b)
        # a newborn who will not feed ("my newborn is 2 weeks old with chickenpox and wont feed, is she very
        # ill?" was answered; a reviewer's): on every list for babies under a few weeks
        | (?:newborn|new-born|(?:[1-9]|1[0-2])\s*(?:-\s*)?(?:day|week|wk)s?[\s-]*old)\b[^.?!]{0,60}?
          \b(?:won'?t|wont|will\s+not|isn'?t|isnt|is\s+not|not|hasn'?t|stopped|refus\w*)\s+(?:been\s+)?(?:feed\w*|eat\w*|drink\w*|tak\w*\s+(?:the\s+|her\s+|his\s+)?(?:breast|bottle|milk|feeds?))\b
          (?!\s+(?:from|on|off)\s+(?:the\s+|one\s+|her\s+|his\s+|my\s+)?(?:left|right|one|other|that)\b)
        # ... told of "he" or "she" ("He has a rash that won't fade under a glass … Is it chickenpox?"; a reviewer's)
        | \b(?:he|she|they|i)(?:\s+(?:has|have|has\s+got|have\s+got|got)|'s\s+got|s\s+got|'ve\s+got)\s+(?:a\s+|some\s+|these\s+)?(?:[\w-]+\s+){0,2}?
          (?:rash|spots|blotches)\b[^.?!]{0,40}?\b(?:(?:doesn'?t|does\s+not|don'?t|dont|won'?t|wont|didn'?t|not|isn'?t|aren'?t)\s+
          (?:fad\w*|go(?:ing)?\s+away|disappear\w*|go\s+pale|turn\s+pale)\b[^.?!]{0,50}?
          (?:\b(?:under|against|with|through|press\w*\s+(?:a|the))\s+(?:a\s+|the\s+)?(?:glass|tumbler)\b|\b(?:glass|tumbler)\s+test\b)
          |(?:doesn'?t|does\s+not|don'?t|dont|won'?t|wont|not|isn'?t|aren'?t)\s+blanch\w*)
    )""", re.IGNORECASE | re.VERBOSE)

# An emergency medicine used just now: after an adrenaline pen, glucagon or naloxone every leaflet says
# to call an ambulance, however the person feels ("my boyfriend used his epipen 10 mins ago and hes
# still struggling, can he have another", "i used my epipen but i feel better now so can i just go
# home" were refused as personal advice and as a dose; an allergy handout's tester). Used, not handed
# over ("my gp gave me an epipen"), and only with a word that it was just now (a reviewer's: "has
# anyone used adrenaline for asthma", "i used my epipen last year, how do i get a new one").
_EMERGENCY_MEDICINE_USED = re.compile(
    r"\b(?:used|injected|jabbed|administered|had\s+to\s+(?:use|give)|gave\s+(?!me\b|us\b)[\w']+(?:\s+[\w']+)?)\s+(?:[\w']+\s+){0,2}?"
    r"(?:epi-?pens?|auto-?injectors?|adrenaline|epinephrine|glucagon|naloxone|narcan|jext|emerade)\b", re.IGNORECASE)
_JUST_NOW = re.compile(r"\b(?:just|ago|now|today|tonight|earlier|this\s+(?:morning|afternoon|evening)|still|mins?|minutes?"
                       r"|an?\s+hour|hours?)\b", re.IGNORECASE)

# A clot that may have reached the lungs: a swollen, red, hot or painful leg with new breathlessness
# ("my calf is swollen red and hot on one side … now i get out of breath on the stairs" was refused
# as personal advice; a tester's). Breathlessness alone is no sign ("i get out of breath running").
_CLOT_IN_A_LEG = re.compile(r"\b(?:calf|calves|leg|legs|thigh|ankle)\b[^.?!]{0,40}?\b(?:swollen|swelling|swelled|red|hot|warm"
                            r"|painful|tender|throbbing)\b|\b(?:swollen|red|hot|painful)\s+(?:\w+\s+){0,2}(?:calf|leg|thigh)\b",
                            re.IGNORECASE)
# Confusion with a sign of the body ("my blood sugar meter says 450 and im super thirsty and confused",
# "peeing constantly, super thirsty and feel confused and drowsy"; a tester's), or with drowsiness:
# not "confused about", a learner's word.
_CONFUSED = (r"(?:confused|disoriented|drowsy|can'?t\s+stay\s+awake|hard\s+to\s+wake)"
             r"(?![\s,]+(?:about|by|why|what|how|as\s+to|on|with|between|if|whether|when|which)\b)")
# Blood sugar fallen low with a sign of it ("his sugar crashed really low and hes confused. what is
# igf-1" was answered; a learner tester's): not "why does sugar drop after a meal?".
_LOW_SUGAR = re.compile(r"\b(?:sugars?|glucose|bg|bgl)\b[^.?!]{0,30}?\b(?:crash\w*|dropp?(?:ed|ing)|plummet\w*|tank\w*"
                        r"|(?:really|very|super|dangerously|so)\s+low)\b", re.IGNORECASE)
_UNWELL = re.compile(r"\b(?:confused|shaky|shaking|sweaty|sweating|clammy|faint\w*|dizzy|drowsy|passing\s+out|not\s+making\s+sense"
                     r"|won'?t\s+make\s+sense|slurr\w*|can'?t\s+think)\b", re.IGNORECASE)
_ALTERED = re.compile(
    rf"\b(?:thirsty|peeing|urinating|vomiting|throwing\s+up|fever|stiff\s+neck|slurring|sweating|sweaty|shaking|shaky|clammy)\b[^.?!]{{0,40}}?"
    rf"(?:\band\b|,)\s+(?:(?:feel|feeling|feels|am|is|im|i'm|getting|gets|super|really|very|so|now|also)\s+){{0,3}}{_CONFUSED}\b"
    rf"|\b{_CONFUSED}\s+and\s+(?:(?:very|really|super|so)\s+)?(?:drowsy|sleepy|disoriented|can'?t\s+stay\s+awake)\b"
    # confused and unable to get up ("my mum is really confused and cold and wont get up"; probes of stop 49)
    rf"|\b{_CONFUSED}\b[^.?!]{{0,40}}?\b(?:won'?t|wont|can'?t|cant|cannot|unable\s+to)\s+(?:get\s+up|stand|move|respond)\b"
    rf"|\b(?:won'?t|wont|can'?t|cant|cannot|unable\s+to)\s+(?:get\s+up|stand|move|respond)\b[^.?!]{{0,40}}?\b{_CONFUSED}\b",
    re.IGNORECASE)
# Low blood sugar in someone with diabetes: a changed mind, or two bodily signs ("my dad is diabetic
# and now he's confused and sweating, what does growth hormone do to glucose" was answered; a
# learner tester's). "I have diabetes, why do I get shaky when I exercise?" has one sign, no change of mind.
_DIABETIC = re.compile(r"\b(?:diabetic|diabetes|type\s*(?:1|2|one|two)|insulin)\b", re.IGNORECASE)
_PERSON_WORD = (r"\b(?:he|she|they|who|son|daughter|child|kid|baby|toddler|husband|wife|partner|friend|dad|mum|mom|father"
                r"|mother|brother|sister|grandma|grandpa|grandmother|grandfather)")
_MIND_CHANGED = re.compile(rf"\b(?:{_CONFUSED}|not\s+making\s+sense|won'?t\s+make\s+sense|can'?t\s+think\s+straight"
                           r"|slurr\w*|passing\s+out|passed\s+out|fainted"
                           # a fit (a diabetes handout's tester: "my wife is having a fit and she has diabetes",
                           # "my dad is fitting and he takes insulin" were refused as personal advice)
                           r"|having\s+(?:a\s+)?(?:fit|fits|seizure|convulsions?)|convuls\w*|seizing"
                           # a person fitting, not a pen or a shoe that is (not) fitting properly, or fitting in
                           rf"|{_PERSON_WORD}(?:'s|s)?\s+(?:[\w']+\s+){{0,4}}?(?:is|was|are|were|started|starting|keeps|kept|been)"
                           r"\s+fitting\b(?!\s+(?:properly|right|well|correctly|loosely|snugly|tightly|in|into|on|ok|okay)))",
                           re.IGNORECASE)
# Blood sugar said to be low, in any words, with a changed mind ("my son's sugar is low and he is
# confused, what should we do" was refused as personal advice; the same tester's)
_SUGAR_SAID_LOW = re.compile(r"\b(?:sugars?|glucose|bg|bgl)\b[^.?!]{0,20}?\b(?:is|are|was|'s|s|gone|went|going|getting|got)\s+"
                        r"(?:too\s+|quite\s+|a\s+bit\s+)?low\b", re.IGNORECASE)
# ... and someone said to be confused, whatever follows ("… and he is confused what should we do"; the
# learner's "confused about why" is no one's state, a reviewer's)
_IS_CONFUSED = re.compile(r"\b(?:is|are|was|were|'s|s|hes|shes|theyre|seems?|looks?|getting|gets|got|become|becoming|and)\s+"
                          r"(?:very\s+|really\s+|so\s+|a\s+bit\s+|quite\s+|all\s+)?(?:confused|disoriented|drowsy)\b", re.IGNORECASE)
_HYPO_SIGNS = re.compile(r"\b(?:shaky|shaking|sweaty|sweating|clammy|pale|racing\s+heart)\b", re.IGNORECASE)


def _low_sugar_signs(text: str) -> bool:
    return bool(_DIABETIC.search(text)) and (bool(_MIND_CHANGED.search(text))
                                            or len(set(m.group(0).lower() for m in _HYPO_SIGNS.finditer(text))) >= 2)


_BREATHLESS = re.compile(r"\b(?:out|short)\s+of\s+breath|\bbreathless\w*|\bcan'?t\s+catch\s+(?:my|his|her|their)\s+breath"
                         r"|\bcoughing\s+(?:up\s+)?blood", re.IGNORECASE)


# When to get help: "when should I call an ambulance for asthma?" was refused as dosing advice, the
# worst answer to it. A question that asks when (or by what signs) to get emergency help, and
# names no amount, is never refused as dosing or personal advice: an emergency is judged first,
# the text answers it, and a not-covered reply names the emergency numbers (Tutor.answer). Getting
# help must be what is asked: "should I stop TRT or go to hospital?", "when should I take clomid,
# before I go to hospital?" and "how much … before I call an ambulance?" ask other things.
_GET_HELP = (r"(?:(?:call|phone|ring|dial)\s+(?:for\s+)?(?:an?\s+|the\s+)?(?:ambulance|911|999|112|emergency(?:\s+services)?|paramedics|a\s+doctor)"
             # "when should I call my diabetes nurse / see my GP?": a handout's "When to get help"
             r"|(?:call|phone|ring|contact|see|visit|speak\s+to|talk\s+to|tell)\s+(?:my|a|the|your|our|his|her|their)\s+(?:\w+\s+)?"
             r"(?:doctor|gp|nurse|pharmacist|midwife|specialist|consultant|care\s+team|provider|health\s*care\s+provider|clinic)"
             r"|(?:go\s+|get\s+|take\s+(?:\w+\s+){1,2}|bring\s+(?:\w+\s+){1,2})to\s+(?:the\s+)?(?:hospital|er|a&e|emergency(?:\s+(?:room|department))?)"
             r"|(?:seek|get)\s+(?:urgent\s+|emergency\s+|immediate\s+)?(?:medical\s+)?(?:help|care|attention|treatment))\b")
# Taken to a doctor, asked as whether to ("should i take my son to the gp"): a place to go for help, not
# for an emergency, so only in that question's form (a second reviewer's "when should i go to the gp for
# my next trt jab" was answered with it in _GET_HELP)
_TO_A_DOCTOR = (r"(?:go|take\s+(?:\w+\s+){1,2}|bring\s+(?:\w+\s+){1,2})to\s+(?:the\s+|a\s+)?(?:gp|doctors?|doctor'?s|surgery|clinic"
                r"|walk[- ]in(?:\s+(?:centre|center|clinic))?)\b")
_WHEN_TO_GET_HELP = re.compile(
    r"^\W*(?:(?:so|and|but|ok)\W+)?(?:"
    rf"(?:when|at\s+what\s+point)\s+(?:(?:should|do|must|would|does|is\s+it\s+time\s+to|to)\s+)?"
    rf"(?:(?:i|we|you|one|parents?|someone|he|she|they|people|patients?"
    rf"|(?:a|an|my|your|the|our|his|her)\s+(?:baby|person|patient|{RELATIONS}))"
    rf"(?:\s+with\s+(?:[\w'-]+\s+){{0,2}}[\w'-]+)?\s+)?(?:(?:need|have)\s+to\s+)?{_GET_HELP}"
    # "when is a kidney stone an emergency?", "when does gout become urgent?"
    r"|when\s+(?:is|are|does|do)\s+(?:[\w'-]+\s+){1,4}(?:(?:become|turn\s+into)\s+)?(?:an?\s+)?(?:emergency|urgent)\b"
    rf"|how\s+(?:do|would|can)\s+(?:i|you|we|parents?)\s+(?:know|tell)\s+when\s+to\s+{_GET_HELP}"
    r"|what\s+(?:are|is)\s+(?:the\s+)?(?:danger|warning|emergency)\s+signs?\b"
    # "what signs mean he needs to see a doctor after coming off trt?" (a learner tester's)
    rf"|what\s+(?:signs?|symptoms?)\s+(?:mean|means|would\s+mean|show|tell\s+(?:you|me|us))\s+(?:that\s+)?"
    rf"(?:(?:i|we|you|he|she|they|someone|(?:my|his|her|our)\s+\w+)\s+)?(?:(?:needs?|has|have)\s+to\s+|should\s+)?{_GET_HELP}"
    r"|is\s+(?:it|this|that)\s+an?\s+emergency\b"
    # whether to get help: "should i take my son to the gp", "should i see a gp about my vitamin d" ask
    # what a handout's "When to see a GP" answers, and were refused as a decision (a development sheet's)
    rf"|(?:should|shall|do|does|must)\s+(?:i|we|you|u|he|she|they|(?:my|our|his|her)\s+[\w-]+)\s+(?:(?:need|have)\s+to\s+|still\s+|just\s+|really\s+)?"
    rf"(?:(?!tell\b){_GET_HELP}|{_TO_A_DOCTOR})"
    # ... about a thing of one's own, in a few words: "about my vitamin d", not "for testosterone or can
    # my mate sort me out" nor "over the tamoxifen he found" (a second reviewer's)
    # ... or a sign had, in a few words: "should i go to a&e with a temperature" (a reviewer's, refused as a dose)
    r"(?:\s+(?:about|with)\s+(?:it|this|that|(?:my|his|her|our|their|an?)(?:\s+[\w'-]+){1,3}))?\W*$)", re.IGNORECASE)
# ... with no medicine, nothing taken, swallowed, stopped, doubled or obtained, no result and no number:
# "should i see my doctor about taking my husbands testosterone", "should i take my son to the gp for
# swallowing my tamoxifen", "should i go to the doctor for my high estradiol", "do i have to see a
# doctor for getting hcg" (a reviewer's) are more than whether to see one
_WHETHER_TO_GET_HELP = re.compile(r"^\W*(?:(?:so|and|but|ok)\W+)?(?:should|shall|do|does|must)\b", re.IGNORECASE)
_HELP_NAMED = re.compile(rf"{_GET_HELP}|{_TO_A_DOCTOR}", re.IGNORECASE)     # taken out before _ABOUT_A_MEDICINE looks
_ABOUT_A_MEDICINE = re.compile(rf"\b(?:{MEDICINE_WORDS}|meds?|medicines?|medications?|drugs?|treatments?|therap\w*|supplements?"
                               r"|doubl\w*|skip\w*|miss\w*|increas\w*|decreas\w*|chang\w*|switch\w*|start\w*|stop\w*|quit\w*"
                               r"|come\s+off|coming\s+off|take|taking|took|taken|use|using|used|on\s+(?:my|his|her|the|their)"
                               r"|swallow\w*|ate|eat\w*|drank|drink\w*|lick\w*|got\s+into|get|gets|getting|got|buy\w*|bought|obtain\w*"
                               r"|prescri\w*|gels?|creams?|patch\w*|high|low|raised|elevated|abnormal|levels?|results?|labs?|bloods?)\b|\d",
                               re.IGNORECASE)
_AMOUNT_ASKED = re.compile(r"\bhow\s+(?:much|many|often|long)\b|\bdos(?:e|es|age|ing)\b", re.IGNORECASE)


def asks_when_to_get_help(text: str) -> bool:
    """Whether a question asks when, or by what signs, to get emergency help (and names no amount);
    asked as whether to ("should i take my son to the gp"), also no medicine and nothing taken."""
    return bool(_WHEN_TO_GET_HELP.match(text) and not _AMOUNT_ASKED.search(text)
                and not pattern("REQUESTED").search(text)
                and not (_WHETHER_TO_GET_HELP.match(text)
                         and _ABOUT_A_MEDICINE.search(_HELP_NAMED.sub(" ", text))))


# What to do if something happens: "what do i do if my child is having an asthma attack" asks for the
# first aid a handout gives its readers, and was refused as personal advice (testers of an asthma
# and a diabetes handout). Tutor._guarded answers it when the text gives numbered steps for it.
_WHAT_TO_DO_IF = re.compile(r"^\W*(?:(?:so|and|but|ok|okay|um+|hi|hey)\W+)*(?:what\s+(?:do|should|can|must|would)\s+"
                            r"(?:i|we|you|u|one|parents?|people|someone|a\s+parent)\s+do|what\s+to\s+do"
                            r"|how\s+(?:do|should|can)\s+(?:i|we|you|u)\s+help)\b[^.?!]{0,60}?\b(?:if|when|in\s+case|during)\b",
                            re.IGNORECASE)


def asks_what_to_do_if(text: str) -> bool:
    """Whether a question asks what to do if (or when) something happens, and names no amount."""
    return bool(_WHAT_TO_DO_IF.match(text) and not _AMOUNT_ASKED.search(text) and not pattern("REQUESTED").search(text))


_SOMEONE = re.compile(r"""\b(?:i|i'm|im|i've|ive|i'd|me|my|mine|myself|we|we're|our|us|he|he's|she|she's|his|her|him
    |son|daughter|kid|child|baby|toddler|husband|wife|partner|boyfriend|girlfriend|dad|father|mom|mum|mother
    |brother|sister|friend|grandma|grandpa|grandmother|grandfather|someone\s+(?:here|near|next)|right\s+now
    |your|you're|youre|this|these)\b""",
                      re.IGNORECASE | re.VERBOSE)


def speaks_of_someone(text: str) -> bool:
    """Whether a message speaks of the asker or someone close (_SOMEONE): a red flag told so is theirs."""
    return _SOMEONE.search(text) is not None


# How often, named in words: "does the text say gonadorelin is twice weekly?" was answered with the
# item ("… [dose details omitted]") while "… daily?" was not: asked one schedule after another, the
# answers confirm the one the text gives (a tester's). Not "daily life", "weekly blood work".
_FREQUENCY = re.compile(
    r"\b(?:once|twice|thrice|\d+\s*(?:x|times?)|(?:one|two|three|four|five)\s+times?)\s*(?:a|an|per|each|every|/)?\s*-?\s*"
    r"(?:day|daily|week|weekly|wk|month|monthly|night|nightly)\b"
    r"|\b(?:daily|weekly|nightly|fortnightly|bi-?weekly|twice-weekly)\b(?!\s+(?:life|living|lives|routines?|activit\w+|tasks?"
    r"|stress|basis|blood|labs?|tests?|check\w*|monitor\w*|visits?|appointments?|basis|rhythm|cycles?|fluctuat\w*))"
    r"|\bevery\s+(?:other|second|third|\d+|two|three|few)\s+(?:days?|weeks?|nights?)\b|\b(?:eod|e\dd|qod|bid|tid|qd)\b",
    re.IGNORECASE)


# "get X back", "get X going again": recovering something, not obtaining it (a tester's "how do i get my
# testosterone back after trt?" was refused as misuse); a word of buying or a prescription keeps it
_GETTING_BACK = re.compile(r"\b(?:get|getting|got)\s+(?:(?:my|his|her|their|your|our|the|it|its|natural|own|body'?s)\s+)*"
                           r"(?:[\w-]+\s+){0,3}?(?:back|going\s+again|working\s+again|up\s+and\s+running)\b", re.I)
# Catching an illness is no way of getting a medicine: "can my kids catch it from me?", "can I get
# worms from eating undercooked pork?", "can you get gout from soda?" ask what causes or spreads it.
_CATCHING = re.compile(r"\b(?:catch(?:es|ing)?|caught|pass(?:es|ed|ing)?\s+(?:it|this|that)\s+(?:on|to)|spread(?:s|ing)?"
                       r"|(?:get|gets|getting|got)\b[^.?!]{1,40}?\bfrom\s+(?:eating|drinking|having|being|too\s+much|raw|undercooked|food|foods"
                       r"|water|milk|meat|eggs?|fish|shellfish|animals?|pets?|people|kissing|sex|touching|swimming|bites?"
                       r"|mosquito\w*|ticks?|contaminated|dirty|unwashed)\b)",
                       re.I)
# Keeping an illness away is no way of getting a medicine: "how do i stop my boy getting another
# stone" was refused as misuse (a development sheet's, stop 62); "how to avoid getting utis".
_PREVENTING = re.compile(r"\b(?:stop|stops|stopping|prevent\w*|avoid\w*|less\s+likely\s+to)\b[^.?!]{0,30}?"
                         r"\b(?:get|gets|getting)\b", re.I)
# Stopping a treatment of one's own: a decision, not a way of getting a medicine
_STOPPING_ONES_OWN = re.compile(r"\b(?:stop|stopping|quit|quitting|come\s+off|coming\s+off|get\s+off|getting\s+off|go\s+off"
                                r"|wean\w*|taper\w*|cold\s+turkey)\b", re.I)
_OBTAINING = re.compile(r"\b(?:buy\w*|order\w*|source\w*|online|prescription|script|dealer|import\w*|ship\w*|sell\w*"
                        r"|without\s+(?:a\s+)?(?:doctor|prescription)|black\s+market|underground|pharmacy|cheap\w*)\b", re.I)


# The time between doses asked: "what is the gap between doses of ibuprofen" was answered (a fever
# handout's tester; its redaction held)
_INTERVAL_ASKED = re.compile(
    r"\b(?:what(?:'s|\s+is|s)?\s+(?:the\s+)?(?:gap|time|interval|wait|spacing)|how\s+(?:long|much\s+time|many\s+hours)"
    r"(?:\s+(?:is|should|do|must|can)\s+(?:there|you|i|we)(?:\s+(?:be|wait|leave))?)?)\s+between\s+(?:the\s+|each\s+|two\s+)?"
    r"(?:doses|tablets|pills|puffs|sprays|injections|spoonfuls|each\s+(?:dose|one))\b", re.I)     # not "why is there a gap …",
                                                                           # "is the gap between puffs important?"


def _schedule_asked(text: str) -> bool:
    """Whether an ask of the message names how often something is taken: to confirm a schedule is
    to ask for it (docs/safety.md: how often)."""
    return any((_FREQUENCY.search(ask) or _INTERVAL_ASKED.search(ask)) and not _TOLD_OF_ONESELF.match(ask)
               and not asks_for_a_mechanism(ask)
               for ask in asks_in(text) or [text])     # "why are some hormones given as weekly injections …?" asks why


# "i'm on a weekly protocol and want to understand what 'titration' means": a schedule told, not asked
_TOLD_OF_ONESELF = re.compile(r"^\W*(?:(?:so|ok|okay|well|hi|hey)\W+)*(?:i|i'm|im|i've|ive|we|we're|my|he|she|he's|she's|his|her)\b", re.I)


# "this text is killing me", "the hpg stuff is killing me lol": a way of saying something is hard,
# not harm (a learner tester's, twice given the emergency message); a person, a pain or a medicine
# "killing me" is left to the rules and the classifier
_KILLING_ME_IDIOM = re.compile(
    r"\b(?:this|that|it|(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:text|reading|course|class|exam|test|homework|chapter|section|material|science|topic"
    r"|quiz|essay|assignment|revision|wait|suspense)|these\s+(?:notes|terms|names|words|acronyms)|[\w-]+\s+stuff|studying|reading|homework)"
    r"(?:\s+(?:tmrw|tomorrow|today|tonight|this\s+week|next\s+week))?"
    r"\s+(?:is|are|'s|s|will\s+be|'ll\s+be|ll\s+be|is\s+(?:gonna|going\s+to)\s+be|(?:gonna|going\s+to)\s+be)\s+"
    r"(?:literally\s+|actually\s+|honestly\s+|kinda\s+|so\s+)?(?:killing\s+me\b(?!\s+(?:inside|slowly))|the\s+death\s+of\s+me\b)",
    re.IGNORECASE)

# Killing time is passing it: "killing time between lectures, whats the hpg axis" and "want 2 kill time"
# were read as harm (an exploratory tester's and a writer's, stop 71)
_KILLING_TIME_IDIOM = re.compile(r"\bkill(?:s|ed|ing)?\s+(?:some\s+|a\s+bit\s+of\s+|the\s+|my\s+)?time\b|\btime\s+to\s+kill\b",
                                 re.IGNORECASE)


def _plainly(text: str) -> str:
    """The message with its idioms of hardship and of passing time said plainly."""
    return _KILLING_TIME_IDIOM.sub("pass time", _KILLING_ME_IDIOM.sub("this is hard for me", text))



NAMED, AT_A_DISTANCE = "named", "at a distance"
# "2" texted for "to" between words: "tok 40 pils of parcetamol want 2 die" was refused as a dose
# request (a reviewer's). Read so only for the rules that name an emergency, where the words after it
# must make one ("took 2 pills" names none)
_TEXTED_TO = re.compile(r"(?<=[a-z]) 2 (?=[a-z])", re.IGNORECASE)


def _red_flag(text: str, respelt: Callable[[str], str], message: str | None = None) -> str | None:
    """NAMED for harm, far too much taken or being poisoned, always, and for the signs that need
    an ambulance unless the message is a general question about them; AT_A_DISTANCE when every red
    flag the rules find is told denied, long past and over, or in general (distance.py); else
    None. As typed, and respelt: "chest pian", "a siezure" and "isnt breathin" are typed in a panic
    (spelling.py). `message`: the whole message `text` is a part of, whose other parts may say
    how it is told."""
    found = None
    for reading in dict.fromkeys([text, respelt(text), _TEXTED_TO.sub(" to ", text)]):
        if _named(reading):
            if not _all_at_a_distance(reading, message or text):
                return NAMED
            found = AT_A_DISTANCE
    return found


def _names_emergency(text: str, respelt: Callable[[str], str], message: str | None = None) -> bool:
    return _red_flag(text, respelt, message) == NAMED


def _named(text: str) -> bool:
    text = _plainly(text)
    if _EMERGENCY_PHRASES.search(text) or _EMERGENCY_PHRASES.search(retold_by_them(text)):
        return True
    return bool(_EMERGENCY_SIGNS.search(text) or _combined_signs(text)) \
        and (_SOMEONE.search(text) is not None or not ASKING.match(text))


def _combined_signs(text: str) -> bool:
    """Signs that are red flags only together (a swollen leg with breathlessness, confusion with
    thirst, low sugar with shaking, an emergency medicine used and a word of now), which may be told
    in different sentences."""
    return bool(_CLOT_IN_A_LEG.search(text) and _BREATHLESS.search(text) or _ALTERED.search(text)
                or _EMERGENCY_MEDICINE_USED.search(text) and _JUST_NOW.search(text)
                or _LOW_SUGAR.search(text) and _UNWELL.search(text) or _SUGAR_SAID_LOW.search(text) and (_MIND_CHANGED.search(text) or _IS_CONFUSED.search(text))
                or _low_sugar_signs(text) or young_baby_with_a_fever(text))


def _all_at_a_distance(text: str, message: str) -> bool:
    """Whether every red flag the rules find in `text` is told at a distance. A flag the rules find
    only across sentences, or a combination of signs, never is."""
    text = _plainly(text)
    if _combined_signs(text):
        return False
    flags = [(told, m.start()) for sentence in sentences(text)
             for told in dict.fromkeys([sentence, retold_by_them(sentence)])
             for rules in (_EMERGENCY_PHRASES, _EMERGENCY_SIGNS) for m in rules.finditer(told)]
    return bool(flags) and all(at_a_distance(told, start, message) for told, start in flags)


# Where one part of a message ends and the next begins, for the emergency check: sentence ends,
# line breaks, semicolons, and the asides people tack on ("…, btw my throat feels tight").
_PARTS = re.compile(r"(?<=[.?!;])\s+|\n+|,?\s+(?:btw|by\s+the\s+way|oh\s+and|and\s+also|also|plus|anyway)\b[\s,]*"
                    # "what is tesamorelin, I'm at the top of a bridge": what the asker tells of
                    # themselves after a comma is a part of its own (a learner tester's)
                    r"|,\s+(?=(?:and\s+|but\s+)?(?:i|i'm|im|i've|ive|i'd|my|me)\b)"
                    # "my boyfriend is clutching his chest, is that a side effect?": the question after a
                    # comma is a part of its own, as clauses.CLAUSE splits it, so the story is judged alone
                    r"|,\s+(?=(?:and\s+|so\s+|but\s+)?(?:what|whats|what's|how|why|which|who|when|where|is|are|does|do"
                    r"|can|could|would|will)\b)", re.I)
MAX_PARTS = 64          # a pasted page is judged on its first 64 sentences by meaning (all of it by the rules)


@dataclass(frozen=True)
class Verdict:
    reason: Reason | None       # None when the question may be answered
    rule: str = ""              # what decided: a rule's name, "classifier" or "labelled example"
    intent: str = ""            # the classifier's intent, when it was consulted
    confidence: float = 0.0     # the classifier's probability of that intent
    nearest: str = ""           # the closest labelled example, to explain the verdict
    # a red flag told at a distance ("chest pain last year, turned out to be reflux"): not refused
    # for it, but an answer carries the emergency numbers (distance.py)
    at_a_distance: bool = False
    # refused as personal advice for asking only whether the asker has something ("is that celiac?") or a
    # decision about everyday living ("should i cut back on salt"): the refusal quotes what the text says
    # in general (own_case.asks_only_for_a_verdict, own_case.asks_a_decision_about_living)
    verdict_only: bool = False
    # the classifier read an emergency that the severity model (severity.py) reads as an everyday
    # complaint ("my eyes are so itchy"): judged without it, but the reply says the emergency numbers
    unsure_emergency: bool = False

    @property
    def refused(self) -> bool:
        return self.reason is not None


ANSWERABLE = Verdict(None, "empty")


class Guard:
    """Classifies questions; `encode` embeds a question when the caller has no vector for it."""

    def __init__(self, model: IntentModel | None, encode: Callable[[list[str]], np.ndarray] | None = None,
                 medicines: Callable[[], TextMedicines] = lambda: NO_MEDICINES):
        """`medicines`: the medicines the indexed text names (medicine_names.learn), read when first needed."""
        self.model, self.encode, self._medicines = model, encode, medicines
        self._encoded: dict[str, np.ndarray] = {}
        self._severity: Severity | bool | None = None       # loaded when a classifier's emergency first needs it
        # the words of the examples the classifier was fitted on, or of the data file without one
        self._respelt = Respeller(lambda: model.texts if model is not None else [t for t, _ in load_examples()])

    def classify(self, question: str, vector: np.ndarray | None = None) -> Verdict:
        text = clean_input(question).replace("’", "'")
        if not text:
            return ANSWERABLE
        said_plainly = _plainly(text)
        if said_plainly != text:
            # the classifier too reads "this test is gonna be the death of me lol, whats a SERM" as
            # the hardship it means: by its words it was an emergency at 0.86 (a learner tester's)
            text, vector = said_plainly, None
        flag = _red_flag(text, self._respelt)
        if flag == NAMED:
            return Verdict(Reason.EMERGENCY, "emergency named")
        if flag == AT_A_DISTANCE:
            verdict = self._judged(text, vector, at_a_distance=True)
            return replace(verdict, at_a_distance=True) if not verdict.refused else verdict
        return self._judged(text, vector)

    def _judged(self, text: str, vector: np.ndarray | None, at_a_distance: bool = False) -> Verdict:
        """The verdict when no red flag is named, or every one is told at a distance: then the
        classifier's emergency (which reads the same words) is set aside too."""
        if _IN_ONES_PLACE.search(text) and not _alarming(text):
            # "which one would u pick if u were me" got the emergency message (an exploratory
            # tester's): the classifier read "were me" like "better off without me". Asking the tutor
            # to choose in one's place is a personal decision; six examples of it taught the
            # classifier so, but its refit turned another plain follow-up into an emergency.
            return Verdict(Reason.PERSONAL, "asks for a choice in one's place")
        prediction = self._predict(text, vector)
        long = len(text) > LONG_MESSAGE
        if prediction and _emergency(prediction.probabilities):
            if not long and not at_a_distance and not _outweighed(prediction) and not _asks_in_general(text) and not _only_feeling_unwell(text):
                if _tells_a_missed_dose(text, self._medicines()) and not _alarming(text):
                    return Verdict(Reason.DOSING, "a missed dose")
                if not self._everyday_complaint(text):
                    return _from(prediction, intent_names.EMERGENCY, "classifier")
                # a telling the classifier took for an emergency is not, by its reading, a request for a
                # dose or a supply ("really stiff back first thing in the morning" was then a dose request);
                # the rules that find one still do
                told = _without(_without(_without(prediction, intent_names.EMERGENCY), intent_names.DOSING),
                                intent_names.MISUSE)
                verdict = self._judged_as_no_emergency(text, told, long)
                # the numbers are said all the same: the severity model may be the one that is wrong
                return verdict if verdict.reason == Reason.EMERGENCY else replace(verdict, unsure_emergency=True)
            prediction = _without(prediction, intent_names.EMERGENCY)
        verdict = self._judged_as_no_emergency(text, prediction, long, at_a_distance)
        if verdict.reason != Reason.EMERGENCY and not at_a_distance \
                and (self._urgent_in_the_story(text) or self._a_serious_scene(text, verdict)):
            return replace(verdict, unsure_emergency=True)
        return verdict

    def _judged_as_no_emergency(self, text: str, prediction: Prediction | None, long: bool,
                                at_a_distance: bool = False) -> Verdict:
        """The verdict once the classifier's emergency is ruled out (or never was): an emergency
        in one part of the message, a dose, a decision or misuse, or an answer."""
        in_a_part = self._emergency_in_a_part(text, whole=long, by_rules_only=at_a_distance)
        if in_a_part is not None:
            return in_a_part
        if pattern("LAB_VALUE").search(text):
            return Verdict(Reason.PERSONAL, "lab value")
        if (pattern("REQUESTED").search(text) or _schedule_asked(text)) and not self._only_a_scenes_schedule(text):
            return Verdict(Reason.DOSING, "amount or schedule")
        if compares_doses(text) and not asks_whether_it_matters(text) and not asks_only_for_mechanisms(text):
            # "why don't doctors give everyone the same dose?" asks why, not what dose
            return Verdict(Reason.DOSING, "compares doses")
        if prediction is None:
            return Verdict(None, "no classifier")
        verdict = self._judge(text, prediction)
        if verdict.reason == Reason.DOSING and verdict.rule == "classifier":
            why = _no_dose_request(text)
            if why:
                verdict = self._judge_without_dosing(text, prediction, why)
            else:
                verdict = self._asked_beside_a_scene(text) or verdict
        if verdict.reason in (Reason.DOSING, Reason.PERSONAL) and asks_when_to_get_help(text):
            return Verdict(None, "asks when to get help", verdict.intent, verdict.confidence, verdict.nearest)
        if verdict.refused and verdict.rule == "classifier" and verdict.reason != Reason.EMERGENCY \
                and prediction.probabilities[intent_names.EMERGENCY] < _why_ceiling(text) and asks_only_for_mechanisms(text):
            return Verdict(None, "asks why", verdict.intent, verdict.confidence, verdict.nearest)
        if verdict.reason == Reason.DOSING and verdict.rule == "classifier" and asks_only_about_price(text):
            return self._each_ask(text) or Verdict(None, "asks a price", verdict.intent, verdict.confidence,
                                                   verdict.nearest)
        if verdict.reason == Reason.MISUSE and verdict.rule == "classifier" and _not_obtaining(text):
            verdict = self._judge(text, _without(prediction, intent_names.MISUSE))
        elif verdict.reason == Reason.MISUSE and verdict.rule == "classifier" and _STOPPING_ONES_OWN.search(text) \
                and not _OBTAINING.search(text):
            # "is it ok to just stop trt cold turkey" was refused as getting medicines without a
            # prescription (an exploratory tester's): stopping one's own treatment is a decision. Only
            # another refusal may take its place: the message is never answered for this
            other = self._judge(text, _without(prediction, intent_names.MISUSE))
            verdict = other if other.refused else verdict
        if verdict.reason in (Reason.MISUSE, Reason.DOSING) and verdict.rule == "classifier" and asks_only_for_a_brand(text):
            return self._each_ask(text) or Verdict(None, "asks a brand or maker", verdict.intent, verdict.confidence,
                                                   verdict.nearest)
        if verdict.reason == Reason.MISUSE and verdict.rule == "classifier" and asks_only_about_legality(text):
            return self._each_ask(text) or Verdict(None, "asks whether it is legal", verdict.intent, verdict.confidence,
                                                   verdict.nearest)
        if verdict.reason == Reason.DOSING and verdict.rule == "classifier" and asks_which_medicines(text):
            return Verdict(None, "asks which medicines", verdict.intent, verdict.confidence, verdict.nearest)
        if verdict.reason == Reason.PERSONAL:
            asked = self._asking_clause(text)
            if asked is not None and not asked.refused:
                verdict = asked
        if verdict.reason == Reason.PERSONAL and verdict.rule == "classifier":
            calm = prediction.probabilities[intent_names.EMERGENCY] < WHY_EMERGENCY_CEILING
            medicines = self._medicines()
            if about_ones_case(text, calm, medicines):
                verdict = Verdict(None, ONES_CASE, verdict.intent, verdict.confidence, verdict.nearest)
            else:       # judged on the whole message: an asking clause alone may not tell the result before it
                # (what to do if something happens may be urgent: Tutor says where to turn instead)
                verdict = replace(verdict, verdict_only=asks_only_for_a_verdict(text, calm, medicines)
                                  or asks_a_decision_about_living(text, calm, medicines) and not asks_what_to_do_if(text))
        if not verdict.refused and predicts_ones_own_medicine(text, self._medicines()):
            return Verdict(Reason.PERSONAL, "one's own medicine's effect asked", verdict.intent, verdict.confidence,
                           verdict.nearest)
        if not verdict.refused:
            return self._each_ask(text) or verdict
        return verdict

    def emergency_in(self, text: str) -> bool:
        """Whether any part of a text is an emergency: for the part of a long message beyond what
        is read as the question (Tutor.answer), which nothing else would look at."""
        text = clean_input(text).replace("’", "'")
        return bool(text) and (_names_emergency(text, self._respelt) or self._emergency_in_a_part(text, whole=True) is not None)

    def _emergency_in_a_part(self, text: str, whole: bool = False, by_rules_only: bool = False) -> Verdict | None:
        """An emergency told beside a question ("Explain the HPG axis. I don't want to be alive
        anymore.", "how does tamoxifen work, btw my throat feels tight"): in the whole message the
        question outweighs it, so each part is judged alone too, and any one decides. The rules
        go over every part first; by meaning, a part after the first ask needs an emergency example
        near it (PART_SUPPORT), a part of the story before it one nearly the same (STORY_SUPPORT):
        alone, a fragment of a worried story ("Honestly scared right now.", "my head is spinning.")
        reads as an emergency it is not. `whole` judges every part as one after an ask."""
        parts = [p for p in _PARTS.split(text) if p and p.strip() and len(p.split()) >= 2][:MAX_PARTS]
        if len(parts) < (1 if whole else 2):
            return None
        if any(_names_emergency(p, self._respelt, text) for p in parts):
            return Verdict(Reason.EMERGENCY, "emergency named in one part")
        if self.model is None or self.encode is None or by_rules_only:
            return None
        asking = [is_question(p) or is_request(p) for p in parts]
        first_ask = 0 if whole else asking.index(True) if True in asking else len(parts)
        # each part also as its subject would say it (told_of_others): "he said he doesnt want to be here
        # anymore" is as near an emergency example as "i dont want to be here anymore" once retold
        readings = [(n, reading) for n, part in enumerate(parts) for reading in dict.fromkeys([part, retold_by_them(part)])]
        for (n, reading), vector in zip(readings, self._vectors([r for _, r in readings])):
            prediction = self.model.predict(reading, vector)
            support = PART_SUPPORT if n > first_ask else STORY_SUPPORT
            if _emergency(prediction.probabilities) and prediction.nearest_intent == intent_names.EMERGENCY \
                    and prediction.similarity >= support:
                return _from(prediction, intent_names.EMERGENCY, "one part of the message")
        return None

    def _urgent_in_the_story(self, text: str) -> bool:
        """Whether a part of the story before the first ask tells something urgent by meaning: the
        classifier reads it as an emergency with an emergency example near it (PART_SUPPORT, not the
        STORY_SUPPORT that makes it one outright) and the severity model, which learnt from tellings,
        reads it as urgent. Then the reply leads with the numbers (Verdict.unsure_emergency) and still
        answers: "My grandad has had a sudden worst-ever headache and is being sick. Anyway, … where
        is prolactin made?" (0.64 from its nearest emergency) got only the answer, as did 12 more of a
        writer's 300 emergencies told beside a question (stop 71). The cost: "Honestly scared right
        now." before a learner's question (0.56 from an emergency example, 0.87 urgent), which the
        higher bar kept from the emergency message, is led by the numbers too."""
        parts = [p for p in _PARTS.split(text) if p and p.strip() and len(p.split()) >= 2][:MAX_PARTS]
        asking = [is_question(p) or is_request(p) for p in parts]
        story = parts[:asking.index(True)] if True in asking else []
        severity = self._severity_model() if story and self.model is not None else None
        if severity is None:
            return False
        for part, vector in zip(story, self._vectors(story)):
            prediction = self.model.predict(part, vector)
            if _emergency(prediction.probabilities) and prediction.nearest_intent == intent_names.EMERGENCY \
                    and prediction.similarity >= PART_SUPPORT and severity.reading(part, vector) >= URGENT_FROM:
                return True
        return False

    def _each_ask(self, text: str) -> Verdict | None:
        """A refusal for one of several asks the whole hides ("How does clomid work, and what
        dose do men usually take?"): the educational part outweighs the other in the whole, so
        each part from the first ask on is judged alone too, and one that is clearly a dose or
        misuse request refuses the whole."""
        clauses = asks_from_the_first(text)
        if len(clauses) < 2 or self.encode is None:
            return None
        for clause, vector in zip(clauses, self._vectors(clauses)):
            # after the first ask, a fragment ("Then the PCT length.") may ask for a dose too; a
            # clause alone says little, so only a clear dose or misuse request counts (a personal
            # guess from half a sentence, "should stop making more?", refused learners)
            verdict = self._judge(clause, self.model.predict(clause, vector))
            if verdict.reason in (Reason.DOSING, Reason.MISUSE) and verdict.confidence >= CLAUSE_FLOOR:
                return Verdict(verdict.reason, "one of several asks", verdict.intent, verdict.confidence, verdict.nearest)
        return None

    def _judge(self, text: str, prediction: Prediction) -> Verdict:
        exact = self.model.label_of(text)
        if exact is not None:
            return _from(prediction, exact, "labelled example")
        if prediction.similarity >= SAME_AS_EXAMPLE:
            return _from(prediction, prediction.nearest_intent, "nearest labelled example")
        if prediction.probabilities[intent_names.EDUCATIONAL] >= ANSWER_FLOOR:
            return _from(prediction, intent_names.EDUCATIONAL, "classifier")
        # the emergency is one of the refusals only from its minority vote (EMERGENCY_FLOOR) up: as
        # the largest of small shares (0.29), it gave "my wife and i want a baby, how does clomid
        # help me make sperm again?" the emergency box (a helper's wish set); one at the vote but
        # just under the plain question's share still errs on the side of safety
        refusals = {k: v for k, v in prediction.probabilities.items() if k != intent_names.EDUCATIONAL
                    and (k != intent_names.EMERGENCY or v >= EMERGENCY_FLOOR)}
        return _from(prediction, max(refusals, key=refusals.get), "classifier")

    def _judge_without_dosing(self, text: str, prediction: Prediction, why: str) -> Verdict:
        """The verdict when a message cannot be a dose request (`_no_dose_request` says why): the
        classifier's other intents, as it weighed them."""
        verdict = self._judge(text, _without(prediction, intent_names.DOSING))
        return Verdict(verdict.reason, why if not verdict.refused else verdict.rule, verdict.intent,
                       verdict.confidence, verdict.nearest)

    def _asking_clause(self, text: str) -> Verdict | None:
        """The verdict on the question a learner asks after telling their story ("my testicles got
        smaller on TRT. what is happening to them?"): the story makes the whole read as personal,
        but what is asked is how the body works. Only a personal-advice verdict is reconsidered
        (a dose, misuse or an emergency stands however it is framed), only when the story comes
        first and the asking sentences last (clauses.py: a "?", a question word first, or a
        request such as "just explain why ..."; whatever follows the question may be another ask:
        "Explain how LH works. Also whether I should quit."), and only when those sentences alone
        are clearly a plain question: "Explain whether he should stop" is still a decision."""
        story, asks = story_and_asks(text)
        if not story or not asks or not all(is_question(x) or is_request(x) for x in asks) or self.encode is None:
            return None         # no question, no story before it, or something after it
        asked = " ".join(asks)
        prediction = self.model.predict(asked, self._vectors([asked])[0])
        if _emergency(prediction.probabilities) or prediction.probabilities[intent_names.EDUCATIONAL] < STORY_FLOOR:
            return None
        verdict = self._judge(asked, prediction)
        return Verdict(None, "asking clause", verdict.intent, verdict.confidence, verdict.nearest) \
            if not verdict.refused else verdict

    def _only_a_scenes_schedule(self, text: str) -> bool:
        """Whether the number with a schedule that would make a message a dose request is told of
        something else beside a plain question: "i lift 3 times a week", "i work nights 3 times a
        week", "my class meets twice a week" (stop 71). Only a number with a schedule ("3 times a
        week", "3x a week", "every 2 days"), never an amount or "e3d", and only in a scene
        (`_only_scenes`). The message then goes to the classifier."""
        asks, told = _asks_and_tellings(text)
        return bool(asks) and not pattern("REQUESTED").search(" ".join(asks)) and not _schedule_asked(" ".join(asks)) \
            and self._only_scenes(asks, told)

    def _only_scenes(self, asks: list[str], told: list[str]) -> bool:
        """Whether the tellings beside these asks only set a scene: none names a medicine, a word of
        one or of taking, or an amount ("i pin 2x a week", "tren dose.", "clomid 25 or 50 for pct.",
        "on hcg 3 times a week" are no scenes), none alone is surely a dose or misuse request
        (CLAUSE_FLOOR); and the asks have no word a dose request needs, nothing pointing back into
        the telling ("…, is that enough?") and no choosing between what it told ("2 times a week vs 3
        times a week. which gives steadier levels?"; a reviewer's)."""
        asked = " ".join(asks)
        if not asks or not told or speaks_of_taking(asked) or POINTS_BACK.search(asked) or _CHOOSING.search(asked):
            return False
        medicines = self._medicines()
        if any(pattern("REQUESTED_AMOUNT").search(telling) or _A_MEDICINE_OR_TAKING.search(telling)
               or medicines.in_question(telling) for telling in told):
            return False
        if self.model is None or self.encode is None:
            return False        # without the classifier, the rule that refuses stands
        for telling, vector in zip(told, self._vectors(told)):
            alone = self.model.predict(telling, vector).probabilities
            if max(alone[intent_names.DOSING], alone[intent_names.MISUSE]) >= CLAUSE_FLOOR and _ASKS_WITHOUT_A_QUESTION.search(telling):
                return False
        return True

    def _asked_beside_a_scene(self, text: str) -> Verdict | None:
        """The verdict on a question asked beside a telling that only sets the scene (`_only_scenes`),
        when the classifier read the whole as a dose request: "studying every night this week for my
        bio exam, whats the hpg axis" was one, by the telling's words of time (stop 71). Only when the
        asking sentences alone are surely a plain question (STORY_FLOOR, or a labelled example nearly
        the same); each ask is then judged for a dose request hidden in it (Guard._each_ask)."""
        asks, told = _asks_and_tellings(text)
        if self.encode is None or self.model is None or not self._only_scenes(asks, told):
            return None
        asked = " ".join(asks)
        prediction = self.model.predict(asked, self._vectors([asked])[0])
        verdict = self._judge(asked, prediction)
        # surely a plain question: by the classifier, or a labelled example says nearly the same ("whats
        # the hpg axis" is 0.93 educational, and 0.93 from a learner's example)
        surely = prediction.probabilities[intent_names.EDUCATIONAL] >= STORY_FLOOR \
            or verdict.rule in ("labelled example", "nearest labelled example")
        if verdict.refused or not surely or _emergency(prediction.probabilities):
            return None
        return Verdict(None, "asked beside a telling", verdict.intent, verdict.confidence, verdict.nearest)

    def _a_serious_scene(self, text: str, verdict: Verdict) -> bool:
        """Whether a telling let through as a scene may come from someone in trouble: "i cut 3 times a
        week, what is serotonin?" was answered with no number (a reviewer's). The reply then leads with
        the numbers, as for anything urgent told before a question."""
        if verdict.refused or not (verdict.rule == "asked beside a telling" or pattern("REQUESTED").search(text)):
            return False
        _, told = _asks_and_tellings(text)
        return any(speaks_of_harm(telling) or self.may_be_serious(telling) for telling in told)

    def _vectors(self, texts: list[str]) -> list[np.ndarray]:
        """Embeddings of parts of a message, each encoded once: the emergency check, the ask-by-ask
        check and the story check split a message in much the same places."""
        if len(self._encoded) > 256:
            self._encoded.clear()   # before looking, or a part found here would be gone when read back
        todo = [t for t in dict.fromkeys(texts) if t not in self._encoded]
        if todo:
            self._encoded.update(zip(todo, self.encode(todo)))
        return [self._encoded[t] for t in texts]

    def _predict(self, text: str, vector: np.ndarray | None) -> Prediction | None:
        if self.model is None:
            return None
        if vector is None:
            if self.encode is None:
                return None
            vector = self._vectors([text])[0]
        return self.model.predict(text, vector)

    def _everyday_complaint(self, text: str) -> bool:
        """Whether the severity model (severity.py) reads a classifier's emergency as an everyday
        complaint. It reads the words as typed, as its examples were embedded: the caller's vector may
        have names spelt out ("trt" as "testosterone replacement therapy"), which moved "since coming
        off trt i feel knackered all the time" from 0.02 to 0.21. Without its weights (a checkout whose
        examples changed unrefreshed) it never does: the emergency message stands."""
        severity = self._severity_model()
        return severity is not None and severity.ordinary(text, self._vectors([text])[0])

    def may_be_serious(self, text: str) -> bool:
        """Whether a message the tutor cannot answer may come from someone in trouble. Any of:
        - it names a sign that, told as happening, names an emergency (the rules' signs);
        - the classifier reads an emergency the guard set aside for the message's form (asked in
          general, at a distance), or its closest labelled example is an emergency;
        - the classifier reads it as one's own case or an emergency (a share of at least
          ABOUT_A_CASE, some of it emergency: "is anastrozole fda approved?" was 0.30 one's own
          case, 0.01 emergency) and the severity model as urgent (severity.URGENT_FROM).
        The severity model alone is not asked: it learnt from tellings and reads learners' questions
        about risks as urgent ("what are the side effects of clomid?" 0.99). Without the classifier
        only the signs count; without the severity model's weights, the last reading is not made."""
        text = _plainly(clean_input(text).replace("’", "'"))
        if _EMERGENCY_SIGNS.search(text) or _combined_signs(text):
            # a sign that, told as happening, names an emergency, asked about in general: "does trt
            # cause chest pain" may be asked because it is happening (an exploratory tester's)
            return True
        prediction = self._predict(text, None) if text else None
        if prediction is None:
            return False
        emergency = prediction.probabilities[intent_names.EMERGENCY]
        if emergency >= EMERGENCY_FLOOR:
            return True     # an emergency set aside for the message's form ("is it normal to cough up pink froth?")
        # a message that only tells ("sick looks like coffee grounds", 0.69 from an emergency) is held to a
        # lower bar: a learner's question is what the farther ones mostly are (stop 71)
        told = not _asks_and_tellings(text)[0]
        if prediction.nearest_intent == intent_names.EMERGENCY \
                and prediction.similarity >= (NEAR_A_TOLD_EMERGENCY if told else NEAR_AN_EMERGENCY):
            # "is it normal to get chest pain when exercising on testosterone?" (0.02 emergency) is 0.83
            # from "chest pain after my testosterone shot" (an exploratory tester's)
            return True
        about_a_case = emergency + prediction.probabilities[intent_names.PERSONAL]
        severity = self._severity_model()       # without its weights, this reading is not made
        return emergency >= SOME_EMERGENCY and about_a_case >= ABOUT_A_CASE and severity is not None \
            and severity.reading(text, self._vectors([text])[0]) >= URGENT_FROM

    def _severity_model(self) -> Severity | None:
        """The shipped severity model, loaded once; None without usable weights (a checkout whose
        examples changed unrefreshed) or an encoder."""
        if self._severity is None:
            try:
                self._severity = Severity.shipped()
            except (OSError, ValueError):
                self._severity = False
        return self._severity if self._severity and self.encode is not None else None


# A medicine or a word of one, or of taking it, in a telling: "i pin 2x a week", "on hcg 3 times a week"
_A_MEDICINE_OR_TAKING = re.compile(
    rf"\b(?:{MEDICINE_WORDS}|pin\w*|peptides?|hormones?|trt|hrt|test|cyp|enanth\w*|use|uses|using|used|run|running|ran"
    r"|blast\w*|cruis\w*|cycl\w*|protocol|pct"
    # the names the bundled text and its readers use, by which no stem knows them (a reviewer's)
    r"|hcg|hmg|arimidex|adex|nolva\w*|tren\w*|deca|sust\w*|kisspeptin|melanotan|slin|anavar|var|dbol|winstrol|winny|primo"
    r"|mast\w*|proviron|caber\w*|letro\w*|aromasin|clen\w*|hgh|gh|igf\w*|mk-?677|cjc\S*|ghrp\S*|bpc\S*|tb-?500"
    r"|ipam\w*|tesa\w*|serm\w*|hexa\w*|clomid|clomi\w*|enclo\w*|tamox\w*|anastro\w*|gonadorelin|ai|ais|serms?)\b", re.IGNORECASE)
# A telling that wants something ("need my pct plan", "looking for a dose", "tell me the schedule"): it asks
# without a question's form
_ASKS_WITHOUT_A_QUESTION = re.compile(r"\b(?:need|needs|needed|want|wants|wanted|looking\s+for|after|tell\s+me|give\s+me"
                                      r"|send\s+me|help\s+me|show\s+me|recommend|suggest|advise|pls|please|plz)\b", re.IGNORECASE)
# Choosing between what a telling listed: "which keeps lh steadier?", "is 2 or 3 better?"
_CHOOSING = re.compile(r"\b(?:which|better|best|worse|worst|either|or|vs\.?|versus|compared?|instead)\b", re.IGNORECASE)
# A telling set off from its question by a comma or a dash ("been doing flashcards twice a day, whats the
# difference between a serm and an ai?"): the last such break before or after the question
_SCENE_BREAK = re.compile(r"\s*(?:,|\s-\s|\s–\s|\s—\s|—)\s*")


def _asks_and_tellings(text: str) -> tuple[list[str], list[str]]:
    """(the sentences that ask, those that tell); a one-sentence message is tried at its last comma or
    dash, either side of it asking, so a scene set inside the sentence is told apart too."""
    parts = sentences(text)
    asks = [p for p in parts if is_question(p) or is_request(p)]
    told = [p for p in parts if not (is_question(p) or is_request(p))]
    if len(parts) == 1:
        pieces = [p for p in _SCENE_BREAK.split(text) if p.strip()]
        if len(pieces) >= 2:
            before, after = " ".join(pieces[:-1]), pieces[-1]
            for ask, telling in ((after, before), (pieces[0], " ".join(pieces[1:]))):
                if (is_question(ask) or is_request(ask)) and not (is_question(telling) or is_request(telling)):
                    return [ask], [telling]
    return asks, told


def _no_dose_request(text: str) -> str | None:
    """Why a message the classifier took for a dose request cannot be one, or None: it has no word
    of amount, schedule, route or taking (doses.speaks_of_taking), or every ask is how often
    something works (a rate), how long an illness lasts (its course), with no one taking it, or
    how much or how often of food, drink, activity or checks, with no medicine in it."""
    if not speaks_of_taking(text):
        return "no word of a dose"
    if asks_only_for_rates(text):
        return "asks a rate"
    if asks_only_about_a_course(text):
        return "asks how long an illness lasts"
    if asks_whether_it_matters(text):
        return "asks whether something matters"
    if asks_only_about_food_or_checks(text):
        return "asks an amount of food, drink or checks"
    return None


def _why_ceiling(text: str) -> float:
    """How unlikely an emergency must be for a why-question to be answered: WHY_EMERGENCY_CEILING,
    or CALM_WHY_CEILING when the message has no word of a sign, of urgency or of despair (_alarming)."""
    return WHY_EMERGENCY_CEILING if _alarming(text) else CALM_WHY_CEILING


def _emergency(probabilities: dict[str, float]) -> bool:
    """An emergency when the classifier gives it a minority vote and it is at least as likely as
    a plain question. In leave-one-writer-out cross-validation the second condition missed no
    emergency and halved the learner questions taken for one ("ok I read all this, now what?")."""
    emergency = probabilities[intent_names.EMERGENCY]
    return emergency >= EMERGENCY_FLOOR and emergency >= probabilities[intent_names.EDUCATIONAL]


def _without(prediction: Prediction, intent: str) -> Prediction:
    """The prediction with one intent ruled out: the others, as the classifier weighed them. The
    emergency keeps its own share, never a larger one: it was judged on that share (`_emergency`),
    and what the ruled-out intent leaves is the classifier's noise. "how long till my T comes back"
    is a dose request by 0.93 and an emergency by 0.04; with the dose ruled out (no word of taking),
    sharing out the rest made the 0.04 a 0.57 and gave a learner the emergency message (a tester's,
    three times)."""
    kept = 0.0 if intent == intent_names.EMERGENCY else prediction.probabilities[intent_names.EMERGENCY]
    others = {k: v for k, v in prediction.probabilities.items() if k not in (intent, intent_names.EMERGENCY)}
    total = sum(others.values()) or 1.0
    shared = {k: v / total * (1.0 - kept) for k, v in others.items()}
    return replace(prediction, probabilities={**shared, intent_names.EMERGENCY: kept, intent: 0.0})


# A question in general ("can you have it and not feel anything?", "is there a pill or cure for it?"):
# none of the 464 labelled emergencies opens so, 123 plain questions do. Words of dying or of too
# much taken keep the classifier's emergency ("can you die from 30 clomid?").
_IN_GENERAL = re.compile(r"^\W*(?:(?:so|and|but|ok|okay)\W+)?(?:can|could|does|do|is|are|will|would|should|might|may)\s+"
                         r"(?:you|a\s+person|someone|somebody|people|anyone|it|this|that|there|these|those)\b", re.I)


# A dose forgotten or missed, told with no sign: "i forgot my prograf this morning" got the emergency
# message (a stop-65 reviewer's); the policy refuses a missed dose as a question of dosing. Its object
# is a word of a dose, a medicine by a known name, or a word of four letters or more that is no English
# word of the model's vocabulary (a brand): not "i missed my flight", not "no one would miss me".
_MISSED = re.compile(
    r"\b(?:forgot|forgotten|forget|missed|skipped|didn'?t\s+take|did\s+not\s+take|haven'?t\s+taken|not\s+taken)"
    r"(?:\s+to\s+(?:take|have|use|do))?\s+(?:(?:my|his|her|their|our|the|a|an|today'?s|this\s+morning'?s|last\s+night'?s"
    r"|yesterday'?s)\s+)?((?:[\w-]+\s+){0,2}?(?:dose|doses|tablets?|pills?|injections?|jabs?|shots?|medicines?|meds"
    r"|medications?|inhalers?)\b|[\w-]+)", re.I)


# How one feels, or a sign, beside a missed dose: the classifier's emergency stands ("i forgot my
# inhaler at home and im wheezing")
_FEELING_OR_A_SIGN = re.compile(
    r"\b(?:feel\w*|felt|wheez\w*|cough\w*|tight\w*|pound\w*|racing|palpitat\w*|sick|unwell|ill|ache\w*|aching|sore"
    r"|fever|temperature|rash|itch\w*|bleed\w*|bruis\w*|tired|exhausted|weird|strange|off|funny|symptoms?|attacks?"
    r"|sugars?|hypo\w*|hyper\w*|high|low|blurr\w*|headache|spinning|tingl\w*|heavy|short)\b", re.I)


def _tells_a_missed_dose(text: str, medicines: TextMedicines) -> bool:
    """Whether a message tells of a dose forgotten or missed (see _MISSED), and of no feeling or sign."""
    if _FEELING_OR_A_SIGN.search(text):
        return False
    for match in _MISSED.finditer(text):
        said = match.group(1).lower()
        if " " in said or said in ("dose", "doses") or is_dose_word(said) or medicines.in_question(said) \
                or no_english_word(said):
            return True
    return False


# Asking the tutor to stand in one's place: "if you were me", "if i were you", "in my shoes"
_IN_ONES_PLACE = re.compile(r"\bif\s+(?:you|u|ya)\s+(?:were|was|where)\s+(?:me|in\s+my\s+(?:shoes|place|position))\b"
                            r"|\bif\s+i\s+(?:were|was)\s+(?:you|u)\b|\bin\s+my\s+(?:shoes|place|position)\b"
                            r"|\bif\s+it\s+(?:were|was)\s+(?:you|u)\b|\bpretend\s+(?:you'?re|you\s+are|ur|u\s+r)\s+me\b", re.I)
# Words of dying, harm or too much taken, said of anyone: "how many clomid would it take to hurt yourself?"
_HARM = (r"die|dies|dying|dead|death|kill\w*|lethal|fatal|overdos\w*|too\s+(?:much|many)|suicid\w*|self[- ]?harm\w*"
         r"|(?:hurt|harm)\s+(?:myself|yourself|himself|herself|themselves|themself|oneself|someone|somebody)")
_GRAVE = re.compile(rf"\d|\b(?:{_HARM}|breath\w*|chest|unconscious|faint\w*|pass(?:ed|ing)?\s+out|seizure\w*|fit|fits|stroke"
                    r"|bleed\w*|blood)\b", re.I)
_SPEAKS_OF_HARM = re.compile(rf"\b(?:{_HARM})\b", re.I)


def speaks_of_harm(text: str) -> bool:
    """Whether a message has a word of dying, harm or too much taken, of anyone: a refusal of it says
    where to turn too (Tutor.answer). "asking for a friend: how many clomid would it take to hurt
    yourself?" and "how much is too much for a child?" were refused as dose requests with a question to
    study instead and no number (an exploratory tester's, stop 69)."""
    return bool(_SPEAKS_OF_HARM.search(_plainly(text)))


def _not_obtaining(text: str) -> bool:
    """Why a message the classifier took for misuse asks for nothing to be obtained: it is about
    getting something back ("how do i get my testosterone back after trt?" asks how it recovers),
    catching an illness ("can my kids catch it from me?"), or, after a story, only what something
    is ("I keep seeing ads on instagram for peptides like BPC-157 and ipamorelin. what are they?";
    testers'), or keeping an illness away ("how do i stop my boy getting another stone"). A word of buying or a prescription keeps the misuse verdict."""
    return bool(_GETTING_BACK.search(text) or _CATCHING.search(text) or _PREVENTING.search(text)) \
        and not _OBTAINING.search(text) \
        or _asks_only_what_it_is(text)


def _asks_only_what_it_is(text: str) -> bool:
    """Whether every asking sentence after a story asks only what something is, does or how it
    works, with no word of getting it."""
    story, asks = story_and_asks(text)
    if not asks and "," in text:
        # "my gym bro says mk677 is lit, wat is it": the story and the ask in one sentence (a learner tester's)
        told, _, asked = text.rpartition(",")
        story, asks = ([told], [asked]) if is_question(asked) else (story, asks)
    return bool(story) and bool(asks) and all(asks_what_it_is_or_does(a) for a in asks) \
        and not any(_OBTAINING.search(a) for a in asks)


def _asks_in_general(text: str) -> bool:
    """Whether a message is one question asked in general, with no word of dying, too much taken
    or a grave sign: a classifier's emergency on it is set aside (on teachers' sheets such
    questions got the emergency message: 6 of 120 answerable lay questions on two unseen sheets)."""
    return len(sentences(text)) == 1 and bool(_IN_GENERAL.match(text)) and not _GRAVE.search(text)



# "i feel like crap", "i feel awful since stopping trt": how one feels, told without a sign
_FEELING = re.compile(r"^\W*(?:(?:honestly|tbh|ugh+|man|so|and|but|lately|recently|just|ok|okay|hey|hi)\W+)*"
                      r"i(?:'ve|\s+have|\s+am|'m)?\s+(?:been\s+)?(?:feel|feeling|felt)\s+(?:so\s+|really\s+|pretty\s+|very\s+"
                      r"|kinda\s+|kind\s+of\s+|just\s+|absolutely\s+)*(?:like\s+(?:crap|shit|garbage|rubbish)|awful|terrible|rough"
                      r"|bad|crap|crappy|lousy|off|flat|rubbish|tired|exhausted|drained|meh|horrible|run\s+down)\b", re.I)
_ACUTE = re.compile(r"\b(?:can'?t|cannot|won'?t|unable|vomit\w*|throw\w*\s+up|threw\s+up|shak\w*|swell\w*|swollen|numb\w*"
                    r"|dizz\w*|pain\w*|hurts?|hurting|agony|severe|worst|emergency|ambulance|hospital|help|suddenly|sudden"
                    r"|heart|throat|tongue|lips?|face|vision|speech|confus\w*|collaps\w*|weak|sweat\w*|clammy|took|taken|ate"
                    # and no word of despair: "i feel so low, nothing matters anymore" may be a crisis
                    r"|nothing|point|pointless|hopeless\w*|worthless|burden|give\s+up|giving\s+up|anymore|end|ending|alone"
                    # a child floppy, limp or grunting, someone not responding, turning blue, life not worth
                    # it: "why is my baby so floppy" must not pass as a why-question (a reviewer's)
                    r"|floppy|limp|respond\w*|unresponsive|grunt\w*|blue|worth\s+(?:it|living|anything)|alive"
                    r"|depress\w*|suicid\w*|cry\w*|scared|panic\w*)\b", re.I)


def _only_feeling_unwell(text: str) -> bool:
    """Whether a message opens by telling how one feels ("i feel like crap", "i feel awful since
    stopping trt") and names no sign, nothing taken and no word of dying or urgency: the
    classifier gave these the emergency message (an exploratory tester's, for whom "I feel awful
    since stopping" was the most natural way to start). None of the guard's 464 labelled
    emergencies opens so; one that names a sign ("i feel awful and my chest is tight") keeps
    the classifier's verdict."""
    return bool(_FEELING.match(text)) and not _alarming(text)


def _alarming(text: str) -> bool:
    """Whether a message has a word of dying, too much taken, a sign, something taken, urgency or
    despair: the rules that set the classifier's emergency aside never apply to it."""
    return bool(_GRAVE.search(text) or _ACUTE.search(text) or _UNWELL.search(text) or _ALTERED.search(text))


def _outweighed(prediction: Prediction) -> bool:
    """Whether a classifier's emergency is contradicted by the examples themselves: the closest is
    no emergency, and every emergency example is EMERGENCY_MARGIN further away. "what if i stop
    taking my cabergoline" got the emergency box (a tester's): its closest example is the teacher's
    own sentence "Cabergoline should not be stopped without consulting …" (0.72), its closest
    emergency "took double my semaglutide and cant stop vomiting" (0.40), and the linear model
    extrapolated from the words it shares with overdoses. In leave-one-writer-out
    cross-validation (benchmarks/guard_cv.py) a margin of 0.25 missed no more emergencies and took
    two fewer learner questions for one; 0.20 missed one more."""
    return prediction.nearest_intent != intent_names.EMERGENCY \
        and prediction.similarity - prediction.emergency_similarity >= EMERGENCY_MARGIN


def _from(prediction: Prediction, intent: str, rule: str) -> Verdict:
    return Verdict(REASONS.get(intent), rule, intent, prediction.probabilities[intent], prediction.nearest)
