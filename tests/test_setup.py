"""The street from an empty database: the set-up workbook, `streetboard setup`, the one set-up service,
and the imports and meetings that need the street (each bad input: every rejected row named, nothing written)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from db.cases.importing import CASE_SPEC
from db.imports import engine as importing
from db.imports.records import ImportFileError
from db.meetings.agenda import MeetingError, create_meeting
from db.schema.cases import CaseCategory, GridCase, HandlingUnit
from db.schema.people import AppUser
from db.schema.street import CommitteeTerm, Community, Grid, GridWorker, StreetOffice
from db.schema.units import CommitteeMember, ResidentUnit
from db.street import services as sv
from db.street.setup import SHEETS, import_workbook, read_workbook, write_template
from db.units.importing import UNIT_SPEC
from desktop.cli import main

TABLES = (StreetOffice, Community, Grid, GridWorker, CommitteeTerm, CommitteeMember, ResidentUnit, HandlingUnit,
          CaseCategory, AppUser)

ROWS: dict[str, list[tuple]] = {
    "街道": [("包河区望湖街道", "340111006", "包河区", "合肥市", 3, dt.date(2024, 1, 1), dt.date(2028, 12, 31))],
    "社区": [(1, "汇湖社区", "否"), (2, "明珠社区", "否"), (3, "王岗村", "是")],
    "网格": [("汇湖社区", 1, "", ""), ("汇湖社区", 2, "汇湖二网格", "340111006001002"), ("明珠社区", 1, "明珠一网格", "")],
    "网格员": [("340111006001001", "张敏", "13800000001", "是"), ("明珠一网格", "王五", "", "否")],
    "大工委成员": [("李华", "书记", "专职", "包河区望湖街道办事处", "党工委书记", "13900000000"),
              ("陈静", "副书记", "专职", "包河区望湖街道办事处", "", ""),
              ("赵六", "委员", "兼职", "合肥市住房保障和房产管理局", "副局长", "")],
    "处置部门": [("城市管理办公室", "街道科室"), ("望湖派出所", "派驻机构")],
    "市直部门": [("合肥市住房保障和房产管理局", "市房产局", "王强", "0551-1")],
    "事件分类": [("市容环境", "暴露垃圾", "事件", 3), ("市政设施", "井盖", "部件", 5)],
    "用户": [("liuyang", "刘洋", "书记")],
}


@pytest.fixture(autouse=True)
def _gui_application(qapp):
    """The CLI runs in this process: it reuses this QApplication instead of making a QCoreApplication that
    would stand in the way of the GUI tests run after it."""
    return qapp


def workbook(tmp_path: Path, name: str = "setup.xlsx", changes: dict[str, list[tuple]] | None = None) -> Path:
    """The template, filled as a secretary would (``changes`` replaces a sheet's rows)."""
    path = tmp_path / name
    write_template(path)
    book = load_workbook(path)
    for title, rows in {**ROWS, **(changes or {})}.items():
        for r, row in enumerate(rows, start=2):  # from row 2, under the header, as in Excel
            for c, value in enumerate(row, start=1):
                book[title].cell(r, c, value)
    book.save(path)
    return path


def counts(db) -> dict[str, int]:
    with db.session() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES}


def cli(*args: str) -> int:
    return main(list(args))


def url_of(db) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_template_has_one_sheet_per_body_with_chinese_headers_and_lists(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["说明", *[s.title for s in SHEETS]]
    assert [c.value for c in book["大工委成员"][1]] == ["姓名", "职务", "专兼职", "所在单位", "单位职务", "联系电话"]
    lists = {dv.formula1 for dv in book["大工委成员"].data_validations.dataValidation}
    assert lists == {'"书记,副书记,委员"', '"专职,兼职"'}
    assert {dv.formula1 for dv in book["社区"].data_validations.dataValidation} == {'"是,否"'}
    explained = [row[0] for row in book["说明"].iter_rows(min_row=7, values_only=True)]
    assert explained == [s.title for s in SHEETS]


def test_cli_round_trip_then_reimport_changes_nothing(tmp_path, empty_db, capsys):
    assert cli("setup", "template", str(tmp_path / "blank.xlsx")) == 0
    path = workbook(tmp_path)
    assert cli("setup", "import", str(path), "--db", url_of(empty_db)) == 0
    first = counts(empty_db)
    assert first == {"street_office": 1, "community": 3, "grid": 3, "grid_worker": 2, "committee_term": 1,
                     "committee_member": 3, "resident_unit": 2, "handling_unit": 2, "case_category": 2, "app_user": 1}
    with empty_db.session() as s:
        assert s.scalars(select(Grid.code).order_by(Grid.code)).all() == [
            "340111006001001", "340111006001002", "340111006002001"]
        secretary = s.scalars(select(CommitteeMember).where(CommitteeMember.name == "李华")).one()
        assert (secretary.role, secretary.kind) == ("secretary", "full_time")
        housing = s.scalars(select(ResidentUnit).where(ResidentUnit.name == "合肥市住房保障和房产管理局")).one()
        assert housing.kind == "municipal"
        assert s.scalars(select(GridWorker.full_time).order_by(GridWorker.name)).all() == [True, False]
        versions = s.execute(select(Grid.id, Grid.version)).all()
    capsys.readouterr()
    assert cli("setup", "import", str(path), "--db", url_of(empty_db)) == 0
    assert "没有任何改动" in capsys.readouterr().err  # "Nothing changed" (the CLI speaks Chinese)
    assert counts(empty_db) == first
    with empty_db.session() as s:
        assert s.execute(select(Grid.id, Grid.version)).all() == versions


BAD = [
    ("missing column", {"社区": None}, ("communities", 1, "missing_columns")),
    ("duplicate community name", {"社区": [(1, "汇湖社区", "否"), (2, "汇湖社区", "否")]},
     ("communities", 3, "duplicate")),
    ("grid of no community", {"网格": [("汇湖社区", 1, "", ""), ("不存在社区", 1, "", "")]},
     ("grids", 3, "unknown_community")),
    ("member with no position", {"大工委成员": [("李华", "书记", "专职", "", "", ""), ("赵六", None, "兼职", "", "", "")]},
     ("members", 3, "required")),
    ("second street row", {"街道": [ROWS["街道"][0], ("另一个街道", "340111007", "", "", None, None, None)]},
     ("street", 3, "one_street_row")),
    ("rows numbered as in Excel past a blank row",
     {"网格": [("汇湖社区", 1, "", ""), (None, None, None, None), ("不存在社区", 1, "", "")]},
     ("grids", 4, "unknown_community")),
    ("grid code off the scheme", {"网格": [("汇湖社区", 1, "", "340111006009001")]}, ("grids", 2, "bad_grid_code")),
]


@pytest.mark.parametrize(("label", "changes", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_workbook_names_each_rejected_row_and_writes_nothing(tmp_path, empty_db, capsys, label, changes, expected):
    path = workbook(tmp_path, changes={k: v for k, v in changes.items() if v is not None})
    if any(v is None for v in changes.values()):  # drop the column that feeds 社区名称
        book = load_workbook(path)
        book["社区"].delete_cols(2)
        book.save(path)
    before = counts(empty_db)
    with empty_db.session.begin() as s:
        _setup, rejects = read_workbook(s, path)
    assert expected in {(r.body, r.row, r.reason) for r in rejects}
    capsys.readouterr()
    assert cli("setup", "import", str(path), "--db", url_of(empty_db)) == 2
    err = capsys.readouterr().err
    assert "没有写入任何内容" in err and "Traceback" not in err  # "nothing was written"
    assert f"第{expected[1]}行" in err
    assert counts(empty_db) == before


def test_a_second_street_is_refused(tmp_path, empty_db):
    with empty_db.session.begin() as s:
        import_workbook(s, workbook(tmp_path))
    before = counts(empty_db)
    other = workbook(tmp_path, "other.xlsx", {"街道": [("蜀山区某街道", "340104001", "蜀山区", "合肥市", 1,
                                                    dt.date(2025, 1, 1), None)]})
    with empty_db.session.begin() as s, pytest.raises(sv.SetupRejected) as caught:
        import_workbook(s, other)
    assert ("street", 2, "second_street") in {(r.body, r.row, r.reason) for r in caught.value.rejects}
    assert counts(empty_db) == before


def test_units_and_cases_import_on_a_street_set_up_from_the_workbook(tmp_path, empty_db):
    units = tmp_path / "units.csv"
    units.write_text("单位名称,单位类型,所在社区\n望湖小学,学校,汇湖社区\n", encoding="utf-8")
    with empty_db.session.begin() as s, pytest.raises(ImportFileError) as caught:
        importing.run(s, UNIT_SPEC, units)
    assert caught.value.reason == "no_street"
    with empty_db.session.begin() as s, pytest.raises(MeetingError) as no_term:
        create_meeting(s, kind="regular", title="例会", starts_at=dt.datetime(2026, 12, 3, 9))
    assert no_term.value.code == "no_term"

    with empty_db.session.begin() as s:
        import_workbook(s, workbook(tmp_path))
    with empty_db.session.begin() as s:
        result = importing.run(s, UNIT_SPEC, units)
    assert result.written and result.counts.imported == 1
    cases = tmp_path / "cases.xlsx"
    book = Workbook()
    book.active.append(["事件编号", "标题", "上报时间", "社区", "网格编码", "大类", "小类"])
    book.active.append(["A1", "垃圾堆放", "2026-11-30 09:00", "汇湖社区", "340111006001001", "市容环境", "暴露垃圾"])
    book.active.append(["A2", "井盖缺失", "2026-11-30 10:00", "明珠社区", "明珠一网格", "市政设施", "井盖"])
    book.save(cases)
    with empty_db.session.begin() as s:
        result = importing.run(s, CASE_SPEC, cases)
    assert not result.rejects, result.rejects
    with empty_db.session() as s:
        placed = s.execute(select(GridCase.case_number, Grid.code).join(Grid, Grid.id == GridCase.grid_id)
                           .order_by(GridCase.case_number)).all()
    assert placed == [("A1", "340111006001001"), ("A2", "340111006002001")]
    from db.cases.queries import case_detail

    with empty_db.session() as s:
        case_id = s.scalar(select(GridCase.id).where(GridCase.case_number == "A2"))
        assert case_detail(s, case_id).grid == "明珠一网格（340111006002001）"  # a grid is named with its code
    with empty_db.session.begin() as s:  # the term now exists: the street committee can meet
        meeting = create_meeting(s, kind="regular", title="例会", starts_at=dt.datetime(2026, 12, 3, 9))
    assert meeting.term_id is not None


def test_import_units_on_an_empty_database_is_one_sentence(tmp_path, empty_db, capsys):
    units = tmp_path / "units.csv"
    units.write_text("单位名称,单位类型\n望湖小学,学校\n", encoding="utf-8")
    capsys.readouterr()
    assert cli("import", "units", str(units), "--db", url_of(empty_db)) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "IntegrityError" not in err
    assert [line for line in err.splitlines() if line.strip()] == [
        "数据库中还没有街道，请先完成街道设置（设置向导，或 streetboard setup import），再重新导入。未导入任何内容。"]
    assert counts(empty_db)["resident_unit"] == 0


def test_edits_are_versioned_and_a_new_term_carries_members(tmp_path, empty_db):
    with empty_db.session.begin() as s:
        import_workbook(s, workbook(tmp_path))
    with empty_db.session() as s:
        com = s.scalars(select(Community).where(Community.name == "明珠社区")).one()
        member = s.scalars(select(CommitteeMember).where(CommitteeMember.name == "赵六")).one()
    renamed = sv.CommunityRow(name="明珠新社区", number=5, id=com.id, version=com.version)
    with empty_db.session.begin() as s:
        sv.apply_setup(s, sv.StreetSetup(communities=(renamed,)))
    from db.core.versioning import ConflictError

    with empty_db.session.begin() as s, pytest.raises(ConflictError):
        sv.apply_setup(s, sv.StreetSetup(communities=(sv.CommunityRow(name="别名", number=5, id=com.id,
                                                                       version=com.version),)))
    clash = sv.CommunityRow(name="汇湖社区", number=5, id=com.id, version=com.version + 1)
    with empty_db.session.begin() as s:
        assert ("communities", 2, "taken") in {(r.body, r.row, r.reason) for r in sv.check_setup(
            s, sv.StreetSetup(communities=(clash,)))}
    with empty_db.session.begin() as s:
        sv.member_leaves(s, member.id, member.version, dt.date(2026, 6, 1))
    with empty_db.session.begin() as s:
        term = sv.start_term(s, 4, dt.date(2029, 1, 1), carry_members=True)
    with empty_db.session() as s:
        names = s.scalars(select(CommitteeMember.name).where(CommitteeMember.term_id == term)
                          .order_by(CommitteeMember.position)).all()
        old = s.scalars(select(CommitteeTerm).where(CommitteeTerm.number == 3)).one()
        assert s.scalars(select(Community.name).where(Community.id == com.id)).one() == "明珠新社区"
        # renumbered: the community's code and its grids' codes follow the scheme
        assert s.scalars(select(Grid.code).where(Grid.community_id == com.id)).all() == ["340111006005001"]
    assert names == ["李华", "陈静"]  # 赵六 left
    assert (old.is_current, old.ended_on) == (False, dt.date(2028, 12, 31))


def test_saving_every_body_of_the_demo_street_unchanged_changes_nothing(demo_db):
    from db.core.base import AuditLog
    from db.street.queries import street_bodies
    from db.street.setup import save_body

    with demo_db.session() as s:
        bodies = street_bodies(s)
        trail = s.scalar(select(func.count()).select_from(AuditLog))
    assert len(bodies["grids"].cells) > 100 and all(len(row[3]) == 15 for row in bodies["grids"].cells)
    for body, cells in bodies.items():
        with demo_db.session.begin() as s:
            outcome = save_body(s, body, cells.cells, cells.ids)
        assert outcome.changed == 0, (body, outcome.counts)
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)) == trail


def test_categories_from_a_real_label_system_set_up_once(tmp_path, empty_db):
    """The real 12345 label system (一级/二级分类, 118 pairs) copied into the 事件分类 sheet: written once,
    the same workbook again changes nothing."""
    import pandas as pd

    from tests.real_data import REAL

    source = REAL / "hotline_label_system.xlsx"
    if not source.is_file():
        pytest.skip(f"real data not found at {REAL}")
    labels = pd.read_excel(source, engine="calamine")[["一级分类", "二级分类"]].drop_duplicates()
    rows = [(major, minor, "事件", None) for major, minor in labels.itertuples(index=False)]
    path = workbook(tmp_path, changes={"事件分类": rows})
    with empty_db.session.begin() as s:
        first = import_workbook(s, path)
    assert first.counts["categories"] == (len(rows), 0, 0) and len(rows) > 100
    with empty_db.session.begin() as s:
        again = import_workbook(s, path)
    assert again.changed == 0
    with empty_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CaseCategory)) == len(rows)
        assert set(s.scalars(select(CaseCategory.time_limit_days))) == {7}  # blank: the default limit


def test_a_file_that_is_no_workbook_is_one_sentence(tmp_path, empty_db, capsys):
    text = tmp_path / "list.xlsx"
    text.write_text("社区名称\n汇湖社区\n", encoding="utf-8")
    for path in (tmp_path / "missing.xlsx", text):
        capsys.readouterr()
        assert cli("setup", "import", str(path), "--db", url_of(empty_db)) == 2
        lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
        assert len(lines) == 1 and path.name in lines[0] and "Traceback" not in lines[0]
    assert sum(counts(empty_db).values()) == 0
