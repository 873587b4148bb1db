"""The question encoder for a session of many questions: the same MiniLM network, run by ONNX Runtime.

The NumPy copy of the model (minilm.py) starts at once, and a single `tutor ask` uses it. A chat,
an evaluation or a batch of questions pays a quarter of a second once to load ONNX Runtime, which
then encodes each question in about a third of the time on one thread (fused kernels instead of a
chain of NumPy calls; benchmarks/run.py warm), with the same vectors (within 1e-6, tested).

The graph is exported once per machine from the packaged weights with torch, which the index
build has installed anyway, into the embedding cache folder (vector_cache.cache_dir), when an index
is built. Without it, or without onnxruntime, the NumPy encoder is used: nothing depends on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import warnings
from pathlib import Path

import numpy as np

GRAPH_VERSION = "1"      # bump when the exported graph changes (its inputs, outputs or pooling)


def graph_path(model_dir: Path) -> Path:
    """Where this model's exported graph lives: named by the weights' identity, so another model
    (or another version of the package) never picks up a stale graph."""
    from tutor.core.search.vector_cache import cache_dir

    weights = model_dir / "model.safetensors"
    digest = hashlib.sha256(f"{GRAPH_VERSION}\0{weights.stat().st_size}\0".encode()
                            + (model_dir / "config.json").read_bytes()).hexdigest()[:16]
    return cache_dir() / f"minilm-{digest}.onnx"


def available(model_dir: Path) -> Path | None:
    """The exported graph, when it exists, is intact and onnxruntime is installed."""
    try:
        path = graph_path(model_dir)
        return path if path.is_file() and importlib.util.find_spec("onnxruntime") is not None \
            and _intact(model_dir, path) else None
    except OSError:                  # a cache folder this user may not read: the NumPy encoder serves
        return None


def _seal_of(graph: Path) -> Path:
    return graph.with_name(graph.name + ".json")


def _intact(model_dir: Path, graph: Path) -> bool:
    """Whether the graph is the one exported: its SHA-256 as written at export (the seal beside
    it), checked again only when its size or time has changed since, so a start costs one stat.
    A graph with a few thousand bytes flipped still loads and quietly gives other vectors (an
    exploratory tester's: answers changed with no message), and one that no longer loads made ONNX
    Runtime print its fallback banner into `ask --json`'s output. A damaged graph is removed (the
    next index build exports it again) and the NumPy encoder serves. A graph from before seals
    existed is sealed once it gives the NumPy encoder's vectors."""
    import json

    stat = graph.stat()
    seal = _seal_of(graph)
    try:
        recorded = json.loads(seal.read_text(encoding="utf-8"))
        if (recorded["size"], recorded["mtime_ns"]) == (stat.st_size, stat.st_mtime_ns):
            return True
        good = recorded["sha256"] == _sha256(graph)
    except (OSError, ValueError, KeyError, TypeError):
        good = _agrees_with_numpy(model_dir, graph)
    if not good:
        graph.unlink(missing_ok=True)
        seal.unlink(missing_ok=True)
        return False
    with contextlib.suppress(OSError):      # a read-only cache still serves its graph
        _write_seal(graph)
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_seal(graph: Path) -> None:
    """Record the graph's hash, size and time beside it (written whole, then renamed)."""
    import json

    stat = graph.stat()
    seal = _seal_of(graph)
    partial = seal.with_name(f".{seal.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps({"sha256": _sha256(graph), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}),
                       encoding="utf-8")
    os.replace(partial, seal)


def export(model_dir: Path) -> Path | None:
    """Export the graph if this machine has none yet; None when it cannot be made here (no torch,
    no onnx exporter, an unwritable cache). Written to a temporary file and renamed, so a reader
    never sees half a graph."""
    partial = None
    try:
        path = graph_path(model_dir)
        if path.is_file() and _intact(model_dir, path):
            return path
        from tutor.core.search.embed import offline

        offline()
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        model = AutoModel.from_pretrained(str(model_dir)).eval()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        ids = torch.tensor([[101, 2054, 2003, 1048, 2232, 102]])
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(_mean_pooled(model), (ids,), str(partial), input_names=["input_ids"],
                              output_names=["pooled"], dynamic_axes={"input_ids": {1: "tokens"}},
                              opset_version=17, dynamo=False)
        if not _agrees_with_numpy(model_dir, partial):
            raise ValueError("the exported graph does not give the model's vectors")
        os.replace(partial, path)
        _write_seal(path)
        return path
    except Exception:  # noqa: BLE001 — the NumPy encoder serves instead; nothing is lost
        if partial is not None:
            partial.unlink(missing_ok=True)
        return None


def _agrees_with_numpy(model_dir: Path, graph: Path) -> bool:
    """Whether the graph gives the NumPy encoder's vectors (cosine 0.9999 or more) on a few
    sentences: a graph that loads but computes something else must never be used."""
    from tutor.core.search.minilm import MiniLMEncoder

    probe = ["What does gonadorelin do?", "LH and FSH signal the testes.", "a"]
    try:
        fast = OnnxEncoder(model_dir, graph).encode(probe)
    except Exception:  # noqa: BLE001 — a graph ONNX Runtime cannot load is no graph
        return False
    reference = MiniLMEncoder(model_dir).encode(probe)
    return bool(((fast * reference).sum(axis=1) >= 0.9999).all())


def _mean_pooled(model):
    """The transformer with mean pooling over one unpadded text, as the NumPy encoder computes it."""
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids):
            hidden = self.model(input_ids=input_ids, attention_mask=torch.ones_like(input_ids),
                                token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            return hidden.mean(1)

    return MeanPooled()


class OnnxEncoder:
    """Unit-length float32 vectors from the exported graph, one text at a time on one thread."""

    dimension = 384

    def __init__(self, model_dir: Path, graph: Path, max_tokens: int = 256) -> None:
        from tutor.core.search.embed import offline

        offline()                   # before ONNX Runtime starts: its telemetry is decided then
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1   # see threads.py
        options.log_severity_level = 3
        # Without enable_fallback=0 a graph it cannot load makes ONNX Runtime print a fallback
        # banner on stdout, which is `ask --json`'s output. Swapping sys.stdout to hide it was
        # wrong: the chat loads on a thread, and a prompt made meanwhile drew into the swap (CI).
        self.session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"],
                                                    enable_fallback=0)
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = [self.session.run(None, {"input_ids": np.asarray([e.ids], dtype=np.int64)})[0][0]
                for e in self.tokenizer.encode_batch(list(texts))]
        out = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, self.dimension), np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)
