"""Engine and session factory.

SQLite by default (a file in the platformdirs user data dir, foreign keys on, WAL, a busy
timeout); any SQLAlchemy URL through ``--db`` or ``STREETBOARD_DB``; PostgreSQL via psycopg 3.
Problems opening a database raise :class:`DatabaseOpenError` with a ``reason`` code that the
application turns into one translated sentence.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy import URL, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "StreetBoard"
ENV_VAR = "STREETBOARD_DB"
SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseOpenError(Exception):
    """The database cannot be used. ``reason`` is one of:

    ``bad_url`` · ``incomplete_url`` (no database named) · ``unreachable`` · ``auth`` ·
    ``not_a_database`` · ``no_such_database`` · ``schema_too_new`` · ``schema_too_old`` · ``unsupported``.
    """

    def __init__(self, reason: str, target: str, detail: str = ""):
        self.reason = reason
        self.target = target
        self.detail = detail
        super().__init__(f"{reason}: {target} {detail}".strip())


def default_sqlite_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "streetboard.sqlite"


def resolve_url(url: str | None = None) -> URL:
    """The URL to open: the argument, else ``$STREETBOARD_DB``, else the default SQLite file.

    A plain file path is accepted as a SQLite database.
    """
    raw = url or os.environ.get(ENV_VAR) or ""
    if not raw:
        path = default_sqlite_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite+pysqlite", database=str(path))
    if "://" not in raw:
        return URL.create("sqlite+pysqlite", database=str(Path(raw).expanduser()))
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://"):]
    try:
        parsed = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseOpenError("bad_url", raw) from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if not parsed.database:  # the server would pick a default database and get a schema there
            raise DatabaseOpenError("incomplete_url", raw)
        # psycopg 3 is the driver we ship; "postgresql://" alone would ask for psycopg2.
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed
    raise DatabaseOpenError("unsupported", raw, backend)


def describe_url(url: URL) -> str:
    """A short, password-free name for the status bar and messages."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite · {url.database or ':memory:'}"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"PostgreSQL · {user}{host}{port}/{url.database or ''}"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def make_engine(url: str | URL | None = None, *, create: bool = True, **kwargs: object) -> Engine:
    """Create an engine for ``url`` (see :func:`resolve_url`) without connecting yet.

    With ``create=False`` a SQLite file that does not exist is an error rather than a new file.
    """
    resolved = url if isinstance(url, URL) else resolve_url(url)
    try:
        if resolved.get_backend_name() == "sqlite":
            path = sqlite_file(resolved)
            if path is not None and not path.parent.is_dir():
                raise DatabaseOpenError("no_such_database", str(path))
            if path is not None and not create and not path.exists():
                raise DatabaseOpenError("no_such_database", str(path))
            engine = create_engine(resolved, **kwargs)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            kwargs.setdefault("pool_pre_ping", True)
            kwargs.setdefault("connect_args", {"connect_timeout": 5, "application_name": APP_NAME})
            engine = create_engine(resolved, **kwargs)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseOpenError("bad_url", resolved.render_as_string(hide_password=True)) from exc
    return engine


def check_connection(engine: Engine) -> None:
    """Connect once and run a trivial query, turning driver errors into DatabaseOpenError."""
    target = describe_url(engine.url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
            else:
                conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        raise DatabaseOpenError(classify_error(exc), target, str(exc.orig).strip()) from exc


def classify_error(exc: DBAPIError) -> str:
    """Map a driver error from connecting to one of DatabaseOpenError's reasons."""
    message = str(exc.orig).lower()
    if isinstance(exc.orig, sqlite3.DatabaseError):
        if "not a database" in message or "malformed" in message or "encrypted" in message:
            return "not_a_database"
        if "unable to open" in message:
            return "no_such_database"
        return "not_a_database"
    if "password" in message or "authentication" in message or "role" in message and "does not exist" in message:
        return "auth"
    if "database" in message and "does not exist" in message:
        return "no_such_database"
    return "unreachable"


@dataclass
class Database:
    """One open database: its engine and a session factory.

    A session's scope is one user action: ``with db.session.begin() as s: ...``.
    """

    engine: Engine

    def __post_init__(self) -> None:
        self.session: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def name(self) -> str:
        return describe_url(self.engine.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()
