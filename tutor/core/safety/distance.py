"""Whether an alarming word is told at a distance: denied, in the past and over, or asked about
in general, the way clinical text-mining reads a finding's context (NegEx and ConText, Chapman
et al.) rather than its words alone.

The emergency rules name red flags by concept ("chest pain", "seizures", "overdosed", "hurt
myself"). Told as "Had chest pain last year, turned out to be reflux", "not suicidal or anything
but …", "what happens in an overdose of hcg? purely theoretical" or "my wife had seizures as a kid
but it's been fine for decades", the same words ask for no ambulance: a second blind writer's
no-emergency messages got the emergency message 14 times in 50, 10 of them for these reasons
(stop 53). The cues here are kinds of context, not phrasings of one message: a negation just
before the red flag, a time long past with a word that it is over, a hypothetical or general
framing. A word that it is happening now or again ("still", "again", "worse", "right now")
keeps the emergency, and an answer still carries the emergency numbers (Tutor.answer).
"""

from __future__ import annotations

import re

# A negation within three words before the red flag ("not suicidal", "never overdosed"); not a
# hedge ("not sure I want to live", "not gonna lie"), which NegEx lists as pseudo-negation.
_NEGATION = re.compile(r"\b(?:not|never|no|without|isn'?t|isnt|wasn'?t|wasnt|aren'?t|weren'?t|nobody|nothing)\b", re.I)
_PSEUDO_NEGATION = re.compile(r"\b(?:not\s+(?:even\s+)?(?:sure|certain)|not\s+(?:gonna|going\s+to)\s+lie|no\s+(?:doubt|idea|way))\b",
                              re.I)
NEGATION_WINDOW = 3     # words before the red flag, in its own clause
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:but|and|so|because|cause|cuz)\b", re.I)

# The red flag is someone else's, or no one's: "not happening to me, just want to know".
_NOT_ANYONES = re.compile(r"\b(?:not|isn'?t|isnt)\s+happening\s+to\s+(?:me|him|her|us|them|anyone|anybody)\b"
                          r"|\bnot\s+(?:asking\s+)?(?:about|for)\s+(?:me|myself)\b", re.I)

# Asked in general or imagined: "what happens in an overdose", "if someone overdosed", a school
# project, a story's character.
# Not "what should you do if your throat is swelling": how people in trouble ask what to do now.
_GENERAL = re.compile(r"\b(?:what|how)\s+(?:happens|would\s+happen)\b"
                      r"|\bwhat\s+would\s+(?:they|doctors|paramedics|nurses|an?\s+(?:\w+\s+)?crew)\s+do\b"
                      r"|\bif\s+(?:someone|somebody|a\s+person|anyone|people|one|a\s+(?:man|woman|kid|child|patient))\b", re.I)
# ... and of no one: "he took 20 of my pills, what happens?" asks what happens to him, now.
_PERSON = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|i'?d|me|my|mine|we|our|us|he|he'?s|hes|she|she'?s|shes|his|her|him|they|their|them)\b",
                     re.I)
_IMAGINED = re.compile(r"\b(?:hypothetical\w*|theoretical\w*|in\s+theory|purely\s+academic|studying\s+for|fanfic|fan\s+fiction"
                       r"|my\s+character|(?:a|my)\s+(?:story|novel|screenplay|script)\b"
                       r"|for\s+(?:a|my|our|his|her)\s+(?:school\s+|class\s+|uni\s+|college\s+|biology\s+|pharmacology\s+|science\s+)?"
                       r"(?:project|assignment|essay|exam|paper|presentation|class|course|homework))", re.I)

# Long past and over: "last year", "as a kid", "when I was 19", with a word that it ended well.
_LONG_PAST = re.compile(r"\b(?:last\s+(?:year|summer|winter|spring|autumn|fall|decade)"
                        r"|(?:\d+|a\s+few|a\s+couple\s+(?:of\s+)?|two|three|four|five|six|ten|many|several)\s+(?:years?|decades?)\s+ago"
                        r"|years\s+ago|as\s+a\s+(?:kid|child|teen|teenager|baby|toddler|student)"
                        r"|when\s+(?:i|he|she|we|they)\s+(?:was|were)\s+(?:\d+|a\s+kid|a\s+child|young|younger|little|a\s+teen\w*|in\s+(?:school|college|uni))"
                        r"|back\s+in\s+(?:the\s+day|\d{4}|(?:high\s+)?school|college|uni)|for\s+(?:years|decades)"
                        r"|in\s+(?:my|his|her)\s+(?:teens|twenties|20s|youth))\b", re.I)
_OVER = re.compile(r"\b(?:turned\s+out|(?:was|were|got|been)\s+cleared|cleared\s+(?:me|him|her)|recovered|resolved|all\s+good"
                   r"|no\s+harm|fully\s+healed|doing\s+(?:well|better|great|good|fine|ok|okay)"
                   r"|(?:been|is|was|are|i'?m|im|he'?s|hes|she'?s|shes|it'?s|its)\s+(?:\w+\s+)?fine)\b", re.I)
# Happening now or again: whatever the other cues say, not at a distance.
_NOW = re.compile(r"\b(?:again|still|worse|worsening|right\s+now|currently|at\s+the\s+moment|keeps?|back\s+(?:now|today|again)"
                  r"|just\s+(?:had|happened|took|taken|started|collapsed|passed|did)|first\s+time"
                  r"|it'?s\s+back|came\s+back|coming\s+back)\b", re.I)
_NOW_IN_ITS_SENTENCE = re.compile(r"\b(?:now|today|tonight|this\s+(?:morning|afternoon|evening|week))\b", re.I)


def at_a_distance(sentence: str, flag_start: int, message: str) -> bool:
    """Whether the red flag found at `flag_start` of `sentence` (a sentence of `message`) is told
    denied, long past and over, or in general, with nothing saying it is happening now."""
    if _NOW.search(message) or _NOW_IN_ITS_SENTENCE.search(sentence):
        return False
    return _negated(sentence, flag_start) or bool(_NOT_ANYONES.search(message)) \
        or bool(_GENERAL.search(sentence) and not _PERSON.search(sentence) or _IMAGINED.search(message)) \
        or bool(_LONG_PAST.search(sentence) and _OVER.search(message))


def _negated(sentence: str, flag_start: int) -> bool:
    """A negation in the red flag's own clause: "I'm not okay, I took 40 of my clomid" is no denial."""
    before = _CLAUSE_BREAK.split(sentence[:flag_start])[-1]
    window = " ".join(before.split()[-NEGATION_WINDOW:])
    return bool(_NEGATION.search(window)) and not _PSEUDO_NEGATION.search(" ".join(before.split()[-NEGATION_WINDOW - 2:]))
