"""`tutor topics`: the tiers and sections of the text, with passage ids to look up."""

from __future__ import annotations

from tutor.status import ExitStatus


def outline(index) -> list[tuple[str, str, str, int]]:
    """(tier, section, first passage id, passage count) for each section in reading order."""
    rows: dict[tuple[str, str], list] = {}
    for p in index.passages:
        rows.setdefault((p.tier, p.section), []).append(p.id)
    return [(tier, section, ids[0], len(ids)) for (tier, section), ids in rows.items()]


def render(terminal, index) -> None:
    from rich.table import Table

    if not terminal.rich:
        current = None
        for tier, section, first, n in outline(index):
            if tier != current:
                terminal.out.print(tier)
                current = tier
            name = f"{section}  " if section != tier else ""
            terminal.out.print(f"  {name}({n} passages, /source {first})", soft_wrap=True)
        return
    table = Table(title="What the text covers", show_lines=False)
    table.add_column("Tier", style="bold")
    table.add_column("Section")
    table.add_column("Passages", justify="right")
    table.add_column("Start with", style="dim")
    for tier, section, first, n in outline(index):
        table.add_row(tier, "" if section == tier else section, str(n), first)
    terminal.out.print(table)


def run(args, terminal) -> int:
    from tutor import paths
    from tutor.commands.common import RebuildProgress
    from tutor.tutor import open_index

    with RebuildProgress(terminal) as progress:
        index = open_index(paths.corpus_dir(args.corpus), paths.index_dir(args.index),
                           on_rebuild=terminal.note, progress=progress.update)
    render(terminal, index)
    return ExitStatus.OK
