"""case backlog - dashboard summaries, indexes

``case_summary`` (weekly counts at several levels) is kept current by triggers on ``grid_case``
for SQLite and PostgreSQL alike, and backfilled here from the cases already on record.
The trigger SQL and the backfill come from ``db.cases`` (one definition); a later change to
them ships as a new migration that drops, recreates and rebuilds.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.migrations.support import (
    CLOSE_DAY_BUCKETS,
    DIMENSIONS,
    OPEN_STATES_SQL,
    SUMMARY_LEVELS,
    drop_summary_trigger_ddl,
    rebuild_summaries,
    summary_trigger_ddl,
)

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    levels = op.create_table(
        "case_summary_level",
        sa.Column("level", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("by_community", sa.Boolean(), nullable=False),
        sa.Column("by_grid", sa.Boolean(), nullable=False),
        sa.Column("by_category", sa.Boolean(), nullable=False),
        sa.Column("by_unit", sa.Boolean(), nullable=False),
        sa.Column("by_source", sa.Boolean(), nullable=False),
        sa.Column("by_supervised", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("level", name=op.f("pk_case_summary_level")),
    )
    op.bulk_insert(levels, [
        {"level": level, **{f"by_{d}": d in dims for d in DIMENSIONS}} for level, dims in SUMMARY_LEVELS
    ])
    op.create_table(
        "case_summary",
        sa.Column("level", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("community_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("grid_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("category_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("handling_unit_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("supervised", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        *[sa.Column(c, sa.Integer(), nullable=False) for c in
          ("opened", "closed", "on_time", "rated", "satisfied", "returns", "extensions")],
        *[sa.Column(f"d{d:02d}", sa.Integer(), nullable=False) for d in range(CLOSE_DAY_BUCKETS)],
        sa.PrimaryKeyConstraint(
            "level", "community_id", "grid_id", "category_id", "handling_unit_id", "source", "supervised", "week",
            name=op.f("pk_case_summary"),
        ),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("grid_case", schema=None) as batch_op:
        batch_op.create_index(
            "ix_grid_case_open",
            ["state", "deadline_at", "reported_at", "community_id", "grid_id", "category_id",
             "handling_unit_id", "source", "supervised"],
            unique=False,
            sqlite_where=sa.text(OPEN_STATES_SQL),
            postgresql_where=sa.text(OPEN_STATES_SQL),
        )
    conn = op.get_bind()
    rebuild_summaries(conn)
    for ddl in summary_trigger_ddl(conn.dialect.name):
        op.execute(ddl)


def downgrade() -> None:
    for ddl in drop_summary_trigger_ddl(op.get_bind().dialect.name):
        op.execute(ddl)
    with op.batch_alter_table("grid_case", schema=None) as batch_op:
        batch_op.drop_index("ix_grid_case_open")
    op.drop_table("case_summary")
    op.drop_table("case_summary_level")
