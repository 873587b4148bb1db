"""The retrievable unit of the source text, with what is needed to check any quote against it."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.core.text import split_sentences


@dataclass(frozen=True)
class Segment:
    """A run of passage text copied from the source: text[at:at+length] == display(source[start:start+length])."""

    at: int
    start: int
    length: int


@dataclass(frozen=True)
class Passage:
    """One passage: a prose chunk, a bulleted item, a table row or a reference.

    `text` is what learners see and what answers quote; `segments` map it back to character
    offsets in `source` (a file name under corpus/). Table rows carry their column headers,
    so they have several segments; everything else has one.
    """

    id: str
    tier: str
    section: str
    title: str
    kind: str
    text: str
    source: str
    segments: tuple[Segment, ...]
    order: int = 0
    sentences: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    context: str = field(default="", compare=False)   # a list item's lead-in sentence, for the embedding

    def __post_init__(self) -> None:
        if not self.sentences:
            object.__setattr__(self, "sentences", tuple(split_sentences(self.text)))

    @property
    def start(self) -> int:
        return min(s.start for s in self.segments)

    @property
    def end(self) -> int:
        return max(s.start + s.length for s in self.segments)

    @property
    def place(self) -> tuple[str, str, str]:
        """The file, tier and section a passage is under: passages with the same place share a heading."""
        return self.source, self.tier, self.section

    @property
    def label(self) -> str:
        """Tier › Section › Item, skipping empty and repeated parts."""
        parts: list[str] = []
        for part in (self.tier, self.section, self.title):
            if part and (not parts or parts[-1] != part):
                parts.append(part)
        return " › ".join(parts)

    @property
    def embed_text(self) -> str:
        """What the model sees: the section and item headings, a list item's lead-in sentence, the
        text. Not the tier or document title: it is the same for every passage of a file, and in
        front of a short passage it outweighs the passage itself. Answers quote only `text`."""
        heading = " › ".join(x for x in dict.fromkeys([self.section if self.section != self.tier else "", self.title])
                             if x)
        body = f"{self.context} {self.text}" if self.context else self.text
        return f"{heading}: {body}" if heading else body

    def sentence_texts(self) -> list[str]:
        return [self.text[a:b] for a, b in self.sentences]

    def to_dict(self) -> dict:
        return {
            "id": self.id, "tier": self.tier, "section": self.section, "title": self.title,
            "kind": self.kind, "text": self.text, "source": self.source, "order": self.order,
            "start": self.start, "end": self.end,
            "segments": [[s.at, s.start, s.length] for s in self.segments],
            "sentences": [list(s) for s in self.sentences],
            **({"context": self.context} if self.context else {}),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Passage":
        return cls(
            id=data["id"], tier=data["tier"], section=data["section"], title=data["title"],
            kind=data["kind"], text=data["text"], source=data["source"], order=data["order"],
            segments=tuple(Segment(*s) for s in data["segments"]),
            sentences=tuple(tuple(s) for s in data["sentences"]), context=data.get("context", ""),
        )


def sections(passages) -> dict[tuple[str, str, str], str]:
    """For each place (file, tier, section), what the redaction reads to tell whether the text around a quote speaks
    of a medicine (redact's `within`): the section's headings and every passage under it, and the first section
    before it in its file that speaks of one. The section, not the passage: "Avoid tea or coffee for 2 hours either
    side" may follow, a chunk later, the tablet it is timed by; and the sections before it too: a handout's "Your pain
    relief" named paracetamol and its next section, "How many and how often", gave the doses (a reviewer's)."""
    from tutor.core.safety.redact import speaks_of_a_medicine

    grouped: dict[tuple[str, str, str], list[str]] = {}
    for p in passages:
        grouped.setdefault(p.place, [p.tier, p.section]).extend(x for x in (p.title, p.context, p.text) if x)
    out, first_of_medicines = {}, {}
    for place, parts in grouped.items():        # in reading order: dicts keep the order places first appeared in
        own = "\n".join(dict.fromkeys(parts))
        earlier = first_of_medicines.get(place[0])
        out[place] = f"{earlier}\n{own}" if earlier else own
        if earlier is None and speaks_of_a_medicine(own):
            first_of_medicines[place[0]] = own
    return out
