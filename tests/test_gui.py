"""The main window, the pages, the background-operation helper and the snapshot renderer."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import func, select

from db import overview as queries
from db.schema.resolutions import Resolution
from db.schema.street import StreetOffice
from db.schema.units import ResidentUnit
from desktop.app.main_window import MainWindow
from desktop.core.dbop import DbOp, DbWrite
from desktop.core.formatting import format_count, format_percent

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def window(demo_db, executor, qtbot, no_leaked_windows):
    ex = executor(demo_db)
    win = MainWindow(ex)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not ex.busy, timeout=30_000)
    yield win
    win.close()


def test_navigation_is_in_chinese_and_status_bar_names_the_database(window, demo_db):
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels == ["工作概览", "网格事件", "驻区单位", "四联四定", "会议", "决议督办", "操作记录", "基础信息"]
    assert demo_db.name in window.database_label.text()
    assert window.database_label.text().startswith("数据库：")


def test_overview_tiles_show_the_sql_figures(window, demo_db):
    page = window.pages["overview"]
    with demo_db.session() as s:
        k = queries.overview_kpis(s)
    assert page.tiles["open_cases"].value_text() == format_count(k.open_cases)
    assert page.tiles["overdue_cases"].value_text() == format_count(k.overdue_cases)
    assert page.tiles["on_time_rate"].value_text() == format_percent(k.on_time_rate)
    assert page.tiles["open_resolutions"].value_text() == format_count(k.open_resolutions)
    assert page.tiles["attendance_rate"].value_text() == format_percent(k.attendance_rate)
    assert page.tiles["agreement_items"].value_text() == (
        f"{format_count(k.agreement_items_done)} / {format_count(k.agreement_items_total)}")
    assert k.open_cases > 0 and k.agreement_items_total > 0  # the demo has real figures to show
    assert page.tiles["open_cases"].note_text() == f"其中超期 {k.overdue_cases} 件"


def test_clicking_a_tile_opens_its_page_with_real_counts(window, qtbot, demo_db, qtmodeltester):
    page = window.pages["overview"]
    with qtbot.waitSignal(window.pages["resolutions"].loaded, timeout=30_000):
        qtbot.mouseClick(page.tiles["open_resolutions"], Qt.MouseButton.LeftButton)
    assert window.current_page().key == "resolutions"
    with demo_db.session() as s:
        total = s.scalar(select(func.count()).select_from(Resolution))
    ledger = window.pages["resolutions"].model
    shown = sum(ledger.record(r).kind == "resolution" for r in range(ledger.rowCount()))
    qtmodeltester.check(ledger)
    assert shown == total > 0


def test_a_write_refreshes_the_pages_that_show_it(window, qtbot):
    units = window.pages["units"]
    window.show_page("units")
    qtbot.waitUntil(lambda: units.roster_model.rowCount() > 0, timeout=30_000)
    before = units.roster_model.rowCount()

    def add_unit(session):
        office = session.query(StreetOffice).first()
        session.add(ResidentUnit(street_id=office.id, name="新入驻的科技公司", kind="company"))

    with qtbot.waitSignal(units.loaded, timeout=30_000):
        DbWrite(window, add_unit).run()
    assert units.roster_model.rowCount() == before + 1
    assert "新入驻的科技公司" in {r.name for r in units.roster_model.rows()}


def test_dbop_failure_reaches_the_failure_callback_and_rolls_back(window, qtbot, demo_db):
    errors: list[Exception] = []

    def broken(session):
        office = session.query(StreetOffice).first()
        office.name = "不应保存的名字"
        session.flush()
        raise RuntimeError("boom")

    op = DbOp(window, broken).failure(errors.append)
    op.run()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert str(errors[0]) == "boom"
    with demo_db.session() as s:
        assert s.query(StreetOffice).first().name != "不应保存的名字"


def test_dbop_callbacks_are_dropped_when_the_parent_is_gone(demo_db, executor, qtbot, sb_app):
    from PySide6.QtWidgets import QWidget

    ex = executor(demo_db)
    host = QWidget()
    results: list[object] = []
    DbOp(host, lambda s: 42).success(results.append).run(ex)
    host.deleteLater()
    qtbot.wait(10)
    ex.wait_idle()
    qtbot.wait(50)
    assert results == []


def test_geometry_and_page_are_kept_between_runs(demo_db, executor, qtbot, no_leaked_windows):
    ex = executor(demo_db)
    first = MainWindow(ex)
    qtbot.addWidget(first)
    first.show()
    first.resize(1111, 700)
    first.show_page("meetings")
    first.close()
    assert QSettings().value("main_window/page") == "meetings"
    second = MainWindow(ex)
    qtbot.addWidget(second)
    assert second.current_page().key == "meetings"
    assert second.width() == 1111
    qtbot.waitUntil(lambda: not ex.busy, timeout=30_000)
    second.close()


def test_snapshot_renders_the_overview(demo_db, executor, tmp_path, sb_app):
    from PySide6.QtCore import QSize

    from desktop.app import snapshot

    image = snapshot.render("overview", executor(demo_db), QSize(1366, 768))
    assert (image.width(), image.height()) == (1366, 768)
    colours = {image.pixel(x, y) for x in range(0, 1366, 7) for y in range(0, 768, 7)}
    assert len(colours) > 10  # tiles and text, not a blank canvas
    snapshot.save(image, tmp_path / "overview.png")
    assert (tmp_path / "overview.png").stat().st_size > 10_000


def test_chinese_renders_with_no_system_cjk_font(tmp_path):
    """With fontconfig seeing no fonts at all, the bundled subset still provides the Chinese glyphs."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    code = (
        "from desktop.app.app import create_application\n"
        "from PySide6.QtGui import QFontDatabase, QFontMetrics\n"
        "from PySide6.QtGui import QFont\n"
        "app = create_application(offscreen=True)\n"
        "cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)\n"
        "assert sorted(cjk) == ['StreetBoard Sans SC', 'StreetBoard Serif SC'], cjk\n"
        "assert 'StreetBoard Sans SC' in app.font().families(), app.font().families()\n"
        "m = QFontMetrics(QFont('StreetBoard Sans SC'))\n"
        "assert all(m.inFontUcs4(ord(c)) for c in '街道大工委议事看板未办结事件按期办结率'), 'glyphs missing'\n"
        "print('ok')\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr


def test_demo_copy_is_a_throwaway_copy_of_a_cached_street(sb_app, monkeypatch):
    from sqlalchemy import create_engine, func, select

    from db.schema.cases import GridCase
    from desktop.app import gui

    monkeypatch.setattr(gui, "DEMO_CASES", 500)
    first = gui.demo_copy()
    second = gui.demo_copy()
    assert first != second and Path(first).exists() and Path(second).exists()
    template = gui.demo_template_path(dt.date.today())
    assert template.exists()
    engine = create_engine(f"sqlite:///{first}")
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(GridCase)) == 500
    engine.dispose()
    sb_app.aboutToQuit.emit()  # what closing the app does: the copies go away
    assert not Path(first).exists() and not Path(second).exists()
