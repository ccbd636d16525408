"""``streetboard server setup``: a PostgreSQL server made ready for a street office (see db.sync.server)."""

from __future__ import annotations

import argparse
import getpass
import sys

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError

from db.core.engine import DatabaseOpenError
from db.sync.roles import RolesError
from db.sync.server import ServerSetupError, setup_server
from desktop.cli import roles  # noqa: F401 - registers the sentences of the roles
from desktop.core import messages

EXIT_OK = 0
EXIT_USAGE = 2


def add_commands(sub: argparse._SubParsersAction) -> None:
    server = sub.add_parser("server", help="set up a PostgreSQL server for the office")
    server_sub = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    setup = server_sub.add_parser(
        "setup", help="create the database, its owner, the schema, the roles and the first secretary (idempotent)")
    setup.add_argument("--admin-url", required=True, metavar="URL",
                       help="an administrator's connection, e.g. postgresql://postgres@HOST/postgres "
                            "(a superuser, or a login with CREATEDB and CREATEROLE)")
    setup.add_argument("--database", default="streetboard", help="the office's database (default streetboard)")
    setup.add_argument("--owner", default="streetboard_owner", help="the database's owner login")
    setup.add_argument("--secretary", required=True, help="the first secretary's login name")
    setup.add_argument("--secretary-name", default="", help="the name shown in the app")
    setup.add_argument("--password-stdin", action="store_true",
                       help="read the owner's, then the secretary's password from standard input, one per line")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _ask(label: str) -> str | None:
    first = getpass.getpass(label)
    second = getpass.getpass(QCoreApplication.translate("ServerCli", "Again: "))
    return first if first and first == second else None


def describe(error: ServerSetupError) -> str:
    if error.reason == "missing_privileges":
        return QCoreApplication.translate(
            "ServerCli", "This administrator login lacks {0}, so nothing was created; connect as the server's "
            "superuser (postgres) or grant it with ALTER ROLE … {0}.").format(error.detail)
    if error.reason == "no_password":
        return QCoreApplication.translate(
            "ServerCli", "The login {0} must be created and needs a password; nothing more was done.").format(error.detail)
    if error.reason == "bad_name":
        return QCoreApplication.translate(
            "ServerCli", "“{0}” cannot be a database or login name; use lower-case letters, digits and _ only."
        ).format(error.detail)
    return QCoreApplication.translate("ServerCli", "The server set-up works only with PostgreSQL.")


def _steps(steps: list[str]) -> str:
    names = {
        "owner": QCoreApplication.translate("ServerCli", "the owner"),
        "database": QCoreApplication.translate("ServerCli", "the database"),
        "schema": QCoreApplication.translate("ServerCli", "the schema"),
        "roles": QCoreApplication.translate("ServerCli", "the roles"),
        "secretary": QCoreApplication.translate("ServerCli", "the secretary's login"),
    }
    return "、".join(names[s] for s in steps) or "—"


def run(args: argparse.Namespace) -> int:
    if args.password_stdin:
        owner_password = sys.stdin.readline().rstrip("\n") or None
        secretary_password = sys.stdin.readline().rstrip("\n") or None
    else:
        owner_password = _ask(QCoreApplication.translate("ServerCli", "Password for the owner {0} (if it is new): ")
                              .format(args.owner))
        secretary_password = _ask(QCoreApplication.translate(
            "ServerCli", "Password for the secretary {0} (if it is new): ").format(args.secretary))
    try:
        done = setup_server(args.admin_url, database=args.database, owner=args.owner, owner_password=owner_password,
                            secretary=args.secretary, secretary_password=secretary_password,
                            secretary_name=args.secretary_name)
    except ServerSetupError as error:
        _say(describe(error))
        return EXIT_USAGE
    except RolesError as error:
        _say(messages.describe(error))
        return EXIT_USAGE
    except DatabaseOpenError as error:
        _say(messages.describe(error))
        return EXIT_USAGE
    except DBAPIError as error:
        _say(QCoreApplication.translate("ServerCli", "The server refused: {0}").format(
            str(error.orig).strip().splitlines()[0]))
        return EXIT_USAGE
    _say(QCoreApplication.translate(
        "ServerCli", "The office database {0} is ready: owner {1}, secretary {2}. Created now: {3}; already there: {4}. "
        "Each PC opens postgresql://LOGIN@SERVER/{0}.").format(
        done.database, done.owner, done.secretary, _steps(done.created), _steps(done.present)))
    return EXIT_OK
