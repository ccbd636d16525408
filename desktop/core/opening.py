"""Opening a database: one place that turns every way it can fail into one clear sentence.

Used by the GUI start-up, every CLI command and the snapshot renderer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError

from db.core import migrate
from db.core.engine import (
    Database,
    DatabaseOpenError,
    check_connection,
    classify_error,
    describe_url,
    make_engine,
)


def open_failure_sentence(error: DatabaseOpenError) -> str:
    """One translated sentence the user can act on."""
    target = error.target
    if error.reason == "bad_url":
        return QCoreApplication.translate(
            "Opening", "“{0}” is not a database address StreetBoard understands; use a file path, "
            "sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE."
        ).format(target)
    if error.reason == "incomplete_url":
        return QCoreApplication.translate(
            "Opening", "“{0}” names no database; write the whole address, such as "
            "postgresql://USER@SERVER:5432/streetboard."
        ).format(target)
    if error.reason == "unsupported":
        return QCoreApplication.translate(
            "Opening", "StreetBoard works with SQLite and PostgreSQL, not “{0}”."
        ).format(error.detail or target)
    if error.reason == "unreachable":
        return QCoreApplication.translate(
            "Opening", "Cannot reach the database server ({0}); check that it is running and the "
            "address is right, or ask the office's administrator."
        ).format(target)
    if error.reason == "auth":
        return QCoreApplication.translate(
            "Opening", "The database server refused the user name or password ({0}); check them and try again."
        ).format(target)
    if error.reason == "no_such_database":
        return QCoreApplication.translate(
            "Opening", "The database {0} does not exist; check the name, or create it first."
        ).format(target)
    if error.reason == "not_a_database":
        return QCoreApplication.translate(
            "Opening", "{0} is not a StreetBoard database file (it may be damaged or another kind of file); "
            "nothing was changed."
        ).format(target)
    if error.reason == "foreign":
        return QCoreApplication.translate(
            "Opening", "{0} holds tables that are not StreetBoard's; nothing was changed. Choose an empty "
            "database or a StreetBoard one."
        ).format(target)
    if error.reason == "schema_too_new":
        return QCoreApplication.translate(
            "Opening", "The database {0} was written by a newer StreetBoard; install that version to open it. "
            "Nothing was changed."
        ).format(target)
    if error.reason == "schema_too_old":
        return QCoreApplication.translate(
            "Opening", "The database {0} needs an upgrade before use; run “streetboard db upgrade --db …” "
            "or open it in the app and accept the upgrade."
        ).format(target)
    if error.reason == "locked" and error.detail:
        return QCoreApplication.translate(
            "Opening", "The database file {0} is in use by another program ({1}); nothing was changed. "
            "Try again in a moment, or close that program."
        ).format(target, error.detail)
    if error.reason == "locked":
        return QCoreApplication.translate(
            "Opening", "The database file {0} is in use by another program; nothing was changed. "
            "Try again in a moment, or close the other StreetBoard or the program that has it open."
        ).format(target)
    if error.reason == "disk_full":
        return QCoreApplication.translate(
            "Opening", "The disk holding {0} is full; nothing was written. Free some space on it and try again."
        ).format(target)
    if error.reason == "read_only":
        return QCoreApplication.translate(
            "Opening", "{0} is open read-only (a read-only disk or a file you may not change); nothing can be "
            "saved. Copy it to a folder you can write to and open the copy."
        ).format(target)
    if error.reason == "file_gone":
        return QCoreApplication.translate(
            "Opening", "The database file {0} was deleted or moved while it was open; nothing more is saved to it. "
            "Close StreetBoard and open the database from where it is now."
        ).format(target)
    return QCoreApplication.translate("Opening", "Cannot open the database {0}.").format(target)


def connect(url: str | None, *, create: bool = True) -> Database:
    """Create the engine and connect once; raises DatabaseOpenError.

    ``create=False`` refuses to make a new SQLite file (commands that only read).
    """
    engine = make_engine(url, create=create)
    try:
        check_connection(engine)
    except DatabaseOpenError:
        engine.dispose()
        raise
    return Database(engine)


def schema_state(database: Database) -> migrate.SchemaStatus:
    """The schema status, with foreign or too-new schemas raised as DatabaseOpenError."""
    target = describe_url(database.engine.url)
    try:
        status = migrate.schema_status(database.engine)
    except DBAPIError as exc:
        raise DatabaseOpenError(classify_error(exc), target, str(exc.orig)) from exc
    if status.state == "new":
        raise DatabaseOpenError("schema_too_new", target, status.current or "")
    if status.state == "foreign":
        raise DatabaseOpenError("foreign", target)
    return status


def open_current(url: str | None) -> Database:
    """Open a database that must already be at the code's schema (CLI commands, snapshots)."""
    database = connect(url, create=False)
    try:
        status = schema_state(database)
        if status.state != "current":
            raise DatabaseOpenError("schema_too_old", describe_url(database.engine.url), status.current or "")
    except DatabaseOpenError:
        database.dispose()
        raise
    return database
