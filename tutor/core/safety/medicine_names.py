"""Medicines named by their names, which no list of a teacher's medicines could foresee: the stems
the WHO gives international nonproprietary names (INN) by class ("-pril" for ACE inhibitors, "-statin"
for statins, "-formin", "-gliflozin", "-triptan" …), plus a few common names that carry no stem.

The guard's rules read words *of* medicines ("tablets", "dose", "on clomid"); a reviewer's diabetes
handout showed what they miss (stop 64): "could my upset stomach be the metformin" read as a diagnosis
asked of oneself, with nothing of the asker's own medicine in it, and its quote was how to take
metformin. Only ever used to tighten: a question naming one is about one's own medicine, and a quote
naming one speaks of a treatment. Stems are matched at a word's end after at least three letters, so
"captopril" and "atorvastatin" are medicines and "april" is not.

A handout also names medicines no stem foresees ("Renvela", "Keppra", "Lixiana"): `learn` reads them from
what the text does with them (stop 65), once per index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# INN stems (WHO, "The use of stems in the selection of INN"), the common ones on patient handouts
_STEMS = ("pril", "sartan", "olol", "alol", "statin", "formin", "gliptin", "gliflozin", "glutide", "glinide", "gliclazide",
          "glipizide", "glimepiride", "prazole", "tidine", "dronate", "triptan", "setron", "oxetine", "opram", "pramine",
          "triptyline", "azepam", "zolam", "barbital", "caine", "profen", "coxib", "fenac", "cillin", "mycin", "floxacin",
          "cycline", "azole", "conazole", "vir", "vudine", "thiazide", "semide", "lukast", "terol", "sonide",
          "olone", "asone", "afil", "dipine", "parin", "xaban", "gatran", "grel", "mab", "tinib", "platin", "rubicin",
          "relin", "tide", "ifene", "ifen", "oxacin", "done",
          # anticonvulsants and heart rhythm medicines (a fifth reviewer's epilepsy and AF handouts, stop 65)
          "azepine", "racetam", "trigine", "toin", "ainide", "arone", "tiazem", "pamil", "bradine")
# Hormones the body makes, which a text of physiology names as such ("insulin sensitivity")
_HORMONES = re.compile(r"\b(?:insulin|thyroxine)\b", re.IGNORECASE)
# Names with no class stem that patient handouts use
_COMMON = re.compile(r"\b(?:metformin|aspirin|paracetamol|acetaminophen|warfarin|digoxin|levothyroxine|lithium"
                     r"|methotrexate|prednisolone|prednisone|hydrocortisone|morphine|codeine|tramadol|gabapentin|pregabalin"
                     r"|ibuprofen|naproxen|amoxicillin|penicillin|antihistamines?|statins?|epipen|salbutamol|ventolin|valproate"
                     r"|anticoagulants?"
                     # over the counter, by common name or brand, in any case (a stop 76 reviewer's handouts)
                     r"|lactulose|senna|senokot|cetirizine|loratadine|fexofenadine|chlorphenamine|macrogol|movicol|docusate"
                     r"|bisacodyl|dulcolax|mebendazole|ovex|permethrin|dimeticone|hedrin|calpol|nurofen|piriton|gaviscon"
                     r"|rennie|bonjela|sudocrem|dioralyte|lemsip|beechams|night\s+nurse|fybogel|zovirax|niquitin|nicorette"
                     r"|nuvaring|ellaone|novorapid|canesten|imodium|buscopan|strepsils|benylin|olbas|vicks|infacol|germolene"
                     r"|savlon|daktarin|anusol|full\s+marks|paracetomol|ibuprophen)\b",
                     re.IGNORECASE)
# Words that end like a stem and are no medicine: over the bundled text, the teachers' texts, every suite
# and the guard's examples, these were the only ones (stop 64)
_NOT_A_MEDICINE = frozenset({"peptide", "polypeptide", "nucleotide", "cholesterol", "pregnenolone", "condone"})
_WORD = re.compile(r"[a-z]+")


def names_a_medicine(text: str, hormones_too: bool = True) -> bool:
    """Whether a text names a medicine by its own name (module docstring): a common name, or a word of
    at least three letters before a stem. `hormones_too`: insulin and thyroxine count, as in an asker's
    "my insulin"; a text's sentence about them may be physiology ("insulin sensitivity")."""
    if _COMMON.search(text) or hormones_too and _HORMONES.search(text):
        return True
    return any(word.endswith(_STEMS) and word not in _NOT_A_MEDICINE and not word.endswith("sterol")
               and any(word.endswith(stem) and len(word) > len(stem) + 2 for stem in _STEMS)
               for word in _WORD.findall(text.lower()))


def no_english_word(word: str) -> bool:
    """Whether a word of four letters or more is no whole English word of the model's vocabulary (nor
    is its first part before a hyphen): a name, such as a brand no list knows ("Keppra", "prograf").
    The redaction of a medicine's timings and the guard's missed dose both read a brand so."""
    from tutor.core.search.embed import english_words       # read once (cached), only when asked

    return len(word) >= 4 and bool(re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)*", word)) \
        and word.lower().split("-")[0] not in english_words()


# What a text does with a medicine, which tells its name: "If you take metformin", "keep taking insulin",
# "prescribed levothyroxine", "a course of penicillin". An English word must end what is taken ("taking some
# diabetes medicines" takes medicines); any other word is a name ("must not take valproate unless …").
_TAKING = (r"\b(?:take|takes|taking|took|taken|prescrib\w*|inject|injects|injecting|injected|doses?\s+of|course\s+of)\s+"
           r"(?:(?:your|a|an|the|some|any|their|his|her|my|regular|extra|daily|oral|single)\s+)?([a-z][a-z-]{3,})")
_TAKEN_ANY = re.compile(_TAKING, re.IGNORECASE)
_TAKEN = re.compile(_TAKING +
                    # the end of what is taken ("taking some diabetes medicines" takes medicines, not diabetes)
                    r"(?=\s*(?:[^\w\s-]|$)|\s+(?:and|or|to|for|if|with|as|at|in|on|before|after|every|each|when|even|until"
                    r"|can|may|will|is|are|was|were|but|because|which|that|who|daily|regularly|first|again|too)\b)",
                    re.IGNORECASE)
# A medicine's form after its name: "gliclazide tablets", "steroid creams", "adrenaline pens"
_FORMED = re.compile(r"\b([a-z][a-z-]{3,})\s+(?:tablets?|pills?|capsules?|injections?|inhalers?|creams?|gels?|ointments?"
                     r"|patch(?:es)?|sprays?|syrups?|infusions?|pens?|jabs?|auto-?injectors?)\b", re.IGNORECASE)
# Medicines named as a kind's members: "medicines called ACE inhibitors", "drugs such as cabergoline or bromocriptine"
_CALLED = re.compile(r"\b(?:medicines?|medications?|drugs?|tablets?|antibiotics?|anticoagulants?|antiepileptics?|blockers?"
                     r"|inhibitors?|thinners?|agonists?|antagonists?|steroids?|painkillers?|inhalers?)\s+"
                     r"(?:called|such\s+as|like|including|named|include)\s*:?"
                     r"\s+((?:[a-z][a-z-]{3,}(?:\s*,\s*|\s+or\s+|\s+and\s+)?)+)", re.IGNORECASE)
# A medicine with its other name in brackets: "apixaban (Eliquis)", "Epilim (sodium valproate)"
_OTHER_NAME = re.compile(r"\b([a-z][a-z-]{3,})\s+\(([a-z][a-z -]{3,})\)", re.IGNORECASE)
# What a taking verb takes that is no medicine: "take care", "take part", "taking steps"
_NOT_TAKEN = frozenset({"care", "part", "place", "time", "steps", "step", "action", "note", "notice", "advantage", "breaks",
                        "turns", "control", "charge", "shape", "effect", "hold", "measures", "precautions", "longer", "more",
                        "less", "much", "many", "them", "this", "that", "these", "those", "other", "over", "into", "from",
                        "with", "without", "weeks", "months", "years", "days", "hours", "minutes", "while", "some",
                        "medicine", "medicines", "medication", "medications", "tablets", "tablet", "pills", "drugs", "treatment",
                        "blood", "samples", "sample", "tests", "test", "readings", "photos", "history", "breath", "deep",
                        "enough", "plenty", "lots", "both", "each", "either", "such", "which", "what", "your", "their",
                        "about", "before", "after", "once", "twice", "until", "during", "following", "several", "four",
                        "five", "three", "daily", "weekly", "small", "tiny", "large", "lowest", "higher", "highest",
                        "given", "usual", "normal", "prescription", "synthetic", "liquids", "doses", "dose"})
# A text's medicine that is also an English word ("insulin", "iron") is a treatment in a quote only beside a
# word of acting on it: "lower your insulin beforehand", not "insulin sensitivity" or "foods rich in iron"
_ACTING = re.compile(r"\b(?:take|takes|taking|took|taken|keep\s+(?:having|taking|using)|lower\w*|rais\w*|increas\w*|reduc\w*|decreas\w*"
                     r"|adjust\w*|chang\w*|stop\w*|start\w*|skip\w*|miss\w*|inject\w*|dos(?:e|es|age|ing)|prescrib\w*|store[ds]?"
                     r"|freez\w*|fridge)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TextMedicines:
    """The medicines one text names, learnt from what it does with them (`learn`): a teacher's handout
    names its own ("gliclazide", "Glucophage", "insulin"), which no list of stems foresees. `in_question`
    and `in_quote` add the names any text may use (`names_a_medicine`)."""
    rare: frozenset[str] = frozenset()      # no English word: any mention is of the medicine
    common: frozenset[str] = frozenset()    # an English word too ("insulin", "iron"): a medicine when acted on
    listed: frozenset[str] = frozenset()    # no English word, known only as an item under a treatments heading

    def named_in(self, question: str) -> bool:
        """Whether a question names one of the text's medicines that is no English word."""
        words = _words(question)
        return not self.rare.isdisjoint(words) or not self.listed.isdisjoint(words)

    def learnt_in(self, question: str) -> bool:
        """Whether a question names one the text takes, prescribes or gives a form (not only lists)."""
        return not self.rare.isdisjoint(_words(question))

    def treated_in(self, quoted: str) -> bool:
        """Whether a quote speaks of one of the text's medicines: by a name no English word, or by an
        English one beside a word of acting on it."""
        words = _words(quoted)
        return not self.rare.isdisjoint(words) or not self.listed.isdisjoint(words) \
            or not self.common.isdisjoint(words) and bool(_ACTING.search(quoted))

    def in_question(self, question: str) -> bool:
        """Whether a question names a medicine: by a stem or a common name, or as one of the text's."""
        return names_a_medicine(question) or self.named_in(question)

    def in_quote(self, quoted: str) -> bool:
        """Whether a quote speaks of a medicine: by a stem or a common name (not a hormone the body
        makes: "insulin sensitivity"), or as one of the text's."""
        return names_a_medicine(quoted, hormones_too=False) or self.treated_in(quoted)


NO_MEDICINES = TextMedicines()


def learn(texts, english_words: frozenset[str], items: tuple[str, ...] = ()) -> TextMedicines:
    """The medicines a text names: words it takes, prescribes or injects, gives a form (tablets,
    creams, pens) or lists as a medicine's kind's members, and the names of `items`, the titles of
    the items a text lists under a heading over treatments ("Testosterone Recalibration Protocols
    for Men › Anastrozole"; own_case.treatment_items). Only ever used to tighten (a question naming
    one is about one's own medicine; a quote naming one, a treatment), so a word learnt wrongly costs a
    quote beside a refusal, never lets one through."""
    taken: set[str] = set()         # what is taken, prescribed or injected: an English word may be a medicine
    named: set[str] = set()         # a form's or a kind's member: an English word there qualifies ("blood pressure tablets")
    texts = list(texts)
    for text in texts:
        taken.update(m.group(1).lower() for m in _TAKEN.finditer(text))
        named.update(m.group(1).lower() for m in _TAKEN_ANY.finditer(text))
        named.update(m.group(1).lower() for m in _FORMED.finditer(text))
        for m in _CALLED.finditer(text):
            named.update(w.lower() for w in re.split(r"\s*,\s*|\s+or\s+|\s+and\s+", m.group(1)) if len(w) > 3)
    taken, named = (_names(words) for words in (taken, named))
    rare = {w for w in taken | named if w not in english_words}
    for text in texts:      # a known medicine's other name in brackets, either way round
        for m in _OTHER_NAME.finditer(text):
            first, other = m.group(1).lower(), m.group(2).lower().split()[-1]
            pair = {first, other}
            if pair & rare or any(names_a_medicine(w, hormones_too=False) for w in pair):
                rare |= {w for w in _names(pair) if w not in english_words}
    # "a higher-strength vitamin": an English word before the hyphen qualifies ("anti-seizure" names a kind)
    rare = {w for w in rare if w.split("-")[0] not in english_words}
    common = frozenset(w for w in taken if w in english_words)
    # "Clomid (Clomiphene Citrate)": an item's name, no English word of it
    listed = {w for w in _names({w for title in items for w in _words(title) if len(w) > 3}) if w not in english_words}
    return TextMedicines(rare=frozenset(rare), common=common, listed=frozenset(listed - rare))


def _names(words: set[str]) -> set[str]:
    """The words that may name a medicine: no function word or quantity, no adverb or adjective of a route
    ("orally", "subcutaneous", "topical")."""
    words = {w.strip("-") for w in words}
    return {w for w in words if w not in _NOT_TAKEN and w not in _NOT_A_MEDICINE and not w.endswith(("ly", "ous", "al"))}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z-]+", text.lower()))
