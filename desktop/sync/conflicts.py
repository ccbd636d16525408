"""Saving an edit with the refusal of stale saves wired to a person's choice.

    save_edit(parent, Edit("agenda_notes", item_id, version, {"notes": text}, base={"notes": loaded}),
              what=self.tr("Minutes of item 2"), on_saved=remember_version)

runs the save through :class:`desktop.core.dbop.DbWrite` (so it goes to the outbox when the server is
away). If someone saved the record meanwhile, :class:`widgets.conflict_dialog.ConflictDialog`
shows both versions and the person keeps theirs (saved over the newer version as ``overwrite``
in the audit trail), takes the other, or saves a merge. Nothing is overwritten without that choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from db.core.versioning import ConflictError, merge3
from db.sync.edits import Edit
from desktop.core.dbop import DbOp, DbWrite
from desktop.core.messages import describe
from widgets.conflict_dialog import ConflictDialog


@dataclass(frozen=True)
class Decision:
    """What the person chose: ``mine`` / ``merged`` (``edit`` saves it), ``theirs``, or ``later``."""

    choice: str
    edit: Edit | None = None


def _text_field(edit: Edit) -> str | None:
    if len(edit.values) == 1:
        key, value = next(iter(edit.values.items()))
        if isinstance(value, str):
            return key
    return None


def _lines(values: dict[str, Any]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in values.items())


def show_conflict_dialog(parent: QWidget | None, error: ConflictError, edit: Edit, what: str) -> Decision:
    """Ask the person (modal dialog). Tests replace :data:`chooser` instead."""
    field = _text_field(edit)
    their_label = QCoreApplication.translate("Conflicts", "Saved meanwhile by {0} (version {1})").format(
        error.their_author or "?", error.their_version)
    if field is not None:
        mine, theirs = str(edit.values[field]), str(error.theirs.get(field) or "")
        base = (error.base or edit.base or {}).get(field)
        merged = merge3(str(base), mine, theirs) if base is not None else None
        dialog = ConflictDialog(what, mine, theirs, merged=merged.text if merged else None,
                                merge_conflicts=merged.conflicts if merged else 0,
                                their_label=their_label, parent=parent)
    else:
        dialog = ConflictDialog(what, _lines(edit.values), _lines(error.theirs), their_label=their_label,
                                parent=parent)
        dialog.merged_edit.setVisible(False)
        dialog.use_merged.setVisible(False)
        dialog.mine_edit.setReadOnly(True)
    dialog.exec()
    if dialog.choice in ("", "theirs"):
        return Decision(dialog.choice or "later")
    values = {field: dialog.text} if field is not None else dict(edit.values)
    return Decision(dialog.choice, rebase(edit, error, values))


def rebase(edit: Edit, error: ConflictError, values: dict[str, Any]) -> Edit:
    """The edit to save on top of the newer version, marked as a deliberate overwrite."""
    return replace(edit, base_version=error.their_version, values=values,
                   base=dict(error.theirs), action="overwrite")


#: how a conflict is decided: ``chooser(parent, error, edit, what) -> Decision`` (tests swap it)
chooser: Callable[[QWidget | None, ConflictError, Edit, str], Decision] = show_conflict_dialog


def save_edit(
    parent: QWidget,
    edit: Edit,
    *,
    what: str,
    on_saved: Callable[[int | None, Edit | None], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    on_queued: Callable[[Edit], None] | None = None,
) -> None:
    """Save ``edit``; on a conflict ask, and save the choice. ``on_saved(new_version, edit)`` gets the
    version now in the database and the edit saved (None if the person took the other version)."""

    def saved(version: Any) -> None:
        if on_saved is not None:
            on_saved(version, edit)

    def failed(error: Exception) -> None:
        if isinstance(error, ConflictError):
            decision = chooser(parent, error, edit, what)
            if decision.choice == "theirs":
                if on_saved is not None:
                    on_saved(error.their_version, None)
                return
            if decision.edit is not None:
                save_edit(parent, decision.edit, what=what, on_saved=on_saved, on_failed=on_failed,
                          on_queued=on_queued)
                return
        if on_failed is not None:
            on_failed(describe(error))

    op = DbWrite(parent, outbox=edit).success(saved).failure(failed)
    if on_queued is not None:
        op.queued(on_queued)
    op.run()


def resolve_notes_conflict(room: Any, item_id: int, mine: str, error: ConflictError) -> None:
    """The meeting room's minutes of an item met a newer version saved elsewhere (``error``):
    show both (with a merge against the version the recorder started from, rebuilt from the audit
    trail) and save the choice over the newer version — or take theirs. "Decide later" leaves the
    item marked as in conflict and the text in the local draft."""
    from db.core import audit
    from db.core.versioning import values_at_version
    from db.meetings import room as mt

    base_version = room.versions.get(item_id, 0)
    edit = Edit("agenda_notes", item_id, base_version, {"notes": mine})
    what = QCoreApplication.translate("Conflicts", "Minutes of agenda item {0}").format(item_id)
    theirs = str(error.theirs.get("notes") or "")

    def ask(base: dict[str, Any] | None) -> None:
        conflict = ConflictError(table="agenda_item", row_id=item_id, base_version=base_version,
                                 their_version=error.their_version, mine={"notes": mine},
                                 theirs={"notes": theirs}, base=base)
        decision = chooser(room, conflict, edit, what)
        if decision.choice == "later":
            return
        if decision.choice == "theirs":
            settle(error.their_version, theirs)
            return
        assert decision.edit is not None
        text = decision.edit.values["notes"]

        def save(session: Any) -> int:
            audit.set_action(session, "overwrite")
            return mt.save_item_notes(session, item_id, text, error.their_version)

        DbWrite(room, save).success(lambda v: settle(v, text)).failure(
            lambda e: room.show_message(describe(e))).run()

    def settle(version: int, text: str) -> None:
        room.versions[item_id] = version
        room.local_text[item_id] = text
        room.conflicts.discard(item_id)
        room.drafts.settle(room.meeting_id, item_id, text)
        current = room.current_item()
        if current is not None and current.id == item_id:
            room.editor.set_text_quietly(text)

    DbOp(room, lambda s: values_at_version(s, "agenda_item", item_id, base_version, ["notes"])).success(ask) \
        .failure(lambda _e: ask(None)).run()
