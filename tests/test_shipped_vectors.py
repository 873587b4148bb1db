"""The bundled text's embeddings ship with the code (shipped_vectors.py): they must be the model's
vectors of today's text, or a fresh clone quietly embeds everything again (or, worse, builds
from vectors of another model)."""

from __future__ import annotations

import json

import numpy as np

from conftest import CORPUS
from tutor.core.search import shipped_vectors
from tutor.core.search.embed import query_encoder
from tutor.core.search.store import data_folder, load_index
from tutor.core.search.vector_cache import text_key


def test_they_cover_every_text_the_bundled_index_embeds(index_dir):
    keys, _ = shipped_vectors.collect(data_folder(index_dir))
    missing = set(keys) - set(shipped_vectors.table())
    assert len(keys) > 2500 and not missing, \
        f"{len(missing)} of {len(keys)} texts are not shipped: run `.venv/bin/python -m tutor.core.search.shipped_vectors`"


def test_they_are_the_models_vectors_of_those_texts(index_dir):
    index = load_index(CORPUS, index_dir)
    texts = [p.embed_text for p in index.passages[::9]] + [q for _, q in index.questions[::300]]
    shipped = shipped_vectors.lookup([text_key(t, index.manifest["model"]) for t in texts], 384)
    assert len(shipped) == len(texts)
    ours = np.stack(list(shipped.values()))
    theirs = query_encoder("numpy").encode(texts)
    assert ours.dtype == np.float32 and float(np.min(np.sum(ours * theirs, axis=1))) > 0.9999


def test_damaged_or_mismatched_files_are_no_error(tmp_path):
    vectors, keys = tmp_path / "v.npy", tmp_path / "v.json"
    np.save(vectors, np.ones((3, 384), np.float32))
    keys.write_text(json.dumps({"keys": ["a", "b"]}))                  # one key short
    assert shipped_vectors.read(vectors, keys) == {}
    keys.write_text("{not json")
    assert shipped_vectors.read(vectors, keys) == {}
    vectors.write_bytes(b"\x93NUMPY broken")
    keys.write_text(json.dumps({"keys": ["a", "b", "c"]}))
    assert shipped_vectors.read(vectors, keys) == {}
    np.save(vectors, np.ones((3, 384), np.float32))
    assert set(shipped_vectors.read(vectors, keys)) == {"a", "b", "c"}


def test_the_shipped_fit_is_the_guards_fit_on_todays_bundled_text(index_dir):
    """The guard's classifier, fitted on the examples and the bundled text's learner questions,
    ships too (intents.SHIPPED_FIT): it must be for today's examples, and what a fit gives."""
    from tutor.core.safety import intents

    data = data_folder(index_dir)
    examples = json.loads((data / intents.LABELS_FILE).read_text(encoding="utf-8"))["examples"]
    texts, labels = [t for t, _ in examples], [i for _, i in examples]
    shipped = json.loads(intents.SHIPPED_FIT.with_suffix(".json").read_text(encoding="utf-8"))
    assert shipped["digest"] == intents.fit_digest(texts, labels), \
        "the shipped fit is stale: run `.venv/bin/python -m tutor.core.search.shipped_vectors`"
    fitted = intents.IntentModel.fit(texts, labels, np.load(data / intents.EXAMPLES_FILE))
    assert np.allclose(fitted.weights, np.load(intents.SHIPPED_FIT), atol=1e-5)


def test_the_test_texts_kept_vectors_and_fit_are_the_models(teacher_corpus):
    """The test texts' embeddings and guard fits kept with the tests (tests/warm_cache.py) spare a
    machine's first run a third of a minute; they must be what the model and a fit give, and
    cover today's test texts, or the first run quietly computes them again."""
    import warm_cache
    from tutor.core.safety import intents

    corpus, index_dir = teacher_corpus
    data = data_folder(index_dir)
    keys, _ = shipped_vectors.collect(data)
    kept = shipped_vectors.read(warm_cache.VECTORS, warm_cache.KEYS)
    missing = [k for k in keys if k not in kept and k not in shipped_vectors.table()]
    assert len(keys) > 50 and not missing, \
        f"{len(missing)} of the iron sheet's {len(keys)} texts are not kept: see tests/warm_cache.py"
    index = load_index(corpus, index_dir)          # built from them: the model must say the same
    texts = [p.embed_text for p in index.passages]
    ours = np.stack([kept[text_key(t, index.manifest["model"])] for t in texts])
    theirs = query_encoder("numpy").encode(texts)
    assert len(texts) > 5 and float(np.min(np.sum(ours * theirs, axis=1))) > 0.9999

    examples = json.loads((data / intents.LABELS_FILE).read_text(encoding="utf-8"))["examples"]
    texts, labels = [t for t, _ in examples], [i for _, i in examples]
    fit = warm_cache.HERE / f"intent-fit-{intents.fit_digest(texts, labels)}.npy"
    assert fit.exists(), "the iron sheet's guard fit is not kept: see tests/warm_cache.py"
    refitted = intents.IntentModel.fit(texts, labels, np.load(data / intents.EXAMPLES_FILE))
    assert np.allclose(refitted.weights, np.load(fit), atol=1e-5)
