"""Minutes: closing, approval, immutability in the database, the hash chain and verify, export;
the resolution ledger, progress rules and ready-to-verify. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import zipfile

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from db.core.versioning import ConflictError
from db.meetings import minutes as mn
from db.meetings import signatures
from db.resolutions import export as rs_export
from db.resolutions import ledger as rs
from db.resolutions import progress as rs_progress
from db.resolutions import trace as rs_trace
from db.schema.cases import GridCase
from db.schema.meetings import AgendaItem, Meeting, MinutesRevision, resolution_case
from db.schema.resolutions import Resolution, Task
from tests import factories as f
from tests.signing_helpers import approve

# --------------------------------------------------------------------------- helpers


def closed_meeting(session) -> Meeting:
    """The demo's latest meeting: closed, with draft minutes."""
    return session.scalars(select(Meeting).where(Meeting.status == "closed")).one()


def tamper(database, *statements: str) -> None:
    """Change approved minutes behind the app's back: with the guarding triggers out of the way."""
    engine = database.engine
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE minutes_revision DISABLE TRIGGER USER"))
            for sql in statements:
                conn.execute(text(sql))
            conn.execute(text("ALTER TABLE minutes_revision ENABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER minutes_revision_no_update"))
            conn.execute(text("DROP TRIGGER minutes_revision_no_delete"))
            for sql in statements:
                conn.execute(text(sql))


def approved_ids(database) -> list[tuple[int, int]]:
    """(revision id, meeting id) of approved revisions in approval order."""
    with database.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT r.id, m.meeting_id FROM minutes_revision r JOIN minutes m ON m.id = r.minutes_id "
            "WHERE r.approved_at IS NOT NULL ORDER BY r.approved_at, r.id"))]


def meeting_title(database, meeting_id: int) -> str:
    with database.session() as s:
        return s.get(Meeting, meeting_id).title


# --------------------------------------------------------------------------- approval and the chain


def test_demo_minutes_form_an_intact_chain(demo_db):
    with demo_db.session() as s:
        report = mn.verify(s)
        approved = s.scalar(select(text("count(*)")).select_from(MinutesRevision).where(
            MinutesRevision.approved_at.is_not(None)))
    assert report.ok, report.problems
    assert report.checked == approved > 5


def test_approve_seals_the_draft_into_the_chain(demo_db):
    with demo_db.session.begin() as s:
        s.info["actor"] = "书记"
        meeting = closed_meeting(s)
        head = s.scalars(select(MinutesRevision.content_hash).where(MinutesRevision.approved_at.is_not(None))
                         .order_by(MinutesRevision.approved_at.desc())).first()
        approval = approve(s, meeting.id, "王书记")
        mid = meeting.id
    assert approval.prev_hash == head and len(approval.content_hash) == 64
    with demo_db.session() as s:
        assert s.get(Meeting, mid).status == "approved"
        record = mn.minutes_record(s, mid)
        assert record.approved and record.revision.approved_by == "王书记"
        assert mn.verify(s).ok


def test_approval_refuses_an_empty_item_and_names_it(demo_db):
    with demo_db.session.begin() as s:
        meeting = closed_meeting(s)
        decided = {r.agenda_item_id for r in s.scalars(select(Resolution).where(Resolution.meeting_id == meeting.id))}
        item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id, AgendaItem.id.not_in(decided))
                         .order_by(AgendaItem.position)).first()
        item.notes = ""
        mid, title, position = meeting.id, item.title, item.position
        draft = mn.close_meeting(s, mid)  # refresh the draft from the record
        assert draft.changed
    with demo_db.session.begin() as s, pytest.raises(mn.EmptyItem) as caught:
        approve(s, mid, "书记")
    assert (caught.value.position, caught.value.title) == (position, title)
    with demo_db.session() as s:  # nothing was approved
        assert s.get(Meeting, mid).status == "closed"
    with demo_db.session.begin() as s:  # the draft can be corrected, then approved
        mn.edit_draft(s, mid, {position: "会议听取了情况通报。"})
        approve(s, mid, "书记")


def test_the_database_refuses_to_change_approved_minutes(demo_db):
    (rev_id, _mid), *_ = approved_ids(demo_db)
    statements = [
        f"UPDATE minutes_revision SET content = '{{}}' WHERE id = {rev_id}",
        f"UPDATE minutes_revision SET approved_at = NULL, approved_by = NULL WHERE id = {rev_id}",
        f"UPDATE minutes_revision SET content_hash = 'x' WHERE id = {rev_id}",
        f"DELETE FROM minutes_revision WHERE id = {rev_id}",
    ]
    for sql in statements:
        with pytest.raises(IntegrityError, match="approved minutes"), demo_db.engine.begin() as conn:
            conn.execute(text(sql))
    with demo_db.session() as s:
        assert mn.verify(s).ok


def test_an_approved_revision_must_carry_a_hash(demo_db):
    with demo_db.session.begin() as s:
        draft = s.scalars(select(MinutesRevision).where(MinutesRevision.approved_at.is_(None))).first()
        draft_id = draft.id
    with pytest.raises(IntegrityError, match="content hash"), demo_db.engine.begin() as conn:
        conn.execute(text(f"UPDATE minutes_revision SET approved_at = created_at WHERE id = {draft_id}"))


@pytest.mark.parametrize("change", ["content", "hash", "delete", "order"])
def test_verify_names_the_meeting_whose_record_was_changed(demo_db, change):
    rows = approved_ids(demo_db)
    (a_id, a_meeting), (b_id, _b_meeting) = rows[3], rows[4]
    sql = {
        "content": [f"UPDATE minutes_revision SET content = replace(content, '纪要', '记要') WHERE id = {a_id}"],
        "hash": [f"UPDATE minutes_revision SET content_hash = '{'0' * 64}' WHERE id = {a_id}"],
        "delete": [f"DELETE FROM minutes_revision WHERE id = {a_id}"],
        "order": [
            f"UPDATE minutes_revision SET approved_at = (SELECT approved_at FROM minutes_revision WHERE id = {b_id}) "
            f"+ INTERVAL '1 hour' WHERE id = {a_id}" if demo_db.engine.dialect.name == "postgresql" else
            f"UPDATE minutes_revision SET approved_at = datetime((SELECT approved_at FROM minutes_revision "
            f"WHERE id = {b_id}), '+1 hour') WHERE id = {a_id}",
        ],
    }[change]
    tamper(demo_db, *sql)
    with demo_db.session() as s:
        report = mn.verify(s)
    assert not report.ok
    named = {p.meeting_id for p in report.problems}
    assert a_meeting in named
    title = meeting_title(demo_db, a_meeting)
    assert any(p.meeting_title == title and p.meeting_date is not None for p in report.problems)
    # the meetings before the tampered one are not blamed
    assert not named & {mid for _rid, mid in rows[:3]}


def test_amendment_is_a_new_revision_with_a_reason(demo_db):
    rows = approved_ids(demo_db)
    rev_id, mid = rows[-1]
    with demo_db.session() as s:
        before = s.get(MinutesRevision, rev_id).content
        first_item = mn.minutes_record(s, mid).items[0].position
    with demo_db.session.begin() as s, pytest.raises(mn.ReasonRequired):
        mn.amend(s, mid, "  ", notes={first_item: "更正后的记录。"})
    with demo_db.session.begin() as s:
        draft = mn.amend(s, mid, "更正发言人姓名", notes={first_item: "更正后的记录。"})
    assert draft.revision == 2
    with demo_db.session.begin() as s:
        approve(s, mid, "书记")
    with demo_db.session() as s:
        assert s.get(MinutesRevision, rev_id).content == before  # the approved revision is untouched
        record = mn.minutes_record(s, mid)
        assert record.revision.number == 2 and record.revision.reason == "更正发言人姓名"
        assert record.items[0].notes == "更正后的记录。"
        assert [r.number for r in record.revisions] == [1, 2]
        assert mn.verify(s).ok


def test_a_members_edit_after_the_draft_was_opened_is_not_sealed(demo_db):
    """The secretary opens the draft; a member then corrects an item's notes; approving what the
    secretary read is refused with both versions, and nothing is sealed."""
    with demo_db.session.begin() as s:
        mid = closed_meeting(s).id
        signatures.register_key(s, "书记")
    with demo_db.session() as s:
        opened = mn.minutes_record(s, mid)  # what the secretary reads
    position = opened.items[0].position
    with demo_db.session.begin() as s:
        s.info["actor"] = "member_unit3"
        mn.edit_draft(s, mid, {position: "会议同意由本单位牵头。"})
    with demo_db.session() as s:
        heads_before = len(signatures.heads(s))
    with demo_db.session.begin() as s, pytest.raises(ConflictError) as stale:
        mn.approve_minutes(s, mid, "书记", expected_hash=opened.shown_hash)
    error = stale.value
    assert error.table == "minutes" and error.mine == {"hash": opened.shown_hash}
    assert error.theirs["hash"] != opened.shown_hash and "会议同意由本单位牵头。" in error.theirs["content"]
    assert error.their_author == "member_unit3"
    with demo_db.session() as s:
        assert s.get(Meeting, mid).status == "closed"
        assert mn.minutes_record(s, mid).revision.approved_at is None
        assert len(signatures.heads(s)) == heads_before
        newer = mn.minutes_record(s, mid)
    # an attendance change counts too: it is part of what is sealed
    with demo_db.engine.begin() as conn:
        conn.execute(text(f"UPDATE attendance SET status = 'absent' WHERE id = "
                          f"(SELECT min(id) FROM attendance WHERE meeting_id = {mid})"))
    with demo_db.session.begin() as s, pytest.raises(ConflictError):
        mn.approve_minutes(s, mid, "书记", expected_hash=newer.shown_hash)
    with demo_db.session.begin() as s:  # what is read now is what is approved
        latest = mn.minutes_record(s, mid)
        approval = mn.approve_minutes(s, mid, "书记", expected_hash=latest.shown_hash)
    with demo_db.session() as s:
        assert mn.minutes_record(s, mid).items[0].notes == "会议同意由本单位牵头。"
        assert approval.revision == latest.revision.number and mn.verify(s).ok


def test_approval_needs_the_approvers_registered_key_on_this_pc(demo_db, memory_keyring):
    with demo_db.session() as s:
        record = mn.minutes_record(s, closed_meeting(s).id)
    with demo_db.session.begin() as s, pytest.raises(signatures.NoSigningKey) as missing:
        mn.approve_minutes(s, record.meeting_id, "书记", expected_hash=record.shown_hash)
    assert missing.value.reason == "not_registered"
    with demo_db.session.begin() as s:
        signatures.register_key(s, "书记")
    memory_keyring.secrets.clear()  # registered from another PC: this one holds no private key
    with demo_db.session.begin() as s, pytest.raises(signatures.NoSigningKey) as elsewhere:
        mn.approve_minutes(s, record.meeting_id, "书记", expected_hash=record.shown_hash)
    assert elsewhere.value.reason == "not_on_this_pc"
    with demo_db.session() as s:
        assert s.get(Meeting, record.meeting_id).status == "closed"


# --------------------------------------------------------------------------- export


def test_docx_follows_the_official_layout(demo_db, tmp_path):
    from docx import Document
    from docx.shared import Mm

    from db.meetings.minutes_docx import write_docx

    _rev, mid = approved_ids(demo_db)[-1]
    with demo_db.session() as s:
        record = mn.minutes_record(s, mid)
    out = tmp_path / "纪要.docx"
    write_docx(record, out)
    doc = Document(str(out))
    section = doc.sections[0]
    for value, mm in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, 37),
                      (section.left_margin, 28), (section.right_margin, 26), (section.bottom_margin, 35)):
        assert abs(value - Mm(mm)) <= Mm(0.5)
    title = doc.paragraphs[0]
    assert title.text == record.title and title.alignment == 1  # centred
    assert title.runs[0].font.size.pt == 22 and str(title.runs[0].font.color.rgb) == "FF0000"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "现将议定事项纪要如下：" in body
    assert any(p.text.startswith("出席：") for p in doc.paragraphs)
    for res in record.resolutions:
        assert f"{res.number}. " in body and f"牵头单位：{res.owner}" in body
        assert f"完成时限：{res.deadline.year}年{res.deadline.month}月{res.deadline.day}日前" in body
    assert doc.styles["Normal"].font.size.pt == 16
    with zipfile.ZipFile(out) as z:
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
        fonts = z.read("word/fontTable.xml").decode()
    assert "PAGE" in footer and "— " in footer
    assert 'w:altName w:val="仿宋"' in fonts and "方正小标宋简体" in fonts


def test_pdf_embeds_the_cjk_font(demo_db, tmp_path, sb_app):
    from desktop.meetings.minutes_pdf import write_pdf

    _rev, mid = approved_ids(demo_db)[-1]
    with demo_db.session() as s:
        record = mn.minutes_record(s, mid)
    out = tmp_path / "m.pdf"
    write_pdf(record, out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile" in data
    assert b"StreetBoardSansSC" in data


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes anywhere")
def test_export_to_a_folder_that_cannot_be_written(demo_db, tmp_path):
    from db.meetings.minutes_docx import write_docx

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    with demo_db.session() as s:
        record = mn.minutes_record(s, approved_ids(demo_db)[-1][1])
    with pytest.raises(OSError) as caught:
        write_docx(record, locked / "m.docx")
    assert caught.value.filename == str(locked / "m.docx")
    assert list(locked.iterdir()) == []


def test_export_into_a_missing_folder_leaves_nothing(demo_db, tmp_path):
    from db.meetings.minutes_docx import write_docx

    with demo_db.session() as s:
        record = mn.minutes_record(s, approved_ids(demo_db)[-1][1])
    with pytest.raises(OSError):
        write_docx(record, tmp_path / "no" / "such" / "m.docx")
    assert not (tmp_path / "no").exists()


# --------------------------------------------------------------------------- the CLI


def test_cli_verify_and_exports(qapp, demo_db, tmp_path, capsys):
    from desktop.cli import main

    url = demo_db.engine.url.render_as_string(hide_password=False)
    assert main(["verify", "--db", url]) == 0
    checked = len(approved_ids(demo_db))
    assert checked > 0
    assert capsys.readouterr().out.splitlines() == [f"通过：已核验 {checked} 份已审定纪要，其中 0 份带电子签名，哈希链完整。"]
    _rev, mid = approved_ids(demo_db)[-1]
    assert main(["export", "minutes", str(mid), "--docx", str(tmp_path / "m.docx"), "--db", url]) == 0
    assert (tmp_path / "m.docx").stat().st_size > 5000
    assert main(["export", "minutes", "999999", "--docx", str(tmp_path / "x.docx"), "--db", url]) == 2
    assert main(["export", "minutes", str(mid), "--docx", str(tmp_path / "no" / "m.docx"), "--db", url]) == 2
    assert main(["export", "ledger", "--xlsx", str(tmp_path / "l.xlsx"), "--db", url]) == 0
    capsys.readouterr()
    rows = approved_ids(demo_db)
    tamper(demo_db, f"UPDATE minutes_revision SET reason = '改' WHERE id = {rows[2][0]}")
    assert main(["verify", "--db", url]) == 2
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and meeting_title(demo_db, rows[2][1]) in out[0]


def test_ledger_workbook(demo_db, tmp_path):
    from openpyxl import load_workbook

    today = dt.date(2026, 6, 15)
    with demo_db.session() as s:
        rows = rs.ledger(s, today)
    out = tmp_path / "ledger.xlsx"
    rs_export.write_ledger_xlsx(rows, out, today)
    ws = load_workbook(out).active
    assert ws.freeze_panes == "F3"
    assert [c.value for c in ws[2]][:5] == ["会议", "会议日期", "编号", "类别", "议定事项／任务"]
    assert ws.max_row == len(rows) + 2
    overdue = [i for i, r in enumerate(rows) if r.overdue]
    assert overdue, "the demo has overdue tasks"
    first = overdue[0] + 3
    assert ws.cell(first, 11).value == "逾期" and ws.cell(first, 1).fill.fgColor.rgb.endswith("FBE3E1")


# --------------------------------------------------------------------------- resolutions and tasks


@pytest.fixture
def small_street(empty_db):
    with empty_db.session.begin() as s:
        office = f.street(s)
        school = f.unit(s, office, "区一中")
        police = f.unit(s, office, "派出所", "police")
        term = f.term(s, office, school, police)
        made = f.meeting(s, term, dt.datetime(2026, 5, 15, 14, 30))
        later = f.meeting(s, term, dt.datetime(2026, 6, 15, 14, 30), status="closed")
        res = f.resolution(s, made, school, dt.date(2026, 6, 1), "open")
        s.flush()
        t1 = Task(resolution_id=res.id, title="排查", owner_unit_id=school.id, deadline=dt.date(2026, 5, 30))
        t2 = Task(resolution_id=res.id, title="整改", owner_unit_id=school.id, deadline=dt.date(2026, 7, 30))
        s.add_all([t1, t2])
        now = dt.datetime(2026, 5, 1)
        cases = [f.case(s, reported=now, deadline=now + dt.timedelta(days=7)) for _ in range(2)]
        s.flush()
        ids = {"res": res.id, "t1": t1.id, "t2": t2.id, "later": later.id, "cases": [c.id for c in cases]}
    return empty_db, ids


def test_progress_rules(small_street):
    db, ids = small_street
    today = dt.date(2026, 6, 10)  # t1 is overdue, t2 is not
    with db.session.begin() as s, pytest.raises(rs.ProgressOutOfRange):
        rs_progress.update_progress(s, ids["t2"], 101, today=today)
    with db.session.begin() as s, pytest.raises(rs.OverdueReasonRequired):
        rs_progress.update_progress(s, ids["t1"], 50, "推进中", today=today)
    with db.session.begin() as s:
        version = s.get(Task, ids["t2"]).version
        rs_progress.update_progress(s, ids["t2"], 40, "已开展", today=today, expected_version=version)
    with db.session.begin() as s, pytest.raises(ConflictError) as stale:
        rs_progress.update_progress(s, ids["t2"], 60, today=today, expected_version=version)  # loaded before the save
    assert (stale.value.table, stale.value.row_id, stale.value.base_version, stale.value.their_version) == (
        "task", ids["t2"], version, version + 1)
    with db.session.begin() as s:
        rs_progress.update_progress(s, ids["t1"], 100, "已完成", reason="等待区里审批", today=today)
        rs_progress.update_progress(s, ids["t2"], 100, "已完成", today=today)
    with db.session() as s:
        res = s.get(Resolution, ids["res"])
        assert (res.status, res.completed_on, res.overdue_reason) == ("ready_to_verify", today, "等待区里审批")
        rows = [r for r in rs.ledger(s, today) if r.resolution_id == ids["res"]]
        assert [r.kind for r in rows] == ["resolution", "task", "task"] and rows[0].progress_pct == 100
        trace = rs_trace.trace(s, ids["res"])
        assert [u.progress_pct for u in trace.updates] == [40, 100, 100]
        assert "逾期原因：等待区里审批" in trace.updates[1].note
    with db.session.begin() as s:
        rs_progress.verify_resolution(s, ids["res"], ids["later"])
    with db.session() as s:
        trace = rs_trace.trace(s, ids["res"])
        assert trace.status == "done" and trace.verified_at and trace.verified_at.id == ids["later"]


def test_a_resolution_whose_cases_all_close_is_ready_to_verify(small_street):
    db, ids = small_street
    with db.session.begin() as s:
        s.execute(resolution_case.insert(), [{"resolution_id": ids["res"], "case_id": c} for c in ids["cases"]])
    first, second = ids["cases"]
    with db.engine.begin() as conn:  # whatever closes the case: a raw update is enough
        conn.execute(text(f"UPDATE grid_case SET state = 'CLOSED' WHERE id = {first}"))
    with db.session() as s:  # one of two closed: under way (0012)
        assert s.get(Resolution, ids["res"]).status == "in_progress"
    with db.session.begin() as s:
        s.get(GridCase, second).state = "EVALUATED"
    with db.session() as s:
        assert s.get(Resolution, ids["res"]).status == "ready_to_verify"
    with db.engine.begin() as conn:  # reopened on an unsatisfied return visit
        conn.execute(text(f"UPDATE grid_case SET state = 'IN_PROGRESS' WHERE id = {second}"))
    with db.session() as s:
        assert s.get(Resolution, ids["res"]).status == "in_progress"
    with db.engine.begin() as conn:  # unlinking the open case leaves only closed ones
        conn.execute(text(f"DELETE FROM resolution_case WHERE case_id = {second}"))
    with db.session() as s:
        assert s.get(Resolution, ids["res"]).status == "ready_to_verify"


def test_verification_needs_a_later_meeting_and_readiness(small_street):
    db, ids = small_street
    with db.session.begin() as s, pytest.raises(rs.NotReadyToVerify):
        rs_progress.verify_resolution(s, ids["res"], ids["later"])
    with db.session.begin() as s:
        s.get(Resolution, ids["res"]).status = "ready_to_verify"
        made = s.get(Resolution, ids["res"]).meeting_id
    with db.session.begin() as s, pytest.raises(rs.VerifyingMeetingTooEarly):
        rs_progress.verify_resolution(s, ids["res"], made)


def test_minutes_content_is_canonical_json(demo_db):
    with demo_db.session() as s:
        for content in s.scalars(select(MinutesRevision.content)).all():
            assert content == mn.canonical_json(json.loads(content))


def test_the_panel_shows_both_versions_when_the_draft_changed_after_it_was_opened(
        demo_db, executor, qtbot, no_leaked_windows):
    from desktop.meetings.minutes_panel import group_hash
    from desktop.resolutions.page import ResolutionsPage

    ex = executor(demo_db)
    with demo_db.session.begin() as s:
        mid = closed_meeting(s).id
        signatures.register_key(s, ex.actor)
    page = ResolutionsPage()
    qtbot.addWidget(page)
    page.show()
    page.show_minutes_of(mid)
    qtbot.waitUntil(lambda: page._record is not None and page._record.meeting_id == mid, timeout=10_000)
    read = page._record
    assert group_hash(read.shown_hash) in page.minutes_status.text()  # the approver sees what is signed
    with demo_db.session.begin() as s:  # a member corrects the draft meanwhile, on another PC
        mn.edit_draft(s, mid, {read.items[0].position: "会议同意由本单位牵头。"})
    page.approve_button.click()
    qtbot.waitUntil(lambda: getattr(page, "approval_conflict", None) is not None
                    and page.approval_conflict.isVisible(), timeout=10_000)
    dialog = page.approval_conflict
    assert "会议同意由本单位牵头。" in dialog.theirs_edit.toPlainText()
    assert "会议同意由本单位牵头。" not in dialog.mine_edit.toPlainText()
    assert not dialog.keep_mine.isVisible()  # what was read can no longer be approved
    dialog.take_theirs.click()
    qtbot.waitUntil(lambda: "会议同意由本单位牵头。" in page.minutes_view.toPlainText(), timeout=10_000)
    ex.wait_idle()
    with demo_db.session() as s:
        assert s.get(Meeting, mid).status == "closed"
    assert page._record.shown_hash != read.shown_hash and group_hash(page._record.shown_hash) in page.minutes_status.text()
