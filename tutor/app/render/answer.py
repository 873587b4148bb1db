"""Answers as rich renderables (styled terminals) or plain text (pipes, NO_COLOR, --plain)."""

from __future__ import annotations

import re
from typing import Callable

from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tutor.core.answer.answer import ANSWERED, REFUSED, Answer
from tutor.core.vocab import Reason


def source_line(c) -> str:
    return f"[{c.n}] {c.passage.label}  ({c.passage.id})"


def answer_text(answer: Answer) -> Text:
    """The quoted sentences with their markers, as one wrapped paragraph."""
    text = Text()
    if not answer.quotes:
        return Text(answer.message)
    if answer.note:
        # on a line of its own: the emergency numbers after an alarming word told at a distance ran
        # on into the first quote at 80 columns
        text.append(answer.note + "\n", style="italic")
    for i, q in enumerate(answer.quotes):
        text.append(answer.separator(i))
        text.append(q.text)
        text.append(f" [{q.n}]", style="bold cyan")
    return text


DEFINED_ABOVE = "defined in the answer above"


def _quoted(answer: Answer, item) -> bool:
    """Whether a glossary definition is already one of the answer's quotes (then it is not repeated;
    the JSON output keeps it, since scripts read the definition from there)."""
    return item.definition in " ".join(q.text for q in answer.quotes)


class TypedId(Text):
    """A passage id on a line of its own, printed with soft wrap (print_rich): the terminal may
    wrap it, rich never breaks it, so the learner copies it whole (folded, "…clomid-clomiphene-" /
    "citrate" was copied as two lines)."""

    passage_id: str = ""
    prefix: str = ""


def typed_id(passage_id: str, indent: str = "    ", prefix: str = "") -> Text:
    typed = TypedId(indent + prefix + passage_id, style="dim")
    typed.passage_id, typed.prefix = passage_id, prefix
    return typed


def print_rich(console, renderable, short: Callable[[str], str] | None = None) -> None:
    """Print a rendered answer part by part, passage ids soft-wrapped; an id that would not fit
    beside its indent goes without it (at 80 columns "    /source …/pt-141-bremelanotide" ran over
    by two), and one that does not fit at all is shown by its shortest unique ending, which /source
    takes too (`short`, Index.short_id): "…/clomid-clomiphene-citrate", not an 83-character id the
    terminal folds in two."""
    for part in getattr(renderable, "renderables", [renderable]):
        if isinstance(part, TypedId) and part.cell_len > console.width:
            indent = part.plain[:len(part.plain) - len(part.plain.lstrip(" "))]
            plain = part.plain.lstrip(" ")
            if len(plain) > console.width and short is not None and part.passage_id:
                ending = short(part.passage_id)
                plain = part.prefix + (ending if ending == part.passage_id else f"…/{ending}")
                plain = indent + plain if len(indent + plain) <= console.width else plain
            part = TypedId(plain, style=part.style)
        console.print(part, soft_wrap=isinstance(part, TypedId))


READ_AS_CHARS = 90
# the passage a not-covered reply names: at its end, or before where to turn (Tutor._say_where_to_turn)
_SOURCE_IN_MESSAGE = re.compile(r" \(/source (\S+?)\)\.?(?=\s|$)")


def read_as(answer: Answer, limit: int | None = READ_AS_CHARS) -> str:
    """What the turn was searched as, when it differs from what was typed; shortened under an
    answer, because a "why?" is searched with the whole sentence it asks about, and a line of that
    says little there; whole in /history (limit None), which is where a learner looks for it."""
    resolved = answer.resolved_question
    if not resolved or resolved == answer.question or answer.reason == Reason.EMERGENCY:
        return ""       # an emergency's answer is the message alone: "↳ why is my testosterone low?" above it
                        # read as if the question had been taken up (a tester's)
    claim = resolved[len(answer.question):].strip() if answer.reading == "ellipsis" and \
        resolved.startswith(answer.question) else ""
    if claim:       # "is that permanent Clinical strategies for men …" read as one garbled question (a tester's)
        resolved = f"{answer.question.rstrip()} — about “{claim}”"
    if limit is None or len(resolved) <= limit:
        return resolved
    shown = resolved[:limit].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    if claim and len(shown.partition(" — about “")[2].split()) < CLAIM_WORDS:
        # a long question left the claim a word ("… get asthma? — about “Some …”", a tester's)
        tail = " — about the last answer"
        question = answer.question.rstrip()
        if len(question) + len(tail) > limit:
            question = question[:limit - len(tail)].rsplit(" ", 1)[0].rstrip(" ,;:—-") + " …"
        return question + tail
    return shown + (" …”" if claim else " …")


CLAIM_WORDS = 4     # fewer words of the claim than this say nothing of it


def next_steps(answer: Answer, in_chat: bool = True) -> str:
    """What to ask next. Outside the chat its commands cannot be typed: only questions are
    offered, as the command that asks them."""
    offered = _offered(answer, in_chat)
    return "Next: " + " · ".join(offered) if offered else ""


def _offered(answer: Answer, in_chat: bool) -> list[str]:
    return answer.suggestions if in_chat else [f'tutor ask "{s}"' for s in answer.suggestions if not s.startswith("/")]


def render_rich(answer: Answer, show_resolved: bool = True, in_chat: bool = True) -> Group:
    parts = []
    if show_resolved and read_as(answer):
        parts.append(Text(f"↳ {read_as(answer)}", style="dim italic"))
    if answer.status == REFUSED:
        emergency = answer.reason == Reason.EMERGENCY
        # a diagnosis refused, then what the text says in general (Tutor._what_the_text_says): "Can’t help
        # with that" above a cited answer read as a contradiction (a reviewer's)
        # a refusal that leads with the numbers (the severity model doubted an emergency) is titled for
        # them: "Can’t help with that" above "… it may need urgent help: call …" read as a brush-off
        urgent = answer.maybe_urgent
        title = "This may be an emergency" if emergency else "It may need urgent help" if urgent \
            else "Only a clinician can say" if answer.quotes else "Can’t help with that"
        parts.append(Panel(Text(answer.message), border_style="bold red" if emergency else "red" if urgent else "yellow",
                           title=title, title_align="left"))
        if not answer.quotes:
            return Group(*parts)
    elif answer.status != ANSWERED:
        # the passage to read, on a line of its own: wrapped by rich inside the sentence, the id
        # was broken in two and "/source …" could not be copied (a tester's)
        match = _SOURCE_IN_MESSAGE.search(answer.message)
        message, after = answer.message, ""
        if match:       # "… the closest section is X:" before the id; a quote already ends its sentence
            message = message[:match.start()] + ("" if message[:match.start()].endswith(("”", ".", '"')) else ":")
            after = answer.message[match.end():].strip()
        parts.append(Text(message, style="italic"))
        if match:
            parts.append(typed_id(match.group(1), prefix="/source "))
        if after:       # where to turn, after the passage's id
            parts.append(Text(after, style="italic"))
        return Group(*parts)
    parts.append(Padding(answer_text(answer), (0, 0, 1, 0)))
    parts += _glossary_parts(answer)
    if answer.sources:          # the text's outline cites nothing
        parts.append(Text("Sources", style="bold"))
    for c in answer.sources:
        parts.append(_source_label(c.n, c.passage.label))
        parts.append(typed_id(c.passage.id))
    parts.append(Text())
    if next_steps(answer, in_chat):
        parts.append(NextSteps(_offered(answer, in_chat)))
    return Group(*parts)


class NextSteps:
    """"Next: a · b · c", broken between suggestions, never inside one: "What is\nTamoxifen?" at
    80 columns split a question to type in two (an exploratory tester's). One longer than the
    width is wrapped as any text is."""

    def __init__(self, offered: list[str]) -> None:
        self.offered = offered

    def __rich_console__(self, console, options):
        from rich.cells import cell_len

        width, line = options.max_width, "Next: "
        for n, item in enumerate(self.offered):
            piece = item if n == 0 else " · " + item
            if n and cell_len(line) + cell_len(piece) > width:
                yield Text(line.rstrip(), style="dim")
                line, piece = "      ", item
            line += piece
        yield Text(line, style="dim")


def _source_label(n: int, label: str) -> Table:
    """"[1] Tier › Section › Item", a long label wrapping under itself rather than under "[1]"
    ("(Clomiphene Citrate)" started a line at column 0 at 80 columns, a tester's)."""
    row = Table.grid()
    row.add_column(no_wrap=True)
    row.add_column()
    row.add_row(Text(f"[{n}] ", style="bold cyan"), Text(label))
    return row


def _glossary_parts(answer: Answer) -> list:
    """One panel for the definitions the answer did not already quote; one dim line naming the
    terms it did (a box per term said nothing new and pushed the sources off the screen)."""
    shown = [g for g in answer.glossary if not _quoted(answer, g)]
    above = [g.term for g in answer.glossary if _quoted(answer, g)]
    parts = []
    if shown:
        body = Text()
        for i, g in enumerate(shown):
            body.append(("\n" if i else "") + g.term, style="bold")
            body.append(" — " + g.definition)
        parts.append(Panel(body, title="Glossary", title_align="left", border_style="green"))
    if above:
        parts.append(Text(f"Glossary: {', '.join(above)} — {DEFINED_ABOVE}", style="dim"))
    return parts


def render_plain(answer: Answer, show_resolved: bool = True, in_chat: bool = True) -> str:
    lines = []
    if show_resolved and read_as(answer):
        lines.append(f"({read_as(answer)})")
    lines.append(answer.text)
    if answer.status == ANSWERED or answer.quotes:
        for g in answer.glossary:
            lines.append(f"Glossary: {g.term} — {DEFINED_ABOVE if _quoted(answer, g) else g.definition}")
        if answer.sources:
            lines.append("Sources:")
        lines += [source_line(c) for c in answer.sources]
        if next_steps(answer, in_chat):
            lines.append(next_steps(answer, in_chat))
    return "\n".join(lines)


def show(terminal, answer: Answer, show_resolved: bool = True, short: Callable[[str], str] | None = None) -> None:
    """An answer printed outside the chat (`tutor ask`)."""
    if terminal.rich:
        print_rich(terminal.out, render_rich(answer, show_resolved, in_chat=False), short)
    else:
        terminal.out.print(render_plain(answer, show_resolved, in_chat=False), markup=False, highlight=False,
                           soft_wrap=terminal.soft_wrap)
