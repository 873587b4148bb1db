"""Questions about the text itself ("what does the text cover?", "what's in the academic part?"),
answered with its outline: the headings as the text gives them, in reading order.

Asked of the search, such a question found whatever sentence shares its words ("what is this
text about?" quoted "The aim is to recalibrate the endocrine system …") or was told "The text
doesn't cover that"; a learner's first question is often this one. The headings are the text's
own words, so the answer stays extractive; it cites nothing, as /topics cites nothing.
"""

from __future__ import annotations

import re
from typing import Callable

from tutor.core.answer.answer import ANSWERED, Answer
from tutor.core.clauses import DOCUMENT_WORDS
from tutor.core.corpus.outline import outline
from tutor.core.corpus.parse import TIERS
from tutor.core.safety.redact import redact

# the words for a document the project already knows, and a course's ("the course", "this lesson");
# always after "the"/"this" here, so "in fact" or "a reading" cannot be taken for one
_DOC = rf"(?:{'|'.join((*DOCUMENT_WORDS, 'material', 'book', 'course', 'tutor', 'lesson', 'resource'))})"
_THE = r"(?:the|this|that|your|its|these)"
_PARTS = r"(?:sections?|parts?|chapters?|tiers?|levels?|topics|subjects|headings|units|modules)"
_LEVELS = "|".join(t.lower() for t in TIERS)
# a coverage verb with no topic after it: "what does the text cover?", not "… cover about sleep?"
_NO_TOPIC_AFTER = r"(?!\s+(?:about|on|regarding|concerning|for|in)\s+\w)"
_ASKS = re.compile(
    rf"\bwhat\s+(?:does|do|will|can)\s+{_THE}\s+(?:\w+\s+){{0,2}}{_DOC}\s+(?:cover|contain|include|discuss|teach|"
    rf"explain|go\s+(?:over|through)|deal\s+with){_NO_TOPIC_AFTER}"
    rf"|\bwhat(?:'s|’s|\s+is|s)?\s+{_THE}\s+(?:\w+\s+){{0,2}}{_DOC}\s+(?:about|on|for)\W*$"
    rf"|^\W*what(?:'s|’s|\s+is|s)?\s+this\s+(?:all\s+)?about\W*$"
    rf"|\b(?:what|which)\s+(?:are\s+)?(?:the\s+)?(?:main\s+)?{_PARTS}\s+(?:(?:are|is)\s+)?(?:(?:of|in)\s+{_THE}\s+"
    rf"(?:\w+\s+){{0,2}}{_DOC}|(?:does|do|can)\s+{_THE}\s+(?:\w+\s+){{0,2}}{_DOC}\s+(?:have|cover|contain|include))\W*$"
    rf"|\b(?:outline|overview|summary|table\s+of\s+contents|structure|layout)\s+(?:of|for)\s+{_THE}\s+(?:\w+\s+){{0,2}}{_DOC}"
    rf"(?:\W+please)?\W*$"
    rf"|\bhow\s+is\s+{_THE}\s+(?:\w+\s+){{0,2}}{_DOC}\s+(?:organi[sz]ed|structured|laid\s+out|set\s+up)"
    rf"|\bwhat\s+(?:topics\s+)?can\s+(?:i|we)\s+(?:ask|learn)(?:\s+about)?\W*$",
    re.IGNORECASE)
# "what's in the academic part?", "what does the fundamentals section cover?"
_LEVEL_ASKED = re.compile(
    rf"(?:\b(?:what(?:'s|’s|\s+is|s)?\s+(?:in|covered\s+in|inside)|what\s+(?:does|do)|summari[sz]e|outline)"
    rf"|^\W*(?:and|what\s+about|how\s+about))\s+(?:the\s+)?"
    rf"(?P<level>{_LEVELS})(?:\s+{_PARTS}|\s+{_DOC})?(?:\s+(?:cover|contain|include|discuss|teach|about))?"
    rf"{_NO_TOPIC_AFTER}\W*$", re.IGNORECASE)


def asked_outline(question: str) -> tuple[bool, str | None]:
    """(whether the question asks what the text covers, the level it asks about or None)."""
    level = _LEVEL_ASKED.search(question)
    if level:
        return True, next(t for t in TIERS if t.lower() == level.group("level").lower())
    return bool(_ASKS.search(question)), None


def outline_answer(question: str, resolved: str, passages,
                   file_named: Callable[[str], str | None] = lambda _: None) -> Answer | None:
    """The outline as the answer, when the question asks for it: every part of the corpus (or of
    the file the question names, `file_named`: looked up only then, not on every question), or the
    level it names. None otherwise."""
    asked, level = asked_outline(resolved)
    if not asked:
        return None
    source = file_named(resolved)
    parts: dict[str, list[str]] = {}
    kept = [p for p in passages if source is None or p.source == source]
    for tier, section, _, _ in outline(kept):
        if level is not None and tier != level:
            continue
        sections = parts.setdefault(tier, [])
        if section and section != tier:
            sections.append(section)
    if not parts:
        return None
    if level is not None:
        lines = [f"- {section}" for section in parts[level]] or [f"- {level}"]
        opening = f"The {level} part of the text has these sections:"
    else:
        lines = [f"- {tier}: {' · '.join(sections)}" if sections else f"- {tier}" for tier, sections in parts.items()]
        opening = "The text's parts and their sections, in reading order:" if len({p.source for p in kept}) == 1 \
            else "The texts, their parts and sections, in reading order:"
    closing = "Ask about any of them; /topics in the chat (or tutor topics) shows where each starts."
    message = "\n".join(redact(line) for line in [opening, *lines, closing])
    return Answer(question=question, status=ANSWERED, resolved_question=resolved, message=message)
