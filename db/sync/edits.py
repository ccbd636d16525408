"""Edits as data: one edit of a record, replayable later (the outbox stores these)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from db.core import clock
from db.core.base import Base
from db.core.versioning import save_versioned
from db.schema.meetings import AgendaItem, Attendance
from db.schema.resolutions import Resolution, Task, TaskUpdate

# --------------------------------------------------------------------------- edits as data


@dataclass(frozen=True)
class Edit:
    """One edit of a record a person makes, replayable later (the outbox stores these)."""

    kind: str  # a key of KINDS
    row_id: int
    base_version: int
    values: dict[str, Any]
    base: dict[str, Any] | None = None
    action: str | None = None  # e.g. "overwrite" after a conflict
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.row_id}"


def _apply_fields(model: type[Base]) -> Callable[[Session, Edit], int]:
    def apply(session: Session, edit: Edit) -> int:
        return save_versioned(session, model, edit.row_id, edit.base_version, edit.values,
                              base=edit.base, action=edit.action)

    return apply


def _apply_task_progress(session: Session, edit: Edit) -> int:
    """Task progress: the task's fields, plus a 反馈 row (note) when one is given, and the same
    consequences as a progress update made online (completion date, the resolution's status)."""
    from db.resolutions.progress import settle_resolution

    values = dict(edit.values)
    if "status" in values:
        values["done_on"] = clock.today() if values["status"] == "done" else None
    version = save_versioned(session, Task, edit.row_id, edit.base_version, values,
                             base=edit.base, action=edit.action)
    if "progress_pct" in edit.values or edit.extra.get("note"):
        at = edit.extra.get("at")
        session.add(TaskUpdate(
            task_id=edit.row_id,
            at=dt.datetime.fromisoformat(at) if at else clock.now(),
            by=str(session.info.get("actor", ""))[:50],
            progress_pct=int(edit.values.get("progress_pct", session.get(Task, edit.row_id).progress_pct)),
            note=str(edit.extra.get("note", "")),
        ))
        session.flush()
    settle_resolution(session, session.get(Task, edit.row_id), str(values.get("overdue_reason") or ""))
    return version


#: kind → (table it changes, function applying an Edit in a session, returns the new version)
KINDS: dict[str, tuple[str, Callable[[Session, Edit], int]]] = {
    "agenda_notes": ("agenda_item", _apply_fields(AgendaItem)),
    "attendance": ("attendance", _apply_fields(Attendance)),
    "resolution": ("resolution", _apply_fields(Resolution)),
    "task_progress": ("task", _apply_task_progress),
}


def apply_edit(session: Session, edit: Edit) -> int:
    return KINDS[edit.kind][1](session, edit)

