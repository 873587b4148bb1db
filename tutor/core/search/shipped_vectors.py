"""The bundled text's embeddings, shipped with the code so that a fresh clone builds its index
without embedding its 3,000 texts first (about 20 s of two cores, a third of a cold `make test`
and most of the wait before `make chat` first answers).

They are looked up by the same content key as the machine-wide cache (model and text), after it,
so a text that was edited since they were written is simply embedded again; nothing depends on
them. A missing or damaged file is no error: every text is embedded as before. Float32, as the
model gives them, so an index built from them is the index built from the model.

    .venv/bin/python -m tutor.core.search.shipped_vectors     # after the bundled text changes
"""

from __future__ import annotations

import contextlib
import functools
import json
import tempfile
from pathlib import Path

import numpy as np

VECTORS = Path(__file__).with_name("bundled-vectors.npy")
KEYS = VECTORS.with_suffix(".json")


@functools.lru_cache(maxsize=1)
def table() -> dict[str, np.ndarray]:
    """key → vector of every shipped embedding, read once per process."""
    return read(VECTORS, KEYS)


def read(vectors: Path, keys: Path) -> dict[str, np.ndarray]:
    """key → vector of the pair of files; empty when they are missing, damaged or disagree."""
    with contextlib.suppress(OSError, ValueError, TypeError, EOFError):
        names = json.loads(keys.read_text(encoding="utf-8"))["keys"]
        array = np.load(vectors, mmap_mode="r", allow_pickle=False)
        if array.dtype == np.float32 and array.ndim == 2 and len(array) == len(names):
            return {str(k): array[i] for i, k in enumerate(names)}
    return {}


def lookup(keys: list[str], dimension: int) -> dict[str, np.ndarray]:
    """The shipped vectors of these keys (of this dimension; others are not ours)."""
    shipped = table()
    return {k: shipped[k] for k in keys if k in shipped and shipped[k].shape == (dimension,)}


def collect(data: Path) -> tuple[list[str], np.ndarray]:
    """Every (key, vector) a built index's data folder holds, each key once."""
    from tutor.core.search.store import CACHE_FILES

    rows: dict[str, np.ndarray] = {}
    for vectors_name, keys_name in CACHE_FILES:
        names = json.loads((data / keys_name).read_text(encoding="utf-8"))
        array = np.load(data / vectors_name, allow_pickle=False)
        rows.update({k: array[i] for i, k in enumerate(names) if k not in rows})
    keys = sorted(rows)
    return keys, np.asarray([rows[k] for k in keys], dtype=np.float32).reshape(len(keys), -1)


def write(corpus_dir: Path) -> int:
    """Build the corpus's index in a scratch folder and ship every vector it used, and the guard's
    fit on its learner questions (intents.SHIPPED_FIT: another 3 s of a first build)."""
    from tutor.core.safety.intents import ship_fit
    from tutor.core.search.store import build_index, read_manifest

    with tempfile.TemporaryDirectory() as scratch:
        build_index(corpus_dir, Path(scratch))
        data = Path(scratch) / read_manifest(Path(scratch))["data"]
        keys, vectors = collect(data)
        ship_fit(data)
    np.save(VECTORS, vectors)
    KEYS.write_text(json.dumps({"keys": keys}) + "\n", encoding="utf-8")
    table.cache_clear()
    return len(keys)


if __name__ == "__main__":
    from tutor.core.paths import PROJECT_ROOT

    print(f"Shipped {write(PROJECT_ROOT / 'corpus')} vectors in {VECTORS}.")
