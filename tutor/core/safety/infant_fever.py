"""A fever in a baby under three months: on every list of emergencies for babies (NICE's traffic
light: under 3 months with a temperature of 38 °C or more is red), whatever else the message asks.

An eleventh writer's "my baby is 2 months old, has a temperature of 39 and wont feed and is really
sleepy" was refused as personal advice, with no number to call (stop 64). The reading is of
concepts, not of one phrasing: a baby said to be that young; a fever said to be theirs and now
("has", "is running", "has had", a temperature of 38 or more); and someone's, not a question in
general. A first version, tried by a reviewer, also fired on a fever that was over ("had a
temperature of 38 after her jabs last week", "was 38.1 yesterday but today its back to 36.9"), a
normal temperature ("36.9, is that normal?"), someone else's fever ("i have a fever and im
breastfeeding my 4 week old", "my 2 month old is fine but my 5 year old has a fever") and a
puppy's; each is now read as what it is.
"""

from __future__ import annotations

import re

_FEW = r"(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Under three months: "newborn", "6 week old", "12 day old", "2 months old", "(5 wks)", "she is 4 weeks".
_YOUNG = re.compile(
    rf"\bnew[\s-]?born\b|\b(?:\d{{1,2}}|{_FEW})\s*-?\s*(?:days?|d)[\s-]*old(?:'?s)?\b"
    rf"|\b{_FEW}\s*-?\s*(?:weeks?|wks?|wk)[\s-]*old(?:'?s)?\b|\b(?:1|2|one|two)\s*-?\s*(?:months?|mths?|mnths?|mos?)[\s-]*old(?:'?s)?\b"
    rf"|\(\s*(?:\d{{1,2}}\s*(?:days?|d)|{_FEW}\s*(?:weeks?|wks?|wk))\s*\)"
    rf"|\b(?:is|'s|s|just|only|aged)\s+(?:only\s+|just\s+|barely\s+)?(?:{_FEW}\s*(?:weeks?|wks?|wk)|\d{{1,2}}\s*days?)\b(?!\s+(?:ago|later|after|before))",
    re.IGNORECASE)
# A baby in general: "when a 2 week old has a fever what tests are done?" (a midwife's question)
_IN_GENERAL_BEFORE = re.compile(r"\b(?:when|if|whether|once)\s+(?:a|an|any)\s+$", re.IGNORECASE)
# Someone's, or now: a question in general ("what counts as a fever in a newborn?") names no one.
_QUESTION_OR_CONDITION = re.compile(r"^\W*(?:what|why|how|when|which|who|where|if|does|do|is|are|can|should|would|could|will)\b",
                                    re.IGNORECASE)
_SOMEONES = re.compile(r"\b(?:my|our|we|we'?ve|we'?re|i|i'?ve|ive|i'?m|im|his|her|their|he|she|he'?s|she'?s|hes|shes"
                       r"|help|urgent|now|tonight)\b", re.IGNORECASE)
_ANIMAL = re.compile(r"\b(?:pupp(?:y|ies)|pups?|kittens?|dogs?|cats?|foals?|lambs?|calf|calves|piglets?|chicks?|rabbits?|bunn(?:y|ies)"
                     r"|hamsters?|guinea\s+pigs?|ferrets?|kids?\s+goat)\b", re.IGNORECASE)
# A fever had now: "has a fever", "has had a high temp all night", "is running a temperature", "with a fever
# of 100.4", "temp 38.9", "feels hot to the touch". Not "had a temperature" (over) or "temperature check".
_FEVER_NOW = re.compile(
    r"\b(?:has|have|'s\s+got|s\s+got|has\s+got|have\s+got|has\s+had|have\s+had|has\s+been\s+running|is\s+running|running|with|developed"
    r"|spiked|spiking|got)\s+(?:a\s+|an\s+)?(?:[\w.]+\s+){0,2}?(?:fever|temperature|temp)\b(?!\s+(?:is\s+|was\s+)?(?:normal|fine|ok|okay|check\w*|taken))"
    r"|\b(?:temperature|temp|thermometer|fever)\b[^.?!\d]{0,20}?(?=(?:3[4-9]|4[0-5]|9[3-9]|10\d|110)(?:\.\d)?(?!\d))"
    r"|\b(?:feverish|burning\s+up|(?:feels|is|feel)\s+(?:really\s+|very\s+|so\s+)?hot(?:\s+to\s+(?:the\s+)?touch)?)\b", re.IGNORECASE)
_HAD_A_FEVER = re.compile(r"\bhad\s+(?:a\s+|an\s+)?(?:[\w.]+\s+){0,2}?(?:fever|temperature|temp)\b", re.IGNORECASE)
_NOT_A_FEVER_AFTER = r"(?!\s+(?:is\s+|was\s+|seems\s+|looks\s+)?(?:normal|fine|ok|okay|good|check\w*|taken|reading\s+normal))"
_FEVER_WORD = re.compile(rf"\W*(?:\w+\W+){{0,2}}?(?:fever|temperature|temp)\b{_NOT_A_FEVER_AFTER}", re.IGNORECASE)
# A temperature, in °C or °F: not an age ("has a fever and is 12 days old")
_DEGREES = re.compile(r"\b((?:3[4-9]|4[0-5]|9[3-9]|10\d|110)(?:\.\d)?)\s*(?:°\s*)?([cf])?(?![\w.])", re.IGNORECASE)
# Denied in the fever's own clause: "doesnt have a temperature", "has no fever" (no comma between).
_DENIED = re.compile(r"\b(?:not|no|never|without|doesn'?t|doesnt|didn'?t|didnt|hasn'?t|hasnt|isn'?t|isnt|wasn'?t|wasnt)\s+"
                     r"(?:really\s+|even\s+|got\s+|yet\s+|had\s+|seem\s+to\s+|appear\s+to\s+|think\s+(?:he|she|they)\s+)?$", re.IGNORECASE)
_NO_FEVER = re.compile(r"\bno\s+(?:fever|temperature|temp)\b", re.IGNORECASE)
# Over: "back to normal", "has gone down", "fine since", "used to" (whatever else is said), or "yesterday",
# "last week", "when she was born" with no word of now.
_OVER = re.compile(r"\b(?:back\s+to\s+(?:normal|3[0-7])|(?:has|have|'s|it'?s)\s+gone(?:\s+down)?|went\s+down|came\s+down"
                   r"|fine\s+(?:now|since)|better\s+now|used\s+to|home\s+now|discharged|(?:was|were|been|they)\s+treated)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:yesterday|last\s+(?:week|month|year)|(?:days|weeks|months)\s+ago|when\s+(?:he|she|they|my\s+\w+)\s+was)\b",
                   re.IGNORECASE)
_STILL = re.compile(r"\b(?:still|now|right\s+now|again|tonight|today|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
# Someone else's fever: its subject is the asker ("i have a fever", "my temp is 38") or another person
# said just before it ("… but my 5 year old has a fever", "our teenager has a temperature")
_ASKER = re.compile(r"^(?:i|i'?m|im|i'?ve|ive|me|myself|my)$", re.IGNORECASE)
_ANOTHER = re.compile(r"\b\d+\s*(?:years?|yrs?|yo)\b|\b(?:teen\w*|toddler|husband|wife|partner|mum|mom|dad|brother|sister|grandma|grandad"
                      r"|grandpa|nan|gran)\b", re.IGNORECASE)
_YOUNG_IS_WELL = re.compile(r"\s+(?:is|seems|'s|s)\s+(?:fine|ok|okay|well|healthy|happy|good|alright|all\s+right)\b", re.IGNORECASE)


def young_baby_with_a_fever(text: str) -> bool:
    """Whether a message tells of a baby under three months with a fever now (module docstring)."""
    told = not _QUESTION_OR_CONDITION.match(text) and not text.rstrip().endswith("?")
    if _ANIMAL.search(text) or not (_SOMEONES.search(text) or told):
        return False
    babies = [m for m in _YOUNG.finditer(text) if not _YOUNG_IS_WELL.match(text, m.end())
              and not _IN_GENERAL_BEFORE.search(text[:m.start()])]
    now = bool(_STILL.search(text))
    if not babies or _OVER.search(text) or _PAST.search(text) and not now or _normal_only(text):
        return False
    fevers = list(_FEVER_NOW.finditer(text)) + (list(_HAD_A_FEVER.finditer(text)) if now else []) \
        + [m for baby in babies for m in [_FEVER_WORD.match(text, baby.end())] if m]
    return any(_a_fever(text, fever) and not _someone_elses(text, fever) for fever in fevers)


def _normal_only(text: str) -> bool:
    """Temperatures told, and none a fever: "her temp is 37.2, how do i know if she's getting a fever?"."""
    readings = [_fever_reading(m) for m in _DEGREES.finditer(text)]
    return bool(readings) and not any(readings)


def _fever_reading(reading: re.Match) -> bool:
    value, unit = float(reading.group(1)), (reading.group(2) or "").lower()
    return value >= 100.4 if unit == "f" or value > 45 else value >= 38.0


def _a_fever(text: str, fever: re.Match) -> bool:
    """Not denied, and if a number is given, 38 °C (100.4 °F) or more."""
    if _DENIED.search(text[:fever.start()]) or _NO_FEVER.search(fever.group(0)):
        return False
    reading = _DEGREES.search(text, fever.start(), min(len(text), fever.end() + 12))
    return reading is None or _fever_reading(reading)


def _someone_elses(text: str, fever: re.Match) -> bool:
    """Whether the fever's subject, the words just before it, is the asker or another person."""
    before = text[:fever.start()].split()
    return bool(before) and bool(_ASKER.match(before[-1].strip(",.;:!?"))) or bool(_ANOTHER.search(" ".join(before[-4:])))
