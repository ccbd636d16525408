"""The meeting's paper: the 会议通知 and the 签到表 as data (frozen dataclasses read from a session) and
as :class:`~db.core.paper.Paper` (the DOCX here, the PDF through the desktop's one PDF path).

A 公文 is written in Chinese whatever the screen's language, as the 纪要 is (:mod:`minutes_docx`).
The notice is addressed to the meeting's body: its members and their units (db.meetings.bodies);
the sign-in sheet lists the same members with unit, position and a column to sign, then the
observers already invited and blank 列席 rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.core import clock
from db.core.paper import Paper, Para, Table
from db.meetings.agenda import meeting_detail
from db.meetings.minutes_docx import LABEL_RE, cn_date, cn_number, masthead
from db.meetings.signin import roster

WEEKDAYS = "一二三四五六日"
KIND_ZH = {
    "case_review": "事件研判", "follow_up": "议定事项跟踪", "pairing_review": "结对共建评议",
    "unit_report": "单位汇报", "proposal": "议题", "other": "其他",
}
BLANK_OBSERVER_ROWS = 4


@dataclass(frozen=True)
class Member:
    """One of the body's members as the paper names them."""

    unit: str
    name: str
    title: str
    observer: bool = False


@dataclass(frozen=True)
class NoticeItem:
    number: int
    title: str
    kind: str  # 中文: 事件研判 …
    minutes: int


@dataclass(frozen=True)
class MeetingPaper:
    """What the notice and the sign-in sheet say of one meeting."""

    meeting_id: int
    title: str  # without the office's internal date label
    starts_at: dt.datetime
    planned_minutes: int
    place: str
    chair: str
    recorder: str
    body: str  # 包河区汇湖街道大工委
    issuer: str  # the office that sends it: 包河区汇湖街道大工委办公室
    issued_on: dt.date
    members: tuple[Member, ...]
    observers: tuple[Member, ...]
    items: tuple[NoticeItem, ...]

    @property
    def units(self) -> tuple[str, ...]:
        """The addressees (主送): each unit once, in the body's order; a member without a unit by name."""
        return tuple(dict.fromkeys(m.unit or m.name for m in self.members))


def meeting_paper(session: Session, meeting_id: int, today: dt.date | None = None) -> MeetingPaper:
    detail = meeting_detail(session, meeting_id)
    head = masthead(session, meeting_id)
    m = detail.meeting
    rows = roster(session, meeting_id)
    members = tuple(Member(r.unit_name, r.name, r.title) for r in rows
                    if r.member_id is not None or r.body_member_id is not None)
    observers = tuple(Member(r.unit_name, r.name, r.title, observer=True) for r in rows
                      if r.member_id is None and r.body_member_id is None)
    issued = min(today or clock.today(), m.starts_at.date())  # a notice goes out before the meeting
    return MeetingPaper(
        meeting_id=m.id, title=LABEL_RE.sub("", m.title).strip() or m.title, starts_at=m.starts_at,
        planned_minutes=m.planned_minutes, place=m.place, chair=m.chair, recorder=m.recorder,
        body=head.mark.removesuffix("会议纪要"), issuer=head.issuer, issued_on=issued,
        members=members, observers=observers,
        items=tuple(NoticeItem(n, i.title, KIND_ZH.get(i.kind, "其他"), i.planned_minutes)
                    for n, i in enumerate(detail.items, start=1)),
    )


def _when(at: dt.datetime) -> str:
    return f"{cn_date(at.date())}（星期{WEEKDAYS[at.weekday()]}）{at:%H:%M}"


def notice_paper(paper: MeetingPaper) -> Paper:
    """会议通知: title, 主送 (the body's units), time, place, agenda, attendance, contact, signature, date;
    the members' list as an annex."""
    end = paper.starts_at + dt.timedelta(minutes=paper.planned_minutes)
    parts: list[Para | Table] = [
        Para(f"关于召开{paper.title}的通知", "title"),
        Para(""),
        Para("、".join(paper.units) + "：", "addressee"),
        Para(f"经研究，定于{cn_date(paper.starts_at.date())}召开{paper.title}。现将有关事项通知如下：", "body"),
        Para("一、会议时间", "heading"),
        Para(f"{_when(paper.starts_at)}至{end:%H:%M}，会期约{paper.planned_minutes}分钟。", "body"),
        Para("二、会议地点", "heading"),
        Para(f"{paper.place or '另行通知'}。", "body"),
        Para("三、会议议程", "heading"),
    ]
    if paper.chair:
        parts.append(Para(f"会议由{paper.chair}主持。", "body"))
    parts += [Para(f"（{cn_number(i.number)}）{i.title}（{i.kind}，约{i.minutes}分钟）；", "body")
              for i in paper.items] or [Para("议程另行通知。", "body")]
    parts += [
        Para("四、参会人员", "heading"),
        Para(f"{paper.body}成员（名单附后）。", "body"),
        Para("五、有关要求", "heading"),
        Para("请参会人员提前10分钟到场签到。因故不能出席的，请于会前向联系人请假，并委托本单位负责同志代为出席。", "body"),
        Para(f"联系人：{paper.recorder or '会议记录人'}。", "body"),
        Para(""),
        Para(paper.issuer, "signature"),
        Para(cn_date(paper.issued_on), "signature"),
        Para(""),
        Para("附件：参会人员名单", "addressee"),
        Table(("序号", "单位", "姓名", "职务"),
              tuple((str(n), m.unit, m.name, m.title) for n, m in enumerate(paper.members, start=1)),
              (1, 5, 2, 4), size=14.0),
    ]
    return Paper(f"关于召开{paper.title}的通知", tuple(parts))


def signin_paper(paper: MeetingPaper) -> Paper:
    """签到表: the body's members with unit and position and a column to sign; 列席 rows (those invited,
    then blank ones to fill in by hand)."""
    members = [(str(n), m.unit, m.name, m.title, "", "") for n, m in enumerate(paper.members, start=1)]
    first = len(members) + 1
    observers = [(str(first + n), m.unit, m.name, m.title or "列席", "", "")
                 for n, m in enumerate(paper.observers)]
    start = first + len(observers)
    blank = [(str(start + n), "", "", "列席", "", "") for n in range(BLANK_OBSERVER_ROWS)]
    return Paper(f"{paper.title}签到表", (
        Para(f"{paper.title}签到表", "title"),
        Para(f"时间：{_when(paper.starts_at)}", "addressee"),
        Para(f"地点：{paper.place or '—'}", "addressee"),
        Table(("序号", "单位", "姓名", "职务", "签名", "备注"), tuple(members + observers + blank),
              (1.6, 4, 2.2, 5, 3, 2), size=12.0, min_row_pt=30.0),
        Para(f"应到{len(paper.members)}人。代为出席的，请在备注栏写明「代某某」。", "note"),
    ), margins_mm=(20.0, 20.0, 20.0, 25.0))
