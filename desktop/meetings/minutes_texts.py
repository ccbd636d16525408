"""The meetings area's sentences for what can go wrong: meeting services (``MeetingError`` codes),
minutes, resolutions and tasks, registered with :mod:`desktop.core.messages`; the area's package
imports this module, so they are there whenever the area is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError

from db.core.versioning import ConflictError, RecordGone
from db.meetings import minutes as m
from db.meetings.agenda import MeetingError
from db.meetings.signatures import NoSigningKey
from db.resolutions import ledger as r
from desktop.core.formatting import format_date
from desktop.core.messages import register


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


def _sentence(error: BaseException) -> str | None:
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
    if isinstance(error, ConflictError) and not error.mine:  # one without both texts: reloaded
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
    if isinstance(error, RecordGone) and not error.mine:
        return QCoreApplication.translate("MinutesMessages", "That record no longer exists; reload the list.")
    if isinstance(error, OSError):
        return QCoreApplication.translate(
            "MinutesMessages", "Cannot write {0}; choose a folder you can write to. Nothing was changed."
        ).format(error.filename or "")
    return None


def _meeting_sentence(error: MeetingError) -> str | None:
    """One translated sentence for a failed meeting operation."""
    name = str(error.details.get("name", ""))
    texts = {
        "not_found": QCoreApplication.translate("MeetingErrors", "That record no longer exists; reload the meeting."),
        "no_term": QCoreApplication.translate("MeetingErrors", "No committee term has been entered yet; enter the term "
                                              "and its members on the Street page (基础信息) first."),
        "bad_kind": QCoreApplication.translate("MeetingErrors", "Choose one of the listed kinds."),
        "blank_title": QCoreApplication.translate("MeetingErrors", "Give it a title."),
        "bad_length": QCoreApplication.translate("MeetingErrors", "The planned time must be a positive number of minutes."),
        "bad_time": QCoreApplication.translate("MeetingErrors", "Give the meeting a start time."),
        "agenda_locked": QCoreApplication.translate("MeetingErrors", "The agenda is locked; unlock it before changing it."),
        "meeting_finished": QCoreApplication.translate("MeetingErrors", "The meeting is closed; its record can no longer change."),
        "not_started": QCoreApplication.translate("MeetingErrors", "Start the meeting first."),
        "empty_agenda": QCoreApplication.translate("MeetingErrors", "Add at least one agenda item first."),
        "bad_order": QCoreApplication.translate("MeetingErrors", "The agenda changed meanwhile; reload it and move the item again."),
        "not_in_term": QCoreApplication.translate("MeetingErrors", "{0} is not a member of this committee term; sign them in as an observer "
                         "(列席) instead.").format(name),
        "member_as_observer": QCoreApplication.translate("MeetingErrors", "{0} is a member of this term; sign them in as present, excused "
                                "or absent.").format(name),
        "bad_status": QCoreApplication.translate("MeetingErrors", "Choose present, excused, observer or absent."),
        "delegate_needs_presence": QCoreApplication.translate("MeetingErrors", "A delegate attends for an excused member; set the status "
                                     "to excused."),
        "blank_name": QCoreApplication.translate("MeetingErrors", "Type the name of the person signing in."),
        "blank_text": QCoreApplication.translate("MeetingErrors", "Type the text of the resolution."),
        "no_owner": QCoreApplication.translate("MeetingErrors", "Choose the owner unit (牵头单位) of the resolution."),
        "unknown_unit": QCoreApplication.translate("MeetingErrors", "One of the chosen units no longer exists; reload the meeting."),
        "no_deadline": QCoreApplication.translate("MeetingErrors", "Give the resolution a deadline."),
        "deadline_before_meeting": QCoreApplication.translate("MeetingErrors", "The deadline cannot be before the meeting date."),
        "unknown_case": QCoreApplication.translate("MeetingErrors", "One of the linked cases no longer exists."),
        "unknown_agreement_item": QCoreApplication.translate("MeetingErrors", "One of the linked agreement items no longer exists."),
        "bad_decision": QCoreApplication.translate("MeetingErrors", "Accept, reject or defer the proposal."),
        "already_decided": QCoreApplication.translate("MeetingErrors", "This proposal has already been decided."),
        "stale": QCoreApplication.translate("MeetingErrors", "Someone else changed this meanwhile; your text is kept here and was not saved."),
        "no_body": QCoreApplication.translate("MeetingErrors", "Choose the body that holds the meeting (大工委, a community 大党委 or a 联席会议)."),
        "kind_not_for_body": QCoreApplication.translate("MeetingErrors", "{0} does not hold meetings of this kind; choose one of the kinds listed for it.").format(name),
        "not_in_body": QCoreApplication.translate("MeetingErrors", "{0} is not a member of {1}; sign them in as an observer (列席) instead.").format(name, str(error.details.get("body", ""))),
        "bad_rule": QCoreApplication.translate("MeetingErrors", "Choose one of the listed quorum rules."),
        "no_street": QCoreApplication.translate("MeetingErrors", "The street has not been set up yet; set it up first."),
        "bad_body_kind": QCoreApplication.translate("MeetingErrors", "A new body is a community 大党委 or a 联席会议."),
        "bad_level": QCoreApplication.translate("MeetingErrors", "Choose the level of the 联席会议: industry, street or community."),
        "no_community": QCoreApplication.translate("MeetingErrors", "Choose the community of the 大党委."),
        "duplicate_body": QCoreApplication.translate("MeetingErrors", "There is already a body named {0}; choose another name.").format(name),
        "approved_amend": QCoreApplication.translate("MeetingErrors", "The minutes are approved; change them by an amendment (a new signed revision with its reason)."),
        "not_closed": QCoreApplication.translate("MeetingErrors", "Only a closed meeting can be reopened."),
        "no_reason": QCoreApplication.translate("MeetingErrors", "Give the reason for reopening the meeting."),
        "bad_votes": QCoreApplication.translate("MeetingErrors", "Enter the votes for, against and abstaining, or tick unanimous."),
        "street_committee_members": QCoreApplication.translate("MeetingErrors", "The 大工委's members are the committee term's members; change them on the Street page (基础信息)."),
    }
    return texts.get(error.code)


register(MeetingError, _meeting_sentence)
for kind in (m.MinutesError, r.ResolutionError, NoSigningKey, DBAPIError, OSError):
    register(kind, _sentence)
for table in ("minutes", "task", "resolution"):
    register(ConflictError, _sentence, key=table)
for table in ("meeting", "task", "resolution"):
    register(RecordGone, _sentence, key=table)
for table in ("meeting", "agenda_item"):  # a meeting or an item's notes saved meanwhile: the "stale" sentence
    register(ConflictError, lambda _e: _meeting_sentence(MeetingError("stale", "")), key=table)
