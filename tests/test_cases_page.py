"""The Cases page: filter bar → tiles, charts and list; drill-down; detail panel; exports; laziness."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from db.cases import queries as cases
from db.cases.queries import CaseFilter
from db.schema.cases import GridCase
from db.schema.street import Community
from desktop.cases.case_list import case_columns, export_cases_xlsx
from desktop.cases.page import CasesPage
from desktop.core.dbop import DbExecutor
from desktop.core.formatting import format_count, format_percent
from desktop.core.messages import describe


@pytest.fixture
def page(demo_db, executor, qtbot, no_leaked_windows):
    executor(demo_db)
    p = CasesPage()
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=30_000):
        p.refresh()
    yield p
    p.close()


def _dashboard(demo_db, f: CaseFilter) -> cases.Dashboard:
    with demo_db.session() as s:
        return cases.backlog_dashboard(s, f)


def _list_ids(demo_db, f: CaseFilter) -> list[int]:
    with demo_db.session() as s:
        return cases.case_ids(s, f).tolist()


def _all_records(model, qtbot) -> list:
    """Every row of a lazy list, once the worker has brought them all."""
    qtbot.waitUntil(lambda: all(model.record(r) is not None for r in range(model.rowCount())), timeout=30_000)
    return [model.record(r) for r in range(model.rowCount())]


def _sheet_rows(path) -> list[tuple]:
    book = load_workbook(path, read_only=True)
    try:
        return list(book.active.iter_rows(values_only=True))
    finally:
        book.close()


def _open_case_in(demo_db, state: str) -> int:
    with demo_db.session() as s:
        return s.scalar(select(GridCase.id).where(GridCase.state == state).order_by(GridCase.id).limit(1))


def test_page_shows_the_db_figures_and_every_model_passes_the_tester(page, demo_db, qtmodeltester):
    d = _dashboard(demo_db, CaseFilter())
    assert page.tiles["open"].value_text() == format_count(d.kpis.open)
    assert page.tiles["overdue"].value_text() == format_count(d.kpis.overdue)
    assert page.tiles["on_time"].value_text() == format_percent(d.kpis.closure.on_time_rate)
    assert page.tiles["satisfaction"].value_text() == format_percent(d.kpis.closure.satisfaction_rate)
    assert d.kpis.closure.closed > 0 and page.tiles["median"].value_text().endswith("天")
    assert page.state_chart.values() == [n for _s, n in d.open.by_state]
    assert page.age_chart.values() == [n for _b, n in d.open.ageing]
    assert page.weekly_chart.series()[2] == [p.backlog for p in d.weekly]
    assert page.case_list.model.rowCount() == len(_list_ids(demo_db, CaseFilter())) > 1000
    assert page.scorecard_model.rowCount() > 5
    qtmodeltester.check(page.case_list.model)
    qtmodeltester.check(page.scorecard_model)
    qtmodeltester.check(page.scorecard_proxy)
    qtmodeltester.check(page.detail.timeline_model)


def test_filter_bar_drives_tiles_charts_and_list(page, demo_db, qtbot):
    with demo_db.session() as s:
        community, name = s.execute(select(Community.id, Community.name).order_by(Community.id.desc())).first()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.filter_bar.set_value("community", community)
        page.filter_bar.set_value("supervised", True)  # two changes, one reload (coalesced)
    f = CaseFilter(community_ids=(community,), supervised_only=True)
    assert page.filter == f
    d = _dashboard(demo_db, f)
    assert page.tiles["open"].value_text() == format_count(d.kpis.open)
    assert page.tiles["on_time"].value_text() == format_percent(d.kpis.closure.on_time_rate)
    assert page.community_chart.keys() == [community]
    assert page.weekly_chart.series()[0] == [p.opened for p in d.weekly]
    assert page.case_list.model.ids().tolist() == _list_ids(demo_db, f)
    assert {r.community for r in _all_records(page.case_list.model, qtbot)} == {name}


def test_clicking_a_bar_or_a_tile_filters_the_list(page, demo_db, qtbot):
    state = next(s for s, n in page.dashboard.open.by_state if n)
    page.state_chart.click_bar(state)
    expected = _list_ids(demo_db, CaseFilter(states=(state,), focus="open"))
    qtbot.waitUntil(lambda: page.case_list.model.ids().tolist() == expected, timeout=30_000)
    assert page.tabs.currentIndex() == 1 and page.clear_drill.isVisible()
    qtbot.mouseClick(page.tiles["overdue"], Qt.MouseButton.LeftButton)
    overdue = _list_ids(demo_db, CaseFilter(focus="overdue"))
    qtbot.waitUntil(lambda: page.case_list.model.ids().tolist() == overdue, timeout=30_000)
    assert len(overdue) == page.dashboard.kpis.overdue
    page.search.setText(page.case_list.model.record(0).case_number if overdue else "无此编号")
    qtbot.waitUntil(lambda: page.case_list.model.rowCount() == (1 if overdue else 0), timeout=30_000)


def test_detail_panel_transitions_through_db_and_illegal_ones_are_refused(page, demo_db, qtbot):
    panel = page.detail
    cid = _open_case_in(demo_db, "IN_PROGRESS")
    panel.load(cid)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.row.id == cid, timeout=30_000)
    assert set(panel.action_buttons) == {t.action for t in panel.detail.transitions} >= {"hold", "report_done"}
    assert panel.timeline_model.rows() == list(panel.detail.events) and panel.timeline_model.rowCount() > 0
    version = panel.detail.version
    panel.action_buttons["hold"].click()  # no reason given: db/ refuses
    qtbot.waitUntil(lambda: "原因" in panel.message.text(), timeout=30_000)
    panel.reason.setText("等待施工许可")
    panel.action_buttons["hold"].click()
    qtbot.waitUntil(lambda: panel.detail.row.state == "ON_HOLD", timeout=30_000)
    timeline = panel.timeline_model
    assert panel.detail.version == version + 1 and timeline.index(timeline.rowCount() - 1, 2).data() == "挂账"
    assert "check_pass" not in panel.action_buttons
    panel.apply("check_pass")  # as a stale screen would: db/ refuses it
    qtbot.waitUntil(lambda: "不允许" in panel.message.text(), timeout=30_000)
    with demo_db.session() as s:
        assert s.get(GridCase, cid).state == "ON_HOLD"


def test_stale_edit_says_so_and_reloads(page, demo_db, qtbot):
    panel = page.detail
    cid = _open_case_in(demo_db, "IN_PROGRESS")
    panel.load(cid)
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=30_000)
    with demo_db.session.begin() as s:  # another PC saves first
        s.execute(update(GridCase).where(GridCase.id == cid).values(title="别处改过", version=GridCase.version + 1))
    panel.supervise.click()
    qtbot.waitUntil(lambda: "他人修改" in panel.message.text(), timeout=30_000)
    qtbot.waitUntil(lambda: panel.detail.row.title == "别处改过", timeout=30_000)
    with demo_db.session() as s:
        assert s.get(GridCase, cid).supervised is False


def test_supervise_and_propose_from_the_panel(page, demo_db, qtbot):
    panel = page.detail
    cid = _open_case_in(demo_db, "IN_PROGRESS")
    panel.load(cid)
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=30_000)
    panel.supervise.click()
    qtbot.waitUntil(lambda: panel.detail.row.supervised, timeout=30_000)
    panel.propose.click()
    qtbot.waitUntil(lambda: panel.detail.proposals == 1, timeout=30_000)
    assert "议题" in panel.message.text()
    assert [e.action for e in panel.detail.events[-2:]] == ["supervise", "propose"]


def test_the_list_stays_lazy(page, qtbot):
    model, table = page.case_list.model, page.case_list.table
    page.tabs.setCurrentIndex(1)
    total = model.rowCount()
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.record(total - 1) is not None, timeout=30_000)  # the rows a paint asks for
    table.scrollTo(model.index(total // 2, 0))
    qtbot.waitUntil(lambda: model.record(total // 2) is not None, timeout=30_000)
    assert 0 < model.fetched_rows <= 5 * 100 < total / 5


def test_sorting_is_a_new_query(page, demo_db, qtbot):
    model, table = page.case_list.model, page.case_list.table
    page.tabs.setCurrentIndex(1)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the case number
    with demo_db.session() as s:
        expected = cases.case_ids(s, CaseFilter(), "case_number", False).tolist()
    qtbot.waitUntil(lambda: model.ids().tolist() == expected, timeout=30_000)
    assert page.list_sort == ("case_number", False)
    numbers = [model.record(r).case_number for r in range(20)]
    assert numbers == sorted(numbers)
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # the source: not sortable, nothing asked
    header = table.horizontalHeader()
    assert page.list_sort == ("case_number", False)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.AscendingOrder)


def _visible_rows(table) -> range:
    top = table.rowAt(0)
    bottom = table.rowAt(table.viewport().height() - 1)
    return range(top, (bottom if bottom >= 0 else table.model().rowCount() - 1) + 1)


def test_rows_come_through_the_worker_and_a_failing_server_costs_one_sentence(page, qtbot, monkeypatch):
    """The hung server of issue 9: the list asks the worker for rows; a read that fails leaves
    placeholders and one sentence in the status label, and nothing escapes into Qt."""
    model, table = page.case_list.model, page.case_list.table
    page.tabs.setCurrentIndex(1)
    asked: list[tuple[bool, int]] = []

    lost = OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))

    def hung(_session, ids):
        asked.append((threading.current_thread() is threading.main_thread(), len(ids)))
        raise lost

    monkeypatch.setattr(cases, "case_rows", hung)
    middle = model.rowCount() // 2
    table.scrollTo(model.index(middle, 0))
    qtbot.waitUntil(lambda: bool(asked) and not model.is_pending(middle), timeout=30_000)
    rows = _visible_rows(table)
    assert middle in rows and asked and not any(on_gui for on_gui, _n in asked)
    assert [model.index(r, 0).data() for r in rows] == ["…"] * len(rows)
    assert all(model.index(r, 1).data() is None for r in rows)
    assert page.status.text() == describe(lost) and "连接" in page.status.text()
    count = len(asked)
    table.viewport().repaint()
    table.scrollTo(model.index(middle + 1, 0))
    qtbot.wait(50)
    assert len(asked) == count  # a failed batch is not asked for again at once: a hung server is not flooded

    monkeypatch.setattr(DbExecutor.current, "online", False)
    model.retry_seconds = 0
    table.scrollTo(model.index(middle + 300, 0))
    qtbot.wait(50)
    assert len(asked) == count and "离线" in page.status.text()  # offline: nothing is read at all

    monkeypatch.undo()
    model.retry_seconds = 0
    table.viewport().repaint()
    qtbot.waitUntil(lambda: model.record(middle + 300) is not None, timeout=30_000)
    assert page.status.text() == ""


def test_exports_write_png_and_xlsx(page, demo_db, qtbot, tmp_path):
    png = tmp_path / "cases.png"
    assert page.export_png(png) and png.stat().st_size > 10_000
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.filter_bar.set_value("supervised", True)
    xlsx = tmp_path / "cases.xlsx"
    page.export_list(xlsx)
    qtbot.waitUntil(lambda: xlsx.exists() and "已导出" in page.status.text(), timeout=60_000)
    rows = _sheet_rows(xlsx)
    assert rows[0][0] == "事件编号" and len(rows) - 1 == len(_list_ids(demo_db, CaseFilter(supervised_only=True)))
    card = tmp_path / "scorecard.xlsx"
    page.export_scorecard(card)
    qtbot.waitUntil(lambda: card.exists() and "已保存" in page.status.text(), timeout=60_000)
    sheet = _sheet_rows(card)
    assert sheet[0][0] == "处置部门" and len(sheet) - 1 == page.scorecard_model.rowCount()


def test_a_hanging_read_does_not_freeze_the_window(page, qtbot, monkeypatch):
    """A server that takes a second to answer: the list keeps painting placeholders and the GUI
    thread keeps running its timers meanwhile (before, the read ran inside data() and froze it)."""
    model, table = page.case_list.model, page.case_list.table
    page.tabs.setCurrentIndex(1)
    real = cases.case_rows

    def slow(session, ids):
        time.sleep(1.0)
        return real(session, ids)

    monkeypatch.setattr(cases, "case_rows", slow)
    ticks: list[float] = []
    timer = QTimer(page, interval=10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    middle = model.rowCount() // 2
    table.scrollTo(model.index(middle, 0))
    table.viewport().repaint()
    qtbot.waitUntil(lambda: model.record(middle) is not None, timeout=30_000)
    timer.stop()
    assert len(ticks) > 20 and ticks[-1] - ticks[0] >= 0.9  # the GUI thread ran all the while the read hung
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.5


def test_the_guard_sees_screen_code_reading_on_the_gui_thread(demo_db, qtbot, no_database_on_the_gui_thread, tmp_path):
    """What the conftest guard catches (the old case list read its rows like this, from data())."""
    guard = no_database_on_the_gui_thread
    with demo_db.session() as s:  # a test's own read is not screen code
        assert cases.case_ids(s, CaseFilter()).size
    assert guard.seen == []
    with demo_db.session() as s:  # worker code run on the GUI thread is
        export_cases_xlsx(s, CaseFilter(supervised_only=True), "reported_at", True, tmp_path / "x.xlsx", case_columns())
    assert guard.seen and all(w.startswith("desktop/cases/case_list.py:export_cases_xlsx: SELECT") for w in guard.seen)
    guard.seen.clear()
