"""Learner progress in SQLite under the user data directory: quiz cards, the review log, and the
sections seen in chat answers.

Every answer is committed before the next question, so Ctrl-C, a closed terminal or a crash loses
nothing already answered. WAL mode and a busy timeout let two processes share the file. A file
that is not a readable database is moved aside and a fresh store started, with a message.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Callable

from fsrs import Card, ReviewLog

from tutor.core.errors import TutorError

SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    term TEXT PRIMARY KEY,
    card TEXT NOT NULL,
    due TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    term TEXT NOT NULL,
    rating INTEGER NOT NULL,
    mode TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    duration_ms INTEGER
);
CREATE INDEX IF NOT EXISTS reviews_by_time ON reviews (reviewed_at);
CREATE TABLE IF NOT EXISTS seen (
    passage_id TEXT PRIMARY KEY,
    tier TEXT NOT NULL,
    section TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    times INTEGER NOT NULL DEFAULT 1
);
"""
FILE_NAME = "progress.db"


class ProgressStore:
    """One SQLite file; open with `ProgressStore.open(path, notify)`."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path, self.db = path, db

    @classmethod
    def open(cls, path: Path, notify: Callable[[str], None] = lambda _: None) -> "ProgressStore":
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return cls(path, _connect_retrying(path))
        except sqlite3.OperationalError as error:
            raise TutorError(f"Your progress file {path} is busy or unreadable ({error}); try again in a moment.") from None
        except sqlite3.DatabaseError as error:
            aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{path}{suffix}").exists():
                    Path(f"{path}{suffix}").rename(f"{aside}{suffix}")
            notify(f"Your progress file {path} could not be read ({error}); it was moved to {aside.name} "
                   "and a fresh one started.")
            return cls(path, _connect(path))

    def close(self) -> None:
        self.db.close()

    # -- cards and reviews --------------------------------------------------------------------

    def card(self, term: str) -> Card | None:
        row = self.db.execute("SELECT card FROM cards WHERE term = ?", (term,)).fetchone()
        return Card.from_dict(json.loads(row[0])) if row else None

    def cards(self) -> dict[str, Card]:
        return {t: Card.from_dict(json.loads(c)) for t, c in self.db.execute("SELECT term, card FROM cards")}

    def record_review(self, term: str, card: Card, log: ReviewLog, mode: str, correct: bool, answer: str,
                      duration_ms: int | None) -> None:
        """Save the new card state and the review together, committed at once."""
        with self.db:
            self.db.execute("INSERT INTO cards (term, card, due) VALUES (?, ?, ?) "
                            "ON CONFLICT(term) DO UPDATE SET card = excluded.card, due = excluded.due",
                            (term, json.dumps(card.to_dict()), card.due.isoformat()))
            self.db.execute("INSERT INTO reviews (term, rating, mode, correct, answer, reviewed_at, duration_ms) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (term, int(log.rating), mode, int(correct), answer[:500],
                             log.review_datetime.isoformat(), duration_ms))

    def due_count(self, moment: datetime) -> int:
        return self.db.execute("SELECT COUNT(*) FROM cards WHERE due <= ?", (moment.isoformat(),)).fetchone()[0]

    def reviews(self) -> list[dict]:
        cursor = self.db.execute("SELECT term, rating, mode, correct, answer, reviewed_at, duration_ms FROM reviews "
                                 "ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def reset(self) -> None:
        with self.db:
            self.db.execute("DELETE FROM cards")
            self.db.execute("DELETE FROM reviews")
            self.db.execute("DELETE FROM seen")

    # -- sections seen in chat answers ----------------------------------------------------------

    def mark_seen(self, passages, moment: datetime) -> None:
        with self.db:
            for p in passages:
                self.db.execute("INSERT INTO seen (passage_id, tier, section, first_seen) VALUES (?, ?, ?, ?) "
                                "ON CONFLICT(passage_id) DO UPDATE SET times = times + 1",
                                (p.id, p.tier, p.section, moment.isoformat()))

    def seen(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT passage_id, times FROM seen"))


def _connect_retrying(path: Path, attempts: int = 20) -> sqlite3.Connection:
    """Open, waiting out another process that holds a lock (e.g. while it creates the file);
    a locked database is busy, not corrupt, and must never be moved aside."""
    for attempt in range(attempts):
        try:
            return _connect(path)
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=10, check_same_thread=False)
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        db.execute("PRAGMA journal_mode = WAL")
        with closing(db.execute("PRAGMA quick_check")) as cursor:
            result = cursor.fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        db.executescript(SCHEMA)
        db.execute("SELECT term, card, due FROM cards LIMIT 1").fetchall()
        db.execute("SELECT term, rating, mode, correct, answer, reviewed_at, duration_ms FROM reviews LIMIT 1").fetchall()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db
