"""Signed minutes: Ed25519 keys in the keyring, signatures on approved revisions and the chain head,
and ``verify`` naming each attack done with raw SQL and the triggers off. SQLite and PostgreSQL."""

from __future__ import annotations

import re

import keyring
import pytest
from keyring.errors import KeyringError
from sqlalchemy import make_url, select, text
from sqlalchemy.exc import DBAPIError

from db.core import signing
from db.meetings import minutes as mn
from db.meetings import signatures
from db.schema.meetings import Meeting, Minutes, MinutesRevision
from tests.signing_helpers import MemoryKeyring, approve
from tests.test_roles import _login, roles_db  # noqa: F401 - the fixture: a database with this run's roles

# --------------------------------------------------------------------------- keys


def test_a_key_lives_in_the_keyring_and_signs():
    public = signing.ensure_key("书记")
    assert signing.ensure_key("书记") == public  # made once, then reused
    assert keyring.get_password(signing.SERVICE, "书记") is not None
    pub, signature = signing.sign("书记", b"hash")
    assert pub == public and signing.is_valid(public, signature, b"hash")
    assert not signing.is_valid(public, signature, b"hash2")
    assert not signing.is_valid(signing.ensure_key("other"), signature, b"hash")
    full = signing.fingerprint(public)
    short = signing.short_fingerprint(full)
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){3}", short) and short.replace(" ", "") == full[:16].upper()


def test_no_keyring_is_one_clear_reason():
    class Broken(MemoryKeyring):
        def get_password(self, service, username):  # noqa: ANN001, ANN202
            raise KeyringError("no backend")

    keyring.set_keyring(Broken())
    with pytest.raises(signing.SigningError) as caught:
        signing.ensure_key("书记")
    assert caught.value.reason == "no_keyring"


# --------------------------------------------------------------------------- attacks


def _signed(demo_db) -> tuple[int, int]:
    """Approve (signed) the demo's closed meeting, then an amendment of it: (meeting id, revisions)."""
    with demo_db.session.begin() as s:
        mid = s.scalars(select(Meeting.id).where(Meeting.status == "closed")).one()
        approve(s, mid)
    with demo_db.session.begin() as s:
        position = mn.minutes_record(s, mid).items[0].position
        mn.amend(s, mid, "更正", notes={position: "更正后的记录。"})
        approve(s, mid)
    with demo_db.session() as s:
        report = mn.verify(s)
    assert report.ok and report.signed == 2, report.problems
    return mid, 2


def _triggers_off(conn, table: str) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER ALL"))
    else:
        for (name,) in conn.execute(text(
                f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '{table}'")).all():
            conn.execute(text(f'DROP TRIGGER "{name}"'))


def _triggers_on(conn, table: str) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER ALL"))


def _kinds(demo_db) -> set[tuple[str, int | None, int | None]]:
    with demo_db.session() as s:
        return {(p.kind, p.meeting_id, p.revision) for p in mn.verify(s).problems}


def test_a_rehashed_chain_no_longer_carries_the_approvers_signature(demo_db):
    """Edit the first signed revision and recompute its hash and every later one's: each hash is
    right again, but the signatures were made over the old hashes."""
    mid, _ = _signed(demo_db)
    updates = []
    with demo_db.session() as s:  # the attacker's recomputation, with the app's own hash function
        prev = None
        rows = s.execute(select(MinutesRevision, Minutes.meeting_id).join(Minutes)
                         .where(MinutesRevision.approved_at.is_not(None))
                         .order_by(MinutesRevision.approved_at, MinutesRevision.id)).all()
        edited = False
        for revision, meeting_id in rows:
            if revision.hash_version == 2 and not edited:
                revision.content = revision.content.replace("纪要", "记要")
                edited = True
            if edited:
                digest = mn.hash_of(revision, prev, meeting_id)
                updates.append({"i": revision.id, "c": revision.content, "p": prev, "h": digest})
                prev = digest
            else:
                prev = revision.content_hash
        s.rollback()
    with demo_db.engine.begin() as conn:
        _triggers_off(conn, "minutes_revision")
        for values in updates:
            conn.execute(text("UPDATE minutes_revision SET content = :c, prev_hash = :p, content_hash = :h "
                              "WHERE id = :i"), values)
        _triggers_on(conn, "minutes_revision")
    kinds = _kinds(demo_db)
    assert ("resigned", mid, 1) in kinds and ("resigned", mid, 2) in kinds
    assert not any(k == "content_changed" for k, _m, _r in kinds)  # every hash is consistent again
    assert ("head_mismatch", mid, 1) in kinds  # and the signed heads name the old hashes


def test_deleting_the_newest_approved_revision_leaves_the_signed_head_naming_it(demo_db):
    mid, newest = _signed(demo_db)
    with demo_db.engine.begin() as conn:
        _triggers_off(conn, "minutes_revision")
        conn.execute(text("DELETE FROM minutes_revision WHERE id = (SELECT max(id) FROM minutes_revision "
                          "WHERE approved_at IS NOT NULL)"))
        _triggers_on(conn, "minutes_revision")
    with demo_db.session() as s:  # what is left is a consistent, signed chain ...
        rows = s.scalars(select(MinutesRevision).where(MinutesRevision.approved_at.is_not(None))).all()
        assert all(r.content_hash for r in rows)
    assert ("newest_missing", mid, newest) in _kinds(demo_db)  # ... but not the one that was signed last


def test_an_edit_with_the_triggers_off_is_named(demo_db):
    mid, newest = _signed(demo_db)
    with demo_db.engine.begin() as conn:
        present = conn.execute(text("SELECT min(id) FROM attendance WHERE meeting_id = :m AND status = 'present'"),
                               {"m": mid}).scalar_one()
        _triggers_off(conn, "attendance")
        conn.execute(text("UPDATE attendance SET status = 'absent' WHERE id = :i"), {"i": present})
        _triggers_on(conn, "attendance")
    assert _kinds(demo_db) == {("record_changed", mid, newest)}
    with demo_db.engine.begin() as conn:  # put the attendance back, set the meeting back to in progress
        _triggers_off(conn, "attendance")
        conn.execute(text("UPDATE attendance SET status = 'present' WHERE id = :i"), {"i": present})
        _triggers_on(conn, "attendance")
    assert _kinds(demo_db) == set()
    with demo_db.engine.begin() as conn:
        _triggers_off(conn, "meeting")
        conn.execute(text("UPDATE meeting SET status = 'in_progress' WHERE id = :m"), {"m": mid})
        _triggers_on(conn, "meeting")
    assert _kinds(demo_db) == {("record_changed", mid, newest)}
    with demo_db.engine.begin() as conn:
        _triggers_off(conn, "minutes_revision")
        conn.execute(text("UPDATE minutes_revision SET content = replace(content, '更正后', '修改后') "
                          "WHERE hash_version = 2 AND number = :n"), {"n": newest})
        _triggers_on(conn, "minutes_revision")
    assert ("content_changed", mid, newest) in _kinds(demo_db)


def test_minutes_moved_to_another_meeting_no_longer_verify(demo_db):
    mid, newest = _signed(demo_db)
    with demo_db.engine.begin() as conn:
        other = conn.execute(text("SELECT max(id) FROM meeting WHERE id <> :m AND id NOT IN "
                                  "(SELECT meeting_id FROM minutes)"), {"m": mid}).scalar_one()
        _triggers_off(conn, "minutes")
        conn.execute(text("UPDATE minutes SET meeting_id = :o WHERE meeting_id = :m"), {"o": other, "m": mid})
        _triggers_on(conn, "minutes")
    kinds = _kinds(demo_db)
    assert ("content_changed", other, 1) in kinds and ("content_changed", other, newest) in kinds


def test_a_signed_revision_rewritten_as_an_old_style_seal_is_unsigned(demo_db):
    mid, newest = _signed(demo_db)
    with demo_db.session() as s:
        revision = s.scalars(select(MinutesRevision).where(MinutesRevision.number == newest,
                                                           MinutesRevision.hash_version == 2)).one()
        old_style = mn.revision_hash(revision.prev_hash, minutes_id=revision.minutes_id, number=revision.number,
                                     reason=revision.reason, approved_by=revision.approved_by,
                                     approved_at=revision.approved_at, content=revision.content)
        rid = revision.id
    with demo_db.engine.begin() as conn:
        _triggers_off(conn, "minutes_revision")
        conn.execute(text("UPDATE minutes_revision SET hash_version = 1, signature = NULL, signing_key_id = NULL, "
                          "sealed_record = NULL, content_hash = :h WHERE id = :i"), {"h": old_style, "i": rid})
        _triggers_on(conn, "minutes_revision")
    kinds = _kinds(demo_db)
    assert ("unsigned", mid, newest) in kinds and ("head_mismatch", mid, newest) in kinds


def test_the_database_refuses_to_change_keys_and_heads(demo_db):
    from sqlalchemy.exc import IntegrityError

    _signed(demo_db)
    for sql in ("UPDATE signing_key SET public_key = 'x'", "DELETE FROM signing_key",
                "UPDATE minutes_chain_head SET head_hash = 'x'", "DELETE FROM minutes_chain_head"):
        with pytest.raises(IntegrityError, match="cannot be changed or deleted"), demo_db.engine.begin() as conn:
            conn.execute(text(sql))


# --------------------------------------------------------------------------- documents and the command line


def test_a_docx_copy_is_checked_against_the_database(qapp, demo_db, tmp_path, capsys):
    from docx import Document

    from db.meetings.minutes_docx import SEAL_FINGERPRINT, SEAL_HASH, write_docx
    from desktop.cli import main

    mid, _ = _signed(demo_db)
    with demo_db.session() as s:
        record = mn.minutes_record(s, mid)
        key = signatures.keys(s, "书记")[0]
    out = tmp_path / "纪要.docx"
    write_docx(record, out)
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert f"{SEAL_FINGERPRINT}{key.short}" in texts and f"{SEAL_HASH}{record.revision.content_hash}" in texts
    url = demo_db.engine.url.render_as_string(hide_password=False)
    assert main(["verify", "--db", url, "--document", str(out)]) == 0
    assert "纪要.docx" in capsys.readouterr().out

    changed = Document(str(out))
    paragraph = next(p for p in changed.paragraphs if p.text == "更正后的记录。")
    paragraph.runs[0].text = "篡改后的记录。"
    changed.save(str(tmp_path / "changed.docx"))
    assert main(["verify", "--db", url, "--document", str(tmp_path / "changed.docx")]) == 2
    mismatch = capsys.readouterr().err
    unknown = Document()
    unknown.add_paragraph("会议纪要")
    unknown.save(str(tmp_path / "unknown.docx"))
    assert main(["verify", "--db", url, "--document", str(tmp_path / "unknown.docx")]) == 2
    assert mismatch != capsys.readouterr().err  # two different sentences

    with demo_db.engine.begin() as conn:  # the record itself changed behind the app's back
        _triggers_off(conn, "attendance")
        conn.execute(text("DELETE FROM attendance WHERE id = (SELECT min(id) FROM attendance WHERE meeting_id = :m)"),
                     {"m": mid})
        _triggers_on(conn, "attendance")
    from db.meetings.minutes_docx import check_document

    with demo_db.session() as s:
        assert check_document(s, out).verdict == "database_changed"


def test_keys_add_and_show(qapp, empty_db, capsys):
    from desktop.cli import main

    url = empty_db.engine.url.render_as_string(hide_password=False)
    assert main(["keys", "show", "--db", url]) == 2  # none yet
    assert main(["keys", "add", "--db", url, "--user", "secretary"]) == 0
    added = capsys.readouterr().out.splitlines()
    full = added[-1]
    assert re.fullmatch(r"[0-9a-f]{64}", full) and signing.short_fingerprint(full) in added[0]
    assert main(["keys", "add", "--db", url, "--user", "secretary"]) == 0  # the same key again
    assert capsys.readouterr().out.splitlines()[-1] == full
    assert main(["keys", "show", "--db", url]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("secretary\t" + signing.short_fingerprint(full)) and line.endswith(full)


# --------------------------------------------------------------------------- with PostgreSQL roles


def test_with_roles_the_secretary_signs_and_a_member_cannot_forge_keys_or_heads(roles_db, pg_url):  # noqa: F811
    """A secretary login approves (signed) through the app's function; a member login can neither
    register a key nor write a chain head, and its approval with a correct hash is refused."""
    import psycopg

    from db.core.engine import Database, make_engine
    from db.sync.roles import add_user, init_roles
    from tests.test_multipc import build_world

    database, prefix, users = roles_db
    world = build_world(database)
    with database.session.begin() as s:
        mn.close_meeting(s, world.meeting_id)
    init_roles(database.engine, prefix)
    secretary, member = f"{prefix}_s1", f"{prefix}_m1"
    users += [secretary, member]
    add_user(database.engine, secretary, "secretary", "pw-s1", prefix=prefix)
    add_user(database.engine, member, "member", "pw-m1", unit_id=world.unit_id, prefix=prefix)

    with _login(pg_url, member, "pw-m1") as conn:
        for sql, args in (
            ("INSERT INTO signing_key (username, public_key, fingerprint, created_at, created_by) "
             "VALUES (%s, %s, %s, now(), %s)", (secretary, "ab" * 32, "cd" * 32, member)),
            ("INSERT INTO minutes_chain_head (approved_count, head_hash, meeting_id, revision, signed_by, signed_at, "
             "signing_key_id, signature) VALUES (1, %s, %s, 1, %s, now(), 1, %s)",
             ("0" * 64, world.meeting_id, secretary, "0" * 128)),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql, args)

    with _login(pg_url, secretary, "pw-s1") as conn:  # a secretary registers no key in another's name
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="its own"):
            conn.execute("INSERT INTO signing_key (username, public_key, fingerprint, created_at, created_by) "
                         "VALUES ('someone_else', %s, %s, now(), %s)", ("ef" * 32, "01" * 32, secretary))

    def login(user: str, password: str) -> Database:
        return Database(make_engine(make_url(pg_url.render_as_string(hide_password=False)).set(
            username=user, password=password)))

    with database.session.begin() as s:  # set-up registers the secretary's key (its private half "here")
        signatures.register_key(s, secretary)
    as_member = login(member, "pw-m1")
    try:  # even holding the secretary's private key, a member login cannot approve
        with pytest.raises(DBAPIError, match="secretary|permission denied"), as_member.session.begin() as s:
            approve(s, world.meeting_id, secretary)
    finally:
        as_member.dispose()
    as_secretary = login(secretary, "pw-s1")
    try:
        with as_secretary.session.begin() as s:
            s.info["actor"] = secretary
            approval = approve(s, world.meeting_id, secretary)
        with as_secretary.session() as s:
            report = mn.verify(s)
    finally:
        as_secretary.dispose()
    assert report.ok and report.signed == 1 and len(approval.content_hash) == 64



def test_a_copy_of_minutes_sealed_before_signing_is_checked_by_its_hash(demo_db, tmp_path):
    from docx import Document

    from db.meetings.minutes_docx import SEAL_FINGERPRINT, check_document, write_docx

    with demo_db.session() as s:
        mid = s.scalars(select(Meeting.id).where(Meeting.status == "approved")).first()
        record = mn.minutes_record(s, mid)
    assert record.revision.fingerprint is None  # a demo seal: hash only
    write_docx(record, tmp_path / "old.docx")
    assert not any(p.text.startswith(SEAL_FINGERPRINT) for p in Document(str(tmp_path / "old.docx")).paragraphs)
    with demo_db.session() as s:
        assert check_document(s, tmp_path / "old.docx").verdict == "match"


def test_adding_a_secretary_says_how_to_register_the_signing_key(roles_db, pg_url, qapp, monkeypatch, capsys):  # noqa: F811
    import io

    from db.sync.roles import init_roles
    from desktop.cli import main

    database, prefix, users = roles_db
    init_roles(database.engine, prefix)
    name = f"{prefix}_s2"
    users.append(name)
    monkeypatch.setattr("sys.stdin", io.StringIO("pw-s2\n"))
    url = database.engine.url.render_as_string(hide_password=False)
    assert main(["db", "add-user", name, "--role", "secretary", "--password-stdin", "--prefix", prefix,
                 "--db", url]) == 0
    assert f"streetboard keys add --user {name}" in capsys.readouterr().err


def test_each_finding_of_verify_has_its_own_sentence(sb_app):
    import datetime as dt

    from desktop.meetings.minutes_texts import describe_problem

    kinds = ("content_changed", "chain_broken", "not_sealed", "missing_record", "resigned", "unsigned",
             "unknown_key", "record_changed", "newest_missing", "head_mismatch")
    sentences = {describe_problem(mn.Problem(kind, 7, "第4次全体会议", dt.date(2026, 11, 16), 2)) for kind in kinds}
    assert len(sentences) == len(kinds)
    assert all("第4次全体会议" in s and "2026年11月16日" in s for s in sentences)


def test_a_signed_meeting_moved_to_another_body_is_named(demo_db):
    mid, newest = _signed(demo_db)
    with demo_db.engine.begin() as conn:
        other = conn.execute(text("SELECT min(id) FROM meeting_body WHERE id <> "
                                  "(SELECT body_id FROM meeting WHERE id = :m)"), {"m": mid}).scalar_one()
        _triggers_off(conn, "meeting")
        conn.execute(text("UPDATE meeting SET body_id = :b WHERE id = :m"), {"b": other, "m": mid})
        _triggers_on(conn, "meeting")
    assert _kinds(demo_db) == {("record_changed", mid, newest)}
