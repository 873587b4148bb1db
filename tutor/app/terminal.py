"""The one object that owns the terminal: a stdout console, a stderr console, and whether to
use colour. It honours NO_COLOR, TERM=dumb, --plain and non-TTY output.

It is also where text meets the terminal, so the two guarantees about what is printed live here:
input bytes are decoded once, with replacement, so a stray byte is a character and not a crash;
and every piece of text printed (answers, passages, suite text, errors, JSON values) is stripped
of control and escape sequences, so text from the corpus or a suite cannot clear the screen,
retitle the window or hide what comes before it.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import TextIO

from rich.console import Console
from rich.segment import Segment

from tutor.core.text import CONTROL_CHARS, ESCAPE_SEQUENCES as _ESCAPE

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """Text safe to show on a terminal: no escape sequences, no control characters (tab and
    newline stay), and no lone surrogates (they become U+FFFD)."""
    if not _UNSAFE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", CONTROL_CHARS.sub("", _ESCAPE.sub("", text)))


def decoded(text: str) -> str:
    """Text from outside (argv, a stream read without replacement) with undecodable bytes, which
    Python carries as lone surrogates, replaced by U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def _clean(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


class SafeConsole(Console):
    """A rich Console that strips control and escape sequences from every text segment it
    renders (its own styling and cursor control are added later and stay), and that lets a
    closed pipe surface as BrokenPipeError, which `main` turns into a quiet exit 0."""

    plain = False           # plain output: tables without their boxes (--plain, NO_COLOR, pipes)

    def render(self, renderable, options=None):
        if self.plain and type(renderable).__name__ == "Table":      # rich.table, not imported for every start
            renderable.box, renderable.show_edge = None, False
        for segment in super().render(renderable, options):
            if segment.control or not _UNSAFE.search(segment.text):
                yield segment
            else:
                yield Segment(printable(segment.text), segment.style)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


@dataclass
class Terminal:
    out: Console
    err: Console
    rich: bool            # styled output (colour, boxes); False means plain text
    interactive: bool     # stdin is a terminal a person is typing at
    stdin: TextIO = field(default=sys.stdin, repr=False)
    prompt_input: object = None    # prompt-toolkit input/output for tests (pipe input, DummyOutput)
    prompt_output: object = None
    on_screen: bool = False     # stdout is a terminal: plain text is wrapped at its width, between words

    @property
    def soft_wrap(self) -> bool:
        """Whether plain text goes out unwrapped: into a pipe or file, a paragraph stays one line
        for the tools that read it; on a terminal it is wrapped between words, or the terminal
        breaks it mid-word at its edge (an exploratory tester's `ask --plain` at 80 columns)."""
        return not self.on_screen

    @classmethod
    def create(cls, stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None,
               plain: bool = False, prompt_input=None, prompt_output=None) -> "Terminal":
        stdin = _decoding(stdin if stdin is not None else sys.stdin)
        stdout = _encoding(stdout or sys.stdout)
        stderr = _encoding(stderr or sys.stderr)
        tty = _isatty(stdout)
        dumb = os.environ.get("TERM") == "dumb" or "NO_COLOR" in os.environ
        styled = tty and not plain and not dumb
        out = SafeConsole(file=stdout, force_terminal=styled if styled else False, no_color=not styled,
                          highlight=False, emoji=False, soft_wrap=False, markup=False,
                          width=None if tty else 100)
        out.plain = not styled
        err = SafeConsole(file=stderr, stderr=True, no_color=not (_isatty(stderr) and styled), highlight=False,
                          emoji=False, markup=False, force_terminal=False if not _isatty(stderr) else None)
        return cls(out, err, styled, _isatty(stdin), stdin, prompt_input, prompt_output, tty)

    def error(self, message: str) -> None:
        self.err.print(f"tutor: {message}", style="bold red" if self.rich else None, markup=False, highlight=False,
                       soft_wrap=not self.err.is_terminal)

    def write_json(self, data: dict) -> None:
        """One JSON object on its own line of stdout, flushed (scripts read line by line). Values
        are printable text; non-ASCII is escaped when stdout cannot encode it as UTF-8."""
        stream = self.out.file
        utf8 = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "") == "utf8"
        stream.write(json.dumps(_clean(data), ensure_ascii=not utf8) + "\n")
        stream.flush()

    def note(self, message: str) -> None:
        self.err.print(message, style="dim" if self.rich else None, markup=False, highlight=False,
                       soft_wrap=not self.err.is_terminal)      # wrapped between words on a terminal

    def line_failed(self, line: str, error: Exception, as_json: bool) -> None:
        """One input line could not be answered: say so (a JSON object in JSON mode, so every
        line still gets exactly one) and let the caller go on with the next line."""
        from tutor.core.text import clean_input

        message = f"This question could not be answered ({error.__class__.__name__}: {error})."
        if as_json:
            self.write_json({"question": clean_input(line)[:2000], "status": "error", "reason": None,
                             "answer": message, "citations": [], "glossary": []})
        self.error(message)


def _decoding(stream):
    """Input decoded as UTF-8 with replacement whatever the locale: an undecodable byte becomes
    U+FFFD instead of ending the run (or reaching the tokenizer as a lone surrogate)."""
    if stream is None:
        return io.StringIO("")
    if getattr(stream, "errors", "replace") == "replace" or not hasattr(stream, "reconfigure"):
        return stream
    try:
        stream.reconfigure(encoding="utf-8", errors="replace")
        return stream
    except (ValueError, OSError, io.UnsupportedOperation):
        return io.TextIOWrapper(stream.buffer, encoding="utf-8", errors="replace") if hasattr(stream, "buffer") \
            else stream


def _encoding(stream):
    """A real output stream that cannot encode some character replaces it instead of raising."""
    if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8":
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError, io.UnsupportedOperation):
                pass
    return stream


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
