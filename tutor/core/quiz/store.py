"""Learner progress in SQLite under the user data directory: quiz cards, the review log, and the
sections seen in chat answers.

Every answer is committed before the next question, so Ctrl-C, a closed terminal or a crash loses
nothing already answered. WAL mode and a busy timeout let two processes share the file. A file
that is not a readable database is moved aside and a fresh store started, with a message; a
problem that retrying cannot fix (a folder in its place, another program's database, a read-only
or full disk, a newer schema) is named in one sentence and the file is left alone. The schema
has a version (PRAGMA user_version) and numbered migrations, so a later release can change it
without losing anyone's reviews. Rows damaged inside a healthy file are set aside, not fatal.
The file is created readable by its owner only.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Callable

from fsrs import Card, ReviewLog

from tutor.core.errors import TutorError

SCHEMA_VERSION = 1
# Each migration takes the file from the version before it; version 0 is a new file or one
# written before versions existed (the same three tables, which is why they say IF NOT EXISTS).
MIGRATIONS = {
    1: """
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
CREATE TABLE IF NOT EXISTS damaged_rows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    row TEXT NOT NULL,
    problem TEXT NOT NULL,
    set_aside_at TEXT NOT NULL
);
""",
}
COLUMNS = {"cards": {"term", "card", "due"},
           "reviews": {"id", "term", "rating", "mode", "correct", "answer", "reviewed_at", "duration_ms"},
           "seen": {"passage_id", "tier", "section", "first_seen", "times"},
           "damaged_rows": {"id", "source", "row", "problem", "set_aside_at"}}
FILE_NAME = "progress.db"
FILE_MODE = 0o600


class ProgressUnavailable(TutorError):
    """The progress file cannot be used (or written) for a reason retrying will not fix; the
    message says which and what to do."""


_DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)     # "disk image is malformed", "not a database"


def _heals(method):
    """Run a store method; if the file turns out damaged while in use (another program wrote into
    it, a disk fault: "database disk image is malformed"), set it aside and start afresh as opening
    would (`ProgressStore.start_afresh`), then run the method once more. Without this, a file
    damaged during a chat made every later answer fail, though a restart healed it (an exploratory
    tester's). Only SQLite's own word for damage counts: a busy, locked or read-only file, a broken
    constraint or a closed connection is no damage, and a healthy file was set aside for them (a
    reviewer's). If the fresh file fails too, progress is unavailable, said in one sentence."""
    @functools.wraps(method)
    def healing(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            if (getattr(error, "sqlite_errorcode", 0) & 0xFF) not in _DAMAGE:
                raise
            self.start_afresh(error)
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            raise ProgressUnavailable(f"Your progress file {self.path} cannot be used ({error}).") from None
    return healing


class ProgressStore:
    """One SQLite file; open with `ProgressStore.open(path, notify)`. `writable` is False for a
    store opened read-only (`problem` says why): reading works, recording a review raises
    ProgressUnavailable, and marking sections seen does nothing."""

    def __init__(self, path: Path, db: sqlite3.Connection, writable: bool = True, problem: str | None = None,
                 notify: Callable[[str], None] = lambda _: None) -> None:
        self.path, self.db = path, db
        self.writable, self.problem, self.notify = writable, problem, notify

    @classmethod
    def open(cls, path: Path, notify: Callable[[str], None] = lambda _: None,
             need_write: bool = True) -> "ProgressStore":
        """The store at `path`, created (mode 0600) if missing and migrated to this schema.
        With `need_write` False, a file that cannot be written is opened read-only instead of
        raising ProgressUnavailable."""
        if path.is_dir():
            raise ProgressUnavailable(f"Your progress file {path} is a folder, not a file; move it away or set "
                                      "TUTOR_HOME to another folder.")
        try:
            if path.exists() and path.stat().st_size == 0:
                notify(f"Your progress file {path} was empty (0 bytes), so a fresh one was started in its place.")
                path.unlink()
            _heal_side_files(path)
            store = cls(path, _connect_retrying(path), notify=notify)
        except ProgressUnavailable:
            raise
        except sqlite3.OperationalError as error:
            problem = _why(path, error)
            if problem is None:
                raise TutorError(f"Your progress file {path} is busy ({error}); try again in a moment.") from None
            if not need_write and path.exists():
                with_read = _read_only(path)
                if with_read is not None:
                    return cls(path, with_read, writable=False, problem=problem, notify=notify)
            raise ProgressUnavailable(problem) from None
        except sqlite3.DatabaseError as error:
            store = cls(path, _start_afresh(path, error, notify), notify=notify)
        except OSError as error:
            raise ProgressUnavailable(_why(path, error) or f"Your progress file {path} cannot be used "
                                      f"({error.strerror or error}).") from None
        try:
            moved = store.set_aside_damaged()
        except sqlite3.OperationalError:
            moved = 0                              # reading skips damaged rows all the same
        if moved:
            notify(f"{moved} damaged row(s) of your progress file {path} were set aside (kept in its damaged_rows "
                   "table); the rest of your progress is intact.")
        return store

    @classmethod
    def in_memory(cls) -> "ProgressStore":
        """A store that keeps nothing after the process ends (when the real one cannot be used)."""
        db = sqlite3.connect(":memory:", check_same_thread=False)
        _migrate(db, Path(":memory:"))
        return cls(Path(":memory:"), db)

    def close(self) -> None:
        self.db.close()

    def start_afresh(self, error: sqlite3.DatabaseError) -> None:
        """Set the damaged file aside (never deleted) and go on with a fresh one; a store that may
        not write, or keeps nothing on disk, says that progress is unavailable instead."""
        if not self.writable or self.path == Path(":memory:"):
            raise ProgressUnavailable(f"Your progress file {self.path} cannot be read ({error}).") from None
        try:
            self.db.close()
        except sqlite3.Error:
            pass
        self.db = _start_afresh(self.path, error, self.notify)

    # -- cards and reviews --------------------------------------------------------------------

    @_heals
    def card(self, term: str) -> Card | None:
        row = self.db.execute("SELECT card, due FROM cards WHERE term = ?", (term,)).fetchone()
        return _card(*row) if row else None

    @_heals
    def cards(self) -> dict[str, Card]:
        """Every card that can be read (a damaged one is left out; see `set_aside_damaged`)."""
        rows = ((t, _card(c, d)) for t, c, d in self.db.execute("SELECT term, card, due FROM cards"))
        return {t: card for t, card in rows if card is not None}

    @_heals
    def record_review(self, term: str, card: Card, log: ReviewLog, mode: str, correct: bool, answer: str,
                      duration_ms: int | None, wait: bool = True) -> None:
        """Save the new card state and the review together, committed at once; raises
        ProgressUnavailable (one sentence) when they cannot be saved. Without `wait`, a file
        another program holds fails at once instead of after BUSY_MS."""
        if not self.writable:
            raise ProgressUnavailable(self.problem or f"Your progress file {self.path} is read-only.")
        try:
            if not wait:
                self.db.execute("PRAGMA busy_timeout = 0")
            with self.db:
                self.db.execute("INSERT INTO cards (term, card, due) VALUES (?, ?, ?) "
                                "ON CONFLICT(term) DO UPDATE SET card = excluded.card, due = excluded.due",
                                (term, json.dumps(card.to_dict()), card.due.isoformat()))
                self.db.execute("INSERT INTO reviews (term, rating, mode, correct, answer, reviewed_at, duration_ms) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (term, int(log.rating), mode, int(correct), answer[:500],
                                 log.review_datetime.isoformat(), duration_ms))
        except sqlite3.OperationalError as error:
            raise ProgressUnavailable(_why(self.path, error, "That answer could not be saved (the ones before it "
                                      "are)") or f"That answer could not be saved ({error}).") from None
        finally:
            if not wait:
                self.db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")

    @_heals
    def due_count(self, moment: datetime) -> int:
        return self.db.execute("SELECT COUNT(*) FROM cards WHERE due <= ?", (moment.isoformat(),)).fetchone()[0]

    @_heals
    def reviews(self) -> list[dict]:
        """The review log in order (a damaged row is left out; see `set_aside_damaged`)."""
        cursor = self.db.execute("SELECT term, rating, mode, correct, answer, reviewed_at, duration_ms FROM reviews "
                                 "ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [row for row in (dict(zip(names, values)) for values in cursor) if _review_problem(row) is None]

    def reset(self) -> None:
        if not self.writable:
            raise ProgressUnavailable(self.problem or f"Your progress file {self.path} is read-only.")
        try:
            with self.db:
                self.db.execute("DELETE FROM cards")
                self.db.execute("DELETE FROM reviews")
                self.db.execute("DELETE FROM seen")
        except sqlite3.OperationalError as error:
            raise ProgressUnavailable(_why(self.path, error, "Progress could not be reset")
                                      or f"Progress could not be reset ({error}).") from None

    def set_aside_damaged(self) -> int:
        """Move rows that cannot be read (a card that is not JSON, a date that is not a date) into
        the damaged_rows table, so they neither lock the learner out nor get lost; returns how many."""
        found = []
        for term, card, due in self.db.execute("SELECT term, card, due FROM cards"):
            problem = _card_problem(card, due)
            if problem:
                found.append(("cards", "term = ?", term, {"term": term, "card": card, "due": due}, problem))
        found += self._unreadable("reviews", "id", "id, term, rating, mode, correct, answer, reviewed_at, duration_ms",
                                  _review_problem)
        found += self._unreadable("seen", "passage_id", "passage_id, tier, section, first_seen, times", _seen_problem)
        if found:
            with self.db:
                for table, where, key, row, problem in found:
                    self.db.execute("INSERT INTO damaged_rows (source, row, problem, set_aside_at) VALUES (?, ?, ?, ?)",
                                    (table, json.dumps(row, default=repr), problem, time.strftime("%Y-%m-%dT%H:%M:%S")))
                    self.db.execute(f"DELETE FROM {table} WHERE {where}", (key,))
        return len(found)

    def _unreadable(self, table: str, key: str, columns: str, problem_of) -> list[tuple]:
        """(table, where, key value, row, problem) of each row of `table` that `problem_of` finds fault with."""
        cursor = self.db.execute(f"SELECT {columns} FROM {table}")
        names = [d[0] for d in cursor.description]
        rows = (dict(zip(names, values)) for values in cursor)
        return [(table, f"{key} = ?", row[key], row, problem) for row in rows if (problem := problem_of(row))]

    # -- sections seen in chat answers ----------------------------------------------------------

    @_heals
    def mark_seen(self, passages, moment: datetime) -> None:
        """Remember the sections shown; when that cannot be saved, say so once and stop trying
        (the chat goes on)."""
        if not self.writable:
            return
        try:
            self.db.execute(f"PRAGMA busy_timeout = {SEEN_BUSY_MS}")   # the chat must not stall for a nicety
            with self.db:
                for p in passages:
                    self.db.execute("INSERT INTO seen (passage_id, tier, section, first_seen) VALUES (?, ?, ?, ?) "
                                    "ON CONFLICT(passage_id) DO UPDATE SET times = times + 1",
                                    (p.id, p.tier, p.section, moment.isoformat()))
        except sqlite3.OperationalError as error:
            self.writable = False
            self.problem = _why(self.path, error, "Progress can no longer be saved") \
                or f"Your progress file {self.path} is in use by another program ({error})."
            self.notify(f"{self.problem} Progress is off for the rest of this session.")
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")

    @_heals
    def seen(self) -> dict[str, int]:
        return {pid: times for pid, times in self.db.execute("SELECT passage_id, times FROM seen")
                if isinstance(times, int)}


# -- reading rows ---------------------------------------------------------------------------------

def _card(card: str, due: str) -> Card | None:
    if _card_problem(card, due):
        return None
    return Card.from_dict(json.loads(card))


def _card_problem(card, due) -> str | None:
    try:
        parsed = Card.from_dict(json.loads(card))
        if parsed.due.tzinfo is None:
            return "the card's due date has no time zone"
        datetime.fromisoformat(due)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
        return "the card is not a readable FSRS card with a due date"
    return None


def _review_problem(row: dict) -> str | None:
    try:
        datetime.fromisoformat(row["reviewed_at"])
    except (TypeError, ValueError):
        return "reviewed_at is not a date"
    if not isinstance(row["term"], str) or type(row["rating"]) is not int or not 1 <= row["rating"] <= 4 \
            or row["correct"] not in (0, 1):
        return "term, rating or correct is not as written"
    return None


def _seen_problem(row: dict) -> str | None:
    """A passage seen in the chat, as written: /progress left a row whose count was not a number out
    of its totals without a word (an exploratory tester's), where a damaged card was set aside."""
    if not isinstance(row["passage_id"], str) or type(row["times"]) is not int or row["times"] < 1:
        return "passage_id or times is not as written"
    return None


# -- opening --------------------------------------------------------------------------------------

def _why(path: Path, error: Exception, what: str = "Your progress cannot be saved") -> str | None:
    """One sentence, starting with `what`, for a problem retrying cannot fix; None when the file
    is only busy."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return None
    folder, code = path.parent, getattr(error, "errno", None)
    if "full" in text or code == 28 or "i/o error" in text and _disk_full(folder):
        reason, fix = f"the disk holding {folder} is full", "free some space"
    elif path.exists() and not os.access(path, os.R_OK):
        reason, fix = f"{path} cannot be read (permission denied)", "set TUTOR_HOME to another folder"
    elif os.access(folder, os.W_OK) and (read_only := _read_only_files(path)):
        # the folder is writable: it is the file (or SQLite's -wal/-shm beside it) that is not
        several = " and " in read_only
        reason = f"{read_only} {'are' if several else 'is'} read-only"
        fix = f"make {'them' if several else 'it'} writable (chmod u+w) or set TUTOR_HOME to another folder"
    elif "readonly" in text or "read-only" in text or code in (13, 30) or not os.access(folder, os.W_OK) \
            or path.exists() and not os.access(path, os.W_OK):
        reason, fix = f"{folder} is read-only", "make it writable or set TUTOR_HOME to a writable folder"
    else:
        reason, fix = f"{path} cannot be used ({error})", "move it away or set TUTOR_HOME to another folder"
    return f"{what}: {reason}; {fix}."


def _read_only_files(path: Path) -> str:
    """The progress file and SQLite's files beside it that exist and cannot be written, by name."""
    names = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]
    return " and ".join(str(n) for n in names if n.exists() and not os.access(n, os.W_OK))


def _heal_side_files(path: Path) -> None:
    """SQLite creates its -wal and -shm files with the progress file's mode: a progress file made
    read-only for a while left a read-only -shm behind, and saving stayed broken after the learner
    made the file writable again as told. The learner's own side files follow the file."""
    if not hasattr(os, "geteuid") or not path.exists() or not os.access(path, os.W_OK):
        return
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        try:
            if side.exists() and not os.access(side, os.W_OK) and side.stat().st_uid == os.geteuid():
                side.chmod(0o600)
        except OSError:
            pass


def _disk_full(folder: Path) -> bool:
    """SQLite reports a full disk as an I/O error when it cannot even create its shared-memory file."""
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 1 << 20


BUSY_MS = 3000          # how long a write waits for another tutor (a quiz's writes take milliseconds)
SEEN_BUSY_MS = 300      # how long the chat waits to note the sections shown, which nobody waits for


def _connect_retrying(path: Path, attempts: int = 20) -> sqlite3.Connection:
    """Open, waiting out another process that holds a lock (e.g. while it migrates the file);
    a locked database is busy, not corrupt, and must never be moved aside."""
    for attempt in range(attempts):
        try:
            return _connect(path)
        except sqlite3.OperationalError as error:
            if _why(path, error) is not None or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        _create(path)
    db = sqlite3.connect(path, timeout=BUSY_MS / 1000, check_same_thread=False)     # sets busy_timeout
    try:
        with closing(db.execute("PRAGMA quick_check")) as cursor:
            result = cursor.fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        _check_ours(db, path)
        _check_version(db, path)
        if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        _migrate(db, path)
    except (sqlite3.DatabaseError, ProgressUnavailable):
        db.close()
        raise
    _private(path)
    return db


def _create(path: Path) -> None:
    """A new file, readable by its owner only, that appears whole: the schema is written to a
    temporary file first, so no other process ever sees an empty progress file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
        with closing(sqlite3.connect(temporary)) as db:
            db.execute("PRAGMA journal_mode = WAL")
            _migrate(db, path)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass                                   # another process created it first: use theirs
    finally:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{temporary}{suffix}")
            except FileNotFoundError:
                pass


def _check_ours(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a database another program made (nothing is written into it)."""
    tables = {name: {c[1] for c in db.execute(f"PRAGMA table_info('{name}')")}
              for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%'")}
    if any(name not in COLUMNS or not COLUMNS[name] <= columns for name, columns in tables.items()):
        raise ProgressUnavailable(f"{path} is not a tutor progress file (it is another program's SQLite database); "
                                  "move it away or set TUTOR_HOME to another folder.")


def _check_version(db: sqlite3.Connection, path: Path) -> int:
    """Refuse (changing nothing) a file a newer tutor wrote; its schema may mean something else."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ProgressUnavailable(f"Your progress file {path} was written by a newer version of tutor (schema "
                                  f"{version}; this one reads up to {SCHEMA_VERSION}); upgrade tutor to use it.")
    return version


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the file to SCHEMA_VERSION one migration at a time, each in its own transaction."""
    version = _check_version(db, path)
    while version < SCHEMA_VERSION:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]     # another process may have done it
            if version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version + 1].split(";"):
                    if statement.strip():
                        db.execute(statement)
                version += 1
                db.execute(f"PRAGMA user_version = {version}")
            db.commit()
        except BaseException:
            db.rollback()
            raise


def _private(path: Path) -> None:
    """Files the tutor made before it created them 0600 are narrowed to their owner too."""
    for suffix in ("", "-wal", "-shm"):
        try:
            info = os.stat(f"{path}{suffix}")
            if info.st_uid == os.geteuid() and info.st_mode & 0o077:
                os.chmod(f"{path}{suffix}", info.st_mode & 0o700)
        except OSError:
            pass


def _read_only(path: Path) -> sqlite3.Connection | None:
    """The file opened for reading only (a read-only folder or disk), or None."""
    for query in ("mode=ro", "immutable=1"):
        db = None
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, check_same_thread=False)
            _check_ours(db, path)
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                _check_columns(db)                  # an older file: readable if its tables are there
            return db
        except (sqlite3.DatabaseError, ProgressUnavailable):
            if db is not None:
                db.close()
    return None


def _check_columns(db: sqlite3.Connection) -> None:
    for table in ("cards", "reviews", "seen"):
        db.execute(f"SELECT {', '.join(sorted(COLUMNS[table]))} FROM {table} LIMIT 1").fetchall()


def _start_afresh(path: Path, error: Exception, notify: Callable[[str], None]) -> sqlite3.Connection:
    """A file that is not a database (or fails its integrity check) is moved aside, never deleted."""
    stamp = time.strftime('%Y%m%d-%H%M%S')
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        n += 1                          # two in one second: the first copy set aside is kept too
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            Path(f"{path}{suffix}").rename(f"{aside}{suffix}")
    reason = (str(error).strip().splitlines() or ["not a progress database"])[0][:100]   # not SQLite's page dump
    notify(f"Your progress file {path} could not be read ({reason}); it was moved to {aside.name} "
           "and a fresh one started.")
    return _connect(path)
