"""Whether a message the classifier took for an emergency tells something urgent, or an everyday
complaint: a second, narrower judgment by meaning.

The intent classifier (intents.py) learnt emergencies from messages that tell what is happening
and plain questions from messages that ask, so it read the telling itself as the emergency: "my
eyes are so itchy" and "got a stinking cold, my head feels like cotton wool" got the emergency
message, 95 of 160 such complaints from a writer who saw no code (stop 68). This model is fitted on
tellings alone, urgent against ordinary (severity.yaml's complaint writers, and every emergency
example of intents.yaml), so what it weighs is how serious the telling is, not its form.

It never refuses and never answers by itself: it is asked only when the classifier alone called a
message an emergency, and when it finds an everyday complaint the message is judged as if the
classifier had not (Guard._judged), and the reply leads with the emergency numbers all the same
(Verdict.unsure_emergency): a crisis it misreads is still shown where to turn first. The rules that
name an emergency outright are not asked to agree.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from tutor.core.safety import intents

DATA = Path(__file__).with_name("severity.yaml")
WEIGHTS = Path(__file__).with_name("severity-weights.npy")      # (features + 1) × 2, bias last (+ .json: its digest)
# Below this probability of urgent, a classifier's emergency is an everyday complaint. 0.10 by
# leave-one-writer-out cross-validation over four writers overruled 1 of their 269 emergencies, but
# 13 of 466 a reviewer wrote; with the reviewer's as a fifth writer, 0.05 overrules none of the first
# four's held out and 18 of the reviewer's 346; with stop 70's two writers of short messages, 9 of the
# reviewer's and 1 of 90 and 2 of 91 of their own (benchmarks/severity_cv.py, docs/safety.md).
ORDINARY_BELOW = 0.05
# From this probability of urgent, a message the tutor cannot answer (not covered, or refused) ends by
# saying where to turn, when the classifier also reads it as someone's own case or an emergency
# (Guard.may_be_serious): emergencies asked as questions ("is it safe to sleep after hitting your head
# if you've been sick twice?") were told only that the text does not cover them. Chosen on a writer's
# 300 questions and the development suites, checked on a second writer's (docs/safety.md, stop 70).
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
    settings = f"{intents.WORD_SLOTS}:{intents.WORD_WEIGHT}:{intents.L2}".encode()
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


class Severity:
    """The shipped weights; `ordinary` is the question Guard asks of a classifier's emergency."""

    def __init__(self, weights: np.ndarray) -> None:
        self.weights = weights.astype(np.float32)

    @classmethod
    def shipped(cls) -> "Severity":
        """Raises OSError or ValueError when the weights are missing, damaged or fitted on other examples."""
        try:
            meta = json.loads(WEIGHTS.with_suffix(".json").read_text(encoding="utf-8"))
            fresh = isinstance(meta, dict) and meta.get("digest") == digest()
            weights = np.load(WEIGHTS, allow_pickle=False) if fresh else None
        except (EOFError, TypeError, KeyError) as problem:     # an empty or cut file: np.load's own errors
            raise ValueError(f"{WEIGHTS.name} cannot be read: {problem}") from problem
        if not fresh:
            raise ValueError(f"{WEIGHTS.name} is out of date with {DATA.name}; run `python -m tutor.core.safety.refresh`")
        # an embedding's dimensions, the hashed words and a bias row, by two classes; finite
        if weights.ndim != 2 or weights.shape[1] != 2 or weights.shape[0] <= intents.WORD_SLOTS + 1 \
                or not np.isfinite(weights).all():
            raise ValueError(f"{WEIGHTS.name} is damaged")
        return cls(weights)

    def urgent(self, text: str, vector: np.ndarray) -> float:
        """The probability that the message tells (or asks about) something urgent."""
        return float(urgent_probability(self.weights, [text], vector.reshape(1, -1))[0])

    def ordinary(self, text: str, vector: np.ndarray) -> bool:
        """Whether the telling reads as an everyday complaint: urgent below ORDINARY_BELOW."""
        return self.urgent(text, vector) < ORDINARY_BELOW


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
    weights = fit(texts, labels, example_vectors(texts))
    np.save(WEIGHTS, weights.astype(np.float32))
    WEIGHTS.with_suffix(".json").write_text(json.dumps({"digest": digest(), "examples": len(texts)}) + "\n")
    print(f"Fitted the severity model on {len(texts)} examples into {WEIGHTS}.")
