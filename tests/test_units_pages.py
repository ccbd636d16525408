"""The units and 四联四定 pages, with pytest-qt, on a street built for the test."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from PySide6.QtCore import QSize, Qt
from sqlalchemy import func, select

from db.schema.pairings import AgreementItem, AgreementProgress, PairingLabel
from db.schema.units import ProjectClaim, ScoreWeight
from desktop.pairings.page import PairingsPage
from desktop.units.page import UnitsPage
from tests import factories

NOW = dt.datetime.combine(factories.PARTICIPATION_TODAY, dt.time(12))
WAIT = 30_000


@pytest.fixture
def street_db(empty_db):
    with empty_db.session.begin() as s:
        ids = factories.participation_street(s)
        s.add_all([PairingLabel(kind="link", position=1, name="联组织建设"),
                   PairingLabel(kind="fix", position=1, name="定责任人员")])
    return empty_db, ids


def _open(cls, database, executor, qtbot):
    ex = executor(database)
    page = cls()
    page.clock = lambda: NOW
    qtbot.addWidget(page)
    ex.changed.connect(page.on_changes)
    page.show()  # a change refreshes a page that is on screen
    page.resize(1366, 768)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.refresh()
    return page, ex


def _select(view, model, predicate) -> None:
    proxy = view.model()
    for row in range(model.rowCount()):
        if predicate(model.record(row)):
            view.selectRow(proxy.mapFromSource(model.index(row, 0)).row())
            return
    raise AssertionError("no such row")


@pytest.fixture
def units_page(street_db, executor, qtbot, no_leaked_windows):
    database, ids = street_db
    page, ex = _open(UnitsPage, database, executor, qtbot)
    yield page, database, ids
    ex.wait_idle()


@pytest.fixture
def pairings_page(street_db, executor, qtbot, no_leaked_windows):
    database, ids = street_db
    page, ex = _open(PairingsPage, database, executor, qtbot)
    yield page, database, ids
    ex.wait_idle()


# --------------------------------------------------------------------------- units page


def test_the_page_answers_who_missed_meetings_and_what_nobody_claimed(units_page):
    page, _db, _ids = units_page
    missing = page.missing_label.text()
    assert "最近 3 次会议均未到会的成员单位" in missing
    assert "云帆物流" in missing and "嘉和物业" in missing and "王联络" in missing
    assert "汇湖小学" not in missing and "区五院" not in missing
    assert "无人认领的项目 2 个" in page.unclaimed_label.text()
    assert {r.title for r in page.match_projects.rows()} == {"社区助餐点", "楼道照明"}
    page.unclaimed_button.click()
    assert page.tabs.currentIndex() == 1 and page.lists_tabs.currentIndex() == page.match_index


def test_roster_filters_and_profile(units_page, qtbot):
    page, _db, ids = units_page
    assert page.roster_model.rowCount() == 8
    with qtbot.waitSignal(page.roster_shown, timeout=WAIT):
        page.member_filter.setCurrentIndex(page.member_filter.findData(True))
    assert {r.name for r in page.roster_model.rows()} == {"汇湖小学", "云帆物流", "区五院", "嘉和物业"}
    assert page.roster_count.text() == "共 4 家"
    with qtbot.waitSignal(page.roster_shown, timeout=WAIT):
        page.search.setText("物流")
    assert [r.name for r in page.roster_model.rows()] == ["云帆物流"]
    qtbot.waitUntil(lambda: page.profile_name.text() == "云帆物流", timeout=WAIT)
    assert page.profile_stats["attendance"].text() == "4 次会议到会 1 次（25.0%）"
    assert page.profile_stats["projects"].text() == "1 / 0"
    assert page.profile_meta.text().splitlines()[0] == "非公企业 · 本届成员单位"
    with qtbot.waitSignal(page.roster_shown, timeout=WAIT):
        page.search.setText("")
    with qtbot.waitSignal(page.profile_shown, timeout=WAIT):
        _select(page.roster_view, page.roster_model, lambda r: r.name == "区五院")
    assert page.profile_name.text() == "区五院"
    assert [a.status for a in page.profile_attendance.rows()] == ["absent", "excused", "absent", "present"]
    with qtbot.waitSignal(page.roster_shown, timeout=WAIT):
        page.kind_filter.setCurrentIndex(page.kind_filter.findData("municipal"))
    assert {r.name for r in page.roster_model.rows()} == set()  # member filter still on: no city unit is a member


def test_claim_and_deliver_round_trip(units_page, qtbot):
    page, database, ids = units_page
    page.tabs.setCurrentIndex(1)
    _select(page.projects_view, page.projects_model, lambda r: r.title == "社区助餐点")
    page.claim_unit.setCurrentIndex(page.claim_unit.findData(ids["hospital"]))
    page.claim_date.setDate(page.claim_date.date().fromString("2026-03-01", Qt.DateFormat.ISODate))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.claim_button.click()
    assert page.message.text() == "认领已登记。"
    row = next(r for r in page.projects_model.rows() if r.title == "社区助餐点")
    assert (row.claimers, row.status) == ("区五院", "claimed")
    assert "社区助餐点" not in page.unclaimed_label.text()
    _select(page.projects_view, page.projects_model, lambda r: r.title == "社区助餐点")
    assert [c.unit for c in page.claims_model.rows()] == ["区五院"]
    _select(page.claims_view, page.claims_model, lambda r: r.unit == "区五院")
    page.deliver_date.setDate(page.deliver_date.date().fromString("2026-05-20", Qt.DateFormat.ISODate))
    page.deliver_note.setText("助餐点已开放")
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.deliver_button.click()
    assert page.message.text() == "交付已登记。"
    row = next(r for r in page.projects_model.rows() if r.title == "社区助餐点")
    assert (row.status, row.delivered) == ("delivered", 1)
    with database.session() as s:
        assert s.scalar(select(ProjectClaim.delivered_on).where(ProjectClaim.unit_id == ids["hospital"])) == \
            dt.date(2026, 5, 20)


def test_bad_input_shows_one_sentence_and_writes_nothing(units_page, qtbot):
    page, database, ids = units_page
    with database.session() as s:
        before = (s.scalar(select(func.count()).select_from(ProjectClaim)),
                  s.scalar(select(func.count()).select_from(ScoreWeight)))
    _select(page.projects_view, page.projects_model, lambda r: r.title == "社区助餐点")
    page.claim_selected(unit_id=987_654)
    qtbot.waitUntil(lambda: page.message.text() != "", timeout=WAIT)
    assert page.message.text() == "单位名录中没有“987654”，请从名录中选择，或先添加该单位。"
    page.tabs.setCurrentIndex(2)
    page.weight_edits["claims"].setText("五分")
    page.save_weights_button.click()
    qtbot.waitUntil(lambda: "不是数字" in page.message.text(), timeout=WAIT)
    assert page.message.text() == "“认领项目”的权重“五分”不是数字，请填写 2、0.5 或 -5 这样的数字。"
    with database.session() as s:
        after = (s.scalar(select(func.count()).select_from(ProjectClaim)),
                 s.scalar(select(func.count()).select_from(ScoreWeight)))
    assert after == before


def test_scorecard_weights_heatmap_and_exports(units_page, qtbot, tmp_path):
    page, database, _ids = units_page
    page.tabs.setCurrentIndex(2)
    ranking = page.score_model.rows()
    assert {r.name for r in ranking} == {"汇湖小学", "云帆物流", "区五院", "嘉和物业", "汇湖派出所"}
    assert page.scheme_label.text() == "按 2000 年起施行的权重计分"
    assert page.heatmap.heatmap.headerData(0, Qt.Orientation.Horizontal) == "1"
    assert page.heatmap_title.text() == "2026 年各月参会次数（列为 1–12 月）"
    assert page.heatmap.heatmap.headerData(0, Qt.Orientation.Vertical) == "汇湖小学"
    page.weight_edits["attendance"].setText("10")
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.save_weights_button.click()
    assert page.scheme_label.text() == "按 2026 年起施行的权重计分"
    school = next(r for r in page.score_model.rows() if r.name == "汇湖小学")
    assert school.score == pytest.approx(30)
    assert page.score_model.rows()[0].name == "汇湖小学"
    with qtbot.waitSignal(page.score_shown, timeout=WAIT):
        page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    assert page.scheme_label.text() == "按 2000 年起施行的权重计分"
    page.export_xlsx(tmp_path / "score.xlsx")
    page.export_png(tmp_path / "score.png")
    sheets = pd.read_excel(tmp_path / "score.xlsx", sheet_name=None, engine="openpyxl")
    assert list(sheets)[0] == "2025年排名"
    assert set(sheets["2025年排名"]["单位"]) == {r.name for r in page.score_model.rows()}
    assert (tmp_path / "score.png").stat().st_size > 5_000


def test_every_units_model_passes_the_model_tester(units_page, qtmodeltester):
    page, _db, _ids = units_page
    for model in (page.roster_model, page.profile_attendance, page.profile_members, page.profile_pairings,
                  page.needs_model, page.resources_model, page.projects_model, page.claims_model, page.match_needs,
                  page.match_resources, page.match_projects, page.score_model, page.heatmap.heatmap):
        qtmodeltester.check(model)
    assert page.roster_model.rowCount() and page.heatmap.heatmap.rowCount()


# --------------------------------------------------------------------------- pairings page


def test_overdue_items_stand_out_with_whose_they_are(pairings_page):
    page, _db, _ids = pairings_page
    rows = page.overdue_model.rows()
    assert [(r.title, r.municipal_unit, r.responsible_person) for r in rows] == [
        ("暑期托管", "市教育局", "李四"), ("走访慰问", "市民政局", "张三")]
    index = page.overdue_model.index(0, 0)
    assert page.overdue_model.data(index) == f"超期 {rows[0].overdue_days} 天"
    assert page.overdue_model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    assert page.overdue_model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert page.overdue_box.title() == "超期协议事项 2 项，涉及责任人 2 名"
    assert page.chart.labels() == ["市民政局—滨湖社区"]
    page.by_community.setChecked(True)
    assert page.chart.labels() == ["滨湖社区"]
    assert page.chart.shares() == [pytest.approx(140 / 300)]


def test_progress_update_and_bad_progress(pairings_page, qtbot):
    page, database, ids = pairings_page
    assert page.items_model.rowCount() == 0  # 市教育局 comes first and has no agreement for 2026
    assert "尚未签订协议" in page.items_heading.text()
    with qtbot.waitSignal(page.items_shown, timeout=WAIT):
        _select(page.pairings_view, page.pairings_model, lambda r: r.municipal_unit == "市民政局")
    page.tabs.setCurrentIndex(1)
    assert page.items_model.rowCount() == 4  # cancelled items are listed too
    with qtbot.waitSignal(page.items_shown, timeout=WAIT):
        _select(page.items_view, page.items_model, lambda r: r.title == "走访慰问")
    page.progress_edit.setText("120")
    page.progress_button.click()
    qtbot.waitUntil(lambda: page.message.text() != "", timeout=WAIT)
    assert page.message.text() == "进度须为 0 到 100 之间的整数（%），“120”不符合。"
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(AgreementProgress)) == 0
    page.progress_edit.setText("100")
    page.progress_note.setText("全部走访完成")
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.progress_button.click()
    qtbot.waitUntil(lambda: [p.progress_pct for p in page.history_model.rows()] == [100], timeout=WAIT)
    assert [r.title for r in page.overdue_model.rows()] == ["暑期托管"]
    page.new_title.setText("去年的事项")
    page.new_due.setDate(page.new_due.date().fromString("2025-12-01", Qt.DateFormat.ISODate))
    page.new_button.click()
    qtbot.waitUntil(lambda: "早于协议年度" in page.message.text(), timeout=WAIT)
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(AgreementItem).where(AgreementItem.title == "去年的事项")) == 0


def test_label_edit(pairings_page, qtbot):
    page, database, _ids = pairings_page
    page.tabs.setCurrentIndex(2)
    _select(page.labels_view, page.labels_model, lambda r: r.name == "联组织建设")
    assert page.label_name.text() == "联组织建设"
    page.label_name.setText("联党建")
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.label_save.click()
    assert "联党建" in {r.name for r in page.labels_model.rows()}
    assert page.new_label.findText("联 · 联党建") >= 0
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(PairingLabel)) == 2


def test_every_pairings_model_passes_the_model_tester(pairings_page, qtmodeltester):
    page, _db, _ids = pairings_page
    for model in (page.overdue_model, page.pairings_model, page.items_model, page.history_model, page.labels_model):
        qtmodeltester.check(model)
    assert page.overdue_model.rowCount() == 2


@pytest.mark.parametrize("view", ["units", "pairings"])
def test_snapshots_render(demo_db, executor, view, sb_app):
    from desktop.app import snapshot

    image = snapshot.render(view, executor(demo_db), QSize(1366, 768))
    assert (image.width(), image.height()) == (1366, 768)
    colours = {image.pixel(x, y) for x in range(0, 1366, 9) for y in range(0, 768, 9)}
    assert len(colours) > 20


def test_import_wizard_on_the_units_page(units_page, qtbot, tmp_path):
    page, database, _ids = units_page
    path = tmp_path / "units.xlsx"
    pd.DataFrame([{"单位名称": "合肥新锐科技有限公司", "单位类型": "非公企业", "所在社区": "滨湖社区"}]).to_excel(path, index=False)
    wizard = page.open_import_wizard()
    assert wizard.windowTitle() == "导入驻区单位"
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=WAIT)
    from PySide6.QtWidgets import QLabel

    labels = {w.text() for w in wizard.mapping_page.findChildren(QLabel)}
    assert "单位名称 *" in labels and "name *" not in labels  # the units' own field names, not raw keys
    assert wizard.file_page.template_button.isHidden()  # the case template is not offered for units
    assert wizard.mapping_page.policy_combo.isHidden()  # nor the case-category policy
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.result is not None, timeout=WAIT)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(check.import_button, Qt.MouseButton.LeftButton)
    assert "合肥新锐科技有限公司" in {r.name for r in page.roster_model.rows()}
    wizard.close()
