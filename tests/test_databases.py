"""文件 → 打开数据库… / 连接服务器… / 新建数据库… / 备份…: the database chosen without a command line."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from db.core import migrate
from db.core.engine import make_engine
from desktop.app import databases, upgrade
from desktop.app.main_window import MainWindow


@pytest.fixture
def window(empty_db, executor, qtbot, monkeypatch):
    ex = executor(empty_db)
    win = MainWindow(ex)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not ex.busy, timeout=30_000)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))  # run_gui's loop is not running
    win.quits = quits
    yield win
    win.close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def migrated_file(path: Path, revision: str = "head") -> Path:
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, revision)
    engine.dispose()
    return path


def test_an_unreachable_server_keeps_the_database_open_and_says_one_sentence(window, qtbot):
    before = window.databases._executor.database
    dialog = window.databases.choose_server()
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(closed_port())
    dialog.user.setText("wangli")
    dialog.password.setText("secret")
    dialog.try_connect()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=15_000)
    sentence = dialog.message.text()
    assert sentence.startswith("无法连接数据库服务器") and sentence.count("。") <= 1
    assert "secret" not in sentence
    assert dialog.isVisible() and dialog.buttons.isEnabled()  # the user can correct the address
    assert window.isVisible() and window.databases.next_database is None and not window.quits
    assert window.databases._executor.database is before
    dialog.close()


def test_opening_a_file_switches_and_is_remembered_for_the_next_start(window, qtbot, tmp_path):
    other = migrated_file(tmp_path / "other.sqlite")
    window.databases.open_url(str(other))
    qtbot.waitUntil(lambda: window.databases.next_database is not None, timeout=15_000)
    chosen = window.databases.next_database
    try:
        assert chosen.engine.url.database == str(other)
        assert window.quits and not window.isVisible()
        assert databases.chosen_database() == str(other)
        assert QSettings().value(databases.CURRENT_KEY) == str(other)  # persisted, read back
        assert databases.recent_databases()[0] == str(other)
    finally:
        chosen.dispose()


def test_the_recent_list_keeps_the_last_ones_first_without_passwords(sb_app):
    from sqlalchemy import make_url

    for name in ("a", "b", "a"):
        databases.remember_database(make_url(f"sqlite:////data/{name}.sqlite"))
    databases.remember_database(make_url("postgresql+psycopg://wangli:secret@server:5432/street"), chosen=False)
    recent = databases.recent_databases()
    assert recent[:3] == ["postgresql+psycopg://wangli@server:5432/street", "/data/a.sqlite", "/data/b.sqlite"]
    assert all("secret" not in r for r in recent)
    assert QSettings().value(databases.CURRENT_KEY) == "/data/a.sqlite"  # only a choice is opened next time
    assert databases.chosen_database() is None  # that file is not there: the default file opens


def test_an_older_database_is_upgraded_only_after_asking(window, qtbot, tmp_path, monkeypatch):

    old = migrated_file(tmp_path / "old.sqlite", "0008")
    asked: list[str] = []
    monkeypatch.setattr(upgrade, "confirm_upgrade", lambda name, state, current, head: asked.append(state) or False)
    monkeypatch.setattr(window.databases, "_complain", lambda sentence: asked.append(sentence))
    window.databases.open_url(str(old))
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=15_000)
    assert asked[0] == "old" and "未打开" in asked[1]
    assert window.databases.next_database is None and not window.quits
    engine = make_engine(f"sqlite:///{old}")
    assert migrate.schema_status(engine).current == "0008"  # untouched
    engine.dispose()

    monkeypatch.setattr(upgrade, "confirm_upgrade", lambda *_args: True)
    window.databases.open_url(str(old))
    qtbot.waitUntil(lambda: window.databases.next_database is not None, timeout=60_000)
    window.databases.next_database.dispose()
    engine = make_engine(f"sqlite:///{old}")
    assert migrate.schema_status(engine).state == "current"
    engine.dispose()


def test_back_up_from_the_file_menu_and_the_daily_copy(window, qtbot, tmp_path, empty_db):
    if not empty_db.is_sqlite:
        pytest.skip("the SQLite copy")
    out = tmp_path / "copy.sqlite"
    window.databases.back_up_to(out)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().endswith(f"备份到 {out}。"), timeout=15_000)
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    conn.close()
    thread = databases.start_daily_backup(empty_db)
    thread.join(30)
    folder = databases.backup.daily_folder(Path(empty_db.engine.url.database))
    assert len(list(folder.glob("*.sqlite"))) == 1


def test_a_new_database_gets_the_tables_after_asking_and_an_existing_file_is_not_overwritten(
        window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog


    asked: list[str] = []
    monkeypatch.setattr(upgrade, "confirm_upgrade", lambda name, state, current, head: asked.append(state) or True)
    taken = migrated_file(tmp_path / "taken.sqlite")
    size = taken.stat().st_size
    complaints: list[str] = []
    monkeypatch.setattr(window.databases, "_complain", complaints.append)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(taken), ""))
    window.databases.create_file()
    assert complaints == [f"{taken} 已存在；请用“打开数据库…”打开它，或换一个文件名。"]
    assert taken.stat().st_size == size and window.databases.next_database is None

    fresh = tmp_path / "street.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(fresh), ""))
    window.databases.create_file()
    qtbot.waitUntil(lambda: window.databases.next_database is not None, timeout=60_000)
    window.databases.next_database.dispose()
    assert asked == ["empty"]
    engine = make_engine(f"sqlite:///{fresh}")
    assert migrate.schema_status(engine).state == "current"
    engine.dispose()
