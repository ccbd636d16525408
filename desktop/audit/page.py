"""The audit trail (操作记录): who changed what, when, old → new; per record and per person; to xlsx."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.core import audit
from desktop.core.dbop import Changes, DbOp
from desktop.core.formatting import format_count, format_datetime
from desktop.core.messages import describe
from desktop.core.page import Page
from widgets.column_table import Column, ColumnTableModel

ROW_LIMIT = 1000


@dataclass(frozen=True)
class AuditData:
    rows: pd.DataFrame
    people: list[str]
    tables: list[str]
    total: int


def table_names() -> dict[str, str]:
    """Every table's record kind, as people call it."""
    return {
        "agenda_item": QCoreApplication.translate("AuditPage", "Agenda item"),
        "agenda_item_case": QCoreApplication.translate("AuditPage", "Case on an agenda item"),
        "agreement_item": QCoreApplication.translate("AuditPage", "Agreement item"),
        "agreement_progress": QCoreApplication.translate("AuditPage", "Agreement item progress"),
        "annual_agreement": QCoreApplication.translate("AuditPage", "Annual agreement"),
        "app_user": QCoreApplication.translate("AuditPage", "User"),
        "attendance": QCoreApplication.translate("AuditPage", "Sign-in"),
        "case_category": QCoreApplication.translate("AuditPage", "Case category"),
        "case_event": QCoreApplication.translate("AuditPage", "Case handling record"),
        "case_summary": QCoreApplication.translate("AuditPage", "Case summary figures"),
        "case_summary_level": QCoreApplication.translate("AuditPage", "Case summary level"),
        "case_transition": QCoreApplication.translate("AuditPage", "Case workflow step"),
        "committee_member": QCoreApplication.translate("AuditPage", "Committee member"),
        "committee_term": QCoreApplication.translate("AuditPage", "Committee term"),
        "community": QCoreApplication.translate("AuditPage", "Community"),
        "dual_reporting": QCoreApplication.translate("AuditPage", "Dual reporting"),
        "grid": QCoreApplication.translate("AuditPage", "Grid"),
        "grid_case": QCoreApplication.translate("AuditPage", "Grid case"),
        "grid_worker": QCoreApplication.translate("AuditPage", "Grid worker"),
        "handling_unit": QCoreApplication.translate("AuditPage", "Handling unit"),
        "import_profile": QCoreApplication.translate("AuditPage", "Import template"),
        "import_run": QCoreApplication.translate("AuditPage", "Import run"),
        "liaison": QCoreApplication.translate("AuditPage", "Liaison"),
        "meeting": QCoreApplication.translate("AuditPage", "Meeting"),
        "meeting_kind_default": QCoreApplication.translate("AuditPage", "Meeting kind defaults"),
        "meeting_body": QCoreApplication.translate("AuditPage", "Meeting bodies"),
        "meeting_body_member": QCoreApplication.translate("AuditPage", "Meeting body members"),
        "meeting_room_state": QCoreApplication.translate("AuditPage", "Meeting room state"),
        "member_unit": QCoreApplication.translate("AuditPage", "Member unit"),
        "minutes": QCoreApplication.translate("AuditPage", "Minutes"),
        "minutes_chain_head": QCoreApplication.translate("AuditPage", "Signed end of the minutes chain"),
        "minutes_revision": QCoreApplication.translate("AuditPage", "Minutes revision"),
        "need": QCoreApplication.translate("AuditPage", "Need"),
        "pairing": QCoreApplication.translate("AuditPage", "Pairing"),
        "pairing_label": QCoreApplication.translate("AuditPage", "Pairing label"),
        "project": QCoreApplication.translate("AuditPage", "Project"),
        "project_claim": QCoreApplication.translate("AuditPage", "Project claim"),
        "quorum_rule": QCoreApplication.translate("AuditPage", "Quorum rule"),
        "resident_unit": QCoreApplication.translate("AuditPage", "Resident unit"),
        "resolution": QCoreApplication.translate("AuditPage", "Resolution"),
        "resolution_agreement_item": QCoreApplication.translate("AuditPage", "Agreement item of a resolution"),
        "resolution_case": QCoreApplication.translate("AuditPage", "Case of a resolution"),
        "resolution_co_unit": QCoreApplication.translate("AuditPage", "Co-responsible unit of a resolution"),
        "resource": QCoreApplication.translate("AuditPage", "Resource"),
        "resource_use": QCoreApplication.translate("AuditPage", "Resource use"),
        "score_scheme": QCoreApplication.translate("AuditPage", "Scoring scheme"),
        "score_weight": QCoreApplication.translate("AuditPage", "Scoring weight"),
        "service_record": QCoreApplication.translate("AuditPage", "Service record"),
        "serving_party_member": QCoreApplication.translate("AuditPage", "Serving party member"),
        "signing_key": QCoreApplication.translate("AuditPage", "Signing key"),
        "street_office": QCoreApplication.translate("AuditPage", "Street office"),
        "task": QCoreApplication.translate("AuditPage", "Task"),
        "task_update": QCoreApplication.translate("AuditPage", "Task feedback"),
        "topic_proposal": QCoreApplication.translate("AuditPage", "Topic proposal"),
    }


def table_name(table: str) -> str:
    return table_names().get(table, table)


def action_names() -> dict[str, str]:
    """Every action the audit trail records (plain and domain verbs), as people call it."""
    return {
        "insert": QCoreApplication.translate("AuditPage", "Added"),
        "update": QCoreApplication.translate("AuditPage", "Changed"),
        "delete": QCoreApplication.translate("AuditPage", "Deleted"),
        "overwrite": QCoreApplication.translate("AuditPage", "Saved over a newer version"),
        "bulk_insert": QCoreApplication.translate("AuditPage", "Bulk load"),
        "bulk_update": QCoreApplication.translate("AuditPage", "Bulk change"),
        "bulk_delete": QCoreApplication.translate("AuditPage", "Bulk delete"),
        "file": QCoreApplication.translate("AuditPage", "Case filed"),
        "reject": QCoreApplication.translate("AuditPage", "Report voided"),
        "dispatch": QCoreApplication.translate("AuditPage", "Case dispatched"),
        "accept": QCoreApplication.translate("AuditPage", "Case accepted"),
        "return": QCoreApplication.translate("AuditPage", "Returned for re-dispatch"),
        "hold": QCoreApplication.translate("AuditPage", "Put on hold"),
        "resume": QCoreApplication.translate("AuditPage", "Handling resumed"),
        "extend": QCoreApplication.translate("AuditPage", "Deadline extended"),
        "report_done": QCoreApplication.translate("AuditPage", "Reported done"),
        "check_fail": QCoreApplication.translate("AuditPage", "Check failed"),
        "check_pass": QCoreApplication.translate("AuditPage", "Check passed"),
        "return_visit": QCoreApplication.translate("AuditPage", "Return visit"),
        "unsatisfied": QCoreApplication.translate("AuditPage", "Unsatisfied: redo"),
        "supervise": QCoreApplication.translate("AuditPage", "Put under supervision"),
        "unsupervise": QCoreApplication.translate("AuditPage", "Supervision lifted"),
        "lock_agenda": QCoreApplication.translate("AuditPage", "Agenda locked"),
        "unlock_agenda": QCoreApplication.translate("AuditPage", "Agenda unlocked"),
        "reorder_agenda": QCoreApplication.translate("AuditPage", "Agenda reordered"),
        "accept_proposal": QCoreApplication.translate("AuditPage", "Proposal put on the agenda"),
        "defer_proposal": QCoreApplication.translate("AuditPage", "Proposal deferred"),
        "reject_proposal": QCoreApplication.translate("AuditPage", "Proposal rejected"),
        "start": QCoreApplication.translate("AuditPage", "Meeting started"),
        "sign_in": QCoreApplication.translate("AuditPage", "Signed in"),
        "claim": QCoreApplication.translate("AuditPage", "Project claimed"),
        "deliver": QCoreApplication.translate("AuditPage", "Delivery reported"),
        "weights": QCoreApplication.translate("AuditPage", "Scoring weights set"),
        "progress": QCoreApplication.translate("AuditPage", "Progress recorded"),
        "import": QCoreApplication.translate("AuditPage", "Imported"),
    }


def action_name(action: str) -> str:
    return action_names().get(action, action)


class AuditPage(Page):
    key = "audit"
    tables = ("audit_log",)

    def title(self) -> str:
        return self.tr("Audit trail")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._table_filter = QComboBox()
        self._row_filter = QLineEdit(placeholderText=self.tr("Record no."), maximumWidth=120)
        self._person_filter = QComboBox()
        self._export = QPushButton(self.tr("Export to Excel…"))
        self._count = QLabel("", objectName="pageSubtitle")
        self._status = QLabel("")
        self._table_filter.addItem(self.tr("All kinds of record"), "")
        self._person_filter.addItem(self.tr("Everyone"), "")
        self._table_filter.currentIndexChanged.connect(self.refresh)
        self._person_filter.currentIndexChanged.connect(self.refresh)
        self._row_filter.editingFinished.connect(self.refresh)
        self._export.clicked.connect(self.export)

        headers = [self.tr("When"), self.tr("Who"), self.tr("Record"), self.tr("No."), self.tr("Action"),
                   self.tr("Old values"), self.tr("New values")]
        self.model = ColumnTableModel([  # a row is its cells' texts; the values' full text is the tooltip
            Column(header, lambda cells, i=i: cells[i], tooltip=(lambda cells, i=i: cells[i]) if i >= 5 else None)
            for i, header in enumerate(headers)
        ], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Record:")))
        bar.addWidget(self._table_filter)
        bar.addWidget(self._row_filter)
        bar.addWidget(QLabel(self.tr("Person:")))
        bar.addWidget(self._person_filter)
        bar.addStretch(1)
        bar.addWidget(self._status)
        bar.addWidget(self._export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(QLabel(self.title(), objectName="pageTitle"))
        layout.addWidget(self._count)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    # ------------------------------------------------------------------ filters

    def filters(self) -> dict[str, Any]:
        row_text = self._row_filter.text().strip()
        return {
            "table": self._table_filter.currentData() or None,
            "row_id": int(row_text) if row_text.isdigit() else None,
            "username": self._person_filter.currentData() or None,
        }

    def show_record(self, table: str, row_id: int) -> None:
        """Filter to one record (a "history" action elsewhere can call this)."""
        self._row_filter.setText(str(row_id))
        at = self._table_filter.findData(table)
        if at < 0:
            self._table_filter.addItem(table_name(table), table)
            at = self._table_filter.count() - 1
        self._table_filter.setCurrentIndex(at)
        self.refresh()

    # ------------------------------------------------------------------ data

    def load(self, session: Session) -> AuditData:
        """Runs on the DB worker: reads the filters captured by :meth:`refresh`, never the widgets."""
        f = self._loading_filters
        return AuditData(audit.audit_trail(session, limit=ROW_LIMIT, **f), audit.audit_people(session),
                         audit.audit_tables(session), audit.audit_count(session))

    def refresh(self) -> None:
        if not hasattr(self, "model"):
            return
        self._loading_filters = self.filters()  # widgets are read here, on the GUI thread
        super().refresh()

    def shows(self, changes: Changes) -> bool:
        return bool(changes.tables)  # every write is audited

    def show_data(self, data: AuditData) -> None:
        self._fill_combo(self._table_filter, data.tables, table_name)
        self._fill_combo(self._person_filter, data.people, str)
        shown_rows = []
        for row in data.rows.itertuples(index=False):
            at = row.at if isinstance(row.at, dt.datetime) else None
            cells = [
                format_datetime(at) if at else "",
                row.username or "",
                table_name(row.table_name),
                "" if pd.isna(row.row_id) else str(int(row.row_id)),
                action_name(row.action),
                audit.describe_values(row.old_values),
                audit.describe_values(row.new_values),
            ]
            shown_rows.append(tuple(cells))
        self.model.set_rows(shown_rows)
        for column in range(5):
            self.view.resizeColumnToContents(column)
        shown = len(data.rows)
        self._count.setText(self.tr("{0} changes recorded; showing the newest {1} that match.").format(
            format_count(data.total), format_count(shown)))

    def _fill_combo(self, combo: QComboBox, values: list[str], label: Any) -> None:
        current = combo.currentData()
        known = {combo.itemData(i) for i in range(combo.count())}
        combo.blockSignals(True)
        for value in values:
            if value not in known:
                combo.addItem(label(value), value)
        at = combo.findData(current)
        combo.setCurrentIndex(max(0, at))
        combo.blockSignals(False)

    # ------------------------------------------------------------------ export

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit trail"), "audit.xlsx",
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        headers = [self.tr("When"), self.tr("Who"), self.tr("Record"), self.tr("No."), self.tr("Action"),
                   self.tr("Old values"), self.tr("New values")]
        f = self.filters()

        def done(count: int) -> None:
            self._status.setText(self.tr("Exported {0} rows to {1}.").format(format_count(count), path.name))

        def failed(error: Exception) -> None:
            if isinstance(error, OSError):
                self._status.setText(self.tr("Cannot write {0}; choose a folder you can write to.").format(path))
            else:
                self._status.setText(describe(error))

        labels = {"table_labels": table_names(), "action_labels": action_names()}  # translated here, on the GUI thread
        DbOp(self, lambda s: audit.export_audit_xlsx(s, path, headers, **labels, **f)).success(done).failure(failed).run()
