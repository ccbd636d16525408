"""Writing files safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def normal_mode() -> int:
    """The mode a plainly created file gets (0666 less the umask: 0644 under umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def save_atomically(out: Path, write: Callable[[str], object]) -> None:
    """Write to a temporary file beside ``out`` and move it into place: never a half file. The file
    gets the user's normal permissions (the temporary file is private until then), so colleagues on a
    shared folder can open it as they can any other file the user saves."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=folder)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(out)) from error
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, normal_mode())
        os.replace(tmp, out)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(out)) from error
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
