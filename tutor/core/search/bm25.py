"""Keyword search (BM25) over stemmed words, so exact names and rare terms count.

bm25s builds the index and writes its files; answering reads those files back and scores with
NumPy alone, in the same operations bm25s uses (so rankings are identical, tested), because
importing bm25s also imports SciPy, a tenth of a second or more of every start.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from tutor.core.text import STOPWORDS

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_EMPTY = "\u2205"                      # stands in for a text without words, so every text is a row
_METHODS = ("lucene", "robertson", "atire")   # bm25s methods whose scores are all in the saved matrix


@lru_cache(maxsize=1)
def stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")   # a word as typed or written, lower case: "addison's", "mk-677"


# A word in more than this share of the passages names nothing specific: not what a question
# asks about a subject (scope), nor what sets one item of a list apart (select)
SPECIFIC_SHARE = 0.1


def idf_of(documents: float, size: int) -> float:
    """BM25's IDF of a word in `documents` of `size` passages (0 for a word in none)."""
    return math.log(1 + size / (documents + 0.5))


def specific_idf(size: int) -> float:
    """The IDF from which a word is specific: in at most SPECIFIC_SHARE of the passages."""
    return idf_of(SPECIFIC_SHARE * size, size)


def tokenize(text: str) -> list[str]:
    """Lower-case stemmed content words, British spellings as American ones; hyphenated names also
    give their parts ("mk-677" -> mk677, mk, 677)."""
    words: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        parts = token.split("-")
        if len(parts) > 1:
            words.append("".join(parts))
        words.extend(parts)
    words = [american(w) for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return stemmer().stemWords(words)


# British spellings and their American forms, so "why are doses individualised?" finds a text that
# says "individualized" (and a British teacher's "oestrogen" a learner's "estrogen"). Applied to the
# text and the question alike, so a form mapped too eagerly still matches itself.
_AMERICAN = [
    # -ise, -yse → -ize, -yze; not where -ise is the only spelling (advise, exercise, revise …)
    (re.compile(r"^(?!(?:adv|exerc|otherw|surpr|prom|prem|expert|comprom|superv|telev|rev|dev|compr|enterpr"
                r"|merchand|franch|prec|conc|chast|desp|disgu|exc|inc|circumc|dem|improv|likew|clockw"
                r"|parad|repr|treat|appr|cru|bru|val|mort|nois|pra|mala)is)(\w{3,})is(e|ed|es|ing|ation|ations|er|ers)$"),
     r"\1iz\2"),
    (re.compile(r"^(\w{2,}l)ys(e|ed|es|ing|er|ers)$"), r"\1yz\2"),                           # analyse, paralyse
    (re.compile(r"^(colo|tumo|behavio|favo|flavo|hono|humo|labo|odo|vapo|rumo|neighbo|vigo|savo)ur"), r"\1r"),
    (re.compile(r"^(\w*(?:cent|lit|met|fib|theat|calib|spect|somb|lust|meag))re(s)?$"), r"\1er\2"),
    (re.compile(r"^(\w*(?:cent|lit|met|fib|theat|calib|spect|somb|lust|meag))red$"), r"\1ered"),
    (re.compile(r"aem"), "em"), (re.compile(r"aec"), "ec"),     # haemoglobin, anaemia, -aemia; gynaecomastia, faeces
    (re.compile(r"^(ortho)?paed"), r"\1ped"),
    (re.compile(r"^(an)?aesth"), r"\1esth"), (re.compile(r"^aetiol"), "etiol"),
    (re.compile(r"^oe(str|dem|soph)"), r"e\1"), (re.compile(r"^foet"), "fet"), (re.compile(r"^coeliac"), "celiac"),
    (re.compile(r"(rrh|pn)oe(a|al|ic)$"), r"\1e\2"),                                          # diarrhoea, apnoea
    (re.compile(r"^(signa|labe|mode|trave|cance|counse|fue|tota|leve|channe|tunne|marve)ll(ed|ing|er|ers)$"), r"\1l\2"),
]


@lru_cache(maxsize=8192)
def american(word: str) -> str:
    """A lower-case word in its American spelling (the word itself when it has no other); cached,
    as the same words are tokenized over and over while a question is answered."""
    for pattern, replacement in _AMERICAN:
        word = pattern.sub(replacement, word)
    return word


class KeywordIndex:
    """A BM25 index over texts: per word (a column), the documents containing it and their
    precomputed BM25 scores, as bm25s saves them (NumPy and JSON files, no pickle)."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, size: int,
                 vocab: dict[str, int], dtype: str = "float32", builder=None) -> None:
        self.data, self.indices, self.indptr = data, indices, indptr
        self.size, self.vocab, self.dtype = int(size), vocab, np.dtype(dtype)
        self._builder = builder              # the bm25s object of a fresh build, kept to save it

    @classmethod
    def build(cls, texts: list[str]) -> "KeywordIndex":
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([tokenize(t) or [_EMPTY] for t in texts], show_progress=False)
        s = retriever.scores
        vocab = {word: column for word, column in retriever.vocab_dict.items() if word}
        return cls(np.asarray(s["data"]), np.asarray(s["indices"]), np.asarray(s["indptr"]), s["num_docs"],
                   vocab, retriever.dtype, retriever)

    def save(self, directory: Path) -> None:
        self._builder.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex":
        """The index bm25s saved in `directory`; ValueError (or OSError) when it is not one."""
        params = json.loads((directory / "params.index.json").read_text(encoding="utf-8"))
        vocab = json.loads((directory / "vocab.index.json").read_text(encoding="utf-8"))
        if params.get("method") not in _METHODS or not isinstance(vocab, dict):
            raise ValueError(f"{directory.name}: not a BM25 index this tutor reads")
        arrays = [np.load(directory / f"{name}.csc.index.npy", allow_pickle=False)
                  for name in ("data", "indices", "indptr")]
        data, indices, indptr = arrays
        size, columns = params["num_docs"], len(indptr) - 1
        vocab.pop("", None)                  # bm25s's own empty token: it has no column
        if not (type(size) is int and data.ndim == indices.ndim == indptr.ndim == 1 and len(data) == len(indices)
                and all(type(v) is int and 0 <= v < columns for v in vocab.values())
                and (len(indices) == 0 or 0 <= int(indices.min()) <= int(indices.max()) < size)):
            raise ValueError(f"{directory.name}: its files disagree")
        return cls(data, indices, indptr, size, vocab, params.get("dtype", "float32"))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, score) of the best k documents with a positive score, best first (bm25s's own
        scoring and top-k selection, step for step)."""
        tokens = [t for t in tokenize(query) if t in self.vocab]
        if not tokens or self.size == 0:
            return []
        k = min(k, self.size)
        ids = np.asarray([self.vocab[t] for t in tokens], dtype=np.int32)
        scores = np.zeros(self.size, dtype=self.dtype)
        for start, end in zip(self.indptr[ids], self.indptr[ids + 1]):
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        best = np.argpartition(scores, -k).take(indices=range(-k, 0))
        best_scores = np.take(scores, best)
        order = np.flip(np.argsort(best_scores))
        return [(int(d), float(s)) for d, s in zip(best[order], best_scores[order]) if s > 0]

    def postings(self) -> dict[str, np.ndarray]:
        """For every stemmed word, the documents that contain it (the index's CSC columns)."""
        indptr, indices = self.indptr, self.indices
        return {word: indices[indptr[col]:indptr[col + 1]] for word, col in self.vocab.items()
                if word and word != _EMPTY}

    def document_frequencies(self) -> dict[str, int]:
        """How many documents contain each stemmed word (the lengths of the index's CSC columns)."""
        lengths = np.diff(self.indptr).tolist()
        return {word: lengths[col] for word, col in self.vocab.items() if word and word != _EMPTY}

    def idf(self) -> dict[str, float]:
        """IDF of every stemmed word (BM25's own formula), from the document frequencies."""
        return {word: idf_of(df, self.size) for word, df in self.document_frequencies().items()}
