"""The on-disk index under index/: vectors (FAISS), keyword index (bm25s), passages as JSON, and a
manifest that says what it was built from. Every start checks the manifest; a missing, stale or
damaged index is rebuilt with one line saying why. Nothing is pickled.
"""

from __future__ import annotations

import contextlib
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
from tutor.core.corpus.load import Corpus, corpus_hash, load_corpus
from tutor.core.search.profile import DEFAULT, SearchProfile
from tutor.core.corpus.glossary import Entry, Glossary
from tutor.core.search.bm25 import KeywordIndex
from tutor.core.corpus.parse import CHUNKER_VERSION
from tutor.core.corpus.passage import Passage

FORMAT = 2                            # 2: learner questions (questions.json, questions.npy)
MANIFEST = "manifest.json"
PASSAGES = "passages.json"
GLOSSARY = "glossary.json"
VECTORS = "passages.faiss"
GLOSSARY_VECTORS = "glossary.npy"
QUESTIONS = "questions.json"          # learner questions from corpus/questions.yaml, with their passage ids
QUESTION_VECTORS = "questions.npy"
QUESTION_KEYWORD = "question-keyword"  # BM25 over the learner questions (absent when there are none)
KEYWORD = "keyword"
VECTORS_NPY = "vectors.npy"          # the passage vectors again, memory-mapped: the embedding cache
VECTOR_KEYS = "vector-keys.json"     # content hash of the text behind each row of vectors.npy
BATCH = 1024                          # texts per encode call (sentence-transformers sorts by length within it)
SMALL_UPDATE = 200                    # at most this many new texts next to a cache: no torch import
DENSE_KINDS = ("flat", "hnsw")

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
    questions: list[tuple[str, str]]   # (passage id, question), in the order of question_vectors
    question_vectors: np.ndarray
    question_keyword: KeywordIndex | None

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.passages}
        self.row = {p.id: i for i, p in enumerate(self.passages)}
        self.question_rows = np.array([self.row[pid] for pid, _ in self.questions], dtype=np.int64)

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


def staleness(corpus_dir: Path, index_dir: Path, profile: SearchProfile = DEFAULT) -> str | None:
    """Why the index does not match the corpus and this program, or None when it does."""
    try:
        manifest = read_manifest(index_dir)
    except IndexProblem as problem:
        return str(problem)
    expected = {"format": FORMAT, "model": profile.model, "dimension": profile.dimension,
                "chunker_version": CHUNKER_VERSION}
    for field, value in expected.items():
        if manifest.get(field) != value:
            return f"it was built with a different {field.replace('_', ' ')}"
    if manifest.get("corpus_hash") != corpus_hash(corpus_dir):
        return "the corpus has changed since it was built"
    return None


def load_index(corpus_dir: Path, index_dir: Path, profile: SearchProfile = DEFAULT) -> Index:
    """Open a fresh index, or raise IndexProblem saying why it cannot be used."""
    reason = staleness(corpus_dir, index_dir, profile)
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
    questions, qvectors = _read_questions(index_dir, {p.id for p in passages}, profile.dimension)
    try:
        keyword = KeywordIndex.load(index_dir / KEYWORD)
        qkeyword = KeywordIndex.load(index_dir / QUESTION_KEYWORD) if questions else None
    except Exception:
        raise IndexProblem("the keyword index is damaged") from None
    if dense.ntotal != len(passages) or keyword.size != len(passages) or len(gvectors) != len(glossary) \
            or len(qvectors) != len(questions) or (qkeyword and qkeyword.size != len(questions)):
        raise IndexProblem("its files disagree on the number of passages")
    if manifest.get("counts", {}).get("passages") != len(passages):
        raise IndexProblem(f"{MANIFEST} disagrees with {PASSAGES}")
    return Index(index_dir, manifest, passages, glossary, synonyms, dense, gvectors, keyword,
                 questions, qvectors, qkeyword)


def _read_questions(index_dir: Path, ids: set[str], dimension: int) -> tuple[list[tuple[str, str]], np.ndarray]:
    raw = _read_json(index_dir / QUESTIONS)
    try:
        questions = [(str(d["passage"]), str(d["question"])) for d in raw]
    except (KeyError, TypeError):
        raise IndexProblem(f"{QUESTIONS} is damaged") from None
    if any(pid not in ids for pid, _ in questions):
        raise IndexProblem(f"{QUESTIONS} disagrees with {PASSAGES}")
    vectors = _read_npy(index_dir / QUESTION_VECTORS)
    if len(questions) and vectors.shape[1:] != (dimension,):
        raise IndexProblem(f"{QUESTION_VECTORS} is damaged")
    return questions, vectors.reshape(len(vectors), dimension).astype(np.float32, copy=False)


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

def _text_key(text: str, model: str) -> str:
    return hashlib.sha1(f"{model}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors of the previous build by content hash, so a rebuild re-embeds only the texts that
    changed. It is the previous index's own vectors.npy, memory-mapped, plus its keys."""

    def __init__(self, index_dir: Path, profile: SearchProfile = DEFAULT) -> None:
        self.profile = profile
        self.rows: dict[str, tuple[np.ndarray, int]] = {}
        self.embedded = self.reused = 0
        for vectors_name, keys_name in ((VECTORS_NPY, VECTOR_KEYS), (GLOSSARY_VECTORS, "glossary-keys.json"),
                                        (QUESTION_VECTORS, "question-keys.json")):
            with contextlib.suppress(Exception):
                keys = json.loads((index_dir / keys_name).read_text())
                array = np.load(index_dir / vectors_name, mmap_mode="r", allow_pickle=False)
                if len(keys) == len(array) and array.shape[1:] == (profile.dimension,):
                    self.rows.update({k: (array, i) for i, k in enumerate(keys)})

    def fill(self, target: np.ndarray, texts: list[str], encoder_factory: Callable[[SearchProfile], object],
             progress: Progress | None) -> list[str]:
        """Write the vector of each text into `target` row by row, encoding only what is not
        cached; returns the keys. Memory stays bounded: vectors go straight to `target`."""
        keys = [_text_key(t, self.profile.model) for t in texts]
        missing = []
        for i, k in enumerate(keys):
            if k in self.rows:
                array, row = self.rows[k]
                target[i] = array[row]
            else:
                missing.append(i)
        self.embedded += len(missing)
        self.reused += len(texts) - len(missing)
        done = len(texts) - len(missing)
        if progress:
            progress(done, len(texts))
        encoder = (self._small_update_encoder(self.profile) if self.rows and len(missing) <= SMALL_UPDATE else encoder_factory(self.profile)) \
            if missing else None
        for lo in range(0, len(missing), BATCH):
            batch = missing[lo:lo + BATCH]
            target[batch] = encoder.encode([texts[i] for i in batch])
            done += len(batch)
            if progress:
                progress(done, len(texts))
        return keys

    @staticmethod
    def _small_update_encoder(profile: SearchProfile):
        """A few changed passages are embedded by the NumPy copy of the model (cosine >= 0.9999 to
        sentence-transformers, tested) instead of paying several seconds to import torch."""
        from tutor.core.search.embed import query_encoder

        return query_encoder("numpy", profile)


def _build_lock(index_dir: Path):
    """One builder at a time: a second process waits, then finds the index fresh."""
    from filelock import FileLock

    index_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(index_dir / ".lock")


def _default_encoder(profile: SearchProfile = DEFAULT):
    from tutor.core.search.embed import SentenceTransformerEncoder

    return SentenceTransformerEncoder(profile)


def _previous_dense_kind(index_dir: Path) -> str:
    with contextlib.suppress(Exception):
        kind = read_manifest(index_dir).get("dense_index")
        if kind in DENSE_KINDS:
            return kind
    return "flat"


def build_index(corpus_dir: Path, index_dir: Path, encoder_factory=_default_encoder,
                progress: Progress | None = None, corpus: Corpus | None = None, dense: str | None = None,
                profile: SearchProfile = DEFAULT) -> Index:
    """Parse the corpus, embed what is not cached, and swap every index file in at once.
    `dense` is "flat" (exact search) or "hnsw" (approximate); by default the previous choice."""
    with _build_lock(index_dir):
        started = time.time()
        dense = dense or _previous_dense_kind(index_dir)
        corpus = corpus or load_corpus(corpus_dir)
        cache = EmbeddingCache(index_dir, profile)
        staging = Path(index_dir, f".build-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        vectors = np.lib.format.open_memmap(staging / VECTORS_NPY, mode="w+", dtype=np.float32,
                                            shape=(len(corpus.passages), profile.dimension))
        keys = cache.fill(vectors, [p.embed_text for p in corpus.passages], encoder_factory, progress)
        gvectors = np.zeros((len(corpus.glossary), profile.dimension), np.float32)
        gkeys = cache.fill(gvectors, [e.definition for e in corpus.glossary], encoder_factory, None)
        qvectors = np.zeros((len(corpus.questions), profile.dimension), np.float32)
        qkeys = cache.fill(qvectors, [q for _, q in corpus.questions], encoder_factory, None)
        vectors.flush()
        _write(staging, corpus, vectors, gvectors, keys, gkeys, dense, profile.dimension)
        _write_questions(staging, corpus.questions, qvectors, qkeys)
        del vectors
        manifest = _manifest(corpus_dir, corpus, started, dense, profile)
        manifest["embeddings"] = {"computed": cache.embedded, "reused_from_cache": cache.reused}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2))
        _swap_in(staging, index_dir)
    return load_index(corpus_dir, index_dir, profile)


def _dense_index(vectors: np.ndarray, kind: str, dimension: int):
    import faiss

    faiss.omp_set_num_threads(os.cpu_count() or 1)   # searching pins one thread; building may use all
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 200
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dimension)
    for lo in range(0, len(vectors), 20_000):
        index.add(np.ascontiguousarray(vectors[lo:lo + 20_000]))
    return index


def _write(staging: Path, corpus: Corpus, vectors: np.ndarray, gvectors: np.ndarray, keys: list[str],
           gkeys: list[str], dense: str, dimension: int) -> None:
    import faiss

    faiss.write_index(_dense_index(vectors, dense, dimension), str(staging / VECTORS))
    np.save(staging / GLOSSARY_VECTORS, gvectors)
    (staging / VECTOR_KEYS).write_text(json.dumps(keys))
    (staging / "glossary-keys.json").write_text(json.dumps(gkeys))
    KeywordIndex.build([p.embed_text for p in corpus.passages]).save(staging / KEYWORD)
    with open(staging / PASSAGES, "w", encoding="utf-8") as handle:
        handle.write("[")
        for i, p in enumerate(corpus.passages):
            handle.write(("," if i else "") + json.dumps(p.to_dict(), ensure_ascii=False))
        handle.write("]")
    glossary = {"entries": [e.to_dict() for e in corpus.glossary], "synonyms": corpus.synonyms}
    (staging / GLOSSARY).write_text(json.dumps(glossary, ensure_ascii=False))


def _write_questions(staging: Path, questions: list[tuple[str, str]], vectors: np.ndarray, keys: list[str]) -> None:
    rows = [{"passage": pid, "question": q} for pid, q in questions]
    (staging / QUESTIONS).write_text(json.dumps(rows, ensure_ascii=False))
    np.save(staging / QUESTION_VECTORS, vectors)
    if questions:
        KeywordIndex.build([q for _, q in questions]).save(staging / QUESTION_KEYWORD)
    (staging / "question-keys.json").write_text(json.dumps(keys))


def _manifest(corpus_dir: Path, corpus: Corpus, started: float, dense: str, profile: SearchProfile) -> dict:
    return {
        "format": FORMAT, "tutor_version": __version__, "model": profile.model, "dimension": profile.dimension,
        "profile": profile.manifest(),
        "normalized": True, "metric": "inner_product", "dense_index": dense,
        "chunker_version": CHUNKER_VERSION, "corpus_hash": corpus_hash(corpus_dir),
        "counts": {"passages": len(corpus.passages), "glossary": len(corpus.glossary),
                   "questions": len(corpus.questions), "files": len({p.source for p in corpus.passages})},
        "unknown_question_passages": corpus.unknown_question_ids,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "build_seconds": round(time.time() - started, 2),
    }


def _swap_in(staging: Path, index_dir: Path) -> None:
    """Replace the index files with the staged ones; the manifest goes last, so a reader never
    sees a new manifest over old files."""
    with contextlib.suppress(FileNotFoundError):
        (index_dir / MANIFEST).unlink()
    for old in ("embed-cache.json", "embed-cache.npy"):
        with contextlib.suppress(FileNotFoundError):
            (index_dir / old).unlink()
    for item in sorted(staging.iterdir(), key=lambda p: p.name == MANIFEST):
        target = index_dir / item.name
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(item, target)
    staging.rmdir()
