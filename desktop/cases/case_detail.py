"""The case detail panel: fields, the full event timeline, the state machine's allowed actions as
buttons (reason and new deadline where needed), the 督办 flag and "propose for the next meeting".

Every write goes through DbOp to a db/cases/services.py service, which refuses what the state machine
refuses; the panel only shows what the ``case_transition`` table allows from the case's state.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.cases import queries as cases_queries
from db.cases import services as cases
from db.cases.queries import CaseDetail
from db.cases.states import IllegalTransition
from db.core import clock
from db.core.versioning import ConflictError
from desktop.cases.texts import action_label, source_label, state_label
from desktop.core.dbop import DbOp, DbWrite
from desktop.core.formatting import date_edit_format, format_date, format_datetime
from desktop.core.messages import describe
from widgets.column_table import Column, ColumnTableModel


class CaseDetailPanel(QWidget):
    case_changed = Signal(int)  # after a write committed
    message_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.detail: CaseDetail | None = None
        self.heading = QLabel(self.tr("Choose a case in the list to see its record."), objectName="detailTitle")
        self.heading.setWordWrap(True)
        self.fields = QFormLayout()
        self.fields.setVerticalSpacing(4)
        self._values: dict[str, QLabel] = {}
        for key, label in (
            ("state", self.tr("State")),
            ("where", self.tr("Where")),
            ("category", self.tr("Category")),
            ("unit", self.tr("Handling unit")),
            ("source", self.tr("Source")),
            ("reported", self.tr("Reported")),
            ("deadline", self.tr("Deadline")),
            ("closed", self.tr("Closed")),
            ("counts", self.tr("Extensions / returns")),
            ("satisfaction", self.tr("Satisfaction")),
            ("description", self.tr("Description")),
        ):
            value = QLabel("", objectName=f"detail_{key}")
            value.setWordWrap(True)
            self.fields.addRow(label, value)
            self._values[key] = value

        self.timeline_model = ColumnTableModel([  # the case's events (db.cases EventRow)
            Column(self.tr("When"), lambda e: format_datetime(e.at)),
            Column(self.tr("Who"), lambda e: e.actor),
            Column(self.tr("What"), lambda e: action_label(e.action)),
            Column(self.tr("Note"), lambda e: e.note),
        ], self)
        self.timeline = QTableView(self, objectName="timeline")
        self.timeline.setModel(self.timeline_model)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.verticalHeader().hide()
        self.timeline.setMinimumHeight(140)

        self.reason = QLineEdit(self, objectName="reason")
        self.reason.setPlaceholderText(self.tr("Reason or note (required where marked *)"))
        self.new_deadline = QDateTimeEdit(self, objectName="newDeadline")
        self.new_deadline.setCalendarPopup(True)
        self.new_deadline.setDisplayFormat(date_edit_format(with_time=True))
        self.satisfaction = QComboBox(self, objectName="satisfaction")
        for score in range(5, 0, -1):
            self.satisfaction.addItem(self.tr("Satisfaction {0}").format(score), score)
        self.buttons_row = QHBoxLayout()
        self.buttons_row.setSpacing(6)
        self.action_buttons: dict[str, QPushButton] = {}
        self.supervise = QCheckBox(self.tr("Supervised (督办)"), self, objectName="supervise")
        self.supervise.clicked.connect(self._toggle_supervised)
        self.propose = QPushButton(self.tr("Propose for the next meeting"), self, objectName="propose")
        self.propose.clicked.connect(self._propose)
        self.message = QLabel("", objectName="detailMessage")
        self.message.setWordWrap(True)

        self.new_deadline_label = QLabel(self.tr("New deadline"))
        extras = QHBoxLayout()
        extras.addWidget(self.new_deadline_label)
        extras.addWidget(self.new_deadline)
        extras.addWidget(self.satisfaction)
        extras.addStretch(1)
        flags = QHBoxLayout()
        flags.addWidget(self.supervise)
        flags.addStretch(1)
        flags.addWidget(self.propose)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.fields)
        layout.addWidget(QLabel(self.tr("Handling record"), objectName="sectionTitle"))
        layout.addWidget(self.timeline, 1)
        layout.addWidget(QLabel(self.tr("Next steps"), objectName="sectionTitle"))
        layout.addLayout(self.buttons_row)
        layout.addWidget(self.reason)
        layout.addLayout(extras)
        layout.addLayout(flags)
        layout.addWidget(self.message)
        self.set_detail(None)

    # ------------------------------------------------------------------ showing

    def load(self, case_id: int) -> None:
        DbOp(self, lambda s: cases_queries.case_detail(s, case_id)).success(self.set_detail).failure(self._failed).run()

    def set_detail(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        enabled = detail is not None
        for w in (self.reason, self.supervise, self.propose, self.timeline):
            w.setEnabled(enabled)
        for button in self.action_buttons.values():
            button.deleteLater()
        self.action_buttons = {}
        if detail is None:
            self.timeline_model.set_rows([])
            self.new_deadline.setVisible(False)
            self.new_deadline_label.setVisible(False)
            self.satisfaction.setVisible(False)
            return
        r = detail.row
        self.heading.setText(f"{r.case_number}  {r.title}")
        where = " · ".join(x for x in (r.community, detail.grid, r.address) if x)
        values = {
            "state": state_label(r.state) + (self.tr(" (on hold since {0})").format(
                format_datetime(detail.hold_started_at)) if detail.hold_started_at else ""),
            "where": where,
            "category": " · ".join(x for x in (r.major, r.minor) if x),
            "unit": r.unit,
            "source": source_label(r.source) + (f" · {detail.reporter_name}" if detail.reporter_name else ""),
            "reported": format_datetime(r.reported_at),
            "deadline": format_datetime(r.deadline_at) if r.deadline_at else "",
            "closed": format_datetime(r.closed_at) if r.closed_at else "",
            "counts": f"{detail.extension_count} / {detail.return_count}",
            "satisfaction": str(detail.satisfaction) if detail.satisfaction else "—",
            "description": detail.description,
        }
        for key, text in values.items():
            self._values[key].setText(text)
        self.timeline_model.set_rows(detail.events)
        self.timeline.scrollToBottom()
        for t in detail.transitions:
            text = action_label(t.action) + (" *" if t.needs_reason else "")
            button = QPushButton(text, self, objectName=f"action_{t.action}")
            button.setToolTip(self.tr("Moves the case to: {0}").format(state_label(t.to_state)))
            button.clicked.connect(lambda _=False, a=t.action: self.apply(a))
            self.buttons_row.addWidget(button)
            self.action_buttons[t.action] = button
        actions = {t.action for t in detail.transitions}
        self.new_deadline.setVisible("extend" in actions)
        self.new_deadline_label.setVisible("extend" in actions)
        if "extend" in actions:
            base = r.deadline_at or clock.now()
            self.new_deadline.setDateTime(QDateTime(base + dt.timedelta(days=7)))
        self.satisfaction.setVisible("return_visit" in actions)
        self.supervise.setChecked(r.supervised)
        self.propose.setToolTip(self.tr("Already proposed %n time(s)", "", detail.proposals))

    # ------------------------------------------------------------------ writing

    def apply(self, action: str) -> None:
        detail = self.detail
        if detail is None:
            return
        note = self.reason.text()
        deadline = self.new_deadline.dateTime().toPython() if action == "extend" else None
        satisfaction = self.satisfaction.currentData() if action == "return_visit" else None
        self._write(lambda s: cases.transition_case(
            s, detail.row.id, action, expected_version=detail.version, note=note, new_deadline=deadline,
            satisfaction=satisfaction))

    def _toggle_supervised(self, checked: bool) -> None:
        detail = self.detail
        if detail is None:
            return
        note = self.reason.text()
        self._write(lambda s: cases.set_supervised(s, detail.row.id, checked, expected_version=detail.version,
                                                   note=note))

    def _propose(self) -> None:
        detail = self.detail
        if detail is None:
            return
        note = self.reason.text()
        case_id = detail.row.id

        def work(s):
            proposal = cases.propose_for_meeting(s, case_id, note=note)
            return proposal, cases_queries.case_detail(s, case_id)

        DbWrite(self, work).success(
            self._proposed).failure(self._failed).run()

    def _proposed(self, result: tuple[cases_queries.Proposal, CaseDetail]) -> None:
        proposal, detail = result
        self.set_detail(detail)
        self.reason.clear()
        if proposal.meeting_starts_at is not None:
            self._say(self.tr("Proposed as a topic for {0} on {1}.").format(
                proposal.meeting_title, format_date(proposal.meeting_starts_at.date())))
        else:
            self._say(self.tr("Proposed as a topic; no meeting is planned yet, so it waits for the next one."))
        self.case_changed.emit(detail.row.id)

    def _write(self, fn) -> None:
        DbWrite(self, fn).success(self._written).failure(self._failed).run()

    def _written(self, detail: CaseDetail) -> None:
        self.reason.clear()
        self.set_detail(detail)
        self._say(self.tr("Saved."))
        self.case_changed.emit(detail.row.id)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, IllegalTransition):
            if error.missing_reason and error.action == "extend":
                self._say(self.tr("An extension needs a reason and a new deadline later than the current one."))
            elif error.missing_reason:
                self._say(self.tr("This step needs a reason: write it in the box above and try again."))
            else:
                self._say(self.tr("This step is not allowed from the case's current state; nothing was changed."))
            return
        if isinstance(error, ConflictError) and self.detail is not None:
            self._say(self.tr("Someone else changed this case meanwhile; it has been reloaded, check and try again."))
            case_id = self.detail.row.id
            DbOp(self, lambda s: cases_queries.case_detail(s, case_id)).success(self.set_detail).run()
            return
        self._say(describe(error))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message_shown.emit(text)
