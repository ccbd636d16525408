"""Shared fixtures.

* Qt runs offscreen on two screens (below), whatever the environment says; user data, cache and
  settings go to a temporary folder.
* The backend is SQLite, or PostgreSQL when ``STREETBOARD_TEST_PG`` holds a server URL: the run
  then creates its own databases on that server and drops them after.
* The schema is migrated once into a template database and copied per test (Anki's
  ``pylib/tests/shared.py`` pattern); a demo street is generated once into a second template.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

_SANDBOX = Path(tempfile.mkdtemp(prefix="streetboard-tests-"))
# Two offscreen screens, as in the meeting room: the chair's laptop and the projector.
SCREENS = {"screens": [
    {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
    {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96},
]}
(_SANDBOX / "screens.json").write_text(json.dumps(SCREENS))
# Forced, whatever the caller's session holds (wayland, offscreen with one screen, a scale factor).
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SANDBOX / 'screens.json'}"
for _name in ("QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "QT_AUTO_SCREEN_SCALE_FACTOR", "QT_ENABLE_HIGHDPI_SCALING",
              "QT_SCALE_FACTOR_ROUNDING_POLICY", "QT_FONT_DPI", "QT_USE_PHYSICAL_DPI", "QT_STYLE_OVERRIDE",
              "QT_QPA_PLATFORMTHEME"):
    os.environ.pop(_name, None)
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ.pop("STREETBOARD_DB", None)

import gc  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import URL, make_url, text  # noqa: E402

from db.core import migrate  # noqa: E402
from db.core.engine import Database, make_engine  # noqa: E402

PG_ENV = "STREETBOARD_TEST_PG"
DEMO_TODAY = dt.date(2026, 6, 15)
DEMO_CASES = 3000
_counter = itertools.count()


def pg_server_url() -> URL | None:
    raw = os.environ.get(PG_ENV)
    if not raw:
        return None
    url = make_url(raw)
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


class Backend:
    """Creates template databases and per-test copies on SQLite or PostgreSQL."""

    def __init__(self, root: Path):
        self.root = root
        self.server = pg_server_url()
        self.prefix = f"sbtest_{os.getpid()}"
        self.created: list[str] = []

    @property
    def name(self) -> str:
        return "postgresql" if self.server else "sqlite"

    def new_url(self, label: str) -> URL:
        if self.server is None:
            return URL.create("sqlite+pysqlite", database=str(self.root / f"{label}.sqlite"))
        name = f"{self.prefix}_{label}"
        self._pg_exec(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self.server.set(database=name)

    def copy(self, template: URL, label: str) -> URL:
        if self.server is None:
            target = self.root / f"{label}.sqlite"
            shutil.copyfile(template.database, target)
            return URL.create("sqlite+pysqlite", database=str(target))
        name = f"{self.prefix}_{label}"
        self._pg_exec(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"')
        self.created.append(name)
        return self.server.set(database=name)

    def drop(self, url: URL) -> None:
        if self.server is None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{url.database}{suffix}").unlink(missing_ok=True)
        else:
            self._pg_exec(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
            if url.database in self.created:
                self.created.remove(url.database)

    def drop_all(self) -> None:
        if self.server is not None:
            for name in list(self.created):
                self._pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _pg_exec(self, *statements: str) -> None:
        admin = make_engine(self.server.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                for statement in statements:
                    conn.execute(text(statement))
        finally:
            admin.dispose()


def _checkpoint(url: URL) -> None:
    """Fold the SQLite WAL into the main file so a plain file copy carries everything."""
    engine = make_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


@pytest.fixture(scope="session")
def backend() -> Iterator[Backend]:
    b = Backend(_SANDBOX)
    yield b
    b.drop_all()
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def schema_template(backend: Backend) -> URL:
    url = backend.new_url("template_schema")
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    _checkpoint(url)
    return url


@pytest.fixture(scope="session")
def demo_template(backend: Backend, schema_template: URL) -> URL:
    from db.demo import generate_demo

    url = backend.copy(schema_template, "template_demo")
    engine = make_engine(url)
    generate_demo(engine, cases=DEMO_CASES, seed=7, today=DEMO_TODAY)
    engine.dispose()
    _checkpoint(url)
    return url


def _database(backend: Backend, template: URL) -> Iterator[Database]:
    url = backend.copy(template, f"t{next(_counter)}")
    database = Database(make_engine(url))
    yield database
    database.dispose()
    backend.drop(url)


@pytest.fixture
def empty_db(backend: Backend, schema_template: URL) -> Iterator[Database]:
    """A migrated, empty database of its own."""
    yield from _database(backend, schema_template)


@pytest.fixture
def demo_db(backend: Backend, demo_template: URL) -> Iterator[Database]:
    """A copy of a small demo street (3000 cases, as of 2026-06-15)."""
    yield from _database(backend, demo_template)


@pytest.fixture
def blank_url(backend: Backend) -> Iterator[URL]:
    """An address for a database with nothing in it, not even a schema."""
    url = backend.new_url(f"blank{next(_counter)}")
    yield url
    backend.drop(url)


@pytest.fixture
def pg_url(backend: Backend) -> Iterator[URL]:
    """A fresh, empty PostgreSQL database; the test is skipped without a server."""
    if backend.server is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql://USER@HOST:PORT/DB")
    url = backend.new_url(f"pg{next(_counter)}")
    yield url
    backend.drop(url)


# --------------------------------------------------------------------------- Qt

# As in the app (desktop.app.collect_garbage_on_gui_thread): cycles are collected on the main
# thread only, never by a DB worker thread that happens to allocate, which would destroy Qt objects there.
gc.disable()


@pytest.fixture(autouse=True)
def _collect_on_main_thread():
    yield
    gc.collect()



@pytest.fixture(scope="session")
def sb_app(qapp):
    """The QApplication with StreetBoard's translators, fonts and theme installed."""
    from desktop.app.app import create_application

    return create_application()


@pytest.fixture(autouse=True)
def memory_keyring():
    """Signing keys (and remembered passwords) go to a keyring in memory, never the PC's own."""
    import keyring

    from tests.signing_helpers import MemoryKeyring

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def executor(sb_app, qtbot):
    from desktop.core.dbop import DbExecutor

    created = []

    def make(database: Database) -> DbExecutor:
        ex = DbExecutor(database)
        created.append(ex)
        return ex

    yield make
    for ex in created:
        ex.shutdown()


class GuiThreadDatabaseGuard:
    """Records every statement that screen code (desktop/, widgets/) sends to a database on the GUI
    thread. Start-up (opening the database before the window) and the CLI may; a test's own reads
    are not screen code. The innermost desktop/ or widgets/ frame of the call decides."""

    ROOT = Path(__file__).resolve().parent.parent
    SCREEN = (str(ROOT / "desktop") + os.sep, str(ROOT / "widgets") + os.sep)
    ALLOWED = (str(ROOT / "desktop" / "cli") + os.sep, str(ROOT / "desktop" / "app" / "gui.py"),
               str(ROOT / "desktop" / "app" / "login.py"), str(ROOT / "desktop" / "core" / "opening.py"))

    def __init__(self) -> None:
        self.seen: list[str] = []

    def before_cursor_execute(self, _conn, _cursor, statement, *_args) -> None:  # noqa: ANN001 - SQLAlchemy's
        if threading.current_thread() is not threading.main_thread():
            return
        frame = sys._getframe(1)
        while frame is not None and not frame.f_code.co_filename.startswith(self.SCREEN):
            frame = frame.f_back
        if frame is not None and not frame.f_code.co_filename.startswith(self.ALLOWED):
            where = f"{Path(frame.f_code.co_filename).relative_to(self.ROOT)}:{frame.f_code.co_name}"
            self.seen.append(f"{where}: {' '.join(statement.split())[:80]}")


@pytest.fixture(autouse=True)
def no_database_on_the_gui_thread(request) -> Iterator[GuiThreadDatabaseGuard]:
    """A GUI test (one with a QApplication) fails if screen code touched the database on the GUI thread."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    guard = GuiThreadDatabaseGuard()
    if not {"qtbot", "qapp", "sb_app"}.intersection(request.fixturenames):
        yield guard
        return
    event.listen(Engine, "before_cursor_execute", guard.before_cursor_execute)
    try:
        yield guard
    finally:
        event.remove(Engine, "before_cursor_execute", guard.before_cursor_execute)
    assert not guard.seen, "database access on the GUI thread:\n" + "\n".join(dict.fromkeys(guard.seen))


@pytest.fixture
def no_leaked_windows(sb_app):
    """Fail a test that leaves top-level widgets behind (napari's leak check, simplified)."""
    from PySide6.QtWidgets import QApplication

    before = set(map(id, QApplication.topLevelWidgets()))
    yield
    QApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before and w.isVisible()]
    assert not leaked, f"top-level widgets left open: {leaked}"
