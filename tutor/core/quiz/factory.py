"""Build a quiz session from the index and the progress store (shared by `tutor quiz` and /quiz)."""

from __future__ import annotations

import random
import re

from fsrs import Scheduler

from tutor.core.clock import now
from tutor.core.quiz.questions import QuestionMaker
from tutor.core.quiz.session import QuizSession
from tutor.core.vocab import QuizMode


def make_session(index, store, *, mode: str = QuizMode.MIXED, count: int = 10, new: int = 5, tier: str | None = None,
                 seed: int | None = None, text: str | None = None) -> QuizSession:
    """A session over the index's glossary (or the terms of one `text`, a file as text_named
    finds it); a seed makes question order, choices and scheduling reproducible (FSRS fuzzing
    is turned off)."""
    rng = random.Random(seed)
    maker = QuestionMaker(index.glossary, index.glossary_vectors, index.passages, rng)
    entries = [e for e in index.glossary if maker.quizzable(e) and (not tier or _tier_of(index, e).lower() == tier.lower())
               and (not text or maker.source_of(e) == text)]
    scheduler = Scheduler(enable_fuzzing=seed is None)
    return QuizSession(store, maker, entries, mode=mode, count=count, new=new, clock=now, rng=rng, scheduler=scheduler)


def text_named(index, name: str) -> str | None:
    """The corpus file a learner names, by its file name, its name without the extension or its
    first heading ("migraine.md", "migraine", "Migraine": a teacher's file's title), case aside;
    else the one file whose name or title has the words named ("anaemia" of
    iron-deficiency-anaemia.md, "allergies" of "Allergies and Anaphylaxis": two testers were told
    no text is so named); None when no file, or more than one, is so named."""
    wanted = name.strip().casefold()
    titles: dict[str, str] = {}
    for p in index.passages:
        titles.setdefault(p.source, p.tier)     # the first: a later "# Further reading" is no title
    names = {source: (source.casefold(), source.rsplit(".", 1)[0].casefold(), titles.get(source, "").casefold())
             for source in sorted(index.sources)}
    for source, forms in names.items():
        if wanted in forms:
            return source
    words = _words(wanted)
    partly = [source for source, forms in names.items() if words and any(words <= _words(form) for form in forms)]
    return partly[0] if len(partly) == 1 else None


def no_text_named(index, name: str) -> str:
    """What `tutor quiz --text` and `/quiz TEXT` say when no file is so named: the names there are."""
    names = ", ".join(sorted(s.rsplit(".", 1)[0] for s in index.sources))
    return f"No text of the corpus is named “{name.strip()}”; its texts are: {names}."


def _words(name: str) -> set[str]:
    """A name's words as they are compared: no small words ("/quiz and" named the allergies file, a
    reviewer's), a plural as its singular ("hormones")."""
    name = name.rsplit(".", 1)[0] if name.endswith((".md", ".txt")) else name
    return {w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
            for w in re.findall(r"[^\W_]+", name) if len(w) > 2 and w not in _SMALL_WORDS}


_SMALL_WORDS = frozenset("and the for with from into about text file".split())


def _tier_of(index, entry) -> str:
    passage = index.by_id.get(entry.passage_id)
    return passage.tier if passage else ""


def label_for(index):
    """"Tier › Section" of a passage id, for quiz feedback."""
    def label(passage_id: str) -> str:
        p = index.by_id.get(passage_id)
        return p.label if p else passage_id

    return label
