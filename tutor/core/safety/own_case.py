"""Questions about the asker's own case that ask for no decision and no verdict on them ("my
husband was on trt for years, could his fertility come back?", "what are the odds i have it
too?"): the guard answers these from the text after a caution instead of refusing them as
personal advice, which stays for decisions ("should I…"), diagnoses of oneself ("do I have…",
"is that X?"), readings of one's results and anything about one's own medicines (issue 3's
policy). See docs/safety.md for how the line was measured, and what the first, broader version
let through."""

from __future__ import annotations

import re

from tutor.core.clauses import FIRST_PERSON, MEDICINE_WORDS, asks_for_a_decision, speaks_of_a_medicine
from tutor.core.safety.doses import tells_the_reader
from tutor.core.safety.medicine_names import NO_MEDICINES, TextMedicines, names_a_medicine
from tutor.core.safety.told_of_others import RELATIONS
from tutor.core.vocab import ITEM_KINDS

# The rule of a verdict that answers a question about the asker's own case, and the caution said first.
ONES_CASE = "asks about one's own case"
ONES_CASE_NOTE = "Only a clinician who knows you can say how this applies to you; what the text says in general:"
# What a refusal of a decision about everyday living says before the text's general answer
# (asks_a_decision_about_living).
DECISION_NOTE = ("That is a decision for you and a clinician who knows you; I can’t make it for you. "
                 "What the text says in general:")
# What a refusal of a diagnosis asked of oneself says before the text's general answer (asks_only_for_a_verdict).
VERDICT_NOTE = ("I can’t say whether someone has a condition — only a clinician who can examine them can. "
                "What the text says in general:")

# What keeps a question about one's own case a matter for a clinician: a test result told ("my LH is
# zero", "sperm count came back low") or any number but an age ("is it dangerous if i go above 50").
_RESULT_TOLD = re.compile(r"\b(?:is|was|are|were|at|of|came\s+back|come\s+back|read|reads|shows?|showed|tested)\s+(?:still\s+|only\s+|about"
                          r"\s+|around\s+|like\s+|as\s+|at\s+|really\s+|very\s+|super\s+|both\s+|all\s+)*(?:zero|nil|undetectable|high|low|normal"
                          r"|elevated|borderline|abnormal|positive|negative)\b|\b(?:went|gone)\s+(?:up|down)\b"
                          r"|\b(?:my|his|her)\s+(?:[\w-]+\s+)?(?:results?|labs?|levels?|bloods?|bloodwork|numbers|readings?|scans?|biopsy|test)\b",
                          re.I)
# A diagnosis asked of oneself is personal advice however it is put (issue 3: "do I have …?"): "do i
# have low t?", "is that celiac?", "could that be my thyroid?", "could celiac be why i'm tired?", "am
# i in menopause?", "what's wrong with me?", "is my acne from my trt?".
_DIAGNOSIS = re.compile(r"""
    \b(?:do|does|did|could|might|may|can|would)\s+(?:i|he|she|we|they|you|my\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:really\s+|actually\s+|still\s+
        |definitely\s+|possibly\s+|maybe\s+)?(?:have|has|got|be\s+getting)\b(?!\s+(?:had|been|to|it\s+too)\b)
  | \b(?:is|could|might|may|would|can)\s+(?:that|this|it|these|those|mine|the\s+[\w-]+|my\s+[\w-]+(?:\s+[\w-]+)?)\s+
        (?:be\s+|just\s+|really\s+|actually\s+)*(?:a\s+sign|signs?|a\s+symptom|symptoms?|caused|due|from|because|linked|related
        |connected|down\s+to|why|what|my|his|her|an?\s+)\b
  | \b(?:is|could|might)\s+(?:that|this|it)\s+(?:be\s+)?[\w'-]+(?:\s+[\w'-]+)?\W*$
  | \b(?:is|are|was|were|isn'?t|aren'?t)\s+(?:my|mine|his|her|our|their)\b
  | \bwill\s+(?:it|i|(?:my|his|her|their|our)\s+[\w-]+|mine|he|she|they|this|that)\s+(?:[\w-]+\s+){0,3}?(?:go\s+away|come\s+back|recover|get\s+better|heal
        |return|be\s+(?:ok|okay|fine|fertile|permanent|normal)|go\s+back|grow\s+back|bounce\s+back|improve|last
        |turn\s+into|become|develop\s+into|progress)\b
  | \bif\s+i\s+(?:stop|quit|start|keep)\b
  # a condition or an event named of oneself in other words (an eleventh writer's personal examples, stop 64, that read
  # as one's own case): "could i be diabetic", "have i got pcos", "has my son got chickenpox", "was it a seizure", "was
  # that a mini stroke"; not "could i be put to sleep", "could he be tested", which ask what is done
  # (a risk asked is no diagnosis: "could i be at higher risk", "could my kids be more likely to get it" are
  # the policy's "what are the odds i have it too?"; nor is a past event's kind: "was that a normal thing?")
  | \b(?:could|might|may|can)\s+(?:i|he|she|we|they|my\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:really\s+|actually\s+|possibly\s+|maybe\s+)?be\s+
        (?!(?:put|given|offered|asked|able|tested|treated|sent|seen|referred|checked|scanned|examined|admitted|kept|told
        |at|more|less|most|likely|unlikely|higher|lower|one|among|part|prone|predisposed|susceptible|vulnerable|next|born|affected
        |carriers?|wrong|right|mistaken|in\s+(?:a|the)\s+(?:group|minority|majority)|[\w-]+ing)\b)[\w-]+
  | \b(?:have|has)\s+(?:i|he|she|my\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:really\s+|actually\s+|just\s+|maybe\s+|possibly\s+
        |definitely\s+|probably\s+)?got\b(?!\s+(?:a\s+|an\s+|any\s+|the\s+)?(?:same\s+|\d+\s*%?\s+)?(?:higher|more|bigger|greater|increased|extra
        |cure|chances?|risks?|hormones?|odds)|\s+(?:this|it|that)\s+right)
  | \bwas\s+(?:it|that|this)\s+(?:just\s+|really\s+|actually\s+)?(?:a|an|the)\s+
        (?!(?:normal|common|usual|standard|typical|rare|good|bad|right|wrong|safe|way|thing|treatment)\b)[\w'-]+(?:\s+[\w'-]+){0,2}\W*$
  | \bcan\s+you\s+tell\b | \bdiagnose\s+(?:me|him|her|whether|if)\b | \b(?:my|his|her)\s+diagnosis\b | \bdo\s+i\W*$ | \b(?:is|are)\s+(?:that|this|it|these|those)\s+[\w'-]+\s+or\s+[\w'-]+
  # ... in two words ("is this hay fever or a cold?"), not of a kind named ("is this condition genetic or environmental")
  | \b(?:is|are)\s+(?:this|these)\s+(?!(?:condition|disease|illness|disorder|syndrome|gland|hormone|medicine|drug|treatment|type|kind
        |form|virus|infection|test|one|thing)s?\b)[\w'-]+\s+[\w'-]+\s+or\s+[\w'-]+
  | \b(?:are|were)\s+(?:these|those|they)\s+(?:[\w'-]+\s*){1,2}\W*$ | \bsay\s+about\s+(?:my|his|her)\b
  | \b(?:be|is|are)\s+(?:the\s+cause|to\s+blame|off|failing|working|wrong|damaged|broken|ok|okay)\b
  | \b(?:could|might|can|would)\s+[\w'-]+(?:\s+[\w'-]+)?\s+be\s+(?:why|the\s+reason|what|causing|behind)\b
  | \b(?:could|can|might|is|are|would)\b[^.?!]{0,30}?\b[a-z]+ing\b[^.?!]{0,15}?\b(?:my|his|her|me|him)\b
  | \b(?:is|are|was|will|would|could)\b[^.?!]{1,40}\bfor\s+(?:me|him|her|us|them)\W*$
  | \b(?:mean|means|meaning)\s+(?:that\s+)?(?:i|he|she|we|they)\b | \bbased\s+on\s+(?:my|his|her)\b | \b(?:my|his|her)\s+symptoms\b
  | \bwhat(?:'?s|\s+is|\s+could\s+be)\s+caus(?:ing|es)\s+(?:it|this|that|them|these|my|his|her)\b
  | \bam\s+i\b | \bwhat'?s\s+wrong\s+with\s+(?:me|him|her|us|my)\b | \bwhat\s+is\s+wrong\s+with\s+(?:me|him|her|us|my)\b
  """, re.I | re.X)
# Told a diagnosis already ("i was just diagnosed with a prolactinoma, is it a cancer?"), "is it …"
# asks what the illness is, not whether the asker has it.
_DIAGNOSED = re.compile(r"\b(?:diagnosed|was\s+told\s+(?:i|he|she|we)\s+ha(?:ve|s|d)|found\s+out\s+(?:i|he|she|we)\s+ha(?:ve|s|d))\b", re.I)
_ATTRIBUTED = re.compile(r"why|from|caus|due|because|link|relat|connect|down|sign|symptom|behind|reason", re.I)   # "is it why i'm tired?"
_IS_IT = re.compile(r"\b(?:is|could|might|may|would|can)\s+(?:it|this)\b", re.I)


def _self_diagnosis(text: str) -> bool:
    """Whether a message asks for a diagnosis of the asker, unless, told one already, its "is it
    …" asks what the illness is."""
    found = _DIAGNOSIS.search(text)
    if found and _DIAGNOSED.search(text) and _IS_IT.match(found.group(0)) and not _ATTRIBUTED.search(found.group(0)):
        return bool(_DIAGNOSIS.search(text, found.end()))      # another ask may still diagnose
    return bool(found)


# Asking for a verdict at all: "yes or no", "ok or not", "do you think", "something wrong", "something off".
_ANY_ASSESSMENT = re.compile(r"\b(?:yes\s+or\s+no|ok\s+or\s+not|do\s+you\s+think|something\s+(?:wrong|off)|suits?|fix|worry|worried"
                             r"|meds?|medicines?|medications?|tablets?|be\s+on|conceive"
                             r"|dangerous|normal\s+for\s+me|sound\s+like|explain\s+my)\b", re.I)
# A medicine of the asker's, or taking one: "i'm on warfarin, is tamoxifen ok", "since i started the
# pills". Not every word a dose request may use (doses.speaks_of_taking has "when", "normal", "more",
# "put", "im", for the guard's other rules): "will i be put to sleep for the biopsy?" and "is it normal
# for prolactin to go up when I breastfeed?" take no medicine, and were refused as personal advice.
_TAKES_A_MEDICINE = re.compile(
    rf"\b(?:{MEDICINE_WORDS}|dosed|pin(?:s|ning|ned)?"
    r"|creams?|gels?|patch(?:es)?|inhalers?|stack\w*|started|starting|stopped|stopping"
    r"|quit\w*|come\s+off|coming\s+off|came\s+off)\b"
    r"|\b(?:i'?m|im|i\s+am|he'?s|she'?s|is|are|being|been|stay|staying)\s+on\s+(?!(?:the|a|an|my|his|her)\s+\w+\s+(?:side|list)\b)"
    # a time on something: "after 10 years on trt", "after 12 weeks of test" (a time span is no result, but this tells a course)
    r"|\b(?:days?|weeks?|wks?|months?|mos|years?|yrs?)\s+(?:on|of)\b(?!\s+(?:age|life|school|work)\b)"
    r"|\b(?:days?|weeks?|wks?|months?|mos|years?|yrs?)\s+on\W*$", re.I)
# People whose age a learner may tell ("my dad is 82"): those the guard reads stories of, and a few more
_PEOPLE = rf"{RELATIONS}|baby|boy|girl|gran|nan|nana|grandad|granddad|grandson|granddaughter"
_AGE = re.compile(r"\b(?:i'?m|im|i\s+am|aged?|he'?s|she'?s|turned|turning)\s+\d{1,2}\b|\b\d{1,2}\s*(?:yo|y/?o|years?\s+old|yrs?\s+old)\b"
                  # a person's age told ("my dad is 82"); "my tsh is 8" names no person, and stays a result
                  # (an age, 1 to 110, said at a clause's end: "my husband is 8 on his lh" is a level; a second reviewer's)
                  rf"|\b(?:{_PEOPLE})\s+(?:is|was|turned|turns)\s+(?:now\s+|nearly\s+|almost\s+|just\s+)?(?:110|10\d|[1-9]\d|[1-9])"
                  r"(?=\s*(?:$|[,.;!?)]|and\b|but\b|so\b|now\b|years?\b|yrs?\b|yo\b|y/o\b|with\b|who\b))"
                  r"|\btype\s*[12]\b", re.I)     # an age, or a kind of diabetes: no result, no dose
_NUMBER = re.compile(r"\d")
# How long ago or for how long, in days, weeks, months or years ("6 weeks ago", "for 3 years"): a number
# that is neither a dose nor a result. Hours and minutes only with "ago": "every 8 hours" is a schedule.
_TIME_SPAN = re.compile(r"\b(?:\d{1,3}|a\s+few|a\s+couple\s+of)\s*\+?\s*(?:days?|weeks?|wks?|months?|mos|mths?|years?|yrs?)\b(?:\s+ago)?"
                       r"|\b\d{1,2}\s*(?:hours?|hrs?|minutes?|mins?)\s+ago\b", re.IGNORECASE)


# Signs to look for are what the text lists, not a decision: "what signs of dehydration should i look for in
# my baby" was refused as personal advice (a fever handout's tester)
_SIGNS_TO_LOOK_FOR = re.compile(r"\b(?:signs?|symptoms?)\b(?:\s+[\w'-]+){0,3}?\s+(?:should|do|must)\s+(?:i|we|you)\s+"
                                r"(?:look|watch|keep\s+an\s+eye|check)\s+(?:out\s+)?for\b", re.I)


def about_ones_case(text: str, no_emergency_in_view: bool, medicines: TextMedicines = NO_MEDICINES) -> bool:
    """Whether a message the classifier took for personal advice asks how things are in the asker's
    case ("could i have had this for years without knowing?", "what are the odds i have it too?")
    rather than what to do or what the asker has:
    no decision asked (clauses.asks_for_a_decision), no verdict on the asker, no result told, no
    medicine of theirs, no number but an age or a time span, no emergency in view. The text's answer is general,
    so it is quoted with a caution (ONES_CASE_NOTE) instead of refused."""
    text = _SIGNS_TO_LOOK_FOR.sub("signs to look for", text)
    return no_emergency_in_view \
        and not asks_for_a_decision(text) and not _self_diagnosis(text) and not _RESULT_TOLD.search(text) \
        and not _TAKES_A_MEDICINE.search(text) and not _a_medicine_of_ones_own(text, medicines) \
        and not _ANY_ASSESSMENT.search(text) \
        and not _NUMBER.search(_TIME_SPAN.sub(" ", _AGE.sub(" ", text)))


def _a_medicine_of_ones_own(text: str, medicines: TextMedicines) -> bool:
    """Whether a message names a medicine of the asker's: any medicine a stem or the text's own
    sentences make one; one the text only lists as an item, when the message speaks of the asker
    ("my doctor wants me on anastrozole …"). "is clomid safe for older men?" names no one's medicine."""
    return names_a_medicine(text) or medicines.learnt_in(text) \
        or bool(FIRST_PERSON.search(text)) and medicines.named_in(text)


# A medicine or a fix named in a verdict asked: "is my acne from my meds?", "can it be fixed?", "is my
# kid's itching from the calamine lotion?" (a reviewer's).
_TREATMENTS = (r"meds?|medicines?|medications?|tablets?|pills?|capsules?|drugs?|lotions?|creams?|ointments?|gels?"
               r"|(?:eye|ear|nose|nasal)\s+(?:drops|sprays?)"      # not "blood pressure that drops further"
               r"|inhalers?|antibiotics?|painkillers?|paracetamol|acetaminophen|ibuprofen|aspirin|calpol|tylenol|advil|nurofen"
               r"|supplements?|remed\w*|treat\w*|therap\w*")
_OWN_TREATMENT = re.compile(rf"\b(?:{_TREATMENTS}|be\s+on|fix\w*|cure\w*)\b", re.I)
# What a quote beside a refused diagnosis must not be: a treatment, by its words or by the heading it
# is under. "is my belly fat from low growth hormone?" quoted Tesamorelin, "specifically approved for
# reducing abdominal fat", and "am i in menopause?" progesterone "to improve sleep and mood" (a
# reviewer's): beside "whether you have it is a clinician's to say", they read as the treatment to get.
# (not every word of MEDICINE_WORDS: "pins and needles" is an aura's symptom, "it can take years" no taking)
_TREATMENT_SAID = re.compile(rf"\b(?:{_TREATMENTS}|dos(?:e|es|age|ing)|inject\w*|steroids?|approved|prescri\w*|soothe\w*|reliev\w*|relief"
                             # taking something: "If you take metformin, have it with your breakfast" beside "could my
                             # upset stomach be the metformin" (a fourth reviewer's handout, stop 64)
                             r"|take|takes|taking|took|taken|vaccin\w*|booster|offered"
                             r"|administered|given|use[ds]?|using|protocols?|peptides?|hormone\s+replacement|surgery|operation)\b", re.I)


# A heading over treatments: any passage under "Treatment" or "Medicines"; under "… Protocols" or "…
# Therapy" only a named item (a medicine's own), the bundled text's prose there being physiology too
_TREATMENT_HEADING = re.compile(r"\b(?:treat\w*|remed\w*|management|managing|self[- ]care|surgery|operations?|vaccin\w*|immunis\w*"
                                r"|immuniz\w*)\b"
                                r"|^\W*(?:medicines?|medications?|drugs?)\b", re.I)   # not "Stoppage of Corticosteroid Medication", a cause
_TREATMENTS_LISTED = re.compile(r"\b(?:therap\w*|protocols?|peptides?)\b", re.I)


def treatment_items(passages) -> tuple[str, ...]:
    """The titles of the items a text lists under a heading over treatments: its medicines by
    structure, where no sentence takes or prescribes them. The bundled text names Anastrozole,
    Clomid and Gonadorelin only as items of "Testosterone Recalibration Protocols for Men", so
    "my doctor wants me on anastrozole but im not sure, whats your opinion" named no medicine of
    the asker's and was answered as a question about one's own case (an exploratory tester's)."""
    return tuple(p.title for p in passages if p.title and p.kind in ITEM_KINDS
                 and (_TREATMENT_HEADING.search(p.section) or _TREATMENTS_LISTED.search(p.section))
                 and not _A_HORMONE.search(p.text))


# An item that says it is a hormone ("Progesterone — This hormone plays a significant role …") names one
# the body makes too: "does my progesterone drop during menopause?" asks about the body (a reviewer's)
_A_HORMONE = re.compile(r"^(?:[^.]*?[—∞:-]\s*)?(?:this|it\s+is\s+a|a)\s+(?:[\w-]+\s+)?hormone\b", re.I)


def reads_as_a_treatment(quoted: str, passages, medicines: TextMedicines = NO_MEDICINES) -> bool:
    """Whether what would be quoted beside a refused diagnosis speaks of a treatment: in its own words,
    under a heading over treatments, or as a named item under one that lists them ("Growth Hormone
    Peptide Therapy › Tesamorelin"), or naming one of the text's own medicines (`medicines`)."""
    return bool(_TREATMENT_SAID.search(quoted)) or medicines.in_quote(quoted) or any(
        _TREATMENT_HEADING.search(p.section) or _TREATMENT_HEADING.search(p.title) or p.title and _TREATMENTS_LISTED.search(p.section)
        for p in passages)


def puts_a_medicine_forward(quoted: str, medicines: TextMedicines = NO_MEDICINES) -> bool:
    """Whether a quote puts a medicine forward to someone asking about their own case: it names one, or
    tells the reader what to do about a treatment. Beside "how this applies to you", "… must not take
    valproate unless …" and "Ivabradine is sometimes added if your heart rate stays high" read as the
    tutor's advice to them (two reviewers' epilepsy, AF and heart failure handouts, stop 65); a treatment
    described by its kind ("Protocols aimed at fertility restoration prioritize …") is what the text says
    in general."""
    said = [s for s in re.split(r"(?<=[.!?])\s+", quoted) if s]
    return any(medicines.in_quote(s) or _A_MEDICINE.search(s)
               or tells_the_reader(s) and _TREATMENT_SAID.search(s) for s in said)


_A_MEDICINE = re.compile(r"\b(?:medicines?|medications?|anticoagulants?|blood\s+thinners?|contraceptives?|prescriptions?"
                         r"|blockers?|inhibitors?)\b", re.I)


# What one's own medicine will do to one: "will the xeljanz give me shingles", "will my ivabradine slow my heart",
# "will the forxiga help my heart" (a sixth reviewer's, stop 65: the classifier answered them as questions of fact)
_WILL_MY_MEDICINE = re.compile(
    r"\b(?:will|would|could|might|can|does|is)\s+(?:the|my|this|that|these|his|her|their)\s+(?P<name>[a-z][\w-]+)"
    r"(?:\s+(?:injections?|tablets?|pills?|jabs?|tabs?|tablet))?\s+(?:really\s+|ever\s+|still\s+|also\s+)?(?:going\s+to\s+)?"
    r"(?:give|make|cause|help|affect|slow|speed|raise|lower|increase|decrease|hurt|harm|damage|stop|change|work|fix|cure"
    r"|interact|mess|put|keep|protect|weaken|thin|bring|trigger|worsen)\w*\b(?:\s+[\w']+){0,3}?\s+"
    r"(?:me|my|i|him|his|her|us|our|them|their)\b", re.I)


def predicts_ones_own_medicine(text: str, medicines: TextMedicines = NO_MEDICINES) -> bool:
    """Whether a message asks what the asker's own medicine, named by its name, will do to them: a
    question about one's own treatment, refused as personal advice however the classifier weighs it."""
    return any(medicines.in_question(m.group("name")) for m in _WILL_MY_MEDICINE.finditer(text))


# Whether to worry asks how serious a sign is, as "is that serious?" does, not what to do: "there was
# pinkish wee in the toilet after my daughter went, should i worry?" (a development sheet's, stop 63)
_SHOULD_I_WORRY = re.compile(r"\b(?:should|do|must)\s+(?:i|we)\s+(?:be\s+)?(?:worry|worried|concerned|panic|panicking)"
                             r"(?:\s+about\s+(?:it|this|that))?(?=\W*$)", re.I)


def asks_only_for_a_verdict(text: str, no_emergency_in_view: bool, medicines: TextMedicines = NO_MEDICINES) -> bool:
    """Whether a message refused as personal advice asks only whether the asker (or someone close)
    has something ("my poo is pale and floats, is that celiac?", "do i have low t?"): no decision, no
    result told, no medicine of theirs, no number but an age or a time span. The verdict stays a
    clinician's, so the message is still refused; but what the text says of the illness is what the
    learner can use, and the refusal quotes it (issue 18: lay questions about a new text are often
    asked so). A decision ("should I stop…") or anything about one's own medicines gets the refusal
    alone."""
    text = _SHOULD_I_WORRY.sub("is it serious", _SIGNS_TO_LOOK_FOR.sub("signs to look for", text))
    return no_emergency_in_view and _self_diagnosis(text) \
        and not asks_for_a_decision(text) and not _RESULT_TOLD.search(text) and not _TAKES_A_MEDICINE.search(text) \
        and not medicines.in_question(text) and not _OWN_TREATMENT.search(text) \
        and not _NUMBER.search(_TIME_SPAN.sub(" ", _AGE.sub(" ", text)))


# A change of treatment decided: "should i stop my trt", "do i need antibiotics", "should she have the operation"
_CHANGE_VERBS = (r"stop|stops|start|starts|quit|switch|skip|increase|decrease|taper|wean|come\s+off|go\s+off"
                 r"|get\s+off|go\s+on|go\s+back\s+on")
_CHANGES_A_TREATMENT = re.compile(
    rf"\b(?:{_CHANGE_VERBS}|try|trial|operat\w*|surgery|op|procedure|removed|out|vaccin\w*|immunis\w*|antibiotics?"
    r"|painkillers?)\b", re.IGNORECASE)
# ... of "it": what is changed, taken or kept up is a medicine, never the condition ("can i drive with it")
_CHANGES_IT = re.compile(rf"\b(?:{_CHANGE_VERBS}|stopping|starting|restart\w*|quitting|skipping|coming\s+off|take|taking"
                         r"|keep\s+taking|continue|double|halve|cut\s+down(?:\s+on)?|reduce|lower)\s+(?:taking\s+|using\s+)?"
                         r"(?:it|them)\b", re.IGNORECASE)


def decides_on_a_medicine(text: str, medicines: TextMedicines = NO_MEDICINES) -> bool:
    """Whether a message asks a decision about a medicine whatever its "it" stands for: "it" is
    what is stopped, taken or started, or a decision is asked about a medicine it names. A first
    question refused as a guess whose "it" has nothing before it is read again as about the subject
    of the teacher's file (Tutor._of_the_texts_subject); "should i stop it when i have diarrhoea" and
    "my forxiga, do i stop it when im sick", read as "… stop Heart Failure …", were answered with
    the handout's "temporarily stop taking your water tablets, ramipril, spironolactone and
    dapagliflozin" (two reviewers' probes, stop 68). "can i drive with it" and "is loratadine good
    for it?" are still read so: the condition is what "it" is there."""
    return bool(_CHANGES_IT.search(text)) or asks_for_a_decision(text) and medicines.in_question(text)


# "cut back on salt" is no "on clomid"
_CUT_DOWN_ON = re.compile(r"\b(cut|cutting|go|going)\s+(back|down|easy)\s+on\b", re.IGNORECASE)


def asks_a_decision_about_living(text: str, no_emergency_in_view: bool, medicines: TextMedicines = NO_MEDICINES) -> bool:
    """Whether a message refused as personal advice asks a decision about everyday living ("should i cut
    back on salt", "is a little bit of gluten now and then ok if I feel fine?", "can my son go to school
    with chickenpox?") and nothing of a medicine, a treatment, a result or a number: the decision stays
    the asker's and a clinician's, so it is still refused, but what the text says in general is what a
    learner can use, and the refusal quotes it (DECISION_NOTE), as a refused diagnosis does; quotes that
    speak of a treatment are never shown beside it (Tutor._what_the_text_says)."""
    text = _CUT_DOWN_ON.sub(r"\1 \2", _SIGNS_TO_LOOK_FOR.sub("signs to look for", text))
    return no_emergency_in_view and asks_for_a_decision(text) and not _self_diagnosis(text) \
        and not _RESULT_TOLD.search(text) and not _TAKES_A_MEDICINE.search(text) and not _OWN_TREATMENT.search(text) \
        and not _CHANGES_A_TREATMENT.search(text) and not speaks_of_a_medicine(text) and not medicines.in_question(text) \
        and not _NUMBER.search(_TIME_SPAN.sub(" ", _AGE.sub(" ", text)))
