"""Case backlog speed: ``.venv/bin/python -m tests.benchmarks.bench_cases --db URL``.

Prints, for the database given (meant for the 1,000,000-case demo street):

* filter change → every tile and chart recomputed (``db.cases.backlog_dashboard``), median and p90
  over ~20 realistic filters, each timed warm (best of the repeats, then the median of those);
* the same figures computed straight from grid_case (the definitions, no summaries) for a subset
  of the filters: the baseline, and the ratio;
* the case list: ordered ids for the whole street + the first rows, then jumping to the last rows
  (median), one 100-row batch by primary key, and resident memory growth while the list is held.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import time
from collections.abc import Callable

from sqlalchemy import func, select

from db.cases import queries as cases
from db.cases.queries import CaseFilter
from db.core.engine import Database, make_engine
from db.schema.cases import CaseCategory, GridCase, HandlingUnit
from db.schema.street import Community, Grid

BATCH = 100


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Best of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


def filters(db: Database) -> list[tuple[str, CaseFilter]]:
    with db.session() as s:
        today = s.scalar(select(func.max(GridCase.reported_at))).date()
        comms = list(s.scalars(select(Community.id).order_by(Community.id)))
        grid = s.scalar(select(Grid.id).where(Grid.community_id == comms[0]).order_by(Grid.id))
        majors = list(s.scalars(select(CaseCategory.major).distinct().order_by(CaseCategory.major)))
        minor = s.scalar(select(CaseCategory.id).order_by(CaseCategory.id))
        units = list(s.scalars(select(HandlingUnit.id).order_by(HandlingUnit.id)))
    last90 = dict(date_from=today - dt.timedelta(days=90), date_to=today)
    year = dict(date_from=dt.date(today.year, 1, 1), date_to=today)
    return [
        ("whole street", CaseFilter()),
        ("one community", CaseFilter(community_ids=(comms[0],))),
        ("another community", CaseFilter(community_ids=(comms[-1],))),
        ("one grid", CaseFilter(community_ids=(comms[0],), grid_ids=(grid,))),
        ("one major category", CaseFilter(majors=(majors[0],))),
        ("another major category", CaseFilter(majors=(majors[-1],))),
        ("one minor category", CaseFilter(category_ids=(minor,))),
        ("one handling unit", CaseFilter(unit_ids=(units[0],))),
        ("another handling unit", CaseFilter(unit_ids=(units[len(units) // 2],))),
        ("hotline only", CaseFilter(sources=("hotline",))),
        ("supervised only", CaseFilter(supervised_only=True)),
        ("last 90 days", CaseFilter(**last90)),
        ("this year", CaseFilter(**year)),
        ("community + major", CaseFilter(community_ids=(comms[1],), majors=(majors[0],))),
        ("community + supervised", CaseFilter(community_ids=(comms[2],), supervised_only=True)),
        ("unit + last 90 days", CaseFilter(unit_ids=(units[0],), **last90)),
        ("major + hotline", CaseFilter(majors=(majors[1],), sources=("hotline",))),
        ("community + unit + this year", CaseFilter(community_ids=(comms[0],), unit_ids=(units[0],), **year)),
        ("community + major + supervised", CaseFilter(community_ids=(comms[0],), majors=(majors[0],),
                                                      supervised_only=True)),
        ("two communities, two sources", CaseFilter(community_ids=tuple(comms[:2]), sources=("patrol", "resident"))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=int, default=5, help="filters also timed without the summaries")
    args = parser.parse_args()
    db = Database(make_engine(args.db, create=False))
    with db.session() as s:
        n_cases = s.scalar(select(func.count()).select_from(GridCase))
    print(f"{db.name}: {n_cases:,} cases")

    fs = filters(db)
    times: list[float] = []
    with db.session() as s:
        for label, f in fs:
            ms = timed(lambda f=f: cases.backlog_dashboard(s, f), args.repeat)
            path = cases.backlog_dashboard(s, f).path
            times.append(ms)
            print(f"  {label:<34} {ms:8.1f} ms  ({path})")
        base: list[tuple[float, float]] = []
        for (label, f), fast in list(zip(fs, times, strict=True))[: args.baseline]:
            slow = timed(lambda f=f: cases.backlog_dashboard(s, f, naive=True), 1)
            base.append((fast, slow))
            print(f"  baseline {label:<25} {slow:8.1f} ms")
    q = statistics.quantiles(times, n=10)
    print(f"filter change → all tiles and charts: median {statistics.median(times):.1f} ms, "
          f"p90 {q[-1]:.1f} ms over {len(times)} filters")
    fast_med = statistics.median(b[0] for b in base)
    slow_med = statistics.median(b[1] for b in base)
    print(f"baseline (same figures straight from grid_case, {len(base)} filters): median {slow_med:.0f} ms "
          f"→ {slow_med / fast_med:.0f}× slower")

    gc.collect()
    before = rss_mb()
    opens, jumps, batches = [], [], []
    held = None
    for _ in range(5):
        with db.session() as s:
            t0 = time.perf_counter()
            ids = cases.case_ids(s, CaseFilter())
            cases.case_rows(s, ids[:BATCH])
            t1 = time.perf_counter()
            cases.case_rows(s, ids[-BATCH:])
            t2 = time.perf_counter()
            mid = len(ids) // 2
            cases.case_rows(s, ids[mid:mid + BATCH])
            t3 = time.perf_counter()
        opens.append((t1 - t0) * 1000)
        jumps.append((t2 - t0) * 1000)
        batches.append((t3 - t2) * 1000)
        held = ids
    growth = rss_mb() - before
    print(f"case list, whole street ({len(held):,} rows): open {statistics.median(opens):.0f} ms, "
          f"open + jump to the last row {statistics.median(jumps):.0f} ms (median of 5); "
          f"one {BATCH}-row batch by id {statistics.median(batches):.1f} ms; "
          f"resident memory growth {growth:.1f} MB")
    db.dispose()


if __name__ == "__main__":
    main()
