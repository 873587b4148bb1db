"""The severity model (tutor/core/safety/severity.py): a classifier's emergency that reads as an
everyday complaint is taught or refused as one, with the emergency numbers; real emergencies keep
the emergency message. The messages here were written for these tests and are in no example file."""

import numpy as np
import pytest

from tutor.core.safety import severity
from tutor.core.safety.guard import EMERGENCY_FLOOR
from tutor.core.safety.messages import CALL_NOW, EMERGENCY, IF_THIS_IS_AN_EMERGENCY

EVERYDAY = ["my ankles are so itchy after the gym", "my knee is swollen after football yesterday",
            "got a stye on my eyelid", "my husband coughs every morning", "my neck clicks when i turn my head"]
URGENT = ["my son fell off his bike, hit his head and keeps being sick and wants to sleep",
          "my dad is sweating buckets and says his chest feels like an elephant is sitting on it",
          "why has my dad been so sleepy for 2 days and we can barely wake him"]


def _classifier_emergency(tutor, text: str) -> float:
    """The intent classifier's own share for an emergency: the premise of every case here."""
    return tutor.guard.model.predict(text, tutor.guard.encode([text])[0]).probabilities["emergency"]


@pytest.mark.parametrize("text", EVERYDAY)
def test_an_everyday_complaint_the_classifier_takes_for_an_emergency_is_not_given_the_emergency_message(tutor, text):
    """95 of 160 everyday complaints by a writer who saw no code got the emergency message, as the
    classifier learnt emergencies from tellings and plain questions from asking (stop 68)."""
    assert _classifier_emergency(tutor, text) >= EMERGENCY_FLOOR
    answer = tutor.answer(text)
    assert answer.reason != "emergency" and answer.message != EMERGENCY
    # ... and the reply still says where to turn, in case the severity model is the one that is wrong
    assert IF_THIS_IS_AN_EMERGENCY in f"{answer.message} {answer.note}"


def test_an_everyday_complaint_is_not_refused_as_a_dose_request(tutor):
    """A telling the classifier took for an emergency asks for no dose: "first thing in the morning"
    read as a schedule made "really stiff back first thing in the morning" one."""
    text = "stiff fingers first thing in the morning"
    assert _classifier_emergency(tutor, text) >= EMERGENCY_FLOOR
    assert tutor.answer(text).reason not in ("dosing", "misuse", "emergency")


@pytest.mark.parametrize("text", URGENT)
def test_an_emergency_the_classifier_alone_finds_keeps_the_emergency_message(tutor, text):
    assert tutor.guard.classify(text).rule == "classifier"
    answer = tutor.answer(text)
    assert answer.reason == "emergency" and CALL_NOW in answer.message


def test_someone_killing_me_is_named_a_pain_killing_me_is_weighed():
    """"he's going to kill me" is an emergency by the rules; a back "killing me" is left to the
    classifier and the severity model (8 of 8 such tellings by three writers were everyday)."""
    from tutor.core.safety.guard import _EMERGENCY_PHRASES

    for named in ("he keeps saying he's going to kill me", "shes killing me", "i want to kill myself", "kill me now"):
        assert _EMERGENCY_PHRASES.search(named), named
    for weighed in ("my back is killing me after gardening", "this toothache is killing me"):
        assert not _EMERGENCY_PHRASES.search(weighed), weighed


def test_the_shipped_severity_weights_are_fitted_on_the_examples_as_they_are():
    """severity.yaml, intents.yaml and the weights move together (python -m tutor.core.safety.refresh)."""
    texts, labels, writers = severity.examples()
    assert sum(labels) and len(labels) - sum(labels) and len(set(writers)) >= 4
    model = severity.Severity.shipped()
    from tutor.core.search.embed import query_encoder

    # the examples it was fitted on are told apart as labelled, nearly all of them
    sample = list(range(0, len(texts), 7))
    p = severity.urgent_probability(model.weights, [texts[i] for i in sample],
                                    query_encoder().encode([texts[i] for i in sample]))
    agree = np.mean([(q >= 0.5) == bool(labels[i]) for q, i in zip(p, sample)])
    assert agree > 0.9


def test_stale_severity_weights_are_refused_not_used(monkeypatch, tmp_path):
    """Weights fitted on other examples would judge by what the files no longer say."""
    data = tmp_path / "severity.yaml"
    data.write_text(severity.DATA.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    monkeypatch.setattr(severity, "DATA", data)
    with pytest.raises(ValueError, match="out of date"):
        severity.Severity.shipped()
