"""The declarative base, the versioning mixin, the enumerations stored as codes, and the
infrastructure tables (the audit trail, SQLite's change counters). Knows no area.

Every table a person edits carries a ``version`` column used by SQLAlchemy's optimistic locking
(``version_id_col``): a save that started from an older version raises ``StaleDataError``.
Enumerations are short text codes checked by CHECK constraints.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

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


# --------------------------------------------------------------------------- many PCs (live refresh)


class ChangeCounter(Base):
    """SQLite only: one counter per table, bumped by triggers on every write (live refresh).

    Another PC's poller sees ``PRAGMA data_version`` move, reads these counters and refreshes the
    views of the tables whose counter changed. PostgreSQL announces changes by NOTIFY instead.
    """

    __tablename__ = "change_counter"
    table_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)


