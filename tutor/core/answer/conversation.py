"""A conversation's memory, and what a follow-up needs from it — decided per turn, without a
language model, and explainable (`Reading.kind` is shown in --json).

A turn is read as one of:

- new        a question that stands on its own (it names its own subject, or needs nothing);
- swap       "and hexarelin?", "what about tamoxifen?": the last question, about a new subject;
- compare    "is clomid the same?", "how is that different from X?": the last question, about
             the last subject and the new one together (the answer covers both);
- angle      "what about for women?", "who is it for?", "what company makes it?": the last
             subject, asked from a new angle (a pronoun is replaced by the subject's name);
- ellipsis   "why?", "is that permanent?": about the claim the last answer made, so the search
             reads the question together with that claim;
- continue   "and then?", "what happens after that?": the explanation goes on where the last
             answer stopped, in reading order;
- more       "tell me more", "anything else?": the same question again, from passages not yet quoted;
- simpler / deeper   "explain that more simply", "go deeper": the last question again, from the
             tier below or above.

Where the rules are unsure (a short question that names nothing), the tutor searches both the
question alone and the contextual reading and keeps the one whose evidence is clearly better
(Tutor.answer). A turn that names its own subject, or asks about the text itself ("who wrote
this?"), starts afresh. A reading is a guess: for a turn that leans on the conversation, the
passages to quote are ranked by it, the question alone and the question with the last one
together (Tutor._in_context), while whether the text covers it is decided on the reading alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from tutor.core.clauses import (ABOUT_SOURCES, FIRST_PERSON, ITS_OWN_AUTHOR, OPENERS, asked_after_a_story, asks_in,
                                meaning_asked)
from tutor.core.corpus.glossary import Glossary, names_nothing_else
from tutor.core.text import clean_input, content_words
from tutor.core.vocab import Reason

NEW, SWAP, COMPARE, ANGLE, ELLIPSIS, CONTINUE, MORE, SIMPLER, DEEPER = (
    "new", "swap", "compare", "angle", "ellipsis", "continue", "more", "simpler", "deeper")

_LEAD = rf"^\W*(?:(?:{OPENERS}|then|now)\b[\s,.!]*)*"
_SIMPLER = re.compile(_LEAD + r"(?:(?:can|could)\s+you\s+)?(?:please\s+)?(?:explain|say|put|tell\s+me)?\s*"
                      r"(?:it|that|this)?\s*(?:again\s+)?(?:more\s+simply|simpler|in\s+simpler\s+(?:words|terms)|in\s+plain"
                      r"\s+(?:english|words|language)|in\s+(?:layman'?s?|simple)\s+terms|like\s+i'?m\s+(?:5|five|12|a\s+kid))"
                      r"|^\W*(?:simpler|plain\s+english|eli5)\W*(?:please|pls)?\W*$"
                      # "i dont get it", "huh?", "you lost me": the last answer was not understood
                      r"|^\W*(?:sorry\W*)?(?:i\s+)?(?:still\s+)?(?:don'?t|do\s+not|dont|didn'?t|didnt)\s+(?:get|understand|follow)"
                      r"(?:\s+(?:it|that|this|any\s+of\s+(?:it|that|this)|what\s+(?:you|that|it)\s+(?:means?|meant|said)))?\W*$"
                      r"|^\W*(?:huh|what|wut|wat|eh|i'?m\s+(?:so\s+)?(?:confused|lost)|(?:so\s+)?confused|(?:that|it)\s+(?:went|goes)"
                      r"\s+over\s+my\s+head|(?:you\s+)?lost\s+me|(?:that\s+)?makes?\s+no\s+sense)\W*$", re.I)
_DEEPER = re.compile(_LEAD + r"(?:(?:can|could)\s+you\s+)?(?:please\s+)?(?:go\s+deeper|(?:explain|say|tell\s+me)\s+"
                     r"(?:it|that|this)?\s*(?:in\s+)?(?:more\s+(?:detail|depth)|deeper)|more\s+(?:detail|depth)|deeper|"
                     r"the\s+(?:science|technical\s+version|details))\b(?:\s+(?:on|about|into)\s+(?:it|that|this))?\W*$", re.I)
# "and then what happens?" as "and then?": the next step of what was just explained (a blind writer's;
# it was glued to the last question, "how do then what happens restart testosterone production?")
_CONTINUE = re.compile(_LEAD + r"(?:and\s+)?(?:then\s+what(?:\s+(?:happens|comes|follows))?(?:\s+(?:next|after\s+(?:that|this)))?"
                       r"|what\s+(?:happens|comes|follows)\s+(?:next|then|after\s+(?:that|this))"
                       r"|and\s+then|then|next|go\s+on|keep\s+going|what\s+next|after\s+that)\W*$", re.I)
_MORE = re.compile(_LEAD + r"(?:tell\s+me\s+more(?:\s+about\s+(?:it|that|this|them))?|more|what\s+else|anything\s+else"
                   r"(?:\s+(?:i\s+should\s+know|to\s+know|worth\s+knowing))?(?:\s+about\s+(?:it|that|this|them))?)\W*$", re.I)
# "whats clomid", "define clomid": a whole question in two words, not the last one asked again about
# Clomid ("do clomid shrink?" after "do they shrink?", an exploratory tester's)
_WHAT_IS = re.compile(_LEAD + r"(?:just\s+|simply\s+|quickly\s+)?(?:what(?:'s|s)?|whats|define|explain|describe)\b", re.I)
_SWAP_LEAD = re.compile(_LEAD + r"(?:and|what\s+about|how\s+about)\b", re.I)
# "and what does gnrh do", "and is clomid a SERM?": after the "and" a whole question of its own, not
# the last one asked again of a new subject (it was swapped into "whats the gnrh", the last question)
_OWN_ASK = re.compile(_LEAD + r"and\s+(?:what|how|why|when|where|who|which|does|do|did|is|are|was|can|could|will|would"
                      r"|should)\b(?!\s+about\b)", re.I)
_SWAP_BARE = re.compile(_LEAD + r"(?:and|what\s+about|how\s+about)\s+(?P<x>(?!for\b|in\b|with\b|when\b|if\b|the\s+other\b"
                        r"|(?:how|what|why|where|who|which|whose)(?:'?s)?\b)[\w'-]+"
                        r"(?:\s+[\w'-]+){0,2})\W*$", re.I)
# what points at a telling, not at a thing named in it ("is that normal?", not "how does it work?")
_ABOUT_WHAT_WAS_TOLD = re.compile(r"\b(?:that|this)\b", re.I)
_BARE_WHY = re.compile(r"^\W*(?:so\s+|and\s+|but\s+)?(?:why|how\s+come)\W*$", re.I)
# "what's the difference then?": a comparison that names nothing, of the last two subjects asked about
_BARE_DIFFERENCE = re.compile(_LEAD + r"(?:so\s+|and\s+|but\s+)*(?:what(?:'s|s|\s+is|\s+are)?\s+(?:the\s+|a\s+)?"
                              r"(?:main\s+|big\s+|real\s+)?(?:difference|differences|diff)|any\s+difference)"
                              r"(?:\s+(?:then|though|exactly|again|really))?\W*$", re.I)
# "and the other one?": the second of the two subjects the learner has been asking about
_THE_OTHER = re.compile(_LEAD + r"(?:and\s+|what\s+about\s+|how\s+about\s+)?the\s+other(?:\s+one)?\W*$", re.I)
_COMPARE = re.compile(r"\b(?:the\s+same|similar|different|differ|difference|diff|compare[sd]?|compared|versus|vs\.?)\b", re.I)
_VERSUS = re.compile(r"\b(?:vs\.?|versus)(?=\s|$)", re.I)
_ABOUT_TEXT = re.compile(r"\b(?:who\s+wrote|written\s+by|author|this\s+(?:text|article|reading|piece)|references?"
                         r"|sources?|studies|research|cite[sd]?|bibliography)\b", re.I)
_PLURAL = re.compile(r"^(?:they|them|their|these|those|the\s+two)$", re.I)
# the two things just asked about, as a comparison names them ("between them", "the two", "both of them")
_BOTH = re.compile(r"\b(?:both\s+of\s+them|the\s+two(?:\s+of\s+them)?|both|them|they|these\s+two|those\s+two)\b", re.I)
_WH_ONLY = re.compile(r"^\W*(?:so\s+|and\s+|but\s+)?(?:why|how|how\s+come|what\s+for|really|is\s+(?:it|that)\s+\w+|does"
                      r"\s+(?:it|that)\s+\w+|what\s+causes\s+(?:it|that)|how\s+long\s+does\s+(?:it|that)\s+\w+(?:\s+\w+)?)\W*$",
                      re.I)
_DUMMY_IT = re.compile(r"\bit\s+(?:takes?|seems?|means?|is\s+(?:true|possible|normal|common|ok|okay)|(?:really\s+)?matters?"
                       r"|(?:really\s+)?makes?\s+(?:a|any|much\s+of\s+a|much)\s+difference)\b"
                       # the weather, the time or the season: "why do i wheeze more when its cold outside?"
                       # was read as "… when Reliever's cold outside?" (an exploratory tester's)
                       r"|\bit(?:['’]?s|\s+is|\s+was|\s+gets?|\s+getting)\s+(?:really\s+|very\s+|so\s+|too\s+|getting\s+|a\s+bit\s+)?"
                       r"(?:cold|colder|hot|hotter|warm|humid|damp|wet|windy|rainy|raining|snowing|foggy|smoggy|smoky|dusty"
                       r"|sunny|freezing|dark|late|early|night|nighttime|daytime|winter|summer|spring|autumn|fall)\b", re.I)
SHORT = 8
# A short question leans on the last answer when it points back to it or asks why it is so.
_LEANS_ON_LAST = re.compile(r"^\W*(?:so\s+|and\s+|but\s+)?why\b|\b(?:it|its|that|this|they|them|these|those|there)\b", re.I)


@dataclass
class Reading:
    kind: str
    text: str                   # what is searched and judged
    subjects: list[str] = field(default_factory=list)
    alternatives: list["Reading"] = field(default_factory=list)   # other readings retrieval may prefer
    unsure: bool = False        # the rules cannot tell: search this reading and the alternatives
    # words the reading's evidence must name for it to answer what was asked: "and insulin?" after a
    # table row on bone density, read as "Bone Density insulin?", found the bone row again
    needs: list[str] = field(default_factory=list)


@dataclass
class Turn:
    question: str
    resolved: str
    status: str
    topic: list[str]                        # subjects this turn was about, most salient first
    passage_ids: list[str]
    quoted: list[int] = field(default_factory=list)    # units quoted, in order (for "and then?")
    claim: str = ""                         # the quote closest to the question asked (for "why?"; Tutor._claim)
    tier: str = ""                          # the tier of the passage cited first
    kind: str = NEW
    claim_terms: list[str] = field(default_factory=list)   # glossary terms the answer's quotes name
    pair: list[str] = field(default_factory=list)   # the last two terms the quotes name together ("LH and FSH")
    reason: str = ""                                # why it was refused, when it was
    said: list[int] = field(default_factory=list)   # every unit the answer quoted
    sources: bool = False                           # the answer quoted only the text's sources (references)
    defined: list[str] = field(default_factory=list)    # the glossary terms the answer gave a box to
    subject: str = ""                               # the title of the teacher's file the answer cited first
    claim_unit: int = -1                            # the unit the claim ends on (for "and then?"), -1 if none
    maybe_urgent: bool = False                      # the reply led with the emergency numbers (Verdict.unsure_emergency)


@dataclass
class Conversation:
    """What the learner has asked so far; the current topic is the latest turn's subject."""

    turns: list[Turn] = field(default_factory=list)
    level: str = "auto"
    # passages shown whole since the last new question (the chat's /more): "tell me more" moves on
    # from them too, instead of quoting again what /more just showed (an exploratory tester's)
    shown: set[str] = field(default_factory=set)

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    @property
    def last_answered(self) -> Turn | None:
        return next((t for t in reversed(self.turns) if t.status == "answered"), None)

    @property
    def after_an_emergency(self) -> bool:
        """Whether the last turn got the emergency message: a "help" or "stop" after it is no command."""
        return self.last is not None and self.last.reason == "emergency"

    @property
    def after_maybe_urgent(self) -> bool:
        """Whether the last reply led with the emergency numbers (Turn.maybe_urgent): "help" or "why?"
        after it is about what was told, as after the emergency message."""
        return self.last is not None and self.last.maybe_urgent

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

    def record(self, turn: Turn) -> None:
        if turn.kind == NEW:
            self.shown.clear()
        self.turns.append(turn)
        del self.turns[:-50]

    def clear(self) -> None:
        self.turns.clear()
        self.shown.clear()

    def again(self, kind: str) -> Reading:
        """The last question answered, asked again in another form (SIMPLER, DEEPER, CONTINUE, MORE)."""
        return Reading(kind, self.last_answered.resolved, list(self.topic))

    def read(self, question: str, glossary: Glossary, is_common: Callable[[str], bool] = lambda _: False,
             kin: Callable[[str, list[str]], str] | None = None,
             file_subject: Callable[[str], str | None] = lambda _: None) -> Reading:
        """What this turn asks, given the conversation so far. `kin(new, subjects)` says which of
        the subjects spoken of a new one takes the place of ("and the serms?" after a question on
        how gonadorelin acts at the pituitary: gonadorelin, a medicine like them); the first by
        default. `file_subject(question)` is the subject of a teacher's file the question names, as
        typed ("asthma"), when no glossary term is named: a subject of the question's own too."""
        return self._read(clean_input(question), glossary, is_common, kin, file_subject)

    def _read(self, question: str, glossary: Glossary, is_common: Callable[[str], bool],
              kin: Callable[[str, list[str]], str] | None, file_subject: Callable[[str], str | None]) -> Reading:
        last = self.last_answered
        switched = switched_topic(question)
        if switched is not None:
            return Reading(NEW, switched, _own_subjects(switched, glossary, is_common))
        # "what are the symptons of asthma" after "whats a trigger" names the subject of the asthma
        # handout; with no glossary term for it, it was read as "… — trigger?" (an exploratory tester's)
        own = _own_subjects(question, glossary, is_common)
        told = self._leans_on_a_telling(question, own)
        if told is not None:
            return told
        if last is None:
            return self._after_no_answer(question, own)
        for pattern, kind in ((_SIMPLER, SIMPLER), (_DEEPER, DEEPER), (_CONTINUE, CONTINUE), (_MORE, MORE)):
            if pattern.search(question):
                return self.again(kind)
        by_title = [] if own else [s for s in [file_subject(question)] if s]
        if by_title:
            # a question naming a file's subject by its title is read as typed: "is type 2 diabetes the
            # same for type 1" after metformin was made "what is metformin and type 2 diabetes?" (a reviewer's)
            return Reading(NEW, question, by_title)
        if last.sources and _OF_THOSE.search(question):
            # "which of those is about clomid?" after the list of sources: one of those sources,
            # not Clomid's item (a tester's)
            return Reading(ANGLE, f"{question.rstrip(' ?.!')} — of the sources?", own)
        if not own and meaning_asked(question) and len(asks_in(question)) <= 1:
            # "and what does endogenous mean": a word's meaning needs nothing from the conversation;
            # read with the last subject ("… — endocrine system?"), another sentence using the word
            # was quoted, not the one that defines it (a blind dialogue writer's)
            return Reading(NEW, question)
        topic = [t for t in self.topic if not is_common(t)] or list(self.topic)
        if _ABOUT_TEXT.search(question) and not own:
            pronoun = reference_in(question)
            # "who wrote this?" is the text ("who wrote it?" may still be the study just quoted)
            about_the_text = ITS_OWN_AUTHOR.search(question) and pronoun is not None and pronoun.group("p").lower() != "it"
            # "what sources does it cite?" right after "who wrote this?" (which the text could not
            # answer): the text was the last thing spoken of, not Clomid before it (a tester's)
            about_the_text = about_the_text or self.last is not last and _ABOUT_TEXT.search(self.last.question)
            # ... and "who wrote it?" right after the list of its sources
            about_the_text = about_the_text or last.sources and ITS_OWN_AUTHOR.search(question)
            # "what sources does it cite?" after "what does the fever leaflet cover?": that file's (the
            # bundled text's were listed too; a school nurse's tester)
            named = (file_subject(self.last.question) or self.last.subject) \
                if pronoun is not None and ABOUT_SOURCES.search(question) else None
            if named and pronoun.group("p").lower() in ("it", "its", "this") and not ITS_OWN_AUTHOR.search(question):
                return Reading(ANGLE, f"{question[:pronoun.start('p')]}the {named} text{question[pronoun.end('p'):]}")
            if pronoun is None or not topic or about_the_text \
                    or pronoun.group("noun") and pronoun.group("p").lower() in _DEMONSTRATIVES:
                return Reading(NEW, question)
            return Reading(ANGLE, question[:pronoun.start("p")] + topic[0] + question[pronoun.end("p"):], list(topic))
        if own and topic and all(o not in topic for o in own):
            return self._with_new_subject(question, own, topic, last, glossary, kin)
        if own:
            return Reading(NEW, question, own)
        if not topic:
            return self._without_topic(question, last)
        return self._about_topic(question, topic, last, glossary, kin)

    def _leans_on_a_telling(self, question: str, own: list[str]) -> Reading | None:
        """A short follow-up naming no subject and pointing with "that" or "this" ("is that normal?")
        right after a message about one's own body, told and not asked, that got no answer (refused as
        personal advice, or told with the numbers first) is about that message: read against the
        answer before it ("what does LH do?"), it quoted the text's "normal" lab values as if of the
        learner's spots (an exploratory tester's). Read as the message and the follow-up together, so
        the guard judges them as one. A bare "why?" there is read alone (not covered)."""
        told = self.last
        if told is None or own or told.status == "answered" or not (told.reason == Reason.PERSONAL or told.maybe_urgent):
            return None
        # only after a telling: after "should i stop my clomid?" "how does it work?" is about Clomid,
        # as its refusal suggested (Conversation._after_no_answer)
        telling = told.resolved.split(" — ")[0] if told.kind == ANGLE else told.question     # ... or a follow-up read so
        if asks_in(telling) or len(question.split()) > SHORT:
            return None
        if _BARE_WHY.match(question):
            # "why?": the text could not say what was told, so it cannot say why; read alone it is not
            # covered, where the answer before the telling had been taken for what it asked about
            return Reading(NEW, question)
        if not _ABOUT_WHAT_WAS_TOLD.search(question) or _WHAT_IS.match(question):
            # "what does it do?" after "i have sore boobs on clomid" is about Clomid (a reviewer's)
            return None
        return Reading(ANGLE, f"{told.resolved.rstrip(' ?.!')} — {question}", list(told.topic))

    def _after_no_answer(self, question: str, own: list[str]) -> Reading:
        """A question before anything was answered: read as typed, except that "it" stands for the
        subject of the refused question just before it. "how does it work?" after a refused "how
        much clomid should i take?", whose refusal offers "How does Clomid work?", was read with no
        subject and answered about Gonadorelin (an exploratory tester's). Only the subject: the
        refused question itself is never read into it, and the guard judges what it becomes
        ("how much of it?" is "how much of Clomid?")."""
        refused = self.last is not None and self.last.status == "refused" and self.last.topic
        compared = _BARE_DIFFERENCE.match(question) or _BOTH.search(question) and _COMPARE.search(question) \
            and not FIRST_PERSON.search(question) and len(question.split()) <= SHORT
        if refused and not own and len(self.last.topic) >= 2 and compared:
            # "what's the difference then" after a refused "should i take tamoxifen or clomid" (whose
            # refusal offers how the two differ) was not covered (a second exploratory tester's), and "how
            # are they different" (a third's); only a short comparison saying nothing of the learner:
            # "are both the same for my symptoms? do they differ" stays theirs (a reviewer's)
            pair = self.last.topic[:2]
            return Reading(COMPARE, f"what is the difference between {pair[0]} and {pair[1]}?", pair)
        pronoun = reference_in(question) if refused and not own else None
        if pronoun is None or pronoun.group("p").lower() not in ("it", "its"):
            return Reading(NEW, question, own)     # "they" may be more than the one subject recorded
        subject = self.last.topic[0]
        said = f"{subject}'s" if pronoun.group("p").lower() == "its" else subject
        return Reading(ANGLE, question[:pronoun.start("p")] + said + question[pronoun.end("p"):], [subject])

    def _with_new_subject(self, question: str, own: list[str], topic: list[str], last: Turn, glossary,
                          kin: Callable[[str, list[str]], str] | None = None) -> Reading:
        """A question naming a new subject: a swap ("and X?"), a comparison ("is X the same?"), or new.
        One that names two subjects of its own ("difference between clomid and tamoxifen?") needs
        nothing from the conversation."""
        if len(own) >= 2:
            return Reading(NEW, question, own)
        words = re.findall(r"[\w'-]+", question)
        pointing = _points_back_before(question, glossary, own)
        if pointing is not None and pointing.group("p").lower() in ("this", "that") \
                and _points_into_the_story(question, pointing.start("p")) \
                and not _REFERS_BACK.search(question[:pointing.start("p")]):
            # "my bones feel weak, could that be low estrogen?" after Clomid: "that" is the weak
            # bones, not Clomid (read "could Clomid be low estrogen?"; a reviewer's probe, stop 62);
            # a story that itself points back ("my mum was given the tablets, is that an aromatase
            # inhibitor?") keeps the subject spoken of (a second reviewer's)
            pointing = None
        if _COMPARE.search(question) and len(words) <= 12 and not _compares_itself(question, own[0], glossary):
            both = [topic[0], *own]
            return Reading(COMPARE, _replace(last.resolved, topic[0], " and ".join(both), glossary) or
                           f"{last.resolved.rstrip(' ?.!')} — {question}", both)
        if (_SWAP_LEAD.search(question) and len(words) <= 5 and not _OWN_ASK.match(question)
                or len(words) <= 2 and not _WHAT_IS.match(question)
                or len(words) <= 5 and _names_only(question, own[0], glossary)) and _swappable(last) \
                and pointing is None:
            # "is it a SERM?" after anastrozole asks about anastrozole, not "what does SERM do?"
            for asked in self._last_asked(last):
                swapped = _replace(asked.resolved, _replaced(own[0], topic, kin), _as_typed(question, own[0], glossary),
                                   glossary)
                if swapped:
                    return Reading(SWAP, swapped, own)
        if pointing is not None:
            # "what happens to them on trt?" after Leydig cells: a pronoun before any subject the
            # question names can only stand for an earlier one; retrieval may still prefer the
            # question alone (the pronoun may mean something the rules cannot see)
            name = " and ".join(topic[:2] if _PLURAL.match(pointing.group("p")) and len(topic) > 1 else topic[:1])
            if pointing.group("p").lower() in ("its", "their"):
                name += "’s"
            angle = question[:pointing.start("p")] + name + question[pointing.end("p"):]
            # "is it a SERM?" can only mean the last subject: nothing else is there for "it" to be
            sure = pointing.group("p").lower() == "it" and _CLASS_AFTER.match(question, pointing.end("p"))
            if sure:
                return Reading(ANGLE, angle, list(topic))
            return Reading(ANGLE, angle, [*topic, *own], [Reading(NEW, question, own)], unsure=True)
        return Reading(NEW, question, own)

    def _about_topic(self, question: str, topic: list[str], last: Turn, glossary: Glossary,
                     kin: Callable[[str, list[str]], str] | None = None) -> Reading:
        """No subject of its own: a pronoun stands for the topic, a bare "why?" asks about the
        last answer's claim, "and X?" asks the last question about X or about the topic for X,
        and a short question takes the topic as its subject."""
        alone = Reading(NEW, question)
        if _WH_ONLY.match(question) and last.claim:
            return Reading(ELLIPSIS, f"{question} {_as_context(last.claim)}", list(topic))
        asked = _swappable(last)
        pair = self._asked_about(glossary) if _THE_OTHER.match(question) and len(topic) < 2 else []
        if len(pair) == 2 and topic[0] in pair:
            # "and the other one?" after "what is ibuprofen used for?", "and aspirin?": ibuprofen
            topic = [topic[0], next(p for p in pair if p != topic[0])]
        if _THE_OTHER.match(question) and len(topic) >= 2:
            other = topic[1]
            swapped = _replace(asked, topic[0], other, glossary) if asked and other.lower() not in asked.lower() else None
            return Reading(SWAP, swapped or f"What about {other}?", [other])
        swap = _SWAP_BARE.match(question)
        if swap:
            about = Reading(ANGLE, f"{topic[0]} {swap.group('x')}?", list(topic), needs=content_words(swap.group("x")))
            new = _whole_term(swap.group("x"), glossary)
            swapped = _replace(asked, _replaced(new, topic, kin), new, glossary) if asked else None
            if swapped:
                return Reading(SWAP, swapped, [new], [about, alone], unsure=True)
            return Reading(ANGLE, about.text, list(topic), [alone], unsure=True, needs=about.needs)
        both = self._both_compared(question, glossary)
        if both is not None:
            return both
        subject_that = _DEMONSTRATIVE_SUBJECT.search(question)
        if subject_that and _points_into_the_story(question, subject_that.start("p")):
            subject_that = None
        if subject_that and subject_that.group("verb").lower() in _VERBS and last.claim:
            # "and what does that take in practice?", "what does that tell the pituitary to do": "that"
            # is what was just said, read with the last answer's claim; the topic put in its place
            # ("what does hypothalamus tell …") and the question alone are the other readings
            about = Reading(ANGLE, question[:subject_that.start("p")] + topic[0] + question[subject_that.end("p"):],
                            list(topic))
            return Reading(ELLIPSIS, f"{question} {_as_context(last.claim)}", list(topic), [about, alone], unsure=True)
        pronoun = reference_in(question)
        if pronoun is not None and pronoun.group("p").lower() in ("this", "that") and not pronoun.group("noun") \
                and _points_into_the_story(question, pronoun.start()):
            pronoun = None
        if pronoun is not None and pronoun.group("noun") and pronoun.group("p").lower() in _DEMONSTRATIVES:
            named = _named_in(pronoun.group("noun"), last.claim_terms)
            if named:
                return Reading(ANGLE, question[:pronoun.start()] + named + question[pronoun.end():], [named])
            about = Reading(ANGLE, f"{question.rstrip(' ?.!')} — {topic[0]}?", list(topic))
            return Reading(NEW, question, [], [about], unsure=True)
        if pronoun is not None:
            word = pronoun.group("p")
            plural = _PLURAL.match(word)
            # two subjects the learner has been asking about come first; else the two things the
            # last answer just named together ("... release LH and FSH" → "what do those do?")
            # the subject the learner named in the plural themselves ("what are SERMs?", then
            # "how do they work?") comes before the pair the last answer named ("LH and FSH")
            typed = self._named_in_plural(topic, glossary) if plural and len(topic) == 1 else []
            names = typed or (topic[:2] if plural and len(topic) > 1 else last.pair if plural and last.pair else topic[:1])
            if plural and not typed and not all(is_plural(n) for n in names):
                # "will they go back to normal?" after "how does trt affect leydig cells": "they" is
                # not TRT but the plural spoken of (two singulars together may still be "they"): the
                # plural the learner named last ("my testicles shrank on trt. what is happening to
                # them?", then "will they come back?": the testicles, not the answer's Leydig cells;
                # a tester's), else a plural among the terms
                many = plurals_named(last.question)[-1:] or [t for t in [*topic, *last.claim_terms] if is_plural(t)]
                names = many[:1] if many and (len(names) == 1 or any(is_plural(n) for n in names)) else names
            name = " and ".join(names)
            if word.lower() in ("its", "their"):
                name += "’s"
            # the plural "they" stood for is the subject now: "do they hurt?" after "these lumps on his ears
            # from gout, what are they", read as "do lumps hurt?", and then "are they permanent?" asked
            # whether gout is (a blind dialogue writer's gout sheet)
            named_plural = plural and len(names) == 1 and is_plural(names[0]) and names[0] not in topic
            reading = Reading(ANGLE, question[:pronoun.start("p")] + name + question[pronoun.end("p"):],
                              list(names) if names == last.pair or named_plural else list(topic))
            if not plural and last.subject and last.subject.lower() not in name.lower():
                # beside a teacher's file "it" may be the file's subject, not the last term: "how is it
                # diagnosed" after "what does insulin do" was asked of insulin (a tester's diabetes
                # handout); retrieval keeps the last term unless the subject's evidence is clearly better
                subject = last.subject + ("’s" if word.lower() == "its" else "")
                about = Reading(ANGLE, question[:pronoun.start("p")] + subject + question[pronoun.end("p"):],
                                [last.subject])
                return replace(reading, alternatives=[about], unsure=True)
            return reading
        if len(question.split()) <= SHORT or _SWAP_LEAD.match(question):
            about = Reading(ANGLE, f"{question.rstrip(' ?.!')} — {topic[0]}?", list(topic))
            angled = _with_an_angle(question, self._asked_outright(last))
            if angled is not None:
                # "what about for women?" after "what does anastrozole do": the last question for
                # women, then the subject for women, then the question alone
                return Reading(ANGLE, angled, list(topic), [about, alone], unsure=True)
            return Reading(NEW, question, [], [about], unsure=True)
        return alone

    def _last_asked(self, last: Turn) -> list[Turn]:
        """The turns a new subject may be swapped into, latest first: a question the text was silent
        on just now, if it leaned on no claim, then the last answered one. "and hexarelin?" after "does
        it have side effects" (not covered) asks that of Hexarelin, not the answered "approved by
        who?" before it (an exploratory tester's)."""
        after = self.turns[-1] if self.turns else None
        silent = after is not None and after is not last and after.status == "not_covered" \
            and after.kind != ELLIPSIS and not after.reason
        return [after, last] if silent else [last]

    def _asked_outright(self, last: Turn) -> Turn:
        """The last turn asked in its own words, for an angle added to it: after "why?" (read with the
        claim it asks about), "and for kids?" asks the question before it for kids, not "why? Reliever
        inhalers are usually blue for kids?" (an asthma handout's tester). Nor a re-explanation of
        such a turn: "what about for kids?" after "is that permanent?" and "explain that more simply" was
        read as "is that permanent? PHN is more common in older people for kids?" (a shingles handout's)."""
        again = (ELLIPSIS, SIMPLER, DEEPER, CONTINUE, MORE)
        if last.kind not in again:
            return last
        return next((t for t in reversed(self.turns) if t.status == "answered" and t.kind not in again), last)

    def _named_in_plural(self, topic: list[str], glossary: Glossary) -> list[str]:
        """The topic's subject as typed, when a question of this conversation since it began typed it
        in the plural ("SERMs" for the glossary's "SERM"); else nothing."""
        for turn in reversed(self.turns):
            typed = _as_typed(turn.question, topic[0], glossary)
            if typed != topic[0] or turn.kind == NEW:
                return [typed] if is_plural(typed) and typed.lower() != topic[0].lower() else []
        return []

    def _both_compared(self, question: str, glossary: Glossary) -> Reading | None:
        """"what's the difference between them?", "how do the two differ?" after questions about
        two subjects: a comparison of the last two the learner asked about, in the order asked.
        After "whats clomid", "and tamoxifen?" the last answer's "LH and FSH" was compared instead
        (an exploratory tester's); a question that named two ("what do LH and FSH do?") names them."""
        found = _BOTH.search(question)
        bare = found is None and _BARE_DIFFERENCE.match(question)
        if not bare and (found is None or not _COMPARE.search(question)):
            return None
        pair = self._asked_about(glossary)
        if len(pair) < 2:
            return None
        if bare:
            # "what's the difference then" after "what is tamoxifen?", "and clomid?" was read as an
            # angle on Clomid alone (a second exploratory tester's)
            return Reading(COMPARE, f"what is the difference between {pair[0]} and {pair[1]}?", pair)
        return Reading(COMPARE, question[:found.start()] + " and ".join(pair) + question[found.end():], pair)

    def _asked_about(self, glossary: Glossary) -> list[str]:
        """The last two subjects the learner's questions named, in the order asked: both of the
        last question's when it named two, else the last one of each of the last two questions."""
        out: list[str] = []
        for turn in reversed(self.turns):
            if turn.status != "answered" or turn.kind in (ELLIPSIS, CONTINUE, MORE, SIMPLER, DEEPER):
                continue        # read with the last claim, or the last question again: no subject of its own
            # a teacher's text names its subjects in its items, not in a glossary: the turn's own
            # subject ("Ibuprofen", then "Aspirin"; "whats the difference between them?" had become
            # "… between Aspirin?", a teachers' tester's)
            named = list(dict.fromkeys(m.entry.term for m in glossary.mentions(turn.resolved, fuzzy=False))) \
                or turn.topic[:1]
            if not out and len(named) >= 2:
                return named[:2]
            if named and named[-1] not in out:
                out.insert(0, named[-1])
            if len(out) == 2:
                return out
        return out

    def _without_topic(self, question: str, last: Turn) -> Reading:
        """The last answer had no named subject: a short follow-up is read with its claim (and
        Tutor.answer keeps the question alone when that reads clearly better)."""
        if not last.claim:
            return Reading(NEW, question)
        if _WH_ONLY.match(question) or len(question.split()) <= SHORT and _LEANS_ON_LAST.search(question) \
                or len(content_words(question)) <= 1 and len(question.split()) <= 2:
            # a bare fragment ("examples?", "risks?") is an angle on what was just said: read alone,
            # "examples?" after "what's a peptide" quoted "… (HPG) axis, a prime example of such a loop"
            return Reading(ELLIPSIS, f"{question} {_as_context(last.claim)}", [], [Reading(NEW, question)], unsure=True)
        angled = _with_an_angle(question, self._asked_outright(last))
        if angled is not None:
            # "what about in kids?" after "how is iron deficiency treated?" had been asked alone and
            # was not covered (a teachers' tester's). Retrieval may still prefer it alone.
            return Reading(ANGLE, angled, [], [Reading(NEW, question)], unsure=True)
        # a question that neither points back nor asks why stands on its own ("does stress cause
        # asthma?", "what is ferritin"): read with the last claim, a teacher's text without a
        # glossary kept every later question on the passage just quoted
        return Reading(NEW, question)


_ANGLE_WORDS = r"(?:in|for|with|during|at|on|after|before|among|while)"     # what an angle opens with ("in kids")


def _angle_replaced(asked: str, rest: str) -> str | None:
    """The last question with its angle replaced by one of the same kind: "how do doctors test for
    asthma in kids", then "and in adults?", asks it "in adults", not "in kids in adults" (a tester's)."""
    preposition = rest.split()[0].lower()
    word = rf"(?!{_ANGLE_WORDS}\b)[\w'-]+"
    found = re.search(rf"\b{preposition}\s+(?:{word}\s+){{0,2}}{word}\s*$", asked, re.I)
    return f"{asked[:found.start()].rstrip()} {rest}?" if found else None


def _with_an_angle(question: str, last: Turn) -> str | None:
    """The last question asked again with the angle a short "what about in kids?" or "and for
    women?" adds ("how is iron deficiency treated in kids?"), or None when the question is no such
    follow-up: a new angle on what was asked, not a new subject."""
    lead = _SWAP_LEAD.match(question)
    if lead is None or len(question.split()) > SHORT or _OWN_ASK.match(question) \
            or FIRST_PERSON.search(last.resolved):
        # "how does tamoxifen help me restart?", then "and for women?": not the asker for women
        return None
    rest = question[lead.end():].strip(" ?.!")
    if not re.match(rf"{_ANGLE_WORDS}\b", rest, re.I):
        return None
    asked = last.resolved.rstrip(' ?.!')
    return _angle_replaced(asked, rest) or f"{asked} {rest}?"


def _names_only(question: str, subject: str, glossary: Glossary) -> bool:
    """Whether a question is a fragment that names its subject and nothing else it asks, but for
    "one" standing for what the last question asked about: "one on growth hormone?" after "which
    reference covers clomiphene?" asks for a reference again (a blind dialogue writer's; it was
    read alone and quoted the growth hormone passages)."""
    cleaned = clean_input(question)
    mention = next((m for m in glossary.mentions(cleaned) if m.entry.term == subject), None)
    if mention is None:
        return False
    rest = cleaned[:mention.start] + " " + cleaned[mention.end:]
    return not _WHAT_IS.match(cleaned) and set(content_words(rest)) <= {"one", "ones"}


def _whole_term(typed: str, glossary: Glossary) -> str:
    """The glossary term a learner named by its first word alone, when only one term begins so:
    "and sertoli?" after "what do leydig cells do" became "what do sertoli do" (an exploratory
    tester's), where "Sertoli cells" is the term. Anything else as typed."""
    low = typed.strip().lower()
    if not low or " " in low:
        return typed
    starting = {entry.term for entry in glossary for name in (entry.term, *entry.aliases)
                if name.lower().startswith(low + " ")}
    return starting.pop() if len(starting) == 1 else typed


def _replaced(new: str, topic: list[str], kin: Callable[[str, list[str]], str] | None) -> str:
    """The subject spoken of that a new one takes the place of in a swap."""
    return kin(new, topic) if kin is not None and len(topic) > 1 else topic[0]


def _swappable(last: Turn) -> str | None:
    """The last question, to swap a subject in ("and clomid?"), unless it was an elliptical one:
    its reading carries the quote it was read with ("why? A prolactinoma is a benign … tumor"),
    and "what about men?" after it became "why? A men is a benign … tumor" (a tester's)."""
    return None if last.kind == ELLIPSIS else last.resolved


def asked_of_the_subject(question: str, reading: Reading) -> str:
    """What the guard judges of a turn: the searched text, but for an elliptical follow-up the
    question with its pronoun standing for the subject ("is it safe?" after Clomid → "is Clomid
    safe?"). With the last answer's claim appended, "is it safe? Clomid … is also a SERM." read as
    a personal question and was refused as advice."""
    pronoun = reference_in(question) if reading.kind == ELLIPSIS and reading.subjects else None
    if pronoun is None:
        return reading.text
    return question[:pronoun.start("p")] + reading.subjects[0] + question[pronoun.end("p"):]


_DETERMINERS = frozenset("my his her their our your the these those some many both all any no two three".split())


def plurals_named(question: str) -> list[str]:
    """The plural nouns a learner's question names, in order ("testicles" of "my testicles
    shrank on trt"): words of five letters or more in -s (not -ss, -us, -is or -ous) after a
    determiner or a possessive, or first in their sentence; so not a verb ("what happens to
    them", "trt shuts it down")."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*|[.?!]", question)
    kept = set(content_words(question.lower()))
    return [w.lower() for i, w in enumerate(words) if w.lower() in kept and len(w) >= 5 and is_plural(w)
            and not w.lower().endswith("ous")
            and (i == 0 or words[i - 1] in ".?!" or words[i - 1].lower() in _DETERMINERS)]


def is_plural(term: str) -> bool:
    """Whether a term names many ("Leydig cells", "gonads", "SERMs"): its last word ends in a plural s."""
    last = term.split()[-1] if term.split() else ""
    return len(last) > 3 and last.lower().endswith("s") and not last.lower().endswith(("ss", "is", "us"))


# "unrelated, but …", "different question:", "on another note, …": the learner says the subject changes
_SWITCH = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|also|alright|right|oh|and)\b[\s,.!]*)*(?:(?:totally|completely|kind\s+of|sort\s+of"
                     r"|somewhat|a\s+bit|slightly)\s+)?(?:unrelated|off[\s-]topic|(?:a\s+)?(?:different|new|random|separate|unrelated"
                     r"|another|other)\s+(?:question|topic|subject|thing|q)|changing\s+(?:the\s+)?(?:subject|topic)"
                     r"|switching\s+(?:gears|topics?|subjects?)|on\s+(?:a|an)\s+(?:different|other|unrelated|separate)\s+note"
                     r"|on\s+another\s+note)\b(?:\s+(?:question|topic|thing|q))?(?:[\s,]+(?:but|though|now))?[\s,:;.!-]*", re.I)


def switched_topic(question: str) -> str | None:
    """The question after a marker that says the subject changes ("unrelated, but who wrote
    this?"), or None: read on its own, never glued to the last subject ("who wrote Tamoxifen?")."""
    found = _SWITCH.match(question)
    rest = question[found.end():].strip() if found else ""
    return rest if rest and content_words(rest) else None


# Words that cannot be the noun of "this": prepositions, conjunctions, verbs and adverbs of a
# question, participles and adjectives by their endings ("could i have had this for years", "is
# this contagious", "how is this treated" ask about the subject of what is studied).
_NOT_A_NOUN = re.compile(r"(?:for|from|with|without|about|after|before|during|over|under|into|onto|off|and|but|because|while"
               r"|when|then|than|are|was|were|been|being|can|could|will|would|should|may|might|must|does|did|has|have"
               r"|had|get|gets|got|come|comes|came|goes|went|happen|happens|happened|mean|means|work|works|cause|causes"
               r"|affect|affects|really|actually|still|just|too|also|even|ever|always|usually|normally|now|again|here"
               r"|there|all|any|one|[a-z]+(?:ed|ous|ly|ible|able))", re.I)
_REFERENCE = re.compile(r"\b(?P<p>it|its|it's|they|them|their|this|that|these|those|the\s+two)\b"   # not he/she: people
                        r"(?:\s+(?P<noun>[a-z]{3,})\b)?", re.I)
_DEMONSTRATIVES = ("this", "that", "these", "those")
# "does that take", "would this mean": a demonstrative subject and its verb
_DEMONSTRATIVE_SUBJECT = re.compile(r"\b(?:does|did|will|would|can|could|should|might|may)\s+(?P<p>that|this)\s+(?P<verb>[a-z]+)\b",
                                    re.I)
_VERBS = frozenset("""take mean do work happen affect cause help matter change involve require need look make last come
go stop start lead apply include depend feel show tell say leave stay get""".split())
_ALL_OF = re.compile(r"\ball\s+(?:of\s+)?$", re.I)
_OF_THOSE = re.compile(r"\b(?:(?:of|among)\s+(?:those|these|them)|which\s+one|any\s+of\s+them|the\s+(?:first|second|third|last)\s+one)\b",
                       re.I)


def reference_in(question: str) -> re.Match | None:
    """The first pronoun that refers to something ("it takes time" refers to nothing, "why do
    they check free testosterone?" means the clinicians); group "p" is the pronoun, group "noun"
    the word after it. None when an earlier ask of the same message stands alone and names what
    it refers to ("what is FSH and what does it do", "whats a leydig cel and can they die off")."""
    asks = asks_in(question)
    if len(asks) > 1 and _REFERENCE.search(asks[0]) is None and content_words(asks[0]):
        return None
    placeholder_ends = 0
    for m in _REFERENCE.finditer(question):
        if m.start() < placeholder_ends and m.group("p").lower() == "that":
            continue            # the "that" of "is it true that it lowers …": its clause, not a pronoun
        anticipatory = _ANTICIPATORY_IT.match(question, m.start())
        if anticipatory:
            placeholder_ends = anticipatory.end()
            continue
        if _DUMMY_IT.match(question, m.start()) or _PEOPLE_THEY.match(question, m.start()):
            continue
        if m.group("p").lower() in ("this", "that") and _ALL_OF.search(question[:m.start()]):
            continue            # "the point of all this": everything spoken of, not the last subject
        if _REFLEXIVE_OWN.match(question, m.start()) and len(question[:m.start()].split()) >= 3:
            continue            # "… help the body make its own hormones": its noun came first
        if _POINTS_AHEAD.match(question, m.end()):
            # "My doctor wrote this in my notes: suppression of the HPG axis … What does that mean?"
            # says what "this" is after the colon (and "that" is it again); read as typed, not as
            # "wrote Leydig cells in my notes" (an exploratory tester's paste)
            return None
        return m
    return None


def pointing_at_nothing(question: str) -> re.Match | None:
    """The "it" (or "its", or a bare "this") of a question asked with nothing before it: group "p".
    It stands for what the learner is studying ("are there any medicines for it?", asked first of
    a teacher's fact sheet), not for people ("they") or a thing the question names after it."""
    pronoun = reference_in(question)
    # "who wrote this?" asks about the text itself: beside a teacher's migraine sheet it was read
    # as "who wrote Migraine?" and answered with the bundled text's references (an exploratory tester's)
    if ITS_OWN_AUTHOR.search(question) or pronoun is None or pronoun.group("p").lower() not in ("it", "its", "this") \
            or pronoun.group("p").lower() == "this" and pronoun.group("noun") \
            and not _NOT_A_NOUN.fullmatch(pronoun.group("noun")) \
            or _EXTRAPOSED_IT.match(question, pronoun.start("p")):
        return None
    return pronoun


# "is it ok to drink alcohol", "is it normal for kids to …": an "it" that holds the place of what follows
# What a placeholder "it" is said to be before its clause: "is it ok to …", "is it true that …"
_PLACEHOLDER_ADJECTIVES = (r"(?:ok|okay|safe|normal|possible|true|worth|bad|good|wise|better|best|fine|necessary|important"
                           r"|common|usual|likely|risky|dangerous|harmful|advisable|hard|easy|too\s+late|weird|strange"
                           r"|unusual|rare)")
_EXTRAPOSED_IT = re.compile(rf"it(?:'s|\s+(?:is|was))?\s+(?:\w+\s+)?{_PLACEHOLDER_ADJECTIVES}\s+(?:to|for|if|that|when)\b", re.I)


# "is it ok for me to use my brother's inhaler?", "is it true its lower at night?": an "it" whose
# clause follows, with its own subject or "to" (not "is it safe for kids?", which asks of the
# subject); read as "is Reliever ok for me to …" and "is peak flow true its …" (an exploratory
# tester's). The "its" after "true" is the subject spoken of.
# A verb after "to" with an object of its own ("to drink alcohol"): "is it ok to take with food?" and
# "is it dangerous to stop suddenly?" leave the object out, and "it" is the subject (a reviewer's).
_TO_DO_SOMETHING = (r"to\s+[\w'’-]+\s+(?!(?:with|on|in|at|for|after|before|during|while|if|when|or|and|but|suddenly|daily|now"
                    r"|together|again|too|straight|right|early|late|every|each|it|them|this|that|these|those)\b)[\w'’-]+")
_ANTICIPATORY_IT = re.compile(r"it(?:['’]s|\s+(?:is|was))?\s+(?:really\s+|actually\s+|even\s+|still\s+)?"
                              rf"{_PLACEHOLDER_ADJECTIVES}\s+(?:that|whether|its"
                              rf"|it['’]s|i|i'?m|you|we|they|he|she|people|someone|{_TO_DO_SOMETHING}"
                              rf"|for\s+(?:[\w'’-]+\s+){{1,3}}?{_TO_DO_SOMETHING})\b", re.I)


# A story that points back at what was spoken of: "it", "them", "the tablets", "the leaflet"
_REFERS_BACK = re.compile(r"\b(?:it|them|those|these|the\s+(?:tablets?|pills?|meds?|medicines?|medications?|drugs?|injections?"
                          r"|shots?|jabs?|leaflet|text|stuff|same|one))\b", re.I)


def _points_into_the_story(question: str, at: int) -> bool:
    """Whether a bare "this" or "that" at `at` is in the ask after the asker's own story, which it
    points back into: "my daughter has eczema, does that mean shes more likely to get asthma?" was
    read with the last answer's claim (an exploratory tester's)."""
    asked = asked_after_a_story(question, pointing_back=True)
    return asked is not None and question.rfind(asked) <= at


# A pronoun the message itself goes on to explain: a colon later in the same sentence.
_POINTS_AHEAD = re.compile(r"[^.?!:\n]{0,40}:\s*\S")


# "why do they check …", "they say …": "they" doing what people do are the clinicians or people in general
_PEOPLE_THEY = re.compile(r"they\s+(?:(?:always|usually|often|still|even|just|really)\s+)?(?:say|said|says|call|called|check|checked"
                          r"|test|tested|use|used|give|gave|prescribe|prescribed|recommend|recommended|want|wanted|think|thought"
                          r"|measure|measured|monitor|monitored|tell|told|mean|meant|do\s+(?:bloodwork|labs|tests?))\b", re.I)


# "help the body make its own hormones", "do the testes lose their own function": "its own" after
# the noun it belongs to, in the same question, points back at nothing ("make testosterone's own
# hormones", a tester's); at the start ("can its own production come back?") it still does
_REFLEXIVE_OWN = re.compile(r"(?:its|their)\s+own\b", re.I)


# "is it possible for tamoxifen to …", "is it a good idea to take hcg …", "why is it that GnRH …":
# an "it" right after "is" or "was" before a named subject holds the place of what follows
_PLACEHOLDER_IT = re.compile(r"\b(?:is|was|isn'?t|wasn'?t|'s)\s+$", re.I)
# "is it a SERM?" asks what the subject is ("is it possible …", "is it a good idea to take …"
# are placeholders)
_CLASS_AFTER = re.compile(r"\s+(?:an?|one\s+of(?:\s+the)?)(?:\s+[\w-]+){1,3}\s*[?.!]*\s*$", re.I)


def _points_back_before(question: str, glossary: Glossary, own: list[str] = ()) -> re.Match | None:
    """A pronoun (not "this"/"that" + noun, not a placeholder "is it …") that comes before every
    subject the question names (its glossary terms, and `own`, the subjects found otherwise)."""
    pronoun = reference_in(question)
    if pronoun is None or pronoun.group("noun") and pronoun.group("p").lower() in _DEMONSTRATIVES:
        return None
    if pronoun.group("p").lower() == "it" and _PLACEHOLDER_IT.search(question[:pronoun.start()]) \
            and not _CLASS_AFTER.match(question, pronoun.end("p")):
        return None
    typed = [found.start() for o in own if (found := re.search(rf"(?<!\w){re.escape(o)}(?!\w)", question, re.I))]
    first_named = min([m.start for m in glossary.mentions(question)] + typed, default=len(question))
    said_to_be = question[pronoun.end("p"):first_named]
    is_ = _IT_IS.match(said_to_be) if pronoun.group("p").lower() == "it" else None
    if pronoun.group("p").lower() == "its" and _IDENTIFIED.fullmatch(said_to_be) \
            or is_ and _IDENTIFIED.fullmatch(said_to_be[is_.end():]):
        return None     # "how does a doctor know its asthma?": "it" is what is named, not an earlier subject
    return pronoun if pronoun.start() < first_named else None


# Between "it's" and the subject it is said to be: nothing, or an article
_IDENTIFIED = re.compile(r"\s+(?:(?:an?|the|just|really|actually|definitely)\s+)*", re.I)
_IT_IS = re.compile(r"['’]s|\s+(?:is|was)(?=\s)", re.I)


_STANDARD = re.compile(r"\b(?:as|than|from)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
# what a subject named first is set against: "… different from testosterone", "… compared to hcg"
_BETWEEN = re.compile(r"\b(?:difference|differences|compare|comparison)\s+(?:between\s+)?(?P<a>[\w'-]+(?:\s+[\w'-]+){0,3}?)"
                      r"\s+(?:and|vs\.?|versus|with|to)\s+(?P<b>[\w'-]+(?:\s+[\w'-]+){0,3})", re.I)
_COMPARED_WITH = re.compile(r"\b(?:different|differs?|differ(?:ent)?ly|compared?|similar|the\s+same|better|worse)\s+"
                            r"(?:from|than|to|with|as)\s+(?P<other>[^?.!]+)", re.I)


def _compares_itself(question: str, subject: str, glossary: Glossary) -> bool:
    """Whether a comparison names both of its sides: "is my thyroid controlled the same way as the
    hpg axis" puts the thyroid beside the HPG axis ("as", "than", "from" before the subject it
    names), and "what is PT-141 and how is it different from testosterone?" names the other side
    after its subject, while "is that the same for clomid?" and "does it work the same as
    tamoxifen?" put the last subject ("that", "it") beside the new one."""
    mention = next((m for m in glossary.mentions(question) if m.entry.term == subject), None)
    sides = _VERSUS.split(question, maxsplit=1)
    if len(sides) == 2 and all(content_words(side) for side in sides):
        return True         # "enclomiphene vs clomid?" names both, one the glossary does not know
    if mention is None:
        return False
    against = _COMPARED_WITH.search(question, mention.end)
    if against and content_words(against.group("other")) and not _REFERENCE.match(against.group("other")):
        return True         # "what is PT-141 and how is it different from testosterone": both named
    between = _BETWEEN.search(question)
    if between and all(content_words(side) and not _REFERENCE.match(side) for side in between.groups()):
        return True         # "the difference between estradiol and estrogen", one the glossary does not know
    if not _STANDARD.search(question[:mention.start]):
        return False
    before = question[:mention.start]
    return _REFERENCE.search(before) is None and bool(content_words(_COMPARE.split(before)[0]))


def _named_in(noun: str, terms: list[str]) -> str | None:
    """"those cells" after an answer that named Leydig cells: the term of the last answer the
    noun belongs to."""
    stem = noun.lower().rstrip("s")
    return next((t for t in terms if stem in t.lower()), None)


def _own_subjects(question: str, glossary: Glossary, is_common) -> list[str]:
    """The subjects a question names: its specific terms, or a common term ("FSH", "testosterone"
    in a text about them) when that is all it names ("what is FSH?", "what does LH do"). A
    common term beside other words ("how does it raise testosterone?") is what the question
    asks about the topic, not a new topic; alone it is the question's subject: "what is FSH"
    after Tamoxifen was read as "what is FSH — Tamoxifen?" (an exploratory tester's); so is "one on
    growth hormone?" (_names_only). `question`
    is cleaned already (Conversation.read): the mentions' spans are offsets into it."""
    mentions = glossary.mentions(question)
    own = [m.entry.term for m in mentions if not is_common(m.entry.term)]
    if own or not (names_nothing_else(question, mentions)
                   or len(mentions) == 1 and _names_only(question, mentions[0].entry.term, glossary)):
        return own
    return list(dict.fromkeys(m.entry.term for m in mentions))


def _as_typed(question: str, term: str, glossary: Glossary) -> str:
    """The subject as the learner wrote it ("hexarelin", not "Hexarelin")."""
    cleaned = clean_input(question)
    return next((cleaned[m.start:m.end] for m in glossary.mentions(question) if m.entry.term == term), term)


def _replace(text: str, old: str, new: str, glossary: Glossary | None = None) -> str | None:
    """`text` with the subject `old` (or any of its glossary names found, as whole words, or a typo
    of one) replaced by `new`. A name found inside a longer word is not it: "tamox" in "tamoxifan"
    made "Tamoxifen and Clomidifan" (a tester's)."""
    entry = glossary.lookup(old, fuzzy=False) if glossary else None
    if entry is not None and clean_input(text) == text:         # mention spans are offsets into the cleaned text
        m = next((m for m in glossary.mentions(text) if m.entry.term == entry.term), None)
        if m is not None:
            return text[:m.start] + new + text[m.end:]
    for name in sorted({old, *(entry.names if entry else ())}, key=len, reverse=True):
        found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)
        if found:
            return text[:found.start()] + new + text[found.end():]
    return None


def _as_context(claim: str) -> str:
    """The last claim as the context of an elliptical follow-up, without its words about sources:
    "is that permanent?" after "Research indicates that the duration …" read as a question about
    the text's sources and quoted a reference-list entry (a tester's)."""
    return " ".join(ABOUT_SOURCES.sub(" ", claim).split())
