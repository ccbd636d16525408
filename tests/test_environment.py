"""The suite sees the same platform and screens whatever the caller's session holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PROBE = '''
from PySide6.QtGui import QGuiApplication


def test_probe(qapp):
    assert QGuiApplication.platformName() == "offscreen"
    screens = [(s.size().width(), s.size().height(), s.devicePixelRatio()) for s in QGuiApplication.screens()]
    assert screens == [(1366, 768, 1.0), (1920, 1080, 1.0)]
'''


@pytest.mark.parametrize("platform", ["offscreen", "wayland"])
def test_conftest_forces_its_platform_and_screens(tmp_path, platform):
    probe = tmp_path / "test_probe.py"
    probe.write_text(PROBE)
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "QT_SCALE_FACTOR": "1.5", "QT_SCREEN_SCALE_FACTORS": "2;2",
           "TMPDIR": str(tmp_path)}
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), str(probe)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
