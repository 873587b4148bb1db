"""Looking after one's medicines: carrying them on a journey, keeping or storing them at home.

Three reviewers' handouts (stop 65) had travel and storage questions refused as misuse ("can i keep
my tablets in the car", "how do i carry my inhalers when i travel") or as a dose request ("how
should epilepsy tablets be stored"; 11 of their probes in all). The classifier reads a medicine and a
verb of taking or getting; to carry a medicine is neither to get it nor to take a dose of it. The
texts answer such questions plainly ("Carry your medicines in your hand luggage").

Two readings, each only setting aside a classifier's verdict (a rule that refuses still refuses):
- for misuse, the message speaks of a journey or of keeping, with no word of buying or hiding;
- for a dose, it carries, keeps or stores the medicine, and asks no amount, time or schedule.
"""

from __future__ import annotations

import re

_JOURNEY_OR_KEEPING = re.compile(
    r"\b(?:planes?|flights?|fly|flying|flew|abroad|overseas|holidays?|vacation|trips?|travel\w*|airports?|luggage"
    r"|suitcases?|baggage|carry-?on|fridge|refrigerat\w*|freezer|hot\s+car|in\s+the\s+car|glove\s*box|heat|sunlight"
    r"|stor(?:ed|ing|age))\b"
    r"|\b(?:to|i|you|we|should|can|do|does|how|where|best|safely|and)\s+store\b", re.I)     # not "a supply store"
# Hiding a medicine, or buying, posting or selling it: the misuse verdict stands
_HIDING_OR_BUYING = re.compile(
    r"\b(?:smuggl\w*|sneak\w*|hid(?:e|es|ing|den)|conceal\w*|caught|customs|undeclared|declar\w*|sniffer|detect\w*"
    r"|drug\s+tests?|post(?:ed|ing)?|mail\w*|sell\w*|buy\w*|order\w*|source\w*|online|dealer|import\w*|ship\w*|cheap\w*"
    r"|without\s+(?:a\s+)?(?:doctor|prescription)|black\s+market|underground|score|cop)\b"
    r"|\bfrom\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:store|shop|site|website|gym|vet|friend|mate|guy)s?\b"
    r"|\b(?:where|how)\s+(?:can|do|could|would|to|should)\s+(?:i\s+|you\s+|we\s+|one\s+)?(?:get|find|pick\s+up)\b", re.I)
# Carrying a medicine: carry, bring, pack, keep or store it, or take it somewhere ("take my inhaler on
# the plane"), not "take my medicines when i fly", which asks when to take them
_CARRYING = re.compile(
    r"\b(?:carry\w*|bring\w*|brought|pack\w*|stor(?:e|ed|es|ing|age))\b"
    r"|\b(?:keep|keeping|kept|leave|leaving|left)\s+(?!an?\s+eye\b)(?:[\w-]+\s+){0,3}?(?:in|inside|out\s+of|at|on)\s+"
    r"(?:the\s+|my\s+|a\s+|your\s+)?(?:[\w-]+\s+)?(?:car|fridge|freezer|bag|handbag|luggage|suitcase|sun|heat|kitchen"
    r"|bathroom|drawer|cupboard|room|desk|locker|pocket|box|work|school|office)\b"
    r"|\b(?:take|taking|took|travel\w*\s+with|fly\w*\s+with)\b[^.?!]{0,30}?\b(?:on|onto|in|into|through|to)\s+(?:the\s+|my\s+|a\s+)?"
    r"(?:planes?|flights?|luggage|hand\s+luggage|bags?|suitcases?|car|airport|security|abroad|holiday|trips?|work|school)\b",
    re.I)
# An amount, a time or a schedule asked: a dose request whatever else is said
_DOSE_ASKED = re.compile(
    r"\d|\b(?:how\s+(?:much|many|often|long)|dose\w*|dosage|mg|units?|once|twice|daily|a\s+day|times?\s+a|schedule"
    r"|time\s*zones?|double|extra|skip\w*|miss\w*|late|early|before\s+(?:i|you)\s+(?:fly|go|leave)"
    r"|when\s+(?:should|do|can|to|must)\s+(?:i\s+|you\s+|we\s+)?take)\b", re.I)


def looks_after_medicines(text: str) -> bool:
    """Whether a message the classifier took for misuse is about a journey or keeping medicines,
    with no word of buying or hiding them."""
    return bool(_JOURNEY_OR_KEEPING.search(text)) and not _HIDING_OR_BUYING.search(text)


def asks_only_about_carrying(text: str) -> bool:
    """Whether a message the classifier took for a dose request carries, keeps or stores the
    medicine and asks no amount, time or schedule ("how do i carry my inhalers when i travel")."""
    return bool(_CARRYING.search(text)) and not _DOSE_ASKED.search(text) and not _HIDING_OR_BUYING.search(text)
