"""The command line: every bad input is one clear sentence and exit code 2, never a traceback."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from db.core import migrate
from db.core.engine import make_engine

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"}
    env.pop("STREETBOARD_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )


def assert_one_sentence(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_malformed_url():
    assert_one_sentence(run_cli("db", "upgrade", "--db", "postgresql://u@host:notaport/x"), "不是可识别的数据库地址")


@pytest.mark.parametrize("url", ["postgresql://", "postgresql://wangli@127.0.0.1:5432", "postgres://wangli@server/"])
def test_a_url_naming_no_database_is_refused_before_connecting(url):
    """The server would pick a default database and get a whole schema there."""
    from db.core.engine import DatabaseOpenError, resolve_url

    with pytest.raises(DatabaseOpenError) as caught:
        resolve_url(url)
    assert caught.value.reason == "incomplete_url"
    assert_one_sentence(run_cli("db", "upgrade", "--db", url), "没有指明数据库")


def test_unsupported_backend():
    assert_one_sentence(run_cli("snapshot", "overview", "--out", "x.png", "--db", "mysql://root@localhost/x"),
                        "不支持")


def test_unreachable_server():
    assert_one_sentence(run_cli("db", "upgrade", "--db", "postgresql://postgres@127.0.0.1:1/none"),
                        "无法连接数据库服务器")


def test_file_that_is_not_a_database_is_left_alone(tmp_path):
    bogus = tmp_path / "minutes.sqlite"
    bogus.write_text("这不是数据库，是一份会议记录。\n" * 200, encoding="utf-8")
    before = digest(bogus)
    assert_one_sentence(run_cli("db", "upgrade", "--db", str(bogus)), "不是议事看板的数据库文件")
    assert digest(bogus) == before
    assert not Path(f"{bogus}-wal").exists()


def test_missing_file_for_a_read_only_command(tmp_path):
    missing = tmp_path / "nowhere.sqlite"
    assert_one_sentence(run_cli("snapshot", "overview", "--out", str(tmp_path / "o.png"), "--db", str(missing)),
                        "不存在")
    assert not missing.exists()


def test_schema_newer_than_the_code(tmp_path):
    path = tmp_path / "future.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    before = digest(path)
    assert_one_sentence(run_cli("db", "upgrade", "--db", str(path)), "更新版本")
    assert_one_sentence(run_cli("snapshot", "overview", "--out", str(tmp_path / "o.png"), "--db", str(path)),
                        "更新版本")
    assert digest(path) == before


def test_upgrade_then_snapshot_of_an_empty_street(tmp_path):
    path = tmp_path / "new.sqlite"
    first = run_cli("db", "upgrade", "--db", str(path))
    assert first.returncode == 0, first.stderr
    assert "升级" in first.stderr
    again = run_cli("db", "upgrade", "--db", str(path))
    assert again.returncode == 0 and "已是最新" in again.stderr
    out = tmp_path / "shots" / "o.png"
    shot = run_cli("snapshot", "overview", "--out", str(out), "--size", "1024x768", "--db", str(path))
    assert shot.returncode == 0, shot.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 768)


@pytest.mark.parametrize(("args", "fragment"), [
    (("snapshot", "nonsense", "--out", "x.png"), "没有名为"),
    (("snapshot", "overview", "--out", "x.png", "--size", "big"), "不是有效尺寸"),
])
def test_bad_snapshot_arguments(tmp_path, args, fragment):
    path = tmp_path / "db.sqlite"
    run_cli("db", "upgrade", "--db", str(path))
    assert_one_sentence(run_cli(*args, "--db", str(path)), fragment)


def test_snapshot_into_an_unwritable_place(tmp_path):
    path = tmp_path / "db.sqlite"
    run_cli("db", "upgrade", "--db", str(path))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_one_sentence(run_cli("snapshot", "overview", "--out", str(blocker / "o.png"), "--db", str(path)),
                        "无法写入")


def test_demo_refuses_a_database_that_already_has_a_street(tmp_path):
    path = tmp_path / "demo.sqlite"
    made = run_cli("demo", "--cases", "300", "--db", str(path))
    assert made.returncode == 0, made.stderr
    assert "300 件事件" in made.stderr
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM grid_case")).scalar()
    again = run_cli("demo", "--cases", "300", "--db", str(path))
    assert again.returncode == 2 and "已有街道数据" in again.stderr
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM grid_case")).scalar() == before == 300
    engine.dispose()


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"streetboard {version('streetboard')}"
