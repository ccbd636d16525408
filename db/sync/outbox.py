"""The local outbox: edits made while the server is away, kept in order in a SQLite file.

Each entry is an :class:`db.sync.edits.Edit` — kind, record, the version it started from, the new
values — with the time it was made. :meth:`Outbox.replay` applies them in order, each in its own
transaction, when the server is back. Several offline edits of one record all started from the
version the person last saw; once the first is saved, the later ones are moved onto the version
that save produced (it was ours, so that is no conflict). An entry that meets someone else's newer
version stops the replay with :class:`db.core.versioning.ConflictError`; the entry stays first in line
until the person resolves it (:meth:`Outbox.resolve`).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs
from sqlalchemy.orm import Session

from db.core import clock
from db.sync.edits import Edit, apply_edit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entry (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    database TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT ''
)
"""


def default_path() -> Path:
    return Path(platformdirs.user_data_dir("StreetBoard", appauthor=False)) / "outbox.sqlite"


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    edit: Edit
    created_at: dt.datetime
    actor: str


class Outbox:
    """Ordered pending edits for one database (``database`` names it: the URL without password)."""

    def __init__(self, database: str, path: Path | None = None):
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.database = database
        self._lock = threading.Lock()
        with self._connect() as conn:
            conn.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    def add(self, edit: Edit, actor: str = "") -> int:
        payload = json.dumps({"values": edit.values, "base": edit.base, "action": edit.action,
                              "extra": edit.extra, "row_id": edit.row_id}, ensure_ascii=False, default=str)
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO entry (database, kind, record_key, payload, base_version, created_at, actor) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self.database, edit.kind, edit.key, payload, edit.base_version,
                 clock.source().isoformat(timespec="milliseconds"), actor),
            )
            return int(cur.lastrowid or 0)

    def entries(self) -> list[OutboxEntry]:
        with self._lock, self._connect() as conn:
            rows = conn.execute(
                "SELECT id, kind, payload, base_version, created_at, actor FROM entry "
                "WHERE database = ? ORDER BY id", (self.database,)
            ).fetchall()
        out = []
        for entry_id, kind, payload, base_version, created_at, actor in rows:
            data = json.loads(payload)
            edit = Edit(kind=kind, row_id=data["row_id"], base_version=base_version, values=data["values"],
                        base=data.get("base"), action=data.get("action"), extra=data.get("extra") or {})
            out.append(OutboxEntry(entry_id, edit, dt.datetime.fromisoformat(created_at), actor))
        return out

    def __len__(self) -> int:
        with self._lock, self._connect() as conn:
            return int(conn.execute("SELECT count(*) FROM entry WHERE database = ?", (self.database,)).fetchone()[0])

    def done(self, entry: OutboxEntry, new_version: int) -> None:
        """Forget a saved entry and move later edits of the same record onto the version it made."""
        with self._lock, self._connect() as conn:
            conn.execute("DELETE FROM entry WHERE id = ?", (entry.id,))
            conn.execute(
                "UPDATE entry SET base_version = ? WHERE database = ? AND record_key = ? AND base_version = ?",
                (new_version, self.database, entry.edit.key, entry.edit.base_version),
            )

    def discard(self, entry_id: int) -> None:
        with self._lock, self._connect() as conn:
            conn.execute("DELETE FROM entry WHERE id = ?", (entry_id,))

    def resolve(self, entry: OutboxEntry, edit: Edit | None) -> None:
        """After a conflict: replace the first entry by the person's choice (None: take theirs)."""
        if edit is None:
            self.discard(entry.id)
            return
        payload = json.dumps({"values": edit.values, "base": edit.base, "action": edit.action,
                              "extra": edit.extra, "row_id": edit.row_id}, ensure_ascii=False, default=str)
        with self._lock, self._connect() as conn:
            conn.execute("UPDATE entry SET payload = ?, base_version = ? WHERE id = ?",
                         (payload, edit.base_version, entry.id))
            # later offline edits of the record follow the choice
            conn.execute(
                "UPDATE entry SET base_version = ? WHERE database = ? AND record_key = ? AND id > ? "
                "AND base_version = ?",
                (edit.base_version, self.database, edit.key, entry.id, entry.edit.base_version),
            )

    def replay(self, run_in_transaction: Callable[[Callable[[Session], int]], int]) -> int:
        """Apply the entries in order; returns how many were saved.

        ``run_in_transaction(fn)`` runs ``fn(session)`` in one committed transaction and returns
        its result (the caller decides which session/actor). Raises what the first failing entry
        raised (``ConflictError``, a connection error …); that entry and the rest stay queued.
        """
        saved = 0
        while entries := self.entries():  # re-read: each save moves the later edits' base version
            entry = entries[0]
            edit = self.edit_for_replay(entry)
            new_version = run_in_transaction(lambda s, e=edit: apply_edit(s, e))
            self.done(entry, new_version)
            saved += 1
        return saved

    @staticmethod
    def edit_for_replay(entry: OutboxEntry) -> Edit:
        """The entry's edit, stamped with when it was made (a task's 反馈 keeps that time)."""
        stamp = entry.created_at.replace(microsecond=0).isoformat()
        return replace(entry.edit, extra={"at": stamp, **entry.edit.extra})
