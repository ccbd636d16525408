"""Many PCs on one PostgreSQL: ``.venv/bin/python -m tests.benchmarks.bench_multipc --db URL --clients 20 --seconds 60``.

Prepares its own database (the one named in URL is dropped and re-created, migrated and filled
with a small demo street), then runs ``--clients`` processes that for ``--seconds`` write what
people write between and during meetings, each save conditional on the version it read:

* minutes — append a unique line to an agenda item's notes (a small pool of items: contention);
* attendance — set a sign-in row's status; task progress — progress + a 反馈 row with a unique note;
* case transitions — hold / resume an in-progress case (``db.cases.transition_case``).

Every client logs what it believes it committed. Afterwards the final database and the audit trail
are checked: *lost* = a committed write whose value is not in the database (minutes line missing,
反馈 note missing, no audit row for the version it made); *silently overwritten* = two commits
claiming the same new version of a row, or an audit version chain with a gap or a repeat. Both
must be 0. Also printed: p50/p95 write latency, and the time from a commit on one client to its
NOTIFY reaching a listener on another connection (p50/p95; a probe writer sends 5 writes a second
to a table no client touches, while the clients load the server).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import statistics
import tempfile
import threading
import time
from collections import Counter, defaultdict, deque
from pathlib import Path

from sqlalchemy import URL, make_url, select, text

DEMO_CASES = 3000
POOL = {"agenda_item": 6, "attendance": 12, "task": 12, "grid_case": 30}


def _pg_url(raw: str) -> URL:
    url = make_url(raw)
    return url.set(drivername="postgresql+psycopg")


def prepare(url: URL) -> dict[str, list[int]]:
    from db.core import migrate
    from db.core.engine import make_engine
    from db.demo import generate_demo
    from db.schema.cases import GridCase
    from db.schema.meetings import AgendaItem, Attendance
    from db.schema.resolutions import Task

    admin = make_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    engine = make_engine(url)
    migrate.upgrade(engine)
    generate_demo(engine, cases=DEMO_CASES, seed=3)
    with engine.connect() as conn:
        pools = {
            "agenda_item": list(conn.scalars(select(AgendaItem.id).order_by(AgendaItem.id.desc()).limit(POOL["agenda_item"]))),
            "attendance": list(conn.scalars(select(Attendance.id).order_by(Attendance.id.desc()).limit(POOL["attendance"]))),
            "task": list(conn.scalars(select(Task.id).order_by(Task.id.desc()).limit(POOL["task"]))),
            "grid_case": list(conn.scalars(select(GridCase.id).where(GridCase.state == "IN_PROGRESS")
                                           .order_by(GridCase.id).limit(POOL["grid_case"]))),
        }
    engine.dispose()
    return pools


def client(index: int, raw_url: str, pools: dict[str, list[int]], seconds: float, log_path: str, start_at: float) -> None:
    from db.cases.services import transition_case
    from db.core.engine import Database, make_engine
    from db.core.versioning import ConflictError, save_versioned
    from db.schema.cases import GridCase
    from db.schema.meetings import AgendaItem, Attendance
    from db.schema.resolutions import Task
    from db.sync.edits import Edit, apply_edit

    database = Database(make_engine(raw_url, pool_size=1))
    rng = random.Random(index)
    actor = f"bench{index:02d}"
    while time.time() < start_at:
        time.sleep(0.01)
    deadline = start_at + seconds
    seq = 0
    with open(log_path, "w", encoding="utf-8") as log:
        while time.time() < deadline:
            seq += 1
            kind = rng.choice(("minutes", "minutes", "attendance", "task", "case"))
            marker = f"{actor}-{seq}"
            entry: dict = {"client": index, "kind": kind, "marker": marker}
            t0 = time.perf_counter()
            try:
                with database.session.begin() as s:
                    s.info["actor"] = actor
                    if kind == "minutes":
                        row_id = rng.choice(pools["agenda_item"])
                        item = s.get(AgendaItem, row_id)
                        base, notes = item.version, item.notes or ""
                        time.sleep(rng.uniform(0, 0.02))  # typing: others may save meanwhile
                        new = save_versioned(s, AgendaItem, row_id, base, {"notes": notes + marker + "\n"})
                        entry.update(table="agenda_item", value=marker)
                    elif kind == "attendance":
                        row_id = rng.choice(pools["attendance"])
                        base = s.get(Attendance, row_id).version
                        status = rng.choice(("present", "excused", "observer"))
                        new = save_versioned(s, Attendance, row_id, base, {"status": status})
                        entry.update(table="attendance", value=status)
                    elif kind == "task":
                        row_id = rng.choice(pools["task"])
                        base = s.get(Task, row_id).version
                        pct = rng.randint(0, 100)
                        new = apply_edit(s, Edit("task_progress", row_id, base, {"progress_pct": pct},
                                                 extra={"note": marker}))
                        entry.update(table="task", value=pct)
                    else:
                        row_id = rng.choice(pools["grid_case"])
                        case = s.get(GridCase, row_id)
                        base = case.version
                        action = "hold" if case.state == "IN_PROGRESS" else "resume"
                        transition_case(s, row_id, action, expected_version=base, note=marker)
                        new = s.get(GridCase, row_id).version
                        entry.update(table="grid_case", value=action)
                entry.update(result="committed", row_id=row_id, base=base, new=new)
            except ConflictError:
                entry.update(result="conflict")
            except Exception as exc:  # noqa: BLE001 - classified below
                name = type(exc).__name__
                stale = "Stale" in name or "Conflict" in name or "IllegalTransition" in name
                entry.update(result="conflict" if stale else "error", error=f"{name}: {exc}"[:200])
            entry["seconds"] = time.perf_counter() - t0
            entry["at"] = time.time()
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
    database.dispose()


def notify_latency(raw_url: str, stop: threading.Event, out: list[float]) -> None:
    """Probe writer + listener on separate connections: commit → NOTIFY arrival."""
    import psycopg

    conninfo = make_url(raw_url).set(drivername="postgresql").render_as_string(hide_password=False)
    sent: deque[float] = deque()  # send times, oldest first (one NOTIFY per probe transaction)
    listener = psycopg.connect(conninfo, autocommit=True)
    listener.execute("LISTEN streetboard_changes")
    writer = psycopg.connect(conninfo, autocommit=True)
    probe = writer.execute("SELECT id FROM app_user ORDER BY id LIMIT 1").fetchone()[0]

    def listen() -> None:
        while not stop.is_set():
            for n in listener.notifies(timeout=0.5):
                if n.payload == "app_user" and sent:
                    out.append(time.perf_counter() - sent.popleft())

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    while not stop.is_set():
        sent.append(time.perf_counter())  # before the commit: a slight over-estimate, never an under-
        writer.execute("UPDATE app_user SET display_name = display_name WHERE id = %s", (probe,))
        time.sleep(0.2)
    thread.join(2)
    listener.close()
    writer.close()


def verify(raw_url: str, entries: list[dict]) -> tuple[int, int]:
    from db.core.base import AuditLog
    from db.core.engine import make_engine
    from db.schema.meetings import AgendaItem
    from db.schema.resolutions import TaskUpdate

    engine = make_engine(raw_url)
    # a save whose values were already there writes nothing (and makes no version): nothing to check
    committed = [e for e in entries if e["result"] == "committed" and e["new"] != e["base"]]
    lost = 0
    overwritten = 0
    claims = Counter((e["table"], e["row_id"], e["new"]) for e in committed)
    overwritten += sum(n - 1 for n in claims.values() if n > 1)
    with engine.connect() as conn:
        notes = dict(conn.execute(select(AgendaItem.id, AgendaItem.notes)).all())
        feedback = set(conn.scalars(select(TaskUpdate.note)))
        audit = defaultdict(list)
        for table, row_id, _action, old, new in conn.execute(
                select(AuditLog.table_name, AuditLog.row_id, AuditLog.action, AuditLog.old_values, AuditLog.new_values)
                .where(AuditLog.table_name.in_(("agenda_item", "attendance", "task", "grid_case")),
                       AuditLog.username.like("bench%")).order_by(AuditLog.id)):
            if new and "version" in new:
                audit[(table, row_id)].append((int(old["version"]) if old and "version" in old else None,
                                               int(new["version"]), new))
    engine.dispose()
    versions_seen = {key: {v for _o, v, _n in chain} for key, chain in audit.items()}
    for e in committed:
        key = (e["table"], e["row_id"])
        if e["new"] not in versions_seen.get(key, set()):
            lost += 1
        elif e["kind"] == "minutes" and e["marker"] not in (notes.get(e["row_id"]) or ""):
            lost += 1
        elif e["kind"] == "task" and e["marker"] not in feedback:
            lost += 1
    for chain in audit.values():
        for old_version, new_version, _new in chain:
            if old_version is not None and new_version != old_version + 1:
                overwritten += 1
        made = [v for _o, v, _n in chain]
        overwritten += len(made) - len(set(made))
    return lost, overwritten


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="postgresql://USER@HOST:PORT/DBNAME (dropped and re-created)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    url = _pg_url(args.db)
    t0 = time.perf_counter()
    pools = prepare(url)
    raw = url.render_as_string(hide_password=False)
    print(f"prepared {url.database}: demo street with {DEMO_CASES} cases in {time.perf_counter() - t0:.1f} s; "
          f"pools {', '.join(f'{k} {len(v)}' for k, v in pools.items())}")

    folder = Path(tempfile.mkdtemp(prefix="bench-multipc-"))
    start_at = time.time() + 3
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=client, args=(i, raw, pools, args.seconds, str(folder / f"c{i}.jsonl"), start_at))
             for i in range(args.clients)]
    for p in procs:
        p.start()
    stop = threading.Event()
    latencies: list[float] = []
    while time.time() < start_at:
        time.sleep(0.05)
    probe = threading.Thread(target=notify_latency, args=(raw, stop, latencies), daemon=True)
    probe.start()
    for p in procs:
        p.join()
    stop.set()
    probe.join(5)

    entries = [json.loads(line) for f in sorted(folder.glob("c*.jsonl")) for line in f.read_text().splitlines()]
    by_result = Counter(e["result"] for e in entries)
    lost, overwritten = verify(raw, entries)
    ms = sorted(e["seconds"] * 1000 for e in entries)

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    notify_ms = sorted(v * 1000 for v in latencies)
    print(f"clients {args.clients} × {args.seconds:.0f} s on PostgreSQL")
    print(f"writes attempted      {len(entries)}")
    print(f"committed             {by_result['committed']}  "
          f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(e['kind'] for e in entries if e['result'] == 'committed').items()))})")
    print(f"refused as conflicts  {by_result['conflict']}")
    print(f"other errors          {by_result['error']}")
    print(f"lost                  {lost}")
    print(f"silently overwritten  {overwritten}")
    print(f"write latency         p50 {pct(ms, 0.5):.1f} ms, p95 {pct(ms, 0.95):.1f} ms")
    print(f"commit → NOTIFY       p50 {pct(notify_ms, 0.5):.1f} ms, p95 {pct(notify_ms, 0.95):.1f} ms "
          f"({len(notify_ms)} probes, median {statistics.median(notify_ms) if notify_ms else float('nan'):.1f} ms)")
    errors = [e["error"] for e in entries if e["result"] == "error"][:3]
    if errors:
        print("first errors:", *errors, sep="\n  ")


if __name__ == "__main__":
    main()
