"""Cut a source document into passages by its structure: tiers, sections, bullets, tables, references.

Plain text follows the bundled text's conventions (tier names alone on a line, short heading
lines after a blank line, "- Name ∞ text" bullets, pipe tables). Markdown uses its headings:
# for a tier, ## for a section, ### for an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from tutor.core.corpus.passage import Passage, Segment
from tutor.core.text import split_sentences
from tutor.core.text import DISPLAY_DASH, SOURCE_DASH, runs_on, slugify, to_display
from tutor.core.vocab import PassageKind, Tier, values

CHUNKER_VERSION = "21"     # 21: Markdown's single-asterisk emphasis marks are not shown; 20: in a titled .txt file a heading may stand between blank lines, the short lines under the title are the title's, and a glossary of its own gives glossary entries; Markdown's strong emphasis marks are not shown; 19: inside a list an unindented line does not pull the next item into a paragraph; a .txt title in sentence case; 18: numbered steps up to STEP_CHARS are one passage; a wrapped line opening "12." runs on in its paragraph (only "1." starts a list there); a titled .txt file's "Glossary" and "References" are its sections, a question line may head one; 17: a Markdown paragraph wrapped over several lines is one paragraph; 16: a short numbered step keeps its number; 15: a plain-text file's title line is its title, not a passage; 14: "While these interventions …" embedded with the sentence before; 13: "In most such cases, however," embedded with the sentence before; 12: Markdown front matter and "---" rules are no text; 11: "Rarely," … embedded with the sentence before
TIERS = values(Tier)
TIER_ORDER = {t: i for i, t in enumerate(TIERS)}
MAX_CHUNK_CHARS = 300                 # a chunk of prose: the size the bundled text's learner questions were written for
UNASKED_CHUNK_CHARS = 700             # ... of a file nobody wrote learner questions for: about a paragraph
MAX_PASSAGE_CHARS = 2000              # no passage (and so no quote) is longer, whatever the text
SHORT_ITEM_CHARS = 120                # list items this short are one passage with the rest of their list
STEP_CHARS = 300                      # ... numbered steps this short, a procedure read in order, up to UNASKED_CHUNK_CHARS
                                      # in all: a diabetes handout's hypo steps were four passages without their numbers,
                                      # and "repeat step 2" pointed at nothing
INTRO = "Introduction"
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")     # "- item", "1. step", "2) step"
_STEP = re.compile(r"^\s*(\d{1,2})[.)]\s+")
# A bold lead-in names an item as a dash does: "- **Allergens:** pollen, dust mites ..."
_BOLD_LEAD = re.compile(r"^(\*\*|__)(?P<name>[^*_]{1,60}?)(?::\1|\1\s*(?::|\s[\u2014\u2013-]))\s+(?=\S)")   # not "**Do not** take"
# A section of a teacher's Markdown that lists sources, as the bundled text's References tier does
_REFERENCE_SECTION = re.compile(r"^(?:references?|sources?|bibliography|further\s+reading|works\s+cited|citations?)$", re.I)
_TABLE_RULE = re.compile(r"^[\s|:\-]+$")
_ITEM_DASHES = (f" {SOURCE_DASH} ", " \u2014 ", " \u2013 ", " - ")


@dataclass
class Line:
    text: str
    start: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Document:
    """The passages of one file, plus the bare term list of a Glossary tier if it has one."""

    passages: list[Passage] = field(default_factory=list)
    glossary_terms: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        lines.append(Line(raw.rstrip("\r"), offset))
        offset += len(raw) + 1
    return lines


class _Builder:
    """Accumulates passages while the parser walks the document, keeping ids unique and stable."""

    def __init__(self, source: str, default_tier: str, chunk: int = MAX_CHUNK_CHARS) -> None:
        self.source, self.chunk = source, chunk
        self.doc = Document()
        self.tier = _safe_name(default_tier)
        self.section, self.lead = INTRO, ""
        self.paragraphs = 0
        self.ids: set[str] = set()

    def set_tier(self, tier: str) -> None:
        self.tier = tier = _safe_name(tier)
        self.set_section(tier if tier in (Tier.REFERENCES, Tier.REFLECTION, Tier.GLOSSARY) else INTRO)

    def set_section(self, section: str) -> None:
        self.section, self.paragraphs, self.lead = _safe_name(section), 0, ""

    @property
    def in_references(self) -> bool:
        """The bundled text's References tier, or a teacher's "## References" section."""
        return self.tier == Tier.REFERENCES or bool(_REFERENCE_SECTION.match(self.section.strip()))

    def _id(self, *leaf: str) -> str:
        parts = [_slug(self.tier)]
        if self.section != self.tier:
            parts.append(_slug(self.section))
        base = "/".join(parts + [p for p in leaf if p])
        unique, n = base, 2
        while unique in self.ids:
            unique, n = f"{base}-{n}", n + 1
        self.ids.add(unique)
        return unique

    def add(self, kind: str, title: str, text: str, segments: list[Segment], leaf: str, context: str = "") -> None:
        self.doc.passages.append(Passage(
            id=self._id(leaf), tier=self.tier, section=self.section, title=_safe_name(title), kind=kind,
            text=text, source=self.source, segments=tuple(segments), order=len(self.doc.passages), context=context,
        ))

    def add_span(self, kind: str, title: str, line: Line, lo: int, hi: int, leaf: str, context: str = "") -> None:
        """A passage that is one contiguous span line.text[lo:hi] of the source; a span longer
        than MAX_PASSAGE_CHARS (a file with no sentence breaks) becomes several passages."""
        pieces = _pieces(line.text, lo, hi)
        for k, (a, b) in enumerate(pieces, 1):
            text, segments = _shown(line, a, b)
            self.add(kind, title, text, segments, leaf if k == 1 else f"{leaf}-part{k}", context)

    def add_list_item(self, line: Line, title: str = "") -> None:
        """A list item without a name of its own: a prose passage under the same heading as the
        paragraph before it that keeps the list's lead-in sentence ("Symptoms may include:") for
        its embedding — every chunk of it, since a one-line item means little alone."""
        lead, first = self.lead, len(self.doc.passages)
        self.add_prose(line, title)
        self.lead = lead
        if lead:
            for k in range(first, len(self.doc.passages)):
                self.doc.passages[k] = replace(self.doc.passages[k], context=lead)

    def add_short_items(self, items: list[Line], title: str = "", lead_in: bool = False) -> None:
        """A list of short unnamed items ("- muscle weakness", "- nausea") as one passage: alone, a
        few words under a long heading are mostly heading, and they outranked the paragraphs that
        answer. With `lead_in` (the paragraph just before runs on into the list: "…, such as",
        "the patient should"), the list joins that paragraph's last chunk and ends its last
        sentence, so it is found and quoted as the statement it completes; otherwise each item is a
        sentence of its own, embedded with the lead-in."""
        last = self.doc.passages[-1] if self.doc.passages else None
        if lead_in and last is not None and last.kind == PassageKind.PROSE and _one_span(last) \
                and (last.section, last.title) == (self.section, title):
            self.doc.passages.pop()
            pid, text, segments = last.id, last.text, list(last.segments)
            sentences, run_from, context = list(last.sentences[:-1]), last.sentences[-1][0], ""
        else:
            self.paragraphs += 1
            pid = self._id((_slug(title) + "/" if title else "") + f"p{self.paragraphs}")
            text, segments, sentences, run_from, context = "", [], [], None, self.lead
        for item in items:
            lo = _BULLET.match(item.text).end()
            body = item.text[lo:].rstrip()
            if text:
                text += " " if text.endswith((".", "!", "?", ";", ":")) else (": " if item is items[0] else "; ")
            # a numbered step keeps its number: quoted alone, "2. Call 999 …" says a step came
            # before it, and the answer reads back to the first ("what to do in anaphylaxis" quoted
            # step 2 on and never "Use an adrenaline auto-injector straight away"; a tester's)
            number = _STEP.match(item.text)
            step = f"{number.group(1)}. " if number else ""
            body_shown, body_segments = _shown(item, lo, lo + len(body), at=len(text) + len(step))
            segments += body_segments
            shown = step + body_shown
            if run_from is None:
                sentences.append((len(text), len(text) + len(shown)))
            text += shown
        if run_from is not None:
            sentences.append((run_from, len(text)))
        self.doc.passages.append(Passage(
            id=pid, tier=self.tier, section=self.section, title=_safe_name(title), kind=PassageKind.PROSE, text=text,
            source=self.source, segments=tuple(segments), order=len(self.doc.passages),
            sentences=tuple(sentences), context=context))

    def add_prose(self, line: Line, title: str = "") -> None:
        """A paragraph, cut at sentence boundaries into chunks of at most MAX_CHUNK_CHARS."""
        self.paragraphs += 1
        lo = len(line.text) - len(line.text.lstrip())
        body = line.text[lo:].rstrip()
        sentences = split_sentences(body)
        self.lead = to_display(body[sentences[-1][0]:sentences[-1][1]]) if sentences else ""
        chunks = _chunk(sentences, self.chunk)
        stem = (_slug(title) + "/" if title else "") + f"p{self.paragraphs}"
        for k, (a, b) in enumerate(chunks, 1):
            leaf = stem if len(chunks) == 1 else f"{stem}-{k}"
            self.add_span(PassageKind.PROSE, title, line, lo + a, lo + b, leaf)


# Markdown's strong emphasis around words: "- **Migraine without aura** is the most common type." had its
# asterisks quoted (a migraine handout's tester). Single "_" may be text ("snake_case"), and a single "*"
# between words too ("5*3"), but not one that opens after a space and closes before one: "*A handout for
# students and families …*" was shown with its asterisks (a shingles handout's tester, stop 73).
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(?:(?!\1).)+?(?<=\S)\1|(?<![\w*])(\*)(?=[^\s*])[^*\n]+?(?<=[^\s*])\*(?![\w*])")


def _shown(line: Line, lo: int, hi: int, at: int = 0) -> tuple[str, list[Segment]]:
    """line.text[lo:hi] as learners see it (to_display), without Markdown's emphasis marks, and the
    segments that map it back to the file: one per run between marks."""
    runs, start = [], lo
    for mark in _EMPHASIS.finditer(line.text, lo, hi):
        width = len(mark.group(1) or mark.group(2))
        runs += [(start, mark.start()), (mark.start() + width, mark.end() - width)]
        start = mark.end()
    runs.append((start, hi))
    text, segments = "", []
    for a, b in runs:
        if b > a:
            segments.append(Segment(at + len(text), line.start + a, b - a))
            text += to_display(line.text[a:b])
    return text, segments


def _one_span(p: Passage) -> bool:
    """Whether a passage is one run of its file, apart from the emphasis marks left out (_shown),
    not a list already joined to its lead-in (one segment per item)."""
    return all(b.start - (a.start + a.length) == 2 for a, b in zip(p.segments, p.segments[1:]))


def _safe_name(name: str) -> str:
    """A heading or item name as shown in labels, ids and suggestions: redacted like every quote
    ("Ferrous sulfate 200 mg three times a day" is a teacher's item name, and labels are printed)."""
    from tutor.core.safety.redact import redact

    return redact(name) if name else name


def _slug(name: str) -> str:
    """An id fragment of a name, without its dose details."""
    from tutor.core.safety.redact import MARKER

    return slugify(_safe_name(name).replace(MARKER, " "))


def _pieces(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """[lo, hi) cut at whitespace into spans of at most MAX_PASSAGE_CHARS (one span when it fits)."""
    pieces = []
    while hi - lo > MAX_PASSAGE_CHARS:
        cut = text.rfind(" ", lo + MAX_PASSAGE_CHARS // 2, lo + MAX_PASSAGE_CHARS)
        cut = cut if cut > lo else lo + MAX_PASSAGE_CHARS
        pieces.append((lo, cut))
        lo = cut + 1 if text[cut:cut + 1] == " " else cut
    return pieces + [(lo, hi)]


def _chunk(sentences: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    chunks: list[tuple[int, int]] = []
    for a, b in sentences:
        if chunks and b - chunks[-1][0] <= limit:
            chunks[-1] = (chunks[-1][0], b)
        else:
            chunks.append((a, b))
    return chunks


def _split_item(body: str) -> tuple[str, int] | None:
    """("Gonadorelin", offset of the description) for "Gonadorelin ∞ This synthetic ..." and for
    "**Allergens:** pollen ..."."""
    bold = _BOLD_LEAD.match(body)
    if bold:
        return bold.group("name").strip(), bold.end()
    for dash in _ITEM_DASHES:
        at = body.find(dash)
        if 0 < at <= 60:
            return body[:at].strip(), at + len(dash)
    return None


def _add_bullet(b: _Builder, line: Line, title: str = "") -> None:
    lo = _BULLET.match(line.text).end()
    body = line.text[lo:].rstrip()
    if b.in_references and (b.tier == Tier.REFERENCES or _cites(body)):
        b.add_span(PassageKind.REFERENCE, _reference_title(body), line, lo, lo + len(body), _reference_slug(body))
        return
    bold = _BOLD_LEAD.match(body)
    if bold and len(body) - bold.end() <= MAX_PASSAGE_CHARS:
        # shown as the bundled text's items are, "Allergens — pollen, …", without the asterisks
        raw = bold.group("name")
        name, at = raw.strip(), bold.start("name") + len(raw) - len(raw.lstrip())
        text = f"{name} {DISPLAY_DASH} " + to_display(body[bold.end():])
        segments = [Segment(0, line.start + lo + at, len(name)),
                    Segment(len(name) + 3, line.start + lo + bold.end(), len(body) - bold.end())]
        b.add(PassageKind.BULLET, name, text, segments, _slug(name), context=b.lead)
        return
    item = _split_item(body)
    if item is None:
        b.add_list_item(Line(line.text[lo:], line.start + lo), title)
        return
    b.add_span(PassageKind.BULLET, item[0], line, lo, lo + len(body), _slug(item[0]), context=b.lead)


def _short_items(lines: list[Line], i: int, in_references: bool) -> int:
    """The end of a run of two or more short unnamed list items starting at line i (i itself
    when there is no such run)."""
    if in_references and _cites(lines[i].text):
        return i
    j, total = i, 0
    steps = bool(_STEP.match(lines[i].text))
    while j < len(lines) and _BULLET.match(lines[j].text):
        body = lines[j].text[_BULLET.match(lines[j].text).end():].strip()
        if in_references and _cites(body):
            break                       # the citations after a plain list are references of their own
        total += len(body)
        if _split_item(body) is not None or len(body) > (STEP_CHARS if steps else SHORT_ITEM_CHARS) \
                or steps and (not _STEP.match(lines[j].text) or total > UNASKED_CHUNK_CHARS):
            return i
        j += 1
    return j if j - i >= 2 else i


def _runs_on(lines: list[Line], i: int) -> bool:
    """Whether the paragraph just before line i runs on into the list that starts there: it
    ends in a colon or without a sentence's end ("…, such as", "the patient should")."""
    k = i - 1
    while k >= 0 and lines[k].blank:
        k -= 1
    if k < 0 or _BULLET.match(lines[k].text) or lines[k].text.lstrip().startswith(("#", "|")):
        return False
    return runs_on(lines[k].text)


def _cites(text: str) -> bool:
    """Whether a list item under "Sources" is a citation (it has a year), not "red meat, beans"."""
    return bool(re.search(r"\b(?:19|20)\d\d\b", text))


def _reference_title(body: str) -> str:
    author = re.split(r"[,.]", body, maxsplit=1)[0].strip()      # "Khera, Mohit ...", "Global Initiative for Asthma. ..."
    years = re.findall(r"\b(?:19|20)\d\d\b", body)
    return f"{author} ({years[-1]})" if years else author


def _reference_slug(body: str) -> str:
    return _slug(_reference_title(body))


def _cells(line: Line) -> list[tuple[int, int]]:
    """(start, end) of each stripped cell, relative to the line."""
    cells, pos = [], 0
    for part in line.text.split("|"):
        lo = pos + len(part) - len(part.lstrip())
        hi = pos + len(part.rstrip())
        if hi > lo:
            cells.append((lo, hi))
        pos += len(part) + 1
    return cells


def _add_table(b: _Builder, rows: list[Line]) -> None:
    """One passage per data row, each cell prefixed by its column header so the row reads alone."""
    header, data = rows[0], [r for r in rows[1:] if not _TABLE_RULE.match(r.text)]
    names = _cells(header)
    for row in data:
        text, segments = "", []
        cells = _cells(row)
        for (h_lo, h_hi), (c_lo, c_hi) in zip(names, cells):
            if text:
                text += " "
            segments.append(Segment(len(text), header.start + h_lo, h_hi - h_lo))
            text += to_display(header.text[h_lo:h_hi]) + ": "
            segments.append(Segment(len(text), row.start + c_lo, c_hi - c_lo))
            text += to_display(row.text[c_lo:c_hi])
            if not text.endswith((".", "!", "?")):
                text += "."
        title = to_display(row.text[cells[0][0]:cells[0][1]]) if cells else ""
        b.add(PassageKind.TABLE_ROW, title, text, segments, _slug(title))


def _is_heading(lines: list[Line], i: int) -> bool:
    """A heading in the bundled text's way: a short line after a blank one, its text right below."""
    if i > 0 and not lines[i - 1].blank:
        return False
    if i + 1 >= len(lines) or lines[i + 1].blank:
        return False
    return _heading_shaped(lines[i])


def _heading_shaped(line: Line) -> bool:
    """Short, no sentence end, capitalised, no table or list mark. A question may head a section
    ("What is a fever?"), a sentence not."""
    text = line.text.strip()
    return (len(text) <= 90 and len(text.split()) <= 12 and text[-1] not in ".!:;,"
            and (text[-1] != "?" or len(text.split()) <= 8)
            and "|" not in text and not _BULLET.match(line.text) and text[0].isupper())


def _alone(lines: list[Line], i: int) -> bool:
    """Whether a line is a paragraph of its own (blank lines, or the file's edges, around it)."""
    return (i == 0 or lines[i - 1].blank) and (i + 1 >= len(lines) or lines[i + 1].blank)


def _next_block(lines: list[Line], i: int) -> int | None:
    return next((j for j in range(i + 1, len(lines)) if not lines[j].blank), None)


# An instruction or a statement is no heading however short its line: "Call 999 if a seizure lasts more
# than 5 minutes" and "A febrile seizure is a fit caused by a high temperature", each a paragraph of one
# line with no full stop, had become a heading and a line of the title (a reviewer's).
_INSTRUCTION = re.compile(r"^(?:call|ring|phone|dial|give|take|use|do|don'?t|never|always|keep|see|go|get|seek|stop|try|make"
                          r"|put|wash|apply|avoid|check|tell|ask|let|wait|remember)\b", re.I)
# ... and, with advice a handout lists as items ("Cut back on sodium", "Limit animal protein"), no topic
# to ask "What is …?" of: the verb must stand alone ("Follow-up care", "Check-ups" and "Take-home
# naloxone" name things; a reviewer's), and "Don’t" may have a curly apostrophe
_TELLS = re.compile(r"^(?:call|ring|phone|dial|give|take|use|do|don['’]?t|never|always|keep|see|go|get|seek|stop|try"
                    r"|make|put|wash|apply|avoid|check|tell|ask|let|wait|remember"
                    r"|be|cut|limit|eat|drink|choose|reduce|increase|lose|stay|follow|talk|wear|quit|learn|protect)"
                    r"(?![\w'’-])", re.I)


def reads_as_an_instruction(text: str) -> bool:
    """Whether a title tells the reader what to do ("Call 999 if …", "Cut back on sodium") rather
    than naming a topic ("Follow-up care")."""
    return bool(_TELLS.match(text.strip()))


_SHORT_HEADING_WORDS = 6


def _reads_as_a_heading(line: Line) -> bool:
    """A line alone between blank lines that names a topic: a question, a short phrase, or words in
    title case; not an instruction, and not a longer line in sentence case."""
    text = line.text.strip()
    return _heading_shaped(line) and not _INSTRUCTION.match(text) \
        and (text.endswith("?") or len(text.split()) <= _SHORT_HEADING_WORDS or _in_title_case(text))


def _is_spaced_heading(lines: list[Line], i: int) -> bool:
    """In a file with a title of its own, a heading may stand between blank lines, as a word
    processor's leaflet pasted as text has it ("Common triggers", a blank line, then the text): an
    eczema leaflet's every heading was quoted as a sentence and its 59 passages made one section.
    Its text must follow: a heading-shaped line followed by another ("Information for parents and
    carers" under the title) heads nothing."""
    following = _next_block(lines, i)
    return _alone(lines, i) and _reads_as_a_heading(lines[i]) and following is not None \
        and not (_alone(lines, following) and _reads_as_a_heading(lines[following]))


_GENERIC_HEADINGS = frozenset("overview introduction summary background contents abstract preface notes".split())
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with".split())


def _is_title(lines: list[Line], i: int, first: int | None) -> bool:
    """Whether a line is a plain-text document's title: its first line (`first`), alone in its
    paragraph, short, with no sentence end, one word or every word but the small ones capitalised,
    and no generic heading ("Overview"). A tester's migraine.txt opened "Migraine", which was quoted
    as an answer ("Common triggers include … [1] Migraine [2]"); it names the document, as
    "# Migraine" does in Markdown. "Gout is painful" stays a sentence."""
    text = lines[i].text.strip()
    words = text.split()
    return i == first and (i + 1 >= len(lines) or lines[i + 1].blank) and len(text) <= 90 and len(words) <= 12 \
        and text[-1] not in ".?!:;," and "|" not in text and not _BULLET.match(lines[i].text) \
        and text.lower() not in _GENERIC_HEADINGS and _in_title_case(text) and words[0][0].isupper()


def _in_title_case(text: str) -> bool:
    """Every word capitalised but the small ones, read past an opening bracket or quote ("Eczema
    (Atopic Dermatitis) in Babies"); a word that is no word ("–", "2") is left alone."""
    words = [w.lstrip("([\"'“‘") or w for w in text.split()]
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words)


def _names_the_file(lines: list[Line], first: int) -> bool:
    """Whether a plain-text file opens with a title of its own ("Fever in children", sentence case too):
    a short line alone in its paragraph, with no sentence end, that is not one of the bundled text's parts."""
    text = lines[first].text.strip()
    return (first + 1 >= len(lines) or lines[first + 1].blank) and len(text) <= 90 and len(text.split()) <= 12 \
        and text[-1] not in ".!;," and text.title() not in TIERS and not _BULLET.match(lines[first].text)


def parse_text(text: str, source: str, default_tier: str, chunk: int = MAX_CHUNK_CHARS) -> Document:
    """Parse a plain-text document written in the bundled text's conventions."""
    b = _Builder(source, default_tier, chunk)
    lines = split_lines(text)
    first = next((k for k, line in enumerate(lines) if not line.blank), None)
    titled = first is not None and _names_the_file(lines, first)

    def under_the_title(k: int) -> bool:
        """Whether line k is one of the short lines alone between the title and the first heading."""
        return k > first and _is_title(lines, first, first) \
            and all(_alone(lines, j) and _reads_as_a_heading(lines[j]) for j in range(first, k + 1) if not lines[j].blank)

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.text.strip()
        if line.blank:
            i += 1
            continue
        # the bundled text's parts; in a file with a title of its own ("Fever in Babies and Children")
        # "Glossary" and "References" are its sections: a tester's glossary lines had vanished into
        # the bundled glossary's term list, and its sources joined the bundled text's
        if not titled and stripped.title() in TIERS and stripped[0].isupper() and (i == 0 or lines[i - 1].blank):
            b.set_tier(stripped.title())
        elif _is_title(lines, i, first):
            b.set_tier(to_display(stripped))
        elif b.in_references and b.tier != Tier.REFERENCES and _cites(stripped) and not _BULLET.match(line.text):
            lo = len(line.text) - len(line.text.lstrip())       # a source on a line of its own, as a list item is
            b.add_span(PassageKind.REFERENCE, _reference_title(stripped), line, lo, lo + len(stripped),
                       _reference_slug(stripped))
        elif b.tier == Tier.GLOSSARY:
            b.doc.glossary_terms.append(stripped)
        elif "|" in line.text and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1].text):
            j = i + 2
            while j < len(lines) and "|" in lines[j].text:
                j += 1
            _add_table(b, lines[i:j])
            i = j
            continue
        elif _BULLET.match(line.text):
            end = _short_items(lines, i, b.in_references)
            if end > i:
                b.add_short_items(lines[i:end], lead_in=_runs_on(lines, i))
                i = end
                continue
            _add_bullet(b, line)
        elif _is_heading(lines, i) or titled and i != first and _is_spaced_heading(lines, i):
            b.set_section(to_display(stripped))
        elif titled and under_the_title(i):
            pass            # "Information for parents and carers" under the title: the title's, no sentence to quote
        else:
            b.add_prose(line)
        i += 1
    return b.doc


# HTML inside Markdown: what is never text (comments, scripts, styles) goes whole, a tag goes and
# leaves its text. A tester's handout had "<script>alert('xss')</script>" quoted as an answer sentence.
_NOT_TEXT = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|hr|li|ul|ol|tr|td|th|table|thead|tbody|h[1-6]|section|article|blockquote)"
                        r"\b[^<>]*>", re.I)
_INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def without_html(text: str) -> str:
    """Markdown's HTML as the text a reader sees: comments, scripts and styles removed (their
    lines kept, empty), block tags as spaces, other tags dropped; "levels < 5" is no tag."""
    text = _NOT_TEXT.sub(lambda m: "\n" * m.group().count("\n"), text)
    return _INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", text))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


# A thematic break ("---", "* * *") after a blank line: a line across the page, not text ("---"
# was taught as a passage); right under a line of text, "---" underlines a heading and stays.
_RULE = re.compile(r"(?<=\n\n)[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*(?=\n|\Z)")


def without_front_matter(text: str) -> str:
    """Markdown from Obsidian, Jekyll or Hugo opens with a YAML block between "---" lines (title,
    author, date): data about the file, not text to teach (it was taught as five passages, a
    tester's). Its lines are kept blank, so line numbers stay."""
    found = _FRONT_MATTER.match(text)
    return "\n" * found.group(0).count("\n") + text[found.end():] if found else text


# What starts or ends a block of Markdown, so that a line is no continuation of the one before: a
# heading, a list item, a table row, a fence, a quote, a heading's underline, a comment.
_BLOCK_LINE = re.compile(r"^\s{0,3}(?:#{1,6}(?:\s|$)|```|~~~|>|<!--|\|)|^\s*(?:[-*•+]|\d{1,2}[.)])\s|^\s*[=\-]{2,}\s*$"
                         r"|\|.*\|")


def with_soft_breaks_joined(text: str) -> str:
    """Markdown with its soft line breaks as spaces: the lines of one paragraph or list item, wrapped
    at 80 or 100 columns as many editors save them, are one paragraph (CommonMark). Each was taught
    as a passage of its own, and answers stopped mid-sentence ("caused by a knock, blow or jolt to
    [1] the head or body. [2]"; a teachers' tester's). Each newline (with a Windows line end's CR)
    becomes a space, so every offset into the file stays where it was. A line with a pipe is a table
    row; a list item runs on only over indented lines ("Go to A&E if:" after a list starts anew)."""
    lines = text.split("\n")
    fenced = in_item = in_list = False
    for k, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced, in_item, in_list = not fenced, False, False
            continue
        if not line.strip():
            in_item = in_list = False
            continue
        before = lines[k - 1] if k else ""
        # a paragraph, not a line inside a list ("1. Stay calm …", "Most seizures stop on their own.", "2. …":
        # there "2." is the next item; a reviewer's)
        in_prose = before.strip() and not in_item and not in_list and not _ENDS_A_BLOCK.match(before) and "|" not in before
        step = _STEP.match(line)
        # only "1." starts a list inside a paragraph (CommonMark): "… eye screening every year from the
        # age of" wrapped before "12. Photographs are taken …" (a diabetes handout's) is one paragraph
        continues = bool(in_prose and step and step.group(1) != "1")
        item = bool(_BULLET.match(line)) and not continues
        joins = k and not fenced and before.strip() and not item and "|" not in line and "|" not in before \
            and (continues or not _BLOCK_LINE.search(line)) and not _ENDS_A_BLOCK.match(before) \
            and not before.rstrip("\r").endswith(("  ", "\\")) and (not in_item or line[:1] in (" ", "\t"))
        if joins:
            lines[k - 1] = (before[:-1] + " " if before.endswith("\r") else before) + "\0"     # joined below
        else:
            in_item = item
            in_list = (in_list or item) and not _ENDS_A_BLOCK.match(line)
    return "\n".join(lines).replace("\0\n", " ")


# A line after which the next never runs on: a heading, a fence, a quote, a comment, an underline.
_ENDS_A_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}(?:\s|$)|```|~~~|>|<!--)|^\s*[=\-]{2,}\s*\r?$")


def parse_markdown(text: str, source: str, default_tier: str, chunk: int = MAX_CHUNK_CHARS) -> Document:
    """Parse Markdown: # tier, ## section, ### item; lists and pipe tables as in plain text."""
    b = _Builder(source, default_tier, chunk)
    lines = split_lines(with_soft_breaks_joined(without_html(_RULE.sub("", without_front_matter(text)))))
    title, i = "", 0
    while i < len(lines):
        line = lines[i]
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line.text)
        if heading:
            level, name = len(heading.group(1)), to_display(heading.group(2))
            if level == 1:
                b.set_tier(name)
            elif level == 2:
                b.set_section(name)
            title = name if level >= 3 else ""
        elif "|" in line.text and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1].text):
            j = i + 2
            while j < len(lines) and "|" in lines[j].text:
                j += 1
            _add_table(b, lines[i:j])
            i = j
            continue
        elif _BULLET.match(line.text):
            end = _short_items(lines, i, b.in_references)
            if end > i:
                b.add_short_items(lines[i:end], title, lead_in=_runs_on(lines, i))
                i = end
                continue
            _add_bullet(b, line, title)
        elif not line.blank and not line.text.lstrip().startswith(("```", "<!--", ">")):
            b.add_prose(line, title)
        i += 1
    return b.doc


def parse_file(path: Path, chunk: int = MAX_CHUNK_CHARS) -> Document:
    """Parse one corpus file by its suffix; the file's title becomes the tier of untitled text."""
    text = path.read_text(encoding="utf-8-sig")     # a byte-order mark (Notepad) is no text: "# Title" stays a heading
    default_tier = path.stem.replace("-", " ").replace("_", " ").strip().title()
    parse = parse_markdown if path.suffix.lower() in (".md", ".markdown") else parse_text
    return parse(text, path.name, default_tier, chunk)
