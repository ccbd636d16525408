"""Importing grid cases: the three real files, every bad-input rule, all-or-nothing, the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles import Font
from sqlalchemy import func, select, text

from db.cases.importing import CASE_SPEC, TEMPLATE_COLUMNS, write_template
from db.imports import engine as importing
from db.imports import reading as importing_reading
from db.imports.records import ImportCancelled, ImportFileError
from db.schema.cases import CaseCategory, CaseEvent, GridCase, HandlingUnit
from db.schema.imports import ImportRun
from db.schema.street import Community, Grid
from tests.real_data import REAL

ROOT = Path(__file__).resolve().parents[1]
HOTLINE = REAL / "hotline_messages_with_replies_2816.xlsx"
NYC = REAL / "nyc_311_backlog_snapshot_924.csv"
BALTIMORE = REAL / "baltimore_311_sample_10000.csv"
TEMPLATE_HEADERS = [header for header, *_ in TEMPLATE_COLUMNS]


def do_import(db, source, **kwargs):
    with db.session.begin() as session:
        session.info["actor"] = "tester"
        return importing.run(session, CASE_SPEC, source, **kwargs)


def case(db, number: str, source_key: str) -> GridCase:
    with db.session() as s:
        return s.scalars(select(GridCase).where(GridCase.case_number == number,
                                                GridCase.source_key == source_key)).one()


def snapshot(db) -> dict[str, str]:
    """Row counts and a checksum of every row of the tables an import can touch."""
    out = {}
    with db.engine.connect() as conn:
        for table in ("grid_case", "case_event", "handling_unit", "case_category", "import_run"):
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            out[table] = f"{len(rows)}:" + hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def count(db, model, *where) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def write_xlsx(path: Path, rows: list[list], headers: list[str] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers or ["事件编号", "标题", "上报时间", "结案时间"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def template_rows(n: int) -> list[list]:
    return [[f"T-{i:03d}", f"事件{i}", f"2026-05-{i % 28 + 1:02d} 09:00", ""] for i in range(n)]


# --------------------------------------------------------------------------- the real files


def test_hotline_file_imports_every_message(empty_db):
    result = do_import(empty_db, HOTLINE)
    assert result.profile.key == "hotline" and result.file_kind == "xlsx"
    assert result.counts == importing.ImportCounts(read=2816, imported=2816)
    assert result.written and not result.rejects

    first = case(empty_db, "25582", "hotline")
    assert first.title == "请求在A市榔梨街道如八字槽门一带增加一个地铁站点"
    assert first.reported_at == dt.datetime(2016, 2, 19, 8, 43)
    assert first.closed_at == dt.datetime(2016, 2, 19, 9, 13, 53)
    assert first.state == "CLOSED" and first.source == "hotline" and first.reporter_name == "UU008353"
    assert first.deadline_at == first.reported_at + dt.timedelta(days=15)
    assert first.community_id is None and first.grid_id is None and first.handling_unit_id is None
    assert first.description.startswith("榔梨街道") and "\t" not in first.description and "\xa0" not in first.description
    assert first.reply_note.startswith("来信人：")
    serial = case(empty_db, "2759", "hotline")  # row 2380: the message time stored as an Excel date number
    assert serial.reported_at == dt.datetime(2019, 4, 8, 8, 37, 20)
    date_only = case(empty_db, "27610", "hotline")  # row 2456: the reply time is a bare date
    assert date_only.closed_at == dt.datetime(2018, 4, 24)
    assert count(empty_db, CaseEvent, CaseEvent.action == "import") == 2816
    with empty_db.session() as s:
        run = s.scalars(select(ImportRun)).one()
    assert (run.file_name, run.profile, run.rows_read, run.imported, run.actor) == (HOTLINE.name, "hotline", 2816, 2816, "tester")

    before = snapshot(empty_db)
    again = do_import(empty_db, HOTLINE)
    assert again.counts == importing.ImportCounts(read=2816, unchanged=2816)
    after = snapshot(empty_db)
    assert {k: after[k] for k in ("grid_case", "case_event")} == {k: before[k] for k in ("grid_case", "case_event")}


def test_nyc_backlog_maps_states_agencies_and_open_rows(empty_db):
    result = do_import(empty_db, NYC)
    assert result.profile.key == "nyc311" and result.encoding == "utf-8"
    assert result.counts == importing.ImportCounts(read=924, imported=924)
    assert result.note("handling_units_created") == 8
    with empty_db.session() as s:
        states = dict(s.execute(select(GridCase.state, func.count()).group_by(GridCase.state)).all())
        nypd = s.scalar(select(func.count()).select_from(GridCase).join(HandlingUnit).where(
            HandlingUnit.name == "New York City Police Department"))
        kinds = set(s.scalars(select(HandlingUnit.kind)))
    assert states == {"CLOSED": 480, "IN_PROGRESS": 440, "REPORTED": 4}
    assert nypd == 885 and kinds == {"other"}
    open_case = case(empty_db, "54049402", "nyc311")
    assert (open_case.state, open_case.closed_at, open_case.reported_at) == (
        "IN_PROGRESS", None, dt.datetime(2022, 5, 1, 0, 0, 3))
    closed = case(empty_db, "54046813", "nyc311")
    assert (closed.state, closed.closed_at, closed.title) == (
        "CLOSED", dt.datetime(2022, 5, 1, 0, 7, 46), "Noise - Street/Sidewalk")


def test_baltimore_sample_maps_nine_status_words_and_both_id_formats(empty_db):
    result = do_import(empty_db, BALTIMORE)
    assert result.profile.key == "baltimore311"
    assert result.counts == importing.ImportCounts(read=10000, imported=10000)
    with empty_db.session() as s:
        states = dict(s.execute(select(GridCase.state, func.count()).group_by(GridCase.state)).all())
    # Closed + Closed (Transferred); the three duplicate words are void; Pending + In Progress
    assert states == {"CLOSED": 9585, "VOID": 217, "DISPATCHED": 113, "REPORTED": 67, "IN_PROGRESS": 18}
    assert count(empty_db, HandlingUnit) == 16
    # SRRecordID "5004100000j6t9wAAA" (the second id format): the case number is ServiceRequestNum
    lookup = case(empty_db, "18-00838880", "baltimore311")
    assert lookup.title == "ECC-Vehicle Look Up"
    assert lookup.reported_at == dt.datetime(2018, 11, 13, 13, 6, 56)
    assert lookup.deadline_at == dt.datetime(2018, 11, 13, 13, 6, 56)  # its own DueDate
    assert lookup.closed_at == dt.datetime(2018, 11, 13, 13, 7, 16)


# --------------------------------------------------------------------------- updates


def test_a_changed_row_updates_the_case_and_records_an_event(empty_db, tmp_path):
    path = write_xlsx(tmp_path / "cases.xlsx", template_rows(5))
    assert do_import(empty_db, path).counts.imported == 5
    rows = template_rows(5)
    rows[2][1] = "事件2（已更正）"
    rows[3].append("")  # same content, one more (blank) cell
    write_xlsx(path, rows)
    result = do_import(empty_db, path)
    assert (result.counts.updated, result.counts.unchanged, result.counts.imported) == (1, 4, 0)
    changed = case(empty_db, "T-002", "streetboard")
    assert changed.title == "事件2（已更正）" and changed.version == 2
    with empty_db.session() as s:
        event = s.scalars(select(CaseEvent).where(CaseEvent.case_id == changed.id,
                                                  CaseEvent.action == "import_update")).one()
    assert "标题" in event.note and event.actor == "tester"
    assert case(empty_db, "T-001", "streetboard").version == 1


# --------------------------------------------------------------------------- who owns which field

OWNED_HEADERS = ["事件编号", "标题", "上报时间", "地址", "状态", "结案时间"]


def owned_rows() -> list[list]:
    return [["S-001", "占道经营", "2026-05-01 09:00", "徽州大道100号", "派遣", ""],
            ["S-002", "井盖缺失", "2026-05-02 10:00", "望江路8号", "派遣", ""]]


def worked_in_the_app(db, tmp_path) -> tuple[Path, int]:
    """Import two dispatched cases; then accept S-001, put it on hold with a reason and supervise it."""
    from db.cases import services

    path = write_xlsx(tmp_path / "owned.xlsx", owned_rows(), OWNED_HEADERS)
    assert do_import(db, path).counts.imported == 2
    case_id = case(db, "S-001", "streetboard").id
    with db.session.begin() as s:
        s.info["actor"] = "secretary"
        services.transition_case(s, case_id, "accept")
        services.transition_case(s, case_id, "hold", note="等待管线单位施工")
        services.set_supervised(s, case_id, True, note="街道督办")
    return path, case_id


def case_events(db, case_id: int) -> list[tuple[str, str | None, str | None]]:
    with db.session() as s:
        return [tuple(r) for r in s.execute(select(CaseEvent.action, CaseEvent.to_state, CaseEvent.note)
                                            .where(CaseEvent.case_id == case_id).order_by(CaseEvent.id))]


def test_reimporting_the_same_file_keeps_what_the_street_did(empty_db, tmp_path):
    path, case_id = worked_in_the_app(empty_db, tmp_path)
    held = case(empty_db, "S-001", "streetboard")
    assert (held.state, held.supervised) == ("ON_HOLD", True) and held.hold_started_at is not None
    before, events = snapshot(empty_db), case_events(empty_db, case_id)
    result = do_import(empty_db, path)
    assert result.counts == importing.ImportCounts(read=2, unchanged=2)
    assert result.note("state_conflicts") == 0
    after = case(empty_db, "S-001", "streetboard")
    assert (after.state, after.supervised, after.hold_started_at, after.version) == (
        "ON_HOLD", True, held.hold_started_at, held.version)
    assert case_events(empty_db, case_id) == events
    assert count(empty_db, CaseEvent, CaseEvent.action == "import_update") == 0
    later = snapshot(empty_db)
    assert {k: later[k] for k in later if k != "import_run"} == {k: before[k] for k in before if k != "import_run"}
    assert count(empty_db, ImportRun) == 2


def test_a_changed_title_updates_the_title_but_not_the_state(empty_db, tmp_path):
    path, case_id = worked_in_the_app(empty_db, tmp_path)
    rows = owned_rows()
    rows[0][1] = "占道经营（夜市）"
    write_xlsx(path, rows, OWNED_HEADERS)
    result = do_import(empty_db, path)
    assert (result.counts.updated, result.counts.unchanged) == (1, 1)
    after = case(empty_db, "S-001", "streetboard")
    assert (after.title, after.state, after.supervised) == ("占道经营（夜市）", "ON_HOLD", True)
    assert after.hold_started_at is not None
    updates = [e for e in case_events(empty_db, case_id) if e[0] == "import_update"]
    assert len(updates) == 1 and updates[0][1] == "ON_HOLD" and "标题" in updates[0][2]


def test_a_source_closing_a_held_case_is_a_conflict_not_a_step_back(empty_db, tmp_path):
    path, case_id = worked_in_the_app(empty_db, tmp_path)
    rows = owned_rows()
    rows[0][4:6] = ["结案", "2026-05-06 16:00"]
    rows[1][4] = "处置中"
    write_xlsx(path, rows, OWNED_HEADERS)
    result = do_import(empty_db, path)
    assert result.note("state_conflicts") == 1 and result.counts.updated == 2
    after = case(empty_db, "S-001", "streetboard")
    assert (after.state, after.closed_at, after.supervised) == ("ON_HOLD", None, True)
    updates = [e for e in case_events(empty_db, case_id) if e[0] == "import_update"]
    assert len(updates) == 1 and updates[0][1] == "ON_HOLD" and "来源状态：已办结" in updates[0][2]
    # the same file again: the conflict is still reported, but nothing new is written
    before = snapshot(empty_db)
    again = do_import(empty_db, path)
    assert again.note("state_conflicts") == 1 and again.counts.unchanged == 2
    later = snapshot(empty_db)
    assert {k: later[k] for k in later if k != "import_run"} == {k: before[k] for k in before if k != "import_run"}
    # a case the app never moved still follows its source
    assert case(empty_db, "S-002", "streetboard").state == "IN_PROGRESS"


def test_a_blank_cell_does_not_erase_the_address(empty_db, tmp_path):
    path = write_xlsx(tmp_path / "owned.xlsx", owned_rows(), OWNED_HEADERS)
    do_import(empty_db, path)
    rows = owned_rows()
    rows[1][3] = ""
    write_xlsx(path, rows, OWNED_HEADERS)
    result = do_import(empty_db, path)
    assert result.counts == importing.ImportCounts(read=2, unchanged=2)
    assert case(empty_db, "S-002", "streetboard").address == "望江路8号"


# --------------------------------------------------------------------------- the rules


def test_dates_in_every_form(empty_db, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["事件编号", "标题", "上报时间", "结案时间"])
    sheet.append(["D1", "文本日期时间", "2026/6/1 9:30", "2026-06-02 10:00:00"])
    sheet.append(["D2", "只有日期", "2026-06-01", "2026年6月3日"])
    sheet.append(["D3", "Excel 序列号", 46174.5, None])  # a number in a General cell
    sheet.append(["D4", "日期单元格", dt.datetime(2026, 6, 1, 8, 15), dt.date(2026, 6, 4)])
    sheet.append(["D5", "美式", "06/01/2026 01:05:00 PM", "20260605"])
    sheet.append(["D6", "无法识别", "下周一", None])
    book.save(tmp_path / "dates.xlsx")
    result = do_import(empty_db, tmp_path / "dates.xlsx", accept_valid=True)
    assert [(r.row, r.column, r.value, r.reason) for r in result.rejects] == [(7, "上报时间", "下周一", "bad_date")]
    got = {n: (c.reported_at, c.closed_at) for n in ("D1", "D2", "D3", "D4", "D5")
           for c in [case(empty_db, n, "streetboard")]}
    assert got == {
        "D1": (dt.datetime(2026, 6, 1, 9, 30), dt.datetime(2026, 6, 2, 10)),
        "D2": (dt.datetime(2026, 6, 1), dt.datetime(2026, 6, 3)),
        "D3": (dt.datetime(2026, 6, 1, 12), None),
        "D4": (dt.datetime(2026, 6, 1, 8, 15), dt.datetime(2026, 6, 4)),
        "D5": (dt.datetime(2026, 6, 1, 13, 5), dt.datetime(2026, 6, 5)),
    }


def test_blank_required_fields_and_whitespace_junk(empty_db, tmp_path):
    path = write_xlsx(tmp_path / "junk.xlsx", [
        ["\u3000W1\t", "\t 井盖\u00a0缺失\u3000\n", " 2026-06-01 ", ""],
        ["W2", "  \u3000\t ", "2026-06-01", ""],
        ["W3", "标题", None, ""],
    ])
    result = do_import(empty_db, path)
    assert [(r.row, r.column, r.reason) for r in result.rejects] == [(3, "标题", "required"), (4, "上报时间", "required")]
    assert result.blocked and count(empty_db, GridCase) == 0
    result = do_import(empty_db, path, accept_valid=True)
    assert result.counts == importing.ImportCounts(read=3, imported=1, rejected=2)
    assert case(empty_db, "W1", "streetboard").title == "井盖 缺失"


def test_same_number_twice_rejects_both_rows_but_exact_repeats_count_once(empty_db, tmp_path):
    path = write_xlsx(tmp_path / "dups.xlsx", [
        ["A1", "路灯不亮", "2026-06-01 09:00", ""],
        ["A2", "井盖缺失", "2026-06-01 09:00", ""],
        ["A1", "路灯不亮了", "2026-06-01 09:00", ""],
        [" A2", "井盖缺失 ", "2026/6/1 9:00", ""],  # the same after trimming and parsing
    ])
    result = do_import(empty_db, path, accept_valid=True)
    assert [(r.row, r.reason, r.detail) for r in result.rejects] == [(2, "duplicate_key", "4"), (4, "duplicate_key", "2")]
    assert result.counts == importing.ImportCounts(read=4, imported=1, rejected=2, duplicates=1)
    assert count(empty_db, GridCase) == 1


def test_closed_before_reported_is_rejected(empty_db, tmp_path):
    path = write_xlsx(tmp_path / "closed.xlsx", [["C1", "倒挂", "2026-06-02 09:00", "2026-06-01 18:00"]])
    result = do_import(empty_db, path)
    assert [(r.row, r.column, r.reason) for r in result.rejects] == [(2, "结案时间", "closed_before_reported")]
    assert count(empty_db, GridCase) == 0


def test_unknown_categories_catch_all_counted_or_rejected(demo_db, tmp_path):
    headers = ["事件编号", "标题", "上报时间", "大类", "小类"]
    path = write_xlsx(tmp_path / "cats.xlsx", [
        ["K1", "占道", "2026-06-01 09:00", "街面秩序", "流动摊贩"],
        ["K2", "外星人", "2026-06-01 09:00", "外星事件", "飞碟"],
        ["K3", "没有分类", "2026-06-01 09:00", None, None],
    ], headers)
    with demo_db.session() as s:
        known = s.scalars(select(CaseCategory).where(CaseCategory.major == "街面秩序",
                                                     CaseCategory.minor == "流动摊贩")).one()
        catch_all = s.scalars(select(CaseCategory).where(CaseCategory.is_catch_all.is_(True))).one()
    profile = importing.find_profile(CASE_SPEC.builtin_profiles(), "streetboard")
    strict = replace(profile, options={**profile.options, "category_policy": "reject"})
    refused = do_import(demo_db, path, profile=strict)
    assert [(r.row, r.column, r.value, r.reason) for r in refused.rejects] == [(3, "大类", "外星事件/飞碟", "unknown_category")]

    result = do_import(demo_db, path)
    assert result.note("catch_all") == 1 and result.counts.imported == 3
    k1, k2, k3 = (case(demo_db, n, "streetboard") for n in ("K1", "K2", "K3"))
    assert k1.category_id == known.id and k1.deadline_at == k1.reported_at + dt.timedelta(days=known.time_limit_days)
    assert k2.category_id == catch_all.id and k3.category_id is None


def test_catch_all_category_is_created_when_the_database_has_none(empty_db, tmp_path):
    path = write_xlsx(tmp_path / "cats.xlsx", [["K1", "未知", "2026-06-01", "某类", "某小类"]],
                      ["事件编号", "标题", "上报时间", "大类", "小类"])
    result = do_import(empty_db, path)
    assert result.note("catch_all") == 1
    with empty_db.session() as s:
        created = s.scalars(select(CaseCategory)).one()
    assert (created.major, created.minor, created.is_catch_all) == ("其他事件", "其他", True)
    assert case(empty_db, "K1", "streetboard").category_id == created.id


def test_phantom_rows_at_the_end_are_not_counted(empty_db, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(TEMPLATE_HEADERS[:3])
    sheet.append(["P1", "一", "2026-06-01"])
    sheet.append(["P2", "二", "2026-06-01"])
    for r in range(4, 40):  # formatted but empty rows, and one holding only spaces
        sheet.cell(r, 1).font = Font(bold=True)
    sheet.cell(40, 2).value = " \u3000 "
    book.save(tmp_path / "phantom.xlsx")
    result = do_import(empty_db, tmp_path / "phantom.xlsx")
    assert result.counts == importing.ImportCounts(read=2, imported=2)


def test_a_title_row_above_the_header_keeps_row_numbers_right(empty_db, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["12345热线工单导出（2026年6月）"])
    sheet.append(["留言编号", "留言主题", "留言时间", "答复时间"])
    sheet.append([1, "一", "2026/6/1 8:00", "2026/6/2 8:00"])
    sheet.append([2, "二", "2026/6/1 8:00", "不详"])
    book.save(tmp_path / "titled.xlsx")
    result = do_import(empty_db, tmp_path / "titled.xlsx")
    assert result.profile.key == "hotline"
    assert [(r.row, r.column, r.reason) for r in result.rejects] == [(4, "答复时间", "bad_date")]


@pytest.mark.parametrize("encoding, expected", [("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8")])
def test_csv_encodings_are_detected_and_reported(empty_db, tmp_path, encoding, expected):
    path = tmp_path / "cases.csv"
    path.write_bytes("事件编号,标题,上报时间,社区\nE1,噪音扰民“广场舞”,2026-06-01 20:00,\n".encode(encoding))
    result = do_import(empty_db, path)
    assert (result.encoding, result.counts.imported) == (expected, 1)
    assert case(empty_db, "E1", "streetboard").title == "噪音扰民“广场舞”"


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


@pytest.mark.parametrize("name, content, reason, detail", [
    ("cases.xlsx", "事件编号,标题\nA,B\n".encode(), "mismatch", "text"),
    ("minutes.xlsx", None, "mismatch", "word"),
    ("cases.csv", b"PK\x03\x04" + b"\x00" * 64, "mismatch", "binary"),
    ("empty.xlsx", b"", "empty", ""),
    ("empty.csv", b" \r\n", "empty", ""),
    ("cases.pdf", b"%PDF-1.4", "unsupported_type", ""),
    ("latin.csv", "\xff\xfe\xfa".encode("latin-1") + b"\x81\x30", "encoding", ""),
])
def test_a_file_that_is_not_what_it_says_writes_nothing(empty_db, tmp_path, name, content, reason, detail):
    do_import(empty_db, write_xlsx(tmp_path / "first.xlsx", template_rows(3)))
    path = tmp_path / name
    if content is None:
        _docx(path)
    else:
        path.write_bytes(content)
    before = snapshot(empty_db)
    with pytest.raises(ImportFileError) as caught:
        do_import(empty_db, path)
    assert (caught.value.reason, caught.value.detail) == (reason, detail)
    assert snapshot(empty_db) == before


def test_template_round_trip(empty_db, tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book.worksheets[0][1]] == TEMPLATE_HEADERS
    assert [row[0] for row in book.worksheets[1].iter_rows(min_row=2, max_row=len(TEMPLATE_HEADERS) + 1, values_only=True)] \
        == TEMPLATE_HEADERS
    with pytest.raises(ImportFileError) as caught:
        do_import(empty_db, path)
    assert caught.value.reason == "no_rows"
    sheet = book.worksheets[0]
    sheet.append(["S1", "楼道堆物", "2026-06-01 09:00", None, None, "环境卫生", "楼道堆物", "幸福里3栋",
                  "多行\n描述", "物业公司", None, "结案", "2026-06-02 10:00", "满意", "巡查", "是"])
    book.save(path)
    result = do_import(empty_db, path)
    assert result.profile.key == "streetboard" and result.counts.imported == 1
    s1 = case(empty_db, "S1", "streetboard")
    assert (s1.state, s1.satisfaction, s1.source, s1.supervised, s1.description) == ("CLOSED", 4, "patrol", True, "多行\n描述")


def test_grid_and_community_resolve_or_reject(demo_db, tmp_path):
    with demo_db.session() as s:
        grid, community_name = s.execute(select(Grid, Community.name).join(Community).limit(1)).one()
        other = s.scalar(select(Community.name).where(Community.id != grid.community_id).limit(1))
    path = write_xlsx(tmp_path / "places.xlsx", [
        ["G1", "一", "2026-06-01", community_name, grid.code],
        ["G2", "二", "2026-06-01", None, grid.code],
        ["G3", "三", "2026-06-01", "不存在社区", None],
        ["G4", "四", "2026-06-01", None, "999"],
        ["G5", "五", "2026-06-01", other, grid.code],
    ], ["事件编号", "标题", "上报时间", "社区", "网格编码"])
    result = do_import(demo_db, path, accept_valid=True)
    assert [(r.row, r.reason) for r in result.rejects] == [(4, "unknown_community"), (5, "unknown_grid"),
                                                          (6, "grid_not_in_community")]
    for number in ("G1", "G2"):
        c = case(demo_db, number, "streetboard")
        assert (c.grid_id, c.community_id) == (grid.id, grid.community_id)


def test_saved_profile_is_shared_and_detected(empty_db, tmp_path):
    base = importing.find_profile(CASE_SPEC.builtin_profiles(), "streetboard")
    with empty_db.session.begin() as s:
        importing.save_profile(s, CASE_SPEC, "区平台导出", base,
                               {"case_number": "案件号", "title": "问题描述", "reported_at": "发现时间"})
    path = write_xlsx(tmp_path / "district.xlsx", [["Q1", "违停", "2026-06-01 07:00"]], ["案件号", "问题描述", "发现时间"])
    result = do_import(empty_db, path)
    assert result.profile.name == "区平台导出" and result.counts.imported == 1
    assert case(empty_db, "Q1", "streetboard").title == "违停"


# --------------------------------------------------------------------------- all or nothing


def test_rejects_or_a_cancel_leave_the_database_exactly_as_it_was(empty_db, tmp_path, monkeypatch):
    do_import(empty_db, NYC)
    before = snapshot(empty_db)
    bad = write_xlsx(tmp_path / "bad.xlsx", [*template_rows(3), ["X", "", "2026-06-01", ""]])
    assert do_import(empty_db, bad).blocked
    assert snapshot(empty_db) == before

    monkeypatch.setattr(importing, "WRITE_BATCH", 100)
    monkeypatch.setattr("db.cases.importing.WRITE_BATCH", 100)
    stages = []

    def progress(stage, fraction):
        stages.append((stage, fraction))

    with pytest.raises(ImportCancelled):
        # Baltimore creates handling units and categories first, then writes in batches: cancel mid-way
        do_import(empty_db, BALTIMORE, progress=progress,
                  cancelled=lambda: sum(1 for s, _ in stages if s == "write") >= 3)
    assert sum(1 for s, _ in stages if s == "write") >= 3
    assert snapshot(empty_db) == before


def test_reject_report_lists_every_reject(tmp_path, empty_db):
    path = write_xlsx(tmp_path / "bad.xlsx", [["B1", "", "2026-06-01", ""], ["B2", "二", "昨天", ""]])
    result = do_import(empty_db, path)
    report = importing.write_report(tmp_path / "report.xlsx", result.rejects)
    rows = list(openpyxl.load_workbook(report).active.iter_rows(values_only=True))
    assert rows[1:] == [(2, "标题", None, "is required but blank", "required"),
                        (3, "上报时间", "昨天", "is not a date or time", "bad_date")]


# --------------------------------------------------------------------------- the command line


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"}
    env.pop("STREETBOARD_DB", None)
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def _url(db) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_cli_imports_and_prints_profile_encoding_and_counts(empty_db):
    result = run_cli("import", "cases", str(NYC), "--db", _url(empty_db))
    assert result.returncode == 0, result.stderr
    assert "纽约 311 服务请求" in result.stderr and "UTF-8" in result.stderr
    assert "读取 924 行：新增 924，更新 0，未变 0，拒绝 0。" in result.stderr
    assert count(empty_db, GridCase) == 924


def test_cli_rejects_exit_2_and_write_nothing(empty_db, tmp_path):
    bad = write_xlsx(tmp_path / "bad.xlsx", [*template_rows(2), ["X1", "", "2026-06-01", ""], ["X2", "二", "2026-06-01", "2026-05-01"]])
    before = snapshot(empty_db)
    result = run_cli("import", "cases", str(bad), "--db", _url(empty_db))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "拒绝 2。" in result.stderr and "未导入任何数据" in result.stderr
    assert "第4行 标题 （空）: 必填但为空" in result.stderr
    assert "第5行 结案时间 2026-05-01: 结案时间早于上报时间" in result.stderr
    assert snapshot(empty_db) == before

    report = tmp_path / "report.xlsx"
    result = run_cli("import", "cases", str(bad), "--db", _url(empty_db), "--report", str(report))
    assert result.returncode == 2 and str(report) in result.stderr and "第4行" not in result.stderr
    assert len(list(openpyxl.load_workbook(report).active.iter_rows())) == 3
    assert snapshot(empty_db) == before

    result = run_cli("import", "cases", str(bad), "--db", _url(empty_db), "--accept-valid")
    assert result.returncode == 0 and "新增 2" in result.stderr
    assert count(empty_db, GridCase) == 2


def test_cli_bad_file_is_one_sentence(empty_db, tmp_path):
    fake = tmp_path / "cases.xlsx"
    fake.write_text("这其实是文本", encoding="utf-8")
    result = run_cli("import", "cases", str(fake), "--db", _url(empty_db))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and "与文件名不符" in lines[0]
    result = run_cli("import", "cases", str(NYC), "--db", _url(empty_db), "--profile", "nope")
    assert result.returncode == 2 and "没有名为“nope”的导入配置" in result.stderr


def test_preview_table_is_indexed_by_spreadsheet_rows(tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", template_rows(30))
    table = importing_reading.read_table(path)
    preview = table.preview(5)
    assert list(preview.index) == [2, 3, 4, 5, 6] and isinstance(preview, pd.DataFrame)
