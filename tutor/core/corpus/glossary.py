"""The glossary: terms with aliases and a definition quoted verbatim from the text.

Lookup is forgiving the way learners type: case, hyphens and spaces do not matter
("mk677" = "MK-677"), plurals are tried, and long names survive a small typo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.core.text import FUZZY_CUTOFF, clean_input

_WORD = re.compile(r"[A-Za-z0-9]+")
MAX_WORDS = 6


def key(text: str) -> str:
    """Comparison key for a term or alias: lower-case letters and digits only."""
    return "".join(_WORD.findall(clean_input(text).lower()))


@dataclass(frozen=True)
class Entry:
    term: str
    aliases: tuple[str, ...]
    definition: str
    passage_id: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    def to_dict(self) -> dict:
        return {"term": self.term, "aliases": list(self.aliases), "definition": self.definition,
                "passage_id": self.passage_id}

    @classmethod
    def from_dict(cls, d: dict) -> "Entry":
        return cls(d["term"], tuple(d.get("aliases") or ()), d["definition"], d.get("passage_id", ""))


@dataclass(frozen=True)
class Mention:
    """A glossary term found in a piece of text: `start`/`end` are character offsets in the
    cleaned text (see textnorm.clean_input), `exact` is False for a typo-tolerant match."""

    entry: Entry
    start: int
    end: int
    exact: bool


class Glossary:
    """Entries plus an alias index for exact, plural and typo-tolerant lookup."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_key: dict[str, Entry] = {}
        for entry in entries:
            for name in entry.names:
                self.by_key.setdefault(key(name), entry)
        self._fuzzy_keys = [k for k in self.by_key if len(k) >= 6 and not k.isdigit()]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def lookup(self, text: str, fuzzy: bool = True) -> Entry | None:
        """The entry named exactly by `text` (a term or alias), allowing plurals and small typos."""
        k = key(text)
        if not k:
            return None
        for candidate in (k, k.rstrip("s"), k + "s", k[:-2] if k.endswith("es") else None):
            if candidate and candidate in self.by_key:
                return self.by_key[candidate]
        return self._fuzzy(k) if fuzzy else None

    def _fuzzy(self, k: str) -> Entry | None:
        if len(k) < 6:
            return None
        from rapidfuzz import fuzz, process  # imported lazily: only typos need it

        best = process.extractOne(k, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self.by_key[best[0]] if best else None

    def mentions(self, text: str, fuzzy: bool = True) -> list[Mention]:
        """Glossary terms named in `text`, longest match first, without overlaps, in reading order."""
        spans = list(_WORD.finditer(clean_input(text)))
        words = [m.group() for m in spans]
        found: list[Mention] = []
        taken: set[int] = set()
        for size in range(min(MAX_WORDS, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                span = set(range(i, i + size))
                if span & taken:
                    continue
                entry, exact = self._match(words[i:i + size], fuzzy and size == 1)
                if entry and all(m.entry is not entry for m in found):
                    found.append(Mention(entry, spans[i].start(), spans[i + size - 1].end(), exact))
                    taken |= span
        return sorted(found, key=lambda m: m.start)

    def _match(self, words: list[str], fuzzy: bool) -> tuple[Entry | None, bool]:
        joined = "".join(w.lower() for w in words)
        entry = self.lookup(joined, fuzzy=False)
        if entry:
            return entry, True
        if fuzzy and len(joined) >= 7:
            return self._fuzzy(joined), False
        return None, False

