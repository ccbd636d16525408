"""A read-only table model over a small pandas DataFrame (previews, reject lists).

    view.setModel(DataFrameModel(frame))

Cells show as one line of text (blank for missing values, whitespace runs and line breaks
collapsed, long text shortened with the full text as the tooltip); numbers align right. The
vertical header shows the frame's index, so a preview indexed by spreadsheet row number shows the
numbers the user sees in Excel. Meant for frames of hundreds of rows, not for whole tables. A
member of the one table model family (``widgets.column_table``): a column of the frame is a Column.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import numbers
from typing import Any

import pandas as pd
from PySide6.QtCore import QModelIndex, QObject, Qt

from widgets.column_table import Column, ColumnModel, Index


class DataFrameModel(ColumnModel):
    """One :class:`Column` per column of the frame; a row's record is its position."""

    def __init__(self, frame: pd.DataFrame | None = None, parent: QObject | None = None, *, max_chars: int = 80):
        super().__init__([], parent)
        self._max_chars = max_chars
        self._frame = pd.DataFrame()
        self._use(frame if frame is not None else pd.DataFrame())

    # ------------------------------------------------------------------ data in

    def frame(self) -> pd.DataFrame:
        return self._frame

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._use(frame)
        self.endResetModel()

    def _use(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self._columns = [Column(str(name), functools.partial(self._short, c), tooltip=functools.partial(self._long, c))
                         for c, name in enumerate(frame.columns)]

    def _short(self, column: int, row: int) -> str:
        text = " ".join(cell_text(self._frame.iat[row, column]).split())  # one line: scraped text starts with tabs and newlines
        return text if len(text) <= self._max_chars else text[: self._max_chars - 1] + "…"

    def _long(self, column: int, row: int) -> str:
        text = cell_text(self._frame.iat[row, column])
        return text if len(text) > self._max_chars or "\n" in text else ""

    # ------------------------------------------------------------------ Qt overrides

    def record(self, row: int) -> int:
        return row

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._frame)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and 0 <= index.row() < len(self._frame):
            value = self._frame.iat[index.row(), index.column()]
            if isinstance(value, numbers.Number) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return cell_text(self._frame.index[section]) if 0 <= section < len(self._frame) else None
        return super().headerData(section, orientation, role)


def cell_text(value: Any) -> str:
    """One cell as text: blank for missing values, whole floats without ``.0``, times to the second."""
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d") if stamp == stamp.normalize() else stamp.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    sample = pd.DataFrame(
        {"事件编号": ["A-1", "A-2", None], "上报时间": [pd.Timestamp("2026-06-01 09:30"), None, 45000.5],
         "描述": ["占道经营", "很长的描述" * 30, "多行\n文本"]},
        index=pd.Index([2, 3, 5], name="row"),
    )
    view = QTableView()
    view.setModel(DataFrameModel(sample))
    view.resize(640, 200)
    view.show()
    app.exec()
