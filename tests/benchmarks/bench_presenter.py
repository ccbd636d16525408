"""Chair's Next → projector repaint: ``.venv/bin/python -m tests.benchmarks.bench_presenter --db URL``.

Opens the meeting room on the upcoming meeting, puts the presenter full-screen on the second
(offscreen) screen and presses PgDn / PgUp in the room 20 times (after one warm-up). Each time is
taken from the key event (a QElapsedTimer started just before it is sent) to the end of the
presenter's ``paintEvent`` that shows the new item (its ``painted(item_id)`` signal). Prints the
median, p90 and maximum, and the smallest projector font at 1920×1080 and at 1024×768 over every
item of the meeting.

Without ``--db`` it builds a small demo street in a temporary SQLite file and starts the meeting
there (so every Next also queues the current-item and projected-figures writes, as in a real
meeting). With ``--db`` the meeting is only opened, not started, so nothing is written, unless
``--start`` is given (use that on a scratch copy only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="bench-presenter-"))
# the chair's laptop and the projector, as in tests/conftest.py
(_TMP / "screens.json").write_text(json.dumps({"screens": [
    {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
    {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96},
]}))
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_TMP / 'screens.json'}")
os.environ.setdefault("XDG_DATA_HOME", str(_TMP / "data"))

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt  # noqa: E402
from PySide6.QtGui import QFontInfo  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from db.core import migrate  # noqa: E402
from db.core.engine import Database, make_engine  # noqa: E402
from db.schema.meetings import Meeting  # noqa: E402

STEPS = 20
DEMO_CASES = 3000


def wait_until(app: QApplication, condition, timeout_ms: int = 10_000) -> None:  # noqa: ANN001
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > timeout_ms:
            raise TimeoutError("the meeting room or the projector did not respond")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def demo_url() -> str:
    from db.demo import generate_demo

    url = f"sqlite:///{_TMP / 'demo.sqlite'}"
    engine = make_engine(make_url(url))
    migrate.upgrade(engine)
    generate_demo(engine, cases=DEMO_CASES, seed=7, today=dt.date(2026, 6, 15))
    engine.dispose()
    return url


def smallest_fonts(app: QApplication, presenter, width: int, height: int) -> int:  # noqa: ANN001
    presenter.resize(width, height)
    wait_until(app, lambda: (presenter.width(), presenter.height()) == (width, height))
    sizes = []
    for item in presenter.data.items:
        presenter.show_item(item.id)
        app.processEvents()
        sizes += [QFontInfo(w.font()).pixelSize() for w in presenter.findChildren(QLabel) if w.isVisible() and w.text()]
    return min(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a fresh 3,000-case demo street)")
    parser.add_argument("--start", action="store_true", help="start the meeting (writes to the database)")
    args = parser.parse_args()
    start = args.start or not args.db
    url = args.db or demo_url()

    from desktop.app.app import create_application
    from desktop.core.dbop import DbExecutor
    from desktop.meetings.drafts import DraftStore
    from desktop.meetings.room import MeetingRoom

    app = create_application()
    database = Database(make_engine(make_url(url)))
    executor = DbExecutor(database)
    with database.session() as s:
        meeting_id = s.scalars(select(Meeting.id).where(Meeting.status.in_(("planned", "agenda_locked", "in_progress")))
                               .order_by(Meeting.starts_at.desc()).limit(1)).one()
    room = MeetingRoom(meeting_id, start=start, drafts=DraftStore(_TMP / "drafts"))
    room.show()
    loaded: list[str] = []
    room.loaded.connect(lambda: loaded.append(""))
    room.load_failed.connect(loaded.append)
    room.refresh()
    wait_until(app, lambda: bool(loaded), 120_000)
    if loaded[0]:
        raise SystemExit(f"the meeting could not be opened: {loaded[0]}")
    if len(room.data.items) < 2:
        raise SystemExit("the meeting needs at least two agenda items")
    room.projector_button.setChecked(True)
    presenter = room.presenter
    projector = QApplication.screens()[room.screen_combo.currentIndex()]
    wait_until(app, lambda: presenter.geometry() == projector.geometry())

    clock = QElapsedTimer()
    painted: list[tuple[int, int]] = []
    presenter.painted.connect(lambda item_id: painted.append((item_id, clock.elapsed())))
    times: list[int] = []
    for n in range(STEPS + 1):
        forward = room.index == 0
        target = room.data.items[room.index + (1 if forward else -1)].id
        painted.clear()
        clock.start()
        QTest.keyClick(room, Qt.Key.Key_PageDown if forward else Qt.Key.Key_PageUp)
        wait_until(app, lambda t=target: any(i == t for i, _ in painted), 5_000)
        if n:  # the first is a warm-up
            times.append(next(ms for i, ms in painted if i == target))
        executor.wait_idle()  # the queued writes of a started meeting finish, as between two real presses

    fonts_1080 = smallest_fonts(app, presenter, 1920, 1080)
    fonts_768 = smallest_fonts(app, presenter, 1024, 768)
    backend = database.engine.dialect.name
    print(f"database: {backend} ({'meeting started' if start else 'meeting opened, not started'}), "
          f"meeting {meeting_id}, {len(room.data.items)} items")
    print(f"Next/Previous → presenter repaint over {len(times)} presses: median {statistics.median(times):.0f} ms, "
          f"p90 {statistics.quantiles(times, n=10)[-1]:.0f} ms, max {max(times)} ms")
    print(f"smallest projector font: {fonts_1080} px at 1920×1080, {fonts_768} px at 1024×768")
    room.close()
    executor.wait_idle()
    executor.shutdown()
    database.dispose()


if __name__ == "__main__":
    main()
