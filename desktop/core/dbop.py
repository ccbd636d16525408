"""The one way StreetBoard runs database work off the GUI thread.

    DbOp(parent, lambda s: queries.overview_kpis(s)).success(show).failure(complain).run()
    DbWrite(parent, lambda s: services.supervise(s, case_id)).success(done).run()

Every operation runs on a single serial worker (one thread, so operations never interleave and
SQLite never sees two writers from this process), inside one ``session.begin()`` — committed if
the function returns, rolled back if it raises. The result comes back on the GUI thread by a
queued signal; if ``parent`` has been destroyed meanwhile, the callbacks are dropped.

A :class:`DbOp` reads; a :class:`DbWrite` writes. For a write the worker records the tables the
transaction wrote (``db.sync.changes.OwnWrites``: every INSERT, UPDATE and DELETE, ORM or Core)
and, once it has committed, :attr:`DbExecutor.changed` announces them, once, so every open view can
decide whether to refresh (Anki's ``CollectionOp`` and ``OpChanges``). A read announces nothing.
An operation that fails and has no failure callback tells the user in one sentence.
"""

from __future__ import annotations

import functools
import getpass
import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Self

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import db.core.audit  # noqa: F401 - every session records the audit trail
from db.core.engine import Database
from db.sync.changes import OwnWrites
from db.sync.edits import Edit, apply_edit
from desktop.core.messages import describe

log = logging.getLogger(__name__)

Deliver = Callable[[object, frozenset[str], Exception | None], None]


@dataclass(frozen=True)
class Changes:
    """What a committed write touched (table names, as the worker recorded them)."""

    tables: frozenset[str] = frozenset()

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


def is_connection_error(error: BaseException, database: Database) -> bool:
    """The server went away or cannot be reached (not a refusal, not a local SQLite lock)."""
    return isinstance(error, OperationalError) and not database.is_sqlite


def _run_job(database: Database, own: OwnWrites | None, fn: Callable[[Session], Any], job_id: int, done: Any,
             actor: str) -> None:
    """Runs one operation on the worker thread and reports through the executor's signal.

    ``own`` is given for a write: the tables it wrote are recorded and, just before the commit,
    its echo is expected. A plain callable, not a QRunnable subclass, and no Qt object is created
    or destroyed here: every QObject involved lives and dies on the GUI thread.
    """
    tables: frozenset[str] = frozenset()
    try:
        if own is None:
            with database.session.begin() as session:
                session.info["actor"] = actor
                result = fn(session)
        else:
            with own.recording() as written, database.session.begin() as session:
                session.info["actor"] = actor
                result = fn(session)
                tables = own.expect(session, written)
    except Exception as exc:  # noqa: BLE001 - handed to the failure callback
        log.debug("database operation failed:\n%s", traceback.format_exc())
        done.emit(job_id, None, frozenset(), exc)
    else:
        done.emit(job_id, result, tables, None)


def show_failure(parent: QObject, error: Exception) -> None:
    """Tell the user in one sentence that an operation without a failure callback failed: in the
    status bar of a main window, else in a message box on the window (one at a time)."""
    sentence = describe(error)
    window = parent.window() if isinstance(parent, QWidget) else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(sentence)
        return
    box = window.findChild(QMessageBox, "operationFailed") if window is not None else None
    if box is None:
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("DbOp", "StreetBoard"), sentence,
                          QMessageBox.StandardButton.Ok, window)
        box.setObjectName("operationFailed")
        box.finished.connect(box.deleteLater)
        box.open()
    else:
        box.setText(sentence)


class DbExecutor(QObject):
    """Owns the database and the serial worker. One per application."""

    changed = Signal(object)  # Changes, after a write committed (or another PC's write arrived)
    connection_failed = Signal(object)  # the exception, when an operation lost the server
    queued = Signal(object)  # an Edit that went to the offline outbox
    _job_done = Signal(int, object, object, object)  # job id, result, tables written, exception
    current: ClassVar[DbExecutor | None] = None

    def __init__(self, database: Database, parent: QObject | None = None, actor: str | None = None):
        super().__init__(parent)
        self.database = database
        #: who is at the keyboard; every session gets it as ``session.info["actor"]`` for services
        #: and the audit trail to record.
        self.actor = actor if actor is not None else getpass.getuser()
        #: what our writes wrote and the echo they will cause (the live refresh drops it)
        self.own_writes = OwnWrites(database.engine)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._job_ids = itertools.count(1)
        self._waiting: dict[int, Deliver] = {}
        self._job_done.connect(self._dispatch)
        #: the offline outbox (``desktop.sync.outbox`` installs one for a server database)
        self.outbox: Any = None
        #: False while the connection monitor says the server is away
        self.online = True
        DbExecutor.current = self

    def submit(self, fn: Callable[[Session], Any], deliver: Deliver, *, write: bool = False) -> None:
        """Queue ``fn(session)``; ``deliver(result, tables_written, error)`` runs on the GUI thread."""
        job_id = next(self._job_ids)
        self._waiting[job_id] = deliver
        own = self.own_writes if write else None
        self._pool.start(functools.partial(_run_job, self.database, own, fn, job_id, self._job_done, self.actor))

    def _dispatch(self, job_id: int, result: object, tables: frozenset[str], error: Exception | None) -> None:
        deliver = self._waiting.pop(job_id, None)
        if deliver is not None:
            deliver(result, tables, error)

    @property
    def busy(self) -> bool:
        return bool(self._waiting)

    def wait_idle(self, timeout_ms: int = 60_000) -> bool:
        """Block until queued work is done and its results delivered (snapshots, tests)."""
        ok = self._pool.waitForDone(timeout_ms)
        while self._waiting:
            QApplication.processEvents()
        return ok

    def shutdown(self) -> None:
        self._pool.waitForDone()
        if DbExecutor.current is self:
            DbExecutor.current = None


class DbOp:
    """One database read started from the GUI; it announces nothing.

    A plain object, not a QObject: it holds its ``parent`` only to drop the callbacks if that
    widget is gone by the time the result arrives (a parented QObject deleted with deleteLater
    could be freed twice when its Python wrapper went first).
    """

    writes = False

    def __init__(self, parent: QObject, fn: Callable[[Session], Any]):
        self._parent = parent
        self._fn = fn
        self._edit: Edit | None = None
        self._on_queued: Callable[[Edit], None] | None = None
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None

    def success(self, callback: Callable[[Any], None]) -> Self:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> Self:
        self._on_failure = callback
        return self

    def run(self, executor: DbExecutor | None = None) -> None:
        executor = executor or DbExecutor.current
        if executor is None:
            raise RuntimeError("no database is open")
        self._executor = executor
        executor.submit(self._fn, self._deliver, write=self.writes)

    def _deliver(self, result: object, tables: frozenset[str], error: Exception | None) -> None:
        alive = shiboken6.isValid(self._parent)
        if error is not None:
            if is_connection_error(error, self._executor.database):
                self._executor.connection_failed.emit(error)
                if self._edit is not None and self._executor.outbox is not None:
                    self._queue()
                    return
            if not alive:
                return
            if self._on_failure is None:
                log.info("database operation failed without a failure callback: %s", error)
                show_failure(self._parent, error)
                return
            self._on_failure(error)
            return
        # A write that committed is announced even if the widget that asked is gone; only the
        # callbacks are dropped then.
        if tables:
            self._executor.changed.emit(Changes(tables))
        if alive and self._on_success is not None:
            self._on_success(result)

    def _queue(self) -> None:
        assert self._edit is not None
        self._executor.outbox.add(self._edit, self._executor.actor)
        self._executor.queued.emit(self._edit)
        if self._on_queued is not None and shiboken6.isValid(self._parent):
            self._on_queued(self._edit)


class DbWrite(DbOp):
    """One database write started from the GUI: after it commits, what it wrote is announced.

    A write that may wait for the server passes ``outbox=Edit(...)`` (``fn`` may then be None: the
    edit is applied by ``db.sync.edits.apply_edit``). If the server is away, the edit goes to the
    local outbox instead, in order, and the ``queued`` callback runs instead of ``success``.
    """

    writes = True

    def __init__(self, parent: QObject, fn: Callable[[Session], Any] | None = None, *, outbox: Edit | None = None):
        if fn is None and outbox is not None:
            fn = functools.partial(apply_edit, edit=outbox)
        assert fn is not None
        super().__init__(parent, fn)
        self._edit = outbox

    def queued(self, callback: Callable[[Edit], None]) -> Self:
        self._on_queued = callback
        return self

    def run(self, executor: DbExecutor | None = None) -> None:
        executor = executor or DbExecutor.current
        if executor is None:
            raise RuntimeError("no database is open")
        self._executor = executor
        if self._edit is not None and executor.outbox is not None and (not executor.online or len(executor.outbox)):
            # offline, or older edits still wait: keep the order, queue behind them
            self._queue()
            return
        super().run(executor)
