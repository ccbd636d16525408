"""Resident units: roster, profile, the three lists, the scorecard — on a street built for the test."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.core.base import AuditLog
from db.core.errors import InputError
from db.schema.meetings import Meeting
from db.schema.units import Project, ProjectClaim, ResidentUnit, ResourceUse, ScoreScheme, ScoreWeight
from db.units import lists as units
from db.units import profile as units_profile
from db.units import roster as units_roster
from db.units import scoring as units_scoring
from db.units.roster import RosterFilter
from tests import factories

TODAY = factories.PARTICIPATION_TODAY
NOW = dt.datetime.combine(TODAY, dt.time(12))


@pytest.fixture
def street(empty_db):
    with empty_db.session.begin() as s:
        ids = factories.participation_street(s)
    return empty_db, ids


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


# --------------------------------------------------------------------------- the three answers (units)


def test_member_units_that_missed_the_last_three_meetings(street):
    db, ids = street
    with db.session() as s:
        answer = units_roster.member_units_missing_meetings(s, NOW)
    assert len(answer.meetings) == 3
    assert [m.starts_at for m in answer.meetings] == sorted((m.starts_at for m in answer.meetings), reverse=True)
    assert {u.name for u in answer.units} == {"云帆物流", "嘉和物业"}
    firm = next(u for u in answer.units if u.name == "云帆物流")
    assert firm.statuses == ("absent", "absent", "absent")
    assert (firm.liaison, firm.liaison_phone) == ("王联络", "138-0000-0001")
    prop = next(u for u in answer.units if u.name == "嘉和物业")
    assert prop.statuses == ("excused", "excused", "excused")


def test_a_window_of_one_meeting_changes_the_answer(street):
    db, _ = street
    with db.session() as s:
        answer = units_roster.member_units_missing_meetings(s, NOW, window=1)
    assert {u.name for u in answer.units} == {"云帆物流", "嘉和物业", "区五院"}


def test_projects_nobody_claimed(street):
    db, ids = street
    with db.session() as s:
        rows = units.unclaimed_projects(s)
    assert {r.title for r in rows} == {"社区助餐点", "楼道照明"}
    assert all(r.claims == 0 for r in rows)


# --------------------------------------------------------------------------- roster and profile


def test_roster_filters(street):
    db, ids = street
    with db.session() as s:
        everyone = units_roster.unit_roster(s)
        members = units_roster.unit_roster(s, RosterFilter(member=True))
        others = units_roster.unit_roster(s, RosterFilter(member=False))
        schools = units_roster.unit_roster(s, RosterFilter(kind="school"))
        in_c2 = units_roster.unit_roster(s, RosterFilter(community_id=ids["c2"]))
        text = units_roster.unit_roster(s, RosterFilter(text="物流"))
    assert len(everyone) == 8
    assert {r.name for r in members} == {"汇湖小学", "云帆物流", "区五院", "嘉和物业"}
    assert {r.name for r in others} == {r.name for r in everyone} - {r.name for r in members}
    assert [r.name for r in schools] == ["汇湖小学"]
    assert {r.name for r in in_c2} == {"区五院", "嘉和物业"}
    assert [r.name for r in text] == ["云帆物流"] and text[0].liaison == "王联络"


def test_profile_counts(street):
    db, ids = street
    with db.session.begin() as s:
        office_unit = ids["school"]
        meeting_id = ids["last_meeting"]
        r = factories.resolution(s, s.get(Meeting, meeting_id), s.get(ResidentUnit, office_unit),
                                 dt.date(2026, 6, 1), status="done")
        r.completed_on = dt.date(2026, 5, 20)
        factories.resolution(s, s.get(Meeting, meeting_id), s.get(ResidentUnit, office_unit),
                             dt.date(2026, 6, 1), status="open")
        res_id = units.add_resource(s, unit_id=office_unit, title="操场开放", offered_on=dt.date(2026, 1, 1))
        units.record_resource_use(s, resource_id=res_id, project_id=ids["fed"], used_on=dt.date(2026, 3, 1))
    with db.session() as s:
        p = units_profile.unit_profile(s, ids["school"], TODAY)
        firm = units_profile.unit_profile(s, ids["firm"], TODAY)
        civil = units_profile.unit_profile(s, ids["civil"], TODAY)
    assert (p.meetings_counted, p.meetings_came) == (4, 3)
    assert p.attendance_rate == pytest.approx(0.75)
    assert (p.resolutions_owned, p.resolutions_done, p.resolutions_on_time, p.resolutions_overdue_open) == (2, 1, 1, 1)
    assert p.on_time_rate == pytest.approx(0.5)
    assert (p.resources_offered, p.resources_used, p.resource_uses) == (1, 1, 1)
    assert (p.projects_claimed, p.projects_delivered) == (0, 0)  # its one claim was withdrawn
    assert (firm.projects_claimed, firm.meetings_came) == (1, 1)
    assert firm.on_time_rate is None  # nothing due: a dash, not 0%
    assert [(x.community, x.items_total, x.items_done, x.items_overdue) for x in civil.pairings] == [
        ("滨湖社区", 3, 1, 1)]


# --------------------------------------------------------------------------- three lists


def test_claim_deliver_round_trip_and_matching(street):
    db, ids = street
    with db.session.begin() as s:
        s.info["actor"] = "秘书"
        need = units.add_need(s, title="独居老人探访", community_id=ids["c1"], raised_on=dt.date(2026, 1, 5))
        pid = units.add_project(s, title="探访项目", need_id=need, published_on=dt.date(2026, 2, 1))
        claim_id = units.claim_project(s, project_id=pid, unit_id=ids["hospital"], claimed_on=dt.date(2026, 2, 3))
    with db.session() as s:
        assert "探访项目" not in {r.title for r in units.unclaimed_projects(s)}
        row = next(r for r in units.projects(s) if r.id == pid)
        assert (row.status, row.claimers, row.claims, row.delivered) == ("claimed", "区五院", 1, 0)
        assert next(n for n in units.needs(s) if n.id == need).status == "matched"
    with db.session.begin() as s:
        units.report_delivery(s, claim_id=claim_id, delivered_on=dt.date(2026, 5, 1), note="已完成")
    with db.session() as s:
        row = next(r for r in units.projects(s) if r.id == pid)
        assert (row.status, row.delivered) == ("delivered", 1)
        assert next(n for n in units.needs(s) if n.id == need).status == "met"
        assert units.claims(s, pid)[0].delivered_on == dt.date(2026, 5, 1)
        assert s.scalar(select(AuditLog.username).where(AuditLog.table_name == "project_claim", AuditLog.action == "claim")) == "秘书"
    with db.session.begin() as s:
        lonely = units.add_need(s, title="电动车充电棚", community_id=ids["c2"], raised_on=dt.date(2026, 3, 1))
        idle = units.add_resource(s, unit_id=ids["police"], title="反诈讲座", offered_on=dt.date(2026, 1, 1))
    with db.session() as s:
        m = units.matching(s)
    assert [n.id for n in m.needs_without_project] == [lonely]
    assert [r.id for r in m.unused_resources] == [idle]
    assert {p.title for p in m.unclaimed_projects} == {"社区助餐点", "楼道照明"}


def test_unknown_unit_in_a_claim_writes_nothing(street):
    db, ids = street
    before = (_count(db, ProjectClaim), _count(db, AuditLog))
    with pytest.raises(InputError) as err, db.session.begin() as s:
        units.claim_project(s, project_id=ids["fed"], unit_id=99_999, claimed_on=dt.date(2026, 3, 1))
    assert err.value.code == "unknown_unit"
    assert (_count(db, ProjectClaim), _count(db, AuditLog)) == before
    with db.session() as s:
        assert s.get(Project, ids["fed"]).status == "open"


@pytest.mark.parametrize(("call", "code"), [
    (lambda s, ids: units.claim_project(s, project_id=ids["claimed"], unit_id=ids["firm"],
                                        claimed_on=dt.date(2026, 3, 1)), "already_claimed"),
    (lambda s, ids: units.claim_project(s, project_id=123_456, unit_id=ids["firm"],
                                        claimed_on=dt.date(2026, 3, 1)), "unknown_project"),
    (lambda s, ids: units.claim_project(s, project_id=ids["fed"], unit_id=ids["firm"],
                                        claimed_on=dt.date(2025, 3, 1)), "date_order"),
    (lambda s, ids: units.add_need(s, title="  ", community_id=ids["c1"], raised_on=TODAY), "empty_title"),
    (lambda s, ids: units.add_need(s, title="需求", community_id=4242, raised_on=TODAY), "unknown_community"),
    (lambda s, ids: units.add_resource(s, unit_id=None, title="资源", offered_on=TODAY), "unknown_unit"),
    (lambda s, ids: units.record_resource_use(s, resource_id=777, project_id=None, used_on=TODAY),
     "unknown_resource"),
])
def test_bad_list_input_is_refused(street, call, code):
    db, ids = street
    before = _count(db, AuditLog)
    with pytest.raises(InputError) as err, db.session.begin() as s:
        call(s, ids)
    assert err.value.code == code
    assert _count(db, AuditLog) == before


# --------------------------------------------------------------------------- scoring


def test_scores_use_the_scheme_in_force_and_last_year_does_not_move(street):
    db, ids = street
    with db.session.begin() as s:
        units.claim_project(s, project_id=ids["fed"], unit_id=ids["school"], claimed_on=dt.date(2026, 2, 1))
    with db.session() as s:
        before_2025 = units_scoring.scorecard(s, 2025, TODAY)
        before_2026 = units_scoring.scorecard(s, 2026, TODAY)
    assert before_2026.scheme is not None and before_2026.scheme.effective_year == 2000
    assert {r.name for r in before_2026.rows} == {"汇湖小学", "云帆物流", "区五院", "嘉和物业", "汇湖派出所"}
    school = next(r for r in before_2026.rows if r.name == "汇湖小学")
    claims_i = units_roster.MEASURES.index("claims")
    attendance_i = units_roster.MEASURES.index("attendance")
    assert school.values[claims_i] == 1 and school.values[attendance_i] == 3
    w = before_2026.scheme
    assert school.score == pytest.approx(3 * w.weight("attendance") + 1 * w.weight("claims"))
    assert [r.rank for r in before_2026.rows] == sorted(r.rank for r in before_2026.rows)

    with db.session.begin() as s:
        scheme = units_scoring.save_weights(s, year=2026, weights={"claims": "20", "attendance": "1"}, today=TODAY)
    assert scheme.effective_year == 2026 and scheme.weight("claims") == 20
    with db.session() as s:
        after_2025 = units_scoring.scorecard(s, 2025, TODAY)
        after_2026 = units_scoring.scorecard(s, 2026, TODAY)
        last_year_scheme = units_scoring.scheme_for_year(s, 2025)
    assert after_2025 == before_2025
    assert last_year_scheme is not None and last_year_scheme.effective_year == 2000
    school = next(r for r in after_2026.rows if r.name == "汇湖小学")
    assert school.score == pytest.approx(3 * 1 + 1 * 20)
    assert after_2026.rows[0].name == "汇湖小学"


def test_weights_that_do_not_parse_write_nothing(street):
    db, _ = street
    before = (_count(db, ScoreScheme), _count(db, ScoreWeight), _count(db, AuditLog))
    for bad in ("abc", "", "1e9", "nan"):
        with pytest.raises(InputError) as err, db.session.begin() as s:
            units_scoring.save_weights(s, year=2026, weights={"attendance": "3", "claims": bad}, today=TODAY)
        assert err.value.code == "bad_weight" and err.value.details["measure"] == "claims"
    assert (_count(db, ScoreScheme), _count(db, ScoreWeight), _count(db, AuditLog)) == before
    assert units_scoring.parse_weights({"claims": " －2.5 ", "topics": 3}) == {"claims": -2.5, "topics": 3.0}


def test_last_years_scheme_is_locked(street):
    db, _ = street
    with pytest.raises(InputError) as err, db.session.begin() as s:
        units_scoring.save_weights(s, year=2025, weights={"claims": "1"}, today=TODAY)
    assert err.value.code == "past_scheme_locked"


def test_heatmap_by_month(street):
    db, ids = street
    with db.session() as s:
        heat = units_scoring.measure_heatmap(s, 2026, "attendance", TODAY)
    rows = dict(zip(heat.units, heat.values, strict=True))
    assert rows["汇湖小学"][1] == 1 and rows["汇湖小学"][2] == 1 and sum(rows["汇湖小学"]) == 3
    assert sum(rows["区五院"]) == 2  # present once, once through a delegate
    assert "测试街道办事处" not in heat.units and "市民政局" not in heat.units
    assert heat.units[0] == "汇湖小学"


def test_resource_use_is_counted_by_month(street):
    db, ids = street
    with db.session.begin() as s:
        rid = units.add_resource(s, unit_id=ids["police"], title="会议室", offered_on=dt.date(2026, 1, 1))
        units.record_resource_use(s, resource_id=rid, project_id=None, used_on=dt.date(2026, 4, 2))
        units.record_resource_use(s, resource_id=rid, project_id=ids["fed"], used_on=dt.date(2026, 4, 20))
    with db.session() as s:
        heat = units_scoring.measure_heatmap(s, 2026, "resources_used", TODAY)
        assert s.scalar(select(func.count()).select_from(ResourceUse)) == 2
    assert dict(zip(heat.units, heat.values, strict=True))["汇湖派出所"][3] == 2


# --------------------------------------------------------------------------- import


def _write_units_file(path, rows):
    import pandas as pd

    pd.DataFrame(rows).to_excel(path, index=False)
    return path


def test_units_import_round_trip_and_reimport_changes_nothing(street, tmp_path):
    from db.imports import engine as importing
    from db.schema.units import Liaison, MemberUnit
    from db.units.importing import UNIT_SPEC

    db, ids = street
    path = _write_units_file(tmp_path / "units.xlsx", [
        {"单位名称": "合肥新锐科技有限公司", "简称": "新锐科技", "单位类型": "非公企业", "党组织": "新锐科技党支部",
         "所在社区": "滨湖社区", "成员单位": "是", "联络员": "刘一", "联络员电话": "139-0000-0000"},
        {"单位名称": "汇湖小学", "简称": "汇湖小学", "单位类型": "学校", "党组织": "汇湖小学党总支", "所在社区": "望湖社区",
         "成员单位": "是", "联络员": "", "联络员电话": ""},
        {"单位名称": None, "简称": None, "单位类型": None, "党组织": None, "所在社区": None, "成员单位": None,
         "联络员": None, "联络员电话": None},  # a phantom row
    ])
    with db.session.begin() as s:
        first = importing.run(s, UNIT_SPEC, path)
    assert (first.counts.read, first.counts.imported, first.counts.updated, first.counts.rejected) == (2, 1, 1, 0)
    with db.session() as s:
        rows = {r.name: r for r in units_roster.unit_roster(s)}
        members = s.scalar(select(func.count()).select_from(MemberUnit))
        liaisons = s.scalar(select(func.count()).select_from(Liaison))
    new = rows["合肥新锐科技有限公司"]
    assert (new.kind, new.community, new.is_member, new.liaison) == ("company", "滨湖社区", True, "刘一")
    assert rows["汇湖小学"].community == "望湖社区" and rows["汇湖小学"].party_org == "汇湖小学党总支"
    with db.session.begin() as s:
        again = importing.run(s, UNIT_SPEC, path)
    assert (again.counts.imported, again.counts.updated, again.counts.unchanged) == (0, 0, 2)
    with db.session() as s:
        assert {r.name: r for r in units_roster.unit_roster(s)} == rows
        assert s.scalar(select(func.count()).select_from(MemberUnit)) == members
        assert s.scalar(select(func.count()).select_from(Liaison)) == liaisons


def test_units_import_rejects_all_or_nothing_with_a_report(street, tmp_path):
    import pandas as pd

    from db.imports import engine as importing
    from db.units.importing import UNIT_SPEC

    db, _ = street
    path = _write_units_file(tmp_path / "bad.xlsx", [
        {"单位名称": "好单位", "单位类型": "学校", "所在社区": "滨湖社区"},
        {"单位名称": "坏单位", "单位类型": "外星机构", "所在社区": "火星社区"},
    ])
    with db.session() as s:
        before = len(units_roster.unit_roster(s))
    with db.session.begin() as s:
        result = importing.run(s, UNIT_SPEC, path)
    assert result.blocked and not result.written
    assert sorted((r.row, r.column, r.reason) for r in result.rejects) == [
        (3, "单位类型", "unknown_value"), (3, "所在社区", "unknown_community")]
    with db.session() as s:
        assert len(units_roster.unit_roster(s)) == before
    report = importing.write_report(tmp_path / "rejects.xlsx", result.rejects)
    frame = pd.read_excel(report, engine="openpyxl")
    assert list(frame["Row"]) == [3, 3] and "火星社区" in set(frame["Value"])
