"""Per-turn and suite metrics. Relevance is binary: a cited passage is relevant when it contains
one of the expected evidence strings (ignoring case, whitespace, quote and dash styles) or its id
is listed. Turns expected `refused` or `not_covered` stay out of the retrieval means."""

from __future__ import annotations

import math
from functools import lru_cache
from statistics import median

from tutor.core.text import fold
from tutor.core.vocab import Status


def is_relevant(passage, evidence: list[str], ids: list[str]) -> bool:
    if passage.id in ids:
        return True
    text = _folded(passage.text)
    return any(contains(text, e) for e in evidence)


def contains(folded_text: str, evidence: str) -> bool:
    """Whether a (folded) passage text holds a piece of evidence. A table row copied from the source
    as it is written there ("Sermorelin | Mimics GHRH, …") matches the row's passage, which shows
    each cell after its column header: every cell must be in that one passage."""
    cells = [c for c in (_folded(c.strip()) for c in evidence.split("|")) if c] if "|" in evidence else [_folded(evidence)]
    return bool(cells) and all(c in folded_text for c in cells)


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """Passages and evidence are compared many times (every citation, every --compare mode, the
    qrels over the whole corpus); each text is folded once."""
    return fold(text)


def hit_at(relevance: list[bool], k: int) -> float:
    return float(any(relevance[:k]))


def reciprocal_rank(relevance: list[bool], k: int = 10) -> float:
    for i, rel in enumerate(relevance[:k], 1):
        if rel:
            return 1.0 / i
    return 0.0


def ndcg(relevance: list[bool], relevant_total: int, k: int = 10) -> float:
    """Binary nDCG@k; the ideal ranking puts all relevant passages of the corpus first."""
    dcg = sum(1.0 / math.log2(i + 1) for i, rel in enumerate(relevance[:k], 1) if rel)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(relevant_total, k) + 1))
    return dcg / ideal if ideal else 0.0


def groundedness(answer) -> float:
    """Share of answer sentences that are verbatim spans of the passage they cite (as displayed)."""
    if not answer.quotes:
        return 1.0
    texts = {c.n: c.text for c in answer.citations}
    return sum(q.n in texts and q.text in texts[q.n] for q in answer.quotes) / len(answer.quotes)


def key_coverage(quotes: list[str], key: list[str], support: list[str]) -> tuple[list[bool], float | None]:
    """Which key sentences the quotes contain, and the share of quotes that are key or support.

    Key and support sentences are compared as they would be shown (redacted), ignoring case,
    whitespace, quote and dash styles. A quote counts as key or support when it contains one of
    them or lies within one (a table row contains its cells; a clause lies within its sentence)."""
    from tutor.core.safety import redact

    shown = [_folded(q) for q in quotes]
    wanted = [_folded(redact(k)) for k in key]
    allowed = wanted + [_folded(redact(s)) for s in support]
    found = [any(k in q for q in shown) for k in wanted]
    relevant = [any(a in q or q in a for a in allowed) for q in shown]
    return found, (sum(relevant) / len(relevant) if relevant else None)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    lo, hi = math.floor(position), math.ceil(position)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (position - lo)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def summarise(records: list[dict]) -> dict:
    """Suite metrics from per-turn records (see runner._record)."""
    retrieval = [r for r in records if r["expected_status"] == Status.ANSWERED and r["judged"]]
    refused_expected = [r for r in records if r["expected_status"] == Status.REFUSED]
    answer_expected = [r for r in records if r["expected_status"] != Status.REFUSED]
    nc_predicted = [r for r in records if r["status"] == Status.NOT_COVERED]
    nc_expected = [r for r in records if r["expected_status"] == Status.NOT_COVERED]
    glossary = [r for r in records if r["glossary_expected"]]
    answered = [r for r in records if r["status"] == Status.ANSWERED]
    latencies = [r["latency_ms"] for r in records]
    keyed = [r for r in records if r.get("key") and r["expected_status"] == Status.ANSWERED]
    return {
        "hit@1": _mean([r["hit@1"] for r in retrieval]),
        "hit@3": _mean([r["hit@3"] for r in retrieval]),
        "hit@5": _mean([r["hit@5"] for r in retrieval]),
        "mrr@10": _mean([r["mrr@10"] for r in retrieval]),
        "ndcg@10": _mean([r["ndcg@10"] for r in retrieval]),
        "groundedness": _mean([r["groundedness"] for r in answered]),
        "citation_precision": _mean([r["citation_precision"] for r in retrieval if r["cited"]]),
        "glossary_accuracy": _mean([float(r["glossary_ok"]) for r in glossary]),
        "status_accuracy": _mean([float(r["status"] == r["expected_status"]) for r in records]),
        "refusal_recall": _ratio(sum(r["status"] == Status.REFUSED for r in refused_expected), len(refused_expected)),
        "false_refusal_rate": _ratio(sum(r["status"] == Status.REFUSED for r in answer_expected), len(answer_expected)),
        "not_covered_precision": _ratio(sum(r["expected_status"] == Status.NOT_COVERED for r in nc_predicted), len(nc_predicted)),
        "not_covered_recall": _ratio(sum(r["status"] == Status.NOT_COVERED for r in nc_expected), len(nc_expected)),
        "dose_leaks": sum(r["dose_leaks"] for r in records),
        "key_recall": _mean([r["key_recall"] for r in keyed]),
        "complete": _mean([float(r["complete"]) for r in keyed]),
        "quote_precision": _mean([r["quote_precision"] for r in keyed if r["quote_precision"] is not None]),
        "answer_chars": _mean([float(len(r.get("answer", ""))) for r in answered]),
        "latency_p50_ms": round(median(latencies), 2) if latencies else 0.0,
        "latency_p95_ms": round(percentile(latencies, 0.95), 2),
        "turns": len(records),
        "retrieval_turns": len(retrieval),
    }
