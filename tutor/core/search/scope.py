"""Which words of a question name a topic the text never mentions.

Used only to decide `not_covered`: a question about "statins" or "vaccines" may still land near
some passage by meaning, but its subject is absent from the text. Conversational words
("takeaway", "basically", "numbers") are not subjects, and typos of known words are known.
"""

from __future__ import annotations

from functools import lru_cache

from tutor.core.search.bm25 import tokenize
from tutor.core.text import FUZZY_CUTOFF

# Words that carry no topic of their own in a learner's question.
FILLER_WORDS = """
just get getting got gets use used using uses supposed info information whole thing things stuff
really basically takeaway ok okay like want wanted need needs needed know knowing also still
ever even much many lot lots way ways good bad best better worse worst big small little new old
first last next different same usual usually typically generally often sometimes always never
happen happens happening happened work works working worked make makes making made take takes
taking took go goes going went come comes coming came help helps helping helped keep keeps kept
point points mean means meaning meant think thought feel feeling feels say said tell told give
given gives look looks looking see seen find found try trying tried call called name named part
parts kind kinds type types sort example examples people person someone somebody anyone everyone
guy guys time times day days end start started starts stop stopped stops change changes changed
changing back able possible important main role affect affects affected effect effects cause
causes caused reason reasons difference differences differ compare compared comparison versus vs
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
refer refers referred exact specifically specific particular particularly mainly key
""".split()


@lru_cache(maxsize=1)
def _filler_stems() -> frozenset[str]:
    return frozenset(tokenize(" ".join(FILLER_WORDS)))


def unknown_topic_words(question: str, vocabulary: dict, words: list[str], extra_known: set[str] = frozenset()) -> list[str]:
    """Stems of the question's content words that the corpus never uses (typos forgiven);
    `words` is `vocabulary`'s keys as a list, built once by the caller."""
    filler = _filler_stems()
    unknown = [t for t in dict.fromkeys(tokenize(question))
               if t not in vocabulary and t not in filler and t not in extra_known and not t.isdigit()]
    return [t for t in unknown if not _near_known(t, words)]


def _near_known(stem: str, words: list[str]) -> bool:
    """A small typo of a corpus word ("testostrone", "comunicate") is that word."""
    if len(stem) < 5:
        return False
    from rapidfuzz import fuzz, process

    return process.extractOne(stem, words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF) is not None
