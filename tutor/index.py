"""The on-disk index under index/: vectors (FAISS), keyword index (bm25s), passages as JSON, and a
manifest that says what it was built from. Every start checks the manifest; a missing, stale or
damaged index is rebuilt with one line saying why. Nothing is pickled.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from tutor import __version__
from tutor.corpus import Corpus, corpus_hash, load_corpus
from tutor.encoder import DIMENSION, MODEL_NAME
from tutor.glossary import Entry, Glossary
from tutor.keyword import KeywordIndex
from tutor.parser import CHUNKER_VERSION
from tutor.passage import Passage

FORMAT = 1
MANIFEST = "manifest.json"
PASSAGES = "passages.json"
GLOSSARY = "glossary.json"
VECTORS = "passages.faiss"
GLOSSARY_VECTORS = "glossary.npy"
KEYWORD = "keyword"
CACHE_KEYS = "embed-cache.json"
CACHE_VECTORS = "embed-cache.npy"
BATCH = 256

Progress = Callable[[int, int], None]


class IndexProblem(Exception):
    """Why the index on disk cannot be used as it is; the message is shown to the user."""


@dataclass
class Index:
    directory: Path
    manifest: dict
    passages: list[Passage]
    glossary: Glossary
    synonyms: list[list[str]]
    dense: object  # a faiss.Index
    glossary_vectors: np.ndarray
    keyword: KeywordIndex

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.passages}
        self.row = {p.id: i for i, p in enumerate(self.passages)}

    def neighbours(self, passage_id: str) -> tuple[str | None, str | None]:
        """Ids of the passages just before and after this one in the same file."""
        i = self.row[passage_id]
        same = lambda j: 0 <= j < len(self.passages) and self.passages[j].source == self.passages[i].source
        return (self.passages[i - 1].id if same(i - 1) else None,
                self.passages[i + 1].id if same(i + 1) else None)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexProblem(f"{path.name} is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise IndexProblem(f"{path.name} is damaged") from None


def read_manifest(index_dir: Path) -> dict:
    if not (index_dir / MANIFEST).exists():
        raise IndexProblem("there is no index yet")
    manifest = _read_json(index_dir / MANIFEST)
    if not isinstance(manifest, dict):
        raise IndexProblem(f"{MANIFEST} is damaged")
    return manifest


def staleness(corpus_dir: Path, index_dir: Path) -> str | None:
    """Why the index does not match the corpus and this program, or None when it does."""
    try:
        manifest = read_manifest(index_dir)
    except IndexProblem as problem:
        return str(problem)
    expected = {"format": FORMAT, "model": MODEL_NAME, "dimension": DIMENSION, "chunker_version": CHUNKER_VERSION}
    for field, value in expected.items():
        if manifest.get(field) != value:
            return f"it was built with a different {field.replace('_', ' ')}"
    if manifest.get("corpus_hash") != corpus_hash(corpus_dir):
        return "the corpus has changed since it was built"
    return None


def load_index(corpus_dir: Path, index_dir: Path) -> Index:
    """Open a fresh index, or raise IndexProblem saying why it cannot be used."""
    reason = staleness(corpus_dir, index_dir)
    if reason:
        raise IndexProblem(reason)
    manifest = read_manifest(index_dir)
    passages_raw = _read_json(index_dir / PASSAGES)
    glossary_raw = _read_json(index_dir / GLOSSARY)
    try:
        passages = [Passage.from_dict(d) for d in passages_raw]
        glossary = Glossary([Entry.from_dict(d) for d in glossary_raw["entries"]])
        synonyms = glossary_raw.get("synonyms", [])
    except (KeyError, TypeError, ValueError):
        raise IndexProblem(f"{PASSAGES} or {GLOSSARY} is damaged") from None
    dense = _read_faiss(index_dir / VECTORS)
    gvectors = _read_npy(index_dir / GLOSSARY_VECTORS)
    try:
        keyword = KeywordIndex.load(index_dir / KEYWORD)
    except Exception:
        raise IndexProblem("the keyword index is damaged") from None
    if dense.ntotal != len(passages) or keyword.size != len(passages) or len(gvectors) != len(glossary):
        raise IndexProblem("its files disagree on the number of passages")
    if manifest.get("counts", {}).get("passages") != len(passages):
        raise IndexProblem(f"{MANIFEST} disagrees with {PASSAGES}")
    return Index(index_dir, manifest, passages, glossary, synonyms, dense, gvectors, keyword)


def _read_faiss(path: Path):
    import faiss

    if not path.exists():
        raise IndexProblem(f"{path.name} is missing")
    try:
        return faiss.read_index(str(path))
    except RuntimeError:
        raise IndexProblem(f"{path.name} is damaged") from None


def _read_npy(path: Path) -> np.ndarray:
    try:
        return np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise IndexProblem(f"{path.name} is missing") from None
    except (OSError, ValueError, EOFError):
        raise IndexProblem(f"{path.name} is damaged") from None


# -- building ---------------------------------------------------------------------------------

def _text_key(text: str) -> str:
    return hashlib.sha1(f"{MODEL_NAME}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors by content hash, so a rebuild re-embeds only passages whose text changed."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.vectors: dict[str, np.ndarray] = {}
        self.used: set[str] = set()
        self.embedded = self.reused = 0
        with contextlib.suppress(Exception):
            keys = json.loads((index_dir / CACHE_KEYS).read_text())
            array = np.load(index_dir / CACHE_VECTORS, allow_pickle=False)
            if len(keys) == len(array) and array.shape[1:] == (DIMENSION,):
                self.vectors = dict(zip(keys, array))

    def embed(self, texts: list[str], encoder_factory, progress: Progress | None) -> np.ndarray:
        """Vectors for `texts`, encoding only those not cached; reports progress over all texts."""
        keys = [_text_key(t) for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self.vectors]
        self.embedded += len(missing)
        self.reused += len(texts) - len(missing)
        done = len(texts) - len(missing)
        if progress:
            progress(done, len(texts))
        encoder = encoder_factory() if missing else None
        for lo in range(0, len(missing), BATCH):
            batch = missing[lo:lo + BATCH]
            for i, vector in zip(batch, encoder.encode([texts[i] for i in batch])):
                self.vectors[keys[i]] = vector
            done += len(batch)
            if progress:
                progress(done, len(texts))
        self.used.update(keys)
        return np.vstack([self.vectors[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, DIMENSION), np.float32)

    def save(self, directory: Path) -> None:
        keys = sorted(self.used)
        np.save(directory / CACHE_VECTORS, np.vstack([self.vectors[k] for k in keys]) if keys else np.zeros((0, DIMENSION), np.float32))
        (directory / CACHE_KEYS).write_text(json.dumps(keys))


@contextlib.contextmanager
def _build_lock(index_dir: Path):
    """One builder at a time: a second process waits, then finds the index fresh."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _default_encoder():
    from tutor.encoder import SentenceTransformerEncoder

    return SentenceTransformerEncoder()


def build_index(corpus_dir: Path, index_dir: Path, encoder_factory=_default_encoder,
                progress: Progress | None = None, corpus: Corpus | None = None) -> Index:
    """Parse the corpus, embed what is not cached, and write every index file atomically."""
    with _build_lock(index_dir):
        started = time.time()
        corpus = corpus or load_corpus(corpus_dir)
        cache = EmbeddingCache(index_dir)
        vectors = cache.embed([p.embed_text for p in corpus.passages], encoder_factory, progress)
        gvectors = cache.embed([e.definition for e in corpus.glossary], encoder_factory, None)
        staging = Path(index_dir, f".build-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        _write(staging, corpus, vectors, gvectors, cache)
        manifest = _manifest(corpus_dir, corpus, started)
        manifest["embeddings"] = {"computed": cache.embedded, "reused_from_cache": cache.reused}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2))
        _swap_in(staging, index_dir)
    return load_index(corpus_dir, index_dir)


def _write(staging: Path, corpus: Corpus, vectors: np.ndarray, gvectors: np.ndarray, cache: EmbeddingCache) -> None:
    import faiss

    dense = faiss.IndexFlatIP(DIMENSION)
    if len(vectors):
        dense.add(vectors)
    faiss.write_index(dense, str(staging / VECTORS))
    np.save(staging / GLOSSARY_VECTORS, gvectors)
    KeywordIndex.build([p.embed_text for p in corpus.passages]).save(staging / KEYWORD)
    (staging / PASSAGES).write_text(json.dumps([p.to_dict() for p in corpus.passages], ensure_ascii=False))
    glossary = {"entries": [e.to_dict() for e in corpus.glossary], "synonyms": corpus.synonyms}
    (staging / GLOSSARY).write_text(json.dumps(glossary, ensure_ascii=False))
    cache.save(staging)


def _manifest(corpus_dir: Path, corpus: Corpus, started: float) -> dict:
    return {
        "format": FORMAT, "tutor_version": __version__, "model": MODEL_NAME, "dimension": DIMENSION,
        "normalized": True, "metric": "inner_product", "dense_index": "flat",
        "chunker_version": CHUNKER_VERSION, "corpus_hash": corpus_hash(corpus_dir),
        "counts": {"passages": len(corpus.passages), "glossary": len(corpus.glossary),
                   "files": len({p.source for p in corpus.passages})},
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "build_seconds": round(time.time() - started, 2),
    }


def _swap_in(staging: Path, index_dir: Path) -> None:
    """Replace the index files with the staged ones; the manifest goes last, so a reader never
    sees a new manifest over old files."""
    with contextlib.suppress(FileNotFoundError):
        (index_dir / MANIFEST).unlink()
    for item in sorted(staging.iterdir(), key=lambda p: p.name == MANIFEST):
        target = index_dir / item.name
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(item, target)
    staging.rmdir()
