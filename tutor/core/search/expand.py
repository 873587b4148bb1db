"""Query expansion without a language model: glossary aliases and a small synonym list.

"clomiphene" also searches for "Clomid"; "belly fat" also searches for "abdominal fat". The
dense query gets only canonical names (the glossary term, the first phrase of a synonym group) so
the question's meaning stays in front; the keyword query also gets every glossary alias, but only
the text's own term from a synonym group (more lay words there added noise on held-out questions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from tutor.core.corpus.glossary import Glossary, Mention
from tutor.core.text import fold


@dataclass
class Expanded:
    question: str
    dense_text: str
    keyword_text: str
    mentions: list[Mention] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)   # every phrase of each synonym group the question uses

    @property
    def known_phrases(self) -> list[str]:
        """Phrases the question uses in words the text may not: its synonym groups' and the names of
        the glossary terms it names ("hot flash", an alias of "hot flushes")."""
        return [*self.synonyms, *(n for m in self.mentions for n in m.entry.names)]


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _phrase_in(phrase: str, folded: str) -> bool:
    """Whether `phrase` occurs in `folded` as whole words. A plain substring search checked at
    both ends: every question checks every synonym group, and compiling a pattern per phrase
    cost a cold `tutor ask` 30 ms."""
    target = _folded(phrase)
    if not target:
        return False
    start = folded.find(target)
    while start != -1:
        end = start + len(target)
        before_ok = start == 0 or folded[start - 1] not in _WORD_CHARS
        if before_ok and (end == len(folded) or folded[end] not in _WORD_CHARS):
            return True
        start = folded.find(target, start + 1)
    return False


@lru_cache(maxsize=4096)
def _folded(phrase: str) -> str:
    return fold(phrase)


def expand(question: str, glossary: Glossary, synonyms: list[list[str]]) -> Expanded:
    mentions = glossary.mentions(question)
    folded = fold(question)
    dense_extra: list[str] = []
    keyword_extra: list[str] = []
    for m in mentions:
        if not _phrase_in(m.entry.term, folded):
            dense_extra.append(m.entry.term)
        keyword_extra += [n for n in m.entry.names if not _phrase_in(n, folded)]
    found: list[str] = []
    for group in synonyms:
        if any(_phrase_in(p, folded) for p in group[1:]):
            found += group
            if not _phrase_in(group[0], folded):
                dense_extra.append(group[0])
                keyword_extra.append(group[0])
    dense = question if not dense_extra else f"{question} ({', '.join(dict.fromkeys(dense_extra))})"
    keyword = " ".join([question, *dict.fromkeys(keyword_extra)])
    return Expanded(question, dense, keyword, mentions, found)
