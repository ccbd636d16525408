"""Words for the meetings pages: meeting kinds and statuses, agenda item kinds, sign-in statuses.

Each function returns the translated word for a database code (unknown codes come back as they are).
The meetings list, the notice and the meeting room use them; the strings keep the contexts they were
translated in ("MeetingsPage", "MeetingRoom").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def kind_name(kind: str) -> str:
    return {
        "plenary": QCoreApplication.translate("MeetingsPage", "Plenary (大工委全体会议)"),
        "regular": QCoreApplication.translate("MeetingsPage", "Regular meeting (例会)"),
        "topical": QCoreApplication.translate("MeetingsPage", "Topical meeting (专题会)"),
        "joint": QCoreApplication.translate("MeetingsPage", "Joint meeting (联席会议)"),
        "community": QCoreApplication.translate("MeetingsPage", "Community party committee (社区大党委会议)"),
    }.get(kind, kind)


def item_kind_name(kind: str) -> str:
    return {
        "case_review": QCoreApplication.translate("MeetingsPage", "Case review"),
        "follow_up": QCoreApplication.translate("MeetingsPage", "Follow-up of resolutions"),
        "pairing_review": QCoreApplication.translate("MeetingsPage", "Pairing review"),
        "unit_report": QCoreApplication.translate("MeetingsPage", "Unit report"),
        "proposal": QCoreApplication.translate("MeetingsPage", "Proposal"),
        "other": QCoreApplication.translate("MeetingsPage", "Other"),
    }.get(kind, kind)


def meeting_status_name(status: str) -> str:
    return {
        "planned": QCoreApplication.translate("MeetingsPage", "Planned"),
        "agenda_locked": QCoreApplication.translate("MeetingsPage", "Agenda locked"),
        "in_progress": QCoreApplication.translate("MeetingsPage", "In progress"),
        "closed": QCoreApplication.translate("MeetingsPage", "Closed"),
        "approved": QCoreApplication.translate("MeetingsPage", "Minutes approved"),
    }.get(status, status)


def status_name(status: str | None) -> str:
    names = {
        "present": QCoreApplication.translate("MeetingRoom", "Present"),
        "excused": QCoreApplication.translate("MeetingRoom", "Excused"),
        "observer": QCoreApplication.translate("MeetingRoom", "Observer"),
        "absent": QCoreApplication.translate("MeetingRoom", "Absent"),
    }
    return names.get(status or "", QCoreApplication.translate("MeetingRoom", "Not signed in"))
