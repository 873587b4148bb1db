"""One quiz session: which cards to ask, in which mode, and what each answer does to the
schedule (FSRS via py-fsrs). No terminal I/O here; see runner.py."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from fsrs import Card, Rating, Scheduler, State

from tutor.core.corpus.glossary import Entry
from tutor.core.quiz.grading import NEAR, RIGHT, Grade, grade, normalise
from tutor.core.quiz.questions import CLOZE, RECALL, RECOGNITION, Question, QuestionMaker
from tutor.core.quiz.store import ProgressStore, ProgressUnavailable
from tutor.core.vocab import QuizMode, values

MIXED = QuizMode.MIXED
MODES = values(QuizMode)
FAST_SECONDS = 8.0


@dataclass
class Outcome:
    question: Question
    grade: Grade
    rating: Rating
    response: str
    saving_note: str = ""   # said once when answers stop being saved, and once when saving works again


def card_id(term: str) -> int:
    """A stable card id per term (py-fsrs otherwise uses the clock)."""
    import zlib

    return zlib.crc32(term.encode())


def rating_for(question: Question, verdict: str, hinted: bool, seconds: float) -> Rating:
    """Wrong or revealed -> Again; a hint or an accepted typo -> Hard; right -> Good; right and
    fast when typing the term -> Easy. Multiple choice never earns more than Good."""
    if verdict not in (RIGHT, NEAR):
        return Rating.Again
    if hinted or verdict == NEAR:
        return Rating.Hard
    if question.mode != RECOGNITION and seconds <= FAST_SECONDS:
        return Rating.Easy
    return Rating.Good


class QuizSession:
    def __init__(self, store: ProgressStore, maker: QuestionMaker, entries: list[Entry], *,
                 mode: str = MIXED, count: int = 10, new: int = 5, clock: Callable[[], datetime],
                 rng: random.Random, scheduler: Scheduler) -> None:
        self.store, self.maker, self.entries = store, maker, entries
        self.mode, self.count, self.new = mode, count, new
        self.clock, self.rng, self.scheduler = clock, rng, scheduler
        self.outcomes: list[Outcome] = []
        self._words: frozenset[str] | None = None
        self.queue = self._plan()
        self.missed: list[Entry] = []      # missed once: asked again at the end of the session
        self.retried: set[str] = set()
        self.right_choice: dict[str, int] = {}     # where the right option stood when a term was asked
        self.unsaved = ""                  # why answers are not being saved at the moment, if they are not
        self.lost = 0                      # answers of this session that could not be saved

    def _plan(self) -> list[Entry]:
        """Due cards first (most overdue first), then up to `new` unseen terms."""
        now = self.clock()
        cards = self.store.cards()
        by_term = {e.term: e for e in self.entries}
        due = sorted((c.due, t) for t, c in cards.items() if t in by_term and c.due <= now)
        plan = [by_term[t] for _, t in due][: self.count]
        unseen = [e for e in self.entries if e.term not in cards]
        self.rng.shuffle(unseen)
        plan += unseen[: min(self.new, self.count - len(plan))]
        self.unseen_left = len(unseen)
        return plan

    def next_question(self) -> Question | None:
        if self.queue:
            entry = self.queue.pop(0)
        elif self.missed:
            entry = self.missed.pop(0)
        else:
            return None
        question = self.maker.make(entry, self._mode_for(entry))
        for _ in range(8):
            # asked again, the right option moves: in the same place it was answered from memory of
            # where it stood (a tester's "again" showed the options in the same order)
            if question.mode != RECOGNITION or question.answer_index != self.right_choice.get(entry.term):
                break
            question = self.maker.make(entry, RECOGNITION)
        if question.mode == RECOGNITION:
            self.right_choice[entry.term] = question.answer_index
        return question

    def _text_words(self) -> frozenset[str]:
        """The words the text uses, lower case: an answer that is one is no typo of another term."""
        if self._words is None:
            self._words = frozenset(normalise(w) for p in self.maker.passages for w in re.findall(r"[\w'-]+", p.text))
        return self._words

    def _of_the_same_sentence(self, response: str, entry: Entry) -> Grade | None:
        """Right when the answer names another term whose definition holds the same sentence: "This
        _____ reduces the conversion of testosterone into estrogen." is aromatase inhibitor's and
        Anastrozole's alike, and "anastrozole" was marked wrong (an exploratory tester's)."""
        first = entry.definition.split(". ")[0]
        for other in self.entries:
            if other.term != entry.term and first in other.definition and grade(response, other).correct:
                return Grade(RIGHT, entry.term)
        return None

    def _mode_for(self, entry: Entry) -> str:
        if self.mode != MIXED:
            return self.mode
        card = self.store.card(entry.term)
        if card is None or card.state == State.Learning and card.step in (None, 0):
            return RECOGNITION
        return CLOZE if self.rng.random() < 0.3 else RECALL

    def answer(self, question: Question, response: str, *, hinted: bool = False, seconds: float = 0.0,
               revealed: bool = False) -> Outcome:
        """Grade, schedule and store one answer (committed before returning)."""
        if question.mode == RECOGNITION:
            verdict = self._grade_choice(question, response)
        else:
            verdict = grade(response, question.entry, self._text_words())
            if not verdict.correct:
                verdict = self._of_the_same_sentence(response, question.entry) or verdict
        if revealed:
            verdict = Grade("wrong", question.entry.term)
        rating = rating_for(question, verdict.verdict, hinted, seconds)
        card = self.store.card(question.entry.term) or Card(card_id=card_id(question.entry.term), due=self.clock())
        card, log = self.scheduler.review_card(card, rating, review_datetime=self.clock(),
                                               review_duration=int(seconds * 1000))
        note = self._save(question, card, log, verdict.correct, response, seconds)
        outcome = Outcome(question, verdict, rating, response, note)
        self.outcomes.append(outcome)
        if not verdict.correct and question.entry.term not in self.retried:
            self.retried.add(question.entry.term)
            self.missed.append(question.entry)
        return outcome

    def _save(self, question: Question, card, log, correct: bool, response: str, seconds: float) -> str:
        """Store one answer. When it cannot be (another program holds the progress file, or it
        became read-only) the quiz still grades and goes on: the first failure is said once, and
        later answers try again without waiting (a lock may pass; a wait of seconds each would
        not do), saying once when saving works again. Returns what to say, if anything."""
        try:
            self.store.record_review(question.entry.term, card, log, question.mode, correct, response,
                                     int(seconds * 1000), wait=not self.unsaved)
        except ProgressUnavailable as problem:
            self.lost += 1
            if self.unsaved:
                return ""
            self.unsaved = f"{str(problem).rstrip('.')}. The quiz goes on; answers are not saved until that changes."
            return self.unsaved
        if self.unsaved:
            self.unsaved = ""
            return "Your answers are being saved again."
        return ""

    @property
    def saved_line(self) -> str:
        """How much of this session is kept, for the line that ends it: never "saved" when some
        answers were not (a read-only progress file said so only once, at the first answer)."""
        if not self.lost:
            return "your answers are saved"
        kept, total = len(self.outcomes) - self.lost, len(self.outcomes)
        if not kept:
            return "your answer could not be saved" if total == 1 else f"none of your {total} answers could be saved"
        return f"{self.lost} of your {total} answers could not be saved ({kept} {'was' if kept == 1 else 'were'})"

    @staticmethod
    def _grade_choice(question: Question, response: str) -> Grade:
        choice = response.strip().lower().rstrip(").")
        index = "abcd".index(choice) if len(choice) == 1 and choice in "abcd" else \
            int(choice) - 1 if choice.isdigit() else -1
        return Grade(RIGHT if index == question.answer_index else "wrong", question.entry.term)

    @property
    def score(self) -> tuple[int, int]:
        return sum(o.grade.correct for o in self.outcomes), len(self.outcomes)
