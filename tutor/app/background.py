"""Load the tutor in the background so the prompt appears at once; the first answer waits only
if loading has not finished (the caller shows a spinner meanwhile)."""

from __future__ import annotations

import threading
from typing import Callable


class BackgroundLoader:
    def __init__(self, load: Callable[[], object]) -> None:
        self._load = load
        self._value = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="tutor-loader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._load()
        except BaseException as error:  # noqa: BLE001 — re-raised in the caller's thread by get()
            self._error = error

    @property
    def ready(self) -> bool:
        return not self._thread.is_alive()

    def get(self, on_wait: Callable[[], object] | None = None):
        """The loaded value; `on_wait` returns a context manager (e.g. a spinner) used while waiting."""
        if not self.ready and on_wait is not None:
            with on_wait():
                self._thread.join()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value

    def peek(self):
        """The value if loaded, else None (never blocks)."""
        return self._value if self.ready and self._error is None else None
