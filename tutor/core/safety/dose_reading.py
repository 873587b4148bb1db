"""Whether a sentence gives a dose, read by its meaning: the redaction's reading of sentences its
patterns do not recognise as a dose's.

The patterns (doses.py, redact.py) hide what they know the shape of. On handout sentences written
by people who saw no code, about one dose detail in twenty still showed after stop 74, and nearly
every one in a sentence whose words the patterns do not tie to a medicine: "Wait 4 hours between
them.", "Spray twice into each nostril.", "Take one at 8am, one at 2pm and one at 8pm."
Another pattern per shape would fit the shapes seen. What those
sentences share is what they mean, an instruction of how much or how often, and that is what this
model reads: fitted on blind writers' handout sentences, each labelled by whether its writer
marked a dose detail in it (dose-examples/, one file per writer).

A sentence it reads as a dose's is swept like one the patterns found (redact._swept): every number
and schedule word hidden, except what the protections know no dose is (an age, a reading, a year,
a phone number). So a misreading costs some numbers of one sentence, never the sentence.

Two readings, as the severity model has them (severity.py): a linear model over the embedding and
hashed words, and the labels of the examples nearest in meaning, combined by their geometric mean.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import zipfile
from functools import cache
from pathlib import Path

import numpy as np

from tutor.core.safety import intents, severity

EXAMPLES_DIR = Path(__file__).with_name("dose-examples")
WEIGHTS = Path(__file__).with_name("dose-weights.npy")          # (features + 1) × 2, bias last (+ .json: its digest)
VECTORS = Path(__file__).with_name("dose-vectors.npz")          # the examples' embeddings (float16) and labels
NEIGHBOURS = 10
TEMPERATURE = 0.05
# From this combined reading a sentence is read as a dose's. Chosen by leave-one-writer-out over the six writers
# (benchmarks/dose_reading_cv.py, stop 75) among 0.5 to 0.95, a dose detail shown counting as two numbers hidden that
# are no dose: 0.85 showed 86 of 1,151 dose details where the patterns alone showed 100, and hid 193 of 1,147 other
# numbers where they hid 189 (0.5: 84 and 207; 0.95: 90 and 193). Over five writers, asked of every sentence rather
# than instructions only (redact._instructs), the reading did about as well by that count but hid numbers of plain
# statements ("More than 40 medicines contain paracetamol", a reference's "4th ed."); over four, the linear or the
# nearest reading alone, their mean or their larger were no better than the combination.
DOSE_FROM = 0.85
# Below this, a sentence of a passage that speaks of no medicine reads as giving none: what the patterns hid in it
# is shown (redact.redact's `within`). Leave-one-writer-out, each item a passage of its own: no floor of 0.05 to 0.4
# showed more dose details (85 of 1,151); other numbers hidden, 193 without it, were 176, 164 and 156 of 1,147 at 0.1,
# 0.2 and 0.3 at the end of stop 76. 0.3 was chosen first; a second reviewer's everyday handout sentences then showed
# doses read at 0.2 to 0.3 ("Sit upright, breathe slowly and stay calm, one every minute up to 10", "You'll need it
# for 3 months"), and 0.2 is the highest floor that hid every one.
NO_DOSE_BELOW = 0.2


def example_files(directory: Path = EXAMPLES_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


# What makes a sentence one the redaction may have to read: a number or a word of one or of a schedule. Its own, not
# the sweep's (which changes with the rules): the examples, and so the weights, must not move when a rule does.
_A_NUMBER = re.compile(r"\d|[½¼¾⅓⅔⅛]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty"
                       r"|fifty|hundred|half|quarter|once|twice|thrice|daily|weekly|monthly|nightly|hourly|single|double)\b",
                       re.IGNORECASE)


def labelled_sentences(items: list[dict]) -> tuple[list[str], list[int]]:
    """Each item's sentences that hold a number or a schedule word, labelled 1 when the item's writer marked a
    dose detail in it: the sentences the redaction may have to read."""
    from tutor.core.safety.redact import _sentences

    texts, labels = [], []
    for item in items:
        text, at = str(item["text"]), 0
        hidden = [(text.find(h), text.find(h) + len(h)) for h in map(str, item.get("hide") or []) if text.count(h) == 1]
        for sentence in _sentences(text):
            start, end = at, at + len(sentence)
            at = end
            if sentence.strip() and _A_NUMBER.search(sentence):
                texts.append(sentence.strip())
                labels.append(int(any(a < end and start < b for a, b in hidden)))
    return texts, labels


def examples(directory: Path = EXAMPLES_DIR) -> tuple[list[str], list[int], list[str]]:
    """Texts, labels (1 gives a dose) and writers (a file each)."""
    from tutor.core import yaml_data

    texts, labels, writers = [], [], []
    for path in example_files(directory):
        items = yaml_data.load(path.read_text(encoding="utf-8"))["items"]
        t, y = labelled_sentences(items)
        texts += t
        labels += y
        writers += [path.stem] * len(t)
    return texts, labels, writers


def digest(directory: Path = EXAMPLES_DIR) -> str:
    """Fingerprint of the example files and the features: weights fitted on others are stale."""
    settings = f"{intents.WORD_SLOTS}:{intents.WORD_WEIGHT}:{intents.L2}:{NEIGHBOURS}:{TEMPERATURE}".encode()
    content = b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in example_files(directory))
    return hashlib.sha256(content + settings).hexdigest()[:16]


# Weights of the dose-or-not model: the severity model's two-class fit over the intent classifier's features
fit = severity.fit


class DoseReader:
    """The shipped weights and examples."""

    def __init__(self, weights: np.ndarray, example_vectors: np.ndarray, example_labels: np.ndarray) -> None:
        self.weights = weights.astype(np.float32)
        self.example_vectors = example_vectors.astype(np.float32)
        self.example_labels = example_labels.astype(np.int64)

    @classmethod
    def shipped(cls, weights_path: Path = WEIGHTS, vectors_path: Path = VECTORS,
                examples_dir: Path = EXAMPLES_DIR) -> "DoseReader":
        """Raises OSError or ValueError when the files are missing, damaged or fitted on other examples."""
        try:
            meta = json.loads(weights_path.with_suffix(".json").read_text(encoding="utf-8"))
            if not (isinstance(meta, dict) and meta.get("digest") == digest(examples_dir)):
                raise ValueError(f"{weights_path.name} is out of date with {examples_dir.name}/; "
                                 "run `python -m tutor.core.safety.refresh --doses`")
            weights = np.load(weights_path, allow_pickle=False)
            with np.load(vectors_path, allow_pickle=False) as shipped:
                vectors, labels = shipped["vectors"], shipped["labels"]
        except (EOFError, TypeError, KeyError, zipfile.BadZipFile) as problem:     # an empty or cut file
            raise ValueError(f"{weights_path.name} or {vectors_path.name} cannot be read: {problem}") from problem
        if weights.ndim != 2 or weights.shape[1] != 2 or not np.isfinite(weights).all() \
                or vectors.ndim != 2 or len(vectors) != len(labels) or len(labels) != meta.get("examples") \
                or vectors.shape[1] != weights.shape[0] - intents.WORD_SLOTS - 1:
            raise ValueError(f"{weights_path.name} or {vectors_path.name} is damaged")
        return cls(weights, vectors, labels)

    def readings(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """For each sentence, how much it reads as a dose's (0 to 1)."""
        linear = severity.urgent_probability(self.weights, texts, vectors)      # its probability of label 1
        return severity.combined(linear, nearest_share(self.example_vectors, self.example_labels, vectors))


def nearest_share(example_vectors: np.ndarray, example_labels: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """For each vector, the share of doses among its NEIGHBOURS nearest examples, as the severity model reads its own."""
    return severity.neighbours_urgent(example_vectors, example_labels, vectors, NEIGHBOURS, TEMPERATURE)


@cache
def _reader() -> tuple[DoseReader, object] | None:
    """The model and an encoder, loaded when a sentence first needs reading (a quarter of a second); None when
    the shipped files or the embedding model cannot be read, and the patterns alone then redact (tests keep the
    files readable; without the model nothing else of the tutor answers either)."""
    from tutor.core.search.embed import query_encoder

    try:
        return DoseReader.shipped(), query_encoder("numpy")
    except Exception:  # noqa: BLE001 — a missing or damaged model of any kind (a cut tokenizer.json raised its own
        return None    # Exception, a config without a key KeyError; a reviewer's): the patterns alone redact


def readings(sentences: list[str], unread: float = 0.0) -> list[float]:
    """For each sentence, how much it reads as giving a dose; `unread` each when the model cannot be read (0 where a
    reading would hide more, 1 where it would show more: either way the patterns alone decide)."""
    loaded = _reader() if sentences else None
    if loaded is None:
        return [unread] * len(sentences)
    reader, encoder = loaded
    try:
        vectors = _vectors(list(sentences), encoder)
    except Exception:  # noqa: BLE001 — the encoder failing on a text: the patterns alone redact it
        return [unread] * len(sentences)
    return [float(r) for r in reader.readings(list(sentences), vectors)]


_PER_THREAD = threading.local()


def _machine_cache():
    """The machine-wide embedding store (vector_cache.py), one connection per thread (SQLite's may not cross
    threads), waiting at most a tenth of a second for another process's write (five seconds a redaction, else;
    a reviewer's); and the model's name, its keys' half."""
    from tutor.core.search.profile import DEFAULT
    from tutor.core.search.vector_cache import VectorCache

    if not hasattr(_PER_THREAD, "store"):
        _PER_THREAD.store = VectorCache(DEFAULT.dimension, timeout=0.1)
    return _PER_THREAD.store, DEFAULT.model


def _vectors(sentences: list[str], encoder) -> np.ndarray:
    """The sentences' embeddings, from the machine-wide store where an index build or an earlier session put
    them: encoding each cost about 20 ms, and a passage of 40 instructions took half a second the first time it
    was shown (a reviewer's)."""
    from tutor.core.search.vector_cache import text_key

    store, model = _machine_cache()
    keys = [text_key(s, model) for s in sentences]
    found = store.get(keys)
    missing = list({k: i for i, k in enumerate(keys) if k not in found}.values())    # a sentence repeated: once
    if missing:
        encoded = np.asarray(encoder.encode([sentences[i] for i in missing]), np.float32)
        found.update(zip((keys[i] for i in missing), encoded))
        store.put([keys[i] for i in missing], encoded)
    return np.vstack([found[k] for k in keys]).astype(np.float32)


def gives_doses(sentences: list[str]) -> list[bool]:
    """For each sentence, whether it reads as giving a dose (DOSE_FROM)."""
    return [r >= DOSE_FROM for r in readings(sentences)]


def gives_none(sentences: list[str]) -> list[bool]:
    """For each sentence, whether it reads as giving no dose at all (NO_DOSE_BELOW; never when the model cannot be read)."""
    return [r < NO_DOSE_BELOW for r in readings(sentences, unread=1.0)]


def example_vectors(texts: list[str]) -> np.ndarray:
    """The examples' embeddings by the reference encoder (only refresh and the cross-validation need them)."""
    from tutor.core.search.embed import SentenceTransformerEncoder

    unique = list(dict.fromkeys(texts))
    known = dict(zip(unique, SentenceTransformerEncoder().encode(unique)))
    return np.vstack([known[t] for t in texts]).astype(np.float32)


def refresh() -> None:
    """Embed the examples, fit, and ship the weights."""
    texts, labels, _ = examples()
    vectors = example_vectors(texts)
    np.save(WEIGHTS, fit(texts, labels, vectors).astype(np.float32))
    np.savez_compressed(VECTORS, vectors=vectors.astype(np.float16), labels=np.asarray(labels, dtype=np.int8))
    WEIGHTS.with_suffix(".json").write_text(json.dumps({"digest": digest(), "examples": len(texts)}) + "\n")
    print(f"Fitted the dose reading on {len(texts)} sentences into {WEIGHTS}.")
