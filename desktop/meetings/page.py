"""Meetings (会议): the list, a meeting's details, topic proposals and the agenda builder.

Drag agenda rows (or use Up/Down) to order them; the planned total stands out when it runs over the
meeting's planned length. "Generate follow-up items" adds one item per owner unit with open
resolutions; the agenda can be locked; the notice exports to PDF and xlsx; "Start meeting" opens
the meeting room.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QDateTime,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.core import clock
from db.meetings import agenda as mt
from db.meetings import bodies
from db.meetings.documents import meeting_paper
from desktop.core.dbop import DbOp, DbWrite
from desktop.core.formatting import date_edit_format, format_datetime
from desktop.core.messages import describe
from desktop.core.page import Page
from desktop.meetings.notice import preview_paper, write_notice_xlsx, write_paper
from desktop.meetings.room import MeetingRoom
from desktop.meetings.texts import item_kind_name, kind_name, meeting_status_name
from widgets.column_table import Column, ColumnTableModel

MIME = "application/x-streetboard-agenda-row"


class MeetingListModel(ColumnTableModel):
    """Meetings (``db.meetings`` MeetingListRow): time, body, title (full title as tooltip), status, resolutions."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__([
            Column(self.tr("Time"), lambda r: format_datetime(r.meeting.starts_at)),
            Column(self.tr("Body"), lambda r: r.meeting.body_name),
            Column(self.tr("Meeting"), lambda r: r.meeting.title, tooltip=lambda r: r.meeting.title),
            Column(self.tr("Status"), lambda r: meeting_status_name(r.meeting.status)),
            Column(self.tr("Resolutions"), lambda r: str(r.resolutions)),
        ], parent)


def _fit_columns(view: QTableView, stretch: int) -> None:
    """Every column as wide as its contents, except ``stretch``, which takes the remaining width."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)


class AgendaModel(ColumnTableModel):
    """The agenda: #, title, kind, minutes, linked cases. Rows move by drag and drop (internal move)."""

    order_changed = Signal(list)  # item ids in the new order

    def __init__(self, parent: QWidget | None = None):
        super().__init__([
            Column(self.tr("No."), lambda item: str(self._rows.index(item) + 1)),
            Column(self.tr("Item"), lambda item: item.title),
            Column(self.tr("Kind"), lambda item: item_kind_name(item.kind)),
            Column(self.tr("Minutes"), lambda item: str(item.planned_minutes)),
            Column(self.tr("Linked"), self._linked),
        ], parent)
        self.editable = True

    def set_items(self, items: list[mt.AgendaItemInfo], editable: bool) -> None:
        self.editable = editable
        self.set_rows(items)

    def _linked(self, item: mt.AgendaItemInfo) -> str:
        if item.case_numbers:
            return self.tr("%n case(s)", "", len(item.case_numbers))
        return item.unit_name or item.pairing_name

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole and index.isValid() and 0 <= index.row() < self.rowCount():
            return self.record(index.row()).id
        return super().data(index, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.editable:
            base |= Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME) or not self.editable:
            return False
        text = bytes(data.data(MIME).data()).decode()
        if not text:
            return False
        source = int(text.split(",")[0])
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        self.move(source, target)
        return False  # the move is done here; the view must not remove the source row

    def move(self, source: int, target: int) -> None:
        """Move row ``source`` to sit before row ``target`` (``len`` = to the end) and announce the order."""
        if not 0 <= source < len(self._rows) or target in (source, source + 1):
            return
        target = max(0, min(len(self._rows), target))
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target)
        item = self._rows.pop(source)
        self._rows.insert(target - 1 if target > source else target, item)
        self.endMoveRows()
        self.order_changed.emit([i.id for i in self._rows])


class MeetingDialog(QDialog):
    """Create or edit a meeting: the body that meets (fixed once made), then a kind that body holds."""

    def __init__(self, parent: QWidget | None, meeting: mt.MeetingInfo | None = None,
                 body_list: list[bodies.BodyInfo] | tuple[bodies.BodyInfo, ...] = (),
                 body_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit meeting") if meeting else self.tr("New meeting"))
        self.setMinimumWidth(440)  # a body's and a title's full names
        self.body = QComboBox()
        self.body_kinds: dict[int | None, str] = {}
        for b in body_list:
            if b.active or (meeting and b.id == meeting.body_id):
                self.body.addItem(b.name, b.id)
                self.body_kinds[b.id] = b.kind
        if not any(kind == "street_committee" for kind in self.body_kinds.values()):
            self.body.insertItem(0, self.tr("Street committee (大工委)"), None)  # made with its first meeting
            self.body_kinds[None] = "street_committee"
        self.kind = QComboBox()
        self.body.currentIndexChanged.connect(self._body_changed)
        wanted = meeting.body_id if meeting else body_id
        self.body.setCurrentIndex(max(0, self.body.findData(wanted)) if wanted is not None else 0)
        self._body_changed()
        self.body.setEnabled(meeting is None)
        self.title_edit = QLineEdit()
        self.when = QDateTimeEdit(calendarPopup=True)
        self.when.setDisplayFormat(date_edit_format(with_time=True))
        self.place = QLineEdit()
        self.chair = QLineEdit()
        self.recorder = QLineEdit()
        self.minutes = QSpinBox(minimum=10, maximum=600, singleStep=10, suffix=self.tr(" min"))
        form = QFormLayout(self)
        form.addRow(self.tr("Body"), self.body)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Time"), self.when)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Chair"), self.chair)
        form.addRow(self.tr("Recorder"), self.recorder)
        form.addRow(self.tr("Planned length"), self.minutes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        start = meeting.starts_at if meeting else dt.datetime.combine(clock.today() + dt.timedelta(days=7),
                                                                      dt.time(14, 30))
        self.when.setDateTime(QDateTime(start))
        self.minutes.setValue(meeting.planned_minutes if meeting else 90)
        if meeting:
            self.kind.setCurrentIndex(self.kind.findData(meeting.kind))
            self.title_edit.setText(meeting.title)
            self.place.setText(meeting.place)
            self.chair.setText(meeting.chair)
            self.recorder.setText(meeting.recorder)

    def _body_changed(self) -> None:
        kept = self.kind.currentData()
        self.kind.clear()
        for code in bodies.meeting_kinds(self.body_kinds.get(self.body.currentData(), "street_committee")):
            self.kind.addItem(kind_name(code), code)
        if kept is not None and self.kind.findData(kept) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(kept))

    def body_id(self) -> int | None:
        return self.body.currentData()

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind.currentData(), "title": self.title_edit.text(),
                "starts_at": self.when.dateTime().toPython().replace(second=0, microsecond=0),
                "place": self.place.text(), "chair": self.chair.text(), "recorder": self.recorder.text(),
                "planned_minutes": self.minutes.value()}


@dataclass(frozen=True)
class MeetingsData:
    meetings: list[mt.MeetingListRow]
    detail: mt.MeetingDetail | None
    proposals: list[mt.ProposalInfo]
    bodies: tuple[bodies.BodyInfo, ...] = ()
    body_id: int | None = None  # the body the list shows (None: every body)


#: the body filter before the first load: the street committee's meetings
STREET_COMMITTEE = -1


class MeetingsPage(Page):
    key = "meetings"
    tables = ("meeting", "agenda_item", "topic_proposal", "resolution", "agenda_item_case", "meeting_body")

    def title(self) -> str:
        return self.tr("Meetings")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.selected_id: int | None = None
        self.body_filter: int | None = STREET_COMMITTEE  # a body's id; None: every body
        self.data: MeetingsData | None = None
        self.rooms: list[MeetingRoom] = []
        heading = QLabel(self.title(), objectName="pageTitle")
        self.message = QLabel("", objectName="pageSubtitle")
        self.message.setWordWrap(True)

        self.list_model = MeetingListModel(self)
        self.list_view = QTableView()
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.verticalHeader().hide()
        # date, status and count as wide as their text; the title takes the rest (full text in its tooltip)
        _fit_columns(self.list_view, stretch=2)
        self.list_view.clicked.connect(self._select_row)
        new_button = QPushButton(self.tr("New meeting…"))
        new_button.clicked.connect(self.new_meeting)
        self.body_combo = QComboBox()
        self.body_combo.setToolTip(self.tr("Show the meetings of one body (议事机构) or of all"))
        self.body_combo.activated.connect(self._body_chosen)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Body")))
        top.addWidget(self.body_combo, 1)
        top.addWidget(new_button)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(top)
        lv.addWidget(self.list_view, 1)

        self.detail_label = QLabel("", objectName="meetingDetail")
        self.detail_label.setWordWrap(True)
        self.total_label = QLabel("", objectName="agendaTotal")
        self.agenda_model = AgendaModel(self)
        self.agenda_model.order_changed.connect(self._reorder)
        self.agenda_view = QTableView()
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda_view.setDragEnabled(True)
        self.agenda_view.setAcceptDrops(True)
        self.agenda_view.setDropIndicatorShown(True)
        self.agenda_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda_view.verticalHeader().hide()
        _fit_columns(self.agenda_view, stretch=1)
        self.agenda_view.clicked.connect(self._item_selected)

        # item editor
        self.item_title = QLineEdit()
        self.item_kind = QComboBox()
        for code in mt.AGENDA_KINDS:
            self.item_kind.addItem(item_kind_name(code), code)
        self.item_minutes = QSpinBox(minimum=1, maximum=600, suffix=self.tr(" min"))
        self.item_minutes.setValue(15)
        self.case_search = QLineEdit(placeholderText=self.tr("Case number or title"))
        self.case_search.returnPressed.connect(self.search_cases)
        self.case_results = QListWidget()
        self.linked_cases = QListWidget()
        self.case_results.itemDoubleClicked.connect(self._link_case)
        self.linked_cases.itemDoubleClicked.connect(lambda it: self.linked_cases.takeItem(self.linked_cases.row(it)))
        # compact, so that the agenda shows at least 8 items at 1366×768: title, kind and minutes on
        # one line; the case search, its results and the linked cases side by side
        editor = QFormLayout()
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.item_title, 3)
        kind_row.addWidget(self.item_kind, 2)
        kind_row.addWidget(self.item_minutes, 1)
        editor.addRow(self.tr("Item title"), kind_row)
        self.case_search.setToolTip(self.tr("Results (double-click to link)"))
        found = QVBoxLayout()
        found.addWidget(self.case_search)
        found.addWidget(self.case_results)
        linked = QVBoxLayout()
        linked.addWidget(QLabel(self.tr("Linked cases (double-click to remove)")))
        linked.addWidget(self.linked_cases)
        cases_row = QHBoxLayout()
        cases_row.addLayout(found, 1)
        cases_row.addLayout(linked, 1)
        editor.addRow(self.tr("Find cases"), cases_row)
        for widget in (self.case_results, self.linked_cases):
            widget.setMaximumHeight(52)

        self.buttons: dict[str, QPushButton] = {}
        specs = [("add", self.tr("Add item"), self.add_item), ("save", self.tr("Save item"), self.save_item),
                 ("remove", self.tr("Remove"), self.remove_item), ("up", self.tr("Up"), lambda: self.move(-1)),
                 ("down", self.tr("Down"), lambda: self.move(1)),
                 ("follow", self.tr("Generate follow-up items"), self.generate_follow_up),
                 ("lock", self.tr("Lock agenda"), self.toggle_lock), ("edit", self.tr("Edit meeting…"), self.edit_meeting),
                 ("paper", self.tr("Notice, sign-in sheet…"), lambda: None),
                 ("start", self.tr("Start meeting (开始会议)"), self.start_meeting)]
        for key, text, slot in specs:
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
        self.buttons["start"].setObjectName("primaryButton")
        paper_menu = QMenu(self.buttons["paper"])
        for text, slot in ((self.tr("Notice as PDF…"), lambda: self.export_notice("pdf")),
                           (self.tr("Notice as DOCX…"), lambda: self.export_notice("docx")),
                           (self.tr("Notice as xlsx…"), lambda: self.export_notice("xlsx")),
                           (self.tr("Print preview of the notice…"), lambda: self.preview_paper("notice")),
                           (self.tr("Sign-in sheet as PDF…"), lambda: self.export_notice("pdf", document="signin")),
                           (self.tr("Sign-in sheet as DOCX…"), lambda: self.export_notice("docx", document="signin")),
                           (self.tr("Print preview of the sign-in sheet…"), lambda: self.preview_paper("signin"))):
            paper_menu.addAction(text, slot)
        self.buttons["paper"].setMenu(paper_menu)
        row1 = QHBoxLayout()
        for key in ("add", "save", "remove", "up", "down", "follow"):
            row1.addWidget(self.buttons[key])
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for key in ("edit", "lock", "paper"):
            row2.addWidget(self.buttons[key])
        row2.addWidget(self.total_label, 1)  # beside the buttons: the agenda keeps the height
        row2.addWidget(self.buttons["start"])

        agenda_tab = QWidget()
        av = QVBoxLayout(agenda_tab)
        av.addWidget(self.agenda_view, 3)
        av.addLayout(row1)
        av.addLayout(editor)

        self.proposal_list = QListWidget()
        decide = QHBoxLayout()
        for decision, text in (("accepted", self.tr("Put on the agenda")), ("deferred", self.tr("Defer")),
                               ("rejected", self.tr("Reject"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, d=decision: self.decide(d))
            decide.addWidget(button)
        decide.addStretch(1)
        proposals_tab = QWidget()
        pv = QVBoxLayout(proposals_tab)
        pv.addWidget(self.proposal_list, 1)
        pv.addLayout(decide)

        self.tabs = QTabWidget()
        self.tabs.addTab(agenda_tab, self.tr("Agenda (议程)"))
        self.tabs.addTab(proposals_tab, self.tr("Topic proposals (议题征集)"))
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.detail_label)
        rv.addLayout(row2)
        rv.addWidget(self.tabs, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([580, 740])  # at 1366×768 the list shows full dates and titles
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        selected, body = self.selected_id, self.body_filter
        DbOp(self, lambda s: self._load(s, selected, body)).success(self._loaded).failure(self._failed).run()

    def load(self, session: Session) -> MeetingsData:
        return self._load(session, self.selected_id, self.body_filter)

    def _load(self, session: Session, selected: int | None, body_id: int | None) -> MeetingsData:
        body_list = tuple(bodies.list_bodies(session))
        if body_id == STREET_COMMITTEE:
            body_id = next((b.id for b in body_list if b.kind == "street_committee"), None)
        rows = mt.list_meetings(session, body_id)
        ids = [r.meeting.id for r in rows]
        if selected not in ids:
            now = clock.now()
            upcoming = [r for r in rows if r.meeting.starts_at >= now or r.meeting.status in ("planned",
                                                                                               "agenda_locked")]
            selected = upcoming[-1].meeting.id if upcoming else (ids[0] if ids else None)
        detail = mt.meeting_detail(session, selected) if selected is not None else None
        proposals = mt.list_proposals(session, selected) if selected is not None else []
        return MeetingsData(rows, detail, proposals, body_list, body_id)

    def show_data(self, data: MeetingsData) -> None:
        self.data = data
        self.body_filter = data.body_id
        self.body_combo.clear()
        self.body_combo.addItem(self.tr("All bodies"), None)
        for b in data.bodies:
            self.body_combo.addItem(self.tr("{0} ({1} meetings)").format(b.name, b.meetings), b.id)
        self.body_combo.setCurrentIndex(max(0, self.body_combo.findData(data.body_id)))
        self.list_model.set_rows(data.meetings)
        self.list_view.setColumnHidden(1, data.body_id is not None)  # one body's meetings: its name once, above
        detail = data.detail
        self.selected_id = detail.meeting.id if detail else None
        for row, r in enumerate(data.meetings):
            if detail and r.meeting.id == detail.meeting.id:
                self.list_view.selectRow(row)
        if detail is None:
            self.detail_label.setText(self.tr("No meetings yet: create one with “New meeting…”."))
            self.agenda_model.set_items([], False)
            return
        m = detail.meeting
        self.detail_label.setText(self.tr("{0}\n{7} · {1} · {2} · {3}\nChair: {4} · Recorder: {5} · {6}").format(
            m.title, kind_name(m.kind), format_datetime(m.starts_at), m.place or "—", m.chair or "—",
            m.recorder or "—", meeting_status_name(m.status), m.body_name))
        self.agenda_model.set_items(list(detail.items), detail.editable)
        self.total_label.setText(self.tr("Planned {0} of {1} minutes").format(detail.agenda_minutes,
                                                                            m.planned_minutes)
                                 + (self.tr(" — over the planned length") if detail.over_length else ""))
        self.total_label.setProperty("tone", "bad" if detail.over_length else "normal")
        self.total_label.style().unpolish(self.total_label)
        self.total_label.style().polish(self.total_label)
        for key in ("add", "save", "remove", "up", "down", "follow"):
            self.buttons[key].setEnabled(detail.editable)
        self.buttons["lock"].setText(self.tr("Unlock agenda") if m.status == "agenda_locked"
                                     else self.tr("Lock agenda"))
        self.buttons["lock"].setEnabled(m.status in ("planned", "agenda_locked"))
        self.buttons["start"].setText(self.tr("Open meeting room") if m.status in mt.FINISHED_STATUSES + (
            "in_progress",) else self.tr("Start meeting (开始会议)"))
        self.proposal_list.clear()
        for p in data.proposals:
            source = p.unit_name or p.proposed_by
            if p.case_number:
                source += self.tr(" · case {0}").format(p.case_number)
            entry = QListWidgetItem(self.tr("[{0}] {1} — {2}").format(self._proposal_status(p.status), p.title,
                                                                      source))
            entry.setData(Qt.ItemDataRole.UserRole, p.id)
            self.proposal_list.addItem(entry)

    def _proposal_status(self, status: str) -> str:
        return {"proposed": self.tr("new"), "accepted": self.tr("on agenda"), "rejected": self.tr("rejected"),
                "deferred": self.tr("deferred")}.get(status, status)

    def _body_chosen(self, _index: int) -> None:
        self.body_filter = self.body_combo.currentData()
        self.selected_id = None
        self.refresh()

    def _select_row(self, index: QModelIndex) -> None:
        self.selected_id = self.list_model.record(index.row()).meeting.id
        self.refresh()

    def _item_selected(self, index: QModelIndex) -> None:
        item = self.agenda_model.record(index.row())
        self.item_title.setText(item.title)
        self.item_kind.setCurrentIndex(self.item_kind.findData(item.kind))
        self.item_minutes.setValue(item.planned_minutes)
        self.linked_cases.clear()
        for case_id, number in zip(item.case_ids, item.case_numbers, strict=True):
            entry = QListWidgetItem(number)
            entry.setData(Qt.ItemDataRole.UserRole, case_id)
            self.linked_cases.addItem(entry)

    def selected_item(self) -> mt.AgendaItemInfo | None:
        rows = self.agenda_view.selectionModel().selectedRows()
        return self.agenda_model.record(rows[0].row()) if rows else None

    # ------------------------------------------------------------------ writes

    def _write(self, fn: Any, *, done: Any = None) -> None:
        DbWrite(self, fn).success(
            done or (lambda _: self.message.setText(""))).failure(
            lambda e: (self.message.setText(describe(e)), self.refresh())).run()

    def new_meeting(self) -> None:
        data = self.data
        dialog = MeetingDialog(self, body_list=data.bodies if data else (), body_id=data.body_id if data else None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values, body_id = dialog.values(), dialog.body_id()
            self._write(lambda s: mt.create_meeting(s, body_id=body_id, **values),
                        done=lambda info: setattr(self, "selected_id", info.id))

    def edit_meeting(self) -> None:
        if not self.data or not self.data.detail:
            return
        meeting = self.data.detail.meeting
        dialog = MeetingDialog(self, meeting, body_list=self.data.bodies)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            self._write(lambda s: mt.update_meeting(s, meeting.id, meeting.version, **values))

    def _linked_ids(self) -> list[int]:
        return [self.linked_cases.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.linked_cases.count())]

    def add_item(self) -> None:
        if self.selected_id is None:
            return
        meeting_id, title, kind = self.selected_id, self.item_title.text(), self.item_kind.currentData()
        minutes, cases = self.item_minutes.value(), self._linked_ids()
        self._write(lambda s: mt.add_item(s, meeting_id, title=title, kind=kind, planned_minutes=minutes,
                                          case_ids=cases))

    def save_item(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        title, kind, minutes, cases = (self.item_title.text(), self.item_kind.currentData(),
                                       self.item_minutes.value(), self._linked_ids())
        self._write(lambda s: mt.update_item(s, item.id, title=title, kind=kind, planned_minutes=minutes,
                                             unit_id=item.unit_id, pairing_id=item.pairing_id, case_ids=cases))

    def remove_item(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._write(lambda s: mt.remove_item(s, item.id))

    def move(self, offset: int) -> None:
        item = self.selected_item()
        if item is None:
            return
        row = self.agenda_model.rows().index(item)
        target = row + offset + (1 if offset > 0 else 0)
        self.agenda_model.move(row, target)
        self.agenda_view.selectRow(max(0, min(self.agenda_model.rowCount() - 1, row + offset)))

    def _reorder(self, ids: list[int]) -> None:
        meeting_id = self.selected_id
        self._write(lambda s: mt.reorder_items(s, meeting_id, ids))

    def generate_follow_up(self) -> None:
        meeting_id = self.selected_id
        template = self.tr("{unit}: follow-up of {count} resolutions ({overdue} overdue)")
        self._write(lambda s: mt.generate_follow_up_items(s, meeting_id, title_format=template),
                    done=lambda items: self.message.setText(
                        self.tr("Added %n follow-up item(s).", "", len(items))))

    def toggle_lock(self) -> None:
        if not self.data or not self.data.detail:
            return
        meeting = self.data.detail.meeting
        fn = mt.unlock_agenda if meeting.status == "agenda_locked" else mt.lock_agenda
        self._write(lambda s: fn(s, meeting.id))

    def search_cases(self) -> None:
        text = self.case_search.text()

        def show(options: list[mt.CaseOption]) -> None:
            self.case_results.clear()
            for o in options:
                entry = QListWidgetItem(f"{o.case_number} {o.title}")
                entry.setData(Qt.ItemDataRole.UserRole, o.id)
                entry.setData(Qt.ItemDataRole.UserRole + 1, o.case_number)
                self.case_results.addItem(entry)

        DbOp(self, lambda s: mt.search_cases(s, text)).success(show).run()

    def _link_case(self, found: QListWidgetItem) -> None:
        case_id = found.data(Qt.ItemDataRole.UserRole)
        if case_id not in self._linked_ids():
            entry = QListWidgetItem(found.data(Qt.ItemDataRole.UserRole + 1))
            entry.setData(Qt.ItemDataRole.UserRole, case_id)
            self.linked_cases.addItem(entry)

    def decide(self, decision: str) -> None:
        entry = self.proposal_list.currentItem()
        if entry is None or self.selected_id is None:
            return
        proposal_id, meeting_id = entry.data(Qt.ItemDataRole.UserRole), self.selected_id
        self._write(lambda s: mt.decide_proposal(s, proposal_id, decision, meeting_id))

    def export_notice(self, fmt: str, path: str | None = None, document: str = "notice") -> None:
        """Write the notice (PDF, DOCX, xlsx) or the sign-in sheet (``document`` "signin"; PDF, DOCX):
        the paper is read on the worker (the body's members), the file written when it arrives."""
        if not self.data or not self.data.detail:
            return
        detail = self.data.detail
        if path is None:
            suffix = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)", "xlsx": "Excel (*.xlsx)"}[fmt]
            name = detail.meeting.title + (self.tr(" sign-in sheet") if document == "signin" else "")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the agenda notice"), f"{name}.{fmt}", suffix)
            if not path:
                return
        if fmt == "xlsx":
            self._write_paper(lambda: write_notice_xlsx(detail, Path(path)), path)
            return
        meeting_id = detail.meeting.id
        DbOp(self, lambda s: meeting_paper(s, meeting_id)).success(
            lambda paper: self._write_paper(lambda: write_paper(document, fmt, paper, Path(path)), path)).run()

    def _write_paper(self, write: Callable[[], None], path: str) -> None:
        try:
            write()
        except OSError:
            self.message.setText(self.tr("Cannot write {0}; choose a folder you can write to.").format(path))
            return
        self.message.setText(self.tr("Wrote {0}.").format(path))

    def preview_paper(self, document: str) -> None:
        """The print preview of the notice or the sign-in sheet (QPrintPreviewDialog)."""
        if not self.data or not self.data.detail:
            return
        meeting_id = self.data.detail.meeting.id
        DbOp(self, lambda s: meeting_paper(s, meeting_id)).success(
            lambda paper: preview_paper(self, document, paper)).run()

    def start_meeting(self) -> MeetingRoom | None:
        if not self.data or not self.data.detail:
            return None
        m = self.data.detail.meeting
        room = MeetingRoom(m.id, start=m.status in ("planned", "agenda_locked"))
        room.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        room.destroyed.connect(lambda *_: self.rooms.remove(room) if room in self.rooms else None)
        self.rooms.append(room)
        room.show()
        room.refresh()
        return room
