"""Participation scoring: schemes, weights, the scorecard and the heatmap."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from db.core import audit, clock
from db.core.base import OPEN_RESOLUTION_STATUSES
from db.core.errors import InputError
from db.schema.meetings import Attendance, Meeting, TopicProposal
from db.schema.resolutions import Resolution
from db.schema.units import (
    MemberUnit,
    ProjectClaim,
    ResidentUnit,
    Resource,
    ResourceUse,
    ScoreScheme,
    ScoreWeight,
    ServiceRecord,
    ServingPartyMember,
)
from db.street.queries import current_term_id
from db.units.roster import MAX_ABS_WEIGHT, MEASURES, NOT_RANKED_KINDS, _came

# --------------------------------------------------------------------------- the scoring scheme


@dataclass(frozen=True)
class Scheme:
    id: int
    effective_year: int
    name: str
    version: int
    weights: tuple[tuple[str, float], ...]  # (measure, weight) in MEASURES order

    def weight(self, measure: str) -> float:
        return dict(self.weights).get(measure, 0.0)


def _scheme(session: Session, row: ScoreScheme | None) -> Scheme | None:
    if row is None:
        return None
    got = dict(session.execute(select(ScoreWeight.measure, ScoreWeight.weight)
                               .where(ScoreWeight.scheme_id == row.id)).all())
    return Scheme(row.id, row.effective_year, row.name, row.version,
                  tuple((m, float(got.get(m, 0.0))) for m in MEASURES))


def scheme_for_year(session: Session, year: int) -> Scheme | None:
    """The scheme in force in ``year``: the latest whose effective year is not after it."""
    row = session.scalar(select(ScoreScheme).where(ScoreScheme.effective_year <= year)
                         .order_by(ScoreScheme.effective_year.desc()).limit(1))
    return _scheme(session, row)


def schemes(session: Session) -> list[Scheme]:
    rows = session.scalars(select(ScoreScheme).order_by(ScoreScheme.effective_year)).all()
    return [s for s in (_scheme(session, r) for r in rows) if s is not None]


def parse_weights(texts: Mapping[str, str | float | int]) -> dict[str, float]:
    """Weights as typed (``"2"``, ``"-5"``, ``"0.5"``, ``"１０"``) → numbers; anything else is refused."""
    out: dict[str, float] = {}
    for measure, raw in texts.items():
        if measure not in MEASURES:
            raise InputError("unknown_measure", measure=measure)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            value = float(raw)
        else:
            text = str(raw or "").strip().replace("，", ".").replace("－", "-").replace("＋", "+")
            try:
                value = float(text)
            except ValueError:
                raise InputError("bad_weight", measure=measure, text=str(raw)) from None
        if not math.isfinite(value) or abs(value) > MAX_ABS_WEIGHT:
            raise InputError("bad_weight", measure=measure, text=str(raw))
        out[measure] = value
    return out


def save_weights(session: Session, *, year: int, weights: Mapping[str, str | float | int],
                 today: dt.date | None = None, name: str = "") -> Scheme:
    """Set the weights in force from ``year``: updates that year's scheme or starts a new one.

    Years before this year are locked (their scores are history). Every measure not given keeps
    the weight of the scheme that was in force.
    """
    today = today or clock.today()
    if not 2000 <= year <= today.year + 5:
        raise InputError("bad_year", year=year)
    if year < today.year:
        raise InputError("past_scheme_locked", year=year)
    parsed = parse_weights(weights)
    base = scheme_for_year(session, year)
    merged = {**(dict(base.weights) if base else {}), **parsed}
    row = session.scalar(select(ScoreScheme).where(ScoreScheme.effective_year == year))
    audit.set_action(session, "weights")
    updated_by = str(session.info.get("actor", ""))[:50]
    if row is None:  # written once: the audit trail shows one insert, not an insert and an update
        row = ScoreScheme(effective_year=year, name=name.strip() or f"{year}", note="", updated_by=updated_by,
                          updated_at=clock.now())
        session.add(row)
        session.flush()
    else:
        if name.strip():
            row.name = name.strip()
        row.updated_by = updated_by
        row.updated_at = clock.now()  # bumps the row's version
    existing = {w.measure: w for w in session.scalars(select(ScoreWeight).where(ScoreWeight.scheme_id == row.id))}
    for measure in MEASURES:
        value = float(merged.get(measure, 0.0))
        if measure in existing:
            existing[measure].weight = value
        else:
            session.add(ScoreWeight(scheme_id=row.id, measure=measure, weight=value))
    session.flush()
    audit.set_action(session, None)
    result = _scheme(session, row)
    assert result is not None
    return result


# --------------------------------------------------------------------------- the scorecard


def _year_bounds(year: int) -> tuple[dt.date, dt.date, dt.datetime, dt.datetime]:
    return (dt.date(year, 1, 1), dt.date(year + 1, 1, 1),
            dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1))


def _measure_select(measure: str, year: int, today: dt.date) -> Select:
    """(measure, unit_id, month, amount) rows of one measure in ``year``, one per event."""
    d0, d1, t0, t1 = _year_bounds(year)

    def cols(unit, when, amount=None):  # noqa: ANN001, ANN202
        return select(literal(measure).label("measure"), unit.label("unit_id"),
                      func.extract("month", when).label("month"),
                      (amount if amount is not None else literal(1.0)).label("amount"))

    if measure == "attendance":
        return (cols(Attendance.unit_id, Meeting.starts_at)
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .where(Attendance.unit_id.is_not(None), _came(), Meeting.starts_at >= t0, Meeting.starts_at < t1))
    if measure == "topics":
        return (cols(TopicProposal.unit_id, TopicProposal.proposed_at)
                .where(TopicProposal.unit_id.is_not(None), TopicProposal.proposed_at >= t0,
                       TopicProposal.proposed_at < t1))
    if measure == "claims":
        return (cols(ProjectClaim.unit_id, ProjectClaim.claimed_on)
                .where(ProjectClaim.status != "withdrawn", ProjectClaim.claimed_on >= d0,
                       ProjectClaim.claimed_on < d1))
    if measure == "deliveries":
        return (cols(ProjectClaim.unit_id, ProjectClaim.delivered_on)
                .where(ProjectClaim.delivered_on >= d0, ProjectClaim.delivered_on < d1))
    if measure == "resources_offered":
        return (cols(Resource.unit_id, Resource.offered_on)
                .where(Resource.offered_on >= d0, Resource.offered_on < d1))
    if measure == "resources_used":
        return (cols(Resource.unit_id, ResourceUse.used_on)
                .select_from(ResourceUse).join(Resource, Resource.id == ResourceUse.resource_id)
                .where(ResourceUse.used_on >= d0, ResourceUse.used_on < d1))
    if measure == "service_hours":
        return (cols(ServingPartyMember.unit_id, ServiceRecord.served_on, ServiceRecord.hours)
                .select_from(ServiceRecord)
                .join(ServingPartyMember, ServingPartyMember.id == ServiceRecord.member_id)
                .where(ServiceRecord.served_on >= d0, ServiceRecord.served_on < d1))
    if measure == "overdue_resolutions":
        late_done = and_(Resolution.completed_on.is_not(None), Resolution.completed_on > Resolution.deadline)
        late_open = and_(Resolution.completed_on.is_(None), Resolution.status.in_(OPEN_RESOLUTION_STATUSES),
                         Resolution.deadline < today)
        return (cols(Resolution.owner_unit_id, Resolution.deadline)
                .where(Resolution.status != "cancelled", or_(late_done, late_open),
                       Resolution.deadline >= d0, Resolution.deadline < d1))
    raise InputError("unknown_measure", measure=measure)


def measure_totals(session: Session, year: int, today: dt.date | None = None) -> dict[tuple[int, str], float]:
    """{(unit_id, measure): amount in ``year``} — one grouped UNION ALL query."""
    today = today or clock.today()
    events = union_all(*(_measure_select(m, year, today) for m in MEASURES)).subquery()
    stmt = select(events.c.unit_id, events.c.measure, func.sum(events.c.amount)).group_by(
        events.c.unit_id, events.c.measure)
    return {(int(u), m): float(v or 0) for u, m, v in session.execute(stmt).all() if u is not None}


@dataclass(frozen=True)
class ScoreRow:
    rank: int
    unit_id: int
    name: str
    short_name: str
    kind: str
    is_member: bool
    values: tuple[float, ...]  # per measure, in MEASURES order
    score: float


@dataclass(frozen=True)
class Scorecard:
    year: int
    scheme: Scheme | None
    rows: tuple[ScoreRow, ...]


def scorecard(session: Session, year: int, today: dt.date | None = None) -> Scorecard:
    """The participation ranking of resident units for ``year`` under the scheme in force then."""
    today = today or clock.today()
    scheme = scheme_for_year(session, year)
    weights = dict(scheme.weights) if scheme else {}
    totals = measure_totals(session, year, today)
    term_id = current_term_id(session)
    is_member = exists().where(MemberUnit.unit_id == ResidentUnit.id, MemberUnit.term_id == term_id)
    units = session.execute(
        select(ResidentUnit.id, ResidentUnit.name, ResidentUnit.short_name, ResidentUnit.kind, is_member)
        .where(ResidentUnit.active, ResidentUnit.kind.not_in(NOT_RANKED_KINDS))
    ).all()
    scored = []
    for uid, name, short, kind, member in units:
        values = tuple(totals.get((int(uid), m), 0.0) for m in MEASURES)
        score = round(sum(v * weights.get(m, 0.0) for m, v in zip(MEASURES, values, strict=True)), 2)
        scored.append((int(uid), name, short or name, kind, bool(member), values, score))
    scored.sort(key=lambda r: (-r[6], r[1]))
    rows: list[ScoreRow] = []
    for i, r in enumerate(scored):
        rank = rows[-1].rank if rows and rows[-1].score == r[6] else i + 1
        rows.append(ScoreRow(rank, *r))
    return Scorecard(year, scheme, tuple(rows))


@dataclass(frozen=True)
class Heatmap:
    year: int
    measure: str
    units: tuple[str, ...]  # row labels (short names), most active first
    values: tuple[tuple[float, ...], ...]  # one row per unit, 12 months


def measure_heatmap(session: Session, year: int, measure: str, today: dt.date | None = None,
                    limit: int = 60) -> Heatmap:
    """Unit × month amounts of one measure for ranked units with any activity, busiest first."""
    today = today or clock.today()
    sub = _measure_select(measure, year, today).subquery()
    unit_col, month_col, amount_col = sub.c.unit_id, sub.c.month, sub.c.amount
    label = func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name)
    rows = session.execute(
        select(ResidentUnit.id, label, month_col, func.sum(amount_col))
        .join(ResidentUnit, ResidentUnit.id == unit_col)
        .where(ResidentUnit.kind.not_in(NOT_RANKED_KINDS))
        .group_by(ResidentUnit.id, label, month_col)
    ).all()
    grid: dict[int, list[float]] = {}
    names: dict[int, str] = {}
    for uid, name, mon, amount in rows:
        grid.setdefault(int(uid), [0.0] * 12)[int(mon) - 1] += float(amount or 0)
        names[int(uid)] = name
    order = sorted(grid, key=lambda u: (-sum(grid[u]), names[u]))[:limit]
    return Heatmap(year, measure, tuple(names[u] for u in order), tuple(tuple(grid[u]) for u in order))


def score_years(session: Session, today: dt.date | None = None) -> list[int]:
    """Years that have meetings or list records, newest first (always includes this year)."""
    today = today or clock.today()
    first = session.scalar(select(func.min(Meeting.starts_at)))
    start = first.year if first else today.year
    return list(range(today.year, max(min(start, today.year - 1), today.year - 9) - 1, -1))
