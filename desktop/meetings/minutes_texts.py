"""One translated sentence for everything that can go wrong with minutes, resolutions and tasks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError

from db.core.versioning import ConflictError, RecordGone
from db.meetings import minutes as m
from db.meetings.signatures import NoSigningKey
from db.resolutions import ledger as r
from desktop.core.formatting import format_date
from desktop.core.messages import describe_failure


def describe_problem(problem: m.Problem) -> str:
    """One line of ``streetboard verify``: what is wrong and which meeting's record it is."""
    title = problem.meeting_title
    date = format_date(problem.meeting_date) if problem.meeting_date else "?"
    if problem.kind == "content_changed":
        text = QCoreApplication.translate(
            "MinutesMessages",
            "The approved minutes of “{0}” ({1}), revision {2}, were changed outside StreetBoard: "
            "they no longer match their hash.",
        )
    elif problem.kind == "chain_broken":
        text = QCoreApplication.translate(
            "MinutesMessages",
            "The chain breaks at the minutes of “{0}” ({1}), revision {2}: an approved record before "
            "it was deleted or reordered.",
        )
    elif problem.kind == "resigned":
        text = QCoreApplication.translate(
            "MinutesMessages",
            "The hash of the minutes of “{0}” ({1}), revision {2}, was recomputed after a change: the approver's "
            "signature no longer matches.",
        )
    elif problem.kind == "unsigned":
        text = QCoreApplication.translate(
            "MinutesMessages", "The minutes of “{0}” ({1}), revision {2}, carry no signature although they should."
        )
    elif problem.kind == "unknown_key":
        text = QCoreApplication.translate(
            "MinutesMessages",
            "The minutes of “{0}” ({1}), revision {2}, are signed with a key that is not the approver's registered key.",
        )
    elif problem.kind == "record_changed":
        text = QCoreApplication.translate(
            "MinutesMessages",
            "The attendance, agenda or resolutions of “{0}” ({1}) were changed after revision {2} of its minutes "
            "was approved.",
        )
    elif problem.kind == "newest_missing":
        text = QCoreApplication.translate(
            "MinutesMessages",
            "The newest approved minutes, revision {2} of “{0}” ({1}), are gone: the signed end of the chain "
            "still names them.",
        )
    elif problem.kind == "head_mismatch":
        text = QCoreApplication.translate(
            "MinutesMessages",
            "The signed end of the chain at the minutes of “{0}” ({1}), revision {2}, no longer matches the chain.",
        )
    elif problem.kind == "not_sealed":
        text = QCoreApplication.translate(
            "MinutesMessages", "The minutes of “{0}” ({1}), revision {2}, are marked approved but carry no hash."
        )
    else:
        text = QCoreApplication.translate(
            "MinutesMessages", "The approved minutes of “{0}” ({1}) are missing from the database."
        )
    return text.format(title, date, problem.revision)


def is_sealed_refusal(error: BaseException) -> bool:
    """The database's own refusal to change approved minutes (the triggers of migration 0006)."""
    return isinstance(error, DBAPIError) and "approved minutes" in str(error.orig)


def describe_error(error: BaseException) -> str:
    if is_sealed_refusal(error):
        return QCoreApplication.translate(
            "MinutesMessages",
            "These minutes are approved and the database refuses to change them; record an amendment with a reason instead."
        )
    if isinstance(error, NoSigningKey):
        if error.reason == "not_registered":
            return QCoreApplication.translate(
                "MinutesMessages", "{0} has no signing key yet; register one on this PC with "
                "“streetboard keys add --user {0}”, then approve.").format(error.username)
        if error.reason == "no_keyring":
            return QCoreApplication.translate(
                "MinutesMessages", "This PC has no usable keyring for signing keys; approve on the PC whose key is "
                "registered for {0}.").format(error.username)
        return QCoreApplication.translate(
            "MinutesMessages", "The signing key of {0} is not on this PC; approve on the PC where it was registered, "
            "or register this PC with “streetboard keys add --user {0}”.").format(error.username)
    if isinstance(error, m.EmptyItem):
        return QCoreApplication.translate(
            "MinutesMessages",
            "Agenda item {0} “{1}” has no notes and no resolution; write what was discussed before approving.",
        ).format(error.position, error.title)
    if isinstance(error, m.NoDraft):
        return QCoreApplication.translate(
            "MinutesMessages", "The minutes of “{0}” have no draft to approve; close the meeting first."
        ).format(error.meeting_title)
    if isinstance(error, m.NotApproved):
        return QCoreApplication.translate(
            "MinutesMessages", "The minutes of “{0}” are not approved yet; correct the draft instead of amending it."
        ).format(error.meeting_title)
    if isinstance(error, m.ReasonRequired):
        return QCoreApplication.translate(
            "MinutesMessages", "An amendment needs a reason; write why the approved minutes are corrected."
        )
    if isinstance(error, m.NotClosable):
        return QCoreApplication.translate("MinutesMessages", "This meeting cannot be closed in its present state.")
    if isinstance(error, RecordGone) and error.table == "meeting":
        return QCoreApplication.translate("MinutesMessages", "There is no meeting with the number {0}.").format(
            error.row_id
        )
    if isinstance(error, ConflictError):
        return QCoreApplication.translate(
            "MinutesMessages", "Someone else saved a newer version while you were editing; your text is kept — reload and apply it again."
        )
    if isinstance(error, r.ProgressOutOfRange):
        return QCoreApplication.translate(
            "MinutesMessages", "Progress must be a whole number from 0 to 100 %, not {0}."
        ).format(error.value)
    if isinstance(error, r.OverdueReasonRequired):
        return QCoreApplication.translate(
            "MinutesMessages", "“{0}” is past its deadline ({1}); write the reason it was missed."
        ).format(error.title, format_date(error.deadline))
    if isinstance(error, r.TaskClosed):
        return QCoreApplication.translate("MinutesMessages", "“{0}” is finished or cancelled; it takes no more progress.").format(
            error.title
        )
    if isinstance(error, r.NotReadyToVerify):
        return QCoreApplication.translate(
            "MinutesMessages", "Resolution {0} is not ready to verify: its tasks or cases are still open."
        ).format(error.number)
    if isinstance(error, r.VerifyingMeetingTooEarly):
        return QCoreApplication.translate(
            "MinutesMessages", "“{0}” was not held after the meeting that made the resolution; choose a later meeting."
        ).format(error.meeting_title)
    if isinstance(error, RecordGone):
        return QCoreApplication.translate("MinutesMessages", "That record no longer exists; reload the list.")
    if isinstance(error, OSError):
        return QCoreApplication.translate(
            "MinutesMessages", "Cannot write {0}; choose a folder you can write to. Nothing was changed."
        ).format(error.filename or "")
    return describe_failure(error)  # type: ignore[arg-type]
