"""Meeting services (db.meetings): agenda, proposals, follow-ups, sign-in and quorum, notes, resolutions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.core.texts import mask_name, mask_phone, mask_text
from db.core.versioning import ConflictError
from db.meetings import agenda as mt
from db.meetings import bodies
from db.meetings import room as mt_room
from db.meetings import signin as mt_signin
from db.schema.meetings import (
    AgendaItem,
    Meeting,
    QuorumRule,
    TopicProposal,
    resolution_case,
    resolution_co_unit,
)
from db.schema.resolutions import Resolution, Task
from db.schema.street import CommitteeTerm
from db.schema.units import CommitteeMember, ResidentUnit
from tests import factories as f

MEETING_AT = dt.datetime(2026, 7, 1, 14, 30)


@pytest.fixture
def street(empty_db):
    """A term of four member units (one member each), a meeting on 2026-07-01, two earlier resolutions."""
    with empty_db.session.begin() as s:
        office = f.street(s)
        units = [f.unit(s, office, name) for name in ("甲小学", "乙医院", "丙派出所", "丁物业")]
        term = f.term(s, office, *units)
        earlier = f.meeting(s, term, dt.datetime(2026, 5, 10, 9))
        f.resolution(s, earlier, units[0], dt.date(2026, 6, 1))  # overdue at the meeting
        f.resolution(s, earlier, units[0], dt.date(2026, 8, 1))
        f.resolution(s, earlier, units[1], dt.date(2026, 9, 1))
        f.resolution(s, earlier, units[2], dt.date(2026, 5, 30), status="done")
        s.flush()
        info = mt.create_meeting(s, kind="regular", title="7月例会", starts_at=MEETING_AT, place="三楼会议室",
                                 chair="书记", recorder="记录员", term_id=term.id)
        members = [m.id for m in s.scalars(select(CommitteeMember).where(CommitteeMember.term_id == term.id)
                                         .order_by(CommitteeMember.position))]
        ids = {"meeting": info.id, "units": [u.id for u in units], "members": members, "term": term.id}
    return empty_db, ids


def test_create_meeting_takes_kind_defaults_and_refuses_bad_input(street):
    db, ids = street
    with db.session.begin() as s:
        m = s.get(Meeting, ids["meeting"])
        assert (m.quorum_rule, m.planned_minutes, m.status) == ("majority", 90, "planned")
        topical = mt.create_meeting(s, kind="topical", title="专题", starts_at=MEETING_AT, term_id=ids["term"])
        assert topical.planned_minutes == 60
        for kwargs, code in [({"kind": "party", "title": "x"}, "bad_kind"), ({"kind": "regular", "title": " "},
                                                                             "blank_title")]:
            with pytest.raises(mt.MeetingError) as err:
                mt.create_meeting(s, starts_at=MEETING_AT, term_id=ids["term"], **kwargs)
            assert err.value.code == code


def _sign(s, ids, statuses):
    for member_id, status in zip(ids["members"], statuses, strict=False):
        if status:
            mt_signin.sign_in(s, ids["meeting"], member_id=member_id, status=status[0], delegate_name=status[1])


@pytest.mark.parametrize(("statuses", "present", "quorate"), [
    ([("present", ""), ("present", ""), ("excused", ""), ("absent", "")], 2, False),  # 2 of 4 is not more than half
    ([("present", ""), ("present", ""), ("present", ""), ("absent", "")], 3, True),
    ([("present", ""), ("present", ""), ("excused", "王代表"), ("absent", "")], 3, True),  # a delegate counts
    ([("present", ""), ("excused", "王代表"), None, None], 2, False),  # not signed in yet
])
def test_quorum_majority_counts_delegates(street, statuses, present, quorate):
    db, ids = street
    with db.session.begin() as s:
        _sign(s, ids, statuses)
        mt_signin.sign_in(s, ids["meeting"], person_name="区里来的同志", status="observer")
        mt_signin.sign_in(s, ids["meeting"], person_name="街道干部", status="observer")
        q = mt_signin.quorum(s, ids["meeting"])
    assert (q.members, q.present, q.required, q.quorate, q.observers) == (4, present, 3, quorate, 2)


def test_quorum_rule_is_data_per_kind(street):
    db, ids = street
    with db.session.begin() as s:
        s.get(Meeting, ids["meeting"]).quorum_rule = "two_thirds"
        _sign(s, ids, [("present", ""), ("present", ""), ("present", "")])
        q = mt_signin.quorum(s, ids["meeting"])
        assert (q.required, q.quorate) == (3, True)  # at least 2/3 of 4 → 3
        s.add(QuorumRule(code="all", numerator=1, denominator=1, strict=False, description=""))
        s.get(Meeting, ids["meeting"]).quorum_rule = "all"
        s.flush()
        q = mt_signin.quorum(s, ids["meeting"])
        assert (q.required, q.quorate) == (4, False)
    assert mt_signin.required_present(9, 1, 2, True) == 5 and mt_signin.required_present(10, 1, 2, True) == 6


def test_attendee_not_in_term_is_refused_unless_observer(street):
    db, ids = street
    with db.session.begin() as s:
        with pytest.raises(mt.MeetingError) as err:
            mt_signin.sign_in(s, ids["meeting"], person_name="路人甲", status="present")
        assert err.value.code == "not_in_term" and err.value.details["name"] == "路人甲"
        row = mt_signin.sign_in(s, ids["meeting"], person_name="路人甲", status="observer", unit_id=ids["units"][0])
        assert (row.member_id, row.status) == (None, "observer")
        member = mt_signin.sign_in(s, ids["meeting"], person_name="委员1", status="present")
        assert member.member_id == ids["members"][1] and member.signed_at is not None
        with pytest.raises(mt.MeetingError) as err:
            mt_signin.sign_in(s, ids["meeting"], person_name="委员1", status="observer")
        assert err.value.code == "member_as_observer"
        with pytest.raises(mt.MeetingError) as err:
            mt_signin.sign_in(s, ids["meeting"], member_id=ids["members"][2], status="absent", delegate_name="某人")
        assert err.value.code == "delegate_needs_presence"
    with db.session() as s:
        names = [(r.name, r.status) for r in mt_signin.roster(s, ids["meeting"])]
    assert names == [("委员0", None), ("委员1", "present"), ("委员2", None), ("委员3", None), ("路人甲", "observer")]


def test_agenda_builder_orders_and_lock_refuses_edits(street):
    db, ids = street
    with db.session.begin() as s:
        a = mt.add_item(s, ids["meeting"], title="议题一", kind="proposal", planned_minutes=30)
        b = mt.add_item(s, ids["meeting"], title="议题二", kind="other", planned_minutes=40)
        c = mt.add_item(s, ids["meeting"], title="议题三", kind="unit_report", planned_minutes=30,
                        unit_id=ids["units"][1])
        items = mt.move_item(s, c.id, -2)
        assert [i.title for i in items] == ["议题三", "议题一", "议题二"]
        assert [i.position for i in items] == [1, 2, 3]
        mt.remove_item(s, a.id)
        detail = mt.meeting_detail(s, ids["meeting"])
        assert [i.title for i in detail.items] == ["议题三", "议题二"] and detail.agenda_minutes == 70
        assert not detail.over_length
        mt.update_item(s, b.id, title="议题二", kind="other", planned_minutes=61)
        assert mt.meeting_detail(s, ids["meeting"]).over_length  # 91 of 90 minutes
        with pytest.raises(mt.MeetingError) as err:
            mt.reorder_items(s, ids["meeting"], [b.id])
        assert err.value.code == "bad_order"
        mt.lock_agenda(s, ids["meeting"])
        for attempt in (lambda: mt.add_item(s, ids["meeting"], title="迟到的议题"),
                        lambda: mt.update_item(s, b.id, title="改", kind="other", planned_minutes=5),
                        lambda: mt.remove_item(s, b.id),
                        lambda: mt.move_item(s, b.id, -1),
                        lambda: mt.generate_follow_up_items(s, ids["meeting"])):
            with pytest.raises(mt.MeetingError) as err:
                attempt()
            assert err.value.code == "agenda_locked"
        mt.unlock_agenda(s, ids["meeting"])
        mt.add_item(s, ids["meeting"], title="解锁后可加", planned_minutes=5)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AgendaItem)
                        .where(AgendaItem.meeting_id == ids["meeting"])) == 3


def test_empty_agenda_cannot_be_locked(street):
    db, ids = street
    with db.session.begin() as s, pytest.raises(mt.MeetingError) as err:
        mt.lock_agenda(s, ids["meeting"])
    assert err.value.code == "empty_agenda"


def test_follow_up_items_are_grouped_by_owner_unit(street):
    db, ids = street
    with db.session.begin() as s:
        added = mt.generate_follow_up_items(s, ids["meeting"], title_format="{unit}|{count}|{overdue}")
        assert [(i.unit_id, i.title, i.kind) for i in added] == [
            (ids["units"][0], "甲小学|2|1", "follow_up"),  # one overdue: first
            (ids["units"][1], "乙医院|1|0", "follow_up"),
        ]  # the done resolution of 丙派出所 needs no follow-up
        assert mt.generate_follow_up_items(s, ids["meeting"]) == []  # no unit twice
        figures = mt_room.item_figures(s, added[0].id, MEETING_AT)
    assert figures.follow_up_total == 2 and figures.follow_up[0].overdue
    assert figures.unit is not None and (figures.unit.resolutions_owned, figures.unit.resolutions_overdue_open) == (2, 1)


def test_proposals_accept_reject_defer(street):
    db, ids = street
    with db.session.begin() as s:
        props = [TopicProposal(title=f"建议{i}", unit_id=ids["units"][i], proposed_at=MEETING_AT - dt.timedelta(days=9))
                 for i in range(3)]
        s.add_all(props)
        s.flush()
        listed = mt.list_proposals(s, ids["meeting"])
        assert {p.title for p in listed} == {"建议0", "建议1", "建议2"}
        item = mt.decide_proposal(s, props[0].id, "accepted", ids["meeting"])
        assert item is not None and (item.kind, item.proposal_id, item.unit_id) == ("proposal", props[0].id,
                                                                                   ids["units"][0])
        assert mt.decide_proposal(s, props[1].id, "rejected", ids["meeting"]) is None
        mt.decide_proposal(s, props[2].id, "deferred", ids["meeting"])
        with pytest.raises(mt.MeetingError) as err:
            mt.decide_proposal(s, props[1].id, "accepted", ids["meeting"])
        assert err.value.code == "already_decided"
        statuses = {p.title: (p.status, p.meeting_id) for p in mt.list_proposals(s, ids["meeting"])}
    assert statuses == {"建议0": ("accepted", ids["meeting"]), "建议1": ("rejected", ids["meeting"]),
                        "建议2": ("deferred", None)}


def test_record_resolution_validates_and_creates_its_task(street):
    db, ids = street
    with db.session.begin() as s:
        item = mt.add_item(s, ids["meeting"], title="议题", planned_minutes=10)
        case = f.case(s, reported=dt.datetime(2026, 6, 1), deadline=dt.datetime(2026, 6, 5))
        s.flush()
        good = {"meeting_id": ids["meeting"], "agenda_item_id": item.id, "text": "由甲小学牵头整治校园周边交通秩序",
                "owner_unit_id": ids["units"][0], "co_unit_ids": [ids["units"][2], ids["units"][0]],
                "deadline": dt.date(2026, 8, 31), "case_ids": [case.id], "agreement_item_ids": []}
        for change, code in [({"owner_unit_id": None}, "no_owner"), ({"deadline": dt.date(2026, 6, 30)},
                                                                    "deadline_before_meeting"),
                             ({"text": "  \n"}, "blank_text"), ({"owner_unit_id": 999_999}, "unknown_unit"),
                             ({"deadline": None}, "no_deadline")]:
            with pytest.raises(mt.MeetingError) as err:
                mt_room.record_resolution(s, **{**good, **change})
            assert err.value.code == code
        assert s.scalar(select(func.count()).select_from(Resolution).where(
            Resolution.meeting_id == ids["meeting"])) == 0
        first = mt_room.record_resolution(s, **good)
        second = mt_room.record_resolution(s, **{**good, "text": "第二条", "deadline": MEETING_AT.date()})
        assert (first.number, second.number) == (1, 2)
        assert first.co_unit_ids == (ids["units"][2],)  # the owner is not its own co-unit
        task = s.get(Task, first.task_id)
        assert (task.owner_unit_id, task.deadline, task.status, task.resolution_id) == (
            ids["units"][0], dt.date(2026, 8, 31), "open", first.id)
        assert s.scalars(select(resolution_case.c.case_id).where(resolution_case.c.resolution_id == first.id)).all() \
            == [case.id]
        assert s.scalars(select(resolution_co_unit.c.unit_id)
                         .where(resolution_co_unit.c.resolution_id == first.id)).all() == [ids["units"][2]]
        assert [r.number for r in mt_room.meeting_resolutions(s, ids["meeting"])] == [1, 2]


def test_item_notes_use_optimistic_locking(street):
    db, ids = street
    with db.session.begin() as s:
        item = mt.add_item(s, ids["meeting"], title="议题", planned_minutes=10)
    with db.session.begin() as s:
        v2 = mt_room.save_item_notes(s, item.id, "甲记录的内容", item.version)
    assert v2 == item.version + 1
    with db.session.begin() as s, pytest.raises(ConflictError) as err:
        mt_room.save_item_notes(s, item.id, "乙基于旧版本的内容", item.version)
    assert (err.value.table, err.value.row_id, err.value.base_version, err.value.their_version) == (
        "agenda_item", item.id, item.version, v2)
    assert (err.value.mine, err.value.theirs) == ({"notes": "乙基于旧版本的内容"}, {"notes": "甲记录的内容"})
    with db.session() as s:
        assert s.get(AgendaItem, item.id).notes == "甲记录的内容"


def test_room_moves_items_without_staling_notes_and_freezes_the_projection(street):
    db, ids = street
    with db.session.begin() as s:
        a = mt.add_item(s, ids["meeting"], title="一", planned_minutes=10, unit_id=ids["units"][0])
        b = mt.add_item(s, ids["meeting"], title="二", planned_minutes=10)
        mt_room.start_meeting(s, ids["meeting"], MEETING_AT)
        assert mt_room.current_item_id(s, ids["meeting"]) == a.id
        mt_room.set_current_item(s, ids["meeting"], b.id, MEETING_AT + dt.timedelta(minutes=12))
        figures = mt_room.item_figures(s, a.id, MEETING_AT).to_json()
        assert mt_room.record_projection(s, a.id, figures, MEETING_AT)
        assert not mt_room.record_projection(s, a.id, figures, MEETING_AT + dt.timedelta(minutes=1))
    with db.session.begin() as s:
        row = s.get(AgendaItem, a.id)
        assert row.version == a.version  # times and snapshot do not stale the recorder's minutes
        assert (row.started_at, row.ended_at) == (MEETING_AT, MEETING_AT + dt.timedelta(minutes=12))
        assert row.projected_snapshot["figures"]["unit"]["unit_name"] == "甲小学"
        assert row.projected_snapshot["shown_at"] == MEETING_AT.isoformat()
        mt_room.save_item_notes(s, a.id, "记录", a.version)
        with pytest.raises(mt.MeetingError) as err:
            mt.add_item(s, ids["meeting"], title="开会时不能加")
        assert err.value.code == "agenda_locked"


def test_case_figures_mask_residents(street):
    db, ids = street
    with db.session.begin() as s:
        case = f.case(s, reported=dt.datetime(2026, 6, 1), deadline=dt.datetime(2026, 6, 5))
        case.title = "居民来电13812345678反映噪音"
        case.reporter_name, case.reporter_phone = "张三", "13812345678"
        s.flush()
        item = mt.add_item(s, ids["meeting"], title="案件", kind="case_review", case_ids=[case.id])
        figures = mt_room.item_figures(s, item.id, MEETING_AT)
    assert figures.cases is not None and (figures.cases.linked, figures.cases.open, figures.cases.overdue) == (1, 1, 1)
    line = figures.cases.lines[0]
    assert (line.title, line.reporter, line.reporter_phone) == ("", "张*", "138****5678")  # no free text
    assert "13812345678" not in str(figures.to_json()) and "张三" not in str(figures.to_json())
    assert "噪音" not in str(figures.to_json())
    with db.session.begin() as s:  # the chair names it for the room; masked all the same
        mt_room.set_public_title(s, item.id, case.id, "噪音扰民，联系人王小明 138 1234 5678")
        line = mt_room.item_figures(s, item.id, MEETING_AT).cases.lines[0]
    assert line.title == "噪音扰民，联系人王** 138****5678"


def test_masking_functions():
    assert mask_name("张三") == "张*" and mask_name("欧阳娜娜") == "欧***" and mask_name("李") == "李"
    assert mask_phone("13812345678") == "138****5678" and mask_phone("0551-63456789") == "055*****6789"
    assert mask_text("电话0551-63456789或13812345678") == "电话055*****6789或138****5678"
    assert mask_text("事件编号20260615001") == "事件编号20260615001"  # not a phone number


def test_demo_meeting_room_data(demo_db):
    with demo_db.session() as s:
        upcoming = s.scalars(select(Meeting).where(Meeting.status == "planned")).one()
        data = mt_room.room_data(s, upcoming.id, dt.datetime(2026, 6, 22, 14, 30))
        units = {u.id for u in data.units}
        assert all(r.owner_unit_id in units for r in data.resolutions)
    assert len(data.items) >= 2 and data.quorum.members == len([r for r in data.roster if r.member_id])
    assert data.quorum.required == data.quorum.members // 2 + 1
    review = next(i for i in data.items if i.kind == "case_review")
    assert data.figures[review.id].cases is None  # the upcoming meeting's review has no cases linked yet
    follow = next(i for i in data.items if i.kind == "follow_up")
    assert data.figures[follow.id].follow_up_total > 0


def test_search_cases_finds_by_number_and_title(demo_db):
    with demo_db.session() as s:
        number = s.scalar(select(ResidentUnit.id))  # noqa: F841 - touch the db before searching
        some = mt.search_cases(s, "暴露垃圾", limit=5)
        assert some and all("暴露垃圾" in c.title for c in some)
        by_number = mt.search_cases(s, some[0].case_number)
    assert by_number[0].id == some[0].id


# --------------------------------------------------------------------------- offline sign-in, drafts of finished meetings


def _offline_room(empty_db, executor, qtbot, tmp_path):
    from db.sync.outbox import Outbox
    from desktop.meetings.drafts import DraftStore
    from desktop.meetings.room import MeetingRoom
    from tests.test_multipc import build_world

    world = build_world(empty_db)
    ex = executor(empty_db)
    ex.outbox = Outbox("test-db", tmp_path / "outbox.sqlite")
    room = MeetingRoom(world.meeting_id, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(room)
    room.show()
    with qtbot.waitSignal(room.loaded, timeout=30_000):
        room.refresh()
    return world, ex, room


def _sign_in_offline(room, ex, qtbot, name: str) -> None:
    ex.online = False  # the connection monitor lost the server
    room.sign_name.setText(name)
    room.sign_status.setCurrentIndex(room.sign_status.findData("present"))
    room.sign_in()
    qtbot.waitUntil(lambda: "连接恢复后自动保存" in room.message.text(), timeout=10_000)
    assert name in room.message.text()


def _attendance(database, meeting_id: int) -> list[tuple[str, str]]:
    with database.session() as s:
        return [(r.name, r.status) for r in mt_signin.roster(s, meeting_id) if r.status]


def test_a_sign_in_made_offline_in_the_room_waits_in_the_outbox_and_is_saved_once_back(
        empty_db, executor, qtbot, tmp_path, no_leaked_windows):
    from desktop.sync.outbox import OutboxReplayer

    world, ex, room = _offline_room(empty_db, executor, qtbot, tmp_path)
    member = next(r for r in room.data.roster if r.member_id is not None)
    _sign_in_offline(room, ex, qtbot, member.name)
    assert [e.edit.kind for e in ex.outbox.entries()] == ["attendance"]
    assert _attendance(empty_db, world.meeting_id) == []  # nothing claimed as saved that is not
    ex.online = True
    replayer = OutboxReplayer(ex, room)
    with qtbot.waitSignal(replayer.finished, timeout=10_000) as done:
        replayer.replay()
    assert done.args == [1, ""] and len(ex.outbox) == 0
    assert _attendance(empty_db, world.meeting_id) == [(member.name, "present")]
    room.close()
    ex.wait_idle()


def test_a_queued_sign_in_of_a_meeting_closed_meanwhile_is_refused_set_aside_and_told(
        empty_db, executor, qtbot, tmp_path, no_leaked_windows):
    from desktop.sync.outbox import OutboxReplayer

    world, ex, room = _offline_room(empty_db, executor, qtbot, tmp_path)
    member = next(r for r in room.data.roster if r.member_id is not None)
    _sign_in_offline(room, ex, qtbot, member.name)
    with empty_db.session.begin() as s:  # closed from another PC before this one is back
        s.get(Meeting, world.meeting_id).status = "closed"
    ex.online = True
    replayer = OutboxReplayer(ex, room)
    with qtbot.waitSignal(replayer.finished, timeout=10_000) as done:
        replayer.replay()
    saved, message = done.args
    assert saved == 0 and "会议规则" in message
    assert len(ex.outbox) == 0  # it does not hold up what comes after it
    assert _attendance(empty_db, world.meeting_id) == []
    room.close()
    ex.wait_idle()


def test_drafts_of_a_finished_meeting_are_not_saved_but_told_with_their_text(
        empty_db, executor, qtbot, tmp_path, no_leaked_windows):
    from PySide6.QtWidgets import QWidget

    from desktop.meetings.drafts import DraftStore
    from desktop.meetings.recovery import offer_drafts
    from tests.test_multipc import build_world

    world = build_world(empty_db)
    ex = executor(empty_db)
    with empty_db.session() as s:
        item = s.get(AgendaItem, world.item_id)
        notes, version = item.notes, item.version
    store = DraftStore(tmp_path / "drafts")
    store.save(world.meeting_id, world.item_id, "崩溃前打的纪要", version)
    with empty_db.session.begin() as s:
        s.get(Meeting, world.meeting_id).status = "approved"
    told, asked = [], []
    parent = QWidget()
    offer_drafts(parent, ex, store, confirm=lambda _p, d: asked.append(d) or True,
                 tell=lambda _p, d: told.append([x.text for x in d]))
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    ex.wait_idle()
    assert told == [["崩溃前打的纪要"]] and asked == []
    assert store.drafts(world.meeting_id) == []
    with empty_db.session() as s:
        item = s.get(AgendaItem, world.item_id)
        assert (item.notes, item.version) == (notes, version)
    parent.deleteLater()


def test_a_queued_sign_in_that_meets_another_asks_the_person_like_the_minutes_do(
        empty_db, executor, qtbot, tmp_path, monkeypatch, no_leaked_windows):
    from db.core.versioning import ConflictError
    from desktop.sync import conflicts
    from desktop.sync.outbox import OutboxReplayer

    world, ex, room = _offline_room(empty_db, executor, qtbot, tmp_path)
    member = next(r for r in room.data.roster if r.member_id is not None)
    _sign_in_offline(room, ex, qtbot, member.name)
    with empty_db.session.begin() as s:  # another PC signs the same member in meanwhile
        mt_signin.sign_in(s, world.meeting_id, status="excused", member_id=member.member_id)
    asked = []

    def choose(_parent, error, edit, what):
        asked.append((type(error), error.theirs, edit.values, what))
        return conflicts.Decision("theirs")

    monkeypatch.setattr(conflicts, "chooser", choose)
    ex.online = True
    replayer = OutboxReplayer(ex, room)
    with qtbot.waitSignal(replayer.finished, timeout=10_000):
        replayer.replay()
    assert asked == [(ConflictError, {"status": "excused", "delegate_name": ""},
                      {"status": "present", "delegate_name": ""}, f"会议 {world.meeting_id} 的签到")]
    assert _attendance(empty_db, world.meeting_id) == [(member.name, "excused")] and len(ex.outbox) == 0
    room.close()
    ex.wait_idle()


# --------------------------------------------------------------------------- meeting bodies on the pages


def test_the_overview_attendance_counts_the_street_committees_meetings_and_names_it(empty_db):
    from db import overview

    now = dt.datetime(2026, 7, 1, 12)
    with empty_db.session.begin() as s:
        office = f.street(s)
        comm = f.community(s, office)
        units = [f.unit(s, office, name) for name in ("甲小学", "乙医院")]
        term = f.term(s, office, *units)
        for day in (1, 8, 15):
            held = f.meeting(s, term, dt.datetime(2026, 6, day, 9))
            for u in units:
                f.sign_in(s, held, u, "present")
        body = bodies.create_body(s, kind="community_committee", name="滨湖社区大党委", community_id=comm.id)
        community = mt.create_meeting(s, kind="community", title="社区大党委会议", starts_at=dt.datetime(2026, 6, 20, 9),
                                      body_id=body.id, term_id=term.id)
        for u in units:  # the member units' people missed the community's meeting: not the 大工委's figure
            f.sign_in(s, s.get(Meeting, community.id), u, "absent")
    with empty_db.session() as s:
        k = overview.overview_kpis(s, now)
    assert (k.attendance_body, k.attendance_meetings, k.attendance_rate) == ("大工委", 3, 1.0)


def test_meetings_page_filters_by_body_and_the_dialog_offers_the_bodys_kinds(demo_db, executor, qtbot,
                                                                             no_leaked_windows):
    from desktop.meetings.page import MeetingDialog, MeetingsPage

    executor(demo_db)
    page = MeetingsPage()
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    data = page.data
    assert data is not None and data.bodies[0].name == "大工委" and data.body_id == data.bodies[0].id
    assert data.meetings and {r.meeting.body_name for r in data.meetings} == {"大工委"}
    assert page.list_view.isColumnHidden(1)
    community = next(b for b in data.bodies if b.kind == "community_committee" and b.meetings)
    page.body_combo.setCurrentIndex(page.body_combo.findData(community.id))
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.body_combo.activated.emit(page.body_combo.currentIndex())
    assert [r.meeting.body_id for r in page.data.meetings] == [community.id] * community.meetings
    assert page.data.detail.meeting.body_name == community.name and community.name in page.detail_label.text()
    page.body_combo.setCurrentIndex(page.body_combo.findData(None))
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.body_combo.activated.emit(page.body_combo.currentIndex())
    assert len(page.data.meetings) == sum(b.meetings for b in data.bodies) and not page.list_view.isColumnHidden(1)

    dialog = MeetingDialog(page, body_list=data.bodies, body_id=community.id)
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == ["community"]
    assert dialog.body_id() == community.id
    dialog.body.setCurrentIndex(dialog.body.findData(data.bodies[0].id))
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == ["plenary", "regular", "topical"]
    dialog.deleteLater()


def test_the_minutes_record_has_units_delegates_the_unsigned_the_actual_day_votes_and_timed_figures(street):
    from db.meetings import minutes

    db, ids = street
    early = MEETING_AT - dt.timedelta(days=7, hours=1)  # held a week early
    with db.session.begin() as s:
        item = mt.add_item(s, ids["meeting"], title="听取甲小学汇报", kind="unit_report", unit_id=ids["units"][0])
        other = mt.add_item(s, ids["meeting"], title="其他事项")
        mt_signin.sign_in(s, ids["meeting"], member_id=ids["members"][0], status="present")
        mt_signin.sign_in(s, ids["meeting"], member_id=ids["members"][1], status="present", delegate_name="王代表")
        mt_signin.sign_in(s, ids["meeting"], member_id=ids["members"][2], status="absent")
        mt_signin.sign_in(s, ids["meeting"], status="observer", person_name="李来宾", unit_id=ids["units"][3])
        mt_room.start_meeting(s, ids["meeting"], now=early)
        mt_room.record_projection(s, item.id, mt_room.item_figures(s, item.id, early).to_json(), now=early)
        mt_room.record_resolution(s, ids["meeting"], item.id, "甲小学牵头整治校门口交通", ids["units"][0],
                                  deadline=dt.date(2026, 8, 1), votes=(3, 0, 1))
        mt_room.save_item_notes(s, item.id, "甲小学作汇报。", s.get(AgendaItem, item.id).version)
        with pytest.raises(mt.MeetingError) as err:
            mt_room.record_resolution(s, ids["meeting"], None, "x", ids["units"][0], deadline=dt.date(2026, 8, 1),
                                      votes=(0, 0, 0))
        assert err.value.code == "bad_votes"
        minutes.close_meeting(s, ids["meeting"])
    with db.session() as s:
        record = minutes.minutes_record(s, ids["meeting"])
    assert [p.written for p in record.present] == ["甲小学委员0"]
    assert [p.written for p in record.excused] == ["乙医院委员1（由王代表代为出席）"]
    assert [(p.written, p.note) for p in record.absent] == [("丙派出所委员2", ""), ("丁物业委员3", "未签到")]
    assert [(p.name, p.unit) for p in record.observers] == [("李来宾", "丁物业")]
    assert record.starts_at == early and record.document_date >= early.date()
    assert record.resolutions[0].vote_text == "表决结果：同意3票，反对0票，弃权1票"
    shown = record.items[-2]
    assert shown.shown_at == early and shown.figures
    assert all(text.startswith(f"截至{early.month}月{early.day}日{early.hour}时") for _, text in shown.figures)
    # 无记录 lets approval through an item without minutes
    assert minutes._empty_item(_content(db, ids)) == (record.items[-1].position, "其他事项")
    with db.session.begin() as s:
        mt_room.reopen_meeting(s, ids["meeting"], "补记无记录议题")
        mt_room.mark_no_record(s, other.id)
        minutes.close_meeting(s, ids["meeting"])
    assert minutes._empty_item(_content(db, ids)) is None


def test_a_units_attendance_counts_meetings_not_sign_in_rows(street):
    from db.units import profile

    db, ids = street
    with db.session.begin() as s:
        unit = s.get(ResidentUnit, ids["units"][3])
        term = s.get(CommitteeTerm, ids["term"])
        first = f.meeting(s, term, MEETING_AT - dt.timedelta(days=30))
        second = f.meeting(s, term, MEETING_AT - dt.timedelta(days=60))
        f.sign_in(s, first, unit, "present", "甲")
        f.sign_in(s, first, unit, "observer", "乙")  # two people of one unit at one meeting
        f.sign_in(s, second, unit, "absent", "甲")
    with db.session() as s:
        card = profile.unit_profile(s, unit.id, MEETING_AT.date())
    assert (card.meetings_counted, card.meetings_came) == (2, 1)


def _content(db, ids):
    import json

    from db.meetings import minutes

    with db.session() as s:
        meeting = s.get(Meeting, ids["meeting"])
        return json.loads(minutes.canonical_json(minutes.assemble_content(s, meeting)))


def test_reopening_needs_a_closed_meeting_and_a_reason(street):
    from db.meetings import minutes

    db, ids = street
    with db.session.begin() as s:
        mt.add_item(s, ids["meeting"], title="议题")
        with pytest.raises(mt.MeetingError) as err:
            mt_room.reopen_meeting(s, ids["meeting"], "理由")
        assert err.value.code == "not_closed"
        mt_room.start_meeting(s, ids["meeting"], now=MEETING_AT)
        minutes.close_meeting(s, ids["meeting"])
        with pytest.raises(mt.MeetingError) as err:
            mt_room.reopen_meeting(s, ids["meeting"], "  ")
        assert err.value.code == "no_reason"
        mt_room.reopen_meeting(s, ids["meeting"], "签到漏记")
        assert s.get(Meeting, ids["meeting"]).status == "in_progress"
