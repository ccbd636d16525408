"""The audit trail: every write leaves who, when, what and old → new; the page filters and exports it."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select, text

from db.core import audit
from db.core.base import AuditLog
from db.core.versioning import save_versioned
from db.schema.meetings import AgendaItem
from db.schema.resolutions import Task
from tests.test_multipc import build_world


def _trail(database, table: str, row_id: int) -> list[AuditLog]:
    with database.session() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.table_name == table, AuditLog.row_id == row_id)
                              .order_by(AuditLog.id)))


def test_inserts_and_updates_leave_old_and_new_values_and_the_actor(empty_db):
    world = build_world(empty_db)
    with empty_db.session.begin() as s:
        s.info["actor"] = "weiyuan1"
        task = s.get(Task, world.task_id)
        task.progress_pct = 60
        task.status = "in_progress"
    rows = _trail(empty_db, "task", world.task_id)
    assert [r.action for r in rows] == ["insert", "update"]
    assert rows[0].new_values["title"] == "摸排需求" and rows[0].old_values is None
    update = rows[1]
    assert update.username == "weiyuan1"
    assert update.old_values == {"progress_pct": 0, "status": "open", "version": 1}
    assert update.new_values == {"progress_pct": 60, "status": "in_progress", "version": 2}
    assert update.at is not None


def test_deletes_are_audited_with_the_old_values(empty_db):
    world = build_world(empty_db)
    with empty_db.session.begin() as s:
        s.info["actor"] = "shuji"
        s.delete(s.get(Task, world.other_task_id))
    rows = _trail(empty_db, "task", world.other_task_id)
    assert rows[-1].action == "delete" and rows[-1].username == "shuji"
    assert rows[-1].old_values["title"] == "出具方案"


def test_bulk_writes_leave_one_summary_row(empty_db):
    """A flush (SQLite) or one statement (PostgreSQL triggers) of more than 1000 rows: one summary row."""
    world = build_world(empty_db)
    with empty_db.session.begin() as s:
        if empty_db.is_sqlite:
            s.add_all([Task(resolution_id=world.resolution_id, title=f"批量{i}", owner_unit_id=world.unit_id,
                            deadline=pd.Timestamp("2026-12-01").date()) for i in range(1500)])
        else:
            s.execute(text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
                "INSERT INTO task (resolution_id, title, owner_unit_id, deadline, status, progress_pct, "
                "overdue_reason, assignee, version) "
                "SELECT :r, 'bulk', :u, DATE '2026-12-01', 'open', 0, '', '', 1 FROM n"),
                {"r": world.resolution_id, "u": world.unit_id})
    with empty_db.session() as s:
        bulk = s.execute(select(AuditLog.action, AuditLog.new_values).where(
            AuditLog.table_name == "task", AuditLog.action == "bulk_insert")).all()
        per_row = s.scalar(select(text("count(*)")).select_from(AuditLog).where(
            AuditLog.table_name == "task", AuditLog.action == "insert"))
    assert [v["rows"] for _a, v in bulk] == [1500]
    assert per_row == 2  # the two tasks of the world, one row each


def test_filters_per_record_and_per_person(empty_db):
    world = build_world(empty_db)
    for who, notes in (("recorder", "一"), ("chair", "二")):
        with empty_db.session.begin() as s:
            s.info["actor"] = who
            version = s.get(AgendaItem, world.item_id).version
            save_versioned(s, AgendaItem, world.item_id, version, {"notes": notes})
    with empty_db.session() as s:
        per_record = audit.audit_trail(s, table="agenda_item", row_id=world.item_id)
        per_person = audit.audit_trail(s, username="chair")
        assert "chair" in audit.audit_people(s)
    assert list(per_record["action"]) == ["update", "update", "insert"]  # newest first
    assert list(per_person["new_values"].map(lambda v: v["notes"])) == ["二"]


def test_audit_page_shows_filters_and_exports(empty_db, executor, qtbot, tmp_path):
    from desktop.audit.page import AuditPage

    world = build_world(empty_db)
    with empty_db.session.begin() as s:
        s.info["actor"] = "recorder"
        save_versioned(s, AgendaItem, world.item_id, s.get(AgendaItem, world.item_id).version, {"notes": "新纪要"})
    ex = executor(empty_db)
    page = AuditPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show_record("agenda_item", world.item_id)
    assert page.model.rowCount() == 2
    assert page.model.item(0, 1).text() == "recorder"
    assert "新纪要" in page.model.item(0, 6).text()
    out = tmp_path / "audit.xlsx"
    page.export_to(out)
    qtbot.waitUntil(lambda: page._status.text() != "", timeout=10_000)
    qtbot.waitUntil(lambda: not ex.busy, timeout=10_000)  # no load left running under the reader below
    sheet = pd.read_excel(out, engine="openpyxl")
    assert len(sheet) == 2 and "新纪要" in str(sheet.iloc[0, 6])
