"""meeting bodies - the street committee, community 大党委 and 联席会议 with their own members and quorum

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

* ``meeting_body``: a body that meets (``street_committee`` 大工委, ``community_committee`` 社区大党委,
  ``joint`` 党建联席会议 at the industry / street / community level) with its own quorum rule.
* ``meeting_body_member``: the members of a body other than the street committee (the street
  committee's members are its term's ``committee_member`` rows).
* ``meeting.body_id`` (required) and ``attendance.body_member_id``.

Existing data: every street gets its 大工委 (quorum rule: the ``plenary`` kind's), every street with
joint meetings a street-level 街道党建联席会议 (the ``joint`` kind's rule), and a community 大党委 (the
``community`` kind's rule) for the community named in the title or place of its community meetings
(the street's first community when none is named). Plenary, regular and topical meetings go to the
大工委, joint and community meetings to their body. The members of a joint or community body are the
committee members those meetings had on their roster (the terms' members), so earlier sign-ins and
quorum figures stay as they were; their sign-in rows are linked to those body members.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from db.migrations.support import install_triggers

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STREET_KINDS = ("plenary", "regular", "topical")


@contextmanager
def _foreign_keys_off_on_sqlite(bind: sa.Connection) -> Iterator[None]:
    """SQLite: a batch that recreates a table other rows reference (``meeting``, ``attendance``)
    fails while foreign keys are on (its DROP TABLE deletes the rows), and ``PRAGMA foreign_keys``
    changes nothing inside a transaction. So the steps run so far are committed (the version table
    names the revision before this one), the batches run with the keys off, the keys are checked
    (``foreign_key_check``) and that work is committed before the keys are on again."""
    if bind.dialect.name != "sqlite":
        yield
        return
    raw = bind.connection.driver_connection
    raw.commit()
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"revision 0009 would leave rows naming missing rows: {broken[:5]}")
        raw.commit()
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _versioned() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    body = op.create_table(
        "meeting_body",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("quorum_rule", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_versioned(),
        sa.CheckConstraint("kind IN ('street_committee', 'community_committee', 'joint')",
                           name=op.f("ck_meeting_body_kind")),
        sa.CheckConstraint("level = '' OR level IN ('industry', 'street', 'community')",
                           name=op.f("ck_meeting_body_level")),
        sa.ForeignKeyConstraint(["community_id"], ["community.id"], name=op.f("fk_meeting_body_community_id_community")),
        sa.ForeignKeyConstraint(["quorum_rule"], ["quorum_rule.code"],
                                name=op.f("fk_meeting_body_quorum_rule_quorum_rule")),
        sa.ForeignKeyConstraint(["street_id"], ["street_office.id"],
                                name=op.f("fk_meeting_body_street_id_street_office")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_body")),
        sa.UniqueConstraint("street_id", "name", name=op.f("uq_meeting_body_street_id_name")),
    )
    op.create_index(op.f("ix_meeting_body_street_id"), "meeting_body", ["street_id"], unique=False)
    member = op.create_table(
        "meeting_body_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("committee_member_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["body_id"], ["meeting_body.id"], ondelete="CASCADE",
                                name=op.f("fk_meeting_body_member_body_id_meeting_body")),
        sa.ForeignKeyConstraint(["committee_member_id"], ["committee_member.id"],
                                name=op.f("fk_meeting_body_member_committee_member_id_committee_member")),
        sa.ForeignKeyConstraint(["unit_id"], ["resident_unit.id"],
                                name=op.f("fk_meeting_body_member_unit_id_resident_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_body_member")),
    )
    op.create_index(op.f("ix_meeting_body_member_body_id"), "meeting_body_member", ["body_id"], unique=False)
    op.add_column("meeting", sa.Column("body_id", sa.Integer(), nullable=True))
    op.add_column("attendance", sa.Column("body_member_id", sa.Integer(), nullable=True))

    _assign_bodies(op.get_bind(), body, member)

    with _foreign_keys_off_on_sqlite(op.get_bind()):
        _constrain()
    tables = ["meeting_body", "meeting_body_member"]
    if op.get_bind().dialect.name == "sqlite":  # a batch that recreated a table dropped its triggers
        tables += ["meeting", "attendance"]
    install_triggers(op.get_bind(), tables)


def _constrain() -> None:
    """``meeting.body_id`` required, with its index and foreign key; ``attendance.body_member_id``'s keys."""
    with op.batch_alter_table("meeting") as batch:
        batch.alter_column("body_id", existing_type=sa.Integer(), nullable=False)
        batch.create_index(batch.f("ix_meeting_body_id"), ["body_id"], unique=False)
        batch.create_foreign_key(batch.f("fk_meeting_body_id_meeting_body"), "meeting_body", ["body_id"], ["id"])
    with op.batch_alter_table("attendance") as batch:
        batch.create_unique_constraint(batch.f("uq_attendance_meeting_id_body_member_id"),
                                       ["meeting_id", "body_member_id"])
        batch.create_foreign_key(batch.f("fk_attendance_body_member_id_meeting_body_member"),
                                 "meeting_body_member", ["body_member_id"], ["id"])


def _assign_bodies(conn: sa.Connection, body: sa.Table, member: sa.Table) -> None:
    meta = sa.MetaData()
    street = sa.Table("street_office", meta, sa.Column("id"))
    community = sa.Table("community", meta, sa.Column("id"), sa.Column("street_id"), sa.Column("name"))
    term = sa.Table("committee_term", meta, sa.Column("id"), sa.Column("street_id"))
    committee = sa.Table("committee_member", meta, sa.Column("id"), sa.Column("term_id"), sa.Column("name"),
                         sa.Column("title"), sa.Column("unit_id"), sa.Column("position"), sa.Column("left_on"))
    meeting = sa.Table("meeting", meta, sa.Column("id"), sa.Column("term_id"), sa.Column("kind"),
                       sa.Column("title"), sa.Column("place"), sa.Column("starts_at"), sa.Column("body_id"))
    attendance = sa.Table("attendance", meta, sa.Column("meeting_id"), sa.Column("member_id"),
                          sa.Column("body_member_id"))
    defaults = sa.Table("meeting_kind_default", meta, sa.Column("kind"), sa.Column("quorum_rule"))

    rules = dict(conn.execute(sa.select(defaults.c.kind, defaults.c.quorum_rule)).all())
    rule_of = {kind: rules.get(kind, "majority") for kind in ("plenary", "joint", "community")}
    street_of_term = dict(conn.execute(sa.select(term.c.id, term.c.street_id)).all())
    communities: dict[int, list[tuple[int, str]]] = {}
    for cid, sid, name in conn.execute(sa.select(community.c.id, community.c.street_id, community.c.name)
                                       .order_by(community.c.id)):
        communities.setdefault(sid, []).append((cid, name))

    def new_body(street_id: int, kind: str, name: str, rule: str, position: int, *, level: str = "",
                 community_id: int | None = None) -> int:
        return conn.execute(body.insert().values(
            street_id=street_id, kind=kind, level=level, community_id=community_id, name=name, quorum_rule=rule,
            position=position, active=True, version=1).returning(body.c.id)).scalar_one()

    street_body = {sid: new_body(sid, "street_committee", "大工委", rule_of["plenary"], 0)
                   for sid in conn.execute(sa.select(street.c.id).order_by(street.c.id)).scalars()}
    joint_body: dict[int, int] = {}
    community_body: dict[tuple[int, int | None], int] = {}
    terms_of_body: dict[int, set[int]] = {}
    for mid, term_id, kind, title, place in conn.execute(
            sa.select(meeting.c.id, meeting.c.term_id, meeting.c.kind, meeting.c.title, meeting.c.place)
            .order_by(meeting.c.starts_at, meeting.c.id)):
        sid = street_of_term[term_id]
        if kind in STREET_KINDS:
            body_id = street_body[sid]
        elif kind == "joint":
            if sid not in joint_body:
                joint_body[sid] = new_body(sid, "joint", "街道党建联席会议", rule_of["joint"], 1, level="street")
            body_id = joint_body[sid]
        else:
            named = [(cid, name) for cid, name in communities.get(sid, []) if name and name in f"{title} {place}"]
            cid, cname = (named or communities.get(sid) or [(None, "社区")])[0]
            if (sid, cid) not in community_body:
                community_body[(sid, cid)] = new_body(sid, "community_committee", f"{cname}大党委",
                                                      rule_of["community"], 10 + len(community_body),
                                                      level="", community_id=cid)
            body_id = community_body[(sid, cid)]
        terms_of_body.setdefault(body_id, set()).add(term_id)
        conn.execute(meeting.update().where(meeting.c.id == mid).values(body_id=body_id))

    for body_id in [*joint_body.values(), *community_body.values()]:
        rows = conn.execute(
            sa.select(committee.c.id, committee.c.name, committee.c.title, committee.c.unit_id,
                      committee.c.position, committee.c.left_on)
            .where(committee.c.term_id.in_(sorted(terms_of_body[body_id])))
            .order_by(committee.c.term_id, committee.c.position, committee.c.id)).all()
        for cm_id, name, title, unit_id, position, left_on in rows:
            body_member_id = conn.execute(member.insert().values(
                body_id=body_id, committee_member_id=cm_id, name=name, title=title or "", unit_id=unit_id,
                position=position or 0, left_on=left_on, version=1).returning(member.c.id)).scalar_one()
            conn.execute(attendance.update()
                         .where(attendance.c.member_id == cm_id,
                                attendance.c.meeting_id.in_(sa.select(meeting.c.id)
                                                            .where(meeting.c.body_id == body_id)))
                         .values(body_member_id=body_member_id))


def downgrade() -> None:
    with _foreign_keys_off_on_sqlite(op.get_bind()):
        with op.batch_alter_table("attendance") as batch:
            batch.drop_constraint(batch.f("fk_attendance_body_member_id_meeting_body_member"), type_="foreignkey")
            batch.drop_constraint(batch.f("uq_attendance_meeting_id_body_member_id"), type_="unique")
            batch.drop_column("body_member_id")
        with op.batch_alter_table("meeting") as batch:
            batch.drop_constraint(batch.f("fk_meeting_body_id_meeting_body"), type_="foreignkey")
            batch.drop_index(batch.f("ix_meeting_body_id"))
            batch.drop_column("body_id")
    op.drop_index(op.f("ix_meeting_body_member_body_id"), table_name="meeting_body_member")
    op.drop_table("meeting_body_member")
    op.drop_index(op.f("ix_meeting_body_street_id"), table_name="meeting_body")
    op.drop_table("meeting_body")
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM change_counter WHERE table_name IN ('meeting_body', 'meeting_body_member')"))
    if bind.dialect.name == "sqlite":
        install_triggers(bind, ["meeting", "attendance"])
