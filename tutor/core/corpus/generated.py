"""Learner questions made without a person, for passages nobody wrote questions for.

A teacher's own text arrives without corpus/questions.yaml entries. Questions in a learner's
form still help: a question is matched against questions better than against prose, and the
safety guard learns from them what an ordinary question about *this* text looks like (without
them it may take "how do doctors find out if you have one?" for a request for advice). They are
made from the text's own structure, with no model and no network:

- the section heading, turned into the question it names ("Symptoms" → "What are the symptoms of
  prolactinoma?", "How common it is" → "How common is prolactinoma?"), or kept when it is one;
- a sub-heading, list item or table row title ("What is Medical Treatment?");
- a sentence that defines something ("A prolactinoma is a benign … tumor" → "What is a
  prolactinoma?"), and a run-in heading ("Prescription drugs. Prolactin secretion …" →
  "How are prescription drugs related to other causes of high prolactin?");
- a glossary term defined in the passage ("What is HPG axis?").

They are kept apart from hand-written questions (`source: generated` in the index) and are never
shown. For the guard, each is also asked once more as a learner would who has the condition or
knows someone who does (`as_told_by_a_learner`): the guard's examples of personal advice are
told in the first person, so without these "my dad was diagnosed with it, is it hereditary?"
read as a request for advice on every text nobody wrote learner questions for.
"""

from __future__ import annotations

import re

from tutor.core.vocab import PassageKind

# Heading words and the question a section under them answers ({t}: the document's subject).
_HEADINGS = [
    (r"overview|introduction|about|background|summary|definition|what is", "What is {t}?"),
    (r"symptoms?|signs?", "What are the symptoms of {t}?"),
    (r"causes?|why", "What causes {t}?"),
    (r"diagnos\w*|tests?|testing|detect\w*", "How is {t} diagnosed?"),
    (r"treat\w*|therap\w*|management|medications?", "How is {t} treated?"),
    (r"how common|prevalence|incidence|who gets|frequency", "How common is {t}?"),
    (r"risk", "Who is at risk of {t}?"),
    (r"complications?|effects?|consequences?", "What problems can {t} cause?"),
    (r"prevent\w*", "Can {t} be prevented?"),
    (r"outlook|prognosis", "What is the outlook for {t}?"),
    (r"surgery|operation", "What surgery is done for {t}?"),
    (r"monitor\w*|follow", "How is {t} monitored?"),
]
_DEFINES = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<x>(?!(?:because|when|if|although|while|since|as|in|for|with|this|these|it|they|there)\b)"
    r"[\w-]+(?:\s+[\w-]+){0,3}?)\s*(?:\([^)]*\)\s*)?(?:,\s+|\s+)(?:is|are|refers\s+to|means)\s+(?:an?|the|one|any)\b",
    re.IGNORECASE)
_RUN_IN = re.compile(r"^(?P<x>[A-Z][\w' -]{2,40})\.\s+[A-Z]")


def questions_for(passage, subject: str, glossary_terms: list[str] = ()) -> list[str]:
    """A few learner-style questions the passage answers, from its headings and sentences."""
    found: list[str] = []
    topic = subject.lower() if subject and subject.isupper() is False else subject
    if passage.section and passage.section != passage.tier:
        found += section_questions(passage.section, topic)
    if passage.title and passage.kind != PassageKind.REFERENCE:
        found.append(f"What is {passage.title}?")
        found.append(f"{passage.title} — {topic}?" if topic else f"{passage.title}?")
    for a, b in passage.sentences[:3]:
        sentence = passage.text[a:b]
        defined = _DEFINES.match(sentence)
        if defined and len(defined.group("x").split()) <= 4:
            found.append(f"What is {defined.group('x').strip().lower()}?")
    run_in = _RUN_IN.match(passage.text)
    if run_in and passage.section and passage.section != passage.tier:
        found.append(f"How is {run_in.group('x').lower()} related to {passage.section.lower()}?")
    found += [f"What is {term}?" for term in glossary_terms]
    return list(dict.fromkeys(q for q in found if len(q) > 8))


# How a learner with the condition, or close to someone who has it, puts a question ({t}: the
# document's subject); one per question, chosen by the question so a rebuild makes the same.
_AS_TOLD = ("I was just diagnosed with {t}. {q}", "my doctor thinks I might have {t}, {ql}",
            "my mum has {t}, {ql}", "I've had {t} for years and still wonder: {ql}")


def as_told_by_a_learner(question: str, subject: str) -> str:
    """The question told by someone the subject touches: "What causes IgA nephropathy?" →
    "my mum has IgA nephropathy, what causes IgA nephropathy?"."""
    import zlib

    frame = _AS_TOLD[zlib.crc32(question.encode()) % len(_AS_TOLD)]
    return frame.format(t=subject, q=question, ql=question[:1].lower() + question[1:])


def section_questions(heading: str, topic: str) -> list[str]:
    """The question a heading names; the heading itself when it is already a question. Also what
    the retriever compares a learner's question with (rank.Retriever._section_questions)."""
    text = heading.strip()
    if text.endswith("?"):
        return [text]
    low = text.lower()
    if len(low.split()) > 3:                    # "Other causes of high prolactin" names its own question
        return [f"What about {low}?"]
    matched = [q.format(t=topic) for pattern, q in _HEADINGS if re.search(rf"^(?:{pattern})\b", low) and topic]
    return matched[:2] or [f"{text} — {topic}?" if topic else f"{text}?"]
