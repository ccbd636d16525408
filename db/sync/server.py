"""``streetboard server setup``: one PostgreSQL server made ready for a street office, idempotently.

From an administrator's connection to the server (usually its ``postgres`` database) it:

1. checks the administrator may do the job — a superuser, or a login with CREATEDB and CREATEROLE —
   and names each missing privilege before anything is written (:class:`ServerSetupError`);
2. creates the database's owner (a LOGIN role) unless it exists;
3. creates the database, owned by it, unless it exists;
4. migrates the schema *as the owner* (``SET ROLE``), so the owner owns every table;
5. creates the three group roles and their rights (:func:`db.sync.roles.init_roles`);
6. creates the first secretary's login unless it exists.

Run again, it changes nothing that is already there and says what it found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import URL, Engine, event, text

from db.core import migrate
from db.core.engine import make_engine
from db.sync.roles import _NAME, DEFAULT_PREFIX, add_user, init_roles


class ServerSetupError(Exception):
    """``reason``: ``not_postgres`` · ``bad_name`` · ``missing_privileges`` (``detail``: the privileges) ·
    ``no_password`` (a role to create needs one)."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")


@dataclass
class ServerSetup:
    """What a run did: each step either ``created`` or found ``present``."""

    database: str
    owner: str
    secretary: str
    created: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)


def _role_exists(admin: Engine, name: str) -> bool:
    with admin.connect() as conn:
        return bool(conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first())


def missing_privileges(admin: Engine) -> list[str]:
    """The privileges this login lacks for the set-up (none for a superuser)."""
    with admin.connect() as conn:
        superuser, createdb, createrole = conn.execute(text(
            "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user")).one()
    if superuser:
        return []
    return [name for name, held in (("CREATEDB", createdb), ("CREATEROLE", createrole)) if not held]


def _create_role(admin: Engine, name: str, password: str) -> None:
    from psycopg import sql

    with admin.connect() as conn:
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:  # type: ignore[union-attr]
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
            # a CREATEROLE administrator may act as the owner it made (SET ROLE) to create its tables
            cur.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(name)))
        raw.commit()


def _as_owner(url: URL, owner: str) -> Engine:
    """An engine on ``url`` whose every connection acts as ``owner`` (objects it creates are the owner's)."""
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _set_role(dbapi_conn, _record) -> None:  # noqa: ANN001 - DBAPI connection
        with dbapi_conn.cursor() as cur:
            cur.execute(f'SET ROLE "{owner}"')
        dbapi_conn.commit()

    return engine


def setup_server(admin_url: str | URL, *, database: str = "streetboard", owner: str = "streetboard_owner",
                 owner_password: str | None = None, secretary: str, secretary_password: str | None = None,
                 secretary_name: str = "", prefix: str = DEFAULT_PREFIX) -> ServerSetup:
    admin = make_engine(admin_url)
    try:
        if admin.dialect.name != "postgresql":
            raise ServerSetupError("not_postgres")
        for name in (database, owner, secretary):
            if not _NAME.match(name):
                raise ServerSetupError("bad_name", name)
        missing = missing_privileges(admin)
        if missing:
            raise ServerSetupError("missing_privileges", ", ".join(missing))
        done = ServerSetup(database, owner, secretary)
        if _role_exists(admin, owner):
            done.present.append("owner")
        else:
            if not owner_password:
                raise ServerSetupError("no_password", owner)
            _create_role(admin, owner, owner_password)
            done.created.append("owner")
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}).first()
            if exists:
                done.present.append("database")
            else:
                conn.exec_driver_sql(f'CREATE DATABASE "{database}" OWNER "{owner}"')
                done.created.append("database")
        target = admin.url.set(database=database)
        owner_engine = _as_owner(target, owner)
        try:
            before = migrate.schema_status(owner_engine)
            migrate.upgrade(owner_engine)
            (done.present if before.current == before.head else done.created).append("schema")
        finally:
            owner_engine.dispose()
        target_admin = make_engine(target)
        try:
            had_roles = _role_exists(admin, f"{prefix}_secretary")
            init_roles(target_admin, prefix)  # re-run anyway: it grants on tables a newer schema added
            (done.present if had_roles else done.created).append("roles")
            if _role_exists(admin, secretary):
                done.present.append("secretary")
            else:
                if not secretary_password:
                    raise ServerSetupError("no_password", secretary)
                add_user(target_admin, secretary, "secretary", secretary_password,
                         display_name=secretary_name, prefix=prefix)
                done.created.append("secretary")
        finally:
            target_admin.dispose()
        return done
    finally:
        admin.dispose()
