"""Quiz items that teach: nothing shown gives the answer away, options are clearly different,
hints add up, feedback names the right letter and the definition, and statistics say what to
practise next. Each rule of issue 17 has a test here."""

from __future__ import annotations

import difflib
import random
import re
from datetime import datetime, timedelta, timezone

import pytest
import Stemmer
from fsrs import Scheduler

from conftest import run_cli, run_prompted
from tutor.core.quiz import stats
from tutor.core.quiz.questions import BLANK, RECALL, QuestionMaker
from tutor.core.quiz.session import QuizSession
from tutor.core.quiz.store import ProgressStore
from tutor.core.safety import redact
from tutor.core.text import STOPWORDS, fold, split_sentences

SEEDS = range(5)
GENERIC = {"hormone", "therapy", "cells", "axis", "levels", "protein", "system", "production", "factors", "gland",
           "body", "loops", "protocols", "clinical", "negative", "composition"}
_stemmer = Stemmer.Stemmer("english")


# -- independent checks (not the implementation's own) -------------------------------------------

def _plain(text: str) -> str:
    """Folded text with hyphens and slashes as spaces, in two versions: as written, and without
    short parentheses ("hypothalamic-pituitary-gonadal (HPG) axis" -> "... gonadal axis")."""
    text = re.sub(r"[-/]", " ", fold(text))
    return text + " | " + re.sub(r"\s*\([^()]{1,15}\)", "", text)


def names_in(text: str, entry) -> list[str]:
    plain = _plain(text)
    found = [n for n in entry.names
             if re.search(r"(?<![a-z0-9])" + re.escape(re.sub(r"[-/]", " ", fold(n))) + r"(?:e?s)?(?![a-z0-9])", plain)]
    stems = {_stemmer.stemWord(w.lower()) for w in re.findall(r"[A-Za-z]+", entry.term)
             if len(w) >= 4 and w.lower() not in GENERIC}
    for word in re.findall(r"[a-z]+", fold(text)):
        if len(word) >= 4 and _stemmer.stemWord(word) in stems:
            found.append(word)
    return found


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", fold(text.replace(BLANK, " "))) if w not in STOPWORDS and len(w) > 2}


def near_duplicates(a: str, b: str) -> bool:
    a, b = fold(a.replace(BLANK, " ")), fold(b.replace(BLANK, " "))
    wa, wb = _content(a), _content(b)
    return (difflib.SequenceMatcher(None, a, b).ratio() >= 0.7 or len(wa & wb) / len(wa | wb) >= 0.5
            or a in b or b in a)


def shares_a_sentence(a: str, b: str) -> bool:
    sentences = lambda t: {fold(t[x:y]).rstrip(".") for x, y in split_sentences(t)}
    return any(s in fold(b) for s in sentences(a)) or any(s in fold(a) for s in sentences(b))


def maker(index, seed=0):
    return QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(seed))


# -- recognition ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def recognitions(index):
    """A recognition question for every term, over several seeds (one quiz maker per seed, as a
    quiz session has one)."""
    makers = [maker(index, seed) for seed in SEEDS]
    return [m.recognition(entry) for m in makers for entry in index.glossary]


def test_the_asked_term_appears_in_no_option(recognitions):
    for q in recognitions:
        for choice in q.choices:
            assert names_in(choice, q.entry) == [], (q.entry.term, choice)


def test_no_two_options_are_near_duplicates(recognitions):
    for q in recognitions:
        assert len(q.choices) == 4 and len(set(q.choices)) == 4, q.entry.term
        for i, a in enumerate(q.choices):
            for b in q.choices[i + 1:]:
                assert not near_duplicates(a, b), (q.entry.term, a, b)


def test_distractors_are_whole_other_definitions_sharing_no_sentence(index):
    for seed in SEEDS:
        m = maker(index, seed)
        for entry in index.glossary:
            others = m.distractors(entry)
            assert len(others) == 3 and entry not in others
            for i, other in enumerate(others):
                assert not shares_a_sentence(other.definition, entry.definition), (entry.term, other.term)
                assert names_in(other.definition, entry) == [], (entry.term, other.term)
                assert all(not shares_a_sentence(other.definition, o.definition) for o in others[i + 1:])


def test_distractors_are_plausible_neighbours(index):
    """Drawn from the most similar definitions, not from anywhere."""
    vectors, entries, m = index.glossary_vectors, index.glossary.entries, maker(index)
    for entry in entries:
        sims = vectors @ vectors[entries.index(entry)]
        rank = {entries[i].term: r for r, i in enumerate(sorted(range(len(entries)), key=lambda i: -sims[i]))}
        assert all(rank[o.term] <= 25 for o in m.distractors(entry)), entry.term


def test_terms_the_text_pairs_are_not_each_others_distractors(index):
    """With its term blanked, Tamoxifen's definition would be true of Clomid, estrogen's of testosterone."""
    m = maker(index)
    for term, sibling in (("Clomid", "Tamoxifen"), ("testosterone", "estrogen"), ("LH", "FSH"), ("Tamoxifen", "Clomid")):
        assert sibling not in [e.term for e in m.distractors(index.glossary.lookup(term))], term


def test_terms_that_share_a_word_are_not_each_others_distractors(index):
    """'negative feedback' is a feedback loop: its definition is no wrong answer for 'feedback loops'."""
    m = maker(index)
    assert "negative feedback" not in [e.term for e in m.distractors(index.glossary.lookup("feedback loops"))]
    assert "feedback loops" not in [e.term for e in m.distractors(index.glossary.lookup("negative feedback"))]


def test_a_term_defined_only_by_a_papers_title_is_never_asked_nor_offered(index, tmp_path):
    from tutor.core.quiz.factory import make_session
    from tutor.core.quiz.store import ProgressStore

    by_id = {p.id: p for p in index.passages}
    titled = {e.term for e in index.glossary if by_id[e.passage_id].kind == "reference"}
    assert "IGF-1" in titled
    session = make_session(index, ProgressStore.open(tmp_path / "progress.db"), count=len(index.glossary.entries), seed=1)
    assert not titled & {e.term for e in session.entries}
    m = maker(index)
    assert all(not titled & {d.term for d in m.distractors(e)} for e in index.glossary)


def test_a_term_the_text_uses_without_defining_is_never_asked_nor_offered(index, tmp_path):
    """"TRT — The body's own testosterone creation can become suppressed during TRT …" is no
    definition to recall or recognise (`defines: false` in the glossary)."""
    from tutor.core.quiz.factory import make_session

    undefined = {e.term for e in index.glossary if not e.defines}
    assert {"testosterone replacement therapy", "pulsatility"} <= undefined
    session = make_session(index, ProgressStore.open(tmp_path / "progress.db"), count=len(index.glossary.entries), seed=1)
    assert not undefined & {e.term for e in session.entries}
    m = maker(index)
    assert all(not undefined & {d.term for d in m.distractors(e)} for e in index.glossary)


def test_the_right_option_is_its_definition_with_the_term_blanked(index):
    q = maker(index).recognition(index.glossary.lookup("pulsatility"))
    right = q.choices[q.answer_index]
    assert right.replace(BLANK, "pulsatile") == redact(q.entry.definition)
    q = maker(index).recognition(index.glossary.lookup("HPG axis"))
    assert q.choices[q.answer_index].startswith(f"Consider the {BLANK}, a prime example of such a loop.")


def test_a_blank_does_not_single_out_the_right_option(recognitions):
    """Each option has its own term blanked too, and the set is chosen so the right one is never
    the only option with (or without) a blank."""
    for q in recognitions:
        blanked = [BLANK in c for c in q.choices]
        assert blanked.count(blanked[q.answer_index]) >= 2, (q.entry.term, q.choices)


# -- recall and cloze ------------------------------------------------------------------------------

def test_recall_and_cloze_prompts_hide_names_and_stems(index):
    m = maker(index)
    for entry in index.glossary:
        for q in (m.recall(entry), m.cloze(entry)):
            if q is not None:
                assert names_in(q.prompt, entry) == [], (entry.term, q.prompt)
    pulsatility = m.recall(index.glossary.lookup("pulsatility"))
    assert "pulsatile" not in pulsatility.prompt and BLANK in pulsatility.prompt


def test_a_cloze_prompt_says_enough_to_answer_it(index):
    """The peptide table's rows open with "Peptide Name: Hexarelin.": blanked, the same clue-free
    prompt for every peptide. Every cloze leaves six words or more around its blank."""
    import re

    for seed in range(5):
        m = maker(index, seed)
        for entry in index.glossary:
            q = m.cloze(entry)
            if q is not None:
                assert len(re.findall(r"[A-Za-z]{2,}", q.prompt)) >= 6, (entry.term, q.prompt)
                assert not q.prompt.startswith("Peptide Name:"), entry.term


# -- hints -----------------------------------------------------------------------------------------

def test_a_multiple_choice_hint_removes_one_wrong_option_and_a_second_another(index):
    m = maker(index)
    for entry in list(index.glossary)[:10]:
        q = m.recognition(entry)
        first = q.next_hint()
        assert first and len(q.remaining) == 3 and q.answer_index in q.remaining
        assert f"{'abcd'[q.removed[0]]})" in first
        second = q.next_hint()
        assert second != first and len(q.remaining) == 2 and q.answer_index in q.remaining
        assert q.next_hint() is None and len(q.remaining) == 2


def test_a_second_typed_hint_adds_information(index):
    for term in ("Leydig cells", "LH", "pulsatility", "MK-677"):
        q = maker(index).recall(index.glossary.lookup(term))
        first, second = q.next_hint(), q.next_hint()
        shown = lambda hint: len(re.sub(r"[^A-Za-z0-9]", "", re.search(r"“(.+?)”", hint).group(1)))
        assert first != second and q.section in second
        assert shown(second) >= shown(first)
        assert q.next_hint() is None


# -- the quiz loop ---------------------------------------------------------------------------------

def quiz(lines, argv):
    return run_prompted(argv, lines)


ARGV = ["quiz", "--seed", "7", "--mode", "recognition", "--count", "1", "--new", "1", "--plain"]


def test_wrong_answer_feedback_shows_the_right_letter_and_the_definition(index_dir, monkeypatch, index):
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00Z")
    _, first = quiz(["?", "/stop"], ARGV)
    letter, term = re.search(r"The answer is ([a-d])\) (.+)", first).groups()
    run_cli(["quiz", "--reset", "--yes"])
    wrong = next(x for x in "abcd" if x != letter)
    code, out = quiz([wrong, "/stop"], ARGV)
    entry = index.glossary.lookup(term.strip(), fuzzy=False)
    assert code == 0 and f"✗ The answer is {letter}) {entry.term}" in out
    assert " ".join(f"{entry.term} — {redact(entry.definition)}".split()) in " ".join(out.split())


def test_keys_are_shown_in_the_header_before_anything_is_typed(index_dir, monkeypatch):
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00Z")
    _, out = quiz(["/stop"], ARGV)
    header = out.splitlines()[0]
    assert all(key in header for key in ("a–d", "h hint", "? answer", "/stop")), header
    _, out = quiz(["/stop"], ["quiz", "--seed", "7", "--mode", "recall", "--count", "1", "--new", "1", "--plain"])
    assert "h hint" in out.splitlines()[0] and "Type the term" not in out


def test_hints_in_the_loop_take_away_options_then_say_there_are_no_more(index_dir, monkeypatch):
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00Z")
    code, out = quiz(["h", "h", "h", "?", "/stop"], ARGV)
    removed = re.findall(r"It is not ([a-d])\)", out)
    assert code == 0 and len(set(removed)) == 2
    assert "No more hints — ? shows the answer." in out
    letter = re.search(r"The answer is ([a-d])\)", out).group(1)
    assert letter not in removed


# -- statistics ------------------------------------------------------------------------------------

START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_stats_show_recall_tomorrow_and_in_a_week_weakest_first(index, tmp_path):
    store = ProgressStore.open(tmp_path / "progress.db")
    clock = lambda: START
    m = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(1))
    session = QuizSession(store, m, list(index.glossary), mode=RECALL, count=4, new=4, clock=clock,
                          rng=random.Random(1), scheduler=Scheduler(enable_fuzzing=False))
    answers = iter(["right", "wrong", "right", "right"])
    missed = None
    while (q := session.next_question()) is not None and (how := next(answers, None)):
        session.answer(q, q.entry.term if how == "right" else "no idea", seconds=20)
        missed = missed or (q.entry.term if how == "wrong" else None)
    data = stats.compute(store, START + timedelta(minutes=5))
    terms = data["terms"]
    for t in terms:
        assert {"term", "retrievability", "due", "stability", "reviews", "lapses"} <= t.keys()
        assert 0 <= t["recall_in_a_week"] <= t["recall_tomorrow"] <= t["retrievability"] <= 1
        assert t["due_in_days"] >= 0
    assert terms[0]["term"] == missed and terms[0]["lapses"] == 1
    assert [t["recall_in_a_week"] for t in terms] == sorted(t["recall_in_a_week"] for t in terms)
    assert terms[0]["recall_tomorrow"] < min(t["recall_tomorrow"] for t in terms[1:])
    assert all(t["retrievability"] == 1.0 for t in terms)     # why "recall now" alone misleads
    store.close()


def test_stats_table_shows_what_to_practise(index_dir, monkeypatch):
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00Z")
    run_cli(["quiz", "--mode", "recall", "--count", "2", "--new", "2", "--seed", "1"], "?\n?\n")
    code, out, _ = run_cli(["quiz", "--stats"])
    assert code == 0 and "weakest first" in out
    assert all(col in out for col in ("Tomorrow", "In a week", "Due", "Lapses")) and "Recall now" not in out
    assert "(today)" in out or "(tomorrow)" in out
