"""The meeting room: the chair's and the recorder's screen while the meeting runs.

Keyboard first: Alt+→ / PgDn next item, Alt+← / PgUp previous, Ctrl+M the minutes, Ctrl+R a new
resolution, Ctrl+I sign-in. Sign-in roster with a live quorum line; the current item with its
timer; the item's minutes, saved to the database a moment after typing pauses (optimistic
locking: a stale save keeps the user's text and says so) and to a local draft file
(:mod:`desktop.meetings.drafts`); the resolution form; the projector (:mod:`desktop.meetings.presenter`) follows
the current item through :attr:`MeetingRoom.current_item_changed`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.core import clock
from db.core.versioning import ConflictError
from db.meetings import agenda as mt_agenda
from db.meetings import room as mt
from db.meetings import signin as mt_signin
from db.sync.edits import Edit, attendance_edit, resolution_edit
from desktop.core.dbop import Changes, DbExecutor, DbOp, DbWrite
from desktop.core.formatting import date_edit_format, format_date, format_datetime
from desktop.core.messages import describe
from desktop.meetings import room_actions
from desktop.meetings.drafts import DraftStore
from desktop.meetings.presenter import PresenterWindow, screen_names
from desktop.meetings.recovery import DraftGuard
from desktop.meetings.texts import status_name
from desktop.sync.conflicts import resolve_notes_conflict
from desktop.sync.outbox import pending_for_meeting, what_waits
from widgets.column_table import Column, ColumnTableModel
from widgets.minutes_editor import MinutesEditor
from widgets.timer import ItemTimer

#: the theme's good/bad colours (resources/themes/light.qss) for the quorum line and the item timer
ROOM_STYLE = """
QLabel#quorum { font-weight: bold; }
QLabel#quorum[tone="good"] { color: #1B7F3B; }
QLabel#quorum[tone="bad"] { color: #C62828; }
QLabel#itemTimer { font-size: 20px; font-weight: bold; }
QLabel#itemTitle { font-size: 16px; font-weight: bold; }
QLabel#itemTimer[tone="over"] { color: #C62828; }
"""
ROOM_TABLES = ("meeting", "agenda_item", "agenda_item_case", "attendance", "resolution", "task", "grid_case",
               "agreement_item")


class RosterModel(ColumnTableModel):
    """The sign-in roster (``db.meetings`` RosterRow): name, unit, status, delegate, signed in at."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Unit"), lambda r: r.unit_name),
            Column(self.tr("Status"), lambda r: status_name(r.status)),
            Column(self.tr("Delegate"), lambda r: r.delegate_name),
            Column(self.tr("Signed in"), lambda r: r.signed_at.strftime("%H:%M") if r.signed_at else ""),
        ], parent)


class MeetingRoom(QWidget):
    """The chair's and recorder's window for one meeting. ``start=True`` starts the meeting."""

    loaded = Signal()
    load_failed = Signal(str)
    current_item_changed = Signal(int)  # agenda item id, emitted at once when the chair moves
    resolution_text_changed = Signal(str)
    notes_saved = Signal(int)  # item id

    def __init__(self, meeting_id: int, parent: QWidget | None = None, *, start: bool = False,
                 drafts: DraftStore | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("meetingRoom")
        self.meeting_id = meeting_id
        self._start = start
        executor = DbExecutor.current
        self.drafts = drafts or DraftStore.for_database(executor.database.name if executor else "")
        self.data: mt_agenda.RoomData | None = None
        self.index = 0
        self.versions: dict[int, int] = {}
        self.local_text: dict[int, str] = {}
        self.conflicts: set[int] = set()
        self.draft_guard = DraftGuard(self)  # issue 6: unsaved typing reaches the local draft within 2 s
        self.presenter: PresenterWindow | None = None
        self.setWindowTitle(self.tr("Meeting room"))
        self.resize(1366, 768)
        self.setStyleSheet(ROOM_STYLE)

        # --- top bar
        self.heading = QLabel("", objectName="pageTitle")
        self.heading.setWordWrap(True)  # title · time · place may take two lines on a 1366-pixel laptop
        self.screen_combo = QComboBox()
        self.screen_combo.addItems(screen_names())
        default = PresenterWindow.default_screen()
        self.screen_combo.setCurrentIndex(QGuiApplication.screens().index(default))
        self.projector_button = QPushButton(self.tr("Show on projector"))
        self.projector_button.setCheckable(True)
        self.projector_button.toggled.connect(self.set_projector_visible)
        self.screen_combo.currentIndexChanged.connect(self._move_projector)
        self.close_button = QPushButton(self.tr("Close meeting"))
        self.close_button.clicked.connect(self.close_meeting)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel(self.tr("Projector:")))
        top.addWidget(self.screen_combo)
        top.addWidget(self.projector_button)
        top.addWidget(self.close_button)

        self.drafts_bar = QFrame(objectName="draftsBar")
        self.drafts_label = QLabel("")
        self.restore_button = QPushButton(self.tr("Restore drafts"))
        self.discard_button = QPushButton(self.tr("Discard drafts"))
        self.restore_button.clicked.connect(self.restore_drafts)
        self.discard_button.clicked.connect(self.discard_drafts)
        bar = QHBoxLayout(self.drafts_bar)
        bar.addWidget(self.drafts_label, 1)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.discard_button)
        self.drafts_bar.hide()
        self.message = QLabel("", objectName="roomMessage")
        self.message.setWordWrap(True)

        # --- sign-in
        self.roster_model = RosterModel(self)
        self.roster = QTableView()
        self.roster.setModel(self.roster_model)
        self.roster.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.roster.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.roster.verticalHeader().hide()
        header = self.roster.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the unit name gives way, elided
        header.setStretchLastSection(False)
        self.roster.clicked.connect(self._roster_clicked)
        self.sign_name = QLineEdit(placeholderText=self.tr("Name"))
        self.sign_status = QComboBox()
        for code in ("present", "excused", "observer", "absent"):
            self.sign_status.addItem(status_name(code), code)
        self.sign_delegate = QLineEdit(placeholderText=self.tr("Delegate (代为出席)"))
        self.sign_unit = QComboBox()  # an observer's unit (列席单位)
        self.sign_status.currentIndexChanged.connect(
            lambda: self.sign_unit.setEnabled(self.sign_status.currentData() == "observer"))
        self.sign_unit.setEnabled(False)
        self.sign_button = QPushButton(self.tr("Sign in"))
        self.sign_button.clicked.connect(self.sign_in)
        self.sign_name.returnPressed.connect(self.sign_in)
        self.quorum_label = QLabel("", objectName="quorum")
        self.quorum_label.setWordWrap(True)
        sign_box = QGroupBox(self.tr("Sign-in"))
        sv = QVBoxLayout(sign_box)
        sv.addWidget(self.quorum_label)
        sv.addWidget(self.roster, 1)
        form_row = QHBoxLayout()
        form_row.addWidget(self.sign_name, 2)
        form_row.addWidget(self.sign_status, 1)
        sv.addLayout(form_row)
        row2 = QHBoxLayout()
        row2.addWidget(self.sign_delegate, 1)
        row2.addWidget(self.sign_unit, 1)
        row2.addWidget(self.sign_button, 1)
        sv.addLayout(row2)

        # --- current item
        self.item_label = QLabel("", objectName="itemTitle")
        self.item_label.setWordWrap(True)
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.timer = ItemTimer()
        self.no_record_button = QPushButton(self.tr("No minutes (无记录)"))
        self.no_record_button.clicked.connect(lambda: room_actions.toggle_no_record(self))
        self.add_item_button = QPushButton(self.tr("Add item"))
        self.public_button = QPushButton(self.tr("Public titles…"))
        self.public_button.clicked.connect(lambda: room_actions.edit_public_titles(self))
        self.add_item_button.clicked.connect(lambda: room_actions.add_item(self))
        self.editor = MinutesEditor()
        self.editor.setPlaceholderText(self.tr("Minutes of this item (会议纪要)…"))
        self.editor.text_changed_idle.connect(self._autosave)
        self.save_label = QLabel("", objectName="pageSubtitle")
        item_box = QGroupBox(self.tr("Current item"))
        iv = QVBoxLayout(item_box)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.timer, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next_button)
        iv.addLayout(nav)
        iv.addWidget(self.item_label)
        iv.addWidget(self.editor, 1)
        below = QHBoxLayout()
        below.addWidget(self.save_label, 1)
        below.addWidget(self.no_record_button)
        below.addWidget(self.add_item_button)
        below.addWidget(self.public_button)
        iv.addLayout(below)

        # --- resolution form
        self.res_text = QPlainTextEdit()
        self.res_text.setPlaceholderText(self.tr("What was decided…"))
        self.res_text.textChanged.connect(lambda: self.resolution_text_changed.emit(self.res_text.toPlainText()))
        self.res_owner = QComboBox()
        self.res_co_units = QListWidget()
        self.res_deadline = QDateEdit(calendarPopup=True)
        self.res_deadline.setDisplayFormat(date_edit_format())
        self.res_cases = QListWidget()
        self.res_items = QListWidget()
        self.res_votes = room_actions.VoteBox()
        self.res_button = QPushButton(self.tr("Record resolution"))
        self.res_button.clicked.connect(self.record_resolution)
        self.res_list = QListWidget()
        res_box = QGroupBox(self.tr("Resolution (决议)"))
        rf = QFormLayout(res_box)
        rf.addRow(self.res_text)
        rf.addRow(self.tr("Owner unit"), self.res_owner)
        rf.addRow(self.tr("Co-units"), self.res_co_units)
        rf.addRow(self.tr("Deadline"), self.res_deadline)
        rf.addRow(self.tr("Linked cases"), self.res_cases)
        rf.addRow(self.tr("Agreement items"), self.res_items)
        rf.addRow(self.tr("Vote (表决)"), self.res_votes)
        rf.addRow(self.res_button)
        rf.addRow(self.tr("Recorded"), self.res_list)
        for w in (self.res_co_units, self.res_cases, self.res_items):
            w.setMaximumHeight(70)
        self.res_text.setMaximumHeight(90)

        splitter = QSplitter()
        splitter.addWidget(sign_box)
        splitter.addWidget(item_box)
        splitter.addWidget(res_box)
        splitter.setSizes([440, 520, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.drafts_bar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.roster.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
        self.res_text.setTabChangesFocus(True)
        ctrl, shift, alt = Qt.Modifier.CTRL, Qt.Modifier.SHIFT, Qt.Modifier.ALT
        self.shortcuts: dict[QWidget, QKeySequence] = {}
        for widget, keys, slot, tip in (
                (self.next_button, (alt | Qt.Key.Key_Right, Qt.Key.Key_PageDown), lambda: self.go(1),
                 self.tr("Next agenda item")),
                (self.prev_button, (alt | Qt.Key.Key_Left, Qt.Key.Key_PageUp), lambda: self.go(-1),
                 self.tr("Previous agenda item")),
                (self.editor, (ctrl | Qt.Key.Key_M,), None, self.tr("Minutes of this item; Ctrl+Tab types a tab")),
                (self.res_text, (ctrl | Qt.Key.Key_R,), self.new_resolution, self.tr("Text of a new resolution")),
                (self.sign_name, (ctrl | Qt.Key.Key_I,), None, self.tr("Name of the person signing in")),
                (self.sign_status, (ctrl | shift | Qt.Key.Key_I,), None, self.tr("Attendance status")),
                (self.sign_delegate, (ctrl | shift | Qt.Key.Key_D,), None,
                 self.tr("Who attends for an excused member (代为出席)")),
                (self.sign_unit, (ctrl | shift | Qt.Key.Key_O,), None, self.tr("Unit of an observer (列席)")),
                (self.sign_button, (ctrl | shift | Qt.Key.Key_G,), self.sign_in, self.tr("Sign in")),
                (self.roster, (ctrl | Qt.Key.Key_L,), None, self.tr("Roster: arrows choose, Enter fills the form")),
                (self.res_owner, (ctrl | Qt.Key.Key_U,), None, self.tr("Owner unit (牵头单位)")),
                (self.res_co_units, (ctrl | shift | Qt.Key.Key_U,), None,
                 self.tr("Co-units: Space ticks the unit")),
                (self.res_deadline, (ctrl | Qt.Key.Key_T,), None, self.tr("Deadline (完成时限)")),
                (self.res_cases, (ctrl | Qt.Key.Key_K,), None, self.tr("Linked cases: Space ticks the case")),
                (self.res_items, (ctrl | shift | Qt.Key.Key_K,), None, self.tr("Agreement items: Space ticks")),
                (self.res_button, (ctrl | Qt.Key.Key_Return, ctrl | Qt.Key.Key_Enter), self.record_resolution,
                 self.tr("Record resolution (记录决议)")),
                (self.res_list, (ctrl | shift | Qt.Key.Key_L,), None, self.tr("Resolutions recorded")),
                (self.res_votes.unanimous, (ctrl | shift | Qt.Key.Key_V,), None,
                 self.tr("Vote: unanimous, or the counts beside it")),
                (self.no_record_button, (ctrl | shift | Qt.Key.Key_N,), None,
                 self.tr("Mark this item as having no minutes (无记录)")),
                (self.add_item_button, (ctrl | shift | Qt.Key.Key_A,), None,
                 self.tr("Add an item raised during the meeting")),
                (self.public_button, (ctrl | shift | Qt.Key.Key_T,), None,
                 self.tr("What the projector calls each linked case (never the resident's own words)")),
                (self.screen_combo, (ctrl | shift | Qt.Key.Key_P,), None, self.tr("Screen of the projector")),
                (self.projector_button, (Qt.Key.Key_F5,), self.projector_button.toggle,
                 self.tr("Show or hide the projector")),
                (self.close_button, (ctrl | shift | Qt.Key.Key_E,), self.close_meeting,
                 self.tr("Close the meeting (结束会议), or reopen a closed one"))):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(slot or widget.setFocus)
            self.shortcuts[widget] = QKeySequence(keys[0])
            widget.setToolTip(self.tr("{0} ({1})").format(
                tip, QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)))
        self.roster.activated.connect(self._roster_clicked)
        if executor is not None:
            executor.changed.connect(self._on_changes)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        start = self._start
        self._start = False

        def load(session: Session) -> mt_agenda.RoomData:
            if start:
                mt.start_meeting(session, self.meeting_id)
            return mt.room_data(session, self.meeting_id)

        (DbWrite if start else DbOp)(self, load).success(self.show_data).failure(
            self._load_failed).run()

    def _load_failed(self, error: Exception) -> None:
        self.show_message(describe(error))
        self.load_failed.emit(describe(error))

    def _on_changes(self, changes: Changes) -> None:
        if self.data is not None and changes.touches(*ROOM_TABLES):
            DbOp(self, lambda s: mt.room_data(s, self.meeting_id)).success(self._update_data).run()

    def show_data(self, data: mt_agenda.RoomData) -> None:
        first = self.data is None
        self.data = data
        m = data.meeting
        self.heading.setText(self.tr("{0} · {1} · {2}").format(m.title, format_datetime(m.starts_at), m.place))
        for item in data.items:
            self.versions.setdefault(item.id, item.version)
        self._fill_static(data)
        self._show_roster(data)
        ids = [i.id for i in data.items]
        if data.current_item_id in ids:
            self.index = ids.index(data.current_item_id)
        self._show_status(m)
        self._show_item()
        if self.presenter is not None:
            self.presenter.set_room(data)
        if first:
            self._offer_drafts()
        self.loaded.emit()

    def _show_status(self, m: mt_agenda.MeetingInfo) -> None:
        finished = m.status in mt_agenda.FINISHED_STATUSES
        self.editor.setReadOnly(finished)
        for w in (self.res_button, self.sign_button, self.no_record_button, self.add_item_button,
                  self.public_button):
            w.setEnabled(not finished)
        self.close_button.setEnabled(m.status != "approved")
        self.close_button.setText(self.tr("Reopen meeting") if m.status == "closed" else self.tr("Close meeting"))

    def _update_data(self, data: mt_agenda.RoomData) -> None:
        """A write somewhere changed what the room shows: refresh lists and figures, keep the editor."""
        old = self.data
        self.data = data
        self._show_status(data.meeting)
        for item in data.items:  # minutes saved from the outbox meanwhile: typing goes on from them
            if item.notes == self.local_text.get(item.id) and item.id not in self.conflicts:
                self.versions[item.id] = item.version
        self._show_roster(data)
        self._fill_resolutions(data)
        if self.presenter is not None:
            self.presenter.set_room(data)
        item = self.current_item()
        if item is not None and old is not None and mt.figures_changed(old.figures.get(item.id),
                                                                        data.figures[item.id]):
            self._record_projection(item.id)

    def _fill_static(self, data: mt_agenda.RoomData) -> None:
        self.res_owner.clear()
        self.res_owner.addItem(self.tr("— choose —"), None)
        self.res_co_units.clear()
        chosen = self.sign_unit.currentData()
        self.sign_unit.clear()
        self.sign_unit.addItem(self.tr("— observer's unit —"), None)
        for unit in data.units:
            self.sign_unit.addItem(unit.name, unit.id)
        self.sign_unit.setCurrentIndex(max(0, self.sign_unit.findData(chosen)))
        for unit in data.units:
            self.res_owner.addItem(unit.name, unit.id)
            entry = QListWidgetItem(unit.name)
            entry.setData(Qt.ItemDataRole.UserRole, unit.id)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.res_co_units.addItem(entry)
        start = data.meeting.starts_at.date() + dt.timedelta(days=30)
        self.res_deadline.setDate(QDate(start.year, start.month, start.day))
        self._fill_resolutions(data)

    def _fill_resolutions(self, data: mt_agenda.RoomData) -> None:
        self.res_list.clear()
        for r in data.resolutions:
            self.res_list.addItem(self.tr("{0}. {1} — {2}, by {3}").format(
                r.number, r.text, r.owner_unit_name, format_date(r.deadline)))

    def _show_roster(self, data: mt_agenda.RoomData) -> None:
        self.roster_model.set_rows(list(data.roster))
        q = data.quorum
        state = self.tr("Quorum reached") if q.quorate else self.tr("No quorum yet")
        self.quorum_label.setText(self.tr("{0}: {1} of {2} members present (needs {3}; {4} by delegate), "
                                          "{5} excused, {6} absent, {7} observers").format(
            state, q.present, q.members, q.required, q.delegates, q.excused, q.absent, q.observers))
        self.quorum_label.setProperty("tone", "good" if q.quorate else "bad")
        self.quorum_label.style().unpolish(self.quorum_label)
        self.quorum_label.style().polish(self.quorum_label)

    # ------------------------------------------------------------------ items

    def current_item(self) -> mt_agenda.AgendaItemInfo | None:
        if self.data is None or not self.data.items:
            return None
        return self.data.items[self.index]

    def go(self, offset: int) -> None:
        if self.data is None or not self.data.items:
            return
        target = max(0, min(len(self.data.items) - 1, self.index + offset))
        if target == self.index:
            return
        self.editor.flush()
        self.index = target
        item = self.data.items[target]
        self.current_item_changed.emit(item.id)
        self._show_item()
        if self.data.meeting.status == "in_progress":
            now = clock.now()
            DbWrite(self, lambda s: mt.set_current_item(s, self.meeting_id, item.id, now)).failure(
                lambda e: self.show_message(describe(e))).run()
            self._record_projection(item.id)

    def _show_item(self) -> None:
        item = self.current_item()
        if item is None:
            self.item_label.setText(self.tr("This meeting has no agenda yet."))
            return
        total = len(self.data.items) if self.data else 0
        self.item_label.setText(self.tr("{0}/{1} {2}").format(item.position, total, item.title))
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < total - 1)
        self.editor.set_text_quietly(self.local_text.get(item.id, item.notes))
        self.timer.set_planned(item.planned_minutes)
        if self.data and self.data.meeting.status == "in_progress":
            started = item.started_at
            elapsed = int((clock.now() - started).total_seconds()) if started and not item.ended_at else 0
            self.timer.start(elapsed)
        else:
            self.timer.stop()
        self.res_cases.clear()
        for case_id, number in zip(item.case_ids, item.case_numbers, strict=True):
            entry = QListWidgetItem(number)
            entry.setData(Qt.ItemDataRole.UserRole, case_id)
            entry.setCheckState(Qt.CheckState.Checked)
            self.res_cases.addItem(entry)
        self.res_items.clear()
        fig = self.data.figures.get(item.id) if self.data else None
        if fig is not None and fig.agreement is not None:
            for line in fig.agreement.lines:
                entry = QListWidgetItem(line.title)
                entry.setData(Qt.ItemDataRole.UserRole, line.item_id)
                entry.setCheckState(Qt.CheckState.Unchecked)
                self.res_items.addItem(entry)
        owner = item.unit_id
        at = self.res_owner.findData(owner) if owner is not None else 0
        self.res_owner.setCurrentIndex(max(0, at))

    # ------------------------------------------------------------------ minutes

    def _autosave(self, text: str) -> None:
        item = self.current_item()
        if item is None or self.editor.isReadOnly():
            return
        item_id, version = item.id, self.versions.get(item.id, item.version)
        self.local_text[item_id] = text
        try:
            self.drafts.save(self.meeting_id, item_id, text, version)
        except OSError:
            self.show_message(self.tr("The local draft could not be written; the minutes are still saved to "
                                      "the database."))
        if item_id in self.conflicts:
            return

        def saved(new_version: int) -> None:
            self.versions[item_id] = new_version
            self.drafts.settle(self.meeting_id, item_id, text)
            self.save_label.setText(self.tr("Saved at {0}").format(clock.now().strftime("%H:%M:%S")))
            self.notes_saved.emit(item_id)

        def failed(error: Exception) -> None:
            if isinstance(error, ConflictError):
                self.conflicts.add(item_id)
                resolve_notes_conflict(self, item_id, text, error)  # issue 6: both versions, the user chooses
            self.save_label.setText(describe(error))

        def queued(_edit: Edit) -> None:
            self.save_label.setText(self.tr("Not connected: these minutes are kept on this PC and saved in order "
                                            "when the connection is back."))

        # while the server is away the minutes wait in the outbox, in order, replayed through the same service
        DbWrite(self, outbox=Edit("agenda_notes", item_id, version, {"notes": text})).success(saved).failure(
            failed).queued(queued).run()

    def _offer_drafts(self) -> None:
        if self.data is None:
            return
        notes = {i.id: i.notes for i in self.data.items}
        waiting = [d for d in self.drafts.drafts(self.meeting_id) if d.item_id in notes and d.text != notes[d.item_id]]
        for d in self.drafts.drafts(self.meeting_id):
            if d.item_id in notes and d.text == notes[d.item_id]:
                self.drafts.discard(self.meeting_id, d.item_id)
        self._waiting_drafts = waiting
        if waiting:
            self.drafts_label.setText(self.tr("Unsaved minutes from {0} were found for %n item(s).", "",
                                              len(waiting)).format(format_datetime(waiting[-1].saved_at)))
            self.drafts_bar.show()

    def restore_drafts(self) -> None:
        for d in getattr(self, "_waiting_drafts", []):
            self.local_text[d.item_id] = d.text
            self.versions[d.item_id] = d.base_version
        self.drafts_bar.hide()
        self._show_item()
        for d in getattr(self, "_waiting_drafts", []):
            self._save_restored(d)
        self._waiting_drafts = []

    def _save_restored(self, d: Any) -> None:
        def saved(version: int) -> None:
            self.versions[d.item_id] = version
            self.drafts.settle(self.meeting_id, d.item_id, d.text)

        def failed(error: Exception) -> None:
            if isinstance(error, ConflictError):
                self.conflicts.add(d.item_id)
            self.show_message(describe(error))

        DbWrite(self, lambda s: mt.save_item_notes(s, d.item_id, d.text, d.base_version)).success(saved).failure(
            failed).run()

    def discard_drafts(self) -> None:
        for d in getattr(self, "_waiting_drafts", []):
            self.drafts.discard(self.meeting_id, d.item_id)
        self._waiting_drafts = []
        self.drafts_bar.hide()

    # ------------------------------------------------------------------ sign-in

    def _roster_clicked(self, index: QModelIndex) -> None:
        row = self.roster_model.record(index.row())
        self.sign_name.setText(row.name)
        self.sign_delegate.setText(row.delegate_name)
        if row.status:
            self.sign_status.setCurrentIndex(self.sign_status.findData(row.status))

    def sign_in(self) -> None:
        """Saves the form's sign-in and empties the form at once (status back to present), so the next
        person is never recorded with the previous one's status; a refused save puts its values back
        unless the next name is already being typed."""
        name, status, delegate = self.sign_name.text(), self.sign_status.currentData(), self.sign_delegate.text()
        unit_id = self.sign_unit.currentData() if status == "observer" else None
        if not name.strip():
            self.show_message(describe(mt_agenda.MeetingError("blank_name", "")))
            return
        self._reset_sign_form()
        # while the server is away the sign-in waits in the outbox, replayed through the same service
        edit = attendance_edit(self.meeting_id, self.data.roster if self.data else (), name, status, delegate)
        if unit_id is not None:
            edit = dataclasses.replace(edit, extra={**edit.extra, "unit_id": unit_id})

        def failed(error: Exception) -> None:
            if not self.sign_name.text() and not self.sign_delegate.text():
                self.sign_name.setText(name)
                self.sign_delegate.setText(delegate)
                self.sign_status.setCurrentIndex(self.sign_status.findData(status))
                self.sign_unit.setCurrentIndex(max(0, self.sign_unit.findData(unit_id)))
            self.show_message(describe(error))

        DbWrite(self, lambda s: mt_signin.sign_in(s, self.meeting_id, status=status, person_name=name,
                                                  delegate_name=delegate, unit_id=unit_id), outbox=edit).success(
            lambda row: self.show_message(self.tr("{0}: {1}").format(row.name, status_name(row.status)))).failure(
            failed).queued(lambda _e: self.show_message(self.tr(
                "{0}: {1} — kept on this PC; saved automatically when the connection is back.").format(
                name.strip(), status_name(status)))).run()

    def _reset_sign_form(self) -> None:
        self.sign_name.clear()
        self.sign_delegate.clear()
        self.sign_status.setCurrentIndex(0)
        self.sign_unit.setCurrentIndex(0)

    # ------------------------------------------------------------------ resolutions

    def new_resolution(self) -> None:
        self.res_text.clear()
        self.res_text.setFocus()

    def record_resolution(self) -> None:
        item = self.current_item()

        def checked(widget: QListWidget) -> list[int]:
            return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                    if widget.item(i).checkState() == Qt.CheckState.Checked]

        qd = self.res_deadline.date()
        args = {"meeting_id": self.meeting_id, "agenda_item_id": item.id if item else None,
                "text": self.res_text.toPlainText(), "owner_unit_id": self.res_owner.currentData(),
                "co_unit_ids": checked(self.res_co_units), "deadline": dt.date(qd.year(), qd.month(), qd.day()),
                "case_ids": checked(self.res_cases), "agreement_item_ids": checked(self.res_items),
                "votes": self.res_votes.votes(self.data.quorum.present if self.data else 0)}

        def clear() -> None:
            self.res_text.clear()
            self.res_votes.clear()
            for i in range(self.res_co_units.count()):
                self.res_co_units.item(i).setCheckState(Qt.CheckState.Unchecked)

        def done(info: mt_agenda.ResolutionInfo) -> None:
            clear()
            self.show_message(self.tr("Resolution {0} recorded; its task is now tracked.").format(info.number))

        def queued(_edit: Edit) -> None:
            clear()
            self.show_message(self.tr("Not connected: the resolution is kept on this PC and recorded when the "
                                      "connection is back."))

        # only a resolution its service would take is kept offline (else the sentence comes at once)
        queueable = (args["text"].strip() and args["owner_unit_id"] is not None and self.data is not None
                     and args["deadline"] >= self.data.meeting.starts_at.date() and args["votes"] is None)
        edit = resolution_edit(**{k: v for k, v in args.items() if k != "votes"}) if queueable else None
        DbWrite(self, lambda s: mt.record_resolution(s, **args), outbox=edit).success(
            done).failure(lambda e: self.show_message(describe(e))).queued(queued).run()

    # ------------------------------------------------------------------ projector

    def set_projector_visible(self, visible: bool) -> None:
        if visible:
            if self.presenter is None:
                self.presenter = PresenterWindow(self.meeting_id)
                self.current_item_changed.connect(self.presenter.show_item)
                self.resolution_text_changed.connect(self.presenter.set_resolution_text)
            if self.data is not None:
                self.presenter.set_room(self.data)
                item = self.current_item()
                if item is not None:
                    self.presenter.show_item(item.id)
            self.presenter.open_on(QGuiApplication.screens()[self.screen_combo.currentIndex()])
            item = self.current_item()
            if item is not None:  # the item on screen when the projector comes on is recorded too
                self._record_projection(item.id)
            self.activateWindow()  # the chair keeps the keyboard
        elif self.presenter is not None:
            self.presenter.close()
        if self.projector_button.isChecked() != visible:
            self.projector_button.setChecked(visible)

    def _move_projector(self, index: int) -> None:
        if self.presenter is not None and self.presenter.isVisible():
            self.presenter.open_on(QGuiApplication.screens()[index])
            self.activateWindow()

    def _record_projection(self, item_id: int) -> None:
        if (self.data is None or self.presenter is None or not self.presenter.isVisible()
                or self.data.meeting.status != "in_progress"):
            return
        figures = self.data.figures[item_id].to_json()
        DbWrite(self, lambda s: mt.record_projection(s, item_id, figures)).failure(
            lambda e: self.show_message(describe(e))).run()

    # ------------------------------------------------------------------ closing

    def close_meeting(self) -> None:
        """Closes the meeting once nothing of it waits in the outbox; else says what still waits.
        The minutes just typed are flushed first; the empty read behind them is a barrier: its
        answer comes after theirs (saved, or queued)."""
        if self.data is not None and self.data.meeting.status == "closed":
            room_actions.reopen(self)
            return
        self.editor.flush()
        DbOp(self, lambda _s: None).success(lambda _r: self._close_when_saved()).failure(
            lambda _e: self._close_when_saved()).run()

    def _close_when_saved(self) -> None:
        from db.meetings.minutes import close_meeting

        executor = DbExecutor.current
        titles = {i.id: i.title for i in self.data.items} if self.data else {}
        waiting = pending_for_meeting(executor.outbox if executor else None, self.meeting_id, set(titles))
        if waiting:
            self.show_message(self.tr("%n change(s) made while offline are not saved yet: {0}. The meeting was not "
                                      "closed; close it once they are saved (the status bar shows the connection).",
                                      "", len(waiting)).format("；".join(what_waits(e, titles) for e in waiting)))
            return
        if not room_actions.confirm_close(self):  # asked only once nothing of it waits offline
            return
        DbWrite(self, lambda s: close_meeting(s, self.meeting_id)).success(
            lambda _: (self.show_message(self.tr("The meeting is closed; the minutes draft is ready for approval.")),
                       self.refresh())).failure(lambda e: self.show_message(describe(e))).run()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def closeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        self.editor.flush()
        if self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None
        super().closeEvent(event)
