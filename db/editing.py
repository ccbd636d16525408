"""Saving an edit that started from a known version — never a silent overwrite.

    save_versioned(session, AgendaItem, 12, expected_version=4, changes={"notes": text})

saves only if the row is still at version 4 (SQLAlchemy's ``version_id_col`` guards the UPDATE
itself, so a save racing another one is refused too). Otherwise it raises :class:`ConflictError`
carrying both versions; the person then keeps theirs (save again with the newer version as
``expected_version`` and ``action="overwrite"``, which the audit trail records), takes the other,
or merges (:func:`merge3`).

The edits people make during a meeting or between meetings — minutes per agenda item,
attendance, resolution text/status, task progress — are also *kinds* (:data:`KINDS`) that the
offline outbox stores and replays (``db.outbox``).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

import db.audit as audit  # noqa: F401 - installs the audit listener
from db.models import AgendaItem, Attendance, Base, Resolution, Task, TaskUpdate


class RecordGone(Exception):
    """The record was deleted by someone else."""

    def __init__(self, table: str, row_id: int):
        self.table, self.row_id = table, row_id
        super().__init__(f"{table} {row_id} no longer exists")


@dataclass(eq=False)
class ConflictError(Exception):
    """A save that started from ``base_version`` met a row already at ``their_version``."""

    table: str
    row_id: int
    base_version: int
    their_version: int
    mine: dict[str, Any]
    theirs: dict[str, Any]
    base: dict[str, Any] | None = None  # the values the edit started from, when known
    their_author: str = ""

    def __str__(self) -> str:
        return f"{self.table} {self.row_id}: edited from version {self.base_version}, now {self.their_version}"


def save_versioned(
    session: Session,
    model: type[Base],
    row_id: int,
    expected_version: int,
    changes: dict[str, Any],
    *,
    base: dict[str, Any] | None = None,
    action: str | None = None,
) -> int:
    """Apply ``changes`` if the row is still at ``expected_version``; return the new version."""
    table = model.__tablename__
    # FOR UPDATE (PostgreSQL): a save racing this one waits, then sees the new version
    obj = session.get(model, row_id, populate_existing=True, with_for_update=True)
    if obj is None:
        raise RecordGone(table, row_id)
    if obj.version != expected_version:
        raise _conflict(session, obj, expected_version, changes, base)
    if all(getattr(obj, k) == v for k, v in changes.items()):
        return obj.version
    if action:  # before the attributes change: the statement would autoflush them first
        audit.set_action(session, action)
    for key, value in changes.items():
        setattr(obj, key, value)
    try:
        session.flush()
    except StaleDataError:
        # the transaction is gone with the refused UPDATE: read the winner on a session of its own
        bind = session.get_bind()
        with Session(getattr(bind, "engine", bind)) as other:
            fresh = other.get(model, row_id)
            if fresh is None:
                raise RecordGone(table, row_id) from None
            raise _conflict(other, fresh, expected_version, changes, base) from None
    finally:
        if action:
            audit.set_action(session, None)
    return obj.version


def _conflict(session: Session, obj: Base, expected: int, changes: dict[str, Any],
              base: dict[str, Any] | None) -> ConflictError:
    from sqlalchemy import select

    from db.models import AuditLog

    table = obj.__tablename__
    if base is None:
        base = values_at_version(session, table, obj.id, expected, list(changes))
    author = session.scalar(
        select(AuditLog.username).where(AuditLog.table_name == table, AuditLog.row_id == obj.id)
        .order_by(AuditLog.id.desc()).limit(1)
    ) or ""
    return ConflictError(
        table=table, row_id=obj.id, base_version=expected, their_version=obj.version,
        mine=dict(changes), theirs={k: getattr(obj, k) for k in changes}, base=base, their_author=author,
    )


def values_at_version(session: Session, table: str, row_id: int, version: int,
                      fields: list[str]) -> dict[str, Any] | None:
    """The record's ``fields`` as they were at ``version``, rebuilt from the audit trail
    (None when the trail does not reach back that far, e.g. a bulk-loaded record)."""
    from sqlalchemy import select

    from db.models import AuditLog

    state: dict[str, Any] = {}
    rows = session.execute(
        select(AuditLog.action, AuditLog.new_values).where(AuditLog.table_name == table, AuditLog.row_id == row_id)
        .order_by(AuditLog.id)
    ).all()
    for action, new_values in rows:
        if action == "delete" or not new_values:
            continue
        if "version" in new_values and int(new_values["version"]) > version:
            break
        state.update(new_values)
    if int(state.get("version", -1)) != version or any(f not in state for f in fields):
        return None
    return {f: state[f] for f in fields}


# --------------------------------------------------------------------------- merging text


@dataclass(frozen=True)
class Merge:
    text: str
    conflicts: int  # regions both sides changed differently, left marked in the text


MARK_MINE, MARK_SEP, MARK_THEIRS = "<<<<<<<", "=======", ">>>>>>>"


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """base line index → other line index for lines the two share (longest matching blocks)."""
    out: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            out[block.a + k] = block.b + k
    return out


def merge3(base: str, mine: str, theirs: str) -> Merge:
    """A line-based three-way merge: changes on one side only are taken; a line region both
    sides changed differently keeps both, between ``<<<<<<<`` / ``=======`` / ``>>>>>>>`` lines."""
    b, a, c = base.splitlines(), mine.splitlines(), theirs.splitlines()
    in_a, in_c = _matches(b, a), _matches(b, c)
    stable = [i for i in range(len(b)) if i in in_a and i in in_c]
    out: list[str] = []
    conflicts = 0
    ia = ib = ic = 0
    for i in [*stable, len(b)]:
        ja = in_a.get(i, len(a))
        jc = in_c.get(i, len(c))
        if ja < ia or jc < ic:  # crossing matches: let the next sync point take this line
            continue
        chunk_b, chunk_a, chunk_c = b[ib:i], a[ia:ja], c[ic:jc]
        if chunk_a == chunk_b:
            out += chunk_c
        elif chunk_c == chunk_b or chunk_a == chunk_c:
            out += chunk_a
        else:
            conflicts += 1
            out += [MARK_MINE, *chunk_a, MARK_SEP, *chunk_c, MARK_THEIRS]
        if i < len(b):
            out.append(b[i])
        ia, ib, ic = ja + 1, i + 1, jc + 1
    text = "\n".join(out)
    if (mine.endswith("\n") or theirs.endswith("\n")) and out:
        text += "\n"
    return Merge(text, conflicts)


# --------------------------------------------------------------------------- edits as data


@dataclass(frozen=True)
class Edit:
    """One edit of a record a person makes, replayable later (the outbox stores these)."""

    kind: str  # a key of KINDS
    row_id: int
    base_version: int
    values: dict[str, Any]
    base: dict[str, Any] | None = None
    action: str | None = None  # e.g. "overwrite" after a conflict
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.row_id}"


def _apply_fields(model: type[Base]) -> Callable[[Session, Edit], int]:
    def apply(session: Session, edit: Edit) -> int:
        return save_versioned(session, model, edit.row_id, edit.base_version, edit.values,
                              base=edit.base, action=edit.action)

    return apply


def _apply_task_progress(session: Session, edit: Edit) -> int:
    """Task progress: the task's fields, plus a 反馈 row (note) when one is given, and the same
    consequences as a progress update made online (completion date, the resolution's status)."""
    from db.resolutions import settle_resolution  # db.resolutions imports this module

    values = dict(edit.values)
    if "status" in values:
        values["done_on"] = dt.date.today() if values["status"] == "done" else None
    version = save_versioned(session, Task, edit.row_id, edit.base_version, values,
                             base=edit.base, action=edit.action)
    if "progress_pct" in edit.values or edit.extra.get("note"):
        at = edit.extra.get("at")
        session.add(TaskUpdate(
            task_id=edit.row_id,
            at=dt.datetime.fromisoformat(at) if at else dt.datetime.now().replace(microsecond=0),
            by=str(session.info.get("actor", ""))[:50],
            progress_pct=int(edit.values.get("progress_pct", session.get(Task, edit.row_id).progress_pct)),
            note=str(edit.extra.get("note", "")),
        ))
        session.flush()
    settle_resolution(session, session.get(Task, edit.row_id), str(values.get("overdue_reason") or ""))
    return version


#: kind → (table it changes, function applying an Edit in a session, returns the new version)
KINDS: dict[str, tuple[str, Callable[[Session, Edit], int]]] = {
    "agenda_notes": ("agenda_item", _apply_fields(AgendaItem)),
    "attendance": ("attendance", _apply_fields(Attendance)),
    "resolution": ("resolution", _apply_fields(Resolution)),
    "task_progress": ("task", _apply_task_progress),
}


def apply_edit(session: Session, edit: Edit) -> int:
    return KINDS[edit.kind][1](session, edit)


def edit_tables(edit: Edit) -> tuple[str, ...]:
    table = KINDS[edit.kind][0]
    return (table, "task_update") if edit.kind == "task_progress" else (table,)
