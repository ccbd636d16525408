"""基础信息: the street's own bodies after set-up, one tab per sheet of the set-up workbook.

Each tab edits its body as a table (grids with their codes, 综合网格员, the current committee's
members …); 保存本表 checks the tab with the set-up rules on the DB worker and writes it: records
keep their version (an edit saved meanwhile by someone else is refused, see ``save_versioned``) and
the audit trail records every change. The committee tab starts a new term (members carried over or
not) and records a member's leaving.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.street import queries, services
from db.street.services import SetupRejected
from db.street.setup import SHEETS, save_body
from desktop.core.dbop import DbWrite
from desktop.core.formatting import date_edit_format, format_date
from desktop.core.messages import describe
from desktop.core.page import Page
from desktop.street.body_table import BodyTable
from desktop.street.texts import body_label, describe_reject
from desktop.street.wizard import SetupWizard

TABLES = ("street_office", "community", "grid", "grid_worker", "committee_term", "committee_member", "member_unit",
          "resident_unit", "handling_unit", "case_category", "app_user")


class NewTermDialog(QDialog):
    """The number and first day of the new term; whether the members carry over."""

    def __init__(self, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a new committee term"))
        self.number = QSpinBox(minimum=1, maximum=999, value=number)
        self.start = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.start.setDisplayFormat(date_edit_format())
        self.carry = QCheckBox(self.tr("Carry the members over (those who have not left)"), checked=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Term number"), self.number)
        form.addRow(self.tr("First day"), self.start)
        form.addRow(self.carry)
        form.addRow(buttons)


class LeaveDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("{0} leaves the committee").format(name))
        self.day = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.day.setDisplayFormat(date_edit_format())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Last day on the committee"), self.day)
        form.addRow(buttons)


class StreetPage(Page):
    key = "street"
    tables = TABLES

    def title(self) -> str:
        return self.tr("Street")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(self.title(), objectName="pageTitle")
        self.subtitle = QLabel("", objectName="pageSubtitle", wordWrap=True)
        self.tabs = QTabWidget()
        self.bodies: dict[str, BodyTable] = {}
        for sheet in SHEETS:
            # a new term is started on the members' tab (members carried over or not), not by retyping its number
            table = BodyTable(sheet, self, with_buttons=sheet.body != "street", fixed=("term_number",))
            table.kept_saved.connect(self._kept)
            self.bodies[sheet.body] = table
            label = body_label(sheet.body) if sheet.body != "street" else self.tr("Street and term")
            self.tabs.addTab(table, label)
        self.save_button = QPushButton(self.tr("Save this tab"))
        self.save_button.clicked.connect(self.save_current)
        self.reload_button = QPushButton(self.tr("Discard changes"))
        self.reload_button.clicked.connect(self.refresh)
        self.leave_button = QPushButton(self.tr("Member leaves…"))
        self.leave_button.clicked.connect(self._ask_leave)
        self.term_button = QPushButton(self.tr("Start a new term…"))
        self.term_button.clicked.connect(self._ask_term)
        self.remove_worker_button = QPushButton(self.tr("Remove the selected grid worker"))
        self.remove_worker_button.clicked.connect(self._remove_worker)
        self.wizard_button = QPushButton(self.tr("Set-up assistant…"))
        self.wizard_button.clicked.connect(self._open_wizard)
        self.wizard_button.hide()
        self.status = QLabel("", wordWrap=True)
        self.tabs.currentChanged.connect(self._tab_changed)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.reload_button, self.leave_button, self.term_button, self.remove_worker_button,
                  self.wizard_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._data: dict[str, queries.BodyCells] = {}
        self._next_term = 1
        self._tab_changed(0)

    def load(self, session: Session) -> tuple[dict[str, queries.BodyCells], list[queries.TermInfo]]:
        return queries.street_bodies(session), queries.terms(session)

    def show_data(self, data: tuple[dict[str, queries.BodyCells], list[queries.TermInfo]]) -> None:
        self._data, terms = data
        has_street = bool(self._data.get("street"))
        for body, table in self.bodies.items():
            cells = self._data.get(body)
            table.set_cells(cells.cells if cells else [], cells.ids if cells else [])
            if body == "street" and not has_street:
                table.add_row()  # the one row to fill in
            if cells and body == "members":
                for r, note in enumerate(cells.notes):
                    if note:
                        table.table.item(r, 0).setToolTip(self.tr("Left on {0}").format(
                            format_date(dt.date.fromisoformat(note))))
                        table.table.item(r, 0).setText(self.tr("{0} (left)").format(cells.cells[r][0]))
        current = next((t for t in terms if t.is_current), terms[0] if terms else None)
        self.wizard_button.setVisible(not has_street)
        if not has_street:
            self.subtitle.setText(self.tr("The street has not been set up yet: use the set-up assistant, or fill in "
                                          "the first tab and save it."))
        elif current is None:
            self.subtitle.setText(self.tr("No committee term yet: fill in the term on the first tab and save it."))
        else:
            self.subtitle.setText(self.tr("Current committee term: term {0}, since {1}. Grid codes: street code + "
                                          "community number + grid number.").format(
                current.number, format_date(current.started_on)))
        self._next_term = (current.number + 1) if current else 1

    def _kept(self, count: int) -> None:
        self.status.setText(self.tr("%n saved record(s) stay: change them in place; a member who leaves is marked "
                                    "with “Member leaves”.", "", count))

    def _open_wizard(self) -> None:
        wizard = SetupWizard(self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.show()

    def _tab_changed(self, _index: int) -> None:
        body = self.current_body()
        self.leave_button.setVisible(body == "members")
        self.term_button.setVisible(body == "members")
        self.remove_worker_button.setVisible(body == "workers")

    def current_body(self) -> str:
        return list(self.bodies)[self.tabs.currentIndex()]

    def save_current(self) -> None:
        body = self.current_body()
        table = self.bodies[body]
        cells = table.cells()
        ids = table.ids()
        if body == "members":  # "(left)" is a mark of the page, not part of the name
            left = {r for r, note in enumerate(self._data.get("members", queries.BodyCells([], [], [])).notes) if note}
            cells = [[self._data["members"].cells[r][0], *row[1:]] if r in left else row for r, row in enumerate(cells)]
        self.status.setText(self.tr("Saving…"))
        DbWrite(self, lambda s: save_body(s, body, cells, ids)).success(self._saved).failure(self._refused).run()

    def _saved(self, outcome: services.SetupOutcome) -> None:
        changed = sum(i + u for i, u, _ in outcome.counts.values())
        self.status.setText(self.tr("Saved: {0} records changed.").format(changed))

    def _refused(self, error: Exception) -> None:
        if isinstance(error, SetupRejected):
            lines = [describe_reject(r) for r in error.rejects[:8]]
            self.status.setText(self.tr("Nothing was saved; correct these rows: {0}").format("；".join(lines)))
        else:
            self.status.setText(describe(error))

    def _selected_row(self, body: str) -> int | None:
        rows = {i.row() for i in self.bodies[body].table.selectedIndexes()}
        return min(rows) if rows else None

    def _ask_leave(self) -> None:
        r = self._selected_row("members")
        if r is None:
            self.status.setText(self.tr("Select the member who leaves first."))
            return
        dialog = LeaveDialog(self.bodies["members"].cells()[r][0], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.member_leaves(dialog.day.date().toPython())

    def member_leaves(self, day: dt.date) -> None:
        r = self._selected_row("members")
        if r is None:
            return
        member_id, version = self.bodies["members"].record(r)
        if member_id is None:
            self.status.setText(self.tr("Save the new member first."))
            return
        DbWrite(self, lambda s: services.member_leaves(s, member_id, version, day)).success(
            lambda _v: self.status.setText(self.tr("Recorded."))).failure(self._refused).run()

    def _ask_term(self) -> None:
        dialog = NewTermDialog(self._next_term, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_term(dialog.number.value(), dialog.start.date().toPython(), dialog.carry.isChecked())

    def start_term(self, number: int, day: dt.date, carry: bool) -> None:
        DbWrite(self, lambda s: services.start_term(s, number, day, carry_members=carry)).success(
            lambda _id: self.status.setText(self.tr("Term {0} starts on {1}.").format(number, format_date(day)))
        ).failure(self._refused).run()

    def _remove_worker(self) -> None:
        r = self._selected_row("workers")
        worker_id = self.bodies["workers"].record(r)[0] if r is not None else None
        if worker_id is None:
            self.bodies["workers"].remove_selected()
            return
        DbWrite(self, lambda s: services.remove_grid_worker(s, worker_id)).failure(self._refused).run()
