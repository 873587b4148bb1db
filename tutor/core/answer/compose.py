"""From retrieval results to an answer: decide whether the text covers the question, pick the
one to three sentences to quote, number the citations, attach glossary entries and suggestions.

Nothing is generated: every sentence shown is a span of the passage it cites, after redaction.
"""

from __future__ import annotations

import re

from tutor.core.answer.answer import ANSWERED, NOT_COVERED, Answer, Citation, GlossaryItem, Quote
from tutor.core.corpus.glossary import Entry, Glossary
from tutor.core.search.bm25 import tokenize
from tutor.core.corpus.passage import Passage
from tutor.core.search.profile import SearchProfile
from tutor.core.search.rank import Hit, Retrieval, Retriever
from tutor.core.safety import find_dose_details, redact
from tutor.core.safety.messages import not_covered as not_covered_message
from tutor.core.search.scope import unknown_topic_words
from tutor.core.vocab import ITEM_KINDS, PassageKind, Tier

_NAMING = re.compile(r"\b(?:called|name\s+(?:for|of)|term\s+for|word\s+for|what\s+is|what\s+are|what's|whats|define|meaning\s+of"
                     r"|mean|means|stand\s+for|stands\s+for|refer\s+to|refers\s+to)\b", re.I)

_CLOSING = re.compile(   # "now what?", "what's the takeaway?": the closing Reflection answers these
    r"\b(?:now\s+what|what\s+now|where\s+(?:do|should|can|would)\s+(?:i|we|you|one)\s+go\s+from\s+here"
    r"|what(?:'s|\s+is|\s+are|s)?\s+(?:the\s+)?next\s+steps?|(?:main\s+|key\s+|overall\s+|big\s+)?take-?\s?aways?"
    r"|(?:use|do\s+with|apply|think\s+about)\s+(?:all\s+)?(?:of\s+)?(?:this|the|these|that)\s+(?:info|information|knowledge|insights?|material|stuff)"
    r"|big\s+picture|bottom\s+line|point\s+of\s+(?:all\s+)?(?:this|the\s+(?:text|article|reading))\b)", re.I)


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
    z = relevance(question, retrieval, retriever)
    profile = retriever.profile
    named = bool(retrieval.expanded.mentions)
    known = set(tokenize(" ".join(retrieval.expanded.synonyms)))
    unknown = unknown_topic_words(question, retriever.vocabulary, retriever.vocabulary_words, known)
    if retrieval.best_question >= (profile.question_topic_floor if unknown else profile.question_floor):
        return True
    if z < (profile.named_floor if named else profile.floor):
        return False
    return not (unknown and z < (profile.named_topic_floor if named else profile.topic_floor))


def _units(p: Passage) -> list[tuple[int, int]]:
    """Quotable units: whole table rows and references, sentences elsewhere."""
    if p.kind in (PassageKind.TABLE_ROW, PassageKind.REFERENCE) or not p.sentences:
        return [(0, len(p.text))]
    return list(p.sentences)


def _unit_score(p: Passage, span: tuple[int, int], terms: set[str], idf: dict[str, float]) -> float:
    """Lexical fit of one sentence to the question. The item's own name does not count (every
    sentence of an item is about it); its first sentence, which introduces it, gets a little;
    a sentence with dose details is a poorer quote even after redaction."""
    tokens = set(tokenize(p.text[span[0]:span[1]])) - set(tokenize(p.title))
    score = sum(idf.get(t, 0.0) for t in terms & tokens)
    if span[0] == 0 and p.kind == PassageKind.BULLET:
        score += 0.5
    if find_dose_details(p.text[span[0]:span[1]]):
        score -= 0.3
    return score


def select_quotes(hits: list[Hit], question_terms: set[str], idf: dict[str, float], profile: SearchProfile,
                  definitional: bool = False) -> list[tuple[Hit, tuple[int, int]]]:
    """The sentences to quote, as (hit, span) in citation order: the best sentence of the top
    passage, then the best of each close runner-up, then more of the top passage (for "what is
    X?" its next sentence too, since an item's first sentence rarely says everything)."""
    if not hits:
        return []
    score = lambda hit, span: _unit_score(hit.passage, span, question_terms, idf)
    ranked = {h.passage.id: sorted(_units(h.passage), key=lambda s, h=h: -score(h, s)) for h in hits[:3]}
    top = hits[0]
    units = _units(top.passage)
    opening = ranked[top.passage.id][:1]
    if definitional:
        opening = sorted(set(opening) | set(units[:2]))
    runners = [(h, ranked[h.passage.id][0]) for h in hits[1:3]
               if h.score >= top.score - profile.margin and score(h, ranked[h.passage.id][0]) > 0]
    more = [s for s in ranked[top.passage.id] if s not in opening and (len(units) <= 2 or score(top, s) > 0.5)]
    chosen = [(top, s) for s in opening] + runners + [(top, s) for s in more]
    return chosen[:profile.max_sentences]


def compose(question: str, resolved: str, retrieval: Retrieval, retriever: Retriever, glossary: Glossary) -> Answer:
    """The answer for a question that passed the safety guard."""
    if not is_covered(resolved, retrieval, retriever):
        close = retrieval.hits and relevance(resolved, retrieval, retriever) >= retriever.profile.unrelated
        return _not_covered(question, resolved, retrieval if close else None)
    terms = set(tokenize(retrieval.expanded.keyword_text))
    picks = select_quotes(retrieval.hits, terms, retriever.idf, retriever.profile, definitional=bool(_NAMING.search(resolved)))
    order: list[str] = []
    for hit, _ in picks:
        if hit.passage.id not in order:
            order.append(hit.passage.id)
    hits = {h.passage.id: h for h, _ in picks}
    citations = [Citation(n, hits[pid].passage, redact(hits[pid].passage.text), hits[pid].score)
                 for n, pid in enumerate(order, 1)]
    quotes = [Quote(order.index(h.passage.id) + 1, redact(h.passage.text[a:b]))
              for h, (a, b) in sorted(picks, key=lambda x: (order.index(x[0].passage.id), x[1][0]))]
    entries = _glossary_entries(resolved, retrieval, citations, quotes, glossary, retriever)
    return Answer(
        question=question, status=ANSWERED, quotes=quotes, citations=citations,
        glossary=[GlossaryItem(e.term, redact(e.definition), e.passage_id) for e in entries],
        resolved_question=resolved, ranked=retrieval.hits,
        topic=_topic(retrieval, citations), suggestions=_suggestions(retrieval, citations, entries, glossary),
    )


def _not_covered(question: str, resolved: str, retrieval: Retrieval | None) -> Answer:
    top = retrieval.hits[0].passage if retrieval and retrieval.hits else None
    section = " › ".join(dict.fromkeys([top.tier, top.section])) if top else None
    return Answer(question=question, status=NOT_COVERED, message=not_covered_message(section, top.id if top else None),
                  resolved_question=resolved, nearest=section, ranked=retrieval.hits if retrieval else [])


def _glossary_entries(question: str, retrieval: Retrieval, citations: list[Citation], quotes: list[Quote],
                      glossary: Glossary, retriever: Retriever) -> list[Entry]:
    """Entries the question names (everyday terms such as "testosterone" only when asked what
    they are); or, for "what's X called?", the term the top quote defines."""
    asking = bool(_NAMING.search(question))
    named = [m.entry for m in retrieval.expanded.mentions
             if asking or not retriever.is_common_term(m.entry.term)][:2]
    if named or not citations or not asking:
        return named
    quoted = " ".join(q.text for q in quotes if q.n == 1).lower()
    top_id = citations[0].passage.id
    for entry in glossary:
        if entry.passage_id == top_id and any(n.lower() in quoted for n in entry.names if len(n) > 2):
            return [entry]
    return []


def _topic(retrieval: Retrieval, citations: list[Citation]) -> list[str]:
    """What this turn was about, for pronouns in the next one: named terms, else the top item."""
    names = [m.entry.term for m in retrieval.expanded.mentions]
    if names:
        return names
    top = citations[0].passage if citations else None
    return [top.title] if top and top.kind in ITEM_KINDS and top.title else []


def _suggestions(retrieval: Retrieval, citations: list[Citation], shown: list[Entry], glossary: Glossary) -> list[str]:
    """Two or three next questions: terms the quoted passages use, then neighbouring items."""
    seen = {e.term for e in shown} | {m.entry.term for m in retrieval.expanded.mentions}
    out: list[str] = []
    for c in citations:
        for m in glossary.mentions(c.passage.text, fuzzy=False):
            if m.entry.term not in seen and len(out) < 2:
                seen.add(m.entry.term)
                out.append(f"/define {m.entry.term}")
    for hit in retrieval.hits[1:6]:
        p = hit.passage
        if len(out) >= 3:
            break
        if p.kind in ITEM_KINDS and p.title and all(p.title not in s for s in out) \
                and p.id not in {c.passage.id for c in citations}:
            out.append(f"What is {p.title.split(' (')[0]}?")
    return out[:3]
