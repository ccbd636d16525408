"""One rule moves a resolution and its task together as its linked cases close (migration 0012)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from db.cases import services as case_services
from db.meetings import room
from db.schema.resolutions import Resolution, Task
from tests import factories as f

NOW = dt.datetime(2026, 5, 10, 9, 0)


@pytest.fixture
def street(empty_db):
    db = empty_db
    with db.session.begin() as s:
        office = f.street(s)
        school = f.unit(s, office, "区一中")
        term = f.term(s, office, school)
        meeting = f.meeting(s, term, dt.datetime(2026, 5, 15, 14, 30), status="in_progress")
        cases = [f.case(s, reported=NOW, deadline=NOW + dt.timedelta(days=30)) for _ in range(3)]
        done = f.case(s, reported=NOW, deadline=NOW + dt.timedelta(days=30), state="CLOSED", closed=NOW)
        s.flush()
        ids = {"meeting": meeting.id, "school": school.id, "cases": [c.id for c in cases], "done": done.id}
    return db, ids


def _record(db, ids, case_ids):
    with db.session.begin() as s:
        info = room.record_resolution(s, ids["meeting"], None, "整治占道经营", ids["school"],
                                      deadline=dt.date(2026, 6, 30), case_ids=case_ids)
    return info


def _state(db, info):
    with db.session() as s:
        res, task = s.get(Resolution, info.id), s.get(Task, info.task_id)
        return res.status, task.status, task.progress_pct


def _set_state(db, case_id, state):
    with db.engine.begin() as conn:  # whatever closes the case (an import, another PC): a raw update
        conn.execute(text(f"UPDATE grid_case SET state = '{state}' WHERE id = {case_id}"))


def test_the_only_linked_case_closing_moves_resolution_and_task(street):
    db, ids = street
    info = _record(db, ids, ids["cases"][:1])
    assert _state(db, info) == ("open", "open", 0)
    _set_state(db, ids["cases"][0], "CLOSED")
    assert _state(db, info) == ("ready_to_verify", "done", 100)


def test_a_case_closed_before_recording_does_not_make_it_ready(street):
    db, ids = street
    info = _record(db, ids, [ids["done"]])
    assert info.status == "open"
    assert _state(db, info) == ("open", "open", 0)
    info = _record(db, ids, [ids["done"], ids["cases"][0]])
    assert _state(db, info) == ("open", "open", 0)  # the closed one does not count
    _set_state(db, ids["cases"][0], "CLOSED")
    assert _state(db, info) == ("ready_to_verify", "done", 100)


def test_several_links_move_the_task_by_share(street):
    db, ids = street
    info = _record(db, ids, ids["cases"])
    _set_state(db, ids["cases"][0], "CLOSED")
    assert _state(db, info) == ("in_progress", "in_progress", 33)
    _set_state(db, ids["cases"][1], "EVALUATED")
    assert _state(db, info) == ("in_progress", "in_progress", 66)
    _set_state(db, ids["cases"][2], "CLOSED")
    assert _state(db, info) == ("ready_to_verify", "done", 100)


def test_a_reopened_case_moves_both_back(street):
    db, ids = street
    info = _record(db, ids, ids["cases"][:2])
    for c in ids["cases"][:2]:
        _set_state(db, c, "CLOSED")
    assert _state(db, info) == ("ready_to_verify", "done", 100)
    _set_state(db, ids["cases"][1], "IN_PROGRESS")  # an unsatisfied return visit
    assert _state(db, info) == ("in_progress", "in_progress", 50)
    with db.session() as s:
        assert s.get(Resolution, info.id).completed_on is None and s.get(Task, info.task_id).done_on is None


def test_the_case_service_closing_moves_both(street):
    db, ids = street
    info = _record(db, ids, ids["cases"][:1])
    with db.session.begin() as s:
        case_services.transition_case(s, ids["cases"][0], "report_done", note="已整改")
    assert _state(db, info) == ("open", "open", 0)
    with db.session.begin() as s:
        case_services.transition_case(s, ids["cases"][0], "check_pass", note="核查通过")
    assert _state(db, info) == ("ready_to_verify", "done", 100)
