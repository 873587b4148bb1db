"""`tutor ask`: one question (or one per input line) answered from the text."""

from __future__ import annotations

from tutor.core.errors import TutorError, UsageError
from tutor.app.render.answer import show
from tutor.app.status import ExitStatus

EXAMPLE = 'tutor ask "What does gonadorelin do?"'


def run(args, terminal) -> int:
    from tutor.app.commands.common import open_tutor

    question = " ".join(args.question).strip()
    if not question and terminal.interactive:
        raise UsageError(f"ask needs a question, for example: {EXAMPLE}")
    if args.question and not question.strip():
        raise UsageError(f"the question is empty; ask something, for example: {EXAMPLE}")
    if args.question and not _has_text(question):
        raise UsageError(f"the question has no words in it; ask something, for example: {EXAMPLE}")
    tutor = open_tutor(args, terminal, many=not args.question)
    if args.question:
        _answer_one(tutor, question, args, terminal)
        return ExitStatus.OK
    return _answer_lines(tutor, args, terminal)


def _has_text(question: str) -> bool:
    from tutor.core.text import clean_input

    return bool(clean_input(question))


def _answer_one(tutor, question: str, args, terminal) -> None:
    answer = tutor.answer(question, level=args.level)
    if args.json:
        terminal.write_json(answer.to_json())
    else:
        show(terminal, answer, show_resolved=False, short=tutor.index.short_id)


def _answer_lines(tutor, args, terminal) -> int:
    """Batch mode: each non-blank input line is a separate question (no conversation). A line
    that fails gets its own error (a JSON object with --json) and the batch goes on; the exit
    code is then 1."""
    failed, asked = False, 0
    for line in terminal.stdin:
        if not _has_text(line):
            continue
        asked += 1
        try:
            _answer_one(tutor, line, args, terminal)
        except (TutorError, BrokenPipeError):
            raise
        except Exception as error:  # noqa: BLE001 — one odd line must not lose the lines after it
            failed = True
            terminal.line_failed(line, error, args.json)
        if not args.json:
            terminal.out.print()
    if not asked:
        raise UsageError(f"no question was given: the input was empty. Ask one, for example: {EXAMPLE}, "
                         "or pipe questions one per line.")
    return ExitStatus.ERROR if failed else ExitStatus.OK
