"""The chat's read-answer loops: interactive (prompt-toolkit) and piped (one turn per line), and
the short quiz the chat opens with /quiz. Each only reads, calls `Chat.handle`, and renders."""

from __future__ import annotations

from tutor.app.status import ExitStatus

WELCOME = ("tutor — ask {about}; answers quote the text with sources.\n"
           "Type /help for commands, Ctrl-D to leave. This is education, not medical advice.")
GOODBYE = "Goodbye — keep learning."


def piped(chat, terminal) -> int:
    """Each input line is the next turn of one conversation. A turn that fails gets its own error
    (a JSON object with --json) and the conversation goes on; the exit code is then 1."""
    from tutor.core.errors import TutorError

    failed = False
    for line in terminal.stdin:
        try:
            if not chat.handle(line):
                break
        except (TutorError, BrokenPipeError):
            raise
        except Exception as error:  # noqa: BLE001 — one odd line must not lose the lines after it
            failed = True
            terminal.line_failed(line, error, chat.json_mode)
    return ExitStatus.ERROR if failed else ExitStatus.OK


def welcome(subjects: list[str]) -> str:
    """The chat's first line, naming what the corpus is about (outline.file_subjects)."""
    from tutor.core.corpus.outline import BUNDLED_SUBJECT

    parts = ["how the body makes its own hormones" if x == BUNDLED_SUBJECT else f"about {x}" for x in subjects]
    return WELCOME.format(about=", and ".join(parts) or "about the text")


def interactive(chat, terminal, session, subjects: list[str] = ()) -> int:
    """Ctrl-C clears the line (or interrupts an answer), Ctrl-D or /quit leaves; typed bytes that
    are not UTF-8 are replaced, and a question that fails is reported and the chat goes on."""
    from tutor.app.terminal import decoded
    from tutor.core.errors import TutorError

    terminal.out.print(welcome(list(subjects)), style="bold" if terminal.rich else None)
    keep = _Keeper(chat, getattr(session.history, "keep", None))
    while True:
        try:
            line = session.prompt("you › ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        line = decoded(line)
        try:
            if not chat.handle(line):
                break
        except KeyboardInterrupt:
            terminal.out.print(" (interrupted)")      # after the "^C" the terminal echoes: "^C (interrupted)"
            keep.interrupted(line)
            continue
        except (TutorError, BrokenPipeError):
            raise
        except Exception as error:  # noqa: BLE001 — one odd question must not end the session
            terminal.line_failed(line, error, as_json=False)
            continue
        keep.answered(line)
    keep.settle()
    terminal.out.print(GOODBYE)
    return ExitStatus.OK


class _Keeper:
    """Writes typed lines to the history file: an answered line unless it was refused, and one
    interrupted before its answer (perhaps a long question) once the guard can say it would not
    be refused. A line the tutor could not judge before the chat ends is not written."""

    def __init__(self, chat, keep) -> None:
        self.chat, self.keep, self.waiting = chat, keep, []

    def answered(self, line: str) -> None:
        self.settle()
        if self.keep is not None and line.strip() and not self.chat.last_kept_out:
            self._write(line)

    def interrupted(self, line: str) -> None:
        if line.strip():
            self.waiting.append(line)
        self.settle()

    def settle(self) -> None:
        """Write the waiting lines the guard lets through, in the order typed; keep waiting on
        those it cannot judge yet (the tutor still loading, or a second Ctrl-C)."""
        if self.keep is None:
            return
        waiting, self.waiting = self.waiting, []
        for text in waiting:
            try:
                verdict = self.chat.may_keep(text)
            except KeyboardInterrupt:
                verdict = None
            if verdict is None:
                self.waiting.append(text)
            elif verdict:
                self._write(text)

    def _write(self, line: str) -> None:
        from tutor.app.terminal import printable

        self.keep(printable(line))          # a pasted escape sequence is not kept either


def quiz_in_chat(terminal, get_tutor, store, text: str | None = None) -> None:
    """/quiz: five questions (three new terms at most), on one file of the corpus when `text`
    names one, then back to the chat."""
    from tutor.app.prompt import prompt_session
    from tutor.app.repl import quiz as runner
    from tutor.core.quiz.factory import label_for, make_session

    tutor = get_tutor()
    session = make_session(tutor.index, store, count=5, new=3, text=text)
    prompt = prompt_session(terminal)
    terminal.out.print("Quiz — h for a hint, ? to see the answer, /stop to return to the chat.")
    try:
        runner.run(session, prompt.prompt, terminal, label_for(tutor.index), tutor.index.short_id)
    except (KeyboardInterrupt, EOFError):
        terminal.out.print("Quiz stopped; your answers so far are saved." if not session.lost else
                           f"Quiz stopped; {session.saved_line}.")
