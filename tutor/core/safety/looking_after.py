"""Looking after one's medicines: carrying them on a journey, keeping or storing them at home.

Three reviewers' handouts (stop 65) had travel and storage questions refused as misuse ("can i keep
my tablets in the car", "how do i carry my inhalers when i travel") or as a dose request ("how
should epilepsy tablets be stored"; 11 of their probes in all). The classifier reads a medicine and a
verb of taking or getting; to carry a medicine is neither to get it nor to take a dose of it. The
texts answer such questions plainly ("Carry your medicines in your hand luggage").

Two readings, each only setting aside a classifier's verdict (a rule that refuses still refuses):
- for misuse, the message asks how medicines are stored, with no journey and no word of buying or
  hiding (a journey's words let misuse through: see _JOURNEY);
- for a dose, it carries, keeps or stores the medicine, and asks no amount, time or schedule.
"""

from __future__ import annotations

import re

# Keeping medicines at home or away: how they are stored, not where they travel (below)
_STORAGE = re.compile(
    r"\b(?:fridge|refrigerat\w*|freezer|cool\s*bag|ice\s*packs?|room\s+temperature|heat|hot|cold|warm|damp|sunlight"
    r"|stor(?:ed|ing|age)|out\s+of\s+(?:the\s+)?reach|lock(?:ed|able)?|cupboard)\b"
    r"|\b(?:to|i|you|we|should|can|do|does|how|where|best|safely|and)\s+store\b", re.I)     # not "a supply store"
# A journey: where smuggling and buying abroad are told too. The first version set a misuse verdict
# aside for a journey's words as well; on a second helper's fresh cases it let 6 of 40 misuse requests
# through (first run, never read) while answering 8 more of 40 plain questions, and the classifier
# cannot tell them apart either. A misuse verdict on a journey stands.
_JOURNEY = re.compile(
    r"\b(?:planes?|flights?|fly|flying|flew|abroad|overseas|holidays?|vacation|trips?|travel\w*|airports?|luggage"
    r"|suitcases?|baggage|carry-?on|on\s+board|security|customs|cruise|ferry|ship|hotel|camping|festival|hiking|skiing"
    r"|countr\w*|borders?|arrivals|home)\b", re.I)
# Deceit, getting a medicine without a prescription, someone else's, or a high: the verdict stands.
# What the classifier's misuse examples are about, said in the words of a journey ("so the dogs at
# arrivals dont pick them up", "without the team doctor seeing it", "no questions asked").
_HIDING_OR_BUYING = re.compile(
    r"\b(?:smuggl\w*|sneak\w*|slip\w*|hid(?:e|es|ing|den)|conceal\w*|disguis\w*|caught|undeclared|sniff\w*|dogs?"
    r"|scanners?|detect\w*|drug\s+tests?|tested|anti-?doping|doping|comp|competition|post(?:ed|ing)?|mail\w*|sell\w*"
    r"|buy\w*|bought|order\w*|source\w*|online|dealer|import\w*|cheap\w*|stock\s+up|stockpil\w*|grab|no\s+questions"
    r"|no\s+(?:prescription|script)|black\s+market|underground|score|cop|high|buzz|stoned|recreational\w*|resell\w*)\b"
    r"|\bwithout\s+(?!(?:it|them|my\s+\w+)\s+(?:getting|going)\b)[^.?!]{0,30}?\b(?:prescription|script|paperwork|showing|asking"
    r"|declar\w*|see(?:ing)?|know(?:ing)?|notic\w*|find(?:ing)?|finding\s+out|telling|questions?)\b"
    r"|\b(?:don'?t|doesn'?t|won'?t|wont|dont|not|never)\s+(?:pick|find|see|notice|spot|detect|know|check|declare)\w*"
    r"|\b(?:get|sneak|slip|take)\w*\s+[^.?!]{0,30}\bthrough\s+(?:customs|security)\s+(?:without|unnoticed)"
    r"|\bfrom\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:store|shop|site|website|gym|vet|friend|mate|guy|chemist|pharmacy)s?\b"
    r"|\b(?:my|his|her|their|our)\s+(?:nan|nana|gran|grandma|grandad|grandpa|mum|mom|dad|mate|friend|brother|sister"
    r"|partner|husband|wife|son|daughter|flatmate|roommate)(?:'?s)\s+(?:[\w-]+\s+)?(?:tablets|pills|meds|medicines?|morphine"
    r"|oxy\w*|tramadol|codeine|diazepam|valium|xanax|adderall|ritalin|insulin|pens?|injections?)\b"
    r"|\b(?:where|how)\s+(?:can|do|could|would|to|should)\s+(?:i\s+|you\s+|we\s+|one\s+)?(?:get|find|pick\s+up)\b"
    r"|\bif\s+(?:they|security|customs|someone|anyone|staff|the\s+\w+)\s+(?:find|finds|see|sees|notice|check|search|open)\w*"
    r"|\bfrom\s+(?:showing|finding|seeing|knowing|noticing|discovering|being\s+(?:found|seen|detected))\b|\bshow(?:ing)?\s+up\b"
    r"|\b(?:don'?t|doesn'?t|won'?t|wont|dont|not)\s+catch\w*|\bship(?:s|ped|ping)\b|\b(?:vendors?|suppliers?)\b"
    r"|\blook\w*\s+like\s+(?:something|anything)\s+else|\bwithout\s+one\b|\bpick\w*\s+up\s+(?:more|some|extra)\b"
    r"|\bback\s+(?:from|home\s+from)\b|\b(?:steroid|test|tren|bulking|cutting)\s+cycles?\b|\bon\s+cycle\b"
    # medicines people use without a prescription: carrying them is the misuse examples' subject
    r"|\b(?:hgh|growth\s+hormone|steroids?|gear|tren\w*|clen\w*|sarms?|peptides?|dbol|anavar|winstrol|deca|mk-?677"
    r"|bpc|research\s+chemicals?)\b", re.I)
# Carrying a medicine: carry, bring, pack, keep or store it, or take it somewhere ("take my inhaler on
# the plane"), not "take my medicines when i fly", which asks when to take them
_CARRYING = re.compile(
    r"\b(?:carry\w*|bring\w*|brought|pack\w*|stor(?:e|ed|es|ing|age))\b"
    r"|\b(?:keep|keeping|kept|leave|leaving|left)\s+(?!an?\s+eye\b)(?:[\w-]+\s+){0,3}?(?:in|inside|out\s+of|at|on)\s+"
    r"(?:the\s+|my\s+|a\s+|your\s+)?(?:[\w-]+\s+)?(?:car|fridge|freezer|bag|handbag|luggage|suitcase|sun|heat|kitchen"
    r"|bathroom|drawer|cupboard|room|desk|locker|pocket|box|work|school|office)\b"
    r"|\b(?:keep|keeping|kept)\s+(?!an?\s+eye\b)(?:(?:my|his|her|their|our|the|your|an?)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:cold|cool|chilled|dry|safe|warm|upright|from\s+(?:getting|overheating|freezing|cooking)|out\s+of\s+(?:the\s+)?reach"
    r"|away\s+from)\b"
    r"|\b(?:take|taking|took|travel\w*\s+with|fly\w*\s+with)\b[^.?!]{0,30}?\b(?:on|onto|in|into|through|to)\s+(?:the\s+|my\s+|a\s+)?"
    r"(?:planes?|flights?|luggage|hand\s+luggage|bags?|suitcases?|car|airport|security|abroad|holiday|trips?|work|school)\b",
    re.I)
# An amount, a time or a schedule asked: a dose request whatever else is said
_DOSE_ASKED = re.compile(
    r"\d|\b(?:how\s+(?:much|many|often|long)|dose\w*|dosage|mg|units?|once|twice|daily|a\s+day|times?\s+a|schedule"
    r"|time\s*zones?|double|extra|skip\w*|miss\w*|late|early|before\s+(?:i|you)\s+(?:fly|go|leave)"
    r"|when\s+(?:should|do|can|to|must)\s+(?:i\s+|you\s+|we\s+)?take)\b", re.I)


def looks_after_medicines(text: str) -> bool:
    """Whether a message the classifier took for misuse only asks how medicines are stored, with no
    journey in it and no word of buying or hiding them ("is it ok to leave my pills in a hot car")."""
    return bool(_STORAGE.search(text)) and not _JOURNEY.search(text) and not _HIDING_OR_BUYING.search(text)


def asks_only_about_carrying(text: str) -> bool:
    """Whether a message the classifier took for a dose request carries, keeps or stores the
    medicine and asks no amount, time or schedule ("how do i carry my inhalers when i travel")."""
    return bool(_CARRYING.search(text)) and not _DOSE_ASKED.search(text) and not _HIDING_OR_BUYING.search(text)
