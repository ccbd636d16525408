"""Is the database server there? 已连接 / 正在重连 / 离线, for the status bar and the outbox.

:class:`ConnectionMonitor` pings the server with ``SELECT 1`` on its own thread (never the GUI
thread): every few seconds while connected, every second while not. An operation that lost the
server (``DbExecutor.connection_failed``) or the change listener dropping its connection switches
it to *reconnecting* at once; three failed pings in a row make it *offline*. Back online, it
emits :attr:`reconnected` (the outbox replays then). While not connected the executor is marked
offline, so edits that can wait go straight to the outbox instead of waiting for a timeout.
A SQLite file is always *connected*; one opened read-only gets a banner over the window
(:func:`add_read_only_banner`).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop.core.dbop import DbExecutor

log = logging.getLogger(__name__)

CONNECTED, RECONNECTING, OFFLINE = "connected", "reconnecting", "offline"


class ConnectionMonitor(QObject):
    state_changed = Signal(str)
    reconnected = Signal()
    _pinged = Signal(bool)

    PING_SECONDS = 3.0
    RETRY_SECONDS = 1.0
    FAILURES_BEFORE_OFFLINE = 3

    def __init__(self, executor: DbExecutor, parent: QObject | None = None):
        super().__init__(parent)
        self._executor = executor
        self.state = CONNECTED
        self._failures = 0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._pinged.connect(self._on_ping)
        executor.connection_failed.connect(self.report_failure)

    def start(self) -> None:
        if self._executor.database.is_sqlite or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="ConnectionMonitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(8)
            self._thread = None

    def _run(self) -> None:
        engine = self._executor.database.engine
        while not self._stop.is_set():
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
                ok = True
            except DBAPIError as exc:
                log.info("database ping failed: %s", exc.orig)
                ok = False
            if self._stop.is_set():
                return
            self._pinged.emit(ok)
            self._wake.wait(self.PING_SECONDS if ok and self.state == CONNECTED else self.RETRY_SECONDS)
            self._wake.clear()

    def report_failure(self, _error: object = None) -> None:
        """An operation or the change listener lost the server: check again now."""
        if self._executor.database.is_sqlite:
            return
        if self.state == CONNECTED:
            self._set(RECONNECTING)
        self._wake.set()

    def report_listener(self, up: bool) -> None:
        if not up:
            self.report_failure()
        else:
            self._wake.set()

    def _on_ping(self, ok: bool) -> None:
        if ok:
            self._failures = 0
            if self.state != CONNECTED:
                self._set(CONNECTED)
                self.reconnected.emit()
            return
        self._failures += 1
        self._set(OFFLINE if self._failures >= self.FAILURES_BEFORE_OFFLINE else RECONNECTING)

    def _set(self, state: str) -> None:
        self._executor.online = state == CONNECTED
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)


class ConnectionLabel(QLabel):
    """The status-bar words for a monitor's state, with the outbox's length when it has entries."""

    def __init__(self, monitor: ConnectionMonitor, parent: QWidget | None = None):
        super().__init__(parent, objectName="connectionState")
        self._monitor = monitor
        self._waiting = 0
        monitor.state_changed.connect(lambda _s: self.update_text())
        self.update_text()

    def set_waiting(self, count: int) -> None:
        self._waiting = count
        self.update_text()

    def update_text(self) -> None:
        state = self._monitor.state
        if state == CONNECTED:
            words = QCoreApplication.translate("Connection", "Connected")
        elif state == RECONNECTING:
            words = QCoreApplication.translate("Connection", "Reconnecting…")
        else:
            words = QCoreApplication.translate(
                "Connection", "Offline — sign-ins, minutes, resolutions in the meeting room and task progress are "
                "kept on this PC; other changes cannot be saved until the server is back")
        if self._waiting:
            words += QCoreApplication.translate("Connection", " · edits waiting to be saved: {0}").format(self._waiting)
        self.setText(words)


READ_ONLY_STYLE = "QToolBar#readOnlyBanner { background: #FFF3CD; border: none; } " \
                  "QToolBar#readOnlyBanner QLabel { color: #7A4B00; font-weight: bold; padding: 4px 8px; }"


def add_read_only_banner(window: QMainWindow, executor: DbExecutor) -> QToolBar | None:
    """A banner across the top of the window while the database is open read-only."""
    if not executor.database.read_only:
        return None
    bar = QToolBar(window, objectName="readOnlyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)  # not one the user can hide by mistake
    bar.setStyleSheet(READ_ONLY_STYLE)
    label = QLabel(QCoreApplication.translate(
        "Connection", "Read-only: {0} is on a read-only disk or is a file you may not change. You can look, but "
        "nothing can be saved; to make changes, copy it to a folder you can write to and open the copy."
    ).format(executor.database.name), objectName="readOnlyText")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(label)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
