"""Meeting bodies (db.meetings.bodies, revision 0009): a meeting of a community 大党委 or a 联席会议
signs in, counts its quorum and writes its minutes against its own body's members and rule, not
the street committee's; the migration attaches every existing meeting to its body."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.core import migrate
from db.core.engine import make_engine
from db.demo import generate_demo
from db.meetings import agenda as mt
from db.meetings import bodies, signin
from db.meetings import minutes as mn
from db.schema.meetings import Attendance, Meeting, MeetingBody
from db.schema.street import CommitteeTerm
from db.schema.units import CommitteeMember
from db.sync.edits import apply_edit, attendance_edit
from tests import factories as f

AT = dt.datetime(2026, 7, 1, 9, 30)


@pytest.fixture
def street(empty_db):
    """A term of four committee members (one per unit) and 滨湖社区's 大党委 of five of its own (two-thirds)."""
    with empty_db.session.begin() as s:
        office = f.street(s)
        comm = f.community(s, office)
        units = [f.unit(s, office, name) for name in ("甲小学", "乙医院", "丙派出所", "丁物业")]
        term = f.term(s, office, *units)
        body = bodies.create_body(s, kind="community_committee", name="滨湖社区大党委", quorum_rule="two_thirds",
                                  community_id=comm.id)
        for name, unit in (("社区书记", None), ("物业经理", units[3]), ("社区民警", units[2]), ("业委会主任", None),
                           ("退休党员", None)):
            bodies.add_member(s, body.id, name=name, title="委员", unit_id=unit.id if unit else None)
        committee = list(s.scalars(select(CommitteeMember).where(CommitteeMember.term_id == term.id)
                                   .order_by(CommitteeMember.position)))
        ids = {"term": term.id, "body": body.id, "committee": [m.id for m in committee],
               "committee_names": [m.name for m in committee], "units": [u.id for u in units]}
    return empty_db, ids


def _community_meeting(s, ids) -> int:
    return mt.create_meeting(s, kind="community", title="滨湖社区大党委会议", starts_at=AT, body_id=ids["body"],
                             term_id=ids["term"]).id


def test_a_community_meeting_has_its_bodys_roster_and_quorum(street):
    db, ids = street
    with db.session.begin() as s:
        meeting_id = _community_meeting(s, ids)
        assert s.get(Meeting, meeting_id).quorum_rule == "two_thirds"
        names = [r.name for r in signin.roster(s, meeting_id)]
        assert names == ["社区书记", "物业经理", "社区民警", "业委会主任", "退休党员"]
        q = signin.quorum(s, meeting_id)
        assert (q.members, q.required, q.quorate) == (5, 4, False)  # at least two thirds of 5
        for name in ("社区书记", "物业经理", "社区民警"):
            signin.sign_in(s, meeting_id, status="present", person_name=name)
        assert (signin.quorum(s, meeting_id).present, signin.quorum(s, meeting_id).quorate) == (3, False)
        signin.sign_in(s, meeting_id, status="excused", person_name="业委会主任", delegate_name="副主任")
        q = signin.quorum(s, meeting_id)
        assert (q.present, q.delegates, q.quorate) == (4, 1, True)
        # a 大工委 member is nobody on this body: an observer at most
        with pytest.raises(mt.MeetingError) as err:
            signin.sign_in(s, meeting_id, status="present", member_id=ids["committee"][0])
        assert err.value.code == "not_in_body"
        with pytest.raises(mt.MeetingError) as err:
            signin.sign_in(s, meeting_id, status="present", person_name=ids["committee_names"][1])
        assert err.value.code == "not_in_body"
        observer = signin.sign_in(s, meeting_id, status="observer", person_name=ids["committee_names"][1])
        assert not observer.is_member
        assert signin.quorum(s, meeting_id).observers == 1


def test_the_street_committee_keeps_the_terms_roster_without_members_who_left(street):
    db, ids = street
    with db.session.begin() as s:
        meeting_id = mt.create_meeting(s, kind="regular", title="例会", starts_at=AT, term_id=ids["term"]).id
        body = s.get(MeetingBody, s.get(Meeting, meeting_id).body_id)
        assert (body.kind, body.name) == ("street_committee", "大工委")
        assert [r.name for r in signin.roster(s, meeting_id)] == ids["committee_names"]
        s.get(CommitteeMember, ids["committee"][3]).left_on = AT.date() - dt.timedelta(days=1)
        assert [r.name for r in signin.roster(s, meeting_id)] == ids["committee_names"][:3]
        assert signin.quorum(s, meeting_id).members == 3
        with pytest.raises(mt.MeetingError) as err:
            signin.sign_in(s, meeting_id, status="present", member_id=ids["committee"][3])
        assert err.value.code == "not_in_term"


def test_the_minutes_list_the_bodys_members(street):
    db, ids = street
    with db.session.begin() as s:
        meeting_id = _community_meeting(s, ids)
        mt.add_item(s, meeting_id, title="加装电梯", kind="other")
        for name, status in (("社区书记", "present"), ("物业经理", "excused"), ("社区民警", "present"),
                             ("业委会主任", "present"), ("退休党员", "absent")):
            signin.sign_in(s, meeting_id, status=status, person_name=name)
        signin.sign_in(s, meeting_id, status="observer", person_name="街道干部")
        # a stray sign-in row of a 大工委 member (as the street committee's roster once wrote) is nobody's here
        s.add(Attendance(meeting_id=meeting_id, member_id=ids["committee"][0], person_name=ids["committee_names"][0],
                         status="present"))
        s.flush()
        mt.lock_agenda(s, meeting_id)
        mn.close_meeting(s, meeting_id)
        record = mn.minutes_record(s, meeting_id)
        assert [p.name for p in record.present] == ["社区书记", "社区民警", "业委会主任"]
        assert [p.name for p in record.excused] == ["物业经理"]
        assert [p.name for p in record.absent] == ["退休党员"]
        assert [p.name for p in record.observers] == ["街道干部"]


def test_a_joint_meeting_member_who_sits_on_the_committee_signs_in_through_the_room_edit(street):
    db, ids = street
    with db.session.begin() as s:
        joint = bodies.create_body(s, kind="joint", name="街道党建联席会议", level="street")
        bodies.add_member(s, joint.id, committee_member_id=ids["committee"][0])
        bodies.add_member(s, joint.id, name="市直单位代表")
        meeting_id = mt.create_meeting(s, kind="joint", title="联席会议", starts_at=AT, body_id=joint.id,
                                       term_id=ids["term"]).id
        roster = signin.roster(s, meeting_id)
        assert [(r.name, r.member_id) for r in roster] == [(ids["committee_names"][0], ids["committee"][0]),
                                                           ("市直单位代表", None)]
        for name in (ids["committee_names"][0], "市直单位代表"):
            apply_edit(s, attendance_edit(meeting_id, roster, name, "present"))
        rows = s.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)).all()
        assert all(a.body_member_id is not None for a in rows)
        assert {a.member_id for a in rows} == {ids["committee"][0], None}
        q = signin.quorum(s, meeting_id)
        assert (q.members, q.present, q.quorate) == (2, 2, True)


def test_kinds_bodies_and_rules_are_checked(street):
    db, ids = street
    with db.session.begin() as s:
        for kwargs, code in [({"kind": "community"}, "no_body"), ({"kind": "regular", "body_id": ids["body"]},
                                                                  "kind_not_for_body"),
                             ({"kind": "community", "body_id": 999}, "no_body")]:
            with pytest.raises(mt.MeetingError) as err:
                mt.create_meeting(s, title="会", starts_at=AT, term_id=ids["term"], **kwargs)
            assert err.value.code == code
        for kwargs, code in [({"kind": "joint", "name": "x", "level": "district"}, "bad_level"),
                             ({"kind": "community_committee", "name": "y"}, "no_community"),
                             ({"kind": "street_committee", "name": "z"}, "bad_body_kind"),
                             ({"kind": "joint", "name": "滨湖社区大党委", "level": "street"}, "duplicate_body"),
                             ({"kind": "joint", "name": "w", "level": "street", "quorum_rule": "all"}, "bad_rule")]:
            with pytest.raises(mt.MeetingError) as err:
                bodies.create_body(s, **kwargs)
            assert err.value.code == code
        street_body = mt.street_committee_body(s, s.get(CommitteeTerm, ids["term"]).street_id)
        with pytest.raises(mt.MeetingError) as err:
            bodies.add_member(s, street_body.id, name="某某")
        assert err.value.code == "street_committee_members"


def test_a_new_rule_applies_to_the_bodys_open_meetings_only(street):
    db, ids = street
    with db.session.begin() as s:
        held = _community_meeting(s, ids)
        s.get(Meeting, held).status = "closed"
        coming = _community_meeting(s, ids)
        body = s.get(MeetingBody, ids["body"])
        bodies.set_quorum_rule(s, body.id, body.version, "majority")
        assert (s.get(Meeting, held).quorum_rule, s.get(Meeting, coming).quorum_rule) == ("two_thirds", "majority")
        assert signin.quorum(s, coming).required == 3
        listed = {b.name: b for b in bodies.list_bodies(s, AT.date())}
        assert (listed["滨湖社区大党委"].members, listed["滨湖社区大党委"].meetings) == (5, 2)
        member = bodies.body_members(s, body.id)[4]
        bodies.member_leaves(s, member.id, member.version, AT.date() - dt.timedelta(days=1))
        assert signin.quorum(s, coming).members == 4
        assert bodies.list_bodies(s, AT.date())[0].members == 4


def test_demo_bodies_and_a_community_meeting(demo_db):
    with demo_db.session() as s:
        listed = bodies.list_bodies(s)
        kinds = [b.kind for b in listed]
        assert kinds.count("street_committee") == 1 and kinds.count("joint") == 1
        assert kinds.count("community_committee") == 8
        community = [b for b in listed if b.kind == "community_committee"]
        assert all(9 <= b.members <= 11 for b in community)
        meeting = s.scalars(select(Meeting).where(Meeting.kind == "community").order_by(Meeting.starts_at)).first()
        own = [m.name for m in bodies.body_members(s, meeting.body_id)]
        assert [r.name for r in signin.roster(s, meeting.id)] == own
        committee = {r.name for r in signin.roster(s, s.scalars(select(Meeting.id).where(Meeting.kind == "regular")
                                                                .limit(1)).one())}
        assert not committee & set(own)
        assert bodies.list_bodies(s)[0].name == "大工委"


def _bodies_of_meetings(s: Session) -> dict[int, tuple[str, str]]:
    return {mid: (kind, name) for mid, kind, name in s.execute(
        select(Meeting.id, MeetingBody.kind, MeetingBody.name).join(MeetingBody, MeetingBody.id == Meeting.body_id))}


def _figures(s: Session, meeting_id: int) -> tuple[int, int, int]:
    q = signin.quorum(s, meeting_id)
    return q.members, q.present, q.required


def test_upgrading_a_0008_database_with_the_demo_attaches_every_meeting_to_its_body(blank_url):
    engine = make_engine(blank_url)
    try:
        migrate.upgrade(engine)
        generate_demo(engine, cases=300, seed=3, today=dt.date(2026, 6, 15))
        with Session(engine) as s:
            before = _bodies_of_meetings(s)
            street_quorum = {mid: _figures(s, mid) for mid, (kind, _) in before.items() if kind == "street_committee"}
        migrate.downgrade(engine, "0008")  # the schema (and the data) of the release before bodies
        migrate.upgrade(engine)
        with Session(engine) as s:
            after = _bodies_of_meetings(s)
        assert after == before
        assert {k for k, _ in after.values()} == {"street_committee", "joint", "community_committee"}
        with Session(engine) as s:
            assert {mid: _figures(s, mid) for mid in street_quorum} == street_quorum
            # a migrated joint meeting's roster is the one it had: the term's committee members
            joint = s.scalars(select(Meeting.id).where(Meeting.kind == "joint", Meeting.status == "approved")
                              .limit(1)).one()
            roster = [r for r in signin.roster(s, joint) if r.is_member]
            term_members = s.scalars(select(CommitteeMember.name).where(
                CommitteeMember.term_id == s.get(Meeting, joint).term_id).order_by(CommitteeMember.position)).all()
            assert [r.name for r in roster] == list(term_members)
            assert all(r.attendance_id is not None for r in roster)
            # and the sealed minutes still verify
            report = mn.verify(s)
            assert report.checked > 0 and report.ok, report.problems
    finally:
        engine.dispose()
