"""Quiz questions from glossary entries. Everything shown passes through `redact`.

- recall: the definition is shown, the learner types the term;
- recognition: the term is shown with four definitions, the three wrong ones being the most
  similar other definitions by the same embeddings the index uses;
- cloze: a sentence of the text with the term blanked out, never one that carries dose details.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import numpy as np

from tutor.core.corpus.glossary import Entry, Glossary
from tutor.core.corpus.passage import Passage
from tutor.core.safety import find_dose_details, redact
from tutor.core.vocab import PassageKind, QuizMode

RECALL, RECOGNITION, CLOZE = QuizMode.RECALL, QuizMode.RECOGNITION, QuizMode.CLOZE
BLANK = "_____"


@dataclass
class Question:
    entry: Entry
    mode: str
    prompt: str
    choices: list[str] = field(default_factory=list)
    answer_index: int = -1      # recognition: which choice is right

    @property
    def hint(self) -> str:
        term = self.entry.term
        return f"It starts with “{term[:max(1, len(term) // 4)]}” ({len(term)} characters)."


class QuestionMaker:
    """Builds questions of each kind for the entries of one glossary."""

    def __init__(self, glossary: Glossary, vectors: np.ndarray, passages: list[Passage], rng: random.Random) -> None:
        self.glossary, self.vectors, self.passages, self.rng = glossary, vectors, passages, rng
        self.row = {e.term: i for i, e in enumerate(glossary.entries)}

    def make(self, entry: Entry, mode: str) -> Question:
        if mode == RECOGNITION:
            return self.recognition(entry)
        if mode == CLOZE:
            return self.cloze(entry) or self.recall(entry)
        return self.recall(entry)

    def recall(self, entry: Entry) -> Question:
        return Question(entry, RECALL, _blank_names(redact(entry.definition), entry))

    def recognition(self, entry: Entry) -> Question:
        choices = [redact(entry.definition)] + [redact(e.definition) for e in self.distractors(entry)]
        order = list(range(len(choices)))
        self.rng.shuffle(order)
        shuffled = [choices[i] for i in order]
        return Question(entry, RECOGNITION, entry.term, shuffled, order.index(0))

    def distractors(self, entry: Entry, k: int = 3) -> list[Entry]:
        """The k other entries whose definitions are closest in meaning to this one's."""
        me = self.vectors[self.row[entry.term]]
        scores = self.vectors @ me
        picked: list[Entry] = []
        for i in np.argsort(-scores):
            other = self.glossary.entries[int(i)]
            if other.term != entry.term and other.definition != entry.definition \
                    and all(other.definition != p.definition for p in picked):
                picked.append(other)
            if len(picked) == k:
                break
        return picked

    def cloze(self, entry: Entry) -> Question | None:
        """A dose-free sentence of the text naming the term, with the name blanked out."""
        candidates = []
        pattern = _names_pattern(entry)
        for p in self.passages:
            if p.kind == PassageKind.REFERENCE:
                continue
            for sentence in p.sentence_texts():
                if pattern.search(sentence) and not find_dose_details(sentence) and len(sentence) < 320:
                    candidates.append(sentence)
        if not candidates:
            return None
        sentence = self.rng.choice(sorted(set(candidates)))
        return Question(entry, CLOZE, pattern.sub(BLANK, sentence))


def _names_pattern(entry: Entry) -> re.Pattern:
    names = sorted({re.escape(n) for n in entry.names if len(n) > 1}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(names) + r")(?![\w-])", re.IGNORECASE)


def _blank_names(text: str, entry: Entry) -> str:
    """A recall prompt must not give the answer away."""
    return _names_pattern(entry).sub(BLANK, text)
