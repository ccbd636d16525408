"""The meeting's paper: the 纪要 in 公文 form (DOCX read back with python-docx), the one PDF path (PDFs
read back with pypdf: point sizes from the content stream, subset fonts, the text layer), the 会议通知,
the 签到表, the 台账 (xlsx cells typed, PDF landscape ≥ 9 pt) and files written with normal permissions."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.core.files import save_atomically
from db.meetings import minutes as mn
from db.meetings.documents import meeting_paper, notice_paper
from db.meetings.minutes_docx import RED, build_docx, masthead, official_title
from db.schema.meetings import Meeting

KANGXI = range(0x2E80, 0x2FE0)  # CJK radicals supplement and Kangxi radicals: what a full CJK font copies as


def _approved_meeting(db) -> int:  # noqa: ANN001
    with db.session() as s:
        from sqlalchemy import select

        return s.scalar(select(Meeting.id).where(Meeting.status == "approved").order_by(Meeting.starts_at.desc()))


def _pdf_text_and_sizes(path, pages: int | None = None) -> tuple[str, list[float], list[str]]:  # noqa: ANN001
    """The extracted text, every font size set in the content streams (Tf operand times the text
    matrix scale), and the base font names."""
    reader = PdfReader(str(path))
    text, sizes, fonts = [], [], set()
    for page in reader.pages[:pages]:
        def visit(_text, cm, tm, font_dict, font_size):  # noqa: ANN001, ANN202
            if _text.strip() and font_size:  # the size on paper: Tf times the text and page matrices
                a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                              tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
                sizes.append(round(font_size * abs(a * d - b * c) ** 0.5, 1))

        text.append(page.extract_text(visitor_text=visit))
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return "".join(text), sizes, sorted(fonts)


def _embedded_bytes(path) -> int:  # noqa: ANN001
    """The size of every embedded font program."""
    total = 0
    for page in PdfReader(str(path)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if descriptor is not None and key in descriptor.get_object():
                        total += len(descriptor.get_object()[key].get_object().get_data())
    return total


def _has(sizes: list[float], points: float) -> bool:
    """A size set at ``points`` (Qt rounds a font to whole device pixels: 16 pt at 300 dpi is 16.08 pt)."""
    return any(abs(size - points) <= 0.15 for size in sizes)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- files


def test_files_are_written_with_the_users_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        save_atomically(tmp_path / "a.txt", lambda tmp: Path(tmp).write_text("x"))
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "a.txt").stat().st_mode)
    assert mode == 0o644  # mkstemp alone leaves 0600: colleagues on a shared folder could not open it


# --------------------------------------------------------------------------- the 纪要 DOCX


def test_minutes_docx_has_the_gbt_9704_elements(demo_db):
    mid = _approved_meeting(demo_db)
    with demo_db.session() as s:
        record = mn.minutes_record(s, mid)
        head = masthead(s, mid)
        meeting = s.get(Meeting, mid)
        year_meetings = sorted((m.starts_at, m.id) for m in s.query(Meeting).filter(
            Meeting.body_id == meeting.body_id) if m.starts_at.year == meeting.starts_at.year)
    doc = build_docx(record, head)
    paragraphs = [p for p in doc.paragraphs]
    texts = [p.text for p in paragraphs]

    # 版头: the red 纪要标志, 期号 numbered per body per year, 编印单位 and date, the red rule
    mark = paragraphs[0]
    assert mark.text.endswith("会议纪要") and "大工委" in mark.text
    assert all(str(r.font.color.rgb) == RED for r in mark.runs)
    assert texts[1] == f"第{year_meetings.index((meeting.starts_at, mid)) + 1}期"
    assert texts[2].startswith(head.issuer + "\t") and texts[2].endswith(f"{record.document_date.day}日")
    rule = paragraphs[3]._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr")
    assert rule is not None and RED in [e.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}color")
                                        for e in rule]
    # the title without the internal date label, black under the red 版头
    assert texts[4] == official_title(record) and "（" not in texts[4]
    # eastAsia fonts: the licensed name first, a fallback for the other scripts
    fonts = paragraphs[4].runs[0]._element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "方正小标宋简体"
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii") == "华文中宋"
    # numbering 一、 （一） 1. （1）
    body = "\n".join(texts)
    assert re.search(r"^一、", body, re.M) and re.search(r"^（1）牵头单位：", body, re.M)
    assert re.search(r"^1\. ", body, re.M)
    # the attendance lists name the unit before the person (出席、列席、请假、缺席)
    units = dict(head.units)
    present = next(t for t in texts if t.startswith("出席："))
    first = next(p.name for p in record.present if units.get(p.name))
    assert f"{units[first]}{first}" in present
    for label, people in (("请假：", [p for p in record.excused if not p.note]), ("缺席：", record.absent)):
        if people:
            assert any(t.startswith(label) and people[0].name in t for t in texts)
    # no program output
    assert "会上展示的数据" not in body
    # 版记: 分送, 印发机关 and 印发日期
    assert texts[-2].startswith("分送：") and texts[-1] == f"{head.issuer}\t{record.document_date.year}年" \
        f"{record.document_date.month}月{record.document_date.day}日印发"


def test_minutes_levels_and_data_sentence(demo_db):
    """An item with resolutions gets （一）会议情况 and （二）议定事项; the projected figures read as a sentence."""
    from db.meetings.minutes_docx import blocks

    with demo_db.session() as s:
        for (mid,) in s.query(Meeting.id).filter(Meeting.status == "approved"):
            record = mn.minutes_record(s, mid)
            if any(r.item_position in {i.position for i in record.items if i.notes} for r in record.resolutions):
                break
        else:
            pytest.skip("the demo street has no item with notes and a resolution")
        head = masthead(s, mid)
    styles = [(b.style, b.line()) for b in blocks(record, head)]
    assert ("heading2", "（一）会议情况。") in styles and ("heading2", "（二）议定事项。") in styles
    sentences = [t for st, t in styles if t.startswith("会上通报：")]
    assert all(t.endswith("。") for t in sentences)


def test_the_title_loses_the_internal_label():
    from db.meetings.minutes_docx import LABEL_RE

    assert LABEL_RE.sub("", "大工委12月例会（12月8日）") == "大工委12月例会"
    assert LABEL_RE.sub("", "大工委12月例会（扩大）") == "大工委12月例会（扩大）"


# --------------------------------------------------------------------------- PDFs


def test_minutes_pdf_is_serif_at_its_sizes_and_copies_right(demo_db, tmp_path, sb_app):
    from desktop.meetings.minutes_pdf import write_pdf

    mid = _approved_meeting(demo_db)
    with demo_db.session() as s:
        record = mn.minutes_record(s, mid)
        head = masthead(s, mid)
    out = tmp_path / "m.pdf"
    write_pdf(record, out, head)
    text, sizes, fonts = _pdf_text_and_sizes(out)
    assert "/StreetBoardSerifSC-Regular" in fonts and "/StreetBoardSerifSC-Bold" in fonts, fonts
    assert _embedded_bytes(out) < 1_000_000  # subsets: the bundled serif faces are 4.3 MB each
    assert min(sizes) >= 10.4 and _has(sizes, 16.0) and _has(sizes, 22.0)  # 五号 seal line, 3号 body, 2号 title
    assert not [c for c in text if ord(c) in KANGXI]
    assert _squash(official_title(record)) in _squash(text) and _squash(head.mark) in _squash(text)
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # readable by colleagues (umask 022 here)


def test_notice_pdf_reads_at_16_pt_and_names_the_addressees(demo_db, tmp_path, sb_app):
    from desktop.meetings.notice import write_paper

    with demo_db.session() as s:
        mid = s.scalar(Meeting.__table__.select().with_only_columns(Meeting.id).where(Meeting.status == "planned"))
        paper = meeting_paper(s, mid, today=dt.date(2026, 6, 15))
    assert paper.members and paper.units
    out = tmp_path / "notice.pdf"
    write_paper("notice", "pdf", paper, out)
    text, sizes, fonts = _pdf_text_and_sizes(out)
    assert min(sizes) >= 13.9 and _has(sizes, 16.0)  # was ~4.5 pt: a 96-dpi layout printed on 300 dpi
    assert fonts and all(f.startswith("/StreetBoard") for f in fonts)
    assert not [c for c in text if ord(c) in KANGXI]
    copied = _squash(text)
    position = 0
    for part in notice_paper(paper).parts:  # every paragraph and table row copies as written, in order
        for line in ([part.text] if hasattr(part, "style") else ["".join(r) for r in (part.header, *part.rows)]):
            found = copied.find(_squash(line), position)
            assert found >= 0, line
            position = found + len(_squash(line))
    assert "、".join(paper.units) + "：" in _squash(text)
    assert paper.recorder and f"联系人：{paper.recorder}" in _squash(text)
    assert paper.issuer in _squash(text)


def test_signin_sheet_lists_members_with_unit_position_and_room_to_sign(demo_db, tmp_path, sb_app):
    from docx import Document

    from desktop.meetings.notice import write_paper

    with demo_db.session() as s:
        mid = _approved_meeting(demo_db)
        paper = meeting_paper(s, mid)
    write_paper("signin", "docx", paper, tmp_path / "s.docx")
    write_paper("signin", "pdf", paper, tmp_path / "s.pdf")
    table = Document(str(tmp_path / "s.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "单位", "姓名", "职务", "签名", "备注"]
    member = paper.members[0]
    assert [c.text for c in table.rows[1].cells][1:5] == [member.unit, member.name, member.title, ""]
    observer_rows = [r for r in table.rows[1:] if r.cells[3].text == "列席" or r.cells[2].text in
                     {o.name for o in paper.observers}]
    assert len(observer_rows) >= 4  # blank 列席 rows to fill in by hand
    text, sizes, _fonts = _pdf_text_and_sizes(tmp_path / "s.pdf")
    assert min(sizes) >= 11.9 and member.name in _squash(text)


def test_ledger_pdf_is_landscape_wrapped_and_at_least_9_pt(demo_db, tmp_path, sb_app):
    from db.resolutions.export import ledger_paper
    from db.resolutions.ledger import ledger
    from desktop.core.pdf import write_paper_pdf

    today = dt.date(2026, 6, 15)
    with demo_db.session() as s:
        rows = ledger(s, today)
    out = tmp_path / "ledger.pdf"
    write_paper_pdf(ledger_paper(rows, today), out)
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    text, sizes, _fonts = _pdf_text_and_sizes(out, pages=2)  # (reading back all pages takes minutes)
    assert min(sizes) >= 9.0 and _has(sizes, 10.0)
    first = rows[0]
    assert len(first.text) > 30 and _squash(first.text) in _squash(text)  # wrapped in its column, not cut
    resolutions = [r for r in rows if r.kind == "resolution"]
    paper = ledger_paper(rows, today)
    assert sum(len(t.groups) for t in paper.parts[1:]) == len({r.resolution_id for r in resolutions})


def test_ledger_xlsx_cells_are_typed(demo_db, tmp_path):
    from openpyxl import load_workbook

    from db.resolutions.export import write_ledger_xlsx
    from db.resolutions.ledger import ledger

    today = dt.date(2026, 6, 15)
    with demo_db.session() as s:
        rows = ledger(s, today)
    write_ledger_xlsx(rows, tmp_path / "l.xlsx", today)
    ws = load_workbook(tmp_path / "l.xlsx").active
    first = [c.value for c in ws[3]]
    assert isinstance(first[1], dt.datetime | dt.date) and isinstance(first[7], dt.datetime | dt.date)
    assert isinstance(first[2], int)  # a resolution's number is a number
    progress = [c.value for c in ws["J"][2:] if c.value is not None]
    assert progress and all(isinstance(v, int | float) for v in progress)


def test_cli_exports_every_document(qapp, demo_db, tmp_path, capsys):
    from desktop.cli import main

    url = demo_db.engine.url.render_as_string(hide_password=False)
    mid = _approved_meeting(demo_db)
    for kind in ("notice", "signin", "minutes"):
        for fmt in ("pdf", "docx"):
            out = tmp_path / f"{kind}.{fmt}"
            assert main(["export", kind, str(mid), f"--{fmt}", str(out), "--db", url]) == 0
            assert out.stat().st_size > 2000
    assert main(["export", "ledger", "--pdf", str(tmp_path / "l.pdf"), "--db", url]) == 0
    assert main(["export", "signin", "999999", "--pdf", str(tmp_path / "x.pdf"), "--db", url]) == 2
    assert "999999" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


def test_a_saved_picture_names_the_page_its_filters_and_the_date(sb_app, tmp_path):
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

    from desktop.core.images import filters_text, save_titled_png

    bar = QWidget()
    row = QHBoxLayout(bar)
    choice = QComboBox()
    choice.addItems(["全部社区", "汇湖社区"])
    choice.setCurrentIndex(1)
    row.addWidget(choice)
    row.addWidget(QLabel("统计图"))
    bar.resize(400, 120)
    assert filters_text(bar) == "汇湖社区"
    out = tmp_path / "view.png"
    assert save_titled_png(bar, out, "网格事件", filters_text(bar))
    image = QImage(str(out))
    assert image.height() > bar.grab().toImage().height()  # the band above the view
    band = [image.pixelColor(x, y).lightness() for x in range(0, image.width(), 2) for y in range(4, 52)]
    assert min(band) < 128  # text is written in it
    assert stat.S_IMODE(out.stat().st_mode) & 0o044
