"""People who sign in to StreetBoard."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.core.base import USER_ROLES, Base, Versioned, _in

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


