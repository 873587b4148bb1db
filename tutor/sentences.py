"""Sentence boundaries with offsets, so a quoted sentence can always be traced to its passage."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(‘]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "al.", "vol.", "no.", "pp.", "ed.", "dr.", "vs.", "etc.", "fig.", "approx.")


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the full stop ending at `end` belongs to an abbreviation or an initial ("Walter L.")."""
    start = text.rfind(" ", 0, end) + 1
    word = text[start:end].lower()
    return word.endswith(_ABBREVIATIONS) or bool(re.fullmatch(r"[a-z]\.", word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of `text`, trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        stop = match.start() + 1
        if text[stop - 1] == "." and _is_abbreviation(text, stop):
            continue
        end = match.end() - len(match.group()) + len(match.group().rstrip())
        spans.append((start, end))
        start = match.end()
    tail = text[start:].rstrip()
    if tail:
        spans.append((start, start + len(tail)))
    return [(s, e) for s, e in spans if text[s:e].strip()]
