"""Importing resident units and 四联四定 agreement items: record specs for :mod:`db.imports.engine`.

``streetboard import units FILE`` — one row per unit, keyed by its full name:
单位名称 (required) · 简称 · 单位类型 · 党组织 · 地址 · 联系人 · 联系电话 · 所在社区 · 成员单位 (是/否:
a member of the current term) · 联络员 · 联络员电话; a new unit without a type is filed as
“other”. A known name is compared column by column
and updated only where the file differs; membership and liaison are touched only when the file
has those columns. An unknown community rejects the row.

``streetboard import pairings FILE`` — one row per agreement item, keyed by (市直单位, 结对社区,
年度, 事项): 市直单位 and 结对社区 must exist (the city-level unit with kind ``municipal``); the
pairing and the year's agreement are created when missing. 完成时限 must fall in or after the
agreement year, 进度 is 0–100, 类别 names a link/fix label. A known item is updated where the file
differs; a progress change is recorded as a progress update.

Both use the engine's rules: per-row validation, all-or-nothing, a reject report, and a re-import
of the same file changes nothing. Rejects reuse the engine's reason codes (``unknown_community``,
``unknown_value``, ``out_of_range``…), so the import wizard and the CLI already word them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.core import audit
from db.imports.records import (
    Checked,
    Field,
    ImportFileError,
    Profile,
    Reject,
    WriteContext,
    WriteOutcome,
    cell_text,
    is_blank,
)
from db.schema.street import Community, StreetOffice
from db.schema.units import Liaison, MemberUnit, ResidentUnit
from db.street.queries import current_term_id

KIND_WORDS: dict[str, str] = {
    "学校": "school", "school": "school",
    "医院": "hospital", "卫生院": "hospital", "hospital": "hospital",
    "派出所": "police", "公安派出所": "police", "公安": "police", "police": "police",
    "国有企业": "state_firm", "国企": "state_firm", "state_firm": "state_firm",
    "非公企业": "company", "企业": "company", "company": "company",
    "物业服务企业": "property", "物业": "property", "property": "property",
    "驻区机关事业单位": "agency", "机关事业单位": "agency", "机关": "agency", "agency": "agency",
    "市直单位": "municipal", "municipal": "municipal",
    "社会组织": "social_org", "social_org": "social_org",
    "其他": "other", "other": "other",
}
UNIT_FIELDS: tuple[Field, ...] = (
    Field("name", "单位名称", required=True, max_length=120),
    Field("short_name", "简称", max_length=40),
    Field("kind", "单位类型", kind="choice", words=KIND_WORDS),
    Field("party_org", "党组织", max_length=120),
    Field("address", "地址", max_length=200),
    Field("contact_person", "联系人", max_length=50),
    Field("contact_phone", "联系电话", max_length=30),
    Field("community", "所在社区", max_length=100),
    Field("member", "成员单位", kind="flag"),
    Field("liaison", "联络员", max_length=50),
    Field("liaison_phone", "联络员电话", max_length=30),
)
UNIT_COLUMNS = ("short_name", "kind", "party_org", "address", "contact_person", "contact_phone")


class UnitSpec:
    """Resident units (驻区单位) for :func:`db.imports.engine.run`."""

    kind = "units"
    fields = UNIT_FIELDS
    key_fields = ("name",)

    def builtin_profiles(self) -> tuple[Profile, ...]:
        columns = {f.key: (f.label,) for f in UNIT_FIELDS}
        columns["name"] = ("单位名称", "单位", "名称")
        columns["kind"] = ("单位类型", "类型")
        columns["community"] = ("所在社区", "社区")
        columns["member"] = ("成员单位", "是否成员单位")
        return (Profile(key="units", name="驻区单位名录", kind="units", source_key="units",
                        columns=columns),)

    def check(self, session: Session, frame: pd.DataFrame, profile: Profile, mapping: Mapping[str, str]) -> Checked:
        if session.scalar(select(StreetOffice.id).limit(1)) is None:
            raise ImportFileError("no_street", "", "")
        rejects: list[Reject] = []
        names = dict(session.execute(select(Community.name, Community.id)).all())
        names.update(session.execute(select(Community.code, Community.id)).all())
        community_ids = []
        for row, value in frame["community"].items():
            if is_blank(value):
                community_ids.append(None)
            elif value in names:
                community_ids.append(names[value])
            else:
                community_ids.append(None)
                rejects.append(Reject(int(row), mapping.get("community", "community"), str(value),
                                      "unknown_community"))
        out = frame.copy()
        out["community_id"] = community_ids
        return Checked(out, rejects)

    def write(self, session: Session, frame: pd.DataFrame, profile: Profile, mapping: Mapping[str, str],
              context: WriteContext) -> WriteOutcome:
        street_id = session.scalar(select(StreetOffice.id).order_by(StreetOffice.id).limit(1))
        term_id = current_term_id(session)
        fed = [c for c in UNIT_COLUMNS if c in mapping]
        imported = updated = unchanged = 0
        total = max(len(frame), 1)
        audit.set_action(session, "import")  # every write below (the import engine commits or rolls back)
        for i, (_row, rec) in enumerate(frame.iterrows()):
            if i % 200 == 0:
                context.progress(i / total)
                context.check()
            unit = session.scalar(select(ResidentUnit).where(ResidentUnit.name == rec["name"]))
            if unit is None:
                imported += 1
                if context.dry_run:
                    continue
                unit = ResidentUnit(street_id=street_id, name=rec["name"], kind=cell_text(rec["kind"]) or "other",
                                    community_id=rec["community_id"],
                                    **{c: cell_text(rec[c]) for c in UNIT_COLUMNS if c != "kind"})
                session.add(unit)
                session.flush()
                self._membership(session, unit, rec, mapping, term_id, apply=True)
                continue
            changes: dict[str, Any] = {}
            for column in fed:
                new = rec[column] if column == "kind" else cell_text(rec[column])
                if not (column == "kind" and is_blank(new)) and getattr(unit, column) != new:
                    changes[column] = new
            if "community" in mapping and rec["community_id"] != unit.community_id:
                changes["community_id"] = rec["community_id"]
            changes.update(self._membership(session, unit, rec, mapping, term_id, apply=not context.dry_run))
            if not changes:
                unchanged += 1
                continue
            updated += 1
            if context.dry_run:
                continue
            for column, value in changes.items():
                if column in UNIT_COLUMNS or column == "community_id":
                    setattr(unit, column, value)
            session.flush()
        session.flush()
        audit.set_action(session, None)
        return WriteOutcome(imported=imported, updated=updated, unchanged=unchanged)

    @staticmethod
    def _membership(session: Session, unit: ResidentUnit, rec: pd.Series, mapping: Mapping[str, str],
                    term_id: int | None, apply: bool) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        if "member" in mapping and term_id is not None:
            row = session.scalar(select(MemberUnit).where(MemberUnit.term_id == term_id,
                                                          MemberUnit.unit_id == unit.id))
            if bool(rec["member"]) and row is None:
                changes["member"] = True
                if apply:
                    session.add(MemberUnit(term_id=term_id, unit_id=unit.id))
            elif not bool(rec["member"]) and row is not None:
                changes["member"] = False
                if apply:
                    session.delete(row)
        if "liaison" in mapping and not is_blank(rec["liaison"]):
            liaison = session.scalar(select(Liaison).where(Liaison.unit_id == unit.id, Liaison.active,
                                                           Liaison.name == rec["liaison"]))
            phone = cell_text(rec["liaison_phone"])
            if liaison is None:
                changes["liaison"] = rec["liaison"]
                if apply:
                    session.add(Liaison(unit_id=unit.id, name=rec["liaison"], phone=phone, active=True))
            elif "liaison_phone" in mapping and liaison.phone != phone:
                changes["liaison_phone"] = phone
                if apply:
                    liaison.phone = phone
        return changes


UNIT_SPEC = UnitSpec()
