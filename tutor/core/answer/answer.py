"""The answer to one question, as data: rendering and JSON both read from it.

Every string meant for output (quotes, citation texts, glossary definitions, the message) has
already passed through the safety layer's `redact`. `ranked` holds the raw retrieval hits, for
/more; whatever shows them redacts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.core.corpus.passage import Passage
from tutor.core.vocab import PassageKind, Status

ANSWERED, REFUSED, NOT_COVERED = Status.ANSWERED, Status.REFUSED, Status.NOT_COVERED


@dataclass
class Citation:
    n: int
    passage: Passage
    text: str
    score: float

    def to_json(self) -> dict:
        return {"n": self.n, "passage_id": self.passage.id, "tier": self.passage.tier,
                "section": self.passage.section, "text": self.text, "score": round(self.score, 4)}


@dataclass
class Quote:
    n: int
    text: str


@dataclass
class GlossaryItem:
    term: str
    definition: str
    passage_id: str

    def to_json(self) -> dict:
        return {"term": self.term, "definition": self.definition, "passage_id": self.passage_id}


@dataclass
class Answer:
    question: str
    status: str
    reason: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    message: str = ""
    citations: list[Citation] = field(default_factory=list)     # best first: the passage the answer is built on, then by rank
    glossary: list[GlossaryItem] = field(default_factory=list)
    resolved_question: str = ""
    suggestions: list[str] = field(default_factory=list)
    nearest: str | None = None          # label of the closest section (refusals, not_covered)
    ranked: list = field(default_factory=list, repr=False)  # all retrieval hits, for /more
    topic: list[str] = field(default_factory=list)          # glossary terms this turn was about
    reading: str = "new"                # how the turn was read against the conversation (conversation.py)
    note: str = ""                      # a line said before the quotes ("nothing simpler on X; …")
    quoted_units: list[int] = field(default_factory=list, repr=False)   # for "and then?"
    every_unit: list[int] = field(default_factory=list, repr=False)     # every unit quoted (a follow-up that only repeats them says so)
    # led with the emergency numbers: the severity model doubted the classifier's emergency (Verdict.unsure_emergency);
    # kept out of the chat's history file as a refusal is
    maybe_urgent: bool = False
    # said where to turn (the emergency number) without the emergency message, as the message may come
    # from someone in trouble (Guard.may_be_serious, a personal refusal, a red flag asked in general):
    # kept out of the history file too
    may_be_serious: bool = False

    @property
    def text(self) -> str:
        """The answer as one string: quoted sentences with their [n] markers, or the message."""
        if self.quotes:
            quoted = "".join(f"{self.separator(i)}{q.text} [{q.n}]" for i, q in enumerate(self.quotes))
            # a refusal that quotes what the text says in general says why it refuses first
            said = [self.message] if self.status == REFUSED else []
            return " ".join(said + [self.note, quoted] if self.note else said + [quoted])
        return self.message

    def separator(self, i: int) -> str:
        """What goes before quote i: a space, or a line break around a reference or a table row,
        which are entries, not sentences of a paragraph ("what sources does the text cite?" read as
        one 20-line paragraph with the markers running into the next reference: a tester's)."""
        if i == 0:
            return ""
        kinds = {c.n: c.passage.kind for c in self.citations}
        entry = (PassageKind.REFERENCE, PassageKind.TABLE_ROW)
        # a list's items, each on a line of its own after the lead-in ("Complications … include")
        item = {c.n for c in self.citations if c.passage.context.strip()}
        if self.quotes[i].n in item and self.quotes[i].n != self.quotes[i - 1].n:
            return "\n"
        return "\n" if kinds.get(self.quotes[i].n) in entry or kinds.get(self.quotes[i - 1].n) in entry else " "

    @property
    def sources(self) -> list[Citation]:
        """The citations as a reader meets them: by their number, which follows the order the
        answer first quotes each passage (`citations` keeps the rank order, for evaluation)."""
        return sorted(self.citations, key=lambda c: c.n)

    def to_json(self, with_resolved: bool = False) -> dict:
        data = {
            "question": self.question, "status": self.status, "reason": self.reason,
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "glossary": [g.to_json() for g in self.glossary],
        }
        if with_resolved:
            data["resolved_question"] = self.resolved_question or self.question
            data["reading"] = self.reading
        return data
