"""An evaluation run on the terminal: the metrics table with thresholds and the failing cases.
Evidence strings are quoted from the source, so they pass through `redact` like everything else."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from tutor.core.evaluation.export import JSON_METRICS, threshold_checks
from tutor.core.evaluation.runner import status_said
from tutor.core.evaluation.suite import Suite, Threshold
from tutor.core.safety import redact


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def _threshold_text(t: Threshold | None, name: str) -> str:
    if name == "dose_leaks" and t is None:
        return "max 0"
    if t is None:
        return ""
    return f"{'≥' if t.kind == 'min' else '≤'} {t.value:g}"


def metrics_table(suite: Suite, summaries: dict[str, dict]) -> Table:
    """One column per retrieval mode (one for a plain run)."""
    modes = list(summaries)
    table = Table(title=f"Evaluation of {suite.path.name}")
    table.add_column("metric")
    for mode in modes:
        table.add_column(mode if len(modes) > 1 else "value", justify="right")
    table.add_column("threshold", justify="right")
    if len(modes) == 1:
        table.add_column("result")
    checks = {m: threshold_checks(suite, s) for m, s in summaries.items()}
    for name in JSON_METRICS:
        row = [name] + [_fmt(summaries[m].get(name)) for m in modes]
        row.append(_threshold_text(suite.thresholds.get(name), name))
        if len(modes) == 1:
            verdict = checks[modes[0]].get(name)
            row.append("" if verdict is None else ("pass" if verdict else "FAIL"))
        table.add_row(*row)
    return table


def failing_cases(results) -> Text:
    text = Text()
    for result in results:
        for r in result.records:
            if r["passed"]:
                continue
            known = f" (known failure: {result.case.known_failure})" if result.case.known_failure else ""
            text.append(f"✗ {r['case']}", style="bold red")
            text.append(f" turn {r['turn']}{known}\n" if len(result.records) > 1 else f"{known}\n")
            text.append(f"  question: {r['question']}\n")
            if r["resolved_question"] != r["question"]:
                text.append(f"  resolved: {r['resolved_question']}\n")
            if r["evidence"]:
                text.append(f"  expected evidence: {' | '.join(redact(e) for e in r['evidence'])}\n")
            text.append(f"  status: {status_said(r)} (expected {r['expected_status']})\n")
            text.append(f"  cited: {', '.join(r['cited']) or '—'}\n")
            text.append(f"  problems: {'; '.join(r['failures'])}\n")
    return text


def unjudged_turns(results) -> str:
    """A line naming the turns expected answered with no `evidence`, `passages` or `key`: nothing
    checks what their answers quote (status, glossary, grounding and leaks still are), which a
    suite's author may not mean."""
    names = [f"{r['case']}" + (f" turn {r['turn']}" if len(result.records) > 1 else "")
             for result in results for r in result.records
             if r["expected_status"] == "answered" and not r["judged"] and not r["key"]]
    if not names:
        return ""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"{len(names)} turn(s) expected answered name no evidence, so nothing checks what they quote: {shown}. "
            "Add `evidence` (or `key`) to check what the answer quotes.")
