"""No import cycles among the app's modules (lazy imports inside functions count too; imports for type
checking alone do not run)."""

from __future__ import annotations

import grimp


def import_cycles(*packages: str) -> list[tuple[str, ...]]:
    """One chain per cycle: a module, what it imports, ..., back to the module."""
    graph = grimp.build_graph(*packages, cache_dir=None, exclude_type_checking_imports=True)
    cycles: dict[frozenset[str], tuple[str, ...]] = {}
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if imported.split(".")[0] not in packages:
                continue
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.setdefault(frozenset(back), (importer, *back))
    return list(cycles.values())


def test_no_import_cycles():
    assert import_cycles("db", "desktop", "widgets") == []
