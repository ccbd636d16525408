"""Tables of the street: the street office, communities, grids, grid workers, committee terms."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.core.base import Base, Versioned

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
    """网格 — code stored as text: the street's administrative code + community number (3 digits) +
    grid number (3 digits), e.g. 340111006 001 012 (:func:`db.street.services.grid_code`)."""

    __tablename__ = "grid"
    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))

    community: Mapped[Community] = relationship(back_populates="grids")


class GridWorker(Versioned, Base):
    """综合网格员 of a grid: full-time (专职) or not (兼职)."""

    __tablename__ = "grid_worker"
    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(30), default="")
    full_time: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


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


