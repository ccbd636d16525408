"""Many PCs on one PostgreSQL: ``.venv/bin/python -m tests.benchmarks.bench_multipc --office --clients 20 --seconds 60``.

``--office`` starts a private cluster with password (scram-sha-256) logins, as a street office
sets one up (``tests/pg_office.py``): the database is made by its owner, filled with a small demo
street, ``streetboard db init-roles`` is run and the clients log in as the secretary and as
members of their own units, never as a superuser. ``--db URL`` instead uses that server with
that login (the database named is dropped and re-created).

``--clients`` processes then write for ``--seconds`` what people write between and during
meetings, each save conditional on the version it read:

* minutes — append a unique line to an agenda item's notes (a small pool of items: contention);
* attendance — set a sign-in row's status; task progress — progress + a 反馈 row with a unique note;
* case transitions (the secretary) — hold / resume an in-progress case.

Every client logs each attempt. Afterwards :func:`check` compares the log with the final database
and the audit trail, value by value: *lost* = a committed write whose value is not where it must
be (its minutes line, exactly, in its item's notes; its 反馈 note; its version in the audit chain),
*overwritten* = two commits claiming the same version of a row, an audit chain with a gap or a
repeat, or a row whose final value or version is not the one its newest committed write made.
A refused write must be explained: a conflict on a row someone else moved on from the version it
read; anything else is *unexplained*. The run exits non-zero when fewer than ``--min-committed``
writes committed, or anything was lost, overwritten or refused without a reason.
Also printed: p50/p95 write latency, and the time from a commit on one client to its NOTIFY
reaching a listener on another connection.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import URL, make_url, select, text

DEMO_CASES = 3000
POOL = {"agenda_item": 6, "attendance": 12, "task": 12, "grid_case": 30}
MEMBER_UNITS = 4  # members of this many units log in (the rest of the clients are the secretary)
_MARKER = re.compile(r"^bench\d+-\d+$")
#: what a refused write may say: a newer version was met, or the case moved on meanwhile
CONFLICT_NAMES = ("ConflictError", "StaleDataError", "IllegalTransition")
STATE_AFTER = {"hold": "ON_HOLD", "resume": "IN_PROGRESS"}


def _pg_url(raw: str) -> URL:
    url = make_url(raw)
    return url.set(drivername="postgresql+psycopg")


# --------------------------------------------------------------------------- preparing


def prepare(url: URL, *, admin_url: URL | None = None) -> dict[str, list[int]]:
    """Create the database (through ``admin_url``'s server login, default: the same login on
    ``postgres``), migrate it, fill it; returns every row id each kind writes."""
    from db.core import migrate
    from db.core.engine import make_engine
    from db.demo import generate_demo

    if admin_url is None:
        admin = make_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{url.database}"'))
        admin.dispose()
    engine = make_engine(url)
    migrate.upgrade(engine)
    generate_demo(engine, cases=DEMO_CASES, seed=3)
    pools = _pools(engine)
    engine.dispose()
    return pools


def _pools(engine) -> dict[str, list[int]]:  # noqa: ANN001 - an Engine
    """Rows of meetings not approved (an approved meeting's record is sealed), tasks, open cases."""
    from db.schema.cases import GridCase
    from db.schema.meetings import AgendaItem, Attendance, Meeting
    from db.schema.resolutions import Task

    open_meeting = Meeting.status != "approved"
    with engine.connect() as conn:
        return {
            "agenda_item": list(conn.scalars(select(AgendaItem.id).join(Meeting).where(open_meeting)
                                             .order_by(AgendaItem.id.desc()).limit(POOL["agenda_item"]))),
            "attendance": list(conn.scalars(select(Attendance.id).join(Meeting).where(open_meeting,
                                                                                       Attendance.unit_id.is_not(None))
                                            .order_by(Attendance.id.desc()).limit(POOL["attendance"] * 4))),
            "task": list(conn.scalars(select(Task.id).where(Task.status != "done")
                                      .order_by(Task.id.desc()).limit(POOL["task"] * 4))),
            "grid_case": list(conn.scalars(select(GridCase.id).where(GridCase.state == "IN_PROGRESS")
                                           .order_by(GridCase.id).limit(POOL["grid_case"]))),
        }


def _units_of(engine, pools: dict[str, list[int]]) -> dict[str, dict[int, int]]:  # noqa: ANN001
    """The unit each attendance row and task belongs to (a member writes only its own)."""
    from db.schema.meetings import Attendance
    from db.schema.resolutions import Task

    with engine.connect() as conn:
        return {
            "attendance": dict(conn.execute(select(Attendance.id, Attendance.unit_id)
                                            .where(Attendance.id.in_(pools["attendance"]))).all()),
            "task": dict(conn.execute(select(Task.id, Task.owner_unit_id).where(Task.id.in_(pools["task"]))).all()),
        }


@dataclass
class Login:
    """One client's login and the rows it writes."""

    url: str
    who: str  # "secretary", "member of unit N", or the --db login
    pools: dict[str, list[int]]
    kinds: tuple[str, ...] = ("minutes", "minutes", "attendance", "task", "case")


def plain_logins(url: URL, pools: dict[str, list[int]], clients: int) -> list[Login]:
    trimmed = {k: v[:POOL[k]] for k, v in pools.items()}
    raw = url.render_as_string(hide_password=False)
    return [Login(raw, url.username or "", trimmed) for _ in range(clients)]


@contextlib.contextmanager
def office(clients: int) -> Iterator[tuple[list[Login], str, str]]:
    """A private password-authenticated cluster with roles on; yields the logins, the owner's
    URL (for the checks and the probe) and a description."""
    from db.core.engine import make_engine
    from tests import pg_office

    with pg_office.cluster() as c:
        owner_url = pg_office.create_database(c, pg_office.OWNER, pg_office.DATABASE, createrole=True)
        owner = make_url(owner_url)
        pools = prepare(_pg_url(owner_url), admin_url=owner)
        engine = make_engine(_pg_url(owner_url))
        units = _units_of(engine, pools)
        engine.dispose()
        done = pg_office.run_cli("db", "init-roles", "--db", owner_url)
        if done.returncode:
            raise SystemExit(f"init-roles failed: {done.stderr}")
        member_units = [u for u, _n in Counter(units["task"].values()).most_common(MEMBER_UNITS)]
        people = [("bench_sec", "secretary", None)] + [(f"bench_m{u}", "member", u) for u in member_units]
        for login, role, unit in people:
            args = ["db", "add-user", login, "--role", role, "--display-name", login,
                    "--password-stdin", "--db", owner_url]
            if unit is not None:
                args += ["--unit", str(unit)]
            done = pg_office.run_cli(*args, stdin=pg_office.password(login) + "\n")
            if done.returncode:
                raise SystemExit(f"add-user {login} failed: {done.stderr}")
        secretary = {k: v[:POOL[k]] for k, v in pools.items()}
        logins = []
        for i in range(clients):
            if i % 2 == 0 or not member_units:
                logins.append(Login(c.url("bench_sec").render_as_string(hide_password=False), "secretary",
                                    secretary))
                continue
            unit = member_units[(i // 2) % len(member_units)]
            own = {"agenda_item": secretary["agenda_item"],
                   "attendance": [a for a in pools["attendance"] if units["attendance"].get(a) == unit],
                   "task": [t for t in pools["task"] if units["task"].get(t) == unit]}
            kinds = tuple(k for k, pool in (("minutes", "agenda_item"), ("minutes", "agenda_item"),
                                            ("attendance", "attendance"), ("task", "task")) if own[pool])
            logins.append(Login(c.url(f"bench_m{unit}").render_as_string(hide_password=False),
                                f"member of unit {unit}", own, kinds))
        yield logins, owner_url, (f"private cluster on port {c.port}, scram-sha-256, roles on: "
                                  f"{sum(1 for x in logins if x.who == 'secretary')} secretary clients, "
                                  f"{sum(1 for x in logins if x.who != 'secretary')} member clients "
                                  f"({len(member_units)} units)")


# --------------------------------------------------------------------------- the clients


def client(index: int, login: Login, seconds: float, log_path: str, ready) -> None:  # noqa: ANN001 - a Barrier
    from db.cases.services import transition_case
    from db.core.engine import Database, make_engine
    from db.core.versioning import ConflictError, save_versioned
    from db.schema.cases import GridCase
    from db.schema.meetings import AgendaItem, Attendance
    from db.schema.resolutions import Task
    from db.sync.edits import Edit, apply_edit

    database = Database(make_engine(login.url, pool_size=1))
    with database.engine.connect():  # logged in before the clock starts
        pass
    rng = random.Random(index)
    actor = f"bench{index:02d}"
    pools = login.pools
    ready.wait(600)  # every client imported and connected: all start together, for the whole --seconds
    deadline = time.time() + seconds
    seq = 0
    with open(log_path, "w", encoding="utf-8") as log:
        while time.time() < deadline:
            seq += 1
            kind = rng.choice(login.kinds)
            marker = f"{actor}-{seq}"
            entry: dict = {"client": index, "login": login.who, "kind": kind, "marker": marker}
            t0 = time.perf_counter()
            try:
                with database.session.begin() as s:
                    s.info["actor"] = actor
                    if kind == "minutes":
                        row_id = rng.choice(pools["agenda_item"])
                        item = s.get(AgendaItem, row_id)
                        base, notes = item.version, item.notes or ""
                        entry.update(table="agenda_item", row_id=row_id, base=base, value=marker)
                        time.sleep(rng.uniform(0, 0.02))  # typing: others may save meanwhile
                        new = apply_edit(s, Edit("agenda_notes", row_id, base, {"notes": notes + marker + "\n"}))
                    elif kind == "attendance":
                        row_id = rng.choice(pools["attendance"])
                        base = s.get(Attendance, row_id).version
                        status = rng.choice(("present", "excused", "observer"))
                        entry.update(table="attendance", row_id=row_id, base=base, value=status)
                        new = save_versioned(s, Attendance, row_id, base, {"status": status})
                    elif kind == "task":
                        row_id = rng.choice(pools["task"])
                        base = s.get(Task, row_id).version
                        pct = rng.randint(0, 99)
                        entry.update(table="task", row_id=row_id, base=base, value=pct)
                        new = apply_edit(s, Edit("task_progress", row_id, base, {"progress_pct": pct},
                                                 extra={"note": marker}))
                    else:
                        row_id = rng.choice(pools["grid_case"])
                        case = s.get(GridCase, row_id)
                        base = case.version
                        action = "hold" if case.state == "IN_PROGRESS" else "resume"
                        entry.update(table="grid_case", row_id=row_id, base=base, value=action)
                        transition_case(s, row_id, action, expected_version=base, note=marker)
                        new = s.get(GridCase, row_id).version
                entry.update(result="committed", new=new)
            except ConflictError as exc:
                entry.update(result="refused", error=f"ConflictError: {exc}"[:200])
            except Exception as exc:  # noqa: BLE001 - the checker judges every reason
                entry.update(result="refused", error=f"{type(exc).__name__}: {exc}"[:300])
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


# --------------------------------------------------------------------------- the check


@dataclass
class Final:
    """What the database holds after the run, for the rows the clients wrote."""

    versions: dict[tuple[str, int], int] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)  # agenda item → notes
    status: dict[int, str] = field(default_factory=dict)  # attendance → status
    progress: dict[int, int] = field(default_factory=dict)  # task → progress_pct
    state: dict[int, str] = field(default_factory=dict)  # case → state
    feedback: Counter[str] = field(default_factory=Counter)  # 反馈 notes
    #: (table, row) → the (old version, new version) of each audited change by a client, in order
    audit: dict[tuple[str, int], list[tuple[int | None, int]]] = field(default_factory=dict)


@dataclass
class Verdict:
    committed: int = 0
    refused: int = 0
    lost: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)

    def failures(self, min_committed: int) -> list[str]:
        out = []
        if self.committed < min_committed:
            out.append(f"only {self.committed} writes committed (at least {min_committed} wanted)")
        for name, items in (("lost", self.lost), ("overwritten", self.overwritten),
                            ("refused without a reason", self.unexplained)):
            if items:
                out.append(f"{len(items)} {name}: " + "; ".join(items[:3]))
        return out


def read_final(raw_url: str, entries: list[dict]) -> Final:
    from db.core.base import AuditLog
    from db.core.engine import make_engine
    from db.schema.cases import GridCase
    from db.schema.meetings import AgendaItem, Attendance
    from db.schema.resolutions import Task, TaskUpdate

    tables = {"agenda_item": AgendaItem, "attendance": Attendance, "task": Task, "grid_case": GridCase}
    rows: dict[str, set[int]] = defaultdict(set)
    for e in entries:
        if "row_id" in e:
            rows[e["table"]].add(e["row_id"])
    final = Final()
    engine = make_engine(raw_url)
    with engine.connect() as conn:
        for table, model in tables.items():
            for row_id, version in conn.execute(select(model.id, model.version).where(model.id.in_(rows[table]))):
                final.versions[(table, row_id)] = version
        final.notes = dict(conn.execute(select(AgendaItem.id, AgendaItem.notes)
                                        .where(AgendaItem.id.in_(rows["agenda_item"]))).all())
        final.status = dict(conn.execute(select(Attendance.id, Attendance.status)
                                         .where(Attendance.id.in_(rows["attendance"]))).all())
        final.progress = dict(conn.execute(select(Task.id, Task.progress_pct).where(Task.id.in_(rows["task"]))).all())
        final.state = dict(conn.execute(select(GridCase.id, GridCase.state)
                                        .where(GridCase.id.in_(rows["grid_case"]))).all())
        final.feedback = Counter(conn.scalars(select(TaskUpdate.note).where(TaskUpdate.task_id.in_(rows["task"]))))
        audit: dict[tuple[str, int], list[tuple[int | None, int]]] = defaultdict(list)
        for table, row_id, old, new in conn.execute(
                select(AuditLog.table_name, AuditLog.row_id, AuditLog.old_values, AuditLog.new_values)
                .where(AuditLog.table_name.in_(tuple(tables)), AuditLog.username.like("bench%"))
                .order_by(AuditLog.id)):
            if new and "version" in new:
                audit[(table, int(row_id))].append((int(old["version"]) if old and "version" in old else None,
                                                    int(new["version"])))
        final.audit = dict(audit)
    engine.dispose()
    return final


def check(entries: list[dict], final: Final) -> Verdict:
    """Every committed write's value where it must be, exactly; every version made once; every
    refusal explained (see the module's docstring)."""
    verdict = Verdict(committed=sum(e["result"] == "committed" for e in entries),
                      refused=sum(e["result"] == "refused" for e in entries))
    # a save whose values were already there writes nothing and makes no version
    made = [e for e in entries if e["result"] == "committed" and e["new"] != e["base"]]
    claims = Counter((e["table"], e["row_id"], e["new"]) for e in made)
    verdict.overwritten += [f"{t} {r} version {v} claimed by {n} commits" for (t, r, v), n in claims.items() if n > 1]
    for key, chain in final.audit.items():
        for old, new in chain:
            if old is not None and new != old + 1:
                verdict.overwritten.append(f"{key[0]} {key[1]}: audit went from version {old} to {new}")
        versions = [v for _o, v in chain]
        if len(versions) != len(set(versions)):
            verdict.overwritten.append(f"{key[0]} {key[1]}: a version repeats in the audit trail")
    by_row: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for e in made:
        by_row[(e["table"], e["row_id"])].append(e)
        audited = {v for _o, v in final.audit.get((e["table"], e["row_id"]), [])}
        if e["new"] not in audited:
            verdict.lost.append(f"{e['marker']}: version {e['new']} of {e['table']} {e['row_id']} has no audit row")
        if e["kind"] == "task" and final.feedback[e["marker"]] != 1:
            verdict.lost.append(f"{e['marker']}: its 反馈 note is there {final.feedback[e['marker']]} times")
    for (table, row_id), writes in by_row.items():
        writes.sort(key=lambda e: e["new"])
        newest = writes[-1]
        if final.versions.get((table, row_id)) != newest["new"]:
            verdict.overwritten.append(f"{table} {row_id}: version {final.versions.get((table, row_id))}, "
                                       f"the newest commit made {newest['new']}")
        if table == "agenda_item":
            lines = [line for line in (final.notes.get(row_id) or "").splitlines() if _MARKER.match(line)]
            wanted = [e["marker"] for e in writes]
            present = Counter(lines)
            verdict.lost += [f"{m}: its line is not in the notes of item {row_id}" for m in wanted if not present[m]]
            if [line for line in lines if line in set(wanted)] != wanted or any(n > 1 for n in present.values()):
                verdict.overwritten.append(f"agenda item {row_id}: the notes' lines are not the commits in order")
        else:
            value = {"attendance": final.status, "task": final.progress, "grid_case": final.state}[table].get(row_id)
            expected = STATE_AFTER[newest["value"]] if table == "grid_case" else newest["value"]
            if value != expected:
                verdict.overwritten.append(f"{table} {row_id} holds {value!r}, the newest commit "
                                           f"({newest['marker']}) wrote {expected!r}")
    versions_made = {(e["table"], e["row_id"], e["new"]) for e in made}
    for e in entries:
        if e["result"] != "refused":
            continue
        reason = e.get("error", "")
        if not reason.startswith(CONFLICT_NAMES):
            verdict.unexplained.append(f"{e['marker']} ({e.get('login', '')}): {reason[:160]}")
        elif "row_id" not in e or (e["table"], e["row_id"], e["base"] + 1) not in versions_made:
            verdict.unexplained.append(f"{e['marker']}: a conflict on {e.get('table')} {e.get('row_id')} "
                                       f"although no other commit moved it past version {e.get('base')}")
    return verdict


# --------------------------------------------------------------------------- the run


def run(logins: list[Login], check_url: str, seconds: float) -> tuple[list[dict], list[float]]:
    folder = Path(tempfile.mkdtemp(prefix="bench-multipc-"))
    ctx = mp.get_context("spawn")
    ready = ctx.Barrier(len(logins) + 1)
    procs = [ctx.Process(target=client, args=(i, login, seconds, str(folder / f"c{i}.jsonl"), ready))
             for i, login in enumerate(logins)]
    for p in procs:
        p.start()
    stop = threading.Event()
    latencies: list[float] = []
    ready.wait(600)
    probe = threading.Thread(target=notify_latency, args=(check_url, stop, latencies), daemon=True)
    probe.start()
    for p in procs:
        p.join()
    stop.set()
    probe.join(5)
    entries = [json.loads(line) for f in sorted(folder.glob("c*.jsonl")) for line in f.read_text().splitlines()]
    return entries, latencies


def report(entries: list[dict], latencies: list[float], verdict: Verdict, clients: int, seconds: float) -> None:
    ms = sorted(e["seconds"] * 1000 for e in entries)

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    notify_ms = sorted(v * 1000 for v in latencies)
    kinds = Counter(e["kind"] for e in entries if e["result"] == "committed")
    span = (max(e["at"] for e in entries) - min(e["at"] - e["seconds"] for e in entries)) if entries else 0.0
    print(f"clients {clients} × {seconds:.0f} s on PostgreSQL (writes measured over {span:.1f} s)")
    print(f"writes attempted      {len(entries)}")
    print(f"committed             {verdict.committed}  ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    logins = Counter("secretary" if e.get("login") == "secretary" else "members" if "member" in e.get("login", "")
                     else e.get("login", "") for e in entries if e["result"] == "committed")
    print(f"  by login            {', '.join(f'{k} {v}' for k, v in sorted(logins.items()))}")
    print(f"refused as conflicts  {verdict.refused - len(verdict.unexplained)}")
    print(f"refused, unexplained  {len(verdict.unexplained)}")
    print(f"lost                  {len(verdict.lost)}")
    print(f"silently overwritten  {len(verdict.overwritten)}")
    print(f"write latency         p50 {pct(ms, 0.5):.1f} ms, p95 {pct(ms, 0.95):.1f} ms")
    print(f"commit → NOTIFY       p50 {pct(notify_ms, 0.5):.1f} ms, p95 {pct(notify_ms, 0.95):.1f} ms "
          f"({len(notify_ms)} probes, median {statistics.median(notify_ms) if notify_ms else float('nan'):.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="postgresql://USER@HOST:PORT/DBNAME (dropped and re-created)")
    where.add_argument("--office", action="store_true",
                       help="a private password-authenticated cluster with roles on (secretary and member logins)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--min-committed", type=int, default=None,
                        help="fail below this many committed writes (default: one per client-second)")
    args = parser.parse_args()
    min_committed = args.min_committed if args.min_committed is not None else int(args.clients * args.seconds)
    t0 = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if args.office:
            logins, check_url, where_text = stack.enter_context(office(args.clients))
        else:
            url = _pg_url(args.db)
            logins = plain_logins(url, prepare(url), args.clients)
            check_url = url.render_as_string(hide_password=False)
            where_text = f"{url.database} as {url.username}"
        print(f"prepared {where_text}: demo street with {DEMO_CASES} cases in {time.perf_counter() - t0:.1f} s")
        entries, latencies = run(logins, check_url, args.seconds)
        verdict = check(entries, read_final(check_url, entries))
    report(entries, latencies, verdict, args.clients, args.seconds)
    failures = verdict.failures(min_committed)
    for line in failures:
        print("FAIL:", line)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
