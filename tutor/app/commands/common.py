"""What several commands share: opening the tutor with a visible rebuild when needed."""

from __future__ import annotations

from tutor.core import paths
from tutor.core.vocab import SearchMode


def open_tutor(args, terminal, mode: str | None = None, many: bool = True):
    """The Tutor for this command line; a missing or stale index is rebuilt with a progress bar.
    `many=False` for a single question: the encoder that starts fastest (embed.query_encoder)."""
    from tutor.core.answer.tutor import Tutor

    return Tutor.from_index(open_index(args, terminal), mode=mode or getattr(args, "mode", None) or SearchMode.HYBRID,
                            many=many)


def open_index(args, terminal):
    """The index for this command line; a missing or stale one is rebuilt first, with one line
    saying why and a progress bar while embedding."""
    from tutor.core.answer.tutor import open_index as open_or_rebuild

    with RebuildProgress(terminal) as progress:
        return open_or_rebuild(paths.corpus_dir(args.corpus), paths.index_dir(args.index),
                               on_rebuild=terminal.note, progress=progress.update)


class RebuildProgress:
    """A rich progress bar on stderr, shown only once work actually happens, labelled with the
    step (a bar left at "Embedding passages 119/119" for half a minute looked frozen)."""

    def __init__(self, terminal) -> None:
        self.terminal = terminal
        self.progress = None
        self.task = None

    def __enter__(self) -> "RebuildProgress":
        return self

    def update(self, done: int, total: int, what: str) -> None:
        if self.progress is None:
            if done >= total:
                return          # nothing to do at this step (all reused from a cache)
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=self.terminal.err, transient=True)
            self.progress.start()
            self.task = self.progress.add_task(what, total=total)
        self.progress.update(self.task, completed=done, total=total, description=what)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


def open_store(terminal, need_write: bool = False, fallback: bool = True):
    """The learner's progress store (quiz cards, reviews, sections seen), with notices on stderr.

    With `need_write` (the quiz), a store that cannot save is an error saying why. Without it, a
    store that can only be read is used as it is, with a notice; and with `fallback` (the chat,
    which must answer whatever the home folder's state) one that cannot be used at all is
    replaced by a store in memory, with one notice that progress is off."""
    from tutor.core.errors import TutorError
    from tutor.core.quiz.store import FILE_NAME, ProgressStore, ProgressUnavailable

    try:
        path = paths.user_dir() / FILE_NAME
    except OSError as error:
        problem = f"Your data folder cannot be created ({error.strerror or error}: {error.filename})."
        if need_write or not fallback:
            raise TutorError(problem) from None
        terminal.note(f"{problem} Progress is off for this session.")
        return ProgressStore.in_memory()
    try:
        store = ProgressStore.open(path, notify=terminal.note, need_write=need_write)
    except ProgressUnavailable as error:
        if need_write or not fallback:
            raise
        terminal.note(f"{str(error).rstrip('.')}. Progress is off for this session.")
        return ProgressStore.in_memory()
    if not store.writable and fallback:          # the chat would have saved sections seen: say it will not
        terminal.note(f"{str(store.problem).rstrip('.')}. Nothing new is saved this session.")
    return store
