"""The import wizard (文件 → 导入事件…) and the sentences the import speaks in.

Pages: choose a file (or save the empty template) → check what was detected, preview the first
rows and map the columns (save the mapping as a profile) → validate, read the summary and the
first rejects (save the full report), then import with a progress bar and a Cancel that rolls the
whole import back.  All database and file-reading work runs through :class:`desktop.core.dbop.DbOp`;
the engine (:func:`db.imports.engine.run`) reports progress from the worker thread through a queued
signal and polls a cancel flag.

The ``describe_*`` functions turn the engine's codes into translated sentences; the command line
(``streetboard import cases``) uses them too.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session

from db.cases.importing import CASE_SPEC, write_template
from db.imports import engine as importing
from db.imports import reading as importing_reading
from db.imports.records import (
    ImportCancelled,
    ImportCounts,
    ImportFileError,
    ImportResult,
    Profile,
    RecordSpec,
    Reject,
    SourceTable,
)
from desktop.core.dbop import DbExecutor, DbOp, DbWrite
from desktop.core.formatting import format_count
from desktop.core.messages import describe, register
from widgets.dataframe_model import DataFrameModel

PREVIEW_ROWS = 20
SHOWN_REJECTS = 200


# --------------------------------------------------------------------------- sentences


def _file_error(error: ImportFileError) -> str:
    """One translated sentence for a file that cannot be imported at all."""
    name = Path(error.path).name
    if error.reason == "missing":
        return QCoreApplication.translate("Import", "The file {0} does not exist.").format(error.path)
    if error.reason == "empty":
        return QCoreApplication.translate("Import", "The file {0} is empty; nothing was imported.").format(name)
    if error.reason == "unsupported_type":
        return QCoreApplication.translate(
            "Import", "{0} is not a spreadsheet or CSV file; choose an .xlsx, .xls or .csv file.").format(name)
    if error.reason == "mismatch":
        return QCoreApplication.translate(
            "Import", "{0} is not what its name says: its content is {1}; nothing was imported."
        ).format(name, describe_content(error.detail))
    if error.reason == "encoding":
        return QCoreApplication.translate(
            "Import", "{0} is neither UTF-8 nor GBK/GB18030 text; save it again as UTF-8 CSV or as .xlsx.").format(name)
    if error.reason == "unreadable":
        return QCoreApplication.translate(
            "Import", "{0} cannot be read as a spreadsheet (it may be damaged or password-protected); "
            "nothing was imported.").format(name)
    if error.reason == "no_header":
        return QCoreApplication.translate("Import", "{0} has no header row with column names.").format(name)
    if error.reason == "no_rows":
        return QCoreApplication.translate(
            "Import", "{0} has column names but no rows of data; nothing was imported.").format(name)
    if error.reason == "unknown_layout":
        return QCoreApplication.translate(
            "Import", "No import profile fits the columns of {0}; choose one with --profile ({1}).").format(name, error.detail)
    if error.reason == "no_street":
        return QCoreApplication.translate(
            "Import", "The database has no street yet; set up the street first (the set-up assistant, or "
            "streetboard setup import), then import again. Nothing was imported.")
    if error.reason == "unknown_profile":
        return QCoreApplication.translate("Import", "There is no import profile called “{0}”.").format(error.detail)
    if error.reason == "missing_columns":
        return QCoreApplication.translate(
            "Import", "{0} lacks columns the import needs: {1}; nothing was imported.").format(name, error.detail)
    return QCoreApplication.translate("Import", "{0} cannot be imported.").format(name)


register(ImportFileError, _file_error)


def describe_content(kind: str) -> str:
    labels = {
        "text": QCoreApplication.translate("Import", "plain text (a CSV file?)"),
        "word": QCoreApplication.translate("Import", "a Word document"),
        "powerpoint": QCoreApplication.translate("Import", "a PowerPoint presentation"),
        "zip": QCoreApplication.translate("Import", "a ZIP archive"),
        "xlsx": QCoreApplication.translate("Import", "an Excel workbook (.xlsx)"),
        "xls": QCoreApplication.translate("Import", "an old Excel workbook (.xls) or another Office file"),
        "pdf": QCoreApplication.translate("Import", "a PDF document"),
    }
    return labels.get(kind, QCoreApplication.translate("Import", "binary data"))


def describe_reason(reject: Reject) -> str:
    """The reason of one reject as a translated phrase."""
    reasons = {
        "required": QCoreApplication.translate("ImportReasons", "required, but blank"),
        "bad_date": QCoreApplication.translate("ImportReasons", "not a date or time"),
        "bad_number": QCoreApplication.translate("ImportReasons", "not a whole number"),
        "out_of_range": QCoreApplication.translate("ImportReasons", "outside the allowed range {0}"),
        "too_long": QCoreApplication.translate("ImportReasons", "longer than {0} characters"),
        "bad_flag": QCoreApplication.translate("ImportReasons", "not 是 or 否"),
        "unknown_value": QCoreApplication.translate("ImportReasons", "not one of the known values"),
        "duplicate_key": QCoreApplication.translate(
            "ImportReasons", "the same case number is in row {0} with different content"),
        "closed_before_reported": QCoreApplication.translate("ImportReasons", "closed before it was reported"),
        "deadline_before_reported": QCoreApplication.translate("ImportReasons", "deadline before the report time"),
        "closed_without_time": QCoreApplication.translate("ImportReasons", "the state is closed but there is no close time"),
        "closed_time_on_open_case": QCoreApplication.translate(
            "ImportReasons", "has a close time but the state is still open"),
        "unknown_category": QCoreApplication.translate("ImportReasons", "not a category in the database"),
        "unknown_community": QCoreApplication.translate("ImportReasons", "not a community in the database"),
        "unknown_grid": QCoreApplication.translate("ImportReasons", "not a grid code or grid name in the database"),
        "grid_not_in_community": QCoreApplication.translate("ImportReasons", "the grid belongs to another community"),
    }
    template = reasons.get(reject.reason)
    return template.format(reject.detail) if template else reject.message


def describe_reject(reject: Reject, max_value: int = 40) -> str:
    """``第N行 列名 值: 原因``."""
    value = reject.value if len(reject.value) <= max_value else reject.value[: max_value - 1] + "…"
    return QCoreApplication.translate("Import", "Row {0} {1} {2}: {3}").format(
        reject.row, reject.column, value or QCoreApplication.translate("Import", "(blank)"), describe_reason(reject))


def describe_encoding(file_kind: str, encoding: str | None) -> str:
    if file_kind == "xlsx":
        return QCoreApplication.translate("Import", "Excel workbook (.xlsx)")
    if file_kind == "xls":
        return QCoreApplication.translate("Import", "Excel 97–2003 workbook (.xls)")
    names = {
        "utf-8": QCoreApplication.translate("Import", "CSV, UTF-8"),
        "utf-8-sig": QCoreApplication.translate("Import", "CSV, UTF-8 with BOM"),
        "gb18030": QCoreApplication.translate("Import", "CSV, GBK/GB18030"),
        "utf-16": QCoreApplication.translate("Import", "CSV, UTF-16"),
    }
    return names.get(encoding or "", encoding or file_kind)


def profile_label(profile: Profile) -> str:
    if not profile.builtin:
        return profile.name
    names = {
        "streetboard": QCoreApplication.translate("Import", "StreetBoard case template"),
        "hotline": QCoreApplication.translate("Import", "Message board / 12345 hotline export"),
        "nyc311": QCoreApplication.translate("Import", "NYC 311 service requests"),
        "baltimore311": QCoreApplication.translate("Import", "Baltimore 311 service requests"),
    }
    return names.get(profile.key, profile.name)


def field_label(key: str) -> str:
    """The translated name of a case field (other record kinds name their fields in their spec)."""
    labels = {
        "case_number": QCoreApplication.translate("ImportFields", "Case number"),
        "title": QCoreApplication.translate("ImportFields", "Title"),
        "reported_at": QCoreApplication.translate("ImportFields", "Reported at"),
        "community": QCoreApplication.translate("ImportFields", "Community"),
        "grid_code": QCoreApplication.translate("ImportFields", "Grid code"),
        "category_major": QCoreApplication.translate("ImportFields", "Major category"),
        "category_minor": QCoreApplication.translate("ImportFields", "Minor category"),
        "address": QCoreApplication.translate("ImportFields", "Address"),
        "description": QCoreApplication.translate("ImportFields", "Description"),
        "handling_unit": QCoreApplication.translate("ImportFields", "Handling unit"),
        "deadline_at": QCoreApplication.translate("ImportFields", "Deadline"),
        "state": QCoreApplication.translate("ImportFields", "State"),
        "closed_at": QCoreApplication.translate("ImportFields", "Closed at"),
        "satisfaction": QCoreApplication.translate("ImportFields", "Satisfaction"),
        "source": QCoreApplication.translate("ImportFields", "Source"),
        "supervised": QCoreApplication.translate("ImportFields", "Supervised"),
        "reporter_name": QCoreApplication.translate("ImportFields", "Reporter"),
        "reporter_phone": QCoreApplication.translate("ImportFields", "Reporter phone"),
        "reply_note": QCoreApplication.translate("ImportFields", "Reply"),
    }
    return labels.get(key, key)


def describe_counts(counts: ImportCounts) -> str:
    text = QCoreApplication.translate(
        "Import", "Read {0} rows: {1} imported, {2} updated, {3} unchanged, {4} rejected."
    ).format(*(format_count(n) for n in (counts.read, counts.imported, counts.updated, counts.unchanged, counts.rejected)))
    if counts.duplicates:
        text += " " + QCoreApplication.translate(
            "Import", "{0} rows repeated an earlier row exactly and were counted once.").format(format_count(counts.duplicates))
    return text


def describe_notes(notes: Sequence[tuple[str, int]]) -> list[str]:
    lines = []
    for key, n in notes:
        if not n:
            continue
        if key == "catch_all":
            lines.append(QCoreApplication.translate(
                "Import", "{0} rows had an unknown category and were filed under the catch-all category.").format(format_count(n)))
        elif key == "categories_created":
            lines.append(QCoreApplication.translate("Import", "{0} new case categories were created.").format(format_count(n)))
        elif key == "handling_units_created":
            lines.append(QCoreApplication.translate("Import", "{0} new handling units were created.").format(format_count(n)))
        elif key == "state_conflicts":
            lines.append(QCoreApplication.translate(
                "Import", "{0} cases: the file's status is further along than the street's own handling; the cases "
                "were left as they are — their timeline notes the source status (来源状态) for a person to decide."
            ).format(format_count(n)))
    return lines


def describe_result(result: ImportResult) -> str:
    return QCoreApplication.translate("Import", "Profile: {0}; file: {1}.").format(
        profile_label(result.profile), describe_encoding(result.file_kind, result.encoding))


def report_headers() -> list[str]:
    return [
        QCoreApplication.translate("Import", "Row"), QCoreApplication.translate("Import", "Column"),
        QCoreApplication.translate("Import", "Value"), QCoreApplication.translate("Import", "Reason"),
        QCoreApplication.translate("Import", "Code"),
    ]


def save_report(path: str | Path, rejects: Sequence[Reject]) -> Path:
    """The full reject report as xlsx, in the user's language."""
    return importing.write_report(path, rejects, headers=report_headers(), describe=describe_reason,
                                  sheet_title=QCoreApplication.translate("Import", "Rejected rows"))


def rejects_frame(rejects: Sequence[Reject]) -> pd.DataFrame:
    headers = report_headers()
    return pd.DataFrame(
        [[r.row, r.column, r.value, describe_reason(r)] for r in rejects], columns=headers[:4]
    )


# --------------------------------------------------------------------------- the wizard


@dataclass(frozen=True)
class Analysis:
    """What the worker found in the chosen file."""

    table: SourceTable
    profiles: list[Profile]
    detected: Profile | None


class _ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread (a queued signal)."""

    progressed = Signal(str, float)


class ImportWizard(QWizard):
    """文件 → 导入事件…: choose, map, check, import."""

    imported = Signal(object)  # ImportResult, after a successful import committed

    def __init__(self, executor: DbExecutor | None = None, parent: QWidget | None = None,
                 spec: RecordSpec = CASE_SPEC):
        super().__init__(parent)
        self.executor = executor
        self.spec = spec
        self.analysis: Analysis | None = None
        self.for_cases = spec.kind == CASE_SPEC.kind
        self.setWindowTitle(self.tr("Import cases") if self.for_cases else self.tr("Import records"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page):
            self.addPage(page)
        self.resize(960, 680)

    def run_op(self, fn: Any, success: Any, failure: Any, *, write: bool = False) -> None:
        """Run ``fn(session)`` on the database worker; callbacks come back on the GUI thread."""
        (DbWrite if write else DbOp)(self, fn).success(success).failure(failure).run(self.executor)

    def reject(self) -> None:
        if self.check_page.running:
            self.check_page.cancel_import()
            self.check_page.close_when_done = True
            return
        super().reject()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx, .xls) or a CSV file of grid cases: StreetBoard's own "
                                 "template, a 12345 hotline or message-board export, or a 311 export."))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Path of the file to import"))
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self._browse)
        self.template_button = QPushButton(self.tr("Save the empty template…"))
        self.template_button.clicked.connect(self._save_template)
        self.template_note = QLabel(self.tr("The template lists StreetBoard's case columns; its second sheet "
                                            "explains each one."))
        self.template_note.setWordWrap(True)
        self.message = QLabel("", objectName="importMessage")
        self.message.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addSpacing(16)
        layout.addWidget(self.template_note)
        layout.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignLeft)
        if not wizard.for_cases:  # the subtitle, template and its note describe grid cases
            self.setSubTitle(self.tr("An Excel workbook (.xlsx, .xls) or a CSV file; the columns are matched "
                                     "on the next page."))
            self.template_note.hide()
            self.template_button.hide()
        layout.addSpacing(8)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip().strip('"'))

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and self.path().is_file()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import cases"), str(self.path().parent if self.path_edit.text() else Path.home()),
            self.tr("Spreadsheets and CSV (*.xlsx *.xls *.csv);;All files (*)"))
        if chosen:
            self.path_edit.setText(chosen)

    def _save_template(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the empty template"), str(Path.home() / self.tr("case-template.xlsx")),
            self.tr("Excel workbook (*.xlsx)"))
        if not chosen:
            return
        try:
            write_template(chosen)
        except OSError:
            self.message.setText(self.tr("Cannot write {0}; choose a folder you can write to.").format(chosen))
            return
        self.message.setText(self.tr("Saved the empty template as {0}.").format(chosen))


class MappingPage(QWizardPage):
    """What was detected, a preview, and one combo per target field."""

    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.loading = False
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr("StreetBoard recognised the layout below; correct the mapping if a column is wrong."))
        self.info = QLabel("")
        self.info.setWordWrap(True)
        self.profile_combo = QComboBox()
        self.profile_combo.currentIndexChanged.connect(self._profile_chosen)
        self.policy_combo = QComboBox()
        for code, label in (("catch_all", self.tr("file under the catch-all category")),
                            ("create", self.tr("create the category")),
                            ("reject", self.tr("reject the row"))):
            self.policy_combo.addItem(label, code)
        self.save_profile_button = QPushButton(self.tr("Save mapping as profile…"))
        self.save_profile_button.clicked.connect(self._save_profile)
        self.preview_model = DataFrameModel(parent=self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.horizontalHeader().setDefaultSectionSize(130)
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.combos: dict[str, QComboBox] = {}
        form_host = QWidget()
        form = QFormLayout(form_host)
        for f in wizard.spec.fields:
            combo = QComboBox()
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(self.completeChanged)
            self.combos[f.key] = combo
            label = (field_label(f.key) if wizard.for_cases else f.label) + (" *" if f.required else "")
            form.addRow(label, combo)
        scroll = QScrollArea()
        scroll.setWidget(form_host)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(330)

        top = QGridLayout()
        top.addWidget(QLabel(self.tr("Profile:")), 0, 0)
        top.addWidget(self.profile_combo, 0, 1)
        top.addWidget(self.save_profile_button, 0, 2)
        policy_label = QLabel(self.tr("Unknown categories:"))
        top.addWidget(policy_label, 1, 0)
        top.addWidget(self.policy_combo, 1, 1)
        policy_label.setVisible(wizard.for_cases)
        self.policy_combo.setVisible(wizard.for_cases)
        top.setColumnStretch(1, 1)
        body = QHBoxLayout()
        preview_box = QVBoxLayout()
        preview_box.addWidget(QLabel(self.tr("First rows of the file:")))
        preview_box.addWidget(self.preview, 1)
        body.addLayout(preview_box, 1)
        mapping_box = QVBoxLayout()
        mapping_box.addWidget(QLabel(self.tr("Column for each field (* required):")))
        mapping_box.addWidget(scroll, 1)
        body.addLayout(mapping_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    # ------------------------------------------------------------------ loading

    def initializePage(self) -> None:
        path = self._wizard.file_page.path()
        spec = self._wizard.spec
        self.loading = True
        self.info.setText(self.tr("Reading {0}…").format(path.name))
        self.preview_model.set_frame(pd.DataFrame())
        self.completeChanged.emit()

        def analyse(session: Session) -> Analysis:
            profiles = importing.list_profiles(session, spec)
            known = {h for p in profiles for h in p.known_headers()}
            table = importing_reading.read_table(path, known_headers=known)
            return Analysis(table, profiles, importing.detect_profile(spec, profiles, table.columns))

        self._wizard.run_op(analyse, self._analysed, self._failed)

    def _analysed(self, analysis: Analysis) -> None:
        self._wizard.analysis = analysis
        self.loading = False
        table = analysis.table
        columns = table.columns
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not imported)"), "")
            for c in columns:
                combo.addItem(c, c)
            combo.blockSignals(False)
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for p in analysis.profiles:
            self.profile_combo.addItem(profile_label(p), p.key)
        chosen = analysis.detected or analysis.profiles[0]
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(chosen.key))
        self.profile_combo.blockSignals(False)
        self._profile_chosen()
        if analysis.detected is not None:
            detected = self.tr("Recognised as: {0}.").format(profile_label(analysis.detected))
        else:
            detected = self.tr("No profile fits these columns; map them by hand.")
        where = self.tr("{0}: {1}, {2} rows of data (header in row {3}).").format(
            Path(table.path).name, describe_encoding(table.file_kind, table.encoding),
            format_count(len(table.frame)), table.header_row)
        self.info.setText(where + " " + detected)
        self.preview_model.set_frame(table.preview(PREVIEW_ROWS))
        self.completeChanged.emit()

    def _failed(self, error: Exception) -> None:
        self.loading = False
        self._wizard.analysis = None
        self.info.setText(describe(error))
        self.completeChanged.emit()

    # ------------------------------------------------------------------ mapping

    def current_profile(self) -> Profile | None:
        analysis = self._wizard.analysis
        if analysis is None:
            return None
        key = self.profile_combo.currentData()
        return next((p for p in analysis.profiles if p.key == key), None)

    def _profile_chosen(self) -> None:
        profile = self.current_profile()
        analysis = self._wizard.analysis
        if profile is None or analysis is None:
            return
        mapping = importing.resolve_mapping(self._wizard.spec, profile, analysis.table.columns)
        for key, combo in self.combos.items():
            index = combo.findData(mapping.get(key, ""))
            combo.setCurrentIndex(max(index, 0))
        policy = self.policy_combo.findData(profile.options.get("category_policy", "catch_all"))
        self.policy_combo.setCurrentIndex(max(policy, 0))
        self.completeChanged.emit()

    def columns(self) -> dict[str, str | None]:
        return {key: (combo.currentData() or None) for key, combo in self.combos.items()}

    def options(self) -> dict[str, Any]:
        return {"category_policy": self.policy_combo.currentData()}

    def isComplete(self) -> bool:
        if self.loading or self._wizard.analysis is None:
            return False
        columns = self.columns()
        return all(columns.get(f.key) for f in self._wizard.spec.fields if f.required)

    def _save_profile(self) -> None:
        base = self.current_profile()
        if base is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Save mapping as profile"),
                                        self.tr("Name of the profile (every committee PC will see it):"))
        if ok and name.strip():
            self.save_profile_as(name)

    def save_profile_as(self, name: str) -> None:
        base = self.current_profile()
        analysis = self._wizard.analysis
        if base is None or analysis is None:
            return
        spec, columns, options = self._wizard.spec, self.columns(), self.options()

        def save(session: Session) -> Profile:
            return importing.save_profile(session, spec, name, base, columns, options)

        def saved(profile: Profile) -> None:
            analysis.profiles[:] = [p for p in analysis.profiles if p.key != profile.key] + [profile]
            self.profile_combo.blockSignals(True)
            index = self.profile_combo.findData(profile.key)
            if index < 0:
                self.profile_combo.addItem(profile_label(profile), profile.key)
                index = self.profile_combo.count() - 1
            self.profile_combo.setCurrentIndex(index)
            self.profile_combo.blockSignals(False)
            self.info.setText(self.tr("Saved the mapping as the profile “{0}”.").format(profile.name))

        self._wizard.run_op(save, saved, self._failed, write=True)


class CheckPage(QWizardPage):
    """Validate, show the summary and the first rejects, then import with progress and cancel."""

    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.running = False
        self.checking = False
        self.done = False
        self.close_when_done = False
        self.result: ImportResult | None = None
        self._cancel = threading.Event()
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._progressed)
        self.setTitle(self.tr("Check and import"))
        self.setSubTitle(self.tr("Every row is checked before anything is written; by default nothing is "
                                 "imported while any row has a problem."))
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.rejects_model = DataFrameModel(parent=self)
        self.rejects_view = QTableView()
        self.rejects_view.setModel(self.rejects_model)
        self.rejects_view.horizontalHeader().setStretchLastSection(True)
        self.rejects_view.verticalHeader().hide()
        self.rejects_view.hide()
        self.report_button = QPushButton(self.tr("Save the full report…"))
        self.report_button.clicked.connect(self._save_report)
        self.accept_valid = QCheckBox(self.tr("Import the valid rows only and skip the rejected ones"))
        self.accept_valid.toggled.connect(self._update_buttons)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel("")
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejects_view, 1)
        layout.addStretch(0)
        layout.addWidget(self.accept_valid)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

    def _inputs(self) -> tuple[SourceTable, Profile, dict[str, str | None]]:
        analysis = self._wizard.analysis
        mapping_page = self._wizard.mapping_page
        profile = mapping_page.current_profile()
        assert analysis is not None and profile is not None
        profile = replace(profile, options={**profile.options, **mapping_page.options()})
        return analysis.table, profile, mapping_page.columns()

    def initializePage(self) -> None:
        self.result = None
        self.done = False
        self.checking = True
        self.progress.setValue(0)
        self.status.setText("")
        self.summary.setText(self.tr("Checking every row…"))
        self.rejects_model.set_frame(pd.DataFrame())
        self._update_buttons()
        table, profile, columns = self._inputs()
        spec = self._wizard.spec

        def check(session: Session) -> ImportResult:
            return importing.run(session, spec, table, profile=profile, columns=columns, dry_run=True)

        self._wizard.run_op(check, self._checked, self._check_failed)

    def _checked(self, result: ImportResult) -> None:
        self.checking = False
        self.result = result
        lines = [describe_result(result), describe_counts(result.counts), *describe_notes(result.notes)]
        if result.rejects:
            lines.append(self.tr("{0} rows have problems; the first ones are listed below.").format(
                format_count(result.counts.rejected)))
        self.summary.setText("\n".join(lines))
        self.rejects_model.set_frame(rejects_frame(result.rejects[:SHOWN_REJECTS]))
        self.rejects_view.setVisible(bool(result.rejects))
        self.rejects_view.resizeColumnsToContents()
        self._update_buttons()

    def _check_failed(self, error: Exception) -> None:
        self.checking = False
        self.summary.setText(describe(error))
        self._update_buttons()

    def _update_buttons(self) -> None:
        result = self.result
        has_rejects = bool(result and result.rejects)
        self.accept_valid.setVisible(has_rejects)
        self.report_button.setEnabled(has_rejects)
        can_import = (result is not None and not self.running and not self.done and not self.checking
                      and (not has_rejects or self.accept_valid.isChecked()))
        self.import_button.setEnabled(can_import)
        self.cancel_button.setEnabled(self.running)
        blocked = self.tr("Nothing will be imported while rows are rejected: fix the file, or tick "
                          "the box to import only the valid rows.")
        if has_rejects and not self.accept_valid.isChecked() and not self.done and not self.running:
            self.status.setText(blocked)
        elif self.status.text() == blocked:
            self.status.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done and not self.running

    # ------------------------------------------------------------------ import

    def start_import(self) -> None:
        if self.running or self.result is None:
            return
        table, profile, columns = self._inputs()
        spec = self._wizard.spec
        accept = self.accept_valid.isChecked()
        cancel = self._cancel
        cancel.clear()
        relay = self._relay
        self.running = True
        self.progress.setValue(0)
        self.status.setText(self.tr("Importing…"))
        self._update_buttons()

        def do_import(session: Session) -> ImportResult:
            return importing.run(session, spec, table, profile=profile, columns=columns, accept_valid=accept,
                                 progress=relay.progressed.emit, cancelled=cancel.is_set)

        self._wizard.run_op(do_import, self._imported, self._import_failed, write=True)

    def cancel_import(self) -> None:
        if self.running:
            self._cancel.set()
            self.status.setText(self.tr("Cancelling…"))

    def _progressed(self, stage: str, fraction: float) -> None:
        start, width = {"read": (0, 5), "validate": (5, 25), "write": (30, 70)}.get(stage, (0, 100))
        self.progress.setValue(int(start + width * max(0.0, min(1.0, fraction))))

    def _imported(self, result: ImportResult) -> None:
        self.running = False
        self.done = True
        self.result = result
        self.progress.setValue(100)
        lines = [self.tr("Import finished."), describe_counts(result.counts), *describe_notes(result.notes)]
        self.status.setText("\n".join(lines))
        self._update_buttons()
        self._wizard.imported.emit(result)
        if self.close_when_done:
            self._wizard.done(QWizard.DialogCode.Accepted)

    def _import_failed(self, error: Exception) -> None:
        self.running = False
        self.progress.setValue(0)
        if isinstance(error, ImportCancelled):
            self.status.setText(self.tr("Import cancelled; the database was left as it was."))
        elif isinstance(error, ImportFileError):
            self.status.setText(describe(error))
        else:
            self.status.setText(self.tr("The import failed and nothing was written: {0}").format(describe(error)))
        self._update_buttons()
        if self.close_when_done:
            self._wizard.done(QWizard.DialogCode.Rejected)

    def _save_report(self) -> None:
        if self.result is None or not self.result.rejects:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(Path.home() / self.tr("import-report.xlsx")),
            self.tr("Excel workbook (*.xlsx)"))
        if chosen:
            self.save_report_to(chosen)

    def save_report_to(self, path: str | Path) -> None:
        assert self.result is not None
        try:
            save_report(path, self.result.rejects)
        except OSError:
            self.status.setText(self.tr("Cannot write {0}; choose a folder you can write to.").format(path))
            return
        self.status.setText(self.tr("Saved the report of {0} rejected rows as {1}.").format(
            format_count(self.result.counts.rejected), path))
