"""Local drafts of the minutes being typed: one small JSON file per meeting item.

The meeting room writes a draft at most ~2 s after the last keystroke (the editor's idle signal)
and removes it once the database holds the same text; on opening a meeting it offers back the
drafts whose text differs from the database. Crash recovery (issue 6) reuses this module.

    store = DraftStore.for_database("PostgreSQL · host/db")
    store.save(meeting_id, item_id, text, base_version)   # atomic: temp file + os.replace
    store.drafts(meeting_id) -> list[Draft]               # oldest first
    store.settle(meeting_id, item_id, db_text)            # remove if the database has caught up
    store.discard(meeting_id, item_id)

Files live in ``<user data dir>/drafts/<database key>/meeting-<id>/item-<id>.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication

from db.core import clock


@dataclass(frozen=True)
class Draft:
    meeting_id: int
    item_id: int
    text: str
    base_version: int  # the item's version the text was typed on
    saved_at: dt.datetime


def default_root() -> Path:
    """The drafts folder in the user data dir of the running application (named at start-up)."""
    return Path(platformdirs.user_data_dir(QCoreApplication.applicationName(), appauthor=False)) / "drafts"


class DraftStore:
    """Drafts of one database (so two databases with the same meeting ids never mix)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    @classmethod
    def for_database(cls, database_name: str, root: Path | None = None) -> DraftStore:
        key = hashlib.sha256(database_name.encode("utf-8")).hexdigest()[:16]
        return cls((root or default_root()) / key)

    def path(self, meeting_id: int, item_id: int) -> Path:
        return self.root / f"meeting-{int(meeting_id)}" / f"item-{int(item_id)}.json"

    def save(self, meeting_id: int, item_id: int, text: str, base_version: int) -> Path:
        target = self.path(meeting_id, item_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = {"meeting_id": meeting_id, "item_id": item_id, "text": text, "base_version": base_version,
                   "saved_at": clock.now().isoformat(timespec="seconds")}
        fd, tmp = tempfile.mkstemp(prefix=".item-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    def drafts(self, meeting_id: int) -> list[Draft]:
        folder = self.root / f"meeting-{int(meeting_id)}"
        out = []
        for file in sorted(folder.glob("item-*.json")):
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
                out.append(Draft(int(data["meeting_id"]), int(data["item_id"]), str(data["text"]),
                                 int(data["base_version"]), dt.datetime.fromisoformat(data["saved_at"])))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a damaged draft is skipped, never fatal
        return sorted(out, key=lambda d: d.saved_at)

    def discard(self, meeting_id: int, item_id: int) -> None:
        self.path(meeting_id, item_id).unlink(missing_ok=True)

    def settle(self, meeting_id: int, item_id: int, db_text: str) -> bool:
        """Remove the draft if the database now holds the same text; returns whether it did."""
        target = self.path(meeting_id, item_id)
        try:
            data = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if data.get("text") == db_text:
            target.unlink(missing_ok=True)
            return True
        return False
