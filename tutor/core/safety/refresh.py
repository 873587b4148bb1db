"""`python -m tutor.core.safety.refresh`: embed the guard's examples after intents.yaml changes.

The vectors ship beside the examples (intent-vectors.npy/.json) so that answering never needs
the model to embed them; an index built afterwards refits the classifier on them. A module of
its own so that running it does not import intents.py twice (once through the package).
"""

from tutor.core.safety.intents import refresh_vectors

if __name__ == "__main__":
    refresh_vectors()
