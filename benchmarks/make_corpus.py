"""Generate a large corpus from the bundled text: its real sentences recombined into new
paragraphs (Markdown, so headings give structure). Deterministic for a given seed.

    python benchmarks/make_corpus.py --passages 100000 --out /tmp/tutor-scale/corpus
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sentences() -> list[str]:
    from tutor.core.corpus.load import load_corpus

    corpus = load_corpus(ROOT / "corpus")
    return [s for p in corpus.passages if p.kind in ("prose", "bullet") for s in p.sentence_texts() if len(s) > 40]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = sentences()
    args.out.mkdir(parents=True, exist_ok=True)
    for extra in ("glossary.yaml", "synonyms.yaml"):
        shutil.copy(ROOT / "corpus" / extra, args.out / extra)
    per_section, per_tier = 50, 40
    with open(args.out / "generated.md", "w", encoding="utf-8") as out:
        for n in range(args.passages):
            if n % (per_section * per_tier) == 0:
                out.write(f"\n# Generated Tier {n // (per_section * per_tier) + 1}\n")
            if n % per_section == 0:
                out.write(f"\n## Section {n // per_section + 1}\n")
            paragraph = " ".join(rng.sample(pool, 2))
            while len(paragraph) > 300:
                paragraph = " ".join(rng.sample(pool, 2))
            out.write(f"\n{paragraph}\n")
    print(f"Wrote {args.passages} paragraphs to {args.out / 'generated.md'}")


if __name__ == "__main__":
    main()
