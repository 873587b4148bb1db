"""The one object that owns the terminal: a stdout console, a stderr console, and whether to
use colour. It honours NO_COLOR, TERM=dumb, --plain and non-TTY output."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

from rich.console import Console


@dataclass
class Terminal:
    out: Console
    err: Console
    rich: bool            # styled output (colour, boxes); False means plain text
    interactive: bool     # stdin is a terminal a person is typing at
    stdin: TextIO = field(default=sys.stdin, repr=False)
    prompt_input: object = None    # prompt-toolkit input/output for tests (pipe input, DummyOutput)
    prompt_output: object = None

    @classmethod
    def create(cls, stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None,
               plain: bool = False, prompt_input=None, prompt_output=None) -> "Terminal":
        stdin = stdin or sys.stdin
        stdout = stdout or sys.stdout
        stderr = stderr or sys.stderr
        tty = _isatty(stdout)
        dumb = os.environ.get("TERM") == "dumb" or "NO_COLOR" in os.environ
        styled = tty and not plain and not dumb
        out = Console(file=stdout, force_terminal=styled if styled else False, no_color=not styled,
                      highlight=False, emoji=False, soft_wrap=False, markup=False,
                      width=None if tty else 100)
        err = Console(file=stderr, stderr=True, no_color=not (_isatty(stderr) and styled), highlight=False,
                      emoji=False, markup=False, force_terminal=False if not _isatty(stderr) else None)
        return cls(out, err, styled, _isatty(stdin), stdin, prompt_input, prompt_output)

    def error(self, message: str) -> None:
        self.err.print(f"tutor: {message}", style="bold red" if self.rich else None, markup=False, highlight=False,
                       soft_wrap=True)

    def write_json(self, data: dict) -> None:
        """One JSON object on its own line of stdout, flushed (scripts read line by line)."""
        self.out.file.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.out.file.flush()

    def note(self, message: str) -> None:
        self.err.print(message, style="dim" if self.rich else None, markup=False, highlight=False, soft_wrap=True)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
