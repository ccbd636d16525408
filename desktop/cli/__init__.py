"""The ``streetboard`` command: open the app, or run one of its commands.

Every failure a user can cause (a bad ``--db``, a dead server, a file that is not a database,
a schema from a newer version) ends in one translated sentence on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from db.core.engine import ENV_VAR, DatabaseOpenError
from desktop.cli import minutes as minutes_cli

EXIT_OK = 0
EXIT_USAGE = 2
#: ``streetboard import KIND``: kind → (help, "module:SPEC" of its db.imports record spec)
IMPORT_KINDS: dict[str, tuple[str, str]] = {
    "cases": ("grid cases: StreetBoard template, 12345 hotline / message board, NYC or Baltimore 311",
              "db.cases.importing:CASE_SPEC"),
    "units": ("resident units (驻区单位): the roster, member units, liaisons", "db.units.importing:UNIT_SPEC"),
    "pairings": ("四联四定 agreement items of city-level units and communities", "db.pairings.importing:PAIRING_SPEC"),
    "dual": ("双报到: serving party members reporting to their community, and their service records",
             "db.units.dual_import:DUAL_SPEC"),
}


def app_version() -> str:
    """The installed package's version (the bundle and the .deb carry the same)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("streetboard")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    db_help = f"database: a SQLite file path or an SQLAlchemy URL (default: ${ENV_VAR}, else a file in the user data dir)"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="URL", help=db_help)

    parser = argparse.ArgumentParser(
        prog="streetboard", description="StreetBoard — 街道大工委议事看板", parents=[common]
    )
    parser.add_argument("--demo", action="store_true", help="open a throwaway copy of a demo street")
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    db_cmd = sub.add_parser("db", help="database maintenance")
    db_sub = db_cmd.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", parents=[common], help="create or migrate the schema")
    from desktop.cli import roles as roles_cli

    roles_cli.add_commands(db_sub, common)

    demo = sub.add_parser("demo", parents=[common], help="fill an empty database with a demo street")
    demo.add_argument("--cases", type=int, default=30_000, help="how many grid cases (default 30000)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same street)")

    snap = sub.add_parser("snapshot", parents=[common], help="render a view to a PNG")
    snap.add_argument("view", help="overview, cases, units, pairings, meetings, resolutions, meeting:ID, presenter:ID")
    snap.add_argument("--out", required=True, type=Path, help="PNG file to write")
    snap.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (default 1920x1080)")
    minutes_cli.add_commands(sub, common)
    from desktop.cli import server as server_cli

    server_cli.add_commands(sub)
    from desktop.cli import setup as setup_cli

    setup_cli.add_commands(sub, common)
    from desktop.cli import backup as backup_cli

    backup_cli.add_commands(sub, common)

    imp = sub.add_parser("import", help="import records from a spreadsheet or CSV file")
    imp_sub = imp.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    for kind, (help_text, _spec) in IMPORT_KINDS.items():
        cmd = imp_sub.add_parser(kind, parents=[common], help=help_text)
        cmd.add_argument("file", type=Path, help="the .xlsx, .xls or .csv file")
        cmd.add_argument("--profile", help="mapping profile (default: detected from the column headers)")
        cmd.add_argument("--report", type=Path, metavar="OUT.xlsx", help="write every rejected row to this xlsx")
        cmd.add_argument("--accept-valid", action="store_true",
                         help="import the valid rows even if others are rejected (default: all or nothing)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = getattr(args, "db", None)
    if args.command is None:
        from desktop.app.gui import run_gui

        return run_gui(url, demo=args.demo)

    if args.command in ("snapshot", "export"):
        from desktop.app.app import create_application, quiet_offscreen_warnings

        quiet_offscreen_warnings()
        create_application(offscreen=True)
    else:
        from desktop.app.app import install_translators

        app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
        install_translators(app)
    try:
        if args.command == "db" and args.db_command != "upgrade":
            from desktop.cli import roles as roles_cli

            return roles_cli.run(url, args)
        if args.command == "db":
            return _db_upgrade(url)
        if args.command == "demo":
            return _demo(url, args.cases, args.seed)
        if args.command == "snapshot":
            return _snapshot(url, args.view, args.out, args.size)
        if args.command in ("verify", "export", "keys"):
            return minutes_cli.run(url, args)
        if args.command == "server":
            from desktop.cli import server as server_cli

            return server_cli.run(args)
        if args.command == "import":
            return _import(url, args)
        if args.command == "setup":
            from desktop.cli import setup as setup_cli

            return setup_cli.run(url, args)
        if args.command in ("backup", "restore"):
            from desktop.cli import backup as backup_cli

            return backup_cli.run(url, args)
    except DatabaseOpenError as error:
        from desktop.core.messages import describe

        return _fail(describe(error))
    return EXIT_USAGE


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _db_upgrade(url: str | None) -> int:
    from db.core import migrate
    from desktop.core.opening import connect, schema_state

    database = connect(url)
    try:
        status = schema_state(database)
        if status.state == "current":
            _say(QCoreApplication.translate("Cli", "The database {0} is already up to date.").format(database.name))
            return EXIT_OK
        migrate.upgrade(database.engine)
        _say(QCoreApplication.translate("Cli", "Upgraded the database {0} to schema {1}.").format(database.name, migrate.head_revision()))
        return EXIT_OK
    finally:
        database.dispose()


def _demo(url: str | None, cases: int, seed: int) -> int:
    from db.core import migrate
    from db.demo import generate_demo
    from desktop.core.opening import connect, schema_state

    if cases < 0:
        return _fail(QCoreApplication.translate("Cli", "The number of cases cannot be negative."))
    database = connect(url)
    try:
        if schema_state(database).state != "current":
            migrate.upgrade(database.engine)
        last = [-1]

        def progress(stage: str, fraction: float) -> None:
            percent = int(fraction * 100)
            if percent // 10 != last[0] // 10:
                last[0] = percent
                _say(f"  {stage} {percent}%")

        try:
            summary = generate_demo(database.engine, cases=cases, seed=seed, progress=progress)
        except ValueError:
            return _fail(QCoreApplication.translate("Cli", "The database {0} already holds a street; the demo only fills an empty database.")
                         .format(database.name))
        _say(QCoreApplication.translate("Cli", "Wrote a demo street to {0}: {1} communities, {2} grids, {3} units, {4} cases, "
                "{5} meetings, in {6:.1f} s.").format(
            database.name, summary.communities, summary.grids, summary.units, summary.cases,
            summary.meetings, summary.seconds))
        return EXIT_OK
    finally:
        database.dispose()


def _snapshot(url: str | None, view: str, out: Path, size_text: str) -> int:
    from desktop.app import snapshot
    from desktop.core.dbop import DbExecutor
    from desktop.core.opening import open_current

    if not snapshot.is_view(view):
        return _fail(QCoreApplication.translate("Cli", "There is no view “{0}”; choose one of: {1}.").format(view, ", ".join(snapshot.views())))
    try:
        size = snapshot.parse_size(size_text)
    except snapshot.SnapshotError:
        return _fail(QCoreApplication.translate("Cli", "“{0}” is not a size; write it as WIDTHxHEIGHT, for example 1920x1080.").format(size_text))
    database = open_current(url)
    executor = DbExecutor(database)
    try:
        image = snapshot.render(view, executor, size)
        snapshot.save(image, out)
    except snapshot.SnapshotError as error:
        return _fail(str(error))
    except OSError:
        return _fail(QCoreApplication.translate("Cli", "Cannot write {0}; choose a folder you can write to.").format(out))
    finally:
        executor.shutdown()
        database.dispose()
    _say(QCoreApplication.translate("Cli", "Wrote {0}.").format(out))
    return EXIT_OK


def _import(url: str | None, args: argparse.Namespace) -> int:
    import getpass
    import importlib

    from db.imports import engine as importing
    from desktop.core.messages import describe
    from desktop.core.opening import open_current
    from desktop.imports import wizard as words

    module, _, name = IMPORT_KINDS[args.import_kind][1].partition(":")
    spec = getattr(importlib.import_module(module), name)
    database = open_current(url)
    try:
        with database.session.begin() as session:
            session.info["actor"] = getpass.getuser()
            result = importing.run(session, spec, args.file, profile=args.profile, accept_valid=args.accept_valid)
    except importing.ImportFileError as error:
        return _fail(describe(error))
    finally:
        database.dispose()
    _say(words.describe_result(result))
    _say(words.describe_counts(result.counts))
    for line in words.describe_notes(result.notes):
        _say(line)
    if args.report is not None:
        try:
            words.save_report(args.report, result.rejects)
        except OSError:
            return _fail(QCoreApplication.translate("Cli", "Cannot write {0}; choose a folder you can write to.").format(args.report))
    if not result.rejects:
        return EXIT_OK
    if result.written:
        where = (QCoreApplication.translate("Cli", " The report is {0}.").format(args.report) if args.report else "")
        _say(QCoreApplication.translate("Cli", "The valid rows were imported; {0} rejected rows were skipped.")
             .format(result.counts.rejected) + where)
        if args.report is None:
            _print_rejects(result.rejects)
        return EXIT_OK
    if args.report is not None:
        _say(QCoreApplication.translate(
            "Cli", "{0} rows were rejected, so nothing was imported; the report is {1}. Fix the file, or use "
            "--accept-valid to import only the valid rows.").format(result.counts.rejected, args.report))
    else:
        _say(QCoreApplication.translate(
            "Cli", "{0} rows were rejected, so nothing was imported; the first are listed below (--report OUT.xlsx "
            "writes them all). Fix the file, or use --accept-valid to import only the valid rows.")
            .format(result.counts.rejected))
        _print_rejects(result.rejects)
    return EXIT_USAGE


def _print_rejects(rejects: tuple, limit: int = 10) -> None:
    from desktop.imports.wizard import describe_reject

    for reject in rejects[:limit]:
        _say(describe_reject(reject))

