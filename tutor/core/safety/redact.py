"""Output redaction: dose quantities, units, ranges and schedule phrases become a visible marker.

The source text itself holds dose details ("often twice weekly", "(e.g. 0.1-0.2ml)"), so this
runs on everything that prints source text: answers, citations, glossary entries, quiz prompts
and feedback, evaluation reports. The rest of the sentence stays readable.
"""

from __future__ import annotations

import re

from tutor.core.text import clean_input

MARKER = "[dose details omitted]"

_NUM = r"(?:\d+(?:[.,]\d+)?|[.,]\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half(?:\s+a)?|a\s+half|a\s+quarter|quarter)"
_RANGE = rf"{_NUM}(?:\s*(?:-|–|—|to|or|/|and)\s*{_NUM})*"
_UNIT = (r"(?:mg|milligrams?|mcg|µg|μg|ug|micrograms?|grams?|g|ml|milliliters?|millilitres?|cc|iu|i\.u\.|units?|u"
         r"|mg/kg|mcg/kg|mg/day|mg/d|mg/wk|mg/week|%|percent|tabs?|tablets?|pills?|capsules?|caps|drops?|pumps?"
         r"|clicks?|ticks?|sprays?|patches|pellets?|puffs?|vials?|ampoules?|syringes?|shots?|injections?|doses?)")
_TIME = r"(?:days?|weeks?|wks?|months?|mos?|hours?|hrs?|nights?|mornings?|evenings?)"
_ADVERB = r"(?:(?:often|usually|typically|commonly|generally|normally|sometimes)\s+)?"
_NOT_IN_NAME = r"(?<![A-Za-z]-)(?<![A-Za-z])(?<![\d.,])"

_PATTERNS = [
    # "(e.g. 0.1-0.2ml)": the whole aside goes
    rf"\(\s*(?:e\.g\.,?|i\.e\.,?|about|approx\.?|approximately|typically|usually|around|roughly)?\s*{_RANGE}\s*{_UNIT}\b[^()]*\)",
    # amounts: "250mg", "0.1-0.2 ml", "2 iu", "half a pill"
    rf"{_NOT_IN_NAME}{_RANGE}\s*-?\s*{_UNIT}(?![A-Za-z])(?:\s*(?:ed|eod|e\dd|qd|bid|tid)\b)?",
    rf"{_NOT_IN_NAME}\d+(?:[.,]\d+)?\s*(?:ed|eod|e\dd|qd|bid|tid)\b",
    # frequencies: "twice weekly", "3x per week", "once a day", "2x/wk"
    rf"{_ADVERB}\b(?:once|twice|thrice|{_NUM}\s*(?:x|times?))\s*(?:a|an|per|each|every|/)?\s*-?\s*(?:day|daily|week|weekly|wk|month|monthly|night|nightly|morning|evening)\b",
    rf"{_ADVERB}\bevery\s+(?:other\s+|second\s+|third\s+)?(?:{_NUM}\s+)?{_TIME}",
    rf"{_ADVERB}\b(?:twice|once|thrice)[- ](?:daily|weekly|monthly|nightly)\b",
    rf"{_ADVERB}\b(?:daily|weekly|bi-?weekly|nightly|fortnightly|semi-?weekly)\b(?!\s+(?:life|living|lives|routines?|activities|tasks|stress|basis\s+of\s+life))",
    r"\bper\s+(?:day|week|wk|month)\b",
    r"\b(?:a|an|each)\s+(?:day|week|wk)\b(?=\s*(?:[,.;)]|$|for|of|and|or|dose|split))",
    r"(?i:\b(?:eod|e\dd|qod|q\d+h|x/wk|/wk)\b)",
    rf"\b\d+\s*x\s*/\s*(?:wk|week|day|d)\b",
    # durations of a course: "for 6 weeks", "a 4-6 week cycle", "8 weeks on"
    rf"\b(?:for|over)\s+(?:about\s+|around\s+|up\s+to\s+)?{_RANGE}\s*-?\s*{_TIME}",
    rf"\b{_RANGE}\s*-?\s*(?:day|week|month)s?\s+(?:cycles?|courses?|protocols?|runs?|regimens?|programs?|tapers?|blocks?|on|off)\b",
    # timing instructions
    r"\b(?:before\s+bed(?:time)?|at\s+bedtime|on\s+an\s+empty\s+stomach|first\s+thing\s+in\s+the\s+morning)\b",
]
_DOSE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def find_dose_details(text: str) -> list[str]:
    """Every dose quantity or schedule phrase in `text`, as found (empty when the text is clean)."""
    return [m.group(0) for m in _DOSE.finditer(_searchable(text)) if m.group(0).strip()]


def _searchable(text: str) -> str:
    """Full-width digits and zero-width characters must not hide a dose from the patterns;
    NFKC keeps one character per character for everything our patterns match."""
    return clean_input(text) if not text.isascii() else text


def redact(text: str) -> str:
    """`text` with every dose detail replaced by MARKER; everything else unchanged."""
    if not text:
        return text
    text = _searchable(text) if not text.isascii() else text
    out = _DOSE.sub(MARKER, text)
    out = re.sub(rf"(?:{re.escape(MARKER)}[\s,;/-]*(?:or|and|to)?\s*){{2,}}", MARKER + " ", out)
    return re.sub(r"\s+([,.;)])", r"\1", re.sub(r" {2,}", " ", out)).strip() if out != text else out
