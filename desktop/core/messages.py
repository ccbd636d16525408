"""Every failure becomes one translated sentence: one registry, one :func:`describe`.

An area registers the sentences of its own errors where its words live (its texts module, which the
area's package imports, so they are there whenever the area is loaded)::

    register(RolesError, _roles_error)            # one describer for a type
    register(ConflictError, _sentence, key="task")  # ... for its errors with that code, reason or table

``key`` narrows a registration to the errors whose ``code``, ``reason`` or ``table`` it is.
:func:`describe` tries, for each class of the error from the most derived one, first its keyed
describer, then its plain one; a describer returns None to pass on an error it cannot tell. What
nobody claims ends in the shared sentences below: a conflict, the server's rules and rights, the
connection lost, the database refusing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from db.core.engine import DatabaseOpenError
from db.core.versioning import ConflictError, RecordGone
from desktop.core.opening import open_failure_sentence

Describer = Callable[[Any], "str | None"]
_REGISTRY: dict[tuple[type[BaseException], str | None], Describer] = {}


def register(kind: type[BaseException], describer: Describer, *, key: str | None = None) -> None:
    """``describer(error)`` gives the sentence for ``kind`` errors (those whose code, reason or
    table is ``key``, when given). One describer per kind and key."""
    if (kind, key) in _REGISTRY:
        raise ValueError(f"{kind.__name__} {key or ''} already has a sentence")
    _REGISTRY[(kind, key)] = describer


def describe(error: BaseException) -> str:
    """The one sentence the user sees for ``error``."""
    return _registered(error) or _shared(error)


def _registered(error: BaseException) -> str | None:
    """The sentence an area registered for ``error``, if one claims it."""
    key = _key(error)
    for kind in type(error).__mro__:
        for k in (key, None) if key is not None else (None,):
            describer = _REGISTRY.get((kind, k))
            sentence = describer(error) if describer is not None else None
            if sentence:
                return sentence
    return None


def _key(error: BaseException) -> str | None:
    for attribute in ("code", "reason", "table"):
        value = getattr(error, attribute, None)
        if isinstance(value, str):
            return value
    return None


def _shared(error: BaseException) -> str:
    if isinstance(error, StaleDataError | ConflictError):  # a conflict nobody explained: nothing to compare
        return QCoreApplication.translate(
            "Messages", "Someone else saved this record while you were editing it; reload to see their version."
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


# --------------------------------------------------------------------------- registered here


def _conflict(error: ConflictError) -> str | None:
    if not error.mine:
        return None
    return QCoreApplication.translate(
        "Conflicts", "Not saved: someone else saved this record meanwhile. Your text is kept; save again to choose.")


def _gone(error: RecordGone) -> str | None:
    if not error.mine:
        return None
    return QCoreApplication.translate(
        "Conflicts", "Not saved: someone else deleted this record. Your text is kept; copy it elsewhere.")


register(ConflictError, _conflict)
register(RecordGone, _gone)
register(DatabaseOpenError, open_failure_sentence)
