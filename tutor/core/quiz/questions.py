"""Quiz questions from glossary entries. Everything shown passes through `redact`.

- recall: the definition is shown, the learner types the term;
- recognition: the term is shown with four definitions; the three wrong ones are the most similar
  other definitions by the same embeddings the index uses, among those that are clearly different
  (see `QuestionMaker.distractors`);
- cloze: a sentence of the text with the term blanked out, never one that carries dose details.

Nothing shown names the asked term or a word of its stem (see masking.py); each recognition
option also has its own term blanked, so a blank does not single out the right one. Hints come
one at a time and each adds to the last.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

import numpy as np

from tutor.core.corpus.glossary import Entry, Glossary
from tutor.core.corpus.passage import Passage
from tutor.core.quiz.masking import BLANK, gives_away, mask, names_pattern, shares_stem, term_stems, too_close
from tutor.core.safety import find_dose_details, redact
from tutor.core.text import clean_input
from tutor.core.vocab import PassageKind, QuizMode

RECALL, RECOGNITION, CLOZE = QuizMode.RECALL, QuizMode.RECOGNITION, QuizMode.CLOZE
LETTERS = "abcd"
TYPED_HINTS = 2         # typed answers: the first letters, then the shape and the section
CHOICE_HINTS = 2        # multiple choice: each hint takes away one wrong option
_PAIRED = re.compile(r"\)?\s*(?:,\s*)?(?:and|or|/|,)\s*", re.IGNORECASE)


@dataclass
class Question:
    entry: Entry
    mode: str
    prompt: str
    choices: list[str] = field(default_factory=list)
    answer_index: int = -1      # recognition: which choice is right
    section: str = ""           # "Tier › Section" the term is defined in (never the item, which names it)
    removable: list[int] = field(default_factory=list)     # wrong choices, in the order hints take them away
    removed: list[int] = field(default_factory=list)
    hints_given: int = 0

    @property
    def letter(self) -> str:
        """The right choice's letter ("" when the answer is typed)."""
        return LETTERS[self.answer_index] if self.mode == RECOGNITION else ""

    @property
    def remaining(self) -> list[int]:
        return [i for i in range(len(self.choices)) if i not in self.removed]

    def hint_left(self) -> bool:
        """Whether another hint can be given short of the answer itself."""
        if self.mode == RECOGNITION:
            return self.hints_given < CHOICE_HINTS and len(self.removed) < len(self.removable)
        return self.hints_given < TYPED_HINTS

    def next_hint(self) -> str | None:
        """The next hint, each adding to the ones before; None when nothing more can be given
        short of the answer itself."""
        if not self.hint_left():
            return None
        if self.mode == RECOGNITION:
            gone = self.removable[len(self.removed)]
            self.removed.append(gone)
            self.hints_given += 1
            return f"It is not {LETTERS[gone]})."
        self.hints_given += 1
        term = self.entry.term
        if self.hints_given == 1:
            return f"It starts with “{term[:_shown(term)]}” ({len(term)} characters)."
        where = f"; the text defines it in {self.section}" if self.section else ""
        return f"It looks like “{_shape(term)}”{where}."


def _shown(term: str) -> int:
    return max(1, len(term) // 4)


def _shape(term: str) -> str:
    """The term with about half of each word's letters shown: "Leydig cells" -> "Ley___ cel__"."""
    def word(m: re.Match) -> str:
        w = m.group()
        keep = max(math.ceil(len(w) / 2), 1 if len(w) > 1 else 0)
        return w[:keep] + "_" * (len(w) - keep)

    shaped = re.sub(r"[A-Za-z0-9]+", word, term)
    first = re.match(r"[A-Za-z0-9]+", term)
    if first and len(first.group()) > _shown(term) + 1:   # never fewer letters than the first hint
        shaped = term[:_shown(term) + 1] + shaped[_shown(term) + 1:]
    return shaped


class QuestionMaker:
    """Builds questions of each kind for the entries of one glossary."""

    def __init__(self, glossary: Glossary, vectors: np.ndarray, passages: list[Passage], rng: random.Random) -> None:
        self.glossary, self.vectors, self.passages, self.rng = glossary, vectors, passages, rng
        self.row = {e.term: i for i, e in enumerate(glossary.entries)}
        self.by_id = {p.id: p for p in passages}
        self._sources = np.array([self.source_of(e) for e in glossary.entries])    # each entry's file, once
        self._pairs: dict[str, set[str]] | None = None

    def make(self, entry: Entry, mode: str) -> Question:
        if mode == RECOGNITION:
            return self.recognition(entry)
        if mode == CLOZE:
            return self.cloze(entry) or self.recall(entry)
        return self.recall(entry)

    def recall(self, entry: Entry) -> Question:
        return Question(entry, RECALL, mask(redact(entry.definition), entry), section=self._section(entry))

    def recognition(self, entry: Entry) -> Question:
        """Four definitions, each with the asked term and its own term blanked; hints take away the
        least similar wrong one first."""
        options = [entry, *self.distractors(entry)]
        texts = [mask(redact(e.definition), entry, e) for e in options]
        order = list(range(len(options)))
        self.rng.shuffle(order)
        removable = [order.index(i) for i in range(len(options) - 1, 0, -1)]
        return Question(entry, RECOGNITION, entry.term, [texts[i] for i in order], order.index(0),
                        section=self._section(entry), removable=removable)

    def distractors(self, entry: Entry, k: int = 3) -> list[Entry]:
        """The k other entries whose definitions are closest in meaning to this one's, among those
        that do not name the term or use its stem, are not too close (a shared sentence, nearly
        the same words) to it or to each other, and are not of a term this definition names:
        with its own term blanked, Tamoxifen's definition would be true of Clomid too. One of them
        has a blank if the right option has one (and lacks one if it lacks one), so blanks do
        not single out the answer."""
        blanked = lambda e: BLANK in mask(e.definition, entry, e)
        want = blanked(entry)
        picked: list[Entry] = []
        spare: list[Entry] = []
        for other in self._candidates(entry):
            if any(too_close(other.definition, e.definition) for e in (entry, *picked)):
                continue
            if len(picked) == k - 1 and all(blanked(e) != want for e in picked) and blanked(other) != want:
                spare.append(other)
                continue
            picked.append(other)
            if len(picked) == k:
                return picked
        for other in spare:         # set aside for their blanks, each still unlike the others taken
            if len(picked) == k:
                break
            if not any(too_close(other.definition, e.definition) for e in picked):
                picked.append(other)
        return picked

    def _candidates(self, entry: Entry):
        """Other entries by similarity of definition, without those that give the term away, that
        this definition names, or that the text pairs with the term ("testosterone and estrogen":
        "High _____ can itself exert negative feedback" would fit either)."""
        scores = self.vectors @ self.vectors[self.row[entry.term]]
        siblings = self._siblings().get(entry.term, set())
        # the entry's own text first: beside a teacher's migraine sheet, a migraine term's wrong
        # options came from the hormone text and gave the answer away (an exploratory tester's)
        for i in np.lexsort((-scores, self._sources != self.source_of(entry))):
            other = self.glossary.entries[int(i)]
            if other.term != entry.term and other.term not in siblings and not gives_away(other.definition, entry) \
                    and not names_pattern(other).search(entry.definition) and not _one_concept(entry, other) \
                    and self.quizzable(other):
                yield other

    def source_of(self, entry: Entry) -> str:
        """The file an entry's definition is quoted from ("" when its passage is gone)."""
        passage = self.by_id.get(entry.passage_id)
        return passage.source if passage else ""

    def quizzable(self, entry: Entry) -> bool:
        """Whether an entry's sentence defines the term, in the text's own prose (Entry.is_a_definition)."""
        return entry.is_a_definition(self.by_id)

    def _siblings(self) -> dict[str, set[str]]:
        """Terms the text names side by side ("LH and FSH", "Tamoxifen and Clomiphene Citrate",
        "GHRH or ghrelin"), computed once."""
        if self._pairs is None:
            self._pairs = {}
            for p in self.passages:
                for sentence in p.sentence_texts():
                    found = self.glossary.mentions(sentence, fuzzy=False)
                    text = clean_input(sentence)
                    for a, b in zip(found, found[1:]):
                        if _PAIRED.fullmatch(text[a.end:b.start]):
                            self._pairs.setdefault(a.entry.term, set()).add(b.entry.term)
                            self._pairs.setdefault(b.entry.term, set()).add(a.entry.term)
        return self._pairs

    def cloze(self, entry: Entry) -> Question | None:
        """A dose-free sentence of the text naming the term, with the name blanked out, that says
        enough around the blank to answer it: a table row's "Peptide Name: Hexarelin." blanked
        is "Peptide Name: _____.", the same clue-free prompt for every peptide."""
        candidates = []
        pattern = names_pattern(entry)
        for p in self.passages:
            if p.kind == PassageKind.REFERENCE:
                continue
            for sentence in p.sentence_texts():
                if pattern.search(sentence) and not find_dose_details(sentence) and len(sentence) < 320 \
                        and len(_WORDS.findall(mask(sentence, entry))) >= MIN_CLOZE_WORDS:
                    candidates.append(sentence)
        if not candidates:
            return None
        sentence = self.rng.choice(sorted(set(candidates)))
        return Question(entry, CLOZE, mask(sentence, entry), section=self._section(entry))

    def _section(self, entry: Entry) -> str:
        p = self.by_id.get(entry.passage_id)
        return " › ".join(dict.fromkeys(x for x in (p.tier, p.section) if x)) if p else ""


MIN_CLOZE_WORDS = 6        # words around the blank, so the sentence says something to answer from
_WORDS = re.compile(r"[A-Za-z]{2,}")


def _one_concept(a: Entry, b: Entry) -> bool:
    """Terms that share a distinctive word ("feedback loops", "negative feedback") name one idea
    from two sides: the definition of one is true of the other, so neither is a wrong option."""
    return any(shares_stem(x, y) for x in term_stems(a) for y in term_stems(b))


__all__ = ["BLANK", "CLOZE", "RECALL", "RECOGNITION", "Question", "QuestionMaker"]
