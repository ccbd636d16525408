"""Import speed: ``.venv/bin/python -m tests.benchmarks.bench_import --db URL [--runs 5] [--file PATH]``.

Imports the 2,816-row hotline file (read + validate + write + commit, end to end) into a fresh,
migrated database per run and prints the median and every run.  ``--db`` picks the backend and
where the scratch databases go: a SQLite path (``PATH.runN`` files, removed after) or a
PostgreSQL URL (a scratch database ``<name>_bench_import`` created on that server, dropped after);
the database named in the URL itself is never touched.  Goal: ≤ 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, text

from db.cases.importing import CASE_SPEC
from db.core import migrate
from db.core.engine import Database, make_engine, resolve_url, sqlite_file
from db.imports import engine as importing
from tests.real_data import REAL

HOTLINE = REAL / "hotline_messages_with_replies_2816.xlsx"


@contextmanager
def fresh_database(url: URL, run: int) -> Iterator[Database]:
    if url.get_backend_name() == "sqlite":
        base = sqlite_file(url)
        if base is None:
            raise SystemExit("give a SQLite file path, not an in-memory database")
        path = base.with_name(f"{base.name}.run{run}")
        _remove_sqlite(path)
        database = Database(make_engine(URL.create("sqlite+pysqlite", database=str(path))))
        try:
            migrate.upgrade(database.engine)
            yield database
        finally:
            database.dispose()
            _remove_sqlite(path)
        return
    name = f"{url.database}_bench_import"
    admin = make_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    database = Database(make_engine(url.set(database=name)))
    try:
        migrate.upgrade(database.engine)
        yield database
    finally:
        database.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite path or PostgreSQL URL (see above)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file", type=Path, default=HOTLINE)
    args = parser.parse_args()
    url = resolve_url(args.db)
    seconds: list[float] = []
    for run in range(args.runs):
        with fresh_database(url, run) as database:
            started = time.perf_counter()
            with database.session.begin() as session:
                result = importing.run(session, CASE_SPEC, args.file, actor="bench")
            seconds.append(time.perf_counter() - started)
            assert result.written and result.counts.imported == result.counts.read, result.counts
    backend = url.get_backend_name()
    print(f"import {args.file.name} ({result.counts.read} rows, {backend}): "
          f"median {statistics.median(seconds):.2f} s over {len(seconds)} fresh databases "
          f"[{', '.join(f'{s:.2f}' for s in seconds)}] (goal ≤ 2 s)")


if __name__ == "__main__":
    main()
