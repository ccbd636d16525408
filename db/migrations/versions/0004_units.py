"""units, three lists, participation scorecards, pairings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEASURES = (
    "attendance", "topics", "claims", "deliveries", "resources_offered", "resources_used",
    "service_hours", "overdue_resolutions",
)
# The first release's scheme, frozen here as data; the secretary edits later years' weights.
BASELINE_YEAR = 2000
BASELINE_WEIGHTS = {
    "attendance": 2.0, "topics": 3.0, "claims": 5.0, "deliveries": 10.0, "resources_offered": 2.0,
    "resources_used": 3.0, "service_hours": 0.1, "overdue_resolutions": -5.0,
}


def upgrade() -> None:
    measure_check = "measure IN ({})".format(", ".join(f"'{m}'" for m in MEASURES))
    op.create_table(
        "score_scheme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("effective_year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=50), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_scheme")),
        sa.UniqueConstraint("effective_year", name=op.f("uq_score_scheme_effective_year")),
    )
    op.create_table(
        "score_weight",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=30), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.CheckConstraint(measure_check, name=op.f("ck_score_weight_measure")),
        sa.ForeignKeyConstraint(["scheme_id"], ["score_scheme.id"], name=op.f("fk_score_weight_scheme_id_score_scheme"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_weight")),
        sa.UniqueConstraint("scheme_id", "measure", name=op.f("uq_score_weight_scheme_id_measure")),
    )
    with op.batch_alter_table("score_weight", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_weight_scheme_id"), ["scheme_id"], unique=False)

    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.create_index("ix_service_record_served_on", ["served_on", "member_id", "hours"], unique=False)

    schemes = sa.table(
        "score_scheme",
        sa.column("id", sa.Integer), sa.column("effective_year", sa.Integer), sa.column("name", sa.String),
        sa.column("note", sa.Text), sa.column("updated_by", sa.String), sa.column("version", sa.Integer),
    )
    weights = sa.table(
        "score_weight",
        sa.column("scheme_id", sa.Integer), sa.column("measure", sa.String), sa.column("weight", sa.Float),
    )
    op.bulk_insert(schemes, [{"id": 1, "effective_year": BASELINE_YEAR, "name": "默认评分方案", "note": "",
                              "updated_by": "", "version": 1}])
    op.bulk_insert(weights, [{"scheme_id": 1, "measure": m, "weight": w} for m, w in BASELINE_WEIGHTS.items()])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('score_scheme', 'id'), 1)")


def downgrade() -> None:
    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.drop_index("ix_service_record_served_on")
    with op.batch_alter_table("score_weight", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_weight_scheme_id"))
    op.drop_table("score_weight")
    op.drop_table("score_scheme")
