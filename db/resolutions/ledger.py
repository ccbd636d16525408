"""决议督办: the resolution and task ledger, progress updates, verification, traceability.

Status rules:

* a task moves ``open → in_progress`` with its first progress and to ``done`` at 100 %;
* a resolution whose tasks are all done, or whose linked cases are all closed (CLOSED or
  EVALUATED), is ``ready_to_verify``; the case rule is enforced by database triggers
  (migration 0006) so it holds whatever closes the case — the case pages, an import, another PC;
* a later meeting verifies it (``verified_meeting_id``) and it is ``done``;
* a progress update on a task past its deadline needs a written reason (督办: a missed deadline
  is explained, not silently carried over).

Errors a person can cause raise :class:`ResolutionError` subclasses with the facts the desktop
layer turns into one sentence; a task or resolution saved meanwhile elsewhere raises
:class:`db.core.versioning.ConflictError`, one that is gone :class:`db.core.versioning.RecordGone`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from db.core import clock
from db.schema.meetings import Meeting, resolution_co_unit
from db.schema.resolutions import Resolution, Task, TaskUpdate
from db.schema.units import ResidentUnit

CLOSED_STATUSES = ("done", "cancelled")


class ResolutionError(ValueError):
    """A request about a resolution or task that cannot be carried out as asked."""


class ProgressOutOfRange(ResolutionError):
    def __init__(self, value: object):
        self.value = value
        super().__init__(f"progress {value!r} is not between 0 and 100")


class OverdueReasonRequired(ResolutionError):
    def __init__(self, title: str, deadline: dt.date):
        self.title = title
        self.deadline = deadline
        super().__init__(f"task {title!r} is past its deadline {deadline}; a reason is required")


class TaskClosed(ResolutionError):
    def __init__(self, title: str, status: str):
        self.title = title
        self.status = status
        super().__init__(f"task {title!r} is {status}")


class NotReadyToVerify(ResolutionError):
    def __init__(self, number: int, status: str):
        self.number = number
        self.status = status
        super().__init__(f"resolution {number} is {status}, not ready to verify")


class VerifyingMeetingTooEarly(ResolutionError):
    def __init__(self, meeting_title: str):
        self.meeting_title = meeting_title
        super().__init__(f"{meeting_title!r} is not after the meeting that made the resolution")


# --------------------------------------------------------------------------- the ledger


@dataclass(frozen=True)
class LedgerRow:
    """One resolution or one of its tasks."""

    kind: str  # "resolution" | "task"
    resolution_id: int
    task_id: int | None
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    number: str  # "3" for a resolution, "3.1" for its first task
    text: str
    owner_unit_id: int
    owner_unit: str
    co_units: tuple[str, ...]
    deadline: dt.date
    status: str
    progress_pct: int | None  # a resolution: the mean of its tasks (None without tasks)
    overdue: bool
    overdue_reason: str
    last_update: dt.datetime | None
    version: int
    verified_meeting_title: str


def ledger(session: Session, today: dt.date | None = None) -> list[LedgerRow]:
    """Every resolution followed by its tasks, newest meeting first."""
    today = today or clock.today()
    owner = aliased(ResidentUnit)
    verified = aliased(Meeting)
    task_stats = (
        select(
            Task.resolution_id.label("rid"),
            func.avg(Task.progress_pct).label("pct"),
        )
        .group_by(Task.resolution_id)
        .subquery()
    )
    last_task_update = (
        select(TaskUpdate.task_id.label("tid"), func.max(TaskUpdate.at).label("last"))
        .group_by(TaskUpdate.task_id)
        .subquery()
    )
    last_res_update = (
        select(Task.resolution_id.label("rid"), func.max(TaskUpdate.at).label("last"))
        .join(TaskUpdate, TaskUpdate.task_id == Task.id)
        .group_by(Task.resolution_id)
        .subquery()
    )
    resolutions = session.execute(
        select(
            Resolution,
            Meeting.title,
            Meeting.starts_at,
            owner.name,
            task_stats.c.pct,
            last_res_update.c.last,
            verified.title,
        )
        .join(Meeting, Meeting.id == Resolution.meeting_id)
        .join(owner, owner.id == Resolution.owner_unit_id)
        .outerjoin(task_stats, task_stats.c.rid == Resolution.id)
        .outerjoin(last_res_update, last_res_update.c.rid == Resolution.id)
        .outerjoin(verified, verified.id == Resolution.verified_meeting_id)
        .order_by(Meeting.starts_at.desc(), Resolution.number)
    ).all()
    co_units: dict[int, list[str]] = {}
    for rid, name in session.execute(
        select(resolution_co_unit.c.resolution_id, ResidentUnit.name)
        .join(ResidentUnit, ResidentUnit.id == resolution_co_unit.c.unit_id)
        .order_by(resolution_co_unit.c.resolution_id, ResidentUnit.id)
    ):
        co_units.setdefault(rid, []).append(name)
    task_owner = aliased(ResidentUnit)
    tasks: dict[int, list[tuple[Task, str, dt.datetime | None]]] = {}
    for task, owner_name, last in session.execute(
        select(Task, task_owner.name, last_task_update.c.last)
        .join(task_owner, task_owner.id == Task.owner_unit_id)
        .outerjoin(last_task_update, last_task_update.c.tid == Task.id)
        .order_by(Task.resolution_id, Task.deadline, Task.id)
    ):
        tasks.setdefault(task.resolution_id, []).append((task, owner_name, last))

    rows: list[LedgerRow] = []
    for res, m_title, m_starts, owner_name, pct, last, verified_title in resolutions:
        co = tuple(co_units.get(res.id, ()))
        rows.append(
            LedgerRow(
                "resolution", res.id, None, res.meeting_id, m_title, m_starts.date(), str(res.number),
                res.text, res.owner_unit_id, owner_name, co, res.deadline, res.status,
                None if pct is None else round(float(pct)),
                res.status in ("open", "in_progress") and res.deadline < today,
                res.overdue_reason, last, res.version, verified_title or "",
            )
        )
        for k, (task, t_owner, t_last) in enumerate(tasks.get(res.id, ()), start=1):
            rows.append(
                LedgerRow(
                    "task", res.id, task.id, res.meeting_id, m_title, m_starts.date(), f"{res.number}.{k}",
                    task.title, task.owner_unit_id, t_owner, co, task.deadline, task.status,
                    task.progress_pct, task.status not in CLOSED_STATUSES and task.deadline < today,
                    task.overdue_reason, t_last, task.version, verified_title or "",
                )
            )
    return rows




@dataclass(frozen=True)
class MeetingChoice:
    """A meeting as the ledger's filters and forms offer it."""

    id: int
    title: str
    starts_at: dt.datetime
    status: str


def unit_names(session: Session, unit_ids: set[int]) -> list[tuple[int, str]]:
    """(id, name) of these resident units, by name."""
    if not unit_ids:
        return []
    return [(uid, name) for uid, name in session.execute(
        select(ResidentUnit.id, ResidentUnit.name).where(ResidentUnit.id.in_(unit_ids)).order_by(ResidentUnit.name))]


def meeting_choices(session: Session) -> list[MeetingChoice]:
    """Every meeting, newest first."""
    return [MeetingChoice(*row) for row in session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status).order_by(Meeting.starts_at.desc()))]
