"""The agenda notice (会议通知) of a meeting, as PDF (Qt: QTextDocument → QPdfWriter, A4, the CJK font
embedded) and as xlsx (openpyxl)."""

from __future__ import annotations

import html
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from db.meetings.agenda import MeetingDetail
from desktop.core.formatting import format_datetime
from desktop.meetings.texts import item_kind_name


def notice_rows(detail: MeetingDetail) -> list[tuple[str, str, str, str]]:
    """(no., item, kind, minutes) per agenda item."""
    return [(str(n), i.title, item_kind_name(i.kind), str(i.planned_minutes)) for n, i in enumerate(detail.items, start=1)]


def write_notice_pdf(detail: MeetingDetail, out: Path) -> None:
    m = detail.meeting
    head = QCoreApplication.translate("Notice", "Notice of meeting")
    rows = "".join(
        f"<tr><td align='center'>{html.escape(a)}</td><td>{html.escape(b)}</td><td>{html.escape(c)}</td>"
        f"<td align='center'>{html.escape(d)}</td></tr>" for a, b, c, d in notice_rows(detail))
    t = {
        "time": QCoreApplication.translate("Notice", "Time"),
        "place": QCoreApplication.translate("Notice", "Place"),
        "chair": QCoreApplication.translate("Notice", "Chair"),
        "recorder": QCoreApplication.translate("Notice", "Recorder"),
        "agenda": QCoreApplication.translate("Notice", "Agenda"),
        "no": QCoreApplication.translate("Notice", "No."),
        "item": QCoreApplication.translate("Notice", "Item"),
        "kind": QCoreApplication.translate("Notice", "Kind"),
        "minutes": QCoreApplication.translate("Notice", "Minutes"),
        "planned": QCoreApplication.translate("Notice", "Planned {0} of {1} minutes").format(
            detail.agenda_minutes, m.planned_minutes),
        "sign_in": QCoreApplication.translate(
            "Notice", "Please sign in ten minutes before the start; send a delegate if you cannot come."),
    }
    e = {key: html.escape(value) for key, value in t.items()}
    body = (
        f"<h2 align='center' style='color:#B71C1C'>{html.escape(m.title)}</h2>"
        f"<p align='center'>{html.escape(head)}</p>"
        f"<p>{e['time']}：{html.escape(format_datetime(m.starts_at))}<br/>"
        f"{e['place']}：{html.escape(m.place or '—')}<br/>"
        f"{e['chair']}：{html.escape(m.chair or '—')}　"
        f"{e['recorder']}：{html.escape(m.recorder or '—')}</p>"
        f"<h3>{e['agenda']}</h3>"
        "<table border='1' cellspacing='0' cellpadding='6' width='100%'>"
        f"<tr><th>{e['no']}</th><th>{e['item']}</th><th>{e['kind']}</th><th>{e['minutes']}</th></tr>{rows}</table>"
        f"<p>{e['planned']}</p>"
        f"<p>{e['sign_in']}</p>"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.parent.is_dir():
        raise OSError(str(out))
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(28, 37, 26, 35), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(m.title)
    doc = QTextDocument()
    app = QGuiApplication.instance()
    font = QFont(app.font()) if app else QFont()
    font.setPointSizeF(14)
    doc.setDefaultFont(font)
    doc.setHtml(body)
    layout = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(layout.width(), layout.height()))
    doc.print_(writer)
    del writer
    if not out.is_file():
        raise OSError(str(out))


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
    wb.save(out)
