"""minutes approval, immutability, hash chain, resolutions tracking

* Approved minutes are sealed: triggers refuse UPDATE or DELETE of a ``minutes_revision`` whose
  ``approved_at`` is set (which also refuses un-approving it), and refuse an approved revision
  without a ``content_hash``. On PostgreSQL TRUNCATE of the table is refused too.
* Approved revisions written before this migration (without hashes) are sealed into the chain
  first, in approval order, with the same hash function the app uses.
* A resolution whose linked cases are all closed moves to ``ready_to_verify`` by itself: triggers
  on ``grid_case`` (state changes) and ``resolution_case`` (links added or removed) apply the rule
  whatever wrote the change; a linked case that reopens moves it back to ``in_progress``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSE_CHANGE = "approved minutes cannot be changed; record an amendment instead"
REFUSE_DELETE = "approved minutes cannot be deleted"
REFUSE_UNSEALED = "approved minutes need a content hash"

DONE = "('CLOSED', 'EVALUATED')"
OPEN = "('REPORTED', 'FILED', 'DISPATCHED', 'IN_PROGRESS', 'ON_HOLD', 'FEEDBACK')"


def _forward(scope: str) -> str:
    """Move the resolutions in ``scope`` to ready_to_verify when their linked cases are all closed."""
    return f"""
    UPDATE resolution SET status = 'ready_to_verify', version = version + 1, updated_at = CURRENT_TIMESTAMP
    WHERE {scope} AND status IN ('open', 'in_progress')
      AND EXISTS (SELECT 1 FROM resolution_case rc JOIN grid_case g ON g.id = rc.case_id
                  WHERE rc.resolution_id = resolution.id AND g.state IN {DONE})
      AND NOT EXISTS (SELECT 1 FROM resolution_case rc JOIN grid_case g ON g.id = rc.case_id
                      WHERE rc.resolution_id = resolution.id AND g.state IN {OPEN})"""


def _backward(scope: str) -> str:
    """Move them back to in_progress when a linked case is open again."""
    return f"""
    UPDATE resolution SET status = 'in_progress', version = version + 1, updated_at = CURRENT_TIMESTAMP
    WHERE {scope} AND status = 'ready_to_verify'
      AND EXISTS (SELECT 1 FROM resolution_case rc JOIN grid_case g ON g.id = rc.case_id
                  WHERE rc.resolution_id = resolution.id AND g.state IN {OPEN})"""


LINKED_TO_CASE = "id IN (SELECT resolution_id FROM resolution_case WHERE case_id = NEW.id)"


SQLITE_UP = [
    f"""CREATE TRIGGER minutes_revision_no_update BEFORE UPDATE ON minutes_revision
    WHEN OLD.approved_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{REFUSE_CHANGE}'); END""",
    f"""CREATE TRIGGER minutes_revision_no_delete BEFORE DELETE ON minutes_revision
    WHEN OLD.approved_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{REFUSE_DELETE}'); END""",
    f"""CREATE TRIGGER minutes_revision_sealed_update BEFORE UPDATE ON minutes_revision
    WHEN NEW.approved_at IS NOT NULL AND NEW.content_hash IS NULL
    BEGIN SELECT RAISE(ABORT, '{REFUSE_UNSEALED}'); END""",
    f"""CREATE TRIGGER minutes_revision_sealed_insert BEFORE INSERT ON minutes_revision
    WHEN NEW.approved_at IS NOT NULL AND NEW.content_hash IS NULL
    BEGIN SELECT RAISE(ABORT, '{REFUSE_UNSEALED}'); END""",
    f"""CREATE TRIGGER resolution_ready_case_done AFTER UPDATE OF state ON grid_case
    WHEN NEW.state IN {DONE} AND OLD.state NOT IN {DONE}
    BEGIN
    {_forward(LINKED_TO_CASE)};
    END""",
    f"""CREATE TRIGGER resolution_ready_case_reopened AFTER UPDATE OF state ON grid_case
    WHEN NEW.state IN {OPEN} AND OLD.state IN {DONE}
    BEGIN
    {_backward(LINKED_TO_CASE)};
    END""",
    f"""CREATE TRIGGER resolution_ready_link_added AFTER INSERT ON resolution_case
    BEGIN {_forward("id = NEW.resolution_id")}; {_backward("id = NEW.resolution_id")}; END""",
    f"""CREATE TRIGGER resolution_ready_link_removed AFTER DELETE ON resolution_case
    BEGIN {_forward("id = OLD.resolution_id")}; END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS resolution_ready_link_removed",
    "DROP TRIGGER IF EXISTS resolution_ready_link_added",
    "DROP TRIGGER IF EXISTS resolution_ready_case_reopened",
    "DROP TRIGGER IF EXISTS resolution_ready_case_done",
    "DROP TRIGGER IF EXISTS minutes_revision_sealed_insert",
    "DROP TRIGGER IF EXISTS minutes_revision_sealed_update",
    "DROP TRIGGER IF EXISTS minutes_revision_no_delete",
    "DROP TRIGGER IF EXISTS minutes_revision_no_update",
]

PG_UP = [
    f"""CREATE FUNCTION minutes_revision_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION '{REFUSE_DELETE}' USING ERRCODE = 'restrict_violation';
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.approved_at IS NOT NULL THEN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION '{REFUSE_DELETE}' USING ERRCODE = 'restrict_violation';
        END IF;
        RAISE EXCEPTION '{REFUSE_CHANGE}' USING ERRCODE = 'restrict_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      IF NEW.approved_at IS NOT NULL AND NEW.content_hash IS NULL THEN
        RAISE EXCEPTION '{REFUSE_UNSEALED}' USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$""",
    """CREATE TRIGGER minutes_revision_guard BEFORE INSERT OR UPDATE OR DELETE ON minutes_revision
    FOR EACH ROW EXECUTE FUNCTION minutes_revision_guard()""",
    """CREATE TRIGGER minutes_revision_no_truncate BEFORE TRUNCATE ON minutes_revision
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_revision_guard()""",
    f"""CREATE FUNCTION resolution_sync_ready(rid integer) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      {_forward("id = rid")};
      {_backward("id = rid")};
    END $$""",
    """CREATE FUNCTION resolution_ready_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r integer;
    BEGIN
      FOR r IN SELECT resolution_id FROM resolution_case WHERE case_id = NEW.id LOOP
        PERFORM resolution_sync_ready(r);
      END LOOP;
      RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER resolution_ready_case_state AFTER UPDATE OF state ON grid_case
    FOR EACH ROW WHEN ((NEW.state IN {DONE}) <> (OLD.state IN {DONE}))
    EXECUTE FUNCTION resolution_ready_on_case()""",
    """CREATE FUNCTION resolution_ready_on_link() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM resolution_sync_ready(OLD.resolution_id);
      ELSE
        PERFORM resolution_sync_ready(NEW.resolution_id);
      END IF;
      RETURN NULL;
    END $$""",
    """CREATE TRIGGER resolution_ready_link AFTER INSERT OR DELETE ON resolution_case
    FOR EACH ROW EXECUTE FUNCTION resolution_ready_on_link()""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS resolution_ready_link ON resolution_case",
    "DROP FUNCTION IF EXISTS resolution_ready_on_link()",
    "DROP TRIGGER IF EXISTS resolution_ready_case_state ON grid_case",
    "DROP FUNCTION IF EXISTS resolution_ready_on_case()",
    "DROP FUNCTION IF EXISTS resolution_sync_ready(integer)",
    "DROP TRIGGER IF EXISTS minutes_revision_no_truncate ON minutes_revision",
    "DROP TRIGGER IF EXISTS minutes_revision_guard ON minutes_revision",
    "DROP FUNCTION IF EXISTS minutes_revision_guard()",
]


def _seal_legacy_minutes() -> None:
    """Chain approved revisions written before the hash chain existed, in approval order."""
    from db.migrations.support import revision_hash  # frozen; a test checks it equals the app's

    revisions = sa.table(
        "minutes_revision",
        sa.column("id", sa.Integer),
        sa.column("minutes_id", sa.Integer),
        sa.column("number", sa.Integer),
        sa.column("reason", sa.Text),
        sa.column("content", sa.Text),
        sa.column("approved_by", sa.String),
        sa.column("approved_at", sa.DateTime),
        sa.column("content_hash", sa.String),
        sa.column("prev_hash", sa.String),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(revisions).where(revisions.c.approved_at.is_not(None)).order_by(revisions.c.approved_at, revisions.c.id)
    ).all()
    prev = None
    for row in rows:
        if row.content_hash is not None:
            prev = row.content_hash
            continue
        digest = revision_hash(
            prev,
            minutes_id=row.minutes_id,
            number=row.number,
            reason=row.reason or "",
            approved_by=row.approved_by,
            approved_at=row.approved_at,
            content=row.content,
        )
        conn.execute(
            revisions.update().where(revisions.c.id == row.id).values(content_hash=digest, prev_hash=prev)
        )
        prev = digest


def upgrade() -> None:
    _seal_legacy_minutes()
    dialect = op.get_bind().dialect.name
    for statement in PG_UP if dialect == "postgresql" else SQLITE_UP:
        op.execute(statement)
    # apply the ready-to-verify rule once to what is already there
    op.execute(_forward("1 = 1"))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in PG_DOWN if dialect == "postgresql" else SQLITE_DOWN:
        op.execute(statement)
