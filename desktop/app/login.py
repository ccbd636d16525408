"""Signing in to a PostgreSQL server with one's own account; a saved password lives in the OS keyring.

:func:`connect_with_login` opens the database like ``desktop.core.opening.connect``; when the server
wants a password the URL does not carry, it first tries the keyring, then asks (user name,
password, "remember on this PC"). A remembered password goes to the keyring (``keyring``:
Windows Credential Manager, macOS Keychain, Secret Service on Linux) — never into QSettings.
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL

from db.core.engine import Database, DatabaseOpenError, describe_url, resolve_url
from desktop.core.messages import describe
from desktop.core.opening import connect

log = logging.getLogger(__name__)
SERVICE = "StreetBoard"


def keyring_key(url: URL) -> str:
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def saved_password(url: URL) -> str | None:
    try:
        return keyring.get_password(SERVICE, keyring_key(url))
    except KeyringError as exc:  # no keyring on this PC: just ask
        log.info("keyring unavailable: %s", exc)
        return None


def remember_password(url: URL, password: str) -> bool:
    try:
        keyring.set_password(SERVICE, keyring_key(url), password)
        return True
    except KeyringError as exc:
        log.info("keyring unavailable: %s", exc)
        return False


def forget_password(url: URL) -> None:
    try:
        keyring.delete_password(SERVICE, keyring_key(url))
    except KeyringError:
        pass


class LoginDialog(QDialog):
    def __init__(self, url: URL, message: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to the database"))
        self.user = QLineEdit(url.username or "")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember the password on this PC (in the system's password store)"))
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Server: {0}").format(describe_url(url))))
        if message:
            layout.addWidget(QLabel(message, wordWrap=True, objectName="errorText"))
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(buttons)
        (self.password if url.username else self.user).setFocus()


def connect_with_login(raw_url: str | None, parent: QWidget | None = None, ask=None) -> Database | None:
    """Open the database, asking for an account when the server demands one; None if cancelled."""
    url = resolve_url(raw_url)
    if url.get_backend_name() != "postgresql" or url.password:
        return connect(raw_url)
    stored = saved_password(url) if url.username else None
    if stored:
        try:
            return connect(url.set(password=stored).render_as_string(hide_password=False))
        except DatabaseOpenError as error:
            if error.reason != "auth":
                raise
            forget_password(url)
    try:
        return connect(url.render_as_string(hide_password=False))
    except DatabaseOpenError as error:
        if error.reason != "auth":
            raise
        message = ""
    ask = ask or _ask
    while True:
        answer = ask(url, message, parent)
        if answer is None:
            return None
        user, password, remember = answer
        attempt = url.set(username=user or None, password=password or None)
        try:
            database = connect(attempt.render_as_string(hide_password=False))
        except DatabaseOpenError as error:
            if error.reason != "auth":
                raise
            message = describe(error)
            url = attempt.set(password=None)
            continue
        if remember and password:
            remember_password(attempt, password)
        return database


def _ask(url: URL, message: str, parent: QWidget | None) -> tuple[str, str, bool] | None:
    dialog = LoginDialog(url, message, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.user.text().strip(), dialog.password.text(), dialog.remember.isChecked()


def actor_for(database: Database) -> str | None:
    """Who is at the keyboard: the database login when the server has one per person."""
    url = database.engine.url
    if url.get_backend_name() == "postgresql" and url.username:
        return url.username
    return None


