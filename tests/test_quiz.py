"""The quiz: lenient grading, FSRS ratings, question kinds, a whole session through main(),
progress that survives corruption and concurrency, statistics over a month of reviews."""

from __future__ import annotations

import json
import random
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Rating, Scheduler

from conftest import ROOT, run_cli, run_prompted
from leak_oracle import dose_leaks
from tutor.core.quiz import stats
from tutor.core.quiz.grading import NEAR, RIGHT, WRONG, grade
from tutor.core.quiz.questions import BLANK, RECALL, RECOGNITION, QuestionMaker
from tutor.core.quiz.session import QuizSession
from tutor.core.quiz.store import ProgressStore
from tutor.core.safety import find_dose_details

START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


class Clock:
    """A fixed clock the test moves by hand."""

    def __init__(self, moment=START):
        self.moment = moment

    def __call__(self):
        return self.moment


@pytest.fixture
def store(tmp_path):
    s = ProgressStore.open(tmp_path / "progress.db")
    yield s
    s.close()


def session_for(index, store, clock, mode="mixed", count=5, new=5, seed=1):
    maker = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(seed))
    return QuizSession(store, maker, list(index.glossary), mode=mode, count=count, new=new, clock=clock,
                       rng=random.Random(seed), scheduler=Scheduler(enable_fuzzing=False))


# -- grading ------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, term, verdict", [
    ("clomid", "Clomid", RIGHT), ("Clomiphene Citrate", "Clomid", RIGHT), ("clomiphene-citrate!", "Clomid", RIGHT),
    ("CLOMIFENE", "Clomid", RIGHT), ("leydig cell", "Leydig cells", RIGHT), ("Leydg cells", "Leydig cells", NEAR),
    ("tamoxifin", "Tamoxifen", NEAR), ("mk677", "MK-677", RIGHT), ("ibutamoren", "MK-677", RIGHT),
    ("gonadotrópins", "gonadotropins", RIGHT), ("lh", "LH", RIGHT), ("lb", "LH", WRONG), ("fsh", "LH", WRONG),
    ("sertoli cells", "Leydig cells", WRONG), ("", "Clomid", WRONG), ("testosterone therapy", "testosterone replacement therapy", RIGHT),
])
def test_lenient_grading(index, typed, term, verdict):
    assert grade(typed, index.glossary.lookup(term, fuzzy=False)).verdict == verdict


@pytest.mark.parametrize("typed, term", [("gonadotropins", "gonadotrophs"), ("calibration", "recalibration")])
def test_another_word_of_the_text_or_a_prefix_away_is_no_typo(index, store, typed, term):
    """An exploratory tester's: "gonadotropins" (the hormones) was accepted for gonadotrophs (the
    cells that release them), a word the text uses for another thing; "calibration" for
    recalibration, a prefix away. Both are wrong; "gonadotrophes" is still a typo."""
    session = session_for(index, store, Clock(), mode="recall")
    entry = index.glossary.lookup(term, fuzzy=False)
    question = session.maker.make(entry, "recall")
    assert session.answer(question, typed).grade.verdict == WRONG
    assert session.answer(session.maker.make(entry, "recall"), term[:-1] + "es" if term.endswith("s") else term + "s").grade.correct


# -- questions ------------------------------------------------------------------------------------

def test_recognition_distractors_are_the_most_similar_eligible_definitions(index):
    """The closest other definitions in meaning, in that order, among those that pass the rules
    of tests/test_quiz_items.py; every option is shown with its own term blanked."""
    maker = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(0))
    entry = index.glossary.lookup("Sermorelin")
    question = maker.recognition(entry)
    assert len(question.choices) == 4 and question.choices[question.answer_index] == entry.definition
    sims = index.glossary_vectors @ index.glossary_vectors[index.glossary.entries.index(entry)]
    picked = [sims[index.glossary.entries.index(e)] for e in maker.distractors(entry)]
    assert picked == sorted(picked, reverse=True) and len(picked) == 3
    shown = [re.compile(".+?".join(re.escape(part) for part in c.split(BLANK))) for c in question.choices]
    for other in maker.distractors(entry):
        assert any(p.fullmatch(other.definition) for p in shown), other.term


def test_recall_prompt_hides_the_answer(index):
    maker = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(0))
    for entry in index.glossary:
        prompt = maker.recall(entry).prompt.lower()
        assert entry.term.lower() not in prompt.replace(BLANK, "")


def test_cloze_blanks_the_term_and_never_uses_dose_sentences(index):
    maker = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(0))
    made = 0
    for entry in index.glossary:
        question = maker.cloze(entry)
        if question is None:
            continue
        made += 1
        assert BLANK in question.prompt and not find_dose_details(question.prompt)
    assert made >= 30
    gonadorelin = index.glossary.lookup("Gonadorelin")
    for seed in range(10):
        q = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(seed)).cloze(gonadorelin)
        assert "administered via subcutaneous injections" not in q.prompt


def test_quiz_text_is_redacted(index):
    maker = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(0))
    for entry in index.glossary:
        for question in (maker.recall(entry), maker.recognition(entry)):
            assert dose_leaks(question.prompt + " ".join(question.choices)) == []


# -- scheduling -------------------------------------------------------------------------------------

def test_a_term_whose_definition_holds_the_same_sentence_is_accepted(index, store):
    """"This _____ reduces the conversion of testosterone into estrogen." is aromatase inhibitor's
    definition and the first sentence of Anastrozole's; "anastrozole" was marked wrong (an
    exploratory tester's). Another term is still wrong."""
    session = session_for(index, store, Clock(), mode=RECALL)
    entry = next(e for e in index.glossary if e.term == "aromatase inhibitor")
    question = session.maker.make(entry, RECALL)
    assert session.answer(question, "anastrozole", seconds=3).grade.correct
    assert not session.answer(session.maker.make(entry, RECALL), "tamoxifen", seconds=3).grade.correct


def test_ratings_follow_the_rules(index, store):
    clock = Clock()
    session = session_for(index, store, clock, mode=RECALL)
    q = session.next_question()
    assert session.answer(q, q.entry.term, seconds=3).rating == Rating.Easy
    q = session.next_question()
    assert session.answer(q, q.entry.term, seconds=30).rating == Rating.Good
    q = session.next_question()
    assert session.answer(q, q.entry.term, hinted=True, seconds=3).rating == Rating.Hard
    q = session.next_question()
    assert session.answer(q, q.entry.term[:-1] + "x" if len(q.entry.term) > 7 else "zzzz", seconds=3).rating in (Rating.Hard, Rating.Again)
    q = session.next_question()
    assert session.answer(q, "", revealed=True).rating == Rating.Again


def test_multiple_choice_is_capped_at_good(index, store):
    session = session_for(index, store, Clock(), mode=RECOGNITION)
    q = session.next_question()
    outcome = session.answer(q, "abcd"[q.answer_index], seconds=1)
    assert outcome.grade.correct and outcome.rating == Rating.Good


def test_due_cards_come_first_and_missed_cards_come_back(index, store):
    clock = Clock()
    first = session_for(index, store, clock, mode=RECALL, count=3, new=3)
    asked = []
    while (q := first.next_question()) is not None:
        asked.append(q.entry.term)
        first.answer(q, "wrong answer")
    assert len(asked) == 6 and asked[3:] == asked[:3]           # each miss asked again at the end
    clock.moment += timedelta(days=1)
    second = session_for(index, store, clock, mode=RECALL, count=3, new=3, seed=99)
    assert [e.term for e in second.queue] == sorted(asked[:3], key=lambda t: (store.card(t).due, t))


@pytest.mark.parametrize("seed", range(6))
def test_a_missed_choice_asked_again_has_its_right_option_elsewhere(index, store, seed):
    """A tester's: the repeat of a missed multiple-choice question showed the options in the same
    order, so it could be answered from memory of where the right one stood."""
    session = session_for(index, store, Clock(), mode=RECOGNITION, count=4, new=4, seed=seed)
    first: dict[str, int] = {}
    while (q := session.next_question()) is not None:
        if q.entry.term in first:
            assert q.answer_index != first[q.entry.term], q.entry.term
        else:
            first[q.entry.term] = q.answer_index
        session.answer(q, "abcd"[(q.answer_index + 1) % 4], seconds=1)      # always wrong
    assert len(first) == 4


def test_every_answer_is_committed_immediately(index, store, tmp_path):
    session = session_for(index, store, Clock(), mode=RECALL)
    q = session.next_question()
    session.answer(q, q.entry.term)
    other = sqlite3.connect(tmp_path / "progress.db")
    assert other.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 1
    other.close()


# -- the command ------------------------------------------------------------------------------------

def quiz(*lines, argv=("quiz", "--seed", "5")):
    return run_prompted(argv, lines)


def test_a_whole_session_through_main(index_dir, monkeypatch):
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00Z")
    code, out = quiz("x", "2", "h", "?", "a", "b", "c", "/stop",
                     argv=["quiz", "--seed", "5", "--count", "4", "--new", "4"])
    assert code == 0
    assert "Which definition fits" in out and "1/4 · recognition" in out
    assert "Type a letter a–d" in out                     # "x" is not a choice
    assert "Source: " in out and "/source " in out
    assert re.search(r"Stopped\. \d of \d right; your answers are saved\.", out) and "Session done" not in out
    code, stats_out, _ = run_cli(["quiz", "--stats", "--json"])
    data = json.loads(stats_out)
    assert data["reviews_total"] >= 3 and data["due_today"] >= 1
    code, plain, _ = run_cli(["quiz", "--stats", "--plain"])     # plain text: no boxes, no block bars
    assert code == 0 and "Reviews so far" in plain and "Due over the next 14 days" in plain
    assert not set(plain) & set("┌┏│┃─━█")


def test_quiz_inside_the_chat(index_dir):
    code, text = run_prompted(["chat"], ("/quiz", "?", "/stop", "/quit"))
    assert code == 0 and "Quiz — h for a hint" in text and "Stopped." in text and "Goodbye" in text


def test_piped_quiz_reads_answers_line_by_line(index_dir):
    code, out, _ = run_cli(["quiz", "--mode", "recall", "--count", "2", "--new", "2", "--seed", "1"], "?\n?\n")
    assert code == 0 and out.count("The answer is") >= 2 and "Input ended" in out


def test_corrupt_progress_file_is_moved_aside(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir(parents=True)
    (home / "progress.db").write_bytes(b"this is not a database" * 100)
    code, out, err = run_cli(["quiz", "--stats", "--json"])
    assert code == 0 and json.loads(out)["reviews_total"] == 0
    assert "could not be read" in err and "Traceback" not in err
    assert list(home.glob("progress.db.corrupt-*"))


def test_two_processes_share_the_store(tmp_path):
    script = (
        "import sys; from pathlib import Path; from datetime import datetime, timezone; from fsrs import Card, Rating, Scheduler\n"
        "from tutor.core.quiz.store import ProgressStore\n"
        "s = ProgressStore.open(Path(sys.argv[1])); sch = Scheduler(enable_fuzzing=False)\n"
        "for i in range(40):\n"
        "    c, log = sch.review_card(Card(card_id=i), Rating.Good, datetime.now(timezone.utc))\n"
        "    s.record_review(f'{sys.argv[2]}-{i}', c, log, 'recall', True, 'x', 10)\n"
    )
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen([sys.executable, "-c", script, str(db), name], cwd=ROOT) for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 80
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_stats_over_a_month_of_reviews(index, store):
    clock = Clock(START)
    for day in range(30):
        clock.moment = START + timedelta(days=day)
        if day in (3, 4):            # two days without practice break the streak
            continue
        session = session_for(index, store, clock, mode=RECALL, count=3, new=1, seed=day)
        while (q := session.next_question()) is not None:
            session.answer(q, q.entry.term if day % 5 else "nope", seconds=20)
    now = START + timedelta(days=29, hours=3)
    data = stats.compute(store, now)
    assert data["reviews_total"] == len(store.reviews()) > 50
    assert len(data["reviews_per_day"]) == 28 and data["streak_days"] == 25
    assert len(data["forecast"]) == 14 and data["forecast"][0]["date"] == "2026-03-30"
    assert data["due_today"] == sum(1 for c in store.cards().values() if c.due.date() <= now.date())
    assert data["hardest"] and all(t in {x["term"] for x in data["terms"]} for t in data["hardest"])
    assert all(0.0 <= t["retrievability"] <= 1.0 for t in data["terms"])


def test_stats_count_the_learners_local_days(index, store, monkeypatch):
    """23:30 in Los Angeles is already tomorrow in UTC; the review belongs to today all the same."""
    import time

    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        late = datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc)          # 2026-03-01 23:30 PST
        session = session_for(index, store, Clock(late), mode=RECALL, count=1, new=1)
        question = session.next_question()
        session.answer(question, question.entry.term, seconds=5)
        data = stats.compute(store, late)
        assert data["reviews_per_day"] == [{"date": "2026-03-01", "reviews": 1}]
        assert data["streak_days"] == 1 and data["forecast"][0]["date"] == "2026-03-01"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_stats_table_and_chart_render(index_dir, monkeypatch):
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00Z")
    run_cli(["quiz", "--mode", "recall", "--count", "2", "--new", "2", "--seed", "1"], "?\n?\n")
    code, out, _ = run_cli(["quiz", "--stats"])
    assert code == 0 and "Due over the next 14 days" in out and "Reviews so far" in out and "03-14" in out


def test_export_and_reset(index_dir, tmp_path):
    run_cli(["quiz", "--mode", "recall", "--count", "1", "--new", "1", "--seed", "1"], "?\n")
    code, out, _ = run_cli(["quiz", "--export", str(tmp_path / "log.csv")])
    assert code == 0 and (tmp_path / "log.csv").read_text().startswith("term,rating,mode,correct")
    code, _, _ = run_cli(["quiz", "--export", str(tmp_path / "log.json")])
    assert json.loads((tmp_path / "log.json").read_text())[0]["rating"] == 1
    code, _, err = run_cli(["quiz", "--export", str(tmp_path / "log.txt")])
    assert code == 2 and ".csv or .json" in err
    code, _, err = run_cli(["quiz", "--reset"])
    assert code == 2 and "--yes" in err
    code, out, _ = run_cli(["quiz", "--reset", "--yes"])
    assert code == 0 and json.loads(run_cli(["quiz", "--stats", "--json"])[1])["reviews_total"] == 0


def test_an_export_keeps_typed_answers_as_text(index_dir, tmp_path):
    """A typed answer of "=HYPERLINK(…)" or with an escape code went into the CSV as it was: a
    formula, or a control character, once the file is opened in a spreadsheet (a tester's)."""
    run_cli(["quiz", "--mode", "recall", "--count", "1", "--new", "1", "--seed", "1"], '=HYPERLINK("x")\x1b[31m\n')
    run_cli(["quiz", "--export", str(tmp_path / "log.csv")])
    import csv

    rows = list(csv.DictReader((tmp_path / "log.csv").open(encoding="utf-8")))
    assert rows and rows[0]["answer"].startswith("'=HYPERLINK") and "\x1b" not in rows[0]["answer"]


def test_bad_options_are_usage_errors():
    for count in ("0", "-3"):           # one message for both (a tester saw two)
        code, _, err = run_cli(["quiz", "--count", count])
        assert code == 2 and "must be at least 1" in err
    assert run_cli(["quiz", "--new", "-1"])[0] == 2
    assert run_cli(["quiz", "--mode", "essay"])[0] == 2


def test_quiz_output_never_shows_dose_details(index_dir, monkeypatch):
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00Z")
    for mode in ("recall", "recognition", "cloze"):
        code, out, _ = run_cli(["quiz", "--mode", mode, "--count", "53", "--new", "53", "--seed", "2"], "?\n" * 120)
        assert code == 0 and dose_leaks(out) == [], mode


def test_a_corpus_without_glossary_terms_says_there_is_nothing_to_drill(teacher_corpus):
    corpus, index = teacher_corpus
    code, out, _ = run_cli(["quiz", "--corpus", str(corpus), "--index", str(index)], "")
    assert code == 0 and "There is nothing to drill" in out
    assert "--tier" not in out          # not asked for: it spoke of a tier chosen (an exploratory tester's)


IRON_TERMS = {   # a teacher's glossary entries for iron.md (conftest.TEACHER_TEXT), beside the bundled ones
    "koilonychia": "brittle nails that crack easily, or nails that curve upwards like a small spoon, which doctors "
                   "call koilonychia and see mostly in long-standing iron deficiency",
    "blood loss": "Blood loss is the commonest cause of low iron.",
    "pale skin": "pale skin, most easily seen inside the lower eyelids and on the palms of the hands",
    "breathlessness": "shortness of breath or a racing heartbeat when climbing stairs or walking uphill",
    "red meat": "Red meat, liver and beans are good sources of iron for the body.",
}


@pytest.fixture(scope="module")
def with_iron(tmp_path_factory):
    """(corpus, index) of the bundled text with a teacher's iron sheet and its glossary entries."""
    import shutil

    from conftest import CORPUS, TEACHER_TEXT
    from tutor.core.search.store import build_index

    corpus = tmp_path_factory.mktemp("iron-quiz") / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "iron.md").write_text(TEACHER_TEXT, encoding="utf-8")
    with (corpus / "glossary.yaml").open("a", encoding="utf-8") as glossary:
        for term, definition in IRON_TERMS.items():
            glossary.write(f'  - term: "{term}"\n    definition: "{definition}"\n')
    build_index(corpus, corpus.parent / "index")
    return corpus, corpus.parent / "index"


def test_wrong_options_come_from_the_terms_own_text_first(with_iron):
    """Beside a teacher's migraine sheet, a migraine term's wrong options came from the hormone
    text and gave the answer away (an exploratory tester's). They come from the term's own text
    while it has enough; "iron", which the other iron definitions name, takes one from elsewhere."""
    from tutor.core.search.store import load_index

    index = load_index(*with_iron)
    maker = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, random.Random(1))
    source = lambda entry: index.by_id[entry.passage_id].source
    for term in ("breathlessness", "pale skin", "koilonychia"):
        entry = index.glossary.lookup(term)
        assert [source(d) for d in maker.distractors(entry)] == ["iron.md"] * 3, term


def test_a_quiz_on_one_text_asks_only_its_terms(with_iron):
    corpus, index = with_iron
    place = ["--corpus", str(corpus), "--index", str(index)]
    code, out, _ = run_cli(["quiz", *place, "--text", "Iron Deficiency", "--mode", "recall", "--count", "5",
                            "--seed", "1"], "?\n" * 12)
    sources = re.findall(r"^Source: (.+)$", out, re.M)
    assert code == 0 and len(sources) >= 5 and all(s.startswith("Iron Deficiency ›") for s in sources), out
    code, _, err = run_cli(["quiz", *place, "--text", "asthma"])
    assert code == 2 and "No text of the corpus is named “asthma”; its texts are: endogenous-hormone-production, iron." in err


def test_a_text_is_named_by_a_word_of_its_file_name_or_title(with_iron):
    """"tutor quiz --text anaemia" and "--text allergies" were told no text is so named (two
    teachers' testers): a word of a file's name or title names it when no other file has it."""
    from tutor.core.quiz.factory import text_named
    from tutor.core.search.store import load_index

    index = load_index(*with_iron)
    assert text_named(index, "deficiency") == "iron.md" == text_named(index, "Iron Deficiency")
    assert text_named(index, "hormone") == "endogenous-hormone-production.txt" == text_named(index, "hormones")
    assert text_named(index, "asthma") is None and text_named(index, "and") is None


def test_the_chats_quiz_says_when_no_text_has_the_name_given(index_dir):
    """"/quiz allergies" quizzed the hormone text's terms without a word (a teacher's tester)."""
    code, text = run_prompted(["chat"], ("/quiz allergies", "/quit"))
    assert code == 0 and "No text of the corpus is named “allergies”" in text and "Quiz — h for a hint" not in text


def test_a_locked_progress_file_still_grades_says_so_once_and_goes_on(index, tmp_path):
    """Another program held the file (a tester's BEGIN EXCLUSIVE): the quiz ended on its first
    answer without saying whether it was right. It grades, says once that answers are not saved,
    tries again without waiting and says when saving works again; the chat's section notes give up
    at once, in a sentence."""
    from datetime import datetime, timezone

    store = ProgressStore.open(tmp_path / "progress.db")
    store.db.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(tmp_path / "progress.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        session = session_for(index, store, Clock(), mode="recall", count=3)
        outcomes = []
        for _ in range(2):
            question = session.next_question()
            outcomes.append(session.answer(question, question.entry.term))
        assert all(o.grade.correct for o in outcomes)
        assert "could not be saved" in outcomes[0].saving_note and "not saved" in outcomes[0].saving_note
        assert outcomes[1].saving_note == ""
        holder.execute("ROLLBACK")                 # the lock passes: the next answer is saved, and said so
        question = session.next_question()
        resumed = session.answer(question, question.entry.term)
        assert resumed.saving_note == "Your answers are being saved again." and not session.unsaved
        assert len(store.reviews()) == 1
        holder.execute("BEGIN EXCLUSIVE")
        notices = []
        store.notify = notices.append
        store.mark_seen(index.passages[:1], datetime.now(timezone.utc))
        assert len(notices) == 1 and "in use by another program" in notices[0] and notices[0].endswith("session.")
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
        store.close()


def test_stats_and_reset_together_is_a_usage_error(index_dir):
    """`tutor quiz --stats --reset` went ahead with the reset (a tester's)."""
    code, _, err = run_cli(["quiz", "--stats", "--reset", "--yes"])
    assert code == 2 and "not allowed with" in err


def test_due_now_and_due_today_are_told_apart(index_dir, monkeypatch):
    """--stats said "Due today 6" while the chat's bar said "quiz: 1 due" at the same moment (a
    tester's): one counted what comes due by midnight, the other what is due now."""
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00:00Z")
    run_cli(["quiz", "--mode", "recall", "--count", "3", "--new", "3", "--seed", "1"], "?\n" * 6)
    data = json.loads(run_cli(["quiz", "--stats", "--json"])[1])
    assert 0 <= data["due_now"] <= data["due_today"]
    out = run_cli(["quiz", "--stats"])[1]
    assert "Due now" in out and "Due by the end of today" in out


def test_json_without_stats_says_what_it_goes_with():
    code, out, err = run_cli(["quiz", "--json"])
    assert code == 2 and out == "" and "--json goes with --stats" in err


def test_count_alone_asks_that_many_new_terms(index_dir):
    """"--count 12" asked 5 questions (only 5 terms may be new by default): a count given alone
    is how many the learner wants; "--new" still limits it when given."""
    code, out, _ = run_cli(["quiz", "--mode", "recall", "--count", "7", "--seed", "1"], "?\n" * 20)
    assert code == 0 and "[7/7 · " in out
    code, out, _ = run_cli(["quiz", "--mode", "recall", "--count", "7", "--new", "2", "--seed", "1"], "?\n" * 20)
    assert code == 0 and "[2/2 · " in out and "[3/" not in out


def test_a_long_option_wraps_under_its_own_text_on_a_styled_terminal():
    """At 80 columns an option's second line started at the box's edge, under its letter (a tester's)."""
    import io

    from rich.console import Console

    from tutor.app.repl.quiz import _options

    out = io.StringIO()
    terminal = type("Styled", (), {"rich": True})()
    long = "When hormone levels are sufficient, signals are sent back to the hypothalamus and pituitary."
    Console(file=out, width=40, force_terminal=True, color_system=None).print(_options(terminal, [("a", long), ("b", "x")]))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(" a) When") and len(lines) >= 4
    assert all(line.startswith("    ") for line in lines[1:-1]) and lines[-1].startswith(" b) x")


def test_the_source_command_stands_on_a_line_of_its_own(index_dir):
    """At 80 columns "(read it in the chat: /source" ended one line and its passage id began the
    next (a tester's): the command is a line of its own, whole."""
    import re

    code, out, _ = run_cli(["quiz", "--mode", "recall", "--count", "1", "--seed", "1"], "?\n" * 5)
    assert code == 0
    assert re.search(r"^Read it in the chat: /source [a-z0-9/-]+$", out, re.MULTILINE), out



def test_after_a_hint_the_keys_still_offer_the_next_one(index, store):
    """A tester's: after one hint an invalid key was answered "Type one of b, c, d, ? …", with h
    gone though a second hint takes away another option; after the last one it is not offered."""
    from tutor.app.repl.quiz import _choice_help

    q = session_for(index, store, Clock(), mode=RECOGNITION).next_question()
    assert q.next_hint() is not None and "h for another hint" in _choice_help(q)
    while q.next_hint() is not None:
        pass
    assert not q.hint_left() and "h for another hint" not in _choice_help(q)
