"""Keyword search (BM25 via bm25s) over stemmed words, so exact names and rare terms count."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from tutor.core.text import STOPWORDS

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lower-case stemmed content words; hyphenated names also give their parts ("mk-677" -> mk677, mk, 677)."""
    words: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        parts = token.split("-")
        if len(parts) > 1:
            words.append("".join(parts))
        words.extend(parts)
    words = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(words)


class KeywordIndex:
    """A BM25 index over passage texts; saved with bm25s's own NumPy/JSON files (no pickle)."""

    def __init__(self, retriever) -> None:
        self.retriever = retriever
        self.size = int(retriever.scores["num_docs"])
        self.vocab = retriever.vocab_dict

    @classmethod
    def build(cls, texts: list[str]) -> "KeywordIndex":
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([tokenize(t) or ["\u2205"] for t in texts], show_progress=False)
        return cls(retriever)

    def save(self, directory: Path) -> None:
        self.retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex":
        import bm25s

        return cls(bm25s.BM25.load(str(directory), show_progress=False))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, score) of the best k passages with a positive score, best first."""
        tokens = [t for t in tokenize(query) if t in self.vocab]
        if not tokens or self.size == 0:
            return []
        k = min(k, self.size)
        docs, scores = self.retriever.retrieve([tokens], k=k, show_progress=False, n_threads=0)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]

    def postings(self) -> dict[str, np.ndarray]:
        """For every stemmed word, the documents that contain it (the index's CSC columns)."""
        indptr = np.asarray(self.retriever.scores["indptr"])
        indices = np.asarray(self.retriever.scores["indices"])
        return {word: indices[indptr[col]:indptr[col + 1]] for word, col in self.vocab.items()
                if word and word != "\u2205"}

    def document_frequencies(self) -> dict[str, int]:
        """How many documents contain each stemmed word (the lengths of the index's CSC columns)."""
        indptr = np.asarray(self.retriever.scores["indptr"])
        return {word: int(indptr[col + 1] - indptr[col]) for word, col in self.vocab.items()
                if word and word != "\u2205"}

    def idf(self) -> dict[str, float]:
        """IDF of every stemmed word (BM25's own formula), from the document frequencies."""
        import math

        return {word: math.log(1 + self.size / (df + 0.5)) for word, df in self.document_frequencies().items()}
