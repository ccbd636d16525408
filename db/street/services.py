"""Writes of the street's own bodies: the one set-up transaction and the edits after it.

    rejects = check_setup(session, setup)       # read-only: every problem, row by row
    outcome = apply_setup(session, setup)       # validates again; writes all or raises SetupRejected

:func:`apply_setup` is the one writer of the street, its communities and grids, the 综合网格员, the
committee term and its members, the handling units, the municipal departments, the case
categories and the app users (the set-up assistant, ``streetboard setup import`` and the 基础信息
page all call it).  A row without ``id`` is matched by its key (a community by name, a grid by code,
a member by name in the term …) and inserted or updated, so the same workbook twice changes
nothing; a row with ``id`` is an edit of that record at ``version`` (a newer version raises
:class:`db.core.versioning.ConflictError`).  Nothing is written while any row is rejected.

Grid codes follow one scheme (一张网): the street's 9-digit administrative code + the community
number (3 digits) + the grid number (3 digits) — :func:`grid_code`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.core import audit
from db.core.base import HANDLING_UNIT_KINDS, MEMBER_KINDS, MEMBER_ROLES, USER_ROLES
from db.core.errors import InputError
from db.core.versioning import save_versioned
from db.schema.cases import CaseCategory, HandlingUnit
from db.schema.people import AppUser
from db.schema.street import CommitteeTerm, Community, Grid, GridWorker, StreetOffice
from db.schema.units import CommitteeMember, MemberUnit, ResidentUnit

STREET_CODE = re.compile(r"^\d{9}$")
NUMBER_RANGE = (1, 999)
DAYS_RANGE = (1, 365)

#: reason code → English text ({0} is the detail); the desktop translates the codes
SETUP_REASONS: Mapping[str, str] = {
    "required": "is required but blank",
    "too_long": "is longer than {0} characters",
    "out_of_range": "is outside the allowed range {0}",
    "unknown_value": "is not one of the known values",
    "missing_sheet": "the workbook has no sheet named {0}",
    "missing_columns": "the sheet lacks the columns {0}",
    "second_street": "the database already holds the street {0}; one database describes one street",
    "one_street_row": "the street sheet holds one street; this is a second one",
    "bad_street_code": "is not a 9-digit administrative code of a street",
    "no_street": "there is no street yet: fill in the street first",
    "duplicate": "the same value is in row {0}",
    "taken": "already used by {0} in the database",
    "unknown_community": "is not a community of the street",
    "unknown_grid": "is not a grid code or grid name of the street",
    "ambiguous_grid": "several grids have this name; give the grid code",
    "bad_grid_code": "does not follow the scheme street code + community number + grid number ({0})",
    "no_term": "there is no committee term: fill in the term first",
    "date_order": "the term ends before it starts",
}

ROLE_WORDS: Mapping[str, str] = {"书记": "secretary", "副书记": "deputy_secretary", "委员": "member",
                                 **{r: r for r in MEMBER_ROLES}}
KIND_WORDS: Mapping[str, str] = {"专职": "full_time", "兼职": "part_time", **{k: k for k in MEMBER_KINDS}}
HANDLING_KIND_WORDS: Mapping[str, str] = {
    "街道科室": "street_dept", "派驻机构": "stationed", "社区": "community", "企业": "enterprise", "其他": "other",
    **{k: k for k in HANDLING_UNIT_KINDS}}
CASE_KIND_WORDS: Mapping[str, str] = {"事件": "event", "部件": "component", "event": "event", "component": "component"}
USER_ROLE_WORDS: Mapping[str, str] = {"书记": "secretary", "秘书": "secretary", "成员": "member", "委员": "member",
                                      "查看": "viewer", "只读": "viewer", **{r: r for r in USER_ROLES}}


# --------------------------------------------------------------------------- the rows


@dataclass(frozen=True)
class StreetRow:
    name: str
    code: str
    district: str = ""
    city: str = ""
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class CommunityRow:
    name: str
    number: int | None
    is_village: bool = False
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class GridRow:
    community: str  # the community's name
    number: int | None
    name: str = ""
    code: str = ""  # given: must follow the scheme; blank: computed
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class WorkerRow:
    grid: str  # a grid's code or name
    name: str
    phone: str = ""
    full_time: bool = True
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class TermRow:
    number: int | None
    started_on: dt.date | None
    ended_on: dt.date | None = None
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class MemberRow:
    name: str
    role: str | None  # secretary / deputy_secretary / member (书记/副书记/委员)
    kind: str | None  # full_time / part_time (专职/兼职)
    unit: str = ""
    title: str = ""
    phone: str = ""
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class HandlingUnitRow:
    name: str
    kind: str | None = "street_dept"
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class MunicipalRow:
    name: str
    short_name: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class CategoryRow:
    major: str
    minor: str
    kind: str | None = "event"
    time_limit_days: int | None = 7
    row: int = 2
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class UserRow:
    username: str
    display_name: str
    role: str | None
    row: int = 2
    id: int | None = None
    version: int | None = None


#: the bodies in the order they are written (a later one refers to earlier ones)
BODIES = ("street", "communities", "grids", "workers", "term", "members", "handling_units", "municipal",
          "categories", "users")


@dataclass(frozen=True)
class StreetSetup:
    """What to write; a body left empty is left as the database has it."""

    street: tuple[StreetRow, ...] = ()
    communities: tuple[CommunityRow, ...] = ()
    grids: tuple[GridRow, ...] = ()
    workers: tuple[WorkerRow, ...] = ()
    term: tuple[TermRow, ...] = ()
    members: tuple[MemberRow, ...] = ()
    handling_units: tuple[HandlingUnitRow, ...] = ()
    municipal: tuple[MunicipalRow, ...] = ()
    categories: tuple[CategoryRow, ...] = ()
    users: tuple[UserRow, ...] = ()

    def rows(self, body: str) -> tuple[Any, ...]:
        return getattr(self, body)

    def merged(self, other: StreetSetup) -> StreetSetup:
        """``other``'s bodies where it has rows, else this one's."""
        return replace(self, **{b: other.rows(b) for b in BODIES if other.rows(b)})

    @property
    def empty(self) -> bool:
        return not any(self.rows(b) for b in BODIES)


@dataclass(frozen=True)
class SetupReject:
    """One problem with one row of one body: row as the user numbers it, column key, value, reason."""

    body: str
    row: int
    column: str
    value: str
    reason: str
    detail: str = ""

    @property
    def message(self) -> str:
        return SETUP_REASONS.get(self.reason, self.reason).format(self.detail)


class SetupRejected(Exception):
    """Rows were rejected, so nothing was written."""

    def __init__(self, rejects: Iterable[SetupReject]):
        self.rejects = tuple(rejects)
        first = self.rejects[0] if self.rejects else None
        super().__init__(f"{len(self.rejects)} rows rejected" + (
            f"; first: {first.body} row {first.row} {first.column}: {first.message}" if first else ""))


@dataclass(frozen=True)
class SetupOutcome:
    """Per body: how many records were inserted, updated and left as they were."""

    counts: Mapping[str, tuple[int, int, int]] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return sum(i + u for i, u, _ in self.counts.values())


def grid_code(street_code: str, community_number: int, grid_number: int) -> str:
    """The grid code of the scheme: 9-digit street code + community number + grid number (3 digits each)."""
    return f"{street_code}{community_number:03d}{grid_number:03d}"


def community_code(street_code: str, community_number: int) -> str:
    return f"{street_code}{community_number:03d}"


# --------------------------------------------------------------------------- validation


class _Checker:
    """Collects rejects; knows the street's records as the database has them plus the setup's rows."""

    def __init__(self, session: Session, setup: StreetSetup):
        self.session = session
        self.setup = setup
        self.rejects: list[SetupReject] = []
        self.db_street = session.scalars(select(StreetOffice).order_by(StreetOffice.id)).first()

    def reject(self, body: str, row: Any, column: str, reason: str, detail: Any = "") -> None:
        value = getattr(row, column, "") if not isinstance(row, int) else ""
        number = row if isinstance(row, int) else row.row
        self.rejects.append(SetupReject(body, number, column, "" if value is None else str(value), reason, str(detail)))

    def required(self, body: str, row: Any, *columns: str) -> bool:
        ok = True
        for column in columns:
            value = getattr(row, column)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.reject(body, row, column, "required")
                ok = False
        return ok

    def length(self, body: str, row: Any, model: type, columns: Mapping[str, str]) -> None:
        for attr, column in columns.items():
            limit = model.__table__.c[column].type.length
            value = getattr(row, attr) or ""
            if limit and len(value) > limit:
                self.reject(body, row, attr, "too_long", limit)

    def in_range(self, body: str, row: Any, column: str, bounds: tuple[int, int]) -> None:
        value = getattr(row, column)
        if value is not None and not bounds[0] <= value <= bounds[1]:
            self.reject(body, row, column, "out_of_range", f"{bounds[0]}–{bounds[1]}")

    def one_of(self, body: str, row: Any, column: str, allowed: Iterable[str]) -> None:
        value = getattr(row, column)
        if value is not None and value not in set(allowed):
            self.reject(body, row, column, "unknown_value")

    def unique(self, body: str, rows: Iterable[Any], column: str, key: Any) -> None:
        """Two rows of the body with the same key: the later one is rejected, naming the first."""
        seen: dict[Any, int] = {}
        for row in rows:
            k = key(row)
            if k is None or k == "":
                continue
            if k in seen:
                self.reject(body, row, column, "duplicate", seen[k])
            else:
                seen[k] = row.row

    def street_code(self) -> str | None:
        rows = self.setup.street
        if rows and STREET_CODE.match(rows[0].code or ""):
            return rows[0].code
        return self.db_street.code if self.db_street is not None else None


def check_setup(session: Session, setup: StreetSetup) -> list[SetupReject]:
    """Every problem of ``setup`` against itself and the database, row by row (reads only)."""
    c = _Checker(session, setup)
    _check_street(c)
    communities = _check_communities(c)
    grids = _check_grids(c, communities)
    _check_workers(c, grids)
    _check_committee(c)
    _check_lists(c)
    c.rejects.sort(key=lambda r: (BODIES.index(r.body), r.row, r.column))
    return c.rejects


def _check_street(c: _Checker) -> None:
    for extra in c.setup.street[1:]:
        c.reject("street", extra, "name", "one_street_row")
    if not c.setup.street:
        if c.db_street is None and not c.setup.empty:
            c.reject("street", 2, "name", "no_street")
        return
    row = c.setup.street[0]
    c.required("street", row, "name", "code")
    c.length("street", row, StreetOffice, {"name": "name", "district": "district", "city": "city"})
    if row.code and not STREET_CODE.match(row.code):
        c.reject("street", row, "code", "bad_street_code")
    if c.db_street is not None and row.id is None and row.code != c.db_street.code:
        c.reject("street", row, "code", "second_street", c.db_street.name)


def _check_communities(c: _Checker) -> dict[str, int]:
    """Community name → number (3-digit suffix of its code), the setup's over the database's."""
    rows = c.setup.communities
    db = {com.id: (com.name, int(com.code[-3:]) if com.code[-3:].isdigit() else None)
          for com in c.session.scalars(select(Community))}
    by_name = {name: cid for cid, (name, _) in db.items()}
    for row in rows:
        if c.required("communities", row, "name", "number"):
            c.in_range("communities", row, "number", NUMBER_RANGE)
        c.length("communities", row, Community, {"name": "name"})
    c.unique("communities", rows, "name", lambda r: r.name)
    c.unique("communities", rows, "number", lambda r: r.number)
    # the setup's rows stand for the records they match (by id, else by name); the others stay
    replaced = {row.id or by_name.get(row.name) for row in rows} - {None}
    known = {name: number for cid, (name, number) in db.items() if cid not in replaced}
    for row in rows:
        if row.name in known:
            c.reject("communities", row, "name", "taken", row.name)
        clash = next((name for name, number in known.items() if row.number is not None and number == row.number), None)
        if clash is not None:
            c.reject("communities", row, "number", "taken", clash)
    known.update({row.name: row.number for row in rows if row.name and row.number is not None})
    return known


def _check_grids(c: _Checker, communities: dict[str, int]) -> dict[str, str]:
    """Grid code → grid name, the setup's and the database's (for the workers' look-up)."""
    code = c.street_code()
    db = {gid: (gcode, name) for gid, gcode, name in c.session.execute(select(Grid.id, Grid.code, Grid.name))}
    known = {gcode: name for gcode, name in db.values()}
    codes: list[tuple[GridRow, str]] = []
    for row in c.setup.grids:
        if not c.required("grids", row, "community", "number"):
            continue
        c.in_range("grids", row, "number", NUMBER_RANGE)
        c.length("grids", row, Grid, {"name": "name", "code": "code"})
        if row.community not in communities:
            c.reject("grids", row, "community", "unknown_community")
            continue
        if code is None or not NUMBER_RANGE[0] <= row.number <= NUMBER_RANGE[1]:
            continue
        expected = grid_code(code, communities[row.community], row.number)
        if row.code and row.code != expected:
            c.reject("grids", row, "code", "bad_grid_code", expected)
            continue
        codes.append((row, expected))
    seen: dict[str, int] = {}
    for row, expected in codes:
        if expected in seen:
            c.reject("grids", row, "number", "duplicate", seen[expected])
        seen[expected] = row.row
        if row.id is not None:
            known.pop(db.get(row.id, ("", ""))[0], None)
            if any(gcode == expected and gid != row.id for gid, (gcode, _) in db.items()):
                c.reject("grids", row, "number", "taken", expected)
        known[expected] = row.name or _grid_name(row)
    return known


def _grid_name(row: GridRow) -> str:
    return f"{row.community}第{row.number}网格"


def _check_workers(c: _Checker, grids: dict[str, str]) -> None:
    by_name: dict[str, list[str]] = {}
    for code, name in grids.items():
        by_name.setdefault(name, []).append(code)
    for row in c.setup.workers:
        if not c.required("workers", row, "grid", "name"):
            continue
        c.length("workers", row, GridWorker, {"name": "name", "phone": "phone"})
        if row.grid not in grids:
            matches = by_name.get(row.grid, [])
            if not matches:
                c.reject("workers", row, "grid", "unknown_grid")
            elif len(matches) > 1:
                c.reject("workers", row, "grid", "ambiguous_grid")
    c.unique("workers", c.setup.workers, "name", lambda r: (_resolve_grid(grids, r.grid), r.name))


def _resolve_grid(grids: Mapping[str, str], text: str) -> str | None:
    if text in grids:
        return text
    matches = [code for code, name in grids.items() if name == text]
    return matches[0] if len(matches) == 1 else None


def _check_committee(c: _Checker) -> None:
    for extra in c.setup.term[1:]:
        c.reject("term", extra, "number", "duplicate", c.setup.term[0].row)
    for row in c.setup.term[:1]:
        if c.required("term", row, "number", "started_on"):
            c.in_range("term", row, "number", NUMBER_RANGE)
            if row.ended_on is not None and row.ended_on < row.started_on:
                c.reject("term", row, "ended_on", "date_order")
    has_term = bool(c.setup.term) or c.session.scalar(select(CommitteeTerm.id).limit(1)) is not None
    for row in c.setup.members:
        c.required("members", row, "name", "role", "kind")
        c.one_of("members", row, "role", MEMBER_ROLES)
        c.one_of("members", row, "kind", MEMBER_KINDS)
        c.length("members", row, CommitteeMember, {"name": "name", "title": "title", "phone": "phone"})
        c.length("members", row, ResidentUnit, {"unit": "name"})
        if not has_term:
            c.reject("members", row, "name", "no_term")
    c.unique("members", c.setup.members, "name", lambda r: r.name)


def _check_lists(c: _Checker) -> None:
    for row in c.setup.handling_units:
        c.required("handling_units", row, "name", "kind")
        c.one_of("handling_units", row, "kind", HANDLING_UNIT_KINDS)
        c.length("handling_units", row, HandlingUnit, {"name": "name"})
    c.unique("handling_units", c.setup.handling_units, "name", lambda r: r.name)
    for row in c.setup.municipal:
        c.required("municipal", row, "name")
        c.length("municipal", row, ResidentUnit, {"name": "name", "short_name": "short_name",
                                                  "contact_person": "contact_person", "contact_phone": "contact_phone"})
    c.unique("municipal", c.setup.municipal, "name", lambda r: r.name)
    for row in c.setup.categories:
        if c.required("categories", row, "major", "minor", "kind", "time_limit_days"):
            c.in_range("categories", row, "time_limit_days", DAYS_RANGE)
        c.one_of("categories", row, "kind", ("event", "component"))
        c.length("categories", row, CaseCategory, {"major": "major", "minor": "minor"})
    c.unique("categories", c.setup.categories, "minor", lambda r: (r.major, r.minor))
    for row in c.setup.users:
        c.required("users", row, "username", "display_name", "role")
        c.one_of("users", row, "role", USER_ROLES)
        c.length("users", row, AppUser, {"username": "username", "display_name": "display_name"})
    c.unique("users", c.setup.users, "username", lambda r: r.username)


# --------------------------------------------------------------------------- writing


class _Writer:
    def __init__(self, session: Session):
        self.session = session
        self.counts: dict[str, list[int]] = {}

    def save(self, body: str, model: type, row: Any, key: Mapping[str, Any], values: dict[str, Any],
             on_insert: Mapping[str, Any] | None = None) -> Any:
        """Edit the record ``row.id`` at ``row.version``, else insert or update the one ``key`` finds
        (``on_insert``: values only a new record gets, such as its place in a list)."""
        tally = self.counts.setdefault(body, [0, 0, 0])
        if row.id is not None:
            obj = self.session.get(model, row.id)
            before = obj.version if obj is not None else None
            after = save_versioned(self.session, model, row.id, row.version, values)
            tally[1 if after != before else 2] += 1
            return self.session.get(model, row.id)
        obj = self.session.scalars(select(model).filter_by(**key)).first()
        if obj is None:
            obj = model(**key, **values, **(on_insert or {}))
            self.session.add(obj)
            self.session.flush()
            tally[0] += 1
            return obj
        changes = {k: v for k, v in values.items() if getattr(obj, k) != v}
        for k, v in changes.items():
            setattr(obj, k, v)
        if changes:
            self.session.flush()
        tally[1 if changes else 2] += 1
        return obj


def apply_setup(session: Session, setup: StreetSetup, *, verb: str | None = "import") -> SetupOutcome:
    """Check ``setup`` and write it inside the caller's transaction; raise :class:`SetupRejected` on any reject.

    The audit trail records the writes under ``verb`` (a workbook or the assistant: ``import``; an edit
    of the 基础信息 page: ``None``, the plain insert and update).
    """
    rejects = check_setup(session, setup)
    if rejects:
        raise SetupRejected(rejects)
    w = _Writer(session)
    with audit.action(session, verb) if verb else nullcontext():
        street = _write_street(session, w, setup)
        if street is None:
            return SetupOutcome()
        _write_grids(session, w, setup, street)
        _write_lists(w, setup, street)  # before the members: a member's unit may be a municipal department
        _write_committee(session, w, setup, street)
    return SetupOutcome({body: tuple(n) for body, n in w.counts.items()})


def _write_street(session: Session, w: _Writer, setup: StreetSetup) -> StreetOffice | None:
    current = session.scalars(select(StreetOffice).order_by(StreetOffice.id)).first()
    for row in setup.street[:1]:
        values = {"name": row.name, "district": row.district, "city": row.city}
        if current is None or current.code != row.code:  # the pattern follows the code, else stays as it was
            values["grid_code_pattern"] = rf"^{row.code}\d{{6}}$"
        if row.id is None and current is not None:
            row = replace(row, id=current.id, version=current.version)
        current = w.save("street", StreetOffice, row, {"code": row.code}, values) if row.id is None else \
            w.save("street", StreetOffice, row, {}, {"code": row.code, **values})
    if current is not None:
        for com in setup.communities:
            w.save("communities", Community, com, {"name": com.name},
                   {"street_id": current.id, "code": community_code(current.code, com.number),
                    "is_village": com.is_village, **({"name": com.name} if com.id else {})})
        _recode(session, w, current)
    return current


def _recode(session: Session, w: _Writer, street: StreetOffice) -> None:
    """Codes that follow the scheme again after the street's code or a community's number changed."""
    for com in session.scalars(select(Community).where(Community.street_id == street.id)):
        if com.code[:-3] != street.code:
            com.code = community_code(street.code, int(com.code[-3:]))
        for grid in session.scalars(select(Grid).where(Grid.community_id == com.id)):
            if grid.code[:-3] != com.code:
                grid.code = com.code + grid.code[-3:]
                w.counts.setdefault("grids", [0, 0, 0])[1] += 1
    session.flush()


def _write_grids(session: Session, w: _Writer, setup: StreetSetup, street: StreetOffice) -> None:
    communities = {com.name: com for com in session.scalars(select(Community).where(Community.street_id == street.id))}
    for row in setup.grids:
        com = communities[row.community]
        code = grid_code(street.code, int(com.code[-3:]), row.number)
        w.save("grids", Grid, row, {"code": code},
               {"community_id": com.id, "name": row.name or _grid_name(row), **({"code": code} if row.id else {})})
    grids = dict(session.execute(select(Grid.code, Grid.id)).all())
    names = dict(session.execute(select(Grid.name, Grid.id)).all())
    for row in setup.workers:
        grid_id = grids.get(row.grid) or names[row.grid]
        w.save("workers", GridWorker, row, {"grid_id": grid_id, "name": row.name},
               {"phone": row.phone, "full_time": row.full_time,
                **({"grid_id": grid_id, "name": row.name} if row.id else {})})


def _write_committee(session: Session, w: _Writer, setup: StreetSetup, street: StreetOffice) -> None:
    """The committee term and its members (the bodies of revision 0009 extend this one writer)."""
    for row in setup.term[:1]:
        current = session.scalars(select(CommitteeTerm).where(CommitteeTerm.is_current.is_(True))).first()
        if current is not None and current.number != row.number and row.id is None:
            current.is_current = False
        named = session.scalar(select(CommitteeTerm.name).where(CommitteeTerm.number == row.number))
        w.save("term", CommitteeTerm, row, {"street_id": street.id, "number": row.number},
               {"name": named or _term_name(row.number), "started_on": row.started_on, "ended_on": row.ended_on,
                "is_current": True, **({"number": row.number} if row.id else {})})
    term_id = session.scalar(select(CommitteeTerm.id).order_by(CommitteeTerm.is_current.desc(),
                                                               CommitteeTerm.number.desc()).limit(1))
    last = session.scalar(select(func.max(CommitteeMember.position)).where(CommitteeMember.term_id == term_id)) or 0
    for position, row in enumerate(setup.members, start=last + 1):
        unit_id = _unit_for(session, street, row.unit, term_id, row.kind == "part_time") if row.unit else None
        w.save("members", CommitteeMember, row, {"term_id": term_id, "name": row.name},
               {"role": row.role, "kind": row.kind, "title": row.title, "phone": row.phone, "unit_id": unit_id,
                **({"name": row.name} if row.id else {})}, on_insert={"position": position})


def _term_name(number: int) -> str:
    return f"第{number}届街道大工委"


def _unit_for(session: Session, street: StreetOffice, name: str, term_id: int, member_unit: bool) -> int:
    """The unit a member comes from (created if the street has none by that name); a part-time member's
    unit is a member unit (成员单位) of the term."""
    unit = session.scalars(select(ResidentUnit).where(ResidentUnit.name == name)).first()
    if unit is None:
        unit = ResidentUnit(street_id=street.id, name=name, kind="other")
        session.add(unit)
        session.flush()
    if member_unit and session.scalar(select(MemberUnit.id).where(MemberUnit.term_id == term_id,
                                                                  MemberUnit.unit_id == unit.id)) is None:
        session.add(MemberUnit(term_id=term_id, unit_id=unit.id))
        session.flush()
    return unit.id


def _write_lists(w: _Writer, setup: StreetSetup, street: StreetOffice) -> None:
    for row in setup.handling_units:
        w.save("handling_units", HandlingUnit, row, {"name": row.name},
               {"kind": row.kind, **({"name": row.name} if row.id else {})})
    for row in setup.municipal:
        w.save("municipal", ResidentUnit, row, {"name": row.name},
               {"street_id": street.id, "kind": "municipal", "short_name": row.short_name,
                "contact_person": row.contact_person, "contact_phone": row.contact_phone,
                **({"name": row.name} if row.id else {})})
    for row in setup.categories:
        w.save("categories", CaseCategory, row, {"major": row.major, "minor": row.minor},
               {"kind": row.kind, "time_limit_days": row.time_limit_days,
                **({"major": row.major, "minor": row.minor} if row.id else {})})
    for row in setup.users:
        w.save("users", AppUser, row, {"username": row.username},
               {"display_name": row.display_name, "role": row.role, **({"username": row.username} if row.id else {})})


# --------------------------------------------------------------------------- what it will write


@dataclass(frozen=True)
class Planned:
    """One row as the summary shows it: a label (grid: code and name) and whether the record exists."""

    label: str
    exists: bool


def preview(session: Session, setup: StreetSetup) -> dict[str, list[Planned]]:
    """Per body, what :func:`apply_setup` would write (read-only; call it on a set-up without rejects)."""
    street = session.scalars(select(StreetOffice).order_by(StreetOffice.id)).first()
    code = setup.street[0].code if setup.street else (street.code if street else "")
    numbers = {c.name: int(c.code[-3:]) for c in session.scalars(select(Community)) if c.code[-3:].isdigit()}
    numbers.update({c.name: c.number for c in setup.communities if c.number is not None})

    def exists(model: type, **key: Any) -> bool:
        return session.scalar(select(model.id).filter_by(**key).limit(1)) is not None

    out: dict[str, list[Planned]] = {
        "street": [Planned(f"{r.name}（{r.code}）", r.id is not None or street is not None) for r in setup.street],
        "term": [Planned(_term_name(r.number), r.id is not None or exists(CommitteeTerm, number=r.number))
                 for r in setup.term],
        "communities": [Planned(f"{community_code(code, r.number)} {r.name}",
                                r.id is not None or exists(Community, name=r.name)) for r in setup.communities],
        "grids": [], "workers": [],
        "members": [Planned(f"{r.name}（{ROLE_NAMES.get(r.role or '', '')}）", r.id is not None)
                    for r in setup.members],
        "handling_units": [Planned(r.name, r.id is not None or exists(HandlingUnit, name=r.name))
                           for r in setup.handling_units],
        "municipal": [Planned(r.name, r.id is not None or exists(ResidentUnit, name=r.name)) for r in setup.municipal],
        "categories": [Planned(f"{r.major}/{r.minor}", r.id is not None or exists(CaseCategory, major=r.major,
                                                                                     minor=r.minor))
                       for r in setup.categories],
        "users": [Planned(f"{r.display_name}（{r.username}）", r.id is not None or exists(AppUser, username=r.username))
                  for r in setup.users],
    }
    for r in setup.grids:
        gcode = grid_code(code, numbers[r.community], r.number) if r.community in numbers and code else r.code
        out["grids"].append(Planned(f"{gcode} {r.name or _grid_name(r)}", r.id is not None or exists(Grid, code=gcode)))
    out["workers"] = [Planned(f"{r.name}（{r.grid}）", r.id is not None) for r in setup.workers]
    return out


ROLE_NAMES: Mapping[str, str] = {"secretary": "书记", "deputy_secretary": "副书记", "member": "委员"}


# --------------------------------------------------------------------------- the committee after set-up


def start_term(session: Session, number: int, started_on: dt.date, *, carry_members: bool) -> int:
    """A new current term; the one before ends the day before; its members carried over if asked."""
    street = session.scalars(select(StreetOffice).order_by(StreetOffice.id)).first()
    if street is None:
        raise InputError("no_street")
    old = session.scalars(select(CommitteeTerm).where(CommitteeTerm.is_current.is_(True))).first()
    if session.scalar(select(CommitteeTerm.id).where(CommitteeTerm.number == number)) is not None:
        raise InputError("duplicate", field="number", value=number)
    if old is not None and started_on <= old.started_on:
        raise InputError("date_order")
    term = CommitteeTerm(street_id=street.id, number=number, name=_term_name(number), started_on=started_on,
                         is_current=True)
    if old is not None:
        old.is_current = False
        old.ended_on = old.ended_on if old.ended_on and old.ended_on < started_on else started_on - dt.timedelta(days=1)
    session.add(term)
    session.flush()
    if old is not None and carry_members:
        keep = ("name", "title", "kind", "role", "unit_id", "phone", "position")
        for m in session.scalars(select(CommitteeMember).where(CommitteeMember.term_id == old.id,
                                                               CommitteeMember.left_on.is_(None))):
            session.add(CommitteeMember(term_id=term.id, **{k: getattr(m, k) for k in keep}))
        for mu in session.scalars(select(MemberUnit).where(MemberUnit.term_id == old.id)):
            session.add(MemberUnit(term_id=term.id, unit_id=mu.unit_id, joined_on=mu.joined_on))
        session.flush()
    return term.id


def member_leaves(session: Session, member_id: int, version: int, left_on: dt.date) -> int:
    """The member leaves the committee on ``left_on`` (the row stays for past attendance)."""
    return save_versioned(session, CommitteeMember, member_id, version, {"left_on": left_on})


def remove_grid_worker(session: Session, worker_id: int) -> None:
    """A 综合网格员 who no longer works the grid."""
    worker = session.get(GridWorker, worker_id)
    if worker is not None:
        session.delete(worker)
        session.flush()
