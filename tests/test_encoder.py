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


def test_the_onnx_encoder_gives_the_same_vectors_and_rankings(questions, index):
    """Building an index exports the graph once per machine; chats and evaluations then encode
    with ONNX Runtime. Same network, so the same vectors and the same top 10."""
    from tutor.core.search import onnx_encoder
    from tutor.core.search.embed import model_dir

    assert onnx_encoder.available(model_dir()) is not None
    fast = query_encoder(many=True)
    assert isinstance(fast, onnx_encoder.OnnxEncoder)
    theirs = query_encoder("numpy").encode(questions)
    mine = fast.encode(questions)
    assert ((mine * theirs).sum(axis=1)).min() >= 0.99999
    _, rows_mine = index.dense.search(mine, 10)
    _, rows_theirs = index.dense.search(theirs, 10)
    assert (rows_mine == rows_theirs).all()
    text = "Leydig cells and the steroidogenic acute regulatory protein " * 80    # truncated alike
    assert float(fast.encode([text])[0] @ query_encoder("numpy").encode([text])[0]) >= 0.99999


def test_a_single_question_uses_the_encoder_that_starts_at_once():
    from tutor.core.search.minilm import MiniLMEncoder

    assert isinstance(query_encoder(), MiniLMEncoder)


def test_a_damaged_graph_falls_back_to_the_numpy_encoder(tmp_path, monkeypatch):
    """The fast encoder is an optimisation: a graph that cannot be loaded costs speed, not answers."""
    from tutor.core.search import onnx_encoder
    from tutor.core.search.embed import model_dir
    from tutor.core.search.minilm import MiniLMEncoder

    monkeypatch.setenv("TUTOR_CACHE", str(tmp_path))
    graph = onnx_encoder.graph_path(model_dir())
    graph.parent.mkdir(parents=True, exist_ok=True)
    graph.write_bytes(b"not a graph")
    assert isinstance(query_encoder(many=True), MiniLMEncoder)
