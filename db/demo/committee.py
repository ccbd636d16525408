"""A demo phase: the committee (two terms, members, liaisons) and the app's users."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from db.demo.vocabulary import CURRENT_MEMBER_UNITS, HISTORY_DAYS, PREVIOUS_MEMBER_UNITS, STREET_NAME
from db.schema.people import AppUser
from db.schema.street import CommitteeTerm
from db.schema.units import (
    CommitteeMember,
    Liaison,
    MemberUnit,
)


class _CommitteePhase:
    """The committee's terms, member units, members and liaisons; the app users."""

    def _committee(self, s: Session) -> None:
        py = self.py
        t3_start = (self.today - dt.timedelta(days=HISTORY_DAYS + 5)).replace(day=1)
        t2_start = t3_start.replace(year=t3_start.year - 5)
        self.term_prev = CommitteeTerm(
            street_id=self.street.id,
            number=2,
            name="第二届大工委",
            started_on=t2_start,
            ended_on=t3_start - dt.timedelta(days=1),
            is_current=False,
        )
        self.term = CommitteeTerm(
            street_id=self.street.id, number=3, name="第三届大工委", started_on=t3_start, is_current=True
        )
        self._add(s, [self.term_prev, self.term], dt.datetime.combine(t3_start, dt.time(9)))
        objs: list[Any] = []
        self.member_units: list[str] = list(CURRENT_MEMBER_UNITS)
        for key in PREVIOUS_MEMBER_UNITS:
            objs.append(MemberUnit(term_id=self.term_prev.id, unit_id=self.units[key].id, joined_on=t2_start))
        for key in CURRENT_MEMBER_UNITS:
            objs.append(MemberUnit(term_id=self.term.id, unit_id=self.units[key].id, joined_on=t3_start))
        # members: previous term (brief), current term (full)
        self.members: list[CommitteeMember] = []
        street_titles = [
            ("secretary", f"{STREET_NAME}党工委书记"),
            ("deputy_secretary", f"{STREET_NAME}党工委副书记、办事处主任"),
            ("member", "党工委委员、组织委员"),
            ("member", "党工委委员、政法委员"),
            ("member", "党工委委员、宣传委员"),
        ]
        for term, keys, n_full in (
            (self.term_prev, PREVIOUS_MEMBER_UNITS, 3),
            (self.term, CURRENT_MEMBER_UNITS, 5),
        ):
            pos = 0
            for role, title in street_titles[:n_full]:
                m = CommitteeMember(
                    term_id=term.id,
                    name=self.names.one(),
                    title=title,
                    kind="full_time",
                    role=role,
                    unit_id=self.units["street"].id,
                    phone=self.names.phone(),
                    position=pos,
                )
                pos += 1
                objs.append(m)
                if term is self.term:
                    self.members.append(m)
            for key in keys:
                u = self.units[key]
                head = {
                    "hospital": "党委书记",
                    "police": "所长",
                    "state_firm": "党委书记",
                    "school": "党总支书记",
                    "agency": "所长",
                    "company": "党支部书记",
                    "property": "党支部书记",
                }[u.kind]
                m = CommitteeMember(
                    term_id=term.id,
                    name=self.names.one(),
                    title=f"{u.short_name}{head}",
                    kind="part_time",
                    role="member",
                    unit_id=u.id,
                    phone=self.names.phone(),
                    position=pos,
                )
                pos += 1
                objs.append(m)
                if term is self.term:
                    self.members.append(m)
        self.liaisons: dict[str, Liaison] = {}
        for key in sorted(
            set(CURRENT_MEMBER_UNITS) | set(PREVIOUS_MEMBER_UNITS), key=lambda k: self.units[k].name
        ):
            li = Liaison(
                unit_id=self.units[key].id,
                name=self.names.one(),
                phone=self.names.phone(),
                email=f"lly{self.units[key].id:03d}@example.com",
                active=True,
            )
            objs.append(li)
            self.liaisons[key] = li
            if py.random() < 0.3:
                objs.append(
                    Liaison(
                        unit_id=self.units[key].id,
                        name=self.names.one(),
                        phone=self.names.phone(),
                        active=False,
                    )
                )
        self._add(s, objs, dt.datetime.combine(t3_start, dt.time(9)))
        self.secretary = self.members[0]
        self.recorder = self.members[2]

    def _users(self, s: Session) -> None:
        users = [
            AppUser(
                username="shuji",
                display_name=self.secretary.name,
                role="secretary",
                unit_id=self.units["street"].id,
            )
        ]
        for i, key in enumerate(CURRENT_MEMBER_UNITS[:3]):
            m = next(x for x in self.members if x.unit_id == self.units[key].id)
            users.append(
                AppUser(
                    username=f"weiyuan{i + 1}", display_name=m.name, role="member", unit_id=self.units[key].id
                )
            )
        users.append(AppUser(username="chakan", display_name="查看账号", role="viewer"))
        self._add(s, users)
