"""Live refresh and the multi-PC plumbing of one open database.

:class:`LiveRefresh` runs the database's change source (``db.sync.changes``: LISTEN/NOTIFY on
PostgreSQL, ``PRAGMA data_version`` polling on SQLite) on its own thread and re-emits what another
writer touched as ``DbExecutor.changed``, so every open page refreshes what the change touched.
The echo of the executor's own commits is dropped there (``DbExecutor.own_writes``): the worker
announced them already.

:class:`MultiPc` wires it all to one executor: live refresh, the connection monitor and its
status-bar label, the offline outbox and its replay when the server comes back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from db.core.base import Base
from db.sync.changes import EVERYTHING, make_source
from desktop.core.dbop import Changes, DbExecutor
from desktop.sync.connection import ConnectionLabel, ConnectionMonitor, add_read_only_banner
from desktop.sync.outbox import OutboxReplayer, install_outbox


class LiveRefresh(QObject):
    """Another PC's writes → ``executor.changed``. ``listener_state(bool)`` when it (re)connects."""

    listener_state = Signal(bool)
    _arrived = Signal(object)

    def __init__(self, executor: DbExecutor, parent: QObject | None = None):
        super().__init__(parent)
        self._executor = executor
        self._arrived.connect(self._deliver)
        self.source = make_source(executor.database.engine.url, self._arrived.emit, self.listener_state.emit,
                                  executor.own_writes)

    def start(self) -> None:
        if self.source is not None:
            self.source.start()

    def stop(self) -> None:
        if self.source is not None:
            self.source.stop()

    def _deliver(self, tables: set[str]) -> None:
        if EVERYTHING in tables:
            tables = set(Base.metadata.tables)
        self._executor.changed.emit(Changes(frozenset(tables)))


class MultiPc(QObject):
    """Everything a shared database needs, for one main window."""

    def __init__(self, executor: DbExecutor, window: QMainWindow | None = None):
        super().__init__(window)
        self.executor = executor
        self.live = LiveRefresh(executor, self)
        self.monitor = ConnectionMonitor(executor, self)
        self.live.listener_state.connect(self.monitor.report_listener)
        install_outbox(executor)
        self.replayer = OutboxReplayer(executor, self, window)
        self.monitor.reconnected.connect(self.replayer.replay)
        self.label: ConnectionLabel | None = None
        if window is not None:
            self.label = ConnectionLabel(self.monitor, window)
            add_read_only_banner(window, executor)
            window.statusBar().addPermanentWidget(self.label)
            self.replayer.progressed.connect(self.label.set_waiting)
            executor.queued.connect(lambda _edit: self._count_waiting())
            self.replayer.finished.connect(self._replayed)
            self._count_waiting()

    def start(self) -> None:
        self.live.start()
        self.monitor.start()
        if self.executor.outbox is not None and len(self.executor.outbox):
            self.replayer.replay()

    def stop(self) -> None:
        self.live.stop()
        self.monitor.stop()

    def _count_waiting(self) -> None:
        if self.label is not None and self.executor.outbox is not None:
            self.label.set_waiting(len(self.executor.outbox))

    def _replayed(self, _saved: int, message: str) -> None:
        self._count_waiting()
        window = self.parent()
        if message and isinstance(window, QMainWindow):
            window.statusBar().showMessage(message)
