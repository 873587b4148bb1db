"""Speed and memory benchmarks, run by hand (never inside the test suite). Every comparison runs
its two sides alternately in the same session, so a noisy shared machine affects both alike;
the ratios are what to read.

    python benchmarks/run.py cold          # tutor ask vs the naive sentence-transformers script
    python benchmarks/run.py commands      # --help, quiz --stats, index --check
    python benchmarks/run.py warm          # per-answer latency in a running tutor
    python benchmarks/run.py indexing      # tutor index vs raw model.encode; incremental rebuild
    python benchmarks/run.py indexing --passages 5000   # ... also on a generated corpus of 5,000
    python benchmarks/run.py scale --passages 100000   # generated corpus: build, query, HNSW
    TUTOR_SCALE_DIR=/tmp/scale python benchmarks/run.py scale --reuse   # re-measure queries only
    python benchmarks/run.py all

Results are printed and written to benchmarks/results/<name>.json.
"""

from __future__ import annotations

import argparse
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
QUESTION = "what does gonadorelin do"


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
            "date": time.strftime("%Y-%m-%d")}


def save(name: str, data: dict) -> dict:
    RESULTS.mkdir(exist_ok=True)
    data = {"machine": machine(), **data}
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2))
    print(json.dumps(data, indent=2))
    return data


def ensure_index(index_dir: Path, corpus: Path = ROOT / "corpus", ann: str | None = None) -> None:
    cmd = TUTOR + ["index", "--corpus", str(corpus), "--index", str(index_dir)] + (["--ann", ann] if ann else [])
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def bench_cold(runs: int) -> dict:
    """1. A one-shot answer in a fresh process, against the naive script, alternately."""
    index = Path(tempfile.mkdtemp()) / "index"
    ensure_index(index)
    env = {"TUTOR_INDEX": str(index)}
    ours, theirs = [], []
    for _ in range(runs):
        theirs.append(wall([PY, str(BENCH / "reference_query.py"), str(index / "passages.faiss"), QUESTION])[0])
        ours.append(wall(TUTOR + ["ask", QUESTION], env)[0])
    _, reference_rows = wall([PY, str(BENCH / "reference_query.py"), str(index / "passages.faiss"), QUESTION])
    check = ("import sys, faiss; from tutor.core.search.embed import query_encoder; i = faiss.read_index(sys.argv[1]); "
             "_, r = i.search(query_encoder().encode([sys.argv[2]]), 10); print(' '.join(map(str, r[0])))")
    _, our_rows = wall([PY, "-c", check, str(index / "passages.faiss"), QUESTION])
    return save("cold", {
        "question": QUESTION, "runs": runs,
        "tutor_ask_s": {"median": statistics.median(ours), "all": ours},
        "reference_script_s": {"median": statistics.median(theirs), "all": theirs},
        "ratio_tutor_over_reference": statistics.median(ours) / statistics.median(theirs),
        "identical_top10": reference_rows.split() == our_rows.split(),
    })


def bench_commands(runs: int) -> dict:
    """2. Commands that need no model: they should cost little more than starting Python."""
    index = Path(tempfile.mkdtemp()) / "index"
    ensure_index(index)
    home = tempfile.mkdtemp()
    env = {"TUTOR_INDEX": str(index), "TUTOR_HOME": home}
    commands = {"python -c pass": [PY, "-c", "pass"], "tutor --help": TUTOR + ["--help"],
                "tutor quiz --stats": TUTOR + ["quiz", "--stats"], "tutor index --check": TUTOR + ["index", "--check"],
                "import sentence_transformers": [PY, "-c", "import sentence_transformers"]}
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(wall(cmd, env)[0])
    return save("commands", {"runs": runs, "median_s": {k: statistics.median(v) for k, v in times.items()}})


def bench_warm(rounds: int) -> dict:
    """3. Per-answer latency with the tutor loaded, over every question of the dev suite."""
    sys.path.insert(0, str(ROOT))
    from tutor.core.answer.conversation import Conversation
    from tutor.core.evaluation.suite import load_suite
    from tutor.core.answer.tutor import Tutor

    index = Path(tempfile.mkdtemp()) / "index"
    ensure_index(index)
    tutor = Tutor.open(ROOT / "corpus", index)
    suite = load_suite(ROOT / "eval" / "dev.yaml")
    latencies = []
    for _ in range(rounds):
        for case in suite.cases:
            conversation = Conversation()
            for turn in case.turns:
                started = time.perf_counter()
                tutor.answer(turn.question, conversation)
                latencies.append((time.perf_counter() - started) * 1000)
    ordered = sorted(latencies)
    return save("warm", {"answers": len(latencies), "p50_ms": statistics.median(ordered),
                         "p95_ms": ordered[int(0.95 * (len(ordered) - 1))], "max_ms": ordered[-1]})


def bench_indexing(runs: int, corpus: Path = ROOT / "corpus", name: str = "indexing") -> dict:
    """4. `tutor index` (fresh process, nothing cached) against raw model.encode of the same texts
    (fresh process), alternately; then an incremental rebuild after one file changes."""
    sys.path.insert(0, str(ROOT))
    from tutor.core.corpus.load import load_corpus

    loaded = load_corpus(corpus)
    texts = [p.embed_text for p in loaded.passages] + [e.definition for e in loaded.glossary] \
        + [q for _, q in loaded.questions]
    texts_file = Path(tempfile.mkdtemp()) / "texts.json"
    texts_file.write_text(json.dumps(texts))
    ours, raw_total, raw_encode = [], [], []
    for _ in range(runs):
        index = Path(tempfile.mkdtemp()) / "index"
        seconds, out = wall([PY, str(BENCH / "reference_encode.py"), str(texts_file)])
        raw_total.append(seconds)
        raw_encode.append(float(out.strip()))
        ours.append(wall(TUTOR + ["index", "--corpus", str(corpus), "--index", str(index)])[0])
    work = Path(tempfile.mkdtemp())
    shutil.copytree(corpus, work / "corpus")
    ensure_index(work / "index", work / "corpus")
    extra = work / "corpus" / "added-notes.md"
    extra.write_text("# Added Notes\n\n## Sleep\n\nSleep quality supports hormone synthesis and regulation.\n")
    incremental, _ = wall(TUTOR + ["index", "--corpus", str(work / "corpus"), "--index", str(work / "index")])
    manifest = json.loads((work / "index" / "manifest.json").read_text())
    n = len(texts)
    return save(name, {
        "texts": n, "runs": runs,
        "tutor_index_s": statistics.median(ours), "raw_process_s": statistics.median(raw_total),
        "raw_encode_only_s": statistics.median(raw_encode),
        "passages_per_s": {"tutor_index": n / statistics.median(ours), "raw_process": n / statistics.median(raw_total),
                           "raw_encode_only": n / statistics.median(raw_encode)},
        "ratio_vs_raw_process": statistics.median(raw_total) / statistics.median(ours),
        "incremental_rebuild": {"seconds": incremental, **manifest["embeddings"]},
    })


def bench_scale(passages: int, queries: int, reuse: bool = False) -> dict:
    """5. A generated corpus: build time and peak memory, exact-search latency, HNSW recall@10."""
    sys.path.insert(0, str(ROOT))
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
    parser.add_argument("which", choices=("cold", "commands", "warm", "indexing", "scale", "all"))
    parser.add_argument("--runs", type=int, default=5)
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
        bench_warm(3)
    if args.which in ("indexing", "all"):
        bench_indexing(max(1, args.runs // 2))
    if args.which == "indexing" and args.passages != parser.get_default("passages"):
        generated = Path(tempfile.mkdtemp()) / "corpus"
        subprocess.run([PY, str(BENCH / "make_corpus.py"), "--passages", str(args.passages), "--out", str(generated)],
                       check=True)
        bench_indexing(1, generated, f"indexing-{args.passages}")
    if args.which in ("scale", "all"):
        bench_scale(args.passages, args.queries, args.reuse)


if __name__ == "__main__":
    main()
