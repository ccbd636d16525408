"""``streetboard verify [--document FILE.docx]``, ``streetboard keys add|show`` and
``streetboard export minutes|ledger`` (wired into desktop/cli/__init__.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

EXIT_OK = 0
EXIT_PROBLEM = 2


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    verify = sub.add_parser("verify", parents=[common],
                            help="check approved minutes against their hash chain, signatures and records")
    verify.add_argument("--document", type=Path, metavar="FILE.docx",
                        help="check a printed or mailed DOCX copy of approved minutes against the database")
    keys = sub.add_parser("keys", help="the approvers' signing keys (private key in this PC's keyring)")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    add = keys_sub.add_parser("add", parents=[common],
                              help="make a signing key on this PC (if none) and register it in the database")
    add.add_argument("--user", required=True, help="the approver's user name (as the app signs in)")
    show = keys_sub.add_parser("show", parents=[common], help="print the registered keys and their fingerprints")
    show.add_argument("--user", help="only this person's keys")
    export = sub.add_parser("export", help="write a meeting's notice, sign-in sheet or minutes (PDF/DOCX) or the "
                            "resolution ledger (xlsx/PDF)")
    what = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    for kind, text in (("notice", "a meeting's notice (会议通知) to the members of its body"),
                       ("signin", "a meeting's sign-in sheet (签到表) with a column to sign"),
                       ("minutes", "a meeting's minutes in the official format")):
        document = what.add_parser(kind, parents=[common], help=text)
        document.add_argument("meeting_id", type=int, metavar="ID", help="the meeting's number")
        target = document.add_mutually_exclusive_group(required=True)
        target.add_argument("--docx", type=Path, metavar="OUT.docx")
        target.add_argument("--pdf", type=Path, metavar="OUT.pdf")
    ledger = what.add_parser("ledger", parents=[common], help="resolutions and tasks (台账)")
    ledger_target = ledger.add_mutually_exclusive_group(required=True)
    ledger_target.add_argument("--xlsx", type=Path, metavar="OUT.xlsx")
    ledger_target.add_argument("--pdf", type=Path, metavar="OUT.pdf")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def run(url: str | None, args: argparse.Namespace) -> int:
    from desktop.core.opening import open_current

    database = open_current(url)
    try:
        if args.command == "verify":
            return _verify_document(database, args.document) if args.document else _verify(database)
        if args.command == "keys":
            return _keys(database, args.keys_command, args.user)
        if args.export_kind == "minutes":
            return _export_minutes(database, args.meeting_id, args.docx, args.pdf)
        if args.export_kind in ("notice", "signin"):
            return _export_paper(database, args.export_kind, args.meeting_id, args.docx, args.pdf)
        return _export_ledger(database, args.xlsx, args.pdf)
    finally:
        database.dispose()


def _verify(database) -> int:  # noqa: ANN001 - db.core.engine.Database
    from db.meetings.minutes import verify
    from desktop.meetings.minutes_texts import describe_problem

    with database.session() as session:
        report = verify(session)
    if report.ok:
        print(QCoreApplication.translate(
            "MinutesCli", "OK: {0} approved minutes revisions checked, {1} of them signed; the chain is intact.")
              .format(report.checked, report.signed))
        return EXIT_OK
    for problem in report.problems:
        print(describe_problem(problem))
    return EXIT_PROBLEM


def _verify_document(database, path: Path) -> int:  # noqa: ANN001 - db.core.engine.Database
    from db.meetings.minutes_docx import check_document
    from desktop.core.formatting import format_date

    with database.session() as session:
        check = check_document(session, path)
    date = format_date(check.meeting_date) if check.meeting_date else ""
    if check.verdict == "match":
        print(QCoreApplication.translate(
            "MinutesCli", "{0} matches the approved minutes of “{1}” ({2}), revision {3}, in the database.")
              .format(path.name, check.meeting_title, date, check.revision))
        return EXIT_OK
    if check.verdict == "mismatch":
        text = QCoreApplication.translate(
            "MinutesCli", "{0} does not match: its text differs from the approved minutes of “{1}” ({2}), "
            "revision {3}, that its hash line names.")
    elif check.verdict == "database_changed":
        text = QCoreApplication.translate(
            "MinutesCli", "{0} names the minutes of “{1}” ({2}), revision {3}, but the database's record of them "
            "no longer verifies; run “streetboard verify”.")
    elif check.verdict == "unreadable":
        text = QCoreApplication.translate("MinutesCli", "{0} is not a DOCX file StreetBoard can read.")
    else:
        text = QCoreApplication.translate(
            "MinutesCli", "{0} is not a copy of approved minutes in this database: it has no hash line, or one "
            "no approved revision has.")
    _say(text.format(path.name, check.meeting_title, date, check.revision))
    return EXIT_PROBLEM


def _keys(database, action: str, user: str | None) -> int:  # noqa: ANN001 - db.core.engine.Database
    import getpass

    from db.core.signing import SigningError
    from db.meetings import signatures

    try:
        if action == "add":
            assert user is not None
            with database.session.begin() as session:
                session.info["actor"] = getpass.getuser()
                key = signatures.register_key(session, user)
            print(QCoreApplication.translate(
                "MinutesCli", "The signing key of {0} is on this PC and registered: fingerprint {1}.")
                  .format(key.username, key.short))
            print(key.fingerprint)
            return EXIT_OK
        with database.session() as session:
            found = signatures.keys(session, user)
    except SigningError:
        _say(QCoreApplication.translate(
            "MinutesCli", "This PC has no usable keyring to keep a signing key in; set up the desktop's keyring "
            "(or approve from a PC that has one)."))
        return EXIT_PROBLEM
    if not found:
        _say(QCoreApplication.translate("MinutesCli", "No signing keys are registered yet; add one with "
                                        "“streetboard keys add --user NAME”."))
        return EXIT_PROBLEM
    for key in found:
        where = (QCoreApplication.translate("MinutesCli", "on this PC") if key.on_this_pc
                 else QCoreApplication.translate("MinutesCli", "not on this PC"))
        print(f"{key.username}\t{key.short}\t{where}\t{key.fingerprint}")
    return EXIT_OK


def _export_minutes(database, meeting_id: int, docx: Path | None, pdf: Path | None) -> int:  # noqa: ANN001
    from db.core.versioning import RecordGone
    from db.meetings.minutes import MinutesError, minutes_record
    from db.meetings.minutes_docx import masthead
    from desktop.core.messages import describe

    out = docx or pdf
    assert out is not None
    try:
        with database.session() as session:
            record = minutes_record(session, meeting_id)
            head = masthead(session, meeting_id)
        if docx is not None:
            from db.meetings.minutes_docx import write_docx

            write_docx(record, docx, head)
        else:
            from desktop.meetings.minutes_pdf import write_pdf

            write_pdf(record, pdf, head)
    except (MinutesError, RecordGone, OSError) as error:
        _say(describe(error))
        return EXIT_PROBLEM
    _say(QCoreApplication.translate("MinutesCli", "Wrote {0}.").format(out))
    return EXIT_OK


def _export_paper(database, kind: str, meeting_id: int, docx: Path | None, pdf: Path | None) -> int:  # noqa: ANN001
    from db.meetings.agenda import MeetingError
    from db.meetings.documents import meeting_paper
    from desktop.core.messages import describe
    from desktop.meetings.notice import write_paper

    out = docx or pdf
    assert out is not None
    try:
        with database.session() as session:
            paper = meeting_paper(session, meeting_id)
        write_paper(kind, "docx" if docx is not None else "pdf", paper, out)
    except MeetingError:
        _say(QCoreApplication.translate("MinutesCli", "There is no meeting {0}; “streetboard snapshot meetings” "
                                        "shows the meetings and their numbers.").format(meeting_id))
        return EXIT_PROBLEM
    except OSError as error:
        _say(describe(error))
        return EXIT_PROBLEM
    _say(QCoreApplication.translate("MinutesCli", "Wrote {0}.").format(out))
    return EXIT_OK


def _export_ledger(database, xlsx: Path | None, pdf: Path | None) -> int:  # noqa: ANN001
    from db.core import clock
    from db.resolutions.export import ledger_paper, write_ledger_xlsx
    from db.resolutions.ledger import ledger
    from desktop.core.messages import describe

    today = clock.today()
    with database.session() as session:
        rows = ledger(session, today)
    out = xlsx or pdf
    assert out is not None
    try:
        if xlsx is not None:
            write_ledger_xlsx(rows, xlsx, today)
        else:
            from desktop.core.pdf import write_paper_pdf

            write_paper_pdf(ledger_paper(rows, today), pdf)
    except OSError as error:
        _say(describe(error))
        return EXIT_PROBLEM
    _say(QCoreApplication.translate("MinutesCli", "Wrote {0}: {1} resolutions and tasks.").format(out, len(rows)))
    return EXIT_OK
