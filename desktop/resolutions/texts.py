"""Words for the resolutions page: the statuses of resolutions and their tasks.

Each function returns the translated word for a database code (unknown codes come back as they are).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_label(status: str) -> str:
    labels = {
        "open": QCoreApplication.translate("ResolutionsPage", "Not started"),
        "in_progress": QCoreApplication.translate("ResolutionsPage", "In progress"),
        "ready_to_verify": QCoreApplication.translate("ResolutionsPage", "Ready to verify"),
        "done": QCoreApplication.translate("ResolutionsPage", "Done"),
        "cancelled": QCoreApplication.translate("ResolutionsPage", "Cancelled"),
    }
    return labels.get(status, status)
