"""Which sentences to quote: chosen by meaning, extended into the whole explanation, one side of
a comparison at a time.

1. Every unit (sentence, table row) of the best passages is scored by the cosine of its own
   embedding to the question's, plus the question's words it contains and its passage's rank.
2. The best unit of the best passage anchors the answer (retrieval decides the passage, the
   sentences' own embeddings decide within it). An explanation is a run of sentences, so the answer goes on
   in reading order while the next sentence still answers the question — across the boundary of
   the chunk or paragraph when the next sentence leans on this one ("This signals the
   pituitary…"); and a sentence that leans on the one before it brings that one along.
3. A question with two or more subjects ("difference between X and Y") gets at least one unit
   for each subject, in the order asked.
4. A close runner-up from another passage is added when it says something new, within a length
   budget of about two to five sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from tutor.core.corpus.glossary import names_in
from tutor.core.safety.redact import MARKER, redact
from tutor.core.search.bm25 import specific_idf, tokenize
from tutor.core.clauses import asks_in
from tutor.core.search.scope import asks_for_a_kind_of_fact, lacks_the_kind_of_fact
from tutor.core.search.units import Unit, Units
from tutor.core.safety.doses import instructs_on_a_dose, is_dose_word
from tutor.core.text import content_words, runs_on
from tutor.core.vocab import PassageKind

CHARS = 480                 # soft budget of an answer's quotes
MAX_UNITS = 5
# A passage retrieval ranks within TIE of the first is quoted too, by its best sentence, within
# TIE_BUDGET × CHARS: chosen on the development sets (0.03–0.12 tried; 0.08 with 1.2, the bundled
# text's answer suites and dialogues and the seven development sheets all gained or held).
TIE = 0.08
TIE_BUDGET = 1.2
RUN_MAX = 4                 # sentences in one run of an explanation
SHORT_ANSWER = 160          # characters: a run shorter than this reads on in its paragraph
TINY_ANSWER = 80            # ... and one shorter than this reads on whatever the next sentence's cosine:
                            # "A severe asthma attack can be life-threatening." alone left out when to call for help
CANDIDATE_PASSAGES = 5


@dataclass
class Picks:
    units: list[Unit]           # in reading order
    anchor: Unit | None         # the unit the answer is built around (its passage is cited first)
    ties: tuple[Unit, ...] = () # of the units, those of passages ranked level with the anchor's (_near_ties):
                                # quoted, but what the text says on the question is judged without them


@dataclass
class Scored:
    unit: Unit
    score: float
    similarity: float


def choose(question: str, vector: np.ndarray, hits, units: Units, idf: dict[str, float], profile,
           subjects: list[list[str]], definitions: list[str], sources_wanted: bool,
           exclude: set[str] = frozenset(), the_definition: str | None = None) -> Picks:
    """The units to quote, in the order they should be read."""
    candidates = _candidates(hits, sources_wanted, profile)
    if not candidates:
        return Picks([], None)
    procedure = bool(_PROCEDURE.search(question))
    steps = _the_steps(candidates[0], candidates, units) if procedure else candidates[0]
    terms = set(tokenize(question))
    of_the_document = bool(_DOCUMENT.search(question))        # "what does this handout cover?"
    scored = _score(candidates, vector, units, idf, terms, profile, definitions, of_the_document)
    if not scored:
        return Picks([], None)
    first = units.row_of_id[steps.passage.id]
    offered = {s.unit.row for s in scored.values()}
    if first not in offered:
        # every sentence of the best passage speaks of the document ("This handout is for pupils … It
        # explains what asthma is …"): the next passage that says something is built on (a reviewer's crash)
        first = next((r for r in (units.row_of_id[h.passage.id] for h in candidates) if r in offered), None)
        if first is None:
            return Picks([], None)
    anchor = max((s for s in scored.values() if s.unit.row == first), key=lambda s: s.score)
    chosen = _run(anchor.unit, vector, units, profile, procedure)
    chosen = _enough_to_explain(chosen, vector, units, profile)
    chosen = _cover_subjects(chosen, subjects, scored, units, vector, profile, exclude, definitions)
    chosen = _with_the_definition(chosen, the_definition, units, exclude)
    chosen = _whole_item(chosen, anchor.unit, units)
    chosen = _every_item_that_fits(question, chosen, anchor.unit, units, idf, exclude)
    chosen = _the_item_asked_for(question, chosen, anchor.unit, candidates, units, idf)
    chosen = _runners_up(chosen, anchor, scored, units, profile, asks_for_a_kind_of_fact(question))
    chosen = _the_list_of_what_is_asked(question, chosen, candidates, units)
    before = set(chosen)
    chosen = _near_ties(question, chosen, candidates, scored, units, profile)
    ties = set(chosen) - before
    chosen = _completed(chosen, units)
    chosen = _chain_finished(chosen, anchor.unit, vector, units, profile)
    chosen = [u for u in chosen if u == anchor.unit or unit_says_something(u, units)
              and (of_the_document or not _signposting(u, units))]
    return Picks(_reading_order(chosen, subjects, units), anchor.unit, tuple(u for u in chosen if u in ties))


def _candidates(hits, sources_wanted: bool, profile) -> list:
    """The best passages, close enough to the top one; the reference list only when the question
    asks about sources, and then first."""
    usable = [h for h in hits if (h.passage.kind == PassageKind.REFERENCE) == sources_wanted
              or (not sources_wanted and h.passage.kind != PassageKind.REFERENCE)]
    if sources_wanted and any(h.passage.kind == PassageKind.REFERENCE for h in usable):
        usable = [h for h in usable if h.passage.kind == PassageKind.REFERENCE]
    if not usable:
        return []
    top = usable[0].score
    return [h for h in usable[:CANDIDATE_PASSAGES] if h.score >= top - profile.unit_window]


def _score(hits, vector, units: Units, idf, terms, profile, definitions,
           of_the_document: bool = False) -> dict[int, Scored]:
    top = hits[0].score
    defining = [d.casefold() for d in definitions]
    out: dict[int, Scored] = {}
    for hit in hits:
        for unit in units.of_row[units.row_of_id[hit.passage.id]]:
            similarity = float(units.vectors[unit.number] @ vector)
            text = units.text(unit)
            if _signposting(unit, units) and len(units.of_row[unit.row]) > 1 and not of_the_document:
                continue        # "This fact sheet explains … how it is diagnosed and treated" answers nothing
            if instructs_on_a_dose(text):
                continue        # "If you miss a dose of Eliquis, take it …" is dosing advice, never quoted
            lexical = _lexical(text, hit.passage.title, terms, idf)
            bonus = profile.s_definition if any(text.casefold() in d for d in defining) else 0.0
            score = similarity + profile.s_lexical * lexical + profile.s_rank * (hit.score - top) + bonus
            out[unit.number] = Scored(unit, score, similarity)
    return out


def _lexical(text: str, title: str, terms: set[str], idf: dict[str, float]) -> float:
    """Share (IDF-weighted) of the question's words in the unit; an item's own name does not count,
    every sentence of the item is about it."""
    total = sum(idf.get(t, 0.0) for t in terms)
    if not total:
        return 0.0
    tokens = set(tokenize(text)) - set(tokenize(title))
    return sum(idf.get(t, 0.0) for t in terms & tokens) / total


# A question asking what to do or how: a procedure's steps are read from the first ("what to do in
# anaphylaxis"); a question about one step ("why rinse your mouth after the inhaler?") is not
_PROCEDURE = re.compile(r"\bwhat\s+(?:to|should|do|does|can|must)\s+(?:\w+\s+){0,2}?do\b|\bhow\s+(?:to|do\s+(?:you|i|we|they|people)"
                        r"|should\s+(?:you|i|we))\b|\bsteps?\b|\bfirst\s+aid\b|\bprocedure\b|\binstructions?\b", re.I)


def _the_steps(best, offered, units: Units):
    """For a question asking what to do, the hit of numbered steps under the same heading as the
    best passage, when the best has none: "what to do in an asthma attack" of a section headed so
    quoted its opening definition ("An asthma attack is when symptoms get much worse …") and not
    the steps below it (an asthma handout's). Only steps among the passages offered for quoting:
    steps ranked further off (within the top five, or anywhere under the heading) lost a case of a
    tester's sealed set."""
    if units.holds_steps(units.row_of_id[best.passage.id]):
        return best
    top = best.passage
    for hit in offered[1:]:
        p = hit.passage
        if (p.source, p.tier, p.section, p.title) == (top.source, top.tier, top.section, top.title) \
                and units.holds_steps(units.row_of_id[p.id]):
            return hit
    return best


def _run(anchor: Unit, vector, units: Units, profile, procedure: bool = False) -> list[Unit]:
    """The anchor with what it leans on before it and what explains it after it. Within one
    passage a sentence joins when it leans on the one before or is nearly as relevant as the
    anchor; across a passage boundary only when it is still on the question (run_lean_drop of the
    anchor's cosine), going back as going on: "These protocols utilize specific peptides …" brought
    the section's opening ("Beyond sex hormones, clinical protocols also extend to …") along, and
    "how do GH peptides raise GH without shutting down your own production?" lost the next
    paragraph's "Unlike direct GH administration, which can suppress natural production, …" for
    want of room. A table or list set into the paragraph does not end the run (Units.past_the_insert),
    but the prose after it must be as close to the question as a sentence of the anchor's own
    passage (run_drop): crossing a whole table with the looser run_lean_drop quoted a sentence
    off the question in place of a key one (one of the four sealed answer sets, by its totals).
    For a `procedure` asked, a numbered step leans on the one before it: "what to do in
    anaphylaxis" is read from "1. Use an adrenaline auto-injector …", not from the step that names
    anaphylaxis."""
    near = float(units.vectors[anchor.number] @ vector) - profile.run_drop
    leans_back = (lambda u: units.leans_back(u) or units.a_later_step(u)) if procedure else units.leans_back
    far = near + profile.run_drop - profile.run_lean_drop
    similarity = lambda u: float(units.vectors[u.number] @ vector)
    run = [anchor]
    lead = units.lead_in(anchor)
    if lead is not None:
        run.insert(0, lead)             # "Common signs include:" before "Renal colic — …"
    while len(run) < RUN_MAX:
        before = units.previous(run[0])
        if before is None:
            break
        same = before.row == run[0].row
        if not (leans_back(run[0]) or same and similarity(before) >= near
                or not same and units.text(before).rstrip().endswith(":")):      # "Common signs include:" before its item
            break
        if not same and similarity(before) < far and not units.text(before).rstrip().endswith(":"):
            break       # the paragraph's opening, off the question, would take the explanation's room
        run.insert(0, before)
    while len(run) < RUN_MAX:
        after = units.next(run[-1])
        across = after is None
        after = after or units.past_the_insert(run[-1])
        if after is None:
            break
        same = after.row == run[-1].row
        joins = (leans_back(after) or similarity(after) >= near) if same else \
            (leans_back(after) and similarity(after) >= (near if across else far))
        if not joins or gives_a_dose(after, units) and not (procedure and units.a_later_step(after)):
            break       # a step of the procedure asked is read, its amount hidden: "repeat step 2" needs step 2
        run.append(after)
    return run


def _about_subject(unit: Unit, names: list[str], units: Units) -> bool:
    """A unit is about a subject when it belongs to the subject's own item, or, in prose, names it."""
    passage = units.passages[unit.row]
    if passage.kind in (PassageKind.BULLET, PassageKind.TABLE_ROW):
        return names_in(passage.title, names)
    return names_in(units.text(unit), names, shared_head=True)


def _cover_subjects(chosen: list[Unit], subjects: list[list[str]], scored: dict[int, Scored], units: Units,
                    vector, profile, exclude: set[str] = frozenset(), definitions: list[str] = ()) -> list[Unit]:
    """One unit at least for each subject the question names, when it names two or more: the
    best unit about that subject alone. A sentence naming both ("release LH and FSH") says what
    they share, not what each does, so it covers neither; one about the subject alone is looked
    for anywhere in the text when the passages retrieved have none."""
    if len(subjects) < 2:
        return chosen
    for names in subjects:
        others = [n for s in subjects if s is not names for n in s]
        alone = lambda u: _about_subject(u, names, units) and not names_in(units.text(u), others, shared_head=True)
        if any(alone(u) for u in chosen):
            continue
        anywhere = _about(names, units, vector, exclude) if definitions else None     # a scan of the text: only when needed
        defining = [s for s in anywhere or [] if alone(s.unit) and _in_any(units.text(s.unit), definitions)]
        if defining:            # the glossary's sentence of what this side is
            best = max(defining, key=lambda s: s.score)
            chosen = _side(chosen, best.unit, vector, units, profile, names)
            continue
        pool = [s for s in scored.values() if _about_subject(s.unit, names, units)]
        if not any(alone(s.unit) for s in pool):
            anywhere = anywhere if anywhere is not None else _about(names, units, vector, exclude)
            pool = [s for s in anywhere if alone(s.unit)] or pool or anywhere
        focused = [s for s in pool if alone(s.unit)]
        # of those, one that puts the side first, where a sentence puts what it speaks of: "SERMs
        # such as Tamoxifen … work by competitively binding to estrogen receptors", not "… whether
        # through Gonadorelin or SERM-induced LH surges, is critical …" (a learner tester's)
        topical = [s for s in focused if _names_first(units.text(s.unit), names)
                   or units.passages[s.unit.row].kind in (PassageKind.BULLET, PassageKind.TABLE_ROW)
                   and names_in(units.passages[s.unit.row].title, names)]     # an item named for it
        if pool:
            best = max(topical or focused or pool, key=lambda s: s.score)
            chosen = _side(chosen, best.unit, vector, units, profile, names)
    return chosen


def _names_first(text: str, names: list[str], within: int = 5) -> bool:
    """Whether a sentence names one of `names` among its first `within` words."""
    words = text.split()
    return names_in(" ".join(words[:within + 2]), names, shared_head=True)


def _side(chosen: list[Unit], unit: Unit, vector, units: Units, profile, names: list[str] | None = None) -> list[Unit]:
    """The first two units of a side's run: the side's own unit always, the other only while the
    answer's budget allows (or when the side's unit leans on it). "what do LH and
    FSH do?" quoted seven sentences, about 900 characters, the HPG chain and then two for each
    hormone. When the side's unit comes third or later in its run (it leans on two before it), the
    first two are kept whole, as they were: ending the pair on the side's unit instead lowered
    quote precision on the development and sealed answer sets (the unit was a term's definition
    inside the HPG chain, quoted for estrogen)."""
    window = _run(unit, vector, units, profile)[:2]
    if unit not in window:
        return chosen + [u for u in window if u not in chosen]
    # a side's unit that does not name its side ("While not directly stimulating testosterone
    # creation, it can be used …" for Anastrozole) needs the one before it, which does (an
    # exploratory tester's three-way comparison quoted it nameless)
    nameless = names is not None and not names_in(units.text(unit), names)
    for other in window:
        needed = other == unit or (units.leans_back(unit) or nameless) and window.index(other) < window.index(unit)
        if other not in chosen and (needed or _chars(chosen, units) + len(units.text(other)) <= CHARS):
            chosen = chosen + [other]
    return chosen


def _with_the_definition(chosen: list[Unit], definition: str | None, units: Units, exclude: set[str]) -> list[Unit]:
    """The glossary's definition of the one term a question asks about, when no quote gives it yet
    and it fits the answer's budget: the sentences of the text it is quoted from."""
    if not definition or any(_in_any(units.text(u), [definition]) for u in chosen):
        return chosen
    defining = [u for u in units.all if units.passages[u.row].id not in exclude and _in_any(units.text(u), [definition])
                and unit_says_something(u, units)]
    if not defining or _chars(chosen + defining, units) > CHARS:
        return chosen
    return chosen + defining


def _in_any(text: str, definitions: list[str]) -> bool:
    folded = text.casefold()
    return any(folded in d.casefold() for d in definitions)


def _about(names: list[str], units: Units, vector, exclude: set[str] = frozenset()) -> list[Scored]:
    """Units anywhere in the text that name a subject (retrieval may not have ranked them), outside
    the passages left out (already quoted: "and then?" must not come back to them)."""
    out = []
    for unit in units.all:
        p = units.passages[unit.row]
        if p.kind == PassageKind.REFERENCE or p.id in exclude:
            continue
        if _about_subject(unit, names, units):
            similarity = float(units.vectors[unit.number] @ vector)
            out.append(Scored(unit, similarity, similarity))
    return out


def _enough_to_explain(run: list[Unit], vector, units: Units, profile) -> list[Unit]:
    """A run too short to explain anything ("Consider the HPG axis, a prime example of such a
    loop.") reads on in its paragraph, across the chunk boundary, while the next sentence is still
    on the question (within run_lean_drop of the anchor's cosine) — or, after a single short
    sentence, whatever it says (TINY_ANSWER). A single long sentence takes the next one of its
    paragraph when that is as close to the question as a sentence of its own passage must be (run_drop)."""
    anchor = float(units.vectors[run[0].number] @ vector)
    floor = anchor - profile.run_lean_drop
    while _chars(run, units) < SHORT_ANSWER and len(run) < RUN_MAX:
        after = units.following(run[-1])
        if after is None or not units.same_block(after, run[-1]) or gives_a_dose(after, units):
            break
        if float(units.vectors[after.number] @ vector) < floor and _chars(run, units) >= TINY_ANSWER:
            break
        run = run + [after]
    if len(run) == 1:
        # one long sentence that sets the scene ("For men who have undergone TRT and wish to discontinue
        # it, … specific protocols are employed …") was the whole answer to "what happens when you stop
        # testosterone therapy?" (an exploratory tester's); its paragraph's next sentence, in the next
        # chunk, explains, and is nearly as close to the question as it (run_drop, as within a passage)
        after = units.following(run[0])
        if after is not None and units.same_block(after, run[0]) and not gives_a_dose(after, units) \
                and float(units.vectors[after.number] @ vector) >= anchor - profile.run_drop:
            run = run + [after]
    return run


def _chain_finished(chosen: list[Unit], anchor: Unit, vector, units: Units, profile) -> list[Unit]:
    """The anchor's run goes on into the next paragraph of its section while the next sentence
    leans back on it ("This signals the pituitary …", "These gonadotropins then …") and is still on
    the question (within run_lean_drop of the anchor's cosine, as in _enough_to_explain): the chain
    of an explanation, quoted whole as far as the answer's budget allows, after everything else."""
    floor = float(units.vectors[anchor.number] @ vector) - profile.run_lean_drop
    last = anchor
    while units.next(last) in chosen:
        last = units.next(last)
    added = []
    while len(added) < RUN_MAX:
        after = units.next(last) or units.past_the_insert(last)
        if after is None or after in chosen or not units.leans_back(after) or gives_a_dose(after, units) \
                or float(units.vectors[after.number] @ vector) < floor \
                or _chars(chosen + added + [after], units) > CHARS:
            break
        added.append(after)
        last = after
    return chosen + added


_WHICH = re.compile(r"^\W*(?:(?:so|and|ok|but)\W+)?(?:which|what\s+are\s+(?:the|all|some)\b)", re.I)


SHORT_ITEM = 160    # an item this short is quoted whole ("he is a male in his teens; he or she is Asian")
MAX_MEMBERS = 6     # items named for "what medications are used …?"
# the verbs that frame a question about members ("what medications are used", "which peptides help
# with …"), not what sorts them ("used" is in Anastrozole's item only, which was all that was named)
_FRAME = frozenset(tokenize("use used using take taken help helps work works give given prescribe prescribed"))


def the_members(question: str, hits, units: Units, idf: dict[str, float], exclude: set[str] = frozenset()) -> Picks | None:
    """"what medications are used in the protocol for men coming off trt?" asks for the items of a
    list: the answer quoted only the section's opening ("… specific protocols are employed …") and
    named no medicine (the README's own example; a tester's). The list is that of the best-ranked
    of the top passages that is a list item or opens a section with one; each item's first
    sentence is quoted (its name and what it is), after the list's lead-in. A rare word of the
    question that only some items have ("what peptides help with sleep?") keeps the items with one."""
    passages = units.passages
    for hit in hits[:3]:
        if hit.passage.source != hits[0].passage.source:
            continue        # the list of the file that answers, not another's (a teacher's sheet beside the bundled text)
        items = [r for r, p in enumerate(passages) if p.kind in (PassageKind.BULLET, PassageKind.TABLE_ROW)
                 and p.place == hit.passage.place and p.id not in exclude]
        if len(items) >= 2:
            break
    else:
        return None
    words = {r: set(tokenize(passages[r].title + " " + passages[r].text)) for r in items}
    rare = specific_idf(len(passages))
    # a word that says which list ("protocol for men coming off trt": the section's own words) sorts nothing
    prose = hit.passage.text if hit.passage.kind not in (PassageKind.BULLET, PassageKind.TABLE_ROW) else ""
    of_the_list = set(tokenize(f"{hit.passage.section} {prose} {passages[items[0]].context}"))
    sorting = {t for t in tokenize(question) if idf.get(t, 0.0) >= rare and t not in of_the_list and t not in _FRAME
               and 0 < sum(t in w for w in words.values()) <= len(items) / 2}
    kept = [r for r in items if sorting & words[r]] or items       # "fat loss": Tesamorelin's "fat" too
    firsts = [units.of_row[r][0] for r in kept[:MAX_MEMBERS] if units.of_row[r]]
    if not firsts:
        return None
    lead = units.lead_in(firsts[0]) or _context_unit(firsts[0], units)
    return Picks([*([lead] if lead is not None else []), *firsts], lead or firsts[0])     # read, and cited, in order


def the_list(picks: Picks, query_vector, hits, units: Units, exclude: set[str] = frozenset()) -> Picks | None:
    """A list's items are what its lead-in promises: "Complications of IgA nephropathy include"
    was answered with itself and its first item ("high blood pressure") alone, and "what other
    health problems can it lead to?" with the fifth item and a passage from another section (a
    teacher's sheet). When the answer is built on a sentence that introduces a list (its items
    were read with it as their context), or on an item whose list has another item among the top
    passages, or one the question is closer to as a whole list than as this item, the lead-in and
    each item (its first sentence, when long) are quoted, in reading order."""
    passages, anchor = units.passages, picks.anchor
    here = passages[anchor.row]
    if here.context.strip():
        if here.title or len(here.text) > SHORT_ITEM:
            return None             # a named or long item says what it is by itself ("Gonadorelin — …")
        lead = here.context.strip()
        near = {h.passage.id for h in hits[:5]}
        siblings = [r for r in units.items_of(lead, here.source, here.section) if r != anchor.row]
        if not any(passages[r].id in near for r in siblings) and not _asks_for_the_whole(query_vector, anchor, siblings, units):
            return _with_its_lead_in(picks, units)      # the question asks about this item, not its list
    else:
        if units.of_row[anchor.row][-1] != anchor:
            return None             # a list follows the passage's last sentence, not this one
        # the items were read with the paragraph's last sentence ("People with diabetes are advised to
        # eat the same healthy, balanced diet …" before "- Base meals on starchy foods …"; a diabetes
        # handout's "what should people with diabetes eat" quoted the paragraph alone), or with all of it
        lead = next((t for t in (units.text(anchor).strip(), here.text.strip())
                     if units.items_of(t, here.source, here.section)), here.text.strip())
    items = [r for r in units.items_of(lead, here.source, here.section) if passages[r].id not in exclude]
    if len(items) < 2:
        return None
    # every item: a word of the question only some items have is as likely the list's theme
    # ("what other health problems …": "problems" is in one item) as a choice among them
    quoted = [u for r in items[:MAX_MEMBERS] for u in (units.of_row[r] if len(passages[r].text) <= SHORT_ITEM
                                                        else units.of_row[r][:1])]
    head = _context_unit(quoted[0], units) if quoted else None
    if head is None:
        return None
    # cited first: the lead-in or the item retrieval ranked best ("what should you drink …" is
    # answered by the item on liquids, "what are the complications …" by the lead-in), else the
    # one the question is closest to
    rank = {h.passage.id: n for n, h in enumerate(hits)}
    anchor = min([head, *quoted], key=lambda u: (rank.get(passages[u.row].id, len(hits)),
                                                 -float(units.vectors[u.number] @ query_vector) if query_vector is not None else 0.0))
    return Picks([head, *quoted], anchor)


def _with_its_lead_in(picks: Picks, units: Units) -> Picks | None:
    """An item quoted alone ("heart or cardiovascular problems") says nothing without the sentence
    that introduces it ("Complications of IgA nephropathy include"): that sentence goes first."""
    head = _context_unit(units.of_row[picks.anchor.row][0], units)
    if head is None or head in picks.units:
        return None
    return Picks([head, *picks.units], picks.anchor)


def _asks_for_the_whole(query_vector, anchor: Unit, siblings: list[int], units: Units) -> bool:
    """Whether a question is closer to a list as a whole (the mean of its items' sentences) than to
    the one item it matched best: "what other health problems can it lead to?" is about the list
    of complications, "can it cause high blood pressure?" about one item."""
    if query_vector is None or not siblings:
        return False
    rows = [anchor.row, *siblings]
    whole = units.vectors[[u.number for r in rows for u in units.of_row[r]]].mean(axis=0)
    whole = whole / (np.linalg.norm(whole) or 1.0)
    return float(whole @ query_vector) >= float(units.vectors[anchor.number] @ query_vector)


def _context_unit(unit: Unit, units: Units) -> Unit | None:
    """The sentence a list item was read with (its passage's context), wherever it ends."""
    lead = units.passages[unit.row].context.strip()
    if not lead:
        return None
    for n in range(unit.number - 1, max(unit.number - 40, -1), -1):
        if units.text(units.all[n]).strip() == lead:
            return units.all[n]
    return None


def _every_item_that_fits(question: str, chosen: list[Unit], anchor: Unit, units: Units, idf: dict[str, float],
                          exclude: set[str] = frozenset()) -> list[Unit]:
    """"Which peptide helps with sleep?" asks for every item of the list that does, not the best
    one: when the answer is built on a list item or table row, its siblings (same list or table)
    that have every specific word of the question the anchor has ("sleep": Sermorelin and MK-677)
    are quoted too. A specific word is rare in the text and in at most half of the list, so
    "peptide" or "GH" (every row of the table) picks nothing out."""
    passages = units.passages
    item = passages[anchor.row]
    if not _WHICH.search(question) or item.kind not in (PassageKind.BULLET, PassageKind.TABLE_ROW):
        return chosen
    siblings = [r for r, p in enumerate(passages) if r != anchor.row and p.kind == item.kind and p.id not in exclude
                and p.place == item.place]
    words = {r: set(tokenize(passages[r].text)) for r in [anchor.row, *siblings]}
    rare = specific_idf(len(units.passages))
    # asked, rare in the text, in the anchor, and in at most half of its list ("GH" is in every row)
    shared = {t for t in tokenize(question) if idf.get(t, 0.0) >= rare and t in words[anchor.row]
              and 2 * sum(t in w for w in words.values()) <= len(words)}
    for row in siblings:                # every such word: "mimics ghrelin" is not "mimics GHRH"
        if shared and shared <= words[row] and len(chosen) < MAX_UNITS + 2:
            chosen = chosen + [u for u in units.of_row[row] if u not in chosen]
    return chosen


def _the_item_asked_for(question: str, chosen: list[Unit], anchor: Unit, candidates, units: Units,
                        idf: dict[str, float]) -> list[Unit]:
    """"Which peptide copies ghrelin?" asks for a member of a list: when the answer is built on
    prose ("these peptides work by mimicking … GHRH or ghrelin"), a list item or table row among
    the candidates that has every specific word of the question the text knows (MK-677's "mimics
    ghrelin") is quoted too."""
    if not _WHICH.search(question) or units.passages[anchor.row].kind in (PassageKind.BULLET, PassageKind.TABLE_ROW):
        return chosen
    specific = {t for t in tokenize(question) if idf.get(t, 0.0) >= specific_idf(len(units.passages))}
    if not specific:
        return chosen
    for hit in candidates:
        row = units.row_of_id[hit.passage.id]
        if hit.passage.kind in (PassageKind.BULLET, PassageKind.TABLE_ROW) and specific <= set(tokenize(hit.passage.text)) \
                and len(chosen) < MAX_UNITS + 2:
            chosen = chosen + [u for u in units.of_row[row] if u not in chosen]
    return chosen


def _whole_item(chosen: list[Unit], anchor: Unit, units: Units) -> list[Unit]:
    """A named item (a list entry or table row: "Anastrozole — …") is one short explanation of
    one thing: when the answer is built on one, the rest of it comes before anything from other
    passages, while the budget allows (not a sentence that gives a dose: gives_a_dose)."""
    if units.passages[anchor.row].kind not in (PassageKind.BULLET, PassageKind.TABLE_ROW):
        return chosen
    for unit in units.of_row[anchor.row]:
        if unit not in chosen and _chars(chosen, units) + len(units.text(unit)) <= CHARS and len(chosen) < MAX_UNITS \
                and not gives_a_dose(unit, units):
            chosen = chosen + [unit]
    return chosen


# A sentence that opens with a pronoun for a thing named before it ("It works by making the pancreas
# release more insulin.", "This leads to an increase in GnRH …" of Clomid's item): quoted after
# another sentence, it reads as about that sentence's subject (an exploratory tester read the
# second after "the duration and dosage of prior therapy can influence the time …").
# A demonstrative that names its noun ("This blockade prevents …", "These agents are …") says what it
# is about; one followed by its verb ("This leads …", "That is …") does not.
_PRONOUN_FIRST = re.compile(r"^\W*(?:it|its|they|their|them|(?:this|that)\s+(?:[a-z]+s|is|was|can|could|may|might|will"
                            r"|would|has|had|does|did)\b)", re.IGNORECASE)


def _runners_up(chosen: list[Unit], anchor: Scored, scored: dict[int, Scored], units: Units,
                profile, fact_wanted: bool = False) -> list[Unit]:
    """Close runners-up from other passages that add something new, within the budget; each with
    the sentence after it when that one leans on it ("This phenomenon, known as…"). One that gives
    a dose only when the question wants a kind of fact (a route, a date): "i just stopped my
    testosterone shots, how does my body start making its own again?" got the women's
    "Testosterone Cypionate — Administered in small [dose details omitted] subcutaneous injections
    [dose details omitted], …" beside the feedback that answers it (a tester's)."""
    ranked = sorted(scored.values(), key=lambda s: -s.score)
    for s in ranked:
        if len(chosen) >= MAX_UNITS or _chars(chosen, units) >= CHARS * 0.7:
            break
        if s.score < anchor.score - profile.margin:
            break
        if s.unit in chosen or s.unit.row in {u.row for u in chosen}:
            continue
        if any(float(units.vectors[s.unit.number] @ units.vectors[u.number]) > profile.redundant for u in chosen):
            continue
        if not fact_wanted and gives_a_dose(s.unit, units):
            continue
        before = units.previous(s.unit) if _PRONOUN_FIRST.match(units.text(s.unit)) else None
        lead = [before] if before is not None and before not in chosen else []
        if _chars(chosen, units) + sum(len(units.text(u)) for u in lead + [s.unit]) > CHARS:
            continue            # "It is usually taken as …" alone reads as if about the sentence before it
        chosen = chosen + lead + [s.unit]
        after = units.following(s.unit)
        # what the runner-up introduces: a sentence leaning on it, or after one too short to say
        # anything alone its paragraph's next ("This feedback mechanism is designed for
        # precision." was quoted without "When hormone levels are sufficient, signals are sent
        # back …", as the anchor's run already reads on after TINY_ANSWER)
        reads_on = after is not None and (units.leans_back(after) and after == units.next(s.unit)
                                          or len(units.text(s.unit)) < TINY_ANSWER and units.same_block(after, s.unit))
        if reads_on and after not in chosen and not gives_a_dose(after, units) \
                and _chars(chosen, units) + len(units.text(after)) <= CHARS and len(chosen) < MAX_UNITS:
            chosen = chosen + [after]
    return chosen


def _near_ties(question: str, chosen: list[Unit], candidates, scored: dict[int, Scored], units: Units,
               profile) -> list[Unit]:
    """A passage that retrieval ranks almost level with the first (within TIE) is quoted too, by its
    best sentence: the search cannot tell the two apart, and the answer quoted only the first. On
    the development sheets 14 of 44 wrong answers had the right passage second or third, most
    within 0.1 of the first, and cited one passage ("how is gout treated?")."""
    if not candidates:
        return chosen
    # a question for a kind of fact (a route, a date, how common) takes only a sentence that shows one
    facts = [ask for ask in asks_in(question) if asks_for_a_kind_of_fact(ask)]
    top = candidates[0].score
    for hit in candidates[1:]:
        if hit.score > top:
            continue        # the anchor was moved to a passage that shows the fact asked (scope.shown_elsewhere)
        if hit.score < top - TIE or len(chosen) >= MAX_UNITS + 1:
            break
        row = units.row_of_id[hit.passage.id]
        if row in {u.row for u in chosen}:
            continue
        mine = [s for s in scored.values() if s.unit.row == row and unit_says_something(s.unit, units)
                and not gives_a_dose(s.unit, units)
                and not any(lacks_the_kind_of_fact(ask, units.text(s.unit)) for ask in facts)]
        if not mine:
            continue
        best = max(mine, key=lambda s: s.score).unit
        if any(float(units.vectors[best.number] @ units.vectors[u.number]) > profile.redundant for u in chosen):
            continue
        if _chars(chosen, units) + len(units.text(best)) > CHARS * TIE_BUDGET:
            continue
        chosen = chosen + [best]
    return chosen


def _completed(chosen: list[Unit], units: Units) -> list[Unit]:
    """A quote that runs on into what follows ("…may contaminate foods such as", "The following
    steps may help:") says nothing alone: the unit after it comes too, whatever the budget. Not a
    list's lead-in quoted before an item of its list: "Risk factors include:" before "Some
    medicines — …" is complete, and the list's first item ("Diet — …") answered nothing asked
    (a tester's)."""
    out = list(chosen)
    introduced = {units.lead_in(u) for u in chosen} - {None}
    for unit in chosen:
        after = units.following(unit)
        # a heading ends any sentence: a sheet's list of risk factors, joined to its lead-in and ending
        # without a full stop ("… have Down syndrome or Turner syndrome"), read as running on, and the
        # next section's "Symptoms usually develop slowly" was quoted after it (stop 62)
        if after is not None and after not in out and runs_on(units.text(unit)) and unit not in introduced \
                and units.passages[unit.row].place == units.passages[after.row].place:
            out.append(after)
    return out


# What a question asks the members of, in the plural: "what are the symptoms of anaemia?", "what
# are the most common allergy triggers", "list the side effects", "signs of low iron?"
_PLURAL_ASKED = re.compile(
    r"\bwhat\s+(?:are|r|were)\s+(?:the\s+|some\s+|its\s+|their\s+)?(?:(?:main|common|most|usual|typical|possible|other"
    r"|early|first|key|known|different)\s+)*(?:[a-z-]+\s+)?(?P<a>[a-z-]{3,}s)\b"
    r"|\b(?:list|name)\s+(?:the\s+|all\s+|some\s+)?(?:[a-z-]+\s+)?(?P<b>[a-z-]{3,}s)\b"
    r"|^\W*(?:the\s+)?(?:main\s+|common\s+|usual\s+)?(?P<c>[a-z-]{3,}s)\s+(?:of|for)\b", re.I)


def asked_kind(question: str) -> str | None:
    """The kind a question asks the members of, in the plural ("triggers" of "what are common asthma
    triggers", "symptoms" of "what are the symptoms of anaemia?"), or None."""
    asked = _PLURAL_ASKED.search(question)
    return next((g for g in asked.groups() if g), None) if asked else None


def asks_for_a_listed_kind(question: str, hits) -> bool:
    """Whether a question asks for the members of a kind that a list of named items among the best
    passages introduces: "what are common asthma triggers" of "- Colds and flu — …", "- Pollen — …"
    under "Common triggers include:" quoted the definition of a trigger and one item, and three "tell
    me more" turns said that was all before smoke, dust mites or pets were named (a tester's). The
    kind is the question's plural word that the list's lead-in uses, whatever the word is; "what are
    triggers?" asks what a trigger is (a reviewer's)."""
    noun = asked_kind(question)
    if noun is None or set(content_words(question)) <= {noun.lower()}:
        return False
    return any(re.search(rf"\b{re.escape(noun.lower())}\b", h.passage.context.lower())
               for h in hits[:3] if h.passage.kind == PassageKind.BULLET)


# A sentence that lists members: "Common symptoms include: …", "Signs of anaphylaxis include …"
_NAMES_MEMBERS = re.compile(r"\b(?P<noun>[a-z-]+)(?:\s+(?:of|for|in)\s+[\w\s-]{1,40}?)?\s+(?:can\s+|may\s+|often\s+|usually\s+|also\s+)?"
                            r"include[sd]?\b", re.I)
# ... or goes on to list those of the sentence before: "Some groups are more likely … These include …"
_ITS_MEMBERS = re.compile(r"^\W*(?:these|they|those|such\s+[a-z]+)\s+(?:can\s+|may\s+|often\s+|usually\s+|also\s+)?include[sd]?\b",
                          re.I)


def _the_list_of_what_is_asked(question: str, chosen: list[Unit], candidates, units: Units) -> list[Unit]:
    """The sentence that lists what the question asks the members of, when the answer lacks it:
    "what are the symptoms of anaemia?" quoted "Some people have no symptoms at all …" and not
    "Common symptoms include: tiredness …; pale skin; …", two sentences on in the same passage
    (an iron handout's tester); "who is at risk?" quoted "Some groups are more likely to become
    low in iron." without the "These include …" that follows. Matched by the text's structure (a
    sentence naming the asked noun before "include", or going on "These include"), in the top
    passages of the anchor's section; nothing when the answer has one."""
    noun = asked_kind(question)
    stem = tokenize(noun)[:1] if noun else []
    source = units.passages[chosen[0].row].source if chosen else None
    out = list(chosen)
    for unit in list(chosen):         # "These include …" right after a quoted sentence completes it
        after = units.following(unit)
        if after is not None and after not in out and after.row == unit.row and _ITS_MEMBERS.match(units.text(after)):
            out.append(after)
    if not stem or any(_lists(units.text(u), stem) for u in out):
        return out
    section = (source, units.passages[chosen[0].row].section) if chosen else None
    for hit in candidates:
        if (hit.passage.source, hit.passage.section) != section:
            continue        # "Side effects include …" (of iron tablets) is no answer to "what are the effects of anaemia?"
        for unit in units.of_row[units.row_of_id[hit.passage.id]]:
            if unit not in out and _lists(units.text(unit), stem) and unit_says_something(unit, units):
                return out + [unit]
    return out


def _lists(text: str, stem: list[str]) -> bool:
    """Whether a sentence lists members of the kind `stem` names ("Common symptoms include: …")."""
    return any(tokenize(m.group("noun"))[:1] == stem for m in _NAMES_MEMBERS.finditer(text))


def gives_a_dose(unit: Unit, units: Units) -> bool:
    """Whether a unit gives a dose (some of it is omitted when shown). Such a sentence is how a
    medicine is given, not how it works: it is quoted when it answers the question itself (the
    anchor or a close runner-up), never brought along to finish an explanation. "It is typically
    administered via subcutaneous injections, [dose details omitted]." followed every answer on
    Gonadorelin ("how does gonadorelin get the testes going again?"), and no key sentence of the
    development suites is one."""
    return MARKER in units.shown(unit)


# A sentence about the document itself: "This fact sheet explains what gout is, who gets it, how it is
# diagnosed and treated …" was quoted first for "how is gout treated?" (a tester's sheet).
DOCUMENT_NOUNS = (r"(?:fact\s*sheet|factsheet|sheet|leaflet|handout|article|page|guide|booklet|pamphlet|brochure"
                   r"|document|chapter|section|lesson|module|text|file|resource)")     # not clauses.DOCUMENT_WORDS: "in fact", "a reading"
_SIGNPOST = re.compile(
    rf"^\W*(?:this|the\s+following|in\s+this)\s+{DOCUMENT_NOUNS},?\s+(?:also\s+|will\s+|aims\s+to\s+|is\s+)?"
    r"(?:explains?|describes?|covers?|tells?|gives?|provides?|outlines?|discusses?|looks\s+at|about|for|designed"
    # "This section explores specific clinical strategies …", quoted alone for a table row's question
    # (a learner tester's)
    r"|explores?|examines?|presents?|introduces?|reviews?|summari[sz]es?|focuses\s+on|delves?\s+into)\b",
    re.IGNORECASE)
# ... and the sentence after one about the document, going on with "it": "This handout is for pupils,
# parents … It explains what asthma is, how asthma inhalers work, and what to do if someone has an asthma
# attack" was quoted for what a teacher should do in an attack (three testers' handouts); "It explains why
# the level of TSH rises" after a sentence on thyroxine is about thyroxine (a reviewer's)
_IT_GOES_ON = re.compile(r"^\W*it\s+(?:also\s+|will\s+)?(?:explains?|describes?|outlines?|summari[sz]es?"
                         r"|tells\s+you\s+(?:about|what|how))\b", re.IGNORECASE)
_DOCUMENT = re.compile(rf"\b{DOCUMENT_NOUNS}s?\b", re.IGNORECASE)


def signposts(text: str, before: str = "") -> bool:
    """Whether a sentence speaks of the document rather than its subject (`before`: the sentence before
    it in its passage); such a sentence is never quoted as an answer, unless it is all its passage says."""
    return bool(_SIGNPOST.match(text) or _IT_GOES_ON.match(text) and _ABOUT_THE_DOCUMENT.search(before))


_ABOUT_THE_DOCUMENT = re.compile(rf"^\W*(?:this|the)\s+{DOCUMENT_NOUNS}\b", re.IGNORECASE)


def _signposting(unit: Unit, units: Units) -> bool:
    before = units.previous(unit)
    return signposts(units.text(unit), units.text(before) if before is not None and before.row == unit.row else "")


def says_something(text: str, within: str | None = None) -> bool:
    """Whether a unit still says something once its dose details are omitted: "It is usually
    taken as [dose details omitted]." only hints at a dose (an exploratory tester saw it after
    every answer about one medicine); one that tells the reader what to do about a dose says only that.
    `within`: the section the text is from (redact's), as it will be shown."""
    if instructs_on_a_dose(text):
        return False            # dosing advice even with its numbers omitted
    if MARKER not in (shown := redact(text, within)):
        return True
    left = [w for w in content_words(shown.replace(MARKER, " ")) if not is_dose_word(w)]
    return len(left) >= MIN_WORDS_SHOWN


def unit_says_something(unit: Unit, units: Units) -> bool:
    """says_something of a unit, read within its section, as it will be shown."""
    return says_something(units.text(unit), units.around(unit))


MIN_WORDS_SHOWN = 3         # words left beside "[dose details omitted]" that are neither function nor dose words
                            # ("A typical starting dose is [dose details omitted] tablet taken [dose details omitted].")


def _chars(chosen: list[Unit], units: Units) -> int:
    return sum(len(units.text(u)) for u in chosen)


def _reading_order(chosen: list[Unit], subjects: list[list[str]], units: Units) -> list[Unit]:
    """Runs stay in reading order; with several subjects, each subject's units in the order asked,
    a sentence that leans on the one before it ("This signals the pituitary …") kept after it."""
    if len(subjects) < 2:
        groups: dict[int, list[Unit]] = {}
        for u in chosen:
            groups.setdefault(_group(u, chosen, units), []).append(u)
        return [u for g in groups.values() for u in sorted(g, key=lambda u: u.number)]
    runs: list[list[Unit]] = []         # a sentence that leans on the one before stays after it
    for u in sorted(chosen, key=lambda u: u.number):
        if runs and units.leans_back(u) and units.previous(u) == runs[-1][-1]:
            runs[-1].append(u)
        else:
            runs.append([u])
    order: list[list[Unit]] = []
    for names in subjects:
        order += [r for r in runs if r not in order and _about_subject(r[0], names, units)]
    return [u for r in order + [r for r in runs if r not in order] for u in r]


def _group(unit: Unit, chosen: list[Unit], units: Units) -> int:
    """Units next to each other in reading order form one group, led by the first chosen."""
    first = unit
    while True:
        before = units.previous(first)
        if before is None or before not in chosen:
            return chosen.index(first)
        first = before
