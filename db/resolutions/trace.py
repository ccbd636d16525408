"""Traceability: from a resolution to its meeting, cases and tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.core.versioning import RecordGone
from db.schema.cases import GridCase
from db.schema.meetings import AgendaItem, Meeting, resolution_agreement_item, resolution_case
from db.schema.pairings import AgreementItem
from db.schema.resolutions import Resolution, Task, TaskUpdate
from db.schema.units import ResidentUnit

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
        raise RecordGone("resolution", resolution_id)
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
        raise RecordGone("resolution", resolution_id)
    made = session.get(Meeting, res.meeting_id)
    assert made is not None
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .where(Meeting.starts_at > made.starts_at, Meeting.status.in_(("in_progress", "closed", "approved")))
        .order_by(Meeting.starts_at.desc())
    )
    return [MeetingRef(mid, title, starts.date()) for mid, title, starts in rows]


