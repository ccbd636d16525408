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
    copies = [f"{rel}: {m.group(0)}" for rel, text in _sources("db", "desktop").items()
              for m in re.finditer(r"^def _(now|today)\(", text, re.M)]
    readers = [f"{rel}:{n}" for rel, text in _sources("db", "desktop").items() if rel != "db/core/clock.py"
               for n, line in enumerate(text.splitlines(), 1) if re.search(r"\b(datetime\.now|date\.today)\(", line)]
    assert (copies, readers) == ([], [])


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


# --------------------------------------------------------------------------- one error→sentence registry


def _raised_codes(error: str) -> set[str]:
    """Every code the app raises ``error`` with: the literals of ``error("code", …)``."""
    return {m.group(1) for text in _sources("db", "desktop").values()
            for m in re.finditer(rf'\b{error}\(\s*"(\w+)"', text)}


def _chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def test_every_error_code_the_db_layer_raises_has_its_own_sentence(sb_app):
    import desktop.meetings  # noqa: F401 - the areas' packages register their sentences
    import desktop.units  # noqa: F401
    from db.core.engine import DatabaseOpenError
    from db.core.errors import InputError
    from db.imports.records import ImportFileError
    from db.sync.roles import RolesError
    from desktop.cli import roles  # noqa: F401
    from desktop.core.messages import _registered
    from desktop.imports import wizard  # noqa: F401

    errors = [InputError(code) for code in _raised_codes("InputError")]
    errors += [mt.MeetingError(code, "") for code in _raised_codes("MeetingError")]
    errors += [ImportFileError(code, "/data/台账.xlsx") for code in _raised_codes("ImportFileError")]
    errors += [RolesError(code) for code in _raised_codes("RolesError")]
    opening = set(re.findall(r"``(\w+)``", DatabaseOpenError.__doc__ or "")) | _raised_codes("DatabaseOpenError")
    errors += [DatabaseOpenError(reason, "/data/街道.sqlite") for reason in opening]
    assert len(errors) > 70 and "foreign" in opening
    for error in errors:
        sentence = _registered(error)
        code = getattr(error, "code", None) or error.reason
        assert sentence and code not in sentence and _chinese(sentence), (type(error).__name__, code, sentence)


def test_every_minutes_and_resolution_error_has_a_sentence(sb_app):
    import inspect

    import desktop.meetings  # noqa: F401
    from db.meetings import minutes as mn
    from db.resolutions import ledger as rs
    from desktop.core.messages import _registered

    def sample(annotation: str) -> object:
        return dt.date(2026, 6, 1) if "date" in annotation else 7 if "int" in annotation else "甲"

    kinds = [k for base in (mn.MinutesError, rs.ResolutionError) for k in base.__subclasses__()]
    assert len(kinds) >= 9
    for kind in kinds:
        params = list(inspect.signature(kind).parameters.values())
        error = kind(*(sample(str(p.annotation)) for p in params))
        sentence = _registered(error)
        assert sentence and _chinese(sentence), (kind.__name__, sentence)


def test_a_stale_or_gone_record_is_told_by_what_was_lost(sb_app):
    from PySide6.QtCore import QCoreApplication

    import desktop.meetings  # noqa: F401
    from db.core.versioning import ConflictError, RecordGone
    from desktop.core.messages import describe

    def tr(context: str, text: str) -> str:
        return QCoreApplication.translate(context, text)

    kept = tr("Conflicts", "Not saved: someone else saved this record meanwhile. Your text is kept; save again to choose.")
    reload = tr("Messages", "Someone else saved this record while you were editing it; reload to see their version.")
    newer = tr("MinutesMessages", "Someone else saved a newer version while you were editing; your text is kept — "
                                  "reload and apply it again.")
    changed = tr("MeetingErrors", "Someone else changed this meanwhile; your text is kept here and was not saved.")
    assert describe(ConflictError("task", 1, 3, 4, mine={"progress_pct": 50})) == kept  # the conflict dialog's edit
    assert describe(ConflictError("task", 1, 3, 4)) == newer  # update_progress(expected_version=…)
    assert describe(ConflictError("minutes", 1, 3, 4)) == newer
    assert describe(ConflictError("agenda_item", 1, 3, 4, mine={"notes": "甲"})) == changed
    assert describe(ConflictError("meeting", 1, 3, 4)) == changed
    assert describe(ConflictError("pairing_label", 1, 3, 4)) == reload
    assert describe(RecordGone("meeting", 12)) == tr("MinutesMessages", "There is no meeting with the number {0}.").format(12)
    assert describe(RecordGone("task", 7)) == tr("MinutesMessages", "That record no longer exists; reload the list.")
    assert describe(RecordGone("task", 7, {"progress_pct": 50})) == tr(
        "Conflicts", "Not saved: someone else deleted this record. Your text is kept; copy it elsewhere.")
    assert len({kept, reload, newer, changed}) == 4 and all(_chinese(s) for s in (kept, reload, newer, changed))


def test_the_most_specific_registration_speaks_first():
    from desktop.core.messages import describe, register

    class Refused(Exception):
        def __init__(self, code: str):
            self.code = code

    class Hurried(Refused):
        pass

    register(Refused, lambda e: f"refused {e.code}")
    register(Refused, lambda _e: "the one for late", key="late")
    register(Hurried, lambda e: None if e.code == "late" else "hurried")  # passes on what it cannot tell
    assert [describe(Refused("late")), describe(Refused("early")), describe(Hurried("late")),
            describe(Hurried("early"))] == ["the one for late", "refused early", "the one for late", "hurried"]
    with pytest.raises(ValueError):
        register(Refused, lambda _e: "twice", key="late")


def test_one_describer_for_every_failure_path():
    """No screen keeps a describe_…error/…failure of its own: every failure goes through messages.describe."""
    own = [f"{rel}: {m.group(0)}" for rel, text in _sources("desktop").items()
           for m in re.finditer(r"^def describe_\w*(error|failure)\w*\(", text, re.M)]
    # left: the street set-up words a file error for its one workbook (the import wizard's words are registered)
    assert own == ["desktop/street/texts.py: def describe_workbook_error("]
