"""One of each mechanism: one clock, one "overdue case" definition, one stale-record and one
gone-record exception, one error→sentence registry."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from db import overview
from db.cases import queries as cq
from db.core import clock
from db.meetings import agenda as mt
from db.meetings import room as mt_room
from tests import factories as f

REPO = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 6, 15, 10, 0)


def _sources(*roots: str) -> dict[str, str]:
    out = {}
    for root in roots:
        for path in sorted((REPO / root).rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            if not rel.startswith("db/migrations/"):
                out[rel] = path.read_text(encoding="utf-8")
    return out


# --------------------------------------------------------------------------- the clock


def test_clock_drops_microseconds_and_follows_its_source(monkeypatch):
    monkeypatch.setattr(clock, "source", lambda: dt.datetime(2026, 6, 15, 23, 59, 59, 987654))
    assert clock.now() == dt.datetime(2026, 6, 15, 23, 59, 59)
    assert clock.today() == dt.date(2026, 6, 15)


def test_no_area_keeps_a_clock_of_its_own():
    copies = [f"{rel}: {m.group(0)}" for rel, text in _sources("db").items()
              for m in re.finditer(r"^def _(now|today)\(", text, re.M)]
    assert copies == []


# --------------------------------------------------------------------------- overdue cases


@pytest.fixture
def backlog(empty_db):
    """Six cases around NOW, all linked to one agenda item; returns (db, item id, {name: case number})."""
    day = dt.timedelta(days=1)
    with empty_db.session.begin() as s:
        office = f.street(s)
        term = f.term(s, office, f.unit(s, office, "甲小学"))
        cases = {
            "late": f.case(s, reported=NOW - 9 * day, deadline=NOW - day),
            "late_reported": f.case(s, reported=NOW - 9 * day, deadline=NOW - dt.timedelta(seconds=1),
                                    state="REPORTED"),
            "on_hold": f.case(s, reported=NOW - 9 * day, deadline=NOW - day, state="ON_HOLD"),
            "closed": f.case(s, reported=NOW - 9 * day, deadline=NOW - day, state="CLOSED", closed=NOW - day / 2),
            "due_now": f.case(s, reported=NOW - 9 * day, deadline=NOW),
            "later": f.case(s, reported=NOW - 9 * day, deadline=NOW + 9 * day),
        }
        s.flush()
        meeting = mt.create_meeting(s, kind="regular", title="例会", starts_at=NOW, term_id=term.id)
        item = mt.add_item(s, meeting.id, title="案件", kind="case_review", case_ids=[c.id for c in cases.values()])
        numbers = {name: c.case_number for name, c in cases.items()}
        ids = {name: c.id for name, c in cases.items()}
    return empty_db, item.id, numbers, ids


def test_overview_dashboard_list_and_room_count_the_same_overdue_cases(backlog, monkeypatch):
    db, item_id, numbers, ids = backlog
    monkeypatch.setattr(clock, "source", lambda: NOW)  # none of the calls below is given a time
    expected = {"late", "late_reported"}
    with db.session() as s:
        kpis = overview.overview_kpis(s)
        opened = cq.open_breakdown(s, cq.CaseFilter())
        listed = set(cq.case_ids(s, cq.CaseFilter(focus="overdue")).tolist())
        figures = mt_room.item_figures(s, item_id).cases
    assert (kpis.open_cases, kpis.overdue_cases) == (5, len(expected))
    assert (opened.open, opened.overdue, opened.due_soon) == (5, len(expected), 1)  # due_now is due soon
    assert listed == {ids[name] for name in expected}
    assert figures is not None and (figures.linked, figures.open, figures.overdue) == (6, 5, len(expected))
    assert {line.case_number for line in figures.lines if line.overdue} == {numbers[name] for name in expected}


def test_one_overdue_definition():
    """Every figure counts overdue cases with ``db.cases.queries.overdue_condition``: the ON_HOLD
    exception to the deadline is written in that one place."""
    places = sorted(rel for rel, text in _sources("db", "desktop").items() if '!= "ON_HOLD"' in text)
    assert places == ["db/cases/queries.py"]
