"""Reads about the street itself: its name, the current committee term, its bodies as the set-up sheets show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.schema.cases import CaseCategory, HandlingUnit
from db.schema.people import AppUser
from db.schema.street import CommitteeTerm, Community, Grid, GridWorker, StreetOffice
from db.schema.units import CommitteeMember, ResidentUnit

ATTENDANCE_WINDOW = 3  # "the last meetings" of the overview: the last three held
def street_name(session: Session) -> str:
    return session.scalar(select(StreetOffice.name).order_by(StreetOffice.id).limit(1)) or ""


def current_term_id(session: Session) -> int | None:
    return session.scalar(
        select(CommitteeTerm.id).order_by(CommitteeTerm.is_current.desc(), CommitteeTerm.number.desc()).limit(1)
    )




def has_street(session: Session) -> bool:
    """Whether the street has been set up (the app opens the set-up assistant while not)."""
    return session.scalar(select(StreetOffice.id).limit(1)) is not None


@dataclass(frozen=True)
class BodyCells:
    """One body as the set-up sheets lay it out: text cells in field order, each row's id and version."""

    cells: list[list[str]]
    ids: list[tuple[int | None, int | None]]
    notes: list[str]  # per row: what the sheet does not show (a member who left: the date)


@dataclass(frozen=True)
class TermInfo:
    id: int
    number: int
    started_on: dt.date
    ended_on: dt.date | None
    is_current: bool


def street_bodies(session: Session) -> dict[str, BodyCells]:
    """Every body of the street as the 基础信息 page edits it (the current term's members)."""
    out: dict[str, BodyCells] = {}

    def put(body: str, rows: list[tuple[Any, ...]], cells: Any, notes: Any = None) -> None:
        out[body] = BodyCells([[_text(v) for v in cells(r)] for r in rows], [(r.id, r.version) for r in rows],
                              [notes(r) if notes else "" for r in rows])

    street = session.scalars(select(StreetOffice).order_by(StreetOffice.id)).first()
    term = session.get(CommitteeTerm, current_term_id(session)) if current_term_id(session) else None
    if street is not None:
        put("street", [street], lambda s: (s.name, s.code, s.district, s.city, term.number if term else "",
                                           term.started_on if term else "", term.ended_on if term else ""))
    communities = session.scalars(select(Community).order_by(Community.code)).all()
    put("communities", communities, lambda c: (int(c.code[-3:]) if c.code[-3:].isdigit() else "", c.name,
                                               "是" if c.is_village else "否"))
    grids = session.execute(select(Grid, Community.code, Community.name).join(Community, Community.id == Grid.community_id)
                            .order_by(Grid.code)).all()
    out["grids"] = BodyCells([[name, str(int(g.code[len(ccode):]) if g.code[len(ccode):].isdigit() else ""), g.name,
                               g.code] for g, ccode, name in grids], [(g.id, g.version) for g, _c, _n in grids],
                             ["" for _ in grids])
    workers = session.execute(select(GridWorker, Grid.code).join(Grid, Grid.id == GridWorker.grid_id)
                              .order_by(Grid.code, GridWorker.name)).all()
    out["workers"] = BodyCells([[code, w.name, w.phone, "是" if w.full_time else "否"] for w, code in workers],
                               [(w.id, w.version) for w, _c in workers], ["" for _ in workers])
    members = session.execute(
        select(CommitteeMember, ResidentUnit.name).outerjoin(ResidentUnit, ResidentUnit.id == CommitteeMember.unit_id)
        .where(CommitteeMember.term_id == (term.id if term else -1)).order_by(CommitteeMember.position,
                                                                              CommitteeMember.id)).all()
    out["members"] = BodyCells([[m.name, ROLE_SHEET[m.role], KIND_SHEET[m.kind], unit or "", m.title, m.phone]
                                for m, unit in members], [(m.id, m.version) for m, _u in members],
                               [m.left_on.isoformat() if m.left_on else "" for m, _u in members])
    put("handling_units", session.scalars(select(HandlingUnit).order_by(HandlingUnit.name)).all(),
        lambda h: (h.name, HANDLING_SHEET.get(h.kind, h.kind)))
    put("municipal", session.scalars(select(ResidentUnit).where(ResidentUnit.kind == "municipal")
                                     .order_by(ResidentUnit.name)).all(),
        lambda u: (u.name, u.short_name, u.contact_person, u.contact_phone))
    put("categories", session.scalars(select(CaseCategory).order_by(CaseCategory.major, CaseCategory.minor)).all(),
        lambda c: (c.major, c.minor, "部件" if c.kind == "component" else "事件", c.time_limit_days))
    put("users", session.scalars(select(AppUser).order_by(AppUser.username)).all(),
        lambda u: (u.username, u.display_name, USER_ROLE_SHEET.get(u.role, u.role)))
    return out


def terms(session: Session) -> list[TermInfo]:
    return [TermInfo(t.id, t.number, t.started_on, t.ended_on, t.is_current)
            for t in session.scalars(select(CommitteeTerm).order_by(CommitteeTerm.number.desc()))]


ROLE_SHEET = {"secretary": "书记", "deputy_secretary": "副书记", "member": "委员"}
KIND_SHEET = {"full_time": "专职", "part_time": "兼职"}
HANDLING_SHEET = {"street_dept": "街道科室", "stationed": "派驻机构", "community": "社区", "enterprise": "企业",
                  "other": "其他"}
USER_ROLE_SHEET = {"secretary": "书记", "member": "成员", "viewer": "查看"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
