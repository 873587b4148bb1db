"""Reading the tutor's own YAML data (the corpus's glossary, synonyms and learner questions, the
guard's examples) with libyaml's C parser when PyYAML has it: the pure-Python parser spent about
two of the three seconds an index build takes on these files. Both parsers resolve the same tags
the same way, and libyaml refuses nesting deeper than 1,000 levels with a YAMLError, so a hostile
file is still an error message, not a crash."""

from __future__ import annotations


def load(text: str):
    """The document in `text`, as yaml.safe_load would read it."""
    import yaml         # imported here: opening an index (every `tutor ask`) reads no YAML

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
