"""The import wizard, driven like a user: choose, map, check, import — and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

import db.cases.importing
from db.schema.cases import GridCase, HandlingUnit
from db.schema.imports import ImportProfile
from desktop.imports.wizard import CheckPage, ImportWizard
from tests.real_data import REAL
from widgets.dataframe_model import DataFrameModel

NYC = REAL / "nyc_311_backlog_snapshot_924.csv"


def count(database, model) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def wizard(empty_db, executor, qtbot, no_leaked_windows):
    ex = executor(empty_db)
    w = ImportWizard(ex)
    qtbot.addWidget(w)
    w.show()
    yield w
    ex.wait_idle()
    w.close()


def to_check_page(wizard: ImportWizard, qtbot, path: Path) -> CheckPage:
    wizard.file_page.path_edit.setText(str(path))
    assert wizard.file_page.isComplete()
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=30_000)
    wizard.next()
    page = wizard.check_page
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    return page


def test_dataframe_model_passes_the_model_tester(qtmodeltester):
    frame = pd.DataFrame({"事件编号": ["A", None, "C"], "上报时间": [pd.Timestamp("2026-06-01 09:30"), pd.NaT, 46000.0],
                          "次数": [1, 2, 3]}, index=pd.Index([2, 3, 5]))
    model = DataFrameModel(frame, max_chars=4)
    qtmodeltester.check(model)
    assert model.headerData(2, Qt.Orientation.Vertical) == "5"
    assert model.index(0, 1).data() == "202…"
    assert model.index(1, 0).data() == "" and model.index(2, 1).data() == "460…" and model.index(2, 1).data(Qt.ItemDataRole.ToolTipRole) == "46000"
    model.set_frame(pd.DataFrame())
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_wizard_detects_previews_maps_and_imports(wizard, qtbot, empty_db):
    wizard.file_page.path_edit.setText(str(NYC))
    wizard.next()
    mapping = wizard.mapping_page
    qtbot.waitUntil(mapping.isComplete, timeout=30_000)
    assert mapping.current_profile().key == "nyc311"
    assert "纽约 311 服务请求" in mapping.info.text() and "UTF-8" in mapping.info.text() and "924" in mapping.info.text()
    assert mapping.preview_model.rowCount() == 20
    assert mapping.combos["case_number"].currentText() == "Unique Key"
    assert mapping.combos["community"].currentData() == ""

    wizard.next()
    page = wizard.check_page
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    assert "新增 924" in page.summary.text() and page.import_button.isEnabled()
    assert count(empty_db, GridCase) == 0  # the check is a dry run

    with qtbot.waitSignal(wizard.executor.changed, timeout=30_000) as changed:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].touches("grid_case", "case_event", "handling_unit", "case_category")
    qtbot.waitUntil(lambda: page.done, timeout=30_000)
    assert page.progress.value() == 100 and "导入完成" in page.status.text()
    assert count(empty_db, GridCase) == 924 and count(empty_db, HandlingUnit) == 8


def test_cancel_leaves_the_database_as_it_was(wizard, qtbot, empty_db, monkeypatch):
    gate, waiting = threading.Event(), threading.Event()
    original = db.cases.importing.CaseSpec.write

    def held_write(self, session, frame, profile, mapping, context):
        if not context.dry_run:
            waiting.set()
            assert gate.wait(30)
        return original(self, session, frame, profile, mapping, context)

    monkeypatch.setattr(db.cases.importing.CaseSpec, "write", held_write)
    page = to_check_page(wizard, qtbot, NYC)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert waiting.wait(30) and page.running and page.cancel_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not page.running, timeout=30_000)
    assert "导入已取消" in page.status.text() and not page.done
    assert count(empty_db, GridCase) == 0 and count(empty_db, HandlingUnit) == 0


def test_rejects_block_until_accept_valid_and_the_report_saves(wizard, qtbot, empty_db, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["事件编号", "标题", "上报时间"])
    book.active.append(["R1", "好的", "2026-06-01 09:00"])
    book.active.append(["R2", "", "2026-06-01 09:00"])
    book.save(tmp_path / "mixed.xlsx")
    page = to_check_page(wizard, qtbot, tmp_path / "mixed.xlsx")
    assert page.rejects_model.rowCount() == 1
    assert page.rejects_model.index(0, 3).data() == "必填但为空"
    assert not page.import_button.isEnabled() and "不会导入" in page.status.text()
    page.save_report_to(tmp_path / "report.xlsx")
    assert (tmp_path / "report.xlsx").is_file()
    page.accept_valid.setChecked(True)
    assert page.import_button.isEnabled()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.done, timeout=30_000)
    assert count(empty_db, GridCase) == 1


def test_mapping_by_hand_and_saving_it_as_a_profile(wizard, qtbot, empty_db, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["案件号", "问题", "发现时间"])
    book.active.append(["M1", "违停", "2026-06-01 07:00"])
    book.save(tmp_path / "own.xlsx")
    wizard.file_page.path_edit.setText(str(tmp_path / "own.xlsx"))
    wizard.next()
    mapping = wizard.mapping_page
    qtbot.waitUntil(lambda: wizard.analysis is not None, timeout=30_000)
    assert "手动对应" in mapping.info.text() and not mapping.isComplete()
    for key, header in (("case_number", "案件号"), ("title", "问题"), ("reported_at", "发现时间")):
        mapping.combos[key].setCurrentIndex(mapping.combos[key].findData(header))
    assert mapping.isComplete()
    mapping.save_profile_as("区平台导出")
    qtbot.waitUntil(lambda: "区平台导出" in mapping.info.text(), timeout=30_000)
    with empty_db.session() as s:
        saved = s.scalars(select(ImportProfile)).one()
    assert saved.columns == {"case_number": "案件号", "title": "问题", "reported_at": "发现时间"}
    assert mapping.profile_combo.currentText() == "区平台导出"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.result is not None, timeout=30_000)
    assert wizard.check_page.result.counts.imported == 1


def test_template_can_be_saved_from_the_first_page(wizard, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(wizard.file_page.template_button, Qt.MouseButton.LeftButton)
    assert target.is_file() and "模板" in wizard.file_page.message.text()
    assert openpyxl.load_workbook(target).sheetnames == ["事件", "填写说明"]


def test_a_wrong_file_is_one_sentence_on_the_mapping_page(wizard, qtbot, tmp_path):
    fake = tmp_path / "cases.xlsx"
    fake.write_text("不是表格", encoding="utf-8")
    wizard.file_page.path_edit.setText(str(fake))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.mapping_page.loading, timeout=30_000)
    assert "与文件名不符" in wizard.mapping_page.info.text() and not wizard.mapping_page.isComplete()


def test_main_window_menu_opens_the_wizard(empty_db, executor, qtbot, no_leaked_windows):
    from desktop.app.main_window import MainWindow

    ex = executor(empty_db)
    window = MainWindow(ex)
    qtbot.addWidget(window)
    window.show()
    assert window.import_cases_action.text() == "导入事件(&I)…"
    window.import_cases_action.trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible() and wizard.windowTitle() == "导入事件"
    wizard.reject()
    ex.wait_idle()
    window.close()
