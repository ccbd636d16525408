"""Writing files safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def save_atomically(out: Path, write: Callable[[str], object]) -> None:
    """Write to a temporary file beside ``out`` and move it into place: never a half file."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=folder)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(out)) from error
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, out)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(out)) from error
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
