"""One fresh process's redaction of every blind writer's example sentence (tutor/core/safety/dose-examples/),
timed: the first sentence the dose reading is asked of pays for loading it. Run by benchmarks/run.py redaction,
which compares it with the patterns alone (--patterns-only) in the same run.

    python benchmarks/redaction_speed.py [--patterns-only]      # prints JSON
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    started = time.perf_counter()
    from tutor.core import yaml_data
    from tutor.core.safety import dose_reading, redact

    if "--patterns-only" in sys.argv[1:]:
        dose_reading._reader = lambda: None        # as if the model's files could not be read
    texts = [str(item["text"]) for path in dose_reading.example_files()
             for item in yaml_data.load(path.read_text(encoding="utf-8"))["items"]]
    imported = time.perf_counter()
    slowest = 0.0
    for text in texts:
        at = time.perf_counter()
        redact(text)
        slowest = max(slowest, time.perf_counter() - at)
    done = time.perf_counter()
    print(json.dumps({"sentences": len(texts), "import_s": imported - started, "all_s": done - imported,
                      "per_sentence_ms": (done - imported) / len(texts) * 1000, "slowest_ms": slowest * 1000}))


if __name__ == "__main__":
    main()
