"""Text normalisation and sentence splitting, shared by parsing, search, safety and evaluation.

The source uses "∞" as the author's dash. We show it as an em dash; both are one code point,
so display text keeps the same character offsets as the source.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

SOURCE_DASH = "\u221e"
DISPLAY_DASH = "\u2014"

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u221e]")
_SPACE = re.compile(r"\s+")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Escape sequences whole (CSI, OSC up to BEL or ST, DCS/SOS/PM/APC up to ST, two-character
# escapes, and their 8-bit forms): removing only their control character left "[31mLH" behind.
# On output a string sequence without its terminator goes to the end, as a terminal would read it.
_ESCAPES = r"""
      \x1b\[[0-?]*[ -/]*[@-~]?
    | \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c){end}
    | \x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c){end}
    | \x1b[ -/]*[0-~]?
    | \x9b[0-?]*[ -/]*[@-~]?
    | [\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c){end}
"""
ESCAPE_SEQUENCES = re.compile(_ESCAPES.format(end="?"), re.X)
# In input, only a terminated one goes whole: a stray Esc before "Please help, my friend…" loses
# its introducer, not the rest of the message.
INPUT_ESCAPES = re.compile(_ESCAPES.format(end=""), re.X)

# Words that carry no content for search: function words, question words and chat fillers.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
let me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself yourselves tell explain describe mean means
meaning please know according text say says said doe thing things something anything really
actually kind sort whats wat wats hows whos whys wht pls plz ppl ur u r im ive id youre thats
theres ok okay alright hmm umm um uh lol haha
""".split())

_LETTERS = re.compile(r"[^\W\d_]+")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
ENGLISH_SHARE = 0.4     # below this share of English words, a message of 3 words or more is not English
                        # (5 of 2,154 English questions of the suites are below it: four dose slang, "what's nephrotic syndrom")


def looks_english(text: str, known: Callable[[str], bool]) -> bool:
    """Whether a message reads as English: a share of its words are English function words or
    words `known` knows (the text's, the model's English vocabulary). The model and the text are English; "j'ai pris trop de
    comprimés" or "Wie wirkt Tamoxifen?" found nothing and got "not covered", which says nothing
    useful and, for an overdose told in another language, nothing safe. A message of one or two
    words is given the benefit of the doubt ("tamoxifen?", "ugh")."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and sum(not c.isascii() for c in letters) * 2 > len(letters):
        return False                # another script: "睾酮是什么", "что такое тестостерон"
    # a contraction is one word, known by its stem: "what's PCT?" is two words, as "what is PCT?" is
    # three; split at the apostrophe, its "s" was a third word no vocabulary knows
    words = [w.lower().replace("’", "'") for w in _WORDS.findall(text)]
    if len(words) < 3:
        return True
    english = sum(w.isascii() and (w.split("'")[0] in STOPWORDS or known(w.split("'")[0])) for w in words)
    return english / len(words) >= ENGLISH_SHARE


# How close (rapidfuzz ratio, 0-100) a typed word must be to a known name to count as a typo of it.
FUZZY_CUTOFF = 84


def mend_everyday_typos(text: str, knows: Callable[[str], bool], everyday: list[str]) -> str:
    """The text with each mistyped word of `everyday` spelled right ("how is it diffrent from
    sermorelin" → "different"), so that what reads a question's form sees the form: the typo had
    made a comparison a new question about a word the text "never uses". Only a word of six
    letters or more that `knows` does not know (the text's words, the model's vocabulary), and only
    into a word of `everyday` (the caller's: the words of a question's form, never a name) one
    typing slip away, so a medical word stays as typed."""
    def mend(m: re.Match) -> str:
        word = m.group(0).lower()
        if len(word) < 6 or word in STOPWORDS or knows(word):
            return m.group(0)     # "stacking" is a word of its own, not "taking" mistyped
        return one_slip_from(word, everyday) or m.group(0)
    return _LETTERS.sub(mend, text)


def one_slip_from(word: str, words: list[str]) -> str | None:
    """The word of `words` that `word` is one typing slip from (a letter left out, added, changed,
    or two swapped), or None; for words of six letters or more, where one slip leaves no doubt."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    if len(word) < 6:
        return None
    best = process.extractOne(word, words, scorer=DamerauLevenshtein.distance, score_cutoff=1)
    return best[0] if best else None


# Words that name nothing: stopwords, and the fillers and asking words of a chat ("ok", "tho",
# "define", "exactly")
FUNCTION_WORDS = STOPWORDS | {"what's", "ok", "okay", "even", "like", "tho", "though", "define", "definition", "exactly"}


def content_words(clause: str) -> list[str]:
    """The words of a clause that name something: not question words, pronouns or fillers."""
    return [w for w in re.findall(r"[a-z][\w'-]*", clause.lower()) if w not in FUNCTION_WORDS and len(w) > 1]


def prefixed(typed: str, word: str) -> bool:
    """Whether a typed word is a known word with letters put before it: another word, not a typo
    of it, however close their spelling ("enclomiphene" is a drug of its own, not clomiphene
    mistyped; it was answered as Clomid). A typo changes, drops or swaps letters inside a word;
    it seldom adds a syllable in front, or drops one ("diabetes" is no typo of "prediabetes")."""
    return len(typed) - len(word) >= 2 and typed.endswith(word)


def to_display(text: str) -> str:
    """Source text as shown to learners: the author's ∞ becomes an em dash, and a run of spaces one
    space (a Markdown list item's wrapped lines keep their indent when joined, parse.py); nothing
    else changes."""
    text = text.replace(SOURCE_DASH, DISPLAY_DASH)
    return re.sub(r" {2,}", " ", text) if "  " in text else text


def clean_input(text: str) -> str:
    """User input made safe to process: NFKC (full-width digits become ASCII), no escape
    sequences, zero-width or control characters, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    if CONTROL_CHARS.search(text):       # every escape sequence starts with one; most input has none
        text = CONTROL_CHARS.sub(" ", INPUT_ESCAPES.sub(" ", text))
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """A comparison key: case, whitespace, curly quotes and dash styles do not matter."""
    text = clean_input(text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return _SPACE.sub(" ", text).strip().casefold()


def slugify(text: str) -> str:
    """A readable id fragment: lower case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "untitled"


# -- sentences ---------------------------------------------------------------------------------
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(‘]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "al.", "vol.", "no.", "pp.", "ed.", "dr.", "vs.", "etc.", "fig.", "approx.")


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the full stop ending at `end` belongs to an abbreviation, an initial ("Walter L.")
    or letters with stops ("U.S. Food and Drug Administration")."""
    start = text.rfind(" ", 0, end) + 1
    word = text[start:end].lower()
    return word.endswith(_ABBREVIATIONS) or bool(re.fullmatch(r"(?:[a-z]\.)+", word.lstrip("(\"“")))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of `text`, trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        stop = match.start() + 1
        if text[stop - 1] == "." and _is_abbreviation(text, stop):
            continue
        end = match.end() - len(match.group()) + len(match.group().rstrip())
        spans.append((start, end))
        start = match.end()
    tail = text[start:].rstrip()
    if tail:
        spans.append((start, start + len(tail)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_RUNS_ON = re.compile(r"(?:[:,]|[^.!?:;)\]\"'”’\s])\s*$")


def runs_on(text: str) -> bool:
    """Whether a text stops where its sentence goes on — at a colon, a comma or no sentence end
    ("…may contaminate foods such as", "The following steps may help:"): what follows it, a list
    most often, completes it."""
    return bool(_RUNS_ON.search(text))
