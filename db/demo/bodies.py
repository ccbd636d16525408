"""A demo phase: the bodies that meet — the 大工委, the eight communities' 大党委 with their own
members, the street's 党建联席会议 — and a few community committee meetings.

Its names and choices come from a random stream of its own, so adding bodies leaves the other
phases' data as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy.orm import Session

from db.demo.helpers import _Names, _weekday_at
from db.demo.vocabulary import COMMUNITIES
from db.schema.meetings import AgendaItem, Attendance, Meeting, MeetingBody, MeetingBodyMember

#: the part-time seats of a community 大党委 that no resident unit fills
COMMUNITY_SEATS = ("社区民警", "业主委员会主任", "物业服务中心党支部书记", "社区卫生服务站站长", "居民党支部书记",
                   "退休党员代表")
COMMUNITY_TOPICS = (
    ("老旧小区加装电梯意见征集", "case_review"),
    ("小区电动车集中充电设施建设", "proposal"),
    ("辖区单位认领微心愿项目", "unit_report"),
    ("背街小巷环境整治分工", "other"),
)


class _BodiesPhase:
    """The meeting bodies and their members; community committee meetings."""

    def _bodies(self, s: Session) -> None:
        self.body_py = random.Random(self.seed * 7919 + 9)
        py = self.body_py
        names = _Names(py)
        names.used = set(self.names.used)
        self.street_body = MeetingBody(street_id=self.street.id, kind="street_committee", level="", name="大工委",
                                       quorum_rule="majority", position=0, active=True)
        self.joint_body = MeetingBody(street_id=self.street.id, kind="joint", level="street", name="街道党建联席会议",
                                      quorum_rule="majority", position=1, active=True)
        self.community_bodies = [
            MeetingBody(street_id=self.street.id, kind="community_committee", level="", community_id=c.id,
                        name=f"{COMMUNITIES[i]}社区大党委", quorum_rule="two_thirds" if i % 3 == 1 else "majority",
                        position=10 + i, active=True)
            for i, c in enumerate(self.communities)
        ]
        self._add(s, [self.street_body, self.joint_body, *self.community_bodies])
        members: list[Any] = []
        self.community_secretaries: list[MeetingBodyMember] = []
        for i, (comm, body) in enumerate(zip(self.communities, self.community_bodies, strict=True)):
            secretary = MeetingBodyMember(body_id=body.id, name=names.one(), title=f"{COMMUNITIES[i]}社区党委书记",
                                          position=0)
            members.append(secretary)
            self.community_secretaries.append(secretary)
            if py.random() < 0.6:
                members.append(MeetingBodyMember(body_id=body.id, name=names.one(),
                                                 title=f"{COMMUNITIES[i]}社区党委专职副书记", position=1))
            local = [u for u in self.units.values() if u.community_id == comm.id and u.kind not in ("other",)]
            seats = py.sample(COMMUNITY_SEATS, k=min(len(COMMUNITY_SEATS), max(0, py.randint(8, 9) - len(local[:4]))))
            for pos, u in enumerate(local[:4], start=2):
                members.append(MeetingBodyMember(body_id=body.id, name=names.one(), title=f"{u.short_name}党组织负责人",
                                                 unit_id=u.id, position=pos))
            for pos, title in enumerate(seats, start=10):
                members.append(MeetingBodyMember(body_id=body.id, name=names.one(), title=title, position=pos))
        # the joint meeting: the current committee (the same people) and the eight community secretaries
        for pos, m in enumerate(self.members):
            members.append(MeetingBodyMember(body_id=self.joint_body.id, committee_member_id=m.id, name=m.name,
                                             title=m.title, unit_id=m.unit_id, position=pos))
        self._add(s, members)
        self.joint_guests = []
        for pos, sec in enumerate(self.community_secretaries, start=100):
            row = MeetingBodyMember(body_id=self.joint_body.id, name=sec.name, title=sec.title, position=pos)
            self.joint_guests.append(row)
        self._add(s, self.joint_guests)
        self.joint_of_member = {m.committee_member_id: m.id for m in members
                                if m.body_id == self.joint_body.id and m.committee_member_id is not None}
        self.body_names = names

    def _body_of(self, kind: str) -> int:
        return self.joint_body.id if kind == "joint" else self.street_body.id

    def _joint_guest_attendance(self, meeting: Meeting) -> list[Any]:
        """The community secretaries' sign-in at a joint meeting (this phase's own random stream)."""
        out = []
        for guest in self.joint_guests:
            present = self.body_py.random() < 0.85
            out.append(Attendance(meeting_id=meeting.id, body_member_id=guest.id, unit_id=None,
                                  person_name=guest.name, status="present" if present else "excused",
                                  signed_at=meeting.starts_at - dt.timedelta(minutes=self.body_py.randint(3, 20))
                                  if present else None))
        return out

    def _community_meetings(self, s: Session) -> None:
        """An upcoming meeting of four communities' 大党委, its agenda set and locked (the notice is out)."""
        py = self.body_py
        meetings = []
        for i in (0, 1, 3, 5):
            body = self.community_bodies[i]
            at = _weekday_at(self.today + dt.timedelta(days=3 + 2 * i), 9, 30)
            meetings.append(Meeting(
                term_id=self.term.id, body_id=body.id, kind="community",
                title=f"{at.year}年{at.month}月{body.name}会议", starts_at=at, planned_minutes=60,
                place=f"{COMMUNITIES[i]}社区党群服务中心会议室", chair=self.community_secretaries[i].name,
                recorder=self.body_names.one(), status="agenda_locked", quorum_rule=body.quorum_rule))
        self._add(s, meetings)
        items = []
        for mt in meetings:
            for pos, (topic, kind) in enumerate(py.sample(COMMUNITY_TOPICS, k=2), start=1):
                items.append(AgendaItem(meeting_id=mt.id, position=pos, kind=kind, title=topic,
                                        planned_minutes=py.choice((15, 20, 25)), notes=""))
        self._add(s, items)
        self.n_meetings += len(meetings)
