"""Evaluation suites: YAML (or the same case objects one per line as JSONL), validated by typed
models (pydantic) with the file line of every problem, so a maintainer can fix a suite without
guessing.

The YAML loader records each mapping's line; validation errors are turned into one sentence each,
"suite.yaml:12: case 'q-lh': `status` must be one of answered, refused, not_covered (got 'answerd')."
"""

from __future__ import annotations

import difflib

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tutor.core.text import clean_input
from tutor.core.vocab import METRICS, Reason, Status, values

STATUSES = values(Status)
REASONS = values(Reason)
MAX_SUITE_BYTES = 20_000_000          # a suite is text written by people; more is a mistake
LINE = "__line__"


class SuiteError(Exception):
    """The suite cannot be run; `problems` are "file:line: message" sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _listify(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Expect(BaseModel):
    """What a turn should produce. Strings may be given alone or as a list."""

    model_config = ConfigDict(extra="forbid")

    status: Status = Status.ANSWERED
    reason: Reason | None = None
    evidence: list[str] = Field(default_factory=list)   # verbatim text a relevant passage contains
    passages: list[str] = Field(default_factory=list)   # relevant passage ids
    glossary: list[str] = Field(default_factory=list)   # terms that must be shown
    key: list[str] = Field(default_factory=list)        # sentences a complete answer must quote
    support: list[str] = Field(default_factory=list)    # other sentences an answer may quote

    @field_validator("evidence", "passages", "glossary", "key", "support", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        value = _listify(value)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError("must be a string or a list of non-empty strings")
        return value

    @model_validator(mode="after")
    def _reason_needs_refusal(self) -> "Expect":
        if self.reason and self.status != Status.REFUSED:
            raise ValueError("a `reason` only makes sense with status: refused")
        return self


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str
    expect: Expect = Field(default_factory=Expect)

    @field_validator("question")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not clean_input(value):
            raise ValueError("must be a non-empty string with visible characters")
        return value.strip()

    @field_validator("expect", mode="before")
    @classmethod
    def _expect_default(cls, value: Any) -> Any:
        return {} if value is None else value


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    turns: list[Turn]
    line: int = 0
    known_failure: str | None = None
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _printable_id(cls, value: str) -> str:
        """Ids name JUnit test cases and TREC query ids (whitespace-separated columns), so they
        are visible characters only: no spaces, control, format (zero-width) or unassigned ones."""
        if not value.strip() or clean_input(value) != value or not value.isprintable() \
                or any(c.isspace() for c in value):
            raise ValueError("must be a non-empty string without spaces, control or invisible characters")
        return value


class Threshold(BaseModel):
    value: float
    kind: Literal["min", "max"]

    def holds(self, actual: float | None) -> bool:
        if actual is None:
            return True
        return actual >= self.value if self.kind == "min" else actual <= self.value


@dataclass
class Suite:
    path: Path
    cases: list[Case]
    thresholds: dict[str, Threshold]


# -- reading ------------------------------------------------------------------------------------

class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping (as key "__line__")."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_suite(path: Path) -> Suite:
    """Read and validate a suite; raises SuiteError listing every problem with its line."""
    text = _read(path)
    if path.suffix.lower() == ".jsonl":
        raw_cases, thresholds, problems = _read_jsonl(path, text)
    else:
        raw_cases, thresholds, problems = _read_yaml(path, text)
    cases: list[Case] = []
    seen: set[str] = set()
    for raw in raw_cases:
        case = _case(path, raw, problems, seen)
        if case:
            cases.append(case)
    parsed = _thresholds(path, thresholds, problems)
    if not cases and not problems:
        problems.append(f"{path}: the suite has no cases.")
    if problems:
        raise SuiteError(problems)
    return Suite(path, cases, parsed)


def _read(path: Path) -> str:
    try:
        if path.is_dir():
            raise SuiteError([f"{path}: is a folder, not a suite file."])
        with path.open("rb") as handle:
            data = handle.read(MAX_SUITE_BYTES + 1)
    except FileNotFoundError:
        raise SuiteError([f"{path}: no such file."]) from None
    except OSError as error:
        raise SuiteError([f"{path}: cannot be read ({error.strerror or error})."]) from None
    if len(data) > MAX_SUITE_BYTES:
        raise SuiteError([f"{path}: is larger than {MAX_SUITE_BYTES // 1_000_000} MB; a suite is a text file "
                          "of cases."])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SuiteError([f"{path}: is not UTF-8 text."]) from None


def _read_yaml(path: Path, text: str):
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        return [], {}, [f"{path}{line}: not valid YAML ({getattr(error, 'problem', error)})."]
    except RecursionError:
        return [], {}, [f"{path}: nested too deeply to be a suite."]
    except ValueError:            # Python refuses to convert integers of more than 4,300 digits
        return [], {}, [f"{path}: holds a number too large to read; a suite's values are short text."]
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        return [], {}, [f"{path}:1: a suite is a mapping with a `cases:` list."]
    problems: list[str] = []
    if data.get("version", 1) != 1:
        problems.append(f"{path}:{data.get(LINE, 1)}: unsupported suite version {data.get('version')!r} (use 1).")
    unknown = set(data) - {"version", "thresholds", "cases", LINE, "name", "description"}
    if unknown:
        problems.append(f"{path}:1: unknown top-level key(s): {', '.join(sorted(map(str, unknown)))}.")
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
        except (RecursionError, ValueError):
            problems.append(f"{path}:{number}: not a usable JSON object (nested too deeply or a huge number).")
            continue
        if isinstance(obj, dict):
            _stamp(obj, number)
        cases.append(obj)
    return cases, {}, problems


def _stamp(obj, line: int) -> None:
    """Every mapping inside a JSONL line gets that line."""
    if isinstance(obj, dict):
        obj[LINE] = line
        for value in obj.values():
            _stamp(value, line)
    elif isinstance(obj, list):
        for value in obj:
            _stamp(value, line)


# -- validating --------------------------------------------------------------------------------

def _case(path: Path, raw, problems: list[str], seen: set[str]) -> Case | None:
    if not isinstance(raw, dict):
        problems.append(f"{path}: every case must be a mapping (found {type(raw).__name__}).")
        return None
    line = raw.get(LINE, 0)
    cid = raw.get("id")
    if not isinstance(cid, str) or not cid.strip():
        problems.append(f"{path}:{line}: the case needs an `id` (a non-empty string).")
        return None
    if cid in seen:
        problems.append(f"{path}:{line}: case id {cid!r} is used twice.")
    seen.add(cid)
    if ("question" in raw) == ("turns" in raw):
        # "questoin:" was told only that the case needs a question (a tester's): name the key meant
        typed = [k for k in raw if isinstance(k, str) and k not in (LINE, "id", "expect", "question", "turns")]
        meant = next(((k, close[0]) for k in typed if (close := difflib.get_close_matches(k, ["question", "turns"], n=1))),
                     None)
        hint = f" (did you mean `{meant[1]}` for `{meant[0]}`?)" if meant else ""
        problems.append(f"{path}:{line}: case {cid!r} needs either `question` or `turns` (exactly one){hint}.")
        return None
    data = {k: v for k, v in raw.items() if k not in (LINE, "question", "expect")}
    if "question" in raw:
        data["turns"] = [{"question": raw["question"], "expect": raw.get("expect"), LINE: line}]
    elif not isinstance(raw["turns"], list) or not raw["turns"]:
        problems.append(f"{path}:{line}: case {cid!r}: `turns` must be a non-empty list.")
        return None
    elif "expect" in raw:
        problems.append(f"{path}:{line}: case {cid!r}: with `turns`, each turn has its own `expect`.")
        return None
    data["line"] = line
    if _has_surrogate(raw):
        problems.append(f"{path}:{line}: case {cid!r} holds text that is not valid Unicode (an unpaired "
                        "surrogate escape such as \\ud800).")
        return None
    try:
        return Case.model_validate(_without_lines(data))
    except ValidationError as error:
        problems += [_sentence(path, cid, line, data, e) for e in error.errors()]
        return None
    except RecursionError:
        problems.append(f"{path}:{line}: case {cid!r} is nested too deeply.")
        return None


def _has_surrogate(value) -> bool:
    """JSON and YAML escapes can spell lone surrogates, which no file or tokenizer accepts."""
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _without_lines(value):
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value


def _line_at(data: dict, loc: tuple, fallback: int) -> int:
    """The line of the deepest mapping on the error's path."""
    line, node = fallback, data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and LINE in node:
            line = node[LINE]
    return line


def _sentence(path: Path, cid: str, line: int, data: dict, error: dict) -> str:
    """One pydantic error as a sentence a suite author can act on."""
    loc = tuple(error["loc"])
    where = f"{path}:{_line_at(data, loc, line)}: case {cid!r}"
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    kind, given = error["type"], error.get("input")
    if kind == "extra_forbidden":
        parent = "expect" if "expect" in loc[:-1] else "turn" if "turns" in loc[:-1] else "case"
        allowed = [k for k in {"expect": Expect, "turn": Turn, "case": Case}[parent].model_fields if k != "line"]
        if parent == "case":            # a one-question case is written with these two, then made a turn
            allowed[1:1] = ["question", "expect"]
        close = difflib.get_close_matches(field, allowed, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        return f"{where}: unknown {parent} key(s): {field} ({hint}allowed: {', '.join(allowed)})."
    if kind == "enum":
        options = STATUSES if field == "status" else REASONS
        return f"{where}: `{field}` must be one of {', '.join(options)} (got {given!r})."
    if kind == "missing":
        return f"{where}: `{field}` is missing."
    message = error["msg"].removeprefix("Value error, ")
    if kind == "value_error" and field in ("", "expect"):
        return f"{where}: {message}."
    return f"{where}: `{field or 'value'}` {message}."


def _thresholds(path: Path, raw, problems: list[str]) -> dict[str, Threshold]:
    if not isinstance(raw, dict):
        problems.append(f"{path}: `thresholds` must be a mapping of metric to value.")
        return {}
    line = raw.get(LINE, 1)
    out: dict[str, Threshold] = {}
    for name, value in raw.items():
        if name == LINE:
            continue
        if name not in METRICS:
            problems.append(f"{path}:{line}: unknown metric {name!r} in thresholds (known: {', '.join(METRICS)}).")
            continue
        bounds = {k: v for k, v in value.items() if k != LINE} if isinstance(value, dict) else {"min": value}
        kind, number = next(iter(bounds.items())) if len(bounds) == 1 else (None, None)
        if kind not in ("min", "max") or isinstance(number, bool) or not isinstance(number, (int, float)):
            problems.append(f"{path}:{line}: threshold {name!r} must be a number or {{min: n}} / {{max: n}}.")
            continue
        if name not in _UNBOUNDED and not 0 <= number <= 1:
            problems.append(f"{path}:{line}: threshold {name!r} is a share between 0 and 1, not {number}.")
            continue
        if number < 0:
            problems.append(f"{path}:{line}: threshold {name!r} cannot be negative.")
            continue
        if name == "dose_leaks" and (kind, number) != ("max", 0):
            problems.append(f"{path}:{line}: threshold 'dose_leaks' can only be {{max: 0}}: any dose leak fails a "
                            "suite, whatever it says (leave the threshold out).")
            continue
        out[name] = Threshold(value=float(number), kind=kind)
    return out


# Metrics that count or measure rather than share: every other one lies between 0 and 1.
_UNBOUNDED = ("dose_leaks", "latency_p50_ms", "latency_p95_ms", "answer_chars")
