"""Exit codes, in one place so every command and test agrees on them."""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    CTRL_C = 130
