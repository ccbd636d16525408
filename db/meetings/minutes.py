"""会议纪要: closing a meeting, approving its minutes, amendments and the SHA-256 hash chain.

The minutes of a meeting live in :class:`~db.schema.meetings.MinutesRevision` rows. Each revision's
``content`` is the canonical JSON of the structured record (see :func:`assemble_content`).
Closing a meeting writes a draft revision; approving it stamps ``approved_by``/``approved_at``
and seals it into one chain that runs over every approved revision of every meeting, in
approval order: ``content_hash = SHA-256(canonical {revision fields, content, prev_hash})`` and
``prev_hash`` is the hash of the approved revision before it. From then on the database itself
refuses to change or delete the row (triggers of migration 0006); a correction is a new revision
with a reason. :func:`verify` recomputes the chain and names the meeting whose record was
changed behind the app's back.

Hash version 2 (migration 0011; version 1 seals stay verifiable) also covers the meeting the
minutes belong to and the record sealed with them (:func:`db.meetings.signatures.live_record`:
the meeting's body, date, kind and title, its attendance, agenda and resolutions). Approval is a
compare-and-set on :func:`shown_hash`, the hash of exactly what the approver was shown; the
approver's Ed25519 key signs the revision's hash and the new end of the chain
(:mod:`db.meetings.signatures`).

Errors a person can cause raise :class:`MinutesError` subclasses carrying the facts the desktop
layer needs to say one clear sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, selectinload

from db.core import clock
from db.core.versioning import ConflictError, RecordGone
from db.meetings import signatures
from db.meetings.signatures import Problem, VerifyReport
from db.meetings.signin import roster
from db.schema.meetings import AgendaItem, Attendance, Meeting, MeetingRoomState, Minutes, MinutesRevision
from db.schema.resolutions import Resolution
from db.schema.units import ResidentUnit

GENESIS = ""  # prev_hash of the first approved revision
HASH_VERSION = 2  # what approval seals with now; every version ever used stays verifiable


# --------------------------------------------------------------------------- errors


class MinutesError(ValueError):
    """A request about minutes that cannot be carried out as asked."""


class NotClosable(MinutesError):
    """Only a meeting that is under way (or closed, to refresh its draft) can be closed."""

    def __init__(self, status: str):
        self.status = status
        super().__init__(f"a meeting with status {status!r} cannot be closed")


class NoDraft(MinutesError):
    """There is no unapproved revision to approve (the meeting was never closed, or it is approved)."""

    def __init__(self, meeting_title: str):
        self.meeting_title = meeting_title
        super().__init__(f"the minutes of {meeting_title!r} have no draft to approve")


class EmptyItem(MinutesError):
    """An agenda item has neither notes nor a resolution."""

    def __init__(self, position: int, title: str):
        self.position = position
        self.title = title
        super().__init__(f"agenda item {position} {title!r} has no notes and no resolution")


class ReasonRequired(MinutesError):
    def __init__(self) -> None:
        super().__init__("an amendment needs a reason")


class NotApproved(MinutesError):
    """Amendments are for approved minutes; a draft is still edited in place."""

    def __init__(self, meeting_title: str):
        self.meeting_title = meeting_title
        super().__init__(f"the minutes of {meeting_title!r} are not approved yet")


# --------------------------------------------------------------------------- hashing


def canonical_json(value: Any) -> str:
    """The one serialisation that is hashed and stored: sorted keys, no spaces, real characters."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _stamp(when: dt.datetime | None) -> str:
    return when.isoformat(sep=" ", timespec="seconds") if when is not None else ""


def revision_hash(
    prev_hash: str | None,
    *,
    minutes_id: int,
    number: int,
    reason: str,
    approved_by: str | None,
    approved_at: dt.datetime | None,
    content: str,
) -> str:
    """SHA-256 over the revision's canonical content, its approval stamp and the previous hash."""
    payload = canonical_json(
        {
            "approved_at": _stamp(approved_at),
            "approved_by": approved_by or "",
            "content": content,
            "minutes_id": minutes_id,
            "number": number,
            "prev_hash": prev_hash or GENESIS,
            "reason": reason or "",
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def revision_hash_v2(prev_hash: str | None, *, meeting_id: int, sealed_record: str, **fields: Any) -> str:
    """Version 2: version 1's fields plus the meeting the minutes belong to and the sealed record."""
    stamp = {**fields, "approved_at": _stamp(fields["approved_at"]), "approved_by": fields["approved_by"] or "",
             "reason": fields["reason"] or "", "prev_hash": prev_hash or GENESIS}
    payload = canonical_json({**stamp, "hash_version": 2, "meeting_id": meeting_id, "sealed_record": sealed_record})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def hash_of(revision: MinutesRevision, prev_hash: str | None, meeting_id: int | None = None) -> str:
    """The revision's hash by its own hash version (``meeting_id``: the meeting its minutes belong to)."""
    fields = dict(minutes_id=revision.minutes_id, number=revision.number, reason=revision.reason,
                  approved_by=revision.approved_by, approved_at=revision.approved_at, content=revision.content)
    if (revision.hash_version or 1) == 1:
        return revision_hash(prev_hash, **fields)
    return revision_hash_v2(prev_hash, meeting_id=meeting_id or 0, sealed_record=revision.sealed_record or "",
                            **fields)


def shown_hash(content: str, record: str) -> str:
    """The hash of what an approver is shown: the draft's text and the record it is sealed with."""
    return hashlib.sha256(canonical_json({"content": content, "record": record}).encode("utf-8")).hexdigest()


def seal_in_order(revisions: list[MinutesRevision], prev_hash: str | None = None) -> str | None:
    """Chain already-approved revisions (in approval order) that were written without hashes.

    Used by the demo generator, which inserts approved minutes directly. Returns the last hash.
    """
    for revision in sorted(revisions, key=lambda r: r.approved_at or dt.datetime.max):
        if revision.approved_at is None:
            continue
        revision.prev_hash = prev_hash or None
        revision.content_hash = prev_hash = hash_of(revision, prev_hash)
    return prev_hash


def _chain_head(session: Session) -> str | None:
    """The hash of the most recently approved revision (the chain's end)."""
    return session.scalar(
        select(MinutesRevision.content_hash)
        .where(MinutesRevision.approved_at.is_not(None))
        .order_by(MinutesRevision.approved_at.desc(), MinutesRevision.id.desc())
        .limit(1)
    )


# --------------------------------------------------------------------------- closing


def _actor(session: Session, fallback: str = "") -> str:
    return str(session.info.get("actor") or fallback)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise RecordGone("meeting", meeting_id)
    return meeting


def assemble_content(session: Session, meeting: Meeting) -> dict[str, Any]:
    """The structured record of a meeting, as the minutes draft stores it."""
    units = dict(session.execute(select(ResidentUnit.id, ResidentUnit.name)).all())
    rows = roster(session, meeting.id)
    on_roster = {r.attendance_id for r in rows}  # the body's members and observers
    unsigned = [{"name": r.name, "unit": r.unit_name, "note": "未签到"} for r in rows
                if r.attendance_id is None and (r.member_id is not None or r.body_member_id is not None)]
    started = session.scalar(select(MeetingRoomState.started_at).where(MeetingRoomState.meeting_id == meeting.id))
    attendance = [a for a in session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting.id).order_by(Attendance.id)
    ) if a.id in on_roster]
    items = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)
    ).all()
    position_of = {item.id: item.position for item in items}
    resolutions = session.scalars(
        select(Resolution)
        .where(Resolution.meeting_id == meeting.id)
        .order_by(Resolution.number)
        .options(selectinload(Resolution.co_units), selectinload(Resolution.cases))
    ).all()
    return {
        "title": f"{meeting.title}纪要",
        "meeting": {
            "id": meeting.id,
            "title": meeting.title,
            "kind": meeting.kind,
            "starts_at": meeting.starts_at.isoformat(sep=" "),
            "started_at": started.isoformat(sep=" ") if started else None,  # when it was actually opened
            "ended_at": meeting.ended_at.isoformat(sep=" ") if meeting.ended_at else None,
            "place": meeting.place,
            "chair": meeting.chair,
            "recorder": meeting.recorder,
        },
        "attendance": {  # a member with a delegate (代为出席) is listed with the delegate, not as present
            "present": [{"name": a.person_name, "unit": units.get(a.unit_id, "")} for a in attendance
                        if a.status == "present" and not a.delegate_name],
            "excused": [
                {"name": a.person_name, "delegate": a.delegate_name, "unit": units.get(a.unit_id, "")}
                for a in attendance
                if a.status == "excused" or (a.status == "present" and a.delegate_name)
            ],
            "absent": [{"name": a.person_name, "unit": units.get(a.unit_id, "")} for a in attendance
                       if a.status == "absent"] + unsigned,
            "observer": [
                {"name": a.person_name, "unit": units.get(a.unit_id, "") if a.unit_id else ""}
                for a in attendance
                if a.status == "observer"
            ],
        },
        "agenda": [
            {
                "position": item.position,
                "kind": item.kind,
                "title": item.title,
                "notes": (item.notes or "").strip(),
                "snapshot": item.projected_snapshot,
                "no_record": bool(item.no_record),
            }
            for item in items
        ],
        "resolutions": [
            {
                "number": r.number,
                "text": r.text,
                "owner": units.get(r.owner_unit_id, ""),
                "co_units": [u.name for u in sorted(r.co_units, key=lambda u: u.id)],
                "deadline": r.deadline.isoformat(),
                "item_position": position_of.get(r.agenda_item_id) if r.agenda_item_id else None,
                "cases": sorted(c.case_number for c in r.cases),
                "votes": None if r.votes_for is None else [r.votes_for, r.votes_against or 0, r.votes_abstain or 0],
            }
            for r in resolutions
        ],
    }


def _minutes_of(session: Session, meeting: Meeting, create: bool = False) -> Minutes | None:
    minutes = session.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))
    if minutes is None and create:
        minutes = Minutes(meeting_id=meeting.id, status="draft")
        session.add(minutes)
        session.flush()
    return minutes


def _revisions(session: Session, minutes: Minutes) -> list[MinutesRevision]:
    return list(
        session.scalars(
            select(MinutesRevision)
            .where(MinutesRevision.minutes_id == minutes.id)
            .order_by(MinutesRevision.number)
        )
    )


def _new_revision(
    session: Session, minutes: Minutes, content: str, reason: str, latest: MinutesRevision | None
) -> MinutesRevision:
    revision = MinutesRevision(
        minutes_id=minutes.id,
        number=(latest.number + 1) if latest else 1,
        content=content,
        reason=reason,
        created_by=_actor(session),
        created_at=clock.now(),
    )
    session.add(revision)
    minutes.status = "draft"
    session.flush()
    return revision


@dataclass(frozen=True)
class Draft:
    meeting_id: int
    revision: int
    changed: bool  # False when closing again found nothing new


def close_meeting(session: Session, meeting_id: int) -> Draft:
    """Close the meeting and write a minutes draft from its structured record.

    Closing a meeting that is already closed refreshes the draft (a new draft revision if the
    record changed since, e.g. the recorder filled in an item); approved minutes are amended,
    not re-closed.
    """
    meeting = _meeting(session, meeting_id)
    if meeting.status not in ("agenda_locked", "in_progress", "closed"):
        raise NotClosable(meeting.status)
    if meeting.status != "closed":
        meeting.status = "closed"
        meeting.ended_at = meeting.ended_at or clock.now()
    minutes = _minutes_of(session, meeting, create=True)
    assert minutes is not None
    content = canonical_json(assemble_content(session, meeting))
    revisions = _revisions(session, minutes)
    latest = revisions[-1] if revisions else None
    if latest is not None and latest.approved_at is not None:
        raise NotClosable("approved")
    if latest is not None and latest.content == content:
        return Draft(meeting.id, latest.number, changed=False)
    if latest is not None:
        # A draft is not yet a record: refresh it in place rather than pile up drafts.
        latest.content = content
        latest.created_by = _actor(session)
        latest.created_at = clock.now()
        session.flush()
        return Draft(meeting.id, latest.number, changed=True)
    revision = _new_revision(session, minutes, content, "", None)
    return Draft(meeting.id, revision.number, changed=True)


# --------------------------------------------------------------------------- approval, amendment


def _empty_item(content: dict[str, Any]) -> tuple[int, str] | None:
    decided = {r.get("item_position") for r in content.get("resolutions", [])}
    for item in content.get("agenda", []):
        if (not str(item.get("notes") or "").strip() and item.get("position") not in decided
                and not item.get("no_record")):
            return int(item.get("position") or 0), str(item.get("title") or "")
    return None


@dataclass(frozen=True)
class Approval:
    meeting_id: int
    revision: int
    approved_by: str
    approved_at: dt.datetime
    content_hash: str
    prev_hash: str | None


def approve_minutes(session: Session, meeting_id: int, approver: str, *, expected_hash: str) -> Approval:
    """Approve the meeting's draft, sign it with the approver's key and seal it into the hash chain.

    ``expected_hash`` is the :func:`shown_hash` of what the approver read (``MinutesRecord.shown_hash``):
    if the draft or its record changed since (someone edited them after it was opened), nothing is
    approved and :class:`ConflictError` carries both hashes and the newer text.
    """
    meeting = _meeting(session, meeting_id)
    # Serialise approvals from several PCs and hold the draft still from here to the commit: the
    # chain head and the draft are read under a table lock (SQLite serialises writers already).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE minutes_revision IN SHARE ROW EXCLUSIVE MODE"))
    minutes = _minutes_of(session, meeting)
    revisions = _revisions(session, minutes) if minutes is not None else []
    if minutes is None or not revisions or revisions[-1].approved_at is not None:
        raise NoDraft(meeting.title)
    draft = revisions[-1]
    session.refresh(draft)
    record = canonical_json(signatures.live_record(session, meeting.id, lock=True))
    current = shown_hash(draft.content, record)
    if expected_hash != current:
        raise ConflictError("minutes", minutes.id, draft.number, draft.number, mine={"hash": expected_hash},
                            theirs={"hash": current, "content": draft.content, "record": record},
                            their_author=draft.created_by)
    empty = _empty_item(json.loads(draft.content))
    if empty is not None:
        raise EmptyItem(*empty)
    approver = approver.strip() or _actor(session) or meeting.chair
    key = signatures.signing_key_for(session, approver)
    prev = _chain_head(session)
    approved = session.execute(
        select(func.count(), func.max(MinutesRevision.approved_at)).where(MinutesRevision.approved_at.is_not(None))
    ).one()
    now = clock.now()
    if approved[1] is not None and now <= approved[1]:
        now = approved[1] + dt.timedelta(seconds=1)  # keep approval order strictly increasing
    draft.approved_by = approver
    draft.approved_at = now
    draft.prev_hash = prev
    draft.hash_version = HASH_VERSION
    draft.sealed_record = record
    draft.content_hash = hash_of(draft, prev, meeting.id)
    draft.signing_key_id = key.id
    draft.signature = signatures.sign_with(key, signatures.revision_message(draft.content_hash))
    minutes.status = "approved"
    meeting.status = "approved"
    session.flush()
    signatures.seal_head(session, key, approved[0] + 1, draft.content_hash, meeting.id, draft.number, now)
    return Approval(meeting.id, draft.number, draft.approved_by, now, draft.content_hash, prev)


def amend(
    session: Session,
    meeting_id: int,
    reason: str,
    *,
    notes: dict[int, str] | None = None,
    resolutions: dict[int, str] | None = None,
    content: dict[str, Any] | None = None,
    expected_revision: int | None = None,
) -> Draft:
    """Write a new draft revision of approved minutes with the reason for the change.

    ``notes`` maps agenda positions to corrected notes, ``resolutions`` resolution numbers to
    corrected text; ``content`` replaces the record whole. The approved revisions stay as they
    are; the amendment is approved like any draft.
    """
    if not reason.strip():
        raise ReasonRequired()
    meeting = _meeting(session, meeting_id)
    minutes = _minutes_of(session, meeting)
    revisions = _revisions(session, minutes) if minutes is not None else []
    if minutes is None or not any(r.approved_at for r in revisions):
        raise NotApproved(meeting.title)
    latest = revisions[-1]
    if expected_revision is not None and expected_revision != latest.number:
        raise ConflictError("minutes", minutes.id, expected_revision, latest.number)
    record = content if content is not None else json.loads(latest.content)
    for item in record.get("agenda", []):
        if notes and item.get("position") in notes:
            item["notes"] = notes[item["position"]].strip()
    for res in record.get("resolutions", []):
        if resolutions and res.get("number") in resolutions:
            res["text"] = resolutions[res["number"]].strip()
    serialized = canonical_json(record)
    if latest.approved_at is None:  # a pending amendment: revise it, keep one draft
        latest.content = serialized
        latest.reason = reason.strip()
        latest.created_by = _actor(session)
        latest.created_at = clock.now()
        session.flush()
        return Draft(meeting.id, latest.number, changed=True)
    revision = _new_revision(session, minutes, serialized, reason.strip(), latest)
    return Draft(meeting.id, revision.number, changed=True)


def edit_draft(
    session: Session, meeting_id: int, notes: dict[int, str], *, expected_revision: int | None = None
) -> Draft:
    """Correct item notes of a draft before approval (typed into the minutes viewer)."""
    meeting = _meeting(session, meeting_id)
    minutes = _minutes_of(session, meeting)
    revisions = _revisions(session, minutes) if minutes is not None else []
    if not revisions or revisions[-1].approved_at is not None:
        raise NoDraft(meeting.title)
    draft = revisions[-1]
    if expected_revision is not None and expected_revision != draft.number:
        raise ConflictError("minutes", minutes.id, expected_revision, draft.number)
    record = json.loads(draft.content)
    for item in record.get("agenda", []):
        if item.get("position") in notes:
            item["notes"] = notes[item["position"]].strip()
    draft.content = canonical_json(record)
    draft.created_by = _actor(session)
    draft.created_at = clock.now()
    # the recorder's notes on the agenda item follow the correction
    for item in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)):
        if item.position in notes:
            item.notes = notes[item.position].strip()
    session.flush()
    return Draft(meeting.id, draft.number, changed=True)


# --------------------------------------------------------------------------- verification


def verify(session: Session) -> VerifyReport:
    """Recompute the hash chain over every approved revision, in approval order; check the
    signatures, the signed chain heads and, for each meeting's current approved revision, that its
    record still is what was sealed (and the meeting still approved)."""
    rows = session.execute(
        select(MinutesRevision, Meeting.id, Meeting.title, Meeting.starts_at)
        .join(Minutes, Minutes.id == MinutesRevision.minutes_id)
        .join(Meeting, Meeting.id == Minutes.meeting_id)
        .where(MinutesRevision.approved_at.is_not(None))
        .order_by(MinutesRevision.approved_at, MinutesRevision.id)
    ).all()
    keys = signatures.keys_by_id(session)
    problems: list[Problem] = []
    # The link to the previous record is good if it names that record's stored hash or the hash
    # it should have (so a record whose content or hash was edited is blamed once, not its successor).
    links: set[str] = {GENESIS}
    signed_before = False
    current: dict[int, tuple[MinutesRevision, tuple]] = {}
    for revision, mid, title, starts in rows:
        where = (mid, title, starts.date(), revision.number)
        expected = hash_of(revision, revision.prev_hash, mid)
        kind = None
        if revision.content_hash is None:
            kind = "not_sealed"
        elif (revision.prev_hash or GENESIS) not in links:
            kind = "chain_broken"
        elif revision.content_hash != expected:
            kind = "content_changed"
        else:
            kind = signatures.signature_problem(revision, keys, signed_before)
        if kind is not None:
            problems.append(Problem(kind, *where))
        signed_before = signed_before or (revision.hash_version or 1) >= 2
        links = {expected, revision.content_hash or expected}
        if mid not in current or current[mid][0].number < revision.number:
            current[mid] = (revision, where)
    for revision, where in current.values():
        if (revision.hash_version or 1) >= 2 and not any(p.meeting_id == where[0] for p in problems):
            if canonical_json(signatures.live_record(session, where[0])) != revision.sealed_record \
                    or session.get(Meeting, where[0]).status != "approved":
                problems.append(Problem("record_changed", *where))
    problems.extend(signatures.head_problems(session, [r for r, *_ in rows], keys))
    approved_meetings = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .outerjoin(Minutes, Minutes.meeting_id == Meeting.id)
        .where((Meeting.status == "approved") | (Minutes.status == "approved"))
        .order_by(Meeting.starts_at)
    ).all()
    for mid, title, starts in approved_meetings:
        if mid not in current:
            problems.append(Problem("missing_record", mid, title, starts.date(), None))
    # a revision number that skips (1, 3) means an approved revision was removed
    numbers: dict[int, list[int]] = {}
    for mid, number in session.execute(
        select(Minutes.meeting_id, MinutesRevision.number).join(Minutes, Minutes.id == MinutesRevision.minutes_id)
    ):
        numbers.setdefault(mid, []).append(number)
    for mid, found in numbers.items():
        if mid in current and sorted(found) != list(range(1, max(found) + 1)):
            _rev, (_m, title, day, _n) = current[mid]
            if not any(p.meeting_id == mid and p.kind in ("missing_record", "newest_missing") for p in problems):
                problems.append(Problem("missing_record", mid, title, day, None))
    signed = sum(1 for r, *_ in rows if (r.hash_version or 1) >= 2 and r.signature)
    return VerifyReport(len(rows), tuple(problems), signed)


# --------------------------------------------------------------------------- the record for export


@dataclass(frozen=True)
class Attendee:
    name: str
    note: str = ""  # the delegate (代为出席) / the observer's unit / 未签到
    unit: str = ""
    delegate: str = ""  # who attended in the member's place (代为出席)

    @property
    def written(self) -> str:
        """单位 + 姓名 as a 纪要 lists them; a delegated member as 「某某（由某某代为出席）」."""
        return f"{self.unit}{self.name}" + (f"（由{self.delegate}代为出席）" if self.delegate else "")


@dataclass(frozen=True)
class ItemRecord:
    position: int
    kind: str
    title: str
    notes: str
    figures: tuple[tuple[str, str], ...]  # the projected snapshot as (label, sentence) lines
    no_record: bool = False  # marked 无记录
    shown_at: dt.datetime | None = None  # when the projector first showed its figures


@dataclass(frozen=True)
class ResolutionRecord:
    number: int
    text: str
    owner: str
    co_units: tuple[str, ...]
    deadline: dt.date
    item_position: int | None
    votes: tuple[int, int, int] | None = None  # 表决: 同意, 反对, 弃权

    @property
    def vote_text(self) -> str:
        """「表决结果：一致同意」 / 「表决结果：同意9票，反对1票，弃权0票」, or "" (not put to a vote)."""
        if self.votes is None:
            return ""
        yes, no, abstain = self.votes
        if not no and not abstain:
            return "表决结果：一致同意"
        return f"表决结果：同意{yes}票，反对{no}票，弃权{abstain}票"


@dataclass(frozen=True)
class RevisionInfo:
    number: int
    reason: str
    created_by: str
    created_at: dt.datetime
    approved_by: str | None
    approved_at: dt.datetime | None
    content_hash: str | None
    fingerprint: str | None = None  # of the key that signed it (hash version 2)


@dataclass(frozen=True)
class MinutesRecord:
    meeting_id: int
    meeting_title: str
    meeting_status: str
    title: str
    kind: str
    starts_at: dt.datetime
    ended_at: dt.datetime | None
    place: str
    chair: str
    recorder: str
    present: tuple[Attendee, ...]
    excused: tuple[Attendee, ...]
    observers: tuple[Attendee, ...]
    absent: tuple[Attendee, ...]
    items: tuple[ItemRecord, ...]
    resolutions: tuple[ResolutionRecord, ...]
    revision: RevisionInfo
    revisions: tuple[RevisionInfo, ...]
    #: what approving this draft signs (:func:`shown_hash` of its text and record, read together)
    shown_hash: str = ""

    @property
    def approved(self) -> bool:
        return self.revision.approved_at is not None

    @property
    def document_date(self) -> dt.date:
        """成文日期: the approval date, else the meeting's date; never before the meeting."""
        return max((self.revision.approved_at or self.starts_at).date(), self.starts_at.date())


def _attendees(values: list[Any], note_key: str) -> tuple[Attendee, ...]:
    out = []
    for value in values:
        if isinstance(value, dict):
            out.append(Attendee(str(value.get("name", "")), str(value.get(note_key) or ""),
                                str(value.get("unit") or ""), str(value.get("delegate") or "")))
        else:
            out.append(Attendee(str(value)))
    return tuple(out)


def _pct(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"


def _shown_at(snapshot: Any) -> dt.datetime | None:
    shown = snapshot.get("shown_at") if isinstance(snapshot, dict) else None
    return dt.datetime.fromisoformat(shown) if isinstance(shown, str) else None


def _figures(snapshot: Any) -> tuple[tuple[str, str], ...]:
    """The figures the projector showed for an item (``db.meetings.ItemFigures`` JSON) as sentences an
    office writes: 「截至11月30日14时35分，关联网格事件13件，其中未办结5件（超期3件）、已办结8件」."""
    if not isinstance(snapshot, dict):
        return ()
    figures = snapshot.get("figures", snapshot)
    if not isinstance(figures, dict):
        return ()
    at = _shown_at(snapshot)
    as_of = f"截至{at.month}月{at.day}日{at.hour}时{at.minute:02d}分，" if at else ""
    out: list[tuple[str, str]] = []
    cases = figures.get("cases")
    if isinstance(cases, dict):
        out.append((
            "关联网格事件",
            f"{as_of}关联网格事件{cases.get('linked', 0)}件，其中未办结{cases.get('open', 0)}件"
            f"（超期{cases.get('overdue', 0)}件）、已办结{cases.get('closed', 0)}件",
        ))
    unit = figures.get("unit")
    if isinstance(unit, dict):
        out.append((
            f"{unit.get('unit_name', '')}",
            f"{as_of}{unit.get('unit_name', '')}本届近{unit.get('meetings_counted', 0)}次会议出席"
            f"{unit.get('meetings_came', 0)}次，牵头议定事项{unit.get('resolutions_owned', 0)}项，"
            f"已办结{unit.get('resolutions_done', 0)}项，逾期未办结{unit.get('resolutions_overdue_open', 0)}项，"
            f"按期办结率{_pct(unit.get('on_time_rate'))}",
        ))
    agreement = figures.get("agreement")
    if isinstance(agreement, dict):
        out.append((
            f"{agreement.get('municipal_unit', '')}与{agreement.get('community', '')}{agreement.get('year', '')}年度协议",
            f"{as_of}协议事项{agreement.get('items_total', 0)}项，已完成{agreement.get('items_done', 0)}项，"
            f"逾期{agreement.get('items_overdue', 0)}项，平均进度{_pct(agreement.get('average_progress'))}",
        ))
    if figures.get("follow_up_total"):
        out.append(("此前议定事项", f"{as_of}此前议定事项尚未办结{figures['follow_up_total']}项"))
    return tuple(out)


def _info(revision: MinutesRevision, fingerprints: dict[int, str]) -> RevisionInfo:
    return RevisionInfo(
        revision.number,
        revision.reason,
        revision.created_by,
        revision.created_at,
        revision.approved_by,
        revision.approved_at,
        revision.content_hash,
        fingerprints.get(revision.signing_key_id) if revision.signing_key_id is not None else None,
    )


def minutes_record(session: Session, meeting_id: int, revision: int | None = None) -> MinutesRecord:
    """The structured minutes of a meeting (the latest revision unless one is named)."""
    meeting = _meeting(session, meeting_id)
    minutes = _minutes_of(session, meeting)
    revisions = _revisions(session, minutes) if minutes is not None else []
    if not revisions:
        raise NoDraft(meeting.title)
    chosen = revisions[-1] if revision is None else next((r for r in revisions if r.number == revision), None)
    if chosen is None:
        raise NoDraft(meeting.title)
    record = json.loads(chosen.content)
    info = record.get("meeting", {})
    attendance = record.get("attendance", {})
    fingerprints = {k.id: k.fingerprint for k in signatures.keys_by_id(session).values()}
    # the meeting as held: opened in the room (e.g. a week early), else as scheduled
    held = info.get("started_at") or info.get("starts_at")
    starts = dt.datetime.fromisoformat(held) if held else meeting.starts_at
    ended = dt.datetime.fromisoformat(info["ended_at"]) if info.get("ended_at") else None
    return MinutesRecord(
        meeting_id=meeting.id,
        meeting_title=str(info.get("title") or meeting.title),
        meeting_status=meeting.status,
        title=str(record.get("title") or f"{meeting.title}纪要"),
        kind=str(info.get("kind") or meeting.kind),
        starts_at=starts,
        ended_at=ended,
        place=str(info.get("place") or ""),
        chair=str(info.get("chair") or ""),
        recorder=str(info.get("recorder") or ""),
        present=_attendees(attendance.get("present", []), "note"),
        excused=_attendees(attendance.get("excused", []), "delegate"),
        observers=_attendees(attendance.get("observer", []), "unit"),
        absent=_attendees(attendance.get("absent", []), "note"),
        items=tuple(
            ItemRecord(
                int(item.get("position") or i + 1),
                str(item.get("kind") or "other"),
                str(item.get("title") or ""),
                str(item.get("notes") or ""),
                _figures(item.get("snapshot")),
                bool(item.get("no_record")),
                _shown_at(item.get("snapshot")),
            )
            for i, item in enumerate(record.get("agenda", []))
        ),
        resolutions=tuple(
            ResolutionRecord(
                int(r.get("number") or i + 1),
                str(r.get("text") or ""),
                str(r.get("owner") or ""),
                tuple(r.get("co_units") or ()),
                dt.date.fromisoformat(r["deadline"]),
                r.get("item_position"),
                tuple(r["votes"]) if r.get("votes") else None,
            )
            for i, r in enumerate(record.get("resolutions", []))
        ),
        revision=_info(chosen, fingerprints),
        revisions=tuple(_info(r, fingerprints) for r in revisions),
        shown_hash=shown_hash(chosen.content, canonical_json(signatures.live_record(session, meeting.id)))
        if chosen.approved_at is None else "",
    )
