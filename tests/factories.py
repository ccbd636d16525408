"""Small, explicit builders for tests that need a known database (not the random demo)."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy.orm import Session

from db.meetings.agenda import street_committee_body
from db.schema.cases import GridCase
from db.schema.meetings import Attendance, Meeting
from db.schema.pairings import AgreementItem, AnnualAgreement, Pairing
from db.schema.resolutions import Resolution
from db.schema.street import CommitteeTerm, Community, StreetOffice
from db.schema.units import CommitteeMember, Liaison, MemberUnit, Project, ProjectClaim, ResidentUnit

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
    body = street_committee_body(session, term_row.street_id)
    row = Meeting(term_id=term_row.id, body_id=body.id, kind="regular", title=f"例会{next(_seq)}", starts_at=starts,
                  status=status)
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


# --------------------------------------------------------------------------- units, three lists, pairings


def project(session: Session, title: str, *, published: dt.date = dt.date(2026, 1, 10), status: str = "open",
            community_row: Community | None = None) -> Project:
    row = Project(title=title, published_on=published, status=status,
                  community_id=community_row.id if community_row else None)
    session.add(row)
    session.flush()
    return row


def claim(session: Session, project_row: Project, u: ResidentUnit, *, status: str = "claimed",
          on: dt.date = dt.date(2026, 2, 1), delivered: dt.date | None = None) -> ProjectClaim:
    row = ProjectClaim(project_id=project_row.id, unit_id=u.id, claimed_on=on, status=status, delivered_on=delivered)
    session.add(row)
    session.flush()
    return row


def agreement_item(session: Session, agreement_row: AnnualAgreement, title: str, due: dt.date, *,
                   status: str = "planned", progress: int = 0, person: str = "") -> AgreementItem:
    row = AgreementItem(agreement_id=agreement_row.id, title=title, due_on=due, status=status, progress_pct=progress,
                        responsible_person=person)
    session.add(row)
    session.flush()
    return row


PARTICIPATION_TODAY = dt.date(2026, 6, 15)


def participation_street(session: Session) -> dict[str, int]:
    """A small street whose three answers are known (as of :data:`PARTICIPATION_TODAY`).

    * Member units that came to none of the last three meetings: 云帆物流 (absent at all three,
      present only at the first) and 嘉和物业 (excused three times, no delegate). 汇湖小学 came;
      区五院 was excused once but sent a delegate. 派出所 is not a member.
    * Projects nobody claimed: 社区助餐点 (no claim) and 楼道照明 (its only claim was withdrawn);
      the cancelled 旧项目 does not count.
    * Overdue agreement items: 市民政局's 走访慰问 (due 2026-03-01, in progress, 张三) and
      市教育局's 2025 item 暑期托管 (due 2025-10-01, planned, 李四).
    """
    office = street(session, "测试街道")
    c1 = community(session, office, "滨湖社区")
    c2 = community(session, office, "望湖社区")
    school = unit(session, office, "汇湖小学", "school")
    firm = unit(session, office, "云帆物流", "company")
    hospital = unit(session, office, "区五院", "hospital")
    prop = unit(session, office, "嘉和物业", "property")
    police = unit(session, office, "汇湖派出所", "police")
    own = unit(session, office, "测试街道办事处", "other")
    civil = unit(session, office, "市民政局", "municipal")
    edu = unit(session, office, "市教育局", "municipal")
    for u, c in ((school, c1), (firm, c1), (hospital, c2), (prop, c2), (police, c1), (own, c1)):
        u.community_id = c.id
    session.add(Liaison(unit_id=firm.id, name="王联络", phone="138-0000-0001"))
    t = term(session, office, school, firm, hospital, prop)
    base = dt.datetime(2026, 2, 10, 9)
    meetings = [meeting(session, t, base + dt.timedelta(days=30 * i)) for i in range(4)]
    meeting(session, t, dt.datetime(2026, 7, 1, 9), status="planned")  # ahead, no sign-in
    marks = {
        school: ("present", "present", "absent", "present"),
        firm: ("present", "absent", "absent", "absent"),
        hospital: ("present", "absent", "excused", "absent"),
        prop: ("present", "excused", "excused", "excused"),
    }
    for u, statuses in marks.items():
        for m, status in zip(meetings, statuses, strict=True):
            session.add(Attendance(meeting_id=m.id, unit_id=u.id, person_name=u.name[:2], status=status,
                                   delegate_name="代表" if (u is hospital and m is meetings[2]) else ""))
    session.add(Attendance(meeting_id=meetings[3].id, unit_id=police.id, person_name="列席", status="observer"))
    fed = project(session, "社区助餐点", community_row=c1)
    lights = project(session, "楼道照明", community_row=c2)
    claimed = project(session, "图书角", community_row=c1)
    project(session, "旧项目", status="cancelled")
    claim(session, lights, school, status="withdrawn")
    claim(session, claimed, firm)
    claimed.status = "claimed"
    a1 = agreement(session, civil, c1, 2026, [])
    late = agreement_item(session, a1, "走访慰问", dt.date(2026, 3, 1), status="in_progress", progress=40,
                          person="张三")
    agreement_item(session, a1, "主题党日", dt.date(2026, 3, 1), status="done", progress=100, person="张三")
    agreement_item(session, a1, "政策宣讲", dt.date(2026, 12, 1), person="张三")
    agreement_item(session, a1, "取消的事项", dt.date(2026, 2, 1), status="cancelled", person="张三")
    a2 = agreement(session, edu, c2, 2025, [])
    old = agreement_item(session, a2, "暑期托管", dt.date(2025, 10, 1), person="李四")
    agreement_item(session, a2, "图书捐赠", dt.date(2025, 9, 1), status="done", progress=100, person="李四")
    session.flush()
    return {
        "c1": c1.id, "c2": c2.id, "school": school.id, "firm": firm.id, "hospital": hospital.id, "prop": prop.id,
        "police": police.id, "own": own.id, "civil": civil.id, "edu": edu.id, "fed": fed.id, "lights": lights.id,
        "claimed": claimed.id, "late_item": late.id, "old_item": old.id, "a1": a1.id, "a2": a2.id,
        "pairing1": a1.pairing_id, "pairing2": a2.pairing_id, "last_meeting": meetings[3].id,
    }
