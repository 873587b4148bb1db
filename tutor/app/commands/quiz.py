"""`tutor quiz`: glossary drills, statistics, reset and export of the review log.

--stats, --reset, --export and --help never load the embedding model (nor the index)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tutor.core.errors import UsageError
from tutor.app.status import ExitStatus


def run(args, terminal) -> int:
    from tutor.app.commands.common import open_store

    reading = (args.stats or args.export) and not args.reset     # statistics and export work from a read-only home
    store = open_store(terminal, need_write=not reading, fallback=False)
    try:
        if args.reset:
            return _reset(store, args, terminal)
        if args.export:
            return _export(store, Path(args.export), terminal)
        if args.stats:
            return _stats(store, args, terminal)
        if args.json:
            raise UsageError("--json goes with --stats (tutor quiz --stats --json); a quiz itself is answered "
                             "line by line.")
        return _quiz(store, args, terminal)
    finally:
        store.close()


def _stats(store, args, terminal) -> int:
    from tutor.app.render import stats as render_stats
    from tutor.core.clock import now
    from tutor.core.quiz import stats

    data = stats.compute(store, now())
    if args.json:
        terminal.write_json(data)
    else:
        render_stats.show(terminal, data)
    return ExitStatus.OK


def _reset(store, args, terminal) -> int:
    if not args.yes:
        if not terminal.interactive:
            raise UsageError("--reset forgets all quiz progress; add --yes to confirm when not at a terminal.")
        try:
            reply = input("Forget all quiz progress and seen sections? Type yes to confirm: ")
        except EOFError:                # Ctrl-D: no
            reply = ""
            terminal.out.print()
        if reply.strip().lower() != "yes":
            terminal.out.print("Nothing was changed.")
            return ExitStatus.OK
    store.reset()
    terminal.out.print("Quiz progress forgotten.")
    return ExitStatus.OK


def _export(store, path: Path, terminal) -> int:
    rows = store.reviews()
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise UsageError(f"--export writes .csv or .json; {path.name} has neither suffix.")
    try:
        with _private_file(path) as handle:            # the review log is the learner's own: 0600
            if suffix == ".json":
                handle.write(json.dumps(rows, indent=2, ensure_ascii=False))
            else:
                writer = csv.DictWriter(handle, fieldnames=["term", "rating", "mode", "correct", "answer",
                                                            "reviewed_at", "duration_ms"])
                writer.writeheader()
                writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    except OSError as error:
        raise UsageError(f"could not write {path}: {(error.strerror or str(error)).lower()}.") from None
    terminal.out.print(f"Wrote {len(rows)} reviews to {path}.")
    return ExitStatus.OK


def _cell(value):
    """A CSV cell a spreadsheet shows as text: what the learner typed may start with "=" (a formula
    when opened) or hold control characters (a tester's export carried both)."""
    if not isinstance(value, str):
        return value
    value = "".join(c if c.isprintable() else " " for c in value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _private_file(path: Path):
    """A text file for writing, created readable by its owner only."""
    import os

    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return open(descriptor, "w", newline="", encoding="utf-8")


DEFAULT_COUNT, DEFAULT_NEW = 10, 5


def _new_terms(args) -> int:
    """New terms for this session: as asked; else as many as the questions asked for with
    --count (a learner who typed --count 12 got 5 questions, since only 5 terms could be new);
    else five, so that a first session does not bury the learner in new terms."""
    if args.new is not None:
        return args.new
    return args.count if args.count is not None else DEFAULT_NEW


def _quiz(store, args, terminal) -> int:
    from tutor.app.commands.common import open_index
    from tutor.app.prompt import line_reader, prompt_session, uses_prompt
    from tutor.app.repl import quiz as runner
    from tutor.core.quiz.factory import label_for, make_session, no_text_named, text_named

    index = open_index(args, terminal)
    text = None
    if args.text is not None:
        text = text_named(index, args.text)
        if text is None:
            terminal.error(no_text_named(index, args.text))
            return ExitStatus.USAGE
    session = make_session(index, store, mode=args.mode, count=args.count or DEFAULT_COUNT,
                           new=_new_terms(args), tier=args.tier, seed=args.seed, text=text)
    if uses_prompt(terminal):
        prompt = prompt_session(terminal)
        ask = prompt.prompt
    else:
        ask = line_reader(terminal.stdin)
    try:
        runner.run(session, ask, terminal, label_for(index), index.short_id, tier=args.tier, text=text)
    except KeyboardInterrupt:
        right, asked = session.score
        terminal.out.print(f"\nStopped. {right} of {asked} right; {session.saved_line}.")
        return ExitStatus.CTRL_C
    except EOFError:
        right, asked = session.score
        terminal.out.print(f"\nInput ended. {right} of {asked} right; {session.saved_line}.")
    return ExitStatus.OK
