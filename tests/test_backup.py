"""Backup and restore: a whole street round-trips; a non-empty target is refused; the WAL's saves are in it."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

import db.schema  # noqa: F401 - the whole metadata
from db.core import backup
from db.core.base import Base
from db.core.engine import make_engine
from db.schema.pairings import PairingLabel
from tests.test_cli import assert_one_sentence, run_cli


def counts(url) -> dict[str, int]:  # noqa: ANN001 - a URL
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            found = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in Base.metadata.sorted_tables}
            found["alembic_version"] = conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one()
            return found
    finally:
        engine.dispose()


def as_text(url) -> str:  # noqa: ANN001
    return url.render_as_string(hide_password=False)


def test_backup_then_restore_gives_the_same_street(demo_db, blank_url, tmp_path):
    source = demo_db.engine.url
    demo_db.dispose()
    out = tmp_path / "street.backup"
    made = run_cli("backup", "--out", str(out), "--db", as_text(source))
    assert made.returncode == 0, made.stderr
    assert out.stat().st_size > 0
    restored = run_cli("restore", str(out), "--db", as_text(blank_url))
    assert restored.returncode == 0, restored.stderr
    before, after = counts(source), counts(blank_url)
    assert after == before
    assert before["grid_case"] > 0 and before["meeting"] > 0
    verify_before = run_cli("verify", "--db", as_text(source))
    verify_after = run_cli("verify", "--db", as_text(blank_url))
    assert verify_before.returncode == verify_after.returncode == 0, verify_after.stderr
    assert verify_after.stdout == verify_before.stdout
    assert "已核验" in verify_after.stdout + verify_after.stderr


def test_restore_into_a_database_with_tables_is_refused_and_changes_nothing(demo_db, empty_db, tmp_path):
    out = tmp_path / "street.backup"
    backup.backup(demo_db.engine, out)
    target = empty_db.engine.url
    empty_db.dispose()
    before = counts(target)
    assert_one_sentence(run_cli("restore", str(out), "--db", as_text(target)), "空数据库", "未做任何更改")
    assert counts(target) == before
    engine = make_engine(target)
    try:
        with pytest.raises(backup.BackupError) as caught:
            backup.restore(engine, out)
    finally:
        engine.dispose()
    assert caught.value.code == "not_empty"


def test_a_file_that_is_not_a_backup_is_refused(blank_url, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database", encoding="utf-8")
    assert_one_sentence(run_cli("restore", str(junk), "--db", as_text(blank_url)), "不是 StreetBoard 备份")
    engine = make_engine(blank_url)
    try:
        assert backup.is_empty(engine)
    finally:
        engine.dispose()


def test_a_save_still_in_the_wal_is_in_the_online_backup(empty_db, tmp_path):
    """A plain copy of the main file of an open WAL database misses the last save; the backup has it."""
    if not empty_db.is_sqlite:
        pytest.skip("the write-ahead log is SQLite's")
    with Session(empty_db.engine) as session, session.begin():
        session.add(PairingLabel(kind="link", position=1, name="联组织"))
    wal = Path(f"{empty_db.engine.url.database}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the save is in the log, the connection still open

    plain = tmp_path / "plain.sqlite"
    shutil.copyfile(empty_db.engine.url.database, plain)
    online = tmp_path / "online.sqlite"
    backup.backup(empty_db.engine, online)

    def labels(path: Path) -> list[str]:
        conn = sqlite3.connect(path)
        try:
            return [row[0] for row in conn.execute("SELECT name FROM pairing_label")]
        finally:
            conn.close()

    assert labels(plain) == []  # what a file copy would have kept
    assert labels(online) == ["联组织"]
    assert not Path(f"{online}-wal").exists()  # one self-contained file


def test_daily_backup_keeps_the_last_fourteen(empty_db):
    if not empty_db.is_sqlite:
        pytest.skip("the daily copy is for a single-PC SQLite file")
    path = Path(empty_db.engine.url.database)
    first = dt.date(2026, 11, 1)
    for day in range(20):
        made = backup.daily_backup(path, first + dt.timedelta(days=day))
        assert made is not None and made.exists()
    assert backup.daily_backup(path, first + dt.timedelta(days=19)) is None  # today's copy is there already
    kept = sorted(p.name for p in backup.daily_folder(path).iterdir())
    assert len(kept) == 14
    assert kept[0] == f"{path.stem}-2026-11-07.sqlite"
    assert kept[-1] == f"{path.stem}-2026-11-20.sqlite"
    assert counts(f"sqlite:///{backup.daily_folder(path) / kept[-1]}") == counts(empty_db.engine.url)


def test_without_pg_dump_one_sentence_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    engine = make_engine("postgresql://someone@127.0.0.1:1/street")
    with pytest.raises(backup.BackupError) as caught:
        backup.backup(engine, tmp_path / "x.backup")
    assert caught.value.code == "tool_missing" and caught.value.details == {"tool": "pg_dump"}
    assert not (tmp_path / "x.backup").exists()
    from desktop.core import backup_texts  # noqa: F401 - registers the backup sentences
    from desktop.core.messages import describe

    assert "postgresql-client" in describe(caught.value)
