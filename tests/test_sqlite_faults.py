"""The faults of a SQLite file in use, each in its own sentence and none losing anything: the file
locked by another program, a full disk, a read-only medium, the file deleted or moved while open."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import func, select

from db.core import engine as engine_module
from db.core import migrate
from db.core.engine import Database, DatabaseOpenError, make_engine
from db.schema.cases import GridCase, HandlingUnit
from desktop.core.messages import describe
from tests.test_case_import import template_rows, write_xlsx


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    path = tmp_path_factory.mktemp("faults") / "template.sqlite"
    engine = make_engine(str(path))
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def db_file(migrated, tmp_path):
    path = tmp_path / "street.sqlite"
    shutil.copy(migrated, path)
    return path


def _open(path_or_url) -> Database:
    return Database(make_engine(str(path_or_url), create=False))


def _add_unit(database: Database, name: str) -> None:
    with database.session.begin() as s:
        s.info["actor"] = "secretary"
        s.add(HandlingUnit(name=name))


def _units(path) -> list[str]:
    database = _open(path)
    try:
        with database.session() as s:
            return sorted(s.scalars(select(HandlingUnit.name)))
    finally:
        database.dispose()


def _refused(database: Database, name: str) -> DatabaseOpenError:
    with pytest.raises(DatabaseOpenError) as caught:
        _add_unit(database, name)
    return caught.value


# --------------------------------------------------------------------------- locked


def test_a_locked_file_names_who_holds_it_and_a_retry_saves(db_file, monkeypatch, sb_app):
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 200)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys
        conn = sqlite3.connect({str(db_file)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")  # another program's write lock
        print("holding", flush=True)
        sys.stdin.readline()
        conn.execute("ROLLBACK")
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        database = _open(db_file)
        error = _refused(database, "甲公司")
        assert error.reason == "locked"
        assert f"PID {holder.pid}" in error.detail
        sentence = describe(error)
        assert "正被另一个程序占用" in sentence and f"PID {holder.pid}" in sentence and "稍后重试" in sentence
        assert "连接" not in sentence  # not "the connection was lost, will be retried"
    finally:
        holder.communicate("\n", timeout=10)
    _add_unit(database, "甲公司")  # the retry, once the other program let go
    database.dispose()
    assert _units(db_file) == ["甲公司"]


# --------------------------------------------------------------------------- disk full


def _full_disk(monkeypatch, extra_pages: int = 0) -> None:
    """Every connection opened from now on may not grow the file (SQLITE_FULL, as on a full disk)."""
    pragmas = engine_module._sqlite_pragmas

    def and_full(dbapi_conn, record):
        pragmas(dbapi_conn, record)
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + extra_pages}")

    monkeypatch.setattr(engine_module, "_sqlite_pragmas", and_full)


def test_a_full_disk_writes_nothing_and_says_free_space_is_needed(db_file, monkeypatch, sb_app):
    _add_unit(_open(db_file), "已有单位")
    _full_disk(monkeypatch)
    database = _open(db_file)
    with pytest.raises(DatabaseOpenError) as caught, database.session.begin() as s:
        s.info["actor"] = "secretary"
        s.add_all(HandlingUnit(name=f"单位{i}" + "很长的名称" * 20) for i in range(600))
    database.dispose()
    assert caught.value.reason == "disk_full"
    sentence = describe(caught.value)
    assert "磁盘已满" in sentence and "腾出" in sentence and "没有写入" in sentence
    monkeypatch.undo()
    assert _units(db_file) == ["已有单位"]  # nothing of the failed write is there


def test_an_import_on_a_full_disk_is_one_sentence(db_file, monkeypatch, sb_app, capsys, tmp_path):
    from desktop import cli

    sheet = write_xlsx(tmp_path / "cases.xlsx", template_rows(1500))
    _full_disk(monkeypatch, extra_pages=2)
    status = cli.main(["import", "cases", str(sheet), "--db", str(db_file)])
    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err and "磁盘已满" in err
    monkeypatch.undo()
    database = _open(db_file)
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(GridCase)) == 0
    database.dispose()


# --------------------------------------------------------------------------- read-only


def test_a_file_opened_with_sqlite_read_only_flag_refuses_writes_in_one_sentence(db_file, sb_app):
    _add_unit(_open(db_file), "已有单位")
    database = _open(f"sqlite:///file:{db_file}?mode=ro&uri=true")
    assert database.read_only
    with database.session() as s:  # it reads
        assert s.scalar(select(func.count()).select_from(HandlingUnit)) == 1
    error = _refused(database, "乙公司")
    database.dispose()
    assert error.reason == "read_only"
    sentence = describe(error)
    assert "只读" in sentence and "复制" in sentence and "不存在" not in sentence
    assert _units(db_file) == ["已有单位"]


def test_a_file_this_user_cannot_write_is_opened_read_only(db_file, monkeypatch, sb_app):
    # root may write a 0444 file anyway: os.access is what says a medium or a file is not ours to write
    real_access = os.access
    monkeypatch.setattr(engine_module.os, "access",
                        lambda p, mode: False if mode == os.W_OK and str(p).startswith(str(db_file.parent))
                        else real_access(p, mode))
    db_file.chmod(0o444)
    database = _open(db_file)
    try:
        assert database.read_only
        with database.session() as s:
            assert s.scalar(select(func.count()).select_from(HandlingUnit)) == 0
        assert _refused(database, "乙公司").reason == "read_only"
    finally:
        database.dispose()
        db_file.chmod(0o644)
    monkeypatch.undo()
    assert _units(db_file) == []


# --------------------------------------------------------------------------- deleted or moved


@pytest.mark.parametrize("how", ["deleted", "moved", "replaced"])
def test_a_file_deleted_or_moved_while_open_refuses_every_later_write(db_file, how, sb_app):
    database = _open(db_file)
    _add_unit(database, "之前的单位")
    moved = db_file.with_name("moved.sqlite")
    files = [(db_file.with_name(db_file.name + tail), moved.with_name(moved.name + tail)) for tail in ("", "-wal", "-shm")]
    for path, new_path in files:  # the file and its journal, as moving their folder would
        if how == "deleted":
            path.unlink(missing_ok=True)
        elif path.exists():
            os.rename(path, new_path)
    if how == "replaced":  # another file now stands at the path (a copy put back, a sync tool)
        shutil.copy(moved, db_file)
    for name in ("之后的单位", "再之后的单位"):  # not only the first: every later write
        error = _refused(database, name)
        assert error.reason == "file_gone"
    database.dispose()
    sentence = describe(error)
    assert "被删除或移动" in sentence and "重新打开" in sentence
    if how != "deleted":
        assert _units(moved) == ["之前的单位"]  # the refused writes went nowhere


def test_a_read_only_database_shows_a_banner_and_refuses_a_write_in_the_status_bar(db_file, executor, qtbot,
                                                                                 no_leaked_windows):
    from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar

    from desktop.core.dbop import DbWrite
    from desktop.sync.live import MultiPc

    database = _open(f"sqlite:///file:{db_file}?mode=ro&uri=true")
    ex = executor(database)
    window = QMainWindow()
    qtbot.addWidget(window)
    multipc = MultiPc(ex, window)
    window.resize(1366, 768)
    window.show()
    banner = window.findChild(QToolBar, "readOnlyBanner")
    assert banner is not None and banner.isVisible()
    assert "只读" in banner.findChild(QLabel, "readOnlyText").text()
    DbWrite(window, lambda s: s.add(HandlingUnit(name="丙部门"))).run(ex)
    ex.wait_idle()
    assert "只读" in window.statusBar().currentMessage()
    multipc.stop()
    window.close()
    database.dispose()
    assert _units(db_file) == []


def test_a_writable_database_has_no_banner(db_file, executor, qtbot, no_leaked_windows):
    from PySide6.QtWidgets import QMainWindow, QToolBar

    from desktop.sync.live import MultiPc

    database = _open(db_file)
    ex = executor(database)
    window = QMainWindow()
    qtbot.addWidget(window)
    multipc = MultiPc(ex, window)
    assert window.findChild(QToolBar, "readOnlyBanner") is None
    multipc.stop()
    database.dispose()
