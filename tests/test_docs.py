"""The README stays true: every command and slash command is documented, and its examples run."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT, run_cli
from tutor.app.repl.commands import Chat
from tutor.app.cli import COMMANDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    for command in COMMANDS:
        assert f"tutor {command}" in README, command


def test_every_slash_command_is_documented():
    for name in Chat.command_names():
        assert f"`{name}" in README, name


def test_the_two_commands_are_in_the_readme_and_ci_runs_the_test_one():
    assert "make chat" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()


EXAMPLES = [line.split("#")[0].strip() for line in re.findall(r"^tutor (?:ask|topics|index --check)[^\n]*", README, re.M)]


@pytest.mark.parametrize("example", EXAMPLES)
def test_readme_examples_run(index_dir, example):
    code, out, err = run_cli(shlex.split(example)[1:])
    assert code == 0 and out and "Traceback" not in err
