"""The demo street generator (db/demo/): counts, determinism, state-machine consistency."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select, text

from db.cases.states import DEFAULT_TRANSITIONS
from db.core.base import Base
from db.core.engine import make_engine
from db.demo import DemoSummary, generate_demo
from db.schema.cases import CaseEvent, CaseTransition, GridCase
from db.schema.meetings import Attendance, Meeting
from db.schema.street import Community, Grid, StreetOffice
from db.schema.units import CommitteeMember, MemberUnit, ResidentUnit

TODAY = dt.date(2026, 3, 18)
N = 2000


def _new_db(path: Path) -> Engine:
    """A fresh schema with the transitions seeded, as the migration would leave it."""
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(CaseTransition),
            [
                {
                    "from_state": t.from_state,
                    "action": t.action,
                    "to_state": t.to_state,
                    "needs_reason": t.needs_reason,
                    "enabled": True,
                }
                for t in DEFAULT_TRANSITIONS
            ],
        )
    return engine


def _case_rows(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT * FROM grid_case ORDER BY id"))]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, DemoSummary, list[tuple[str, float]]]:
    engine = _new_db(tmp_path_factory.mktemp("demo") / "a.sqlite")
    calls: list[tuple[str, float]] = []
    summary = generate_demo(
        engine, cases=N, seed=1, today=TODAY, progress=lambda stage, f: calls.append((stage, f))
    )
    yield engine, summary, calls
    engine.dispose()


def test_counts(demo) -> None:
    engine, summary, calls = demo
    assert summary.cases == N
    assert 6 <= summary.communities <= 10
    assert 90 <= summary.grids <= 150
    assert summary.case_events > 5 * N
    assert summary.meetings >= 24
    assert summary.resolutions >= summary.meetings
    assert calls and calls[-1] == ("done", 1.0)
    assert all(0.0 <= f <= 1.0 for _, f in calls)
    with engine.connect() as conn:
        count = lambda m: conn.scalar(select(func.count()).select_from(m))  # noqa: E731
        assert count(StreetOffice) == 1
        assert count(Community) == summary.communities
        assert count(Grid) == summary.grids
        assert count(GridCase) == N
        assert count(CaseEvent) == summary.case_events
        assert count(ResidentUnit) == summary.units
        assert conn.scalar(select(func.count()).where(ResidentUnit.kind == "municipal")) >= 8
        states = dict(conn.execute(select(GridCase.state, func.count()).group_by(GridCase.state)).all())
        assert states.get("CLOSED", 0) + states.get("EVALUATED", 0) > 0.8 * N
        assert states.get("VOID", 0) > 0
        planned = conn.scalar(
            select(func.count()).where(Meeting.status == "planned", Meeting.starts_at > TODAY)
        )
        assert planned == 1
        # every case's dates: closed after reported, deadline after reported
        bad = conn.scalar(
            select(func.count()).where(
                (GridCase.closed_at < GridCase.reported_at) | (GridCase.deadline_at < GridCase.reported_at)
            )
        )
        assert bad == 0
        assert conn.scalar(select(func.max(GridCase.reported_at))) < dt.datetime.combine(TODAY, dt.time(8))


def test_event_sequences_follow_the_state_machine(demo) -> None:
    engine, _summary, _calls = demo
    legal = {(t.from_state, t.action): t.to_state for t in DEFAULT_TRANSITIONS}
    with engine.connect() as conn:
        cases = dict(conn.execute(select(GridCase.id, GridCase.state)).all())
        reported = dict(conn.execute(select(GridCase.id, GridCase.reported_at)).all())
        closed = dict(conn.execute(select(GridCase.id, GridCase.closed_at)).all())
        events = conn.execute(
            select(
                CaseEvent.case_id, CaseEvent.at, CaseEvent.action, CaseEvent.from_state, CaseEvent.to_state
            ).order_by(CaseEvent.case_id, CaseEvent.id)
        ).all()
    by_case: dict[int, list] = {}
    for e in events:
        by_case.setdefault(e.case_id, []).append(e)
    assert set(by_case) == set(cases)
    for cid, evs in by_case.items():
        first = evs[0]
        assert (first.action, first.from_state, first.to_state) == ("report", None, "REPORTED")
        assert first.at == reported[cid]
        state = "REPORTED"
        for prev, e in zip(evs, evs[1:], strict=False):
            assert e.at >= prev.at
            assert e.from_state == state
            assert legal[(state, e.action)] == e.to_state, (cid, state, e.action)
            state = e.to_state
        assert state == cases[cid]
        if state in ("CLOSED", "EVALUATED"):
            last_pass = [e.at for e in evs if e.action == "check_pass"][-1]
            assert closed[cid] == last_pass >= reported[cid]
        else:
            assert closed[cid] is None


def test_a_member_unit_missed_the_last_three_meetings(demo) -> None:
    engine, _summary, _calls = demo
    with engine.connect() as conn:
        last3 = conn.scalars(
            select(Meeting.id).where(Meeting.status.in_(("closed", "approved")))  # held
                .order_by(Meeting.starts_at.desc()).limit(3)
        ).all()
        assert len(last3) == 3
        member_units = set(conn.scalars(select(MemberUnit.unit_id)))
        absent_everywhere = None
        for mid in last3:
            absent = set(
                conn.scalars(
                    select(Attendance.unit_id)
                    .join(CommitteeMember, CommitteeMember.id == Attendance.member_id)
                    .where(Attendance.meeting_id == mid, Attendance.status == "absent")
                )
            )
            absent_everywhere = absent if absent_everywhere is None else absent_everywhere & absent
        assert absent_everywhere & member_units


def test_second_call_raises_and_writes_nothing(demo) -> None:
    engine, summary, _calls = demo
    before = _case_rows(engine)
    with pytest.raises(ValueError, match="already holds a street"):
        generate_demo(engine, cases=100, seed=2, today=TODAY)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(StreetOffice)) == 1
        assert conn.scalar(select(func.count()).select_from(CaseEvent)) == summary.case_events
    assert _case_rows(engine) == before


def test_deterministic_for_seed_and_today(demo, tmp_path: Path) -> None:
    engine, _summary, _calls = demo
    again = _new_db(tmp_path / "b.sqlite")
    other = _new_db(tmp_path / "c.sqlite")
    try:
        generate_demo(again, cases=N, seed=1, today=TODAY)
        generate_demo(other, cases=N, seed=2, today=TODAY)
        rows = _case_rows(engine)
        assert _case_rows(again) == rows
        assert _case_rows(other) != rows
    finally:
        again.dispose()
        other.dispose()
