"""决议督办: every resolution and task, progress updates, traceability, and the minutes.

Left: the ledger (resolutions with their tasks beneath) with filters; overdue rows are tinted and
marked in words. Right, for the selected row: a progress form, the resolution's traceability
(meeting → cases and agreement items → progress → verifying meeting), and the meeting's minutes
with approve / amend / export buttons (that tab is :mod:`desktop.meetings.minutes_panel`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.core import clock
from db.core.versioning import ConflictError, merge3
from db.meetings import minutes as minutes_db
from db.resolutions import export as res_db_export
from db.resolutions import ledger as res_db_ledger
from db.resolutions import progress as res_db
from db.resolutions import trace as res_db_trace
from db.sync.edits import Edit
from desktop.core.colours import OVERDUE_BACKGROUND, OVERDUE_TEXT
from desktop.core.dbop import DbOp, DbWrite
from desktop.core.formatting import format_date, format_datetime
from desktop.core.messages import describe
from desktop.core.page import Page
from desktop.core.pdf import preview_paper, write_paper_pdf
from desktop.core.tables import compact_combos
from desktop.meetings.minutes_panel import _MinutesPanel
from desktop.resolutions.texts import status_label
from widgets.column_table import Column, ColumnTableModel
from widgets.conflict_dialog import ConflictDialog

INDEX = QModelIndex | QPersistentModelIndex


# --------------------------------------------------------------------------- the ledger model


class LedgerModel(ColumnTableModel):
    """Rows of :func:`db.resolutions.ledger`; tasks sit under their resolution, indented, resolutions
    in bold; an overdue row on the overdue background, its status and deadline in the overdue colour."""

    def __init__(self, parent: QWidget | None = None):
        def column(header: str, text: Callable[[res_db_ledger.LedgerRow], str], **how: Any) -> Column:
            return Column(header, text, background=lambda r: OVERDUE_BACKGROUND if r.overdue else None, **how)

        def overdue_text(row: res_db_ledger.LedgerRow) -> QColor | None:
            return OVERDUE_TEXT if row.overdue else None

        right = Qt.AlignmentFlag.AlignRight
        super().__init__([
            column(self.tr("No."), lambda r: r.number, align=right),
            column(self.tr("Resolution / task"), lambda r: r.text if r.kind == "resolution" else "    " + r.text,
                   tooltip=lambda r: r.text),
            column(self.tr("Status"), self._status, foreground=overdue_text),
            column(self.tr("Deadline"), lambda r: format_date(r.deadline), foreground=overdue_text),
            column(self.tr("Progress"), lambda r: "—" if r.progress_pct is None else f"{r.progress_pct}%", align=right),
            column(self.tr("Owner unit"), lambda r: r.owner_unit),
            column(self.tr("Last update"), lambda r: format_datetime(r.last_update) if r.last_update else "—"),
            column(self.tr("Meeting"), lambda r: r.meeting_title),
        ], parent)

    def _status(self, row: res_db_ledger.LedgerRow) -> str:
        label = status_label(row.status)
        return self.tr("Overdue · {0}").format(label) if row.overdue else label

    def data(self, index: INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.UserRole) and index.isValid() \
                and 0 <= index.row() < self.rowCount():
            row = self.record(index.row())
            if role == Qt.ItemDataRole.UserRole:
                return row.resolution_id
            if row.kind == "resolution":
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)


class LedgerFilter(QSortFilterProxyModel):
    """Status, owner unit, overdue only, meeting."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = ""
        self.owner_unit_id: int | None = None
        self.meeting_id: int | None = None
        self.overdue_only = False

    def set_filters(self, *, status: str, owner_unit_id: int | None, meeting_id: int | None, overdue_only: bool) -> None:
        if not hasattr(self, "endFilterChange"):  # Qt 6.9 (the glibc 2.28 wheels) lacks the filter-change pair
            self.status, self.owner_unit_id, self.meeting_id, self.overdue_only = (
                status, owner_unit_id, meeting_id, overdue_only)
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self.status, self.owner_unit_id, self.meeting_id, self.overdue_only = status, owner_unit_id, meeting_id, overdue_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: INDEX) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        assert isinstance(model, LedgerModel)
        row = model.record(source_row)
        if self.status and row.status != self.status:
            return False
        if self.owner_unit_id is not None and row.owner_unit_id != self.owner_unit_id:
            return False
        if self.meeting_id is not None and row.meeting_id != self.meeting_id:
            return False
        return not (self.overdue_only and not row.overdue)


# --------------------------------------------------------------------------- data the page loads


@dataclass(frozen=True)
class Option:
    id: int
    label: str


@dataclass(frozen=True)
class ResolutionsData:
    today: dt.date
    rows: list[res_db_ledger.LedgerRow]
    units: list[Option]
    meetings: list[Option]  # newest first
    minutes_meetings: list[Option]  # meetings that have (or can draft) minutes


def load_resolutions(session: Session, today: dt.date | None = None) -> ResolutionsData:
    today = today or clock.today()
    rows = res_db_ledger.ledger(session, today)
    units = [Option(uid, name) for uid, name in res_db_ledger.unit_names(session, {r.owner_unit_id for r in rows})]
    meetings = res_db_ledger.meeting_choices(session)
    with_resolutions = {r.meeting_id for r in rows}
    return ResolutionsData(
        today,
        rows,
        units,
        [Option(m.id, f"{m.title}（{format_date(m.starts_at.date())}）") for m in meetings if m.id in with_resolutions],
        [
            Option(m.id, f"{m.title}（{format_date(m.starts_at.date())}）")
            for m in meetings
            if m.status in ("agenda_locked", "in_progress", "closed", "approved")
        ],
    )


# --------------------------------------------------------------------------- the page


class ResolutionsPage(_MinutesPanel, Page):
    key = "resolutions"
    tables = ("resolution", "task", "task_update", "minutes", "minutes_revision", "meeting", "grid_case",
              "resolution_case")

    message_shown = Signal(str)  # a sentence for the user (errors and confirmations)

    def title(self) -> str:
        return self.tr("Resolutions")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._data: ResolutionsData | None = None
        self._selected: res_db_ledger.LedgerRow | None = None
        self._record: minutes_db.MinutesRecord | None = None
        self._minutes_meeting: int | None = None
        #: the side-by-side dialog of a progress save that met a newer version (while it is open)
        self.conflict_dialog: ConflictDialog | None = None

        heading = QLabel(self.title(), objectName="pageTitle")
        self.summary = QLabel("", objectName="pageSubtitle")

        # filters
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), "")
        for code in ("open", "in_progress", "ready_to_verify", "done", "cancelled"):
            self.status_filter.addItem(status_label(code), code)
        self.unit_filter = QComboBox()
        self.meeting_filter = QComboBox()
        self.overdue_filter = QCheckBox(self.tr("Overdue only"))
        self.export_ledger_button = QPushButton(self.tr("Export ledger…"))
        for combo in (self.status_filter, self.unit_filter, self.meeting_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        compact_combos(self.status_filter, self.unit_filter, self.meeting_filter)
        self.overdue_filter.toggled.connect(self._apply_filters)
        self.export_ledger_button.clicked.connect(self._ask_export_ledger)
        self.print_ledger_button = QPushButton(self.tr("Print preview…"))
        self.print_ledger_button.clicked.connect(self.preview_ledger)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Status")))
        filters.addWidget(self.status_filter)
        filters.addWidget(QLabel(self.tr("Owner unit")))
        filters.addWidget(self.unit_filter, 1)
        filters.addWidget(QLabel(self.tr("Meeting")))
        filters.addWidget(self.meeting_filter, 1)
        filters.addWidget(self.overdue_filter)
        filters.addWidget(self.export_ledger_button)
        filters.addWidget(self.print_ledger_button)

        # the ledger
        self.model = LedgerModel(self)
        self.proxy = LedgerFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 48), (1, 300), (2, 118), (3, 132), (4, 64), (5, 190), (6, 150), (7, 220)):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        # the panels
        self.tabs = QTabWidget()
        self.tabs.addTab(self._progress_panel(), self.tr("Progress"))
        self.tabs.addTab(self._trace_panel(), self.tr("Traceability"))
        self.tabs.addTab(self._minutes_panel(), self.tr("Meeting minutes"))

        self.message = QLabel("", objectName="pageMessage")
        self.message.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([980, 380])
        self.tabs.setMinimumWidth(360)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    # ------------------------------------------------------------------ panels

    def _progress_panel(self) -> QWidget:
        panel = QWidget()
        outer = QVBoxLayout(panel)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.task_label = QLabel(self.tr("Select a task in the list."))
        self.task_label.setWordWrap(True)
        self.progress_input = QSpinBox()
        self.progress_input.setRange(0, 100)
        self.progress_input.setSuffix(" %")
        self.note_input = QPlainTextEdit()
        self.note_input.setPlaceholderText(self.tr("What was done since the last update"))
        self.note_input.setFixedHeight(80)
        self.reason_input = QLineEdit()
        self.reason_input.setPlaceholderText(self.tr("Required when the deadline has passed"))
        self.save_progress_button = QPushButton(self.tr("Save progress"))
        self.save_progress_button.clicked.connect(self.save_progress)
        form.addRow(self.task_label)
        form.addRow(self.tr("Progress"), self.progress_input)
        form.addRow(self.tr("Note"), self.note_input)
        form.addRow(self.tr("Reason for delay"), self.reason_input)
        form.addRow(self.save_progress_button)
        self._set_progress_enabled(False)
        return panel

    def _trace_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.trace_view = QTextBrowser()
        self.verify_meeting = QComboBox()
        self.verify_button = QPushButton(self.tr("Verified at this meeting"))
        self.verify_button.clicked.connect(self.verify_selected)
        row = QHBoxLayout()
        row.addWidget(self.verify_meeting, 1)
        row.addWidget(self.verify_button)
        layout.addWidget(self.trace_view, 1)
        layout.addLayout(row)
        self.verify_button.setEnabled(False)
        return panel

    # ------------------------------------------------------------------ loading

    def load(self, session: Session) -> ResolutionsData:
        return load_resolutions(session)

    def show_data(self, data: ResolutionsData) -> None:
        self._data = data
        keep = self._selected
        self.model.set_rows(data.rows)
        self._refill(self.unit_filter, self.tr("All owner units"), data.units)
        self._refill(self.meeting_filter, self.tr("All meetings"), data.meetings)
        self._refill(self.minutes_meeting, None, data.minutes_meetings, keep_id=self._minutes_meeting)
        resolutions = [r for r in data.rows if r.kind == "resolution"]
        self.summary.setText(
            self.tr("{0} resolutions, {1} open, {2} overdue, {3} ready to verify · as of {4}").format(
                len(resolutions),
                sum(r.status in ("open", "in_progress", "ready_to_verify") for r in resolutions),
                sum(r.overdue for r in resolutions),
                sum(r.status == "ready_to_verify" for r in resolutions),
                format_date(data.today),
            )
        )
        if keep is not None:
            self.select_row(keep.resolution_id, keep.task_id)
        elif self.proxy.rowCount():
            self._select_proxy_row(0)
        elif not data.rows:
            self.task_label.setText(self.tr("No resolution has been recorded yet; the resolutions of a meeting are "
                                            "followed up here."))
        if self.minutes_meeting.count() and self._minutes_meeting is None:
            self._minutes_meeting_changed()
        elif self._minutes_meeting is not None:
            self._load_minutes(self._minutes_meeting)

    @staticmethod
    def _refill(combo: QComboBox, all_label: str | None, options: list[Option], keep_id: int | None = None) -> None:
        current = keep_id if keep_id is not None else combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if all_label is not None:
            combo.addItem(all_label, None)
        for option in options:
            combo.addItem(option.label, option.id)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            status=self.status_filter.currentData() or "",
            owner_unit_id=self.unit_filter.currentData(),
            meeting_id=self.meeting_filter.currentData(),
            overdue_only=self.overdue_filter.isChecked(),
        )

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message_shown.emit(text)

    def _fail(self, error: Exception) -> None:
        self.say(describe(error))

    # ------------------------------------------------------------------ selection

    def select_row(self, resolution_id: int, task_id: int | None = None) -> bool:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            item = self.model.record(source.row())
            if item.resolution_id == resolution_id and item.task_id == task_id:
                self._select_proxy_row(row)
                return True
        return False

    def _select_proxy_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.proxy.index(row, 0))
        self._row_changed(self.proxy.index(row, 0))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if not current.isValid():
            return
        row = self.model.record(self.proxy.mapToSource(current).row())
        changed = self._selected is None or (self._selected.resolution_id, self._selected.task_id) != (
            row.resolution_id, row.task_id)
        self._selected = row
        self._show_task(row, reset=changed)
        if changed:
            self._load_trace(row.resolution_id)
            if self._minutes_meeting != row.meeting_id and self.minutes_meeting.findData(row.meeting_id) >= 0:
                self.minutes_meeting.setCurrentIndex(self.minutes_meeting.findData(row.meeting_id))

    def _show_task(self, row: res_db_ledger.LedgerRow, reset: bool) -> None:
        if row.kind != "task":
            self.task_label.setText(self.tr("Resolution {0}: choose one of its tasks to report progress.").format(row.number))
            self._set_progress_enabled(False)
            return
        overdue = self.tr(" — overdue since {0}").format(format_date(row.deadline)) if row.overdue else ""
        self.task_label.setText(
            self.tr("Task {0}: {1} ({2}, due {3}){4}").format(
                row.number, row.text, row.owner_unit, format_date(row.deadline), overdue)
        )
        closed = row.status in res_db_ledger.CLOSED_STATUSES
        self._set_progress_enabled(not closed)
        if reset:  # a refresh of the same task keeps what is being typed
            self.progress_input.setValue(row.progress_pct or 0)
            self.note_input.clear()
            self.reason_input.setText(row.overdue_reason)
        self.reason_input.setEnabled(row.overdue and not closed)

    def _set_progress_enabled(self, enabled: bool) -> None:
        for widget in (self.progress_input, self.note_input, self.reason_input, self.save_progress_button):
            widget.setEnabled(enabled)

    # ------------------------------------------------------------------ progress

    def save_progress(self) -> None:
        row = self._selected
        if row is None or row.task_id is None:
            return
        self.submit_progress(row, self.progress_input.value(), self.note_input.toPlainText(), self.reason_input.text())

    def submit_progress(self, row: res_db_ledger.LedgerRow, pct: int, note: str, reason: str, *,
                        action: str | None = None) -> None:
        """Save progress on the task of ``row`` from the version ``row`` was loaded at (issue 6): a
        stale save is refused and both versions are shown side by side; while the server is away
        the update waits in the offline outbox."""
        task_id, version = row.task_id, row.version
        assert task_id is not None
        try:  # the rules that need no database hold for an update that waits in the outbox too
            res_db.check_progress(pct, reason, row.text, row.deadline)
        except res_db_ledger.ResolutionError as error:
            self._fail(error)
            return
        values: dict[str, Any] = {"progress_pct": pct, "status": res_db.status_after(row.status, pct)}
        if reason.strip():
            values["overdue_reason"] = reason.strip()
        edit = Edit("task_progress", task_id, version, values,
                    base={"progress_pct": row.progress_pct, "status": row.status},
                    action=action, extra={"note": res_db.progress_note(note, reason)})

        def work(session: Session) -> res_db.ProgressResult:
            return res_db.save_progress(session, task_id, pct, note, reason=reason, base_version=version,
                                        action=action)

        def done(result: res_db.ProgressResult) -> None:
            self.note_input.clear()
            self.say(self.tr("Progress saved: {0}%, {1}.").format(result.progress_pct, status_label(result.task_status)))

        def failed(error: Exception) -> None:
            if isinstance(error, ConflictError):
                self._ask_progress_conflict(row, error, pct, note, reason)
            else:
                self._fail(error)

        def queued(_edit: Edit) -> None:
            self.note_input.clear()
            self.say(self.tr("The server cannot be reached: the progress update waits on this PC and is "
                             "sent when the connection is back."))

        DbWrite(self, work, outbox=edit) \
            .success(done).failure(failed).queued(queued).run()

    def _ask_progress_conflict(self, row: res_db_ledger.LedgerRow, error: ConflictError, pct: int, note: str,
                               reason: str) -> None:
        """Both versions side by side (progress above, the notes below); nothing is saved until the
        person chooses. The note starts empty for every update, so the merge's original is empty."""
        theirs_note = str(error.theirs.get("note") or "")
        theirs_pct = error.theirs.get("progress_pct")
        merged = merge3("", note, theirs_note)
        dialog = ConflictDialog(
            self.tr("Progress of task {0}").format(row.number), note, theirs_note,
            merged=merged.text, merge_conflicts=merged.conflicts,
            their_label=QCoreApplication.translate("Conflicts", "Saved meanwhile by {0} (version {1})").format(
                error.their_author or "?", error.their_version),
            parent=self,
        )
        progress = QHBoxLayout()  # side by side, above the two notes
        progress.addWidget(QLabel(self.tr("Your progress: {0} %").format(pct), objectName="sectionTitle"), 1)
        progress.addWidget(QLabel(
            self.tr("Progress saved meanwhile: {0} % ({1})").format(
                "—" if theirs_pct is None else theirs_pct, status_label(str(error.theirs.get("status") or ""))),
            objectName="sectionTitle"), 1)
        layout = dialog.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, progress)
        layout.insertWidget(2, QLabel(
            self.tr("The texts below are the notes. “Keep mine” and “Save the merged text” save your progress, "
                    "{0} %, over the newer version; “Take theirs” drops your update.").format(pct), wordWrap=True))
        dialog.finished.connect(lambda _result: self._progress_conflict_decided(dialog, row, error, pct, reason))
        self.conflict_dialog = dialog
        dialog.open()  # window-modal, without a nested event loop

    def _progress_conflict_decided(self, dialog: ConflictDialog, row: res_db_ledger.LedgerRow, error: ConflictError,
                                   pct: int, reason: str) -> None:
        if self.conflict_dialog is dialog:
            self.conflict_dialog = None
        dialog.deleteLater()
        if dialog.choice == "theirs":
            theirs_pct = error.theirs.get("progress_pct")
            self.progress_input.setValue(int(theirs_pct or 0))
            self.note_input.clear()
            self.say(self.tr("Your progress update was dropped; the version saved meanwhile is shown."))
            self.refresh()
            return
        if dialog.choice in ("mine", "merged"):
            self.note_input.setPlainText(dialog.text)  # kept here if this save fails too
            newer = replace(row, version=error.their_version, progress_pct=error.theirs.get("progress_pct"),
                            status=str(error.theirs.get("status") or row.status))
            self.submit_progress(newer, pct, dialog.text, reason, action="overwrite")
            return
        self.say(describe(error))  # decide later: the typed update stays in the form

    # ------------------------------------------------------------------ traceability and verification

    def _load_trace(self, resolution_id: int) -> None:
        def work(session: Session) -> tuple[res_db_trace.Trace, list[res_db_trace.MeetingRef]]:
            return res_db_trace.trace(session, resolution_id), res_db_trace.verifying_meetings(session, resolution_id)

        DbOp(self, work).success(self._show_trace).failure(self._fail).run()

    def _show_trace(self, data: tuple[res_db_trace.Trace, list[res_db_trace.MeetingRef]]) -> None:
        trace, later = data
        self.trace_view.setHtml(trace_html(trace))
        self.verify_meeting.clear()
        for meeting in later:
            self.verify_meeting.addItem(f"{meeting.title}（{format_date(meeting.date)}）", meeting.id)
        self.verify_button.setEnabled(trace.status == "ready_to_verify" and bool(later))
        self._trace = trace

    def verify_selected(self) -> None:
        row, meeting_id = self._selected, self.verify_meeting.currentData()
        if row is None or meeting_id is None:
            return
        resolution_id = row.resolution_id
        version = row.version if row.kind == "resolution" else None

        def work(session: Session) -> None:
            res_db.verify_resolution(session, resolution_id, meeting_id, expected_version=version)

        DbWrite(self, work).success(
            lambda _r: (self.say(self.tr("The resolution is verified and done.")), self._load_trace(resolution_id))
        ).failure(self._fail).run()

    def _ask_export_ledger(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export ledger"), str(Path.home() / "决议任务台账.xlsx"), "Excel (*.xlsx);;PDF (*.pdf)")
        if path:
            self.export_ledger(Path(path))

    def export_ledger(self, out: Path) -> None:
        data = self._data
        if data is None:
            return
        try:
            if out.suffix.lower() == ".pdf":  # A4 landscape, each resolution with its tasks beneath
                write_paper_pdf(res_db_export.ledger_paper(data.rows, data.today), out)
            else:
                res_db_export.write_ledger_xlsx(data.rows, out, data.today)
        except OSError as error:
            self.say(describe(error))
            return
        self.say(self.tr("Wrote {0}.").format(out))


    def preview_ledger(self) -> None:
        """The print preview of the 台账 (the same layout as its PDF)."""
        if self._data is not None:
            preview_paper(self, res_db_export.ledger_paper(self._data.rows, self._data.today))


# --------------------------------------------------------------------------- rich text views


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def trace_html(trace: res_db_trace.Trace) -> str:
    """Made at → cases and agreement items → progress → verified at."""
    heading = QCoreApplication.translate("ResolutionsPage", "Resolution {0}").format(trace.number)
    owner = QCoreApplication.translate("ResolutionsPage", "Owner unit")
    deadline = QCoreApplication.translate("ResolutionsPage", "Deadline")
    made = QCoreApplication.translate("ResolutionsPage", "Made at")
    links = QCoreApplication.translate("ResolutionsPage", "Cases and agreement items")
    progress = QCoreApplication.translate("ResolutionsPage", "Progress")
    verified = QCoreApplication.translate("ResolutionsPage", "Verified at")
    item = f" · {_esc(trace.agenda_item)}" if trace.agenda_item else ""
    parts = [
        f"<h3>{_esc(heading)} · {_esc(status_label(trace.status))}</h3>",
        f"<p>{_esc(trace.text)}</p>",
        f"<p>{_esc(owner)}：{_esc(trace.owner_unit)}　{_esc(deadline)}：{format_date(trace.deadline)}</p>",
        f"<h4>① {_esc(made)}</h4>",
        f"<p>{_esc(trace.made_at.title)}（{format_date(trace.made_at.date)}）{item}</p>",
        f"<h4>② {_esc(links)}</h4>",
    ]
    if not trace.cases and not trace.agreement_items:
        parts.append("<p>" + _esc(QCoreApplication.translate("ResolutionsPage", "None linked.")) + "</p>")
    for case in trace.cases:
        closed = format_date(case.closed_at.date()) if case.closed_at else "—"
        parts.append(f"<p>{_esc(case.number)} {_esc(case.title)} · {_esc(case.state)} · {closed}</p>")
    for agreement in trace.agreement_items:
        parts.append(
            f"<p>{_esc(agreement.title)} · {agreement.progress_pct}% · {format_date(agreement.due_on)}</p>"
        )
    parts.append(f"<h4>③ {_esc(progress)}</h4>")
    if not trace.updates:
        parts.append("<p>" + _esc(QCoreApplication.translate("ResolutionsPage", "No progress reported yet.")) + "</p>")
    for update in trace.updates:
        parts.append(
            f"<p>{format_datetime(update.at)} · {_esc(update.by)} · {update.progress_pct}% · {_esc(update.note)}</p>"
        )
    parts.append(f"<h4>④ {_esc(verified)}</h4>")
    if trace.verified_at is None:
        parts.append("<p>" + _esc(QCoreApplication.translate("ResolutionsPage", "Not verified yet.")) + "</p>")
    else:
        parts.append(f"<p>{_esc(trace.verified_at.title)}（{format_date(trace.verified_at.date)}）</p>")
    return "".join(parts)
