"""Resident units: choices, the roster, and which member units missed meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from db.core import clock
from db.core.errors import InputError
from db.schema.meetings import Attendance, Meeting
from db.schema.street import Community
from db.schema.units import SCORE_MEASURES, Liaison, MemberUnit, ResidentUnit
from db.street.queries import ATTENDANCE_WINDOW, current_term_id

#: Unit kinds left out of the resident-unit participation ranking: the street office itself and
#: city-level (municipal) units, which take part through their 四联四定 pairings instead.
NOT_RANKED_KINDS = ("other", "municipal")
#: Attendance statuses that mean the unit came (an excused unit that sent a delegate came too).
CAME_STATUSES = ("present", "observer")
MEASURES = SCORE_MEASURES
MAX_ABS_WEIGHT = 1000.0


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _title(text: str | None) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise InputError("empty_title")
    return cleaned


def _ratio(part: int | None, whole: int | None) -> float | None:
    return None if not whole else (part or 0) / whole


# --------------------------------------------------------------------------- choices


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


def community_choices(session: Session) -> list[Choice]:
    rows = session.execute(select(Community.id, Community.name).order_by(Community.code)).all()
    return [Choice(int(i), n) for i, n in rows]


def unit_choices(session: Session, *, kinds: tuple[str, ...] | None = None) -> list[Choice]:
    stmt = select(ResidentUnit.id, ResidentUnit.name).where(ResidentUnit.active).order_by(ResidentUnit.name)
    if kinds:
        stmt = stmt.where(ResidentUnit.kind.in_(kinds))
    return [Choice(int(i), n) for i, n in session.execute(stmt).all()]


def _community_exists(session: Session, community_id: int | None) -> None:
    if community_id is not None and session.get(Community, community_id) is None:
        raise InputError("unknown_community", community=community_id)


def _unit(session: Session, unit_id: int | None) -> ResidentUnit:
    row = session.get(ResidentUnit, unit_id) if unit_id is not None else None
    if row is None:
        raise InputError("unknown_unit", unit=unit_id)
    return row


# --------------------------------------------------------------------------- the roster


@dataclass(frozen=True)
class RosterFilter:
    text: str = ""
    kind: str | None = None
    member: bool | None = None  # member unit of the current term, or not; None: either
    community_id: int | None = None


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    short_name: str
    kind: str
    party_org: str
    community: str
    is_member: bool
    liaison: str
    liaison_phone: str
    contact_person: str
    contact_phone: str
    address: str


def _liaison_column(field):  # noqa: ANN001, ANN202 - a correlated scalar subquery
    return (
        select(field).where(Liaison.unit_id == ResidentUnit.id, Liaison.active)
        .order_by(Liaison.id).limit(1).correlate(ResidentUnit).scalar_subquery()
    )


def unit_roster(session: Session, flt: RosterFilter | None = None) -> list[UnitRow]:
    """The units, filtered; member = sits on the committee in the current term."""
    flt = flt or RosterFilter()
    term_id = current_term_id(session)
    is_member = exists().where(MemberUnit.unit_id == ResidentUnit.id, MemberUnit.term_id == term_id)
    stmt = (
        select(
            ResidentUnit.id, ResidentUnit.name, ResidentUnit.short_name, ResidentUnit.kind,
            ResidentUnit.party_org, func.coalesce(Community.name, ""), is_member.label("is_member"),
            func.coalesce(_liaison_column(Liaison.name), ""), func.coalesce(_liaison_column(Liaison.phone), ""),
            ResidentUnit.contact_person, ResidentUnit.contact_phone, ResidentUnit.address,
        )
        .outerjoin(Community, Community.id == ResidentUnit.community_id)
        .where(ResidentUnit.active)
        .order_by(is_member.desc(), ResidentUnit.kind, ResidentUnit.name)
    )
    if flt.kind:
        stmt = stmt.where(ResidentUnit.kind == flt.kind)
    if flt.member is not None:
        stmt = stmt.where(is_member if flt.member else ~is_member)
    if flt.community_id is not None:
        stmt = stmt.where(ResidentUnit.community_id == flt.community_id)
    text = flt.text.strip()
    if text:
        pattern = f"%{text.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(or_(
            ResidentUnit.name.ilike(pattern), ResidentUnit.short_name.ilike(pattern),
            ResidentUnit.party_org.ilike(pattern), ResidentUnit.contact_person.ilike(pattern),
            ResidentUnit.address.ilike(pattern),
        ))
    return [UnitRow(int(r[0]), r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9], r[10], r[11])
            for r in session.execute(stmt).all()]


# --------------------------------------------------------------------------- question 1


@dataclass(frozen=True)
class MeetingRef:
    id: int
    starts_at: dt.datetime
    title: str


@dataclass(frozen=True)
class MissedUnit:
    unit_id: int
    name: str
    liaison: str
    liaison_phone: str
    statuses: tuple[str, ...]  # per meeting of the answer, newest first: absent / excused / none


@dataclass(frozen=True)
class MissedMeetings:
    meetings: tuple[MeetingRef, ...]  # the last meetings held, newest first
    units: tuple[MissedUnit, ...]


def _came():  # noqa: ANN202 - a SQL condition
    return or_(Attendance.status.in_(CAME_STATUSES),
               and_(Attendance.status == "excused", Attendance.delegate_name != ""))


def member_units_missing_meetings(session: Session, now: dt.datetime | None = None,
                                  window: int = ATTENDANCE_WINDOW) -> MissedMeetings:
    """Member units of the current term that came to none of the last ``window`` meetings held.

    "Held" = started by ``now`` with a sign-in record. A unit came if it signed in present or as an
    observer, or was excused and sent a delegate (代为出席).
    """
    now = now or clock.now()
    term_id = current_term_id(session)
    meetings = tuple(
        MeetingRef(int(i), s, t) for i, s, t in session.execute(
            select(Meeting.id, Meeting.starts_at, Meeting.title)
            .where(Meeting.term_id == term_id, Meeting.starts_at <= now,
                   Meeting.id.in_(select(Attendance.meeting_id)))
            .order_by(Meeting.starts_at.desc()).limit(window)
        ).all()
    )
    if not meetings:
        return MissedMeetings((), ())
    ids = [m.id for m in meetings]
    came = exists().where(Attendance.unit_id == ResidentUnit.id, Attendance.meeting_id.in_(ids), _came())
    units = session.execute(
        select(ResidentUnit.id, ResidentUnit.name, func.coalesce(_liaison_column(Liaison.name), ""),
               func.coalesce(_liaison_column(Liaison.phone), ""))
        .join(MemberUnit, MemberUnit.unit_id == ResidentUnit.id)
        .where(MemberUnit.term_id == term_id, ~came)
        .order_by(ResidentUnit.name)
    ).all()
    marks: dict[tuple[int, int], str] = {
        (int(u), int(m)): s for u, m, s in session.execute(
            select(Attendance.unit_id, Attendance.meeting_id, Attendance.status)
            .where(Attendance.meeting_id.in_(ids), Attendance.unit_id.in_([u[0] for u in units]))
        ).all()
    }
    return MissedMeetings(meetings, tuple(
        MissedUnit(int(u), n, li, ph, tuple(marks.get((int(u), m), "none") for m in ids))
        for u, n, li, ph in units
    ))


