"""The NumPy query encoder is the same model as sentence-transformers: same vectors, same rankings."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import ROOT, load_data, load_suite
from tutor.core.search.embed import SentenceTransformerEncoder, query_encoder


@pytest.fixture(scope="module")
def questions() -> list[str]:
    suite = load_suite(ROOT / "eval" / "dev.yaml")
    qs = [t["question"] for c in suite for t in (c.get("turns") or [c])]
    phrasings = load_data("safety_phrasings.yaml")
    qs += phrasings["educational"] + [e["q"] for e in phrasings["refuse"]]
    qs = list(dict.fromkeys(qs))[:200]
    assert len(qs) == 200
    return qs


@pytest.fixture(scope="module")
def reference():
    return SentenceTransformerEncoder()


def test_same_vectors_as_sentence_transformers(questions, reference):
    mine = query_encoder("numpy").encode(questions)
    theirs = reference.encode(questions)
    cosine = (mine * theirs).sum(axis=1)
    assert cosine.min() >= 0.9999, questions[int(cosine.argmin())]
    assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)


def test_same_rankings_as_sentence_transformers(questions, reference, index):
    mine = query_encoder("numpy").encode(questions)
    theirs = reference.encode(questions)
    _, rows_mine = index.dense.search(mine, 10)
    _, rows_theirs = index.dense.search(theirs, 10)
    assert (rows_mine == rows_theirs).all()


def test_long_input_is_truncated_like_sentence_transformers(reference):
    text = "Leydig cells and the steroidogenic acute regulatory protein " * 80
    mine = query_encoder("numpy").encode([text])[0]
    assert float(mine @ reference.encode([text])[0]) >= 0.9999
