"""Shared fixtures: the real index is built once per test session from the bundled corpus (real
model, real FAISS); user state goes to a temporary TUTOR_HOME for every test."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SOURCE = CORPUS / "endogenous-hormone-production.txt"
DATA = Path(__file__).parent / "data"

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


def shared_cache_dir() -> Path:
    """The embedding cache the tests share, kept between runs ($TUTOR_TEST_CACHE, else the user
    cache folder's tutor-tests; never the learner's own cache). It holds vectors by the hash of
    model and text, as the machine-wide cache does for a learner, so a run embeds only texts no
    earlier run embedded: the first run on a machine builds the index from nothing (about 90 s),
    later runs in seconds."""
    if os.environ.get("TUTOR_TEST_CACHE"):
        return Path(os.environ["TUTOR_TEST_CACHE"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tutor-tests", appauthor=False))


@pytest.fixture(scope="session", autouse=True)
def _shared_vector_cache():
    """One machine-wide embedding cache for the whole run and the runs after it (as on a
    learner's machine), so every index a test builds embeds only what is new. On a machine's
    first run it starts from the test texts' embeddings and fits kept with the tests (warm_cache.py)."""
    import warm_cache
    from tutor.core.search.profile import DEFAULT

    os.environ["TUTOR_CACHE"] = str(shared_cache_dir())
    with _one_builder_at_a_time():
        warm_cache.seed(shared_cache_dir(), DEFAULT.dimension)


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """The index of the bundled corpus, built once for the whole session (once per worker when
    the tests run in parallel)."""
    from tutor.core.search.store import build_index

    path = tmp_path_factory.mktemp("index")
    with _one_builder_at_a_time():
        build_index(CORPUS, path)
    return path


@contextlib.contextmanager
def _one_builder_at_a_time():
    """Parallel workers take turns at the first build: on a machine that has never embedded the
    text, the first worker embeds it into the shared cache and the others then read it from
    there, instead of every worker embedding the same text at once on the same cores."""
    from filelock import FileLock

    folder = shared_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder / "build.lock"):
        yield


@pytest.fixture(scope="session", autouse=True)
def _bundled_index_first(request, _shared_vector_cache):
    """Every worker builds the bundled index before its first test, so no test that builds an
    index of its own embeds the bundled text while another worker is embedding it too. Asked
    for by name at run time, not as a parameter, so that tests which do not use the index do not
    see it in TUTOR_INDEX."""
    request.getfixturevalue("index_dir")


TEACHER_TEXT = ("# Iron Deficiency\n\n## Food\n\nRed meat, liver and beans are good sources of iron for the body.\n\n"
                "## Causes\n\nBlood loss is the commonest cause of low iron.\n\n"
                "## Signs\n\nSigns of low iron in the blood include\n\n"
                "- tiredness that does not go away, even after a good night's sleep and a quiet week\n"
                "- pale skin, most easily seen inside the lower eyelids and on the palms of the hands\n"
                "- shortness of breath or a racing heartbeat when climbing stairs or walking uphill\n"
                "- brittle nails that crack easily, or nails that curve upwards like a small spoon, which doctors call "
                "koilonychia and see mostly in long-standing iron deficiency\n\n## References\n\n"
                "- Camaschella C. Iron deficiency anemia. New England Journal of Medicine. 2015.\n"
                "- Pasricha SR. Iron deficiency. Lancet. 2021.\n")


@pytest.fixture(scope="session")
def teacher_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus, index) of a teacher's own small text alone: no tiers, no glossary, no learner
    questions. One for the session: each new text costs the guard a fit of its own."""
    from tutor.core.search.store import build_index

    corpus = tmp_path_factory.mktemp("teacher") / "corpus"
    corpus.mkdir()
    (corpus / "iron.md").write_text(TEACHER_TEXT, encoding="utf-8")
    index = corpus.parent / "index"
    build_index(corpus, index)
    return corpus, index


@pytest.fixture(scope="session")
def index(index_dir):
    from tutor.core.search.store import load_index

    return load_index(CORPUS, index_dir)


@pytest.fixture(scope="session")
def tutor(index):
    """The tutor as the chat and the evaluations run it: with the encoder for many questions
    (ONNX Runtime once the index build has exported it; `tutor ask`'s NumPy encoder gives the
    same vectors, tests/test_encoder.py)."""
    from tutor.core.search.embed import query_encoder
    from tutor.core.search.rank import Retriever
    from tutor.core.answer.tutor import Tutor

    return Tutor(index, Retriever(index, query_encoder(many=True)))


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch, request):
    """Each test gets its own TUTOR_HOME and no colour settings leaking in from the shell;
    tests that use the session index see it through TUTOR_INDEX."""
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    for name in ("NO_COLOR", "FORCE_COLOR", "TUTOR_CORPUS", "TUTOR_ENCODER", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    if "index_dir" in request.fixturenames:
        monkeypatch.setenv("TUTOR_INDEX", str(request.getfixturevalue("index_dir")))


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private copy of the corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def a_sheet(tmp_path_factory, name: str, text: str, beside_the_bundled_text: bool = False):
    """A tutor over one teacher's sheet, as written to corpus/NAME.md: no glossary, no learner
    questions; with `beside_the_bundled_text`, added to a copy of the bundled corpus, as a teacher adds it."""
    from tutor.core.answer.tutor import Tutor, open_index

    corpus = tmp_path_factory.mktemp(name) / "corpus"
    corpus.mkdir()
    if beside_the_bundled_text:
        for path in CORPUS.iterdir():
            if path.is_file():
                shutil.copy(path, corpus / path.name)
    (corpus / f"{name}.md").write_text(text, encoding="utf-8")
    return Tutor.from_index(open_index(corpus, corpus.parent / "index"))


def load_data(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def load_suite(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def run_prompted(argv, lines):
    """Run main() in-process with `lines` typed at its prompt-toolkit prompts (a pipe input and a
    dummy output, as in a terminal); returns (exit code, stdout)."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from tutor.app.cli import main

    out = io.StringIO()
    with create_pipe_input() as pipe:
        for line in lines:
            pipe.send_text(line + "\n")
        pipe.close()
        code = main(list(argv), stdout=out, stderr=io.StringIO(), prompt_input=pipe, prompt_output=DummyOutput())
    return code, out.getvalue()


def run_cli(argv, stdin_text: str | None = None):
    """Run main() in-process with captured streams; returns (exit code, stdout, stderr)."""
    from tutor.app.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO(stdin_text) if stdin_text is not None else io.StringIO("")
    code = main(argv, stdin=stdin, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()
