"""A demo phase: monthly meetings with attendance, agenda, minutes, resolutions and tasks."""

from __future__ import annotations

import datetime as dt

import numpy as np
from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.demo.helpers import _epoch, _weekday_at
from db.demo.vocabulary import (
    CATEGORIES,
    CURRENT_MEMBER_UNITS,
    NEEDS,
    POOR_ATTENDERS,
    RECENT_ABSENTEE,
    ROADS,
    STATE_CODE,
    TASK_TITLES,
    TOPICAL,
)
from db.meetings.minutes import canonical_json, seal_in_order
from db.schema.meetings import (
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    MinutesRevision,
    TopicProposal,
    agenda_item_case,
    resolution_agreement_item,
    resolution_case,
    resolution_co_unit,
)
from db.schema.resolutions import Resolution, Task, TaskUpdate
from db.schema.units import ResidentUnit


class _MeetingsPhase:
    """The current term's meetings: attendance, agenda, proposals, minutes, resolutions, tasks."""

    def _meeting_dates(self) -> list[tuple[str, dt.datetime, str]]:
        """(kind, starts_at, title) of every past meeting of the current term, in order."""
        out: list[tuple[str, dt.datetime, str]] = []
        d = self.term.started_on
        i = 0
        limit = self.now - dt.timedelta(days=1)
        while True:
            y, mth = d.year, d.month
            if dt.date(y, mth, 1) > self.today:
                break
            if i % 3 == 0:
                q = sum(1 for k, t, _ in out if k == "plenary" and t.year == y) + 1
                out.append(
                    ("plenary", _weekday_at(dt.date(y, mth, 16), 9), f"第三届大工委{y}年第{q}次全体会议")
                )
            else:
                out.append(("regular", _weekday_at(dt.date(y, mth, 15), 14, 30), f"{y}年{mth}月大工委例会"))
            if i % 5 == 2:
                topic = TOPICAL[(i // 5) % len(TOPICAL)]
                out.append(("topical", _weekday_at(dt.date(y, mth, 25), 15), f"{topic}专题会"))
            if i % 6 == 4:
                half = "上半年" if mth <= 6 else "下半年"
                out.append(("joint", _weekday_at(dt.date(y, mth, 8), 9, 30), f"{y}年{half}街道党建联席会议"))
            i += 1
            d = dt.date(y + (mth == 12), mth % 12 + 1, 1)
        out = [x for x in out if x[1] < limit]
        out.sort(key=lambda x: x[1])
        return out

    def _meetings(self, s: Session) -> None:
        py = self.py
        c = self.case_cols
        past = self._meeting_dates()
        member_key = {self.units[k].id: k for k in CURRENT_MEMBER_UNITS}
        places = ("街道党群服务中心三楼会议室", "街道办事处一楼会议室", "汇湖社区党群服务中心会议室")
        meetings = []
        for j, (kind, starts, title) in enumerate(past):
            status = "closed" if j == len(past) - 1 else "approved"
            place = places[0] if kind in ("plenary", "regular") else py.choice(places)
            if kind == "joint":
                place = f"{self.units[py.choice(CURRENT_MEMBER_UNITS)].short_name}会议室"
            mins = {"plenary": 120, "regular": 90, "topical": 60, "joint": 120}[kind]
            meetings.append(
                Meeting(
                    term_id=self.term.id,
                    body_id=self._body_of(kind),
                    kind=kind,
                    title=title,
                    starts_at=starts,
                    planned_minutes=mins,
                    ended_at=starts + dt.timedelta(minutes=mins + py.randint(-15, 25)),
                    place=place,
                    chair=self.secretary.name,
                    recorder=self.recorder.name,
                    status=status,
                )
            )
        upcoming_at = dt.datetime.combine(self.today + dt.timedelta(days=7), dt.time(14, 30))
        upcoming = Meeting(
            term_id=self.term.id,
            body_id=self.street_body.id,
            kind="regular",
            title=f"{upcoming_at.year}年{upcoming_at.month}月大工委例会（{upcoming_at.month}月{upcoming_at.day}日）",
            starts_at=upcoming_at,
            planned_minutes=90,
            place=places[0],
            chair=self.secretary.name,
            recorder=self.recorder.name,
            status="planned",
        )
        self._add(s, meetings + [upcoming])
        self.n_meetings = len(meetings) + 1

        # --- attendance
        att_p = {k: (0.55 if k in POOR_ATTENDERS else 0.9) for k in CURRENT_MEMBER_UNITS}
        attendance: dict[int, list[Attendance]] = {}
        rows = []
        for j, mt in enumerate(meetings):
            lst = []
            for mem in self.members:
                key = member_key.get(mem.unit_id)
                delegate = ""
                if key is None:  # full-time street staff
                    r = py.random()
                    status = "present" if r < 0.93 else "excused"
                elif key == RECENT_ABSENTEE and j >= len(meetings) - 3:
                    status = "absent"
                else:
                    r = py.random()
                    p = att_p[key]
                    status = "present" if r < p else ("excused" if r < p + (1 - p) * 0.6 else "absent")
                    if status == "excused" and py.random() < 0.6:
                        delegate = self.liaisons[key].name
                signed = (
                    mt.starts_at - dt.timedelta(minutes=py.randint(3, 25))
                    if status == "present" or delegate
                    else None
                )
                a = Attendance(
                    meeting_id=mt.id,
                    member_id=mem.id,
                    body_member_id=self.joint_of_member[mem.id] if mt.kind == "joint" else None,
                    unit_id=mem.unit_id,
                    person_name=mem.name,
                    status=status,
                    delegate_name=delegate,
                    signed_at=signed,
                )
                lst.append(a)
            if mt.kind in ("plenary", "joint"):
                for key in py.sample(("ag1", "ag3", "hos2", "so1"), 2):
                    u = self.units[key]
                    lst.append(
                        Attendance(
                            meeting_id=mt.id,
                            member_id=None,
                            unit_id=u.id,
                            person_name=self.names.one(unique=False),
                            status="observer",
                            signed_at=mt.starts_at - dt.timedelta(minutes=py.randint(3, 20)),
                        )
                    )
            if mt.kind == "joint":
                lst.extend(self._joint_guest_attendance(mt))
            attendance[mt.id] = lst
            rows.extend(lst)
        self._add(s, rows)

        # --- proposals (accepted into past meetings, a few proposed for the next)
        proposals: dict[int, list[TopicProposal]] = {}
        props = []
        for mt in meetings:
            lst = []
            for _ in range(py.randint(1, 2)):
                key = py.choice(CURRENT_MEMBER_UNITS)
                u = self.units[key]
                topic = py.choice(NEEDS)[0]
                lst.append(
                    TopicProposal(
                        title=f"关于{topic}的建议",
                        description=f"{u.short_name}建议将{topic}列入议题。",
                        unit_id=u.id,
                        meeting_id=mt.id,
                        proposed_by=self.liaisons[key].name,
                        proposed_at=mt.starts_at - dt.timedelta(days=py.randint(7, 14)),
                        status="accepted",
                    )
                )
            if py.random() < 0.2:
                key = py.choice(CURRENT_MEMBER_UNITS)
                lst.append(
                    TopicProposal(
                        title="关于调整例会时间的建议",
                        unit_id=self.units[key].id,
                        meeting_id=None,
                        proposed_by=self.liaisons[key].name,
                        proposed_at=mt.starts_at - dt.timedelta(days=py.randint(7, 14)),
                        status=py.choice(("rejected", "deferred")),
                    )
                )
            proposals[mt.id] = lst
            props.extend(lst)
        open_cases = np.nonzero(
            np.isin(c["state"], [STATE_CODE["IN_PROGRESS"], STATE_CODE["ON_HOLD"]])
            & (c["deadline"] < _epoch(self.now))
        )[0]
        for i in range(3):
            key = CURRENT_MEMBER_UNITS[(i * 2) % len(CURRENT_MEMBER_UNITS)]
            case_id = (
                int(c["id"][open_cases[py.randrange(len(open_cases))]])
                if (i == 2 and len(open_cases))
                else None
            )
            title = (
                "关于校园周边交通秩序整治的建议",
                "关于小区电动车集中充电设施建设的建议",
                "关于长期挂账网格事件的协调",
            )[i]
            props.append(
                TopicProposal(
                    title=title,
                    description=title + "，提请下次例会研究。",
                    unit_id=self.units[key].id,
                    case_id=case_id,
                    meeting_id=upcoming.id,
                    proposed_by=self.liaisons[key].name,
                    proposed_at=self.now - dt.timedelta(days=py.randint(1, 6), hours=3),
                    status="proposed",
                )
            )
        self._add(s, props)

        # --- agenda
        agenda: dict[int, list[AgendaItem]] = {}
        items = []
        case_links: list[dict[str, int]] = []
        reported = c["reported"]
        for mt in meetings + [upcoming]:
            lst = [
                AgendaItem(
                    meeting_id=mt.id,
                    position=1,
                    kind="follow_up",
                    title="通报上次会议议定事项落实情况",
                    planned_minutes=15,
                )
            ]
            lst.append(
                AgendaItem(
                    meeting_id=mt.id,
                    position=2,
                    kind="case_review",
                    title="通报近期网格事件办理情况及逾期事件",
                    planned_minutes=20,
                )
            )
            if mt is not upcoming:
                for p in proposals[mt.id]:
                    if p.status == "accepted":
                        lst.append(
                            AgendaItem(
                                meeting_id=mt.id,
                                position=len(lst) + 1,
                                kind="proposal",
                                title=p.title.replace("的建议", ""),
                                proposal_id=p.id,
                                unit_id=p.unit_id,
                                planned_minutes=15,
                            )
                        )
                if mt.kind in ("plenary", "joint"):
                    key = py.choice(CURRENT_MEMBER_UNITS)
                    lst.append(
                        AgendaItem(
                            meeting_id=mt.id,
                            position=len(lst) + 1,
                            kind="unit_report",
                            title=f"{self.units[key].short_name}述职",
                            unit_id=self.units[key].id,
                            planned_minutes=15,
                        )
                    )
                    pr = py.choice(self.pairings)
                    lst.append(
                        AgendaItem(
                            meeting_id=mt.id,
                            position=len(lst) + 1,
                            kind="pairing_review",
                            title="四联四定结对共建推进情况",
                            pairing_id=pr.id,
                            planned_minutes=15,
                        )
                    )
                if len(lst) < 3:
                    lst.append(
                        AgendaItem(
                            meeting_id=mt.id,
                            position=len(lst) + 1,
                            kind="other",
                            title="其他事项",
                            planned_minutes=10,
                        )
                    )
                for a in lst:
                    a.notes = f"{a.title}：与会委员进行了讨论，形成一致意见。"
            lst = lst[:6]
            agenda[mt.id] = lst
            items.extend(lst)
        self._add(s, items)
        meeting_cases: dict[int, list[int]] = {}
        for mt in meetings:
            hi = int(np.searchsorted(reported, _epoch(mt.starts_at)))
            lo = int(np.searchsorted(reported, _epoch(mt.starts_at - dt.timedelta(days=45))))
            picked: list[int] = []
            if hi > lo:
                for _ in range(py.randint(2, 5)):
                    cid = int(c["id"][py.randrange(lo, hi)])
                    if cid not in picked:
                        picked.append(cid)
            meeting_cases[mt.id] = picked
            review = next(a for a in agenda[mt.id] if a.kind == "case_review")
            case_links.extend({"agenda_item_id": review.id, "case_id": cid} for cid in picked)
        if case_links:
            s.execute(insert(agenda_item_case), case_links)

        # --- resolutions, tasks, updates
        street_key = "street"
        resolutions = []
        res_meta = []
        for mt in meetings:
            mdate = mt.starts_at.date()
            for num in range(1, py.randint(1, 3) + 1):
                owner_key = py.choice(CURRENT_MEMBER_UNITS) if py.random() < 0.7 else street_key
                owner = self.units[owner_key]
                item = py.choice(agenda[mt.id][1:]) if len(agenda[mt.id]) > 1 else agenda[mt.id][0]
                deadline = mdate + dt.timedelta(weeks=py.randint(2, 8))
                text = self._resolution_text(item, owner, deadline)
                if deadline < self.today - dt.timedelta(days=30):
                    r = py.random()
                    status = (
                        "done"
                        if r < 0.85
                        else ("cancelled" if r < 0.88 else py.choice(("open", "in_progress")))
                    )
                elif deadline < self.today:
                    status = py.choices(("done", "in_progress", "ready_to_verify", "open"), (60, 25, 10, 5))[
                        0
                    ]
                else:
                    status = py.choices(("in_progress", "open", "ready_to_verify", "done"), (50, 35, 10, 5))[
                        0
                    ]
                completed = None
                reason = ""
                if status in ("done", "ready_to_verify"):
                    if py.random() < 0.85:
                        completed = deadline - dt.timedelta(days=py.randint(0, 10))
                    else:
                        completed = deadline + dt.timedelta(days=py.randint(1, 20))
                        reason = py.choice(
                            ("涉及多部门协调，进度滞后", "施工受天气影响延误", "资金审批流程较长")
                        )
                    completed = max(mdate + dt.timedelta(days=3), min(completed, self.today))
                elif status in ("open", "in_progress") and deadline < self.today and py.random() < 0.6:
                    reason = py.choice(
                        ("需上级部门审批，尚未批复", "群众意见不统一，正在协调", "资金尚未到位")
                    )
                verified = None
                if status == "done" and completed is not None:
                    nxt = [m for m in meetings if m.starts_at.date() > completed]
                    verified = nxt[0].id if nxt else None
                    if verified is None:
                        status = "ready_to_verify"
                res = Resolution(
                    meeting_id=mt.id,
                    agenda_item_id=item.id,
                    number=num,
                    text=text,
                    owner_unit_id=owner.id,
                    deadline=deadline,
                    status=status,
                    completed_on=completed,
                    verified_meeting_id=verified,
                    overdue_reason=reason,
                )
                resolutions.append(res)
                res_meta.append((res, mt, item, owner_key))
        self._add(s, resolutions)
        self.n_resolutions = len(resolutions)
        co_rows, rc_rows, ra_rows = [], [], []
        tasks, task_meta = [], []
        for res, mt, item, owner_key in res_meta:
            if py.random() < 0.3:
                co = py.choice([k for k in CURRENT_MEMBER_UNITS if k != owner_key])
                co_rows.append({"resolution_id": res.id, "unit_id": self.units[co].id})
            if item.kind == "case_review" and meeting_cases.get(mt.id):
                rc_rows.extend({"resolution_id": res.id, "case_id": cid} for cid in meeting_cases[mt.id][:3])
            if item.kind == "pairing_review":
                pool = self.agreement_items.get(mt.starts_at.year, [])
                for it in py.sample(pool, min(len(pool), py.randint(1, 2))):
                    ra_rows.append({"resolution_id": res.id, "item_id": it.id})
            mdate = mt.starts_at.date()
            for k in range(py.randint(1, 3)):
                t_deadline = min(res.deadline, mdate + dt.timedelta(days=7 * (k + 1) + py.randint(0, 7)))
                if res.status in ("done", "ready_to_verify"):
                    t_status, pct, done_on = (
                        "done",
                        100,
                        min(res.completed_on or self.today, t_deadline + dt.timedelta(days=py.randint(0, 5))),
                    )
                    done_on = max(done_on, mdate)
                elif res.status == "cancelled":
                    t_status, pct, done_on = "cancelled", py.choice((0, 30)), None
                elif res.status == "in_progress":
                    t_status = (
                        py.choice(("in_progress", "done")) if t_deadline < self.today else "in_progress"
                    )
                    pct = 100 if t_status == "done" else py.choice((20, 40, 50, 60, 80))
                    done_on = min(t_deadline, self.today) if t_status == "done" else None
                else:
                    t_status, pct, done_on = "open", 0, None
                t = Task(
                    resolution_id=res.id,
                    title=TASK_TITLES[(k + res.id) % len(TASK_TITLES)],
                    owner_unit_id=res.owner_unit_id,
                    assignee=self.names.one(unique=False),
                    deadline=t_deadline,
                    status=t_status,
                    progress_pct=pct,
                    done_on=done_on,
                    overdue_reason=res.overdue_reason
                    if t_status != "done" and t_deadline < self.today
                    else "",
                )
                tasks.append(t)
                task_meta.append((t, mdate))
        if co_rows:
            s.execute(insert(resolution_co_unit), co_rows)
        if rc_rows:
            s.execute(insert(resolution_case), rc_rows)
        if ra_rows:
            s.execute(insert(resolution_agreement_item), ra_rows)
        self._add(s, tasks)
        updates = []
        for t, mdate in task_meta:
            if t.progress_pct == 0:
                continue
            end = t.done_on or min(self.today, t.deadline + dt.timedelta(days=14))
            start = mdate + dt.timedelta(days=2)
            steps = sorted({min(t.progress_pct, p) for p in (30, 60, t.progress_pct)})[: py.randint(1, 3)]
            if steps[-1] != t.progress_pct:
                steps.append(t.progress_pct)
            for k, p in enumerate(steps):
                day = start + (max(end, start) - start) * (k + 1) // len(steps)
                at = dt.datetime.combine(min(day, self.today), dt.time(py.randint(9, 17), py.randint(0, 59)))
                updates.append(
                    TaskUpdate(
                        task_id=t.id,
                        at=min(at, self.now),
                        by=t.assignee,
                        progress_pct=p,
                        note="已完成" if p == 100 else f"已完成{p}%，正在推进",
                    )
                )
        self._add(s, updates)

        # --- minutes (canonical JSON of the structured record) for each past meeting
        unit_name = {u.id: u.name for u in self.units.values()}
        minutes, revs = [], []
        res_by_meeting: dict[int, list[Resolution]] = {}
        for res in resolutions:
            res_by_meeting.setdefault(res.meeting_id, []).append(res)
        for mt in meetings:
            mi = Minutes(meeting_id=mt.id, status="approved" if mt.status == "approved" else "draft")
            minutes.append(mi)
        self._add(s, minutes)
        for mt, mi in zip(meetings, minutes, strict=True):
            att = attendance[mt.id]
            record = {
                "title": f"{mt.title}纪要",
                "meeting": {
                    "kind": mt.kind,
                    "starts_at": mt.starts_at.isoformat(sep=" "),
                    "ended_at": mt.ended_at.isoformat(sep=" ") if mt.ended_at else None,
                    "place": mt.place,
                    "chair": mt.chair,
                    "recorder": mt.recorder,
                },
                "attendance": {
                    "present": [a.person_name for a in att if a.status == "present"],
                    "excused": [
                        {"name": a.person_name, "delegate": a.delegate_name}
                        for a in att
                        if a.status == "excused"
                    ],
                    "absent": [a.person_name for a in att if a.status == "absent"],
                    "observer": [a.person_name for a in att if a.status == "observer"],
                },
                "agenda": [
                    {"position": a.position, "kind": a.kind, "title": a.title, "notes": a.notes}
                    for a in agenda[mt.id]
                ],
                "resolutions": [
                    {
                        "number": r.number,
                        "text": r.text,
                        "owner": unit_name[r.owner_unit_id],
                        "deadline": r.deadline.isoformat(),
                    }
                    for r in res_by_meeting.get(mt.id, [])
                ],
            }
            created = min(mt.ended_at + dt.timedelta(days=1), self.now)  # type: ignore[operator]
            approved = mi.status == "approved"
            revs.append(
                MinutesRevision(
                    minutes_id=mi.id,
                    number=1,
                    content=canonical_json(record),
                    reason="初稿",
                    created_by=mt.recorder,
                    created_at=created,
                    approved_by=mt.chair if approved else None,
                    approved_at=min(created + dt.timedelta(days=3), self.now) if approved else None,
                )
            )
        seal_in_order(revs)  # approved minutes join the SHA-256 chain, in approval order
        self._add(s, revs)

    def _resolution_text(self, item: AgendaItem, owner: ResidentUnit, deadline: dt.date) -> str:
        py = self.py
        who = owner.short_name or owner.name
        by = f"{deadline.month}月{deadline.day}日前"
        if item.kind == "case_review":
            road = py.choice(ROADS)
            minor = py.choice([m for _a, m, *_ in CATEGORIES[:20]])
            return f"由{who}牵头，对{road}沿线{minor}问题开展集中整治，{by}完成并报送整改情况。"
        if item.kind == "follow_up":
            return f"对上次会议逾期未完成的议定事项，由{who}书面说明原因，{by}整改到位。"
        if item.kind == "pairing_review":
            return f"由{who}对接结对单位，推进四联四定协议事项落实，{by}报送进展。"
        if item.kind == "unit_report":
            return f"{who}认领“{py.choice(NEEDS)[0]}”项目，{by}完成。"
        if item.kind == "proposal":
            return f"{item.title}：由{who}牵头制定工作方案，{by}提交街道党工委。"
        return f"由{who}负责落实，{by}完成。"
