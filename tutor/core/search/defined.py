"""Where a text defines a term in so many words, found from the text's own sentence structure.

"What's an endocrinologist?" on a teacher's fact sheet has no glossary entry to point at, and a
passage that only mentions endocrinologists ("should not be stopped without consulting a qualified
endocrinologist.") outranked the one that says what they are. Writers of any text define terms in a
few fixed shapes, which hold for wording nobody listed:

- an apposition after a dash: "endocrinologist—a doctor specializing in …", "albuminuria—when …",
  "hyperprolactinemia—too much prolactin in the blood"; or after a colon, when a copula names the
  term: "The most reliable test is joint aspiration: a needle is used to draw …" (not a label,
  "Risk factors for gout: a diet …");
- a copula: "A prolactinoma is a benign … tumor", "Secondary adrenal insufficiency occurs when …";
- an abbreviation or other name in brackets: "parathyroid hormone (PTH)" defines both;
- naming: "a condition called galactorrhea", "also known as Berger's disease";
- an apposition after a comma: "adrenocorticotropin (ACTH), a hormone that …".

The retriever boosts those passages for a question that asks what a term is (rank.py), the same
boost the glossary's defining passage gets, and only when the glossary names no term the question
asks about: where a teacher wrote a glossary, it decides.
"""

from __future__ import annotations

import re
import unicodedata

from tutor.core.clauses import OPENERS
from tutor.core.vocab import PassageKind

# "what is", and "what even is IgA", "what exactly are gonadotropins": a learner's filler before the verb
WHAT_IS = r"what(?:\s+(?:even|exactly|actually|really|precisely))?\s*(?:is|are|'s|s|was|were)"
# "what is X", "whats an X", "what does X mean / stand for", "define X", "X meaning": the X asked.
_ASKED = re.compile(
    rf"^\W*(?:(?:{OPENERS})\W+)*"
    rf"(?:{WHAT_IS}|whats|what\s+(?:does|do)|define|meaning\s+of|definition\s+of)\s+"
    r"(?:the\s+(?:word|term|phrase)\s+)?(?:an?\s+|the\s+)?['\"“‘]?(?P<x>[\w'’-]+(?:\s+[\w'’-]+){0,4}?)['\"”’]?"
    r"\s*(?:\s(?:actually\s+|even\s+|really\s+|exactly\s+)?(?:mean|means|stand\s+for|short\s+for)\b.*"
    r"|\s(?:in\s+(?:simple|plain|normal|everyday)\s+(?:words|english|terms)|exactly|again|please|pls)\b.*"
    r"|\s+and\s+.*|[?.,!;:].*|$)",
    re.IGNORECASE)
_NOT_A_TERM = frozenset("it that this those these they them he she his her my your its all each one there here "
                        "happening going wrong next".split())


def asked_term(question: str) -> str | None:
    """The term a question asks the meaning of ("endocrinologist" of "whats an endocrinologist"),
    or None. Loose on purpose: a phrase that is not a term ("the main sign in guys") is simply
    defined nowhere in the text."""
    found = _ASKED.match(question.strip())
    if not found:
        return None
    term = found.group("x").strip(" '’\"-")
    return term if term and term.split()[0].lower() not in _NOT_A_TERM else None


def definition_pattern(term: str, spelled_out: bool = False, kind_of: bool = False) -> re.Pattern:
    """The shapes in which a text defines `term` (a plural or possessive form too); `spelled_out`:
    only the one that spells out an abbreviation ("what does PTH stand for?" is answered by
    "parathyroid hormone (PTH)", not by "glands produce PTH, a hormone that …"); `kind_of`: only a
    sentence that opens by defining a kind of it, by a copula ("An inguinal hernia happens when …"
    for "whats a hernia", on a fact sheet that never defines a hernia as such)."""
    x = r"[\s-]+".join(re.escape(w) for w in unaccented(term).split()) + r"(?:e?s|'s|’s)?"
    if spelled_out:     # "parathyroid hormone (PTH)", "… antibody test, often shortened to tTG-IgA"
        return re.compile(rf"\((?:or\s+)?{x}\)|\b(?:shortened\s+to|abbreviated\s+(?:to|as))\s+{x}\b", re.IGNORECASE)
    if kind_of:
        return re.compile(
            rf"(?:^|(?<=[.!?]\s))(?:an?\s+|the\s+)?(?!(?:an?|the)\s)[\w'’-]+\s+{x}\s*(?:\([^)]{{1,60}}\)\s*)?,?\s+"
            rf"(?:(?:is|are)\s+(?:an?|the|one|any|when|what|how)\b|refers?\s+to|means?|occurs?\s+when|happens?\s+when)",
            re.IGNORECASE)
    return re.compile(
        rf"\b{x}(?:—|–)[a-z]|\b{x}\s*(?:—|–|--|\s-\s)\s*(?:a|an|the|when|which|where|in\s+which|or|also)\b"
        rf"|\b(?:is|are|was|were)\s+(?:an?\s+|the\s+)?{x}\s*:\s*(?:a|an|the)\b"
        rf"|(?:^|(?<=[.!?]\s))(?:an?\s+|the\s+)?{x}\s*(?:\([^)]{{1,60}}\)\s*)?,?\s+"
        rf"(?:is|are|was|were)\s+(?:an?|the|one|any|when|what|how)\b"
        rf"|(?:^|(?<=[.!?]\s))(?:an?\s+|the\s+)?{x}\s*(?:\([^)]{{1,60}}\)\s*)?,?\s+"
        rf"(?:refers?\s+to|means?|occurs?\s+when|happens?\s+when|describes?)\b"
        rf"|\((?:or\s+|also\s+called\s+|also\s+known\s+as\s+)?{x}\)|\b{x}\s*\((?!\s*\d)"
        rf"|\b(?:called|known\s+as|termed|referred\s+to\s+as|named|shortened\s+to|abbreviated\s+(?:to|as))\s+(?:an?\s+|the\s+)?{x}\b"
        rf"|\b{x}\s*(?:\([^)]{{1,60}}\)\s*)?,\s+(?:an?|the)\s+(?:[\w-]+\s+){{1,3}}?(?:that|which|who|of|in|for|used)\b"
        # a brand in brackets after the medicine ("salbutamol (brand name Ventolin)", "paracetamol (sold as
        # Calpol and other brands)"), and what a group is called ("doctors call this group of allergic
        # conditions atopy"): "what is Ventolin" and "what is calpol" were said to be undefined (testers' handouts)
        rf"|\((?:brand\s+names?|trade\s+names?|sold\s+as|marketed\s+as)\s*:?\s*(?:[\w-]+,\s*)*{x}\b"
        rf"|\b(?:doctors|people|we|they|scientists|experts|clinicians|nurses)\s+(?:often\s+|usually\s+|sometimes\s+)?"
        rf"call\s+(?:this|these|it|them|that|such)\s+(?:[\w-]+\s+){{0,5}}?{x}\b",
        re.IGNORECASE)


def unaccented(text: str) -> str:
    """The text without accents, so that "Schonlein" as typed finds "Schönlein" as printed; dashes
    stay, they mark appositions."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def opening_definition(passages, term: str):
    """(passage, sentence) of the first sentence that opens by saying what `term` is ("Asthma is a
    long-term condition …"), or None: stricter than defining_sentence, which also takes "a hormone
    (GnRH)" and "called a peak flow meter", for `/define` to put before a glossary entry that only
    has the typed word in a longer name (the asthma handout's "asthma trigger")."""
    term = " ".join(term.split())
    if not term or len(term) > 60 or not re.search(r"\w", term):
        return None
    x = r"[\s-]+".join(re.escape(w) for w in unaccented(term).split()) + r"(?:e?s)?"
    says = rf"\s*(?:\([^)]{{1,60}}\)\s*)?,?\s+(?:(?:is|are)\s+(?:an?|the|one|any|when)\b|refers?\s+to|means?)\b"
    found = _first_sentence(passages, re.compile(rf"(?:an?\s+|the\s+)?{x}{says}", re.IGNORECASE))
    # else a kind of it, in a section headed by the term: "Type 2 diabetes is a long-term condition …"
    # under "What is type 2 diabetes?" for "diabetes", not "Poorly controlled diabetes is a major cause
    # of blindness" elsewhere (a reviewer's)
    kind = re.compile(rf"(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){{1,2}}{x}{says}", re.IGNORECASE)
    headed = re.compile(rf"(?<![\w-]){x}(?![\w-])", re.IGNORECASE)
    return found or _first_sentence([p for p in passages if headed.search(unaccented(p.section))], kind)


def _first_sentence(passages, pattern: re.Pattern):
    """(passage, sentence) of the first sentence, references aside, that `pattern` matches at its start."""
    for passage in passages:
        if passage.kind == PassageKind.REFERENCE:
            continue
        for a, b in passage.sentences or [(0, len(passage.text))]:
            sentence = passage.text[a:b]
            if pattern.match(unaccented(sentence).lstrip()):
                return passage, sentence
    return None


def defining_sentence(passages, term: str):
    """(passage, sentence) of the first sentence of the text that defines `term`, or None: what
    `/define` shows for a term no glossary entry names ("endocrinologist" on a teacher's fact sheet)."""
    term = " ".join(term.split())
    if not term or len(term) > 60 or not re.search(r"\w", term):
        return None
    for defines in (definition_pattern(term), definition_pattern(term, kind_of=True)):
        for passage in passages:
            if passage.kind == PassageKind.REFERENCE:
                continue
            spans = passage.sentences or [(0, len(passage.text))]
            for n, (a, b) in enumerate(spans):
                sentence = passage.text[a:b]
                if defines.search(unaccented(sentence)):
                    # "Doctors call this allergic rhinitis." says what the term is only with the sentence
                    # before it ("Hay fever is an allergy to pollen …"; a tester's /define, stop 68)
                    return passage, passage.text[spans[n - 1][0] if n and _POINTS_BACK.search(sentence) else a:b]
    return None


# A defining sentence whose subject is in the sentence before: "This is called …", "Doctors call this …"
_POINTS_BACK = re.compile(r"^(?:this|these|that|those|it|they|such)\b|\bcall(?:s|ed)?\s+(?:this|these|it|them|that|such)\b",
                          re.IGNORECASE)
