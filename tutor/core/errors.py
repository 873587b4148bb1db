"""The one exception users see: its message says what happened and what to do."""


class TutorError(Exception):
    """A problem the user can fix; printed as one sentence, never as a traceback."""

    exit_code = 1


class UsageError(TutorError):
    """The command line or the input was not usable as given."""

    exit_code = 2
