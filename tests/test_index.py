"""The index: manifest, freshness, automatic rebuild when missing, stale or damaged, incremental
re-embedding, and `tutor index --check`."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import CORPUS, run_cli
from tutor.core.search.store import IndexProblem, build_index, data_folder, load_index, staleness
from tutor.core.answer.tutor import open_index


@pytest.fixture
def index_copy(index_dir, tmp_path):
    """A private copy of the session index, safe to damage."""
    target = tmp_path / "index"
    shutil.copytree(index_dir, target)
    return target


def test_manifest_describes_the_build(index):
    m = index.manifest
    assert m["model"] == "sentence-transformers/all-MiniLM-L6-v2" and m["dimension"] == 384
    assert m["normalized"] is True and m["metric"] == "inner_product"
    assert m["counts"]["passages"] == len(index.passages) > 80
    assert m["counts"]["glossary"] == len(index.glossary) >= 40
    assert len(m["corpus_hash"]) == 64 and m["chunker_version"] and m["built_at"].endswith("Z")


def test_vectors_are_unit_length(index):
    vectors = index.dense.reconstruct_n(0, index.dense.ntotal)
    norms = (vectors ** 2).sum(axis=1) ** 0.5
    assert abs(norms - 1).max() < 1e-4


def test_no_pickle_files(index_dir):
    names = [p.name for p in index_dir.rglob("*")]
    assert not [n for n in names if n.endswith((".pkl", ".pickle"))]


def test_fresh_index_has_no_staleness(index_dir):
    assert staleness(CORPUS, index_dir) is None


def test_changed_corpus_makes_index_stale(corpus_copy, index_copy):
    assert staleness(corpus_copy, index_copy) is None
    (corpus_copy / "notes.md").write_text("# Notes\n\n## Zinc\n\nZinc supports many enzymes.\n")
    assert staleness(corpus_copy, index_copy) == "the corpus has changed since it was built"


@pytest.mark.parametrize("damage", ["passages.json", "manifest.json", "passages.faiss", "glossary.npy", "keyword",
                                    "questions.json", "questions.npy"])
def test_damaged_file_is_reported_then_rebuilt(index_copy, damage):
    target = (index_copy if damage == "manifest.json" else data_folder(index_copy)) / damage
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.write_bytes(b"\x00garbage{")
    with pytest.raises(IndexProblem):
        load_index(CORPUS, index_copy)
    messages = []
    rebuilt = open_index(CORPUS, index_copy, on_rebuild=messages.append)
    assert len(messages) == 1 and "rebuilding it now" in messages[0]
    assert len(rebuilt.passages) > 80 and staleness(CORPUS, index_copy) is None


def test_disagreeing_files_are_detected(index_copy):
    """Files that match their recorded checksums but not each other (a manifest rewritten by
    hand) are caught all the same."""
    from tutor.core.search.folder import describe

    data = data_folder(index_copy)
    passages = json.loads((data / "passages.json").read_text())
    (data / "passages.json").write_text(json.dumps(passages[:-1]))
    manifest = json.loads((index_copy / "manifest.json").read_text())
    manifest["files"] = describe(data)
    (index_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexProblem, match="disagree"):
        load_index(CORPUS, index_copy)


def test_missing_index_is_built_with_one_line(tmp_path):
    messages = []
    index = open_index(CORPUS, tmp_path / "new-index", on_rebuild=messages.append)
    assert messages == [f"There is no index in {tmp_path / 'new-index'} yet; building it now."]
    embedded = index.manifest["embeddings"]
    fresh = embedded["computed"] + embedded["reused_from_machine_cache"] + embedded["reused_from_shipped"]
    assert fresh == len(index.passages) + len(index.glossary) + len(index.questions) + len(index.units) \
        + len(index.text_words()[0]) and embedded["reused_from_cache"] == 0


def test_a_file_with_no_text_is_named_when_the_index_is_built(corpus_copy, tmp_path):
    (corpus_copy / "empty.md").write_text("")
    (corpus_copy / "blank.txt").write_text("\n   \n")
    messages = []
    index = open_index(corpus_copy, tmp_path / "index", on_rebuild=messages.append)
    assert index.manifest["empty_files"] == ["blank.txt", "empty.md"]
    assert messages[-1] == f"Skipped 2 file(s) of {corpus_copy} with no text in them: blank.txt, empty.md."


def test_a_file_that_is_not_utf8_is_skipped_with_a_note_and_the_rest_is_taught(corpus_copy, tmp_path):
    """One teacher's Latin-1 file made every command fail for every learner (a tester's)."""
    (corpus_copy / "latin1.txt").write_bytes("Caf\xe9 au lait: la caf\xe9ine et le sommeil.\n".encode("latin-1"))
    messages = []
    index = open_index(corpus_copy, tmp_path / "index", on_rebuild=messages.append)
    assert index.manifest["unreadable_files"] == ["latin1.txt"] and index.passages, len(index.passages)
    assert messages[-1] == (f"Skipped 1 file(s) of {corpus_copy} that are not UTF-8 text: latin1.txt; "
                            "save them as UTF-8 to include them.")
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "latin1.txt").write_bytes("Caf\xe9\n".encode("latin-1"))
    code, _, err = run_cli(["ask", "--corpus", str(alone), "--index", str(tmp_path / "i2"), "what is caffeine"])
    assert code == 1 and "is not UTF-8 text" in err and "Traceback" not in err


def test_rebuild_reembeds_only_changed_passages(corpus_copy, index_copy):
    source = corpus_copy / "endogenous-hormone-production.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Reflection\nYour personal health journey", "Reflection\nYour own health journey"),
                      encoding="utf-8")
    rebuilt = build_index(corpus_copy, index_copy)
    embedded = rebuilt.manifest["embeddings"]       # the changed passage and its changed first sentence
    assert embedded["computed"] + embedded["reused_from_machine_cache"] == 2
    reusable = len(rebuilt.passages) + len(rebuilt.glossary) + len(rebuilt.questions) + len(rebuilt.units) \
        + len(rebuilt.text_words()[0])
    assert embedded["reused_from_cache"] == reusable - 2


def test_index_check_exit_codes(index_dir, corpus_copy, tmp_path):
    code, out, _ = run_cli(["index", "--check", "--index", str(index_dir)])
    assert code == 0 and "up to date" in out
    code, out, _ = run_cli(["index", "--check", "--index", str(tmp_path / "none")])
    assert code == 1 and "no index yet" in out
    (corpus_copy / "extra.txt").write_text("Extra\nSomething new about sleep.\n")
    code, out, _ = run_cli(["index", "--check", "--index", str(index_dir), "--corpus", str(corpus_copy)])
    assert code == 1 and "corpus has changed" in out


def test_missing_corpus_is_named(tmp_path):
    code, out, err = run_cli(["ask", "--corpus", str(tmp_path / "nowhere"), "--index", str(tmp_path / "i"), "what is LH"])
    assert code == 1 and str(tmp_path / "nowhere") in err and "Traceback" not in err
    assert "building it now" not in out + err and not (tmp_path / "i").exists()   # nothing to build from (a tester's)
    code, _, err = run_cli(["index", "--corpus", str(tmp_path / "nowhere"), "--index", str(tmp_path / "i")])
    assert code == 1 and not (tmp_path / "i").exists()
    (tmp_path / "notes.md").write_text("# Notes\n\nSome text.\n", encoding="utf-8")     # a file is no folder
    code, _, err = run_cli(["ask", "--corpus", str(tmp_path / "notes.md"), "--index", str(tmp_path / "i"), "what is LH"])
    assert code == 1 and "is a file; point --corpus at the folder that holds it" in err


def test_a_word_the_text_never_uses_is_also_searched_as_the_texts_nearest_word(tutor):
    query = tutor.retriever.prepare("can ladies use testosterone")
    assert query.expanded.keyword_text == "can ladies use testosterone women"
    assert query.expanded.dense_text == "can ladies use testosterone"     # the meaning is searched as asked
    assert tutor.retriever.prepare("can women use testosterone").expanded.keyword_text == "can women use testosterone"
    assert tutor.retriever.prepare("can zorblaxes use testosterone").expanded.keyword_text \
        == "can zorblaxes use testosterone"                               # nothing close enough: nothing added


def test_a_misspelt_word_is_searched_as_the_word_it_misspells(tutor):
    """A typo's embedding is far from the word meant (its word pieces differ); spelling finds it."""
    assert tutor.retriever.prepare("does cholestrol matter").expanded.keyword_text == "does cholestrol matter cholesterol"
    assert tutor.retriever.nearest_words(["producton", "hypothalmus"]) == {
        "producton": "production", "hypothalmus": "hypothalamus"}
    assert tutor.retriever.nearest_words(["zorblaxes"]) == {}
    near = tutor.retriever.nearest_words(["hearing", "infection", "seduction"])   # words, not typos (a reviewer's)
    assert near.get("hearing") != "healing" and near.get("infection") != "injections" \
        and near.get("seduction") != "reduction", near


def test_a_damaged_word_list_only_switches_the_nearest_words_off(index_copy):
    from tutor.core.search.rank import Retriever
    from tutor.core.search.embed import query_encoder

    data = data_folder(index_copy)
    raw = bytearray((data / "words.npy").read_bytes())
    raw[-8:] = b"\xff" * 8                                   # same size, other bytes: only the checksum can tell
    (data / "words.npy").write_bytes(bytes(raw))
    index = load_index(CORPUS, index_copy)                    # the rest of the index opens as before
    query = Retriever(index, query_encoder()).prepare("can ladies use testosterone")
    assert query.expanded.keyword_text == "can ladies use testosterone" and index.text_words() is None


def test_a_build_reports_every_step_it_takes(tmp_path):
    """A bar left at "Embedding passages 119/119" for half a minute looked frozen (a tester's):
    each step of a build is reported with its own label, the classifier's fit too."""
    from tutor.core.search.store import build_index

    seen = []
    build_index(CORPUS, tmp_path / "index", progress=lambda done, total, what: seen.append(what))
    assert list(dict.fromkeys(seen)) == ["Embedding passages", "Embedding the glossary", "Embedding learner questions",
                                         "Embedding sentences", "Embedding questions made from the text",
                                         "Fitting the safety classifier", "Embedding the text's words"]


def test_a_glossary_entry_must_quote_the_text_and_a_stale_passage_id_is_repointed(tmp_path):
    """A teacher's glossary: a definition of their own was shown as if the text said it, and an id
    made stale by re-cutting pointed nowhere (quiz feedback, /define), all without a word."""
    from conftest import TEACHER_TEXT
    from tutor.core.answer.tutor import open_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "iron.md").write_text(TEACHER_TEXT, encoding="utf-8")
    (corpus / "glossary.yaml").write_text(
        "terms:\n"
        "  - term: blood loss\n    definition: \"Blood loss is the commonest cause of low iron.\"\n"
        "    passage: iron-deficiency/causes/p9\n"
        "  - term: ferritin\n    definition: \"Ferritin stores iron in the body.\"\n"
        "  - term: aura\n    definition: \"An aura comes before the headache.\"\n    passage: migraine/overview/p1\n",
        encoding="utf-8")
    messages = []
    index = open_index(corpus, tmp_path / "index", on_rebuild=messages.append)
    assert [e.term for e in index.glossary] == ["blood loss"]
    assert index.glossary.lookup("blood loss").passage_id == "iron-deficiency/causes/p1"
    notes = " ".join(messages)
    assert "“ferritin” is left out: its definition is not a quote from the text (was the file it quotes edited or removed?)" in notes
    # a teacher removed migraine.md and kept its entries (an exploratory tester's): the file is named
    assert "“aura” is left out: its definition is not a quote from the text, and its passage migraine/overview/p1 " \
           "belongs to no text of the corpus (was that file removed, or is the id mistyped?)" in notes
    assert "names passage iron-deficiency/causes/p9, which does not exist; its definition is in iron-deficiency/causes/p1" in notes


def glossary_of(folder, text: str, glossary_yaml: str):
    """(glossary, build notes) of a teacher's Markdown `text` with `glossary_yaml` beside it."""
    from tutor.core.corpus.load import load_glossary
    from tutor.core.corpus.parse import parse_markdown

    (folder / "glossary.yaml").write_text(glossary_yaml, encoding="utf-8")
    problems: list[str] = []
    return load_glossary(folder, parse_markdown(text, "t.md", "Fundamentals").passages, problems), problems


def test_a_glossary_term_named_for_a_dose_is_left_out_and_an_alias_so_named_dropped(tmp_path):
    """An exploratory tester's glossary named a term "1.25 mg capsule" (alias "twice weekly
    capsule"): definitions were redacted, but the name itself reached quiz questions, /define,
    --stats and a refusal's suggestion. A name is shown as it is, so it must carry no dose."""
    text = ("# Vitamin D\n\n## Forms\n\nErgocalciferol is a plant form of vitamin D, given as 1.25 mg capsules "
            "twice weekly.\n\nCholecalciferol is the form the skin makes in sunlight.\n")
    glossary, problems = glossary_of(tmp_path, text,
        "terms:\n"
        "  - term: 1.25 mg capsule\n    definition: \"Ergocalciferol is a plant form of vitamin D\"\n"
        "  - term: 20 mcg tablet\n    definition: \"A definition the text does not hold.\"\n"
        "  - term: cholecalciferol\n    aliases: [vitamin D₃, twice weekly D]\n"
        "    definition: \"Cholecalciferol is the form the skin makes in sunlight.\"\n")
    assert [(e.term, e.aliases) for e in glossary] == [("cholecalciferol", ("vitamin D₃",))]   # normalised, no dose
    assert len(problems) == 3 and not any(w in p for p in problems for w in ("mg", "mcg", "weekly")), problems


def test_a_file_saved_again_during_a_build_is_built_again(tmp_path):
    """A teacher saved the handout again while its build ran: the index held the old text, and
    `index --check` called it up to date (the fingerprint was taken after the build). The files are
    fingerprinted before they are read, and a build whose files changed under it is done again."""
    from conftest import TEACHER_TEXT

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    handout = corpus / "iron.md"
    handout.write_text(TEACHER_TEXT, encoding="utf-8")
    saves = []

    def saved_again(done, total, what):            # the teacher's second save, during the first build
        if not saves:
            saves.append(what)
            handout.write_text(TEACHER_TEXT.replace("commonest", "most common"), encoding="utf-8")

    index = build_index(corpus, tmp_path / "index", progress=saved_again)
    assert saves and staleness(corpus, tmp_path / "index") is None
    assert any("most common cause" in p.text for p in index.passages)
    assert not any("commonest" in p.text for p in index.passages)


def test_glossary_duplicates_and_borrowed_aliases_are_left_out_with_a_note(tmp_path):
    """A tester's glossary had "gout" twice (the second unreachable by /define, drilled as a second
    card) and gave allopurinol the alias "tamoxifen": /define showed "allopurinol (also: Zyloric,
    tamoxifen)". Neither was said at the build."""
    text = ("# Gout\n\n## Basics\n\nGout is a kind of arthritis caused by urate crystals.\n\n"
            "Allopurinol lowers uric acid levels over time.\n\nTamoxifen is a SERM.\n")
    glossary, problems = glossary_of(tmp_path, text,
        "terms:\n"
        "  - term: Tamoxifen\n    definition: \"Tamoxifen is a SERM.\"\n"
        "  - term: gout\n    definition: \"Gout is a kind of arthritis caused by urate crystals.\"\n"
        "  - term: allopurinol\n    aliases: [Zyloric, tamoxifen]\n"
        "    definition: \"Allopurinol lowers uric acid levels over time.\"\n"
        "  - term: Gout\n    definition: \"Gout is a kind of arthritis caused by urate crystals.\"\n")
    assert [(e.term, e.aliases) for e in glossary] == [("Tamoxifen", ()), ("gout", ()), ("allopurinol", ("Zyloric",))]
    assert any("alias “tamoxifen” is left out, “Tamoxifen” already has that name" in p for p in problems), problems
    assert any("“Gout” (entry 4) is left out: “gout” already has that name" in p for p in problems), problems


@pytest.mark.parametrize("glossary", ["terms:\n  - term: \"purines\n    aliases: [unclosed\n",
                                      "terms:\n  - term: purines\n"])
def test_a_broken_glossary_is_left_out_with_a_note_and_the_text_still_taught(tmp_path, glossary):
    """One typo in glossary.yaml stopped every ask and chat, the bundled text's too (a tester's);
    a broken glossary is now said at the build, as a broken text file is, and the rest is taught."""
    from conftest import TEACHER_TEXT
    from tutor.core.answer.tutor import open_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "iron.md").write_text(TEACHER_TEXT, encoding="utf-8")
    (corpus / "glossary.yaml").write_text(glossary, encoding="utf-8")
    messages = []
    index = open_index(corpus, tmp_path / "index", on_rebuild=messages.append)
    assert index.passages and len(index.glossary) == 0
    assert any("glossary.yaml" in m and ("left out" in m) for m in messages), messages


def test_a_start_that_waited_for_another_build_uses_it(tmp_path):
    """An `ask` that found the index stale while `tutor index` was rebuilding it waited two minutes
    without a word, then built it all again (a tester's): it now says it waits, and uses that build."""
    import subprocess
    import sys
    import time

    from filelock import FileLock, Timeout

    from conftest import ROOT, TEACHER_TEXT
    from tutor.core.answer.tutor import open_index
    from tutor.core.search.store import read_manifest

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "iron.md").write_text(TEACHER_TEXT, encoding="utf-8")
    build_index(corpus, index_dir)
    (corpus / "iron.md").write_text(TEACHER_TEXT.replace("commonest", "most common"), encoding="utf-8")
    slow_build = ("import sys, time; from pathlib import Path; from tutor.core.search.store import build_index\n"
                  "build_index(Path(sys.argv[1]), Path(sys.argv[2]), progress=lambda *step: time.sleep(0.5))\n")
    other = subprocess.Popen([sys.executable, "-c", slow_build, str(corpus), str(index_dir)], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:          # until the other build holds the index
            try:
                with FileLock(index_dir / ".lock", timeout=0):
                    pass
            except Timeout:
                break
            time.sleep(0.02)
        else:
            pytest.fail("the other build never started")
        messages, built = [], []
        index = open_index(corpus, index_dir, on_rebuild=messages.append, progress=lambda *step: built.append(step))
    finally:
        other.wait(timeout=120)
    assert other.returncode == 0
    assert any("waiting for it" in m for m in messages), messages
    assert built == [] and index.manifest["data"] == read_manifest(index_dir)["data"]     # the other's build
    assert any("most common" in p.text for p in index.passages)


def test_two_files_with_one_title_are_named_at_the_build(tmp_path):
    """A teacher kept an old and a revised copy of a handout side by side: both had the same #
    title, so they were taught as one text (answers from either), without a word (a tester's)."""
    from conftest import TEACHER_TEXT
    from tutor.core.corpus.load import load_corpus, skipped_files

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "iron.md").write_text(TEACHER_TEXT, encoding="utf-8")
    (corpus / "iron-old.md").write_text(TEACHER_TEXT.replace("commonest", "usual"), encoding="utf-8")
    notes = skipped_files({"corpus_notes": load_corpus(corpus).notes}, corpus)      # what the build says
    assert any("iron-old.md and iron.md have the same title (“Iron Deficiency”)" in n for n in notes), notes

def test_the_classifier_fits_kept_are_those_used_last(tmp_path, monkeypatch):
    """A rebuild of a text used a moment ago reuses its fit (7 s saved) even after many other
    texts were fitted; the fit dropped is the one unused longest, not the one made first."""
    import os

    import numpy as np

    from tutor.core.safety import intents

    monkeypatch.setenv("TUTOR_CACHE", str(tmp_path))
    weights = np.ones((2, 3))
    fits = [([f"question {n}"], ["educational"]) for n in range(intents.KEPT_FITS + 1)]
    for age, (texts, labels) in enumerate(fits[:-1]):
        intents._cached_fit(texts, labels, weights)
        for path in tmp_path.glob("intent-fit-*.npy"):
            os.utime(path, (path.stat().st_mtime - 1, path.stat().st_mtime - 1))   # older with each fit
    assert intents._cached_fit(*fits[0]) is not None           # the oldest fit, used again now
    intents._cached_fit(*fits[-1], weights)                     # one fit more than are kept
    assert len(list(tmp_path.glob("intent-fit-*.npy"))) == intents.KEPT_FITS
    assert intents._cached_fit(*fits[0]) is not None and intents._cached_fit(*fits[1]) is None
