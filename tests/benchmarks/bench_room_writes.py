"""Writes in the meeting room with the main window open: ``.venv/bin/python -m tests.benchmarks.bench_room_writes --db URL``.

The main window is open with every page loaded once and one page in front (``--front``, the
meetings page by default: the room is opened from there); the meeting room is in front of it on a
meeting in progress (the newest one in progress, else the next planned one, which is started — so
use a scratch copy of a demo database). The live refresh runs as in the app (NOTIFY on PostgreSQL,
``data_version`` polling on SQLite). Then ``--writes`` sign-ins (members in turn, present and excused
alternately, so each one changes a row) and as many saves of the current item's minutes, one after
the other, as the chair's secretary makes them.

For each write it reports the round trip — from the user's action (``sign_in()`` / the editor's
autosave) to the result on screen (the roster shows the new status; the notes' success callback) —
as median and p90, the worker jobs that followed the write until the database went quiet (its
echo included), and how often the views refreshed: the visible ones (the page in front, the room)
and the hidden pages.

The same run then switches the old rule on and measures again (``--baseline-writes`` of each):
every page whose tables a change touches refreshes at once, visible or not, and the echo of our own
commit is announced a second time. That rule exists only here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="bench-room-writes-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_DATA_HOME", str(_TMP / "data"))
os.environ.setdefault("XDG_CONFIG_HOME", str(_TMP / "config"))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from db.core.engine import Database, make_engine  # noqa: E402
from db.schema.cases import GridCase  # noqa: E402
from db.schema.meetings import Meeting  # noqa: E402


def wait_events(app: QApplication) -> None:
    """Handle the events that come, sleeping in between as the app's event loop does (a loop that
    spins would hold the GIL the worker needs)."""
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def wait_until(app: QApplication, condition: Callable[[], bool], timeout_s: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the main window or the meeting room did not respond")
        wait_events(app)


@dataclass
class Counters:
    """Worker jobs and view refreshes, counted as they start."""

    jobs: int = 0
    refreshes: dict[str, int] = field(default_factory=dict)
    last_job: float = 0.0

    def snapshot(self) -> tuple[int, dict[str, int]]:
        return self.jobs, dict(self.refreshes)


@dataclass
class Figures:
    times_ms: list[float] = field(default_factory=list)
    jobs_after: list[int] = field(default_factory=list)
    visible_max: int = 0  # most refreshes of one visible view after one write
    hidden: list[int] = field(default_factory=list)  # hidden-page refreshes after each write

    def line(self, rule: str, write: str) -> str:
        t = sorted(self.times_ms)
        p90 = statistics.quantiles(t, n=10)[-1] if len(t) > 1 else t[0]
        return (f"{rule:<4} {write:<8} {len(t):>3}  median {statistics.median(t):7.0f} ms  p90 {p90:7.0f} ms  "
                f"jobs after: median {statistics.median(self.jobs_after):.0f}, max {max(self.jobs_after)}  "
                f"refreshes: visible view ≤ {self.visible_max}, hidden pages median "
                f"{statistics.median(self.hidden):.0f}")


def count_jobs_and_refreshes(executor, window, room) -> Counters:  # noqa: ANN001
    counters = Counters()
    submit = executor.submit

    def counted_submit(fn, deliver, *, write=False):  # noqa: ANN001, ANN202
        counters.jobs += 1
        counters.last_job = time.perf_counter()
        submit(fn, deliver, write=write)

    executor.submit = counted_submit
    for key, page in window.pages.items():
        counters.refreshes[key] = 0

        def refresh(key=key, original=page.refresh):  # noqa: ANN001, ANN202
            counters.refreshes[key] += 1
            original()

        page.refresh = refresh
    counters.refreshes["room"] = 0

    def room_updated(data, original=room._update_data):  # noqa: ANN001, ANN202 - one per reload of the room
        counters.refreshes["room"] += 1
        original(data)

    room._update_data = room_updated
    return counters


def use_old_rule(executor, window, room) -> None:  # noqa: ANN001
    """The rule before issue 9: every page the change touches refreshes, visible or not (the audit
    page only while on screen), and our own commit's echo is announced again. The pages come
    before the room, as they did (the main window connected them first)."""
    executor.own_writes.drops_echo = False
    for page in window.pages.values():
        executor.changed.disconnect(page.on_changes)

        def old(changes, page=page):  # noqa: ANN001, ANN202
            if page.key == "audit":
                if changes.tables and page.isVisible():
                    page.refresh()
            elif changes.touches(*page.tables):
                page.refresh()

        executor.changed.connect(old)
    executor.changed.disconnect(room._on_changes)
    executor.changed.connect(room._on_changes)


def settle(app: QApplication, executor, counters: Counters, quiet_s: float) -> None:  # noqa: ANN001
    """Until the worker is idle and no job has started for ``quiet_s`` (the echo has come and gone)."""
    while True:
        wait_events(app)
        if not executor.busy and time.perf_counter() - max(counters.last_job, 0) > quiet_s:
            return


def measure(app, executor, window, room, counters, writes: int, quiet_s: float,  # noqa: ANN001
            label: str) -> tuple[Figures, Figures]:
    front = window.current_page().key
    visible = (front, "room")
    members = [r for r in room.data.roster if r.member_id is not None]
    sign, notes = Figures(), Figures()

    def account(figures: Figures, before: tuple[int, dict[str, int]]) -> None:
        jobs, refreshes = counters.snapshot()
        figures.jobs_after.append(jobs - before[0] - 1)  # the write itself is not "after"
        delta = {k: refreshes[k] - before[1][k] for k in refreshes}
        figures.visible_max = max(figures.visible_max, *(delta[k] for k in visible))
        figures.hidden.append(sum(v for k, v in delta.items() if k not in visible))

    for n in range(writes):
        member = members[n % len(members)]
        shown = next(r for r in room.data.roster if r.member_id == member.member_id)
        status = "excused" if shown.status == "present" else "present"  # every sign-in changes the row
        room.sign_name.setText(member.name)
        room.sign_delegate.clear()
        room.sign_status.setCurrentIndex(room.sign_status.findData(status))
        before = counters.snapshot()
        t0 = time.perf_counter()
        room.sign_in()
        wait_until(app, lambda m=member.member_id, s=status: any(
            r.member_id == m and r.status == s for r in room.roster_model.rows()))
        sign.times_ms.append((time.perf_counter() - t0) * 1000)
        settle(app, executor, counters, quiet_s)
        account(sign, before)

    saved: list[int] = []
    room.notes_saved.connect(saved.append)
    for n in range(writes):
        room.editor.setPlainText(f"{label} 第 {n + 1} 次记录：议定事项已落实到责任单位。")
        before = counters.snapshot()
        saved.clear()
        t0 = time.perf_counter()
        room.editor.flush()  # the autosave the editor makes after a pause in typing
        wait_until(app, lambda: bool(saved))
        notes.times_ms.append((time.perf_counter() - t0) * 1000)
        settle(app, executor, counters, quiet_s)
        account(notes, before)
    room.notes_saved.disconnect(saved.append)
    return sign, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database URL of a scratch demo database (it is written to)")
    parser.add_argument("--writes", type=int, default=50, help="sign-ins and note saves each, new rule")
    parser.add_argument("--baseline-writes", type=int, default=50, help="the same with the old rule (0: skip)")
    parser.add_argument("--front", default="meetings", help="the main window's page in front of the others")
    args = parser.parse_args()

    from desktop.app.app import create_application
    from desktop.app.main_window import MainWindow
    from desktop.core.dbop import DbExecutor
    from desktop.meetings.drafts import DraftStore
    from desktop.meetings.room import MeetingRoom
    from desktop.sync.live import LiveRefresh

    app = create_application()
    heartbeat = QTimer(app)  # wakes the waits above now and then to look at the clock
    heartbeat.start(20)
    database = Database(make_engine(make_url(args.db)))
    executor = DbExecutor(database)
    with database.session() as s:
        cases = s.scalar(select(func.count()).select_from(GridCase))
        meeting = s.scalars(select(Meeting).where(Meeting.status == "in_progress")
                            .order_by(Meeting.starts_at.desc()).limit(1)).first() or \
            s.scalars(select(Meeting).where(Meeting.status.in_(("planned", "agenda_locked")))
                      .order_by(Meeting.starts_at).limit(1)).one()
        meeting_id, start = meeting.id, meeting.status != "in_progress"

    t0 = time.perf_counter()
    window = MainWindow(executor)
    window.show()
    for key in window.pages:
        window.show_page(key)
        wait_until(app, lambda: not executor.busy, 600)
    window.show_page(args.front)
    wait_until(app, lambda: not executor.busy, 600)
    opened_s = time.perf_counter() - t0
    live = LiveRefresh(executor)
    live.start()
    if live.source is not None:
        live.source.ready.wait(10)
    quiet_s = 0.3 if database.engine.dialect.name == "postgresql" else 3 * 0.3 + 0.1

    room = MeetingRoom(meeting_id, start=start, drafts=DraftStore(_TMP / "drafts"))
    room.show()
    loaded: list[str] = []
    room.loaded.connect(lambda: loaded.append(""))
    room.load_failed.connect(loaded.append)
    room.refresh()
    wait_until(app, lambda: bool(loaded))
    if loaded[0]:
        raise SystemExit(f"the meeting could not be opened: {loaded[0]}")
    counters = count_jobs_and_refreshes(executor, window, room)
    settle(app, executor, counters, quiet_s)

    print(f"database: {database.engine.dialect.name}, {cases:,} cases; main window with {len(window.pages)} pages "
          f"loaded in {opened_s:.1f} s, '{args.front}' in front; meeting room on meeting {meeting_id} "
          f"({'started now' if start else 'in progress'}), {len(room.data.roster)} on the roster")
    sign, notes = measure(app, executor, window, room, counters, args.writes, quiet_s, f"新规则 {time.time():.0f}")
    print(sign.line("new", "sign-in"))
    print(notes.line("new", "notes"))
    if args.baseline_writes:
        use_old_rule(executor, window, room)
        sign, notes = measure(app, executor, window, room, counters, args.baseline_writes, quiet_s,
                              f"旧规则 {time.time():.0f}")
        print(sign.line("old", "sign-in"))
        print(notes.line("old", "notes"))
    live.stop()
    room.close()
    window.close()
    executor.wait_idle()
    executor.shutdown()
    database.dispose()

if __name__ == "__main__":
    main()
