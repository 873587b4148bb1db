"""Misspelt words respelt, for the emergency check only.

Someone typing in a panic misspells: "my dad isnt breathin right", "she's having a siezure right
now", "really bad chest pian since my shot" were each refused as personal advice while the same
messages spelt right got the emergency message (a learner tester's). The rules name signs in
words, and a dropped or swapped letter defeats a word; it should not defeat the check.

A word is respelt only when it is no English word the model knows and no word the guard's
labelled examples use twice, and one word of those examples is a single edit away (a letter added, dropped,
changed, or two swapped): the most frequent such word. Words the model knows are never changed
("dye" stays "dye"), so a respelling can only turn gibberish into a word the examples use. Only
the emergency check reads the respelling; nothing is shown or answered from it.

The examples are the ones the guard's classifier was fitted on (IntentModel.texts, already in
memory), so respelling reads no file; its vocabulary is built on the first message.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Callable, Iterable

_WORD = re.compile(r"[A-Za-z]+")
MIN_LENGTH = 4          # shorter words are too often other words one edit away ("r", "n", "u")


class Respeller:
    """Respells messages into the words of the texts `examples()` gives; built when first called."""

    def __init__(self, examples: Callable[[], Iterable[str]]) -> None:
        self._examples = examples
        self._targets: Counter | None = None
        self._words: list[str] = []
        self._known: frozenset[str] = frozenset()
        self._nearest = functools.lru_cache(maxsize=4096)(self._nearest_uncached)

    def __call__(self, text: str) -> str:
        """The text with each unknown word replaced by the example word one edit from it, if any."""
        if self._targets is None:
            self._build()
        if not self._targets:
            return text

        def fix(match: re.Match) -> str:
            word = match.group(0)
            low = word.lower()
            if len(low) < MIN_LENGTH or low in self._known:
                return word
            return self._nearest(low) or word

        return _WORD.sub(fix, text)

    def _build(self) -> None:
        """The words respelt into: those of the examples that the model knows as English words or
        that are used at least twice (a word used once may be a writer's typo)."""
        from tutor.core.search.embed import english_words

        english = english_words()
        counts = Counter(w for text in self._examples() for w in _WORD.findall(text.lower()) if len(w) >= MIN_LENGTH)
        self._targets = Counter({w: n for w, n in counts.items() if n >= 2 or w in english})
        self._words = list(self._targets)
        self._known = english | frozenset(self._targets)

    def _nearest_uncached(self, word: str) -> str | None:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        close = process.extract(word, self._words, scorer=OSA.distance, score_cutoff=1, limit=None)
        if not close:
            return None
        return max(close, key=lambda hit: (self._targets[hit[0]], hit[0]))[0]
