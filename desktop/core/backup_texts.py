"""The sentences for a backup or restore that cannot be done (CLI and 文件 → 备份…)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from db.core.backup import BackupError
from desktop.core.messages import register


def _backup_error(error: BackupError) -> str:
    details = error.details
    if error.code == "tool_missing":
        return QCoreApplication.translate(
            "Backup", "{0} is not installed on this PC; install the PostgreSQL client tools (the package "
            "postgresql-client, or the PostgreSQL installer on Windows) of the server's version or newer, "
            "then try again.").format(details.get("tool", ""))
    if error.code == "tool_failed":
        return QCoreApplication.translate(
            "Backup", "{0} stopped with an error ({1}); nothing was changed.").format(
            details.get("tool", ""), details.get("reason", ""))
    if error.code == "not_empty":
        return QCoreApplication.translate(
            "Backup", "That database already holds tables; a backup is restored only into a new, empty "
            "database. Nothing was changed.")
    if error.code == "no_backup":
        return QCoreApplication.translate("Backup", "There is no file {0}.").format(details.get("file", ""))
    if error.code == "not_a_backup":
        return QCoreApplication.translate(
            "Backup", "{0} is not a StreetBoard backup; nothing was changed.").format(details.get("file", ""))
    if error.code == "no_file":
        return QCoreApplication.translate("Backup", "A database held only in memory cannot be backed up.")
    return QCoreApplication.translate("Backup", "The backup could not be made ({0}).").format(error.code)


register(BackupError, _backup_error)
