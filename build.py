"""Build the site: ``python build.py [build|check|serve] [options]``."""

import sys

from actionplan.cli import main

if __name__ == "__main__":
    sys.exit(main())
