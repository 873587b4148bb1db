"""Lenient grading of typed answers: case, punctuation, accents and aliases do not matter, and a
small typo is accepted with the correct spelling shown."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Collection

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


def grade(answer: str, entry: Entry, text_words: Collection[str] = ()) -> Grade:
    """Right for the term or any alias; near for a small typo of one of them; else wrong. An answer
    that is itself a word of the text (`text_words`, lower case) is no typo of another ("gonadotropins"
    for gonadotrophs: the hormones, not the cells that release them), nor is one a prefix away
    ("calibration" for recalibration); both had been accepted (an exploratory tester's)."""
    given = _squash(answer)
    if not given:
        return Grade(WRONG, entry.term)
    names = [_squash(n) for n in entry.names]
    if given in names or given.rstrip("s") in [n.rstrip("s") for n in names]:
        return Grade(RIGHT, entry.term)
    if normalise(answer) in text_words:
        return Grade(WRONG, entry.term)
    from rapidfuzz.distance import Levenshtein

    for name in names:
        allowed = 0 if len(name) <= 4 else 1 if len(name) <= 7 else 2
        if allowed and Levenshtein.distance(given, name) <= allowed and not _a_prefix_apart(given, name):
            return Grade(NEAR, entry.term)
    return Grade(WRONG, entry.term)


def _a_prefix_apart(a: str, b: str) -> bool:
    """Whether one word is the other with two or more letters added in front ("re-", "un-", "de-")."""
    short, long_ = sorted((a, b), key=len)
    return len(long_) - len(short) >= 2 and long_.endswith(short)
