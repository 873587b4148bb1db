"""Lenient grading of typed answers: case, punctuation, accents and aliases do not matter, and a
small typo is accepted with the correct spelling shown."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tutor.core.corpus.glossary import Entry

RIGHT, NEAR, WRONG = "right", "near", "wrong"


@dataclass(frozen=True)
class Grade:
    verdict: str          # right | near (accepted typo) | wrong
    expected: str         # the term, correctly spelled

    @property
    def correct(self) -> bool:
        return self.verdict != WRONG


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _squash(text: str) -> str:
    return normalise(text).replace(" ", "")


def grade(answer: str, entry: Entry) -> Grade:
    """Right for the term or any alias; near for a small typo of one of them; else wrong."""
    given = _squash(answer)
    if not given:
        return Grade(WRONG, entry.term)
    names = [_squash(n) for n in entry.names]
    if given in names or given.rstrip("s") in [n.rstrip("s") for n in names]:
        return Grade(RIGHT, entry.term)
    from rapidfuzz.distance import Levenshtein

    for name in names:
        allowed = 0 if len(name) <= 4 else 1 if len(name) <= 7 else 2
        if allowed and Levenshtein.distance(given, name) <= allowed:
            return Grade(NEAR, entry.term)
    return Grade(WRONG, entry.term)
