"""A demo phase: the three lists (needs, resources, projects) and dual reporting."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.demo.vocabulary import ACTIVITIES, COMMUNITIES, CURRENT_MEMBER_UNITS, NEEDS, RESOURCES, UNIT_SPECS
from db.schema.units import (
    DualReporting,
    Need,
    Project,
    ProjectClaim,
    Resource,
    ResourceUse,
    ServiceRecord,
    ServingPartyMember,
)


class _UnitsPhase:
    """The three lists with their uses and claims, service records and dual reporting."""

    def _three_lists(self, s: Session) -> None:
        py = self.py
        day = lambda lo, hi: self.today - dt.timedelta(days=py.randint(lo, hi))  # noqa: E731
        local_units = [k for k, *_ in UNIT_SPECS]
        needs = []
        for title, cat in NEEDS[:25]:
            ci = py.randrange(len(self.communities))
            needs.append(
                Need(
                    community_id=self.communities[ci].id,
                    title=f"{COMMUNITIES[ci]}社区{title}",
                    description=f"{COMMUNITIES[ci]}社区居民反映需要{title}。",
                    category=cat,
                    raised_by=f"{COMMUNITIES[ci]}社区居委会",
                    raised_on=day(30, 700),
                    status="open",
                )
            )
        self._add(s, needs)
        resources = []
        for i in range(30):
            title, cat = RESOURCES[i % len(RESOURCES)]
            key = local_units[(i * 7) % len(local_units)]
            u = self.units[key]
            resources.append(
                Resource(
                    unit_id=u.id,
                    title=f"{u.short_name}{title}",
                    category=cat,
                    description=f"{u.name}提供{title}。",
                    offered_on=day(20, 700),
                    status="withdrawn" if i in (5, 17) else "offered",
                )
            )
        self._add(s, resources)
        projects = []
        for i in range(20):
            need = needs[i] if i < 15 else None
            title = (
                need.title.replace("社区", "社区·", 1) + "项目"
                if need
                else ("党员志愿服务月", "邻里节", "平安小区创建", "老旧小区微改造", "湖畔读书会")[i - 15]
            )
            published = (
                max(
                    need.raised_on + dt.timedelta(days=py.randint(5, 30)), self.today - dt.timedelta(days=650)
                )
                if need
                else day(60, 600)
            )
            published = min(published, self.today - dt.timedelta(days=10))
            projects.append(
                Project(
                    title=title,
                    description=f"{title}，面向驻区单位认领。",
                    need_id=need.id if need else None,
                    community_id=need.community_id if need else None,
                    published_on=published,
                    due_on=published + dt.timedelta(days=py.randint(60, 180)),
                    status="open",
                )
            )
        self._add(s, projects)
        claims = []
        member_keys = list(CURRENT_MEMBER_UNITS)
        for i, p in enumerate(projects):
            if i in (3, 11, 18):  # unclaimed
                continue
            claimers = [member_keys[i % len(member_keys)]]
            if i % 4 == 0:
                claimers.append(local_units[(i * 5 + 3) % len(local_units)])
            delivered = i not in (2, 7, 9, 15)
            for key in dict.fromkeys(claimers):
                claimed_on = p.published_on + dt.timedelta(days=py.randint(3, 20))
                dlv = (
                    min(claimed_on + dt.timedelta(days=py.randint(30, 150)), self.today)
                    if delivered
                    else None
                )
                claims.append(
                    ProjectClaim(
                        project_id=p.id,
                        unit_id=self.units[key].id,
                        claimed_on=claimed_on,
                        delivered_on=dlv,
                        status="delivered" if delivered else "claimed",
                        note="已完成并提交佐证材料" if delivered else "",
                    )
                )
            p.status = "delivered" if delivered else ("in_progress" if i % 2 else "claimed")
            if p.need_id is not None:
                needs[i].status = "met" if delivered else "matched"
        for i, n in enumerate(needs):
            if i >= 15 and i % 3 == 0:
                n.status = "closed"
        self._add(s, claims)
        uses = []
        for i, r in enumerate(resources):
            if i % 3 == 2 or r.status == "withdrawn":
                continue  # never used
            p = projects[(i * 3) % len(projects)]
            for k in range(1 + i % 2):
                used_on = max(r.offered_on, p.published_on) + dt.timedelta(days=py.randint(1, 60) + 30 * k)
                uses.append(
                    ResourceUse(
                        resource_id=r.id,
                        project_id=p.id,
                        used_on=min(used_on, self.today),
                        note=f"用于{p.title}",
                    )
                )
            r.status = "in_use"
        self._add(s, uses)

    def _dual_reporting(self, s: Session) -> None:
        py = self.py
        rows = []
        local = [u for u in self.units.values() if u.kind not in ("municipal", "other")]
        for u in local:
            rows.append(
                DualReporting(
                    unit_id=u.id,
                    community_id=u.community_id,
                    reported_on=self.start_day + dt.timedelta(days=py.randint(0, 120)),
                )
            )
        self._add(s, rows)
        members = []
        weights = [6 if u.kind in ("hospital", "school", "state_firm", "agency") else 2 for u in local]
        for _ in range(300):
            u = py.choices(local, weights=weights)[0]
            members.append(
                ServingPartyMember(
                    unit_id=u.id,
                    community_id=self.communities[py.randrange(len(self.communities))].id,
                    name=self.names.one(unique=False),
                    phone=self.names.phone(),
                    registered_on=self.start_day + dt.timedelta(days=py.randint(0, 600)),
                )
            )
        self._add(s, members)
        recs = []
        for m in members:
            for _ in range(py.choice((0, 2, 5, 8, 10, 12, 15, 20))):
                span = (self.today - m.registered_on).days
                if span <= 1:
                    break
                recs.append(
                    {
                        "member_id": m.id,
                        "served_on": m.registered_on + dt.timedelta(days=py.randint(1, span)),
                        "hours": py.choice((1.0, 1.5, 2.0, 2.0, 3.0, 4.0, 4.0, 6.0, 8.0)),
                        "activity": py.choice(ACTIVITIES),
                    }
                )
        recs.sort(key=lambda r: (r["served_on"], r["member_id"]))
        if recs:
            s.execute(insert(ServiceRecord), recs)
        self.n_service = len(recs)
