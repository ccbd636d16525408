"""Importing 四联四定 agreement items: a record spec for the import engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.core import audit
from db.imports.records import (
    Checked,
    Field,
    Profile,
    Reject,
    WriteContext,
    WriteOutcome,
    cell_text,
    is_blank,
)
from db.pairings import agreements as pairings
from db.schema.pairings import AgreementItem, PairingLabel
from db.schema.street import Community
from db.schema.units import ResidentUnit

ITEM_STATUS_WORDS: dict[str, str] = {
    "未开始": "planned", "计划": "planned", "planned": "planned",
    "推进中": "in_progress", "进行中": "in_progress", "in_progress": "in_progress",
    "已完成": "done", "完成": "done", "done": "done",
    "已取消": "cancelled", "取消": "cancelled", "cancelled": "cancelled",
}
PAIRING_FIELDS: tuple[Field, ...] = (
    Field("municipal_unit", "市直单位", required=True, max_length=120),
    Field("community", "结对社区", required=True, max_length=100),
    Field("year", "年度", kind="int", required=True, low=1990, high=2100),
    Field("title", "事项", required=True, max_length=200),
    Field("responsible_person", "责任人", max_length=50),
    Field("due_on", "完成时限", kind="datetime", required=True),
    Field("progress_pct", "进度", kind="int", low=0, high=100),
    Field("status", "状态", kind="choice", words=ITEM_STATUS_WORDS),
    Field("evidence_note", "佐证材料", kind="multiline"),
    Field("label", "类别", max_length=50),
    Field("since_year", "结对起始年", kind="int", low=1990, high=2100),
)




class PairingItemSpec:
    """四联四定 agreement items (with their pairings and agreements) for :func:`db.imports.engine.run`."""

    kind = "pairings"
    fields = PAIRING_FIELDS
    key_fields = ("municipal_unit", "community", "year", "title")

    def builtin_profiles(self) -> tuple[Profile, ...]:
        columns = {f.key: (f.label,) for f in PAIRING_FIELDS}
        columns["community"] = ("结对社区", "社区", "结对村（社区）")
        columns["title"] = ("事项", "协议事项", "共建事项")
        columns["due_on"] = ("完成时限", "完成时间", "时间节点")
        columns["progress_pct"] = ("进度", "进度（%）", "完成进度")
        return (Profile(key="pairings", name="四联四定协议事项", kind="pairings", source_key="pairings",
                        columns=columns),)

    def check(self, session: Session, frame: pd.DataFrame, profile: Profile, mapping: Mapping[str, str]) -> Checked:
        rejects: list[Reject] = []
        communities = set(session.scalars(select(Community.name)))
        units = dict(session.execute(select(ResidentUnit.name, ResidentUnit.kind)).all())
        labels = set(session.scalars(select(PairingLabel.name)))
        due_dates: list[dt.date | None] = []
        for row, rec in frame.iterrows():
            row = int(row)
            if not is_blank(rec["community"]) and rec["community"] not in communities:
                rejects.append(Reject(row, mapping["community"], str(rec["community"]), "unknown_community"))
            if not is_blank(rec["municipal_unit"]) and units.get(rec["municipal_unit"]) != "municipal":
                rejects.append(Reject(row, mapping["municipal_unit"], str(rec["municipal_unit"]), "unknown_value"))
            if not is_blank(rec["label"]) and rec["label"] not in labels:
                rejects.append(Reject(row, mapping["label"], str(rec["label"]), "unknown_value"))
            due = None if is_blank(rec["due_on"]) else pd.Timestamp(rec["due_on"]).date()
            due_dates.append(due)
            if due is not None and not is_blank(rec["year"]) and due < dt.date(int(rec["year"]), 1, 1):
                rejects.append(Reject(row, mapping["due_on"], due.isoformat(), "out_of_range",
                                      f"≥ {int(rec['year'])}-01-01"))
        out = frame.copy()
        out["due_date"] = due_dates
        return Checked(out, rejects)

    def write(self, session: Session, frame: pd.DataFrame, profile: Profile, mapping: Mapping[str, str],
              context: WriteContext) -> WriteOutcome:
        imported = updated = unchanged = 0
        label_ids = dict(session.execute(select(PairingLabel.name, PairingLabel.id)).all())
        total = max(len(frame), 1)
        audit.set_action(session, "import")  # every write below (the import engine commits or rolls back)
        for i, (_row, rec) in enumerate(frame.iterrows()):
            if i % 200 == 0:
                context.progress(i / total)
                context.check()
            pct = None if is_blank(rec["progress_pct"]) else int(rec["progress_pct"])
            spec = pairings.ItemSpec(
                municipal_unit=rec["municipal_unit"], community=rec["community"], year=int(rec["year"]),
                title=rec["title"], due_on=rec["due_date"], responsible_person=cell_text(rec["responsible_person"]),
                label=cell_text(rec["label"]), progress_pct=pct or 0, evidence_note=cell_text(rec["evidence_note"]),
                since_year=None if is_blank(rec["since_year"]) else int(rec["since_year"]))
            item_id = pairings.find_item(session, spec)
            if item_id is None:
                imported += 1
                if not context.dry_run:
                    new_id = pairings.add_item_by_names(session, spec)
                    if not is_blank(rec["status"]):
                        session.get(AgreementItem, new_id).status = rec["status"]
                continue
            item = session.get(AgreementItem, item_id)
            changes: dict[str, Any] = {}
            wanted = {"due_on": spec.due_on}
            for column in ("responsible_person", "evidence_note"):
                if column in mapping:
                    wanted[column] = getattr(spec, column)
            if "label" in mapping:
                wanted["label_id"] = label_ids.get(spec.label) if spec.label else None
            if "status" in mapping and not is_blank(rec["status"]):
                wanted["status"] = rec["status"]
            for column, value in wanted.items():
                if getattr(item, column) != value:
                    changes[column] = value
            progress_changed = pct is not None and pct != item.progress_pct
            if not changes and not progress_changed:
                unchanged += 1
                continue
            updated += 1
            if context.dry_run:
                continue
            if progress_changed:
                pairings.record_progress(session, item_id=item_id, progress_pct=pct, note=context.file_name,
                                         at=context.now)
            for column, value in changes.items():
                setattr(item, column, value)
            session.flush()
        session.flush()
        audit.set_action(session, None)
        return WriteOutcome(imported=imported, updated=updated, unchanged=unchanged)


PAIRING_SPEC = PairingItemSpec()
