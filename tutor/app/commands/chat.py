"""`tutor chat` (and `tutor` alone): the tutoring conversation.

Interactive: one PromptSession with history, completion, a toolbar and key bindings; the model
loads in the background while the prompt is already up. Piped: each input line is the next turn
of one conversation, answered plainly, or as one JSON object per turn with --json.
"""

from __future__ import annotations

from tutor.core import paths


def run(args, terminal) -> int:
    from tutor.app.background import load_in_background, peek, wait_for
    from tutor.app.commands.common import open_index, open_store
    from tutor.app.prompt import ChatCompleter, prompt_session, uses_prompt
    from tutor.app.repl import loop
    from tutor.app.repl.commands import Chat
    from tutor.core.answer.tutor import Tutor
    from tutor.core.search.store import staleness

    corpus, index_dir = paths.corpus_dir(args.corpus), paths.index_dir(args.index)
    # A rebuild happens up front, visibly, and its index is kept; otherwise loading happens behind the prompt.
    rebuilt = open_index(args, terminal) if staleness(corpus, index_dir) else None
    loading = load_in_background(lambda: Tutor.from_index(rebuilt, mode=args.mode) if rebuilt
                                 else Tutor.open(corpus, index_dir, mode=args.mode))
    store = open_store(terminal)
    try:
        if not uses_prompt(terminal):
            chat = Chat(terminal, lambda: wait_for(loading), store, level=args.level, json_mode=args.json)
            return loop.piped(chat, terminal)

        if args.json:          # one JSON object per turn is for scripts: a person at the prompt reads answers
            terminal.note("--json is for piped input (one JSON object per line read); at a terminal the chat "
                          "answers as usual.")

        def get_tutor():
            return wait_for(loading, on_wait=lambda: terminal.out.status("Loading the tutor…", spinner="dots"))

        chat = Chat(terminal, get_tutor, store, level=args.level,
                    run_quiz=lambda text=None: loop.quiz_in_chat(terminal, get_tutor, store, text), loaded=lambda: peek(loading))
        completer = ChatCompleter(chat.completions, lambda: peek(loading))
        session = prompt_session(terminal, paths.user_dir() / "history", completer, chat.toolbar)
        from tutor.core.corpus.outline import file_subjects

        return loop.interactive(chat, terminal, session, file_subjects(corpus))
    finally:
        store.close()
