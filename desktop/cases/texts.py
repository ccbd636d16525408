"""Words for the cases pages: case states, the actions of the workflow, where a case came from.

Each function returns the translated word for a database code (unknown codes come back as they are).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def state_label(state: str | None) -> str:
    labels = {
        "REPORTED": QCoreApplication.translate("CaseLabels", "Reported"),
        "FILED": QCoreApplication.translate("CaseLabels", "Filed"),
        "DISPATCHED": QCoreApplication.translate("CaseLabels", "Dispatched"),
        "IN_PROGRESS": QCoreApplication.translate("CaseLabels", "In progress"),
        "ON_HOLD": QCoreApplication.translate("CaseLabels", "On hold"),
        "FEEDBACK": QCoreApplication.translate("CaseLabels", "Feedback"),
        "CLOSED": QCoreApplication.translate("CaseLabels", "Closed"),
        "EVALUATED": QCoreApplication.translate("CaseLabels", "Evaluated"),
        "VOID": QCoreApplication.translate("CaseLabels", "Void"),
    }
    return labels.get(state or "", state or "")


def action_label(action: str) -> str:
    labels = {
        "file": QCoreApplication.translate("CaseLabels", "File"),
        "reject": QCoreApplication.translate("CaseLabels", "Void the report"),
        "dispatch": QCoreApplication.translate("CaseLabels", "Dispatch"),
        "accept": QCoreApplication.translate("CaseLabels", "Accept"),
        "return": QCoreApplication.translate("CaseLabels", "Return for re-dispatch"),
        "hold": QCoreApplication.translate("CaseLabels", "Put on hold"),
        "resume": QCoreApplication.translate("CaseLabels", "Resume"),
        "extend": QCoreApplication.translate("CaseLabels", "Extend the deadline"),
        "report_done": QCoreApplication.translate("CaseLabels", "Report done"),
        "check_fail": QCoreApplication.translate("CaseLabels", "Check failed"),
        "check_pass": QCoreApplication.translate("CaseLabels", "Check passed"),
        "return_visit": QCoreApplication.translate("CaseLabels", "Return visit"),
        "unsatisfied": QCoreApplication.translate("CaseLabels", "Unsatisfied: redo"),
        "supervise": QCoreApplication.translate("CaseLabels", "Put under supervision"),
        "unsupervise": QCoreApplication.translate("CaseLabels", "Supervision lifted"),
        "propose": QCoreApplication.translate("CaseLabels", "Proposed for a meeting"),
        "report": QCoreApplication.translate("CaseLabels", "Reported"),
        "import": QCoreApplication.translate("CaseLabels", "Imported"),
        "update": QCoreApplication.translate("CaseLabels", "Updated"),
    }
    return labels.get(action, action)


def source_label(source: str) -> str:
    labels = {
        "patrol": QCoreApplication.translate("CaseLabels", "Patrol"),
        "hotline": QCoreApplication.translate("CaseLabels", "12345 hotline"),
        "resident": QCoreApplication.translate("CaseLabels", "Resident report"),
        "supervision": QCoreApplication.translate("CaseLabels", "Inspection"),
        "import": QCoreApplication.translate("CaseLabels", "Imported"),
    }
    return labels.get(source, source)
