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


@pytest.fixture(scope="module")
def numpy_vectors(questions) -> np.ndarray:
    """The questions through the NumPy encoder, encoded once for the module's comparisons."""
    return query_encoder("numpy").encode(questions)


@pytest.fixture(scope="module")
def reference_vectors(questions, reference) -> np.ndarray:
    return reference.encode(questions)


def test_same_vectors_as_sentence_transformers(questions, numpy_vectors, reference_vectors):
    mine, theirs = numpy_vectors, reference_vectors
    cosine = (mine * theirs).sum(axis=1)
    assert cosine.min() >= 0.9999, questions[int(cosine.argmin())]
    assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)


def test_same_rankings_as_sentence_transformers(numpy_vectors, reference_vectors, index):
    mine, theirs = numpy_vectors, reference_vectors
    _, rows_mine = index.dense.search(mine, 10)
    _, rows_theirs = index.dense.search(theirs, 10)
    assert (rows_mine == rows_theirs).all()


def test_long_input_is_truncated_like_sentence_transformers(reference):
    text = "Leydig cells and the steroidogenic acute regulatory protein " * 80
    mine = query_encoder("numpy").encode([text])[0]
    assert float(mine @ reference.encode([text])[0]) >= 0.9999


def test_the_onnx_encoder_gives_the_same_vectors_and_rankings(questions, numpy_vectors, index):
    """Building an index exports the graph once per machine; chats and evaluations then encode
    with ONNX Runtime. Same network, so the same vectors and the same top 10."""
    from tutor.core.search import onnx_encoder
    from tutor.core.search.embed import model_dir

    assert onnx_encoder.available(model_dir()) is not None
    fast = query_encoder(many=True)
    assert isinstance(fast, onnx_encoder.OnnxEncoder)
    theirs = numpy_vectors
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


def test_a_graph_that_does_not_load_prints_nothing_and_leaves_sys_stdout_alone(tmp_path, capfd, monkeypatch):
    """ONNX Runtime prints a fallback banner on stdout (`ask --json`'s output) when a graph does
    not load. It was hidden by swapping sys.stdout, but the chat loads the tutor on a thread while
    its prompt is made on the main one: once in ~100 starts on a busy machine the prompt drew into
    the swap and never appeared (a CI run). Now nothing is printed and sys.stdout is never swapped:
    the real ONNX Runtime is called, and what sys.stdout was at that moment is noted."""
    import sys

    import onnxruntime

    from tutor.core.search import onnx_encoder
    from tutor.core.search.embed import model_dir

    stdout_when_loading = []
    real = onnxruntime.InferenceSession

    def noting(*args, **kwargs):
        stdout_when_loading.append(sys.stdout)
        return real(*args, **kwargs)

    monkeypatch.setattr(onnxruntime, "InferenceSession", noting)
    broken = tmp_path / "graph.onnx"
    broken.write_bytes(b"not a graph")
    with pytest.raises(Exception):
        onnx_encoder.OnnxEncoder(model_dir(), broken)
    assert stdout_when_loading == [sys.stdout]
    assert capfd.readouterr().out == ""


def test_a_graph_changed_on_disk_is_never_used_and_prints_nothing(index, tmp_path, monkeypatch, capfd):
    """A graph with bytes flipped in its weights still loads and gives other vectors (answers
    changed with no message, an exploratory tester's); one that no longer loads made ONNX Runtime
    print a banner into `ask --json`. Its hash, written at export, is checked when the file changes."""
    import shutil

    from tutor.core.search import onnx_encoder
    from tutor.core.search.embed import model_dir
    from tutor.core.search.minilm import MiniLMEncoder

    exported = onnx_encoder.available(model_dir())          # the index build exported and sealed it
    assert exported is not None and onnx_encoder._seal_of(exported).is_file()
    monkeypatch.setenv("TUTOR_CACHE", str(tmp_path))
    graph = onnx_encoder.graph_path(model_dir())
    shutil.copyfile(exported, graph)
    shutil.copyfile(onnx_encoder._seal_of(exported), onnx_encoder._seal_of(graph))
    assert onnx_encoder.available(model_dir()) == graph      # copied whole: the same hash, sealed again
    with graph.open("r+b") as f:
        f.seek(graph.stat().st_size // 2)
        f.write(bytes(2000))
    capfd.readouterr()
    assert onnx_encoder.available(model_dir()) is None and not graph.exists()
    assert isinstance(query_encoder(many=True), MiniLMEncoder)
    assert capfd.readouterr().out == ""


def test_onnx_runtime_sends_no_telemetry_and_leaves_no_device_id(tmp_path):
    """ONNX Runtime 1.29+ uploads usage telemetry from Linux and keeps a device id in the user's
    cache folder unless told otherwise before it starts; the tutor must never reach the network.
    A fresh process, as a program using the package would start it (no `tutor` command line)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("ORT_")}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    code = ("from tutor.core.search.embed import query_encoder; from tutor.core.search import onnx_encoder; "
            "e = query_encoder('onnx'); assert isinstance(e, onnx_encoder.OnnxEncoder); print(e.encode(['what is LH']).shape)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "(1, 384)" in result.stdout, result.stderr
    assert "telemetry" not in result.stderr.lower()
    assert not [p for p in tmp_path.rglob("*") if "onnxruntime" in p.as_posix().lower()]
