"""A paper document as data (paragraphs and tables) and its DOCX writer (python-docx, no Qt).

The 会议通知, the 签到表 and the 台账 are each built as a :class:`Paper`; the desktop's one PDF path
(``desktop.core.pdf``) lays out the same parts, so the DOCX and the PDF say the same thing. Sizes
follow GB/T 9704-2012 (title 2号 22 pt, body 3号 16 pt, tables 4号/小四); the official fonts are
named first, then the fallbacks Word and WPS resolve when a PC lacks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from db.core.files import save_atomically

TITLE_FONT = ("方正小标宋简体", "华文中宋", "宋体")
BODY_FONT = ("仿宋_GB2312", "仿宋", "FangSong")
HEADING_FONT = ("黑体", "SimHei", "Microsoft YaHei")
KAI_FONT = ("楷体_GB2312", "楷体", "KaiTi")

#: style → (point size, font, alignment, first-line indent in characters, bold)
STYLES: dict[str, tuple[float, tuple[str, ...], str, float, bool]] = {
    "title": (22.0, TITLE_FONT, "centre", 0, False),
    "subtitle": (16.0, KAI_FONT, "centre", 0, False),
    "addressee": (16.0, BODY_FONT, "left", 0, False),
    "body": (16.0, BODY_FONT, "justify", 2, False),
    "heading": (16.0, HEADING_FONT, "justify", 2, False),
    "signature": (16.0, BODY_FONT, "right", 0, False),
    "note": (12.0, BODY_FONT, "left", 0, False),
}
LINE_PT = 28.95  # 22 lines on the 225 mm text block


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"
    red: bool = False


@dataclass(frozen=True)
class Table:
    """A table: a header row, rows of text, relative column widths. ``groups`` marks the rows that
    open a group (a resolution above its tasks: bold); ``min_row_pt`` leaves room to sign."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    size: float = 12.0
    min_row_pt: float = 0.0
    groups: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Paper:
    title: str
    parts: tuple[Para | Table, ...]
    landscape: bool = False
    margins_mm: tuple[float, float, float, float] = (28.0, 37.0, 26.0, 35.0)  # left, top, right, bottom

    def text(self) -> str:
        """Every character the document prints, in order (what a reader copies out of it)."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, Para):
                out.append(part.text)
            else:
                out.extend("".join(cells) for cells in (part.header, *part.rows))
        return "".join(out)


def write_docx(paper: Paper, out: Path) -> None:
    """Write the paper as DOCX, atomically, with the user's normal permissions (OSError if it cannot)."""
    document = build_docx(paper)
    save_atomically(Path(out), document.save)


def _fonts(run, family: tuple[str, ...], size: float) -> None:  # noqa: ANN001 - a docx Run
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), family[0])
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), family[1])
    fonts.set(qn("w:hint"), "eastAsia")


def build_docx(paper: Paper):  # noqa: ANN201 - docx.document.Document
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt, RGBColor

    align = {"centre": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
             "justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "right": WD_ALIGN_PARAGRAPH.RIGHT}
    doc = Document()
    section = doc.sections[0]
    width, height = (297.0, 210.0) if paper.landscape else (210.0, 297.0)
    section.orientation = WD_ORIENT.LANDSCAPE if paper.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    left, top, right, bottom = paper.margins_mm
    section.left_margin, section.top_margin, section.right_margin, section.bottom_margin = (
        Mm(left), Mm(top), Mm(right), Mm(bottom))
    doc.core_properties.title = paper.title
    doc.core_properties.language = "zh-CN"
    text_width = Mm(width - left - right)
    for part in paper.parts:
        if isinstance(part, Para):
            size, family, side, indent, bold = STYLES[part.style]
            p = doc.add_paragraph()
            p.alignment = align[side]
            fmt = p.paragraph_format
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(max(LINE_PT, size * 1.4))
            fmt.space_before = fmt.space_after = Pt(0)
            if indent:
                fmt.first_line_indent = Pt(size * indent)
            if part.style == "signature":
                fmt.right_indent = Pt(size * 4)
            run = p.add_run(part.text)
            _fonts(run, family, size)
            run.bold = bold
            if part.red:
                run.font.color.rgb = RGBColor(0xFF, 0, 0)
            continue
        table = doc.add_table(rows=1 + len(part.rows), cols=len(part.header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        total = sum(part.widths)
        for row_index, cells in enumerate((part.header, *part.rows)):
            row = table.rows[row_index]
            if part.min_row_pt and row_index:
                row.height = Pt(part.min_row_pt)
            for column, text in enumerate(cells):
                cell = row.cells[column]
                cell.width = int(text_width * part.widths[column] / total)
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 else WD_ALIGN_PARAGRAPH.LEFT
                run = p.add_run(text)
                header = row_index == 0
                _fonts(run, HEADING_FONT if header else BODY_FONT, part.size)
                run.bold = not header and (row_index - 1) in part.groups
    return doc
