"""Quotable units of the text — sentences of prose and items, whole table rows and references —
in reading order, each with its embedding.

Passages are the units of retrieval; units are the units of an answer. An explanation often
runs across a passage boundary ("The hypothalamus … releases GnRH." / "This signals the
pituitary …"), so units know their neighbours in reading order across passages of the same
section, and whether a unit leans on the one before it ("This…", "These…", "It…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from tutor.core.vocab import PassageKind

# A sentence that opens with one of these continues the thought of the sentence before it.
_LEANS_BACK = re.compile(
    r"^(?:this|these|that|those|it|its|they|their|such|thereby|therefore|thus|hence|subsequent|subsequently"
    r"|the\s+resulting|by\s+doing\s+so|in\s+turn|as\s+a\s+result|consequently|similarly|similar\s+to"
    # the rest of a list of cases or a contrast: "Rarely, it is caused by cancer" follows "In about
    # 80 percent … an adenoma"; alone it read as the cause (a teacher's text)
    r"|however|but|also|otherwise|in\s+addition|rarely|more\s+rarely|less\s+(?:often|commonly)"
    r"|in\s+(?:most\s+)?other\s+cases|in\s+(?:rare|a\s+few|some|many)\s+cases"
    # an example of the sentence before: "For example, chronic stress can activate the HPA axis …"
    # illustrates "Nutritional status, stress management, sleep quality … all play a role"
    r"|for\s+(?:example|instance)|e\.g\."
    # a first phrase that points back: "In most such cases, however, the glands function normally"
    # was quoted first, alone, for "what does the parathyroid do" (a tester's)
    r"|(?:in|for|of|with|among|at|on|during|after|from|unlike|while|although|though|because|since|when|once|if|as"
    r"|whereas|unless)\s+(?:\w+\s+){0,2}?(?:such|these|those|this|that)"
    r"|[^,.;:]{0,40},\s*(?:however|though|therefore|thus|then|too)(?=\s*,))\b",
    re.IGNORECASE)


_LATER_STEP = re.compile(r"^(?:[2-9]|[1-9]\d)[.)]\s")
_SECOND_STEP = re.compile(r"(?:^|[\s:;])2[.)]\s")


@dataclass(frozen=True)
class Unit:
    number: int                 # position in reading order (row of the unit vectors)
    row: int                    # the passage it belongs to
    start: int                  # span in the passage text
    end: int


def spans(passage) -> list[tuple[int, int]]:
    """A passage's quotable spans: the whole of a table row or reference, sentences elsewhere."""
    if passage.kind in (PassageKind.TABLE_ROW, PassageKind.REFERENCE) or not passage.sentences:
        return [(0, len(passage.text))]
    return [tuple(s) for s in passage.sentences]


def unit_texts(passages) -> list[str]:
    """What the index embeds for every unit, in reading order: its text, and for a sentence that
    leans on the one before it ("It lowers the amount of glucose the liver releases…") that one
    too, so its vector knows what "it" is ("what does metformin do?" was answered with the
    sentence before it, which names metformin but says something else)."""
    out = []
    for p in passages:
        for n, (a, b) in enumerate(spans(p)):
            text = p.text[a:b]
            if n and _LEANS_BACK.match(text):
                before = spans(p)[n - 1]
                text = f"{p.text[before[0]:before[1]]} {text}"
            out.append(text)
    return out


class Units:
    """Every unit of the corpus, with vectors aligned to `number`."""

    def __init__(self, passages, vectors: np.ndarray) -> None:
        self.passages = passages
        self.row_of_id = {p.id: row for row, p in enumerate(passages)}
        self.all: list[Unit] = []
        self.of_row: list[list[Unit]] = []
        for row, p in enumerate(passages):
            mine = [Unit(len(self.all) + i, row, a, b) for i, (a, b) in enumerate(spans(p))]
            self.all += mine
            self.of_row.append(mine)
        if len(vectors) != len(self.all):
            raise ValueError("unit vectors disagree with the passages")
        self.vectors = vectors
        self._items: dict[tuple[str, str, str], list[int]] | None = None
        self._sections: dict[tuple[str, str, str], str] | None = None

    def __len__(self) -> int:
        return len(self.all)

    def around(self, unit: Unit) -> str:
        """The section a unit is in, with its headings (passage.sections): redact's `within` for it."""
        return self.surroundings(self.passages[unit.row])

    def surroundings(self, passage) -> str:
        """A passage's section with its headings (passage.sections), read once for the index and its units."""
        if self._sections is None:
            from tutor.core.corpus.passage import sections

            self._sections = sections(self.passages)
        return self._sections.get(passage.place, passage.text)

    def shown(self, unit: Unit) -> str:
        """A unit as answers show it: redacted within its section."""
        from tutor.core.safety.redact import redact

        return redact(self.text(unit), self.around(unit))

    def items_of(self, lead: str, source: str, section: str) -> list[int]:
        """The rows of a list's items, in reading order: the passages read with the lead-in `lead`
        in one section of one file. Grouped once per index, not scanned on every answer."""
        if self._items is None:
            self._items = {}
            for row, p in enumerate(self.passages):
                if p.context.strip():
                    self._items.setdefault((p.context.strip(), p.source, p.section), []).append(row)
        return self._items.get((lead, source, section), [])

    def text(self, unit: Unit) -> str:
        return self.passages[unit.row].text[unit.start:unit.end]

    def leans_back(self, unit: Unit) -> bool:
        return bool(_LEANS_BACK.match(self.text(unit)))

    def a_later_step(self, unit: Unit) -> bool:
        """Whether a unit is a numbered step after the first ("2. Call 999 …"): for a question that
        asks what to do, it leans on the step before it (select._run)."""
        return bool(_LATER_STEP.match(self.text(unit)))

    def holds_steps(self, row: int) -> bool:
        """Whether a passage holds numbered steps (as units of their own, or run into their lead-in)."""
        return any(self.a_later_step(u) for u in self.of_row[row]) or bool(_SECOND_STEP.search(self.passages[row].text))

    def next(self, unit: Unit) -> Unit | None:
        """The unit after this one in the same section (and the same item, for items)."""
        return self._neighbour(unit, +1)

    def previous(self, unit: Unit) -> Unit | None:
        return self._neighbour(unit, -1)

    def past_the_insert(self, unit: Unit) -> Unit | None:
        """The prose that goes on after a table or list set into a paragraph's explanation: for the
        last unit of a prose passage followed, in the same section, by table rows or list items, the
        first sentence of prose after them. "Unlike direct GH administration, … these peptides work
        by mimicking … GHRH or ghrelin." is followed by the peptide table and only then by "These
        peptides encourage the pituitary gland to release GH in a more pulsatile, physiological
        manner …": the table interrupts the explanation; it does not end it."""
        here = self.passages[unit.row]
        if here.kind != PassageKind.PROSE or self.next(unit) is not None:
            return None
        n, skipped = unit.number + 1, False
        while n < len(self.all):
            there = self.passages[self.all[n].row]
            if (there.source, there.tier, there.section) != (here.source, here.tier, here.section):
                return None
            if there.kind == PassageKind.PROSE:
                return self.all[n] if skipped else None
            skipped = True
            n += 1
        return None

    def same_block(self, a: Unit, b: Unit) -> bool:
        """Whether two units sit in one passage or one paragraph (chunks of a paragraph)."""
        return _block(self.passages[a.row]) == _block(self.passages[b.row])

    def following(self, unit: Unit) -> Unit | None:
        """The unit after this one in reading order for "and then?": within a passage, then on
        across paragraphs and sections of the same file, and from a paragraph into the list it
        introduces. Not out of a list item or table row: the next item is another subject, not
        what happens next."""
        n = unit.number + 1
        if n >= len(self.all):
            return None
        other = self.all[n]
        here, there = self.passages[unit.row], self.passages[other.row]
        if other.row == unit.row:
            return other
        if here.source != there.source or here.kind != PassageKind.PROSE:
            return None
        return other

    def at_end(self, number: int) -> bool:
        """Whether this unit is the last of its file."""
        unit = self.all[number]
        return number + 1 >= len(self.all) or \
            self.passages[self.all[number + 1].row].source != self.passages[unit.row].source

    def lead_in(self, unit: Unit) -> Unit | None:
        """For the first unit of a named item, the sentence that introduces its list ("Common signs
        include:"), when the item was read with one and it ends in a colon."""
        passage = self.passages[unit.row]
        lead = passage.context.strip()
        if passage.kind == PassageKind.PROSE or not lead.endswith(":") or self.of_row[unit.row][0] != unit:
            return None
        for n in range(unit.number - 1, max(unit.number - 40, -1), -1):
            other = self.all[n]
            there = self.passages[other.row]
            if (there.source, there.section) != (passage.source, passage.section):
                return None
            if self.text(other).strip() == lead:
                return other
        return None

    def _neighbour(self, unit: Unit, step: int) -> Unit | None:
        n = unit.number + step
        if not 0 <= n < len(self.all):
            return None
        other = self.all[n]
        here, there = self.passages[unit.row], self.passages[other.row]
        if (here.source, here.tier, here.section) != (there.source, there.tier, there.section):
            return None
        if other.row != unit.row and (here.kind != PassageKind.PROSE or there.kind != PassageKind.PROSE):
            return None             # an item or row ends where it ends
        return other


def _block(passage) -> str:
    return re.sub(r"-\d+$", "", passage.id) if passage.kind == PassageKind.PROSE else passage.id
