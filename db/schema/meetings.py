"""Tables of meetings: the bodies that meet and their members, proposals, meetings, agenda items,
attendance, minutes and their revisions, quorum rules, kind defaults, the meeting room's state.

Meeting bodies (议事机构, revision 0009): a meeting belongs to one :class:`MeetingBody` — the street's
大工委 (``street_committee``, one per street), a community's 社区"大党委" (``community_committee``, one
per community) or a 党建联席会议 (``joint``, at the ``industry`` 行业系统 / ``street`` 街道 /
``community`` 社区 level). Each body has its own quorum rule. Its members:

* the street committee's members are the members (:class:`db.schema.units.CommitteeMember`) of
  the meeting's committee term — never copied, so a new term brings its own roster and past
  meetings keep theirs; sign-in rows name them by ``attendance.member_id``;
* any other body lists its members in :class:`MeetingBodyMember`: a plain person with a unit
  (a property firm's manager, the police station's officer), or a committee member
  (``committee_member_id``: the same person as on the 大工委, name and unit copied when added).
  Sign-in rows name them by ``attendance.body_member_id`` (and ``member_id`` too when the body
  member is a committee member).

Anybody else at a meeting is an observer (列席: both ids empty).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.core.base import (
    AGENDA_KINDS,
    ATTENDANCE_STATUSES,
    MEETING_KINDS,
    MEETING_STATUSES,
    MINUTES_STATUSES,
    PROPOSAL_STATUSES,
    Base,
    Versioned,
    _in,
)

if TYPE_CHECKING:
    from db.schema.cases import GridCase

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# --------------------------------------------------------------------------- meetings

agenda_item_case = Table(
    "agenda_item_case",
    Base.metadata,
    Column("agenda_item_id", ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("grid_case.id"), primary_key=True),
    # what the projector calls the case: the chair's words, never the resident's free text (0012)
    Column("public_title", String(200), nullable=False, default="", server_default=""),
)
resolution_case = Table(
    "resolution_case",
    Base.metadata,
    Column("resolution_id", ForeignKey("resolution.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("grid_case.id"), primary_key=True, index=True),
    # the case was still open when linked: its closing moves the resolution and its task (0012)
    Column("counted", Boolean, nullable=False, default=True, server_default=true()),
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


#: 大工委 / 社区大党委 / 党建联席会议
BODY_KINDS = ("street_committee", "community_committee", "joint")
#: the level of a 党建联席会议: 行业系统 / 街道 / 社区 ("" for the other bodies)
JOINT_LEVELS = ("industry", "street", "community")
#: the meeting kinds each body holds
BODY_MEETING_KINDS = {
    "street_committee": ("plenary", "regular", "topical"),
    "community_committee": ("community",),
    "joint": ("joint",),
}


class MeetingBody(Versioned, Base):
    """议事机构 — a body that meets: its kind, level, community, name and quorum rule."""

    __tablename__ = "meeting_body"
    __table_args__ = (
        CheckConstraint(_in("kind", BODY_KINDS), name="kind"),
        CheckConstraint("level = '' OR " + _in("level", JOINT_LEVELS), name="level"),
        UniqueConstraint("street_id", "name"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("street_office.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(10), default="")
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"))
    name: Mapped[str] = mapped_column(String(100))
    quorum_rule: Mapped[str] = mapped_column(ForeignKey("quorum_rule.code"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class MeetingBodyMember(Versioned, Base):
    """A member of a body other than the street committee (whose members are the term's)."""

    __tablename__ = "meeting_body_member"
    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("meeting_body.id", ondelete="CASCADE"), index=True)
    committee_member_id: Mapped[int | None] = mapped_column(ForeignKey("committee_member.id"))
    name: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(100), default="")  # 职务
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("resident_unit.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    left_on: Mapped[dt.date | None] = mapped_column(Date)  # left the body (the row stays for past sign-ins)


class Meeting(Versioned, Base):
    """会议."""

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint(_in("kind", MEETING_KINDS), name="kind"),
        CheckConstraint(_in("status", MEETING_STATUSES), name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("committee_term.id"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("meeting_body.id"), index=True)
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
    reopen_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")  # the last reopening

    body: Mapped[MeetingBody] = relationship()
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
    no_record: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # 无记录

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    cases: Mapped[list[GridCase]] = relationship(secondary=agenda_item_case)


class Attendance(Versioned, Base):
    """签到: present 出席 / excused 请假 / observer 列席 / absent 缺席."""

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint(_in("status", ATTENDANCE_STATUSES), name="status"),
        UniqueConstraint("meeting_id", "member_id"),
        UniqueConstraint("meeting_id", "body_member_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("committee_member.id"))
    body_member_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_body_member.id"))
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
    # signed minutes (0011): the hash version, the record sealed with the text, the approver's signature
    hash_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    sealed_record: Mapped[str | None] = mapped_column(Text)  # canonical JSON (hash version 2)
    signing_key_id: Mapped[int | None] = mapped_column(ForeignKey("signing_key.id"))
    signature: Mapped[str | None] = mapped_column(String(128))  # Ed25519 over the hash, hex

    minutes: Mapped[Minutes] = relationship(back_populates="revisions")


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


