"""四联四定: pairings of city-level units with communities, annual agreements, their items.

Qt-free; reads return frozen dataclasses with figures aggregated in SQL; services validate before
they write (raising :class:`db.units.InputError`); the audit trail records their writes. The names of the four
links and four fixes are :class:`db.schema.pairings.PairingLabel` rows, edited as data.

The third question of the area — which agreement items are overdue, and whose are they — is
:func:`overdue_agreement_items`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session

from db.core import audit, clock
from db.core.base import LABEL_KINDS
from db.core.errors import InputError, clean_title
from db.core.versioning import ConflictError
from db.schema.pairings import AgreementItem, AgreementProgress, AnnualAgreement, Pairing, PairingLabel
from db.schema.street import Community
from db.schema.units import ResidentUnit

OPEN_ITEM_STATUSES = ("planned", "in_progress")


def _overdue(today: dt.date):  # noqa: ANN202 - a SQL condition
    return and_(AgreementItem.status.in_(OPEN_ITEM_STATUSES), AgreementItem.due_on < today)


def _check_progress(pct: int | float | str | None) -> int:
    try:
        value = float(pct)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError("progress_out_of_range", progress=pct) from None
    if not 0 <= value <= 100 or value != int(value):
        raise InputError("progress_out_of_range", progress=pct)
    return int(value)


# --------------------------------------------------------------------------- pairings


@dataclass(frozen=True)
class PairingRow:
    id: int
    municipal_unit_id: int
    municipal_unit: str
    community_id: int
    community: str
    since_year: int
    active: bool
    year: int
    agreement_id: int | None
    agreement_status: str
    items_total: int  # items of the year's agreement, cancelled ones left out
    items_done: int
    items_overdue: int
    progress: float | None  # mean progress of those items, 0..1


def pairing_list(session: Session, year: int, today: dt.date | None = None) -> list[PairingRow]:
    today = today or clock.today()
    stmt = (
        select(
            Pairing.id, Pairing.municipal_unit_id, ResidentUnit.name, Pairing.community_id, Community.name,
            Pairing.since_year, Pairing.active, AnnualAgreement.id, func.coalesce(AnnualAgreement.status, ""),
            func.count(AgreementItem.id),
            func.count(case((AgreementItem.status == "done", 1))),
            func.count(case((_overdue(today), 1))),
            func.avg(AgreementItem.progress_pct),
        )
        .join(ResidentUnit, ResidentUnit.id == Pairing.municipal_unit_id)
        .join(Community, Community.id == Pairing.community_id)
        .outerjoin(AnnualAgreement, and_(AnnualAgreement.pairing_id == Pairing.id, AnnualAgreement.year == year))
        .outerjoin(AgreementItem, and_(AgreementItem.agreement_id == AnnualAgreement.id,
                                       AgreementItem.status != "cancelled"))
        .group_by(Pairing.id, Pairing.municipal_unit_id, ResidentUnit.name, Pairing.community_id, Community.name,
                  Pairing.since_year, Pairing.active, AnnualAgreement.id, AnnualAgreement.status)
        .order_by(Pairing.active.desc(), ResidentUnit.name, Community.name)
    )
    return [
        PairingRow(int(r[0]), int(r[1]), r[2], int(r[3]), r[4], int(r[5]), bool(r[6]), year,
                   int(r[7]) if r[7] is not None else None, r[8], int(r[9]), int(r[10]), int(r[11]),
                   float(r[12]) / 100 if r[12] is not None else None)
        for r in session.execute(stmt).all()
    ]


def agreement_years(session: Session, today: dt.date | None = None) -> list[int]:
    """Years with agreements, newest first; this year always included."""
    today = today or clock.today()
    years = {int(y) for (y,) in session.execute(select(AnnualAgreement.year).distinct()).all()}
    return sorted(years | {today.year}, reverse=True)


def add_pairing(session: Session, *, municipal_unit_id: int, community_id: int, since_year: int) -> int:
    unit = session.get(ResidentUnit, municipal_unit_id)
    if unit is None:
        raise InputError("unknown_unit", unit=municipal_unit_id)
    if unit.kind != "municipal":
        raise InputError("not_municipal", unit=unit.name)
    if session.get(Community, community_id) is None:
        raise InputError("unknown_community", community=community_id)
    if not 1990 <= since_year <= 2100:
        raise InputError("bad_year", year=since_year)
    if session.scalar(select(Pairing.id).where(Pairing.municipal_unit_id == municipal_unit_id,
                                               Pairing.community_id == community_id)) is not None:
        raise InputError("duplicate", unit=unit.name)
    row = Pairing(municipal_unit_id=municipal_unit_id, community_id=community_id, since_year=since_year,
                  active=True)
    session.add(row)
    session.flush()
    return row.id


def add_agreement(session: Session, *, pairing_id: int, year: int, signed_on: dt.date | None = None,
                  status: str = "signed") -> int:
    if session.get(Pairing, pairing_id) is None:
        raise InputError("unknown_pairing", pairing=pairing_id)
    if not 1990 <= year <= 2100:
        raise InputError("bad_year", year=year)
    if session.scalar(select(AnnualAgreement.id).where(AnnualAgreement.pairing_id == pairing_id,
                                                       AnnualAgreement.year == year)) is not None:
        raise InputError("duplicate", year=year)
    row = AnnualAgreement(pairing_id=pairing_id, year=year, signed_on=signed_on, status=status)
    session.add(row)
    session.flush()
    return row.id


# --------------------------------------------------------------------------- items


@dataclass(frozen=True)
class ItemRow:
    id: int
    agreement_id: int
    year: int
    pairing_id: int
    municipal_unit: str
    community: str
    label: str  # the link/fix label's name, or ""
    title: str
    responsible_person: str
    due_on: dt.date
    progress_pct: int
    status: str
    evidence_note: str
    done_on: dt.date | None
    overdue_days: int  # > 0 when past due and not done or cancelled

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def _items_stmt() -> Select:
    return (
        select(AgreementItem.id, AgreementItem.agreement_id, AnnualAgreement.year, Pairing.id, ResidentUnit.name,
               Community.name, func.coalesce(PairingLabel.name, ""), AgreementItem.title,
               AgreementItem.responsible_person, AgreementItem.due_on, AgreementItem.progress_pct,
               AgreementItem.status, AgreementItem.evidence_note, AgreementItem.done_on)
        .join(AnnualAgreement, AnnualAgreement.id == AgreementItem.agreement_id)
        .join(Pairing, Pairing.id == AnnualAgreement.pairing_id)
        .join(ResidentUnit, ResidentUnit.id == Pairing.municipal_unit_id)
        .join(Community, Community.id == Pairing.community_id)
        .outerjoin(PairingLabel, PairingLabel.id == AgreementItem.label_id)
    )


def _item_rows(session: Session, stmt: Select, today: dt.date) -> list[ItemRow]:
    out = []
    for r in session.execute(stmt).all():
        late = r[11] in OPEN_ITEM_STATUSES and r[9] < today
        out.append(ItemRow(int(r[0]), int(r[1]), int(r[2]), int(r[3]), *r[4:10], int(r[10]), r[11], r[12], r[13],
                           (today - r[9]).days if late else 0))
    return out


def agreement_items(session: Session, *, pairing_id: int | None = None, year: int | None = None,
                    today: dt.date | None = None) -> list[ItemRow]:
    today = today or clock.today()
    stmt = _items_stmt().order_by(AnnualAgreement.year.desc(), AgreementItem.due_on, AgreementItem.id)
    if pairing_id is not None:
        stmt = stmt.where(Pairing.id == pairing_id)
    if year is not None:
        stmt = stmt.where(AnnualAgreement.year == year)
    return _item_rows(session, stmt, today)


def overdue_agreement_items(session: Session, today: dt.date | None = None) -> list[ItemRow]:
    """Agreement items past their due date and neither done nor cancelled — with whose they are
    (the city unit, the community, the responsible person) — longest overdue first."""
    today = today or clock.today()
    stmt = _items_stmt().where(_overdue(today)).order_by(AgreementItem.due_on, ResidentUnit.name, AgreementItem.id)
    return _item_rows(session, stmt, today)


def add_item(session: Session, *, agreement_id: int, title: str, due_on: dt.date, responsible_person: str = "",
             label_id: int | None = None, progress_pct: int | str = 0, evidence_note: str = "") -> int:
    """An agreement item. Refuses a due date before the agreement's year and a progress outside 0–100."""
    agreement = session.get(AnnualAgreement, agreement_id)
    if agreement is None:
        raise InputError("unknown_agreement", agreement=agreement_id)
    title = clean_title(title)
    if due_on < dt.date(agreement.year, 1, 1):
        raise InputError("due_before_year", due=due_on, year=agreement.year)
    pct = _check_progress(progress_pct)
    if label_id is not None and session.get(PairingLabel, label_id) is None:
        raise InputError("unknown_label", label=label_id)
    status = "done" if pct == 100 else "in_progress" if pct > 0 else "planned"
    row = AgreementItem(agreement_id=agreement_id, title=title, due_on=due_on,
                        responsible_person=responsible_person.strip(), label_id=label_id, progress_pct=pct,
                        status=status, evidence_note=evidence_note.strip(),
                        done_on=min(due_on, clock.today()) if pct == 100 else None)
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class ItemSpec:
    """An agreement item named the way a person (or a spreadsheet) names it."""

    municipal_unit: str
    community: str
    year: int
    title: str
    due_on: dt.date
    responsible_person: str = ""
    label: str = ""
    progress_pct: int | str = 0
    evidence_note: str = ""
    since_year: int | None = None


def find_item(session: Session, spec: ItemSpec) -> int | None:
    """The item the spec names (same unit, community, year and title), if it exists."""
    return session.scalar(
        select(AgreementItem.id)
        .join(AnnualAgreement, AnnualAgreement.id == AgreementItem.agreement_id)
        .join(Pairing, Pairing.id == AnnualAgreement.pairing_id)
        .join(ResidentUnit, ResidentUnit.id == Pairing.municipal_unit_id)
        .join(Community, Community.id == Pairing.community_id)
        .where(ResidentUnit.name == spec.municipal_unit.strip(), Community.name == spec.community.strip(),
               AnnualAgreement.year == spec.year, AgreementItem.title == spec.title.strip())
        .limit(1)
    )


def add_item_by_names(session: Session, spec: ItemSpec) -> int:
    """Resolve the city unit and community by name, creating the pairing and the year's agreement
    when missing, then add the item. Every check runs before anything is written."""
    community = session.scalar(select(Community).where(Community.name == spec.community.strip()))
    if community is None:
        raise InputError("unknown_community", community=spec.community)
    unit = session.scalar(select(ResidentUnit).where(ResidentUnit.name == spec.municipal_unit.strip()))
    if unit is None:
        raise InputError("unknown_unit", unit=spec.municipal_unit)
    if unit.kind != "municipal":
        raise InputError("not_municipal", unit=unit.name)
    if not 1990 <= spec.year <= 2100:
        raise InputError("bad_year", year=spec.year)
    clean_title(spec.title)
    if spec.due_on < dt.date(spec.year, 1, 1):
        raise InputError("due_before_year", due=spec.due_on, year=spec.year)
    _check_progress(spec.progress_pct)
    label_id = None
    if spec.label.strip():
        label_id = session.scalar(select(PairingLabel.id).where(PairingLabel.name == spec.label.strip()))
        if label_id is None:
            raise InputError("unknown_label", label=spec.label)
    pairing_id = session.scalar(select(Pairing.id).where(Pairing.municipal_unit_id == unit.id,
                                                         Pairing.community_id == community.id))
    if pairing_id is None:
        pairing_id = add_pairing(session, municipal_unit_id=unit.id, community_id=community.id,
                                 since_year=spec.since_year or spec.year)
    agreement_id = session.scalar(select(AnnualAgreement.id).where(AnnualAgreement.pairing_id == pairing_id,
                                                                   AnnualAgreement.year == spec.year))
    if agreement_id is None:
        agreement_id = add_agreement(session, pairing_id=pairing_id, year=spec.year)
    return add_item(session, agreement_id=agreement_id, title=spec.title, due_on=spec.due_on,
                    responsible_person=spec.responsible_person, label_id=label_id,
                    progress_pct=spec.progress_pct, evidence_note=spec.evidence_note)


# --------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class ProgressPoint:
    at: dt.datetime
    by: str
    progress_pct: int
    note: str


def item_progress(session: Session, item_id: int) -> list[ProgressPoint]:
    rows = session.execute(
        select(AgreementProgress.at, AgreementProgress.by, AgreementProgress.progress_pct, AgreementProgress.note)
        .where(AgreementProgress.item_id == item_id).order_by(AgreementProgress.at, AgreementProgress.id)
    ).all()
    return [ProgressPoint(a, b, int(p), n) for a, b, p, n in rows]


def record_progress(session: Session, *, item_id: int, progress_pct: int | str, note: str = "",
                    at: dt.datetime | None = None, evidence_note: str | None = None) -> None:
    """A progress update: a row in the item's history; the item's progress and status follow."""
    pct = _check_progress(progress_pct)
    item = session.get(AgreementItem, item_id)
    if item is None:
        raise InputError("unknown_item", item=item_id)
    at = at or clock.now()
    actor = str(session.info.get("actor", ""))[:50]
    with audit.action(session, "progress"):
        session.add(AgreementProgress(item_id=item_id, at=at, by=actor, progress_pct=pct, note=note.strip()))
        item.progress_pct = pct
        if item.status != "cancelled":
            item.status = "done" if pct == 100 else "in_progress" if pct > 0 else "planned"
        item.done_on = at.date() if pct == 100 else None
        if evidence_note is not None and evidence_note.strip():
            item.evidence_note = evidence_note.strip()


@dataclass(frozen=True)
class ProgressBar:
    key: int
    label: str
    items: int
    done: int
    overdue: int
    progress: float | None  # mean progress, 0..1


def _bars(session: Session, year: int, today: dt.date, key, label, order) -> list[ProgressBar]:  # noqa: ANN001
    stmt = (
        select(key, label, func.count(AgreementItem.id), func.count(case((AgreementItem.status == "done", 1))),
               func.count(case((_overdue(today), 1))), func.avg(AgreementItem.progress_pct))
        .select_from(AgreementItem)
        .join(AnnualAgreement, AnnualAgreement.id == AgreementItem.agreement_id)
        .join(Pairing, Pairing.id == AnnualAgreement.pairing_id)
        .join(ResidentUnit, ResidentUnit.id == Pairing.municipal_unit_id)
        .join(Community, Community.id == Pairing.community_id)
        .where(AnnualAgreement.year == year, AgreementItem.status != "cancelled")
        .group_by(key, label, order)
        .order_by(order)
    )
    return [ProgressBar(int(k), n, int(t), int(d), int(o), float(p) / 100 if p is not None else None)
            for k, n, t, d, o, p in session.execute(stmt).all()]


def progress_by_pairing(session: Session, year: int, today: dt.date | None = None) -> list[ProgressBar]:
    label = func.coalesce(func.nullif(ResidentUnit.short_name, ""), ResidentUnit.name) + "—" + Community.name
    return _bars(session, year, today or clock.today(), Pairing.id, label, ResidentUnit.name)


def progress_by_community(session: Session, year: int, today: dt.date | None = None) -> list[ProgressBar]:
    return _bars(session, year, today or clock.today(), Community.id, Community.name, Community.code)


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class LabelRow:
    id: int
    kind: str
    position: int
    name: str
    description: str
    version: int


def pairing_labels(session: Session) -> list[LabelRow]:
    rows = session.execute(
        select(PairingLabel.id, PairingLabel.kind, PairingLabel.position, PairingLabel.name,
               PairingLabel.description, PairingLabel.version)
        .order_by(PairingLabel.kind.desc(), PairingLabel.position)  # 联 (link) before 定 (fix)
    ).all()
    return [LabelRow(int(i), k, int(p), n, d, int(v)) for i, k, p, n, d, v in rows]


def save_label(session: Session, *, kind: str, position: int, name: str, description: str = "",
               label_id: int | None = None, version: int | None = None) -> int:
    """Create or rename a link/fix label. ``version`` (when given) must match: no silent overwrite."""
    if kind not in LABEL_KINDS:
        raise InputError("unknown_label", kind=kind)
    name = clean_title(name)
    if not 1 <= int(position) <= 20:
        raise InputError("bad_position", position=position)
    clash = session.scalar(select(PairingLabel.id).where(PairingLabel.kind == kind, PairingLabel.position == position))
    if label_id is None:
        if clash is not None:
            raise InputError("duplicate", position=position)
        row = PairingLabel(kind=kind, position=position, name=name, description=description.strip())
        session.add(row)
    else:
        row = session.get(PairingLabel, label_id)
        if row is None:
            raise InputError("unknown_label", label=label_id)
        if clash is not None and clash != label_id:
            raise InputError("duplicate", position=position)
        if version is not None and row.version != version:
            raise ConflictError("pairing_label", label_id, version, row.version)
        row.kind, row.position, row.name, row.description = kind, position, name, description.strip()
    session.flush()
    return row.id
