"""The chat driven through main() with prompt-toolkit's pipe input, plus piped and JSON modes."""

from __future__ import annotations

import re

import io
import json

import pytest

from tutor.core.answer.conversation import Conversation
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import a_sheet, run_cli
from tutor.app.repl.commands import Chat
from tutor.app.cli import main


def chat(index_dir, *lines: str, argv=("chat",)) -> tuple[int, str]:
    """Type `lines` into the real PromptSession; returns (exit code, everything printed)."""
    out = io.StringIO()
    with create_pipe_input() as pipe:
        for line in lines:
            pipe.send_text(line + "\n")
        pipe.close()  # end of input, as Ctrl-D at an empty prompt
        code = main(list(argv), stdout=out, stderr=io.StringIO(), prompt_input=pipe, prompt_output=DummyOutput())
    return code, out.getvalue()


def test_question_follow_up_command_and_quit(index_dir):
    code, out = chat(index_dir, "What is Clomid?", "and how does it raise testosterone?", "/define serm", "/quit")
    assert code == 0
    assert "Clomid is also a SERM" in out and "[1] Intermediate › Testosterone Recalibration Protocols for Men" in out
    assert "(and how does Clomid raise testosterone?)" in out
    assert "stimulates the testes to produce more testosterone" in out
    assert "SERMs such as Tamoxifen and Clomiphene Citrate" in out
    assert out.rstrip().endswith("Goodbye — keep learning.")


def test_end_of_input_says_goodbye(index_dir):
    code, out = chat(index_dir, "what is LH")
    assert code == 0 and out.rstrip().endswith("Goodbye — keep learning.")


def test_dosing_follow_up_is_refused_with_the_topic_in_mind(index_dir):
    _, out = chat(index_dir, "What is Clomid?", "ok, and how much should I take?", "/quit")
    assert "I can’t give dosing advice" in out and "I can explain how Clomid works" in out


def test_help_lists_every_command_and_the_keys(index_dir):
    _, out = chat(index_dir, "/help", "/quit")
    for name in Chat.command_names():
        assert name in out
    assert "Esc then Enter" in out and "Ctrl-D" in out


def test_quit_and_help_typed_without_the_slash_are_the_commands(index_dir):
    code, out = chat(index_dir, "help", "quit", "what is LH")
    assert code == 0 and "/help — list commands and keys." in out
    assert "emergency" not in out and "luteinizing" not in out      # left before the last line
    assert out.rstrip().endswith("Goodbye — keep learning.")


def test_help_asked_with_a_question_mark_is_the_help_command(index_dir):
    """"help?" is someone asking what they can do, not a cry for help: it got the emergency
    message (an exploratory tester's). "HELP!" is still judged by the guard."""
    code, out = chat(index_dir, "help?", "?", "quit?")
    assert code == 0 and out.count("/help — list commands and keys.") == 2 and "emergency" not in out
    assert out.rstrip().endswith("Goodbye — keep learning.")


def test_a_word_for_leaving_leaves_even_after_an_emergency_message(index_dir):
    """An exploratory tester typed "exit" and "quit" after "HELP!": each brought the emergency
    box back instead of leaving. "help" there is still judged by the guard."""
    code, out = chat(index_dir, "HELP!", "help", "exit", "what is LH")
    assert code == 0 and out.count("could be an emergency") == 2
    assert "luteinizing" not in out and out.rstrip().endswith("Goodbye — keep learning.")


def test_quit_in_json_mode_answers_its_line_then_ends(index_dir):
    code, out, _ = run_cli(["chat", "--json"], "what is LH\n/quit\nwhat is FSH\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2 and lines[1]["command"] == "/quit"


def test_every_command_has_a_docstring():
    for name in Chat.command_names():
        assert getattr(Chat, "cmd_" + name[1:]).__doc__.strip().startswith(name)


def test_source_more_topics_and_progress(index_dir):
    _, out = chat(index_dir, "How does tamoxifen raise LH?", "/source 1", "/more", "/topics", "/progress", "/quit")
    assert "previous: intermediate/testosterone-recalibration-protocols-for-men/gonadorelin" in out
    assert "Neuroendocrine Axis Recalibration" in out
    # the answer's citation, then what /more showed whole: read, as far as /progress knows
    assert "You have seen 4 of" in out
    assert re.search(r"Testosterone Recalibration Protocols for Men: [1-9] of 9 seen", out)


def test_source_after_a_refused_diagnosis_opens_what_it_quoted(index_dir):
    """A diagnosis refused quotes the text with [1]: /source 1 opens that passage, not the last
    answer's (a reviewer's showed Clomid's item), and /more does not go on from the answer before."""
    _, out = chat(index_dir, "What is Clomid?", "my bones feel weak, do i have low estrogen?", "/source 1", "/more", "/quit")
    after = out.split("I can’t say whether someone has a condition", 1)[1]
    assert "previous: academic/metabolic-and-systemic-interconnections/metabolic-function" in after   # /source 1
    assert "nothing to go on" in after and "Anastrozole" not in after                                  # /more


def test_source_after_a_refusal_that_quotes_nothing_says_which_answer_it_opens(index_dir):
    """"/source 1" after a refusal showed the earlier answer's [1] with no word of it (a tester's)."""
    _, out = chat(index_dir, "What is Clomid?", "how much clomid should i take", "/source 1", "/quit")
    assert "[1] of your earlier question “What is Clomid?”" in out
    assert "clomid-clomiphene-citrate" in out.split("of your earlier question", 1)[1]


def test_next_reads_on_from_the_passage_source_opened(index_dir):
    first = "intermediate/testosterone-recalibration-protocols-for-men/tamoxifen"
    _, out = chat(index_dir, f"/source {first}", "/next", "/progress", "/quit")
    opened, rest = out.split("next: ", 1)
    after = rest.split()[0]
    assert f"({after})" in rest and "fundamentals/introduction/p1" not in rest     # not the start of the text
    assert "You have seen 2 of" in out


def test_progress_is_kept_across_sessions(index_dir):
    chat(index_dir, "What is Clomid?", "/quit")
    _, out = chat(index_dir, "/progress", "/quit")
    assert "You have seen 1 of" in out


def test_unknown_and_ambiguous_commands_get_a_hint(index_dir):
    _, out = chat(index_dir, "/defin serm", "/sourse 1", "/s", "/quit")
    assert "SERMs such as Tamoxifen" in out           # a unique prefix works
    assert "Unknown command /sourse. Did you mean /source" in out
    assert "Did you mean /simpler or /source?" in out
    _, out = chat(index_dir, "/bogus", "/define " + "x" * 5000, "/quit")    # a tester's
    assert "Unknown command /bogus. Type /help" in out and "Did you mean" not in out
    assert "x" * 100 not in out and "is not in the glossary" in out
    _, out = chat(index_dir, "/", "/quit")           # fits every command: /help's list, not a 17-name hint
    assert "Unknown command /. Type /help for the list." in out and "Did you mean" not in out


def test_level_simpler_and_deeper(index_dir):
    _, out = chat(index_dir, "/level academic", "what do SERMs do?", "/simpler", "/level nonsense", "/quit")
    assert "Level set to academic." in out
    assert "Academic › Neuroendocrine Axis Recalibration" in out
    assert out.count("Intermediate › Testosterone Recalibration Protocols for Men") >= 1
    assert "Choose one of: fundamentals, intermediate, academic, auto." in out
    assert "There is no level “nonsense”." in out


def test_a_level_may_be_named_by_its_beginning(index_dir):
    """"/level acad" said there was no such level, while commands and /define take a beginning (an
    exploratory tester's); a beginning two levels share is still asked about."""
    _, out = chat(index_dir, "/level acad", "/level f", "/level a", "/quit")
    assert "Level set to academic." in out and "Level set to fundamentals." in out
    assert "There is no level “a”." in out


def test_more_or_deeper_after_an_unanswered_question_says_why_there_is_nothing(index_dir):
    """"/more" after a refusal said "Ask a question first", as if the learner had asked nothing (an
    exploratory tester's)."""
    _, out = chat(index_dir, "how much clomid should i take", "/more", "/deeper", "/quit")
    assert "Ask a question first" not in out
    assert out.count("The last question was not answered from the text") == 2
    _, out = chat(index_dir, "/more", "how much clomid should i take", "/new", "/more", "/quit")
    assert out.count("Ask a question first; /more then shows further passages about it.") == 2


def test_define_unknown_term_suggests(index_dir):
    _, out = chat(index_dir, "/define tamoxifn", "/define banana", "/define leydg", "/quit")
    assert "Tamoxifen (also:" in out and "“banana” is not in the glossary." in out
    # too short to be taken for a typo outright, but close to one word of a name (a tester's)
    assert "“leydg” is not in the glossary. Did you mean Leydig cells?" in out


def test_define_says_a_sources_title_is_no_definition(index_dir):
    """/define igf-1 showed a paper's title from the reference list as IGF-1's definition (a tester's)."""
    _, out = chat(index_dir, "/define igf-1", "/quit")
    assert "The text does not define IGF-1" in out and "IGF-1 (also:" not in out, out


def test_define_says_when_the_text_uses_a_term_without_defining_it(index_dir):
    """/define trt showed "The body's own testosterone creation can become suppressed during TRT …"
    as TRT's definition (a learner tester's): the text never says what TRT is."""
    _, out = chat(index_dir, "/define trt", "/define pulsatility", "/quit")
    assert "The text uses “testosterone replacement therapy” without defining it" in out, out
    assert "The text uses “pulsatility” without defining it" in out, out
    assert "testosterone replacement therapy (also:" not in out


def test_history_shows_a_long_paste_cut(index_dir):
    _, out = chat(index_dir, "what is lh? " * 100, "/history", "/quit")
    line = next(line for line in out.splitlines() if line.strip().startswith("1."))
    assert "…" in line and len(line) < 400, line


def test_history_is_kept_in_tutor_home(index_dir, tmp_path):
    chat(index_dir, "What is Clomid?", "/quit")
    history = (tmp_path / "home" / "history").read_text()
    assert "What is Clomid?" in history


def test_piped_lines_are_one_conversation(index_dir):
    code, out, _ = run_cli(["chat"], "What is sermorelin?\nand hexarelin?\n")
    assert code == 0 and "(What is hexarelin?)" in out and "potent GH secretagogue" in out


def test_piped_json_one_object_per_turn(index_dir):
    code, out, _ = run_cli(["chat", "--json"], "What is sermorelin?\n\nand hexarelin?\n/define pda\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 3
    assert lines[1]["resolved_question"] == "What is hexarelin?" and lines[1]["status"] == "answered"
    assert set(lines[0]) == {"question", "status", "reason", "answer", "citations", "glossary", "resolved_question",
                             "reading"}
    assert lines[2]["command"] == "/define" and "Pentadeca Arginate" in lines[2]["output"]


def test_a_command_that_asks_for_the_learner_says_it_was_received_as_typed(index_dir):
    """/deeper asks "go deeper" for the learner; its JSON said "question": "go deeper" (a tester's)."""
    code, out, _ = run_cli(["chat", "--json"], "how does clomid work\n/deeper\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and lines[1]["question"] == "/deeper" and lines[1]["status"] == "answered"


def test_plain_output_has_no_escape_codes(index_dir, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    _, out = chat(index_dir, "What is LH?", "/quit")
    assert "\x1b[" not in out


@pytest.mark.parametrize("text", ["\x00\x01\x1b[31m", "what is " * 600, "🧪🧬 ¿qué es la GnRH?", "מה זה LH?"])
def test_odd_input_never_crashes(index_dir, text):
    code, out = chat(index_dir, text, "/quit")
    assert code == 0 and "Goodbye" in out


def test_a_megabyte_line_in_piped_chat(index_dir):
    code, out, err = run_cli(["chat", "--json"], "LH " * 350_000 + "\nwhat is LH\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2 and lines[1]["status"] == "answered" and "Traceback" not in err


def test_completion_of_commands_terms_and_ids(tutor):
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    from tutor.app.prompt import ChatCompleter
    from tutor.app.terminal import Terminal

    chat = Chat(Terminal.create(io.StringIO(), io.StringIO(), io.StringIO()), lambda: tutor)
    loaded = {"tutor": None}
    completer = ChatCompleter(chat.completions, lambda: loaded["tutor"])
    complete = lambda text: [c.text for c in completer.get_completions(Document(text), CompleteEvent())]
    assert set(complete("/de")) == {"/define ", "/deeper"}     # a command that takes a term, with its space
    assert complete("/define clo") == []          # nothing to offer while the tutor loads
    loaded["tutor"] = tutor
    assert {"Clomid", "clomiphene citrate"} <= set(complete("/define clo"))
    assert all(c.lower().startswith("clo") for c in complete("/define clo"))
    assert complete("/source references/kh") == ["references/khera-2017"]
    assert complete("what is") == []


def test_term_dumb_gives_plain_text(index_dir, monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    from tutor.app.terminal import Terminal

    class FakeTTY(io.StringIO):
        def isatty(self):
            return True

    assert Terminal.create(io.StringIO(), FakeTTY(), io.StringIO()).rich is False
    monkeypatch.setenv("TERM", "xterm-256color")
    assert Terminal.create(io.StringIO(), FakeTTY(), io.StringIO()).rich is True
    assert Terminal.create(io.StringIO(), FakeTTY(), io.StringIO(), plain=True).rich is False


def test_rich_rendering_in_a_recording_console(tutor):
    from rich.console import Console

    from tutor.app.render.answer import render_rich

    console = Console(record=True, width=90, force_terminal=True)
    console.print(render_rich(tutor.answer("What is Clomid?")))
    text = console.export_text()
    assert "Glossary" in text and "Sources" in text and "[1] Intermediate › Testosterone Recalibration" in text
    assert "Clomid is also a SERM. [1]" in text
    refused = Console(record=True, width=90, force_terminal=True)
    refused.print(render_rich(tutor.answer("how much clomid should i take")))
    shown = refused.export_text()
    assert "Can’t help with that" in shown and "Sources" not in shown
    taught = Console(record=True, width=90, force_terminal=True)     # a diagnosis refused, the text's general answer after
    taught.print(render_rich(tutor.answer("my bones feel weak, could that be low estrogen?")))
    shown = taught.export_text()
    assert "Only a clinician can say" in shown and "Bone Density" in shown and "Sources" in shown and "[1] " in shown
    from tutor.app.render.answer import render_plain

    plain = render_plain(tutor.answer("my bones feel weak, could that be low estrogen?"))
    assert plain.startswith("I can’t say whether") and "\nSources:\n[1] " in plain
    emergency = Console(record=True, width=90, force_terminal=True)
    emergency.print(render_rich(tutor.answer("I swallowed all my anastrozole tablets")))
    assert "This may be an emergency" in emergency.export_text() and "Can’t help" not in emergency.export_text()


def test_the_passage_of_a_term_the_text_never_defines_is_on_a_line_of_its_own(tutor):
    """"The text doesn't define X … (section, /source id)" was wrapped at 80 columns inside the
    sentence, the id broken from "/source" (a tester's): like every not-covered reply, the id comes
    last, on a line of its own, whole."""
    from tutor.app.render.answer import TypedId, render_rich

    answer = tutor.answer("what does subcutaneous mean?")
    assert answer.status == "not_covered" and "doesn’t define" in answer.message
    ids = [p for p in render_rich(answer).renderables if isinstance(p, TypedId)]
    assert [p.plain.strip() for p in ids] == [f"/source {answer.message.rsplit('/source ', 1)[1].rstrip(').')}"]
    assert "/source" not in render_rich(answer).renderables[0].plain


def test_an_emergency_shows_nothing_but_its_message(tutor):
    """"↳ why is my testosterone low?" above the emergency box read as if the question after the
    story had been taken up (a tester's); the emergency's answer is its message alone."""
    from rich.console import Console

    from tutor.app.render.answer import render_plain, render_rich

    answer = tutor.answer("been thinking of ending things since i came off trt. why is my testosterone low?")
    assert answer.reason == "emergency"
    console = Console(record=True, width=80, force_terminal=True)
    console.print(render_rich(answer))
    shown = console.export_text()
    assert "testosterone low" not in shown and "emergency" in shown
    assert "testosterone low" not in render_plain(answer)


def test_what_a_follow_up_was_read_as_is_shown_short(tutor):
    """A "why?" is searched with the whole sentence it asks about; shown in full it was a paragraph."""
    from tutor.app.render.answer import READ_AS_CHARS, read_as, render_plain

    conversation = Conversation()
    tutor.answer("What is the HPG axis?", conversation)
    answer = tutor.answer("why?", conversation)
    assert len(answer.resolved_question) > READ_AS_CHARS
    shown = read_as(answer)
    assert shown.startswith("why? — about “") and shown.endswith(" …”") and len(shown) <= READ_AS_CHARS + 3
    assert f"({shown})" in render_plain(answer)
    # the question and the sentence it asks about are told apart, not run together (a tester's
    # "↳ is that permanent Clinical strategies for men …")
    whole = read_as(answer, limit=None)
    assert whole == f"why? — about “{answer.resolved_question.removeprefix('why?').strip()}”"
    # a long question leaves no room for the claim: "… get asthma? — about “Some …”" (a tester's)
    long = "so why does that happen in men who have been on testosterone for a very long time?"
    answer = tutor.answer(long, conversation)
    shown = read_as(answer)
    assert answer.reading == "ellipsis" and shown.startswith("so why does that happen in men")
    assert shown.endswith(" … — about the last answer") and len(shown) <= READ_AS_CHARS     # a reviewer's: within the limit


def test_passage_ids_are_never_broken_at_80_columns(tutor):
    """Ids are typed and copied: rich folded "…clomid-clomiphene-" / "citrate" onto two lines, and
    the 83-character id itself the terminal folds at 80 columns; it is shown by its unique ending,
    which /source takes too."""
    from rich.console import Console

    from tutor.app.render import topics
    from tutor.app.render.answer import print_rich, render_rich

    console = Console(record=True, width=80, force_terminal=True)
    print_rich(console, render_rich(tutor.answer("What is Clomid?")), tutor.index.short_id)
    print_rich(console, topics.rich(tutor.index, console.width), tutor.index.short_id)
    silent = tutor.answer("what does clomid cost?")        # a not-covered reply names its passage
    assert silent.status == "not_covered" and "(/source " in silent.text
    print_rich(console, render_rich(silent), tutor.index.short_id)
    lines = console.export_text().splitlines()
    assert "    …/clomid-clomiphene-citrate" in lines and "    /source …/clomid-clomiphene-citrate" in lines
    assert "    (Clomiphene Citrate)" in [x.rstrip() for x in lines]     # a long source label wraps under itself
    assert "    /source fundamentals/understanding-endogenous-hormone-production/p1-1" in lines
    # (a source's label that wraps goes on under itself, four columns in too, but has no "/")
    typed = [x.strip().removeprefix("/source ") for x in lines
             if "/" in x and (x.startswith("    ") or x.startswith("/source "))]
    assert len(typed) >= 16 and all(len(x) <= 80 for x in lines)
    clomid = "intermediate/testosterone-recalibration-protocols-for-men/clomid-clomiphene-citrate"
    assert {tutor.index.find(x).id for x in typed if "clomid" in x} == {clomid}
    assert all(tutor.index.find(x) is not None for x in typed), typed
    # an id that fits the width only without its indent is printed whole without it, on one row
    console = Console(record=True, width=80, force_terminal=True)
    print_rich(console, render_rich(tutor.answer("is anastrozole fda approved?")), tutor.index.short_id)
    line = next(line for line in console.export_text().splitlines() if "/source " in line)
    assert line == "/source intermediate/testosterone-recalibration-protocols-for-men/anastrozole"
    # ... and so is one followed by where to turn (Tutor._say_where_to_turn): "(/source" ended one
    # line and the id began the next (a reviewer's)
    serious = tutor.answer("does tamoxifen make your leg swell up and go hot and red on one side?")
    assert "(/source " in serious.message and serious.may_be_serious
    console = Console(record=True, width=80, force_terminal=True)
    print_rich(console, render_rich(serious), tutor.index.short_id)
    lines = console.export_text().splitlines()
    typed = [x.strip().removeprefix("/source ") for x in lines if x.strip().startswith(("/source ", "…/"))]
    assert typed and all(tutor.index.find(x) is not None for x in typed), lines
    assert any("emergency number" in x for x in lines) and all(len(x) <= 80 for x in lines)


def test_source_takes_an_ids_unique_ending_and_says_when_it_is_not_unique(index_dir):
    _, out = chat(index_dir, "/source clomid-clomiphene-citrate", "/source …/tamoxifen", "/source p1-1", "/quit")
    assert "(intermediate/testosterone-recalibration-protocols-for-men/clomid-clomiphene-citrate)" in out
    assert "(intermediate/testosterone-recalibration-protocols-for-men/tamoxifen)" in out
    assert "No passage has the id p1-1." in out and "ids end so" in out


def test_define_puts_the_command_to_read_on_on_a_line_of_its_own(index_dir, tutor):
    """Beside the label, "(/source" and its id were wrapped onto two lines at 80 columns."""
    _, out = chat(index_dir, "/define clomid", "/quit")
    line = next(x for x in out.splitlines() if x.startswith("/source "))
    assert tutor.index.find(line.removeprefix("/source ")).id.endswith("clomid-clomiphene-citrate")


def test_a_line_of_only_invisible_characters_is_ignored(index_dir):
    """A zero-width space or control characters alone are no question; the chat goes on."""
    code, out = chat(index_dir, "\u200b", "\x07\x1b", "What is Clomid?", "/quit")
    assert code == 0 and "unexpected error" not in out.lower() and "Clomid" in out
    assert "Goodbye" in out


def test_the_welcome_names_what_the_corpus_is_about(corpus_copy):
    from tutor.app.repl.loop import welcome
    from tutor.core.corpus.outline import file_subjects

    assert welcome(file_subjects(corpus_copy)).startswith("tutor — ask how the body makes its own hormones; ")
    (corpus_copy / "food.md").write_text("# Foodborne Illnesses\n\n## Causes\n\nGerms in food.\n", encoding="utf-8")
    assert welcome(file_subjects(corpus_copy)).startswith(
        "tutor — ask how the body makes its own hormones, and about Foodborne Illnesses; ")
    # files the index leaves out are not named either (a tester's welcome offered "Empty" and "Gicht")
    (corpus_copy / "empty.md").write_text("\n\n", encoding="utf-8")
    (corpus_copy / "gicht.md").write_bytes("# Gicht\n\nGicht ist eine Stoffwechselstörung.\n".encode("latin-1"))
    assert welcome(file_subjects(corpus_copy)).startswith(
        "tutor — ask how the body makes its own hormones, and about Foodborne Illnesses; ")


def test_define_a_term_no_glossary_names_shows_the_sentence_that_defines_it(teacher_corpus):
    """A teacher's text without a glossary: `/define` said only "not in the glossary" for a term
    the text defines in so many words; it quotes that sentence with its source."""
    corpus, index = teacher_corpus
    code, out, _ = run_cli(["chat", "--plain", "--corpus", str(corpus), "--index", str(index)],
                           "/define blood loss\n/define banana\n")
    assert code == 0 and "“blood loss” is not in the glossary; the text defines it: Blood loss is the commonest " \
        "cause of low iron." in out and "/source iron-deficiency/causes/p1" in out
    assert "“banana” is not in the glossary." in out


def test_define_shows_the_texts_own_definition_before_a_longer_name_that_contains_the_word(tmp_path):
    """An asthma handout's glossary gave "trigger" the alias "asthma trigger", and /define asthma
    showed the entry for triggers though the handout opens "Asthma is a long-term condition …" (an
    exploratory tester's). A longer name still answers a word the text never defines so."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "asthma.md").write_text(
        "# Asthma\n\n## What is asthma?\n\nAsthma is a long-term condition that affects the airways. A trigger is "
        "anything that irritates the airways and brings on symptoms.\n\n## Peak flow\n\nA peak flow meter is a small "
        "tube you blow into.\n", encoding="utf-8")
    (corpus / "glossary.yaml").write_text(
        'terms:\n  - term: "trigger"\n    aliases: ["asthma trigger"]\n'
        '    definition: "A trigger is anything that irritates the airways and brings on symptoms."\n'
        '  - term: "peak flow meter"\n    aliases: []\n'
        '    definition: "A peak flow meter is a small tube you blow into."\n', encoding="utf-8")
    code, out, _ = run_cli(["chat", "--plain", "--corpus", str(corpus), "--index", str(tmp_path / "index")],
                           "/define asthma\n/define peak\n")
    assert code == 0 and "“asthma” is not in the glossary; the text defines it: Asthma is a long-term condition" in out
    assert "peak flow meter — A peak flow meter is a small tube" in out


def test_a_level_the_text_does_not_have_is_not_set(teacher_corpus):
    corpus, index = teacher_corpus
    code, out, _ = run_cli(["chat", "--plain", "--corpus", str(corpus), "--index", str(index)], "/level academic\n")
    assert code == 0 and "The text has no Academic part, so the level stays auto." in out


def test_more_shows_the_cited_texts_own_passages_first(tutor):
    """After a teacher's kidney-stone answer, /more listed hormone passages ahead of the kidney
    text's own (exploratory test); here another file's passages are made to outrank them."""
    from dataclasses import replace

    from tutor.app.terminal import Terminal

    out = io.StringIO()
    chat = Chat(Terminal.create(io.StringIO(), out, io.StringIO()), lambda: tutor)
    answer = tutor.answer("What is Clomid?")
    other = [replace(h, passage=replace(h.passage, source="other.md"), score=h.score + 10) for h in answer.ranked[1:3]]
    answer.ranked = other + answer.ranked[3:]
    chat.last = answer
    chat.cmd_more()
    shown = [line for line in out.getvalue().splitlines() if line.endswith(")") and "/" in line]
    own = {h.passage.id for h in answer.ranked[2:]}
    assert shown and all(line.rsplit("(", 1)[1].rstrip(")") in own for line in shown[:1])


def test_tell_me_more_moves_on_from_what_more_showed(tutor):
    """"tell me more" after /more quoted again the rows /more had just shown (an exploratory
    tester's): the passages /more shows count as said, until the next new question."""
    from tutor.app.terminal import Terminal

    out = io.StringIO()
    chat = Chat(Terminal.create(io.StringIO(), out, io.StringIO()), lambda: tutor)
    chat.ask("what is sermorelin")
    chat.cmd_more()
    shown = set(chat.conversation.shown)
    more = tutor.answer("tell me more", chat.conversation)
    assert len(shown) == 3 and more.citations and not shown & {c.passage.id for c in more.citations}
    tutor.answer("what is tamoxifen", chat.conversation)
    assert not chat.conversation.shown              # a new question starts afresh


def test_the_shared_options_work_on_the_default_command(index_dir):
    """`tutor --plain` is the chat with --plain (the README lists the shared options for every command)."""
    code, out, err = run_cli(["--plain", "--index", str(index_dir), "--level", "academic"], "what is LH\n")
    assert code == 0 and "error" not in err and "LH" in out
    code, out, _ = run_cli(["--json", "--index", str(index_dir)], "what is LH\n")
    assert code == 0 and json.loads(out.splitlines()[0])["status"] == "answered"
    code, out, err = run_cli(["--plain", "--index", str(index_dir), "ask", "what is LH"])   # before a command
    assert code == 0 and "LH" in out and "error" not in err


def test_ask_offers_only_what_can_be_typed_outside_the_chat(index_dir):
    """`tutor ask` ended with "Next: /define pituitary gland", a chat command (a tester's)."""
    _, out, _ = run_cli(["ask", "--plain", "--index", str(index_dir), "What is Clomid?"])
    nxt = [line for line in out.splitlines() if line.startswith("Next:")]
    assert not nxt or ("/define" not in nxt[0] and "tutor ask" in nxt[0]), nxt


def styled_chat(tutor, width: int = 80):
    """A chat printing to a styled terminal of `width` columns, and what it printed."""
    from rich.console import Console

    from tutor.app.terminal import Terminal

    out = io.StringIO()
    terminal = Terminal.create(io.StringIO(), out, io.StringIO())
    terminal.out = Console(file=out, width=width, force_terminal=True, color_system=None)
    terminal.rich = True                                   # as in a terminal
    return Chat(terminal, lambda: tutor), out


def test_help_at_80_columns_keeps_each_description_under_itself(tutor):
    """/help wrapped descriptions back to the left edge at 80 columns (a tester's)."""
    chat, out = styled_chat(tutor)
    chat.cmd_help()
    lines = out.getvalue().splitlines()
    body = lines[1:lines.index(next(line for line in lines if line.startswith("Keys:")))]
    assert len(body) > len(chat.command_names())          # some descriptions wrapped
    assert all(line.startswith("  ") for line in body), body


def test_history_at_80_columns_wraps_each_question_under_itself(tutor):
    """/history and /progress wrapped long lines back to the left edge at 80 columns (a tester's)."""
    chat, out = styled_chat(tutor)
    chat.handle("what does tamoxifen do")
    chat.handle("why?")                     # read with the last claim: a line longer than 80
    out.seek(0), out.truncate()
    chat.cmd_history()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(" 1. what does tamoxifen do") and lines[1].startswith(" 2. why? → read as:")
    assert len(lines) > 2 and all(line.startswith("    ") for line in lines[2:]), lines


def test_a_passage_read_by_its_id_or_walked_to_is_the_topic(tutor):
    """The topic bar still said "kidney stones" over the bundled text's introduction opened with
    /source and read on with /next (an exploratory tester's), and "how does it work?" then asked
    about the last answer's subject. What was read whole is what the learner is on; a citation's
    passage, opened by its number, is the last answer's."""
    from tutor.app.terminal import Terminal

    out = io.StringIO()
    chat = Chat(Terminal.create(io.StringIO(), out, io.StringIO()), lambda: tutor)
    chat.ask("what is the HPG axis?")
    chat.cmd_source("1")
    assert "HPG" in chat.toolbar(), chat.toolbar()
    chat.cmd_source("intermediate/testosterone-recalibration-protocols-for-men/tamoxifen")
    assert "topic: Tamoxifen │" in chat.toolbar(), chat.toolbar()
    chat.cmd_next()
    assert "topic: Clomid │" in chat.toolbar(), chat.toolbar()
    answer = tutor.answer("how does it work?", chat.conversation)
    assert "Clomid" in answer.resolved_question and "competes with estrogen" in answer.text, answer.text


@pytest.fixture(scope="module")
def shingles_sheet(tmp_path_factory):
    """A short shingles handout beside the bundled text, as a teacher adds it."""
    return a_sheet(tmp_path_factory, "shingles", beside_the_bundled_text=True, text=
                   "# Shingles\n\n*A handout for students and families.*\n\n## What is shingles?\n\nShingles is a painful "
                   "rash caused by the virus that causes chickenpox.\n\n## Complications\n\nThe most common complication is "
                   "postherpetic neuralgia (PHN), nerve pain that carries on after the rash has healed.\n")


def test_reading_on_stops_at_the_end_of_a_teachers_file(shingles_sheet):
    """/prev from a shingles handout's first passage went into the bundled text's closing reflection
    (an exploratory tester's): each file is read on its own."""
    from tutor.app.terminal import Terminal

    out = io.StringIO()
    chat = Chat(Terminal.create(io.StringIO(), out, io.StringIO()), lambda: shingles_sheet)
    first = next(p for p in shingles_sheet.index.passages if p.source == "shingles.md")
    chat.cmd_source(first.id)
    out.seek(0), out.truncate()
    chat.cmd_prev()
    assert "That is the start of “Shingles”. /topics lists the other texts." in out.getvalue(), out.getvalue()
    last = [p for p in shingles_sheet.index.passages if p.source == "shingles.md"][-1]
    chat.cmd_source(last.id)
    out.seek(0), out.truncate()
    chat.cmd_next()
    assert "That is the end of “Shingles”." in out.getvalue(), out.getvalue()


def test_define_takes_a_typing_slip_of_a_term_the_text_defines(shingles_sheet):
    """"/define postherpetic neuralgai" was "not in the glossary", with no suggestion, beside a handout
    that says what postherpetic neuralgia is (an exploratory tester's)."""
    from tutor.app.terminal import Terminal

    out = io.StringIO()
    chat = Chat(Terminal.create(io.StringIO(), out, io.StringIO()), lambda: shingles_sheet)
    chat.cmd_define("postherpetic neuralgai")
    shown = out.getvalue()
    assert "“postherpetic neuralgia” is not in the glossary; the text defines it: The most common complication is " \
           "postherpetic neuralgia (PHN)" in " ".join(shown.split()), shown


def test_the_toolbar_fits_the_terminal_with_a_long_topic(tutor):
    """"topic: Leydig cells, testosterone replacement therapy │ quiz:" was cut at 80 columns, and
    "/help" with it (an exploratory tester's)."""
    from tutor.app.terminal import Terminal

    terminal = Terminal.create(io.StringIO(), io.StringIO(), io.StringIO())
    terminal.out.width = 50
    chat = Chat(terminal, lambda: tutor)
    chat.ask("what happens to leydig cells and sertoli cells on testosterone replacement therapy?")
    assert len(chat.conversation.topic_text) > 20, chat.conversation.topic_text
    bar = chat.toolbar()
    assert len(bar) <= 50 and bar.endswith("│ /help") and "…" in bar, bar


def test_next_after_an_answer_goes_on_after_the_last_passage_it_quoted(index_dir):
    """/next after an answer that quoted p3 and p4-1 showed p4-1 again, already read whole (a
    tester's); it reads on after the run of passages the answer cited."""
    _, out, _ = run_cli(["chat", "--json"], "What is the endocrine system?\n/next\n")
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    cited = [c["passage_id"] for c in rows[0]["citations"]]
    assert cited[:2] == ["fundamentals/introduction/p3", "fundamentals/introduction/p4-1"]
    shown = next(r for r in rows if r.get("command") == "/next")["output"]
    assert "(fundamentals/introduction/p4-2)" in shown, shown


def test_a_citation_number_before_any_answer_says_what_to_do(index_dir):
    _, out = chat(index_dir, "/source 1", "What is Clomid?", "/source 9", "/quit")
    assert "There is no answer yet to cite from: ask a question first" in out
    assert "There is no citation [9] in the last answer." in out


def test_history_lists_each_turn_as_typed_and_how_it_was_read(index_dir):
    _, out = chat(index_dir, "What does gonadorelin do?", "/simpler", "how much do men take?", "/history", "/quit")
    history = out[out.rindex(" 1. "):]
    assert " 1. What does gonadorelin do?  [answered]" in history
    assert " 2. /simpler → read as: What does gonadorelin do?" in history     # not words the learner never typed
    assert "[refused: dosing]" in history         # in words, not "refused (dosing)" (a tester's)


def test_history_marks_where_new_started_a_fresh_conversation(index_dir):
    """An exploratory tester could not tell from /history where /new had started afresh."""
    _, out = chat(index_dir, "What does gonadorelin do?", "/new", "/new", "what is clomid", "/history", "/quit")
    history = out[out.rindex(" 1. "):]
    assert history.count("/new: a fresh conversation") == 1
    assert history.index("What does gonadorelin do?") < history.index("/new: a fresh") < history.index("what is clomid")


def test_history_shows_the_whole_reading_of_a_turn(index_dir):
    """Under an answer the reading is cut short; /history is where a learner looks for it whole
    (it was cut there too, a tester's)."""
    code, out, _ = run_cli(["chat", "--json"], "what does the text say about recovery after trt\nwhy?\n/history\n")
    lines = [json.loads(line) for line in out.splitlines()]
    resolved = lines[1]["resolved_question"]
    claim = resolved.removeprefix("why?").strip()
    assert code == 0 and len(resolved) > 90 and f"why? — about “{claim}”" in lines[2]["output"]


LONG_QUESTION = ("I have been reading the part about the hypothalamus and the pituitary for a while now, and I "
                 "would like to understand how GnRH, LH and FSH work together to keep testosterone steady")


def test_a_question_interrupted_before_its_answer_is_kept_in_history_once_judged(tutor, tmp_path):
    """Ctrl-C during an answer (or while the tutor loads) loses nothing typed: the line goes to the
    history file once the guard can judge it, in the order typed; a refused one never does."""
    from tutor.app.prompt import history_for
    from tutor.app.repl.loop import _Keeper
    from tutor.app.terminal import Terminal

    loaded = []
    chat = Chat(Terminal.create(io.StringIO(), io.StringIO(), io.StringIO()), lambda: tutor,
                loaded=lambda: loaded[0] if loaded else None)
    history = history_for(tmp_path / "history")
    keeper = _Keeper(chat, history.keep)
    keeper.interrupted(LONG_QUESTION)                    # the tutor is still loading: it waits
    keeper.interrupted("how many mg of clomid should I take each day?")
    assert not (tmp_path / "history").read_text().strip()
    loaded.append(tutor)
    chat.handle("What is Clomid?")
    keeper.answered("What is Clomid?")
    written = (tmp_path / "history").read_text()
    assert LONG_QUESTION in written and "mg of clomid" not in written
    assert written.index(LONG_QUESTION) < written.index("What is Clomid?")


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_suggestion_is_never_split_across_lines(tutor, width):
    """An exploratory tester at 80 columns saw "Next: /define clinical protocols · /define
    exogenous hormone · What is" and "Tamoxifen?" on the next line: a question to type, split."""
    from rich.console import Console

    from tutor.app.render.answer import render_rich

    answer = tutor.answer("what do exogenous hormones do to the body")
    assert len(answer.suggestions) >= 2 and len("Next: " + " · ".join(answer.suggestions)) > 40
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(render_rich(answer))
    lines = console.file.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Next: "))
    shown = lines[start:]
    for suggestion in answer.suggestions:
        if len(suggestion) + 6 <= width:
            assert any(suggestion in line for line in shown), (suggestion, shown)
    assert all(len(line) <= width for line in shown)


def test_next_steps_are_measured_in_screen_cells():
    """A reviewer's wide characters split a suggestion: the line was measured in characters, not
    the cells a terminal gives them (at 50 columns the two fit by characters, 45, not by cells, 62)."""
    from rich.console import Console

    from tutor.app.render.answer import NextSteps

    offered = ["/define 日本語日本語日本語", "What is 日本語日本語日本語?"]
    console = Console(file=io.StringIO(), width=50, color_system=None, legacy_windows=False)
    console.print(NextSteps(offered))
    lines = console.file.getvalue().splitlines()
    assert any(offered[0] in line for line in lines) and any(offered[1] in line for line in lines), lines
