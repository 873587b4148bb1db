"""The glossary: every source term, 25+ more, verbatim definitions, aliases that resolve."""

from __future__ import annotations

import pytest
import yaml

from conftest import CORPUS, SOURCE
from tutor.core.corpus.load import load_corpus
from tutor.core.corpus.glossary import key, names_in
from tutor.core.text import fold, split_sentences, to_display


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


def test_every_source_glossary_term_is_an_entry(corpus):
    names = {key(n) for e in corpus.glossary for n in e.names}
    for term in corpus.source_terms:
        term = "gonadotropins" if term == "these gonadotropins then travel" else term
        assert key(term) in names, term


def test_at_least_25_terms_beyond_the_source_list(corpus):
    assert len(corpus.glossary) >= len(corpus.source_terms) + 25


@pytest.mark.parametrize("term", ["GnRH", "LH", "FSH", "SERM", "aromatase inhibitor", "Leydig cells", "Sertoli cells",
                                  "StAR protein", "GHRH", "ghrelin", "GH secretagogue", "IGF-1", "HPA axis", "cortisol",
                                  "pulsatility", "steroidogenesis", "spermatogenesis", "Gonadorelin", "Tamoxifen", "Clomid",
                                  "Anastrozole", "Sermorelin", "Ipamorelin / CJC-1295", "Tesamorelin", "Hexarelin",
                                  "MK-677", "PT-141", "Pentadeca Arginate"])
def test_key_terms_present(corpus, term):
    assert corpus.glossary.lookup(term, fuzzy=False).term == term


def test_definitions_are_verbatim_spans_of_the_source(corpus):
    """Verbatim up to white space: a definition may run on across a line break of the text."""
    source = fold(to_display(SOURCE.read_text(encoding="utf-8")))
    for entry in corpus.glossary:
        assert fold(entry.definition) in source, entry.term


def test_definitions_come_from_the_named_passage(corpus):
    """The first sentence is in the named passage; any further ones each in a passage (the next)."""
    for entry in corpus.glossary:
        sentences = [entry.definition[a:b] for a, b in split_sentences(entry.definition)]
        assert fold(sentences[0]) in fold(corpus.by_id[entry.passage_id].text), entry.term
        for sentence in sentences[1:]:
            assert any(fold(sentence) in fold(p.text) for p in corpus.passages), (entry.term, sentence)


def test_glossary_file_names_each_passage(corpus):
    raw = yaml.safe_load((CORPUS / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    assert all(r.get("passage") for r in raw), "every entry records the id of its passage"


@pytest.mark.parametrize("alias, term", [
    ("clomiphene citrate", "Clomid"), ("Clomiphene", "Clomid"), ("clomifene", "Clomid"),
    ("TRT", "testosterone replacement therapy"), ("ibutamoren", "MK-677"), ("mk677", "MK-677"),
    ("PDA", "Pentadeca Arginate"), ("bremelanotide", "PT-141"), ("anastrazole", "Anastrozole"),
    ("luteinizing hormone", "LH"), ("hypothalamic-pituitary-gonadal axis", "HPG axis"),
    ("Leydig cell", "Leydig cells"), ("tamoxifin", "Tamoxifen"),
])
def test_aliases_and_small_typos_resolve(corpus, alias, term):
    assert corpus.glossary.lookup(alias).term == term


def test_every_alias_resolves_to_its_own_entry(corpus):
    for entry in corpus.glossary:
        for name in entry.names:
            assert corpus.glossary.lookup(name, fuzzy=False) is entry, name


@pytest.mark.parametrize("text, named", [
    ("The interplay between Leydig and Sertoli cells is crucial.", True),     # a shared head word
    ("Sertoli or Leydig cell function", True),
    ("Leydig steroidogenesis and Sertoli cells", False),                     # Leydig alone is no cell
    ("stimulating Leydig cell steroidogenesis", True),
])
def test_a_name_is_found_where_a_coordination_shares_its_head_word(text, named):
    assert names_in(text, ["Leydig cells", "Leydig cell"], shared_head=True) is named


def test_mentions_find_terms_in_free_text(corpus):
    found = [m.entry.term for m in corpus.glossary.mentions("how does clomiphene compare to tamox for the HPG axis?")]
    assert found == ["Clomid", "Tamoxifen", "HPG axis"]


def test_a_name_inside_a_hyphenated_compound_is_not_named(corpus):
    """"hypothalamic-pituitary-adrenal (HPA) axis" names the HPA axis, not the pituitary gland: "what
    else affects it?" after a sentence on stress was read as asking about the pituitary gland (an
    exploratory tester's). A name at a compound's start still names itself ("SERM-induced")."""
    text = "chronic stress can activate the hypothalamic-pituitary-adrenal (HPA) axis, raising cortisol"
    assert [m.entry.term for m in corpus.glossary.mentions(text, fuzzy=False)] == ["HPA axis", "cortisol"]
    assert "pituitary gland" in [m.entry.term for m in corpus.glossary.mentions("the pituitary-gonadal link")]
    # after a prefix a name names itself (a reviewer's)
    post = corpus.glossary.mentions("what happens post-TRT?", fuzzy=False)
    assert "testosterone replacement therapy" in [m.entry.term for m in post]


@pytest.mark.parametrize("text, expected", [
    ("difference between leydig and sertoli cells", ["Leydig cells", "Sertoli cells"]),
    ("do leydig or sertoli cells need FSH?", ["Leydig cells", "Sertoli cells", "FSH"]),
    ("leydig steroidogenesis and sertoli cells", ["steroidogenesis", "Sertoli cells"]),   # no Leydig cells
])
def test_a_coordination_that_shares_a_head_word_names_both(corpus, text, expected):
    """"leydig and sertoli cells" asks about two subjects; only Sertoli cells was found, so the
    comparison quoted one side (issue 13)."""
    assert [m.entry.term for m in corpus.glossary.mentions(text)] == expected


def test_a_word_the_text_uses_is_never_read_as_a_typo_of_another_term():
    """A tester's: with a teacher's entry for "hypoparathyroidism", `/define hyperparathyroidism`
    showed it and every question about hyperparathyroidism, the opposite condition, was searched
    with its definition. A word the text itself uses is a word of its own; a real typo still finds
    the term."""
    from tutor.core.corpus.glossary import Entry, Glossary, words_of

    entry = Entry("hypoparathyroidism", (), "This complication is called hypoparathyroidism.", "x/p1")
    glossary = Glossary([entry], lambda: words_of(["Primary hyperparathyroidism is a disorder of the parathyroid glands.",
                                                   "This complication is called hypoparathyroidism."]))
    assert glossary.find("hyperparathyroidism") == []
    assert glossary.mentions("what is primary hyperparathyroidism?") == []
    assert glossary.find("hypoparathyroidsm") == [entry]
    assert Glossary([entry]).find("hyperparathyroidism") == [entry]     # the typo rule the text's words overrule


def test_a_word_after_a_prefix_of_a_name_is_not_a_part_of_it():
    """`/define diabetes` showed the entry "prediabetes" by its alias "pre-diabetes", whose second
    word it matched (an exploratory tester's diabetes handout): "pre-" makes another word. A word
    of a name that stands on its own still finds the entry."""
    from tutor.core.corpus.glossary import Entry, Glossary

    prediabetes = Entry("prediabetes", ("pre-diabetes",), "Prediabetes means that blood sugar is higher than normal.", "x/p1")
    retinopathy = Entry("diabetic retinopathy", ("retinopathy",), "Diabetic retinopathy is damage to the eye.", "x/p2")
    glossary = Glossary([prediabetes, retinopathy])
    assert glossary.find("diabetes") == []
    assert glossary.find("pre-diabetes") == [prediabetes] and glossary.find("retinopathy") == [retinopathy]
    assert glossary.find("diabetic") == [retinopathy]


def test_a_teachers_own_glossary_gives_glossary_entries(corpus_copy):
    """A migraine handout's "## Glossary" and an eczema leaflet's "Words we use" were quoted as answers,
    but /define did not find their terms and the quiz had none to drill (two testers'). Each line's
    definition is its passage's own words; a term glossary.yaml already names stays glossary.yaml's."""
    (corpus_copy / "eczema.txt").write_text(
        "Eczema in Children\n\nWhat is eczema?\n\nEczema makes the skin dry and itchy.\n\nWords we use\n\n"
        "Atopic: a tendency to develop allergic conditions such as eczema.\n"
        "Wet wraps: damp and dry bandages put on over emollient.\n"
        "GnRH: a word the bundled glossary already defines.\n"
        "Note: take it with food.\n\nDefinitions of a complex seizure\n\nA complex seizure: one lasting longer.\n",
        encoding="utf-8")
    (corpus_copy / "migraine.md").write_text(
        "# Migraine\n\nAn aura is a set of warning symptoms before a headache.\n\n## Glossary\n\n"
        "- **Aura:** a set of warning symptoms that come before the headache.\n", encoding="utf-8")
    glossary = load_corpus(corpus_copy).glossary
    atopic, wraps, aura = (glossary.lookup(t) for t in ("atopic", "wet wraps", "aura"))
    assert atopic.definition == "a tendency to develop allergic conditions such as eczema." and atopic.passage_id.startswith("eczema-in-children/words-we-use/")
    assert wraps.term == "Wet wraps" and aura.definition == "a set of warning symptoms that come before the headache."
    assert "bundled" not in glossary.lookup("GnRH").definition
    # a label is no term, and a heading that only begins like a glossary's heads prose (a reviewer's)
    assert glossary.lookup("note", fuzzy=False) is None and glossary.lookup("a complex seizure", fuzzy=False) is None
