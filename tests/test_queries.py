"""Overview figures on a database whose answers are known by construction."""

from __future__ import annotations

import datetime as dt

import pytest

from db import overview as queries
from tests import factories as f

NOW = dt.datetime(2026, 6, 15, 10, 0)
DAY = dt.timedelta(days=1)


@pytest.fixture
def known_db(empty_db):
    with empty_db.session.begin() as s:
        office = f.street(s, "滨湖街道")
        comm = f.community(s, office)
        school = f.unit(s, office, "第一小学")
        hospital = f.unit(s, office, "区人民医院", "hospital")
        police = f.unit(s, office, "派出所", "police")
        outsider = f.unit(s, office, "某公司", "company")  # not a member unit
        city = f.unit(s, office, "市财政局", "municipal")
        term = f.term(s, office, school, hospital, police)

        # Cases: 4 open (2 overdue, 1 overdue but on hold = clock paused), 3 closed in the last year
        # (2 on time), 1 closed two years ago (ignored by the on-time rate), 1 void.
        f.case(s, reported=NOW - 10 * DAY, deadline=NOW - 3 * DAY)  # overdue
        f.case(s, reported=NOW - 10 * DAY, deadline=NOW - 1 * DAY, state="DISPATCHED")  # overdue
        f.case(s, reported=NOW - 10 * DAY, deadline=NOW - 1 * DAY, state="ON_HOLD")  # paused
        f.case(s, reported=NOW - 1 * DAY, deadline=NOW + 2 * DAY, state="REPORTED")
        f.case(s, reported=NOW - 30 * DAY, deadline=NOW - 20 * DAY, state="CLOSED", closed=NOW - 25 * DAY)
        f.case(s, reported=NOW - 30 * DAY, deadline=NOW - 20 * DAY, state="EVALUATED", closed=NOW - 21 * DAY)
        f.case(s, reported=NOW - 30 * DAY, deadline=NOW - 20 * DAY, state="CLOSED", closed=NOW - 2 * DAY)  # late
        f.case(s, reported=NOW - 800 * DAY, deadline=NOW - 790 * DAY, state="CLOSED", closed=NOW - 700 * DAY)
        f.case(s, reported=NOW - 5 * DAY, deadline=NOW - 2 * DAY, state="VOID")

        # Meetings: four held, the oldest outside the window of three; one in the future.
        old = f.meeting(s, term, NOW - 120 * DAY)
        m1 = f.meeting(s, term, NOW - 90 * DAY)
        m2 = f.meeting(s, term, NOW - 60 * DAY)
        m3 = f.meeting(s, term, NOW - 30 * DAY, status="closed")
        future = f.meeting(s, term, NOW + 7 * DAY, status="planned")
        for u in (school, hospital, police):
            f.sign_in(s, old, u, "absent")
        for held, statuses in ((m1, ("present", "present", "absent")), (m2, ("present", "excused", "absent")),
                               (m3, ("present", "present", "present"))):
            for u, status in zip((school, hospital, police), statuses, strict=True):
                f.sign_in(s, held, u, status)
        f.sign_in(s, m3, outsider, "observer")  # 列席, not a member: not counted
        f.sign_in(s, m3, None, "present", "街道书记")  # street staff: not a member unit

        f.resolution(s, m1, school, (NOW - 10 * DAY).date())  # overdue
        f.resolution(s, m2, hospital, (NOW + 10 * DAY).date(), "in_progress")
        f.resolution(s, m2, police, (NOW - 1 * DAY).date(), "ready_to_verify")  # overdue
        f.resolution(s, m1, police, (NOW - 30 * DAY).date(), "done")
        f.resolution(s, future, school, (NOW + 40 * DAY).date())

        f.agreement(s, city, comm, 2026, ["done", "done", "in_progress", "planned", "cancelled"])
        f.agreement(s, f.unit(s, office, "市住建局", "municipal"), comm, 2025, ["done", "planned"])
    return empty_db


def test_overview_kpis_match_the_known_answers(known_db):
    with known_db.session() as s:
        k = queries.overview_kpis(s, NOW)
    assert k.street_name == "滨湖街道"
    assert (k.open_cases, k.overdue_cases) == (4, 2)
    assert k.closed_last_year == 3
    assert k.on_time_rate == pytest.approx(2 / 3)
    assert (k.open_resolutions, k.overdue_resolutions) == (4, 2)
    assert k.attendance_meetings == 3
    assert k.attendance_rate == pytest.approx(6 / 9)
    assert (k.agreement_year, k.agreement_items_done, k.agreement_items_total) == (2026, 2, 4)


def test_empty_database_gives_zeros_and_no_invented_rates(empty_db):
    with empty_db.session() as s:
        k = queries.overview_kpis(s, NOW)
    assert (k.open_cases, k.overdue_cases, k.open_resolutions) == (0, 0, 0)
    assert k.on_time_rate is None and k.attendance_rate is None
    assert k.street_name == ""
