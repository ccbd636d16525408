"""``streetboard server setup`` on a password-authenticated private cluster the test starts itself."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from tests import pg_office
from tests.pg_office import ADMIN


@pytest.fixture(scope="module")
def cluster() -> Iterator[pg_office.Cluster]:
    try:
        with pg_office.cluster() as c:
            yield c
    except pg_office.NoServer as why:
        pytest.skip(str(why))


def _setup(c: pg_office.Cluster, admin: str, *extra: str, stdin: str = "owner-pw\nsec-pw\n"):
    url = c.url(admin, "postgres").render_as_string(hide_password=False)
    return pg_office.run_cli("server", "setup", "--admin-url", url, "--secretary", "wangli",
                             "--secretary-name", "王丽", "--password-stdin", *extra, stdin=stdin)


def test_setup_creates_everything_once_and_the_secretary_can_work(cluster):
    first = _setup(cluster, ADMIN)
    assert first.returncode == 0, first.stderr
    assert "streetboard" in first.stderr
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user="streetboard_owner", password="owner-pw",
                         dbname="streetboard") as conn:
        owners = conn.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'").fetchall()
        assert owners == [("streetboard_owner",)]
        head = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    from db.core.migrate import head_revision

    assert head == head_revision()
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user="wangli", password="sec-pw",
                         dbname="streetboard") as conn:
        assert conn.execute("SELECT display_name, role FROM app_user WHERE username = 'wangli'").fetchone() == (
            "王丽", "secretary")
        rights = conn.execute("SELECT has_table_privilege('meeting', 'INSERT'), "
                              "has_table_privilege('audit_log', 'INSERT')").fetchone()
        assert rights == (True, False)  # chairs meetings; never writes the audit trail itself
    again = _setup(cluster, ADMIN, stdin="")  # nothing new to create: no password needed, nothing changed
    assert again.returncode == 0, again.stderr
    assert "—" in again.stderr  # "created now: —"


def test_an_administrator_without_createdb_is_told_and_nothing_is_created(cluster):
    cluster.admin(f"CREATE ROLE weakadmin LOGIN CREATEROLE PASSWORD '{pg_office.password('weakadmin')}'")
    done = _setup(cluster, "weakadmin", "--database", "other_office", "--owner", "other_owner")
    assert done.returncode == 2
    assert "CREATEDB" in done.stderr and "CREATEROLE" not in done.stderr.split("CREATEDB")[0][-20:]
    with cluster.connect(ADMIN, "postgres") as conn:
        assert conn.execute("SELECT 1 FROM pg_database WHERE datname = 'other_office'").fetchone() is None
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'other_owner'").fetchone() is None


def test_a_createdb_createrole_administrator_can_set_up_an_office(cluster):
    cluster.admin(f"CREATE ROLE itadmin LOGIN CREATEDB CREATEROLE PASSWORD '{pg_office.password('itadmin')}'")
    done = _setup(cluster, "itadmin", "--database", "office2", "--owner", "office2_owner")
    assert done.returncode == 0, done.stderr
    with cluster.connect(ADMIN, "office2") as conn:
        owners = conn.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'").fetchall()
        assert owners == [("office2_owner",)]
