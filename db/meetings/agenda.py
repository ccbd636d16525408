"""Meetings before and during the meeting: the meeting, topic proposals, the agenda, sign-in and
quorum, the meeting room's current item, item minutes, resolutions, and the figures the projector
shows for each item.

Qt-free. Every function takes a ``Session`` first and returns frozen dataclasses. Bad input raises
:class:`MeetingError` with a stable ``code`` (the GUI turns it into one translated sentence) and
writes nothing. Closing, approving and exporting minutes live in ``db.meetings.minutes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from sqlalchemy import case, delete, func, insert, or_, select, true, update
from sqlalchemy.orm import Session, joinedload

from db.core import audit, clock
from db.core.base import AGENDA_KINDS, MEETING_KINDS, OPEN_CASE_STATES, OPEN_RESOLUTION_STATUSES
from db.core.texts import mask_text
from db.core.versioning import ConflictError
from db.schema.cases import GridCase
from db.schema.meetings import (
    BODY_MEETING_KINDS,
    AgendaItem,
    Meeting,
    MeetingBody,
    MeetingKindDefault,
    TopicProposal,
    agenda_item_case,
)
from db.schema.pairings import Pairing
from db.schema.resolutions import Resolution
from db.schema.street import CommitteeTerm, Community
from db.schema.units import ResidentUnit
from db.street.queries import current_term_id

EDITABLE_STATUSES = ("planned",)
#: Statuses in which the meeting is over: nothing in the room may change any more.
FINISHED_STATUSES = ("closed", "approved")
CASE_LINES_SHOWN = 6  # case lines the projector lists for an item
FOLLOW_UP_LINES_SHOWN = 6
AGREEMENT_LINES_SHOWN = 6
STREET_COMMITTEE_NAME = "大工委"
DEFAULT_FOLLOW_UP_TITLE = "{unit}：议定事项落实情况（{count}项，其中逾期{overdue}项）"


class MeetingError(Exception):
    """Bad input to a meeting service. ``code`` is stable; ``message`` is English for logs.

    Codes: ``not_found`` · ``bad_kind`` · ``blank_title`` · ``bad_length`` · ``bad_time`` ·
    ``agenda_locked`` · ``meeting_finished`` · ``not_started`` · ``empty_agenda`` · ``bad_order`` ·
    ``not_in_term`` · ``member_as_observer`` · ``bad_status`` · ``delegate_needs_presence`` ·
    ``blank_name`` · ``blank_text`` · ``no_owner`` · ``unknown_unit`` · ``no_deadline`` ·
    ``deadline_before_meeting`` · ``unknown_case`` · ``unknown_agreement_item`` · ``bad_decision`` ·
    ``already_decided`` · ``no_body`` · ``kind_not_for_body`` · ``not_in_body``. A meeting or an item's notes saved meanwhile elsewhere raise
    :class:`db.core.versioning.ConflictError`.
    """

    def __init__(self, code: str, message: str, **details: Any):
        self.code = code
        self.message = message
        self.details = details
        super().__init__(f"{code}: {message}")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    term_id: int
    kind: str
    title: str
    starts_at: dt.datetime
    planned_minutes: int
    place: str
    chair: str
    recorder: str
    status: str
    quorum_rule: str
    version: int
    ended_at: dt.datetime | None = None
    body_id: int | None = None
    body_name: str = ""  # the body that meets (db.meetings.bodies): 大工委, a 社区大党委, a 联席会议


@dataclass(frozen=True)
class MeetingListRow:
    meeting: MeetingInfo
    items: int
    agenda_minutes: int
    resolutions: int


@dataclass(frozen=True)
class AgendaItemInfo:
    id: int
    meeting_id: int
    position: int
    kind: str
    title: str
    planned_minutes: int
    unit_id: int | None
    unit_name: str
    pairing_id: int | None
    pairing_name: str
    proposal_id: int | None
    case_ids: tuple[int, ...]
    case_numbers: tuple[str, ...]
    notes: str
    version: int
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    no_record: bool = False  # marked 无记录: approval does not wait for its minutes


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingInfo
    items: tuple[AgendaItemInfo, ...]

    @property
    def agenda_minutes(self) -> int:
        return sum(i.planned_minutes for i in self.items)

    @property
    def over_length(self) -> bool:
        return self.agenda_minutes > self.meeting.planned_minutes

    @property
    def editable(self) -> bool:
        return self.meeting.status in EDITABLE_STATUSES


@dataclass(frozen=True)
class ProposalInfo:
    id: int
    title: str
    description: str
    unit_id: int | None
    unit_name: str
    case_id: int | None
    case_number: str
    meeting_id: int | None
    proposed_by: str
    proposed_at: dt.datetime
    status: str
    version: int


@dataclass(frozen=True)
class RosterRow:
    """One line of the sign-in roster: a member of the meeting's body — of the street committee's term
    (``member_id``) or of another body (``body_member_id``, with ``member_id`` when that person is a
    committee member too) — or an observer (列席, neither)."""

    member_id: int | None
    attendance_id: int | None
    name: str
    title: str
    unit_id: int | None
    unit_name: str
    status: str | None  # None: not signed in yet
    delegate_name: str
    signed_at: dt.datetime | None
    body_member_id: int | None = None  # a member of a body other than the street committee

    @property
    def is_member(self) -> bool:
        return self.member_id is not None or self.body_member_id is not None

    @property
    def counts_present(self) -> bool:
        return self.is_member and (self.status == "present" or bool(self.delegate_name))


@dataclass(frozen=True)
class Quorum:
    rule: str
    members: int
    present: int  # members present in person or through a delegate
    delegates: int
    excused: int
    absent: int
    observers: int
    not_signed: int
    required: int  # the fewest members present that make the meeting quorate

    @property
    def quorate(self) -> bool:
        return self.members > 0 and self.present >= self.required


@dataclass(frozen=True)
class UnitOption:
    id: int
    name: str
    is_member: bool


@dataclass(frozen=True)
class CaseOption:
    id: int
    case_number: str
    title: str
    state: str


@dataclass(frozen=True)
class ResolutionInfo:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    number: int
    text: str
    owner_unit_id: int
    owner_unit_name: str
    co_unit_ids: tuple[int, ...]
    deadline: dt.date
    case_ids: tuple[int, ...]
    agreement_item_ids: tuple[int, ...]
    task_id: int | None
    status: str


# --- the figures the projector shows for an item (frozen into AgendaItem.projected_snapshot)


@dataclass(frozen=True)
class CaseLine:
    case_number: str
    title: str  # phone numbers masked
    state: str
    deadline_at: dt.datetime | None
    overdue: bool
    handling_unit: str
    reporter: str  # masked: 张*
    reporter_phone: str  # masked: 138****5678
    category: str = ""  # structured fields the projector shows instead of the free text
    community: str = ""
    grid: str = ""
    case_id: int | None = None


@dataclass(frozen=True)
class CaseFigures:
    linked: int
    open: int
    overdue: int
    closed: int
    lines: tuple[CaseLine, ...]


@dataclass(frozen=True)
class UnitScorecard:
    """The owner unit's figures, taken from ``db.units.unit_profile`` (the units page's numbers)."""

    unit_id: int
    unit_name: str
    meetings_counted: int
    meetings_came: int
    attendance_rate: float | None
    resolutions_owned: int
    resolutions_done: int
    resolutions_overdue_open: int
    on_time_rate: float | None
    projects_claimed: int
    projects_delivered: int


@dataclass(frozen=True)
class AgreementLine:
    item_id: int
    title: str
    due_on: dt.date
    progress_pct: int
    status: str
    overdue: bool


@dataclass(frozen=True)
class AgreementFigures:
    pairing_id: int
    municipal_unit: str
    community: str
    year: int
    items_total: int
    items_done: int
    items_overdue: int
    average_progress: float | None  # 0..1
    lines: tuple[AgreementLine, ...]


@dataclass(frozen=True)
class FollowUpLine:
    resolution_id: int
    meeting_title: str
    number: int
    text: str
    owner_unit: str
    deadline: dt.date
    status: str
    overdue: bool


@dataclass(frozen=True)
class ItemFigures:
    item_id: int
    cases: CaseFigures | None = None
    unit: UnitScorecard | None = None
    agreement: AgreementFigures | None = None
    follow_up: tuple[FollowUpLine, ...] = ()
    follow_up_total: int = 0

    def to_json(self) -> dict[str, Any]:
        """The JSON frozen into ``AgendaItem.projected_snapshot``."""
        return _jsonable(self)


@dataclass(frozen=True)
class RoomData:
    """Everything the meeting room and the projector show, loaded in one go."""

    meeting: MeetingInfo
    items: tuple[AgendaItemInfo, ...]
    roster: tuple[RosterRow, ...]
    quorum: Quorum
    figures: dict[int, ItemFigures]
    current_item_id: int | None
    units: tuple[UnitOption, ...]
    resolutions: tuple[ResolutionInfo, ...]
    as_of: dt.datetime = field(default_factory=clock.now)


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
        return out
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- helpers


def _meeting(session: Session, meeting_id: int) -> Meeting:
    row = session.get(Meeting, meeting_id)
    if row is None:
        raise MeetingError("not_found", f"there is no meeting {meeting_id}")
    return row


def _item(session: Session, item_id: int) -> AgendaItem:
    row = session.get(AgendaItem, item_id)
    if row is None:
        raise MeetingError("not_found", f"there is no agenda item {item_id}")
    return row


def _require_editable(meeting: Meeting) -> None:
    if meeting.status not in EDITABLE_STATUSES:
        raise MeetingError("agenda_locked", "the agenda is locked; unlock it before changing it",
                           status=meeting.status)


def _require_open(meeting: Meeting) -> None:
    if meeting.status in FINISHED_STATUSES:
        raise MeetingError("meeting_finished", "the meeting is closed; its record can no longer change",
                           status=meeting.status)


def _meeting_info(m: Meeting) -> MeetingInfo:
    return MeetingInfo(id=m.id, term_id=m.term_id, kind=m.kind, title=m.title, starts_at=m.starts_at,
                       planned_minutes=m.planned_minutes, place=m.place, chair=m.chair, recorder=m.recorder,
                       status=m.status, quorum_rule=m.quorum_rule, version=m.version, ended_at=m.ended_at,
                       body_id=m.body_id, body_name=m.body.name if m.body is not None else "")


def _unit_label() -> Any:
    return func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name)


def _check_units(session: Session, unit_ids: Iterable[int]) -> None:
    wanted = set(unit_ids)
    if not wanted:
        return
    found = set(session.scalars(select(ResidentUnit.id).where(ResidentUnit.id.in_(wanted))))
    if wanted - found:
        raise MeetingError("unknown_unit", f"unknown units {sorted(wanted - found)}")


def _check_cases(session: Session, case_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(case_ids))
    if ids:
        found = set(session.scalars(select(GridCase.id).where(GridCase.id.in_(ids))))
        if set(ids) - found:
            raise MeetingError("unknown_case", f"unknown cases {sorted(set(ids) - found)}")
    return ids


# --------------------------------------------------------------------------- meetings


def kind_defaults(session: Session) -> dict[str, tuple[str, int]]:
    """kind → (quorum rule code, planned minutes)."""
    rows = session.execute(select(MeetingKindDefault.kind, MeetingKindDefault.quorum_rule,
                                  MeetingKindDefault.planned_minutes))
    return {k: (rule, minutes) for k, rule, minutes in rows}


def create_meeting(session: Session, *, kind: str, title: str, starts_at: dt.datetime, place: str = "",
                   chair: str = "", recorder: str = "", planned_minutes: int | None = None,
                   term_id: int | None = None, body_id: int | None = None) -> MeetingInfo:
    """A new meeting of ``body_id`` (default: the street committee) in the current term (or ``term_id``).

    The quorum rule is the body's; the length defaults per kind. The kind must be one the body holds.
    """
    if kind not in MEETING_KINDS:
        raise MeetingError("bad_kind", f"unknown meeting kind {kind!r}")
    if not (title or "").strip():
        raise MeetingError("blank_title", "a meeting needs a title")
    if starts_at is None:
        raise MeetingError("bad_time", "a meeting needs a start time")
    default_minutes = kind_defaults(session).get(kind, ("majority", 90))[1]
    minutes = default_minutes if planned_minutes is None else planned_minutes
    if not 1 <= minutes <= 24 * 60:
        raise MeetingError("bad_length", "the planned length must be between 1 minute and 24 hours")
    term = term_id or current_term_id(session)
    if term is None:
        raise MeetingError("no_term", "there is no committee term to hold the meeting in")
    body = _body_for(session, kind, term, body_id)
    row = Meeting(term_id=term, body_id=body.id, kind=kind, title=title.strip(), starts_at=starts_at, planned_minutes=minutes,
                  place=place.strip(), chair=chair.strip(), recorder=recorder.strip(), status="planned",
                  quorum_rule=body.quorum_rule)
    session.add(row)
    session.flush()
    return _meeting_info(row)


def _body_for(session: Session, kind: str, term_id: int, body_id: int | None) -> MeetingBody:
    """The body a new meeting belongs to: ``body_id``, else the term's street committee (made on first use)."""
    if body_id is None:
        if kind not in BODY_MEETING_KINDS["street_committee"]:
            raise MeetingError("no_body", f"choose the body that holds the {kind} meeting")
        return street_committee_body(session, session.get_one(CommitteeTerm, term_id).street_id)
    body = session.get(MeetingBody, body_id)
    if body is None:
        raise MeetingError("no_body", f"there is no meeting body {body_id}")
    if kind not in BODY_MEETING_KINDS[body.kind]:
        raise MeetingError("kind_not_for_body", f"{body.name} does not hold {kind} meetings", name=body.name)
    return body


def street_committee_body(session: Session, street_id: int) -> MeetingBody:
    """The street's 大工委 as a body; made on first use with the plenary kind's quorum rule."""
    body = session.scalars(select(MeetingBody).where(MeetingBody.street_id == street_id,
                                                     MeetingBody.kind == "street_committee")
                           .order_by(MeetingBody.id)).first()
    if body is None:
        rule = kind_defaults(session).get("plenary", ("majority", 0))[0]
        body = MeetingBody(street_id=street_id, kind="street_committee", level="", name=STREET_COMMITTEE_NAME,
                           quorum_rule=rule, position=0, active=True)
        session.add(body)
        session.flush()
    return body


def update_meeting(session: Session, meeting_id: int, expected_version: int, **changes: Any) -> MeetingInfo:
    """Change a meeting's kind, title, time, place, chair, recorder or planned length."""
    row = _meeting(session, meeting_id)
    _require_open(row)
    if row.version != expected_version:
        raise ConflictError("meeting", meeting_id, expected_version, row.version)
    allowed = {"kind", "title", "starts_at", "place", "chair", "recorder", "planned_minutes"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)}")
    if "kind" in changes and changes["kind"] not in MEETING_KINDS:
        raise MeetingError("bad_kind", f"unknown meeting kind {changes['kind']!r}")
    if "title" in changes and not (changes["title"] or "").strip():
        raise MeetingError("blank_title", "a meeting needs a title")
    if "planned_minutes" in changes and not 1 <= int(changes["planned_minutes"]) <= 24 * 60:
        raise MeetingError("bad_length", "the planned length must be between 1 minute and 24 hours")
    if "kind" in changes and changes["kind"] not in BODY_MEETING_KINDS[row.body.kind]:
        raise MeetingError("kind_not_for_body", f"{row.body.name} does not hold {changes['kind']} meetings",
                           name=row.body.name)
    for name, value in changes.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    session.flush()
    return _meeting_info(row)


def list_meetings(session: Session, body_id: int | None = None) -> list[MeetingListRow]:
    """Every meeting (of ``body_id``, if given), newest first, with its agenda size and resolution count."""
    agenda = (select(AgendaItem.meeting_id, func.count().label("n"),
                     func.coalesce(func.sum(AgendaItem.planned_minutes), 0).label("minutes"))
              .group_by(AgendaItem.meeting_id).subquery())
    resolutions = (select(Resolution.meeting_id, func.count().label("n"))
                   .group_by(Resolution.meeting_id).subquery())
    rows = session.execute(
        select(Meeting, func.coalesce(agenda.c.n, 0), func.coalesce(agenda.c.minutes, 0),
               func.coalesce(resolutions.c.n, 0))
        .outerjoin(agenda, agenda.c.meeting_id == Meeting.id)
        .outerjoin(resolutions, resolutions.c.meeting_id == Meeting.id)
        .options(joinedload(Meeting.body))
        .where(Meeting.body_id == body_id if body_id is not None else true())
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    )
    return [MeetingListRow(_meeting_info(m), int(n), int(minutes), int(r)) for m, n, minutes, r in rows]


def meeting_detail(session: Session, meeting_id: int) -> MeetingDetail:
    m = _meeting(session, meeting_id)
    return MeetingDetail(_meeting_info(m), tuple(agenda_items(session, meeting_id)))


def agenda_items(session: Session, meeting_id: int) -> list[AgendaItemInfo]:
    pairing_name = (
        select(func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name)
               + " — " + Community.name)
        .select_from(Pairing)
        .join(ResidentUnit, ResidentUnit.id == Pairing.municipal_unit_id)
        .join(Community, Community.id == Pairing.community_id)
        .where(Pairing.id == AgendaItem.pairing_id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(AgendaItem, _unit_label(), pairing_name)
        .outerjoin(ResidentUnit, ResidentUnit.id == AgendaItem.unit_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    links: dict[int, list[tuple[int, str]]] = {}
    for item_id, case_id, number in session.execute(
        select(agenda_item_case.c.agenda_item_id, GridCase.id, GridCase.case_number)
        .join(GridCase, GridCase.id == agenda_item_case.c.case_id)
        .join(AgendaItem, AgendaItem.id == agenda_item_case.c.agenda_item_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(GridCase.case_number)
    ):
        links.setdefault(item_id, []).append((case_id, number))
    out = []
    for item, unit_name, p_name in rows:
        linked = links.get(item.id, [])
        out.append(AgendaItemInfo(
            id=item.id, meeting_id=item.meeting_id, position=item.position, kind=item.kind, title=item.title,
            planned_minutes=item.planned_minutes, unit_id=item.unit_id, unit_name=unit_name or "",
            pairing_id=item.pairing_id, pairing_name=p_name or "", proposal_id=item.proposal_id,
            case_ids=tuple(c for c, _ in linked), case_numbers=tuple(n for _, n in linked), notes=item.notes or "",
            version=item.version, started_at=item.started_at, ended_at=item.ended_at, no_record=item.no_record))
    return out


def lock_agenda(session: Session, meeting_id: int) -> MeetingInfo:
    """Freeze the agenda before the meeting (status ``agenda_locked``)."""
    row = _meeting(session, meeting_id)
    _require_editable(row)
    if not session.scalar(select(func.count()).select_from(AgendaItem).where(AgendaItem.meeting_id == meeting_id)):
        raise MeetingError("empty_agenda", "an empty agenda cannot be locked")
    with audit.action(session, "lock_agenda"):
        row.status = "agenda_locked"
    return _meeting_info(row)


def unlock_agenda(session: Session, meeting_id: int) -> MeetingInfo:
    row = _meeting(session, meeting_id)
    if row.status != "agenda_locked":
        raise MeetingError("bad_status", "only a locked agenda that has not started can be unlocked",
                           status=row.status)
    with audit.action(session, "unlock_agenda"):
        row.status = "planned"
    return _meeting_info(row)


# --------------------------------------------------------------------------- agenda builder


def add_item(session: Session, meeting_id: int, *, title: str, kind: str = "other", planned_minutes: int = 10,
             unit_id: int | None = None, pairing_id: int | None = None, case_ids: Sequence[int] = (),
             proposal_id: int | None = None) -> AgendaItemInfo:
    """Append an item at the end of the agenda."""
    meeting = _meeting(session, meeting_id)
    _require_editable(meeting)
    _validate_item(session, title, kind, planned_minutes, unit_id)
    ids = _check_cases(session, case_ids)
    last = session.scalar(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)) or 0
    item = AgendaItem(meeting_id=meeting_id, position=last + 1, kind=kind, title=title.strip(),
                      planned_minutes=planned_minutes, unit_id=unit_id, pairing_id=pairing_id,
                      proposal_id=proposal_id, notes="")
    session.add(item)
    session.flush()
    if ids:
        session.execute(insert(agenda_item_case), [{"agenda_item_id": item.id, "case_id": c} for c in ids])
    return _item_info(session, item.id)


def update_item(session: Session, item_id: int, *, title: str, kind: str, planned_minutes: int,
                unit_id: int | None = None, pairing_id: int | None = None,
                case_ids: Sequence[int] | None = None) -> AgendaItemInfo:
    item = _item(session, item_id)
    _require_editable(item.meeting)
    _validate_item(session, title, kind, planned_minutes, unit_id)
    item.title, item.kind, item.planned_minutes = title.strip(), kind, planned_minutes
    item.unit_id, item.pairing_id = unit_id, pairing_id
    if case_ids is not None:
        ids = _check_cases(session, case_ids)
        session.execute(delete(agenda_item_case).where(agenda_item_case.c.agenda_item_id == item_id))
        if ids:
            session.execute(insert(agenda_item_case), [{"agenda_item_id": item_id, "case_id": c} for c in ids])
    session.flush()
    return _item_info(session, item.id)


def remove_item(session: Session, item_id: int) -> None:
    item = _item(session, item_id)
    meeting = item.meeting
    _require_editable(meeting)
    session.execute(update(Resolution).where(Resolution.agenda_item_id == item_id).values(agenda_item_id=None))
    session.delete(item)
    session.flush()
    _renumber(session, meeting.id, [i.id for i in _ordered(session, meeting.id)])


def reorder_items(session: Session, meeting_id: int, ordered_ids: Sequence[int]) -> list[AgendaItemInfo]:
    """Put the agenda in the order given (every item exactly once)."""
    meeting = _meeting(session, meeting_id)
    _require_editable(meeting)
    current = [i.id for i in _ordered(session, meeting_id)]
    if sorted(current) != sorted(ordered_ids):
        raise MeetingError("bad_order", "the new order must list every agenda item exactly once")
    with audit.action(session, "reorder_agenda"):
        _renumber(session, meeting_id, list(ordered_ids))
    return agenda_items(session, meeting_id)


def move_item(session: Session, item_id: int, offset: int) -> list[AgendaItemInfo]:
    """Move an item ``offset`` places up (negative) or down (positive), clamped to the agenda."""
    item = _item(session, item_id)
    ids = [i.id for i in _ordered(session, item.meeting_id)]
    at = ids.index(item_id)
    ids.insert(max(0, min(len(ids) - 1, at + offset)), ids.pop(at))
    return reorder_items(session, item.meeting_id, ids)


def _ordered(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                                .order_by(AgendaItem.position, AgendaItem.id)))


def _renumber(session: Session, meeting_id: int, ordered_ids: list[int]) -> None:
    items = {i.id: i for i in _ordered(session, meeting_id)}
    for position, item_id in enumerate(ordered_ids, start=1):
        if items[item_id].position != position:
            items[item_id].position = position
    session.flush()


def _validate_item(session: Session, title: str, kind: str, planned_minutes: int, unit_id: int | None) -> None:
    if kind not in AGENDA_KINDS:
        raise MeetingError("bad_kind", f"unknown agenda item kind {kind!r}")
    if not (title or "").strip():
        raise MeetingError("blank_title", "an agenda item needs a title")
    if not 1 <= int(planned_minutes) <= 600:
        raise MeetingError("bad_length", "an item's planned time must be between 1 and 600 minutes")
    if unit_id is not None:
        _check_units(session, [unit_id])


def _item_info(session: Session, item_id: int) -> AgendaItemInfo:
    item = _item(session, item_id)
    return next(i for i in agenda_items(session, item.meeting_id) if i.id == item_id)


def search_cases(session: Session, text: str, limit: int = 20) -> list[CaseOption]:
    """Cases whose number or title contains ``text`` (for linking to a case-review item); open first."""
    text = (text or "").strip()
    if not text:
        return []
    pattern = f"%{text}%"
    rows = session.execute(
        select(GridCase.id, GridCase.case_number, GridCase.title, GridCase.state)
        .where(or_(GridCase.case_number.like(pattern), GridCase.title.like(pattern)))
        .order_by(case((GridCase.state.in_(OPEN_CASE_STATES), 0), else_=1), GridCase.reported_at.desc())
        .limit(limit)
    )
    return [CaseOption(i, n, mask_text(t), s) for i, n, t, s in rows]


# --------------------------------------------------------------------------- follow-up of earlier resolutions


def generate_follow_up_items(session: Session, meeting_id: int, today: dt.date | None = None,
                             title_format: str = DEFAULT_FOLLOW_UP_TITLE,
                             minutes_per_item: int = 5) -> list[AgendaItemInfo]:
    """One ``follow_up`` item per owner unit with open resolutions from earlier meetings.

    Units are ordered by how many of their resolutions are overdue, then by how many are open.
    A unit that already has a follow-up item on this agenda gets no second one. ``title_format``
    may use ``{unit}``, ``{count}`` and ``{overdue}``. Returns the items added.
    """
    meeting = _meeting(session, meeting_id)
    _require_editable(meeting)
    today = today or meeting.starts_at.date()
    groups = open_resolutions_by_owner(session, meeting.starts_at, today)
    existing = set(session.scalars(select(AgendaItem.unit_id).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.kind == "follow_up", AgendaItem.unit_id.is_not(None))))
    added = []
    for unit_id, unit_name, count, overdue in groups:
        if unit_id in existing:
            continue
        title = title_format.format(unit=unit_name, count=count, overdue=overdue)
        added.append(add_item(session, meeting_id, title=title, kind="follow_up", planned_minutes=minutes_per_item,
                              unit_id=unit_id))
    return added


def open_resolutions_by_owner(session: Session, before: dt.datetime,
                              today: dt.date) -> list[tuple[int, str, int, int]]:
    """(owner unit id, name, open resolutions, of which overdue) for resolutions made before ``before``."""
    overdue = func.count(case((Resolution.deadline < today, 1)))
    rows = session.execute(
        select(Resolution.owner_unit_id, _unit_label(), func.count(), overdue)
        .join(Meeting, Meeting.id == Resolution.meeting_id)
        .join(ResidentUnit, ResidentUnit.id == Resolution.owner_unit_id)
        .where(Resolution.status.in_(OPEN_RESOLUTION_STATUSES), Meeting.starts_at < before)
        .group_by(Resolution.owner_unit_id, ResidentUnit.short_name, ResidentUnit.name)
        .order_by(overdue.desc(), func.count().desc(), Resolution.owner_unit_id)
    )
    return [(int(u), str(n), int(c), int(o)) for u, n, c, o in rows]


# --------------------------------------------------------------------------- topic proposals


def list_proposals(session: Session, meeting_id: int | None = None) -> list[ProposalInfo]:
    """Proposals waiting for a decision (any meeting) plus those already decided for ``meeting_id``."""
    cond = TopicProposal.status.in_(("proposed", "deferred"))
    if meeting_id is not None:
        cond = or_(cond, TopicProposal.meeting_id == meeting_id)
    rows = session.execute(
        select(TopicProposal, _unit_label(), GridCase.case_number)
        .outerjoin(ResidentUnit, ResidentUnit.id == TopicProposal.unit_id)
        .outerjoin(GridCase, GridCase.id == TopicProposal.case_id)
        .where(cond)
        .order_by(case((TopicProposal.status == "proposed", 0), else_=1), TopicProposal.proposed_at.desc())
    )
    return [ProposalInfo(id=p.id, title=p.title, description=p.description, unit_id=p.unit_id,
                         unit_name=u or "", case_id=p.case_id, case_number=n or "", meeting_id=p.meeting_id,
                         proposed_by=p.proposed_by, proposed_at=p.proposed_at, status=p.status, version=p.version)
            for p, u, n in rows]


def decide_proposal(session: Session, proposal_id: int, decision: str, meeting_id: int,
                    planned_minutes: int = 15) -> AgendaItemInfo | None:
    """Accept a proposal onto ``meeting_id``'s agenda (returns the new item), or reject/defer it."""
    if decision not in ("accepted", "rejected", "deferred"):
        raise MeetingError("bad_decision", f"unknown decision {decision!r}")
    proposal = session.get(TopicProposal, proposal_id)
    if proposal is None:
        raise MeetingError("not_found", f"there is no proposal {proposal_id}")
    if proposal.status in ("accepted", "rejected"):
        raise MeetingError("already_decided", "this proposal has already been decided", status=proposal.status)
    meeting = _meeting(session, meeting_id)
    item = None
    with audit.action(session, {"accepted": "accept_proposal", "rejected": "reject_proposal",
                                "deferred": "defer_proposal"}[decision]):
        if decision == "accepted":
            _require_editable(meeting)
            kind = "case_review" if proposal.case_id else "proposal"
            item = add_item(session, meeting_id, title=proposal.title, kind=kind, planned_minutes=planned_minutes,
                            unit_id=proposal.unit_id, proposal_id=proposal.id,
                            case_ids=[proposal.case_id] if proposal.case_id else ())
            proposal.meeting_id = meeting_id
        elif decision == "deferred":
            proposal.meeting_id = None
        else:
            proposal.meeting_id = meeting_id
        proposal.status = decision
    return item


