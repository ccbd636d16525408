"""The ledger (台账) as a workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from db.core.files import save_atomically
from db.core.paper import Paper, Para, Table
from db.resolutions.ledger import LedgerRow

# --------------------------------------------------------------------------- the ledger as a workbook


LEDGER_HEADERS = (
    ("会议", 30), ("会议日期", 12), ("编号", 7), ("类别", 7), ("议定事项／任务", 60), ("牵头单位", 24),
    ("配合单位", 24), ("完成时限", 12), ("状态", 9), ("进度", 8), ("是否逾期", 9), ("逾期原因", 30),
    ("最近反馈", 17), ("核查会议", 30),
)
STATUS_ZH = {
    "open": "未开始", "in_progress": "推进中", "ready_to_verify": "待核查", "done": "已办结", "cancelled": "已撤销",
}


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def write_ledger_xlsx(rows: Sequence[LedgerRow], out: Path, as_of: dt.date) -> None:
    """Write the 台账 workbook; the file appears whole or not at all (OSError if it cannot)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "决议任务台账"
    ws.append([f"大工委议定事项及任务台账（截至{_cn_date(as_of)}）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LEDGER_HEADERS))
    ws["A1"].font = Font(name="黑体", size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([h for h, _w in LEDGER_HEADERS])
    thin = Side(style="thin", color="999999")
    head_fill = PatternFill("solid", fgColor="DDE4EE")
    overdue_fill = PatternFill("solid", fgColor="FBE3E1")
    for col, (_h, width) in enumerate(LEDGER_HEADERS, start=1):
        cell = ws.cell(row=2, column=col)
        cell.font = Font(name="黑体", bold=True)
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in rows:
        ws.append([
            row.meeting_title,
            row.meeting_date,
            int(row.number) if row.number.isdigit() else row.number,  # a resolution's number; a task's "3.1"
            "决议" if row.kind == "resolution" else "任务",
            row.text,
            row.owner_unit,
            "、".join(row.co_units),
            row.deadline,
            STATUS_ZH.get(row.status, row.status),
            None if row.progress_pct is None else row.progress_pct / 100,
            "逾期" if row.overdue else "",
            row.overdue_reason,
            row.last_update,
            row.verified_meeting_title,
        ])
        r = ws.max_row
        ws.cell(r, 2).number_format = "yyyy-mm-dd"
        ws.cell(r, 8).number_format = "yyyy-mm-dd"
        ws.cell(r, 10).number_format = "0%"
        ws.cell(r, 13).number_format = "yyyy-mm-dd hh:mm"
        for col in range(1, len(LEDGER_HEADERS) + 1):
            cell = ws.cell(r, col)
            cell.alignment = Alignment(vertical="top", wrap_text=col in (1, 5, 6, 7, 12, 14))
            cell.border = Border(bottom=thin)
            if row.kind == "resolution":
                cell.font = Font(bold=col in (3, 5))
            if row.overdue:
                cell.fill = overdue_fill
        if row.overdue:
            ws.cell(r, 11).font = Font(bold=True, color="B00020")
    ws.freeze_panes = "F3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(LEDGER_HEADERS))}{max(ws.max_row, 2)}"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    save_atomically(out, wb.save)




# --------------------------------------------------------------------------- the ledger on paper

LEDGER_PAPER_HEADERS = ("编号", "议定事项／任务", "会议", "牵头单位", "完成时限", "状态", "进度", "逾期原因／最近反馈")
LEDGER_PAPER_WIDTHS = (1.6, 9, 4, 3.2, 2.6, 2, 1.8, 3.6)
LEDGER_PAPER_PT = 10.0  # ≥ 9 pt: readable on an A4 landscape page


def ledger_paper(rows: Sequence[LedgerRow], as_of: dt.date) -> Paper:
    """The 台账 for printing: A4 landscape, each resolution once (bold) with its tasks beneath it,
    the text wrapped in its column."""
    lines: list[tuple[str, ...]] = []
    groups: set[int] = set()
    seen: set[int] = set()
    for row in rows:
        if row.kind == "resolution":
            if row.resolution_id in seen:
                continue
            seen.add(row.resolution_id)
            groups.add(len(lines))
        feedback = row.overdue_reason or (f"{row.last_update:%Y-%m-%d}" if row.last_update else "")
        meeting = f"{row.meeting_title}（{_cn_date(row.meeting_date)}）" if row.kind == "resolution" else ""
        owner = row.owner_unit + ("、" + "、".join(row.co_units) if row.co_units else "")
        lines.append((
            row.number,
            row.text if row.kind == "resolution" else f"　{row.text}",
            meeting, owner, _cn_date(row.deadline),
            STATUS_ZH.get(row.status, row.status) + ("（逾期）" if row.overdue else ""),
            "—" if row.progress_pct is None else f"{row.progress_pct}%", feedback,
        ))
    title = f"大工委议定事项及任务台账（截至{_cn_date(as_of)}）"
    # tables of about a page each (a resolution is never split from its tasks): one long rich-text
    # table takes minutes to paginate
    starts = sorted(groups) + [len(lines)]
    tables: list[Para | Table] = [Para(title, "title")]
    chunk_start = 0
    for begin, end in zip(starts, starts[1:], strict=False):
        if end - chunk_start > LEDGER_ROWS_A_TABLE and begin > chunk_start:
            tables.append(_ledger_table(lines, groups, chunk_start, begin))
            chunk_start = begin
    if chunk_start < len(lines) or not lines:
        tables.append(_ledger_table(lines, groups, chunk_start, len(lines)))
    return Paper(title, tuple(tables), landscape=True, margins_mm=(15.0, 15.0, 15.0, 18.0))


LEDGER_ROWS_A_TABLE = 12


def _ledger_table(lines: list[tuple[str, ...]], groups: set[int], start: int, end: int) -> Table:
    return Table(LEDGER_PAPER_HEADERS, tuple(lines[start:end]), LEDGER_PAPER_WIDTHS, size=LEDGER_PAPER_PT,
                 groups=frozenset(g - start for g in groups if start <= g < end))
