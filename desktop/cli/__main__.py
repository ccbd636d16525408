"""``python -m desktop.cli``: the same as the ``streetboard`` command."""

import os
import sys

from desktop.cli import main

os.environ.setdefault("PYTHONUTF8", "1")
sys.exit(main())
