"""A heatmap as a coloured table: row labels × column labels, one number per cell.

A table rather than an image so that long Chinese row labels stay readable, cells can show
their figure, and the screen reader / copy-paste get text. Colour runs from white (0) to the
accent colour (the largest value); text turns white on dark cells.
Preview: ``python -m widgets.heatmap``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
LOW = QColor("#FFFFFF")
HIGH = QColor("#B71C1C")


def _blend(share: float) -> QColor:
    share = max(0.0, min(1.0, share))
    return QColor(
        round(LOW.red() + (HIGH.red() - LOW.red()) * share),
        round(LOW.green() + (HIGH.green() - LOW.green()) * share),
        round(LOW.blue() + (HIGH.blue() - LOW.blue()) * share),
    )


def _plain(value: float) -> str:
    if value == 0:
        return ""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


class HeatmapModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[str] = []
        self._columns: list[str] = []
        self._values: list[list[float]] = []
        self._high = 0.0
        self._format: Callable[[float], str] = _plain

    def set_data(self, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]],
                 fmt: Callable[[float], str] | None = None) -> None:
        if len(values) != len(rows) or any(len(v) != len(columns) for v in values):
            raise ValueError("values must have one row per row label and one value per column label")
        self.beginResetModel()
        self._rows, self._columns = list(rows), list(columns)
        self._values = [[float(x) for x in v] for v in values]
        self._high = max((max(v) for v in self._values if v), default=0.0)
        self._format = fmt or _plain
        self.endResetModel()

    def value(self, row: int, column: int) -> float:
        return self._values[row][column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._values[index.row()][index.column()]
        share = value / self._high if self._high > 0 else 0.0
        if role == Qt.ItemDataRole.DisplayRole:
            return self._format(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_blend(share))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#FFFFFF") if share > 0.55 else QColor("#1F2328"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._rows[index.row()]} · {self._columns[index.column()]}: {self._format(value) or '0'}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = self._columns if orientation == Qt.Orientation.Horizontal else self._rows
        return labels[section] if 0 <= section < len(labels) else None


class HeatmapView(QTableView):
    """The heatmap table: fixed-width month columns, row labels in the vertical header."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heatmap = HeatmapModel(self)
        self.setModel(self.heatmap)
        self.setObjectName("heatmap")
        self.setStyleSheet("QTableView#heatmap, QTableView#heatmap QHeaderView { font-size: 12px; }")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setShowGrid(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(34)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_data(self, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]],
                 fmt: Callable[[float], str] | None = None) -> None:
        self.heatmap.set_data(rows, columns, values, fmt)


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    view = HeatmapView()
    view.set_data(["School", "Hospital", "Police"], [f"{m}" for m in range(1, 13)],
                  [[m % 4 for m in range(12)], [m % 3 for m in range(12)], [1] * 12])
    view.resize(700, 200)
    view.show()
    app.exec()
