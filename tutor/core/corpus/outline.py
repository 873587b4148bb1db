"""The text's outline: its tiers and sections in reading order, with where each starts."""

from __future__ import annotations


def outline(passages) -> list[tuple[str, str, str, int]]:
    """(tier, section, first passage id, passage count) for each section in reading order."""
    rows: dict[tuple[str, str], list] = {}
    for p in passages:
        rows.setdefault((p.tier, p.section), []).append(p.id)
    return [(tier, section, ids[0], len(ids)) for (tier, section), ids in rows.items()]
