"""all-MiniLM-L6-v2 run in NumPy: the same weights, tokenizer, mean pooling and normalisation as
sentence-transformers, without importing torch.

Why: importing sentence-transformers costs several seconds on these machines, while one question
needs a few milliseconds of arithmetic. The index is still built with sentence-transformers;
tests check that both give the same vectors (cosine >= 0.9999) and the same rankings.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from tutor.core.search.threads import single_threaded

_LN_EPS = 1e-12
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_weights(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file as read-only arrays over a memory map: nothing is
    copied, and of the 47 MB word-embedding table only the rows a question uses are ever read.
    (The format: 8 bytes of header length, a JSON header of names, dtypes, shapes and offsets,
    then the raw little-endian data.)"""
    import mmap

    with open(path, "rb") as handle:
        buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    length = int.from_bytes(buffer[:8], "little")
    header = json.loads(buffer[8:8 + length])
    header.pop("__metadata__", None)
    tensors = {}
    for name, spec in header.items():
        dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
        start, end = spec["data_offsets"]
        array = np.frombuffer(buffer, dtype=dtype, count=(end - start) // dtype.itemsize, offset=8 + length + start)
        tensors[name] = array.reshape(spec["shape"])
    return tensors


def _erf(x: np.ndarray) -> np.ndarray:
    """erf with absolute error below 1.2e-7 (Numerical Recipes erfc), enough for float32 GELU."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    erfc = t * np.exp(poly)
    return np.where(x >= 0, 1.0 - erfc, erfc - 1.0).astype(x.dtype)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))


def _linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """x @ weight.T + bias, computed as (weight @ x.T).T: with the weight as stored (out, in) and
    a handful of tokens, BLAS does this 30-45% faster than x @ weight.T or a transposed copy
    (benchmarks/run.py warm)."""
    return (weight @ x.T).T + bias


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _LN_EPS) * weight + bias


class MiniLMEncoder:
    """Encodes text to unit-length 384-dimensional vectors with the packaged MiniLM weights."""

    dimension = 384

    def __init__(self, model_dir: Path, max_tokens: int = 256) -> None:
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        self.heads = config["num_attention_heads"]
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()
        w = read_weights(model_dir / "model.safetensors")
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(w, f"encoder.layer.{i}.") for i in range(config["num_hidden_layers"])]

    @staticmethod
    def _layer(w: dict, p: str) -> dict:
        """One transformer layer's weights as stored, (out, in): the forward pass multiplies
        W @ x.T (see `_linear`), so no weight is transposed or copied (except the fused q, k, v)."""
        qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")])
        qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
        return {
            "qkv": qkv, "qkv_b": qkv_b,
            "out": w[p + "attention.output.dense.weight"],
            "out_b": w[p + "attention.output.dense.bias"],
            "ln1": (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
            "up": w[p + "intermediate.dense.weight"],
            "up_b": w[p + "intermediate.dense.bias"],
            "down": w[p + "output.dense.weight"],
            "down_b": w[p + "output.dense.bias"],
            "ln2": (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
        }

    def _forward(self, ids: np.ndarray) -> np.ndarray:
        """Token ids of one text -> its mean-pooled hidden states (one text at a time: no padding)."""
        n = len(ids)
        x = self.word[ids] + self.position[:n] + self.token_type
        x = _layer_norm(x, *self.emb_ln)
        d = x.shape[1] // self.heads
        scale = np.float32(1.0 / np.sqrt(d))
        for L in self.layers:
            q, k, v = np.split(_linear(x, L["qkv"], L["qkv_b"]), 3, axis=1)
            q = q.reshape(n, self.heads, d).transpose(1, 0, 2)
            k = k.reshape(n, self.heads, d).transpose(1, 2, 0)
            v = v.reshape(n, self.heads, d).transpose(1, 0, 2)
            scores = (q @ k) * scale
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(1, 0, 2).reshape(n, -1)
            x = _layer_norm(_linear(ctx, L["out"], L["out_b"]) + x, *L["ln1"])
            h = _gelu(_linear(x, L["up"], L["up_b"]))
            x = _layer_norm(_linear(h, L["down"], L["down_b"]) + x, *L["ln2"])
        return x.mean(0)

    @single_threaded
    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text. One text at a time is a chain of small
        products, fastest on one thread (and never fighting FAISS's or another program's)."""
        rows = [self._forward(np.asarray(e.ids, dtype=np.int64)) for e in self.tokenizer.encode_batch(texts)]
        out = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, self.dimension), np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)
