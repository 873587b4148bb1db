"""Medicines named by their names, which no list of a teacher's medicines could foresee: the stems
the WHO gives international nonproprietary names (INN) by class ("-pril" for ACE inhibitors, "-statin"
for statins, "-formin", "-gliflozin", "-triptan" …), plus a few common names that carry no stem.

The guard's rules read words *of* medicines ("tablets", "dose", "on clomid"); a reviewer's diabetes
handout showed what they miss (stop 64): "could my upset stomach be the metformin" read as a diagnosis
asked of oneself, with nothing of the asker's own medicine in it, and its quote was how to take
metformin. Only ever used to tighten: a question naming one is about one's own medicine, and a quote
naming one speaks of a treatment. Stems are matched at a word's end after at least three letters, so
"captopril" and "atorvastatin" are medicines and "april" is not.
"""

from __future__ import annotations

import re

# INN stems (WHO, "The use of stems in the selection of INN"), the common ones on patient handouts
_STEMS = ("pril", "sartan", "olol", "alol", "statin", "formin", "gliptin", "gliflozin", "glutide", "glinide", "gliclazide",
          "glipizide", "glimepiride", "prazole", "tidine", "dronate", "triptan", "setron", "oxetine", "opram", "pramine",
          "triptyline", "azepam", "zolam", "barbital", "caine", "profen", "coxib", "fenac", "cillin", "mycin", "floxacin",
          "cycline", "azole", "conazole", "vir", "vudine", "thiazide", "semide", "lukast", "terol", "sonide",
          "olone", "asone", "afil", "dipine", "parin", "xaban", "gatran", "grel", "mab", "tinib", "platin", "rubicin",
          "relin", "tide", "ifene", "ifen", "oxacin", "done")
# Hormones the body makes, which a text of physiology names as such ("insulin sensitivity")
_HORMONES = re.compile(r"\b(?:insulin|thyroxine)\b", re.IGNORECASE)
# Names with no class stem that patient handouts use
_COMMON = re.compile(r"\b(?:metformin|aspirin|paracetamol|acetaminophen|warfarin|digoxin|levothyroxine|lithium"
                     r"|methotrexate|prednisolone|prednisone|hydrocortisone|morphine|codeine|tramadol|gabapentin|pregabalin"
                     r"|ibuprofen|naproxen|amoxicillin|penicillin|antihistamines?|statins?|epipen|salbutamol|ventolin)\b",
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
