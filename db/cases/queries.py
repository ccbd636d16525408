"""The case backlog's reads: dashboard figures, the case list, a case's detail, the
handling-unit scorecard. No Qt. See ``db.cases.summaries`` for the definitions and the summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Text, and_, case, cast, func, literal_column, or_, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from db.cases.summaries import (
    _HIST,
    _MEASURES,
    AGE_BUCKETS,
    AGE_LIMITS_DAYS,
    DEFAULT_CHART_WEEKS,
    DUE_SOON_DAYS,
    SUMMARY_LEVELS,
    _as_date,
    days_sql,
    week_sql,
)
from db.core import clock
from db.core.base import OPEN_CASE_STATES, OPEN_STATES_SQL
from db.core.versioning import RecordGone
from db.schema.cases import (
    CLOSE_DAY_BUCKETS,
    CaseCategory,
    CaseEvent,
    CaseSummary,
    CaseTransition,
    GridCase,
    HandlingUnit,
)
from db.schema.meetings import TopicProposal
from db.schema.street import Community, Grid

SORT_KEYS = ("reported_at", "deadline_at", "closed_at", "case_number", "state", "title")
LIST_FOCUS = ("open", "overdue", "due_soon", "closed", "on_time", *(f"age_{b}" for b in AGE_BUCKETS))


# --------------------------------------------------------------------------- the filter


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class CaseFilter:
    """What the dashboard, the list and the scorecard show. Empty fields filter nothing.

    ``date_from``/``date_to`` are widened to whole weeks (Monday/Sunday). ``case_ids`` limits
    everything to those cases (a meeting item's). ``text``, ``states`` and ``focus`` (one of
    ``LIST_FOCUS``: what a clicked tile or bar stands for) narrow the *list* only.
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    community_ids: tuple[int, ...] = ()
    grid_ids: tuple[int, ...] = ()
    majors: tuple[str, ...] = ()
    category_ids: tuple[int, ...] = ()
    unit_ids: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    supervised_only: bool = False
    case_ids: tuple[int, ...] | None = None
    text: str = ""
    states: tuple[str, ...] = ()
    focus: str = ""

    def __post_init__(self) -> None:
        if self.date_from is not None:
            object.__setattr__(self, "date_from", week_start(self.date_from))
        if self.date_to is not None:
            object.__setattr__(self, "date_to", week_start(self.date_to) + dt.timedelta(days=6))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("the date range ends before it starts")
        if self.focus and self.focus not in LIST_FOCUS:
            raise ValueError(f"unknown list focus {self.focus!r}")
        for name in ("community_ids", "grid_ids", "majors", "category_ids", "unit_ids", "sources", "states"):
            object.__setattr__(self, name, tuple(sorted(set(getattr(self, name)))))
        if self.case_ids is not None:
            object.__setattr__(self, "case_ids", tuple(sorted(set(self.case_ids))))

    def dimensions(self) -> frozenset[str]:
        """The summary dimensions this filter constrains."""
        dims = {
            "community": bool(self.community_ids),
            "grid": bool(self.grid_ids),
            "category": bool(self.majors or self.category_ids),
            "unit": bool(self.unit_ids),
            "source": bool(self.sources),
            "supervised": self.supervised_only,
        }
        return frozenset(k for k, v in dims.items() if v)

    def dashboard_part(self) -> CaseFilter:
        """The filter without what narrows the list only."""
        return replace(self, text="", states=(), focus="")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class OpenBreakdown:
    open: int
    overdue: int
    due_soon: int
    by_state: tuple[tuple[str, int], ...]  # every open state, in machine order
    by_major: tuple[tuple[str, int], ...]  # largest first
    by_community: tuple[tuple[int, str, int], ...]  # (id, name, open), largest first
    ageing: tuple[tuple[str, int], ...]  # AGE_BUCKETS order


@dataclass(frozen=True)
class Closure:
    closed: int
    on_time: int
    rated: int
    satisfied: int
    median_days: float | None  # None: nothing closed
    median_over: bool = False  # the median falls in the "31 days and more" bucket

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.closed if self.closed else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


@dataclass(frozen=True)
class WeekPoint:
    week: dt.date  # Monday
    opened: int
    closed: int
    backlog: int  # at the end of the week


@dataclass(frozen=True)
class BacklogKpis:
    open: int
    overdue: int
    due_soon: int
    closure: Closure


@dataclass(frozen=True)
class Dashboard:
    as_of: dt.datetime
    filter: CaseFilter
    kpis: BacklogKpis
    open: OpenBreakdown
    weekly: tuple[WeekPoint, ...]
    path: str  # "summary" or "cases": where the flow figures came from


@dataclass(frozen=True)
class UnitScore:
    unit_id: int
    name: str
    received: int
    closed: int
    on_time: int
    median_days: float | None
    median_over: bool
    returns: int
    extensions: int
    rated: int
    satisfied: int

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.closed if self.closed else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


@dataclass(frozen=True)
class CaseRow:
    id: int
    case_number: str
    title: str
    state: str
    source: str
    reported_at: dt.datetime
    deadline_at: dt.datetime | None
    closed_at: dt.datetime | None
    community: str
    major: str
    minor: str
    unit: str
    address: str
    supervised: bool


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str | None
    note: str


@dataclass(frozen=True)
class TransitionOption:
    action: str
    to_state: str
    needs_reason: bool


@dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    version: int
    description: str
    grid: str
    hold_started_at: dt.datetime | None
    escalation_level: int
    extension_count: int
    return_count: int
    satisfaction: int | None
    reporter_name: str
    reporter_phone: str
    reply_note: str
    events: tuple[EventRow, ...]
    transitions: tuple[TransitionOption, ...]
    proposals: int  # topic proposals already raised from this case


@dataclass(frozen=True)
class Proposal:
    proposal_id: int
    meeting_id: int | None
    meeting_title: str
    meeting_starts_at: dt.datetime | None


@dataclass
class _Flow:
    """Per-week measures, however obtained (summary rows or the case table)."""

    weeks: dict[dt.date, list[int]] = field(default_factory=dict)  # week -> measures + histogram

    def add(self, week: dt.date, values: Sequence[int]) -> None:
        row = self.weeks.setdefault(week, [0] * (len(_MEASURES) + CLOSE_DAY_BUCKETS))
        for i, v in enumerate(values):
            row[i] += int(v or 0)


# --------------------------------------------------------------------------- where clauses


def _category_ids(session: Session, f: CaseFilter) -> tuple[int, ...] | None:
    """The category ids the filter allows, or None for all."""
    if not (f.majors or f.category_ids):
        return None
    stmt = select(CaseCategory.id)
    if f.majors:
        stmt = stmt.where(CaseCategory.major.in_(f.majors))
    if f.category_ids:
        stmt = stmt.where(CaseCategory.id.in_(f.category_ids))
    return tuple(session.scalars(stmt))


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _case_conditions(session: Session, f: CaseFilter, now: dt.datetime, *, dates: bool = True,
                     list_only: bool = False) -> list[Any]:
    g = GridCase
    conds: list[Any] = []
    if dates and f.date_from:
        conds.append(g.reported_at >= _day_start(f.date_from))
    if dates and f.date_to:
        conds.append(g.reported_at < _day_start(f.date_to + dt.timedelta(days=1)))
    if f.community_ids:
        conds.append(g.community_id.in_(f.community_ids))
    if f.grid_ids:
        conds.append(g.grid_id.in_(f.grid_ids))
    cats = _category_ids(session, f)
    if cats is not None:
        conds.append(g.category_id.in_(cats) if cats else literal_column("1") == 0)
    if f.unit_ids:
        conds.append(g.handling_unit_id.in_(f.unit_ids))
    if f.sources:
        conds.append(g.source.in_(f.sources))
    if f.supervised_only:
        conds.append(g.supervised.is_(True))
    if f.case_ids is not None:
        conds.append(g.id.in_(f.case_ids) if f.case_ids else literal_column("1") == 0)
    if list_only:
        if f.text.strip():
            like = f"%{f.text.strip()}%"
            conds.append(or_(g.case_number.like(like), g.title.like(like), g.address.like(like)))
        if f.states:
            conds.append(g.state.in_(f.states))
        conds.extend(_focus_conditions(f.focus, now))
    return conds


def open_condition() -> ColumnElement[bool]:
    """An open case, in the words of the partial index (a planner only uses it for the same text)."""
    return text(f"grid_case.{OPEN_STATES_SQL}")


def overdue_condition(now: dt.datetime) -> ColumnElement[bool]:
    """The one definition of an overdue case, for every figure that counts them: open, not ON_HOLD
    (its deadline clock is paused) and the deadline before ``now`` (a case due at ``now`` is not late yet)."""
    return and_(open_condition(), GridCase.state != "ON_HOLD", GridCase.deadline_at < now)


def due_soon_condition(now: dt.datetime) -> ColumnElement[bool]:
    """Open, not ON_HOLD, due from ``now`` on within the next ``DUE_SOON_DAYS`` days."""
    soon = now + dt.timedelta(days=DUE_SOON_DAYS)
    return and_(open_condition(), GridCase.state != "ON_HOLD", GridCase.deadline_at >= now, GridCase.deadline_at < soon)


def _focus_conditions(focus: str, now: dt.datetime) -> list[Any]:
    g = GridCase
    is_open = open_condition()
    if not focus:
        return []
    if focus == "open":
        return [is_open]
    if focus == "overdue":
        return [overdue_condition(now)]
    if focus == "due_soon":
        return [due_soon_condition(now)]
    if focus == "closed":
        return [g.closed_at.is_not(None), g.state != "VOID"]
    if focus == "on_time":
        return [g.closed_at.is_not(None), g.state != "VOID", g.closed_at <= g.deadline_at]
    bucket = AGE_BUCKETS.index(focus.removeprefix("age_"))
    edges = [now - dt.timedelta(days=d) for d in AGE_LIMITS_DAYS]
    conds: list[Any] = [is_open]
    if bucket < len(edges):
        conds.append(g.reported_at > edges[bucket])
    if bucket > 0:
        conds.append(g.reported_at <= edges[bucket - 1])
    return conds


# --------------------------------------------------------------------------- open cases


def open_breakdown(session: Session, f: CaseFilter, now: dt.datetime | None = None) -> OpenBreakdown:
    """Open cases now: counts, overdue, due soon, by state / major category / community / age.

    One GROUP BY over the partial index of open cases.
    """
    now = now or clock.now()
    g = GridCase
    edges = [now - dt.timedelta(days=d) for d in AGE_LIMITS_DAYS]
    age = case((g.reported_at > edges[0], 0), (g.reported_at > edges[1], 1), (g.reported_at > edges[2], 2), else_=3)
    overdue = case((overdue_condition(now), 1), else_=0)
    soon = case((due_soon_condition(now), 1), else_=0)
    stmt = (
        select(g.state, g.category_id, g.community_id, age, overdue, soon, func.count())
        .where(open_condition(), *_case_conditions(session, f, now))
        .group_by(g.state, g.category_id, g.community_id, age, overdue, soon)
    )
    rows = session.execute(stmt).all()
    majors = dict(session.execute(select(CaseCategory.id, CaseCategory.major)).all())
    communities = dict(session.execute(select(Community.id, Community.name).order_by(Community.id)).all())
    by_state = dict.fromkeys(OPEN_CASE_STATES, 0)
    by_major: dict[str, int] = {}
    by_comm: dict[int, int] = {}
    ageing = [0] * len(AGE_BUCKETS)
    total = n_overdue = n_soon = 0
    for state, cat, comm, age_i, od, sn, n in rows:
        total += n
        n_overdue += n * od
        n_soon += n * sn
        by_state[state] += n
        major = majors.get(cat, "") if cat is not None else ""
        by_major[major] = by_major.get(major, 0) + n
        if comm is not None:
            by_comm[comm] = by_comm.get(comm, 0) + n
        ageing[age_i] += n
    shown = set(f.community_ids) if f.community_ids else set(communities)
    comm_rows = [(cid, communities[cid], by_comm.get(cid, 0)) for cid in communities if cid in shown]
    return OpenBreakdown(
        open=total,
        overdue=n_overdue,
        due_soon=n_soon,
        by_state=tuple(by_state.items()),
        by_major=tuple(sorted(by_major.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_community=tuple(sorted(comm_rows, key=lambda r: (-r[2], r[0]))),
        ageing=tuple(zip(AGE_BUCKETS, ageing, strict=True)),
    )


# --------------------------------------------------------------------------- flows: summary or cases


def summary_level(dims: frozenset[str]) -> int | None:
    """The summary level that serves a filter on ``dims`` best (fewest extra dimensions)."""
    fits = [(len(d), lv) for lv, d in SUMMARY_LEVELS if d >= dims]
    return min(fits)[1] if fits else None


def _summary_conditions(session: Session, f: CaseFilter, level: int) -> list[Any]:
    s = CaseSummary.__table__.c
    conds: list[Any] = [s.level == level]
    if f.community_ids:
        conds.append(s.community_id.in_(f.community_ids))
    if f.grid_ids:
        conds.append(s.grid_id.in_(f.grid_ids))
    cats = _category_ids(session, f)
    if cats is not None:
        conds.append(s.category_id.in_(cats or (-2,)))
    if f.unit_ids:
        conds.append(s.handling_unit_id.in_(f.unit_ids))
    if f.sources:
        conds.append(s.source.in_(f.sources))
    if f.supervised_only:
        conds.append(s.supervised == 1)
    return conds


def _flow_rows(session: Session, f: CaseFilter, group: str | None, *, naive: bool,
               weeks: tuple[dt.date, dt.date] | None = None) -> tuple[dict[Any, _Flow], str]:
    """Per-week measures for the filter (dates aside), optionally split by a key column.

    ``group`` is ``None`` or ``"handling_unit_id"``; ``weeks`` limits to [first, last] Mondays.
    """
    level = None
    if not naive and f.case_ids is None:
        level = summary_level(f.dimensions() | ({"unit"} if group else set()))
    out: dict[Any, _Flow] = {}
    if level is not None:
        s = CaseSummary.__table__.c
        key = [s[group]] if group else []
        conds = _summary_conditions(session, f, level)
        if weeks:
            conds += [s.week >= weeks[0], s.week <= weeks[1]]
        stmt = (
            select(*key, s.week, *(func.sum(s[c]) for c in (*_MEASURES, *_HIST)))
            .where(*conds)
            .group_by(*key, s.week)
        )
        for row in session.execute(stmt):
            k = row[0] if group else None
            out.setdefault(k, _Flow()).add(_as_date(row[len(key)]), row[len(key) + 1:])
        return out, "summary"
    _naive_flow(session, f, group, weeks, out)
    return out, "cases"


def _naive_flow(session: Session, f: CaseFilter, group: str | None,
                weeks: tuple[dt.date, dt.date] | None, out: dict[Any, _Flow]) -> None:
    """The same per-week measures straight from grid_case (the definitions, spelled out)."""
    dialect = session.get_bind().dialect.name
    g = GridCase
    conds = _case_conditions(session, f, clock.now(), dates=False)
    key = [getattr(g, group)] if group else []
    not_void = g.state != "VOID"
    rep_week = literal_column(week_sql(dialect, "grid_case.reported_at"))
    close_week = literal_column(week_sql(dialect, "grid_case.closed_at"))
    days = literal_column(days_sql(dialect, "grid_case.closed_at", "grid_case.reported_at"))
    bucket = case((days >= CLOSE_DAY_BUCKETS - 1, CLOSE_DAY_BUCKETS - 1), else_=days)
    w_rep = [rep_week >= weeks[0].isoformat(), rep_week <= weeks[1].isoformat()] if weeks else []
    w_close = [close_week >= weeks[0].isoformat(), close_week <= weeks[1].isoformat()] if weeks else []
    if weeks and dialect != "sqlite":
        w_rep = [rep_week >= weeks[0], rep_week <= weeks[1]]
        w_close = [close_week >= weeks[0], close_week <= weeks[1]]
    opened = session.execute(
        select(*key, rep_week, func.count(), func.sum(g.return_count), func.sum(g.extension_count))
        .where(not_void, *conds, *w_rep)
        .group_by(*key, rep_week)
    )
    n = len(key)
    for row in opened:
        k = row[0] if group else None
        out.setdefault(k, _Flow()).add(_as_date(row[n]), [row[n + 1], 0, 0, 0, 0, row[n + 2], row[n + 3]])
    closed = session.execute(
        select(
            *key, close_week, bucket, func.count(),
            func.count(case((g.closed_at <= g.deadline_at, 1))),
            func.count(g.satisfaction),
            func.count(case((g.satisfaction >= 4, 1))),
        )
        .where(not_void, g.closed_at.is_not(None), *conds, *w_close)
        .group_by(*key, close_week, bucket)
    )
    for row in closed:
        k = row[0] if group else None
        hist = [0] * CLOSE_DAY_BUCKETS
        hist[int(row[n + 1])] = row[n + 2]
        out.setdefault(k, _Flow()).add(
            _as_date(row[n]), [0, row[n + 2], row[n + 3], row[n + 4], row[n + 5], 0, 0, *hist]
        )


def _median(hist: Sequence[int]) -> tuple[float | None, bool]:
    """The grouped median of days to close from the whole-day histogram (last bucket open-ended).

    Cases closed within day *d* (d ≤ t < d+1 days) are taken as spread evenly over it: the median
    is ``d + (N/2 − cases before d) / cases in d`` — the standard median of grouped data, exact to
    the histogram's resolution, and the same whichever path produced the histogram.
    """
    total = sum(hist)
    if not total:
        return None, False
    before = 0
    for day, count in enumerate(hist):
        if count and before + count >= total / 2:
            if day == CLOSE_DAY_BUCKETS - 1:
                return float(day), True
            return round(day + (total / 2 - before) / count, 2), False
        before += count
    return None, False  # not reached: the loop always finds the middle


def _closure(rows: Sequence[list[int]]) -> tuple[Closure, int, int, int]:
    """(closure figures, opened, returns, extensions) of summed week rows."""
    total = [sum(col) for col in zip(*rows, strict=True)] if rows else [0] * (len(_MEASURES) + CLOSE_DAY_BUCKETS)
    opened, closed, on_time, rated, satisfied, returns, extensions = total[: len(_MEASURES)]
    median, over = _median(total[len(_MEASURES):])
    return Closure(closed, on_time, rated, satisfied, median, over), opened, returns, extensions


def _in_range(flow: _Flow, f: CaseFilter) -> list[list[int]]:
    return [
        v for w, v in flow.weeks.items()
        if (f.date_from is None or w >= f.date_from) and (f.date_to is None or w <= f.date_to)
    ]


def chart_weeks(f: CaseFilter, today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last Monday the weekly chart shows."""
    last = week_start(f.date_to) if f.date_to else week_start(today)
    first = f.date_from or last - dt.timedelta(weeks=DEFAULT_CHART_WEEKS - 1)
    return first, last


def closure_figures(session: Session, f: CaseFilter, *, naive: bool = False) -> Closure:
    """On-time rate, median days to close and satisfaction of cases closed in the date range."""
    dated = f.date_from is not None or f.date_to is not None
    weeks = (f.date_from or dt.date(1900, 1, 1), f.date_to or dt.date(9999, 12, 31)) if dated else None
    flows, _ = _flow_rows(session, f, None, naive=naive, weeks=weeks)
    return _closure(_in_range(flows.get(None, _Flow()), f))[0]


def weekly_flow(session: Session, f: CaseFilter, today: dt.date | None = None, *,
                naive: bool = False) -> tuple[WeekPoint, ...]:
    """Opened, closed and the backlog line per week over the chart's range."""
    today = today or clock.now().date()
    flows, _ = _flow_rows(session, f, None, naive=naive)
    return _weekly(flows.get(None, _Flow()), *chart_weeks(f, today))


def _weekly(flow: _Flow, first: dt.date, last: dt.date) -> tuple[WeekPoint, ...]:
    backlog = 0
    points: list[WeekPoint] = []
    for w in sorted(flow.weeks):
        if w >= first:
            break
        backlog += flow.weeks[w][0] - flow.weeks[w][1]
    w = first
    while w <= last:
        v = flow.weeks.get(w)
        opened, closed = (v[0], v[1]) if v else (0, 0)
        backlog += opened - closed
        points.append(WeekPoint(w, opened, closed, backlog))
        w += dt.timedelta(weeks=1)
    return tuple(points)


def backlog_kpis(session: Session, f: CaseFilter, now: dt.datetime | None = None, *,
                 naive: bool = False) -> BacklogKpis:
    opened = open_breakdown(session, f, now)
    return BacklogKpis(opened.open, opened.overdue, opened.due_soon, closure_figures(session, f, naive=naive))


def backlog_dashboard(session: Session, f: CaseFilter, now: dt.datetime | None = None, *,
                      naive: bool = False) -> Dashboard:
    """Every tile and chart of the Cases page for ``f``: three queries in all."""
    now = now or clock.now()
    f = f.dashboard_part()
    opened = open_breakdown(session, f, now)
    flows, path = _flow_rows(session, f, None, naive=naive)
    flow = flows.get(None, _Flow())
    closure = _closure(_in_range(flow, f))[0]
    return Dashboard(
        as_of=now,
        filter=f,
        kpis=BacklogKpis(opened.open, opened.overdue, opened.due_soon, closure),
        open=opened,
        weekly=_weekly(flow, *chart_weeks(f, now.date())),
        path=path,
    )


# --------------------------------------------------------------------------- scorecard


def unit_scorecard(session: Session, f: CaseFilter, *, naive: bool = False) -> tuple[UnitScore, ...]:
    """Per handling unit: received (reported in range), closed in range, on-time, median days,
    returns/rework, extensions and satisfaction — every active unit, and any inactive one with cases."""
    f = f.dashboard_part()
    flows, _ = _flow_rows(session, f, "handling_unit_id", naive=naive)
    units = session.execute(select(HandlingUnit.id, HandlingUnit.name, HandlingUnit.active).order_by(HandlingUnit.id))
    scores = []
    for uid, name, active in units:
        if f.unit_ids and uid not in f.unit_ids:
            continue
        flow = flows.get(uid)
        if flow is None and not active:
            continue
        closure, received, returns, extensions = _closure(_in_range(flow or _Flow(), f))
        scores.append(UnitScore(
            uid, name, received, closure.closed, closure.on_time, closure.median_days, closure.median_over,
            returns, extensions, closure.rated, closure.satisfied,
        ))
    return tuple(scores)


# --------------------------------------------------------------------------- the list


@dataclass(frozen=True)
class FilterOptions:
    """What the filter bar offers."""

    communities: tuple[tuple[int, str], ...]  # id, name
    grids: tuple[tuple[int, int, str], ...]  # id, community id, name
    categories: tuple[tuple[int, str, str], ...]  # id, major, minor
    units: tuple[tuple[int, str], ...]  # id, name


def filter_options(session: Session) -> FilterOptions:
    def rows(stmt) -> tuple:  # noqa: ANN001 - a select
        return tuple(tuple(r) for r in session.execute(stmt))

    return FilterOptions(
        communities=rows(select(Community.id, Community.name).order_by(Community.id)),
        grids=rows(select(Grid.id, Grid.community_id, Grid.name).order_by(Grid.id)),
        categories=rows(select(CaseCategory.id, CaseCategory.major, CaseCategory.minor).order_by(CaseCategory.id)),
        units=rows(select(HandlingUnit.id, HandlingUnit.name).order_by(HandlingUnit.name)),
    )


def _sort_column(key: str):  # noqa: ANN202 - a column
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}")
    return getattr(GridCase, key)


def case_ids(session: Session, f: CaseFilter, sort: str = "reported_at", descending: bool = True,
             now: dt.datetime | None = None) -> np.ndarray:
    """The ids of the cases the list shows, in order, as an int64 array (8 bytes a case).

    The ids travel as one aggregated string: fetching a million one-column rows one by one
    costs several times more.
    """
    now = now or clock.now()
    col = _sort_column(sort)
    order = [col.desc(), GridCase.id.desc()] if descending else [col.asc(), GridCase.id.asc()]
    conds = _case_conditions(session, f, now, list_only=True)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        joined = session.execute(
            select(func.string_agg(cast(GridCase.id, Text), aggregate_order_by(literal_column("','"), *order)))
            .where(*conds)
        ).scalar()
    else:
        inner = select(GridCase.id).where(*conds).order_by(*order).subquery()
        joined = session.execute(select(func.group_concat(inner.c.id, ","))).scalar()
    if not joined:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(joined, dtype=np.int64, sep=",")


def case_rows(session: Session, ids: Sequence[int]) -> list[CaseRow]:
    """The list's rows for ``ids``, in that order (missing ids are skipped)."""
    if not len(ids):
        return []
    g = GridCase
    stmt = (
        select(
            g.id, g.case_number, g.title, g.state, g.source, g.reported_at, g.deadline_at, g.closed_at,
            Community.name, CaseCategory.major, CaseCategory.minor, HandlingUnit.name, g.address, g.supervised,
        )
        .outerjoin(Community, Community.id == g.community_id)
        .outerjoin(CaseCategory, CaseCategory.id == g.category_id)
        .outerjoin(HandlingUnit, HandlingUnit.id == g.handling_unit_id)
        .where(g.id.in_([int(i) for i in ids]))
    )
    by_id = {
        r[0]: CaseRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9] or "", r[10] or "",
                      r[11] or "", r[12] or "", bool(r[13]))
        for r in session.execute(stmt)
    }
    return [by_id[int(i)] for i in ids if int(i) in by_id]


def case_detail(session: Session, case_id: int) -> CaseDetail:
    case_obj = session.get(GridCase, case_id)
    if case_obj is None:
        raise RecordGone("grid_case", case_id)
    (row,) = case_rows(session, [case_id])
    named = session.execute(select(Grid.name, Grid.code).where(Grid.id == case_obj.grid_id)).first() \
        if case_obj.grid_id else None
    grid = f"{named.name}（{named.code}）" if named else ""  # the grid as one network names it: with its code
    events = session.execute(
        select(CaseEvent.at, CaseEvent.actor, CaseEvent.action, CaseEvent.from_state, CaseEvent.to_state,
               CaseEvent.note)
        .where(CaseEvent.case_id == case_id)
        .order_by(CaseEvent.at, CaseEvent.id)
    )
    transitions = session.execute(
        select(CaseTransition.action, CaseTransition.to_state, CaseTransition.needs_reason)
        .where(CaseTransition.from_state == case_obj.state, CaseTransition.enabled.is_(True))
        .order_by(CaseTransition.action)
    )
    proposals = session.scalar(select(func.count()).select_from(TopicProposal).where(TopicProposal.case_id == case_id))
    return CaseDetail(
        row=row,
        version=case_obj.version,
        description=case_obj.description,
        grid=grid or "",
        hold_started_at=case_obj.hold_started_at,
        escalation_level=case_obj.escalation_level,
        extension_count=case_obj.extension_count,
        return_count=case_obj.return_count,
        satisfaction=case_obj.satisfaction,
        reporter_name=case_obj.reporter_name,
        reporter_phone=case_obj.reporter_phone,
        reply_note=case_obj.reply_note,
        events=tuple(EventRow(*e) for e in events),
        transitions=tuple(TransitionOption(a, t, bool(r)) for a, t, r in transitions),
        proposals=int(proposals or 0),
    )


