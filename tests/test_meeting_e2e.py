"""A whole meeting, end to end, on the two offscreen screens (laptop + projector):

agenda → sign-in → step through the items typing minutes → two resolutions → close → approve →
export DOCX (reopened with python-docx: text and layout) → the database refuses to change the
approved minutes → ``verify`` catches a row changed behind the app's back.

The agenda is built with the ``db.meetings`` services the Meetings page calls (dragging rows is
not what this test is about); everything after that is driven through the meeting room and the
决议督办 page. Runs on SQLite and, with ``STREETBOARD_TEST_PG``, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from docx import Document
from docx.shared import Mm
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from db.meetings import agenda as mt
from db.meetings import minutes as mn
from db.meetings.signatures import register_key
from db.schema.meetings import Meeting, MinutesRevision
from db.schema.resolutions import Resolution, Task
from desktop.meetings.drafts import DraftStore
from desktop.meetings.room import MeetingRoom
from desktop.resolutions.page import ResolutionsPage


def _count(db, model, meeting_id: int) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.meeting_id == meeting_id))


def _status(db, meeting_id: int) -> str:
    with db.session() as s:
        return s.get(Meeting, meeting_id).status


def test_a_whole_meeting(demo_db, executor, qtbot, tmp_path, qtmodeltester, no_leaked_windows, monkeypatch):
    ex = executor(demo_db)
    # ---- before the meeting: the agenda
    with demo_db.session.begin() as s:
        meeting_id = s.scalars(select(Meeting.id).where(Meeting.status == "planned")).one()
        mt.add_item(s, meeting_id, title="关于小区电动车集中充电设施建设", kind="proposal", planned_minutes=15)
        mt.lock_agenda(s, meeting_id)
        starts = s.get(Meeting, meeting_id).starts_at

    # ---- the meeting room: start, sign in, step through the items
    room = MeetingRoom(meeting_id, start=True, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(room)
    room.show()
    with qtbot.waitSignal(room.loaded, timeout=30_000):
        room.refresh()
    assert room.data is not None and room.data.meeting.status == "in_progress"
    members = [row for row in room.data.roster if row.member_id]
    present, excused = members[:-1], members[-1]
    for row in present:
        room.sign_name.setText(row.name)
        room.sign_status.setCurrentIndex(room.sign_status.findData("present"))
        room.sign_in()
        qtbot.waitUntil(lambda n=row.name: any(x.name == n and x.status == "present" for x in room.data.roster),
                        timeout=10_000)
    room.sign_name.setText(excused.name)
    room.sign_status.setCurrentIndex(room.sign_status.findData("excused"))
    room.sign_delegate.setText("代理人甲")
    room.sign_in()
    qtbot.waitUntil(lambda: any(x.name == excused.name and x.status == "excused" for x in room.data.roster),
                    timeout=10_000)
    room.sign_name.setText("列席人乙")
    room.sign_status.setCurrentIndex(room.sign_status.findData("observer"))
    room.sign_in()
    qtbot.waitUntil(lambda: any(x.name == "列席人乙" for x in room.data.roster), timeout=10_000)
    assert room.data.quorum.quorate

    items = list(room.data.items)
    assert len(items) == 3
    deadline = starts.date() + dt.timedelta(days=30)
    for k, item in enumerate(items):
        assert room.current_item().id == item.id
        room.editor.setPlainText(f"{item.title}：与会委员讨论后形成意见（第{k + 1}项）。")
        with qtbot.waitSignal(room.notes_saved, timeout=10_000):
            room.editor.flush()
        if k >= 1:  # two resolutions, on items 2 and 3
            room.res_text.setPlainText(f"第{k}项议定事项：由牵头单位制定方案并按期报送进展。")
            room.res_owner.setCurrentIndex(1 + k)
            room.res_deadline.setDate(QDate(deadline.year, deadline.month, deadline.day))
            room.res_button.click()
            qtbot.waitUntil(lambda n=k: _count(demo_db, Resolution, meeting_id) == n, timeout=10_000)
        if k < len(items) - 1:
            room.next_button.click()
    with demo_db.session() as s:
        owners = [r.owner_unit_id for r in s.scalars(select(Resolution).where(Resolution.meeting_id == meeting_id))]
        assert s.scalar(select(func.count()).select_from(Task).join(Resolution).where(
            Resolution.meeting_id == meeting_id)) == 2  # each resolution is a tracked task

    # ---- close: asked first, with what is unfinished; then the minutes draft is assembled from the record
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _w, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Yes)
    room.close_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert "结束会议" in asked[0]
    qtbot.waitUntil(lambda: _status(demo_db, meeting_id) == "closed", timeout=10_000)
    room.close()
    ex.wait_idle()

    # ---- the 决议督办 page: the ledger shows both, the secretary approves and exports
    page = ResolutionsPage()
    qtbot.addWidget(page)
    ex.changed.connect(page.on_changes)
    page.resize(1366, 768)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    page.meeting_filter.setCurrentIndex(page.meeting_filter.findData(meeting_id))
    assert page.proxy.rowCount() == 4  # two resolutions, each with its task
    page.show_minutes_of(meeting_id)
    qtbot.waitUntil(lambda: page._record is not None and page._record.meeting_id == meeting_id, timeout=10_000)
    assert page.approve_button.isEnabled() and not page._record.approved
    with demo_db.session.begin() as s:  # the secretary's signing key, registered at set-up
        register_key(s, ex.actor)
    page.approve_button.click()
    qtbot.waitUntil(lambda: _status(demo_db, meeting_id) == "approved", timeout=10_000)
    qtbot.waitUntil(lambda: page._record is not None and page._record.approved, timeout=10_000)
    assert "SHA-256" in page.minutes_status.text()

    out = tmp_path / "纪要.docx"
    page.export_minutes(out, "docx")
    assert out.exists(), page.message.text()
    page.export_minutes(tmp_path / "missing" / "纪要.docx", "docx")  # a folder that is not there
    assert str(tmp_path / "missing") in page.message.text() and not (tmp_path / "missing").exists()
    page.close()
    ex.wait_idle()

    # ---- the DOCX: text and layout values
    doc = Document(str(out))
    section = doc.sections[0]
    for value, mm in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, 37),
                      (section.left_margin, 28), (section.right_margin, 26), (section.bottom_margin, 35)):
        assert abs(value - Mm(mm)) <= Mm(0.5)
    mark, title = doc.paragraphs[0], doc.paragraphs[4]  # 版头: 纪要标志, 期号, 编印单位 and date, red rule
    with demo_db.session() as s:
        meeting_title = s.get(Meeting, meeting_id).title
        unit_names = {uid: name for uid, name in s.execute(text("SELECT id, name FROM resident_unit"))}
    assert mark.text.endswith("大工委会议纪要") and str(mark.runs[0].font.color.rgb) == "FF0000"
    assert title.text == f"{re.sub(r'（[^（）]*月[^（）]*日）$', '', meeting_title)}纪要" and title.alignment == 1
    assert title.runs[0].font.size.pt == 22 and title.runs[0].font.color.rgb is None  # black under the red 版头
    assert doc.styles["Normal"].font.size.pt == 16
    texts = [p.text for p in doc.paragraphs]
    body = "\n".join(texts)
    assert "现将议定事项纪要如下：" in body
    for item in items:
        assert item.title in body
    attendance = {t[:3]: t for t in texts if t[:3] in ("出席：", "请假：", "列席：")}
    assert {"出席：", "列席："} <= set(attendance)
    assert all(row.name in attendance["出席："] for row in present)
    assert f"{excused.name}（由代理人甲代为出席）" in attendance["出席："]
    assert "列席人乙" in attendance["列席："]
    for number, owner in enumerate(owners, start=1):
        at = next(i for i, t in enumerate(texts) if re.match(rf"\d+\. 第{number}项议定事项", t))  # 1. under each item
        assert texts[at + 1].startswith(f"（1）牵头单位：{unit_names[owner]}")
        assert texts[at + 2] == f"（2）完成时限：{deadline.year}年{deadline.month}月{deadline.day}日前。"
    label = next(p for p in doc.paragraphs if p.text.startswith("出席："))
    assert label.runs[0].text == "出席：" and "黑体" in label.runs[0]._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    with zipfile.ZipFile(out) as z:
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert "PAGE" in footers and "— " in footers and 'w:sz w:val="28"' in footers  # 4号 = 14 pt

    # ---- the database refuses to change the approved minutes
    with demo_db.session() as s:
        rev_id = s.scalar(select(MinutesRevision.id).join(MinutesRevision.minutes).where(
            MinutesRevision.approved_at.is_not(None), MinutesRevision.minutes.has(meeting_id=meeting_id)))
    with pytest.raises(IntegrityError, match="approved minutes"), demo_db.engine.begin() as conn:
        conn.execute(text(f"UPDATE minutes_revision SET content = replace(content, '讨论', '研究') WHERE id = {rev_id}"))
    with demo_db.session() as s:
        assert mn.verify(s).ok

    # ---- verify catches a row changed behind the app's back (guard switched off first)
    with demo_db.engine.begin() as conn:
        if demo_db.engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE minutes_revision DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER minutes_revision_no_update"))
        conn.execute(text(f"UPDATE minutes_revision SET content = replace(content, '讨论', '研究') WHERE id = {rev_id}"))
        if demo_db.engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE minutes_revision ENABLE TRIGGER USER"))
    with demo_db.session() as s:
        report = mn.verify(s)
    assert [(p.kind, p.meeting_id, p.meeting_title) for p in report.problems] == [
        ("content_changed", meeting_id, meeting_title)]
