"""The meeting room: starting, the current item, item notes, projection, resolutions
recorded, and the figures the projector shows for each item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import and_, case, func, insert, select, update
from sqlalchemy.orm import Session

from db.cases.queries import overdue_condition
from db.core import audit, clock
from db.core.base import DONE_CASE_STATES, OPEN_CASE_STATES, OPEN_RESOLUTION_STATUSES
from db.core.texts import mask_name, mask_phone, mask_text
from db.core.versioning import save_versioned
from db.meetings.agenda import (
    AGREEMENT_LINES_SHOWN,
    CASE_LINES_SHOWN,
    FINISHED_STATUSES,
    FOLLOW_UP_LINES_SHOWN,
    AgendaItemInfo,
    AgreementFigures,
    AgreementLine,
    CaseFigures,
    CaseLine,
    FollowUpLine,
    ItemFigures,
    MeetingError,
    MeetingInfo,
    ResolutionInfo,
    RoomData,
    UnitOption,
    UnitScorecard,
    _check_cases,
    _check_units,
    _item,
    _meeting,
    _meeting_info,
    _ordered,
    _require_open,
    _unit_label,
    _validate_item,
    agenda_items,
)
from db.meetings.signin import quorum, roster
from db.pairings import agreements as pairings
from db.schema.cases import CaseCategory, GridCase, HandlingUnit
from db.schema.meetings import (
    AgendaItem,
    Meeting,
    MeetingRoomState,
    agenda_item_case,
    resolution_agreement_item,
    resolution_case,
    resolution_co_unit,
)
from db.schema.pairings import AgreementItem, Pairing
from db.schema.resolutions import Resolution, Task
from db.schema.street import Community, Grid
from db.schema.units import MemberUnit, ResidentUnit
from db.units import profile as units

# --------------------------------------------------------------------------- the meeting room


def start_meeting(session: Session, meeting_id: int, now: dt.datetime | None = None) -> MeetingInfo:
    """Open the meeting (status ``in_progress``, agenda frozen) with the first item on screen."""
    meeting = _meeting(session, meeting_id)
    _require_open(meeting)
    items = _ordered(session, meeting_id)
    if not items:
        raise MeetingError("empty_agenda", "a meeting without an agenda cannot start")
    now = now or clock.now()
    if meeting.status != "in_progress":
        with audit.action(session, "start"):
            meeting.status = "in_progress"
    state = session.get(MeetingRoomState, meeting_id)
    if state is None:
        session.add(MeetingRoomState(meeting_id=meeting_id, current_item_id=None, started_at=now, updated_at=now))
        session.flush()
        set_current_item(session, meeting_id, items[0].id, now)
    return _meeting_info(meeting)


def current_item_id(session: Session, meeting_id: int) -> int | None:
    return session.scalar(select(MeetingRoomState.current_item_id).where(MeetingRoomState.meeting_id == meeting_id))


def set_current_item(session: Session, meeting_id: int, item_id: int, now: dt.datetime | None = None) -> None:
    """The chair moved to ``item_id``: the previous item ends, this one starts (first time only).

    Times are stamped without bumping the items' versions, so the recorder's minutes (which are
    version-checked) are not made stale by the chair moving on.
    """
    meeting = _meeting(session, meeting_id)
    if meeting.status != "in_progress":
        raise MeetingError("not_started", "the meeting has not been started")
    item = _item(session, item_id)
    if item.meeting_id != meeting_id:
        raise MeetingError("not_found", f"item {item_id} is not on this meeting's agenda")
    now = now or clock.now()
    state = session.get(MeetingRoomState, meeting_id)
    if state is None:
        state = MeetingRoomState(meeting_id=meeting_id, started_at=now)
        session.add(state)
    previous = state.current_item_id
    table = AgendaItem.__table__
    if previous is not None and previous != item_id:
        session.execute(update(table).where(table.c.id == previous, table.c.ended_at.is_(None))
                        .values(ended_at=now))
    session.execute(update(table).where(table.c.id == item_id, table.c.started_at.is_(None))
                    .values(started_at=now))
    session.execute(update(table).where(table.c.id == item_id).values(ended_at=None))
    state.current_item_id = item_id
    state.updated_at = now
    session.flush()
    session.expire(item)


def save_item_notes(session: Session, item_id: int, text: str, expected_version: int, *,
                    base: dict[str, Any] | None = None, action: str | None = None) -> int:
    """Save the recorder's minutes for an item if nobody changed them meanwhile; returns the new version.

    The one way an item's notes are saved — by the room, by the recovery of a draft and by the
    outbox (``Edit("agenda_notes")``): a closed or approved meeting refuses (``meeting_finished``),
    and a save that started from an older version raises :class:`~db.core.versioning.ConflictError`
    with both texts (and who saved meanwhile, the text it started from, when ``base`` or the audit
    trail knows it), so the caller can keep the user's text and show both. ``action="overwrite"``:
    kept over a newer version.
    """
    item = _item(session, item_id)
    _require_open(item.meeting)
    return save_versioned(session, AgendaItem, item_id, expected_version, {"notes": text}, base=base, action=action)


def notes_state(session: Session, item_ids: Sequence[int]) -> dict[int, tuple[str, bool]]:
    """Each item's notes in the database and whether its meeting is finished (closed or approved,
    so :func:`save_item_notes` refuses): what a draft typed on this PC is compared with."""
    rows = session.execute(select(AgendaItem.id, AgendaItem.notes, Meeting.status)
                           .join(Meeting, Meeting.id == AgendaItem.meeting_id).where(AgendaItem.id.in_(item_ids)))
    return {i: (notes or "", status in FINISHED_STATUSES) for i, notes, status in rows}


def record_projection(session: Session, item_id: int, figures: dict[str, Any],
                      now: dt.datetime | None = None) -> bool:
    """Freeze what the projector showed for an item into ``projected_snapshot``.

    Written the first time the item is projected and again whenever the figures change while it
    is; returns whether anything was written. Like the item's times, this does not bump its version.
    """
    item = _item(session, item_id)
    if item.meeting.status in FINISHED_STATUSES:
        return False
    now = now or clock.now()
    old = item.projected_snapshot or {}
    if old.get("figures") == figures:
        return False
    snapshot = {"shown_at": old.get("shown_at") or now.isoformat(), "updated_at": now.isoformat(),
                "figures": figures}
    table = AgendaItem.__table__
    session.execute(update(table).where(table.c.id == item_id).values(projected_snapshot=snapshot))
    session.expire(item)
    return True


def reopen_meeting(session: Session, meeting_id: int, reason: str) -> MeetingInfo:
    """Reopen a closed meeting before its minutes are approved, with the reason (kept on the meeting,
    so the audit trail records it with the change of status); closing again refreshes the draft."""
    meeting = _meeting(session, meeting_id)
    reason = (reason or "").strip()
    if meeting.status == "approved":
        raise MeetingError("approved_amend", "approved minutes change only by an amendment")
    if meeting.status != "closed":
        raise MeetingError("not_closed", "only a closed meeting can be reopened")
    if not reason:
        raise MeetingError("no_reason", "give the reason for reopening")
    meeting.status, meeting.reopen_reason, meeting.ended_at = "in_progress", reason[:500], None
    session.flush()
    return _meeting_info(meeting)


def set_public_title(session: Session, item_id: int, case_id: int, title: str) -> None:
    """The chair's title for a linked case on the projector (blank: its category and place only)."""
    _require_open(_item(session, item_id).meeting)
    link = agenda_item_case.c
    session.execute(update(agenda_item_case).where(link.agenda_item_id == item_id, link.case_id == case_id)
                    .values(public_title=(title or "").strip()[:200]))


def mark_no_record(session: Session, item_id: int, no_record: bool = True) -> None:
    """Mark an item 无记录 (nothing to minute), so approval does not wait for its minutes."""
    item = _item(session, item_id)
    _require_open(item.meeting)
    item.no_record = no_record
    session.flush()


def add_item_during_meeting(session: Session, meeting_id: int, title: str, kind: str = "other",
                            planned_minutes: int = 10) -> AgendaItemInfo:
    """An item raised during the meeting (临时动议), added at the end of its running agenda."""
    meeting = _meeting(session, meeting_id)
    if meeting.status != "in_progress":
        raise MeetingError("not_started", "the meeting has not been started")
    _validate_item(session, title, kind, planned_minutes, None)
    last = session.scalar(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)) or 0
    item = AgendaItem(meeting_id=meeting_id, position=last + 1, kind=kind, title=title.strip(),
                      planned_minutes=planned_minutes, notes="")
    session.add(item)
    session.flush()
    return next(i for i in agenda_items(session, meeting_id) if i.id == item.id)


# --------------------------------------------------------------------------- resolutions


def record_resolution(session: Session, meeting_id: int, agenda_item_id: int | None, text: str,
                      owner_unit_id: int | None, co_unit_ids: Sequence[int] = (), deadline: dt.date | None = None,
                      case_ids: Sequence[int] = (), agreement_item_ids: Sequence[int] = (),
                      votes: tuple[int, int, int] | None = None) -> ResolutionInfo:
    """A resolution (议定事项) numbered within its meeting, with its links, its tracked task and its
    表决 (``votes``: 同意, 反对, 弃权; None when it was not put to a vote)."""
    meeting = _meeting(session, meeting_id)
    _require_open(meeting)
    text = (text or "").strip()
    if not text:
        raise MeetingError("blank_text", "a resolution needs its text")
    if owner_unit_id is None:
        raise MeetingError("no_owner", "a resolution needs an owner unit")
    if deadline is None:
        raise MeetingError("no_deadline", "a resolution needs a deadline")
    if deadline < meeting.starts_at.date():
        raise MeetingError("deadline_before_meeting", "the deadline cannot be before the meeting",
                           meeting_date=meeting.starts_at.date())
    if votes is not None and (len(votes) != 3 or any(not isinstance(v, int) or v < 0 for v in votes)
                              or not votes[0] + votes[1] + votes[2]):
        raise MeetingError("bad_votes", "the votes are three counts, not all zero")
    co_units = [u for u in dict.fromkeys(co_unit_ids) if u != owner_unit_id]
    _check_units(session, [owner_unit_id, *co_units])
    if agenda_item_id is not None and _item(session, agenda_item_id).meeting_id != meeting_id:
        raise MeetingError("not_found", f"item {agenda_item_id} is not on this meeting's agenda")
    cases = _check_cases(session, case_ids)
    items = list(dict.fromkeys(agreement_item_ids))
    if items:
        found = set(session.scalars(select(AgreementItem.id).where(AgreementItem.id.in_(items))))
        if set(items) - found:
            raise MeetingError("unknown_agreement_item", f"unknown agreement items {sorted(set(items) - found)}")
    number = (session.scalar(select(func.max(Resolution.number)).where(Resolution.meeting_id == meeting_id)) or 0) + 1
    res = Resolution(meeting_id=meeting_id, agenda_item_id=agenda_item_id, number=number, text=text,
                     owner_unit_id=owner_unit_id, deadline=deadline, status="open",
                     votes_for=votes[0] if votes else None, votes_against=votes[1] if votes else None,
                     votes_abstain=votes[2] if votes else None)
    session.add(res)
    session.flush()
    if co_units:
        session.execute(insert(resolution_co_unit), [{"resolution_id": res.id, "unit_id": u} for u in co_units])
    if items:
        session.execute(insert(resolution_agreement_item), [{"resolution_id": res.id, "item_id": i} for i in items])
    title = text.splitlines()[0]
    task = Task(resolution_id=res.id, title=title[:199] + "…" if len(title) > 200 else title,
                owner_unit_id=owner_unit_id, deadline=deadline, status="open", progress_pct=0)
    session.add(task)
    session.flush()
    if cases:
        # the task exists first: the database's one rule (0012) moves it and the resolution as the
        # linked cases close; a case already closed now does not count
        still_open = set(session.scalars(select(GridCase.id).where(GridCase.id.in_(cases),
                                                                   GridCase.state.in_(OPEN_CASE_STATES))))
        session.execute(insert(resolution_case), [{"resolution_id": res.id, "case_id": c, "counted": c in still_open}
                                                  for c in cases])
        session.refresh(res)
        session.refresh(task)
    owner = session.get(ResidentUnit, owner_unit_id)
    return ResolutionInfo(id=res.id, meeting_id=meeting_id, agenda_item_id=agenda_item_id, number=number,
                          text=text, owner_unit_id=owner_unit_id,
                          owner_unit_name=(owner.short_name or owner.name) if owner else "",
                          co_unit_ids=tuple(co_units), deadline=deadline, case_ids=tuple(cases),
                          agreement_item_ids=tuple(items), task_id=task.id, status=res.status)


def meeting_resolutions(session: Session, meeting_id: int) -> list[ResolutionInfo]:
    rows = session.execute(
        select(Resolution, _unit_label())
        .join(ResidentUnit, ResidentUnit.id == Resolution.owner_unit_id)
        .where(Resolution.meeting_id == meeting_id).order_by(Resolution.number)
    ).all()
    ids = [r.id for r, _ in rows]
    co: dict[int, list[int]] = {}
    cases: dict[int, list[int]] = {}
    items: dict[int, list[int]] = {}
    tasks: dict[int, int] = {}
    if ids:
        for rid, uid in session.execute(select(resolution_co_unit.c.resolution_id, resolution_co_unit.c.unit_id)
                                        .where(resolution_co_unit.c.resolution_id.in_(ids))):
            co.setdefault(rid, []).append(uid)
        for rid, cid in session.execute(select(resolution_case.c.resolution_id, resolution_case.c.case_id)
                                        .where(resolution_case.c.resolution_id.in_(ids))):
            cases.setdefault(rid, []).append(cid)
        for rid, iid in session.execute(
                select(resolution_agreement_item.c.resolution_id, resolution_agreement_item.c.item_id)
                .where(resolution_agreement_item.c.resolution_id.in_(ids))):
            items.setdefault(rid, []).append(iid)
        for rid, tid in session.execute(select(Task.resolution_id, func.min(Task.id))
                                        .where(Task.resolution_id.in_(ids)).group_by(Task.resolution_id)):
            tasks[rid] = tid
    return [ResolutionInfo(id=r.id, meeting_id=r.meeting_id, agenda_item_id=r.agenda_item_id, number=r.number,
                           text=r.text, owner_unit_id=r.owner_unit_id, owner_unit_name=u,
                           co_unit_ids=tuple(sorted(co.get(r.id, []))), deadline=r.deadline,
                           case_ids=tuple(sorted(cases.get(r.id, []))),
                           agreement_item_ids=tuple(sorted(items.get(r.id, []))), task_id=tasks.get(r.id),
                           status=r.status)
            for r, u in rows]


def unit_options(session: Session, term_id: int | None) -> list[UnitOption]:
    """Active units for owner/co-unit pickers: the term's member units first."""
    members = set(session.scalars(select(MemberUnit.unit_id).where(MemberUnit.term_id == term_id)))
    rows = session.execute(select(ResidentUnit.id, _unit_label()).where(ResidentUnit.active)
                           .order_by(ResidentUnit.name))
    options = [UnitOption(i, n, i in members) for i, n in rows]
    return sorted(options, key=lambda o: (not o.is_member, o.name))


# --------------------------------------------------------------------------- figures per item


def linked_case_backlog(session: Session, item_id: int, now: dt.datetime) -> CaseFigures:
    """The backlog of an item's linked cases: counts in one query, the first lines in another."""
    linked = select(agenda_item_case.c.case_id).where(agenda_item_case.c.agenda_item_id == item_id)
    is_open = GridCase.state.in_(OPEN_CASE_STATES)
    overdue = overdue_condition(now)
    total, n_open, n_overdue, n_closed = session.execute(
        select(func.count(), func.count(case((is_open, 1))), func.count(case((overdue, 1))),
               func.count(case((GridCase.state.in_(DONE_CASE_STATES), 1))))
        .select_from(GridCase).where(GridCase.id.in_(linked))
    ).one()
    link = agenda_item_case.c
    rows = session.execute(
        select(GridCase.case_number, link.public_title, GridCase.state, GridCase.deadline_at,
               case((overdue, True), else_=False), HandlingUnit.name, GridCase.reporter_name,
               GridCase.reporter_phone, CaseCategory.minor, Community.name, Grid.name, GridCase.id)
        .join(agenda_item_case, and_(link.case_id == GridCase.id, link.agenda_item_id == item_id))
        .outerjoin(HandlingUnit, HandlingUnit.id == GridCase.handling_unit_id)
        .outerjoin(CaseCategory, CaseCategory.id == GridCase.category_id)
        .outerjoin(Community, Community.id == GridCase.community_id)
        .outerjoin(Grid, Grid.id == GridCase.grid_id)
        .where(GridCase.id.in_(linked))
        .order_by(case((overdue, 0), (is_open, 1), else_=2), GridCase.deadline_at, GridCase.case_number)
        .limit(CASE_LINES_SHOWN)
    )
    # the resident's own title never reaches the room: the chair's public title (masked all the same)
    lines = tuple(CaseLine(case_number=n, title=mask_text(t or ""), state=s, deadline_at=d, overdue=bool(o),
                           handling_unit=h or "", reporter=mask_name(rn or ""), reporter_phone=mask_phone(rp or ""),
                           category=cat or "", community=com or "", grid=g or "", case_id=cid)
                  for n, t, s, d, o, h, rn, rp, cat, com, g, cid in rows)
    return CaseFigures(int(total), int(n_open), int(n_overdue), int(n_closed), lines)


def unit_scorecard(session: Session, unit_id: int, today: dt.date) -> UnitScorecard:
    """An owner unit's scorecard for the projector: the units page's own profile query."""
    p = units.unit_profile(session, unit_id, today)
    return UnitScorecard(unit_id=unit_id, unit_name=p.unit.short_name or p.unit.name,
                         meetings_counted=p.meetings_counted, meetings_came=p.meetings_came,
                         attendance_rate=p.attendance_rate, resolutions_owned=p.resolutions_owned,
                         resolutions_done=p.resolutions_done, resolutions_overdue_open=p.resolutions_overdue_open,
                         on_time_rate=p.on_time_rate, projects_claimed=p.projects_claimed,
                         projects_delivered=p.projects_delivered)


def pairing_agreement_progress(session: Session, pairing_id: int, year: int, today: dt.date) -> AgreementFigures:
    """A pairing's agreement of ``year``, from the pairings page's own queries (``db.pairings``)."""
    bar = next((b for b in pairings.progress_by_pairing(session, year, today) if b.key == pairing_id), None)
    names = session.execute(
        select(func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name), Community.name)
        .select_from(Pairing)
        .join(ResidentUnit, ResidentUnit.id == Pairing.municipal_unit_id)
        .join(Community, Community.id == Pairing.community_id)
        .where(Pairing.id == pairing_id)
    ).one()
    rows = [r for r in pairings.agreement_items(session, pairing_id=pairing_id, year=year, today=today)
            if r.status != "cancelled"]
    rows.sort(key=lambda r: (not r.overdue, r.status == "done", r.due_on))
    lines = tuple(AgreementLine(r.id, r.title, r.due_on, r.progress_pct, r.status, r.overdue)
                  for r in rows[:AGREEMENT_LINES_SHOWN])
    return AgreementFigures(pairing_id, names[0] or "", names[1] or "", year, bar.items if bar else 0,
                            bar.done if bar else 0, bar.overdue if bar else 0,
                            bar.progress if bar else None, lines)


def follow_up_resolutions(session: Session, before: dt.datetime, today: dt.date,
                          owner_unit_id: int | None = None) -> tuple[int, tuple[FollowUpLine, ...]]:
    """(how many, the first lines) of open resolutions from meetings before ``before``; overdue first."""
    cond = [Resolution.status.in_(OPEN_RESOLUTION_STATUSES), Meeting.starts_at < before]
    if owner_unit_id is not None:
        cond.append(Resolution.owner_unit_id == owner_unit_id)
    total = session.scalar(select(func.count()).select_from(Resolution)
                           .join(Meeting, Meeting.id == Resolution.meeting_id).where(*cond)) or 0
    overdue = Resolution.deadline < today
    rows = session.execute(
        select(Resolution.id, Meeting.title, Resolution.number, Resolution.text, _unit_label(), Resolution.deadline,
               Resolution.status, case((overdue, True), else_=False))
        .join(Meeting, Meeting.id == Resolution.meeting_id)
        .join(ResidentUnit, ResidentUnit.id == Resolution.owner_unit_id)
        .where(*cond)
        .order_by(case((overdue, 0), else_=1), Resolution.deadline, Resolution.id)
        .limit(FOLLOW_UP_LINES_SHOWN)
    )
    return int(total), tuple(FollowUpLine(i, mt, n, mask_text(t), u, d, s, bool(o))
                             for i, mt, n, t, u, d, s, o in rows)


def item_figures(session: Session, item_id: int, now: dt.datetime | None = None) -> ItemFigures:
    """What the projector shows for an item, each part from its one query."""
    now = now or clock.now()
    item = _item(session, item_id)
    meeting = item.meeting
    has_cases = session.scalar(select(func.count()).select_from(agenda_item_case)
                               .where(agenda_item_case.c.agenda_item_id == item_id))
    cases = linked_case_backlog(session, item_id, now) if has_cases else None
    unit = unit_scorecard(session, item.unit_id, now.date()) if item.unit_id else None
    agreement = (pairing_agreement_progress(session, item.pairing_id, meeting.starts_at.year, now.date())
                 if item.pairing_id else None)
    follow_total, follow = 0, ()
    if item.kind == "follow_up":
        follow_total, follow = follow_up_resolutions(session, meeting.starts_at, now.date(), item.unit_id)
    return ItemFigures(item_id=item_id, cases=cases, unit=unit, agreement=agreement, follow_up=follow,
                       follow_up_total=follow_total)


def room_data(session: Session, meeting_id: int, now: dt.datetime | None = None) -> RoomData:
    """Everything the meeting room and the projector show for ``meeting_id``."""
    now = now or clock.now()
    meeting = _meeting(session, meeting_id)
    items = tuple(agenda_items(session, meeting_id))
    return RoomData(
        meeting=_meeting_info(meeting), items=items, roster=tuple(roster(session, meeting_id)),
        quorum=quorum(session, meeting_id), figures={i.id: item_figures(session, i.id, now) for i in items},
        current_item_id=current_item_id(session, meeting_id), units=tuple(unit_options(session, meeting.term_id)),
        resolutions=tuple(meeting_resolutions(session, meeting_id)), as_of=now)


def figures_changed(old: ItemFigures | None, new: ItemFigures) -> bool:
    return old is None or asdict(old) != asdict(new)
