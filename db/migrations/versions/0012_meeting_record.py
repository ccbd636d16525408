"""meeting record: reopening, items without minutes, votes, and one rule for resolution and task

* ``meeting.reopen_reason``: why a closed meeting was reopened before approval (the audit trail
  keeps every change of it); ``agenda_item.no_record``: the item is marked 无记录 (no minutes).
* ``resolution.votes_for/against/abstain``: the 表决 (NULL: not put to a vote).
* ``agenda_item_case.public_title``: what the projector calls a linked case (the chair's words).
* ``resolution_case.counted``: the case was open when linked. One rule moves a resolution and its
  tasks when its counted linked cases close or reopen: the tasks' progress is the share of them
  closed (all closed: done, the resolution 待核查; one reopened: back in progress). A case already
  closed when linked does not make a new resolution ready to verify. The rule replaces the one of
  0006 (triggers on ``grid_case`` state changes and on ``resolution_case`` links).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DONE = "('CLOSED', 'EVALUATED')"
OPEN = "('REPORTED', 'FILED', 'DISPATCHED', 'IN_PROGRESS', 'ON_HOLD', 'FEEDBACK')"
LINKED_TO_CASE = "id IN (SELECT resolution_id FROM resolution_case WHERE case_id = NEW.id)"


_ALL = "('CLOSED', 'EVALUATED', 'REPORTED', 'FILED', 'DISPATCHED', 'IN_PROGRESS', 'ON_HOLD', 'FEEDBACK')"


def _counts(rid: str) -> tuple[str, str]:
    """(counted links, counted links closed) of resolution ``rid``; cases neither open nor closed
    (rejected) do not count."""
    linked = (f"FROM resolution_case rc JOIN grid_case g ON g.id = rc.case_id "
              f"WHERE rc.resolution_id = {rid} AND rc.counted")
    return f"(SELECT COUNT(*) {linked} AND g.state IN {_ALL})", f"(SELECT COUNT(*) {linked} AND g.state IN {DONE})"


def _rule(scope: str, today: str) -> list[str]:
    """The one rule: the resolutions in ``scope`` and their tasks follow their counted linked cases."""
    n, c = _counts("task.resolution_id")
    task = f"""
    UPDATE task SET progress_pct = 100 * {c} / {n},
      status = CASE WHEN {c} = {n} THEN 'done' WHEN {c} > 0 OR status = 'done' THEN 'in_progress' ELSE status END,
      done_on = CASE WHEN {c} = {n} THEN COALESCE(done_on, {today}) ELSE NULL END,
      version = version + 1, updated_at = CURRENT_TIMESTAMP
    WHERE status <> 'cancelled' AND {n} > 0
      AND resolution_id IN (SELECT id FROM resolution WHERE {scope}
                            AND status IN ('open', 'in_progress', 'ready_to_verify'))
      AND (progress_pct <> 100 * {c} / {n} OR ({c} = {n}) <> (status = 'done'))"""
    n, c = _counts("resolution.id")
    resolution = f"""
    UPDATE resolution SET
      status = CASE WHEN {c} = {n} THEN 'ready_to_verify' WHEN {c} > 0 OR status = 'ready_to_verify'
               THEN 'in_progress' ELSE status END,
      completed_on = CASE WHEN {c} = {n} THEN COALESCE(completed_on, {today}) ELSE NULL END,
      version = version + 1, updated_at = CURRENT_TIMESTAMP
    WHERE {scope} AND status IN ('open', 'in_progress', 'ready_to_verify') AND {n} > 0
      AND (({c} = {n}) <> (status = 'ready_to_verify') OR (status = 'open' AND {c} > 0))"""
    return [task, resolution]


def _sqlite(scope: str) -> str:
    return "; ".join(_rule(scope, "date('now', 'localtime')")) + ";"


SQLITE_UP = [
    f"""CREATE TRIGGER resolution_follows_case AFTER UPDATE OF state ON grid_case
    WHEN (NEW.state IN {DONE}) <> (OLD.state IN {DONE})
    BEGIN {_sqlite(LINKED_TO_CASE)} END""",
    f"""CREATE TRIGGER resolution_follows_link_added AFTER INSERT ON resolution_case
    BEGIN {_sqlite("id = NEW.resolution_id")} END""",
    f"""CREATE TRIGGER resolution_follows_link_removed AFTER DELETE ON resolution_case
    BEGIN {_sqlite("id = OLD.resolution_id")} END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS resolution_follows_link_removed",
    "DROP TRIGGER IF EXISTS resolution_follows_link_added",
    "DROP TRIGGER IF EXISTS resolution_follows_case",
]
PG_RULE = f"""CREATE OR REPLACE FUNCTION resolution_sync_ready(rid integer) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      {"; ".join(_rule("id = rid", "CURRENT_DATE"))};
    END $$"""

# ---- 0006's rule, frozen, for the downgrade
_OLD_DROP_SQLITE = ["DROP TRIGGER IF EXISTS resolution_ready_link_removed",
                    "DROP TRIGGER IF EXISTS resolution_ready_link_added",
                    "DROP TRIGGER IF EXISTS resolution_ready_case_reopened",
                    "DROP TRIGGER IF EXISTS resolution_ready_case_done"]


def _old_forward(scope: str) -> str:
    return f"""
    UPDATE resolution SET status = 'ready_to_verify', version = version + 1, updated_at = CURRENT_TIMESTAMP
    WHERE {scope} AND status IN ('open', 'in_progress')
      AND EXISTS (SELECT 1 FROM resolution_case rc JOIN grid_case g ON g.id = rc.case_id
                  WHERE rc.resolution_id = resolution.id AND g.state IN {DONE})
      AND NOT EXISTS (SELECT 1 FROM resolution_case rc JOIN grid_case g ON g.id = rc.case_id
                      WHERE rc.resolution_id = resolution.id AND g.state IN {OPEN})"""


def _old_backward(scope: str) -> str:
    return f"""
    UPDATE resolution SET status = 'in_progress', version = version + 1, updated_at = CURRENT_TIMESTAMP
    WHERE {scope} AND status = 'ready_to_verify'
      AND EXISTS (SELECT 1 FROM resolution_case rc JOIN grid_case g ON g.id = rc.case_id
                  WHERE rc.resolution_id = resolution.id AND g.state IN {OPEN})"""


OLD_SQLITE = [
    f"""CREATE TRIGGER resolution_ready_case_done AFTER UPDATE OF state ON grid_case
    WHEN NEW.state IN {DONE} AND OLD.state NOT IN {DONE}
    BEGIN
    {_old_forward(LINKED_TO_CASE)};
    END""",
    f"""CREATE TRIGGER resolution_ready_case_reopened AFTER UPDATE OF state ON grid_case
    WHEN NEW.state IN {OPEN} AND OLD.state IN {DONE}
    BEGIN
    {_old_backward(LINKED_TO_CASE)};
    END""",
    f"""CREATE TRIGGER resolution_ready_link_added AFTER INSERT ON resolution_case
    BEGIN {_old_forward("id = NEW.resolution_id")}; {_old_backward("id = NEW.resolution_id")}; END""",
    f"""CREATE TRIGGER resolution_ready_link_removed AFTER DELETE ON resolution_case
    BEGIN {_old_forward("id = OLD.resolution_id")}; END""",
]
OLD_PG_RULE = f"""CREATE OR REPLACE FUNCTION resolution_sync_ready(rid integer) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      {_old_forward("id = rid")};
      {_old_backward("id = rid")};
    END $$"""


def upgrade() -> None:
    op.add_column("meeting", sa.Column("reopen_reason", sa.String(length=500), server_default="", nullable=False))
    op.add_column("agenda_item", sa.Column("no_record", sa.Boolean(), server_default=sa.false(), nullable=False))
    for column in ("votes_for", "votes_against", "votes_abstain"):
        op.add_column("resolution", sa.Column(column, sa.Integer(), nullable=True))
    op.add_column("resolution_case", sa.Column("counted", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column("agenda_item_case", sa.Column("public_title", sa.String(length=200), server_default="",
                                                nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_RULE)
    else:
        for statement in (*_OLD_DROP_SQLITE, *SQLITE_UP):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(OLD_PG_RULE)
    else:
        for statement in SQLITE_DOWN:
            op.execute(statement)
    op.drop_column("agenda_item_case", "public_title")
    op.drop_column("resolution_case", "counted")
    for column in ("votes_abstain", "votes_against", "votes_for"):
        op.drop_column("resolution", column)
    op.drop_column("agenda_item", "no_record")
    op.drop_column("meeting", "reopen_reason")
    if op.get_bind().dialect.name != "postgresql":
        for statement in OLD_SQLITE:
            op.execute(statement)
