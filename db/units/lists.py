"""The three lists (需求/资源/项目) and their services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session

from db.core import audit
from db.core.errors import InputError, clean_title
from db.schema.street import Community
from db.schema.units import Need, Project, ProjectClaim, ResidentUnit, Resource, ResourceUse
from db.units.roster import _community_exists, _unit

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
    title = clean_title(title)
    _community_exists(session, community_id)
    row = Need(title=title, community_id=community_id, raised_on=raised_on, category=category.strip(),
               raised_by=raised_by.strip(), description=description.strip(), status="open")
    session.add(row)
    session.flush()
    return row.id


def add_resource(session: Session, *, unit_id: int | None, title: str, offered_on: dt.date,
                 category: str = "", description: str = "") -> int:
    title = clean_title(title)
    _unit(session, unit_id)
    row = Resource(unit_id=unit_id, title=title, offered_on=offered_on, category=category.strip(),
                   description=description.strip(), status="offered")
    session.add(row)
    session.flush()
    return row.id


def add_project(session: Session, *, title: str, published_on: dt.date, community_id: int | None = None,
                need_id: int | None = None, due_on: dt.date | None = None, description: str = "") -> int:
    title = clean_title(title)
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
    audit.set_action(session, "claim")
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
    audit.set_action(session, None)
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
    audit.set_action(session, "deliver")
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
    audit.set_action(session, None)


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
    return row.id


