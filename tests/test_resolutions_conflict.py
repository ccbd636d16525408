"""Task progress on the 决议督办 page from two PCs: a stale save is refused, both versions are shown
side by side, and the person's choice is saved — never a silent overwrite (issue 6)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from db.core.base import AuditLog
from db.core.engine import Database, make_engine
from db.resolutions import progress as res_db
from db.schema.resolutions import Task, TaskUpdate
from db.sync.outbox import Outbox
from tests import factories


@dataclass(frozen=True)
class World:
    resolution_id: int
    task_id: int
    late_task_id: int


def build_world(database: Database) -> World:
    today = dt.date.today()
    with database.session.begin() as s:
        office = factories.street(s)
        school = factories.unit(s, office, "第一中学")
        term = factories.term(s, office, school)
        meeting = factories.meeting(s, term, dt.datetime.combine(today - dt.timedelta(days=20), dt.time(9)),
                                    status="closed")
        resolution = factories.resolution(s, meeting, school, today + dt.timedelta(days=60))
        s.flush()
        task = Task(resolution_id=resolution.id, title="摸排加装电梯需求", owner_unit_id=school.id,
                    deadline=today + dt.timedelta(days=30))
        late = Task(resolution_id=resolution.id, title="出具改造方案", owner_unit_id=school.id,
                    deadline=today - dt.timedelta(days=3))
        s.add_all([task, late])
        s.flush()
        return World(resolution.id, task.id, late.id)


@pytest.fixture
def two_pcs(empty_db, executor, qtbot, no_leaked_windows):
    """This PC: the Resolutions page on its own executor. The other PC: its own engine on the same database."""
    from desktop.resolutions.page import ResolutionsPage

    world = build_world(empty_db)
    ex = executor(empty_db)
    ex.actor = "委员甲"
    other = Database(make_engine(empty_db.engine.url))
    page = ResolutionsPage()
    qtbot.addWidget(page)
    ex.changed.connect(page.on_changes)
    page.resize(1366, 768)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.refresh()
    yield page, world, empty_db, other, ex
    page.close()
    ex.wait_idle()
    other.dispose()


def _open_task(page, world: World, task_id: int) -> None:
    assert page.select_row(world.resolution_id, task_id)
    assert page._selected.task_id == task_id and page.save_progress_button.isEnabled()


def _other_pc_saves(other: Database, task_id: int, pct: int, note: str) -> int:
    with other.session.begin() as s:
        s.info["actor"] = "委员乙"
        version = s.get(Task, task_id).version
        res_db.save_progress(s, task_id, pct, note, base_version=version)
    with other.session() as s:
        return s.get(Task, task_id).version


def _state(database: Database, task_id: int) -> tuple[int, str, int, list[str], list[tuple[str, str]]]:
    with database.session() as s:
        task = s.get(Task, task_id)
        notes = s.scalars(select(TaskUpdate.note).where(TaskUpdate.task_id == task_id).order_by(TaskUpdate.id)).all()
        trail = s.execute(select(AuditLog.username, AuditLog.action).where(
            AuditLog.table_name == "task", AuditLog.row_id == task_id, AuditLog.action != "insert")
            .order_by(AuditLog.id)).all()
        return task.progress_pct, task.status, task.version, list(notes), [tuple(r) for r in trail]


def _type(page, pct: int, note: str) -> None:
    page.progress_input.setValue(pct)
    page.note_input.setPlainText(note)


@pytest.mark.parametrize("choice", ["mine", "merged", "theirs"])
def test_a_stale_progress_save_shows_both_versions_and_saves_the_choice(two_pcs, qtbot, choice):
    page, world, db, other, _ex = two_pcs
    _open_task(page, world, world.task_id)
    loaded = page._selected.version
    _type(page, 70, "已摸排三个小区")  # this PC starts typing …
    theirs_version = _other_pc_saves(other, world.task_id, 50, "已摸排两个小区")  # … the other PC saves first
    assert theirs_version == loaded + 1

    page.save_progress_button.click()
    qtbot.waitUntil(lambda: page.conflict_dialog is not None and page.conflict_dialog.isVisible(), timeout=10_000)
    dialog = page.conflict_dialog
    # refused: nothing of this PC's update is in the database yet
    assert _state(db, world.task_id)[:4] == (50, "in_progress", theirs_version, ["已摸排两个小区"])
    # both versions side by side: the notes, and the progress of each above them
    assert dialog.mine_edit.toPlainText() == "已摸排三个小区"
    assert dialog.theirs_edit.toPlainText() == "已摸排两个小区"
    assert dialog.theirs_edit.isReadOnly()
    shown = [label.text() for label in dialog.findChildren(type(page.message))]
    assert any("70" in text and "50" not in text for text in shown)
    assert any("50" in text and "委员乙" not in text for text in shown)
    assert any("委员乙" in text for text in shown)  # who saved meanwhile
    assert "<<<<<<<" in dialog.merged_edit.toPlainText()  # two new notes: the clash is marked for editing

    if choice == "mine":
        dialog.keep_mine.click()
    elif choice == "merged":
        dialog.merged_edit.setPlainText("已摸排三个小区（含对方反馈的两个）")
        dialog.use_merged.click()
    else:
        dialog.take_theirs.click()
    assert page.conflict_dialog is None and not dialog.isVisible()

    if choice == "theirs":
        qtbot.waitUntil(lambda: page._selected.version == theirs_version, timeout=10_000)  # reloaded
        assert page.progress_input.value() == 50 and page.note_input.toPlainText() == ""
        assert _state(db, world.task_id) == (50, "in_progress", theirs_version, ["已摸排两个小区"],
                                             [("委员乙", "update")])
        return
    qtbot.waitUntil(lambda: _state(db, world.task_id)[2] == theirs_version + 1, timeout=10_000)
    pct, status, _version, notes, trail = _state(db, world.task_id)
    mine_note = "已摸排三个小区" if choice == "mine" else "已摸排三个小区（含对方反馈的两个）"
    assert (pct, status) == (70, "in_progress")
    assert notes == ["已摸排两个小区", mine_note]  # their 反馈 stays: no lost update
    # kept over the newer version deliberately, and the audit trail says so
    assert trail == [("委员乙", "update"), ("委员甲", "overwrite")]
    qtbot.waitUntil(lambda: page._selected.version == theirs_version + 1, timeout=10_000)
    assert page.note_input.toPlainText() == ""


def test_decide_later_keeps_the_typed_update_and_saves_nothing(two_pcs, qtbot):
    page, world, db, other, _ex = two_pcs
    _open_task(page, world, world.task_id)
    _type(page, 30, "已发放问卷")
    theirs_version = _other_pc_saves(other, world.task_id, 40, "已召开座谈会")
    page.save_progress_button.click()
    qtbot.waitUntil(lambda: page.conflict_dialog is not None, timeout=10_000)
    page.conflict_dialog.reject()
    assert page.conflict_dialog is None
    assert page.note_input.toPlainText() == "已发放问卷" and page.progress_input.value() == 30
    assert page.message.text() and "已发放问卷" not in page.message.text()
    assert _state(db, world.task_id)[:4] == (40, "in_progress", theirs_version, ["已召开座谈会"])


def test_the_rules_still_hold_an_overdue_task_needs_a_reason(two_pcs, qtbot):
    page, world, db, _other, _ex = two_pcs
    _open_task(page, world, world.late_task_id)
    before = _state(db, world.late_task_id)
    _type(page, 20, "推进中")
    page.reason_input.setText("")
    page.save_progress_button.click()
    qtbot.waitUntil(lambda: "出具改造方案" in page.message.text(), timeout=10_000)
    assert page.conflict_dialog is None and _state(db, world.late_task_id) == before
    page.reason_input.setText("等待区里审批")
    page.save_progress_button.click()
    qtbot.waitUntil(lambda: _state(db, world.late_task_id)[0] == 20, timeout=10_000)
    with db.session() as s:
        assert s.get(Task, world.late_task_id).overdue_reason == "等待区里审批"
        assert s.scalars(select(TaskUpdate.note).where(TaskUpdate.task_id == world.late_task_id)).one() == \
            "推进中；逾期原因：等待区里审批"


def test_an_offline_progress_update_waits_in_the_outbox_and_is_replayed(two_pcs, qtbot, tmp_path):
    page, world, db, _other, ex = two_pcs
    ex.outbox = Outbox("test", tmp_path / "outbox.sqlite")
    ex.online = False  # the server is away
    _open_task(page, world, world.task_id)
    start = page._selected.version
    _type(page, 100, "全部摸排完毕")
    page.save_progress_button.click()
    assert len(ex.outbox) == 1 and page.note_input.toPlainText() == ""
    assert page.message.text()
    entry = ex.outbox.entries()[0]
    assert (entry.edit.kind, entry.edit.row_id, entry.edit.base_version) == ("task_progress", world.task_id, start)
    assert _state(db, world.task_id)[0] == 0  # nothing reached the database

    def run(fn):
        with db.session.begin() as s:
            s.info["actor"] = ex.actor
            return fn(s)

    ex.online = True
    assert ex.outbox.replay(run) == 1
    pct, status, version, notes, _trail = _state(db, world.task_id)
    assert (pct, status, version, notes) == (100, "done", start + 1, ["全部摸排完毕"])
    with db.session() as s:
        task = s.get(Task, world.task_id)
        # the replay has the consequences an online save has: a completion date, and the resolution
        # moves on as its tasks do (ready to verify once every task is closed)
        assert task.done_on is not None
        others_open = any(t.status not in ("done", "cancelled") for t in task.resolution.tasks)
        assert task.resolution.status == ("in_progress" if others_open else "ready_to_verify")
