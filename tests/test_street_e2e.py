"""A real street from an empty database, end to end, on the offscreen screens:

the set-up assistant filled from a set-up workbook this test writes → a unit import and a case
import (naming communities and grids) through the import wizard → a meeting of the street
committee (大工委) and one of a community 大党委, each signed in through the meeting room against
its own roster and quorum rule → both closed and approved on the 决议督办 page, the approved
minutes' 出席 list being that body's members.

The community body and its members are written with the ``db.meetings.bodies`` services (no
screen edits bodies yet); agendas with the ``db.meetings`` services the Meetings page calls.
Runs on SQLite and, with ``STREETBOARD_TEST_PG``, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import func, select

from db.meetings import agenda as mt
from db.meetings import bodies
from db.meetings import minutes as mn
from db.meetings.signatures import register_key
from db.schema.cases import GridCase
from db.schema.meetings import Meeting
from db.schema.street import Community, Grid
from db.schema.units import CommitteeMember, ResidentUnit
from db.street.setup import write_template
from db.units.importing import UNIT_SPEC
from desktop.imports.wizard import ImportWizard
from desktop.meetings.drafts import DraftStore
from desktop.meetings.room import MeetingRoom
from desktop.resolutions.page import ResolutionsPage
from desktop.street.wizard import SetupWizard

SHEETS: dict[str, list[tuple]] = {
    "街道": [("包河区望湖街道", "340111006", "包河区", "合肥市", 3, dt.date(2024, 1, 1), dt.date(2028, 12, 31))],
    "社区": [(1, "汇湖社区", "否"), (2, "明珠社区", "否")],
    "网格": [("汇湖社区", 1, "汇湖一网格", ""), ("汇湖社区", 2, "汇湖二网格", ""), ("明珠社区", 1, "明珠一网格", "")],
    "网格员": [("340111006001001", "张敏", "13800000001", "是")],
    "大工委成员": [("李华", "书记", "专职", "包河区望湖街道办事处", "党工委书记", ""),
              ("陈静", "副书记", "专职", "包河区望湖街道办事处", "办事处主任", ""),
              ("赵六", "委员", "兼职", "合肥市住房保障和房产管理局", "副局长", ""),
              ("钱七", "委员", "兼职", "合肥市住房保障和房产管理局", "处长", "")],
    "处置部门": [("城市管理办公室", "街道科室")],
    "市直部门": [("合肥市住房保障和房产管理局", "市房产局", "王强", "0551-1")],
    "事件分类": [("市容环境", "暴露垃圾", "事件", 3), ("市政设施", "井盖", "部件", 5)],
}
COMMUNITY_MEMBERS = ("社区书记甲", "物业经理乙", "社区民警丙", "业委会主任丁", "退休党员戊")


def _workbook(path: Path) -> Path:
    write_template(path)
    book = load_workbook(path)
    for title, rows in SHEETS.items():
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                book[title].cell(r, c, value)
    book.save(path)
    return path


def _import(wizard: ImportWizard, qtbot, path: Path) -> None:
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=30_000)
    wizard.next()
    page = wizard.check_page
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    assert page.import_button.isEnabled(), page.summary.text()
    page.import_button.click()
    qtbot.waitUntil(lambda: page.done, timeout=30_000)


def _status(db, meeting_id: int) -> str:
    with db.session() as s:
        return s.get(Meeting, meeting_id).status


def _hold(db, qtbot, tmp_path: Path, meeting_id: int, present: list[str], *, excused: str = "",
          stranger: str = "") -> MeetingRoom:
    """Start the meeting in the room, sign ``present`` in (and ``excused``), write the item's minutes, close."""
    room = MeetingRoom(meeting_id, start=True, drafts=DraftStore(tmp_path / f"drafts{meeting_id}"))
    qtbot.addWidget(room)
    room.show()
    with qtbot.waitSignal(room.loaded, timeout=30_000):
        room.refresh()
    if stranger:  # somebody who is not on this body's roster cannot sign in as a member
        room.sign_name.setText(stranger)
        room.sign_status.setCurrentIndex(room.sign_status.findData("present"))
        room.sign_in()
        qtbot.waitUntil(lambda: stranger in room.message.text(), timeout=10_000)
        assert not any(r.name == stranger for r in room.data.roster)
    for name, status in [(n, "present") for n in present] + ([(excused, "excused")] if excused else []):
        room.sign_name.setText(name)
        room.sign_status.setCurrentIndex(room.sign_status.findData(status))
        room.sign_in()
        qtbot.waitUntil(lambda n=name, st=status: any(r.name == n and r.status == st for r in room.data.roster),
                        timeout=10_000)
    room.editor.setPlainText("与会人员讨论后形成意见。")
    with qtbot.waitSignal(room.notes_saved, timeout=10_000):
        room.editor.flush()
    return room


def test_a_street_set_up_from_its_workbook_holds_its_bodies_meetings(tmp_path, empty_db, executor, qtbot,
                                                                       no_leaked_windows, monkeypatch):
    ex = executor(empty_db)
    # 结束会议 asks first; the chair answers yes
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    # ---- the set-up assistant, filled from the workbook
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.read_workbook(_workbook(tmp_path / "设置.xlsx"))
    while wizard.currentPage() is not wizard.summary:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.summary.checked, timeout=10_000)
    assert wizard.summary.rejects == []
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10_000)
    with empty_db.session() as s:
        committee = list(s.scalars(select(CommitteeMember.name).order_by(CommitteeMember.position)))
        assert committee == ["李华", "陈静", "赵六", "钱七"]

    # ---- units, then cases naming communities and grids, through the import wizard
    units = tmp_path / "单位.csv"
    units.write_text("单位名称,单位类型,所在社区\n望湖小学,学校,汇湖社区\n明珠物业,物业,明珠社区\n", encoding="utf-8")
    unit_wizard = ImportWizard(ex, spec=UNIT_SPEC)
    qtbot.addWidget(unit_wizard)
    unit_wizard.show()
    _import(unit_wizard, qtbot, units)
    unit_wizard.close()
    cases = tmp_path / "事件.xlsx"
    book = Workbook()
    book.active.append(["事件编号", "标题", "上报时间", "社区", "网格编码", "大类", "小类"])
    book.active.append(["A1", "垃圾堆放", "2026-11-30 09:00", "汇湖社区", "340111006001002", "市容环境", "暴露垃圾"])
    book.active.append(["A2", "井盖缺失", "2026-11-30 10:00", "明珠社区", "明珠一网格", "市政设施", "井盖"])
    book.save(cases)
    case_wizard = ImportWizard(ex)
    qtbot.addWidget(case_wizard)
    case_wizard.show()
    _import(case_wizard, qtbot, cases)
    case_wizard.close()
    ex.wait_idle()
    with empty_db.session() as s:
        school = s.scalars(select(ResidentUnit).where(ResidentUnit.name == "望湖小学")).one()
        assert s.get(Community, school.community_id).name == "汇湖社区"
        placed = s.execute(select(GridCase.case_number, Grid.code).join(Grid, Grid.id == GridCase.grid_id)
                           .order_by(GridCase.case_number)).all()
        assert placed == [("A1", "340111006001002"), ("A2", "340111006002001")]

    # ---- the 汇湖社区 大党委 (at least two thirds present) with members of its own; two meetings
    starts = dt.datetime.combine(dt.date.today(), dt.time(9, 0))
    with empty_db.session.begin() as s:
        huihu = s.scalars(select(Community.id).where(Community.name == "汇湖社区")).one()
        body = bodies.create_body(s, kind="community_committee", name="汇湖社区大党委", quorum_rule="two_thirds",
                                  community_id=huihu)
        for name in COMMUNITY_MEMBERS:
            bodies.add_member(s, body.id, name=name, unit_id=school.id if name == "社区民警丙" else None)
        street_meeting = mt.create_meeting(s, kind="regular", title="望湖街道大工委例会", starts_at=starts).id
        community_meeting = mt.create_meeting(s, kind="community", title="汇湖社区大党委会议", starts_at=starts,
                                              body_id=body.id).id
        for meeting_id in (street_meeting, community_meeting):
            mt.add_item(s, meeting_id, title="辖区网格事件办理情况", kind="case_review")
            mt.lock_agenda(s, meeting_id)
        register_key(s, ex.actor)  # the secretary's signing key, registered at set-up

    # ---- the street committee: its term's four members, more than half needed
    room = _hold(empty_db, qtbot, tmp_path, street_meeting, ["李华", "陈静", "赵六"], excused="钱七",
                 stranger="社区书记甲")
    assert [r.name for r in room.data.roster if r.is_member] == committee
    q = room.data.quorum
    assert (q.members, q.required, q.present, q.quorate) == (4, 3, 3, True)
    room.close_button.click()
    qtbot.waitUntil(lambda: _status(empty_db, street_meeting) == "closed", timeout=10_000)
    room.close()

    # ---- the community 大党委: its five members, at least two thirds (4) needed; a 大工委 member is not one
    room = _hold(empty_db, qtbot, tmp_path, community_meeting, list(COMMUNITY_MEMBERS[:3]), stranger="李华")
    assert [r.name for r in room.data.roster if r.is_member] == list(COMMUNITY_MEMBERS)
    q = room.data.quorum
    assert (q.members, q.required, q.present, q.quorate) == (5, 4, 3, False)
    room.sign_name.setText(COMMUNITY_MEMBERS[3])
    room.sign_status.setCurrentIndex(room.sign_status.findData("present"))
    room.sign_in()
    qtbot.waitUntil(lambda: room.data.quorum.present == 4, timeout=10_000)
    assert room.data.quorum.quorate
    room.close_button.click()
    qtbot.waitUntil(lambda: _status(empty_db, community_meeting) == "closed", timeout=10_000)
    room.close()
    ex.wait_idle()

    # ---- both approved on the 决议督办 page; the minutes name each body's own members
    page = ResolutionsPage()
    qtbot.addWidget(page)
    ex.changed.connect(page.on_changes)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    for meeting_id in (street_meeting, community_meeting):
        page.show_minutes_of(meeting_id)
        qtbot.waitUntil(lambda m=meeting_id: page._record is not None and page._record.meeting_id == m,
                        timeout=10_000)
        page.approve_button.click()
        qtbot.waitUntil(lambda m=meeting_id: _status(empty_db, m) == "approved", timeout=10_000)
        qtbot.waitUntil(lambda: page._record is not None and page._record.approved, timeout=10_000)
        ex.wait_idle()  # the page has reloaded after the approval before the next minutes are opened
    page.close()
    ex.wait_idle()
    with empty_db.session() as s:
        street_minutes = mn.minutes_record(s, street_meeting)
        community_minutes = mn.minutes_record(s, community_meeting)
        assert mn.verify(s).ok
        assert s.scalar(select(func.count()).select_from(Meeting).where(Meeting.status == "approved")) == 2
    assert [p.name for p in street_minutes.present] == ["李华", "陈静", "赵六"]
    assert [p.name for p in street_minutes.excused] == ["钱七"]
    assert [p.name for p in community_minutes.present] == list(COMMUNITY_MEMBERS[:4])
    assert not {p.name for p in community_minutes.present} & set(committee)
