"""What gives a quiz answer away, and which definitions are too alike to be told apart.

A term is given away by any of its names (with the abbreviation the text puts after it, as in
"hypothalamic-pituitary-gonadal (HPG) axis"), a plural of one, or a word of the same stem
("pulsatile" for pulsatility, "steroidogenic" for steroidogenesis). Generic words of a name
("hormone", "cells", "axis") are not stems: hiding them would hide half the text.
"""

from __future__ import annotations

import re
from functools import cache

from tutor.core.corpus.glossary import Entry
from tutor.core.search.bm25 import stemmer
from tutor.core.text import fold, split_sentences

BLANK = "_____"
GENERIC = frozenset("""
hormone hormones hormonal therapy therapies cell cells axis level levels system production creation
synthesis protein factor factors gland body loop loops protocol protocols clinical negative
""".split())
MIN_SHARED_STEM = 6     # "steroidogen" is a stem of "steroidogenesi"; "gonad" is not one of "gonadotropin"
_PAREN = r"(?:\s*\([^()]{1,15}\))?"
_SEP = _PAREN + r"[\s\-/]+"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_BLANKS = re.compile(re.escape(BLANK) + r"(?:[\s\-/]*\(?" + re.escape(BLANK) + r"\)?)+")


@cache
def stem(word: str) -> str:
    return stemmer().stemWord(word.lower())   # the stemmer keyword search uses


def shares_stem(a: str, b: str) -> bool:
    """Whether two stems are one word's: equal, or the shorter (long enough) begins the longer."""
    short, long = sorted((a, b), key=len)
    return short == long or len(short) >= MIN_SHARED_STEM and long.startswith(short)


@cache
def names_pattern(entry: Entry) -> re.Pattern:
    """Any name of the entry, plural or not, with a short parenthesis inside or after it."""
    names = sorted({n.strip() for n in entry.names if len(n.strip()) > 1}, key=len, reverse=True)
    parts = [_SEP.join(re.escape(w) for w in re.split(r"[\s\-/]+", n) if w) + r"(?:e?s)?" + _PAREN for n in names]
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + r")(?![A-Za-z0-9])", re.IGNORECASE)


@cache
def term_stems(entry: Entry) -> frozenset[str]:
    """Stems of the distinctive words of the term and of its one-word aliases."""
    words = [w for name in (entry.term, *(a for a in entry.aliases if " " not in a.strip()))
             for w in re.findall(r"[A-Za-z]+", name)]
    return frozenset(stem(w) for w in words if len(w) >= 4 and w.lower() not in GENERIC)


def _stem_hit(word: str, stems: frozenset[str]) -> bool:
    return len(word) >= 4 and any(shares_stem(stem(word), s) for s in stems)


def gives_away(text: str, entry: Entry) -> bool:
    """Whether `text` names the entry or uses a word of its stem."""
    if names_pattern(entry).search(text):
        return True
    stems = term_stems(entry)
    return any(_stem_hit(m.group(), stems) for m in _TOKEN.finditer(text))


def mask(text: str, *entries: Entry) -> str:
    """`text` with every name and stem word of each entry replaced by one blank."""
    for entry in entries:
        text = names_pattern(entry).sub(BLANK, text)
        stems = term_stems(entry)
        text = _TOKEN.sub(lambda m: BLANK if _stem_hit(m.group(), stems) else m.group(), text)
    return _BLANKS.sub(BLANK, text)


def _sentences(text: str) -> list[str]:
    """Split before folding: lower-cased, "(GnRH). This signals …" is no sentence end to the splitter."""
    return [fold(text[a:b]).rstrip(".") for a, b in split_sentences(text)]


def _content_words(text: str) -> set[str]:
    from tutor.core.text import STOPWORDS

    return {stem(w) for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in STOPWORDS and len(w) > 2}


def too_close(a: str, b: str) -> bool:
    """Whether two definitions would be hard to tell apart as options: one holds a sentence (or a
    fragment) of the other, or they are nearly the same text or nearly the same words."""
    from rapidfuzz import fuzz

    if any(s in fold(b) for s in _sentences(a)) or any(s in fold(a) for s in _sentences(b)):
        return True
    wa, wb = _content_words(a), _content_words(b)
    overlap = len(wa & wb) / max(1, len(wa | wb))
    return overlap >= 0.5 or fuzz.ratio(fold(a), fold(b)) >= 70
