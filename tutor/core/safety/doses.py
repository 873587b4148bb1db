"""One dose vocabulary, used by the output redaction and by the guard's exact rules.

Numbers with a unit of amount, numbers with a schedule, and schedule phrases are what rules do
well: they are exact, and an embedding model reads "250mg" no better than "250". Numbers that
are not doses are deliberately absent: percentages of a population ("about 80 percent of
patients"), ages, years, citation numbers and page ranges, and lab concentrations ("20 ng/ml").
"""

from __future__ import annotations

import re

# A mixed number first ("1 1/2", as redact._searchable writes "1½"), then the rest; every number word a
# leaflet spells ("sixteen [..] tablets" showed its count: "sixteen" was no number here; a tester's)
NUMBER = (r"(?:(?:one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+and\s+(?:fifty|twenty|\w+ty))?|\d+\s+\d/\d\b|\d+(?:[.,]\d+)?|[.,]\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
          r"|(?:thir|four|fif|six|seven|eigh|nine)teen"
          r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
          r"|half(?:\s+a)?|a\s+half|a\s+quarter|quarter|(?:one|a)[-\s](?:quarter|half|third))")
RANGE = rf"{NUMBER}(?:\s*(?:-|–|—|to|or|/|and)\s*{NUMBER})*+"
DIGITS = r"(?:\d+(?:[.,]\d+)?|[.,]\d+)"

# Units of an amount of medicine. A mass unit followed by "/dL" or "/L" is a lab concentration.
MASS = r"(?:mg|milligrams?|mcg|µg|μg|ug|micrograms?|grams?|g)(?!\s*/\s*(?:dl|l|ml|deciliter|liter|litre)\b)"
MEASURE = (rf"(?:{MASS}|mg/kg|mcg/kg|mg/day|mg/d|mg/wk|mg/week|ml|milliliters?|millilitres?|cc|fingertip\s+units?|ftus?"
           r"|(?:iu|i\.u\.|units?|u|international\s+units?)(?!\s*/\s*(?:l|ml|dl|litre|liter)\b)"     # "30 IU/L" is a lab level
           r"|(?:table|tea|dessert)?spoon(?:ful)?s?|tbsp|tsp|cups?|cupfuls?|capfuls?"
           r"|ounces?|oz"
           r"|(?:meq|mmol)(?!\s*/\s*(?:l|mol|dl)\b))")    # "10 mEq", "20 mmol" — not "48 mmol/mol", "140 mEq/L"
COUNT = (r"(?:tabs?|tablets?|pills?|capsules?|caps|drops?|pumps?|clicks?|ticks?|sprays?|patches|pellets?|puffs?"
         r"|vials?|ampoules?|syringes?|shots?|injections?|doses?|sachets?|lozenges?|pastilles?|suppositor(?:y|ies)"
         r"|pessar(?:y|ies)|inhalations?|actuations?|scoops?|caplets?|gtts?)")     # gtt: drops, on a label
UNIT = rf"(?:{MEASURE}|{COUNT})"
# ... of which these name a medicine without a number too: not "a tick", "a click", "a pump", "a shot at it"
_COUNT_NOUNS = COUNT.replace("|clicks?|ticks?", "").replace("|pumps?", "").replace("|shots?", "")
FORMULATION_PERCENT = (r"(?:%|percent)\s+(?:w/w\s+|w/v\s+)?(?:gel|cream|solution|ointment|lotion|topical|spray|mouthwash|mouth\s+wash"
                       r"|shampoo|eye\s+drops|ear\s+drops|drops|liquid|foam|paste|powder|wash)")
TIME = r"(?:days?|weeks?|wks?|fortnights?|months?|mos?|hours?|hrs?|h|nights?|mornings?|evenings?)\b"   # whole words: "every mother" is no schedule
FREQUENCY_ABBREVIATION = r"(?:eod|e\dd|e\d\.\dd|qod|q\d+h|qd|bid|tid|mwf|x/wk|/wk)"
_ADVERB = r"(?:(?:often|usually|typically|commonly|generally|normally|sometimes)\s+)?"
_NOT_IN_NAME = r"(?<![A-Za-z]-)(?<![A-Za-z])(?<![\d.,])"
# Schedules without a number: a dose only after an amount or a verb of taking ("one tablet on
# alternate days", "take it each morning"); "cortisol peaks each morning" is no schedule.
_UNNUMBERED = (r"(?:on\s+)?alternate\s+days|each\s+(?:morning|evening|night)|(?:morning|night|evening)\s+and\s+"
               r"(?:night|morning|evening)|t\.?d\.?s\.?|q\.?d\.?s\.?|q\.?i\.?d\.?|b\.?d\.?|nocte|mane"
               r"|at\s+night(?:\s+only)?|in\s+the\s+(?:morning|evening)(?:\s+only)?|before\s+(?:breakfast|lunch|dinner|supper|meals?|bed(?:time)?)"
               r"|with\s+(?:the\s+)?(?:evening|morning|main)\s+meal|with\s+(?:meals|food|breakfast)"
               # timing by what the day holds: "after brushing teeth", "before school"
               r"|(?:before|after)\s+(?:brushing\s+(?:\w+\s+)?teeth|(?:each\s+|a\s+)?meals?|eating|food|breakfast|lunch|dinner"
               r"|supper|bed(?:time)?|sleep|going\s+to\s+bed|exercise|school|waking(?:\s+up)?|feeds|feeding"
               r"|(?:each|every)\s+(?:loose\s+|watery\s+)?(?:stool|motion|bowel\s+movement|nappy))"
               r"|as\s+needed\s+(?:up\s+to|every)\b[^.;]*?(?=[.;]|$)")
UNNUMBERED = _UNNUMBERED     # for redact's sweep of a sentence with a dose in it
# A count of something unnamed, and the times of a day it is divided over (the divided dose in REDACTED)
_A_COUNT = rf"(?:{NUMBER}|a\s+spoonful|a\s+couple|a\s+pair)"
_DAY_TIME = (r"(?:breakfast|lunch(?:time)?|tea(?:time)?|dinner|supper|bed(?:time)?|waking(?:\s+up)?|morning|noon|midday"
             r"|evening|night|your\s+(?:evening|morning|main)\s+meal)")
# Time between doses counted in minutes: "every one to two minutes", "every few minutes"
_MINUTES = r"(?:minutes?|mins?)\b"
_TAKING = r"\b(?:take|takes|taken|taking|give|given|giving|use|used|using|apply|applied|inhale|inhaled)"

# Right after a course "started" as a passive or a condition ("when started", "is best started"):
# not "symptoms start 5 to 14 days before your period" (a reviewer's)
_STARTED_AHEAD = "(?:" + "|".join(rf"(?<=\b{lead} started )" for lead in (
    "when", "if", "once", "be", "is", "are", "best", "been")) + ")"

# Every phrase the redaction replaces, most specific first.
REDACTED = [
    # "(e.g. 0.1-0.2ml)": the whole aside goes
    rf"\(\s*(?:e\.g\.,?|i\.e\.,?|about|approx\.?|approximately|typically|usually|around|roughly)?\s*{RANGE}\s*{UNIT}\b[^()]*\)",
    # amounts: "250mg", "0.1-0.2 ml", "2 iu", "half a pill", "1% gel", with what they are per
    # ("1-2 g/day", "15 mg/kg", "20 mg per kg") and the window they are counted in ("up to 4 puffs in 4 hours")
    rf"{_NOT_IN_NAME}{RANGE}\s*-?\s*{UNIT}(?![A-Za-z])(?:\s*\(\s*{UNIT}\s*\))?(?:\s*(?:ed|eod|e\dd|qd|bid|tid)\b)?"
    rf"(?:\s*(?:/|per\s)\s*(?:kg|day|d|week|wk|dose|hours?|hrs?|h)\b)*(?:\s+(?:in|within|over|per)\s+(?:an?\s+|{RANGE}\s*)?{TIME})?"
    rf"(?:\s*[,\u2013\u2014-]?\s+(?:(?:or|and)\s+)?(?:{_UNNUMBERED})(?![A-Za-z]))*",      # "200 mg - each morning"
    # an unnumbered schedule after a verb of taking: the verb stays, the schedule goes
    rf"(?P<keep>{_TAKING}\s+(?:it\s+|them\s+|this\s+)?)(?:{_UNNUMBERED})(?:,?\s+(?:or|and)\s+(?:{_UNNUMBERED}))*(?![A-Za-z])",
    # a ceiling: "not more than 8 in 24 hours"
    rf"\b(?:not\s+more\s+than|no\s+more\s+than|a\s+maximum\s+of|at\s+most)\s+{RANGE}\s+(?:[a-z]+\s+)?"
    rf"(?:in|per|within|every)\s+(?:an?\s+|{RANGE}\s*)?{TIME}",
    # ... told after the verb: "Do not have more than 8 in 24 hours" (a reviewer's handout, stop 77); a count of
    # something named is none ("fewer than 4 wet nappies in 24 hours")
    rf"\bmore\s+than\s+{RANGE}\s+(?:in|per|within)\s+(?:an?\s+|{RANGE}\s*)?{TIME}",
    # a count at each of several times of the day, of something unnamed: a dose divided over the day ("One at breakfast
    # and one at teatime", "two on waking and two at teatime", "half in the morning and half at night", "a spoonful
    # morning, lunchtime, teatime and bedtime"; reviewers' handouts, stops 76 and 77). A habit names what is done
    # ("brush your teeth morning and night", "walk in the morning and at lunchtime") and counts nothing.
    rf"\b{_A_COUNT}\s+(?:(?:of\s+(?:them|these|those|it))\s+)?(?:(?:at|in\s+the|on|with\s+(?:\w+\s+){{0,3}}?at)\s+)?"
    rf"{_DAY_TIME}(?:\s*,?\s+(?:and\s+|then\s+)?(?:another|{_A_COUNT})\s+"
    rf"(?:(?:at|in\s+the|on)\s+|with\s+(?:\w+\s+){{0,3}}?)?{_DAY_TIME})+",
    rf"\b{_A_COUNT}\s+(?:of\s+\w+\s+)?(?:\w+\s+)?{_DAY_TIME}(?:\s*,\s*{_DAY_TIME})*\s*,?\s+and\s+{_DAY_TIME}\b",
    # the time since the last one: "Leave at least 4 hours after the last lot", "4 hours between goes"
    rf"\b(?:at\s+least\s+)?{RANGE}\s+{TIME}\s+"
    r"(?:(?:after|since)\s+(?:the\s+|your\s+)?(?:last|previous)\s+(?:lot|one|dose)|between\s+(?:goes|doses|lots))\b",
    # "one-quarter to one-half of a 2.5 mg tablet": the fraction goes with the amount after it
    rf"{_NOT_IN_NAME}{RANGE}\s+of\s+an?(?=\s+(?:\d|[.,]\d|{COUNT}\b))",
    rf"{_NOT_IN_NAME}{RANGE}\s+[a-z]+\s+{COUNT}\b",                  # "3 or 4 glucose tablets"
    rf"{_NOT_IN_NAME}{RANGE}\s*{FORMULATION_PERCENT}\b",
    rf"{_NOT_IN_NAME}\d+(?:[.,]\d+)?\s*(?:ed|eod|e\dd|qd|bid|tid)\b",
    # "up to 3 times in 24 hours", "4 times within a day"
    rf"{_ADVERB}\b(?:up\s+to\s+)?{RANGE}\s*(?:x|times?)\s+(?:in|per|within|every|a)\s+(?:an?\s+|{RANGE}\s*)?{TIME}",
    # frequencies: "twice weekly", "3x per week", "once a day", "2x/wk"
    rf"{_ADVERB}\b(?:(?:once|twice|thrice|{RANGE})\s*(?:or|to|-)\s*)?(?:once|twice|thrice|{RANGE}\s*(?:x|times?))"
    r"\s*(?:a|an|per|each|every|/)?\s*-?\s*"
    r"(?:day|daily|week|weekly|wk|fortnight|month|monthly|night|nightly|morning|evening)\b",
    rf"{_ADVERB}\bevery\s+(?:other\s+|second\s+|third\s+|alternate\s+)?(?:{RANGE}\s+)?{TIME}",   # "every 3 to 7 days"
    rf"\bevery\s+(?:few\s+|couple\s+of\s+|{RANGE}\s+)?{_MINUTES}",                  # "every one to two minutes"
    rf"{_NOT_IN_NAME}{RANGE}\s*-?\s*hourly\b",                                       # "4-hourly", "two hourly"
    # an amount named by one measure or count before a schedule: "a teaspoon every…", "a puff each…"
    rf"\b(?:a|an)\s+{UNIT}(?=\s+(?:every|each|twice|once|thrice|\d|one|two|three|four|a\s+day|per)\b)",
    # a ceiling without a window: "up to a maximum of ten"
    rf"\b(?:up\s+to\s+)?(?:a\s+maximum\s+of|no\s+more\s+than|not\s+more\s+than)\s+{RANGE}\b(?!\s*(?:%|percent|people|years?))"
    r"(?:\s+(?:puffs?|doses?|tablets?|times?))?",
    rf"{_ADVERB}\b(?:twice|once|thrice)[- ](?:daily|weekly|monthly|nightly)\b",
    rf"{_ADVERB}\b(?:daily|weekly|bi-?weekly|nightly|fortnightly|semi-?weekly)\b"
    r"(?!\s+(?:life|living|lives|routines?|activities|tasks|stress|basis\s+of\s+life|sessions?|classes|class|meetings?"
    r"|appointments?|visits?|groups?|walks?|exercise|therapy))",
    r"\bper\s+(?:day|week|wk|month)\b",
    # "a day or two" whole, wherever it stands: "for a day or two" had left "for [..] or two", and
    # "warning signs a day or two before the headache" too (an exploratory tester's). How long an illness
    # takes ("does not get better after a week") stays hidden with it: shown where no word of a dose was
    # near, it showed a reviewer's "Each patch lasts a week" and "continued for about a week" too (stop 63)
    r"\b(?:a|an|each)\s+(?:day|week|wk)\b(?:\s+or\s+(?:two|three|so|more|longer)\b"
    r"|(?=\s*(?:[,.;)]|$|for|of|and|or|dose|split)))",
    r"(?i:\b(?:eod|e\dd|qod|q\d+h|x/wk|/wk)\b)",
    r"\b\d+\s*x\s*/\s*(?:wk|week|day|d)\b",
    # durations of a course said with what is taken ("a 4-6 week cycle", "8 weeks on"); "for 6 weeks" alone is
    # DURATION, hidden only in a clause about a course (redact._timed_doses)
    r"\b(?:an?\s+)?(?:day|week|month|fortnight)-long\s+(?:course|treatment|cycle|regimen)\b",   # "a week-long course"
    rf"\b(?:duration|course|length)\s+of\s+(?:treatment|therapy)\s+(?:is|was|of)\s+(?:about\s+|usually\s+)?{RANGE}\s*-?\s*{TIME}",
    # when to treat again: "repeated in 2 weeks", "9 to 10 days after the first treatment", "on day 9"
    rf"\b(?:repeated|repeat\w*\s+(?:treatment\s+|dose\s+)?)in\s+{RANGE}\s*-?\s*{TIME}",
    rf"\b{RANGE}\s*-?\s*(?:{TIME}|{_MINUTES})\s+after\s+the\s+(?:first|last|previous|initial)\s+(?:treatment|dose|injection"
    r"|application|one|pen|puff|tablet)\b",
    rf"\b(?:dose|treatment|injection|application)\s+{RANGE}\s*-?\s*{TIME}\s+later\b",
    # timing: "20 to 30 minutes before meals"
    rf"\b(?:about\s+|around\s+|approximately\s+|roughly\s+)?{RANGE}\s*(?:minutes?|mins?|hours?|hrs?)\s+(?:before|after)"
    r"(?:\s+or\s+(?:before|after))?\s+(?:(?:a|each|every|your|the|any)\s+)?(?:meals?|eating|food|breakfast|lunch|dinner|bed(?:time)?|sleep|going\s+to\s+bed)\b",
    # when a course is started ahead of what it prevents: "they work best when started 2 weeks before
    # the pollen season" (nasal steroid sprays)
    rf"{_STARTED_AHEAD}(?:about\s+|around\s+|at\s+least\s+|up\s+to\s+)?{RANGE}\s*-?\s*{TIME}\s+(?:before|ahead\s+of)\b",
    rf"\b{RANGE}\s*-?\s*(?:day|week|month)s?\s+(?:cycles?|courses?|protocols?|runs?|regimens?|programs?|tapers?"
    r"|blocks?|on|off)\b",
    # timing instructions
    r"\b(?:before\s+bed(?:time)?|at\s+bedtime|on\s+an\s+empty\s+stomach|first\s+thing\s+in\s+the\s+morning"
    r"|with\s+(?:meals|a\s+(?:snack|meal))|with\s+food(?=\s*(?:[,.;)]|$|or\b|and\b))|(?:in\s+)?divided\s+doses)\b",
]

# The time between doses, or between a dose and what it is timed by, told in a clause about taking a
# medicine: "a second injection may be given 5 minutes later", "leave 4 to 6 hours between doses",
# "take it 30 minutes before you go out", "start the spray two weeks before the season". Each wording
# had a pattern of its own until three testers' handouts showed three more; an interval is a dose
# detail by what its clause is about, so the interval is found by its form and the clause by a word of
# a dose or of taking one. "The rash appears 2 weeks later", "results are given 2 weeks later" and
# "symptoms start 5 to 14 days before your period" have neither, and stay.
_SPAN = (rf"(?:(?:about|around|roughly|approximately|at\s+least|up\s+to|another|a\s+further)\s+)?(?:{RANGE}|an?|half\s+an?)\s*-?\s*"
         rf"(?:{TIME}|{_MINUTES}|years?\b|seconds?\b|secs?\b)")
SPAN = _SPAN          # for redact's sweep
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
INTERVAL = (
    rf"\b{_SPAN}\s+(?:later|apart|afterwards)\b"
    rf"|\b{_SPAN}\s+after\s+(?:the|your|their|a|an)\s+(?:first|last|previous|initial|earlier|second|other|1st)"
    r"(?:\s+(?:one|dose|injection|tablet|pill|pen|puff|spray|application|treatment|capsule|period))?\b"
    rf"|\b(?:(?:more|less)\s+than\s+)?{_SPAN}\s+since\s+(?:your|the|their|his|her|a|an)\s+(?:last|previous|first|most\s+recent)\b"
    rf"|\b{_SPAN}\s+between\s+(?:doses|each\s+(?:dose|one|tablet|pill|puff|spray|application|injection)|tablets|pills|puffs"
    r"|sprays|injections|applications|them|each)\b"
    rf"|\b{_SPAN}\s+(?:before|ahead\s+of|after(?=\s+(?:you|they|he|she)\b))"
    # a pace in seconds, in a clause about a dose: "one puff every 30 to 60 seconds" (an asthma
    # handout's attack steps), not "someone has an asthma attack every 10 seconds" (a reviewer's)
    + r"|\bevery\s+(?:few\s+|couple\s+of\s+|\d+(?:\s*(?:-|–|to|or)\s*\d+)?\s*)?(?:seconds?|secs?)\b"
    # straight after what it is timed by: "the first dose as soon as possible after the vaccination" (a fever
    # handout's paracetamol after the MenB vaccine, whose later doses were hidden)
    + r"|\b(?:as\s+soon\s+as\s+(?:possible|you\s+can)|straight\s+away|immediately|right|just)\s+(?:after|before)\s+"
      r"(?:(?:the|your|a|an|each|every|their)\s+)?[\w-]+"
    # how many days a week or month it is taken on: "if you take triptans on 10 or more days a month" (a
    # migraine handout's, shown whole while "on 3 days a week" was hidden)
    + rf"|\b(?:on\s+)?(?:(?:more|fewer|less)\s+than\s+|at\s+least\s+|up\s+to\s+|no\s+more\s+than\s+)?(?:{RANGE}|a\s+few)\s*\+?\s+"
      r"(?:or\s+(?:more|fewer|less)\s+)?(?:(?:consecutive|separate|different|non-?consecutive)\s+)?days?"
      r"\s+(?:or\s+(?:more|fewer|less)\s+)?(?:(?:a|an|per|each|every|in\s+a|of\s+the)\s+(?:week|month|fortnight)\b"
      r"|(?=\[dose details omitted\]))"
    # the days of the week it is taken on: "changed twice a week, for example every Monday and Thursday"
    rf"|\b(?:every|each|on)\s+(?:other\s+)?{_WEEKDAY}s?(?:\s*(?:,|and|or|&)\s*{_WEEKDAY}s?)*\b"
    # "waiting 48 hours after the injury before taking ibuprofen"
    + "".join(rf"|(?<=\b{word} )(?:for\s+)?{_SPAN}" for word in ("wait", "waiting", "waited", "leave", "leaving"))
    # after or within a time, in a clause about a dose: "if there is no improvement after 5 minutes",
    # "within 72 hours of unprotected sex", "in the first 48 hours", "once 4 hours have passed",
    # "space out doses by 4 to 6 hours" (a reviewer's)
    + rf"|\b(?:after|in\s+the\s+first|once|by|until)\s+{_SPAN}"
    # a course in a clause about a dose however it is bounded: "for longer than a week" (a reviewer's)
    + rf"|\b(?:for|over|during)\s+(?:the\s+(?:first|next|last)\s+)?(?:(?:longer|more|less|fewer)\s+than\s+|under\s+|nearly\s+"
      rf"|almost\s+|over\s+)?{_SPAN}"
    # the clock times it is taken at: "twice a day, for example at 8am and 8pm" (a reviewer's transplant handout)
    + r"|\b(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?:\s*(?:,|and|or|&)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))*"
    # a time right before a timing already hidden: "roughly an hour [before bed]"
    + rf"|\b{_SPAN}(?=\s+\[dose details omitted\])"
    # "repeat in 15 minutes", "it within 72 hours": right after the verb or the dose ("after" a time is
    # one wherever it stands in such a clause, above)
    + "".join(rf"|(?<=\b{word}{gap})(?:within|in)\s+{_SPAN}"
              for word in ("repeat", "repeated", "again", "it", "them", "this", "one", "taken", "given", "used", "dose",
                           "doses")
              for gap in (" ", ", "))
)
# A clause about taking a medicine: a word of a dose, or a verb of taking it said as an instruction
# or a possibility ("take", "can be given", "you should use"). "Takes about 15 minutes" is a length of
# time, and "repeat blood test" a test.
DOSE_NOUN = (rf"\b(?:{_COUNT_NOUNS}|dose|patch|pessar(?:y|ies)|suppositor(?:y|ies)|medicines?|medications?|booster|jabs?|gel|creams?"
             r"|ointments?|lotions?|inhalers?|implants?|painkillers?|pen|epipen|auto-?injector)\b(?!-)")   # not "drop-in sessions"
TAKING_SAID = (
    # "take your child back to A&E", "take a rest day": no medicine taken
    r"\b(?:take|takes)\b(?!\s+(?:about\s+|only\s+|around\s+|roughly\s+|up\s+to\s+|at\s+least\s+|just\s+)?"
    r"(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|a\s+few|several|weeks|days|hours|minutes|months|time|longer|a\s+while|place|part|care))"
    r"(?!\s+(?:(?:your|the|a|an|him|her|them|me|us|my|our)\s+)?(?:child|children|baby|son|daughter|kids?|partner|husband|wife|mum|dad"
    r"|him|her|them|rest|break|day|look|seat|walk|bath|shower|photo|picture|sample|test|reading|note|nap)\b)"
    r"|\b(?:taken|taking|took|inject(?:ed|ing)?|inhale[ds]?|swallow(?:ed)?|reapply|reapplied)\b"
    r"|\b(?:can|may|should|must|could|might|will|to)\s+be\s+(?:given|used|applied|repeated|taken)\b"
    r"|\b(?:you|they|we|i|parents?|someone)\s+(?:can\s+|may\s+|should\s+|must\s+|could\s+)?(?:give|use|apply)\b"
    r"|(?:^|[.;:!?]\s+|\b(?:then|and|or|please|always|only)\s+)(?:give|use|apply|repeat|spray|insert|inhale)\b"
    # ... and a step repeated: "If the ambulance has not arrived after 10 minutes …, repeat step 2" (an asthma
    # handout's reliever step; a procedure's repeat timing is hidden with it, which over-redacts first aid)
    r"|\brepeat\s+(?:it|them|this|the\s+(?:dose|injection|tablet|puff|spray|treatment)|steps?|after|if|once|in)\b"
    # "wait at least 4 hours before the next": the next dose
    r"|\b(?:before|until)\s+the\s+next(?:\s+(?:one|dose|tablet|pill|puff|injection|spray))?\s*(?:[.;,)]|$)"
    r"|\bstart(?:ed|ing)?\s+(?:the|your|a|an|taking|using|it|them|this|treatment)\b"
    # stopping or restarting it: "Restart them 24 to 48 hours after …", "must be stopped at least 6 weeks
    # before trying for a baby" (reviewers' transplant and arthritis handouts, stop 65)
    r"|\b(?:stop|stops|stopping|restart\w*|paus(?:e|es|ing))\s+(?:taking\s+|using\s+)?(?:it|them|this|your|the)\b"
    r"|\b(?:be|been|is|are)\s+(?:stopped|restarted|paused)\b"
)
DOSE_CLAUSE = rf"{DOSE_NOUN}|{TAKING_SAID}"
# How long a course lasts: "for 6 weeks", "over a 6-week period", "for up to 2 years" (not "over 50 years", an age).
# A dose detail only in a clause about a course (redact._timed_doses): "pain that lasts for three months or more"
# and "the rash lasts for 2 to 4 weeks" tell how long an illness lasts, and were hidden (a tester's shingles
# handout, stop 74)
DURATION = (
    rf"\b(?:for|over|over\s+the\s+course\s+of|during)\s+(?:the\s+(?:first|next|last)\s+)?(?:about\s+|around\s+|up\s+to\s+"
    rf"|at\s+least\s+|a\s+period\s+of\s+|(?:more|less)\s+than\s+)?{RANGE}\s*-?\s*{TIME}"
    rf"|\b(?:for|over|during)\s+an?\s+{RANGE}\s*-?\s*(?:day|week|month)\s+(?:period|course)\b"
    rf"|\bfor\s+(?:about\s+|around\s+|up\s+to\s+|at\s+least\s+|(?:more|less)\s+than\s+)?{RANGE}\s*-?\s*years?\b"
    # "A course of isotretinoin usually lasts 16 to 24 weeks"
    rf"|(?<!\bthe\s)(?<!\bpast\s)\b(?:lasts?|lasting|continues?|continued|runs?)\s+(?:for\s+)?(?:about\s+|around\s+|up\s+to\s+|at\s+least\s+)?{RANGE}\s*-?\s*(?:{TIME}|years?\b)"
    # yearly schedules, redacted since stop 25 but only beside a medicine since stop 74: "Cervical screening is
    # offered every 3 years" and "Bowel cancer screening kits are sent every 2 years" are no doses
    rf"|{_ADVERB}\bevery\s+(?:other\s+|second\s+|third\s+)?(?:{RANGE}\s+)?years?\b"
    rf"|{_ADVERB}\b(?:(?:once|twice|thrice|{RANGE})\s*(?:or|to|-)\s*)?(?:once|twice|thrice|{RANGE}\s*(?:x|times?))\s*(?:a|an|per|each|every|/)?\s*-?\s*(?:year|yearly)\b"
    rf"|{_ADVERB}\b(?:twice|once|thrice)[- ](?:yearly|annually)\b"
    rf"|(?:(?<=\bcourse is )|(?<=\bcourse of )|(?<=\bcourse lasts ))(?:usually\s+|normally\s+|typically\s+)?(?:about\s+|around\s+)?"
    rf"{RANGE}\s*-?\s*(?:{TIME}|years?\b)"
    # the day of a course a dose is repeated on: "on day 9" (not "Discharged on day 3 post-op")
    r"|\bon\s+day\s+\d+(?:\s*(?:-|–|to|or)\s*\d+)?\b")
# How long a medicine keeps once opened, or out of the fridge, is no course: "A pen in use can be kept at room
# temperature for up to 28 days" (docs/safety.md: when a pen expires is shown)
STORED = r"\b(?:kept|stored?|storing|room\s+temperature|fridge|once\s+opened|after\s+opening|expir\w*|discard\w*|shelf)\b"
# ... and what makes a clause one about a course, besides a word of a dose or of taking one
COURSE = (r"\b(?:course|courses|cycles?|protocols?|regimens?|treatment|treated|therapy|therapies|tapers?|tapering|pct"
          r"|prescri\w+|antibiotics?|antivirals?|steroids?|supplements?|vaccin\w*|immunotherapy|radiation|radiotherapy"
          r"|chemo\w*|compounds?|drugs?|peptides?|sarms?|serms?|substances?|contracepti\w*|condoms?|on\s+it|on\s+them"
          r"|(?:is|are|was|were|be|being|been)\s+given)\b")
# A time after something, said where a medicine is stopped or started: "Restart Xarelto 48 hours after the
# procedure". Alone it is no dose's timing ("back to school 48 hours after the first antibiotic dose").
SPAN_AFTER = rf"\b{_SPAN}\s+after\b"
# "within" a time is a dose's timing only where the clause says to take it ("take the emergency pill
# within 72 hours", "use the second EpiPen if … within 5 to 15 minutes"): "the injection works within 5
# minutes" is an onset
WITHIN = rf"\bwithin\s+{_SPAN}"
# A clause about a test, a sample or a scan, with no word of a dose: "two tests taken 4 to 6 weeks
# apart", "an X-ray was taken 6 weeks later", "use a home pregnancy test 3 weeks later" (a reviewer's)
CHECKED = (r"\b(?:tests?|testing|samples?|x-?rays?|scans?|readings?|measurements?|check-?ups?|appointments?|photos?"
           r"|pictures?|swabs?|biops(?:y|ies)|screening)\b")
# Where a clause ends, for DOSE_CLAUSE: a sentence's end, a semicolon or colon, and a comma before
# a new clause ("..., but the rash appears 2 weeks later").
CLAUSE_END = r"[.;:!?](?:\s|$)|,\s+(?=(?:and|but|or|so|while|whereas|although|though|which|because)\b)"

# What the guard treats as a dose in a question: a number with a unit of amount, or a number with
# a schedule ("250mg", "0.5 ml", "2 iu", "e3d", "3x a week", "2x/wk"). Words without numbers
# ("weekly injections", "how much") are left to the intent classifier.
REQUESTED_AMOUNT = [
    rf"{_NOT_IN_NAME}{DIGITS}(?:\s*(?:-|–|to|/)\s*{DIGITS})?\s*-?\s*{MEASURE}(?![A-Za-z])",
    rf"{_NOT_IN_NAME}{DIGITS}\s*{FORMULATION_PERCENT}\b",
    rf"(?:\b|\d){FREQUENCY_ABBREVIATION}\b",
]
# ... of which a number with a schedule in words may be told of anything ("i lift 3 times a week",
# Guard._only_a_scenes_schedule); the amounts and the abbreviations above are a dose's own
REQUESTED = REQUESTED_AMOUNT + [
    rf"\b{DIGITS}\s*(?:x|times)\s*(?:a|an|per|each|every|/)?\s*(?:day|daily|week|weekly|wk|month|night)\b",
    rf"\bevery\s+{DIGITS}\s+{TIME}",
]

# A lab result with its unit ("45 pg/ml", "280 ng/dl", "12 nmol/l"): the asker's own numbers.
LAB_VALUE = (r"\b\d+(?:[.,]\d+)?\s*(?:(?:pg|ng|miu|mIU)\s*/\s*ml|(?:ng|ug|mcg|mg)\s*/\s*dl"
             r"|(?:nmol|pmol|mmol|iu|u)\s*/\s*l)\b")

# What follows a redacted dose and belongs to it: unnumbered schedules ("200 micrograms twice a
# day, morning and evening" left "[..] morning and evening"), after a comma or "and".
AFTER_A_DOSE = (r"\[dose details omitted\](?:[\s,;\u2013\u2014-]+(?:(?:and|or)\s+)?(?:morning|evening|night)(?:\s+and\s+(?:morning|evening|night))"
                rf"|[\s,;\u2013\u2014-]+(?:(?:and|or)\s+)?(?:{_UNNUMBERED})(?![A-Za-z])"
                # "[..] of each month": what the marked course is counted in (a menopause handout's)
                r"|\s+(?:(?:of|in)\s+(?:each|every|the|a)|each|every)\s+(?:month|cycle|week|28-day\s+cycle)\b)+")

_compiled: dict[str, re.Pattern] = {}


# Words a request for a dose cannot do without: of amount, schedule, duration, route, preparation or
# taking ("how much", "dose", "ml", "weekly", "pin", "cycle", "take", "wean", "reconstitute",
# "glute or delt"). Every one of the guard's 1,046 dose-request examples has one; "ok and after the
# cholesterol gets in?" has none, and the classifier took it for a dose request by its opening
# (Guard.classify). In the guard's leave-one-writer-out cross-validation, a dose verdict without
# one falling to the next intent refused 16 fewer of 2,141 learner examples (129 -> 113) and answered no more
# of the 2,097 refusals.
_DOSE_WORDS = re.compile(
    r"\b(?:how\s*(?:much|many|often|long|frequently|soon|slowly|fast)|what\s*dose|dos(?:e|es|ed|age|ing)|amounts?|strength"
    r"|concentration|ratio|mg|mcg|ml|iu|units?|milligrams?|micrograms?|cc|grams?|tabs?|tablets?|pills?|capsules?|half"
    r"|schedul\w*|protocols?|regimen|plan|titrat\w*|taper\w*|wean\w*|cycles?|cycling|blast|cruise|stack\w*|run|running|ran"
    r"|pin\w*|inject\w*|jab|shots?|needles?|syringes?|gauge|vials?|draw\w*|mix\w*|reconstitut\w*|label"
    r"|glute|delt|sub\s?-?q|subq|im|oral|cream|gel|patch|pellets?|apply|rub|spray"
    r"|take|taking|took|taken|use|using|used|start\w*|stop\w*|quit\w*|switch\w*|come\s+off|coming\s+off"
    r"|double\w*|miss\w*|skip\w*|split\w*|max\w*|min\w*|size|volume|numbers?|limit|ceiling|top|range"
    r"|daily|weekly|day|days|week|weeks|month|months|morning|night|bed|bedtime|food|eod|ed|e3d|twice|once|times|x|per|every"
    r"|frequency|length|duration|timing|time|when|long|before\s+or\s+(?:during|after)"
    r"|increase|decrease|raise|lower|up|bump|more|less|higher|too\s+much|enough|safe|typical|usual|standard|normal"
    r"|starting|maintenance|go|give|put)\b|\d", re.IGNORECASE)


def is_dose_word(word: str) -> bool:
    """Whether a word is one a dose request needs ("typical", "starting", "tablet", "taken")."""
    return bool(_DOSE_WORDS.fullmatch(word))


# What is taken without being a medicine, and an age: "how do u take a temprature under the arm", "my son
# is 4, how do i take his temperature" were refused as dose requests (a fever handout's tester)
_NOT_A_DOSE_TAKEN = re.compile(
    r"\b(?:take|takes|taking|took|taken)\s+(?:(?:a|an|the|his|her|their|your|my|our|someone'?s|a\s+child'?s|a\s+baby'?s)\s+)?"
    r"(?:temp\w*|pulse|heart\s+rate|blood\s+pressure|readings?|photos?|pictures?|breaths?)\b"
    r"|\b(?:is|are|was|turned|turning|aged?)\s+\d{1,2}(?:\s*(?:months?|years?|yrs?|weeks?)(?:\s+old)?)?(?=\s*(?:[,;!?]|$))", re.I)


def speaks_of_taking(text: str) -> bool:
    """Whether a message has a word a dose request needs (_DOSE_WORDS), other than of a measurement
    taken or an age (_NOT_A_DOSE_TAKEN)."""
    return bool(_DOSE_WORDS.search(_NOT_A_DOSE_TAKEN.sub(" ", text)))


# A dose asked as a comparison: "is the dose the same as ipamorelin?", "do women take a different
# amount?", "is it injected differently than hcg, like how often?". The classifier, taught requests
# as "how much …", read five of ten such follow-ups as plain comparisons and answered them: none of
# its 1,046 dose examples compares a dose (and one of its 2,141 learner examples matches, "why can't
# everyone take the same dose", a why-question the guard leaves answered). What is compared must be
# the dose itself, so "does the dosage of prior therapy make a difference to recovery?" is not one.
_AMOUNT = r"(?:dos(?:e|es|age|ages|ing)|amounts?|how\s+much|how\s+often|how\s+many|frequency|schedule)"
_COMPARED = r"(?:differ\w*|the\s+same|similar|vs\.?|versus|compared?|than)"
_COMPARATIVE = r"(?:smaller|larger|bigger|higher|lower|less|greater|lesser|stronger|weaker)"
_DOSE_COMPARED = re.compile(
    rf"\b{_AMOUNT}\b(?:\s+(?:is|are|would\s+be|be|was|were|of\s+\w+|for\s+\w+))*\s+(?:the\s+same|different|similar)\b"
    rf"|\b(?:different|same|similar)\s+{_AMOUNT}\b"
    # a comparative amount ("do women take a smaller amount than men?" was answered while "a different
    # amount?" refused; a learner tester's), asked as taken or against another: not "a worry with the
    # lower doses used for women", which asks about a worry
    rf"|\b(?:take|takes|taking|use|uses|using|need|needs|get|gets|given|prescribed|on)\s+(?:a\s+|the\s+)?(?:much\s+)?{_COMPARATIVE}\s+{_AMOUNT}\b"
    rf"|\b{_COMPARATIVE}\s+{_AMOUNT}\b[^.?!]{{0,40}}?\bthan\b"
    rf"|\b(?:difference|comparison|compare)\s+(?:in|of|between)\s+(?:the\s+)?(?:dos(?:e|es|age|ing)|amounts?|how\s+much|how\s+often)\b"
    rf"|\b(?:how\s+much|how\s+often)\b[^.?!]{{0,40}}?\b(?:differ\w*|than|vs\.?|versus|compared)\b"
    rf"|\b(?:differently|different)\b[^.?!]{{0,40}}?\b(?:how\s+much|how\s+often)\b",
    re.IGNORECASE)


_OF_A_MEDICINE = re.compile(r"\bdos(?:e|es|age|ages|ing)\b|\b(?:take|takes|taken|taking|took|give|given|giving|use|used"
                            r"|using|inject\w*|administer\w*|prescrib\w*|put\s+on|stay\s+on)\b", re.IGNORECASE)


# "the amount" of nothing named ("is the amount the same for kids?" after "what is beclometasone" was
# answered with "A typical dose of beclometasone for an adult is [..]"; an asthma handout's tester)
_BARE_AMOUNT = re.compile(r"\b(?:the|an?|same|different|smaller|larger|bigger|lower|higher)\s+amounts?\b(?!\s+of\b)", re.I)


def compares_doses(text: str) -> bool:
    """Whether a message asks how a dose or schedule of a medicine differs: a dose request
    (docs/safety.md). "How much does clomid raise LH compared to tamoxifen?" compares an effect,
    and "the amount of estrogen in men and women" a level: no dose and no one taking anything."""
    return bool(_DOSE_COMPARED.search(text)) and bool(_OF_A_MEDICINE.search(text))


def compares_an_amount(text: str) -> bool:
    """Whether a message compares "the amount" of nothing it names: of what was just spoken of, a dose
    when the answer would give one (Tutor._guarded), a level otherwise ("what is LH?", "is the amount
    different in men?"; a reviewer's)."""
    return bool(_DOSE_COMPARED.search(text)) and bool(_BARE_AMOUNT.search(text))


def pattern(name: str) -> re.Pattern:
    """The compiled pattern `name` (REDACTED, REQUESTED, REQUESTED_AMOUNT, LAB_VALUE, AFTER_A_DOSE, INTERVAL, DOSE_CLAUSE or CLAUSE_END), compiled on first use so
    commands that never check a dose pay nothing at start-up."""
    if name not in _compiled:
        parts = {"REDACTED": REDACTED, "REQUESTED": REQUESTED, "REQUESTED_AMOUNT": REQUESTED_AMOUNT, "LAB_VALUE": [LAB_VALUE], "AFTER_A_DOSE": [AFTER_A_DOSE],
                 "INTERVAL": [INTERVAL], "DOSE_CLAUSE": [DOSE_CLAUSE], "CLAUSE_END": [CLAUSE_END],
                 "DOSE_NOUN": [DOSE_NOUN], "CHECKED": [CHECKED], "TAKING_SAID": [TAKING_SAID], "WITHIN": [WITHIN],
                 "SPAN_AFTER": [SPAN_AFTER], "DURATION": [DURATION], "COURSE": [COURSE], "STORED": [STORED]}[name]
        _compiled[name] = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)
    return _compiled[name]


# Advice to the reader: "If you take warfarin, try to keep …", "Carry your medicines in your hand luggage",
# "Girls and women who can get pregnant must not take valproate unless …", "… are best avoided"
_TELLS_THE_READER = re.compile(
    r"\b(?:you|your|yours|must|should|shouldn't|need\s+to|needs\s+to|avoid\w*|do\s+not|don't|never|always|try\s+to"
    r"|make\s+sure|remember\s+to|talk\s+to|tell\s+your|ask\s+your|check\s+with)\b"
    r"|^\W*(?:carry|take|keep|do|avoid|try|use|ask|tell|talk|check|plan|stop|start|have|make|remember|get|see|bring|store"
    r"|put|wear|give|miss|skip|double)\b", re.I)
# The word dose itself, not the marker that stands for one
DOSE_SAID = re.compile(r"\bdos(?:e|es|age|ages|ing)\b", re.I)
# What to do about it: an instruction at a clause's start ("…, take it as soon as you remember", "Never take
# two doses …"), what you should do, or what to do if you miss one
_ACT = r"(?:take|miss|skip|double|split|halve|reduce|increase|lower|raise|stop|change|repeat)"
_INSTRUCTED = re.compile(rf"(?:^|[,;:]\s*|\bthen\s+)\W*(?:never\s+|do\s+not\s+|don't\s+|always\s+)?{_ACT}\b"
                         rf"|\byou\s+(?:should|must|need\s+to|may\s+need\s+to|can|could|will\s+need\s+to)\s+(?:\w+\s+){{0,2}}?{_ACT}\b"
                         r"|\bif\s+you\s+(?:miss|forget|skip|take|double|vomit|are\s+sick)\b", re.I)


def tells_the_reader(sentence: str) -> bool:
    """Whether a sentence tells its reader what to do: addressed to them, an instruction, or a rule."""
    return bool(_TELLS_THE_READER.search(sentence))


def instructs_on_a_dose(sentence: str) -> bool:
    """Whether a sentence tells its reader what to do about a dose: "If you miss a dose of Eliquis,
    take it as soon as you remember on the same day" (a fifth reviewer's AF handout, stop 65, quoted for
    "tell me about eliquis", though "what if i miss a dose" is refused). With its numbers omitted it
    is still dosing advice, so it is never quoted; "Supraphysiological doses can desensitise the axis"
    describes, and "Your starting dose depends on your age" tells no one to do anything."""
    return bool(DOSE_SAID.search(sentence.replace("[dose details omitted]", " "))) and bool(_INSTRUCTED.search(sentence))
