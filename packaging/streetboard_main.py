"""Entry script of the PyInstaller bundle: the same ``desktop.cli:main`` as the ``streetboard`` console script."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
