"""StreetBoard's one read-only table model family: a :class:`Column` says how to show one field.

Each :class:`Column` gives the text, the alignment, an optional colour, background, icon, tooltip
and sort value — what the overdue rows need to stand out by more than colour — and, for lists
sorted by the database, the ``key`` the owner re-queries by. :class:`ColumnModel` turns columns
and "the record of a row" into a Qt model; :class:`ColumnTableModel` holds its records in a list
(the page hands them in with :meth:`ColumnTableModel.set_rows`; the model never fetches anything
itself); ``widgets.lazy_table_model.LazyTableModel`` asks for them a batch at a time.

Sort a list model through :class:`SortProxy` (or any ``QSortFilterProxyModel`` whose
``sortRole`` is :data:`SORT_ROLE`). Preview: ``python -m widgets.column_table``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    sort_key: Callable[[Any], Any] | None = None  # what sorting compares (default: the text); None sorts last
    foreground: Callable[[Any], QColor | None] | None = None
    background: Callable[[Any], QColor | None] | None = None
    icon: Callable[[Any], QIcon | None] | None = None
    tooltip: Callable[[Any], str] | None = None
    key: str = ""  # a list sorted by its owner: the sort key it receives ("" = not sortable)


class ColumnModel(QAbstractTableModel):
    """Rows of records shown through :class:`Column` definitions; subclasses say where a row's
    record is (:meth:`record`; None: not there yet) and how many rows there are."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None):
        super().__init__(parent)
        self._columns = list(columns)

    def columns(self) -> list[Column]:
        return list(self._columns)

    def record(self, row: int) -> Any | None:
        raise NotImplementedError

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        record = self.record(index.row())
        if record is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return column.sort_key(record) if column.sort_key else column.text(record)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            colour = column.foreground(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background:
            colour = column.background(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.DecorationRole and column.icon:
            return column.icon(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ColumnTableModel(ColumnModel):
    """A list of records (a few thousand at most; big lists use LazyTableModel)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None):
        super().__init__(columns, parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def record(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)


class SortProxy(QSortFilterProxyModel):
    """Sorts on the columns' sort values as Python compares them; a missing figure (None) after
    every figure in ascending order."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return b is None and a is not None
        return a < b


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    model = ColumnTableModel([
        Column("Unit", lambda r: r[0]),
        Column("Score", lambda r: f"{r[1]:.1f}", Qt.AlignmentFlag.AlignRight, sort_key=lambda r: r[1],
               foreground=lambda r: QColor("#C62828") if r[1] < 20 else None),
    ])
    model.set_rows([("School", 42.0), ("Hospital", 37.5), ("Police station", 12.0)])
    view = QTableView()
    view.setModel(model)
    view.resize(400, 200)
    view.show()
    app.exec()
