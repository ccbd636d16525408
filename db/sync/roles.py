"""Roles enforced by PostgreSQL: secretary, member, viewer (the presenter reads as a viewer).

``streetboard db init-roles`` runs :func:`init_roles` once per database (again after a schema
upgrade that adds tables); ``streetboard db add-user`` runs :func:`add_user` per person, who then
connects with their own login. What each group may do:

* ``<prefix>_secretary`` — everything the app does: meetings, agenda, minutes and their approval,
  resolutions, tasks, cases, units.
* ``<prefix>_member`` — reads everything; drafts minutes (agenda notes, minutes revisions),
  records attendance, proposes topics; updates the tasks and resolutions **of its own unit**
  (status, progress, 反馈) and its own unit's record, liaisons and resources. Row-level security
  ties "own unit" to ``app_user.username = current_user``. Approving minutes is refused by a
  trigger unless the login is a secretary (or the tables' owner).
* ``<prefix>_viewer`` — reads everything.

Nobody but the owner writes ``audit_log``: the audit triggers run as their owner.
On SQLite (one PC) none of this exists; the app checks roles itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, inspect, text

DEFAULT_PREFIX = "streetboard"
ROLES = ("secretary", "member", "viewer")
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")

#: what members may change, column by column (the version columns let optimistic locking work)
_MEMBER_UPDATE = {
    "agenda_item": ("notes", "version", "updated_at"),
    "attendance": ("status", "delegate_name", "signed_at", "person_name", "version", "updated_at"),
    "task": ("status", "progress_pct", "done_on", "overdue_reason", "assignee", "version", "updated_at"),
    "resolution": ("status", "completed_on", "overdue_reason", "version", "updated_at"),
    "resident_unit": ("address", "contact_person", "contact_phone", "party_org", "version", "updated_at"),
}
_MEMBER_INSERT = ("attendance", "task_update", "topic_proposal", "minutes", "minutes_revision", "liaison", "resource")
_MEMBER_FULL_UPDATE = ("minutes", "minutes_revision", "liaison", "resource")
#: row-level security: table → the condition a member's new row must meet
_OWN_UNIT = {
    "task": "owner_unit_id = streetboard_my_unit()",
    "resolution": "owner_unit_id = streetboard_my_unit()",
    "resident_unit": "id = streetboard_my_unit()",
    "liaison": "unit_id = streetboard_my_unit()",
    "resource": "unit_id = streetboard_my_unit()",
    "task_update": "EXISTS (SELECT 1 FROM task t WHERE t.id = task_id AND t.owner_unit_id = streetboard_my_unit())",
}


class RolesError(Exception):
    """``reason``: ``not_postgres`` · ``bad_name`` · ``bad_role`` · ``exists`` · ``no_roles`` ·
    ``no_unit`` · ``not_allowed``."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")


@dataclass(frozen=True)
class Groups:
    prefix: str = DEFAULT_PREFIX

    def __post_init__(self) -> None:
        if not _NAME.match(self.prefix):
            raise RolesError("bad_name", self.prefix)

    def of(self, role: str) -> str:
        if role not in ROLES:
            raise RolesError("bad_role", role)
        return f"{self.prefix}_{role}"

    @property
    def secretary(self) -> str:
        return self.of("secretary")

    @property
    def member(self) -> str:
        return self.of("member")

    @property
    def viewer(self) -> str:
        return self.of("viewer")


def _require_pg(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise RolesError("not_postgres")


def _role_exists(conn: Connection, name: str) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first())


def init_roles(engine: Engine, prefix: str = DEFAULT_PREFIX) -> Groups:
    """Create the three group roles (NOLOGIN) and their rights in this database. Idempotent."""
    _require_pg(engine)
    g = Groups(prefix)
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        for name in (g.secretary, g.member, g.viewer):
            if not _role_exists(conn, name):
                conn.exec_driver_sql(f'CREATE ROLE "{name}" NOLOGIN')
        everyone = f'"{g.secretary}", "{g.member}", "{g.viewer}"'
        conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {everyone}")
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {everyone}")
        conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}")
        conn.exec_driver_sql(f'GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{g.secretary}"')
        conn.exec_driver_sql(f'REVOKE INSERT, UPDATE, DELETE ON audit_log, alembic_version FROM "{g.secretary}"')
        conn.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{g.secretary}", "{g.member}"')
        for table, columns in _MEMBER_UPDATE.items():
            if table in tables:
                conn.exec_driver_sql(f'GRANT UPDATE ({", ".join(columns)}) ON "{table}" TO "{g.member}"')
        for table in _MEMBER_INSERT:
            if table in tables:
                conn.exec_driver_sql(f'GRANT INSERT ON "{table}" TO "{g.member}"')
        for table in _MEMBER_FULL_UPDATE:
            if table in tables:
                conn.exec_driver_sql(f'GRANT UPDATE ON "{table}" TO "{g.member}"')

        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION streetboard_my_unit() RETURNS integer LANGUAGE sql STABLE AS "
            "$$ SELECT unit_id FROM app_user WHERE username = current_user AND active $$"
        )
        for table, own in _OWN_UNIT.items():
            if table not in tables:
                continue
            conn.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
            for policy in ("read", "secretary", "member_insert", "member_update"):
                conn.exec_driver_sql(f'DROP POLICY IF EXISTS "{prefix}_{policy}" ON "{table}"')
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_read" ON "{table}" FOR SELECT USING (true)')
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_secretary" ON "{table}" FOR ALL TO "{g.secretary}" '
                                 "USING (true) WITH CHECK (true)")
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_member_insert" ON "{table}" FOR INSERT TO "{g.member}" '
                                 f"WITH CHECK ({own})")
            # USING (true): another unit's row is found, and its update is refused loudly by the check
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_member_update" ON "{table}" FOR UPDATE TO "{g.member}" '
                                 f"USING (true) WITH CHECK ({own})")

        conn.exec_driver_sql(f"""
            CREATE OR REPLACE FUNCTION {prefix}_guard_approval() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                approving boolean;
            BEGIN
                IF TG_TABLE_NAME = 'minutes_revision' THEN
                    approving := NEW.approved_at IS NOT NULL AND (TG_OP = 'INSERT'
                        OR OLD.approved_at IS DISTINCT FROM NEW.approved_at
                        OR OLD.approved_by IS DISTINCT FROM NEW.approved_by);
                ELSE
                    approving := NEW.status = 'approved' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status);
                END IF;
                IF approving AND NOT pg_has_role(current_user, '{g.secretary}', 'MEMBER')
                   AND NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                    RAISE EXCEPTION 'only the secretary may approve minutes'
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$
        """)
        for table in ("minutes_revision", "minutes", "meeting"):
            if table in tables:
                # "_" first: triggers fire in name order, and a refusal for rights should come first
                conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "_{prefix}_approval" ON "{table}"')
                conn.exec_driver_sql(f'CREATE TRIGGER "_{prefix}_approval" BEFORE INSERT OR UPDATE ON "{table}" '
                                     f"FOR EACH ROW EXECUTE FUNCTION {prefix}_guard_approval()")
    return g


def add_user(
    engine: Engine,
    username: str,
    role: str,
    password: str,
    *,
    unit_id: int | None = None,
    display_name: str = "",
    prefix: str = DEFAULT_PREFIX,
) -> None:
    """A LOGIN role in the group for ``role`` plus its ``app_user`` row (one transaction)."""
    _require_pg(engine)
    g = Groups(prefix)
    group = g.of(role)
    if not _NAME.match(username):
        raise RolesError("bad_name", username)
    from psycopg import sql

    with engine.begin() as conn:
        if not _role_exists(conn, group):
            raise RolesError("no_roles", group)
        if _role_exists(conn, username):
            raise RolesError("exists", username)
        if role == "member" and unit_id is None:
            raise RolesError("no_unit", username)
        if unit_id is not None and not conn.execute(
                text("SELECT 1 FROM resident_unit WHERE id = :u"), {"u": unit_id}).first():
            raise RolesError("no_unit", str(unit_id))
        raw = conn.connection.driver_connection
        statement = sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(username), sql.Literal(password), sql.Identifier(group))
        with raw.cursor() as cur:  # type: ignore[union-attr]
            cur.execute(statement)
        conn.execute(
            text("INSERT INTO app_user (username, display_name, role, unit_id, active, version) "
                 "VALUES (:u, :d, :r, :unit, true, 1) "
                 "ON CONFLICT (username) DO UPDATE SET role = :r, unit_id = :unit, active = true"),
            {"u": username, "d": display_name or username, "r": role, "unit": unit_id},
        )


def drop_roles(engine: Engine, prefix: str, users: tuple[str, ...] = ()) -> None:
    """Remove users and the three groups of ``prefix`` from this database and the cluster (tests)."""
    _require_pg(engine)
    g = Groups(prefix)
    with engine.begin() as conn:
        for name in (*users, g.secretary, g.member, g.viewer):
            if _role_exists(conn, name):
                conn.exec_driver_sql(f'DROP OWNED BY "{name}"')
                conn.exec_driver_sql(f'DROP ROLE "{name}"')
