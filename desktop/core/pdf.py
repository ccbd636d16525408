"""The one way StreetBoard lays out a paper document: a QTextDocument painted page by page on a
QPdfWriter (a PDF file) or a QPrinter (the print preview and the printer).

The document is laid out against the device it is painted on, so a point is a point: a 16 pt
character is 16 pt on paper whatever the device's resolution (a layout at the screen's 96 dpi
painted 1:1 on a 300-dpi writer comes out at a third of its size). Text is set in the bundled
fonts (``resources/fonts``): the serif "StreetBoard Serif SC" (a Noto Serif CJK SC subset) for
documents, the sans "StreetBoard Sans SC" for figures and tables. Qt embeds a subset of each
(``ABCDEF+Name``); the bundled fonts map each glyph to one character, so the PDF's text layer
copies what was written (a full system CJK font also maps its glyphs to the Kangxi radicals, and
月 copies as ⽉).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)

import resources
from db.core.files import save_atomically
from db.core.paper import STYLES, Paper, Para

SERIF = "StreetBoard Serif SC"
SANS = resources.FONT_FAMILY
RESOLUTION_DPI = 300


@dataclass(frozen=True)
class PageSetup:
    """A4; margins in millimetres (left, top, right, bottom); page numbers "— 1 —" under the text
    block (odd pages right, even pages left, as GB/T 9704-2012 places them) or centred."""

    landscape: bool = False
    margins_mm: tuple[float, float, float, float] = (28.0, 37.0, 26.0, 35.0)
    page_numbers: str = "official"  # official · centre · none
    number_pt: float = 14.0
    number_gap_mm: float = 7.0


@dataclass(frozen=True)
class Scale:
    """Lengths in the device's pixels: what QTextDocument's margins and indents are measured in."""

    dpi: float

    def pt(self, points: float) -> float:
        return points * self.dpi / 72.0

    def mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / 25.4

    @staticmethod
    def line(points: float) -> float:
        """A fixed line height: Qt scales it from 96-dpi pixels to the device itself."""
        return points * 96 / 72.0


Fill = Callable[[QTextDocument, Scale], None]


def ensure_fonts() -> None:
    """Register the bundled fonts (the app does at start; a CLI export may come first)."""
    if SERIF in QFontDatabase.families() and SANS in QFontDatabase.families():
        return
    for path in resources.font_files():
        QFontDatabase.addApplicationFont(str(path))


def page_layout(setup: PageSetup) -> QPageLayout:
    left, top, right, bottom = setup.margins_mm
    orientation = QPageLayout.Orientation.Landscape if setup.landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(left, top, right, bottom),
                       QPageLayout.Unit.Millimeter)


def render(device: QPagedPaintDevice, fill: Fill, setup: PageSetup) -> int:
    """Lay ``fill``'s document out on ``device`` (its page layout already set) and paint every
    page; the number of pages."""
    ensure_fonts()
    dpi = float(device.logicalDpiX())
    scale = Scale(dpi)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(QFont(SERIF))
    doc.setDocumentMargin(0)
    body = device.pageLayout().paintRectPixels(round(dpi))
    doc.setPageSize(QSizeF(body.width(), body.height()))
    fill(doc, scale)
    pages = max(1, doc.pageCount())
    number_font = QFont(SERIF)
    number_font.setPixelSize(round(scale.pt(setup.number_pt)))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            clip = QRectF(0, page * body.height(), body.width(), body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            painter.setClipRect(clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            if setup.page_numbers == "none":
                continue
            painter.setFont(number_font)
            inset = scale.pt(setup.number_pt)
            box = QRectF(inset, body.height() + scale.mm(setup.number_gap_mm), body.width() - 2 * inset,
                         scale.pt(setup.number_pt * 1.5))
            if setup.page_numbers == "centre":
                align = Qt.AlignmentFlag.AlignHCenter
            else:
                align = Qt.AlignmentFlag.AlignRight if page % 2 == 0 else Qt.AlignmentFlag.AlignLeft
            painter.drawText(box, align | Qt.AlignmentFlag.AlignTop, f"— {page + 1} —")
    finally:
        painter.end()
    return pages


def write_pdf(out: Path, fill: Fill, setup: PageSetup, title: str) -> None:
    """Write the document as PDF, atomically, with the user's normal permissions (OSError if the
    folder cannot be written)."""

    def paint(path: str) -> None:
        writer = QPdfWriter(path)
        writer.setResolution(RESOLUTION_DPI)
        writer.setTitle(title)
        writer.setCreator("StreetBoard")
        writer.setPageLayout(page_layout(setup))
        render(writer, fill, setup)
        del writer

    save_atomically(Path(out), paint)


def preview(parent, fill: Fill, setup: PageSetup, title: str) -> None:  # noqa: ANN001 - a QWidget
    """The print preview (QPrintPreviewDialog) of the document: the same layout as the PDF."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageLayout(page_layout(setup))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda p: render(p, fill, setup))
    dialog.exec()


# --------------------------------------------------------------------------- a Paper (db.core.paper)

ALIGN = {"centre": Qt.AlignmentFlag.AlignHCenter, "left": Qt.AlignmentFlag.AlignLeft,
         "justify": Qt.AlignmentFlag.AlignJustify, "right": Qt.AlignmentFlag.AlignRight}
FIXED = QTextBlockFormat.LineHeightTypes.FixedHeight.value
LINE_PT = 28.95


def paper_setup(paper: Paper) -> PageSetup:
    return PageSetup(landscape=paper.landscape, margins_mm=paper.margins_mm,
                     page_numbers="centre" if paper.landscape else "official")


def paper_fill(paper: Paper) -> Fill:
    """Lay out a :class:`~db.core.paper.Paper`: the same paragraphs and tables as its DOCX."""

    def lay_out(doc: QTextDocument, scale: Scale) -> None:
        cursor = QTextCursor(doc)
        first = True
        for part in paper.parts:
            if isinstance(part, Para):
                size, _family, side, indent, bold = STYLES[part.style]
                block = QTextBlockFormat()
                block.setAlignment(ALIGN[side])
                block.setLineHeight(Scale.line(max(LINE_PT, size * 1.4)), FIXED)
                block.setTextIndent(scale.pt(size * indent))
                if part.style == "signature":
                    block.setRightMargin(scale.pt(size * 4))
                char = QTextCharFormat()
                char.setFontFamilies([SANS if part.style == "heading" else SERIF])
                char.setFontPointSize(size)
                char.setFontWeight(QFont.Weight.Bold if bold or part.style == "title" else QFont.Weight.Normal)
                if part.red:
                    char.setForeground(Qt.GlobalColor.red)
                if first:
                    cursor.setBlockFormat(block)
                    first = False
                else:
                    cursor.insertBlock(block)
                cursor.insertText(part.text, char)
                continue
            if first:
                first = False
            table_format = QTextTableFormat()
            table_format.setBorder(scale.pt(0.5))
            table_format.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
            table_format.setBorderCollapse(True)
            table_format.setCellSpacing(0)
            table_format.setCellPadding(scale.pt(3))
            table_format.setHeaderRowCount(1)
            table_format.setTopMargin(scale.pt(6))
            table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
            total = sum(part.widths)
            table_format.setColumnWidthConstraints(
                [QTextLength(QTextLength.Type.PercentageLength, 100 * w / total) for w in part.widths])
            rows = (part.header, *part.rows)
            table = cursor.insertTable(len(rows), len(part.header), table_format)
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    cell_cursor = table.cellAt(r, c).firstCursorPosition()
                    block = QTextBlockFormat()
                    block.setAlignment(Qt.AlignmentFlag.AlignHCenter if r == 0 else Qt.AlignmentFlag.AlignLeft)
                    cell_cursor.setBlockFormat(block)
                    if part.min_row_pt and r:  # room to sign: padding above and below one line
                        cell = table.cellAt(r, c)
                        cell_format = cell.format().toTableCellFormat()
                        pad = scale.pt(max(3.0, (part.min_row_pt - part.size * 1.4) / 2))
                        cell_format.setTopPadding(pad)
                        cell_format.setBottomPadding(pad)
                        cell.setFormat(cell_format)
                    char = QTextCharFormat()
                    char.setFontFamilies([SANS if r == 0 else SERIF])
                    char.setFontPointSize(part.size)
                    if r and (r - 1) in part.groups:
                        char.setFontWeight(QFont.Weight.Bold)
                    cell_cursor.insertText(text, char)
            cursor.movePosition(QTextCursor.MoveOperation.End)

    return lay_out


def write_paper_pdf(paper: Paper, out: Path) -> None:
    write_pdf(out, paper_fill(paper), paper_setup(paper), paper.title)


def preview_paper(parent, paper: Paper) -> None:  # noqa: ANN001 - a QWidget
    preview(parent, paper_fill(paper), paper_setup(paper), paper.title)
