"""四联四定: pairings of city-level units with communities, their annual agreements and items.

Overdue items stand out at the top — in colour, with a warning icon and "N days overdue" in
words — from one query, :func:`db.pairings.agreements.overdue_agreement_items`, which also says whose they
are. The link/fix labels are data, edited on the last tab.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.core import clock
from db.pairings import agreements as pairings
from db.pairings.agreements import ItemRow, LabelRow, PairingRow, ProgressBar, ProgressPoint
from db.pairings.importing import PAIRING_SPEC
from desktop.core.colours import OVERDUE_BACKGROUND, OVERDUE_TEXT
from desktop.core.dbop import DbExecutor, DbOp, DbWrite
from desktop.core.formatting import (
    date_edit_format,
    format_count,
    format_date,
    format_datetime,
    format_percent,
)
from desktop.core.messages import describe
from desktop.core.page import Page
from desktop.core.tables import (
    RIGHT,
    compact_combos,
    select_record,
    selected_record,
    settle_layouts,
    setup_table,
    sort_proxy,
)
from desktop.imports.wizard import ImportWizard
from desktop.pairings.texts import item_status_name, label_kind_name
from widgets.column_table import Column, ColumnTableModel
from widgets.progress_chart import ProgressChartView

BAR_HEIGHT = 30


@dataclass(frozen=True)
class PairingsData:
    now: dt.datetime
    year: int
    years: list[int]
    pairings: list[PairingRow]
    overdue: list[ItemRow]
    by_pairing: list[ProgressBar]
    by_community: list[ProgressBar]
    labels: list[LabelRow]
    pairing_id: int | None
    items: list[ItemRow]
    item_id: int | None
    history: list[ProgressPoint]


@dataclass(frozen=True)
class ItemsData:
    pairing_id: int | None
    items: list[ItemRow]
    item_id: int | None
    history: list[ProgressPoint]


def _load_items(session: Session, pairing_id: int | None, year: int, item_id: int | None,
                today: dt.date) -> ItemsData:
    items = pairings.agreement_items(session, pairing_id=pairing_id, year=year, today=today) if pairing_id else []
    ids = [i.id for i in items]
    item_id = item_id if item_id in ids else (ids[0] if ids else None)
    history = pairings.item_progress(session, item_id) if item_id is not None else []
    return ItemsData(pairing_id, items, item_id, history)


class PairingsPage(Page):
    items_shown = Signal()  # another pairing's or item's details are on screen

    key = "pairings"
    tables = ("pairing", "annual_agreement", "agreement_item", "agreement_progress", "pairing_label",
              "resident_unit", "community")

    def title(self) -> str:
        return self.tr("Four links, four fixes")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        #: what "now" is for the figures (tests pin it)
        self.clock: Callable[[], dt.datetime] = clock.now
        self._year: int | None = None
        self._pairing_id: int | None = None
        self._item_id: int | None = None
        self._data: PairingsData | None = None
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._warning_icon = warning

        heading = QLabel(self.title(), objectName="pageTitle")
        self._as_of = QLabel("", objectName="pageSubtitle")
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self._as_of)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Agreement year")))
        top.addWidget(self.year_combo)
        self.import_button = QPushButton(self.tr("Import agreement items…"))
        self.import_button.clicked.connect(self.open_import_wizard)
        top.addWidget(self.import_button)

        # --- overdue items: whose they are
        self.overdue_model = ColumnTableModel([
            Column(self.tr("Overdue"), lambda r: self.tr("%n day(s) overdue", "", r.overdue_days), RIGHT,
                   sort_key=lambda r: r.overdue_days, icon=lambda r: self._warning_icon,
                   foreground=lambda r: OVERDUE_TEXT, background=lambda r: OVERDUE_BACKGROUND),
            Column(self.tr("City-level unit"), lambda r: r.municipal_unit, background=lambda r: OVERDUE_BACKGROUND),
            Column(self.tr("Community"), lambda r: r.community, background=lambda r: OVERDUE_BACKGROUND),
            Column(self.tr("Agreement item"), lambda r: r.title, background=lambda r: OVERDUE_BACKGROUND),
            Column(self.tr("Responsible"), lambda r: r.responsible_person, background=lambda r: OVERDUE_BACKGROUND),
            Column(self.tr("Due"), lambda r: format_date(r.due_on), sort_key=lambda r: r.due_on,
                   background=lambda r: OVERDUE_BACKGROUND),
            Column(self.tr("Progress"), lambda r: f"{r.progress_pct}%", RIGHT, sort_key=lambda r: r.progress_pct,
                   background=lambda r: OVERDUE_BACKGROUND),
        ], self)
        self.overdue_view = QTableView()
        sort_proxy(self.overdue_model, self.overdue_view)
        setup_table(self.overdue_view, stretch_column=3)
        self.overdue_view.setMinimumHeight(5 * 28 + 34)
        self.overdue_box = QGroupBox()
        self.overdue_box.setStyleSheet("QGroupBox { color: #C62828; font-weight: bold; }")
        QVBoxLayout(self.overdue_box).addWidget(self.overdue_view)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_progress_tab(), self.tr("Pairings and progress"))
        self.tabs.addTab(self._build_items_tab(), self.tr("Agreement items"))
        self.tabs.addTab(self._build_labels_tab(), self.tr("Link and fix labels"))

        self.message = QLabel("", objectName="formMessage")
        self.message.setWordWrap(True)
        compact_combos(self.year_combo, self.new_label, self.label_kind, chars=8)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.overdue_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    # ------------------------------------------------------------------ building

    def _build_progress_tab(self) -> QWidget:
        self.pairings_model = ColumnTableModel([
            Column(self.tr("City-level unit"), lambda r: r.municipal_unit),
            Column(self.tr("Community"), lambda r: r.community),
            Column(self.tr("Paired since"), lambda r: str(r.since_year), RIGHT, sort_key=lambda r: r.since_year),
            Column(self.tr("Agreement"), lambda r: item_status_name(r.agreement_status) if r.agreement_id
                   else self.tr("none signed")),
            Column(self.tr("Items"), lambda r: format_count(r.items_total), RIGHT, sort_key=lambda r: r.items_total),
            Column(self.tr("Done"), lambda r: format_count(r.items_done), RIGHT, sort_key=lambda r: r.items_done),
            Column(self.tr("Overdue"), lambda r: format_count(r.items_overdue), RIGHT,
                   sort_key=lambda r: r.items_overdue, icon=lambda r: self._warning_icon if r.items_overdue else None,
                   foreground=lambda r: OVERDUE_TEXT if r.items_overdue else None),
            Column(self.tr("Progress"), lambda r: format_percent(r.progress, 0), RIGHT,
                   sort_key=lambda r: -1 if r.progress is None else r.progress),
        ], self)
        self.pairings_view = QTableView()
        sort_proxy(self.pairings_model, self.pairings_view)
        setup_table(self.pairings_view)
        self.pairings_view.selectionModel().selectionChanged.connect(self._pairing_selected)

        self.chart = ProgressChartView()
        self.chart_scroll = QScrollArea()
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setWidget(self.chart)
        self.chart_title = QLabel("")
        self.chart_title.setStyleSheet("font-weight: bold;")
        self.by_pairing = QRadioButton(self.tr("Per pairing"))
        self.by_community = QRadioButton(self.tr("Per community"))
        self.by_pairing.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_pairing)
        group.addButton(self.by_community)
        self.by_pairing.toggled.connect(lambda _c: self._draw_chart())
        switch = QHBoxLayout()
        switch.addWidget(self.chart_title, 1)
        switch.addWidget(self.by_pairing)
        switch.addWidget(self.by_community)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(switch)
        right_layout.addWidget(self.chart_scroll, 1)
        self.chart_legend = QLabel(self.tr("Bar: mean progress of the year's items. Orange with “!”: the pairing or "
                                           "community has overdue items."))
        self.chart_legend.setWordWrap(True)
        self.chart_legend.setStyleSheet("color: #656D76;")
        right_layout.addWidget(self.chart_legend)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.pairings_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(splitter)
        return tab

    def _build_items_tab(self) -> QWidget:
        self.items_heading = QLabel("")
        self.items_heading.setStyleSheet("font-weight: bold;")
        self.items_model = ColumnTableModel([
            Column(self.tr("Agreement item"), lambda r: r.title),
            Column(self.tr("Label"), lambda r: r.label),
            Column(self.tr("Responsible"), lambda r: r.responsible_person),
            Column(self.tr("Due"), lambda r: format_date(r.due_on), sort_key=lambda r: r.due_on),
            Column(self.tr("Progress"), lambda r: f"{r.progress_pct}%", RIGHT, sort_key=lambda r: r.progress_pct),
            Column(self.tr("Status"), lambda r: self.tr("Overdue · {0}").format(item_status_name(r.status))
                   if r.overdue else item_status_name(r.status),
                   icon=lambda r: self._warning_icon if r.overdue else None,
                   foreground=lambda r: OVERDUE_TEXT if r.overdue else None),
            Column(self.tr("Evidence"), lambda r: r.evidence_note),
        ], self)
        self.items_view = QTableView()
        sort_proxy(self.items_model, self.items_view)
        setup_table(self.items_view, stretch_column=0)
        self.items_view.selectionModel().selectionChanged.connect(self._item_selected)

        self.history_model = ColumnTableModel([
            Column(self.tr("When"), lambda r: format_datetime(r.at), sort_key=lambda r: r.at),
            Column(self.tr("By"), lambda r: r.by),
            Column(self.tr("Progress"), lambda r: f"{r.progress_pct}%", RIGHT, sort_key=lambda r: r.progress_pct),
            Column(self.tr("Note"), lambda r: r.note),
        ], self)
        self.history_view = QTableView()
        sort_proxy(self.history_model, self.history_view)
        setup_table(self.history_view, stretch_column=3)
        history_box = QGroupBox(self.tr("Progress updates of the selected item"))
        QVBoxLayout(history_box).addWidget(self.history_view)

        self.progress_edit = QLineEdit(placeholderText=self.tr("0–100"))
        self.progress_edit.setMaximumWidth(80)
        self.progress_note = QLineEdit(placeholderText=self.tr("What was done"))
        self.evidence_edit = QLineEdit(placeholderText=self.tr("Evidence (photos, sign-in sheets…)"))
        self.progress_button = QPushButton(self.tr("Record progress"))
        self.progress_button.clicked.connect(self.record_progress)
        update_row = QHBoxLayout()
        update_row.addWidget(QLabel(self.tr("Progress %")))
        update_row.addWidget(self.progress_edit)
        update_row.addWidget(self.progress_note, 2)
        update_row.addWidget(self.evidence_edit, 2)
        update_row.addWidget(self.progress_button)

        self.new_title = QLineEdit(placeholderText=self.tr("New item: what will be done"))
        self.new_label = QComboBox()
        self.new_person = QLineEdit(placeholderText=self.tr("Responsible person"))
        self.new_due = QDateEdit()
        self.new_due.setCalendarPopup(True)
        self.new_due.setDisplayFormat(date_edit_format())
        self.new_due.setDate(QDate.currentDate())
        self.new_button = QPushButton(self.tr("Add item to this agreement"))
        self.new_button.clicked.connect(self.add_item)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_title, 2)
        new_row.addWidget(self.new_label)
        new_row.addWidget(self.new_person, 1)
        new_row.addWidget(self.new_due)
        new_row.addWidget(self.new_button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.items_view)
        splitter.addWidget(history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.items_heading)
        layout.addWidget(splitter, 1)
        layout.addLayout(update_row)
        layout.addLayout(new_row)
        return tab

    def _build_labels_tab(self) -> QWidget:
        self.labels_model = ColumnTableModel([
            Column(self.tr("Kind"), lambda r: label_kind_name(r.kind)),
            Column(self.tr("Position"), lambda r: str(r.position), RIGHT, sort_key=lambda r: (r.kind, r.position)),
            Column(self.tr("Label name"), lambda r: r.name),
            Column(self.tr("Meaning"), lambda r: r.description),
        ], self)
        self.labels_view = QTableView()
        sort_proxy(self.labels_model, self.labels_view)
        setup_table(self.labels_view, stretch_column=3)
        self.labels_view.selectionModel().selectionChanged.connect(self._label_selected)
        self.label_kind = QComboBox()
        self.label_kind.addItem(label_kind_name("link"), "link")
        self.label_kind.addItem(label_kind_name("fix"), "fix")
        self.label_position = QSpinBox()
        self.label_position.setRange(1, 20)
        self.label_name = QLineEdit(placeholderText=self.tr("Name, e.g. 联组织建设"))
        self.label_description = QLineEdit(placeholderText=self.tr("What it means"))
        self.label_save = QPushButton(self.tr("Save label"))
        self.label_save.clicked.connect(self.save_label)
        self.label_new = QPushButton(self.tr("New label"))
        self.label_new.clicked.connect(self._new_label)
        form = QHBoxLayout()
        for w in (self.label_kind, self.label_position):
            form.addWidget(w)
        form.addWidget(self.label_name, 1)
        form.addWidget(self.label_description, 2)
        form.addWidget(self.label_save)
        form.addWidget(self.label_new)
        note = QLabel(self.tr("The official wording of the four links and four fixes differs between places; "
                              "the names here are data and can be changed."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #656D76;")
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(note)
        layout.addWidget(self.labels_view, 1)
        layout.addLayout(form)
        return tab

    # ------------------------------------------------------------------ loading

    def load(self, session: Session) -> PairingsData:
        now = self.clock()
        today = now.date()
        years = pairings.agreement_years(session, today)
        year = self._year if self._year in years else today.year
        rows = pairings.pairing_list(session, year, today)
        ids = [r.id for r in rows]
        pairing_id = self._pairing_id if self._pairing_id in ids else (ids[0] if ids else None)
        items = _load_items(session, pairing_id, year, self._item_id, today)
        return PairingsData(
            now=now, year=year, years=years, pairings=rows,
            overdue=pairings.overdue_agreement_items(session, today),
            by_pairing=pairings.progress_by_pairing(session, year, today),
            by_community=pairings.progress_by_community(session, year, today),
            labels=pairings.pairing_labels(session),
            pairing_id=pairing_id, items=items.items, item_id=items.item_id, history=items.history,
        )

    def show_data(self, data: PairingsData) -> None:
        self._data = data
        self._year = data.year
        self._as_of.setText(self.tr("As of {0}").format(format_date(data.now.date())))
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in data.years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(data.year)))
        self.year_combo.blockSignals(False)
        self.overdue_model.set_rows(data.overdue)
        people = len({(r.municipal_unit, r.responsible_person) for r in data.overdue})
        self.overdue_box.setTitle(
            self.tr("Overdue agreement items: %n, ", "", len(data.overdue))
            + self.tr("held by %n responsible person(s)", "", people) if data.overdue
            else self.tr("No agreement item is overdue") if data.pairings
            else self.tr("No pairing has been entered yet; import the agreement items."))
        self.pairings_model.set_rows(data.pairings)
        self._pairing_id = data.pairing_id
        select_record(self.pairings_view, self.pairings_model, data.pairing_id)
        self._draw_chart()
        self.labels_model.set_rows(data.labels)
        current = self.new_label.currentData()
        self.new_label.clear()
        self.new_label.addItem(self.tr("(no label)"), None)
        for label in data.labels:
            self.new_label.addItem(f"{label_kind_name(label.kind)} · {label.name}", label.id)
        self.new_label.setCurrentIndex(max(0, self.new_label.findData(current)))
        self._show_items(ItemsData(data.pairing_id, data.items, data.item_id, data.history))
        settle_layouts()

    def _draw_chart(self) -> None:
        if self._data is None:
            return
        per_pairing = self.by_pairing.isChecked()
        bars = self._data.by_pairing if per_pairing else self._data.by_community
        self.chart_title.setText(
            (self.tr("Progress per pairing, {0}") if per_pairing else self.tr("Progress per community, {0}"))
            .format(self._data.year))
        self.chart.update_bars([b.label for b in bars], [b.progress for b in bars], [b.overdue > 0 for b in bars],
                               [self.tr("{0} · {1}/{2} done").format(format_percent(b.progress, 0), b.done, b.items)
                                for b in bars])
        self.chart.setMinimumHeight(max(200, BAR_HEIGHT * len(bars) + 60))

    def _show_items(self, items: ItemsData) -> None:
        self._item_id = items.item_id
        pairing = next((p for p in (self._data.pairings if self._data else []) if p.id == items.pairing_id), None)
        if pairing is None:
            self.items_heading.setText(self.tr("Select a pairing on the first tab"))
        else:
            self.items_heading.setText(self.tr("{0} — {1}: agreement of {2}").format(
                pairing.municipal_unit, pairing.community, pairing.year) if pairing.agreement_id else
                self.tr("{0} — {1}: no agreement signed for {2}; adding an item creates it").format(
                    pairing.municipal_unit, pairing.community, pairing.year))
        self.items_model.set_rows(items.items)
        select_record(self.items_view, self.items_model, items.item_id)
        self.history_model.set_rows(items.history)

    # ------------------------------------------------------------------ selection

    def _year_changed(self, *_args: object) -> None:
        self._year = self.year_combo.currentData()
        self.refresh()

    def _pairing_selected(self, *_args: object) -> None:
        record = selected_record(self.pairings_view, self.pairings_model)
        if record is None or record.id == self._pairing_id:  # type: ignore[attr-defined]
            return
        self._pairing_id = record.id  # type: ignore[attr-defined]
        self._item_id = None
        self._reload_items()

    def _item_selected(self, *_args: object) -> None:
        record = selected_record(self.items_view, self.items_model)
        if record is None or record.id == self._item_id:  # type: ignore[attr-defined]
            return
        self._item_id = record.id  # type: ignore[attr-defined]
        self._reload_items()

    def _reload_items(self) -> None:
        pairing_id, year, item_id = self._pairing_id, self._year or self.clock().year, self._item_id
        today = self.clock().date()
        DbOp(self, lambda s: _load_items(s, pairing_id, year, item_id, today)) \
            .success(self._items_loaded).failure(self._show_error).run()

    def _items_loaded(self, items: ItemsData) -> None:
        if items.pairing_id == self._pairing_id:
            self._show_items(items)
            self.items_shown.emit()

    def _label_selected(self, *_args: object) -> None:
        label = selected_record(self.labels_view, self.labels_model)
        if label is None:
            return
        self.label_kind.setCurrentIndex(self.label_kind.findData(label.kind))  # type: ignore[attr-defined]
        self.label_position.setValue(label.position)  # type: ignore[attr-defined]
        self.label_name.setText(label.name)  # type: ignore[attr-defined]
        self.label_description.setText(label.description)  # type: ignore[attr-defined]

    def _new_label(self) -> None:
        self.labels_view.clearSelection()
        self.label_name.clear()
        self.label_description.clear()

    def open_import_wizard(self) -> ImportWizard:
        """The import wizard on the agreement-item spec (same rules as the case import)."""
        wizard = ImportWizard(DbExecutor.current, self, spec=PAIRING_SPEC)
        wizard.setWindowTitle(self.tr("Import agreement items"))
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda _result: self.refresh())
        wizard.open()
        return wizard

    # ------------------------------------------------------------------ writes

    def _write(self, fn, done: str) -> None:  # noqa: ANN001 - fn(session)
        self.message.setText("")
        DbWrite(self, fn).success(lambda _r: self._say(done)) \
            .failure(self._show_error).run()

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("color: #1B7F3B;")
        self.message.setText(text)

    def _show_error(self, error: Exception) -> None:
        self.message.setStyleSheet("color: #C62828;")
        self.message.setText(describe(error))

    def _hint(self, text: str) -> None:
        self.message.setStyleSheet("color: #B25E00;")
        self.message.setText(text)

    def record_progress(self) -> None:
        if self._item_id is None:
            self._hint(self.tr("Select an agreement item first."))
            return
        item_id, pct = self._item_id, self.progress_edit.text().strip()
        note, evidence = self.progress_note.text(), self.evidence_edit.text()
        self._write(lambda s: pairings.record_progress(s, item_id=item_id, progress_pct=pct, note=note,
                                                       evidence_note=evidence),
                    self.tr("The progress is recorded."))

    def add_item(self) -> None:
        pairing = next((p for p in (self._data.pairings if self._data else []) if p.id == self._pairing_id), None)
        if pairing is None:
            self._hint(self.tr("Select a pairing first."))
            return
        title, label, person = self.new_title.text(), self.new_label.currentData(), self.new_person.text()
        due, year, pairing_id = self.new_due.date().toPython(), pairing.year, pairing.id
        agreement_id = pairing.agreement_id

        def add(session: Session) -> int:
            target = agreement_id or pairings.add_agreement(session, pairing_id=pairing_id, year=year)
            return pairings.add_item(session, agreement_id=target, title=title, due_on=due,
                                     responsible_person=person, label_id=label)

        self._write(add, self.tr("The item is added to the agreement."))

    def save_label(self) -> None:
        selected = selected_record(self.labels_view, self.labels_model)
        label_id = selected.id if selected is not None else None  # type: ignore[attr-defined]
        version = selected.version if selected is not None else None  # type: ignore[attr-defined]
        kind, position = self.label_kind.currentData(), self.label_position.value()
        name, description = self.label_name.text(), self.label_description.text()
        self._write(lambda s: pairings.save_label(s, kind=kind, position=position, name=name,
                                                  description=description, label_id=label_id, version=version),
                    self.tr("The label is saved."))
