"""Run the tutor from a checkout: `python cli.py ...` is the same as `tutor ...`."""

import sys

from tutor.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
