"""A unit's profile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from db.core import clock
from db.core.base import OPEN_RESOLUTION_STATUSES
from db.schema.meetings import Attendance, Meeting, TopicProposal
from db.schema.pairings import AgreementItem, AnnualAgreement, Pairing
from db.schema.resolutions import Resolution
from db.schema.street import Community
from db.schema.units import (
    DualReporting,
    ProjectClaim,
    Resource,
    ResourceUse,
    ServiceRecord,
    ServingPartyMember,
)
from db.street.queries import current_term_id
from db.units.roster import UnitRow, _came, _ratio, _unit, unit_roster

# --------------------------------------------------------------------------- the profile


@dataclass(frozen=True)
class AttendanceMark:
    starts_at: dt.datetime
    title: str
    status: str
    delegate: str


@dataclass(frozen=True)
class PartyMemberRow:
    name: str
    community: str
    registered_on: dt.date
    hours: float


@dataclass(frozen=True)
class UnitPairingRow:
    pairing_id: int
    community: str
    since_year: int
    items_total: int
    items_done: int
    items_overdue: int


@dataclass(frozen=True)
class UnitProfile:
    unit: UnitRow
    meetings_counted: int  # meetings of the current term with a sign-in row for the unit (each once)
    meetings_came: int
    attendance_rate: float | None
    recent_attendance: tuple[AttendanceMark, ...]
    topics_proposed: int
    topics_accepted: int
    resolutions_owned: int
    resolutions_done: int
    resolutions_due: int  # done, or open past the deadline: the on-time rate's base
    resolutions_on_time: int
    on_time_rate: float | None
    resolutions_overdue_open: int
    projects_claimed: int
    projects_delivered: int
    resources_offered: int
    resources_used: int  # resources with at least one use
    resource_uses: int
    reporting_communities: tuple[str, ...]  # 双报到
    party_members: tuple[PartyMemberRow, ...]
    service_hours: float
    pairings: tuple[UnitPairingRow, ...]


def unit_profile(session: Session, unit_id: int, today: dt.date | None = None) -> UnitProfile:
    today = today or clock.today()
    rows = [r for r in unit_roster(session) if r.id == unit_id]
    if not rows:
        unit = _unit(session, unit_id)  # raises for an unknown id
        rows = [UnitRow(unit.id, unit.name, unit.short_name, unit.kind, unit.party_org, "", False, "", "",
                        unit.contact_person, unit.contact_phone, unit.address)]
    term_id = current_term_id(session)
    in_term = Attendance.meeting_id.in_(select(Meeting.id).where(Meeting.term_id == term_id))
    counted, came = session.execute(
        # meetings, not sign-in rows: a unit with several members signs in several times a meeting
        select(func.count(func.distinct(Attendance.meeting_id)),
               func.count(func.distinct(case((_came(), Attendance.meeting_id)))))
        .select_from(Attendance).where(Attendance.unit_id == unit_id, in_term)
    ).one()
    recent = tuple(
        AttendanceMark(s, t, st, d or "") for s, t, st, d in session.execute(
            select(Meeting.starts_at, Meeting.title, Attendance.status, Attendance.delegate_name)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Attendance.unit_id == unit_id).order_by(Meeting.starts_at.desc()).limit(6)
        ).all()
    )
    topics, accepted = session.execute(
        select(func.count(), func.count(case((TopicProposal.status == "accepted", 1))))
        .select_from(TopicProposal).where(TopicProposal.unit_id == unit_id)
    ).one()
    finished = Resolution.status.in_(("done", "ready_to_verify"))
    late_open = and_(Resolution.status.in_(OPEN_RESOLUTION_STATUSES), Resolution.completed_on.is_(None),
                     Resolution.deadline < today)
    owned, done, due, on_time, overdue_open = session.execute(
        select(
            func.count(),
            func.count(case((finished, 1))),
            func.count(case((or_(and_(finished, Resolution.completed_on.is_not(None)), late_open), 1))),
            func.count(case((and_(finished, Resolution.completed_on <= Resolution.deadline), 1))),
            func.count(case((late_open, 1))),
        ).select_from(Resolution).where(Resolution.owner_unit_id == unit_id, Resolution.status != "cancelled")
    ).one()
    claimed, delivered = session.execute(
        select(func.count(), func.count(ProjectClaim.delivered_on))
        .where(ProjectClaim.unit_id == unit_id, ProjectClaim.status != "withdrawn")
    ).one()
    offered, used, uses = session.execute(
        select(func.count(func.distinct(Resource.id)), func.count(func.distinct(ResourceUse.resource_id)),
               func.count(ResourceUse.id))
        .select_from(Resource).outerjoin(ResourceUse, ResourceUse.resource_id == Resource.id)
        .where(Resource.unit_id == unit_id)
    ).one()
    reporting = tuple(n for (n,) in session.execute(
        select(Community.name).join(DualReporting, DualReporting.community_id == Community.id)
        .where(DualReporting.unit_id == unit_id).order_by(Community.code)
    ).all())
    hours = (
        select(ServiceRecord.member_id, func.sum(ServiceRecord.hours).label("hours"))
        .join(ServingPartyMember, ServingPartyMember.id == ServiceRecord.member_id)
        .where(ServingPartyMember.unit_id == unit_id)
        .group_by(ServiceRecord.member_id).subquery()
    )
    members = tuple(
        PartyMemberRow(n, c, d, float(h or 0)) for n, c, d, h in session.execute(
            select(ServingPartyMember.name, Community.name, ServingPartyMember.registered_on, hours.c.hours)
            .join(Community, Community.id == ServingPartyMember.community_id)
            .outerjoin(hours, hours.c.member_id == ServingPartyMember.id)
            .where(ServingPartyMember.unit_id == unit_id)
            .order_by(func.coalesce(hours.c.hours, 0).desc(), ServingPartyMember.name)
        ).all()
    )
    open_item = AgreementItem.status.not_in(("done", "cancelled"))
    pairings = tuple(
        UnitPairingRow(int(p), c, int(y), int(t or 0), int(d or 0), int(o or 0)) for p, c, y, t, d, o in session.execute(
            select(
                Pairing.id, Community.name, Pairing.since_year,
                func.count(AgreementItem.id),
                func.count(case((AgreementItem.status == "done", 1))),
                func.count(case((and_(open_item, AgreementItem.due_on < today), 1))),
            )
            .join(Community, Community.id == Pairing.community_id)
            .outerjoin(AnnualAgreement, and_(AnnualAgreement.pairing_id == Pairing.id,
                                             AnnualAgreement.year == today.year))
            .outerjoin(AgreementItem, and_(AgreementItem.agreement_id == AnnualAgreement.id,
                                           AgreementItem.status != "cancelled"))
            .where(Pairing.municipal_unit_id == unit_id)
            .group_by(Pairing.id, Community.name, Pairing.since_year, Community.code)
            .order_by(Community.code)
        ).all()
    )
    return UnitProfile(
        unit=rows[0], meetings_counted=int(counted), meetings_came=int(came), attendance_rate=_ratio(came, counted),
        recent_attendance=recent, topics_proposed=int(topics), topics_accepted=int(accepted),
        resolutions_owned=int(owned), resolutions_done=int(done), resolutions_due=int(due),
        resolutions_on_time=int(on_time), on_time_rate=_ratio(on_time, due),
        resolutions_overdue_open=int(overdue_open), projects_claimed=int(claimed),
        projects_delivered=int(delivered), resources_offered=int(offered), resources_used=int(used),
        resource_uses=int(uses), reporting_communities=reporting, party_members=members,
        service_hours=float(sum(m.hours for m in members)), pairings=pairings,
    )


