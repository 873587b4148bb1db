"""`tutor index`: rebuild the index now, or check whether it is fresh (exit code 0 or 1)."""

from __future__ import annotations

from tutor.core import paths
from tutor.app.status import ExitStatus


def run(args, terminal) -> int:
    corpus, index = paths.corpus_dir(args.corpus), paths.index_dir(args.index)
    if args.check:
        return _check(corpus, index, terminal)
    return _build(corpus, index, terminal, args.ann)


def _check(corpus, index, terminal) -> int:
    """Freshness and integrity (every file's size and SHA-256) through the exit code; builds nothing."""
    from tutor.core.search.folder import build_obstacle
    from tutor.core.search.store import staleness

    reason = staleness(corpus, index, checksums=True)
    if reason is None:
        terminal.out.print(f"The index in {index} is up to date.")
        return ExitStatus.OK
    if index.exists() and not index.is_dir():
        terminal.out.print(reason, soft_wrap=True)             # already the whole sentence
        return ExitStatus.ERROR
    obstacle = build_obstacle(index)
    fix = f"it cannot be rebuilt there: {obstacle[0]}; {obstacle[1]}" if obstacle else "run `tutor index` to rebuild it"
    terminal.out.print(f"The index in {index} is not usable: {reason}; {fix}.", soft_wrap=True)
    return ExitStatus.ERROR


def _build(corpus, index, terminal, ann) -> int:
    import time

    from tutor.app.commands.common import RebuildProgress
    from tutor.core.corpus.load import QUESTIONS_FILE, skipped_files
    from tutor.core.search.store import build_index

    started = time.perf_counter()
    with RebuildProgress(terminal) as progress:
        built = build_index(corpus, index, progress=progress.update, dense=ann)
    counts = built.manifest["counts"]
    embedded = built.manifest["embeddings"]      # from the old index, the machine-wide cache or shipped
    reused = sum(embedded.get(k, 0) for k in ("reused_from_cache", "reused_from_machine_cache", "reused_from_shipped"))
    terminal.out.print(f"Indexed {counts['passages']} passages, {counts['glossary']} glossary terms and "
                       f"{counts.get('questions', 0)} learner questions from "
                       f"{counts['files']} file(s) into {index} in {time.perf_counter() - started:.1f} s "
                       f"({built.manifest['dense_index']} vectors; {reused} embeddings reused).", soft_wrap=True)
    for note in skipped_files(built.manifest, corpus):
        terminal.out.print(note, soft_wrap=True)
    unknown = built.manifest.get("unknown_question_passages") or []
    if unknown:
        terminal.out.print(f"{corpus / QUESTIONS_FILE} names {len(unknown)} passage id(s) the corpus does not have; "
                           f"their questions are ignored: {', '.join(_with_nearest(unknown[:5], built.passages))}"
                           f"{' …' if len(unknown) > 5 else ''}", soft_wrap=True)
    return ExitStatus.OK


def _with_nearest(unknown: list[str], passages) -> list[str]:
    """Each unknown id with the existing id it most likely meant (a typo, a renamed section)."""
    import difflib

    ids = [p.id for p in passages]
    out = []
    for pid in unknown:
        near = difflib.get_close_matches(pid, ids, n=1, cutoff=0.8)
        out.append(f"{pid} (did you mean {near[0]}?)" if near else pid)
    return out
