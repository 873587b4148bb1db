"""The quiz loop over any input/output: the standalone `tutor quiz`, `/quiz` in the chat, and
plain piped input all use it. Each answer is stored before the next question is shown."""

from __future__ import annotations

import time
from typing import Callable

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tutor.core.quiz.grading import NEAR
from tutor.core.quiz.questions import LETTERS, RECOGNITION, Question
from tutor.core.quiz.session import QuizSession
from tutor.core.safety import redact

REVEAL = {"?", "/reveal", "reveal", "show", "idk", "i don't know", "dont know", "don't know"}
HINT = {"h", "/hint", "hint"}
STOP = {"/stop", "/quit", "/exit", "q", "quit", "exit"}
HELP = "Type the term, h for a hint, ? to see the answer, /stop to end the quiz."
CHOICE_HELP = "Type a letter a–d (or 1–4), h for a hint, ? to see the answer, /stop to end the quiz."
KEYS = "h hint · ? answer · /stop"
NO_MORE_HINTS = "No more hints — ? shows the answer."


class StopQuiz(Exception):
    """The learner asked to stop; everything answered so far is already saved."""


def run(session: QuizSession, ask: Callable[[str], str], terminal, label_for: Callable[[str], str],
        short_id: Callable[[str], str] = lambda passage_id: passage_id, tier: str | None = None,
        text: str | None = None) -> tuple[int, int]:
    """Ask until the session is done or the learner stops; returns (right, asked). `short_id`: a
    passage id's unique ending, which /source takes too (Index.short_id); `tier` and `text`: the
    ones chosen with --tier and --text, if any."""
    total = len(session.queue)
    if total == 0 and not session.entries:
        where = f" in the {tier} tier (chosen with --tier)" if tier else ""
        where += f" in {text} (chosen with --text)" if text else ""
        terminal.out.print(Text(f"There is nothing to drill: there are no glossary terms to quiz on{where}. "
                                "A teacher's text can add terms in glossary.yaml; see the README."))
        return 0, 0
    if total == 0:
        left = session.unseen_left
        if not left:
            why = "no new terms are left. Come back later."
        elif session.new <= 0:
            why = (f"--new 0 asks for no new ones ({left} {'term is' if left == 1 else 'terms are'} not started "
                   "yet). Come back later, or raise --new.")
        else:
            why = "no new terms fit. Come back later, or raise --new."
        terminal.out.print(Text(f"Nothing to review right now — no cards are due and {why}"))
        return 0, 0
    number = 0
    try:
        while (question := session.next_question()) is not None:
            number += 1
            _show_question(terminal, question, f"{number}/{total}" if number <= total else "again")
            response, hinted, revealed, seconds = _read_answer(question, ask, terminal)
            outcome = session.answer(question, response, hinted=hinted, seconds=seconds, revealed=revealed)
            _show_feedback(terminal, outcome, label_for, short_id)
            if outcome.saving_note:
                terminal.note(outcome.saving_note)
    except StopQuiz:
        # said as Ctrl-C says it (commands/quiz.py): /stop printed "Stopped. Your answers so far are
        # saved." and a "Session done" line, Ctrl-C one line (an exploratory tester's)
        right, asked = session.score
        terminal.out.print(Text(f"Stopped. {right} of {asked} right; {session.saved_line}.", style="bold"))
        return right, asked
    right, asked = session.score
    terminal.out.print(Text(f"Session done: {right} of {asked} right" +
                            (f"; {session.saved_line}." if session.lost else "."), style="bold"))
    return right, asked


def _read_answer(question: Question, ask, terminal) -> tuple[str, bool, bool, float]:
    hinted, started = False, time.monotonic()
    while True:
        response = ask("answer › ").strip()
        low = response.lower()
        if low in STOP:
            raise StopQuiz
        if low in REVEAL:
            return response, hinted, True, time.monotonic() - started
        if low in HINT:
            hint = question.next_hint()
            hinted = hinted or hint is not None
            _show_hint(terminal, question, hint)
            continue
        if not response:
            terminal.out.print(Text(CHOICE_HELP if question.mode == RECOGNITION else HELP, style="dim"))
            continue
        if question.mode == RECOGNITION and not _open_choice(question, low):
            terminal.out.print(Text(_choice_help(question), style="dim"))
            continue
        return response, hinted, False, time.monotonic() - started


def _open_choice(question: Question, typed: str) -> bool:
    """A letter (or number) of a choice no hint has taken away."""
    typed = typed.rstrip(").")
    index = LETTERS.find(typed) if len(typed) == 1 and typed.isalpha() else int(typed) - 1 if typed.isdigit() else -1
    return index in question.remaining


def _choice_help(question: Question) -> str:
    if not question.removed:
        return CHOICE_HELP
    hint = ", h for another hint" if question.hint_left() else ""     # a tester's: after one hint, h was gone
    return f"Type one of {', '.join(LETTERS[i] for i in question.remaining)}{hint}, ? to see the answer, /stop to end the quiz."


def _show_hint(terminal, question: Question, hint: str | None) -> None:
    if hint is None:
        terminal.out.print(Text(NO_MORE_HINTS, style="dim"))
        return
    terminal.out.print(Text(hint, style="yellow"))
    if question.mode == RECOGNITION:
        terminal.out.print(_options(terminal, [(LETTERS[i], question.choices[i]) for i in question.remaining]))


def _show_question(terminal, question: Question, position: str) -> None:
    keys = f"a–d · {KEYS}" if question.mode == RECOGNITION else KEYS
    title = f"{position} · {question.mode} · keys: {keys}"
    if question.mode == RECOGNITION:
        body = Group(Text(f"Which definition fits “{question.prompt}”?\n", style="bold"),
                     _options(terminal, list(zip(LETTERS, question.choices))))
    elif question.mode == "cloze":
        body = Text("Fill in the blank:\n\n", style="bold")
        body.append(question.prompt, style="")
    else:
        body = Text("Which term is this?\n\n", style="bold")
        body.append(question.prompt, style="")
    _print_box(terminal, body, title)


def _show_feedback(terminal, outcome, label_for, short_id=lambda passage_id: passage_id) -> None:
    """Right or wrong, with the right letter for multiple choice, then the whole definition."""
    question = outcome.question
    entry = question.entry
    answer = f"{question.letter}) {entry.term}" if question.letter else entry.term
    text = Text()
    if outcome.grade.verdict == NEAR:
        text.append(f"✓ Accepted — correct spelling: {entry.term}", style="bold green")
    elif outcome.grade.correct:
        text.append(f"✓ Right — {answer}", style="bold green")
    else:
        text.append(f"✗ The answer is {answer}", style="bold red")
    text.append(f"\n{entry.term} — {redact(entry.definition)}")
    # /source is a chat command: the quiz's own prompt takes only answers, hints and /stop. On a
    # line of its own, and by the id's unique ending where the whole would not fit, so that at 80
    # columns the command is not split from its id (two testers')
    command = f"Read it in the chat: /source {entry.passage_id}"
    if len(command) > terminal.out.width:
        command = f"Read it in the chat: /source {short_id(entry.passage_id)}"
    text.append(f"\nSource: {label_for(entry.passage_id)}\n{command}", style="dim")
    terminal.out.print(text)
    terminal.out.print()


def _options(terminal, options: list[tuple[str, str]]):
    """Lettered options, one per line. On a styled terminal each wraps under its own text, not
    under its letter (at 80 columns a second line started at the box's edge: a tester's)."""
    if not terminal.rich:
        text = Text()
        for n, (letter, choice) in enumerate(options):
            text.append(("\n" if n else "") + f" {letter}) ", style="bold cyan")
            text.append(choice)
        return text
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for letter, choice in options:
        grid.add_row(Text(f" {letter})", style="bold cyan"), Text(choice))
    return grid


def _print_box(terminal, body, title: str) -> None:
    if terminal.rich:
        terminal.out.print(Panel(body, title=title, title_align="left", border_style="magenta"))
    else:
        terminal.out.print(Text(f"[{title}]"))
        terminal.out.print(body)
