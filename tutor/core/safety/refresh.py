"""`python -m tutor.core.safety.refresh`: embed the guard's examples after intents.yaml changes,
and refit the severity model after either intents.yaml or severity.yaml changes.

The vectors ship beside the examples (intent-vectors.npy/.json) so that answering never needs
the model to embed them; an index built afterwards refits the classifier on them. The severity
model depends on no corpus, so its weights ship fitted (severity-weights.npy/.json), and so does
the redaction's dose reading (dose-weights.npy/.json, dose-vectors.npz). A module of its own so
that running it does not import intents.py twice (once through the package).
`--severity` refits the severity model alone (severity.yaml changed, intents.yaml did not);
`--doses` refits the dose reading alone (dose-examples/ changed).
"""

import sys

from tutor.core.safety.dose_reading import refresh as refresh_doses
from tutor.core.safety.intents import refresh_vectors
from tutor.core.safety.severity import refresh as refresh_severity

if __name__ == "__main__":
    wanted = set(sys.argv[1:])
    if not wanted & {"--severity", "--doses"}:
        refresh_vectors()
    if "--doses" not in wanted or "--severity" in wanted:
        refresh_severity()
    if "--severity" not in wanted or "--doses" in wanted:
        refresh_doses()
