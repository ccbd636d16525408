"""On start: offer back the minutes a crash or a lost connection left unsaved.

Builds on the meeting room's local drafts (``desktop.meetings.drafts.DraftStore``: written at most a few
seconds after typing, atomically). At start-up :func:`offer_drafts` looks for drafts of every
meeting of this database; if any differ from the database, it asks once and either saves them
(each through ``desktop.sync.conflicts.save_edit``, so a record changed meanwhile shows both versions)
or discards them. The outbox of edits made offline is replayed by ``desktop.sync.live.MultiPc``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from db.meetings import room as mt
from db.sync.edits import Edit
from desktop.core.dbop import DbExecutor, DbOp
from desktop.core.formatting import format_datetime
from desktop.meetings.drafts import Draft, DraftStore
from desktop.sync import conflicts


def all_drafts(store: DraftStore) -> list[Draft]:
    """Drafts of every meeting in the store, oldest first."""
    out: list[Draft] = []
    if store.root.is_dir():
        for folder in sorted(store.root.glob("meeting-*")):
            suffix = folder.name.removeprefix("meeting-")
            if suffix.isdigit():
                out += store.drafts(int(suffix))
    return sorted(out, key=lambda d: d.saved_at)


@dataclass(frozen=True)
class Unsaved:
    """The drafts whose text the database does not hold: those that can still be saved, and those
    of a meeting closed or approved since (the room's rule refuses them)."""

    waiting: list[Draft]
    refused: list[Draft]


def unsaved(session: Session, drafts: list[Draft]) -> Unsaved:
    state = mt.notes_state(session, [d.item_id for d in drafts])
    differ = [d for d in drafts if d.item_id in state and state[d.item_id][0] != d.text]
    return Unsaved([d for d in differ if not state[d.item_id][1]], [d for d in differ if state[d.item_id][1]])


def ask(parent: QWidget | None, drafts: list[Draft]) -> bool:
    text = QCoreApplication.translate(
        "Recovery", "Minutes typed on this PC were not saved (last at {0}; agenda items: {1}) — the app "
        "or the connection stopped. Save them now? Anything changed meanwhile on another PC is shown "
        "side by side first.").format(format_datetime(drafts[-1].saved_at), len(drafts))
    answer = QMessageBox.question(parent, QCoreApplication.translate("Recovery", "Unsaved minutes found"), text,
                                  QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
                                  QMessageBox.StandardButton.Save)
    return answer == QMessageBox.StandardButton.Save


def tell_refused(parent: QWidget | None, drafts: list[Draft]) -> None:
    """Minutes typed for a meeting closed or approved since cannot be saved: say so, with the text to copy."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Recovery", "Unsaved minutes not saved"),
                      QCoreApplication.translate(
                          "Recovery", "Minutes typed on this PC for {0} agenda items were not saved: their meeting "
                          "has been closed or approved since, and its record can no longer change. The text is "
                          "under Show Details to copy; it will not be offered again.").format(len(drafts)),
                      QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText("\n\n".join(d.text for d in drafts))
    box.exec()


def restore(parent: QWidget, store: DraftStore, drafts: list[Draft]) -> None:
    for d in drafts:
        conflicts.save_edit(
            parent, Edit("agenda_notes", d.item_id, d.base_version, {"notes": d.text}),
            what=QCoreApplication.translate("Recovery", "Minutes of agenda item {0}").format(d.item_id),
            on_saved=lambda _v, edit, d=d: store.settle(d.meeting_id, d.item_id, edit.values["notes"])
            if edit is not None else store.discard(d.meeting_id, d.item_id),
        )


def offer_drafts(parent: QWidget, executor: DbExecutor, store: DraftStore | None = None,
                 confirm=ask, tell=tell_refused) -> None:
    store = store or DraftStore.for_database(executor.database.name)
    drafts = all_drafts(store)
    if not drafts:
        return

    def decide(found: Unsaved) -> None:
        waiting = found.waiting
        for d in drafts:
            if d not in waiting and d not in found.refused:
                store.discard(d.meeting_id, d.item_id)  # the database already holds it
        if found.refused:
            tell(parent, found.refused)
            for d in found.refused:
                store.discard(d.meeting_id, d.item_id)
        if not waiting:
            return
        if confirm(parent, waiting):
            restore(parent, store, waiting)
        else:
            for d in waiting:
                store.discard(d.meeting_id, d.item_id)

    DbOp(parent, lambda s: unsaved(s, drafts)).success(decide).run(executor)


class DraftGuard(QObject):
    """Crash safety for the meeting room's minutes: every 2 s, text typed but not yet saved goes
    to the local draft (the editor's own autosave waits for a pause of up to 5 s; a kill -9
    meanwhile would lose more). ``DraftGuard(room)``; the room keeps it as a child."""

    INTERVAL_MS = 2000

    def __init__(self, room: Any):
        super().__init__(room)
        self._room = room
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.save_now)
        self._timer.start()

    def save_now(self) -> None:
        room = self._room
        editor = room.editor
        if not editor.has_pending() or editor.isReadOnly():
            return
        item = room.current_item()
        if item is None:
            return
        try:
            room.drafts.save(room.meeting_id, item.id, editor.toPlainText(), room.versions.get(item.id, item.version))
        except OSError:
            pass  # the editor's own autosave reports a draft that cannot be written
