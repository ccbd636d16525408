"""The first-run set-up assistant: the street and its bodies, by hand or from the set-up workbook.

Each step is one sheet of the set-up workbook as an editable table (``读取工作簿`` fills every step
from a workbook at once, ``从工作簿读取本表`` only this one). The last step checks everything on
the DB worker (the same rules as ``streetboard setup import``) and shows what will be written or
which rows are wrong; 完成 writes it all in one transaction (:func:`db.street.services.apply_setup`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session

from db.imports.records import ImportFileError
from db.street import queries
from db.street.services import (
    Planned,
    SetupOutcome,
    SetupReject,
    SetupRejected,
    StreetSetup,
    apply_setup,
    preview,
)
from db.street.setup import (
    SHEETS,
    Cells,
    Sheet,
    setup_from_cells,
    sheet_cells,
    workbook_cells,
    write_template,
)
from desktop.core.dbop import DbOp, DbWrite
from desktop.core.messages import describe
from desktop.street.body_table import BodyTable
from desktop.street.texts import body_label, describe_reject, describe_workbook_error

SHOWN = 6  # rows named per body on the summary


class IntroPage(QWizardPage):
    """What the assistant sets up; a workbook fills every step at once."""

    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Set up the street"))
        self.setSubTitle(self.tr("This database has no street yet. Enter the street, its communities and grids, the "
                                 "committee and the lists the cases use, step by step."))
        text = QLabel(self.tr(
            "Each step is one sheet of the set-up workbook. Type the rows in, or save an empty workbook, fill it in "
            "from your existing Excel lists and read it back here. Nothing is written until the last step, and "
            "then all in one go."), wordWrap=True)
        self.template_button = QPushButton(self.tr("Save an empty set-up workbook…"))
        self.template_button.clicked.connect(self._save_template)
        self.read_button = QPushButton(self.tr("Read a set-up workbook…"))
        self.read_button.clicked.connect(self._choose)
        self.status = QLabel("", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(self.template_button)
        row.addWidget(self.read_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Set-up workbook"), "", self.tr("Excel workbook (*.xlsx)"))
        if path:
            self._wizard.read_workbook(path)

    def _save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Empty set-up workbook"), self.tr("street set-up.xlsx"),
                                              self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        try:
            write_template(path)
        except OSError:
            self.status.setText(self.tr("Cannot write {0}; choose a folder you can write to.").format(path))
            return
        self.status.setText(self.tr("Saved {0}: fill in its sheets, then read it here.").format(Path(path).name))


class SheetPage(QWizardPage):
    """One body: an editable table and a button that reads this sheet of a workbook."""

    def __init__(self, wizard: SetupWizard, sheet: Sheet):
        super().__init__(wizard)
        self.sheet = sheet
        self.setTitle(body_label(sheet.body) if sheet.body != "street" else self.tr("Street and committee term"))
        self.setSubTitle(sheet.explain)
        self.table = BodyTable(sheet, self, with_buttons=sheet.body != "street")
        if sheet.body == "street":
            self.table.add_row()  # the street is one row, typed in here
        read = QPushButton(self.tr("Read this sheet from a workbook…"))
        read.clicked.connect(self._choose)
        self.table.buttons.insertWidget(self.table.buttons.count() - 1, read)  # before the stretch
        self.status = QLabel("", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Set-up workbook"), "", self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.read(path)

    def read(self, path: str | Path) -> None:
        try:
            result = sheet_cells(path, self.sheet)
        except ImportFileError as error:
            self.status.setText(describe_workbook_error(error))
            return
        if result is None:
            self.status.setText(self.tr("The workbook has no rows on the sheet {0}.").format(self.sheet.title))
            return
        cells, rejects = result
        if rejects:
            self.status.setText(describe_reject(rejects[0]))
            return
        self.table.set_cells(cells)
        self.status.setText(self.tr("{0} rows read from {1}.").format(len(cells), Path(path).name))


class SummaryPage(QWizardPage):
    """What will be written, or which rows are wrong: checked on the DB worker."""

    def __init__(self, wizard: SetupWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Check and write"))
        self.setSubTitle(self.tr("Everything is checked again when you finish; nothing is written while a row is wrong."))
        self.text = QPlainTextEdit(readOnly=True)
        self.result = QLabel("", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.result)
        self.setup: StreetSetup | None = None
        self.rejects: list[SetupReject] = []
        self.checked = False

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.checked = False
        self.text.setPlainText(self.tr("Checking…"))
        self.completeChanged.emit()
        cells = self._wizard.cells()
        DbOp(self, lambda s: _check(s, cells)).success(self._show).failure(self._failed).run()

    def _show(self, result: tuple[StreetSetup, list[SetupReject], dict[str, list[Planned]]]) -> None:
        self.setup, self.rejects, planned = result
        self.checked = True
        if self.rejects:
            lines = [self.tr("{0} rows need correcting before anything can be written (go Back to fix them):")
                     .format(len(self.rejects)), ""]
            lines += [describe_reject(r) for r in self.rejects]
        else:
            lines = [self.tr("This will be written, in one go:"), ""]
            for sheet in SHEETS:
                for body in ("street", "term") if sheet.body == "street" else (sheet.body,):
                    rows = planned.get(body, [])
                    if not rows:
                        continue
                    new = sum(1 for p in rows if not p.exists)
                    lines.append(self.tr("{0}: {1} new, {2} already there").format(body_label(body), new,
                                                                                   len(rows) - new))
                    shown = "、".join(p.label for p in rows[:SHOWN])
                    more = self.tr(" and {0} more").format(len(rows) - SHOWN) if len(rows) > SHOWN else ""
                    lines.append("    " + shown + more)
        self.text.setPlainText("\n".join(lines))
        self.completeChanged.emit()

    def _failed(self, error: Exception) -> None:
        self.text.setPlainText(describe(error))

    def isComplete(self) -> bool:  # noqa: N802
        return self.checked and not self.rejects and self.setup is not None and not self.setup.empty


def _check(session: Session, cells: dict[str, Cells]) -> tuple[StreetSetup, list[SetupReject], dict[str, list[Planned]]]:
    """On the worker: the cells checked as the workbook is (rows numbered as on screen) and what they would write."""
    setup, rejects = setup_from_cells(session, cells, first_row=1)
    return setup, rejects, ({} if rejects else preview(session, setup))


class SetupWizard(QWizard):
    """The set-up assistant; :meth:`accept` writes through the DB worker and closes when it committed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("StreetBoard — set up the street"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(900, 600)
        self.intro = IntroPage(self)
        self.addPage(self.intro)
        self.sheet_pages: dict[str, SheetPage] = {}
        for sheet in SHEETS:
            page = SheetPage(self, sheet)
            self.sheet_pages[sheet.body] = page
            self.addPage(page)
        self.summary = SummaryPage(self)
        self.addPage(self.summary)
        self.outcome: SetupOutcome | None = None
        self._writing = False

    def cells(self) -> dict[str, Cells]:
        return {body: page.table.cells() for body, page in self.sheet_pages.items() if page.table.filled_rows()}

    def read_workbook(self, path: str | Path) -> None:
        """Every step filled from the workbook's sheets (a sheet it lacks leaves its step as it is)."""
        try:
            cells, rejects = workbook_cells(path)
        except ImportFileError as error:
            self.intro.status.setText(describe_workbook_error(error))
            return
        for body, rows in cells.items():
            self.sheet_pages[body].table.set_cells(rows)
        read = [body_label(b) for b in cells]
        text = self.tr("Read {0}: {1}.").format(Path(path).name, "、".join(read))
        if rejects:
            text += " " + " ".join(describe_reject(r) for r in rejects)
        self.intro.status.setText(text)

    def accept(self) -> None:
        setup = self.summary.setup
        if self._writing or setup is None or self.summary.rejects:
            return
        self._writing = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.summary.result.setText(self.tr("Writing…"))
        DbWrite(self, lambda s: apply_setup(s, setup)).success(self._written).failure(self._refused).run()

    def _written(self, outcome: SetupOutcome) -> None:
        self.outcome = outcome
        self._writing = False
        super().accept()

    def _refused(self, error: Exception) -> None:
        self._writing = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if isinstance(error, SetupRejected):  # the database changed since the check
            reason = "; ".join(describe_reject(r) for r in error.rejects[:5])
        else:
            reason = describe(error)
        self.summary.result.setText(self.tr("Nothing was written: {0}").format(reason))


def offer_setup(parent: QWidget) -> None:
    """Open the assistant (non-modal, over the main window) when the database has no street."""

    def maybe_open(has_street: bool) -> None:
        if has_street:
            return
        wizard = SetupWizard(parent)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.show()

    DbOp(parent, queries.has_street).success(maybe_open).run()
