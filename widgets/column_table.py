"""A read-only table model over a list of records, with colour, icon and tooltip per column.

Each :class:`Column` says how to show one field: the text, the alignment, an optional colour,
background, icon, tooltip and sort key — what the overdue rows need to stand out by more than
colour. The page hands the rows in with :meth:`ColumnTableModel.set_rows`; the model never
fetches anything itself. Sort through a ``QSortFilterProxyModel`` whose ``sortRole`` is
:data:`SORT_ROLE`. Preview: ``python -m widgets.column_table``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    sort_key: Callable[[Any], Any] | None = None
    foreground: Callable[[Any], QColor | None] | None = None
    background: Callable[[Any], QColor | None] | None = None
    icon: Callable[[Any], QIcon | None] | None = None
    tooltip: Callable[[Any], str] | None = None


class ColumnTableModel(QAbstractTableModel):
    """Rows of records shown through :class:`Column` definitions."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None):
        super().__init__(parent)
        self._columns = list(columns)
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

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
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
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None


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
