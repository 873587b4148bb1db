"""`tutor topics`: the tiers and sections of the text, with passage ids to look up."""

from __future__ import annotations

from tutor.app.status import ExitStatus


def run(args, terminal) -> int:
    from tutor.app.commands.common import open_index
    from tutor.app.render import topics

    index = open_index(args, terminal)
    if args.ids:
        # every id, not only each section's first: a teacher writing learner questions for a
        # section's second passage had to find its id with /source in the chat (a tester's)
        listing = topics.every_id_on_a_terminal(index, terminal.out.width) if terminal.out.is_terminal \
            else topics.every_id(index)
        terminal.out.print(listing, markup=False, highlight=False, soft_wrap=True)
    else:
        topics.show(terminal, index)
    return ExitStatus.OK
