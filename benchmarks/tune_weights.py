"""Choose the retrieval weights on the learner questions themselves, not on the evaluation suites.

Each learner question in corpus/questions.yaml is a query whose right answer is its passage. The
questions are split into folds; a fold's questions are searched against an index that does not
hold them (their vectors and BM25 rows are removed), so a question never finds itself. Coordinate
ascent then moves one weight at a time while the cross-validated hit@1 improves.

    .venv/bin/python benchmarks/tune_weights.py [--sample 600] [--folds 5] [--rounds 2]

It prints the hit@1 of the default profile's weights and of the best weights found; copying
them into tutor/core/search/profile.py is left to a person, who should then check eval/.
One round takes about four minutes on two cores.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from tutor.core.search import rank as retrieval  # noqa: E402
from tutor.core.search.profile import DEFAULT  # noqa: E402
from tutor.core.search.embed import query_encoder  # noqa: E402
from tutor.core.search.bm25 import KeywordIndex  # noqa: E402
from tutor.core.answer.tutor import open_index  # noqa: E402

GRID = {
    "w_question": [0.5, 0.6, 0.7, 0.8, 0.9],
    "w_keyword": [0.0, 0.05, 0.1, 0.15, 0.2, 0.3],
    "w_question_keyword": [0.0, 0.05, 0.1, 0.2, 0.3],
    "w_coverage": [0.0, 0.1, 0.2, 0.3],
    "w_neighbour": [0.0, 0.15, 0.3],
    "b_definition": [0.0, 0.1, 0.2, 0.3],
    "b_named": [0.0, 0.05, 0.1],
}


def without(index, hidden: set[int]):
    """The index with the learner questions at positions `hidden` removed."""
    keep = [i for i in range(len(index.questions)) if i not in hidden]
    questions = [index.questions[i] for i in keep]
    return dataclasses.replace(index, questions=questions, question_vectors=index.question_vectors[keep],
                               question_keyword=KeywordIndex.build([q for _, q in questions]))


def folds(index, sample: int, k: int, seed: int = 0):
    """(retriever without the fold's questions, [(question, passage id)]) for each of k folds."""
    picked = random.Random(seed).sample(range(len(index.questions)), min(sample, len(index.questions)))
    encoder = query_encoder()
    for f in range(k):
        part = picked[f::k]
        yield retrieval.Retriever(without(index, set(part)), encoder), [index.questions[i][::-1] for i in part]


def hit_at_1(prepared, weights: dict[str, float]) -> float:
    profile = DEFAULT.replace(**weights)
    hits = total = 0
    for retriever, queries in prepared:
        retriever.profile = profile
        for question, passage_id in queries:
            hits += retriever.search(question, k=1).hits[0].passage.id == passage_id
            total += 1
    return hits / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=600, help="learner questions used as queries")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2, help="passes of coordinate ascent over the grid")
    args = parser.parse_args()
    index = open_index(ROOT / "corpus", ROOT / "index")
    if not index.questions:
        sys.exit("corpus/questions.yaml has no questions to tune on.")
    prepared = list(folds(index, args.sample, args.folds))
    current = {name: getattr(DEFAULT, name) for name in GRID}
    queries = sum(len(q) for _, q in prepared)
    best = score = hit_at_1(prepared, current)
    print(f"weights in the default profile: hit@1 {score:.3f}  {current}", flush=True)
    for _ in range(args.rounds):
        for name, values in GRID.items():
            for value in values:
                trial = dict(current, **{name: value})
                s = hit_at_1(prepared, trial)
                if s >= best + 2 / queries:         # at least two more questions right, not noise
                    best, current = s, trial
                    print(f"  {name} = {value}: hit@1 {s:.3f}", flush=True)
    print(f"best found: hit@1 {best:.3f}  {current}")


if __name__ == "__main__":
    main()
