"""The 双报到 tab of the units page: serving party members reporting to their community, their service.

A list of members (name, unit, community, date reported, service totals) with a form to add, edit
or remove one; the selected member's service records (date, hours, activity) with their own form;
the list imported through the import wizard. It loads on the DB worker each time the page loads,
and every write announces its tables, so the page (and this tab) refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.core.errors import InputError
from db.units import dual
from db.units import roster as units_roster
from db.units.roster import Choice
from desktop.core.dbop import DbOp, DbWrite
from desktop.core.formatting import date_edit_format, format_date
from desktop.core.messages import describe
from desktop.core.tables import RIGHT, setup_table, sort_proxy
from widgets.column_table import Column, ColumnTableModel


@dataclass(frozen=True)
class DualData:
    members: list[dual.MemberRow]
    records: list[dual.RecordRow]
    member_id: int | None
    units: list[Choice]
    communities: list[Choice]


def _hours_text(hours: float) -> str:
    return f"{hours:g}"


def _date_edit() -> QDateEdit:
    edit = QDateEdit(calendarPopup=True, displayFormat=date_edit_format())
    edit.setDate(QDate.currentDate())
    return edit


def _choices(combo: QComboBox, choices: list[Choice]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for choice in choices:
        combo.addItem(choice.name, choice.id)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


class DualTab(QWidget):
    shown = Signal()  # the data of a load is on screen

    def __init__(self, open_import: Callable[[], object], parent: QWidget | None = None):
        """``open_import`` opens the import wizard on the 双报到 spec (the page owns the wizard)."""
        super().__init__(parent)
        self._member_id: int | None = None
        self._data: DualData | None = None
        self.summary = QLabel("", wordWrap=True)
        self.import_button = QPushButton(self.tr("Import dual reporting…"))
        self.import_button.clicked.connect(lambda: open_import())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.import_button)

        self.members_model = ColumnTableModel([
            Column(self.tr("Name"), lambda m: m.name),
            Column(self.tr("Unit"), lambda m: m.unit),
            Column(self.tr("Community"), lambda m: m.community),
            Column(self.tr("Reported on"), lambda m: format_date(m.registered_on), sort_key=lambda m: m.registered_on),
            Column(self.tr("Services"), lambda m: str(m.records), RIGHT, sort_key=lambda m: m.records),
            Column(self.tr("Hours"), lambda m: _hours_text(m.hours), RIGHT, sort_key=lambda m: m.hours),
        ], self)
        self.members_view = QTableView()
        sort_proxy(self.members_model, self.members_view)
        setup_table(self.members_view, stretch_column=1)
        self.members_view.selectionModel().currentRowChanged.connect(self._member_chosen)

        self.name = QLineEdit(placeholderText=self.tr("Full name"))
        self.unit = QComboBox()
        self.community = QComboBox()
        self.reported_on = _date_edit()
        self.phone = QLineEdit()
        member_form = QFormLayout()
        member_form.addRow(self.tr("Name"), self.name)
        member_form.addRow(self.tr("Unit"), self.unit)
        member_form.addRow(self.tr("Community"), self.community)
        member_form.addRow(self.tr("Reported on"), self.reported_on)
        member_form.addRow(self.tr("Phone"), self.phone)
        self.add_member_button = QPushButton(self.tr("Add member"))
        self.add_member_button.clicked.connect(self.add_member)
        self.save_member_button = QPushButton(self.tr("Save changes"))
        self.save_member_button.clicked.connect(self.save_member)
        self.remove_member_button = QPushButton(self.tr("Remove member"))
        self.remove_member_button.clicked.connect(self.remove_member)
        member_buttons = QHBoxLayout()
        for button in (self.add_member_button, self.save_member_button, self.remove_member_button):
            member_buttons.addWidget(button)
        members_box = QGroupBox(self.tr("Serving party members reporting to their community"))
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.members_view, 1)
        members_layout.addLayout(member_form)
        members_layout.addLayout(member_buttons)

        self.records_heading = QLabel("", wordWrap=True)
        self.records_model = ColumnTableModel([
            Column(self.tr("Date"), lambda r: format_date(r.served_on), sort_key=lambda r: r.served_on),
            Column(self.tr("Hours"), lambda r: _hours_text(r.hours), RIGHT, sort_key=lambda r: r.hours),
            Column(self.tr("Activity"), lambda r: r.activity),
        ], self)
        self.records_view = QTableView()
        sort_proxy(self.records_model, self.records_view)
        setup_table(self.records_view, stretch_column=2)
        self.records_view.selectionModel().currentRowChanged.connect(self._record_chosen)
        self.served_on = _date_edit()
        self.hours = QDoubleSpinBox(minimum=0.5, maximum=dual.MAX_HOURS, singleStep=0.5, decimals=1, value=2.0)
        self.activity = QLineEdit(placeholderText=self.tr("What was done, e.g. 社区环境整治"))
        record_form = QFormLayout()
        record_form.addRow(self.tr("Date"), self.served_on)
        record_form.addRow(self.tr("Hours"), self.hours)
        record_form.addRow(self.tr("Activity"), self.activity)
        self.add_record_button = QPushButton(self.tr("Add service record"))
        self.add_record_button.clicked.connect(self.add_record)
        self.save_record_button = QPushButton(self.tr("Save record"))
        self.save_record_button.clicked.connect(self.save_record)
        self.remove_record_button = QPushButton(self.tr("Remove record"))
        self.remove_record_button.clicked.connect(self.remove_record)
        record_buttons = QHBoxLayout()
        for button in (self.add_record_button, self.save_record_button, self.remove_record_button):
            record_buttons.addWidget(button)
        records_box = QGroupBox(self.tr("Service records"))
        records_layout = QVBoxLayout(records_box)
        records_layout.addWidget(self.records_heading)
        records_layout.addWidget(self.records_view, 1)
        records_layout.addLayout(record_form)
        records_layout.addLayout(record_buttons)

        splitter = QSplitter()
        splitter.addWidget(members_box)
        splitter.addWidget(records_box)
        splitter.setSizes([640, 480])
        self.message = QLabel("", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._enable()

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        member_id = self._member_id

        def load(session: Session) -> DualData:
            members = dual.members(session)
            ids = [m.id for m in members]
            chosen = member_id if member_id in ids else (ids[0] if ids else None)
            return DualData(members, dual.service_records(session, chosen) if chosen is not None else [], chosen,
                            units_roster.unit_choices(session), units_roster.community_choices(session))

        DbOp(self, load).success(self.show_data).run()

    def show_data(self, data: DualData) -> None:
        self._data = data
        self._member_id = data.member_id
        _choices(self.unit, data.units)
        _choices(self.community, data.communities)
        self.members_model.set_rows(data.members)
        self.records_model.set_rows(data.records)
        if not data.members:
            self.summary.setText(self.tr("No party member has reported to a community yet; add them one by one "
                                         "below, or import the list."))
        else:
            hours = sum(m.hours for m in data.members)
            self.summary.setText(self.tr("%n party member(s) reported to their community, ", "", len(data.members))
                                 + self.tr("{0} hours of service in all.").format(_hours_text(hours)))
        self._select_member(data.member_id)
        self._enable()
        self.shown.emit()

    def _select_member(self, member_id: int | None) -> None:
        member = self._member(member_id)
        if member is None:
            self.records_heading.setText(self.tr("Choose a member to see and add their service records."))
            return
        proxy = self.members_view.model()
        for row in range(proxy.rowCount()):
            source = proxy.mapToSource(proxy.index(row, 0)).row()
            if self.members_model.record(source).id == member_id:
                self.members_view.selectionModel().blockSignals(True)
                self.members_view.setCurrentIndex(proxy.index(row, 0))
                self.members_view.selectionModel().blockSignals(False)
        self.records_heading.setText(self.tr("Service of {0} ({1})").format(member.name, member.unit))
        self.name.setText(member.name)
        self.unit.setCurrentIndex(max(0, self.unit.findData(member.unit_id)))
        self.community.setCurrentIndex(max(0, self.community.findData(member.community_id)))
        self.reported_on.setDate(QDate(member.registered_on))
        self.phone.setText(member.phone)

    def _member(self, member_id: int | None) -> dual.MemberRow | None:
        return next((m for m in (self._data.members if self._data else []) if m.id == member_id), None)

    def _member_chosen(self, current, _previous) -> None:  # noqa: ANN001 - Qt's indexes
        if not current.isValid():
            return
        row = self.members_view.model().mapToSource(current).row()
        self._member_id = self.members_model.record(row).id
        self.refresh()

    def _record_chosen(self, current, _previous) -> None:  # noqa: ANN001
        if not current.isValid():
            return
        record = self.records_model.record(self.records_view.model().mapToSource(current).row())
        self.served_on.setDate(QDate(record.served_on))
        self.hours.setValue(record.hours)
        self.activity.setText(record.activity)
        self._enable()

    def _record_id(self) -> int | None:
        index = self.records_view.currentIndex()
        if not index.isValid():
            return None
        return self.records_model.record(self.records_view.model().mapToSource(index).row()).id

    def _enable(self) -> None:
        has_choices = self.unit.count() > 0 and self.community.count() > 0
        chosen = self._member(self._member_id) is not None
        self.add_member_button.setEnabled(has_choices)
        self.save_member_button.setEnabled(has_choices and chosen)
        self.remove_member_button.setEnabled(chosen)
        self.add_record_button.setEnabled(chosen)
        self.save_record_button.setEnabled(chosen and self._record_id() is not None)
        self.remove_record_button.setEnabled(chosen and self._record_id() is not None)
        if not has_choices and self._data is not None:
            self.message.setText(self.tr("Add the units and the street's communities first: a member reports "
                                         "from a unit to a community."))

    # ------------------------------------------------------------------ writes

    def _member_values(self) -> dict:
        return {"name": self.name.text(), "unit_id": self.unit.currentData(),
                "community_id": self.community.currentData(), "registered_on": self.reported_on.date().toPython(),
                "phone": self.phone.text()}

    def _record_values(self) -> dict:
        return {"served_on": self.served_on.date().toPython(), "hours": self.hours.value(),
                "activity": self.activity.text()}

    def add_member(self) -> None:
        values = self._member_values()
        self._write(lambda s: dual.add_member(s, **values), self.tr("The member was added."), select_result=True)

    def save_member(self) -> None:
        member = self._member(self._member_id)
        if member is not None:
            values = self._member_values()
            self._write(lambda s: dual.update_member(s, member.id, member.version, **values),
                        self.tr("The member's details were saved."))

    def remove_member(self) -> None:
        member_id = self._member_id
        if member_id is not None:
            self._member_id = None
            self._write(lambda s: dual.remove_member(s, member_id),
                        self.tr("The member and their service records were removed."))

    def add_record(self) -> None:
        member_id, values = self._member_id, self._record_values()
        if member_id is not None:
            self._write(lambda s: dual.add_record(s, member_id=member_id, **values),
                        self.tr("The service record was added."))

    def save_record(self) -> None:
        record_id, values = self._record_id(), self._record_values()
        if record_id is not None:
            self._write(lambda s: dual.update_record(s, record_id, **values), self.tr("The service record was saved."))

    def remove_record(self) -> None:
        record_id = self._record_id()
        if record_id is not None:
            self._write(lambda s: dual.remove_record(s, record_id), self.tr("The service record was removed."))

    def _write(self, fn, done: str, *, select_result: bool = False) -> None:  # noqa: ANN001 - fn(session)
        def succeeded(result: object) -> None:
            if select_result and isinstance(result, int):
                self._member_id = result
            self._say(done, "#1B7F3B")
            self.refresh()

        DbWrite(self, fn).success(succeeded).failure(lambda error: self._say(self.describe(error), "#C62828")).run()

    def _say(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text)

    def describe(self, error: Exception) -> str:
        if isinstance(error, InputError) and error.code == "bad_hours":
            return self.tr("Hours of service must be more than 0 and at most 24.")
        if isinstance(error, InputError) and error.code == "in_future":
            return self.tr("The date {0} is after today; enter a day that has passed.").format(
                format_date(error.details["date"]))
        if isinstance(error, InputError) and error.code == "duplicate":
            return self.tr("This member of that unit is already on the list; edit the existing entry instead.")
        return describe(error)

