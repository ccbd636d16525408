"""Changes are computed, not declared: what a write announces, who refreshes, and the echo.

The worker records the tables a write touched and announces them once after the commit; a read
announces nothing; the echo of our own commit (NOTIFY / data_version) is dropped; a page that is
not on screen waits until it is shown; a failure without its own callback becomes one sentence.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import URL, select, text, update

from db.core import migrate
from db.core.engine import Database, make_engine
from db.meetings import room as mt
from db.schema.meetings import AgendaItem, Meeting
from db.schema.units import ResidentUnit
from db.sync.changes import written_table
from db.units.importing import UNIT_SPEC
from desktop.app.main_window import MainWindow
from desktop.core.dbop import Changes, DbOp, DbWrite
from desktop.core.messages import describe
from desktop.imports.wizard import ImportWizard
from desktop.meetings.drafts import DraftStore
from desktop.meetings.room import MeetingRoom
from desktop.sync.live import LiveRefresh
from tests import factories

ECHO_WAIT_MS = 1500  # five SQLite poll intervals; a NOTIFY comes at once


@pytest.fixture(autouse=True)
def _keep_the_last_page(sb_app):
    """A main window closed here saves the page it showed last; the next test's window must not
    open on it."""
    before = QSettings().value("main_window/page")
    yield
    if before is None:
        QSettings().remove("main_window/page")
    else:
        QSettings().setValue("main_window/page", before)


def _collect(ex) -> list[frozenset[str]]:
    seen: list[frozenset[str]] = []
    ex.changed.connect(lambda c: seen.append(c.tables))
    return seen


def _started(live: LiveRefresh) -> LiveRefresh:
    live.start()
    assert live.source is not None and live.source.ready.wait(5)
    time.sleep(0.2)
    return live


# --------------------------------------------------------------------------- what is announced


def test_written_table_names_the_table_of_every_kind_of_write():
    assert written_table(update(Meeting).values(place="x")) == "meeting"
    assert written_table(text('INSERT OR REPLACE INTO "resident_unit" (name) VALUES (1)')) == "resident_unit"
    assert written_table("  delete from agenda_item where id = 1") == "agenda_item"
    assert written_table("UPDATE ONLY task SET x = 1") == "task"
    assert written_table(select(Meeting.id)) is None
    assert written_table("SELECT * FROM meeting") is None
    assert written_table("PRAGMA data_version") is None


def test_a_read_announces_nothing_and_a_write_announces_what_it_wrote(demo_db, executor, qtbot, sb_app):
    from PySide6.QtWidgets import QWidget

    ex = executor(demo_db)
    host = QWidget()
    seen = _collect(ex)
    DbOp(host, lambda s: s.scalar(select(Meeting.id).limit(1))).run(ex)
    ex.wait_idle()
    assert seen == []

    def write(s):  # an ORM change, a Core update and plain SQL, in one transaction
        s.scalars(select(ResidentUnit).limit(1)).one().address = "新地址 1 号"
        s.execute(update(Meeting).where(Meeting.id == s.scalar(select(Meeting.id).limit(1))).values(place="二楼"))
        s.execute(text("UPDATE agenda_item SET notes = notes WHERE id = (SELECT min(id) FROM agenda_item)"))

    DbWrite(host, write).run(ex)
    ex.wait_idle()
    assert seen == [frozenset({"resident_unit", "meeting", "agenda_item"})]

    DbWrite(host, lambda s: s.scalar(select(Meeting.id).limit(1))).run(ex)  # wrote nothing
    ex.wait_idle()
    assert len(seen) == 1


def test_a_unit_import_announces_unit_tables_and_no_case_tables(empty_db, executor, qtbot, tmp_path,
                                                                 no_leaked_windows):
    import pandas as pd

    with empty_db.session.begin() as s:
        factories.participation_street(s)
    path = tmp_path / "units.xlsx"
    pd.DataFrame([{"单位名称": "合肥新锐科技有限公司", "简称": "新锐科技", "单位类型": "非公企业",
                   "党组织": "新锐科技党支部", "所在社区": "滨湖社区", "成员单位": "是", "联络员": "刘一",
                   "联络员电话": "139-0000-0000"}]).to_excel(path, index=False)
    ex = executor(empty_db)
    wizard = ImportWizard(ex, spec=UNIT_SPEC)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=30_000)
    wizard.next()
    page = wizard.check_page
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    seen = _collect(ex)
    with qtbot.waitSignal(ex.changed, timeout=30_000):
        page.import_button.click()
    ex.wait_idle()
    assert len(seen) == 1
    changes = Changes(seen[0])
    assert changes.touches("resident_unit")
    assert not changes.touches("grid_case", "case_event", "handling_unit", "case_category")
    wizard.close()


def test_saving_agenda_notes_in_the_room_announces_agenda_item(demo_db, executor, qtbot, tmp_path,
                                                               no_leaked_windows):
    ex = executor(demo_db)
    with demo_db.session() as s:
        meeting_id = s.scalars(select(Meeting.id).where(Meeting.status == "planned")).one()
    room = MeetingRoom(meeting_id, start=True, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(room)
    room.show()
    with qtbot.waitSignal(room.loaded, timeout=30_000):
        room.refresh()
    ex.wait_idle()
    item = room.current_item()
    seen = _collect(ex)
    with qtbot.waitSignal(room.notes_saved, timeout=30_000):
        room.editor.setPlainText("会议记录：同意推进。")
        room.editor.flush()
    assert seen and Changes(seen[0]).touches("agenda_item")
    with demo_db.session() as s:
        assert s.get(AgendaItem, item.id).notes == "会议记录：同意推进。"


# --------------------------------------------------------------------------- who refreshes


def test_one_write_refreshes_each_visible_page_once_and_hidden_pages_when_shown(demo_db, executor, qtbot,
                                                                                 no_leaked_windows):
    ex = executor(demo_db)
    window = MainWindow(ex)
    qtbot.addWidget(window)
    window.show()
    for key in window.pages:  # every page loaded once, then the overview in front
        window.show_page(key)
        qtbot.waitUntil(lambda: not ex.busy, timeout=30_000)
    window.show_page("overview")
    ex.wait_idle()
    live = _started(LiveRefresh(ex))
    refreshes = {key: 0 for key in window.pages}
    for key, page in window.pages.items():
        def counted(page=page, key=key, original=page.refresh):
            refreshes[key] += 1
            original()
        page.refresh = counted
    try:
        def write(s):
            s.scalars(select(Meeting).where(Meeting.status == "planned")).one().place = "街道二楼会议室"

        with qtbot.waitSignal(window.pages["overview"].loaded, timeout=30_000):
            DbWrite(window, write).run(ex)
        qtbot.wait(ECHO_WAIT_MS)  # the trigger echo of the same transaction has come and gone
        ex.wait_idle()
        assert refreshes == {key: 1 if key == "overview" else 0 for key in window.pages}
        touched = {key for key, page in window.pages.items() if page.shows(Changes(frozenset({"meeting"})))}
        assert {"meetings", "resolutions", "audit"} <= touched and "cases" not in touched
        for key in window.pages:
            window.show_page(key)
            ex.wait_idle()
        assert refreshes == {key: 1 if key in touched else 0 for key in window.pages}
    finally:
        live.stop()
        window.close()


# --------------------------------------------------------------------------- the echo of our own commit


def _echo_is_dropped(database: Database, executor, qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    ex = executor(database)
    live = _started(LiveRefresh(ex))
    other = Database(make_engine(database.engine.url))  # another PC
    host = QWidget()
    try:
        seen = _collect(ex)
        DbWrite(host, lambda s: factories.participation_street(s)).run(ex)
        ex.wait_idle()
        qtbot.wait(ECHO_WAIT_MS)
        assert len(seen) == 1 and "resident_unit" in seen[0]
        with qtbot.waitSignal(ex.changed, timeout=5_000, check_params_cb=lambda c: c.touches("resident_unit")):
            with other.session.begin() as s:
                s.scalars(select(ResidentUnit).limit(1)).one().address = "另一台电脑写的地址"
        qtbot.wait(ECHO_WAIT_MS)
        assert seen[1:] == [frozenset({"resident_unit"})]  # what another PC wrote still arrives, once
    finally:
        live.stop()
        other.dispose()


def _migrated(url: URL) -> Database:
    engine = make_engine(url)
    migrate.upgrade(engine)
    return Database(engine)


def test_the_echo_of_our_own_commit_is_dropped_on_sqlite(executor, qtbot, tmp_path, sb_app):
    database = _migrated(URL.create("sqlite+pysqlite", database=str(tmp_path / "echo.sqlite")))
    try:
        _echo_is_dropped(database, executor, qtbot)
    finally:
        database.dispose()


def test_the_echo_of_our_own_commit_is_dropped_on_postgresql(pg_url, executor, qtbot, sb_app):
    database = _migrated(pg_url)
    try:
        _echo_is_dropped(database, executor, qtbot)
    finally:
        database.dispose()


# --------------------------------------------------------------------------- failures nobody handles


def test_a_failure_without_a_callback_shows_a_sentence_in_the_status_bar(demo_db, executor, qtbot,
                                                                         no_leaked_windows):
    ex = executor(demo_db)
    window = MainWindow(ex)
    qtbot.addWidget(window)
    window.show()
    ex.wait_idle()

    def broken(_s):
        raise RuntimeError("磁盘已满")

    DbOp(window.pages["overview"], broken).run(ex)
    ex.wait_idle()
    assert window.statusBar().currentMessage() == describe(RuntimeError("磁盘已满"))
    window.close()


def test_the_rooms_live_update_failing_shows_a_sentence(demo_db, executor, qtbot, tmp_path, monkeypatch,
                                                        no_leaked_windows):
    ex = executor(demo_db)
    with demo_db.session() as s:
        meeting_id = s.scalars(select(Meeting.id).where(Meeting.status == "planned")).one()
    room = MeetingRoom(meeting_id, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(room)
    room.show()
    with qtbot.waitSignal(room.loaded, timeout=30_000):
        room.refresh()
    error = RuntimeError("服务器没有响应")

    def broken(*_args):
        raise error

    monkeypatch.setattr(mt, "room_data", broken)
    ex.changed.emit(Changes(frozenset({"attendance"})))  # another PC signed someone in
    ex.wait_idle()
    box = room.findChild(QMessageBox, "operationFailed")
    assert box is not None and box.isVisible()
    assert box.text() == describe(error)
    assert box.windowTitle() == QCoreApplication.translate("DbOp", "StreetBoard")
    box.close()
    room.close()

