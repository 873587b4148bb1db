"""Passage ids by their shortest unique ending: the long ones do not fit an 80-column line
("intermediate/testosterone-recalibration-protocols-for-men/clomid-clomiphene-citrate" is 83
characters), and a learner copies what is shown into /source, so /source takes any ending of
whole segments that only one id has ("clomid-clomiphene-citrate", "academic/introduction/p1-1")."""

from __future__ import annotations

from collections import Counter


def _endings(passage_id: str) -> list[str]:
    """An id's endings of whole segments, shortest first."""
    parts = passage_id.split("/")
    return ["/".join(parts[n:]) for n in range(len(parts) - 1, -1, -1)]


def unique_endings(ids: list[str]) -> dict[str, str]:
    """Each id's shortest ending that no other id has (the whole id when every shorter one is shared)."""
    counts = Counter(e for i in ids for e in _endings(i))
    return {i: next((e for e in _endings(i) if counts[e] == 1), i) for i in ids}


def matching(ref: str, ids: list[str]) -> list[str]:
    """The ids a typed reference names: the id itself, else every id it is a whole-segment ending of."""
    ref = ref.strip().strip("/").lstrip("…").lstrip(".").strip("/")
    if ref in ids:
        return [ref]
    return [i for i in ids if i.endswith("/" + ref)] if ref else []
