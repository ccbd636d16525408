"""Tables of the 四联四定 pairings: labels, pairings, annual agreements, items, progress."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.core.base import AGREEMENT_STATUSES, ITEM_STATUSES, LABEL_KINDS, Base, Versioned, _in

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


