"""Whether a question of how often, how many or how long asks about something the text tells
without any medicine: the heel raises of a knee sheet, the squeezes of a pelvic floor leaflet, the
ice pack of a sprained ankle.

The guard's classifier learnt dose requests as "how often / how many / how long …", and its
examples are about medicines, because the bundled text is. On a teacher's exercise sheet it
refused 38 of 57 lay questions of that shape (three blind handouts, stop 77), and a word list of
what is done without medicine ("stretches", "ice packs") named no heel raise and no squeeze. What
the question is about is told by the text itself: the places its words find. A question is taken
for one about no medicine only when all of these hold:

- it names no medicine, no form or amount of one and no taking (clauses.speaks_of_a_medicine, the
  redaction's words of medicines, the text's own medicine names);
- every word of its topic is one the text uses, and it has at least one: "how many of the white
  ones can i have" names nothing the text tells, and "how often can i have it" names nothing;
- each of the passages the question finds first (PLACES, those scoring at least NEAR of the best)
  is in a section that speaks of no medicine (`_tells_no_medicine`).

It fails closed: a word the text never uses, a medicine's section among the places, or a question
without a topic leaves the classifier's refusal as it was.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from tutor.core.clauses import focus, speaks_of_a_medicine as asks_of_a_medicine
from tutor.core.safety.medicine_names import TextMedicines
from tutor.core.safety.redact import speaks_of_a_medicine
from tutor.core.search.bm25 import tokenize

if TYPE_CHECKING:
    from tutor.core.search.rank import Retriever

PLACES = 3      # of the passages a question finds first, every one that scores within NEAR of the best
NEAR = 0.65     # ... must be in a section without medicine (chosen on three development handouts, stop 77)

# Words of how much, how long or how often: they locate nothing ("hours" is in every schedule, a medicine's too), and
# a small text may never use them ("how long should the ice stay on?"). The scope's filler words (of whom, of chat)
# are left out as well.
_MEASURE_WORDS = frozenset(tokenize(
    "often many much long soon fast far quick quickly slow slowly hour hours minute minutes min mins second seconds "
    "secs sec week weeks month months year years day days daily time times morning night evening max maximum minimum "
    "least most enough amount ok okay fine allowed safe normal should again per each every till until before after "
    "stay last lasts one two three four five six seven eight nine ten once twice half"))


# A course told of "it" or "them" (doses.COURSE): a medicine's when the sentence before names one, which the section
# then names too; alone, it is the crutches "you were given" or the ankle "walking on it" (a sprained ankle leaflet's)
_BY_A_PRONOUN = re.compile(r"\b(?:on\s+(?:it|them)|(?:is|are|was|were|be|being|been)\s+given)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _locating_nothing() -> frozenset[str]:
    from tutor.core.search.scope import FILLER_WORDS

    # "walk" is filler where a learner asks to be walked through something; here it is what is done
    return _MEASURE_WORDS | frozenset(tokenize(" ".join(w for w in FILLER_WORDS if w not in ("walk", "walking"))))


def told_without_medicine(question: str, retriever: "Retriever", medicines: TextMedicines) -> bool:
    """Whether a question asks about something the text tells only in sections that speak of no
    medicine (module docstring)."""
    if asks_of_a_medicine(question) or speaks_of_a_medicine(question) or medicines.in_question(question):
        return False
    from tutor.core.search.scope import unknown_topic_words

    asked = focus(question) or question
    topic = [t for t in tokenize(asked) if t not in _locating_nothing() and not t.isdigit()]
    if not topic or unknown_topic_words(asked, retriever.vocabulary, retriever.vocabulary_words, set(_MEASURE_WORDS)):
        return False
    hits = retriever.search(retriever.prepare(question), k=PLACES).hits
    found = [h.passage for h in hits if h.score >= NEAR * hits[0].score] if hits and hits[0].score > 0 else []
    return bool(found) and all(_tells_no_medicine(retriever.index, p) for p in found)


def _tells_no_medicine(index, passage) -> bool:
    """Whether a passage's section, with its headings, speaks of no medicine. The section alone, not with the first
    section before it that speaks of one, as the redaction reads a number (passage.sections): a leaflet's introduction
    that says "medicine from your doctor", or its "Pain relief" before "The first 2 to 3 days", would make every later
    section one about a medicine, and the guard would refuse how long to hold the ice on. The answer is still redacted
    with the sections before it."""
    alone = index.section_alone(passage)
    for heading in (passage.tier, passage.section):     # a title's capitals name no brand: "Looking After a Sprained
        alone = alone.replace(heading, heading.lower(), 1)      # Ankle" read "Sprained" as one, as it reads "Keppra"
    return not speaks_of_a_medicine(_BY_A_PRONOUN.sub(" ", alone))
