"""`tutor eval SUITE`: run a scripted Q&A suite and report; exit 0 only when every threshold
holds and every case passes (cases marked known_failure are reported but do not fail the run)."""

from __future__ import annotations

from pathlib import Path

from tutor.app.status import ExitStatus


def run(args, terminal) -> int:
    from tutor.app.commands.common import open_tutor
    from tutor.app.render import report
    from tutor.core.evaluation import export, metrics
    from tutor.core.evaluation.runner import check_evidence, run_suite
    from tutor.core.evaluation.suite import SuiteError, load_suite
    from tutor.core.search.rank import MODES, Retriever

    modes = [m.strip() for m in args.compare.split(",")] if args.compare else [args.mode]
    bad = [m for m in modes if m not in MODES]
    if bad:
        terminal.error(f"unknown retrieval mode(s) {', '.join(bad)}; use {', '.join(MODES)}.")
        return ExitStatus.USAGE
    reports = [(option, value) for option, value in (("--json", args.json_path), ("--junit", args.junit),
                                                       ("--trec", args.trec)) if value]
    unwritable = _clashes(Path(args.suite), reports) + [
        problem for option, value in reports for problem in [export.output_problem(Path(value), option)] if problem]
    if unwritable:                       # before the run, so a long suite is not wasted
        for problem in unwritable:
            terminal.error(problem)
        return ExitStatus.USAGE
    try:
        suite = load_suite(Path(args.suite))
        tutor = open_tutor(args, terminal, mode=modes[0])
        check_evidence(suite, tutor.index.passages, tutor.glossary)
    except SuiteError as error:
        for problem in error.problems:
            terminal.error(problem)
        if len(error.problems) > 1:         # one problem is said in full above
            terminal.err.print(f"{args.suite}: {len(error.problems)} problems; nothing was run.", soft_wrap=True)
        return ExitStatus.USAGE
    runs = {}
    for mode in modes:
        if tutor.retriever.mode != mode:
            tutor.retriever = Retriever(tutor.index, tutor.retriever.encoder, mode)
        results = run_suite(suite, tutor, tutor.index.passages)
        runs[mode] = (results, metrics.summarise([r for res in results for r in res.records]))
    primary_results, primary = runs[modes[0]]
    terminal.out.print(report.metrics_table(suite, {m: s for m, (_, s) in runs.items()}))
    if len(modes) > 1:      # the table shows every mode; what follows is the first one's (a tester read it as hybrid's)
        terminal.out.print(f"Failing cases, thresholds and the verdict below are for {modes[0]}, the first mode listed.",
                           soft_wrap=True)
    failing = report.failing_cases(primary_results)
    if failing.plain:
        terminal.out.print(failing, soft_wrap=terminal.soft_wrap)     # one line per field into a pipe (grep, tail)
    _write_files(args, suite, primary_results, primary, tutor.index.passages, terminal)
    checks = export.threshold_checks(suite, primary)
    failed_thresholds = [name for name, ok in checks.items() if not ok]
    passed = sum(r.passed for r in primary_results)
    known = sum(not r.passed and bool(r.case.known_failure) for r in primary_results)
    failed = len(primary_results) - passed - known
    if failed_thresholds:
        terminal.out.print(f"Thresholds not met: {', '.join(failed_thresholds)}")
    fixed = [r.case.id for r in primary_results if r.passed and r.case.known_failure]
    if fixed:           # the mark is stale: the case now passes and would not be noticed if it broke again
        terminal.out.print(f"Marked known_failure but passed: {', '.join(fixed)} (remove the mark).", soft_wrap=True)
    unjudged = report.unjudged_turns(primary_results)
    if unjudged:        # a case without `expect` passes when answered at all (a teacher's suite, all green)
        terminal.out.print(unjudged, soft_wrap=True)
    tail = f", {known} known failure(s)" if known else ""
    terminal.out.print(f"{passed} passed, {failed} failed{tail}")
    return ExitStatus.OK if not failed and not failed_thresholds else ExitStatus.ERROR


def _clashes(suite: Path, reports: list[tuple[str, str]]) -> list[str]:
    """Report paths that would overwrite the suite or each other (--trec also writes PATH.qrels)."""
    def same(a: Path, b: Path) -> bool:
        return a.resolve() == b.resolve()

    problems, taken = [], [("the suite", suite)]
    for option, value in reports:
        if value == "-":
            example = {"--json": "report.json", "--junit": "report.xml", "--trec": "run.trec"}[option]
            problems.append(f"{option} -: reports are written to files (standard output carries the table); "
                            f"give a file name, e.g. {option} {example}.")
            continue
        paths = [Path(value)] + ([Path(value + ".qrels")] if option == "--trec" else [])
        for path in paths:
            clash = next((name for name, other in taken if same(path, other)), None)
            if clash:
                problems.append(f"{option} {value}: that is also {clash}; choose another file.")
                break
        taken += [(option, path) for path in paths]
    return problems


def _write_files(args, suite, results, summary, passages, terminal) -> None:
    from tutor.core.evaluation import export

    if args.json_path:
        export.write_json(Path(args.json_path), summary, results)
        terminal.note(f"Wrote the JSON report to {args.json_path}.")
    if args.junit:
        export.write_junit(Path(args.junit), suite, results)
        terminal.note(f"Wrote the JUnit report to {args.junit}.")
    if args.trec:
        qrels = export.write_trec(Path(args.trec), results, passages)
        terminal.note(f"Wrote the TREC run to {args.trec} and its qrels to {qrels}.")
