"""Run the ``ptcekit`` command: ``python -m ptcekit``."""

import sys

from ptcekit.cli import main

if __name__ == "__main__":
    sys.exit(main())
