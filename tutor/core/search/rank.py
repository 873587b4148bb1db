"""Hybrid retrieval: a dense score (FAISS cosine) and a keyword score (BM25) fused into one.

Both also search the learner questions of corpus/questions.yaml (doc2query written by hand): a
passage's dense score is blended with its closest question's cosine, and its best question's BM25
is added, because learners' words ("shut down my balls") are rarely the text's ("suppression").

The fused score is a weighted sum, not reciprocal-rank fusion: on the development set the
magnitudes carry information that ranks throw away (a near-tie in cosine is not a clear win).
Small, general boosts follow the text's structure: a question that names an agent leads with
that agent's item; "what is X?" prefers the passage the glossary defines X from; "who wrote…"
prefers the reference list; "who is it for?" prefers passages that name people; a chunk whose neighbour in the same paragraph matches well gets part
of that credit (a sentence starting "This…" lives from its neighbour).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from tutor.core.clauses import ABOUT_SOURCES, DOCUMENT_WORDS
from tutor.core.search.defined import WHAT_IS, asked_term, definition_pattern, unaccented
from tutor.core.search.expand import Expanded, expand
from tutor.core.corpus.glossary import key as term_key, names_nothing_else
from tutor.core.corpus.load import in_a_teachers_glossary
from tutor.core.search.profile import DEFAULT, SearchProfile
from tutor.core.search.store import Index
from tutor.core.search.bm25 import WORD, tokenize
from tutor.core.corpus.passage import Passage
from tutor.core.search.embed import english_words
from tutor.core.text import FUZZY_CUTOFF, clean_input, content_words, one_slip_from, prefixed
from tutor.core.vocab import ITEM_KINDS, PassageKind, SearchMode, values

MODES = values(SearchMode)

_DEFINITIONAL = re.compile(
    rf"^\W*(?:so\s+|and\s+|ok\W+)?(?:{WHAT_IS}\b"
    r"|whats\b|define\b|definition\b|meaning\b"
    r"|what\s+does\s+.+\s+(?:mean|stand\s+for)\b|what\s+do\s+.+\s+(?:mean|do)\b|who\s+is\b|explain\b)", re.I)
_AUDIENCE_QUESTION = re.compile(
    r"^\W*(?:so\s+|and\s+|but\s+)?who\b(?!\s+(?:wrote|writes|write|authored|published|studied|is\s+the\s+author))"
    r"|\b(?:meant|intended|designed|aimed|suitable)\s+(?:for|at)\s*\??$|\bwho\s+(?:uses?|takes?|benefits?|would\s+use|needs?)\b"
    r"|\bwhat\s+(?:kind\s+of\s+)?(?:people|patients|person)\b", re.I)
_AUDIENCE = re.compile(
    r"\b(?:for|in)\s+(?:both\s+)?(?:men|women|those|individuals|people|active\s+adults|athletes|patients)\b"
    r"|\b(?:men|women|individuals)\s+(?:who|experiencing|seeking)\b|\bmany\s+individuals\b", re.I)
STANDS_FOR = re.compile(r"\b(?:stands?\s+for|short\s+for|abbreviation|acronym|spelled\s+out|full\s+name|full\s+form)\b", re.I)


MIN_SUBJECTS_TOGETHER = 3  # named terms that make a question about how they relate
MAX_UNKNOWN_WORDS = 3      # a question of many unknown words is off the text, not in other words
NEAR_MEMO = 4096           # words remembered by nearest_words before the memo starts again
PREPARED_MEMO = 32         # questions remembered by prepare (a turn prepares up to four)


@dataclass
class Hit:
    passage: Passage
    score: float
    dense: float
    keyword: float


@dataclass
class Query:
    question: str
    expanded: Expanded
    vector: np.ndarray = field(repr=False)
    # the vector of the question as typed, openings ("ok", "hey so") and all, for the safety guard,
    # whose examples were typed so; the search's vector leaves the openings out
    as_typed: np.ndarray | None = field(default=None, repr=False)
    # ... and of its own words alone, when the search adds names to them ("hrt patches" with
    # "(hormone replacement therapy)"): the guard weighs a dose request in these too
    own_words: np.ndarray | None = field(default=None, repr=False)


@dataclass
class Retrieval:
    expanded: Expanded
    hits: list[Hit]
    best_dense: float
    coverage: float
    query_vector: np.ndarray = field(repr=False)
    best_question: float = 0.0     # cosine of the closest learner question (corpus/questions.yaml)


# Words that open a chat message and ask nothing: "ok just explain the monitoring thing in more
# detail then" found the monitoring sentences less well than the same words without "ok" (below
# the floor: not covered; a blind writer's)
_OPENING = re.compile(r"^\W*(?:(?:ok(?:ay)?|k|alright|all\s+right|right|well|hmm+|um+|uh+|oh|ah|cool|great|thanks"
                      r"|thank\s+you|got\s+it|i\s+see|hey|hi|hello)\b[\s,.!:;-]*)+", re.IGNORECASE)


SOURCES_ANYWHERE = 0.1     # b_subject_file for a question about sources or research, or naming another file's term


class Retriever:
    """Ranks passages for a question; `mode` picks dense only, keyword only, or both."""

    def __init__(self, index: Index, encoder, mode: str = SearchMode.HYBRID,
                 profile: SearchProfile = DEFAULT) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; use one of {', '.join(MODES)}")
        self.index, self.encoder, self.mode, self.profile = index, encoder, mode, profile
        passages = index.passages
        self._titles = {i: _title_keys(p) for i, p in enumerate(passages) if p.kind in ITEM_KINDS}
        # a teacher's glossary lines define their terms for /define and the quiz; the file's prose answers
        self._glossary_lines = {i for i, p in enumerate(passages) if in_a_teachers_glossary(p)}
        self._titles = {i: keys for i, keys in self._titles.items() if i not in self._glossary_lines}
        self._paragraph = [_paragraph_key(p) for p in passages]
        self._df = index.keyword.document_frequencies()
        self._idf = index.keyword.idf()
        self._rarest = max(self._idf.values(), default=1.0)
        self._vocabulary = self._idf | _question_words(index) | _title_words(index)
        self.vocabulary_words = list(self._vocabulary)
        self._by_id = {p.id: i for i, p in enumerate(passages)}
        self._tokens: dict[int, frozenset[str]] = {}
        self._audience: dict[int, bool] = {}
        self._asked_rows = set(index.question_rows.tolist())
        self._question_tokens: dict[int, frozenset[str]] | None = None
        self._unit_rows = np.array([u.row for u in index.units.all], np.int64) if index.units is not None else None
        self._near: dict[str, str | None] = {}
        self._typos: dict[str, str | None] = {}      # spelt_right: a typo and the text's word it misspells
        self._headings: dict[str, list[str]] | None = None      # each teacher's file's `#` headings
        self._documents: dict[str, set[str]] | None = None     # each file's title words (named_document)
        self._authors: dict[str, int] | None = None            # each source's first author's surname: its row
        self._titles_embedded: tuple[list[str], np.ndarray] | None = None
        self._section_rows: tuple[list[list[int]], np.ndarray] | None = None
        self._in_other_words: dict[str, tuple[str, list[int]] | None] = {}
        self._prepared: dict[str, Query] = {}
        self._source_rows: dict[str, set[int]] = {}
        self._aspects: dict[str, np.ndarray] = {}      # questions with a file's subject taken out, embedded

    def question_tokens(self, row: int) -> frozenset[str]:
        """Stemmed words of the learner questions a passage answers (empty without questions)."""
        if self._question_tokens is None:   # from the learner questions' keyword index: tokenized once, at build
            words: dict[int, set[str]] = {}
            postings = self.index.question_keyword.postings() if self.index.question_keyword is not None else {}
            for word, questions in postings.items():
                for r in set(self.index.question_rows[questions].tolist()):
                    words.setdefault(r, set()).add(word)
            self._question_tokens = {r: frozenset(w) for r, w in words.items()}
        return self._question_tokens.get(row, frozenset())

    def _passage_tokens(self, row: int) -> frozenset[str]:
        """Stemmed words of one passage, computed when first needed (large corpora start fast)."""
        if row not in self._tokens:
            self._tokens[row] = frozenset(tokenize(self.index.passages[row].embed_text))
        return self._tokens[row]

    def prepare(self, question: str) -> Query:
        """The question expanded and embedded: one encoder pass, shared by the safety guard and
        the search (two when it uses words the text never does, see nearest_words). The last few
        are remembered: a follow-up's words are judged as typed, and searched alone and with the
        last question, from one encoding."""
        if question in self._prepared:
            return self._prepared[question]
        if len(self._prepared) >= PREPARED_MEMO:
            self._prepared.clear()
        self._prepared[question] = query = self._prepare(question)
        return query

    def _prepare(self, question: str) -> Query:
        searched = _OPENING.sub("", question) or question
        expanded = expand(searched, self.index.glossary, self.index.synonyms)
        typed = expand(question, self.index.glossary, self.index.synonyms).dense_text if searched != question else None
        words = WORDS_OF_A_QUESTION.findall(question)
        pairs = self._pairs_of_words(words)
        own = question if (typed or expanded.dense_text) != question else None
        unknown = self.unknown_words(question, expanded)
        dense_text = self.spelt_right(expanded.dense_text, unknown)
        vectors = self.encoder.encode([dense_text, *(" ".join(words[i:j]) for i, j in pairs),
                                       *([typed] if typed else []), *([own] if own else [])])
        vector = vectors[0]
        own_words = vectors[-1] if own else None
        as_typed = vectors[-1 - bool(own)] if typed else vector
        if pairs:
            self._remember_subject(words, pairs, vectors[1:1 + len(pairs)])
        if self.mode != SearchMode.DENSE:
            nearest = self.nearest_words(unknown)
            if nearest:
                expanded.keyword_text += " " + " ".join(dict.fromkeys(nearest.values()))
        return Query(question, expanded, vector, as_typed, own_words)

    def has_learner_questions(self, passage_id: str) -> bool:
        """Whether learners' questions were written for a passage: its learners' words are known."""
        return self._by_id[passage_id] in self._asked_rows

    def knows(self, word: str) -> bool:
        """Whether the text or its learner questions use a word (as stemmed)."""
        return any(t in self._vocabulary for t in tokenize(word))

    def unknown_words(self, question: str, expanded: Expanded) -> list[str]:
        """The question's words that neither the text nor its learner questions use (at most
        MAX_UNKNOWN_WORDS), as typed. A word of a glossary name the question uses is known: "whats
        a hot flash" named the term "hot flushes" by its alias, and was told the text never uses the
        word "flash" (a teachers' tester's)."""
        known = set(tokenize(" ".join(expanded.known_phrases)))
        return [w for w in dict.fromkeys(WORD.findall(question.lower()))
                if len(w) >= 3 and (stems := tokenize(w)) and not any(t in self._vocabulary or t in known for t in stems)
                ][:MAX_UNKNOWN_WORDS]

    def spelt_right(self, text: str, words: list[str]) -> str:
        """`text` with each of `words` that is one typing slip from a word of the text (and is no
        English word) spelt as the text spells it, for the encoder: a typo's word pieces are far from
        the word it means, so "what are the sypmtoms" scored 0.20 against the kidney stones sheet's
        symptoms section and was said not to be covered, while keyword search already looked for the
        word meant (nearest_words). One slip, not nearest_words' looser likeness ("creatine", which
        the English word list lacks, is no typo of the bundled text's "creation"), and not a letter
        changed for another (_slipped). Remembered per word."""
        loaded = self.index.text_words() if words else None
        if loaded is None:
            return text
        if len(self._typos) > NEAR_MEMO:
            self._typos.clear()
        english = english_words()
        for word in words:
            if word not in self._typos:
                meant = one_slip_from(word, loaded[0]) if word not in english else None
                self._typos[word] = meant if meant and _slipped(word, meant) else None
            if self._typos[word]:
                text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", self._typos[word], text, flags=re.I)
        return text

    def nearest_words(self, words: list[str]) -> dict[str, str]:
        """For each of `words`, the text's word closest in meaning, where it is close (MiniLM
        cosine of the single words: "guys" → men 0.71, "kids" → children 0.88, "nose" → nasal
        0.86, "pills" → medications 0.74), or that it misspells ("cholestrol" → cholesterol; the
        spelling is checked first). Keyword search then also looks for the text's word,
        and a word with such a near one names no topic the text lacks (scope.is_covered). A
        learner's words differ from a new text's most of all where nobody wrote learner questions
        for it. Remembered per word: the not-covered decision asks again about the same ones."""
        todo = [w for w in words if w not in self._near]
        if todo:
            loaded = self.index.text_words()
            if len(self._near) > NEAR_MEMO:
                self._near.clear()
            if loaded is None:
                self._near.update(dict.fromkeys(todo))
            else:
                vocabulary, vectors = loaded
                english = english_words()
                typos = {w: _misspelt(w, vocabulary) if w not in english else None for w in todo}
                self._near.update({w: near for w, near in typos.items() if near})
                todo = [w for w in todo if not typos[w]]
                for word, vector in zip(todo, self.encoder.encode(todo) if todo else []):
                    similarity = vectors @ vector.astype(np.float32)
                    best = int(similarity.argmax())
                    # a word that is a known one with a syllable put before it is another thing, however
                    # close its word pieces put it: "enclomiphene" is not clomiphene (text.prefixed)
                    self._near[word] = vocabulary[best] if similarity[best] >= self.profile.nearest_word \
                        and not prefixed(word, vocabulary[best]) else None
        return {w: self._near[w] for w in words if self._near.get(w)}

    def search(self, query: Query | str, k: int = 10, tier: str | None = None) -> Retrieval:
        if isinstance(query, str):
            query = self.prepare(query)
        question, expanded, vector = query.question, query.expanded, query.vector
        cosine = dense = self._dense(vector)
        implied = self._subject_implied(question)
        if implied is not None:     # ranks; whether the text covers the question is judged as asked
            dense = self._with_the_subject_implied(cosine, implied[0], implied[1])
        asked = closest = self._questions(vector)
        context = self._context_terms_implied(question, expanded)
        if context is not None:     # ranks; the learner question closest as asked still decides coverage
            dense = _mix(dense, self._dense(context), self.profile.w_context_implied)
            asked = _mix(closest, self._questions(context), self.profile.w_context_implied)
        keyword = dict(self.index.keyword.search(expanded.keyword_text, self.profile.candidates))
        scores = self._fuse(self._with_questions(dense, asked, self._section_questions(vector)), keyword, expanded,
                            implied)
        self._add_question_keywords(scores, expanded, keyword)
        self._boost(scores, question, expanded, tier)
        self._only_the_named_documents_sources(scores, question)
        ranked = self._ranked(scores, question)[:k]
        hits = [Hit(self.index.passages[r], scores[r], cosine.get(r, 0.0), keyword.get(r, 0.0)) for r in ranked]
        best = max(cosine.values(), default=0.0)
        coverage = self._coverage(question, ranked[0]) if ranked else 0.0
        return Retrieval(expanded, hits, best, coverage, vector, max(closest.values(), default=0.0))

    def _ranked(self, scores: dict[int, float], question: str) -> list[int]:
        """Rows best first. A bibliography entry answers only a question about sources, so for any
        other it goes after every passage of the text: a reference title that shares the question's
        words ("… a history of bioidentical hormone therapy", "Steroids") explains nothing."""
        if ABOUT_SOURCES.search(question):
            return sorted(scores, key=lambda r: (-scores[r], r))
        reference = PassageKind.REFERENCE
        return sorted(scores, key=lambda r: (self.index.passages[r].kind == reference, -scores[r], r))

    def _dense(self, vector: np.ndarray) -> dict[int, float]:
        """Each passage's cosine, blended with its best sentence's: a lay question often matches
        one sentence far better than the passage around it. A passage nobody wrote learner
        questions for (a teacher's text) leans on its sentence more (w_sentence_unasked): nothing
        else bridges the wording, and its passage vector averages many sentences' meanings."""
        n = min(self.profile.candidates, self.index.dense.ntotal)
        if n == 0:
            return {}
        scores, rows = self.index.dense.search(vector.reshape(1, -1).astype(np.float32), n)
        passage = {int(r): float(s) for r, s in zip(rows[0], scores[0]) if r >= 0}
        asked, alone = self.profile.w_sentence, self.profile.w_sentence_unasked
        units = self.index.units
        if not (asked or alone) or units is None or not len(units):
            return passage
        best = np.full(len(self.index.passages), -2.0, np.float32)
        np.maximum.at(best, self._unit_rows, units.vectors @ vector.astype(np.float32))
        top = np.argpartition(-best, n - 1)[:n] if n < len(best) else np.arange(len(best))
        floor = min(passage.values())
        blended = {}
        for r in set(passage) | {int(t) for t in top}:
            weight = asked if r in self._asked_rows else alone
            blended[r] = (1 - weight) * passage.get(r, floor) + weight * float(best[r])
        return blended

    def subject_named(self, question: str, by_title: bool = False) -> tuple[str, list[int]] | None:
        """(the file whose subject the question names, the positions of its words among the
        question's words), or None. A file's subject is its title's words that
        no other title shares, named by at least one that is not an everyday English word
        ("prolactinoma", "hyperparathyroidism"; "disease" alone names nothing) or by all of them
        ("iron deficiency"). `by_title`: by those words only, never in other words, which costs an
        encoder pass of its own before the question is prepared (Conversation.read)."""
        titles = self._file_titles()
        if not titles:
            return None         # the bundled text alone: every question, at no cost
        words = WORDS_OF_A_QUESTION.findall(question)
        stems = [(tokenize(w) or [""])[0] for w in words]
        english = None
        for source, title in titles.items():
            at = [i for i, t in enumerate(stems) if t and t in title]
            if not at:
                continue
            english = english_words() if english is None else english
            if any(words[i].lower() not in english for i in at) or {stems[i] for i in at} >= title:
                return source, at
        return None if by_title else self._subject_in_other_words(words)

    def _subject_in_other_words(self, words: list[str]) -> tuple[str, list[int]] | None:
        """A file's subject named in a learner's words ("food poisoning" for the fact sheet titled
        Foodborne Illnesses): two words of content in a row, one of them a word the text never
        uses, whose embedding is within subject_similar of the file's title. A name in the text's
        own words is found by those words. Each pair embedded costs a warm answer about 4 ms
        (every pair of content words made it 75% slower; spans of three words, or with a function
        word inside, found no more on the development texts). The pairs are embedded in the
        question's own encoder pass (_prepare); a question not prepared embeds them here."""
        key = " ".join(words).lower()
        if key not in self._in_other_words:
            spans = self._pairs_of_words(words)
            vectors = self.encoder.encode([" ".join(words[i:j]) for i, j in spans]) if spans else None
            self._remember_subject(words, spans, vectors)
        return self._in_other_words[key]

    def _pairs_of_words(self, words: list[str]) -> list[tuple[int, int]]:
        if self.profile.subject_similar >= 1 or self.mode == SearchMode.BM25 or not self._file_titles():
            return []
        content = [bool(content_words(w.lower())) for w in words]
        unknown = [any(t not in self._vocabulary for t in tokenize(w)) for w in words]
        return [(i, i + 2) for i in range(len(words) - 1) if content[i] and content[i + 1] and (unknown[i] or unknown[i + 1])]

    def _remember_subject(self, words: list[str], spans: list[tuple[int, int]], vectors) -> None:
        if len(self._in_other_words) >= PREPARED_MEMO:
            self._in_other_words.clear()
        found = None
        if spans:
            sources, titles = self._title_vectors()
            similarities = np.asarray(vectors) @ titles.T
            span, source = np.unravel_index(int(similarities.argmax()), similarities.shape)
            if similarities[span, source] >= self.profile.subject_similar:
                found = sources[source], list(range(*spans[span]))
        self._in_other_words[" ".join(words).lower()] = found

    def _title_vectors(self) -> tuple[list[str], np.ndarray]:
        """The teachers' files and their titles' embeddings, made when first needed."""
        if self._titles_embedded is None:
            titles = self._teachers_titles()
            sources = list(titles)
            self._titles_embedded = sources, self.encoder.encode([titles[s][0] for s in sources])
        return self._titles_embedded

    def subject_as_typed(self, question: str, by_title: bool = False) -> str | None:
        """The words a question names a file's subject with, as typed ("primary hyperparathyroidism"):
        what "it" in the next question stands for when no glossary term was named."""
        named = self.subject_named(question, by_title)
        if named is None:
            return None
        words = WORDS_OF_A_QUESTION.findall(question)
        at = named[1]
        if at[-1] - at[0] < 4:
            return " ".join(words[at[0]:at[-1] + 1])
        # far apart, the longest run of the title's words in a row: "is type 2 diabetes the same for
        # type 1" names "type 2 diabetes", not "type" (a tester's topic "Type")
        runs: list[list[int]] = []
        for i in at:
            if runs and i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        run = max(runs, key=len)
        return " ".join(words[run[0]:run[-1] + 1])

    def _subject_implied(self, question: str) -> tuple[set[int], np.ndarray, set[str]] | None:
        """(the rows of the file whose subject the question names, the question's vector with that
        subject taken out, the subject's stems), or None. "How is a prolactinoma treated?" on a fact
        sheet called Prolactinoma: every passage of it is about prolactinoma, but only a few say
        the word, and in the question's embedding the subject outweighs the aspect asked
        ("treated"), so the overview that names it outranked the section on treatment. Within that
        file the subject goes without saying, so its passages are also compared with "how is it
        treated"."""
        if self.profile.w_subject_implied <= 0 or self.mode == SearchMode.BM25:
            return None
        named = self.subject_named(question)
        if named is None:
            return None
        source, at = named
        words = WORDS_OF_A_QUESTION.findall(question)
        kept, put = [], False
        for i, w in enumerate(words):
            if i not in at:
                kept.append(w)
                continue
            if kept and kept[-1].lower() in ("a", "an", "the"):
                kept.pop()
            if not put:
                kept.append("it")
                put = True
        aspect = " ".join(kept)
        if not [w for w in content_words(aspect) if w != "it"]:
            return None      # "what is a prolactinoma?" asks the subject itself
        return self._rows_of(source), self._embedded(aspect), set(self._file_titles()[source])

    def _context_terms_implied(self, question: str, expanded: Expanded) -> np.ndarray | None:
        """The question's vector with the terms it names as its context taken out ("what happens to
        the testicles on long term trt?" → "… on long term it?"), or None. Named after "on",
        "after", "while on", "coming off" …, a term says in what situation the question is asked,
        not what it asks about; but in the embedding it outweighs the rest, so the opening of the
        text's section on coming off TRT, which names TRT, answered what happens to the testicles,
        why recovery takes long and whether the suppression is permanent (two exploratory testers,
        the development sets' most frequent wrong first citation). A share of every passage's and
        learner question's cosine is taken from this vector (w_context_implied)."""
        if self.profile.w_context_implied <= 0 or self.mode == SearchMode.BM25:
            return None
        text = clean_input(question)
        context = [m for m in expanded.mentions if _CONTEXT_BEFORE.search(text[:m.start])]
        if not context:
            return None
        parts, at = [], 0
        for m in context:
            parts += [text[at:m.start], "it"]
            at = m.end
        aspect = "".join([*parts, text[at:]])
        if not [w for w in content_words(aspect) if w != "it"]:
            return None
        return self._embedded(aspect)

    def _embedded(self, text: str) -> np.ndarray:
        """A rewritten question's vector, remembered: a turn searches the same question in several readings."""
        if text not in self._aspects:
            if len(self._aspects) >= PREPARED_MEMO:
                self._aspects.clear()
            self._aspects[text] = self.encoder.encode([text])[0]
        return self._aspects[text]

    def _rows_of(self, source: str) -> set[int]:
        if source not in self._source_rows:
            self._source_rows[source] = {i for i, p in enumerate(self.index.passages) if p.source == source}
        return self._source_rows[source]

    def _with_the_subject_implied(self, dense: dict[int, float], rows: set[int], aspect: np.ndarray) -> dict[int, float]:
        """The file's passages scored partly by the question without its subject (w_subject_implied)."""
        mixed = _mix(dense, self._dense(aspect), self.profile.w_subject_implied)
        return dense | {r: score for r, score in mixed.items() if r in rows}

    def _questions(self, vector: np.ndarray) -> dict[int, float]:
        """For the passages with learner questions: the cosine of the closest one, best first."""
        vectors = self.index.question_vectors
        if not len(vectors):
            return {}
        best = np.full(len(self.index.passages), -2.0, np.float32)
        np.maximum.at(best, self.index.question_rows, vectors @ vector.astype(np.float32))
        n = min(self.profile.candidates, len(best))
        rows = np.argpartition(-best, n - 1)[:n]
        return {int(r): float(best[r]) for r in rows if best[r] > -2.0}

    def _section_questions(self, vector: np.ndarray) -> dict[int, float]:
        """For a teacher's passages that the question is nearly the section's own question ("how is
        gout treated?" of a section headed "Treatment"): that cosine. On a tester's gout sheet the
        overview, which names gout and says the sheet explains "how it is diagnosed and treated",
        outranked the section on treatment, which never says "gout". Only near-paraphrases count
        (profile.section_question): a passage lifted by its heading for any question about its
        section cost the development texts first citations, this gained two and lost none.
        Only the section's opening passage is lifted: it says what the section is about. Every
        passage of a sheet's Treatment section lifted alike, "how is primary hyperparathyroidism
        treated?" was answered by its last paragraph ("A number of other medications are being
        studied … in treating primary hyperparathyroidism", on shared words), not its opening
        "Surgery … is the only definitive treatment" (an exploratory tester's)."""
        if self._section_rows is None:
            from tutor.core.corpus.generated import section_questions

            rows_of: dict[str, list[int]] = {}          # each section's question: the passage it is asked of
            opened: set[tuple[str, str, str]] = set()
            for r, p in enumerate(self.index.passages):
                title = self.file_title(p.source)
                if title is None or p.kind == PassageKind.REFERENCE or p.section in ("", p.tier):
                    continue
                first = p.place not in opened
                opened.add(p.place)
                # a `###` heading's opening passage too: "what to do if you have a hypo" of the steps
                # headed so under "Low blood sugar (hypos)" ranked fifth (a diabetes handout's)
                headed = p.kind == PassageKind.PROSE and p.title and (p.source, p.tier, p.section, p.title) not in opened
                opened.add((p.source, p.tier, p.section, p.title))
                if r in self._asked_rows or not (first or headed):
                    continue
                for question in (section_questions(p.section, title) if first else []) \
                        + (section_questions(p.title, title) if headed else []):
                    rows_of.setdefault(question, []).append(r)
            vectors = self.encoder.encode(list(rows_of)) if rows_of else np.zeros((0, 1), np.float32)
            self._section_rows = (list(rows_of.values()), vectors)
        rows_of, vectors = self._section_rows
        best: dict[int, float] = {}
        if rows_of:
            closeness = vectors @ vector.astype(np.float32)
            for n in np.flatnonzero(closeness >= self.profile.section_question):
                for r in rows_of[n]:
                    best[r] = max(best.get(r, -1.0), float(closeness[n]))
        return best

    def _with_questions(self, dense: dict[int, float], asked: dict[int, float],
                        sections: dict[int, float] | None = None) -> dict[int, float]:
        """Blend each passage's cosine with its closest learner question's: the question bridges
        everyday words and the text's, the passage keeps what no question anticipated. A passage
        nobody wrote questions for (a teacher's new file) gets its own cosine plus the lift the
        others got for this query (the median), so it is not outranked for lack of questions, or
        its section's question's cosine when that is nearly what was asked (`sections`)."""
        sections = sections or {}
        if not asked and not sections:
            return dense
        floor_d, floor_q = min(dense.values(), default=0.0), min(asked.values(), default=0.0)
        lifts = [asked[r] - dense[r] for r in asked if r in dense]
        lift = _median(lifts) if lifts else 0.0
        blended = {}
        for r in set(dense) | set(asked) | set(sections):
            d = dense.get(r, floor_d)
            q = asked.get(r, floor_q) if r in self._asked_rows else max(d + lift, sections.get(r, -1.0))
            blended[r] = (1 - self.profile.w_question) * d + self.profile.w_question * q
        return blended

    def _add_question_keywords(self, scores: dict[int, float], expanded: Expanded, keyword: dict[int, float]) -> None:
        """BM25 over the learner questions: a passage gets its best question's score, scaled so
        the best passage has profile.w_question_keyword. Lay words ("balls", "low t") live there, not in the text.
        A passage without questions gets its own BM25 on that scale instead."""
        if self.mode == SearchMode.DENSE or self.index.question_keyword is None:
            return
        best: dict[int, float] = {}
        for i, score in self.index.question_keyword.search(expanded.keyword_text, 4 * self.profile.candidates):
            row = int(self.index.question_rows[i])
            best[row] = max(best.get(row, 0.0), score)
        top = max(best.values(), default=0.0) or 1.0
        for row, score in best.items():
            if row in scores:
                scores[row] += self.profile.w_question_keyword * score / top
        top_own = max(keyword.values(), default=0.0) or 1.0
        for row, score in keyword.items():
            if row in scores and row not in self._asked_rows:
                scores[row] += self.profile.w_question_keyword * score / top_own

    def _fuse(self, dense: dict[int, float], keyword: dict[int, float], expanded: Expanded,
              implied=None) -> dict[int, float]:
        if self.mode == SearchMode.DENSE:
            return dict(dense)
        top = max(keyword.values(), default=0.0) or 1.0
        if self.mode == SearchMode.BM25:
            return {r: s / top for r, s in keyword.items()}
        floor = min(dense.values(), default=0.0)
        scores = {r: dense.get(r, floor) + self.profile.w_keyword * keyword.get(r, 0.0) / top for r in set(dense) | set(keyword)}
        question_terms = set(tokenize(expanded.question))
        rows, subject = (implied[0], implied[2]) if implied is not None else (set(), set())
        for r in scores:
            # in the named file, its subject's words are in every passage, said or not
            scores[r] += self.profile.w_coverage * self._coverage_terms(question_terms - subject if r in rows
                                                                        else question_terms, r)
        base = dict(scores)
        for r in base:
            better = [base[j] for j in (r - 1, r + 1) if j in base and self._paragraph[j] == self._paragraph[r]]
            if better and max(better) > base[r]:
                scores[r] += self.profile.w_neighbour * (max(better) - base[r])
        return scores

    def _boost(self, scores: dict[int, float], question: str, expanded: Expanded, tier: str | None) -> None:
        """Structure-aware nudges; see the module docstring for why each exists."""
        if self.mode != SearchMode.HYBRID:
            return
        named = {term_key(n) for m in expanded.mentions for n in m.entry.names}
        defining = self._spelled_out(scores, expanded) if STANDS_FOR.search(question) else []
        if not defining and _DEFINITIONAL.search(question):
            # the subjects' definitions: beside a specific term, an everyday one ("anastrozole versus
            # tamoxifen, both deal with estrogen right?") is context, and its definition's passage
            # came up as a third answer
            specific = [m for m in expanded.mentions if not self.is_common_term(m.entry.term)]
            # an everyday term's definition answers only a question about it alone ("what is
            # testosterone?"); "what are the cells that make testosterone" asks about something else
            alone = expanded.mentions if names_nothing_else(clean_input(question), expanded.mentions) else []
            defining = [row for m in specific or alone
                        if (row := self._by_id.get(m.entry.passage_id)) not in self._glossary_lines]
        if not _DEFINITIONAL.search(question):
            # a teacher's glossary line answers what a term is, and nothing else: "how do i know if its
            # eczema herpeticum" quoted "Eczema herpeticum: a serious infection …" before its signs
            for row in self._glossary_lines & scores.keys():
                scores[row] -= self.profile.b_definition
        # of a definitional question naming several terms, the relation asked, where a passage names it all
        together = self._naming_every_subject(scores, expanded) if defining else []
        for row in set(together or defining):
            if row in scores:
                scores[row] += self.profile.b_definition
        first = []      # the passage that defines the term asked, in so many words: cited first, below
        if not defining and (STANDS_FOR.search(question) or _DEFINITIONAL.search(question)):
            found, in_so_many_words = self._defined_in_text(scores, question, expanded)
            for row in found:
                scores[row] += self.profile.b_text_definition
            first = [max(found, key=scores.get)] if found and in_so_many_words else []

        if asks_for_whom(question):
            for r in scores:
                if self.names_people(r):
                    scores[r] += self.profile.b_audience
        if ABOUT_SOURCES.search(question):
            for r in scores:
                if self.index.passages[r].kind == PassageKind.REFERENCE:
                    scores[r] += self.profile.b_reference
        for r, keys in self._titles.items():
            if r in scores and keys & named:
                scores[r] += self.profile.b_named
        if tier:
            for r in scores:
                if self.index.passages[r].tier.lower() == tier.lower():
                    scores[r] += self.profile.tier_boost
        named = self.subject_named(question) if self.profile.b_subject_file else None
        if named is not None:
            # "how common is primary hyperparathyroidism?" is asked of that file: another file's
            # section headed "How common it is" matched the words better
            # ... only preferred (0.1, as before stop 59) when it asks what studies say: another
            # file's references may ("… adrenal insufficiency … DHEA, what does research say?")
            # ... and so is a question naming a term another file defines: "how does testosterone help
            # women in the menopause" is the bundled text's to answer, though it names the handout's
            # subject (a reviewer's)
            elsewhere = any(self.index.passages[row].source != named[0] for m in expanded.mentions
                            if (row := self._by_id.get(m.entry.passage_id)) is not None)
            boost = min(self.profile.b_subject_file, SOURCES_ANYWHERE) if ABOUT_SOURCES.search(question) or elsewhere \
                else self.profile.b_subject_file
            for r in self._rows_of(named[0]) & scores.keys():
                scores[r] += boost
        if first and len(scores) > 1:
            # the text's own definition answers "what is X?", as /define shows it: "what is CGRP"
            # beside a migraine sheet quoted the item "CGRP blockers — newer medicines that block
            # CGRP", which names it four times in two lines, over "a protein called calcitonin
            # gene-related peptide (CGRP)" in a paragraph on causes (an exploratory tester's)
            scores[first[0]] = max(scores[first[0]], max(v for r, v in scores.items() if r != first[0]) + 0.01)

    def _only_the_named_documents_sources(self, scores: dict[int, float], question: str) -> None:
        """"What sources does the prolactinoma text cite?": another file's references are not its
        sources (they were quoted as if they were, and a text citing none seemed to cite the
        bundled text's). Only a question about sources that names one file by its title."""
        if not ABOUT_SOURCES.search(question):
            return
        source = self.named_document(question)
        if source is None:
            return
        for r in [r for r in scores if self.index.passages[r].kind == PassageKind.REFERENCE
                  and self.index.passages[r].source != source]:
            del scores[r]

    def document_title_words(self, source: str) -> set[str]:
        """The stemmed words of a file's title that name it alone (named_document)."""
        return set(self._file_titles().get(source, set()))

    def named_document(self, question: str) -> str | None:
        """The file a question names by a word of its title ("the prolactinoma fact sheet"), when
        it names exactly one; the bundled text has no title of that kind."""
        words = set(tokenize(question))
        as_a_document = bool(_A_DOCUMENT.search(question))     # "the prolactinoma text", not "research on sleep"
        named = [source for source, title in self._file_titles().items()
                 if title and (title & words and as_a_document or len(title) > 1 and title <= words)]
        return named[0] if len(named) == 1 else None

    def _file_titles(self) -> dict[str, set[str]]:
        """Each teacher's file's title words that no other title shares, worked out when first needed."""
        if self._documents is None:
            titles = {source: set(tokenize(" ".join(names))) for source, names in self._teachers_titles().items()}
            shared = {w for w in set().union(*titles.values()) if sum(w in t for t in titles.values()) > 1} \
                if titles else set()
            self._documents = {source: words - shared for source, words in titles.items()}
        return self._documents

    def source_by_author(self, words: set[str]) -> int | None:
        """The row of the first source whose first author's surname (before the reference's first
        comma, lower case) is among `words`, or None; the surnames are read once."""
        if self._authors is None:
            self._authors = {}
            for r, p in enumerate(self.index.passages):
                surname = re.match(r"\W*([A-Z][\w'-]{2,})\s*,", p.text) if p.kind == PassageKind.REFERENCE else None
                if surname:
                    self._authors.setdefault(surname.group(1).lower(), r)
        return min((self._authors[w] for w in words if w in self._authors), default=None)

    def file_title(self, source: str) -> str | None:
        """The title of a teacher's file (its `#` heading), None for the bundled text, whose `#`
        headings are its tiers."""
        return self._teachers_titles().get(source, [None])[0]

    def _teachers_titles(self) -> dict[str, list[str]]:
        """Each teacher's file and its `#` headings, its title first, worked out when first needed:
        a file's passages carry them as their tier, the bundled text's passages its tiers."""
        if self._headings is None:
            from tutor.core.corpus.parse import TIERS

            titles: dict[str, list[str]] = {}
            for p in self.index.passages:
                if p.tier not in TIERS and p.tier not in titles.setdefault(p.source, []):
                    titles[p.source].append(p.tier)
            self._headings = titles
        return self._headings

    def names_people(self, row: int) -> bool:
        """Whether a passage says whom something is for; checked when first asked (start-up stays
        independent of the corpus size)."""
        if row not in self._audience:
            self._audience[row] = bool(_AUDIENCE.search(self.index.passages[row].text))
        return self._audience[row]

    def _naming_every_subject(self, scores: dict[int, float], expanded: Expanded) -> list[int]:
        """A question of three or more of the text's terms asks how they relate ("the role of GnRH
        pulsatility in regulating LH and FSH secretion"): the passages that name them all answer it,
        as a definition answers "what is X", and take the definitions' boost. Each term's own
        definition, boosted for a definitional question, had put a passage on growth-hormone pulses
        first (a learner tester's). Only in place of those definitions: a "why?" read with the claim
        it asks about names the claim's terms, and is no question of how they relate."""
        entries = {m.entry.term: m.entry for m in expanded.mentions}
        if len(entries) < MIN_SUBJECTS_TOGETHER:
            return []
        names = [re.compile(r"\b(?:" + "|".join(re.escape(n) for n in e.names) + r")\b", re.I) for e in entries.values()]
        return [r for r in scores if all(n.search(self.index.passages[r].text) for n in names)]

    def _spelled_out(self, scores: dict[int, float], expanded: Expanded) -> list[int]:
        """"What does TRT stand for?": the passages that write "testosterone replacement therapy
        (TRT)" answer it, wherever the glossary's definition of TRT comes from."""
        short = [n for m in expanded.mentions for n in m.entry.names if n.isupper() or len(n) <= 5]
        if not short:
            return []
        spelled = re.compile(r"\((?:" + "|".join(re.escape(n) for n in short) + r")\)", re.I)
        return [r for r in scores if spelled.search(self.index.passages[r].text)]

    def _defined_in_text(self, scores: dict[int, float], question: str, expanded: Expanded) -> tuple[list[int], bool]:
        """"Whats an endocrinologist?" where no glossary entry names it: the passages that define
        the term in so many words (defined.py), a misspelt word read as the text's nearest; or,
        when none does, the first of each file that defines a kind of it. And whether they define
        the term itself."""
        term = asked_term(clean_input(question))
        if not term:
            return [], False
        nearest = self.nearest_words(self.unknown_words(term, expanded))
        term = " ".join(nearest.get(w.lower(), w) for w in term.split())
        spelled_out = bool(STANDS_FOR.search(question))
        defines = definition_pattern(term, spelled_out=spelled_out)
        found = [r for r in scores if defines.search(unaccented(self.index.passages[r].text))]
        if found or spelled_out:
            return found, True
        # "whats a hernia": "An inguinal hernia happens when …", the first a file defines (before
        # "An incarcerated hernia happens when …", a complication, further on)
        kind_of = definition_pattern(term, kind_of=True)
        first: dict[str, int] = {}
        for r in sorted(scores):
            passage = self.index.passages[r]
            if passage.source not in first and kind_of.search(unaccented(passage.text)):
                first[passage.source] = r
        return list(first.values()), False

    def _coverage_terms(self, terms: set[str], row: int) -> float:
        total = sum(self._idf.get(t, 0.0) for t in terms)
        if not total:
            return 0.0
        tokens = self._passage_tokens(row)
        return sum(self._idf.get(t, 0.0) for t in terms if t in tokens) / total

    def _coverage(self, question: str, row: int) -> float:
        return self._coverage_terms(set(tokenize(question)), row)

    @property
    def vocabulary(self) -> dict[str, float]:
        """Every stemmed word of the corpus and of its learner questions (the words in-scope
        learners use, "foggy", "clinicians"): a question using none of them is off the text."""
        return self._vocabulary

    @property
    def idf(self) -> dict[str, float]:
        return self._idf

    def row(self, passage_id: str) -> int:
        return self._by_id[passage_id]

    def specific_coverage(self, question: str, rows: list[int]) -> float:
        """Best share (IDF-weighted) of the question's words found in one of `rows`; words the
        corpus never uses weigh as much as its rarest word, so they count against coverage."""
        terms = set(tokenize(question))
        if not terms:
            return 0.0
        total = sum(self._idf.get(t, self._rarest) for t in terms)
        return max((sum(self._idf[t] for t in terms if t in self._passage_tokens(r)) / total for r in rows), default=0.0)

    def item_titles(self) -> list[str]:
        """The distinct titles of the text's list items and table rows, in reading order."""
        return list(dict.fromkeys(self.index.passages[r].title for r in self._titles if self.index.passages[r].title))

    def is_common_term(self, name: str) -> bool:
        """Whether a term is used in more than the profile's share of passages ("hormone",
        "testosterone"): such terms get a glossary box only when the question asks what they are."""
        dfs = [self._df[t] for t in tokenize(name) if t in self._df]
        return bool(dfs) and min(dfs) > self.profile.common_term_share * len(self.index.passages)


# words before a term that make it the situation a question is asked in ("while on trt", "after stopping clomid")
_CONTEXT_BEFORE = re.compile(r"\b(?:on|after|during|while|off|from|since|post|before|without|stopping|quitting|coming\s+off)"
                             r"(?:\s+[\w'-]+){0,2}\s+$", re.I)
WORDS_OF_A_QUESTION = re.compile(r"[\w'’-]+")
_A_DOCUMENT = re.compile(rf"\b(?:{'|'.join(DOCUMENT_WORDS)})s?\b", re.I)


def _slipped(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with a letter left out, added or two swapped: a letter changed for
    another is how one real word becomes another ("adduction" for a stroke handout's "abduction",
    the opposite movement, was answered with it; dysphasia and dysphagia, humoral and humeral; a
    reviewer's), so it is left as typed."""
    return len(typed) != len(word) or sorted(typed) == sorted(word)


def _misspelt(word: str, vocabulary: list[str]) -> str | None:
    """The text's word that `word` is a small typo of ("producton", "cholestrol"), if any: the
    embedding of a misspelt word is far from the word it means (its word pieces differ), so the
    nearest word by meaning misses what the nearest by spelling finds. Asked only of words that
    are not English words already ("hearing" is no typo of "healing")."""
    if len(word) < 5:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return best[0] if best and not prefixed(word, best[0]) else None


def blended(retrievals: list[Retrieval], k: int = 10) -> Retrieval:
    """The first retrieval with its passages ranked by their mean score over all of them (a
    passage missing from one gets that one's lowest score): several readings of one question
    vote, and a passage every reading finds beats one only a single reading ranks high. Each
    reading's scores are taken as shares of its best, so each votes with the same weight: a
    reading that names a glossary term scores near 1.0 by the term's boosts alone, and "is that
    permanent?" read with the last answer's claim outvoted the question as asked, whose best
    passage ("a temporary or sometimes prolonged suppression") scored 0.5. The mean is put back on
    the first retrieval's scale, which the choice of sentences (select.py) is tuned to."""
    first = retrievals[0]
    hits: dict[str, Hit] = {}
    for retrieval in reversed(retrievals):          # the first retrieval's own hits win
        hits |= {h.passage.id: h for h in retrieval.hits}
    total = dict.fromkeys(hits, 0.0)
    for retrieval in retrievals:
        top = _best_score(retrieval)
        got = {h.passage.id: h.score / top for h in retrieval.hits}
        floor = min(got.values(), default=0.0)
        for pid in total:
            total[pid] += got.get(pid, floor) / len(retrievals)
    best = sorted(total, key=lambda pid: -total[pid])[:k]
    scale = _best_score(first)
    return replace(first, hits=[replace(hits[pid], score=total[pid] * scale) for pid in best])


def _best_score(retrieval: Retrieval) -> float:
    """A retrieval's best score, to scale by (1.0 when it has none above zero)."""
    top = max((h.score for h in retrieval.hits), default=1.0)
    return top if top > 0 else 1.0


def _question_words(index: Index) -> dict[str, float]:
    """Stemmed words the passages never use but the learner questions of at least two passages
    do (value 0.0): everyday words of the topic, not a side subject one question brushed."""
    if index.question_keyword is None:
        return {}
    return {word: 0.0 for word, questions in index.question_keyword.postings().items()
            if word not in index.keyword.vocab and len(set(index.question_rows[questions].tolist())) >= 2}


def _title_words(index: Index) -> dict[str, float]:
    """Stemmed words of a file's title (its passages' tier) that no passage uses (value 0.0): the title names what
    the whole text is about, and "what exercises should I do after a knee arthroscopy?" was told the text never
    uses "arthroscopy", the word of its title "After your knee arthroscopy" (stop 76). Not searched: the title is
    the same for every passage of its file."""
    return {word: 0.0 for tier in {p.tier for p in index.passages} for word in tokenize(tier)
            if word not in index.keyword.vocab}


def _title_keys(p: Passage) -> set[str]:
    """"Clomid (Clomiphene Citrate)" -> {clomid, clomiphenecitrate, ...}."""
    parts = [p.title, *p.title.replace(")", "").split("("), *p.title.split("/")]
    return {term_key(x) for x in parts if term_key(x)}


def _paragraph_key(p: Passage) -> str:
    return re.sub(r"-\d+$", "", p.id) if p.kind == PassageKind.PROSE else p.id


def _median(values: list[float]) -> float:
    """np.median's value without its cost: its first call imports numpy.ma (7 ms of a cold ask)."""
    ordered, middle = sorted(values), len(values) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def asks_for_whom(question: str) -> bool:
    """"Who is it for?", "who would use it", "what kind of people …"."""
    return bool(_AUDIENCE_QUESTION.search(question))


def _mix(a: dict[int, float], b: dict[int, float], weight: float) -> dict[int, float]:
    """Two sets of scores blended, each missing row at its set's floor."""
    if not a or not b:
        return a
    fa, fb = min(a.values()), min(b.values())
    return {r: (1 - weight) * a.get(r, fa) + weight * b.get(r, fb) for r in set(a) | set(b)}
