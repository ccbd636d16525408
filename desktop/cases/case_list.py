"""The case list: a lazy table over db/cases and its xlsx export.

The view never touches the database: its model asks the owner (the page) for a batch of rows,
which the page reads on the DB worker; the ordered ids come through DbOp too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from db.cases import queries as cases
from db.cases.queries import CaseRow
from desktop.cases.texts import source_label, state_label
from desktop.core.formatting import format_datetime
from widgets.column_table import Column
from widgets.lazy_table_model import Fetch, LazyTableModel

EXPORT_BATCH = 2000


def _when(value: dt.datetime | None) -> str:
    return format_datetime(value) if value else ""


def case_columns() -> list[Column]:
    def column(key: str, header: str, text: Callable[[CaseRow], str], sortable: bool = True) -> Column:
        return Column(header, text, tooltip=text, key=key if sortable else "")

    yes = QCoreApplication.translate("CaseList", "Yes")
    return [
        column("case_number", QCoreApplication.translate("CaseList", "Number"), lambda r: r.case_number),
        column("title", QCoreApplication.translate("CaseList", "Title"), lambda r: r.title),
        column("state", QCoreApplication.translate("CaseList", "State"), lambda r: state_label(r.state)),
        column("source", QCoreApplication.translate("CaseList", "Source"), lambda r: source_label(r.source), False),
        column("community", QCoreApplication.translate("CaseList", "Community"), lambda r: r.community, False),
        column("major", QCoreApplication.translate("CaseList", "Category"),
               lambda r: r.major + (f" · {r.minor}" if r.minor else ""), False),
        column("unit", QCoreApplication.translate("CaseList", "Handling unit"), lambda r: r.unit, False),
        column("reported_at", QCoreApplication.translate("CaseList", "Reported"), lambda r: _when(r.reported_at)),
        column("deadline_at", QCoreApplication.translate("CaseList", "Deadline"), lambda r: _when(r.deadline_at)),
        column("closed_at", QCoreApplication.translate("CaseList", "Closed"), lambda r: _when(r.closed_at)),
        column("supervised", QCoreApplication.translate("CaseList", "Supervised"),
               lambda r: yes if r.supervised else "", False),
        column("address", QCoreApplication.translate("CaseList", "Address"), lambda r: r.address, False),
    ]


class CaseListView(QWidget):
    """The lazy case table. ``case_selected(id)`` when a row is chosen; ``fetch`` reads a batch
    of rows (see :class:`LazyTableModel`)."""

    case_selected = Signal(int)
    sort_requested = Signal(str, int)  # key, 1 descending / 0 ascending

    def __init__(self, fetch: Fetch, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = LazyTableModel(case_columns(), fetch, row_id=lambda r: r.id, parent=self)
        self.table = QTableView(self, objectName="caseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(7, Qt.SortOrder.DescendingOrder)
        self._sorted = (7, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._keep_indicator)
        for column, width in enumerate((150, 240, 80, 90, 90, 170, 150, 130, 130, 130, 50)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.sort_requested.connect(self.sort_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def _keep_indicator(self, column: int, order: Qt.SortOrder) -> None:
        """A column the list cannot be sorted by keeps showing the order the list has."""
        if self.model.columns()[column].key:
            self._sorted = (column, order)
            return
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self._sorted)
        header.blockSignals(False)

    def show_ids(self, ids, first_rows: Sequence[CaseRow]) -> None:
        selected = self.selected_id()
        self.model.set_ids(ids, first_rows)
        if selected is not None and (row := self.model.row_of(selected)) >= 0:
            self.table.selectRow(row)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.case_selected.emit(self.model.id_at(indexes[0].row()))


def export_cases_xlsx(session: Session, f: cases.CaseFilter, sort: str, descending: bool, path: Path,
                      columns: Sequence[Column]) -> int:
    """Write the filtered list to ``path`` (runs on the DB worker), streaming batches; returns rows."""
    from openpyxl import Workbook

    ids = cases.case_ids(session, f, sort, descending)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([c.header for c in columns])
    for lo in range(0, len(ids), EXPORT_BATCH):
        for row in cases.case_rows(session, ids[lo: lo + EXPORT_BATCH]):
            sheet.append([c.text(row) for c in columns])
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
    return len(ids)
