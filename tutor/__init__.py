"""tutor: a terminal tutor that answers from one health-education text, by quoting it."""

__version__ = "0.1.0"
