"""The units page's roster tab: search and filters, the unit table, the profile beside it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.units import roster as units_roster
from db.units.roster import RosterFilter, UnitRow
from desktop.core.colours import GOOD_TEXT
from desktop.core.dbop import DbOp
from desktop.core.tables import select_record, selected_record, setup_table, sort_proxy
from desktop.units.texts import kind_name
from widgets.column_table import Column, ColumnTableModel


# Methods of UnitsPage (this mixin has no state of its own); their strings keep the page's
# translation context.
class _RosterTab:
    """The roster tab of :class:`desktop.units.page.UnitsPage`."""

    # ------------------------------------------------------------------ building: roster

    def _build_roster_tab(self) -> QWidget:
        tab = QWidget()
        self.search = QLineEdit(placeholderText=QCoreApplication.translate("UnitsPage", "Search name, party organisation, contact, address"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(QCoreApplication.translate("UnitsPage", "All kinds"), None)
        for kind in ("school", "hospital", "police", "state_firm", "company", "property", "agency", "social_org",
                     "municipal", "other"):
            self.kind_filter.addItem(kind_name(kind), kind)
        self.member_filter = QComboBox()
        self.member_filter.addItem(QCoreApplication.translate("UnitsPage", "Members and others"), None)
        self.member_filter.addItem(QCoreApplication.translate("UnitsPage", "Member units this term"), True)
        self.member_filter.addItem(QCoreApplication.translate("UnitsPage", "Not member units"), False)
        self.community_filter = QComboBox()
        self.community_filter.addItem(QCoreApplication.translate("UnitsPage", "All communities"), None)
        for combo in (self.kind_filter, self.member_filter, self.community_filter):
            combo.currentIndexChanged.connect(lambda _i: self._filter_timer.start())
        self.roster_count = QLabel("")
        self.import_button = QPushButton(QCoreApplication.translate("UnitsPage", "Import units…"))
        self.import_button.clicked.connect(self.open_import_wizard)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.member_filter)
        filters.addWidget(self.community_filter)
        filters.addWidget(self.roster_count)
        filters.addWidget(self.import_button)

        self.roster_model = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Unit"), lambda r: r.name),
            Column(QCoreApplication.translate("UnitsPage", "Kind"), lambda r: kind_name(r.kind)),
            Column(QCoreApplication.translate("UnitsPage", "Member unit"), lambda r: QCoreApplication.translate("UnitsPage", "Yes") if r.is_member else "",
                   foreground=lambda r: GOOD_TEXT if r.is_member else None),
            Column(QCoreApplication.translate("UnitsPage", "Party organisation"), lambda r: r.party_org),
            Column(QCoreApplication.translate("UnitsPage", "Community"), lambda r: r.community),
            Column(QCoreApplication.translate("UnitsPage", "Liaison"), lambda r: " ".join(x for x in (r.liaison, r.liaison_phone) if x)),
            Column(QCoreApplication.translate("UnitsPage", "Contact"), lambda r: " ".join(x for x in (r.contact_person, r.contact_phone) if x)),
        ], self)
        self.roster_view = QTableView()
        sort_proxy(self.roster_model, self.roster_view)
        setup_table(self.roster_view, stretch_column=0)
        self.roster_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.roster_view.setColumnWidth(0, 280)
        self.roster_view.selectionModel().selectionChanged.connect(self._roster_selection_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.roster_view)
        splitter.addWidget(self._build_profile())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        return tab

    def _show_roster(self, roster: list[UnitRow]) -> None:
        self.roster_model.set_rows(roster)
        self.roster_count.setText(self._units_counted(len(roster)))
        target = self._selected_id if any(r.id == self._selected_id for r in roster) else (
            roster[0].id if roster else None)
        if target is not None:
            self._select_unit(target)

    def _select_unit(self, unit_id: int) -> None:
        if select_record(self.roster_view, self.roster_model, unit_id):
            self._selected_id = unit_id

    def _reload_roster(self) -> None:
        self._filter = RosterFilter(
            text=self.search.text(), kind=self.kind_filter.currentData(), member=self.member_filter.currentData(),
            community_id=self.community_filter.currentData())
        flt = self._filter
        DbOp(self, lambda s: units_roster.unit_roster(s, flt)).success(self._roster_reloaded).failure(self._show_error).run()

    def _roster_reloaded(self, roster: list[UnitRow]) -> None:
        self._show_roster(roster)
        if roster and self._selected_id is not None:
            self._load_profile(self._selected_id)
        elif not roster:
            self._show_profile(None)
        self.roster_shown.emit()

    def _roster_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        record = selected_record(self.roster_view, self.roster_model)
        if record is not None and record.id != self._selected_id:  # type: ignore[attr-defined]
            self._selected_id = record.id  # type: ignore[attr-defined]
            self._load_profile(record.id)  # type: ignore[attr-defined]
