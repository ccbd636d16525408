"""The meeting room by keyboard at 1366×768, its sign-in form, closing with confirmation, reopening."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from sqlalchemy import select

from db.core.base import AuditLog
from db.meetings import agenda as mt
from db.schema.meetings import AgendaItem, Meeting
from desktop.meetings.drafts import DraftStore
from desktop.meetings.room import MeetingRoom


@pytest.fixture
def room(demo_db, executor, qtbot, tmp_path, no_leaked_windows):
    ex = executor(demo_db)
    with demo_db.session.begin() as s:  # a case review item titled from a resident's words
        meeting_id = s.scalars(select(Meeting.id).where(Meeting.status == "planned")).one()
        item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                  AgendaItem.kind == "case_review")).first()
        found = mt.search_cases(s, "垃圾", limit=1)
        mt.update_item(s, item.id, title="居民张三反映138 1234 5678", kind="case_review", planned_minutes=20,
                       case_ids=[c.id for c in found])
    r = MeetingRoom(meeting_id, start=True, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(r)
    r.resize(1366, 768)
    r.show()
    with qtbot.waitSignal(r.loaded, timeout=30_000):
        r.refresh()
    r.activateWindow()
    qtbot.waitUntil(r.isActiveWindow, timeout=5_000)
    yield r, demo_db, ex
    r.close()
    ex.wait_idle()


def _focus_chain(r: MeetingRoom, qtbot, start: QWidget, backwards: bool = False) -> list[QWidget]:
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=5_000)
    seen: list[QWidget] = [start]
    for _ in range(80):
        key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
        qtbot.keyClick(QApplication.focusWidget(), key,
                       Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier)
        now = QApplication.focusWidget()
        if now is start:
            return seen
        seen.append(now)
    raise AssertionError("Tab never came back to where it started: a control keeps the focus")


def _owner(widget: QWidget, targets: list[QWidget]) -> QWidget | None:
    """The room control ``widget`` is (or is inside: a date edit's line edit)."""
    while widget is not None:
        if widget in targets:
            return widget
        widget = widget.parentWidget()
    return None


def test_tab_and_shift_tab_reach_every_control_and_shortcuts_are_in_tooltips(room, qtbot):
    r, _db, _ex = room
    assert r.size().width() == 1366 and r.size().height() == 768
    controls = [w for w in r.shortcuts if w.isVisible()]
    assert {r.res_owner, r.res_deadline, r.res_button, r.close_button, r.editor, r.res_text} <= set(controls)
    for backwards in (False, True):
        chain = _focus_chain(r, qtbot, r.sign_name, backwards)
        reached = {_owner(w, controls) for w in chain} - {None}
        enabled = {w for w in controls if w.isEnabled()}
        assert enabled <= reached, sorted(w.objectName() or type(w).__name__ for w in enabled - reached)
    for widget, keys in r.shortcuts.items():
        assert keys.toString(QKeySequence.SequenceFormat.NativeText) in widget.toolTip(), widget.toolTip()


def test_shortcuts_move_the_focus_to_their_control(room, qtbot):
    r, _db, _ex = room
    for widget in (r.res_owner, r.res_deadline, r.res_co_units, r.sign_status, r.sign_delegate, r.roster, r.editor):
        r.sign_name.setFocus()
        qtbot.keySequence(r.sign_name, r.shortcuts[widget])
        assert _owner(QApplication.focusWidget(), [widget]) is widget


def test_tab_in_the_minutes_moves_on_and_ctrl_tab_types_a_tab(room, qtbot):
    r, _db, _ex = room
    r.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is r.editor, timeout=5_000)
    r.editor.insertPlainText("会议")
    qtbot.keyClick(r.editor, Qt.Key.Key_Tab)
    assert "\t" not in r.editor.toPlainText() and QApplication.focusWidget() is not r.editor
    r.editor.setFocus()
    qtbot.keyClick(r.editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert "\t" in r.editor.toPlainText() and QApplication.focusWidget() is r.editor
    r.res_text.setFocus()
    qtbot.keyClick(r.res_text, Qt.Key.Key_Tab)
    assert "\t" not in r.res_text.toPlainText() and QApplication.focusWidget() is not r.res_text


def test_sign_in_form_resets_and_keeps_the_next_name(room, qtbot):
    r, _db, _ex = room
    members = [row for row in r.data.roster if row.member_id and row.status is None]
    first, second = members[0], members[1]
    r.sign_name.setText(first.name)
    r.sign_status.setCurrentIndex(r.sign_status.findData("excused"))
    r.sign_in()
    assert r.sign_status.currentData() == "present" and r.sign_name.text() == ""
    r.sign_name.setText(second.name[:1])  # typing the next name while the first save is on its way
    qtbot.waitUntil(lambda: any(x.name == first.name and x.status == "excused" for x in r.data.roster),
                    timeout=10_000)
    assert r.sign_name.text() == second.name[:1]
    r.sign_name.setText(second.name)
    r.sign_in()
    qtbot.waitUntil(lambda: any(x.name == second.name and x.status == "present" for x in r.data.roster),
                    timeout=10_000)
    r.sign_name.setText("外单位来宾")
    r.sign_status.setCurrentIndex(r.sign_status.findData("observer"))
    assert r.sign_unit.isEnabled()
    r.sign_unit.setCurrentIndex(1)
    unit = r.sign_unit.currentText()
    r.sign_in()
    qtbot.waitUntil(lambda: any(x.name == "外单位来宾" and x.unit_name == unit for x in r.data.roster),
                    timeout=10_000)


def test_a_refused_sign_in_gives_the_form_back(room, qtbot):
    r, _db, _ex = room
    member = next(row for row in r.data.roster if row.member_id)
    r.sign_name.setText(member.name)
    r.sign_status.setCurrentIndex(r.sign_status.findData("absent"))
    r.sign_delegate.setText("张三")  # a delegate for an absent member is refused
    r.sign_in()
    qtbot.waitUntil(lambda: r.sign_name.text() == member.name, timeout=10_000)
    assert r.sign_status.currentData() == "absent" and r.sign_delegate.text() == "张三"


def test_closing_asks_with_what_is_unfinished_and_reopening_needs_a_reason(room, qtbot, monkeypatch):
    r, db, ex = room
    asked: list[str] = []

    def answer(reply):
        def question(_parent, _title, text, *_args):
            asked.append(text)
            return reply
        return question

    r.res_text.setPlainText("请城管中队牵头整治")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    r.close_meeting()
    ex.wait_idle()
    unsigned = next(row.name for row in r.data.roster if row.member_id and row.status is None)
    assert unsigned in asked[0] and "未记录" in asked[0] and "没有纪要" in asked[0]
    with db.session() as s:
        assert s.get(Meeting, r.meeting_id).status == "in_progress"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    r.close_meeting()
    qtbot.waitUntil(lambda: r.data.meeting.status == "closed", timeout=20_000)
    assert r.close_button.isEnabled() and r.close_button.text() == "重新开启会议"
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("  ", True))
    r.close_meeting()
    qtbot.waitUntil(lambda: "理由" in r.message.text(), timeout=10_000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("漏记一项议定事项", True))
    r.close_meeting()
    qtbot.waitUntil(lambda: r.data.meeting.status == "in_progress", timeout=20_000)
    with db.session() as s:
        assert s.get(Meeting, r.meeting_id).reopen_reason == "漏记一项议定事项"
        audited = s.scalars(select(AuditLog).where(AuditLog.table_name == "meeting",
                                                   AuditLog.row_id == r.meeting_id)).all()
        assert any("漏记一项议定事项" in str(a.new_values) for a in audited)


def test_no_record_item_and_an_item_added_during_the_meeting(room, qtbot, monkeypatch):
    r, db, ex = room
    count = len(r.data.items)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("临时动议：冬季防火检查", True))
    r.add_item_button.click()
    qtbot.waitUntil(lambda: len(r.data.items) == count + 1, timeout=20_000)
    assert r.data.items[-1].title == "临时动议：冬季防火检查"
    item = r.current_item()
    r.no_record_button.click()
    qtbot.waitUntil(lambda: next(i for i in r.data.items if i.id == item.id).no_record, timeout=20_000)
    with db.session() as s:
        assert s.get(AgendaItem, item.id).no_record
        assert mt.agenda_items(s, r.meeting_id)[0].no_record == (r.data.items[0].id == item.id)


def test_the_item_on_screen_when_the_projector_comes_on_is_recorded_and_the_room_sees_no_free_text(room, qtbot,
                                                                                                     monkeypatch):
    r, db, ex = room
    item = next(i for i in r.data.items if i.kind == "case_review")
    r.index = next(n for n, i in enumerate(r.data.items) if i.id == item.id)
    r._show_item()
    with db.session() as s:
        assert s.get(AgendaItem, item.id).projected_snapshot is None
    r.set_projector_visible(True)
    try:
        qtbot.waitUntil(lambda: _snapshot(db, item.id) is not None, timeout=20_000)
        assert _snapshot(db, item.id)["shown_at"]
        shown = " ".join(w.text() for w in r.presenter.findChildren(QWidget) if hasattr(w, "text"))
        assert "1234" not in shown and "张三" not in shown and "张*" in shown
        monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("垃圾清运不及时，联系人李四", True))
        r.public_button.click()
        qtbot.waitUntil(lambda: "垃圾清运不及时" in " ".join(
            w.text() for w in r.presenter.findChildren(QWidget) if hasattr(w, "text")), timeout=20_000)
        shown = " ".join(w.text() for w in r.presenter.findChildren(QWidget) if hasattr(w, "text"))
        assert "李四" not in shown and "联系人李*" in shown
    finally:
        r.set_projector_visible(False)


def _snapshot(db, item_id):
    with db.session() as s:
        return s.get(AgendaItem, item_id).projected_snapshot


def test_the_meetings_page_shows_at_least_eight_agenda_rows_at_1366x768(demo_db, executor, qtbot, no_leaked_windows):
    from desktop.meetings.page import MeetingsPage

    executor(demo_db)
    page = MeetingsPage()
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    view = page.agenda_view
    row = view.verticalHeader().defaultSectionSize()
    assert view.viewport().height() // row >= 8, (view.viewport().height(), row)
