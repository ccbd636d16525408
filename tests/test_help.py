"""帮助: 关于 names the version, the database and the font's licence; 快捷键 lists the window's keys; 使用说明."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from desktop.app import help as app_help
from desktop.app.main_window import MainWindow


@pytest.fixture
def window(empty_db, executor, qtbot):
    ex = executor(empty_db)
    win = MainWindow(ex)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not ex.busy, timeout=30_000)
    yield win
    win.close()


def test_the_help_menu_is_in_chinese(window):
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[-1] == "帮助(&H)"
    assert [window.help_menu.guide_action.text(), window.help_menu.shortcuts_action.text(),
            window.help_menu.about_action.text()] == ["使用说明(&U)", "快捷键(&K)…", "关于 StreetBoard(&A)…"]


def test_about_shows_the_version_the_database_and_the_font_licence(window, qtbot, empty_db):
    window.help_menu.about_action.trigger()
    dialog = window.findChild(app_help.AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.version_label.text() == version("streetboard")
    assert dialog.database_label.text() == empty_db.name
    assert "SIL OPEN FONT LICENSE Version 1.1" in dialog.licence.toPlainText()
    dialog.close()


def test_the_shortcut_list_is_collected_from_the_actions(window, qtmodeltester):
    window.help_menu.shortcuts_action.trigger()
    dialog = window.findChild(app_help.ShortcutsDialog)
    qtmodeltester.check(dialog.model)
    rows = dict(dialog.model.rows())
    assert rows["刷新"] == "F5" and rows["打开数据库"] == "Ctrl+O"
    assert rows["使用说明"] == "F1"
    actions = window.findChildren(type(window.help_menu.about_action))
    with_keys = {app_help.action_name(a) for a in actions if a.shortcuts()}
    assert with_keys == set(rows)  # every action with a key, none made up
    dialog.close()


def test_the_guide_names_the_first_steps(window):
    window.help_menu.guide_action.trigger()
    dialog = window.findChild(app_help.GuideDialog)
    text = dialog.browser.toPlainText()
    for step in ("设置街道", "导入", "召开会议", "备份"):
        assert step in text
    dialog.close()
