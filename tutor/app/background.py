"""Load the tutor in the background so the prompt appears at once; the first answer waits only
if loading has not finished (the caller shows a spinner meanwhile)."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Callable


def load_in_background(load: Callable[[], object]) -> Future:
    """A Future of `load()`, computed on a daemon thread (quitting never waits for it)."""
    future: Future = Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(load())
            except BaseException as error:  # noqa: BLE001 — re-raised in the caller's thread by result()
                future.set_exception(error)

    threading.Thread(target=run, name="tutor-loader", daemon=True).start()
    return future


def wait_for(future: Future, on_wait: Callable[[], object] | None = None):
    """The loaded value; `on_wait` returns a context manager (a spinner) shown while waiting."""
    if not future.done() and on_wait is not None:
        with on_wait():
            return future.result()
    return future.result()


def peek(future: Future):
    """The value if loaded successfully, else None (never blocks)."""
    return future.result() if future.done() and future.exception() is None else None
