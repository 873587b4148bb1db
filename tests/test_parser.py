"""The parser finds every tier, section, bullet, table row and reference, with exact offsets."""

from __future__ import annotations


import pytest

from conftest import SOURCE
from tutor.core.corpus.parse import parse_file, parse_markdown, parse_text
from tutor.core.text import to_display


@pytest.fixture(scope="module")
def doc():
    return parse_file(SOURCE)


@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE.read_text(encoding="utf-8")


def sections(doc):
    return list(dict.fromkeys((p.tier, p.section) for p in doc.passages))


def test_every_tier_in_order(doc):
    tiers = list(dict.fromkeys(p.tier for p in doc.passages))
    assert tiers == ["Fundamentals", "Intermediate", "Academic", "References", "Reflection"]


def test_every_section_heading(doc):
    names = [s for _, s in sections(doc)]
    assert names == [
        "Introduction", "Understanding Endogenous Hormone Production", "The Impact of Exogenous Hormones",
        "Introduction", "Testosterone Recalibration Protocols for Men", "Hormonal Balance Protocols for Women",
        "Growth Hormone Peptide Therapy", "Other Targeted Peptides for Wellness",
        "Introduction", "Neuroendocrine Axis Recalibration", "Cellular Mechanisms of Gonadal Reactivation",
        "Metabolic and Systemic Interconnections", "References", "Reflection",
    ]


def test_every_bullet_item_is_its_own_passage(doc):
    bullets = {p.title: p.id for p in doc.passages if p.kind == "bullet"}
    assert list(bullets) == ["Gonadorelin", "Tamoxifen", "Clomid (Clomiphene Citrate)", "Anastrozole",
                             "Testosterone Cypionate", "Progesterone", "Pellet Therapy",
                             "PT-141 (Bremelanotide)", "Pentadeca Arginate (PDA)"]
    assert bullets["Tamoxifen"] == "intermediate/testosterone-recalibration-protocols-for-men/tamoxifen"


def test_table_rows_carry_their_headers(doc):
    rows = [p for p in doc.passages if p.kind == "table_row"]
    assert [p.title for p in rows] == ["Sermorelin", "Ipamorelin / CJC-1295", "Tesamorelin", "Hexarelin",
                                       "MK-677 (Ibutamoren)", "Metabolic Function", "Bone Density",
                                       "Neurotransmitter Balance", "Inflammation"]
    assert rows[0].text.startswith("Peptide Name: Sermorelin. Mechanism of Action: Mimics GHRH")
    assert "Primary Benefits: Improved sleep quality" in rows[0].text
    assert rows[-1].text.startswith("System Affected: Inflammation. Physiological Interconnection:")
    assert "Clinical Consideration:" in rows[-1].text


def test_references_one_passage_each(doc):
    refs = [p for p in doc.passages if p.kind == "reference"]
    assert [p.id for p in refs] == [
        "references/khera-2017", "references/miller-2011", "references/viau-1998", "references/handelsman-2012",
        "references/grinspoon-2014", "references/veldhuis-2000", "references/stanczyk-2011", "references/spratt-2008"]


def test_glossary_list_is_read_not_indexed(doc):
    assert doc.glossary_terms[0] == "body composition"
    assert "these gonadotropins then travel" in doc.glossary_terms
    assert len(doc.glossary_terms) == 14
    assert all(p.tier != "Glossary" for p in doc.passages)


def test_every_segment_maps_to_source_offsets(doc, source):
    for p in doc.passages:
        for seg in p.segments:
            assert p.text[seg.at:seg.at + seg.length] == to_display(source[seg.start:seg.start + seg.length]), p.id


def test_prose_and_bullets_are_one_contiguous_span(doc, source):
    for p in doc.passages:
        if p.kind != "table_row":
            assert len(p.segments) == 1
            assert p.text == to_display(source[p.start:p.end])


def test_author_dash_shown_as_em_dash_keeping_offsets(doc, source):
    gonadorelin = next(p for p in doc.passages if p.title == "Gonadorelin")
    assert "∞" in source[gonadorelin.start:gonadorelin.end]
    assert "∞" not in gonadorelin.text and gonadorelin.text.startswith("Gonadorelin — This synthetic")
    assert len(gonadorelin.text) == gonadorelin.end - gonadorelin.start


def test_ids_unique_and_readable(doc):
    ids = [p.id for p in doc.passages]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)


def test_prose_chunks_stay_short(doc):
    for p in doc.passages:
        if p.kind == "prose" and len(p.sentences) > 1:
            assert len(p.text) <= 300, p.id


def test_markdown_headings_give_structure():
    text = "# Extra Notes\n\n## Sleep and Hormones\n\nSleep matters. It really does.\n\n### Melatonin\n\nA hormone of the night.\n\n- Zinc — A mineral.\n"
    doc = parse_markdown(text, "notes.md", "Notes")
    assert [(p.tier, p.section, p.title, p.kind) for p in doc.passages] == [
        ("Extra Notes", "Sleep and Hormones", "", "prose"),
        ("Extra Notes", "Sleep and Hormones", "Melatonin", "prose"),
        ("Extra Notes", "Sleep and Hormones", "Zinc", "bullet")]
    assert doc.passages[2].id == "extra-notes/sleep-and-hormones/zinc"


def test_plain_text_without_tiers_uses_file_title():
    doc = parse_text("Some Heading\nA first paragraph about things.\n", "my-notes.txt", "My Notes")
    assert doc.passages[0].tier == "My Notes" and doc.passages[0].section == "Some Heading"


def test_a_plain_text_files_title_line_is_its_title_not_a_passage():
    """A tester's migraine.txt opened "Migraine" alone on its line, and it was quoted as an answer
    sentence; like "# Migraine" in Markdown it names the document."""
    text = "Migraine\n\nMigraine is a neurological condition.\n\nCommon triggers include lack of sleep.\n"
    doc = parse_text(text, "headaches.txt", "Headaches")
    assert [p.text for p in doc.passages] == ["Migraine is a neurological condition.",
                                              "Common triggers include lack of sleep."]
    assert {p.tier for p in doc.passages} == {"Migraine"}
    one = parse_text("Migraine is common.\n\nIt often starts in the teens.\n", "m.txt", "M")
    assert [p.text for p in one.passages] == ["Migraine is common.", "It often starts in the teens."]
    # a sentence without its full stop, or a generic heading, is no title (a reviewer's)
    assert [p.text for p in parse_text("Gout is painful\n\nIt hurts.\n", "g.txt", "G").passages][0] == "Gout is painful"
    assert {p.tier for p in parse_text("Overview\n\nSome text.\n", "g.txt", "G").passages} == {"G"}


def test_extra_corpus_files_are_loaded(corpus_copy):
    from tutor.core.corpus.load import load_corpus

    (corpus_copy / "extra.md").write_text("# Extras\n\n## Vitamin D\n\nVitamin D is made in the skin.\n")
    corpus = load_corpus(corpus_copy)
    assert "extras/vitamin-d/p1" in corpus.by_id
    assert corpus.by_id["extras/vitamin-d/p1"].source == "extra.md"


def test_a_file_nobody_wrote_learner_questions_for_is_cut_into_paragraphs(corpus_copy):
    from tutor.core.corpus.load import load_corpus
    from tutor.core.corpus.parse import MAX_CHUNK_CHARS, parse_file

    paragraph = " ".join(f"Sentence {i} says one more thing about vitamin D and the skin." for i in range(8))
    (corpus_copy / "extra.md").write_text(f"# Extras\n\n## Vitamin D\n\n{paragraph}\n")
    corpus = load_corpus(corpus_copy)
    extra = [p for p in corpus.passages if p.source == "extra.md"]
    assert len(paragraph) > MAX_CHUNK_CHARS and [p.text for p in extra] == [paragraph]      # one passage
    bundled = [p for p in corpus.passages if p.source != "extra.md"]                       # its questions' chunks
    assert [p.id for p in bundled] == [p.id for p in parse_file(corpus_copy / "endogenous-hormone-production.txt").passages]


def test_questions_written_for_a_teachers_paragraphs_keep_its_ids(corpus_copy):
    """A teacher writes questions for the ids `tutor topics` showed: the file stays cut into
    paragraphs, although one of those ids ("extras/vitamin-d/p2") is also a chunk's id."""
    from tutor.core.corpus.load import load_corpus

    paragraph = " ".join(f"Sentence {i} says one more thing about vitamin D and the skin." for i in range(8))
    (corpus_copy / "extra.md").write_text(f"# Extras\n\n## Vitamin D\n\n{paragraph}\n\nShort one.\n")
    before = [p.id for p in load_corpus(corpus_copy).passages if p.source == "extra.md"]
    assert before == ["extras/vitamin-d/p1", "extras/vitamin-d/p2"]
    questions = corpus_copy / "questions.yaml"
    questions.write_text(questions.read_text(encoding="utf-8").replace(
        "passages:\n", "passages:\n  extras/vitamin-d/p2:\n    - what is the short one?\n", 1), encoding="utf-8")
    corpus = load_corpus(corpus_copy)
    assert [p.id for p in corpus.passages if p.source == "extra.md"] == before
    assert ("extras/vitamin-d/p2", "what is the short one?") in corpus.questions


MD_LIST = """# Prolactinoma

## Symptoms

In men, the most common symptom is erectile dysfunction. Other symptoms in men may include:

- decreased interest in sex
- enlarged breast tissue

## Treatment

Doctors treat prolactinomas with medicine first.
"""


def test_a_list_of_short_items_completes_the_sentence_that_runs_on_into_it():
    doc = parse_markdown(MD_LIST, "prl.md", "Prolactinoma")
    listed = next(p for p in doc.passages if "decreased interest in sex" in p.text)
    assert listed.text == ("In men, the most common symptom is erectile dysfunction. Other symptoms in men may include: "
                           "decreased interest in sex; enlarged breast tissue")
    assert listed.sentence_texts()[-1] == ("Other symptoms in men may include: decreased interest in sex; "
                                           "enlarged breast tissue")          # quoted as the statement it completes
    assert listed.id == "prolactinoma/symptoms/p1" and listed.section == "Symptoms"
    for seg in listed.segments:                                                # quotes still map back to the file
        assert listed.text[seg.at:seg.at + seg.length] == MD_LIST[seg.start:seg.start + seg.length]
    after = next(p for p in doc.passages if p.section == "Treatment")
    assert after.context == "" and after.embed_text == "Treatment: Doctors treat prolactinomas with medicine first."


MD_LISTS = """# Condition

## Treatment

### Monitoring

Patients who are monitored should follow three rules.

- drink plenty of water
- exercise regularly
- avoid certain diuretics

Surgeons use two main strategies:

- Minimally invasive surgery. This type of surgery, which can be done on an outpatient basis, may be used when only one gland is likely to be overactive. The surgeon makes a small incision in the neck. Patients typically have less pain and a quicker recovery than with more invasive surgery. Local or general anesthesia may be used for this type of surgery.
- Standard neck exploration. This type of surgery involves a larger incision.
"""


def test_short_items_after_a_whole_sentence_are_one_passage_of_their_own():
    doc = parse_markdown(MD_LISTS, "c.md", "Condition")
    listed = next(p for p in doc.passages if "exercise regularly" in p.text)
    assert listed.text == "drink plenty of water; exercise regularly; avoid certain diuretics"
    assert listed.sentence_texts() == ["drink plenty of water", "exercise regularly", "avoid certain diuretics"]
    assert listed.context == "Patients who are monitored should follow three rules."
    assert (listed.section, listed.title) == ("Treatment", "Monitoring")
    assert listed.embed_text.startswith("Treatment › Monitoring: Patients who are monitored")


MD_STEPS = """# Anaphylaxis

## What to do

1. Use an adrenaline auto-injector straight away if one is available.
2. Call 999 and say "anaphylaxis".
3. Lie the person flat with their legs raised.
"""


def test_short_numbered_steps_keep_their_numbers_and_read_back_to_the_first():
    """"what to do in anaphylaxis" quoted steps 2 and 3 of a handout's numbered list and never step
    1, "Use an adrenaline auto-injector straight away" (an allergy handout's tester): a step keeps its
    number, so alone it says a step came before it, and a step after the first leans on the one
    before it when the question asks what to do (units._LATER_STEP, select._run); the quotes still map
    to the file."""
    from tutor.core.search.units import _LATER_STEP

    doc = parse_markdown(MD_STEPS, "a.md", "Anaphylaxis")
    steps = next(p for p in doc.passages if "Call 999" in p.text)
    assert steps.sentence_texts() == ["1. Use an adrenaline auto-injector straight away if one is available.",
                                      '2. Call 999 and say "anaphylaxis".', "3. Lie the person flat with their legs raised."]
    for seg in steps.segments:
        assert steps.text[seg.at:seg.at + seg.length] == MD_STEPS[seg.start:seg.start + seg.length]
    assert [bool(_LATER_STEP.match(x)) for x in steps.sentence_texts()] == [False, True, True]


MD_WRAPPED = """# Head Injury

## What is concussion?

Concussion is a temporary problem with the way the brain works, caused by a knock, blow or jolt to
the head or body. It does not usually show up on a brain scan.

- a headache that does not go away, even after rest and simple painkillers, or that keeps
  getting worse over the first day
- feeling sick
| Sign | Meaning |
|---|---|
| a fit | call 999 |
```
code line one
code line two
```
"""


def test_a_paragraph_wrapped_over_several_lines_is_one_paragraph():
    """A handout saved with its lines wrapped at 100 columns was taught one line per passage, and
    answers stopped mid-sentence ("caused by a knock, blow or jolt to [1] the head or body. [2]"; a
    teachers' tester's). A Markdown paragraph or list item runs over its lines, as CommonMark reads
    it; a table row, a fenced block and a new item do not join, and offsets still map to the file."""
    doc = parse_markdown(MD_WRAPPED, "a.md", "Head Injury")
    texts = [p.text for p in doc.passages]
    first = next(p for p in doc.passages if p.text.startswith("Concussion is"))
    assert "caused by a knock, blow or jolt to the head or body. It does not usually" in first.text, texts
    for seg in first.segments:
        assert first.text[seg.at:seg.at + seg.length] == MD_WRAPPED[seg.start:seg.start + seg.length].replace("\n", " ")
    assert any("or that keeps getting worse over the first day" in t for t in texts), texts
    assert any(t.startswith("Sign: a fit") or "a fit" in t and "call 999" in t for t in texts), texts
    assert not any("code line one code line two" in t for t in texts), texts
    # a reviewer's: a table without outer pipes, Windows line ends, a new lead-in after a list
    other = ("# T\n\n## S\n\nSign | What to do\n--- | ---\nA fit | Call 999\n\nIt is caused by a knock to\r\nthe head.\r\n\r\n"
             "Call 999 if:\n- unconscious\n- a fit\nGo to A&E if:\n- sick more than once\n")
    texts = [p.text for p in parse_markdown(other, "b.md", "T").passages]
    assert "Sign: A fit. What to do: Call 999." in texts and "It is caused by a knock to the head." in texts, texts
    assert not any("a fit Go to A&E" in t for t in texts), texts


def test_a_wrapped_line_opening_with_a_number_runs_on_and_long_steps_stay_one_procedure():
    """A diabetes handout wrapped at 80 columns had "… eye screening every year from the age of" before
    "12. Photographs are taken …": read as a list, the paragraph became three passages cut mid-sentence
    (only "1." starts a list inside a paragraph, as CommonMark reads it). Its hypo steps, each over
    SHORT_ITEM_CHARS, were four passages without their numbers, so "repeat step 2" pointed at nothing."""
    text = ("# Diabetes\n\n## Checks\n\nYou should be invited for eye screening every year from the age of\n"
            "12. Photographs are taken of the back of your eyes.\n\n### What to do if you have a hypo\n\n"
            "1. Check your blood sugar if you can.\n2. Eat or drink something sugary, such as a glass of fruit juice"
            " or a few jelly babies, or a sugary fizzy drink that is not a diet one, and then sit down.\n"
            "3. Check again after a while. If your level is still low, repeat step 2 and then check your level once"
            " more, as your nurse showed you when you were first told about hypos.\n\n## Later\n\n"
            "Steps:\n1. one thing\n2. another thing\n")
    texts = [p.text for p in parse_markdown(text, "d.md", "Diabetes").passages]
    assert any("from the age of 12. Photographs are taken" in t for t in texts), texts
    steps = [t for t in texts if "repeat step 2" in t]
    assert steps and steps[0].startswith("1. Check your blood sugar") and "2. Eat or drink" in steps[0], texts
    assert any("1. one thing" in t and "2. another thing" in t for t in texts), texts
    # a reviewer's: inside a list, an unindented line does not make the next item part of a paragraph
    texts = [p.text for p in parse_markdown("# T\n\n## S\n\n1. Stay calm.\nMost seizures stop on their own.\n"
                                            "2. Move hard objects away.\n", "s.md", "T").passages]
    assert not any("own. 2. Move" in t or "own. Move" in t for t in texts), texts


def test_a_titled_text_files_glossary_and_sources_are_its_own():
    """A school nurse's fever.txt had "Glossary" and "References" lines: read as the bundled text's
    parts, its eight glossary lines vanished into a list of terms (nothing said so, and /define found
    none) and its sources joined the bundled text's (ids "references/p1"), quoted as prose. A question
    line ("What is a fever?") heads a section as a heading does."""
    text = ("Fever in Children: A Guide for Parents\n\nWhat is a fever?\nA fever is a high temperature.\n\n"
            "Glossary\nFebrile: having a fever.\nFontanelle: the soft spot on a baby's head.\n\n"
            "References\nNHS. \"High temperature (fever) in children.\" NHS website, 2023.\n")
    doc = parse_text(text, "fever.txt", "Fever")
    by_text = {p.text: p for p in doc.passages}
    assert not doc.glossary_terms
    assert by_text["Febrile: having a fever."].section == "Glossary", list(by_text)
    assert by_text["A fever is a high temperature."].section == "What is a fever?"
    source = next(p for p in doc.passages if p.text.startswith("NHS."))
    assert source.kind == "reference" and source.id.startswith("fever-in-children-a-guide-for-parents/references/"), source
    # a title in sentence case is a title too (a reviewer's)
    sentence_case = parse_text("Fever in children\n\nGlossary\nFebrile: having a fever.\n", "f.txt", "F")
    assert not sentence_case.glossary_terms and any(p.text.startswith("Febrile") for p in sentence_case.passages)
    # the bundled text, untitled, keeps its parts
    bundled = parse_text("Fundamentals\nSome text here.\n\nGlossary\nGnRH\n", "b.txt", "B")
    assert bundled.glossary_terms == ["GnRH"]


def test_a_titled_text_files_headings_may_stand_between_blank_lines():
    """An eczema leaflet pasted from a word processor had every heading alone between blank lines:
    its 59 passages made one section, "Introduction", and "What causes eczema?" was quoted as the
    answer to itself. The short lines under the title are the title's, not sentences to quote."""
    text = ("Eczema (Atopic Dermatitis) in Children\n\nInformation for parents and carers\n\n"
            "Children's Skin Clinic – Patient Information Leaflet\n\nWhat causes eczema?\n\n"
            "The exact cause is not known.\n\nCommon triggers\n\nTriggers make eczema flare up.\n\n"
            "Leaflet produced by the clinic nursing team.\n")
    doc = parse_text(text, "eczema.txt", "Eczema")
    assert [(p.section, p.text) for p in doc.passages] == [
        ("What causes eczema?", "The exact cause is not known."),
        ("Common triggers", "Triggers make eczema flare up."),
        ("Common triggers", "Leaflet produced by the clinic nursing team.")]
    assert {p.tier for p in doc.passages} == {"Eczema (Atopic Dermatitis) in Children"}
    # a number or a dash in the title is no lower-case word: the title is the title, as a heading would be
    assert [(p.tier, p.text) for p in parse_text("Type 2 Diabetes – A Guide\n\nIt is common.\n", "t.txt", "T").passages] \
        == [("Type 2 Diabetes – A Guide", "It is common.")]
    # untitled, or a first line that is no title, as before
    assert [p.text for p in parse_text("Some notes\nCommon triggers\n\nHeat.\n", "n.txt", "N").passages][-1] == "Heat."
    assert [p.text for p in parse_text("Gout is painful\n\nIt hurts.\n", "g.txt", "G").passages] == ["Gout is painful",
                                                                                                  "It hurts."]


def test_strong_emphasis_is_not_shown_and_quotes_still_map_back_to_the_file():
    """"- **Migraine without aura** is the most common type." was quoted with its asterisks (a migraine
    handout's tester). A list after such a paragraph still joins it as its lead-in."""
    text = ("# Migraine\n\n## Types\n\n- **Migraine without aura** is the most common type.\n- **Chronic migraine** "
            "means **headaches** on most days.\n\n## Causes\n\nThe **exact** cause is not known, such as:\n\n- stress\n- sleep\n")
    doc = parse_markdown(text, "migraine.md", "Migraine")
    assert all("*" not in p.text for p in doc.passages), [p.text for p in doc.passages]
    assert any(p.text.startswith("Migraine without aura is the most common type. Chronic") for p in doc.passages)
    assert any(p.text == "The exact cause is not known, such as: stress; sleep" for p in doc.passages), \
        [p.text for p in doc.passages]
    for p in doc.passages:
        for seg in p.segments:
            assert p.text[seg.at:seg.at + seg.length] == to_display(text[seg.start:seg.start + seg.length]), p.id


def test_single_asterisk_emphasis_is_not_shown_but_a_product_is():
    """"*A handout for students and families from the school health office.*" was shown with its
    asterisks by /source (a shingles handout's tester). A star between words is text: "5*3"."""
    text = ("# Shingles\n\n*A handout for students and families.*\n\n## What is it?\n\nShingles is *very* painful."
            " 5*3 is 15 and 2 * 3 is 6, in snake_case.\n\n- *Rest* helps.\n")
    doc = parse_markdown(text, "shingles.md", "Shingles")
    shown = [p.text for p in doc.passages]
    assert "A handout for students and families." in shown and "Rest helps." in shown, shown
    assert any(t.startswith("Shingles is very painful. 5*3 is 15 and 2 * 3 is 6, in snake_case.") for t in shown), shown
    for p in doc.passages:
        for seg in p.segments:
            assert p.text[seg.at:seg.at + seg.length] == to_display(text[seg.start:seg.start + seg.length]), p.id


def test_long_items_stay_one_passage_each_under_their_heading_with_their_lead_in():
    doc = parse_markdown(MD_LISTS, "c.md", "Condition")
    items = [p for p in doc.passages if "surgery" in p.text.lower() or "neck exploration" in p.text]
    assert len(items) >= 3                                    # the first item is cut into chunks
    assert all(p.title == "Monitoring" and p.id.startswith("condition/treatment/monitoring/") for p in items)
    assert all(p.context == "Surgeons use two main strategies:" for p in items)   # every chunk, not the last


def test_the_tier_is_not_in_front_of_every_passage(doc):
    tamoxifen = next(p for p in doc.passages if p.id.endswith("/tamoxifen"))
    assert not tamoxifen.embed_text.startswith(tamoxifen.tier)
    assert tamoxifen.embed_text.startswith(f"{tamoxifen.section} › Tamoxifen")


def test_a_text_without_sentence_breaks_is_cut_into_bounded_passages():
    from tutor.core.corpus.parse import MAX_PASSAGE_CHARS

    words = " ".join(f"word{i}" for i in range(1200))            # about 9,000 characters, no full stop
    text = f"# Notes\n\n## Long\n\n- {words}\n"
    doc = parse_markdown(text, "long.md", "Notes")
    long = [p for p in doc.passages if p.section == "Long"]
    assert len(long) > 1 and all(len(p.text) <= MAX_PASSAGE_CHARS for p in long)
    assert " ".join(p.text for p in long) == words            # nothing lost, nothing doubled
    assert all(text[p.start:p.end] == p.text for p in long)


TEACHER_MD = """# Asthma Inhalers

## What Asthma Is

Typical triggers are:

- **Allergens:** pollen, house dust mites and mould spores can inflame sensitive airways.
- **Cold air** - breathing cold, dry air can make the airway muscles tighten.
- Tobacco smoke and air pollution
- Colds and other respiratory infections

## How to Use an Inhaler

1. Take the cap off and shake the inhaler.
2. Breathe out gently, away from the mouthpiece.
3) Press the canister once while breathing in slowly.

## References

- Global Initiative for Asthma. Global Strategy for Asthma Management. 2023.
- British Thoracic Society. British guideline on the management of asthma. 2019.
"""


def test_a_teachers_markdown_numbered_steps_bold_lead_ins_and_references():
    """Written the way an exploratory tester wrote a teacher's text: numbered steps were cut one
    passage each with '2.' read as a sentence, bold lead-ins showed their asterisks, and the
    references ran together as one prose passage."""
    doc = parse_markdown(TEACHER_MD, "asthma.md", "Asthma")
    by_title = {p.title: p for p in doc.passages}
    allergens, cold = by_title["Allergens"], by_title["Cold air"]
    assert allergens.kind == "bullet" and allergens.text.startswith("Allergens — pollen") and "*" not in allergens.text
    assert cold.kind == "bullet" and cold.text.startswith("Cold air — breathing")
    for p in (allergens, cold):                    # every segment is still a verbatim span of the source
        for s in p.segments:
            assert p.text[s.at:s.at + s.length] == to_display(TEACHER_MD[s.start:s.start + s.length])
    steps = [p for p in doc.passages if "how-to-use" in p.id]
    assert len(steps) == 1 and steps[0].text.startswith("1. Take the cap off")
    assert [x[:3] for x in steps[0].sentence_texts()] == ["1. ", "2. ", "3. "]    # no "2." read as a sentence
    assert steps[0].text.index("Breathe out") < steps[0].text.index("Press the canister")
    references = [p for p in doc.passages if p.kind == "reference"]
    assert [p.id.split("/")[-1] for p in references] == ["global-initiative-for-asthma-2023", "british-thoracic-society-2019"]


def test_a_byte_order_mark_does_not_hide_the_title(tmp_path):
    path = tmp_path / "notes.md"
    path.write_bytes("\ufeff# Iron Deficiency\n\n## Causes\n\nBlood loss is the commonest cause.\n".encode("utf-8"))
    doc = parse_file(path)
    assert doc.passages[0].tier == "Iron Deficiency" and doc.passages[0].id.startswith("iron-deficiency/causes/")


def test_a_teachers_names_are_redacted_in_labels_and_ids_and_plain_lists_under_sources_are_no_references():
    """Labels, ids and suggestions are printed: an item named "Ferrous sulfate 200 mg three times a
    day" must not show its dose there either (found by a review of the bold lead-ins)."""
    from tutor.core.safety import MARKER, find_dose_details

    text = ("# Iron\n\n## Treatment\n\n- **Ferrous sulfate 200 mg three times a day:** the usual tablet.\n"
            "- **Do not** take it with tea, which lowers absorption of iron from the gut.\n\n"
            "## Sources\n\n- Red meat and liver are rich in iron.\n- Beans contain iron absorbed less well.\n"
            "- Smith J. Iron therapy in adults. 2020.\n")
    doc = parse_markdown(text, "iron.md", "Iron")
    for p in doc.passages:
        assert not find_dose_details(p.label) and not find_dose_details(p.id.replace("-", " ")), (p.label, p.id)
    named = next(p for p in doc.passages if p.title.startswith("Ferrous sulfate"))
    assert MARKER in named.title and named.id.endswith("/ferrous-sulfate")
    assert not any(p.title == "Do not" for p in doc.passages)            # bold emphasis is no item name
    kinds = {p.text[:9]: p.kind for p in doc.passages if "sources" in p.id}
    assert kinds.get("Red meat ") == "prose" and kinds.get("Smith J. ") == "reference"


def test_html_in_markdown_is_read_as_the_text_a_reader_sees():
    """A tester's handout: "<script>alert('xss')</script>" was a passage, quoted as an answer
    sentence with a citation; tags were quoted as they were. A comment over two lines had its second
    line read as prose, "< 5" in a sentence is no tag."""
    text = ("# Bone health\n\n## What is osteoporosis\n\n"
            "<div class=\"note\"><b>Osteoporosis</b> is a condition in which bones become thin.</div>\n\n"
            "<script>alert('xss')</script>\n\n<!-- a note\nfor the teacher only -->\n\n"
            "Calcium levels < 5 are rare. Use a <em>soft</em> toothbrush.\n\n"
            "<table><tr><td>Zoledronic acid</td><td>given by infusion</td></tr></table>\n")
    texts = [p.text for p in parse_markdown(text, "b.md", "Bones").passages]
    assert texts[0] == "Osteoporosis is a condition in which bones become thin."
    assert not any("<" in t and ">" in t or "alert" in t or "teacher only" in t for t in texts), texts
    assert "Calcium levels < 5 are rare. Use a soft toothbrush." in texts
    assert any(t.startswith("Zoledronic acid") and t.endswith("given by infusion") for t in texts)


def test_front_matter_and_rules_across_the_page_are_not_text():
    """Obsidian, Jekyll or Hugo front matter was taught as five passages ("---", "title: …"), and
    a "---" between paragraphs as one (a tester's); a "---" under a line of text is no rule."""
    text = ("---\ntitle: Asthma basics\nauthor: Ms Teacher\n---\n\n# Asthma\n\n## What it is\n\n"
            "Asthma narrows the airways.\n\n---\n\nIt can be treated.\n\n* * *\n\nInhalers help.\n")
    passages = parse_markdown(text, "asthma.md", "Asthma").passages
    assert [p.text for p in passages] == ["Asthma narrows the airways.", "It can be treated.", "Inhalers help."]
    assert all(p.id.startswith("asthma/what-it-is/") for p in passages)


def test_files_the_tutor_does_not_read_are_named(tmp_path):
    """A .docx or a sub-folder in the corpus was skipped without a word; .markdown is Markdown."""
    from tutor.core.corpus.load import load_corpus

    (tmp_path / "sleep.markdown").write_text("# Sleep\n\n## Why\n\nSleep restores the body.\n", encoding="utf-8")
    (tmp_path / "handout.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "extra").mkdir()
    corpus = load_corpus(tmp_path)
    assert [p.id for p in corpus.passages] == ["sleep/why/p1"]
    assert any("handout.docx" in note and "only .md and .txt files are read" in note for note in corpus.notes)
    assert any("sub-folders are not read: extra" in note for note in corpus.notes)


def test_a_one_line_sentence_without_a_full_stop_is_neither_a_heading_nor_the_titles():
    """A reviewer's febrile-seizure sheet: "A febrile seizure is a fit caused by a high temperature"
    under the title vanished as a line of the title, and "Call 999 if a seizure lasts more than 5
    minutes" became a heading, so neither was ever quoted."""
    text = ("Febrile Seizures\n\nA febrile seizure is a fit caused by a high temperature\n\nWhat to do\n\n"
            "Call 999 if a seizure lasts more than 5 minutes\n\nLie your child on their side. Stay with them.\n")
    doc = parse_text(text, "fs.txt", "Fs")
    assert [(p.section, p.text) for p in doc.passages] == [
        ("Introduction", "A febrile seizure is a fit caused by a high temperature"),
        ("What to do", "Call 999 if a seizure lasts more than 5 minutes"),
        ("What to do", "Lie your child on their side. Stay with them.")]
