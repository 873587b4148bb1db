"""The glossary: terms with aliases and a definition quoted verbatim from the text.

Lookup is forgiving the way learners type: case, hyphens and spaces do not matter
("mk677" = "MK-677"), plurals are tried, long names survive a small typo, and part of a name is
enough when only one entry has it ("leydig" = Leydig cells); `find` lists every entry that fits.
"""

from __future__ import annotations

from typing import Callable

import functools
import re
from dataclasses import dataclass

from tutor.core.text import FUZZY_CUTOFF, clean_input, content_words, prefixed
from tutor.core.vocab import PassageKind

_WORD = re.compile(r"[A-Za-z0-9]+")
MAX_WORDS = 6
MEMO_SIZE = 16      # recent texts whose mentions are remembered: one answer asks of the same few again
MIN_PART = 3        # shortest part of a name (a prefix) that `find` tries
WORD_CUTOFF = 80    # a typo of one word ("leidig" -> Leydig): one entry must be that close, no other


def key(text: str) -> str:
    """Comparison key for a term or alias: lower-case letters and digits only."""
    return "".join(_WORD.findall(clean_input(text).lower()))


def names_nothing_else(text: str, mentions: list["Mention"]) -> bool:
    """Whether a cleaned text names nothing but the glossary terms it mentions: with them taken out
    only asking words, pronouns and fillers are left ("what is FSH?", "what does LH do")."""
    rest = text
    for m in sorted(mentions, key=lambda m: -m.start):
        rest = rest[:m.start] + " " + rest[m.end:]
    return bool(mentions) and not content_words(rest)


def names_in(text: str, names, shared_head: bool = False) -> bool:
    """Whether `text` names one of `names` as whole words: "GH" is in "GH release", not in
    "although"; "MK-677" is in "mk677" and "MK 677"; a plural of the last word counts ("Leydig
    cell" for "Leydig cells"). With `shared_head`, so does a coordination ("Leydig and Sertoli
    cells"): what a sentence is about, not whether it uses the name as written. Remembered: the
    text's sentences are asked about the same names again and again."""
    return _names_in(text, tuple(names), shared_head)


@functools.lru_cache(maxsize=65536)
def _names_in(text: str, names: tuple[str, ...], shared_head: bool) -> bool:
    words = _words(text)
    for name in names:
        target = key(name)
        if not target:
            continue
        for start in range(len(words)):
            joined = ""
            for word in words[start:]:
                joined += word
                if joined == target or joined.rstrip("s") == target.rstrip("s"):
                    return True
                if len(joined) >= len(target) + 1:
                    break
        if shared_head and _coordinated(name, words):
            return True
    return False


def _coordinated(name: str, words: list[str]) -> bool:
    """A two-word name whose head is shared with another in a coordination: "Leydig and Sertoli
    cells" names Leydig cells; "LH and FSH levels" names no "LH levels" (those are one-word names)."""
    parts = _words(name)
    if len(parts) != 2:
        return False
    first, head = parts[0], parts[1].removesuffix("s")
    for i, word in enumerate(words[:-2]):
        if word == first and words[i + 1] in ("and", "or") and any(w.removesuffix("s") == head for w in words[i + 2:i + 4]):
            return True
    return False


def words_of(texts) -> frozenset[str]:
    """The long words (six letters or more, as glossary keys) of the text's passages: Glossary's
    `text_words`."""
    return frozenset(w.lower() for text in texts for w in _WORD.findall(text) if len(w) >= 6)


# A prefix that makes another word of the one after its hyphen: "/define diabetes" showed the entry
# "prediabetes" by its alias "pre-diabetes" (an exploratory tester's), whose second word it matched.
_BOUND_PREFIX = re.compile(r"\b(pre|post|non|anti|sub|hyper|hypo|un|de|re|co)-(?=\w)", re.I)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(clean_input(text))]


def _each_starts_a_word(parts: list[str], words: list[str]) -> bool:
    """Whether each typed part starts a different word of the name, in the name's order."""
    i = 0
    for part in parts:
        while i < len(words) and not words[i].startswith(part):
            i += 1
        if i == len(words):
            return False
        i += 1
    return True


@dataclass(frozen=True)
class Entry:
    term: str
    aliases: tuple[str, ...]
    definition: str
    passage_id: str
    # False for a term the text uses without ever saying what it is ("TRT", "pulsatility"): its
    # entry keeps the sentence that uses it, for lookup and search, but no box calls it a definition
    defines: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    def is_a_definition(self, passages_by_id: dict) -> bool:
        """Whether the entry's sentence says what the term is, in the text's prose: only such an
        entry gets a box beside an answer or a quiz question (issue 13: boxes are honest)."""
        return self.defines and self.defined_in_prose(passages_by_id)

    def defined_in_prose(self, passages_by_id: dict) -> bool:
        """Whether the definition is the text's prose, not a paper's title in its reference list
        ("IGF-1 — Physiological regulation of the human growth hormone … axis" defines nothing): such
        an entry is neither quizzed nor shown in a box beside an answer."""
        defining = passages_by_id.get(self.passage_id)
        return defining is None or defining.kind != PassageKind.REFERENCE

    def to_dict(self) -> dict:
        return {"term": self.term, "aliases": list(self.aliases), "definition": self.definition,
                "passage_id": self.passage_id, "defines": self.defines}

    @classmethod
    def from_dict(cls, d: dict) -> "Entry":
        return cls(d["term"], tuple(d.get("aliases") or ()), d["definition"], d.get("passage_id", ""),
                   bool(d.get("defines", True)))


@dataclass(frozen=True)
class Mention:
    """A glossary term found in a piece of text: `start`/`end` are character offsets in the
    cleaned text (see textnorm.clean_input), `exact` is False for a typo-tolerant match."""

    entry: Entry
    start: int
    end: int
    exact: bool


_PREFIXES = frozenset("post pre anti non re co de sub semi multi over under self ex mid low high long short full "
                      "pro counter".split())


def _inside_a_compound(text: str, start: int) -> bool:
    """Whether a name starts after a hyphen that joins it to a word before: "pituitary" in
    "hypothalamic-pituitary-adrenal (HPA) axis" is part of another name (the HPA axis), and "what
    else affects it?" after a sentence on stress was read as about the pituitary gland (a tester's).
    After a prefix it names itself ("post-TRT", "anti-estrogen", "non-SERM"), and so does a name
    that begins a compound ("SERM-induced")."""
    if start < 2 or text[start - 1] != "-" or not text[start - 2].isalnum():
        return False
    before = re.search(r"([A-Za-z]+)-$", text[max(0, start - 30):start])
    return not (before and before.group(1).lower() in _PREFIXES)


class Glossary:
    """Entries plus an alias index for exact, plural and typo-tolerant lookup."""

    def __init__(self, entries: list[Entry], text_words: Callable[[], frozenset[str]] = frozenset) -> None:
        """`text_words`: makes the words the text itself uses (words_of), which are never read as a
        typo of a term: "hyperparathyroidism" is a word of its own, not "hypoparathyroidism"
        mistyped. Made when a typo is first looked up, not at start-up (57 ms for a 1.4 MB text)."""
        self.entries = entries
        self._make_text_words = text_words
        self._text_words: frozenset[str] | None = None
        self.by_key: dict[str, Entry] = {}
        for entry in entries:
            for name in entry.names:
                self.by_key.setdefault(key(name), entry)
        self._fuzzy_keys = [k for k in self.by_key if len(k) >= 6 and not k.isdigit()]
        self._words = [(entry, key(name), _words(_BOUND_PREFIX.sub(r"\1", name))) for entry in entries for name in entry.names]
        self._first_words = {words[0] for _, _, words in self._words if words}
        self._mentioned: dict[tuple[str, bool], tuple[Mention, ...]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def lookup(self, text: str, fuzzy: bool = True) -> Entry | None:
        """The entry named by `text` (a term or alias), allowing plurals; with `fuzzy`, also a small
        typo or a part of a name that only one entry has (see `find`)."""
        k = key(text)
        if not k:
            return None
        exact = self._exact(k)
        if exact or not fuzzy:
            return exact
        found = self.find(text)
        return found[0] if len(found) == 1 else None

    def find(self, text: str) -> list[Entry]:
        """Every entry `text` may mean, best first: one entry for an exact name, alias or plural, for
        a part of a name only one entry has ("leydig", "sertoli", "clomi"), or for a typo; several
        when a part fits more than one ("axis"); none when nothing fits."""
        k = key(text)
        if not k:
            return []
        exact = self._exact(k)
        if exact:
            return [exact]
        partial = self._partial(k, _words(text))
        if partial:
            return partial
        typo = self._fuzzy(k) or self._fuzzy_word(k)
        return [typo] if typo else []

    def _exact(self, k: str) -> Entry | None:
        for candidate in (k, k.rstrip("s"), k + "s", k[:-2] if k.endswith("es") else None):
            if candidate and candidate in self.by_key:
                return self.by_key[candidate]
        return None

    def _partial(self, k: str, words: list[str]) -> list[Entry]:
        """Entries with a name that starts with `k`, or whose words start with each typed word, in
        order: a whole-name prefix first, then fewer extra words, then shorter terms."""
        if len(k) < MIN_PART:
            return []
        ranked: dict[Entry, tuple] = {}
        stems = [w.rstrip("s") if len(w) > MIN_PART else w for w in words]
        for entry, name_key, name_words in self._words:
            if name_key.startswith(k):
                rank = (0, len(name_key) - len(k))
            elif stems and _each_starts_a_word(stems, name_words):
                rank = (1, len(name_words) - len(stems))
            else:
                continue
            rank = (*rank, len(entry.term), entry.term.lower())
            if entry not in ranked or rank < ranked[entry]:
                ranked[entry] = rank
        return sorted(ranked, key=ranked.__getitem__)

    def _fuzzy(self, k: str) -> Entry | None:
        if len(k) < 6 or k in self._words_of_the_text():
            return None
        from rapidfuzz import fuzz, process  # imported lazily: only typos need it

        best = process.extractOne(k, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self.by_key[best[0]] if best and not prefixed(k, best[0]) and not prefixed(best[0], k) else None

    def _fuzzy_word(self, k: str) -> Entry | None:
        """A typo of one distinctive word of a name ("sertolli" -> Sertoli cells), when only one
        entry has a word that close."""
        if len(k) < 6 or k in self._words_of_the_text():
            return None
        from rapidfuzz import fuzz

        close = {entry for entry, _, words in self._words
                 if any(len(w) >= 5 and fuzz.ratio(k, w) >= WORD_CUTOFF and not prefixed(k, w) and not prefixed(w, k)
                        for w in words)}
        return close.pop() if len(close) == 1 else None

    def _words_of_the_text(self) -> frozenset[str]:
        if self._text_words is None:
            self._text_words = self._make_text_words()
        return self._text_words

    def mentions(self, text: str, fuzzy: bool = True) -> list[Mention]:
        """Glossary terms named in `text`, longest match first, without overlaps, in reading order.
        Remembered for the last few texts: one answer asks this of the same question several times."""
        found = self._mentioned.get((text, fuzzy))
        if found is None:
            if len(self._mentioned) >= MEMO_SIZE:
                self._mentioned.clear()
            found = self._mentioned[(text, fuzzy)] = tuple(self._mentions(text, fuzzy))
        return list(found)

    def _mentions(self, text: str, fuzzy: bool) -> list[Mention]:
        cleaned = clean_input(text)
        spans = list(_WORD.finditer(cleaned))
        words = [m.group() for m in spans]
        compound = [_inside_a_compound(cleaned, m.start()) for m in spans]
        found: list[Mention] = []
        taken: set[int] = set()
        for size in range(min(MAX_WORDS, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                if size > 1 and words[i].lower() not in self._first_words:
                    continue                # no name of several words starts with this one
                span = set(range(i, i + size))
                if span & taken or compound[i]:
                    continue
                entry, exact = self._match(words[i:i + size], fuzzy and size == 1)
                if entry and all(m.entry is not entry for m in found):
                    found.append(Mention(entry, spans[i].start(), spans[i + size - 1].end(), exact))
                    taken |= span
        found += self._coordinated(words, spans, taken, found)
        return sorted(found, key=lambda m: m.start)

    def _coordinated(self, words: list[str], spans, taken: set[int], found: list[Mention]) -> list[Mention]:
        """"Leydig and Sertoli cells" names Leydig cells too: a word joined by "and"/"or" to a
        two-word name, when that word with the name's head is a name as well (as names_in's
        shared_head reads the text's sentences)."""
        starts = {spans[i].start(): i for i in range(len(words))}
        out: list[Mention] = []
        for mention in found:
            i = starts.get(mention.start)
            if i is None or i < 2 or i + 1 >= len(words) or words[i - 1].lower() not in ("and", "or") \
                    or i - 2 in taken or spans[i + 1].end() != mention.end:
                continue
            entry, _ = self._match([words[i - 2], words[i + 1]], False)
            if entry and all(m.entry is not entry for m in found + out):
                out.append(Mention(entry, spans[i - 2].start(), spans[i - 2].end(), True))
        return out

    def _match(self, words: list[str], fuzzy: bool) -> tuple[Entry | None, bool]:
        joined = "".join(w.lower() for w in words)     # already a key: ASCII letters and digits
        entry = self._exact(joined) if joined else None
        if entry:
            return entry, True
        if fuzzy and len(joined) >= 7:
            return self._fuzzy(joined), False
        return None, False

