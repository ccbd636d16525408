"""One body of the street as an editable table laid out like its set-up sheet (the assistant and the page)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.street.setup import Cells, Ids, Sheet

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _WordsDelegate(QStyledItemDelegate):
    """A drop-down of the sheet's words (职务, 专兼职, 是/否 …) for one column."""

    def __init__(self, words: list[str], parent: QWidget):
        super().__init__(parent)
        self._words = words

    def createEditor(self, parent, _option, _index):  # noqa: N802 - Qt's name
        combo = QComboBox(parent)
        combo.addItems(["", *self._words])
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentText(index.data() or "")

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentText())


class BodyTable(QWidget):
    """The sheet's headers over editable rows; rows from the database keep their id and version."""

    edited = Signal()
    kept_saved = Signal(int)  # selected rows that stayed: records already saved are not removed here

    def __init__(self, sheet: Sheet, parent: QWidget | None = None, *, with_buttons: bool = True,
                 fixed: tuple[str, ...] = ()):
        super().__init__(parent)
        self.sheet = sheet
        self._fixed = {i for i, f in enumerate(sheet.fields) if f.key in fixed}  # shown, not edited here
        self.table = QTableWidget(0, len(sheet.fields), self)
        self.table.setHorizontalHeaderLabels([f.label + (" *" if f.required else "") for f in sheet.fields])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        for column, f in enumerate(sheet.fields):
            words = sheet.lists.get(f.key)
            if words:
                self.table.setItemDelegateForColumn(column, _WordsDelegate(words.split(","), self.table))
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        self.add_button = QPushButton(self.tr("Add a row"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self.tr("Remove the selected rows"))
        self.remove_button.clicked.connect(self.remove_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        self.buttons = QHBoxLayout()
        if with_buttons:
            self.buttons.addWidget(self.add_button)
            self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)

    def set_cells(self, cells: Cells, ids: Ids | None = None) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for i, row in enumerate(cells):
            self._append(row, ids[i] if ids else (None, None))
        self.table.blockSignals(False)
        self.edited.emit()

    def _append(self, row: list[str], record: tuple[int | None, int | None]) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c in range(self.table.columnCount()):
            item = QTableWidgetItem(row[c] if c < len(row) else "")
            if c in self._fixed and record[0] is not None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if c == 0:
                item.setData(ID_ROLE, record)
            self.table.setItem(r, c, item)

    def add_row(self) -> None:
        self._append([], (None, None))
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.edited.emit()

    def remove_selected(self) -> None:
        """Removes rows not yet saved (a saved record stays: the page says how it ends)."""
        kept = 0
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            if self.record(r)[0] is None:
                self.table.removeRow(r)
            else:
                kept += 1
        self.edited.emit()
        if kept:
            self.kept_saved.emit(kept)

    def record(self, r: int) -> tuple[int | None, int | None]:
        item = self.table.item(r, 0)
        value = item.data(ID_ROLE) if item is not None else None
        return tuple(value) if value else (None, None)  # type: ignore[return-value]

    def cells(self) -> Cells:
        return [[(self.table.item(r, c).text() if self.table.item(r, c) else "").strip()
                 for c in range(self.table.columnCount())] for r in range(self.table.rowCount())]

    def ids(self) -> Ids:
        return [self.record(r) for r in range(self.table.rowCount())]

    def filled_rows(self) -> int:
        return sum(1 for row in self.cells() if any(row))
