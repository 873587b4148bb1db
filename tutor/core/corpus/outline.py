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


def file_subjects(corpus_dir) -> list[str]:
    """The same, read from the files' headings without parsing them (the chat's first line is
    printed before the index loads): a file with the bundled text's tiers is about its subject,
    a Markdown file about its first `#` heading, any other file about its name."""
    from tutor.core.corpus.load import corpus_files
    from tutor.core.corpus.parse import TIERS

    out: list[str] = []
    for path in corpus_files(corpus_dir):
        try:
            lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
        except (UnicodeDecodeError, OSError):
            continue            # left out of the index too (not UTF-8): no subject it teaches
        if not any(lines):
            continue            # an empty file teaches nothing
        heading = next((line[2:].strip() for line in lines if line.startswith("# ")), "")
        if any(line in TIERS for line in lines):
            subject = BUNDLED_SUBJECT
        else:
            subject = heading or path.stem.replace("-", " ").replace("_", " ").strip().title()
        if subject not in out:
            out.append(subject)
    return out
