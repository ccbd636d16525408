"""``streetboard verify`` and ``streetboard export minutes|ledger`` (wired into desktop/cli.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

EXIT_OK = 0
EXIT_PROBLEM = 2


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub.add_parser("verify", parents=[common], help="check approved minutes against their hash chain")
    export = sub.add_parser("export", help="write minutes (DOCX/PDF) or the resolution ledger (xlsx)")
    what = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    minutes = what.add_parser("minutes", parents=[common], help="a meeting's minutes in the official format")
    minutes.add_argument("meeting_id", type=int, metavar="ID", help="the meeting's number")
    target = minutes.add_mutually_exclusive_group(required=True)
    target.add_argument("--docx", type=Path, metavar="OUT.docx")
    target.add_argument("--pdf", type=Path, metavar="OUT.pdf")
    ledger = what.add_parser("ledger", parents=[common], help="resolutions and tasks (台账)")
    ledger.add_argument("--xlsx", type=Path, required=True, metavar="OUT.xlsx")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def run(url: str | None, args: argparse.Namespace) -> int:
    from desktop.core.opening import open_current

    database = open_current(url)
    try:
        if args.command == "verify":
            return _verify(database)
        if args.export_kind == "minutes":
            return _export_minutes(database, args.meeting_id, args.docx, args.pdf)
        return _export_ledger(database, args.xlsx)
    finally:
        database.dispose()


def _verify(database) -> int:  # noqa: ANN001 - db.engine.Database
    from db.meetings.minutes import verify
    from desktop.meetings.minutes_texts import describe_problem

    with database.session() as session:
        report = verify(session)
    if report.ok:
        print(QCoreApplication.translate("MinutesCli", "OK: {0} approved minutes revisions checked; the chain is intact.")
              .format(report.checked))
        return EXIT_OK
    for problem in report.problems:
        print(describe_problem(problem))
    return EXIT_PROBLEM


def _export_minutes(database, meeting_id: int, docx: Path | None, pdf: Path | None) -> int:  # noqa: ANN001
    from db.core.versioning import RecordGone
    from db.meetings.minutes import MinutesError, minutes_record
    from desktop.meetings.minutes_texts import describe_error

    out = docx or pdf
    assert out is not None
    try:
        with database.session() as session:
            record = minutes_record(session, meeting_id)
        if docx is not None:
            from db.meetings.minutes_docx import write_docx

            write_docx(record, docx)
        else:
            from desktop.meetings.minutes_pdf import write_pdf

            write_pdf(record, pdf)
    except (MinutesError, RecordGone, OSError) as error:
        _say(describe_error(error))
        return EXIT_PROBLEM
    _say(QCoreApplication.translate("MinutesCli", "Wrote {0}.").format(out))
    return EXIT_OK


def _export_ledger(database, out: Path) -> int:  # noqa: ANN001
    from db.resolutions.export import write_ledger_xlsx
    from db.resolutions.ledger import ledger
    from desktop.meetings.minutes_texts import describe_error

    today = dt.date.today()
    with database.session() as session:
        rows = ledger(session, today)
    try:
        write_ledger_xlsx(rows, out, today)
    except OSError as error:
        _say(describe_error(error))
        return EXIT_PROBLEM
    _say(QCoreApplication.translate("MinutesCli", "Wrote {0}: {1} resolutions and tasks.").format(out, len(rows)))
    return EXIT_OK
