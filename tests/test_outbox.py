"""The offline outbox (order, rebasing, conflicts) and crash safety of the minutes being typed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.core.base import AuditLog
from db.core.versioning import ConflictError, save_versioned
from db.meetings.agenda import MeetingError
from db.meetings.signin import roster, sign_in
from db.schema.meetings import AgendaItem, Meeting
from db.schema.resolutions import Task, TaskUpdate
from db.sync.edits import Edit, apply_edit, attendance_edit
from db.sync.outbox import Outbox
from tests.test_multipc import build_world

REPO = Path(__file__).resolve().parent.parent


def _run_in_transaction(database):
    def run(fn):
        with database.session.begin() as s:
            s.info["actor"] = "recorder"
            return fn(s)
    return run


def test_offline_edits_replay_in_order_onto_the_versions_they_make(empty_db, tmp_path):
    world = build_world(empty_db)
    outbox = Outbox("test-db", tmp_path / "outbox.sqlite")
    with empty_db.session() as s:
        item_version = s.get(AgendaItem, world.item_id).version
        task_version = s.get(Task, world.task_id).version
    for n in range(1, 4):  # three edits of the same minutes, all typed on the last version seen
        outbox.add(Edit("agenda_notes", world.item_id, item_version, {"notes": f"第{n}稿"}))
    outbox.add(Edit("task_progress", world.task_id, task_version, {"progress_pct": 20}, extra={"note": "一"}))
    outbox.add(Edit("task_progress", world.task_id, task_version, {"progress_pct": 40}, extra={"note": "二"}))
    assert [e.edit.kind for e in Outbox("test-db", tmp_path / "outbox.sqlite").entries()] == \
        ["agenda_notes"] * 3 + ["task_progress"] * 2  # it survives a restart, in order
    assert len(Outbox("other-db", tmp_path / "outbox.sqlite")) == 0  # and never mixes databases

    assert outbox.replay(_run_in_transaction(empty_db)) == 5
    assert len(outbox) == 0
    with empty_db.session() as s:
        assert s.get(AgendaItem, world.item_id).notes == "第3稿"
        assert s.get(AgendaItem, world.item_id).version == item_version + 3
        assert s.get(Task, world.task_id).progress_pct == 40
        notes = [u.note for u in s.query(TaskUpdate).filter_by(task_id=world.task_id).order_by(TaskUpdate.id)]
    assert notes == ["一", "二"]


def test_a_conflict_stops_the_replay_and_keeps_the_entry(empty_db, tmp_path):
    world = build_world(empty_db)
    outbox = Outbox("test-db", tmp_path / "outbox.sqlite")
    with empty_db.session() as s:
        version = s.get(AgendaItem, world.item_id).version
    outbox.add(Edit("agenda_notes", world.item_id, version, {"notes": "离线时写的"}))
    outbox.add(Edit("task_progress", world.task_id, 1, {"progress_pct": 10}))
    with empty_db.session.begin() as s:  # someone else saves meanwhile
        save_versioned(s, AgendaItem, world.item_id, version, {"notes": "在线的人写的"})
    with pytest.raises(ConflictError) as caught:
        outbox.replay(_run_in_transaction(empty_db))
    assert caught.value.theirs == {"notes": "在线的人写的"}
    assert len(outbox) == 2  # nothing skipped, nothing lost
    first = outbox.entries()[0]
    # the person keeps theirs over the newer version (deliberately): the replay goes on
    outbox.resolve(first, Edit("agenda_notes", world.item_id, caught.value.their_version, {"notes": "离线时写的"},
                               action="overwrite"))
    assert outbox.replay(_run_in_transaction(empty_db)) == 2
    with empty_db.session() as s:
        assert s.get(AgendaItem, world.item_id).notes == "离线时写的"


TYPIST = textwrap.dedent("""
    import json, sys, time
    from desktop.app.app import create_application
    from db.core.engine import Database, make_engine
    from desktop.core.dbop import DbExecutor
    from desktop.meetings.room import MeetingRoom

    url, meeting_id, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = create_application()
    executor = DbExecutor(Database(make_engine(url)))
    room = MeetingRoom(meeting_id)
    room.show()
    room.refresh()
    while room.data is None:
        app.processEvents()
        time.sleep(0.01)
    room.editor.setFocus()
    cursor = room.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    room.editor.setTextCursor(cursor)
    typed = 0
    with open(log_path, "a", encoding="utf-8") as log:
        n = 0
        while True:  # a recorder typing steadily, never pausing long enough for the idle autosave
            chunk = f"第{n}句。"
            room.editor.insertPlainText(chunk)  # as an input method commits it
            typed += len(chunk)
            log.write(json.dumps({"t": time.time(), "typed": typed}) + "\\n")
            log.flush()
            end = time.time() + 0.2
            while time.time() < end:
                app.processEvents()
                time.sleep(0.01)
            n += 1
""")


def test_kill_9_while_typing_minutes_loses_at_most_five_seconds(empty_db, tmp_path):
    from desktop.meetings.drafts import DraftStore
    from desktop.meetings.recovery import all_drafts, unsaved

    world = build_world(empty_db)
    with empty_db.session() as s:
        initial = s.get(AgendaItem, world.item_id).notes
    script = tmp_path / "typist.py"
    script.write_text(TYPIST, encoding="utf-8")
    log = tmp_path / "typed.jsonl"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    url = empty_db.engine.url.render_as_string(hide_password=False)
    proc = subprocess.Popen([sys.executable, str(script), url, str(world.meeting_id), str(log)], env=env,
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and (not log.exists() or len(log.read_text().splitlines()) < 40):
            assert proc.poll() is None, proc.stderr.read().decode()
            time.sleep(0.1)
        killed_at = time.time()
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stderr.close()
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert len(lines) >= 40  # typed for about 8 s
    must_have = max((e["typed"] for e in lines if e["t"] <= killed_at - 5.0), default=0)
    assert must_have > 0

    # start again: what does this PC still have?
    store = DraftStore.for_database(empty_db.name)
    drafts = [d for d in all_drafts(store) if d.item_id == world.item_id]
    with empty_db.session() as s:
        in_db = s.get(AgendaItem, world.item_id).notes
        waiting = unsaved(s, drafts)
    kept = max([in_db, *[d.text for d in drafts]], key=len)
    assert kept.startswith(initial)
    assert len(kept) - len(initial) >= must_have  # at most 5 s of typing lost
    if len(in_db) < len(kept):  # the draft comes back: the app offers it on the next start
        assert waiting and waiting[0].text == kept


# --------------------------------------------------------------------------- one notes-save path, offline sign-in


def _close(database, meeting_id: int, status: str) -> None:
    with database.session.begin() as s:
        s.get(Meeting, meeting_id).status = status


@pytest.mark.parametrize("status", ["closed", "approved"])
def test_a_recovered_or_queued_draft_of_a_finished_meeting_is_refused_and_writes_nothing(empty_db, tmp_path, status):
    world = build_world(empty_db)
    with empty_db.session() as s:
        item = s.get(AgendaItem, world.item_id)
        version, notes = item.version, item.notes
    _close(empty_db, world.meeting_id, status)
    with empty_db.session() as s:
        audited = s.scalar(select(func.count()).select_from(AuditLog))
    draft = Edit("agenda_notes", world.item_id, version, {"notes": "会后改写的纪要"})
    with pytest.raises(MeetingError) as refused, empty_db.session.begin() as s:  # the draft-recovery path
        apply_edit(s, draft)
    assert refused.value.code == "meeting_finished"  # the meeting room's own refusal
    outbox = Outbox("test-db", tmp_path / "outbox.sqlite")
    outbox.add(draft)
    with pytest.raises(MeetingError) as refused:  # the outbox path
        outbox.replay(_run_in_transaction(empty_db))
    assert refused.value.code == "meeting_finished"
    with empty_db.session() as s:
        item = s.get(AgendaItem, world.item_id)
        assert (item.notes, item.version) == (notes, version)
        assert s.scalar(select(func.count()).select_from(AuditLog)) == audited


def _members(database, meeting_id: int):
    with database.session() as s:
        return [r for r in roster(s, meeting_id) if r.member_id is not None]


def test_sign_ins_queued_offline_replay_once_in_order_through_the_sign_in_service(empty_db, tmp_path):

    world = build_world(empty_db)
    first, second = _members(empty_db, world.meeting_id)
    seen = _members(empty_db, world.meeting_id)  # what the room showed when the server went away
    outbox = Outbox("test-db", tmp_path / "outbox.sqlite")
    outbox.add(attendance_edit(world.meeting_id, seen, first.name, "present"))
    outbox.add(attendance_edit(world.meeting_id, seen, second.name, "present"))
    outbox.add(attendance_edit(world.meeting_id, seen, first.name, "excused", "代理人"))  # corrected, still offline
    outbox.add(attendance_edit(world.meeting_id, seen, "列席人", "observer"))
    assert outbox.replay(_run_in_transaction(empty_db)) == 4
    assert outbox.replay(_run_in_transaction(empty_db)) == 0  # once
    now = {r.name: (r.status, r.delegate_name, r.signed_at is not None) for r in _members(empty_db, world.meeting_id)}
    assert now == {first.name: ("excused", "代理人", True), second.name: ("present", "", True)}
    with empty_db.session() as s:
        trail = s.execute(select(AuditLog.row_id, AuditLog.action, AuditLog.username).where(
            AuditLog.table_name == "attendance").order_by(AuditLog.id)).all()
    rows = [r.attendance_id for r in _members(empty_db, world.meeting_id)]
    observer = max(r for r, _a, _u in trail)
    assert trail == [(rows[0], "sign_in", "recorder"), (rows[1], "sign_in", "recorder"),
                     (rows[0], "sign_in", "recorder"), (observer, "sign_in", "recorder")]


def test_a_queued_sign_in_that_meets_another_one_is_a_conflict_then_kept_deliberately(empty_db, tmp_path):
    from desktop.sync.conflicts import rebase

    world = build_world(empty_db)
    member = _members(empty_db, world.meeting_id)[0]
    with empty_db.session.begin() as s:
        sign_in(s, world.meeting_id, status="present", member_id=member.member_id)
    seen = _members(empty_db, world.meeting_id)
    outbox = Outbox("test-db", tmp_path / "outbox.sqlite")
    outbox.add(attendance_edit(world.meeting_id, seen, member.name, "excused"))
    with empty_db.session.begin() as s:  # another PC, online meanwhile
        sign_in(s, world.meeting_id, status="absent", member_id=member.member_id)
    with pytest.raises(ConflictError) as caught:
        outbox.replay(_run_in_transaction(empty_db))
    assert caught.value.theirs == {"status": "absent", "delegate_name": ""}
    assert caught.value.mine == {"status": "excused", "delegate_name": ""}
    assert _members(empty_db, world.meeting_id)[0].status == "absent"  # nothing overwritten unasked
    entry = outbox.entries()[0]
    outbox.resolve(entry, rebase(entry.edit, caught.value, dict(entry.edit.values)))
    assert outbox.replay(_run_in_transaction(empty_db)) == 1
    assert _members(empty_db, world.meeting_id)[0].status == "excused"
    with empty_db.session() as s:
        assert s.scalars(select(AuditLog.action).where(AuditLog.table_name == "attendance")
                         .order_by(AuditLog.id.desc()).limit(1)).one() == "overwrite"


# --------------------------------------------------------------------------- the meeting room while the server is away


def _room_offline(database, executor, qtbot, tmp_path):
    from desktop.meetings.drafts import DraftStore
    from desktop.meetings.room import MeetingRoom

    world = build_world(database)
    ex = executor(database)
    room = MeetingRoom(world.meeting_id, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(room)
    with qtbot.waitSignal(room.loaded, timeout=30_000):
        room.refresh()
    ex.outbox = Outbox("test-db", tmp_path / "outbox.sqlite")
    ex.online = False  # the connection monitor says the server is away
    return world, ex, room


def _replay(ex, room, qtbot) -> tuple[int, str]:
    from desktop.sync.outbox import OutboxReplayer

    ex.online = True  # the server is back
    replayer = OutboxReplayer(ex, room)
    with qtbot.waitSignal(replayer.finished, timeout=20_000) as done:
        replayer.replay()
    ex.wait_idle()
    return tuple(done.args)


def _confirm_closing(monkeypatch) -> list[bool]:
    """结束会议's question is answered yes (a test never waits on a dialog); returns when it was asked."""
    from desktop.meetings import room_actions

    asked: list[bool] = []
    monkeypatch.setattr(room_actions, "confirm_close", lambda _room: asked.append(True) or True)
    return asked


def test_the_room_keeps_minutes_sign_ins_and_resolutions_offline_and_closes_only_once_they_are_saved(
        empty_db, executor, qtbot, tmp_path, no_leaked_windows, monkeypatch):
    from db.schema.meetings import Minutes, MinutesRevision
    from db.schema.resolutions import Resolution

    asked = _confirm_closing(monkeypatch)

    world, ex, room = _room_offline(empty_db, executor, qtbot, tmp_path)
    member = _members(empty_db, world.meeting_id)[0]
    with empty_db.session() as s:
        resolutions = s.scalar(select(func.count()).select_from(Resolution).where(
            Resolution.meeting_id == world.meeting_id))

    room.editor.setPlainText("一、听取汇报。\n二、同意加装电梯方案。")  # typed while the server is away
    room.editor.flush()
    room.sign_name.setText(member.name)
    room.sign_in()
    room.res_text.setPlainText("由第一中学牵头摸排加装需求")
    room.res_owner.setCurrentIndex(room.res_owner.findData(world.unit_id))
    room.record_resolution()
    ex.wait_idle()
    assert [e.edit.kind for e in ex.outbox.entries()] == ["agenda_notes", "attendance", "resolution"]
    assert "kept on this PC" in room.save_label.text() or "保存在本机" in room.save_label.text()

    room.close_meeting()  # not while they wait: it says what is still pending
    ex.wait_idle()
    message = room.message.text()
    assert "3" in message and member.name in message and "由第一中学牵头" in message and "老旧小区加装电梯" in message
    assert asked == []  # not asked to confirm a close that cannot happen yet
    with empty_db.session() as s:
        assert s.get(Meeting, world.meeting_id).status == "in_progress"
        assert s.get(AgendaItem, world.item_id).notes == "一、听取汇报。\n"  # nothing reached the server yet

    assert _replay(ex, room, qtbot) == (3, "")
    assert len(ex.outbox) == 0
    assert _replay(ex, room, qtbot) == (0, "")  # once
    with empty_db.session() as s:
        assert s.get(AgendaItem, world.item_id).notes == "一、听取汇报。\n二、同意加装电梯方案。"
        assert s.scalar(select(func.count()).select_from(Resolution).where(
            Resolution.meeting_id == world.meeting_id)) == resolutions + 1
    assert {r.name: r.status for r in _members(empty_db, world.meeting_id)}[member.name] == "present"

    room.close_meeting()
    qtbot.waitUntil(lambda: room.data is not None and room.data.meeting.status == "closed", timeout=20_000)
    assert asked == [True]
    with empty_db.session() as s:
        content = s.scalars(select(MinutesRevision.content).join(Minutes).where(
            Minutes.meeting_id == world.meeting_id).order_by(MinutesRevision.number.desc())).first()
    text = json.dumps(json.loads(content), ensure_ascii=False)
    assert "二、同意加装电梯方案。" in text  # the minutes hold what was typed offline
    assert "由第一中学牵头摸排加装需求" in text
    room.close()
    ex.wait_idle()


def test_minutes_typed_on_after_the_replay_follow_the_version_it_made(empty_db, executor, qtbot, tmp_path,
                                                                       no_leaked_windows):
    world, ex, room = _room_offline(empty_db, executor, qtbot, tmp_path)
    room.editor.setPlainText("断网时记下的")
    room.editor.flush()
    ex.wait_idle()
    _replay(ex, room, qtbot)
    qtbot.waitUntil(lambda: room.versions[world.item_id] == _item_version(empty_db, world.item_id), timeout=10_000)
    with qtbot.waitSignal(room.notes_saved, timeout=10_000):  # online again: saved at once, no conflict
        room.editor.setPlainText("断网时记下的，恢复后补充")
        room.editor.flush()
    assert not room.conflicts
    with empty_db.session() as s:
        assert s.get(AgendaItem, world.item_id).notes == "断网时记下的，恢复后补充"
    room.close()
    ex.wait_idle()


def _item_version(database, item_id: int) -> int:
    with database.session() as s:
        return s.get(AgendaItem, item_id).version


def test_a_resolution_replayed_after_its_answer_was_lost_is_recorded_once(empty_db, tmp_path):
    import datetime as dt

    from db.schema.resolutions import Resolution
    from db.sync.edits import resolution_edit

    world = build_world(empty_db)
    edit = resolution_edit(world.meeting_id, world.item_id, "开展社区义诊", world.other_unit_id, [], dt.date(2026, 12, 31),
                           [], [])
    outbox = Outbox("test-db", tmp_path / "outbox.sqlite")
    outbox.add(edit)
    with empty_db.session.begin() as s:  # saved, but the reply never reached this PC: the entry stays
        apply_edit(s, edit)
    assert outbox.replay(_run_in_transaction(empty_db)) == 1
    with empty_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Resolution).where(Resolution.text == "开展社区义诊")) == 1


def test_what_cannot_be_queued_does_not_claim_to_be_kept(sb_app):
    from sqlalchemy.exc import OperationalError

    from desktop.core.messages import describe

    sentence = describe(OperationalError("INSERT", {}, Exception("server closed the connection")))
    assert "没有保存" in sentence
    assert "重试" not in sentence and "保留" not in sentence  # not "kept and will be retried"


def test_on_a_server_that_goes_away_the_room_queues_replays_by_itself_and_then_closes(
        pg_url, executor, qtbot, tmp_path, no_leaked_windows, monkeypatch):
    from PySide6.QtWidgets import QMainWindow

    from db.core import migrate
    from db.core.engine import Database, make_engine
    from desktop.meetings.drafts import DraftStore
    from desktop.meetings.room import MeetingRoom
    from desktop.sync.connection import CONNECTED
    from desktop.sync.live import MultiPc
    from tests.test_multipc import _cut

    _confirm_closing(monkeypatch)
    database = Database(make_engine(pg_url))
    migrate.upgrade(database.engine)
    world = build_world(database)
    member = _members(database, world.meeting_id)[0]
    ex = executor(database)
    window = QMainWindow()
    multipc = MultiPc(ex, window)
    ex.outbox = Outbox("test-db", tmp_path / "outbox.sqlite")  # this test's own, not the user's
    multipc.monitor.PING_SECONDS = 0.5
    multipc.start()
    room = MeetingRoom(world.meeting_id, drafts=DraftStore(tmp_path / "drafts"))
    qtbot.addWidget(room)
    try:
        with qtbot.waitSignal(room.loaded, timeout=30_000):
            room.refresh()
        _cut(pg_url, allow=False)  # the server goes away in the middle of the meeting
        room.editor.setPlainText("一、听取汇报。\n二、断网时记下的结论。")
        room.editor.flush()
        qtbot.waitUntil(lambda: len(ex.outbox) == 1, timeout=20_000)  # the save failed: it waits in the outbox
        room.sign_name.setText(member.name)
        room.sign_in()
        qtbot.waitUntil(lambda: len(ex.outbox) == 2, timeout=20_000)
        room.close_meeting()
        qtbot.waitUntil(lambda: "2" in room.message.text() and member.name in room.message.text(), timeout=20_000)

        _cut(pg_url, allow=True)
        qtbot.waitUntil(lambda: multipc.monitor.state == CONNECTED and len(ex.outbox) == 0
                        and not multipc.replayer.running, timeout=30_000)
        room.close_meeting()
        qtbot.waitUntil(lambda: room.data is not None and room.data.meeting.status == "closed", timeout=20_000)
        with database.session() as s:
            assert s.get(AgendaItem, world.item_id).notes == "一、听取汇报。\n二、断网时记下的结论。"
        assert {r.name: r.status for r in _members(database, world.meeting_id)}[member.name] == "present"
    finally:
        _cut(pg_url, allow=True)
        room.close()
        multipc.stop()
        ex.wait_idle()
        window.deleteLater()
        database.dispose()
