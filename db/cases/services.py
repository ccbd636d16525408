"""Services that change a case: transitions, 督办, proposals for a meeting."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.cases.queries import CaseDetail, Proposal, case_detail
from db.cases.states import IllegalTransition, apply_transition
from db.core import audit, clock
from db.core.versioning import ConflictError, RecordGone
from db.schema.cases import CaseEvent, GridCase
from db.schema.meetings import Meeting, TopicProposal

# --------------------------------------------------------------------------- services


def _case_for_edit(session: Session, case_id: int, expected_version: int | None) -> GridCase:
    obj = session.get(GridCase, case_id)
    if obj is None:
        raise RecordGone("grid_case", case_id)
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError("grid_case", case_id, expected_version, obj.version)
    return obj


def _flush(session: Session, case_id: int) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError("grid_case", case_id, None) from exc


def transition_case(session: Session, case_id: int, action: str, *, expected_version: int | None = None,
                    note: str = "", new_deadline: dt.datetime | None = None,
                    satisfaction: int | None = None) -> CaseDetail:
    """Apply a state-machine action; :class:`~db.cases.states.IllegalTransition` if the machine says no."""
    obj = _case_for_edit(session, case_id, expected_version)
    if action not in audit.VERBS:
        raise IllegalTransition(obj.state, action)
    with audit.action(session, action):  # the audit trail names the step taken
        apply_transition(session, obj, action, actor=session.info.get("actor", ""), note=note.strip(),
                         new_deadline=new_deadline, satisfaction=satisfaction)
        _flush(session, case_id)
    return case_detail(session, case_id)


def set_supervised(session: Session, case_id: int, supervised: bool, *, expected_version: int | None = None,
                   note: str = "") -> CaseDetail:
    """Set or clear the 督办 flag, recording a "supervise"/"unsupervise" case event."""
    obj = _case_for_edit(session, case_id, expected_version)
    if obj.supervised != supervised:
        action = "supervise" if supervised else "unsupervise"
        with audit.action(session, action):
            obj.supervised = supervised
            session.add(CaseEvent(case=obj, at=clock.now(), actor=session.info.get("actor", ""), action=action,
                                  from_state=obj.state, to_state=obj.state, note=note.strip()))
            _flush(session, case_id)
    return case_detail(session, case_id)


def next_planned_meeting(session: Session, now: dt.datetime | None = None) -> Meeting | None:
    now = now or clock.now()
    return session.scalars(
        select(Meeting).where(Meeting.status == "planned", Meeting.starts_at >= now)
        .order_by(Meeting.starts_at, Meeting.id).limit(1)
    ).first()


def propose_for_meeting(session: Session, case_id: int, *, note: str = "",
                        now: dt.datetime | None = None) -> Proposal:
    """Raise the case as a topic for the next planned meeting (or unassigned if none is planned)."""
    now = now or clock.now()
    obj = _case_for_edit(session, case_id, None)
    meeting = next_planned_meeting(session, now)
    actor = session.info.get("actor", "")
    proposal = TopicProposal(
        title=f"{obj.case_number} {obj.title}"[:200],
        description=note.strip() or obj.description,
        case_id=obj.id,
        meeting_id=meeting.id if meeting else None,
        proposed_by=actor,
        proposed_at=now,
        status="proposed",
    )
    session.add(proposal)
    session.add(CaseEvent(case=obj, at=now, actor=actor, action="propose", from_state=obj.state,
                          to_state=obj.state, note=note.strip()))
    session.flush()
    return Proposal(proposal.id, meeting.id if meeting else None, meeting.title if meeting else "",
                    meeting.starts_at if meeting else None)

