"""The one way StreetBoard runs database work off the GUI thread.

    DbOp(parent, lambda s: queries.overview_kpis(s)).success(show).failure(complain).run()

Every operation runs on a single serial worker (one thread, so operations never interleave and
SQLite never sees two writers from this process), inside one ``session.begin()`` — committed if
the function returns, rolled back if it raises. The result comes back on the GUI thread by a
queued signal; if ``parent`` has been destroyed meanwhile, the callbacks are dropped.

A write declares what it touched with ``changes=Changes(...)``; after it commits, the executor
emits :attr:`DbExecutor.changed` so every open view can decide whether to refresh
(the pattern of Anki's ``CollectionOp`` and ``OpChanges``).
"""

from __future__ import annotations

import functools
import getpass
import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QApplication
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import db.core.audit  # noqa: F401 - every session records the audit trail
from db.core.engine import Database
from db.sync.edits import Edit, apply_edit, edit_tables

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changes:
    """What a write touched: table names. Views compare it with what they show."""

    tables: frozenset[str] = frozenset()

    @classmethod
    def of(cls, *tables: str) -> Changes:
        return cls(frozenset(tables))

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


def is_connection_error(error: BaseException, database: Database) -> bool:
    """The server went away or cannot be reached (not a refusal, not a local SQLite lock)."""
    return isinstance(error, OperationalError) and not database.is_sqlite


def _run_job(database: Database, fn: Callable[[Session], Any], job_id: int, done: Any, actor: str) -> None:
    """Runs one operation on the worker thread and reports through the executor's signal.

    A plain callable, not a QRunnable subclass, and no Qt object is created or destroyed here:
    every QObject involved lives and dies on the GUI thread.
    """
    try:
        with database.session.begin() as session:
            session.info["actor"] = actor
            result = fn(session)
    except Exception as exc:  # noqa: BLE001 - handed to the failure callback
        log.debug("database operation failed:\n%s", traceback.format_exc())
        done.emit(job_id, None, exc)
    else:
        done.emit(job_id, result, None)


class DbExecutor(QObject):
    """Owns the database and the serial worker. One per application."""

    changed = Signal(object)  # Changes, after a write committed
    connection_failed = Signal(object)  # the exception, when an operation lost the server
    queued = Signal(object)  # an Edit that went to the offline outbox
    _job_done = Signal(int, object, object)  # job id, result, exception (worker → GUI thread)
    current: ClassVar[DbExecutor | None] = None

    def __init__(self, database: Database, parent: QObject | None = None, actor: str | None = None):
        super().__init__(parent)
        self.database = database
        #: who is at the keyboard; every session gets it as ``session.info["actor"]`` for services
        #: and the audit trail to record.
        self.actor = actor if actor is not None else getpass.getuser()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._job_ids = itertools.count(1)
        self._waiting: dict[int, Callable[[object, Exception | None], None]] = {}
        self._job_done.connect(self._dispatch)
        #: the offline outbox (``desktop.outbox`` installs one for a server database)
        self.outbox: Any = None
        #: False while the connection monitor says the server is away
        self.online = True
        DbExecutor.current = self

    def submit(self, fn: Callable[[Session], Any], deliver: Callable[[object, Exception | None], None]) -> None:
        """Queue ``fn(session)``; ``deliver(result, error)`` runs on the GUI thread when it is done."""
        job_id = next(self._job_ids)
        self._waiting[job_id] = deliver
        self._pool.start(functools.partial(_run_job, self.database, fn, job_id, self._job_done, self.actor))

    def _dispatch(self, job_id: int, result: object, error: Exception | None) -> None:
        deliver = self._waiting.pop(job_id, None)
        if deliver is not None:
            deliver(result, error)

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
    """One database operation started from the GUI.

    A plain object, not a QObject: it holds its ``parent`` only to drop the callbacks if that
    widget is gone by the time the result arrives (a parented QObject deleted with deleteLater
    could be freed twice when its Python wrapper went first).

    A write that may wait for the server passes ``outbox=Edit(...)`` (``fn`` may then be None: the
    edit is applied by ``db.editing.apply_edit``). If the server is away, the edit goes to the
    local outbox instead, in order, and the ``queued`` callback runs instead of ``success``.
    """

    def __init__(self, parent: QObject, fn: Callable[[Session], Any] | None = None, *,
                 changes: Changes | None = None, outbox: Edit | None = None):
        self._parent = parent
        if fn is None and outbox is not None:
            fn = lambda s, e=outbox: apply_edit(s, e)  # noqa: E731
        if changes is None and outbox is not None:
            changes = Changes.of(*edit_tables(outbox))
        assert fn is not None
        self._fn = fn
        self._changes = changes
        self._edit = outbox
        self._on_queued: Callable[[Edit], None] | None = None
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None

    def success(self, callback: Callable[[Any], None]) -> DbOp:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> DbOp:
        self._on_failure = callback
        return self

    def queued(self, callback: Callable[[Edit], None]) -> DbOp:
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
        executor.submit(self._fn, self._deliver)

    def _deliver(self, result: object, error: Exception | None) -> None:
        # A write that committed is announced even if the widget that asked is gone; only the
        # callbacks are dropped then.
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
                raise error
            self._on_failure(error)
            return
        if self._changes is not None:
            self._executor.changed.emit(self._changes)
        if alive and self._on_success is not None:
            self._on_success(result)

    def _queue(self) -> None:
        assert self._edit is not None
        self._executor.outbox.add(self._edit, self._executor.actor)
        self._executor.queued.emit(self._edit)
        if self._on_queued is not None and shiboken6.isValid(self._parent):
            self._on_queued(self._edit)
