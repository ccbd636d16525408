"""The StreetBoard data model (SQLAlchemy 2, typed).

English names in code, Chinese in the UI (see ``shared/domain.md``).  Every table a person edits
carries a ``version`` column used by SQLAlchemy's optimistic locking (``version_id_col``): a save
that started from an older version raises ``StaleDataError`` instead of overwriting.

Enumerations are stored as short text codes (portable across SQLite and PostgreSQL, readable in
raw SQL); their allowed values live in the ``*_CODES`` tuples below and are checked by CHECK
constraints so a bad value cannot enter through raw SQL either.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _in(column: str, codes: tuple[str, ...]) -> str:
    values = ", ".join(f"'{c}'" for c in codes)
    return f"{column} IN ({values})"


# --------------------------------------------------------------------------- enumerations

UNIT_KINDS = (
    "school",  # 学校
    "hospital",  # 医院
    "police",  # 派出所 / 公安
    "state_firm",  # 国有企业
    "company",  # 非公企业
    "property",  # 物业服务企业
    "agency",  # 驻区机关事业单位
    "municipal",  # 市直单位 (四联四定 partner)
    "social_org",  # 社会组织
    "other",
)
MEMBER_KINDS = ("full_time", "part_time")  # 专职 / 兼职
MEMBER_ROLES = ("secretary", "deputy_secretary", "member")
HANDLING_UNIT_KINDS = ("street_dept", "stationed", "community", "enterprise", "other")
CASE_SOURCES = ("patrol", "hotline", "resident", "supervision", "import")
CASE_KINDS = ("event", "component")  # 事件 / 部件
CASE_STATES = (
    "REPORTED",  # 待受理
    "FILED",  # 立案
    "DISPATCHED",  # 派遣
    "IN_PROGRESS",  # 处置中
    "ON_HOLD",  # 挂账/缓办
    "FEEDBACK",  # 处理反馈
    "CLOSED",  # 结案
    "EVALUATED",  # 回访评价
    "VOID",  # 作废
)
OPEN_CASE_STATES = ("REPORTED", "FILED", "DISPATCHED", "IN_PROGRESS", "ON_HOLD", "FEEDBACK")
DONE_CASE_STATES = ("CLOSED", "EVALUATED")
#: the open states as literal SQL: a partial index only serves queries that repeat it verbatim
OPEN_STATES_SQL = "state IN (" + ", ".join(f"'{s}'" for s in OPEN_CASE_STATES) + ")"
MEETING_KINDS = ("plenary", "regular", "topical", "joint", "community")
# 大工委全体会议 / 例会 / 专题会 / 联席会议 / 社区大党委会议
MEETING_STATUSES = ("planned", "agenda_locked", "in_progress", "closed", "approved")
AGENDA_KINDS = ("case_review", "follow_up", "pairing_review", "unit_report", "proposal", "other")
ATTENDANCE_STATUSES = ("present", "excused", "observer", "absent")
PROPOSAL_STATUSES = ("proposed", "accepted", "rejected", "deferred")
MINUTES_STATUSES = ("draft", "approved")
RESOLUTION_STATUSES = ("open", "in_progress", "ready_to_verify", "done", "cancelled")
OPEN_RESOLUTION_STATUSES = ("open", "in_progress", "ready_to_verify")
TASK_STATUSES = ("open", "in_progress", "done", "cancelled")
NEED_STATUSES = ("open", "matched", "met", "closed")
RESOURCE_STATUSES = ("offered", "in_use", "withdrawn")
PROJECT_STATUSES = ("open", "claimed", "in_progress", "delivered", "cancelled")
CLAIM_STATUSES = ("claimed", "delivered", "withdrawn")
AGREEMENT_STATUSES = ("draft", "signed", "closed")
ITEM_STATUSES = ("planned", "in_progress", "done", "cancelled")
LABEL_KINDS = ("link", "fix")  # 联 / 定
USER_ROLES = ("secretary", "member", "viewer")


class Versioned:
    """Mixin: an optimistic-locking ``version`` column plus created/updated stamps."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy directive
        return {"version_id_col": cls.__table__.c.version}


# --------------------------------------------------------------------------- the street


class StreetOffice(Versioned, Base):
    """街道办事处 — one row per street the database describes."""

    __tablename__ = "street_office"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)  # division 6 + street 3
    name: Mapped[str] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(100), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    grid_code_pattern: Mapped[str] = mapped_column(String(100), default=r"^\d{12,18}$")

    communities: Mapped[list[Community]] = relationship(back_populates="street")


class Community(Versioned, Base):
    """社区 / 村."""

    __tablename__ = "community"
    id: Mapped[int] = mapped_column(primary_key=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("street_office.id"))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    is_village: Mapped[bool] = mapped_column(Boolean, default=False)

    street: Mapped[StreetOffice] = relationship(back_populates="communities")
    grids: Mapped[list[Grid]] = relationship(back_populates="community")


class Grid(Versioned, Base):
    """网格 — code stored as text; its width depends on the local standard."""

    __tablename__ = "grid"
    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))

    community: Mapped[Community] = relationship(back_populates="grids")


class GridWorker(Versioned, Base):
    """网格员."""

    __tablename__ = "grid_worker"
    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(30), default="")


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


class CommitteeTerm(Versioned, Base):
    """届次 of the 大工委."""

    __tablename__ = "committee_term"
    id: Mapped[int] = mapped_column(primary_key=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("street_office.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (UniqueConstraint("street_id", "number"),)


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


class Liaison(Versioned, Base):
    """联络员 a member unit names."""

    __tablename__ = "liaison"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --------------------------------------------------------------------------- grid cases


class HandlingUnit(Versioned, Base):
    """处置部门 — who a case is dispatched to."""

    __tablename__ = "handling_unit"
    __table_args__ = (CheckConstraint(_in("kind", HANDLING_UNIT_KINDS), name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="street_dept")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("resident_unit.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CaseCategory(Versioned, Base):
    """大类/小类 with the default time limit (办结时限) in days."""

    __tablename__ = "case_category"
    __table_args__ = (
        UniqueConstraint("major", "minor"),
        CheckConstraint(_in("kind", CASE_KINDS), name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    major: Mapped[str] = mapped_column(String(50))
    minor: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10), default="event")
    time_limit_days: Mapped[int] = mapped_column(Integer, default=7)
    is_catch_all: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseTransition(Base):
    """The case state machine as data: which action takes which state where."""

    __tablename__ = "case_transition"
    __table_args__ = (
        CheckConstraint(_in("from_state", CASE_STATES), name="from_state"),
        CheckConstraint(_in("to_state", CASE_STATES), name="to_state"),
    )
    from_state: Mapped[str] = mapped_column(String(12), primary_key=True)
    action: Mapped[str] = mapped_column(String(20), primary_key=True)
    to_state: Mapped[str] = mapped_column(String(12))
    needs_reason: Mapped[bool] = mapped_column(Boolean, default=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)


class GridCase(Versioned, Base):
    """网格事件/案件."""

    __tablename__ = "grid_case"
    __table_args__ = (
        UniqueConstraint("source_key", "case_number"),
        CheckConstraint(_in("state", CASE_STATES), name="state"),
        CheckConstraint(_in("source", CASE_SOURCES), name="source"),
        CheckConstraint("closed_at IS NULL OR closed_at >= reported_at", name="closed_after_reported"),
        CheckConstraint("satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction"),
        Index("ix_grid_case_state_deadline", "state", "deadline_at"),
        Index("ix_grid_case_reported_at", "reported_at"),
        # case backlog: the open cases (a small share) with every column the dashboard groups by
        Index(
            "ix_grid_case_open",
            "state", "deadline_at", "reported_at", "community_id", "grid_id", "category_id",
            "handling_unit_id", "source", "supervised",
            sqlite_where=text(OPEN_STATES_SQL), postgresql_where=text(OPEN_STATES_SQL),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_number: Mapped[str] = mapped_column(String(40))  # 事件编号
    source: Mapped[str] = mapped_column(String(12), default="patrol")
    source_key: Mapped[str] = mapped_column(String(40), default="streetboard")  # import source
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"), index=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("case_category.id"), index=True)
    handling_unit_id: Mapped[int | None] = mapped_column(ForeignKey("handling_unit.id"), index=True)
    state: Mapped[str] = mapped_column(String(12), default="REPORTED")
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    deadline_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    hold_started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    supervised: Mapped[bool] = mapped_column(Boolean, default=False)  # 督办
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)  # 0 社区 1 街道 2 区
    extension_count: Mapped[int] = mapped_column(Integer, default=0)
    return_count: Mapped[int] = mapped_column(Integer, default=0)  # 改派/返工
    satisfaction: Mapped[int | None] = mapped_column(Integer)  # 1..5, 4+ = satisfied
    reporter_name: Mapped[str] = mapped_column(String(50), default="")
    reporter_phone: Mapped[str] = mapped_column(String(30), default="")
    reply_note: Mapped[str] = mapped_column(Text, default="")

    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="CaseEvent.at", cascade="all, delete-orphan"
    )


class CaseEvent(Base):
    """处置记录 — one row per transition or note; never edited."""

    __tablename__ = "case_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("grid_case.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(50), default="")
    action: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str | None] = mapped_column(String(12))
    to_state: Mapped[str | None] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[GridCase] = relationship(back_populates="events")


# --------------------------------------------------------------------------- meetings

agenda_item_case = Table(
    "agenda_item_case",
    Base.metadata,
    Column("agenda_item_id", ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("grid_case.id"), primary_key=True),
)
resolution_case = Table(
    "resolution_case",
    Base.metadata,
    Column("resolution_id", ForeignKey("resolution.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("grid_case.id"), primary_key=True, index=True),
)
resolution_co_unit = Table(
    "resolution_co_unit",
    Base.metadata,
    Column("resolution_id", ForeignKey("resolution.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("resident_unit.id"), primary_key=True),
)
resolution_agreement_item = Table(
    "resolution_agreement_item",
    Base.metadata,
    Column("resolution_id", ForeignKey("resolution.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("agreement_item.id"), primary_key=True),
)


class TopicProposal(Versioned, Base):
    """议题 proposed by a unit or raised from a case."""

    __tablename__ = "topic_proposal"
    __table_args__ = (CheckConstraint(_in("status", PROPOSAL_STATUSES), name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("grid_case.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    proposed_by: Mapped[str] = mapped_column(String(50), default="")
    proposed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="proposed")


class Meeting(Versioned, Base):
    """会议."""

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint(_in("kind", MEETING_KINDS), name="kind"),
        CheckConstraint(_in("status", MEETING_STATUSES), name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("committee_term.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)
    planned_minutes: Mapped[int] = mapped_column(Integer, default=90)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    chair: Mapped[str] = mapped_column(String(50), default="")
    recorder: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(15), default="planned")
    quorum_rule: Mapped[str] = mapped_column(String(20), default="majority")

    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class AgendaItem(Versioned, Base):
    """议程."""

    __tablename__ = "agenda_item"
    __table_args__ = (CheckConstraint(_in("kind", AGENDA_KINDS), name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(15), default="other")
    title: Mapped[str] = mapped_column(String(200))
    planned_minutes: Mapped[int] = mapped_column(Integer, default=10)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("topic_proposal.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("resident_unit.id"))
    pairing_id: Mapped[int | None] = mapped_column(ForeignKey("pairing.id"))
    notes: Mapped[str] = mapped_column(Text, default="")  # the recorder's minutes for the item
    projected_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # first shown in the meeting room
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # the chair moved on

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    cases: Mapped[list[GridCase]] = relationship(secondary=agenda_item_case)


class Attendance(Versioned, Base):
    """签到: present 出席 / excused 请假 / observer 列席 / absent 缺席."""

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint(_in("status", ATTENDANCE_STATUSES), name="status"),
        UniqueConstraint("meeting_id", "member_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("committee_member.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10))
    delegate_name: Mapped[str] = mapped_column(String(50), default="")  # 代为出席
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Minutes(Versioned, Base):
    """会议纪要 — one per meeting; its text lives in revisions."""

    __tablename__ = "minutes"
    __table_args__ = (CheckConstraint(_in("status", MINUTES_STATUSES), name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")

    revisions: Mapped[list[MinutesRevision]] = relationship(
        back_populates="minutes", order_by="MinutesRevision.number"
    )


class MinutesRevision(Base):
    """One revision of a meeting's minutes; approved ones are hash-chained."""

    __tablename__ = "minutes_revision"
    __table_args__ = (UniqueConstraint("minutes_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)  # canonical JSON of the structured record
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(50))
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str | None] = mapped_column(String(64))

    minutes: Mapped[Minutes] = relationship(back_populates="revisions")


class Resolution(Versioned, Base):
    """决议 / 议定事项 — each has an owner unit and a deadline."""

    __tablename__ = "resolution"
    __table_args__ = (
        CheckConstraint(_in("status", RESOLUTION_STATUSES), name="status"),
        UniqueConstraint("meeting_id", "number"),
        Index("ix_resolution_status_deadline", "status", "deadline"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    verified_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    overdue_reason: Mapped[str] = mapped_column(Text, default="")

    tasks: Mapped[list[Task]] = relationship(back_populates="resolution")
    cases: Mapped[list[GridCase]] = relationship(secondary=resolution_case)
    co_units: Mapped[list[ResidentUnit]] = relationship(secondary=resolution_co_unit)


class Task(Versioned, Base):
    """任务 a resolution is broken into."""

    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint(_in("status", TASK_STATUSES), name="status"),
        CheckConstraint("progress_pct BETWEEN 0 AND 100", name="progress"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolution.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    assignee: Mapped[str] = mapped_column(String(50), default="")
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")
    progress_pct: Mapped[int] = mapped_column(Integer, default=0)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    overdue_reason: Mapped[str] = mapped_column(Text, default="")

    resolution: Mapped[Resolution] = relationship(back_populates="tasks")


class TaskUpdate(Base):
    """反馈: a progress update on a task."""

    __tablename__ = "task_update"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(50), default="")
    progress_pct: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


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


# --------------------------------------------------------------------------- 四联四定


class PairingLabel(Versioned, Base):
    """The names of the four links (联) and four fixes (定): data, not columns."""

    __tablename__ = "pairing_label"
    __table_args__ = (
        CheckConstraint(_in("kind", LABEL_KINDS), name="kind"),
        UniqueConstraint("kind", "position"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(5))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(Text, default="")


class Pairing(Versioned, Base):
    """四联四定结对: a city-level unit paired with a community."""

    __tablename__ = "pairing"
    __table_args__ = (UniqueConstraint("municipal_unit_id", "community_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    municipal_unit_id: Mapped[int] = mapped_column(ForeignKey("resident_unit.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    since_year: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AnnualAgreement(Versioned, Base):
    """年度协议 of a pairing."""

    __tablename__ = "annual_agreement"
    __table_args__ = (
        UniqueConstraint("pairing_id", "year"),
        CheckConstraint(_in("status", AGREEMENT_STATUSES), name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairing.id"))
    year: Mapped[int] = mapped_column(Integer)
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="signed")

    items: Mapped[list[AgreementItem]] = relationship(back_populates="agreement")


class AgreementItem(Versioned, Base):
    """协议事项: what, who, by when, how far."""

    __tablename__ = "agreement_item"
    __table_args__ = (
        CheckConstraint(_in("status", ITEM_STATUSES), name="status"),
        CheckConstraint("progress_pct BETWEEN 0 AND 100", name="progress"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("annual_agreement.id"), index=True)
    label_id: Mapped[int | None] = mapped_column(ForeignKey("pairing_label.id"))
    title: Mapped[str] = mapped_column(String(200))
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    due_on: Mapped[dt.date] = mapped_column(Date)
    progress_pct: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default="planned")
    evidence_note: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[dt.date | None] = mapped_column(Date)

    agreement: Mapped[AnnualAgreement] = relationship(back_populates="items")


class AgreementProgress(Base):
    """A progress update on an agreement item."""

    __tablename__ = "agreement_progress"
    __table_args__ = (CheckConstraint("progress_pct BETWEEN 0 AND 100", name="progress"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agreement_item.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(50), default="")
    progress_pct: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


# --------------------------------------------------------------------------- people and audit


class AppUser(Versioned, Base):
    """A person who signs in to StreetBoard, with a role."""

    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint(_in("role", USER_ROLES), name="role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(10))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("resident_unit.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AuditLog(Base):
    """Who changed what, when, from which old values to which new ones."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_table_row", "table_name", "row_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    username: Mapped[str] = mapped_column(String(50), default="")
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))  # insert / update / delete / domain verb
    old_values: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    new_values: Mapped[dict[str, Any] | None] = mapped_column(JSON)


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


# --------------------------------------------------------------------------- meetings (agenda, sign-in, room)


class QuorumRule(Versioned, Base):
    """法定人数 rule: quorate when present × denominator > (or ≥) numerator × members.

    ``strict`` means "more than" (the default majority: more than half); otherwise "at least".
    Members who sign in through a delegate (代为出席) count as present; observers (列席) never count.
    """

    __tablename__ = "quorum_rule"
    __table_args__ = (CheckConstraint("numerator >= 0 AND denominator > 0", name="fraction"),)
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    numerator: Mapped[int] = mapped_column(Integer)
    denominator: Mapped[int] = mapped_column(Integer)
    strict: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(String(200), default="")


class MeetingKindDefault(Versioned, Base):
    """Per meeting kind: the quorum rule a new meeting gets and its usual length (data, not code)."""

    __tablename__ = "meeting_kind_default"
    __table_args__ = (CheckConstraint(_in("kind", MEETING_KINDS), name="kind"),)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    quorum_rule: Mapped[str] = mapped_column(ForeignKey("quorum_rule.code"))
    planned_minutes: Mapped[int] = mapped_column(Integer, default=90)


class MeetingRoomState(Base):
    """The live state of a meeting being held: which agenda item the chair has on screen."""

    __tablename__ = "meeting_room_state"
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    current_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


# --------------------------------------------------------------------------- many PCs (live refresh)


class ChangeCounter(Base):
    """SQLite only: one counter per table, bumped by triggers on every write (live refresh).

    Another PC's poller sees ``PRAGMA data_version`` move, reads these counters and refreshes the
    views of the tables whose counter changed. PostgreSQL announces changes by NOTIFY instead.
    """

    __tablename__ = "change_counter"
    table_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)


# --------------------------------------------------------------------------- imports (case and unit import)


class ImportProfile(Versioned, Base):
    """A column mapping a user saved for an import (every committee PC sees it).

    ``columns`` maps a field key to the source header; ``base`` names the built-in profile it
    derives from (its rules and defaults); ``options`` override the base's options.
    """

    __tablename__ = "import_profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # cases / units / pairings
    base: Mapped[str] = mapped_column(String(40), default="")
    source_key: Mapped[str] = mapped_column(String(40))
    columns: Mapped[dict[str, Any]] = mapped_column(JSON)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str] = mapped_column(String(50), default="")


class ImportRun(Base):
    """One import that wrote to the database: which file, how it was read, what it did, who, when."""

    __tablename__ = "import_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(255))
    profile: Mapped[str] = mapped_column(String(80))
    source_key: Mapped[str] = mapped_column(String(40))
    encoding: Mapped[str] = mapped_column(String(20), default="")  # utf-8 / gb18030 / … or xlsx / xls
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    accept_valid: Mapped[bool] = mapped_column(Boolean, default=False)


# --------------------------------------------------------------------------- case backlog summaries

#: columns of :class:`CaseSummary` counting closed cases by whole days from report to close:
#: ``d00`` … ``d30`` one day each, ``d31`` everything from 31 days on (the median's histogram).
CLOSE_DAY_BUCKETS = 32


class CaseSummaryLevel(Base):
    """Which case dimensions one level of :class:`CaseSummary` keeps (the rest are rolled up)."""

    __tablename__ = "case_summary_level"
    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    by_community: Mapped[bool] = mapped_column(Boolean)
    by_grid: Mapped[bool] = mapped_column(Boolean)
    by_category: Mapped[bool] = mapped_column(Boolean)
    by_unit: Mapped[bool] = mapped_column(Boolean)
    by_source: Mapped[bool] = mapped_column(Boolean)
    by_supervised: Mapped[bool] = mapped_column(Boolean)


class CaseSummary(Base):
    """Weekly case counts per level × kept dimensions, kept current by triggers on grid_case.

    A rolled-up dimension holds -1 (source: ``'*'``); a case without a value holds 0 (source
    never lacks one). ``opened``/``returns``/``extensions`` count non-void cases in the week they
    were reported; ``closed``/``on_time``/``rated``/``satisfied``/``d00``…``d31`` count them in the
    week they were closed. See ``db/cases.py`` for the definitions and the query planner.
    """

    __tablename__ = "case_summary"
    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    community_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    grid_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    category_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    handling_unit_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(12), primary_key=True)
    supervised: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    week: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    opened: Mapped[int] = mapped_column(Integer, default=0)
    closed: Mapped[int] = mapped_column(Integer, default=0)
    on_time: Mapped[int] = mapped_column(Integer, default=0)
    rated: Mapped[int] = mapped_column(Integer, default=0)
    satisfied: Mapped[int] = mapped_column(Integer, default=0)
    returns: Mapped[int] = mapped_column(Integer, default=0)
    extensions: Mapped[int] = mapped_column(Integer, default=0)


for _d in range(CLOSE_DAY_BUCKETS):
    CaseSummary.__table__.append_column(Column(f"d{_d:02d}", Integer, nullable=False, default=0))
del _d
