"""双报到: serving party members (在职党员) reporting to the community where they live, and their service.

A member is a name at a unit (工作单位), reporting to a community on a date; a service record is a
date, the hours (more than 0, at most 24) and the activity. Reads return frozen rows; writes
validate, raise :class:`db.core.errors.InputError` with a stable code and never commit.

Codes beyond the shared ones: ``bad_hours`` (not more than 0 and at most 24), ``in_future`` (a
date after today), ``unknown_member`` / ``unknown_record`` (gone meanwhile).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.core import clock
from db.core.errors import InputError
from db.core.versioning import save_versioned
from db.schema.street import Community
from db.schema.units import ResidentUnit, ServiceRecord, ServingPartyMember
from db.units.roster import _community_exists, _unit

MAX_HOURS = 24.0


@dataclass(frozen=True)
class MemberRow:
    id: int
    version: int
    name: str
    phone: str
    unit_id: int
    unit: str
    community_id: int
    community: str
    registered_on: dt.date
    records: int
    hours: float


@dataclass(frozen=True)
class RecordRow:
    id: int
    member_id: int
    served_on: dt.date
    hours: float
    activity: str


def members(session: Session, community_id: int | None = None) -> list[MemberRow]:
    """Every reporting member with their service totals, by community and name."""
    totals = (select(ServiceRecord.member_id, func.count().label("records"), func.sum(ServiceRecord.hours).label("hours"))
              .group_by(ServiceRecord.member_id).subquery())
    stmt = (select(ServingPartyMember, ResidentUnit.name, Community.name, totals.c.records, totals.c.hours)
            .join(ResidentUnit, ResidentUnit.id == ServingPartyMember.unit_id)
            .join(Community, Community.id == ServingPartyMember.community_id)
            .outerjoin(totals, totals.c.member_id == ServingPartyMember.id)
            .order_by(Community.code, ServingPartyMember.name, ServingPartyMember.id))
    if community_id is not None:
        stmt = stmt.where(ServingPartyMember.community_id == community_id)
    return [MemberRow(m.id, m.version, m.name, m.phone, m.unit_id, unit, m.community_id, community,
                      m.registered_on, int(records or 0), float(hours or 0.0))
            for m, unit, community, records, hours in session.execute(stmt)]


def service_records(session: Session, member_id: int) -> list[RecordRow]:
    stmt = (select(ServiceRecord).where(ServiceRecord.member_id == member_id)
            .order_by(ServiceRecord.served_on.desc(), ServiceRecord.id.desc()))
    return [RecordRow(r.id, r.member_id, r.served_on, r.hours, r.activity) for r in session.scalars(stmt)]


# --------------------------------------------------------------------------- checks


def clean_name(text: str | None) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InputError("empty_title")
    return cleaned


def check_hours(hours: float) -> float:
    if not isinstance(hours, int | float) or math.isnan(hours) or not 0 < hours <= MAX_HOURS:
        raise InputError("bad_hours", hours=hours)
    return float(hours)


def check_past(day: dt.date) -> dt.date:
    if day > clock.today():
        raise InputError("in_future", date=day)
    return day


def _member(session: Session, member_id: int) -> ServingPartyMember:
    row = session.get(ServingPartyMember, member_id)
    if row is None:
        raise InputError("unknown_member", member=member_id)
    return row


def _check_member(session: Session, name: str, unit_id: int | None, community_id: int | None,
                  registered_on: dt.date) -> str:
    name = clean_name(name)
    _unit(session, unit_id)
    if community_id is None:
        raise InputError("unknown_community", community="")
    _community_exists(session, community_id)
    check_past(registered_on)
    return name


# --------------------------------------------------------------------------- writes


def add_member(session: Session, *, name: str, unit_id: int | None, community_id: int | None,
               registered_on: dt.date, phone: str = "") -> int:
    name = _check_member(session, name, unit_id, community_id, registered_on)
    taken = session.scalar(select(ServingPartyMember.id).where(ServingPartyMember.name == name,
                                                               ServingPartyMember.unit_id == unit_id))
    if taken is not None:
        raise InputError("duplicate")
    row = ServingPartyMember(name=name, unit_id=unit_id, community_id=community_id, registered_on=registered_on,
                             phone=phone.strip())
    session.add(row)
    session.flush()
    return row.id


def update_member(session: Session, member_id: int, version: int, *, name: str, unit_id: int | None,
                  community_id: int | None, registered_on: dt.date, phone: str = "") -> int:
    """Save an edit made from ``version``; a newer edit by someone else is a conflict (versioning)."""
    name = _check_member(session, name, unit_id, community_id, registered_on)
    taken = session.scalar(select(ServingPartyMember.id).where(
        ServingPartyMember.name == name, ServingPartyMember.unit_id == unit_id, ServingPartyMember.id != member_id))
    if taken is not None:
        raise InputError("duplicate")
    return save_versioned(session, ServingPartyMember, member_id, version,
                          {"name": name, "unit_id": unit_id, "community_id": community_id,
                           "registered_on": registered_on, "phone": phone.strip()})


def remove_member(session: Session, member_id: int) -> None:
    """A member who no longer reports here, with their service records."""
    row = _member(session, member_id)
    for record in session.scalars(select(ServiceRecord).where(ServiceRecord.member_id == member_id)):
        session.delete(record)
    session.flush()
    session.delete(row)
    session.flush()


def add_record(session: Session, *, member_id: int, served_on: dt.date, hours: float, activity: str) -> int:
    member = _member(session, member_id)
    row = ServiceRecord(member_id=member.id, served_on=check_past(served_on), hours=check_hours(hours),
                        activity=clean_name(activity))
    session.add(row)
    session.flush()
    return row.id


def update_record(session: Session, record_id: int, *, served_on: dt.date, hours: float, activity: str) -> None:
    row = session.get(ServiceRecord, record_id)
    if row is None:
        raise InputError("unknown_record", record=record_id)
    row.served_on, row.hours, row.activity = check_past(served_on), check_hours(hours), clean_name(activity)
    session.flush()


def remove_record(session: Session, record_id: int) -> None:
    row = session.get(ServiceRecord, record_id)
    if row is None:
        raise InputError("unknown_record", record=record_id)
    session.delete(row)
    session.flush()
