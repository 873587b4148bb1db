"""Glossary definitions that define, and a lookup that forgives: what `/define` shows comes from
`Glossary.find`, tested here through the index's glossary (the one the chat uses)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from tutor.core.text import STOPWORDS, fold, split_sentences

# What each definition must say, reviewed by hand: a new term needs a row here.
DEFINING = {
    "body composition": ["sex hormones influence"],
    "endocrine system": ["collection of glands", "release hormones"],
    "endogenous hormone production": ["ability to synthesize its own hormones"],
    "feedback loops": ["self-regulating", "healthy range"],
    "gonadotropins": ["pituitary gland to release", "travel to the gonads"],
    "hormone levels": ["blood work"],
    "HPG axis": ["hypothalamus", "pituitary", "gonads"],
    "negative feedback": ["signals are sent back", "reducing the release"],
    "clinical protocols": ["goal", "self-regulation"],
    "exogenous hormone": ["introduced from outside the body"],
    "testosterone replacement therapy": ["suppressed", "negative feedback"],
    "growth hormone": ["glucose and fat metabolism"],
    "peptide therapy": ["receptors and pathways"],
    "hormone production": ["orchestrator"],
    "GnRH": ["hypothalamus", "releases"],
    "LH": ["pituitary gland to release luteinizing hormone"],
    "FSH": ["sertoli cell function"],
    "SERM": ["binding to estrogen receptors"],
    "aromatase inhibitor": ["reduces the conversion of testosterone into estrogen"],
    "Leydig cells": ["responsible for testosterone creation"],
    "Sertoli cells": ["support spermatogenesis"],
    "StAR protein": ["transport of cholesterol"],
    "GHRH": ["growth hormone-releasing"],
    "ghrelin": ["mimicking or enhancing"],
    "GH secretagogue": ["stimulate the body's own production of growth hormone"],
    "IGF-1": ["insulin-like growth factor"],
    "HPA axis": ["chronic stress", "cortisol"],
    "cortisol": ["elevated cortisol"],
    "pulsatility": ["natural secretion patterns"],
    "steroidogenesis": ["cholesterol", "produce testosterone"],
    "spermatogenesis": ["sperm production"],
    "Gonadorelin": ["synthetic analog of gnrh", "release lh and fsh"],
    "Tamoxifen": ["blocks estrogen"],
    "Clomid": ["competes with estrogen for binding sites"],
    "Anastrozole": ["aromatase inhibitor", "conversion of testosterone into estrogen"],
    "Sermorelin": ["mimics ghrh", "gh release"],
    "Ipamorelin / CJC-1295": ["gh secretagogue", "ghrh analog"],
    "Tesamorelin": ["ghrh analog", "abdominal fat"],
    "Hexarelin": ["gh secretagogue", "cardioprotective"],
    "MK-677": ["gh secretagogue", "mimics ghrelin"],
    "PT-141": ["melanocortin receptors"],
    "Pentadeca Arginate": ["tissue repair"],
    "pituitary gland": ["release luteinizing hormone"],
    "hypothalamus": ["region in the brain", "releases gonadotropin-releasing hormone"],
    "gonads": ["the testes in men and ovaries in women", "produce sex hormones"],
    "supraphysiological": ["desensitization or downregulation"],
    "Testosterone Cypionate": ["symptoms of low testosterone"],
    "progesterone": ["female cycle"],
    "pellet therapy": ["sustained release"],
    "gonadotrophs": ["prompting lh and fsh release"],
    # what the text says the sex hormones are: made by the gonads, in men and in women alike (the
    # women's item, "For women, testosterone is a vital hormone", sent men to the women's section)
    "estrogen": ["the testes in men and ovaries in women", "sex hormones"],
    "testosterone": ["the testes in men and ovaries in women", "sex hormones"],
    "self-regulation": ["maintaining a delicate balance"],
    "recalibration": ["transition from exogenous hormone support"],
    "paracrine factors": ["interplay between leydig and sertoli cells"],
}
# Words that only place a term in a class ("Clomid is also a SERM"): they do not say what it does.
CLASS_WORDS = {"also", "similar", "like", "type", "kind", "form", "class", "analog", "analogue", "example"}


@pytest.fixture(scope="module")
def glossary(index):
    return index.glossary


def left_when_terms_are_removed(definition: str, glossary) -> list[str]:
    """The content words of a definition once every glossary term in it is taken out."""
    text = " ".join(definition.split())
    for m in sorted(glossary.mentions(text, fuzzy=False), key=lambda m: -m.start):
        text = text[:m.start] + " " + text[m.end:]
    return [w for w in re.findall(r"[a-z]+", fold(text))
            if len(w) > 2 and w not in STOPWORDS and w not in CLASS_WORDS]


def is_circular(definition: str, glossary) -> bool:
    """"X is a Y" with Y another term and nothing about what it does."""
    return len(left_when_terms_are_removed(definition, glossary)) < 2


def test_every_term_has_reviewed_defining_words(glossary):
    assert sorted(e.term for e in glossary) == sorted(DEFINING)


@pytest.mark.parametrize("term", sorted(DEFINING))
def test_each_definition_says_what_the_term_is(glossary, term):
    definition = fold(glossary.lookup(term, fuzzy=False).definition)
    for word in DEFINING[term]:
        assert fold(word) in definition, (term, word)
    assert not is_circular(definition, glossary), term


def test_the_circularity_check_catches_a_class_name_alone(glossary):
    assert is_circular("Similar to Tamoxifen, Clomid is also a SERM.", glossary)
    assert is_circular("Ipamorelin is a GH secretagogue; CJC-1295 is a GHRH analog.", glossary)
    assert not is_circular("Oral GH secretagogue, mimics ghrelin, stimulating release.", glossary)


def test_definitions_are_short(glossary):
    """Up to two sentences (a second when the first only names the class); the HPG axis is the
    chain the text walks through: its name, then hypothalamus, pituitary and gonads."""
    for entry in glossary:
        limit = 4 if entry.term == "HPG axis" else 2
        assert len(split_sentences(entry.definition)) <= limit, entry.term


def test_define_anastrozole_says_aromatase_inhibitor_from_its_own_item(glossary):
    [entry] = glossary.find("Anastrozole")
    assert entry.definition.startswith("This aromatase inhibitor reduces the conversion of testosterone into estrogen.")
    assert entry.passage_id.endswith("/anastrozole")


def test_define_clomid_says_how_it_acts_on_estrogens_signal(glossary):
    [entry] = glossary.find("clomid")
    assert "It competes with estrogen for binding sites in the hypothalamus and pituitary" in entry.definition
    assert "perceiving lower estrogen levels" in entry.definition
    assert glossary.find("clomiphene") == [entry]


def test_define_hpg_axis_walks_hypothalamus_pituitary_gonads(glossary):
    for name in ("HPG axis", "HPG", "hpg"):
        [entry] = glossary.find(name)
        assert entry.term == "HPG axis"
    text = fold(entry.definition)
    steps = [text.index(fold(step)) for step in
             ("hypothalamic-pituitary-gonadal (HPG) axis", "The hypothalamus", "releases gonadotropin-releasing hormone",
              "signals the pituitary gland to release", "travel to the gonads")]
    assert steps == sorted(steps)


@pytest.mark.parametrize("typed, term", [
    ("leydig", "Leydig cells"), ("Leydig", "Leydig cells"), ("sertoli", "Sertoli cells"), ("HPG", "HPG axis"),
    ("clomi", "Clomid"), ("gonadorel", "Gonadorelin"), ("SERMs", "SERM"), ("Sertoli cell", "Sertoli cells"),
    ("gonadotropin", "gonadotropins"), ("secretagogues", "GH secretagogue"), ("sertolli", "Sertoli cells"),
    ("leidig", "Leydig cells"), ("tamoxifin", "Tamoxifen"), ("clomiphene citrate", "Clomid"), ("TRT", "testosterone replacement therapy"),
    ("mk677", "MK-677"), ("pituitary", "pituitary gland"),
])
def test_find_forgives_parts_plurals_and_typos(glossary, typed, term):
    assert [e.term for e in glossary.find(typed)] == [term]
    assert glossary.lookup(typed).term == term


@pytest.mark.parametrize("typed, terms", [
    ("axis", {"HPG axis", "HPA axis"}), ("cells", {"Leydig cells", "Sertoli cells"}),
    ("feedback", {"feedback loops", "negative feedback"}),
    ("gonado", {"gonadotropins", "gonadotrophs", "Gonadorelin", "GnRH"}),
])
def test_find_lists_every_entry_a_part_fits(glossary, typed, terms):
    found = glossary.find(typed)
    assert {e.term for e in found} == terms and len(found) == len(terms)
    assert glossary.lookup(typed) is None           # ambiguous: lookup does not guess


@pytest.mark.parametrize("typed", ["banana", "", "   ", "x", "zz", "enclomiphene"])    # a drug of its own, no typo
def test_find_returns_nothing_when_nothing_fits(glossary, typed):
    assert glossary.find(typed) == [] and glossary.lookup(typed) is None


def test_exact_names_win_over_longer_names_that_start_the_same(glossary):
    assert [e.term for e in glossary.find("testosterone")] == ["testosterone"]
    assert [e.term for e in glossary.find("growth hormone")] == ["growth hormone"]
    assert [e.term for e in glossary.find("LH")] == ["LH"]
    assert glossary.find("growth horm")[0].term == "growth hormone"      # the closest of several first


def test_definitions_start_where_a_sentence_starts(glossary):
    """The quiz asks a definition as it stands: "leading to elevated _____ levels, which …" read as
    a fragment (a tester's). Only a definition whose whole sentence names a dose starts later."""
    from tutor.core.safety import find_dose_details

    text = (ROOT / "corpus" / "endogenous-hormone-production.txt").read_text(encoding="utf-8")
    for entry in glossary:
        if entry.definition[:1].isupper():
            continue
        at = text.index(entry.definition)
        sentence = text[text.rfind("\n", 0, at) + 1:at + len(entry.definition)]
        assert find_dose_details(sentence), (entry.term, entry.definition)
