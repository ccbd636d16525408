"""Nothing in the app assumes a POSIX system: the same code runs on the street office's Windows PCs.

The test suite runs on Linux, so Windows is approached from two sides: a scan of the source for
what only exists on POSIX (modules, signals, user ids, fork, hard-coded POSIX paths), and the app's
own file locations exercised under a user folder like a Windows one (spaces, Chinese, a drive-like
root) with every platform check answering "Windows".
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import sys
from pathlib import Path

import platformdirs
import pytest

ROOT = Path(__file__).resolve().parents[1]
POSIX_ONLY_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "posix", "tty", "pty", "syslog", "crypt"}
POSIX_ONLY_CALLS = {("os", "fork"), ("os", "getuid"), ("os", "geteuid"), ("os", "getgid"), ("os", "setsid"),
                    ("os", "killpg"), ("os", "mkfifo"), ("signal", "SIGKILL"), ("signal", "SIGHUP"),
                    ("signal", "SIGUSR1"), ("signal", "SIGALRM"), ("signal", "alarm")}


def _app_sources() -> list[Path]:
    return [p for folder in ("db", "desktop", "widgets") for p in sorted((ROOT / folder).rglob("*.py"))
            if "migrations" not in p.parts]


def posix_assumptions(source: str) -> list[str]:
    """Each POSIX-only module, call or literal path in ``source``, as ``line: what``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{node.lineno}: import {n}" for n in names if n.split(".")[0] in POSIX_ONLY_MODULES]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in POSIX_ONLY_CALLS:
                found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.startswith(("/tmp/", "/home/", "/usr/", "/var/", "/etc/", "~/")):
                found.append(f"{node.lineno}: path {node.value!r}")
    return sorted(found, key=lambda item: int(item.partition(":")[0]))


def test_the_scan_finds_what_windows_lacks():
    sample = "import fcntl\nimport os, signal\nos.kill(p, signal.SIGKILL)\nPATH = '/tmp/x.sqlite'\nos.getuid()\n"
    assert posix_assumptions(sample) == ["1: import fcntl", "3: signal.SIGKILL", "4: path '/tmp/x.sqlite'",
                                         "5: os.getuid"]


def test_no_app_module_assumes_posix():
    problems = {str(p.relative_to(ROOT)): posix_assumptions(p.read_text(encoding="utf-8")) for p in _app_sources()}
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.fixture
def windows_like(tmp_path, monkeypatch):
    """Platform checks say Windows; the user's folders sit under a path with spaces and Chinese."""
    home = tmp_path / "C" / "Users" / "王 丽" / "AppData" / "Local"
    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("user_data_dir", "user_cache_dir", "user_config_dir"):
        monkeypatch.setattr(platformdirs, name, lambda app=None, *a, _n=name, **k: str(home / (app or "") / _n))
    return home


def test_the_app_files_live_in_the_users_folder_whatever_it_is_called(windows_like):
    from db.core.engine import default_sqlite_path, make_engine
    from db.sync.outbox import default_path as default_outbox_path

    for path in (default_sqlite_path(), default_outbox_path()):
        assert windows_like in path.parents
    db_file = default_sqlite_path()
    db_file.parent.mkdir(parents=True)
    engine = make_engine(str(db_file))  # a file path with spaces and Chinese is a database, not a URL
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
    engine.dispose()
    assert db_file.is_file()


def test_documents_are_saved_into_any_folder_with_the_normal_mode(windows_like):
    from db.core.files import save_atomically

    folder = windows_like / "文档 2026"
    folder.mkdir(parents=True)
    out = folder / f"纪要 {dt.date(2026, 12, 1):%Y%m%d}.docx"
    save_atomically(out, lambda tmp: Path(tmp).write_bytes(b"PK"))
    assert out.read_bytes() == b"PK"
    assert [p.name for p in folder.iterdir()] == [out.name]  # no temporary file left behind
    assert os.access(out, os.R_OK | os.W_OK)
