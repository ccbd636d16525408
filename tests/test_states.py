"""The case state machine: data in the database, one function applies it, illegal moves refused."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from db.cases.states import DEFAULT_TRANSITIONS, IllegalTransition, allowed_actions, apply_transition
from db.schema.cases import CaseEvent, CaseTransition, GridCase

T0 = dt.datetime(2026, 3, 2, 9, 0)


def _case(session, state="REPORTED", deadline_days=3) -> GridCase:
    case = GridCase(
        case_number=f"T-{state}", title="测试事件", reported_at=T0, state=state,
        deadline_at=T0 + dt.timedelta(days=deadline_days),
    )
    session.add(case)
    session.flush()
    return case


def test_migration_seeds_the_state_machine(empty_db):
    with empty_db.session() as s:
        rows = {(t.from_state, t.action, t.to_state, t.needs_reason) for t in s.scalars(select(CaseTransition))}
    assert rows == {(t.from_state, t.action, t.to_state, t.needs_reason) for t in DEFAULT_TRANSITIONS}


def test_full_happy_path_writes_one_event_per_step(empty_db):
    with empty_db.session.begin() as s:
        case = _case(s)
        for action in ("file", "dispatch", "accept", "report_done", "check_pass", "return_visit"):
            apply_transition(s, case, action, actor="网格员", at=T0 + dt.timedelta(hours=1), satisfaction=5)
        case_id = case.id
    with empty_db.session() as s:
        case = s.get(GridCase, case_id)
        assert case.state == "EVALUATED"
        assert case.closed_at == T0 + dt.timedelta(hours=1)
        assert case.satisfaction == 5
        steps = [(e.from_state, e.to_state) for e in s.scalars(select(CaseEvent).order_by(CaseEvent.id))]
    assert steps == [
        ("REPORTED", "FILED"), ("FILED", "DISPATCHED"), ("DISPATCHED", "IN_PROGRESS"),
        ("IN_PROGRESS", "FEEDBACK"), ("FEEDBACK", "CLOSED"), ("CLOSED", "EVALUATED"),
    ]


@pytest.mark.parametrize(
    ("state", "action"),
    [("REPORTED", "dispatch"), ("CLOSED", "hold"), ("VOID", "file"), ("FEEDBACK", "extend"), ("ON_HOLD", "report_done")],
)
def test_illegal_transition_is_refused_and_writes_nothing(empty_db, state, action):
    with empty_db.session.begin() as s:
        case = _case(s, state)
        with pytest.raises(IllegalTransition):
            apply_transition(s, case, action, note="理由")
        assert case.state == state
        assert s.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id)) is None


def test_reason_is_required_where_the_machine_says_so(empty_db):
    with empty_db.session.begin() as s:
        case = _case(s, "REPORTED")
        with pytest.raises(IllegalTransition) as info:
            apply_transition(s, case, "reject", note="   ")
        assert info.value.missing_reason
        apply_transition(s, case, "reject", note="重复上报")
        assert case.state == "VOID"


def test_hold_pauses_the_deadline_clock(empty_db):
    with empty_db.session.begin() as s:
        case = _case(s, "IN_PROGRESS", deadline_days=3)
        apply_transition(s, case, "hold", note="等待产权单位答复", at=T0 + dt.timedelta(days=1))
        apply_transition(s, case, "resume", at=T0 + dt.timedelta(days=6))
        assert case.state == "IN_PROGRESS"
        assert case.deadline_at == T0 + dt.timedelta(days=8)


def test_extend_moves_the_deadline_forward_only(empty_db):
    with empty_db.session.begin() as s:
        case = _case(s, "IN_PROGRESS", deadline_days=3)
        with pytest.raises(IllegalTransition):
            apply_transition(s, case, "extend", note="需协调", new_deadline=T0 + dt.timedelta(days=2))
        apply_transition(s, case, "extend", note="需协调", new_deadline=T0 + dt.timedelta(days=10))
        assert case.extension_count == 1
        assert case.deadline_at == T0 + dt.timedelta(days=10)


def test_a_disabled_transition_is_refused(empty_db):
    with empty_db.session.begin() as s:
        s.execute(update(CaseTransition).where(CaseTransition.action == "unsatisfied").values(enabled=False))
        case = _case(s, "EVALUATED")
        assert "unsatisfied" not in [t.action for t in allowed_actions(s, "EVALUATED")]
        with pytest.raises(IllegalTransition):
            apply_transition(s, case, "unsatisfied", note="群众不满意")


def test_check_fail_and_return_count_as_rework(empty_db):
    with empty_db.session.begin() as s:
        case = _case(s, "FEEDBACK")
        apply_transition(s, case, "check_fail", note="现场仍有垃圾")
        apply_transition(s, case, "return", note="非本部门职责")
        assert (case.state, case.return_count) == ("FILED", 2)
