"""Whether a message the classifier took for an emergency tells something urgent, or an everyday
complaint: a second, narrower judgment by meaning.

The intent classifier (intents.py) learnt emergencies from messages that tell what is happening
and plain questions from messages that ask, so it read the telling itself as the emergency: "my
eyes are so itchy" and "got a stinking cold, my head feels like cotton wool" got the emergency
message, 95 of 160 such complaints from a writer who saw no code (stop 68). This model is fitted on
tellings alone, urgent against ordinary (severity.yaml's complaint writers, and every emergency
example of intents.yaml), so what it weighs is how serious the telling is, not its form.

Two readings are combined, by their geometric mean: a linear model over the embedding and hashed
words, and the labels of the examples nearest in meaning. The linear one alone could not weigh a
body part ("my knee hurts" read 0.10 urgent, "my head hurts" 0.08, both told as everyday by the
writer of pain and mood): a sum of feature weights gives "hurts" one weight wherever it is. The
nearest examples do weigh the whole message, and the linear reading keeps a message that lands among
few examples from being judged by them alone. Held out by writer (benchmarks/severity_cv.py), the
combination at the same floor overrules 5 emergencies of 921 where the linear model overruled 12, and
gives the emergency message to 279 everyday complaints of 762 where it gave it to 315 (stop 71, with
its two writers of tellings on the text's medicines; before them, 4 of 796 against 12, and 197 of 586
against 237). Taking the smaller of the two readings overruled more emergencies (18 at 0.05).

It never refuses and never answers by itself: it is asked only when the classifier alone called a
message an emergency, and when it finds an everyday complaint the message is judged as if the
classifier had not (Guard._judged), and the reply leads with the emergency numbers all the same
(Verdict.unsure_emergency): a crisis it misreads is still shown where to turn first. The rules that
name an emergency outright are not asked to agree.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import numpy as np

from tutor.core.safety import intents

DATA = Path(__file__).with_name("severity.yaml")
WEIGHTS = Path(__file__).with_name("severity-weights.npy")      # (features + 1) × 2, bias last (+ .json: its digest)
EXAMPLES = Path(__file__).with_name("severity-examples.npz")    # the examples' embeddings (float16) and labels
# The nearest-examples reading: how many, and how sharply a closer one counts more (a softmax over
# cosines). Chosen by leave-one-writer-out among 5, 10, 15, 20, 30 and none, 0.03, 0.05; 10 to 20
# at 0.05 were alike (benchmarks/severity_cv.py, stop 71).
NEIGHBOURS = 20
TEMPERATURE = 0.05
# Below this reading of urgent (combined), a classifier's emergency is an everyday complaint. 0.10 by
# leave-one-writer-out cross-validation over four writers overruled 1 of their 269 emergencies, but
# 13 of 466 a reviewer wrote; with the reviewer's as a fifth writer, 0.05 overrules none of the first
# four's held out and 18 of the reviewer's 346; with stop 70's two writers of short messages, 9 of the
# reviewer's and 1 of 90 and 2 of 91 of their own (benchmarks/severity_cv.py, docs/safety.md). Kept
# for the combined reading of stop 71, which at 0.05 overrules 5 of the reviewer's and none of the others'
# (10 writers).
ORDINARY_BELOW = 0.05
# From this reading of urgent (combined), a message the tutor cannot answer (not covered, or refused) ends by
# saying where to turn, when the classifier also reads it as someone's own case or an emergency
# (Guard.may_be_serious): emergencies asked as questions ("is it safe to sleep after hitting your head
# if you've been sick twice?") were told only that the text does not cover them. Chosen on a writer's
# 300 questions and the development suites, checked on a second writer's (docs/safety.md, stop 70); read
# combined since stop 71, which on that writer's questions gives the same replies, and gave the numbers
# back to "babys got spots tht dont fade wiv the glass test n is v sleepy" (linear 0.34 after the refit).
URGENT_FROM = 0.5


def load_writers(path: Path = DATA) -> dict[str, dict[str, list[str]]]:
    """{writer: {"ordinary": [...], "urgent": [...]}} from the data file, in file order."""
    from tutor.core import yaml_data

    data = yaml_data.load(path.read_text(encoding="utf-8"))
    return {str(name): {kind: [str(t) for t in block.get(kind) or []] for kind in ("ordinary", "urgent")}
            for name, block in data["writers"].items()}


def examples(path: Path = DATA) -> tuple[list[str], list[int], list[str]]:
    """Texts, labels (1 urgent, 0 ordinary) and writers: intents.yaml's emergencies, then the complaint writers'."""
    texts, labels, writers = [], [], []
    for text, intent in intents.load_examples():
        if intent == intents.EMERGENCY:
            texts.append(text)
            labels.append(1)
            writers.append("intents.yaml")
    for writer, block in load_writers(path).items():
        for kind, label in (("ordinary", 0), ("urgent", 1)):
            texts += block[kind]
            labels += [label] * len(block[kind])
            writers += [writer] * len(block[kind])
    return texts, labels, writers


def digest() -> str:
    """Fingerprint of both example files and the features: shipped weights fitted on others are stale."""
    settings = f"{intents.WORD_SLOTS}:{intents.WORD_WEIGHT}:{intents.L2}:examples".encode()
    return hashlib.sha256(DATA.read_bytes() + intents.DATA.read_bytes() + settings).hexdigest()[:16]


def fit(texts: list[str], labels: list[int], vectors: np.ndarray) -> np.ndarray:
    """Weights of the urgent-or-ordinary model, by the intent classifier's own features and fitting."""
    x = intents.features(texts, vectors).astype(np.float64)
    return intents._softmax_regression(x, np.asarray(labels), 2)


def urgent_probability(weights: np.ndarray, texts: list[str], vectors: np.ndarray) -> np.ndarray:
    """For each text, the probability that it tells something urgent."""
    logits = intents.features(texts, vectors) @ weights[:-1] + weights[-1]
    p = np.exp(logits - logits.max(-1, keepdims=True))
    return p[..., 1] / p.sum(-1)


def neighbours_urgent(example_vectors: np.ndarray, example_labels: np.ndarray, vectors: np.ndarray,
                      neighbours: int = NEIGHBOURS, temperature: float = TEMPERATURE) -> np.ndarray:
    """For each vector, the share of urgent (label 1) among its `neighbours` nearest examples, the closer
    ones counting more, each class weighted to balance (the emergencies outnumber the complaints). The
    redaction's dose reading (dose_reading.py) reads its examples so too."""
    examples = example_vectors / np.linalg.norm(example_vectors, axis=1, keepdims=True)
    asked = vectors.reshape(len(vectors), -1)
    asked = asked / np.maximum(np.linalg.norm(asked, axis=1, keepdims=True), 1e-12)
    similarity = (asked @ examples.T).astype(np.float64)
    k = min(neighbours, len(example_labels))
    nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    labels = example_labels[nearest]
    urgent_share = float(np.mean(example_labels))
    weight = np.where(labels == 1, 0.5 / urgent_share, 0.5 / (1 - urgent_share)) \
        * np.exp((np.take_along_axis(similarity, nearest, 1) - 1) / temperature)
    return (weight * labels).sum(1) / weight.sum(1)


def combined(linear: np.ndarray, nearest: np.ndarray) -> np.ndarray:
    """The two readings together: both must find a message ordinary for it to read as ordinary."""
    return np.sqrt(linear * nearest)


class Severity:
    """The shipped weights and examples; `ordinary` is the question Guard asks of a classifier's emergency."""

    def __init__(self, weights: np.ndarray, example_vectors: np.ndarray, example_labels: np.ndarray) -> None:
        self.weights = weights.astype(np.float32)
        self.example_vectors = example_vectors.astype(np.float32)
        self.example_labels = example_labels.astype(np.int64)

    @classmethod
    def shipped(cls) -> "Severity":
        """Raises OSError or ValueError when the weights are missing, damaged or fitted on other examples."""
        try:
            meta = json.loads(WEIGHTS.with_suffix(".json").read_text(encoding="utf-8"))
            fresh = isinstance(meta, dict) and meta.get("digest") == digest()
            weights = np.load(WEIGHTS, allow_pickle=False) if fresh else None
            with np.load(EXAMPLES, allow_pickle=False) as shipped:
                vectors, labels = shipped["vectors"], shipped["labels"]
        except (EOFError, TypeError, KeyError, zipfile.BadZipFile) as problem:     # an empty or cut file
            raise ValueError(f"{WEIGHTS.name} or {EXAMPLES.name} cannot be read: {problem}") from problem
        if not fresh:
            raise ValueError(f"{WEIGHTS.name} is out of date with {DATA.name}; run `python -m tutor.core.safety.refresh`")
        # an embedding's dimensions, the hashed words and a bias row, by two classes; finite
        if weights.ndim != 2 or weights.shape[1] != 2 or weights.shape[0] <= intents.WORD_SLOTS + 1 \
                or not np.isfinite(weights).all():
            raise ValueError(f"{WEIGHTS.name} is damaged")
        if vectors.ndim != 2 or len(vectors) != meta.get("examples") or len(labels) != len(vectors) \
                or vectors.shape[1] != weights.shape[0] - intents.WORD_SLOTS - 1 or not np.isfinite(vectors).all() \
                or set(np.unique(labels)) != {0, 1}:
            raise ValueError(f"{EXAMPLES.name} is damaged")
        return cls(weights, vectors, labels)

    def urgent(self, text: str, vector: np.ndarray) -> float:
        """The linear model's probability that the message tells (or asks about) something urgent."""
        return float(urgent_probability(self.weights, [text], vector.reshape(1, -1))[0])

    def reading(self, text: str, vector: np.ndarray) -> float:
        """How urgent the telling reads, the linear and the nearest examples' readings combined."""
        nearest = neighbours_urgent(self.example_vectors, self.example_labels, vector.reshape(1, -1))[0]
        return float(combined(np.float64(self.urgent(text, vector)), nearest))

    def ordinary(self, text: str, vector: np.ndarray) -> bool:
        """Whether the telling reads as an everyday complaint: below ORDINARY_BELOW."""
        return self.reading(text, vector) < ORDINARY_BELOW


def example_vectors(texts: list[str]) -> np.ndarray:
    """The examples' embeddings: intents.yaml's as shipped beside it, severity.yaml's by the
    reference encoder (a few hundred; only refresh and the cross-validation need them)."""
    from tutor.core.search.embed import SentenceTransformerEncoder

    known = dict(zip((t for t, _ in intents.load_examples()), intents.example_vectors()))
    todo = [t for t in dict.fromkeys(texts) if t not in known]
    if todo:
        known.update(zip(todo, SentenceTransformerEncoder().encode(todo)))
    return np.vstack([known[t] for t in texts]).astype(np.float32)


def refresh() -> None:
    """Embed the examples, fit, and ship the weights."""
    texts, labels, _ = examples()
    vectors = example_vectors(texts)
    weights = fit(texts, labels, vectors)
    np.save(WEIGHTS, weights.astype(np.float32))
    np.savez_compressed(EXAMPLES, vectors=vectors.astype(np.float16), labels=np.asarray(labels, dtype=np.int8))
    WEIGHTS.with_suffix(".json").write_text(json.dumps({"digest": digest(), "examples": len(texts)}) + "\n")
    print(f"Fitted the severity model on {len(texts)} examples into {WEIGHTS}.")
