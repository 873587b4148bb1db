"""Answers on the development set: right passages cited, every sentence grounded, short top
passages, out-of-scope questions not dressed up as answers."""

from __future__ import annotations

import re
import shutil
from copy import deepcopy

import pytest

from conftest import ROOT, SOURCE, a_sheet, load_suite
from tutor.core.answer.conversation import Conversation
from tutor.core.safety import MARKER
from tutor.core.clauses import asked_after_a_story
from tutor.core.corpus.glossary import names_in
from tutor.core.search.scope import lacks_the_kind_of_fact
from tutor.core.text import fold, to_display

SUITE = load_suite(ROOT / "eval" / "dev.yaml")


def single(status: str):
    return [c for c in SUITE if "question" in c and (c.get("expect") or {}).get("status", "answered") == status]


def relevant(citation, evidence) -> bool:
    return any(fold(e) in fold(citation.passage.text) for e in evidence)


@pytest.fixture(scope="module")
def answered(tutor):
    cases = [c for c in single("answered") if c["expect"].get("evidence")]
    return [(c, tutor.answer(c["question"])) for c in cases]


def test_development_set_is_large_enough(answered):
    assert len(answered) >= 40


def test_hit_at_1_and_hit_at_3(answered):
    """The passage cited first, and the retrieval's top three (an answer now quotes one
    explanation, often from a single passage, so its citations are fewer than three)."""
    hit1 = sum(bool(a.citations) and relevant(a.citations[0], c["expect"]["evidence"]) for c, a in answered)
    hit3 = sum(any(relevant(h, c["expect"]["evidence"]) for h in a.ranked[:3]) for c, a in answered)
    # The goals are 0.90 / 0.98 (see README "Measured quality"); these floors catch regressions.
    # Three dosing-worded educational questions are refused by the guard and count as misses.
    assert hit1 / len(answered) >= 0.90     # measured 0.917
    assert hit3 / len(answered) >= 0.95     # measured 0.972


def test_in_scope_questions_keep_their_answers(answered):
    kept = sum(a.status == "answered" for _, a in answered)
    assert kept / len(answered) >= 0.97


def test_every_quoted_sentence_is_a_span_of_its_cited_passage(answered):
    for case, answer in answered:
        cited = {c.n: c for c in answer.citations}
        for quote in answer.quotes:
            assert quote.text in cited[quote.n].text, (case["id"], quote.text)


def test_quotes_trace_back_to_source_offsets(answered):
    source = to_display(SOURCE.read_text(encoding="utf-8"))
    for _, answer in answered:
        for c in answer.citations:
            if c.passage.kind != "table_row":
                assert source[c.passage.start:c.passage.end] == c.passage.text


def test_top_cited_passage_is_short_on_average(answered):
    lengths = [len(a.citations[0].passage.text) for _, a in answered if a.citations]
    assert sum(lengths) / len(lengths) <= 300


def test_one_to_five_sentences_with_numbered_citations(answered):
    """Short answers: a whole explanation is a few sentences, about 450 characters on average."""
    lengths = []
    for _, answer in answered:
        if answer.status != "answered":
            continue
        assert 1 <= len(answer.quotes) <= 5
        assert [c.n for c in answer.sources] == list(range(1, len(answer.citations) + 1))
        assert {q.n for q in answer.quotes} == {c.n for c in answer.citations}
        # read in order: [1] first, then each new number one more (a tester read "[2] … [1]" as a fault)
        assert list(dict.fromkeys(q.n for q in answer.quotes)) == list(range(1, len(answer.citations) + 1))
        lengths.append(sum(len(q.text) for q in answer.quotes))
    assert sum(lengths) / len(lengths) <= 450


@pytest.mark.parametrize("case", single("not_covered"), ids=lambda c: c["id"])
def test_out_of_scope_is_not_covered(tutor, case):
    """Never answered from the text; "how do I get rid of acne?" may be refused as advice instead."""
    answer = tutor.answer(case["question"])
    assert answer.status in ("not_covered", "refused") and not answer.citations and not answer.quotes
    assert "doesn’t cover" in answer.text or answer.status == "refused"


def test_sources_are_numbered_in_the_order_the_answer_quotes_them(tutor):
    """Numbered by retrieval rank, an answer read "[1] … [3] … [2] … [4]" (one in seven on the
    development sets); the citations themselves keep their rank order, the anchor's passage first."""
    for question in ("how does the brain know when to ease off making more hormones?",
                     "whats the job of LH and FSH in both men and women",
                     "difference between leydig and sertoli cells"):
        answer = tutor.answer(question)
        shown = list(dict.fromkeys(q.n for q in answer.quotes))
        assert len(shown) >= 3 and shown == sorted(shown), (question, shown)
        assert [c.n for c in answer.sources] == list(range(1, len(shown) + 1))


def test_the_text_is_silent_on_what_is_asked_about_a_subject_it_covers(tutor):
    """The subject's passage is found, but what is asked of it is nowhere in the text."""
    # "is tamoxfen safe for men" was answered with how tamoxifen works, which reads as reassurance
    for question in ("which company makes ipamorelin?", "is gonadorelin fda approved?", "is tamoxfen safe for men",
                     "how safe is gonadorelin"):
        answer = tutor.answer(question)
        assert answer.status == "not_covered" and ("The text doesn’t say that about" in answer.text
                                                   or "The text never uses the word" in answer.text), question


def test_a_question_about_the_hypothalamus_after_clomid_is_about_the_hypothalamus(tutor):
    """Without the hypothalamus in the glossary the question named no subject, leaned on the last
    one, and was answered from the Clomid item (which mentions the hypothalamus in passing)."""
    conversation = Conversation()
    tutor.answer("how does clomid work?", conversation)
    answer = tutor.answer("what does the hypothalamus do?", conversation)
    assert answer.citations[0].passage.id == "fundamentals/understanding-endogenous-hormone-production/p1-2"
    where = tutor.answer("and where is it?", conversation)
    assert "hypothalamus" in where.resolved_question


def test_and_x_after_a_table_row_asks_about_x_not_the_rows_title(tutor):
    """"and insulin?" after the bone-density row was read as "Bone Density insulin?" and quoted the bone
    row again, three times in a learner tester's dialogues: a reading with the last subject put in is
    kept only when what it finds names what was asked."""
    conversation = Conversation()
    tutor.answer("what is bone density got to do with hormones", conversation)
    tutor.answer("what about bones", conversation)
    answer = tutor.answer("and insulin?", conversation)
    assert "insulin sensitivity" in answer.text, (answer.resolved_question, answer.text)
    # an aspect of the subject still reads with it
    conversation = Conversation()
    tutor.answer("what does clomid do", conversation)
    assert "clomid" in tutor.answer("and the side effects?", conversation).resolved_question.lower()


def test_a_quote_about_another_subject_does_not_make_the_text_speak_of_this_one(tutor):
    """Issue 13's "is it ever used for women too?" after Hexarelin: the text speaks of women only
    for testosterone, and a sentence on that quoted beside Hexarelin's row once made the question
    look answered. The same angle on a subject the text does say it of is still answered."""
    conversation = Conversation()
    tutor.answer("what is hexarelin?", conversation)
    women = tutor.answer("is it ever used for women too?", conversation)
    assert women.status == "not_covered" and "doesn’t say that about Hexarelin" in women.text, women.text
    testosterone = tutor.answer("is testosterone ever used for women too?")
    assert testosterone.status == "answered" and "women" in " ".join(q.text for q in testosterone.quotes).lower()


def test_a_route_named_beside_the_subject_is_not_the_subjects_route(tutor):
    """The pellet therapy item names anastrozole once, beside a sentence on testosterone pellets:
    asked whether anastrozole is a pill or a shot, the text is silent (it was answered from that
    item, and after "why would u even need that" from Gonadorelin's item, a blind writer's).
    The route of testosterone for women, shown in the testosterone item, is still quoted."""
    for before in ([], ["what does anastrozole do"], ["what does anastrozole do in these protocols", "why would u even need that"]):
        conversation = Conversation()
        for question in before:
            tutor.answer(question, conversation)
        answer = tutor.answer("is it a pill or a shot?" if before else "is anastrozole a pill or a shot?", conversation)
        assert answer.status == "not_covered" and "doesn’t say that about Anastrozole" in answer.text, (before, answer.text)


def test_a_normal_level_asked_for_is_a_silence_where_the_text_gives_no_number(tutor):
    """"what's a normal testosterone level?" was answered with sentences on testosterone that give
    no number (a blind dialogue writer's); a question that only names normal values, about the
    goal of recalibration, is still answered."""
    for question in ("whats a normal testosterone level", "what number counts as a normal testosterone level for a man"):
        assert tutor.answer(question).status == "not_covered", question
    goal = tutor.answer("is the goal just to get normal lab numbers?")
    assert goal.status == "answered" and any("“normal” lab values" in q.text for q in goal.quotes)


def test_pct_is_the_learners_word_for_recalibration(tutor):
    """"what blood tests do they check during pct" was not covered: the text never says PCT."""
    answer = tutor.answer("what blood tests do they check during pct")
    assert answer.status == "answered" and any("regular blood work" in q.text for q in answer.quotes)


def test_a_date_or_maker_asked_for_is_a_silence_where_the_text_shows_none(tutor):
    """A date in history or a maker is a kind of fact a sentence visibly has or lacks: the
    subject's passage shares the question's words ("developed", "sermorelin") but has no year,
    so the text's silence is said instead of quoting the row (both were answered before)."""
    for question in ("what year did sermorelin come out?", "when were growth hormone peptides first developed?"):
        answer = tutor.answer(question)
        assert answer.status == "not_covered" and not answer.quotes, question


def test_a_route_asked_for_is_said_silent_or_quoted_from_the_passage_that_shows_one(tutor):
    """Issue 13's example: Clomid's item is found, but no sentence about Clomid names a route, so
    the text's silence is said. For testosterone in women the passage on women names none, while
    the text's testosterone item does: that one is quoted."""
    clomid = tutor.answer("is clomid taken orally or injected?")
    assert clomid.status == "not_covered" and "doesn’t say that about Clomid" in clomid.text
    women = tutor.answer("how is testosterone given to women?")
    assert women.status == "answered"
    assert women.citations[0].passage.id == "intermediate/hormonal-balance-protocols-for-women/testosterone-cypionate"
    assert "subcutaneous injections" in women.quotes[0].text


def test_the_kind_of_fact_is_looked_for_in_the_evidence_not_the_question():
    assert lacks_the_kind_of_fact("when was clomid first approved?", "Clomid is also a SERM.")
    assert not lacks_the_kind_of_fact("when was clomid first approved?", "Clomiphene was first approved in 1967.")
    assert lacks_the_kind_of_fact("how much does pellet therapy cost?", "Pellets offer a sustained release.")
    assert not lacks_the_kind_of_fact("is it covered by insurance?", "Most insurance plans pay for the test.")
    assert not lacks_the_kind_of_fact("when does LH rise?", "LH rises when testosterone is low.")   # no date asked
    assert lacks_the_kind_of_fact("is it a pill or a shot?", "Clomid is also a SERM.")
    assert not lacks_the_kind_of_fact("is it a pill or a shot?", "It is taken orally.")
    assert not lacks_the_kind_of_fact("is it pills for life or can you come off them?", "Surgery cures it.")  # no route asked
    assert lacks_the_kind_of_fact("how many people with it end up on dialysis?", "Dialysis filters the blood.")
    assert not lacks_the_kind_of_fact("how many people with it end up on dialysis?", "About 20 to 40 percent of adults do.")
    assert lacks_the_kind_of_fact("how common is it?", "A common approach is 50 mg twice weekly.")   # a dose is no rate
    assert lacks_the_kind_of_fact("at what age does it start?", "It damages the kidneys.")
    assert not lacks_the_kind_of_fact("at what age does it start?", "It often starts in older adults.")
    assert lacks_the_kind_of_fact("how long does recovery take?", "Recovery depends on LH.")
    assert not lacks_the_kind_of_fact("how long does recovery take?", "Prior therapy influences the time required.")


def test_a_word_the_text_says_otherwise_is_not_a_silence(tutor):
    """"restart" and the item's "resume" are one synonym group (corpus/synonyms.yaml): the text
    is not silent on how Gonadorelin restarts the testes (a tester's)."""
    answer = tutor.answer("how does gonadorelin restart the testes?")
    assert answer.status == "answered"
    assert answer.citations[0].passage.id == "intermediate/testosterone-recalibration-protocols-for-men/gonadorelin"


def test_a_word_the_text_uses_everywhere_is_not_a_silence(tutor):
    """Only "body" of the asking clause is missing from the Tamoxifen item, and "body" is in a
    third of the passages: nothing specific was asked that the item lacks."""
    answer = tutor.answer("i keep hearing about SERMs on forums, how do they get the body making testosterone again?")
    assert answer.status == "answered"
    assert "selective estrogen receptor modulator" in " ".join(q.text for q in answer.quotes)


def test_an_asking_clause_that_points_back_is_read_with_the_sentence_it_points_to(tutor):
    """Whether the text covers "what does it mean by that?" depends on what "that" is."""
    assert tutor.answer("what does it mean by that?").status == "not_covered"
    answer = tutor.answer("the text talks about a holistic approach. what does it mean by that?")
    assert answer.status == "answered" and answer.citations[0].passage.id.startswith("academic/")


def test_a_request_told_as_a_statement_asks_for_the_whole_subject(tutor):
    """No clause asks one thing about bremelanotide, so none of the story's words ("pharmacy",
    "customer") can be missing from its item: the text is not silent on what was asked."""
    answer = tutor.answer("I work at a pharmacy and a customer asked me about bremelanotide. "
                          "I would like to understand how it works.")
    assert answer.status == "answered"
    assert answer.citations[0].passage.id == "intermediate/other-targeted-peptides-for-wellness/pt-141-bremelanotide"


@pytest.mark.parametrize("first", ["what does anastrozole do", "what is tamoxifen"])
def test_a_question_that_only_names_a_common_term_is_about_that_term(tutor, first):
    """"what is FSH" after Tamoxifen was read as "what is FSH — Tamoxifen?" and repeated the Tamoxifen
    item (an exploratory tester's): FSH is named in many passages, so it counted as no subject of
    its own. Named alone it is the question's subject; beside other words it is still the topic's
    ("how does it raise testosterone?" after Clomid)."""
    conversation = Conversation()
    tutor.answer(first, conversation)
    fsh = tutor.answer("what is FSH", conversation)
    assert fsh.resolved_question == "what is FSH" and fsh.note == ""
    assert any("follicle-stimulating hormone (FSH)" in q.text for q in fsh.quotes)
    conversation = Conversation()
    tutor.answer("What is Clomid?", conversation)
    assert tutor.answer("how does it raise testosterone?", conversation).resolved_question == "how does Clomid raise testosterone?"


@pytest.mark.parametrize("message, asked", [
    ("i was on trt for 2 years, why did my testicles shrink?", "why did my testicles shrink?"),
    ("I've been on TRT for 3 years and want to come off. what happens to my balls?", "what happens to my balls?"),
    ("im on trt, can it stop sperm production?", None),           # points back into the story
    ("for getting fertility back, why does FSH matter and not just LH?", None),   # no story of the asker's
    ("i was on trt, why?", None),                                 # says too little alone
])
def test_what_is_asked_after_the_askers_story(message, asked):
    assert asked_after_a_story(message) == asked


def test_an_ask_that_may_point_back_is_offered_when_allowed():
    """"they" may be the story's or anyone's ("When they restore fertility, …": doctors); the
    caller decides by retrieval (Tutor._with_the_ask_alone)."""
    message = "My wife and I want a baby and I've been on TRT for years. When they restore fertility, what do they focus on?"
    assert asked_after_a_story(message) is None
    assert asked_after_a_story(message, pointing_back=True) == "When they restore fertility what do they focus on?"


def test_a_they_that_points_at_no_one_in_the_story_still_asks(tutor):
    """The ask found the passage on fertility restoration alone, but its "they" was taken for the
    story's and the story decided: the passage on men coming off TRT (a blind answer writer's)."""
    answer = tutor.answer("My wife and I want to try for a baby and I've been on TRT for three years. "
                          "When they restore fertility, what do the protocols focus on?")
    assert answer.citations[0].passage.id == "academic/cellular-mechanisms-of-gonadal-reactivation/p3-1"
    assert any("fertility restoration" in q.text for q in answer.quotes)


@pytest.mark.parametrize("message", ["i was on trt for 2 years, why did my testicles shrink?",
                                     "I've been on TRT for 3 years and want to come off. what happens to my balls?"])
def test_a_story_told_first_does_not_decide_what_is_quoted(tutor, message):
    """The story matched the passage on men coming off TRT and was quoted instead of the answer to
    what was asked (an exploratory tester's, a blind dialogue writer's)."""
    answer = tutor.answer(message)
    assert answer.citations[0].passage.id == "academic/cellular-mechanisms-of-gonadal-reactivation/p1-1"
    assert "atrophy" in answer.quotes[0].text


def test_his_body_after_a_story_is_the_body_the_story_told_of(tutor):
    """A learner tester's: "… what actually happens in his body" was searched alone too, and its
    "body" found the closing essay's pep talk ("The capacity for your body to recalibrate … is
    remarkable"), quoted first; "his" is the husband coming off testosterone."""
    answer = tutor.answer("my husband has been on testosterone for years and now he wants to stop, "
                          "what actually happens in his body")
    assert answer.status == "answered" and not any(c.passage.id.startswith("reflection/") for c in answer.citations)
    assert "men discontinuing testosterone" in answer.text, answer.text


def test_a_passage_ranked_almost_level_with_the_first_is_quoted_too(tutor):
    """"what happens to the testicles on trt" quoted only the TRT section's opening; the passage on
    Leydig cells going quiescent ranked just behind it (select._near_ties)."""
    answer = tutor.answer("what happens to the testicles on trt")
    assert "Leydig cells in the testes, responsible for testosterone creation, can become quiescent" in answer.text
    assert len(answer.text) < 700


def test_a_follow_up_does_not_repeat_the_glossary_box_just_shown(tutor):
    """A learner tester's: "and then?" after the HPG axis gave its four-sentence definition again,
    pushing the new quotes off an 80x40 screen. A new question may show it again."""
    conversation = Conversation()
    first = tutor.answer("what is the hpg axis in plain words", conversation)
    assert "HPG axis" in [g.term for g in first.glossary]
    follow = tutor.answer("and then?", conversation)
    assert follow.status == "answered" and "HPG axis" not in [g.term for g in follow.glossary]


def test_a_bare_why_quotes_what_is_new_first(tutor):
    """A learner tester's: "why?" after TRT's suppression quoted the TRT section's opening and the
    suppression again, the reason (the brain reduces its signalling) only third."""
    conversation = Conversation()
    tutor.answer("what happens to your own testosterone on trt", conversation)
    why = tutor.answer("why?", conversation)
    assert why.quotes[0].text.startswith("For instance, when testosterone is administered externally"), why.text
    assert "For men who have undergone testosterone replacement therapy" not in why.text


def test_at_a_level_that_does_not_define_the_term_asked_the_definition_is_quoted(tutor):
    """A learner tester's: "what is negative feedback" at /level academic quoted the SERMs' "…
    prevents estrogen from exerting its negative feedback"; the Academic part defines neither it
    nor the HPG axis. What it does explain ("SERMs such as Tamoxifen … work by …") stays."""
    for question, defined in (("what is the hpg axis", "Consider the hypothalamic-pituitary-gonadal (HPG) axis"),
                              ("what is LH", "luteinizing hormone (LH)")):
        answer = tutor.answer(question, Conversation(), level="academic")
        assert defined in answer.text and answer.note.startswith("The Academic part does not define"), answer.text
    serm = tutor.answer("what is a SERM", Conversation(), level="academic")
    assert serm.citations[0].passage.tier == "Academic" and not serm.note


@pytest.mark.parametrize("follow_up, kind", [("explain that in more detail pls", "deeper"),
                                              ("more basic version pls", "simpler"),
                                              ("i dont get it, say that again but simpler", "simpler")])
def test_a_request_to_re_explain_is_recognised_by_meaning(tutor, follow_up, kind):
    """Development dialogues: a trailing "pls" or "but simpler" broke the rules, and the request
    was glued to the last subject as a new angle ("i dont get HPG axis, say that again but simpler")."""
    conversation = Conversation()
    tutor.answer("what is the hpg axis", conversation)
    again = tutor.answer(follow_up, conversation)
    assert again.reading == kind and again.resolved_question == "what is the hpg axis"


def test_a_request_for_more_that_asks_a_dose_is_still_judged(tutor):
    """A re-explained question is not judged again, so a message that asks a dose is never one."""
    conversation = Conversation()
    tutor.answer("what is clomid", conversation)
    for follow_up in ("more detail pls on how much to take", "give me the detailed dosing version pls"):
        assert tutor.answer(follow_up, conversation).status == "refused"


def test_a_name_with_letters_put_before_a_known_one_is_another_name(tutor):
    """"enclomiphene" was taken for a typo of clomiphene and answered from Clomid's item (a blind
    dialogue writer's, twice); the text never names it. A real typo still finds Clomid."""
    assert tutor.answer("what is enclomiphene?").status == "not_covered"
    conversation = Conversation()
    tutor.answer("what is a serm exactly", conversation)
    assert tutor.answer("what about enclomiphene", conversation).status == "not_covered"
    typo = tutor.answer("what is clomifene?")
    assert typo.status == "answered" and "clomid" in typo.citations[0].passage.id


def test_who_wrote_this_is_about_the_text_after_any_subject(tutor):
    """After questions on LH and GnRH, "who wrote this?" was read as "who wrote GnRH?" and quoted a
    reference as if its authors had written the text (an exploratory tester's, and issue 14's)."""
    conversation = Conversation()
    for question in ("what is LH", "what does GnRH do"):
        tutor.answer(question, conversation)
    answer = tutor.answer("who wrote this?", conversation)
    assert answer.status == "not_covered" and answer.resolved_question == "who wrote this?" and not answer.citations
    assert "doesn’t name its author" in answer.text and "what sources does the text cite?" in answer.text


def test_a_question_after_a_change_of_subject_is_read_on_its_own(tutor):
    """"unrelated, but what does the reflection … say the point of all this is?" after Tamoxifen was
    read "… the point of all Tamoxifen is?" (a blind dialogue writer's): the learner said the
    subject changes, and "all this" is everything spoken of, never the last subject."""
    conversation = Conversation()
    tutor.answer("what is tamoxifen", conversation)
    answer = tutor.answer("unrelated, but what does the reflection at the end say the point of all this is?", conversation)
    assert answer.reading == "new" and "Tamoxifen" not in answer.resolved_question
    assert answer.resolved_question.startswith("what does the reflection")
    assert any(c.passage.section == "Reflection" for c in answer.citations)
    tutor.answer("what is tamoxifen", conversation)
    switched = tutor.answer("different question: who wrote this?", conversation)
    assert switched.status == "not_covered" and "doesn’t name its author" in switched.text


def test_whether_the_length_of_therapy_matters_is_answered_after_a_question_on_it(tutor):
    """"does it matter how long someone was on it?" (a blind dialogue writer's) was refused as a dose
    request, and its dummy "it matters" was taken for the last subject ("does TRT matter how long
    …"): "on it" is the subject, and the text says the length of earlier therapy bears on recovery."""
    conversation = Conversation()
    tutor.answer("how does trt affect your own testosterone", conversation)
    answer = tutor.answer("does it matter how long someone was on it?", conversation)
    assert answer.status == "answered" and answer.resolved_question.startswith("does it matter how long someone was on ")
    assert "duration and dosage of prior exogenous therapy" in answer.text


def test_a_new_question_after_a_filler_word_or_naming_both_sides_is_read_on_its_own(tutor):
    """Two of an exploratory tester's fresh questions were rewritten: "ok just whats gonadorelin"
    as the last question about Gonadorelin ("can gonadorelin come back to life …"), and "what is
    PT-141 and how is it different from testosterone for libido" as a comparison with the last
    subject, though it names both of its sides."""
    conversation = Conversation()
    for question in ("what are leydig cells", "can they come back to life after being quiet"):
        tutor.answer(question, conversation)
    answer = tutor.answer("ok just whats gonadorelin", conversation)
    assert answer.reading == "new" and answer.resolved_question == "ok just whats gonadorelin"
    assert "gonadorelin" in answer.citations[0].passage.id
    conversation = Conversation()
    tutor.answer("what other targeted peptides does the text mention besides GH peptides", conversation)
    asked = "what is PT-141 and how is it different from testosterone for libido"
    answer = tutor.answer(asked, conversation)
    assert answer.resolved_question == asked and "pt-141" in answer.citations[0].passage.id
    conversation = Conversation()
    tutor.answer("how does clomid work", conversation)
    asked = "what is the difference between estradiol and estrogen"
    assert tutor.answer(asked, conversation).resolved_question == asked
    conversation = Conversation()
    tutor.answer("what are pellets in womens hormone therapy", conversation)
    answer = tutor.answer("ok different thing, what does sermorelin do exactly", conversation)
    assert answer.resolved_question == "what does sermorelin do exactly" and "sermorelin" in answer.citations[0].passage.id


def test_a_runner_up_that_opens_with_this_and_its_verb_comes_with_what_it_points_at(tutor):
    """Clomid's "This leads to an increase in GnRH, LH, and FSH secretion …" was quoted as a runner-up
    after the sentence on how long recovery takes, where it read as what the duration leads to (an
    exploratory tester's). A runner-up whose "This" or "That" is followed by its verb brings the
    sentence it points at; "This blockade prevents …" names what it is about and comes alone."""
    from tutor.core.answer.select import Scored, _runners_up

    units = tutor.units
    def unit(start: str):
        return next(u for u in units.all if units.text(u).startswith(start))
    anchor = Scored(unit("Research indicates that the duration"), 1.0, 0.6)
    for runner_up, lead in (("This leads to an increase in GnRH", "It competes with estrogen"),
                            ("This blockade prevents estrogen", None)):
        scored = {s.unit.number: s for s in (anchor, Scored(unit(runner_up), 0.99, 0.6))}
        chosen = [units.text(u) for u in _runners_up([anchor.unit], anchor, scored, units, tutor.retriever.profile)]
        at = next(i for i, text in enumerate(chosen) if text.startswith(runner_up))
        assert chosen[at - 1].startswith(lead) if lead else chosen[at - 1] == units.text(anchor.unit), chosen


def test_a_silence_names_the_word_the_text_never_uses_not_the_subject_it_knows(tutor):
    """"and enclomiphene?" after Tamoxifen and Clomid was told "The text doesn't say that about
    Clomid", as if the text knew enclomiphene and were silent on part of it (an exploratory
    tester's)."""
    conversation = Conversation()
    tutor.answer("whats the difference between tamoxifen and clomid", conversation)
    answer = tutor.answer("and enclomiphene?", conversation)
    assert answer.status == "not_covered"
    assert answer.text.startswith("The text never uses the word “enclomiphene”. What it does say about Clomid is in")


def test_each_side_of_a_comparison_is_quoted_with_a_sentence_that_names_it(tutor):
    """"compare tamoxifen, clomid and anastrozole: mechanism of each" quoted for Anastrozole only
    "While not directly stimulating testosterone creation, it can be used …": neither its name nor
    its mechanism (an exploratory tester's)."""
    answer = tutor.answer("compare tamoxifen, clomid and anastrozole: mechanism of each")
    texts = [q.text for q in answer.quotes]
    nameless = next(i for i, t in enumerate(texts) if t.startswith("While not directly stimulating"))
    assert texts[nameless - 1].endswith("This aromatase inhibitor reduces the conversion of testosterone into estrogen."), texts


def test_a_demonstrative_subject_is_what_was_just_said(tutor):
    """"and what does that take in practice?" was read as "that take", like "those cells", found
    no noun of the last answer for it and was asked alone (a blind writer's). "that" before its verb
    is what was just said: read with the last answer's claim first."""
    conversation = Conversation()
    tutor.answer("what does the hypothalamus release to start testosterone production?", conversation)
    answer = tutor.answer("and what does that tell the pituitary to do", conversation)
    assert "This signals the pituitary gland" in answer.text
    conversation = Conversation()
    tutor.answer("what is the goal of clinical protocols after exogenous hormones are stopped?", conversation)
    answer = tutor.answer("and what does that take in practice?", conversation)
    assert answer.resolved_question.startswith("and what does that take in practice? The goal of clinical protocols")


def test_a_pronoun_the_message_explains_after_a_colon_is_not_the_last_topic(tutor):
    """A pasted note was rewritten "My doctor wrote Leydig cells in my notes: …" after a question on
    Leydig cells (an exploratory tester's): the colon says what "this" is."""
    conversation = Conversation()
    tutor.answer("what are leydig and sertoli cells", conversation)
    pasted = ("My doctor wrote this in my notes: suppression of the HPG axis secondary to exogenous testosterone. "
              "What does that mean?")
    answer = tutor.answer(pasted, conversation)
    assert answer.resolved_question == pasted and answer.reading == "new"
    assert "suppression of the natural feedback loops, particularly the HPG axis" in answer.text \
        or "prolonged suppression of the body’s own production" in answer.text
    follow_up = tutor.answer("why does this happen?", conversation)
    assert follow_up.resolved_question != "why does this happen?"      # no colon: "this" still points back


def test_an_everyday_term_beside_the_subjects_does_not_bring_its_definition_first(tutor):
    """"what do the hypothalamus and the pituitary each do in hormone production" was answered first
    from the definition of "hormone production", which the question names only as its context
    ("The central orchestrator of hormone production is the hypothalamic-pituitary axis")."""
    answer = tutor.answer("what do the hypothalamus and the pituitary each do in hormone production")
    assert answer.citations[0].passage.id.startswith("fundamentals/understanding-endogenous-hormone-production/")
    assert "The hypothalamus, a region in the brain, releases gonadotropin-releasing hormone (GnRH)." in answer.text


def test_an_everyday_terms_definition_answers_only_what_it_is(tutor):
    """"what is growth hormone peptide therapy …" was answered from the definition of growth hormone
    ("Growth hormone also plays a role in glucose and fat metabolism"): a definitional question boosted
    every term it named; an everyday term's definition is now boosted only when asked about alone."""
    answer = tutor.answer("what is growth hormone peptide therapy and who is it meant for?")
    assert answer.citations[0].passage.id.startswith("intermediate/growth-hormone-peptide-therapy/")
    assert "glucose and fat metabolism" not in answer.text
    assert tutor.answer("what is testosterone?").citations[0].passage.id == \
        "fundamentals/understanding-endogenous-hormone-production/p2"


def test_asked_what_one_term_is_its_glossary_definition_is_quoted(tutor):
    """Two writers, each without seeing the other: "whats a SERM" must quote "SERMs such as
    Tamoxifen and Clomiphene Citrate work by …", the glossary's definition; the answer quoted only
    Tamoxifen's item ("As a SERM, Tamoxifen blocks …")."""
    definition = tutor.glossary.lookup("SERM").definition
    answer = tutor.answer("whats a serm")
    assert any(q.text == definition for q in answer.quotes), answer.quotes
    assert answer.citations[0].passage.id.endswith("/tamoxifen")      # what ranks first still comes first


def test_and_then_does_not_go_on_into_how_a_medicine_is_given(tutor):
    """A blind writer's: "and then?" after Gonadorelin's item ("… signaling them to resume
    testosterone creation and spermatogenesis") got only "It is typically administered via
    subcutaneous injections, [dose details omitted]." The way a medicine is given, its dose left
    out, is no next step of an explanation: the item has ended, and the text is followed elsewhere."""
    conversation = Conversation()
    tutor.answer("what does gonadorelin do", conversation)
    answer = tutor.answer("and then?", conversation)
    assert answer.status == "answered" and "administered" not in answer.text and "omitted" not in answer.text
    assert all(not c.passage.id.endswith("/gonadorelin") for c in answer.citations)


def test_and_then_after_an_item_goes_on_where_the_text_next_speaks_of_it(tutor):
    """A blind writer's: "and then?" after Gonadorelin's item, which ends the item, searched on the
    item's first sentence and quoted the Fundamentals HPG chain. The text goes on about Gonadorelin
    in its academic part: that is where "and then?" leads."""
    conversation = Conversation()
    tutor.answer("what is gonadorelin", conversation)
    answer = tutor.answer("and then?", conversation)
    assert answer.citations[0].passage.id == "academic/neuroendocrine-axis-recalibration/p2-1"
    assert "directly re-engages the pituitary-gonadal communication" in answer.text
    # and says so: not the next step of the item, the subject taken up again elsewhere (the item's
    # step after what was asked, which the last answer quoted, comes first)
    assert answer.note == ("The last answer went as far as this, where that part ends; the text comes back "
                           "to Gonadorelin in Academic › Neuroendocrine Axis Recalibration:"), answer.note


def test_and_then_starts_from_the_step_after_what_was_asked(tutor):
    """Blind writers asked "and then what?" after "what does the StAR protein do?" and expected
    the step after the cholesterol's transport, "Subsequent enzymatic conversions … produce
    testosterone", which the first answer's run had already quoted; the tutor went straight on to
    the FSH paragraph after it. The step is said again, marked as such, and the text goes on."""
    conversation = Conversation()
    first = tutor.answer("What does the StAR protein do?", conversation)
    assert "Subsequent enzymatic conversions" in first.text
    answer = tutor.answer("and then what?", conversation)
    assert answer.note == "The last answer went as far as this; the text goes on:"
    assert answer.quotes[0].text.startswith("Subsequent enzymatic conversions within the Leydig cell")
    assert "For spermatogenesis, FSH plays a vital role" in answer.text
    assert len(answer.quotes) <= 3
    # only where the last answer stopped is said again: an exploratory tester, shown two steps
    # again, thought the tutor stuck
    conversation = Conversation()
    first = tutor.answer("what happens first when the hypothalamus releases GnRH", conversation)
    answer = tutor.answer("and then?", conversation)
    assert sum(q.text in first.text for q in answer.quotes) <= 1, answer.text


def test_a_second_and_then_repeats_nothing(tutor):
    """The step after the claim is said again once, after a question; "and then?" after "and
    then?" only reads on."""
    conversation = Conversation()
    tutor.answer("What does the StAR protein do?", conversation)
    tutor.answer("and then what?", conversation)
    last = conversation.last
    answer = tutor.answer("and then?", conversation)
    assert answer.status == "answered" and not set(answer.every_unit) & set(last.said), answer.text
    assert not answer.note.startswith("The last answer went"), answer.note


def test_a_subject_is_named_as_a_word_not_as_part_of_one(tutor):
    """"and then what happens" after Tamoxifen's item, read as about SERMs, went on to Sermorelin's
    table row: "serm" is in "Sermorelin". The text next speaks of SERMs in its academic part."""
    conversation = Conversation()
    tutor.answer("how do serms work exactly", conversation)
    answer = tutor.answer("and then what happens", conversation)
    assert all("sermorelin" not in c.passage.id for c in answer.citations), answer.text
    assert "SERMs such as Tamoxifen and Clomiphene Citrate" in answer.text


def test_and_then_elsewhere_reads_on_into_the_next_chunk_of_the_paragraph(tutor):
    """A blind writer's "and then what happens" after SERMs expected "The resulting surge in
    gonadotropins then acts on the gonads", the next chunk of the Academic paragraph the answer
    went on to; the run stopped at the chunk's end."""
    conversation = Conversation()
    tutor.answer("how do serms work exactly", conversation)
    answer = tutor.answer("and then what happens", conversation)
    assert "This blockade prevents estrogen" in answer.text
    assert "The resulting surge in gonadotropins then acts on the gonads" in answer.text


def test_what_that_does_after_a_mechanism_is_what_was_just_said(tutor):
    """"and what does that do?" after Tamoxifen's item asks for the effect the item goes on to
    ("By doing so, it allows for increased GnRH, LH, and FSH release"), not another passage."""
    conversation = Conversation()
    tutor.answer("how does tamoxifen work for guys coming off trt", conversation)
    answer = tutor.answer("and what does that do?", conversation)
    assert answer.citations[0].passage.id.endswith("/tamoxifen"), answer.text


def test_diff_is_a_word_of_comparison(tutor):
    """A blind writer's "and endogenous? whats the diff" after "what does exogenous mean" was told
    the text does not cover it: "diff" counted as a word the text never uses."""
    conversation = Conversation()
    tutor.answer("what does exogenous mean", conversation)
    assert tutor.answer("and endogenous? whats the diff", conversation).status == "answered"


def test_a_mistyped_everyday_word_keeps_the_question_s_form(tutor):
    """A blind writer's: "how is it diffrent from sermorelin then" after MK-677 was told "The text
    never uses the word “diffrent”". A typo of an everyday word is that word: the turn compares."""
    conversation = Conversation()
    tutor.answer("what is mk 677, is that one an injection too?", conversation)
    answer = tutor.answer("how is it diffrent from sermorelin then", conversation)
    assert answer.status == "answered" and answer.reading == "compare"
    assert {c.passage.id.rsplit("/", 1)[1] for c in answer.citations} >= {"mk-677-ibutamoren", "sermorelin"}


def test_chat_spellings_are_no_topic_the_text_lacks(tutor):
    """A blind writer's: "can you walk me thru the hpg axis" was not covered: "thru" was taken for a
    topic the text never uses."""
    answer = tutor.answer("im 52 and honestly lost, can you walk me thru the hpg axis")
    assert answer.status == "answered"
    assert "releases gonadotropin-releasing hormone (GnRH)" in answer.text


def test_that_after_a_story_is_the_last_thing_told(tutor):
    """A blind writer's: "my husband was on trt for years and his testicles got a lot smaller. why
    does that happen?" was answered with TRT's suppression of the axis alone; "that" is the testes
    getting smaller, which the academic part explains (Leydig cells go quiescent)."""
    answer = tutor.answer("my husband was on trt for years and his testicles got a lot smaller. why does that happen?")
    assert "Leydig cells in the testes, responsible for testosterone creation, can become quiescent" in answer.text


def test_an_example_comes_with_the_claim_it_illustrates(tutor):
    """A blind writer's: "does stress mess with testosterone" quoted "For example, chronic stress can
    activate the … (HPA) axis …", which opens a paragraph, without the sentence it is an example of;
    "what else besides stress affects it?" then found nothing more. The claim comes along."""
    conversation = Conversation()
    answer = tutor.answer("does stress mess with testosterone", conversation)
    claim = answer.text.find("Nutritional status, stress management, sleep quality, and physical activity")
    assert 0 <= claim < answer.text.find("For example, chronic stress")


def test_an_ok_before_a_question_changes_nothing(tutor):
    """A blind writer's: "ok just explain the monitoring thing in more detail then" was not covered,
    while the same words without "ok" were answered: "ok" counted as a word the text lacks."""
    with_ok = tutor.answer("ok just explain the monitoring thing in more detail then")
    without = tutor.answer("just explain the monitoring thing in more detail then")
    assert with_ok.status == without.status == "answered"
    assert [c.passage.id for c in with_ok.citations] == [c.passage.id for c in without.citations]


def test_a_word_the_text_lacks_is_named_as_spelled_not_as_mistyped(tutor):
    """An exploratory tester's: "is it permanant tho" was told "The text never uses the word
    “permanant”", the learner's typo quoted back as if it were the word."""
    conversation = Conversation()
    tutor.answer("do leydig cells shrink after trt", conversation)
    answer = tutor.answer("is it permanant tho", conversation)
    assert answer.status == "not_covered" and "“permanent”" in answer.message and "permanant" not in answer.message


def test_a_subject_asked_for_women_is_quoted_where_the_text_speaks_of_it_for_women(tutor):
    """A learner tester's: "does anastrozole work in women" was told "The text speaks of
    Anastrozole only for men", while the women's Pellet Therapy item says it may be co-administered."""
    answer = tutor.answer("does anastrozole work in women")
    assert "Anastrozole may be co-administered" in answer.text and "only for men" not in (answer.note or "")
    assert "only for men" in (tutor.answer("can women take clomid?").note or "")


@pytest.mark.parametrize("question", ["should people over 60 avoid mk-677", "who shouldnt take clomid"])
def test_who_should_avoid_a_medicine_is_a_kind_of_fact_the_text_lacks(tutor, question):
    """A learner tester's: "should people over 60 avoid mk-677" was answered with MK-677's benefits
    row, which reads as reassurance; the text says nothing of who should avoid it."""
    assert tutor.answer(question).status == "not_covered"


def test_a_side_is_quoted_from_a_sentence_that_puts_it_first(tutor):
    """"LH vs FSH - what does each one actually do inside the testes?" quoted, for LH, a sentence
    naming it in passing ("… with prolonged LH suppression"); the one that puts LH first says what
    it does there (it stimulates Leydig cell steroidogenesis)."""
    answer = tutor.answer("LH vs FSH - what does each one actually do inside the testes?")
    assert "robust LH signaling" in answer.text and "FSH plays a vital role in supporting Sertoli cell" in answer.text
    assert "with prolonged LH suppression" not in answer.text


def test_a_sentence_about_a_section_is_no_answer(tutor):
    """A learner tester's: "What is the clinical consideration for neurotransmitter balance during
    recalibration?" quoted "This section explores specific clinical strategies designed to achieve
    this delicate rebalancing." after the table row: it speaks of the text, not of its subject."""
    answer = tutor.answer("What is the clinical consideration for neurotransmitter balance during recalibration?")
    assert "Neurotransmitter Balance" in answer.text and "This section explores" not in answer.text


def test_a_swap_replaces_the_subject_of_the_same_kind(tutor):
    """A blind writer's: "and the serms?" after "At the level of the pituitary, how does gonadorelin
    re-engage the axis?" became "At the level of the serms, …": the first subject named was swapped
    out, not the medicine the SERMs take the place of."""
    conversation = Conversation()
    tutor.answer("At the level of the pituitary, how does gonadorelin re-engage the axis?", conversation)
    answer = tutor.answer("and the serms?", conversation)
    assert answer.resolved_question == "At the level of the pituitary, how does serms re-engage the axis?"


def test_a_swap_named_by_a_terms_first_word_takes_the_whole_term(tutor):
    """"and sertoli?" after "what do leydig cells do" became "what do sertoli do" (an exploratory
    tester's): the glossary's one term that begins so is what was named."""
    conversation = Conversation()
    tutor.answer("what do leydig cells do", conversation)
    assert tutor.answer("and sertoli?", conversation).resolved_question == "what do Sertoli cells do"


@pytest.mark.parametrize("question", ["compare the mechanisms of the growth hormone peptides",
                                      "how do the GH peptides differ"])
def test_a_comparison_of_a_whole_kind_quotes_its_members(tutor, question):
    """A learner tester's: "Compare the mechanisms of the growth hormone peptides in a table" got
    the section's introduction and no peptide. The table's rows are the answer."""
    answer = tutor.answer(question)
    assert sum(c.passage.kind == "table_row" for c in answer.citations) >= 4


def test_a_kind_compared_with_something_else_is_no_list(tutor):
    answer = tutor.answer("How do growth hormone peptides differ from direct GH administration?")
    assert "Unlike direct GH administration" in answer.text


def test_and_then_what_happens_is_read_as_and_then(tutor):
    """A blind writer's: "and then what happens?" after SERMs was glued to the last question ("how do
    then what happens restart testosterone production?"). It asks for the next step, like "and then?"."""
    conversation = Conversation()
    tutor.answer("how do SERMs restart testosterone production?", conversation)
    answer = tutor.answer("and then what happens?", conversation)
    assert answer.reading == "continue" and "then what happens restart" not in answer.resolved_question


def test_is_that_permanent_is_read_with_the_quote_that_answered(tutor):
    """A blind writer's: "is that permanent?" after "why does testosterone therapy shut down your own
    production?" was read with the answer's first quote, on protocols for coming off TRT, and said the
    text had no more; the claim it asks about is the quote closest to the question (the feedback)."""
    conversation = Conversation()
    first = tutor.answer("why does testosterone therapy shut down your own production?", conversation)
    assert "brain perceives adequate levels" in first.text and conversation.last_answered.claim.startswith("For instance")
    answer = tutor.answer("is that permanent?", conversation)
    assert answer.status == "answered" and "says no more" not in (answer.note or "")


def test_what_forms_it_comes_in_asks_for_a_route(tutor):
    """A blind writer's: "What forms does it come in for women?" after testosterone for women quoted
    that passage again, which names no form; the passages that do (pellets, injections) answer."""
    conversation = Conversation()
    tutor.answer("I'm 62 and well past the change. Do women actually need any testosterone?", conversation)
    answer = tutor.answer("What forms does it come in for women?", conversation)
    assert answer.status == "answered" and ("pellets" in answer.text or "injections" in answer.text), answer.text


@pytest.mark.parametrize("question, status", [
    ("Which of the two, tamoxifen or clomiphene, gives better results?", "not_covered"),   # a blind writer's
    ("is clomid better than tamoxifen", "not_covered"),
    ("which peptide is best for sleep", "answered"),     # which ones are for sleep: the table says
])
def test_which_of_two_is_better_needs_a_comparison_the_text_makes(tutor, question, status):
    """How each of two medicines works says nothing of which is better; the text's silence is said
    unless it compares them ("may be more effective than …", a teacher's sheet)."""
    assert tutor.answer(question).status == status


def test_which_one_is_better_after_two_were_compared_is_not_answered_with_one_of_them(tutor):
    """An exploratory tester's: "which one is better?" after Clomid and Tamoxifen were compared
    repeated Clomid's item ("the text says no more"); the text ranks neither."""
    conversation = Conversation()
    tutor.answer("what is the difference between clomid and tamoxifen?", conversation)
    assert tutor.answer("which one is better?", conversation).status == "not_covered"
    assert tutor.answer("which is best for sleep?", Conversation()).status == "answered"
    assert tutor.answer("which is better for sleep?", Conversation()).status == "answered"     # which ones are


def test_the_two_stands_for_the_two_just_spoken_of(tutor):
    """A blind writer's: "what are the two supposed to do for you?" after "Why do people pair
    ipamorelin with CJC-1295?" was read alone and not covered; "the two" points back like "they"."""
    conversation = Conversation()
    tutor.answer("Why do people pair ipamorelin with CJC-1295?", conversation)
    answer = tutor.answer("what are the two supposed to do for you?", conversation)
    assert answer.status == "answered" and "the two" not in answer.resolved_question
    assert "fat loss" in answer.text


def test_a_form_of_go_or_do_names_no_topic_the_text_lacks(tutor):
    """A blind writer's: "does it matter whether she's gone through menopause or not?" after
    progesterone was said to be something the text does not say, for want of "gone" (a form of
    "go", which names nothing), though the answer had just quoted "… based on menopausal status"."""
    conversation = Conversation()
    tutor.answer("My wife's doctor brought up progesterone. What is it used for?", conversation)
    answer = tutor.answer("does it matter whether she's gone through menopause or not?", conversation)
    assert answer.status == "answered" and "menopausal status" in answer.text, answer.text


def test_what_sources_does_it_cite_after_who_wrote_this_is_about_the_text(tutor):
    """A tester's: the tutor's own hint after "who wrote this?" is to ask what sources the text
    cites; "what sources does it cite" was read as "… does Clomid cite" (the subject before) and
    gave one reference. The text was the last thing spoken of."""
    conversation = Conversation()
    for question in ("whats clomid", "who wrote this"):
        tutor.answer(question, conversation)
    answer = tutor.answer("what sources does it cite", conversation)
    assert answer.resolved_question == "what sources does it cite" and len(answer.citations) >= 8
    assert {c.passage.kind for c in answer.citations} == {"reference"}


def test_the_difference_between_them_compares_the_last_two_subjects_asked_about(tutor):
    """An exploratory tester's: "whats clomid", "and tamoxifen?", "whats the difference between
    them" compared LH and FSH, the pair the last answer named. "them" and "the two" in a comparison
    are the last two subjects the learner asked about, or the two the last question named."""
    conversation = Conversation()
    for question in ("whats clomid", "and tamoxifen?"):
        tutor.answer(question, conversation)
    answer = tutor.answer("whats the difference between them", conversation)
    assert answer.reading == "compare" and answer.resolved_question == "whats the difference between Clomid and Tamoxifen"
    assert {c.passage.id.rsplit("/", 1)[1] for c in answer.citations[:2]} == {"clomid-clomiphene-citrate", "tamoxifen"}
    conversation = Conversation()
    tutor.answer("what do LH and FSH do", conversation)
    assert tutor.answer("how do the two differ?", conversation).resolved_question == "how do LH and FSH differ?"


def test_they_is_the_plural_subject_not_the_singular_one_beside_it(tutor):
    """"will they go back to normal?" after a question on TRT and Leydig cells was read as "will
    testosterone replacement therapy and Leydig cells go back …" (a tester's, after one on TRT)."""
    conversation = Conversation()
    tutor.answer("how does trt affect leydig cells", conversation)
    assert tutor.answer("will they go back to normal?", conversation).resolved_question == \
        "will Leydig cells go back to normal?"
    conversation = Conversation()
    tutor.answer("what is the difference between clomid and tamoxifen", conversation)
    both = tutor.answer("do they both raise LH?", conversation).resolved_question
    assert "Clomid" in both and "Tamoxifen" in both             # two singulars together are still "they"


@pytest.mark.parametrize("turns, named", [(["what are SERMs?", "how do they work?"], "how do SERMs work?"),
                                          (["what are SERMs?", "name some", "how do they work?"], "how do SERMs work?"),
                                          (["what are exogenous hormones", "why do they shut down your own production"],
                                           "why do exogenous hormones shut down your own production")])
def test_they_is_the_subject_the_learner_named_in_the_plural(tutor, turns, named):
    """"what are SERMs?", "how do they work?" was read as "how do LH and FSH work?", the pair the
    answer named, because the glossary's term is the singular "SERM"; "they" after "what are
    exogenous hormones" became "hormone levels", a plural the answer named, since the term the
    learner typed is singular in the glossary."""
    conversation = Conversation()
    for question in turns[:-1]:
        tutor.answer(question, conversation)
    assert tutor.answer(turns[-1], conversation).resolved_question == named


def test_a_two_word_question_is_whole_not_the_last_one_about_a_new_subject(tutor):
    """"whats clomid" after "do leydig cells shrink?" was read as "do clomid shrink?" (a tester's);
    a bare "hexarelin?" after a question on Sermorelin is still that question about Hexarelin."""
    conversation = Conversation()
    tutor.answer("do leydig cells shrink?", conversation)
    assert tutor.answer("whats clomid", conversation).resolved_question == "whats clomid"
    conversation = Conversation()
    tutor.answer("what is sermorelin?", conversation)
    assert tutor.answer("hexarelin?", conversation).resolved_question == "what is hexarelin?"


def test_rewriting_a_follow_up_leaves_the_words_around_the_subject_whole(tutor):
    """"tamox" (an alias) inside the typo "tamoxifan" made "Tamoxifen and Clomidifan"; "its own"
    after "the body" became "testosterone’s own hormones" (a tester's)."""
    conversation = Conversation()
    tutor.answer("how does tamoxifan raise testostrone", conversation)
    answer = tutor.answer("is that the same for clomid?", conversation)
    assert answer.resolved_question == "how does Tamoxifen and Clomid raise testostrone"
    conversation = Conversation()
    tutor.answer("does stress affect testosterone?", conversation)
    question = "what lifestyle things help the body make its own hormones again?"
    assert tutor.answer(question, conversation).resolved_question == question


def test_a_follow_up_on_a_claim_that_cites_research_is_not_a_question_about_sources(tutor):
    """"is that permanent?" after "Research indicates that …" quoted the Khera review from the
    reference list, which answers only questions about sources (a tester's)."""
    from tutor.core.vocab import PassageKind

    conversation = Conversation()
    first = tutor.answer("how long does it take for the HPG axis to recover after stopping TRT?", conversation)
    assert first.quotes[0].text.startswith("Research indicates")
    answer = tutor.answer("is that permanent?", conversation)
    assert answer.citations and all(c.passage.kind != PassageKind.REFERENCE for c in answer.citations)


def test_a_comparison_of_two_named_things_quotes_only_their_passages(tutor):
    """The women's section's "When administered, typically in very low doses, it …", quoted after
    Clomid's item, read as Clomid for women (a tester's)."""
    conversation = Conversation()
    tutor.answer("how does tamoxifen raise testosterone", conversation)
    answer = tutor.answer("is that the same for clomid?", conversation)
    assert answer.reading == "compare"
    cited = {c.passage.id for c in answer.citations}
    assert cited == {"intermediate/testosterone-recalibration-protocols-for-men/tamoxifen",
                     "intermediate/testosterone-recalibration-protocols-for-men/clomid-clomiphene-citrate"}, cited
    assert "very low doses" not in answer.text


def test_a_comparison_leaves_out_a_third_item_that_only_compares_itself_with_a_side(tutor):
    """Clomid's item opens "Similar to Tamoxifen, …": it names a side, but it is about Clomid, and
    "tamoxifen vs anastrozole" quoted all three items (a blind tester's)."""
    answer = tutor.answer("difference between tamoxifen and anastrozole?")
    cited = {c.passage.id.rsplit("/", 1)[-1] for c in answer.citations}
    assert cited == {"tamoxifen", "anastrozole"}, cited
    assert "Clomid" not in answer.text


def test_a_message_of_two_asks_is_silent_only_when_the_text_is_silent_on_both(tutor):
    """The text says what Leydig cells are; that it does not say "asleep" leaves the other ask
    unanswered, not the whole message."""
    answer = tutor.answer("what are leydig cells and why did my doctor say mine might be 'asleep'?")
    assert answer.status == "answered"
    assert answer.citations[0].passage.id.startswith("academic/cellular-mechanisms-of-gonadal-reactivation/")
    answer = tutor.answer("which company makes ipamorelin and is it fda approved?")
    assert answer.status == "not_covered" and "The text never uses the words “company” or “fda”" in answer.text


def test_a_why_question_in_a_learners_own_words_is_not_a_silence(tutor):
    """"flat and foggy" are not the text's words for how stopping TRT feels; the question asks
    for the explanation the text gives (a fresh blind learner's question). The guard answers it
    too: both clauses ask for a cause or a process."""
    answer = tutor.answer("why do i feel so flat and foggy now that ive stopped trt, what is my body actually doing")
    assert answer.status == "answered" and answer.quotes


def test_a_word_the_text_uses_but_never_explains_is_shown_where_it_is_used(tutor):
    """"disinhibiting" is not a glossary term, no sentence defines it, and the text names it only in
    passing: the text does not say what it means (independent writers marked every such question
    so: titration, subcutaneous, rate-limiting, osteopenia), but the learner is shown the sentence
    that uses it (a fresh blind learner's question, once answered with that sentence as if it
    explained the word), and Clomid's item, found by its name, is not quoted instead."""
    for question in ("what does 'disinhibiting' mean. doc said the clomid disinhibits my brain signals",
                     "what is meant by disinhibiting?"):
        answer = tutor.answer(question)
        assert answer.status == "not_covered" and not answer.quotes, question
        assert "doesn’t define “disinhibiting”" in answer.message and "disinhibiting GnRH" in answer.message
    subcutaneous = tutor.answer("What does subcutaneous mean?")
    assert subcutaneous.status == "not_covered" and "[dose details omitted]" in subcutaneous.message
    assert not re.search(r"\d", subcutaneous.message.split("/source")[0]), subcutaneous.message
    assert tutor.answer("what does that mean for me?").status != "answered"


@pytest.mark.parametrize("question", [
    "what is a SERM",                       # a glossary term
    "what is stress",                       # a sentence is about it: "… chronic stress can activate …"
    "what is aromatase",                    # "This aromatase inhibitor reduces …"
    "what does pulsatile mean here",        # a glossary term
    "what does hexarelin do and what does cardioprotective mean in that context?",   # one of two asks
])
def test_a_word_the_text_speaks_of_or_defines_is_answered(tutor, question):
    assert tutor.answer(question).status == "answered", question


@pytest.mark.parametrize("question, word", [
    ("what does 'disinhibiting' mean?", "disinhibiting"), ("whats HPG mean", "HPG"),
    ("What does “negative feedback” mean here?", "negative feedback"), ("define pulsatile", "pulsatile"),
    ("what does that mean for me", None), ("what does low T mean for my fertility", None),
    ("so what does this all mean", None),
])
def test_the_word_whose_meaning_is_asked(question, word):
    from tutor.core.clauses import meaning_asked

    assert meaning_asked(question) == word


def test_an_everyday_word_the_text_lacks_names_no_topic_when_it_changes_nothing_asked(tutor):
    """"a bunch of meds" means what "meds" means; "statins" is what the question is about. Both
    words are absent from the text, and only the meaning of the question without them tells them
    apart (fresh blind learners' questions and eval/out-of-scope.yaml)."""
    answer = tutor.answer("why do they mix a bunch of different meds when someone is restarting instead of just one thing")
    assert answer.status == "answered" and "combination of medications" in answer.text
    assert tutor.answer("how do statins lower cholesterol").status == "not_covered"
    assert tutor.answer("how do broken bones heal").status == "not_covered"


def test_the_article_is_the_text_itself_not_a_question_about_sources(tutor):
    """"the middle part of the article keeps saying 'recalibrate'" speaks of the text; only the
    reference list was searched for it, and nothing was quoted (a fresh blind learner's)."""
    from tutor.core.clauses import ABOUT_SOURCES

    question = ("the middle part of the article keeps saying 'recalibrate' the endocrine system after a period "
                "of outside support. recalibrate how, what does that actually mean happening in a body")
    answer = tutor.answer(question)
    assert answer.status == "answered" and "recalibrate the endocrine system" in answer.text
    assert ABOUT_SOURCES.search("what articles does the text cite?")


def test_an_exclamation_in_a_question_names_no_topic(tutor):
    """"heck" asks for nothing the secretagogue passage could lack."""
    answer = tutor.answer("what the heck is a GH secretagogue")
    assert answer.status == "answered" and "secretagogue" in answer.text.lower()


def test_a_request_put_as_a_question_asks_for_the_whole_subject(tutor):
    """"can you walk me through it slowly" asks nothing the text could be silent on ("slowly")."""
    answer = tutor.answer("honestly i dont get feedback loops. my endo used a thermostat analogy and lost me. "
                          "can you walk me through it slowly")
    assert answer.status == "answered" and "feedback" in " ".join(q.text for q in answer.quotes)


def test_the_askers_story_after_a_comma_is_not_what_is_asked(tutor):
    answer = tutor.answer("ok whats a SERM, my coworker keeps mentioning it")
    assert answer.status == "answered"
    assert "selective estrogen receptor modulator" in " ".join(q.text for q in answer.quotes)


def test_a_word_with_a_near_synonym_in_the_text_names_no_missing_topic(tutor):
    """"length" is not a subject the text lacks: it says "duration"; a made-up word still is."""
    asked = "why does the {} of earlier therapy matter for how well natural production comes back?"
    answer = tutor.answer(asked.format("length"))
    assert answer.status == "answered" and "duration and dosage of prior exogenous therapy" in answer.text
    assert tutor.answer(asked.format("zorblaxing")).status == "not_covered"


def test_another_form_of_a_word_the_text_uses_is_known(tutor):
    """"mimicry" is not a topic the text never mentions: the text says "mimics"."""
    answer = tutor.answer("what does ghrelin mimicry mean?")
    assert answer.status == "answered" and "ghrelin" in " ".join(q.text for q in answer.quotes).lower()


@pytest.mark.parametrize("question, asked, specific", [
    ("my endo said 'negative feedback' and I just nodded. what does it mean?", "what does it mean?", "what does it mean?"),
    ("ok whats a SERM, my coworker keeps mentioning it", "ok whats a SERM", "ok whats a SERM"),
    ('the nurse said it "keeps things working." What does gonadorelin do?', "What does gonadorelin do?",
     "What does gonadorelin do?"),
    ("Help me get my head around Gonadorelin. What does it do?", "Help me get my head around Gonadorelin. What does it do?",
     "What does it do?"),
    ("I'd like to understand how bremelanotide works.", "I'd like to understand how bremelanotide works.", ""),
    ("i dont get feedback loops. can you walk me through it slowly", "can you walk me through it slowly", ""),
    ("can you explain why clomid raises LH?", "can you explain why clomid raises LH?", "can you explain why clomid raises LH?"),
])
def test_what_a_question_asks_is_read_from_its_clauses(question, asked, specific):
    from tutor.core.clauses import focus, questions_in

    assert focus(question) == asked and questions_in(question) == specific


@pytest.mark.parametrize("question, asks, only_why", [
    ("what are leydig cells and why are mine asleep?", ["what are leydig cells", "why are mine asleep?"], False),
    ("my friend doesn't need it like i do. why would that be?", ["why would that be?"], True),
    ("so how come my libido dropped?", ["so how come my libido dropped?"], True),
    ("why is my skin darker, could it be addisons?", ["why is my skin darker", "could it be addisons?"], False),
    ("why should I stop my TRT?", ["why should I stop my TRT?"], False),
    ("is that why i'm tired?", ["is that why i'm tired?"], False),
    ("what is happening in my body after i stopped trt", ["what is happening in my body after i stopped trt"], True),
    ("what is my pituitary actually doing?", ["what is my pituitary actually doing?"], True),
    ("whats physically happening to the cells in there", ["whats physically happening to the cells in there"], True),
    ("what happens if i stop my trt?", ["what happens if i stop my trt?"], False),
    ("took 20 pills, what happens now", ["what happens now"], False),
    ("what does that mean for me?", ["what does that mean for me?"], False),
])
def test_each_ask_of_a_message_is_read_on_its_own(question, asks, only_why):
    from tutor.core.clauses import asks_in, asks_only_for_mechanisms

    assert asks_in(question) == asks and asks_only_for_mechanisms(question) is only_why


def test_glossary_entry_shown_when_the_question_names_a_term(tutor):
    cases = [c for c in single("answered") if c["expect"].get("glossary")]
    shown = sum(c["expect"]["glossary"] in [g.term for g in tutor.answer(c["question"]).glossary] for c in cases)
    assert len(cases) >= 10 and shown / len(cases) >= 0.9


def test_not_covered_names_the_closest_section_when_there_is_one(tutor):
    answer = tutor.answer("What are statins used for?")
    assert answer.status == "not_covered"
    assert "The closest section is " in answer.text and "/source " in answer.text
    unrelated = tutor.answer("What is the capital of France?")
    assert unrelated.status == "not_covered" and "closest section" not in unrelated.text


def test_a_bibliography_entry_ranks_first_only_for_a_question_about_sources(tutor):
    """A reference title shares words with many questions ("post-finasteride", "Steroids") but
    explains nothing: it may lead the ranking, and be the closest section, only when sources are asked for."""
    for question in ("what happens in post-finasteride syndrome?", "what causes precocious puberty?"):
        hits = tutor.retriever.search(question).hits
        assert hits[0].passage.kind != "reference"
        assert "closest section is References" not in tutor.answer(question).text
    asked = tutor.retriever.search("what research is cited about trt's effects on the hpg axis").hits
    assert asked[0].passage.kind == "reference"


def test_dialogues_resolve_follow_ups(tutor):
    dialogues = [c for c in SUITE if "turns" in c]
    hits = total = 0
    for case in dialogues:
        conversation = Conversation()
        for turn in case["turns"]:
            answer = tutor.answer(turn["question"], conversation)
            expect = turn.get("expect") or {}
            if expect.get("status", "answered") == "answered":
                total += 1
                hits += any(relevant(c, expect["evidence"]) for c in answer.citations)
            else:
                assert answer.status == expect["status"], (case["id"], turn["question"])
    assert len(dialogues) >= 15 and hits / total >= 0.88


@pytest.mark.parametrize("question", ["ok i read all this, now what?", "whats the takeaway",
                                      "where do I go from here?", "how should I use all this information?"])
def test_closing_questions_are_answered_from_the_reflection(tutor, question):
    """Questions about the text as a whole share no words with it; its Reflection answers them."""
    answer = tutor.answer(question)
    assert answer.status == "answered" and answer.citations[0].passage.tier == "Reflection"


def test_a_closing_phrase_about_a_named_subject_stays_on_that_subject(tutor):
    answer = tutor.answer("what are the next steps after stopping TRT?")
    assert answer.status == "answered" and answer.citations[0].passage.tier != "Reflection"


def test_a_whole_question_after_and_is_asked_as_it_is_not_swapped_into_the_last(tutor):
    """"and what does gnrh do" after "whats the hpg axis" was read as the last question about GnRH
    ("whats the gnrh", a blind dialogue writer's) and told the text says no more."""
    conversation = Conversation()
    tutor.answer("whats the hpg axis", conversation)
    answer = tutor.answer("and what does gnrh do", conversation)
    assert answer.resolved_question == "and what does gnrh do" and answer.reading == "new"
    assert "This signals the pituitary gland to release" in answer.text and "says no more" not in answer.text, answer.text
    swapped = tutor.answer("and tamoxifen?", conversation)      # a bare subject is still the last question's
    assert swapped.reading == "swap", swapped.resolved_question


def test_a_plural_pronoun_stands_for_the_two_things_just_named_together(tutor):
    """"those" after an answer whose last pair is "... produce sex hormones like testosterone and
    estrogen" means those two, not the conversation's topic (the hypothalamus, GnRH)."""
    conversation = Conversation()
    tutor.answer("What does the hypothalamus release to start testosterone production?", conversation)
    tutor.answer("and then?", conversation)
    assert conversation.turns[-1].pair == ["testosterone", "estrogen"]
    answer = tutor.answer("what do those do?", conversation)
    assert answer.resolved_question == "what do testosterone and estrogen do?"


@pytest.mark.parametrize("first, follow_up, evidence", [
    ("Why would a man need a protocol to restart his own testosterone after TRT?", "what sort of meds do they use",
     "a combination of medications that work synergistically"),
    ("what are growth hormone peptides for", "why not just take gh straight up",
     "Unlike direct GH administration, which can suppress natural production"),
    ("does lifestyle matter for getting my natural hormones back", "how does stress mess with it",
     "chronic stress can activate the hypothalamic-pituitary-adrenal (HPA) axis"),
])
def test_a_follow_up_is_answered_from_what_its_readings_agree_on(tutor, first, follow_up, evidence):
    """The rules' reading of a follow-up, the question alone and the question with the last one
    each miss some follow-ups; ranked together they find the passage meant (dialogues-dev2)."""
    conversation = Conversation()
    tutor.answer(first, conversation)
    answer = tutor.answer(follow_up, conversation)
    assert any(relevant(c, [evidence]) for c in answer.citations[:3]), answer.text


def test_a_pronoun_before_a_newly_named_subject_stands_for_the_last_one(tutor):
    """"what happens to them on trt?" after Leydig cells: "them" comes before TRT is named, so it
    can only mean the cells (it was read as a new question about TRT in a fresh dialogue set);
    after the subject it is the question's own ("what is TRT and how does it work?")."""
    conversation = Conversation()
    tutor.answer("what do leydig cells do", conversation)
    answer = tutor.answer("what happens to them on trt?", conversation)
    assert answer.resolved_question == "what happens to Leydig cells on trt?"
    assert any(relevant(c, ["can become quiescent or even undergo atrophy"]) for c in answer.citations[:3]), answer.text
    own = tutor.answer("what is TRT and how does it work?", conversation)
    assert own.resolved_question == "what is TRT and how does it work?"


@pytest.mark.parametrize("question", ["why does taking testosterone shut down your own production",
                                      "how do statins lower cholesterol", "how does creatine make muscles stronger"])
def test_a_question_that_stands_alone_is_answered_as_if_asked_first(tutor, question):
    """A reviewer's: ranked with the last question ("How does tamoxifen work?"), a fresh question
    cited Tamoxifen, and two the text does not cover were answered from it."""
    alone = tutor.answer(question)
    conversation = Conversation()
    tutor.answer("How does tamoxifen work?", conversation)
    after = tutor.answer(question, conversation)
    assert after.status == alone.status
    assert [c.passage.id for c in after.citations[:1]] == [c.passage.id for c in alone.citations[:1]]


@pytest.mark.parametrize("question", ["how do statins lower cholesterol", "how does creatine make muscles stronger"])
def test_a_question_the_text_does_not_cover_stays_so_whatever_came_before(tutor, question):
    conversation = Conversation()
    tutor.answer("How does tamoxifen work?", conversation)
    assert tutor.answer(question, conversation).status == "not_covered"


@pytest.mark.parametrize("question, sides", [
    ("LH vs FSH - what does each one actually do inside the testes?", (["LH"], ["FSH"])),
    ("leydig cells vs sertoli cells?", (["Leydig cell"], ["Sertoli cell"])),
])
def test_each_side_of_a_comparison_gets_a_sentence_about_it_alone(tutor, question, sides):
    """"This signals the pituitary gland to release LH and FSH" says what the two share, not what
    each does; each side needs a sentence of its own (answers-dev)."""
    answer = tutor.answer(question)
    quotes = [q.text for q in answer.quotes]
    for mine, other in (sides, sides[::-1]):
        assert any(names_in(q, mine, shared_head=True) and not names_in(q, other, shared_head=True) for q in quotes), (mine, quotes)


def test_a_sentence_that_leans_on_the_one_before_stays_after_it_in_a_comparison(tutor):
    """Ordered side by side, "This signals the pituitary gland to release LH and FSH" came first,
    before the sentence it leans on (an exploratory tester saw "It works by making the pancreas
    release more insulin", about gliclazide, read as about metformin)."""
    quotes = [q.text for q in tutor.answer("what do the hypothalamus and the pituitary each do in hormone production").quotes]
    signals = next(n for n, q in enumerate(quotes) if q.startswith("This signals the pituitary"))
    assert signals > 0 and "releases gonadotropin-releasing hormone" in quotes[signals - 1], quotes


@pytest.mark.parametrize("sentence, shown", [("It is usually taken as 40 mg once a day with breakfast.", False),
                                             ("Check your feet every day for cuts, blisters and sores.", True),
                                             ("Clomid is also a SERM.", True),
                                             # a tester's: only dose words were left beside the omissions
                                             ("A typical starting dose is one-quarter to one-half of a 2.5 milligram "
                                              "(mg) tablet taken at bedtime with a snack.", False),
                                             ("Because bromocriptine is short acting, it should be taken either twice "
                                              "or three times daily.", True)])
def test_a_sentence_that_says_nothing_once_its_dose_is_omitted_is_not_quoted(sentence, shown):
    from tutor.core.answer.select import says_something

    assert says_something(sentence) is shown


def test_a_sentence_that_leans_on_the_one_before_is_embedded_with_it():
    """"It lowers the amount of glucose the liver releases…" alone does not say what "it" is;
    embedded with the sentence before, it answers "what does metformin do?" (a tester's handout)."""
    from tutor.core.corpus.parse import parse_markdown
    from tutor.core.search.units import unit_texts

    first = "Metformin is usually the first medicine offered for type 2 diabetes by most doctors."
    then = "It lowers the amount of glucose the liver releases into the blood."
    texts = unit_texts(parse_markdown(f"# Diabetes\n\n## Metformin\n\n{first} {then}\n", "d.md", "Diabetes").passages)
    assert texts == [first, f"{first} {then}"]


def test_the_rest_of_a_list_of_cases_is_quoted_with_what_it_continues():
    """"Rarely, … is caused by cancer" alone answered "what causes primary hyperparathyroidism?"
    as if cancer were the cause; it continues "In about 80 percent … an adenoma" (a teacher's
    text). A run that starts on it reads back to the start of the cases."""
    import numpy as np

    from tutor.core.answer.select import _run
    from tutor.core.corpus.parse import parse_markdown
    from tutor.core.search.profile import DEFAULT
    from tutor.core.search.units import Units, unit_texts

    cases = ["In about 80 percent of people, a benign tumor called an adenoma has formed in one gland.",
             "In most other cases, the excess hormone comes from two or more overactive glands.",
             "Rarely, the disorder is caused by cancer of a gland."]
    passages = parse_markdown("# Disorder\n\n## Causes\n\n" + " ".join(cases) + "\n", "d.md", "Disorder").passages
    units = Units(passages, np.zeros((len(unit_texts(passages)), 4), np.float32))
    rarely = next(u for u in units.all if units.text(u) == cases[2])
    assert [units.text(u) for u in _run(rarely, np.zeros(4, np.float32), units, DEFAULT)] == cases


@pytest.mark.parametrize("sentence, leans", [
    ("In most such cases, however, the parathyroid glands function normally.", True),   # a tester's
    ("For these people, surgery is the only definitive treatment.", True),
    # a blind writer's key sentence after "… exogenous hormones, which are hormones introduced from outside"
    ("While these interventions can help, they can also signal to the body to stop.", True),
    ("When this gland is removed, calcium levels fall.", True),
    ("While rare, the tumor can grow back.", False),
    ("The glands, however, are small.", True),
    ("In the United States, about 100,000 people develop it each year.", False),
    ("In men, the most common symptom is erectile dysfunction.", False),
    ("Testosterone, the main male hormone, is made in the testes.", False),
])
def test_a_sentence_whose_first_phrase_points_back_is_read_with_the_one_before(sentence, leans):
    """"In most such cases, however, the parathyroid glands function normally." was quoted first,
    alone, for "what does the parathyroid do"; what "such cases" are is in the sentence before."""
    import numpy as np

    from tutor.core.corpus.parse import parse_markdown
    from tutor.core.search.units import Units, unit_texts

    text = "A person is sometimes born with a gland in another place. " + sentence
    passages = parse_markdown(f"# Glands\n\n## About\n\n{text}\n", "g.md", "Glands").passages
    units = Units(passages, np.zeros((len(unit_texts(passages)), 4), np.float32))
    assert units.leans_back(units.all[-1]) == leans
    assert (unit_texts(passages)[-1] == text) == leans      # embedded with what it leans on


def test_each_side_of_a_contrast_is_what_the_glossary_says_it_is(tutor):
    """"Leydig cells vs Sertoli cells": the sentence about LH signalling for Leydig steroidogenesis
    names Leydig cells alone, but says what they do in recovery, not what they are."""
    quoted = " ".join(q.text for q in tutor.answer("leydig cells vs sertoli cells?").quotes)
    for term in ("Leydig cells", "Sertoli cells"):
        assert tutor.glossary.lookup(term).definition in quoted, term


def test_simpler_speaks_of_the_specific_subject_or_says_there_is_nothing_simpler(tutor):
    """After "How does clomid raise testosterone?", /simpler quoted Fundamentals sentences about
    testosterone in general, none about Clomid (a tester's): an everyday word of the topic
    ("testosterone") is not what the question was about."""
    conversation = Conversation()
    tutor.answer("How does clomid raise testosterone?", conversation)
    answer = tutor.answer("explain that more simply", conversation)
    assert answer.reading == "simpler"
    assert "clomid" in " ".join(q.text for q in answer.quotes).lower() or "nothing simpler on Clomid" in answer.text


def test_a_why_read_with_the_last_claim_is_no_comparison_of_the_terms_it_names(tutor):
    """Found re-reading the change: "why?" after "what does tamoxifen do?" is read with the claim
    "… on the hypothalamus and pituitary", whose "and" and many terms made a sentence be sought
    for each term: six passages, 951 characters. What the learner typed decides whether they compare."""
    conversation = Conversation()
    tutor.answer("what does tamoxifen do?", conversation)
    answer = tutor.answer("why?", conversation)
    assert answer.reading == "ellipsis" and len(answer.citations) <= 2 and len(answer.text) < 600, answer.text


def test_the_other_one_is_the_second_subject_not_a_new_one(tutor):
    """"and the other one?" after "What are tamoxifen and clomid?" was read as the last question
    about a subject called "the other one" ("What are the other one and clomid?")."""
    conversation = Conversation()
    tutor.answer("What are tamoxifen and clomid?", conversation)
    answer = tutor.answer("and the other one?", conversation)
    assert "other one" not in answer.resolved_question and "Clomid" in answer.resolved_question
    assert answer.citations[0].passage.id.endswith("clomid-clomiphene-citrate")


def test_which_over_a_table_quotes_every_row_that_fits(tutor):
    """"which peptide helps with sleep?" quoted Sermorelin's row only; MK-677's says "improved sleep"
    too. A row that shares only part of what is asked is no answer ("mimics ghrelin": Sermorelin
    mimics GHRH)."""
    sleep = [c.passage.id.rsplit("/", 1)[-1] for c in tutor.answer("which peptide is supposed to help with sleep?").citations]
    assert sleep[:2] == ["sermorelin", "mk-677-ibutamoren"], sleep
    ghrelin = [c.passage.id.rsplit("/", 1)[-1] for c in tutor.answer("which one mimics ghrelin?").citations]
    assert ghrelin == ["mk-677-ibutamoren"], ghrelin


def test_which_answered_from_prose_also_quotes_the_item_asked_for(tutor):
    """"which growth hormone peptide copies ghrelin?" quoted only the prose "these peptides work by
    mimicking … GHRH or ghrelin" (issue 13's example): the row that mimics ghrelin is the answer."""
    answer = tutor.answer("which growth hormone peptide copies ghrelin?")
    cited = [c.passage.id.rsplit("/", 1)[-1] for c in answer.citations]
    assert "mk-677-ibutamoren" in cited and "MK-677" in answer.text, (cited, answer.text)
    assert not {"sermorelin", "tesamorelin", "hexarelin"} & set(cited), cited


def test_tell_me_more_again_moves_on_instead_of_going_back(tutor):
    conversation = Conversation()
    seen = [c.passage.id for c in tutor.answer("What is sermorelin?", conversation).citations]
    for follow_up in ("tell me more", "tell me more", "anything else?"):
        answer = tutor.answer(follow_up, conversation)
        assert answer.reading == "more"
        cited = [c.passage.id for c in answer.citations]
        assert cited and not set(cited) & set(seen), (follow_up, cited, seen)
        seen += cited


def test_more_past_the_end_of_what_the_text_says_on_a_subject_says_so(tutor):
    """PT-141 after two rounds on anastrozole was quoted as if it were more on anastrozole."""
    conversation = Conversation()
    tutor.answer("What does anastrozole do?", conversation)
    answers = [tutor.answer(q, conversation) for q in ("tell me more", "anything else?")]
    for answer in answers:
        quoted = " ".join(q.text for q in answer.quotes)
        assert (answer.note or "").startswith("That is all the text says about Anastrozole") \
            == ("anastrozole" not in quoted.lower()), (answer.note, quoted)
    assert any((a.note or "").startswith("That is all the text says about Anastrozole") for a in answers)


def test_tell_me_more_moves_past_everything_quoted_since_the_question(tutor):
    """After "why?" and "and then?", "tell me more" repeated what "why?" had quoted (a tester's)."""
    conversation = Conversation()
    seen: set[str] = set()
    for question in ("What is the HPG axis?", "and then?", "why?", "and then?"):
        seen |= {c.passage.id for c in tutor.answer(question, conversation).citations}
    answer = tutor.answer("tell me more", conversation)
    assert answer.reading == "more" and answer.citations
    assert not {c.passage.id for c in answer.citations} & seen, answer.text


def test_and_then_reads_on_and_never_loops_back(tutor):
    conversation = Conversation()
    first = tutor.answer("What happens to the HPG axis on TRT?", conversation)
    quoted = [q.text for q in first.quotes]
    for turn in range(3):
        answer = tutor.answer("and then?", conversation)
        assert answer.reading == "continue"
        again = [q.text for q in answer.quotes if q.text in quoted]
        # only the first may begin with the step after what was asked, which the answer quoted, and says so
        assert not again or turn == 0 and answer.note.startswith("The last answer went as far as this") \
            and again == [answer.quotes[0].text], answer.text
        quoted += [q.text for q in answer.quotes]



def test_and_then_at_the_end_of_an_item_never_comes_back_to_it(tutor):
    """At the end of the Clomid item "and then?" looks elsewhere, leaving out the passages just
    quoted; the search for units that name a subject used to bring the Clomid item back."""
    conversation = Conversation()
    for question in ("How does clomid work?", "why?"):
        tutor.answer(question, conversation)
    said = set(conversation.turns[-1].passage_ids)
    answer = tutor.answer("and then?", conversation)
    assert answer.status == "answered" and not said & {c.passage.id for c in answer.citations}, answer.text


def test_and_then_at_the_end_of_the_text_says_so(tutor):
    conversation = Conversation()
    last = tutor.units.all[-1]
    tutor.answer("what does the text say at the very end?", conversation)
    conversation.turns[-1].quoted = [last.number]            # as if the last sentence had just been quoted
    answer = tutor.answer("and then?", conversation)
    assert answer.status == "not_covered" and "text ends" in answer.text


def test_the_conversation_remembers_the_reading_that_was_answered(tutor):
    """'and side effects?' is offered as a swap and answered as a question about Clomid; the next
    turn's 'it' is still Clomid, not 'side effects'."""
    conversation = Conversation()
    for question in ("What is clomid?", "and side effects?"):
        tutor.answer(question, conversation)
    answer = tutor.answer("who is it for?", conversation)
    assert "clomid" in answer.resolved_question.lower() and "side effects" not in answer.resolved_question.lower()


def test_he_and_she_are_people_not_the_topic(tutor):
    conversation = Conversation()
    tutor.answer("what does gonadorelin do?", conversation)
    reading = conversation.read("why does he get so tired since he stopped", tutor.glossary, tutor.retriever.is_common_term)
    assert "gonadorelin" not in reading.text.lower()


def test_a_quote_that_runs_on_into_a_list_brings_what_completes_it():
    """"…may contaminate foods such as" alone says nothing; a long first item is its own passage."""
    import numpy as np

    from tutor.core.answer.select import _completed
    from tutor.core.corpus.parse import parse_markdown
    from tutor.core.search.units import Units, unit_texts

    text = ("# Foodborne Illnesses\n\n## Causes\n\nHarmful chemicals that cause illness may contaminate foods such as\n\n"
            "- fish or shellfish, which may feed on algae that produce toxins, leading to high concentrations of toxins "
            "in their bodies. Some types of fish may be contaminated with bacteria that produce toxins.\n"
            "- certain types of wild mushrooms.\n\n## Symptoms\n\nSymptoms include vomiting.\n")
    passages = parse_markdown(text, "food.md", "Foodborne Illnesses").passages
    units = Units(passages, np.zeros((len(unit_texts(passages)), 4), np.float32))
    lead = next(u for u in units.all if units.text(u).endswith("such as"))
    whole = next(u for u in units.all if units.text(u) == "Symptoms include vomiting.")
    completed = _completed([lead, whole], units)
    assert [units.text(u) for u in completed][-1].startswith("fish or shellfish, which may feed on algae")
    assert len(completed) == 3                      # a whole sentence brings nothing


def test_a_teachers_text_names_its_subject_by_its_title():
    """No glossary names a new text's subject; its title does, for the silence check."""
    from tutor.core.answer.compose import _document_named
    from tutor.core.corpus.parse import parse_markdown

    text = "# Adrenal Insufficiency and Addison's Disease\n\n## Overview\n\nAddison's disease affects few people.\n"
    passage = parse_markdown(text, "ai.md", "Ai").passages[0]
    assert _document_named("is addisons contagious?", passage) == [["Adrenal Insufficiency and Addison's Disease", "addisons"]]
    assert _document_named("can my kids catch it?", passage) == []
    bundled = parse_markdown("# Fundamentals\n\n## Overview\n\nHormones are messengers.\n", "f.md", "F").passages[0]
    assert _document_named("what are the fundamentals of hormones?", bundled) == []


def test_the_text_says_what_it_is_about_with_a_teachers_file_too():
    from tutor.core.corpus.outline import BUNDLED_SUBJECT, subjects
    from tutor.core.corpus.parse import parse_markdown, parse_text
    from tutor.core.safety.messages import not_covered

    bundled = parse_text("Fundamentals\n\nHormones are messengers.\n", "b.txt", "B").passages
    teacher = parse_markdown("# Primary Hyperparathyroidism\n\n## Overview\n\nA disorder of the glands.\n", "p.md", "P").passages
    assert subjects(bundled + teacher) == [BUNDLED_SUBJECT, "Primary Hyperparathyroidism"]
    assert "and about Primary Hyperparathyroidism." in not_covered(None, None, about=subjects(bundled + teacher))
    assert not_covered(None, None, about=subjects(teacher)).startswith("The text doesn’t cover that — it is about Primary")


@pytest.mark.parametrize("question, kind", [("what is ferritin", "new"), ("does stress cause asthma", "new"),
                                            ("why?", "ellipsis"), ("how does it work?", "ellipsis"),
                                            ("why bother monitoring so closely?", "ellipsis")])
def test_after_an_answer_without_a_subject_only_a_question_that_leans_on_it_is_read_with_it(tutor, question, kind):
    """A teacher's text has no glossary, so its answers name no subject: read with the last claim,
    every later question ("what is ferritin") stayed on the passage just quoted."""
    from tutor.core.answer.conversation import Turn

    conversation = Conversation()
    conversation.record(Turn("what is an asthma action plan", "what is an asthma action plan", "answered", [],
                             ["asthma/action-plans/p1"], claim="An asthma action plan is a written plan."))
    reading = conversation.read(question, tutor.glossary)
    assert reading.kind == kind and (kind != "new" or reading.text == question and not reading.alternatives)


def test_asking_what_a_word_means_needs_nothing_from_the_conversation(tutor):
    """A blind dialogue writer's: "and what does endogenous mean" after an answer on the endocrine
    system was read as "… — endocrine system?" and quoted a sentence that uses the word, not the
    one that says what it means. "what does that mean?" still points back."""
    conversation = Conversation()
    tutor.answer("what does the endocrine system do?", conversation)
    reading = conversation.read("and what does endogenous mean", tutor.glossary, tutor.retriever.is_common_term)
    assert reading.kind == "new" and reading.text == "and what does endogenous mean" and not reading.alternatives
    answer = tutor.answer("and what does endogenous mean", conversation)
    assert any("refers to the body’s innate ability" in q.text for q in answer.quotes), answer.quotes
    that = conversation.read("what does that mean?", tutor.glossary)
    assert that.kind != "new" or that.alternatives


def test_a_passage_nobody_wrote_questions_for_leans_on_its_best_sentence(teacher_corpus, index):
    """A teacher's passage has no learner questions to bridge a lay question's words, so its best
    sentence's cosine counts for more than in a passage with questions (issue 18: hit@3 on unseen
    texts rose from 0.769 to 0.794)."""
    import numpy as np

    from tutor.core.search.embed import query_encoder
    from tutor.core.search.profile import DEFAULT
    from tutor.core.search.rank import Retriever
    from tutor.core.search.store import load_index

    assert DEFAULT.w_sentence_unasked > DEFAULT.w_sentence
    encoder = query_encoder()
    for idx, question, weight in ((load_index(*teacher_corpus), "which foods give the body iron?", DEFAULT.w_sentence_unasked),
                                  (index, "what does the pituitary release?", DEFAULT.w_sentence)):
        passage_only = Retriever(idx, encoder, profile=DEFAULT.replace(w_sentence=0.0, w_sentence_unasked=0.0))
        retriever = Retriever(idx, encoder)
        vector = retriever.prepare(question).vector
        cosine, blended = passage_only._dense(vector), retriever._dense(vector)
        rows = np.array([u.row for u in idx.units.all])
        sentences = idx.units.vectors @ vector
        checked = 0
        for row in set(cosine) & set(blended):
            best = float(sentences[rows == row].max())
            if abs(best - cosine[row]) > 0.02:
                assert blended[row] == pytest.approx((1 - weight) * cosine[row] + weight * best, abs=1e-4), row
                checked += 1
        assert checked >= 1


def test_a_lay_word_whose_nearest_word_the_quote_uses_is_not_missing_from_it(teacher_corpus):
    """"do pets set off asthma?" was said to be something a tester's asthma handout is silent on,
    beside its list with "animal fur": the silence check looked for "pets" itself. A word the text
    never uses is looked for as its nearest word in meaning, as keyword search already looks for it
    ("steak" → meat); a word with no near one ("lentils") is still missing."""
    from tutor.core.answer.tutor import Tutor, open_index
    from tutor.core.search.bm25 import tokenize
    from tutor.core.search.scope import _missing

    retriever = Tutor.from_index(open_index(*teacher_corpus)).retriever
    quoted = set(tokenize("Red meat, liver and beans are good sources of iron for the body."))
    for question, missing in (("is steak a good source of iron?", []), ("are lentils good for iron?", ["lentil"])):
        assert _missing(question, quoted, retriever.search(question), retriever)[1] == missing, question


def test_a_teachers_reference_list_answers_questions_about_sources_and_only_those(teacher_corpus):
    """A small text never uses "wrote" or "based", which made "who wrote the studies this is based
    on?" look like a topic it lacks; and "sources of iron" are foods, not the text's sources."""
    from tutor.core.answer.tutor import Tutor, open_index

    tutor = Tutor.from_index(open_index(*teacher_corpus))
    for question in ("what sources does the text cite?", "who wrote the studies this is based on?"):
        answer = tutor.answer(question)
        assert answer.status == "answered" and {c.passage.kind for c in answer.citations} == {"reference"}, question
    food = tutor.answer("what are good sources of iron in food?")
    assert food.status == "answered" and food.citations[0].passage.kind != "reference"


@pytest.fixture(scope="module")
def teachers_texts(tmp_path_factory):
    """A tutor over three small teachers' files (one index: each new text costs the guard a fit)."""
    from conftest import TEACHER_TEXT
    from tutor.core.answer.tutor import Tutor, open_index

    corpus = tmp_path_factory.mktemp("teachers") / "corpus"
    corpus.mkdir()
    (corpus / "iron.md").write_text(TEACHER_TEXT, encoding="utf-8")
    (corpus / "sleep.md").write_text("# Sleep Hygiene\n\n## Habits\n\nA dark, quiet room helps most adults "
                                     "fall asleep sooner.\n", encoding="utf-8")
    (corpus / "asthma.md").write_text(
        "# Asthma\n\n## Inhalers\n\nA reliever inhaler opens the airways within minutes.\n\n## Emergencies\n\n"
        "A severe asthma attack can be life-threatening. Call emergency services if the reliever does not help, "
        "if the child is too breathless to speak, or if the lips turn blue.\n\n## Devices\n\n"
        "Ask the asthma nurse before you stop using the spacer at school.\n\n"
        "Young children often use a spacer—a plastic tube that holds the medicine so it can be breathed in "
        "slowly.\n", encoding="utf-8")
    (corpus / "pituitary.md").write_text(
        "# Prolactinoma\n\n## Overview\n\nA prolactinoma is a benign tumor of the pituitary gland that makes too much "
        "prolactin. Prolactinomas are the most common kind of pituitary tumor.\n\n## Treatment\n\nThe goals of "
        "treatment are to bring hormone levels back to normal and shrink the tumor. Doctors first try a medicine that "
        "acts like dopamine; surgery is kept for the few people it does not help. Cabergoline should not be stopped "
        "without consulting a qualified endocrinologist.\n", encoding="utf-8")
    return Tutor.from_index(open_index(corpus, corpus.parent / "index"))


def test_the_sentence_listing_what_is_asked_is_quoted(tmp_path_factory):
    """An iron handout's tester: "what are the symptoms of anaemia?" quoted "Some people have no
    symptoms at all …" and not "Common symptoms include: …", two sentences on; "who is at risk?"
    quoted "Some groups are more likely to become low in iron." without "These include …". The
    sentence that lists the members asked for (the asked noun before "include"), or goes on to list
    those of a quoted sentence, is quoted too. ("at risk of" asks who gets it, not a medicine's
    risks: the second question had been said to be something the text is silent on.)"""
    sheet = a_sheet(tmp_path_factory, "anaemia",
        "# Anaemia\n\n## Who is at risk?\n\nSome groups are more likely to become low in iron. These include women "
        "with heavy periods, pregnant women and frequent blood donors.\n\n## Symptoms\n\nSome people have no symptoms "
        "at all, and the anaemia is found during a routine blood test. When symptoms do appear, they usually develop "
        "slowly. Common symptoms include:\n\n- tiredness and lack of energy\n- pale skin\n- headaches\n\n"
        "## Treatment\n\nIron tablets are the usual treatment.\n")
    symptoms = sheet.answer("what are the symptoms of anaemia?")
    assert symptoms.status == "answered" and "Common symptoms include: tiredness" in symptoms.text, symptoms.text
    # the list ends its sentence without a full stop, but the next heading ends it (stop 62)
    assert "Iron tablets" not in symptoms.text, symptoms.text
    risk = sheet.answer("who is at risk of anaemia?")
    assert risk.status == "answered" and "These include women with heavy periods" in risk.text, risk.text


def test_a_heading_shows_the_kind_of_fact_asked(tmp_path_factory):
    """"what are the risk factors for hypothyroidism?" found the sheet's "Risk factors" list first
    and quoted its complications, whose "increases the risk of heart disease" shows a risk
    (tests/data/hypothyroidism.md, a development sheet a helper wrote in stop 62): the heading the
    answer is cited under shows the kind of fact asked."""
    sheet = a_sheet(tmp_path_factory, "hypothyroidism", (ROOT / "tests/data/hypothyroidism.md").read_text(encoding="utf-8"),
                    beside_the_bundled_text=True)
    answer = sheet.answer("what are the risk factors for hypothyroidism?")
    assert answer.status == "answered" and answer.text.startswith("You are more likely to develop"), answer.text
    assert "Symptoms usually develop slowly" not in answer.text     # a heading ends the list's sentence


def test_a_procedure_is_quoted_from_its_first_step(tmp_path_factory):
    """"what to do in anaphylaxis" was answered from step 2 on ("Call 999 …"), never step 1, "Use
    an adrenaline auto-injector straight away" (an allergy handout's tester): the question matched
    the step that names anaphylaxis. For a question asking what to do, a numbered step leans on the
    step before it."""
    sheet = a_sheet(tmp_path_factory, "firstaid",
        "# Anaphylaxis\n\nAnaphylaxis is a severe allergic reaction that happens quickly.\n\n## What to do in anaphylaxis\n\n"
        "1. Use an adrenaline auto-injector straight away if one is available.\n2. Call 999 and say \"anaphylaxis\".\n"
        "3. Lie the person flat with their legs raised.\n\n## Causes\n\nFoods, insect stings and medicines are the most "
        "common causes.\n")
    answer = sheet.answer("what to do in anaphylaxis")
    assert answer.status == "answered" and answer.text.startswith("1. Use an adrenaline auto-injector"), answer.text
    assert "2. Call 999" in answer.text
    # a question about one step is answered by that step (a reviewer's: steps 7 to 10 for step 10)
    assert sheet.answer("why lie the person flat with their legs raised?").text.startswith("3. Lie the person flat")


@pytest.fixture(scope="module")
def asthma_sheet(tmp_path_factory):
    """tests/data/asthma-attack.md (an asthma handout's first sections and its first aid) beside the bundled text."""
    return a_sheet(tmp_path_factory, "attack", (ROOT / "tests/data/asthma-attack.md").read_text(encoding="utf-8"),
                          beside_the_bundled_text=True)


def test_a_follow_up_on_a_teachers_subject_is_answered_from_that_file(asthma_sheet):
    """"what about for kids?" after a kidney stones sheet's symptoms was read as "… kidney stones for
    kids?", and the answer went on about men coming off TRT from the bundled text beside it: the
    follow-up's own words, one of the readings that vote, match its "seeking to enhance fertility"
    (an exploratory tester's). An angle keeps its subject, so it keeps to the subject's file."""
    from tutor.core.answer.conversation import Conversation

    conversation = Conversation()
    first = asthma_sheet.answer("how do you treat an asthma attack", conversation)
    assert first.status == "answered" and first.citations[0].passage.id.startswith("asthma-"), first.text
    answer = asthma_sheet.answer("what about in women?", conversation)
    assert answer.reading == "angle" and "asthma" in answer.resolved_question, answer.resolved_question
    assert answer.status == "answered" and answer.citations, answer.text
    assert all(c.passage.source == first.citations[0].passage.source for c in answer.citations), \
        [c.passage.id for c in answer.citations]
    # an elliptical follow-up too: "is that permanent?" after a shingles handout's PHN added the bundled
    # text's "When external hormones are introduced, this delicate internal thermostat …" (a tester's)
    conversation = Conversation()
    first = asthma_sheet.answer("what is asthma", conversation)
    answer = asthma_sheet.answer("is that permanent?", conversation)
    assert answer.reading == "ellipsis" and answer.status == "answered", (answer.reading, answer.text)
    assert all(c.passage.source == first.citations[0].passage.source for c in answer.citations), \
        [c.passage.id for c in answer.citations]


def test_a_question_asking_what_to_do_is_answered_with_the_steps_under_its_heading(asthma_sheet):
    """An asthma handout's "what to do in an asthma attack", its section's heading word for word, quoted
    only the section's opening ("An asthma attack is when symptoms get much worse …"), not the steps
    below it (tests/data/asthma-attack.md is that handout's first sections and that one). A question
    asking what to do is answered from the numbered steps under the heading of the best passage,
    each step read with its amount hidden."""
    sheet = asthma_sheet
    for question in ("what to do in an asthma attack", "what should you do in an asthma attack"):
        attack = sheet.answer(question)
        assert attack.status == "answered" and "1. Sit up straight" in attack.text and "2. Take" in attack.text, \
            attack.text
        assert "30 to 60" not in attack.text and "10 puffs" not in attack.text


@pytest.mark.parametrize("question", ["what do i do if my child is having an asthma attack",
                                      "what should we do if my son has an asthma attack at school"])
def test_what_to_do_if_someone_has_an_attack_is_answered_with_the_texts_first_aid(asthma_sheet, question):
    """Refused as personal advice (testers of an asthma and a diabetes handout), with no steps and no
    number to call: the handout's first aid is written for its readers, so it is quoted, amounts
    hidden, with the emergency number said first."""
    answer = asthma_sheet.answer(question)
    assert answer.status == "answered" and "1. Sit up straight" in answer.text and "999" in answer.text, answer.text
    assert "30 to 60" not in answer.text and "10 puffs" not in answer.text


@pytest.mark.parametrize("question", ["what should i do if my estradiol is high",
                                      "what do i do if i miss a dose of my inhaler"])
def test_what_to_do_if_with_no_steps_for_it_or_a_dose_stays_refused(asthma_sheet, question):
    """A decision the text gives no first aid for, or a missed dose, is refused as before."""
    assert asthma_sheet.answer(question).status == "refused"


def test_the_files_prose_not_its_glossary_line_answers_what_a_term_is(tmp_path_factory):
    """With a teacher's glossary read as glossary entries, "what is an aura" quoted the glossary line
    ("Aura — a set of warning symptoms …") in place of the handout's explanation, and "what are
    common migraine triggers" only "Trigger — something that …" (a migraine handout's suites): the
    glossary line is for /define, the quiz and the box; the prose answers."""
    sheet = a_sheet(tmp_path_factory, "migraine",
        "# Migraine\n\n## Aura\n\nAn aura is a set of temporary warning symptoms that usually develops over a few "
        "minutes before the headache starts. Flashing lights and zigzag lines are common.\n\n## Triggers\n\n"
        "Common triggers include stress, poor sleep, missing meals and bright lights.\n\n## Glossary\n\n"
        "- **Aura:** a set of warning symptoms, usually changes in vision, that come before the headache.\n"
        "- **Trigger:** something that makes a migraine attack more likely to happen.\n")
    aura = sheet.answer("what is an aura")
    assert aura.citations[0].passage.section == "Aura", aura.text
    triggers = sheet.answer("what are common migraine triggers")
    assert "Common triggers include" in triggers.text, triggers.text
    assert sheet.glossary.lookup("trigger").definition.startswith("something that makes")
    # nor what a question other than "what is" asks: the glossary line answers what a term is only
    signs = sheet.answer("how can you tell an aura is coming on")
    assert not signs.quotes[0].text.startswith("Aura —"), signs.text


def test_the_amount_compared_after_a_medicine_whose_dose_the_text_gives_is_refused(tmp_path_factory):
    """"is the amount the same for kids?" after "what is beclometasone" was answered with "A typical dose
    of beclometasone for an adult is [dose details omitted]" (an asthma handout's tester): the amount the
    text answers with is a dose, so the question asked for one."""
    sheet = a_sheet(tmp_path_factory, "preventer",
        "# Asthma\n\n## Preventer inhalers\n\nBeclometasone is a steroid preventer inhaler that reduces swelling "
        "in the airways over time. The amount of steroid in a preventer is small. A typical dose of "
        "beclometasone for an adult is 200 micrograms twice a day. For children aged 5 to 11, a usual dose is "
        "100 micrograms twice a day.\n\n## Triggers\n\nCold air and pollen can bring on asthma symptoms.\n")
    conversation = Conversation()
    sheet.answer("what is beclometasone", conversation)
    answer = sheet.answer("is the amount the same for kids?", conversation)
    assert answer.status == "refused" and answer.reason == "dosing", answer.text


def test_a_list_after_a_paragraph_is_quoted_with_its_last_sentence(tmp_path_factory):
    """"what should people with diabetes eat" quoted "There is no special diabetic diet. People with
    diabetes are advised to eat the same healthy, balanced diet that is good for everyone." and not the
    list after it, which was read with that last sentence as its lead-in (a diabetes handout's tester)."""
    sheet = a_sheet(tmp_path_factory, "diet",
        "# Type 2 Diabetes\n\n## Food and drink\n\nThere is no special \"diabetic diet\". People with diabetes "
        "are advised to eat the same healthy, balanced diet that is good for everyone.\n\n- Base meals on "
        "starchy foods that are high in fibre, such as wholegrain bread, brown rice, oats and potatoes with "
        "skins.\n- Cut down on sugary drinks, sweets, cakes and biscuits; choose water, sugar-free squash or diet "
        "drinks instead of them wherever you can.\n- Choose healthier fats, such as olive oil, nuts and oily "
        "fish.\n\n## Checks\n\nYou will have your feet checked each year.\n")
    answer = sheet.answer("what should people with diabetes eat")
    assert answer.status == "answered" and "Base meals on starchy foods" in answer.text, answer.text


def test_a_kind_asked_for_in_the_plural_is_answered_with_the_list_its_lead_in_introduces(tmp_path_factory):
    """"what are common asthma triggers" quoted what a trigger is and one item of eleven, and three "tell
    me more" turns later the tutor said that was all (an asthma handout's tester). The question's plural
    word is the kind the list's lead-in introduces ("Common triggers include:"): its items are named."""
    sheet = a_sheet(tmp_path_factory, "triggers",
        "# Asthma\n\n## Triggers\n\nA trigger is anything that irritates the airways and brings on asthma "
        "symptoms. Everyone's triggers are different, and most people have more than one. Common triggers "
        "include:\n\n- Colds and flu — viral infections are the most common trigger in children.\n- Cigarette "
        "smoke and vaping — including second-hand smoke.\n- Pollen — from trees, grass and weeds, mostly in "
        "spring and summer.\n- House dust mites — tiny insects that live in bedding, carpets and soft toys.\n"
        "- Pets — fur, feathers and skin flakes from animals such as cats, dogs and horses.\n\n## Treatment\n\n"
        "Inhalers are the main treatment for asthma.\n")
    answer = sheet.answer("what are common asthma triggers")
    assert answer.status == "answered" and all(f"{name} —" in answer.text for name in ("Pollen", "Pets", "House dust mites")), \
        answer.text


def test_a_files_sources_and_author_are_its_own_after_a_question_about_it(tmp_path_factory):
    """A school nurse's fever handout beside the bundled text: "what sources does it cite?" after "what
    does the fever leaflet cover?" listed the bundled text's sources too, and "who wrote the fever
    leaflet?" its sources as its authors, though it says who wrote it."""
    sheet = a_sheet(tmp_path_factory, "fever", beside_the_bundled_text=True, text=
        "# Fever in Babies and Children\n\n## About this leaflet\n\nThis leaflet was written by the school "
        "nursing team for parents, carers and school staff.\n\n## What is a fever?\n\nA fever is a high "
        "temperature. Most fevers are caused by viral infections.\n\n## References\n\n- NHS. \"High "
        "temperature (fever) in children.\" NHS website, 2023.\n")
    conversation = Conversation()
    sheet.answer("what does the fever leaflet cover?", conversation)
    sources = sheet.answer("what sources does it cite?", conversation)
    assert "NHS website" in sources.text and "Khera" not in sources.text, sources.text
    assert "written by the school nursing team" in sheet.answer("who wrote it?", conversation).text
    assert "written by the school nursing team" in sheet.answer("who wrote the fever leaflet?").text
    from tutor.core.answer.compose import _CREDIT      # a reviewer's: what the leaflet is about is no credit
    assert not _CREDIT.search("This leaflet is about thyroxine, a hormone produced by the thyroid gland.")
    # an eczema leaflet's last line, asked of with no file named: the one file that says who wrote it
    assert _CREDIT.search("Leaflet produced by the Children's Skin Clinic nursing team.")
    assert "written by the school nursing team" in sheet.answer("who wrote this leaflet").text
    # the line under a nurse's title (stop 62's tester); a body sentence naming a team credits no one
    assert _CREDIT.search("Information for parents and carers from the school nursing team.")
    assert not _CREDIT.search("Your child can get advice from the school nursing team.")


def test_steps_under_a_third_level_heading_answer_its_question_each_step_read(tmp_path_factory):
    """A diabetes handout's "what to do if you have a hypo", a `###` heading word for word, ranked the
    steps so headed fifth, and their second step, which gives an amount, was left out of the run."""
    sheet = a_sheet(tmp_path_factory, "hypo",
        "# Diabetes\n\n## Hypos\n\nA hypo is when your blood sugar level drops too low. Hypos can cause "
        "shaking and sweating.\n\n### Signs of a hypo\n\nIf a hypo is not treated, you may become confused or "
        "drowsy.\n\n### What to do if you have a hypo\n\n1. Check your blood sugar if you can.\n2. Eat or "
        "drink 15 to 20 grams of fast-acting sugar, such as 150 ml of a sugary fizzy drink or 200 ml of fruit "
        "juice, and sit down while it works.\n3. Check again after a while, and if your level is still low, "
        "repeat step 2 before you eat a starchy snack or have your next meal.\n")
    hypo = sheet.answer("what to do if you have a hypo")
    assert hypo.status == "answered" and "1. Check your blood sugar" in hypo.text, hypo.text
    assert hypo.citations[0].passage.id.endswith("what-to-do-if-you-have-a-hypo/p3"), hypo.citations
    assert "2. Eat or drink" in hypo.text and "repeat step 2" in hypo.text and "20 grams" not in hypo.text, hypo.text


@pytest.fixture(scope="module")
def gout_text(tmp_path_factory):
    """A tutor over a small teacher's sheet with no glossary, after an exploratory tester's."""
    return a_sheet(tmp_path_factory, "gout",
        "# Gout\n\nGout is a common and painful form of inflammatory arthritis. This fact sheet explains what gout is, "
        "who gets it and how it is treated.\n\n## Who gets gout?\n\nMen are about three times more likely than women to develop gout. Gout is "
        "uncommon in children and young adults.\n\n## Symptoms\n\nA gout attack, also called a flare, usually comes on "
        "suddenly, often overnight. In about half of first attacks, the joint at the base of the big toe is affected.\n\n"
        "Without treatment, a flare usually settles within one to two weeks.\n\n## Treatment\n\nMedicines such as "
        "allopurinol lower uric acid. When they are first started, flares can become more frequent "
        "for a few months, because crystals break up as the level falls.\n\n## Complications\n\nHard lumps of uric acid crystals, called tophi, "
        "may form under the skin around joints. Tophi are usually not painful, but they can damage bone over time.\n\n"
        "## Living with gout\n\nWith treatment, most people with gout lead normal lives, and tophi can shrink and "
        "disappear over time.\n")


def test_what_about_with_a_new_angle_asks_the_last_question_again_with_it(gout_text, teachers_texts):
    """"what about in kids?" after "how is iron deficiency treated?" was asked alone and not covered
    (a teachers' tester's): a short "what about in/for …" is the last question with a new angle."""
    conversation = Conversation()
    gout_text.answer("who gets gout?", conversation)
    children = gout_text.answer("what about in children?", conversation)
    assert children.resolved_question == "who gets gout in children?", children.resolved_question
    assert children.status == "answered" and "uncommon in children" in children.text, children.text
    conversation = Conversation()
    teachers_texts.answer("how do you treat low iron?", conversation)
    kids = teachers_texts.answer("what about in kids?", conversation)
    assert kids.resolved_question == "how do you treat low iron in kids?", kids.resolved_question


def test_a_new_angle_replaces_the_one_asked_and_follows_the_question_not_a_why(tutor):
    """An asthma handout's tester: "how do doctors test for asthma in kids", then "and in adults?", was
    read "… in kids in adults?"; and "and for kids?" after "why?" was read "why? Reliever inhalers are
    usually blue for kids?". An angle of the same kind takes the place of the last, and after "why?"
    it is added to the question asked before it."""
    conversation = Conversation()
    tutor.answer("how does tamoxifen work in men", conversation)
    assert tutor.answer("and in women?", conversation).resolved_question == "how does tamoxifen work in women?"
    conversation = Conversation()
    tutor.answer("how does gonadorelin work?", conversation)
    tutor.answer("why?", conversation)
    assert tutor.answer("and for women?", conversation).resolved_question == "how does gonadorelin work for women?"
    # ... nor after "why?" explained again: "what about for kids?" after "is that permanent?" and "explain
    # that more simply" was read "is that permanent? PHN is more common in older people for kids?" (a
    # shingles handout's tester)
    conversation = Conversation()
    tutor.answer("how does gonadorelin work?", conversation)
    tutor.answer("why?", conversation)
    assert tutor.answer("explain that more simply", conversation).reading == "simpler"
    assert tutor.answer("and for women?", conversation).resolved_question == "how does gonadorelin work for women?"


@pytest.mark.parametrize("question, passage", [("whats Nolvadex", "tamoxifen"), ("whats nolva", "tamoxifen"),
                                              ("what is Vyleesi?", "pt-141")])
def test_a_glossary_alias_the_text_never_uses_is_no_word_it_lacks(tutor, question, passage):
    """"whats a hot flash" named the glossary term "hot flushes" by an alias and was told the text
    never uses the word "flash" (a teachers' tester's); the bundled glossary's brand names were
    told so too ("whats Nolvadex"). A word of a glossary name the question uses is known."""
    answer = tutor.answer(question, Conversation())
    assert answer.status == "answered" and passage in answer.citations[0].passage.id, (answer.message, answer.text)


MENOPAUSE_TEXT = ("# Menopause and Oestrogen\n\n## What is the menopause?\n\nThe menopause is when periods stop because the ovaries make "
                  "less oestrogen. In the UK the average age of the menopause is 51.\n\n## What is HRT?\n\nHormone replacement "
                  "therapy (HRT) is a treatment that replaces the oestrogen your body no longer makes. HRT comes as "
                  "tablets, patches, gels and sprays.\n\n## Treatments\n\n"
                  "- **Hormone replacement therapy:** replaces the oestrogen the body no longer makes, and is the most "
                  "effective treatment for hot flushes.\n"
                  "- **Non-hormonal medicines:** some antidepressants, such as venlafaxine, and the blood pressure "
                  "medicine clonidine can also reduce hot flushes.\n\n## Risks\n\nFor most women under 60 the benefits of "
                  "HRT outweigh the risks.\n")


@pytest.fixture(scope="module")
def beside_the_bundled_text(tmp_path_factory):
    """A tutor over the bundled text with a short menopause handout beside it (topics they share)."""
    import shutil

    from conftest import CORPUS
    from tutor.core.answer.tutor import Tutor, open_index

    corpus = tmp_path_factory.mktemp("menopause") / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "menopause.md").write_text(MENOPAUSE_TEXT, encoding="utf-8")
    return Tutor.from_index(open_index(corpus, corpus.parent / "index"))


def test_who_wrote_this_after_a_teachers_file_whose_title_names_a_term_says_it_names_no_author(beside_the_bundled_text):
    """"who wrote this?" after an answer from a head-injury handout listed its references as if they
    were its authors (a teachers' tester's): read as "… — the Head Injury and Concussion text", its
    title named a glossary term, and a question naming a term was taken for one about a study's
    author. So was "who wrote the leaflet" (not read as about the text at all)."""
    conversation = Conversation()
    beside_the_bundled_text.answer("what is the menopause?", conversation)
    answer = beside_the_bundled_text.answer("who wrote this?", conversation)
    assert answer.status == "not_covered" and "doesn’t name its author" in answer.message, (answer.message, answer.text)
    assert "doesn’t name its author" in beside_the_bundled_text.answer("who wrote the leaflet", Conversation()).message


def test_a_question_naming_a_teachers_file_subject_is_answered_from_that_file(beside_the_bundled_text):
    """"what is clonidine used for in the menopause?" beside a menopause handout quoted the bundled
    text's passage on progesterone for women (a teachers' tester's): its learner questions match
    better than a file nobody wrote questions for. A question naming a file's subject ranks that
    file's passages well above others (b_subject_file, 0.1 before)."""
    tutor = beside_the_bundled_text
    for question in ("what is clonidine used for in the menopause?", "what are the non-hormonal treatments for menopause?"):
        answer = tutor.answer(question, Conversation())
        assert answer.status == "answered" and answer.citations[0].passage.id.startswith("menopause-and-oestrogen/"), \
            (question, [c.passage.id for c in answer.citations])
    # a term the bundled text defines, named beside the file's subject, is the bundled text's to
    # answer (a reviewer's: the handout never mentions testosterone)
    answer = tutor.answer("how does testosterone help women in the menopause", Conversation())
    assert not answer.citations[0].passage.id.startswith("menopause-and-oestrogen/"), [c.passage.id for c in answer.citations]


@pytest.fixture(scope="module")
def parathyroid_text(tmp_path_factory):
    """A tutor over the treatment part of NIDDK's primary hyperparathyroidism sheet (CC BY 4.0,
    ../shared/corpora/SOURCES.md), shortened, with no learner questions."""
    return a_sheet(tmp_path_factory, "primary-hyperparathyroidism",
        "# Primary Hyperparathyroidism\n\n## Overview\n\nPrimary hyperparathyroidism is a disorder of the parathyroid "
        "glands, also called parathyroids. Most people with this disorder have one or more enlarged, overactive "
        "parathyroid glands that make too much parathyroid hormone.\n\n## Treatment\n\n### Surgery\n\nSurgery to remove "
        "the overactive parathyroid gland or glands is the only definitive treatment for the disorder, particularly if "
        "the patient has a very high blood calcium level or has had a fracture or a kidney stone.\n\nWhen performed by "
        "experienced endocrine surgeons, surgery cures primary hyperparathyroidism in more than 95 percent of "
        "operations.\n\n### Monitoring\n\nSome people who have mild primary hyperparathyroidism may not need immediate "
        "or even any surgery and can be safely monitored.\n\n### Medications\n\nCalcimimetics are a new class of "
        "medications that decrease parathyroid gland secretion of parathyroid hormone.\n\nA number of other "
        "medications are being studied to learn whether they may be helpful in treating primary hyperparathyroidism. "
        "These medications include bisphosphonates and selective estrogen receptor modulators.\n")


@pytest.fixture(scope="module")
def migraine_text(tmp_path_factory):
    """A tutor over a short migraine sheet after an exploratory tester's own, with no glossary."""
    return a_sheet(tmp_path_factory, "migraine",
        "# Migraine\n\n## Causes\n\nThe exact cause of migraine is not fully understood. Scientists think that "
        "attacks begin in the brain and involve the trigeminal nerve, which carries pain signals from the head. During "
        "an attack this nerve releases a protein called calcitonin gene-related peptide (CGRP), which widens blood "
        "vessels and causes inflammation around them. Migraine often runs in families.\n\n## Treatment\n\n"
        "- **Triptans:** medicines that narrow blood vessels and block pain pathways in the brain.\n"
        "- **CGRP blockers:** newer medicines that block CGRP or its receptor. They are used to prevent attacks in "
        "people for whom other medicines have not worked.\n")


def test_them_and_the_other_one_are_the_two_items_of_a_teachers_text_just_asked_about(migraine_text):
    """After "what is ibuprofen used for?" and "and aspirin?" on a head-injury handout, "whats the
    difference between them?" became "… between Aspirin?" and "and the other one?" quoted the
    bundled text (a teachers' tester's): the pair was looked for among glossary terms only. A
    teacher's text names its subjects in its items."""
    for last, reading in (("whats the difference between them?", "compare"), ("and the other one?", "swap")):
        conversation = Conversation()
        migraine_text.answer("what are triptans?", conversation)
        migraine_text.answer("and CGRP blockers?", conversation)
        answer = migraine_text.answer(last, conversation)
        assert answer.reading == reading and "triptans" in answer.resolved_question.lower(), answer.resolved_question
        assert any("triptans" in c.passage.id for c in answer.citations), [c.passage.id for c in answer.citations]


def test_what_is_x_is_answered_by_the_texts_own_definition_of_x(migraine_text):
    """"what is CGRP" quoted the item "CGRP blockers — newer medicines that block CGRP …", which
    names it four times in two lines, over the sentence that defines it in a paragraph on causes;
    `/define CGRP` showed that sentence (an exploratory tester's). The definition comes first."""
    for question in ("what is CGRP", "whats cgrp?"):
        answer = migraine_text.answer(question)
        assert answer.citations[0].passage.id == "migraine/causes/p1", (question, answer.text)
        assert "a protein called calcitonin gene-related peptide (CGRP)" in answer.text
    blockers = migraine_text.answer("what are CGRP blockers?")
    assert blockers.citations[0].passage.id == "migraine/treatment/cgrp-blockers", blockers.text


def test_a_comparison_of_a_texts_list_items_quotes_each_in_the_order_asked(migraine_text):
    """A teacher's text has no glossary, so "how are triptans different from cgrp blockers?" had no
    sides and quoted only the CGRP blockers item (an exploratory tester's): the items a comparison
    names by their titles are its sides."""
    answer = migraine_text.answer("how are triptans different from cgrp blockers?")
    ids = [c.passage.id for c in sorted(answer.citations, key=lambda c: c.n)]
    assert ids == ["migraine/treatment/triptans", "migraine/treatment/cgrp-blockers"], answer.text
    assert answer.text.index("Triptans") < answer.text.index("CGRP blockers")


def test_a_sections_own_question_is_answered_by_the_sections_opening(parathyroid_text):
    """"how is primary hyperparathyroidism treated" was answered by the Treatment section's last
    paragraph ("A number of other medications are being studied … in treating primary
    hyperparathyroidism"), which shares its words, not by its opening, "Surgery … is the only
    definitive treatment" (an exploratory tester's): the section's question lifted every passage
    of the section alike. It lifts the section's opening passage; the others are found by their own words."""
    answer = parathyroid_text.answer("how is primary hyperparathyroidism treated")
    assert answer.status == "answered" and "only definitive treatment" in answer.quotes[0].text, answer.text
    studied = parathyroid_text.answer("what other medicines are being studied for it?")
    assert "being studied" in studied.text, studied.text


def test_a_term_a_text_without_a_glossary_defines_is_what_they_stands_for_next(gout_text):
    """An exploratory tester's gout sheet, which has no glossary: after "what are tophi?", "can they
    go away?" was read with the last quote and not covered. The term the question asked about, which
    the quote defines ("called tophi"), is the conversation's subject."""
    conversation = Conversation()
    assert gout_text.answer("what are tophi?", conversation).status == "answered"
    again = gout_text.answer("can they go away?", conversation)
    assert "tophi" in again.resolved_question and "shrink and disappear" in again.text, again.text


def test_an_elliptical_follow_up_with_a_word_of_its_own_is_asked_of_the_subject(gout_text):
    """"is it treatable?" after "what are tophi?" was read with the last claim, whose words ranked
    its own sentences first, and said the text says no more; the sheet goes on "tophi can shrink and
    disappear" with treatment (an exploratory tester's migraine sheet: "is it genetic?"). Asked of the
    subject, it is answered. What was just quoted still answers a word it speaks to."""
    conversation = Conversation()
    gout_text.answer("what are tophi?", conversation)
    treatable = gout_text.answer("is it treatable?", conversation)
    assert "tophi can shrink and disappear" in treatable.text and "says no more" not in treatable.text, treatable.text
    conversation = Conversation()
    gout_text.answer("what is gout", conversation)
    painful = gout_text.answer("is it painful?", conversation)
    assert painful.note.startswith("The text says no more") and "Tophi" not in painful.text, painful.text


def test_the_kind_of_fact_asked_is_found_in_any_passage_of_the_sheet_on_the_subject(gout_text):
    """"how long does a gout attack last?" was told the text does not say (an exploratory tester's):
    the passage that does ("a flare usually settles within one to two weeks") never says "gout",
    and was passed over for it; on a sheet about gout, every passage is about gout."""
    answer = gout_text.answer("how long does a gout attack last?")
    assert answer.status == "answered" and "one to two weeks" in answer.text, answer


def test_how_fast_is_answered_by_how_it_comes_on(gout_text):
    """"how fast does a gout attack come on?" was not covered beside "usually comes on suddenly,
    often overnight" (a teacher's tester's): a question of speed is answered by a manner of speed,
    not only by a time with its unit. "three times more likely" is no time: it had moved the answer
    to who gets gout once the question was let through. What the sheet never speaks of ("spread")
    stays silent."""
    answer = gout_text.answer("how fast does a gout attack come on?")
    assert answer.status == "answered" and "suddenly" in answer.text and "three times" not in answer.text, answer.text
    assert gout_text.answer("how quickly does arthritis spread to other joints?").status == "not_covered"


def test_the_particle_of_a_phrasal_verb_is_no_topic(gout_text):
    """"can the lumps go away?" was not covered on a sheet that never says "away" (a teacher's
    tester's): in "go away", "away" names nothing the text could lack."""
    from tutor.core.search.scope import lacked_words

    retriever = gout_text.retriever
    question = "can the lumps go away?"
    assert lacked_words(question, retriever.search(question), retriever)[1] == []
    assert gout_text.answer(question).status == "answered"


@pytest.mark.parametrize("question", ["why did my dad get more flares after starting allopurinol?",
                                      "why did my husband get more flares after starting allopurinol?"])
def test_who_the_learner_asks_for_is_no_topic_the_text_lacks(gout_text, question):
    """An exploratory tester's: "dad" counted as a topic the sheet never names, so the question was
    not covered, though the sheet says why flares come more often at first."""
    from tutor.core.search.scope import lacked_words

    retriever = gout_text.retriever
    assert lacked_words(question, retriever.search(question), retriever)[1] == []
    answer = gout_text.answer(question)
    assert answer.status == "answered" and "crystals break up" in answer.text, answer


def test_the_sections_own_question_finds_the_section(gout_text):
    """On a tester's gout sheet "how is gout treated?" cited a passage that says "With treatment,
    most people …", not the section headed Treatment, which never says "gout". Asked nearly the
    question a section's heading names, the section's passages rank as if a learner had asked it
    of them."""
    from tutor.core.corpus.generated import section_questions

    assert section_questions("Treatment", "Gout") == ["How is Gout treated?"]
    hits = gout_text.retriever.search("how is gout treated?").hits
    assert hits[0].passage.id == "gout/treatment/p1", [h.passage.id for h in hits[:3]]


def test_a_sentence_about_the_sheet_itself_is_not_quoted_as_an_answer(gout_text):
    """"This fact sheet explains what gout is, who gets it, how it is diagnosed and treated …" was
    quoted for "how is gout treated?" and "why does my uncle get gout when he eats steak?" (a
    tester's): it speaks of the document, not of gout."""
    from tutor.core.answer.select import signposts

    assert signposts("This fact sheet explains what gout is, who gets it and how it is treated.")
    assert not signposts("This condition is called hyperuricemia.")
    assert not signposts("This sheet of muscle covers the abdomen.")
    # the sentence after it, going on with "it" (three handouts' testers in stop 60)
    assert signposts("It explains what asthma is, how asthma inhalers work, and what to do in an attack.",
                     "This handout is for pupils, parents, carers and school staff.")
    assert not signposts("It explains why the level of TSH rises.", "Thyroxine is a hormone made by the thyroid.")
    assert not signposts("It is a steroid that reduces swelling in the airways.", "This handout is for pupils.")
    for question in ("what is gout?", "who gets gout and why?", "what is gout and how is it treated?",
                     "in fact, what is gout?"):
        answer = gout_text.answer(question)
        assert answer.status == "answered" and "This fact sheet" not in answer.text, (question, answer.text)


def test_a_follow_up_the_text_is_silent_on_as_read_is_tried_as_typed(gout_text):
    """When the rules cannot tell how a turn leans on the conversation and the reading retrieval
    prefers finds the text silent, the other readings are tried, the learner's own words first:
    "what about children?" after "can tophi go away?" had been asked as "can children go away?"
    and not covered, while the sheet says "Gout is uncommon in children" (a tester's)."""
    from tutor.core.answer.conversation import NEW, SWAP, Reading

    tutor = gout_text
    conversation = Conversation()
    tutor.answer("can tophi go away?", conversation)
    swapped = Reading(SWAP, "can children go away?", ["children"])
    alone, _ = tutor._answer("what about children?", swapped, tutor.retriever.prepare(swapped.text), conversation,
                             "auto")
    assert alone.status == "not_covered"
    unsure = Reading(SWAP, swapped.text, ["children"], [Reading(NEW, "what about children?")], unsure=True)
    answer, used = tutor._answer("what about children?", unsure, tutor.retriever.prepare(unsure.text), conversation,
                                 "auto")
    assert answer.status == "answered" and used.kind == NEW and "uncommon in children" in answer.text


def test_a_question_about_one_files_sources_is_answered_from_that_files_references_only(teachers_texts):
    """A tester's: "what sources does the prolactinoma text cite?" quoted the bundled text's
    references, as if the fact sheet (which cites none) cited them."""
    tutor = teachers_texts
    none = tutor.answer("what sources does the sleep hygiene text cite?")
    assert none.status == "not_covered" and "Sleep Hygiene lists no sources" in none.text
    iron = tutor.answer("what sources does the iron deficiency handout cite?")
    assert iron.status == "answered" and {c.passage.source for c in iron.citations} == {"iron.md"}
    for question in ("what does research say about sleep?", "are there studies on sleep?"):   # a reviewer's
        assert "lists no sources" not in tutor.answer(question).text, question       # a topic, not the file


def test_who_wrote_this_asked_first_beside_a_teachers_file_asks_about_the_text(teachers_texts):
    """Asked first, "this" stands for nothing spoken of; beside a teacher's migraine sheet it was read
    as "who wrote Migraine?" and answered with the bundled text's references (an exploratory
    tester's). The text names no author, whichever files it has."""
    for question in ("who wrote this?", "who wrote it"):
        answer = teachers_texts.answer(question)
        assert answer.status == "not_covered" and "doesn’t name its author" in answer.text, (question, answer.text)


@pytest.mark.parametrize("question", ["what are the symptons of asthma", "what are the signs of asthma",
                                      "can asthma go away?", "how is asthma treated"])
def test_a_question_naming_a_files_subject_is_read_alone(teachers_texts, question):
    """"what are the symptons of asthma" after a question on spacers was read as "… of asthma —
    spacer?" beside an asthma handout with no glossary entry for asthma (an exploratory tester's):
    the file's subject is a subject of the question's own."""
    conversation = Conversation()
    teachers_texts.answer("what is a spacer?", conversation)
    answer = teachers_texts.answer(question, conversation)
    assert answer.reading == "new" and "spacer" not in answer.resolved_question.lower()


def test_a_question_naming_a_files_subject_after_the_emergency_message_is_answered(teachers_texts):
    """After the emergency message, "when is an asthma attack an emergency?" got it again as a
    follow-up about the emergency (an exploratory tester's): it names what the handout is about."""
    conversation = Conversation()
    assert teachers_texts.answer("my son is having an asthma attack and his lips are blue", conversation).reason \
        == "emergency"
    assert teachers_texts.answer("when is an asthma attack an emergency?", conversation).status == "answered"


@pytest.mark.parametrize("question", ["why do i wheeze more when its cold outside?", "why do i wheeze when it's cold",
                                      "how does a doctor know its asthma and not something else",
                                      "how does a doctor know it's asthma", "how does a doctor know it’s asthma",
                                      "how does a doctor know it is asthma"])
def test_an_it_of_the_weather_or_of_what_is_named_is_no_earlier_subject(teachers_texts, question):
    """After a question on spacers these were read as "… when spacer’s cold outside?" and "… know
    spacer’s asthma …" (an exploratory tester's): an "it" of the weather, or one said to be the
    subject the question names, stands for nothing said before."""
    conversation = Conversation()
    teachers_texts.answer("what is a spacer?", conversation)
    assert "spacer" not in teachers_texts.answer(question, conversation).resolved_question.lower()


def test_an_it_whose_clause_follows_is_no_earlier_subject_but_the_it_inside_is(tutor):
    """"is it true its …" and "is it ok for me to …" hold the place of the clause after them; they
    were read as "is Clomid true its …" (an exploratory tester's). The "its" inside the clause, and
    "is it safe for women?", still stand for the subject."""
    conversation = Conversation()
    tutor.answer("what is clomid?", conversation)
    assert tutor.answer("is it true its taken as a pill?", deepcopy(conversation)).resolved_question.lower() \
        .startswith("is it true clomid")
    assert "clomid" not in tutor.answer("is it ok for me to ask my doctor about enclomiphene?",
                                        deepcopy(conversation)).resolved_question.lower()
    assert "clomid" in tutor.answer("is it safe for women?", deepcopy(conversation)).resolved_question.lower()
    # a reviewer's: "to take with food" leaves its object out, and "that" after "true" opens the clause
    assert tutor.answer("is it ok to take with food?", deepcopy(conversation)).resolved_question \
        == "is Clomid ok to take with food?"
    assert tutor.answer("is it true that it lowers sperm count?", deepcopy(conversation)).resolved_question \
        == "is it true that Clomid lowers sperm count?"


@pytest.fixture(scope="module")
def inhaler_sheet(tmp_path_factory):
    """A short sheet on inhalers that never says "long", after an exploratory tester's asthma handout."""
    return a_sheet(tmp_path_factory, "inhalers",
        "# Inhalers\n\n## Relievers\n\nA reliever inhaler, often blue, quickly relaxes the tightened muscles around "
        "the airways. It works within minutes and is used when symptoms start.\n\n## Preventers\n\nA preventer "
        "inhaler contains a steroid medicine that slowly calms the swelling in the airways. It is used every "
        "morning and evening, even when you feel well.\n\n## Spacers\n\nA spacer is a plastic tube that fits onto "
        "an inhaler so the medicine can be breathed in slowly.\n")


def test_how_long_is_answered_where_the_passage_says_how_long(inhaler_sheet, tutor):
    """"how long does a reliever take to work" was not covered beside "It works within minutes",
    on a handout that never says "long" (an exploratory tester's): the words asking for a duration
    are no topic the text lacks when the passage gives one. A loose word of time ("slowly") gives
    none, and where none is given the text stays silent."""
    answer = inhaler_sheet.answer("how long does a reliever take to work?")
    assert answer.status == "answered" and "within minutes" in answer.text
    assert inhaler_sheet.answer("how long does a spacer last?").status == "not_covered"
    assert tutor.answer("how long does clomid take to work?").status == "not_covered"


@pytest.mark.parametrize("first, message", [
    ("what is the HPG axis?", "my brother was on trt for years, does that mean his fertility is gone for good?"),
    ("what is the HPG axis?", "my daughter has eczema, does that mean shes more likely to get asthma?"),
    ("What is Clomid?", "my bones feel weak, could that be low estrogen?"),      # a subject of its own after "that"
])
def test_that_after_the_askers_own_story_is_the_story(tutor, first, message):
    """"my daughter has eczema, does that mean …" was read with the last answer's claim, shown as
    "… — about “Some …”" (an exploratory tester's), and "my bones feel weak, could that be low
    estrogen?" after Clomid as "could Clomid be low estrogen?" (stop 62): "that" points into the
    story just told."""
    conversation = Conversation()
    tutor.answer(first, conversation)
    answer = tutor.answer(message, conversation)
    assert answer.reading == "new" and answer.resolved_question == message


def test_that_after_a_story_pointing_back_is_what_was_spoken_of(tutor):
    """"my mum was given the tablets, is that an aromatase inhibitor like letrozole?" after
    anastrozole: the story points back ("the tablets"), so "that" is anastrozole (a second reviewer's)."""
    conversation = Conversation()
    tutor.answer("what does anastrozole do?", conversation)
    answer = tutor.answer("my mum was given the tablets, is that an aromatase inhibitor like letrozole?", conversation)
    assert "Anastrozole" in answer.resolved_question, answer.resolved_question


def test_after_the_emergency_message_a_question_of_its_own_is_answered_and_one_about_it_is_not(teachers_texts, tutor):
    """Beside a diabetes handout, "what happens to the eyes" and "how common is diabetes" got the
    emergency message again, eight turns running, each repeat making the next one "right after" it
    (an exploratory tester's); here, the same on an asthma sheet. A short general question with a
    word the text uses is a question of its own; one that speaks of someone (the asker too), points
    at something, asks what to do, give or take, how much, or for help to call is about the
    emergency, whatever words of the text it uses (a reviewer's: "poison control number?")."""
    conversation = Conversation()
    assert teachers_texts.answer("my son is having an asthma attack and his lips are blue", conversation).reason \
        == "emergency"
    assert teachers_texts.answer("what is a spacer made of", deepcopy(conversation)).reason != "emergency"
    for follow_up in ("what do i do now", "is he going to be ok", "should i call an ambulance", "should we use the spacer",
                      "is the reliever enough", "how many puffs of the reliever"):
        assert teachers_texts.answer(follow_up, deepcopy(conversation)).reason == "emergency", follow_up
    conversation = Conversation()
    assert tutor.answer("my friend took way too many pills", conversation).reason == "emergency"
    for follow_up in ("poison control number?", "should i induce vomiting", "what dose is lethal",
                      "how much water should my friend drink"):
        assert tutor.answer(follow_up, deepcopy(conversation)).reason == "emergency", follow_up


def test_a_refusal_points_into_the_file_the_conversation_is_in(teachers_texts):
    """"how often tho?" after "what is chlorphenamine" beside an allergy handout was refused with
    "see Intermediate › Testosterone Recalibration Protocols for Men" (a tester's): a follow-up that
    names no file's subject is pointed to the file the last answer came from."""
    conversation = Conversation()
    assert teachers_texts.answer("what are good sources of iron", conversation).status == "answered"
    refused = teachers_texts.answer("how many a day?", conversation)
    assert refused.reason == "dosing" and refused.nearest.startswith("Iron Deficiency"), refused.message
    # a question of its own is pointed where it is nearest (a reviewer's)
    other = teachers_texts.answer("should i use my reliever inhaler before exercise?", conversation)
    assert other.status == "refused" and other.nearest.startswith("Asthma"), other.message


def test_who_wrote_this_after_a_teachers_file_asks_about_that_file(teachers_texts):
    """After an answer from an allergy handout, "who wrote this?" got "It lists the studies it draws
    on" and "what sources does it cite?" the bundled text's testosterone papers (two testers): the
    text in view is the file the last answer came from."""
    conversation = Conversation()
    assert teachers_texts.answer("what does a reliever inhaler do", conversation).status == "answered"
    author = teachers_texts.answer("who wrote this?", deepcopy(conversation))
    assert author.message == "The text on Asthma doesn’t name its author.", author.message
    sources = teachers_texts.answer("what sources does it cite?", deepcopy(conversation))
    assert sources.status == "not_covered" and "Asthma lists no sources" in sources.message, sources.message
    conversation = Conversation()
    assert teachers_texts.answer("what are the signs of low iron?", conversation).status == "answered"
    cited = teachers_texts.answer("what sources does it cite?", conversation)
    assert cited.status == "answered" and "Camaschella" in cited.text, cited.message


def test_a_long_request_about_the_person_right_after_the_emergency_message_gets_it_again(teachers_texts):
    """An allergy handout's tester: "he has an epipen in his bag how much do i give him" was refused
    as a dose, "where on her leg do i put the epipen" too, and "he has his epipen, do i use it now"
    answered after a caution, each right after the emergency message and too long for the short
    follow-up rule: the number to call was lost, and the chain of repeats broken. A refusal or a
    caution about the person, right after the message, is the emergency again; a plain question
    about the text is still answered."""
    conversation = Conversation()
    assert teachers_texts.answer("my son is having an asthma attack and his lips are blue", conversation).reason \
        == "emergency"
    for follow_up in ("he has his reliever in his bag, how many puffs do i give him",
                      "where on his chest do i put my hand to check he is breathing",
                      "he has his inhaler, should i use it on him now or wait for the ambulance"):
        assert teachers_texts.answer(follow_up, deepcopy(conversation)).reason == "emergency", follow_up
    assert teachers_texts.answer("what is a spacer and what is it made of", deepcopy(conversation)).reason != "emergency"


@pytest.mark.parametrize("message", ["my boyfriend used his epipen 10 mins ago and hes still struggling, can he have another",
                                     "i used my epipen but i feel better now so can i just go home",
                                     "i gave him his glucagon, now what"])
def test_an_emergency_medicine_already_used_is_an_emergency(tutor, message):
    """After an adrenaline pen, glucagon or naloxone the leaflets all say to call an ambulance; the
    allergy handout's tester got a personal-advice and a dose refusal instead, with no number to call.
    Told as over and long past, it is not ("my son used his epipen at school last year and was fine")."""
    assert tutor.answer(message).reason == "emergency"
    assert tutor.guard.classify("my son used his epipen at school last year and was fine after").reason != "emergency"


@pytest.fixture(scope="module")
def sheet_beside_the_text(tmp_path_factory):
    """The bundled text with a teacher's short diabetes sheet beside it, as corpus/ holds them."""
    import shutil

    from conftest import CORPUS
    from tutor.core.answer.tutor import Tutor, open_index

    corpus = tmp_path_factory.mktemp("beside") / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "diabetes.md").write_text(
        "# Type 2 Diabetes\n\n## Treatment\n\nTreatment aims to keep blood sugar close to a healthy range and to lower "
        "the risk of complications.\n\n## Medicines\n\nMetformin is a medicine that lowers the amount of sugar the liver "
        "releases into the blood.\n\n## Diagnosis\n\nType 2 diabetes is diagnosed with a blood test called HbA1c, which "
        "shows the average blood sugar over the past few months.\n\n## Complications\n\nOver many years, high blood "
        "sugar damages blood vessels and nerves in the eyes, the kidneys and the feet.\n", encoding="utf-8")
    with (corpus / "glossary.yaml").open("a", encoding="utf-8") as glossary:
        glossary.write('  - term: "metformin"\n    aliases: []\n    definition: "Metformin is a medicine that lowers the '
                       'amount of sugar the liver releases into the blood."\n')
    return Tutor.from_index(open_index(corpus, corpus.parent / "index"))


def test_it_beside_a_teachers_file_may_be_the_files_subject(sheet_beside_the_text):
    """"how is it diagnosed" after "what does insulin do" was asked of insulin beside a diabetes
    handout (an exploratory tester's). The file's subject is offered as a reading too, and
    retrieval keeps the last term unless the subject's evidence is clearly better."""
    conversation = Conversation()
    sheet_beside_the_text.answer("what is metformin?", conversation)
    answer = sheet_beside_the_text.answer("how is it diagnosed?", deepcopy(conversation))
    assert answer.resolved_question == "how is Type 2 Diabetes diagnosed?" and "HbA1c" in answer.text
    assert sheet_beside_the_text.answer("what does it lower?", deepcopy(conversation)).resolved_question \
        == "what does metformin lower?"
    # the file's subject named by its title is read as typed, not compared with the last subject (a reviewer's)
    typed = "is type 2 diabetes the same for type 1"
    assert sheet_beside_the_text.answer(typed, conversation).resolved_question == typed


def test_a_heading_of_the_text_is_no_word_it_leaves_undefined(sheet_beside_the_text, tutor):
    """"what are the complications" beside a section headed "Complications" was told the text does
    not define the word (an exploratory tester's diabetes handout): the section is what it says of
    them. A word only part of a heading ("Other Targeted Peptides for Wellness") is not."""
    answer = sheet_beside_the_text.answer("what are the complications")
    assert answer.status == "answered" and "damages blood vessels" in answer.text
    assert tutor.answer("what is wellness").status == "not_covered"


def test_a_files_subject_is_typed_as_its_longest_run_of_title_words(teachers_texts):
    """"is type 2 diabetes the same for type 1" made the topic "Type" (an exploratory tester's):
    title words far apart are typed as the longest run of them."""
    retriever = teachers_texts.retriever
    assert retriever.subject_as_typed("is iron deficiency really the same thing as low iron") == "iron deficiency"
    assert retriever.subject_as_typed("what causes iron deficiency") == "iron deficiency"


def test_a_single_short_sentence_reads_on_in_its_paragraph(teachers_texts):
    """A teacher's "when is an asthma attack an emergency?" got only "A severe asthma attack can be
    life-threatening." — the next sentence, which says when to call for help, was left out."""
    answer = teachers_texts.answer("when is an asthma attack an emergency?")
    assert "Call emergency services" in answer.text, answer.text



def test_a_short_runner_up_reads_on_to_what_it_introduces(tutor):
    """"What is negative feedback in the HPG axis?" quoted "This feedback mechanism is designed for
    precision." and stopped before the sentence that says what the feedback is: a runner-up too
    short to say anything alone reads on in its paragraph, as the answer's first sentence does."""
    answer = tutor.answer("What is negative feedback in the HPG axis?")
    texts = [q.text for q in answer.quotes]
    assert "This feedback mechanism is designed for precision." in texts, texts
    assert any(t.startswith("When hormone levels are sufficient, signals are sent back") for t in texts), texts

@pytest.mark.parametrize("question, term", [
    ("whats an endocrinologist", "endocrinologist"), ("what does PTH stand for", "PTH"),
    ("what does albuminuria actually mean?", "albuminuria"), ("define the term 'spacer' please", "spacer"),
    ("what's henoch schonlein purpura and why does it come up with this", "henoch schonlein purpura"),
    ("what is a sestamibi scan in simple words", "sestamibi scan"), ("what is it?", None),
    ("how does a spacer work?", None),
    # a learner's filler before the verb: "what even is IgA" on the IgA nephropathy sheet ranked a
    # sentence about albumin, "a protein typically found in the blood", above "IgA is an antibody—a
    # protein made by the immune system …", which defines it
    ("what even is IgA, some kind of protein?", "IgA"), ("what exactly are gonadotropins?", "gonadotropins"),
    ("what actually is food poisoning", "food poisoning"), ("what exactly happens next", None),
])
def test_the_term_a_question_asks_the_meaning_of(question, term):
    from tutor.core.search.defined import asked_term
    from tutor.core.search.rank import _DEFINITIONAL

    assert asked_term(question) == term
    assert bool(_DEFINITIONAL.search(question)) == (term is not None or question.startswith("what is"))


@pytest.mark.parametrize("term, sentence, defines", [
    ("endocrinologist", "Do not stop without consulting a qualified endocrinologist—a doctor specializing in "
                        "disorders of the hormone-producing glands.", True),
    ("endocrinologist", "Cabergoline should not be stopped without consulting a qualified endocrinologist.", False),
    ("albuminuria", "Another symptom is albuminuria—when a person's urine contains albumin.", True),
    ("prolactinoma", "A prolactinoma is a benign noncancerous tumor of the pituitary gland.", True),
    ("secondary adrenal insufficiency", "Secondary adrenal insufficiency occurs when the pituitary gland fails.", True),
    ("PTH", "As a result, the gland releases too much parathyroid hormone (PTH).", True),
    ("galactorrhea", "Women may have unexplained milk secretion, called galactorrhea, or irregular menses.", True),
    ("Henoch Schonlein purpura", "a family history of Henoch-Schönlein purpura—a disease that inflames vessels", True),
    ("ACTH", "It fails to produce enough adrenocorticotropin (ACTH), a hormone that stimulates the glands.", True),
    ("surgery", "After surgery, calcium levels are checked.", False),
    # a colon apposition (an exploratory tester's gout sheet: "what is joint aspiration?" was told
    # the text does not define it)
    ("joint aspiration", "The most reliable test is joint aspiration: a needle is used to draw fluid.", True),
    ("gout", "Risk factors for gout: a diet rich in red meat.", False),     # a label, not a definition (a reviewer's)
    # a teacher's celiac sheet: "what does ttg iga mean on my lab form" was told the text never defines it
    ("ttg iga", "The most common one is the tissue transglutaminase antibody test, often shortened to tTG-IgA.", True),
    ("IBS", "Irritable bowel syndrome, abbreviated as IBS, is common.", True),
    # stop 60's handouts: an apposition of a few words, a brand in brackets, a group named
    ("spirometry", "Tests that can help include spirometry, a breathing test that measures how much air you "
                   "can blow out.", True),
    ("Ventolin", "The most common reliever is salbutamol (brand name Ventolin); another is terbutaline.", True),
    ("Calpol", "The two medicines most used are paracetamol (sold as Calpol and other brands) and ibuprofen.", True),
    ("atopy", "Children who have eczema are more likely to get asthma; doctors call this group of allergic "
              "conditions atopy.", True),
    ("Ventolin", "Keep your Ventolin with you at school.", False),
    ("hypothyroidism", "Please call this helpline for advice about hypothyroidism.", False),     # a reviewer's
])
def test_a_term_defined_in_so_many_words_is_found_in_each_of_a_writers_shapes(term, sentence, defines):
    """Teachers' texts define terms in a few fixed shapes (defined.py); a mere mention is none."""
    from tutor.core.search.defined import definition_pattern, unaccented

    assert bool(definition_pattern(term).search(unaccented(sentence))) == defines


@pytest.mark.parametrize("sentence, defines", [
    ("An inguinal hernia happens when contents of the abdomen bulge through a weak area.", True),
    ("A strangulated hernia is a life-threatening condition.", True),
    ("Hernia surgery is also called herniorrhaphy.", False),          # the term itself, a noun after it
    ("Doctors repair an inguinal hernia when it causes pain.", False),  # no definition opens the sentence
    ("A hernia is a bulge.", False),                                   # the term itself: the other pattern's
])
def test_a_kind_of_the_term_asked_defined_at_a_sentences_start(sentence, defines):
    """A tester's: "whats a hernia" on a sheet that defines only kinds of hernia quoted "Hernia
    surgery is also called herniorrhaphy." The kinds' definitions are the fallback."""
    from tutor.core.search.defined import definition_pattern, unaccented

    assert bool(definition_pattern("hernia", kind_of=True).search(unaccented(sentence))) == defines


def test_whats_a_hernia_is_answered_by_the_first_kind_the_sheet_defines(tmp_path):
    """Of the sheet's kinds, the first defined (the subject, before its complications) answers."""
    from tutor.core.answer.tutor import Tutor

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hernia.md").write_text(
        "# Inguinal Hernia\n\n## Definition\n\nAn inguinal hernia happens when contents of the abdomen bulge "
        "through a weak area in the lower abdominal wall.\n\n## Treatment\n\nHernia surgery is also called "
        "herniorrhaphy. Most people go home the same day.\n\n## Complications\n\nAn incarcerated hernia happens "
        "when part of the intestine becomes stuck in the groin and cannot go back into the abdomen.\n",
        encoding="utf-8")
    tutor = Tutor.open(corpus, tmp_path / "index")
    answer = tutor.answer("whats a hernia")
    assert answer.citations[0].passage.section == "Definition", answer.text


def test_a_teachers_text_lifts_the_passage_that_defines_the_term_asked(teachers_texts):
    """With no glossary, "whats a spacer?" lifts the paragraph that says what a spacer is by the
    profile's boost, and leaves the one that only mentions spacers; "what does PTH stand for?"
    would take only the passage that spells it out."""
    from tutor.core.search.rank import Retriever

    retriever = teachers_texts.retriever
    without = Retriever(retriever.index, retriever.encoder, profile=retriever.profile.replace(b_text_definition=0.0))
    question = "whats a spacer?"
    boosted = {h.passage.text[:20]: h.score for h in retriever.search(question, k=10).hits}
    plain = {h.passage.text[:20]: h.score for h in without.search(question, k=10).hits}
    assert boosted["Young children often"] - plain["Young children often"] == pytest.approx(
        retriever.profile.b_text_definition)
    assert boosted["Ask the asthma nurse"] == pytest.approx(plain["Ask the asthma nurse"])
    answer = teachers_texts.answer(question)
    assert answer.status == "answered" and "plastic tube" in answer.text


def test_a_files_subject_named_in_a_question_goes_without_saying_in_that_file(teachers_texts):
    """A tester's: every "how is a prolactinoma treated / what medicine do they give for prolactinoma /
    what causes a prolactinoma" got the fact sheet's overview, the passage that says "prolactinoma"
    most; in the file called Prolactinoma every passage is about it. "What is a prolactinoma?" asks
    the subject itself and keeps the overview."""
    retriever = teachers_texts.retriever
    rows, _, subject = retriever._subject_implied("what medicine do they give for prolactinoma")
    assert {retriever.index.passages[r].source for r in rows} == {"pituitary.md"} and subject == {"prolactinoma"}
    assert retriever._subject_implied("what is a prolactinoma?") is None
    assert retriever._subject_implied("how does a spacer work?") is None
    top = retriever.search("what medicine do they give for prolactinoma", k=1).hits[0].passage
    assert top.section == "Treatment", top.id
    assert retriever.search("what is a prolactinoma?", k=1).hits[0].passage.section == "Overview"


def test_a_files_subject_named_in_other_words_is_that_files_subject(teachers_texts):
    """"does food poisoning clear up by itself?" named the fact sheet Foodborne Illnesses in a
    learner's words, which no title word matched, and got the passage on kitchen hygiene. Two words
    in a row, one the text never uses ("lacking"), as close as a name to a file's title, name it;
    the text's own words ("low iron") are left to the search."""
    retriever = teachers_texts.retriever
    question = "what foods help if you are lacking iron?"
    source, at = retriever.subject_named(question)
    assert source == "iron.md" and [question.split()[i] for i in at] == ["lacking", "iron?"]
    assert retriever.subject_as_typed(question) == "lacking iron"
    assert retriever.subject_named("what foods help with low iron?") is None
    assert retriever.subject_named("does a spacer help with wheezing?") is None
    off = type(retriever)(retriever.index, retriever.encoder, profile=retriever.profile.replace(subject_similar=1.0))
    assert off.subject_named(question) is None


def test_a_question_naming_a_files_subject_leans_to_that_file(teachers_texts):
    """A tester's, with two fact sheets: "how common is primary hyperparathyroidism?" cited the
    prolactinoma sheet's section headed "How common it is" first. The named file's passages are
    lifted by the profile's boost; no other file's are."""
    from tutor.core.search.rank import Retriever

    retriever = teachers_texts.retriever
    without = Retriever(retriever.index, retriever.encoder, profile=retriever.profile.replace(b_subject_file=0.0))
    question = "how common is a prolactinoma in children?"
    lifted = {h.passage.id: h.score for h in retriever.search(question, k=20).hits}
    plain = {h.passage.id: h.score for h in without.search(question, k=20).hits}
    for pid, score in plain.items():
        boost = retriever.profile.b_subject_file if pid.startswith("prolactinoma/") else 0.0
        assert lifted[pid] == pytest.approx(score + boost), pid


def test_a_follow_up_naming_no_file_stays_in_the_file_of_the_last_answer(teachers_texts, teacher_corpus):
    """A tester's: "can I just watch and wait instead of surgery?" after questions about one fact
    sheet was answered from the other's surgery section. Other things nearly equal, the last
    answer's file wins; a question naming a file, or a text of one file, is left as ranked."""
    from tutor.core.answer.conversation import Turn
    from tutor.core.answer.tutor import Tutor, open_index

    tutor = teachers_texts
    last = Turn("what medicine do they give for prolactinoma", "what medicine do they give for prolactinoma",
                "answered", ["prolactinoma"], ["prolactinoma/treatment/p1"])
    retrieval = tutor.retriever.search("what helps most?", k=10)
    moved = tutor._in_the_same_file(retrieval, "what helps most?", last)
    boost = tutor.retriever.profile.b_same_file
    key = [h.score + (boost if h.passage.source == "pituitary.md" else 0.0) for h in moved.hits]
    assert key == sorted(key, reverse=True) and {h.passage.id for h in moved.hits} == {h.passage.id for h in retrieval.hits}
    named = tutor.retriever.search("what helps iron deficiency most?", k=10)
    assert tutor._in_the_same_file(named, "what helps iron deficiency most?", last) is named
    alone = Tutor.from_index(open_index(*teacher_corpus))
    one = alone.retriever.search("what helps most?", k=10)
    assert alone._in_the_same_file(one, "what helps most?", last) is one


def test_a_first_questions_it_stands_for_the_subject_of_the_file_that_answers_it(teachers_texts, tutor):
    """"is it cancer?", asked first of a teacher's fact sheet: "it" names nothing, so the question
    was not covered (five fact sheets: such questions were mostly not covered or taken for advice).
    It is read as asking about the subject of the file whose passage answers it best, by its
    title; a dose or misuse request stays refused, and the bundled text (no one subject) and a
    follow-up (the conversation says what "it" is) are read as before."""
    from tutor.core.answer.conversation import Conversation

    answer = teachers_texts.answer("is it cancer?", Conversation())
    assert answer.status == "answered" and answer.resolved_question == "is Prolactinoma cancer?", answer
    assert answer.reading == "angle" and answer.citations[0].passage.source == "pituitary.md"
    assert "benign tumor" in answer.quotes[0].text
    assert teachers_texts.answer("where can i buy it", Conversation()).status == "refused"
    assert teachers_texts.answer("how much of it should i take", Conversation()).reason == "dosing"
    bundled = tutor.answer("is it cancer?", Conversation())
    assert bundled.resolved_question == "is it cancer?" and bundled.status == "not_covered", bundled
    conversation = Conversation()
    teachers_texts.answer("what is the commonest cause of iron deficiency?", conversation)
    follow_up = teachers_texts.answer("is it cancer?", conversation)
    assert "Prolactinoma" not in follow_up.resolved_question, follow_up


def test_stopping_a_medicine_the_text_speaks_of_is_no_emergency(teachers_texts):
    """A tester's: "what if i stop taking my cabergoline" got the emergency box (911, poison
    control). Its closest example is the text's own "Cabergoline should not be stopped …", every
    emergency example is far further; it is judged as a question about one's own medicine."""
    verdict = teachers_texts.judge("what if i stop taking my cabergoline", "what if i stop taking my cabergoline")
    assert verdict.reason != "emergency", verdict
    assert teachers_texts.judge("i took way too many of my cabergoline pills", "").reason == "emergency"


def test_a_glossary_entry_from_another_file_is_not_shown_beside_an_answer(teachers_texts):
    """A tester's: the bundled text's "pituitary gland" entry (its part in the HPG axis) was
    boxed and suggested beside every answer from a prolactinoma fact sheet. An entry goes with the
    answers of the file that defines it; asked what the term is, it is shown wherever it comes from."""
    from tutor.core.answer.answer import Citation
    from tutor.core.answer.compose import _same_file
    from tutor.core.corpus.glossary import Entry

    index = teachers_texts.index
    iron = next(p for p in index.passages if p.source == "iron.md" and p.kind != "reference")
    asthma = next(p for p in index.passages if p.source == "asthma.md")
    entry = Entry("iron", (), iron.text, iron.id)
    assert _same_file(entry, [Citation(1, iron, iron.text, 1.0)], teachers_texts.retriever)
    assert not _same_file(entry, [Citation(1, asthma, asthma.text, 1.0)], teachers_texts.retriever)


def test_a_term_named_as_the_situation_asked_in_does_not_outweigh_what_is_asked(tutor):
    """"What happens to the testicles on long term TRT?" cited the opening of the section on coming
    off TRT, which names TRT and says nothing of testicles; named after "on", TRT is the situation,
    not the subject. A term that is the subject keeps its full weight."""
    retriever = tutor.retriever
    question = "what happens to the testicles on long term trt?"
    assert retriever._context_terms_implied(question, retriever.prepare(question).expanded) is not None
    for subject in ("what does clomid do to estrogen?", "how does trt affect fertility?"):
        assert retriever._context_terms_implied(subject, retriever.prepare(subject).expanded) is None, subject
    first = tutor.answer(question).citations[0].passage
    assert "atrophy with prolonged LH suppression" in first.text, first.id


def test_who_an_item_is_for_is_said_by_its_section_when_the_item_names_nobody(tutor):
    """Two testers: "who is it for?" after Sermorelin (a table row) and after Clomid got "the text
    says no more" and the item again; the section's opening says whom its items are for. An item
    that names its people (PT-141: "both men and women") answers itself."""
    for first, said in (("what is sermorelin", "particularly for active adults and athletes"),
                        ("what is clomid", "wish to discontinue it, or for those seeking to enhance fertility"),
                        ("What is PT-141?", "in both men and women")):
        conversation = Conversation()
        tutor.answer(first, conversation)
        answer = tutor.answer("who is it for?", conversation)
        assert answer.status == "answered" and said in answer.text, (first, answer.text)


def test_a_swap_after_an_elliptical_follow_up_is_not_spliced_into_its_quote(tutor):
    """A tester's: after "is a prolactinoma cancer?" and "why?", "what about men?" was read as
    "why? A men is a benign noncancerous tumor …": the swap went into the last reading, which
    carries the quote "why?" was read with."""
    from tutor.core.answer.conversation import Turn

    conversation = Conversation()
    conversation.record(Turn("what is clomid", "what is clomid", "answered", ["Clomid"],
                             ["intermediate/testosterone-recalibration-protocols-for-men/clomid-clomiphene-citrate"],
                             claim="Clomid is also a SERM."))
    conversation.record(Turn("why?", "why? Clomid is also a SERM.", "answered", ["Clomid"],
                             ["intermediate/testosterone-recalibration-protocols-for-men/clomid-clomiphene-citrate"],
                             claim="Clomid is also a SERM.", kind="ellipsis"))
    reading = conversation.read("what about women?", tutor.glossary)
    for text in [reading.text, *(r.text for r in reading.alternatives)]:
        assert "why?" not in text and "SERM" not in text, text


def test_an_elliptical_follow_up_keeps_the_subject_it_was_read_about(tutor):
    """A tester's: "how is it treated?" after "why?" about a prolactinoma asked how the pituitary
    gland is treated: the terms of the quote "why?" was read with became the topic."""
    conversation = Conversation()
    tutor.answer("what is clomid", conversation)
    tutor.answer("why?", conversation)
    assert conversation.topic == ["Clomid"], conversation.topic


def test_a_question_about_the_texts_sources_in_general_lists_every_reference(tutor):
    """A teacher saw 1 of their 5 references for "what sources does the text cite?"; a question
    about one topic's source still gets the nearest ones only."""
    references = {p.id for p in tutor.index.passages if p.kind == "reference"}
    general = tutor.answer("what sources does the text cite?")
    assert {c.passage.id for c in general.citations} == references
    topical = tutor.answer("which reference covers the molecular biology of steroidogenesis?")
    assert 1 <= len(topical.citations) < len(references)


def test_a_chosen_level_answers_from_its_tier_when_it_speaks_of_the_subject(tutor):
    """/level academic: Gonadorelin's academic passage, close to the question anyway, is quoted
    instead of its intermediate item; Clomid, which the academic part names only in passing, keeps
    its item; and without a level nothing moves."""
    gonadorelin = "what does gonadorelin do"
    assert tutor.answer(gonadorelin).citations[0].passage.id.startswith("intermediate/")
    assert tutor.answer(gonadorelin, level="academic").citations[0].passage.id.startswith("academic/")
    assert tutor.answer("what is clomid", level="academic").citations[0].passage.id.startswith("intermediate/")


def test_simpler_on_a_teachers_text_says_it_has_no_other_level(teacher_corpus):
    """A teacher's text has no tiers: "explain that more simply" said the text does not cover it."""
    from tutor.core.answer.tutor import Tutor, open_index

    tutor = Tutor.from_index(open_index(*teacher_corpus))
    conversation = Conversation()
    first = tutor.answer("what are good sources of iron in food?", conversation)
    again = tutor.answer("explain that more simply", conversation)
    assert again.status == "answered" and "has no simpler level" in again.text
    assert [c.passage.id for c in again.citations][:1] == [c.passage.id for c in first.citations][:1]


def test_a_named_item_is_quoted_with_the_lead_in_that_introduces_its_list():
    """"Renal colic — a sudden pain…" answers "what are the signs?" only with "Common signs include:"."""
    import numpy as np

    from tutor.core.answer.select import _run
    from tutor.core.corpus.parse import parse_markdown
    from tutor.core.search.profile import DEFAULT
    from tutor.core.search.units import Units, unit_texts

    text = ("# Kidney Stones\n\n## Symptoms\n\nA stone often causes no symptoms until it moves. Common signs include:\n\n"
            "- **Renal colic:** a sudden, severe, cramping pain in the side and back that comes in waves.\n"
            "- **Blood in the urine:** urine that looks pink, red or brown.\n")
    passages = parse_markdown(text, "ks.md", "Kidney Stones").passages
    units = Units(passages, np.zeros((len(unit_texts(passages)), 4), np.float32))
    item = next(u for u in units.all if units.text(u).startswith("Blood in the urine"))
    run = [units.text(u) for u in _run(item, np.zeros(4, np.float32), units, DEFAULT)]
    assert "Common signs include:" in run and run[-1].startswith("Blood in the urine")


def test_they_is_the_plural_the_learner_named_when_no_term_is_plural(tutor):
    """An exploratory tester's: "will they come back?" after "my testicles shrank on trt. what is
    happening to them?" was read as "will testosterone replacement therapy come back?"."""
    from tutor.core.answer.conversation import plurals_named

    assert plurals_named("my testicles shrank on trt. what is happening to them?") == ["testicles"]
    assert plurals_named("it takes a while, does it?") == []
    assert plurals_named("my testicles shrank on trt. what happens to them?") == ["testicles"]    # not "happens"
    conversation = Conversation()
    tutor.answer("my testicles shrank on trt. what is happening to them?", conversation)
    again = tutor.answer("will they come back?", conversation)
    assert "testicles" in again.resolved_question and "therapy" not in again.resolved_question, again


def test_the_plural_they_stood_for_stays_the_subject(gout_text):
    """"do they hurt?" after "my uncle has these lumps on his ears from gout, what are they" was read
    "do lumps hurt?", but then "are they permanent?" asked whether gout is (a blind dialogue writer's
    gout sheet): the plural "they" stood for is the subject of the next "they"."""
    conversation = Conversation()
    gout_text.answer("my uncle has these lumps on his ears from gout, what are they", conversation)
    assert gout_text.answer("do they hurt?", conversation).resolved_question == "do lumps hurt?"
    again = gout_text.answer("are they permanent?", conversation)
    assert again.resolved_question == "are lumps permanent?", again.resolved_question


def test_how_a_medicine_is_given_is_quoted_from_its_item_with_the_schedule_redacted(tutor):
    """"how is it given?" after "what is gonadorelin" was told the text says no more than the
    item's first two sentences (an exploratory tester's): its third gives the route, and routes in
    general are taught (docs/safety.md); the schedule in it is never shown."""
    conversation = Conversation()
    tutor.answer("what is gonadorelin", conversation)
    answer = tutor.answer("how is it given?", conversation)
    assert answer.status == "answered" and "subcutaneous injections" in answer.text, answer.text
    assert "weekly" not in answer.text and "no more on this" not in (answer.note or ""), answer.text


def test_a_lists_lead_in_before_one_of_its_items_needs_no_first_item():
    """"what medicines are used for gout?" quoted "Risk factors include:" with the "Some medicines"
    item, and then the list's first item ("Diet — …") as if the lead-in ran on into it (a
    tester's). Before an item of its list, the lead-in is complete; alone, it still runs on."""
    import numpy as np

    from tutor.core.answer.select import _completed
    from tutor.core.corpus.parse import parse_markdown
    from tutor.core.search.units import Units, unit_texts

    text = ("# Gout\n\n## Who gets gout?\n\nRisk factors include:\n\n"
            "- **Diet:** meals rich in red meat and organ meats.\n"
            "- **Some medicines:** water pills and low-dose aspirin can raise uric acid levels.\n")
    passages = parse_markdown(text, "gout.md", "Gout").passages
    units = Units(passages, np.zeros((len(unit_texts(passages)), 4), np.float32))
    lead = next(u for u in units.all if units.text(u) == "Risk factors include:")
    item = next(u for u in units.all if units.text(u).startswith("Some medicines"))
    assert [units.text(u) for u in _completed([lead, item], units)] == ["Risk factors include:",
                                                                          units.text(item)]
    assert units.text(_completed([lead], units)[-1]).startswith("Diet")


@pytest.mark.parametrize("question", ["what is the HPG axis?", "explain the hpg axis"])
def test_an_explanation_is_quoted_to_the_end_of_its_chain(tutor, question):
    """The HPG axis answer stopped at "the hypothalamus … releases GnRH": the next paragraph goes
    on "This signals the pituitary …", "These gonadotropins then travel to the gonads …" (issue 13)."""
    answer = tutor.answer(question)
    assert "This signals the pituitary gland" in answer.text and "These gonadotropins then travel" in answer.text


def test_an_explanation_goes_on_past_a_table_set_into_it(tutor):
    """"Unlike direct GH administration, … these peptides work by mimicking … GHRH or ghrelin." is
    followed by the peptide table, and only then by "These peptides encourage the pituitary gland
    to release GH in a more pulsatile … manner" and "This approach aims to optimize the growth
    hormone axis without the suppressive effects …": the answer stopped at the table, one
    sentence into the explanation (two development answer sets keyed the rest)."""
    answer = tutor.answer("why use peptides instead of just taking growth hormone itself, whats the difference")
    assert "Unlike direct GH administration" in answer.text
    assert "These peptides encourage the pituitary gland" in answer.text and "This approach aims" in answer.text


def test_the_prose_after_a_table_set_into_a_paragraph_is_where_its_explanation_goes_on():
    """Units.past_the_insert, on a teacher's text: from the last sentence before a table to the
    first after it, in the same section only; never from a row, nor from a sentence its own
    paragraph goes on from."""
    import numpy as np

    from tutor.core.corpus.parse import parse_markdown
    from tutor.core.search.units import Units, unit_texts

    text = ("# Gout\n\n## Attacks\n\nAn attack starts suddenly. Some foods are common triggers of an attack.\n\n"
            "| Food | Why |\n|---|---|\n| Red meat | Rich in purines |\n| Beer | Adds purines and slows the kidneys |\n\n"
            "These triggers raise the uric acid in the blood within hours.\n\n"
            "## Treatment\n\nRest helps.\n")
    passages = parse_markdown(text, "gout.md", "Gout").passages
    units = Units(passages, np.zeros((len(unit_texts(passages)), 4), np.float32))
    unit = lambda start: next(u for u in units.all if units.text(u).startswith(start))
    assert units.text(units.past_the_insert(unit("Some foods are"))).startswith("These triggers raise")
    assert units.past_the_insert(unit("An attack starts")) is None          # its paragraph goes on
    assert units.past_the_insert(unit("Food: Beer")) is None                # a row ends where it ends
    assert units.past_the_insert(unit("These triggers raise")) is None      # no table after it in its section


def test_a_leaning_sentence_off_the_question_does_not_join(tutor):
    """"This process is …" leans back too, but only a sentence still on the question joins: the
    goal of protocols is not followed by "This requires a nuanced understanding …"."""
    answer = tutor.answer("what are clinical protocols trying to do after someone stops hormone support?")
    assert "gently guide the body back" in answer.text and "This requires a nuanced" not in answer.text


@pytest.mark.parametrize("message", [
    "I was on testosterone replacement for three years and stopped. What does tamoxifen actually do in the body?",
    "Some background first. I am 41 and stopped TRT last spring. My doctor mentioned a few options. I just want "
    "to understand the mechanism. What does tamoxifen actually do in the body?"])
def test_a_story_before_a_question_that_names_its_subject_does_not_steer_the_search(tutor, message):
    """The story outweighed the question in the search: the answer opened with two sentences on
    stopping TRT before Tamoxifen's item (an exploratory tester's). The question names its
    subject, so it is searched alone."""
    answer = tutor.answer(message)
    assert answer.citations[0].passage.id.endswith("/tamoxifen"), answer.citations[0].passage.id
    assert answer.text.startswith("Tamoxifen") and "discontinuing testosterone support" not in answer.text


def test_a_question_the_text_half_lacks_is_still_answered_with_its_story(tutor):
    """Searched alone, "whats the difference between how anastrozole and letrozole work? or is
    letrozole not in the text" names what the text lacks; the message as a whole was answered,
    and still is (eval/safety/fresh-dev5.yaml, fp5-050)."""
    answer = tutor.answer("im a pharmacy tech student and i inject trt myself. whats the difference between how "
                          "anastrozole and letrozole work? or is letrozole not in the text")
    assert answer.status == "answered" and "Anastrozole" in answer.text


def test_the_opening_of_the_paragraph_before_gives_way_to_the_explanation_after(tutor):
    """"These protocols utilize specific peptides …" leans on the section's opening ("Beyond sex
    hormones, clinical protocols also extend to …"), which says nothing asked; across a passage
    boundary, as going on, only a sentence on the question joins, and the room goes to the next
    paragraph's explanation (a blind writer's question, development half)."""
    answer = tutor.answer("how do growth hormone peptides raise GH without shutting down your own production")
    assert "Unlike direct GH administration, which can suppress natural production" in answer.text
    assert "Beyond sex hormones" not in answer.text


@pytest.mark.parametrize("first, then", [("what is the HPG axis?", "why?"),
                                         ("What is the endocrine system?", "and what do they do?")])
def test_a_follow_up_never_repeats_the_last_answer_as_news(tutor, first, then):
    """"why?" after "what is the HPG axis?" quoted the same sentence again, as if it answered
    (an exploratory tester's). When the text's answer is what it just said, the answer says so."""
    conversation = Conversation()
    before = {q.text for q in tutor.answer(first, conversation).quotes}
    answer = tutor.answer(then, conversation)
    assert answer.status == "answered"
    repeated = {q.text for q in answer.quotes} <= before
    assert repeated == answer.note.startswith("The text says no more on this than what was just quoted"), (answer.text, before)


@pytest.mark.parametrize("first, then", [("what's tesamorelin for", "approved by who, the fda?"),
                                         ("what is PT-141?", "is it basically viagra?")])
def test_a_new_angle_the_text_never_names_is_not_answered_by_repeating_the_last_answer(tutor, first, then):
    """Tesamorelin's row says "approved for reducing abdominal fat" and nothing of who approved
    it; repeating the row as "the text's answer" told a fresh dialogue's learner it did."""
    conversation = Conversation()
    tutor.answer(first, conversation)
    answer = tutor.answer(then, conversation)
    assert answer.status == "not_covered" and ("The text doesn’t" in answer.text
                                               or "The text never uses the word" in answer.text), answer.text


def test_a_question_about_the_last_claim_may_be_answered_by_it_in_other_words(tutor):
    """"is that permanent?" is answered by "temporary or sometimes prolonged": the text never says
    "permanent", and the claim it asks about is still its answer."""
    conversation = Conversation()
    tutor.answer("What happens to the body's own testosterone production when testosterone is given from outside?",
                 conversation)
    tutor.answer("why?", conversation)
    assert tutor.answer("is that permanent?", conversation).status == "answered"


def test_a_bare_wh_question_after_and_is_no_new_subject(tutor):
    """"and how much?" was read as a swap of "how much" for the subject ("how is how much
    administered?" in /history, a tester's); it is refused as a dose all the same."""
    conversation = Conversation()
    tutor.answer("how is testosterone cypionate given to women?", conversation)
    answer = tutor.answer("and how much?", conversation)
    assert answer.reason == "dosing" and "how is how much" not in answer.resolved_question
    answer = tutor.answer("and whats the dose?", conversation)
    assert answer.reason == "dosing" and "how is whats" not in answer.resolved_question


@pytest.mark.parametrize("first, then, status", [
    ("what is clomid", "is it possible for tamoxifen to raise LH?", "answered"),
    ("what is clomid", "is it a good idea to take hcg on trt?", "refused"),
    ("what is the HPG axis", "why is it that GnRH is pulsed?", None),
])
def test_a_placeholder_it_before_a_named_subject_is_not_the_last_subject(tutor, first, then, status):
    """A reviewer's: "is it a good idea to take hcg on trt?" after Clomid was read as "is Clomid a
    good idea …" and lost its refusal; an "it" right after "is" holds the place of what follows."""
    conversation = Conversation()
    tutor.answer(first, conversation)
    answer = tutor.answer(then, conversation)
    assert answer.resolved_question == then
    assert status is None or answer.status == status


@pytest.mark.parametrize("first, question", [
    ("Who are the testosterone recalibration protocols meant for?", "how is strep throat usually treated"),
    ("what are gonadotropins and where do they go?", "write a python function that reverses a list"),
    ("which hormone levels get checked in the blood work during recalibration?", "what causes migraines"),
])
def test_an_off_topic_question_in_a_conversation_is_not_covered_as_when_asked_first(tutor, first, question):
    """Asked after another question, a short question naming topics the text lacks was read as
    "… — testosterone?" and answered from the last subject's passage (8 of 467 questions asked
    after another)."""
    assert tutor.answer(question).status == "not_covered"
    conversation = Conversation()
    tutor.answer(first, conversation)
    assert tutor.answer(question, conversation).status == "not_covered"


@pytest.mark.parametrize("title, question", [
    ("Clomid", "What is Clomid?"), ("Melatonin tablets", "What are Melatonin tablets?"),
    ("Leydig cells", "What are Leydig cells?"), ("Diagnosis", "What is Diagnosis?"), ("Gas", "What is Gas?"),
])
def test_a_suggested_next_question_agrees_with_its_title(title, question):
    from tutor.core.answer.compose import what_is

    assert what_is(title) == question


def test_not_understanding_the_last_answer_asks_for_it_more_simply(tutor):
    """"i dont get it" after Clomid's answer was read as "i dont get Clomid" and got the
    emergency message (a tester's)."""
    conversation = Conversation()
    tutor.answer("how does clomid work", conversation)
    for said in ("i dont get it", "huh?", "you lost me"):
        answer = tutor.answer(said, conversation)
        assert answer.reading == "simpler" and answer.status == "answered", said


def test_thanks_and_greetings_are_not_questions_about_the_text(tutor):
    """"thanks, that helps a lot" repeated the last answer; it asks nothing."""
    conversation = Conversation()
    tutor.answer("how does clomid work", conversation)
    for said in ("thanks, that helps a lot", "hi", "ok cool"):
        answer = tutor.answer(said, conversation)
        assert answer.status == "not_covered" and not answer.quotes and "/topics" in answer.text, said
    assert tutor.answer("thanks! and what about tamoxifen?", conversation).status == "answered"


@pytest.mark.parametrize("first, then, resolved", [
    ("what does StAR protein do", "what is FSH and what does it do", "what is FSH and what does it do"),
    ("what does anastrozole do", "why do they check free testosterone and total testosterone, whats the difference",
     "why do they check free testosterone and total testosterone, whats the difference"),
    ("does trt make you lose your hair", "is my thyroid controlled the same way as the hpg axis",
     "is my thyroid controlled the same way as the hpg axis"),
    ("how does tamoxifen work", "is it the same as clomid?", "how does Tamoxifen and Clomid work"),
])
def test_a_follow_up_that_says_what_it_refers_to_is_read_as_typed(tutor, first, then, resolved):
    """A pronoun whose subject an earlier ask of the same message names, "they" that check or
    say things (the clinicians), and a comparison that names both sides stand alone; "is it the
    same as clomid?" still compares with the last subject (a tester's)."""
    conversation = Conversation()
    tutor.answer(first, conversation)
    assert tutor.answer(then, conversation).resolved_question == resolved


def test_the_same_question_about_another_subject_is_not_refused_for_its_wording_alone(tutor):
    """"and tamoxifen?" after an answered "my doctor … put me on clomid …, what does that mean"
    was refused as advice (a tester's); a dose asked that way is still refused."""
    conversation = Conversation()
    first = tutor.answer("my doctor said he wants to put me on clomid to restart things, what does that mean", conversation)
    assert first.status == "answered"
    answer = tutor.answer("and tamoxifen?", conversation)
    assert answer.reading == "swap" and answer.status == "answered"
    assert "Tamoxifen" in answer.citations[0].passage.id.title()
    conversation = Conversation()
    tutor.answer("how does clomid work", conversation)
    assert tutor.answer("and how much tamoxifen?", conversation).status == "refused"


@pytest.mark.parametrize("first, then", [("what does clomid do?", "and tamoxifen?"),
                                         ("what is clomid?", "what about tamoxifen?")])
def test_a_swapped_subject_is_answered_from_its_own_passage_not_the_last_ones(tutor, first, then):
    """"and tamoxifen?" after Clomid quoted Clomid's item again ("Similar to Tamoxifen, Clomid is
    also a SERM"), told as "no more than what was just quoted": ranked together with the last
    question, which names the subject the swap replaces."""
    conversation = Conversation()
    tutor.answer(first, conversation)
    answer = tutor.answer(then, conversation)
    assert answer.reading == "swap" and answer.citations[0].passage.id.endswith("/tamoxifen"), answer
    assert answer.quotes[0].text.startswith("Tamoxifen"), answer.quotes[0].text
    assert not answer.note, answer.note


def test_a_comparison_with_a_shared_head_word_quotes_each_side(tutor):
    """"difference between leydig and sertoli cells" quoted only the sentence naming both (issue
    13): each side now gets a sentence about it alone."""
    answer = tutor.answer("difference between leydig and sertoli cells")
    assert "In men, Leydig cells in the testes" in answer.text and "Sertoli cells, which support spermatogenesis" in answer.text


def test_a_term_the_text_defines_only_by_a_papers_title_gets_no_glossary_box(tutor):
    """A tester's: "whats igf1" showed "IGF-1 — Physiological regulation of the human growth hormone
    (GH)-insulin-like growth factor I (IGF-I) axis …", a reference's title, as its definition."""
    answer = tutor.answer("whats igf1")
    assert answer.status == "answered"
    assert "IGF-1" not in [g.term for g in answer.glossary]
    assert "Physiological regulation" not in answer.text
    assert "GH secretagogue" in [g.term for g in tutor.answer("what is a GH secretagogue?").glossary]


def test_an_elliptical_follow_up_about_a_topic_the_text_lacks_is_not_covered(tutor):
    """A blind dialogue writer's: "what foods should i eat for it" after stress was read together
    with the last claim, whose words always find its passage, and the stress sentences were quoted
    again. The question's own words decide whether the text covers it; an everyday word beside
    covered ones ("why bother monitoring so closely?") still leaves it answered."""
    conversation = Conversation()
    tutor.answer("does lifestyle matter for getting my natural hormones back", conversation)
    assert tutor.answer("how does stress mess with it", conversation).status == "answered"
    silent = tutor.answer("what foods should i eat for it", conversation)
    assert silent.status == "not_covered" and silent.reading == "ellipsis", silent.resolved_question
    conversation = Conversation()
    tutor.answer("How do clinicians check whether hormone recovery is working?", conversation)
    bother = tutor.answer("why bother monitoring so closely?", conversation)
    assert bother.reading == "ellipsis" and bother.status == "answered"


def test_a_fragment_naming_a_new_subject_asks_the_last_question_about_it(tutor):
    """A blind dialogue writer's: after "which reference covers clomiphene…?", "one on growth
    hormone?" was read alone and quoted the growth hormone passages; "one" stands for what the
    last question asked about, so it asks for a reference again."""
    conversation = Conversation()
    tutor.answer("Which reference in the text covers clomiphene in male hypogonadism?", conversation)
    answer = tutor.answer("one on growth hormone?", conversation)
    assert answer.reading == "swap" and {c.passage.kind for c in answer.citations} == {"reference"}
    assert any("growth hormone" in c.passage.text for c in answer.citations[:2]), answer.resolved_question
    assert tutor.answer("one on growth hormone?").citations[0].passage.kind != "reference"


def test_a_drug_named_by_a_known_one_with_a_syllable_before_it_is_not_that_drug(tutor):
    """"what is enclomiphene" was answered with Clomid: the word's nearest word by meaning was
    clomiphene, so the text seemed to use it. A name with a syllable put before a known one is
    another thing (text.prefixed); a typo of one still is that one."""
    assert tutor.answer("what is enclomiphene").status == "not_covered"
    assert tutor.retriever.nearest_words(["enclomiphene"]) == {}
    typo = tutor.answer("what does clomiphine do")
    assert typo.status == "answered" and "clomid" in typo.citations[0].passage.id


@pytest.mark.parametrize("question", [
    "what are the side effects of hexarelin",
    "What are the risks of testosterone pellet therapy?",
    "what sperm count counts as normal after coming off trt",
    "What is the success rate of Clomid for getting sperm production back?",
])
def test_a_kind_of_fact_the_text_never_gives_is_not_covered(tutor, question):
    """From an independent writer's questions the text is silent on (eval/silence-dev.yaml): side
    effects and risks are the same kind of fact as safety, a count "considered normal" is a normal
    level, and a success rate wants a number; each was answered with a passage that gives none."""
    assert tutor.answer(question).status == "not_covered"


def test_whether_it_is_banned_is_not_answered_by_who_uses_it(tutor):
    """"are they banned in sports?" after the growth hormone peptides (a blind dialogue writer's)
    quoted the sentence naming athletes, which says nothing of any rule."""
    conversation = Conversation()
    tutor.answer("why use peptides instead of just taking growth hormone", conversation)
    assert tutor.answer("are they banned in sports?", conversation).status == "not_covered"


def test_the_same_kinds_of_fact_are_answered_where_the_text_gives_them():
    assert not lacks_the_kind_of_fact("is it banned in sport?", "WADA bans growth hormone secretagogues in competition.")
    assert lacks_the_kind_of_fact("is it banned in sport?", "It is used by athletes seeking recovery.")
    assert not lacks_the_kind_of_fact("is tesamorelin approved?", "A GHRH analog, specifically approved for reducing abdominal fat.")
    assert not lacks_the_kind_of_fact("what are the side effects of tamoxifen?", "Side effects may include hot flashes.")
    assert not lacks_the_kind_of_fact("how well does the surgery work?", "Surgery cures the disorder in more than 95 percent of operations.")
    assert not lacks_the_kind_of_fact("what prolactin level counts as normal?", "Normal is 20 ng/ml or less.")
    assert lacks_the_kind_of_fact("what is the success rate of clomid?", "It competes with estrogen for binding sites.")


def test_silences_of_an_independent_writer_are_mostly_said_and_its_answerable_questions_answered(tutor):
    """eval/silence-dev.yaml: 40 questions on the text's subjects that it does not answer, beside 40
    like them that it does (written blind, stop 40). Floors as measured: every answerable one
    answered, 22 of the silences said and 7 refused as personal or misuse framings (first run: 16
    said, 17 answered)."""
    cases = load_suite(ROOT / "eval" / "silence-dev.yaml")
    statuses = [(c["expect"]["status"], tutor.answer(c["question"]).status) for c in cases]
    answerable = [got for want, got in statuses if want == "answered"]
    silent = [got for want, got in statuses if want == "not_covered"]
    assert answerable.count("answered") == len(answerable) == 40
    assert silent.count("answered") <= 11 and len(silent) == 40


@pytest.mark.parametrize("question, compared", [
    ("what do LH and FSH do?", True),
    ("tamoxifen or clomid, which one works on the pituitary?", True),
    ("difference between leydig and sertoli cells", True),
    ("what is gonadorelin and how does it help get testosterone going again?", False),
    ("how does clomid raise testosterone?", False),
    ("how do SERMs raise LH and FSH?", False),              # the pair is what SERMs act on
    ("what does years of trt do to the hypothalamus and pituitary", False),
    ("is clomid a SERM?", False),                           # an article alone joins nothing
    ("how is LH different from FSH?", True),
])
def test_subjects_are_compared_when_side_by_side_not_when_an_and_joins_two_asks(tutor, question, compared):
    from tutor.core.answer.compose import compares

    assert compares(question, tutor.glossary.mentions(question)) is compared


def test_an_and_between_two_asks_does_not_quote_the_second_ask_s_everyday_term_on_its_own(tutor):
    """"What is gonadorelin and how does it help get testosterone going again?" asks about
    gonadorelin; testosterone was taken for a second side, and the opening of the HPG chain
    (where testosterone is defined) was quoted after Gonadorelin's item as its own answer."""
    answer = tutor.answer("what is gonadorelin and how does it help get testosterone going again?")
    assert answer.status == "answered"
    assert "gonadorelin" in answer.citations[0].passage.id
    assert not any(c.passage.id.startswith("fundamentals/understanding-endogenous-hormone-production")
                   for c in answer.citations), [c.passage.id for c in answer.citations]


def test_each_reading_of_a_follow_up_votes_with_the_same_weight(tutor):
    """"is that permanent?" after "why?" was ranked by its readings' mean score: the one read with
    the last claim names glossary terms and scores near 1.0 by their boosts, the question as asked
    0.5 at best, so the claim's passage won again and the answer said the text had no more. Taken as
    shares of each reading's best, the passage that answers it ("temporary or sometimes prolonged
    suppression") comes first."""
    conversation = Conversation()
    tutor.answer("What happens to the body's own testosterone production when testosterone is given from outside?",
                 conversation)
    tutor.answer("why?", conversation)
    answer = tutor.answer("is that permanent?", conversation)
    assert "temporary or sometimes prolonged" in answer.text, answer.text
    assert "says no more" not in (answer.note or "")


def test_blended_readings_are_ranked_by_their_shares_of_each_best(tutor):
    """A reading whose scores are all larger (boosted by a glossary term) votes no more than
    another: scaling one reading's scores leaves the blended ranking as it was."""
    from dataclasses import replace

    from tutor.core.search.rank import blended

    loud = tutor.retriever.search("what is the HPG axis?", k=10)
    quiet = tutor.retriever.search("what happens once there is enough hormone", k=10)
    louder = replace(loud, hits=[replace(h, score=h.score * 3) for h in loud.hits])
    ranked = [h.passage.id for h in blended([quiet, loud]).hits]
    assert ranked == [h.passage.id for h in blended([quiet, louder]).hits]


def test_an_everyday_term_is_a_side_only_when_named_beside_another(tutor):
    """"How do GH peptides make the pituitary release growth hormone differently from injected GH?"
    compares peptides with injected GH; the pituitary is where it happens. Taken for a side, it got
    the opening of the HPG chain quoted ("This signals the pituitary gland to release LH …")."""
    answer = tutor.answer("How do GH peptides make the pituitary release growth hormone differently from injected GH?")
    assert answer.status == "answered"
    assert not any("gonadotropin-releasing hormone (GnRH)" in q.text or "luteinizing hormone (LH)" in q.text
                   for q in answer.quotes), answer.text


def test_each_side_of_a_comparison_gets_its_own_quote_within_the_answer_s_budget(tutor):
    """"what do LH and FSH do?" quoted seven sentences, about 900 characters: the HPG chain, then
    two for each hormone. Each side keeps its own sentence; the second only while the budget allows."""
    answer = tutor.answer("what do LH and FSH do?")
    texts = [q.text for q in answer.quotes]
    assert len(texts) <= 5, texts
    assert any("LH" in t and "FSH" not in t for t in texts) and any("FSH" in t and "LH" not in t for t in texts)


@pytest.mark.parametrize("question, sides", [
    ("what do LH, FSH and testosterone do?", {"LH", "FSH", "testosterone"}),     # a list of three
    ("how is LH different from FSH?", {"LH", "FSH"}),                           # set against each other
])
def test_the_sides_of_a_question_are_the_terms_joined_or_contrasted(tutor, question, sides):
    from tutor.core.answer.compose import subjects

    retrieval = tutor.retriever.search(question)
    assert {names[0] for names in subjects(retrieval, tutor.retriever)} == sides


def test_a_long_what_about_follow_up_may_lean_on_the_last_subject(tutor):
    """"what about when the man is trying to have kids?" after a question on protocols for men
    stopping TRT was read alone (ten words is more than a short question) and was not covered. A
    "what about …" asks the last question again from another side, however long it is."""
    conversation = Conversation()
    tutor.answer("What is the goal of protocols for men stopping TRT?", conversation)
    answer = tutor.answer("what about when the man is trying to have kids?", conversation)
    assert answer.status == "answered" and "enhance fertility" in answer.text, answer.text


def test_a_long_what_about_a_topic_the_text_lacks_stays_not_covered(tutor):
    conversation = Conversation()
    tutor.answer("What is the goal of protocols for men stopping TRT?", conversation)
    answer = tutor.answer("what about when the man has a broken leg and needs a plaster cast?", conversation)
    assert answer.status == "not_covered", answer.text


@pytest.mark.parametrize("question", ["what does the text cover?", "what is this text about?",
                                      "which topics does this text cover?", "how is the text organized?"])
def test_a_question_about_the_text_itself_is_answered_with_its_outline(tutor, question):
    """"what is this text about?" quoted "The aim is to recalibrate the endocrine system …" and
    "what does the text cover?" was told the text does not cover that: the text's own headings,
    in reading order, answer it (they are the text's words; nothing is cited, as in /topics)."""
    from tutor.core.corpus.outline import outline

    answer = tutor.answer(question)
    assert answer.status == "answered" and not answer.quotes and not answer.citations, answer
    shown = answer.text.splitlines()
    for tier, section, _, _ in outline(tutor.index.passages):
        line = next(line for line in shown if line.startswith(f"- {tier}"))
        assert section == tier or section in line, (section, line)


def test_a_question_about_one_level_lists_that_levels_sections_only(tutor):
    from tutor.core.corpus.outline import outline

    conversation = Conversation()
    tutor.answer("what does clomid do?", conversation)
    answer = tutor.answer("what's in the academic part?", conversation)
    academic = [section for tier, section, _, _ in outline(tutor.index.passages) if tier == "Academic"]
    assert answer.text.splitlines()[1:-1] == [f"- {s}" for s in academic], answer.text
    assert "Fundamentals" not in answer.text


@pytest.mark.parametrize("question", ["what does the text say about sleep?", "which parts of the brain make GnRH?",
                                      "what does the text cover about clomid?", "what are the structures of the HPG axis?"])
def test_a_question_on_a_topic_that_names_the_text_is_answered_from_it(tutor, question):
    answer = tutor.answer(question)
    assert answer.quotes or answer.status != "answered", answer
    assert "in reading order" not in answer.text


def test_the_outline_of_a_teachers_file_named_is_that_files(teachers_texts):
    answer = teachers_texts.answer("what does the asthma handout cover?")
    assert answer.text.splitlines()[1:-1] == ["- Asthma: Inhalers · Emergencies · Devices"], answer.text


@pytest.fixture(scope="module")
def bundled_and_a_sheet(index_dir, tmp_path_factory):
    """The bundled text with a teacher's fact sheet (a tester's gout sheet) added to corpus/, as the
    README tells teachers to; the index is rebuilt from a copy of the session's, so only the sheet
    is embedded."""
    import shutil

    from conftest import CORPUS
    from tutor.core.answer.tutor import Tutor, open_index

    corpus = tmp_path_factory.mktemp("beside") / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(ROOT / "eval" / "corpora" / "texts" / "gout.md", corpus / "gout.md")
    shutil.copytree(index_dir, corpus.parent / "index")
    return Tutor.from_index(open_index(corpus, corpus.parent / "index"))


@pytest.mark.parametrize("question, at_nothing", [
    ("could i have had this for years without knowing", True), ("is this contagious", True),
    ("how is this treated", True), ("can this come back", True),
    ("what does this hormone do", False), ("does this bleeding stop", False),
])
def test_a_word_that_cannot_follow_a_determiner_is_not_the_noun_of_a_first_questions_this(question, at_nothing):
    """"could i have had this for years without knowing" on the IgA nephropathy sheet was read as
    about "this for", a thing it named, so "this" was not taken for the sheet's subject and the
    question was not covered ("it can be silent for years or even decades"). Only for a first
    question: after an answer, "this"/"that" before such a word may be the last claim."""
    from tutor.core.answer.conversation import pointing_at_nothing

    assert bool(pointing_at_nothing(question)) == at_nothing


def test_a_first_questions_it_is_the_teachers_sheet_though_the_bundled_text_ranks_first(bundled_and_a_sheet):
    """"is there a cure for it?", asked first with a fact sheet beside the bundled text, was searched
    as typed: the bundled text's peptides ranked first, and it was not covered."""
    answer = bundled_and_a_sheet.answer("is there a cure for it?")
    assert answer.status == "answered" and answer.resolved_question == "is there a cure for Gout?", answer
    assert answer.citations[0].passage.source == "gout.md", answer.citations[0].passage.id


def test_chat_spellings_of_words_that_carry_meaning_are_read_as_meant(bundled_and_a_sheet):
    """"y do my gout attacks always start in the middle of the nite??" was not covered, "… the
    night?" answered (a blind dialogue writer's): "nite" was a word the text never uses."""
    from tutor.core.answer.tutor import _mended

    answer = bundled_and_a_sheet.answer("y do my gout attacks always start in the middle of the nite??")
    assert answer.status == "answered" and "night" in answer.text, (answer.status, answer.text)
    assert _mended("y do they hurt at nite, tho", lambda w: False) == "why do they hurt at night, though"
    assert _mended("is vitamin y good", lambda w: False) == "is vitamin y good"
    # a reviewer's: a capital "Y", a "y" mid-sentence and a spelling with a digit are left as typed
    for typed in ("Y is the male chromosome?", "men have x, y chromosomes, y are they different",
                  "is a 2day course of colchicine enough"):
        assert _mended(typed, lambda w: False) == typed
    assert _mended("ok.  y do flares happen", lambda w: False) == "ok.  why do flares happen"
    assert _mended("Tho it hurts at nite", lambda w: False) == "Though it hurts at night"


def test_a_question_naming_another_files_subject_is_not_ranked_with_the_last(bundled_and_a_sheet):
    """"anyway back to gout, can any medicines cause it?" after a question on TRT was ranked with that
    question and quoted TRT first (a blind dialogue writer's gout dialogues): its "it" is the gout it
    names, and it starts afresh."""
    conversation = Conversation()
    bundled_and_a_sheet.answer("does trt shut down your own testosterone?", conversation)
    answer = bundled_and_a_sheet.answer("anyway back to gout, can any medicines cause it?", conversation)
    assert answer.status == "answered" and all(c.passage.source == "gout.md" for c in answer.citations), \
        [c.passage.id for c in answer.citations]
    # a pronoun before the subject is the last answer's: "can it cause gout?" after "what is clomid" (a reviewer's)
    conversation = Conversation()
    bundled_and_a_sheet.answer("what is clomid", conversation)
    answer = bundled_and_a_sheet.answer("can it cause gout?", conversation)
    assert "clomid" in answer.citations[0].passage.id, [c.passage.id for c in answer.citations]
    # ... but an "it" that stands for nothing, or a "this", is no pronoun (a second reviewer's)
    for first, then in (("what is clomid", "does it matter what i eat if i have gout?"),
                        ("what is trt", "this might be a dumb question but what is gout?")):
        conversation = Conversation()
        bundled_and_a_sheet.answer(first, conversation)
        answer = bundled_and_a_sheet.answer(then, conversation)
        assert answer.citations[0].passage.source == "gout.md", (then, [c.passage.id for c in answer.citations])


def test_a_refusal_beside_a_sheet_offers_no_question_about_another_file(bundled_and_a_sheet):
    """A refusal offers a learner question to ask instead; beside a teacher's prolactinoma sheet,
    "can i stop my cabergoline" was offered the bundled text's "Is stopping trt just like flipping
    an off switch?" (an exploratory tester's). Only a question about the file asked of is offered;
    the sheet has none, so the refusal points at its section."""
    gout = bundled_and_a_sheet.answer("should i stop my allopurinol during a flare?")
    assert gout.status == "refused" and gout.reason == "personal_medical"
    assert "try: “" not in gout.message and "Gout › " in gout.message, gout.message
    trt = bundled_and_a_sheet.answer("should i stop my trt?")
    assert trt.status == "refused" and "try: “" in trt.message and "Gout" not in trt.message, trt.message


def test_a_first_questions_this_answered_only_from_the_bundled_text_is_the_teachers_sheet(bundled_and_a_sheet):
    """"can this come back?", asked first beside a gout sheet, quoted the bundled text's "The
    transition from exogenous hormone support …": answered, but from a text with no one subject,
    and the sheet's subject was looked for only among the ten best passages, all the bundled
    text's. Read as about the sheet, it is answered from the sheet."""
    answer = bundled_and_a_sheet.answer("can this come back?")
    assert answer.resolved_question == "can Gout come back?", answer.resolved_question
    assert answer.citations and answer.citations[0].passage.source == "gout.md", answer.citations


def test_tell_me_more_reads_on_in_the_section_and_stays_on_a_named_subject(tutor):
    """"tell me more" after Metabolic Function's row quoted the introduction's passing "from
    metabolism and mood to reproduction" before the section's own "Hormonal balance extends beyond
    the HPG axis …"; of a named subject, the section's other items are no more about it."""
    conversation = Conversation()
    tutor.answer("How do sex hormones affect metabolism?", conversation)
    more = tutor.answer("tell me more", conversation)
    assert more.reading == "more" and more.citations[0].passage.section == "Metabolic and Systemic Interconnections", more
    conversation = Conversation()
    tutor.answer("what does clomid do?", conversation)
    more = tutor.answer("tell me more", conversation)
    assert not any(c.passage.id.endswith(("/gonadorelin", "/tamoxifen")) for c in more.citations), more.citations
    assert "Clomiphene" in more.text, more.text


def test_a_bare_fragment_after_an_answer_is_read_with_what_was_said(tutor):
    """"examples?" after "what's a peptide" (an answer that named no glossary term) was read alone
    and quoted "Consider the … (HPG) axis, a prime example of such a loop."."""
    conversation = Conversation()
    tutor.answer("what's a peptide", conversation)
    answer = tutor.answer("examples?", conversation)
    assert answer.reading == "ellipsis" and "prime example" not in answer.text, answer


def test_when_to_go_to_hospital_is_answered_in_the_texts_own_words(teachers_texts):
    """"when should someone with a kidney stone go to the hospital straight away" was told the text
    does not say, naming as the closest section "When to get help right away" (a tester's): the
    words of going to hospital are the text's "call emergency services" in other words, and the
    pattern for them had never matched ("go" ran into "to")."""
    from tutor.core.safety.guard import asks_when_to_get_help

    assert asks_when_to_get_help("when should someone go to the hospital")
    assert not asks_when_to_get_help("when should i take clomid, before i go to the hospital?")
    answer = teachers_texts.answer("when should a child with asthma go to the hospital straight away?")
    assert answer.status == "answered" and "Call emergency services" in answer.text, answer


@pytest.mark.parametrize("first, then, resolved", [
    ("what does anastrozole do?", "is it a SERM?", "is Anastrozole a SERM?"),
    ("what is clomid?", "is it an aromatase inhibitor?", "is Clomid an aromatase inhibitor?")])
def test_asking_what_kind_of_thing_it_is_keeps_the_subject(tutor, first, then, resolved):
    """"is it a SERM?" after anastrozole was read as the swap "what does SERM do?" and quoted
    Tamoxifen alone; "it" followed by "a"/"an" can only be the last subject, so the answer must
    quote that subject's own passage (which says what it is)."""
    conversation = Conversation()
    tutor.answer(first, conversation)
    answer = tutor.answer(then, conversation)
    assert answer.resolved_question == resolved and answer.status == "answered"
    subject = resolved.split()[1].lower()
    assert any(subject in c.passage.id for c in answer.citations)


@pytest.mark.parametrize("question, covered", [("is hcg a peptide?", False), ("is nolvadex a SERM?", True),
                                               ("is clomid a SERM?", True), ("is tesamorelin a peptide?", True)])
def test_whether_a_thing_the_text_never_names_is_a_kind_is_not_covered(tutor, question, covered):
    """"is hcg a peptide?" quoted Tamoxifen and the peptide passages: the question is about hCG,
    which the text never names, however much it says of peptides. Nolvadex the text's glossary
    names, as Tamoxifen's brand name, and the text says Tamoxifen is a SERM (since stop 59)."""
    answer = tutor.answer(question, Conversation())
    assert (answer.status == "answered") is covered
    if not covered:
        assert answer.status == "not_covered"


def test_whether_one_thing_is_a_kind_quotes_what_each_is(tutor):
    """"is clomid an aromatase inhibitor?" quoted Anastrozole's item alone, ranked first for the
    rarer words, and said nothing of Clomid; "is clomid a SERM?" is answered by Clomid's own
    "… Clomid is also a SERM" and needs nothing more."""
    answer = tutor.answer("is clomid an aromatase inhibitor?", Conversation())
    cited = [c.passage.id.rsplit("/", 1)[1] for c in answer.citations]
    assert "clomid-clomiphene-citrate" in cited and "anastrozole" in cited
    answer = tutor.answer("is clomid a SERM?", Conversation())
    assert [c.passage.id.rsplit("/", 1)[1] for c in answer.citations] == ["clomid-clomiphene-citrate"]


def test_simpler_and_deeper_after_an_answer_from_two_levels_keep_to_one_level(tutor):
    """"difference between LH and FSH?" quotes Academic and Fundamentals sentences. /simpler said
    "nothing simpler than its Fundamentals part" and quoted the Academic definitions again (a side's
    definition was looked for over the whole text); /deeper went to Intermediate, the first
    citation's level, and quoted Tamoxifen's item (a tester's)."""
    conversation = Conversation()
    first = tutor.answer("what is the difference between LH and FSH?", conversation)
    assert {c.passage.tier for c in first.citations} >= {"Fundamentals", "Academic"}
    simpler = tutor.answer("explain that more simply", conversation)
    assert {c.passage.tier for c in simpler.citations} == {"Fundamentals"}
    assert "nothing simpler on LH and FSH" in simpler.note
    conversation = Conversation()
    tutor.answer("what is the difference between LH and FSH?", conversation)
    deeper = tutor.answer("go deeper", conversation)
    assert {c.passage.tier for c in deeper.citations} == {"Academic"}
    assert "nothing deeper" in deeper.note


def test_a_runner_up_that_gives_a_dose_is_quoted_only_when_a_kind_of_fact_is_asked(tutor):
    """"i just stopped my testosterone shots, how does my body start making its own again?" got the
    women's "Testosterone Cypionate — Administered in small [dose details omitted] …" as a runner-up
    beside the feedback that answers it (a tester's); asked how a medicine is given, the sentence
    that says so is still quoted, its dose omitted."""
    answer = tutor.answer("i just stopped my testosterone shots, how does my body start making its own again?",
                          Conversation())
    assert answer.status == "answered" and answer.quotes
    assert not any("omitted" in q.text for q in answer.quotes)
    assert "Cypionate" not in answer.text
    route = tutor.answer("how is gonadorelin given?", Conversation())
    assert any("subcutaneous injections" in q.text for q in route.quotes)


@pytest.mark.parametrize("question, covered", [("does trt make you lose your hair?", False),
                                               ("is tamoxifen also a breast cancer drug?", False),
                                               ("does alcohol affect testosterone?", False),
                                               ("why do my balls shrink on trt?", True),
                                               ("does trt make you infertile?", True)])
def test_a_word_neither_the_text_nor_its_learners_use_is_a_topic_it_lacks(tutor, question, covered):
    """"does trt make you lose your hair?" quoted the TRT passages, close in every other word, as if
    they answered it (a tester's). Where the passage found has learner questions, a word neither
    they nor the text use is a topic the text lacks, whatever the score; everyday words the
    learners use ("balls") are not."""
    assert (tutor.answer(question, Conversation()).status == "answered") is covered


@pytest.mark.parametrize("question, named", [
    ("what medications are used in the protocol for men coming off trt?", ["Gonadorelin", "Tamoxifen", "Clomid", "Anastrozole"]),
    ("what peptides help with sleep?", ["Sermorelin", "MK-677"]),
    ("which peptides are used for fat loss?", ["Ipamorelin", "Tesamorelin"]),
    ("list every medication in the mens protocol", ["Gonadorelin", "Tamoxifen", "Clomid", "Anastrozole"]),
    # an exploratory tester's got two sentences of introduction and no peptide named
    ("list the mechanism of action of each growth hormone peptide",
     ["Sermorelin", "Ipamorelin", "Tesamorelin", "Hexarelin", "MK-677"])])
def test_a_question_for_the_members_of_a_kind_names_them(tutor, question, named):
    """The README's own example named no medicine: it quoted the section's opening ("… specific
    protocols are employed …") alone (a tester's). The list's items are named, after its lead-in;
    a rare word some items have ("sleep", "fat") keeps those."""
    answer = tutor.answer(question, Conversation())
    assert answer.status == "answered"
    assert all(name in answer.text for name in named), answer.text
    if "sleep" in question:
        assert "Hexarelin" not in answer.text and "Tesamorelin" not in answer.text


def test_a_question_about_what_a_kind_does_is_not_a_list(tutor):
    answer = tutor.answer("what happens after serms bind to the estrogen receptors in the hypothalamus and pituitary?",
                          Conversation())
    assert "Gonadorelin" not in answer.text


def test_a_question_about_the_other_audience_than_a_section_is_for_says_so(tutor):
    """"can women take clomid?" and "and for women?" after Tamoxifen quoted the men's items, read as
    the answer for women (a tester's). The quotes stay, with a note that the text speaks of them
    only for men; a question that names no audience, or the section's own, gets none."""
    answer = tutor.answer("can women take clomid?", Conversation())
    assert "only for men" in answer.note and "applies to women" in answer.note
    conversation = Conversation()
    tutor.answer("how does tamoxifen help me restart after trt?", conversation)
    assert "only for men" in tutor.answer("and for women?", conversation).note
    assert tutor.answer("what does clomid do?", Conversation()).note == ""
    assert tutor.answer("how does clomid help men?", Conversation()).note == ""


def test_a_couple_asking_is_not_the_other_audience(tutor):
    """"my wife and i want kids, how does trt affect sperm" was told the text speaks of TRT only for
    men and not how it applies to women (an exploratory tester's): a relative named with the asker
    is a couple asking. Named alone, the relative is still the audience asked about."""
    for question in ("my wife and i want kids, how does trt affect sperm",
                     "me and my husband want a baby, how does trt affect sperm?"):
        answer = tutor.answer(question, Conversation())
        assert answer.status == "answered" and "only for men" not in (answer.note or ""), (question, answer.note)
    assert "only for men" in (tutor.answer("what does clomid do for a wife?", Conversation()).note or "")


@pytest.mark.parametrize("question, source", [("who is Khera?", "khera-2017"),
                                              ("what pages is the Khera review on?", "khera-2017"),
                                              ("what did spratt find?", "spratt-2008")])
def test_a_question_naming_a_sources_author_is_answered_by_that_source(tutor, question, source):
    """"who is Khera?" got the HPG chain and "what pages is the Khera review on?" the closing
    reflection (a tester's): the text knows the name only from its reference."""
    answer = tutor.answer(question, Conversation())
    assert answer.status == "answered" and answer.citations[0].passage.id.endswith(source)
    assert tutor.answer("why is the long term effect of trt on the testes", Conversation()).citations[0].passage.kind != "reference"


def test_which_of_those_after_the_sources_picks_one_of_them(tutor):
    """"which of those is about clomid?" after the list of sources quoted Clomid's item (a
    tester's); it asks which of the sources just listed, and picking one is no repetition."""
    conversation = Conversation()
    tutor.answer("what sources does it cite?", conversation)
    answer = tutor.answer("which of those is about clomid?", conversation)
    assert [c.passage.id for c in answer.citations] == ["references/spratt-2008"]
    assert answer.note == ""


@pytest.mark.parametrize("question, members", [
    ("what medications are used in the protocol for men coming off trt?", True), ("list the growth hormone peptides", True),
    ("which one of the meds is approved for infertility", False),      # one member (a development sheet's question)
    ("what happens after serms bind to the estrogen receptors", False), ("what are growth hormone peptides for", False),
    ("what does each growth hormone peptide do", True),
    ("does sleep matter for getting my hormones back, or is it all the meds?", False)])
def test_which_questions_ask_for_the_members_of_a_kind(question, members):
    from tutor.core.clauses import asks_for_the_members

    assert asks_for_the_members(question) is members


def test_a_why_after_an_answer_opening_with_a_sections_framing_asks_about_what_it_claims(tutor):
    """"why?" after "what does TRT do to my own production?" was read with the section's opening,
    "For men who have undergone TRT … specific protocols are employed …", which claims nothing to
    ask why of (testers, stops 33 and 45); the claim is the quote that says what happens."""
    conversation = Conversation()
    tutor.answer("what does TRT do to my own production?", conversation)
    assert "suppressed" in tutor.answer("why?", conversation).resolved_question


def test_a_lists_lead_in_is_answered_with_its_items(teacher_corpus):
    """"Complications of IgA nephropathy include" was answered with itself and its first item
    alone (a teacher's sheet): a lead-in promises its items, each quoted on a line of its own."""
    from tutor.core.answer.tutor import Tutor, open_index

    tutor = Tutor.from_index(open_index(*teacher_corpus))
    answer = tutor.answer("what are the signs of low iron?")
    lines = answer.text.splitlines()
    assert lines[0].startswith("Signs of low iron in the blood include")
    for item in ("tiredness that does not go away", "pale skin", "shortness of breath", "brittle nails"):
        assert any(line.startswith(item) for line in lines[1:]), answer.text


def test_a_lists_items_are_grouped_once_as_a_scan_of_every_passage_would_find_them(teacher_corpus):
    """The list's items were found by scanning every passage on every answer (slow on a large
    corpus); the index groups them once. Every list of the teacher's sheet and the bundled text is
    the same either way, in reading order."""
    from tutor.core.answer.tutor import Tutor, open_index

    tutor = Tutor.from_index(open_index(*teacher_corpus))
    passages = tutor.units.passages
    leads = {(p.context.strip(), p.source, p.section) for p in passages if p.context.strip()}
    assert any(lead.startswith("Signs of low iron") for lead, _, _ in leads)
    for lead, source, section in leads:
        scanned = [r for r, p in enumerate(passages)
                   if p.context.strip() == lead and (p.source, p.section) == (source, section)]
        assert tutor.units.items_of(lead, source, section) == scanned
    assert tutor.units.items_of("no such lead-in", "x", "y") == []


def test_them_after_a_story_is_the_plural_thing_the_story_names(tutor):
    """"kind of embarrassing but my testicles got noticeably smaller while on trt. what is happening
    to them?" asks about the testes: the story opens with no "I" or "my", and "them" alone found
    the HPG axis, with the story the sentence on TRT (a development answer set's)."""
    answer = tutor.answer("kind of embarassing but my testicles got noticeably smaller while on trt. "
                          "what is happening to them?")
    assert "Leydig cells" in answer.quotes[0].text, answer.text


def test_x_vs_y_compares_its_own_two_sides_even_when_one_is_unknown(tutor):
    """"enclomiphene vs clomid?" after a question on neurotransmitter balance was read as "What is
    Neurotransmitter Balance and Clomid?" (a learner tester's): it names both of its sides."""
    conversation = Conversation()
    tutor.answer("what is neurotransmitter balance?", conversation)
    answer = tutor.answer("enclomiphene vs clomid?", conversation)
    assert "Neurotransmitter" not in answer.resolved_question, answer.resolved_question


def test_simpler_is_the_same_account_in_plainer_words_not_the_same_word(tutor):
    """A blind writer's: "say that simpler" after "what do supraphysiological doses do to the axis"
    was told the text has nothing simpler on "supraphysiological": no Fundamentals sentence uses the
    word, though the Fundamentals part tells the same thing plainly (outside hormones signal the
    body to stop making its own). A level's answer counts by meaning, close to what was said."""
    conversation = Conversation()
    tutor.answer("what do supraphysiological doses do to the axis", conversation)
    simpler = tutor.answer("say that simpler", conversation)
    assert {c.passage.tier for c in simpler.citations} == {"Fundamentals"}, simpler.text
    assert "no longer needs to produce its own hormones" in simpler.text and not simpler.note
    # a lower level's answer about something else is no simpler account: MK-677 has only its row
    conversation = Conversation()
    tutor.answer("what does mk-677 do", conversation)
    assert "nothing simpler on MK-677" in tutor.answer("simpler please", conversation).note


def test_which_one_is_better_for_something_asks_the_text_to_compare(tutor):
    """A blind writer's "which one is better for fertility?" after "are clomid and tamoxifen the same
    thing" was answered with Clomid's item, which says nothing of which is better: "which one" picks
    between the two spoken of, as "which one is better?" does. "which … is better for sleep" still
    asks which ones are for sleep, and the table says."""
    conversation = Conversation()
    tutor.answer("are clomid and tamoxifen the same thing", conversation)
    assert tutor.answer("which one is better for fertility?", conversation).status == "not_covered"
    assert tutor.answer("which growth hormone peptide is better for sleep").status == "answered"


def test_a_question_of_several_terms_cites_the_passage_that_names_them_together(tutor):
    """A learner tester's nursing student: "the role of GnRH pulsatility in regulating LH and FSH"
    was answered with growth-hormone pulses, the passage that defines "pulsatility", though the
    text says "suppress GnRH pulsatility … diminished LH and FSH secretion" in one sentence. A
    question of three or more of the text's terms asks how they relate."""
    answer = tutor.answer("What is the role of GnRH pulsatility in regulating LH and FSH secretion?")
    cited = [c.passage.id for c in answer.citations]
    assert answer.status == "answered"
    assert "academic/neuroendocrine-axis-recalibration/p1-2" in cited[:2], cited
    assert not any("growth-hormone" in pid for pid in cited), cited


@pytest.mark.parametrize("complaint", ["did you even read what i said", "thats not what i asked lol", "u r not listening"])
def test_a_complaint_that_the_answer_missed_is_not_answered_about_the_last_subject(tutor, complaint):
    """A learner tester's: "did you even read what i said" was read as a follow-up on Clomid and
    Clomid quoted again. A short complaint, recognised by meaning, says how the last message was
    taken and how to ask again, and quotes nothing."""
    conversation = Conversation()
    tutor.answer("what does clomid do", conversation)
    answer = tutor.answer(complaint, conversation)
    assert answer.status == "not_covered" and not answer.citations
    assert "misread" in answer.message and "“what does clomid do”" in answer.message and "Clomid" in answer.message
    assert tutor.answer("tell me more about that", conversation).status == "answered"


def test_a_complaint_with_an_emergency_in_it_gets_the_emergency_message(tutor):
    conversation = Conversation()
    tutor.answer("what does clomid do", conversation)
    answer = tutor.answer("you're not listening, i took 40 of them", conversation)
    assert answer.status == "refused" and answer.reason == "emergency"


@pytest.mark.parametrize("question", ["i could kill for an easy explanation of negative feedback",
                                      "im dying to understand what leydig cells do"])
def test_wanting_said_in_words_of_death_is_answered_as_the_wish_it_is(tutor, question):
    """A learner tester's: "i could kill for an easy explanation of negative feedback" was not
    covered, while "easy explanation of negative feedback pls" was answered."""
    assert tutor.answer(question).status == "answered"


def test_killing_oneself_is_never_read_as_wanting(tutor):
    answer = tutor.answer("i could kill myself, what is lh")
    assert answer.status == "refused" and answer.reason == "emergency"


@pytest.mark.parametrize("question", ["what is TRT", "what does trt do to my own testosterone", "what is pulsatility"])
def test_no_box_calls_a_sentence_that_only_uses_a_term_its_definition(tutor, question):
    """The text never says what TRT or pulsatility is; their glossary entries keep the sentence
    that uses them (`defines: false`), and no answer shows it as a definition (issue 13)."""
    undefined = {e.term for e in tutor.glossary if not e.defines}
    assert {"testosterone replacement therapy", "pulsatility"} <= undefined
    answer = tutor.answer(question)
    assert not [g.term for g in answer.glossary if g.term in undefined], answer.glossary


def test_deeper_on_a_medicine_never_quotes_other_medicines_as_its_account(tutor):
    """A learner tester's: /deeper after "what does anastrozole do" quoted "SERMs such as Tamoxifen
    and Clomiphene Citrate work by competitively binding …", not one sentence on Anastrozole, under
    the Anastrozole question: a classic exam confusion. The Academic part has nothing on it, so
    the tutor says so and keeps to the Intermediate item."""
    conversation = Conversation()
    tutor.answer("what does anastrozole do", conversation)
    deeper = tutor.answer("/deeper", conversation)
    assert deeper.note.startswith("The text has nothing deeper on Anastrozole"), deeper.note
    assert "Tamoxifen" not in deeper.text and "aromatase" in deeper.text.lower()


def test_a_box_is_only_for_a_term_the_question_or_the_quotes_name(tutor):
    """A learner tester's: "and then?" after "how does gonadorelin differ from clomid?" went on
    about Gonadorelin, beside a box for Tamoxifen, named nowhere in the answer."""
    conversation = Conversation()
    tutor.answer("how does gonadorelin differ from clomid?", conversation)
    answer = tutor.answer("and then?", conversation)
    shown = f"{answer.resolved_question} {answer.text}".lower()
    assert answer.status == "answered"
    assert all(any(n.lower() in shown for n in tutor.glossary.lookup(g.term, fuzzy=False).names) for g in answer.glossary), \
        [g.term for g in answer.glossary]


def test_simpler_after_a_question_the_text_does_not_answer_says_what_it_goes_on_from(tutor):
    """A learner tester's: /simpler after a not-covered question re-answered the question before
    it with no word that it had jumped back."""
    conversation = Conversation()
    tutor.answer("Compare the mechanism of action of tamoxifen and clomiphene.", conversation)
    assert tutor.answer("what year was tamoxifen discovered?", conversation).status == "not_covered"
    simpler = tutor.answer("/simpler", conversation)
    assert simpler.note.startswith("Your last question had no answer to go on from; this is about "
                                   "“Compare the mechanism of action of tamoxifen and clomiphene”."), simpler.note


def test_what_is_a_term_the_text_never_defines_says_so_before_its_quotes(tutor):
    """"what is TRT?" quoted "The body's own testosterone creation can become suppressed during TRT
    …" as if it said what TRT is; "what does TRT stand for?" is answered by the text's own
    "testosterone replacement therapy (TRT)", with no such note."""
    answer = tutor.answer("what is TRT")
    assert answer.note.startswith("The text uses “testosterone replacement therapy” without saying what it is"), answer.note
    assert not tutor.answer("what does TRT stand for").note
    assert not tutor.answer("what is clomid").note


def test_a_complaint_reply_shows_the_last_question_through_the_redaction(tutor):
    """The reply to "thats not what i asked" repeats the learner's last message: an amount typed
    in it is hidden like any other dose detail."""
    conversation = Conversation()
    tutor.answer("what does 50mg of clomid do", conversation)
    answer = tutor.answer("thats not what i asked", conversation)
    assert "misread" in answer.message and "50mg" not in answer.message and MARKER in answer.message


@pytest.mark.parametrize("question", ["is gout contagious?", "can my dog get gout too?"])
def test_a_subject_the_sheet_never_speaks_of_is_said_to_be_missing(gout_text, question):
    """The development sheets' learners asked "is gout contagious?" and "can my dog get celiac
    disease too?", and got the sheet's definition quoted as if it answered: the rest of the
    question matched so well that the floors passed it. With the word the sheet lacks, the
    question's closest sentence anywhere in the sheet is further away than without it: the word
    finds nothing there (scope._found_nowhere). The reply names the word, as typed."""
    answer = gout_text.answer(question)
    word = "contagious" if "contagious" in question else "dog"
    assert answer.status == "not_covered" and f"never uses the word “{word}”" in answer.message, answer.text


def test_a_real_word_the_model_does_not_know_is_named_as_typed(tutor):
    """"how do statins lower cholesterol?" was told the text never uses "stains": the word, one
    letter longer than an English one, was respelt as if it were a typo (_as_spelled)."""
    answer = tutor.answer("how do statins lower cholesterol?")
    assert answer.status == "not_covered" and "“statins”" in answer.message and "stains" not in answer.message


@pytest.mark.parametrize("question", ["are the lumps from gout sore?", "does gout wreck your bones?"])
def test_a_lay_word_for_what_the_sheet_says_is_still_answered(gout_text, question):
    """The same measure lets a learner's word the sheet never uses through when it says the thing
    in its own words ("sore" lumps: "Tophi are usually not painful"; "wreck": "damage bone")."""
    from tutor.core.search.scope import lacked_words

    retriever = gout_text.retriever
    assert lacked_words(question, retriever.search(question), retriever)[1]     # a word the sheet lacks
    answer = gout_text.answer(question)
    assert answer.status == "answered" and "damage bone" in answer.text, answer.text


def test_words_the_text_lacks_that_name_nothing_never_make_it_silent(tutor):
    """"order" and "since" are words the bundled text never uses, and without them the question's
    closest sentence is nearer: but they name no topic (the question means nearly the same without
    them), so the question is still answered (a development learner's; it was said to be silent
    while the measure looked at every word the text lacks)."""
    answer = tutor.answer("Why does my doctor order bloodwork so often since I started on clomid? "
                          "What are they actually watching for?")
    assert answer.status == "answered", answer.message


def test_a_word_one_letter_longer_than_an_english_one_is_not_respelt():
    """"statins" is one letter from "stains"; respelt, a follow-up was told the text never uses
    "stains". A missing or changed letter is still mended ("permanant", "diffrent"), but not a
    first letter: "nodules" was named as "modules" (a teacher's tester)."""
    from tutor.core.search.scope import _as_spelled

    assert _as_spelled("statins") == "statins" and _as_spelled("nodules") == "nodules"
    assert _as_spelled("permanant") == "permanent" and _as_spelled("diffrent") == "different"
    # a letter changed for one no key near it, nor a vowel for a vowel, is no slip: "do inhalers expire"
    # was told the text never uses "empire", and "non blanching rash" "branching" (stop 60's testers)
    assert _as_spelled("expire") == "expire" and _as_spelled("blanching") == "blanching"
    assert _as_spelled("hormoens") == "hormones" and _as_spelled("glukose") == "glucose"


def test_a_sentence_left_saying_nothing_is_not_quoted_whichever_way_it_was_chosen(tmp_path_factory):
    """"what about drinks?" beside a diabetes handout quoted "Never drink [dose details omitted]." ("on
    an empty stomach", a timing of medicines hidden wherever it stands): a sentence with fewer than
    three words left is not quoted, even as the sentence the answer was built on."""
    sheet = a_sheet(tmp_path_factory, "drinks",
        "# Type 2 Diabetes\n\n## Food and drink\n\nThere is no special \"diabetic diet\". People with diabetes are "
        "advised to eat the\nsame healthy, balanced diet that is good for everyone.\n\n- Base meals on starchy foods "
        "that are high in fibre, such as wholegrain bread,\n  brown rice, oats and potatoes with skins.\n- Eat at "
        "least five portions of fruit and vegetables a day.\n- Cut down on sugary drinks, sweets, cakes and biscuits; "
        "choose water,\n  sugar-free squash or diet drinks instead.\n- Choose healthier fats, such as olive oil, nuts "
        "and oily fish, and eat less\n  fried food and processed meat.\n- Keep salt to less than 6 grams a day (about "
        "one teaspoon), to help your blood\n  pressure.\n\nAlcohol can make hypos more likely, especially for people "
        "who take insulin or\ngliclazide, and the effect can last into the next day. Adults are advised not to\n"
        "drink more than 14 units of alcohol a week, spread over three days or more.\nNever drink on an empty "
        "stomach.\n")
    answer = sheet.answer("what about drinks?")
    assert answer.status == "answered" and "Never drink [dose" not in answer.text, answer.text


@pytest.mark.parametrize("opener", ["wait", "hmm", "ok so", "thanks,", "oh right"])
def test_a_chat_opener_changes_nothing_asked(tutor, opener):
    """A blind writer's "wait what is ghrelin exactly" was not taken for a question asking what a
    term is: "wait" was filler to the conversation but not to the definition check (six opener
    lists had grown apart). The text uses the word without defining it, and says so either way."""
    plain = tutor.answer("what is ghrelin exactly")
    opened = tutor.answer(f"{opener} what is ghrelin exactly")
    assert plain.note.startswith("The text uses “ghrelin” without saying what it is")
    assert opened.note == plain.note and opened.citations[0].passage.id == plain.citations[0].passage.id


def test_tell_me_more_reads_the_rest_of_a_passage_quoted_in_part(tutor):
    """A blind writer's "tell me more" after "For women, testosterone is a vital hormone, …", the
    first sentence of its passage: the whole passage counted as quoted, and the pellets' item
    came instead of the passage's next sentence."""
    conversation = Conversation()
    first = tutor.answer("do women even need testosterone??", conversation)
    assert "it can be part of a broader hormonal optimization strategy" not in first.text
    answer = tutor.answer("tell me more", conversation)
    assert answer.reading == "more" and "it can be part of a broader hormonal optimization strategy" in answer.text
    assert not any(q.text in first.text for q in answer.quotes), answer.text


def test_tell_me_more_after_an_item_said_in_full_reads_its_section(tutor):
    """A blind writer's "tell me more" after Pentadeca Arginate's item, which the answer quoted
    whole: retrieval's next closest were the Leydig cells, PT-141 and pellets. The item's own
    section says what these peptides do, and a second "anything else?" reads on in it."""
    conversation = Conversation()
    tutor.answer("whats pentadeca arginate", conversation)
    answer = tutor.answer("tell me more", conversation)
    assert answer.note == ("That is all the text says about Pentadeca Arginate. What its section, Intermediate › "
                           "Other Targeted Peptides for Wellness, says around it:"), answer.note
    assert "These agents work by interacting with various receptors and pathways" in answer.text
    assert all(c.passage.section == "Other Targeted Peptides for Wellness" for c in answer.citations)
    again = tutor.answer("anything else?", conversation)
    assert "These specialized peptides represent a frontier in personalized wellness" in again.text


@pytest.mark.parametrize("message", ["????", "...", "?!", "—"])
def test_a_message_without_a_word_is_no_question_about_the_topic(tutor, message):
    """An exploratory tester's "????" after a TRT answer was read as "— testosterone replacement
    therapy?" and answered with the TRT sentence again."""
    conversation = Conversation()
    tutor.answer("what is trt", conversation)
    answer = tutor.answer(message, conversation)
    assert answer.status == "not_covered" and not answer.quotes and "has no words to look up" in answer.text
    assert len(conversation.turns) == 1        # nothing was asked: the conversation is as it was


def test_a_new_subject_is_swapped_into_the_question_just_asked_even_when_silent(tutor):
    """An exploratory tester's "and hexarelin?" after "does it have side effects" (not covered) was
    read as "approved by who — hexarelin?", the answered question two turns back."""
    conversation = Conversation()
    for question in ("what is tesamorelin", "approved by who?", "does it have side effects"):
        tutor.answer(question, conversation)
    assert conversation.turns[-1].status == "not_covered"
    answer = tutor.answer("and hexarelin?", conversation)
    assert answer.reading == "swap" and answer.resolved_question.lower() == "does hexarelin have side effects"


def test_tell_me_more_names_the_section_of_the_subjects_own_item(tutor):
    """A reviewer's "whats pentadeca arginate" and four "tell me more": the fourth named "Academic ›
    Cellular Mechanisms of Gonadal Reactivation" as its section, taken from whatever the last turn
    had cited first."""
    conversation = Conversation()
    tutor.answer("whats pentadeca arginate", conversation)
    for question in ("tell me more", "anything else?", "tell me more", "tell me more"):
        answer = tutor.answer(question, conversation)
        if answer.note.startswith("That is all the text says about Pentadeca Arginate. What its section"):
            assert "Other Targeted Peptides for Wellness" in answer.note, answer.note


def test_and_then_never_says_again_a_step_given_with_its_dose_hidden(tutor):
    """A reviewer's "how is gonadorelin given?" then "and then?" said again "It is typically
    administered via subcutaneous injections, [dose details omitted]." as the step to read on from."""
    conversation = Conversation()
    tutor.answer("how is gonadorelin given?", conversation)
    answer = tutor.answer("and then?", conversation)
    assert "administered" not in answer.text and "omitted" not in answer.text, answer.text


def test_and_then_after_a_refused_question_says_nothing_of_the_last_answer_reaching_a_step(tutor):
    """A reviewer's "and then?" after a refused dose question read "Your last question had no answer
    to go on from; … The last answer went as far as this": the two notes contradicted each other."""
    conversation = Conversation()
    tutor.answer("what is gonadorelin", conversation)
    assert tutor.answer("how often do i inject it?", conversation).status == "refused"
    answer = tutor.answer("and then?", conversation)
    assert "The last answer went as far as this" not in answer.text, answer.text


def test_a_pronoun_after_a_refused_first_question_stands_for_its_subject(tutor):
    """An exploratory tester's "how does it work?" after a refused "how much clomid should i take?"
    (whose refusal offers "How does Clomid work?") was read with no subject and answered about
    Gonadorelin. The guard judges what the pronoun makes of a follow-up: "how much of it?" is Clomid's dose."""
    conversation = Conversation()
    assert tutor.answer("how much clomid should i take?", conversation).status == "refused"
    answer = tutor.answer("how does it work?", conversation)
    assert answer.status == "answered" and answer.resolved_question == "how does Clomid work?", answer.resolved_question
    assert answer.citations[0].passage.id.endswith("/clomid-clomiphene-citrate"), answer.citations[0].passage.id
    assert tutor.answer("ok and how much of it?", conversation).status == "refused"
    # only right after the refusal: "it" after a question in between is not the refused subject (a reviewer's)
    conversation = Conversation()
    tutor.answer("how much clomid should i take?", conversation)
    assert tutor.answer("what is metformin?", conversation).status == "not_covered"
    assert "Clomid" not in tutor.answer("how does it work?", conversation).resolved_question


def test_a_bare_difference_compares_the_last_two_subjects_asked_about(tutor):
    """A second exploratory tester's "what's the difference then" after a refused "should i take
    tamoxifen or clomid" (whose refusal offers how the two differ) was not covered; after "what is
    tamoxifen?", "and clomid?" it was read as an angle on Clomid alone."""
    for first in (["should i take tamoxifen or clomid"], ["what is tamoxifen?", "and clomid?"]):
        conversation = Conversation()
        for question in first:
            tutor.answer(question, conversation)
        answer = tutor.answer("what's the difference then", conversation)
        assert answer.reading == "compare" and answer.status == "answered", (first, answer.resolved_question)
        cited = {c.passage.id.rsplit("/", 1)[-1] for c in answer.citations}
        assert {"tamoxifen", "clomid-clomiphene-citrate"} <= cited, cited
    # "how are they different" too (a third tester's); a comparison for oneself stays refused (a reviewer's)
    for follow_up, status in (("how are they different", "answered"), ("are they the same for me?", "refused")):
        conversation = Conversation()
        tutor.answer("should i take clomid or tamoxifen?", conversation)
        assert tutor.answer(follow_up, conversation).status == status, follow_up


def test_a_short_follow_up_to_a_telling_left_unanswered_is_about_the_telling(tutor):
    """An exploratory tester's "is that normal?" after spots told on TRT (refused as personal advice)
    was read against the answer before it and quoted the text's "normal" lab values as if of the
    spots; "why?" after it the same. Both are about the telling, and the guard judges them with it."""
    conversation = Conversation()
    assert tutor.answer("what does LH do?", conversation).status == "answered"
    assert tutor.answer("my back's come out in spots since i started trt", conversation).reason == "personal_medical"
    answer = tutor.answer("is that normal?", conversation)
    assert answer.resolved_question == "my back's come out in spots since i started trt — is that normal?"
    assert answer.status == "refused" and not answer.quotes, answer.text
    # "why?": the text could not say what was told, so it cannot say why (a reviewer's: read with the
    # telling, the guard let it through as a why-question and the text was quoted as the cause)
    answer = tutor.answer("why?", conversation)
    assert answer.status == "not_covered" and not answer.quotes, answer.text
    # a question about the text goes on as before
    assert tutor.answer("what does FSH do?", conversation).status == "answered"
    # ... and so does one about a medicine the telling named (a reviewer's: "what does it do?" was refused)
    conversation = Conversation()
    tutor.answer("i have sore boobs on clomid", conversation)
    answer = tutor.answer("what does it do?", conversation)
    assert answer.status == "answered" and answer.resolved_question == "what does Clomid do?", answer.resolved_question


@pytest.mark.parametrize("question", ["what happens when you stop testosterone therapy?",
                                      "Can natural testosterone come back after quitting trt?"])
def test_a_one_sentence_answer_that_sets_the_scene_reads_on_in_its_paragraph(tutor, question):
    """Both were answered with the one sentence "For men who have undergone TRT and wish to discontinue it,
    … specific protocols are employed …" (an exploratory tester's; the second is the tutor's own
    suggestion): the paragraph's next sentence, in the next chunk, says what happens."""
    answer = tutor.answer(question)
    assert "can become suppressed during TRT" in answer.text, answer.text


def test_a_definition_that_points_back_is_shown_with_the_sentence_before_it():
    """"/define allergic rhinitis" showed only "Doctors call this allergic rhinitis." (an exploratory
    tester's hay fever leaflet): the learner never learnt it is hay fever. A defining sentence whose
    subject is the sentence before ("call this", "This is called …") is shown with that sentence."""
    from tutor.core.corpus.passage import Passage, Segment
    from tutor.core.search.defined import defining_sentence

    text = ("Hay fever is an allergy to pollen, a fine powder released by plants. Doctors call this allergic "
            "rhinitis. When someone breathes in pollen, the body releases a chemical called histamine.")
    passage = Passage(id="hay-fever/what-is-it/p1", tier="Hay Fever", section="What is it?", title="", kind="prose",
                      text=text, source="hay-fever.md", segments=(Segment(0, 0, len(text)),))
    assert defining_sentence([passage], "allergic rhinitis")[1] == \
        "Hay fever is an allergy to pollen, a fine powder released by plants. Doctors call this allergic rhinitis."
    assert defining_sentence([passage], "histamine")[1].startswith("When someone breathes in pollen")


@pytest.fixture(scope="module")
def kidney_stones_text(tmp_path_factory):
    """A tutor over a helper's kidney stones sheet (stop 72, eval/corpora/texts/kidney-stones-2.md),
    with no learner questions."""
    return a_sheet(tmp_path_factory, "kidney-stones",
                   (ROOT / "eval" / "corpora" / "texts" / "kidney-stones-2.md").read_text(encoding="utf-8"))


def test_a_typo_is_embedded_as_the_word_it_misspells(kidney_stones_text, tutor):
    """"what are the sypmtoms" was said not to be covered by a kidney stones sheet (an exploratory
    tester's): keyword search looked for "symptoms", but the encoder read the typo's word pieces,
    0.20 from the symptoms section. A word one typing slip from the text's is embedded as the text
    spells it (Retriever.spelt_right), but not a letter changed for another, which is how one real
    word becomes another ("adduction" was answered with a stroke handout's "abduction"; a reviewer's),
    nor a word two slips away ("creatine", not the bundled text's "creation")."""
    from tutor.core.search.rank import _slipped

    answer = kidney_stones_text.answer("what are the sypmtoms")
    assert answer.status == "answered" and "Symptoms of kidney stones may include" in answer.text, answer.text
    assert tutor.retriever.spelt_right("does creatine build muscle", ["creatine"]) == "does creatine build muscle"
    assert tutor.retriever.spelt_right("what does testostrone do", ["testostrone"]) == "what does testosterone do"
    assert _slipped("sypmtoms", "symptoms") and _slipped("testostrone", "testosterone")
    assert not _slipped("adduction", "abduction") and not _slipped("dysphasia", "dysphagia")


def test_next_questions_never_ask_what_a_piece_of_advice_is(kidney_stones_text):
    """"Next: What are Get enough calcium from foods? · What is Cut back on sodium?" was offered
    after a kidney stones answer (an exploratory tester's): a neighbouring item's title was put in
    "What is …?" whatever it said. An item that tells the reader what to do names no topic to ask
    about (parse.reads_as_an_instruction); one that names a thing is still offered."""
    offered = [s for q in ("how do you stop getting kidney stones?", "how can i prevent them with food?",
                           "what is shock wave lithotripsy?") for s in kidney_stones_text.answer(q).suggestions]
    assert offered and not any(s.startswith(("What is Cut", "What is Limit", "What are Get", "What is Get"))
                               for s in offered), offered
    assert "What is Ureteroscopy?" in offered, offered


def test_the_texts_own_signs_read_with_a_follow_up_are_no_emergency_of_the_learners(kidney_stones_text):
    """"does it hurt alot", after an answer listing the symptoms of kidney stones and read with that
    answer's claim, got the emergency message (an exploratory tester's): the signs were the text's.
    They are an emergency when the learner makes them someone's."""
    from tutor.core.answer.conversation import Conversation

    for follow_up, emergency in (("does it hurt alot", False), ("my son has that right now", True)):
        conversation = Conversation()
        kidney_stones_text.answer("what causes kidny stones", conversation)
        first = kidney_stones_text.answer("what are the sypmtoms", conversation)
        assert first.status == "answered" and "inability to urinate" in first.text, first.text
        answer = kidney_stones_text.answer(follow_up, conversation)
        assert (answer.reason == "emergency") == emergency, (follow_up, answer.status, answer.reason, answer.text)


@pytest.mark.parametrize("title, advice", [
    ("Cut back on sodium", True), ("Don’t smoke", True), ("Get enough calcium from foods", True),
    ("Follow-up care", False), ("Check-ups", False), ("Take-home naloxone", False), ("Clean catch urine", False),
    ("Shock wave lithotripsy", False)])
def test_a_title_that_tells_what_to_do_is_told_from_one_that_names_a_thing(title, advice):
    """A reviewer's: "Don’t smoke" (a curly apostrophe) was offered as "What is Don’t smoke?", and
    "Follow-up care" was taken for advice (a hyphen ended the verb)."""
    from tutor.core.corpus.parse import reads_as_an_instruction

    assert reads_as_an_instruction(title) == advice
