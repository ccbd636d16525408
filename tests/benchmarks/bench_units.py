"""Units and 四联四定 page speed: ``.venv/bin/python -m tests.benchmarks.bench_units --db URL [--db URL2]``.

Each ``--db`` names a database to build (it must be empty or not exist yet; a PostgreSQL database
that does not exist is created on its server): a demo street (2,000 cases), then in bulk up to
200 units (150 resident + 50 city-level), 50 pairings and five years of records — needs,
resources and their uses, projects and claims, serving party members and service hours, topic
proposals, committee meetings with sign-in, annual agreements with items and progress updates.

Prints, per database, the median and p90 over ``--repeat`` runs of opening each page:
``load(session)`` (the database work, on the worker) and ``show_data`` (filling the widgets).
The target is a median page open ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time

from sqlalchemy import func, insert, select, text

from db.core import migrate
from db.core.engine import Database, make_engine, resolve_url
from db.demo import generate_demo
from db.schema.meetings import Attendance, Meeting, TopicProposal
from db.schema.pairings import AgreementItem, AgreementProgress, AnnualAgreement, Pairing, PairingLabel
from db.schema.street import CommitteeTerm, Community, StreetOffice
from db.schema.units import (
    Need,
    Project,
    ProjectClaim,
    ResidentUnit,
    Resource,
    ResourceUse,
    ServiceRecord,
    ServingPartyMember,
)

TODAY = dt.date(2026, 6, 15)
YEARS = 5
KINDS = ("school", "hospital", "police", "state_firm", "company", "property", "agency", "social_org")


def _ensure_database(raw: str) -> Database:
    url = resolve_url(raw)
    if url.get_backend_name() == "postgresql":
        admin = make_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": url.database}):
                conn.execute(text(f'CREATE DATABASE "{url.database}"'))
        admin.dispose()
    database = Database(make_engine(url))
    migrate.upgrade(database.engine)
    return database


def build(database: Database) -> dict[str, int]:
    """Demo street, then bulk records up to the benchmark's size. Refuses a non-empty database."""
    t0 = time.perf_counter()
    generate_demo(database.engine, cases=2_000, seed=3, today=TODAY)
    rng = random.Random(11)
    with database.session.begin() as s:
        street = s.scalar(select(StreetOffice.id))
        comms = list(s.scalars(select(Community.id).order_by(Community.id)))
        s.execute(insert(ResidentUnit), [
            {"street_id": street, "name": f"基准驻区单位{i:03d}", "short_name": f"单位{i:03d}",
             "kind": KINDS[i % len(KINDS)], "party_org": f"单位{i:03d}党支部", "community_id": comms[i % len(comms)],
             "contact_person": "联系人", "version": 1}
            for i in range(111)  # the demo has 39 resident units, 10 city-level ones and the street office
        ])
        s.execute(insert(ResidentUnit), [
            {"street_id": street, "name": f"合肥市基准局{i:02d}", "short_name": f"市基准{i:02d}", "kind": "municipal",
             "version": 1} for i in range(40)
        ])
        local = list(s.scalars(select(ResidentUnit.id).where(ResidentUnit.kind.not_in(("municipal", "other")))))
        city = list(s.scalars(select(ResidentUnit.id).where(ResidentUnit.kind == "municipal",
                                                            ResidentUnit.name.like("合肥市基准局%"))))
        s.execute(insert(Pairing), [
            {"municipal_unit_id": u, "community_id": comms[i % len(comms)], "since_year": 2014, "active": True,
             "version": 1} for i, u in enumerate(city)
        ])
        labels = list(s.scalars(select(PairingLabel.id)))
        pairings = list(s.scalars(select(Pairing.id)))
        have = {(p, y) for p, y in s.execute(select(AnnualAgreement.pairing_id, AnnualAgreement.year))}
        s.execute(insert(AnnualAgreement), [
            {"pairing_id": p, "year": y, "signed_on": dt.date(y, 2, 20), "status": "signed", "version": 1}
            for p in pairings for y in range(TODAY.year - YEARS + 1, TODAY.year + 1) if (p, y) not in have
        ])
        agreements = s.execute(select(AnnualAgreement.id, AnnualAgreement.year)).all()
        items = []
        for a, y in agreements:
            if s.scalar(select(func.count()).select_from(AgreementItem).where(AgreementItem.agreement_id == a)):
                continue
            for k in range(6):
                due = dt.date(y, rng.randint(3, 12), rng.randint(1, 28))
                pct = 100 if due < TODAY and rng.random() < 0.8 else rng.choice((0, 20, 40, 60, 80))
                items.append({"agreement_id": a, "label_id": labels[k % len(labels)], "title": f"基准事项{k}",
                              "responsible_person": "责任人", "due_on": due, "progress_pct": pct,
                              "status": "done" if pct == 100 else "in_progress" if pct else "planned",
                              "evidence_note": "", "version": 1})
        s.execute(insert(AgreementItem), items)
        item_ids = list(s.scalars(select(AgreementItem.id)))
        s.execute(insert(AgreementProgress), [
            {"item_id": i, "at": dt.datetime(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900)), "by": "某某",
             "progress_pct": p, "note": ""} for i in item_ids for p in (20, 40, 60)
        ])
        days = [TODAY - dt.timedelta(days=d) for d in range(365 * YEARS)]
        s.execute(insert(Need), [
            {"community_id": rng.choice(comms), "title": f"基准需求{i}", "raised_on": rng.choice(days), "status": "open",
             "description": "", "category": "其他", "raised_by": "", "version": 1} for i in range(300)
        ])
        needs = list(s.scalars(select(Need.id)))
        s.execute(insert(Resource), [
            {"unit_id": rng.choice(local), "title": f"基准资源{i}", "offered_on": rng.choice(days), "status": "offered",
             "category": "场地", "description": "", "version": 1} for i in range(300)
        ])
        s.execute(insert(Project), [
            {"title": f"基准项目{i}", "need_id": needs[i] if i < len(needs) else None, "community_id": rng.choice(comms),
             "published_on": rng.choice(days), "status": "claimed", "description": "", "version": 1}
            for i in range(250)
        ])
        projects = s.execute(select(Project.id, Project.published_on)).all()
        claims = {}
        for pid, published in projects:
            for u in rng.sample(local, rng.choice((0, 1, 1, 2))):
                claims[(pid, u)] = {"project_id": pid, "unit_id": u, "claimed_on": published + dt.timedelta(days=5),
                                    "delivered_on": published + dt.timedelta(days=60) if rng.random() < 0.6 else None,
                                    "status": "claimed", "note": "", "version": 1}
        existing = set(s.execute(select(ProjectClaim.project_id, ProjectClaim.unit_id)).all())
        s.execute(insert(ProjectClaim), [c for k, c in claims.items() if k not in existing])
        resources = s.execute(select(Resource.id, Resource.offered_on)).all()
        s.execute(insert(ResourceUse), [
            {"resource_id": r, "project_id": rng.choice(projects)[0], "used_on": offered + dt.timedelta(days=30),
             "note": ""} for r, offered in resources for _ in range(rng.choice((0, 1, 2)))
        ])
        s.execute(insert(ServingPartyMember), [
            {"unit_id": rng.choice(local), "community_id": rng.choice(comms), "name": "党员", "phone": "",
             "registered_on": TODAY - dt.timedelta(days=365 * YEARS), "version": 1} for _ in range(2_000)
        ])
        members = list(s.scalars(select(ServingPartyMember.id)))
        s.execute(insert(ServiceRecord), [
            {"member_id": rng.choice(members), "served_on": rng.choice(days), "hours": rng.choice((1.0, 2.0, 4.0)),
             "activity": "志愿服务"} for _ in range(100_000)
        ])
        term = s.scalar(select(CommitteeTerm.id).where(CommitteeTerm.is_current))
        start = s.scalar(select(func.min(Meeting.starts_at)))
        old = [start - dt.timedelta(days=30 * k) for k in range(1, 12 * (YEARS - 2) + 1)]
        s.execute(insert(Meeting), [
            {"term_id": term, "kind": "regular", "title": f"基准例会{i}", "starts_at": t, "status": "approved",
             "planned_minutes": 90, "place": "", "chair": "", "recorder": "", "quorum_rule": "majority", "version": 1}
            for i, t in enumerate(old)
        ])
        meetings = list(s.scalars(select(Meeting.id).where(Meeting.title.like("基准例会%"))))
        s.execute(insert(Attendance), [
            {"meeting_id": m, "unit_id": u, "person_name": "代表", "status": rng.choice(("present", "present", "absent")),
             "delegate_name": "", "version": 1} for m in meetings for u in rng.sample(local, 25)
        ])
        s.execute(insert(TopicProposal), [
            {"title": f"基准议题{i}", "unit_id": rng.choice(local), "proposed_at": dt.datetime.combine(
                rng.choice(days), dt.time(10)), "status": "accepted", "description": "", "proposed_by": "",
             "version": 1} for i in range(400)
        ])
    with database.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    with database.session() as s:
        counts = {
            "units": s.scalar(select(func.count()).select_from(ResidentUnit)),
            "pairings": s.scalar(select(func.count()).select_from(Pairing)),
            "agreement_items": s.scalar(select(func.count()).select_from(AgreementItem)),
            "service_records": s.scalar(select(func.count()).select_from(ServiceRecord)),
            "claims": s.scalar(select(func.count()).select_from(ProjectClaim)),
            "meetings": s.scalar(select(func.count()).select_from(Meeting)),
        }
    counts["build_s"] = round(time.perf_counter() - t0, 1)
    return counts


def bench_page(cls, database: Database, repeat: int) -> tuple[list[float], list[float]]:  # noqa: ANN001
    page = cls()
    page.clock = lambda: dt.datetime.combine(TODAY, dt.time(12))
    page.resize(1920, 1080)
    loads, shows = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        with database.session.begin() as s:
            data = page.load(s)
        t1 = time.perf_counter()
        page.show_data(data)
        t2 = time.perf_counter()
        loads.append((t1 - t0) * 1000)
        shows.append((t2 - t1) * 1000)
    page.deleteLater()
    return loads, shows


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", required=True, metavar="URL",
                        help="an empty database to build and measure (repeat for SQLite and PostgreSQL)")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.app.app import create_application

    create_application(offscreen=True)
    from desktop.pairings.page import PairingsPage
    from desktop.units.page import UnitsPage

    for raw in args.db:
        database = _ensure_database(raw)
        try:
            counts = build(database)
            print(f"{database.name}: built {counts}")
            for cls in (UnitsPage, PairingsPage):
                loads, shows = bench_page(cls, database, args.repeat)
                total = [a + b for a, b in zip(loads, shows, strict=True)]
                print(f"  {cls.key:9s} page open: median {statistics.median(total):6.1f} ms "
                      f"(p90 {_p90(total):6.1f}) = load() median {statistics.median(loads):6.1f} ms "
                      f"+ show_data median {statistics.median(shows):6.1f} ms  [{args.repeat} runs]")
        finally:
            database.dispose()


if __name__ == "__main__":
    main()
