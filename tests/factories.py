"""Small, explicit builders for tests that need a known database (not the random demo)."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy.orm import Session

from db.models import (
    AgreementItem,
    AnnualAgreement,
    Attendance,
    CommitteeMember,
    CommitteeTerm,
    Community,
    GridCase,
    Meeting,
    MemberUnit,
    Pairing,
    ResidentUnit,
    Resolution,
    StreetOffice,
)

_seq = itertools.count(1)


def street(session: Session, name: str = "测试街道") -> StreetOffice:
    office = StreetOffice(code=f"340111{next(_seq):03d}", name=name, district="包河区", city="合肥市")
    session.add(office)
    session.flush()
    return office


def community(session: Session, office: StreetOffice, name: str = "滨湖社区") -> Community:
    row = Community(street_id=office.id, code=f"{office.code}{next(_seq):03d}", name=name)
    session.add(row)
    session.flush()
    return row


def unit(session: Session, office: StreetOffice, name: str, kind: str = "school") -> ResidentUnit:
    row = ResidentUnit(street_id=office.id, name=name, kind=kind)
    session.add(row)
    session.flush()
    return row


def term(session: Session, office: StreetOffice, *units: ResidentUnit) -> CommitteeTerm:
    row = CommitteeTerm(street_id=office.id, number=3, name="第三届", started_on=dt.date(2025, 1, 1), is_current=True)
    session.add(row)
    session.flush()
    for position, u in enumerate(units):
        session.add(MemberUnit(term_id=row.id, unit_id=u.id))
        session.add(CommitteeMember(term_id=row.id, name=f"委员{position}", kind="part_time", unit_id=u.id,
                                    position=position))
    session.flush()
    return row


def case(session: Session, *, reported: dt.datetime, deadline: dt.datetime, state: str = "IN_PROGRESS",
         closed: dt.datetime | None = None, supervised: bool = False) -> GridCase:
    row = GridCase(case_number=f"C{next(_seq):06d}", title="事件", reported_at=reported, deadline_at=deadline,
                   state=state, closed_at=closed, supervised=supervised)
    session.add(row)
    return row


def meeting(session: Session, term_row: CommitteeTerm, starts: dt.datetime, status: str = "approved") -> Meeting:
    row = Meeting(term_id=term_row.id, kind="regular", title=f"例会{next(_seq)}", starts_at=starts, status=status)
    session.add(row)
    session.flush()
    return row


def sign_in(session: Session, meeting_row: Meeting, u: ResidentUnit | None, status: str, name: str = "某某") -> None:
    session.add(Attendance(meeting_id=meeting_row.id, unit_id=u.id if u else None, person_name=name, status=status))


def resolution(session: Session, meeting_row: Meeting, owner: ResidentUnit, deadline: dt.date,
               status: str = "open") -> Resolution:
    row = Resolution(meeting_id=meeting_row.id, number=next(_seq), text="决议", owner_unit_id=owner.id,
                     deadline=deadline, status=status)
    session.add(row)
    return row


def agreement(session: Session, municipal: ResidentUnit, comm: Community, year: int,
              statuses: list[str]) -> AnnualAgreement:
    pairing = Pairing(municipal_unit_id=municipal.id, community_id=comm.id, since_year=2014)
    session.add(pairing)
    session.flush()
    row = AnnualAgreement(pairing_id=pairing.id, year=year)
    session.add(row)
    session.flush()
    for i, status in enumerate(statuses):
        session.add(AgreementItem(agreement_id=row.id, title=f"事项{i}", due_on=dt.date(year, 12, 1), status=status,
                                  progress_pct=100 if status == "done" else 50))
    return row
