"""``streetboard setup template OUT.xlsx`` and ``streetboard setup import FILE.xlsx``: the street from a workbook."""

from __future__ import annotations

import argparse
import getpass
import sys

from PySide6.QtCore import QCoreApplication

EXIT_OK = 0
EXIT_USAGE = 2
SHOWN_REJECTS = 20


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    setup = sub.add_parser("setup", help="set up the street: communities, grids, committee, units, categories")
    setup_sub = setup.add_subparsers(dest="setup_command", metavar="ACTION", required=True)
    template = setup_sub.add_parser("template", help="write an empty set-up workbook (.xlsx) to fill in")
    template.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    imp = setup_sub.add_parser("import", parents=[common], help="check a filled set-up workbook and write it")
    imp.add_argument("file", metavar="FILE.xlsx", help="the filled set-up workbook")


def run(url: str | None, args: argparse.Namespace) -> int:
    if args.setup_command == "template":
        return _template(args.out)
    return _import(url, args.file)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _template(out: str) -> int:
    from db.street.setup import write_template

    try:
        write_template(out)
    except OSError:
        _say(QCoreApplication.translate("SetupCli", "Cannot write {0}; choose a folder you can write to.").format(out))
        return EXIT_USAGE
    _say(QCoreApplication.translate("SetupCli", "Wrote {0}: fill in its sheets, then run streetboard setup import {0}.")
         .format(out))
    return EXIT_OK


def _import(url: str | None, path: str) -> int:
    from db.imports.records import ImportFileError
    from db.street.services import SetupRejected
    from db.street.setup import import_workbook
    from desktop.core.messages import describe
    from desktop.core.opening import open_current
    from desktop.imports import wizard  # noqa: F401 - registers the import-file sentences
    from desktop.street.texts import body_label, describe_reject

    database = open_current(url)
    try:
        with database.session.begin() as session:
            session.info["actor"] = getpass.getuser()
            outcome = import_workbook(session, path)
    except ImportFileError as error:
        _say(describe(error))
        return EXIT_USAGE
    except SetupRejected as error:
        _say(QCoreApplication.translate("SetupCli", "{0} rows were rejected, so nothing was written. Fix them in the "
                                        "workbook and import it again:").format(len(error.rejects)))
        for reject in error.rejects[:SHOWN_REJECTS]:
            _say("  " + describe_reject(reject))
        if len(error.rejects) > SHOWN_REJECTS:
            _say(QCoreApplication.translate("SetupCli", "  … and {0} more.").format(len(error.rejects) - SHOWN_REJECTS))
        return EXIT_USAGE
    finally:
        database.dispose()
    for body, (imported, updated, unchanged) in outcome.counts.items():
        _say(QCoreApplication.translate("SetupCli", "{0}: {1} new, {2} changed, {3} unchanged.").format(
            body_label(body), imported, updated, unchanged))
    if not outcome.changed:
        _say(QCoreApplication.translate("SetupCli", "Nothing changed: the database already holds this workbook."))
    return EXIT_OK
