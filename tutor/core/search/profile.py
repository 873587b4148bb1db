"""The search profile: the embedding model and every number tuned for it, as one value.

Weights and floors are calibrated for one model's cosines; a different model makes them
meaningless. Keeping both in one frozen value means nothing can change one without the other:
the index manifest records the profile it was built for, `Tutor` and the retriever take a
profile, and the tuning script and benchmarks build variants with `profile.replace(...)`
instead of editing module globals.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class SearchProfile:
    name: str = "minilm-l6-v2"
    # -- the model ------------------------------------------------------------------------------
    model: str = "sentence-transformers/all-MiniLM-L6-v2"
    dimension: int = 384
    pooling: str = "mean"
    normalized: bool = True
    max_tokens: int = 256              # the model's max_seq_length

    # -- ranking (benchmarks/tune_weights.py chooses these on the learner questions) --------------
    candidates: int = 50               # passages each retriever contributes before fusion
    w_sentence: float = 0.3            # share of a passage's cosine taken from its best sentence's
    w_sentence_unasked: float = 0.6    # ... for a passage nobody wrote learner questions for (chosen on
                                       # the five development texts, eval/corpora; README, "How it works")
    w_question: float = 0.8            # share of the dense score taken from the closest learner question
    w_keyword: float = 0.05            # passage BM25, scaled so the best passage has 1.0
    section_question: float = 0.85     # a teacher's passage counts as asked its section's question ("Treatment" →
                                       # "How is gout treated?") by a question this close to it (cosine)
    w_question_keyword: float = 0.2    # BM25 over learner questions, scaled the same way
    w_coverage: float = 0.1            # share of the question's (IDF-weighted) words in the passage
    w_subject_implied: float = 0.5     # a file's passages, when its subject is named: share of the cosine without it
    w_context_implied: float = 0.3     # share of the cosines taken from the question without the term it is asked
                                       # in the context of ("on TRT", "after stopping clomid")
    w_neighbour: float = 0.3           # part of a better-matching neighbour's score (same paragraph)
    nearest_word: float = 0.70         # a word the text never uses is searched as its nearest word this close
    b_definition: float = 0.2          # "what is X?": the passage X's glossary definition comes from
    b_text_definition: float = 0.3     # ... or, with no glossary entry for X, a passage that defines X in so many words
    b_subject_file: float = 0.4        # the passages of the file whose subject the question names (0.1 before stop 59)
    subject_similar: float = 0.75      # ... or names in other words this close to its title ("food poisoning")
    b_same_file: float = 0.05          # a follow-up naming no file: the file the last answer came from
    b_reference: float = 0.1           # "who wrote…": the reference list
    b_audience: float = 0.1            # "who is it for?": passages that name people
    b_named: float = 0.05              # the question names the item (bullet or table row) itself
    tier_boost: float = 0.06           # the learner's chosen level decides near-ties only
    common_term_share: float = 0.12    # a term in more passages than this share is "common"

    # -- covered or not (compose.is_covered) -----------------------------------------------------
    w_specific: float = 0.3            # weight of word coverage added to the best cosine
    floor: float = 0.40                # best cosine + coverage below this: not covered
    topic_floor: float = 0.62          # ... when the question names a subject the text never uses
    named_floor: float = 0.20          # the same two floors when a glossary term is named
    named_topic_floor: float = 0.50
    question_floor: float = 0.60       # a learner question this close means the text covers it ...
    question_topic_floor: float = 0.75  # ... unless a subject the text never uses is named
    lacked_adds_nothing: float = 0.95  # between the two floors, words the text lacks name no topic when the
                                       # question means this nearly the same without them (cosine)
    lacked_found_nowhere: float = 0.07  # words the text lacks that make the question's best sentence anywhere
                                       # in the text this much less close name something it never speaks of
    unrelated: float = 0.30            # below this no section is even suggested
    silence_missing: float = 0.67      # share (IDF-weighted) of the question's specific words the quotes,
                                       # their passage and its learner questions leave out: the text is silent
    silence_sure: float = 0.60         # ... unless the anchor sentence is this close to the question
    silence_question: float = 0.80     # ... or a learner question of the text is this close

    # -- follow-ups (answer/tutor.py) --------------------------------------------------------------
    reading_margin: float = 0.10       # a question alone beats its contextual reading by this: read alone

    # -- composing an answer (answer/select.py) ---------------------------------------------------
    margin: float = 0.20               # a runner-up unit scoring within this of the best is quoted too
    unit_window: float = 0.25          # passages scoring within this of the best offer their units
    s_lexical: float = 0.3             # weight of the question's words in a unit, beside its cosine
    s_rank: float = 2.0                # weight of its passage's retrieval score (relative to the best)
    s_definition: float = 0.1          # "what is X?": a unit of X's glossary definition
    run_drop: float = 0.15             # a run goes on while a sentence's cosine is within this of the anchor's
    run_lean_drop: float = 0.30        # across a passage boundary: leans back and within this of the anchor
    redundant: float = 0.90            # a runner-up this similar to a chosen unit adds nothing

    def replace(self, **changes) -> "SearchProfile":
        return replace(self, **changes)

    def digest(self) -> str:
        """A short fingerprint of every number, recorded in the index manifest."""
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:16]

    def manifest(self) -> dict:
        return {"name": self.name, "model": self.model, "dimension": self.dimension,
                "pooling": self.pooling, "normalized": self.normalized, "digest": self.digest()}


DEFAULT = SearchProfile()
