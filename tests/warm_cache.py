"""The test texts' embeddings and guard fits, kept with the tests so that the first run on a
machine does not compute them again (about 850 embeddings and a dozen fits of a few seconds each:
a third of a minute of a cold `make test` on 2 cores, which had reached 3 min 05 s).

The bundled text's own vectors and fit ship with the code (tutor/core/search/shipped_vectors.py);
these are the rest: the small corpora the tests write (a teacher's iron sheet, the gout sheet …).
At the start of a run they are copied into the shared test cache (conftest.py) under the same
content keys the tutor uses, so a test text that changed is simply embedded and fitted again;
nothing is taken on trust (tests/test_shipped_vectors.py recomputes a sample with the model).

Written again after the test texts change, from a run on an empty cache:

    TUTOR_TEST_CACHE=/tmp/cold .venv/bin/python -m pytest -q -n auto
    .venv/bin/python tests/warm_cache.py /tmp/cold
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent / "data" / "warm-cache"
VECTORS, KEYS = HERE / "vectors.npy", HERE / "keys.json"
FIT_GLOB = "intent-fit-*.npy"


def digest() -> str:
    """Fingerprint of the kept files: a cache seeded from them once is not seeded again."""
    sha = hashlib.sha256()
    for path in sorted(HERE.glob("*")):
        sha.update(path.name.encode() + path.read_bytes())
    return sha.hexdigest()[:16]


def seed(cache: Path, dimension: int) -> int:
    """Copy the kept vectors and fits into `cache` where they are missing; returns how many
    vectors were added. Cheap when done before (a marker file names the kept files' digest)."""
    from tutor.core.search.vector_cache import VectorCache

    if not VECTORS.exists() or not KEYS.exists():
        return 0
    marker = cache / f"seeded-{digest()}"
    if marker.exists():
        return 0
    cache.mkdir(parents=True, exist_ok=True)
    keys = json.loads(KEYS.read_text(encoding="utf-8"))["keys"]
    vectors = np.load(VECTORS, allow_pickle=False)
    store = VectorCache(dimension, cache)
    try:
        present = store.get(keys)
        missing = [i for i, k in enumerate(keys) if k not in present]
        store.put([keys[i] for i in missing], vectors[missing])
    finally:
        store.close()
    for fit in HERE.glob(FIT_GLOB):
        if not (cache / fit.name).exists():
            shutil.copyfile(fit, cache / fit.name)
    marker.touch()
    return len(missing)


def write(cold_cache: Path) -> None:
    """Keep what a run on an empty cache embedded and fitted, less what ships with the code."""
    from tutor.core.safety import intents
    from tutor.core.search import shipped_vectors

    shipped = shipped_vectors.table()
    db = sqlite3.connect(cold_cache / "vectors.db")
    rows = [(k, np.frombuffer(v, np.float32)) for k, v in db.execute("SELECT key, vector FROM vectors ORDER BY key")
            if k not in shipped]
    db.close()
    HERE.mkdir(parents=True, exist_ok=True)
    for old in HERE.glob("*"):
        old.unlink()
    np.save(VECTORS, np.asarray([v for _, v in rows], np.float32))
    KEYS.write_text(json.dumps({"keys": [k for k, _ in rows]}), encoding="utf-8")
    bundled = json.loads(intents.SHIPPED_FIT.with_suffix(".json").read_text(encoding="utf-8"))["digest"]
    for fit in sorted(cold_cache.glob(FIT_GLOB)):
        if fit.name != f"intent-fit-{bundled}.npy":
            shutil.copyfile(fit, HERE / fit.name)
    print(f"kept {len(rows)} vectors and {len(list(HERE.glob(FIT_GLOB)))} fits in {HERE}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "vectors.db").exists():
        sys.exit("usage: python tests/warm_cache.py CACHE_DIR   (the TUTOR_TEST_CACHE of a run on an empty cache)")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    write(Path(sys.argv[1]))
