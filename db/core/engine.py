"""Engine and session factory.

SQLite by default (a file in the platformdirs user data dir, foreign keys on, WAL, a busy
timeout); any SQLAlchemy URL through ``--db`` or ``STREETBOARD_DB``; PostgreSQL via psycopg 3.
Problems opening a database raise :class:`DatabaseOpenError` with a ``reason`` code that the
application turns into one translated sentence; so do the faults of a SQLite file met later
(:func:`_sqlite_fault`): locked by another program, disk full, read-only, deleted or moved.
A SQLite file this user cannot write is opened read-only (:attr:`Database.read_only`).
"""

from __future__ import annotations

import os
import re
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
    ``not_a_database`` · ``no_such_database`` · ``schema_too_new`` · ``schema_too_old`` · ``unsupported``;
    and for a SQLite file in use: ``locked`` (``detail``: the programs holding it, when known) ·
    ``disk_full`` · ``read_only`` · ``file_gone`` (deleted or moved while open).
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
        return f"SQLite · {sqlite_file(url) or url.database or ':memory:'}"
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


def _sqlite_read_only_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    """A read-only connection keeps the file's journal mode (changing it would be a write)."""
    dbapi_conn.execute("PRAGMA foreign_keys=ON")
    dbapi_conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL (a ``file:`` URI too), or None for an in-memory database."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        if url.query.get("mode") == "memory" or database.startswith("file::memory:"):
            return None
        database = database[len("file:"):].partition("?")[0]
    return Path(database).expanduser()


def sqlite_read_only(url: URL) -> bool:
    """A SQLite URL opened read-only (``?mode=ro`` on a ``file:`` URI)."""
    return url.get_backend_name() == "sqlite" and url.query.get("mode") == "ro"


def _read_only_url(path: Path) -> URL:
    """The same file through SQLite's read-only flag."""
    return URL.create("sqlite+pysqlite", database=f"file:{path}", query={"mode": "ro", "uri": "true"})


def _cannot_write(path: Path) -> bool:
    """This user may not write the file, or the folder its journal goes in (a read-only medium)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


# --------------------------------------------------------------------------- faults of a SQLite file in use

#: SQLite's primary result codes for the faults the user is told about in their own words
_SQLITE_FAULTS = {5: "locked", 6: "locked", 8: "read_only", 13: "disk_full"}
_WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def holders(path: Path) -> list[str]:
    """The other programs that have the file (or its journal) open, as "name (PID n)"; empty
    where the system does not say (no /proc, or not allowed to look)."""
    names = {os.path.realpath(p) for p in (path, f"{path}-wal", f"{path}-journal")}
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if any(os.path.realpath(fd) in names for fd in (entry / "fd").iterdir()):
                found.append(f"{(entry / 'comm').read_text().strip()} (PID {entry.name})")
        except OSError:
            continue
    return sorted(found)


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _sqlite_fault(context) -> None:  # noqa: ANN001 - sqlalchemy's ExceptionContext
    """``handle_error``: a locked file, a full disk, a read-only file as their own errors."""
    orig = context.original_exception
    reason = _SQLITE_FAULTS.get((getattr(orig, "sqlite_errorcode", 0) or 0) & 0xFF)
    if reason is None:
        return
    path = sqlite_file(context.engine.url) if context.engine is not None else None
    target = str(path) if path is not None else describe_url(context.engine.url)
    detail = ", ".join(holders(path)) if reason == "locked" and path is not None else str(orig)
    raise DatabaseOpenError(reason, target, detail) from orig


def _guard_file(path: Path):  # noqa: ANN202 - two event handlers
    """Each connection remembers which file it opened; a write after that path was deleted, moved
    or replaced by another file is refused (it would "succeed" into a file nobody will see)."""

    def remember(_dbapi_conn: sqlite3.Connection, record) -> None:  # noqa: ANN001
        record.info["sqlite_file"] = _file_identity(path)

    def check(conn, _cursor, statement: str, *_args: object) -> None:  # noqa: ANN001
        opened = conn.info.get("sqlite_file")
        if opened is not None and _WRITES.match(statement) and _file_identity(path) != opened:
            raise DatabaseOpenError("file_gone", str(path))

    return remember, check


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
            if path is not None and not sqlite_read_only(resolved) and _cannot_write(path):
                resolved = _read_only_url(path)
            engine = create_engine(resolved, **kwargs)
            event.listen(engine, "connect", _sqlite_read_only_pragmas if sqlite_read_only(resolved) else _sqlite_pragmas)
            event.listen(engine, "handle_error", _sqlite_fault)
            if path is not None:
                remember, check = _guard_file(path)
                event.listen(engine, "connect", remember)
                event.listen(engine, "before_cursor_execute", check)
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

    @property
    def read_only(self) -> bool:
        """A SQLite file opened read-only (a read-only medium, or a file this user may not write)."""
        return sqlite_read_only(self.engine.url)

    def dispose(self) -> None:
        self.engine.dispose()
