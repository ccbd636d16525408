"""The set-up workbook: one sheet per body of the street, read through the import engine.

    write_template("街道设置.xlsx")                        # headers in Chinese, 说明, drop-down lists
    setup, rejects = read_workbook(session, "街道设置.xlsx")  # cells parsed and checked, row by row
    outcome = import_workbook(session, "街道设置.xlsx")      # all or nothing (SetupRejected)

Every sheet is parsed by :func:`db.imports.reading.parse_fields` with the sheet's :class:`Field`
list (blanks, numbers, yes/no, word lists, lengths: the engine's reasons), then the whole
:class:`~db.street.services.StreetSetup` is checked by :func:`db.street.services.check_setup`
(names, references between sheets, the grid code scheme).  A sheet that is absent or has no data
rows leaves that body as the database has it; the street sheet must be there unless the database
already has its street.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from db.imports.engine import missing_required, resolve_mapping
from db.imports.reading import parse_fields, read_table
from db.imports.records import Field, ImportFileError, Profile, SourceTable
from db.street import services as sv
from db.street.services import SetupReject, StreetSetup

FLAG_LIST = "是,否"


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook: its body, title, fields (key, Chinese header) and what it explains."""

    body: str
    title: str
    fields: tuple[Field, ...]
    explain: str
    example: tuple[Any, ...]
    lists: Mapping[str, str]  # field key → the drop-down's words

    @property
    def kind(self) -> str:
        return f"setup_{self.body}"

    key_fields: tuple[str, ...] = ()

    def headers(self) -> dict[str, str]:
        return {f.key: f.label for f in self.fields}


def _sheet(body: str, title: str, fields: tuple[Field, ...], explain: str, example: tuple[Any, ...],
           lists: Mapping[str, str] | None = None) -> Sheet:
    return Sheet(body, title, fields, explain, example, lists or {})


SHEETS: tuple[Sheet, ...] = (
    _sheet("street", "街道", (
        Field("name", "街道名称", required=True, max_length=100),
        Field("code", "行政区划代码", required=True, max_length=12),
        Field("district", "所属区县", max_length=100),
        Field("city", "所属城市", max_length=100),
        Field("term_number", "大工委届次", kind="int", low=1, high=999),
        Field("started_on", "本届开始日期", kind="datetime"),
        Field("ended_on", "本届结束日期", kind="datetime"),
    ), "一行：街道名称、9位行政区划代码（6位区县代码+3位街道代码）和本届大工委的届次与起止日期。",
        ("包河区望湖街道", "340111006", "包河区", "合肥市", 3, dt.date(2024, 1, 1), dt.date(2028, 12, 31))),
    _sheet("communities", "社区", (
        Field("number", "社区编号", kind="int", required=True, low=1, high=999),
        Field("name", "社区名称", required=True, max_length=100),
        Field("is_village", "是否村", kind="flag"),
    ), "每个社区（村）一行。社区编号 1–999，社区代码 = 街道代码 + 3位社区编号；名称不能重复。",
        (1, "汇湖社区", "否"), {"is_village": FLAG_LIST}),
    _sheet("grids", "网格", (
        Field("community", "所属社区", required=True, max_length=100),
        Field("number", "网格编号", kind="int", required=True, low=1, high=999),
        Field("name", "网格名称", max_length=100),
        Field("code", "网格编码", max_length=32),
    ), "每个网格一行。网格编码 = 街道代码(9位) + 社区编号(3位) + 网格编号(3位)，可不填（自动生成）；"
       "所属社区须是“社区”表中的名称。",
        ("汇湖社区", 1, "汇湖社区第1网格", "340111006001001")),
    _sheet("workers", "网格员", (
        Field("grid", "网格", required=True, max_length=100),
        Field("name", "姓名", required=True, max_length=50),
        Field("phone", "联系电话", max_length=30),
        Field("full_time", "是否专职", kind="flag"),
    ), "综合网格员，每人每网格一行。网格填网格编码或网格名称。",
        ("340111006001001", "张敏", "13800000000", "是"), {"full_time": FLAG_LIST}),
    _sheet("members", "大工委成员", (
        Field("name", "姓名", required=True, max_length=50),
        Field("role", "职务", kind="choice", required=True, words=sv.ROLE_WORDS),
        Field("kind", "专兼职", kind="choice", required=True, words=sv.KIND_WORDS),
        Field("unit", "所在单位", max_length=120),
        Field("title", "单位职务", max_length=100),
        Field("phone", "联系电话", max_length=30),
    ), "本届大工委成员，每人一行。职务：书记 / 副书记 / 委员；专兼职：专职 / 兼职。",
        ("李华", "书记", "专职", "包河区望湖街道办事处", "党工委书记", "13900000000"),
        {"role": "书记,副书记,委员", "kind": "专职,兼职"}),
    _sheet("handling_units", "处置部门", (
        Field("name", "部门名称", required=True, max_length=120),
        Field("kind", "类型", kind="choice", words=sv.HANDLING_KIND_WORDS),
    ), "网格事件派遣到的部门，每个一行。类型：街道科室 / 派驻机构 / 社区 / 企业 / 其他（不填为街道科室）。",
        ("城市管理办公室", "街道科室"), {"kind": "街道科室,派驻机构,社区,企业,其他"}),
    _sheet("municipal", "市直部门", (
        Field("name", "部门名称", required=True, max_length=120),
        Field("short_name", "简称", max_length=40),
        Field("contact_person", "联系人", max_length=50),
        Field("contact_phone", "联系电话", max_length=30),
    ), "四联四定结对的市直部门，每个一行。", ("合肥市住房保障和房产管理局", "市房产局", "王强", "0551-00000000")),
    _sheet("categories", "事件分类", (
        Field("major", "大类", required=True, max_length=50),
        Field("minor", "小类", required=True, max_length=80),
        Field("kind", "类型", kind="choice", words=sv.CASE_KIND_WORDS),
        Field("time_limit_days", "办结时限（天）", kind="int", low=1, high=365),
    ), "网格事件分类，大类+小类不能重复。类型：事件 / 部件（不填为事件）；办结时限不填为7天。",
        ("市容环境", "暴露垃圾", "事件", 3), {"kind": "事件,部件"}),
    _sheet("users", "用户", (
        Field("username", "登录名", required=True, max_length=50),
        Field("display_name", "姓名", required=True, max_length=50),
        Field("role", "角色", kind="choice", required=True, words=sv.USER_ROLE_WORDS),
    ), "使用 StreetBoard 的人。角色：书记（秘书，可改一切）/ 成员 / 查看。",
        ("liuyang", "刘洋", "书记"), {"role": "书记,成员,查看"}),
)
SHEET_BY_BODY: Mapping[str, Sheet] = {s.body: s for s in SHEETS}
EXPLANATION_TITLE = "说明"
#: where a body's problems are reported: the term lives on the street sheet
REPORTED_ON: Mapping[str, str] = {"term": "street"}
#: the term's columns as the street sheet names them
TERM_COLUMNS: Mapping[str, str] = {"number": "term_number", "started_on": "started_on", "ended_on": "ended_on"}


# --------------------------------------------------------------------------- the template


def write_template(path: str | Path) -> Path:
    """An empty set-up workbook: 说明 first, then one sheet per body with headers, an example hint and lists."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    book = Workbook()
    about = book.active
    about.title = EXPLANATION_TITLE
    about.append(["StreetBoard 街道设置工作簿"])
    about["A1"].font = Font(bold=True, size=14)
    about.append(["每张表一类信息，第1行是表头（不要改动），从第2行起每行一条。带 * 的列必填。"])
    about.append(["填好后：streetboard setup import 本文件.xlsx，或在首次运行的设置向导中逐步读取。"])
    about.append(["有任何一行不合格时什么都不写入，并逐行说明原因；同一工作簿再次导入不会改变任何内容。"])
    about.append([])
    about.append(["表", "填写说明", "示例"])
    for cell in about[6]:
        cell.font = Font(bold=True)
    for sheet in SHEETS:
        about.append([sheet.title, sheet.explain, "、".join(str(v) for v in sheet.example)])
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 90
    about.column_dimensions["C"].width = 60
    for row in about.iter_rows(min_row=7):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title)
        ws.append([f.label for f in sheet.fields])
        for i, f in enumerate(sheet.fields, start=1):
            cell = ws.cell(1, i)
            cell.font = Font(bold=True)
            cell.fill = fill
            if f.required:
                cell.comment = Comment("必填", "StreetBoard")
            letter = cell.column_letter
            ws.column_dimensions[letter].width = max(12, 2 * len(f.label) + 4)
            if f.kind in ("text", "choice"):  # codes and phone numbers stay text (no 3.4E+14)
                for r in range(2, 1001):
                    ws.cell(r, i).number_format = "@"
            if f.kind == "datetime":
                for r in range(2, 1001):
                    ws.cell(r, i).number_format = "yyyy-mm-dd"
            words = sheet.lists.get(f.key)
            if words:
                rule = DataValidation(type="list", formula1=f'"{words}"', allow_blank=not f.required)
                rule.error = f"请从列表中选择：{words}"
                rule.errorTitle = f.label
                rule.add(f"{letter}2:{letter}1000")
                ws.add_data_validation(rule)
        ws.freeze_panes = "A2"
    book.save(path)
    return path


# --------------------------------------------------------------------------- reading


#: cells of one body as text, in the order of its sheet's fields; a row's record id and version (edits)
Cells = list[list[str]]
Ids = list[tuple[int | None, int | None]]


def sheet_cells(path: str | Path, sheet: Sheet) -> tuple[Cells, list[SetupReject]] | None:
    """The sheet's data rows as text in field order; ``None``: the workbook has no such sheet or it has no rows.

    A missing required column is one reject (row 1, the header) and no cells.
    """
    try:
        table = read_table(path, known_headers=[f.label for f in sheet.fields], sheet=sheet.title)
    except ImportFileError as error:
        if error.reason in ("no_rows", "no_header") or (error.reason == "unreadable" and sheet.title in error.detail):
            return None
        raise
    mapping = resolve_mapping(sheet, _profile(sheet), table.columns)  # type: ignore[arg-type]
    missing = missing_required(sheet, mapping)  # type: ignore[arg-type]
    if missing:
        body = REPORTED_ON.get(sheet.body, sheet.body)
        return [], [SetupReject(body, table.header_row, "", "", "missing_columns", "、".join(f.label for f in missing))]
    columns = [mapping.get(f.key) for f in sheet.fields]
    rows = {int(i): [_cell(rec[c]) if c else "" for c in columns] for i, rec in table.frame.iterrows()}
    # blank rows kept in place, so that row numbers stay the sheet's
    return [rows.get(n, [""] * len(columns)) for n in range(table.header_row + 1, max(rows, default=1) + 1)], []


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _profile(sheet: Sheet) -> Profile:
    return Profile(key=sheet.kind, name=sheet.title, kind=sheet.kind, source_key="setup",
                   columns={f.key: (f.label,) for f in sheet.fields})


def parse_cells(sheet: Sheet, cells: Cells, ids: Ids | None = None,
                first_row: int = 2) -> tuple[list[Any], list[SetupReject]]:
    """Cells typed by the import engine (:func:`db.imports.reading.parse_fields`) into the service's rows.

    The first row of ``cells`` is row ``first_row`` (2 in a sheet, under its header; 1 in a table on
    screen); the term's fields of the street sheet come out as :class:`~db.street.services.TermRow`
    rows after the street's.
    """
    labels = [f.label for f in sheet.fields]
    index = [i + first_row for i, row in enumerate(cells) if any(str(c).strip() for c in row)]
    frame = pd.DataFrame([cells[i - first_row] + [""] * (len(labels) - len(cells[i - first_row])) for i in index],
                         columns=labels, index=index, dtype=object) if index else pd.DataFrame(columns=labels,
                                                                                                dtype=object)
    table = SourceTable("", "cells", None, sheet.title, 1, frame.replace("", None))
    parsed, cell_rejects = parse_fields(sheet, table, {f.key: f.label for f in sheet.fields})  # type: ignore[arg-type]
    keys = {f.label: f.key for f in sheet.fields}
    body = REPORTED_ON.get(sheet.body, sheet.body)
    rejects = [SetupReject(body, r.row, keys.get(r.column, r.column), r.value, r.reason, r.detail)
               for r in cell_rejects]
    bad = {r.row for r in cell_rejects}
    rows: list[Any] = []
    terms: list[sv.TermRow] = []
    for i, rec in parsed.iterrows():
        if int(i) in bad:
            continue
        values = {k: _plain(v) for k, v in rec.items()}
        record_id, version = ids[int(i) - first_row] if ids else (None, None)
        rows.append(replace(_BUILDERS[sheet.body](int(i), values), id=record_id, version=version))
        if sheet.body == "street" and any(values[k] is not None for k in TERM_COLUMNS.values()):
            terms.append(sv.TermRow(number=values["term_number"], started_on=values["started_on"],
                                    ended_on=values["ended_on"], row=int(i)))
    return rows + terms, rejects


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


_BUILDERS: dict[str, Callable[[int, dict[str, Any]], Any]] = {
    "street": lambda row, v: sv.StreetRow(name=_text(v["name"]), code=_text(v["code"]), district=_text(v["district"]),
                                          city=_text(v["city"]), row=row),
    "communities": lambda row, v: sv.CommunityRow(name=_text(v["name"]), number=v["number"],
                                                  is_village=bool(v["is_village"]), row=row),
    "grids": lambda row, v: sv.GridRow(community=_text(v["community"]), number=v["number"], name=_text(v["name"]),
                                       code=_text(v["code"]), row=row),
    "workers": lambda row, v: sv.WorkerRow(grid=_text(v["grid"]), name=_text(v["name"]), phone=_text(v["phone"]),
                                           full_time=bool(v["full_time"]), row=row),
    "members": lambda row, v: sv.MemberRow(name=_text(v["name"]), role=v["role"], kind=v["kind"],
                                           unit=_text(v["unit"]), title=_text(v["title"]), phone=_text(v["phone"]),
                                           row=row),
    "handling_units": lambda row, v: sv.HandlingUnitRow(name=_text(v["name"]), kind=v["kind"] or "street_dept",
                                                        row=row),
    "municipal": lambda row, v: sv.MunicipalRow(name=_text(v["name"]), short_name=_text(v["short_name"]),
                                                contact_person=_text(v["contact_person"]),
                                                contact_phone=_text(v["contact_phone"]), row=row),
    "categories": lambda row, v: sv.CategoryRow(major=_text(v["major"]), minor=_text(v["minor"]),
                                                kind=v["kind"] or "event",
                                                time_limit_days=v["time_limit_days"] or 7, row=row),
    "users": lambda row, v: sv.UserRow(username=_text(v["username"]), display_name=_text(v["display_name"]),
                                       role=v["role"], row=row),
}


def workbook_cells(path: str | Path) -> tuple[dict[str, Cells], list[SetupReject]]:
    """Every sheet of the workbook as cells (body → rows of text); sheets absent or empty are left out."""
    read_table(path, sheet=0)  # a file that is no workbook fails here, with the engine's reason
    bodies: dict[str, Cells] = {}
    rejects: list[SetupReject] = []
    for sheet in SHEETS:
        result = sheet_cells(path, sheet)
        if result is not None:
            bodies[sheet.body], sheet_rejects = result
            rejects += sheet_rejects
    return bodies, rejects


def setup_from_cells(session: Session, cells: Mapping[str, Cells], ids: Mapping[str, Ids] | None = None,
                     first_row: int = 2) -> tuple[StreetSetup, list[SetupReject]]:
    """The set-up the cells describe and every problem with it (cells, references, the database)."""
    bodies: dict[str, list[Any]] = {}
    rejects: list[SetupReject] = []
    for body, rows in cells.items():
        parsed, sheet_rejects = parse_cells(SHEET_BY_BODY[body], rows, (ids or {}).get(body), first_row)
        rejects += sheet_rejects
        for row in parsed:
            key = "term" if isinstance(row, sv.TermRow) else body
            bodies.setdefault(key, []).append(row)
    setup = StreetSetup(**{k: tuple(v) for k, v in bodies.items()})
    rejects += sv.check_setup(session, setup)
    rejects.sort(key=lambda r: (sv.BODIES.index(r.body), r.row, r.column))
    return setup, _unique(rejects)


def read_workbook(session: Session, path: str | Path) -> tuple[StreetSetup, list[SetupReject]]:
    """Every sheet parsed and the whole set-up checked against the database (nothing written)."""
    cells, rejects = workbook_cells(path)
    setup, more = setup_from_cells(session, cells)
    return setup, _unique(sorted(rejects + more, key=lambda r: (sv.BODIES.index(r.body), r.row, r.column)))


def _unique(rejects: list[SetupReject]) -> list[SetupReject]:
    seen: set[SetupReject] = set()
    return [r for r in rejects if not (r in seen or seen.add(r))]


def import_workbook(session: Session, path: str | Path) -> sv.SetupOutcome:
    """Read, check and write the workbook inside the caller's transaction; :class:`SetupRejected` on any reject."""
    setup, rejects = read_workbook(session, path)
    if rejects:
        raise sv.SetupRejected(rejects)
    return sv.apply_setup(session, setup)


def column_label(body: str, column: str) -> str:
    """The workbook header of a reject's column (the term's columns are on the street sheet)."""
    if body == "term":
        body, column = "street", TERM_COLUMNS.get(column, column)
    sheet = SHEET_BY_BODY.get(body)
    return sheet.headers().get(column, column) if sheet is not None else column


def sheet_title(body: str) -> str:
    sheet = SHEET_BY_BODY.get(REPORTED_ON.get(body, body))
    return sheet.title if sheet is not None else body


def save_body(session: Session, body: str, cells: Cells, ids: Ids) -> sv.SetupOutcome:
    """One body as the 基础信息 page edited it: the same parsing and checks as the workbook, then written
    (rows numbered as the table on screen numbers them)."""
    setup, rejects = setup_from_cells(session, {body: cells}, {body: ids}, first_row=1)
    if rejects:
        raise sv.SetupRejected(rejects)
    return sv.apply_setup(session, setup, verb=None)
