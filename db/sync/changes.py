"""Change announcements between PCs, without Qt.

Every write, whoever makes it (the app, an import, raw SQL), is announced by the database itself:

* **PostgreSQL**: a statement-level trigger on every table people edit runs
  ``pg_notify('streetboard_changes', <table name>)``; :class:`PgListener` LISTENs on its own
  connection and reconnects by itself with backoff.
* **SQLite**: triggers bump a per-table counter in ``change_counter``; :class:`SqlitePoller` polls
  ``PRAGMA data_version`` on its own connection and, when another connection committed, reads the
  counters to learn which tables changed.

Both call ``on_changes(set_of_table_names)`` from their own thread. ``desktop.sync.live`` turns that into
``DbExecutor.changed``.

Our own writes are announced by the worker that made them: :class:`OwnWrites` records the tables a
transaction wrote (every INSERT, UPDATE and DELETE that passes through the engine, ORM flush or
Core) and, just before it commits, what its echo will look like — the backend pid and tables on
PostgreSQL (a NOTIFY carries its sender's pid), the ``change_counter`` values on SQLite — so both
sources drop that echo instead of announcing the same write a second time.

The migration installs the triggers with :func:`install_triggers`; a later migration that adds a
table calls it for that table (and on SQLite again after a batch alter, which recreates the table).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import URL, Connection, Engine, event, inspect, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase

from db.core.audit import PG_AUDIT_FUNCTION, PG_AUDIT_VERBS_FUNCTION

log = logging.getLogger(__name__)

CHANNEL = "streetboard_changes"
#: tables that announce nothing: bookkeeping, the audit trail itself.
QUIET_TABLES = frozenset({"alembic_version", "change_counter", "audit_log"})
#: the table name reported when the listener cannot know what changed (after a reconnect)
EVERYTHING = "*"

OnChanges = Callable[[set[str]], None]
OnState = Callable[[bool], None]

# --------------------------------------------------------------------------- triggers

#: the change trigger (revision 0010 installs this text): fixed search_path, qualified names
_PG_FUNCTIONS = [
    f"""
    CREATE OR REPLACE FUNCTION public.streetboard_notify() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp AS $$
    BEGIN
        PERFORM pg_catalog.pg_notify('{CHANNEL}', TG_TABLE_NAME);
        RETURN NULL;
    END $$
    """,
    PG_AUDIT_VERBS_FUNCTION,
    PG_AUDIT_FUNCTION,
]


def announced_tables(conn: Connection) -> list[str]:
    """Every table of the schema that people edit (all but the bookkeeping ones)."""
    return sorted(t for t in inspect(conn).get_table_names() if t not in QUIET_TABLES)


def install_triggers(conn: Connection, tables: Iterable[str] | None = None) -> None:
    """Create (or re-create) the change and audit triggers for ``tables`` (default: all)."""
    names = list(tables) if tables is not None else announced_tables(conn)
    if conn.dialect.name == "postgresql":
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


# --------------------------------------------------------------------------- our own writes

#: the first table an INSERT / UPDATE / DELETE / REPLACE written as plain SQL names
_DML_TABLE = re.compile(
    r"^\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from|truncate(?:\s+table)?)"
    r"\s+(?:only\s+)?[\"`\[]?(\w+)",
    re.IGNORECASE,
)
_recording: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("streetboard_writes", default=None)


def written_table(statement: object) -> str | None:
    """The table a statement writes, or None for a read (and for DDL)."""
    if isinstance(statement, UpdateBase):
        return getattr(statement.table, "name", None)
    if isinstance(statement, str):
        sql = statement
    elif hasattr(statement, "text"):  # text("…")
        sql = str(statement.text)
    else:
        return None
    found = _DML_TABLE.match(sql)
    return found.group(1) if found else None


def _note_statement(_conn: Connection, statement: object, *_args: object) -> None:
    written = _recording.get()
    if written is not None:
        table = written_table(statement)
        if table is not None:
            written.add(table)


class OwnWrites:
    """What this process wrote through ``engine``, and the echo those commits will cause.

    The worker runs each write inside :meth:`recording` and calls :meth:`expect` right before the
    commit (so the echo can never arrive before it is expected); the change sources ask
    :meth:`drop_notify` / :meth:`drop_counters` what is left once our own echo is taken out.
    Thread-safe: the worker and the source's thread both use it.
    """

    #: an expected NOTIFY that has not come after this long never will (a rolled-back savepoint)
    EXPECT_SECONDS = 30.0

    def __init__(self, engine: Engine):
        self._engine = engine
        self._lock = threading.Lock()
        self._notifies: Counter[tuple[int, str]] = Counter()
        self._since: dict[tuple[int, str], float] = {}
        self._counters: dict[str, int] = {}
        #: False only in the benchmark's baseline (the echo announced a second time, as before)
        self.drops_echo = True
        if not event.contains(engine, "before_execute", _note_statement):
            event.listen(engine, "before_execute", _note_statement)

    @contextlib.contextmanager
    def recording(self) -> Iterator[set[str]]:
        """Collect the tables every statement run on this thread writes until the block ends."""
        written: set[str] = set()
        token = _recording.set(written)
        try:
            yield written
        finally:
            _recording.reset(token)

    def expect(self, session: Session, written: set[str]) -> frozenset[str]:
        """Flush, then note the echo of this transaction; returns the tables to announce."""
        session.flush()
        tables = frozenset(written - QUIET_TABLES)
        if not tables:
            return tables
        conn = session.connection()
        if conn.dialect.name == "postgresql":
            pid = conn.connection.dbapi_connection.info.backend_pid
            now = time.monotonic()
            with self._lock:
                for table in tables:
                    self._notifies[(pid, table)] += 1
                    self._since[(pid, table)] = now
        elif conn.dialect.name == "sqlite":
            seqs = dict(conn.execute(text("SELECT table_name, seq FROM change_counter")).all())
            with self._lock:
                self._counters.update({t: seqs[t] for t in tables if t in seqs})
        return tables

    def drop_notify(self, pid: int, table: str) -> bool:
        """True if this NOTIFY is the echo of one of our own commits (and so already announced)."""
        key = (pid, table)
        with self._lock:
            if not self.drops_echo or not self._notifies[key]:
                return False
            self._notifies[key] -= 1
            if not self._notifies[key]:
                del self._notifies[key]
                self._since.pop(key, None)
            return True

    def expire(self) -> None:
        """Forget NOTIFYs expected long ago that never came."""
        old = time.monotonic() - self.EXPECT_SECONDS
        with self._lock:
            for key in [k for k, at in self._since.items() if at < old]:
                del self._since[key]
                self._notifies.pop(key, None)

    def drop_counters(self, fresh: dict[str, int], changed: set[str]) -> set[str]:
        """The changed tables whose counter is not where our own last commit left it."""
        with self._lock:
            if not self.drops_echo:
                return changed
            return {t for t in changed if self._counters.get(t) != fresh[t]}


# --------------------------------------------------------------------------- listening


class _Source:
    """A daemon thread that calls ``on_changes`` with the tables another writer touched."""

    def __init__(self, on_changes: OnChanges, on_state: OnState | None = None, own: OwnWrites | None = None):
        self._on_changes = on_changes
        self._on_state = on_state or (lambda _up: None)
        self.own = own  # our own commits, whose echo is dropped
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()  # set once listening (tests wait for it)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        raise NotImplementedError


class PgListener(_Source):
    """LISTEN on its own psycopg connection; reconnect with backoff (0.5 s doubling to 10 s).

    Bursts are coalesced: the first notification after a quiet spell is passed on at once, what
    follows within :attr:`COALESCE_SECONDS` of the last batch goes out together as one set. Any
    login may NOTIFY the channel, so a flood keeps no PC busier than one refresh per view per
    200 ms.
    """

    WAIT_SECONDS = 0.5  # how long one wait for notifications lasts (stop and keep-alive checks between)
    KEEPALIVE_SECONDS = 5.0
    COALESCE_SECONDS = 0.2

    def __init__(self, url: URL, on_changes: OnChanges, on_state: OnState | None = None,
                 own: OwnWrites | None = None):
        super().__init__(on_changes, on_state, own)
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)

    def _run(self) -> None:
        import psycopg

        delay = 0.5
        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5,
                                     application_name="StreetBoard listener") as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    delay = 0.5
                    self._on_state(True)
                    if lost:
                        # What changed while we were away is unknown: every view refreshes once.
                        self._on_changes({EVERYTHING})
                        lost = False
                    self.ready.set()
                    last_ping = time.monotonic()
                    pending: set[str] = set()
                    last_batch = -self.COALESCE_SECONDS
                    while not self._stop.is_set():
                        if pending and time.monotonic() - last_batch >= self.COALESCE_SECONDS:
                            self._on_changes(pending)
                            pending, last_batch = set(), time.monotonic()
                        # nothing waiting: come back with the first packet; else at the batch's time
                        wait = (max(0.0, last_batch + self.COALESCE_SECONDS - time.monotonic()) if pending
                                else self.WAIT_SECONDS)
                        for n in conn.notifies(timeout=wait, stop_after=None if pending else 1):
                            if self.own is None or not self.own.drop_notify(n.pid, n.payload):
                                pending.add(n.payload)
                        if time.monotonic() - last_ping > self.KEEPALIVE_SECONDS:
                            conn.execute("SELECT 1")
                            last_ping = time.monotonic()
                            if self.own is not None:
                                self.own.expire()
            except psycopg.Error as exc:
                log.info("change listener lost its connection: %s", exc)
                lost = True
                self._on_state(False)
                self._stop.wait(delay)
                delay = min(delay * 2, 10.0)


class SqlitePoller(_Source):
    """Poll ``PRAGMA data_version`` on a dedicated connection; read ``change_counter`` when it moves."""

    INTERVAL_SECONDS = 0.3

    def __init__(self, path: str, on_changes: OnChanges, on_state: OnState | None = None,
                 own: OwnWrites | None = None):
        super().__init__(on_changes, on_state, own)
        self._path = path

    def _counters(self, conn: sqlite3.Connection) -> dict[str, int]:
        return dict(conn.execute("SELECT table_name, seq FROM change_counter").fetchall())

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, timeout=5, check_same_thread=False)
        try:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            counters = self._counters(conn)
            self.ready.set()
            while not self._stop.wait(self.INTERVAL_SECONDS):
                try:
                    now = conn.execute("PRAGMA data_version").fetchone()[0]
                    if now == version:
                        continue
                    version = now
                    fresh = self._counters(conn)
                except sqlite3.Error as exc:  # busy or locked for a moment: try next tick
                    log.debug("change poll failed: %s", exc)
                    continue
                changed = {t for t, seq in fresh.items() if counters.get(t) != seq}
                counters = fresh
                if self.own is not None:
                    changed = self.own.drop_counters(fresh, changed)
                if changed:
                    self._on_changes(changed)
        finally:
            conn.close()


def make_source(url: URL, on_changes: OnChanges, on_state: OnState | None = None,
                own: OwnWrites | None = None) -> _Source | None:
    """The right change source for a database URL (None for an in-memory SQLite database);
    with ``own``, the echo of the writes it recorded is dropped."""
    if url.get_backend_name() == "postgresql":
        return PgListener(url, on_changes, on_state, own)
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database and database != ":memory:":
        return SqlitePoller(database, on_changes, on_state, own)
    return None
