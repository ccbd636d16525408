"""Reads about the street itself: its name and the current committee term."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.schema.street import CommitteeTerm, StreetOffice

ATTENDANCE_WINDOW = 3  # "the last meetings" of the overview: the last three held
def street_name(session: Session) -> str:
    return session.scalar(select(StreetOffice.name).order_by(StreetOffice.id).limit(1)) or ""


def current_term_id(session: Session) -> int | None:
    return session.scalar(
        select(CommitteeTerm.id).order_by(CommitteeTerm.is_current.desc(), CommitteeTerm.number.desc()).limit(1)
    )


