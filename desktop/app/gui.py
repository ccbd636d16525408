"""Start the desktop app: open (or create) the database, ask before upgrading it, show the window."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from db.core import clock, migrate
from db.core.engine import APP_NAME, ENV_VAR, DatabaseOpenError, make_engine
from desktop.app import upgrade
from desktop.app.app import create_application
from desktop.app.databases import chosen_database, start_daily_backup
from desktop.app.login import actor_for, connect_with_login
from desktop.app.main_window import MainWindow
from desktop.core.dbop import DbExecutor
from desktop.core.messages import describe
from desktop.core.opening import schema_state
from desktop.meetings.recovery import offer_drafts
from desktop.street.wizard import offer_setup
from desktop.sync.live import MultiPc

DEMO_SEED = 1
DEMO_CASES = 30_000


def demo_template_path(today: dt.date) -> Path:
    cache = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return cache / f"demo-{migrate.head_revision()}-s{DEMO_SEED}-{today:%Y%m%d}.sqlite"


def build_demo_template(path: Path, progress: QProgressDialog | None = None) -> Path:
    """Generate the demo street once per day and schema into the cache; copies open from it."""
    from db.demo import generate_demo

    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{partial}")
    try:
        migrate.upgrade(engine)

        def report(_stage: str, fraction: float) -> None:
            if progress is not None:
                progress.setValue(int(fraction * 100))
                QApplication.processEvents()

        generate_demo(engine, cases=DEMO_CASES, seed=DEMO_SEED, progress=report)
    finally:
        engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.replace(path)
    return path


def demo_copy() -> str:
    """A throwaway copy of the demo street; it lives in a temp folder for this run only."""
    progress = QProgressDialog(
        QCoreApplication.translate("Gui", "Preparing the demo street…"), "", 0, 100
    )
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    template = build_demo_template(demo_template_path(clock.today()), progress)
    progress.close()
    folder = Path(tempfile.mkdtemp(prefix="streetboard-demo-"))
    target = folder / "demo.sqlite"
    shutil.copyfile(template, target)
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
    return str(target)


def run_gui(url: str | None, *, demo: bool = False) -> int:
    app = create_application()
    try:
        if demo:
            url = demo_copy()
        elif url is None and not os.environ.get(ENV_VAR):
            url = chosen_database()  # the one chosen in the File menu last time (None: the default file)
        database = connect_with_login(url)
        if database is None:
            return 0
        status = schema_state(database)
        if status.state != "current":
            if not demo and not upgrade.confirm_upgrade(database.name, status.state, status.current, status.head):
                return 0
            migrate.upgrade(database.engine)
    except DatabaseOpenError as error:
        QMessageBox.critical(None, QCoreApplication.translate("Gui", "Cannot open the database"),
                             describe(error))
        return 2
    while True:  # again with the database chosen in 文件 → 打开数据库…, which closed the window
        executor = DbExecutor(database, actor=actor_for(database))
        window = MainWindow(executor)
        multipc = MultiPc(executor, window)  # live refresh, connection state, outbox
        multipc.start()
        window.show()
        if not demo:
            start_daily_backup(database)  # a single-PC SQLite file: today's copy beside it, on a thread
        offer_drafts(window, executor)
        offer_setup(window)  # a database with no street: the set-up assistant
        code = app.exec()
        multipc.stop()
        executor.shutdown()
        database.dispose()
        if window.databases.next_database is None:
            return code
        database, demo = window.databases.next_database, False
        window.deleteLater()
