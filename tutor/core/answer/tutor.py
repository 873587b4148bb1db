"""The tutor's core: one question in, one answer out, no I/O.

The chat, `tutor ask` and the evaluator call `Tutor.answer` (the quiz reads only the index); the command line only
reads input and renders the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tutor.core.answer.answer import REFUSED, Answer
from tutor.core.answer.compose import compose
from tutor.core.answer.conversation import Conversation
from tutor.core.search.store import Index, IndexProblem, build_index, load_index
from tutor.core.search.profile import DEFAULT, SearchProfile
from tutor.core.search.rank import Retriever
from tutor.core.safety import classify
from tutor.core.safety.messages import refusal
from tutor.core.text import clean_input
from tutor.core.vocab import Reason, SearchMode

MAX_QUESTION_CHARS = 2000


@dataclass
class Tutor:
    index: Index
    retriever: Retriever

    @classmethod
    def open(cls, corpus_dir: Path, index_dir: Path, *, mode: str = SearchMode.HYBRID, encoder=None,
             on_rebuild: Callable[[str], None] | None = None, progress=None,
             profile: SearchProfile = DEFAULT) -> "Tutor":
        """Load the index (rebuilding it first if it is missing, stale or damaged) and the encoder."""
        index = open_index(corpus_dir, index_dir, on_rebuild=on_rebuild, progress=progress, profile=profile)
        return cls.from_index(index, mode=mode, encoder=encoder, profile=profile)

    @classmethod
    def from_index(cls, index: Index, *, mode: str = SearchMode.HYBRID, encoder=None,
                   profile: SearchProfile = DEFAULT) -> "Tutor":
        """A tutor over an index already open (a command that just rebuilt it need not load it again)."""
        if encoder is None:
            from tutor.core.search.embed import query_encoder

            encoder = query_encoder(profile=profile)
        return cls(index, Retriever(index, encoder, mode, profile))

    @property
    def glossary(self):
        return self.index.glossary

    def answer(self, question: str, conversation: Conversation | None = None, level: str = "auto") -> Answer:
        """Answer one question: guard, resolve follow-ups, retrieve, compose; records the turn."""
        question = clean_input(question)[:MAX_QUESTION_CHARS]
        if not question:
            raise ValueError("empty question")
        conversation = conversation if conversation is not None else Conversation()
        resolved = conversation.resolve(question, self.glossary, self.retriever.is_common_term)
        verdict = classify(question, context=conversation.topic_text)
        if not verdict.refused and resolved != question:
            verdict = classify(resolved)
        if verdict.refused:
            answer = self._refusal(question, resolved, verdict.reason, conversation)
        else:
            tier = None if level in (None, "auto") else level
            retrieval = self.retriever.search(resolved, k=10, tier=tier)
            answer = compose(question, resolved, retrieval, self.retriever, self.glossary)
        conversation.record(question, resolved, answer.status, answer.topic, [c.passage.id for c in answer.citations],
                            focus=conversation.swapped_focus(question))
        return answer

    def _refusal(self, question: str, resolved: str, reason: str, conversation: Conversation) -> Answer:
        """A refusal that names what the tutor can explain about the same subject."""
        mentions = self.glossary.mentions(resolved)
        entry = mentions[0].entry if mentions else self._topic_entry(conversation)
        section = None
        if entry and entry.passage_id in self.index.by_id:
            p = self.index.by_id[entry.passage_id]
            section = " › ".join(dict.fromkeys([p.tier, p.section]))
        topic = [m.entry.term for m in mentions] or conversation.topic
        message = refusal(reason, entry.term if entry else None, section)
        return Answer(question=question, status=REFUSED, reason=reason, message=message,
                      resolved_question=resolved, nearest=section, topic=topic if reason != Reason.EMERGENCY else [])

    def _topic_entry(self, conversation: Conversation):
        for name in conversation.topic:
            entry = self.glossary.lookup(name, fuzzy=False)
            if entry:
                return entry
        return None


def open_index(corpus_dir: Path, index_dir: Path, on_rebuild=None, progress=None,
               profile: SearchProfile = DEFAULT) -> Index:
    """The index, rebuilt first (with one line saying why) when it cannot be used as it is."""
    try:
        return load_index(corpus_dir, index_dir, profile)
    except IndexProblem as problem:
        if on_rebuild:
            on_rebuild(_rebuild_reason(str(problem), index_dir))
        return build_index(corpus_dir, index_dir, progress=progress, profile=profile)


def _rebuild_reason(problem: str, index_dir: Path) -> str:
    if problem == "there is no index yet":
        return f"There is no index in {index_dir} yet; building it now."
    return f"The index in {index_dir} cannot be used ({problem}); rebuilding it now."
