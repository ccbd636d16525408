"""Typed read queries. Aggregates are computed in SQL; results are frozen dataclasses.

One function per figure: the dashboard, the projector and the reports all call the same one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import Session

from db.cases.queries import overdue_condition
from db.core import clock
from db.core.base import OPEN_CASE_STATES, OPEN_RESOLUTION_STATUSES
from db.meetings.agenda import STREET_COMMITTEE_NAME
from db.meetings.bodies import street_committee_id
from db.schema.cases import GridCase
from db.schema.meetings import Attendance, Meeting, MeetingBody
from db.schema.pairings import AgreementItem, AnnualAgreement
from db.schema.resolutions import Resolution
from db.schema.units import MemberUnit
from db.street.queries import ATTENDANCE_WINDOW, current_term_id, street_name


def _ratio(part: int | None, whole: int | None) -> float | None:
    return None if not whole else (part or 0) / whole


@dataclass(frozen=True)
class OverviewKpis:
    street_name: str
    open_cases: int
    overdue_cases: int
    closed_last_year: int
    on_time_rate: float | None  # share of cases closed in the last 365 days closed by the deadline
    open_resolutions: int
    overdue_resolutions: int
    attendance_meetings: int  # how many past meetings of the body the attendance rate covers
    attendance_rate: float | None  # member units present / expected at those meetings
    attendance_body: str  # the body whose meetings they are: the street committee (大工委)
    agreement_year: int
    agreement_items_done: int
    agreement_items_total: int


def case_backlog(session: Session, now: dt.datetime) -> tuple[int, int]:
    """(open cases, overdue open cases). A case on hold has its deadline clock paused."""
    is_open = GridCase.state.in_(OPEN_CASE_STATES)
    overdue = overdue_condition(now)
    row = session.execute(
        select(func.count(), func.count(case((overdue, 1)))).select_from(GridCase).where(is_open)
    ).one()
    return int(row[0]), int(row[1])


def on_time_closure(session: Session, now: dt.datetime, days: int = 365) -> tuple[int, float | None]:
    """(cases closed in the last ``days`` days, share of them closed by their deadline)."""
    since = now - dt.timedelta(days=days)
    on_time = GridCase.closed_at <= GridCase.deadline_at
    closed, in_time = session.execute(
        select(func.count(), func.count(case((on_time, 1))))
        .select_from(GridCase)
        .where(GridCase.closed_at.is_not(None), GridCase.closed_at >= since)
    ).one()
    return int(closed), _ratio(in_time, closed)


def resolution_backlog(session: Session, today: dt.date) -> tuple[int, int]:
    """(open resolutions, of which past their deadline)."""
    row = session.execute(
        select(func.count(), func.count(case((Resolution.deadline < today, 1))))
        .select_from(Resolution)
        .where(Resolution.status.in_(OPEN_RESOLUTION_STATUSES))
    ).one()
    return int(row[0]), int(row[1])


def member_attendance(session: Session, term_id: int | None, now: dt.datetime,
                      window: int = ATTENDANCE_WINDOW, body_id: int | None = None) -> tuple[int, float | None]:
    """(meetings counted, share of member-unit attendance rows marked present).

    Counts the last ``window`` meetings of the term (of ``body_id``'s, when given) that have
    already taken place and have a sign-in record; observers (列席) are not members and are left out.
    """
    if term_id is None:
        return 0, None
    recent = (
        select(Meeting.id)
        .where(Meeting.term_id == term_id, Meeting.starts_at <= now,
               Meeting.body_id == body_id if body_id is not None else true(),
               Meeting.id.in_(select(Attendance.meeting_id)))
        .order_by(Meeting.starts_at.desc())
        .limit(window)
        .subquery()
    )
    member_units = select(MemberUnit.unit_id).where(MemberUnit.term_id == term_id)
    meetings, present, expected = session.execute(
        select(
            func.count(func.distinct(Attendance.meeting_id)),
            func.count(case((Attendance.status == "present", 1))),
            func.count(),
        ).where(
            Attendance.meeting_id.in_(select(recent.c.id)),
            Attendance.unit_id.in_(member_units),
            Attendance.status != "observer",
        )
    ).one()
    return int(meetings), _ratio(present, expected)


def agreement_progress(session: Session, year: int) -> tuple[int, int]:
    """(agreement items done, all items) in the year's 四联四定 agreements."""
    done, total = session.execute(
        select(func.count(case((AgreementItem.status == "done", 1))), func.count())
        .select_from(AgreementItem)
        .join(AnnualAgreement, AgreementItem.agreement_id == AnnualAgreement.id)
        .where(AnnualAgreement.year == year, AgreementItem.status != "cancelled")
    ).one()
    return int(done), int(total)


def overview_kpis(session: Session, now: dt.datetime | None = None) -> OverviewKpis:
    now = now or clock.now()
    open_cases, overdue_cases = case_backlog(session, now)
    closed, on_time = on_time_closure(session, now)
    open_res, overdue_res = resolution_backlog(session, now.date())
    body_id = street_committee_id(session)  # the member units are the 大工委's
    meetings, attendance = member_attendance(session, current_term_id(session), now, body_id=body_id)
    body_name = session.get(MeetingBody, body_id).name if body_id is not None else STREET_COMMITTEE_NAME
    done, total = agreement_progress(session, now.year)
    return OverviewKpis(
        street_name=street_name(session),
        open_cases=open_cases,
        overdue_cases=overdue_cases,
        closed_last_year=closed,
        on_time_rate=on_time,
        open_resolutions=open_res,
        overdue_resolutions=overdue_res,
        attendance_meetings=meetings,
        attendance_rate=attendance,
        attendance_body=body_name,
        agreement_year=now.year,
        agreement_items_done=done,
        agreement_items_total=total,
    )
