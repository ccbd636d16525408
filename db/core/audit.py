"""The audit trail: who changed what, when, from which values to which.

Recorded once, centrally, for every write:

* **PostgreSQL**: database triggers (:data:`PG_AUDIT_FUNCTION`, installed on every table by
  ``db.sync.changes.install_triggers``) write ``audit_log`` for every statement,
  whoever runs it — the app, an import, raw SQL. The actor is the login, named as ``app_user``
  names it. The app still says who is at the keyboard with ``set_config('streetboard.actor', …,
  true)`` at the start of each transaction (see :func:`install`); the triggers believe it only from
  a login that could write the trail itself (a superuser or the tables' owner).
* **SQLite**: a ``before_flush``/``after_flush`` listener on every ORM session records the objects
  the session inserts, updates or deletes (old → new of the changed columns). Raw SQL written to
  a SQLite file behind the app's back is not audited there (one PC; README says so).

A flush or statement with more than :data:`BULK_ROWS` rows of one table (demo, import)
leaves one summary row ``bulk_insert`` with the row count instead of one row per record.
Services never write audit rows themselves (on PostgreSQL clients may not insert into
``audit_log`` at all). They name what the person did with a domain verb from :data:`VERBS`
instead of the plain ``insert``/``update``/``delete`` — ``with audit.action(session, "sign_in"):``
(or :func:`set_action`) — and the mechanism above records it: the ORM listener reads the verb from
the session, the PostgreSQL triggers from the transaction-local setting ``streetboard.action``.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from db.core import clock
from db.core.base import AuditLog, Base

#: above this many rows in one statement, the audit trail keeps one summary row (bulk loads).
BULK_ROWS = 1000
_SKIP_COLUMNS = {"created_at", "updated_at"}
_installed = False


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a column value."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def _columns(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        attr.key: _plain(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in _SKIP_COLUMNS
    }


def _row_id(obj: Base) -> int | None:
    value = getattr(obj, "id", None)
    return value if isinstance(value, int) else None


def _actor(session: Session) -> str:
    return str(session.info.get("actor", ""))[:50]


#: the plain actions the mechanism records by itself
PLAIN_ACTIONS = ("insert", "update", "delete", "bulk_insert", "bulk_update", "bulk_delete")

#: every domain verb a service may name its writes with (the audit page has a label for each)
VERBS = frozenset({
    "overwrite",  # kept one's own version over a newer one (conflict dialog)
    # cases: the state machine's actions (db.cases.states) and 督办
    "file", "reject", "dispatch", "accept", "return", "hold", "resume", "extend", "report_done",
    "check_fail", "check_pass", "return_visit", "unsatisfied", "supervise", "unsupervise",
    # meetings
    "lock_agenda", "unlock_agenda", "reorder_agenda", "accept_proposal", "defer_proposal", "reject_proposal",
    "start", "sign_in",
    # units and pairings
    "claim", "deliver", "weights", "progress", "import",
})


def set_action(session: Session, action: str | None) -> None:
    """Name the next writes of this transaction with a domain verb (``None``: back to plain)."""
    if action is not None and action not in VERBS:
        raise ValueError(f"unknown audit verb {action!r}")
    session.info["audit_action"] = action
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT set_config('streetboard.action', :a, true)"), {"a": action or ""})


@contextmanager
def action(session: Session, verb: str) -> Iterator[None]:
    """The writes inside the block are recorded under ``verb`` (flushed before it ends).

    Nested blocks keep the outer verb: what the person did names the whole action (an
    ``overwrite`` replaying a sign-in stays an ``overwrite``).
    """
    if session.info.get("audit_action"):
        yield
        return
    set_action(session, verb)
    try:
        yield
    except BaseException:
        # the caller rolls back; the PostgreSQL setting is transaction-local and goes with it
        session.info.pop("audit_action", None)
        raise
    session.flush()
    set_action(session, None)


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    if session.get_bind().dialect.name != "sqlite":
        return
    pending: list[tuple[str, Base, dict[str, Any] | None]] = session.info.setdefault("_audit_pending", [])
    for obj in session.dirty:
        if isinstance(obj, AuditLog) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        old: dict[str, Any] = {}
        for attr in state.mapper.column_attrs:
            if attr.key in _SKIP_COLUMNS:
                continue
            history = state.attrs[attr.key].history
            if history.has_changes() and history.deleted:
                old[attr.key] = _plain(history.deleted[0])
        if old and "version" in state.mapper.column_attrs:
            old["version"] = obj.version  # bumped by the flush itself
        pending.append(("update", obj, old))
    for obj in session.deleted:
        if not isinstance(obj, AuditLog):
            pending.append(("delete", obj, _columns(obj)))
    for obj in session.new:
        if not isinstance(obj, AuditLog):
            pending.append(("insert", obj, None))


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    pending = session.info.pop("_audit_pending", None)
    if not pending:
        return
    actor = _actor(session)
    verb = session.info.get("audit_action")
    now = clock.now()
    by_table: dict[tuple[str, str], int] = defaultdict(int)
    for action, obj, _ in pending:
        by_table[(action, obj.__table__.name)] += 1
    rows: list[dict[str, Any]] = []
    for (action, table), count in by_table.items():
        if count > BULK_ROWS:
            rows.append({"at": now, "username": actor, "table_name": table, "row_id": None,
                         "action": f"bulk_{action}", "old_values": None, "new_values": {"rows": count}})
    for action, obj, old in pending:
        table = obj.__table__.name
        if by_table[(action, table)] > BULK_ROWS:
            continue
        if action == "insert":
            old_values, new_values = None, _columns(obj)
        elif action == "delete":
            old_values, new_values = old, None
        else:
            assert old is not None
            new_all = _columns(obj)
            changed = {k for k in new_all if k in old and old[k] != new_all[k]}
            if not changed:
                continue
            old_values = {k: old[k] for k in sorted(changed)}
            new_values = {k: new_all[k] for k in sorted(changed)}
        rows.append({"at": now, "username": actor, "table_name": table, "row_id": _row_id(obj),
                     "action": verb or action,
                     "old_values": old_values, "new_values": new_values})
    if rows:
        session.execute(AuditLog.__table__.insert(), rows)


def _after_begin(session: Session, _transaction: object, connection: Any) -> None:
    actor = session.info.get("actor")
    if actor and connection.dialect.name == "postgresql":
        connection.execute(text("SELECT set_config('streetboard.actor', :a, true)"), {"a": str(actor)[:50]})


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the verb is transaction-local, as the PostgreSQL setting is
        session.info.pop("audit_action", None)


def install() -> None:
    """Listen on every ORM session (idempotent; done when this module is imported)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "after_begin", _after_begin)
    event.listen(Session, "after_transaction_end", _after_transaction_end)
    _installed = True


install()


# --------------------------------------------------------------------------- PostgreSQL

#: The audit trigger function (``db.sync.changes.install_triggers`` puts it on every table; revision
#: 0010 installs this text). It runs as its owner so that no client needs a right on ``audit_log``
#: (nobody can forge it), with a fixed ``search_path`` and schema-qualified names (a temporary table
#: cannot stand in for a real one). The actor is the login (``session_user``) as ``app_user`` names it
#: (its display name), never what a client says: ``streetboard.actor`` counts only from a login that
#: holds every right on the trail anyway (a superuser or the tables' owner, one login for the whole
#: office). The verb is what :func:`set_action` set (``streetboard.action``) if it is one of
#: :data:`VERBS` (:data:`PG_AUDIT_VERBS_FUNCTION`), else the plain insert/update/delete.
PG_AUDIT_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION public.streetboard_audit() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        who text;
        verb text := nullif(pg_catalog.current_setting('streetboard.action', true), '');
        has_id boolean := TG_ARGV[0] = 'id';
        n bigint;
    BEGIN
        IF pg_catalog.pg_has_role(session_user,
                (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
            who := nullif(pg_catalog.current_setting('streetboard.actor', true), '');
        END IF;
        IF who IS NULL THEN
            SELECT nullif(u.display_name, '') INTO who FROM public.app_user u WHERE u.username = session_user::text;
        END IF;
        who := left(coalesce(who, session_user::text), 50);
        IF verb IS NOT NULL AND NOT verb = ANY (public.streetboard_audit_verbs()) THEN
            verb := NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
            SELECT count(*) INTO n FROM new_rows;
            IF n > {BULK_ROWS} THEN
                INSERT INTO public.audit_log (username, table_name, action, new_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_insert', json_build_object('rows', n));
            ELSE
                INSERT INTO public.audit_log (username, table_name, row_id, action, new_values)
                SELECT who, TG_TABLE_NAME, CASE WHEN has_id THEN (j->>'id')::int END,
                       coalesce(verb, 'insert'), j::json
                FROM (SELECT to_jsonb(r) - 'created_at' - 'updated_at' AS j FROM new_rows r) s;
            END IF;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT count(*) INTO n FROM old_rows;
            IF n > {BULK_ROWS} THEN
                INSERT INTO public.audit_log (username, table_name, action, old_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_delete', json_build_object('rows', n));
            ELSE
                INSERT INTO public.audit_log (username, table_name, row_id, action, old_values)
                SELECT who, TG_TABLE_NAME, CASE WHEN has_id THEN (j->>'id')::int END,
                       coalesce(verb, 'delete'), j::json
                FROM (SELECT to_jsonb(r) - 'created_at' - 'updated_at' AS j FROM old_rows r) s;
            END IF;
        ELSE
            SELECT count(*) INTO n FROM new_rows;
            IF n > {BULK_ROWS} THEN
                INSERT INTO public.audit_log (username, table_name, action, new_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_update', json_build_object('rows', n));
            ELSIF has_id THEN
                INSERT INTO public.audit_log (username, table_name, row_id, action, old_values, new_values)
                SELECT who, TG_TABLE_NAME, (nw.j->>'id')::int, coalesce(verb, 'update'),
                       (SELECT jsonb_object_agg(k, od.j->k) FROM jsonb_object_keys(nw.j) k
                        WHERE od.j->k IS DISTINCT FROM nw.j->k)::json,
                       (SELECT jsonb_object_agg(k, nw.j->k) FROM jsonb_object_keys(nw.j) k
                        WHERE od.j->k IS DISTINCT FROM nw.j->k)::json
                FROM (SELECT to_jsonb(r) - 'updated_at' AS j FROM old_rows r) od
                JOIN (SELECT to_jsonb(r) - 'updated_at' AS j FROM new_rows r) nw ON od.j->'id' = nw.j->'id'
                WHERE od.j IS DISTINCT FROM nw.j;
            ELSE
                INSERT INTO public.audit_log (username, table_name, action, old_values, new_values)
                SELECT who, TG_TABLE_NAME, coalesce(verb, 'update'),
                       (SELECT json_agg(r) FROM old_rows r), (SELECT json_agg(r) FROM new_rows r);
            END IF;
        END IF;
        RETURN NULL;
    END $$
    """

#: The verbs the audit trigger accepts from ``streetboard.action`` (any other is recorded as the
#: plain action). A verb added to :data:`VERBS` needs a revision that re-creates this function.
PG_AUDIT_VERBS_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION public.streetboard_audit_verbs() RETURNS text[] LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp AS $$
    SELECT ARRAY[{", ".join(f"'{v}'" for v in sorted(VERBS))}]::text[]
    $$
    """


# --------------------------------------------------------------------------- reading it


def audit_trail(
    session: Session,
    *,
    table: str | None = None,
    row_id: int | None = None,
    username: str | None = None,
    since: dt.date | None = None,
    limit: int | None = 1000,
) -> pd.DataFrame:
    """The newest audit rows first, filtered per record (table + row id) and per person."""
    q = select(AuditLog.id, AuditLog.at, AuditLog.username, AuditLog.table_name, AuditLog.row_id,
               AuditLog.action, AuditLog.old_values, AuditLog.new_values)
    if table:
        q = q.where(AuditLog.table_name == table)
    if row_id is not None:
        q = q.where(AuditLog.row_id == row_id)
    if username:
        q = q.where(AuditLog.username == username)
    if since is not None:
        q = q.where(AuditLog.at >= dt.datetime.combine(since, dt.time()))
    q = q.order_by(AuditLog.id.desc())
    if limit is not None:
        q = q.limit(limit)
    rows = session.execute(q).all()
    columns = ["id", "at", "username", "table_name", "row_id", "action", "old_values", "new_values"]
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def audit_people(session: Session) -> list[str]:
    return [u for u in session.scalars(select(AuditLog.username).distinct().order_by(AuditLog.username)) if u]


def audit_tables(session: Session) -> list[str]:
    return list(session.scalars(select(AuditLog.table_name).distinct().order_by(AuditLog.table_name)))


def audit_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditLog)) or 0)


def describe_values(values: dict[str, Any] | list[dict[str, Any]] | None) -> str:
    """``field: value; …`` for a table cell or a spreadsheet.

    A list of rows is what the PostgreSQL trigger stores for an update of a table without an
    ``id`` column (for example ``meeting_room_state`` once a meeting has started): one part per row.
    """
    if not values:
        return ""
    if isinstance(values, list):
        return " | ".join(describe_values(row) for row in values)
    if not isinstance(values, dict):
        return str(values)
    return "; ".join(f"{k}: {v}" for k, v in values.items())


def export_audit_xlsx(session: Session, path: Path, headers: list[str], *,
                      table_labels: Mapping[str, str] | None = None, action_labels: Mapping[str, str] | None = None,
                      **filters: Any) -> int:
    """Write the (filtered) audit trail to an Excel file; returns the number of rows.

    ``table_labels`` / ``action_labels`` name record kinds and actions as the page does (a code
    without a label is written as it is)."""
    frame = audit_trail(session, limit=None, **filters)
    tables, actions = table_labels or {}, action_labels or {}
    out = pd.DataFrame({
        headers[0]: frame["at"],
        headers[1]: frame["username"],
        headers[2]: frame["table_name"].map(lambda t: tables.get(t, t)),
        headers[3]: frame["row_id"],
        headers[4]: frame["action"].map(lambda a: actions.get(a, a)),
        headers[5]: frame["old_values"].map(describe_values),
        headers[6]: frame["new_values"].map(describe_values),
    })
    partial = path.with_name(path.name + ".partial")
    out.to_excel(partial, index=False, engine="openpyxl")
    partial.replace(path)
    return len(out)

