"""The outline of the text on the terminal: a rich table, or one plain line per section."""

from __future__ import annotations

from tutor.core.corpus.outline import outline


def table(index):
    """The outline as a rich table (styled terminals)."""
    from rich.table import Table

    result = Table(title="What the text covers")
    result.add_column("Tier", style="bold")
    result.add_column("Section")
    result.add_column("Passages", justify="right")
    result.add_column("Start with", style="dim", overflow="fold")   # an id is typed: never cut it short
    for tier, section, first, n in outline(index.passages):
        result.add_row(tier, "" if section == tier else section, str(n), first)
    return result


def lines(index) -> str:
    """The outline as plain text, one section a line."""
    return "\n".join(f"{tier if section == tier else f'{tier} › {section}'}  ({n} passage{'' if n == 1 else 's'}, /source {first})"
                     for tier, section, first, n in outline(index.passages))


OPENING_CHARS = 70     # of each passage shown beside its id by `tutor topics --ids`


def every_id(index) -> str:
    """Every passage id, one a line, with its label and opening words (redacted, as everything
    shown from the text)."""
    from tutor.core.safety.redact import redact

    def opening(passage) -> str:
        shown = index.shown(passage, " ".join(passage.text.split()))
        return shown if len(shown) <= OPENING_CHARS else shown[:OPENING_CHARS - 1].rstrip() + "…"

    return "\n".join(f"{p.id}  {redact(p.label)}: {opening(p)}" for p in index.passages)


def every_id_on_a_terminal(index, width: int) -> str:
    """every_id for a person at a terminal narrower than its lines: each id on a line of its own,
    its label and opening words wrapped between words below it. At 80 columns the one-line form
    was folded by the terminal mid-word ("expe / rience", an exploratory tester's); piped into
    grep or cut, the one-line form is kept."""
    import textwrap

    lines = every_id(index).splitlines()
    if all(len(line) <= width for line in lines):
        return "\n".join(lines)
    out = []
    for line in lines:
        passage_id, _, rest = line.partition("  ")
        out.append(passage_id)
        out += textwrap.wrap(rest, width=max(width - 1, 20), initial_indent="    ", subsequent_indent="    ")
    return "\n".join(out)


WIDE = 120     # columns a table needs to show the ids of the bundled text unbroken


def rich(index, width: int):
    """A table on a wide terminal; on a narrower one each section with its first id on a line of
    its own (print_rich soft-wraps it, so it is copied whole rather than folded mid-word)."""
    if width >= WIDE:
        return table(index)
    from rich.console import Group
    from rich.text import Text

    from tutor.app.render.answer import typed_id

    parts = [Text("What the text covers", style="bold")]
    for tier, section, first, n in outline(index.passages):
        name = tier if section == tier else f"{tier} › {section}"
        parts += [Text(f"{name}  ({n} passage{'' if n == 1 else 's'})"), typed_id(first, prefix="/source ")]
    return Group(*parts)


IN_THE_CHAT = "The /source commands are typed in the chat (tutor chat), where they show the section's text."


def show(terminal, index) -> None:
    """`tutor topics` in the shell, where /source cannot be typed: said once after the outline (a
    tester typed it at the shell prompt)."""
    if terminal.rich:
        from rich.text import Text

        from tutor.app.render.answer import print_rich

        print_rich(terminal.out, rich(index, terminal.out.width), index.short_id)
        terminal.out.print(Text(IN_THE_CHAT, style="dim"))
    else:
        terminal.out.print(lines(index), soft_wrap=True)
        terminal.out.print(IN_THE_CHAT, soft_wrap=terminal.soft_wrap)
