"""The case backlog: dashboard figures, the case list, a case's detail, the handling-unit
scorecard, and the services that change a case. No Qt.

These functions are the one place the backlog figures are computed; the Cases page, the
projector (a meeting item's linked cases: ``CaseFilter(case_ids=...)``) and reports call them.

Definitions
-----------
* open = ``OPEN_CASE_STATES``; overdue = open, not ON_HOLD (its deadline clock is paused) and past
  the deadline; due soon = open, not ON_HOLD, deadline within the next 3 days; ageing buckets by
  time since reported (< 3 d, 3–7 d, 7–30 d, ≥ 30 d).
* Closure figures count cases *closed* in the date range: on time = ``closed_at <= deadline_at``;
  satisfied = satisfaction ≥ 4 among those with a satisfaction; days to close = whole days from
  report to close (``floor``); the median is the grouped median over those whole-day buckets
  (see ``_median``; 31 days and more are one open bucket: the median then reads "over 30").
* The date range is whole weeks (Monday–Sunday), the unit the summaries keep; open figures and the
  list take the cases *reported* in it; the weekly chart spans it (last 26 weeks without one):
  opened = reported that week, closed = closed that week, backlog = not void, reported and not
  closed at the week's end. VOID cases count nowhere but in the list.

Speed
-----
Open cases are a small share: they are read through the partial covering index
``ix_grid_case_open``. Everything else comes from ``case_summary``: weekly counts kept current by
triggers on ``grid_case`` (any writer — the importer, transitions, raw SQL — keeps it right) at
several *levels*, each keeping some dimensions and rolling up the rest. A filter is answered from
the level that keeps exactly its dimensions (≤ 104 rows per value: a few milliseconds); a filter
no level serves (case ids, a grid with another dimension, free text) falls back to the same
definitions computed over ``grid_case`` itself (``naive=True`` forces that path; the tests check
both agree).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection

from db.schema.cases import CLOSE_DAY_BUCKETS

DUE_SOON_DAYS = 3
AGE_BUCKETS = ("lt3", "3to7", "7to30", "gt30")  # < 3 d, 3–7 d, 7–30 d, ≥ 30 d
AGE_LIMITS_DAYS = (3, 7, 30)
DEFAULT_CHART_WEEKS = 26
DIMENSIONS = ("community", "grid", "category", "unit", "source", "supervised")

#: The summary levels: which dimensions each keeps. Seeded into ``case_summary_level`` by
#: migration 0002; the triggers write one row per level. Grid implies its community, so the grid
#: level keeps both.
SUMMARY_LEVELS: tuple[tuple[int, frozenset[str]], ...] = tuple(
    (i, frozenset(dims))
    for i, dims in enumerate(
        (
            (),
            ("community",),
            ("community", "grid"),
            ("category",),
            ("unit",),
            ("source",),
            ("supervised",),
            ("community", "category"),
            ("community", "unit"),
            ("community", "source"),
            ("community", "supervised"),
            ("category", "unit"),
            ("category", "supervised"),
            ("unit", "supervised"),
            ("category", "source"),
            ("unit", "source"),
            ("source", "supervised"),
            ("community", "category", "unit", "source", "supervised"),
        )
    )
)
_KEY_COLUMNS = ("community_id", "grid_id", "category_id", "handling_unit_id", "source", "supervised")
_DIM_COLUMN = dict(zip(DIMENSIONS, _KEY_COLUMNS, strict=True))
_MEASURES = ("opened", "closed", "on_time", "rated", "satisfied", "returns", "extensions")
_HIST = tuple(f"d{d:02d}" for d in range(CLOSE_DAY_BUCKETS))
# --------------------------------------------------------------------------- SQL building blocks


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def week_sql(dialect: str, column: str) -> str:
    """SQL for the Monday (a date) of the week ``column`` (a timestamp) falls in."""
    if dialect == "sqlite":
        return f"date({column}, 'weekday 0', '-6 days')"
    return f"CAST(date_trunc('week', {column}) AS date)"


def days_sql(dialect: str, closed: str, reported: str) -> str:
    """SQL for the whole days from ``reported`` to ``closed``."""
    if dialect == "sqlite":
        return f"((CAST(strftime('%s', {closed}) AS INTEGER) - CAST(strftime('%s', {reported}) AS INTEGER)) / 86400)"
    return f"CAST(floor(extract(epoch FROM ({closed} - {reported})) / 86400) AS integer)"


def _cells_sql(dialect: str, p: str, from_clause: str = "", dims: bool = False) -> str:
    """The summary cells one case row contributes: its report week and (if closed) its close week.

    ``p`` prefixes the case's columns (``NEW.``, ``OLD.``, ``g.``). With ``dims`` the cells carry
    the case's dimension values too.
    """
    dim_cols = ""
    if dims:
        dim_cols = (
            f"COALESCE({p}community_id, 0) AS community_id, COALESCE({p}grid_id, 0) AS grid_id, "
            f"COALESCE({p}category_id, 0) AS category_id, COALESCE({p}handling_unit_id, 0) AS handling_unit_id, "
            f"{p}source AS source, CASE WHEN {p}supervised THEN 1 ELSE 0 END AS supervised, "
        )
    days = days_sql(dialect, f"{p}closed_at", f"{p}reported_at")
    return (
        f"SELECT {dim_cols}{week_sql(dialect, f'{p}reported_at')} AS week, 1 AS opened, 0 AS closed, "
        f"0 AS on_time, 0 AS rated, 0 AS satisfied, {p}return_count AS returns, "
        f"{p}extension_count AS extensions, -1 AS days {from_clause} WHERE {p}state <> 'VOID' "
        f"UNION ALL "
        f"SELECT {dim_cols}{week_sql(dialect, f'{p}closed_at')}, 0, 1, "
        f"CASE WHEN {p}closed_at <= {p}deadline_at THEN 1 ELSE 0 END, "
        f"CASE WHEN {p}satisfaction IS NOT NULL THEN 1 ELSE 0 END, "
        f"CASE WHEN {p}satisfaction >= 4 THEN 1 ELSE 0 END, 0, 0, {days} {from_clause} "
        f"WHERE {p}state <> 'VOID' AND {p}closed_at IS NOT NULL"
    )


def _measure_sums(dialect: str, sign: str = "") -> str:
    """The measures and the days histogram summed over cells ``c``, named as the columns."""
    parts = [f"{sign}SUM(c.{m}) AS {m}" for m in _MEASURES]
    last = CLOSE_DAY_BUCKETS - 1
    for d in range(CLOSE_DAY_BUCKETS):
        cond = f"c.days >= {d}" if d == last else f"c.days = {d}"
        # SQLite sums a comparison (0/1) directly, a good deal faster than CASE over 2M cells
        term = f"({cond})" if dialect == "sqlite" else f"CASE WHEN {cond} THEN 1 ELSE 0 END"
        parts.append(f"{sign}SUM({term}) AS {_HIST[d]}")
    return ", ".join(parts)


_ALL_COLUMNS = ("level", *_KEY_COLUMNS, "week", *_MEASURES, *_HIST)


def _level_keys(p: str) -> str:
    """The key columns of a summary row for level ``l`` from a case (``p`` prefix) or cell."""
    return (
        f"CASE WHEN l.by_community THEN COALESCE({p}community_id, 0) ELSE -1 END, "
        f"CASE WHEN l.by_grid THEN COALESCE({p}grid_id, 0) ELSE -1 END, "
        f"CASE WHEN l.by_category THEN COALESCE({p}category_id, 0) ELSE -1 END, "
        f"CASE WHEN l.by_unit THEN COALESCE({p}handling_unit_id, 0) ELSE -1 END, "
        f"CASE WHEN l.by_source THEN {p}source ELSE '*' END, "
        f"CASE WHEN l.by_supervised THEN (CASE WHEN {p}supervised THEN 1 ELSE 0 END) ELSE -1 END"
    )


def _apply_row_sql(dialect: str, p: str, sign: str) -> str:
    """One statement adding (``sign`` '') or removing ('-') one case's cells at every level."""
    updates = ", ".join(f"{c} = case_summary.{c} + excluded.{c}" for c in (*_MEASURES, *_HIST))
    return (
        f"INSERT INTO case_summary ({', '.join(_ALL_COLUMNS)}) "
        f"SELECT l.level, {_level_keys(p)}, c.week, {_measure_sums(dialect, sign)} "
        f"FROM case_summary_level l, ({_cells_sql(dialect, p)}) c WHERE 1 = 1 "
        f"GROUP BY l.level, l.by_community, l.by_grid, l.by_category, l.by_unit, l.by_source, "
        f"l.by_supervised, c.week "
        f"ON CONFLICT (level, {', '.join(_KEY_COLUMNS)}, week) DO UPDATE SET {updates}"
    )


_TRIGGER_COLUMNS = (
    "reported_at", "closed_at", "deadline_at", "state", "satisfaction", "return_count", "extension_count",
    "community_id", "grid_id", "category_id", "handling_unit_id", "source", "supervised",
)
SQLITE_TRIGGERS = ("trg_case_summary_ins", "trg_case_summary_del", "trg_case_summary_upd")


def summary_trigger_ddl(dialect: str) -> list[str]:
    """CREATE statements for the triggers that keep ``case_summary`` current."""
    cols = ", ".join(_TRIGGER_COLUMNS)
    if dialect == "sqlite":
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _TRIGGER_COLUMNS)
        return [
            f"CREATE TRIGGER trg_case_summary_ins AFTER INSERT ON grid_case BEGIN "
            f"{_apply_row_sql(dialect, 'NEW.', '')}; END",
            f"CREATE TRIGGER trg_case_summary_del AFTER DELETE ON grid_case BEGIN "
            f"{_apply_row_sql(dialect, 'OLD.', '-')}; END",
            f"CREATE TRIGGER trg_case_summary_upd AFTER UPDATE OF {cols} ON grid_case WHEN {changed} BEGIN "
            f"{_apply_row_sql(dialect, 'OLD.', '-')}; {_apply_row_sql(dialect, 'NEW.', '')}; END",
        ]
    old_row = ", ".join(f"OLD.{c}" for c in _TRIGGER_COLUMNS)
    new_row = ", ".join(f"NEW.{c}" for c in _TRIGGER_COLUMNS)
    return [
        "CREATE FUNCTION case_summary_apply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_apply_row_sql(dialect, 'OLD.', '-')}; END IF; "
        f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_apply_row_sql(dialect, 'NEW.', '')}; END IF; "
        "RETURN NULL; END $$",
        "CREATE TRIGGER trg_case_summary_ins_del AFTER INSERT OR DELETE ON grid_case "
        "FOR EACH ROW EXECUTE FUNCTION case_summary_apply()",
        f"CREATE TRIGGER trg_case_summary_upd AFTER UPDATE OF {cols} ON grid_case FOR EACH ROW "
        f"WHEN (ROW({old_row}) IS DISTINCT FROM ROW({new_row})) EXECUTE FUNCTION case_summary_apply()",
    ]


def drop_summary_trigger_ddl(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]
    return [
        "DROP TRIGGER IF EXISTS trg_case_summary_ins_del ON grid_case",
        "DROP TRIGGER IF EXISTS trg_case_summary_upd ON grid_case",
        "DROP FUNCTION IF EXISTS case_summary_apply()",
    ]


def rebuild_summaries(conn: Connection) -> None:
    """Recompute ``case_summary`` from ``grid_case`` inside the caller's transaction.

    The finest levels come from one pass over the cases; each coarser level is rolled up from the
    smallest finer level already built.
    """
    dialect = conn.dialect.name
    conn.exec_driver_sql("DELETE FROM case_summary")
    conn.exec_driver_sql("DROP TABLE IF EXISTS case_summary_base")
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE case_summary_base AS SELECT {', '.join(_KEY_COLUMNS)}, c.week, "
        f"{_measure_sums(dialect)} FROM ({_cells_sql(dialect, 'g.', 'FROM grid_case g', dims=True)}) c "
        f"GROUP BY {', '.join(_KEY_COLUMNS)}, c.week"
    )
    measures = ", ".join(f"SUM({c})" for c in (*_MEASURES, *_HIST))
    built: list[tuple[int, frozenset[str]]] = []
    for level, dims in sorted(SUMMARY_LEVELS, key=lambda x: -len(x[1])):
        finer = [(lv, d) for lv, d in built if d >= dims]
        keys = ", ".join(
            (_DIM_COLUMN[d] if d in dims else ("'*'" if d == "source" else "-1")) for d in DIMENSIONS
        )
        if finer:
            source = min(finer, key=lambda x: len(x[1]))[0]
            origin = f"case_summary WHERE level = {source}"
        else:
            origin = "case_summary_base"
        group = ", ".join([*(_DIM_COLUMN[d] for d in DIMENSIONS if d in dims), "week"])
        conn.exec_driver_sql(
            f"INSERT INTO case_summary ({', '.join(_ALL_COLUMNS)}) "
            f"SELECT {level}, {keys}, week, {measures} FROM {origin} GROUP BY {group}"
        )
        built.append((level, dims))
    conn.exec_driver_sql("DROP TABLE case_summary_base")


@contextlib.contextmanager
def summaries_rebuilt_after(conn: Connection) -> Iterator[None]:
    """Bulk-load cases with the summary triggers off, then rebuild (same transaction)."""
    dialect = conn.dialect.name
    for ddl in drop_summary_trigger_ddl(dialect):
        conn.exec_driver_sql(ddl)
    yield
    rebuild_summaries(conn)
    for ddl in summary_trigger_ddl(dialect):
        conn.exec_driver_sql(ddl)


