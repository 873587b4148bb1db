"""Command line: parse arguments, build objects, render, map errors to exit codes.

`main` is shared by the console script, `python -m tutor`, the top-level cli.py and the tests,
so the whole program runs in-process under test.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from typing import TextIO

from tutor import __version__
from tutor.core.errors import TutorError
from tutor.app.status import ExitStatus
from tutor.core.vocab import AUTO, LEVEL_NAMES, QuizMode, SearchMode, values

DESCRIPTION = """A terminal tutor on how the body makes its own hormones. It answers by quoting the
bundled text, with citations, and never gives dosing or personal medical advice."""

EPILOG = """examples:
  tutor                                   open the chat
  tutor ask "What does gonadorelin do?"   one answer, with sources
  tutor ask --json "What is the HPG axis?"
  tutor quiz                              drill the glossary
  tutor eval eval/dev.yaml                prove the answers are right
  tutor index --check                     is the index up to date?"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tutor", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", metavar="DIR", help="folder of source texts (default: corpus/ or $TUTOR_CORPUS)")
    common.add_argument("--index", metavar="DIR", help="index folder (default: index/ or $TUTOR_INDEX)")
    common.add_argument("--plain", action="store_true", help="plain text output, no colour or boxes")
    common.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.set_defaults(command="chat", json=False, corpus=None, index=None, plain=False, debug=False, level=AUTO,
                        mode=SearchMode.HYBRID)    # after add_subparsers, whose own default would win over "chat"
    _add_chat(sub, common)
    _add_ask(sub, common)
    _add_quiz(sub, common)
    _add_eval(sub, common)
    _add_index(sub, common)
    topics = sub.add_parser("topics", parents=[common], help="list the tiers and sections of the text",
                            description="List the tiers and sections of the text, with a passage id to start from.")
    topics.add_argument("--ids", action="store_true",
                        help="list every passage id with the passage's opening words (to write learner questions for)")
    return parser


def _level(parser) -> None:
    parser.add_argument("--level", choices=(AUTO, *LEVEL_NAMES), default=AUTO,
                        help="answer from this tier when it has a passage on the subject (default: auto)")


def _mode(parser) -> None:
    parser.add_argument("--mode", choices=values(SearchMode), default=SearchMode.HYBRID.value,
                        help="retrieval: dense vectors, keywords, or both (default: hybrid)")


def _add_chat(sub, common) -> None:
    p = sub.add_parser("chat", parents=[common], help="open the tutoring chat (the default)",
                       description="Open the tutoring chat. With stdin not a terminal, each input line is one "
                                   "turn of a single conversation.")
    p.add_argument("--json", action="store_true", help="non-interactive: one JSON object per turn")
    _level(p)
    _mode(p)


def _add_ask(sub, common) -> None:
    p = sub.add_parser("ask", parents=[common], help="answer one question from the text",
                       description="Answer a question by quoting the text, with citations. With no QUESTION "
                                   "and stdin not a terminal, answer one question per input line.",
                       epilog='example: tutor ask "How does tamoxifen raise LH?"')
    p.add_argument("question", nargs="*", help="the question (quote it)")
    p.add_argument("--json", action="store_true", help="print one JSON object per answer (schema in README)")
    _level(p)
    _mode(p)


def _add_quiz(sub, common) -> None:
    p = sub.add_parser("quiz", parents=[common], help="drill the glossary with spaced repetition",
                       description="Drill the glossary: recall, recognition and cloze questions scheduled by FSRS.")
    p.add_argument("--mode", choices=values(QuizMode), default=QuizMode.MIXED.value,
                   help="kind of question (default: mixed)")
    p.add_argument("--count", type=_positive, metavar="N", help="questions in this session (default: 10)")
    p.add_argument("--new", type=_non_negative, metavar="N",
                   help="new terms per session (default: 5, or as many as --count when that is given)")
    p.add_argument("--tier", choices=LEVEL_NAMES, help="only terms from this tier")
    p.add_argument("--text", metavar="NAME", help="only terms of one text of the corpus, by its file name or "
                                                  "title (e.g. migraine)")
    what = p.add_mutually_exclusive_group()      # one thing at a time: "--stats --reset" went on to reset
    what.add_argument("--stats", action="store_true", help="show progress statistics instead of quizzing")
    p.add_argument("--json", action="store_true", help="with --stats: print the statistics as JSON")
    what.add_argument("--reset", action="store_true", help="forget all progress (asks for confirmation)")
    p.add_argument("--yes", action="store_true", help="with --reset: do not ask for confirmation")
    what.add_argument("--export", metavar="PATH", help="write the review log to PATH (.csv or .json)")
    p.add_argument("--seed", type=int, help="seed for question order and choices (reproducible sessions)")


def _add_eval(sub, common) -> None:
    p = sub.add_parser("eval", parents=[common], help="run a scripted Q&A evaluation suite",
                       description="Run an evaluation suite (YAML or JSONL) and report retrieval, grounding and "
                                   "safety metrics. Exit code 0 when every threshold and case passes, 1 otherwise, "
                                   "2 for an invalid suite.",
                       epilog="example: tutor eval eval/dev.yaml --json report.json")
    p.add_argument("suite", help="suite file (.yaml, .yml or .jsonl)")
    p.add_argument("--json", dest="json_path", metavar="PATH", help="write metrics and per-case records as JSON")
    p.add_argument("--junit", metavar="PATH", help="write a JUnit XML report (one testcase per case)")
    p.add_argument("--trec", metavar="PATH", help="write a TREC run file (and PATH.qrels beside it)")
    p.add_argument("--compare", metavar="MODES", help="comma-separated retrieval modes to compare, e.g. dense,bm25,hybrid")
    p.add_argument("--mode", choices=values(SearchMode), default=SearchMode.HYBRID.value, help="retrieval mode (default: hybrid)")


def _add_index(sub, common) -> None:
    p = sub.add_parser("index", parents=[common], help="rebuild the index, or check it",
                       description="Rebuild the search index from corpus/. With --check, only report whether it "
                                   "is up to date (exit code 0) or not (1).")
    p.add_argument("--check", action="store_true", help="report freshness through the exit code; build nothing")
    p.add_argument("--ann", choices=("flat", "hnsw"),
                   help="dense index: flat (exact, the default) or hnsw (approximate, for very large corpora); "
                        "kept for later automatic rebuilds")


def _whole(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None


def _positive(value: str) -> int:
    """A count of one or more: "-3" and "0" get the same message (a tester saw two)."""
    if (n := _whole(value)) < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _non_negative(value: str) -> int:
    if (n := _whole(value)) < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return n


COMMANDS = {
    "chat": "tutor.app.commands.chat", "ask": "tutor.app.commands.ask", "quiz": "tutor.app.commands.quiz",
    "eval": "tutor.app.commands.evaluate", "index": "tutor.app.commands.index", "topics": "tutor.app.commands.topics",
}


def main(argv: list[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None, prompt_input=None, prompt_output=None) -> int:
    """Run the tutor; returns the exit code. `prompt_input`/`prompt_output` let tests drive the
    real prompt-toolkit session (create_pipe_input / DummyOutput). Ctrl-C while the program is
    still importing its parts, before any command has started, ends it as Ctrl-C does later: a
    tester who pressed it right after Enter got a Python traceback."""
    try:
        code = _main(argv, stdin=stdin, stdout=stdout, stderr=stderr, prompt_input=prompt_input,
                     prompt_output=prompt_output)
        return _flushed(stdout or sys.stdout, stderr or sys.stderr, code)
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):
            print("\nInterrupted.", file=stderr or sys.stderr)
        return ExitStatus.CTRL_C


def _main(argv: list[str] | None, *, stdin: TextIO | None, stdout: TextIO | None, stderr: TextIO | None,
          prompt_input, prompt_output) -> int:
    from tutor.core.search.embed import offline
    from tutor.app.terminal import Terminal, decoded

    offline()
    stderr = stderr or sys.stderr
    argv = [decoded(a) for a in (sys.argv[1:] if argv is None else argv)]    # stray bytes become U+FFFD, once
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        print(f"tutor: {_not_a_command(argv[0])}", file=stderr)
        return ExitStatus.USAGE
    try:
        with contextlib.redirect_stdout(stdout or sys.stdout), contextlib.redirect_stderr(stderr):
            args = build_parser().parse_args(_with_default_command(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except BrokenPipeError:              # `tutor --help | head -1`
        _discard_unwritten_output()
        return ExitStatus.OK
    terminal = Terminal.create(stdin, stdout, stderr, plain=args.plain, prompt_input=prompt_input,
                               prompt_output=prompt_output)
    try:
        import importlib

        return int(importlib.import_module(COMMANDS[args.command]).run(args, terminal))
    except TutorError as error:
        terminal.error(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        terminal.err.print("\nInterrupted.", markup=False, highlight=False)
        return ExitStatus.CTRL_C
    except BrokenPipeError:
        _discard_unwritten_output()
        return ExitStatus.OK
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT) or args.debug:
            return _unexpected(error, args, terminal)
        with contextlib.suppress(OSError):          # stderr may be on the full disk too
            terminal.error(_could_not_write(error))
        _discard_unwritten_output()      # what is still buffered would fail again at exit, as exit code 120
        return ExitStatus.ERROR
    except Exception as error:  # noqa: BLE001 — the last line of defence against tracebacks
        return _unexpected(error, args, terminal)


def _could_not_write(error: OSError) -> str:
    reason = os.strerror(error.errno).lower() if error.errno else str(error)
    full = error.errno in (errno.ENOSPC, errno.EDQUOT)
    return f"could not write the output: {reason}" + ("; free some space and try again." if full else ".")


def _flushed(stdout: TextIO, stderr: TextIO, code: int) -> int:
    """The exit code once what is still buffered is written: `tutor --help > /dev/full` (or any
    output short enough to stay in the buffer) failed only when Python flushed it at exit, as
    "Exception ignored … OSError" and exit code 120, not as one sentence."""
    try:
        stdout.flush()
    except BrokenPipeError:
        _discard_unwritten_output()
    except OSError as error:
        with contextlib.suppress(OSError, ValueError):
            print(f"tutor: {_could_not_write(error)}", file=stderr)
        _discard_unwritten_output()
        return ExitStatus.ERROR
    except ValueError:          # a stream the command closed has nothing left to write
        pass
    return code


def _not_a_command(word: str) -> str:
    """What to type instead of an unknown command: a question typed without `ask` is the likeliest
    first mistake, a misspelt command the next."""
    import difflib
    import shlex

    if len(word.split()) > 1 or word.rstrip().endswith("?"):
        return f"to ask a question, type: tutor ask {shlex.quote(word)} (or just tutor, to open the chat)."
    near = difflib.get_close_matches(word.lower(), list(COMMANDS), n=1, cutoff=0.6)
    hint = f"did you mean {near[0]}?" if near else f"to ask about it, type: tutor ask {shlex.quote(word)}."
    return f"{word!r} is not a command; {hint} The commands are {', '.join(COMMANDS)} (tutor --help)."


def _unexpected(error: Exception, args, terminal) -> int:
    if args.debug:
        raise error
    terminal.error(f"unexpected error: {error.__class__.__name__}: {error}. Run again with --debug for details.")
    return ExitStatus.ERROR


_VALUE_OPTIONS = ("--index", "--corpus", "--level", "--mode")     # shared options that take a value


def _with_default_command(argv: list[str]) -> list[str]:
    """Shared options may come before the command: `tutor --plain ask "…"` is `tutor ask --plain
    "…"`, and with no command they are the chat's (`tutor --plain`, `tutor --index DIR`): the chat
    is the default command, and argparse alone would read the option as a command name or reject it."""
    if not argv or not argv[0].startswith("-") or argv[0] in ("-h", "--help", "--version"):
        return argv
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] in _VALUE_OPTIONS else 1
    if i < len(argv) and argv[i] in COMMANDS:
        return [argv[i], *argv[:i], *argv[i + 1:]]
    return ["chat", *argv]


def _discard_unwritten_output() -> None:
    """Output went to a closed pipe (e.g. `| head`) or a full disk; stop quietly instead of raising
    at exit (with buffered output, `tutor ask … > /dev/full` ended in "Exception ignored … OSError",
    exit code 120, after its one-sentence message)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
