"""Output redaction: dose quantities, units, ranges and schedule phrases become a visible marker
(the phrases are defined once, in doses.py).

The source text itself holds dose details ("often twice weekly", "(e.g. 0.1-0.2ml)"), so this
runs on everything that prints source text: answers, citations, glossary entries, quiz prompts
and feedback, evaluation reports. The rest of the sentence stays readable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from tutor.core.safety.doses import COUNT, DOSE_SAID, RANGE, SPAN, TIME, UNIT, UNNUMBERED, pattern, tells_the_reader
from tutor.core.safety.medicine_names import names_a_medicine, no_english_word
from tutor.core.text import clean_input

MARKER = "[dose details omitted]"

# How often a check is done is no dose: "bone density measurements every 1 to 2 years", "have your
# blood pressure checked once a year" (teachers' fact sheets; the guard answers "how often should
# blood pressure be checked?", docs/safety.md). A bare schedule right after a word of checking stays;
# an amount never does ("blood tests every 3 months on 200 mg" still loses "200 mg").
_CHECK_BEFORE = re.compile(
    r"\b(?:measurements?|measured|tests?|testing|tested|checks?|checked|check-?ups?|screenings?|screened|exams?"
    r"|examinations?|scans?|visits?|appointments?|monitoring|monitored|x-?rays?|colonoscop(?:y|ies)|mammograms?"
    r"|endoscop(?:y|ies)|biops(?:y|ies)|blood\s+work|bloodwork|labs|weigh(?:ed|ing)?(?:\s+(?:yourself|themselves|himself|herself))?"
    # a reading one takes oneself: "record your peak flow 2 to 4 times a day", "check your blood sugar every 2 to 4 hours"
    r"|(?:record|check|measure|test|monitor|take)\w*\s+(?:your\s+|their\s+|the\s+|his\s+|her\s+)?(?:peak\s+flow|blood\s+(?:sugar|glucose"
    r"|pressure)|temperature|weight|ketones|pulse|heart\s+rate)(?:\s+(?:readings?|levels?))?)"
    r"(?:\s+(?:should|must|may|can|will|are|is|be|been|get|gets|done|repeated|needed|recommended|performed|taken|about"
    r"|roughly|at\s+least)){0,4}\s*,?\s*$", re.IGNORECASE)
_BARE_SCHEDULE = re.compile(
    r"^(?:(?:often|usually|typically|commonly|generally|normally|sometimes)\s+)?(?:every|once|twice|annually|yearly|monthly"
    r"|weekly|daily|(?:\d+|one|two|three|four)\s*(?:-|to|or)\s*(?:\d+|two|three|four|five|six)\s*(?:x|times?)\b"
    r"|(?:\d+|one|two|three|four)\s*(?:x|times?)\b)", re.IGNORECASE)


# How many of a hidden strength are taken: "take two [..] paracetamol tablets" showed the count (an exploratory
# tester's shingles handout). Up to three words may stand between the marker and what is counted ("two [..]
# film-coated paracetamol tablets"), and "2 x [..]" or "two of the [..] tablets" count too (a reviewer's). Not a
# year, nor a number after a label of its own ("In 2019", "At age 12", "under 12", "page 12", "Call 111"), and
# none across a comma ("Children under 12, 250 mg tablets are not advised"; a second reviewer's).
_LABELS = ("age", "aged", "ages", "under", "over", "page", "pages", "table", "figure", "fig", "step", "chapter", "section",
           "call", "dial", "text", "in", "of", "than", "pack", "to", "or", "and",    # these three: no range's second half
           "type", "stage", "grade", "class", "phase", "level", "about", "around", "nearly", "almost", "from", "since")
_NOT_DESCRIBING = (r"(?:can|may|might|should|must|will|would|could|take|takes|taking|took|give|gives|given|use|uses|used|have"
                   r"|has|had|need|needs|are|is|was|were|be|been|and|or|to|of|in|on|at|for|with|by|from|per|than|who|which"
                   r"|that|years?|months?|weeks?|days?|hours?|people|patients|adults|children|kids|times?)")
_NOT_A_LABELS_NUMBER = "".join(rf"(?<!\b{label}\s)" for label in _LABELS) + r"(?!(?:1[0-9]|20)\d\d\b)"
_COUNT_BEFORE_A_MARKER = re.compile(
    rf"(?<![A-Za-z-])(?<![\d.,]){_NOT_A_LABELS_NUMBER}{RANGE}"
    rf"(?:\s*[x×]\s*(?={re.escape(MARKER)})"
    # a bare count right before a hidden schedule is what is taken on it: "Adults and children over 12: 2 [..]." (a
    # table's row that names no medicine; a reviewer's, stop 76)
    rf"|\s+(?={re.escape(MARKER)}\s*(?:[.;,)]|$|(?:and|or|if|with|when|until)\b))"
    rf"|\s*(?:of\s+(?:the|these|those|your|my)\s+)?(?={re.escape(MARKER)}(?:\s+[\w-]+){{0,3}}?\s+(?:{COUNT}|caplets?"
    rf"|{UNIT})(?![A-Za-z]))"
    rf")",
    re.IGNORECASE)
# ... or, right after a verb of taking, a colon, "then" or at the start, a word or two of what is counted before the
# marker: "take two paracetamol [..] tablets", "Give two level [..] spoonfuls" (the tester's again, stop 74), "Adults:
# 2 soluble [..] tablets". Not after anything else: "For type 2 diabetes metformin [..] tablets", "Over 4.3 million
# paracetamol [..] tablets" count nothing taken (a reviewer's)
_COUNT_TAKEN_BEFORE_WORDS = re.compile(
    rf"(?P<verb>\b(?:take|takes|taking|took|give|gives|giving|use|uses|using|have|has|chew|swallow|dissolve|insert|apply|inhale|then)|:|^)\s*"
    rf"{RANGE}(?=(?:\s+(?!{_NOT_DESCRIBING}\b)[A-Za-z][\w-]*){{1,2}}\s+{re.escape(MARKER)}(?:\s+[\w-]+){{0,3}}?\s+(?:{COUNT}"
    rf"|caplets?|{UNIT})(?![A-Za-z]))",
    re.IGNORECASE)
# ... or right after a verb of taking: "Adults can take two [..] paracetamol at a time" (a reviewer's)
_COUNT_TAKEN = re.compile(rf"\b(?P<verb>take|takes|taking|took|give|gives|giving|use|uses|using)\s+{RANGE}\s*"
                          rf"(?={re.escape(MARKER)})", re.IGNORECASE)


# An amount written as a count times a strength, or a strength times a count: "Take 2x500mg", "1x10mg daily",
# "500mgx2" showed whole (a second reviewer's): "500mg" after the letter "x" is no amount to the patterns
_MULTIPLIED = re.compile(rf"(?<![A-Za-z\d.,]){RANGE}\s*[x×*]\s*{RANGE}\s*-?\s*{UNIT}(?![A-Za-z])(?:\s*[x×*]\s*\d+\b)?"
                         rf"|(?<![A-Za-z\d.,]){RANGE}\s*-?\s*{UNIT}\s*[x×*]\s*\d+\b", re.IGNORECASE)


def _a_checks_schedule(match: re.Match) -> bool:
    """Whether a schedule the patterns found says how often a check is done, not a dose is taken."""
    found = match.group(0)
    return bool(_BARE_SCHEDULE.match(found)) and not re.search(r"\d\s*(?:mg|mcg|ml|iu|g)\b", found, re.I) \
        and bool(_CHECK_BEFORE.search(match.string[max(0, match.start() - 120):match.start()]))


# A medicine named by its name stopped or started: "Stop methotrexate at least three months before trying for a
# baby" (a reviewer's arthritis handout, stop 65)
_STOP_VERBS = r"stop|stops|stopped|stopping|restart\w*|start|starts|started|starting|paus\w*|resum\w*|withh[oe]ld\w*|discontinu\w*"
_STOPS_A_MEDICINE = re.compile(rf"\b(?:{_STOP_VERBS})\b", re.I)
# ... or by a brand's name: a teacher's brands are known to no list here ("Stop Keppra 3 weeks before
# surgery", "Restart Xarelto 48 hours after the procedure" were shown whole). A capitalised word
# stopped or started, or one stopped in the passive ("Pradaxa is usually stopped 4 days before"),
# that is no English word of the model's vocabulary: "Start Couch to 5K", "Stop Smoking Services"
# are shown whole (a helper's handout sentences, stop 66), though "Parkrun" and "Pilates" are not.
# "Keppra", "Co-codamol", "XARELTO"; not "NHS". Hyphenated parts one by one, and never starting inside a
# word: "[A-Za-z-]+" after "\b" backtracked over every segment of a long hyphenated run (a reviewer's)
_NAME = r"(?<![\w-])([A-Z][a-z]+(?:-[A-Za-z]+)*|[A-Z]{5,})(?![\w-])"
_STOPS_A_CAPITAL = re.compile(rf"\b(?i:{_STOP_VERBS})\s+(?:(?i:taking|using|your|the|his|her|their)\s+){{0,2}}{_NAME}")
# ... or stopped or started after its name: "Pradaxa is usually stopped 4 days before", "Your Humira will
# usually be restarted 2 weeks after", "Your Fragmin injections will start 6 to 12 hours after"
_CAPITAL_STOPPED = re.compile(rf"{_NAME}(?:\s+[\w-]+){{0,2}}?\s+(?i:is|are|was|were|will|should|must|may|can|has|have)\s+"
                              r"(?i:(?:usually|normally|often|generally|then|only|be|been)\s+){0,3}"
                              rf"(?i:{_STOP_VERBS}|withheld|resumed|discontinued)\b")
# A word made from another is no brand: "Fasting is usually started …", "Radiotherapy is started …" (a reviewer's)
_NOT_A_BRAND = re.compile(r"(?:ing|tion|sion|ment|therapy|ness|ance|ence|ity|ism|ogy|ery|ure)$", re.I)


def _a_brand(word: str) -> bool:
    """Whether a capitalised word is a name no list knows: no English word, and none made from another."""
    return no_english_word(word) and not _NOT_A_BRAND.search(word)


def _stopped_here(said: str) -> int | None:
    """Where a clause stops or starts a medicine by a name no list knows (see above): the end of the
    first such verb phrase, or None."""
    for pattern_ in (_STOPS_A_CAPITAL, _CAPITAL_STOPPED):
        for m in pattern_.finditer(said):      # "Your Humira will …": every capital the match holds
            if any(_a_brand(word) for word in re.findall(_NAME, m.group(0))):
                return m.end()
    return None


# An instruction to the reader, whose "it" or "this" is the medicine of the sentence before: "Carry on for 3 days after
# the symptoms have gone", "Keep using it for 2 days", "Avoid tea or coffee for 2 hours either side" (a reviewer's;
# hidden before "for N days" needed a word of a course, and again since). A fragment ("• for 5 days") is read so too.
_INSTRUCTION = re.compile(
    r"^\W*(?:(?:then|and|please|just|always|also|so|but)\s+)*(?:carry\s+on|continue|keep\s+(?:using|taking|going|applying|giving"
    r"|it|them|on)|do\s+(?:this|it|that)|leave\s+(?:it|them|on)|use|apply|take|stay\s+on|avoid|give|repeat|finish|complete"
    r"|wear\s+(?:it|them|the)|rub|massage|soak|wait|reduce|increase)\b"
    r"|\b(?:it|this|them)\s+(?:on\s+)?(?:for|over|during)\b", re.IGNORECASE)


def _a_brand_in(said: str) -> bool:
    """Whether a clause names a brand no list knows ("Depo-Provera lasts for 13 weeks"): a capitalised word that
    is no English word and no word made from another, not at the clause's start unless hyphenated or in capitals."""
    return any(_a_brand(word) and (m.start() > 0 or "-" in word or word.isupper())
               and not _AN_ILLNESS_AFTER.match(said, m.end()) for m in re.finditer(_NAME, said) for word in [m.group(1)])


# A name before one of these is an illness's ("Lyme disease", "Addison's", "Graves' disease"), not a brand's
_AN_ILLNESS_AFTER = re.compile(r"(?:'s?\b|s'|\s+(?:disease|syndrome|virus|fever|palsy|disorder|infection|arthritis|test))",
                               re.IGNORECASE)


def _a_dose_said(said: str) -> bool:
    """Whether a clause has a dose detail the patterns always hide (a check's schedule is none)."""
    return any(not _a_checks_schedule(m) for m in pattern("REDACTED").finditer(said))


def _timed_doses(text: str) -> list[tuple[int, int]]:
    """Where `text` says the time between doses, or between a dose and what it is timed by: an
    interval (doses.INTERVAL) in a clause about taking a medicine (doses.DOSE_CLAUSE)."""
    spans, start = [], 0
    ends = [m.end() for m in pattern("CLAUSE_END").finditer(text)] + [len(text)]
    for end in ends:
        clause = text[start:end]
        said = clause.replace(MARKER, " ")      # the marker's own "dose" makes no clause one about a dose
        verb = _STOPS_A_MEDICINE.search(said)
        after = (verb.end() if names_a_medicine(said) else _stopped_here(said)) if verb else None
        stopping = after is not None
        taking, noun = stopping or bool(pattern("TAKING_SAID").search(said)), bool(pattern("DOSE_NOUN").search(said))
        if (noun or taking or MARKER in clause or _a_dose_said(said) or names_a_medicine(said) or _a_brand_in(said)
                or pattern("COURSE").search(said) or _INSTRUCTION.search(said) or len(said.split()) <= 4) \
                and not pattern("STORED").search(said):
            spans += [(start + m.start(), start + m.end()) for m in pattern("DURATION").finditer(clause)]
        if (noun or stopping or taking and not pattern("CHECKED").search(said)) and not pattern("STORED").search(said):
            # (not "… 2 weeks before your breath test", nor "a pen in use can be kept … for up to 28 days")
            spans += [(start + m.start(), start + m.end()) for m in pattern("INTERVAL").finditer(clause)]
            if taking:
                spans += [(start + m.start(), start + m.end()) for m in pattern("WITHIN").finditer(clause)]
            if stopping:        # a time after the medicine is stopped or started, not "appeared 10 days after starting it"
                spans += [(start + m.start(), start + m.end()) for m in pattern("SPAN_AFTER").finditer(clause)
                          if m.start() >= after]
        start = end
    # how long protection or an illness lasts, or when a check falls, is no course even in a clause about one ("a single
    # [..] dose protects for about 1 year"); ages, readings and onsets are not read here: "take it for over 3 months",
    # "take it at 9am and 9pm" to keep levels steady, "if it isn't working after 30 minutes, take another" (a reviewer's)
    kept = _kept(_NO_COURSE, text) if spans and len(text) <= _LONGEST_READ else []
    return [(a, b) for a, b in spans if not any(x < b and a < y for x, y in kept)]


# A product's strength after its name, in a sentence about a dose: "A common MART plan for adults is
# Symbicort 200/6, 1 puff twice a day" showed the strength (an asthma handout's). Not a reading, a score,
# a date or a school year ("below 140/90", "Score 7/10", "Childline 24/7", "Year 7/8"; a reviewer's), whose
# sentences name no dose.
_STRENGTH = re.compile(r"(?<=[A-Za-z])\s(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+)\b(?!\s*mm)")
_NO_NAME = {"below", "above", "under", "over", "about", "around", "than", "from", "into", "target", "aim", "reading",
            "readings", "pressure", "normal", "ideal", "keep", "between", "of", "at", "is", "was", "to", "and", "or"}


# (not after an abbreviation: "max. 8 in 24 hours" is one sentence with its dose; a reviewer's)
_SENTENCE_END = re.compile(r"(?<!\bmax)(?<!\bmin)(?<!\bapprox)(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bno)(?<!\bvs)(?<!\bDr)"
                           r"(?<!\bMr)(?<!\bMrs)(?<!\bSt)(?<!\bMax)(?<!\bMin)(?<!\bMAX)[.!?](?:\s|$)")


def _strengths(text: str) -> list[tuple[int, int]]:
    """Where `text` gives a product's strength after its name, in a sentence with a word of a dose: a
    table or a label puts the dose after a colon ("Flutiform 125/5: two puffs, twice a day"; a
    reviewer's), so the sentence, not the clause, is what speaks of the dose."""
    spans, start = [], 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        clause = text[start:end]        # a dose already hidden beside it is a word of a dose too
        if MARKER in clause or pattern("DOSE_NOUN").search(clause) or pattern("TAKING_SAID").search(clause):
            for m in _STRENGTH.finditer(text, start, end):
                name = re.search(r"[\w-]+$", text[start:m.start()])
                if name and name.group(0).lower() not in _NO_NAME:
                    spans.append(m.span(1))
        start = end
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, overlapping ones made one (an interval may be found by two patterns)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


# A sentence with a dose hidden in it shows no number or schedule word at all (stop 74). Rule by rule, the
# patterns kept meeting new shapes of the same dose: two reviewers found 15 in an afternoon, and on 122 handout
# sentences a blind writer marked, 32 of 170 dose details still showed ("Clenil Modulite 100: Dose: [..]",
# "max. [..] prn", "a second tablet can be taken [..]", "avoid tea or coffee for 2 hours either side"). What a
# dose sentence says besides its numbers stays readable; what stays of its numbers is what no dose is: a year,
# a phone number, a lab reading, how often a check is done, a citation or a list's numbering.
_SWEPT = re.compile(
    r"(?<![\w.])(?<![A-Za-z]-)\d+(?:[.,/]\d+)*(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)*)?(?:-[A-Za-z]+(?:-[A-Za-z]+)?|\s*%|[A-Za-z]{1,3}\b)?"
    # "one" as a count ("one tablet", "one at a time", "one or two"), not the pronoun ("a forgotten one", "No one"); and
    # before when it is taken ("one at 8am, one at 2pm", "one after breakfast", "one in the morning"), which showed two
    # of the three in "Take one at 8am, one at 2pm and one at 8pm" (stop 75)
    rf"|(?:(?<=take\s)|(?<=use\s)|(?<=give\s)|(?<=have\s)|(?<=chew\s)|(?<=swallow\s)|(?<=insert\s)|(?<=apply\s))one\b"
    rf"|(?<!\w)(?<!\bno-)(?<!\bto-)(?<!\bno\s)one(?=\s+(?:[\w-]+\s+)?(?:{UNIT}|{TIME}|caplets?|at\s+a\s+time|at\s+once|or\s+two|to\s+\w+|\[dose|in\s+each"
    rf"|more|course|courses|cycle|round)\b|\s+at\s+\d|\s+(?:at\s+(?:night|bedtime|breakfast|lunch|tea|dinner)|in\s+the\s+(?:morning|evening|afternoon)"
    rf"|after\s+(?:breakfast|lunch|tea|dinner|meals?|food|each)|before\s+(?:breakfast|lunch|tea|dinner|bed|meals?|food)"
    rf"|with\s+(?:breakfast|lunch|tea|dinner|meals?|food|each))\b)(?![-'])"
    rf"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half(?!\s+of\s+(?:all\s+|the\s+)?(?:people|patients))|a\s+quarter"
    r"|a\s+third|single|double(?=\s+(?:dose|the|up|doses|strength|your|it|them|this)\b)|twice(?!\s+as\b)|thrice"
    # "once" as a count, not as "when" ("Once the prescription doses are stopped, …", "Once diagnosed"); "Spray once into
    # each ear" showed it (a blind writer's, stop 75). "At once" is hidden: "Take all 4 tablets at once" (a reviewer's)
    r"|once(?=\s+(?:a|an|per|every|each|daily|weekly|monthly|or|to|only|more|into|in\s+each|on\s+each|\d)\b"
    r"|\s+\[dose|\s*[,.;:)]|\s*$)"
    # a label's count in Roman numerals or after a times sign ("i-ii tabs", "sachet x1")
    r"|(?:i{1,3}|iv|vi?)(?:\s*-\s*(?:i{1,3}|iv|vi?))?(?=\s+(?:tabs?|tablets?|caps?|capsules?|puffs?|drops?|gtts?|sprays?)\b)"
    r"|x\s?\d+"
    r"|daily(?!\s+(?:life|living|lives|routines?|activities|tasks|stress|basis))|nightly|weekly|q\d+(?:-\d+)?h|d\d+(?:\s*-\s*d?\d+)?|fortnightly|monthly|hourly|prn|p\.r\.n\.|b\.?d\.?|bid|t\.?d\.?s\.?|tid|q\.?d\.?s\.?|qid|o\.?d\.?"
    r"|nocte|mane|om|alternate[-\s]days?|every\s+other\s+day|(?:second|third|fourth|2nd|3rd|4th)(?=\s+(?:dose|course|tablet|pill"
    rf"|capsule|injection|application|treatment|puff|spray|sachet|one|auto-?injector|pen|epipen|inhaler|jab|vaccination|booster|patch"
    rf"|round|cycle)\b))\b(?![-'])|(?:{UNNUMBERED})(?![A-Za-z])",
    re.IGNORECASE)
_LONGEST_READ = 1500     # characters of a sentence (or a text, for _timed_doses) whose protections are read
# How long an illness lasts, as said of the illness: "shingles pain usually lasts 2 to 4 weeks" (not "a flare" or "an
# attack", which a course is often said to be for; nor minutes: "if the swelling lasts more than 10 minutes, use the
# EpiPen again" times a dose). Not kept where the sentence repeats a dose (_REPEATED).
# The figures the protections read (an age, a weight, a reading): digits and a range of them. Number words are read only
# in shares of people ("one in ten"); with them in every protection, compiling it cost 38 ms of the first dose sentence.
_FIGURES = r"\d+(?:[.,]\d+)?(?:\s*(?:-|–|to|and|or)\s*\d+(?:[.,]\d+)?)?"
_AN_ILLNESS_LASTS = (rf"\b(?:pain|rash|symptoms?|illness|infection|fever|cough|diarrh\w*|itch\w*|swelling|blisters?|cold|flu)\s+"
                     rf"(?:\w+\s+){{0,2}}?(?:lasts?|lasting|goes\s+on)\s+(?:for\s+)?(?:about\s+|up\s+to\s+|more\s+than\s+|longer\s+than\s+"
                     rf"|over\s+)?{_FIGURES}\s*-?\s*(?:{TIME}|years?\b)")
# (A safety net, "if you are no better after 3 days, see a GP", is not kept: "if symptoms do not improve after 5
# minutes, call 999 and use your second auto-injector" is worded the same and times a dose; a third reviewer's.)
# ... and what no course is, for the clause-by-clause rules
_NO_COURSE = (
    rf"{_AN_ILLNESS_LASTS}"
    rf"|\bprotect\w*\s+(?:you\s+|them\s+|people\s+)?for\s+(?:about\s+|around\s+|at\s+least\s+|up\s+to\s+)?{_FIGURES}\s*(?:{TIME}|years?\b)"
    rf"|\b(?:test|check|scan|review|monitor|measure)\w*\s+(?:(?:your|the|their|his|her|blood|pressure|levels?|sugar|kidney"
    rf"|liver|function|thyroid)\s+){{0,3}}{SPAN}\s+(?:after|later|before)\b")


_NO_DOSE_NUMBER = (
    # a year with a word of time before it or standing alone at a clause's end ("in 2019", "(2021)"), a decade
    r"\b(?:in|since|from|by|until|till|during|before|after|year|early|late|mid|around|circa|c\.|january|february"
    r"|march|april|may|june|july|august|september|october|november|december)\s+(?:the\s+)?(?:1[5-9]|20)\d\d\b"
    r"|\(\s*(?:1[5-9]|20)\d\d\s*\)|\b(?:1[5-9]|20)\d0s\b|(?<=,\s)(?:1[5-9]|20)\d\d(?=\s*\))"
    # a phone number: after a word of calling, an emergency number, or a number shaped like one
    r"|\b(?:call|dial|ring|phone|text|NHS)\s+\d[\d\s]*\d|\b(?:999|111|112|911|988)\b|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b"
    r"|\d+(?:[.,]\d+)?\s*(?:mmol\s*/\s*(?:l|mol)|mg\s*/\s*dl|(?:pg|ng|miu)\s*/\s*ml|(?:nmol|pmol|iu|u|micromol|[µμu]mol)\s*/\s*l"
    r"|mu\s*/\s*l|ml\s*/\s*min\S*|mmhg|bpm)\b"
    # a reading, a temperature: "temperature is over 38C", "eGFR is below 30", "below 140/90"
    r"|\b\d+(?:\.\d+)?\s*°\s*[cf]?\b|\b\d+(?:\.\d+)?\s*[cf]\b(?=\s*(?:[.,;:)]|$|or\b|and\b))"
    r"|\b(?:egfr|inr|tsh|bmi|hba1c|ferritin|heart\s+rate|blood\s+pressure|pulse|reading|readings|level|levels|saturation"
    r"|temperature|score|risk)\b[^.;:]{0,25}?\b(?:below|above|over|under|between|of|is|be|reaches)\s+\d+(?:[.,]\d+)?"
    r"(?:\s*(?:/|-|to|and)\s*\d+(?:[.,]\d+)?)?(?!\s*(?:am|pm|a\.m|p\.m|mg|micrograms?|units?|ml|tablets?)\b)"
    r"|\b(?:below|above|under|over)\s+\d{2,3}/\d{2,3}\b"
    # an age: "children aged 2-5 years", "babies over 4 months", "12 years and over", "Age 6-8 years", "Over 65s",
    # "if you are 65 or older" (a number after "adults" alone is no age: "adults 1 to 2 every 4 hours")
    rf"|\bage[sd]?\s+{_FIGURES}(?:\s*(?:years?|yrs?|months?))?(?:\s+to\s+{_FIGURES}\s*(?:years?|yrs?|months?))?"
    rf"|\b(?:children|child|babies|baby|infants?|adults?|people|anyone|kids|teenagers|those|women|men|you\s+are|you're)\s+"
    rf"(?:(?:over|under|above|below|from|aged)\s+{_FIGURES}(?:\s*(?:years?|yrs?|months?))?|{_FIGURES}\s*(?:years?|yrs?|months?))"
    rf"(?:\s+to\s+{_FIGURES}\s*(?:years?|yrs?|months?))?"
    r"|\b(?:over|under|aged)\s+\d{1,3}(?=\s*(?:[.,;:)]|$|and\b|or\b|\+))|\bover\s+\d{2}s\b|\b\d{2}\s+(?:or|and)\s+(?:older|over|above)\b"
    # "12 years and over", "children 12 to 15:"; not "at 1 year old", the age a vaccine is given at, nor "for over 3 months"
    rf"|(?<!\bat\s){_FIGURES}\s*(?:years?|yrs?|months?)(?:\s+old|\s+and\s+(?:over|older|under)|\s+or\s+(?:older|over)|\s+of\s+age)"
    rf"|\b(?:children|child|teenagers|teens|people|adults|kids|babies|infants)\s+{_FIGURES}(?=\s*(?::|and\s+over|or\s+over|years?|months?))"
    r"|\b\d{1,2}-(?:year|month|week)-olds?\b|\b24-hour\s+(?:helpline|line|service|pharmacy|pharmacies)\b"
    rf"|(?:^\W*|(?<=[.;]\s)){_FIGURES}\s*(?:years?|yrs?|months?)(?=\s*:)"        # a dose table's row: "6 to 11 years: [..]"
    # a body weight: "children weighing 15 to 30 kg", "a 70 kg adult"
    rf"|\bweigh\w*\s+(?:(?:about|around|over|under|less\s+than|more\s+than|at\s+least|between)\s+)?{_FIGURES}\s*(?:kg|kilos?|kilograms?|lbs?|pounds|stone)\b"
    r"|\b\d+\s*kg\s+(?:adult|child|person|man|woman|baby|patient)"
    r"|\[\d+\]|^\W*\d+[.)]\s|\b(?:step|steps|page|pages|table|figure|fig|section|chapter|part|stage|grade|type|level|class"
    r"|phase|year|week|covid|omega|hiv|hpv|line|lines|box|item|question|option|spf)\s*-?\s*\d+[a-z]?\b|\b\d+-in-\d+\b|(?-i:\b[BD]\d{1,2}\b)"
    # a check named by when it falls: "your 6 week check", "the 12-month review"
    r"|\b\d+[-\s]?(?:week|month|year)\s+(?:check|review|appointment|scan|visit)"
    # an age in other words: "From 12 onwards", "Children 12 plus", "12+"
    r"|\bfrom\s+(?:age\s+)?\d{1,2}\s+(?:onwards|upwards|years)|\b(?:children|adults|people|ages?|aged)\s+\d{1,2}\s*(?:\+|plus\b)"
    # a share of people ("about 1 in 10 people", "20 percent of those who take it", "4.3 million people", "half of people")
    rf"|\b{RANGE}\s*(?:%|percent|per\s+cent)\s+of\s+(?:all\s+|the\s+)?(?:people|patients|adults|children|men|women|those|cases"
    rf"|users|babies|smokers|them)\b|\b{RANGE}\s+(?:in|out\s+of)\s+{RANGE}\b(?!\s*(?:hours?|hrs?|h\b|days?|weeks?|minutes?|mins?))|\b{_FIGURES}\s+(?:million|thousand|billion)\b(?!\s*(?:mg|milligrams?|micrograms?|units?|iu|ml))"
    r"|\b(?:half|a\s+quarter|a\s+third|two\s+thirds)\s+of\s+(?:all\s+|the\s+)?(?:people|patients|adults|children|men|women|those"
    r"|cases|users)\b"
    rf"|\b{RANGE}\s+of\s+(?:all\s+|the\s+)?(?:people|patients|adults|children|men|women|cases|users)\b"
    # how often a check is done, and when, beside a medicine: "screening every 3 years", "check your blood pressure 2
    # weeks after a dose change" (no word of taking between: "after the test take 2 tablets every 4 hours" is a dose)
    rf"|\b(?:screening|screened|tests?|tested|checks?|checked|check-?ups?|scans?|reviews?|reviewed|appointments?|visits?)\b"
    rf"(?:(?!\b(?:take|taking|use|using|give|apply|inject|dose|doses)\b)[^.;:\d]){{0,30}}?\bevery\s+(?:{_FIGURES}\s+)?(?:{TIME}|years?\b)"
    rf"|\b(?:test|check|scan|review|monitor|measure)\w*\s+(?:(?:your|the|their|his|her|blood|pressure|levels?|sugar|kidney"
    rf"|liver|function|thyroid)\s+){{0,3}}{SPAN}\s+(?:after|later|before)\b"
    rf"|\bfeel\s+better\s+(?:within|in)\s+{SPAN}"
    # when it starts to work, which docs/safety.md shows ("works within 5 minutes", "2 to 3 weeks to take effect")
    # (the medicine's own working, not "works best if you start it within 3 days", nor "no improvement after 5
    # minutes", which time a dose)
    rf"|(?<!not\s)(?<!n't\s)\b(?:works?|takes?\s+effect|starts?\s+to\s+work)\s+(?:(?:fast|quickly|usually|often|normally)\s+)?(?:within|in)\s+{SPAN}"
    rf"|\bprotect\w*\s+(?:you\s+|them\s+|people\s+)?for\s+(?:about\s+|around\s+|at\s+least\s+|up\s+to\s+)?{_FIGURES}\s*(?:{TIME}|years?\b)"
    rf"|\b(?:takes?|needs?)\s+{SPAN}\s+(?:for\s+[^.;:]{{0,40}}?\s+)?(?:to|before\s+it\s+starts\s+to)\s+(?:work|take\s+effect"
    r"|start\s+working|help|feel\s+(?:the\s+)?(?:benefit|better|effects?))\b"
    # how long an illness lasts: "shingles pain usually lasts 2 to 4 weeks", "if the pain lasts more than 3 days"
    rf"|{_AN_ILLNESS_LASTS}"
    # when a test is done: "Have a blood test 6 weeks after any dose change"
    rf"|\b(?:tests?|checks?|scans?|reviews?|appointments?)\s+{SPAN}\s+(?:after|later|before)\b")


# ... and one about a medicine that counts it without a unit: "Adults can take up to 8 paracetamol in 24 hours",
# "Don't take more than 8 in 24 hours", "Take 2 more" (a reviewer's)
_COUNT_SAID = re.compile(rf"\b(?:up\s+to|more\s+than|no\s+more\s+than|max(?:imum)?\.?(?:\s+of)?)\s+{_FIGURES}\b"
                         rf"(?!\s*-?\s*(?:{TIME}|years?\b|%|percent|per\s+cent))(?!\s+(?:medicines|people|patients|infections|attacks"
                         r"|times|brands|products|different|types|kinds|cases|of|million|thousand)\b)"
                         rf"|\b{_FIGURES}\s+(?:[a-z]+\s+)?(?:at\s+a\s+time|at\s+once|in\s+(?:24|twenty-four)\s*(?:hours?|hrs?|h)\b)",
                         re.IGNORECASE)
# ... and a count taken, whatever is named: "3. Take 2 more."
_TAKE_COUNT = re.compile(rf"\b(?:take|give|use|have)\s+(?:another\s+)?{_FIGURES}\s+(?:more|at\s+a\s+time|at\s+once|now|then|again)\b"
                         r"(?!\s+(?:attacks?|infections?|episodes?|flares?|times|people|days|weeks|months|years|symptoms|children))"
                         rf"|\bmax(?:imum)?\.?\s+(?:of\s+)?{_FIGURES}\s+(?:[a-z]+\s+)?in\s+(?:24|twenty-four)\b",
                         re.IGNORECASE)
# A dose of no medicine: "a radiation dose of 0.02 mSv", "150 minutes of exercise a week is the right dose"
_NO_MEDICINES_DOSE = re.compile(r"\b(?:radiation|x-?rays?|msv|exercise|sunlight|sun|uv|activity)\b", re.IGNORECASE)


def _of_a_medicine(said: str) -> bool:
    """Whether a sentence speaks of a medicine or of taking one: a word of a dose, of taking, of a course, or
    a medicine's name. A marker alone is not enough: the patterns also hide an everyday "every day" or "a day"
    ("Every day, the two kidneys filter about 120 to 150 quarts of blood"), which makes no sentence a dose's."""
    return bool(pattern("DOSE_NOUN").search(said) or pattern("TAKING_SAID").search(said) or pattern("COURSE").search(said)
                or names_a_medicine(said) or _PREPARED.search(said) or _a_brand_in(said))


# taking it in other words, with a brand no list knows: "dissolve [..] in water", "chew [..] a day", "rinse with [..]"
_PREPARED = re.compile(r"\b(?:dissolv\w*|chew\w*|suck\w*|gargl\w*|rins\w*|swish\w*|sprinkl\w*)", re.IGNORECASE)


# A dose repeated: "If the pain lasts for 2 hours, take another tablet", "use the EpiPen again"
_REPEATED = re.compile(r"\b(?:another|again|repeat\w*|second\s+(?:dose|tablet|puff|spray|injection|auto-?injector|pen))\b",
                       re.IGNORECASE)


@cache
def _protection(source: str) -> re.Pattern:
    """A protection (_NO_DOSE_NUMBER, _NO_COURSE, _AN_ILLNESS_LASTS) compiled when a sentence first needs it:
    compiled on import, they cost 45 ms of every start (the first alone 38 ms), though most answers sweep nothing."""
    return re.compile(source, re.IGNORECASE)


def _kept(protected: str, text: str) -> list[tuple[int, int]]:
    """Where `text` says what no dose is, by `protected`; how long an illness lasts only where no dose is repeated."""
    spans = [m.span() for m in _protection(protected).finditer(text)]
    if spans and _REPEATED.search(text):
        illness = {m.span() for m in _protection(_AN_ILLNESS_LASTS).finditer(text)}
        spans = [span for span in spans if span not in illness]
    return spans


def _sentences(text: str) -> list[str]:
    """`text` in sentences. Not at a semicolon: "Insulin: [..]; 8 at lunch; 12 at tea" is one dose (a second
    reviewer's)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    return [text[a:b] for a, b in zip([0] + ends[:-1], ends)]


def _swept(text: str, original: str) -> str:
    """`text` (`original` redacted) with every number and schedule word hidden in each sentence that has
    a dose hidden in it. Whether a sentence speaks of a medicine is read in the original too, sentence for
    sentence when the two have as many: the marker may have taken the word ("chew [..] a day" was "chew 2
    tablets a day")."""
    shown, before = _sentences(text), _sentences(original)
    before = before if len(before) == len(shown) else [""] * len(shown)
    decided = [_swept_by_its_words(sentence, unredacted) for sentence, unredacted in zip(shown, before)]
    # what the words do not tie to a dose is read by its meaning: "Take one at 8am, one at 2pm and one at 8pm."
    # (read in the original: a marker's own words are no number, and in the sentence shown they would be; "one at [..]"
    # counts only beside the marker, which a space in its place takes away)
    unread = [i for i, (sentence, swept) in enumerate(zip(shown, decided))
              if not swept and len(sentence) <= _LONGEST_READ and _SWEPT.search(before[i] or sentence.replace(MARKER, " "))
              and _instructs(before[i] or sentence)]
    # each clause too, where a sentence has several: "Wait 4 hours; keep them out of the reach of children" read 0.13
    # whole and "Wait 4 hours" 0.94 (a reviewer's)
    asked = [(i, part) for i in unread for part in _clauses((before[i] or shown[i]).strip())]
    for (i, _), dose in zip(asked, _read_as_doses([part for _, part in asked])):
        decided[i] = decided[i] or dose
    pieces = []
    for sentence, swept in zip(shown, decided):
        if swept:
            # (a "sentence" longer than any a leaflet writes is swept whole: its protections took a minute to read)
            kept = _kept(_NO_DOSE_NUMBER, sentence) if len(sentence) <= _LONGEST_READ else []
            kept += [m.span() for m in pattern("REDACTED").finditer(sentence) if _a_checks_schedule(m)] if kept else []
            markers = [m.span() for m in re.finditer(re.escape(MARKER), sentence)]
            spans = [m.span() for m in _SWEPT.finditer(sentence)
                     if not any(a < m.end() and m.start() < b for a, b in kept + markers)]
            for a, b in reversed(spans):
                sentence = sentence[:a] + MARKER + sentence[b:]
        pieces.append(sentence)
    return "".join(pieces)


# What the reading is asked of: a sentence that tells its reader what to do (doses.tells_the_reader), one that starts,
# or has a clause that starts, with a verb of taking or using something, or a label's line ("Latanoprost: 1 gtt OU
# nocte"). A statement is not asked: read by meaning, "More than 40 medicines contain paracetamol", "It took 3
# moments" and a reference's "4th ed." looked like doses (0.76 to 0.85), and a dose stated as a fact names its
# amount with a unit, which the patterns hide.
_ADMINISTERING = re.compile(
    r"(?:^|[:;]|\bthen\b|,\s*(?:and\s+)?)\W*(?:take|have|use|give|apply|put|insert|spray|squirt|inhale|chew|suck|swallow"
    r"|dissolve|mix|drink|rub|massage|leave|wait|repeat|continue|keep|carry\s+on|start|stop|place|hold|instil+|inject"
    r"|add|shake|sprinkle|gargle|rinse|wear|change|replace|remove|finish|complete)\b", re.IGNORECASE)
_A_LABELS_LINE = re.compile(r"^[^:.]{1,60}:\s*(?:\d|[½¼¾]|(?:one|two|three|half|i{1,3}|iv)\b)", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r";\s*|,\s+(?=(?:and\s+|then\s+|but\s+|or\s+)?[a-z])")


def _clauses(sentence: str) -> list[str]:
    """The sentence, and each of its clauses that holds a number and instructs, when it has more than one."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(sentence) if p.strip()]
    return [sentence] + ([p for p in parts if _SWEPT.search(p) and _instructs(p)] if len(parts) > 1 else [])


def _instructs(sentence: str) -> bool:
    return tells_the_reader(sentence) or bool(_ADMINISTERING.search(sentence) or _A_LABELS_LINE.search(sentence.strip()))


def _read_as_doses(sentences: list[str]) -> list[bool]:
    """dose_reading.gives_doses, imported when a sentence first needs it (NumPy and the model cost nothing before)."""
    if not sentences:
        return []
    from tutor.core.safety.dose_reading import gives_doses

    return gives_doses(sentences)


def _swept_by_its_words(sentence: str, unredacted: str) -> bool:
    """Whether the patterns tie a sentence to a dose: one hidden in it and a medicine spoken of, or a count of one."""
    said = sentence.replace(MARKER, " ")
    medicine = _of_a_medicine(said) or _of_a_medicine(unredacted) or bool(pattern("REQUESTED_AMOUNT").search(unredacted))
    # one that speaks of a dose by name with a number in it is swept too: "take it as soon as you remember, unless
    # it is less than 4 hours until your next dose"
    if len(sentence) > _LONGEST_READ:       # no leaflet's sentence: swept when anything in it is a dose's
        swept = MARKER in sentence or medicine or _TAKE_COUNT.search(said) or DOSE_SAID.search(said)
    else:
        swept = MARKER in sentence and (medicine or _COUNT_SAID.search(said)) or medicine and _COUNT_SAID.search(said) \
            or _TAKE_COUNT.search(said) \
            or DOSE_SAID.search(said) and _SWEPT.search(said) and not _NO_MEDICINES_DOSE.search(said)
    return bool(swept)


def find_dose_details(text: str) -> list[str]:
    """Every dose quantity or schedule phrase in `text`, as found (empty when the text is clean)."""
    text = _searchable(text)
    return [m.group(0) for m in _MULTIPLIED.finditer(text)] + [m.group(0) for m in pattern("REDACTED").finditer(text)
            if m.group(0).strip() and not _a_checks_schedule(m)] + [text[a:b] for a, b in _timed_doses(text) + _strengths(text)]


# A vulgar fraction, written as the patterns read one: NFKC alone makes "1½" the "11⁄2" it showed
# ("Take 11⁄[dose details omitted] spoonfuls"; an exploratory tester's)
_FRACTIONS = {c: unicodedata.normalize("NFKC", c).replace("\u2044", "/") for c in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"}
_FRACTION = re.compile(rf"(\d)?([{''.join(_FRACTIONS)}])")


def _searchable(text: str) -> str:
    """Full-width digits and zero-width characters must not hide a dose from the patterns (NFKC), and a vulgar
    fraction is written out ("1½" as "1 1/2"), so the text searched may be longer than the text given."""
    if text.isascii():
        return text
    text = _FRACTION.sub(lambda m: (m.group(1) + " " if m.group(1) else "") + _FRACTIONS[m.group(2)], text)
    return clean_input(text).replace("\u2044", "/")


@lru_cache(maxsize=8192)
def redact(text: str, within: str | None = None) -> str:
    """`text` with every dose detail replaced by MARKER; everything else unchanged. `within`: the section
    `text` is from, with its headings and the first earlier section of its file that speaks of a medicine
    (passage.sections); where none of it does, an instruction that reads as giving no dose is shown whole
    (_shown_where_no_medicine). Remembered: the same sentences of the text are shown
    again and again in a session, and a pure function of immutable strings needs no recomputing."""
    out = _redacted(text)
    return _shown_where_no_medicine(out, _searchable(text), within) if within is not None and out != text else out


def _redacted(text: str) -> str:
    if not text:
        return text
    text = _searchable(text) if not text.isascii() else text
    out = pattern("REDACTED").sub(lambda m: m.group(0) if _a_checks_schedule(m) else (m.group("keep") or "") + MARKER,
                                  _MULTIPLIED.sub(MARKER, text))   # "take it [..]"
    for a, b in reversed(_merged(_timed_doses(out) + _strengths(out))):
        out = out[:a] + MARKER + out[b:]
    # a schedule without a number right after a marker is the marked dose's: "[..], morning and evening"
    out = pattern("AFTER_A_DOSE").sub(MARKER, out)
    if MARKER in out:       # how many of the marked amount (_COUNT_BEFORE_A_MARKER): "Give one [..] spoonful"
        out = _COUNT_TAKEN.sub(lambda m: f"{m.group('verb')} ", _COUNT_BEFORE_A_MARKER.sub(MARKER + " ", out))
        out = _COUNT_TAKEN_BEFORE_WORDS.sub(lambda m: f"{m.group('verb')} {MARKER}", out)
    out = _swept(out, text)
    # neighbouring markers become one ("[..] or [..]"); "to" is a word, not the start of "together"
    marker = re.escape(MARKER)
    out = re.sub(rf"{marker}(?:[\s,/-]*(?:(?:or|and|to)\b)?\s*{marker})+", MARKER, out)
    return re.sub(r"\s+([,.;)])", r"\1", re.sub(r" {2,}", " ", out)).strip() if out != text else out


# "Do 3 sets of 10 straight leg raises, three times a day", "Aim for 30g of fibre a day": the patterns hide an amount
# or a schedule whatever it is of, and a third of the numbers of instructions about no medicine were hidden (stop 75's
# blind writer of instructions). Whether a number is a dose's cannot be told from its sentence alone ("Avoid tea or
# coffee for 2 hours either side" follows the tablet it is timed by), so the text around it is read (`within`: its
# section, and the first section before it in its file that speaks of a medicine, passage.sections): where none of it
# speaks of a medicine, a sentence whose every clause reads as giving no dose is shown. Not a label's line ("Adults
# and children over 12: 2 every 4 hours" read 0.10 to 0.17 under a heading of no medicine; a reviewer's): a table's row.
def _shown_where_no_medicine(out: str, text: str, within: str) -> str:
    within = _searchable(within)
    if not within.strip() or speaks_of_a_medicine(within) or speaks_of_a_medicine(text):
        return out
    shown, before = _sentences(out), _sentences(text)
    if len(shown) != len(before):
        return out
    changed = [i for i, (a, b) in enumerate(zip(shown, before))
               if a != b and len(b) <= _LONGEST_READ and not _A_LABELS_LINE.search(b.strip()) and _tells_what_to_do(b)]
    asked = [(i, part) for i in changed for part in _read_clauses(before[i].strip())]
    if not asked:
        return out
    from tutor.core.safety.dose_reading import gives_none

    none = dict.fromkeys(changed, True)
    for (i, _), reads_none in zip(asked, gives_none([part for _, part in asked])):
        none[i] = none[i] and reads_none
    return "".join(before[i] if none.get(i) else sentence for i, sentence in enumerate(shown)).strip()


# Only an instruction is shown so, as only an instruction is asked of the reading by the sweep (_instructs): it was
# fitted and its floors chosen on instructions. A statement of what a dose did reads as no instruction's dose ("Children
# who had 5 ml at bedtime slept better in the study" 0.18, "The group who had 2 squirts twice a day did best" 0.10;
# a third reviewer's) and stays as the patterns leave it.
_DOING = re.compile(r"^\W*(?:(?:then|please|also|now|next|gently|slowly)\s+)?(?:aim|eat|drink|walk|run|swim|cycle|stand|sit"
                    r"|lie|hold|repeat|rest|wash|brush|change|offer|feed|limit|cut|add|bend|lift|raise|stretch|squeeze|breathe"
                    r"|count|measure|record|weigh|wait|leave|place|press|push|pull|book|arrive|call|ring|phone|go|allow|let"
                    r"|build|increase|reduce|spend|sleep|turn|roll|march|tap|clench|tighten|relax|practi[sc]e|exercise)\b",
                    re.IGNORECASE)


def _tells_what_to_do(sentence: str) -> bool:
    return tells_the_reader(sentence) or bool(_DOING.search(sentence) or _ADMINISTERING.search(sentence))


# Every piece of a sentence that holds a number is read, alone and with the piece before it: "Rest at home, drink
# plenty of water, eat light meals, and 2 every 4 to 6 hours for the aches" read 0.07 whole, and its last clause as a
# dose's (a second reviewer's; the first's "Rest …; adults usually have 2 every 4 hours" read 0.06 whole and 0.50 its
# clause). Pieces are cut at commas, semicolons, dashes, brackets and "and", "or", "then", "but". A piece that is only
# a time ("three times a day", "for 15 minutes": nothing left once the patterns hide it) is read with the piece
# before it, not alone: alone it reads as a dose's whatever it follows.
_PIECE_BREAK = re.compile(r"\s*(?:[;,()]|\s[—–-]\s)\s*|\s+(?:and|or|then|but)\s+", re.IGNORECASE)
_LEFT_OF_A_TIME = re.compile(r"\b(?:a|an|the|up|to|of|per|each|every|at|in|on|for|about|around|least|no|more|than)\b|\W+",
                             re.IGNORECASE)


def _only_a_time(piece: str) -> bool:
    return not _LEFT_OF_A_TIME.sub("", redact(piece).replace(MARKER, " "))


def _read_clauses(sentence: str) -> list[str]:
    parts = [p.strip() for p in _PIECE_BREAK.split(sentence) if p and p.strip()]
    read = [sentence]
    for i, part in enumerate(parts if len(parts) > 1 else []):
        if _SWEPT.search(part):
            read += ([] if _only_a_time(part) else [part]) + ([f"{parts[i - 1]} {part}"] if i else [])
    return list(dict.fromkeys(read))


# A medicine spoken of by its name, a brand's, a word of one ("tablets", "cream", "inhaler"), of a dose or a course, a
# way only medicines are taken, a strength's unit, or a medicine the body also makes or food also holds (adrenaline,
# hormones, iron, vitamins, nicotine; a reviewer's: "Adults get 500 micrograms of adrenaline into the thigh muscle"
# read 0.27). Not "take", "use" or an amount of food or drink: "Take your temperature twice a day", "Use both crutches
# for the first 2 weeks", "Aim for 30g of fibre a day"; whether those give a dose is the reading's to say.
_OF_MEDICINES = re.compile(
    r"\b(?:inject\w*|inhal\w*|swallow\w*|prescri\w*|instil\w*|dispens\w*|pharmac\w*|drugs?|remed(?:y|ies)|vaccin\w*"
    r"|immuni[sz]\w*|contracepti\w*|antibiotics?|anti-?(?:virals?|fungals?|histamines?|inflammator\w*|depressants?"
    r"|coagulants?|biotics?)|antacids?|laxatives?|steroids?|chemo\w*|syrups?|suspensions?|elixirs?|mixtures?|rehydration"
    r"|electrolytes?|adrenaline|epinephrine|hormones?|testosterone|o?estrogens?|progest\w*|hrt|melatonin|nicotine"
    r"|iron|vitamins?|supplements?|folic|calcium|magnesium|zinc|fluoride|potassium|sodium\s+bicarbonate|balms?|mouthwash"
    r"|shampoo|capfuls?|spoonfuls?|measures?\s+of|half\s+a\s+measure|rings?|medicated|units?\s+of\s+insulin"
    # an amount of a cream told in everyday words, or rubbed into the body (a fourth reviewer's, stop 76: "Rub a
    # pea-sized blob into the knee three times a day" read 0.06 to 0.17)
    r"|blobs?|dabs?|pea-?sized|coin-?sized|smears?|thin\s+(?:layer|film)|fingertips?|strips?)\b"
    r"|\brub\w*\b[^.;]{0,40}?\b(?:into|onto)\b"
    # a count of what is not named ("2 of the white ones", "a fresh one"), units dialled or counted ("Dial up 2 units")
    r"|\b(?:\d+|one|two|three|four|half|a|an)\s+(?:of\s+(?:the|these|those|your)\s+)?(?:[a-z-]+\s+){0,2}ones?"
    r"(?:\s+(?:to|at|on|in|before|after|each|every)\b|\s*[.,;:]|$)|\d+\s*units?\b"
    r"|\d\s*(?:mg|mcg|µg|micrograms?|milligrams?|iu)\b", re.IGNORECASE)


def speaks_of_a_medicine(text: str) -> bool:
    """Whether a text (a passage's section, with its headings) speaks of a medicine, a dose or taking one: where it
    does not, redact's `within` lets the dose reading show what the patterns hid."""
    said = text.replace(MARKER, " ")
    return bool(names_a_medicine(said) or _a_brand_in(said) or pattern("DOSE_NOUN").search(said) or DOSE_SAID.search(said)
                or pattern("COURSE").search(said) or _OF_MEDICINES.search(said))
