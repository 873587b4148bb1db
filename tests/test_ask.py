"""`tutor ask`: the JSON schema, batch mode, bad input, offline operation, and the commands that
must not load the model."""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli

SCHEMA_KEYS = {"question", "status", "reason", "answer", "citations", "glossary"}


def check_schema(obj: dict) -> None:
    assert set(obj) == SCHEMA_KEYS
    assert isinstance(obj["question"], str) and obj["status"] in ("answered", "refused", "not_covered")
    assert obj["reason"] in (None, "dosing", "personal_medical", "emergency")
    assert isinstance(obj["answer"], str) and obj["answer"]
    for c in obj["citations"]:       # in rank order; `n` is the number the answer shows, in quote order
        assert set(c) == {"n", "passage_id", "tier", "section", "text", "score"}
        assert isinstance(c["score"], float) and isinstance(c["text"], str)
    assert sorted(c["n"] for c in obj["citations"]) == list(range(1, len(obj["citations"]) + 1))
    shown = [int(n) for n in re.findall(r"\[(\d+)\]", obj["answer"])] if obj["citations"] else []
    assert list(dict.fromkeys(shown)) == sorted(set(shown)), obj["answer"]
    for g in obj["glossary"]:
        assert set(g) == {"term", "definition", "passage_id"}


def test_json_answer_follows_the_schema(index_dir):
    code, out, _ = run_cli(["ask", "--json", "How does tamoxifen raise LH?"])
    obj = json.loads(out)
    check_schema(obj)
    assert code == 0 and obj["status"] == "answered" and obj["reason"] is None
    assert obj["citations"][0]["passage_id"] == "intermediate/testosterone-recalibration-protocols-for-men/tamoxifen"
    assert "[1]" in obj["answer"] and obj["glossary"][0]["term"] == "Tamoxifen"


def test_refusal_and_not_covered_in_json(index_dir):
    refused = json.loads(run_cli(["ask", "--json", "how much clomid should i take"])[1])
    outside = json.loads(run_cli(["ask", "--json", "what is the capital of France?"])[1])
    check_schema(refused)
    check_schema(outside)
    assert refused["status"] == "refused" and refused["reason"] == "dosing" and refused["citations"] == []
    assert outside["status"] == "not_covered" and outside["reason"] is None


def test_batch_mode_one_object_per_line(index_dir):
    code, out, _ = run_cli(["ask", "--json"], "what is LH\n\nhow much clomid\nwhat does anastrozole do\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["question"] for r in rows] == ["what is LH", "how much clomid", "what does anastrozole do"]
    for row in rows:
        check_schema(row)


def test_plain_answer_has_sources(index_dir):
    code, out, _ = run_cli(["ask", "What does gonadorelin do?"])
    assert code == 0 and "Sources:" in out
    assert "[1] Intermediate › Testosterone Recalibration Protocols for Men › Gonadorelin" in out
    assert "\x1b[" not in out


def test_the_texts_outline_is_printed_one_part_a_line_with_no_empty_sources(index_dir):
    code, out, _ = run_cli(["ask", "what does the text cover?"])
    lines = out.splitlines()
    assert code == 0 and "Sources" not in out and lines[1].startswith("- Fundamentals: Introduction · "), out
    obj = json.loads(run_cli(["ask", "--json", "what does the text cover?"])[1])
    check_schema(obj)
    assert obj["status"] == "answered" and obj["citations"] == [] and "\n- Academic: " in obj["answer"]


@pytest.mark.parametrize("argv", [["ask", ""], ["ask", "   "], ["ask", "\x00\x07"]])
def test_empty_question_is_a_usage_error(argv):
    code, _, err = run_cli(argv)
    assert code == 2 and "tutor ask" in err and "Traceback" not in err


@pytest.mark.parametrize("argv, says", [
    (["what is LH?"], "to ask a question, type: tutor ask 'what is LH?'"),
    (["quizz"], "'quizz' is not a command; did you mean quiz?"),
    (["tamoxifen"], "to ask about it, type: tutor ask tamoxifen."),
])
def test_a_question_or_a_misspelt_command_in_place_of_a_command_says_what_to_type(argv, says):
    code, out, err = run_cli(argv)
    assert code == 2 and out == "" and says in err and "invalid choice" not in err


@pytest.mark.parametrize("stdin", ["", "\n  \n"])
def test_batch_input_with_no_question_says_so(index_dir, stdin):
    code, out, err = run_cli(["ask", "--json"], stdin)
    assert code == 2 and out == "" and "no question was given" in err


@pytest.mark.parametrize("question", ["x" * 1_000_000, "what is LH \x00\x1b[2J\x07", "🧬🧪💉 what is GnRH 🤔",
                                      "מה זה LH? ما هو الهرمون", "ＷＨＡＴ ＩＳ ＬＨ", "w\u200bhat is L\u200bH"])
def test_odd_questions_answer_or_not_covered(index_dir, question):
    code, out, err = run_cli(["ask", "--json", question])
    obj = json.loads(out)
    check_schema(obj)
    assert code == 0 and obj["status"] in ("answered", "not_covered") and "Traceback" not in err
    assert len(obj["question"]) <= 2000


def test_works_with_the_network_unusable(index_dir):
    """Proxies point at a dead local port and Hugging Face at nowhere: answers still work, with
    the default encoder and with sentence-transformers."""
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "ALL_PROXY": dead, "http_proxy": dead,
           "https_proxy": dead, "HF_ENDPOINT": dead, "TUTOR_INDEX": str(index_dir)}
    env.pop("HF_HUB_OFFLINE", None)
    env.pop("TRANSFORMERS_OFFLINE", None)
    for encoder in ("numpy", "torch"):
        result = subprocess.run([sys.executable, "-m", "tutor", "ask", "--json", "What is the HPG axis?"],
                                env={**env, "TUTOR_ENCODER": encoder}, cwd=ROOT, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["status"] == "answered"


CHECK_IMPORTS = """
import io, sys
from tutor.app.cli import main
code = main(sys.argv[1:], stdout=io.StringIO(), stderr=io.StringIO())
heavy = [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules]
print(code, ",".join(heavy))
"""


@pytest.mark.parametrize("argv", [["--help"], ["quiz", "--stats"], ["quiz", "--stats", "--json"], ["index", "--check"],
                                  ["ask", "--help"], ["quiz", "--help"], ["ask", ""]])
def test_commands_that_need_no_model_never_import_it(index_dir, argv):
    env = {**os.environ, "TUTOR_INDEX": str(index_dir)}
    result = subprocess.run([sys.executable, "-c", CHECK_IMPORTS, *argv], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    code, heavy = result.stdout.strip().split(" ") if " " in result.stdout.strip() else (result.stdout.strip(), "")
    assert heavy == "", f"{argv} imported {heavy}"
    assert int(code) in (0, 2)


def test_answering_does_not_import_torch(index_dir):
    env = {**os.environ, "TUTOR_INDEX": str(index_dir)}
    result = subprocess.run([sys.executable, "-c", CHECK_IMPORTS, "ask", "what is LH"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "0"


def test_the_three_entry_points_agree(index_dir):
    outputs = []
    for cmd in ([sys.executable, "cli.py"], [sys.executable, "-m", "tutor"], [os.path.join(os.path.dirname(sys.executable), "tutor")]):
        result = subprocess.run(cmd + ["ask", "--json", "what is LH"], cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "TUTOR_INDEX": str(index_dir)}, timeout=120)
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2] and json.loads(outputs[0])["status"] == "answered"


def test_every_command_has_help():
    for command in ("chat", "ask", "quiz", "eval", "index", "topics"):
        code, out, _ = run_cli([command, "--help"])
        assert code == 0 and "usage: tutor " + command in out


def test_topics_lists_sections(index_dir):
    code, out, _ = run_cli(["topics"])
    assert code == 0 and "Neuroendocrine Axis Recalibration" in out and "references/khera-2017" in out
    assert "typed in the chat (tutor chat)" in out      # /source cannot be typed at the shell prompt


def test_plain_output_does_not_repeat_a_quoted_definition(index_dir):
    """Rich and plain output agree: a glossary definition already quoted is not printed twice;
    --json keeps it (scripts read it there)."""
    code, out, _ = run_cli(["ask", "--plain", "what is LH"])
    assert code == 0 and "Glossary: LH — defined in the answer above" in out
    assert out.count("This signals the pituitary gland to release luteinizing hormone") == 1
    data = json.loads(run_cli(["ask", "--json", "what is LH"])[1])
    from tutor.core.text import split_sentences

    definition = data["glossary"][0]["definition"]
    assert all(definition[a:b] in data["answer"] for a, b in split_sentences(definition))


def test_topics_ids_lists_every_passage_with_no_dose_shown(index_dir):
    """A teacher writing learner questions needs every id, not only each section's first (a tester's)."""
    from leak_oracle import dose_leaks
    from tutor.core.search.store import load_index
    from conftest import CORPUS

    code, out, _ = run_cli(["topics", "--ids"])
    ids = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and ids == [p.id for p in load_index(CORPUS, index_dir).passages]
    assert "intermediate/testosterone-recalibration-protocols-for-men/gonadorelin  Intermediate › " in out
    assert not dose_leaks(out), dose_leaks(out)
