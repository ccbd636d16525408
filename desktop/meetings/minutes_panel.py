"""The minutes panel of the resolutions page: a meeting's minutes shown, closed, approved, amended, exported.

:class:`_MinutesPanel` holds methods of :class:`desktop.resolutions.page.ResolutionsPage` (no state of
its own; its strings keep the page's translation context); the page hosts it as its "Meeting minutes" tab.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.core.signing import short_fingerprint
from db.core.versioning import ConflictError
from db.meetings import agenda as meeting_agenda
from db.meetings import minutes as minutes_db
from db.meetings.minutes_docx import Masthead, blocks, masthead
from desktop.core.dbop import DbOp, DbWrite
from desktop.core.formatting import format_datetime
from desktop.core.messages import describe
from widgets.conflict_dialog import ConflictDialog


class AmendDialog(QDialog):
    """Correct approved minutes: per-item notes and the reason for the amendment."""

    def __init__(self, record: minutes_db.MinutesRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Amend the minutes"))
        form = QFormLayout(self)
        self.editors: dict[int, QPlainTextEdit] = {}
        for item in record.items:
            editor = QPlainTextEdit(item.notes)
            editor.setFixedHeight(70)
            self.editors[item.position] = editor
            form.addRow(f"{item.position}. {item.title}", editor)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the approved minutes are corrected (required)"))
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def notes(self) -> dict[int, str]:
        return {pos: editor.toPlainText() for pos, editor in self.editors.items()}


class _MinutesPanel:
    """The minutes tab of the resolutions page (see the module docstring)."""

    def _minutes_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.minutes_meeting = QComboBox()
        self.minutes_meeting.currentIndexChanged.connect(self._minutes_meeting_changed)
        self.minutes_status = QLabel("")
        self.minutes_status.setWordWrap(True)
        self.minutes_view = QTextBrowser()
        self.close_button = QPushButton(QCoreApplication.translate("ResolutionsPage", "Close meeting and draft minutes"))
        self.approve_button = QPushButton(QCoreApplication.translate("ResolutionsPage", "Approve"))
        self.amend_button = QPushButton(QCoreApplication.translate("ResolutionsPage", "Amend…"))
        self.docx_button = QPushButton(QCoreApplication.translate("ResolutionsPage", "Export DOCX…"))
        self.pdf_button = QPushButton(QCoreApplication.translate("ResolutionsPage", "Export PDF…"))
        self.print_button = QPushButton(QCoreApplication.translate("ResolutionsPage", "Print preview…"))
        self.print_button.clicked.connect(self.preview_minutes)
        self._head: Masthead | None = None
        self.close_button.clicked.connect(self.close_selected_meeting)
        self.approve_button.clicked.connect(self.approve_minutes)
        self.amend_button.clicked.connect(self._ask_amend)
        self.docx_button.clicked.connect(lambda: self._ask_export_minutes("docx"))
        self.pdf_button.clicked.connect(lambda: self._ask_export_minutes("pdf"))
        buttons = QHBoxLayout()
        for button in (self.close_button, self.approve_button, self.amend_button, self.docx_button, self.pdf_button,
                       self.print_button):
            buttons.addWidget(button)
        layout.addWidget(self.minutes_meeting)
        layout.addWidget(self.minutes_status)
        layout.addWidget(self.minutes_view, 1)
        layout.addLayout(buttons)
        self._show_record(None)
        return panel

    def _minutes_meeting_changed(self) -> None:
        meeting_id = self.minutes_meeting.currentData()
        if meeting_id is not None:
            self._load_minutes(meeting_id)

    def show_minutes_of(self, meeting_id: int) -> None:
        index = self.minutes_meeting.findData(meeting_id)
        if index >= 0:
            self.minutes_meeting.setCurrentIndex(index)
        self._load_minutes(meeting_id)

    def _load_minutes(self, meeting_id: int) -> None:
        self._minutes_meeting = meeting_id

        def work(session: Session) -> tuple[str, minutes_db.MinutesRecord | None, Masthead | None]:
            try:
                record = minutes_db.minutes_record(session, meeting_id)
            except minutes_db.NoDraft:
                return meeting_agenda.meeting_detail(session, meeting_id).meeting.status, None, None
            return record.meeting_status, record, masthead(session, meeting_id)

        def done(result: tuple[str, minutes_db.MinutesRecord | None, Masthead | None]) -> None:
            if meeting_id == self._minutes_meeting:
                self._head = result[2]
                self._show_record(result[1], result[0])

        DbOp(self, work).success(done).failure(self._fail).run()

    def _show_record(self, record: minutes_db.MinutesRecord | None, meeting_status: str = "") -> None:
        self._record = record
        pending = record is not None and not record.approved
        was_approved = record is not None and any(r.approved_at for r in record.revisions)
        self.close_button.setEnabled(meeting_status in ("agenda_locked", "in_progress") or (
            meeting_status == "closed" and pending))
        self.approve_button.setEnabled(pending)
        self.amend_button.setEnabled(was_approved)
        self.docx_button.setEnabled(record is not None)
        self.pdf_button.setEnabled(record is not None)
        self.print_button.setEnabled(record is not None)
        if record is None:
            self.minutes_status.setText(QCoreApplication.translate("ResolutionsPage", "No minutes yet: close the meeting to draft them."))
            self.minutes_view.clear()
            return
        rev = record.revision
        if record.approved:
            status = QCoreApplication.translate("ResolutionsPage", "Revision {0}, approved by {1} on {2}. SHA-256 {3}…").format(
                rev.number, rev.approved_by, format_datetime(rev.approved_at), (rev.content_hash or "")[:16])
            if rev.fingerprint:
                status += " " + QCoreApplication.translate("ResolutionsPage", "Signed with the key {0}.").format(
                    short_fingerprint(rev.fingerprint))
        else:
            status = QCoreApplication.translate(
                "ResolutionsPage", "Revision {0}, draft — not approved yet. Approving signs exactly the text below "
                "with its record: SHA-256 {1}.").format(rev.number, group_hash(record.shown_hash))
        if rev.reason and rev.number > 1:
            status += " " + QCoreApplication.translate("ResolutionsPage", "Amended: {0}").format(rev.reason)
        self.minutes_status.setText(status)
        self.minutes_view.setHtml(minutes_html(record))

    def close_selected_meeting(self) -> None:
        meeting_id = self._minutes_meeting
        if meeting_id is None:
            return
        DbWrite(self, lambda s: minutes_db.close_meeting(s, meeting_id)).success(
            lambda _d: (self.say(QCoreApplication.translate("ResolutionsPage", "The meeting is closed; the minutes draft is ready.")), self._load_minutes(meeting_id))
        ).failure(self._fail).run()

    def approve_minutes(self) -> None:
        record, meeting_id = self._record, self._minutes_meeting
        if record is None or meeting_id is None:
            return
        shown = record.shown_hash

        def work(session: Session) -> minutes_db.Approval:
            return minutes_db.approve_minutes(session, meeting_id, str(session.info.get("actor") or ""),
                                              expected_hash=shown)

        def failed(error: Exception) -> None:
            if isinstance(error, ConflictError):
                self._show_approval_conflict(record, error)
            else:
                self._fail(error)

        DbWrite(self, work).success(
            lambda a: (self.say(QCoreApplication.translate("ResolutionsPage", "Minutes approved, signed and sealed (SHA-256 {0}…).").format(a.content_hash[:16])),
                       self._load_minutes(meeting_id))
        ).failure(failed).run()

    def _show_approval_conflict(self, shown: minutes_db.MinutesRecord, error: ConflictError) -> None:
        """Nothing was approved: the draft changed after it was opened. Both versions side by side;
        the newer one is then shown, to be read before approving."""
        meeting_id = shown.meeting_id

        def show(newer: minutes_db.MinutesRecord) -> None:
            dialog = ConflictDialog(
                QCoreApplication.translate("ResolutionsPage", "The minutes of {0}").format(shown.meeting_title),
                minutes_text(shown), minutes_text(newer),
                their_label=QCoreApplication.translate("ResolutionsPage", "Changed meanwhile by {0}").format(
                    error.their_author or "?"),
                parent=self,
            )
            for hidden in (dialog.keep_mine, dialog.use_merged, dialog.merged_edit):
                hidden.hide()
            grid = dialog.layout().itemAt(1).layout()
            grid.itemAtPosition(2, 0).widget().hide()  # the merge note: nothing is merged here
            grid.setRowStretch(3, 0)
            dialog.take_theirs.setText(QCoreApplication.translate("ResolutionsPage", "Show the newer draft"))
            dialog.layout().insertWidget(1, QLabel(QCoreApplication.translate(
                "ResolutionsPage", "Nothing was approved: the draft changed after you opened it. You read the "
                "version on the left (SHA-256 {0}); the draft is now the one on the right (SHA-256 {1}). "
                "Read it, then approve again.").format(group_hash(error.mine.get("hash", "")),
                                                       group_hash(error.theirs.get("hash", ""))), wordWrap=True))
            dialog.finished.connect(lambda _r: (dialog.deleteLater(), self._show_record(newer, newer.meeting_status)))
            self.approval_conflict = dialog
            dialog.open()

        DbOp(self, lambda s: minutes_db.minutes_record(s, meeting_id)).success(show).failure(self._fail).run()

    def _ask_amend(self) -> None:
        if self._record is None:
            return
        dialog = AmendDialog(self._record, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.amend_minutes(dialog.notes(), dialog.reason.text())

    def amend_minutes(self, notes: dict[int, str], reason: str) -> None:
        record, meeting_id = self._record, self._minutes_meeting
        if record is None or meeting_id is None:
            return
        expected = record.revision.number

        def work(session: Session) -> minutes_db.Draft:
            return minutes_db.amend(session, meeting_id, reason, notes=notes, expected_revision=expected)

        DbWrite(self, work).success(
            lambda d: (self.say(QCoreApplication.translate("ResolutionsPage", "Amendment saved as revision {0}; approve it to seal it.").format(d.revision)),
                       self._load_minutes(meeting_id))
        ).failure(self._fail).run()

    def _ask_export_minutes(self, kind: str) -> None:
        if self._record is None:
            return
        suffix = "docx" if kind == "docx" else "pdf"
        name = f"{self._record.title}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("ResolutionsPage", "Export minutes"), str(Path.home() / name), f"*.{suffix}")
        if path:
            self.export_minutes(Path(path), kind)

    def preview_minutes(self) -> None:
        """The print preview of the shown minutes (the same layout as the PDF)."""
        if self._record is None:
            return
        from desktop.core import pdf
        from desktop.meetings.minutes_pdf import SETUP, fill

        pdf.preview(self, fill(self._record, self._head), SETUP, self._record.title)

    def export_minutes(self, out: Path, kind: str) -> None:
        """Write the shown minutes; runs on the GUI thread (the record is already loaded)."""
        record = self._record
        if record is None:
            return
        try:
            if kind == "docx":
                from db.meetings.minutes_docx import write_docx

                write_docx(record, out, self._head)
            else:
                from desktop.meetings.minutes_pdf import write_pdf

                write_pdf(record, out, self._head)
        except OSError as error:
            self.say(describe(error))
            return
        self.say(QCoreApplication.translate("ResolutionsPage", "Wrote {0}.").format(out))



def group_hash(value: str, digits: int = 16) -> str:
    """The first digits of a hash in groups of four, as people read them out: ``1a2b 3c4d …``."""
    return " ".join(value[i:i + 4] for i in range(0, min(digits, len(value)), 4)) + ("…" if len(value) > digits else "")


def minutes_text(record: minutes_db.MinutesRecord) -> str:
    """The minutes as plain text, block by block (what the DOCX prints)."""
    return "\n".join(block.label + block.text for block in blocks(record) if block.style != "blank")


def minutes_html(record: minutes_db.MinutesRecord) -> str:
    """The minutes as they will print (same blocks as the DOCX), for reading on screen."""
    parts = []
    for block in blocks(record):
        text = html.escape(block.text, quote=False)
        if block.style == "title":
            parts.append(f"<h2 align='center' style='color:#C00000'>{text}</h2>")
        elif block.style in ("subtitle",):
            parts.append(f"<p align='center'>{text}</p>")
        elif block.style == "heading":
            parts.append(f"<p><b>{text}</b></p>")
        elif block.style == "heading2":
            parts.append(f"<p><i>{html.escape(block.line(), quote=False)}</i></p>")
        elif block.style == "attendance":
            parts.append(f"<p><b>{html.escape(block.label, quote=False)}</b>{text}</p>")
        elif block.style == "date":
            parts.append(f"<p align='right'>{text}</p>")
        elif block.style == "seal":
            parts.append(f"<p align='right' style='font-size:small'>{html.escape(block.label, quote=False)}{text}</p>")
        elif block.style != "blank":
            parts.append(f"<p>{text}</p>")
    return "".join(parts)
