"""Set-up helpers for the pages' tables and forms: one look, one way to sort and to read the selection."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView

from widgets.column_table import SORT_ROLE, ColumnTableModel

RIGHT = Qt.AlignmentFlag.AlignRight


def setup_table(view: QTableView, *, stretch_column: int | None = None) -> None:
    """The common look of the pages' tables: whole-row selection, no editing, sortable."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(28)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch_column is None)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order the query gave, until a header is clicked


def sort_proxy(model: ColumnTableModel, view: QTableView) -> QSortFilterProxyModel:
    """Show ``model`` in ``view`` through a proxy that sorts by the columns' sort keys."""
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view.setModel(proxy)
    return proxy


def selected_record(view: QTableView, model: ColumnTableModel) -> object | None:
    """The record behind the selected row of ``view`` (shown directly or through a proxy), or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    proxy = view.model()
    source = proxy.mapToSource(rows[0]) if isinstance(proxy, QSortFilterProxyModel) else rows[0]
    return model.record(source.row()) if source.isValid() else None


def select_record(view: QTableView, model: ColumnTableModel, wanted_id: int | None) -> bool:
    """Select the row of the record with ``wanted_id`` (through the view's proxy) without emitting
    selection signals; False if no row holds it."""
    for row in range(model.rowCount()):
        if model.record(row).id == wanted_id:
            index = view.model().mapFromSource(model.index(row, 0))  # type: ignore[attr-defined]
            view.selectionModel().blockSignals(True)
            view.selectRow(index.row())
            view.selectionModel().blockSignals(False)
            return True
    return False


def compact_combos(*combos: QComboBox, chars: int = 10) -> None:
    """Combo boxes that do not grow to their longest entry (long unit names would widen the page)."""
    for combo in combos:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)


def settle_layouts() -> None:
    """Apply the layout changes new texts asked for now, so a grab right after shows them laid out."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
