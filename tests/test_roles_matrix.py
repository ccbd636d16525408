"""The README's roles table (*Several PCs*), every cell tried with raw SQL as each login, on a
password-authenticated PostgreSQL the tests start themselves (``tests/pg_office.py``).

A cell the table allows must work; an attack must be refused by the server — an error for want of
rights, or no row found (row-level security) — and, so that a refusal cannot come from a typo,
the very same statement must work for the database's owner. Each attempt is rolled back, so the
cells do not depend on each other. ``python -m tests.benchmarks.role_matrix`` prints the figures.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import text

from tests import pg_office


@dataclass(frozen=True)
class Cell:
    login: str
    what: str  # the row of the README's table
    sql: str
    allowed: bool


def copy(table: str, source: str, **values: str) -> str:
    """INSERT a copy of the row ``%(source)s`` of ``table`` with ``values`` (SQL expressions) changed."""
    changed = ", ".join(f"'{column}', {value}" for column, value in values.items())
    return (f"INSERT INTO {table} SELECT (jsonb_populate_record(NULL::{table}, to_jsonb(r) || jsonb_build_object("
            f"'id', nextval(pg_get_serial_sequence('{table}', 'id')), {changed}))).* "
            f"FROM {table} r WHERE r.id = %({source})s")


def _cells() -> list[Cell]:
    cells: list[Cell] = []

    def allow(login: str, what: str, *sql: str) -> None:
        cells.extend(Cell(login, what, s, True) for s in sql)

    def refuse(login: str, what: str, *sql: str) -> None:
        cells.extend(Cell(login, what, s, False) for s in sql)

    # new rows are copies of existing ones with a few values changed: whatever columns the tables grow
    new_meeting = copy("meeting", "meeting", title="'新会议'", status="'planned'")
    new_item = copy("agenda_item", "item", meeting_id="%({m})s", position="9")
    sign_in = copy("attendance", "attendance", meeting_id="%({m})s", unit_id="%({u})s", person_name="'新代表'")
    revision = copy("minutes_revision", "draft", minutes_id="%({m})s", number="2", reason="'{reason}'")
    new_resolution = copy("resolution", "resolution", meeting_id="%({m})s", number="99")
    new_resource = copy("resource", "resource", unit_id="%({u})s")
    new_proposal = copy("topic_proposal", "proposal", unit_id="%({u})s")
    new_progress = ("INSERT INTO task_update (task_id, at, by, progress_pct, note) "
                    "VALUES (%({t})s, now(), 'x', 50, '')")
    approve = ("UPDATE minutes_revision SET approved_at = now(), approved_by = 'x', content_hash = repeat('1', 64) "
               "WHERE id = %(closed_draft)s")
    audit_writes = ("INSERT INTO audit_log (username, table_name, action) VALUES ('王秘书', 'task', 'update')",
                    "UPDATE audit_log SET username = 'nobody'", "DELETE FROM audit_log")
    shadows = ("CREATE TEMP TABLE app_user (username text, unit_id integer, active boolean)",
               "CREATE TEMP TABLE pg_class (oid oid, relowner oid)",
               "CREATE TABLE public.app_user_copy (username text)")
    accounts = ("UPDATE app_user SET unit_id = %(hospital)s WHERE username = 'm1'",
                "INSERT INTO app_user (username, display_name, role, active, version) "
                "VALUES ('ghost', '幽灵', 'secretary', true, 1)")
    schema = ("TRUNCATE task_update", "ALTER TABLE task DISABLE TRIGGER USER",
              "ALTER TABLE task DISABLE ROW LEVEL SECURITY", "DROP POLICY streetboard_member_update ON task",
              "CREATE FUNCTION public.streetboard_my_unit_too() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$")
    reads = ("SELECT * FROM grid_case", "SELECT * FROM task", "SELECT * FROM minutes_revision",
             "SELECT * FROM audit_log", "SELECT * FROM app_user")

    # ------------------------------------------------------------------ everyone reads
    for login in ("s1", "m1", "v1"):
        allow(login, "read everything", *reads)

    # ------------------------------------------------------------------ the secretary
    allow("s1", "meetings: create, agenda, lock, start, close", new_meeting, new_item.format(m="meeting"),
          "UPDATE meeting SET status = 'closed', version = version + 1 WHERE id = %(meeting)s")
    allow("s1", "sign-in of a meeting not yet approved", sign_in.format(m="meeting", u="hospital"),
          "UPDATE attendance SET status = 'present' WHERE id = %(other_attendance)s")
    allow("s1", "agenda notes and minutes drafts of a meeting not yet approved",
          "UPDATE agenda_item SET notes = '记录' WHERE id = %(item)s",
          "UPDATE minutes_revision SET content = '{\"a\": 1}' WHERE id = %(draft)s")
    allow("s1", "approve minutes", approve,
          "UPDATE minutes SET status = 'approved' WHERE id = %(closed_minutes)s",
          "UPDATE meeting SET status = 'approved' WHERE id = %(closed)s")
    allow("s1", "amend approved minutes (a new revision with a reason)",
          revision.format(m="approved_minutes", reason="更正笔误"))
    allow("s1", "resolutions: decide and edit, meeting not yet approved", new_resolution.format(m="meeting"),
          "UPDATE resolution SET text = '改定' WHERE id = %(other_resolution)s")
    allow("s1", "resolution follow-up", "UPDATE resolution SET overdue_reason = '等待' WHERE id = %(approved_resolution)s")
    allow("s1", "close a resolution after verification",
          "UPDATE resolution SET status = 'done', verified_meeting_id = %(closed)s WHERE id = %(resolution)s",
          "UPDATE resolution SET status = 'cancelled' WHERE id = %(other_resolution)s")
    allow("s1", "tasks and their progress", "UPDATE task SET progress_pct = 70 WHERE id = %(other_task)s",
          new_progress.format(t="other_task"))
    allow("s1", "unit records, liaisons, resources", new_resource.format(u="hospital"),
          "UPDATE resident_unit SET contact_person = '赵' WHERE id = %(hospital)s",
          "UPDATE liaison SET phone = '1' WHERE id = %(other_liaison)s")
    allow("s1", "topic proposals", new_proposal.format(u="hospital"))
    allow("s1", "cases, pairings, lists, imports", "UPDATE grid_case SET title = '改' WHERE id = %(case)s")
    refuse("s1", "an approved meeting is sealed",
           "UPDATE meeting SET status = 'in_progress' WHERE id = %(approved)s",
           "UPDATE meeting SET title = '改名' WHERE id = %(approved)s",
           "DELETE FROM meeting WHERE id = %(approved)s",
           "UPDATE attendance SET status = 'absent' WHERE id = %(approved_attendance)s",
           sign_in.format(m="approved", u="hospital"),
           "DELETE FROM attendance WHERE id = %(approved_attendance)s",
           "UPDATE agenda_item SET notes = '改' WHERE id = %(approved_item)s",
           "DELETE FROM agenda_item WHERE id = %(approved_item)s",
           new_item.format(m="approved"),
           "UPDATE resolution SET text = '改' WHERE id = %(approved_resolution)s",
           "UPDATE resolution SET deadline = '2027-06-30' WHERE id = %(approved_resolution)s",
           "UPDATE resolution SET owner_unit_id = %(hospital)s WHERE id = %(approved_resolution)s",
           "DELETE FROM resolution WHERE id = %(approved_resolution)s",
           new_resolution.format(m="approved"),
           "UPDATE minutes SET meeting_id = %(new_meeting)s WHERE id = %(approved_minutes)s",
           "DELETE FROM minutes WHERE id = %(approved_minutes)s",
           "UPDATE minutes_revision SET content = '{\"forged\": 1}' WHERE id = %(sealed)s",
           "UPDATE minutes_revision SET approved_by = '别人' WHERE id = %(sealed)s",
           "DELETE FROM minutes_revision WHERE id = %(sealed)s",
           revision.format(m="approved_minutes", reason=""))
    refuse("s1", "minutes stay with their meeting",
           "UPDATE minutes SET meeting_id = %(new_meeting)s WHERE id = %(closed_minutes)s")
    refuse("s1", "the audit trail is written by the database only", *audit_writes)
    refuse("s1", "accounts and roles", *accounts)
    refuse("s1", "temporary tables", *shadows)
    refuse("s1", "the tables, their triggers and policies", *schema)
    refuse("s1", "bookkeeping", "UPDATE alembic_version SET version_num = '0001'")

    # ------------------------------------------------------------------ a member (m1: the school)
    allow("m1", "agenda notes and minutes drafts of a meeting not yet approved",
          "UPDATE agenda_item SET notes = '记录' WHERE id = %(item)s",
          "UPDATE minutes_revision SET content = '{\"a\": 1}' WHERE id = %(draft)s",
          revision.format(m="minutes", reason=""))
    allow("m1", "sign-in of a meeting not yet approved (own unit)", sign_in.format(m="meeting", u="school"),
          "UPDATE attendance SET status = 'present' WHERE id = %(attendance)s")
    allow("m1", "resolution follow-up (own unit)",
          "UPDATE resolution SET status = 'in_progress' WHERE id = %(resolution)s",
          "UPDATE resolution SET status = 'ready_to_verify', completed_on = '2026-11-30' WHERE id = %(resolution)s",
          "UPDATE resolution SET overdue_reason = '等待' WHERE id = %(approved_resolution)s")
    allow("m1", "tasks and their progress (own unit)", "UPDATE task SET progress_pct = 40 WHERE id = %(task)s",
          "UPDATE task SET status = 'done', progress_pct = 100 WHERE id = %(task)s", new_progress.format(t="task"))
    allow("m1", "unit records, liaisons, resources (own unit)", new_resource.format(u="school"),
          "UPDATE resident_unit SET contact_person = '赵' WHERE id = %(school)s",
          "UPDATE liaison SET phone = '1' WHERE id = %(liaison)s",
          "UPDATE resource SET title = '改' WHERE id = %(resource)s")
    allow("m1", "topic proposals (own unit)", new_proposal.format(u="school"))
    allow("m2", "resolution follow-up (a resolution its unit has a task under)",
          "UPDATE resolution SET status = 'in_progress' WHERE id = %(resolution)s")
    refuse("m2", "close a resolution (needs the secretary's verification)",
           "UPDATE resolution SET status = 'done' WHERE id = %(resolution)s")
    refuse("m1", "meetings: create, agenda, lock, start, close", new_meeting, new_item.format(m="meeting"),
           "UPDATE meeting SET status = 'closed' WHERE id = %(meeting)s",
           "UPDATE agenda_item SET title = '改' WHERE id = %(item)s")
    refuse("m1", "sign-in: another unit's", sign_in.format(m="meeting", u="hospital"),
           "UPDATE attendance SET status = 'present' WHERE id = %(other_attendance)s",
           "UPDATE attendance SET meeting_id = %(closed)s WHERE id = %(attendance)s")
    refuse("m1", "approve minutes", approve,
           "UPDATE minutes_revision SET content_hash = repeat('1', 64) WHERE id = %(closed_draft)s",
           copy("minutes_revision", "draft", number="2", approved_by="'x'", approved_at="now()",
                content_hash="repeat('1', 64)"),
           "UPDATE minutes SET status = 'approved' WHERE id = %(closed_minutes)s",
           copy("minutes", "minutes", meeting_id="%(new_meeting)s", status="'approved'"),
           "UPDATE meeting SET status = 'approved' WHERE id = %(closed)s")
    refuse("m1", "minutes stay with their meeting",
           "UPDATE minutes SET meeting_id = %(new_meeting)s WHERE id = %(minutes)s",
           "UPDATE minutes_revision SET minutes_id = %(closed_minutes)s, number = 7 WHERE id = %(draft)s")
    refuse("m1", "an approved meeting is sealed",
           "UPDATE attendance SET status = 'absent' WHERE id = %(approved_attendance)s",
           sign_in.format(m="approved", u="school"),
           "UPDATE agenda_item SET notes = '改' WHERE id = %(approved_item)s",
           "UPDATE minutes_revision SET content = '{\"forged\": 1}' WHERE id = %(sealed)s",
           "UPDATE minutes SET status = 'draft' WHERE id = %(approved_minutes)s",
           "UPDATE resolution SET text = '改' WHERE id = %(approved_resolution)s")
    refuse("m1", "amend approved minutes", revision.format(m="approved_minutes", reason="更正"))
    refuse("m1", "resolutions: decide and edit", new_resolution.format(m="meeting"),
           "UPDATE resolution SET text = '改' WHERE id = %(resolution)s")
    refuse("m1", "close a resolution (needs the secretary's verification)",
           "UPDATE resolution SET status = 'done' WHERE id = %(resolution)s",
           "UPDATE resolution SET status = 'cancelled' WHERE id = %(resolution)s",
           "UPDATE resolution SET verified_meeting_id = %(closed)s WHERE id = %(resolution)s")
    refuse("m1", "resolution follow-up: another unit's",
           "UPDATE resolution SET overdue_reason = '改' WHERE id = %(other_resolution)s",
           "UPDATE resolution SET status = 'in_progress' WHERE id = %(other_resolution)s")
    refuse("m1", "tasks: another unit's, or moved to another unit",
           "UPDATE task SET progress_pct = 90 WHERE id = %(other_task)s",
           new_progress.format(t="other_task"),
           "UPDATE task SET owner_unit_id = %(hospital)s WHERE id = %(task)s",
           "DELETE FROM task WHERE id = %(task)s")
    refuse("m1", "unit records, liaisons, resources: another unit's, or taken from it",
           "UPDATE resident_unit SET contact_person = '赵' WHERE id = %(hospital)s",
           "UPDATE liaison SET unit_id = %(school)s WHERE id = %(other_liaison)s",
           "UPDATE liaison SET phone = '1' WHERE id = %(other_liaison)s",
           "UPDATE resource SET unit_id = %(school)s WHERE id = %(other_resource)s",
           "UPDATE resource SET title = '改' WHERE id = %(other_resource)s",
           new_resource.format(u="hospital"),
           copy("liaison", "liaison", unit_id="%(hospital)s", name="'冒名'"),
           "DELETE FROM liaison WHERE id = %(liaison)s")
    refuse("m1", "topic proposals: another unit's", new_proposal.format(u="hospital"),
           "UPDATE topic_proposal SET status = 'accepted' WHERE id = %(proposal)s")
    refuse("m1", "cases, pairings, lists, imports", "UPDATE grid_case SET title = '改' WHERE id = %(case)s",
           "DELETE FROM grid_case WHERE id = %(case)s")
    refuse("m1", "the audit trail is written by the database only", *audit_writes)
    refuse("m1", "accounts and roles", *accounts)
    refuse("m1", "temporary tables", *shadows)
    refuse("m1", "the tables, their triggers and policies", *schema)

    # ------------------------------------------------------------------ the viewer
    refuse("v1", "every write", new_meeting, sign_in.format(m="meeting", u="school"),
           "UPDATE agenda_item SET notes = '改' WHERE id = %(item)s",
           "UPDATE minutes_revision SET content = '{}' WHERE id = %(draft)s", approve,
           "UPDATE task SET progress_pct = 40 WHERE id = %(task)s", new_progress.format(t="task"),
           "UPDATE resolution SET status = 'in_progress' WHERE id = %(resolution)s",
           "UPDATE grid_case SET title = '改' WHERE id = %(case)s", new_resource.format(u="school"),
           new_proposal.format(u="school"))
    refuse("v1", "the audit trail is written by the database only", *audit_writes)
    refuse("v1", "accounts and roles", *accounts)
    refuse("v1", "temporary tables", *shadows)
    refuse("v1", "the tables, their triggers and policies", *schema)
    return cells


CELLS = _cells()


# --------------------------------------------------------------------------- running a cell


def attempt(c: pg_office.Cluster, login: str, sql: str, ids: dict[str, int]) -> str:
    """``worked`` · ``refused`` (the server's error for want of rights) · ``no rows`` ·
    ``constraint`` (stopped by a foreign key or the like, not by a right) — rolled back."""
    with c.connect(login) as conn:
        try:
            count = conn.execute(sql, ids).rowcount
        except psycopg.errors.InsufficientPrivilege:
            return "refused"
        except psycopg.errors.IntegrityError:
            return "constraint"
        finally:
            conn.rollback()
    return "worked" if count != 0 else "no rows"


@dataclass
class Tally:
    attacks: int = 0
    refused: int = 0
    let_in: int = 0
    permitted: int = 0
    worked: int = 0


def judge(c: pg_office.Cluster, ids: dict[str, int], cell: Cell) -> str:
    """What went wrong with this cell, or '' when the server did what the table says."""
    outcome = attempt(c, cell.login, cell.sql, ids)
    if cell.allowed:
        return "" if outcome == "worked" else f"{cell.login} could not: {cell.what}: {cell.sql} ({outcome})"
    if outcome == "worked":
        return f"LET IN: {cell.login}: {cell.what}: {cell.sql}"
    if outcome == "constraint":
        return f"not refused for rights ({outcome}): {cell.login}: {cell.sql}"
    control = attempt(c, pg_office.OWNER, cell.sql, ids)  # it finds its row: a refusal proves something
    if control not in ("worked", "constraint"):
        return f"not a real attack (the owner gets {control}): {cell.sql}"
    return ""


def run_matrix(c: pg_office.Cluster, ids: dict[str, int]) -> tuple[Tally, list[str]]:
    tally, failures = Tally(), []
    for cell in CELLS:
        problem = judge(c, ids, cell)
        if cell.allowed:
            tally.permitted += 1
            tally.worked += not problem
        else:
            tally.attacks += 1
            tally.let_in += problem.startswith("LET IN")
            tally.refused += not problem
        if problem:
            failures.append(problem)
    return tally, failures


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def office() -> Iterator[pg_office.Office]:
    try:
        with pg_office.cluster() as c:
            yield pg_office.office(c)
    except pg_office.NoServer as why:
        pytest.skip(str(why))


@pytest.mark.parametrize("cell", CELLS, ids=lambda cell: f"{cell.login}-{'allow' if cell.allowed else 'refuse'}")
def test_every_cell_of_the_roles_table(office, cell):
    assert judge(office.cluster, office.ids, cell) == ""


# --------------------------------------------------------------------------- the audit trail


def _last_audit(conn: psycopg.Connection, table: str, row_id: int) -> tuple[str, str]:
    return conn.execute("SELECT username, action FROM audit_log WHERE table_name = %s AND row_id = %s "
                        "ORDER BY id DESC LIMIT 1", (table, row_id)).fetchone()


@pytest.mark.parametrize(("login", "name", "table", "sql"), [
    ("m1", "李委员", "task", "UPDATE task SET progress_pct = 55 WHERE id = %(task)s"),
    ("s1", "王秘书", "task", "UPDATE task SET progress_pct = 65 WHERE id = %(other_task)s"),
])
def test_the_audit_actor_is_the_login_whatever_the_client_says(office, login, name, table, sql):
    """``set_config('streetboard.actor', …)`` names someone else: the trail still names the login, as
    app_user calls it; a verb outside the vocabulary is recorded as the plain action."""
    row = office.ids["task" if "%(task)s" in sql else "other_task"]
    with office.cluster.connect(login) as conn:
        conn.execute("SELECT set_config('streetboard.actor', '王秘书的上级', true)")
        conn.execute("SELECT set_config('streetboard.action', 'check_pass_by_the_mayor', true)")
        conn.execute(sql, office.ids)
        assert _last_audit(conn, table, row) == (name, "update")
        conn.execute("SELECT set_config('streetboard.action', 'progress', true)")  # a known verb is kept
        conn.execute(sql.replace("progress_pct = ", "progress_pct = 1 + "), office.ids)
        assert _last_audit(conn, table, row) == (name, "progress")
        conn.commit()
    with office.cluster.connect(pg_office.OWNER) as conn:  # committed as it was recorded
        assert _last_audit(conn, table, row) == (name, "progress")


def test_the_owner_may_name_the_person_at_the_keyboard(office):
    """One login for the whole office (the owner's): the app's actor setting is what names people."""
    with office.cluster.connect(pg_office.OWNER) as conn:
        conn.execute("SELECT set_config('streetboard.actor', 'weiyuan1', true)")
        conn.execute("UPDATE task SET assignee = '甲' WHERE id = %(task)s", office.ids)
        assert _last_audit(conn, "task", office.ids["task"]) == ("weiyuan1", "update")
        conn.rollback()


def test_the_shadowing_attack_fails_even_with_the_temp_right(office):
    """The issue's attack: a temporary ``app_user`` (another unit) and ``pg_class`` (the secretary
    owning everything) shadowed the real ones inside the guard functions. TEMP is revoked; give it
    back to the member for this test and the functions still read only the real tables."""
    c, ids = office.cluster, office.ids
    c.admin(f"GRANT TEMPORARY ON DATABASE {pg_office.DATABASE} TO m1", database=pg_office.DATABASE)
    try:
        with c.connect("m1") as conn:
            conn.execute("CREATE TEMP TABLE app_user AS SELECT username, display_name, role, "
                         "%(hospital)s::integer AS unit_id, active FROM public.app_user", ids)
            conn.execute("CREATE TEMP TABLE pg_class AS SELECT oid, relname, "
                         "(SELECT oid FROM pg_roles WHERE rolname = 'm1') AS relowner FROM pg_catalog.pg_class")
            assert conn.execute("UPDATE task SET progress_pct = 99 WHERE id = %(other_task)s", ids).rowcount == 0
            assert conn.execute("UPDATE resolution SET overdue_reason = 'x' WHERE id = %(other_resolution)s",
                                ids).rowcount == 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("UPDATE minutes SET status = 'approved' WHERE id = %(closed_minutes)s", ids)
            conn.rollback()
            conn.execute("SELECT set_config('search_path', 'pg_temp, public', false)")
            conn.execute("CREATE TEMP TABLE audit_log (LIKE public.audit_log INCLUDING DEFAULTS)")
            conn.execute("UPDATE public.task SET progress_pct = 33 WHERE id = %(task)s", ids)
            row = conn.execute("SELECT username FROM public.audit_log WHERE table_name = 'task' AND row_id = %s "
                               "ORDER BY id DESC LIMIT 1", (ids["task"],)).fetchone()
            assert row == ("李委员",)  # the real trail got it, not the member's copy
            conn.rollback()
    finally:
        c.admin(f"REVOKE TEMPORARY ON DATABASE {pg_office.DATABASE} FROM m1", database=pg_office.DATABASE)


def test_every_definer_function_has_a_fixed_search_path(office):
    with office.cluster.connect(pg_office.OWNER) as conn:
        loose = conn.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND (p.prosecdef OR p.proname LIKE 'streetboard%%') "
            "AND NOT EXISTS (SELECT 1 FROM unnest(coalesce(p.proconfig, '{}')) cfg "
            "                WHERE cfg LIKE 'search_path=pg_catalog, %%pg_temp')").fetchall()
        granted_temp = conn.execute(
            "SELECT r.rolname FROM pg_roles r WHERE r.rolname IN ('s1', 'm1', 'm2', 'v1', 'streetboard_secretary', "
            "'streetboard_member', 'streetboard_viewer') AND has_database_privilege(r.oid, current_database(), "
            "'TEMPORARY')").fetchall()
    assert loose == [] and granted_temp == []


def test_a_member_and_the_secretary_work_through_the_app(office):
    """The app's own writes fit the grants: a member reports its task done (its resolution moves
    on), another reports progress on its task under that unit's resolution (which moves it too),
    the secretary signs someone in, and none needs a right on the audit trail."""
    from db.core.engine import Database, make_engine
    from db.meetings import signin
    from db.resolutions import progress

    ids = office.ids
    for login, write in (
        ("m1", lambda s: progress.update_progress(s, ids["task"], 100, "已完成", today=dt.date(2026, 11, 25))),
        ("m2", lambda s: progress.update_progress(s, ids["other_task"], 30, "开始", today=dt.date(2026, 11, 25))),
        ("s1", lambda s: signin.sign_in(s, ids["meeting"], status="observer", person_name="列席人员")),
    ):
        database = Database(make_engine(office.cluster.url(login)))
        try:
            with database.session() as s:
                s.info["actor"] = "someone else"
                before = s.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one()
                write(s)
                s.flush()
                who = s.execute(text("SELECT DISTINCT username FROM audit_log WHERE id > :b"),
                                {"b": before}).scalars().all()
                s.rollback()
        finally:
            database.dispose()
        assert who == [pg_office.PEOPLE[login][1]]


@pytest.mark.parametrize(("login", "sql"), [
    ("s1", "UPDATE attendance SET status = 'absent' WHERE id = :approved_attendance"),
    ("s1", "UPDATE minutes SET meeting_id = :new_meeting WHERE id = :closed_minutes"),
    ("s1", "INSERT INTO minutes_revision (minutes_id, number, content, reason, created_by, created_at) "
           "VALUES (:approved_minutes, 2, '{}', '', 'x', now())"),
    ("m1", "UPDATE minutes SET status = 'approved' WHERE id = :closed_minutes"),
    ("m1", "UPDATE resolution SET status = 'done' WHERE id = :resolution"),
    ("m1", "UPDATE minutes SET status = 'draft' WHERE id = :approved_minutes"),
])
def test_a_rule_of_the_server_reads_as_one_chinese_sentence(office, sb_app, login, sql):
    """The triggers' refusals carry a stable code; the app says each in the user's language."""
    from sqlalchemy.exc import DBAPIError

    from db.core.engine import make_engine
    from desktop.core.messages import describe

    engine = make_engine(office.cluster.url(login))
    try:
        with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
            conn.execute(text(sql), office.ids)
    finally:
        engine.dispose()
    sentence = describe(caught.value)
    assert re.search("[\u4e00-\u9fff]", sentence) and not re.search("[a-z]{4}", sentence), sentence


# --------------------------------------------------------------------------- change notifications


def test_a_flood_of_notifications_from_a_viewer_is_coalesced(office):
    """Any login may NOTIFY the channel: 1000 from the viewer reach an open PC as at most one batch
    per 200 ms, and every table named in them is in some batch."""
    from db.sync.changes import CHANNEL, PgListener

    batches: list[set[str]] = []
    lock = threading.Lock()

    def arrived(tables: set[str]) -> None:
        with lock:
            batches.append(set(tables))

    listener = PgListener(office.cluster.url("v1"), arrived)
    listener.start()
    try:
        assert listener.ready.wait(10)
        started = time.monotonic()
        with office.cluster.connect("v1", autocommit=True) as conn:
            for i in range(1000):
                conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"table{i % 40}"))
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with lock:
                seen = set().union(*batches) if batches else set()
            if len(seen) == 40:
                break
            time.sleep(0.05)
        time.sleep(0.5)  # what is still pending arrives too, and is counted
    finally:
        listener.stop()
    duration = time.monotonic() - started
    assert seen == {f"table{i}" for i in range(40)}
    assert 1 <= len(batches) <= duration / 0.2 + 1, (len(batches), duration)  # one per 200 ms at most


# --------------------------------------------------------------------------- setting up


def _one_sentence(done) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def test_init_roles_names_the_missing_createrole_and_creates_nothing(office):
    c = office.cluster
    url = pg_office.create_database(c, "sbweak", "weakdb", createrole=False)
    done = pg_office.run_cli("db", "init-roles", "--prefix", "weak", "--db", url)
    assert "CREATEROLE" in _one_sentence(done) and "sbweak" in _one_sentence(done)
    with c.connect(pg_office.ADMIN, "weakdb") as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'weak\\_%%'").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM pg_policies").fetchone() == (0,)
        assert conn.execute("SELECT has_database_privilege('public', 'weakdb', 'TEMPORARY')").fetchone() == (True,)


def test_init_roles_and_add_user_refuse_a_login_that_does_not_own_the_database(office):
    url = office.cluster.url("s1").render_as_string(hide_password=False)
    sentence = _one_sentence(pg_office.run_cli("db", "init-roles", "--db", url))
    assert "s1" in sentence
    assert sentence == _one_sentence(pg_office.run_cli("db", "add-user", "x1", "--role", "viewer",
                                                       "--password-stdin", "--db", url, stdin="pw\n"))
    with office.cluster.connect(pg_office.OWNER) as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'x1'").fetchone() == (0,)


def test_the_app_installs_the_texts_revision_0010_froze():
    """db.core.audit / db.sync.changes hold the trigger functions the app installs; revision 0010
    froze the same texts (a verb added to VERBS needs a revision that re-creates the verbs)."""
    import importlib

    from db.sync import changes

    frozen = importlib.import_module("db.migrations.versions.0010_security")

    def words(sql: str) -> list[str]:
        return re.sub(r"\s+", " ", sql).strip().split(" ")

    assert [words(f) for f in changes._PG_FUNCTIONS] == [
        words(f) for f in (frozen.NOTIFY_FUNCTION, frozen.AUDIT_VERBS_FUNCTION, frozen.AUDIT_FUNCTION)]
