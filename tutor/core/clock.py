"""The current time, in one place so tests and demos can fix it (TUTOR_NOW=2026-01-31T09:00:00Z)."""

from __future__ import annotations

import os
from datetime import datetime, timezone


def now() -> datetime:
    fixed = os.environ.get("TUTOR_NOW")
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed.strip().replace("Z", "+00:00"))
        except ValueError:
            from tutor.core.errors import UsageError

            raise UsageError(f"TUTOR_NOW is {fixed!r}; give a date and time such as 2026-01-31T09:00:00Z "
                             "(or unset it).") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc)
