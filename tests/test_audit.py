"""The audit trail: every write leaves who, when, what and old → new; the page filters and exports it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select, text

from db.core import audit
from db.core.base import AuditLog
from db.core.versioning import save_versioned
from db.schema.meetings import AgendaItem
from db.schema.resolutions import Task
from tests import test_roles
from tests.test_multipc import build_world

roles_db = test_roles.roles_db  # the fixture: a migrated PostgreSQL database with this run's roles


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
    from PySide6.QtCore import Qt

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
    assert page.model.index(0, 1).data() == "recorder"
    assert "新纪要" in page.model.index(0, 6).data() == page.model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole)
    out = tmp_path / "audit.xlsx"
    page.export_to(out)
    qtbot.waitUntil(lambda: page._status.text() != "", timeout=10_000)
    qtbot.waitUntil(lambda: not ex.busy, timeout=10_000)  # no load left running under the reader below
    sheet = pd.read_excel(out, engine="openpyxl")
    assert len(sheet) == 2 and "新纪要" in str(sheet.iloc[0, 6])
    assert list(sheet.iloc[:, 4]) == ["修改", "新增"] and set(sheet.iloc[:, 2]) == {"议程"}  # as on the page


# --------------------------------------------------------------------------- one audit path


def _since(database, last_id: int) -> list[tuple[str, int | None, str]]:
    with database.session() as s:
        return [tuple(r) for r in s.execute(select(AuditLog.table_name, AuditLog.row_id, AuditLog.action)
                                            .where(AuditLog.id > last_id).order_by(AuditLog.id))]


def _last_id(database) -> int:
    with database.session() as s:
        return int(s.scalar(select(text("coalesce(max(id), 0)")).select_from(AuditLog)))


def _write(database, actor: str, fn):
    """Run one service call as ``actor``; the audit rows it left, and its result."""
    before = _last_id(database)
    with database.session.begin() as s:
        s.info["actor"] = actor
        result = fn(s)
    return _since(database, before), result


def _once(rows, table: str, row_id: int, action: str) -> None:
    """The record was written once, under ``action``, and nothing was recorded twice."""
    assert [a for t, r, a in rows if (t, r) == (table, row_id)] == [action]
    keyed = [r for r in rows if r[1] is not None]  # rows of tables without an id (summaries) carry none
    assert len(keyed) == len(set(keyed))


def test_meeting_services_leave_one_audit_row_per_write_named_by_their_verb(empty_db):
    from db.meetings import agenda, room, signin
    from db.schema.meetings import Attendance
    from db.schema.units import CommitteeMember

    world = build_world(empty_db)
    with empty_db.session() as s:
        member_id = s.scalar(select(CommitteeMember.id).where(CommitteeMember.unit_id == world.unit_id))
        term_id = s.get(AgendaItem, world.item_id).meeting.term_id
    rows, row = _write(empty_db, "secretary", lambda s: signin.sign_in(
        s, world.meeting_id, status="present", member_id=member_id))
    _once(rows, "attendance", row.attendance_id, "sign_in")
    assert {t for t, _r, _a in rows} == {"attendance"}
    rows, row = _write(empty_db, "secretary", lambda s: signin.sign_in(
        s, world.meeting_id, status="excused", member_id=member_id, delegate_name="代理人"))
    _once(rows, "attendance", row.attendance_id, "sign_in")

    rows, meeting = _write(empty_db, "secretary", lambda s: agenda.create_meeting(
        s, kind="regular", title="下次例会", starts_at=dt.datetime(2026, 12, 20, 9, 0), term_id=term_id))
    _once(rows, "meeting", meeting.id, "insert")
    rows, item = _write(empty_db, "secretary", lambda s: agenda.add_item(s, meeting.id, title="议题"))
    _once(rows, "agenda_item", item.id, "insert")
    rows, _ = _write(empty_db, "secretary", lambda s: agenda.lock_agenda(s, meeting.id))
    _once(rows, "meeting", meeting.id, "lock_agenda")
    rows, _ = _write(empty_db, "chair", lambda s: room.start_meeting(s, meeting.id))
    _once(rows, "meeting", meeting.id, "start")
    with empty_db.session() as s:
        assert s.scalar(select(text("count(*)")).select_from(Attendance)) == 1


def test_case_services_leave_one_audit_row_per_write_named_by_their_verb(empty_db):
    from db.cases import services
    from tests import factories

    with empty_db.session.begin() as s:
        case = factories.case(s, reported=dt.datetime(2026, 11, 1, 9), deadline=dt.datetime(2026, 12, 1, 9),
                              state="FILED")
        s.flush()
        case_id = case.id
    rows, _ = _write(empty_db, "shuji", lambda s: services.set_supervised(s, case_id, True))
    _once(rows, "grid_case", case_id, "supervise")
    rows, _ = _write(empty_db, "paidan", lambda s: services.transition_case(s, case_id, "dispatch"))
    _once(rows, "grid_case", case_id, "dispatch")
    with empty_db.session() as s:
        trail = audit.audit_trail(s, table="grid_case", row_id=case_id)
    assert trail.iloc[0]["new_values"]["state"] == "DISPATCHED"
    assert trail.iloc[0]["old_values"]["state"] == "FILED"


def test_unit_and_pairing_services_leave_one_audit_row_per_write_named_by_their_verb(empty_db):
    from db.pairings import agreements
    from db.units import lists, scoring
    from tests import factories

    with empty_db.session.begin() as s:
        office = factories.street(s)
        school = factories.unit(s, office, "第一中学")
        city = factories.unit(s, office, "市供电公司", kind="municipal")
        community = factories.community(s, office)
        project_id = factories.project(s, "助老食堂").id
        agreement = factories.agreement(s, city, community, 2026, [])
        item_id = factories.agreement_item(s, agreement, "结对走访", dt.date(2026, 12, 1)).id
        school_id = s.get(type(school), school.id).id
    rows, claim_id = _write(empty_db, "unit", lambda s: lists.claim_project(
        s, project_id=project_id, unit_id=school_id, claimed_on=dt.date(2026, 2, 1)))
    _once(rows, "project_claim", claim_id, "claim")
    rows, _ = _write(empty_db, "unit", lambda s: lists.report_delivery(
        s, claim_id=claim_id, delivered_on=dt.date(2026, 3, 1)))
    _once(rows, "project_claim", claim_id, "deliver")
    rows, need_id = _write(empty_db, "unit", lambda s: lists.add_need(
        s, title="加装电梯", community_id=None, raised_on=dt.date(2026, 3, 1)))
    _once(rows, "need", need_id, "insert")
    rows, scheme = _write(empty_db, "secretary", lambda s: scoring.save_weights(
        s, year=2026, weights={"claims": "20"}, today=dt.date(2026, 6, 15)))
    _once(rows, "score_scheme", scheme.id, "weights")
    rows, _ = _write(empty_db, "liaison", lambda s: agreements.record_progress(s, item_id=item_id, progress_pct=40))
    _once(rows, "agreement_item", item_id, "progress")


def test_a_verb_outside_the_vocabulary_is_refused(empty_db):
    with empty_db.session.begin() as s, pytest.raises(ValueError):
        audit.set_action(s, "made_up")


def test_an_update_stored_as_a_list_of_rows_reads_on_the_audit_page(pg_url):
    """PostgreSQL stores an update of a table without an ``id`` (meeting_room_state, once a meeting
    has started) as lists of rows; reading the trail must not fail on them."""
    from db.core import migrate
    from db.core.engine import Database, make_engine
    from db.meetings import room

    database = Database(make_engine(pg_url))
    try:
        migrate.upgrade(database.engine)
        world = build_world(database)
        with database.session.begin() as s:
            s.get(AgendaItem, world.item_id).meeting.status = "agenda_locked"
        with database.session.begin() as s:
            room.start_meeting(s, world.meeting_id, now=dt.datetime(2026, 11, 20, 9, 0))
        with database.session.begin() as s:
            room.set_current_item(s, world.meeting_id, world.item_id, now=dt.datetime(2026, 11, 20, 9, 5))
        with database.session() as s:
            trail = audit.audit_trail(s, table="meeting_room_state")
        assert any(isinstance(v, list) for v in trail["old_values"])
        described = [audit.describe_values(v) for v in trail["new_values"]]
        assert any("current_item_id: " in d for d in described)
    finally:
        database.dispose()


def test_every_table_and_every_verb_has_a_chinese_label(sb_app):
    """The 操作记录 page names every record kind and every action in Chinese, never a raw code."""
    import db.schema  # noqa: F401 - every table on the metadata
    from db.core.base import Base
    from db.sync.changes import QUIET_TABLES
    from desktop.audit.page import action_name, table_name

    def chinese(label: str) -> bool:
        return any("\u4e00" <= ch <= "\u9fff" for ch in label)

    tables = sorted(set(Base.metadata.tables) - QUIET_TABLES)
    assert len(tables) > 40
    assert [t for t in tables if not chinese(table_name(t))] == []
    verbs = sorted({*audit.PLAIN_ACTIONS, *audit.VERBS})
    assert [v for v in verbs if not chinese(action_name(v))] == []
    assert action_name("supervise") == "列入督办"


def test_every_case_transition_is_an_audit_verb():
    from db.cases.states import DEFAULT_TRANSITIONS

    assert {t.action for t in DEFAULT_TRANSITIONS} <= audit.VERBS



def test_the_secretary_chairs_a_meeting_without_any_right_on_the_audit_trail(roles_db, pg_url):
    """On PostgreSQL only the database writes audit rows: the secretary's services work (they used
    to fail with ``permission denied for table audit_log``) and each write is recorded once, as
    the secretary's login."""
    from db.cases import services as cases
    from db.core.engine import Database, make_engine
    from db.meetings import agenda, signin
    from db.pairings import agreements
    from db.schema.street import StreetOffice
    from db.schema.units import CommitteeMember
    from db.sync.roles import add_user, init_roles
    from db.units import lists
    from tests import factories

    database, prefix, users = roles_db
    world = build_world(database)
    with database.session.begin() as s:
        case = factories.case(s, reported=dt.datetime(2026, 11, 1, 9), deadline=dt.datetime(2026, 12, 1, 9),
                              state="FILED")
        office = s.scalars(select(StreetOffice)).one()
        city = factories.unit(s, office, "市供电公司", kind="municipal")
        agreement = factories.agreement(s, city, factories.community(s, office), 2026, [])
        item_id = factories.agreement_item(s, agreement, "结对走访", dt.date(2026, 12, 1)).id
        case_id = case.id
        member_id = s.scalar(select(CommitteeMember.id).where(CommitteeMember.unit_id == world.unit_id))
        term_id = s.get(AgendaItem, world.item_id).meeting.term_id
    init_roles(database.engine, prefix)
    secretary = f"{prefix}_s1"
    users.append(secretary)
    add_user(database.engine, secretary, "secretary", "pw-s1", prefix=prefix)
    login = Database(make_engine(pg_url.set(username=secretary, password="pw-s1")))
    made: dict[str, int] = {}
    steps = [
        ("meeting", "insert", lambda s: made.setdefault("meeting", agenda.create_meeting(
            s, kind="regular", title="例会", starts_at=dt.datetime(2026, 12, 20, 9), term_id=term_id).id)),
        ("agenda_item", "insert", lambda s: agenda.add_item(s, made["meeting"], title="议题").id),
        ("meeting", "lock_agenda", lambda s: agenda.lock_agenda(s, made["meeting"]).id),
        ("attendance", "sign_in", lambda s: signin.sign_in(
            s, world.meeting_id, status="present", member_id=member_id).attendance_id),
        ("grid_case", "dispatch", lambda s: cases.transition_case(s, case_id, "dispatch") and case_id),
        ("resource", "insert", lambda s: lists.add_resource(
            s, unit_id=world.unit_id, title="活动场地", offered_on=dt.date(2026, 11, 1))),
        ("agreement_item", "progress", lambda s: agreements.record_progress(
            s, item_id=item_id, progress_pct=30) or item_id),
    ]
    try:
        for table, verb, step in steps:
            before = _last_id(database)
            with login.session.begin() as s:
                row_id = step(s)
            rows = _since(database, before)
            _once(rows, table, row_id, verb)
            with database.session() as s:
                who = s.scalar(select(AuditLog.username).where(AuditLog.id > before, AuditLog.table_name == table,
                                                               AuditLog.row_id == row_id))
            assert who == secretary
    finally:
        login.dispose()
