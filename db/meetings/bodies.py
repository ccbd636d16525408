"""The bodies that meet (议事机构) and their members: reads and writes.

A meeting belongs to one body (``meeting.body_id``), whose members sign in and whose quorum rule
decides whether it is quorate:

* ``street_committee`` — the street's 大工委, one per street. Its members are the members of the
  meeting's committee term (``committee_member``, kept by :mod:`db.street`): never copied here, so a
  new term brings its own roster and past meetings keep the roster they had.
* ``community_committee`` — a community's 社区"大党委" (``community_id`` names the community).
* ``joint`` — a 党建联席会议 at the ``industry`` (行业系统), ``street`` (街道) or ``community`` (社区)
  level.

The members of a community body or a joint meeting are rows of ``meeting_body_member``: a person
with a unit, or a committee member of the 大工委 who sits on that body too (``committee_member_id``;
the name, title and unit are copied from the committee member when added). A member who leaves
keeps the row (``left_on``): past sign-ins name it.

Reads return frozen dataclasses; writes raise :class:`db.meetings.agenda.MeetingError` with a
stable code (``no_body`` · ``bad_body_kind`` · ``blank_title`` · ``bad_level`` · ``no_community`` ·
``bad_rule`` · ``no_street`` · ``duplicate_body`` · ``street_committee_members`` · ``blank_name`` ·
``unknown_unit`` · ``not_found``) and never commit. The street committee's body is made with its
first meeting (:func:`db.meetings.agenda.street_committee_body`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.core import clock
from db.core.versioning import ConflictError
from db.meetings.agenda import FINISHED_STATUSES, MeetingError
from db.schema.meetings import (
    BODY_KINDS,
    BODY_MEETING_KINDS,
    JOINT_LEVELS,
    Meeting,
    MeetingBody,
    MeetingBodyMember,
    QuorumRule,
)
from db.schema.street import CommitteeTerm, Community, StreetOffice
from db.schema.units import CommitteeMember, ResidentUnit
from db.street.queries import current_term_id


@dataclass(frozen=True)
class BodyInfo:
    id: int
    kind: str  # street_committee · community_committee · joint
    level: str  # joint: industry · street · community; else ""
    name: str
    community_id: int | None
    community_name: str
    quorum_rule: str
    members: int  # today's members (the street committee: the current term's)
    meetings: int
    active: bool
    version: int


@dataclass(frozen=True)
class BodyMemberInfo:
    id: int | None  # None: a member of the street committee (a committee member of the term)
    committee_member_id: int | None
    name: str
    title: str
    unit_id: int | None
    unit_name: str
    left_on: dt.date | None
    version: int


# --------------------------------------------------------------------------- reads


def meeting_kinds(body_kind: str) -> tuple[str, ...]:
    """The meeting kinds a body of ``body_kind`` holds (the 大工委: plenary, regular, topical)."""
    return BODY_MEETING_KINDS.get(body_kind, ())


def _today_members(today: dt.date) -> tuple[Any, Any]:
    """(members of the current term's committee, members of the body) today, as scalar subqueries."""
    term = (select(CommitteeTerm.id).order_by(CommitteeTerm.is_current.desc(), CommitteeTerm.number.desc())
            .limit(1).scalar_subquery())
    committee = (select(func.count()).where(CommitteeMember.term_id == term,
                                            or_(CommitteeMember.left_on.is_(None), CommitteeMember.left_on >= today))
                 .scalar_subquery())
    own = (select(func.count()).where(MeetingBodyMember.body_id == MeetingBody.id,
                                      or_(MeetingBodyMember.left_on.is_(None), MeetingBodyMember.left_on >= today))
           .correlate(MeetingBody).scalar_subquery())
    return committee, own


def list_bodies(session: Session, today: dt.date | None = None) -> list[BodyInfo]:
    """Every body, in the street's order (the 大工委 first), with today's member and its meeting counts."""
    today = today or clock.today()
    committee, own = _today_members(today)
    meetings = select(func.count()).where(Meeting.body_id == MeetingBody.id).correlate(MeetingBody).scalar_subquery()
    rows = session.execute(
        select(MeetingBody, Community.name, committee, own, meetings)
        .outerjoin(Community, Community.id == MeetingBody.community_id)
        .order_by(MeetingBody.position, MeetingBody.id)
    ).all()
    return [BodyInfo(id=b.id, kind=b.kind, level=b.level, name=b.name, community_id=b.community_id,
                     community_name=c or "", quorum_rule=b.quorum_rule,
                     members=int(cm if b.kind == "street_committee" else om), meetings=int(n), active=b.active,
                     version=b.version)
            for b, c, cm, om, n in rows]


def body_members(session: Session, body_id: int) -> list[BodyMemberInfo]:
    """The body's members in its order (the street committee: the current term's committee members)."""
    body = _body(session, body_id)
    label = func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name)
    if body.kind == "street_committee":
        rows = session.execute(
            select(CommitteeMember, label).outerjoin(ResidentUnit, ResidentUnit.id == CommitteeMember.unit_id)
            .where(CommitteeMember.term_id == current_term_id(session))
            .order_by(CommitteeMember.position, CommitteeMember.id)).all()
        return [BodyMemberInfo(None, m.id, m.name, m.title, m.unit_id, u or "", m.left_on, m.version)
                for m, u in rows]
    rows = session.execute(
        select(MeetingBodyMember, label).outerjoin(ResidentUnit, ResidentUnit.id == MeetingBodyMember.unit_id)
        .where(MeetingBodyMember.body_id == body_id)
        .order_by(MeetingBodyMember.position, MeetingBodyMember.id)).all()
    return [BodyMemberInfo(m.id, m.committee_member_id, m.name, m.title, m.unit_id, u or "", m.left_on, m.version)
            for m, u in rows]


def street_committee_id(session: Session) -> int | None:
    """The 大工委 body of the database's street (None before it first meets or is listed)."""
    return session.scalar(select(MeetingBody.id).where(MeetingBody.kind == "street_committee")
                          .order_by(MeetingBody.id).limit(1))


# --------------------------------------------------------------------------- writes


def _body(session: Session, body_id: int) -> MeetingBody:
    body = session.get(MeetingBody, body_id)
    if body is None:
        raise MeetingError("no_body", f"there is no meeting body {body_id}")
    return body


def _check_rule(session: Session, code: str) -> None:
    if session.get(QuorumRule, code) is None:
        raise MeetingError("bad_rule", f"unknown quorum rule {code!r}")


def create_body(session: Session, *, kind: str, name: str, quorum_rule: str = "majority", level: str = "",
                community_id: int | None = None) -> BodyInfo:
    """A community 大党委 (``community_id`` required) or a 党建联席会议 (``level`` required)."""
    name = (name or "").strip()
    if kind not in BODY_KINDS or kind == "street_committee":
        raise MeetingError("bad_body_kind", f"a new body is a community committee or a joint meeting, not {kind!r}")
    if not name:
        raise MeetingError("blank_title", "a body needs a name")
    if kind == "joint" and level not in JOINT_LEVELS:
        raise MeetingError("bad_level", f"a joint meeting is held at one of {JOINT_LEVELS}")
    if kind == "community_committee":
        level = ""
        if community_id is None or session.get(Community, community_id) is None:
            raise MeetingError("no_community", "a community committee belongs to a community")
    _check_rule(session, quorum_rule)
    street = session.scalar(select(StreetOffice.id).order_by(StreetOffice.id).limit(1))
    if street is None:
        raise MeetingError("no_street", "the street has not been set up")
    if session.scalar(select(MeetingBody.id).where(MeetingBody.street_id == street, MeetingBody.name == name)):
        raise MeetingError("duplicate_body", f"there is already a body named {name}", name=name)
    last = session.scalar(select(func.max(MeetingBody.position))) or 0
    row = MeetingBody(street_id=street, kind=kind, level=level, community_id=community_id, name=name,
                      quorum_rule=quorum_rule, position=last + 1, active=True)
    session.add(row)
    session.flush()
    return next(b for b in list_bodies(session) if b.id == row.id)


def set_quorum_rule(session: Session, body_id: int, version: int, quorum_rule: str) -> None:
    """The body's quorum rule; its meetings not yet closed follow it."""
    body = _body(session, body_id)
    if body.version != version:
        raise ConflictError("meeting_body", body_id, version, body.version)
    _check_rule(session, quorum_rule)
    body.quorum_rule = quorum_rule
    for meeting in session.scalars(select(Meeting).where(Meeting.body_id == body_id,
                                                         Meeting.status.not_in(FINISHED_STATUSES))):
        meeting.quorum_rule = quorum_rule
    session.flush()


def add_member(session: Session, body_id: int, *, name: str = "", title: str = "", unit_id: int | None = None,
               committee_member_id: int | None = None) -> BodyMemberInfo:
    """A member of a community body or a joint meeting: a person with a unit, or a committee member."""
    body = _body(session, body_id)
    if body.kind == "street_committee":
        raise MeetingError("street_committee_members",
                           "the street committee's members are its term's committee members")
    if committee_member_id is not None:
        member = session.get(CommitteeMember, committee_member_id)
        if member is None:
            raise MeetingError("not_found", f"there is no committee member {committee_member_id}")
        name, title, unit_id = name or member.name, title or member.title, unit_id or member.unit_id
    name = (name or "").strip()
    if not name:
        raise MeetingError("blank_name", "name the member")
    if unit_id is not None and session.get(ResidentUnit, unit_id) is None:
        raise MeetingError("unknown_unit", f"unknown unit {unit_id}")
    last = session.scalar(select(func.max(MeetingBodyMember.position))
                          .where(MeetingBodyMember.body_id == body_id)) or 0
    row = MeetingBodyMember(body_id=body_id, committee_member_id=committee_member_id, name=name,
                            title=(title or "").strip(), unit_id=unit_id, position=last + 1)
    session.add(row)
    session.flush()
    return next(m for m in body_members(session, body_id) if m.id == row.id)


def member_leaves(session: Session, member_id: int, version: int, left_on: dt.date) -> None:
    """A body member leaves: not on the roster of meetings after ``left_on``; past sign-ins keep the row."""
    row = session.get(MeetingBodyMember, member_id)
    if row is None:
        raise MeetingError("not_found", f"there is no body member {member_id}")
    if row.version != version:
        raise ConflictError("meeting_body_member", member_id, version, row.version)
    row.left_on = left_on
    session.flush()
