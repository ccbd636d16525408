"""四联四定: overdue items and whose they are, progress, labels, bad input — on a street built for the test."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db.core.base import AuditLog
from db.core.errors import InputError
from db.pairings import agreements as pairings
from db.pairings.agreements import ItemSpec
from db.schema.pairings import AgreementItem, AgreementProgress, AnnualAgreement, Pairing, PairingLabel
from tests import factories

TODAY = factories.PARTICIPATION_TODAY


@pytest.fixture
def street(empty_db):
    with empty_db.session.begin() as s:
        ids = factories.participation_street(s)
        s.add_all([PairingLabel(kind="link", position=1, name="联组织"), PairingLabel(kind="fix", position=1,
                                                                                    name="定责任")])
    return empty_db, ids


def _counts(db) -> tuple[int, ...]:
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Pairing, AnnualAgreement, AgreementItem, AgreementProgress, AuditLog))


def test_overdue_items_and_whose_they_are(street):
    db, ids = street
    with db.session() as s:
        rows = pairings.overdue_agreement_items(s, TODAY)
    assert [(r.title, r.municipal_unit, r.community, r.responsible_person) for r in rows] == [
        ("暑期托管", "市教育局", "望湖社区", "李四"),
        ("走访慰问", "市民政局", "滨湖社区", "张三"),
    ]
    assert [r.overdue_days for r in rows] == [(TODAY - dt.date(2025, 10, 1)).days, (TODAY - dt.date(2026, 3, 1)).days]
    with db.session() as s:
        later = pairings.overdue_agreement_items(s, dt.date(2026, 12, 31))
    assert "政策宣讲" in {r.title for r in later}


def test_pairing_list_and_progress_per_pairing_and_community(street):
    db, ids = street
    with db.session() as s:
        rows = pairings.pairing_list(s, 2026, TODAY)
        by_pairing = pairings.progress_by_pairing(s, 2026, TODAY)
        by_community = pairings.progress_by_community(s, 2026, TODAY)
        last_year = pairings.progress_by_community(s, 2025, TODAY)
    civil = next(r for r in rows if r.municipal_unit == "市民政局")
    assert (civil.items_total, civil.items_done, civil.items_overdue) == (3, 1, 1)
    assert civil.progress == pytest.approx((40 + 100 + 0) / 300)
    edu = next(r for r in rows if r.municipal_unit == "市教育局")
    assert edu.agreement_id is None and edu.items_total == 0 and edu.progress is None
    assert [(b.label, b.items) for b in by_pairing] == [("市民政局—滨湖社区", 3)]
    assert [(b.label, b.done, b.overdue) for b in by_community] == [("滨湖社区", 1, 1)]
    assert [(b.label, b.progress) for b in last_year] == [("望湖社区", pytest.approx(0.5))]


def test_progress_updates_make_a_history_and_move_the_item(street):
    db, ids = street
    with db.session.begin() as s:
        s.info["actor"] = "联络员"
        pairings.record_progress(s, item_id=ids["late_item"], progress_pct=70, note="走访了 20 户",
                                 at=dt.datetime(2026, 6, 1, 10))
        pairings.record_progress(s, item_id=ids["late_item"], progress_pct="100", note="完成",
                                 at=dt.datetime(2026, 6, 10, 10), evidence_note="照片已归档")
    with db.session() as s:
        history = pairings.item_progress(s, ids["late_item"])
        item = next(r for r in pairings.agreement_items(s, pairing_id=ids["pairing1"], today=TODAY)
                    if r.id == ids["late_item"])
        overdue = pairings.overdue_agreement_items(s, TODAY)
    assert [(p.progress_pct, p.by) for p in history] == [(70, "联络员"), (100, "联络员")]
    assert (item.status, item.progress_pct, item.done_on, item.evidence_note) == (
        "done", 100, dt.date(2026, 6, 10), "照片已归档")
    assert [r.title for r in overdue] == ["暑期托管"]


@pytest.mark.parametrize("pct", [101, -1, "abc", 50.5])
def test_progress_outside_0_to_100_is_refused_and_nothing_written(street, pct):
    db, ids = street
    before = _counts(db)
    with pytest.raises(InputError) as err, db.session.begin() as s:
        pairings.record_progress(s, item_id=ids["late_item"], progress_pct=pct)
    assert err.value.code == "progress_out_of_range"
    assert _counts(db) == before
    with pytest.raises(InputError) as err, db.session.begin() as s:
        pairings.add_item(s, agreement_id=ids["a1"], title="新事项", due_on=dt.date(2026, 9, 1), progress_pct=pct)
    assert err.value.code == "progress_out_of_range"
    assert _counts(db) == before


def test_due_date_before_the_agreement_year_is_refused(street):
    db, ids = street
    before = _counts(db)
    with pytest.raises(InputError) as err, db.session.begin() as s:
        pairings.add_item(s, agreement_id=ids["a1"], title="新事项", due_on=dt.date(2025, 12, 31))
    assert err.value.code == "due_before_year" and err.value.details["year"] == 2026
    with pytest.raises(InputError) as err, db.session.begin() as s:
        pairings.add_item_by_names(s, ItemSpec("市教育局", "滨湖社区", 2027, "新结对事项", dt.date(2026, 6, 1)))
    assert err.value.code == "due_before_year"
    assert _counts(db) == before  # no pairing, no agreement half-made


def test_an_item_for_a_community_that_does_not_exist(street):
    db, _ = street
    before = _counts(db)
    with pytest.raises(InputError) as err, db.session.begin() as s:
        pairings.add_item_by_names(s, ItemSpec("市教育局", "不存在社区", 2026, "事项", dt.date(2026, 6, 1)))
    assert err.value.code == "unknown_community" and err.value.details["community"] == "不存在社区"
    assert _counts(db) == before


def test_item_by_names_creates_the_pairing_and_agreement_once(street):
    db, ids = street
    spec = ItemSpec("市教育局", "滨湖社区", 2026, "科学课进社区", dt.date(2026, 10, 1), "王五", "联组织", 30)
    with db.session.begin() as s:
        item_id = pairings.add_item_by_names(s, spec)
        assert pairings.find_item(s, spec) == item_id
        pairings.add_item_by_names(s, ItemSpec("市教育局", "滨湖社区", 2026, "第二项", dt.date(2026, 11, 1)))
    with db.session() as s:
        rows = [r for r in pairings.pairing_list(s, 2026, TODAY) if r.community == "滨湖社区"
                and r.municipal_unit == "市教育局"]
        items = pairings.agreement_items(s, pairing_id=rows[0].id, year=2026, today=TODAY)
    assert len(rows) == 1 and rows[0].items_total == 2
    assert {(i.title, i.label, i.status) for i in items} == {("科学课进社区", "联组织", "in_progress"),
                                                              ("第二项", "", "planned")}
    with pytest.raises(InputError) as err, db.session.begin() as s:
        pairings.add_item_by_names(s, ItemSpec("汇湖小学", "滨湖社区", 2026, "事项", dt.date(2026, 6, 1)))
    assert err.value.code == "not_municipal"


def test_labels_are_data(street):
    db, _ = street
    with db.session() as s:
        labels = pairings.pairing_labels(s)
    link = next(x for x in labels if x.kind == "link")
    with db.session.begin() as s:
        pairings.save_label(s, label_id=link.id, kind="link", position=1, name="联党建", version=link.version)
        new_id = pairings.save_label(s, kind="fix", position=2, name="定时限")
    with db.session() as s:
        names = {(x.kind, x.position): x.name for x in pairings.pairing_labels(s)}
    assert names == {("link", 1): "联党建", ("fix", 1): "定责任", ("fix", 2): "定时限"}
    assert new_id
    with pytest.raises(InputError) as err, db.session.begin() as s:
        pairings.save_label(s, kind="fix", position=2, name="重复")
    assert err.value.code == "duplicate"
    with pytest.raises(InputError) as err, db.session.begin() as s:
        pairings.save_label(s, label_id=link.id, kind="link", position=1, name="")
    assert err.value.code == "empty_title"
    from db.core.versioning import ConflictError

    with pytest.raises(ConflictError) as stale, db.session.begin() as s:
        pairings.save_label(s, label_id=link.id, kind="link", position=1, name="旧版本", version=link.version)
    assert (stale.value.table, stale.value.row_id, stale.value.base_version) == ("pairing_label", link.id, link.version)


# --------------------------------------------------------------------------- import


def test_pairings_import_round_trip_rejects_and_reimport(street, tmp_path):
    import pandas as pd

    from db.imports import engine as importing
    from db.pairings.importing import PAIRING_SPEC

    db, ids = street
    good = tmp_path / "items.xlsx"
    pd.DataFrame([
        {"市直单位": "市民政局", "结对社区": "滨湖社区", "年度": 2026, "事项": "走访慰问", "责任人": "张三",
         "完成时限": "2026-03-01", "进度": 90, "类别": ""},
        {"市直单位": "市教育局", "结对社区": "滨湖社区", "年度": 2026, "事项": "科学课进社区", "责任人": "王五",
         "完成时限": "2026/10/1", "进度": 0, "类别": "联组织"},
    ]).to_excel(good, index=False)
    with db.session.begin() as s:
        first = importing.run(s, PAIRING_SPEC, good)
    assert (first.counts.imported, first.counts.updated, first.counts.rejected) == (1, 1, 0)
    with db.session() as s:
        history = pairings.item_progress(s, ids["late_item"])
        created = [r for r in pairings.pairing_list(s, 2026, TODAY) if r.municipal_unit == "市教育局"
                   and r.community == "滨湖社区"]
    assert [p.progress_pct for p in history] == [90]
    assert len(created) == 1 and created[0].items_total == 1
    before = _counts(db)
    with db.session.begin() as s:
        again = importing.run(s, PAIRING_SPEC, good)
    assert (again.counts.imported, again.counts.updated, again.counts.unchanged) == (0, 0, 2)
    assert _counts(db)[:4] == before[:4]

    bad = tmp_path / "bad.xlsx"
    pd.DataFrame([
        {"市直单位": "市民政局", "结对社区": "不存在社区", "年度": 2026, "事项": "甲", "完成时限": "2026-12-20", "进度": 30},
        {"市直单位": "市民政局", "结对社区": "滨湖社区", "年度": 2026, "事项": "乙", "完成时限": "2025-12-20", "进度": 130},
        {"市直单位": "汇湖小学", "结对社区": "滨湖社区", "年度": 2026, "事项": "丙", "完成时限": "2026-12-20", "进度": -5},
        {"市直单位": "市民政局", "结对社区": "滨湖社区", "年度": 2026, "事项": "丁", "完成时限": "2026-12-20", "进度": 10},
    ]).to_excel(bad, index=False)
    before = _counts(db)
    with db.session.begin() as s:
        result = importing.run(s, PAIRING_SPEC, bad)
    assert result.blocked
    assert sorted((r.row, r.column, r.reason) for r in result.rejects) == [
        (2, "结对社区", "unknown_community"),
        (3, "完成时限", "out_of_range"), (3, "进度", "out_of_range"),
        (4, "市直单位", "unknown_value"), (4, "进度", "out_of_range"),
    ]
    assert _counts(db) == before
