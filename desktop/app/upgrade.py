"""Asking before a database is given StreetBoard's tables or upgraded (start-up and the File menu)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


def confirm_upgrade(name: str, state: str, current: str | None, head: str) -> bool:
    if state == "empty":
        text = QCoreApplication.translate(
            "Gui", "The database {0} is empty. Create the StreetBoard tables in it now?"
        ).format(name)
    else:
        text = QCoreApplication.translate(
            "Gui", "The database {0} was made by an older StreetBoard (schema {1}) and must be upgraded to "
            "schema {2} before use. Other PCs using it need this version too. Back it up first if unsure. "
            "Upgrade now?"
        ).format(name, current, head)
    answer = QMessageBox.question(None, QCoreApplication.translate("Gui", "Upgrade the database"), text)
    return answer == QMessageBox.StandardButton.Yes
