"""Many PCs, one database: live refresh, refused stale saves, edits kept through a lost connection."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import pytest
from sqlalchemy import select, text

from db.core.base import AuditLog
from db.core.engine import Database, make_engine
from db.core.versioning import ConflictError, merge3, save_versioned
from db.schema.meetings import AgendaItem
from db.schema.resolutions import Task, TaskUpdate
from db.sync.edits import Edit, apply_edit
from tests import factories


@dataclass(frozen=True)
class World:
    item_id: int
    task_id: int
    other_task_id: int
    unit_id: int
    other_unit_id: int
    meeting_id: int
    resolution_id: int


def build_world(database: Database) -> World:
    with database.session.begin() as s:
        office = factories.street(s)
        school = factories.unit(s, office, "第一中学")
        hospital = factories.unit(s, office, "区人民医院", kind="hospital")
        term = factories.term(s, office, school, hospital)
        meeting = factories.meeting(s, term, dt.datetime(2026, 11, 20, 9, 0), status="in_progress")
        item = AgendaItem(meeting_id=meeting.id, position=1, title="老旧小区加装电梯", notes="一、听取汇报。\n")
        s.add(item)
        resolution = factories.resolution(s, meeting, school, dt.date(2026, 12, 31))
        s.flush()
        task = Task(resolution_id=resolution.id, title="摸排需求", owner_unit_id=school.id, deadline=dt.date(2026, 12, 1))
        other = Task(resolution_id=resolution.id, title="出具方案", owner_unit_id=hospital.id,
                     deadline=dt.date(2026, 12, 1))
        s.add_all([task, other])
        s.flush()
        return World(item.id, task.id, other.id, school.id, hospital.id, meeting.id, resolution.id)


def second_instance(database: Database) -> Database:
    """Another PC: its own engine on the same database."""
    return Database(make_engine(database.engine.url))


def _version(database: Database, model, row_id: int) -> int:
    with database.session.begin() as s:
        return s.get(model, row_id).version


# --------------------------------------------------------------------------- conflicts


def test_second_save_of_the_same_minutes_is_refused_and_nothing_is_lost(empty_db):
    world = build_world(empty_db)
    other = second_instance(empty_db)
    try:
        base_text = "一、听取汇报。\n"
        start = _version(empty_db, AgendaItem, world.item_id)  # both PCs open the item here
        with empty_db.session.begin() as s:
            s.info["actor"] = "recorder"
            first = save_versioned(s, AgendaItem, world.item_id, start, {"notes": base_text + "二、同意方案。\n"})
        assert first == start + 1
        with pytest.raises(ConflictError) as caught, other.session.begin() as s:
            s.info["actor"] = "chair"
            save_versioned(s, AgendaItem, world.item_id, start, {"notes": "零、宣布开会。\n" + base_text},
                           base={"notes": base_text})
        conflict = caught.value
        assert conflict.their_version == first and conflict.base_version == start
        assert conflict.theirs["notes"].endswith("二、同意方案。\n")
        assert conflict.mine["notes"].startswith("零、宣布开会。")
        with empty_db.session.begin() as s:  # the refused save changed nothing
            assert s.get(AgendaItem, world.item_id).notes == base_text + "二、同意方案。\n"

        merged = merge3(conflict.base["notes"], conflict.mine["notes"], conflict.theirs["notes"])
        assert merged.conflicts == 0
        with other.session.begin() as s:
            s.info["actor"] = "chair"
            save_versioned(s, AgendaItem, world.item_id, conflict.their_version, {"notes": merged.text},
                           action="overwrite")
        with empty_db.session.begin() as s:
            assert s.get(AgendaItem, world.item_id).notes == "零、宣布开会。\n一、听取汇报。\n二、同意方案。\n"
            trail = s.execute(select(AuditLog.username, AuditLog.action, AuditLog.old_values, AuditLog.new_values)
                              .where(AuditLog.table_name == "agenda_item", AuditLog.row_id == world.item_id,
                                     AuditLog.action != "insert")
                              .order_by(AuditLog.id)).all()
        assert [(r.username, r.action) for r in trail] == [("recorder", "update"), ("chair", "overwrite")]
        assert trail[1].old_values["notes"] == base_text + "二、同意方案。\n"
    finally:
        other.dispose()


def test_second_update_of_the_same_task_is_refused(empty_db):
    world = build_world(empty_db)
    other = second_instance(empty_db)
    try:
        start = _version(empty_db, Task, world.task_id)
        with empty_db.session.begin() as s:
            apply_edit(s, Edit("task_progress", world.task_id, start, {"progress_pct": 50, "status": "in_progress"},
                               extra={"note": "已摸排两个小区"}))
        with pytest.raises(ConflictError) as caught, other.session.begin() as s:
            apply_edit(s, Edit("task_progress", world.task_id, start, {"progress_pct": 70},
                               extra={"note": "已摸排三个小区"}))
        assert caught.value.theirs == {"progress_pct": 50}
        with empty_db.session.begin() as s:
            assert s.get(Task, world.task_id).progress_pct == 50
            notes = s.scalars(select(TaskUpdate.note).where(TaskUpdate.task_id == world.task_id)).all()
        assert notes == ["已摸排两个小区"]  # the refused one wrote no 反馈 either
    finally:
        other.dispose()


def test_merge3_takes_both_sides_and_marks_clashes():
    assert merge3("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n").text == "A\nb\nC\n"
    clash = merge3("a\nb\n", "a\nX\n", "a\nY\n")
    assert clash.conflicts == 1
    assert clash.text == "a\n<<<<<<<\nX\n=======\nY\n>>>>>>>\n"


def test_stale_save_from_the_app_asks_and_keeps_mine_deliberately(empty_db, executor, qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from desktop.sync import conflicts

    world = build_world(empty_db)
    start = _version(empty_db, AgendaItem, world.item_id)
    with empty_db.session.begin() as s:
        save_versioned(s, AgendaItem, world.item_id, start, {"notes": "对方的文字\n"})
    asked = []

    def keep_mine(_parent, error, edit, _what):
        asked.append(error)
        return conflicts.Decision("mine", conflicts.rebase(edit, error, edit.values))

    monkeypatch.setattr(conflicts, "chooser", keep_mine)
    ex = executor(empty_db)
    host = QWidget()
    saved = []
    conflicts.save_edit(host, Edit("agenda_notes", world.item_id, start, {"notes": "我的文字\n"}), what="纪要",
                        on_saved=lambda version, edit: saved.append((version, edit)))
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    assert len(asked) == 1 and asked[0].theirs == {"notes": "对方的文字\n"}
    assert saved[0][0] == start + 2 and saved[0][1].action == "overwrite"
    with empty_db.session.begin() as s:
        assert s.get(AgendaItem, world.item_id).notes == "我的文字\n"
    ex.wait_idle()
    host.deleteLater()


# --------------------------------------------------------------------------- live refresh


def test_a_write_on_one_pc_reaches_the_other_within_a_second(empty_db, executor, qtbot):
    from desktop.sync.live import LiveRefresh

    world = build_world(empty_db)
    other = second_instance(empty_db)
    ex = executor(other)
    live = LiveRefresh(ex)
    live.start()
    try:
        assert live.source.ready.wait(5)
        time.sleep(0.2)
        start = _version(empty_db, AgendaItem, world.item_id)
        with qtbot.waitSignal(ex.changed, timeout=1000,
                              check_params_cb=lambda c: c.touches("agenda_item")) as blocker:
            t0 = time.monotonic()
            with empty_db.session.begin() as s:
                save_versioned(s, AgendaItem, world.item_id, start, {"notes": "另一台电脑写的\n"})
        assert time.monotonic() - t0 < 1.0
        assert "task" not in blocker.args[0].tables  # only what the write touched
    finally:
        live.stop()
        other.dispose()


# --------------------------------------------------------------------------- connection loss (PostgreSQL)


def _admin(pg_url):
    return make_engine(pg_url.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _cut(pg_url, allow: bool) -> None:
    admin = _admin(pg_url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{pg_url.database}" ALLOW_CONNECTIONS {str(allow).lower()}'))
            if not allow:
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = :d AND pid <> pg_backend_pid()"), {"d": pg_url.database})
    finally:
        admin.dispose()


def test_edits_made_while_the_server_is_cut_off_are_saved_in_order(pg_url, executor, qtbot):
    from PySide6.QtWidgets import QMainWindow

    from db.core import migrate
    from desktop.sync import conflicts
    from desktop.sync.connection import CONNECTED
    from desktop.sync.live import MultiPc

    database = Database(make_engine(pg_url))
    migrate.upgrade(database.engine)
    world = build_world(database)
    ex = executor(database)
    window = QMainWindow()
    multipc = MultiPc(ex, window)
    multipc.monitor.PING_SECONDS = 0.5
    multipc.start()
    versions = {"item": _version(database, AgendaItem, world.item_id), "task": _version(database, Task, world.task_id)}
    results = []

    def edit_notes(textline: str) -> None:
        conflicts.save_edit(window, Edit("agenda_notes", world.item_id, versions["item"], {"notes": textline}),
                            what="纪要", on_saved=lambda v, _e: (versions.__setitem__("item", v), results.append(v)),
                            on_queued=lambda e: results.append("queued"))

    try:
        edit_notes("第一稿\n")
        qtbot.waitUntil(lambda: len(results) == 1, timeout=5000)
        assert results == [versions["item"]]

        _cut(pg_url, allow=False)  # the server goes away in the middle of the meeting
        typed = [f"第{n}稿\n" for n in range(2, 6)]
        for textline in typed:
            before = len(results)
            edit_notes(textline)
            qtbot.waitUntil(lambda n=before: len(results) > n, timeout=15000)
        conflicts.save_edit(window, Edit("task_progress", world.task_id, versions["task"], {"progress_pct": 30},
                                         extra={"note": "断网时填写"}), what="任务",
                            on_queued=lambda e: results.append("queued"))
        qtbot.waitUntil(lambda: len(results) == 6, timeout=15000)
        assert results[1:] == ["queued"] * 5
        assert len(ex.outbox) == 5
        qtbot.waitUntil(lambda: multipc.monitor.state != CONNECTED, timeout=5000)

        _cut(pg_url, allow=True)
        qtbot.waitUntil(lambda: multipc.monitor.state == CONNECTED and len(ex.outbox) == 0
                        and not multipc.replayer.running, timeout=20000)
        with database.session.begin() as s:
            assert s.get(AgendaItem, world.item_id).notes == "第5稿\n"
            assert s.get(Task, world.task_id).progress_pct == 30
            trail = s.scalars(select(AuditLog.new_values).where(
                AuditLog.table_name == "agenda_item", AuditLog.row_id == world.item_id, AuditLog.action == "update")
                .order_by(AuditLog.id)).all()
            assert [v["notes"] for v in trail] == ["第一稿\n", *typed]  # every edit, in order
            assert s.scalars(select(TaskUpdate.note).where(TaskUpdate.task_id == world.task_id)).all() == ["断网时填写"]
    finally:
        _cut(pg_url, allow=True)
        multipc.stop()
        ex.wait_idle()
        window.deleteLater()
        database.dispose()


def test_the_common_original_comes_from_the_audit_trail(empty_db):
    world = build_world(empty_db)
    start = _version(empty_db, AgendaItem, world.item_id)
    with empty_db.session.begin() as s:
        save_versioned(s, AgendaItem, world.item_id, start, {"notes": "甲\n乙\n丙\n"})
    with empty_db.session.begin() as s:
        save_versioned(s, AgendaItem, world.item_id, start + 1, {"notes": "甲\n乙\n丙（改）\n"})
    with pytest.raises(ConflictError) as caught, empty_db.session.begin() as s:
        save_versioned(s, AgendaItem, world.item_id, start + 1, {"notes": "甲（改）\n乙\n丙\n"})
    assert caught.value.base == {"notes": "甲\n乙\n丙\n"}
    merged = merge3(caught.value.base["notes"], caught.value.mine["notes"], caught.value.theirs["notes"])
    assert merged.text == "甲（改）\n乙\n丙（改）\n"
