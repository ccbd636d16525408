"""Backing up and restoring a whole database.

SQLite goes through the online backup API (``sqlite3.Connection.backup``): it reads the pages as a
reader would, so the saves still waiting in the write-ahead log are in the copy — a plain copy of
an open WAL database's main file silently misses them. PostgreSQL goes through ``pg_dump`` (custom
format) and ``pg_restore``, the server's own client tools, when they are installed.

A restore goes only into an empty database (no tables at all): it never mixes two streets or
overwrites one. :func:`daily_backup` keeps one copy a day next to a single-PC SQLite file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, inspect
from sqlalchemy.engine import Engine

from db.core.engine import sqlite_file
from db.core.files import save_atomically

KEEP_DAILY = 14
#: the table every StreetBoard schema has (Alembic's)
MARKER_TABLE = "alembic_version"


class BackupError(Exception):
    """A backup or restore that cannot be done; ``code`` is stable, ``details`` name what."""

    def __init__(self, code: str, **details: str):
        super().__init__(code, details)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int


def backup(engine: Engine, out: Path) -> BackupResult:
    """Write a complete copy of the database to ``out`` (replaced only when the copy is whole)."""
    out = Path(out)
    path = sqlite_file(engine.url)
    if engine.dialect.name == "sqlite":
        if path is None:
            raise BackupError("no_file")
        save_atomically(out, lambda tmp: _sqlite_copy(path, Path(tmp)))
    else:
        tool = _tool("pg_dump")
        save_atomically(out, lambda tmp: _run([tool, "--format=custom", "--no-owner", "--no-privileges",
                                               "--file", tmp], engine.url))
    return BackupResult(out, out.stat().st_size)


def restore(engine: Engine, source: Path) -> None:
    """Load a backup into an empty database; a database that holds any table is refused untouched."""
    source = Path(source)
    if not source.is_file():
        raise BackupError("no_backup", file=str(source))
    if not is_empty(engine):
        raise BackupError("not_empty")
    if engine.dialect.name == "sqlite":
        path = sqlite_file(engine.url)
        if path is None:
            raise BackupError("no_file")
        if not _is_streetboard_sqlite(source):
            raise BackupError("not_a_backup", file=str(source))
        engine.dispose()  # no pooled connection of ours holds the file while it is replaced
        _sqlite_copy(source, path)
        return
    if not _is_pg_dump(source):
        raise BackupError("not_a_backup", file=str(source))
    tool = _tool("pg_restore")
    _run([tool, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
          f"--dbname={engine.url.database}", str(source)], engine.url)


def is_empty(engine: Engine) -> bool:
    """True when the database has no table at all (a new file, a new PostgreSQL database)."""
    if engine.dialect.name == "sqlite":
        path = sqlite_file(engine.url)
        if path is not None and (not path.exists() or path.stat().st_size == 0):
            return True
    with engine.connect() as conn:
        return not inspect(conn).get_table_names()


def daily_backup(database_file: Path, today: dt.date, keep: int = KEEP_DAILY) -> Path | None:
    """Today's copy of a SQLite file in ``NAME-backups`` beside it, keeping the last ``keep``.

    Returns the new copy, or None when today's copy is already there.
    """
    database_file = Path(database_file)
    folder = daily_folder(database_file)
    folder.mkdir(exist_ok=True)
    target = folder / f"{database_file.stem}-{today:%Y-%m-%d}.sqlite"
    made = None
    if not target.exists():
        save_atomically(target, lambda tmp: _sqlite_copy(database_file, Path(tmp)))
        made = target
    copies = sorted(folder.glob(f"{database_file.stem}-????-??-??.sqlite"))
    for old in copies[:-keep] if keep > 0 else copies:
        old.unlink()
    return made


def daily_folder(database_file: Path) -> Path:
    return Path(database_file).with_name(f"{Path(database_file).stem}-backups")


# ---------------------------------------------------------------------------- SQLite


def _sqlite_copy(source: Path, target: Path) -> None:
    """Page by page through the online backup API, the source open as an ordinary reader."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError("not_a_backup", file=str(source)) from exc
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError("not_a_backup", file=str(source)) from exc
    finally:
        src.close()


def _is_streetboard_sqlite(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?",
                           (MARKER_TABLE,)).fetchone()
        return bool(row and row[0])
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


# ---------------------------------------------------------------------------- PostgreSQL


def _is_pg_dump(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(5) == b"PGDMP"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError("tool_missing", tool=name)
    return found


def _run(args: list[str], url: URL) -> None:
    """Run a PostgreSQL client tool against ``url``; the password goes by environment, never argv."""
    env = dict(os.environ)
    for key, value in (("PGHOST", url.host), ("PGPORT", url.port), ("PGUSER", url.username),
                       ("PGPASSWORD", url.password), ("PGDATABASE", url.database)):
        if value is not None:
            env[key] = str(value)
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise BackupError("tool_failed", tool=Path(args[0]).name, reason=lines[-1] if lines else "")
