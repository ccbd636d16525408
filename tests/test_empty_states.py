"""On an empty database (migrated, no street, no data) every page opens, loads without an error and says
what is really there: nothing entered yet, never "all done"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from desktop.app import snapshot
from desktop.app.main_window import PAGE_CLASSES, page_class


def load(key: str, qtbot):  # noqa: ANN001, ANN201 - a page
    page = page_class(key)()
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    failures: list[str] = []
    page.load_failed.connect(failures.append)
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    assert not failures
    return page


@pytest.mark.parametrize("key", [cls.key for cls in PAGE_CLASSES])
def test_every_page_loads_and_renders_on_an_empty_database(empty_db, executor, sb_app, key):
    image = snapshot.render(key, executor(empty_db), QSize(1366, 768))  # a load that fails raises SnapshotError
    assert not image.isNull() and image.width() == 1366  # (a page may be taller than the screen: it scrolls)


def test_the_units_page_says_no_project_was_entered(empty_db, executor, qtbot):
    executor(empty_db)
    page = page_class("units")()
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignals([page.loaded, page.dual_tab.shown], timeout=30_000):
        page.refresh()
    assert page.unclaimed_label.text() == "尚未录入项目；请在“三张清单”中添加。"
    assert "所有项目均已有单位认领" not in page.unclaimed_label.text()
    assert page.missing_label.text() == "尚无有签到记录的大工委会议。"
    assert page.dual_tab.summary.text() == "尚无在职党员到社区报到；可在下方逐个添加，或导入名单。"


def test_the_units_page_still_says_every_project_is_claimed_when_it_is(demo_db, executor, qtbot):
    from db.units.lists import projects, unclaimed_projects

    with demo_db.session() as s:
        if not projects(s) or unclaimed_projects(s):
            pytest.skip("the demo street has unclaimed projects")
    executor(demo_db)
    page = load("units", qtbot)
    assert page.unclaimed_label.text() == "所有项目均已有单位认领。"


def test_the_pairings_page_says_no_pairing_was_entered(empty_db, executor, qtbot):
    executor(empty_db)
    page = load("pairings", qtbot)
    assert page.overdue_box.title() == "尚未录入四联四定结对；请导入协议事项。"
    assert page.chart.labels() == []


def test_the_resolutions_page_says_none_was_recorded(empty_db, executor, qtbot):
    executor(empty_db)
    page = load("resolutions", qtbot)
    assert page.task_label.text() == "尚无决议；会议形成的决议在此督办。"


def test_the_meetings_page_says_there_is_no_meeting_yet(empty_db, executor, qtbot):
    executor(empty_db)
    page = load("meetings", qtbot)
    assert page.detail_label.text() == "还没有会议：请点击“新建会议…”。"
