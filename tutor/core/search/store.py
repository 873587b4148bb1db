"""The on-disk index: vectors (FAISS), keyword index (bm25s), passages as JSON, and a manifest
that says what it was built from, which build folder is current, and the size and SHA-256 of every
file. Every start checks the manifest, the sizes and the checksums of the files it loads; a
missing, stale or damaged index is rebuilt with one line saying why. Nothing is pickled. Where
the files live and how a build replaces the previous one atomically: see folder.py.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from tutor import __version__
from tutor.core.corpus.generated import as_told_by_a_learner
from tutor.core.corpus.load import Corpus, corpus_files, corpus_hash, load_corpus
from tutor.core.errors import TutorError
from tutor.core.search import folder, shipped_vectors
from tutor.core.search.folder import MANIFEST, IndexProblem
from tutor.core.search.profile import DEFAULT, SearchProfile
from tutor.core.corpus.glossary import Entry, Glossary, words_of
from tutor.core.search.bm25 import WORD, KeywordIndex, tokenize
from tutor.core.corpus.ids import matching, unique_endings
from tutor.core.corpus.parse import CHUNKER_VERSION
from tutor.core.corpus.passage import Passage, sections
from tutor.core.safety import intents
from tutor.core.safety.redact import redact
from tutor.core.safety.intents import IntentModel
from tutor.core.search.units import Units, unit_texts
from tutor.core.search.vector_cache import VectorCache, text_key
from tutor.core.vocab import PassageKind

FORMAT = 5                            # 4: unit (sentence) vectors and the safety guard's intent model; 5: the text's words
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
GLOSSARY_KEYS = "glossary-keys.json"
QUESTION_KEYS = "question-keys.json"
GENERATED = "generated.json"          # questions made from the text (for the guard; never searched or shown)
WORDS = "words.json"                  # the text's own words, for a question's words the text never uses
WORD_VECTORS = "words.npy"
WORD_KEYS = "word-keys.json"
MAX_WORDS = 20_000                    # a very large text keeps its commonest words (bounded memory)
UNIT_VECTORS = "units.npy"            # one vector per quotable unit (sentence, table row), in reading order
UNIT_KEYS = "unit-keys.json"
CACHE_FILES = ((VECTORS_NPY, VECTOR_KEYS), (GLOSSARY_VECTORS, GLOSSARY_KEYS), (QUESTION_VECTORS, QUESTION_KEYS),
               (UNIT_VECTORS, UNIT_KEYS), (WORD_VECTORS, WORD_KEYS))
REQUIRED = (PASSAGES, GLOSSARY, VECTORS, GLOSSARY_VECTORS, QUESTIONS, QUESTION_VECTORS, VECTORS_NPY, VECTOR_KEYS,
            GLOSSARY_KEYS, QUESTION_KEYS, UNIT_VECTORS, UNIT_KEYS, intents.WEIGHTS_FILE, intents.EXAMPLES_FILE,
            intents.LABELS_FILE, WORDS, WORD_VECTORS, WORD_KEYS)
NOT_LOADED = {VECTORS_NPY, VECTOR_KEYS, GLOSSARY_KEYS, QUESTION_KEYS, UNIT_KEYS, WORD_KEYS}   # the cache: checked by --check and builds
LAZY = {WORDS, WORD_VECTORS}          # read (and checksummed) when a question first needs them
BATCH = 1024                          # texts per encode call (sentence-transformers sorts by length within it)
SMALL_UPDATE = 200                    # at most this many new texts next to a cache: no torch import
DENSE_KINDS = ("flat", "hnsw")
FIELD_TYPES = {"format": int, "model": str, "dimension": int, "chunker_version": str, "corpus_hash": str,
               "counts": dict, "dense_index": str, "data": str, "files": dict, "intents": str}
COUNTS = ("passages", "glossary", "questions", "files")

NO_INDEX = "there is no index yet"     # tutor.open_index words the first build differently

Progress = Callable[[int, int, str], None]     # (done, total, what is being done)

__all__ = ["FORMAT", "Index", "IndexProblem", "build_index", "data_folder", "load_index", "read_manifest", "staleness"]


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
    units: Units | None = None               # quotable units with their vectors
    intents: IntentModel | None = None       # the safety guard's classifier, fitted for this corpus

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.passages}
        self.row = {p.id: i for i, p in enumerate(self.passages)}
        self.question_rows = np.array([self.row[pid] for pid, _ in self.questions], dtype=np.int64)

    def find(self, ref: str):
        """The passage a typed id or unique id ending names (corpus.ids), or None."""
        found = matching(ref, list(self.by_id))
        return self.by_id[found[0]] if len(found) == 1 else None

    def short_id(self, passage_id: str) -> str:
        """A passage id's shortest unique ending, which /source takes as well as the id."""
        if not hasattr(self, "_endings"):
            self._endings = unique_endings([p.id for p in self.passages])
        return self._endings.get(passage_id, passage_id)

    @property
    def sources(self) -> set[str]:
        """The files the passages come from."""
        if not hasattr(self, "_sources"):
            self._sources = {p.source for p in self.passages}
        return self._sources

    def subjects(self) -> list[str]:
        """What the corpus is about (corpus.outline.subjects), worked out once."""
        if not hasattr(self, "_subjects"):
            from tutor.core.corpus.outline import subjects

            self._subjects = subjects(self.passages)
        return self._subjects

    def text_words(self) -> tuple[list[str], np.ndarray] | None:
        """The text's own words and their vectors, read and checked when first needed (most
        questions use none the text lacks); None when they cannot be read, and searching goes on
        without them."""
        if not hasattr(self, "_words"):
            self._words = None
            data = self.directory / self.manifest["data"]
            with contextlib.suppress(IndexProblem, TutorError, OSError, ValueError, TypeError, KeyError):
                try:
                    folder.verify(data, {n: self.manifest["files"][n] for n in LAZY}, checksum=True)
                except IndexProblem:
                    _remove_damaged(data, LAZY)     # the next start finds them missing and rebuilds
                    raise
                words = [str(w) for w in json.loads((data / WORDS).read_text(encoding="utf-8"))]
                vectors = np.load(data / WORD_VECTORS, allow_pickle=False).astype(np.float32, copy=False)
                if vectors.shape == (len(words), self.dense.d):
                    self._words = (words, vectors)
        return self._words

    def surroundings(self, passage: Passage) -> str:
        """A passage's section with its headings (passage.sections), read once: by the units, where the index has
        them, so that answers' quotes and citations share one reading (a 1 MB handout's took 0.34 s)."""
        if self.units is not None:
            return self.units.surroundings(passage)
        if not hasattr(self, "_surroundings"):
            self._surroundings = sections(self.passages)
        return self._surroundings.get(passage.place, passage.text)

    def shown(self, passage: Passage, text: str | None = None) -> str:
        """A passage's text (or `text`, a part of it) as it may be shown: redacted within its section."""
        return redact(passage.text if text is None else text, self.surroundings(passage))

    def neighbours(self, passage_id: str) -> tuple[str | None, str | None]:
        """Ids of the passages just before and after this one in the same file."""
        i = self.row[passage_id]
        same = lambda j: 0 <= j < len(self.passages) and self.passages[j].source == self.passages[i].source
        return (self.passages[i - 1].id if same(i - 1) else None,
                self.passages[i + 1].id if same(i + 1) else None)


def _read_json(path: Path, name: str | None = None):
    name = name or path.name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexProblem(f"{name} is missing") from None
    except IsADirectoryError:
        raise IndexProblem(f"{name} is a folder, not a file") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise IndexProblem(f"{name} is damaged") from None


def read_manifest(index_dir: Path) -> dict:
    """The manifest as a dict (any format); IndexProblem when there is none or it is unreadable."""
    folder.usable_path(index_dir)
    path = index_dir / MANIFEST
    if not path.exists():
        raise IndexProblem(NO_INDEX)
    manifest = _read_json(path)
    if not isinstance(manifest, dict):
        raise IndexProblem(f"{MANIFEST} is damaged")
    return manifest


def _checked_manifest(corpus_dir: Path, index_dir: Path, profile: SearchProfile) -> dict:
    """The manifest of an index built for this corpus and program, with every field of the type
    the tutor writes; IndexProblem saying why not."""
    manifest = read_manifest(index_dir)
    if manifest.get("format") != FORMAT:
        return _stale(manifest, "format")
    wrong = [f for f, kind in FIELD_TYPES.items() if type(manifest.get(f)) is not kind]
    if wrong or not all(type(manifest["counts"].get(c)) is int for c in COUNTS) \
            or not folder.DATA_NAME.fullmatch(manifest["data"]) or not folder.valid_files(manifest["files"]):
        raise IndexProblem(f"{MANIFEST} is damaged ({', '.join(wrong) or 'counts or files'} not as written)")
    missing = [n for n in REQUIRED if n not in manifest["files"]]
    if missing or not any(n.startswith(KEYWORD + "/") for n in manifest["files"]):
        raise IndexProblem(f"{MANIFEST} is damaged (it does not list {', '.join(missing) or KEYWORD})")
    expected = {"model": profile.model, "dimension": profile.dimension, "chunker_version": CHUNKER_VERSION,
                "intents": intents.data_digest()}
    for field, value in expected.items():
        if manifest[field] != value:
            _stale(manifest, field)
    if manifest["dense_index"] not in DENSE_KINDS:
        raise IndexProblem(f"{MANIFEST} is damaged (dense_index not as written)")
    if manifest["corpus_hash"] != corpus_hash(corpus_dir):
        raise IndexProblem("the corpus has changed since it was built")
    return manifest


def _stale(manifest: dict, field: str):
    raise IndexProblem(f"it was built with a different {field.replace('_', ' ')}")


def staleness(corpus_dir: Path, index_dir: Path, profile: SearchProfile = DEFAULT, checksums: bool = False) -> str | None:
    """Why the index does not match the corpus and this program, or is damaged (sizes; with
    `checksums`, every file's SHA-256 too), or None when it is fine."""
    try:
        manifest = _checked_manifest(corpus_dir, index_dir, profile)
        folder.verify(index_dir / manifest["data"], manifest["files"], checksum=checksums)
    except (IndexProblem, TutorError) as problem:
        return str(problem)
    return None


def _remove_damaged(data: Path, names) -> None:
    """Delete files that failed their checksum after the start (read only when first needed), so
    the next start sees them missing and rebuilds instead of answering without them again (a
    tester's damaged words.npy changed answers, and no chat ever repaired it)."""
    for name in names:
        with contextlib.suppress(OSError):
            (data / name).unlink()


def load_index(corpus_dir: Path, index_dir: Path, profile: SearchProfile = DEFAULT) -> Index:
    """Open a fresh, intact index, or raise IndexProblem saying why it cannot be used (the caller
    rebuilds), or TutorError when no rebuild could happen here (a file, someone else's folder,
    a read-only one). Sizes of all files and checksums of the files loaded are verified."""
    for attempt in range(3):
        seen = None
        try:
            manifest = _checked_manifest(corpus_dir, index_dir, profile)
            seen = manifest["data"]
            data = index_dir / seen
            folder.verify(data, manifest["files"], checksum=set(manifest["files"]) - NOT_LOADED - LAZY)
            return _open(index_dir, data, manifest, profile)
        except IndexProblem as problem:
            if seen and attempt < 2 and _current_data(index_dir) != seen:
                continue                    # a build switched the index while we read it: read the new one
            obstacle = folder.build_obstacle(index_dir)
            if obstacle is None:
                raise
            why, fix = obstacle
            if str(problem) == NO_INDEX:
                raise TutorError(f"There is no index in {index_dir}, and the tutor will not build one there: "
                                 f"{why}; {fix}.") from None
            raise TutorError(f"The index in {index_dir} cannot be used ({problem}) and cannot be rebuilt: "
                             f"{why}; {fix}.") from None
    raise AssertionError("unreachable")


def data_folder(index_dir: Path) -> Path:
    """The folder holding the current build's files (for tools that read one file directly)."""
    name = _current_data(index_dir)
    if not isinstance(name, str) or not folder.DATA_NAME.fullmatch(name):
        raise IndexProblem(NO_INDEX)
    return index_dir / name


def _current_data(index_dir: Path) -> str | None:
    with contextlib.suppress(IndexProblem, TutorError):
        return read_manifest(index_dir).get("data")
    return None


def _open(index_dir: Path, data: Path, manifest: dict, profile: SearchProfile) -> Index:
    passages_raw = _read_json(data / PASSAGES)
    glossary_raw = _read_json(data / GLOSSARY)
    try:
        passages = [Passage.from_dict(d) for d in passages_raw]
        glossary = Glossary([Entry.from_dict(d) for d in glossary_raw["entries"]],
                            lambda: words_of(p.text for p in passages))
        synonyms = glossary_raw.get("synonyms", [])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise IndexProblem(f"{PASSAGES} or {GLOSSARY} is damaged") from None
    dense = _read_faiss(data / VECTORS)
    gvectors = _read_npy(data / GLOSSARY_VECTORS)
    questions, qvectors = _read_questions(data, {p.id for p in passages}, profile.dimension)
    try:
        keyword = KeywordIndex.load(data / KEYWORD)
        qkeyword = KeywordIndex.load(data / QUESTION_KEYWORD) if questions else None
    except Exception:
        raise IndexProblem("the keyword index is damaged") from None
    if dense.ntotal != len(passages) or keyword.size != len(passages) or len(gvectors) != len(glossary) \
            or len(qvectors) != len(questions) or (qkeyword and qkeyword.size != len(questions)):
        raise IndexProblem("its files disagree on the number of passages")
    if dense.d != profile.dimension or gvectors.shape[1:] != (profile.dimension,):
        raise IndexProblem(f"{VECTORS} or {GLOSSARY_VECTORS} has the wrong dimension")
    if manifest["counts"]["passages"] != len(passages):
        raise IndexProblem(f"{MANIFEST} disagrees with {PASSAGES}")
    try:
        units = Units(passages, _read_npy(data / UNIT_VECTORS))
        model = intents.IntentModel.load(data)
    except (OSError, ValueError, KeyError, TypeError):
        raise IndexProblem("the unit vectors or the intent model are damaged") from None
    return Index(index_dir, manifest, passages, glossary, synonyms, dense, gvectors, keyword,
                 questions, qvectors, qkeyword, units, model)


def _read_questions(data: Path, ids: set[str], dimension: int) -> tuple[list[tuple[str, str]], np.ndarray]:
    raw = _read_json(data / QUESTIONS)
    try:
        questions = [(str(d["passage"]), str(d["question"])) for d in raw]
    except (KeyError, TypeError):
        raise IndexProblem(f"{QUESTIONS} is damaged") from None
    if any(pid not in ids for pid, _ in questions):
        raise IndexProblem(f"{QUESTIONS} disagrees with {PASSAGES}")
    vectors = _read_npy(data / QUESTION_VECTORS)
    if len(questions) and vectors.shape[1:] != (dimension,):
        raise IndexProblem(f"{QUESTION_VECTORS} is damaged")
    return questions, vectors.reshape(len(vectors), dimension).astype(np.float32, copy=False)


def _read_faiss(path: Path):
    import faiss

    if not path.is_file():
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

class EmbeddingCache:
    """Vectors of the previous build by content hash, so a rebuild re-embeds only the texts that
    changed (and, behind it, the machine-wide VectorCache of every text ever embedded). It is the previous build's own vectors.npy, memory-mapped, plus its keys; a pair is
    used only when both files match the checksums the manifest recorded for them, so damaged or
    mismatched vectors are never carried into a new build."""

    def __init__(self, builds: list[tuple[Path, dict]], profile: SearchProfile = DEFAULT) -> None:
        self.profile = profile
        self.shared = VectorCache(profile.dimension)
        self.rows: dict[str, tuple[np.ndarray, int]] = {}
        self.embedded = self.reused = self.shared_hits = self.shipped_hits = 0
        for (vectors_name, keys_name), (data, files) in itertools.product(CACHE_FILES, builds):
            with contextlib.suppress(Exception):
                folder.verify(data, {n: files[n] for n in (vectors_name, keys_name)}, checksum=True)
                keys = json.loads((data / keys_name).read_text())
                array = np.load(data / vectors_name, mmap_mode="r", allow_pickle=False)
                if len(keys) == len(array) and array.shape[1:] == (profile.dimension,):
                    self.rows.update({k: (array, i) for i, k in enumerate(keys) if k not in self.rows})

    def fill(self, target: np.ndarray, texts: list[str], encoder_factory: Callable[[SearchProfile], object],
             progress: Progress | None, what: str) -> list[str]:
        """Write the vector of each text into `target` row by row, encoding only what is not
        cached; returns the keys. Memory stays bounded: vectors go straight to `target`."""
        keys = [text_key(t, self.profile.model) for t in texts]
        missing = []
        for i, k in enumerate(keys):
            if k in self.rows:
                array, row = self.rows[k]
                target[i] = array[row]
            else:
                missing.append(i)
        self.reused += len(texts) - len(missing)
        shared = self.shared.get([keys[i] for i in missing]) if missing else {}
        for i in missing:
            if keys[i] in shared:
                target[i] = shared[keys[i]]
        self.shared_hits += sum(keys[i] in shared for i in missing)
        missing = [i for i in missing if keys[i] not in shared]
        # then the bundled text's own vectors, shipped with the code (shipped_vectors.py)
        shipped = shipped_vectors.lookup([keys[i] for i in missing], self.profile.dimension) if missing else {}
        for i in missing:
            if keys[i] in shipped:
                target[i] = shipped[keys[i]]
        self.shipped_hits += sum(keys[i] in shipped for i in missing)
        missing = [i for i in missing if keys[i] not in shipped]
        self.embedded += len(missing)
        done = len(texts) - len(missing)
        if progress:
            progress(done, len(texts), what)
        encoder = None
        if missing:
            small = len(missing) <= SMALL_UPDATE
            if progress and not small:      # importing torch and loading the model: 10 to 20 s at 0 of N
                progress(done, len(texts), f"{what} (loading the model first)")
            encoder = self._small_update_encoder(self.profile) if small else encoder_factory(self.profile)
        for lo in range(0, len(missing), BATCH):
            batch = missing[lo:lo + BATCH]
            target[batch] = encoder.encode([texts[i] for i in batch])
            self.shared.put([keys[i] for i in batch], target[batch])
            done += len(batch)
            if progress:
                progress(done, len(texts), what)
        return keys

    @staticmethod
    def _small_update_encoder(profile: SearchProfile):
        """A few new texts are embedded by the NumPy copy of the model (cosine >= 0.9999 to
        sentence-transformers, tested) instead of paying several seconds to import torch."""
        from tutor.core.search.embed import query_encoder

        return query_encoder("numpy", profile)


def _build_lock(index_dir: Path):
    """One builder at a time across processes."""
    from filelock import FileLock

    return FileLock(index_dir / folder.LOCK)


@contextlib.contextmanager
def _waiting_for(lock, on_wait):
    """The lock, saying once (through `on_wait`) that another build holds it before waiting."""
    from filelock import Timeout

    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _default_encoder(profile: SearchProfile = DEFAULT):
    from tutor.core.search.embed import SentenceTransformerEncoder

    return SentenceTransformerEncoder(profile)


def _previous(index_dir: Path) -> tuple[dict | None, list[tuple[Path, dict]]]:
    """The current manifest when it is usable, and the finished builds whose vectors may be reused."""
    manifest = None
    with contextlib.suppress(Exception):
        manifest = read_manifest(index_dir)
        if manifest.get("format") != FORMAT or not isinstance(manifest.get("data"), str):
            manifest = None
    return manifest, folder.builds(index_dir, manifest)


def _previous_dense_kind(manifest: dict | None) -> str:
    kind = (manifest or {}).get("dense_index")
    return kind if kind in DENSE_KINDS else "flat"


BUILD_ATTEMPTS = 3        # builds in a row when the files change under one (most of the text comes from the cache)


def build_index(corpus_dir: Path, index_dir: Path, encoder_factory=_default_encoder,
                progress: Progress | None = None, corpus: Corpus | None = None, dense: str | None = None,
                profile: SearchProfile = DEFAULT, unless_fresh: bool = False, on_wait=None) -> Index:
    """Parse the corpus, embed what is not cached, write a new build folder and switch to it at
    once. `dense` is "flat" (exact search) or "hnsw" (approximate); by default the previous
    choice. Only a folder the tutor made (or an empty one) is written to; a failure or Ctrl-C
    leaves the previous index as it was. `unless_fresh`: a start that found the index stale
    (open_index) may have waited while another process rebuilt it; then that build is used, not
    made again (a tester's `ask` waited two minutes in silence, then built for 46 s more).
    `on_wait` is told once when another build holds the index."""
    corpus_files(corpus_dir)            # a missing or empty corpus is said before any index folder is made
    legacy = folder.claim(index_dir)
    try:
        with _waiting_for(_build_lock(index_dir), on_wait):
            if unless_fresh:
                with contextlib.suppress(IndexProblem):     # what the caller tried first, now once more
                    return load_index(corpus_dir, index_dir, profile)
            for attempt in range(BUILD_ATTEMPTS):
                manifest, builds = _previous(index_dir)
                folder.remove_leftovers(index_dir, keep=None, builds_too=False)
                _build(corpus_dir, index_dir, encoder_factory, progress, corpus if not attempt else None, dense,
                       profile, manifest, builds)
                folder.remove_leftovers(index_dir, keep=read_manifest(index_dir)["data"], legacy=legacy)
                if read_manifest(index_dir)["corpus_hash"] == corpus_hash(corpus_dir):
                    break       # else a file was saved again while it was read: build again, from what is there now
            else:
                raise TutorError(f"The files in {corpus_dir} kept changing while they were indexed; run the "
                                 "command again once they are saved.")
    except OSError as error:
        raise TutorError(folder.write_failure(index_dir, error)) from None
    return load_index(corpus_dir, index_dir, profile)


def _build(corpus_dir: Path, index_dir: Path, encoder_factory, progress: Progress | None, corpus: Corpus | None,
           dense: str | None, profile: SearchProfile, manifest: dict | None, builds: list[tuple[Path, dict]]) -> None:
    started = time.time()
    dense = dense or _previous_dense_kind(manifest)
    # the fingerprint of the files as they are before they are read: a file saved again while the
    # build runs (a teacher's second save during a 90 s build) then differs from it, and build_index
    # builds again. Taken after the build, it described the new file while the index held the old
    # text, and `index --check` called that up to date (an exploratory tester's).
    fingerprint = corpus_hash(corpus_dir)
    corpus = corpus or load_corpus(corpus_dir)
    staging = folder.new_staging(index_dir)
    try:
        cache = EmbeddingCache(builds, profile)
        vectors = np.lib.format.open_memmap(staging / VECTORS_NPY, mode="w+", dtype=np.float32,
                                            shape=(len(corpus.passages), profile.dimension))
        keys = cache.fill(vectors, [p.embed_text for p in corpus.passages], encoder_factory, progress, "Embedding passages")
        gvectors = np.zeros((len(corpus.glossary), profile.dimension), np.float32)
        gkeys = cache.fill(gvectors, [e.definition for e in corpus.glossary], encoder_factory, progress,
                           "Embedding the glossary")
        qvectors = np.zeros((len(corpus.questions), profile.dimension), np.float32)
        qkeys = cache.fill(qvectors, [q for _, q in corpus.questions], encoder_factory, progress,
                           "Embedding learner questions")
        vectors.flush()
        _write(staging, corpus, vectors, gvectors, keys, gkeys, dense, profile.dimension)
        _write_questions(staging, corpus.questions, qvectors, qkeys)
        uvectors = _write_units(staging, corpus, cache, encoder_factory, profile.dimension, progress)
        _write_intents(staging, corpus, qvectors, uvectors, cache, encoder_factory, profile.dimension, progress)
        _write_words(staging, corpus, cache, encoder_factory, profile.dimension, progress)
        del vectors
        manifest = _manifest(fingerprint, corpus, started, dense, profile)
        manifest["embeddings"] = {"computed": cache.embedded, "reused_from_cache": cache.reused,
                                  "reused_from_machine_cache": cache.shared_hits, "reused_from_shipped": cache.shipped_hits}
        manifest["files"] = folder.describe(staging)
        folder.publish(index_dir, staging, manifest)
    except BaseException:
        folder.discard(staging)
        raise
    _export_fast_encoder()


def _export_fast_encoder() -> None:
    """Once per machine, the ONNX graph the chat and evaluations encode questions with
    (onnx_encoder.py); kept beside the embedding cache. Without it the NumPy encoder serves."""
    from tutor.core.search import onnx_encoder
    from tutor.core.search.embed import model_dir

    onnx_encoder.export(model_dir())


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
    (staging / GLOSSARY_KEYS).write_text(json.dumps(gkeys))
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
    (staging / QUESTION_KEYS).write_text(json.dumps(keys))


def _write_units(staging: Path, corpus: Corpus, cache: EmbeddingCache, encoder_factory, dimension: int,
                 progress: Progress | None = None) -> np.ndarray:
    """The vector of every quotable unit, so answers choose sentences by meaning."""
    texts = unit_texts(corpus.passages)
    vectors = np.zeros((len(texts), dimension), np.float32)
    keys = cache.fill(vectors, texts, encoder_factory, progress, "Embedding sentences")
    np.save(staging / UNIT_VECTORS, vectors)
    (staging / UNIT_KEYS).write_text(json.dumps(keys))
    return vectors


def _write_words(staging: Path, corpus: Corpus, cache: EmbeddingCache, encoder_factory, dimension: int,
                 progress: Progress | None = None) -> None:
    """The text's own words, each with its vector, so a question's word the text never uses can
    be searched as the text's word nearest in meaning (rank.Retriever.prepare)."""
    words = text_words(corpus.passages)
    vectors = np.zeros((len(words), dimension), np.float32)
    keys = cache.fill(vectors, words, encoder_factory, progress, "Embedding the text's words")
    (staging / WORDS).write_text(json.dumps(words))
    np.save(staging / WORD_VECTORS, vectors)
    (staging / WORD_KEYS).write_text(json.dumps(keys))


def text_words(passages: list[Passage]) -> list[str]:
    """The distinct content words of the passages (lower case, three letters or more, no stop
    words), the commonest MAX_WORDS of them, in alphabetical order."""
    from collections import Counter

    counts = Counter(w for p in passages for w in WORD.findall(p.text.lower()) if len(w) >= 3)
    kept = [w for w, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if tokenize(w)][:MAX_WORDS]
    return sorted(kept)




def _write_intents(staging: Path, corpus: Corpus, qvectors: np.ndarray, uvectors: np.ndarray, cache: EmbeddingCache,
                   encoder_factory, dimension: int, progress: Progress | None = None) -> None:
    """The guard's intent classifier, fitted on its shipped examples and this corpus's learner
    questions — hand-written (their vectors were just computed for search) and generated from the
    text for passages nobody wrote questions for (generated.json lists them) — and, for those
    passages, the text's own sentences (what the text says is what a learner asks about)."""
    subjects = {p.id: p.tier for p in corpus.passages}
    generated = [q for _, q in corpus.generated]
    generated += [as_told_by_a_learner(q, subjects[pid]) for pid, q in corpus.generated]
    gvectors = np.zeros((len(generated), dimension), np.float32)
    cache.fill(gvectors, generated, encoder_factory, progress, "Embedding questions made from the text")
    (staging / GENERATED).write_text(json.dumps([{"passage": pid, "question": q} for pid, q in corpus.generated],
                                                ensure_ascii=False))
    texts = [q for _, q in corpus.questions] + generated
    sentences = _unasked_sentences(corpus, uvectors)
    if progress:
        progress(0, 1, "Fitting the safety classifier")
    intents.fit_for(texts, np.vstack([qvectors, gvectors]), [t for _, t in sentences],
                    uvectors[[n for n, _ in sentences]]).save(staging)
    if progress:
        progress(1, 1, "Fitting the safety classifier")


def _unasked_sentences(corpus: Corpus, uvectors: np.ndarray) -> list[tuple[int, str]]:
    """(unit number, text) of the sentences of passages nobody wrote learner questions for —
    a teacher's own text — except references: in a text that has no questions of its own, the
    guard learns from these what its subject sounds like ("which raw foods are the riskiest for
    carrying germs?" was refused as misuse on a food-safety fact sheet)."""
    asked = {pid for pid, _ in corpus.questions}
    units = Units(corpus.passages, uvectors)
    return [(u.number, units.text(u)) for u in units.all
            if corpus.passages[u.row].id not in asked and corpus.passages[u.row].kind != PassageKind.REFERENCE]


def _manifest(fingerprint: str, corpus: Corpus, started: float, dense: str, profile: SearchProfile) -> dict:
    return {
        "format": FORMAT, "tutor_version": __version__, "marker": folder.MARKER, "model": profile.model, "dimension": profile.dimension,
        "profile": profile.manifest(),
        "normalized": True, "metric": "inner_product", "dense_index": dense,
        "chunker_version": CHUNKER_VERSION, "corpus_hash": fingerprint, "intents": intents.data_digest(),
        "counts": {"passages": len(corpus.passages), "glossary": len(corpus.glossary),
                   "questions": len(corpus.questions), "generated_questions": len(corpus.generated),
                   "files": len({p.source for p in corpus.passages})},
        "unknown_question_passages": corpus.unknown_question_ids,
        "empty_files": corpus.empty_files, "unreadable_files": corpus.unreadable_files,
        "glossary_problems": corpus.glossary_problems, "corpus_notes": corpus.notes,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "build_seconds": round(time.time() - started, 2),
    }
