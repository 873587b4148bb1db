"""Reliability of the learner's progress (issue 16, items 7 and 11): a read-only or full home,
damaged rows, files that are not the tutor's database, an empty file, schema versions, and the
modes of the files the tutor creates in the user's home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

NOBODY = 65534


@pytest.fixture
def shared_dir():
    """A folder another user can reach (pytest's own temporary folders are private to root),
    for tests that run the tutor without the power to ignore file permissions."""
    path = Path(tempfile.mkdtemp(prefix="tutor-reliability-"))
    path.chmod(0o755)
    yield path
    for folder in [path, *path.rglob("*")]:
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)


def run_unprivileged(argv: list[str], env: dict | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    """Run `python -m tutor ARGV` as a user that file permissions apply to: this user, or, when
    the tests run as root (who may write anywhere), the unprivileged user `nobody`."""
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: read-only folders cannot be tested")
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    environment = {**os.environ, "HOME": "/nonexistent", **(env or {})}
    return subprocess.run([*prefix, sys.executable, "-m", "tutor", *argv], cwd=ROOT, env=environment, input=stdin,
                          capture_output=True, text=True, timeout=300)


import io
import json
import sqlite3
import stat

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import run_cli
from tutor.app.cli import main
from tutor.core.quiz.store import SCHEMA_VERSION, ProgressStore, ProgressUnavailable

NOW = "2026-03-01T09:00:00Z"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TUTOR_NOW", NOW)
    return tmp_path / "home"


def practise(count: int = 3) -> None:
    """A short piped quiz that records `count` reviews."""
    code, out, _ = run_cli(["quiz", "--mode", "recall", "--count", str(count), "--new", str(count), "--seed", "1"],
                           "?\n" * count)
    assert code == 0 and "Input ended" in out


def stats() -> dict:
    code, out, err = run_cli(["quiz", "--stats", "--json"])
    assert code == 0, err
    return json.loads(out)


def one_sentence(err: str) -> bool:
    return "Traceback" not in err and "unexpected error" not in err and "busy or unreadable" not in err


# -- a read-only or full home ----------------------------------------------------------------------------

@pytest.fixture
def readonly_home(index_dir, shared_dir, monkeypatch):
    """A home with some progress in it, then made read-only; the index copied where another user can read it."""
    home = shared_dir / "home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.setenv("TUTOR_NOW", NOW)
    shutil.copytree(index_dir, shared_dir / "index")
    monkeypatch.setenv("TUTOR_INDEX", str(shared_dir / "index"))
    practise(2)
    for path in [shared_dir / "index", *(shared_dir / "index").rglob("*"), home, *home.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return home


def test_a_read_only_home_keeps_the_chat_answering_and_the_quiz_explains(readonly_home):
    before = {p.name: p.read_bytes() for p in readonly_home.iterdir()}
    chat = run_unprivileged(["chat", "--json"], stdin="what is LH\n/progress\nand FSH?\n")
    assert chat.returncode == 0, chat.stderr
    rows = [json.loads(line) for line in chat.stdout.splitlines()]
    assert [r.get("status", r.get("command")) for r in rows] == ["answered", "/progress", "answered"]
    assert len(chat.stderr.splitlines()) == 1 and "read-only" in chat.stderr and one_sentence(chat.stderr)
    quiz = run_unprivileged(["quiz", "--count", "1"], stdin="?\n")
    assert quiz.returncode == 1 and "cannot be saved" in quiz.stderr and "read-only" in quiz.stderr
    assert one_sentence(quiz.stderr)
    shown = run_unprivileged(["quiz", "--stats", "--json"])
    assert shown.returncode == 0 and json.loads(shown.stdout)["reviews_total"] == 2, shown.stderr
    assert {p.name: p.read_bytes() for p in readonly_home.iterdir()} == before


def test_a_full_disk_mid_session_is_named_and_the_chat_goes_on(tmp_path, index):
    """SQLite's own limit on pages gives the same "database or disk is full" as a full disk."""
    store = ProgressStore.open(tmp_path / "progress.db")
    notices = []
    store.notify = notices.append
    store.db.execute(f"PRAGMA max_page_count = {store.db.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(ProgressUnavailable, match="could not be saved.*is full"):
        from datetime import datetime, timezone

        from fsrs import Card, Rating, Scheduler

        card, log = Scheduler().review_card(Card(card_id=1), Rating.Good, datetime.now(timezone.utc))
        for i in range(500):
            store.record_review(f"term {i}", card, log, "recall", True, "x" * 400, 10)
    for _ in range(3):
        store.mark_seen(index.passages, datetime.now(timezone.utc))
    assert len(notices) == 1 and "is full" in notices[0] and not store.writable
    store.close()


@pytest.fixture
def full_home(tmp_path, monkeypatch):
    """A home on a small file system filled to the last byte (needs root to mount one)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        monkeypatch.setenv("TUTOR_HOME", str(mount / "home"))
        practise(2)
        descriptor = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(descriptor, b"\0" * 4096):
                pass
        except OSError:
            pass                                       # no space left: the point
        finally:
            os.close(descriptor)
        yield mount / "home"
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_home_keeps_the_chat_answering_and_the_quiz_explains(index_dir, full_home):
    code, out, err = run_cli(["chat", "--json"], "what is LH\n/progress\n")
    assert code == 0 and [json.loads(line).get("status") for line in out.splitlines()] == ["answered", None]
    assert err.count("is full") == 1
    code, _, err = run_cli(["quiz", "--count", "1"], "?\n")
    assert code == 1 and "is full" in err and one_sentence(err)
    assert stats()["reviews_total"] == 2


# -- damaged rows, other files in its place ---------------------------------------------------------------

def test_damaged_rows_are_set_aside_not_fatal(home, index_dir):
    practise(3)
    db = sqlite3.connect(home / "progress.db")
    first, second = [t for (t,) in db.execute("SELECT term FROM cards ORDER BY term LIMIT 2")]
    db.execute("UPDATE cards SET card = 'not json' WHERE term = ?", (first,))
    db.execute("UPDATE cards SET due = 'someday' WHERE term = ?", (second,))
    db.execute("UPDATE reviews SET reviewed_at = 'yesterday' WHERE id = 1")
    db.commit()
    db.close()
    code, out, err = run_cli(["quiz", "--stats", "--json"])
    assert code == 0 and "3 damaged row(s)" in err and one_sentence(err)
    data = json.loads(out)
    assert data["reviews_total"] == 2 and data["cards_total"] == 1
    code, out, err = run_cli(["quiz", "--mode", "recall", "--count", "2", "--new", "2", "--seed", "3"], "?\n?\n")
    assert code == 0 and "Input ended" in out and "damaged" not in err
    db = sqlite3.connect(home / "progress.db")
    kept = db.execute("SELECT source, problem FROM damaged_rows").fetchall()
    db.close()
    assert sorted(source for source, _ in kept) == ["cards", "cards", "reviews"]


def test_a_damaged_seen_row_is_set_aside_and_said_like_the_others(home, index_dir):
    """A passage seen in the chat whose count was not a number was left out of /progress without a
    word (an exploratory tester's), while damaged cards and reviews were set aside and named."""
    code, _, _ = run_cli(["chat", "--json"], "what is LH\nwhat does clomid do\n")
    db = sqlite3.connect(home / "progress.db")
    seen = db.execute("SELECT count(*) FROM seen").fetchone()[0]
    db.execute("UPDATE seen SET times = 'lots' WHERE rowid = (SELECT min(rowid) FROM seen)")
    db.commit()
    db.close()
    code, out, err = run_cli(["chat", "--json"], "/progress\n")
    assert code == 0 and seen >= 2 and "1 damaged row(s)" in err and one_sentence(err), err
    db = sqlite3.connect(home / "progress.db")
    kept = db.execute("SELECT source FROM damaged_rows").fetchall()
    left = db.execute("SELECT count(*) FROM seen").fetchone()[0]
    db.close()
    assert kept == [("seen",)] and left == seen - 1


def test_a_folder_in_place_of_the_progress_file_is_named(home):
    (home / "progress.db").mkdir(parents=True)
    code, _, err = run_cli(["quiz", "--stats"])
    assert code == 1 and "is a folder, not a file" in err and one_sentence(err)


def test_another_programs_database_is_named_and_left_alone(home, index_dir):
    home.mkdir(parents=True)
    db = sqlite3.connect(home / "progress.db")
    db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    db.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    db.commit()
    db.close()
    before = (home / "progress.db").read_bytes()
    code, _, err = run_cli(["quiz", "--stats"])
    assert code == 1 and "not a tutor progress file" in err and one_sentence(err)
    code, out, err = run_cli(["chat", "--json"], "what is LH\n")
    assert code == 0 and json.loads(out)["status"] == "answered" and "Progress is off" in err
    assert (home / "progress.db").read_bytes() == before


def test_an_empty_progress_file_is_replaced_with_a_notice(home):
    home.mkdir(parents=True)
    (home / "progress.db").write_bytes(b"")
    code, out, err = run_cli(["quiz", "--stats", "--json"])
    assert code == 0 and "was empty (0 bytes)" in err and json.loads(out)["reviews_total"] == 0


# -- schema versions ---------------------------------------------------------------------------------------

OLD_SCHEMA = """
CREATE TABLE cards (term TEXT PRIMARY KEY, card TEXT NOT NULL, due TEXT NOT NULL);
CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, term TEXT NOT NULL, rating INTEGER NOT NULL,
    mode TEXT NOT NULL, correct INTEGER NOT NULL, answer TEXT NOT NULL, reviewed_at TEXT NOT NULL, duration_ms INTEGER);
CREATE TABLE seen (passage_id TEXT PRIMARY KEY, tier TEXT NOT NULL, section TEXT NOT NULL, first_seen TEXT NOT NULL,
    times INTEGER NOT NULL DEFAULT 1);
INSERT INTO reviews (term, rating, mode, correct, answer, reviewed_at, duration_ms)
    VALUES ('LH', 3, 'recall', 1, 'LH', '2026-02-27T10:00:00+00:00', 900);
"""


def test_a_file_from_before_schema_versions_is_migrated_keeping_its_reviews(tmp_path):
    path = tmp_path / "progress.db"
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    db.close()
    store = ProgressStore.open(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
    assert [r["term"] for r in store.reviews()] == ["LH"]
    store.close()


def test_a_file_from_a_newer_version_is_left_alone(tmp_path):
    path = tmp_path / "progress.db"
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(ProgressUnavailable, match="newer version of tutor"):
        ProgressStore.open(path)
    assert path.read_bytes() == before


# -- 11. files in the user's home are the user's alone ------------------------------------------------------

def test_files_in_the_home_are_private(home, index_dir, tmp_path):
    previous = os.umask(0o022)
    try:
        practise(1)
        code, _, _ = run_cli(["quiz", "--export", str(tmp_path / "reviews.csv")])
        assert code == 0
        with create_pipe_input() as pipe:
            pipe.send_text("what is LH\n/quit\n")
            main(["chat"], stdout=io.StringIO(), stderr=io.StringIO(), prompt_input=pipe, prompt_output=DummyOutput())
    finally:
        os.umask(previous)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    files = [home / "progress.db", home / "history", tmp_path / "reviews.csv",
             *[p for p in home.iterdir() if p.name.startswith("progress.db-")]]
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {p.name: "0o600" for p in files}


def test_a_read_only_progress_file_is_named_never_called_saved_and_heals_once_writable(index_dir, shared_dir):
    """An exploratory tester's: with progress.db read-only in a writable home, the notice blamed
    the folder, the quiz ended with "your answers are saved" when none were, and the read-only
    -shm SQLite left beside it kept saving broken after the file was made writable as told."""
    home = shared_dir / "home"
    home.mkdir()
    if os.geteuid() == 0:
        os.chown(home, NOBODY, NOBODY)          # the learner's own home, as run_unprivileged's user
    shutil.copytree(index_dir, shared_dir / "index")
    for path in [shared_dir / "index", *(shared_dir / "index").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    env = {"TUTOR_HOME": str(home), "TUTOR_INDEX": str(shared_dir / "index"), "TUTOR_NOW": NOW}
    argv = ["quiz", "--mode", "recall", "--count", "2", "--new", "2", "--seed", "1"]
    first = run_unprivileged(argv, env, stdin="?\n?\n")
    assert first.returncode == 0 and "your answers are saved" in first.stdout, first.stderr
    progress = home / "progress.db"
    progress.chmod(0o400)
    blocked = run_unprivileged(argv, env, stdin="?\n?\n")
    assert "your answers are saved" not in blocked.stdout, blocked.stdout
    assert "Input ended. 0 of 2 right; none of your 2 answers could be saved." in blocked.stdout, blocked.stdout
    assert f"{progress} is read-only" in blocked.stderr or f"{progress}-shm" in blocked.stderr, blocked.stderr
    assert one_sentence(blocked.stderr)
    finished = run_unprivileged(argv, env, stdin="?\n" * 4)        # missed terms come back: four answers
    assert "Session done: 0 of 4 right; none of your 4 answers could be saved." in finished.stdout, finished.stdout
    progress.chmod(0o600)
    again = run_unprivileged(argv, env, stdin="?\n?\n")
    assert "your answers are saved" in again.stdout, (again.stdout, again.stderr)
    shown = run_unprivileged(["quiz", "--stats", "--json"], env)
    assert json.loads(shown.stdout)["reviews_total"] == 4, shown.stderr


def test_two_corrupt_files_set_aside_in_one_second_are_both_kept(tmp_path, monkeypatch):
    """A tester's: the second copy set aside overwrote the first (same second, same name), so the
    first notice's "it was moved to …" pointed at another file."""
    import tutor.core.quiz.store as store_module

    monkeypatch.setattr(store_module.time, "strftime", lambda _: "20261201-201118")
    path = tmp_path / "progress.db"
    notices = []
    for garbage in ("FIRST-garbage-file-AAAA", "SECOND-garbage"):
        path.write_text(garbage)
        ProgressStore.open(path, notify=notices.append).close()
    kept = sorted(p.read_text() for p in tmp_path.glob("progress.db.corrupt-*") if not p.name.endswith(("-wal", "-shm")))
    assert kept == ["FIRST-garbage-file-AAAA", "SECOND-garbage"]
    assert "corrupt-20261201-201118 " in notices[0] and "corrupt-20261201-201118-2 " in notices[1]


def test_a_damaged_progress_file_is_told_in_one_line(tmp_path):
    """A tester's damaged file printed SQLite's page-by-page integrity report, eight lines, inside
    the notice: the first line is enough to say why the file was set aside."""
    import sqlite3

    from tutor.core.quiz.store import _start_afresh

    path = tmp_path / "progress.db"
    path.write_text("damaged")
    report = sqlite3.DatabaseError("integrity check failed: *** in database main ***\nPage 3: btreeInitPage() "
                                   "returns error code 11\nPage 4: never used\nPage 5: never used")
    notices = []
    _start_afresh(path, report, notices.append).close()
    assert len(notices) == 1 and "\n" not in notices[0] and "Page 4" not in notices[0], notices
    assert "integrity check failed" in notices[0] and "moved to progress.db.corrupt-" in notices[0]


def test_a_progress_file_damaged_during_a_session_is_set_aside_and_the_session_goes_on(tmp_path):
    """An exploratory tester damaged the progress file while a chat was open: every later answer
    failed with "This question could not be answered (DatabaseError: …)", and /progress and /quiz
    too, though a restart set the file aside. Now the store does in the session what it does at
    start: the damaged file is kept aside, a fresh one started, and the notice says so once."""
    from datetime import datetime, timezone
    from types import SimpleNamespace

    path = tmp_path / "progress.db"
    notices = []
    store = ProgressStore.open(path, notify=notices.append)
    store.mark_seen([SimpleNamespace(id="a/b", tier="A", section="B")], datetime.now(timezone.utc))
    store.db.execute("PRAGMA journal_mode = DELETE")     # the pages on disk, as after a checkpoint
    path.write_bytes(b"\x00garbage written by another program" * 120)
    store.mark_seen([SimpleNamespace(id="c/d", tier="C", section="D")], datetime.now(timezone.utc))
    assert store.seen() == {"c/d": 1} and store.due_count(datetime.now(timezone.utc)) == 0
    assert len(notices) == 1 and "could not be read" in notices[0] and "a fresh one started" in notices[0], notices
    kept = [p for p in tmp_path.glob("progress.db.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"\x00garbage")
    store.close()


def test_an_error_that_is_no_damage_never_sets_a_healthy_file_aside(tmp_path):
    """A reviewer's: a broken constraint or a closed connection (sqlite3's IntegrityError and
    ProgrammingError are DatabaseErrors too) set the healthy file aside and started an empty one.
    Only SQLite's own word for damage does that."""
    import sqlite3
    from datetime import datetime, timezone
    from types import SimpleNamespace

    path = tmp_path / "progress.db"
    notices = []
    store = ProgressStore.open(path, notify=notices.append)
    store.mark_seen([SimpleNamespace(id="a/b", tier="A", section="B")], datetime.now(timezone.utc))
    with pytest.raises(sqlite3.IntegrityError):
        store.mark_seen([SimpleNamespace(id="c/d", tier="C", section=None)], datetime.now(timezone.utc))
    assert store.seen() == {"a/b": 1} and not notices and not list(tmp_path.glob("progress.db.corrupt-*"))
    store.close()
