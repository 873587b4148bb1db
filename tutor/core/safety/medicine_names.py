"""Medicines named by their names, which no list of a teacher's medicines could foresee: the stems
the WHO gives international nonproprietary names (INN) by class ("-pril" for ACE inhibitors, "-statin"
for statins, "-formin", "-gliflozin", "-triptan" …), plus a few common names that carry no stem.

The guard's rules read words *of* medicines ("tablets", "dose", "on clomid"); a reviewer's diabetes
handout showed what they miss (stop 64): "could my upset stomach be the metformin" read as a diagnosis
asked of oneself, with nothing of the asker's own medicine in it, and its quote was how to take
metformin. Only ever used to tighten: a question naming one is about one's own medicine, and a quote
naming one speaks of a treatment. "Stems" are matched at a word's end, so "captopril" and
"atorvastatin" are medicines and "april" and "statin" alone are not mistaken for more than they are.
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
_STEMMED = re.compile(rf"\b[a-z]{{3,}}(?:{'|'.join(_STEMS)})\b", re.IGNORECASE)
# Names with no class stem that patient handouts use
# ... and hormones the body makes, which a text of physiology names as such ("insulin sensitivity")
_HORMONES = re.compile(r"\b(?:insulin|thyroxine)\b", re.IGNORECASE)
_COMMON = re.compile(r"\b(?:metformin|aspirin|paracetamol|acetaminophen|warfarin|digoxin|levothyroxine|lithium"
                     r"|methotrexate|prednisolone|prednisone|hydrocortisone|morphine|codeine|tramadol|gabapentin|pregabalin"
                     r"|ibuprofen|naproxen|amoxicillin|penicillin|antihistamines?|statins?|epipen|salbutamol|ventolin)\b",
                     re.IGNORECASE)
# Words that end like a stem and are no medicine
_NOT_A_MEDICINE = re.compile(r"\b(?:april|amid|avoid|provide|aside|inside|outside|decide|beside|divide|guide|pride|slide|wide"
                             r"|ride|side|tide|peptide|nucleotide|polypeptide|override|worldwide|suicide|fluoride|chloride|oxide"
                             r"|peroxide|glucose|done|undone|abandon|pam|tam|vir|mab|grel|relin|sterone|testosterone|progesterone"
                             r"|hormone|olone|cholesterol|\w*sterol|pregnenolone)\b", re.IGNORECASE)


def names_a_medicine(text: str, hormones_too: bool = True) -> bool:
    """Whether a text names a medicine by its own name (module docstring). `hormones_too`: insulin and
    thyroxine count, as in an asker's "my insulin"; a text's sentence about them may be physiology."""
    return bool(_COMMON.search(text)) or hormones_too and bool(_HORMONES.search(text)) \
        or any(not _NOT_A_MEDICINE.fullmatch(m.group(0)) for m in _STEMMED.finditer(text))
