"""The case backlog queries and services (db/cases/).

The summary path (case_summary, kept by triggers) must give exactly what the definitions give
over grid_case, for many filters, on the demo street and after every kind of write.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, insert, select, text, update

from db import overview as queries
from db.cases import queries as cases
from db.cases import services as cases_services
from db.cases import summaries as cases_summaries
from db.cases.queries import CaseFilter
from db.cases.states import IllegalTransition
from db.core.versioning import ConflictError
from db.schema.cases import CaseCategory, CaseEvent, CaseSummary, CaseSummaryLevel, GridCase, HandlingUnit
from db.schema.meetings import Meeting, TopicProposal
from db.schema.street import Community, Grid
from tests.conftest import DEMO_TODAY

NOW = dt.datetime.combine(DEMO_TODAY, dt.time(8, 0))


def _filters(s) -> list[CaseFilter]:
    comm = s.scalar(select(Community.id).order_by(Community.id))
    grid = s.scalar(select(Grid.id).where(Grid.community_id == comm).order_by(Grid.id))
    major, minor = s.execute(select(CaseCategory.major, CaseCategory.id).order_by(CaseCategory.id)).first()
    unit = s.scalar(select(GridCase.handling_unit_id).where(GridCase.handling_unit_id.is_not(None))
                    .group_by(GridCase.handling_unit_id).order_by(GridCase.handling_unit_id))
    some_ids = tuple(s.scalars(select(GridCase.id).order_by(GridCase.id).limit(40)))
    spring = dict(date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 3, 29))
    return [
        CaseFilter(),
        CaseFilter(community_ids=(comm,)),
        CaseFilter(community_ids=(comm,), grid_ids=(grid,)),
        CaseFilter(majors=(major,)),
        CaseFilter(category_ids=(minor,)),
        CaseFilter(unit_ids=(unit,)),
        CaseFilter(sources=("hotline",)),
        CaseFilter(supervised_only=True),
        CaseFilter(**spring),
        CaseFilter(date_from=dt.date(2026, 5, 1)),
        CaseFilter(community_ids=(comm,), majors=(major,), supervised_only=True, **spring),
        CaseFilter(unit_ids=(unit,), sources=("patrol", "resident")),
        CaseFilter(grid_ids=(grid,), unit_ids=(unit,)),  # no level keeps both: the cases path
        CaseFilter(case_ids=some_ids),
    ]


def test_summary_levels_table_matches_the_code(empty_db):
    with empty_db.session() as s:
        rows = s.execute(select(CaseSummaryLevel)).scalars().all()
        got = {(r.level, frozenset(d for d in cases_summaries.DIMENSIONS if getattr(r, f"by_{d}"))) for r in rows}
    assert got == set(cases_summaries.SUMMARY_LEVELS)


def test_every_dashboard_figure_from_summaries_equals_the_definition(demo_db):
    with demo_db.session() as s:
        filters = _filters(s)
        paths = set()
        for f in filters:
            fast = cases.backlog_dashboard(s, f, NOW)
            slow = cases.backlog_dashboard(s, f, NOW, naive=True)
            assert slow.path == "cases"
            paths.add(fast.path)
            assert fast.kpis == slow.kpis, f
            assert fast.open == slow.open, f
            assert fast.weekly == slow.weekly, f
            assert cases.unit_scorecard(s, f) == cases.unit_scorecard(s, f, naive=True), f
            # the separate entry points (the projector's) give the same figures
            assert cases.backlog_kpis(s, f, NOW) == fast.kpis, f
            assert cases.weekly_flow(s, f, NOW.date()) == fast.weekly, f
        assert paths == {"summary", "cases"}
        whole = cases.backlog_dashboard(s, CaseFilter(), NOW)
    # the open figures agree with the overview's own query, and are not trivially zero
    with demo_db.session() as s:
        assert (whole.kpis.open, whole.kpis.overdue) == queries.case_backlog(s, NOW)
    assert whole.kpis.closure.closed > 1000 and 0 < whole.kpis.closure.on_time_rate < 1
    assert whole.kpis.closure.median_days is not None and 0 < whole.kpis.closure.satisfaction_rate < 1
    assert sum(p.opened for p in whole.weekly) > 0 and len(whole.weekly) == cases_summaries.DEFAULT_CHART_WEEKS
    assert sum(n for _k, n in whole.open.ageing) == whole.kpis.open


def test_closure_figures_spelled_out_in_plain_sql(demo_db):
    """An independent check of the definitions on one date range (no shared SQL helpers)."""
    f = CaseFilter(date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 3, 29))
    with demo_db.session() as s:
        got = cases.closure_figures(s, f)
        rows = s.execute(
            select(GridCase.reported_at, GridCase.closed_at, GridCase.deadline_at, GridCase.satisfaction)
            .where(GridCase.state != "VOID", GridCase.closed_at >= dt.datetime(2026, 1, 5),
                   GridCase.closed_at < dt.datetime(2026, 3, 30))
        ).all()
    days = [min(int((c - r).total_seconds() // 86400), 31) for r, c, _d, _s in rows]
    day = sorted(days)[len(days) // 2]  # the whole day the middle case falls in
    before = sum(1 for d in days if d < day)
    mid = round(day + (len(days) / 2 - before) / days.count(day), 2)  # the grouped median
    assert got.closed == len(rows)
    assert got.on_time == sum(1 for _r, c, d, _s in rows if d is not None and c <= d)
    assert got.rated == sum(1 for *_x, sat in rows if sat is not None)
    assert got.satisfied == sum(1 for *_x, sat in rows if sat is not None and sat >= 4)
    assert got.median_days == mid


def _case_in(s, state: str) -> int:
    """An unsupervised case in ``state``: one of the demo's, or a new one like the first case."""
    found = s.scalar(select(GridCase.id).where(GridCase.state == state, GridCase.supervised.is_(False))
                     .order_by(GridCase.id).limit(1))
    if found is not None:
        return found
    like = s.get(GridCase, s.scalar(select(GridCase.id).order_by(GridCase.id).limit(1)))
    new = GridCase(
        case_number=f"T-{state}", title="测试事件", reported_at=NOW - dt.timedelta(days=4),
        deadline_at=NOW + dt.timedelta(days=3), state=state, source="patrol", community_id=like.community_id,
        grid_id=like.grid_id, category_id=like.category_id, handling_unit_id=like.handling_unit_id,
    )
    s.add(new)
    s.flush()
    return new.id


def _summary_snapshot(conn) -> dict:
    cols = [c.name for c in CaseSummary.__table__.c]
    rows = conn.execute(select(CaseSummary.__table__)).all()
    out = {}
    for r in rows:
        values = dict(zip(cols, r, strict=True))
        key = tuple(str(values.pop(c)) for c in ("level", "community_id", "grid_id", "category_id",
                                                 "handling_unit_id", "source", "supervised", "week"))
        if any(values.values()):
            out[key] = values
    return out


def _assert_triggers_kept_summaries_right(database) -> None:
    with database.engine.connect() as conn:
        kept = _summary_snapshot(conn)
        cases_summaries.rebuild_summaries(conn)
        rebuilt = _summary_snapshot(conn)
        conn.rollback()
    assert kept == rebuilt


def test_triggers_follow_every_kind_of_write(demo_db):
    with demo_db.session.begin() as s:
        s.info["actor"] = "测试"
        def first(state: str) -> int:
            return _case_in(s, state)

        working, dispatched, reported = first("IN_PROGRESS"), first("DISPATCHED"), first("REPORTED")
        cases_services.transition_case(s, working, "report_done")
        cases_services.transition_case(s, working, "check_pass")
        cases_services.transition_case(s, dispatched, "accept")
        cases_services.transition_case(s, dispatched, "hold", note="等待施工许可")
        cases_services.transition_case(s, reported, "reject", note="重复上报")
        cases_services.set_supervised(s, first("FILED"), True)
        evaluated = s.scalar(select(GridCase.id).where(GridCase.state == "EVALUATED").limit(1))
        cases_services.transition_case(s, evaluated, "unsatisfied", note="居民反映问题仍在")
        template = s.get(GridCase, working)
        s.add(GridCase(
            case_number="T-NEW-1", title="新增事件", reported_at=NOW - dt.timedelta(days=2),
            deadline_at=NOW + dt.timedelta(days=5), state="REPORTED", source="hotline",
            community_id=template.community_id, grid_id=template.grid_id, category_id=template.category_id,
        ))
    _assert_triggers_kept_summaries_right(demo_db)
    # raw SQL writers (an importer, a console) keep them right too
    with demo_db.engine.begin() as conn:
        conn.execute(update(GridCase).where(GridCase.state == "CLOSED", GridCase.id % 7 == 0)
                     .values(satisfaction=2))
        conn.execute(update(GridCase).where(GridCase.id % 11 == 0).values(community_id=None, source="patrol"))
        victims = select(GridCase.id).where(GridCase.id % 13 == 0).scalar_subquery()
        conn.execute(delete(CaseEvent).where(CaseEvent.case_id.in_(victims)))
        conn.execute(text("DELETE FROM resolution_case WHERE case_id % 13 = 0"))
        conn.execute(text("DELETE FROM agenda_item_case WHERE case_id % 13 = 0"))
        conn.execute(text("UPDATE topic_proposal SET case_id = NULL WHERE case_id % 13 = 0"))
        conn.execute(delete(GridCase).where(GridCase.id % 13 == 0))
        conn.execute(insert(GridCase).values(
            case_number="T-RAW-1", source="patrol", source_key="test", title="直接写入", state="CLOSED",
            reported_at=NOW - dt.timedelta(days=40), closed_at=NOW - dt.timedelta(days=1),
            deadline_at=NOW - dt.timedelta(days=30), satisfaction=5, version=1, supervised=True,
            escalation_level=0, extension_count=1, return_count=2, description="", address="",
            reporter_name="", reporter_phone="", reply_note="",
        ))
    _assert_triggers_kept_summaries_right(demo_db)
    with demo_db.session() as s:
        for f in _filters(s):
            fast, slow = cases.backlog_dashboard(s, f, NOW), cases.backlog_dashboard(s, f, NOW, naive=True)
            assert (fast.kpis, fast.open, fast.weekly) == (slow.kpis, slow.open, slow.weekly), f


def test_transition_service_and_illegal_ones_refused_by_db(demo_db):
    with demo_db.session.begin() as s:
        s.info["actor"] = "王主任"
        cid = _case_in(s, "IN_PROGRESS")
        before = cases.case_detail(s, cid)
        assert {t.action for t in before.transitions} >= {"hold", "extend", "report_done", "return"}
        with pytest.raises(IllegalTransition):
            cases_services.transition_case(s, cid, "check_pass", expected_version=before.version)
        with pytest.raises(IllegalTransition) as missing:
            cases_services.transition_case(s, cid, "hold", expected_version=before.version, note="  ")
        assert missing.value.missing_reason
        after = cases_services.transition_case(s, cid, "hold", expected_version=before.version, note="等待材料")
        assert after.row.state == "ON_HOLD" and after.version == before.version + 1
        last = after.events[-1]
        assert (last.action, last.actor, last.note, last.to_state) == ("hold", "王主任", "等待材料", "ON_HOLD")
        with pytest.raises(ConflictError) as stale:
            cases_services.transition_case(s, cid, "resume", expected_version=before.version)
        assert (stale.value.table, stale.value.row_id, stale.value.base_version, stale.value.their_version) == (
            "grid_case", cid, before.version, after.version)
        deadline = after.row.deadline_at
        cases_services.transition_case(s, cid, "resume", expected_version=after.version)
        extended = cases_services.transition_case(s, cid, "extend", note="工程量大", new_deadline=NOW + dt.timedelta(days=40))
        assert extended.extension_count == before.extension_count + 1 and extended.row.deadline_at > deadline


def test_supervise_and_propose(demo_db):
    with demo_db.session.begin() as s:
        s.info["actor"] = "李书记"
        cid = _case_in(s, "DISPATCHED")
        detail = cases_services.set_supervised(s, cid, True, expected_version=cases.case_detail(s, cid).version)
        assert detail.row.supervised and detail.events[-1].action == "supervise"
        detail = cases_services.set_supervised(s, cid, False)
        assert not detail.row.supervised and detail.events[-1].action == "unsupervise"
        planned = s.scalars(select(Meeting).where(Meeting.status == "planned").order_by(Meeting.starts_at)).first()
        proposal = cases_services.propose_for_meeting(s, cid, note="请大工委协调", now=NOW)
        row = s.get(TopicProposal, proposal.proposal_id)
        assert row.case_id == cid and row.status == "proposed" and row.proposed_by == "李书记"
        expected = planned.id if planned is not None and planned.starts_at >= NOW else None
        assert row.meeting_id == proposal.meeting_id == expected
        assert cases.case_detail(s, cid).proposals == 1


def test_list_ids_sort_filter_and_rows(demo_db):
    with demo_db.session() as s:
        comm = s.scalar(select(Community.id).order_by(Community.id))
        f = CaseFilter(community_ids=(comm,))
        ids = cases.case_ids(s, f, "reported_at", True, NOW)
        expected = list(s.scalars(select(GridCase.id).where(GridCase.community_id == comm)
                                  .order_by(GridCase.reported_at.desc(), GridCase.id.desc())))
        assert ids.tolist() == expected
        asc = cases.case_ids(s, f, "case_number", False, NOW)
        numbers = [r.case_number for r in cases.case_rows(s, asc[:50])]
        assert numbers == sorted(numbers) and [r.id for r in cases.case_rows(s, asc[:50])] == asc[:50].tolist()
        word = cases.case_rows(s, ids[:1])[0].title[:2]
        found = cases.case_ids(s, CaseFilter(text=word), now=NOW)
        assert 0 < len(found) < s.scalar(select(GridCase.id).order_by(GridCase.id.desc()).limit(1))
        overdue = cases.case_ids(s, CaseFilter(focus="overdue"), now=NOW)
        assert len(overdue) == queries.case_backlog(s, NOW)[1]
        assert len(cases.case_ids(s, CaseFilter(case_ids=()), now=NOW)) == 0
        unit = s.scalar(select(HandlingUnit.id).order_by(HandlingUnit.id))
        scores = {u.unit_id: u for u in cases.unit_scorecard(s, CaseFilter())}
        received = s.scalar(select(text("count(*)")).select_from(GridCase)
                            .where(GridCase.handling_unit_id == unit, GridCase.state != "VOID"))
        assert scores[unit].received == received
