"""Misspelt words respelt, for the emergency check only.

Someone typing in a panic misspells: "my dad isnt breathin right", "she's having a siezure right
now", "really bad chest pian since my shot" were each refused as personal advice while the same
messages spelt right got the emergency message (a learner tester's). The rules name signs in
words, and a dropped or swapped letter defeats a word; it should not defeat the check.

A word is respelt only when it is no English word the model knows and no word of the guard's
labelled examples, and one word of those examples is a single edit away (a letter added, dropped,
changed, or two swapped): the most frequent such word. Words the model knows are never changed
("dye" stays "dye"), so a respelling can only turn gibberish into a word the examples use. Only
the emergency check reads the respelling; nothing is shown or answered from it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

_WORD = re.compile(r"[A-Za-z]+")
MIN_LENGTH = 4          # shorter words are too often other words one edit away ("r", "n", "u")


def respelt(text: str) -> str:
    """The text with each unknown word replaced by the example word one edit from it, if any."""
    known, words = _known(), _example_words()
    if not words:
        return text

    def fix(match: re.Match) -> str:
        word = match.group(0)
        low = word.lower()
        if len(low) < MIN_LENGTH or low in known:
            return word
        return _nearest(low) or word

    return _WORD.sub(fix, text)


@functools.lru_cache(maxsize=4096)
def _nearest(word: str) -> str | None:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    words = _example_words()
    close = process.extract(word, list(words), scorer=OSA.distance, score_cutoff=1, limit=None)
    if not close:
        return None
    return max(close, key=lambda hit: (words[hit[0]], hit[0]))[0]


@functools.lru_cache(maxsize=1)
def _example_words() -> Counter:
    """The guard's own words: those of its labelled examples that the model knows as English words
    or that are used at least twice (a word used once may be a writer's typo)."""
    from tutor.core.safety.intents import load_examples
    from tutor.core.search.embed import english_words

    try:
        counts = Counter(w for text, _ in load_examples() for w in _WORD.findall(text.lower()) if len(w) >= MIN_LENGTH)
    except (OSError, ValueError, KeyError):
        return Counter()
    english = english_words()
    return Counter({w: n for w, n in counts.items() if n >= 2 or w in english})


@functools.lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    from tutor.core.search.embed import english_words

    return english_words() | frozenset(_example_words())
