"""Chinese ships: every tr() string is translated, the .qm is current, the bundled font covers the text."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from sqlalchemy import String, Text, select

import resources
from db.core.base import Base

ROOT = Path(__file__).resolve().parents[1]
TS = resources.path("translations", "streetboard_zh_CN.ts")
BIN = Path(sys.executable).parent


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def _translation_text(message: ET.Element) -> str:
    node = message.find("translation")
    assert node is not None
    forms = node.findall("numerusform")
    return "".join(f.text or "" for f in forms) if forms else (node.text or "")


@pytest.fixture(scope="module")
def font_cmap() -> set[int]:
    regular = resources.font_files()[0]
    return set(TTFont(regular).getBestCmap())


def test_every_message_has_a_finished_translation():
    unfinished = [
        m.findtext("source") for m in _messages(TS)
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete") or not _translation_text(m)
    ]
    assert not unfinished


def test_sources_have_no_untranslated_strings(tmp_path):
    """lupdate over today's code finds nothing that the shipped .ts does not already translate."""
    copy = tmp_path / "check.ts"
    shutil.copyfile(TS, copy)
    sources = [str(p) for folder in ("desktop", "widgets") for p in sorted((ROOT / folder).rglob("*.py"))]
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete", "-locations", "none"],
                   check=True, capture_output=True, timeout=300)
    missing = [
        (m.findtext("source")) for m in _messages(copy)
        if m.find("translation").get("type") == "unfinished" or not _translation_text(m)
    ]
    assert not missing, f"run tools/i18n.py update and translate: {missing}"


def test_compiled_qm_matches_the_ts(tmp_path):
    qm = tmp_path / "fresh.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True,
                   timeout=300)
    assert qm.read_bytes() == resources.translation_file("zh_CN").read_bytes(), "run tools/i18n.py release"


def test_bundled_font_covers_every_translation(font_cmap):
    text = "".join(_translation_text(m) for m in _messages(TS))
    missing = sorted({c for c in text if ord(c) > 127 and ord(c) not in font_cmap})
    assert not missing, f"re-run tools/subset_font.py; missing {''.join(missing)}"


def test_bundled_font_covers_the_demo_street(demo_db, font_cmap):
    missing: set[str] = set()
    with demo_db.session() as s:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text))]
            if not columns:
                continue
            for row in s.execute(select(*columns).limit(5000)):
                for value in row:
                    missing.update(c for c in (value or "") if ord(c) > 127 and ord(c) not in font_cmap)
    assert not missing, f"demo text uses characters the bundled font lacks: {''.join(sorted(missing))}"


def test_translator_is_installed(sb_app):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("OverviewPage", "Open cases") == "未办结事件"
    assert QCoreApplication.translate("OverviewPage", "of which %n overdue", "", 3) == "其中超期 3 件"


# --------------------------------------------------------------------------- literal sources for lupdate

_APP_CLASSES = {"QCoreApplication", "QGuiApplication", "QApplication"}


def non_literal_translations(source: str) -> list[str]:
    """Calls to tr()/translate() whose context or source text lupdate cannot read (not one string literal)."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "tr":
            literal_args = 1
        elif name == "translate" and (
            isinstance(func, ast.Name)
            or (isinstance(func.value, ast.Name) and func.value.id in _APP_CLASSES)
            or (isinstance(func.value, ast.Attribute) and func.value.attr in _APP_CLASSES)
        ):
            literal_args = 2  # context and source text
        else:
            continue
        args = node.args[:literal_args]
        if len(args) < literal_args or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
            problems.append(f"line {node.lineno}: {ast.unparse(node)}")
    return problems


def test_translation_check_catches_hidden_strings():
    hidden = '''
from PySide6.QtCore import QCoreApplication

def _tr(text):
    return QCoreApplication.translate("MinutesMessages", text)

class Page:
    def label(self, n, what, context):
        return [self.tr(f"{n} cases"), self.tr("Open " + what), self.tr(what),
                QCoreApplication.translate(context, "Saved"), tr("plain"), self.tr("Saved")]
'''
    assert [p.split(":", 1)[0] for p in non_literal_translations(hidden)] == [
        "line 5", "line 9", "line 9", "line 9", "line 10",
    ]
    # QPainter.translate and str.translate are not translations.
    assert non_literal_translations("painter.translate(0, -10)\ntext.translate(table)\n") == []


def test_every_translated_string_is_a_literal():
    """lupdate only sees literals: a wrapper or an f-string leaves English in the Chinese UI."""
    problems = [
        f"{path.relative_to(ROOT)} {problem}"
        for folder in ("desktop", "widgets")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for problem in non_literal_translations(path.read_text(encoding="utf-8"))
    ]
    assert not problems, problems


def test_minutes_errors_are_shown_in_chinese(sb_app):
    from db.core.versioning import ConflictError, RecordGone
    from db.meetings import minutes as m
    from desktop.core.messages import describe

    for error in (m.ReasonRequired(), m.NotClosable("planned"), ConflictError("minutes", 1, 1, 2),
                  RecordGone("task", 7)):
        sentence = describe(error)
        assert any("\u4e00" <= c <= "\u9fff" for c in sentence), sentence
