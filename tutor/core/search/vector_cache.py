"""Embeddings computed once per machine: a content-addressed store (SQLite) of text → vector,
shared by every index build, so rebuilding an index elsewhere, for another corpus or in a test
costs only the texts never embedded before.

It is only a cache: a missing, unreadable or full store is skipped and the texts are embedded
again. It lives in the user cache directory ($TUTOR_CACHE, else the platform's, e.g.
~/.cache/tutor), readable by its owner only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

import numpy as np

FILE = "vectors.db"
_CHUNK = 500


def text_key(text: str, model: str) -> str:
    """The key of a text's vector by a model: the same for an index build and for the redaction's dose reading,
    so a sentence either embedded is found by the other."""
    return hashlib.sha1(f"{model}\0{text}".encode()).hexdigest()


def cache_dir() -> Path:
    if os.environ.get("TUTOR_CACHE"):
        return Path(os.environ["TUTOR_CACHE"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tutor", appauthor=False))


class VectorCache:
    """get(keys) → {key: vector}; put(keys, vectors). Every failure degrades to a cache miss."""

    def __init__(self, dimension: int, directory: Path | None = None, timeout: float = 5) -> None:
        self.dimension = dimension
        self.db = None
        with contextlib.suppress(OSError, sqlite3.Error):
            directory = directory or cache_dir()
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = directory / FILE
            fresh = not path.exists()
            self.db = sqlite3.connect(path, timeout=timeout)
            if fresh:
                os.chmod(path, 0o600)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def get(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        if self.db is None:
            return found
        size = self.dimension * 4
        with contextlib.suppress(sqlite3.Error):
            for lo in range(0, len(keys), _CHUNK):
                chunk = keys[lo:lo + _CHUNK]
                rows = self.db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})",
                                       chunk)
                found.update({k: np.frombuffer(v, np.float32) for k, v in rows if isinstance(v, bytes) and len(v) == size})
        return found

    def put(self, keys: list[str], vectors: np.ndarray) -> None:
        if self.db is None or not keys:
            return
        with contextlib.suppress(sqlite3.Error):
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                                    [(k, np.asarray(v, np.float32).tobytes()) for k, v in zip(keys, vectors)])

    def close(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
