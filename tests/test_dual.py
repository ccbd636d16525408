"""双报到: serving party members reporting to their community and their service records — entered,
edited, removed, imported (a re-import changes nothing, a bad row writes nothing) and shown on the units page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select

from db.core import clock
from db.core.errors import InputError
from db.core.versioning import ConflictError
from db.imports import engine as importing
from db.schema.units import ServiceRecord, ServingPartyMember
from db.units import dual
from db.units.dual_import import DUAL_SPEC
from tests import factories

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def street(empty_db, monkeypatch):
    monkeypatch.setattr(clock, "source", lambda: dt.datetime(2026, 6, 15, 9, 0))
    with empty_db.session.begin() as s:
        office = factories.street(s)
        binhu = factories.community(s, office, "滨湖社区")
        wanghu = factories.community(s, office, "望湖社区")
        school = factories.unit(s, office, "汇湖小学")
        hospital = factories.unit(s, office, "滨湖医院", kind="hospital")
        s.flush()
        ids = {"binhu": binhu.id, "wanghu": wanghu.id, "school": school.id, "hospital": hospital.id}
    return empty_db, ids


def count(db, model) -> int:  # noqa: ANN001
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_member_and_their_service_are_entered_edited_and_removed(street):
    db, ids = street
    with db.session.begin() as s:
        member_id = dual.add_member(s, name=" 张  伟 ", unit_id=ids["school"], community_id=ids["binhu"],
                                    registered_on=dt.date(2026, 3, 1), phone="139")
        dual.add_record(s, member_id=member_id, served_on=dt.date(2026, 4, 2), hours=2.5, activity="环境整治")
        dual.add_record(s, member_id=member_id, served_on=dt.date(2026, 5, 9), hours=3, activity="政策宣讲")
    with db.session() as s:
        [row] = dual.members(s)
        records = dual.service_records(s, member_id)
    assert (row.name, row.unit, row.community, row.registered_on) == ("张 伟", "汇湖小学", "滨湖社区", dt.date(2026, 3, 1))
    assert (row.records, row.hours) == (2, 5.5)
    assert [r.served_on for r in records] == [dt.date(2026, 5, 9), dt.date(2026, 4, 2)]  # newest first

    with db.session.begin() as s:
        dual.update_member(s, member_id, row.version, name="张伟", unit_id=ids["school"], community_id=ids["wanghu"],
                           registered_on=dt.date(2026, 3, 1))
        dual.update_record(s, records[0].id, served_on=dt.date(2026, 5, 9), hours=4, activity="政策宣讲")
    with db.session() as s:
        [row2] = dual.members(s, community_id=ids["wanghu"])
    assert (row2.name, row2.community, row2.hours, row2.version) == ("张伟", "望湖社区", 6.5, row.version + 1)
    with pytest.raises(ConflictError), db.session.begin() as s:  # an edit made from the old version
        dual.update_member(s, member_id, row.version, name="张三", unit_id=ids["school"], community_id=ids["binhu"],
                           registered_on=dt.date(2026, 3, 1))

    with db.session.begin() as s:
        dual.remove_member(s, member_id)
    assert count(db, ServingPartyMember) == 0 and count(db, ServiceRecord) == 0


@pytest.mark.parametrize(("call", "code"), [
    (lambda s, ids, m: dual.add_record(s, member_id=m, served_on=TODAY, hours=0, activity="巡逻"), "bad_hours"),
    (lambda s, ids, m: dual.add_record(s, member_id=m, served_on=TODAY, hours=25, activity="巡逻"), "bad_hours"),
    (lambda s, ids, m: dual.add_record(s, member_id=m, served_on=TODAY + dt.timedelta(days=1), hours=2,
                                       activity="巡逻"), "in_future"),
    (lambda s, ids, m: dual.add_record(s, member_id=m, served_on=TODAY, hours=2, activity="  "), "empty_title"),
    (lambda s, ids, m: dual.add_member(s, name="张伟", unit_id=ids["school"], community_id=ids["binhu"],
                                       registered_on=TODAY), "duplicate"),
    (lambda s, ids, m: dual.add_member(s, name="李娜", unit_id=9999, community_id=ids["binhu"],
                                       registered_on=TODAY), "unknown_unit"),
    (lambda s, ids, m: dual.add_member(s, name="李娜", unit_id=ids["school"], community_id=None,
                                       registered_on=TODAY), "unknown_community"),
])
def test_bad_input_is_refused_with_its_code_and_nothing_written(street, call, code):
    db, ids = street
    with db.session.begin() as s:
        member_id = dual.add_member(s, name="张伟", unit_id=ids["school"], community_id=ids["binhu"],
                                    registered_on=dt.date(2026, 3, 1))
    with pytest.raises(InputError) as caught, db.session.begin() as s:
        call(s, ids, member_id)
    assert caught.value.code == code
    assert count(db, ServingPartyMember) == 1 and count(db, ServiceRecord) == 0


def write_sheet(path, rows):  # noqa: ANN001
    pd.DataFrame(rows).to_excel(path, index=False)
    return path


ROWS = [
    {"姓名": "张伟", "工作单位": "汇湖小学", "报到社区": "滨湖社区", "报到日期": "2026-03-01", "联系电话": "139",
     "服务日期": "2026-04-02", "服务时长（小时）": "2.5", "服务内容": "环境整治"},
    {"姓名": "张伟", "工作单位": "汇湖小学", "报到社区": "滨湖社区", "报到日期": "2026-03-01", "联系电话": "139",
     "服务日期": "2026-05-09", "服务时长（小时）": "3", "服务内容": "政策宣讲"},
    {"姓名": "王芳", "工作单位": "滨湖医院", "报到社区": "望湖社区", "报到日期": "2026-02-10", "联系电话": "",
     "服务日期": None, "服务时长（小时）": None, "服务内容": None},
]


def test_the_import_writes_members_and_records_and_a_reimport_changes_nothing(street, tmp_path):
    db, _ = street
    path = write_sheet(tmp_path / "dual.xlsx", ROWS)
    with db.session.begin() as s:
        first = importing.run(s, DUAL_SPEC, path)
    assert (first.counts.read, first.counts.imported, first.counts.rejected) == (3, 3, 0)
    with db.session() as s:
        rows = {m.name: m for m in dual.members(s)}
    assert (rows["张伟"].records, rows["张伟"].hours, rows["张伟"].phone) == (2, 5.5, "139")
    assert (rows["王芳"].unit, rows["王芳"].community, rows["王芳"].records) == ("滨湖医院", "望湖社区", 0)
    with db.session.begin() as s:
        again = importing.run(s, DUAL_SPEC, path)
    assert (again.counts.imported, again.counts.updated, again.counts.unchanged) == (0, 0, 3)
    assert count(db, ServiceRecord) == 2

    changed = [dict(ROWS[0], **{"服务时长（小时）": "4"})]
    with db.session.begin() as s:
        third = importing.run(s, DUAL_SPEC, write_sheet(tmp_path / "more.xlsx", changed))
    assert (third.counts.imported, third.counts.updated) == (0, 1)
    with db.session() as s:
        assert {m.name: m.hours for m in dual.members(s)}["张伟"] == 4 + 3


def test_a_bad_row_is_named_with_its_reason_and_nothing_is_written(street, tmp_path):
    db, _ = street
    rows = [ROWS[0],
            dict(ROWS[2], 工作单位="火星研究所"),
            dict(ROWS[2], 姓名="李娜", 报到社区="火星社区"),
            dict(ROWS[1], 姓名="赵强", **{"服务时长（小时）": "30"}),
            dict(ROWS[1], 姓名="钱多", **{"服务时长（小时）": None}),
            dict(ROWS[2], 姓名="孙丽", 报到日期="2026-07-01")]
    with db.session.begin() as s:
        result = importing.run(s, DUAL_SPEC, write_sheet(tmp_path / "bad.xlsx", rows))
    assert result.blocked and not result.written
    assert sorted((r.row, r.column, r.reason) for r in result.rejects) == [
        (3, "工作单位", "unknown_value"), (4, "报到社区", "unknown_community"),
        (5, "服务时长（小时）", "out_of_range"), (6, "服务时长（小时）", "required"), (7, "报到日期", "out_of_range")]
    assert count(db, ServingPartyMember) == 0 and count(db, ServiceRecord) == 0


# --------------------------------------------------------------------------- the tab


@pytest.fixture
def units_page(street, executor, qtbot):
    from desktop.units.page import UnitsPage

    db, ids = street
    executor(db)
    page = UnitsPage()
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.dual_tab.shown, timeout=30_000):
        page.refresh()
    return page, db, ids


def test_the_tab_says_nobody_reported_yet_then_adds_a_member_and_a_record(units_page, qtbot):
    page, db, ids = units_page
    tab = page.dual_tab
    assert tab.summary.text() == "尚无在职党员到社区报到；可在下方逐个添加，或导入名单。"
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "双报到"
    tab.name.setText("张伟")
    tab.unit.setCurrentIndex(tab.unit.findData(ids["school"]))
    tab.community.setCurrentIndex(tab.community.findData(ids["wanghu"]))
    tab.reported_on.setDate(dt.date(2026, 3, 1))
    with qtbot.waitSignal(tab.shown, timeout=30_000):
        tab.add_member()
    qtbot.waitUntil(lambda: tab.members_model.rowCount() == 1, timeout=30_000)
    assert tab.message.text() == "已添加该党员。"
    assert tab.members_model.record(0).community == "望湖社区"
    tab.served_on.setDate(dt.date(2026, 4, 2))
    tab.hours.setValue(2.5)
    tab.activity.setText("环境整治")
    tab.add_record()
    qtbot.waitUntil(lambda: tab.records_model.rowCount() == 1, timeout=30_000)
    assert tab.summary.text() == "已有 1 名在职党员到社区报到，累计服务 2.5 小时。"
    tab.served_on.setDate(dt.date(2026, 7, 1))  # after "today" (pinned)
    tab.add_record()
    qtbot.waitUntil(lambda: tab.message.text().startswith("日期"), timeout=30_000)
    assert tab.message.text() == "日期 2026年7月1日 晚于今天；请填写已经过去的日期。"
    assert count(db, ServiceRecord) == 1
