"""The safety layer: no dosing or personal medical advice reaches the screen.

Two parts. `guard.classify` refuses questions before retrieval. `redact.redact` is the real
guarantee: every piece of source text passes through it on its way to any output.
"""

from tutor.core.safety.guard import Verdict, classify
from tutor.core.safety.redact import MARKER, find_dose_details, redact

__all__ = ["MARKER", "Verdict", "classify", "find_dose_details", "redact"]
