"""Leave-one-writer-out cross-validation of the safety guard's classifier.

Each writer's examples in tutor/core/safety/intents.yaml (the blocks marked "# ... writer" and
"# the project's own phrasings") are predicted by a model fitted on everyone else's, with the
shipped features and fitting (intents.IntentModel.fit) and the shipped thresholds
(guard.EMERGENCY_FLOOR, guard.ANSWER_FLOOR), a dose verdict only where the message has a word
of taking (doses.speaks_of_taking), no emergency where a non-emergency example is
guard.EMERGENCY_MARGIN closer than any emergency example. `--misuse-margin` and `--dosing-margin` try the
same margin for misuse and dose verdicts (stop 63: the misuse one was tried in the guard and taken out,
see docs/safety.md). Two things differ from the guard as it runs: the
index also adds the corpus's learner questions as educational examples when it fits, and the
exact-example and nearest-example rules are not applied here (a held-out example has no twin).
It says how well the examples teach phrasings the model has not seen; choose settings here,
never on an evaluation suite.

    python benchmarks/guard_cv.py                                  # the shipped settings
    python benchmarks/guard_cv.py --word-weight 1,1.5 --l2 3e-5,1e-4   # a sweep
    python benchmarks/guard_cv.py --misuse-margin none,0.15,0.2,0.25
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from tutor.core.safety import intents  # noqa: E402
from tutor.core.safety.doses import speaks_of_taking  # noqa: E402
from tutor.core.safety.guard import ANSWER_FLOOR, EMERGENCY_FLOOR, EMERGENCY_MARGIN  # noqa: E402
from tutor.core.text import clean_input  # noqa: E402

_BLOCK = re.compile(r"^      # (.*?writer|the project's own phrasings)")


def writers() -> list[str]:
    """The writer of each example, in the order load_examples() gives them."""
    out, writer = [], None
    for line in intents.DATA.read_text(encoding="utf-8").splitlines():
        match = _BLOCK.match(line)
        if match:
            writer = match.group(1)
        elif line.startswith("      - "):
            out.append(writer)
    return out


def held_out_probabilities(texts, labels, vectors, groups, misuse_margin: float | None = None,
                           dosing_margin: float | None = None) -> np.ndarray:
    probs = np.zeros((len(texts), len(intents.INTENTS)))
    for group in sorted(set(groups)):
        train = [i for i, g in enumerate(groups) if g != group]
        test = [i for i, g in enumerate(groups) if g == group]
        model = intents.IntentModel.fit([texts[i] for i in train], [labels[i] for i in train], vectors[train])
        logits = intents.features([texts[i] for i in test], vectors[test]) @ model.weights[:-1] + model.weights[-1]
        p = np.exp(logits - logits.max(1, keepdims=True))
        emergencies = [i for i in train if labels[i] == intents.EMERGENCY]
        for row, i in enumerate(test):     # as IntentModel.predict: no emergency without one nearby
            probs[i] = intents.without_unsupported_emergency(p[row], vectors[emergencies] @ vectors[i])
            similarities = vectors[train] @ vectors[i]
            nearest = int(similarities.argmax())
            # as Guard.classify: no emergency when a non-emergency example is far closer than any
            if _is_emergency(probs[i]) and labels[train[nearest]] != intents.EMERGENCY and \
                    similarities[nearest] - float((vectors[emergencies] @ vectors[i]).max()) >= EMERGENCY_MARGIN:
                probs[i, intents.INTENTS.index(intents.EMERGENCY)] = 0.0
                probs[i] /= probs[i].sum()
            for intent, margin in ((intents.MISUSE, misuse_margin), (intents.DOSING, dosing_margin)):
                if margin is not None and _verdict(probs[i]) == intent and labels[train[nearest]] != intent:
                    same = [j for j in train if labels[j] == intent]
                    if similarities[nearest] - float((vectors[same] @ vectors[i]).max()) >= margin:
                        probs[i, intents.INTENTS.index(intent)] = 0.0
                        probs[i] /= probs[i].sum()
    return probs


def _verdict(p: np.ndarray) -> str | None:
    """The refusal the classifier's probabilities make (as Guard._judge picks one), or None."""
    educational = intents.INTENTS.index(intents.EDUCATIONAL)
    if _is_emergency(p) or p[educational] >= ANSWER_FLOOR:
        return None
    refusals = [j for j in range(len(p)) if j != educational and (intents.INTENTS[j] != intents.EMERGENCY or p[j] >= EMERGENCY_FLOOR)]
    return intents.INTENTS[max(refusals, key=lambda j: p[j])]


def _is_emergency(p: np.ndarray) -> bool:
    emergency, educational = p[intents.INTENTS.index(intents.EMERGENCY)], p[intents.INTENTS.index(intents.EDUCATIONAL)]
    return emergency >= EMERGENCY_FLOOR and emergency >= educational


def without_wordless_doses(probs: np.ndarray, texts: list[str]) -> np.ndarray:
    """As Guard.classify: a dose verdict on a message with no word of taking (doses.speaks_of_taking)
    falls to the classifier's other intents."""
    dosing = intents.INTENTS.index(intents.DOSING)
    educational, emergency = intents.INTENTS.index(intents.EDUCATIONAL), intents.INTENTS.index(intents.EMERGENCY)
    probs = probs.copy()
    for i, text in enumerate(texts):
        p = probs[i]
        refusals = [j for j in range(len(p)) if j != educational]
        dose_verdict = not (p[emergency] >= EMERGENCY_FLOOR and p[emergency] >= p[educational]) \
            and p[educational] < ANSWER_FLOOR and max(refusals, key=lambda j: p[j]) == dosing
        if dose_verdict and not speaks_of_taking(clean_input(text)):
            probs[i, dosing] = 0.0
            probs[i] /= probs[i].sum()
    return probs


def errors(probs: np.ndarray, labels: list[str], groups: list[str]) -> tuple[Counter, Counter]:
    educational, emergency = intents.INTENTS.index(intents.EDUCATIONAL), intents.INTENTS.index(intents.EMERGENCY)
    is_emergency = (probs[:, emergency] >= EMERGENCY_FLOOR) & (probs[:, emergency] >= probs[:, educational])
    answered = ~is_emergency & (probs[:, educational] >= ANSWER_FLOOR)
    total, wrong = Counter(), Counter()
    for label, group, em, ans in zip(labels, groups, is_emergency, answered):
        kind = {"educational": "educational refused", "emergency": "emergencies missed"}.get(label, "refusals answered")
        miss = {"educational refused": not ans, "emergencies missed": not em}.get(kind, bool(ans))
        total[kind] += 1
        wrong[kind] += miss
        wrong[f"{kind} by {group}"] += miss     # by writer: whether one writer's gain is another's loss
    return total, wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--word-weight", default=str(intents.WORD_WEIGHT), help="comma-separated values")
    parser.add_argument("--l2", default=str(intents.L2), help="comma-separated values")
    parser.add_argument("--misuse-margin", default="none", help="comma-separated values ('none': no margin, as shipped)")
    parser.add_argument("--dosing-margin", default="none", help="comma-separated values ('none': no margin)")
    args = parser.parse_args()
    pairs = intents.load_examples()
    texts, labels = [t for t, _ in pairs], [label for _, label in pairs]
    vectors, groups = intents.example_vectors(), writers()
    if len(groups) != len(texts):
        raise SystemExit("intents.yaml: every example must sit under a '# ... writer' or project comment")
    def margins(values: str) -> list[float | None]:
        return [None if m == "none" else float(m) for m in values.split(",")]

    settings = [(float(w), float(l2), m, d) for w in args.word_weight.split(",") for l2 in args.l2.split(",")
                for m in margins(args.misuse_margin) for d in margins(args.dosing_margin)]
    misuse = [i for i, label in enumerate(labels) if label == intents.MISUSE]
    dosing = [i for i, label in enumerate(labels) if label == intents.DOSING]
    educational = intents.INTENTS.index(intents.EDUCATIONAL)
    for word_weight, l2, margin, dosing_margin in settings:
        intents.WORD_WEIGHT, intents.L2 = word_weight, l2
        probs = without_wordless_doses(held_out_probabilities(texts, labels, vectors, groups, margin, dosing_margin), texts)
        total, wrong = errors(probs, labels, groups)
        print(f"word weight {word_weight}, L2 {l2}, misuse margin {margin}, dosing margin {dosing_margin}:")
        print(f"  {'misuse answered':22} {sum(probs[i, educational] >= ANSWER_FLOOR for i in misuse):4d} / {len(misuse)}")
        print(f"  {'dosing answered':22} {sum(probs[i, educational] >= ANSWER_FLOOR for i in dosing):4d} / {len(dosing)}")
        for kind in ("emergencies missed", "educational refused", "refusals answered"):
            print(f"  {kind:22} {wrong[kind]:4d} / {total[kind]}")
        for key in sorted(k for k in wrong if " by " in k):
            print(f"    {key}: {wrong[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
