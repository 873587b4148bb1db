"""`tutor topics`: the tiers and sections of the text, with passage ids to look up."""

from __future__ import annotations

from tutor.app.status import ExitStatus


def run(args, terminal) -> int:
    from tutor.app.commands.common import open_index
    from tutor.app.render import topics

    topics.show(terminal, open_index(args, terminal))
    return ExitStatus.OK
