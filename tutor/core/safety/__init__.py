"""The safety layer: no dosing or personal medical advice reaches the screen.

Two parts. `guard.Guard` classifies questions before retrieval (by meaning, with a few exact
rules). `redact.redact` is the guarantee: every piece of source text passes through it on its
way to any output.
"""

from tutor.core.safety.guard import Guard, Verdict
from tutor.core.safety.redact import MARKER, find_dose_details, redact

__all__ = ["MARKER", "Guard", "Verdict", "find_dose_details", "redact"]
