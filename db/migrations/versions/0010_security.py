"""security - roles hardened, the audit actor from the login, sealed approved meetings

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

PostgreSQL only (SQLite has no logins; the app checks roles itself there):

* the change and audit trigger functions again, with ``SET search_path = pg_catalog, public,
  pg_temp`` and schema-qualified names (a temporary table can no longer stand in for a real one);
  the audit actor is the login (``session_user``) as ``app_user`` names it, a client's
  ``streetboard.actor`` counts only from a login that could write the trail itself (a superuser or
  the tables' owner); the verb from ``streetboard.action`` only if it is a known one;
* ``streetboard_seal``: an approved meeting is sealed with its minutes, for every login but the
  tables' owner: its status and details, its attendance and agenda, what its resolutions decided
  (their follow-up goes on), its minutes (which never move to another meeting) and its approved
  revisions; only an amendment (a new revision with a reason) adds to the record.

The texts are frozen here (``db.core.audit`` / ``db.sync.changes`` hold the app's, which must stay
equal: ``tests/test_roles_matrix.py``). Roles, grants, row-level security and the TEMP right are
per office: ``streetboard db init-roles``.
"""

from collections.abc import Sequence

from alembic import op

from db.migrations.support import _PG_FUNCTIONS as FUNCTIONS_0007

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: the change trigger: NOTIFY from the server, qualified names, fixed search_path
NOTIFY_FUNCTION = """
    CREATE OR REPLACE FUNCTION public.streetboard_notify() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp AS $$
    BEGIN
        PERFORM pg_catalog.pg_notify('streetboard_changes', TG_TABLE_NAME);
        RETURN NULL;
    END $$
    """

#: the verbs the audit trigger accepts from ``streetboard.action`` (the app's VERBS at 0010)
AUDIT_VERBS_FUNCTION = """
    CREATE OR REPLACE FUNCTION public.streetboard_audit_verbs() RETURNS text[] LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp AS $$
    SELECT ARRAY['accept', 'accept_proposal', 'check_fail', 'check_pass', 'claim', 'defer_proposal', 'deliver',
                 'dispatch', 'extend', 'file', 'hold', 'import', 'lock_agenda', 'overwrite', 'progress', 'reject',
                 'reject_proposal', 'reorder_agenda', 'report_done', 'resume', 'return', 'return_visit', 'sign_in',
                 'start', 'supervise', 'unlock_agenda', 'unsatisfied', 'unsupervise', 'weights']::text[]
    $$
    """

#: the audit trigger: the actor is the login as app_user names it; the verb only a known one
AUDIT_FUNCTION = """
    CREATE OR REPLACE FUNCTION public.streetboard_audit() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        who text;
        verb text := nullif(pg_catalog.current_setting('streetboard.action', true), '');
        has_id boolean := TG_ARGV[0] = 'id';
        n bigint;
    BEGIN
        IF pg_catalog.pg_has_role(session_user,
                (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
            who := nullif(pg_catalog.current_setting('streetboard.actor', true), '');
        END IF;
        IF who IS NULL THEN
            SELECT nullif(u.display_name, '') INTO who FROM public.app_user u WHERE u.username = session_user::text;
        END IF;
        who := left(coalesce(who, session_user::text), 50);
        IF verb IS NOT NULL AND NOT verb = ANY (public.streetboard_audit_verbs()) THEN
            verb := NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
            SELECT count(*) INTO n FROM new_rows;
            IF n > 1000 THEN
                INSERT INTO public.audit_log (username, table_name, action, new_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_insert', json_build_object('rows', n));
            ELSE
                INSERT INTO public.audit_log (username, table_name, row_id, action, new_values)
                SELECT who, TG_TABLE_NAME, CASE WHEN has_id THEN (j->>'id')::int END,
                       coalesce(verb, 'insert'), j::json
                FROM (SELECT to_jsonb(r) - 'created_at' - 'updated_at' AS j FROM new_rows r) s;
            END IF;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT count(*) INTO n FROM old_rows;
            IF n > 1000 THEN
                INSERT INTO public.audit_log (username, table_name, action, old_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_delete', json_build_object('rows', n));
            ELSE
                INSERT INTO public.audit_log (username, table_name, row_id, action, old_values)
                SELECT who, TG_TABLE_NAME, CASE WHEN has_id THEN (j->>'id')::int END,
                       coalesce(verb, 'delete'), j::json
                FROM (SELECT to_jsonb(r) - 'created_at' - 'updated_at' AS j FROM old_rows r) s;
            END IF;
        ELSE
            SELECT count(*) INTO n FROM new_rows;
            IF n > 1000 THEN
                INSERT INTO public.audit_log (username, table_name, action, new_values)
                VALUES (who, TG_TABLE_NAME, 'bulk_update', json_build_object('rows', n));
            ELSIF has_id THEN
                INSERT INTO public.audit_log (username, table_name, row_id, action, old_values, new_values)
                SELECT who, TG_TABLE_NAME, (nw.j->>'id')::int, coalesce(verb, 'update'),
                       (SELECT jsonb_object_agg(k, od.j->k) FROM jsonb_object_keys(nw.j) k
                        WHERE od.j->k IS DISTINCT FROM nw.j->k)::json,
                       (SELECT jsonb_object_agg(k, nw.j->k) FROM jsonb_object_keys(nw.j) k
                        WHERE od.j->k IS DISTINCT FROM nw.j->k)::json
                FROM (SELECT to_jsonb(r) - 'updated_at' AS j FROM old_rows r) od
                JOIN (SELECT to_jsonb(r) - 'updated_at' AS j FROM new_rows r) nw ON od.j->'id' = nw.j->'id'
                WHERE od.j IS DISTINCT FROM nw.j;
            ELSE
                INSERT INTO public.audit_log (username, table_name, action, old_values, new_values)
                SELECT who, TG_TABLE_NAME, coalesce(verb, 'update'),
                       (SELECT json_agg(r) FROM old_rows r), (SELECT json_agg(r) FROM new_rows r);
            END IF;
        END IF;
        RETURN NULL;
    END $$
    """

#: is this meeting approved (false for none)
MEETING_APPROVED_FUNCTION = """
    CREATE OR REPLACE FUNCTION public.streetboard_meeting_approved(meeting integer) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT coalesce((SELECT m.status = 'approved' FROM public.meeting m WHERE m.id = meeting), false)
    $$
    """

#: the seal of an approved meeting (a BEFORE trigger on each row of SEALED_TABLES); a refusal's HINT
#: is a stable code (``streetboard.sealed`` · ``streetboard.stays`` · ``streetboard.reason``) the app
#: turns into a sentence
SEAL_FUNCTION = """
    CREATE OR REPLACE FUNCTION public.streetboard_seal() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        sealed_old boolean := false;
        sealed_new boolean := false;
        follow_up text[] := ARRAY['status', 'completed_on', 'verified_meeting_id', 'overdue_reason',
                                  'version', 'updated_at'];
        why text;
        code text;
    BEGIN
        IF pg_catalog.pg_has_role(current_user,
                (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_TABLE_NAME = 'meeting' THEN
            IF TG_OP <> 'INSERT' AND OLD.status = 'approved' AND (TG_OP = 'DELETE'
                    OR (pg_catalog.to_jsonb(NEW) - 'version' - 'updated_at')
                       IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) - 'version' - 'updated_at')) THEN
                why := 'an approved meeting is sealed with its minutes'; code := 'sealed';
            END IF;
        ELSIF TG_TABLE_NAME IN ('attendance', 'agenda_item', 'resolution') THEN
            IF TG_OP <> 'INSERT' THEN
                sealed_old := public.streetboard_meeting_approved(OLD.meeting_id);
            END IF;
            IF TG_OP <> 'DELETE' THEN
                sealed_new := public.streetboard_meeting_approved(NEW.meeting_id);
            END IF;
            IF TG_TABLE_NAME = 'resolution' AND TG_OP = 'UPDATE' AND OLD.meeting_id = NEW.meeting_id THEN
                -- what the meeting decided is sealed; the follow-up of the resolution goes on
                IF sealed_old AND (pg_catalog.to_jsonb(NEW) - follow_up)
                                  IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) - follow_up) THEN
                    why := 'what an approved meeting decided is sealed with its minutes'; code := 'sealed';
                END IF;
            ELSIF sealed_old OR sealed_new THEN
                why := 'the record of an approved meeting is sealed with its minutes'; code := 'sealed';
            END IF;
        ELSIF TG_TABLE_NAME = 'minutes' THEN
            IF TG_OP = 'UPDATE' AND OLD.meeting_id IS DISTINCT FROM NEW.meeting_id THEN
                why := 'minutes stay with their meeting'; code := 'stays';
            ELSIF TG_OP = 'DELETE' AND public.streetboard_meeting_approved(OLD.meeting_id) THEN
                why := 'the minutes of an approved meeting are sealed'; code := 'sealed';
            END IF;
        ELSIF TG_TABLE_NAME = 'minutes_revision' THEN
            IF TG_OP = 'UPDATE' AND OLD.minutes_id IS DISTINCT FROM NEW.minutes_id THEN
                why := 'a revision stays with its minutes'; code := 'stays';
            ELSIF TG_OP <> 'INSERT' AND OLD.approved_at IS NOT NULL AND (TG_OP = 'DELETE'
                    OR (NEW.number, NEW.content, NEW.reason, NEW.created_by, NEW.created_at, NEW.approved_by,
                        NEW.approved_at, NEW.content_hash, NEW.prev_hash)
                       IS DISTINCT FROM (OLD.number, OLD.content, OLD.reason, OLD.created_by, OLD.created_at,
                                         OLD.approved_by, OLD.approved_at, OLD.content_hash, OLD.prev_hash)) THEN
                why := 'an approved revision of the minutes never changes'; code := 'sealed';
            ELSIF TG_OP = 'INSERT' AND pg_catalog.btrim(coalesce(NEW.reason, '')) = ''
                    AND public.streetboard_meeting_approved(
                        (SELECT mi.meeting_id FROM public.minutes mi WHERE mi.id = NEW.minutes_id)) THEN
                why := 'an amendment of approved minutes needs a reason'; code := 'reason';
            END IF;
        END IF;
        IF why IS NOT NULL THEN
            RAISE EXCEPTION USING MESSAGE = why, HINT = 'streetboard.' || code, ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$
    """

SEALED_TABLES = ("meeting", "attendance", "agenda_item", "resolution", "minutes", "minutes_revision")
SEAL_TRIGGER = "_streetboard_seal"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    conn = op.get_bind()
    for ddl in (NOTIFY_FUNCTION, AUDIT_VERBS_FUNCTION, AUDIT_FUNCTION, MEETING_APPROVED_FUNCTION, SEAL_FUNCTION):
        conn.exec_driver_sql(ddl)
    for table in SEALED_TABLES:
        op.execute(f'CREATE TRIGGER "{SEAL_TRIGGER}" BEFORE INSERT OR UPDATE OR DELETE ON public."{table}" '
                   "FOR EACH ROW EXECUTE FUNCTION public.streetboard_seal()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in SEALED_TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS "{SEAL_TRIGGER}" ON public."{table}"')
    op.execute("DROP FUNCTION IF EXISTS public.streetboard_seal()")
    op.execute("DROP FUNCTION IF EXISTS public.streetboard_meeting_approved(integer)")
    for ddl in FUNCTIONS_0007:
        op.get_bind().exec_driver_sql(ddl)
    op.execute("DROP FUNCTION IF EXISTS public.streetboard_audit_verbs()")
