"""A table model over a list that is never loaded whole (Anki's browser table, in small).

It holds the ordered *ids* (an int array: 8 bytes a row) and asks a *row source* — any callable
``fetch(ids) -> list[row]`` — for the rows a view actually paints, one batch at a time, keeping
the last ``cache_batches`` batches. Sorting re-queries: :meth:`sort` only emits
``sort_requested(key, descending as 0/1)``; the owner fetches the ids in the new order and calls
:meth:`set_ids`. Knows nothing of databases.

The row source is called on the GUI thread: it must be fast for one batch (the case list's is
a primary-key lookup of 100 rows: ~1.4 ms on a million-case SQLite database).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str  # also the sort key the owner receives
    header: str
    text: Callable[[Any], str]  # row -> display text
    sortable: bool = True


class LazyTableModel(QAbstractTableModel):
    sort_requested = Signal(str, int)  # column key, 1 descending / 0 ascending (no bool: see filter_bar)

    def __init__(self, columns: Sequence[Column], fetch: Callable[[Sequence[int]], Sequence[Any]],
                 row_id: Callable[[Any], int], *, batch: int = 100, cache_batches: int = 40, parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._fetch = fetch
        self._row_id = row_id
        self._batch = batch
        self._cache_batches = cache_batches
        self._ids = np.zeros(0, dtype=np.int64)
        self._cache: OrderedDict[int, list[Any]] = OrderedDict()  # batch number -> rows
        self.fetched_rows = 0  # rows asked of the row source since the last set_ids
        self.sort_key = ""
        self.sort_descending = True

    # ------------------------------------------------------------------ feeding

    def set_ids(self, ids: Sequence[int] | np.ndarray, first_rows: Sequence[Any] = ()) -> None:
        """Show these ids; ``first_rows`` (rows for the first ids, already fetched) seed the cache."""
        self.beginResetModel()
        self._ids = np.asarray(ids, dtype=np.int64)
        self._cache.clear()
        self.fetched_rows = 0
        if len(first_rows):
            self._store(0, list(first_rows[: self._batch]))
        self.endResetModel()

    def invalidate(self) -> None:
        """Forget cached rows (they changed); visible rows are fetched again when painted."""
        self._cache.clear()
        if len(self._ids):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))

    def id_at(self, row: int) -> int:
        return int(self._ids[row])

    def row_of(self, case_id: int) -> int:
        hits = np.flatnonzero(self._ids == case_id)
        return int(hits[0]) if len(hits) else -1

    def ids(self) -> np.ndarray:
        return self._ids

    def row_object(self, row: int) -> Any | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // self._batch
        rows = self._cache.get(number)
        if rows is None:
            lo = number * self._batch
            wanted = self._ids[lo: lo + self._batch].tolist()
            fetched = {self._row_id(r): r for r in self._fetch(wanted)}
            self.fetched_rows += len(wanted)
            rows = [fetched.get(i) for i in wanted]
            self._store(number, rows)
        else:
            self._cache.move_to_end(number)
        return rows[row - number * self._batch]

    def _store(self, number: int, rows: list[Any]) -> None:
        self._cache[number] = rows
        while len(self._cache) > self._cache_batches:
            self._cache.popitem(last=False)

    # ------------------------------------------------------------------ Qt

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_object(index.row())
        if row is None:
            return None
        return self._columns[index.column()].text(row)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self._columns[column].sortable:
            return
        self.sort_key = self._columns[column].key
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit(self.sort_key, int(self.sort_descending))


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    model = LazyTableModel(
        [Column("n", "Number", str), Column("sq", "Square", lambda n: str(n * n))],
        fetch=lambda ids: list(ids), row_id=int,
    )
    model.set_ids(np.arange(1, 1_000_001))
    view = QTableView()
    view.setModel(model)
    view.resize(400, 600)
    view.show()
    app.exec()
    print("rows fetched:", model.fetched_rows)
