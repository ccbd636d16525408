"""signed minutes - approvers' public keys, signatures on revisions and the chain head

* ``signing_key``: an approver's Ed25519 public key, registered at set-up (the private key stays
  in the keyring of the approver's PC).
* ``minutes_chain_head``: the end of the minutes hash chain as the approver signed it, one row
  per approval; ``verify`` compares the newest with the chain, so deleting the newest approved
  revision is seen.
* ``minutes_revision`` gains ``hash_version`` (1 for every revision sealed so far: their hashes
  stay as they are and verifiable), ``sealed_record``, ``signing_key_id`` and ``signature``.
* Both new tables only grow: triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).
  On PostgreSQL a login other than the owner registers only its own key and signs heads only in
  its own name (``session_user``), so one secretary cannot sign as another.
  They get the change and audit triggers of every edited table; on PostgreSQL the trigger
  functions already there are used, not re-created.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("signing_key", "minutes_chain_head")
REFUSE = "registered keys and signed chain heads cannot be changed or deleted"

PG_GUARD = f"""CREATE FUNCTION public.streetboard_append_only() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
      RAISE EXCEPTION '{REFUSE}' USING ERRCODE = 'restrict_violation';
    END $$"""


PG_SIGNER = """CREATE FUNCTION public.streetboard_signer_is_login() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
        signer text;
    BEGIN
        IF pg_catalog.pg_has_role(current_user,
                (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
            RETURN NEW;
        END IF;
        IF TG_TABLE_NAME = 'signing_key' THEN
            signer := NEW.username;
        ELSE
            signer := NEW.signed_by;
        END IF;
        IF signer IS DISTINCT FROM session_user::text THEN
            RAISE EXCEPTION 'a login registers only its own key and signs only in its own name'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END $$"""


def _pg_up() -> list[str]:
    out = [PG_GUARD, PG_SIGNER]
    for table in TABLES:
        out += [
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON public.{table} "
            "FOR EACH ROW EXECUTE FUNCTION public.streetboard_append_only()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON public.{table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION public.streetboard_append_only()",
            f"CREATE TRIGGER {table}_signer_is_login BEFORE INSERT ON public.{table} "
            "FOR EACH ROW EXECUTE FUNCTION public.streetboard_signer_is_login()",
            f"CREATE TRIGGER sb_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.{table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION public.streetboard_notify()",
        ]
        for verb, ref in (("INSERT", "NEW TABLE AS new_rows"), ("DELETE", "OLD TABLE AS old_rows"),
                          ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows")):
            out.append(f"CREATE TRIGGER sb_audit_{verb.lower()} AFTER {verb} ON public.{table} REFERENCING {ref} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION public.streetboard_audit('id')")
    return out


def _sqlite_up() -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSE}'); END"
        for table in TABLES
        for verb in ("UPDATE", "DELETE")
    ]


def upgrade() -> None:
    op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_key")),
        sa.UniqueConstraint("public_key", name=op.f("uq_signing_key_public_key")),
    )
    op.create_index(op.f("ix_signing_key_username"), "signing_key", ["username"], unique=False)
    op.create_table(
        "minutes_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("approved_count", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("signed_by", sa.String(length=50), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("signing_key_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(["signing_key_id"], ["signing_key.id"],
                                name=op.f("fk_minutes_chain_head_signing_key_id_signing_key")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_chain_head")),
    )
    conn = op.get_bind()
    dialect = conn.dialect.name
    columns = [
        sa.Column("hash_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("sealed_record", sa.Text(), nullable=True),
        sa.Column("signing_key_id", sa.Integer(), nullable=True),
        sa.Column("signature", sa.String(length=128), nullable=True),
    ]
    fk = op.f("fk_minutes_revision_signing_key_id_signing_key")
    if dialect == "postgresql":
        for column in columns:
            op.add_column("minutes_revision", column)
        op.create_foreign_key(fk, "minutes_revision", "signing_key", ["signing_key_id"], ["id"])
        for statement in _pg_up():
            op.execute(statement)
    else:
        # Plain ALTER TABLE ADD COLUMN (a batch rebuild would drop the table's guard triggers);
        # SQLite takes the reference as part of the column.
        for column in columns[:2] + columns[3:]:
            op.add_column("minutes_revision", column)
        op.execute(f"ALTER TABLE minutes_revision ADD COLUMN signing_key_id INTEGER "
                   f"CONSTRAINT {fk} REFERENCES signing_key (id)")
        for statement in _sqlite_up():
            op.execute(statement)
        from db.migrations.support import install_triggers

        install_triggers(conn, list(TABLES))


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.drop_constraint(op.f("fk_minutes_revision_signing_key_id_signing_key"), "minutes_revision",
                           type_="foreignkey")
        for name in ("signature", "signing_key_id", "sealed_record", "hash_version"):
            op.drop_column("minutes_revision", name)
        op.drop_table("minutes_chain_head")  # its triggers go with it
        op.drop_table("signing_key")
        op.execute("DROP FUNCTION public.streetboard_append_only()")
        op.execute("DROP FUNCTION public.streetboard_signer_is_login()")
        return
    from db.migrations.support import drop_triggers

    drop_triggers(conn, list(TABLES))
    conn.exec_driver_sql("DELETE FROM change_counter WHERE table_name IN ('signing_key', 'minutes_chain_head')")
    # A column with a reference cannot be dropped in place: the table is rebuilt, which drops its
    # triggers (the guard of 0006, the change counter), so they are kept and made again.
    triggers = [sql for (sql,) in conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'minutes_revision'")]
    with op.batch_alter_table("minutes_revision", recreate="always") as batch:
        for name in ("signature", "signing_key_id", "sealed_record", "hash_version"):
            batch.drop_column(name)
    for sql in triggers:
        conn.exec_driver_sql(sql)
    op.drop_table("minutes_chain_head")
    op.drop_table("signing_key")
