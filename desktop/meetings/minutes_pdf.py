"""The 会议纪要 as PDF: the same blocks as the DOCX (版头, body, attendance, 版记), laid out through the one
PDF path (:mod:`desktop.core.pdf`) on A4 with the margins of GB/T 9704-2012.

Set in the bundled serif (a Noto Serif CJK SC subset standing in for 小标宋/仿宋/楷体) with the
headings 一、 in the bundled sans (for 黑体), embedded as subsets. Sizes: 纪要标志 36 pt red, title
22 pt, body 16 pt on 28.95 pt lines, 版记 14 pt, page numbers "— 1 —" 14 pt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)

from db.meetings import minutes_docx as fmt
from db.meetings.minutes import MinutesRecord
from desktop.core import pdf

SETUP = pdf.PageSetup(margins_mm=(fmt.LEFT_MM, fmt.TOP_MM, fmt.RIGHT_MM, fmt.BOTTOM_MM))
FIXED = QTextBlockFormat.LineHeightTypes.FixedHeight.value


def _rule(cursor: QTextCursor, scale: pdf.Scale, colour: str, width_pt: float) -> None:
    """A horizontal rule the width of the text block."""
    frame = QTextFrameFormat()
    frame.setBorder(0)
    frame.setHeight(scale.pt(width_pt))
    frame.setBackground(QColor(colour))
    frame.setMargin(0)
    cursor.insertFrame(frame)
    cursor.movePosition(QTextCursor.MoveOperation.End)


def fill(record: MinutesRecord, head: fmt.Masthead | None = None) -> pdf.Fill:
    """The minutes laid out on a document for :func:`desktop.core.pdf.render`."""

    def lay_out(doc: QTextDocument, scale: pdf.Scale) -> None:
        cursor = QTextCursor(doc)
        char = scale.pt(fmt.CHAR_ADVANCE_PT)
        first = True
        for block in fmt.blocks(record, head):
            if block.style == "rule":
                _rule(cursor, scale, f"#{fmt.RED}", 1.5)
                continue
            para = QTextBlockFormat()
            para.setLineHeight(scale.line(fmt.LINE_PITCH_PT), FIXED)
            para.setAlignment(Qt.AlignmentFlag.AlignJustify)
            text_format = QTextCharFormat()
            text_format.setFontFamilies([pdf.SERIF])
            text_format.setFontPointSize(fmt.BODY_PT)
            label_format = QTextCharFormat(text_format)
            text = block.text
            if block.style == "mark":
                para.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                para.setTopMargin(scale.mm(fmt.MARK_TOP_MM))
                para.setLineHeight(scale.line(fmt.MARK_PT * 1.3), FIXED)
                text_format.setFontPointSize(fmt.mark_pt(block.text))
                text_format.setFontWeight(QFont.Weight.Bold)
                text_format.setForeground(QColor(f"#{fmt.RED}"))
            elif block.style == "issue":
                para.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                para.setTopMargin(scale.line(fmt.LINE_PITCH_PT))
            elif block.style in ("issuer", "printed"):
                size = fmt.BODY_PT if block.style == "issuer" else fmt.RECORD_PT
                text_format.setFontPointSize(size)
                _two_ends(cursor, scale, block.text, block.label, text_format, size)
                if block.style == "printed":
                    _rule(cursor, scale, "#000000", 1.0)
                continue
            elif block.style == "distribution":
                _rule(cursor, scale, "#000000", 1.0)
                text_format.setFontPointSize(fmt.RECORD_PT)
                para.setTopMargin(scale.line(fmt.LINE_PITCH_PT))
                para.setLeftMargin(scale.pt(fmt.RECORD_PT * (1 + len(block.label))))
                para.setTextIndent(-scale.pt(fmt.RECORD_PT * len(block.label)))
                para.setLineHeight(scale.line(fmt.RECORD_PT * 1.8), FIXED)
                text = block.label + block.text
            elif block.style == "title":
                para.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                para.setTopMargin(scale.line(fmt.LINE_PITCH_PT) if head else 0)
                para.setLineHeight(scale.line(fmt.TITLE_PT * 1.5), FIXED)
                para.setBottomMargin(scale.line(fmt.LINE_PITCH_PT))
                text_format.setFontPointSize(fmt.TITLE_PT)
                text_format.setFontWeight(QFont.Weight.Bold)
                if head is None:
                    text_format.setForeground(QColor(f"#{fmt.RED}"))
            elif block.style == "subtitle":
                para.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            elif block.style == "heading":
                para.setTextIndent(2 * char)
                text_format.setFontFamilies([pdf.SANS])
            elif block.style == "heading2":
                para.setTextIndent(2 * char)
                text = block.label + block.text
            elif block.style == "attendance":
                para.setLeftMargin((2 + len(block.label)) * char)
                para.setTextIndent(-len(block.label) * char)
                label_format.setFontFamilies([pdf.SANS])
            elif block.style == "date":
                para.setAlignment(Qt.AlignmentFlag.AlignRight)
                para.setRightMargin(4 * char)
            elif block.style in ("body", "level3", "level4"):
                para.setTextIndent(2 * char)
            elif block.style == "seal":
                para.setAlignment(Qt.AlignmentFlag.AlignRight)
                para.setLineHeight(scale.line(fmt.SEAL_PT * 1.5), FIXED)
                text_format.setFontPointSize(fmt.SEAL_PT)
                label_format.setFontPointSize(fmt.SEAL_PT)
            if first:
                cursor.setBlockFormat(para)
                first = False
            else:
                cursor.insertBlock(para)
            if block.label and block.style in ("attendance", "seal"):
                cursor.insertText(block.label, label_format)
            cursor.insertText(text, text_format)

    return lay_out


def _two_ends(cursor: QTextCursor, scale: pdf.Scale, left: str, right: str, text_format: QTextCharFormat,
              size: float) -> None:
    """One line with text at both ends, one character (a full-width space) in from each edge."""
    table_format = QTextTableFormat()
    table_format.setBorder(0)
    table_format.setCellPadding(0)
    table_format.setCellSpacing(0)
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table = cursor.insertTable(1, 2, table_format)
    ends = ((f"\u3000{left}", Qt.AlignmentFlag.AlignLeft), (f"{right}\u3000", Qt.AlignmentFlag.AlignRight))
    for column, (text, align) in enumerate(ends):
        cell = table.cellAt(0, column).firstCursorPosition()
        para = QTextBlockFormat()
        para.setAlignment(align)
        para.setLineHeight(scale.line(size * 1.8), FIXED)
        cell.setBlockFormat(para)
        cell.insertText(text, text_format)
    cursor.movePosition(QTextCursor.MoveOperation.End)


def write_pdf(record: MinutesRecord, out: Path, head: fmt.Masthead | None = None) -> None:
    """Write the minutes as PDF, atomically (OSError if the folder cannot be written)."""
    pdf.write_pdf(Path(out), fill(record, head), SETUP, fmt.official_title(record))
