"""`python -m tutor` runs the same entry point as the `tutor` console script."""

import sys

from tutor.app.cli import main

sys.exit(main())
