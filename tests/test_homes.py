"""Each shared thing has one home: the overdue palette, the table helpers; and no module grows past 800 lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 800
TABLE_HELPERS = {"setup_table", "sort_proxy", "selected_record", "select_record", "compact_combos", "settle_layouts"}


def _modules(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))
            if "migrations" not in p.relative_to(ROOT).parts]


def _top_level_names(path: Path) -> tuple[set[str], set[str]]:
    """(assigned names, defined functions) at a module's top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assigned = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
                if isinstance(t, ast.Name)}
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    return assigned, functions


def test_no_module_is_over_800_lines():
    long = {str(p.relative_to(ROOT)): n for p in _modules("db", "desktop", "widgets")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these at their section headers: {long}"


def test_one_overdue_palette_and_one_set_of_table_helpers():
    colours, tables = ROOT / "desktop/core/colours.py", ROOT / "desktop/core/tables.py"
    elsewhere = []
    for path in _modules("desktop"):
        assigned, functions = _top_level_names(path)
        if path != colours:
            elsewhere += [f"{path.relative_to(ROOT)}: {name}" for name in sorted(assigned) if name.startswith("OVERDUE")]
        if path != tables:
            elsewhere += [f"{path.relative_to(ROOT)}: {name}()" for name in sorted(functions & TABLE_HELPERS)]
    assert not elsewhere, f"use desktop/core/colours.py and desktop/core/tables.py instead: {elsewhere}"
