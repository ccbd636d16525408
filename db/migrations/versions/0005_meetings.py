"""meetings - agenda, sign-in, meeting room, projector

Adds: quorum rules and per-kind meeting defaults (data, seeded: more than half of the term's
members for every kind), when each agenda item was on screen, and the live meeting-room state
(which item the chair has on screen).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("plenary", "regular", "topical", "joint", "community")
KIND_MINUTES = {"plenary": 120, "regular": 90, "topical": 60, "joint": 120, "community": 90}


def _versioned() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    quorum_rule = op.create_table(
        "quorum_rule",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("numerator", sa.Integer(), nullable=False),
        sa.Column("denominator", sa.Integer(), nullable=False),
        sa.Column("strict", sa.Boolean(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        *_versioned(),
        sa.CheckConstraint("numerator >= 0 AND denominator > 0", name=op.f("ck_quorum_rule_fraction")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_quorum_rule")),
    )
    kind_default = op.create_table(
        "meeting_kind_default",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("quorum_rule", sa.String(length=20), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        *_versioned(),
        sa.CheckConstraint("kind IN ('plenary', 'regular', 'topical', 'joint', 'community')",
                           name=op.f("ck_meeting_kind_default_kind")),
        sa.ForeignKeyConstraint(["quorum_rule"], ["quorum_rule.code"],
                                name=op.f("fk_meeting_kind_default_quorum_rule_quorum_rule")),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_meeting_kind_default")),
    )
    op.create_table(
        "meeting_room_state",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("current_item_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["current_item_id"], ["agenda_item.id"], ondelete="SET NULL",
                                name=op.f("fk_meeting_room_state_current_item_id_agenda_item")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE",
                                name=op.f("fk_meeting_room_state_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_meeting_room_state")),
    )
    with op.batch_alter_table("agenda_item") as batch:
        batch.add_column(sa.Column("started_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("ended_at", sa.DateTime(), nullable=True))

    op.bulk_insert(quorum_rule, [
        {"code": "majority", "numerator": 1, "denominator": 2, "strict": True, "version": 1,
         "description": "more than half of the term's members present"},
        {"code": "two_thirds", "numerator": 2, "denominator": 3, "strict": False, "version": 1,
         "description": "at least two thirds of the term's members present"},
    ])
    op.bulk_insert(kind_default, [
        {"kind": k, "quorum_rule": "majority", "planned_minutes": KIND_MINUTES[k], "version": 1} for k in KINDS
    ])


def downgrade() -> None:
    with op.batch_alter_table("agenda_item") as batch:
        batch.drop_column("ended_at")
        batch.drop_column("started_at")
    op.drop_table("meeting_room_state")
    op.drop_table("meeting_kind_default")
    op.drop_table("quorum_rule")
