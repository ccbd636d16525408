"""The meetings page, the meeting room and the projector, on the two offscreen screens."""

from __future__ import annotations

import statistics

import pytest
from PySide6.QtCore import QElapsedTimer, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontInfo, QFontMetrics, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from sqlalchemy import select

from db.core.versioning import ConflictError
from db.meetings import agenda as mt
from db.schema.meetings import AgendaItem, Meeting
from desktop.core.messages import describe
from desktop.meetings.drafts import DraftStore
from desktop.meetings.page import AgendaModel, MeetingListModel, MeetingsPage
from desktop.meetings.presenter import COLOURS, FOREGROUNDS, MIN_FONT_PX_1080, FitLabel, PresenterWindow
from desktop.meetings.room import MeetingRoom, RosterModel


def _upcoming(db) -> int:
    with db.session() as s:
        return s.scalars(select(Meeting.id).where(Meeting.status == "planned")).one()


@pytest.fixture
def room(demo_db, executor, qtbot, tmp_path, no_leaked_windows):
    ex = executor(demo_db)
    meeting_id = _upcoming(demo_db)
    with demo_db.session.begin() as s:  # a case review with a case whose reporter must be masked
        item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                  AgendaItem.kind == "case_review")).one()
        found = mt.search_cases(s, "垃圾", limit=2)
        mt.update_item(s, item.id, title=item.title, kind="case_review", planned_minutes=20,
                       case_ids=[c.id for c in found])
    r = MeetingRoom(meeting_id, start=True, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(r)
    r.show()
    with qtbot.waitSignal(r.loaded, timeout=30_000):
        r.refresh()
    yield r, demo_db, ex
    r.close()
    ex.wait_idle()


def test_models_pass_the_model_tester(qtmodeltester, room):
    r, _db, _ex = room
    qtmodeltester.check(r.roster_model)
    assert isinstance(r.roster_model, RosterModel) and r.roster_model.rowCount() > 0
    agenda = AgendaModel()
    agenda.set_items(list(r.data.items), True)
    qtmodeltester.check(agenda)
    listing = MeetingListModel()
    with _db.session() as s:
        listing.set_rows(mt.list_meetings(s))
    qtmodeltester.check(listing)


def test_sign_in_updates_quorum_and_refuses_strangers(room, qtbot):
    r, db, _ex = room
    members = [row for row in r.data.roster if row.member_id]
    required = r.data.quorum.required
    for row in members[:required]:
        r.sign_name.setText(row.name)
        r.sign_status.setCurrentIndex(r.sign_status.findData("present"))
        r.sign_in()
        qtbot.waitUntil(lambda n=row.name: any(x.name == n and x.status == "present" for x in r.data.roster),
                        timeout=10_000)
    assert r.data.quorum.quorate and "已达到法定人数" in r.quorum_label.text()
    r.sign_name.setText("不认识的人")
    r.sign_in()
    qtbot.waitUntil(lambda: "列席" in r.message.text(), timeout=10_000)
    assert "不认识的人" in r.message.text()


def test_next_previous_and_presenter_follows_on_the_projector_screen(room, qtbot):
    r, db, _ex = room
    laptop, projector = QGuiApplication.screens()  # conftest's two screens
    assert laptop is QGuiApplication.primaryScreen()
    assert r.screen_combo.currentIndex() == 1  # the non-primary screen by default
    r.projector_button.setChecked(True)
    p = r.presenter
    assert p is not None and p.isVisible() and p.isFullScreen() and p.cursor().shape() == Qt.CursorShape.BlankCursor
    # what the window itself reports: the whole projector, not just "some full-screen state"
    qtbot.waitUntil(lambda: p.geometry() == projector.geometry(), timeout=5_000)
    assert p.screen() is projector and p.windowHandle().screen() is projector
    assert (p.width(), p.height()) == (1920, 1080) and p.geometry().x() == 1366
    assert QApplication.activeWindow() is r  # the chair keeps the keyboard
    # selectable: the chair can move it to the laptop and back
    r.screen_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: p.geometry() == laptop.geometry(), timeout=5_000)
    assert p.screen() is laptop and p.isFullScreen() and p.height() == 768
    r.screen_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: p.geometry() == projector.geometry(), timeout=5_000)
    assert p.isFullScreen() and p.height() == 1080

    # the chair's Next/Previous → the presenter's paint showing that item
    clock = QElapsedTimer()
    painted: list[tuple[int, int]] = []
    p.painted.connect(lambda item_id: painted.append((item_id, clock.elapsed())))
    times = []
    for step in (1, -1) * 10:
        before = r.index
        target = r.data.items[before + step].id
        painted.clear()
        clock.start()
        qtbot.keyClick(r, Qt.Key.Key_PageDown if step > 0 else Qt.Key.Key_PageUp)
        qtbot.waitUntil(lambda t=target: any(i == t for i, _ in painted), timeout=2_000)
        times.append(next(ms for i, ms in painted if i == target))
        assert r.index == before + step
        assert p.item_id == r.current_item().id and p.title.full_text == r.current_item().title
    assert len(times) == 20 and statistics.median(times) < 100, times
    qtbot.waitUntil(lambda: _snapshot_written(db, r.data.items[1].id), timeout=10_000)
    # the linked cases are on the projector, residents masked (a resident and a phone number in the title)
    case_item = next(i for i in r.data.items if i.kind == "case_review")
    with db.session.begin() as s:
        case = s.get(AgendaItem, case_item.id).cases[0]
        case.reporter_name, case.reporter_phone = "张三丰", "13812345678"
        case.title = "联系电话13812345678" + case.title
    with qtbot.waitSignal(r.loaded, timeout=30_000):
        r.refresh()
    p.show_item(case_item.id)
    lines = [label.full_text for label in p.lines if label.full_text]
    assert lines and all(n in " ".join(lines) for n in case_item.case_numbers[:1])
    shown = " ".join(label.full_text for label in p.findChildren(FitLabel))
    # the resident's own title never reaches the projector: category, community and grid instead
    assert "13812345678" not in shown and "5678" not in shown and "张三丰" not in shown and "网格" in shown
    r.projector_button.setChecked(False)
    assert not p.isVisible()


def _snapshot_written(db, item_id: int) -> bool:
    with db.session() as s:
        snap = s.get(AgendaItem, item_id).projected_snapshot
    return bool(snap and "figures" in snap and snap.get("shown_at"))


def _text_widgets(window: QWidget) -> list[QLabel]:
    """Every text the room can see (the presenter has labels only, no other text widgets)."""
    assert not [w for w in window.findChildren(QWidget) if w.isVisible() and not isinstance(w, QLabel)]
    return [w for w in window.findChildren(QLabel) if w.isVisible() and w.text()]


def _luminance(c: QColor) -> float:
    """WCAG 2 relative luminance."""
    channels = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (c.redF(), c.greenF(), c.blueF())]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def _contrast(a: QColor, b: QColor) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _painted_in(image, rect: QRect, colour: QColor) -> bool:
    target = colour.rgb()
    return any(image.pixel(x, y) == target for y in range(rect.top(), rect.bottom() + 1)
               for x in range(rect.left(), rect.right() + 1))


def _walk(p: PresenterWindow, qtbot, width: int, height: int):
    """Show every item of the presenter's meeting at this window size, with a long resolution."""
    p.resize(width, height)
    qtbot.waitUntil(lambda: (p.width(), p.height()) == (width, height), timeout=5_000)
    for item in p.data.items:
        p.show_item(item.id)
        p.set_resolution_text("由汇湖小学牵头，会同汇湖派出所整治校园周边交通秩序，每周通报一次进展" * 4)
        QApplication.processEvents()  # the labels' new heights through the layout
        yield item


def test_projector_fonts_contrast_and_fit(room, qtbot):
    r, db, _ex = room
    with db.session() as s:  # a held meeting with every kind of item (case, follow-up, unit, pairing, proposal)
        full_id = s.scalars(select(AgendaItem.meeting_id).where(AgendaItem.kind == "pairing_review")
                            .order_by(AgendaItem.meeting_id.desc()).limit(1)).one()
    room_view = PresenterWindow(r.meeting_id)
    room_view.set_room(r.data)
    held = PresenterWindow(full_id)
    presenters = (room_view, held)
    for p in presenters:
        qtbot.addWidget(p)
        p.show()
    with qtbot.waitSignal(held.loaded, timeout=30_000):
        held.refresh()
    kinds = {i.kind for p in presenters for i in p.data.items}
    assert {"case_review", "follow_up", "unit_report", "pairing_review"} <= kinds

    background = QColor(COLOURS["background"])
    allowed = {QColor(COLOURS[k]).rgb() for k in FOREGROUNDS}
    pairs: set[tuple[str, str]] = set()
    smallest = []
    for p in presenters:
        for _item in _walk(p, qtbot, 1920, 1080):
            widgets = _text_widgets(p)
            smallest.append(min(QFontInfo(w.font()).pixelSize() for w in widgets))
            image = p.grab().toImage()
            assert image.pixelColor(2, 2) == background  # what is painted behind the text
            for w in widgets:
                fg = w.palette().color(w.foregroundRole())
                assert not w.autoFillBackground() and fg.rgb() in allowed, (w.objectName(), fg.name())
                rect = QRect(w.mapTo(p, QPoint(0, 0)), w.size())
                assert _painted_in(image, rect, fg), (w.objectName(), fg.name(), w.text())
                pairs.add((fg.name(), image.pixelColor(rect.topLeft()).name()))
    assert min(smallest) >= 28 and min(smallest) == MIN_FONT_PX_1080, smallest
    assert len(pairs) >= 4
    for fg, bg in pairs:
        assert _contrast(QColor(fg), QColor(bg)) >= 7, (fg, bg)

    for p in presenters:
        for item in _walk(p, qtbot, 1024, 768):
            window = p.rect()
            placed = []
            for w in _text_widgets(p):
                geometry = QRect(w.mapTo(p, QPoint(0, 0)), w.size())
                assert window.contains(geometry), (item.title, w.objectName(), geometry)
                assert not any(geometry.intersects(other) for other in placed), (item.title, w.objectName())
                placed.append(geometry)
                fm, room_for_text = QFontMetrics(w.font()), w.contentsRect()
                if w.wordWrap():
                    needed = fm.boundingRect(QRect(0, 0, room_for_text.width(), 100_000),
                                             Qt.TextFlag.TextWordWrap, w.text()).height()
                    assert needed <= room_for_text.height(), (item.title, w.objectName(), w.text())
                else:
                    assert fm.horizontalAdvance(w.text()) <= room_for_text.width(), (item.title, w.text())
                    assert fm.height() <= room_for_text.height(), (item.title, w.objectName())
                # cut only where intended: the whole text, or its beginning and an ellipsis
                assert w.text() == w.full_text or (w.text().endswith("…")
                                                   and w.full_text.startswith(w.text()[:-1])), w.text()
    for p in presenters:
        p.close()


def _type_through_input_method(widget, text: str) -> None:
    """Type Chinese as a recorder does: the input method commits each character.

    (``qtbot.keyClicks`` cannot: QTest maps every character to a key code and aborts the whole
    process — ``ASSERT: "false" in qasciikey.cpp`` — on anything outside Latin-1.)
    """
    for ch in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)


def test_minutes_autosave_to_database_and_draft_offered_back(room, qtbot, monkeypatch):
    r, db, _ex = room
    # a test must never wait on a modal dialog: any dialog the room opens about the conflict below
    # is dismissed at once, i.e. the recorder decides later
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    item = r.current_item()
    r.editor.setFocus()
    with qtbot.waitSignal(r.notes_saved, timeout=10_000):
        _type_through_input_method(r.editor, "与会委员一致同意")
    with db.session() as s:
        assert s.get(AgendaItem, item.id).notes.endswith("与会委员一致同意")
    assert not r.drafts.path(r.meeting_id, item.id).exists()  # the database holds the same text
    # someone else saves meanwhile: ours is refused, kept in the editor and in the draft file
    with db.session.begin() as s:
        s.get(AgendaItem, item.id).notes = "另一台电脑的记录"
    _type_through_input_method(r.editor, "，另行研究")
    r.editor.flush()
    qtbot.waitUntil(lambda: item.id in r.conflicts, timeout=10_000)
    # one sentence, and the recorder's text stays where it was typed
    stale = describe(ConflictError("agenda_item", item.id, 0, mine={"notes": ""}))
    assert r.save_label.text() == stale and "另行研究" not in stale and stale.isascii() is False
    assert r.editor.toPlainText().endswith("，另行研究")
    draft = r.drafts.drafts(r.meeting_id)
    assert draft and draft[0].text.endswith("，另行研究")
    with db.session() as s:
        assert s.get(AgendaItem, item.id).notes == "另一台电脑的记录"
    second = MeetingRoom(r.meeting_id, drafts=r.drafts)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.loaded, timeout=30_000):
        second.refresh()
    assert second.drafts_bar.isVisibleTo(second) and "1" in second.drafts_label.text()
    second.restore_drafts()
    assert second.editor.toPlainText().endswith("，另行研究")
    second.close()


def test_resolution_form_records_a_resolution(room, qtbot):
    r, db, _ex = room
    r.res_text.setPlainText("由区五院牵头开展社区义诊")
    r.res_owner.setCurrentIndex(1)
    r.record_resolution()
    qtbot.waitUntil(lambda: r.res_list.count() == 1, timeout=10_000)
    r.res_text.setPlainText("没有牵头单位的决议")
    r.res_owner.setCurrentIndex(0)
    r.record_resolution()
    qtbot.waitUntil(lambda: "牵头单位" in r.message.text(), timeout=10_000)


def test_meetings_page_builds_the_agenda_and_exports_the_notice(demo_db, executor, qtbot, tmp_path,
                                                                no_leaked_windows):
    ex = executor(demo_db)
    page = MeetingsPage()
    qtbot.addWidget(page)
    ex.changed.connect(page.on_changes)  # as the main window wires every page
    page.show()  # a change refreshes a page that is on screen
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    assert page.data.detail.meeting.status == "planned"
    before = page.agenda_model.rowCount()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.generate_follow_up()
    assert page.agenda_model.rowCount() > before
    assert any(i.kind == "follow_up" and i.unit_id for i in page.agenda_model.rows())
    over = page.data.detail.agenda_minutes > page.data.detail.meeting.planned_minutes
    assert ("超出" in page.total_label.text()) == over
    last = page.agenda_model.rows()[-1].id
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.agenda_model.move(page.agenda_model.rowCount() - 1, 0)
    assert page.agenda_model.record(0).id == last
    page.export_notice("pdf", str(tmp_path / "notice.pdf"))  # the body's members are read on the worker
    page.export_notice("xlsx", str(tmp_path / "notice.xlsx"))
    qtbot.waitUntil(lambda: (tmp_path / "notice.pdf").exists(), timeout=10_000)
    pdf = (tmp_path / "notice.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile" in pdf
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "notice.xlsx").active
    assert ws["A1"].value == page.data.detail.meeting.title
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.toggle_lock()
    assert page.data.detail.meeting.status == "agenda_locked" and not page.buttons["add"].isEnabled()


def test_snapshot_renders_the_room_and_the_projector(demo_db, executor, sb_app):
    from desktop.app import snapshot

    ex = executor(demo_db)
    meeting_id = _upcoming(demo_db)
    assert snapshot.is_view(f"meeting:{meeting_id}") and not snapshot.is_view("meeting:x")
    for view, size in ((f"meeting:{meeting_id}", QSize(1366, 768)), (f"presenter:{meeting_id}", QSize(1024, 768))):
        image = snapshot.render(view, ex, size)
        assert (image.width(), image.height()) == (size.width(), size.height())
        assert len({image.pixel(x, y) for x in range(0, size.width(), 9) for y in range(0, size.height(), 9)}) > 5
