"""Every string the code translates is in the shipped .ts, in the context the code asks for, plurals as plurals.

lupdate can misread a call and say nothing: a ``translate()`` whose count is a call is dropped, one whose
count is a plain name loses its plural form. The check that runs lupdate then finds nothing untranslated —
the string is simply not in the .ts — and the Chinese UI shows it in English.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import resources

ROOT = Path(__file__).resolve().parents[1]
TS = resources.path("translations", "streetboard_zh_CN.ts")
_APP_CLASSES = {"QCoreApplication", "QGuiApplication", "QApplication"}


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def translated_strings(source: str) -> list[tuple[str, str, bool, int]]:
    """(context, source text, counted, line) of each ``self.tr("…")`` (the context is the enclosing
    class) and ``QCoreApplication.translate("Context", "…")`` with literal arguments."""
    found: list[tuple[str, str, bool, int]] = []

    def visit(node: ast.AST, cls: str | None) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            func, args = node.func, node.args
            counted_by_keyword = any(k.arg == "n" for k in node.keywords)
            if func.attr == "tr" and isinstance(func.value, ast.Name) and func.value.id == "self" and cls and args:
                text = _literal(args[0])
                if text is not None:
                    found.append((cls, text, len(args) >= 3 or counted_by_keyword, node.lineno))
            elif (func.attr == "translate" and isinstance(func.value, ast.Name) and func.value.id in _APP_CLASSES
                  and len(args) >= 2):
                context, text = _literal(args[0]), _literal(args[1])
                if context is not None and text is not None:
                    found.append((context, text, len(args) >= 4 or counted_by_keyword, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child, cls)

    visit(ast.parse(source), None)
    return found


def shipped_messages(ts: Path) -> dict[tuple[str, str], bool]:
    """(context, source text) -> whether the .ts holds it as a plural."""
    messages = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source") or "")] = message.get("numerus") == "yes"
    return messages


def test_the_check_reads_contexts_and_counts():
    code = '''
class UnitsPage(Page):
    def title(self):
        return self.tr("Resident units"), self.tr("%n unit(s)", "", len(rows))

class _ListsTab:
    def show(self, rows):
        return QCoreApplication.translate("UnitsPage", "Matching"), other.tr("Elsewhere"), \\
            QCoreApplication.translate("UnitsPage", "Projects nobody claimed (%n)", "", len(rows))
'''
    assert [(c, t, n) for c, t, n, _line in translated_strings(code)] == [
        ("UnitsPage", "Resident units", False), ("UnitsPage", "%n unit(s)", True),
        ("UnitsPage", "Matching", False), ("UnitsPage", "Projects nobody claimed (%n)", True),
    ]


def test_every_translated_string_is_shipped():
    shipped = shipped_messages(TS)
    problems = []
    for folder in ("desktop", "widgets"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for context, text, counted, line in translated_strings(path.read_text(encoding="utf-8")):
                where = f"{path.relative_to(ROOT)}:{line} {context!r} {text!r}"
                if (context, text) not in shipped:
                    problems.append(f"{where} is not in the .ts")
                elif counted and not shipped[(context, text)]:
                    problems.append(f"{where} is counted but the .ts holds no plural")
    assert not problems, problems
