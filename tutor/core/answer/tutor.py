"""The tutor's core: one question in, one answer out, no I/O.

The chat, `tutor ask` and the evaluator call `Tutor.answer` (the quiz reads only the index); the command line only
reads input and renders the result.
"""

from __future__ import annotations

import functools
import re
from copy import deepcopy
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import numpy as np

from tutor.core.search.scope import asks_beyond, asks_of_what_the_text_lacks, FILLER_WORDS, FORM_WORDS, names_what_the_text_lacks
from tutor.core.clauses import (ABOUT_SOURCES, ASKING, CLAUSE, ITS_OWN_AUTHOR, POINTS_BACK, asked_after_a_story,
                                asks_only_for_mechanisms, asks_what_it_is_or_does, focus, is_command_word, is_question,
                                is_request, is_social, sentences, story_and_asks)
from tutor.core.answer.answer import ANSWERED, NOT_COVERED, REFUSED, Answer
from tutor.core.answer.again import AskedAgain
from tutor.core.answer.compose import compose, continuation, quoting, silent_answer
from tutor.core.answer.select import Picks, gives_a_dose, unit_says_something
from tutor.core.answer.conversation import (CONTINUE, DEEPER, ELLIPSIS, MORE, NEW, SHORT, SIMPLER, SWAP, Conversation,
                                             ANGLE, Reading, Turn, is_plural, asked_of_the_subject, plurals_named, pointing_at_nothing,
                                             reference_in)
from tutor.core.corpus.glossary import Glossary
from tutor.core.corpus.parse import TIERS
from tutor.core.corpus.load import corpus_files, skipped_files
from tutor.core.search.store import Index, IndexProblem, build_index, load_index
from tutor.core.search.profile import DEFAULT, SearchProfile
from tutor.core.search.bm25 import specific_idf, stemmer, tokenize
from tutor.core.search.embed import english_words
from tutor.core.search.defined import asked_term, definition_pattern, unaccented
from tutor.core.search.rank import STANDS_FOR, WORDS_OF_A_QUESTION, Query, Retrieval, Retriever, blended
from tutor.core.search.threads import single_threaded
from tutor.core.safety import Guard, Verdict
from tutor.core.safety.guard import (CLAUSE_FLOOR, STORY_FLOOR, asks_what_to_do_if, asks_when_to_get_help, speaks_of_harm,
                                     speaks_of_someone)
from tutor.core.safety.doses import compares_an_amount, is_dose_word
from tutor.core.safety.medicine_names import TextMedicines, learn as learn_medicines
from tutor.core.safety.own_case import (DECISION_NOTE, ONES_CASE, ONES_CASE_NOTE, VERDICT_NOTE, asks_a_decision_about_living,
                                       asks_only_for_a_verdict, decides_on_a_medicine, puts_a_medicine_forward,
                                       reads_as_a_treatment, treatment_items)
from tutor.core.safety.intents import EDUCATIONAL
from tutor.core.safety.messages import (IF_AN_EMERGENCY, IF_THIS_IS_AN_EMERGENCY, IF_URGENT, MAYBE_URGENT, NOT_ENGLISH,
                                          NUMBERS, message_cut, misread, no_words, not_a_question, refusal, social_reply)
from tutor.core.safety.redact import MARKER, find_dose_details
from tutor.core.text import clean_input, content_words, looks_english, mend_everyday_typos
from tutor.core.vocab import ITEM_KINDS, LEVEL_NAMES, PassageKind, Reason, SearchMode

MAX_QUESTION_CHARS = 2000
MAX_MESSAGE_CHARS = 20000    # beyond the question, read for an emergency or a dose request only; the rest is not read
MAX_UNREAD_ASKS = 8          # of the part not read as the question, the first asks judged for a dose or misuse


SAME_ACCOUNT = 0.60    # /simpler, /deeper: a level's answer this close in meaning to the last answer is its account
NEAR_ACCOUNT = 0.50    # ... and one naming the subject, this close
LEVEL_RANKS = 5        # a chosen level's passage must rank among this many for the question ...
LEVEL_SHARE = 0.5      # ... with at least this share of the best passage's score
SUGGESTION_RANKS = 3   # a refusal's suggested question must find its own passage among this many
CONTINUED = 3          # "and then?": units quoted, the next step the last answer told included


@dataclass
class Tutor:
    index: Index
    retriever: Retriever
    guard: Guard = None

    def __post_init__(self) -> None:
        if self.guard is None:
            self.guard = Guard(self.index.intents, self.retriever.encoder.encode, lambda: self.medicines)
        self._again = AskedAgain(self.retriever.encoder.encode)
        self.units = self.index.units
        self._finds: dict[tuple[str, str], bool] = {}     # _finds_its_passage, per offered question

    @classmethod
    def open(cls, corpus_dir: Path, index_dir: Path, *, mode: str = SearchMode.HYBRID, encoder=None,
             on_rebuild: Callable[[str], None] | None = None, progress=None,
             profile: SearchProfile = DEFAULT, many: bool = True) -> "Tutor":
        """Load the index (rebuilding it first if it is missing, stale or damaged) and the encoder
        (`many`: the one fastest over many questions; see embed.query_encoder)."""
        index = open_index(corpus_dir, index_dir, on_rebuild=on_rebuild, progress=progress, profile=profile)
        return cls.from_index(index, mode=mode, encoder=encoder, profile=profile, many=many)

    @classmethod
    def from_index(cls, index: Index, *, mode: str = SearchMode.HYBRID, encoder=None,
                   profile: SearchProfile = DEFAULT, many: bool = True) -> "Tutor":
        """A tutor over an index already open (a command that just rebuilt it need not load it again)."""
        if encoder is None:
            from tutor.core.search.embed import query_encoder

            encoder = query_encoder(profile=profile, many=many)
        return cls(index, Retriever(index, encoder, mode, profile))

    @property
    def glossary(self):
        return self.index.glossary

    @functools.cached_property
    def medicines(self) -> TextMedicines:
        """The medicines the indexed text names (a teacher's handout names its own): learnt when a
        personal question first needs them, not at start-up."""
        return learn_medicines((p.text for p in self.index.passages), english_words(), treatment_items(self.index.passages))

    @single_threaded
    def answer(self, question: str, conversation: Conversation | None = None, level: str = "auto",
               mend: bool = True) -> Answer:
        """Answer one question: read it against the conversation, guard, retrieve, compose; the
        turn is recorded in the conversation. `mend`: spell mistyped form words right first."""
        whole = clean_input(question)
        question, beyond, from_the_end = _the_part_read(whole)
        if not question:
            raise ValueError("empty question")
        unread = self._request_in(beyond) if len(whole) > MAX_QUESTION_CHARS else None
        if len(whole) > MAX_QUESTION_CHARS and self.guard.emergency_in(beyond):
            unread = Reason.EMERGENCY
        if unread is not None:
            # what is not read as the question is still read for an emergency (a long story may end
            # in one) and for a dose or misuse request asked in it ("how many mg of clomid should I
            # take?" before 4,000 characters of other questions was never judged: a tester's)
            answer = self._refusal(question, question, unread, conversation or Conversation())
            answer.reading = NEW
            self._remember(conversation or Conversation(), question, answer, Reading(NEW, question))
            return answer
        after = conversation is not None and (conversation.after_an_emergency or conversation.after_maybe_urgent)
        if is_command_word(question) and not after:
            return Answer(question=question, status=NOT_COVERED, resolved_question=question,
                          message=not_a_question(question))
        if not any(c.isalnum() for c in question) and not after:
            # "????" or "..." was read as a question about the topic: "↳  — testosterone replacement therapy?"
            # and its opening sentence quoted (an exploratory tester's)
            return Answer(question=question, status=NOT_COVERED, resolved_question=question, message=no_words(question))
        if is_social(question) and not after:
            return Answer(question=question, status=NOT_COVERED, resolved_question=question,
                          message=social_reply(question))
        conversation = conversation if conversation is not None else Conversation()
        if self._complains_of_a_misreading(question, conversation):
            return Answer(question=question, status=NOT_COVERED, resolved_question=question,
                          message=misread(conversation.turns[-1].question, next(iter(conversation.turns[-1].topic), None)))
        if conversation.after_an_emergency and self._leans_on_the_emergency(question):
            # "why?" or "is that serious?" right after the emergency message was read with the last
            # answered turn, three turns back, and answered about Anastrozole (an exploratory
            # tester's): a short follow-up to an emergency is about the emergency
            answer = self._refusal(question, question, Reason.EMERGENCY, conversation)
            answer.reading = ELLIPSIS
            self._remember(conversation, question, answer, Reading(ELLIPSIS, question))
            return answer
        if mend and (mended := _mended(question, self._knows_its_stem)) != question:
            # a mended typo reads the question's form ("diffrent" → a comparison); it never lets
            # through what the question as typed was refused as
            if self.answer(question, deepcopy(conversation), level, mend=False).status != REFUSED:
                question = mended
        asking = _asking_part(question, self.glossary)
        reading = self._read(conversation, asking)
        reading = self._asked_again(asking, reading, conversation)
        reading = self._of_the_file_in_view(reading, conversation)
        query = self.retriever.prepare(reading.text)
        answer, reading, verdict = self._guarded(question, asking, reading, query, conversation, level)
        if conversation.last_answered is None and (answer.status == NOT_COVERED or answer.reason in _GUESSED
                                                   and verdict.rule == "classifier"
                                                   and not decides_on_a_medicine(question, self.medicines)
                                                   or self._from_no_ones_subject(answer)):
            about = self._of_the_texts_subject(reading, query)
            if about is not None:
                other, other_reading, _ = self._guarded(question, asking, about[1], about[0], conversation, level)
                if other.status == ANSWERED:
                    answer, reading = other, other_reading
        if answer.status == ANSWERED and reading.kind == NEW:
            undefined = self._undefined_term_asked(asking)
            if undefined:
                # "what is TRT?" quoted "… suppressed during TRT …" as if it said what TRT is
                answer.note = f"The text uses “{undefined}” without saying what it is; what it says of it: {answer.note}".strip()
        last = conversation.last_answered
        if last is not None and reading.kind in (SIMPLER, DEEPER, MORE, CONTINUE) and last is not conversation.turns[-1] \
                and answer.status == ANSWERED:
            # "/simpler" after a question the text did not answer went back to the one before it
            # silently (a learner tester's): say which question it goes on from
            answer.note = f"Your last question had no answer to go on from; this is about “{last.question.rstrip('.!? ')}”. " \
                          f"{answer.note}".strip()
        if last is not None and reading.kind != NEW and last is conversation.turns[-1]:
            # a follow-up's box repeated the one just shown: "and then?" after the HPG axis gave its
            # four-sentence definition again, pushing the new quotes off an 80x40 screen (a tester's)
            answer.glossary = [g for g in answer.glossary if g.term not in last.defined]
        self._remember(conversation, question, answer, reading, query.vector if reading.kind == NEW else None,
                       verdict.unsure_emergency and answer.reason != Reason.EMERGENCY)
        if answer.status == NOT_COVERED and not looks_english(question, self._knows):
            answer.message = NOT_ENGLISH
        elif answer.status == REFUSED and answer.reason != Reason.EMERGENCY and not looks_english(question, self._knows):
            # "Ich habe 30 Tabletten Tamoxifen genommen" was refused as a dose request, with no number
            # to call (a learner tester's): a refusal of a message that may have been misread says
            # where to turn in an emergency too (dose slang, "hcg 500iu e3d on trt?", reads so as well)
            answer.message = _added(answer.message, IF_THIS_IS_AN_EMERGENCY)
        elif answer.status == NOT_COVERED and asks_when_to_get_help(question):
            answer.message = _added(answer.message, IF_AN_EMERGENCY)
        elif answer.status == ANSWERED and asks_when_to_get_help(question):
            # "when should he go to the hospital after stopping trt?" was answered with what the text
            # says of stopping, nothing of when to get help (a learner tester's): the quotes may not
            # say it, so the emergency number always does
            answer.note = _added(answer.note, IF_AN_EMERGENCY)
        if verdict.unsure_emergency and answer.reason != Reason.EMERGENCY:
            _lead_with_the_numbers(answer)
        elif answer.status == REFUSED and answer.reason != Reason.EMERGENCY and speaks_of_harm(question) \
                and IF_THIS_IS_AN_EMERGENCY not in answer.message:
            # a dose or a decision refused where someone may be at risk: where to turn, after it
            answer.message = _added(answer.message, IF_THIS_IS_AN_EMERGENCY)
        elif verdict.at_a_distance and answer.status != REFUSED:
            # a red flag told as past, denied or in general is answered, and the numbers are there
            # in case it is happening after all (safety/distance.py)
            if answer.status == ANSWERED:
                answer.note = _added(answer.note, IF_THIS_IS_AN_EMERGENCY)
            elif IF_THIS_IS_AN_EMERGENCY not in answer.message:
                answer.message = _added(answer.message, IF_THIS_IS_AN_EMERGENCY)
        elif answer.status != ANSWERED and answer.reason != Reason.EMERGENCY and NUMBERS not in answer.message:
            _say_where_to_turn(answer, lambda: self.guard.may_be_serious(question))
        if answer.reason != Reason.EMERGENCY and NUMBERS in f"{answer.message} {answer.note}":
            # whichever rule said where to turn, the message is as private as the reply implies: "what
            # happens if you overdose on clomid" (the numbers after a red flag asked in general) was
            # written to the history file (a second exploratory tester's)
            answer.may_be_serious = True
        if len(whole) > MAX_QUESTION_CHARS and answer.reason != Reason.EMERGENCY:
            cut = message_cut(MAX_QUESTION_CHARS, from_the_end)
            if answer.quotes:
                answer.note = f"{cut} {answer.note}".strip()
            else:
                answer.message = f"{cut} {answer.message}"
        return answer

    def _guarded(self, question: str, asking: str, reading: Reading, query: Query, conversation: Conversation,
                 level: str) -> tuple[Answer, Reading, Verdict]:
        """The guard's verdict on a reading of the question, then the refusal or the answer."""
        typed = asking if reading.kind not in (MORE, CONTINUE, SIMPLER, DEEPER) else reading.text
        judged = asked_of_the_subject(asking, reading)
        verdict = self.judge(typed, judged, *((query.as_typed, query.own_words) if judged == reading.text else ()))
        if reading.kind == ELLIPSIS and judged != typed and verdict.reason == Reason.EMERGENCY \
                and not speaks_of_someone(typed):
            # the signs are the text's, appended from the last answer: "does it hurt alot" after "Symptoms
            # of kidney stones may include: sharp pain …; inability to urinate …" got the emergency message
            # (an exploratory tester's). They are an emergency when the learner makes them someone's ("my
            # son has that right now"); otherwise the learner's words are judged as typed.
            verdict = self.judge(typed, typed)
        if reading.kind == SWAP and verdict.reason == Reason.PERSONAL and verdict.rule == "classifier":
            # "and tamoxifen?" after an answered "my doctor wants to put me on clomid, what does that
            # mean": the same question about another subject, whose wording the classifier weighed
            # as advice the second time only (a tester's); a dose or an emergency still counts
            verdict = Verdict(None, "the same question as the last, answered", verdict.intent, verdict.confidence,
                              unsure_emergency=verdict.unsure_emergency)
        if asking != question:          # the story around the question is judged too; the graver stands
            whole = self.guard.classify(question)
            verdict = _graver(verdict, whole)
            if whole.at_a_distance and not verdict.refused:     # the story's red flag, told at a distance
                verdict = replace(verdict, at_a_distance=True)
        verdict = _graver(verdict, self._after_a_refused_request(asking, reading, conversation))
        verdict = _graver(verdict, _still_the_emergency(question, verdict, conversation))
        verdict = self._still_maybe_urgent(question, verdict, conversation)
        answer, reading, final = self._answered_under(verdict, question, asking, reading, query, conversation, level)
        if verdict.unsure_emergency and final.reason != Reason.EMERGENCY and not final.unsure_emergency:
            # a verdict rebuilt after the answer (first aid, a compared amount, one's own case) keeps
            # the doubted emergency's numbers: each rebuilt one had dropped them (a second reviewer's)
            final = replace(final, unsure_emergency=True)
        return answer, reading, final

    def _answered_under(self, verdict: Verdict, question: str, asking: str, reading: Reading, query: Query,
                        conversation: Conversation, level: str) -> tuple[Answer, Reading, Verdict]:
        """The refusal or the answer under the guard's verdict, and the verdict as the answer leaves it."""
        if verdict.refused and verdict.reason in (Reason.PERSONAL, Reason.MISUSE) and verdict.rule == "classifier" \
                and asks_what_to_do_if(asking):
            first_aid = self._first_aid(question, reading, query, conversation, level)
            if first_aid is not None:
                answer, reading = first_aid
                return answer, reading, Verdict(None, "asks what to do if", verdict.intent, verdict.confidence,
                                                verdict.nearest)
        if verdict.verdict_only and verdict.reason == Reason.PERSONAL \
                and (asking == question or asks_only_for_a_verdict(question, True, self.medicines)
                     or asks_a_decision_about_living(question, True, self.medicines) and not asks_what_to_do_if(question)):
            # the story before the asking sentence may tell a result or a medicine of one's own ("My LH
            # came back at 0.2. My balls are small. Is it my HPG axis?", a reviewer's)
            general = self._what_the_text_says(question, reading, query, conversation, level)
            if general is not None:
                if asks_what_to_do_if(asking):      # "what do i do if my child has a fit": it may be urgent
                    general[0].message = _added(general[0].message, IF_AN_EMERGENCY)
                return general[0], general[1], verdict
        if verdict.refused:
            # a follow-up: read as one, or naming nothing but words of a dose ("how often tho?")
            follow_up = reading.kind != NEW or not any(
                self.retriever.knows(w) and not is_dose_word(w) and w not in FILLER_WORDS for w in content_words(asking))
            answer = self._refusal(question, reading.text, verdict.reason, conversation, query, follow_up=follow_up)
            answer.reading = reading.kind
            if verdict.reason in (Reason.PERSONAL, Reason.MISUSE) and asks_what_to_do_if(asking):
                # "what do i do if my child has a fit", with no steps in the text for it, was refused as
                # personal advice and pointed to the handout's "When to call 999" without the number
                # (a tester's): what to do if something happens may be urgent
                answer.message = _added(answer.message, IF_AN_EMERGENCY)
        else:
            answer, reading = self._answer(question, reading, query, conversation, level)
            if answer.status == NOT_COVERED and asking != question and len(question) <= ENCODER_CHARS:
                # the asking sentences alone name what the text lacks ("… or is letrozole not in the
                # text?") while the story is about what it covers: answered as a whole, as before
                as_told = self._read(conversation, question)
                told, told_reading = self._answer(question, as_told, self.retriever.prepare(as_told.text),
                                                  conversation, level)
                if told.status == ANSWERED:
                    answer, reading = told, told_reading
            if answer.status == ANSWERED and compares_an_amount(asking) and any(MARKER in q.text for q in answer.quotes):
                # "is the amount the same for kids?" after "what is beclometasone": the amount the text
                # gives is a dose ("A typical dose of beclometasone for an adult is [..]"; a tester's), so
                # the question asked for one; after "what is LH?" it is a level, and answered
                verdict = Verdict(Reason.DOSING, "compares an amount the text gives as a dose")
                answer = self._refusal(question, reading.text, Reason.DOSING, conversation, query, follow_up=True)
                answer.reading = reading.kind
                return answer, reading, verdict
            if verdict.rule == ONES_CASE and answer.status == ANSWERED:
                # the medicines a text only lists as items are left to the guard: answered again without
                # them, "can my kids catch low testosterone from me?" quoted the protocols' sentence
                # where the answer with a hidden dose had been refused (a reviewer's, stop 67)
                learnt = replace(self.medicines, listed=frozenset())
                answer, reading, forward = self._without(lambda a: self._medicines_put_forward(a, learnt), question,
                                                          reading, query, conversation,
                                                          level, answer)
                if answer.status != ANSWERED or forward or any(MARKER in q.text for q in answer.quotes):
                    # advice on a medicine, or a treatment with its dose hidden, quoted to someone asking
                    # about their own case reads as a prescription ("will i get birth defects in my baby"
                    # quoted "… must not take valproate unless …", a reviewer's): refused as personal advice
                    verdict = Verdict(Reason.PERSONAL, ONES_CASE, verdict.intent, verdict.confidence, verdict.nearest)
                    answer = self._refusal(question, reading.text, Reason.PERSONAL, conversation, query)
                    answer.reading = reading.kind
                else:
                    answer.note = f"{ONES_CASE_NOTE} {answer.note}".strip()
        return answer, reading, verdict

    def _first_aid(self, question: str, reading: Reading, query: Query, conversation: Conversation,
                   level: str) -> tuple[Answer, Reading] | None:
        """The answer to "what do I do if my child is having an asthma attack", which the classifier
        weighed as personal advice, when the text answers it with numbered steps: a handout's first
        aid is written for its readers to follow. The emergency number is said with it. Anything
        else (a decision the text has no steps for) stays refused."""
        answer, reading = self._answer(question, reading, query, conversation, level)
        if answer.status != ANSWERED or not any(self.units.holds_steps(self.units.all[n].row) for n in answer.quoted_units):
            return None
        answer.note = _added(answer.note, IF_AN_EMERGENCY)
        return answer, reading

    def _what_the_text_says(self, question: str, reading: Reading, query: Query, conversation: Conversation,
                            level: str) -> tuple[Answer, Reading] | None:
        """The refusal of "my poo is pale and floats, is that celiac?" with what the text says in
        general: whether the asker has it is a clinician's to say, but the signs and tests the text
        gives are what a learner can use (a development sheet's celiac question was refused beside
        the very symptoms told). The answer stays `refused`. With no answer in the text, a hidden
        dose, only treatments to quote (beside a refusal they read as the thing to get), or no rare
        word of the question in the quotes, the refusal is said alone."""
        answer, reading, treating = self._without(self._treatments_quoted, question, reading, query, conversation, level)
        quoted = " ".join(q.text for q in answer.quotes)
        if answer.status != ANSWERED or MARKER in quoted or treating or not self._shares_a_specific_word(question, quoted):
            return None
        answer.status, answer.reason = REFUSED, Reason.PERSONAL
        answer.message = VERDICT_NOTE if asks_only_for_a_verdict(question, True, self.medicines) else DECISION_NOTE
        answer.suggestions = []         # "Next: What is Anastrozole?" after it pointed at a treatment (a reviewer's)
        return answer, reading

    def _without(self, unfit: Callable[[Answer], set[str]], question: str, reading: Reading, query: Query,
                 conversation: Conversation, level: str, answer: Answer | None = None) -> tuple[Answer, Reading, set[str]]:
        """The text's general answer to a question about one's own case, and the cited passages that are
        still `unfit` beside it (a treatment beside "what the text says in general" reads as the thing to
        do). When other passages are cited, it is answered again without the unfit ones (the signs, not
        the iron tablets, for "could my tiredness be low iron?"; a second reviewer's)."""
        if answer is None:
            answer, reading = self._answer(question, reading, query, conversation, level)
        left_out = unfit(answer)
        if answer.status == ANSWERED and left_out and len(left_out) < len(answer.citations):
            answer, reading = self._answer(question, reading, query, conversation, level, frozenset(left_out))
            left_out = unfit(answer)
        return answer, reading, left_out

    def _medicines_put_forward(self, answer: Answer, medicines: TextMedicines) -> set[str]:
        """The cited passages whose quotes put a medicine forward (own_case.puts_a_medicine_forward)."""
        return {c.passage.id for c in answer.citations
                if puts_a_medicine_forward(" ".join(q.text for q in answer.quotes if q.n == c.n), medicines)}

    def _treatments_quoted(self, answer: Answer) -> set[str]:
        """The cited passages whose quotes, or whose headings, speak of a treatment (own_case)."""
        return {c.passage.id for c in answer.citations
                if reads_as_a_treatment(" ".join(q.text for q in answer.quotes if q.n == c.n), [c.passage], self.medicines)}

    def _shares_a_specific_word(self, question: str, quoted: str) -> bool:
        """Whether the quotes use a word of the question that few passages use: told "always tired,
        zero sex drive, do i have low t?", the bundled text's nearest sentence is a peptide's for
        sexual desire, which beside a refusal reads as a treatment suggested, and teaches nothing
        of what was asked."""
        rare = specific_idf(self.retriever.index.keyword.size)
        asked = {t for t in tokenize(question) if self.retriever.idf.get(t, 0.0) >= rare}
        return bool(asked & set(tokenize(quoted)))

    def _asked_again(self, asking: str, reading: Reading, conversation: Conversation) -> Reading:
        """A follow-up the rules read as a new question or angle that asks, by meaning, for the last
        answer again in another form (again.AskedAgain): "explain that in more detail pls". Only one
        that names nothing of the text, and that the guard alone would answer: the re-explained
        question was judged when it was first asked, and this message is then not judged again."""
        if reading.kind not in (NEW, ANGLE) or conversation.last_answered is None \
                or self.glossary.mentions(asking, fuzzy=False):
            return reading
        vector = self.retriever.encoder.encode([asking])[0]      # one pass, for both
        kind = self._again.kind(asking, vector)
        if kind is None or self.guard.classify(asking, vector).refused:
            return reading
        return conversation.again(kind)

    def _undefined_term_asked(self, question: str) -> str | None:
        """The term a "what is X?" asks about when the glossary marks it as one the text uses
        without defining (`defines: false`); not "what does TRT stand for?", which the text answers."""
        term = asked_term(clean_input(question))
        if not term or STANDS_FOR.search(question):
            return None
        entry = self.glossary.lookup(term, fuzzy=False)
        return entry.term if entry is not None and not entry.defines else None

    def _complains_of_a_misreading(self, question: str, conversation: Conversation) -> bool:
        """Whether a short message after an answer says it missed what was asked ("did you even read
        what i said"), names nothing of the text, and is nothing the guard refuses: answering it as a
        follow-up quoted the last subject again (a learner tester's). After the emergency message
        it is about the emergency (_leans_on_the_emergency)."""
        if not conversation.turns or conversation.after_an_emergency or len(question.split()) > SHORT \
                or self.glossary.mentions(question, fuzzy=False):
            return False
        vector = self.retriever.prepare(question).as_typed
        return self._again.complains_of_a_misreading(question, vector) and not self.guard.classify(question, vector).refused

    def _leans_on_the_emergency(self, question: str) -> bool:
        """Whether a message after the emergency message names no subject of the text and is short
        enough to be about it ("why?", "is that serious?", "what do i do", "he's still not waking up").
        A teacher's file's subject is a subject of the text: "what are the signs of an asthma attack"
        got the emergency message again beside an asthma handout (an exploratory tester's)."""
        if len(question.split()) > SHORT:
            return False
        if speaks_of_someone(question) or _ABOUT_THE_EMERGENCY.search(question):
            return True     # someone, something pointed at, what to do or give: "poison control number?"
        if self.glossary.mentions(question, fuzzy=False):
            return False    # "what is LH?"
        if not ASKING.match(question):
            return True
        # a general question about what the text teaches ("what happens to the eyes", "how common is
        # diabetes") got the message eight turns running beside a diabetes handout, each repeat
        # making the next one "right after the emergency message" (an exploratory tester's)
        return self.retriever.subject_named(question) is None \
            and not any(self.retriever.knows(w) for w in content_words(question))

    def _still_maybe_urgent(self, question: str, verdict: Verdict, conversation: Conversation) -> Verdict:
        """The emergency numbers first again for a short message about what was told, right after a
        reply that led with them (Verdict.unsure_emergency): after "knocked my head on a cupboard, now
        my pupils look different sizes", "do i need a&e?", "can it wait until monday?", "help" and
        "why?" got no number at all (two reviewers'). Read as after the emergency message
        (_leans_on_the_emergency), and never for a message naming a term of the text: "how does my LH
        affect my testosterone?" is a learner's question again."""
        if not conversation.after_maybe_urgent or verdict.reason == Reason.EMERGENCY or verdict.unsure_emergency:
            return verdict
        if self._leans_on_the_emergency(question) and not self.glossary.mentions(question, fuzzy=False):
            return replace(verdict, unsure_emergency=True)
        return verdict

    def _request_in(self, text: str) -> str | None:
        """The reason to refuse when one of the first asks of a text not read as the question is a
        dose or misuse request (as typed, a dose only when held: _held), else None."""
        asks = [s for s in dict.fromkeys(sentences(text)) if is_question(s) or is_request(s)][:MAX_UNREAD_ASKS]
        for ask in asks:
            verdict = self.guard.classify(ask)
            if verdict.reason == Reason.MISUSE or verdict.reason == Reason.DOSING and _held(verdict):
                return verdict.reason
        return None

    def _after_a_refused_request(self, asking: str, reading: Reading, conversation: Conversation) -> Verdict:
        """A follow-up to a dose or misuse request just refused, judged together with it: "ok but
        what do most guys use" after "how many mg of clomid should I take" asks the same dose
        (it was answered with a quote about Anastrozole, the last answered subject). Not a question
        naming a subject of its own ("what does clomid do?"), one asking why or how something works
        ("how does it work then?"), or one the guard alone takes for a plain question as surely as
        it must to undo a refusal after a story (STORY_FLOOR): those move on to what the text teaches.
        Safety sees what the follow-up means."""
        last = conversation.last
        if last is None or last.status != "refused" or last.reason not in (Reason.DOSING, Reason.MISUSE) \
                or reading.subjects and reading.kind == NEW or asks_only_for_mechanisms(asking) \
                or asks_what_it_is_or_does(asking):
            return Verdict(None, "no refused request before")
        alone = self.guard.classify(asking)
        if not alone.refused and alone.intent == EDUCATIONAL and (alone.confidence or 0.0) >= STORY_FLOOR:
            return alone        # a plain question on its own ("is it safe?", "what is it for then?")
        return self.guard.classify(f"{last.question} {asking}")

    def _read(self, conversation: Conversation, text: str) -> Reading:
        """What a turn asks in this conversation, with this corpus's glossary and files' subjects."""
        return conversation.read(text, self.glossary, self.retriever.is_common_term, self._kin,
                                 lambda question: self.retriever.subject_as_typed(question, by_title=True))

    def _kin(self, new: str, subjects: list[str]) -> str:
        """Of the subjects spoken of, the one whose name is nearest in meaning to the new one's:
        the one it takes the place of. "and the serms?" after "At the level of the pituitary, how
        does gonadorelin re-engage the axis?" swapped out the pituitary, the first named, and asked
        "At the level of the serms, …" (a blind writer's). By the names alone, a medicine is near a
        medicine (SERM: Gonadorelin 0.20, pituitary gland 0.11), a hormone near a hormone; the
        glossary's definitions are not (SERM's speaks of the pituitary)."""
        named = [m.entry.term for m in self.glossary.mentions(new, fuzzy=False)]
        if not named:
            return subjects[0]      # a word the text never names ("and enclomiphene?"): no kind to go by
        vectors = self.retriever.encoder.encode([named[0], *subjects])
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        closeness = vectors[1:] @ vectors[0]
        return subjects[int(np.argmax(closeness))]

    def _knows(self, word: str) -> bool:
        """An English word: the text uses it, or the model's vocabulary has it whole."""
        return self.retriever.knows(word) or word in english_words()

    def _knows_its_stem(self, word: str) -> bool:
        """An English word or a form of one ("stacking" of stack): never a typo to mend."""
        return self._knows(word) or self._knows(stemmer().stemWord(word))

    def _answer(self, question: str, reading: Reading, query: Query, conversation: Conversation,
                level: str, leave_out: frozenset[str] = frozenset()) -> tuple[Answer, Reading]:
        """The answer, and the reading it was given under (retrieval may have preferred another of
        the readings the rules offered; that one is what the conversation remembers). `leave_out`:
        passages not to quote."""
        last = conversation.last_answered
        answer = None
        if reading.kind in (SIMPLER, DEEPER):
            answer = self._at_other_level(question, reading, query, last, +1 if reading.kind == DEEPER else -1)
        tier = None if level in (None, "auto") else level
        if reading.kind == CONTINUE:
            told = self._told_past_the_claim(last, conversation.last is last)
            picks = continuation(last.quoted[-1:], self.units, limit=CONTINUED - len(told))
            if picks.units:
                retrieval = self.retriever.search(query, k=10, tier=tier)
                answer = quoting(question, reading.text, replace(picks, units=told + picks.units), retrieval,
                                 self.retriever, self.glossary, self.units)
                if told:
                    answer.note = "The last answer went as far as this; the text goes on:"
            elif last.quoted:
                answer = self._after_the_end(question, last, tier, told)
        if answer is not None:
            answer.reading = reading.kind
            return answer, reading
        exclude = (self._already_quoted(conversation) if reading.kind == MORE else set()) | leave_out
        if reading.kind == MORE and last is not None and (rest := self._rest_of_the_passage(conversation, last)) \
                and self.units.passages[rest[0].row].id not in leave_out:
            retrieval = self.retriever.search(query, k=10, tier=tier)
            answer = quoting(question, reading.text, Picks(rest, rest[0]), retrieval, self.retriever, self.glossary,
                             self.units)
            answer.reading = reading.kind
            return answer, reading
        if reading.unsure:
            alone = [replace(r, unsure=False, alternatives=[]) for r in (reading, *reading.alternatives)
                     if r.kind == NEW]
            query, reading = self._better_reading(reading, query)
            answer, reading = self._answer(question, replace(reading, unsure=False, alternatives=[]), query,
                                           conversation, level, leave_out)
            if answer.status == NOT_COVERED and alone and alone[0].text != reading.text:
                # the rules could not tell how the turn leans on the conversation, and the reading
                # with the conversation finds the text silent: the learner's own words may not
                # ("what about children?" after "can tophi go away?" was asked as "can children go
                # away?", not covered; the sheet says "Gout is uncommon in children"; a tester's).
                # Never the other way: the conversation cannot make a question covered
                tried, tried_reading = self._answer(question, alone[0], self.retriever.prepare(alone[0].text),
                                                    conversation, level, leave_out)
                if tried.status == ANSWERED:
                    answer, reading = tried, tried_reading
            return answer, reading
        retrieval = self._with_the_ask_alone(reading, self.retriever.search(query, k=10, tier=tier), tier)
        if last is not None:
            retrieval = self._in_the_same_file(retrieval, question, last, reading.kind in (ANGLE, ELLIPSIS))
        if reading.kind == MORE and last is not None:
            retrieval = self._in_the_same_section_first(retrieval, last)
        asked = question if reading.kind != MORE and question.strip() != reading.text.strip() else None
        answer = compose(question, reading.text, retrieval, self.retriever, self.glossary, self.units, exclude=exclude,
                         asked=asked)
        if last is not None and reading.kind != MORE and (reading.kind != NEW or _leans_on_the_conversation(question, reading)
                                                          and not self._names_another_file(question, last)):
            # which passages to quote is decided on all the readings together; whether the text
            # covers the question, on the reading's own passages, unless the question points back
            # ("what's the rate-limiting step in that process?"): ranked with the last question,
            # "how do statins lower cholesterol?" became covered by the tamoxifen passage
            points_back = bool(POINTS_BACK.search(question))
            if answer.status == ANSWERED or points_back:
                # a swap's last question names the subject it replaces: "and tamoxifen?" after
                # Clomid, ranked with "what does clomid do?", quoted Clomid's item ("Similar to
                # Tamoxifen, Clomid is also a SERM") again
                with_last = last.resolved if reading.kind != SWAP else None
                in_context = self._in_the_same_file(self._in_context(retrieval, question, with_last, tier), question, last,
                                                    reading.kind in (ANGLE, ELLIPSIS))
                together = compose(question, reading.text, in_context,
                                   self.retriever, self.glossary, self.units, exclude=exclude, asked=asked,
                                   scope=None if points_back else retrieval)
                answer = together if together.status == ANSWERED else answer
        if reading.kind == ELLIPSIS and answer.status == ANSWERED and question.strip() != reading.text.strip():
            answer = self._unless_it_asks_what_the_text_lacks(question, reading, answer, tier)
        if reading.kind == MORE and answer.status == ANSWERED and last is not None:
            answer = self._more_on_the_subject(question, reading, retrieval, answer, last, exclude)
        if tier and answer.status == ANSWERED and reading.kind != MORE:
            answer = self._at_the_chosen_level(question, reading, query, answer, tier, exclude)
        if reading.kind == ELLIPSIS and answer.status == ANSWERED and last is not None:
            answer = self._without_what_was_just_said(question, reading, answer, last, retrieval)
        if last is not None and reading.kind != NEW and answer.status == ANSWERED and set(answer.every_unit) <= set(last.said) \
                and not (last.sources and len(answer.every_unit) < len(last.said)):    # one picked from a list of sources
            # "why?" after "what is the HPG axis?" quoted the same sentence again, as if it were
            # news. Quoting something else instead lost right answers on unseen dialogues (the
            # text's best answer to a follow-up is often what it just said), so it is said plainly;
            # unless a new angle on the subject asks about something the text never names ("is it
            # basically viagra?"). Not a question about the last claim: "is that permanent?" is
            # answered by "temporary or sometimes prolonged" in other words.
            if reading.kind != ELLIPSIS and asks_beyond(question, " ".join(q.text for q in answer.quotes), retrieval,
                                                        self.retriever):
                answer = silent_answer(question, reading.text, retrieval, answer)
            elif reading.kind == ELLIPSIS and (angle := self._on_the_subject(question, reading, last, conversation,
                                                                               level)) is not None:
                answer = angle
            else:       # compose's own note says more ("… only for men; … how it applies to women:")
                answer.note = answer.note or "The text says no more on this than what was just quoted:"
        answer.reading = reading.kind
        return answer, reading

    def _on_the_subject(self, question: str, reading: Reading, last: Turn, conversation: Conversation,
                        level: str) -> Answer | None:
        """An elliptical follow-up with a word of its own ("is it genetic?") whose reading with the last
        claim found only what was just quoted, asked of the subject instead ("is Migraine genetic?"):
        the claim's words ranked its sentences first, and a teacher's migraine sheet was said to
        say no more, though the passage just cited goes on "Migraine often runs in families, so
        genes play a large part" (an exploratory tester's). Kept only when it quotes something new;
        the guard judges it first (a refusal is the answer), and a reading it answers only with a
        caution (one's own case, a red flag told at a distance) is left as first read."""
        subject = (reading.subjects or [self._file_subject(last)])[0] if pointing_at_nothing(question) else None
        asked = set(tokenize(question)) - set(tokenize(subject or ""))
        said = set(tokenize(" ".join(self.units.text(self.units.all[n]) for n in last.said)))
        if not subject or not asked or asked & said:
            # what was just quoted speaks to the word asked: "is it painful?" after "Gout is a common
            # and painful form of inflammatory arthritis" is answered by it
            return None
        text = asked_of_the_subject(question, replace(reading, subjects=[subject]))
        query = self.retriever.prepare(text)
        if text != asked_of_the_subject(question, reading):         # not what the guard judged already
            verdict = self.judge(question, text, query.as_typed)
            if verdict.refused:
                return self._refusal(question, text, verdict.reason, conversation, query)
            if verdict.rule == ONES_CASE or verdict.at_a_distance:
                return None
        angle, _ = self._answer(question, Reading(ANGLE, text, [subject]), query, conversation, level)
        if angle.status != ANSWERED or set(angle.every_unit) <= set(last.said):
            return None
        return angle

    def _file_subject(self, last: Turn) -> str | None:
        """The subject of the teacher's file the last answer was cited from, by its title."""
        source = next((self.index.by_id[p].source for p in last.passage_ids if p in self.index.by_id), None)
        return self.retriever.file_title(source) if source else None

    def _without_what_was_just_said(self, question: str, reading: Reading, answer: Answer, last: Turn,
                                    retrieval: Retrieval) -> Answer:
        """A bare "why?" or "how so?" answered with the sentences just quoted and something new: the
        new part first, then of the rest only the claim asked about. "why?" after TRT's suppression quoted the TRT
        section's opening and the suppression again, and the reason (the brain reduces its
        signalling) only third (a learner tester's). A follow-up that names something ("why does that
        matter for testosterone?") keeps them: its answer is often in the sentence just quoted ("…
        which can in turn negatively impact the HPG axis")."""
        said = set(last.said)
        fresh = [n for n in answer.every_unit if n not in said]
        if not fresh or len(fresh) == len(answer.every_unit) or content_words(question):
            return answer
        claim = [n for n in answer.every_unit if n in said and self.units.text(self.units.all[n]) in last.claim][:1]
        picks = Picks([self.units.all[n] for n in fresh + claim], self.units.all[fresh[0]])
        shown = quoting(question, reading.text, picks, retrieval, self.retriever, self.glossary, self.units)
        shown.note = answer.note
        return shown

    def _unless_it_asks_what_the_text_lacks(self, question: str, reading: Reading, answer: Answer,
                                            tier: str | None) -> Answer:
        """An elliptical follow-up is searched together with the last answer's claim, whose words
        always find its passage: "what foods should i eat for it" after an answer on stress was
        answered with the stress passages again (a blind dialogue writer's). What the text covers
        is judged on the question's own words, as for any new question: when they name a topic
        the text never uses, the text is silent on it."""
        alone = self.retriever.search(self.retriever.prepare(question), k=10, tier=tier)
        if asks_of_what_the_text_lacks(question, alone, self.retriever):
            return silent_answer(question, reading.text, alone, answer)
        return answer

    def _with_the_ask_alone(self, reading: Reading, retrieval: Retrieval, tier: str | None) -> Retrieval:
        """A new question told after the asker's own story, ranked by the whole message and the ask
        alone together (clauses.asked_after_a_story): "I've been on TRT for 3 years and want to
        come off. what happens to my balls?" found the passage on men coming off TRT, which the
        story matches, not the one on the testes, which the ask does (an exploratory tester's and
        a blind dialogue writer's). The story still votes: it says what the ask is about."""
        asked = asked_after_a_story(reading.text, pointing_back=True) if reading.kind == NEW else None
        if asked is None:
            return retrieval
        asked = self._them_in_the_story(asked, reading.text)
        if _THAT_HAPPENING.search(asked) and (told := _last_told(reading.text[:reading.text.rfind(asked)])):
            # "… and his testicles got a lot smaller. why does that happen?": "that" is the last
            # thing told, not the years on TRT before it; with the whole story the ask found the
            # sentence on TRT's suppression, with the last clause the testes' own (a blind writer's)
            return blended([retrieval, self.retriever.search(self.retriever.prepare(f"{told} {asked}"), k=30, tier=tier)])
        alone = self.retriever.search(self.retriever.prepare(asked), k=30, tier=tier)
        if (POINTS_BACK.search(asked) or _SOMEONE_TOLD_OF.search(asked)) and not _finds_more(alone, retrieval):
            return retrieval
        return blended([retrieval, alone])

    def _them_in_the_story(self, asked: str, story: str) -> str:
        """The ask with its "them" or "they" read as the one thing the story names in the plural
        ("my testicles got smaller on trt. what is happening to them?" asks what is happening to the
        testicles: alone, "what is happening to them?" found the HPG axis's surge of gonadotropins,
        and with the story the sentence on TRT, which the story matches). Only when the story names
        one plural thing."""
        if not _THEM.search(asked):
            return asked
        told = story[:story.rfind(asked)] if asked in story else story
        plurals = set(plurals_named(told))
        if len(plurals) != 1:
            return asked
        return _THEM.sub(f"the {plurals.pop()}", asked, count=1)

    def _in_the_same_file(self, retrieval: Retrieval, question: str, last: Turn, same_subject: bool = False) -> Retrieval:
        """A follow-up that names no file's subject stays, other things nearly equal, in the file the
        last answer came from: with two teachers' fact sheets, "can I just watch and wait instead of
        surgery?" after questions on hyperparathyroidism was answered from the prolactinoma sheet's
        surgery section (a tester's). One text alone, or a question naming a file, is left as it is.
        A follow-up that keeps the last subject (`same_subject`: an angle, "what about for kids?", or an
        elliptical "is that permanent?") keeps to the file of a subject outright: read alone, "for kids"
        matched the bundled text's "seeking to enhance fertility", and a kidney stones sheet's symptoms
        answer went on about TRT; "is that permanent?" after a shingles handout's PHN quoted the
        bundled text's "internal thermostat" (two exploratory testers')."""
        boost = self.retriever.profile.b_same_file
        first = self._first_cited(last)
        if not boost or first is None or len(self.index.sources) < 2 or self.retriever.subject_named(question):
            return retrieval
        same = [h for h in retrieval.hits if h.passage.source == first.source]
        if same_subject and same and self.retriever.file_title(first.source) is not None:
            return replace(retrieval, hits=same)
        score = {id(h): h.score + (boost if h.passage.source == first.source else 0.0) for h in retrieval.hits}
        return replace(retrieval, hits=sorted(retrieval.hits, key=lambda h: -score[id(h)]))

    def _in_context(self, retrieval: Retrieval, question: str, last_question: str | None,
                    tier: str | None) -> Retrieval:
        """A follow-up's passages, ranked by its readings together: the conversation's reading of
        it (the rules' guess at what it leans on), the question alone, and the question with the
        last question (the first two are one when the rules read it alone). Each goes wrong in its
        own way on unseen dialogues (the rules glue on the wrong subject; "is it permanent?" alone
        names nothing; the last question drags the answer back); a passage they agree on is what
        was meant. Only a turn that leans on the conversation is ranked so (_leans_on_the_conversation),
        and whether the text covers it is decided on its own reading unless it points back (_answer)."""
        texts = list(dict.fromkeys([question, f"{question} {last_question}"])) if last_question else \
            [question] if self.glossary.mentions(question, fuzzy=False) else []
        others = [self.retriever.search(self.retriever.prepare(t), k=30, tier=tier) for t in texts
                  if t.strip() != retrieval.expanded.question.strip()]
        return blended([retrieval, *others]) if others else retrieval

    def _after_the_end(self, question: str, last, tier: str | None, told: list = ()) -> Answer:
        """"And then?" where the text does not go on (the end of an item, or of the text): what
        the text says elsewhere about what happens after the last answer's claim, never the
        same passages again; else where the text stands. `told`: the next step, which the last
        answer quoted already, said first."""
        later = self._where_it_goes_on(last, limit=CONTINUED - len(told))
        if later:
            retrieval = self.retriever.search(self.retriever.prepare(f"{question} {last.claim}"), k=10, tier=tier)
            answer = quoting(question, last.resolved, Picks([*told, *later], later[0]), retrieval, self.retriever,
                             self.glossary, self.units)
            if answer.status == ANSWERED:
                # not the next step but the subject taken up again further on, maybe restated at another
                # level: said, or "and then?" after Clomid's item read the Academic SERM mechanism as
                # what follows "… stimulates the testes to produce more testosterone" (an exploratory look)
                passage = self.units.passages[later[0].row]
                subject = next(t for t in last.topic if not self.retriever.is_common_term(t))
                where = ' › '.join(dict.fromkeys([passage.tier, passage.section]))
                answer.note = (f"The last answer went as far as this, where that part ends; the text comes back "
                               f"to {subject} in {where}:" if told else
                               f"That is as far as that part goes; the text comes back to {subject} in {where}:")
            return answer
        if not self.units.at_end(last.quoted[-1]) and last.claim:
            text = f"{question} {last.claim}"
            retrieval = self.retriever.search(self.retriever.prepare(text), k=10, tier=tier)
            answer = compose(question, text, retrieval, self.retriever, self.glossary, self.units,
                             exclude=set(last.passage_ids))
            if answer.status == ANSWERED:
                return answer
        message = ("That is where the text ends: nothing follows what was just quoted."
                   if self.units.at_end(last.quoted[-1]) else
                   "That is where this part of the text ends; /next reads on in the text's order.")
        return Answer(question=question, status=NOT_COVERED, resolved_question=last.resolved, message=message)

    def _told_past_the_claim(self, last, just_answered: bool = True, limit: int = 1) -> list:
        """Of the units the last answer quoted straight after its claim, the last `limit`: where its
        run stopped, past the step that answered the question. "and then?" after "what does the StAR
        protein do?" asks what follows the cholesterol's transport, and the 7 development dialogues'
        blind writers whose "and then?" followed such a run each expected the run's step to be said
        ("Subsequent enzymatic conversions … then produce testosterone"), not only the FSH paragraph
        after it. An exploratory tester who read the answer found two steps quoted again too many
        ("the learner thinks the tutor is stuck"): only the last is said again, marked, and the text
        read on from it."""
        if last is None or last.claim_unit < 0 or last.kind in (CONTINUE, MORE, ELLIPSIS) or not just_answered:
            return []       # after "and then?" or "why?" the claim answers no question of its own: read on only
        said, told, unit = set(last.said), [], self.units.all[last.claim_unit]
        while (unit := self.units.following(unit)) is not None and unit.number in said:
            told.append(unit)
        # never a step given with its dose hidden ("It is typically administered via subcutaneous
        # injections, [..]" is no step to read on from; a reviewer's)
        return [u for u in told[-limit:] if not gives_a_dose(u, self.units) and unit_says_something(u, self.units)]

    def _where_it_goes_on(self, last, limit: int = 3) -> list:
        """Where the text next speaks of the last answer's subject, in reading order after what was
        quoted: "and then?" after Gonadorelin's item (which ends the item) is its academic
        mechanism further on ("… as a GnRH analog, provides exogenous pulsatile stimulation to the
        pituitary gonadotrophs"), not a search on the item's first sentence, which found the
        Fundamentals HPG chain (a blind dialogue writer's). Up to `limit` units of that passage, read
        on into the next chunk of its paragraph: the Academic SERM mechanism's "The resulting surge
        in gonadotropins then acts on the gonads" is a chunk of its own (another blind writer's)."""
        subjects = [t for t in last.topic if not self.retriever.is_common_term(t)]
        if not subjects:
            return []
        start = self.units.all[last.quoted[-1]]
        source = self.units.passages[start.row].source
        seen = set(last.passage_ids)
        for unit in self.units.all[start.number + 1:]:
            passage = self.units.passages[unit.row]
            if passage.source != source:
                return []
            if passage.id in seen or passage.kind == PassageKind.REFERENCE or gives_a_dose(unit, self.units) \
                    or not self._names(self.units.text(unit), subjects):
                continue
            if passage.title and not self._names(passage.title, subjects):
                continue    # another item that names it in passing: Clomid's "Similar to Tamoxifen, …"
            run = [unit]
            while len(run) < limit and (after := self.units.next(run[-1])) is not None \
                    and self.units.same_block(after, unit) and not gives_a_dose(after, self.units):
                run.append(after)
            return run
        return []

    def _in_the_same_section_first(self, retrieval: Retrieval, last) -> Retrieval:
        """"tell me more" reads on in the section the last answer was built on before going elsewhere:
        after Metabolic Function's row, the section's own "Hormonal balance extends beyond the HPG
        axis, influencing broader metabolic and systemic health." before the introduction's
        passing "from metabolism and mood to reproduction". Among the passages found, those of that
        section come first, in their rank order."""
        first = self._first_cited(last)
        if first is None:
            return retrieval
        subjects = [t for t in last.topic if not self.retriever.is_common_term(t)]
        # of a named subject, only what speaks of it: after Clomid's item, the academic SERM
        # mechanism, not Gonadorelin's item beside it
        same = [h for h in retrieval.hits if (h.passage.source, h.passage.tier, h.passage.section)
                == (first.source, first.tier, first.section) and self._names(h.passage.text, subjects)]
        return replace(retrieval, hits=same + [h for h in retrieval.hits if h not in same]) if same else retrieval

    @staticmethod
    def _already_quoted(conversation: Conversation) -> set[str]:
        """For "tell me more": every passage quoted since the last question that started afresh, or
        shown whole by /more, so "more" moves on instead of going back to what "why?", "and then?"
        or /more already showed."""
        return set(conversation.shown).union(*(t.passage_ids for t in _since_a_new_question(conversation)))

    def _better_reading(self, reading: Reading, query: Query) -> tuple[Query, Reading]:
        """Where the rules cannot tell how a turn leans on the conversation, search each reading
        and keep the first unless another's best evidence is clearly better. A question that stands
        alone first and names a topic the text lacks stays alone: "how is strep throat usually
        treated" after a question about testosterone was read as "… — testosterone?" and answered
        (6 of 467 questions asked after another went wrong so)."""
        alone = self.retriever.search(query, k=10)
        if reading.kind == NEW and names_what_the_text_lacks(reading.text, alone, self.retriever):
            return query, reading
        best_query, best, best_score = query, reading, alone.hits[0].score if alone.hits else 0.0
        for other in reading.alternatives:
            candidate = self.retriever.prepare(other.text)
            if reading.needs and alone.hits and not _names_any(alone.hits[0].passage.text, reading.needs):
                # the context drowned what was asked: "Bone Density insulin?" found the bone row again
                found = self.retriever.search(candidate, k=1)
                if found.hits and _names_any(found.hits[0].passage.text, reading.needs):
                    return candidate, other
            score = self._evidence(candidate)
            if score > best_score + self.retriever.profile.reading_margin:
                best_query, best, best_score = candidate, other, score
        return best_query, best

    def _from_no_ones_subject(self, answer: Answer) -> bool:
        """Whether an answer quotes only passages of no one subject (the bundled text's), while a
        teacher's file beside it has one: "can this come back?", asked first beside a gout sheet,
        quoted the bundled text's "The transition from exogenous hormone support …"."""
        return answer.status == ANSWERED and bool(answer.citations) and self._has_a_teachers_file() \
            and all(self.retriever.file_title(c.passage.source) is None for c in answer.citations)

    def _has_a_teachers_file(self) -> bool:
        """Whether any file of the corpus has a subject of its own: with the bundled text alone, a first
        question answered from it has no other reading to try (and no search to pay for)."""
        return any(self.retriever.file_title(source) is not None for source in self.index.sources)

    def _of_the_texts_subject(self, reading: Reading, query: Query) -> tuple[Query, Reading] | None:
        """A first question whose "it" has nothing before it to stand for ("are there any medicines
        for it?") may ask about what the learner is studying: the subject of the teacher's file
        that answers it best, by its title ("… for IgA Nephropathy?"), or None. Judged with "it",
        such a question names nothing: on five teachers' fact sheets it was mostly not covered or
        taken for personal advice ("is it genetic, could my kids inherit it") or misuse ("how do
        they test for it"), so Tutor.answer reads it so when, as typed, it would be not covered,
        refused for advice or misuse by the classifier, or answered only from the bundled text,
        which has no one subject (_from_no_ones_subject); "it" may also be something the question
        names: "can a worker with a stomach virus pass it on through the food?". The file is looked
        for among all the candidates, not the first ten, which the bundled text may fill. A
        question naming a subject, or a turn after an answer (the conversation says what "it" is),
        is left as it is."""
        pronoun = pointing_at_nothing(reading.text) if reading.kind == NEW and not reading.subjects else None
        if pronoun is None or self.retriever.subject_named(reading.text) is not None:
            return None
        # the teacher's file ranked first, though the bundled text ranks above it: "are there any
        # medicines for it?" matched the bundled text's peptides before the fact sheet beside it
        hits = self.retriever.search(query, k=self.retriever.profile.candidates).hits
        title = next((t for h in hits if (t := self.retriever.file_title(h.passage.source)) is not None), None)
        if title is None:
            return None
        name = f"{title}’s" if pronoun.group("p").lower() == "its" else title
        text = reading.text[:pronoun.start("p")] + name + reading.text[pronoun.end("p"):]
        return self.retriever.prepare(text), Reading(ANGLE, text, [title])

    def _evidence(self, query: Query) -> float:
        hits = self.retriever.search(query, k=1).hits
        return hits[0].score if hits else 0.0

    def _at_other_level(self, question: str, reading: Reading, query: Query, last, step: int) -> Answer:
        """/simpler and /deeper: the last question answered from the tier below or above; when
        that tier has nothing on it, the last answer's own tier, saying so. A teacher's text has no
        tiers: the same answer again, saying the text has no other level."""
        retrieval = self.retriever.search(query, k=30)
        specific = [t for t in reading.subjects if not self.retriever.is_common_term(t)] or reading.subjects
        word = "simpler" if step < 0 else "deeper"
        if last is not None and last.tier and last.tier.lower() not in LEVEL_NAMES:
            answer = compose(question, reading.text, retrieval, self.retriever, self.glossary, self.units)
            if answer.status == ANSWERED:
                answer.note = f"The text on {last.tier} has no {word} level; what it says:"
            return answer
        current = self._level_quoted(last, step)
        at = LEVEL_NAMES.index(current)
        levels = LEVEL_NAMES[at + 1:] if step > 0 else LEVEL_NAMES[:at][::-1]
        said = self._meaning_of(last.said if last else [])
        best, closest = None, -1.0
        for level in levels:
            answer = compose(question, reading.text, retrieval, self.retriever, self.glossary, self.units, tier=level)
            if answer.status != ANSWERED:
                continue
            closeness = float(self._meaning_of(answer.every_unit) @ said) if said is not None else \
                1.0 if self._speaks_of(answer, specific) else 0.0
            # the same explanation in plainer or deeper words need not use the subject's name (the
            # Fundamentals part never says "supraphysiological"); one that names it must still be
            # about what was said (Intermediate's "suppressed during TRT due to … the HPG axis" is
            # no deeper account of the HPG axis than the Academic part's)
            # ... and one that names neither it nor anything else specific: "SERMs such as Tamoxifen …
            # work by competitively binding" was Anastrozole's "deeper" account (a learner tester's)
            speaks = self._speaks_of(answer, specific)
            if (closeness >= SAME_ACCOUNT and (speaks or not self._names_others(answer, specific))
                    or speaks and closeness >= NEAR_ACCOUNT) and closeness > closest:
                best, closest = answer, closeness
        if best is not None:
            return best
        answer = compose(question, reading.text, retrieval, self.retriever, self.glossary, self.units, tier=current)
        if answer.status == ANSWERED:
            subject = " and ".join(specific[:2]) if specific else "this"
            answer.note = f"The text has nothing {word} on {subject} than its {current.title()} part:"
        return answer

    def _meaning_of(self, numbers: list[int]) -> np.ndarray | None:
        """The mean of some units' embeddings, of unit length: what an answer says, as one vector."""
        if not numbers:
            return None
        mean = np.mean([self.units.vectors[n] for n in numbers], axis=0)
        return mean / max(float(np.linalg.norm(mean)), 1e-9)

    def _level_quoted(self, last, step: int) -> str:
        """The level an answer was given at, for a step from it: the simplest level it quoted for
        /simpler, the deepest for /deeper. "difference between LH and FSH?" quotes Academic and
        Fundamentals sentences; /deeper went to Intermediate (the first citation's level) and
        quoted Tamoxifen's item, not the Academic part or that there is nothing deeper (a tester's)."""
        passages = self.retriever.index.passages
        levels = sorted({LEVEL_NAMES.index(t) for n in (last.said if last else [])
                         if (t := passages[self.units.all[n].row].tier.lower()) in LEVEL_NAMES})
        if not levels:
            return last.tier.lower() if last and last.tier.lower() in LEVEL_NAMES else LEVEL_NAMES[1]
        return LEVEL_NAMES[levels[0] if step < 0 else levels[-1]]

    def _at_the_chosen_level(self, question: str, reading: Reading, query: Query, answer: Answer, tier: str,
                             exclude: set[str]) -> Answer:
        """With a level chosen (/level, --level), the answer from that tier when it speaks of what
        the question names: the level's small boost decided near-ties only, and a tester saw one
        first citation in 108 move ("what does gonadorelin do?" at academic stayed intermediate,
        though /deeper found the academic passage on it). A question that names no subject keeps
        its answer: any passage of the tier would do, relevant or not."""
        first = answer.citations[0].passage if answer.citations else None
        specific = [t for t in reading.subjects if not self.retriever.is_common_term(t)] or reading.subjects
        if first is None or first.tier.lower() == tier.lower() or tier.lower() not in LEVEL_NAMES or not specific:
            return answer
        retrieval = self.retriever.search(query, k=30, tier=tier)
        levelled = compose(question, reading.text, retrieval, self.retriever, self.glossary, self.units, tier=tier,
                           exclude=exclude)
        if levelled.status != ANSWERED or not self._speaks_of(levelled, specific):
            return answer
        term = asked_term(question)
        named = self.glossary.mentions(term, fuzzy=False) if term else []
        glossed = named[0].entry.definition if named else ""

        def defines(text: str) -> bool:
            return bool(definition_pattern(term).search(unaccented(text))) or bool(glossed) and text in glossed

        if term and any(defines(q.text) for q in answer.quotes) \
                and not any(defines(q.text) or _opens_with(q.text, term) for q in levelled.quotes):
            # "what is negative feedback" at academic quoted the SERMs' "… prevents estrogen from exerting
            # its negative feedback" (a learner tester's): where the level does not define what is asked,
            # the text's definition is the answer, and the note says why it is from another level
            answer.note = answer.note or \
                f"The {tier.title()} part does not define {named[0].entry.term if named else term}; where the text does:"
            return answer
        # and when its passage is among the closest anyway: "what is the HPG axis?" at academic
        # found a passage on stress that names the axis in passing
        score = {h.passage.id: h.score for h in retrieval.hits[:LEVEL_RANKS]}
        top = retrieval.hits[0].score if retrieval.hits else 0.0
        close = score.get(levelled.citations[0].passage.id, 0.0) >= LEVEL_SHARE * top
        return levelled if close else answer

    def _more_on_the_subject(self, question: str, reading: Reading, retrieval: Retrieval, answer: Answer,
                             last, exclude: set[str]) -> Answer:
        """"tell me more" about a subject the text has said all it says about: what its section says
        around it, the section's own prose not yet quoted ("tell me more" after Pentadeca
        Arginate's item: "These agents work by interacting with various receptors and pathways …",
        not the Leydig cells, PT-141 and pellets that retrieval ranked next; a blind writer's);
        where there is none, the next passage, which learners on the development dialogues expected
        ("anything else I should know about that?" after cortisol, the text's holistic approach).
        Either way it says so, instead of passing PT-141 off as more on anastrozole (a tester's)."""
        subjects = [t for t in last.topic if not self.retriever.is_common_term(t)]
        if not subjects or self._speaks_of(answer, subjects):
            return answer
        around = self._section_prose(last, subjects, exclude)
        if around:
            answer = quoting(question, reading.text, Picks(around, around[0]), retrieval, self.retriever,
                             self.glossary, self.units)
            first = self.units.passages[around[0].row]
            answer.note = (f"That is all the text says about {subjects[0]}. What its section, "
                           f"{' › '.join(dict.fromkeys([first.tier, first.section]))}, says around it:")
            return answer
        answer.note = f"That is all the text says about {subjects[0]}. The next closest passage:"
        return answer

    def _section_prose(self, last, subjects: list[str], exclude: set[str], limit: int = 3) -> list:
        """The first prose passage of the section of the subject's own item (or row) that the
        conversation has not quoted: up to `limit` of its units, none giving a dose. Only when the
        last answer was built on that item, or on "tell me more" after it: one built on prose moves
        on by search. (Taken from whatever a "tell me more" had cited first, the section was named
        as Pentadeca Arginate's when it was not; a reviewer's.)"""
        first = self._first_cited(last)
        item = next((p for p in self.index.passages if p.kind in ITEM_KINDS and p.title
                     and self._names(p.title, subjects)), None)
        if first is None or item is None or first.id != item.id and last.kind != MORE:
            return []
        for passage in self.index.passages:
            if (passage.source, passage.tier, passage.section) != (item.source, item.tier, item.section) \
                    or passage.kind != PassageKind.PROSE or passage.id in exclude:
                continue
            found = [u for u in self.units.of_row[self.retriever.row(passage.id)] if not gives_a_dose(u, self.units)]
            if found:
                return found[:limit]
        return []

    def _rest_of_the_passage(self, conversation: Conversation, last) -> list:
        """"tell me more" after an answer that quoted a passage only in part: the rest of it, read on
        from the last unit quoted (not into the paragraph's next chunk, which may be off the
        subject: "When this system operates optimally, …" after hormones and mood). "tell me more" after "For women,
        testosterone is a vital hormone, influencing libido, mood, and bone density." is its next
        sentence ("When administered, … it can be part of a broader hormonal optimization
        strategy"), but the whole passage counted as quoted and the pellets' item came instead
        (a blind writer's). Nothing quoted since the last new question is quoted again."""
        first = self._first_cited(last)
        if first is None:
            return []
        said = set().union(*(t.said for t in _since_a_new_question(conversation)))
        row = self.retriever.row(first.id)
        mine = [n for n in last.said if self.units.all[n].row == row]
        if not mine:
            return []
        rest, unit = [], self.units.all[max(mine)]
        while len(rest) < 3 and (unit := self.units.next(unit)) is not None and unit.row == row:
            if gives_a_dose(unit, self.units):
                break
            if unit.number not in said:
                rest.append(unit)
        return rest

    def _names_others(self, answer: Answer, subjects: list[str]) -> bool:
        """Whether a subject is an item of the text (a medicine, a peptide: a list item or table row
        of its own) and an answer's quotes name other items instead: Tamoxifen and Clomiphene are no
        account of Anastrozole. A concept's plainer account may name other concepts ("the brain
        perceives adequate levels …" for "supraphysiological")."""
        def is_item(entry) -> bool:
            passage = self.index.by_id.get(entry.passage_id)
            return passage is not None and passage.kind in ITEM_KINDS

        if not any(is_item(e) for e in (self.glossary.lookup(t, fuzzy=False) for t in subjects) if e):
            return False
        named = {m.entry.term: m.entry for m in self.glossary.mentions(" ".join(q.text for q in answer.quotes), fuzzy=False)}
        return any(t not in subjects and is_item(e) for t, e in named.items())

    def _speaks_of(self, answer: Answer, subjects: list[str]) -> bool:
        """Whether an answer's quotes name one of the subjects (any, when there are none)."""
        return self._names(" ".join(q.text for q in answer.quotes), subjects)

    def _names(self, text: str, subjects: list[str]) -> bool:
        """Whether a text names one of the subjects (any, when there are none)."""
        # a file's subject is no glossary term; as a word, not a part of one ("SERM" is not in "Sermorelin")
        return not subjects or any(m.entry.term in subjects for m in self.glossary.mentions(text, fuzzy=False)) \
            or any(re.search(rf"(?<!\w){re.escape(s)}(?:s|es)?(?!\w)", text, re.I) for s in subjects)

    def _remember(self, conversation: Conversation, question: str, answer: Answer, reading: Reading,
                  vector: np.ndarray | None = None, maybe_urgent: bool = False) -> None:
        first = answer.citations[0].passage if answer.citations else None
        quoted = " ".join(q.text for q in answer.quotes)
        # an elliptical follow-up keeps the subject it was read about: its reading carries the last
        # quote, whose terms ("pituitary gland") were taken for the topic, and "how is it treated?"
        # after "why?" about prolactinoma asked how the pituitary gland is treated (a tester's)
        topic = reading.subjects if reading.kind == ELLIPSIS and reading.subjects else \
            answer.topic or (reading.subjects if reading.kind == SWAP else [])
        if reading.kind == ANGLE and len(reading.subjects) == 1 and is_plural(reading.subjects[0]) \
                and reading.subjects[0] not in conversation.topic:
            topic = reading.subjects        # a plural "they" stood for (Conversation._about_topic)
        claim, claim_unit = self._claim(answer, vector)
        conversation.record(Turn(
            question, answer.resolved_question or question, answer.status, topic,
            [c.passage.id for c in answer.citations], answer.quoted_units,
            claim, first.tier if first else "", answer.reading,
            [m.entry.term for m in self.glossary.mentions(quoted, fuzzy=False)], self._named_together(quoted),
            answer.reason or "", answer.every_unit,
            bool(answer.citations) and all(c.passage.kind == PassageKind.REFERENCE for c in answer.citations),
            [g.term for g in answer.glossary], self._file_spoken_of(first, answer), claim_unit, maybe_urgent))

    def remember_reading(self, conversation: Conversation, passage) -> None:
        """A passage read whole by its id, or walked to with /next and /prev, is what the learner is on
        now: the chat's topic bar still said "kidney stones" over the bundled text's introduction (an
        exploratory tester's), and "how does it work?" after reading Clomid's item asked about the
        last answer's subject. Its subject is its item's name, else the terms it names, else its file's."""
        title = self.retriever.file_title(passage.source) or ""
        named = list(dict.fromkeys(m.entry.term for m in self.glossary.mentions(passage.text, fuzzy=False)))
        item = [m.entry.term for m in self.glossary.mentions(passage.title, fuzzy=False)][:1] or [passage.title] \
            if passage.kind in ITEM_KINDS and passage.title else []
        topic = item or named[:3] or ([title] if title else [])
        asked = passage.title or passage.section or passage.tier
        conversation.record(Turn(f"/source {passage.id}", asked, ANSWERED, topic, [passage.id],
                                 tier=passage.tier, subject=title))

    def _file_spoken_of(self, first, answer: Answer) -> str:
        """The title of the teacher's file a turn was about: that of the passage its answer cites
        first, or, for an answer citing none (the outline of "what does the fever leaflet cover?"), of
        the file its question names."""
        if first is not None:
            return self.retriever.file_title(first.source) or ""
        named = self.retriever.named_document(answer.resolved_question or answer.question)
        return (self.retriever.file_title(named) or "") if named else ""

    def _claim(self, answer: Answer, vector: np.ndarray | None) -> tuple[str, int]:
        """What an answer claims, for "why?" and "is that permanent?" after it: the quote closest in
        meaning to the learner's own question (a follow-up's reading carries the last claim, so the
        first quote stands there). The first quote is often a run's lead-in or a runner-up that only
        sets the scene; "is that permanent?" after "why does testosterone therapy shut down your own
        production?" was read with "For men who have undergone TRT … protocols are employed", not with
        the feedback that answered it (a blind writer's). With the text, the number of the unit it
        ends on (-1 when the quotes and units do not line up)."""
        if not answer.quotes:
            return "", -1
        if vector is None or len(answer.every_unit) != len(answer.quotes):
            return answer.quotes[0].text, answer.every_unit[0] if len(answer.every_unit) == len(answer.quotes) else -1
        closeness = [float(self.units.vectors[n] @ vector) for n in answer.every_unit]
        # a section's opening sentence frames it ("For men who have undergone TRT … specific protocols
        # are employed …"): the claim is another quote when there is one
        framing = [self._opens_its_section(n) for n in answer.every_unit]
        if not all(framing):
            closeness = [c if not f else -1.0 for c, f in zip(closeness, framing)]
        best = int(np.argmax(closeness))
        unit = self.units.all[answer.every_unit[best]]
        before = self.units.previous(unit)
        if best and self.units.leans_back(unit) and before is not None and before.number == answer.every_unit[best - 1]:
            # "It competes with estrogen …" says what, the sentence it leans on says of what (Clomid)
            return f"{answer.quotes[best - 1].text} {answer.quotes[best].text}", unit.number
        return answer.quotes[best].text, unit.number

    def _opens_its_section(self, number: int) -> bool:
        """Whether a unit is the first sentence of its section (or of the whole text)."""
        unit = self.units.all[number]
        before = self.units.all[number - 1] if number else None
        passages = self.retriever.index.passages
        here = passages[unit.row]
        return before is None or (passages[before.row].source, passages[before.row].section) != (here.source, here.section)

    def _named_together(self, text: str) -> list[str]:
        """The last two glossary terms a text names side by side ("LH and FSH", "Tamoxifen or
        Clomid"): what a following "they" or "those" most likely stands for."""
        text = clean_input(text)            # the mentions' offsets are in the cleaned text
        mentions = self.glossary.mentions(text, fuzzy=False)
        pairs = [[a.entry.term, b.entry.term] for a, b in zip(mentions, mentions[1:])
                 if a.entry is not b.entry and re.fullmatch(r",?\s+(?:and|or|&)\s+", text[a.end:b.start])]
        return pairs[-1] if pairs else []

    def judge(self, question: str, resolved: str, vector: np.ndarray | None = None,
              own_words: np.ndarray | None = None) -> Verdict:
        """The guard's verdict on a question as resolved against the conversation and, for a
        follow-up, as typed too ("ok and how much of it?" asks for a dose whatever "it" is);
        the graver of the two stands. As typed, only a dose or an emergency counts: those do not
        depend on what "it" is, while "how do clinicians tell if it's working?" judged without
        its subject is only a guess at one. A dose counts as typed only when a rule found it or the
        classifier holds it by a majority: "whats good about doing it with injections" leans to a
        dose (0.46) only for want of its subject, while every real dose follow-up ("how often?",
        "where do I inject it for my knee?", "do i take it with food") is far above half. A dose
        request in the question's `own_words` (the search adds names to them) stands too when the
        classifier is as sure of it as one clause must be to refuse a whole message (CLAUSE_FLOOR):
        "how many times a week is gh given" with "(growth hormone)" added was answered. By a bare
        majority, "what are the next steps after stopping TRT?" would have been refused; at the
        floor, no question of the development sets changes."""
        verdict = self.guard.classify(resolved, vector)
        if own_words is not None and not verdict.refused:
            own = self.guard.classify(resolved, own_words)
            if own.reason == Reason.DOSING and own.rule == "classifier" and own.confidence >= CLAUSE_FLOOR:
                verdict = replace(own, unsure_emergency=verdict.unsure_emergency or own.unsure_emergency)
        if resolved != question:
            typed = self.guard.classify(question, self.retriever.prepare(question).as_typed)
            # ... and a doubted emergency as typed still says the numbers: "my joints ache when it rains"
            # read as an angle on LH lost them (a second reviewer's)
            if typed.reason == Reason.EMERGENCY or typed.unsure_emergency or typed.reason == Reason.DOSING and _held(typed):
                verdict = _graver(verdict, typed)
        return verdict

    def _refusal(self, question: str, resolved: str, reason: str, conversation: Conversation,
                 query: Query | None = None, follow_up: bool = False) -> Answer:
        """A refusal that names what the tutor can explain about the same subject; `query` is the
        question as already embedded for the guard (the nearest section needs no second encoding);
        a `follow_up` is pointed into the file of the last answer (_nearest_in_the_file)."""
        mentions = self.glossary.mentions(resolved)
        entry = mentions[0].entry if mentions else self._topic_entry(conversation)
        section = None
        named = entry is not None and entry.passage_id in self.index.by_id
        offers = reason == Reason.PERSONAL and query is not None
        # the nearest passage: its section when no subject is named, its file for the question offered
        hits = self._nearest_in_the_file(query if query is not None else resolved, resolved, conversation, follow_up) \
            if reason != Reason.EMERGENCY and (not named or offers) else []
        if named:
            p = self.index.by_id[entry.passage_id]
            section = " › ".join(dict.fromkeys([p.tier, p.section]))
        elif hits:                          # no named subject (a teacher's text has no glossary): the nearest section
            section = " › ".join(dict.fromkeys([hits[0].passage.tier, hits[0].passage.section]))
        topic = [m.entry.term for m in mentions] or conversation.topic
        instead = self._general_question_near(query, hits[0].passage.source if hits else None) if offers else None
        # the question offered must be answered from the subject's passage: "How does testosterone work?"
        # found the post-TRT drugs' list (an exploratory tester's); "What is testosterone?" its own
        what_it_is, term = False, entry.term if entry else None
        if entry and not instead and reason != Reason.EMERGENCY and named \
                and not self._finds_its_passage(f"How does {entry.term} work?", entry.passage_id):
            what_it_is = self._finds_its_passage(f"What is {entry.term}?", entry.passage_id)
            term = term if what_it_is else None      # neither finds it ("LH"): the section alone is named
        message = refusal(reason, term, section, instead, what_it_is)
        return Answer(question=question, status=REFUSED, reason=reason, message=message,
                      resolved_question=resolved, nearest=section, topic=topic if reason != Reason.EMERGENCY else [])

    def _names_another_file(self, question: str, last: Turn) -> bool:
        """Whether a question names the subject of a teacher's file other than the one the last answer
        came from: "anyway back to gout, can any medicines cause it?" after a question on TRT was ranked
        with that question and quoted TRT first (a blind dialogue writer's gout dialogues); its "it" is
        the gout it names. Not when a pronoun comes first ("can it cause gout?")."""
        named = self.retriever.subject_named(question)
        first = self._first_cited(last)
        if named is None or first is not None and named[0] == first.source:
            return False
        # a pronoun before the subject is the last answer's subject: "can it cause gout?" after "what is
        # clomid" asks about Clomid (a reviewer's), not about gout. Only one that refers to something
        # (Conversation's own test: not "does it matter what i eat …"), and not "this might be a dumb
        # question but what is gout?" (a second reviewer's)
        pronoun = reference_in(question)
        if pronoun is None or pronoun.group("p").lower() in ("this", "that", "these", "those"):
            return True
        subject_at = [m.start() for m in WORDS_OF_A_QUESTION.finditer(question)][min(named[1])]
        return subject_at < pronoun.start()

    def _first_cited(self, turn: Turn | None):
        """The passage a turn's answer cited first (its file and section stand for the turn), or None."""
        return self.index.by_id.get(turn.passage_ids[0]) if turn is not None and turn.passage_ids else None

    def _of_the_file_in_view(self, reading: Reading, conversation: Conversation) -> Reading:
        """"who wrote this?" or "what sources does it cite?" right after an answer from a teacher's
        file asks about that file: beside an allergy handout and an iron handout, both got the bundled
        text's answer ("It lists the studies it draws on", its testosterone papers; two testers). Read
        with the file's title, as if the learner had named it; a question naming a file, or a
        conversation on the bundled text, is read as it is."""
        first = self._first_cited(conversation.last_answered)
        text = reading.text
        if first is None or first.tier in TIERS or len(self.index.sources) < 2 \
                or not (ITS_OWN_AUTHOR.search(text) or ABOUT_SOURCES.search(text) and _THE_TEXT.search(text)) \
                or self.retriever.named_document(text) is not None or _A_TEXT_NAMED.search(text):
            return reading
        return replace(reading, text=f"{text.rstrip()} — the {first.tier} text")

    def _nearest_in_the_file(self, query: Query | str, resolved: str, conversation: Conversation,
                             follow_up: bool) -> list:
        """The passage a refusal points to: the nearest, in the file the last answer came from when
        the message is read as a follow-up naming no file's subject. "how often tho?" after "what is
        chlorphenamine" beside an allergy handout was pointed to the bundled text's testosterone
        protocols (a tester's); a question of its own ("should i take my inhaler before exercise?"
        after an iron question) is pointed wherever it is nearest (a reviewer's)."""
        hits = self.retriever.search(query, k=30).hits
        first = self._first_cited(conversation.last_answered)
        if follow_up and first is not None and len(self.index.sources) > 1 and not self.retriever.subject_named(resolved):
            hits = [h for h in hits if h.passage.source == first.source] or hits
        return hits[:1]

    def _general_question_near(self, query: Query, source: str | None = None, tried: int = 8) -> str | None:
        """The learners' question nearest in meaning to a message refused as personal advice that
        asks in general and would be answered: "i came off trt 3 months ago and my balls feel
        smaller, whats going on" was offered "How does testosterone replacement therapy work?", not
        what the text can say about it (an exploratory tester's, twice). Only a question about the
        file the message is nearest (`source`): beside a teacher's prolactinoma sheet, "can i stop my
        cabergoline" was offered the bundled text's "Is stopping trt just like flipping an off
        switch?" (another tester's). None without learner questions for that file (a teacher's
        text) or when none of the nearest asks in general."""
        vectors = self.index.question_vectors
        if not len(vectors):
            return None
        for n in np.argsort(-(vectors @ query.vector))[:tried]:
            passage_id, asked = self.index.questions[int(n)]
            asked = asked.strip()
            about = self.index.by_id.get(passage_id)
            if source is not None and (about is None or about.source != source):
                continue
            # judged with the vector the index holds for it: no encoder pass per candidate; a learner
            # question that names a schedule ("… small weekly male hormone shots …") is never offered,
            # as no quote with one is shown (a blind writer's personal question was offered it)
            if find_dose_details(asked) or _OWN.search(asked) or _CHAT_SPELLING.search(asked) or not ASKING.match(asked) \
                    or self.guard.classify(asked, vectors[int(n)]).refused or not self._finds_its_passage(asked, passage_id):
                continue
            asked = asked[0].upper() + asked[1:]
            return asked if asked.endswith("?") else f"{asked.rstrip('.!')}?"
        return None

    def _finds_its_passage(self, asked: str, passage_id: str) -> bool:
        """Whether a learner question, asked, finds the passage it was written for among the first
        three: a suggestion the learner follows must be answered from what it is about. "How does
        testosterone work?", offered after a refusal, was answered with the list of post-TRT drugs
        (an exploratory tester's)."""
        if (asked, passage_id) not in self._finds:     # a search each: asked once per session, not per refusal
            hits = self.retriever.search(self.retriever.prepare(asked), k=SUGGESTION_RANKS).hits
            self._finds[(asked, passage_id)] = any(h.passage.id == passage_id for h in hits)
        return self._finds[(asked, passage_id)]

    def _topic_entry(self, conversation: Conversation):
        for name in conversation.topic:
            entry = self.glossary.lookup(name, fuzzy=False)
            if entry:
                return entry
        return None


# refusals the classifier may guess for want of a subject: "how do they test for it" on a celiac
# sheet read as misuse (a drug test), as "how do they test for Celiac Disease" it is a plain question
_GUESSED = (Reason.PERSONAL, Reason.MISUSE)


_THEM = re.compile(r"\b(?:them|they)\b", re.I)
# a question told of oneself or one's own (never offered as the general question to ask instead)
_OWN = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|me|my|mine|we|our|us)\b", re.I)
# Chat spellings in a learners' question: offered as the question to ask instead, "Why do ppl feel
# moody after stopping trt?" read as the tutor's own sloppiness (a learner tester's)
_CHAT_SPELLING = re.compile(r"\b(?:ppl|u|ur|pls|plz|wanna|gonna|gotta|lol|tbh|thx|cuz|bc|dont|doesnt|cant|wont|isnt|whats|hows"
                            r"|wat|wut|y|r|ya|smth|abt|w/|b/c)\b", re.I)


# "wat is it", "wut does it do": the chat spellings of "what", read as the question word they are
# (a learner tester's "my gym bro says mk677 is lit, wat is it" was not covered, "… what is it" answered)
_CHAT_WHAT = re.compile(r"\b(?:wat|wut|wot)(s?)\b", re.I)


def _what(m: re.Match) -> str:
    return "what" + m.group(1)


# Chat spellings of words that carry meaning, read as the words they are: "y do my gout attacks always
# start in the middle of the nite??" was not covered, "… the night?" answered (a blind dialogue writer's).
# "y" only as a lower-case question word opening a sentence, before a verb ("Y is the male chromosome?",
# "men have x, y chromosomes, y are they different" keep theirs; a reviewer's). No spelling with a digit:
# "a 2day course" is a course's length, not "today" (a reviewer's).
_CHAT_WORDS = {"nite": "night", "nites": "nights", "tonite": "tonight", "thru": "through", "tho": "though"}
_CHAT_WORD = re.compile(r"\b(?:" + "|".join(_CHAT_WORDS) + r")\b|(?P<lead>^\W*|[.?!]\s+)y(?=\s+(?:do|does|did|is|are|was"
                        r"|were|would|can|could|should|will|am|has|have|dont|doesnt|isnt|arent)\b)", re.I)


def _chat_word(m: re.Match) -> str:
    if m.group("lead") is not None:
        return m.group("lead") + "why" if m.group(0)[-1] == "y" else m.group(0)
    word = _CHAT_WORDS[m.group(0).lower()]
    return word.capitalize() if m.group(0)[0].isupper() else word        # "Tho it hurts": "Though …"


# "i could kill for an easy explanation of negative feedback", "dying to know how hcg works": wanting
# something badly, said in words of death that pulled the search off the text (not covered; a
# learner tester's). Read as the wish they are, once the guard has judged the words as typed.
_WANTING = re.compile(r"\b(?:i\s+(?:could|would)|i'?d|could|would)\s+(?:literally\s+)?kill\s+for\b|\b(?:i'?m\s+|im\s+)?dying\s+(?:for|to)\b", re.I)


def _wanting(m: re.Match) -> str:
    return "i want to" if m.group(0).lower().endswith("to") else "i would love"


def _since_a_new_question(conversation: Conversation) -> list[Turn]:
    """The turns from the last that started afresh (a new question) to now: what "tell me more" may
    not quote again."""
    turns = []
    for turn in reversed(conversation.turns):
        turns.append(turn)
        if turn.kind == NEW:
            break
    return turns


def _mended(question: str, knows: Callable[[str], bool]) -> str:
    """The question with everyday typos, chat spellings ("wat", "nite", "y do …") and idioms of wanting
    read as meant."""
    chat = _CHAT_WORD.sub(_chat_word, _CHAT_WHAT.sub(_what, mend_everyday_typos(question, knows, FORM_WORDS)))
    return _WANTING.sub(_wanting, chat)


def _opens_with(sentence: str, term: str) -> bool:
    """Whether a sentence is about a term, naming it first ("SERMs such as Tamoxifen … work by …")."""
    words = r"[\s-]+".join(re.escape(w) for w in term.split())
    return bool(re.match(rf"\W*(?:(?:the|a|an|these|such)\s+)?{words}(?:e?s)?\b", unaccented(sentence), re.I))


# Words of a follow-up about the emergency just told, beside the asker or someone close (the guard's
# speaks_of_someone): someone else, something pointed at, what to do, give or take, how much, and the
# help to call (a reviewer's: "poison control number?", "should i induce vomiting", "how many puffs
# of the reliever" lost the message to a first version that let every word of the text through).
_ABOUT_THE_EMERGENCY = re.compile(
    r"\b(?:you|it|its|that|those|they|them|their|buddy|someone|somebody|should|give|take|use|induce|how\s+(?:much|many)"
    r"|dose|puffs?|more|enough|poison\w*|number|vomit\w*|call|ambulance|911|999|112|hospital|er|a&e|help|wake"
    r"|waking|breath\w*|alive|dying|die|dead|serious|now|still|helping|working)\b", re.I)


# The text itself, pointed at: "what sources does it cite?", "what is the handout based on?"
_THE_TEXT = re.compile(r"\b(?:it|its|this|that|the\s+(?:text|handout|sheet|article|leaflet|page|document|guide|reading))\b", re.I)
# ... or a text named by a word of its own: "what references does the hormone text cite?" (a reviewer's)
_A_TEXT_NAMED = re.compile(r"\b(?!(?:the|this|that|its|a|an|whole|same|other)\b)[a-z][\w-]*\s+(?:text|handout|sheet|article|leaflet"
                           r"|document|guide)\b", re.I)


def _still_the_emergency(question: str, verdict: Verdict, conversation: Conversation) -> Verdict:
    """The emergency again for a request about the person or the emergency right after its message,
    however long: "he has an epipen in his bag how much do i give him", "where on her leg do i put
    the epipen" and "is she going to be ok" were refused as a dose or as personal advice, and "he has
    his epipen, do i use it now" answered as a question about one's own case (an allergy handout's
    tester), each losing the number to call. Only what the guard would refuse or caution: a plain
    question about the text is answered (_leans_on_the_emergency judges the short ones)."""
    if conversation.after_an_emergency and (verdict.refused or verdict.rule == ONES_CASE) \
            and (speaks_of_someone(question) or _ABOUT_THE_EMERGENCY.search(question)):
        return Verdict(Reason.EMERGENCY, "right after the emergency message")
    return verdict


def _say_where_to_turn(answer: Answer, may_be_serious: Callable[[], bool]) -> None:
    """After a reply that neither answers nor calls it an emergency, where to turn: a refusal of
    personal advice always gives the emergency number (a decision about one's own symptoms may be
    urgent today); any other reply gives every number when the message may come from someone in
    trouble (Guard.may_be_serious). A fresh writer's emergencies asked as questions got no number in
    24 of 100 ("is it normal to be unable to feel my legs after falling off a ladder?" refused as
    personal advice; "is it safe to sleep after hitting your head if you've been sick twice" not
    covered). Personal refusals do not get every number: 83 of 225 development decisions ("should
    I start allopurinol or cut out beer first?") read as serious, and three sentences each was noise."""
    if answer.status == REFUSED and answer.reason == Reason.PERSONAL:
        answer.message = _added(answer.message, IF_URGENT)
    elif may_be_serious():
        answer.message = _added(answer.message, IF_THIS_IS_AN_EMERGENCY)


def _added(message: str, said: str) -> str:
    """`message` with `said` added, before the sentence that leads into the quotes when it ends with
    one: "What the text says in general: If it may be urgent, call …" read as the handout's own words
    (an exploratory tester's shingles handout)."""
    lead = re.search(r"(?:^|(?<=[.!?]\s))[^.!?]*:$", message)       # a whole sentence: "…; what it says:" is one
    if lead is None:
        return f"{message} {said}".strip()
    return f"{message[:lead.start()]}{said} {message[lead.start():]}".strip()


def _lead_with_the_numbers(answer: Answer) -> None:
    """The reply to a message the classifier read as an emergency and the severity model as an
    everyday complaint (safety/severity.py): the numbers first, then what the tutor would say of a
    complaint; a refusal says only what it cannot do, without a question to try instead (after an
    overruled head injury it offered one about "the group of body parts that squirt chemical
    messages", a reviewer's)."""
    answer.maybe_urgent = True
    if answer.status == ANSWERED:
        answer.note = f"{MAYBE_URGENT} {answer.note}".strip()
        return
    if answer.status == REFUSED and not answer.quotes:
        answer.message, answer.suggestions = refusal(answer.reason), []
    answer.message = f"{MAYBE_URGENT} {answer.message}"


def _held(verdict: Verdict) -> bool:
    """Whether a verdict stands without its subject: a rule's, or the classifier's by a majority."""
    return verdict.rule != "classifier" or verdict.confidence > 0.5


def _the_part_read(whole: str) -> tuple[str, str, bool]:
    """(what is read as the question, the rest to read for an emergency, whether the question is
    read from the end). A message longer than MAX_QUESTION_CHARS is read from its start, unless
    its last sentence asks: a long story ends in its question (an exploratory tester's 2,700
    characters ending "… what is negative feedback?" got an answer about the introduction).
    The rest overlaps what is read, so a word cut in two at the limit is read whole."""
    if len(whole) <= MAX_QUESTION_CHARS:
        return whole, "", False
    read = sentences(whole[-MAX_QUESTION_CHARS:])
    last = [c for c in CLAUSE.split(read[-1]) if c and c.strip()][-1:] if read else []
    if read and any(is_question(x) or is_request(x) for x in [read[-1], *last]):
        start = len(whole) - MAX_QUESTION_CHARS
        cut = whole.find(" ", start)            # from a word's start, not the middle of one
        start = cut + 1 if 0 <= cut < start + 40 else start
        return whole[start:], whole[max(0, len(whole) - MAX_MESSAGE_CHARS):start + 200], True
    return whole[:MAX_QUESTION_CHARS], whole[MAX_QUESTION_CHARS - 200:MAX_MESSAGE_CHARS], False


ENCODER_CHARS = 1000     # about what the encoder reads (256 tokens); a question after that is unseen by it


def _asking_part(question: str, glossary: Glossary) -> str:
    """What a message asks: its asking clauses (clauses.focus) when the whole is longer than
    the encoder reads — a question after a long story was invisible to the search, which saw
    only the story's first 256 tokens — or when they name a subject of their own: "I was on
    testosterone replacement for three years and stopped. What does tamoxifen actually do in the
    body?" was answered about stopping TRT, the story outweighing the question in the search. A
    question that names nothing ("why is mine so slow to come back?") keeps its story, which says
    what it is about. A message under the encoder's length is read from its first asking sentence
    (clauses.is_question, is_request), not clause by clause: "if the hypothalamus is suppressed,
    how can gonadorelin still work?" is one question. The guard judges the whole message too, and
    what the asking part alone finds not covered is answered as a whole (Tutor.answer)."""
    if len(question) > ENCODER_CHARS:
        # in a pasted page, sentences that open with "when" or "is" are mostly statements: the
        # clauses marked as asking ("… This can lead to so what is sermorelin?") come first
        marked = [c for c in CLAUSE.split(question) if c and c.rstrip().endswith("?")]
        asked = " ".join(marked) if marked else focus(question)
        return asked[-ENCODER_CHARS:] if asked and asked != question else question
    story, asks = story_and_asks(question)
    asked = " ".join(asks)
    return asked if story and asks and glossary.mentions(asked) else question


def _leans_on_the_conversation(question: str, reading: Reading) -> bool:
    """Whether a question the rules read as new may still lean on what came before: it points
    back ("is anastrozole used with them?") or is short and names no subject of its own ("are the
    meds all started at once?"). Otherwise it starts afresh: "why does taking testosterone shut
    down your own production?" after a question about tamoxifen is not about tamoxifen (blending
    every new question cost 5 of 1,094 fresh questions asked after another; this rule none)."""
    return bool(POINTS_BACK.search(question)) or not reading.subjects and len(question.split()) <= SHORT


# An ask about something that happened, pointing back at it: "why does that happen?", "is this normal?"
_THAT_HAPPENING = re.compile(r"\b(?:that|this|it)\s+(?:happen\w*|normal|common|usual|permanent|a\s+thing)\b"
                             r"|\bwhy\s+(?:is|was|does|did|would)\s+(?:that|this)\b", re.IGNORECASE)
_TOLD_PARTS = re.compile(r"[.!?;]+\s*|,?\s+(?:and|but|so|then|now)\s+", re.IGNORECASE)


def _last_told(story: str) -> str:
    """The last clause of a story, of three words or more: what "that" in the ask after it points at."""
    parts = [p.strip(" ,") for p in _TOLD_PARTS.split(story) if p and len(p.split()) >= 3]
    return parts[-1] if parts else ""


# "his", "her", "their" in an ask after a story are the one the story told of: "my husband … wants to
# stop, what actually happens in his body" asks about a body coming off testosterone, and alone found
# the closing essay's "The capacity for your body to recalibrate … is remarkable" (a learner tester's)
_SOMEONE_TOLD_OF = re.compile(r"\b(?:his|her|their)\b", re.IGNORECASE)


def _finds_more(alone: Retrieval, whole: Retrieval) -> bool:
    """Whether an ask with a word that may point back ("they", "them", "that") finds more alone
    than the whole message does: then the word points at no one in the story ("When they restore
    fertility, what do the protocols focus on?": doctors), and the ask votes; "what is happening to
    them?" (the testicles of the story) finds less alone, and the whole message decides."""
    return bool(alone.hits) and (not whole.hits or alone.hits[0].score >= whole.hits[0].score)


def _names_any(text: str, words: list[str]) -> bool:
    """Whether a passage names any of the words, in any ending ("insulin" in "insulin sensitivity")."""
    folded = text.casefold()
    return any(re.search(rf"\b{re.escape(w.casefold()[:max(4, len(w) - 2)])}", folded) for w in words)


def _gravity(verdict: Verdict) -> int:
    return 2 if verdict.reason == Reason.EMERGENCY else 1 if verdict.refused else 0


def _graver(first: Verdict, second: Verdict) -> Verdict:
    """The graver of two verdicts on one message, which says the emergency numbers when either
    was an emergency the severity model doubted (Verdict.unsure_emergency): the story around a
    question was "my eyes are so itchy", the question a plain one."""
    graver = max(first, second, key=_gravity)
    unsure = (first.unsure_emergency or second.unsure_emergency) and graver.reason != Reason.EMERGENCY
    return replace(graver, unsure_emergency=True) if unsure and not graver.unsure_emergency else graver


def open_index(corpus_dir: Path, index_dir: Path, on_rebuild=None, progress=None,
               profile: SearchProfile = DEFAULT) -> Index:
    """The index, rebuilt first (with one line saying why) when it cannot be used as it is."""
    try:
        return load_index(corpus_dir, index_dir, profile)
    except IndexProblem as problem:
        corpus_files(corpus_dir)        # a corpus that is missing or empty is said first: nothing to build from
        if on_rebuild:
            on_rebuild(_rebuild_reason(str(problem), index_dir))
        waiting = (lambda: on_rebuild(f"Another tutor is building the index in {index_dir}; waiting for it.")) \
            if on_rebuild else None
        index = build_index(corpus_dir, index_dir, progress=progress, profile=profile, unless_fresh=True,
                            on_wait=waiting)
        for note in skipped_files(index.manifest, corpus_dir) if on_rebuild else []:
            on_rebuild(note)
        return index


def _rebuild_reason(problem: str, index_dir: Path) -> str:
    if problem == "there is no index yet":
        return f"There is no index in {index_dir} yet; building it now."
    return f"The index in {index_dir} cannot be used ({problem}); rebuilding it now."
