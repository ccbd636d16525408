"""Signed minutes: approvers' registered keys, the signature of a revision and of the chain head.

Set-up registers a secretary's public key (``streetboard keys add --user NAME`` on the PC the
secretary approves from: the private key stays in that PC's keyring, :mod:`db.core.signing`).
Approving minutes signs the revision's hash and then the new end of the chain
(:class:`~db.schema.signatures.MinutesChainHead`); :func:`db.meetings.minutes.verify` checks both
against the registered keys.

What is signed is a short text naming its purpose, so a signature made for one thing can never
pass for another: ``streetboard minutes revision v2`` + the hash, or ``streetboard minutes
chain head`` + the count, hash, meeting and revision of the newest approved record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.core import clock, signing
from db.schema.meetings import AgendaItem, Attendance, Meeting, Minutes, MinutesRevision, resolution_co_unit
from db.schema.resolutions import Resolution
from db.schema.signatures import MinutesChainHead, SigningKey


class NoSigningKey(ValueError):
    """The approver has no key registered in the database whose private half is on this PC.

    ``reason``: ``not_registered`` (no key in the database for the name) · ``not_on_this_pc``
    (keys are registered, but this PC's keyring holds none of them) · ``no_keyring``.
    """

    def __init__(self, username: str, reason: str):
        self.username, self.reason = username, reason
        super().__init__(f"no signing key for {username!r}: {reason}")


@dataclass(frozen=True)
class KeyInfo:
    id: int
    username: str
    fingerprint: str
    created_at: dt.datetime
    on_this_pc: bool

    @property
    def short(self) -> str:
        return signing.short_fingerprint(self.fingerprint)


def revision_message(content_hash: str) -> bytes:
    return f"streetboard minutes revision v2\n{content_hash}".encode()


def head_message(count: int, head_hash: str, meeting_id: int, revision: int) -> bytes:
    return f"streetboard minutes chain head\n{count}\n{head_hash}\n{meeting_id}\n{revision}".encode()


def register_key(session: Session, username: str) -> KeyInfo:
    """Make (or reuse) the person's key on this PC and register its public half; idempotent."""
    username = username.strip()
    public = signing.ensure_key(username)
    row = session.scalar(select(SigningKey).where(SigningKey.public_key == public.hex()))
    if row is None:
        row = SigningKey(
            username=username,
            public_key=public.hex(),
            fingerprint=signing.fingerprint(public),
            created_at=clock.now(),
            created_by=str(session.info.get("actor") or username),
        )
        session.add(row)
        session.flush()
    return KeyInfo(row.id, row.username, row.fingerprint, row.created_at, True)


def keys(session: Session, username: str | None = None) -> list[KeyInfo]:
    """The registered keys (of one person), oldest first, with whether this PC holds the private half."""
    query = select(SigningKey).order_by(SigningKey.id)
    if username is not None:
        query = query.where(SigningKey.username == username.strip())
    rows = session.scalars(query).all()
    local: dict[str, str | None] = {}
    out = []
    for row in rows:
        if row.username not in local:
            try:
                local[row.username] = signing.public_bytes(signing.private_key(row.username)).hex()
            except signing.SigningError:
                local[row.username] = None
        out.append(KeyInfo(row.id, row.username, row.fingerprint, row.created_at, local[row.username] == row.public_key))
    return out


def signing_key_for(session: Session, username: str) -> SigningKey:
    """The approver's registered key whose private half this PC holds."""
    registered = session.scalars(select(SigningKey).where(SigningKey.username == username)).all()
    if not registered:
        raise NoSigningKey(username, "not_registered")
    try:
        public = signing.public_bytes(signing.private_key(username)).hex()
    except signing.SigningError as error:
        raise NoSigningKey(username, "no_keyring" if error.reason == "no_keyring" else "not_on_this_pc") from error
    for row in registered:
        if row.public_key == public:
            return row
    raise NoSigningKey(username, "not_on_this_pc")


def sign_with(key: SigningKey, message: bytes) -> str:
    """The hex signature of ``message`` by the holder of ``key`` (its private half on this PC)."""
    _public, signature = signing.sign(key.username, message)
    return signature.hex()


def is_signed_by(key: SigningKey | None, signature: str | None, message: bytes) -> bool:
    if key is None or not signature:
        return False
    try:
        return signing.is_valid(bytes.fromhex(key.public_key), bytes.fromhex(signature), message)
    except ValueError:
        return False


def seal_head(session: Session, key: SigningKey, count: int, head_hash: str, meeting_id: int, revision: int,
              when: dt.datetime) -> MinutesChainHead:
    """Record the new end of the chain, signed by the approver."""
    head = MinutesChainHead(
        approved_count=count,
        head_hash=head_hash,
        meeting_id=meeting_id,
        revision=revision,
        signed_by=key.username,
        signed_at=when,
        signing_key_id=key.id,
        signature=sign_with(key, head_message(count, head_hash, meeting_id, revision)),
    )
    session.add(head)
    session.flush()
    return head


def keys_by_id(session: Session) -> dict[int, SigningKey]:
    return {row.id: row for row in session.scalars(select(SigningKey))}


def heads(session: Session) -> list[MinutesChainHead]:
    return list(session.scalars(select(MinutesChainHead).order_by(MinutesChainHead.id)))


# --------------------------------------------------------------------------- the record sealed with the text


def live_record(session: Session, meeting_id: int, *, lock: bool = False) -> dict[str, Any]:
    """What hash version 2 seals besides the text: the meeting (its body, date, kind and title), its
    attendance, agenda and resolutions as the tables hold them (not as the draft copied them).
    ``lock`` holds those rows until the transaction ends (PostgreSQL), so an approval seals what it read."""
    meeting = session.get(Meeting, meeting_id, with_for_update={"read": True} if lock else None)
    if meeting is None:
        return {}

    def rows(query):  # noqa: ANN001, ANN202
        return session.scalars(query.with_for_update(read=True) if lock else query).all()

    attendance = rows(select(Attendance).where(Attendance.meeting_id == meeting_id).order_by(Attendance.id))
    agenda = rows(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.id))
    resolutions = rows(select(Resolution).where(Resolution.meeting_id == meeting_id).order_by(Resolution.id))
    co_units: dict[int, list[int]] = {}
    if resolutions:
        for rid, uid in session.execute(
            select(resolution_co_unit.c.resolution_id, resolution_co_unit.c.unit_id)
            .where(resolution_co_unit.c.resolution_id.in_([r.id for r in resolutions]))
        ):
            co_units.setdefault(rid, []).append(uid)
    return {
        "meeting": {"id": meeting.id, "starts_at": meeting.starts_at.isoformat(sep=" "), "body_id": meeting.body_id,
                    "kind": meeting.kind, "title": meeting.title},
        "attendance": [
            {"id": a.id, "member_id": a.member_id, "body_member_id": a.body_member_id, "unit_id": a.unit_id,
             "name": a.person_name, "status": a.status, "delegate": a.delegate_name}
            for a in attendance
        ],
        "agenda": [
            {"id": i.id, "position": i.position, "kind": i.kind, "title": i.title, "notes": (i.notes or "").strip()}
            for i in agenda
        ],
        "resolutions": [
            {"id": r.id, "number": r.number, "text": r.text, "owner_unit_id": r.owner_unit_id,
             "co_unit_ids": sorted(co_units.get(r.id, [])), "deadline": r.deadline.isoformat(),
             "agenda_item_id": r.agenda_item_id}
            for r in resolutions
        ],
    }


# --------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class Problem:
    """One place where the stored minutes disagree with the chain, its signatures or the record."""

    # content_changed · chain_broken · missing_record · not_sealed (hash version 1 and 2);
    # resigned: the hash was recomputed, the approver's signature no longer matches ·
    # unsigned: a signed revision without signature, or an old-style seal after signed ones ·
    # unknown_key: signed by no registered key of the approver · record_changed: attendance,
    # agenda or resolutions differ from what was sealed · newest_missing: the signed chain head
    # names an approved revision that is gone · head_mismatch: a signed head disagrees otherwise
    kind: str
    meeting_id: int | None
    meeting_title: str
    meeting_date: dt.date | None
    revision: int | None

    def __str__(self) -> str:  # plain English for logs; the CLI and GUI translate by kind
        when = self.meeting_date.isoformat() if self.meeting_date else "?"
        return f"{self.kind}: {self.meeting_title} ({when}) revision {self.revision}"


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    signed: int = 0  # of the checked revisions, those signed by a registered key

    @property
    def ok(self) -> bool:
        return not self.problems


def signature_problem(revision: MinutesRevision, keys: dict[int, SigningKey], signed_before: bool) -> str | None:
    if (revision.hash_version or 1) == 1:
        return "unsigned" if signed_before else None
    if not revision.signature or revision.signing_key_id is None:
        return "unsigned"
    key = keys.get(revision.signing_key_id)
    if key is None or key.username != revision.approved_by:
        return "unknown_key"
    if not is_signed_by(key, revision.signature, revision_message(revision.content_hash or "")):
        return "resigned"
    return None


def head_problems(session: Session, chain: list[MinutesRevision], keys: dict[int, SigningKey]) -> list[Problem]:
    """Each signed head must be signed by its approver and name the chain as it stands: the newest
    one the newest approved revision (deleting that revision leaves the head naming it)."""
    out: list[Problem] = []
    signed = heads(session)
    for index, head in enumerate(signed):
        key = keys.get(head.signing_key_id)
        message = head_message(head.approved_count, head.head_hash, head.meeting_id, head.revision)
        at = chain[head.approved_count - 1] if 0 < head.approved_count <= len(chain) else None
        if at is not None and at.content_hash == head.head_hash and key is not None \
                and key.username == head.signed_by and is_signed_by(key, head.signature, message):
            continue
        kind = "newest_missing" if index == len(signed) - 1 and len(chain) < head.approved_count else "head_mismatch"
        meeting = session.get(Meeting, head.meeting_id)
        out.append(Problem(kind, head.meeting_id, meeting.title if meeting else "?",
                           meeting.starts_at.date() if meeting else None, head.revision))
        break  # the first head that disagrees says where; the later ones follow from it
    else:
        if signed and len(chain) > signed[-1].approved_count:  # approved after the last signed head
            late = chain[signed[-1].approved_count]
            minutes = session.get(Minutes, late.minutes_id)
            meeting = session.get(Meeting, minutes.meeting_id) if minutes else None
            if meeting is not None:
                out.append(Problem("head_mismatch", meeting.id, meeting.title, meeting.starts_at.date(), late.number))
    return out
