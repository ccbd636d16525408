"""Sign-in and quorum."""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import and_, case, func, or_, select
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
from db.schema.meetings import Attendance, QuorumRule
from db.schema.units import CommitteeMember, ResidentUnit

# --------------------------------------------------------------------------- sign-in and quorum


def roster(session: Session, meeting_id: int) -> list[RosterRow]:
    """The term's members (signed in or not, in committee order) followed by the observers."""
    meeting = _meeting(session, meeting_id)
    members = session.execute(
        select(CommitteeMember, _unit_label(), Attendance)
        .outerjoin(ResidentUnit, ResidentUnit.id == CommitteeMember.unit_id)
        .outerjoin(Attendance, and_(Attendance.member_id == CommitteeMember.id,
                                    Attendance.meeting_id == meeting_id))
        .where(CommitteeMember.term_id == meeting.term_id)
        .order_by(CommitteeMember.position, CommitteeMember.id)
    ).all()
    out = [RosterRow(member_id=m.id, attendance_id=a.id if a else None, name=m.name, title=m.title,
                     unit_id=m.unit_id, unit_name=u or "", status=a.status if a else None,
                     delegate_name=a.delegate_name if a else "", signed_at=a.signed_at if a else None)
           for m, u, a in members]
    observers = session.execute(
        select(Attendance, _unit_label())
        .outerjoin(ResidentUnit, ResidentUnit.id == Attendance.unit_id)
        .where(Attendance.meeting_id == meeting_id, Attendance.member_id.is_(None))
        .order_by(Attendance.id)
    ).all()
    out += [RosterRow(member_id=None, attendance_id=a.id, name=a.person_name, title="", unit_id=a.unit_id,
                      unit_name=u or "", status=a.status, delegate_name="", signed_at=a.signed_at)
            for a, u in observers]
    return out


def sign_in(session: Session, meeting_id: int, *, status: str, member_id: int | None = None,
            person_name: str = "", unit_id: int | None = None, delegate_name: str = "",
            now: dt.datetime | None = None) -> RosterRow:
    """Record one person's sign-in status.

    A member of the meeting's term is named by ``member_id`` or by ``person_name`` (exact name).
    Anybody else can only be recorded as an observer (列席); ``delegate_name`` is the person
    attending for an absent member (代为出席) and counts that member as present.
    """
    meeting = _meeting(session, meeting_id)
    _require_open(meeting)
    if status not in ATTENDANCE_STATUSES:
        raise MeetingError("bad_status", f"unknown attendance status {status!r}")
    person_name = (person_name or "").strip()
    delegate_name = (delegate_name or "").strip()
    now = now or clock.now()
    member: CommitteeMember | None = None
    if member_id is not None:
        member = session.get(CommitteeMember, member_id)
        if member is None or member.term_id != meeting.term_id:
            raise MeetingError("not_in_term", "this person is not a member of the meeting's committee term",
                               name=member.name if member else person_name)
    elif person_name:
        member = session.scalars(select(CommitteeMember).where(
            CommitteeMember.term_id == meeting.term_id, CommitteeMember.name == person_name)).first()
    if member is None:
        if not person_name:
            raise MeetingError("blank_name", "name the person signing in")
        if status != "observer":
            raise MeetingError("not_in_term", f"{person_name} is not a member of the meeting's committee term; "
                               "record them as an observer", name=person_name)
        if unit_id is not None:
            _check_units(session, [unit_id])
        row = Attendance(meeting_id=meeting_id, member_id=None, unit_id=unit_id, person_name=person_name,
                         status="observer", delegate_name="", signed_at=now)
        with audit.action(session, "sign_in"):
            session.add(row)
        return next(r for r in roster(session, meeting_id) if r.attendance_id == row.id)
    if status == "observer":
        raise MeetingError("member_as_observer", f"{member.name} is a member of the term, not an observer",
                           name=member.name)
    if delegate_name and status not in ("present", "excused"):
        raise MeetingError("delegate_needs_presence", "a delegate attends for an excused member",
                           name=member.name)
    row = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                                   Attendance.member_id == member.id)).first()
    with audit.action(session, "sign_in"):
        if row is None:
            row = Attendance(meeting_id=meeting_id, member_id=member.id, unit_id=member.unit_id,
                             person_name=member.name, status=status)
            session.add(row)
        row.status = status
        row.delegate_name = delegate_name
        row.signed_at = now if (status == "present" or delegate_name) else None
    return next(r for r in roster(session, meeting_id) if r.member_id == member.id)


def remove_observer(session: Session, attendance_id: int) -> None:
    row = session.get(Attendance, attendance_id)
    if row is None or row.member_id is not None:
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
    """Who is here against the meeting's quorum rule; one grouped query over the term's members."""
    meeting = _meeting(session, meeting_id)
    present = or_(Attendance.status == "present", Attendance.delegate_name != "")
    members, here, delegates, excused, absent, unsigned = session.execute(
        select(
            func.count(CommitteeMember.id),
            func.count(case((present, 1))),
            func.count(case((Attendance.delegate_name != "", 1))),
            func.count(case((and_(Attendance.status == "excused", Attendance.delegate_name == ""), 1))),
            func.count(case((Attendance.status == "absent", 1))),
            func.count(case((Attendance.id.is_(None), 1))),
        )
        .select_from(CommitteeMember)
        .outerjoin(Attendance, and_(Attendance.member_id == CommitteeMember.id, Attendance.meeting_id == meeting_id))
        .where(CommitteeMember.term_id == meeting.term_id)
    ).one()
    observers = session.scalar(select(func.count()).select_from(Attendance).where(
        Attendance.meeting_id == meeting_id, Attendance.member_id.is_(None))) or 0
    num, den, strict = quorum_rule(session, meeting.quorum_rule)
    return Quorum(rule=meeting.quorum_rule, members=int(members), present=int(here), delegates=int(delegates),
                  excused=int(excused), absent=int(absent), observers=int(observers), not_signed=int(unsigned),
                  required=required_present(int(members), num, den, strict))


