"""Render the app icon (an SVG) to PNG or ICO files with Qt's own SVG renderer.

    python packaging/icon.py resources/icons/streetboard.svg OUT.png 256
    python packaging/icon.py resources/icons/streetboard.svg OUT.ico 256

Runs offscreen: no display, no rsvg-convert, no Pillow. Used by the PyInstaller spec (the Windows
.exe icon) and by tools/build_deb.py (the hicolor PNG sizes).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def render(svg: Path, out: Path, size: int) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keeps Qt's GUI up
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"icon: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    fmt = out.suffix.lstrip(".").upper()
    if not image.save(str(out), fmt):
        raise SystemExit(f"icon: cannot write {out} as {fmt}")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    render(Path(argv[0]), Path(argv[1]), int(argv[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
