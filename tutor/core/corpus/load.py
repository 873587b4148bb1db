"""The corpus: every passage of every text file in corpus/, the glossary, the synonym list and the
learner questions each passage answers.

Loading parses the files; the index stores the result, so a normal start reads JSON instead.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from tutor.core.errors import TutorError
from tutor.core.corpus.generated import questions_for
from tutor.core.corpus.glossary import Entry, Glossary, key, words_of
from tutor.core.corpus.parse import CHUNKER_VERSION, TIERS, UNASKED_CHUNK_CHARS, Document, parse_file
from tutor.core.corpus.passage import Passage
from tutor.core.text import fold

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
GLOSSARY_FILE = "glossary.yaml"
SYNONYMS_FILE = "synonyms.yaml"
QUESTIONS_FILE = "questions.yaml"


@dataclass
class Corpus:
    passages: list[Passage]
    glossary: Glossary
    synonyms: list[list[str]]
    source_terms: list[str] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)   # (passage id, question)
    unknown_question_ids: list[str] = field(default_factory=list)     # ids questions.yaml names in vain
    generated: list[tuple[str, str]] = field(default_factory=list)    # (passage id, question) made from the text
    empty_files: list[str] = field(default_factory=list)              # files with no text to index (said at build)
    unreadable_files: list[str] = field(default_factory=list)         # files that are not UTF-8 (said at build)
    glossary_problems: list[str] = field(default_factory=list)        # entries left out or re-pointed (said at build)
    notes: list[str] = field(default_factory=list)                    # other things a teacher should hear (at build)

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.passages}


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The text files that make up the corpus, in a stable order."""
    if corpus_dir.is_file():
        raise TutorError(f"The corpus {corpus_dir} is a file; point --corpus at the folder that holds it.")
    if not corpus_dir.is_dir():
        raise TutorError(f"The corpus folder {corpus_dir} does not exist; it should hold the source text.")
    files = sorted(p for p in corpus_dir.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
                   and not p.name.startswith(".") and p.name.lower() != "readme.md")
    if not files:
        raise TutorError(f"The corpus folder {corpus_dir} has no .txt or .md file to teach from.")
    return files


def corpus_hash(corpus_dir: Path) -> str:
    """A fingerprint of everything the index depends on: file names and bytes, and the chunker version."""
    h = hashlib.sha256(f"chunker={CHUNKER_VERSION}\n".encode())
    names = [p for p in corpus_files(corpus_dir)]
    for extra in (GLOSSARY_FILE, SYNONYMS_FILE, QUESTIONS_FILE):
        if (corpus_dir / extra).exists():
            names.append(corpus_dir / extra)
    for path in names:
        h.update(path.name.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _read_yaml(path: Path) -> dict:
    import yaml         # only building an index reads YAML; opening one (every `tutor ask`) does not

    from tutor.core import yaml_data

    try:
        data = yaml_data.load(path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise TutorError(f"{path}{where} is not valid YAML: {getattr(exc, 'problem', exc)}.") from None
    if not isinstance(data, dict):
        raise TutorError(f"{path} should be a YAML mapping.")
    return data


def _why_not_quoted(named: str, known: set[str]) -> str:
    """Why a definition the text does not contain is left out: a teacher who removed a file but
    kept its glossary entries was told only that the definitions are no quotes (an exploratory
    tester's). A passage id begins with its text's title ("iron-deficiency/…"); when an entry's id
    names a text the corpus no longer has, that is said (the file itself, gone, cannot be named)."""
    first = named.split("/", 1)[0]
    if "/" in named and not any(k.split("/", 1)[0] == first for k in known):
        return (f"its definition is not a quote from the text, and its passage {named} belongs to no text of the "
                "corpus (was that file removed, or is the id mistyped?)")
    return "its definition is not a quote from the text (was the file it quotes edited or removed?)"


def load_glossary(corpus_dir: Path, passages: list[Passage], problems: list[str] | None = None) -> Glossary:
    """Read glossary.yaml; each definition is located in the passage that contains it. A
    definition is a quote like any other: one the text does not contain is left out, and an entry
    naming a passage that does not exist (the text was edited, or learner questions re-cut it)
    points at the passage that holds its definition; each is said in `problems`, for the build."""
    path = corpus_dir / GLOSSARY_FILE
    if not path.exists():
        return Glossary([])
    problems = problems if problems is not None else []
    known = {p.id for p in passages}
    whole = fold(" ".join(p.text for p in passages))       # a definition may run over a chunk boundary
    try:            # a teacher's typo in the glossary must not take the text from every learner
        terms = _read_yaml(path).get("terms") or []
    except TutorError as error:
        why = re.sub(r"^[(](line [0-9]+)[)]", r"\1", str(error).removeprefix(str(path)).lstrip(" :").rstrip("."))
        problems.append(f"{why}; the glossary is left out until it is fixed")
        return Glossary([])
    if not isinstance(terms, list):
        problems.append("`terms` should be a list of entries; the glossary is left out until it is fixed")
        return Glossary([])
    entries = []
    taken: dict[str, str] = {}          # every name taken so far (term or alias, by key) → its term
    for i, raw in enumerate(terms, 1):
        if not isinstance(raw, dict) or not raw.get("term") or not raw.get("definition"):
            problems.append(f"entry {i} is left out: it needs a term and a definition")
            continue
        term, definition = str(raw["term"]), str(raw["definition"]).replace("\u221e", "\u2014")
        if _shows_a_dose(term):         # first: every other note names the term
            problems.append(f"a glossary term is left out: its name carries a dose or schedule, which is never shown "
                            f"(entry {i}; name it for what it is)")
            continue
        if fold(definition) not in whole:
            problems.append(f"“{term}” is left out: {_why_not_quoted(str(raw.get('passage') or ''), known)}")
            continue
        if key(term) in taken:
            problems.append(f"“{term}” (entry {i}) is left out: “{taken[key(term)]}” already has that name")
            continue
        aliases = tuple(str(a) for a in raw.get("aliases") or ())
        if any(_shows_a_dose(a) for a in aliases):
            problems.append(f"“{term}”: an alias that carries a dose or schedule is left out")
            aliases = tuple(a for a in aliases if not _shows_a_dose(a))
        for alias in [a for a in aliases if key(a) in taken]:       # another entry's name (spellings of its own stay)
            problems.append(f"“{term}”: the alias “{alias}” is left out, “{taken[key(alias)]}” already has "
                            "that name")
            aliases = tuple(a for a in aliases if a != alias)
        taken.update({key(n): term for n in (term, *aliases)})
        named = str(raw.get("passage") or "")
        found = _find_passage(definition, passages) or _find_passage(_first_sentence(definition), passages)
        if named and named not in known:
            problems.append(f"“{term}” names passage {named}, which does not exist"
                            + (f"; its definition is in {found}" if found else ""))
        passage_id = named if named in known else found or ""
        entries.append(Entry(term, aliases, definition, passage_id, raw.get("defines", True) is not False))
    return Glossary(entries, lambda: words_of(p.text for p in passages))


# A teacher's file's own glossary, under a heading of its own ("Glossary", "Words we use", "Key terms"),
# one term to a line or item: "Atopic: a tendency to …", "- **Aura:** a set of warning symptoms …".
_GLOSSARY_HEADING = re.compile(r"^(?:glossary|jargon\s+buster|definitions|(?:key|useful|medical|important)\s+(?:terms|words)"
                               r"|words?\s+(?:to\s+know|explained|and\s+what\s+they\s+mean|(?:we|you\s+(?:may|might))\s+"
                               r"(?:use|hear|see))|terms?\s+(?:used|explained|we\s+use)|what\s+the\s+words\s+mean)"
                               r"(?:\s+(?:used\s+)?in\s+this\s+(?:leaflet|booklet|guide|handout|sheet|text))?\W*$", re.I)
# A label before a colon is no term: "Note: take it with food", "Important: call 999 …" (a reviewer's)
_LABELS = frozenset("note notes tip tips important warning remember caution reminder example examples nb please".split())
_TERM_AND_MEANING = re.compile(r"^(?P<term>[^:\u2014\u2013.]{1,60}?)\s*(?::|\s[\u2014\u2013-]\s)\s*(?P<meaning>\w.{8,})$", re.S)


def in_a_teachers_glossary(p: Passage) -> bool:
    """Whether a passage is a line of a teacher's file's own glossary ("Aura — a set of warning
    symptoms …"): it serves /define, the quiz and the glossary box, and is not the answer to "what
    is an aura?" when the file's prose explains it ("An aura is a set of temporary warning symptoms …")."""
    return p.tier not in TIERS and bool(_GLOSSARY_HEADING.match(p.section or ""))


def teachers_terms(passages: list[Passage], taken: set[str]) -> list[Entry]:
    """The terms a teacher's file defines in a glossary of its own: a migraine handout's "## Glossary"
    and an eczema leaflet's "Words we use" were quoted as answers but never drilled by the quiz or
    found by /define (two testers'). Each definition is its passage's own words, so it is quoted like
    any other; a name glossary.yaml already gives, or one that carries a dose, is left to it."""
    entries = []
    for p in passages:
        if not in_a_teachers_glossary(p):
            continue
        found = _TERM_AND_MEANING.match(p.text.strip())
        if not found or (p.title and key(p.title) != key(found["term"])):
            continue
        term = found["term"].strip(" *_")
        if key(term) in taken or _shows_a_dose(term) or len(term.split()) > 6 or term.lower().split()[0] in _LABELS:
            continue
        taken.add(key(term))
        entries.append(Entry(term, (), found["meaning"].strip(), p.id))
    return entries


def _shows_a_dose(name: str) -> bool:
    """Whether a term's name has what the safety layer hides ("1.25 mg capsule", "twice weekly
    capsule"): a name is printed as it is in quiz questions, /define and refusals, so a term
    named so is left out of the glossary rather than shown with a dose."""
    from tutor.core.safety.redact import MARKER, redact

    return MARKER in redact(name)       # not a mere difference: redact also normalises ("D₃" → "D3")


def _first_sentence(text: str) -> str:
    """The first sentence of a definition that runs over several passages: where it starts."""
    from tutor.core.text import split_sentences

    spans = split_sentences(text)
    return text[spans[0][0]:spans[0][1]] if spans else text


def _find_passage(definition: str, passages: list[Passage]) -> str | None:
    needle = fold(definition)
    return next((p.id for p in passages if needle in fold(p.text)), None)


def load_synonyms(corpus_dir: Path) -> list[list[str]]:
    path = corpus_dir / SYNONYMS_FILE
    if not path.exists():
        return []
    groups = _read_yaml(path).get("groups") or []
    return [[str(w) for w in g] for g in groups if isinstance(g, list) and len(g) > 1]


def load_questions(corpus_dir: Path, passages: list[Passage],
                   problems: list[str] | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """Read questions.yaml: for each passage id, questions learners ask that it answers. They are
    searched beside the passage (a learner's words are often far from the text's). Ids that no
    passage has (the text was edited) are returned apart, to be reported, not fatal; so is a file
    that cannot be read (said in `problems`): a teacher's typo must not take the text from every
    learner, as for the glossary."""
    raw = _learner_questions(corpus_dir, problems)
    known = {p.id for p in passages}
    questions, unknown = [], []
    for pid, items in raw.items():
        if not isinstance(items, list) or not all(isinstance(q, str) and q.strip() for q in items):
            if problems is not None:
                problems.append(f"{QUESTIONS_FILE}: the questions of {pid!r} should be a list of non-empty strings; "
                                "they are left out until it is fixed")
            continue
        if str(pid) not in known:
            unknown.append(str(pid))
            continue
        questions += [(str(pid), q.strip()) for q in items]
    return questions, unknown


def load_corpus(corpus_dir: Path) -> Corpus:
    """Parse every corpus file; passage ids are unique across files."""
    passages: list[Passage] = []
    terms: list[str] = []
    seen: set[str] = set()
    asked = _asked_ids(corpus_dir)
    empty: list[str] = []
    unreadable: list[str] = []
    titled: dict[str, str] = {}             # a teacher's title → the file that has it first
    notes: list[str] = []
    for path in corpus_files(corpus_dir):
        try:
            doc = _cut_for_its_questions(path, asked)
        except UnicodeDecodeError:
            unreadable.append(path.name)        # one teacher's file must not take the tutor from every learner
            continue
        if not doc.passages:
            empty.append(path.name)
        for tier in dict.fromkeys(p.tier for p in doc.passages if p.tier not in TIERS):
            if titled.setdefault(tier, path.name) != path.name:
                notes.append(f"{titled[tier]} and {path.name} have the same title (“{tier}”), so they are "
                             "taught as one text; give each its own # title to keep them apart")
        for p in doc.passages:
            if p.id in seen:
                p = _renamed(p, seen)
            seen.add(p.id)
            passages.append(p)
        terms += doc.glossary_terms
    passages = [_with_order(p, i) for i, p in enumerate(passages)]
    notes += _not_read(corpus_dir)
    questions, unknown = load_questions(corpus_dir, passages, notes)
    glossary_problems: list[str] = []
    glossary = load_glossary(corpus_dir, passages, glossary_problems)
    glossary = Glossary(glossary.entries + teachers_terms(passages, {key(n) for e in glossary for n in e.names}),
                        lambda: words_of(p.text for p in passages))
    if unreadable and not passages:
        raise TutorError(f"{corpus_dir / unreadable[0]} is not UTF-8 text; save it as UTF-8 (no other file "
                         f"of {corpus_dir} has text to teach from).")
    return Corpus(passages, glossary, load_synonyms(corpus_dir), terms, questions, unknown,
                  generate_questions(passages, {pid for pid, _ in questions}, glossary), empty, unreadable,
                  glossary_problems, notes)


def _not_read(corpus_dir: Path) -> list[str]:
    """Notes on what the corpus folder holds but the tutor does not read: a .docx or .pdf a
    teacher dropped in was skipped without a word (a tester's), and so were sub-folders."""
    read = set(corpus_files(corpus_dir))
    extras = {GLOSSARY_FILE, SYNONYMS_FILE, QUESTIONS_FILE}
    others = sorted(p.name for p in corpus_dir.iterdir() if p.is_file() and p not in read
                    and p.name not in extras and not p.name.startswith(".") and p.name.lower() != "readme.md")
    folders = sorted(p.name for p in corpus_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "__")))
    notes = []
    if others:
        notes.append(f"only .md and .txt files are read, so {len(others)} file(s) are not: {_listed(others)}; "
                     "save them as plain text or Markdown to include them")
    if folders:
        notes.append(f"sub-folders are not read: {_listed(folders)}; put their .md or .txt files in the corpus folder itself")
    return notes


def _listed(names: list[str]) -> str:
    return ", ".join(names[:5]) + (" …" if len(names) > 5 else "")


def skipped_files(manifest: dict, corpus_dir: Path) -> list[str]:
    """Sentences naming what an index was built without, and why: files, and glossary entries
    (said at every build)."""
    out = []
    empty, unreadable = manifest.get("empty_files") or [], manifest.get("unreadable_files") or []
    if empty:
        out.append(f"Skipped {len(empty)} file(s) of {corpus_dir} with no text in them: {_listed(empty)}.")
    if unreadable:
        out.append(f"Skipped {len(unreadable)} file(s) of {corpus_dir} that are not UTF-8 text: {_listed(unreadable)}; "
                   "save them as UTF-8 to include them.")
    out += [f"{corpus_dir / GLOSSARY_FILE}: {problem}." for problem in manifest.get("glossary_problems") or []]
    out += [f"{corpus_dir}: {note}." for note in manifest.get("corpus_notes") or []]
    return out


def _cut_for_its_questions(path: Path, asked: set[str]) -> Document:
    """A file cut the way its learner questions were written for: into ~300-character chunks when
    questions.yaml names more of those than of its paragraphs (the bundled text), else into
    paragraphs. A teacher who writes questions for the ids `tutor topics` showed keeps those ids:
    deciding by "any question at all" re-cut the file, and the ids just used stopped existing."""
    paragraphs: Document = parse_file(path, UNASKED_CHUNK_CHARS)
    if not asked:
        return paragraphs
    chunks: Document = parse_file(path)
    named = lambda doc: sum(p.id in asked for p in doc.passages)
    return chunks if named(chunks) > named(paragraphs) else paragraphs


def _asked_ids(corpus_dir: Path) -> set[str]:
    """The passage ids questions.yaml writes learner questions for. A file with none of them is
    cut into paragraph-sized passages: with nothing to bridge a learner's words to one 300-character
    chunk, a lay question matches what a paragraph is about (on three NIDDK fact sheets added
    without questions, retrieval alone hit@1 0.54-0.65 -> 0.58-0.75, hit@3 0.77-0.83 -> 0.81-0.89).
    A file with learner questions keeps the chunks its questions were written for."""
    path = corpus_dir / QUESTIONS_FILE
    ids = {str(k) for k in _learner_questions(corpus_dir)}
    if not ids and path.exists():
        # a file that cannot be read still names its ids, one per line: the text is cut as they
        # were written for, so its passage ids, and the glossary's, stay what they were
        ids = set(_NAMED_ID.findall(path.read_text(encoding="utf-8-sig", errors="replace")))
    return ids


_NAMED_ID = re.compile(r"^ {1,4}[\"']?([\w.-]+(?:/[\w.-]+)+)[\"']?\s*:\s*$", re.M)


def _learner_questions(corpus_dir: Path, problems: list[str] | None = None) -> dict:
    """questions.yaml's `passages` mapping; empty when there is none or it cannot be read (said
    in `problems`)."""
    path = corpus_dir / QUESTIONS_FILE
    if not path.exists():
        return {}
    try:
        raw = _read_yaml(path).get("passages") or {}
    except TutorError as error:
        why = str(error).removeprefix(str(path)).lstrip(" :").rstrip(".")
        raw, fault = {}, f"{QUESTIONS_FILE} {why}"
    else:
        fault = None if isinstance(raw, dict) else f"{QUESTIONS_FILE}: `passages` should map passage ids to lists of questions"
    if fault and problems is not None:
        problems.append(f"{fault}; its learner questions are left out until it is fixed")
    return raw if isinstance(raw, dict) else {}


def generate_questions(passages: list[Passage], asked: set[str], glossary: Glossary) -> list[tuple[str, str]]:
    """Questions made from the text for every passage nobody wrote learner questions for."""
    defined: dict[str, list[str]] = {}
    for entry in glossary:
        defined.setdefault(entry.passage_id, []).append(entry.term)
    out = []
    for p in passages:
        if p.id not in asked:
            out += [(p.id, q) for q in questions_for(p, p.tier, defined.get(p.id, []))]
    return out


def _renamed(p: Passage, seen: set[str]) -> Passage:
    from dataclasses import replace

    stem = Path(p.source).stem
    n, new = 2, f"{p.id}-{stem}"
    while new in seen:
        new, n = f"{p.id}-{stem}-{n}", n + 1
    return replace(p, id=new)


def _with_order(p: Passage, order: int) -> Passage:
    from dataclasses import replace

    return p if p.order == order else replace(p, order=order)
