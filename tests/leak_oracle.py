"""An independent check for dose details in printed text, written separately from the product's
redaction patterns so that a gap in those patterns shows up here instead of being agreed with."""

from __future__ import annotations

import re
import unicodedata

_UNITS = r"(?:mg|mcg|µg|ug|ml|cc|iu|units?|milligrams?|micrograms?|millilitres?|milliliters?|tablets?|pills?|capsules?)"
_CHECKS = [re.compile(check, re.I) for check in (
    rf"\d\s*{_UNITS}\b",                                                # 25mg, 0.2 ml, 2 iu
    rf"\d\s*-\s*\d+(?:\.\d+)?\s*{_UNITS}\b",                           # 0.1-0.2ml
    r"\b(?:once|twice|thrice|(?:\d+|one|two|three|four)\s*(?:x|times))\s*(?:a|per|each|every)?\s*(?:day|daily|week|weekly|month)\b",
    r"\b(?:once|twice)\s+or\b",                                        # "twice or three times a day", half shown
    r"\bevery\s+(?:other|\d+(?:\s*(?:-|–|to)\s*\d+)?)\s+(?:day|days|week|weeks)\b",
    r"\b(?:eod|e3d|qod|x/wk)\b",
    r"\b(?:daily|weekly|nightly|biweekly)\b",
    r"\bper\s+(?:day|week)\b",
    r"\b(?:for|over\s+the\s+course\s+of)\s+\d+\s*(?:(?:-|–|to)\s*\d+\s*)?(?:days?|weeks?|months?)\b",
    r"\bwith\s+meals\b|\bdivided\s+doses\b",
    r"\balternate\s+days\b|\beach\s+morning\b|\bmorning\s+and\s+(?:night|evening)\b|\b(?:tds|qds|bid|tid)\b",
    r"(?:\d|\])\s*/\s*(?:day|kg|week)\b|\bper\s+kg\b",                    # what is left of "1-2 g/day"
    r"\]\s+(?:in|within)\s+\d+\s*(?:hours?|days?)\b",                       # "up to [..] in 4 hours"
    r"\b(?:day|week|month)-long\s+course\b",
    r"\bevery\s+\d+\s*h\b|\btimes\s+in\s+\d+\s*hours?\b|\bonce\s+a\s+fortnight\b",
    r"\b(?:once|twice)\s+a\s+year\b|\bfor\s+(?:up\s+to\s+)?\d+\s+years?\b",
    r"\d\s*(?:meq|mmol)\b(?!\s*/)",
    # a third teacher's forms: spelled-out minutes, "-hourly", a ceiling alone, spoons, timing by the day
    r"\bevery\s+(?:few|minute|\w+\s+(?:to\s+\w+\s+)?minutes)\b|\b\w+-hourly\b|\bmaximum\s+of\s+\w+\b",
    r"\b(?:a|one|half\s+a)\s+(?:tea|table)?spoon(?:ful)?\b|\bhalf\s+a\s+(?:cup|tablet)\b",
    r"\bat\s+night\s+only\b|\bafter\s+brushing\b|\b(?:thirty|twenty|fifteen)\s+minutes\s+before\b",
    # the time between doses (stop 59)
    r"\b\d+\s*(?:minutes?|hours?)\s+(?:later|apart|between\s+doses|after\s+the\s+first)\b",
    # how many, left before a hidden strength: "take two [dose details omitted] paracetamol tablets" (stop 73)
    # (one to three digits: a year or an age before the marker is no count; the words after a label are checked
    # by the tests themselves)
    r"(?<!\bage\s)(?<!\baged\s)\b(?:\d{1,3}|one|two|three|four|five|six|half)\s*(?:[x×]\s*|of\s+the\s+)?"
    r"\[dose details omitted\](?:\s+[\w-]+){0,3}?\s+(?:tablets?|capsules?|caplets?|pills?|spoon\w*)",
    r"\b(?:\d+|one|two|three|four)\s*[x×]\s*\[dose details omitted\]",
    r"\b(?:take|give)\s+(?:\d+|one|two|three|four)\s+\[dose details omitted\]",
    r"\d\s*[x×]\s*\d+\s*(?:mg|ml|mcg)\b|\d\s*(?:mg|ml|mcg)\s*[x×]\s*\d",       # "2x500mg", "500mgx2"
    # stop 74: a word or two between the count and the hidden strength, teen numbers, a fraction's remains, sachets
    # (any count but a label's, a share's or an age's: "type 2 diabetes metformin [..] tablets", "1 in 10 …")
    r"(?<!\bage\s)(?<!\baged\s)(?<!\bto\s)(?<!\btype\s)(?<!\bstage\s)(?<!\bchapter\s)(?<!\bin\s)(?<!\bover\s)(?<!\baround\s)"
    r"(?<!\babout\s)(?<!\bpage\s)(?<!\bstep\s)\b(?:\d{1,3}|one|two|three|four|five|six|half|\w+teen)\s+(?!million\b|thousand\b)"
    r"(?!(?:can|may|should|must|will|take|give|use|have|are|is|to|of|in|for|with|years?|people)\b)[a-z][\w-]*"
    r"(?:\s+[a-z][\w-]*)?\s+\[dose details omitted\](?:\s+[\w-]+){0,3}?\s+(?:tablets?|capsules?|caplets?|pills?|spoon\w*)",
    r"\d\s*⁄|[½¼¾⅓⅔]", r"\b(?:one|two|\d)\s+sachets?\b",
)]
KNOWN_SOURCE_DOSES = ("0.1-0.2ml", "twice weekly", "small weekly")


def dose_leaks(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    found = [m.group(0) for check in _CHECKS for m in check.finditer(text)]
    found += [s for s in KNOWN_SOURCE_DOSES if s in text.lower()]
    return found
