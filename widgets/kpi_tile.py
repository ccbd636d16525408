"""A KPI tile: a title, one big figure, a note line; clickable.

Knows nothing of where the figure comes from: the page sets it with :meth:`KpiTile.set_value`.
Preview: ``python -m widgets.kpi_tile``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

TONES = ("normal", "good", "warn", "bad")


class KpiTile(QFrame):
    """One figure on a dashboard. ``tone`` colours the value: normal, good, warn or bad."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._title = QLabel(title, objectName="kpiTitle")
        self._value = QLabel("—", objectName="kpiValue")
        self._note = QLabel("", objectName="kpiNote")
        self._note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        layout.addWidget(self._title)
        layout.addWidget(self._value)
        layout.addWidget(self._note)
        layout.addStretch(1)
        self.set_tone("normal")

    def title(self) -> str:
        return self._title.text()

    def set_title(self, title: str) -> None:
        self._title.setText(title)

    def value_text(self) -> str:
        return self._value.text()

    def note_text(self) -> str:
        return self._note.text()

    def set_value(self, value: str, note: str = "", tone: str = "normal") -> None:
        self._value.setText(value)
        self._note.setText(note)
        self.set_tone(tone)

    def set_tone(self, tone: str) -> None:
        if tone not in TONES:
            raise ValueError(f"unknown tone {tone!r}")
        self._value.setProperty("tone", tone)
        self._value.style().unpolish(self._value)
        self._value.style().polish(self._value)

    def set_clickable(self, clickable: bool) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.setProperty("clickable", clickable)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.property("clickable"):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication, QHBoxLayout

    app = QApplication([])
    host = QWidget()
    row = QHBoxLayout(host)
    for title, value, note, tone in [
        ("Open cases", "1,234", "of which 56 overdue", "normal"),
        ("Overdue cases", "56", "4.5% of open cases", "bad"),
        ("On-time closure", "91.2%", "last 365 days", "good"),
    ]:
        tile = KpiTile(title)
        tile.set_value(value, note, tone)
        row.addWidget(tile)
    host.resize(720, 160)
    host.show()
    app.exec()
