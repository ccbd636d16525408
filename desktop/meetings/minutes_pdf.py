"""The 会议纪要 as PDF: the same blocks as the DOCX, laid out by Qt on A4 with the same margins.

The bundled CJK font (``resources.FONT_FAMILY``) is embedded, so the PDF reads the same on a PC
without Chinese fonts. Sizes follow GB/T 9704-2012 (title 22 pt red, body 16 pt, 28.95 pt lines,
page numbers "— 1 —" 14 pt, odd pages right and even pages left).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

import resources
from db.core.files import save_atomically
from db.meetings import minutes_docx as fmt
from db.meetings.minutes import MinutesRecord

RESOLUTION_DPI = 300


def _pt_to_px(pt: float) -> float:
    return pt * RESOLUTION_DPI / 72.0


def _line_height(pt: float) -> float:
    """Qt scales a fixed line height from 96-dpi pixels to the paint device itself."""
    return pt * 96 / 72.0


def _fill(doc: QTextDocument, record: MinutesRecord) -> None:
    """Lay the blocks out with exact line pitch, indents and fonts (in the writer's pixels)."""
    cursor = QTextCursor(doc)
    char = _pt_to_px(fmt.CHAR_ADVANCE_PT)
    first = True
    for block in fmt.blocks(record):
        para = QTextBlockFormat()
        para.setLineHeight(_line_height(fmt.LINE_PITCH_PT), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        para.setAlignment(Qt.AlignmentFlag.AlignJustify)
        text_format = QTextCharFormat()
        text_format.setFontFamilies([resources.FONT_FAMILY])
        text_format.setFontPointSize(fmt.BODY_PT)
        label_format = QTextCharFormat(text_format)
        if block.style == "title":
            para.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            para.setLineHeight(_line_height(fmt.TITLE_PT * 1.5), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            para.setBottomMargin(_line_height(fmt.LINE_PITCH_PT))
            text_format.setFontPointSize(fmt.TITLE_PT)
            text_format.setFontWeight(QFont.Weight.Bold)
            text_format.setForeground(QColor(f"#{fmt.RED}"))
        elif block.style == "subtitle":
            para.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        elif block.style == "heading":
            para.setTextIndent(2 * char)
            text_format.setFontWeight(QFont.Weight.Bold)
        elif block.style == "attendance":
            para.setLeftMargin((2 + len(block.label)) * char)
            para.setTextIndent(-len(block.label) * char)
            label_format.setFontWeight(QFont.Weight.Bold)
        elif block.style == "date":
            para.setAlignment(Qt.AlignmentFlag.AlignRight)
            para.setRightMargin(4 * char)
        elif block.style in ("body", "resolution"):
            para.setTextIndent(2 * char)
        elif block.style == "seal":
            para.setAlignment(Qt.AlignmentFlag.AlignRight)
            para.setLineHeight(_line_height(fmt.SEAL_PT * 1.5), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            text_format.setFontPointSize(fmt.SEAL_PT)
            label_format.setFontPointSize(fmt.SEAL_PT)
        if first:
            cursor.setBlockFormat(para)
            first = False
        else:
            cursor.insertBlock(para)
        if block.label:
            cursor.insertText(block.label, label_format)
        cursor.insertText(block.text, text_format)


def write_pdf(record: MinutesRecord, out: Path) -> None:
    """Write the minutes as PDF, atomically (OSError if the folder cannot be written)."""
    save_atomically(Path(out), lambda tmp: _render(record, tmp))


def _render(record: MinutesRecord, path: str) -> None:
    writer = QPdfWriter(path)
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(record.title)
    writer.setCreator("StreetBoard")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(fmt.LEFT_MM, fmt.TOP_MM, fmt.RIGHT_MM, fmt.BOTTOM_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(QFont(resources.FONT_FAMILY))
    doc.setDocumentMargin(0)
    body = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    doc.setPageSize(QSizeF(body.width(), body.height()))
    _fill(doc, record)
    pages = max(1, doc.pageCount())

    number_font = QFont(resources.FONT_FAMILY)
    number_font.setPixelSize(round(_pt_to_px(fmt.PAGE_NUMBER_PT)))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            clip = QRectF(0, page * body.height(), body.width(), body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            painter.setClipRect(clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            # page number 7 mm under the text block, one character in from the edge
            painter.setFont(number_font)
            top = body.height() + _pt_to_px(7 / 25.4 * 72)
            box = QRectF(
                _pt_to_px(fmt.PAGE_NUMBER_PT), top, body.width() - 2 * _pt_to_px(fmt.PAGE_NUMBER_PT),
                _pt_to_px(fmt.PAGE_NUMBER_PT * 1.5),
            )
            align = Qt.AlignmentFlag.AlignRight if page % 2 == 0 else Qt.AlignmentFlag.AlignLeft
            painter.drawText(box, align | Qt.AlignmentFlag.AlignTop, f"— {page + 1} —")
    finally:
        painter.end()
