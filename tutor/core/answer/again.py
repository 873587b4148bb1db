"""A follow-up that asks for the last answer again in another form, recognised by meaning.

The conversation's rules know the common wordings ("explain that more simply", "go deeper",
"and then?", "tell me more"), but a trailing word breaks them: "explain that in more detail pls",
"more detail pls, like the sciencey version" and "i dont get it, say that again but simpler" were
glued to the last subject and answered as new angles on it (development dialogues). Here a short
message that names nothing of the text is compared in meaning with a few example requests of each
kind; one this close to an example is that request. Over the 700 development questions and
follow-ups, a cosine of 0.55 took no other question for one (the closest other was 0.54, "anything
else involved?", a request for more of a kind), and found the four the rules missed.

MiniLM tells a request to re-explain from a question well, but "simpler" from "deeper" poorly
("explain that in simpler words" is 0.76 from "explain that in more detail"), so the words the
learner used decide the direction when they name one.
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np

from tutor.core.answer.conversation import CONTINUE, DEEPER, MORE, SIMPLER

FLOOR = 0.55            # cosine to the nearest example request
MAX_WORDS = 12          # a longer message asks something of its own

EXAMPLES = {
    SIMPLER: ["explain that more simply", "can you say it in simpler words", "i don't understand, make it easier",
              "explain it like i'm five", "in plain english please", "dumb it down for me",
              "that was too complicated, simpler please", "what does that mean in normal words"],
    DEEPER: ["go deeper", "explain that in more detail", "give me the technical version", "more detail please",
             "the science behind it in depth", "can you go into more depth on that",
             "give me the advanced explanation", "explain it at a more scientific level"],
    CONTINUE: ["and then what happens", "what happens next", "and after that?", "go on", "what's the next step",
               "keep going"],
    MORE: ["tell me more", "what else", "anything else about that?", "is there more on this",
           "what else should i know"],
}
# Not a request but a complaint that the last answer missed what was asked ("did you even read what i
# said" was read as a follow-up on Clomid and Clomid quoted again; a learner tester's). Over the 1,312
# development questions of twelve words or fewer the closest to these was 0.45 ("is that common?").
MISREAD = ["that's not what i asked", "did you even read what i said", "you didn't answer my question",
           "you're not listening to me", "that doesn't answer my question", "you misunderstood me",
           "no, that's wrong, i asked something else", "that's not what i meant", "read my question again",
           "you ignored what i said", "that has nothing to do with what i asked"]
_SIMPLE_WORDS = re.compile(r"\b(?:simple|simpler|simply|basic|basics|easy|easier|plain|dumb|child|kid|five|5|eli5|layman'?s?"
                           r"|beginner|less\s+technical)\b", re.I)
_DEEP_WORDS = re.compile(r"\b(?:detail|details|detailed|depth|deep|deeper|science|sciencey|scientific|technical|advanced"
                         r"|nerd|nerdy|expert|specifics?|in-depth)\b", re.I)


class AskedAgain:
    """Recognises requests to re-explain; the example requests are embedded on first use."""

    def __init__(self, encode: Callable[[list[str]], np.ndarray]) -> None:
        self.encode = encode
        self._kinds = [kind for kind, texts in EXAMPLES.items() for _ in texts]
        self._vectors: np.ndarray | None = None
        self._misread: np.ndarray | None = None

    def complains_of_a_misreading(self, message: str, vector: np.ndarray) -> bool:
        """Whether a short message says the last answer missed what was asked: this close to an
        example complaint, and closer to one than to any request to re-explain."""
        if not message.strip() or len(message.split()) > MAX_WORDS:
            return False
        if self._misread is None:
            self._misread = self.encode(MISREAD)
        if self._vectors is None:
            self._vectors = self.encode([t for texts in EXAMPLES.values() for t in texts])
        complaint = float((self._misread @ vector).max())
        return complaint >= FLOOR and complaint > float((self._vectors @ vector).max())

    def kind(self, message: str, vector: np.ndarray | None = None) -> str | None:
        """SIMPLER, DEEPER, CONTINUE or MORE when a short message asks for one of them, else None.
        The caller makes sure it names nothing of the text and asks nothing the guard refuses."""
        if not message.strip() or len(message.split()) > MAX_WORDS:
            return None
        if self._vectors is None:
            self._vectors = self.encode([t for texts in EXAMPLES.values() for t in texts])
        vector = self.encode([message])[0] if vector is None else vector
        similarity = self._vectors @ vector
        best = int(np.argmax(similarity))
        if float(similarity[best]) < FLOOR:
            return None
        kind = self._kinds[best]
        if kind in (SIMPLER, DEEPER):
            simple, deep = bool(_SIMPLE_WORDS.search(message)), bool(_DEEP_WORDS.search(message))
            if simple != deep:
                kind = SIMPLER if simple else DEEPER
        return kind
