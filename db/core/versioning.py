"""Saving an edit that started from a known version — never a silent overwrite.

    save_versioned(session, AgendaItem, 12, expected_version=4, changes={"notes": text})

saves only if the row is still at version 4 (SQLAlchemy's ``version_id_col`` guards the UPDATE
itself, so a save racing another one is refused too). Otherwise it raises :class:`ConflictError`
carrying both versions; the person then keeps theirs (save again with the newer version as
``expected_version`` and ``action="overwrite"``, which the audit trail records), takes the other,
or merges (:func:`merge3`).

:class:`ConflictError` is the one stale-record error and :class:`RecordGone` the one gone-record
error of every area: a case, a task, a resolution, a meeting, its minutes, an agenda item's notes.

The edits people make during a meeting or between meetings — minutes per agenda item,
attendance, resolution text/status, task progress — are also *kinds* (:data:`KINDS`) that the
offline outbox stores and replays (``db.sync.outbox``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.core import audit
from db.core.base import Base


class RecordGone(Exception):
    """The record is not in the database (deleted by someone else, or never there). ``mine``: the
    values an edit of it carried, when it was one."""

    def __init__(self, table: str, row_id: int, mine: dict[str, Any] | None = None):
        self.table, self.row_id, self.mine = table, row_id, mine or {}
        super().__init__(f"{table} {row_id} no longer exists")


@dataclass(eq=False)
class ConflictError(Exception):
    """A save that started from ``base_version`` met a row already at ``their_version`` (another PC
    saved first). ``mine``/``theirs`` hold the edited fields on both sides when the area knows them:
    an edit that carries them can be compared and merged; one without is reloaded."""

    table: str
    row_id: int
    base_version: int | None
    their_version: int | None = None  # None: the refused UPDATE left no way to read it
    mine: dict[str, Any] = field(default_factory=dict)
    theirs: dict[str, Any] = field(default_factory=dict)
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
        raise RecordGone(table, row_id, dict(changes))
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
                raise RecordGone(table, row_id, dict(changes)) from None
            raise _conflict(other, fresh, expected_version, changes, base) from None
    finally:
        if action:
            audit.set_action(session, None)
    return obj.version


def _conflict(session: Session, obj: Base, expected: int, changes: dict[str, Any],
              base: dict[str, Any] | None) -> ConflictError:
    from sqlalchemy import select

    from db.core.base import AuditLog

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

    from db.core.base import AuditLog

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


