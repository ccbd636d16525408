"""Task progress and verification of resolutions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.core import audit, clock
from db.core.base import AuditLog
from db.core.versioning import ConflictError, RecordGone
from db.resolutions.ledger import (
    CLOSED_STATUSES,
    NotReadyToVerify,
    OverdueReasonRequired,
    ProgressOutOfRange,
    TaskClosed,
    VerifyingMeetingTooEarly,
)
from db.schema.meetings import Meeting
from db.schema.resolutions import Resolution, Task, TaskUpdate

# --------------------------------------------------------------------------- progress and verification


@dataclass(frozen=True)
class ProgressResult:
    task_id: int
    task_status: str
    progress_pct: int
    resolution_id: int
    resolution_status: str


def check_progress(progress_pct: int, reason: str, title: str, deadline: dt.date,
                   today: dt.date | None = None) -> None:
    """The rules of a progress update that need no database: 0–100 %, a reason past the deadline.
    (The desktop checks an update with them before it may wait in the offline outbox.)"""
    if isinstance(progress_pct, bool) or not isinstance(progress_pct, int) or not 0 <= progress_pct <= 100:
        raise ProgressOutOfRange(progress_pct)
    if deadline < (today or clock.today()) and not reason.strip():
        raise OverdueReasonRequired(title, deadline)


def status_after(status: str, progress_pct: int) -> str:
    """A task's status once ``progress_pct`` is reported."""
    if progress_pct == 100:
        return "done"
    if progress_pct > 0 or status == "done":
        return "in_progress"
    return status


def progress_note(note: str, reason: str) -> str:
    """The text of the 反馈 row: the note, then the reason for the delay."""
    reason = reason.strip()
    return "；".join(x for x in (note.strip(), f"逾期原因：{reason}" if reason else "") if x)


def update_progress(
    session: Session,
    task_id: int,
    progress_pct: int,
    note: str = "",
    *,
    reason: str = "",
    expected_version: int | None = None,
    today: dt.date | None = None,
    action: str | None = None,
) -> ProgressResult:
    """Record a progress update (反馈) on a task; refuse one past the deadline without a reason.
    ``action`` names the task's update in the audit trail (``overwrite``: kept over a newer version)."""
    today = today or clock.today()
    if isinstance(progress_pct, bool) or not isinstance(progress_pct, int) or not 0 <= progress_pct <= 100:
        raise ProgressOutOfRange(progress_pct)
    task = session.get(Task, task_id)
    if task is None:
        raise RecordGone("task", task_id)
    if expected_version is not None and task.version != expected_version:
        raise ConflictError("task", task_id, expected_version, task.version)
    if task.status in CLOSED_STATUSES:
        raise TaskClosed(task.title, task.status)
    reason = reason.strip()
    check_progress(progress_pct, reason, task.title, task.deadline, today)
    session.add(
        TaskUpdate(
            task_id=task.id,
            at=clock.now(),
            by=str(session.info.get("actor") or ""),
            progress_pct=progress_pct,
            note=progress_note(note, reason),
        )
    )
    if action:  # before the attributes change: the statement would autoflush them first
        audit.set_action(session, action)
    task.progress_pct = progress_pct
    if reason:
        task.overdue_reason = reason
    status = status_after(task.status, progress_pct)
    if status != task.status:
        task.status, task.done_on = status, today if status == "done" else None
    try:
        session.flush()
    finally:
        if action:
            audit.set_action(session, None)

    res = settle_resolution(session, task, reason, today)
    return ProgressResult(task.id, task.status, task.progress_pct, res.id, res.status)


def settle_resolution(session: Session, task: Task, reason: str = "", today: dt.date | None = None) -> Resolution:
    """What a task's progress means for its resolution: in progress once any task moves, ready to
    verify when every task is closed (at least one done), back in progress if one reopens. Called
    by every path that records progress, including edits replayed from the offline outbox."""
    today = today or clock.today()
    res = task.resolution
    if reason and res.deadline < today and not res.overdue_reason:
        res.overdue_reason = reason
    statuses = session.scalars(select(Task.status).where(Task.resolution_id == res.id)).all()
    if res.status in ("open", "in_progress"):
        if statuses and all(s in CLOSED_STATUSES for s in statuses) and "done" in statuses:
            res.status, res.completed_on = "ready_to_verify", today
        elif res.status == "open" and any(s != "open" for s in statuses):
            res.status = "in_progress"
    elif res.status == "ready_to_verify" and any(s not in CLOSED_STATUSES for s in statuses):
        res.status, res.completed_on = "in_progress", None
    session.flush()
    return res


def save_progress(
    session: Session,
    task_id: int,
    progress_pct: int,
    note: str = "",
    *,
    reason: str = "",
    base_version: int,
    action: str | None = None,
    today: dt.date | None = None,
) -> ProgressResult:
    """:func:`update_progress` from an editor that loaded the task at ``base_version``: if someone
    saved the task meanwhile, raise :class:`db.core.versioning.ConflictError` with both versions (progress
    and the latest 反馈 note) and change nothing. Keeping one's own version over theirs is saving
    again with ``base_version=their_version`` and ``action="overwrite"``."""
    # FOR UPDATE (PostgreSQL): a save racing this one waits, then sees the new version
    task = session.get(Task, task_id, populate_existing=True, with_for_update=True)
    if task is None:
        raise RecordGone("task", task_id)
    if task.version != base_version:
        raise _progress_conflict(session, task, base_version, progress_pct, note)
    try:
        return update_progress(session, task_id, progress_pct, note, reason=reason, expected_version=base_version,
                               today=today, action=action)
    except StaleDataError:
        # the UPDATE met a newer version: the transaction is gone, read the winner on a session of its own
        bind = session.get_bind()
        with Session(getattr(bind, "engine", bind)) as other:
            fresh = other.get(Task, task_id)
            if fresh is None:
                raise RecordGone("task", task_id) from None
            raise _progress_conflict(other, fresh, base_version, progress_pct, note) from None


def _progress_conflict(session: Session, task: Task, base_version: int, progress_pct: int,
                       note: str) -> ConflictError:
    latest = session.execute(
        select(TaskUpdate.note, TaskUpdate.by).where(TaskUpdate.task_id == task.id)
        .order_by(TaskUpdate.at.desc(), TaskUpdate.id.desc()).limit(1)
    ).first()
    author = session.scalar(
        select(AuditLog.username).where(AuditLog.table_name == "task", AuditLog.row_id == task.id)
        .order_by(AuditLog.id.desc()).limit(1)
    )
    return ConflictError(
        table="task", row_id=task.id, base_version=base_version, their_version=task.version,
        mine={"progress_pct": progress_pct, "note": note},
        theirs={"progress_pct": task.progress_pct, "status": task.status, "note": latest.note if latest else ""},
        their_author=author or (latest.by if latest else ""),
    )


def verify_resolution(
    session: Session, resolution_id: int, meeting_id: int, *, expected_version: int | None = None
) -> None:
    """A later meeting confirms the resolution is carried out (核查): it is done."""
    res = session.get(Resolution, resolution_id)
    if res is None:
        raise RecordGone("resolution", resolution_id)
    if expected_version is not None and res.version != expected_version:
        raise ConflictError("resolution", resolution_id, expected_version, res.version)
    if res.status != "ready_to_verify":
        raise NotReadyToVerify(res.number, res.status)
    made = session.get(Meeting, res.meeting_id)
    at = session.get(Meeting, meeting_id)
    if at is None or made is None or at.starts_at <= made.starts_at:
        raise VerifyingMeetingTooEarly(at.title if at else str(meeting_id))
    res.status = "done"
    res.verified_meeting_id = at.id
    res.completed_on = res.completed_on or at.starts_at.date()
    session.flush()


