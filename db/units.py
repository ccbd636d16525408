"""Resident units: the roster, a unit's profile, the three lists and the participation scorecard.

Qt-free. Reads return frozen dataclasses; every figure is aggregated in SQL. Writes are services
that validate first and raise :class:`InputError` (a stable ``code`` plus details) before they
touch anything, record an audit row with ``session.info["actor"]``, and leave committing to the
caller's ``session.begin()`` — so a refused input writes nothing.

The three questions the secretary asks of this area each have one function:
:func:`member_units_missing_meetings`, :func:`unclaimed_projects` and (in :mod:`db.pairings`)
``overdue_agreement_items``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from db.models import (
    OPEN_RESOLUTION_STATUSES,
    SCORE_MEASURES,
    AgreementItem,
    AnnualAgreement,
    Attendance,
    AuditLog,
    Community,
    DualReporting,
    Liaison,
    Meeting,
    MemberUnit,
    Need,
    Pairing,
    Project,
    ProjectClaim,
    ResidentUnit,
    Resolution,
    Resource,
    ResourceUse,
    ScoreScheme,
    ScoreWeight,
    ServiceRecord,
    ServingPartyMember,
    TopicProposal,
)
from db.queries import ATTENDANCE_WINDOW, current_term_id

#: Unit kinds left out of the resident-unit participation ranking: the street office itself and
#: city-level (municipal) units, which take part through their 四联四定 pairings instead.
NOT_RANKED_KINDS = ("other", "municipal")
#: Attendance statuses that mean the unit came (an excused unit that sent a delegate came too).
CAME_STATUSES = ("present", "observer")
MEASURES = SCORE_MEASURES
MAX_ABS_WEIGHT = 1000.0


class InputError(ValueError):
    """Input the database refuses. ``code`` is stable (the app turns it into one sentence).

    Codes: ``empty_title`` · ``unknown_unit`` · ``unknown_community`` · ``unknown_project`` ·
    ``unknown_need`` · ``unknown_resource`` · ``unknown_claim`` · ``already_claimed`` ·
    ``already_delivered`` · ``project_closed`` · ``date_order`` · ``bad_weight`` ·
    ``unknown_measure`` · ``past_scheme_locked`` · ``unknown_pairing`` · ``unknown_agreement`` ·
    ``unknown_item`` · ``unknown_label`` · ``not_municipal`` · ``duplicate`` ·
    ``progress_out_of_range`` · ``due_before_year`` · ``bad_year`` · ``bad_position``.
    """

    def __init__(self, code: str, **details: Any):
        self.code = code
        self.details = details
        text = ", ".join(f"{k}={v!r}" for k, v in details.items())
        super().__init__(f"{code}: {text}" if text else code)


def audit(session: Session, table: str, row_id: int | None, action: str, values: dict[str, Any]) -> None:
    """One audit row naming the person at the keyboard (``session.info["actor"]``)."""
    session.add(AuditLog(username=str(session.info.get("actor", ""))[:50], table_name=table, row_id=row_id,
                         action=action, new_values={k: _jsonable(v) for k, v in values.items()}))


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _title(text: str | None) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise InputError("empty_title")
    return cleaned


def _ratio(part: int | None, whole: int | None) -> float | None:
    return None if not whole else (part or 0) / whole


def _today() -> dt.date:
    return dt.date.today()


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
    now = now or dt.datetime.now()
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
    meetings_counted: int  # meetings of the current term with a sign-in row for the unit
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
    today = today or _today()
    rows = [r for r in unit_roster(session) if r.id == unit_id]
    if not rows:
        unit = _unit(session, unit_id)  # raises for an unknown id
        rows = [UnitRow(unit.id, unit.name, unit.short_name, unit.kind, unit.party_org, "", False, "", "",
                        unit.contact_person, unit.contact_phone, unit.address)]
    term_id = current_term_id(session)
    in_term = Attendance.meeting_id.in_(select(Meeting.id).where(Meeting.term_id == term_id))
    counted, came = session.execute(
        select(func.count(), func.count(case((_came(), 1))))
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


# --------------------------------------------------------------------------- the three lists


@dataclass(frozen=True)
class NeedRow:
    id: int
    title: str
    community: str
    category: str
    raised_by: str
    raised_on: dt.date
    status: str
    projects: int


@dataclass(frozen=True)
class ResourceRow:
    id: int
    title: str
    unit: str
    category: str
    offered_on: dt.date
    status: str
    uses: int
    last_used: dt.date | None


@dataclass(frozen=True)
class ProjectRow:
    id: int
    title: str
    community: str
    need: str
    published_on: dt.date
    due_on: dt.date | None
    status: str
    claimers: str  # short names of the units that claimed it, in claim order
    claims: int
    delivered: int


@dataclass(frozen=True)
class ClaimRow:
    id: int
    project_id: int
    project: str
    unit_id: int
    unit: str
    claimed_on: dt.date
    delivered_on: dt.date | None
    status: str
    note: str


def _needs_stmt() -> Select:
    answered = select(func.count()).where(Project.need_id == Need.id, Project.status != "cancelled") \
        .correlate(Need).scalar_subquery()
    return (
        select(Need.id, Need.title, func.coalesce(Community.name, ""), Need.category, Need.raised_by,
               Need.raised_on, Need.status, answered.label("projects"))
        .outerjoin(Community, Community.id == Need.community_id)
        .order_by(Need.raised_on.desc(), Need.id.desc())
    )


def needs(session: Session) -> list[NeedRow]:
    return [NeedRow(int(r[0]), *r[1:7], int(r[7])) for r in session.execute(_needs_stmt()).all()]


def needs_without_project(session: Session) -> list[NeedRow]:
    """Needs still to answer (open or matched) that no project answers."""
    answered = exists().where(Project.need_id == Need.id, Project.status != "cancelled")
    stmt = _needs_stmt().where(~answered, Need.status.in_(("open", "matched")))
    return [NeedRow(int(r[0]), *r[1:7], int(r[7])) for r in session.execute(stmt).all()]


def _resources_stmt() -> Select:
    use = (select(ResourceUse.resource_id, func.count().label("uses"), func.max(ResourceUse.used_on).label("last"))
           .group_by(ResourceUse.resource_id).subquery())
    return (
        select(Resource.id, Resource.title, func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name),
               Resource.category, Resource.offered_on, Resource.status, func.coalesce(use.c.uses, 0), use.c.last)
        .join(ResidentUnit, ResidentUnit.id == Resource.unit_id)
        .outerjoin(use, use.c.resource_id == Resource.id)
        .order_by(Resource.offered_on.desc(), Resource.id.desc())
    )


def resources(session: Session) -> list[ResourceRow]:
    return [ResourceRow(int(r[0]), *r[1:6], int(r[6]), r[7]) for r in session.execute(_resources_stmt()).all()]


def unused_resources(session: Session) -> list[ResourceRow]:
    """Resources on offer (not withdrawn) that were never used."""
    used = exists().where(ResourceUse.resource_id == Resource.id)
    stmt = _resources_stmt().where(~used, Resource.status != "withdrawn")
    return [ResourceRow(int(r[0]), *r[1:6], int(r[6]), r[7]) for r in session.execute(stmt).all()]


def _active_claim():  # noqa: ANN202 - a SQL condition
    return exists().where(ProjectClaim.project_id == Project.id, ProjectClaim.status != "withdrawn")


def _projects(session: Session, where: Any = None) -> list[ProjectRow]:
    claims = (
        select(ProjectClaim.project_id, func.count().label("n"),
               func.count(ProjectClaim.delivered_on).label("delivered"))
        .where(ProjectClaim.status != "withdrawn").group_by(ProjectClaim.project_id).subquery()
    )
    stmt = (
        select(Project.id, Project.title, func.coalesce(Community.name, ""), func.coalesce(Need.title, ""),
               Project.published_on, Project.due_on, Project.status,
               func.coalesce(claims.c.n, 0), func.coalesce(claims.c.delivered, 0))
        .outerjoin(Community, Community.id == Project.community_id)
        .outerjoin(Need, Need.id == Project.need_id)
        .outerjoin(claims, claims.c.project_id == Project.id)
        .order_by(Project.published_on.desc(), Project.id.desc())
    )
    if where is not None:
        stmt = stmt.where(where)
    rows = session.execute(stmt).all()
    names: dict[int, list[str]] = {}
    if rows:
        claimers = (
            select(ProjectClaim.project_id,
                   func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name))
            .join(ResidentUnit, ResidentUnit.id == ProjectClaim.unit_id)
            .where(ProjectClaim.status != "withdrawn")
            .order_by(ProjectClaim.claimed_on, ProjectClaim.id)
        )
        if where is not None:
            claimers = claimers.where(ProjectClaim.project_id.in_([r[0] for r in rows]))
        for pid, name in session.execute(claimers).all():
            names.setdefault(int(pid), []).append(name)
    return [ProjectRow(int(r[0]), *r[1:7], "、".join(names.get(int(r[0]), [])), int(r[7]), int(r[8]))
            for r in rows]


def projects(session: Session) -> list[ProjectRow]:
    return _projects(session)


def unclaimed_projects(session: Session) -> list[ProjectRow]:
    """Projects nobody has claimed: no claim that is not withdrawn, and not cancelled."""
    return _projects(session, and_(~_active_claim(), Project.status != "cancelled"))


def claims(session: Session, project_id: int | None = None) -> list[ClaimRow]:
    stmt = (
        select(ProjectClaim.id, ProjectClaim.project_id, Project.title, ProjectClaim.unit_id, ResidentUnit.name,
               ProjectClaim.claimed_on, ProjectClaim.delivered_on, ProjectClaim.status, ProjectClaim.note)
        .join(Project, Project.id == ProjectClaim.project_id)
        .join(ResidentUnit, ResidentUnit.id == ProjectClaim.unit_id)
        .order_by(ProjectClaim.claimed_on.desc(), ProjectClaim.id.desc())
    )
    if project_id is not None:
        stmt = stmt.where(ProjectClaim.project_id == project_id)
    return [ClaimRow(int(r[0]), int(r[1]), r[2], int(r[3]), *r[4:]) for r in session.execute(stmt).all()]


@dataclass(frozen=True)
class Matching:
    needs_without_project: tuple[NeedRow, ...]
    unused_resources: tuple[ResourceRow, ...]
    unclaimed_projects: tuple[ProjectRow, ...]


def matching(session: Session) -> Matching:
    return Matching(tuple(needs_without_project(session)), tuple(unused_resources(session)),
                    tuple(unclaimed_projects(session)))


# --------------------------------------------------------------------------- three-list services


def add_need(session: Session, *, title: str, community_id: int | None, raised_on: dt.date,
             category: str = "", raised_by: str = "", description: str = "") -> int:
    title = _title(title)
    _community_exists(session, community_id)
    row = Need(title=title, community_id=community_id, raised_on=raised_on, category=category.strip(),
               raised_by=raised_by.strip(), description=description.strip(), status="open")
    session.add(row)
    session.flush()
    audit(session, "need", row.id, "insert", {"title": title, "community_id": community_id})
    return row.id


def add_resource(session: Session, *, unit_id: int | None, title: str, offered_on: dt.date,
                 category: str = "", description: str = "") -> int:
    title = _title(title)
    _unit(session, unit_id)
    row = Resource(unit_id=unit_id, title=title, offered_on=offered_on, category=category.strip(),
                   description=description.strip(), status="offered")
    session.add(row)
    session.flush()
    audit(session, "resource", row.id, "insert", {"title": title, "unit_id": unit_id})
    return row.id


def add_project(session: Session, *, title: str, published_on: dt.date, community_id: int | None = None,
                need_id: int | None = None, due_on: dt.date | None = None, description: str = "") -> int:
    title = _title(title)
    _community_exists(session, community_id)
    if need_id is not None:
        need = session.get(Need, need_id)
        if need is None:
            raise InputError("unknown_need", need=need_id)
        community_id = community_id if community_id is not None else need.community_id
        if need.status == "open":
            need.status = "matched"
    if due_on is not None and due_on < published_on:
        raise InputError("date_order", start=published_on, end=due_on)
    row = Project(title=title, published_on=published_on, community_id=community_id, need_id=need_id,
                  due_on=due_on, description=description.strip(), status="open")
    session.add(row)
    session.flush()
    audit(session, "project", row.id, "insert", {"title": title, "need_id": need_id})
    return row.id


def claim_project(session: Session, *, project_id: int, unit_id: int | None, claimed_on: dt.date,
                  note: str = "") -> int:
    """项目认领. Refuses an unknown unit or project, a closed project, and a second claim."""
    project = session.get(Project, project_id)
    if project is None:
        raise InputError("unknown_project", project=project_id)
    unit = _unit(session, unit_id)
    if project.status in ("cancelled", "delivered"):
        raise InputError("project_closed", project=project.title)
    existing = session.scalar(select(ProjectClaim).where(ProjectClaim.project_id == project_id,
                                                          ProjectClaim.unit_id == unit.id))
    if existing is not None and existing.status != "withdrawn":
        raise InputError("already_claimed", project=project.title, unit=unit.name)
    if claimed_on < project.published_on:
        raise InputError("date_order", start=project.published_on, end=claimed_on)
    if existing is not None:
        existing.status, existing.claimed_on, existing.delivered_on, existing.note = "claimed", claimed_on, None, note
        claim = existing
    else:
        claim = ProjectClaim(project_id=project_id, unit_id=unit.id, claimed_on=claimed_on, status="claimed",
                             note=note.strip())
        session.add(claim)
    if project.status == "open":
        project.status = "claimed"
    session.flush()
    audit(session, "project_claim", claim.id, "claim", {"project_id": project_id, "unit_id": unit.id})
    return claim.id


def report_delivery(session: Session, *, claim_id: int, delivered_on: dt.date, note: str = "") -> None:
    """A unit reports it delivered the project it claimed; the project and its need follow."""
    claim = session.get(ProjectClaim, claim_id)
    if claim is None or claim.status == "withdrawn":
        raise InputError("unknown_claim", claim=claim_id)
    if claim.delivered_on is not None:
        raise InputError("already_delivered", claim=claim_id)
    if delivered_on < claim.claimed_on:
        raise InputError("date_order", start=claim.claimed_on, end=delivered_on)
    claim.delivered_on, claim.status = delivered_on, "delivered"
    if note.strip():
        claim.note = note.strip()
    project = session.get(Project, claim.project_id)
    assert project is not None
    project.status = "delivered"
    if project.need_id is not None:
        need = session.get(Need, project.need_id)
        if need is not None and need.status in ("open", "matched"):
            need.status = "met"
    session.flush()
    audit(session, "project_claim", claim.id, "deliver", {"delivered_on": delivered_on})


def record_resource_use(session: Session, *, resource_id: int, project_id: int | None, used_on: dt.date,
                        note: str = "") -> int:
    resource = session.get(Resource, resource_id)
    if resource is None or resource.status == "withdrawn":
        raise InputError("unknown_resource", resource=resource_id)
    if project_id is not None and session.get(Project, project_id) is None:
        raise InputError("unknown_project", project=project_id)
    if used_on < resource.offered_on:
        raise InputError("date_order", start=resource.offered_on, end=used_on)
    row = ResourceUse(resource_id=resource_id, project_id=project_id, used_on=used_on, note=note.strip())
    session.add(row)
    resource.status = "in_use"
    session.flush()
    audit(session, "resource_use", row.id, "insert", {"resource_id": resource_id, "project_id": project_id})
    return row.id


# --------------------------------------------------------------------------- the scoring scheme


@dataclass(frozen=True)
class Scheme:
    id: int
    effective_year: int
    name: str
    version: int
    weights: tuple[tuple[str, float], ...]  # (measure, weight) in MEASURES order

    def weight(self, measure: str) -> float:
        return dict(self.weights).get(measure, 0.0)


def _scheme(session: Session, row: ScoreScheme | None) -> Scheme | None:
    if row is None:
        return None
    got = dict(session.execute(select(ScoreWeight.measure, ScoreWeight.weight)
                               .where(ScoreWeight.scheme_id == row.id)).all())
    return Scheme(row.id, row.effective_year, row.name, row.version,
                  tuple((m, float(got.get(m, 0.0))) for m in MEASURES))


def scheme_for_year(session: Session, year: int) -> Scheme | None:
    """The scheme in force in ``year``: the latest whose effective year is not after it."""
    row = session.scalar(select(ScoreScheme).where(ScoreScheme.effective_year <= year)
                         .order_by(ScoreScheme.effective_year.desc()).limit(1))
    return _scheme(session, row)


def schemes(session: Session) -> list[Scheme]:
    rows = session.scalars(select(ScoreScheme).order_by(ScoreScheme.effective_year)).all()
    return [s for s in (_scheme(session, r) for r in rows) if s is not None]


def parse_weights(texts: Mapping[str, str | float | int]) -> dict[str, float]:
    """Weights as typed (``"2"``, ``"-5"``, ``"0.5"``, ``"１０"``) → numbers; anything else is refused."""
    out: dict[str, float] = {}
    for measure, raw in texts.items():
        if measure not in MEASURES:
            raise InputError("unknown_measure", measure=measure)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            value = float(raw)
        else:
            text = str(raw or "").strip().replace("，", ".").replace("－", "-").replace("＋", "+")
            try:
                value = float(text)
            except ValueError:
                raise InputError("bad_weight", measure=measure, text=str(raw)) from None
        if not math.isfinite(value) or abs(value) > MAX_ABS_WEIGHT:
            raise InputError("bad_weight", measure=measure, text=str(raw))
        out[measure] = value
    return out


def save_weights(session: Session, *, year: int, weights: Mapping[str, str | float | int],
                 today: dt.date | None = None, name: str = "") -> Scheme:
    """Set the weights in force from ``year``: updates that year's scheme or starts a new one.

    Years before this year are locked (their scores are history). Every measure not given keeps
    the weight of the scheme that was in force.
    """
    today = today or _today()
    if not 2000 <= year <= today.year + 5:
        raise InputError("bad_year", year=year)
    if year < today.year:
        raise InputError("past_scheme_locked", year=year)
    parsed = parse_weights(weights)
    base = scheme_for_year(session, year)
    merged = {**(dict(base.weights) if base else {}), **parsed}
    row = session.scalar(select(ScoreScheme).where(ScoreScheme.effective_year == year))
    if row is None:
        row = ScoreScheme(effective_year=year, name=name.strip() or f"{year}", note="")
        session.add(row)
        session.flush()
    elif name.strip():
        row.name = name.strip()
    row.updated_by = str(session.info.get("actor", ""))[:50]
    row.updated_at = dt.datetime.now().replace(microsecond=0)  # bumps the row's version
    existing = {w.measure: w for w in session.scalars(select(ScoreWeight).where(ScoreWeight.scheme_id == row.id))}
    for measure in MEASURES:
        value = float(merged.get(measure, 0.0))
        if measure in existing:
            existing[measure].weight = value
        else:
            session.add(ScoreWeight(scheme_id=row.id, measure=measure, weight=value))
    session.flush()
    audit(session, "score_scheme", row.id, "weights", {"year": year, **merged})
    result = _scheme(session, row)
    assert result is not None
    return result


# --------------------------------------------------------------------------- the scorecard


def _year_bounds(year: int) -> tuple[dt.date, dt.date, dt.datetime, dt.datetime]:
    return (dt.date(year, 1, 1), dt.date(year + 1, 1, 1),
            dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1))


def _measure_select(measure: str, year: int, today: dt.date) -> Select:
    """(measure, unit_id, month, amount) rows of one measure in ``year``, one per event."""
    d0, d1, t0, t1 = _year_bounds(year)

    def cols(unit, when, amount=None):  # noqa: ANN001, ANN202
        return select(literal(measure).label("measure"), unit.label("unit_id"),
                      func.extract("month", when).label("month"),
                      (amount if amount is not None else literal(1.0)).label("amount"))

    if measure == "attendance":
        return (cols(Attendance.unit_id, Meeting.starts_at)
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .where(Attendance.unit_id.is_not(None), _came(), Meeting.starts_at >= t0, Meeting.starts_at < t1))
    if measure == "topics":
        return (cols(TopicProposal.unit_id, TopicProposal.proposed_at)
                .where(TopicProposal.unit_id.is_not(None), TopicProposal.proposed_at >= t0,
                       TopicProposal.proposed_at < t1))
    if measure == "claims":
        return (cols(ProjectClaim.unit_id, ProjectClaim.claimed_on)
                .where(ProjectClaim.status != "withdrawn", ProjectClaim.claimed_on >= d0,
                       ProjectClaim.claimed_on < d1))
    if measure == "deliveries":
        return (cols(ProjectClaim.unit_id, ProjectClaim.delivered_on)
                .where(ProjectClaim.delivered_on >= d0, ProjectClaim.delivered_on < d1))
    if measure == "resources_offered":
        return (cols(Resource.unit_id, Resource.offered_on)
                .where(Resource.offered_on >= d0, Resource.offered_on < d1))
    if measure == "resources_used":
        return (cols(Resource.unit_id, ResourceUse.used_on)
                .select_from(ResourceUse).join(Resource, Resource.id == ResourceUse.resource_id)
                .where(ResourceUse.used_on >= d0, ResourceUse.used_on < d1))
    if measure == "service_hours":
        return (cols(ServingPartyMember.unit_id, ServiceRecord.served_on, ServiceRecord.hours)
                .select_from(ServiceRecord)
                .join(ServingPartyMember, ServingPartyMember.id == ServiceRecord.member_id)
                .where(ServiceRecord.served_on >= d0, ServiceRecord.served_on < d1))
    if measure == "overdue_resolutions":
        late_done = and_(Resolution.completed_on.is_not(None), Resolution.completed_on > Resolution.deadline)
        late_open = and_(Resolution.completed_on.is_(None), Resolution.status.in_(OPEN_RESOLUTION_STATUSES),
                         Resolution.deadline < today)
        return (cols(Resolution.owner_unit_id, Resolution.deadline)
                .where(Resolution.status != "cancelled", or_(late_done, late_open),
                       Resolution.deadline >= d0, Resolution.deadline < d1))
    raise InputError("unknown_measure", measure=measure)


def measure_totals(session: Session, year: int, today: dt.date | None = None) -> dict[tuple[int, str], float]:
    """{(unit_id, measure): amount in ``year``} — one grouped UNION ALL query."""
    today = today or _today()
    events = union_all(*(_measure_select(m, year, today) for m in MEASURES)).subquery()
    stmt = select(events.c.unit_id, events.c.measure, func.sum(events.c.amount)).group_by(
        events.c.unit_id, events.c.measure)
    return {(int(u), m): float(v or 0) for u, m, v in session.execute(stmt).all() if u is not None}


@dataclass(frozen=True)
class ScoreRow:
    rank: int
    unit_id: int
    name: str
    short_name: str
    kind: str
    is_member: bool
    values: tuple[float, ...]  # per measure, in MEASURES order
    score: float


@dataclass(frozen=True)
class Scorecard:
    year: int
    scheme: Scheme | None
    rows: tuple[ScoreRow, ...]


def scorecard(session: Session, year: int, today: dt.date | None = None) -> Scorecard:
    """The participation ranking of resident units for ``year`` under the scheme in force then."""
    today = today or _today()
    scheme = scheme_for_year(session, year)
    weights = dict(scheme.weights) if scheme else {}
    totals = measure_totals(session, year, today)
    term_id = current_term_id(session)
    is_member = exists().where(MemberUnit.unit_id == ResidentUnit.id, MemberUnit.term_id == term_id)
    units = session.execute(
        select(ResidentUnit.id, ResidentUnit.name, ResidentUnit.short_name, ResidentUnit.kind, is_member)
        .where(ResidentUnit.active, ResidentUnit.kind.not_in(NOT_RANKED_KINDS))
    ).all()
    scored = []
    for uid, name, short, kind, member in units:
        values = tuple(totals.get((int(uid), m), 0.0) for m in MEASURES)
        score = round(sum(v * weights.get(m, 0.0) for m, v in zip(MEASURES, values, strict=True)), 2)
        scored.append((int(uid), name, short or name, kind, bool(member), values, score))
    scored.sort(key=lambda r: (-r[6], r[1]))
    rows: list[ScoreRow] = []
    for i, r in enumerate(scored):
        rank = rows[-1].rank if rows and rows[-1].score == r[6] else i + 1
        rows.append(ScoreRow(rank, *r))
    return Scorecard(year, scheme, tuple(rows))


@dataclass(frozen=True)
class Heatmap:
    year: int
    measure: str
    units: tuple[str, ...]  # row labels (short names), most active first
    values: tuple[tuple[float, ...], ...]  # one row per unit, 12 months


def measure_heatmap(session: Session, year: int, measure: str, today: dt.date | None = None,
                    limit: int = 60) -> Heatmap:
    """Unit × month amounts of one measure for ranked units with any activity, busiest first."""
    today = today or _today()
    sub = _measure_select(measure, year, today).subquery()
    unit_col, month_col, amount_col = sub.c.unit_id, sub.c.month, sub.c.amount
    label = func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name)
    rows = session.execute(
        select(ResidentUnit.id, label, month_col, func.sum(amount_col))
        .join(ResidentUnit, ResidentUnit.id == unit_col)
        .where(ResidentUnit.kind.not_in(NOT_RANKED_KINDS))
        .group_by(ResidentUnit.id, label, month_col)
    ).all()
    grid: dict[int, list[float]] = {}
    names: dict[int, str] = {}
    for uid, name, mon, amount in rows:
        grid.setdefault(int(uid), [0.0] * 12)[int(mon) - 1] += float(amount or 0)
        names[int(uid)] = name
    order = sorted(grid, key=lambda u: (-sum(grid[u]), names[u]))[:limit]
    return Heatmap(year, measure, tuple(names[u] for u in order), tuple(tuple(grid[u]) for u in order))


def score_years(session: Session, today: dt.date | None = None) -> list[int]:
    """Years that have meetings or list records, newest first (always includes this year)."""
    today = today or _today()
    first = session.scalar(select(func.min(Meeting.starts_at)))
    start = first.year if first else today.year
    return list(range(today.year, max(min(start, today.year - 1), today.year - 9) - 1, -1))
