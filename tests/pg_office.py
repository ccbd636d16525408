"""A street office's PostgreSQL, started by the tests themselves: a private cluster with password
(scram-sha-256) authentication on a free port, a database made by ``streetboard db upgrade`` as its
owner, a small known street, ``streetboard db init-roles`` and one login per person
(``streetboard db add-user``). Used by ``tests/test_roles_matrix.py`` and
``tests/benchmarks/role_matrix.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from sqlalchemy import URL

from db.core.engine import Database, make_engine
from db.schema.meetings import AgendaItem, Attendance, Minutes, MinutesRevision, TopicProposal
from db.schema.street import CommitteeTerm
from db.schema.units import Liaison, ResidentUnit, Resource
from tests import factories
from tests.test_multipc import build_world

ROOT = Path(__file__).resolve().parents[1]
ADMIN, OWNER = "sbadmin", "sbowner"
DATABASE = "streetboard"
#: login → (role, display name, unit key or None); every password is "pw-" + the login
PEOPLE = {
    "s1": ("secretary", "王秘书", None),
    "m1": ("member", "李委员", "school"),
    "m2": ("member", "张委员", "hospital"),
    "v1": ("viewer", "查看员", None),
}


class NoServer(Exception):
    """PostgreSQL cannot be started here; ``str()`` says why (the tests skip with it)."""


def password(login: str) -> str:
    return f"pw-{login}"


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if not versions:
        raise NoServer("the PostgreSQL server programs (initdb, pg_ctl) are not installed")
    return Path(versions[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    """A running private cluster; ``url(login)`` is a password URL for a database on it."""

    port: int
    root: Path
    bin: Path
    as_postgres: list[str]

    def url(self, login: str, database: str = DATABASE, pw: str | None = None) -> URL:
        return URL.create("postgresql+psycopg", username=login, password=pw or password(login),
                          host="127.0.0.1", port=self.port, database=database)

    def connect(self, login: str, database: str = DATABASE, *, autocommit: bool = False) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user=login, password=password(login),
                               dbname=database, autocommit=autocommit, connect_timeout=10)

    def admin(self, *statements: str, database: str = "postgres") -> None:
        with self.connect(ADMIN, database, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def _pg(self, *args: str) -> None:
        subprocess.run([*self.as_postgres, str(self.bin / args[0]), *args[1:]], check=True,
                       capture_output=True, timeout=120)


@contextlib.contextmanager
def cluster() -> Iterator[Cluster]:
    """initdb (as the ``postgres`` user when run as root: initdb refuses root), start, stop, delete."""
    binaries = _binaries()
    as_postgres: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="sb-pg-"))
    try:
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise NoServer("running as root and there is no postgres user to run initdb as") from exc
            os.chown(root, user.pw_uid, user.pw_gid)
            as_postgres = ["runuser", "-u", "postgres", "--"]
        pwfile = root / "pw"
        pwfile.write_text(password(ADMIN) + "\n")
        if as_postgres:
            os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
        c = Cluster(_free_port(), root, binaries, as_postgres)
        try:
            c._pg("initdb", "-D", str(root / "data"), "--auth=scram-sha-256", "-U", ADMIN,
                  f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C")
            c._pg("pg_ctl", "-D", str(root / "data"), "-l", str(root / "log"), "-w", "-o",
                  f"-p {c.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        except (subprocess.CalledProcessError, OSError) as exc:
            raise NoServer(f"could not start a private PostgreSQL cluster: {exc}") from exc
        try:
            yield c
        finally:
            c._pg("pg_ctl", "-D", str(root / "data"), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"}
    env.pop("STREETBOARD_DB", None)
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def _cli_ok(*args: str, stdin: str = "") -> None:
    done = run_cli(*args, stdin=stdin)
    if done.returncode != 0:
        raise AssertionError(f"streetboard {' '.join(args[:2])} failed: {done.stderr}")


def create_database(c: Cluster, owner: str, database: str, *, createrole: bool) -> str:
    """A login ``owner`` owning a new, upgraded database; returns the ``--db`` URL."""
    c.admin(f"CREATE ROLE {owner} LOGIN PASSWORD '{password(owner)}' {'CREATEROLE' if createrole else ''}",
            f"CREATE DATABASE {database} OWNER {owner}")
    url = c.url(owner, database).render_as_string(hide_password=False)
    _cli_ok("db", "upgrade", "--db", url)
    return url


@dataclass
class Office:
    """The office's database with its people; ``ids`` name the records the matrix writes."""

    cluster: Cluster
    owner_url: str
    ids: dict[str, int] = field(default_factory=dict)


def _street(database: Database) -> dict[str, int]:
    """Two units, an open meeting, a closed one awaiting approval, one without minutes and an approved one."""
    world = build_world(database)
    ids = {"school": world.unit_id, "hospital": world.other_unit_id, "meeting": world.meeting_id,
           "item": world.item_id, "task": world.task_id, "other_task": world.other_task_id,
           "resolution": world.resolution_id}
    with database.session.begin() as s:
        s.info["actor"] = "setup"
        open_meeting = s.get(AgendaItem, world.item_id).meeting
        term = s.get(CommitteeTerm, open_meeting.term_id)
        school, hospital = s.get(ResidentUnit, ids["school"]), s.get(ResidentUnit, ids["hospital"])
        other_resolution = factories.resolution(s, open_meeting, hospital, dt.date(2026, 12, 31))
        attendance = [Attendance(meeting_id=open_meeting.id, unit_id=u.id, person_name=f"代表{u.id}", status="absent")
                      for u in (school, hospital)]
        minutes = Minutes(meeting_id=open_meeting.id, status="draft")
        s.add_all([*attendance, minutes])
        s.flush()
        draft = MinutesRevision(minutes_id=minutes.id, number=1, content="{}", created_at=dt.datetime(2026, 11, 20))

        closed = factories.meeting(s, term, dt.datetime(2026, 11, 10, 9), status="closed")
        closed_minutes = Minutes(meeting_id=closed.id, status="draft")
        s.add(closed_minutes)
        s.flush()
        closed_draft = MinutesRevision(minutes_id=closed_minutes.id, number=1, content="{}",
                                       created_at=dt.datetime(2026, 11, 10, 12))

        bare = factories.meeting(s, term, dt.datetime(2026, 11, 12, 9), status="closed")  # no minutes yet
        approved = factories.meeting(s, term, dt.datetime(2026, 10, 10, 9), status="approved")
        approved_item = AgendaItem(meeting_id=approved.id, position=1, title="已审议题", notes="同意。")
        approved_attendance = Attendance(meeting_id=approved.id, unit_id=school.id, person_name="代表", status="present")
        approved_resolution = factories.resolution(s, approved, school, dt.date(2026, 12, 31), status="in_progress")
        approved_minutes = Minutes(meeting_id=approved.id, status="approved")
        s.add_all([approved_item, approved_attendance, approved_minutes])
        s.flush()
        sealed = MinutesRevision(minutes_id=approved_minutes.id, number=1, content="{}",
                                 created_at=dt.datetime(2026, 10, 10, 12), approved_by="王秘书",
                                 approved_at=dt.datetime(2026, 10, 11, 9), content_hash="0" * 64, prev_hash="")
        liaisons = [Liaison(unit_id=u.id, name=f"联络员{u.id}") for u in (school, hospital)]
        resources = [Resource(unit_id=u.id, title=f"场地{u.id}", offered_on=dt.date(2026, 1, 1)) for u in (school, hospital)]
        proposal = TopicProposal(title="议题建议", unit_id=hospital.id, proposed_at=dt.datetime(2026, 11, 1))
        case = factories.case(s, reported=dt.datetime(2026, 11, 1, 9), deadline=dt.datetime(2026, 12, 1, 9))
        s.add_all([draft, closed_draft, sealed, *liaisons, *resources, proposal])
        s.flush()
        ids.update({
            "other_resolution": other_resolution.id, "attendance": attendance[0].id,
            "other_attendance": attendance[1].id, "minutes": minutes.id, "draft": draft.id,
            "closed": closed.id, "new_meeting": bare.id, "closed_minutes": closed_minutes.id, "closed_draft": closed_draft.id,
            "approved": approved.id, "approved_item": approved_item.id,
            "approved_attendance": approved_attendance.id, "approved_resolution": approved_resolution.id,
            "approved_minutes": approved_minutes.id, "sealed": sealed.id,
            "liaison": liaisons[0].id, "other_liaison": liaisons[1].id,
            "resource": resources[0].id, "other_resource": resources[1].id,
            "proposal": proposal.id, "case": case.id, "term": term.id,
        })
    return ids


def office(c: Cluster) -> Office:
    """The office's database, as the README's *Several PCs* sets it up (owner with CREATEROLE)."""
    owner_url = create_database(c, OWNER, DATABASE, createrole=True)
    database = Database(make_engine(c.url(OWNER)))
    try:
        ids = _street(database)
    finally:
        database.dispose()
    _cli_ok("db", "init-roles", "--db", owner_url)
    for login, (role, name, unit) in PEOPLE.items():
        args = ["db", "add-user", login, "--role", role, "--display-name", name, "--password-stdin", "--db", owner_url]
        if unit:
            args += ["--unit", str(ids[unit])]
        _cli_ok(*args, stdin=password(login) + "\n")
    return Office(c, owner_url, ids)
