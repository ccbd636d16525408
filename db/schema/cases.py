"""Tables of the grid-case backlog: handling units, categories, the state machine, cases,
events, and the weekly summaries."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.core.base import (
    CASE_KINDS,
    CASE_SOURCES,
    CASE_STATES,
    HANDLING_UNIT_KINDS,
    OPEN_STATES_SQL,
    Base,
    Versioned,
    _in,
)

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
    week they were closed. See ``db/cases/summaries.py`` for the definitions and ``db/cases/queries.py``
    for the query planner.
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
