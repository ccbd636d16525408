"""「保存为图片」: a view saved as PNG under a band naming the page, its filters and the date, so a
picture passed around on its own still says what it shows and when."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from db.core import clock
from db.core.files import save_atomically
from desktop.core.formatting import format_date


def filters_text(*bars: QWidget) -> str:
    """What the filter controls in ``bars`` are set to (each choice's text, each ticked box, any typed
    search), in order."""
    parts: list[str] = []
    for bar in bars:
        for control in [bar, *bar.findChildren(QWidget)]:
            if isinstance(control, QComboBox) and control.currentText():
                parts.append(control.currentText())
            elif isinstance(control, QCheckBox) and control.isChecked():
                parts.append(control.text())
            elif isinstance(control, QLineEdit) and control.text().strip() and not isinstance(control.parent(), QComboBox):
                parts.append(control.text().strip())
    return "；".join(dict.fromkeys(parts))


def titled_image(view: QWidget, title: str, filters: str) -> QImage:
    """The view under a band: the page's title, its filters, and the date."""
    shot = view.grab().toImage()
    ratio = shot.devicePixelRatio()
    band = round(56 * ratio)
    image = QImage(shot.width(), shot.height() + band, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        width = shot.width() / ratio
        head = QFont(view.font())
        head.setPointSizeF(max(12.0, view.font().pointSizeF() * 1.3))
        head.setBold(True)
        painter.setFont(head)
        painter.setPen(QColor("#1F2937"))
        painter.drawText(QRect(12, 4, round(width) - 24, 26), Qt.AlignmentFlag.AlignVCenter, title)
        day = QCoreApplication.translate("ImageExport", "As of {0}").format(format_date(clock.today()))
        painter.drawText(QRect(12, 4, round(width) - 24, 26), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, day)
        painter.setFont(view.font())
        painter.setPen(QColor("#4B5563"))
        shown = filters or QCoreApplication.translate("ImageExport", "No filter")
        painter.drawText(QRect(12, 30, round(width) - 24, 22), Qt.AlignmentFlag.AlignVCenter,
                         QCoreApplication.translate("ImageExport", "Filters: {0}").format(shown))
        painter.drawImage(0, 56, shot)
    finally:
        painter.end()
    return image


def save_titled_png(view: QWidget, path: Path, title: str, filters: str) -> bool:
    """Write the titled picture, atomically with the user's normal permissions; False if it cannot."""
    image = titled_image(view, title, filters)

    def write(tmp: str) -> None:
        if not image.save(tmp, "PNG"):
            raise OSError(f"cannot write {path}")

    try:
        save_atomically(Path(path), write)
    except OSError:
        return False
    return True
