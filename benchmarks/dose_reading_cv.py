"""Leave-one-writer-out check of the redaction's dose reading (tutor/core/safety/dose_reading.py):
each writer's handout sentences redacted with a model fitted without them, scored as
benchmarks/redaction_check.py scores them, at several floors. This is how DOSE_FROM is chosen.

    python benchmarks/dose_reading_cv.py                      # the shipped example writers
    python benchmarks/dose_reading_cv.py --floors 0.6 0.7 0.8 0.9
    python benchmarks/dose_reading_cv.py --also eval/sealed/redaction.yaml   # a set no model saw: totals only
    python benchmarks/dose_reading_cv.py --show handouts-3          # a development writer's misses

The first row of each writer is the patterns alone (no reading).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="example files (one per writer); default: the shipped ones")
    parser.add_argument("--floors", type=float, nargs="+", default=[0.5, 0.6, 0.7, 0.8, 0.9])
    parser.add_argument("--also", type=Path, nargs="*", default=[],
                        help="other marked sets to score with a model fitted on every writer")
    parser.add_argument("--none-below", type=float, nargs="+", default=[0.3],
                        help="floors under which a sentence of a passage naming no medicine reads as giving no dose")
    parser.add_argument("--sentences", action="store_true", help="items as sentences of unknown passages (no `within`)")
    parser.add_argument("--show", metavar="WRITER", help="print this example writer's misses at the first floor")
    args = parser.parse_args()

    from redaction_check import score
    from tutor.core.search.embed import offline, query_encoder
    from tutor.core.safety import dose_reading

    offline()
    redact_module = importlib.import_module("tutor.core.safety.redact")
    files = dose_reading.example_files(args.dir) if args.dir else dose_reading.example_files()
    by_writer = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["items"] for p in files}
    sentences = {w: dose_reading.labelled_sentences(items) for w, items in by_writer.items()}
    every = [t for w in sentences for t in sentences[w][0]]
    vectors = dict(zip(every, dose_reading.example_vectors(every))) if every else {}
    encoder = query_encoder("numpy")

    def run(items: list[dict], fitted_on: list[str], floor: float | None, none_below: float = 0.0) -> dict:
        texts = [t for w in fitted_on for t in sentences[w][0]]
        labels = np.array([y for w in fitted_on for y in sentences[w][1]])
        x = np.vstack([vectors[t] for t in texts])
        reader = dose_reading.DoseReader(dose_reading.fit(texts, list(labels), x), x, labels)
        dose_reading._reader.cache_clear()
        redact_module.redact.cache_clear()
        original, shipped_floor, shipped_none = dose_reading._reader, dose_reading.DOSE_FROM, dose_reading.NO_DOSE_BELOW
        dose_reading.NO_DOSE_BELOW = none_below
        dose_reading._reader = (lambda: None) if floor is None else (lambda: (reader, encoder))
        dose_reading.DOSE_FROM = floor if floor is not None else 1.0
        try:
            return score(items, as_passages=not args.sentences)
        finally:
            dose_reading._reader, dose_reading.DOSE_FROM = original, shipped_floor
            dose_reading.NO_DOSE_BELOW = shipped_none
            redact_module.redact.cache_clear()

    print("writer held out        floor   dose details shown   non-dose numbers lost")
    totals: dict = {}
    for held in by_writer:
        others = [w for w in by_writer if w != held]
        for floor, none_below in [(None, 0.0)] + [(f, n) for f in args.floors for n in args.none_below]:
            r = run(by_writer[held], others, floor, none_below)
            key = "patterns" if floor is None else f"{floor:.2f}/{none_below:.2f}"
            t = totals.setdefault(key, [0, 0, 0, 0])
            t[0] += r["shown"]; t[1] += r["hide"]; t[2] += r["lost"]; t[3] += r["keep"]
            print(f"{held:22} {key:>8}   {r['shown']:>4} / {r['hide']:<4}         {r['lost']:>4} / {r['keep']}")
            if held == args.show and floor == args.floors[0] and none_below == args.none_below[0]:
                for n, kind, marked, shown in r["misses"]:
                    print(f"    #{n} {'SHOWN' if kind == 'hide' else 'LOST '} {marked!r}: {shown}")
    for key, (shown, hide, lost, keep) in totals.items():
        print(f"{'all writers':22} {key:>8}   {shown:>4} / {hide:<4}         {lost:>4} / {keep}")
    for path in args.also:
        items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
        for floor, none_below in [(None, 0.0)] + [(f, n) for f in args.floors for n in args.none_below]:
            r = run(items, list(by_writer), floor, none_below)
            key = "patterns" if floor is None else f"{floor:.2f}/{none_below:.2f}"
            print(f"{path.name:22} {key:>8}   {r['shown']:>4} / {r['hide']:<4}         {r['lost']:>4} / {r['keep']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
