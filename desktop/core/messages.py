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
        rule = _server_rule(error)
        if rule:
            return rule
        return QCoreApplication.translate("Messages", "Your account is not allowed to do this: {0}").format(
            str(error.orig).strip().splitlines()[0]
        )
    if isinstance(error, OperationalError):
        return QCoreApplication.translate(
            "Messages", "The connection to the database was lost; this change was not saved. Do it again once the "
                        "status bar says the server is connected."
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


def _server_rule(error: DBAPIError) -> str:
    """The sentence for a rule the server's triggers enforce (their refusal's HINT is a stable code:
    revision 0010 ``streetboard_seal``, ``db.sync.roles`` guard), or '' for another refusal."""
    diag = getattr(error.orig, "diag", None)
    code = getattr(diag, "message_hint", None) or ""
    if code == "streetboard.sealed":
        return QCoreApplication.translate(
            "Messages", "The minutes of this meeting are approved, so its record is sealed; correct it by amending "
                        "the minutes, with a reason.")
    if code == "streetboard.stays":
        return QCoreApplication.translate("Messages", "Minutes stay with their meeting; they cannot be moved to another.")
    if code == "streetboard.reason":
        return QCoreApplication.translate("Messages", "An amendment of approved minutes needs a reason; write one and save again.")
    if code == "streetboard.approve":
        return QCoreApplication.translate("Messages", "Only the secretary can approve minutes; ask the secretary to approve them.")
    if code == "streetboard.close":
        return QCoreApplication.translate(
            "Messages", "Only the secretary can close a resolution, once a meeting has verified it; mark it ready to "
                        "verify instead.")
    if code == "streetboard.amend":
        return QCoreApplication.translate(
            "Messages", "Only the secretary can amend the minutes of an approved meeting; ask the secretary to do it.")
    return ""
