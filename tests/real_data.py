"""Where the real public exports live: ``shared/data/real`` beside the repository, or
``STREETBOARD_REAL_DATA``. Tests that need them skip when they are absent."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = Path(os.environ.get("STREETBOARD_REAL_DATA") or ROOT.parent / "shared" / "data" / "real")
