"""Edits as data: one edit of a record, replayable later (the outbox stores these)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.core import audit, clock
from db.core.versioning import RecordGone, _conflict, save_versioned
from db.schema.meetings import Attendance
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
        """The record the edit changes (later offline edits of it follow the version it makes)."""
        if self.kind == "attendance":  # one person's sign-in in one meeting
            return f"attendance:{self.row_id}:{self.extra.get('member_id') or self.extra.get('person_name', '')}"
        if self.kind == "resolution":  # each recorded resolution is a new record of its own
            return f"resolution:{self.row_id}:{self.extra.get('uid', '')}"
        return f"{self.kind}:{self.row_id}"


def _at(edit: Edit) -> dt.datetime | None:
    """When the edit was made (the outbox stamps it on replay)."""
    at = edit.extra.get("at")
    return dt.datetime.fromisoformat(at) if at else None


def _apply_agenda_notes(session: Session, edit: Edit) -> int:
    """An item's minutes, through the meeting room's own service and its rules (a closed or
    approved meeting refuses); a newer version met is a :class:`ConflictError` like any other."""
    from db.meetings.room import save_item_notes

    return save_item_notes(session, edit.row_id, str(edit.values["notes"]), edit.base_version,
                           base=edit.base, action=edit.action)


#: an attendance edit's ``base_version`` when the version seen is unknown: ``base`` holds the values seen
SEEN_VALUES = -1


def attendance_edit(meeting_id: int, roster: Sequence[Any], name: str, status: str, delegate_name: str = "") -> Edit:
    """The sign-in the meeting room makes, as an edit it can queue while the server is away.

    ``roster`` is what the room shows (``RosterRow``s): a member's edit starts from their row as
    shown (none yet: version 0; else the status and delegate seen); anybody else is an observer.
    """
    values = {"status": status, "delegate_name": delegate_name.strip()}
    row = next((r for r in roster if r.member_id is not None and r.name == name.strip()), None)
    if row is None:
        return Edit("attendance", meeting_id, 0, values, extra={"person_name": name.strip()})
    if row.attendance_id is None:
        return Edit("attendance", meeting_id, 0, values, extra={"member_id": row.member_id, "name": row.name})
    return Edit("attendance", meeting_id, SEEN_VALUES, values,
                base={"status": row.status, "delegate_name": row.delegate_name},
                extra={"member_id": row.member_id, "name": row.name})


def _apply_attendance(session: Session, edit: Edit) -> int:
    """A sign-in (``row_id`` the meeting; ``extra``: ``member_id``, or ``person_name`` and
    ``unit_id`` for an observer; ``values``: ``status``, ``delegate_name``) through the sign-in
    service and its rules. A member's sign-in started from their attendance row as seen then —
    its version (0: none yet), or its values (:data:`SEEN_VALUES`); anything else met is a
    :class:`ConflictError` (a later edit of the same sign-in follows the version this one makes)."""
    from db.meetings.signin import sign_in

    member_id = edit.extra.get("member_id")
    if member_id is not None:
        row = session.scalars(select(Attendance).where(Attendance.meeting_id == edit.row_id,
                                                       Attendance.member_id == member_id)
                              .with_for_update()).first()
        if row is None and edit.base_version != 0:
            raise RecordGone("attendance", edit.row_id)
        if row is not None and (
                {k: getattr(row, k) for k in edit.base or {}} != edit.base if edit.base_version == SEEN_VALUES
                else row.version != edit.base_version):
            raise _conflict(session, row, edit.base_version, dict(edit.values), edit.base)
    with audit.action(session, edit.action or "sign_in"):
        signed = sign_in(session, edit.row_id, status=str(edit.values["status"]), member_id=member_id,
                         person_name=str(edit.extra.get("person_name", "")), unit_id=edit.extra.get("unit_id"),
                         delegate_name=str(edit.values.get("delegate_name", "")), now=_at(edit))
    row = session.get(Attendance, signed.attendance_id)
    assert row is not None
    return row.version


def resolution_edit(meeting_id: int, agenda_item_id: int | None, text: str, owner_unit_id: int | None,
                    co_unit_ids: Sequence[int], deadline: dt.date, case_ids: Sequence[int],
                    agreement_item_ids: Sequence[int]) -> Edit:
    """A resolution the meeting room records, as an edit it can queue while the server is away."""
    values = {"agenda_item_id": agenda_item_id, "text": text, "owner_unit_id": owner_unit_id,
              "co_unit_ids": list(co_unit_ids), "deadline": deadline.isoformat(), "case_ids": list(case_ids),
              "agreement_item_ids": list(agreement_item_ids)}
    return Edit("resolution", meeting_id, 0, values, extra={"uid": uuid.uuid4().hex})


def _apply_resolution(session: Session, edit: Edit) -> int:
    """A resolution (``row_id`` the meeting) through the meeting room's own service and its rules.
    Replayed after its save reached the server but the answer did not, it is not recorded twice:
    the same text for the same owner and item in the meeting is that resolution."""
    from db.meetings.room import record_resolution

    v = edit.values
    text = str(v["text"]).strip()
    same = session.scalars(select(Resolution).where(
        Resolution.meeting_id == edit.row_id, Resolution.text == text, Resolution.owner_unit_id == v["owner_unit_id"],
        Resolution.agenda_item_id.is_(None) if v["agenda_item_id"] is None
        else Resolution.agenda_item_id == v["agenda_item_id"])).first()
    if same is not None:
        return same.version
    info = record_resolution(session, edit.row_id, v["agenda_item_id"], text, v["owner_unit_id"],
                             co_unit_ids=v["co_unit_ids"], deadline=dt.date.fromisoformat(str(v["deadline"])),
                             case_ids=v["case_ids"], agreement_item_ids=v["agreement_item_ids"])
    row = session.get(Resolution, info.id)
    assert row is not None
    return row.version


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
        session.add(TaskUpdate(
            task_id=edit.row_id,
            at=_at(edit) or clock.now(),
            by=str(session.info.get("actor", ""))[:50],
            progress_pct=int(edit.values.get("progress_pct", session.get(Task, edit.row_id).progress_pct)),
            note=str(edit.extra.get("note", "")),
        ))
        session.flush()
    settle_resolution(session, session.get(Task, edit.row_id), str(values.get("overdue_reason") or ""))
    return version


#: kind → (table it changes, function applying an Edit in a session, returns the new version)
KINDS: dict[str, tuple[str, Callable[[Session, Edit], int]]] = {
    "agenda_notes": ("agenda_item", _apply_agenda_notes),
    "attendance": ("attendance", _apply_attendance),
    "resolution": ("resolution", _apply_resolution),
    "task_progress": ("task", _apply_task_progress),
}


def apply_edit(session: Session, edit: Edit) -> int:
    return KINDS[edit.kind][1](session, edit)

