"""`python -m tutor.core.safety.refresh`: embed the guard's examples after intents.yaml changes,
and refit the severity model after either intents.yaml or severity.yaml changes.

The vectors ship beside the examples (intent-vectors.npy/.json) so that answering never needs
the model to embed them; an index built afterwards refits the classifier on them. The severity
model depends on no corpus, so its weights ship fitted (severity-weights.npy/.json). A module of
its own so that running it does not import intents.py twice (once through the package).
`--severity` refits the severity model alone (severity.yaml changed, intents.yaml did not).
"""

import sys

from tutor.core.safety.intents import refresh_vectors
from tutor.core.safety.severity import refresh as refresh_severity

if __name__ == "__main__":
    if "--severity" not in sys.argv[1:]:
        refresh_vectors()
    refresh_severity()
