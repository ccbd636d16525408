"""Roles enforced by PostgreSQL: secretary, member, viewer (the presenter reads as a viewer).

``streetboard db init-roles`` runs :func:`init_roles` once per database (again after a schema
upgrade that adds tables); ``streetboard db add-user`` runs :func:`add_user` per person, who then
connects with their own login. The README's *Several PCs* table says who may do what;
``tests/test_roles_matrix.py`` tries every cell of it with raw SQL on a password-authenticated
server. In short:

* ``<prefix>_secretary`` — everything the app does: meetings, agenda, sign-in, minutes and their
  approval, resolutions (closing one after verification), tasks, cases, units, pairings, imports.
* ``<prefix>_member`` — reads everything; drafts minutes (agenda notes, minutes revisions) of a
  meeting not yet approved, proposes topics; writes **its own unit's** records only: attendance,
  tasks and their progress, the follow-up of its resolutions and of those it has a task under (not
  closing them: done or cancelled needs the secretary's verification), its unit record, liaisons
  and resources. Row-level security
  ties "own unit" to ``app_user.unit_id`` of the login (USING and WITH CHECK); column grants keep
  every record with its unit and its meeting.
* ``<prefix>_viewer`` — reads everything.

Nobody but the database writes ``audit_log`` (its triggers run as their owner) and nobody but the
owner writes ``app_user`` (``add-user``). No app role may create temporary tables (one could stand
in for a real table in a function that names it without a schema); every function here has a fixed
``search_path`` and schema-qualified names. An approved meeting is sealed for every login but the
owner (revision 0010, ``streetboard_seal``).

What it needs: run as the owner of the database and of its tables (``streetboard db upgrade`` made
them), with ``CREATEROLE`` while a group role is still missing (or as a superuser).
On SQLite (one PC) none of this exists; the app checks roles itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, inspect, text

DEFAULT_PREFIX = "streetboard"
ROLES = ("secretary", "member", "viewer")
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")

#: tables no app role writes: the trail (its triggers do), accounts (add-user), bookkeeping
_NOBODY_WRITES = ("audit_log", "app_user", "alembic_version", "change_counter")
#: what members may change, column by column (the version columns let optimistic locking work);
#: never a record's unit or meeting
_MEMBER_UPDATE = {
    "agenda_item": ("notes", "version", "updated_at"),
    "attendance": ("status", "delegate_name", "signed_at", "person_name", "version", "updated_at"),
    "task": ("status", "progress_pct", "done_on", "overdue_reason", "assignee", "version", "updated_at"),
    "resolution": ("status", "completed_on", "overdue_reason", "version", "updated_at"),
    "resident_unit": ("address", "contact_person", "contact_phone", "party_org", "version", "updated_at"),
    "minutes": ("status", "version", "updated_at"),
    "minutes_revision": ("content", "reason", "created_by", "created_at"),
    "liaison": ("name", "phone", "email", "active", "version", "updated_at"),
    "resource": ("title", "category", "description", "status", "version", "updated_at"),
}
_MEMBER_INSERT = ("attendance", "task_update", "topic_proposal", "minutes", "minutes_revision", "liaison", "resource")
_MY_UNIT = "public.streetboard_my_unit()"
#: row-level security: table → the condition a member's row must meet (read and written)
_OWN_UNIT = {
    "task": f"owner_unit_id = {_MY_UNIT}",
    # a unit with a task under another unit's resolution moves it on too (its progress settles it)
    "resolution": f"owner_unit_id = {_MY_UNIT} OR EXISTS (SELECT 1 FROM public.task t "
                  f"WHERE t.resolution_id = resolution.id AND t.owner_unit_id = {_MY_UNIT})",
    "resident_unit": f"id = {_MY_UNIT}",
    "liaison": f"unit_id = {_MY_UNIT}",
    "resource": f"unit_id = {_MY_UNIT}",
    "attendance": f"unit_id = {_MY_UNIT}",
    "topic_proposal": f"unit_id IS NULL OR unit_id = {_MY_UNIT}",
    "task_update": f"EXISTS (SELECT 1 FROM public.task t WHERE t.id = task_id AND t.owner_unit_id = {_MY_UNIT})",
}
_POLICIES = ("read", "secretary", "member_insert", "member_update", "member_delete")
#: the tables the role guard watches (approval, closing a resolution, a member and approved minutes)
_GUARDED = ("minutes_revision", "minutes", "meeting", "resolution")


class RolesError(Exception):
    """``reason``: ``not_postgres`` · ``bad_name`` · ``bad_role`` · ``exists`` · ``no_roles`` ·
    ``no_unit`` · ``no_createrole`` · ``not_owner`` · ``not_allowed``."""

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


def _check_rights(conn: Connection, *, create_roles: bool) -> None:
    """Refuse before anything is written if this login lacks what the set-up needs."""
    me = conn.execute(text(
        "SELECT current_user, r.rolsuper, r.rolcreaterole, "
        "       pg_has_role(current_user, d.datdba, 'MEMBER'), "
        "       pg_has_role(current_user, coalesce((SELECT c.relowner FROM pg_class c "
        "                   WHERE c.oid = to_regclass('public.audit_log')), d.datdba), 'MEMBER') "
        "FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()"
    )).one()
    login, superuser, createrole, owns_database, owns_tables = me
    if superuser:
        return
    if not (owns_database and owns_tables):
        raise RolesError("not_owner", str(login))
    if create_roles and not createrole:
        raise RolesError("no_createrole", str(login))


_GUARD_FUNCTION = """
    CREATE OR REPLACE FUNCTION public.{prefix}_guard() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        meeting integer;
        why text;
        code text;
    BEGIN
        IF pg_catalog.pg_has_role(current_user, '{secretary}', 'MEMBER')
           OR pg_catalog.pg_has_role(current_user,
                (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_TABLE_NAME = 'minutes_revision' THEN
            IF TG_OP <> 'DELETE' AND NEW.approved_at IS NOT NULL AND (TG_OP = 'INSERT'
                    OR OLD.approved_at IS DISTINCT FROM NEW.approved_at
                    OR OLD.approved_by IS DISTINCT FROM NEW.approved_by) THEN
                why := 'only the secretary may approve minutes'; code := 'approve';
            END IF;
            SELECT mi.meeting_id INTO meeting FROM public.minutes mi
            WHERE mi.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.minutes_id ELSE NEW.minutes_id END;
        ELSIF TG_TABLE_NAME IN ('minutes', 'meeting') THEN
            IF TG_OP <> 'DELETE' AND NEW.status = 'approved'
                    AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status) THEN
                why := 'only the secretary may approve minutes'; code := 'approve';
            END IF;
            IF TG_TABLE_NAME = 'minutes' THEN
                meeting := CASE WHEN TG_OP = 'DELETE' THEN OLD.meeting_id ELSE NEW.meeting_id END;
            END IF;
        ELSIF TG_TABLE_NAME = 'resolution' THEN
            IF TG_OP <> 'DELETE' AND NEW.status IN ('done', 'cancelled')
                    AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status) THEN
                why := 'only the secretary closes a resolution, after its verification'; code := 'close';
            END IF;
        END IF;
        IF why IS NULL AND meeting IS NOT NULL AND public.streetboard_meeting_approved(meeting) THEN
            why := 'only the secretary amends the minutes of an approved meeting'; code := 'amend';
        END IF;
        IF why IS NOT NULL THEN
            RAISE EXCEPTION USING MESSAGE = why, HINT = 'streetboard.' || code, ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$
"""


def init_roles(engine: Engine, prefix: str = DEFAULT_PREFIX) -> Groups:
    """Create the three group roles (NOLOGIN) and their rights in this database. Idempotent.

    Everything happens in one transaction, after :func:`_check_rights`: a login without the
    rights it needs gets :class:`RolesError` (``not_owner``, ``no_createrole``) and nothing changes.
    """
    _require_pg(engine)
    g = Groups(prefix)
    groups = (g.secretary, g.member, g.viewer)
    with engine.begin() as conn:
        missing = [name for name in groups if not _role_exists(conn, name)]
        _check_rights(conn, create_roles=bool(missing))
        tables = set(inspect(conn).get_table_names())
        for name in missing:
            conn.exec_driver_sql(f'CREATE ROLE "{name}" NOLOGIN')
        everyone = ", ".join(f'"{name}"' for name in groups)
        # No temporary tables for anyone but the owner: one named like a real table would shadow it.
        database = conn.exec_driver_sql("SELECT current_database()").scalar_one()
        conn.exec_driver_sql(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC, {everyone}')
        conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO {everyone}')
        conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {everyone}")
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {everyone}")
        conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}")
        conn.exec_driver_sql(f'GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{g.secretary}"')
        closed = ", ".join(t for t in _NOBODY_WRITES if t in tables)
        conn.exec_driver_sql(f'REVOKE INSERT, UPDATE, DELETE ON {closed} FROM "{g.secretary}"')
        conn.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{g.secretary}", "{g.member}"')
        for table, columns in _MEMBER_UPDATE.items():
            if table in tables:
                conn.exec_driver_sql(f'GRANT UPDATE ({", ".join(columns)}) ON "{table}" TO "{g.member}"')
        for table in _MEMBER_INSERT:
            if table in tables:
                conn.exec_driver_sql(f'GRANT INSERT ON "{table}" TO "{g.member}"')

        conn.exec_driver_sql(
            f"CREATE OR REPLACE FUNCTION {_MY_UNIT} RETURNS integer LANGUAGE sql STABLE "
            "SET search_path = pg_catalog, public, pg_temp AS "
            "$$ SELECT u.unit_id FROM public.app_user u WHERE u.username = session_user::text AND u.active $$"
        )
        for table, own in _OWN_UNIT.items():
            if table not in tables:
                continue
            conn.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
            for policy in _POLICIES:
                conn.exec_driver_sql(f'DROP POLICY IF EXISTS "{prefix}_{policy}" ON "{table}"')
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_read" ON "{table}" FOR SELECT USING (true)')
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_secretary" ON "{table}" FOR ALL TO "{g.secretary}" '
                                 "USING (true) WITH CHECK (true)")
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_member_insert" ON "{table}" FOR INSERT TO "{g.member}" '
                                 f"WITH CHECK ({own})")
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_member_update" ON "{table}" FOR UPDATE TO "{g.member}" '
                                 f"USING ({own}) WITH CHECK ({own})")
            conn.exec_driver_sql(f'CREATE POLICY "{prefix}_member_delete" ON "{table}" FOR DELETE TO "{g.member}" '
                                 f"USING ({own})")

        conn.exec_driver_sql(_GUARD_FUNCTION.format(prefix=prefix, secretary=g.secretary))
        for table in _GUARDED:
            if table in tables:
                # "_" first: triggers fire in name order, and a refusal for rights should come first
                conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "_{prefix}_approval" ON "{table}"')
                conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "_{prefix}_guard" ON "{table}"')
                conn.exec_driver_sql(f'CREATE TRIGGER "_{prefix}_guard" BEFORE INSERT OR UPDATE OR DELETE '
                                     f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION public.{prefix}_guard()')
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS public.{prefix}_guard_approval()")
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
    """A LOGIN role in the group for ``role`` plus its ``app_user`` row (one transaction; needs the
    owner of the database with ``CREATEROLE``, or a superuser)."""
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
        _check_rights(conn, create_roles=True)
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
