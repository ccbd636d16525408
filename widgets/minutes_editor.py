"""The recorder's minutes editor: a plain-text editor that says when typing has paused.

DB-free. ``text_changed_idle(str)`` fires ``idle_ms`` after the last keystroke, and at the latest
``max_wait_ms`` after the first unsaved one even while typing goes on — so an autosave hooked to
it loses at most a few seconds. ``set_text_quietly`` loads text without firing it. Tab and
Shift+Tab move the focus like everywhere else; Ctrl+Tab inserts a tab character.
Preview: ``python -m widgets.minutes_editor``.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

IDLE_MS = 1500
MAX_WAIT_MS = 5000


class MinutesEditor(QPlainTextEdit):
    text_changed_idle = Signal(str)

    def __init__(self, parent: QWidget | None = None, idle_ms: int = IDLE_MS, max_wait_ms: int = MAX_WAIT_MS):
        super().__init__(parent)
        self.setObjectName("minutesEditor")
        self.setTabChangesFocus(True)
        self._max_wait_ms = max_wait_ms
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self.flush)
        self._dirty_since = QElapsedTimer()
        self._quiet = False
        self.textChanged.connect(self._on_changed)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.insertPlainText("\t")
            return
        super().keyPressEvent(event)

    def set_text_quietly(self, text: str) -> None:
        self._quiet = True
        try:
            self.setPlainText(text)
        finally:
            self._quiet = False
        self._idle.stop()
        self._dirty_since.invalidate()

    def has_pending(self) -> bool:
        return self._dirty_since.isValid()

    def flush(self) -> None:
        """Emit ``text_changed_idle`` now if there is unsaved typing."""
        self._idle.stop()
        if self._dirty_since.isValid():
            self._dirty_since.invalidate()
            self.text_changed_idle.emit(self.toPlainText())

    def _on_changed(self) -> None:
        if self._quiet:
            return
        if not self._dirty_since.isValid():
            self._dirty_since.start()
        if self._dirty_since.elapsed() >= self._max_wait_ms:
            self.flush()
        else:
            self._idle.start()


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    editor = MinutesEditor()
    editor.text_changed_idle.connect(lambda text: print(f"idle: {len(text)} characters"))
    editor.resize(500, 300)
    editor.show()
    app.exec()
