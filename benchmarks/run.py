"""Speed and memory benchmarks, run by hand (never inside the test suite).

Each figure is measured quiet and loaded (two other CPU-bound processes running, as on a learner's
laptop that is doing other work too), alternately in one run, so drift on this shared machine
affects both alike; the ratios are what to read.

    python benchmarks/run.py cold          # tutor ask vs the import-and-load floor (benchmarks/floor.py)
    python benchmarks/run.py commands      # --help, quiz --stats, index --check vs python -c pass
    python benchmarks/run.py warm          # per-answer latency in a running tutor: ONNX, NumPy, pools left alone
    python benchmarks/run.py indexing      # tutor index from an empty cache vs raw model.encode; one-file rebuild
    python benchmarks/run.py indexing --passages 5000   # ... also on a generated corpus of 5,000
    python benchmarks/run.py redaction     # redacting 1,000 handout sentences, with the dose reading vs the patterns alone
    python benchmarks/run.py scale --passages 100000   # generated corpus: build, query, HNSW (quiet only)
    TUTOR_SCALE_DIR=/tmp/scale python benchmarks/run.py scale --reuse   # re-measure queries only
    python benchmarks/run.py all

The package is byte-compiled first (as `make setup` leaves it), so no run pays for compiling the
tutor's own modules. Results are printed and written to benchmarks/results/<name>.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
PY = sys.executable
TUTOR = [PY, "-m", "tutor"]
SCRIPT = [str(Path(PY).parent / "tutor")]      # the console script a learner types
QUESTION = "what does gonadorelin do"
CONDITIONS = ("quiet", "loaded")
BURNERS = 2                                     # other CPU-bound processes while "loaded"

sys.path.insert(0, str(ROOT))


def wall(cmd: list[str], env: dict | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr}")
    return elapsed, result.stdout


def peak_rss_mb(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak resident memory in MB) of a child process."""
    script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
              "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([PY, "-c", script, *cmd], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True).stdout.split()
    return float(out[0]), float(out[1])


def machine() -> dict:
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
            "date": time.strftime("%Y-%m-%d"), "load_average_at_end": os.getloadavg()}


def save(name: str, data: dict) -> dict:
    RESULTS.mkdir(exist_ok=True)
    data = {"machine": machine(), **data}
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2))
    print(json.dumps(data, indent=2))
    return data


@contextlib.contextmanager
def condition(name: str):
    """"quiet": nothing added. "loaded": BURNERS busy Python processes run until the block ends."""
    burners = [subprocess.Popen([PY, "-c", "while True: pass"]) for _ in range(BURNERS if name == "loaded" else 0)]
    try:
        if burners:
            time.sleep(0.5)
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def alternately(rounds: int, measure) -> dict[str, dict[str, list[float]]]:
    """Samples of measure() (a dict of name -> value) per condition, the conditions taking turns
    (quiet first in even rounds, loaded first in odd ones)."""
    samples: dict[str, dict[str, list[float]]] = {c: {} for c in CONDITIONS}
    for r in range(rounds):
        for name in (CONDITIONS if r % 2 == 0 else CONDITIONS[::-1]):
            with condition(name):
                for key, value in measure().items():
                    samples[name].setdefault(key, []).append(value)
    return samples


def medians(samples: dict[str, dict[str, list[float]]]) -> dict[str, dict[str, float]]:
    return {c: {k: statistics.median(v) for k, v in by.items()} for c, by in samples.items()}


def percentiles(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    return {"answers": len(ordered), "p50_ms": statistics.median(ordered),
            "p95_ms": ordered[int(0.95 * (len(ordered) - 1))], "max_ms": ordered[-1]}


def byte_compile() -> None:
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "tutor")], check=True)


def ensure_index(index_dir: Path, corpus: Path = ROOT / "corpus", ann: str | None = None,
                 env: dict | None = None) -> None:
    cmd = TUTOR + ["index", "--corpus", str(corpus), "--index", str(index_dir)] + (["--ann", ann] if ann else [])
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env={**os.environ, **(env or {})})


def fresh_index() -> Path:
    index = Path(tempfile.mkdtemp()) / "index"
    ensure_index(index)
    return index


def bench_cold(runs: int) -> dict:
    """1. `tutor ask` in a fresh process against the floor: Python, numpy, faiss and tokenizers
    imported, the model's tokenizer and weights loaded (benchmarks/floor.py)."""
    from tutor.core.search.store import data_folder

    byte_compile()
    index = fresh_index()
    env = {"TUTOR_INDEX": str(index)}
    samples = alternately(runs, lambda: {"floor_s": wall([PY, str(BENCH / "floor.py")])[0],
                                         "tutor_ask_s": wall(SCRIPT + ["ask", QUESTION], env)[0]})
    faiss_file = str(data_folder(index) / "passages.faiss")
    _, reference_rows = wall([PY, str(BENCH / "reference_query.py"), faiss_file, QUESTION])
    check = ("import sys, faiss; from tutor.core.search.embed import query_encoder; i = faiss.read_index(sys.argv[1]); "
             "_, r = i.search(query_encoder().encode([sys.argv[2]]), 10); print(' '.join(map(str, r[0])))")
    _, our_rows = wall([PY, "-c", check, faiss_file, QUESTION])
    result = medians(samples)
    for by in result.values():
        by["ratio_ask_over_floor"] = by["tutor_ask_s"] / by["floor_s"]
    return save("cold", {"question": QUESTION, "runs": runs, "median": result, "samples": samples,
                         "identical_top10_to_sentence_transformers": reference_rows.split() == our_rows.split()})


def bench_commands(runs: int) -> dict:
    """2. Commands that need no model: they should cost little more than starting Python."""
    byte_compile()
    index = fresh_index()
    env = {"TUTOR_INDEX": str(index), "TUTOR_HOME": tempfile.mkdtemp()}
    commands = {"python -c pass": [PY, "-c", "pass"], "tutor --help": SCRIPT + ["--help"],
                "tutor quiz --stats": SCRIPT + ["quiz", "--stats"], "tutor index --check": SCRIPT + ["index", "--check"]}
    samples = alternately(runs, lambda: {name: wall(cmd, env)[0] for name, cmd in commands.items()})
    return save("commands", {"runs": runs, "median_s": medians(samples), "samples": samples})


@contextlib.contextmanager
def pools_left_alone():
    """The query path as it was before issue 15: BLAS and OpenMP keep a thread per core."""
    from tutor.core.search import threads

    enter, leave = threads._SingleThreaded.__enter__, threads._SingleThreaded.__exit__
    threads._SingleThreaded.__enter__ = lambda self: self
    threads._SingleThreaded.__exit__ = lambda self, *exc: False
    try:
        yield
    finally:
        threads._SingleThreaded.__enter__, threads._SingleThreaded.__exit__ = enter, leave


def bench_redaction(runs: int) -> dict:
    """6. Redaction of the blind writers' handout sentences in a fresh process: the patterns alone, and with
    the dose reading (which loads the NumPy encoder when a sentence first needs it) the first time on a machine
    (an empty embedding store) and later (the sentences' vectors stored by the first)."""
    byte_compile()
    script = [PY, str(BENCH / "redaction_speed.py")]
    scratch = Path(tempfile.mkdtemp())
    warm = str(scratch / "warm")
    wall(script, {"TUTOR_CACHE": warm})

    def measure() -> dict:
        first = json.loads(wall(script, {"TUTOR_CACHE": tempfile.mkdtemp(dir=scratch)})[1])
        later = json.loads(wall(script, {"TUTOR_CACHE": warm})[1])
        patterns = json.loads(wall(script + ["--patterns-only"])[1])
        return {"reading_first_time_s": first["all_s"], "reading_later_s": later["all_s"],
                "patterns_only_s": patterns["all_s"], "reading_later_slowest_ms": later["slowest_ms"],
                "patterns_only_slowest_ms": patterns["slowest_ms"], "sentences": first["sentences"]}

    try:
        result = medians(alternately(runs, measure))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for by in result.values():
        by["ratio_first_time_over_patterns"] = by["reading_first_time_s"] / by["patterns_only_s"]
        by["ratio_later_over_patterns"] = by["reading_later_s"] / by["patterns_only_s"]
    return save("redaction", {"runs": runs, "median": result})


def bench_warm(rounds: int, turns: int = 200) -> dict:
    """3. Per-answer latency with the tutor loaded, over the first `turns` turns of the dev suite,
    three ways on the same turns: as shipped (ONNX Runtime encoder, one thread per pool), the
    NumPy encoder with one thread per pool (what a single `tutor ask` uses), and the NumPy encoder
    with the thread pools left alone (the figure before issue 15)."""
    from tutor.core.answer.conversation import Conversation
    from tutor.core.answer.tutor import Tutor
    from tutor.core.evaluation.suite import load_suite
    from tutor.core.safety.redact import redact
    from tutor.core.search.embed import query_encoder
    from tutor.core.search.store import load_index

    index_dir = fresh_index()
    shipped = Tutor.open(ROOT / "corpus", index_dir)
    numpy_tutor = Tutor.from_index(load_index(ROOT / "corpus", index_dir), encoder=query_encoder("numpy"))
    cases = load_suite(ROOT / "eval" / "dev.yaml").cases

    def run_suite(tutor) -> list[float]:
        redact.cache_clear()        # each pass meets the text's sentences afresh, as a new session does
        latencies = []
        for case in cases:
            conversation = Conversation()
            for turn in case.turns:
                started = time.perf_counter()
                tutor.answer(turn.question, conversation)
                latencies.append((time.perf_counter() - started) * 1000)
            if len(latencies) >= turns:
                break
        return latencies

    run_suite(shipped), run_suite(numpy_tutor)        # warm caches once, outside the figures

    def measure() -> dict[str, list[float]]:
        with pools_left_alone():
            alone = run_suite(numpy_tutor)
        return {"shipped_onnx": run_suite(shipped), "numpy_one_thread_per_pool": run_suite(numpy_tutor),
                "numpy_pools_left_alone": alone}

    samples = alternately(rounds, measure)
    result = {c: {k: percentiles([x for run in runs for x in run]) for k, runs in by.items()}
              for c, by in samples.items()}
    result["ratio_loaded_over_quiet_p95"] = (result["loaded"]["shipped_onnx"]["p95_ms"]
                                             / result["quiet"]["shipped_onnx"]["p95_ms"])
    return save("warm", {"rounds": rounds, "turns": turns, **result})


def bench_indexing(runs: int, corpus: Path = ROOT / "corpus", name: str = "indexing") -> dict:
    """4. `tutor index` in a fresh process with an empty embedding cache against raw model.encode
    of the same texts (passages, glossary, learner questions, quotable units) in a fresh process;
    then a rebuild after one file is added. Quiet and loaded alternately."""
    from tutor.core.corpus.load import load_corpus
    from tutor.core.search.units import unit_texts

    loaded = load_corpus(corpus)
    texts = [p.embed_text for p in loaded.passages] + [e.definition for e in loaded.glossary] \
        + [q for _, q in loaded.questions] + unit_texts(loaded.passages)
    texts_file = Path(tempfile.mkdtemp()) / "texts.json"
    texts_file.write_text(json.dumps(texts))

    def measure() -> dict[str, float]:
        work, cache = Path(tempfile.mkdtemp()), {"TUTOR_CACHE": tempfile.mkdtemp()}
        raw_total, raw_encode = wall([PY, str(BENCH / "reference_encode.py"), str(texts_file)])
        shutil.copytree(corpus, work / "corpus")
        ours, _ = wall(TUTOR + ["index", "--corpus", str(work / "corpus"), "--index", str(work / "index")], cache)
        (work / "corpus" / "added-notes.md").write_text(
            "# Added Notes\n\n## Sleep\n\nSleep quality supports hormone synthesis and regulation.\n")
        again, _ = wall(TUTOR + ["index", "--corpus", str(work / "corpus"), "--index", str(work / "index")], cache)
        embeddings = json.loads((work / "index" / "manifest.json").read_text())["embeddings"]
        shutil.rmtree(work, ignore_errors=True)
        return {"tutor_index_s": ours, "raw_process_s": raw_total, "raw_encode_only_s": float(raw_encode.strip()),
                "one_file_added_rebuild_s": again, "rebuild_embedded": embeddings["computed"],
                "rebuild_reused": embeddings["reused_from_cache"]}

    result = medians(alternately(runs, measure))
    for by in result.values():
        by["texts_per_s"] = len(texts) / by["tutor_index_s"]
        by["ratio_raw_process_over_tutor_index"] = by["raw_process_s"] / by["tutor_index_s"]
    return save(name, {"texts": len(texts), "runs": runs, "median": result})


def bench_scale(passages: int, queries: int, reuse: bool = False) -> dict:
    """5. A generated corpus: build time and peak memory, exact-search latency, HNSW recall@10."""
    import numpy as np

    work = Path(os.environ.get("TUTOR_SCALE_DIR", tempfile.mkdtemp()))
    corpus, index = work / "corpus", work / "index"
    previous = RESULTS / "scale.json"
    if reuse and (index / "manifest.json").exists() and previous.exists():
        old = json.loads(previous.read_text())        # the corpus and its first build are kept
        build_s, build_mb = old["build_s"], old["build_peak_rss_mb"]
        peak_rss_mb(TUTOR + ["index", "--corpus", str(corpus), "--index", str(index), "--ann", "flat"])
    else:
        subprocess.run([PY, str(BENCH / "make_corpus.py"), "--passages", str(passages), "--out", str(corpus)], check=True)
        build_s, build_mb = peak_rss_mb(TUTOR + ["index", "--corpus", str(corpus), "--index", str(index)])
    from tutor.core.evaluation.suite import load_suite
    from tutor.core.answer.tutor import Tutor

    suite = load_suite(ROOT / "eval" / "dev.yaml")
    questions = [t.question for c in suite.cases for t in c.turns][:queries]
    flat = Tutor.open(corpus, index)
    flat_lat, flat_top = _query_all(flat, questions)
    hnsw_s, _ = peak_rss_mb(TUTOR + ["index", "--corpus", str(corpus), "--index", str(index), "--ann", "hnsw"])
    hnsw = Tutor.open(corpus, index)
    hnsw_lat, hnsw_top = _query_all(hnsw, questions)
    recall = float(np.mean([len(set(a) & set(b)) / max(len(a), 1) for a, b in zip(flat_top, hnsw_top)]))
    q = lambda xs: {"p50_ms": statistics.median(xs), "p95_ms": sorted(xs)[int(0.95 * (len(xs) - 1))]}
    return save("scale", {
        "passages": len(flat.index.passages), "build_s": build_s, "build_peak_rss_mb": build_mb,
        "hnsw_rebuild_from_cache_s": hnsw_s, "queries": len(questions),
        "flat_answer": q(flat_lat["answer"]), "flat_dense_search": q(flat_lat["dense"]),
        "hnsw_answer": q(hnsw_lat["answer"]), "hnsw_dense_search": q(hnsw_lat["dense"]),
        "hnsw_recall_at_10_vs_exact": recall,
    })


def _query_all(tutor, questions):
    import numpy as np

    latencies = {"answer": [], "dense": []}
    tops = []
    for q in questions:
        started = time.perf_counter()
        tutor.answer(q)
        latencies["answer"].append((time.perf_counter() - started) * 1000)
        vector = tutor.retriever.encoder.encode([q]).astype(np.float32)
        started = time.perf_counter()
        _, rows = tutor.index.dense.search(vector, 10)
        latencies["dense"].append((time.perf_counter() - started) * 1000)
        tops.append([int(r) for r in rows[0]])
    return latencies, tops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("which", choices=("cold", "commands", "warm", "indexing", "redaction", "scale", "all"))
    parser.add_argument("--runs", type=int, default=6, help="rounds of quiet and loaded (cold, commands)")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reuse", action="store_true",
                        help="scale: keep the corpus and first build in $TUTOR_SCALE_DIR, re-measure the rest")
    args = parser.parse_args()
    if args.which in ("cold", "all"):
        bench_cold(args.runs)
    if args.which in ("commands", "all"):
        bench_commands(args.runs)
    if args.which in ("warm", "all"):
        bench_warm(2)
    if args.which in ("redaction", "all"):
        bench_redaction(max(1, args.runs // 2))
    if args.which in ("indexing", "all"):
        bench_indexing(max(1, args.runs // 6))
    if args.which == "indexing" and args.passages != parser.get_default("passages"):
        generated = Path(tempfile.mkdtemp()) / "corpus"
        subprocess.run([PY, str(BENCH / "make_corpus.py"), "--passages", str(args.passages), "--out", str(generated)],
                       check=True)
        bench_indexing(1, generated, f"indexing-{args.passages}")
    if args.which in ("scale", "all"):
        bench_scale(args.passages, args.queries, args.reuse)


if __name__ == "__main__":
    main()
