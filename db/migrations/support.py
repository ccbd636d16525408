"""Frozen copies of the application code that migrations 0002, 0006 and 0007 were written against.

A shipped migration must do forever what it did when it shipped, so it never imports application
code (a later edit there would silently change an old migration). What those three revisions used
is copied here verbatim. ``tests/test_migrations.py`` checks that ``revision_hash`` still equals
the app's, so ``streetboard verify`` keeps agreeing with seals made by 0006.

Never edit this file to follow the app: a new schema change is a new revision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, inspect, text

# ------------------------------------------------- from db/models.py (0002)

OPEN_CASE_STATES = ("REPORTED", "FILED", "DISPATCHED", "IN_PROGRESS", "ON_HOLD", "FEEDBACK")


#: the open states as literal SQL: a partial index only serves queries that repeat it verbatim
OPEN_STATES_SQL = "state IN (" + ", ".join(f"'{s}'" for s in OPEN_CASE_STATES) + ")"


#: columns of :class:`CaseSummary` counting closed cases by whole days from report to close:
#: ``d00`` … ``d30`` one day each, ``d31`` everything from 31 days on (the median's histogram).
CLOSE_DAY_BUCKETS = 32



# ------------------------------------------------- from db/cases.py (0002)

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


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


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



# ------------------------------------------------- from db/minutes.py (0006)

GENESIS = ""  # prev_hash of the first approved revision


def canonical_json(value: Any) -> str:
    """The one serialisation that is hashed and stored: sorted keys, no spaces, real characters."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _stamp(when: dt.datetime | None) -> str:
    return when.isoformat(sep=" ", timespec="seconds") if when is not None else ""


def revision_hash(
    prev_hash: str | None,
    *,
    minutes_id: int,
    number: int,
    reason: str,
    approved_by: str | None,
    approved_at: dt.datetime | None,
    content: str,
) -> str:
    """SHA-256 over the revision's canonical content, its approval stamp and the previous hash."""
    payload = canonical_json(
        {
            "approved_at": _stamp(approved_at),
            "approved_by": approved_by or "",
            "content": content,
            "minutes_id": minutes_id,
            "number": number,
            "prev_hash": prev_hash or GENESIS,
            "reason": reason or "",
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()



# ------------------------------------------------- from db/changes.py (0007)

CHANNEL = "streetboard_changes"


#: tables that announce nothing: bookkeeping, the audit trail itself.
QUIET_TABLES = frozenset({"alembic_version", "change_counter", "audit_log"})


#: above this many rows in one statement, the audit trail keeps one summary row (bulk loads).
BULK_ROWS = 1000


#: the table name reported when the listener cannot know what changed (after a reconnect)
EVERYTHING = "*"


_PG_FUNCTIONS = [
    f"""
    CREATE OR REPLACE FUNCTION streetboard_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
        RETURN NULL;
    END $$
    """,
    # Runs as its owner so that members need no INSERT right on audit_log (they cannot forge it).
    # The actor is what the app set for this transaction, else the login (session_user).
    f"""
    CREATE OR REPLACE FUNCTION streetboard_audit() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
        who text := left(coalesce(nullif(current_setting('streetboard.actor', true), ''), session_user::text), 50);
        verb text := nullif(current_setting('streetboard.action', true), '');
        has_id boolean := TG_ARGV[0] = 'id';
        n bigint;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            SELECT count(*) INTO n FROM new_rows;
            IF n > {BULK_ROWS} THEN
                INSERT INTO audit_log (username, table_name, action, new_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_insert', json_build_object('rows', n));
            ELSE
                INSERT INTO audit_log (username, table_name, row_id, action, new_values)
                SELECT who, TG_TABLE_NAME, CASE WHEN has_id THEN (j->>'id')::int END,
                       coalesce(verb, 'insert'), j::json
                FROM (SELECT to_jsonb(r) - 'created_at' - 'updated_at' AS j FROM new_rows r) s;
            END IF;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT count(*) INTO n FROM old_rows;
            IF n > {BULK_ROWS} THEN
                INSERT INTO audit_log (username, table_name, action, old_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_delete', json_build_object('rows', n));
            ELSE
                INSERT INTO audit_log (username, table_name, row_id, action, old_values)
                SELECT who, TG_TABLE_NAME, CASE WHEN has_id THEN (j->>'id')::int END,
                       coalesce(verb, 'delete'), j::json
                FROM (SELECT to_jsonb(r) - 'created_at' - 'updated_at' AS j FROM old_rows r) s;
            END IF;
        ELSE
            SELECT count(*) INTO n FROM new_rows;
            IF n > {BULK_ROWS} THEN
                INSERT INTO audit_log (username, table_name, action, new_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_update', json_build_object('rows', n));
            ELSIF has_id THEN
                INSERT INTO audit_log (username, table_name, row_id, action, old_values, new_values)
                SELECT who, TG_TABLE_NAME, (nw.j->>'id')::int, coalesce(verb, 'update'),
                       (SELECT jsonb_object_agg(k, od.j->k) FROM jsonb_object_keys(nw.j) k
                        WHERE od.j->k IS DISTINCT FROM nw.j->k)::json,
                       (SELECT jsonb_object_agg(k, nw.j->k) FROM jsonb_object_keys(nw.j) k
                        WHERE od.j->k IS DISTINCT FROM nw.j->k)::json
                FROM (SELECT to_jsonb(r) - 'updated_at' AS j FROM old_rows r) od
                JOIN (SELECT to_jsonb(r) - 'updated_at' AS j FROM new_rows r) nw ON od.j->'id' = nw.j->'id'
                WHERE od.j IS DISTINCT FROM nw.j;
            ELSE
                INSERT INTO audit_log (username, table_name, action, old_values, new_values)
                SELECT who, TG_TABLE_NAME, coalesce(verb, 'update'),
                       (SELECT json_agg(r) FROM old_rows r), (SELECT json_agg(r) FROM new_rows r);
            END IF;
        END IF;
        RETURN NULL;
    END $$
    """,
]


def announced_tables(conn: Connection) -> list[str]:
    """Every table of the schema that people edit (all but the bookkeeping ones)."""
    return sorted(t for t in inspect(conn).get_table_names() if t not in QUIET_TABLES)


def install_triggers(conn: Connection, tables: Iterable[str] | None = None) -> None:
    """Create (or re-create) the change and audit triggers for ``tables`` (default: all)."""
    names = list(tables) if tables is not None else announced_tables(conn)
    if conn.dialect.name == "postgresql":
        # Only where missing: revision 0010 replaced these functions (fixed search_path, the actor
        # from the login), and a later revision's call must not bring this copy back.
        if conn.exec_driver_sql("SELECT to_regprocedure('streetboard_audit()')").scalar() is None:
            for ddl in _PG_FUNCTIONS:
                conn.exec_driver_sql(ddl)
        for table in names:
            has_id = "id" in {c["name"] for c in inspect(conn).get_columns(table)}
            key = "id" if has_id else "none"
            drop_triggers(conn, [table])
            conn.exec_driver_sql(
                f'CREATE TRIGGER sb_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION streetboard_notify()"
            )
            for op, ref in (("INSERT", "NEW TABLE AS new_rows"), ("DELETE", "OLD TABLE AS old_rows"),
                            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows")):
                conn.exec_driver_sql(
                    f'CREATE TRIGGER sb_audit_{op.lower()} AFTER {op} ON "{table}" REFERENCING {ref} '
                    f"FOR EACH STATEMENT EXECUTE FUNCTION streetboard_audit('{key}')"
                )
    elif conn.dialect.name == "sqlite":
        for table in names:
            drop_triggers(conn, [table])
            conn.execute(
                text("INSERT INTO change_counter (table_name, seq) VALUES (:t, 0) ON CONFLICT DO NOTHING"),
                {"t": table},
            )
            for op in ("INSERT", "UPDATE", "DELETE"):
                conn.exec_driver_sql(
                    f'CREATE TRIGGER "sb_chg_{table}_{op[0].lower()}" AFTER {op} ON "{table}" BEGIN '
                    f"UPDATE change_counter SET seq = seq + 1 WHERE table_name = '{table}'; END"
                )


def drop_triggers(conn: Connection, tables: Iterable[str] | None = None, *, functions: bool = False) -> None:
    names = list(tables) if tables is not None else announced_tables(conn)
    if conn.dialect.name == "postgresql":
        for table in names:
            for trigger in ("sb_notify", "sb_audit_insert", "sb_audit_delete", "sb_audit_update"):
                conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS {trigger} ON "{table}"')
        if functions:
            conn.exec_driver_sql("DROP FUNCTION IF EXISTS streetboard_notify()")
            conn.exec_driver_sql("DROP FUNCTION IF EXISTS streetboard_audit()")
    elif conn.dialect.name == "sqlite":
        for table in names:
            for op in "iud":
                conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "sb_chg_{table}_{op}"')

