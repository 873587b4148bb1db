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
    ("Leave 4 hours between them.", ["4"]),
    ("Have one after breakfast and one at bedtime.", ["one"]),
    ("Take one at 8am, one at 2pm and one at 8pm.", ["one", "8am", "2pm", "8pm"]),
    ("Keep going for the full 10 days, even if you feel better.", ["10"]),
]
# Numbers that are no dose, in sentences beside a medicine or a treatment: the first was hidden by the clause rules
# (a time after an injection), which the reading now overrules
NO_DOSES = [
    ("Bruising around the injection site can last for up to 10 days.", ["10 days"]),
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


def test_a_course_is_hidden_however_plainly_it_reads():
    """"A course of … usually lasts 16 to 24 weeks" reads as no dose's (0.03); a word of a course keeps the clause rules."""
    assert "16" not in redact("A course of isotretinoin usually lasts 16 to 24 weeks.")
    assert "5" not in redact("Keep taking them for 5 days.")


def test_reading_is_by_meaning_not_by_the_number():
    """The same instruction with another number reads alike; the same number in a statement does not."""
    reader_says = dose_reading.readings(["Leave 4 hours between them.", "Leave 6 hours between them.",
                                         "The pain can last 4 hours between attacks."])
    assert reader_says[0] >= dose_reading.DOSE_FROM and reader_says[1] >= dose_reading.DOSE_FROM
    assert reader_says[2] < dose_reading.DOSE_FROM


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
