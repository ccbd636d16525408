"""The 会议纪要 as a document, after GB/T 9704-2012, and its DOCX writer (python-docx, no Qt).

:func:`blocks` turns a :class:`~db.meetings.minutes.MinutesRecord` into the document's paragraphs in
order (title, opening, item headings, notes, numbered resolutions with owner and deadline, the
出席/请假/列席 lines, the date). The DOCX writer here and the PDF writer in the desktop layer
both lay out these blocks, so the two files say the same thing.

Layout (GB/T 9704-2012): A4; top margin 37 mm, binding (left) margin 28 mm, text block
156 × 225 mm (right 26 mm, bottom 35 mm); body 3号 (16 pt) 仿宋 on a 22 lines × 28 characters
grid (exact line spacing 28.95 pt), paragraphs indented two characters; title 2号 (22 pt)
小标宋, centred, red; headings 一、 in 黑体; "出席：" "请假：" "列席：" in 3号 黑体 with the names
in 仿宋, continuation lines aligned after the colon; page numbers 4号 (14 pt) 宋体 "— 1 —",
odd pages right and even pages left, one character in from the edge. The official fonts are
licensed: each font is named with an alternative (``w:altName``) Word and WPS fall back to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from db.core.signing import short_fingerprint
from db.meetings.minutes import MinutesRecord

# --------------------------------------------------------------------------- page geometry (mm, pt)

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
TOP_MM, LEFT_MM = 37.0, 28.0
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156.0, 225.0
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - TEXT_WIDTH_MM  # 26
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TEXT_HEIGHT_MM  # 35
BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_NUMBER_PT = 14.0  # 4号
LINE_PITCH_PT = 28.95  # 225 mm / 22 lines
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
CHAR_PITCH_PT = TEXT_WIDTH_MM / 25.4 * 72 / CHARS_PER_LINE  # 15.79 pt
CONDENSE_PT = -0.25  # 16 pt glyphs condensed so 28 fit a 156 mm line (see build_docx)
CHAR_ADVANCE_PT = BODY_PT + CONDENSE_PT
RED = "FF0000"

# family → the alternatives Word and WPS fall back to when it is missing (fontTable w:altName, then
# the Latin/complex-script names of the run), in the order a PC is likely to have them
TITLE_FONT = ("方正小标宋简体", "华文中宋", "宋体")
BODY_FONT = ("仿宋_GB2312", "仿宋", "FangSong")
HEADING_FONT = ("黑体", "SimHei", "Microsoft YaHei")
KAI_FONT = ("楷体_GB2312", "楷体", "KaiTi")
NUMBER_FONT = ("宋体", "SimSun", "NSimSun")
MARK_PT = 36.0  # 小初: the 纪要标志
MARK_TOP_MM = 35.0  # 纪要标志上边缘至版心上边缘 (GB/T 9704-2012 §10.3)
RECORD_PT = 14.0  # 4号: 版记

CN_DIGITS = "〇一二三四五六七八九"
SEAL_FINGERPRINT, SEAL_HASH = "电子签名指纹：", "校验码："  # `streetboard verify --document` reads these lines
SEAL_PT = 10.5  # 五号

# WordprocessingML wants child elements in schema order: what may follow the ones added here.
RPR_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
RPR_AFTER_SZCS = RPR_AFTER_SPACING[RPR_AFTER_SPACING.index("w:szCs") + 1:]
PPR_AFTER_SNAP = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)


def mark_pt(text: str) -> float:
    """The 纪要标志's size: 小初 (36 pt), smaller for a long name so it stays on one line."""
    width = TEXT_WIDTH_MM / 25.4 * 72
    return min(MARK_PT, float(int(width / max(1, len(text)) * 0.96)))


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (headings rarely go past 99)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def cn_date(day: dt.date) -> str:
    """Arabic numerals, as GB/T 9704-2012 asks: 2026年6月15日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _part_of_day(when: dt.datetime) -> str:
    return "上午" if when.hour < 12 else ("下午" if when.hour < 18 else "晚上")


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """One paragraph. ``style``: mark (the red 纪要标志) · issue (第×期) · issuer (编印单位, ``label`` the
    date) · rule (the red rule under the 版头) · title · subtitle · body · heading (一、) · heading2
    (（一）, ``label`` the number) · level3 (1.) · level4 (（1）) · attendance (``label`` 出席：) · date ·
    seal (the approver's key fingerprint and the revision's hash, under the date) · distribution
    (版记: 分送) · printed (版记: 印发机关, ``label`` 印发日期) · blank."""

    style: str
    text: str
    label: str = ""

    def line(self) -> str:
        """The paragraph's text as the document has it (a tab between the two ends of a line)."""
        return f"{self.text}\t{self.label}" if self.style in ("issuer", "printed") else self.label + self.text


@dataclass(frozen=True)
class Person:
    """One line of the attendance lists: a name, the unit it sits for, a note (委托某某 / 未签到)."""

    name: str
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class Masthead:
    """What the 版头 and 版记 say, read from the meeting's body and street (:func:`masthead`)."""

    mark: str  # 纪要标志: 汇湖街道大工委会议纪要
    issue: int  # 期号: the meeting's number among its body's meetings that year
    issuer: str  # 编印单位 and 印发机关: 汇湖街道大工委办公室
    distribution: str  # 分送
    units: tuple[tuple[str, str], ...] = ()  # (name, unit) of each person on the meeting's roster
    unsigned: tuple[str, ...] = ()  # members nobody signed in (缺席)


LABEL_RE = re.compile(r"\s*[（(][^（）()]*\d+\s*月\s*\d+\s*日[^（）()]*[）)]\s*$")


def official_title(record: MinutesRecord) -> str:
    """The title without the office's internal date label: 「大工委12月例会（12月8日）」 → 「大工委12月例会纪要」."""
    title = LABEL_RE.sub("", record.meeting_title).strip() or record.meeting_title
    return title if title.endswith("纪要") else f"{title}纪要"


def masthead(session, meeting_id: int) -> Masthead:  # noqa: ANN001 - a Session
    """The 版头 of a meeting's minutes: its body's 纪要标志, the 期号 (the meetings of that body held
    that year up to this one) and the office that prints it."""
    from sqlalchemy import extract, func, select

    from db.meetings.signin import roster
    from db.schema.meetings import Meeting
    from db.street.queries import street_name

    meeting = session.get(Meeting, meeting_id)
    street = street_name(session)
    body = meeting.body.name if meeting.body is not None else "大工委"
    full = body if body.startswith(street) else f"{street}{body}"
    issue = session.scalar(
        select(func.count()).select_from(Meeting).where(
            Meeting.body_id == meeting.body_id,
            extract("year", Meeting.starts_at) == meeting.starts_at.year,
            (Meeting.starts_at < meeting.starts_at) | ((Meeting.starts_at == meeting.starts_at) & (Meeting.id <= meeting.id)),
        )
    ) or 1
    rows = roster(session, meeting_id)
    return Masthead(
        mark=f"{full}会议纪要",
        issue=int(issue),
        issuer=f"{full}办公室",
        distribution=f"{full}各成员单位",
        units=tuple((r.name, r.unit_name) for r in rows if r.unit_name),
        unsigned=tuple(r.name for r in rows
                       if r.status is None and (r.member_id is not None or r.body_member_id is not None)),
    )


def _people(people: list[Person]) -> str:
    return "、".join(f"{p.unit}{p.name}{p.note}" for p in people)


def _attendance(record: MinutesRecord, head: Masthead | None) -> list[Block]:
    unit_of = dict(head.units) if head else {}
    present = [Person(p.name, unit_of.get(p.name, "")) for p in record.present]
    excused = []
    for p in record.excused:
        if p.note:  # a delegate came in the member's place
            present.append(Person(p.name, unit_of.get(p.name, ""), f"（由{p.note}代为出席）"))
        else:
            excused.append(Person(p.name, unit_of.get(p.name, "")))
    observers = [Person(p.name, p.note or unit_of.get(p.name, "")) for p in record.observers]
    named = {p.name for p in (*record.present, *record.excused, *record.observers, *record.absent)}
    absent = [Person(p.name, unit_of.get(p.name, ""), f"（{p.note}）" if p.note else "") for p in record.absent]
    absent += [Person(name, unit_of.get(name, "")) for name in (head.unsigned if head else ()) if name not in named]
    out = [Block("attendance", _people(present) or "无", "出席：")]
    for label, people in (("列席：", observers), ("请假：", excused), ("缺席：", absent)):
        if people:
            out.append(Block("attendance", _people(people), label))
    return out


def _figure_sentence(figures: tuple[tuple[str, str], ...]) -> str:
    """The projected figures as an office writes them: 「会上通报：关联网格事件12件（…）；…。」"""
    parts = []
    for label, value in figures:
        parts.append(f"本议题关联网格事件{value}" if label == "关联网格事件" else f"{label}{value}")
    return "会上通报：" + "；".join(parts) + "。"


def blocks(record: MinutesRecord, head: Masthead | None = None) -> list[Block]:
    """The document's paragraphs in order; with ``head`` the 版头 and 版记 of GB/T 9704-2012 §10.3."""
    out: list[Block] = []
    if head is not None:
        out += [Block("mark", head.mark), Block("issue", f"第{head.issue}期"),
                Block("issuer", head.issuer, cn_date(record.document_date)), Block("rule", "")]
    out.append(Block("title", official_title(record)))
    if not record.approved:
        out.append(Block("subtitle", "（讨论稿）"))
    when = record.starts_at
    opening = (
        f"{cn_date(when.date())}{_part_of_day(when)}，{record.meeting_title}在{record.place or '会议室'}召开。"
        f"会议由{record.chair}主持，{record.recorder}记录。"
    )
    if record.items:
        opening += "会议议程：" + "；".join(
            f"{cn_number(i)}是{item.title}" for i, item in enumerate(record.items, start=1)
        ) + "。"
    out.append(Block("body", opening))
    out.append(Block("body", "现将议定事项纪要如下："))

    by_item: dict[int | None, list] = {}
    positions = {item.position for item in record.items}
    for res in record.resolutions:
        key = res.item_position if res.item_position in positions else None
        by_item.setdefault(key, []).append(res)
    heading = 0
    for item in record.items:
        heading += 1
        out.append(Block("heading", f"{cn_number(heading)}、{item.title}"))
        said = [p.strip() for p in item.notes.splitlines() if p.strip()]
        decided = by_item.get(item.position, ())
        if not decided:
            out += [Block("body", para) for para in said]
            if item.figures:
                out.append(Block("body", _figure_sentence(item.figures)))
            continue
        sub = 0
        if said or item.figures:
            sub += 1
            out.append(Block("heading2", "会议情况。", f"（{cn_number(sub)}）"))
            out += [Block("body", para) for para in said]
            if item.figures:
                out.append(Block("body", _figure_sentence(item.figures)))
        sub += 1
        out.append(Block("heading2", "议定事项。", f"（{cn_number(sub)}）"))
        for n, res in enumerate(decided, start=1):
            out += _resolution_blocks(res, n)
    if by_item.get(None):
        heading += 1
        out.append(Block("heading", f"{cn_number(heading)}、其他议定事项"))
        for n, res in enumerate(by_item[None], start=1):
            out += _resolution_blocks(res, n)
    if not record.resolutions:
        out.append(Block("body", "本次会议未形成议定事项。"))

    out.append(Block("blank", ""))
    out += _attendance(record, head)
    out.append(Block("blank", ""))
    out.append(Block("date", cn_date(record.document_date)))
    if record.approved and record.revision.fingerprint:
        out.append(Block("seal", short_fingerprint(record.revision.fingerprint), SEAL_FINGERPRINT))
    if record.approved and record.revision.content_hash:  # minutes sealed before signing existed too
        out.append(Block("seal", record.revision.content_hash, SEAL_HASH))
    if head is not None:
        out += [Block("distribution", head.distribution, "分送："),
                Block("printed", head.issuer, f"{cn_date(record.document_date)}印发")]
    return out


def _resolution_blocks(res, n: int) -> list[Block]:  # noqa: ANN001 - a ResolutionRecord
    text = res.text.rstrip("。；;. ")
    owner = f"牵头单位：{res.owner or '未定'}"
    if res.co_units:
        owner += "；配合单位：" + "、".join(res.co_units)
    return [
        Block("level3", f"{n}. {text}（议定事项第{res.number}号）。"),
        Block("level4", f"（1）{owner}。"),
        Block("level4", f"（2）完成时限：{cn_date(res.deadline)}前。"),
    ]


# --------------------------------------------------------------------------- DOCX


def write_docx(record: MinutesRecord, out: Path, head: Masthead | None = None) -> None:
    """Write the minutes as an official-format DOCX, atomically (OSError if it cannot)."""
    from db.core.files import save_atomically

    document = build_docx(record, head)
    save_atomically(Path(out), document.save)


def _border(p, side: str, color: str, eighths: int) -> None:  # noqa: ANN001 - a docx Paragraph
    """A rule along one side of the paragraph (``eighths`` of a point thick)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = p.paragraph_format._element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                                  "w:adjustRightInd", "w:snapToGrid", *PPR_AFTER_SNAP)
    edge = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "1"), ("w:color", color)):
        edge.set(qn(key), value)
    borders.append(edge)


def build_docx(record: MinutesRecord, head: Masthead | None = None):  # noqa: ANN201 - docx.document.Document
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(BOTTOM_MM - 7 - 6)  # the number's line sits 7 mm under the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # The 22-line grid; the 28 characters a line come from the character pitch: each 16 pt glyph
    # is condensed to 156 mm / 28 (a "linesAndChars" grid squeezes glyphs in Word but gives each
    # glyph two cells in LibreOffice, so the pitch is set on the text instead).
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))  # twips
    doc.core_properties.title = official_title(record)
    doc.core_properties.author = record.recorder
    doc.core_properties.language = "zh-CN"

    def set_font(rpr_owner, family: tuple[str, ...], size: float) -> None:
        rpr = rpr_owner._element.get_or_add_rPr() if hasattr(rpr_owner, "_element") else rpr_owner
        fonts = rpr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), family[0])  # the licensed name for Chinese text
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):  # and a common one for the rest
            fonts.set(qn(attr), family[1])
        fonts.set(qn("w:hint"), "eastAsia")
        rpr.get_or_add_sz().set(qn("w:val"), str(round(size * 2)))
        size_cs = rpr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = OxmlElement("w:szCs")
            rpr.insert_element_before(size_cs, *RPR_AFTER_SZCS)
        size_cs.set(qn("w:val"), str(round(size * 2)))

    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.name = BODY_FONT[0]
    set_font(normal.element.get_or_add_rPr(), BODY_FONT, BODY_PT)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(CONDENSE_PT * 20)))
    normal.element.get_or_add_rPr().insert_element_before(spacing, *RPR_AFTER_SPACING)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PITCH_PT)
    pf.space_before = pf.space_after = Pt(0)
    pf.widow_control = False
    ppr = normal.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no extra gap between 汉字 and 2026
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        ppr.insert_element_before(el, "w:bidi", "w:adjustRightInd", "w:snapToGrid", *PPR_AFTER_SNAP)

    def paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars: float = 2.0):  # noqa: ANN001, ANN202
        p = doc.add_paragraph()
        p.alignment = align
        if indent_chars:
            p.paragraph_format.first_line_indent = Pt(CHAR_ADVANCE_PT * indent_chars)
        return p

    def run(p, text: str, family: tuple[str, ...], size: float = BODY_PT, color: str | None = None):  # noqa: ANN001, ANN202
        r = p.add_run(text)
        set_font(r, family, size)
        r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
        return r

    def off_grid(p) -> None:  # noqa: ANN001
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        p.paragraph_format._element.get_or_add_pPr().insert_element_before(snap, *PPR_AFTER_SNAP)

    for block in blocks(record, head):
        if block.style == "mark":
            p = paragraph(WD_ALIGN_PARAGRAPH.CENTER, 0)
            off_grid(p)
            p.paragraph_format.space_before = Mm(MARK_TOP_MM)
            p.paragraph_format.line_spacing = Pt(MARK_PT * 1.3)
            run(p, block.text, TITLE_FONT, mark_pt(block.text), RED)
        elif block.style == "issue":
            p = paragraph(WD_ALIGN_PARAGRAPH.CENTER, 0)
            p.paragraph_format.space_before = Pt(LINE_PITCH_PT)
            run(p, block.text, BODY_FONT)
        elif block.style in ("issuer", "printed", "distribution"):
            size = BODY_PT if block.style == "issuer" else RECORD_PT
            p = paragraph(WD_ALIGN_PARAGRAPH.LEFT, 0)
            fmt = p.paragraph_format
            fmt.left_indent = fmt.right_indent = Pt(size)  # 左右各空一字
            if block.style == "distribution":
                fmt.left_indent = Pt(size * (1 + len(block.label)))
                fmt.first_line_indent = Pt(-size * len(block.label))
                run(p, block.label + block.text, BODY_FONT, size)
                _border(p, "top", "000000", 8)
                _border(p, "bottom", "000000", 4)
                fmt.space_before = Pt(LINE_PITCH_PT * 2)
            else:
                fmt.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(size), WD_TAB_ALIGNMENT.RIGHT)
                run(p, f"{block.text}\t{block.label}", BODY_FONT, size)
                if block.style == "printed":
                    _border(p, "bottom", "000000", 8)
        elif block.style == "rule":
            p = paragraph(WD_ALIGN_PARAGRAPH.LEFT, 0)
            off_grid(p)
            p.paragraph_format.line_spacing = Pt(4)
            _border(p, "bottom", RED, 12)
        elif block.style == "heading2":
            p = paragraph()
            p.paragraph_format.keep_with_next = True
            run(p, block.label + block.text, KAI_FONT)
        elif block.style == "title":
            p = paragraph(WD_ALIGN_PARAGRAPH.CENTER, 0)
            p.paragraph_format.keep_with_next = True
            off_grid(p)  # a 22 pt title keeps its own spacing, not two grid cells a character
            if head is not None:  # one line under the red rule; the 版头 is red, the title black
                p.paragraph_format.space_before = Pt(LINE_PITCH_PT)
            run(p, block.text, TITLE_FONT, TITLE_PT, None if head is not None else RED)
            spacer = paragraph(WD_ALIGN_PARAGRAPH.CENTER, 0)  # one empty line under the title
            spacer.paragraph_format.keep_with_next = True
        elif block.style == "subtitle":
            p = paragraph(WD_ALIGN_PARAGRAPH.CENTER, 0)
            run(p, block.text, KAI_FONT)
        elif block.style == "heading":
            p = paragraph()
            p.paragraph_format.keep_with_next = True
            run(p, block.text, HEADING_FONT)
        elif block.style == "attendance":
            label_chars = len(block.label)
            p = paragraph(WD_ALIGN_PARAGRAPH.JUSTIFY, 0)
            fmt = p.paragraph_format
            fmt.left_indent = Pt(CHAR_ADVANCE_PT * (2 + label_chars))  # 左空二字, then the label
            fmt.first_line_indent = Pt(-CHAR_ADVANCE_PT * label_chars)  # lines align after the colon
            run(p, block.label, HEADING_FONT)
            run(p, block.text, BODY_FONT)
        elif block.style == "date":
            p = paragraph(WD_ALIGN_PARAGRAPH.RIGHT, 0)
            p.paragraph_format.right_indent = Pt(CHAR_ADVANCE_PT * 4)  # 右空四字
            run(p, block.text, BODY_FONT)
        elif block.style == "seal":
            p = paragraph(WD_ALIGN_PARAGRAPH.RIGHT, 0)
            off_grid(p)
            p.paragraph_format.line_spacing = Pt(SEAL_PT * 1.5)
            run(p, block.label + block.text, BODY_FONT, SEAL_PT)
        elif block.style == "blank":
            paragraph(WD_ALIGN_PARAGRAPH.LEFT, 0)
        else:  # body, resolution
            p = paragraph()
            run(p, block.text, BODY_FONT)

    _page_numbers(doc, section)
    _font_table(doc)
    return doc


def _page_numbers(doc, section) -> None:  # noqa: ANN001
    """"— 1 —" in 4号 宋体: odd pages right, even pages left, one character in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc.settings.odd_and_even_pages_header_footer = True

    def fill(footer, align, indent_side: str) -> None:  # noqa: ANN001
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.alignment = align
        setattr(p.paragraph_format, indent_side, Pt(PAGE_NUMBER_PT))
        p.paragraph_format.first_line_indent = Pt(0)

        def text_run(text: str) -> None:
            r = p.add_run(text)
            r.font.size = Pt(PAGE_NUMBER_PT)
            fonts = r._element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), NUMBER_FONT[0])
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attr), NUMBER_FONT[1])

        def field_char(kind: str) -> None:
            r = p.add_run()
            r.font.size = Pt(PAGE_NUMBER_PT)
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            r._element.append(el)

        text_run("— ")
        field_char("begin")
        instr_run = p.add_run()
        instr_run.font.size = Pt(PAGE_NUMBER_PT)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        instr_run._element.append(instr)
        field_char("separate")
        text_run("1")
        field_char("end")
        text_run(" —")

    fill(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent")
    fill(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent")


def _font_table(doc) -> None:  # noqa: ANN001
    """Name an alternative for each licensed font (Word/WPS substitute it when missing)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    for family, alternative, *_rest in (TITLE_FONT, BODY_FONT, HEADING_FONT, KAI_FONT, NUMBER_FONT):
        font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": family})
        etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": alternative})
        etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{ns}}}family", {f"{{{ns}}}val": "modern" if family in (BODY_FONT[0], KAI_FONT[0]) else "auto"})
        etree.SubElement(font, f"{{{ns}}}pitch", {f"{{{ns}}}val": "fixed" if family in (BODY_FONT[0], KAI_FONT[0]) else "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- checking a copy


@dataclass(frozen=True)
class DocumentCheck:
    """``verdict``: match (the copy says what the approved record says) · mismatch (its text differs) ·
    database_changed (the copy names a record that no longer verifies) · unknown (no hash line, or
    a hash no approved revision has) · unreadable (not a DOCX)."""

    verdict: str
    meeting_title: str = ""
    meeting_date: dt.date | None = None
    revision: int | None = None


def check_document(session, path: Path) -> DocumentCheck:  # noqa: ANN001 - a Session
    """Check a DOCX copy of approved minutes against the database: find its hash line, regenerate
    the document from that revision and compare the paragraphs, and verify the chain there."""
    from docx import Document
    from sqlalchemy import select

    from db.meetings.minutes import minutes_record, verify
    from db.schema.meetings import Minutes, MinutesRevision

    try:
        texts = [p.text.strip() for p in Document(str(path)).paragraphs]
    except Exception:  # noqa: BLE001 - python-docx raises many kinds for a file that is not a DOCX
        return DocumentCheck("unreadable")
    digest = next((t[len(SEAL_HASH):].strip() for t in texts if t.startswith(SEAL_HASH)), "")
    row = session.execute(
        select(Minutes.meeting_id, MinutesRevision.number).join(Minutes, Minutes.id == MinutesRevision.minutes_id)
        .where(MinutesRevision.content_hash == digest, MinutesRevision.approved_at.is_not(None))
    ).first() if digest else None
    if row is None:
        return DocumentCheck("unknown")
    record = minutes_record(session, row.meeting_id, row.number)
    found = (record.meeting_title, record.starts_at.date(), record.revision.number)
    if any(p.meeting_id == row.meeting_id for p in verify(session).problems):
        return DocumentCheck("database_changed", *found)
    written = [t for t in texts if t]
    forms = (blocks(record, masthead(session, row.meeting_id)), blocks(record))  # with its 版头, or without
    same = any(written == [b.line() for b in form if b.line()] for form in forms)
    return DocumentCheck("match" if same else "mismatch", *found)
