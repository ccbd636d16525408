"""Tables of resolutions (议定事项), their tasks and task updates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.core.base import RESOLUTION_STATUSES, TASK_STATUSES, Base, Versioned, _in
from db.schema.meetings import resolution_case, resolution_co_unit

if TYPE_CHECKING:
    from db.schema.cases import GridCase
    from db.schema.units import ResidentUnit

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship


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
    # 表决: the counts (None: not put to a vote), or 一致同意
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    votes_abstain: Mapped[int | None] = mapped_column(Integer)

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


