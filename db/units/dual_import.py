"""Importing 双报到: serving party members and their service records, a spec for :mod:`db.imports`.

``streetboard import dual FILE`` — one row per member, or per service record of a member:
姓名 (required) · 工作单位 (required; a unit of the roster) · 报到社区 (required; a community of the
street) · 报到日期 (required) · 联系电话 · 服务日期 · 服务时长（小时） · 服务内容. A member is keyed by
(姓名, 工作单位): a known one is updated where the file differs. A row with a 服务日期 adds that
service record unless the member already has one on that date for that activity (then only its
hours are compared), so a re-import of the same file changes nothing. Hours are more than 0 and at
most 24; dates are not in the future. Rejects reuse the engine's reason codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.core import audit, clock
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
from db.schema.units import ResidentUnit, ServiceRecord, ServingPartyMember
from db.units.dual import MAX_HOURS

DUAL_FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", required=True, max_length=50),
    Field("unit", "工作单位", required=True, max_length=120),
    Field("community", "报到社区", required=True, max_length=100),
    Field("registered_on", "报到日期", kind="datetime", required=True),
    Field("phone", "联系电话", max_length=30),
    Field("served_on", "服务日期", kind="datetime"),
    Field("hours", "服务时长（小时）", max_length=10),
    Field("activity", "服务内容", max_length=200),
)




def _day(value: Any) -> dt.date | None:
    return None if is_blank(value) else pd.Timestamp(value).date()


def _hours(value: Any) -> float | None:
    try:
        hours = float(str(value).strip())
    except ValueError:
        return None
    return hours if 0 < hours <= MAX_HOURS else None


class DualReportingSpec:
    """Serving party members (在职党员双报到) and their service records for :func:`db.imports.engine.run`."""

    kind = "dual"
    fields = DUAL_FIELDS
    key_fields = ("name", "unit", "served_on", "activity")

    def builtin_profiles(self) -> tuple[Profile, ...]:
        columns = {f.key: (f.label,) for f in DUAL_FIELDS}
        columns["unit"] = ("工作单位", "单位", "所在单位")
        columns["community"] = ("报到社区", "社区", "居住社区")
        columns["registered_on"] = ("报到日期", "报到时间")
        columns["served_on"] = ("服务日期", "服务时间")
        columns["hours"] = ("服务时长（小时）", "服务时长", "时长")
        columns["activity"] = ("服务内容", "活动", "服务项目")
        return (Profile(key="dual", name="在职党员双报到", kind="dual", source_key="dual", columns=columns),)

    def check(self, session: Session, frame: pd.DataFrame, profile: Profile, mapping: Mapping[str, str]) -> Checked:
        if session.scalar(select(StreetOffice.id).limit(1)) is None:
            raise ImportFileError("no_street", "", "")
        communities = dict(session.execute(select(Community.name, Community.id)).all())
        communities.update(session.execute(select(Community.code, Community.id)).all())
        units = dict(session.execute(select(ResidentUnit.name, ResidentUnit.id)).all())
        units.update((s, i) for s, i in session.execute(select(ResidentUnit.short_name, ResidentUnit.id)) if s)
        today = clock.today()
        rejects: list[Reject] = []
        unit_ids, community_ids, registered, served, hours_list = [], [], [], [], []
        for row, rec in frame.iterrows():
            row = int(row)
            unit_ids.append(units.get(rec["unit"]))
            if not is_blank(rec["unit"]) and rec["unit"] not in units:
                rejects.append(Reject(row, mapping["unit"], str(rec["unit"]), "unknown_value"))
            community_ids.append(communities.get(rec["community"]))
            if not is_blank(rec["community"]) and rec["community"] not in communities:
                rejects.append(Reject(row, mapping["community"], str(rec["community"]), "unknown_community"))
            for key, out in (("registered_on", registered), ("served_on", served)):
                day = _day(rec[key])
                out.append(day)
                if day is not None and day > today:
                    rejects.append(Reject(row, mapping[key], day.isoformat(), "out_of_range",
                                          f"≤ {today.isoformat()}"))
            raw = rec["hours"] if "hours" in mapping else None
            hours = None if is_blank(raw) else _hours(raw)
            hours_list.append(hours)
            if not is_blank(raw) and hours is None:
                rejects.append(Reject(row, mapping["hours"], str(raw), "out_of_range", f"0–{MAX_HOURS:g}"))
            elif is_blank(raw) and served[-1] is not None:  # a service record needs its hours
                rejects.append(Reject(row, mapping.get("hours", DUAL_FIELDS[6].label), "", "required"))
        out = frame.copy()
        out["unit_id"], out["community_id"] = unit_ids, community_ids
        out["registered_day"], out["served_day"], out["hours_value"] = registered, served, hours_list
        return Checked(out, rejects)

    def write(self, session: Session, frame: pd.DataFrame, profile: Profile, mapping: Mapping[str, str],
              context: WriteContext) -> WriteOutcome:
        imported = updated = unchanged = 0
        total = max(len(frame), 1)
        made: dict[tuple[str, int], ServingPartyMember | None] = {}  # members new in this file (None: dry run)
        audit.set_action(session, "import")  # every write below (the import engine commits or rolls back)
        for i, (_row, rec) in enumerate(frame.iterrows()):
            if i % 200 == 0:
                context.progress(i / total)
                context.check()
            key = (rec["name"], int(rec["unit_id"]))
            values = {"community_id": int(rec["community_id"]), "registered_on": rec["registered_day"]}
            if "phone" in mapping:
                values["phone"] = cell_text(rec["phone"])
            new_member = False
            if key in made:
                member = made[key]
            else:
                member = session.scalar(select(ServingPartyMember).where(ServingPartyMember.name == key[0],
                                                                         ServingPartyMember.unit_id == key[1]))
            changed = False
            if member is None and key not in made:
                new_member = True
                member = None if context.dry_run else ServingPartyMember(
                    name=key[0], unit_id=key[1], **{"phone": "", **values})
                if member is not None:
                    session.add(member)
                    session.flush()
                made[key] = member
            elif member is not None and key not in made:
                differs = {k: v for k, v in values.items() if getattr(member, k) != v}
                if differs:
                    changed = True
                    if not context.dry_run:
                        for k, v in differs.items():
                            setattr(member, k, v)
            record_new = False
            if rec["served_day"] is not None:
                activity = cell_text(rec["activity"])
                record = None if member is None else session.scalar(select(ServiceRecord).where(
                    ServiceRecord.member_id == member.id, ServiceRecord.served_on == rec["served_day"],
                    ServiceRecord.activity == activity))
                if record is None:
                    record_new = True
                    if member is not None and not context.dry_run:
                        session.add(ServiceRecord(member_id=member.id, served_on=rec["served_day"],
                                                  hours=float(rec["hours_value"]), activity=activity))
                elif record.hours != float(rec["hours_value"]):
                    changed = True
                    if not context.dry_run:
                        record.hours = float(rec["hours_value"])
            session.flush()
            if new_member or record_new:
                imported += 1
            elif changed:
                updated += 1
            else:
                unchanged += 1
        audit.set_action(session, None)
        return WriteOutcome(imported=imported, updated=updated, unchanged=unchanged)


DUAL_SPEC = DualReportingSpec()
