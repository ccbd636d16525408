"""``streetboard backup --out FILE`` and ``streetboard restore FILE --db URL``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

EXIT_OK = 0
EXIT_USAGE = 2


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser("backup", parents=[common],
                         help="write a complete copy of the database (SQLite online backup, or pg_dump)")
    cmd.add_argument("--out", required=True, type=Path, metavar="FILE", help="the backup file to write")
    cmd = sub.add_parser("restore", help="load a backup into a new, empty database")
    cmd.add_argument("file", type=Path, metavar="FILE", help="a file written by streetboard backup")
    cmd.add_argument("--db", required=True, metavar="URL", help="the empty database to restore into")


def run(url: str | None, args: argparse.Namespace) -> int:
    from db.core import backup
    from desktop.core import backup_texts  # noqa: F401 - registers the backup sentences
    from desktop.core.messages import describe
    from desktop.core.opening import connect, open_current

    try:
        if args.command == "backup":
            database = open_current(url)
            try:
                result = backup.backup(database.engine, args.out)
            except OSError:
                _say(QCoreApplication.translate("BackupCli", "Cannot write {0}; choose a folder you can write to.")
                     .format(args.out))
                return EXIT_USAGE
            finally:
                database.dispose()
            _say(QCoreApplication.translate("BackupCli", "Wrote the backup of {0} to {1} ({2:,} bytes).")
                 .format(database.name, result.path, result.size))
            return EXIT_OK
        database = connect(url)  # the server and database are there and let us in
        try:
            backup.restore(database.engine, args.file)
        finally:
            database.dispose()
    except backup.BackupError as error:
        _say(describe(error))
        return EXIT_USAGE
    _say(QCoreApplication.translate("BackupCli", "Restored {0} into {1}; if the backup is from an older StreetBoard, "
                                    "run streetboard db upgrade --db … before use.").format(args.file, database.name))
    return EXIT_OK


def _say(message: str) -> None:
    print(message, file=sys.stderr)
