"""prompt-toolkit pieces: the chat's PromptSession (history, completion, key bindings, toolbar)
and a plain line reader for piped input. Imported only by interactive commands."""

from __future__ import annotations

from typing import Callable, Iterable

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys


class ChatCompleter(Completer):
    """Completes slash commands and their arguments; what each command completes lives beside it
    in the chat (`Chat.completions`). `ready` gives the loaded tutor, or None while it loads."""

    def __init__(self, complete: Callable[[str, object], Iterable[tuple[str, int]]],
                 ready: Callable[[], object]) -> None:
        self.complete, self.ready = complete, ready

    def get_completions(self, document, complete_event):
        for text, start in self.complete(document.text_before_cursor, self.ready()):
            yield Completion(text, start_position=start)


def key_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("escape", "enter")
    def _newline(event) -> None:
        """Esc then Enter: start a new line (for a long, multi-line question)."""
        event.current_buffer.insert_text("\n")

    @bindings.add(Keys.Vt100MouseEvent)
    def _ignore_mouse(event) -> None:
        """Ignore mouse reports: a pasted colour code such as ESC[31m looks like a broken one."""

    return bindings


class KeptHistory(FileHistory):
    """Lines typed are recalled with the up arrow at once, but written to the history file only
    when `keep` is called: the chat keeps a line after answering it, and never a refused one."""

    def append_string(self, string: str) -> None:
        self._loaded_strings.insert(0, string)

    def keep(self, string: str) -> None:
        """Write the line; a full or read-only disk only costs the history, never the chat."""
        try:
            self.store_string(string)
        except OSError:
            pass


def history_for(path) -> InMemoryHistory | KeptHistory:
    """The chat's history: in memory only when TUTOR_HISTORY=0 or there is no path."""
    import os

    if path is None or os.environ.get("TUTOR_HISTORY", "").strip().lower() in ("0", "off", "no", "false"):
        return InMemoryHistory()
    return KeptHistory(str(_private_history(path)))


def prompt_session(terminal, history_path=None, completer=None, toolbar=None) -> PromptSession:
    """A PromptSession on the real terminal, or on the test's pipe input and dummy output."""
    history = history_for(history_path)
    kwargs = {}
    if terminal.prompt_input is not None:
        kwargs["input"] = terminal.prompt_input
    if terminal.prompt_output is not None:
        kwargs["output"] = terminal.prompt_output
    return PromptSession(history=history, completer=completer, key_bindings=key_bindings(),
                         bottom_toolbar=toolbar, complete_while_typing=True, enable_history_search=False,
                         **kwargs)


def _private_history(path):
    """Create the history file readable by its owner only (0600) before FileHistory appends to it;
    when it cannot be written (a read-only home), history goes to the null device instead."""
    import os

    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    except OSError:
        return os.devnull
    return path


def uses_prompt(terminal) -> bool:
    """Interactive prompt when a test supplies pipe input, or when stdin is a terminal."""
    return terminal.prompt_input is not None or terminal.interactive


def line_reader(stream) -> Callable[[str], str]:
    """`ask(prompt)` over piped input: the next line, EOFError at the end."""
    def ask(_prompt: str) -> str:
        line = stream.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    return ask
