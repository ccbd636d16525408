"""A realistic demo street (包河区 汇湖街道) for StreetBoard.

:func:`generate_demo` fills an empty schema with one street: communities, grids, resident and
municipal units, the committee (two terms), about two years of grid cases with their full event
history, monthly meetings with attendance, minutes, resolutions and tasks, the three lists, dual
reporting, 四联四定 pairings and a few app users.  Everything is placed relative to ``today`` so
the demo always looks current, and the same ``seed`` + ``today`` gives identical data.

The grid cases (up to millions) are generated column-wise with numpy and bulk-loaded (SQLite:
``executemany`` on the driver connection; PostgreSQL: ``COPY``); the small tables go through the
ORM.  The whole load is one transaction.  All names are invented.

The generator is one class made of its phases, one module each, called in a fixed order (so the
random streams, and with them the data, stay the same): ``street`` (office, communities, grids,
units, handling units and categories), ``committee`` (terms, members, liaisons, app users),
``pairings``, ``units`` (three lists, dual reporting), ``cases`` (bulk load), ``bodies`` (the
大工委, the communities' 大党委 and the 联席会议, with their own random stream) and ``meetings``;
``vocabulary`` holds the fixed word lists and ``helpers`` the small shared functions.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from db.cases.states import DEFAULT_TRANSITIONS
from db.cases.summaries import summaries_rebuilt_after
from db.core import clock
from db.demo.bodies import _BodiesPhase
from db.demo.cases import _CasesPhase
from db.demo.committee import _CommitteePhase
from db.demo.helpers import _Names
from db.demo.meetings import _MeetingsPhase
from db.demo.pairings import _PairingsPhase
from db.demo.street import _StreetPhase
from db.demo.units import _UnitsPhase
from db.demo.vocabulary import HISTORY_DAYS
from db.schema.cases import CaseTransition
from db.schema.street import StreetOffice

__all__ = ["DemoSummary", "generate_demo"]

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class DemoSummary:
    communities: int
    grids: int
    units: int
    cases: int
    case_events: int
    meetings: int
    resolutions: int
    seconds: float


# --------------------------------------------------------------------------- the entry point


def generate_demo(
    engine: Engine,
    *,
    cases: int = 30_000,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill the (migrated, empty) database behind ``engine`` with a demo street.

    Raises ``ValueError`` if the database already holds a street (and writes nothing).
    """
    t0 = time.perf_counter()
    today = today or clock.today()
    gen = _Generator(seed=seed, today=today, n_cases=cases, progress=progress)
    is_sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if is_sqlite:
            # Load-only settings; restored below. foreign_keys can't change inside a transaction.
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("PRAGMA cache_size=-262144")
            conn.commit()
        try:
            # One transaction for everything; the session joins it and never commits it itself.
            with conn.begin(), Session(bind=conn, autoflush=False) as session:
                if session.scalar(select(func.count()).select_from(StreetOffice)):
                    raise ValueError("database already holds a street")
                # Summary triggers off for the bulk load, the summaries rebuilt in one pass after.
                with summaries_rebuilt_after(conn):
                    summary_counts = gen.run(session, conn)
        finally:
            if is_sqlite:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
                conn.commit()
        gen.report("analyze", 0.97)
        if is_sqlite:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.commit()
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    gen.report("done", 1.0)
    return DemoSummary(**summary_counts, seconds=round(time.perf_counter() - t0, 3))


# --------------------------------------------------------------------------- the generator


class _Generator(_StreetPhase, _CommitteePhase, _PairingsPhase, _UnitsPhase, _CasesPhase, _BodiesPhase,
                 _MeetingsPhase):
    def __init__(self, *, seed: int, today: dt.date, n_cases: int, progress: Progress | None):
        self.seed = seed
        self.today = today
        self.n_cases = int(n_cases)
        self.progress = progress
        self.rng = np.random.default_rng(seed)
        self.py = random.Random(seed)
        self.names = _Names(self.py)
        self.now = dt.datetime.combine(today, dt.time(8, 0))
        self.start_day = today - dt.timedelta(days=HISTORY_DAYS)
        self.counts: dict[str, int] = {}

    def report(self, stage: str, fraction: float) -> None:
        if self.progress is not None:
            self.progress(stage, min(1.0, max(0.0, fraction)))

    # ------------------------------------------------------------------ orchestration

    def run(self, s: Session, conn: Connection) -> dict[str, int]:
        self.report("street", 0.0)
        self._transitions(s)
        self._street(s)
        self._units(s)
        self._committee(s)
        self._handling_and_categories(s)
        self._pairings(s)
        self._three_lists(s)
        self._dual_reporting(s)
        s.flush()
        self.report("cases", 0.05)
        self._cases(s, conn)
        self.report("meetings", 0.9)
        self._bodies(s)
        self._meetings(s)
        self._users(s)
        self._community_meetings(s)
        s.flush()
        return {
            "communities": len(self.communities),
            "grids": len(self.grids),
            "units": len(self.units),
            "cases": self.n_cases,
            "case_events": self.n_events,
            "meetings": self.n_meetings,
            "resolutions": self.n_resolutions,
        }

    def _add(self, s: Session, objs: Sequence[Any], stamp: dt.datetime | None = None) -> None:
        """Add and flush, stamping created/updated (no wall clock)."""
        stamp = stamp or self.now
        for o in objs:
            if hasattr(o, "created_at") and getattr(o, "created_at", None) is None:
                o.created_at = stamp
            if hasattr(o, "updated_at") and getattr(o, "updated_at", None) is None:
                o.updated_at = stamp
        s.add_all(objs)
        s.flush()

    def _transitions(self, s: Session) -> None:
        rows = s.execute(
            select(CaseTransition.from_state, CaseTransition.action, CaseTransition.enabled)
        ).all()
        if rows:
            enabled = {(f, a) for f, a, e in rows if e}
        else:
            enabled = {(t.from_state, t.action) for t in DEFAULT_TRANSITIONS}
        self.enabled = enabled
