"""An independent check for dose details in printed text, written separately from the product's
redaction patterns so that a gap in those patterns shows up here instead of being agreed with."""

from __future__ import annotations

import re
import unicodedata

_UNITS = r"(?:mg|mcg|µg|ug|ml|cc|iu|units?|milligrams?|micrograms?|millilitres?|milliliters?|tablets?|pills?|capsules?)"
_CHECKS = [
    re.compile(rf"\d\s*{_UNITS}\b", re.I),                                  # 25mg, 0.2 ml, 2 iu
    re.compile(rf"\d\s*-\s*\d+(?:\.\d+)?\s*{_UNITS}\b", re.I),             # 0.1-0.2ml
    re.compile(r"\b(?:once|twice|thrice|(?:\d+|one|two|three|four)\s*(?:x|times))\s*(?:a|per|each|every)?\s*(?:day|daily|week|weekly|month)\b", re.I),
    re.compile(r"\b(?:once|twice)\s+or\b", re.I),                          # "twice or three times a day", half shown
    re.compile(r"\bevery\s+(?:other|\d+(?:\s*(?:-|–|to)\s*\d+)?)\s+(?:day|days|week|weeks)\b", re.I),
    re.compile(r"\b(?:eod|e3d|qod|x/wk)\b", re.I),
    re.compile(r"\b(?:daily|weekly|nightly|biweekly)\b", re.I),
    re.compile(r"\bper\s+(?:day|week)\b", re.I),
    re.compile(r"\b(?:for|over\s+the\s+course\s+of)\s+\d+\s*(?:(?:-|–|to)\s*\d+\s*)?(?:days?|weeks?|months?)\b", re.I),
    re.compile(r"\bwith\s+meals\b|\bdivided\s+doses\b", re.I),
    re.compile(r"\balternate\s+days\b|\beach\s+morning\b|\bmorning\s+and\s+night\b|\b(?:tds|qds|bid|tid)\b", re.I),
    re.compile(r"(?:\d|\])\s*/\s*(?:day|kg|week)\b|\bper\s+kg\b", re.I),      # what is left of "1-2 g/day"
    re.compile(r"\]\s+(?:in|within)\s+\d+\s*(?:hours?|days?)\b", re.I),         # "up to [..] in 4 hours"
    re.compile(r"\b(?:day|week|month)-long\s+course\b", re.I),
    re.compile(r"\bevery\s+\d+\s*h\b|\btimes\s+in\s+\d+\s*hours?\b|\bonce\s+a\s+fortnight\b", re.I),
    re.compile(r"\d\s*(?:meq|mmol)\b(?!\s*/)", re.I),
    # a third teacher's forms: spelled-out minutes, "-hourly", a ceiling alone, spoons, daily rhythms
    re.compile(r"\bevery\s+(?:few|minute|\w+\s+(?:to\s+\w+\s+)?minutes)\b|\b\w+-hourly\b|\bmaximum\s+of\s+\w+\b", re.I),
    re.compile(r"\b(?:a|one|half\s+a)\s+(?:tea|table)?spoon(?:ful)?\b|\bhalf\s+a\s+(?:cup|tablet)\b", re.I),
    re.compile(r"\bmorning\s+and\s+(?:evening|night)\b|\bat\s+night\s+only\b|\bafter\s+brushing\b", re.I),
    re.compile(r"\b(?:thirty|twenty|fifteen)\s+minutes\s+before\b", re.I),
]
KNOWN_SOURCE_DOSES = ("0.1-0.2ml", "twice weekly", "small weekly")


def dose_leaks(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    found = [m.group(0) for check in _CHECKS for m in check.finditer(text)]
    found += [s for s in KNOWN_SOURCE_DOSES if s in text.lower()]
    return found
