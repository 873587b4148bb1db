"""What someone else said or did, retold as if they were saying it: for the emergency check only.

People who worry about a partner or a parent tell his words in the third person ("he said he
doesnt want to be here anymore. is it the testosterone", "he keeps saying we'd all be better off
without him"). The crisis is the same whoever it is about, but the named crisis phrases and nearly
all of the classifier's emergency examples are in the first person, so these were answered or
refused as personal advice, with no number to call (a learner tester's, three times). Retold in
the first person the same message is close to an example again ("he said he doesnt want to be
here anymore": 0.66 from the nearest emergency example; "i dont want to be here anymore": 0.97).

Only the emergency check reads the retelling; nothing is shown or answered from it. It is a
plain word-for-word swap (pronouns, "my husband" as the one speaking, and the verb after them put
in the first person), not a parse: a retelling that reads oddly ("i said i dont …") still means
what the message meant for the one it is about.
"""

from __future__ import annotations

import re

# Who the message may be about, as the subject of a sentence: he, she, or a person named by
# their relation to the asker ("my husband", "my dad", "our son").
RELATIONS = (r"(?:husband|wife|partner|boyfriend|girlfriend|fiance|fianc[eé]e?|dad|father|mum|mom|mother|son"
             r"|daughter|brother|sister|friend|best\s+friend|buddy|mate|uncle|aunt|grandpa|grandma|grandfather|grandmother"
             r"|roommate|flatmate|coworker|colleague|cousin|nephew|niece|stepdad|stepmom|stepson|stepdaughter|kid|child|teen)")
_PERSON = rf"(?:my|our)\s+{RELATIONS}"
_SUBJECT = re.compile(rf"\b(?:he|she|{_PERSON})\s+(?=[a-z])", re.IGNORECASE)    # not "my husband's"
_CONTRACTED = [(re.compile(r"\b(?:he|she)'?s\b", re.I), "I'm"), (re.compile(r"\b(?:he|she)'d\b", re.I), "I'd"),
               (re.compile(r"\b(?:he|she)'ll\b", re.I), "I'll")]
_OBJECTS = [(re.compile(r"\b(?:himself|herself|themself)\b", re.I), "myself"), (re.compile(r"\bhim\b", re.I), "me"),
            (re.compile(r"\bhis\b", re.I), "my"), (re.compile(r"\bhers\b", re.I), "mine"),
            # "her" before a noun is "my", anywhere else "me" ("without her", "tell her")
            (re.compile(r"\bher\b(?=\s+(?!(?:to|for|with|and|or|at|about|anymore|any|again|that|if|so|too|now|because|but|in|on|off|out|up|down)\b)[a-z])",
                        re.I), "my"),
            (re.compile(r"\bher\b", re.I), "me")]
# The verb after the retold subject, in the first person: "doesnt" → "dont", "is" → "am", "wants" → "want".
_IRREGULAR = {"is": "am", "isn't": "am not", "isnt": "am not", "has": "have", "hasn't": "haven't", "hasnt": "havent",
              "does": "do", "doesn't": "don't", "doesnt": "dont", "was": "was", "goes": "go", "says": "say"}
_ADVERB = r"(?:(?:really|just|still|even|honestly|literally|keeps?|kept|always|never|sometimes|now|also|actually)\s+)*"
_VERB = re.compile(rf"\bI\s+({_ADVERB})([a-z']+)\b")
_KEEP = {"was", "had", "did", "said", "will", "would", "could", "can", "can't", "cant", "won't", "wont", "might", "should",
         "must"}


def retold_by_them(text: str) -> str:
    """The message with what it says of him, her or "my husband" put as if they said it of
    themselves; the text itself when it speaks of no one else."""
    out = text
    for pattern, first in _CONTRACTED:
        out = pattern.sub(first, out)
    out = _SUBJECT.sub("I ", out)
    for pattern, first in _OBJECTS:
        out = pattern.sub(first, out)
    return _VERB.sub(_first_person, out)


def _first_person(match: re.Match) -> str:
    adverbs, verb = match.group(1), match.group(2)
    adverbs = re.sub(r"\bkeeps\b", "keep", adverbs)
    low = verb.lower()
    if low in _IRREGULAR:
        verb = _IRREGULAR[low]
    elif low in _KEEP or not low.endswith("s") or low.endswith("ss") or len(low) <= 3:
        pass
    elif low.endswith("ies"):
        verb = verb[:-3] + "y"
    elif re.search(r"(?:sh|ch|x|z|o)es$", low):
        verb = verb[:-2]
    else:
        verb = verb[:-1]
    return f"I {adverbs}{verb}"
