"""Alembic environment: run with a connection handed in by ``db.core.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

import db.schema  # noqa: F401 - every table, so the metadata is complete
from db.core.base import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=False,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("StreetBoard migrations run online only: streetboard db upgrade")
run_migrations_online()
