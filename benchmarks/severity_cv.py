"""Leave-one-writer-out cross-validation of the severity model (tutor/core/safety/severity.py).

The model is asked only when the intent classifier alone called a message an emergency, so it is
judged on those messages: the emergencies it would overrule (they would be answered with the
emergency numbers instead of the emergency message) and the everyday complaints it would let
through. Each writer's examples are scored by a model fitted on everyone else's:

- intents.yaml's emergencies that the intent classifier, itself held out by writer (guard_cv.py),
  calls an emergency and no rule names;
- each complaint writer's (severity.yaml) messages that the shipped guard, without the severity
  model, gives the emergency message by its classifier.

Choose ORDINARY_BELOW here, missed emergencies first, never on an evaluation set.

    python benchmarks/severity_cv.py
    python benchmarks/severity_cv.py --floors 0.1,0.15,0.2 --show 0.15
    python benchmarks/severity_cv.py --linear          # the linear reading alone, as before stop 71
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import guard_cv  # noqa: E402

from tutor.core.safety import intents, severity  # noqa: E402
from tutor.core.safety.guard import _names_emergency  # noqa: E402
from tutor.core.safety.spelling import Respeller  # noqa: E402


def held_out_urgency(texts: list[str], labels: list[int], writers: list[str],
                     vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each example's reading of urgent by the models fitted without its writer: the linear one
    alone, and combined with the nearest examples (what the guard asks)."""
    linear, nearest = np.zeros(len(texts)), np.zeros(len(texts))
    y = np.asarray(labels)
    for writer in sorted(set(writers)):
        train = [i for i, w in enumerate(writers) if w != writer]
        test = [i for i, w in enumerate(writers) if w == writer]
        weights = severity.fit([texts[i] for i in train], [labels[i] for i in train], vectors[train])
        linear[test] = severity.urgent_probability(weights, [texts[i] for i in test], vectors[test])
        nearest[test] = severity.neighbours_urgent(vectors[train], y[train], vectors[test])
    return linear, severity.combined(linear, nearest)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floors", default="0.05,0.1,0.15,0.2,0.25,0.3,0.4,0.5", help="comma-separated values")
    parser.add_argument("--show", type=float, help="list the emergencies this floor would overrule")
    parser.add_argument("--linear", action="store_true", help="the linear model's reading alone (before stop 71)")
    args = parser.parse_args()

    from tutor.core.answer.tutor import Tutor

    # the intent classifier, held out by writer, on its own emergency examples
    pairs = intents.load_examples()
    i_texts, i_labels = [t for t, _ in pairs], [label for _, label in pairs]
    i_vectors = intents.example_vectors()
    probs = guard_cv.without_wordless_doses(
        guard_cv.held_out_probabilities(i_texts, i_labels, i_vectors, guard_cv.writers()), i_texts)
    respelt = Respeller(lambda: i_texts)
    by_classifier = {t for t, label, p in zip(i_texts, i_labels, probs)
                     if label == intents.EMERGENCY and guard_cv._is_emergency(p) and not _names_emergency(t, respelt)}

    texts, labels, writers = severity.examples()
    # intents.yaml's emergencies are held out by their own writers, as guard_cv.py holds them out
    writer_of = {t: w for t, w, label in zip(i_texts, guard_cv.writers(), i_labels) if label == intents.EMERGENCY}
    writers = [f"intents.yaml, {writer_of[t]}" if w == "intents.yaml" else w for t, w in zip(texts, writers)]
    linear, urgency = held_out_urgency(texts, labels, writers, severity.example_vectors(texts))
    if args.linear:
        urgency = linear

    # the shipped guard without the severity model, on the complaint writers' messages
    tutor = Tutor.open(ROOT / "corpus", ROOT / "index")
    tutor.guard._severity = False
    asked = []          # (writer, label, text, urgency) of the messages the severity model would be asked about
    for text, label, writer, p in zip(texts, labels, writers, urgency):
        if writer.startswith("intents.yaml"):
            if text in by_classifier:
                asked.append((writer, label, text, p))
            continue
        verdict = tutor.guard.classify(text)
        if verdict.reason == "emergency" and verdict.rule == "classifier":
            asked.append((writer, label, text, p))

    asked = [("intents.yaml" if w.startswith("intents.yaml") else w, y, t, p) for w, y, t, p in asked]
    names = list(dict.fromkeys(w for w, *_ in asked))
    print("Messages the classifier alone calls an emergency, by writer (urgent / ordinary):")
    for name in names:
        print(f"  {name:28} {sum(1 for w, y, *_ in asked if w == name and y)} / {sum(1 for w, y, *_ in asked if w == name and not y)}")
    print("\nBy floor: urgent overruled (want 0) · ordinary still given the emergency message")
    for floor in (float(f) for f in args.floors.split(",")):
        lost = sum(1 for _, y, _, p in asked if y and p < floor)
        kept = sum(1 for _, y, _, p in asked if not y and p >= floor)
        per = "  ".join(f"{n}: {sum(1 for w, y, _, p in asked if w == n and y and p < floor)}"
                        f"/{sum(1 for w, y, _, p in asked if w == n and not y and p >= floor)}" for n in names)
        print(f"  {floor:<5} {lost:3} urgent overruled · {kept:3} ordinary kept   ({per})")
    if args.show is not None:
        for writer, y, text, p in asked:
            if y and p < args.show:
                print(f"  overruled ({writer}, {p:.2f}): {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
