"""`python -m tutor` runs the same entry point as the `tutor` console script."""

import sys

try:
    from tutor.app.cli import main
except KeyboardInterrupt:       # Ctrl-C before the program has even loaded: no traceback
    sys.exit(130)

sys.exit(main())
