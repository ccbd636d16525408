"""The offline outbox in the app: install it on the executor, replay it when the server is back.

Edits to minutes, sign-ins (attendance), resolutions recorded in the meeting room and task
progress are sent with
``DbWrite(parent, outbox=Edit(...))`` (see ``desktop.sync.conflicts.save_edit``). When the server is away
they land in ``db.sync.outbox.Outbox`` (a SQLite file in the user data dir) in order;
:class:`OutboxReplayer` saves them one by one, each in its own transaction on the DB worker, when
the connection monitor reports the server back (and at start-up). A conflict stops the line and
asks the person (``desktop.sync.conflicts.chooser``) before going on; nothing is overwritten unasked.
An entry the meeting's rules refuse (the meeting was closed meanwhile …) is set aside and the
person told, so it does not hold up the edits behind it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from db.core.versioning import ConflictError, RecordGone
from db.meetings.agenda import MeetingError
from db.sync.edits import Edit, apply_edit
from db.sync.outbox import Outbox, OutboxEntry
from desktop.core.dbop import DbExecutor, DbWrite, is_connection_error
from desktop.core.messages import describe
from desktop.sync import conflicts


def install_outbox(executor: DbExecutor, path: Path | None = None) -> Outbox | None:
    """Give a server database an outbox (a SQLite file on one PC needs none)."""
    if executor.database.is_sqlite:
        return None
    name = executor.database.engine.url.render_as_string(hide_password=True)
    executor.outbox = Outbox(name, path)
    return executor.outbox


def what_edit(edit: Edit) -> str:
    """What an offline edit changed, for the conflict dialog's title."""
    names = {
        "agenda_notes": QCoreApplication.translate("OutboxReplayer", "Minutes of agenda item {0}"),
        "attendance": QCoreApplication.translate("OutboxReplayer", "Sign-in at meeting {0}"),
        "resolution": QCoreApplication.translate("OutboxReplayer", "A resolution recorded at meeting {0}"),
        "task_progress": QCoreApplication.translate("OutboxReplayer", "Progress of task {0}"),
    }
    return names.get(edit.kind, edit.kind).format(edit.row_id)


def what_waits(edit: Edit, titles: dict[int, str] | None = None) -> str:
    """An offline edit as the person knows it (the name signed in, the resolution's words, the
    agenda item's title from ``titles`` when the screen knows it)."""
    if edit.kind == "attendance":
        return QCoreApplication.translate("OutboxReplayer", "the sign-in of {0}").format(
            edit.extra.get("person_name") or edit.extra.get("name") or what_edit(edit))
    if edit.kind == "resolution":
        words = str(edit.values.get("text", "")).strip().splitlines()
        return QCoreApplication.translate("OutboxReplayer", "the resolution “{0}”").format(
            words[0][:20] if words else "")
    if edit.kind == "agenda_notes":
        return QCoreApplication.translate("OutboxReplayer", "the minutes of “{0}”").format(
            (titles or {}).get(edit.row_id) or edit.row_id)
    return what_edit(edit)


def pending_for_meeting(outbox: Outbox | None, meeting_id: int, item_ids: set[int]) -> list[Edit]:
    """The offline edits of one meeting still waiting (its sign-ins, resolutions, items' minutes)."""
    if outbox is None:
        return []
    mine = []
    for entry in outbox.entries():
        edit = entry.edit
        if (edit.kind in ("attendance", "resolution") and edit.row_id == meeting_id) or (
                edit.kind == "agenda_notes" and edit.row_id in item_ids):
            mine.append(edit)
    return mine


class OutboxReplayer(QObject):
    """Saves the outbox in order; ``finished(saved, message)`` when it stops (empty, or why not)."""

    finished = Signal(int, str)
    progressed = Signal(int)  # entries still waiting

    def __init__(self, executor: DbExecutor, parent: QObject, dialog_parent: QWidget | None = None):
        super().__init__(parent)
        self._executor = executor
        self._dialog_parent = dialog_parent
        self._running = False
        self._saved = 0
        self._refused = ""  # why an entry was set aside, told when the replay stops

    @property
    def running(self) -> bool:
        return self._running

    def replay(self) -> None:
        if self._running or self._executor.outbox is None:
            return
        self._running = True
        self._saved = 0
        self._refused = ""
        self._next()

    def _next(self) -> None:
        outbox: Outbox = self._executor.outbox
        entries = outbox.entries()
        self.progressed.emit(len(entries))
        if not entries:
            self._stop(self._refused)
            return
        entry = entries[0]
        edit = outbox.edit_for_replay(entry)
        DbWrite(self, lambda s: apply_edit(s, edit)) \
            .success(lambda version: self._saved_one(entry, version)) \
            .failure(lambda error: self._failed(entry, error)) \
            .run(self._executor)

    def _saved_one(self, entry: OutboxEntry, version: int) -> None:
        self._executor.outbox.done(entry, version)
        self._saved += 1
        self._next()

    def _failed(self, entry: OutboxEntry, error: Exception) -> None:
        outbox: Outbox = self._executor.outbox
        if isinstance(error, ConflictError):
            decision = conflicts.chooser(self._dialog_parent, error, entry.edit, what_edit(entry.edit))
            if decision.choice == "later":
                self._stop(describe(error))
                return
            outbox.resolve(entry, decision.edit)
            self._next()
            return
        if isinstance(error, RecordGone):
            outbox.discard(entry.id)
            self._next()
            return
        if isinstance(error, MeetingError):
            # the meeting's rules refuse it (closed or approved meanwhile …): it can never be saved,
            # so it must not hold up the edits behind it; the person is told
            outbox.discard(entry.id)
            self._refused = QCoreApplication.translate(
                "OutboxReplayer", "A change made while offline ({0}) was refused by the meeting's rules and not "
                "saved (for example, the meeting was closed meanwhile).").format(what_waits(entry.edit))
            self._next()
            return
        if is_connection_error(error, self._executor.database):
            self._stop(describe(error))
            return
        # refused by the server (rights, a rule): one sentence; the entry stays for the person to see
        self._stop(describe(error))

    def _stop(self, message: str) -> None:
        self._running = False
        self.finished.emit(self._saved, message)
