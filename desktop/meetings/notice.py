"""The meeting's paper from the desktop: the 会议通知 and the 签到表 (db.meetings.documents) as PDF (the
one PDF path, desktop.core.pdf), DOCX and print preview, and the agenda as xlsx (openpyxl)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from PySide6.QtCore import QCoreApplication

from db.core.files import save_atomically
from db.core.paper import write_docx
from db.meetings.agenda import MeetingDetail
from db.meetings.documents import MeetingPaper, notice_paper, signin_paper
from desktop.core import pdf
from desktop.core.formatting import format_datetime
from desktop.meetings.texts import item_kind_name


def notice_rows(detail: MeetingDetail) -> list[tuple[str, str, str, str]]:
    """(no., item, kind, minutes) per agenda item."""
    return [(str(n), i.title, item_kind_name(i.kind), str(i.planned_minutes)) for n, i in enumerate(detail.items, start=1)]


def write_paper(document: str, fmt: str, paper: MeetingPaper, out: Path) -> None:
    """Write the 会议通知 (``document`` "notice") or the 签到表 ("signin") as PDF or DOCX (OSError if
    the folder cannot be written)."""
    built = notice_paper(paper) if document == "notice" else signin_paper(paper)
    if fmt == "pdf":
        pdf.write_paper_pdf(built, Path(out))
    else:
        write_docx(built, Path(out))


def preview_paper(parent, document: str, paper: MeetingPaper) -> None:  # noqa: ANN001 - a QWidget
    """The print preview of the notice or the sign-in sheet."""
    pdf.preview_paper(parent, notice_paper(paper) if document == "notice" else signin_paper(paper))


def write_notice_xlsx(detail: MeetingDetail, out: Path) -> None:
    m = detail.meeting
    wb = Workbook()
    ws = wb.active
    ws.title = QCoreApplication.translate("Notice", "Agenda")[:31]
    ws.append([m.title])
    ws["A1"].font = Font(bold=True, size=14, color="B71C1C")
    ws.append([QCoreApplication.translate("Notice", "Time"), format_datetime(m.starts_at)])
    ws.append([QCoreApplication.translate("Notice", "Place"), m.place])
    ws.append([QCoreApplication.translate("Notice", "Chair"), m.chair, QCoreApplication.translate("Notice", "Recorder"), m.recorder])
    ws.append([])
    ws.append([QCoreApplication.translate("Notice", "No."), QCoreApplication.translate("Notice", "Item"), QCoreApplication.translate("Notice", "Kind"), QCoreApplication.translate("Notice", "Minutes")])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for a, b, c, d in notice_rows(detail):
        ws.append([int(a), b, c, int(d)])
    ws.append([])
    ws.append([QCoreApplication.translate("Notice", "Planned {0} of {1} minutes").format(detail.agenda_minutes, m.planned_minutes)])
    for column, width in zip("ABCD", (8, 60, 24, 10), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=7):
        row[1].alignment = Alignment(wrap_text=True)
    save_atomically(Path(out), wb.save)
