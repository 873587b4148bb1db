"""The tutor's shared names, each defined once: argparse choices, the suite format, JSON output,
the modules and the docs all read them from here. They are `StrEnum`s, so a member *is* its
string ("answered" == Status.ANSWERED) and JSON shows the plain value."""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    """Parts of the bundled text. The first three are levels a learner can choose."""

    FUNDAMENTALS = "Fundamentals"
    INTERMEDIATE = "Intermediate"
    ACADEMIC = "Academic"
    REFERENCES = "References"
    REFLECTION = "Reflection"
    GLOSSARY = "Glossary"


LEVELS = (Tier.FUNDAMENTALS, Tier.INTERMEDIATE, Tier.ACADEMIC)   # simplest first
LEVEL_NAMES = tuple(t.lower() for t in LEVELS)                    # "fundamentals", … as typed
AUTO = "auto"


class PassageKind(StrEnum):
    PROSE = "prose"              # a chunk of a paragraph
    BULLET = "bullet"            # one "- Name ∞ description" item
    TABLE_ROW = "table_row"      # one row, each cell with its column header
    REFERENCE = "reference"      # one entry of the reference list


ITEM_KINDS = (PassageKind.BULLET, PassageKind.TABLE_ROW)         # passages about one named thing


class Status(StrEnum):
    ANSWERED = "answered"
    REFUSED = "refused"
    NOT_COVERED = "not_covered"


class Reason(StrEnum):
    """Why a question was refused."""

    DOSING = "dosing"                # amounts, schedules, tapering, stopping, injecting, equipment
    PERSONAL = "personal_medical"    # decisions about the asker's own body, medicines or results
    MISUSE = "misuse"                # obtaining medicines without a prescription, or misusing them
    EMERGENCY = "emergency"


class SearchMode(StrEnum):
    HYBRID = "hybrid"
    DENSE = "dense"
    BM25 = "bm25"


class QuizMode(StrEnum):
    MIXED = "mixed"
    RECALL = "recall"
    RECOGNITION = "recognition"
    CLOZE = "cloze"


# Evaluation metrics, in the order reports list them.
METRICS = ("hit@1", "hit@3", "hit@5", "mrr@10", "ndcg@10", "groundedness", "citation_precision",
           "status_accuracy", "refusal_recall", "false_refusal_rate", "dose_leaks", "latency_p50_ms",
           "latency_p95_ms", "glossary_accuracy", "not_covered_precision", "not_covered_recall",
           "key_recall", "complete", "quote_precision", "answer_chars")


def values(enum) -> tuple[str, ...]:
    """The plain strings of an enum, e.g. for argparse choices and error messages."""
    return tuple(member.value for member in enum)
