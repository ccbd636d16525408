"""The grid-case state machine.

The transitions are data: ``DEFAULT_TRANSITIONS`` seeds the ``case_transition`` table (see the
initial migration), and :func:`apply_transition` reads that table, so a street can switch off a
transition (for example reopening on an unsatisfied return visit) without a code change.
Every applied transition writes a :class:`~db.schema.cases.CaseEvent`; an illegal one raises
:class:`IllegalTransition` and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.core import clock
from db.schema.cases import CaseEvent, CaseTransition, GridCase


@dataclass(frozen=True)
class Transition:
    from_state: str
    action: str
    to_state: str
    needs_reason: bool = False


DEFAULT_TRANSITIONS: tuple[Transition, ...] = (
    Transition("REPORTED", "file", "FILED"),
    Transition("REPORTED", "reject", "VOID", needs_reason=True),
    Transition("FILED", "dispatch", "DISPATCHED"),
    Transition("DISPATCHED", "accept", "IN_PROGRESS"),
    Transition("DISPATCHED", "return", "FILED", needs_reason=True),
    Transition("IN_PROGRESS", "return", "FILED", needs_reason=True),
    Transition("IN_PROGRESS", "hold", "ON_HOLD", needs_reason=True),
    Transition("ON_HOLD", "resume", "IN_PROGRESS"),
    Transition("IN_PROGRESS", "extend", "IN_PROGRESS", needs_reason=True),
    Transition("IN_PROGRESS", "report_done", "FEEDBACK"),
    Transition("FEEDBACK", "check_fail", "IN_PROGRESS", needs_reason=True),
    Transition("FEEDBACK", "check_pass", "CLOSED"),
    Transition("CLOSED", "return_visit", "EVALUATED"),
    Transition("EVALUATED", "unsatisfied", "IN_PROGRESS", needs_reason=True),
)


class IllegalTransition(ValueError):
    """The action is not allowed from the case's state (or lacks its required reason)."""

    def __init__(self, state: str, action: str, missing_reason: bool = False):
        self.state = state
        self.action = action
        self.missing_reason = missing_reason
        what = "needs a reason" if missing_reason else "is not allowed"
        super().__init__(f"action {action!r} {what} from state {state!r}")


def allowed_actions(session: Session, state: str) -> list[CaseTransition]:
    """The enabled transitions out of ``state``, in a stable order."""
    rows = session.scalars(
        select(CaseTransition)
        .where(CaseTransition.from_state == state, CaseTransition.enabled.is_(True))
        .order_by(CaseTransition.action)
    )
    return list(rows)


def apply_transition(
    session: Session,
    case: GridCase,
    action: str,
    *,
    actor: str = "",
    note: str = "",
    at: dt.datetime | None = None,
    new_deadline: dt.datetime | None = None,
    satisfaction: int | None = None,
) -> CaseEvent:
    """Apply ``action`` to ``case`` inside the caller's transaction, or raise.

    Side effects that belong to the transition are applied here, in one place: the deadline
    clock pauses while ON_HOLD (resume moves the deadline on by the time held), ``extend``
    moves the deadline, ``return``/``check_fail`` count as rework, ``check_pass`` closes.
    """
    at = at or clock.now()
    rule = session.get(CaseTransition, (case.state, action))
    if rule is None or not rule.enabled:
        raise IllegalTransition(case.state, action)
    if rule.needs_reason and not note.strip():
        raise IllegalTransition(case.state, action, missing_reason=True)

    old_state = case.state
    if action == "hold":
        case.hold_started_at = at
    elif action == "resume" and case.hold_started_at is not None:
        if case.deadline_at is not None:
            case.deadline_at += at - case.hold_started_at
        case.hold_started_at = None
    elif action == "extend":
        if new_deadline is None or (case.deadline_at and new_deadline <= case.deadline_at):
            raise IllegalTransition(case.state, action, missing_reason=True)
        case.deadline_at = new_deadline
        case.extension_count += 1
    elif action in ("return", "check_fail", "unsatisfied"):
        case.return_count += 1
        if action == "unsatisfied":
            case.closed_at = None
    elif action == "check_pass":
        case.closed_at = at
    elif action == "return_visit" and satisfaction is not None:
        case.satisfaction = satisfaction

    case.state = rule.to_state
    event = CaseEvent(
        case=case, at=at, actor=actor, action=action, from_state=old_state,
        to_state=rule.to_state, note=note,
    )
    session.add(event)
    return event
