"""What a learner is asking for, recognised by meaning: intents defined by labelled example
utterances (intents.yaml), the way NeMo Guardrails defines user intents by example.

A question is described by the MiniLM embedding the tutor computes for it anyway, plus the words
and word pairs it uses (hashed into a fixed number of slots), and a softmax classifier fitted on
the examples' descriptions when the index is built picks its intent. The embedding carries the
meaning of unseen phrasings; the words carry cues an average of token vectors blurs ("legal",
"in general", "how much"). In leave-one-writer-out tests over five independent writers, adding
the words cut every kind of error (README, "Safety"). At answer time a question costs one small
matrix product; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EDUCATIONAL, DOSING, PERSONAL, EMERGENCY, MISUSE = "educational", "dosing", "personal_medical", "emergency", "misuse"
INTENTS = (EDUCATIONAL, DOSING, PERSONAL, EMERGENCY, MISUSE)
DATA = Path(__file__).with_name("intents.yaml")
VECTORS = Path(__file__).with_name("intent-vectors.npy")   # the examples' embeddings (+ .json: what they match)
WEIGHTS_FILE = "intent-weights.npy"        # (features + 1) × intents: the classifier, bias last
EXAMPLES_FILE = "intent-examples.npy"      # the examples' embeddings, for the nearest example
LABELS_FILE = "intent-examples.json"       # the examples' texts and intents

# The classifier's settings, chosen by leave-one-writer-out cross-validation on the examples.
WORD_SLOTS = 2048          # hashed word and word-pair features
WORD_WEIGHT = 1.0          # their weight beside the embedding (both parts have unit length)
L2 = 3e-5                  # regularisation of the softmax regression
RECIPE = 3                 # what fit_for adds to the examples; a change makes older indexes stale
# An emergency needs an emergency example nearby (cosine): a message that says almost nothing
# ("x", "ugh", "I dont get it") resembles no emergency, but the classifier, asked to choose, once
# gave it the emergency message. In leave-one-writer-out tests one emergency of 444 was this far from
# every other writer's, and the rule that names it outright catches it (benchmarks/guard_cv.py).
EMERGENCY_SUPPORT = 0.30
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Prediction:
    probabilities: dict[str, float]
    nearest: str            # the closest labelled example
    nearest_intent: str
    similarity: float       # its cosine to the question
    emergency_similarity: float = 0.0   # the cosine of the closest emergency example


def load_examples(path: Path = DATA) -> list[tuple[str, str]]:
    """(utterance, intent) pairs from the data file, in file order."""
    from tutor.core import yaml_data

    data = yaml_data.load(path.read_text(encoding="utf-8"))
    pairs = [(str(text), name) for name, spec in data["intents"].items() for text in spec["examples"]]
    unknown = {name for _, name in pairs} - set(INTENTS)
    if unknown:
        raise ValueError(f"{path}: unknown intent(s) {', '.join(sorted(unknown))}")
    return pairs


def data_digest(path: Path = DATA) -> str:
    """Fingerprint of the examples and the classifier's settings: an index fitted on others is stale."""
    settings = f"{WORD_SLOTS}:{WORD_WEIGHT}:{L2}:{RECIPE}".encode()
    return hashlib.sha256(path.read_bytes() + settings).hexdigest()[:16]


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


def word_features(texts: list[str]) -> np.ndarray:
    """Which words and word pairs each text uses, hashed into WORD_SLOTS, scaled to unit length."""
    out = np.zeros((len(texts), WORD_SLOTS), np.float32)
    for row, text in enumerate(texts):
        words = _WORD.findall(text.lower().replace("’", "'"))
        for token in set(words + [a + "_" + b for a, b in zip(words, words[1:])]):
            out[row, zlib.crc32(token.encode()) % WORD_SLOTS] = 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def features(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    return np.hstack([vectors.reshape(len(texts), -1).astype(np.float32), WORD_WEIGHT * word_features(texts)])


class IntentModel:
    """The fitted classifier, plus the examples for nearest-example lookup and explanations."""

    def __init__(self, weights: np.ndarray, vectors: np.ndarray, texts: list[str], labels: list[str],
                 exact: dict[str, str] | None = None) -> None:
        self.weights = weights.astype(np.float32)
        self.vectors, self.texts, self.labels = vectors.astype(np.float32, copy=False), texts, labels
        self._exact = exact if exact is not None else {_key(t): label for t, label in zip(texts, labels)}
        self._emergencies = np.array([i for i, label in enumerate(labels) if label == EMERGENCY], dtype=np.int64)

    def label_of(self, text: str) -> str | None:
        """The label of an example written exactly like `text` (case and spacing aside)."""
        return self._exact.get(_key(text))

    @classmethod
    def fit(cls, texts: list[str], intents: list[str], vectors: np.ndarray) -> "IntentModel":
        """`texts` as typed, `vectors` their embeddings as the guard will see questions."""
        x = features(texts, vectors).astype(np.float64)
        y = np.array([INTENTS.index(i) for i in intents])
        return cls(_softmax_regression(x, y, len(INTENTS)), vectors, list(texts), list(intents))

    def predict(self, text: str, vector: np.ndarray) -> Prediction:
        x = features([text], vector)[0]
        logits = x @ self.weights[:-1] + self.weights[-1]
        p = np.exp(logits - logits.max())
        similarities = self.vectors @ vector.astype(np.float32).ravel()
        p = without_unsupported_emergency(p, similarities[self._emergencies])
        best = int(similarities.argmax())
        emergency = float(similarities[self._emergencies].max()) if len(self._emergencies) else 0.0
        return Prediction({name: float(p[i]) for i, name in enumerate(INTENTS)}, self.texts[best],
                          self.labels[best], float(similarities[best]), emergency)

    def save(self, directory: Path) -> None:
        import json

        np.save(directory / WEIGHTS_FILE, self.weights)
        np.save(directory / EXAMPLES_FILE, self.vectors)
        # the exact-example map is saved too: rebuilt from the texts it costs 8 ms of every start
        labels = {"intents": list(INTENTS), "examples": [[t, i] for t, i in zip(self.texts, self.labels)],
                  "exact": self._exact}
        (directory / LABELS_FILE).write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "IntentModel":
        """Raises OSError, ValueError or KeyError when the files are missing or damaged."""
        import json

        labels = json.loads((directory / LABELS_FILE).read_text(encoding="utf-8"))
        if labels["intents"] != list(INTENTS):
            raise ValueError("the intent model was fitted for other intents")
        weights = np.load(directory / WEIGHTS_FILE, allow_pickle=False)
        vectors = np.load(directory / EXAMPLES_FILE, allow_pickle=False)
        texts = [str(t) for t, _ in labels["examples"]]
        intents = [str(i) for _, i in labels["examples"]]
        if len(vectors) != len(texts) or weights.shape != (vectors.shape[1] + WORD_SLOTS + 1, len(INTENTS)):
            raise ValueError("the intent model's files disagree")
        exact = labels.get("exact")
        if not (isinstance(exact, dict) and all(v in INTENTS for v in exact.values())):
            exact = None            # an index written before the map was saved: rebuilt here
        return cls(weights, vectors, texts, intents, exact)


def without_unsupported_emergency(p: np.ndarray, emergency_similarities: np.ndarray) -> np.ndarray:
    """Probabilities (unnormalised in, normalised out) with emergency ruled out when no emergency
    example is within EMERGENCY_SUPPORT of the question: the other intents then share its weight."""
    p = np.asarray(p, np.float64).copy()
    if not len(emergency_similarities) or float(emergency_similarities.max()) < EMERGENCY_SUPPORT:
        p[..., INTENTS.index(EMERGENCY)] = 0.0
    return p / p.sum(-1, keepdims=True)


def _softmax_regression(x: np.ndarray, y: np.ndarray, classes: int) -> np.ndarray:
    """Multinomial logistic regression (L-BFGS), classes weighted to balance so a rarer intent
    (misuse) is not drowned by a common one. Returns the weights with the bias as the last row.
    The features are held sparse: of a row's 2,432, the word slots it uses are a few dozen, and
    the dense products spent 4 of every 5 seconds of a fit multiplying zeros (same weights to 1e-9)."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    n, d = x.shape
    x = csr_matrix(x)
    x_t = x.T.tocsr()
    onehot = np.eye(classes)[y]
    sample_weight = (n / (classes * np.bincount(y, minlength=classes)))[y]

    def loss(theta: np.ndarray):
        weights, bias = theta[:d * classes].reshape(d, classes), theta[d * classes:]
        z = x @ weights + bias
        z -= z.max(1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(1, keepdims=True))
        value = -(sample_weight * (onehot * log_p).sum(1)).sum() / n + 0.5 * L2 * (weights * weights).sum()
        gradient = (np.exp(log_p) - onehot) * sample_weight[:, None] / n
        return value, np.concatenate([(x_t @ gradient + L2 * weights).ravel(), gradient.sum(0)])

    result = minimize(loss, np.zeros(d * classes + classes), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return np.vstack([result.x[:d * classes].reshape(d, classes), result.x[d * classes:]])


def example_vectors(path: Path = VECTORS) -> np.ndarray:
    """The examples' embeddings, shipped beside intents.yaml (float16): computing 3,000 of them
    on every fresh index build would cost more than the rest of the build. A file that no longer
    matches the examples is an error a maintainer fixes with `python -m tutor.core.safety.refresh`."""
    import json

    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    vectors = np.load(path, allow_pickle=False).astype(np.float32)
    if meta.get("digest") != _examples_digest() or len(vectors) != meta.get("examples"):   # the digest covers the YAML
        raise ValueError(f"{path.name} is out of date with {DATA.name}; run `python -m tutor.core.safety.refresh`")
    return vectors


def _examples_digest() -> str:
    return hashlib.sha256(DATA.read_bytes()).hexdigest()[:16]


def fit_for(learner_questions: list[str] = (), learner_vectors: np.ndarray | None = None,
            text_sentences: list[str] = (), sentence_vectors: np.ndarray | None = None) -> IntentModel:
    """Fit the model on the shipped examples, plus the corpus's own learner questions as
    educational ones (each is a question its passage answers, in the text's own domain), plus
    `text_sentences`, sentences of a text nobody wrote learner questions for: what a text says is
    what its learners ask about, and its words ("germs", "store", "how often the operation
    works") then stop reading as a request. A question or sentence that names an amount or
    schedule is left out: no example may teach the guard that a dose request is fine."""
    from tutor.core.safety.doses import pattern

    pairs = load_examples()
    vectors = [example_vectors()]
    kept = ([i for i, q in enumerate(learner_questions) if not pattern("REQUESTED").search(q)],
            usable_sentences(text_sentences))
    for texts, matrix, keep in zip((learner_questions, text_sentences), (learner_vectors, sentence_vectors), kept):
        if matrix is None or not keep:
            continue
        pairs += [(texts[i], EDUCATIONAL) for i in keep]
        vectors.append(np.asarray(matrix, np.float32)[keep])
    texts, labels, matrix = [t for t, _ in pairs], [i for _, i in pairs], np.vstack(vectors)
    weights = _cached_fit(texts, labels)
    if weights is not None:
        return IntentModel(weights, matrix, texts, labels)
    model = IntentModel.fit(texts, labels, matrix)
    _cached_fit(texts, labels, model.weights)
    return model


MIN_SENTENCE_WORDS = 4     # "Overview.", a bare heading or a short fragment says nothing of the subject


def usable_sentences(sentences: list[str]) -> list[int]:
    """Which of a text's sentences may teach the guard what a plain question sounds like: not one
    with a dose detail in it ("Take 200 mg twice a day"), nor a fragment."""
    from tutor.core.safety.redact import find_dose_details

    return [i for i, s in enumerate(sentences) if len(s.split()) >= MIN_SENTENCE_WORDS and not find_dose_details(s)]


KEPT_FITS = 128     # fitted weights kept in the cache (48 KB each): the texts a teacher switches between, not every edit.
# Fewer than a cycle of texts re-read in turn misses on every one: the test suite fits 37 texts, and at 32 kept it
# fitted all 37 again on every run (about a minute of a 3.5-minute run on 2 cores; stop 76).


SHIPPED_FIT = Path(__file__).with_name("bundled-fit.npy")   # the bundled text's fit (+ .json: its digest)


def fit_digest(texts: list[str], labels: list[str]) -> str:
    """Fingerprint of the examples a fit is made on (and of the classifier's settings)."""
    return hashlib.sha256(f"{data_digest()}\0{len(texts)}\0".encode() + "\n".join(
        f"{label}\t{text}" for text, label in zip(texts, labels)).encode()).hexdigest()[:24]


def _cached_fit(texts: list[str], labels: list[str], weights: np.ndarray | None = None) -> np.ndarray | None:
    """Weights fitted before on exactly these examples, in the machine-wide cache, or shipped
    with the code for the bundled text (fitting takes seconds; a rebuild of the same corpus should
    not pay them again). With `weights`, store them."""
    import contextlib
    import json

    from tutor.core.search.vector_cache import cache_dir

    digest = fit_digest(texts, labels)
    path = cache_dir() / f"intent-fit-{digest}.npy"
    with contextlib.suppress(OSError, ValueError):
        if weights is None:
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                if json.loads(SHIPPED_FIT.with_suffix(".json").read_text(encoding="utf-8"))["digest"] == digest:
                    return np.load(SHIPPED_FIT, allow_pickle=False)
            found = np.load(path, allow_pickle=False)
            with contextlib.suppress(OSError):      # a read-only cache still serves its fits
                os.utime(path)          # last used now: the fits dropped first are those unused longest
            return found
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        np.save(path, weights)
        for stale in sorted(path.parent.glob("intent-fit-*.npy"), key=lambda p: p.stat().st_mtime)[:-KEPT_FITS]:
            stale.unlink(missing_ok=True)       # fits of corpora or examples not used for longest
    return None


def ship_fit(data: Path) -> None:
    """Ship the fit of a built index (the bundled text's, by shipped_vectors.write) with its digest."""
    import json

    examples = json.loads((data / LABELS_FILE).read_text(encoding="utf-8"))["examples"]
    np.save(SHIPPED_FIT, np.load(data / WEIGHTS_FILE, allow_pickle=False))
    SHIPPED_FIT.with_suffix(".json").write_text(json.dumps(
        {"digest": fit_digest([t for t, _ in examples], [i for _, i in examples])}) + "\n", encoding="utf-8")


def refresh_vectors() -> None:
    """Embed the examples with the reference encoder and write them beside intents.yaml."""
    import json

    from tutor.core.search.embed import SentenceTransformerEncoder

    texts = [t for t, _ in load_examples()]
    vectors = SentenceTransformerEncoder().encode(texts)
    np.save(VECTORS, vectors.astype(np.float16))
    VECTORS.with_suffix(".json").write_text(json.dumps({"digest": _examples_digest(), "examples": len(texts)}) + "\n")
    print(f"Embedded {len(texts)} examples into {VECTORS}.")
