"""文件 → 打开数据库… / 连接服务器… / 新建数据库… / 最近的数据库 / 备份…: the database, chosen without a command line.

A choice is tried on a background thread (a dead server never freezes the window); while it is
tried, and if it fails, the database already open stays open and the failure is one sentence. A
database made by an older StreetBoard is upgraded only after asking. The database in use is
remembered in QSettings (without its password: that goes to the system keyring through
``desktop.app.login``) and opened at the next start; the recent ones are listed in the menu.

Switching closes the main window and hands the new database to ``desktop.app.gui.run_gui``,
which builds a fresh window, worker and live refresh around it.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL
from sqlalchemy.orm import Session

from db.core import backup, clock, migrate
from db.core.engine import Database, DatabaseOpenError, describe_url, resolve_url, sqlite_file
from desktop.app import upgrade
from desktop.app.login import remember_password, saved_password
from desktop.core import backup_texts  # noqa: F401 - registers the backup sentences
from desktop.core.dbop import DbExecutor, DbOp
from desktop.core.messages import describe
from desktop.core.opening import connect, schema_state

log = logging.getLogger(__name__)
RECENT_KEY = "databases/recent"
CURRENT_KEY = "databases/current"
MAX_RECENT = 8
SQLITE_FILTER = "SQLite (*.sqlite *.db);;*"


# ------------------------------------------------------------------ remembered choices


def address(url: URL) -> str:
    """What is remembered: the URL without its password (a file path for SQLite)."""
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database, url.query)
    return bare.render_as_string(hide_password=False)  # (URL.set(password=None) would keep the password)


def recent_databases() -> list[str]:
    value = QSettings().value(RECENT_KEY, [])
    return [str(v) for v in ([value] if isinstance(value, str) else value or [])]


def remember_database(url: URL, *, chosen: bool = True) -> None:
    """First of the recent list; ``chosen`` (in the File menu): also the one opened at the next start."""
    text = address(url)
    settings = QSettings()
    settings.setValue(RECENT_KEY, [text, *[r for r in recent_databases() if r != text]][:MAX_RECENT])
    if chosen:
        settings.setValue(CURRENT_KEY, text)


def chosen_database() -> str | None:
    """The database chosen last time (None: the default file, also when that file has gone)."""
    value = QSettings().value(CURRENT_KEY)
    if not value:
        return None
    path = sqlite_file(resolve_url(str(value)))
    return None if path is not None and not path.exists() else str(value)


def with_saved_password(text: str) -> str:
    """A remembered server address with its password from the keyring, when one is saved."""
    url = resolve_url(text)
    if url.get_backend_name() == "postgresql" and not url.password and url.username:
        password = saved_password(url)
        if password:
            return url.set(password=password).render_as_string(hide_password=False)
    return text


# ------------------------------------------------------------------ the daily copy


def start_daily_backup(database: Database) -> threading.Thread | None:
    """Today's copy of a single-PC SQLite file, on a background thread; None for a server database."""
    path = sqlite_file(database.engine.url)
    if path is None or not path.exists():
        return None

    def copy() -> None:
        try:
            backup.daily_backup(path, clock.today())
        except (OSError, backup.BackupError) as exc:  # a full disk must not stop the day's work
            log.warning("daily backup of %s failed: %s", path, exc)

    thread = threading.Thread(target=copy, name="daily-backup", daemon=True)
    thread.start()
    return thread


# ------------------------------------------------------------------ trying a database


class _Attempt(QObject):
    """Connects (and upgrades) on a background thread; the outcome comes back as a signal."""

    checked = Signal(object, object)  # Database, SchemaStatus
    upgraded = Signal(object)  # Database
    failed = Signal(str)

    def try_open(self, raw_url: str) -> None:
        def work() -> None:
            try:
                database = connect(raw_url)
            except DatabaseOpenError as error:
                self.failed.emit(describe(error))
                return
            try:
                status = schema_state(database)
            except DatabaseOpenError as error:
                database.dispose()
                self.failed.emit(describe(error))
                return
            self.checked.emit(database, status)

        threading.Thread(target=work, name="open-database", daemon=True).start()

    def upgrade(self, database: Database) -> None:
        def work() -> None:
            try:
                migrate.upgrade(database.engine)
            except Exception as exc:  # noqa: BLE001 - any failure: one sentence, the old database stays
                log.warning("upgrade failed: %s", exc)
                database.dispose()
                self.failed.emit(QApplication.translate(
                    "DatabaseMenu", "The upgrade of {0} failed; it was not opened.").format(database.name))
                return
            self.upgraded.emit(database)

        threading.Thread(target=work, name="upgrade-database", daemon=True).start()


class ConnectDialog(QDialog):
    """连接服务器…: host, port, database, login; the password can be kept in the system keyring."""

    def __init__(self, chooser: DatabaseChooser, parent: QWidget | None = None):
        super().__init__(parent)
        self._chooser = chooser
        self.setWindowTitle(self.tr("Connect to a database server"))
        self.host = QLineEdit("localhost")
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit("streetboard")
        self.user = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember the password on this PC (in the system's password store)"))
        self.message = QLabel(wordWrap=True, objectName="errorText")
        self.message.setStyleSheet("color: #C62828;")
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Server:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Database:"), self.database)
        form.addRow(self.tr("User name:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def url(self) -> URL:
        return URL.create("postgresql+psycopg", username=self.user.text().strip() or None,
                          password=self.password.text() or None, host=self.host.text().strip() or "localhost",
                          port=self.port.value(), database=self.database.text().strip() or None)

    def try_connect(self) -> None:
        url = self.url()
        if not url.database:
            self.show_failure(self.tr("Name the database on the server, for example streetboard."))
            return
        self.message.hide()
        self.buttons.setEnabled(False)
        password = self.password.text() if self.remember.isChecked() else None
        self._chooser.open_url(url.render_as_string(hide_password=False), on_failure=self.show_failure,
                               on_success=lambda: self._connected(url, password))

    def _connected(self, url: URL, password: str | None) -> None:
        if password:
            remember_password(url, password)
        self.accept()

    def show_failure(self, sentence: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(sentence)
        self.message.show()


class DatabaseChooser(QObject):
    """The database entries of the File menu, and the switch to the chosen database."""

    def __init__(self, window: QMainWindow, executor: DbExecutor, menu: QMenu):
        super().__init__(window)
        self._window = window
        self._executor = executor
        self._busy = False
        #: the database to open once this window has closed (read by ``run_gui``)
        self.next_database: Database | None = None
        self.open_action = menu.addAction(self.tr("&Open database…"), self.choose_file)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.connect_action = menu.addAction(self.tr("&Connect to server…"), self.choose_server)
        self.new_action = menu.addAction(self.tr("&New database…"), self.create_file)
        self.recent_menu = menu.addMenu(self.tr("Recent databases"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.backup_action = menu.addAction(self.tr("&Back up…"), self.back_up)
        path = sqlite_file(executor.database.engine.url)
        if path is None or not path.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve()):
            remember_database(executor.database.engine.url, chosen=False)  # not a throwaway (demo) copy

    # -------------------------------------------------------------- the choices

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open a StreetBoard database"), "",
                                              SQLITE_FILTER)
        if path:
            self.open_url(path)

    def create_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, self.tr("New StreetBoard database"),
                                              "streetboard.sqlite", SQLITE_FILTER,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        if Path(path).exists() and Path(path).stat().st_size > 0:
            self._complain(self.tr("{0} already exists; choose Open database… to open it, or another name.")
                           .format(path))
            return
        self.open_url(path)

    def choose_server(self) -> ConnectDialog:
        dialog = ConnectDialog(self, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = address(self._executor.database.engine.url)
        for text in recent_databases():
            action = self.recent_menu.addAction(describe_url(resolve_url(text)))
            action.setEnabled(text != current)
            action.triggered.connect(lambda _checked=False, t=text: self.open_url(with_saved_password(t)))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    # -------------------------------------------------------------- trying one

    def open_url(self, raw_url: str, *, on_failure: Callable[[str], None] | None = None,
                 on_success: Callable[[], None] | None = None) -> None:
        """Try ``raw_url``; on success the window switches to it, on failure nothing changes."""
        if self._busy:
            return
        self._busy = True
        fail = on_failure or self._complain
        attempt = _Attempt(self)

        def failed(sentence: str) -> None:
            self._busy = False
            attempt.deleteLater()
            fail(sentence)

        def checked(database: Database, status: migrate.SchemaStatus) -> None:
            if status.state == "current":
                ready(database)
                return

            if not upgrade.confirm_upgrade(database.name, status.state, status.current, status.head):
                database.dispose()
                failed(self.tr("{0} was not opened; the database in use stays open.").format(database.name))
                return
            attempt.upgrade(database)

        def ready(database: Database) -> None:
            self._busy = False
            attempt.deleteLater()
            if on_success is not None:
                on_success()
            self.switch_to(database)

        attempt.failed.connect(failed)
        attempt.checked.connect(checked)
        attempt.upgraded.connect(ready)
        attempt.try_open(raw_url)

    def switch_to(self, database: Database) -> None:
        remember_database(database.engine.url)
        self.next_database = database
        self._window.close()
        QApplication.quit()

    def _complain(self, sentence: str) -> None:
        self._window.statusBar().showMessage(sentence)
        QMessageBox.warning(self._window, self.tr("Database not opened"), sentence)

    # -------------------------------------------------------------- backup

    def back_up(self) -> None:
        database = self._executor.database
        suffix = "sqlite" if database.is_sqlite else "backup"
        name = f"streetboard-{clock.today():%Y-%m-%d}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Back up the database"), name)
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, path: Path) -> None:
        bar = self._window.statusBar()
        bar.showMessage(self.tr("Backing up to {0}…").format(path))
        DbOp(self, lambda session: _back_up(session, path)) \
            .success(lambda result: bar.showMessage(self.tr("Backed up {0} to {1}.").format(
                self._executor.database.name, result.path))) \
            .failure(lambda error: self._complain(self._describe(error, path))) \
            .run(self._executor)

    def _describe(self, error: Exception, path: Path) -> str:
        if isinstance(error, backup.BackupError):
            return describe(error)
        if isinstance(error, OSError):
            return self.tr("Cannot write {0}; choose a folder you can write to.").format(path)
        return self.tr("The backup could not be made; nothing was written.")


def _back_up(session: Session, path: Path) -> backup.BackupResult:
    engine = session.get_bind()
    return backup.backup(engine, path)
