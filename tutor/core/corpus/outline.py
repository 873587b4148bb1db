"""The text's outline: its tiers and sections in reading order, with where each starts."""

from __future__ import annotations


def outline(passages) -> list[tuple[str, str, str, int]]:
    """(tier, section, first passage id, passage count) for each section in reading order."""
    rows: dict[tuple[str, str], list] = {}
    for p in passages:
        rows.setdefault((p.tier, p.section), []).append(p.id)
    return [(tier, section, ids[0], len(ids)) for (tier, section), ids in rows.items()]


BUNDLED_SUBJECT = "how the body makes its own hormones and how clinicians help restore that"


def subjects(passages) -> list[str]:
    """What the corpus is about, for a learner told the text does not cover a question: the
    bundled text's subject when its tiers are there, and the title of every other file."""
    from tutor.core.corpus.parse import TIERS

    out: list[str] = []
    for p in passages:
        subject = BUNDLED_SUBJECT if p.tier in TIERS else p.tier
        if subject not in out:
            out.append(subject)
    return out
