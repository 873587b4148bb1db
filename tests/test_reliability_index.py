"""Reliability of the index folder (issue 16, items 1, 3, 4 and 5): the tutor never deletes or
overwrites files it cannot prove it made, damage is caught by sizes and checksums, a build killed
at any moment leaves the old index or the new one (never a mix), and broken states heal or are
named in one sentence."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import CORPUS, ROOT, run_cli
from test_reliability_store import run_unprivileged, shared_dir  # noqa: F401 — shared_dir is a fixture
from tutor.core.answer.tutor import open_index
from tutor.core.search.folder import MARKER
from tutor.core.search.store import IndexProblem, data_folder, load_index, staleness

PROBES = {"How does tamoxifen raise LH?": "intermediate/testosterone-recalibration-protocols-for-men/tamoxifen",
          "What does gonadorelin do?": "intermediate/testosterone-recalibration-protocols-for-men/gonadorelin"}


@pytest.fixture
def index_copy(index_dir, tmp_path):
    target = tmp_path / "index"
    shutil.copytree(index_dir, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with the bytes of its files (None for folders)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def one_sentence(err: str) -> bool:
    return "Traceback" not in err and "unexpected error" not in err and err.count("tutor: ") == 1


# -- 1. only files the tutor made --------------------------------------------------------------------

@pytest.fixture
def users_folder(tmp_path) -> Path:
    """A folder of someone's own work that happens to use names the index uses."""
    folder = tmp_path / "my-project"
    (folder / "keyword").mkdir(parents=True)
    (folder / "keyword" / "thesis-notes.txt").write_text("chapter 3 draft\n")
    (folder / "question-keyword").mkdir()
    (folder / "question-keyword" / "todo.txt").write_text("call the lab\n")
    (folder / "manifest.json").write_text('{"name": "my shipping manifest"}\n')
    (folder / "passages.json").write_text('["my favourite passages"]\n')
    (folder / "vectors.npy").write_bytes(b"\x93NUMPY my own array")
    (folder / "notes.txt").write_text("do not lose me\n")
    return folder


@pytest.mark.parametrize("argv", [["ask", "what is LH"], ["ask", "--json", "what is LH"], ["index"],
                                  ["topics"], ["chat", "--json"]])
def test_a_folder_the_tutor_did_not_make_is_never_touched(users_folder, argv):
    before = snapshot(users_folder)
    code, out, err = run_cli([*argv, "--index", str(users_folder)], "what is LH\n")
    assert code == 1 and one_sentence(err) and "did not make" in err, err
    assert snapshot(users_folder) == before


def test_the_environment_variable_is_held_to_the_same_rule(users_folder, monkeypatch):
    monkeypatch.setenv("TUTOR_INDEX", str(users_folder))
    before = snapshot(users_folder)
    code, _, err = run_cli(["ask", "what does gonadorelin do"])
    assert code == 1 and "did not make" in err and snapshot(users_folder) == before
    code, out, _ = run_cli(["index", "--check"])
    assert code == 1 and snapshot(users_folder) == before


def test_the_tutors_own_folder_is_rebuilt_in_place_keeping_other_files(index_dir, tmp_path):
    assert (index_dir / MARKER).is_file()         # the session index was built into an empty folder
    shutil.copytree(index_dir, tmp_path / "index")
    (tmp_path / "index" / "my-notes.txt").write_text("mine\n")    # added later to the tutor's folder: kept
    code, _, _ = run_cli(["index", "--index", str(tmp_path / "index")])
    assert code == 0 and (tmp_path / "index" / "my-notes.txt").read_text() == "mine\n"
    assert len(list((tmp_path / "index").glob("data-*"))) == 1


def numpy_encoder(profile):
    """The tutor's own NumPy encoder: a small build without importing torch."""
    from tutor.core.search.embed import query_encoder

    return query_encoder("numpy", profile)


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    corpus = tmp_path / "tiny"
    corpus.mkdir()
    (corpus / "notes.md").write_text("# Basics\n\n## Zinc\n\nZinc supports many enzymes in the body.\n\n"
                                     "## Sleep\n\nSleep supports hormone rhythms.\n", encoding="utf-8")
    return corpus


def test_an_earlier_versions_flat_index_is_adopted_and_replaced(tiny_corpus, tmp_path):
    """Format 2 kept its files beside the manifest; its manifest proves they are the tutor's."""
    from tutor.core.search.store import build_index

    build_index(tiny_corpus, tmp_path / "new", encoder_factory=numpy_encoder)
    old = tmp_path / "old"
    old.mkdir()
    from tutor.core.search.folder import LEGACY_NAMES

    for item in data_folder(tmp_path / "new").iterdir():
        if item.name in LEGACY_NAMES:            # the files a format-2 index had
            (shutil.copytree if item.is_dir() else shutil.copy)(item, old / item.name)
    manifest = json.loads((tmp_path / "new" / "manifest.json").read_text())
    manifest["format"] = 2
    for key in ("data", "files", "marker"):
        manifest.pop(key)
    (old / "manifest.json").write_text(json.dumps(manifest))
    (old / "README.md").write_text("kept\n")
    with pytest.raises(IndexProblem, match="different format"):
        load_index(tiny_corpus, old)
    index = build_index(tiny_corpus, old, encoder_factory=numpy_encoder)
    assert "Zinc supports" in index.passages[0].text and len(index.passages) == 2
    assert sorted(p.name for p in old.iterdir() if not p.name.startswith("data-")) == \
        [".lock", MARKER, "README.md", "manifest.json"]


# -- 3. integrity: sizes on every start, checksums of what is loaded and in --check ---------------------

def top_passage(question: str, index_path: Path) -> str:
    code, out, _ = run_cli(["ask", "--json", "--index", str(index_path), question])
    assert code == 0
    return json.loads(out)["citations"][0]["passage_id"]


def test_flipped_bytes_in_the_vectors_are_caught_and_healed(index_copy):
    faiss_file = data_folder(index_copy) / "passages.faiss"
    data = bytearray(faiss_file.read_bytes())
    data[-4000:-3936] = bytes(b ^ 0xFF for b in data[-4000:-3936])       # 64 bytes inside the vectors
    faiss_file.write_bytes(bytes(data))
    code, out, _ = run_cli(["index", "--check", "--index", str(index_copy)])
    assert code == 1 and "passages.faiss does not match its checksum" in out
    for question, passage in PROBES.items():
        assert top_passage(question, index_copy) == passage
    assert staleness(CORPUS, index_copy, checksums=True) is None


@pytest.mark.parametrize("damage", ["delete passages.faiss", "truncate passages.json", "delete vectors.npy",
                                    "truncate keyword/params.index.json"])
def test_check_reports_missing_or_cut_files(index_copy, damage):
    verb, name = damage.split(" ")
    target = data_folder(index_copy) / name
    if verb == "delete":
        target.unlink()
    else:
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    code, out, _ = run_cli(["index", "--check", "--index", str(index_copy)])
    assert code == 1 and name in out
    with pytest.raises(IndexProblem, match=name.split("/")[-1]):        # sizes are checked on every start
        load_index(CORPUS, index_copy)


# -- 4. a build killed at any moment: the old index or the new one, never a mix ----------------------

# The killer script (SIGKILL at the Nth rename) is the fault-injection tool's own: one copy.
from fault_injection import KILLER  # noqa: E402


@pytest.fixture
def grown_corpus(corpus_copy) -> Path:
    """The corpus with a file that sorts first, so every passage's row moves in the new build."""
    (corpus_copy / "a-notes.md").write_text("# Notes\n\n## Zinc\n\nZinc supports many enzymes in the body.\n\n"
                                            "## Sleep\n\nSleep supports hormone rhythms.\n", encoding="utf-8")
    return corpus_copy


@pytest.mark.parametrize("kill_at", [1, 2, 12])
def test_a_build_killed_mid_switch_leaves_old_or_new_and_never_mixes_vectors(index, index_copy, grown_corpus, kill_at):
    result = subprocess.run([sys.executable, "-c", KILLER, str(grown_corpus), str(index_copy), str(kill_at)],
                            cwd=ROOT, capture_output=True, timeout=300)
    assert result.returncode in (0, -signal.SIGKILL), result.stderr
    opened = []
    for corpus in (CORPUS, grown_corpus):
        try:
            opened.append(load_index(corpus, index_copy))
        except IndexProblem:
            pass
    assert len(opened) == 1, "neither the old index nor the new one can be read"
    rebuilt = open_index(grown_corpus, index_copy)
    assert not list(index_copy.glob(".build-*")) and len(list(index_copy.glob("data-*"))) == 1
    for passage in index.passages:                 # the same text has the same vector as before
        mine = rebuilt.dense.reconstruct(rebuilt.row[passage.id])
        assert np.allclose(mine, index.dense.reconstruct(index.row[passage.id]), atol=1e-5), passage.id


def test_ctrl_c_during_a_build_leaves_the_old_index(index_copy, grown_corpus, monkeypatch):
    from tutor.core.search import store

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_write_questions", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.build_index(grown_corpus, index_copy)
    assert not list(index_copy.glob(".build-*"))
    assert len(load_index(CORPUS, index_copy).passages) > 80


# -- 5. states that never healed ----------------------------------------------------------------------

@pytest.mark.parametrize("state", ["manifest.json empty folder", ".lock empty folder", "keyword as a file",
                                   "counts is a number", "files is a list", "data points elsewhere"])
def test_broken_states_heal_with_one_line(index_copy, state):
    manifest_path = index_copy / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    if state == "manifest.json empty folder":
        manifest_path.unlink()
        manifest_path.mkdir()
    elif state == ".lock empty folder":
        (index_copy / ".lock").unlink()
        (index_copy / ".lock").mkdir()
        manifest_path.write_text(json.dumps({**manifest, "corpus_hash": "0" * 64}))   # stale: a rebuild is needed
    elif state == "keyword as a file":
        keyword = data_folder(index_copy) / "keyword"
        shutil.rmtree(keyword)
        keyword.write_text("not a folder")
    else:
        changes = {"counts is a number": {"counts": 5}, "files is a list": {"files": []},
                   "data points elsewhere": {"data": "../../somewhere"}}[state]
        manifest_path.write_text(json.dumps({**manifest, **changes}))
    code, out, _ = run_cli(["index", "--check", "--index", str(index_copy)])
    assert code == 1, out
    messages = []
    rebuilt = open_index(CORPUS, index_copy, on_rebuild=messages.append)
    assert len(messages) == 1 and "rebuilding it now" in messages[0]
    assert len(rebuilt.passages) > 80 and staleness(CORPUS, index_copy, checksums=True) is None


def test_a_deleted_data_folder_is_named_as_such_and_rebuilt(index_copy):
    """With the whole data folder deleted, the rebuild said "generated.json is missing", its first
    file (an exploratory tester's)."""
    shutil.rmtree(data_folder(index_copy))
    messages = []
    rebuilt = open_index(CORPUS, index_copy, on_rebuild=messages.append)
    assert len(messages) == 1 and "its data folder data-" in messages[0] and "is missing" in messages[0], messages
    assert "generated.json" not in messages[0] and len(rebuilt.passages) > 80


@pytest.mark.parametrize("name", ["manifest.json", ".lock"])
def test_a_folder_with_files_where_a_file_belongs_is_named(index_copy, name):
    path = index_copy / name
    path.unlink()
    path.mkdir()
    (path / "something.txt").write_text("someone's\n")
    manifest = index_copy / "manifest.json"
    if name == ".lock":
        data = json.loads(manifest.read_text())
        manifest.write_text(json.dumps({**data, "corpus_hash": "0" * 64}))
    before = snapshot(index_copy)
    code, _, err = run_cli(["ask", "--index", str(index_copy), "what is LH"])
    assert code == 1 and one_sentence(err) and str(path) in err and "move it away" in err
    assert snapshot(index_copy) == before


def test_an_index_path_that_is_a_file(tmp_path):
    path = tmp_path / "index"
    path.write_text("my file\n")
    for argv in (["ask", "what is LH"], ["index"], ["topics"]):
        code, _, err = run_cli([*argv, "--index", str(path)])
        assert code == 1 and one_sentence(err) and "is a file, not a folder" in err
    code, out, _ = run_cli(["index", "--check", "--index", str(path)])
    assert code == 1 and "is a file" in out
    assert path.read_text() == "my file\n"


def test_a_stale_read_only_index_is_named_not_crashed_on(index_dir, shared_dir):
    index_path, corpus = shared_dir / "index", shared_dir / "corpus"
    shutil.copytree(index_dir, index_path)
    shutil.copytree(CORPUS, corpus)
    (corpus / "extra.md").write_text("# Extra\n\n## Zinc\n\nZinc supports many enzymes.\n")
    for folder in [index_path, *[p for p in index_path.rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    result = run_unprivileged(["ask", "--index", str(index_path), "--corpus", str(corpus), "what is LH"])
    assert result.returncode == 1 and one_sentence(result.stderr) and "read-only" in result.stderr, result.stderr
    fresh = run_unprivileged(["ask", "--json", "--index", str(index_path), "--corpus", str(CORPUS), "what is LH"])
    assert fresh.returncode == 0 and json.loads(fresh.stdout)["status"] == "answered", fresh.stderr


def test_a_damaged_file_read_after_the_start_is_removed_so_the_next_start_heals(index_copy):
    """words.npy is checked only when a question first needs the text's own words; damage found
    then was worked around in silence at every start and never repaired (a tester's). Now the
    question is still answered, and the next start finds the file missing and rebuilds."""
    words = data_folder(index_copy) / "words.npy"
    vectors = np.load(words, mmap_mode="r+")
    vectors[:] = 0.5
    vectors.flush()
    del vectors
    index = load_index(CORPUS, index_copy)
    assert index.text_words() is None
    assert not words.exists()
    with pytest.raises(IndexProblem):
        load_index(CORPUS, index_copy)
    code, _, _ = run_cli(["index", "--index", str(index_copy)])
    assert code == 0 and staleness(CORPUS, index_copy, checksums=True) is None
