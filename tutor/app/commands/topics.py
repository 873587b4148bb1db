"""`tutor topics`: the tiers and sections of the text, with passage ids to look up."""

from __future__ import annotations

from tutor.app.status import ExitStatus


def outline(index) -> list[tuple[str, str, str, int]]:
    """(tier, section, first passage id, passage count) for each section in reading order."""
    rows: dict[tuple[str, str], list] = {}
    for p in index.passages:
        rows.setdefault((p.tier, p.section), []).append(p.id)
    return [(tier, section, ids[0], len(ids)) for (tier, section), ids in rows.items()]


def table(index):
    """The outline as a rich table (styled terminals)."""
    from rich.table import Table

    result = Table(title="What the text covers")
    result.add_column("Tier", style="bold")
    result.add_column("Section")
    result.add_column("Passages", justify="right")
    result.add_column("Start with", style="dim")
    for tier, section, first, n in outline(index):
        result.add_row(tier, "" if section == tier else section, str(n), first)
    return result


def lines(index) -> str:
    """The outline as plain text, one section a line."""
    return "\n".join(f"{tier if section == tier else f'{tier} › {section}'}  ({n} passages, /source {first})"
                     for tier, section, first, n in outline(index))


def render(terminal, index) -> None:
    if terminal.rich:
        terminal.out.print(table(index))
    else:
        terminal.out.print(lines(index), soft_wrap=True)


def run(args, terminal) -> int:
    from tutor.app.commands.common import open_index

    index = open_index(args, terminal)
    render(terminal, index)
    return ExitStatus.OK
