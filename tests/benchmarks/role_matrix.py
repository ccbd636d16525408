"""The raw-SQL role matrix as figures: attacks tried, refused, let in; permitted actions that work.

    .venv/bin/python -m tests.benchmarks.role_matrix

Starts its own password-authenticated PostgreSQL cluster (``tests/pg_office.py``), sets the office
up as the README says, tries every cell of ``tests/test_roles_matrix.py`` and lists any cell that
did not hold. Exit status 1 when an attack got in or a permitted action failed.
"""

from __future__ import annotations

import sys
import time

from tests import pg_office
from tests.test_roles_matrix import run_matrix


def main() -> int:
    started = time.monotonic()
    try:
        with pg_office.cluster() as c:
            tally, failures = run_matrix(c, pg_office.office(c).ids)
    except pg_office.NoServer as why:
        print(f"skipped: {why}", file=sys.stderr)
        return 2
    for problem in failures:
        print(problem)
    print(f"attacks tried {tally.attacks}, refused {tally.refused}, let in {tally.let_in}; "
          f"permitted actions {tally.permitted}, worked {tally.worked} "
          f"({time.monotonic() - started:.0f} s, scram-sha-256 logins s1 secretary, m1/m2 members, v1 viewer)")
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
