"""Conversations about a teacher's text: each fact sheet is added to a copy of the bundled corpus (as
a teacher would add it to `corpus/`, with no learner questions), and its scripted dialogues are run
through the whole tutor. A turn is right as issue 14 counts it: an answered turn cites the expected
evidence in its top three citations; a refused or not-covered turn has that status.

A pair is a text (`.md`) and a dialogue suite (`.yaml`, the format of eval/dialogues-dev*.yaml). With
`--sealed` only totals are printed, never a question, so a held-out set stays unread.

    python benchmarks/teacher_dialogues.py                      # the development dialogues (gout)
    python benchmarks/teacher_dialogues.py --dir eval/sealed/teacher-dialogues --sealed
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import newtext  # noqa: E402  (the corpus copies and the pairs of a folder)

DEVELOPMENT = [(ROOT / "eval/corpora/texts/gout.md", ROOT / "eval/corpora/dialogues-gout.yaml")]   # stop 73


def right(record: dict) -> bool:
    """Whether a turn is right: its status as expected, and an answer's evidence cited in the top three."""
    if record["status"] != record["expected_status"]:
        return False
    return bool(record.get("hit@3")) if record["expected_status"] == "answered" and record["judged"] else True


def score(text: Path, suite_path: Path) -> dict:
    from tutor.core.answer.tutor import Tutor
    from tutor.core.evaluation.runner import run_suite
    from tutor.core.evaluation.suite import load_suite

    tutor = Tutor.open(newtext.corpus_with(text), newtext.CACHE / f"index-{text.stem}")
    records = [r for result in run_suite(load_suite(suite_path), tutor, tutor.index.passages) for r in result.records]
    got, total = Counter(), Counter()
    for r in records:
        for key in ("turns", "follow-ups" if r["turn"] > 1 else "first turns", r["expected_status"]):
            total[key] += 1
            got[key] += right(r)
    return {"suite": suite_path.stem, **{k: f"{got[k]}/{total[k]}" for k in total},
            "dose leaks": sum(r["dose_leaks"] for r in records)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="a folder of <name>.yaml dialogue suites with texts/<name>.md")
    parser.add_argument("--sealed", action="store_true", help="print totals only (they are all this prints)")
    args = parser.parse_args()
    pairs = newtext.pairs_in(args.dir) if args.dir else DEVELOPMENT
    missing = [str(p) for pair in pairs for p in pair if not p.exists()]
    if missing or not pairs:
        raise SystemExit(f"Missing: {', '.join(missing)}" if missing else f"No <name>.yaml suites in {args.dir}.")
    for text, suite in pairs:
        result = score(text, suite)
        print("  ".join(f"{k} {v}" for k, v in result.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
