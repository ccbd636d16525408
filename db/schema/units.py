"""Tables of resident units: units, member units, committee members, liaisons, the three
lists, dual reporting (双报到), participation scoring."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.core.base import (
    CLAIM_STATUSES,
    MEMBER_KINDS,
    MEMBER_ROLES,
    NEED_STATUSES,
    PROJECT_STATUSES,
    RESOURCE_STATUSES,
    UNIT_KINDS,
    Base,
    Versioned,
    _in,
)

# --------------------------------------------------------------------------- units and the committee


class ResidentUnit(Versioned, Base):
    """驻区单位 (and 市直单位 when ``kind == 'municipal'``)."""

    __tablename__ = "resident_unit"
    __table_args__ = (CheckConstraint(_in("kind", UNIT_KINDS), name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("street_office.id"))
    name: Mapped[str] = mapped_column(String(120), unique=True)
    short_name: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(20))
    party_org: Mapped[str] = mapped_column(String(120), default="")  # 党组织名称
    address: Mapped[str] = mapped_column(String(200), default="")
    contact_person: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class MemberUnit(Versioned, Base):
    """成员单位: a resident unit that sits on the committee in a term."""

    __tablename__ = "member_unit"
    __table_args__ = (UniqueConstraint("term_id", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("committee_term.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    joined_on: Mapped[dt.date | None] = mapped_column(Date)


class CommitteeMember(Versioned, Base):
    """委员 — full-time (专职, street staff) or part-time (兼职, from a member unit)."""

    __tablename__ = "committee_member"
    __table_args__ = (
        CheckConstraint(_in("kind", MEMBER_KINDS), name="kind"),
        CheckConstraint(_in("role", MEMBER_ROLES), name="role"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("committee_term.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(100), default="")  # 职务
    kind: Mapped[str] = mapped_column(String(10))
    role: Mapped[str] = mapped_column(String(20), default="member")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("resident_unit.id"))
    phone: Mapped[str] = mapped_column(String(30), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    left_on: Mapped[dt.date | None] = mapped_column(Date)  # left the committee during the term


class Liaison(Versioned, Base):
    """联络员 a member unit names."""

    __tablename__ = "liaison"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --------------------------------------------------------------------------- three lists


class Need(Versioned, Base):
    """需求清单 entry."""

    __tablename__ = "need"
    __table_args__ = (CheckConstraint(_in("status", NEED_STATUSES), name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(50), default="")
    raised_by: Mapped[str] = mapped_column(String(100), default="")
    raised_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="open")


class Resource(Versioned, Base):
    """资源清单 entry a unit offers."""

    __tablename__ = "resource"
    __table_args__ = (CheckConstraint(_in("status", RESOURCE_STATUSES), name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    offered_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="offered")


class Project(Versioned, Base):
    """项目清单 entry, usually answering a need."""

    __tablename__ = "project"
    __table_args__ = (CheckConstraint(_in("status", PROJECT_STATUSES), name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    need_id: Mapped[int | None] = mapped_column(ForeignKey("need.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"))
    published_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")


class ResourceUse(Base):
    """A resource used by a project (资源使用)."""

    __tablename__ = "resource_use"
    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id"))
    used_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class ProjectClaim(Versioned, Base):
    """项目认领 by a unit and its delivery."""

    __tablename__ = "project_claim"
    __table_args__ = (
        CheckConstraint(_in("status", CLAIM_STATUSES), name="status"),
        UniqueConstraint("project_id", "unit_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    claimed_on: Mapped[dt.date] = mapped_column(Date)
    delivered_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="claimed")
    note: Mapped[str] = mapped_column(Text, default="")


# --------------------------------------------------------------------------- dual reporting


class DualReporting(Versioned, Base):
    """双报到: a unit's party organisation reports to a community."""

    __tablename__ = "dual_reporting"
    __table_args__ = (UniqueConstraint("unit_id", "community_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"))
    reported_on: Mapped[dt.date] = mapped_column(Date)


class ServingPartyMember(Versioned, Base):
    """在职党员 registered with the community where they live."""

    __tablename__ = "serving_party_member"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(30), default="")
    registered_on: Mapped[dt.date] = mapped_column(Date)


class ServiceRecord(Base):
    """Service hours a serving party member did."""

    __tablename__ = "service_record"
    __table_args__ = (CheckConstraint("hours > 0 AND hours <= 24", name="hours"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("serving_party_member.id"), index=True)
    served_on: Mapped[dt.date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    activity: Mapped[str] = mapped_column(String(200), default="")


# --------------------------------------------------------------------------- participation scoring

SCORE_MEASURES = (
    "attendance",  # committee meetings attended (出席/列席)
    "topics",  # topics proposed (议题)
    "claims",  # projects claimed (项目认领)
    "deliveries",  # projects delivered (项目交付)
    "resources_offered",  # resources put on the list (资源提供)
    "resources_used",  # times a resource of the unit was used (资源使用)
    "service_hours",  # service hours of its serving party members (在职党员服务时长)
    "overdue_resolutions",  # resolutions it owns that missed their deadline (逾期决议; weigh negative)
)


class ScoreScheme(Versioned, Base):
    """A participation scoring scheme in force from ``effective_year`` until the next one.

    Scores of a year use the scheme with the greatest ``effective_year`` not after it, so a new
    year's weights never change an earlier year's scores.
    """

    __tablename__ = "score_scheme"
    id: Mapped[int] = mapped_column(primary_key=True)
    effective_year: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(50), default="")

    weights: Mapped[list[ScoreWeight]] = relationship(
        back_populates="scheme", cascade="all, delete-orphan", order_by="ScoreWeight.id"
    )


class ScoreWeight(Base):
    """Points per unit of one measure in a scheme."""

    __tablename__ = "score_weight"
    __table_args__ = (
        UniqueConstraint("scheme_id", "measure"),
        CheckConstraint(_in("measure", SCORE_MEASURES), name="measure"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("score_scheme.id", ondelete="CASCADE"), index=True)
    measure: Mapped[str] = mapped_column(String(30))
    weight: Mapped[float] = mapped_column(Float)

    scheme: Mapped[ScoreScheme] = relationship(back_populates="weights")


# Service hours by year (scorecard, heatmap): a covering index so a year's hours are read from the
# index alone, not from every service record.
Index("ix_service_record_served_on", ServiceRecord.served_on, ServiceRecord.member_id, ServiceRecord.hours)


