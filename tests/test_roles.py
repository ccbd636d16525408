"""Roles enforced by PostgreSQL: a member cannot approve minutes nor touch another unit's task."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import psycopg
import pytest
from sqlalchemy import make_url, text

from db.core import migrate
from db.core.engine import Database, make_engine
from db.sync.roles import RolesError, add_user, drop_roles, init_roles
from tests.test_multipc import build_world


@pytest.fixture
def roles_db(pg_url):
    """A migrated database with this run's own roles (cluster-wide names, dropped afterwards)."""
    database = Database(make_engine(pg_url))
    migrate.upgrade(database.engine)
    prefix = f"sbt{os.getpid()}_{uuid.uuid4().hex[:6]}"
    users: list[str] = []
    yield database, prefix, users
    database.dispose()
    cleanup = make_engine(pg_url)
    try:
        drop_roles(cleanup, prefix, tuple(users))
    finally:
        cleanup.dispose()


def _login(pg_url, user: str, password: str) -> psycopg.Connection:
    url = make_url(str(pg_url.render_as_string(hide_password=False))).set(
        drivername="postgresql", username=user, password=password)
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def test_a_member_cannot_approve_minutes_nor_edit_another_units_task(roles_db, pg_url):
    database, prefix, users = roles_db
    world = build_world(database)
    with database.session.begin() as s:
        minutes_id = s.execute(text("INSERT INTO minutes (meeting_id, status, version) VALUES (:m, 'draft', 1) "
                                    "RETURNING id"), {"m": world.meeting_id}).scalar_one()
        revision_id = s.execute(text(
            "INSERT INTO minutes_revision (minutes_id, number, content, reason, created_by, created_at) "
            "VALUES (:m, 1, '{}', '', 'x', :t) RETURNING id"), {"m": minutes_id, "t": dt.datetime(2026, 11, 20)}
        ).scalar_one()
    init_roles(database.engine, prefix)
    member, secretary = f"{prefix}_m1", f"{prefix}_s1"
    users += [member, secretary]
    add_user(database.engine, member, "member", "pw-m1", unit_id=world.unit_id, prefix=prefix)
    add_user(database.engine, secretary, "secretary", "pw-s1", prefix=prefix)

    with _login(pg_url, member, "pw-m1") as conn:
        # own unit's task: allowed
        assert conn.execute("UPDATE task SET progress_pct = 40, version = version + 1 WHERE id = %s",
                            (world.task_id,)).rowcount == 1
        conn.execute("INSERT INTO task_update (task_id, at, by, progress_pct, note) VALUES (%s, now(), 'm', 40, '')",
                     (world.task_id,))
        # minutes drafting: allowed
        conn.execute("UPDATE agenda_item SET notes = 'draft', version = version + 1 WHERE id = %s", (world.item_id,))
        # another unit's task: not even found for writing (row-level security USING)
        assert conn.execute("UPDATE task SET progress_pct = 90 WHERE id = %s", (world.other_task_id,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO task_update (task_id, at, by, progress_pct, note) VALUES (%s, now(), 'm', 9, '')",
                         (world.other_task_id,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor move a task to another unit
            conn.execute("UPDATE task SET owner_unit_id = %s WHERE id = %s", (world.other_unit_id, world.task_id))
        # approving minutes: refused
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE minutes_revision SET approved_at = now(), approved_by = 'm' WHERE id = %s",
                         (revision_id,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE minutes SET status = 'approved' WHERE id = %s", (minutes_id,))
        # nor forge the audit trail
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM audit_log")

    with _login(pg_url, secretary, "pw-s1") as conn:
        conn.execute("UPDATE minutes_revision SET approved_at = now(), approved_by = 's', content_hash = %s "
                     "WHERE id = %s", ("0" * 64, revision_id))
        assert conn.execute("UPDATE task SET progress_pct = 90 WHERE id = %s", (world.other_task_id,)).rowcount == 1

    with database.session.begin() as s:
        assert s.execute(text("SELECT progress_pct FROM task WHERE id = :i"), {"i": world.task_id}).scalar() == 40
        assert s.execute(text("SELECT progress_pct FROM task WHERE id = :i"), {"i": world.other_task_id}).scalar() == 90
        who = s.execute(text("SELECT username FROM audit_log WHERE table_name = 'task' AND row_id = :i "
                             "AND action = 'update' ORDER BY id"), {"i": world.task_id}).scalars().all()
        assert who == [member]  # raw SQL is audited too, with the login as the actor


def test_a_viewer_reads_but_cannot_write(roles_db, pg_url):
    database, prefix, users = roles_db
    world = build_world(database)
    init_roles(database.engine, prefix)
    viewer = f"{prefix}_v1"
    users.append(viewer)
    add_user(database.engine, viewer, "viewer", "pw-v1", prefix=prefix)
    with _login(pg_url, viewer, "pw-v1") as conn:
        assert conn.execute("SELECT count(*) FROM task").fetchone()[0] == 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE agenda_item SET notes = 'x' WHERE id = %s", (world.item_id,))


def test_add_user_refuses_bad_input(roles_db):
    database, prefix, _users = roles_db
    with pytest.raises(RolesError) as caught:
        add_user(database.engine, "somebody", "member", "pw", unit_id=1, prefix=prefix)
    assert caught.value.reason == "no_roles"
    init_roles(database.engine, prefix)
    with pytest.raises(RolesError) as caught:
        add_user(database.engine, "Robert'); DROP", "viewer", "pw", prefix=prefix)
    assert caught.value.reason == "bad_name"
    with pytest.raises(RolesError) as caught:
        add_user(database.engine, f"{prefix}_x", "member", "pw", prefix=prefix)
    assert caught.value.reason == "no_unit"


def test_roles_need_postgresql(empty_db):
    if not empty_db.is_sqlite:
        pytest.skip("SQLite only")
    with pytest.raises(RolesError) as caught:
        init_roles(empty_db.engine)
    assert caught.value.reason == "not_postgres"
