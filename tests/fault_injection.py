"""Fault injection for issue 16: inject each class of fault the issue names and count how many
lost data, crashed or answered wrongly. Run by hand (pytest does not collect it):

    .venv/bin/python tests/fault_injection.py [--seed N] [--quick]

Crashed: a traceback, "unexpected error", or an exit code outside the command's own (0, 1, 2).
Lost data: a file the tutor did not make changed or vanished; progress that could be read before
the fault can be found nowhere afterwards (not in the store, its damaged_rows table, or a file
moved aside); an index folder left with neither the old nor the new index.
Answered wrongly: a probe question cites another passage than on the healthy index; `index --check`
passes a damaged index; an input line without exactly one JSON object; a control character on
the terminal; a report file that does not parse.

Faults: folders the tutor did not make, damaged index files, builds killed at any moment, manifests
and folders in broken states, invalid bytes and odd lines in every interface and locale, odd slash
commands, damaged progress files and rows, read-only and full homes, malformed suites, closed pipes.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TUTOR_NOW="2026-03-01T09:00:00Z")

from tutor.app.cli import main  # noqa: E402
from tutor.core.text import clean_input  # noqa: E402

CORPUS = ROOT / "corpus"
PROBES = ["How does tamoxifen raise LH?", "What does gonadorelin do?", "what is the HPG axis",
          "what does anastrozole do", "how does clomid work"]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
KILLER = """
import os, signal, sys
from pathlib import Path
target, calls = int(sys.argv[3]), [0]
def deadly(real):
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == target:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
if target:
    os.replace, os.rename = deadly(os.replace), deadly(os.rename)
from tutor.core.search.store import build_index
build_index(Path(sys.argv[1]), Path(sys.argv[2]))
"""


@dataclass
class Tally:
    name: str
    tried: int = 0
    lost: int = 0
    crashed: int = 0
    wrong: int = 0
    examples: list[str] = field(default_factory=list)

    def fault(self, lost=False, crashed=False, wrong=False, what="") -> None:
        self.tried += 1
        self.lost += bool(lost)
        self.crashed += bool(crashed)
        self.wrong += bool(wrong)
        if (lost or crashed or wrong) and len(self.examples) < 3:
            self.examples.append(f"{'lost ' if lost else ''}{'crashed ' if crashed else ''}"
                                 f"{'wrong ' if wrong else ''}{what}"[:300])


def cli(argv, stdin: str = "", **env) -> tuple[int, str, str]:
    """main() in this process with captured streams and environment overrides."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update({k: str(v) for k, v in env.items()})
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    except BaseException as error:  # noqa: BLE001 — anything escaping main is a crash
        return 99, out.getvalue(), f"{err.getvalue()}\nTraceback: {error!r}"
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    return code, out.getvalue(), err.getvalue()


def process(argv, stdin: bytes = b"", env=None, prefix=(), timeout=600) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    return subprocess.run([*prefix, sys.executable, "-m", "tutor", *argv], input=stdin, capture_output=True,
                          cwd=ROOT, env=environment, timeout=timeout)


def crashed(code: int, err: str, allowed=(0, 1, 2)) -> bool:
    return code not in allowed or "Traceback" in err or "unexpected error" in err


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


class Run:
    def __init__(self, seed: int, quick: bool) -> None:
        self.rng = random.Random(seed)
        self.quick = quick
        self.work = Path(tempfile.mkdtemp(prefix="tutor-faults-"))
        self.work.chmod(0o755)
        self.index = self.work / "index"
        self.home = self.work / "home"
        print(f"Working in {self.work} (seed {seed}).", flush=True)
        from tutor.core.search.store import build_index, staleness

        if staleness(CORPUS, ROOT / "index", checksums=True) is None:
            shutil.copytree(ROOT / "index", self.index)
        else:
            build_index(CORPUS, self.index)
        self.expected = self.answers(self.index)

    def answers(self, index: Path, corpus: Path = CORPUS) -> list[tuple[str, str | None]]:
        code, out, err = cli(["ask", "--json", "--index", str(index), "--corpus", str(corpus)],
                             "\n".join(PROBES) + "\n", TUTOR_HOME=self.home)
        rows = [json.loads(line) for line in out.splitlines()] if code == 0 else []
        return [(r["status"], (r["citations"] or [{}])[0].get("passage_id")) for r in rows]

    def copy_index(self) -> Path:
        target = self.work / f"index-{self.rng.randrange(10**9)}"
        shutil.copytree(self.index, target)
        return target

    def probes_right(self, index: Path) -> tuple[bool, bool]:
        """(crashed, wrong) for the probe questions asked of `index` (rebuilt first if need be)."""
        code, out, err = cli(["ask", "--json", "--index", str(index)], "\n".join(PROBES) + "\n", TUTOR_HOME=self.home)
        if crashed(code, err):
            return True, True
        rows = [json.loads(line) for line in out.splitlines()]
        got = [(r["status"], (r["citations"] or [{}])[0].get("passage_id")) for r in rows]
        return False, got != self.expected

    # -- fault classes --------------------------------------------------------------------------

    def foreign_folders(self) -> Tally:
        tally = Tally("folders the tutor did not make (--index / TUTOR_INDEX)")
        names = ["manifest.json", "passages.json", "keyword", "question-keyword", "vectors.npy", ".lock", "data-x",
                 ".build-1", "notes.txt", "thesis.docx", "glossary.npy", "manifest.json.tmp-1", "README.md"]
        commands = [["ask", "what is LH"], ["ask", "--json", "what is LH"], ["index"], ["topics"], ["chat", "--json"],
                    ["index", "--check"], ["quiz", "--count", "1"]]
        for i in range(20 if self.quick else 60):
            folder = self.work / f"mine-{i}"
            folder.mkdir()
            for name in self.rng.sample(names, self.rng.randint(1, 5)):
                path = folder / name
                if self.rng.random() < 0.3:
                    path.mkdir()
                    (path / "inside.txt").write_bytes(os.urandom(self.rng.randint(0, 64)))
                else:
                    path.write_bytes(os.urandom(self.rng.randint(0, 256)))
            before = snapshot(folder)
            argv = self.rng.choice(commands)
            via_env = self.rng.random() < 0.5
            extra = {"TUTOR_INDEX": folder} if via_env else {}
            code, out, err = cli(argv + ([] if via_env else ["--index", str(folder)]), "what is LH\n",
                                 TUTOR_HOME=self.home, **extra)
            tally.fault(lost=snapshot(folder) != before, crashed=crashed(code, err),
                        wrong=code != 1, what=f"{argv} {err.strip()[:120]}")
        return tally

    def damaged_index_files(self) -> Tally:
        tally = Tally("damaged index files (flipped, cut, emptied, deleted, replaced)")
        from tutor.core.search.store import data_folder

        files = sorted(p.relative_to(data_folder(self.index)).as_posix()
                       for p in data_folder(self.index).rglob("*") if p.is_file())
        costly = {"questions.npy", "question-keys.json"}    # damaged, 1,979 questions are embedded again
        kinds = ["flip", "cut", "empty", "delete", "folder", "append"]
        plan = [(f, k) for f in files for k in kinds if f not in costly or k == "flip"]
        if self.quick:
            plan = self.rng.sample(plan, 25)
        for name, kind in plan:
            index = self.copy_index()
            target = data_folder(index) / name
            data = target.read_bytes()
            if kind == "flip" and data:
                start = self.rng.randrange(max(1, len(data) - 64))
                data = data[:start] + bytes(b ^ 0xFF for b in data[start:start + 64]) + data[start + 64:]
                target.write_bytes(data)
            elif kind == "cut":
                target.write_bytes(data[: self.rng.randrange(max(1, len(data)))])
            elif kind == "empty":
                target.write_bytes(b"")
            elif kind == "delete":
                target.unlink()
            elif kind == "folder":
                target.unlink()
                target.mkdir()
            else:
                target.write_bytes(data + os.urandom(17))
            code, out, err = cli(["index", "--check", "--index", str(index)], TUTOR_HOME=self.home)
            missed = code != 1 and name not in ("checksums.json", ".made-by-tutor")   # not index data
            probe_crash, probe_wrong = self.probes_right(index)
            tally.fault(crashed=crashed(code, err) or probe_crash, wrong=missed or probe_wrong,
                        what=f"{kind} {name}: check {code} {out.strip()[:100]}")
            shutil.rmtree(index, ignore_errors=True)
        return tally

    def killed_builds(self) -> Tally:
        tally = Tally("builds killed (SIGKILL) mid-write and mid-switch")
        from tutor.core.search.store import IndexProblem, load_index

        corpus = self.work / "grown-corpus"
        shutil.copytree(CORPUS, corpus)
        (corpus / "a-notes.md").write_text("# Notes\n\n## Zinc\n\nZinc supports many enzymes in the body.\n")
        healthy = load_index(CORPUS, self.index)
        plans = [("at rename", k) for k in (1, 2, 3)] + \
                [("at a random moment", None) for _ in range(4 if self.quick else 16)]
        for how, k in plans:
            index = self.copy_index()
            command = [sys.executable, "-c", KILLER, str(corpus), str(index), str(k or 0)]
            child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if k is None:
                time.sleep(self.rng.uniform(0.5, 5.0))
                child.send_signal(signal.SIGKILL)
            child.wait(timeout=600)
            readable = 0
            for source in (CORPUS, corpus):
                with contextlib.suppress(IndexProblem):
                    load_index(source, index)
                    readable += 1
            code, out, err = cli(["ask", "--json", "--index", str(index), "--corpus", str(corpus), "what is LH"],
                                 TUTOR_HOME=self.home)
            mixed = False
            if code == 0:
                rebuilt = load_index(corpus, index)
                mixed = any(abs(rebuilt.dense.reconstruct(rebuilt.row[p.id]) -
                                healthy.dense.reconstruct(healthy.row[p.id])).max() > 1e-5 for p in healthy.passages)
            leftovers = list(index.glob(".build-*")) + list(index.glob("data-*"))[1:]
            tally.fault(lost=readable != 1, crashed=crashed(code, err), wrong=mixed or bool(leftovers),
                        what=f"{how} {k}: readable {readable}, leftovers {leftovers}")
            shutil.rmtree(index, ignore_errors=True)
        return tally

    def broken_states(self) -> Tally:
        tally = Tally("broken index states (wrong manifest types, folders for files, a file for the folder)")
        manifest = json.loads((self.index / "manifest.json").read_text())
        values = [None, 5, -1, 10**30, "x", "", [], {}, [1, 2], {"a": 1}, True, 1.5, "../../etc"]
        plan = [(f, v) for f in manifest for v in values]
        self.rng.shuffle(plan)
        for field_name, value in plan[: 30 if self.quick else 120]:
            index = self.copy_index()
            (index / "manifest.json").write_text(json.dumps({**manifest, field_name: value}))
            code, out, err = cli(["index", "--check", "--index", str(index)], TUTOR_HOME=self.home)
            probe_crash, probe_wrong = self.probes_right(index)
            tally.fault(crashed=crashed(code, err) or probe_crash, wrong=probe_wrong,
                        what=f"{field_name}={value!r}: {err.strip()[:120]}")
            shutil.rmtree(index, ignore_errors=True)
        for state in ("manifest folder", "manifest folder with a file", "lock folder", "lock folder with a file",
                      "index path is a file", "manifest deleted", "marker deleted", "marker deleted, stale",
                      "data folder deleted"):
            index = self.copy_index()
            before = None
            if state.startswith(("manifest folder", "lock folder")):
                path = index / ("manifest.json" if state.startswith("manifest") else ".lock")
                path.unlink()
                path.mkdir()
                if state.endswith("with a file"):
                    (path / "keep.txt").write_text("someone's\n")
                if state.startswith("lock"):
                    data = json.loads((index / "manifest.json").read_text())
                    (index / "manifest.json").write_text(json.dumps({**data, "corpus_hash": "0" * 64}))
                before = snapshot(index) if state.endswith("with a file") else None
            elif state == "index path is a file":
                shutil.rmtree(index)
                index.write_text("my file\n")
                before = {"": index.read_bytes()}
            elif state == "manifest deleted":
                (index / "manifest.json").unlink()
            elif state.startswith("marker deleted"):    # reading needs no proof; rebuilding does
                (index / ".tutor-index").unlink()
                if state.endswith("stale"):
                    data = json.loads((index / "manifest.json").read_text())
                    (index / "manifest.json").write_text(json.dumps({**data, "corpus_hash": "0" * 64}))
                    before = snapshot(index)
            else:
                for folder in index.glob("data-*"):
                    shutil.rmtree(folder)
            code, out, err = cli(["ask", "--json", "--index", str(index)], "\n".join(PROBES) + "\n",
                                 TUTOR_HOME=self.home)
            if before is not None:             # must stop with a sentence and change nothing
                after = {"": index.read_bytes()} if index.is_file() else snapshot(index)
                tally.fault(lost=after != before, crashed=crashed(code, err), wrong=code != 1, what=f"{state}: {err}")
            else:
                got = [(r["status"], (r["citations"] or [{}])[0].get("passage_id"))
                       for r in map(json.loads, out.splitlines())] if code == 0 else []
                tally.fault(crashed=crashed(code, err), wrong=got != self.expected, what=f"{state}: {err}")
            if index.is_file():
                index.unlink()
            shutil.rmtree(index, ignore_errors=True)
        tally_ro = self._read_only_stale_index()
        if tally_ro is not None:
            tally.fault(**tally_ro)
        return tally

    def _read_only_stale_index(self):
        prefix = []
        if os.geteuid() == 0:
            if not shutil.which("setpriv"):
                return None
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        index = self.copy_index()
        corpus = self.work / "changed-corpus"
        shutil.copytree(CORPUS, corpus, dirs_exist_ok=True)
        (corpus / "extra.md").write_text("# Extra\n\n## Zinc\n\nZinc supports many enzymes.\n")
        for path in [index, *index.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        before = snapshot(index)
        result = process(["ask", "--index", str(index), "--corpus", str(corpus), "what is LH"], prefix=prefix)
        err = result.stderr.decode("utf-8", "replace")
        return {"lost": snapshot(index) != before, "crashed": crashed(result.returncode, err),
                "wrong": "read-only" not in err, "what": f"read-only stale index: {err}"}

    def odd_input(self) -> Tally:
        tally = Tally("invalid bytes and odd lines (ask --json, chat --json, 4 locales)")
        lines = [self._odd_line() for _ in range(150 if self.quick else 600)]
        batch = []
        for line in lines:
            batch.append(line)
            if self.rng.random() < 0.05:
                batch.append(self.rng.choice(PROBES).encode())
        data = b"\n".join(batch) + b"\n"
        decoded = re.split(r"\r\n|\r|\n", data.decode("utf-8", "replace"))[:-1]
        expected = sum(bool(clean_input(line)) for line in decoded)
        probes_expected = {q: a for q, a in zip(PROBES, self.expected)}
        locales = [{"LANG": "C"}, {"LC_ALL": "C"}, {"LANG": "C.UTF-8"}, {"PYTHONIOENCODING": "ascii"}]
        for argv in (["ask", "--json"], ["chat", "--json"]):
            for locale in locales[: 2 if self.quick else 4]:
                env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING"))}
                env.update(locale, TUTOR_INDEX=str(self.index), TUTOR_HOME=str(self.home))
                result = subprocess.run([sys.executable, "-m", "tutor", *argv], input=data, capture_output=True,
                                        cwd=ROOT, env=env, timeout=1800)
                err = result.stderr.decode("utf-8", "replace")
                try:
                    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
                except ValueError:
                    rows = None
                if rows is None or len(rows) != expected:
                    tally.fault(wrong=True, crashed=crashed(result.returncode, err),
                                what=f"{argv} {locale}: {None if rows is None else len(rows)} objects for {expected}")
                    tally.tried += len(lines) - 1
                    continue
                for row in rows:
                    wrong = any(CONTROL.search(text) for text in _strings(row)) or row.get("status") == "error"
                    if argv[0] == "ask" and row.get("question") in probes_expected:
                        got = (row["status"], (row["citations"] or [{}])[0].get("passage_id"))
                        wrong = wrong or got != probes_expected[row["question"]]
                    tally.fault(crashed=crashed(result.returncode, err), wrong=wrong, what=f"{argv} {locale}: {row}")
                tally.tried += len(decoded) - len(rows)       # skipped blank lines were faults too
        return tally

    def _odd_line(self) -> bytes:
        pieces = [b"what is LH", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x28\x8c\x28", b"\x1b[2J",
                  b"\x1b]0;owned\x07", b"\x00", b"\x07", b"\x08", b"\x7f", "\u200b".encode(), "\u202e".encode(),
                  "\ufeff".encode(), "፩".encode(), "🧬".encode(), "ＷＨＡＴ".encode(), "ما هو".encode(), b"\xc2\x9b31m",
                  b"how much clomid", b"   ", b"\t", b"%s%n", b"{0}", b"' OR 1=1 --", b"x" * 3000]
        line = b"".join(self.rng.choice(pieces) for _ in range(self.rng.randint(1, 6)))
        return line.lstrip(b"/").replace(b"\n", b" ").replace(b"\r", b" ")

    def slash_commands(self) -> Tally:
        tally = Tally("slash commands with odd arguments (chat --json)")
        from tutor.app.repl.commands import Chat

        args = ["፩", "²", "٣", "-1", "0", "99999999999999999999999", "1.5", "%s", "{0}", "../..", "\udcff", "x" * 4000,
                "🧬", "\u200b", "\x1b[2J", "[1]", "fundamentals/", "*", "?", "'", '"', "\\", "nan", "inf", "1e309"]
        names = [n for n in Chat.command_names() if n not in ("/quit", "/quiz")]
        lines = [f"{self.rng.choice(names)} {self.rng.choice(args)}" for _ in range(100 if self.quick else 400)]
        code, out, err = cli(["chat", "--json", "--index", str(self.index)],
                             "what is LH\n" + "\n".join(lines) + "\nwhat is FSH\n", TUTOR_HOME=self.home)
        rows = [json.loads(line) for line in out.splitlines()] if not crashed(code, err) else []
        ended = not rows or rows[-1].get("status") != "answered"
        for i, line in enumerate(lines):
            row = rows[i + 1] if len(rows) == len(lines) + 2 else None
            tally.fault(crashed=crashed(code, err) or ended, wrong=row is None or "could not be done" in str(row),
                        what=f"{line[:60]}: {row}")
        return tally

    def progress_faults(self) -> Tally:
        tally = Tally("progress file: flipped bytes, damaged rows, folder, foreign, empty, newer, read-only, full")
        kinds = ["flip"] * (10 if self.quick else 40) + ["row"] * (20 if self.quick else 80) + \
                ["folder", "foreign", "empty", "newer"]
        for kind in kinds:
            home = self.work / f"home-{self.rng.randrange(10**9)}"
            cli(["quiz", "--mode", "recall", "--count", "3", "--new", "3", "--seed", "1"], "?\n?\n?\n", TUTOR_HOME=home,
                TUTOR_INDEX=self.index)
            path = home / "progress.db"
            keep = self._inject_progress_fault(kind, path)
            readable = _review_count(path)
            before = path.read_bytes() if path.is_file() else None
            code, out, err = cli(["quiz", "--stats", "--json"], TUTOR_HOME=home)
            chat = cli(["chat", "--json", "--index", str(self.index)], "what is LH\n", TUTOR_HOME=home)
            answered = chat[0] == 0 and json.loads(chat[1].splitlines()[0])["status"] == "answered"
            lost = False
            if keep:                              # the file must be exactly as it was
                lost = not path.is_file() or path.read_bytes() != before
            elif readable is not None:            # every readable review is still somewhere
                aside = [_review_count(p) or 0 for p in home.glob("progress.db.corrupt-*")]
                lost = max([_review_count(path, damaged_too=True) or 0, *aside]) < readable
            elif before:                          # unreadable: moved aside unchanged, never deleted
                lost = not any(p.read_bytes() == before for p in home.glob("progress.db.corrupt-*")) and \
                    path.read_bytes() != before
            tally.fault(lost=lost, crashed=crashed(code, err) or crashed(chat[0], chat[2]), wrong=not answered,
                        what=f"{kind}: {err.strip()[:150]}")
        for extra in (self._read_only_home(), self._full_home()):
            if extra is not None:
                tally.fault(**extra)
        return tally

    def _inject_progress_fault(self, kind: str, path: Path) -> bool:
        """Damage the progress file; True when the tutor must leave it exactly as it is."""
        if kind == "flip":
            data = bytearray(path.read_bytes())
            for _ in range(self.rng.randint(1, 8)):
                i = self.rng.randrange(len(data))
                data[i] ^= 1 << self.rng.randrange(8)
            path.write_bytes(bytes(data))
        elif kind == "row":
            db = sqlite3.connect(path)
            table, column = self.rng.choice([("cards", "card"), ("cards", "due"), ("reviews", "reviewed_at"),
                                             ("reviews", "rating"), ("reviews", "correct"), ("reviews", "term"),
                                             ("seen", "times")])
            value = self.rng.choice(["not json", "", "{}", "[]", "2026-13-45", None, -1, 10**18, 1.5, b"\x00\xff",
                                     '{"card_id": "x"}', "9" * 50])
            with contextlib.suppress(sqlite3.Error):
                db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT MIN(rowid) FROM {table})", (value,))
                db.commit()
            db.close()
        elif kind == "folder":
            path.unlink()
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            path.mkdir()
            return False
        elif kind == "foreign":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            db = sqlite3.connect(path)
            db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
            db.commit()
            db.close()
            return True
        elif kind == "empty":
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            path.write_bytes(b"")
        elif kind == "newer":
            db = sqlite3.connect(path)
            db.execute("PRAGMA user_version = 99")
            db.commit()
            db.close()
            return True
        return False

    def _read_only_home(self):
        prefix = []
        if os.geteuid() == 0:
            if not shutil.which("setpriv"):
                return None
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        home = self.work / "ro-home"
        cli(["quiz", "--mode", "recall", "--count", "2", "--new", "2", "--seed", "1"], "?\n?\n", TUTOR_HOME=home,
            TUTOR_INDEX=self.index)
        for path in [home, *home.iterdir()]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        before = snapshot(home)
        env = {"TUTOR_HOME": str(home), "TUTOR_INDEX": str(self.index), "HOME": "/nonexistent"}
        chat = process(["chat", "--json"], b"what is LH\n", env, prefix)
        quiz = process(["quiz", "--count", "1"], b"?\n", env, prefix)
        err = quiz.stderr.decode("utf-8", "replace")
        answered = chat.returncode == 0 and json.loads(chat.stdout.decode().splitlines()[0])["status"] == "answered"
        return {"lost": snapshot(home) != before, "crashed": crashed(chat.returncode, chat.stderr.decode()) or
                crashed(quiz.returncode, err), "wrong": not answered or "read-only" not in err,
                "what": f"read-only home: {err}"}

    def _full_home(self):
        mount = self.work / "small-disk"
        mount.mkdir()
        if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                                               capture_output=True).returncode != 0:
            return None
        try:
            home = mount / "home"
            cli(["quiz", "--mode", "recall", "--count", "2", "--new", "2", "--seed", "1"], "?\n?\n", TUTOR_HOME=home,
                TUTOR_INDEX=self.index)
            readable = _review_count(home / "progress.db")
            descriptor = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
            with contextlib.suppress(OSError):
                while os.write(descriptor, b"\0" * 4096):
                    pass
            os.close(descriptor)
            chat = cli(["chat", "--json", "--index", str(self.index)], "what is LH\n", TUTOR_HOME=home)
            quiz = cli(["quiz", "--count", "1", "--index", str(self.index)], "?\n", TUTOR_HOME=home)
            answered = chat[0] == 0 and json.loads(chat[1].splitlines()[0])["status"] == "answered"
            return {"lost": _review_count(home / "progress.db") != readable,
                    "crashed": crashed(chat[0], chat[2]) or crashed(quiz[0], quiz[2]),
                    "wrong": not answered or "full" not in quiz[2], "what": f"full home: {quiz[2]}"}
        finally:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)

    def suites(self) -> Tally:
        tally = Tally("malformed suites (YAML and JSONL mutations) and their report files")
        good_yaml = ('version: 1\ncases:\n  - id: q-lh\n    question: "what is LH"\n    expect: {evidence: ["luteinizing"]}\n'
                     '  - id: x-dose\n    question: "how much clomid should I take"\n'
                     '    expect: {status: refused, reason: dosing}\n')
        good_jsonl = (json.dumps({"id": "q-lh", "question": "what is LH"}) + "\n" +
                      json.dumps({"id": "x-dose", "question": "how much clomid",
                                  "expect": {"status": "refused", "reason": "dosing"}}) + "\n")
        junk = ["\x00", "\x1b[2J", "\\ud800", "\\u0007", "[" * 3000, "9" * 6000, "\t", ": :", "- -", "{", "}", '"',
                "&", "<", "\u200b", "\ufffe", "!!python/object:os.system", "*a", "&a", "\n  - id: dup\n    question: x"]
        for i in range(40 if self.quick else 160):
            text = self.rng.choice([good_yaml, good_jsonl])
            suffix = ".yaml" if text is good_yaml else ".jsonl"
            for _ in range(self.rng.randint(1, 3)):
                at = self.rng.randrange(len(text))
                text = text[:at] + self.rng.choice(junk) + text[at + self.rng.randint(0, 3):]
            path = self.work / f"suite-{i}{suffix}"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            reports = self.work / f"reports-{i}"
            reports.mkdir()
            code, out, err = cli(["eval", str(path), "--index", str(self.index), "--json", str(reports / "r.json"),
                                  "--junit", str(reports / "j.xml"), "--trec", str(reports / "r.trec")],
                                 TUTOR_HOME=self.home)
            wrong = bool(CONTROL.search((out + err).replace("\n", "")))
            if code in (0, 1):
                try:
                    json.loads((reports / "r.json").read_text(encoding="utf-8"))
                    ET.parse(reports / "j.xml")
                    lines = (reports / "r.trec").read_text(encoding="utf-8").split("\n")
                    wrong = wrong or any(len(line.split()) != 6 for line in lines if line)
                except (OSError, ValueError, ET.ParseError):
                    wrong = True
            tally.fault(crashed=crashed(code, err), wrong=wrong, what=f"{path.name}: {err.strip()[:150]}")
        return tally

    def closed_pipes(self) -> Tally:
        tally = Tally("closed output pipes")
        suite = self.work / "pipe-suite.yaml"
        suite.write_text('version: 1\ncases:\n  - id: q\n    question: "what is LH"\n')
        for argv in (["ask", "what is LH"], ["ask", "--json", "what is LH"], ["topics"], ["chat"], ["chat", "--json"],
                     ["quiz", "--stats"], ["eval", str(suite)], ["index", "--check"], ["--help"]):
            reader, writer = os.pipe()
            os.close(reader)
            try:
                result = subprocess.run([sys.executable, "-m", "tutor", *argv], stdout=writer, stderr=subprocess.PIPE,
                                        input=b"what is LH\n", cwd=ROOT, timeout=600,
                                        env={**os.environ, "TUTOR_INDEX": str(self.index), "TUTOR_HOME": str(self.home)})
            finally:
                os.close(writer)
            tally.fault(crashed=result.returncode != 0 or bool(result.stderr), what=f"{argv}: {result.stderr[:200]!r}")
        return tally


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _review_count(path: Path, damaged_too: bool = False) -> int | None:
    """Reviews SQLite itself can read from the file (plus rows set aside), or None if it cannot."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            count = db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
            if damaged_too:
                with contextlib.suppress(sqlite3.Error):
                    count += db.execute("SELECT COUNT(*) FROM damaged_rows WHERE source = 'reviews'").fetchone()[0]
            return count
        finally:
            db.close()
    except sqlite3.Error:
        return None


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="fewer faults per class (about a fifth)")
    args = parser.parse_args()
    run = Run(args.seed, args.quick)
    classes = [run.foreign_folders, run.damaged_index_files, run.killed_builds, run.broken_states, run.odd_input,
               run.slash_commands, run.progress_faults, run.suites, run.closed_pipes]
    tallies = []
    started = time.time()
    try:
        for fault_class in classes:
            began = time.time()
            tally = fault_class()
            tallies.append(tally)
            print(f"{tally.tried:6d} tried  {tally.lost:3d} lost  {tally.crashed:3d} crashed  {tally.wrong:3d} wrong"
                  f"  {tally.name}  ({time.time() - began:.0f} s)", flush=True)
            for example in tally.examples:
                print(f"         e.g. {example}", flush=True)
    finally:
        for folder in [run.work, *run.work.rglob("*")]:
            with contextlib.suppress(OSError):
                if folder.is_dir() and not folder.is_symlink():
                    folder.chmod(0o755)
        shutil.rmtree(run.work, ignore_errors=True)
    total = Tally("all")
    for t in tallies:
        total.tried, total.lost, total.crashed, total.wrong = (total.tried + t.tried, total.lost + t.lost,
                                                               total.crashed + t.crashed, total.wrong + t.wrong)
    print(f"{total.tried:6d} tried  {total.lost:3d} lost  {total.crashed:3d} crashed  {total.wrong:3d} wrong  "
          f"in all ({time.time() - started:.0f} s)")
    return 0 if total.lost == total.crashed == total.wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main_())
