"""Sign-in and quorum, against the members of the meeting's body (:mod:`db.meetings.bodies`).

The street committee's members are its term's committee members; any other body's are its own
``meeting_body_member`` rows. A member who left before the meeting's day is not on its roster.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, null, or_, select
from sqlalchemy.orm import Session

from db.core import audit, clock
from db.core.base import ATTENDANCE_STATUSES
from db.meetings.agenda import (
    MeetingError,
    Quorum,
    RosterRow,
    _check_units,
    _meeting,
    _require_open,
    _unit_label,
)
from db.schema.meetings import Attendance, Meeting, MeetingBodyMember, QuorumRule
from db.schema.units import CommitteeMember, ResidentUnit

# --------------------------------------------------------------------------- the body's members at a meeting


def _on_street_committee(meeting: Meeting) -> bool:
    return meeting.body.kind == "street_committee"


def _members(meeting: Meeting) -> Any:
    """(member_id, body_member_id, name, title, unit_id, position) of the body's members at the meeting."""
    day = meeting.starts_at.date()
    if _on_street_committee(meeting):
        return (select(CommitteeMember.id.label("member_id"), cast(null(), Integer).label("body_member_id"),
                       CommitteeMember.name, CommitteeMember.title, CommitteeMember.unit_id,
                       CommitteeMember.position, CommitteeMember.id.label("sort_id"))
                .where(CommitteeMember.term_id == meeting.term_id,
                       or_(CommitteeMember.left_on.is_(None), CommitteeMember.left_on >= day))
                .subquery())
    return (select(MeetingBodyMember.committee_member_id.label("member_id"),
                   MeetingBodyMember.id.label("body_member_id"), MeetingBodyMember.name, MeetingBodyMember.title,
                   MeetingBodyMember.unit_id, MeetingBodyMember.position, MeetingBodyMember.id.label("sort_id"))
            .where(MeetingBodyMember.body_id == meeting.body_id,
                   or_(MeetingBodyMember.left_on.is_(None), MeetingBodyMember.left_on >= day))
            .subquery())


def _signed(meeting: Meeting, members: Any) -> Any:
    """A member's attendance row at the meeting."""
    key = (Attendance.member_id == members.c.member_id if _on_street_committee(meeting)
           else Attendance.body_member_id == members.c.body_member_id)
    return and_(key, Attendance.meeting_id == meeting.id)


def _is_observer() -> Any:
    return and_(Attendance.member_id.is_(None), Attendance.body_member_id.is_(None))


# --------------------------------------------------------------------------- sign-in and quorum


def roster(session: Session, meeting_id: int) -> list[RosterRow]:
    """The body's members (signed in or not, in the body's order) followed by the observers."""
    meeting = _meeting(session, meeting_id)
    members = _members(meeting)
    rows = session.execute(
        select(members.c.member_id, members.c.body_member_id, members.c.name, members.c.title,
               members.c.unit_id, _unit_label(), Attendance)
        .outerjoin(ResidentUnit, ResidentUnit.id == members.c.unit_id)
        .outerjoin(Attendance, _signed(meeting, members))
        .order_by(members.c.position, members.c.sort_id)
    ).all()
    # a body member without a unit (a community's secretary, the owners' committee) is named by post
    out = [RosterRow(member_id=m_id, attendance_id=a.id if a else None, name=name, title=title or "",
                     unit_id=unit_id, unit_name=u or (title or "" if bm_id is not None else ""),
                     status=a.status if a else None,
                     delegate_name=a.delegate_name if a else "", signed_at=a.signed_at if a else None,
                     body_member_id=bm_id)
           for m_id, bm_id, name, title, unit_id, u, a in rows]
    observers = session.execute(
        select(Attendance, _unit_label())
        .outerjoin(ResidentUnit, ResidentUnit.id == Attendance.unit_id)
        .where(Attendance.meeting_id == meeting_id, _is_observer())
        .order_by(Attendance.id)
    ).all()
    out += [RosterRow(member_id=None, attendance_id=a.id, name=a.person_name, title="", unit_id=a.unit_id,
                      unit_name=u or "", status=a.status, delegate_name="", signed_at=a.signed_at)
            for a, u in observers]
    return out


def _find_member(session: Session, meeting: Meeting, member_id: int | None, body_member_id: int | None,
                 person_name: str) -> tuple[int | None, int | None, str, int | None] | None:
    """(member_id, body_member_id, name, unit_id) of the body member named, or None for anybody else."""
    members = _members(meeting)
    stmt = select(members.c.member_id, members.c.body_member_id, members.c.name, members.c.unit_id)
    if body_member_id is not None:
        where = members.c.body_member_id == body_member_id
    elif member_id is not None:
        where = members.c.member_id == member_id
    elif person_name:
        where = members.c.name == person_name
    else:
        return None
    found = session.execute(stmt.where(where).order_by(members.c.position, members.c.sort_id)).first()
    if found is None and (member_id is not None or body_member_id is not None):
        name = person_name
        if member_id is not None and (row := session.get(CommitteeMember, member_id)) is not None:
            name = row.name
        elif body_member_id is not None and (other := session.get(MeetingBodyMember, body_member_id)) is not None:
            name = other.name
        code = "not_in_term" if _on_street_committee(meeting) else "not_in_body"
        raise MeetingError(code, f"{name} is not a member of {meeting.body.name} at this meeting", name=name,
                           body=meeting.body.name)
    return tuple(found) if found is not None else None  # type: ignore[return-value]


def sign_in(session: Session, meeting_id: int, *, status: str, member_id: int | None = None,
            person_name: str = "", unit_id: int | None = None, delegate_name: str = "",
            now: dt.datetime | None = None, body_member_id: int | None = None) -> RosterRow:
    """Record one person's sign-in status.

    A member of the meeting's body is named by ``member_id`` (a committee member), ``body_member_id``
    (a member of another body) or ``person_name`` (exact name). Anybody else can only be recorded
    as an observer (列席); ``delegate_name`` is the person attending for an absent member (代为出席)
    and counts that member as present.
    """
    meeting = _meeting(session, meeting_id)
    _require_open(meeting)
    if status not in ATTENDANCE_STATUSES:
        raise MeetingError("bad_status", f"unknown attendance status {status!r}")
    person_name = (person_name or "").strip()
    delegate_name = (delegate_name or "").strip()
    now = now or clock.now()
    member = _find_member(session, meeting, member_id, body_member_id, person_name)
    if member is None:
        if not person_name:
            raise MeetingError("blank_name", "name the person signing in")
        if status != "observer":
            code = "not_in_term" if _on_street_committee(meeting) else "not_in_body"
            raise MeetingError(code, f"{person_name} is not a member of {meeting.body.name}; "
                               "record them as an observer", name=person_name, body=meeting.body.name)
        if unit_id is not None:
            _check_units(session, [unit_id])
        row = Attendance(meeting_id=meeting_id, member_id=None, unit_id=unit_id, person_name=person_name,
                         status="observer", delegate_name="", signed_at=now)
        with audit.action(session, "sign_in"):
            session.add(row)
        return next(r for r in roster(session, meeting_id) if r.attendance_id == row.id)
    m_id, bm_id, name, m_unit = member
    if status == "observer":
        raise MeetingError("member_as_observer", f"{name} is a member of {meeting.body.name}, not an observer",
                           name=name)
    if delegate_name and status not in ("present", "excused"):
        raise MeetingError("delegate_needs_presence", "a delegate attends for an excused member", name=name)
    key = Attendance.member_id == m_id if bm_id is None else Attendance.body_member_id == bm_id
    row = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id, key)).first()
    with audit.action(session, "sign_in"):
        if row is None:
            row = Attendance(meeting_id=meeting_id, member_id=m_id, body_member_id=bm_id, unit_id=m_unit,
                             person_name=name, status=status)
            session.add(row)
        row.status = status
        row.delegate_name = delegate_name
        row.signed_at = now if (status == "present" or delegate_name) else None
    session.flush()
    return next(r for r in roster(session, meeting_id) if r.attendance_id == row.id)


def remove_observer(session: Session, attendance_id: int) -> None:
    row = session.get(Attendance, attendance_id)
    if row is None or row.member_id is not None or row.body_member_id is not None:
        raise MeetingError("not_found", "there is no such observer")
    _require_open(_meeting(session, row.meeting_id))
    session.delete(row)


def quorum_rule(session: Session, code: str) -> tuple[int, int, bool]:
    row = session.get(QuorumRule, code) or session.get(QuorumRule, "majority")
    if row is None:
        return 1, 2, True
    return row.numerator, row.denominator, row.strict


def required_present(members: int, numerator: int, denominator: int, strict: bool) -> int:
    """The fewest members present that satisfy the rule (more than / at least ``n/d`` of ``members``)."""
    if strict:
        return (numerator * members) // denominator + 1
    return math.ceil(numerator * members / denominator)


def quorum(session: Session, meeting_id: int) -> Quorum:
    """Who is here against the meeting's quorum rule (its body's); one grouped query over the body's members."""
    meeting = _meeting(session, meeting_id)
    members = _members(meeting)
    present = or_(Attendance.status == "present", Attendance.delegate_name != "")
    count, here, delegates, excused, absent, unsigned = session.execute(
        select(
            func.count(members.c.sort_id),
            func.count(case((present, 1))),
            func.count(case((Attendance.delegate_name != "", 1))),
            func.count(case((and_(Attendance.status == "excused", Attendance.delegate_name == ""), 1))),
            func.count(case((Attendance.status == "absent", 1))),
            func.count(case((Attendance.id.is_(None), 1))),
        )
        .select_from(members)
        .outerjoin(Attendance, _signed(meeting, members))
    ).one()
    observers = session.scalar(select(func.count()).select_from(Attendance).where(
        Attendance.meeting_id == meeting_id, _is_observer())) or 0
    num, den, strict = quorum_rule(session, meeting.quorum_rule)
    return Quorum(rule=meeting.quorum_rule, members=int(count), present=int(here), delegates=int(delegates),
                  excused=int(excused), absent=int(absent), observers=int(observers), not_signed=int(unsigned),
                  required=required_present(int(count), num, den, strict))
