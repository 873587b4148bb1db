"""`tutor chat` (and `tutor` alone): the tutoring conversation.

Interactive: one PromptSession with history, completion, a toolbar and key bindings; the model
loads in the background while the prompt is already up. Piped: each input line is the next turn
of one conversation, answered plainly, or as one JSON object per turn with --json.
"""

from __future__ import annotations

from tutor.core import paths
from tutor.app.status import ExitStatus

WELCOME = ("tutor — ask how the body makes its own hormones; answers quote the text with sources.\n"
           "Type /help for commands, Ctrl-D to leave. This is education, not medical advice.")
GOODBYE = "Goodbye — keep learning."


def run(args, terminal) -> int:
    from tutor.app.repl.commands import Chat
    from tutor.app.commands.common import open_index
    from tutor.app.commands.quiz import open_store
    from tutor.core.search.store import staleness
    from tutor.app.background import BackgroundLoader
    from tutor.app.prompt import uses_prompt
    from tutor.core.answer.tutor import Tutor

    corpus, index_dir = paths.corpus_dir(args.corpus), paths.index_dir(args.index)
    # A rebuild happens up front, visibly, and its index is kept; otherwise loading happens behind the prompt.
    rebuilt = open_index(args, terminal) if staleness(corpus, index_dir) else None
    loader = BackgroundLoader(lambda: Tutor.from_index(rebuilt, mode=args.mode) if rebuilt
                              else Tutor.open(corpus, index_dir, mode=args.mode))
    store = open_store(terminal)
    try:
        if uses_prompt(terminal):
            return _interactive(args, terminal, loader, store)
        chat = Chat(terminal, loader.get, store, level=args.level, json_mode=args.json)
        return _piped(chat, terminal)
    finally:
        store.close()


def _piped(chat, terminal) -> int:
    for line in terminal.stdin:
        if not chat.handle(line):
            break
    return ExitStatus.OK


def _interactive(args, terminal, loader, store) -> int:
    from tutor.app.repl.commands import Chat
    from tutor.app.prompt import ChatCompleter, prompt_session

    def get_tutor():
        return loader.get(on_wait=lambda: terminal.out.status("Loading the tutor…", spinner="dots"))

    chat = Chat(terminal, get_tutor, store, level=args.level, run_quiz=lambda: _quiz(terminal, get_tutor, store))
    completer = ChatCompleter(Chat.command_names,
                              lambda: [n for e in _glossary(loader) for n in e.names],
                              lambda: [p.id for p in _passages(loader)])
    session = prompt_session(terminal, paths.user_dir() / "history", completer, chat.toolbar)
    terminal.out.print(WELCOME, style="bold" if terminal.rich else None)
    while True:
        try:
            line = session.prompt("you › ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        try:
            if not chat.handle(line):
                break
        except KeyboardInterrupt:
            terminal.out.print("(interrupted)")
    terminal.out.print(GOODBYE)
    return ExitStatus.OK


def _glossary(loader):
    tutor = loader.peek()
    return tutor.glossary if tutor else []


def _passages(loader):
    tutor = loader.peek()
    return tutor.index.passages if tutor else []


def _quiz(terminal, get_tutor, store) -> None:
    from tutor.app.prompt import prompt_session
    from tutor.app.repl import quiz as runner
    from tutor.core.quiz.factory import label_for, make_session

    tutor = get_tutor()
    session = make_session(tutor.index, store, count=5, new=3)
    prompt = prompt_session(terminal)
    terminal.out.print("Quiz — h for a hint, ? to see the answer, /stop to return to the chat.")
    try:
        runner.run(session, prompt.prompt, terminal, label_for(tutor.index))
    except (KeyboardInterrupt, EOFError):
        terminal.out.print("Quiz stopped; your answers so far are saved.")
