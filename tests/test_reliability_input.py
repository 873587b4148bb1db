"""Reliability of input and output (issue 16, items 2, 6, 8, 9 and 10): undecodable bytes in any
locale, odd lines that must not end a batch or a chat, slash commands that must not end a
session, suites that are malformed in hard ways, escape sequences that must never reach the
terminal, and closed pipes."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import ROOT, run_cli
from tutor.app.cli import main
from tutor.app.repl.commands import Chat

ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BATCH = b"what is LH\nwhat is \xff\xfe FSH\nhow much \xff clomid should i take\nwhat is anastrozole\n"


def tutor_process(argv, stdin: bytes, index_dir, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING"))}
    environment.update(TUTOR_INDEX=str(index_dir), **env)
    return subprocess.run([sys.executable, "-m", "tutor", *argv], input=stdin, capture_output=True, cwd=ROOT,
                          env=environment, timeout=300)


def json_lines(raw: bytes) -> list[dict]:
    """Every line one JSON object, the whole output valid UTF-8."""
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


# -- 2. undecodable bytes, in every interface and locale ---------------------------------------------------

@pytest.mark.parametrize("locale", [{"LANG": "C"}, {"LC_ALL": "C"}, {"PYTHONIOENCODING": "ascii"}])
def test_invalid_utf8_lines_each_get_one_valid_object(index_dir, locale):
    result = tutor_process(["ask", "--json"], BATCH, index_dir, **locale)
    rows = json_lines(result.stdout)
    assert result.returncode == 0, result.stderr
    assert [r["status"] for r in rows] == ["answered", "answered", "refused", "answered"]
    assert rows[1]["question"] == "what is \ufffd\ufffd FSH"


def test_invalid_utf8_lines_in_the_piped_chat(index_dir, tmp_path):
    chat = tutor_process(["chat", "--json"], BATCH, index_dir, TUTOR_HOME=str(tmp_path), LC_ALL="C")
    assert chat.returncode == 0 and len(json_lines(chat.stdout)) == 4, chat.stderr


def test_invalid_utf8_in_the_command_line(index_dir):
    result = tutor_process(["ask", "--json", os.fsdecode(b"what is \xff LH")], b"", index_dir, LANG="C")
    assert result.returncode == 0 and json_lines(result.stdout)[0]["question"] == "what is \ufffd LH"


@pytest.mark.parametrize("argv", [["ask", "--json"], ["chat", "--json"]])
def test_a_line_that_fails_does_not_end_the_batch(index_dir, argv):
    """A lone surrogate reaching the tokenizer raises TypeError there (text handed over in-process,
    not decoded from bytes); that line gets an error object and the lines after it are answered."""
    code, out, err = run_cli(argv, "what is LH\nwhat is \udcff FSH\nwhat is anastrozole\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["status"] for r in rows] == ["answered", "error", "answered"] and code == 1
    assert rows[1]["question"] == "what is \ufffd FSH" and "could not be answered" in rows[1]["answer"]
    assert "Traceback" not in err and out.encode("utf-8")


def test_plain_batch_goes_on_after_a_failing_line(index_dir):
    code, out, err = run_cli(["ask"], "what is LH\nwhat is \udcff FSH\nwhat is anastrozole\n")
    assert code == 1 and out.count("Sources:") == 2 and err.count("could not be answered") == 1


# -- 6. no slash command ends a session -----------------------------------------------------------------

ODD_ARGUMENTS = ["፩", "²", "٣", "-1", "0", "99999999999999999999999", "1.5", "%s%n", "{0}", "../../etc/passwd",
                 "\udcff", "x" * 5000, "🧬", "\u200b"]


def test_source_with_a_digit_int_rejects_keeps_the_chat_going(index_dir):
    code, out, _ = run_cli(["chat", "--json"], "what is LH\n/source ፩\n/source ²\n/source 1\nand FSH?\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 5 and rows[-1]["status"] == "answered"
    assert "fundamentals/" in rows[3]["output"] or "intermediate/" in rows[3]["output"]


def test_no_slash_command_ends_the_session_whatever_its_argument(index_dir):
    lines = [f"{name} {arg}" for name in Chat.command_names() if name not in ("/quit", "/quiz")
             for arg in ODD_ARGUMENTS]
    code, out, err = run_cli(["chat", "--json"], "what is LH\n" + "\n".join(lines) + "\nwhat is FSH\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and "Traceback" not in err
    assert len(rows) == len(lines) + 2 and rows[-1]["status"] == "answered"


def test_interactive_chat_survives_odd_source_arguments(index_dir):
    out = io.StringIO()
    with create_pipe_input() as pipe:
        for line in ("what is LH", "/source ፩", "/source ²", "what is FSH", "/quit"):
            pipe.send_text(line + "\n")
        code = main(["chat"], stdout=out, stderr=io.StringIO(), prompt_input=pipe, prompt_output=DummyOutput())
    assert code == 0 and out.getvalue().rstrip().endswith("Goodbye — keep learning.")
    assert out.getvalue().count("Sources:") == 2


# -- 8. evaluation suites -----------------------------------------------------------------------------------

def suite_file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name, text, problem", [
    ("zero-width.yaml", 'version: 1\ncases:\n  - id: zw\n    question: "\\u200b\\u200c\\u2060"\n', "visible characters"),
    ("deep.yaml", "version: 1\ncases:\n  - id: deep\n    question: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ("big.yaml", "version: 1\ncases:\n  - id: big\n    question: what is LH\n    known_failure: " + "9" * 10000 + "\n",
     "number too large"),
    ("big.jsonl", '{"id": "big", "question": "what is LH", "note": ' + "9" * 10000 + "}\n", "huge number"),
    ("deep.jsonl", '{"id": "deep", "question": "what is LH", "note": ' + "[" * 100000 + "]" * 100000 + "}\n",
     "nested too deeply"),
    ("surrogate.jsonl", '{"id": "s", "question": "what is \\ud800 LH"}\n', "not valid Unicode"),
    ("surrogate-id.jsonl", '{"id": "s\\ud800", "question": "what is LH"}\n', "not valid Unicode"),
    ("tab-id.jsonl", '{"id": "a\\tb", "question": "what is LH"}\n', "`id`"),
    ("invisible-id.jsonl", '{"id": "a\\u200bb", "question": "what is LH"}\n', "`id`"),
    ("noncharacter-id.jsonl", '{"id": "a\\ufffeb", "question": "what is LH"}\n', "`id`"),
    ("separator-id.jsonl", '{"id": "a\\u2028b", "question": "what is LH"}\n', "`id`"),
])
def test_malformed_suites_are_suite_errors(index_dir, tmp_path, name, text, problem):
    code, out, err = run_cli(["eval", suite_file(tmp_path, name, text)])
    assert code == 2 and problem in err and "Traceback" not in err and "unexpected" not in err, err


def test_dev_zero_is_a_suite_error():
    code, _, err = run_cli(["eval", "/dev/zero"])
    assert code == 2 and "larger than" in err


@pytest.mark.parametrize("option", ["--json", "--junit", "--trec"])
def test_report_paths_are_checked_before_the_run(tmp_path, option):
    """No index is opened and no case is run (the index path does not even exist)."""
    suite = suite_file(tmp_path, "s.yaml", "version: 1\ncases:\n  - id: a\n    question: what is LH\n")
    code, out, err = run_cli(["eval", suite, option, str(tmp_path / "missing" / "report"),
                              "--index", str(tmp_path / "no-index")])
    assert code == 2 and "does not exist" in err and out == "" and not (tmp_path / "no-index").exists()
    code, _, err = run_cli(["eval", suite, option, str(tmp_path), "--index", str(tmp_path / "no-index")])
    assert code == 2 and "is a folder" in err
    # a folder whose permissions say yes but that takes no files (root may write anywhere by mode)
    code, _, err = run_cli(["eval", suite, option, "/proc/report", "--index", str(tmp_path / "no-index")])
    assert code == 2 and "/proc/report: cannot be written" in err and "unexpected" not in err
    assert not list(tmp_path.glob("report*"))


def test_reports_stay_well_formed_whatever_the_suite_text(index_dir, tmp_path):
    suite = suite_file(tmp_path, "s.jsonl", json.dumps({
        "id": "x-<&\">", "question": "what is LH \u001b[2J\u0007",
        "expect": {"status": "refused", "reason": "dosing"},
        "known_failure": "bell \u0007, escape \u001b]0;owned\u0007, null \u0000, form feed \u000c"}) + "\n")
    code, out, err = run_cli(["eval", suite, "--junit", str(tmp_path / "j.xml"), "--trec", str(tmp_path / "r.trec"),
                              "--json", str(tmp_path / "r.json")])
    assert code == 0, err                      # the case fails, as a known failure
    case = ET.parse(tmp_path / "j.xml").getroot().find("testcase")
    assert case.get("name") == "x-<&\">" and "escape" in case.find("skipped").get("message")
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert json.loads((tmp_path / "r.json").read_text())["cases"][0]["case"] == "x-<&\">"


# -- 9. nothing printed carries control or escape sequences -------------------------------------------------

HOSTILE = "Zinc\x1b]0;owned\x07 supports\x1b[2J many\x9b31m enzymes\x00 in\x08 the body.\x1b[?1049h"


@pytest.fixture
def hostile_index(corpus_copy, index_dir, tmp_path):
    """The corpus with a file whose text carries terminal escape sequences (a rebuild reuses
    every embedding but the new file's)."""
    import shutil

    (corpus_copy / "zinc.md").write_text(f"# Extras\n\n## Zinc\n\n{HOSTILE}\n", encoding="utf-8")
    shutil.copytree(index_dir, tmp_path / "index")
    return corpus_copy, tmp_path / "index"


def test_escape_sequences_in_the_corpus_never_reach_the_terminal(hostile_index):
    corpus, index = hostile_index
    common = ["--corpus", str(corpus), "--index", str(index)]
    code, out, err = run_cli(["ask", *common, "what does zinc support in the body"])
    assert code == 0 and "Zinc" in out and "supports" in out
    assert not ANY_CONTROL.search(out + err)
    code, out, _ = run_cli(["ask", "--json", *common, "what does zinc support in the body"])
    assert not ANY_CONTROL.search(json.dumps(json.loads(out), ensure_ascii=False).replace("\\n", ""))
    passage = json.loads(out)["citations"][0]["passage_id"]
    code, out, _ = run_cli(["chat", *common], f"/source {passage}\n/more\n")
    assert code == 0 and "supports" in out and not ANY_CONTROL.search(out)


def test_a_question_with_pasted_escape_sequences_is_read_without_them(index_dir):
    """Removing only the escape character left "[31mLH" in the question, which then was not covered."""
    plain = json.loads(run_cli(["ask", "--json", "what is LH and FSH?"])[1])
    styled = json.loads(run_cli(["ask", "--json", "what is \x1b[31mLH\x1b[0m and \x1b]0;title\x07FSH?"])[1])
    assert styled["question"] == plain["question"] and styled["answer"] == plain["answer"]
    assert styled["status"] == "answered"



def test_a_stray_escape_does_not_delete_the_rest_of_the_message(tutor):
    """Esc then P or _ opens a string sequence; without its terminator only the introducer goes
    (removing to the end turned an emergency into an empty line and a dose question into 'what is LH')."""
    assert tutor.answer("\x1bPlease help, my friend took 40 pills and is not breathing").reason == "emergency"
    assert tutor.answer("what is LH\x1b_ and how much clomid should I take daily").status == "refused"


def test_escape_sequences_in_errors_and_paths_are_stripped(tmp_path):
    code, _, err = run_cli(["ask", "--corpus", str(tmp_path / "x\x1b]0;owned\x07\x1b[2Jy"), "--index",
                            str(tmp_path / "index"), "what is LH"])
    assert code == 1 and "/xy does not exist" in err and not ANY_CONTROL.search(err.replace("\n", ""))


def test_the_terminal_layer_strips_styled_output_too():
    """On a colour terminal the tutor's own styling stays; text's escape sequences go."""
    from rich.text import Text

    from tutor.app.terminal import Terminal

    class TTY(io.StringIO):
        def isatty(self):
            return True

    stream = TTY()
    terminal = Terminal.create(io.StringIO(), stream, io.StringIO())
    terminal.out.print(Text("title\x1b]0;owned\x07 and\x1b[2J text", style="bold"))
    printed = stream.getvalue()
    assert "\x1b[1m" in printed and "owned" not in printed.split("\x1b]")[0] and "\x1b]" not in printed
    assert "\x1b[2J" not in printed


# -- 10. a closed pipe is a quiet exit 0 ------------------------------------------------------------------

@pytest.mark.parametrize("argv", [["ask", "what is LH"], ["topics"]])
def test_a_closed_pipe_exits_quietly(index_dir, argv):
    environment = {**os.environ, "TUTOR_INDEX": str(index_dir)}
    reader, writer = os.pipe()
    os.close(reader)                            # like `| head` that has already gone
    try:
        result = subprocess.run([sys.executable, "-m", "tutor", *argv], stdout=writer, stderr=subprocess.PIPE,
                                cwd=ROOT, env=environment, timeout=300)
    finally:
        os.close(writer)
    assert result.returncode == 0 and result.stderr == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["ask", "what is LH?"], ["--help"], ["--version"]])
def test_output_to_a_full_disk_is_one_sentence(index_dir, args):
    """`tutor ask "…" > /dev/full` ended in "unexpected error: OSError: [Errno 28]" (a tester's);
    with buffered output (no PYTHONUNBUFFERED, as in a clean CI shell) what was still buffered then
    failed again at exit, code 120 — and `--help`, whose output never left the buffer, only so."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "tutor", *args], cwd=ROOT, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120,
                              env={**environment, "TUTOR_INDEX": str(index_dir)})
    assert done.returncode == 1 and "no space left on device" in done.stderr
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_a_bad_fixed_time_is_one_sentence(monkeypatch):
    """TUTOR_NOW (for demos and tests) set to something that is no time: what to give instead."""
    monkeypatch.setenv("TUTOR_NOW", "garbage")
    code, _, err = run_cli(["quiz", "--stats"])
    assert code == 2 and "TUTOR_NOW is 'garbage'; give a date and time such as" in err and "Error" not in err


def test_ctrl_c_before_any_command_has_started_is_no_traceback():
    """A tester pressed Ctrl-C right after Enter and got a Python traceback: the interrupt came
    while the program was still parsing its arguments, before the handler every command runs
    under. Here it comes while --help is being written."""
    from tutor.app.cli import main

    class Interrupting(io.StringIO):
        def write(self, text):
            raise KeyboardInterrupt

    err = io.StringIO()
    assert main(["--help"], stdout=Interrupting(), stderr=err) == 130
    assert "Interrupted." in err.getvalue() and "Traceback" not in err.getvalue()
