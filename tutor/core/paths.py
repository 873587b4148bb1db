"""Where things live: the bundled corpus and index next to the package, user state in one
overridable directory (TUTOR_HOME, else the platform's user data directory)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def corpus_dir(override: str | None = None) -> Path:
    return Path(override or os.environ.get("TUTOR_CORPUS") or PROJECT_ROOT / "corpus")


def index_dir(override: str | None = None) -> Path:
    return Path(override or os.environ.get("TUTOR_INDEX") or PROJECT_ROOT / "index")


def user_dir() -> Path:
    """History and quiz progress; created on first use, open to its owner only (0700). A folder
    that already exists is left as it is (TUTOR_HOME may name one the user keeps other things in)."""
    if os.environ.get("TUTOR_HOME"):
        path = Path(os.environ["TUTOR_HOME"])
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("tutor", appauthor=False))
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)                      # mkdir's mode is narrowed by the umask, never widened: make sure
    return path
