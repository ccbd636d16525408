"""street set-up - grid workers full-time or not, committee members who left

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

* ``grid_worker.full_time``: the 综合网格员 is full-time (专职) or not (兼职); existing rows full-time.
* ``committee_member.left_on``: a member who left the committee during the term (the row stays:
  attendance of past meetings names it).

The street's administrative code (``street_office.code``) and the grid codes (street code +
community number + grid number) use the columns of 0001.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.migrations.support import install_triggers

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("grid_worker") as batch:
        batch.add_column(sa.Column("full_time", sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table("committee_member") as batch:
        batch.add_column(sa.Column("left_on", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":  # a batch that recreated a table dropped its triggers
        install_triggers(op.get_bind(), ["grid_worker", "committee_member"])


def downgrade() -> None:
    with op.batch_alter_table("committee_member") as batch:
        batch.drop_column("left_on")
    with op.batch_alter_table("grid_worker") as batch:
        batch.drop_column("full_time")
    if op.get_bind().dialect.name == "sqlite":
        install_triggers(op.get_bind(), ["grid_worker", "committee_member"])
