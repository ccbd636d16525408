"""many PCs - change notification, audit, roles

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

* ``change_counter`` (SQLite live refresh) and, on every table people edit, the change triggers:
  SQLite bumps the table's counter; PostgreSQL NOTIFYs ``streetboard_changes`` and writes the audit
  trail from the database itself (raw SQL included). See ``db.changes.install_triggers``; a later
  migration adding a table calls it for that table.
* Roles and row-level security are per server and per office: ``streetboard db init-roles``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.migrations.support import drop_triggers, install_triggers

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", name=op.f("pk_change_counter")),
    )
    install_triggers(op.get_bind())


def downgrade() -> None:
    drop_triggers(op.get_bind(), functions=True)
    op.drop_table("change_counter")
