"""Tables of signed minutes: the approvers' registered public keys and the signed chain heads.

Both only grow: a key is never changed (a lost key is replaced by a new row), a head is never
changed or removed (the database refuses it, migration 0011).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.core.base import Base


class SigningKey(Base):
    """An approver's Ed25519 public key (32 raw bytes as hex), registered at set-up."""

    __tablename__ = "signing_key"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), index=True)
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(50), default="")


class MinutesChainHead(Base):
    """The end of the minutes hash chain as an approver signed it, one row per approval.

    The newest row must name the newest approved revision: deleting that revision (or rewriting
    the chain) leaves a signed head that no longer matches.
    """

    __tablename__ = "minutes_chain_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    approved_count: Mapped[int] = mapped_column(Integer)  # approved revisions in the chain, this one included
    head_hash: Mapped[str] = mapped_column(String(64))
    meeting_id: Mapped[int] = mapped_column(Integer)  # no foreign key: it must outlive what it names
    revision: Mapped[int] = mapped_column(Integer)
    signed_by: Mapped[str] = mapped_column(String(50))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    signing_key_id: Mapped[int] = mapped_column(ForeignKey("signing_key.id"))
    signature: Mapped[str] = mapped_column(String(128))
