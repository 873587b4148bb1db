"""Evaluation suites: YAML (or the same case objects one per line as JSONL), validated with the
line of every problem, so a maintainer can fix a suite without guessing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from tutor.core.vocab import METRICS, Reason, Status, values

STATUSES = values(Status)
REASONS = values(Reason)
EXPECT_KEYS = {"status", "reason", "evidence", "passages", "glossary"}
CASE_KEYS = {"id", "question", "turns", "expect", "known_failure", "note"}


class SuiteError(Exception):
    """The suite cannot be run; `problems` are "file:line: message" sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Expect:
    status: str = Status.ANSWERED
    reason: str | None = None
    evidence: list[str] = field(default_factory=list)
    passages: list[str] = field(default_factory=list)
    glossary: list[str] = field(default_factory=list)


@dataclass
class Turn:
    question: str
    expect: Expect


@dataclass
class Case:
    id: str
    turns: list[Turn]
    line: int
    known_failure: str | None = None


@dataclass
class Threshold:
    value: float
    kind: str  # "min" or "max"

    def holds(self, actual: float | None) -> bool:
        if actual is None:
            return True
        return actual >= self.value if self.kind == "min" else actual <= self.value


@dataclass
class Suite:
    path: Path
    cases: list[Case]
    thresholds: dict[str, Threshold]


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping (as key "__line__")."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_suite(path: Path) -> Suite:
    """Read and validate a suite; raises SuiteError listing every problem with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SuiteError([f"{path}: no such file."]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SuiteError([f"{path}: cannot be read ({error})."]) from None
    if path.suffix.lower() == ".jsonl":
        raw_cases, thresholds, problems = _read_jsonl(path, text)
    else:
        raw_cases, thresholds, problems = _read_yaml(path, text)
    cases = []
    seen: set[str] = set()
    for raw in raw_cases:
        case = _case(path, raw, problems, seen)
        if case:
            cases.append(case)
    parsed_thresholds = _thresholds(path, thresholds, problems)
    if not cases and not problems:
        problems.append(f"{path}: the suite has no cases.")
    if problems:
        raise SuiteError(problems)
    return Suite(path, cases, parsed_thresholds)


def _read_yaml(path: Path, text: str):
    problems: list[str] = []
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        return [], {}, [f"{path}{line}: not valid YAML ({getattr(error, 'problem', error)})."]
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        return [], {}, [f"{path}:1: a suite is a mapping with a `cases:` list."]
    if data.get("version", 1) != 1:
        problems.append(f"{path}:{data.get('__line__', 1)}: unsupported suite version {data.get('version')!r} (use 1).")
    unknown = set(data) - {"version", "thresholds", "cases", "__line__", "name", "description"}
    if unknown:
        problems.append(f"{path}:1: unknown top-level key(s): {', '.join(sorted(unknown))}.")
    return data["cases"], data.get("thresholds") or {}, problems


def _read_jsonl(path: Path, text: str):
    cases, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{path}:{number}: not valid JSON ({error.msg}).")
            continue
        if isinstance(obj, dict):
            obj["__line__"] = number
            for turn in obj.get("turns") or []:
                if isinstance(turn, dict):
                    turn["__line__"] = number
        cases.append(obj)
    return cases, {}, problems


def _case(path: Path, raw, problems: list[str], seen: set[str]) -> Case | None:
    if not isinstance(raw, dict):
        problems.append(f"{path}: every case must be a mapping (found {type(raw).__name__}).")
        return None
    line = raw.get("__line__", 0)
    where = f"{path}:{line}"
    cid = raw.get("id")
    if not isinstance(cid, str) or not cid.strip():
        problems.append(f"{where}: the case needs an `id` (a non-empty string).")
        return None
    if cid in seen:
        problems.append(f"{where}: case id {cid!r} is used twice.")
    seen.add(cid)
    unknown = set(raw) - CASE_KEYS - {"__line__"}
    if unknown:
        problems.append(f"{where}: case {cid!r} has unknown key(s): {', '.join(sorted(unknown))}.")
    if ("question" in raw) == ("turns" in raw):
        problems.append(f"{where}: case {cid!r} needs either `question` or `turns` (exactly one).")
        return None
    specs = [raw] if "question" in raw else raw["turns"]
    if not isinstance(specs, list) or not specs:
        problems.append(f"{where}: case {cid!r}: `turns` must be a non-empty list.")
        return None
    turns = [t for t in (_turn(path, cid, spec, line, problems) for spec in specs) if t]
    return Case(cid, turns, line, raw.get("known_failure")) if len(turns) == len(specs) else None


def _turn(path: Path, cid: str, spec, line: int, problems: list[str]) -> Turn | None:
    if not isinstance(spec, dict):
        problems.append(f"{path}:{line}: case {cid!r}: every turn must be a mapping with a `question`.")
        return None
    where = f"{path}:{spec.get('__line__', line)}"
    question = spec.get("question")
    if not isinstance(question, str) or not question.strip():
        problems.append(f"{where}: case {cid!r}: `question` must be a non-empty string.")
        return None
    if "turns" not in spec and set(spec) - {"question", "expect", "__line__"} - CASE_KEYS:
        problems.append(f"{where}: case {cid!r}: a turn takes only `question` and `expect`.")
    raw = spec.get("expect") or {}
    if not isinstance(raw, dict):
        problems.append(f"{where}: case {cid!r}: `expect` must be a mapping.")
        return None
    where = f"{path}:{raw.get('__line__', spec.get('__line__', line))}"
    unknown = set(raw) - EXPECT_KEYS - {"__line__"}
    if unknown:
        problems.append(f"{where}: case {cid!r}: unknown expect key(s): {', '.join(sorted(unknown))} "
                        f"(allowed: {', '.join(sorted(EXPECT_KEYS))}).")
    expect = Expect(
        status=raw.get("status", Status.ANSWERED),
        reason=raw.get("reason"),
        evidence=_strings(raw.get("evidence"), "evidence", where, cid, problems),
        passages=_strings(raw.get("passages"), "passages", where, cid, problems),
        glossary=_strings(raw.get("glossary"), "glossary", where, cid, problems),
    )
    if expect.status not in STATUSES:
        problems.append(f"{where}: case {cid!r}: `status` must be one of {', '.join(STATUSES)} (got {expect.status!r}).")
    if expect.reason is not None and expect.reason not in REASONS:
        problems.append(f"{where}: case {cid!r}: `reason` must be one of {', '.join(REASONS)} (got {expect.reason!r}).")
    if expect.reason and expect.status != Status.REFUSED:
        problems.append(f"{where}: case {cid!r}: a `reason` only makes sense with status: refused.")
    return Turn(question.strip(), expect)


def _strings(value, name: str, where: str, cid: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return list(value)
    problems.append(f"{where}: case {cid!r}: `{name}` must be a string or a list of non-empty strings.")
    return []


def _thresholds(path: Path, raw, problems: list[str]) -> dict[str, Threshold]:
    if not isinstance(raw, dict):
        problems.append(f"{path}: `thresholds` must be a mapping of metric to value.")
        return {}
    line = raw.get("__line__", 1)
    out: dict[str, Threshold] = {}
    for name, value in raw.items():
        if name == "__line__":
            continue
        if name not in METRICS:
            problems.append(f"{path}:{line}: unknown metric {name!r} in thresholds (known: {', '.join(METRICS)}).")
            continue
        if isinstance(value, dict):
            bounds = {k: v for k, v in value.items() if k != "__line__"}
            if len(bounds) != 1 or next(iter(bounds)) not in ("min", "max") or \
                    not isinstance(next(iter(bounds.values())), (int, float)):
                problems.append(f"{path}:{line}: threshold {name!r} must be a number or {{min: n}} / {{max: n}}.")
                continue
            kind, number = next(iter(bounds.items()))
            out[name] = Threshold(float(number), kind)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = Threshold(float(value), "min")
        else:
            problems.append(f"{path}:{line}: threshold {name!r} must be a number or {{min: n}} / {{max: n}}.")
    return out
