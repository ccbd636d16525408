"""Turn any failure from a database operation into one translated sentence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from db.core.engine import DatabaseOpenError
from db.core.versioning import ConflictError
from desktop.core.opening import describe_error


def describe_failure(error: Exception) -> str:
    if isinstance(error, DatabaseOpenError):
        return describe_error(error)
    if isinstance(error, StaleDataError) or (isinstance(error, ConflictError) and not error.mine):
        return QCoreApplication.translate(
            "Messages", "Someone else saved this record while you were editing it; reload to see their version."
        )
    if isinstance(error, ConflictError):
        return QCoreApplication.translate(
            "Messages", "Someone else saved this record while you were editing it; your text is kept — "
            "save again to compare both versions."
        )
    if isinstance(error, DBAPIError) and _refused_for_rights(error):
        return QCoreApplication.translate("Messages", "Your account is not allowed to do this: {0}").format(
            str(error.orig).strip().splitlines()[0]
        )
    if isinstance(error, OperationalError):
        return QCoreApplication.translate(
            "Messages", "The connection to the database was lost; your work is kept and will be retried."
        )
    if isinstance(error, DBAPIError):
        return QCoreApplication.translate("Messages", "The database refused the change: {0}").format(
            str(error.orig).strip().splitlines()[0]
        )
    return QCoreApplication.translate("Messages", "The operation failed: {0}").format(error)


def _refused_for_rights(error: DBAPIError) -> bool:
    """PostgreSQL said no because of the login's rights: a GRANT, row-level security, a role check."""
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate == "42501" or "row-level security" in str(error.orig)
