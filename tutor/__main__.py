"""`python -m tutor` runs the same entry point as the `tutor` console script."""

import sys

from tutor.cli import main

sys.exit(main())
