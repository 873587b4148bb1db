"""A fever in a baby under three months: on every list of emergencies for babies (NICE's traffic
light: under 3 months with a temperature of 38 °C or more is red), whatever else the message asks.

An eleventh writer's "my baby is 2 months old, has a temperature of 39 and wont feed and is really
sleepy" was refused as personal advice, with no number to call (stop 64). The reading is of
concepts, and leans to precision, the guard's classifier catching many such messages besides: the
asker's own baby ("my", "our") said to be that young, a fever said to be had now, and nothing in
the message that makes it someone else's fever, an animal's, a fever that is over, a normal
reading, or a textbook's case. Two reviewers' probes (stop 64) shaped each part: a first version
fired on "my 5 week old's temperature was 38.1 yesterday but today its back to 36.9", "i have a
fever and im breastfeeding my 4 week old", "my 9 week old labrador feels hot" and "in my nursing
class we discussed a 6 week old with a temp of 38.2".
"""

from __future__ import annotations

import re

_FEW = r"(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AGE = (rf"(?:new[\s-]?born|(?:\d{{1,2}}|{_FEW})\s*-?\s*(?:days?|d)(?:[\s-]*old)?|{_FEW}\s*-?\s*(?:weeks?|wks?|wk)(?:[\s-]*old)?"
        r"|(?:a|one|two|1(?:\.5)?|2)\s*-?\s*(?:months?|mths?|mnths?|mos?)[\s-]*old)")
# The asker's own baby, said to be under three months: "my 6 week old", "our newborn", "my baby is 2 months
# old", "my son is just 3 weeks", "my 6 wk baby", "our little one is 5 weeks old"
_OWN_YOUNG_BABY = re.compile(
    rf"\b(?:my|our)\s+(?:[\w-]+\s+){{0,2}}?{_AGE}(?:'?s)?\b"
    rf"|\b(?:my|our)\s+(?:[\w-]+\s+){{0,2}}?(?:baby|son|daughter|boy|girl|newborn|twins|little\s+one|lo)\b[^.?!]{{0,25}}?"
    rf"\b(?:is|'s|s|was\s+born)\s+(?:only\s+|just\s+|barely\s+|now\s+)?{_AGE}\b"
    rf"|\b(?:my|our)\s+(?:[\w-]+\s+){{0,2}}?(?:baby|son|daughter|boy|girl|newborn|twins|little\s+one|lo)\s*\(\s*{_AGE}\b"
    # told as a parent types it: "shes 7 weeks", "LO is 4 wks", "ds 9 weeks", "baby 6 weeks temp 38.7"
    rf"|\b(?:she|he)(?:'s|s|\s+is)\s+(?:only\s+|just\s+|barely\s+)?{_AGE}\b"
    rf"|(?:^|[,.;:!?]\s*)(?:the\s+)?(?:baby|lo|ds|dd|little\s+one|newborn|son|daughter)\s+(?:is\s+|aged\s+|\(\s*)?{_AGE}\b"
    # ... opening with the age ("2 month old with a fever of 100.4, what should we do", "newborn fever help!!"),
    # or "our baby was born 3 weeks ago" (not "we have a 5 week old" after "my daughter has a fever")
    rf"|^\W*(?:a\s+)?{_AGE}\b"
    rf"|\bborn\s+(?:\d{{1,2}}|{_FEW})\s+(?:days?|weeks?|wks?)\s+ago\b", re.IGNORECASE)
# What may follow the age in a baby's own words: a person or what is said of them. "my 9 week old labrador"
# is followed by something else (a reviewer's: breeds are too many to list).
_AFTER_THE_AGE = re.compile(r"\s*(?:$|[^\w\s]|(?:baby|babies|son|daughter|boy|girl|twins?|infant|little|grandson|granddaughter|grandchild"
                            r"|has|have|had|is|was|'s|s|with"
                            r"|and|but|who|that|seems|feels|looks|keeps|kept|running|got|woke|started|just|now|still|temp\w*|fever\w*"
                            r"|hasn'?t|hasnt|isn'?t|isnt|won'?t|wont|can'?t|cant|doesn'?t|doesnt|ago|an?)\b)", re.IGNORECASE)
_ANIMAL = re.compile(r"\b(?:pupp(?:y|ies)|pups?|kittens?|dogs?|cats?|foals?|lambs?|calf|calves|piglets?|chicks?|rabbits?|bunn(?:y|ies)"
                     r"|hamsters?|guinea\s+pigs?|ferrets?|vet)\b", re.IGNORECASE)
# A case in a book or a class, not the asker's baby
_A_CASE = re.compile(r"\b(?:exam|textbook|scenario|case\s+study|presents?\s+with|lecture|module|class|course|homework|assignment"
                     r"|revision|revising|studying|hypothetical\w*)\b", re.IGNORECASE)
# Someone else with a fever: the asker ("i have a fever", "my temp is 38.9") or another person in the message
_SOMEONE_ELSE = re.compile(
    r"\b(?:i|i'?ve|ive|i'?m|im|nephew|niece|cousin|uncle|aunt|auntie|husband|wife|partner|mum|mom|dad|brother|sister|grandma|grandad"
    r"|grandpa|nan|gran|friend|toddler|teen\w*|eldest|older\s+\w+|\d+\s*(?:years?|yrs?|yo)(?:[\s-]*old)?)(?:'s)?\s+"
    r"(?:also\s+|too\s+|now\s+|just\s+|myself\s+|\w+\s+){0,2}?(?:have|has|got|am\s+running|is\s+running|running|developed|feel|feels"
    r"|feeling|is|with)\s+(?:a\s+|an\s+)?(?:[\w.]+\s+){0,3}?(?:fevers?|temp\w*|hot)\b"
    r"|\bmy\s+(?:own\s+)?(?:temp|temperature|fever)\b|\b(?:sister|brother|friend|neighbou?r|cousin)'?s\b", re.IGNORECASE)
# A fever had now: "has a fever", "has had a high temp all night", "is running temps of 38.2", "with a fever of
# 100.4", "temp 38.9", "feels really hot", "burning up". Not "had a temperature" (over) or "temperature check".
_FEVER_NOW = re.compile(
    r"\b(?:has|have|'s\s+got|s\s+got|has\s+got|have\s+got|has\s+had|have\s+had|has\s+been\s+running|is\s+running|running|with|developed"
    r"|spiked|spiking|got|woke\s+up\s+with)\s+(?:a\s+|an\s+)?(?:[\w.]+\s+){0,2}?(?:fevers?|temperatures?|temps?)\b"
    r"(?!\s+(?:is\s+|was\s+)?(?:normal|fine|ok|okay|check\w*|taken))"
    r"|\b(?:temperatures?|temps?|thermometer|fevers?)\b[^.?!\d]{0,20}?(?=(?:3[89]|4[0-2]|10[0-7])(?:\.\d)?(?![\d]))"
    r"|\b(?:feverish|burning\s+up|boiling(?:\s+hot)?|(?:feels|is|feel)\s+(?:really\s+|very\s+|so\s+)?hot)\b"
    # a reading with no word of temperature: "my 7 week old is 38.9", "its gone up to 38.9 now"
    r"|\b(?:is|at|to|hit|reached|reading)\s+(?=(?:3[89]|4[0-2])(?:\.\d)?\s*(?:°\s*c?|degrees|c)?(?![\w.])(?!\s*(?:weeks?|wks?|days?|months?"
    r"|cm|mm|inch\w*|in\b|percentile|centile|%|percent|oz|ounces?|ml|mls|g|grams?|kg|lbs?|pounds?|on\s+the\s+(?!thermometer))))", re.IGNORECASE)
_A_WORD_OF_FEVER = re.compile(r"fever|temp|hot|burning|boiling|thermometer", re.IGNORECASE)
# A body measured (weight, length, a chart, a feed): a bare number there is no temperature
_MEASURED = re.compile(r"\b(?:weigh\w*|weight|length|long|tall|height|chart|percentile|centile|corrected|adjusted|gestation\w*"
                       r"|feeds?|oz|ounces?|cm|ml)\b", re.IGNORECASE)
# A fever named right after the baby: "newborn fever help!!", "6 week old fever 38.5"
_FEVER_RIGHT_AFTER = re.compile(r"(?:'?s)?\s+(?:high\s+|bad\s+)?(?:fever|temp|temperature)\b"
                                r"(?!\s+(?:is\s+|was\s+)?(?:normal|fine|ok|okay|check\w*)|\s+(?:was|were|had|used|has\s+gone|went)\b)",
                                re.IGNORECASE)
# Denied in the fever's own clause: "doesnt have a temperature", "doesnt seem to have a fever", "has no fever"
_DENIED = re.compile(r"\b(?:not|no|never|without|doesn'?t|doesnt|didn'?t|didnt|hasn'?t|hasnt|isn'?t|isnt|wasn'?t|wasnt)\s+"
                     r"(?:really\s+|even\s+|got\s+|yet\s+|had\s+|seem\s+to\s+|appear\s+to\s+)?$", re.IGNORECASE)
_NO_FEVER = re.compile(r"\bno\s+(?:fever|temperature|temp)\b", re.IGNORECASE)
# A temperature told, with its unit or after a word of temperature: not "born at 37 weeks"
_READING = re.compile(r"\b(?:temperatures?|temps?|thermometer|fevers?|reading|reads|says)\b[^.?!\d]{0,20}?"
                      r"((?:3[4-9]|4[0-5]|9[3-9]|10\d)(?:\.\d)?)\s*(?:°\s*)?(?:([cf])(?![a-z]))?"
                      r"(?![\d.]*\s*(?:weeks?|wks?|days?|months?|ml|mls|oz|kg|g|lbs?|cm|mins?|minutes?|hours?|hrs?|%|percent)\b)",
                      re.IGNORECASE)
# Over, unless a word of now follows ("we were discharged on tuesday and now my 9 day old has a fever")
_OVER = re.compile(r"\b(?:back\s+to\s+(?:normal|3[0-7])(?:\s+now)?|gone\s+(?:down|away)|(?:fever|temp\w*)\s+(?:has|'s|is)\s+gone\b(?!\s+up)"
                   r"|went\s+down|came\s+down|fine\s+(?:now|since)|better\s+now"
                   r"|used\s+to\s+(?:have|get|run|be)|(?:now\s+)?home\s+(?:now|and\s+well)|now\s+home|discharged|(?:was|were|been)\s+treated"
                   r"|all\s+clear)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:yesterday|last\s+(?:week|month|year)|(?:days|weeks|months)\s+ago|when\s+(?:he|she|they|my\s+\w+)\s+was)\b",
                   re.IGNORECASE)
_NOW = re.compile(r"\b(?:still|now|right\s+now|again|back\s+up|tonight|today|since|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
# The tense a fever is told in, from its own words and the three before them
_PRESENT = re.compile(r"\b(?:has|have|'s|s|is|are|running|got|now|still|keeps)\b", re.IGNORECASE)
_PAST_TENSE = re.compile(r"(?<!has )(?<!have )\b(?:had|was|were|used)\b", re.IGNORECASE)


def young_baby_with_a_fever(text: str) -> bool:
    """Whether a message tells of the asker's baby under three months with a fever now (module docstring)."""
    # the baby first: every question passes here, a few times over (guard._combined_signs), and hardly any names one
    babies = [m for m in _OWN_YOUNG_BABY.finditer(text) if _AFTER_THE_AGE.match(text, m.end()) and not _ANIMAL.search(m.group(0))]
    if not babies or _A_CASE.search(text) or _SOMEONE_ELSE.search(text) or _over(text):
        return False
    readings = [_a_fever_reading(m) for m in _READING.finditer(text)]
    if readings and not any(readings):
        return False        # "her temp is 37.2, how do i know if she's getting a fever?"
    past_only = bool(_PAST.search(text)) and not _NOW.search(text)
    for fever in [*_FEVER_NOW.finditer(text), *(m for b in babies for m in [_FEVER_RIGHT_AFTER.match(text, b.end())] if m)]:
        if _DENIED.search(text[:fever.start()]) or _NO_FEVER.search(fever.group(0)):
            continue
        if not _A_WORD_OF_FEVER.search(fever.group(0)) and _MEASURED.search(text):
            continue        # "my 6 week old is 39 cm long", "is at 40 on the weight chart"
        told = " ".join(text[:fever.start()].split()[-3:] + [fever.group(0)])
        if _PRESENT.search(told) and not _PAST_TENSE.search(fever.group(0)) or not _PAST_TENSE.search(told) and not past_only:
            return True
    return False


def _over(text: str) -> bool:
    """A fever said to be over, with no word of now after it."""
    ends = [m.end() for m in _OVER.finditer(text)]
    return bool(ends) and not any(m.start() >= ends[-1] for m in _NOW.finditer(text))


def _a_fever_reading(reading: re.Match) -> bool:
    value, unit = float(reading.group(1)), (reading.group(2) or "").lower()
    return value >= 100.4 if unit == "f" or value > 45 else value >= 38.0
