"""From retrieval results to an answer: decide whether the text covers the question, pick the
one to three sentences to quote, number the citations, attach glossary entries and suggestions.

Nothing is generated: every sentence shown is a span of the passage it cites, after redaction.
"""

from __future__ import annotations

import re

from tutor.core.answer.answer import ANSWERED, NOT_COVERED, Answer, Citation, GlossaryItem, Quote
from tutor.core.answer.outline_answer import outline_answer
from tutor.core.safety.guard import asks_when_to_get_help
from tutor.core.clauses import ABOUT_SOURCES, ITS_OWN_AUTHOR, asks_for_the_members, asks_in, subject_of_a_kind_question
from tutor.core.corpus.glossary import Entry, Glossary, names_in, names_nothing_else
from dataclasses import replace

from tutor.core.answer.select import (DOCUMENT_NOUNS, Picks, asks_for_a_listed_kind, choose, gives_a_dose, signposts,
                                      the_list, the_members, unit_says_something)
from tutor.core.search.rank import Retrieval, Retriever, asks_for_whom
from tutor.core.search.units import Units
from tutor.core.safety import redact
from tutor.core.safety.redact import MARKER
from tutor.core.safety.messages import (lists_no_sources, names_no_author, not_covered as not_covered_message,
                                        never_defined)
from tutor.core.search.scope import (asks_for_every_source, is_covered, lacks_a_topic_its_learners_would_name,
                                     lacks_the_kind_of_fact, relevance,
                                     shown_elsewhere, silent, topic_words_it_lacks, used_but_not_explained,
                                     uses_the_word_asked)
from tutor.core.search.bm25 import tokenize
from tutor.core.search.embed import english_words
from tutor.core.search.defined import asked_term, definition_pattern, unaccented
from tutor.core.corpus.parse import TIERS, reads_as_an_instruction
from tutor.core.text import clean_input
from tutor.core.vocab import ITEM_KINDS, PassageKind

_NAMING = re.compile(r"\b(?:called|name\s+(?:for|of)|term\s+for|word\s+for|what\s+is|what\s+are|what's|whats|define|meaning\s+of"
                     r"|mean|means|stand\s+for|stands\s+for|refer\s+to|refers\s+to)\b", re.I)

MAX_SIDES = 3      # "X, Y and Z" at most: a question read with the last answer's claim names many more terms
_CONTRAST_WORDS = r"differen\w*|differ|diffs?|compare\w*|versus|vs\.?|the\s+same|similar|each"
# Words of getting help a passage on when to get it uses ("See a GP if …", "Call 999 if …", "Get urgent
# medical help"): without them in its quotes or headings, a text has no answer on when to get help
_GETTING_HELP = re.compile(r"\b(?:gp|doctors?|nurses?|pharmacists?|midwife|999|911|112|111|emergency|a&e|hospital|ambulance"
                           r"|urgent\w*|medical\s+(?:help|advice|attention|care)|get\s+help|call|contact\s+(?:your|a|the|their|us)"
                           r"|seek\s+(?:urgent\s+|emergency\s+|immediate\s+|medical\s+)*(?:help|care|attention|advice|treatment))\b", re.I)
_CONTRASTING = re.compile(rf"\b(?:{_CONTRAST_WORDS})\b", re.I)          # "X vs Y": each side is what it is
_COMPARING = re.compile(rf"\b(?:{_CONTRAST_WORDS}|both)\b", re.I)
# "X and Y", "X, Y or Z", "X/Y": two names with only a joining word (and an article) between them;
# "is clomid a SERM?" joins nothing
_JOINED = re.compile(r"\s*(?:(?:[,/&]|(?:and|or|vs\.?|versus|plus|nor)\b)\s*)+(?:(?:the|a|an)\s+)?", re.I)


def compares(question: str, mentions) -> bool:
    """Whether a question puts its subjects side by side, so each gets a quote of its own: a word of
    comparison ("difference", "vs", "both"), or two names joined by "and", "or" or a comma ("what
    do LH and FSH do?"). An "and" between two asks is not one: "what is gonadorelin and how does it
    help get testosterone going?" asks about gonadorelin, and testosterone's own sentence ("For
    women, testosterone is a vital hormone …") was quoted as a second side."""
    return bool(_COMPARING.search(question) or _joined(question, mentions))


def _speaks_of_getting_help(picks: Picks, retriever: Retriever) -> bool:
    """Whether the quotes, or the headings they are under, speak of getting help: a question on when
    to get help is answered even in words the text does not use, but only from such a passage. Beside
    the bundled text, which has none, "when should i see a doctor about my hot flashes" quoted
    Progesterone's protocol ("… improve sleep and mood") and "when is it time to see a doctor after
    coming off clomid" Clomid's: beside that question, the treatment to ask for (stop 63)."""
    passages = retriever.index.passages
    return any(_GETTING_HELP.search(passages[u.row].text[u.start:u.end]) or _GETTING_HELP.search(passages[u.row].section)
               or _GETTING_HELP.search(passages[u.row].title or "") for u in picks.units)


def _joined(question: str, mentions) -> set[str]:
    """The terms a question names side by side ("LH and FSH", "LH, FSH and testosterone",
    "tamoxifen vs clomid"), when nothing else it names comes before them: in "what does years of
    trt do to the hypothalamus and pituitary?" and "how do SERMs raise LH and FSH?" the pair is
    what the first term acts on."""
    text = clean_input(question)
    ordered = sorted(mentions, key=lambda m: m.start)       # distinct and not overlapping (Glossary.mentions)
    out: set[str] = set()
    for n, (a, b) in enumerate(zip(ordered, ordered[1:])):
        if _JOINED.fullmatch(text[a.end:b.start]) \
                and all(m.entry.term in out | {a.entry.term} for m in ordered[:n]):
            out |= {a.entry.term, b.entry.term}
    return out


def _contrasted(question: str, mentions) -> set[str]:
    """The terms on either side of a word of contrast, nearest to it: "how is LH different from
    FSH?" sets LH against FSH."""
    text = clean_input(question)
    ordered = sorted(mentions, key=lambda m: m.start)
    out: set[str] = set()
    for word in _CONTRASTING.finditer(text):
        before = [m for m in ordered if m.end <= word.start()]
        after = [m for m in ordered if m.start >= word.end()]
        if before and after and before[-1].entry.term != after[0].entry.term:
            out |= {before[-1].entry.term, after[0].entry.term}
    return out


def subjects(retrieval: Retrieval, retriever: Retriever) -> list[list[str]]:
    """The names of each distinct subject the question names, in the order asked: specific terms,
    and everyday ones ("growth hormone") too when named side by side with another ("what do LH and
    FSH do?") or set against another ("how is LH different from FSH?"). In "anastrozole versus
    tamoxifen, both deal with estrogen right?" estrogen is what the two share, and in "how do GH
    peptides make the pituitary release growth hormone differently from injected GH?" the
    pituitary is where it happens: neither is a side."""
    question, mentions = retrieval.expanded.question, retrieval.expanded.mentions
    sides = _joined(question, mentions) | _contrasted(question, mentions)
    out: list[list[str]] = []
    for m in mentions:
        names = list(m.entry.names)
        if (m.entry.term in sides or not retriever.is_common_term(m.entry.term)) and names not in out:
            out.append(names)
    if len(out) < 2 and _CONTRASTING.search(question):
        out = _with_items_named(question, out, retriever)
    return out


def _with_items_named(question: str, named: list[list[str]], retriever: Retriever) -> list[list[str]]:
    """The subjects of a comparison, with the text's list items and table rows the question names
    by their titles, in the order asked: a teacher's text has no glossary, and "how are triptans
    different from cgrp blockers?" quoted only the CGRP blockers item (an exploratory tester's)."""
    text = clean_input(question)
    found = {title: re.search(rf"(?<!\w){re.escape(title.split()[0])}", text, re.I) for title in retriever.item_titles()
             if names_in(text, [title]) and not any(names_in(title, names) for names in named)}
    items = sorted((m.start() if m else len(text), t) for t, m in found.items())
    return named + [[t] for _, t in items] if len(named) + len(items) >= 2 else named


def compose(question: str, resolved: str, retrieval: Retrieval, retriever: Retriever, glossary: Glossary,
            units: Units, tier: str | None = None, exclude: set[str] = frozenset(), asked: str | None = None,
            scope: Retrieval | None = None) -> Answer:
    """The answer for a question that passed the safety guard. `tier` keeps only passages of that
    tier (a re-explanation at another level); `exclude` leaves out passages already quoted;
    `asked` is what the learner asked in their own words, when the resolved question added context
    to it: the silence check judges those words ("and sertoli cells?", read as the last question
    about Sertoli cells, did not ask the last question's words again). `scope` is the retrieval
    that decides whether the text covers the question at all, when the passages to quote were
    ranked with the conversation's help (a question ranked with the last one must not become
    covered by it)."""
    if tier:
        # a side's own sentence and a term's definition are looked for over the whole text: at a
        # level, only that level's passages may give them (/simpler after "difference between LH and
        # FSH?" quoted the Academic definitions again, under "nothing simpler than Fundamentals")
        exclude = set(exclude) | {p.id for p in retriever.index.passages if p.tier.lower() != tier.lower()}

    def kept(r: Retrieval) -> Retrieval:
        return replace(r, hits=[h for h in r.hits if h.passage.id not in exclude
                                and (not tier or h.passage.tier.lower() == tier.lower())]) if tier or exclude else r

    retrieval = kept(retrieval)
    scope = kept(scope) if scope is not None else retrieval
    retrieval = _using_the_word_asked(asked or resolved, retrieval, retriever)
    # a term named in the question ("who wrote it?" of a study), not in the file's title read after
    # it ("who wrote this? — the Head Injury and Concussion text", where "concussion" is a term)
    if ITS_OWN_AUTHOR.search(resolved) and not retriever.index.glossary.mentions(resolved.split(" — the ")[0]):
        # of the file named ("who wrote this? — the asthma text", read so after its answer), or of all
        named = retriever.named_document(resolved)
        mine = [p for p in retriever.index.passages if named is None or p.source == named]
        credit = _the_credit(mine, retriever, units)
        if credit is not None:
            return quoting(question, resolved, credit, retrieval, retriever, glossary, units)
        references = any(p.kind == PassageKind.REFERENCE for p in mine)
        return Answer(question=question, status=NOT_COVERED, resolved_question=resolved,
                      message=names_no_author(references, mine[0].tier if named and mine else None))
    uncited = _cites_nothing(resolved, retriever)
    if uncited:
        return Answer(question=question, status=NOT_COVERED, resolved_question=resolved,
                      message=lists_no_sources(uncited))
    contents = outline_answer(question, asked or resolved, retriever.index.passages,
                              retriever.named_document) if not retrieval.expanded.mentions else None
    if contents is not None:
        return contents
    unexplained = used_but_not_explained(asked or resolved, retriever, scope)
    if unexplained is not None:
        term, using, sentence = unexplained
        section = " › ".join(dict.fromkeys([using.tier, using.section]))
        return Answer(question=question, status=NOT_COVERED, resolved_question=resolved, nearest=section,
                      message=never_defined(term, redact(sentence), section, using.id), ranked=retrieval.hits)
    author = the_author_named(asked or resolved, retriever, units)
    if author is not None:
        return quoting(question, resolved, author, retrieval, retriever, glossary, units)
    if not is_covered(resolved, scope, retriever):
        close = scope.hits and relevance(resolved, scope, retriever) >= retriever.profile.unrelated
        return _not_covered(question, resolved, scope if close else None, about=retriever.index.subjects(),
                            unnamed=topic_words_it_lacks(resolved, scope, retriever) if close else None)
    naming = bool(_NAMING.search(resolved))
    named = subjects(retrieval, retriever)
    # each subject gets its own quote only when the question puts them side by side ("X and Y",
    # "X vs Y"); in "what does anastrozole do during TRT recovery?" the second is only context
    # (judged on what the learner asked: a "why?" read with the last answer's claim, "… on the
    # hypothalamus and pituitary", compares nothing, and got a sentence for each term it named)
    said = asked or resolved
    sides = named[:MAX_SIDES] if compares(said, glossary.mentions(said)) else named[:1]
    # what a term is: asked for by "what is X?", and each side's own sentence of "X vs Y"
    contrasting = len(sides) > 1 and bool(_CONTRASTING.search(said))
    definitions = [m.entry.definition for m in retrieval.expanded.mentions] if naming or contrasting else []
    mentions = retrieval.expanded.mentions
    # "whats a serm": asked what one term is and nothing else, its glossary definition is quoted
    # whatever passage answers first (Tamoxifen's item, "As a SERM, …", for two writers who each
    # marked the definition as a sentence the answer needs)
    the_definition = mentions[0].entry.definition if naming and len({m.entry.term for m in mentions}) == 1 \
        and names_nothing_else(clean_input(asked or resolved), mentions) else None
    members = the_members(said, retrieval.hits, units, retriever.idf, exclude) \
        if (asks_for_the_members(said) or asks_for_a_listed_kind(said, retrieval.hits)) \
        and not bool(ABOUT_SOURCES.search(resolved)) else None
    picks = every_source(resolved, retriever, units) or members or \
        choose(resolved, retrieval.query_vector, retrieval.hits, units, retriever.idf, retriever.profile,
               sides, definitions, bool(ABOUT_SOURCES.search(resolved)), exclude, the_definition)
    if len(sides) == 1 and len(named) == 2 and subject_of_a_kind_question(resolved) \
            and not (_quote_names(picks, units, named[0]) and _quote_names(picks, units, named[1])):
        # "is clomid an aromatase inhibitor?": what each is, Clomid's own sentence and the aromatase
        # inhibitor's (Anastrozole's item alone, ranked first, said nothing of Clomid); "is clomid a
        # SERM?" is answered by Clomid's "… is also a SERM" alone
        sides = named
        picks = choose(resolved, retrieval.query_vector, retrieval.hits, units, retriever.idf, retriever.profile,
                       sides, definitions, False, exclude)
    if len(sides) > 1:
        picks = _only_the_sides(picks, sides, retriever)
    elif picks.anchor is not None and members is None:
        picks = the_list(picks, retrieval.query_vector, retrieval.hits, units, exclude) or picks
    if not picks.units:
        return _not_covered(question, resolved, retrieval)
    spoken_of = named or _document_named(asked or resolved, retriever.index.passages[picks.anchor.row])
    # the route or date asked is in another top passage than the quotes': answer from that one (a
    # comparison keeps its sides)
    shown = shown_elsewhere(asked or resolved, picks, retrieval, units, spoken_of) if len(sides) <= 1 else None
    if shown is None and len(sides) <= 1 and asks_for_whom(said):
        shown = _whom_the_section_is_for(picks, retrieval, retriever)
    if shown is not None:
        picks = choose(resolved, retrieval.query_vector, [shown, *(h for h in retrieval.hits if h is not shown)], units,
                       retriever.idf, retriever.profile, sides, definitions, False, exclude)
    picks = _with_the_fact_asked(asked or resolved, picks, units)
    # when to get help is what a health handout must never be silent on: its answer stands even in
    # words the text does not use ("… go to the hospital straight away" for "Seek medical care right
    # away if …", which the not-covered reply named as the closest section; a tester's), but only from
    # a passage that speaks of getting help (_speaks_of_getting_help)
    help_asked = asks_when_to_get_help(asked or resolved)
    if help_asked and not _speaks_of_getting_help(picks, retriever) \
            or (silent(asked or resolved, retrieval, retriever, picks, units, spoken_of)
                or not compares(said, glossary.mentions(said))      # one side may be what the text has
                and lacks_a_topic_its_learners_would_name(asked or resolved, scope, retriever)) and not help_asked:
        return _not_covered(question, resolved, retrieval, anchor=picks.anchor, subjects=spoken_of,
                            anchor_passage=retriever.index.passages[picks.anchor.row],
                            unnamed=topic_words_it_lacks(asked or resolved, scope, retriever))
    picks = _for_the_audience_asked(said, picks, units, spoken_of)
    answer = quoting(question, resolved, picks, retrieval, retriever, glossary, units)
    answer.note = _for_another_audience(said, answer, spoken_of) or answer.note
    return answer


# An audience asked about as a group ("in women", "for men"), not the asker's own ("my wife and I
# want a baby" asks about fertility, not about women)
_GROUPS = {"women": re.compile(r"\b(?:women|woman|females?|ladies|girls)\b", re.I),
           "men": re.compile(r"\b(?:men|man|males?|guys|boys)\b", re.I)}


def _for_the_audience_asked(question: str, picks: Picks, units: Units, subjects: list[list[str]]) -> Picks:
    """When a question asks about one audience ("does anastrozole work in women?") and the picks
    are all from sections for the other, the first sentence of a section for the one asked that
    names the subject comes too: the answer had said "The text speaks of Anastrozole only for
    men", while Pellet Therapy's item says "Anastrozole may be co-administered …" for women (a
    learner tester's)."""
    asked = [who for who, words in _GROUPS.items() if words.search(question)]
    names = subjects[0] if subjects and subjects[0] else None
    if len(asked) != 1 or not names or not picks.units:
        return picks
    for_asked = lambda section: bool(_AUDIENCES[asked[0]].search(section))
    if any(for_asked(units.passages[u.row].section) or _AUDIENCES[asked[0]].search(units.text(u)) for u in picks.units):
        return picks
    source = units.passages[picks.anchor.row].source
    for unit in units.all:
        passage = units.passages[unit.row]
        if passage.source == source and for_asked(passage.section) and names_in(units.text(unit), names) \
                and not gives_a_dose(unit, units):
            return replace(picks, units=[*picks.units, unit])
    return picks


# Who a section is for, and who a question asks about ("can women take clomid?")
_AUDIENCES = {"women": re.compile(r"\b(?:women|woman|female|females|girls?|wife|wives|ladies|mothers?|mums?|moms?)\b", re.I),
              "men": re.compile(r"\b(?:men|man|male|males|boys?|husbands?|guys?|fathers?|dads?)\b", re.I)}


# a relative named with the asker ("my wife and I", "me and my husband") is a couple asking, not
# the other audience: "my wife and i want kids, how does trt affect sperm" was told the text speaks
# of TRT only for men and not how it applies to women (an exploratory tester's)
_WITH_THE_ASKER = re.compile(r"\b(?:my|our)\s+(?:\w+\s+)?(?:wife|husband|partner|girlfriend|boyfriend|gf|bf|fianc[eé]e?)"
                             r"\s+(?:and|&|n)\s+(?:i|me|myself)\b"
                             r"|\b(?:i|me)\s+(?:and|&|n)\s+my\s+(?:\w+\s+)?(?:wife|husband|partner|girlfriend|boyfriend|gf|bf"
                             r"|fianc[eé]e?)\b", re.I)


def _for_another_audience(question: str, answer: Answer, subjects: list[list[str]]) -> str:
    """A note when a question asks about one audience ("can women take clomid?") and every passage
    the answer quotes is in a section for the other ("… Protocols for Men"), and no quote names the
    one asked about: the quotes were read as the answer for women (a tester's). Empty otherwise."""
    question = _WITH_THE_ASKER.sub(" we ", question)
    asked = [who for who, words in _AUDIENCES.items() if words.search(question)]
    if len(asked) != 1 or not answer.citations:
        return ""
    other = "men" if asked[0] == "women" else "women"
    sections = {c.passage.section for c in answer.citations}
    if not all(_AUDIENCES[other].search(section) and not _AUDIENCES[asked[0]].search(section) for section in sections) \
            or any(_AUDIENCES[asked[0]].search(q.text) for q in answer.quotes):
        return ""
    first = answer.citations[0].passage
    subject = subjects[0][0] if subjects and subjects[0] else "this"
    where = " › ".join(dict.fromkeys([first.tier, first.section]))
    return f"The text speaks of {subject} only for {other} ({where}); it does not say how it applies to {asked[0]}:"


def _quote_names(picks: Picks, units: Units, names: list[str]) -> bool:
    """Whether a quote names the term (by any of its names)."""
    return any(names_in(units.text(u), names) for u in picks.units)


def _with_the_fact_asked(question: str, picks: Picks, units: Units) -> Picks:
    """The sentence of the anchor's passage that shows the kind of fact asked (a route, a date, how
    common), when no quote does: "how is it given?" after Gonadorelin's item was told the text says
    no more, while the item's own "It is typically administered via subcutaneous injections, …"
    shows the route (its schedule is redacted; a tester's)."""
    quoted = " ".join(units.text(u) for u in picks.units)
    asking = [ask for ask in asks_in(question) if lacks_the_kind_of_fact(ask, quoted)]
    if not asking or picks.anchor is None:
        return picks
    showing = [u for u in units.of_row[picks.anchor.row] if u not in picks.units and unit_says_something(u, units)
               and not signposts(units.text(u))
               and not any(lacks_the_kind_of_fact(ask, units.text(u)) for ask in asking)]
    if not showing:
        return picks
    at = max((i for i, u in enumerate(picks.units) if u.row == picks.anchor.row), default=len(picks.units) - 1) + 1
    return replace(picks, units=[*picks.units[:at], showing[0], *picks.units[at:]])


def _using_the_word_asked(question: str, retrieval: Retrieval, retriever: Retriever) -> Retrieval:
    """The passages that use the word whose meaning is asked first: in "what does 'disinhibiting'
    mean? doc said the clomid disinhibits my brain signals" Clomid's item was found by its name,
    and the word is in Tamoxifen's."""
    stems = uses_the_word_asked(question, retriever)
    if not stems:
        return retrieval
    using = [h for h in retrieval.hits if stems <= set(tokenize(h.passage.title + " " + h.passage.text))]
    if not using or using[0] is retrieval.hits[0]:
        return retrieval
    return replace(retrieval, hits=using + [h for h in retrieval.hits if h not in using])


def _only_the_sides(picks: Picks, sides: list[list[str]], retriever: Retriever) -> Picks:
    """A comparison quotes the passages of the things compared: the women's section's "When
    administered, typically in very low doses, it …" after Clomid's item, in "how do Tamoxifen and
    Clomid raise testosterone?", read as Clomid for women (a tester's)."""
    passages = retriever.index.passages
    specific = [names for names in sides if not retriever.is_common_term(names[0])]
    if len(specific) < 2:
        return picks            # everyday terms ("hormone production") are not always what is compared
    rows = {u.row for u in picks.units}
    named_by = {row: [names for names in specific if names_in(passages[row].title, names)]
                for row in rows if passages[row].kind in ITEM_KINDS}
    # when every side has an item (bullet or table row) of its own, another item only compares itself
    # with one of them: Clomid's "Similar to Tamoxifen, Clomid is also a SERM." in "tamoxifen vs anastrozole"
    own_items = all(any(names in named for named in named_by.values()) for names in specific)
    speaks = {row for row in rows
              if not (own_items and row in named_by and not named_by[row])
              and any(names_in(passages[row].title + " " + passages[row].text, names) for names in specific)}
    paragraphs = {_paragraph(passages[row].id) for row in speaks}       # and the run a quote continues into
    kept = [u for u in picks.units if _paragraph(passages[u.row].id) in paragraphs]
    if not kept or len(kept) == len(picks.units):
        return picks
    anchor = picks.anchor if picks.anchor is not None and picks.anchor.row in speaks else kept[0]
    return replace(picks, units=kept, anchor=anchor)


def _paragraph(passage_id: str) -> str:
    """The paragraph a chunk belongs to: "…/p2-3" is the third chunk of "…/p2"."""
    return re.sub(r"-\d+$", "", passage_id)


MAX_SOURCES = 12       # references listed for "what sources does the text cite?"


# who wrote a file, said of the file: "This leaflet was written by …", "Written by …"; not "a hormone
# produced by the thyroid gland" in a sentence about the leaflet (a reviewer's)
_BY = r"(?:written|prepared|produced|compiled|developed)\s+by\b"
_CREDIT = re.compile(rf"\b(?:this|the|our)\s+(?:[\w-]+\s+){{0,2}}?{DOCUMENT_NOUNS}s?\s+(?:was|is|has\s+been|were|are|have\s+been)\s+"
                     rf"(?:\w+\s+)?{_BY}|^\W*{_BY}"
                     # "Leaflet produced by the Children's Skin Clinic nursing team." (an eczema leaflet's)
                     rf"|^\W*(?:(?:this|the|our)\s+)?(?:[\w'-]+\s+){{0,2}}?{DOCUMENT_NOUNS}s?\s+{_BY}"
                     # "Information for parents and carers from the school nursing team." (a nurse's handout, stop 62)
                     rf"|^\W*(?:information|advice|guidance|(?:a|an)\s+(?:[\w-]+\s+)?(?:{DOCUMENT_NOUNS}))\b[^.]{{0,60}}?"
                     r"\bfrom\s+(?:the|your|our)\s+(?:[\w'-]+\s+){0,4}?(?:team|service|clinic|department|practice|unit|trust"
                     r"|nurses|doctors|centre|center)\b", re.I)


def _the_credit(passages, retriever: Retriever, units: Units) -> Picks | None:
    """The sentence of a file that says who wrote it ("This leaflet was written by the school nursing
    team for parents, carers and school staff."), for "who wrote it?": the fever handout's tester
    was told its sources were its authors, then that it names none. Only when one file alone says who
    wrote it: the whole corpus has no one author."""
    credits = {}
    for p in passages:
        if p.kind == PassageKind.REFERENCE or p.source in credits:
            continue
        for unit in units.of_row[retriever.row(p.id)]:
            if _CREDIT.search(units.text(unit)):
                credits[p.source] = Picks([unit], unit)
                break
    # of several files, the one that credits anyone: beside the bundled text, which names no author,
    # "who wrote this leaflet" is the leaflet's question (an eczema leaflet's tester)
    return next(iter(credits.values())) if len(credits) == 1 else None


def every_source(question: str, retriever: Retriever, units: Units) -> Picks | None:
    """For a question about the text's sources with no topic: every reference of the file it
    names (or of the whole corpus), in the text's order, as the answer."""
    if not asks_for_every_source(question, retriever):
        return None
    source = retriever.named_document(question)
    rows = [r for r, p in enumerate(retriever.index.passages)
            if p.kind == PassageKind.REFERENCE and (source is None or p.source == source)][:MAX_SOURCES]
    chosen = [u for r in rows for u in units.of_row[r]]
    return Picks(chosen, chosen[0]) if chosen else None


def the_author_named(question: str, retriever: Retriever, units: Units) -> Picks | None:
    """A question naming the first author of one of the text's sources ("who is Khera?", "what
    pages is the Khera review on?") is about that source: the text knows the name from it alone.
    Both were answered from unrelated passages (the HPG chain, the closing reflection; a tester's)."""
    # a surname that is also an English word ("Long", "Brown") counts only as a name, capitalised
    typed = re.findall(r"[A-Za-z][\w'-]{2,}", question)
    row = retriever.source_by_author({w.lower() for w in typed if w[0].isupper() or w.lower() not in english_words()})
    return Picks(list(units.of_row[row]), units.of_row[row][0]) if row is not None and units.of_row[row] else None


def _cites_nothing(question: str, retriever: Retriever) -> str | None:
    """The title of the file a question about sources names, when that file has no references
    ("what sources does the prolactinoma text cite?" of a fact sheet with none)."""
    source = retriever.named_document(question) if ABOUT_SOURCES.search(question) else None
    if source is None:
        return None
    mine = [p for p in retriever.index.passages if p.source == source]
    if any(p.kind == PassageKind.REFERENCE for p in mine):
        return None
    return mine[0].tier if mine else None


def _document_named(question: str, passage) -> list[list[str]]:
    """A teacher's text has no glossary, but its title names its subject ("Adrenal Insufficiency
    and Addison's Disease"): a question that uses a word of the title of the document it is
    answered from ("is addisons contagious?") names that subject, for the silence check. The
    bundled text's tiers (Fundamentals, …) name no subject."""
    if passage.tier in TIERS:
        return []
    title = set(tokenize(passage.tier))
    typed = [w for w in re.findall(r"[\w'’-]+", question) if len(w) >= 4 and set(tokenize(w)) & title]
    return [[passage.tier, *typed]] if typed else []


def quoting(question: str, resolved: str, picks: Picks, retrieval: Retrieval, retriever: Retriever,
            glossary: Glossary, units: Units) -> Answer:
    """An answer quoting `picks`: the citations in rank order, the anchor's passage first (what the
    answer is built on, then the other passages by retrieval score); each numbered as the answer
    first quotes it. Numbered by rank, an answer read "[1] … [4] … [3] … [2]" (one in seven on the
    development sets); with the anchor always [1], a sentence quoted before the anchor's own (one
    it leans on) read "[2] … [1]", which an exploratory tester took for a fault. A sentence that says
    nothing once its dose details are hidden is left out whichever way it was chosen, unless nothing
    else is quoted: "Never drink [dose details omitted]." ("on an empty stomach") was quoted for "what
    about drinks?" after the limit on alcohol (a diabetes handout's tester)."""
    picks = replace(picks, units=[u for u in picks.units if unit_says_something(u, units) or units.a_later_step(u)]
                    or picks.units)     # a numbered step stays: "repeat step 2" needs "2. Give [..]" (a reviewer's)
    hits = {retriever.row(h.passage.id): h for h in retrieval.hits}
    anchor = picks.anchor.row
    order = [anchor] + sorted({u.row for u in picks.units} - {anchor}, key=lambda r: -hits[r].score if r in hits else 0.0)
    quoted = list(dict.fromkeys([*(u.row for u in picks.units), anchor]))
    number = {row: n for n, row in enumerate(quoted, 1)}
    passages = retriever.index.passages
    index = retriever.index
    citations = [Citation(number[row], passages[row], index.shown(passages[row]), hits[row].score if row in hits else 0.0)
                 for row in order]
    quotes = [Quote(number[u.row], units.shown(u)) for u in picks.units]
    entries = _glossary_entries(resolved, retrieval, citations, quotes, glossary, retriever)
    # a box only for a term the question or the quotes name: after "and then?" a Tamoxifen box stood
    # beside quotes on Gonadorelin alone (a learner tester's)
    said = {m.entry.term for m in glossary.mentions(f"{resolved} {' '.join(q.text for q in quotes)}", fuzzy=False)}
    entries = [e for e in entries if e.term in said]
    return Answer(
        question=question, status=ANSWERED, quotes=quotes, citations=citations,
        glossary=[GlossaryItem(e.term, redact(e.definition), e.passage_id) for e in entries],
        resolved_question=resolved, ranked=retrieval.hits,
        topic=_topic(retrieval, citations, retriever.subject_as_typed(resolved), resolved),
        suggestions=_suggestions(retrieval, citations, entries, glossary, retriever),
        quoted_units=_anchor_run(picks, units), every_unit=[u.number for u in picks.units],
    )


def _anchor_run(picks: Picks, units: Units) -> list[int]:
    """The quoted units read straight through from the anchor: an explanation goes on after the last."""
    chosen = {u.number for u in picks.units}
    run, unit = [picks.anchor.number], picks.anchor
    while (unit := units.next(unit)) is not None and unit.number in chosen:
        run.append(unit.number)
    return run


def continuation(after: list[int], units: Units, limit: int = 3) -> Picks:
    """"And then?": the units that follow the last quoted one in reading order (into the next
    passage or section when its own has ended); none at the end of the text."""
    if not after:
        return Picks([], None)
    first = units.following(units.all[after[-1]])
    while first is not None and gives_a_dose(first, units):
        # how a medicine is given, its dose left out, is no next step of an explanation: "and then?"
        # after Gonadorelin's "… signaling them to resume testosterone creation" got only "It is
        # typically administered via subcutaneous injections, [dose details omitted]." (a blind writer's)
        first = units.following(first)
    if first is None:
        return Picks([], None)
    run = [first]
    while len(run) < limit:               # the rest of the passage or paragraph it starts
        unit = units.next(run[-1])
        if unit is None or gives_a_dose(unit, units):
            break
        run.append(unit)
    return Picks(run, first)


def silent_answer(question: str, resolved: str, retrieval: Retrieval, answer: Answer) -> Answer:
    """`not_covered` for a question whose answer would be `answer`'s quotes, which do not speak of
    what it asks: the text's silence, said about the answer's subject and where it speaks of it."""
    subjects = [[answer.topic[0]]] if answer.topic else None
    passage = answer.citations[0].passage if answer.citations else None
    return _not_covered(question, resolved, retrieval, anchor=bool(subjects), subjects=subjects, anchor_passage=passage)


def _not_covered(question: str, resolved: str, retrieval: Retrieval | None, anchor=None,
                 subjects: list[list[str]] | None = None, anchor_passage=None, about: list[str] | None = None,
                 unnamed: list[str] | None = None) -> Answer:
    """The text does not answer this. `anchor` is set when the text speaks of the subject but not
    of what was asked: the message says so and points at what it does say; `unnamed`, the words of
    the question the text never uses, which it names first ("and enclomiphene?" was told "The text
    doesn't say that about Clomid", as if the text knew enclomiphene; an exploratory tester's)."""
    hits = retrieval.hits if retrieval else []
    top = anchor_passage if anchor_passage is not None else hits[0].passage if hits else None
    section = " › ".join(dict.fromkeys([top.tier, top.section])) if top else None
    subject = subjects[0][0] if subjects else None
    message = not_covered_message(section, top.id if top else None, silent_on=subject if anchor else None, about=about,
                                  unused=unnamed)
    return Answer(question=question, status=NOT_COVERED, message=message, resolved_question=resolved,
                  nearest=section, ranked=hits)


def _glossary_entries(question: str, retrieval: Retrieval, citations: list[Citation], quotes: list[Quote],
                      glossary: Glossary, retriever: Retriever) -> list[Entry]:
    """Entries the question names (everyday terms such as "testosterone" only when asked what
    they are); or, for "what's X called?", the term the top quote defines."""
    asking = bool(_NAMING.search(question))
    named = [m.entry for m in retrieval.expanded.mentions if m.entry.is_a_definition(retriever.index.by_id) and (
             asking or not retriever.is_common_term(m.entry.term) and _same_file(m.entry, citations, retriever))][:2]
    if named or not citations or not asking:
        return named
    quoted = " ".join(q.text for q in quotes if q.n == 1).lower()
    top_id = citations[0].passage.id
    for entry in glossary:
        if entry.passage_id == top_id and entry.defines and any(n.lower() in quoted for n in entry.names if len(n) > 2):
            return [entry]
    return []


def _whom_the_section_is_for(picks: Picks, retrieval: Retrieval, retriever: Retriever):
    """For "who is it for?" about an item that names nobody (Sermorelin's table row, Clomid's
    item): the section's own passage that says whom its items are for ("… particularly for active
    adults and athletes", "For men who have undergone TRT …"), as a hit to answer from. Two
    testers got "the text says no more" instead, the item again."""
    from tutor.core.search.rank import Hit

    row = picks.anchor.row
    item = retriever.index.passages[row]
    if item.kind not in ITEM_KINDS or retriever.names_people(row):
        return None
    for r, p in enumerate(retriever.index.passages):
        if p.source == item.source and p.tier == item.tier and p.section == item.section \
                and p.kind not in ITEM_KINDS and p.kind != PassageKind.REFERENCE and retriever.names_people(r):
            top = retrieval.hits[0].score if retrieval.hits else 0.0
            return Hit(p, top, 0.0, 0.0)
    return None


def _same_file(entry: Entry, citations: list[Citation], retriever: Retriever) -> bool:
    """Whether a glossary entry is defined in the file the answer quotes first: beside a teacher's
    prolactinoma answer, the bundled text's "pituitary gland" (defined by its part in the HPG
    axis) was shown as if it were the fact sheet's (a tester's). Asked what a term is, the
    learner gets its entry wherever it comes from."""
    defining = retriever.index.by_id.get(entry.passage_id)
    return not citations or defining is None or defining.source == citations[0].passage.source


def _topic(retrieval: Retrieval, citations: list[Citation], subject: str | None = None,
           question: str = "") -> list[str]:
    """What this turn was about, for pronouns in the next one: named terms, else the subject of a
    teacher's file as the question named it (after "what is primary hyperparathyroidism?", "is it
    cancer?" was read with the last quote, and "how common is it?" got "the text says no more"),
    else the term it asked the meaning of when a quote defines it (after "what are tophi?" on a
    text without a glossary, "can they go away?" was read with the last quote and not covered; a
    tester's), else the top item."""
    names = [m.entry.term for m in retrieval.expanded.mentions]
    if names:
        return names
    if subject:
        return [subject]
    term = asked_term(question) if question else None
    if term and any(definition_pattern(term).search(unaccented(c.text)) for c in citations):
        return [term]
    top = citations[0].passage if citations else None
    return [top.title] if top and top.kind in ITEM_KINDS and top.title else []


def _suggestions(retrieval: Retrieval, citations: list[Citation], shown: list[Entry], glossary: Glossary,
                 retriever: Retriever) -> list[str]:
    """Two or three next questions: terms the quoted passages use (defined in their file), then
    neighbouring items."""
    seen = {e.term for e in shown} | {m.entry.term for m in retrieval.expanded.mentions}
    out: list[str] = []
    for c in citations:
        for m in glossary.mentions(c.passage.text, fuzzy=False):
            if m.entry.term not in seen and len(out) < 2 and _same_file(m.entry, [c], retriever):
                seen.add(m.entry.term)
                out.append(f"/define {m.entry.term}")
    source = citations[0].passage.source if citations else None
    for hit in retrieval.hits[1:6]:
        p = hit.passage
        if len(out) >= 3:
            break
        # a neighbouring item of the same file: "What is Clomid?" after a teacher's kidney-stone answer said nothing;
        # one that names a topic, not advice ("What are Get enough calcium from foods?" was offered; a tester's)
        if p.kind in ITEM_KINDS and p.title and all(p.title not in s for s in out) and MARKER not in p.title \
                and p.source == source and p.id not in {c.passage.id for c in citations} \
                and not reads_as_an_instruction(p.title):
            out.append(what_is(p.title.split(' (')[0]))
    return out[:3]


def what_is(title: str) -> str:
    """"What is Clomid?", "What are Melatonin tablets?": a title whose last word is a plural asks "are"."""
    last = title.split()[-1].lower() if title.split() else ""
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is", "ous", "sis")) and len(last) > 3
    return f"What {'are' if plural else 'is'} {title}?"
