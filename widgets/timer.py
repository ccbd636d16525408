"""A meeting-item timer: elapsed time against the planned minutes; turns to the "bad" tone when over.

DB-free. ``start(elapsed_s)`` resumes from an offset (the item started earlier), ``stop()`` freezes it.
Preview: ``python -m widgets.timer``.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget


def format_clock(seconds: int) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class ItemTimer(QLabel):
    """Shows ``mm:ss / planned mm:00``; the ``tone`` property is ``over`` once past the plan."""

    overrun = Signal()  # emitted once when the planned time is passed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("itemTimer")
        self._planned_s = 0
        self._offset_s = 0
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update)
        self._warned = False
        self._update()

    def set_planned(self, minutes: int) -> None:
        self._planned_s = max(0, int(minutes)) * 60
        self._warned = False
        self._update()

    def start(self, elapsed_s: int = 0) -> None:
        self._offset_s = max(0, int(elapsed_s))
        self._clock.start()
        self._tick.start()
        self._warned = self.elapsed() > self._planned_s > 0
        self._update()

    def stop(self) -> None:
        self._offset_s = self.elapsed()
        self._tick.stop()
        self._clock.invalidate()
        self._update()

    def running(self) -> bool:
        return self._tick.isActive()

    def elapsed(self) -> int:
        extra = self._clock.elapsed() // 1000 if self._clock.isValid() else 0
        return self._offset_s + int(extra)

    def is_over(self) -> bool:
        return self._planned_s > 0 and self.elapsed() > self._planned_s

    def _update(self) -> None:
        self.setText(f"{format_clock(self.elapsed())} / {format_clock(self._planned_s)}")
        over = self.is_over()
        if self.property("tone") != ("over" if over else "normal"):
            self.setProperty("tone", "over" if over else "normal")
            self.style().unpolish(self)
            self.style().polish(self)
        if over and not self._warned:
            self._warned = True
            self.overrun.emit()


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    timer = ItemTimer()
    timer.set_planned(1)
    timer.start(50)
    timer.show()
    app.exec()
