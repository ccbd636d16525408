"""Words for the pairings page: agreement and item statuses, label kinds.

Each function returns the translated word for a database code (unknown codes come back as they are).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def item_status_name(status: str) -> str:
    names = {
        "planned": QCoreApplication.translate("UnitTexts", "Not started"),
        "in_progress": QCoreApplication.translate("UnitTexts", "Under way"),
        "done": QCoreApplication.translate("UnitTexts", "Done"),
        "cancelled": QCoreApplication.translate("UnitTexts", "Cancelled"),
        "draft": QCoreApplication.translate("UnitTexts", "Draft"),
        "signed": QCoreApplication.translate("UnitTexts", "Signed"),
        "closed": QCoreApplication.translate("UnitTexts", "Closed"),
    }
    return names.get(status, status)


def label_kind_name(kind: str) -> str:
    names = {
        "link": QCoreApplication.translate("UnitTexts", "Link (联)"),
        "fix": QCoreApplication.translate("UnitTexts", "Fix (定)"),
    }
    return names.get(kind, kind)
