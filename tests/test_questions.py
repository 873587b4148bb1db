"""Learner questions (corpus/questions.yaml): valid, tied to real passages, part of the index's
fingerprint, reported when they name a passage that is gone, and worth having: held-out
questions find their passage more often with them than without them."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import CORPUS, ROOT, run_cli
from tutor.core.corpus.load import QUESTIONS_FILE, load_corpus
from tutor.core.evaluation.metrics import is_relevant
from tutor.core.evaluation.suite import load_suite
from tutor.core.search.store import build_index, staleness


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


def test_every_passage_has_questions_and_every_key_is_a_passage(corpus):
    raw = yaml.safe_load((CORPUS / QUESTIONS_FILE).read_text(encoding="utf-8"))["passages"]
    assert set(raw) == {p.id for p in corpus.passages}
    assert corpus.unknown_question_ids == []
    assert all(len(questions) >= 3 for questions in raw.values())
    assert len(corpus.questions) == sum(map(len, raw.values())) > 600


def test_index_stores_one_vector_per_question(index, corpus):
    assert len(index.questions) == len(index.question_vectors) == len(corpus.questions)
    assert index.manifest["counts"]["questions"] == len(corpus.questions)
    norms = (index.question_vectors ** 2).sum(axis=1) ** 0.5
    assert abs(norms - 1).max() < 1e-4


def test_changed_questions_make_the_index_stale(corpus_copy, index_dir):
    assert staleness(corpus_copy, index_dir) is None
    with open(corpus_copy / QUESTIONS_FILE, "a", encoding="utf-8") as handle:
        handle.write('  reflection/p3:\n    - "is the body able to fix itself"\n')
    assert staleness(corpus_copy, index_dir) == "the corpus has changed since it was built"


def test_unknown_passage_ids_are_reported_and_ignored(corpus_copy, index_dir, tmp_path):
    with open(corpus_copy / QUESTIONS_FILE, "a", encoding="utf-8") as handle:
        handle.write('  fundamentals/no-such-section/p9:\n    - "what was here"\n')
        handle.write('  intermediate/testosterone-recalibration-protocols-for-men/tamoxifn:\n    - "tamoxifen?"\n')
    index = tmp_path / "index"
    shutil.copytree(index_dir, index)
    code, out, err = run_cli(["index", "--corpus", str(corpus_copy), "--index", str(index)])
    assert code == 0, err
    assert "names 2 passage id(s) the corpus does not have" in out and "fundamentals/no-such-section/p9," in out
    # a typo gets the id it most likely meant
    assert "tamoxifn (did you mean intermediate/testosterone-recalibration-protocols-for-men/tamoxifen?)" in out
    assert "Indexed 90 passages" in out and "learner questions" in out


@pytest.mark.parametrize("text, message", [
    ("passages: [1, 2]\n", "should map passage ids to lists of questions"),
    ("passages:\n  reflection/p3: what is this\n", "should be a list of non-empty strings"),
    ("passages:\n  reflection/p3: [\"ok\", \"\"]\n", "should be a list of non-empty strings"),
    ("passages: {reflection/p3: [\n", "is not valid YAML"),
])
def test_a_malformed_questions_file_is_left_out_with_a_note_and_the_text_still_taught(corpus_copy, text, message):
    """As for the glossary: a teacher's typo must not take the text from every learner (it made
    every command fail, a tester's)."""
    (corpus_copy / QUESTIONS_FILE).write_text(text, encoding="utf-8")
    corpus = load_corpus(corpus_copy)
    assert corpus.passages and not corpus.questions
    assert any(message in note and "left out until it is fixed" in note for note in corpus.notes)


def test_a_questions_file_broken_at_its_end_keeps_the_passage_ids_it_names(corpus_copy):
    """The ids a broken file still names decide how the text is cut, so the passage ids (and
    the glossary's) stay what they were; only the learner questions are missing."""
    whole = {p.id for p in load_corpus(corpus_copy).passages}
    with (corpus_copy / QUESTIONS_FILE).open("a", encoding="utf-8") as f:
        f.write('  fundamentals/introduction/p1-1:\n    - "why do vegans get low iron\n')
    corpus = load_corpus(corpus_copy)
    assert {p.id for p in corpus.passages} == whole and not corpus.questions and not corpus.glossary_problems


def test_a_corpus_without_questions_still_works(without_questions, index_dir):
    built = without_questions.index          # the bundled corpus less questions.yaml, rebuilt from its index
    assert built.questions == [] and built.question_vectors.shape == (0, 384)
    embedded, counts = built.manifest["embeddings"], built.manifest["counts"]
    # without learner questions the text is cut into paragraphs (load._asked_ids): only those new
    # passages and the questions generated from the text for the guard are embedded, nothing else
    from tutor.core.search.store import load_index

    from tutor.core.search.units import unit_texts

    old = load_index(CORPUS, index_dir).passages
    before = {p.embed_text for p in old}
    paragraphs = {p.embed_text for p in built.passages} - before
    # a sentence that leans on the one before is embedded with it: a new neighbour is a new text
    sentences = set(unit_texts(built.passages)) - set(unit_texts(old))
    assert counts["generated_questions"] > 50 and paragraphs and len(built.passages) < len(old)
    # each generated question is embedded twice: as made, and as told in the first person
    assert embedded["computed"] + embedded["reused_from_machine_cache"] == \
        2 * counts["generated_questions"] + len(paragraphs) + len(sentences)


@pytest.fixture(scope="module")
def without_questions(index_dir, tmp_path_factory):
    """The same corpus and index with questions.yaml removed: the ablation baseline."""
    from tutor.core.search.embed import query_encoder
    from tutor.core.search.rank import Retriever
    from tutor.core.answer.tutor import Tutor

    corpus = tmp_path_factory.mktemp("bare") / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / QUESTIONS_FILE).unlink()
    index = corpus.parent / "index"
    shutil.copytree(index_dir, index)
    built = build_index(corpus, index)
    return Tutor(built, Retriever(built, query_encoder()))


def _hit_at_1(tutor, path) -> float:
    turns = [c.turns[0] for c in load_suite(path).cases
             if len(c.turns) == 1 and c.turns[0].expect.status == "answered" and c.turns[0].expect.evidence]
    hits = 0
    for turn in turns:
        answer = tutor.answer(turn.question)
        hits += bool(answer.citations) and is_relevant(answer.citations[0].passage, turn.expect.evidence, [])
    return hits / len(turns)


def test_learner_questions_lift_held_out_retrieval(tutor, without_questions):
    """On the held-out suites (written without seeing questions.yaml) hit@1 rises with the
    questions; measured +0.07 to +0.16 (README, "Retrieval quality")."""
    for name in ("heldout.yaml", "heldout3.yaml"):
        with_q, without = _hit_at_1(tutor, ROOT / "eval" / name), _hit_at_1(without_questions, ROOT / "eval" / name)
        assert with_q >= without + 0.05, (name, with_q, without)


def test_words_of_several_passages_questions_are_topic_words(corpus_copy, index_dir, tmp_path):
    """A word the text never uses is still on topic when learners' questions for two passages use
    it ("foggy"); one question brushing a side subject ("zebrafish") does not make it a topic."""
    from tutor.core.search.embed import query_encoder
    from tutor.core.search.bm25 import tokenize
    from tutor.core.search.rank import Retriever

    (corpus_copy / QUESTIONS_FILE).write_text(
        'passages:\n'
        '  fundamentals/introduction/p1: ["why am i so foggy lately", "is zebrafish research relevant"]\n'
        '  fundamentals/introduction/p2-1: ["can foggy thinking be hormonal"]\n', encoding="utf-8")
    index = tmp_path / "index"
    shutil.copytree(index_dir, index)
    retriever = Retriever(build_index(corpus_copy, index), query_encoder())
    foggy, zebrafish = tokenize("foggy")[0], tokenize("zebrafish")[0]
    assert foggy in retriever.vocabulary and zebrafish not in retriever.vocabulary


def test_a_new_file_without_questions_still_wins_its_own_topic(corpus_copy, index_dir, tmp_path):
    """A teacher's added notes have no learner questions; they must not lose their own questions
    to bundled passages that merely have some."""
    from tutor.core.search.embed import query_encoder
    from tutor.core.search.rank import Retriever
    from tutor.core.answer.tutor import Tutor

    (corpus_copy / "teacher-notes.md").write_text(
        "# Teacher Notes\n\n## Sleep and Growth Hormone\n\nThe largest pulse of growth hormone each day "
        "comes during the first period of deep sleep at night.\n", encoding="utf-8")
    index = tmp_path / "index"
    shutil.copytree(index_dir, index)
    built = build_index(corpus_copy, index)
    tutor = Tutor(built, Retriever(built, query_encoder()))
    for question in ("when during the day is the most GH released?", "does deep sleep matter for growth hormone?"):
        answer = tutor.answer(question)
        assert answer.citations[0].passage.id == "teacher-notes/sleep-and-growth-hormone/p1", question


def test_weight_tuning_hides_each_query_from_the_index(index):
    """benchmarks/tune_weights.py scores weights on learner questions the index no longer holds."""
    import importlib.util

    from tutor.core.search.embed import query_encoder
    from tutor.core.search.rank import Retriever

    spec = importlib.util.spec_from_file_location("tune_weights", ROOT / "benchmarks" / "tune_weights.py")
    tune = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tune)
    question = index.questions[0][1]
    hidden = tune.without(index, {0})
    assert hidden.questions == index.questions[1:] and hidden.question_keyword.size == len(hidden.questions)
    encoder = query_encoder()
    assert Retriever(index, encoder).search(question).best_question > 0.99
    assert Retriever(hidden, encoder).search(question).best_question < 0.99


def test_questions_are_generated_from_headings_and_definitions_only_where_none_were_written():
    from tutor.core.corpus.glossary import Glossary
    from tutor.core.corpus.load import generate_questions
    from tutor.core.corpus.parse import parse_markdown

    md = ("# Prolactinoma\n\n## Overview\n\nA prolactinoma is a benign tumor of the pituitary gland. It makes prolactin."
          "\n\n## Symptoms\n\nIn men, the most common symptom is erectile dysfunction.\n")
    overview, symptoms = parse_markdown(md, "prl.md", "Prolactinoma").passages
    made = generate_questions([overview, symptoms], asked=set(), glossary=Glossary([]))
    assert ("prolactinoma/overview/p1", "What is prolactinoma?") in made
    assert ("prolactinoma/symptoms/p1", "What are the symptoms of prolactinoma?") in made
    # a passage with hand-written questions gets none generated
    assert all(pid != overview.id for pid, _ in generate_questions([overview], {overview.id}, Glossary([])))
