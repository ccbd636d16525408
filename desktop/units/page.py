"""Resident units (驻区单位): roster and profile, the three lists, the participation scorecard.

The page answers two of the secretary's questions at the top, from one query each:
member units that came to none of the last three meetings
(:func:`db.units.member_units_missing_meetings`) and projects nobody claimed
(:func:`db.units.unclaimed_projects`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QDate, QItemSelection, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.units import lists as units
from db.units import profile as units_profile
from db.units import roster as units_roster
from db.units import scoring as units_scoring
from db.units.importing import UNIT_SPEC
from db.units.lists import ProjectRow
from db.units.profile import UnitProfile
from db.units.roster import Choice, MissedMeetings, RosterFilter, UnitRow
from desktop.core.dbop import Changes, DbExecutor, DbOp
from desktop.core.formatting import date_edit_format, format_count, format_date, format_percent
from desktop.core.page import Page
from desktop.imports.wizard import ImportWizard
from desktop.units.texts import (
    GOOD_TEXT,
    OVERDUE_TEXT,
    attendance_name,
    compact_combos,
    describe_input_error,
    kind_name,
    measure_name,
    month_name,
    need_status_name,
    number,
    optional_date,
    project_status_name,
    resource_status_name,
    settle_layouts,
    setup_table,
)
from widgets.column_table import SORT_ROLE, Column, ColumnTableModel
from widgets.heatmap import HeatmapView

RIGHT = Qt.AlignmentFlag.AlignRight


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
LIST_TABLES = ("need", "resource", "resource_use", "project", "project_claim")
SCORE_TABLES = ("score_scheme", "score_weight")


@dataclass(frozen=True)
class ListsData:
    needs: list[units.NeedRow]
    resources: list[units.ResourceRow]
    projects: list[ProjectRow]
    claims: list[units.ClaimRow]
    matching: units.Matching


@dataclass(frozen=True)
class ScoreData:
    year: int
    years: list[int]
    measure: str
    scorecard: units_scoring.Scorecard
    heatmap: units_scoring.Heatmap
    editable_scheme: units_scoring.Scheme | None  # the scheme in force this year (what the editor shows)
    this_year: int


@dataclass(frozen=True)
class UnitsData:
    now: dt.datetime
    roster: list[UnitRow]
    communities: list[Choice]
    units: list[Choice]
    missing: MissedMeetings
    profile: UnitProfile | None
    lists: ListsData
    score: ScoreData


def _load_lists(session: Session) -> ListsData:
    return ListsData(units.needs(session), units.resources(session), units.projects(session), units.claims(session),
                     units.matching(session))


def _load_score(session: Session, year: int | None, measure: str, today: dt.date) -> ScoreData:
    years = units_scoring.score_years(session, today)
    year = year if year in years else today.year
    return ScoreData(year, years, measure, units_scoring.scorecard(session, year, today),
                     units_scoring.measure_heatmap(session, year, measure, today), units_scoring.scheme_for_year(session, today.year),
                     today.year)


def _proxy(model: ColumnTableModel, view: QTableView) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view.setModel(proxy)
    return proxy


def _selected_record(view: QTableView, model: ColumnTableModel) -> object | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    proxy = view.model()
    source = proxy.mapToSource(rows[0]) if isinstance(proxy, QSortFilterProxyModel) else rows[0]
    return model.record(source.row()) if source.isValid() else None


def _date_edit(parent: QWidget, fmt: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(fmt)
    edit.setDate(QDate.currentDate())
    return edit


def _fill_choices(combo: QComboBox, choices: list[Choice], none_text: str | None = None) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for c in choices:
        combo.addItem(c.name, c.id)
    index = combo.findData(current)
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)


class UnitsPage(Page):
    roster_shown = Signal()  # a filter change reloaded the roster
    profile_shown = Signal()  # another unit's profile is on screen
    score_shown = Signal()  # another year or measure of the scorecard is on screen

    key = "units"
    tables = ("resident_unit", "member_unit", "liaison", "attendance", "meeting", "topic_proposal", "resolution",
              "dual_reporting", "serving_party_member", "service_record", "pairing", "annual_agreement",
              "agreement_item", *LIST_TABLES, *SCORE_TABLES)

    def title(self) -> str:
        return self.tr("Resident units")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        #: what "now" is for the figures (tests pin it)
        self.clock: Callable[[], dt.datetime] = _now
        self._filter = RosterFilter()
        self._selected_id: int | None = None
        self._year: int | None = None
        self._measure = "attendance"
        self._data: UnitsData | None = None
        self._filter_timer = QTimer(self, singleShot=True, interval=250)
        self._filter_timer.timeout.connect(self._reload_roster)
        date_format = date_edit_format()

        heading = QLabel(self.title(), objectName="pageTitle")
        self._as_of = QLabel("", objectName="pageSubtitle")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self._as_of)

        # --- the two answers
        self.missing_label = QLabel("", objectName="alertText")
        self.missing_label.setWordWrap(True)
        self.unclaimed_label = QLabel("", objectName="alertText")
        self.unclaimed_label.setWordWrap(True)
        self.unclaimed_button = QPushButton(self.tr("Show matching view"))
        self.unclaimed_button.clicked.connect(self.show_matching)
        alerts = QFrame(objectName="alertStrip")
        alerts.setStyleSheet("QFrame#alertStrip { background: #FFF8E6; border: 1px solid #F0D9A8; border-radius: 6px; }")
        alert_layout = QGridLayout(alerts)
        alert_layout.setContentsMargins(12, 8, 12, 8)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(18, 18)
        for row in (0, 1):
            icon = QLabel()
            icon.setPixmap(warning)
            alert_layout.addWidget(icon, row, 0, Qt.AlignmentFlag.AlignTop)
        alert_layout.addWidget(self.missing_label, 0, 1, 1, 2)
        alert_layout.addWidget(self.unclaimed_label, 1, 1)
        alert_layout.addWidget(self.unclaimed_button, 1, 2, Qt.AlignmentFlag.AlignRight)
        alert_layout.setColumnStretch(1, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_roster_tab(), self.tr("Roster"))
        self.tabs.addTab(self._build_lists_tab(date_format), self.tr("Three lists"))
        self.tabs.addTab(self._build_score_tab(), self.tr("Participation scorecard"))

        self.message = QLabel("", objectName="formMessage")
        self.message.setWordWrap(True)
        compact_combos(self.kind_filter, self.member_filter, self.community_filter, self.need_community,
                       self.resource_unit, self.use_project, self.project_need, self.project_community,
                       self.claim_unit, self.year_combo, self.measure_combo)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(alerts)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

    # ------------------------------------------------------------------ building: roster

    def _build_roster_tab(self) -> QWidget:
        tab = QWidget()
        self.search = QLineEdit(placeholderText=self.tr("Search name, party organisation, contact, address"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in ("school", "hospital", "police", "state_firm", "company", "property", "agency", "social_org",
                     "municipal", "other"):
            self.kind_filter.addItem(kind_name(kind), kind)
        self.member_filter = QComboBox()
        self.member_filter.addItem(self.tr("Members and others"), None)
        self.member_filter.addItem(self.tr("Member units this term"), True)
        self.member_filter.addItem(self.tr("Not member units"), False)
        self.community_filter = QComboBox()
        self.community_filter.addItem(self.tr("All communities"), None)
        for combo in (self.kind_filter, self.member_filter, self.community_filter):
            combo.currentIndexChanged.connect(lambda _i: self._filter_timer.start())
        self.roster_count = QLabel("")
        self.import_button = QPushButton(self.tr("Import units…"))
        self.import_button.clicked.connect(self.open_import_wizard)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.member_filter)
        filters.addWidget(self.community_filter)
        filters.addWidget(self.roster_count)
        filters.addWidget(self.import_button)

        self.roster_model = ColumnTableModel([
            Column(self.tr("Unit"), lambda r: r.name),
            Column(self.tr("Kind"), lambda r: kind_name(r.kind)),
            Column(self.tr("Member unit"), lambda r: self.tr("Yes") if r.is_member else "",
                   foreground=lambda r: GOOD_TEXT if r.is_member else None),
            Column(self.tr("Party organisation"), lambda r: r.party_org),
            Column(self.tr("Community"), lambda r: r.community),
            Column(self.tr("Liaison"), lambda r: " ".join(x for x in (r.liaison, r.liaison_phone) if x)),
            Column(self.tr("Contact"), lambda r: " ".join(x for x in (r.contact_person, r.contact_phone) if x)),
        ], self)
        self.roster_view = QTableView()
        _proxy(self.roster_model, self.roster_view)
        setup_table(self.roster_view, stretch_column=0)
        self.roster_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.roster_view.setColumnWidth(0, 280)
        self.roster_view.selectionModel().selectionChanged.connect(self._roster_selection_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.roster_view)
        splitter.addWidget(self._build_profile())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        return tab

    def _build_profile(self) -> QWidget:
        panel = QWidget(objectName="unitProfile")
        self.profile_name = QLabel("", objectName="profileName")
        self.profile_name.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.profile_name.setWordWrap(True)
        self.profile_meta = QLabel("")
        self.profile_meta.setWordWrap(True)
        self.profile_meta.setStyleSheet("color: #656D76;")
        self.profile_stats: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        specs = [
            ("attendance", self.tr("Meetings attended")),
            ("topics", self.tr("Topics proposed")),
            ("resolutions", self.tr("Resolutions it owns")),
            ("on_time", self.tr("On-time rate of its resolutions")),
            ("projects", self.tr("Projects claimed / delivered")),
            ("resources", self.tr("Resources offered / used")),
            ("reporting", self.tr("Dual reporting (双报到) to")),
            ("members", self.tr("Serving party members")),
        ]
        for i, (key, title) in enumerate(specs):
            name = QLabel(title)
            name.setStyleSheet("color: #656D76;")
            value = QLabel("—")
            value.setWordWrap(True)
            value.setStyleSheet("font-weight: bold;")
            grid.addWidget(name, i, 0)
            grid.addWidget(value, i, 1)
            self.profile_stats[key] = value
        grid.setColumnStretch(1, 1)

        self.profile_attendance = ColumnTableModel([
            Column(self.tr("Meeting"), lambda r: f"{format_date(r.starts_at.date())} {r.title}"),
            Column(self.tr("Sign-in"), lambda r: attendance_name(r.status) + (f"（{r.delegate}）" if r.delegate else ""),
                   foreground=lambda r: OVERDUE_TEXT if r.status == "absent" else None),
        ], self)
        self.profile_attendance_view = QTableView()
        self.profile_attendance_view.setModel(self.profile_attendance)
        setup_table(self.profile_attendance_view, stretch_column=0)
        self.profile_attendance_view.setSortingEnabled(False)
        self.profile_attendance_view.setFixedHeight(6 * 28 + 34)

        self.profile_members = ColumnTableModel([
            Column(self.tr("Party member"), lambda r: r.name),
            Column(self.tr("Registered with"), lambda r: r.community),
            Column(self.tr("Service hours"), lambda r: number(r.hours), RIGHT, sort_key=lambda r: r.hours),
        ], self)
        self.profile_members_view = QTableView()
        self.profile_members_view.setModel(self.profile_members)
        setup_table(self.profile_members_view, stretch_column=0)
        self.profile_members_view.setSortingEnabled(False)
        self.profile_members_view.setMinimumHeight(160)

        self.profile_pairings = ColumnTableModel([
            Column(self.tr("Paired community"), lambda r: r.community),
            Column(self.tr("Since"), lambda r: str(r.since_year), RIGHT),
            Column(self.tr("Items this year"), lambda r: format_count(r.items_total), RIGHT),
            Column(self.tr("Done"), lambda r: format_count(r.items_done), RIGHT),
            Column(self.tr("Overdue"), lambda r: format_count(r.items_overdue), RIGHT,
                   foreground=lambda r: OVERDUE_TEXT if r.items_overdue else None),
        ], self)
        self.profile_pairings_view = QTableView()
        self.profile_pairings_view.setModel(self.profile_pairings)
        setup_table(self.profile_pairings_view, stretch_column=0)
        self.profile_pairings_box = QGroupBox(self.tr("四联四定 pairings"))
        box_layout = QVBoxLayout(self.profile_pairings_box)
        box_layout.addWidget(self.profile_pairings_view)

        inner = QVBoxLayout(panel)
        inner.setContentsMargins(12, 4, 4, 4)
        inner.addWidget(self.profile_name)
        inner.addWidget(self.profile_meta)
        inner.addLayout(grid)
        inner.addWidget(QLabel(self.tr("Recent meetings")))
        inner.addWidget(self.profile_attendance_view)
        inner.addWidget(self.profile_pairings_box)
        inner.addWidget(QLabel(self.tr("Its serving party members and their service hours")))
        inner.addWidget(self.profile_members_view, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(panel)
        scroll.setMinimumWidth(380)
        return scroll

    # ------------------------------------------------------------------ building: three lists

    def _build_lists_tab(self, date_format: str) -> QWidget:
        self.lists_tabs = QTabWidget()

        # needs
        self.needs_model = ColumnTableModel([
            Column(self.tr("Need"), lambda r: r.title),
            Column(self.tr("Community"), lambda r: r.community),
            Column(self.tr("Category"), lambda r: r.category),
            Column(self.tr("Raised by"), lambda r: r.raised_by),
            Column(self.tr("Raised on"), lambda r: format_date(r.raised_on), sort_key=lambda r: r.raised_on),
            Column(self.tr("Status"), lambda r: need_status_name(r.status)),
            Column(self.tr("Projects"), lambda r: format_count(r.projects), RIGHT, sort_key=lambda r: r.projects),
        ], self)
        self.needs_view = QTableView()
        _proxy(self.needs_model, self.needs_view)
        setup_table(self.needs_view, stretch_column=0)
        self.need_title = QLineEdit(placeholderText=self.tr("What residents need"))
        self.need_community = QComboBox()
        self.need_category = QLineEdit(placeholderText=self.tr("Category"))
        self.need_date = _date_edit(self, date_format)
        self.need_add = QPushButton(self.tr("Record need"))
        self.need_add.clicked.connect(self.add_need)
        needs_tab = self._list_tab(self.needs_view, [self.need_title, self.need_community, self.need_category,
                                                     self.need_date, self.need_add])
        self.lists_tabs.addTab(needs_tab, self.tr("Needs"))

        # resources
        self.resources_model = ColumnTableModel([
            Column(self.tr("Resource"), lambda r: r.title),
            Column(self.tr("Offered by"), lambda r: r.unit),
            Column(self.tr("Category"), lambda r: r.category),
            Column(self.tr("Offered on"), lambda r: format_date(r.offered_on), sort_key=lambda r: r.offered_on),
            Column(self.tr("Status"), lambda r: resource_status_name(r.status)),
            Column(self.tr("Times used"), lambda r: format_count(r.uses), RIGHT, sort_key=lambda r: r.uses),
            Column(self.tr("Last used"), lambda r: optional_date(r.last_used),
                   sort_key=lambda r: r.last_used or dt.date.min),
        ], self)
        self.resources_view = QTableView()
        _proxy(self.resources_model, self.resources_view)
        setup_table(self.resources_view, stretch_column=0)
        self.resource_title = QLineEdit(placeholderText=self.tr("What the unit offers"))
        self.resource_unit = QComboBox()
        self.resource_category = QLineEdit(placeholderText=self.tr("Category"))
        self.resource_date = _date_edit(self, date_format)
        self.resource_add = QPushButton(self.tr("Record resource"))
        self.resource_add.clicked.connect(self.add_resource)
        self.use_project = QComboBox()
        self.use_date = _date_edit(self, date_format)
        self.use_add = QPushButton(self.tr("Record use of the selected resource"))
        self.use_add.clicked.connect(self.record_use)
        resources_tab = self._list_tab(
            self.resources_view,
            [self.resource_title, self.resource_unit, self.resource_category, self.resource_date, self.resource_add],
            [QLabel(self.tr("Used for")), self.use_project, self.use_date, self.use_add])
        self.lists_tabs.addTab(resources_tab, self.tr("Resources"))

        # projects, claims, delivery
        self.projects_model = ColumnTableModel([
            Column(self.tr("Project"), lambda r: r.title),
            Column(self.tr("Community"), lambda r: r.community),
            Column(self.tr("Published"), lambda r: format_date(r.published_on), sort_key=lambda r: r.published_on),
            Column(self.tr("Due"), lambda r: optional_date(r.due_on), sort_key=lambda r: r.due_on or dt.date.max),
            Column(self.tr("Status"), lambda r: project_status_name(r.status)),
            Column(self.tr("Claimed by"), lambda r: r.claimers or self.tr("nobody yet"),
                   foreground=lambda r: OVERDUE_TEXT if not r.claims and r.status != "cancelled" else None),
            Column(self.tr("Delivered"), lambda r: f"{r.delivered}/{r.claims}", RIGHT, sort_key=lambda r: r.delivered),
        ], self)
        self.projects_view = QTableView()
        _proxy(self.projects_model, self.projects_view)
        setup_table(self.projects_view, stretch_column=0)
        self.projects_view.selectionModel().selectionChanged.connect(self._project_selection_changed)
        self.project_title = QLineEdit(placeholderText=self.tr("Project title"))
        self.project_need = QComboBox()
        self.project_community = QComboBox()
        self.project_date = _date_edit(self, date_format)
        self.project_add = QPushButton(self.tr("Publish project"))
        self.project_add.clicked.connect(self.add_project)
        self.claim_unit = QComboBox()
        self.claim_date = _date_edit(self, date_format)
        self.claim_button = QPushButton(self.tr("Claim the selected project"))
        self.claim_button.clicked.connect(self.claim_selected)
        self.claims_model = ColumnTableModel([
            Column(self.tr("Claimed by"), lambda r: r.unit),
            Column(self.tr("Claimed on"), lambda r: format_date(r.claimed_on), sort_key=lambda r: r.claimed_on),
            Column(self.tr("Delivered on"), lambda r: optional_date(r.delivered_on)),
            Column(self.tr("Status"), lambda r: project_status_name(r.status)),
            Column(self.tr("Note"), lambda r: r.note),
        ], self)
        self.claims_view = QTableView()
        _proxy(self.claims_model, self.claims_view)
        setup_table(self.claims_view, stretch_column=0)
        self.claims_view.setMaximumHeight(150)
        self.deliver_date = _date_edit(self, date_format)
        self.deliver_note = QLineEdit(placeholderText=self.tr("Delivery note (evidence)"))
        self.deliver_button = QPushButton(self.tr("Report delivery of the selected claim"))
        self.deliver_button.clicked.connect(self.deliver_selected)
        projects_tab = self._list_tab(
            self.projects_view,
            [self.project_title, self.project_need, self.project_community, self.project_date, self.project_add],
            [QLabel(self.tr("Claim by")), self.claim_unit, self.claim_date, self.claim_button],
            extra=self.claims_view,
            more=[self.deliver_date, self.deliver_note, self.deliver_button])
        self.lists_tabs.addTab(projects_tab, self.tr("Projects"))

        # matching
        matching = QWidget()
        grid = QGridLayout(matching)
        self.match_needs = ColumnTableModel([
            Column(self.tr("Need"), lambda r: r.title),
            Column(self.tr("Community"), lambda r: r.community),
            Column(self.tr("Raised on"), lambda r: format_date(r.raised_on), sort_key=lambda r: r.raised_on),
        ], self)
        self.match_resources = ColumnTableModel([
            Column(self.tr("Resource"), lambda r: r.title),
            Column(self.tr("Offered by"), lambda r: r.unit),
            Column(self.tr("Offered on"), lambda r: format_date(r.offered_on), sort_key=lambda r: r.offered_on),
        ], self)
        self.match_projects = ColumnTableModel([
            Column(self.tr("Project"), lambda r: r.title),
            Column(self.tr("Community"), lambda r: r.community),
            Column(self.tr("Published"), lambda r: format_date(r.published_on), sort_key=lambda r: r.published_on),
        ], self)
        self.match_boxes: list[QGroupBox] = []
        for i, model in enumerate((self.match_needs, self.match_resources, self.match_projects)):
            view = QTableView()
            _proxy(model, view)
            setup_table(view, stretch_column=0)
            box = QGroupBox()
            QVBoxLayout(box).addWidget(view)
            self.match_boxes.append(box)
            grid.addWidget(box, 0, i)
        self.match_index = self.lists_tabs.addTab(matching, self.tr("Matching"))

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.lists_tabs)
        return tab

    def _list_tab(self, view: QTableView, form: list[QWidget], second: list[QWidget] | None = None,
                  extra: QWidget | None = None, more: list[QWidget] | None = None) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(view, 1)
        for widgets in (form, second):
            if widgets:
                row = QHBoxLayout()
                for w in widgets:
                    row.addWidget(w, 3 if isinstance(w, QLineEdit) else 2 if isinstance(w, QComboBox) else 0)
                layout.addLayout(row)
        if extra is not None:
            layout.addWidget(extra)
        if more:
            row = QHBoxLayout()
            for w in more:
                row.addWidget(w, 3 if isinstance(w, QLineEdit) else 2 if isinstance(w, QComboBox) else 0)
            layout.addLayout(row)
        return tab

    # ------------------------------------------------------------------ building: scorecard

    def _build_score_tab(self) -> QWidget:
        self.score_tab = QWidget()
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(self._score_controls_changed)
        self.measure_combo = QComboBox()
        for m in units_roster.MEASURES:
            self.measure_combo.addItem(measure_name(m), m)
        self.measure_combo.currentIndexChanged.connect(self._score_controls_changed)
        self.scheme_label = QLabel("")
        self.scheme_label.setStyleSheet("color: #656D76;")
        export_xlsx = QPushButton(self.tr("Export to Excel…"))
        export_xlsx.clicked.connect(self._ask_export_xlsx)
        export_png = QPushButton(self.tr("Export as picture…"))
        export_png.clicked.connect(self._ask_export_png)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Year")))
        controls.addWidget(self.year_combo)
        controls.addWidget(QLabel(self.tr("Heatmap of")))
        controls.addWidget(self.measure_combo)
        controls.addWidget(self.scheme_label, 1)
        controls.addWidget(export_xlsx)
        controls.addWidget(export_png)

        columns = [
            Column(self.tr("Rank"), lambda r: str(r.rank), RIGHT, sort_key=lambda r: r.rank),
            Column(self.tr("Unit"), lambda r: r.short_name, tooltip=lambda r: r.name),
            Column(self.tr("Member"), lambda r: self.tr("Yes") if r.is_member else "",
                   foreground=lambda r: GOOD_TEXT if r.is_member else None),
        ]
        for i, m in enumerate(units_roster.MEASURES):
            columns.append(Column(measure_name(m), lambda r, i=i: number(r.values[i]), RIGHT,
                                  sort_key=lambda r, i=i: r.values[i]))
        columns.append(Column(self.tr("Score"), lambda r: f"{r.score:.1f}", RIGHT, sort_key=lambda r: r.score,
                              foreground=lambda r: OVERDUE_TEXT if r.score < 0 else None))
        self.score_model = ColumnTableModel(columns, self)
        self.score_view = QTableView()
        _proxy(self.score_model, self.score_view)
        setup_table(self.score_view)
        self.score_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.heatmap = HeatmapView()
        self.heatmap_title = QLabel("")
        self.heatmap_title.setStyleSheet("font-weight: bold;")
        heat_box = QWidget()
        heat_layout = QVBoxLayout(heat_box)
        heat_layout.setContentsMargins(0, 0, 0, 0)
        heat_layout.addWidget(self.heatmap_title)
        heat_layout.addWidget(self.heatmap, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.score_view)
        splitter.addWidget(heat_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        weights = QGroupBox(self.tr("Scoring weights (points per unit of each measure; the secretary sets them)"))
        form = QGridLayout(weights)
        self.weight_edits: dict[str, QLineEdit] = {}
        for i, m in enumerate(units_roster.MEASURES):
            edit = QLineEdit()
            edit.setMaximumWidth(90)
            self.weight_edits[m] = edit
            form.addWidget(QLabel(measure_name(m)), i // 4, (i % 4) * 2)
            form.addWidget(edit, i // 4, (i % 4) * 2 + 1)
        self.weights_note = QLabel("")
        self.weights_note.setWordWrap(True)
        self.weights_note.setStyleSheet("color: #656D76;")
        self.save_weights_button = QPushButton(self.tr("Save this year's weights"))
        self.save_weights_button.clicked.connect(self.save_weights)
        form.addWidget(self.weights_note, 2, 0, 1, 6)
        form.addWidget(self.save_weights_button, 2, 6, 1, 2)

        layout = QVBoxLayout(self.score_tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addWidget(weights)
        return self.score_tab

    # ------------------------------------------------------------------ loading

    def load(self, session: Session) -> UnitsData:
        now = self.clock()
        roster = units_roster.unit_roster(session, self._filter)
        ids = [r.id for r in roster]
        selected = self._selected_id if self._selected_id in ids else (ids[0] if ids else None)
        return UnitsData(
            now=now,
            roster=roster,
            communities=units_roster.community_choices(session),
            units=units_roster.unit_choices(session),
            missing=units_roster.member_units_missing_meetings(session, now),
            profile=units_profile.unit_profile(session, selected, now.date()) if selected is not None else None,
            lists=_load_lists(session),
            score=_load_score(session, self._year, self._measure, now.date()),
        )

    def show_data(self, data: UnitsData) -> None:
        self._data = data
        self._as_of.setText(self.tr("As of {0}").format(format_date(data.now.date())))
        self._show_missing(data.missing)
        self._show_unclaimed(data.lists.matching.unclaimed_projects)
        _fill_choices(self.community_filter, data.communities, self.tr("All communities"))
        for combo in (self.need_community,):
            _fill_choices(combo, data.communities)
        _fill_choices(self.project_community, data.communities, self.tr("(no community)"))
        for combo in (self.resource_unit, self.claim_unit):
            _fill_choices(combo, data.units)
        self._show_roster(data.roster)
        self._show_profile(data.profile)
        self._show_lists(data.lists)
        self._show_score(data.score)
        settle_layouts()

    def _show_missing(self, missing: MissedMeetings) -> None:
        n = len(missing.meetings)
        if not missing.meetings:
            self.missing_label.setText(self.tr("No committee meeting with a sign-in record has been held yet."))
            return
        if not missing.units:
            self.missing_label.setText(self.tr("Every member unit came to at least one of the last %n meeting(s).", "", n))
            return
        names = "；".join(
            u.name + (self.tr(" (liaison {0} {1})").format(u.liaison, u.liaison_phone).rstrip() if u.liaison else "")
            for u in missing.units
        )
        self.missing_label.setText(
            self.tr("Member units that came to none of the last %n meeting(s): ", "", n) + names)

    def _show_unclaimed(self, rows: tuple[ProjectRow, ...] | list[ProjectRow]) -> None:
        if not rows:
            self.unclaimed_label.setText(self.tr("Every project has been claimed."))
            return
        titles = "、".join(r.title for r in rows[:6]) + ("…" if len(rows) > 6 else "")
        self.unclaimed_label.setText(self.tr("%n project(s) nobody has claimed: ", "", len(rows)) + titles)

    def _show_roster(self, roster: list[UnitRow]) -> None:
        self.roster_model.set_rows(roster)
        self.roster_count.setText(self.tr("%n unit(s)", "", len(roster)))
        target = self._selected_id if any(r.id == self._selected_id for r in roster) else (
            roster[0].id if roster else None)
        if target is not None:
            self._select_unit(target)

    def _select_unit(self, unit_id: int) -> None:
        proxy = self.roster_view.model()
        for row in range(self.roster_model.rowCount()):
            if self.roster_model.record(row).id == unit_id:
                index = proxy.mapFromSource(self.roster_model.index(row, 0))
                self.roster_view.selectionModel().blockSignals(True)
                self.roster_view.selectRow(index.row())
                self.roster_view.selectionModel().blockSignals(False)
                self._selected_id = unit_id
                return

    def _show_profile(self, p: UnitProfile | None) -> None:
        if p is None:
            self.profile_name.setText(self.tr("No unit selected"))
            self.profile_meta.setText("")
            for label in self.profile_stats.values():
                label.setText("—")
            self.profile_attendance.set_rows([])
            self.profile_members.set_rows([])
            self.profile_pairings.set_rows([])
            return
        u = p.unit
        self.profile_name.setText(u.name)
        meta = [kind_name(u.kind) + (self.tr(" · member unit this term") if u.is_member else "")]
        if u.party_org:
            meta.append(self.tr("Party organisation: {0}").format(u.party_org))
        if u.community:
            meta.append(self.tr("Community: {0}").format(u.community))
        if u.liaison:
            meta.append(self.tr("Liaison: {0} {1}").format(u.liaison, u.liaison_phone))
        if u.contact_person:
            meta.append(self.tr("Contact: {0} {1}").format(u.contact_person, u.contact_phone))
        self.profile_meta.setText("\n".join(meta))
        s = self.profile_stats
        s["attendance"].setText(self.tr("{0} of {1} meetings ({2})").format(
            format_count(p.meetings_came), format_count(p.meetings_counted), format_percent(p.attendance_rate)))
        s["topics"].setText(self.tr("{0}, of which {1} accepted").format(
            format_count(p.topics_proposed), format_count(p.topics_accepted)))
        s["resolutions"].setText(self.tr("{0}, {1} done, {2} open past the deadline").format(
            format_count(p.resolutions_owned), format_count(p.resolutions_done),
            format_count(p.resolutions_overdue_open)))
        s["on_time"].setText(self.tr("{0} ({1} of {2} due)").format(
            format_percent(p.on_time_rate), format_count(p.resolutions_on_time), format_count(p.resolutions_due)))
        s["projects"].setText(f"{format_count(p.projects_claimed)} / {format_count(p.projects_delivered)}")
        s["resources"].setText(self.tr("{0} / {1} (used {2} times)").format(
            format_count(p.resources_offered), format_count(p.resources_used), format_count(p.resource_uses)))
        s["reporting"].setText("、".join(p.reporting_communities) or "—")
        s["members"].setText(self.tr("{0} people, {1} service hours").format(
            format_count(len(p.party_members)), number(p.service_hours)))
        s["attendance"].setStyleSheet("font-weight: bold;" + (
            " color: #C62828;" if p.attendance_rate is not None and p.attendance_rate < 0.7 else ""))
        self.profile_attendance.set_rows(list(p.recent_attendance))
        self.profile_members.set_rows(list(p.party_members))
        self.profile_pairings.set_rows(list(p.pairings))
        self.profile_pairings_box.setVisible(u.kind == "municipal")

    def _show_lists(self, lists: ListsData) -> None:
        self.needs_model.set_rows(lists.needs)
        self.resources_model.set_rows(lists.resources)
        self.projects_model.set_rows(lists.projects)
        self.claims_model.set_rows(self._claims_for_selected_project(lists))
        _fill_choices(self.project_need, [Choice(n.id, n.title) for n in lists.needs
                                          if n.status in ("open", "matched")], self.tr("(answers no listed need)"))
        _fill_choices(self.use_project, [Choice(p.id, p.title) for p in lists.projects], self.tr("(no project)"))
        m = lists.matching
        self.match_needs.set_rows(list(m.needs_without_project))
        self.match_resources.set_rows(list(m.unused_resources))
        self.match_projects.set_rows(list(m.unclaimed_projects))
        self.match_boxes[0].setTitle(self.tr("Needs no project answers (%n)", "", len(m.needs_without_project)))
        self.match_boxes[1].setTitle(self.tr("Resources never used (%n)", "", len(m.unused_resources)))
        self.match_boxes[2].setTitle(self.tr("Projects nobody claimed (%n)", "", len(m.unclaimed_projects)))

    def _claims_for_selected_project(self, lists: ListsData) -> list[units.ClaimRow]:
        project = _selected_record(self.projects_view, self.projects_model)
        if project is None:
            return []
        return [c for c in lists.claims if c.project_id == project.id]  # type: ignore[attr-defined]

    def _show_score(self, score: ScoreData) -> None:
        self._year = score.year
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in score.years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(score.year)))
        self.year_combo.blockSignals(False)
        self.score_model.set_rows(list(score.scorecard.rows))
        scheme = score.scorecard.scheme
        self.scheme_label.setText(
            self.tr("Scored with the weights in force from {0}").format(scheme.effective_year) if scheme
            else self.tr("No scoring scheme is in force for this year"))
        heat = score.heatmap
        self.heatmap_title.setText(self.tr("{0} by month (columns 1–12), {1}").format(measure_name(heat.measure), heat.year))
        self.heatmap.set_data(list(heat.units), [str(m) for m in range(1, 13)],
                              [list(v) for v in heat.values])
        editable = score.editable_scheme
        for m, edit in self.weight_edits.items():
            edit.setText(number(editable.weight(m)) if editable else "0")
        if editable is not None and editable.effective_year == score.this_year:
            self.weights_note.setText(self.tr(
                "These weights are in force from {0}; changing them re-scores {0} only — earlier years keep the "
                "weights they were scored with.").format(score.this_year))
        else:
            self.weights_note.setText(self.tr(
                "Saving starts a new set of weights in force from {0}; earlier years keep the weights they were "
                "scored with.").format(score.this_year))

    # ------------------------------------------------------------------ partial reloads

    def _reload_roster(self) -> None:
        self._filter = RosterFilter(
            text=self.search.text(), kind=self.kind_filter.currentData(), member=self.member_filter.currentData(),
            community_id=self.community_filter.currentData())
        flt = self._filter
        DbOp(self, lambda s: units_roster.unit_roster(s, flt)).success(self._roster_reloaded).failure(self._show_error).run()

    def _roster_reloaded(self, roster: list[UnitRow]) -> None:
        self._show_roster(roster)
        if roster and self._selected_id is not None:
            self._load_profile(self._selected_id)
        elif not roster:
            self._show_profile(None)
        self.roster_shown.emit()

    def _roster_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        record = _selected_record(self.roster_view, self.roster_model)
        if record is not None and record.id != self._selected_id:  # type: ignore[attr-defined]
            self._selected_id = record.id  # type: ignore[attr-defined]
            self._load_profile(record.id)  # type: ignore[attr-defined]

    def _load_profile(self, unit_id: int) -> None:
        today = self.clock().date()
        DbOp(self, lambda s: units_profile.unit_profile(s, unit_id, today)).success(self._profile_loaded) \
            .failure(self._show_error).run()

    def _profile_loaded(self, profile: UnitProfile) -> None:
        if profile.unit.id == self._selected_id:
            self._show_profile(profile)
            self.profile_shown.emit()

    def _project_selection_changed(self, *_args: object) -> None:
        if self._data is not None:
            self.claims_model.set_rows(self._claims_for_selected_project(self._data.lists))

    def _score_controls_changed(self, *_args: object) -> None:
        self._year = self.year_combo.currentData()
        self._measure = self.measure_combo.currentData() or "attendance"
        year, measure = self._year, self._measure
        today = self.clock().date()
        DbOp(self, lambda s: _load_score(s, year, measure, today)).success(self._score_loaded) \
            .failure(self._show_error).run()

    def _score_loaded(self, score: ScoreData) -> None:
        self._show_score(score)
        if self._data is not None:
            self._data = replace(self._data, score=score)
        self.score_shown.emit()

    # ------------------------------------------------------------------ writes

    def _write(self, fn, tables: tuple[str, ...], done: str) -> None:  # noqa: ANN001 - fn(session)
        self.message.setText("")
        DbOp(self, fn, changes=Changes.of(*tables)).success(lambda _r: self._say(done)) \
            .failure(self._show_error).run()

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("color: #1B7F3B;")
        self.message.setText(text)

    def _show_error(self, error: Exception) -> None:
        self._complain(describe_input_error(error))

    def _complain(self, text: str) -> None:
        self.message.setStyleSheet("color: #C62828;")
        self.message.setText(text)

    def add_need(self) -> None:
        title, community = self.need_title.text(), self.need_community.currentData()
        category, day = self.need_category.text(), self.need_date.date().toPython()
        self._write(lambda s: units.add_need(s, title=title, community_id=community, raised_on=day, category=category),
                    ("need",), self.tr("The need is on the list."))
        self.need_title.clear()

    def add_resource(self) -> None:
        title, unit = self.resource_title.text(), self.resource_unit.currentData()
        category, day = self.resource_category.text(), self.resource_date.date().toPython()
        self._write(lambda s: units.add_resource(s, unit_id=unit, title=title, offered_on=day, category=category),
                    ("resource",), self.tr("The resource is on the list."))
        self.resource_title.clear()

    def record_use(self) -> None:
        resource = _selected_record(self.resources_view, self.resources_model)
        if resource is None:
            self._show_hint(self.tr("Select a resource in the table first."))
            return
        project, day = self.use_project.currentData(), self.use_date.date().toPython()
        rid = resource.id  # type: ignore[attr-defined]
        self._write(lambda s: units.record_resource_use(s, resource_id=rid, project_id=project, used_on=day),
                    ("resource", "resource_use"), self.tr("The use of the resource is recorded."))

    def add_project(self) -> None:
        title, need = self.project_title.text(), self.project_need.currentData()
        community, day = self.project_community.currentData(), self.project_date.date().toPython()
        self._write(lambda s: units.add_project(s, title=title, need_id=need, community_id=community,
                                                published_on=day),
                    ("project", "need"), self.tr("The project is published for units to claim."))
        self.project_title.clear()

    def claim_selected(self, unit_id: int | None = None) -> None:
        project = _selected_record(self.projects_view, self.projects_model)
        if project is None:
            self._show_hint(self.tr("Select a project in the table first."))
            return
        unit = unit_id if isinstance(unit_id, int) and not isinstance(unit_id, bool) else self.claim_unit.currentData()
        pid, day = project.id, self.claim_date.date().toPython()  # type: ignore[attr-defined]
        self._write(lambda s: units.claim_project(s, project_id=pid, unit_id=unit, claimed_on=day),
                    ("project", "project_claim"), self.tr("The claim is recorded."))

    def deliver_selected(self) -> None:
        claim = _selected_record(self.claims_view, self.claims_model)
        if claim is None:
            self._show_hint(self.tr("Select a claim of the project first."))
            return
        cid, day, note = claim.id, self.deliver_date.date().toPython(), self.deliver_note.text()  # type: ignore[attr-defined]
        self._write(lambda s: units.report_delivery(s, claim_id=cid, delivered_on=day, note=note),
                    ("project", "project_claim", "need"), self.tr("The delivery is recorded."))

    def save_weights(self) -> None:
        texts = {m: e.text() for m, e in self.weight_edits.items()}
        today = self.clock().date()
        year = today.year
        self._write(lambda s: units_scoring.save_weights(s, year=year, weights=texts, today=today), SCORE_TABLES,
                    self.tr("The weights are saved; {0} is re-scored.").format(year))

    def _show_hint(self, text: str) -> None:
        self.message.setStyleSheet("color: #B25E00;")
        self.message.setText(text)

    def open_import_wizard(self) -> ImportWizard:
        """The import wizard on the unit roster spec (same rules as the case import)."""
        wizard = ImportWizard(DbExecutor.current, self, spec=UNIT_SPEC)
        wizard.setWindowTitle(self.tr("Import units"))
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda _result: self.refresh())
        wizard.open()
        return wizard

    def show_matching(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.lists_tabs.setCurrentIndex(self.match_index)

    # ------------------------------------------------------------------ export

    def _ask_export_xlsx(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the scorecard"), "", self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_xlsx(Path(path))

    def _ask_export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the scorecard"), "", self.tr("PNG picture (*.png)"))
        if path:
            self.export_png(Path(path))

    def export_xlsx(self, path: Path) -> None:
        """The ranking and the heatmap as two sheets, headed in the UI's language."""
        if self._data is None:
            return
        score = self._data.score
        headers = [self.tr("Rank"), self.tr("Unit"), self.tr("Kind"), self.tr("Member")]
        headers += [measure_name(m) for m in units_roster.MEASURES] + [self.tr("Score")]
        ranking = pd.DataFrame(
            [[r.rank, r.name, kind_name(r.kind), self.tr("Yes") if r.is_member else "", *r.values, r.score]
             for r in score.scorecard.rows], columns=headers)
        heat = pd.DataFrame([list(v) for v in score.heatmap.values], index=list(score.heatmap.units),
                            columns=[month_name(m) for m in range(1, 13)])
        heat.index.name = self.tr("Unit")
        try:
            with pd.ExcelWriter(path, engine="openpyxl") as writer:
                ranking.to_excel(writer, sheet_name=self.tr("Ranking {0}").format(score.year), index=False)
                heat.to_excel(writer, sheet_name=measure_name(score.heatmap.measure)[:31])
        except OSError:
            self._complain(self.tr("Cannot write {0}; choose a folder you can write to.").format(path))
            return
        self._say(self.tr("Wrote {0}.").format(path))

    def export_png(self, path: Path) -> None:
        if not self.score_tab.grab().save(str(path), "PNG"):
            self._complain(self.tr("Cannot write {0}; choose a folder you can write to.").format(path))
            return
        self._say(self.tr("Wrote {0}.").format(path))
