"""Whether the text covers a question: the `not_covered` decision.

Two checks. Before composing: is anything in the text about this at all (calibrated floors on
the best cosine and word coverage, stricter when the question names a subject the text never
uses — a question about "statins" may land near some passage by meaning, but its subject is
absent). After choosing the sentences: do they address what the question asks *about* its
subject? "is clomid taken orally or injected?" finds Clomid's item, but the item says nothing
about a route; an answer quoting it would mislead, so the text's silence is said instead.

Conversational and framing words ("takeaway", "basically", "like I'm a teenager", "step by
step") ask for no topic of their own, typos of known words are known, and so is a word the text
says otherwise ("length" for its "duration": Retriever.nearest_words).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from tutor.core.clauses import (ABOUT_SOURCES, DOCUMENT_WORDS, ITS_OWN_AUTHOR, LEGALITY, PRICE, asks_for_a_mechanism,
                                 asks_in, focus, meaning_asked, questions_in, subject_of_a_kind_question)
from tutor.core.corpus.glossary import names_in
from tutor.core.safety.redact import redact
from tutor.core.search.bm25 import idf_of, specific_idf, tokenize
from tutor.core.search.defined import asked_term, defining_sentence
from tutor.core.text import FUZZY_CUTOFF, content_words, one_slip_from, prefixed
from tutor.core.vocab import PassageKind, Tier

if TYPE_CHECKING:
    from tutor.core.search.rank import Retrieval, Retriever

# Words that carry no topic of their own in a learner's question: chat, how to explain, and who
# the learner asks for ("why did my dad get more flares after starting allopurinol?" was not
# covered on a tester's gout sheet: "dad" counted as a topic the text never names).
FILLER_WORDS = """
teenager teen kid kids child children grandma grandpa granny five year years old age aged newbie
beginner beginners layman laymen dummy dummies eli5 analogy analogies metaphor metaphors step steps
walk walking through break breaking down summarize summarise overview lost confused overwhelmed
honestly curious wondering nervous scared worried idea clue understand understanding learn learning
study studying exam homework class student teacher school quiz plain english words terms language
just get getting got gets use used using uses supposed info information whole thing things stuff
really basically takeaway ok okay like want wanted need needs needed know knowing also still
ever even every much many lot lots way ways good bad best better worse worst big small little new old
first last next different same usual usually typically generally often sometimes always never
happen happens happening happened work works working worked make makes making made done doing gone gotten take takes
taking took go goes going went come comes coming came help helps helping helped keep keeps kept
point points mean means meaning meant think thought feel feeling feels say said tell told give
given gives look looks looking see seen find found try trying tried call called name named part
parts kind kinds type types sort example examples people person someone somebody anyone everyone
guy guys time times day days end start started starts stop stopped stops change changes changed
changing back away around apart along able possible important main role affect affects affected effect effects cause
causes caused reason reasons difference differences diff diffs differ compare compared comparison versus vs
actually literally pretty quite simply simple easy hard question questions answer sure right
wrong true false exactly anyway please pls plz thanks thank hi hello hey yes no maybe ppl guess
wonder wondering curious context mention mentioned mentions word words sentence sentences text
section chapter page book author earlier later matter matters mattering talk talks talking
connect connected connection link linked check checked checking decide decides decided decision
depend depends dependent instead rather while overall number numbers range avoid avoided put
puts eye watch watched watching track pick picked choose chose respond responds response receive
receives received emphasize emphasized advantage advantages adjust adjusted adjustment worry
worried concern concerned problem problems issue issues plain english terms short version
summary summarize summarise overview explain explained definition define describe describes
refer refers referred simpler detail detailed exact specifically specific particular particularly mainly key
teach teaches teaching taught clarify elaborate outline illustrate remind
paragraph paragraphs list lists listed job jobs purpose actual real
handout handouts leaflet leaflets document documents sheet sheets factsheet article articles notes
booklet pamphlet brochure guide guides material materials reading readings part parts bit bits
wait hmm hm um umm uh oh ah well lol haha tho though heck hell damn darn dang freaking frigging
didn't don't doesn't isn't aren't wasn't weren't haven't hasn't can't won't wouldn't couldn't shouldn't
didnt dont doesnt isnt arent wasnt werent havent hasnt cant wont wouldnt couldnt shouldnt theyre youre
ive whats thats theres hows whys wheres
u ur r ya yeah yep nope cuz coz bc gonna wanna gotta kinda sorta dunno idk tbh btw imo rn thru smth sth abt b4
mum mom mother father dad daddy mummy mommy husband wife partner boyfriend girlfriend son daughter
brother sister uncle aunt auntie cousin friend buddy mate grandmother grandfather nan nana
""".split()


@lru_cache(maxsize=1)
def _filler_stems() -> frozenset[str]:
    return frozenset(tokenize(" ".join(FILLER_WORDS)))


@lru_cache(maxsize=1)
def _filler_list() -> list[str]:
    return sorted(set(FILLER_WORDS) | _filler_stems())


# The words a typo is mended into (see text.mend_everyday_typos): those that give a question its
# form (a comparison, a request to re-explain), which the conversation's rules read. A typo of any
# other everyday word changes nothing a rule reads, and a message rewritten in fewer places can
# mean less that was not typed.
FORM_WORDS = sorted("""
different difference differences differ differently similar similarly compare compared comparison
versus between simpler simple simply explain explained detail detailed details deeper depth through
""".split())


def unknown_topic_words(question: str, vocabulary: dict, words: list[str], extra_known: set[str] = frozenset()) -> list[str]:
    """Stems of the question's content words that the corpus never uses (typos and other forms
    of a word it uses forgiven: "mimicry" of "mimics");
    `words` is `vocabulary`'s keys as a list, built once by the caller."""
    filler = _filler_stems()
    unknown = [t for t in dict.fromkeys(tokenize(question))
               if t not in vocabulary and t not in filler and t not in extra_known and not t.isdigit()]
    return [t for t in unknown if not _near_known(t, words) and not any(_same_family(t, w) for w in words)
            and not _near_known(t, _filler_list())]     # "diffrent": a typo of an everyday word is one


# Endings that make a new medical word of a known one ("cortisolemia", "insulinoma"): not one family
_NEW_WORD_ENDINGS = ("oma", "emi", "aemi", "iti", "osi", "ectom", "otom", "ostom", "algi", "uri", "path", "plast")


def _same_family(a: str, b: str) -> bool:
    """Two stems of one word family ("mimicri" of mimicry, "mimic" of mimics): the shorter, of
    five letters or more, begins the longer, which adds at most a suffix's four letters, and
    not one that makes a new medical word ("steroid"/"steroidogenesis", "cortisol"/"cortisolemia"
    are not one family)."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and len(long_) - len(short) <= 4 and long_.startswith(short) \
        and not long_[len(short):].startswith(_NEW_WORD_ENDINGS)


def _near_known(stem: str, words: list[str]) -> bool:
    """A small typo of a corpus word ("testostrone", "comunicate") is that word."""
    if len(stem) < 5:
        return False
    from rapidfuzz import fuzz, process

    best = process.extractOne(stem, words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return best is not None and not prefixed(stem, best[0])


_CLOSING = re.compile(   # "now what?", "what's the takeaway?": the closing Reflection answers these
    r"\b(?:now\s+what|what\s+now|where\s+(?:do|should|can|would)\s+(?:i|we|you|one)\s+go\s+from\s+here"
    r"|what(?:'s|\s+is|\s+are|s)?\s+(?:the\s+)?next\s+steps?|(?:main\s+|key\s+|overall\s+|big\s+)?take-?\s?aways?"
    r"|(?:use|do\s+with|apply|think\s+about)\s+(?:all\s+)?(?:of\s+)?(?:this|the|these|that)\s+(?:info|information|knowledge|insights?|material|stuff)"
    r"|(?:main|key|central|overall)\s+(?:message|point|idea|lesson)s?|\bgist\b"
    r"|big\s+picture|bottom\s+line|point\s+of\s+(?:all\s+)?(?:this|the\s+(?:text|article|reading))\b)", re.I)




def lacked_words(question: str, retrieval: Retrieval, retriever: Retriever) -> tuple[set[str], list[str]]:
    """(stems the question may use as known: the query's synonyms and the text's nearest words for
    the words it lacks; the question's topic stems the text never uses, after those, typos and other
    forms of a word): "how is strep throat usually treated" names strep and throat."""
    known = set(tokenize(" ".join(retrieval.expanded.known_phrases)))
    known |= set(tokenize(" ".join(retriever.nearest_words(retriever.unknown_words(question, retrieval.expanded)))))
    top = retrieval.hits[0].passage.text if retrieval.hits else ""
    asked = without_the_form_answered(focus(question), top)
    return known, unknown_topic_words(asked, retriever.vocabulary, retriever.vocabulary_words, known)


# The words of a question's form when it asks how long, how fast, how common or at what age, and what
# shows in a text that it answers them: a time said with its unit, a manner of speed, a share with its
# number, an age.
# Words that say how fast something comes or goes, without a number ("comes on suddenly, often overnight")
_SPEED = (r"sudden(?:ly)?|quickly|rapidly|slowly|gradually|overnight|immediately|instant(?:ly|aneous(?:ly)?)?|straight\s+away"
          r"|right\s+away|at\s+once")
_FORMS_ANSWERED = [
    (re.compile(r"\bhow\s+(?:long|soon|fast|quickly)\b", re.I),
     re.compile(r"\b(?:within|over|after|for|in|about|around|up\s+to|under|less\s+than|more\s+than|at\s+least|a\s+few"
                r"|several|some|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d+)\s+(?:[\w-]+\s+){0,2}?"
                r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", re.I)),
    # how fast, told by the manner of it: "comes on suddenly, often overnight" answers "how fast does
    # a gout attack come on?" (a teacher's tester's; "how long does it last?" is no speed)
    (re.compile(r"\bhow\s+(?:fast|quickly|soon|rapidly|slowly)\b", re.I), re.compile(rf"\b(?:{_SPEED})\b", re.I)),
    (re.compile(r"\bhow\s+(?:common|rare|prevalent|widespread|likely)\b|\bwhat\s+(?:percent(?:age)?|proportion|fraction)\b",
                re.I),
     re.compile(r"\d\s*(?:percent|%)|\b(?:one|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?\d+\b|\b\d[\d,.]*\s+(?:million|thousand)\b",
                re.I)),
    (re.compile(r"\bwhat\s+age\b|\bhow\s+old\b", re.I),
     re.compile(r"\b(?:age[ds]?\s+(?:of\s+)?\d+|\d+\s*(?:years?\s+old|-year-olds?)|(?:over|under)\s+(?:the\s+age\s+of\s+)?\d+)\b",
                re.I)),
]


def without_the_form_answered(ask: str, evidence: str) -> str:
    """The ask without the words that ask how long, how fast, how common or at what age, where the evidence
    answers that: "how long does a reliever take to work?" was not covered on a short asthma
    handout, which never says "long", beside "It works within minutes" (an exploratory tester's).
    Those words are the question's form, not a topic the text may lack. A loose word of time
    ("slowly") answers nothing: "how long does a spacer last?" stays silent."""
    seen = None     # redacted only when the ask has such words: this runs on every question
    for asked, answered in _FORMS_ANSWERED:
        if evidence and asked.search(ask):
            seen = redact(evidence) if seen is None else seen
            if answered.search(seen):
                ask = asked.sub(" ", ask)
    return ask


def names_what_the_text_lacks(question: str, retrieval: Retrieval, retriever: Retriever) -> bool:
    """Whether a question names a topic the text never uses: the last subject of a conversation
    added to it cannot make it covered."""
    return bool(lacked_words(question, retrieval, retriever)[1])


def asks_of_what_the_text_lacks(question: str, retrieval: Retrieval, retriever: Retriever) -> bool:
    """Whether a question's own words name a topic the text never uses and that changes what it
    asks ("what foods should i eat for it": food, eat), not an everyday word beside it ("why
    bother monitoring so closely?"). The test is_covered applies between its floors, without them:
    for a follow-up read together with the last answer's claim, whose words always match."""
    _, unknown = lacked_words(question, retrieval, retriever)
    return bool(unknown) and _changes_what_is_asked(question, unknown, retriever)


def topic_words_it_lacks(question: str, retrieval: Retrieval, retriever: Retriever) -> list[str]:
    """The words, as typed or mended (_as_spelled), that name a topic the text never uses and that
    change what is asked ("enclomiphene" of "whats the difference between enclomiphene and clomid"),
    or none."""
    if not asks_of_what_the_text_lacks(question, retrieval, retriever):
        return []
    unknown = set(lacked_words(question, retrieval, retriever)[1])
    words: list[str] = []
    for w in re.findall(r"[\w'-]+", question):
        if (stems := tokenize(w)) and stems[0] in unknown and not re.search(r"\d", w):
            w = _as_spelled(w)  # never a number: the reply must not echo an amount
            if w not in words:
                words.append(w)
    return words


def _as_spelled(word: str) -> str:
    """A word the text lacks, as the English word it is one typing slip from: "The text never
    uses the word “permanant”" quoted the learner's typo back (an exploratory tester's). Never a
    word one letter longer than the English one: a real word the model's vocabulary lacks is more
    often that ("statins", "stains") than a learner's extra letter is; nor one that changes the first
    letter, which typists rarely get wrong ("nodules" was named as "modules", a teacher's tester)."""
    from tutor.core.search.embed import english_words

    lower = word.lower()
    if lower in english_words():
        return word
    spelled = one_slip_from(lower, _sorted_english_words())
    return spelled if spelled and len(spelled) >= len(lower) and spelled[0] == lower[0] \
        and _a_likely_slip(lower, spelled) else word


_KEYS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = set("aeiouy")
_SOUND_ALIKE = [{"c", "k"}, {"c", "s"}, {"s", "z"}, {"f", "v"}]     # "glukose" is "glucose" (a reviewer's)


def _a_likely_slip(typed: str, word: str) -> bool:
    """Whether a letter changed between `typed` and `word` (same length) is one a learner slips
    into: a key next to it, or one vowel for another ("permanant"). "expire" is no slip of "empire",
    nor "blanching" of "branching": both are real words the model's vocabulary lacks, and the reply
    named the wrong one (two testers' handouts)."""
    if len(typed) != len(word):
        return True
    changed = [(a, b) for a, b in zip(typed, word) if a != b]
    if len(changed) != 1:
        return True                     # two letters swapped
    a, b = changed[0]
    return {a, b} <= _VOWELS or _neighbours(a, b) or {a, b} in _SOUND_ALIKE


_PLACE = {c: (row, col) for row, keys in enumerate(_KEYS) for col, c in enumerate(keys)}


def _neighbours(a: str, b: str) -> bool:
    if a not in _PLACE or b not in _PLACE:
        return False
    (ra, ca), (rb, cb) = _PLACE[a], _PLACE[b]
    return abs(ra - rb) <= 1 and abs(ca - cb) <= 1


@lru_cache(maxsize=1)
def _sorted_english_words() -> list[str]:
    from tutor.core.search.embed import english_words

    return sorted(english_words())


def relevance(question: str, retrieval: Retrieval, retriever: Retriever) -> float:
    """Best cosine plus word coverage of the top passages: the score the floors apply to."""
    rows = [retriever.row(h.passage.id) for h in retrieval.hits[:3]]
    return retrieval.best_dense + retriever.profile.w_specific * retriever.specific_coverage(question, rows)


def is_covered(question: str, retrieval: Retrieval, retriever: Retriever) -> bool:
    """Whether the text answers this at all; calibrated on eval/dev.yaml and eval/out-of-scope.yaml
    (see README, "How it works" and "Known limits")."""
    if not retrieval.hits:
        return False
    if _CLOSING.search(question) and not retrieval.expanded.mentions \
            and retrieval.hits[0].passage.tier == Tier.REFLECTION:
        return True     # "now what?" is answered by the text's closing reflection, whatever its words
    known, unknown = lacked_words(question, retrieval, retriever)
    if ABOUT_SOURCES.search(question) and not retrieval.expanded.mentions and not ITS_OWN_AUTHOR.search(question) \
            and not _beyond_sources(question, retriever, known) \
            and any(h.passage.kind == PassageKind.REFERENCE for h in retrieval.hits[:3]):
        return True     # "what sources does it cite?" shares no words with the citations that answer it
    if uses_the_word_asked(question, retriever):
        return True     # "what is meant by disinhibiting?": the text's sentence that uses it
    if _about_what_it_lacks(question, unknown):
        return False
    z = relevance(focus(question, with_referent=True), retrieval, retriever)
    profile = retriever.profile
    named = bool(retrieval.expanded.mentions)
    if retrieval.best_question >= (profile.question_topic_floor if unknown else profile.question_floor):
        return True
    if unknown and _found_nowhere(question, unknown, retriever) and _changes_what_is_asked(question, unknown, retriever):
        return False
    if z < (profile.named_floor if named else profile.floor):
        return False
    if unknown and z < (profile.named_topic_floor if named else profile.topic_floor):
        return not _changes_what_is_asked(question, unknown, retriever)
    return True


def lacks_a_topic_its_learners_would_name(question: str, retrieval: Retrieval, retriever: Retriever) -> bool:
    """Whether a question asks about a topic that neither the text nor the learners of the passage
    it finds first ever name, a word that changes what is asked ("does trt make you lose your
    hair?", "does alcohol affect testosterone?", "is tamoxifen also a breast cancer drug?": each
    quoted passages close in every other word; an exploratory tester's). Only where that passage
    has learner questions, so its learners' words are known: on a teacher's text without them a
    lay word the text lacks ("poo") is mostly another word for one it has (applying this there cost
    the development sheets 0.04 to 0.18 of hit@1). Not a question asking why or how something
    happens, which learners put in their own words ("why do i feel so flat and foggy …", `silent`)."""
    if not retrieval.hits or not retriever.has_learner_questions(retrieval.hits[0].passage.id) \
            or retrieval.best_question >= retriever.profile.question_topic_floor:
        return False    # no learners' words to go by, or a learner asked nearly this ("does trt make you infertile?")
    asks = asks_in(question)
    if not asks or any(asks_for_a_mechanism(ask) for ask in asks) or _CLOSING.search(question):
        return False    # or about the text as a whole ("how is the reader supposed to use all this info?")
    # the asks alone: the story around them is in the learner's words ("my gym buddy swears by
    # mk-677 …", "… what my urologist drew on the whiteboard"); a compound by its parts
    # ("fertility-focused", "mechanism-wise" are words the text uses, and a suffix)
    asked = _COMPOUND.sub(" ", _WISE.sub("", " ".join(asks)))
    return asks_of_what_the_text_lacks(asked, retrieval, retriever)


_WISE = re.compile(r"-(?:wise|ish|like|ness)\b", re.I)
_COMPOUND = re.compile(r"(?<=[a-z])-(?=[a-z])", re.I)


def _about_what_it_lacks(question: str, unknown: list[str]) -> bool:
    """Whether the subject of "is X a Y?" is a word the text never uses: "is hcg a peptide?" quoted
    the peptide passages (what the text says of Y) as if they spoke of hCG."""
    subject = subject_of_a_kind_question(question)
    stems = [t for t in tokenize(subject or "") if t not in _filler_stems()]
    return bool(stems) and all(t in unknown for t in stems)


def _found_nowhere(question: str, lacked: list[str], retriever: Retriever) -> bool:
    """Whether the words the text lacks find nothing in it, judged by meaning over every sentence:
    with them, the question's closest sentence anywhere in the text is less close than without
    them (by profile.lacked_found_nowhere). A lay word for something the text says in its own words
    ("puffy" ankles, its "swelling") draws the question nearer the sentence that says it; a subject
    the text never speaks of ("is gout contagious?", "can my dog get celiac disease too?") only
    pulls it away from all of them, however well the rest of the question matches. is_covered
    asks it only of words that also change what is asked (_changes_what_is_asked): "why does my
    doctor order bloodwork so often since I started on clomid?" lacks "order" and "since", which
    name nothing. Chosen on the development sheets and the bundled text's development sets, where
    at this margin 13 of 16 such questions on the sheets, and all but one on the bundled text, were
    ones the text is silent on."""
    units = retriever.index.units
    pair = _with_and_without(question, lacked, retriever)
    if units is None or not len(units) or pair is None:
        return False
    closest = units.vectors @ np.stack(pair).astype(np.float32).T
    return float(closest[:, 0].max() - closest[:, 1].max()) <= -retriever.profile.lacked_found_nowhere


def _changes_what_is_asked(question: str, lacked: list[str], retriever: Retriever) -> bool:
    """Whether the words the text lacks name a topic: without them the question means something
    else (cosine below profile.lacked_adds_nothing)."""
    return _means_the_same_without(question, lacked, retriever) < retriever.profile.lacked_adds_nothing


def _means_the_same_without(question: str, lacked: list[str], retriever: Retriever) -> float:
    """Cosine of a question and the same question without the words the text lacks. A learner's
    everyday word ("a bunch of meds", "is the brain bossing the gonads around") changes little of
    what is asked; a subject the text never names ("how do statins lower cholesterol", "how do
    broken bones heal") changes much. Judged by meaning, so it holds for words nobody listed."""
    pair = _with_and_without(question, lacked, retriever)
    if pair is None:
        return 0.0
    asked, without = pair
    return float(asked @ without / ((asked @ asked) ** 0.5 * (without @ without) ** 0.5))


_PAIR: dict = {}


def _with_and_without(question: str, lacked: list[str], retriever: Retriever) -> tuple[np.ndarray, np.ndarray] | None:
    """The vectors of a question and of the same question without the words the text lacks (None
    when that leaves it unchanged or empty); the last pair is kept, since is_covered asks both
    _found_nowhere and _changes_what_is_asked of the same question."""
    key = (id(retriever.encoder), question, tuple(lacked))
    if key not in _PAIR:
        words = re.findall(r"[\w'-]+", question)
        kept = [w for w in words if not (stems := tokenize(w)) or stems[0] not in lacked]
        pair = None if len(kept) == len(words) or not kept else \
            tuple(retriever.encoder.encode([" ".join(words), " ".join(kept)]))
        _PAIR.clear()
        _PAIR[key] = pair
    return _PAIR[key]


MAX_TERM_WORDS = 3      # "titration", "rate-limiting step": a term, not a phrase such as "goal of these protocols"
TOPIC_WORDS = 5         # a sentence that names the term among its first words is about it


def used_but_not_explained(question: str, retriever: Retriever, retrieval: Retrieval | None = None):
    """(the term a question asks the meaning of, a passage that uses it, its sentence that does) when
    the text uses the term but never says what it is: no glossary entry names it, no sentence
    defines it in so many words (search/defined.py) and none is about it (_in_topic_position).
    "What does subcutaneous mean?" was answered with "Administered in small … subcutaneous
    injections …", which says nothing of what subcutaneous is; independent writers marked every
    such question (titration, subcutaneous, rate-limiting, osteopenia) as one the text does not
    answer. The passage is the best ranked one that uses it (of `retrieval`), else the first in the
    text. None otherwise."""
    if len(asks_in(question)) > 1:
        return None     # "what does hexarelin do and what does cardioprotective mean?" asks more than that
    term = meaning_asked(question) or asked_term(question)
    words = term.split() if term else []
    if not words or len(words) > MAX_TERM_WORDS or len(content_words(term)) != len(words):
        return None
    if retriever.index.glossary.mentions(term, fuzzy=False):
        return None     # the glossary names it, or a term within it
    if any(retriever.idf.get(t, 0.0) < specific_idf(retriever.index.keyword.size) for t in tokenize(term)):
        return None     # "what are the symptoms": a word the text uses everywhere asks what it says of it
    used = re.compile(r"(?<![\w-])" + r"[\s-]+".join(re.escape(w) for w in words) + r"(?![\w-])", re.I)
    passages = [p for p in retriever.index.passages if p.kind != PassageKind.REFERENCE]
    if any(_in_topic_position(used, p) for p in passages) or defining_sentence(passages, term) is not None:
        return None
    if any(used.fullmatch(p.section.strip()) or used.fullmatch(p.title.strip()) for p in passages):
        return None     # a heading: "what are the complications" asks what the section on them says (a tester's)
    ranked = [h.passage for h in retrieval.hits] if retrieval is not None else []
    using = next((p for p in [*ranked, *passages] if p.kind != PassageKind.REFERENCE and used.search(p.text)), None)
    if using is None:
        return None
    sentence = next(using.text[a:b] for a, b in using.sentences or [(0, len(using.text))] if used.search(using.text, a, b))
    return term, using, sentence


def _in_topic_position(used: re.Pattern, passage) -> bool:
    """Whether a sentence of the passage is about the term: names it among its first words, where
    a sentence puts what it speaks of ("In a sestamibi scan, the patient receives …", "This
    aromatase inhibitor reduces …"), not in passing further on ("… thereby disinhibiting GnRH")."""
    for a, b in passage.sentences or [(0, len(passage.text))]:
        found = used.search(passage.text, a, b)
        if found is not None and len(passage.text[a:found.start()].split()) < TOPIC_WORDS:
            return True
    return False


def uses_the_word_asked(question: str, retriever: Retriever) -> set[str]:
    """The stems of the word or phrase whose meaning the question asks ("what does 'disinhibiting'
    mean?") when the text uses every one of them, else an empty set. The sentence that uses a
    word shows what it means there, whether or not the glossary defines it; a word the text never
    uses stays for the floors to judge."""
    word = meaning_asked(question)
    stems = {t for t in tokenize(word) if t not in _filler_stems()} if word else set()
    return stems if stems and all(t in retriever.vocabulary for t in stems) else set()


# How a text relates to its sources: words of a question about sources that name no topic
_SOURCE_VERBS = re.compile(r"\b(?:based|base|wrote|written|writes|cite[sd]?|cites|use[sd]?|uses|draw[sn]?|draws|come[s]?|from)\b", re.I)


def asks_for_every_source(question: str, retriever: "Retriever") -> bool:
    """Whether a question asks what the text's sources are, with no topic ("what sources does the
    text cite?", "what is the asthma handout based on?"): every reference answers it, not the two
    nearest in wording (a teacher saw 1 of their 5)."""
    if not ABOUT_SOURCES.search(question):
        return False
    source = retriever.named_document(question)
    title = retriever.document_title_words(source) if source else set()
    documents = set(tokenize(" ".join(DOCUMENT_WORDS) + " show"))
    return not [t for t in tokenize(focus(_without_source_words(question)))
                if t not in _filler_stems() and t not in documents and t not in title]


def _without_source_words(question: str) -> str:
    """A question about sources without the words that say so ("who wrote the studies …")."""
    return _SOURCE_VERBS.sub(" ", ABOUT_SOURCES.sub(" ", question))


def _beyond_sources(question: str, retriever: "Retriever", known: set[str]) -> bool:
    """Whether a question about sources also names a topic the text lacks ("who wrote the studies
    this is based on?" does not; a small teacher's text never uses "wrote" or "based")."""
    return bool(unknown_topic_words(focus(_without_source_words(question)), retriever.vocabulary,
                                    retriever.vocabulary_words, known))


# "the difference between the two?": counts, not topics
_NUMBER_WORDS = frozenset(tokenize("one two three four five six seven eight nine ten both"))


def silent(question: str, retrieval: Retrieval, retriever: Retriever, picks, units, subjects: list[list[str]]) -> bool:
    """Whether the text speaks of the question's subject but not of what is asked about it.

    Applies to a question that names a specific subject whose own passage the answer is built
    on (a question naming no subject is judged by `is_covered` alone). Silent when most of the
    asking clause's specific words (IDF-weighted; a word the text never uses weighs what BM25's
    IDF gives a word in no passage, a little more than the rarest) appear neither in the quotes
    about the subject nor in the anchor's passage, nor in what learners ask of that passage, and
    neither the anchor sentence nor a learner question is close in meaning, and at least one of
    the missing words is specific (used in at most one passage in ten: "how do they get the
    body making testosterone again?" asks nothing the Tamoxifen item lacks for want of "body").

    A why-question (or one about a process, clauses.PROCESS) is never silent here: it asks for a
    cause or a mechanism, and a learner names it in their own words ("why do i feel so flat and
    foggy now that ive stopped trt", "why does the body take so long to start making its own
    again?"), which the passage that explains it rarely uses. Among 1,156 labelled development questions, 108 ask why; the 6 the text is silent on
    name a subject it never uses (is_covered decides those). Fresh blind learners' why-questions
    were answered more often with no labelled one lost (README, "Measured quality")."""
    profile = retriever.profile
    anchor = retriever.index.passages[picks.anchor.row]
    if anchor.kind == PassageKind.REFERENCE:
        return False    # a citation answers who wrote it, where and when, and what it is about, in itself
    asks = asks_in(question)
    if not asks:
        return False    # "I'd like to understand bremelanotide": the subject as a whole is asked for
    if any(asks_for_a_mechanism(ask) for ask in asks):
        return False    # a cause or a process: what its subject's passage explains (above)
    shown = _what_could_show_it(picks, anchor, retrieval, units, subjects) if any(_kinds_wanted(ask) for ask in asks) \
        else ""
    if all(_kinds_wanted(ask) for ask in asks) and all(lacks_the_kind_of_fact(ask, shown) for ask in asks):
        return True     # a date, a route, a price or a maker asked for, and none shown where it would be
    about = [names for names in subjects if names_in(anchor.title + " " + anchor.text, names)]
    if not about:
        return False
    similarity = float(units.vectors[picks.anchor.number] @ retrieval.query_vector)
    if similarity >= profile.silence_sure or retrieval.best_question >= profile.silence_question:
        return False
    # what is said of the subject: a quote from elsewhere that does not name it says nothing of it
    # ("is hexarelin ever used for women too?" found "women" in a sentence on testosterone for women)
    of_it = [u for u in picks.units if u not in picks.ties
             and (u.row == picks.anchor.row or _of_subject(units.passages[u.row], units.text(u), about))]
    evidence = set(tokenize(" ".join(units.text(u) for u in of_it))) | set(tokenize(anchor.embed_text)) \
        | retriever.question_tokens(picks.anchor.row)
    # silent only when it is silent on every ask: "what are leydig cells and why are mine 'asleep'?"
    # is answered by what Leydig cells are
    return all(_silent_on(without_the_form_answered(ask, shown), evidence, retrieval, retriever) for ask in asks)


# Questions whose answer is a kind of fact a sentence visibly has or lacks, and what that looks like
# in a text: a date in history, a price, a maker. "when were they first developed?" found the
# peptides' passage, whose words it shares, but no sentence there has a year; the words-missing
# check cannot see it, since "developed" is a word the text uses for other things.
_FORMS = (r"pills?|tablets?|capsules?|shots?|injections?|injectables?|injected|creams?|gels?|patch(?:es)?|sprays?"
          r"|orally|oral|(?:by\s+)?mouth|swallowed|needles?")
# Words that say how long something takes or lasts
_DURATION = (r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|time|duration|long-term|short-term|prolonged"
             r"|temporar\w*|permanent\w*|quick\w*|rapid\w*|slow\w*|gradual\w*|soon|immediate\w*|chronic|acute|last\w*"
             r"|sustained|long-acting|delay\w*|until|while")
_KINDS_OF_FACT = [
    (re.compile(r"\bwhen\s+(?:was|were|did)\b.*\b(?:invent|discover|develop|creat|introduc|approv|first|"
                r"come\s+out|came\s+out|start(?:ed)?\s+being)|\bwhat\s+year\b|\bhow\s+long\s+ago\b|\bhistory\s+of\b",
                re.I),
     re.compile(r"\b(?:1[5-9]\d\d|20\d\d)s?\b|\bcentur(?:y|ies)\b|\bdecades?\b|\byears?\s+ago\b|\bsince\b|"
                r"\bhistor(?:y|ical)\b|\bfirst\s+(?:described|discovered|developed|introduced|approved)\b", re.I)),
    # the form a medicine comes in or the way it is given: "is clomid taken orally or injected?", "how
    # is it given?"; an alternative of two forms, not "pills for life or can you come off them"
    (re.compile(r"\b(?:{f})\b[\s\w,]{{0,20}}?\bor\s+(?:an?\s+|by\s+|as\s+an?\s+)?(?:{f})\b".format(f=_FORMS)
                + r"|\bwhat\s+forms?\b[\s\w]{0,25}?\bcomes?\s+in\b|\bin\s+what\s+forms?\b"     # "what forms does it come in?"
                r"|\bhow\s+(?:is|are|do\s+(?:you|they|people)|does\s+(?:one|someone))\s+(?:\w+\s+){0,3}?"
                r"(?:taken|given|administered|delivered|take|give)\b(?!\s+(?:place|part|effect|over|up|away|off|back))", re.I),
     re.compile(r"\b(?:oral|orally|pills?|tablets?|capsules?|inject\w*|shots?|subcutaneous\w*|intramuscular\w*|topical\w*"
                r"|gels?|creams?|patch\w*|pellets?|spray\w*|nasal\w*|mouth|swallow\w*|infusions?|intravenous\w*|implant\w*)\b",
                re.I)),
    # how common: a number or a word of frequency ("About 4.6 percent", "much more common than")
    (re.compile(r"\bhow\s+(?:common|rare|prevalent|widespread)\b|\bhow\s+many\s+(?:people|men|women|patients|americans"
                r"|adults|children|kids|cases|of\s+us)\b|\bwhat\s+(?:percent(?:age)?|proportion|fraction)\b|\bhow\s+likely\b", re.I),
     re.compile(r"\d\s*(?:percent|%)|\b(?:million|thousand|hundred|half|majority|minority|one\s+in|\d+\s+(?:in|out\s+of)\s+"
                r"(?:every\s+)?\d+)\b|\b(?:more|most|less|least|very|fairly|quite|much)\s+(?:common|often|frequent)\b"
                r"|\b(?:rare|rarely|uncommon|prevalen\w*|affects?|incidence|commonest)\b", re.I)),
    # at what age: an age, a stage of life
    (re.compile(r"\b(?:at\s+)?what\s+age\b|\bhow\s+old\s+(?:do|are|is|were|was)\s+(?:you|people|men|women|patients|most)\b", re.I),
     re.compile(r"\b(?:age[ds]?|ageing|aging|years?\s+old|older|younger|elderly|puberty|adolescen\w*|child\w*|midlife"
                r"|menopaus\w*|adults?|\d0s)\b", re.I)),
    # a normal level or range, when asked for ("what's a normal LH level?"), not merely named ("is the
    # goal just to get normal lab numbers?"): a number ("what's a normal testosterone level?" was
    # answered with sentences on testosterone that give none)
    (re.compile(r"\bwhat(?:'s|s|\s+is|\s+are)?\s+(?:a\s+|the\s+)?(?:normal|healthy|reference)\s+(?:[\w-]+\s+){0,2}?"
                r"(?:levels?|ranges?|values?|readings?|numbers?|amounts?|counts?)\b"
                r"|\bwhat\s+(?:level|number|value|reading)\s+(?:is|counts\s+as)\s+(?:a\s+)?(?:normal|too\s+high|too\s+low|high|low)\b"
                r"|\bwhat\s+(?:[\w-]+\s+){0,2}?(?:levels?|counts?|values?|numbers?|readings?)\s+(?:counts?\s+as|is\s+considered"
                r"|are\s+considered)\s+(?:normal|healthy|too\s+high|too\s+low|high|low)\b",
                re.I),
     re.compile(r"\d")),
    # how long it takes or lasts: a time, or a word of duration; not "times": "three times more
    # likely" says how much, not how long (it moved "how fast does a gout attack come on?" from
    # "comes on suddenly, often overnight" to who gets gout)
    (re.compile(r"\bhow\s+long\s+(?:does|do|did|will|would|can|could|is|are|until|till|before|after)\b|\bhow\s+soon\b", re.I),
     re.compile(rf"\b(?:{_DURATION})\b", re.I)),
    # how fast: a time, or a manner of speed ("comes on suddenly, often overnight"), which says nothing
    # of how long a thing lasts
    (re.compile(r"\bhow\s+(?:fast|quickly)\s+(?:does|do|did|will|can|is|are)\b", re.I),
     re.compile(rf"\b(?:{_DURATION}|{_SPEED})\b", re.I)),
    # whether it is safe: a word of safety or risk. "is tamoxfen safe for men" was answered with how
    # tamoxifen works, which reads as reassurance the text never gives (a tester's)
    (re.compile(r"\b(?:is|are)\s+(?:it|this|that|they|these|those|\w+)(?:\s+\w+)?\s+(?:safe|dangerous|risky|harmful|toxic)\b"
                r"|\bhow\s+(?:safe|dangerous|risky)\b"
                r"|\bsafe\s+(?:to\s+(?:use|take)|for\s+(?:men|women|me|everyone|long))\b|\bsafety\b"
                # what its side effects or risks are: the same kind of fact ("what are the side effects of
                # hexarelin" was answered with its table row, which names none)
                # ("at risk of" anaemia is who gets it: "who is at risk of anaemia?" was silent on a
                # sheet's "Some groups are more likely …"; a tester's)
                r"|\b(?:side[\s-]?effects?|(?<!at\s)(?<!high\s)(?<!higher\s)(?<!increased\s)(?<!greater\s)(?<!low\s)(?<!lower\s)risks?"
                r"|dangers?|downsides?|complications?|adverse\s+effects?)\s+(?:of|from|with|for)\b"
                r"|\bwhat\s+(?:are\s+|is\s+)?(?:the\s+|its\s+|their\s+|any\s+)?(?:side[\s-]?effects?|risks?|dangers?|downsides?)\b"
                r"|\b(?:any|have|has|cause|causes)\s+(?:any\s+)?(?:side[\s-]?effects?)\b"
                # who should avoid it: "should people over 60 avoid mk-677" was answered with its
                # benefits row, which reads as reassurance (a learner tester's)
                r"|\b(?:should|must|need\s+to|have\s+to)\s+(?:[\w-]+\s+){0,4}?avoid\b|\bwho\s+(?:should(?:\s+not|n'?t)|can(?:not|'?t))\s+"
                r"(?:use|take|have|get)\b", re.I),
     re.compile(r"\b(?:safe\w*|unsafe|risks?|risky|side[\s-]effects?|adverse|harm\w*|danger\w*|toxic\w*|complications?"
                r"|caution\w*|contraindicat\w*|well[\s-]tolerated|tolerat\w*|avoid\w*|not\s+(?:be\s+)?(?:used|taken|given))\b", re.I)),
    # which of two is better: a comparison the text makes ("may be more effective than bromocriptine",
    # "less precise than the MRI"); quoting how each works, which says nothing of which is better,
    # answered "which of the two, tamoxifen or clomiphene, gives better results?" (a blind writer's)
    # (of two: "which is best for sleep?" asks which ones are for sleep, and the text's list says)
    (re.compile(r"\b(?:better|safer|stronger|more\s+effective)\s+than\b"
                # "which one is better?" after two were compared (an exploratory tester's); not
                # "which is better for sleep?", which asks which ones are for sleep
                r"|\bwhich\s+(?:one\s+|of\s+(?:them|the\s+two|these|those|the\s+two\s+\w+)\s+)?(?:is|are|works?|would\s+be)"
                r"\s+(?:better|safer|stronger|more\s+effective)\W*$"
                # "which one is better for fertility?" after two were spoken of: "one" picks between them
                r"|\bwhich\s+(?:one|of\s+(?:them|the\s+two|these|those|the\s+two\s+\w+))\s+(?:is|are|works?|would\s+be)"
                r"\s+(?:better|safer|stronger|more\s+effective)\b"
                r"|\b(?:or|vs\.?|versus|of\s+the\s+two)\b[^?.]*\b(?:better|safer|stronger|more\s+effective)\b"
                r"|\b(?:better|safer|stronger|more\s+effective)\b[^?.]*\b(?:or|vs\.?|versus|of\s+the\s+two)\b", re.I),
     re.compile(r"\b(?:more|less)\s+[\w-]+\s+than\b|\b(?:better|best|superior|inferior|preferred|preferable|safer"
                r"|stronger|strongest|weaker|potent)\b|\bmost\s+(?:effective|potent|common)\b", re.I)),
    # how well it works: a rate or an outcome in numbers ("what is the success rate of clomid …?" was
    # answered with how Clomid works, which gives none)
    (re.compile(r"\bsuccess(?:ful)?\s+rates?\b|\bhow\s+(?:well|often)\s+(?:does|do|did|will)\s+(?:\w+\s+){1,3}?(?:work|succeed)\b"
                r"|\bhow\s+effective\b|\bwhat\s+(?:are\s+)?(?:the\s+)?(?:chances|odds)\b", re.I),
     re.compile(r"\d\s*(?:percent|%)|\b(?:most|many|some|few)\s+(?:people|patients|men|women|cases)\b|\bsuccess\w*\b"
                r"|\bcures?\b|\bcured\b|\bmajority\b|\b\d+\s+(?:in|out\s+of)\s+\d+\b", re.I)),
    # whether it is legal, banned or approved: a word of law, sport's rules or approval ("are they
    # banned in sports?" after the growth hormone peptides was answered with the sentence naming
    # athletes, which says nothing of rules; a blind dialogue writer's)
    (LEGALITY,      # the words the guard takes for a question of legality (clauses.asks_only_about_legality)
     re.compile(r"\b(?:approv\w*|legal\w*|illegal\w*|ban|bans|banned|prohibit\w*|regulat\w*|fda|wada|anti-doping"
                r"|prescri\w*|controlled|licen[sc]\w*|permit\w*|over[\s-]the[\s-]counter)\b", re.I)),
    (PRICE,
     re.compile(r"\b(?:cost|costs|costly|price|expensive|cheap|afford\w*|insurance|insur\w+|\$|dollars?|pay\w*)\b|\$", re.I)),
    (re.compile(r"\b(?:company|companies|manufacturer|manufactures|manufactured|brand|brands|who\s+(?:makes|made|sells|invented|discovered))\b",
                re.I),
     re.compile(r"\b(?:company|companies|manufactur\w*|brand\w*|pharmaceutical|laborator\w+|invent\w*|discover\w*)\b", re.I)),
]


def _what_could_show_it(picks, anchor, retrieval: Retrieval, units, subjects: list[list[str]]) -> str:
    """Where a date, a route or a price would be: the quotes from the anchor's passage when it speaks
    of the question's subject (the answer itself), and what the other quotes, the rest of that
    passage and the top passages about the subject say of it (shown_elsewhere, _said_of). "is
    anastrozole a pill or a shot?" was answered because the pellet therapy item, which names
    anastrozole, names pellets, and after a turn on anastrozole from Gonadorelin's own item."""
    # another subject's own item ("Gonadorelin — … subcutaneous injections") says what holds for that
    # subject; prose that does not name ours may still say what holds for it ("the duration … of prior
    # therapy can influence the time required for full HPG axis recovery")
    anchor_of_it = not subjects or anchor.kind not in (PassageKind.BULLET, PassageKind.TABLE_ROW) \
        or any(names_in(anchor.title + " " + anchor.text, names) for names in subjects)
    quoted = [units.text(u) for u in picks.units if u not in picks.ties and (u.row == picks.anchor.row and anchor_of_it
              or _of_subject(units.passages[u.row], units.text(u), subjects))]
    near = [_said_of(h.passage, subjects, units) for h in _near(retrieval, subjects)]
    return " ".join([*quoted, _said_of(anchor, subjects, units), *near])


def shown_elsewhere(question: str, picks, retrieval: Retrieval, units, subjects: list[list[str]]):
    """The top passage that shows the kind of fact asked (a route, a date, a price) when what would
    be quoted does not: "how is it given to them?" after testosterone for women found the passage
    on testosterone for women, which names no route, while the text's testosterone item does. Only
    passages that name the question's subject, or any top passage when it names none."""
    asking = [ask for ask in asks_in(question) if _kinds_wanted(ask)]
    if not asking:
        return None     # most questions: nothing more to do on the way to an answer
    anchor = units.passages[picks.anchor.row]
    # the heading the answer is cited under shows the kind too: "what are the risk factors for
    # hypothyroidism?" found the sheet's "Risk factors" list and quoted its complications instead,
    # whose "increases the risk of heart disease" shows a risk (a development sheet of stop 62)
    quoted = " ".join([*(units.text(u) for u in picks.units if u not in picks.ties), anchor.text,
                       anchor.section if anchor.section != anchor.tier else "", anchor.title])
    lacking = [ask for ask in asking if lacks_the_kind_of_fact(ask, quoted)]
    if not lacking:
        return None
    for hit in _near(retrieval, subjects):
        if hit.passage is not anchor and not any(lacks_the_kind_of_fact(ask, _said_of(hit.passage, subjects, units))
                                                 for ask in lacking):
            return hit
    return None


def _said_of(passage, subjects: list[list[str]], units) -> str:
    """What a passage says of the question's subject: all of it when the passage is the subject's own
    item (or the question names none), else only its sentences that name the subject. The pellet
    therapy item names anastrozole once, beside a sentence on pellets: that is no route of anastrozole
    ("is it a pill or a shot?" after anastrozole quoted it)."""
    row = units.row_of_id[passage.id]
    return " ".join(text for text in (units.text(u) for u in units.of_row[row]) if _of_subject(passage, text, subjects))


def _of_subject(passage, sentence: str, subjects: list[list[str]]) -> bool:
    """Whether a sentence speaks of one of the subjects: it names one, or it belongs to a subject's own
    item (every sentence of "Anastrozole — …" is about anastrozole) or own document (every sentence
    of a teacher's sheet on gout is about gout); any sentence when there are none."""
    return not subjects or any(names_in(sentence, names) for names in subjects) or _in_its_own(passage, subjects) or \
        passage.kind in (PassageKind.BULLET, PassageKind.TABLE_ROW) and any(names_in(passage.title, names) for names in subjects)


def _near(retrieval: Retrieval, subjects: list[list[str]]) -> list:
    return [h for h in retrieval.hits[:SHOWN_IN]
            if not subjects or _in_its_own(h.passage, subjects)
            or any(names_in(h.passage.title + " " + h.passage.text, names) for names in subjects)]


def _in_its_own(passage, subjects: list[list[str]]) -> bool:
    """Whether a passage belongs to the document a subject is the title of (compose._document_named):
    "how long does a gout attack last?" found the sheet's "Without treatment, a flare usually
    settles within one to two weeks." second, and it was passed over for not saying "gout" (a
    tester's)."""
    return any(names and passage.tier == names[0] for names in subjects)


SHOWN_IN = 3        # top passages looked at for the kind of fact asked


def lacks_the_kind_of_fact(ask: str, evidence: str) -> bool:
    """Whether an asking clause wants a kind of fact (a date, a route, how common, a normal level, an
    age, how long, a price, a maker) and the evidence shows nothing of that kind. The evidence is read as a
    learner would see it, redacted: a dose's number is no prevalence ("how common is low
    testosterone?" is not answered by a dose)."""
    wanted = _kinds_wanted(ask)
    if not wanted:
        return False
    seen = redact(evidence)
    return any(not shown.search(seen) for shown in wanted)


def asks_for_a_kind_of_fact(question: str) -> bool:
    """Whether a question wants a kind of fact (a route, a date, how common, …): for such a
    question a sentence on how a medicine is given may be the answer."""
    return any(_kinds_wanted(ask) for ask in asks_in(question))


def _kinds_wanted(ask: str) -> list[re.Pattern]:
    """What each kind of fact an asking clause wants looks like in a text (none for most)."""
    return [shown for asked, shown in _KINDS_OF_FACT if asked.search(ask)]


def _silent_on(asked: str, evidence: set[str], retrieval: Retrieval, retriever: Retriever) -> bool:
    terms, absent, weight, specific = _missing(asked, evidence, retrieval, retriever)
    if not any(weight(t) >= specific for t in absent):
        return False    # only words the text uses everywhere are missing ("the body"): nothing specific was asked
    return sum(weight(t) for t in absent) / sum(weight(t) for t in terms) >= retriever.profile.silence_missing


def asks_beyond(question: str, quoted: str, retrieval: Retrieval, retriever: Retriever) -> bool:
    """Whether a follow-up whose answer would only repeat the last one asks about something the
    whole text never names ("approved by who, the fda?" after Tesamorelin's row, "is it basically
    viagra?"): the repeat cannot be its answer. Only words the text lacks count (after typos and
    the text's word for the same thing): "does every woman get it?" after progesterone asks for
    what the repeat may still hold in other words."""
    asked = questions_in(question)
    if not asked:
        return False
    _, absent, _, _ = _missing(asked, set(tokenize(quoted)), retrieval, retriever)
    return any(t in absent for t in lacked_words(asked, retrieval, retriever)[1])


def _missing(asked: str, evidence: set[str], retrieval: Retrieval, retriever: Retriever):
    """(the asking clause's topic words, those the evidence lacks, their IDF weight, the weight
    from which a word is specific). Forgiven: subjects' names, numbers, typos and other forms of a
    word the evidence has."""
    names = set(tokenize(" ".join(n for m in retrieval.expanded.mentions for n in m.entry.names)))
    filler = _filler_stems()
    terms = [t for t in dict.fromkeys(tokenize(asked))
             if t not in filler and t not in names and not t.isdigit() and t not in _NUMBER_WORDS]
    size = retriever.index.keyword.size
    unseen = idf_of(0, size)
    specific = specific_idf(size)
    weight = lambda t: retriever.idf.get(t, unseen)
    said_otherwise = _said_otherwise(retrieval, retriever, evidence) | _said_in_its_words(asked, retrieval, retriever, evidence)
    absent = [t for t in terms if t not in evidence and t not in said_otherwise and not _near_known(t, list(evidence))
              and not any(_same_family(t, e) for e in evidence)]
    return terms, absent, weight, specific


def _said_in_its_words(asked: str, retrieval: Retrieval, retriever: Retriever, evidence: set[str]) -> set[str]:
    """Stems of the question's words the text never uses whose nearest word in meaning is one the
    evidence uses (Retriever.nearest_words): "do pets set off asthma?" was said to be something a
    tester's asthma handout is silent on, beside its list with "animal fur" ("pets" → animal, 0.76).
    The nearness keyword search already uses: what it finds, the silence check accepts."""
    near = retriever.nearest_words(retriever.unknown_words(asked, retrieval.expanded))
    return {stem for word, text_word in near.items() if set(tokenize(text_word)) & evidence for stem in tokenize(word)}


def _said_otherwise(retrieval: Retrieval, retriever: Retriever, evidence: set[str]) -> set[str]:
    """Words of the question's synonym groups (corpus/synonyms.yaml) whose group the evidence uses
    another word of: "restart" is not missing where the item says "resume"."""
    used = set(retrieval.expanded.synonyms)         # the phrases of every group the question uses (expand)
    out: set[str] = set()
    if not used:
        return out
    for group in retriever.index.synonyms:
        if used & set(group):
            words = set(tokenize(" ".join(group)))
            if words & evidence:
                out |= words
    return out
