"""Tables of the import engine: saved profiles and import runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.core.base import Base, Versioned

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


