"""``streetboard db init-roles`` and ``streetboard db add-user``: PostgreSQL accounts per person."""

from __future__ import annotations

import argparse
import getpass
import sys

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError

from db.sync.roles import DEFAULT_PREFIX, ROLES, RolesError, add_user, init_roles
from desktop.core.messages import describe, register

EXIT_OK = 0
EXIT_USAGE = 2


def add_commands(db_sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    init = db_sub.add_parser("init-roles", parents=[common],
                             help="create the secretary/member/viewer roles and their rights (PostgreSQL; "
                                  "as the database's owner with CREATEROLE, or a superuser)")
    init.add_argument("--prefix", default=DEFAULT_PREFIX, help=argparse.SUPPRESS)
    user = db_sub.add_parser("add-user", parents=[common],
                             help="create a person's database login (PostgreSQL; as the owner with CREATEROLE)")
    user.add_argument("name", help="login name (lower-case letters, digits, _)")
    user.add_argument("--role", required=True, choices=ROLES)
    user.add_argument("--unit", type=int, metavar="UNIT_ID", help="the member's unit (resident_unit id)")
    user.add_argument("--display-name", default="", help="the name shown in the app")
    user.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    user.add_argument("--prefix", default=DEFAULT_PREFIX, help=argparse.SUPPRESS)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _roles_error(error: RolesError) -> str:
    if error.reason == "not_postgres":
        return QCoreApplication.translate(
            "RolesCli", "Database roles exist only on PostgreSQL; on a SQLite file (one PC) the app checks roles itself.")
    if error.reason == "bad_name":
        return QCoreApplication.translate(
            "RolesCli", "“{0}” cannot be a login name; use lower-case letters, digits and _ only.").format(error.detail)
    if error.reason == "exists":
        return QCoreApplication.translate("RolesCli", "The login “{0}” already exists on this server.").format(error.detail)
    if error.reason == "no_roles":
        return QCoreApplication.translate(
            "RolesCli", "The StreetBoard roles do not exist yet; run “streetboard db init-roles --db …” first.")
    if error.reason == "no_unit":
        return QCoreApplication.translate(
            "RolesCli", "A member needs an existing unit: give --unit with the unit's id ({0}).").format(error.detail)
    if error.reason == "no_createrole":
        return QCoreApplication.translate(
            "RolesCli", "The login {0} lacks the CREATEROLE privilege that creating roles and logins needs, so "
            "nothing was changed; grant it with ALTER ROLE {0} CREATEROLE or run this as a superuser.").format(error.detail)
    if error.reason == "not_owner":
        return QCoreApplication.translate(
            "RolesCli", "The login {0} does not own this database and its tables, so nothing was changed; "
            "run this as the owner that ran “streetboard db upgrade”, or as a superuser.").format(error.detail)
    return QCoreApplication.translate("RolesCli", "The roles could not be set up: {0}").format(error.detail)


register(RolesError, _roles_error)


def _password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(QCoreApplication.translate("RolesCli", "Password: "))
    second = getpass.getpass(QCoreApplication.translate("RolesCli", "Password again: "))
    return first if first == second else None


def run(url: str | None, args: argparse.Namespace) -> int:
    from desktop.core.opening import open_current

    database = open_current(url)
    try:
        if args.db_command == "init-roles":
            groups = init_roles(database.engine, args.prefix)
            _say(QCoreApplication.translate("RolesCli", "Roles ready in {0}: {1}, {2}, {3}.").format(
                database.name, groups.secretary, groups.member, groups.viewer))
            return EXIT_OK
        password = _password(args.password_stdin)
        if not password:
            _say(QCoreApplication.translate("RolesCli", "The passwords were empty or did not match; nothing was changed."))
            return EXIT_USAGE
        add_user(database.engine, args.name, args.role, password, unit_id=args.unit,
                 display_name=args.display_name, prefix=args.prefix)
        _say(QCoreApplication.translate("RolesCli", "Added the login {0} as {1}.").format(args.name, args.role))
        if args.role == "secretary":  # the private key is made on the PC the secretary approves from
            _say(QCoreApplication.translate(
                "RolesCli", "To approve minutes, {0} registers a signing key once on their own PC: "
                "streetboard keys add --user {0} --db …").format(args.name))
        return EXIT_OK
    except RolesError as error:
        _say(describe(error))
        return EXIT_USAGE
    except DBAPIError as error:
        _say(QCoreApplication.translate(
            "RolesCli", "The server refused: {0} Connect as the database's owner or an administrator.").format(
            str(error.orig).strip().splitlines()[0]))
        return EXIT_USAGE
    finally:
        database.dispose()
