"""Files of an evaluation run: JSON, JUnit XML and TREC run/qrels, and the threshold verdicts.
Answers are redacted by the tutor; evidence strings quoted from the source are redacted here, so
a report never shows a dose either. The terminal table lives in tutor/app/render/report.py."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from tutor.core.evaluation.suite import Suite
from tutor.core.safety import redact
from tutor.core.vocab import METRICS, Status

JSON_METRICS = METRICS
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")   # outside XML 1.0
_NOT_TREC = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


def output_problem(path: Path, option: str) -> str | None:
    """Why a report could not be written to `path` (checked before a run, not after it), or None."""
    folder = path.parent
    if path.is_dir():
        return f"{option} {path}: is a folder; give a file name."
    if not folder.is_dir():
        return f"{option} {path}: the folder {folder} does not exist; create it first."
    if not os.access(folder, os.W_OK | os.X_OK) or path.exists() and not os.access(path, os.W_OK):
        return f"{option} {path}: cannot be written (permission denied)."
    try:                # a real try: permissions say yes for root, and /proc or a read-only mount still refuse
        existed = path.exists()
        with open(path, "a" if existed else "x", encoding="utf-8"):
            pass
        if not existed:
            path.unlink()
    except OSError as error:
        return f"{option} {path}: cannot be written ({(error.strerror or str(error)).lower()})."
    return None


def _xml(text: str) -> str:
    """Text an XML 1.0 file can hold (control characters and the like removed)."""
    return _NOT_XML.sub("", text)


def _token(text: str) -> str:
    """A TREC column: no whitespace or control characters inside."""
    return _NOT_TREC.sub("_", text) or "_"


def threshold_checks(suite: Suite, summary: dict) -> dict[str, bool]:
    """Each threshold's verdict; dose leaks must be zero whatever the suite says."""
    checks = {name: t.holds(summary.get(name)) for name, t in suite.thresholds.items()}
    checks["dose_leaks"] = summary["dose_leaks"] == 0 and checks.get("dose_leaks", True)
    return checks


def write_json(path: Path, summary: dict, results) -> None:
    data = {"metrics": {k: summary.get(k) for k in JSON_METRICS},
            "counts": {"turns": summary["turns"], "retrieval_turns": summary["retrieval_turns"],
                       "cases": len(results), "passed": sum(r.passed for r in results)},
            "cases": [dict(r, evidence=[redact(e) for e in r["evidence"]], known_failure=res.case.known_failure)
                      for res in results for r in res.records]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def write_junit(path: Path, suite: Suite, results) -> None:
    failures = sum(not r.passed and not r.case.known_failure for r in results)
    skipped = sum(not r.passed and bool(r.case.known_failure) for r in results)
    root = ET.Element("testsuite", name=_xml(suite.path.stem), tests=str(len(results)), failures=str(failures),
                      skipped=str(skipped), errors="0")
    for result in results:
        case = ET.SubElement(root, "testcase", classname=_xml(suite.path.stem), name=_xml(result.case.id),
                             time=f"{sum(r['latency_ms'] for r in result.records) / 1000:.4f}")
        if result.passed:
            continue
        message = _xml("; ".join(f"turn {r['turn']}: {', '.join(r['failures'])}"
                                 for r in result.records if not r["passed"]))
        if result.case.known_failure:
            ET.SubElement(case, "skipped", message=_xml(f"known failure: {result.case.known_failure}"))
        else:
            ET.SubElement(case, "failure", message=message).text = message
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def write_trec(path: Path, results, passages, run_name: str = "tutor") -> Path:
    """A TREC run (cited passages in rank order) and its qrels beside it (PATH.qrels)."""
    from tutor.core.evaluation.metrics import is_relevant

    run_lines, qrels = [], []
    for result in results:
        for r in result.records:
            if r["expected_status"] != Status.ANSWERED or not r["judged"]:
                continue
            qid = _token(f"{r['case']}#{r['turn']}")
            for rank, (pid, score) in enumerate(zip(r["cited"], r["scores"]), 1):
                run_lines.append(f"{qid} Q0 {_token(pid)} {rank} {score:.4f} {_token(run_name)}")
            for p in passages:
                if is_relevant(p, r["evidence"], r["expected_passages"]):
                    qrels.append(f"{qid} 0 {_token(p.id)} 1")
    path.write_text("\n".join(run_lines) + "\n", encoding="utf-8")
    qrels_path = path.with_name(path.name + ".qrels")
    qrels_path.write_text("\n".join(qrels) + "\n", encoding="utf-8")
    return qrels_path
