"""A conversation's memory, and follow-up resolution without a language model.

"and hexarelin?" after "What is sermorelin?" becomes "What is hexarelin?"; "how does it work?"
after a question about Clomid becomes "how does Clomid work?"; "is that permanent?" after a
question about suppression is searched together with that question. The rules:

1. "and X?" / "what about X?" with a short X swaps X for the previous question's subject.
2. A pronoun before any specific term the question names points at the current topic, and is
   replaced by its name.
3. When the topic has no specific name (or the pronoun is a bare "that"), the question is
   searched together with the previous one.
4. A question that names its own subject starts a new topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from tutor.core.corpus.glossary import Glossary, Mention
from tutor.core.text import clean_input

_LEAD = re.compile(r"^\s*(?:and|so|ok|okay|also|plus|then|but|or|now|and\s+what\s+about|what\s+about|how\s+about|same\s+for)\b[\s,]*", re.I)
_WH = re.compile(r"\b(?:what|how|why|which|who|whom|when|where|does|do|is|are|can|could|should|would|will|tell|explain)\b", re.I)
_PRONOUN = re.compile(
    r"\b(?:(?:this|that|these|those)\s+(?:drug|drugs|medication|medications|medicine|medicines|med|meds|peptide|peptides|"
    r"hormone|hormones|agent|agents|compound|compounds|cells|axis|process|protein|enzyme|therapy|treatment)|it|its|it's|they|them|their|theirs|this|that|these|those)\b",
    re.I)
_META_NOUN = re.compile(r"\s+(?:section|part|paper|study|reference|tier|passage|sentence|table|row|list|question|answer|text|"
                        r"book|chapter|topic|case|point|idea|way|time|one|kind|sort|type)\b", re.I)
_DUMMY_IT = re.compile(r"it\s+(?:takes?\s+(?:for|to|long)|means?\s+to|seems?|happens?\s+that|is\s+(?:true|possible|said|thought))"
                       r"|it\s+(?:is|was)\s+(?:true|possible|normal|common|important|necessary|the\s+case)\b", re.I)
_BEFORE_DUMMY_IT = re.compile(r"\b(?:is|was|does|do)\s+$", re.I)
_CONJUNCTION_THAT = re.compile(r"\b(?:so|such|says|say|said|mean|means|think|idea|fact|know|true|show|shows|suggests?)\s*$", re.I)
_PLURAL = re.compile(r"^(?:they|them|their|theirs|these|those)$", re.I)
_SHORT = 3
_STOP = {"the", "a", "an", "of", "for", "to", "in", "on", "with", "about", "one"}


@dataclass
class Turn:
    question: str
    resolved: str
    status: str
    topic: list[str]
    passage_ids: list[str]
    focus: str = ""     # the phrase of `resolved` that a later "and X?" replaces


@dataclass
class Conversation:
    """What the learner has asked so far; the current topic is the latest turn's subject."""

    turns: list[Turn] = field(default_factory=list)
    level: str = "auto"

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    @property
    def topic(self) -> list[str]:
        """Names of the current topic (latest turn that had one), most salient first."""
        for turn in reversed(self.turns):
            if turn.topic:
                return turn.topic
        return []

    @property
    def topic_text(self) -> str:
        return ", ".join(self.topic)

    def record(self, question: str, resolved: str, status: str, topic: list[str], passage_ids: list[str],
               focus: str = "") -> None:
        if not focus:
            focus = next((t for t in topic if t.lower() in resolved.lower()), "")
        self.turns.append(Turn(question, resolved, status, topic, passage_ids, focus))
        del self.turns[:-20]

    def resolve(self, question: str, glossary: Glossary, is_common: Callable[[str], bool] = lambda _: False) -> str:
        """The question with its references to earlier turns spelled out (or unchanged)."""
        question = clean_input(question)
        if not self.turns:
            return question
        mentions = [m for m in glossary.mentions(question) if not is_common(m.entry.term)]
        for rule in (self._swap_subject, self._replace_pronoun):
            resolved = rule(question, mentions, is_common)
            if resolved:
                return resolved
        return question

    def swapped_focus(self, question: str) -> str:
        """The new subject phrase when `question` is an "and X?" follow-up, else ""."""
        lead = _LEAD.match(question)
        if not lead:
            return ""
        rest = question[lead.end():].strip(" ?.!,")
        words = [w for w in re.findall(r"[\w'-]+", rest) if w.lower() not in _STOP]
        if not words or len(words) > _SHORT or _WH.search(rest):
            return ""
        return rest

    def _swap_subject(self, question: str, mentions: list[Mention], is_common) -> str | None:
        """"and hexarelin?" -> the previous question with hexarelin as its subject."""
        new = self.swapped_focus(question)
        last = self.last
        if not new or last is None:
            return None
        old = last.focus
        if old and old.lower() in last.resolved.lower():
            at = last.resolved.lower().index(old.lower())
            return last.resolved[:at] + new + last.resolved[at + len(old):]
        return f"{last.resolved.rstrip(' ?.!')} — {new}?"

    def _replace_pronoun(self, question: str, mentions: list[Mention], is_common) -> str | None:
        """A pronoun before any specific term the question names refers to the current topic."""
        first_mention = mentions[0].start if mentions else len(question)
        for match in _PRONOUN.finditer(question):
            if match.start() >= first_mention:
                return None
            word = match.group().lower()
            if self._not_a_reference(question, match):
                continue
            name = self._topic_name(word, is_common)
            if name is None or (word in ("that", "this") and not mentions and self._about_an_event()):
                return self._with_previous(question)
            if word in ("its", "their", "theirs"):
                name += "’s"
            return question[:match.start()] + name + question[match.end():]
        return None

    @staticmethod
    def _not_a_reference(question: str, match: re.Match) -> bool:
        word = match.group().lower()
        after, before = question[match.end():], question[:match.start()]
        if word == "it" and (_DUMMY_IT.match(question, match.start()) or
                             (_BEFORE_DUMMY_IT.search(before) and re.match(r"\s+(?:true|possible|normal|common)\b", after))):
            return True
        if word in ("this", "that", "these", "those") and _META_NOUN.match(after):
            return True
        return word == "that" and bool(_CONJUNCTION_THAT.search(before))

    def _topic_name(self, pronoun: str, is_common) -> str | None:
        """The topic's specific name (two names for a plural pronoun after a two-term turn)."""
        names = [t for t in self.topic if not is_common(t)]
        if not names:
            return None
        if _PLURAL.match(pronoun.split()[0]) and len(names) >= 2 and not names[0].lower().endswith("s"):
            return f"{names[0]} and {names[1]}"
        return names[0]

    def _about_an_event(self) -> bool:
        """Whether the last question was about something happening rather than a named thing."""
        last = self.last
        return last is not None and not any(t.lower() in last.resolved.lower() for t in self.topic)

    def _with_previous(self, question: str) -> str:
        """Search the follow-up together with the question it follows."""
        return f"{self.last.resolved.split(' — ')[0].rstrip(' ?.!')} — {question}"
