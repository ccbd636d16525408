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
layer turns into one sentence.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from db import audit
from db.editing import ConflictError
from db.models import (
    AgendaItem,
    AgreementItem,
    AuditLog,
    GridCase,
    Meeting,
    ResidentUnit,
    Resolution,
    Task,
    TaskUpdate,
    resolution_agreement_item,
    resolution_case,
    resolution_co_unit,
)

CLOSED_STATUSES = ("done", "cancelled")


class ResolutionError(ValueError):
    """A request about a resolution or task that cannot be carried out as asked."""


class NoSuchTask(ResolutionError):
    def __init__(self, task_id: int):
        self.task_id = task_id
        super().__init__(f"there is no task {task_id}")


class NoSuchResolution(ResolutionError):
    def __init__(self, resolution_id: int):
        self.resolution_id = resolution_id
        super().__init__(f"there is no resolution {resolution_id}")


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


class StaleRecord(ResolutionError):
    """The row changed since the editor loaded it (another PC saved first)."""

    def __init__(self, what: str, expected: int, actual: int):
        self.what = what
        self.expected = expected
        self.actual = actual
        super().__init__(f"{what} is at version {actual}, the edit started from {expected}")


class NotReadyToVerify(ResolutionError):
    def __init__(self, number: int, status: str):
        self.number = number
        self.status = status
        super().__init__(f"resolution {number} is {status}, not ready to verify")


class VerifyingMeetingTooEarly(ResolutionError):
    def __init__(self, meeting_title: str):
        self.meeting_title = meeting_title
        super().__init__(f"{meeting_title!r} is not after the meeting that made the resolution")


def _today() -> dt.date:
    return dt.date.today()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


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
    today = today or _today()
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
    if deadline < (today or _today()) and not reason.strip():
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
    today = today or _today()
    if isinstance(progress_pct, bool) or not isinstance(progress_pct, int) or not 0 <= progress_pct <= 100:
        raise ProgressOutOfRange(progress_pct)
    task = session.get(Task, task_id)
    if task is None:
        raise NoSuchTask(task_id)
    if expected_version is not None and task.version != expected_version:
        raise StaleRecord("task", expected_version, task.version)
    if task.status in CLOSED_STATUSES:
        raise TaskClosed(task.title, task.status)
    reason = reason.strip()
    check_progress(progress_pct, reason, task.title, task.deadline, today)
    session.add(
        TaskUpdate(
            task_id=task.id,
            at=_now(),
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
    today = today or _today()
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
    saved the task meanwhile, raise :class:`db.editing.ConflictError` with both versions (progress
    and the latest 反馈 note) and change nothing. Keeping one's own version over theirs is saving
    again with ``base_version=their_version`` and ``action="overwrite"``."""
    # FOR UPDATE (PostgreSQL): a save racing this one waits, then sees the new version
    task = session.get(Task, task_id, populate_existing=True, with_for_update=True)
    if task is None:
        raise NoSuchTask(task_id)
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
                raise NoSuchTask(task_id) from None
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
        raise NoSuchResolution(resolution_id)
    if expected_version is not None and res.version != expected_version:
        raise StaleRecord("resolution", expected_version, res.version)
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


# --------------------------------------------------------------------------- traceability


@dataclass(frozen=True)
class MeetingRef:
    id: int
    title: str
    date: dt.date


@dataclass(frozen=True)
class CaseRef:
    id: int
    number: str
    title: str
    state: str
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class AgreementRef:
    id: int
    title: str
    progress_pct: int
    status: str
    due_on: dt.date


@dataclass(frozen=True)
class UpdateRef:
    task_title: str
    at: dt.datetime
    by: str
    progress_pct: int
    note: str


@dataclass(frozen=True)
class Trace:
    """The chain of one resolution: made → cases and agreement items → progress → verified."""

    resolution_id: int
    number: int
    text: str
    owner_unit: str
    deadline: dt.date
    status: str
    made_at: MeetingRef
    agenda_item: str
    cases: tuple[CaseRef, ...]
    agreement_items: tuple[AgreementRef, ...]
    updates: tuple[UpdateRef, ...]
    verified_at: MeetingRef | None


def trace(session: Session, resolution_id: int) -> Trace:
    res = session.get(Resolution, resolution_id)
    if res is None:
        raise NoSuchResolution(resolution_id)
    made = session.get(Meeting, res.meeting_id)
    assert made is not None
    item = session.get(AgendaItem, res.agenda_item_id) if res.agenda_item_id else None
    owner = session.get(ResidentUnit, res.owner_unit_id)
    cases = session.execute(
        select(GridCase.id, GridCase.case_number, GridCase.title, GridCase.state, GridCase.closed_at)
        .join(resolution_case, resolution_case.c.case_id == GridCase.id)
        .where(resolution_case.c.resolution_id == res.id)
        .order_by(GridCase.case_number)
    )
    items = session.execute(
        select(AgreementItem.id, AgreementItem.title, AgreementItem.progress_pct, AgreementItem.status, AgreementItem.due_on)
        .join(resolution_agreement_item, resolution_agreement_item.c.item_id == AgreementItem.id)
        .where(resolution_agreement_item.c.resolution_id == res.id)
        .order_by(AgreementItem.due_on)
    )
    updates = session.execute(
        select(Task.title, TaskUpdate.at, TaskUpdate.by, TaskUpdate.progress_pct, TaskUpdate.note)
        .join(Task, Task.id == TaskUpdate.task_id)
        .where(Task.resolution_id == res.id)
        .order_by(TaskUpdate.at, TaskUpdate.id)
    )
    verified = session.get(Meeting, res.verified_meeting_id) if res.verified_meeting_id else None
    return Trace(
        res.id, res.number, res.text, owner.name if owner else "", res.deadline, res.status,
        MeetingRef(made.id, made.title, made.starts_at.date()),
        item.title if item else "",
        tuple(CaseRef(*row) for row in cases),
        tuple(AgreementRef(*row) for row in items),
        tuple(UpdateRef(*row) for row in updates),
        MeetingRef(verified.id, verified.title, verified.starts_at.date()) if verified else None,
    )


def verifying_meetings(session: Session, resolution_id: int) -> list[MeetingRef]:
    """Meetings held after the one that made the resolution: where it can be verified."""
    res = session.get(Resolution, resolution_id)
    if res is None:
        raise NoSuchResolution(resolution_id)
    made = session.get(Meeting, res.meeting_id)
    assert made is not None
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .where(Meeting.starts_at > made.starts_at, Meeting.status.in_(("in_progress", "closed", "approved")))
        .order_by(Meeting.starts_at.desc())
    )
    return [MeetingRef(mid, title, starts.date()) for mid, title, starts in rows]


# --------------------------------------------------------------------------- the ledger as a workbook


LEDGER_HEADERS = (
    ("会议", 30), ("会议日期", 12), ("编号", 7), ("类别", 7), ("议定事项／任务", 60), ("牵头单位", 24),
    ("配合单位", 24), ("完成时限", 12), ("状态", 9), ("进度", 8), ("是否逾期", 9), ("逾期原因", 30),
    ("最近反馈", 17), ("核查会议", 30),
)
STATUS_ZH = {
    "open": "未开始", "in_progress": "推进中", "ready_to_verify": "待核查", "done": "已办结", "cancelled": "已撤销",
}


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def write_ledger_xlsx(rows: Sequence[LedgerRow], out: Path, as_of: dt.date) -> None:
    """Write the 台账 workbook; the file appears whole or not at all (OSError if it cannot)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "决议任务台账"
    ws.append([f"大工委议定事项及任务台账（截至{_cn_date(as_of)}）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LEDGER_HEADERS))
    ws["A1"].font = Font(name="黑体", size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([h for h, _w in LEDGER_HEADERS])
    thin = Side(style="thin", color="999999")
    head_fill = PatternFill("solid", fgColor="DDE4EE")
    overdue_fill = PatternFill("solid", fgColor="FBE3E1")
    for col, (_h, width) in enumerate(LEDGER_HEADERS, start=1):
        cell = ws.cell(row=2, column=col)
        cell.font = Font(name="黑体", bold=True)
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in rows:
        ws.append([
            row.meeting_title,
            row.meeting_date,
            row.number,
            "决议" if row.kind == "resolution" else "任务",
            row.text,
            row.owner_unit,
            "、".join(row.co_units),
            row.deadline,
            STATUS_ZH.get(row.status, row.status),
            None if row.progress_pct is None else row.progress_pct / 100,
            "逾期" if row.overdue else "",
            row.overdue_reason,
            row.last_update,
            row.verified_meeting_title,
        ])
        r = ws.max_row
        ws.cell(r, 2).number_format = "yyyy-mm-dd"
        ws.cell(r, 8).number_format = "yyyy-mm-dd"
        ws.cell(r, 10).number_format = "0%"
        ws.cell(r, 13).number_format = "yyyy-mm-dd hh:mm"
        for col in range(1, len(LEDGER_HEADERS) + 1):
            cell = ws.cell(r, col)
            cell.alignment = Alignment(vertical="top", wrap_text=col in (1, 5, 6, 7, 12, 14))
            cell.border = Border(bottom=thin)
            if row.kind == "resolution":
                cell.font = Font(bold=col in (3, 5))
            if row.overdue:
                cell.fill = overdue_fill
        if row.overdue:
            ws.cell(r, 11).font = Font(bold=True, color="B00020")
    ws.freeze_panes = "F3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(LEDGER_HEADERS))}{max(ws.max_row, 2)}"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    save_atomically(out, wb.save)


def save_atomically(out: Path, write: Callable[[str], object]) -> None:
    """Write to a temporary file beside ``out`` and move it into place: never a half file."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=folder)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(out)) from error
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, out)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(out)) from error
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
