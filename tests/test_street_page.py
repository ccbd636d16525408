"""The set-up assistant on an empty database (filled from a workbook, written on the worker) and the 基础信息 page."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from db.cases.importing import CASE_SPEC
from db.core.base import AuditLog
from db.imports import engine as importing
from db.schema.cases import GridCase
from db.schema.street import CommitteeTerm, Community, Grid, StreetOffice
from db.schema.units import CommitteeMember, ResidentUnit
from db.units.importing import UNIT_SPEC
from tests.test_setup import counts, workbook

SHOTS = os.environ.get("STREETBOARD_SHOTS")  # a folder: every step is saved there as a PNG to look at


def shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_wizard_from_a_workbook_on_an_empty_database(tmp_path, empty_db, executor, qtbot):
    from desktop.street.wizard import SetupWizard

    ex = executor(empty_db)
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.resize(QSize(1366, 768))
    wizard.show()
    shot(wizard, "wizard_0_intro")
    wizard.read_workbook(workbook(tmp_path))
    assert "社区" in wizard.intro.status.text() or "Communities" in wizard.intro.status.text()
    assert wizard.sheet_pages["grids"].table.filled_rows() == 3
    step = 1
    while wizard.currentPage() is not wizard.summary:
        wizard.next()
        shot(wizard, f"wizard_{step}_{getattr(wizard.currentPage(), 'sheet', None) and wizard.currentPage().sheet.body}")
        step += 1
    qtbot.waitUntil(lambda: wizard.summary.checked, timeout=10_000)
    shot(wizard, "wizard_summary")
    assert wizard.summary.rejects == []
    assert "340111006002001 明珠一网格" in wizard.summary.text.toPlainText()  # the grid code it will get
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert counts(empty_db)["street_office"] == 0  # nothing before the end
    with qtbot.waitSignal(ex.changed, timeout=10_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10_000)
    assert counts(empty_db)["grid"] == 3 and counts(empty_db)["committee_member"] == 3

    units = tmp_path / "units.csv"
    units.write_text("单位名称,单位类型,所在社区\n望湖小学,学校,汇湖社区\n", encoding="utf-8")
    with empty_db.session.begin() as s:
        assert importing.run(s, UNIT_SPEC, units).written
    with empty_db.session() as s:
        school = s.scalars(select(ResidentUnit).where(ResidentUnit.name == "望湖小学")).one()
        assert s.get(Community, school.community_id).name == "汇湖社区"
    cases = tmp_path / "cases.csv"
    cases.write_text("事件编号,标题,上报时间,社区,网格编码\nW1,占道经营,2026-11-30 09:00,明珠社区,明珠一网格\n"
                     "W2,垃圾堆放,2026-11-30 10:00,汇湖社区,340111006001002\n", encoding="utf-8")
    with empty_db.session.begin() as s:
        result = importing.run(s, CASE_SPEC, cases)
    assert result.written and not result.rejects
    with empty_db.session() as s:
        assert s.execute(select(GridCase.case_number, Grid.code).join(Grid, Grid.id == GridCase.grid_id)
                         .order_by(GridCase.case_number)).all() == [("W1", "340111006002001"),
                                                                     ("W2", "340111006001002")]


def test_wizard_shows_rejected_rows_and_writes_nothing(tmp_path, empty_db, executor, qtbot):
    from desktop.street.wizard import SetupWizard

    executor(empty_db)
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.read_workbook(workbook(tmp_path, changes={"网格": [("汇湖社区", 1, "", ""), ("没有的社区", 1, "", "")]}))
    members = wizard.sheet_pages["members"].table
    members.table.item(0, 1).setText("")  # the secretary's position, cleared by hand
    while wizard.currentPage() is not wizard.summary:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.summary.checked, timeout=10_000)
    shot(wizard, "wizard_summary_rejects")
    reasons = {(r.body, r.row, r.reason) for r in wizard.summary.rejects}
    assert {("grids", 2, "unknown_community"), ("members", 1, "required")} <= reasons
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    text = wizard.summary.text.toPlainText()
    assert "没有的社区" in text
    assert counts(empty_db)["street_office"] == 0


def test_street_page_edits_a_grid_and_a_member_leaves(tmp_path, empty_db, executor, qtbot):
    from db.street.setup import import_workbook
    from desktop.street.page import StreetPage

    with empty_db.session.begin() as s:
        import_workbook(s, workbook(tmp_path))
    ex = executor(empty_db)
    page = StreetPage()
    ex.changed.connect(page.on_changes)  # as the main window connects its pages
    qtbot.addWidget(page)
    page.resize(QSize(1366, 768))
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    shot(page, "street_page")
    street = page.bodies["street"].table
    assert not street.item(0, 4).flags() & Qt.ItemFlag.ItemIsEditable  # the term number: 开始新一届 instead
    assert street.item(0, 5).flags() & Qt.ItemFlag.ItemIsEditable
    grids = page.bodies["grids"]
    assert [grids.table.item(r, 3).text() for r in range(grids.table.rowCount())] == [
        "340111006001001", "340111006001002", "340111006002001"]
    grids.table.item(0, 2).setText("汇湖一网格")
    page.tabs.setCurrentIndex(list(page.bodies).index("grids"))
    with qtbot.waitSignal(ex.changed, timeout=10_000):
        page.save_current()
    with empty_db.session() as s:
        grid = s.scalars(select(Grid).where(Grid.code == "340111006001001")).one()
        assert (grid.name, grid.version) == ("汇湖一网格", 2)
        trail = s.execute(select(AuditLog.action, AuditLog.new_values).where(
            AuditLog.table_name == "grid", AuditLog.row_id == grid.id).order_by(AuditLog.id)).all()
    assert trail[-1].action == "update" and trail[-1].new_values["name"] == "汇湖一网格"  # the edit is audited

    # a bad edit is refused row by row and nothing changes
    grids.table.item(1, 0).setText("不存在的社区")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()  # the reload drops the unsaved edit
    grids.table.item(1, 0).setText("不存在的社区")
    page.save_current()
    qtbot.waitUntil(lambda: "不存在的社区" in page.status.text(), timeout=10_000)
    with empty_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Grid).where(Grid.name == "汇湖二网格")) == 1

    page.tabs.setCurrentIndex(list(page.bodies).index("members"))
    members = page.bodies["members"]
    members.table.selectRow(2)
    members.remove_button.click()  # a saved member is not deleted: the page says how a member leaves
    assert members.table.rowCount() == 3 and "离任" in page.status.text()
    members.table.selectRow(2)
    with qtbot.waitSignal(ex.changed, timeout=10_000):
        page.member_leaves(dt.date(2026, 12, 1))
    with empty_db.session() as s:
        left = s.scalars(select(CommitteeMember).where(CommitteeMember.name == "赵六")).one()
        assert left.left_on == dt.date(2026, 12, 1)
        assert s.scalar(select(func.count()).select_from(StreetOffice)) == 1
        assert s.scalar(select(func.count()).select_from(GridCase)) == 0

    with qtbot.waitSignal(ex.changed, timeout=10_000):
        page.start_term(4, dt.date(2029, 1, 1), carry=False)
    with empty_db.session() as s:
        term = s.scalars(select(CommitteeTerm).where(CommitteeTerm.is_current.is_(True))).one()
        assert term.number == 4
        assert s.scalar(select(func.count()).select_from(CommitteeMember).where(CommitteeMember.term_id == term.id)) == 0
    qtbot.waitUntil(lambda: "第4届" in page.subtitle.text(), timeout=10_000)  # the page refreshed on the change


def test_the_assistant_opens_only_on_a_database_without_a_street(tmp_path, empty_db, executor, qtbot):
    from PySide6.QtWidgets import QMainWindow

    from db.street.setup import import_workbook
    from desktop.street.wizard import SetupWizard, offer_setup

    ex = executor(empty_db)
    window = QMainWindow()
    qtbot.addWidget(window)
    offer_setup(window)
    qtbot.waitUntil(lambda: not ex.busy and window.findChild(SetupWizard) is not None, timeout=10_000)
    window.findChild(SetupWizard).close()
    with empty_db.session.begin() as s:
        import_workbook(s, workbook(tmp_path))
    other = QMainWindow()
    qtbot.addWidget(other)
    offer_setup(other)
    qtbot.waitUntil(lambda: not ex.busy, timeout=10_000)
    qtbot.wait(50)
    assert other.findChild(SetupWizard) is None


def test_the_street_can_be_typed_in_by_hand(empty_db, executor, qtbot):
    from desktop.street.wizard import SetupWizard

    executor(empty_db)
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    street = wizard.sheet_pages["street"].table
    for column, text in enumerate(["包河区望湖街道", "340111006", "包河区", "合肥市", "3", "2024-01-01", ""]):
        street.table.item(0, column).setText(text)
    communities = wizard.sheet_pages["communities"].table
    communities.add_row()
    communities.table.item(0, 0).setText("1")
    communities.table.item(0, 1).setText("汇湖社区")
    while wizard.currentPage() is not wizard.summary:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.summary.checked, timeout=10_000)
    assert wizard.summary.rejects == []
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10_000)
    with empty_db.session() as s:
        assert s.scalars(select(Community.code)).all() == ["340111006001"]
        assert s.scalars(select(CommitteeTerm.number)).all() == [3]
