"""What the tutor says instead of an answer: kind, short, and pointing at what it can explain."""

from __future__ import annotations

import re

from tutor.core.safety.redact import redact
from tutor.core.vocab import Reason

# Where to turn, said the same way wherever the tutor says it.
NUMBERS = "(911 in the US, 112 in the EU, 999 in the UK)"
CALL_NOW = f"Call your local emergency number now {NUMBERS}."
POISON = ("If someone has taken too much of a medicine or swallowed something, a poison-control centre can "
          "help (in the US 1-800-222-1222).")
# the one at risk is often someone else: a partner told "my husband keeps saying we'd be better off
# without him" a crisis line for "if you are thinking about harming yourself" (a learner tester's)
CRISIS = ("If you, or someone you are worried about, may be thinking of self-harm, call or text a crisis line "
          "(988 in the US), or go to the nearest emergency department.")
EMERGENCY = f"This sounds like it could be an emergency. {CALL_NOW} {POISON} {CRISIS}"

_OPENINGS = {
    Reason.DOSING: ("I can’t give dosing advice — how much of a medicine to take, how often and for how long "
               "is for a prescribing clinician to decide with you."),
    Reason.MISUSE: ("I can’t help with getting medicines without a prescription or using them outside "
                    "medical care — that belongs with a clinician who can prescribe and monitor them."),
    Reason.PERSONAL: ("I can’t give personal medical advice — decisions about your own treatment, "
                         "symptoms or lab results belong with a clinician who can assess you."),
}


def refusal(reason: str, topic: str | None = None, section: str | None = None, instead: str | None = None,
            what_it_is: bool = False) -> str:
    """The refusal for `reason`, with an educational question the learner can ask instead
    (`instead`, when one near what was asked is known; else "How does TOPIC work?", or with
    `what_it_is` "What is TOPIC?", for a subject the text answers that way and not the other)."""
    if reason == Reason.EMERGENCY:
        return EMERGENCY
    opening = _OPENINGS.get(reason, _OPENINGS[Reason.PERSONAL])
    if instead:
        where = f" (see {section})" if section else ""
        return f"{opening} I can explain what the text says in general — try: “{instead}”{where}."
    if topic:
        where = f" (see {section})" if section else ""
        if what_it_is:
            return f"{opening} I can explain what {topic} is — try: “What is {topic}?”{where}."
        return f"{opening} I can explain how {topic} works — try: “How does {topic} work?”{where}."
    if section:
        return (f"{opening} I can explain what the text says about the subject — see {section}; /topics in the chat "
                "(or tutor topics in the shell) lists the rest.")
    return (f"{opening} I can explain what the text says — /topics in the chat (or tutor topics in the shell) "
            "lists what it covers.")


def not_covered(section: str | None, passage_id: str | None, silent_on: str | None = None,
                about: list[str] | None = None, unused: list[str] | None = None) -> str:
    """The text does not answer this; name the closest section worth reading. `silent_on`: the
    subject the text does discuss, though not in the way asked; `unused`: the words of the question
    it never uses, said first (what it lacks, not a claim about what it says of the subject)."""
    where = f" (/source {passage_id})" if passage_id else ""
    if silent_on and section and unused:
        words = " or ".join(f"“{w}”" for w in unused)
        return (f"The text never uses the word{'s' if len(unused) > 1 else ''} {words}. What it does say about "
                f"{silent_on} is in {section}{where}.")
    if silent_on and section:
        return (f"The text doesn’t say that about {silent_on}. What it does say about {silent_on} is in "
                f"{section}{where}.")
    if section and unused:
        words = " or ".join(f"“{w}”" for w in unused)
        return (f"The text doesn’t cover that: it never uses the word{'s' if len(unused) > 1 else ''} {words}. "
                f"The closest section is {section}{where}.")
    if section:
        return f"The text doesn’t cover that. The closest section is {section}{where}."
    about = about or ["how the body makes its own hormones and how clinicians help restore that"]
    rest = about[1:]
    subject = about[0] + (f", and about {', '.join(rest[:-1])}{' and ' if len(rest) > 1 else ''}{rest[-1]}" if rest else "")
    return (f"The text doesn’t cover that — it is about {subject}. /topics in the chat "
            "(or tutor topics in the shell) lists what it covers.")


def never_defined(term: str, sentence: str, section: str, passage_id: str) -> str:
    """For "what does X mean?" where the text uses X but never says what it is: where it uses it
    (`sentence` is shown as it is given: the caller redacts it)."""
    # the passage last, as every not-covered reply gives it, so a renderer can put it on a line of
    # its own (inside the sentence, wrapped at 80 columns, the id was broken in two: a tester's)
    return (f"The text doesn’t define “{term}”. It uses it in {section}: “{sentence.strip()}” "
            f"(/source {passage_id})")


def not_a_question(word: str) -> str:
    """For a message that is only a word such as "quit" or "help"."""
    return (f"“{word.strip()}” is not a question about the text. Ask about it in your own words; in the "
            "chat, /help lists the commands and /quit leaves.")


def no_words(message: str) -> str:
    """For a message with no word in it ("????", "..."): nothing to search for, and how to go on."""
    shown = message.strip() if len(message.strip()) <= 20 else message.strip()[:20] + "…"   # a pasted run of "?"
    return (f"“{shown}” has no words to look up. Ask a question about the text in your own words, or say "
            "what was unclear; in the chat, /help lists the commands.")


def social_reply(message: str) -> str:
    """For a greeting or thanks: no answer from the text, and how to go on."""
    greeting = re.match(r"\W*(?:hi|hello|hey|yo|hiya)\b", message, re.I)
    opening = "Hello." if greeting else "Glad to help."
    return f"{opening} Ask a question about the text in your own words; in the chat, /topics lists what it covers."


def misread(asked: str, topic: str | None) -> str:
    """For "that's not what I asked": say how the last message was read, and how to be read better."""
    about = f" as a question about {topic}" if topic else ""
    # the learner's own words, shown again: through the same redaction as every quote
    return (f"Sorry — I may have misread you. I took “{redact(asked)}”{about}, and I can only quote what the text says. "
            "Ask again in other words, naming what it is about; in the chat, /topics lists the text's subjects.")


# Where to turn, said after a reply to a message the tutor may have misread
IF_THIS_IS_AN_EMERGENCY = f"If this is an emergency, {CALL_NOW[0].lower()}{CALL_NOW[1:]} {POISON} {CRISIS}"
NOT_ENGLISH = ("I can only read questions in English, and this one does not look like English — please ask "
               f"it in English. {IF_THIS_IS_AN_EMERGENCY}")

# First, before whatever else is said, when the classifier read an emergency that the severity model
# read as an everyday complaint (severity.py): it may be the model that is wrong, and a reviewer's calm
# emergencies ("now my pupils look different sizes") read as routine with the numbers last
MAYBE_URGENT = ("If this is happening now or getting worse, it may need urgent help: call your local emergency "
                f"number {NUMBERS}. {POISON} {CRISIS}")

# After a refusal of personal advice: a decision about one's own symptoms may be urgent today, and
# the refusal alone pointed only at "a clinician who can assess you" (a fresh writer's "is it ok to
# wait until morning if my toddler's breathing squeaks on every breath in?", stop 70)
IF_URGENT = f"If it may be urgent, call your local emergency number {NUMBERS}."

# After "the text doesn't cover that", for a question about when to get help.
IF_AN_EMERGENCY = f"If you think it may be an emergency, {CALL_NOW[0].lower()}{CALL_NOW[1:]}"


def message_cut(limit: int, from_the_end: bool = False) -> str:
    """Said before the answer to a message longer than what is read as the question."""
    return f"(Only the {'last' if from_the_end else 'first'} {limit:,} characters of your message were read.)"


def names_no_author(has_references: bool, title: str | None = None) -> str:
    """For "who wrote this?": the text (the file on `title`) names no author; what it does name are its sources."""
    return ("The text doesn’t name its author." if title is None else f"The text on {title} doesn’t name its author.") + (
        " It lists the studies it draws on: ask “what sources does the text cite?” to see them."
        if has_references else "")


def lists_no_sources(title: str) -> str:
    return f"The text on {title} lists no sources, so it cannot say what it is based on."
