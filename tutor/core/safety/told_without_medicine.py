"""Whether a question of how often, how many or how long asks about something a text tells that
speaks of no medicine at all: the squeezes of a pelvic floor leaflet, the walks of an exercise sheet.

The guard's classifier learnt dose requests as "how often / how many / how long …", and its
examples are about medicines, because the bundled text is. On three blind teachers' handouts it
refused 38 of their 57 lay questions of that shape (stop 77), and a word list of what is done
without medicine ("stretches", "ice packs", clauses._AMOUNT_OF_FOOD) named no squeeze. What a
question is about is told by the places in the text its words find. The classifier's dose verdict
is set aside only when all of these hold:

- the question names no medicine, no form, unit or count of one ("how many squirts") and no taking;
- it has a topic beyond when, where and for whom (`_CIRCUMSTANCE`): "how many a day for the
  throbbing" and "how often can i have it" name nothing done; and every word of it the text never
  uses is an everyday English word ("after lunch"), not a name ("arnica");
- every passage it finds near the best (PLACES, NEAR) is in a file that speaks of no medicine
  anywhere (`_file_of_no_medicine`), and holds no sentence that reads as giving a dose
  (`_reads_as_a_dose`).

The whole file, not the passage's section: where a handout speaks of a medicine anywhere, its doses
may be told in words that name nothing, and two adversarial reviewers found 59 and 69 dose requests
a reading by sections answered (docs/history.md, stop 77). It fails closed: anything unsure leaves
the classifier's refusal as it was. What it cannot see is a handout that never speaks of its
medicine by any word ("two breaths from the blue one"), which the redaction does not see either.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tutor.core.clauses import focus, sentences, speaks_of_a_medicine as asks_of_a_medicine
from tutor.core.safety.dose_reading import A_NUMBER, readings
from tutor.core.safety.doses import COUNT
from tutor.core.safety.medicine_names import TextMedicines
from tutor.core.safety.redact import speaks_of_a_medicine
from tutor.core.search.bm25 import WORD, tokenize

if TYPE_CHECKING:
    from tutor.core.search.rank import Retriever

PLACES = 5      # of the passages a question finds first, every one that scores within NEAR of the best
NEAR = 0.65     # ... must be in a file without medicine (chosen on three development handouts, stop 77)
DOSE_LIKE = 0.5    # ... and none may read as giving a dose from this (chosen on a reviewer's 59 leaks, stop 77)

# Words of how much, how long or how often: they locate nothing ("hours" is in every schedule, a medicine's too), and
# a small text may never use them ("how long should the ice stay on?"). The scope's filler words (of whom, of chat)
# are left out as well.
_MEASURE_WORDS = frozenset(tokenize(
    "often many much long soon fast far quickly slowly hour hours minute minutes min mins second seconds "
    "secs sec week weeks month months year years day days daily time times morning night evening max maximum minimum "
    "least most enough amount ok okay fine allowed safe normal should again per each every till until before after "
    "stay last lasts one two three four five six seven eight nine ten once twice half"))


# When, where, with what or for whom something is done, not what is done: a preposition with up to three words of
# determiners or numbers and the word they lead to ("for the throbbing", "under the tongue", "for a 3 year old", "with
# food", "before bed"), and a purpose clause to its end ("so the pain doesn't wake me"). A question left without a
# topic asks the amount of something it does not name, as a dose request does ("how many a day for the throbbing",
# "how often on the inner thigh"; a reviewer's, stop 77): what it is of is in the conversation, not in the question.
_CIRCUMSTANCE = re.compile(
    r"\b(?:so\s+(?:that\s+)?(?!much\b|many\b|long\b|often\b).*$"
    r"|(?:for|with|at|under|before|after|on|in|during|from|until|till|per|each|every|when|if|between)\s+"
    r"(?:(?:the|a|an|my|your|his|her|their|our|this|that|these|those|first|next|last|second|each|every|few|\d+|one|two"
    r"|three|four|five)\s+){0,3}[\w'-]+)", re.IGNORECASE)
# An amount counted in a medicine's units: "how many squirts under the tongue", "how many pumps on the inner thigh"
_COUNTED_AS_A_DOSE = re.compile(rf"\bhow\s+many\s+(?:{COUNT}|squirts?|halves|chewables?)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _locating_nothing() -> frozenset[str]:
    from tutor.core.search.scope import FILLER_WORDS

    # the scope's filler has words of studying the text ("walk me through", "read", "book", "school", "break it down",
    # "pick"); here they are what is done: "how long can he read his book for", "when can i pick up my toddler"
    return _MEASURE_WORDS | frozenset(tokenize(" ".join(w for w in FILLER_WORDS if w not in _DONE)))


_DONE = frozenset("""walk walking work works working worked school class read reading book break breaking pick picked
job jobs homework exam study studying eye watch watched watching track""".split())


def told_without_medicine(question: str, retriever: "Retriever", medicines: TextMedicines) -> bool:
    """Whether a question asks about something a text tells that speaks of no medicine anywhere (module docstring)."""
    if asks_of_a_medicine(question) or speaks_of_a_medicine(question) or medicines.in_question(question) \
            or _COUNTED_AS_A_DOSE.search(question):
        return False
    from tutor.core.search.scope import unknown_topic_words

    asked = focus(question) or question
    unknown = set(unknown_topic_words(asked, retriever.vocabulary, retriever.vocabulary_words, set(_MEASURE_WORDS)))
    topic = [t for t in tokenize(_CIRCUMSTANCE.sub(" ", asked))
             if t not in _locating_nothing() and not t.isdigit() and t not in unknown]
    if not topic or not _everyday(unknown, asked):
        return False
    hits = retriever.search(retriever.prepare(question), k=PLACES).hits
    found = [h.passage for h in hits if h.score >= NEAR * hits[0].score] if hits and hits[0].score > 0 else []
    index = retriever.index
    return bool(found) and all(_file_of_no_medicine(index, p.source, medicines) for p in found) \
        and not any(_reads_as_a_dose(index, p) for p in found)


def _everyday(unknown: set[str], asked: str) -> bool:
    """Whether every word of a question the text never uses is an everyday English word (embed.english_words): a
    learner's own words ("lunch", "rugby", "booze") locate nothing but name no medicine either, where a name no English
    word ("arnica", "melatonin", a brand) may be the one asked about. What the question is about is then found by
    the words the text uses, of which there must be one."""
    if not unknown:
        return True
    from tutor.core.search.embed import english_words

    return all(w in english_words() for w in WORD.findall(asked.lower()) if unknown & set(tokenize(w)))


def _file_of_no_medicine(index, source: str, medicines: TextMedicines) -> bool:
    """Whether no section of a file speaks of a medicine, by the redaction's words of medicines, their forms, units
    and courses (redact.speaks_of_a_medicine), or names one of the text's own (medicine_names.learn). The whole file:
    two reviewers wrote handouts whose doses named nothing in their own sections ("For the throbbing: Have 2 every 4
    to 6 hours", "a spoonful morning, lunchtime, teatime and bedtime" of the "pink medicine" named a section before),
    and a first version, reading each section for names, answered 59 and then 69 of their dose requests (stop 77).
    Each sentence is read alone, its headings in lower case: a capital that is no whole English word is read as a
    brand ("Keppra") except at a sentence's start, and a section's "Naps" or a title's "Sprained" were. A course told
    only of "it" or "them" is none ("use crutches if you were given them", "walking on it"), nor are tablets among
    screens."""
    places = {}
    for passage in index.passages:
        if passage.source == source:
            places.setdefault(passage.place, passage)
    for passage in places.values():
        alone = index.section_alone(passage)
        for heading in (passage.tier, passage.section):
            alone = alone.replace(heading, heading.lower(), 1)
        said = [sentence for line in _NOT_OF_A_MEDICINE.sub(" ", alone).splitlines() for sentence in sentences(line)]
        if any(speaks_of_a_medicine(sentence) for sentence in said) or medicines.treated_in(alone) \
                or _EVERYDAY_MEDICINE.search(alone):
            return False
    return True


# Medicines in everyday words the redaction's list lacks: an inhaler by its colour, nicotine gum or lozenges ("Two
# breaths from the blue one", "Have a piece of the gum every hour or two"; a second reviewer's, stop 77). A dental
# sheet's "sugar-free gum" costs its answers, never a refusal.
_EVERYDAY_MEDICINE = re.compile(
    r"\b(?:the\s+(?:blue|brown|purple|red|orange|green|pink|white|yellow)\s+(?:one|ones|bottle|pump)|gum|lozenges?"
    r"|pastilles?)\b", re.IGNORECASE)
# Words of medicines in another sense: a course told only of "it" or "them", and tablets among screens ("Keep screens
# (phones, tablets, laptops, TV and games) to 20 minutes at a time", a concussion handout's)
_NOT_OF_A_MEDICINE = re.compile(
    r"\b(?:on\s+(?:it|them)|(?:is|are|was|were|be|being|been)\s+given)\b"
    r"|\b(?:phones|laptops|screens|computers)[,\s]+(?:and\s+|or\s+)?tablets\b"
    r"|\btablets(?=[,\s]+(?:and\s+|or\s+)?(?:phones|laptops|computers|tv|games|consoles)\b)", re.IGNORECASE)


def _reads_as_a_dose(index, passage) -> bool:
    """Whether a sentence of a passage that holds a number reads as giving a dose (dose_reading, at DOSE_LIKE; so when
    the model cannot be read), read with the sentence before it (or the section's heading): a dose may name nothing by
    any word ("Have 2 every 4 to 6 hours"). Alone, a sentence reads as little: "Repeat every 2 to 3 hours during the
    day", after how to hold an ice pack on the ankle, read 0.97 and with it 0.00; "Leave at least 4 hours after the
    last lot" 0.60 and with it 0.96."""
    before, _ = index.neighbours(passage.id)
    earlier = index.find(before) if before else None
    said, previous = [], sentences(earlier.text)[-1] if earlier is not None and earlier.place == passage.place \
        else passage.section
    for sentence in sentences(passage.text):
        if A_NUMBER.search(sentence):
            said.append(f"{previous} {sentence}")
        previous = sentence
    return bool(said) and max(readings(said, unread=1.0)) >= DOSE_LIKE
