"""The redaction's reading of dose sentences by meaning (tutor/core/safety/dose_reading.py), with the
shipped model and the real encoder.

The sentences below are none of the examples the model was fitted on (a test checks that), so
they say something of wording it has not seen; the blind writers' sealed sentences say more
(benchmarks/redaction_check.py, eval/sealed/redaction*.yaml).
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from tutor.core.safety import dose_reading, redact

# Instructions whose words the patterns do not tie to a medicine: each showed whole, or in part, before the reading
READ_AS_DOSES = [
    ("Wait 4 hours.", ["4"]),
    ("Chew two, then another two after an hour if needed.", ["two"]),
    ("Have one with your evening meal and one at bedtime.", ["one"]),
    ("Take one at 8am, one at 2pm and one at 8pm.", ["one", "8am", "2pm", "8pm"]),
]
# Numbers that are no dose, in sentences beside a medicine or its taking (the patterns alone keep them too: these guard
# against a reading that sweeps them)
NO_DOSES = [
    ("Symptoms usually last 7 to 10 days.", ["7 to 10 days"]),
    ("About 1 in 5 people who take it get a headache.", ["1 in 5"]),
    ("Most people recover within 2 weeks.", ["2 weeks"]),
]


def test_the_sentences_here_are_not_among_the_examples():
    texts, _, _ = dose_reading.examples()
    known = {" ".join(t.lower().split()) for t in texts}
    for sentence, _ in READ_AS_DOSES + NO_DOSES:
        assert " ".join(sentence.lower().split()) not in known, sentence


def test_the_shipped_reading_is_fitted_on_the_examples_as_they_are():
    """Weights fitted on other examples are refused (python -m tutor.core.safety.refresh --doses refits them)."""
    reader = dose_reading.DoseReader.shipped()
    texts, labels, writers = dose_reading.examples()
    assert len(reader.example_labels) == len(texts) == len(labels) and list(reader.example_labels) == labels
    assert len(set(writers)) >= 4 and 0.3 < np.mean(labels) < 0.7


@pytest.mark.parametrize("sentence, hidden", READ_AS_DOSES)
def test_an_instruction_the_patterns_do_not_know_is_read_as_a_dose(sentence, hidden):
    shown = redact(sentence)
    assert "[dose details omitted]" in shown and not any(f" {h} " in f" {shown} " for h in hidden), shown


@pytest.mark.parametrize("sentence, kept", NO_DOSES)
def test_numbers_that_are_no_dose_stay(sentence, kept):
    shown = redact(sentence)
    assert all(k in shown for k in kept), shown


@pytest.mark.parametrize("sentence, hidden, kept", [
    # a count after "only" or "another" is a dose's (a reviewer's: an early version read them as pronouns)
    ("Apply 1 patch every 72 hours; wear only one at a time.", ["one at a time"], []),
    ("Take another one after 4 hours.", ["one", "4"], []),
    # the pronoun and "when" stay, and a hyphenated "one" is no count (the same reviewer's)
    ("No-one should take more than 8 tablets in 24 hours.", ["8"], ["No-one"]),
    ("Once diagnosed, take 2 tablets daily.", ["2"], ["Once diagnosed"]),
    ("Take all 4 tablets at once.", ["4", "once"], []),
    ("Give 5 ml twice a day if your child is under one year old.", ["5"], ["under one year old"]),
    ("Spray once into each ear twice a day.", ["once into"], []),
])
def test_counts_in_a_dose_sentence(sentence, hidden, kept):
    shown = redact(sentence)
    assert not any(h in shown for h in hidden) and all(k in shown for k in kept), shown


@pytest.mark.parametrize("sentence", [
    "Repeat each exercise 10 times.", "Hold the stretch for 20 seconds, then relax.",
    "Take 2 slow deep breaths before you stand up.", "Use 2 pillows at night to keep your head raised.",
    "Do 10 squeezes, then rest for 10 seconds.",
    "Massage the scar for 5 minutes.",      # reads 0.61: a floor of 0.5 would hide its number
])
def test_an_instruction_about_no_medicine_keeps_its_numbers(sentence):
    """The reading is asked of these (they instruct) and finds no dose in them."""
    assert redact(sentence) == sentence


def test_each_clause_is_read():
    """"Wait 4 hours; keep them out of the reach of children" read 0.13 whole, its first clause 0.94 (a reviewer's)."""
    assert "4" not in redact("Wait 4 hours; keep them out of the reach of children.")
    assert "4" not in redact("Wait 4 hours between them, and rinse your mouth afterwards.")


def test_a_statement_is_not_read():
    """Read by meaning, these looked like doses (0.76 to 0.85); a statement is not asked, and they stay whole."""
    for sentence in ("More than 40 medicines contain paracetamol.", "It took 3 moments.",
                     "Testosterone: Action, Deficiency, Substitution, 4th ed."):
        assert redact(sentence) == sentence


# In a passage that speaks of no medicine (redact's `within`), what the patterns hid is shown where every clause reads
# as giving no dose (stop 76): instructions about no medicine, with a number or schedule the patterns hide
NO_MEDICINE_PASSAGES = [
    ("Exercises after a knee operation", "Do 2 sets of 15 heel raises against the wall, three times a day."),
    ("Eating well", "Aim for 5 portions of fruit and vegetables every day."),
    ("Sprains", "Put a bag of frozen peas wrapped in a towel on the ankle for 15 minutes, every 2 hours."),
]
# ... and what stays hidden there: a dose with no medicine named, read as one; a table's row, which may read as none;
# a clause of a dose in a sentence that reads as none whole; and a section that speaks of a medicine by a word no name
# list holds (each of the last four shown in full by the stop's first version; a reviewer's)
DOSES_IN_PASSAGES = [
    ("Pain", "Take 2 every 4 hours, no more than 8 in 24 hours.", ["2", "4", "8"]),
    ("Fever", "Give 5ml every 4 to 6 hours if needed.", ["5ml", "4 to 6"]),
    ("Skin care", "Use it twice a day for 2 weeks.", ["twice", "2 weeks"]),
    ("How many and how often", "Grown-ups and teenagers: 2 every 6 hours.", ["2", "6 hours"]),
    ("Colds", "Rest, drink plenty of fluids and keep warm; adults usually have 2 every 4 hours.", ["2", "4 hours"]),
    ("What to do", "Adults get 500 micrograms of adrenaline into the thigh muscle.", ["500"]),
    ("Tummy bugs", "Oral rehydration solution helps. Adults should drink 200 to 400ml after every runny poo.", ["200"]),
    ("Eye care", "Put 1 drop in each eye every night.", ["1 drop", "every night"]),
    ("Iron", "Iron tablets work best on an empty stomach. Avoid tea or coffee for 2 hours either side.", ["2 hours"]),
    ("Iron", "Avoid tea or coffee for 2 hours either side.", ["2 hours"]),
    # a second reviewer's: a dose after everyday advice, read with or without "and"; a medicine by a name no stem
    # tells, by what it is not named ("the white ones"), or by no word at all
    ("Flu", "Rest at home, drink plenty of water, eat light meals, and 2 every 4 to 6 hours for the aches.", ["2 every"]),
    ("Flu", "Get plenty of sleep and drink lots of water; for aches 2 every 4 hours.", ["2 every"]),
    ("Constipation", "Eat more fibre, drink more, and 2 senna at bedtime.", ["at bedtime"]),
    ("Sleep", "Your mum may have 2 of the white ones before bed.", ["before bed"]),
    ("Asthma attack", "Sit upright, breathe slowly and stay calm, one every minute up to 10.", ["every minute"]),
    ("Getting better", "You'll need it for 3 months.", ["3 months"]),
    # a third reviewer's: what a dose did, told as a finding, is no instruction and stays as the patterns leave it
    ("Sleep", "Children who had 5 ml at bedtime slept better in the study.", ["5 ml"]),
    ("Hay fever", "It takes about a week of putting 2 squirts up each side of the nose every morning before the "
                  "sneezing settles.", ["2 squirts", "every morning"]),
    # a fourth reviewer's: an amount of a cream in everyday words
    ("Sore knees", "Rub a pea-sized blob into the knee three times a day.", ["three times"]),
    ("Sore knees", "Apply a small dab to the ulcer after meals and at bedtime.", ["at bedtime"]),
]


@pytest.mark.parametrize("heading, passage", NO_MEDICINE_PASSAGES)
def test_an_instruction_in_a_passage_about_no_medicine_is_shown(heading, passage):
    """A third of the numbers of a blind writer's instructions about no medicine were hidden by the patterns alone."""
    assert "[dose details omitted]" in redact(passage), "this passage guards nothing: the patterns alone show it"
    assert redact(passage, f"{heading}\n{passage}") == passage


@pytest.mark.parametrize("heading, passage, hidden", DOSES_IN_PASSAGES)
def test_a_dose_in_a_passage_stays_hidden(heading, passage, hidden):
    shown = redact(passage, f"{heading}\n{passage}")
    assert not any(h in shown for h in hidden), shown


def test_a_passage_naming_a_medicine_shows_no_more_than_its_sentences_alone():
    """The medicine may be a sentence or a passage away from the number timed by it: the section is read whole."""
    section = "Iron supplements\nTake them with orange juice.\nAvoid tea or coffee for 2 hours either side."
    assert redact("Avoid tea or coffee for 2 hours either side.", section) == \
        redact("Avoid tea or coffee for 2 hours either side.")


def test_a_section_in_other_characters_or_none_shows_nothing_more():
    """A section is read as the text is (full-width letters are a medicine's name too); an empty one says nothing of
    where the text is from, and the patterns alone decide (a reviewer's)."""
    sentence = "Grown-ups: 2 every 6 hours if it hurts."
    for within in ("Ｐａｒａｃｅｔａｍｏｌ ｔａｂｌｅｔｓ\n" + sentence, ""):
        assert redact(sentence, within) == redact(sentence)
    heading, passage = NO_MEDICINE_PASSAGES[0]
    assert redact(passage, "") == redact(passage) != passage


def test_nothing_is_shown_when_the_reading_cannot_be_read(monkeypatch):
    """A missing or damaged model (dose_reading._reader gives None) leaves the patterns alone to decide: nothing is
    shown that they hid, where it would otherwise read as no dose."""
    heading, passage = NO_MEDICINE_PASSAGES[0]
    monkeypatch.setattr(dose_reading, "_reader", lambda: None)
    redact.cache_clear()
    try:
        assert redact(passage, f"{heading}\n{passage}") == redact(passage)
    finally:
        redact.cache_clear()


def test_the_sentences_of_passages_here_are_not_among_the_examples():
    texts, _, _ = dose_reading.examples()
    known = {" ".join(t.lower().split()) for t in texts}
    for passage in [p for _, p in NO_MEDICINE_PASSAGES] + [p for _, p, _ in DOSES_IN_PASSAGES]:
        assert " ".join(passage.lower().split()) not in known, passage


def _copies(tmp_path):
    """The shipped model's files and examples, copied where a test may damage them."""
    weights = tmp_path / dose_reading.WEIGHTS.name
    shutil.copy(dose_reading.WEIGHTS, weights)
    shutil.copy(dose_reading.WEIGHTS.with_suffix(".json"), weights.with_suffix(".json"))
    vectors = tmp_path / dose_reading.VECTORS.name
    shutil.copy(dose_reading.VECTORS, vectors)
    examples = tmp_path / "dose-examples"
    shutil.copytree(dose_reading.EXAMPLES_DIR, examples)
    return weights, vectors, examples


def test_a_copy_of_the_shipped_files_reads(tmp_path):
    assert len(dose_reading.DoseReader.shipped(*_copies(tmp_path)).example_labels) > 500


def test_a_changed_example_makes_the_weights_stale(tmp_path):
    weights, vectors, examples = _copies(tmp_path)
    first = sorted(examples.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n  - text: \"Take 2 tablets.\"\n    hide: [\"2 tablets\"]\n",
                     encoding="utf-8")
    with pytest.raises(ValueError, match="out of date"):
        dose_reading.DoseReader.shipped(weights, vectors, examples)


@pytest.mark.parametrize("damage", ["empty", "cut", "wrong shape"])
def test_damaged_files_are_refused_with_a_sentence(tmp_path, damage):
    weights, vectors, examples = _copies(tmp_path)
    if damage == "empty":
        vectors.write_bytes(b"")
    elif damage == "cut":
        weights.write_bytes(weights.read_bytes()[:100])
    else:
        np.save(weights, np.zeros((10, 2), np.float32))
    with pytest.raises(ValueError):
        dose_reading.DoseReader.shipped(weights, vectors, examples)
