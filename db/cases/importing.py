"""Importing grid cases: the case record spec for :mod:`db.imports.engine` and its built-in profiles.

Built-in profiles (``--profile``; detected from the headers when not given):

``streetboard``
    StreetBoard's own case template (:func:`write_template` writes it empty, with a second sheet
    explaining each column; :data:`TEMPLATE_COLUMNS` documents them).
``hotline``
    Government message-board / 12345 exports (留言编号, 留言主题, 留言时间, 留言详情, 答复意见,
    答复时间; optionally 一级分类/二级分类).  No community, grid or handling unit: left empty.
    State CLOSED when a reply time exists, else REPORTED.
``nyc311`` / ``baltimore311``
    Open311-style exports of New York City and Baltimore; their status words map to the case
    states (:data:`NYC_STATES`, :data:`BALTIMORE_STATES`), agencies become handling units
    (created with kind ``other`` when missing) and their request types become categories.

Cases are keyed by the profile's ``source_key`` plus the case number (``grid_case`` has a unique
constraint on the pair).  A new case gets a ``CaseEvent`` with action ``import``; a changed one
is updated in place (version bumped) and gets an ``import_update`` event whose note lists the
changed columns.  Only the columns the file feeds are compared and updated, and a blank cell never
erases a value.  The source owns what it says; the street owns what it did: 督办 is never
overwritten, and once a transition was made in the app the state (with closed time, deadline and
satisfaction) is the street's.  The source's own status is then kept in the ``import_update``
event's note ("来源状态：已办结") whenever it changes, and a source status further along the flow
than the case's is counted as a conflict for a person to decide (note ``state_conflicts``).  An
unchanged file writes nothing but its ``ImportRun``.  The deadline is the
file's own, else the report time plus the category's time limit, else plus the profile's
``default_days`` (15).  Writes are plain bulk INSERT/UPDATE statements inside the caller's
transaction, so triggers and summary tables on ``grid_case`` stay consistent.

Unknown categories follow the profile's ``category_policy``: ``catch_all`` (the category marked
``is_catch_all``, created as 其他事件/其他 if the database has none; counted), ``reject``, or
``create`` (a new category with the profile's default time limit; counted).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from db.core.base import DONE_CASE_STATES, OPEN_CASE_STATES
from db.imports.engine import WRITE_BATCH
from db.imports.records import Checked, Field, Profile, Reject, WriteContext, WriteOutcome
from db.schema.cases import CaseCategory, CaseEvent, GridCase, HandlingUnit
from db.schema.street import Community, Grid

__all__ = ["CASE_SPEC", "CaseSpec", "TEMPLATE_COLUMNS", "write_template"]

DEFAULT_DAYS = 15
CATCH_ALL = ("其他事件", "其他")
IN_CHUNK = 900  # values per IN (...) list

CASE_FIELDS: tuple[Field, ...] = (
    Field("case_number", "Case number", required=True, max_length=40),
    Field("title", "Title", required=True, max_length=200),
    Field("reported_at", "Reported at", "datetime", required=True),
    Field("community", "Community", max_length=100),
    Field("grid_code", "Grid code", max_length=32),
    Field("category_major", "Major category", max_length=50),
    Field("category_minor", "Minor category", max_length=80),
    Field("address", "Address", max_length=200),
    Field("description", "Description", "multiline"),
    Field("handling_unit", "Handling unit", max_length=120),
    Field("deadline_at", "Deadline", "datetime"),
    Field("state", "State", "choice"),
    Field("closed_at", "Closed at", "datetime"),
    Field("satisfaction", "Satisfaction", "int", low=1, high=5,
          words={"非常满意": 5, "满意": 4, "基本满意": 3, "不满意": 2, "非常不满意": 1}),
    Field("source", "Source", "choice", words={
        "patrol": "patrol", "巡查": "patrol", "网格巡查": "patrol", "网格员上报": "patrol",
        "hotline": "hotline", "12345": "hotline", "热线": "hotline", "12345热线": "hotline", "市民热线": "hotline",
        "resident": "resident", "居民": "resident", "居民上报": "resident", "群众上报": "resident",
        "supervision": "supervision", "督查": "supervision", "上级督查": "supervision", "督办": "supervision",
        "import": "import", "导入": "import",
    }),
    Field("supervised", "Supervised", "flag"),
    Field("reporter_name", "Reporter", max_length=50),
    Field("reporter_phone", "Reporter phone", max_length=30),
    Field("reply_note", "Reply", "multiline"),
)

STREETBOARD_STATES: dict[str, str] = {
    **{code: code for code in (*OPEN_CASE_STATES, *DONE_CASE_STATES, "VOID")},
    "待受理": "REPORTED", "已上报": "REPORTED", "立案": "FILED", "已立案": "FILED", "派遣": "DISPATCHED",
    "已派遣": "DISPATCHED", "处置中": "IN_PROGRESS", "办理中": "IN_PROGRESS", "挂账": "ON_HOLD",
    "缓办": "ON_HOLD", "挂账/缓办": "ON_HOLD", "处理反馈": "FEEDBACK", "待核查": "FEEDBACK", "结案": "CLOSED",
    "已结案": "CLOSED", "已办结": "CLOSED", "办结": "CLOSED", "回访评价": "EVALUATED", "已回访": "EVALUATED",
    "作废": "VOID", "已作废": "VOID",
}
#: NYC 311 status words (Open = received, Assigned = sent to the agency).
NYC_STATES: dict[str, str] = {
    "Open": "REPORTED", "Unspecified": "REPORTED", "Draft": "REPORTED", "Assigned": "DISPATCHED",
    "Started": "IN_PROGRESS", "In Progress": "IN_PROGRESS", "Pending": "IN_PROGRESS",
    "Email Sent": "IN_PROGRESS", "Closed": "CLOSED",
}
#: Baltimore 311 status words; duplicates are void (作废), a transfer closes the case.
BALTIMORE_STATES: dict[str, str] = {
    "New": "REPORTED", "Open": "DISPATCHED", "Pending": "IN_PROGRESS", "In Progress": "IN_PROGRESS",
    "Closed": "CLOSED", "Closed (Transferred)": "CLOSED", "Closed (Duplicate)": "VOID",
    "Open (Duplicate)": "VOID", "New (Duplicate)": "VOID", "Pending (Duplicate)": "VOID",
}

#: StreetBoard's own template: (header, field, required, explanation, example).
TEMPLATE_COLUMNS: tuple[tuple[str, str, bool, str, str], ...] = (
    ("事件编号", "case_number", True, "本街道内唯一的事件编号；再次导入同一编号会更新该事件。", "HH-2026-000123"),
    ("标题", "title", True, "一句话概括事件，不超过200字。", "小区门口占道经营"),
    ("上报时间", "reported_at", True, "日期时间，如 2026-06-01 09:30 或 2026/6/1；只写日期也可。", "2026-06-01 09:30"),
    ("社区", "community", False, "社区名称或12位社区代码，须是系统中已有的社区。", "滨湖社区"),
    ("网格编码", "grid_code", False, "系统中已有的网格编码（按文本填写）或网格名称。", "340111005001001"),
    ("大类", "category_major", False, "事件大类；不认识的分类归入“其他事件/其他”并计数。", "街面秩序"),
    ("小类", "category_minor", False, "事件小类，与大类一起确定分类和办结时限。", "流动摊贩"),
    ("地址", "address", False, "事发地址。", "徽州大道100号"),
    ("描述", "description", False, "事件详情，可多行。", "早晚高峰有流动摊贩占道。"),
    ("处置部门", "handling_unit", False, "承办的处置部门名称；系统中没有的会新建（类别“其他”）。", "街道城管执法中队"),
    ("办结时限", "deadline_at", False, "日期时间；留空则按分类的办结时限（默认15天）推算。", "2026-06-04 18:00"),
    ("状态", "state", False, "待受理、立案、派遣、处置中、挂账、处理反馈、结案、回访评价或作废；留空时有结案时间为结案，否则待受理。事件在系统中办理后，状态以系统为准。", "处置中"),
    ("结案时间", "closed_at", False, "结案的日期时间，不能早于上报时间；状态为结案或回访评价时必填。", "2026-06-03 16:20"),
    ("满意度", "satisfaction", False, "1–5 的整数，或 非常满意/满意/基本满意/不满意/非常不满意。", "5"),
    ("来源", "source", False, "巡查、12345热线、居民上报、督查；留空为“导入”。", "巡查"),
    ("督办", "supervised", False, "是 或 否（留空为否）；只在首次导入时采用，之后以系统中的督办为准。", "否"),
    ("上报人", "reporter_name", False, "上报人姓名。", "王某"),
    ("联系电话", "reporter_phone", False, "上报人电话。", "0551-00000000"),
    ("答复意见", "reply_note", False, "处置结果或对上报人的答复。", "已劝离并设置提示牌。"),
)


def _profiles() -> tuple[Profile, ...]:
    template = {field: (header,) for header, field, *_ in TEMPLATE_COLUMNS}
    template["community"] = ("社区", "社区名称")
    template["grid_code"] = ("网格编码", "网格", "网格名称")
    return (
        Profile(
            key="streetboard", name="StreetBoard case template", kind="cases", source_key="streetboard",
            columns=template,
            options={"words": {"state": STREETBOARD_STATES}, "default_days": DEFAULT_DAYS,
                     "category_policy": "catch_all", "source": "import"},
        ),
        Profile(
            key="hotline", name="Message board / 12345 hotline export", kind="cases", source_key="hotline",
            columns={
                "case_number": ("留言编号", "工单编号"), "title": ("留言主题", "诉求标题"),
                "reported_at": ("留言时间", "来电时间"), "description": ("留言详情", "诉求内容"),
                "reply_note": ("答复意见", "办理结果"), "closed_at": ("答复时间", "办结时间"),
                "reporter_name": ("留言用户",), "category_major": ("一级分类", "一级标签", "分类", "类别"),
                "category_minor": ("二级分类", "二级标签"), "address": ("地址", "事发地址"),
            },
            options={"default_days": DEFAULT_DAYS, "category_policy": "catch_all", "source": "hotline"},
        ),
        Profile(
            key="nyc311", name="NYC 311 service requests", kind="cases", source_key="nyc311",
            columns={
                "case_number": ("Unique Key",), "reported_at": ("Created Date",), "closed_at": ("Closed Date",),
                "title": ("Complaint Type",), "description": ("Descriptor",),
                "category_major": ("Complaint Type",), "category_minor": ("Descriptor",),
                "handling_unit": ("Agency Name", "Agency"), "address": ("Incident Address",),
                "state": ("Status",), "deadline_at": ("Due Date",), "reply_note": ("Resolution Description",),
            },
            options={"words": {"state": NYC_STATES}, "default_days": DEFAULT_DAYS,
                     "category_policy": "create", "source": "hotline"},
        ),
        Profile(
            key="baltimore311", name="Baltimore 311 service requests", kind="cases", source_key="baltimore311",
            columns={
                "case_number": ("ServiceRequestNum",), "reported_at": ("CreatedDate",), "closed_at": ("CloseDate",),
                "title": ("SRType",), "category_major": ("Agency",), "category_minor": ("SRType",),
                "handling_unit": ("Agency",), "address": ("Address",), "state": ("SRStatus",),
                "deadline_at": ("DueDate",), "reply_note": ("Outcome",),
            },
            options={"words": {"state": BALTIMORE_STATES}, "default_days": DEFAULT_DAYS,
                     "category_policy": "create", "source": "hotline"},
        ),
    )


# grid_case column → the fields that feed it (a column is compared on re-import only when fed)
FED_BY: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "description": ("description",),
    "address": ("address",),
    "community_id": ("community", "grid_code"),
    "grid_id": ("grid_code",),
    "category_id": ("category_major", "category_minor"),
    "handling_unit_id": ("handling_unit",),
    "state": ("state", "closed_at"),
    "reported_at": ("reported_at",),
    "deadline_at": ("deadline_at",),
    "closed_at": ("closed_at",),
    "satisfaction": ("satisfaction",),
    "source": ("source",),
    "supervised": ("supervised",),
    "reporter_name": ("reporter_name",),
    "reporter_phone": ("reporter_phone",),
    "reply_note": ("reply_note",),
}
TEXT_COLUMNS = ("description", "address", "reporter_name", "reporter_phone", "reply_note")

# Who owns which column on re-import: the street owns 督办 always, and the state with what follows
# it (closed time, deadline, satisfaction) once a transition was made in the app.
STREET_COLUMNS = ("supervised",)
STATE_COLUMNS = ("state", "closed_at", "deadline_at", "satisfaction")
IMPORT_ACTIONS = ("import", "import_update")
NON_TRANSITIONS = ("supervise", "unsupervise", "propose")
#: how far along the flow a state is; a source status further along than the app's is a conflict
STATE_RANK = {"REPORTED": 0, "FILED": 1, "DISPATCHED": 2, "IN_PROGRESS": 3, "ON_HOLD": 3, "FEEDBACK": 4,
              "CLOSED": 5, "EVALUATED": 6, "VOID": 7}
SOURCE_STATE_LABELS = {"REPORTED": "待受理", "FILED": "立案", "DISPATCHED": "派遣", "IN_PROGRESS": "处置中",
                       "ON_HOLD": "挂账", "FEEDBACK": "处理反馈", "CLOSED": "已办结", "EVALUATED": "回访评价",
                       "VOID": "作废"}
SOURCE_STATE_CODES = {label: code for code, label in SOURCE_STATE_LABELS.items()}
SOURCE_STATE_MARK = re.compile("来源状态：(" + "|".join(SOURCE_STATE_LABELS.values()) + ")")


class CaseSpec:
    """Grid cases for :func:`db.imports.engine.run`."""

    kind = "cases"
    fields = CASE_FIELDS
    key_fields = ("case_number",)

    def builtin_profiles(self) -> tuple[Profile, ...]:
        return _profiles()

    # ------------------------------------------------------------------ check (read-only)

    def check(self, session: Session, frame: pd.DataFrame, profile: Profile, mapping: Mapping[str, str]) -> Checked:
        rejects: list[Reject] = []
        frame = frame.copy()
        default_days = int(profile.options.get("default_days", DEFAULT_DAYS))

        def reject(mask: pd.Series, field: str, reason: str, values: pd.Series | None = None) -> None:
            shown = values if values is not None else frame[field]
            for row in mask.index[mask.to_numpy(dtype=bool)]:
                rejects.append(Reject(int(row), mapping.get(field, field), _show(shown.get(row)), reason))

        reported, closed, deadline = frame["reported_at"], frame["closed_at"], frame["deadline_at"]
        reject((closed < reported).fillna(False), "closed_at", "closed_before_reported")
        reject((deadline < reported).fillna(False), "deadline_at", "deadline_before_reported")

        state = frame["state"].astype(object)
        derived = closed.notna().map({True: "CLOSED", False: "REPORTED"}).astype(object)
        state = state.where(state.notna(), derived)
        frame["state"] = state
        if "state" in mapping:
            done = state.isin(DONE_CASE_STATES)
            reject(done & closed.isna(), "state", "closed_without_time", state)
            reject(state.isin(OPEN_CASE_STATES) & closed.notna(), "closed_at", "closed_time_on_open_case")
        source = frame["source"].astype(object)
        frame["source"] = source.where(source.notna(), profile.options.get("source", "import"))

        notes: list[tuple[str, int]] = []
        self._resolve_places(session, frame, mapping, reject)
        limits = self._resolve_categories(session, frame, profile, mapping, reject, notes)
        self._resolve_units(session, frame)

        days = frame["category_id"].map(lambda cid: limits.get(cid, default_days) if cid is not None else default_days)
        derived_deadline = reported + pd.to_timedelta(days.astype(float), unit="D")
        frame["deadline_at"] = deadline.where(deadline.notna(), derived_deadline)
        return Checked(frame, rejects, tuple(notes))

    def _resolve_places(self, session: Session, frame: pd.DataFrame, mapping: Mapping[str, str], reject: Any) -> None:
        frame["community_id"] = None
        frame["grid_id"] = None
        if "community" in mapping:
            by_name: dict[str, int] = {}
            for cid, code, name in session.execute(select(Community.id, Community.code, Community.name)):
                by_name[name] = cid
                by_name[code] = cid
            names = frame["community"]
            ids = names.map(lambda v: by_name.get(v) if v is not None else None)
            reject(names.notna() & ids.isna(), "community", "unknown_community")
            frame["community_id"] = ids.astype(object)
        if "grid_code" in mapping:
            grids = {code: (gid, cid) for gid, code, cid in session.execute(select(Grid.id, Grid.code, Grid.community_id))}
            by_name: dict[str, list[tuple[int, int]]] = {}  # a grid by name too, where the name is unambiguous
            for gid, name, cid in session.execute(select(Grid.id, Grid.name, Grid.community_id)):
                by_name.setdefault(name, []).append((gid, cid))
            grids.update({name: found[0] for name, found in by_name.items() if len(found) == 1 and name not in grids})
            codes = frame["grid_code"]
            found = codes.map(lambda v: grids.get(v) if v is not None else None)
            reject(codes.notna() & found.isna(), "grid_code", "unknown_grid")
            grid_ids = found.map(lambda g: g[0] if g else None).astype(object)
            grid_community = found.map(lambda g: g[1] if g else None).astype(object)
            community = frame["community_id"]
            clash = grid_ids.notna() & community.notna() & (grid_community != community)
            reject(clash, "grid_code", "grid_not_in_community")
            frame["grid_id"] = grid_ids
            frame["community_id"] = community.where(community.notna(), grid_community).astype(object)

    def _resolve_categories(self, session: Session, frame: pd.DataFrame, profile: Profile,
                            mapping: Mapping[str, str], reject: Any, notes: list[tuple[str, int]]) -> dict[Any, int]:
        """Fill ``category_id`` (an id, or a ``("new", major, minor)`` marker) and return id → time limit."""
        frame["category_id"] = None
        limits: dict[Any, int] = {}
        if "category_major" not in mapping and "category_minor" not in mapping:
            return limits
        rows = session.execute(select(CaseCategory.id, CaseCategory.major, CaseCategory.minor,
                                      CaseCategory.time_limit_days, CaseCategory.is_catch_all)
                               .order_by(CaseCategory.id)).all()
        pairs = {(major, minor): cid for cid, major, minor, _limit, _ca in rows}
        by_major: dict[str, int] = {}
        by_minor: dict[str, list[int]] = {}
        for cid, major, minor, _limit, _ca in rows:
            preferred = minor in ("", major, CATCH_ALL[1])
            if major not in by_major or preferred:
                by_major.setdefault(major, cid)
                if preferred:
                    by_major[major] = cid
            by_minor.setdefault(minor, []).append(cid)
        limits.update({cid: limit for cid, _m, _n, limit, _ca in rows})
        catch_all = next((cid for cid, _m, _n, _l, is_ca in rows if is_ca), None)

        def lookup(major: Any, minor: Any) -> Any:
            if major is None and minor is None:
                return None
            if major is not None and minor is not None:
                return pairs.get((major, minor))
            if major is not None:
                return by_major.get(major)
            found = by_minor.get(minor, [])
            return found[0] if len(found) == 1 else None

        majors, minors = frame["category_major"], frame["category_minor"]
        ids = pd.Series([lookup(a, b) for a, b in zip(majors, minors, strict=True)], index=frame.index, dtype=object)
        given = majors.notna() | minors.notna()
        unknown = given & ids.isna()
        policy = profile.options.get("category_policy", "catch_all")
        if unknown.any():
            if policy == "reject":
                column = "category_major" if "category_major" in mapping else "category_minor"
                shown = (majors.fillna("") + "/" + minors.fillna("")).str.strip("/")
                reject(unknown, column, "unknown_category", shown)
            elif policy == "create":
                for row in unknown.index[unknown.to_numpy()]:
                    major = majors[row] if majors[row] is not None else minors[row]
                    minor = minors[row] if majors[row] is not None and minors[row] is not None else ""
                    ids[row] = ("new", major, minor)
            else:
                target = catch_all if catch_all is not None else pairs.get(CATCH_ALL, ("new", *CATCH_ALL))
                for row in unknown.index[unknown.to_numpy()]:
                    ids[row] = target
                notes.append(("catch_all", int(unknown.sum())))
        frame["category_id"] = ids
        return limits

    def _resolve_units(self, session: Session, frame: pd.DataFrame) -> None:
        names = frame["handling_unit"]
        if names.isna().all():
            frame["handling_unit_id"] = None
            return
        wanted = sorted(set(names.dropna()))
        existing = dict(session.execute(select(HandlingUnit.name, HandlingUnit.id).where(HandlingUnit.name.in_(wanted))).all())
        frame["handling_unit_id"] = names.map(
            lambda v: None if v is None else existing.get(v, ("new", v))).astype(object)

    # ------------------------------------------------------------------ write

    def write(self, session: Session, frame: pd.DataFrame, profile: Profile, mapping: Mapping[str, str],
              context: WriteContext) -> WriteOutcome:
        notes: list[tuple[str, int]] = []
        frame = frame.copy()
        frame["category_id"] = self._create_refs(
            session, frame["category_id"], context, notes, "categories_created", self._insert_categories(profile))
        frame["handling_unit_id"] = self._create_refs(
            session, frame["handling_unit_id"], context, notes, "handling_units_created", self._insert_units)
        context.check()

        compared = [col for col, fed in FED_BY.items() if col in ("title", "reported_at") or any(f in mapping for f in fed)]
        labels = {col: next((mapping[f] for f in FED_BY[col] if f in mapping), col) for col in compared}
        records = _records(frame, profile)
        existing = self._existing(session, profile.source_key, [r["case_number"] for r in records], compared)
        history = _history(session, [old["id"] for old in existing.values()])
        new_rows: list[dict[str, Any]] = []
        changed: list[tuple[dict[str, Any], dict[str, Any], list[str], str]] = []
        unchanged = conflicts = 0
        for record in records:
            old = existing.get(record["case_number"])
            if old is None:
                new_rows.append(record)
                continue
            street, known = history.get(old["id"], (False, old["state"]))
            owned = [c for c in compared if c not in STREET_COLUMNS and not (street and c in STATE_COLUMNS)]
            diff = [c for c in owned if not _blank(c, record[c]) and not _same(old[c], record[c])]
            status = ""
            if street and "state" in compared:
                conflicts += STATE_RANK[record["state"]] > STATE_RANK[old["state"]]
                if diff or record["state"] != known:
                    status = f"来源状态：{SOURCE_STATE_LABELS[record['state']]}"
            if diff or status:
                changed.append((old, record, diff, status))
            else:
                unchanged += 1
        if conflicts:
            notes.append(("state_conflicts", conflicts))
        outcome = WriteOutcome(imported=len(new_rows), updated=len(changed), unchanged=unchanged, notes=tuple(notes))
        if context.dry_run:
            return outcome

        total = max(1, len(new_rows) + len(changed))
        done = 0
        case_table = GridCase.__table__
        for start in range(0, len(new_rows), WRITE_BATCH):
            context.check()
            batch = new_rows[start:start + WRITE_BATCH]
            ids = session.execute(insert(case_table).returning(case_table.c.id, case_table.c.case_number),
                                  [{**r, "version": 1} for r in batch]).all()
            by_number = {number: cid for cid, number in ids}
            session.execute(insert(CaseEvent.__table__), [
                {"case_id": by_number[r["case_number"]], "at": context.now, "actor": context.actor,
                 "action": "import", "from_state": None, "to_state": r["state"], "note": context.file_name}
                for r in batch])
            done += len(batch)
            context.progress(done / total)
        statement = (
            update(case_table).where(case_table.c.id == bindparam("_id"))
            .values({**{col: bindparam(f"v_{col}") for col in compared},
                     "version": case_table.c.version + 1, "updated_at": func.now()})
        )
        for start in range(0, len(changed), WRITE_BATCH):
            context.check()
            batch = changed[start:start + WRITE_BATCH]
            rows = [{"_id": old["id"], **{f"v_{c}": record[c] if c in diff else old[c] for c in compared}}
                    for old, record, diff, _status in batch if diff]
            if rows:
                session.execute(statement, rows)
            session.execute(insert(CaseEvent.__table__), [
                {"case_id": old["id"], "at": context.now, "actor": context.actor, "action": "import_update",
                 "from_state": old["state"], "to_state": record["state"] if "state" in diff else old["state"],
                 "note": f"{context.file_name}: {'; '.join(filter(None, (', '.join(labels[c] for c in diff), status)))}"}
                for old, record, diff, status in batch])
            done += len(batch)
            context.progress(done / total)
        return outcome

    @staticmethod
    def _create_refs(session: Session, ids: pd.Series, context: WriteContext, notes: list[tuple[str, int]],
                     note: str, create: Any) -> pd.Series:
        markers = sorted({v for v in ids if isinstance(v, tuple)})
        if not markers:
            return ids
        if context.dry_run:
            made = {m: -(i + 1) for i, m in enumerate(markers)}
        else:
            made = create(session, markers)
        notes.append((note, len(markers)))
        return ids.map(lambda v: made[v] if isinstance(v, tuple) else v).astype(object)

    @staticmethod
    def _insert_units(session: Session, markers: list[tuple[str, str]]) -> dict[Any, int]:
        rows = session.execute(insert(HandlingUnit.__table__).returning(HandlingUnit.__table__.c.id,
                                                                        HandlingUnit.__table__.c.name),
                               [{"name": name, "kind": "other", "active": True, "version": 1}
                                for _tag, name in markers]).all()
        by_name = {name: uid for uid, name in rows}
        return {m: by_name[m[1]] for m in markers}

    @staticmethod
    def _insert_categories(profile: Profile) -> Any:
        days = int(profile.options.get("default_days", DEFAULT_DAYS))

        def create(session: Session, markers: list[tuple[str, str, str]]) -> dict[Any, int]:
            table = CaseCategory.__table__
            rows = session.execute(insert(table).returning(table.c.id, table.c.major, table.c.minor), [
                {"major": major, "minor": minor, "kind": "event", "time_limit_days": days,
                 "is_catch_all": (major, minor) == CATCH_ALL, "version": 1}
                for _tag, major, minor in markers]).all()
            by_pair = {(major, minor): cid for cid, major, minor in rows}
            return {m: by_pair[(m[1], m[2])] for m in markers}

        return create

    @staticmethod
    def _existing(session: Session, source_key: str, numbers: list[str], compared: list[str]) -> dict[str, dict[str, Any]]:
        table = GridCase.__table__
        columns = [table.c.id, table.c.case_number, table.c.state, *(table.c[c] for c in compared if c != "state")]
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(numbers), IN_CHUNK):
            chunk = numbers[start:start + IN_CHUNK]
            rows = session.execute(select(*columns).where(table.c.source_key == source_key,
                                                          table.c.case_number.in_(chunk)))
            for row in rows.mappings():
                found[row["case_number"]] = dict(row)
        return found


def _history(session: Session, case_ids: list[int]) -> dict[int, tuple[bool, str]]:
    """Case id → (whether the street has moved it in the app, the source's last known status)."""
    out: dict[int, tuple[bool, str]] = {}
    for start in range(0, len(case_ids), IN_CHUNK):
        rows = session.execute(select(CaseEvent.case_id, CaseEvent.action, CaseEvent.to_state, CaseEvent.note)
                               .where(CaseEvent.case_id.in_(case_ids[start:start + IN_CHUNK]))
                               .order_by(CaseEvent.case_id, CaseEvent.id))
        for case_id, action, to_state, note in rows:
            street, known = out.get(case_id, (False, to_state))
            if action in IMPORT_ACTIONS:
                marked = SOURCE_STATE_MARK.search(note or "")
                known = SOURCE_STATE_CODES[marked.group(1)] if marked else to_state if not street else known
            elif action not in NON_TRANSITIONS:
                street = True
            out[case_id] = (street, known)
    return out


def _blank(column: str, value: Any) -> bool:
    """A blank cell never erases a value (an open case's missing closed time is a value)."""
    return column != "closed_at" and (value is None or value == "")


def _records(frame: pd.DataFrame, profile: Profile) -> list[dict[str, Any]]:
    """The grid_case rows to write, as plain Python values."""
    out = pd.DataFrame(index=frame.index)
    out["case_number"] = frame["case_number"]
    out["source_key"] = profile.source_key
    out["title"] = frame["title"]
    for col in TEXT_COLUMNS:
        out[col] = frame[col].where(frame[col].notna(), "")
    for col in ("community_id", "grid_id", "category_id", "handling_unit_id", "state", "source"):
        out[col] = frame[col]
    for col in ("reported_at", "deadline_at", "closed_at"):
        out[col] = frame[col]
    out["supervised"] = frame["supervised"].astype(bool)
    out["satisfaction"] = frame["satisfaction"]
    records = out.to_dict("records")
    for r in records:
        for col in ("reported_at", "deadline_at", "closed_at"):
            r[col] = _py(r[col])
        for col in ("community_id", "grid_id", "category_id", "handling_unit_id", "satisfaction"):
            v = r[col]
            r[col] = None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else int(v)
        r["supervised"] = bool(r["supervised"])
    return records


def _py(value: Any) -> dt.datetime | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return pd.Timestamp(value).to_pydatetime()


def _same(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, dt.datetime) and isinstance(new, dt.datetime):
        return old.replace(microsecond=0) == new.replace(microsecond=0)
    return old == new


def _show(value: Any) -> str:
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d") if stamp == stamp.normalize() else stamp.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


CASE_SPEC = CaseSpec()


def write_template(path: str | Path) -> Path:
    """The empty StreetBoard case template: a header row, and a sheet explaining every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = "事件"
    sheet.append([header for header, *_ in TEMPLATE_COLUMNS])
    for i, (_header, _field, required, *_rest) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(1, i)
        cell.font = Font(bold=True, color="FFFFFF" if required else "000000")
        cell.fill = PatternFill("solid", fgColor="1F4E79" if required else "D9E2F3")
        sheet.column_dimensions[get_column_letter(i)].width = 16 if _field not in ("description", "title") else 32
    sheet.freeze_panes = "A2"

    notes = book.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明", "示例"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for header, _field, required, explanation, example in TEMPLATE_COLUMNS:
        notes.append([header, "必填" if required else "选填", explanation, example])
    notes.append([])
    notes.append(["", "", "第1行是列名，请勿修改；从第2行起每行一件事件。列的顺序可以调整。", ""])
    notes.append(["", "", "同一事件编号再次导入时，内容有变化则更新并记入处置记录，内容相同则不变。", ""])
    notes.append(["", "", "空白单元格不会清除已有内容；已在系统中受理、挂账、督办的事件，其状态和督办不会被文件覆盖，"
                  "文件中的状态与系统不一致时记入处置记录（来源状态）并在导入结果中计为冲突。", ""])
    for letter, width in zip("ABCD", (12, 10, 70, 24), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    book.save(path)
    return path
