"""Score the output redaction on handout sentences whose dose details and non-dose numbers were
marked by someone who had not seen its patterns (tutor/core/safety/dose-examples/, eval/sealed/redaction*.yaml).

Each item is a sentence with `hide` (the dose details in it) and `keep` (numbers that are not
doses: ages, prevalence, how long an illness lasts, phone numbers). A hide string is *shown* when
any of its numbers or schedule words reaches the screen, a keep string is *lost* when any of its
numbers does not. Which characters reach the screen is read by aligning `redact`'s output with its
input, so a partly hidden dose ("up to [..] in 24 hours") counts as shown. With --sealed only the
totals are printed, never a sentence, so a held-out file stays unread.

    python benchmarks/redaction_check.py tutor/core/safety/dose-examples/handouts-3.yaml
    python benchmarks/redaction_check.py eval/sealed/redaction.yaml --sealed
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# What carries a dose detail within a marked string: a number, a fraction or a word of a schedule.
# A string with none of these ("at night", "with food") is judged by all its words.
_CARRIERS = re.compile(
    r"\d+(?:[.,/⁄]\d+)*|[½¼¾⅓⅔⅛]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|half|quarter|third|once|twice|thrice|daily|weekly|monthly|nightly|hourly|tds|tid|bd|bid|qds|qid|od"
    r"|prn|nocte|mane|every|each|single|double|second|third|fourth|1st|2nd|3rd|4th)\b", re.I)


def surviving(original: str, shown: str) -> list[bool]:
    """For each character of `original`, whether it reached the screen in `shown` (aligned)."""
    from tutor.core.safety import MARKER

    alive = [False] * len(original)
    # the marker as one character no text has: its own letters must not be aligned with a hidden word's
    matcher = difflib.SequenceMatcher(None, original, shown.replace(MARKER, "\x00"), autojunk=False)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            alive[i] = True
    return alive


def _pieces(text: str, marked: str) -> list[tuple[int, int]]:
    """The character spans of `marked` inside `text` that carry its numbers (or all its words); none when it is
    not there exactly once (a string found twice could be judged at the wrong place)."""
    if text.count(marked) != 1:
        return []
    at = text.find(marked)
    found = [(at + m.start(), at + m.end()) for m in _CARRIERS.finditer(marked)]
    return found or [(at + m.start(), at + m.end()) for m in re.finditer(r"\w+", marked)]


def score(items: list[dict], as_passages: bool = False) -> dict:
    """With `as_passages`, each item is redacted as a passage of its own (redact's `within`), as answers are."""
    from tutor.core.safety import redact
    from tutor.core.safety.redact import _searchable

    out = {"items": 0, "hide": 0, "shown": 0, "keep": 0, "lost": 0, "sentences_leaking": 0,
           "sentences_over_redacted": 0, "unmatched": 0, "misses": []}
    for n, item in enumerate(items, 1):
        text = _searchable(str(item["text"]))
        shown = redact(str(item["text"]), str(item["text"]) if as_passages else None)
        alive = surviving(text, shown)
        out["items"] += 1
        leaking = over = False
        for kind, wanted_alive in (("hide", False), ("keep", True)):
            for marked in item.get(kind) or []:
                pieces = _pieces(text, _searchable(str(marked)))
                if not pieces:
                    out["unmatched"] += 1
                    continue
                out[kind] += 1
                ok = all(alive[i] is wanted_alive for a, b in pieces for i in range(a, b) if text[i].isalnum())
                if not ok:
                    out["shown" if kind == "hide" else "lost"] += 1
                    leaking |= kind == "hide"
                    over |= kind == "keep"
                    out["misses"].append((n, kind, str(marked), shown))
        out["sentences_leaking"] += leaking
        out["sentences_over_redacted"] += over
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--sealed", action="store_true", help="print totals only, never a sentence")
    parser.add_argument("--json", type=Path, help="also write the totals as JSON")
    parser.add_argument("--sentences", action="store_true",
                        help="redact each item as a sentence from an unknown passage, not as a passage of its own")
    args = parser.parse_args()
    items = yaml.safe_load(args.file.read_text(encoding="utf-8"))["items"]
    result = score(items, as_passages=not args.sentences)
    print(f"{args.file}: {result['items']} sentences")
    print(f"  dose details shown:   {result['shown']} of {result['hide']}  "
          f"({result['sentences_leaking']} sentences show one)")
    print(f"  non-dose numbers lost: {result['lost']} of {result['keep']}  "
          f"({result['sentences_over_redacted']} sentences lose one)")
    if result["unmatched"]:
        print(f"  marked strings not found exactly once in their sentence (not scored): {result['unmatched']}")
    if not args.sealed:
        for n, kind, marked, shown in result["misses"]:
            print(f"  #{n} {'SHOWN' if kind == 'hide' else 'LOST '} {marked!r}: {shown}")
    if args.json:
        totals = {k: v for k, v in result.items() if k != "misses"}
        args.json.write_text(json.dumps(totals, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
