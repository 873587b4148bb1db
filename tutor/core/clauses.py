"""What a question asks, read from its clauses: the learner's story around a question names
nothing the answer must cover, and a question that points back needs what it points to.

Used by the not-covered decision (search/scope.py), which splits clauses at sentence ends,
dashes, a comma before a question word and a comma before the asker's own story ("..., my
textbook says"), and by the safety guard (safety/guard.py), which asks `is_question` and
`is_request` of whole sentences only when it reconsiders a story-first question (a comma does
not end a story for the guard: "my testicles shrank on trt, will mine go back to normal?" stays
one personal question), and which judges each part of a several-part message alone
(`asks_from_the_first`: "How does clomid work, and what dose do men usually take?").
"""

from __future__ import annotations

import re

# The words a chat message opens with that ask nothing ("ok", "wait", "hmm", "thanks"): one list for
# every reading of a question, so a question asked after one is the same question everywhere. Six
# lists had grown apart, and "wait what is ghrelin exactly" was not taken for a question asking what
# a term is ("wait" was filler to the conversation, not to the definition check; a blind writer's).
# (The search strips its own, shorter list before embedding a question: rank._OPENING. Stripping
# "so" or "and" there too moved the margin between two readings of a follow-up, for no gain.)
OPENERS = (r"ok(?:ay)?|k|alright|all\s+right|right|well|hmm+|um+|uh+|oh|ah|cool|great|thanks|thank\s+you|got\s+it"
           r"|i\s+see|hey|hi|hello|so|and|but|wait|also|anyway|anyways|btw")
# A clause that asks: a question word first (after an "ok", "so" or "wait"), or a "?" at its end.
# "can" asks; "can't" states ("can't breathe after the shot" was read as a general question).
ASKING = re.compile(rf"^\W*(?:(?:{OPENERS}|just|please|pls)\b\W*)*"
                    # and the chat spellings of "what" ("wat is it", "wut does it do"; a learner tester's)
                    r"(?:what|whats|what's|wat|wats|wut|wot|how|why|which|who|whom|when|where|is|are|was|were|do|does|did|can(?!['’]t)|could"
                    r"|will|would|should|may|might|explain|tell|define|describe)\b", re.IGNORECASE)
# A request told as a statement: "i just want to understand why ...", "help me get my head around X".
REQUEST = re.compile(rf"^\W*(?:(?:{OPENERS})\b\W*)*" r"(?:i\s+|i'm\s+|i’m\s+|im\s+|i\s+am\s+|i\s+was\s+)?"
                     r"(?:just\s+|really\s+|only\s+)?"
                     r"(?:(?:want|wanna|would\s+like|(?:i'd|i’d|id)\s+like|need|trying)\s+to\s+(?:know|understand|learn|get)"
                     r"|help\s+me|wonder(?:ing)?|curious)\b", re.IGNORECASE)
# Where one ask ends and another begins: sentence ends, ", and ...", " and what ...", "also", "then".
ASK_SPLIT = re.compile(r"(?<=[.?!])\s+|,\s+and\s+|,?\s+(?:and\s+|also,?\s+|then\s+)+(?=(?:what|whats|what's|how|when"
                       r"|where|which|who|why|is|are|should|can|could|do|does|will|would)\b)", re.IGNORECASE)
_LEADING_JOINER = re.compile(r"^\W*(?:(?:and|also|then|but|so|plus)\b\W*)+", re.IGNORECASE)
# A question about the text's sources: only its reference list answers it, and nothing else should.
ABOUT_SOURCES = re.compile(
    # "the article" (or "this article") is the text itself: "the middle part of the article keeps saying …"
    r"\b(?:who\s+wrote|written\s+by|papers?|stud(?:y|ies)|references?|publish\w*|journals?|(?<!the\s)(?<!this\s)articles?|authors?"
    r"|cit(?:e|ed|es|ing|ation|ations)|bibliography|reading\s+list|research(?:ers)?"
    # "sources", but not "sources of iron" (of a substance): "sources of information" still counts
    r"|sources?(?!\s+of\s+(?!(?:information|evidence|this|these|it|the\s+(?:text|article|information|claims?))\b)\w))\b",
    re.I)
# "who wrote this?" asks who wrote the text (which names no author of its own: not covered), never
# who wrote the subject of the last answer ("who wrote GnRH?", an exploratory tester's)
# Words for the text itself as a document: "the prolactinoma text", "what does the handout cite?"
DOCUMENT_WORDS = ("text", "handout", "sheet", "fact", "file", "article", "chapter", "guide", "leaflet", "page",
                  "document", "notes", "reading", "booklet", "pamphlet", "brochure")
# "who wrote this?", "who wrote the leaflet" (a teachers' tester's: its references were listed as if
# they were its authors)
ITS_OWN_AUTHOR = re.compile(
    r"\bwho\s+(?:wrote|is\s+the\s+author\s+of|made)\s+(?:this|it|the\s+(?:[\w:'-]+\s+){0,10}?(?:piece|"
    + "|".join(DOCUMENT_WORDS) + r"))\b", re.I)       # "who wrote the diabetes handout?" too (a tester's)
POINTS_BACK = re.compile(r"\b(?:it|its|that|this|they|them|these|those|there)\b", re.IGNORECASE)
CLAUSE = re.compile(r"(?<=[.?!;:])\s+|(?<=[.?!][\"'”’)])\s+|\s+[—–-]\s+"
                    # an emoji ends what it closes as a full stop would ("im literally dead 💀 whats FSH do")
                    "|(?<=[\U0001F000-\U0001FAFF\u2600-\u27BF])\\s+"
                    r"|,\s+(?=(?:and\s+|so\s+|but\s+)?(?:what|whats|what's|how|why|which|who"
                    r"|when|where|is|are|does|do|can|could|would|will)\b)"
                    r"|,\s+(?=(?:and\s+|but\s+)?(?:i|i'm|im|i've|ive|i'd|my|me)\b)"    # ", my textbook says": the asker's story
                    # "… should think about it anyway what is the hpg axis": a pasted text's last words, then the ask
                    r"|\s+(?=(?:anyway|anyways|btw)\s*,?\s+(?:what|whats|what's|how|why|which|who|when|where|is|are|does|do|can|could)\b"
                    r"|so\s*,?\s+(?:what|whats|what's|how|why|which|who)\b)",
                    re.IGNORECASE)


def focus(question: str, with_referent: bool = False) -> str:
    """The part of a question that asks: its clauses that end in "?" or open with a question word,
    and requests told as statements ("i just want to understand why ...", "help me get my head
    around X"). "my endo said 'negative feedback' and I just nodded. what does it mean?" asks only the last;
    the story before it names no topic the answer must cover. `with_referent` keeps the clause
    before an asking clause that points back to it ("the text mentions a holistic approach. what
    does that mean?"): whether the text covers the question depends on what "that" is."""
    clauses = [c for c in CLAUSE.split(question) if c and c.strip()]
    asking = [i for i, c in enumerate(clauses) if is_question(c) or REQUEST.match(c)]
    if with_referent:
        asking = sorted(set(asking) | {i - 1 for i in asking if i > 0 and POINTS_BACK.search(clauses[i])})
    return " ".join(clauses[i] for i in asking) if asking else question


# A word alone that people type to a program, not a question about the text.
COMMAND_WORDS = frozenset({"quit", "exit", "q", "bye", "goodbye", "help", "?", "stop", "cancel", "end", "menu", "clear"})


def is_command_word(message: str) -> bool:
    """Whether a message is only a word such as "quit" or "help" (answering it from the text
    quoted whatever shared the word; the classifier once took it for an emergency), "help?" too.
    "HELP!" is not: an exclamation mark or capitals may be a cry for help, which the guard judges."""
    word = bare_word(message)
    return word.lower() in COMMAND_WORDS and not word.isupper()


def bare_word(message: str) -> str:
    """A message without the full stop or question mark after it ("help?", "Exit."): "?" alone
    stays "?"."""
    word = message.strip().rstrip(" .")
    return word[:-1].rstrip() if len(word) > 1 and word.endswith("?") else word


# Greetings, thanks and acknowledgements: a turn of conversation that asks nothing of the text.
_SOCIAL_WORDS = (r"(?:hi|hello|hey|yo|hiya|thanks|thank\s+you|thank\s+u|thx|ty|cheers|ok(?:ay)?|cool|great|awesome|nice"
                 r"|perfect|got\s+it|gotcha|makes\s+sense|that\s+makes\s+sense|(?:that|this)\s+(?:helps|helped)"
                 r"|much\s+appreciated|appreciate\s+it|understood|i\s+see|good\s+to\s+know|interesting|wow|lol|haha"
                 r"|(?:very|so)\s+helpful|(?:that'?s|thats|that\s+was|this\s+is)\s+(?:really\s+|so\s+|very\s+)?"
                 r"(?:helpful|great|interesting|clear|useful))")
_SOCIAL = re.compile(rf"^\W*{_SOCIAL_WORDS}(?:[\s,.!:)\-]+(?:{_SOCIAL_WORDS}|a\s+lot|so\s+much|very\s+much|again"
                     r"|man|mate|bud))*[\s,.!:)\-]*$", re.I)   # "again", "a lot" only after thanks


def is_social(message: str) -> bool:
    """Whether a message is only a greeting, thanks or an acknowledgement ("thanks, that helps a
    lot", "ok cool"): read against the conversation, "thanks" repeated the last answer (a
    tester's)."""
    return bool(_SOCIAL.match(message.strip()))


def is_question(clause: str) -> bool:
    """Whether a clause (or a sentence) asks something: a "?" at its end or a question word first."""
    return clause.rstrip().endswith("?") or bool(ASKING.match(clause))


# A request put as a question, for the subject as a whole: "can you walk me through it slowly",
# "could you explain tamoxifen?". One that carries its own question ("can you explain why …")
# asks that question.
REQUEST_QUESTION = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|but|then)\b\W*)*(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|just\s+)?"
    r"(?:explain|walk\s+me\s+through|talk\s+me\s+through|take\s+me\s+through|tell\s+me\s+(?:about|more)|describe"
    r"|break\s+(?:it|this|that)\s+down|go\s+(?:over|through)|help\s+me\s+understand|simplify|summari[sz]e|clarify)\b"
    r"(?!.*\b(?:why|how|what|whats|when|where|which|who|whether|if)\b)", re.IGNORECASE)


def questions_in(question: str) -> str:
    """The clauses that ask one thing (end in "?" or open with a question word), without the
    requests told as statements ("help me get my head around Gonadorelin", "I'd like to
    understand how it works") or as questions ("can you walk me through it slowly?"): those ask
    for the subject as a whole. Empty when none."""
    return " ".join(asks_in(question))


def asks_in(question: str) -> list[str]:
    """The clauses of `questions_in` one by one, split also at "and" before a question word
    ("what are leydig cells and why are mine 'asleep'?" asks two things)."""
    clauses = [p for c in CLAUSE.split(question) if c and c.strip() for p in ASK_SPLIT.split(c) if p and p.strip()]
    return [c for c in clauses if is_question(c) and not REQUEST.match(c) and not REQUEST_QUESTION.match(c)]


_OPENING = rf"^\W*(?:(?:{OPENERS}|just|then|really)\b\W*)*"
_QUITE = r"(?:\w+ly\s+)?"       # "actually", "really", "physically": an adverb changes nothing asked

# A why-question: it asks for a cause or a mechanism, not a decision ("why is my urine bubbly?",
# "why did my doctor say a stomach bug could push my calcium up?"). "is that why I'm tired?" asks
# for a judgement of the asker's own case and does not start with it; "why should I stop my TRT?"
# and "why not just stay on it?" weigh a decision.
WHY = re.compile(_OPENING + r"(?:why|how\s+come)\b"
                 r"(?!\s+(?:not|should|shouldn'?t|shall|would\s+i|wouldn'?t\s+i)\b)",   # "why should I stop?" weighs a decision
                 re.IGNORECASE)

# A question about a process, which asks for a mechanism as a why-question does: "what is happening
# in my body after i stopped trt", "what is my pituitary actually doing". Not "what happens if I
# stop?" (the outcome of a choice of one's own) nor "what does that mean for me" (a judgement).
PROCESS = re.compile(_OPENING + r"what(?:'s|s|\s+is|\s+are)?\s+" + _QUITE + r"(?:happening|going\s+on)\b"
                     r"|" + _OPENING + r"what\s+" + _QUITE + r"happens\b(?!\s+(?:now|next)\b|.*\bif\s+(?:i|we|you|u|he|she)\b)"
                     r"|" + _OPENING + r"what(?:'s|s|\s+is|\s+are)\s+(?:my|his|her|the|our|their|your)\s+[\w\s']{1,30}?\s+" + _QUITE + r"doing\b",
                     re.IGNORECASE)


def asks_for_a_mechanism(clause: str) -> bool:
    """Whether an asking clause wants a cause or a process explained ("why …", "how come …",
    "what is happening in …"). Of the guard's labelled examples by eight writers, 19 educational
    ones ask about a process, no personal-advice or dosing one does, and one emergency ("took 20
    clomid pills, what happens now", which PROCESS leaves out and the emergency ceiling would
    keep). "how does X …" is not counted: on fresh blind questions it answered one learner more and
    missed one silence more."""
    return bool(WHY.match(clause) or PROCESS.match(clause))


_TERM = r"""['"‘“]?(?P<{}>[a-z][\w-]*(?:\s+[\w-]+){{0,3}}?)['"’”]?"""
# "what does 'disinhibiting' mean?", "what is meant by pulsatile", "define downregulation": the
# meaning of a word asked, not "what does that mean for me" (a judgement of one's own case).
MEANING_OF = re.compile(
    r"\bwhat(?:\s+(?:does|do|did|is)|'s|s)\s+(?:the\s+(?:word|term|phrase)\s+)?" + _TERM.format("word")
    + r"\s+(?:actually\s+|even\s+|really\s+|exactly\s+)?mean\b(?!\s+(?:for|to)\b)"
    r"|\b(?:what\s+is\s+meant\s+by|what'?s\s+meant\s+by|meaning\s+of|definition\s+of|define)\s+(?:the\s+(?:word|term|phrase)\s+)?"
    + _TERM.format("phrase") + r"(?=\s*(?:[?.,!;:]|$|\s+(?:here|in|mean|means|exactly|again|please|pls)\b))",
    re.IGNORECASE)
_NOT_A_TERM = frozenset("it that this those these they them he she his her my your its all each one".split())


def meaning_asked(question: str) -> str | None:
    """The word or phrase whose meaning a question asks ("disinhibiting" of "what does
    'disinhibiting' mean?"), or None; a pronoun ("what does that mean?") is none."""
    found = MEANING_OF.search(question)
    word = found and (found.group("word") or found.group("phrase")).strip()
    return word if word and word.split()[0].lower() not in _NOT_A_TERM else None


def asks_only_for_mechanisms(question: str) -> bool:
    """Whether every clause of a message that asks wants a cause or a process explained ("my
    friend doesn't need florinef like i do. why would that be?"); "why is my skin darker, could it
    be addisons?" also asks for a diagnosis and is not."""
    clauses = [c for c in CLAUSE.split(question) if c and c.strip()]
    asking = [c for c in clauses if is_question(c) or REQUEST.match(c)]
    return bool(asking) and all(asks_for_a_mechanism(c) for c in asking)


# "how does it work?", "what does it do?", "what is a SERM?": asks what the text teaches, whatever came before
_WHAT_IT_IS_OR_DOES = re.compile(r"\b(?:how\s+(?:does|do|did)\s+(?:[\w'-]+\s+){1,3}work|(?:what|wat|wut)\s+(?:does|do|did)\s+"
                                 r"(?:[\w'-]+\s+){1,3}do|(?:what|wat|wut|wot)\s+(?:is|are)\s+(?:a\s+|an\s+|the\s+)?[\w'-]+)"
                                 r"\W*(?:then|exactly|again)?\W*$", re.IGNORECASE)


def asks_what_it_is_or_does(question: str) -> bool:
    """Whether a message ends asking what something is, does or how it works ("how does it work
    then?"), not for an amount or a use ("what is the usual dose then" names more than a thing)."""
    return bool(_WHAT_IT_IS_OR_DOES.search(question))


_KIND_ASKED = re.compile(rf"^\W*(?:(?:{OPENERS})\W+)*" r"(?:is|are|isn'?t|aren'?t)\s+(?P<x>(?!it\b|they\b|that\b|this\b|there\b)"
                         r"[\w'-]+(?:\s+[\w'-]+)?)\s+(?:a|an|one\s+of\s+the|also\s+an?|a\s+kind\s+of|a\s+type\s+of)\s+"
                         r"[\w'-]+(?:\s+[\w'-]+){0,2}\W*$", re.IGNORECASE)


def subject_of_a_kind_question(question: str) -> str | None:
    """The subject X of "is X a Y?" ("hcg" of "is hcg a peptide?"): the question is about X, so a
    text that never names X cannot answer it, however much it says of Y. None for other shapes."""
    found = _KIND_ASKED.match(question.strip())
    return found.group("x") if found else None


# A question about money: what a medicine or a test costs, whether insurance pays. A price is never
# a dose (docs/safety.md: how much of a medicine to take), though "how much does it cost a month"
# shares a dose request's words; none of the guard's 2,100 dose, personal or misuse examples asks one.
PRICE = re.compile(r"\b(?:cost|costs|costing|price|prices|priced|pricey|expensive|cheap|cheaper|afford|affordable"
                   r"|insurance|covered\s+by)\b", re.IGNORECASE)


def _every_ask(question: str, asked: re.Pattern, *unless: re.Pattern) -> bool:
    """Whether every ask of a message matches `asked`, and no word of the message any of `unless`."""
    asking = asks_in(question)
    return bool(asking) and all(asked.search(c) for c in asking) and not any(p.search(question) for p in unless)


def asks_only_about_price(question: str) -> bool:
    """Whether every ask of a message is about money ("whats the price of it usually"); "how much
    does it cost and how much should I take?" asks two things, one of them a dose."""
    return _every_ask(question, PRICE)


# How often something works, comes back or happens asks a rate, not a schedule: "how often does the
# operation work", "how often do the pills actually work", "how often does it come back after
# surgery". Of the guard's 4,700 labelled examples, the seven that ask so are all educational; a
# schedule is asked of taking or doing ("how often do I pin", "how often should it be injected").
_RATE = re.compile(
    r"\bhow\s+(?:often|frequently)\s+(?:do|does|did|is|are|will|would|can|could)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:\w+ly\s+)?(?:work|works|succeed|fail|help|come\s+back|return|recur|happen|occur|cure|go\s+away|relapse"
    r"|develop)\b", re.IGNORECASE)


# Someone taking or doing something, a time of day or a schedule: "how often do i take it to work",
# "how often does it work if I take it twice?", "how long do you run pct to recover" (a reviewer's)
# share a rate's or a course's words and ask for a schedule or a duration of use.
_TAKING_OR_WHEN = re.compile(
    r"\b(?:i|you|u|we|people|one|he|she|someone|they|men|women|guys)\s+(?:\w+\s+){0,2}?(?:take|takes|taking|took"
    r"|use|uses|using|inject\w*|pin\w*|dos\w*|run|runs|running|apply|applies|need|stay|keep|do|go|jab|pop|shoot)\b"
    r"|\b(?:taken|used|injected|applied)\b|\bwith\s+food\b|\bbefore\s+bed\b|\b(?:morning|night|eod|daily|weekly|pct"
    r"|courses?|rounds?|cycles?|re-?dos\w*|twice|once|times)\b|\ba\s+(?:day|week|month)\b|\bevery\s+\w+"
    r"|\bin\s+(?:me|him|her|(?:my|your|the|his|their)\s+(?:body|blood|system))\b|\d|,\s*(?:should|do|can|how)\b",
    re.IGNORECASE)


def asks_only_for_rates(question: str) -> bool:
    """Whether every ask of a message asks how often something works or happens, none how often to
    take or do something ("how often does it work and how often do I take it?" asks both), and
    nothing in it speaks of someone taking it or when (_TAKING_OR_WHEN)."""
    return _every_ask(question, _RATE, _TAKING_OR_WHEN)


# How long an illness, a symptom or a recovery lasts asks its course, not how long to take something:
# "how long until the pain goes away?", "how long does a flare last?". Of the guard's labelled
# examples, 22 of the 25 that ask so are educational; the three dose requests ask how long a vial
# or a mixed-up medicine keeps, words of a supply or a dose that leave a message to the guard.
_COURSE = re.compile(
    r"\bhow\s+long\s+(?:does|do|did|will|would|can|could|is|are|until|till|before)\s+(?:[\w'-]+\s+){0,5}?(?:\w+ly\s+)?"
    r"(?:last|lasts|go\s+away|goes\s+away|settle|settles|heal|heals|clear|clears|recover|persist|wear\s+off|wears\s+off"
    r"|come\s+back|comes\s+back|return|returns|recovers"
    r"|take\s+to\s+(?:heal|recover|go|settle|clear|come|return|get|feel))\b"
    # a stay in hospital after an operation ("how long in hospital after neck exploration surgery", a
    # teacher's sheet, refused as dosing advice)
    r"|\bhow\s+long\s+(?:[\w'-]+\s+){0,3}?(?:in|at)\s+(?:the\s+)?hospital\b"
    # how long someone is contagious or kept off school ("how long is my child contagious for", refused
    # as dosing beside a hand, foot and mouth handout; a tester's, stop 62)
    r"|\bhow\s+long\s+(?:is|are|will|would|does|do|can|could|should|must)\s+(?:[\w'-]+\s+){0,4}?(?:be\s+|stay\s+|remain\s+)?"
    r"(?:contagious|infectious|catching|off\s+(?:school|nursery|work|sick)|kept\s+(?:off|home|away)|stay\s+(?:off|home|away))\b",
    re.IGNORECASE)
_SUPPLY_OR_DOSE = re.compile(
    r"\b(?:vials?|bottles?|packs?|supply|fridge|reconstitut\w*|mixed|dos(?:e|es|age|ing)|mg|mcg|ml|iu|units?|pills?"
    r"|tablets?|capsules?|shots?|inject\w*|pin\w*|cycles?|stack\w*|in\s+(?:my|your|the)\s+system)\b|\d", re.IGNORECASE)


def asks_only_about_a_course(question: str) -> bool:
    """Whether every ask of a message asks how long an illness, a symptom or a recovery lasts, and
    nothing in it speaks of a supply, a dose, someone taking it or when ("how long does a vial last
    me" asks a dose)."""
    return _every_ask(question, _COURSE, _SUPPLY_OR_DOSE, _TAKING_OR_WHEN)


# An amount of food, drink, activity or checks is no dose: "how much salt should someone with kidney
# disease eat", "how often should blood pressure be checked", "how many glasses of water a day". The
# classifier, taught dose requests as "how much … should I …", took such questions on teachers'
# sheets for dose requests; none of its 1,046 dose examples asks one (docs/safety.md: a dose is of a
# medicine). What is measured must be the food, the drink, the activity or the check itself, right
# after "how much/many" ("how many anastrozole with water" measures anastrozole), and a word of a
# medicine or of taking one keeps the message to the guard ("how much water to mix with the vial",
# "how much alcohol can i drink on clomid").
_FOOD = (r"(?:salt|sodium|potassium|phosphorus|sugar|fats?|fib(?:er|re)|protein|calories|carbs?|carbohydrates?|water"
         r"|fluids?|liquids?|glass(?:es)?|cups?|servings?|portions?|coffee|tea|alcohol|drinks|food|foods|meals?"
         r"|exercise|activity|steps|sleep|walking)")
# A mineral named as a salt is a medicine, not the diet's: "how much potassium citrate per day" (a kidney
# stones sheet's tester's) was let through as an amount of food and told the text lacks the words
_A_SALT = r"(?!\s+(?:citrate|chloride|carbonate|bicarbonate|gluconate|sulfate|sulphate|oxide|phosphates?|acetate|lactate))"
_AMOUNT_OF_FOOD = re.compile(
    rf"\bhow\s+(?:much|many)\s+(?:(?:of|more|less|extra|total|daily|the|my|your|their)\s+){{0,2}}{_FOOD}\b{_A_SALT}"
    # "how much should someone with kidney disease eat": eating itself, not eating something named
    r"|\bhow\s+(?:much|many|often)\s+(?:should|do|does|can|could|must|would|to)\b[^?.!]{0,50}?\b(?:eat|drink|exercise|walk)"
    r"(?:\s+(?:a|per|each|every)\s+(?:day|week)|\s+(?:in|during)\s+\w+)?\W*$"
    # a mineral or vitamin eaten, in the diet: "how much calcium should someone with hyperparathyroidism
    # eat", an exploratory tester's, was refused as a dose on a sheet that says patients "need not restrict
    # calcium in their diets"; asked alone ("how much magnesium is too much per day", "how much zinc to
    # raise my testosterone") they are the guard's dose examples, supplements
    r"|\bhow\s+(?:much|many)\s+(?:calcium|iron|magnesium|zinc|vitamin\s+\w+)\b[^?.!]{0,60}?"
    r"\b(?:eat|eaten|eating|in\s+(?:the|their|my|your|his|her|a)\s+diets?|from\s+(?:food|foods|the\s+diet|meals))\b"
    # "how often should blood pressure be checked", "how often do people with kidney disease get tested"
    r"|\bhow\s+(?:often|frequently)\b[^?.!]{0,60}?\b(?:check(?:ed)?|test(?:ed)?|screen(?:ed)?|measured?|measuring|seen"
    # weighing oneself is a check: "how often should you weigh yourself" (a reviewer's heart failure handout, stop 65)
    r"|check-?ups?|visits?|appointments?|weigh(?:ed|ing)?)\b"
    # a measure of the body: "how much should blood pressure be lowered", "how low should my blood sugar go"
    r"|\bhow\s+(?:much|low|high|far)\s+(?:should|does|do|must|can|to|would)\s+(?:(?:my|your|his|her|the|their|a|one'?s)\s+)?"
    r"(?:blood\s+pressure|bp|blood\s+sugar|glucose|cholesterol|weight|heart\s+rate|pulse)\b"
    # weight to lose: "how much weight should i lose" (a diabetes handout's tester's, refused as a dose)
    r"|\bhow\s+much\s+(?:weight|fat)\s+(?:should|do|does|can|could|must|would|to)\b"
    # how often or how long something is done for oneself that is no medicine, named as what is done: "how
    # often should i do the calf stretches", "how many minutes should i ice it for", "how long should i
    # wear the insoles" (a heel pain sheet's lay questions were refused as dose requests, stop 63; none of
    # the guard's dose examples asks one, and a word of a medicine or of taking one still keeps the
    # message to the guard). Only as what is done: anywhere in the question, "physiological", "elevated",
    # "the rest of my tren run", "before exercise should i do the clen" and "smoke ice" passed (a reviewer's)
    r"|\bhow\s+(?:often|long|many\s+(?:times|minutes|seconds|reps|sets))\b(?:\s+(?:a|per|each|every)\s+(?:day|week))?"
    r"\s+(?:should|do|can|must|would|to)\s+(?:(?:i|we|you|u|he|she|they)\s+)?(?:"
    # ... done to oneself: "ice it", "stretch my calf"
    r"(?:ice|stretch|elevate)\s+(?:it|them|my|your|his|her|the)\b"
    # ... or named after a determiner, or bare only for what is only ever done: "do the calf stretches", "do physio"
    r"|(?:(?:do|hold|wear|keep|repeat|put\s+on)\s+)?(?:the|my|your|his|her|their|each|these|those|a|an)\s+(?:[\w-]+\s+)?"
    r"(?:stretch(?:es)?|exercises|ice\s+packs?|heat\s+packs?|insoles?|orthotics?|shoes|trainers|splints?|braces?|boots?|bandages?"
    r"|strapping|taping)"
    r"|(?:do|doing)\s+(?:stretches|stretching|exercises|physio(?:therapy)?)"
    r")\b"
    # how often the body does something: "how many times a day should a baby poop"
    r"|\bhow\s+(?:often|many\s+times)\b[^?.!]{0,40}?\b(?:poop|poo|pee|wee|urinate|bowel\s+movements?|stools?|wet\s+(?:diapers?"
    r"|nappies))\b", re.IGNORECASE)
# "take my blood pressure" measures it: no medicine taken
_TAKE_A_MEASURE = re.compile(r"\btak(?:e|es|ing|en)\s+(?:(?:my|your|his|her|their|the|a|one'?s)\s+)?(?:blood\s+pressure|bp|pulse"
                             r"|temperature|readings?)\b", re.IGNORECASE)
# Words of a medicine, its form or amount, or of taking one: the core that the readings of food and
# checks (below) and of one's own case (safety/own_case.py) share; each adds words of its own.
MEDICINE_WORDS = (r"dos(?:e|es|age|ing)|mg|mcg|ml|iu|units?|pills?|tablets?|capsules?|shots?|inject\w*|jabs?|needles?"
                  r"|vials?|meds|medicines?|medications?|drugs?|supplements?|prescri\w*|steroids?|cycles?"
                  r"|take|takes|taking|took|taken")
_OF_A_MEDICINE_OR_TAKING = re.compile(
    rf"\b(?:{MEDICINE_WORDS}|pin\w*|peptides?"
    r"|use|uses|using|used|give|gives|giving|given|bac|hormones?"
    # a medicine's form: "how often should i massage the gel in" (stop 63)
    r"|gels?|creams?|ointments?|lotions?|patch(?:es)?|sprays?|drops|inhalers?|pessar\w*|suppositor\w*|implants?|pellets?"
    r"|on\s+(?!(?:a|an|the|average|top|weekends?|days?|holiday|dialysis)\b)[\w-]+"      # "on clomid", "on it"
    r"|with\s+(?:bac|bacteriostatic|sterile)\b|mix\w*|reconstitut\w*)\b", re.IGNORECASE)   # whole words: "back" is no "bac"


def speaks_of_a_medicine(question: str) -> bool:
    """Whether a message has a word of a medicine, its form or amount, or of taking or using one."""
    return bool(_OF_A_MEDICINE_OR_TAKING.search(question))


def asks_only_about_food_or_checks(question: str) -> bool:
    """Whether every ask of a message asks an amount of food, drink or activity, or how often a check
    is done, and nothing in it speaks of a medicine or of taking one (_OF_A_MEDICINE_OR_TAKING)."""
    question = _TAKE_A_MEASURE.sub("measure", question)
    asking = asks_in(question)
    return bool(asking) and all(_AMOUNT_OF_FOOD.search(c) for c in asking) \
        and not _OF_A_MEDICINE_OR_TAKING.search(question)


# Whether something matters or makes a difference asks an effect, not an amount: "does it matter how
# long someone was on it?" asks what the text says of how the length of earlier therapy bears on
# recovery (a blind dialogue writer's, refused as a dose request). Not one of the guard's 4,700
# labelled examples asks so; a request for oneself is still judged by the classifier's other intents.
_WHETHER_IT_MATTERS = re.compile(
    r"^\W*(?:(?:so|and|but|ok(?:ay)?|also|then)\b[\s,]*)*(?:does|do|did|would|will|could|can)\s+"
    r"(?:it|that|this|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:really\s+|even\s+|actually\s+)?"
    r"(?:matter|make\s+(?:a|any|much\s+of\s+a|much)\s+difference)\b", re.IGNORECASE)


def asks_whether_it_matters(question: str) -> bool:
    """Whether every ask of a message asks whether something matters ("does it matter how long
    you were on it?"), with no word of a supply or of someone taking it ("does it matter how long i
    stay on it" is still judged as a dose request)."""
    return _every_ask(question, _WHETHER_IT_MATTERS, _SUPPLY_OR_DOSE, _TAKING_OR_WHEN)


# A question that asks which medicines there are ("what medications are used in the protocol for
# men coming off trt?", "which drugs are used for post cycle therapy"): it wants names, which the
# text teaches, not an amount. The classifier weighed "protocol" and "coming off" as a dose request
# and refused it; of the guard's 2,500 dose, personal and misuse examples, none asks it this way.
# Asking for oneself, for the best one, or with any word of amount or use is left to the guard.
_WHICH_MEDICINES = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|but)\W+)?(?:(?:what|which)(?:\s+(?:kinds?|types?|sorts?|classes?)\s+of)?\s+(?:\w+\s+)?"
    # "list every medication in the mens protocol" asks the same (refused as dosing; a tester's)
    r"|(?:please\s+)?(?:list|name)\s+(?:(?:all|every|each)\s+(?:of\s+)?)?(?:the\s+)?(?:\w+\s+)?)"
    r"(?:medications?|medicines?|meds|drugs?|peptides?|serms?|treatments?|compounds?|therapies|pills?)\b", re.IGNORECASE)
_NOT_ONLY_WHICH = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|me|my|mine|we|our|us|you|your|should|recommend\w*|best|better|safest|strongest"
    r"|need|dos(?:e|es|age|ing)|amounts?|much|many|often|long|mg|ml|iu|mcg|(?<!post\s)(?<!post-)cycle|stack|run|buy|get|order|source)\b|\d",
    re.IGNORECASE)


_KINDS = r"(?:medications|medicines|meds|drugs|peptides|serms|treatments|options|therapies|pills|agents|compounds)"
# "growth hormone", not "happens after", nor "which one of the meds is …" (one, a single member)
_NAMING = r"(?:(?!(?:are|is|do|does|did|happens?|happened|about|after|before|when|one)\b)[\w-]+\s+){0,3}?"
_MEMBERS_ASKED = re.compile(
    rf"^\W*(?:(?:so|and|ok|okay|but|then)\W+)?(?:(?:what|which)(?:\s+(?:kinds?|types?|sorts?)\s+of)?\s+{_NAMING}{_KINDS}"
    rf"\s+(?:are|were|is|do|does|did|can|could|might|would|help|helps|exist|there|get|go|make|work)\b"
    rf"|(?:list|name)\s+(?:all\s+|some\s+)?(?:of\s+)?(?:the\s+)?{_NAMING}{_KINDS}\b"
    r"|(?:list|name)\s+(?:every|each)\s+(?:[\w-]+\s+){0,2}?(?:medication|medicine|med|drug|peptide|serm|treatment|option"
    r"|therapy|pill|agent|compound)\b)", re.IGNORECASE)
# "what does each growth hormone peptide do", "the mechanism of action of each …": every member asked
# about (an exploratory tester's got two sentences of introduction and no peptide named). Not "all
# the …": "or is it all the meds?" asks whether medicines alone do it (answers-dev2).
_EACH_MEMBER = re.compile(
    rf"\b(?:each|every)\s+(?:one\s+)?(?:of\s+the\s+)?{_NAMING}(?:medication|medicine|med|drug|peptide|serm|treatment"
    r"|option|therapy|pill|agent|compound)s?\b"
    # a comparison of a whole kind: "compare the mechanisms of the growth hormone peptides", "how do
    # the GH peptides differ" (a learner tester's got the section's introduction, no peptide named)
    rf"|\bcompar\w*\s+(?:[\w-]+\s+){{0,3}}?(?:of\s+)?(?:all\s+)?(?:the\s+)?{_NAMING}(?:medications|medicines|meds|drugs"
    r"|peptides|serms|treatments|options|therapies|pills|agents|compounds)\b(?!\s+(?:with|to|and|against|vs\.?|versus)\b)"
    rf"|\b(?:how|in\s+what\s+ways?)\s+do\s+(?:all\s+)?(?:the\s+)?{_NAMING}(?:medications|medicines|meds|drugs|peptides"
    r"|serms|treatments|options|therapies|agents|compounds)\s+(?:differ|compare)\b"
    r"(?!\s+(?:from|to|with)\s+(?!each\s+other|one\s+another))", re.IGNORECASE)     # not "… differ from direct GH"


def asks_for_the_members(question: str) -> bool:
    """Whether a question asks what the members of a kind are, in the plural ("what medications are
    used in the protocol for men coming off trt?", "list the peptides"): the list names them."""
    return bool(_MEMBERS_ASKED.search(question) or _EACH_MEMBER.search(question))


def asks_which_medicines(question: str) -> bool:
    """Whether a message only asks which medicines are used for something, in general."""
    asking = asks_in(question) or [question]        # "list every medication …" is a request, not a question
    return len(asking) == 1 and bool(_WHICH_MEDICINES.match(asking[0])) and not _NOT_ONLY_WHICH.search(question)


# Whether a medicine is legal or approved somewhere is a fact about it ("is hexarelin legal in
# australia", "is kisspeptin legal in the uk"; the guard's own examples of it are educational): not
# a request for help getting one, unless the ask is about buying, importing or going without a
# prescription, as every legality example labelled misuse is.
LEGALITY = re.compile(r"\b(?:legal|illegal|legally|lawful|banned|prohibited|controlled\s+substances?|approved|approval"
                      r"|prescription[\s-]only|over[\s-]the[\s-]counter|otc|(?:need|needs|require|requires)\s+a\s+prescription)\b",
                      re.IGNORECASE)
_GETTING = re.compile(r"\b(?:buy\w*|order\w*|import\w*|ship\w*|sourc\w*|get|getting|got|purchas\w*|sell\w*|sold|give|giving"
                      r"|stock|online|website|prescriptions?|pharmac\w*|where|cheap\w*|i|me|my|we|our)\b", re.IGNORECASE)


def asks_only_about_legality(question: str) -> bool:
    """Whether every ask of a message is whether something is legal or approved, with no word of
    getting it ("is it legal to buy peptides online" asks how to get one)."""
    return _every_ask(question, LEGALITY, _GETTING)


# A medicine's brand, trade or generic name, or its maker, is a fact about it ("whats the brand name for
# tamoxifen"; a blind writer's silence case), not a request to get one, unless a word of getting it
# is there too (as for legality).
_BRAND = re.compile(r"\b(?:brand(?:s|ed)?(?:\s+names?)?|trade\s+names?|generic\s+(?:names?|versions?)|manufacturer\w*"
                    r"|(?:which|what)\s+compan(?:y|ies)|who\s+(?:makes|made|manufactures|produces))\b", re.IGNORECASE)


def asks_only_for_a_brand(question: str) -> bool:
    """Whether every ask of a message asks a medicine's brand or generic name or its maker, with no
    word of getting it ("what brand is cheapest online" asks how to get one), of a dose or of taking
    it ("which brand of test cyp to pin"), and no choice ("which brand is best")."""
    return _every_ask(question, _BRAND, _GETTING, _SUPPLY_OR_DOSE, _TAKING_OR_WHEN, _CHOICE)


_CHOICE = re.compile(r"\b(?:best|better|worse|worst|recommend\w*|should|good|safest|strongest)\b", re.IGNORECASE)


# A decision asked: what someone should do, may do, needs to do, or whether doing it is wise, for
# themselves or someone close ("should i cut back on salt", "is it ok to give kids adult medicine",
# "can i eat oats", "what do we do"), as against a question about how things are in their case
# ("could my tiredness be my thyroid?", "what are the odds i have it too?").
_DECISION = re.compile(r"""
    \b(?:should|shall|ought\s+to|must|gotta|have\s+to|has\s+to|need\s+to|needs\s+to)\b
  | \b(?:is|are|would|will)\s+(?:it|that|this|they)\s+(?:be\s+)?(?:really\s+)?(?:ok|okay|fine|alright|all\s+right|safe|wise|worth|smart
        |a\s+good\s+idea|a\s+bad\s+idea|better|best|allowed)\b
  # necessary for someone, not "is it necessary for the pituitary to make lh" (a second reviewer's)
  | \b(?:is|are|would|will)\s+(?:it|that|this|they)\s+(?:be\s+)?(?:really\s+)?(?:necessary|needed)
        (?:\s+for\s+(?:me|him|her|us|them|my\s+\w+)\b|\s*(?:\?|$|or\b))
  | \b(?:ok|okay|safe|fine|alright|allowed|wise)\s+(?:for\s+(?:me|him|her|us|them|my\s+\w+)\s+)?to\b
  | \b(?:ok|okay|fine|safe|alright)\s*\?|\b(?:ok|okay|safe|fine|alright)\s+(?:if|for\s+(?:me|him|her|us|them))\b
  | \b(?:can|could|may)\s+(?:i|we|he|she|they|my\s+\w+)\s+(?:still\s+|just\s+|safely\s+|ever\s+)?
        (?:take|stop|start|use|eat|drink|skip|keep|try|switch|continue|combine|mix|quit|go|do|give|exercise|travel
        |work|drive|fly|lift|run|play|breastfeed|get\s+pregnant|avoid|cut|change|come\s+off|wean)\b
  | \b(?:can|could|may)\s+(?:i|we|he|she|they|my\s+\w+)\s+(?:still\s+|just\s+)?have\s+(?:a|an|some|one|another|any)\b
  | \b(?:do|does|did|will|would)\s+(?:i|we|he|she|they|my\s+\w+)\s+(?:really\s+|still\s+|even\s+|ever\s+)?(?:need|want)\b
  | \bwhat\s+(?:can|could|do|should|would|will)\s+(?:i|we|he|she|they)\s+do\b
  | \b(?:bad|good|dangerous|harmful|risky|serious|worrying|a\s+problem|a\s+mistake)\s+for\s+(?:me|him|her|us|them)\b
  | \b(?:right|suitable|a\s+good\s+idea|a\s+bad\s+idea|safer|safest|better\s+off|worth\s+it|appropriate|too\s+old|too\s+young)\b
  | \bsafely\b | \b(?:is|are)\s+(?:my|his|her|our|their)\s+(?:[\w-]+\s+){0,3}?(?:meds?|medicines?|medications?|pills|treatment|dose)\s+(?:ok|okay|safe|fine)\b
  | \bin\s+(?:my|his|her|our)\s+(?:case|position|shoes|situation)\b | \bwhat\s+would\s+you\s+do\b | \bmistake\b
  | \b(?:would|will|is|does|could)\s+(?:stopping|starting|taking|quitting|coming\s+off|switching|skipping|waiting)\b
  | \b(?:will|would|could|can|does|do|might|is|are)\s+(?:it|that|this|they|[\w-]+(?:\s+[\w-]+)?)\s+(?:going\s+to\s+)?
        (?:help|mess|interfere|interact|clash|work\s+for|screw|improve|benefit)\b[^.?!]{0,30}?\b(?:me|my|mine|him|her|his|us|our)\b
  | \b(?:what|which)\s+(?:one\s+)?(?:is|would\s+be)\s+(?:better|best|right)\s+for\s+(?:me|him|her|us|them)\b
  | \b(?:am\s+i|is\s+(?:he|she)|are\s+(?:we|they))\s+(?:a\s+)?(?:good\s+)?(?:candidate|eligible|ok\s+to|allowed)\b
  # fit for something, now: "my son had concussion two weeks ago, is he ready to play rugby this weekend"
  # (an eleventh writer's, stop 64), not "ready to learn" or "how long until people are fit to drive"
  | \b(?:am\s+i|is\s+(?:he|she|my\s+[\w-]+)|are\s+(?:we|they))\s+(?:\w+\s+)?(?:ready|fit|well\s+enough|recovered\s+enough)\s+to\b
        (?!\s+(?:learn|know|hear|understand|talk|read|discuss|ask)\b)
  | \b(?:do|would|can)\s+you\s+(?:recommend|suggest|advise)\b | \brecommend\b
  | \b(?:stop|start|quit|switch|skip|increase|decrease|taper|come\s+off|go\s+off|get\s+off)\s+(?:taking\s+)?(?:my|his|her|our|their)\b
  """, re.IGNORECASE | re.VERBOSE)


def asks_for_a_decision(question: str) -> bool:
    """Whether a message asks what someone should or may do (a decision), rather than how things
    are: the line between personal advice, always refused, and a question about one's own case,
    answered from the text with a caution (guard.py)."""
    return bool(_DECISION.search(question))


def is_request(clause: str) -> bool:
    """Whether a clause asks for an explanation in the form of a statement ("I'd like to know ...")."""
    return bool(REQUEST.match(clause))


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def sentences(text: str) -> list[str]:
    """A message's sentences, split after ".", "?" or "!" only."""
    return [x for x in _SENTENCE_END.split(text) if x.strip()]


def story_and_asks(text: str) -> tuple[list[str], list[str]]:
    """(the sentences before the first that asks, that one and those after it), split at sentence
    ends only: "if the hypothalamus is suppressed, how can gonadorelin still work?" is one
    question. A message in which no sentence asks is all story."""
    parts = sentences(text)
    first = next((i for i, x in enumerate(parts) if is_question(x) or is_request(x)), len(parts))
    return parts[:first], parts[first:]


# A message that opens with the asker's own story: "i was on trt for 2 years, why …", "me and my wife …"
_TOLD_FIRST = re.compile(r"\W*(?:(?:so|ok|okay|well|hi|hey|honestly|basically)\W+)*"
                         r"(?:i|i'm|im|i've|ive|i'd|my|me|we|we're|our)\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|my|me|we|we're|our)\b", re.IGNORECASE)
MIN_ASK_WORDS = 3       # "why?" or "how so" alone says too little to search on


def asked_after_a_story(text: str, pointing_back: bool = False) -> str | None:
    """What a message asks after the asker's own story ("i was on trt for 2 years, why did my
    testicles shrink?" → "why did my testicles shrink?"), when that ask says something and, unless
    `pointing_back`, does not point back into the story ("can that be from high prolactin" needs
    it; the caller that allows it judges by retrieval whether it does). None otherwise."""
    asked = focus(text)
    told = text[:text.rfind(asked)] if asked and asked in text else ""
    # the story is the asker's own, wherever it says so ("kind of embarrassing but my testicles …")
    if not _TOLD_FIRST.match(text) and not FIRST_PERSON.search(told):
        return None
    if not asked or asked.strip() == text.strip() or len(asked.split()) < MIN_ASK_WORDS \
            or not pointing_back and POINTS_BACK.search(asked):
        return None
    return asked


def asks_from_the_first(text: str) -> list[str]:
    """The parts of a message from its first ask on, each without its joining word ("How does
    clomid work", "what dose do men usually take?"): a story before the first ask is no ask,
    but after it a fragment ("Then the PCT length.") may be one. Empty when nothing asks."""
    parts = [_LEADING_JOINER.sub("", p) for p in ASK_SPLIT.split(text) if p and p.strip()]
    asking = [is_question(p) or is_request(p) for p in parts]
    return parts[asking.index(True):] if True in asking else []
