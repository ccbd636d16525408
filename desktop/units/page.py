"""Resident units (驻区单位): roster and profile, the three lists, the participation scorecard.

The page answers two of the secretary's questions at the top, from one query each:
member units that came to none of the last three meetings
(:func:`db.units.roster.member_units_missing_meetings`) and projects nobody claimed
(:func:`db.units.lists.unclaimed_projects`).

The page is one class; its tabs are mixins in their own modules (``roster``, ``profile``, ``lists``,
``scoring``), built by :meth:`UnitsPage.__init__` and sharing its state and its translation context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.core import clock
from db.imports.records import RecordSpec
from db.units import profile as units_profile
from db.units import roster as units_roster
from db.units.dual_import import DUAL_SPEC
from db.units.importing import UNIT_SPEC
from db.units.lists import ProjectRow
from db.units.profile import UnitProfile
from db.units.roster import Choice, MissedMeetings, RosterFilter, UnitRow
from desktop.core.dbop import DbExecutor, DbWrite
from desktop.core.formatting import date_edit_format, format_date
from desktop.core.messages import describe
from desktop.core.page import Page
from desktop.core.tables import compact_combos, settle_layouts
from desktop.imports.wizard import ImportWizard
from desktop.units.dual import DualTab
from desktop.units.lists import LIST_TABLES, ListsData, _fill_choices, _ListsTab, _load_lists
from desktop.units.profile import _ProfilePanel
from desktop.units.roster import _RosterTab
from desktop.units.scoring import SCORE_TABLES, ScoreData, _load_score, _ScoreTab


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


class UnitsPage(_RosterTab, _ProfilePanel, _ListsTab, _ScoreTab, Page):
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
        self.clock: Callable[[], dt.datetime] = clock.now
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
        self.dual_tab = DualTab(lambda: self.open_import_wizard(DUAL_SPEC), self)
        self.tabs.addTab(self.dual_tab, self.tr("Dual reporting"))

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
        self._show_unclaimed(data.lists.matching.unclaimed_projects, bool(data.lists.projects))
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
        self.dual_tab.refresh()  # 双报到 loads on its own, after the page
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

    def _show_unclaimed(self, rows: tuple[ProjectRow, ...] | list[ProjectRow], any_project: bool) -> None:
        if not any_project:
            self.unclaimed_label.setText(self.tr("No project has been entered yet; add one on the lists tab."))
            return
        if not rows:
            self.unclaimed_label.setText(self.tr("Every project has been claimed."))
            return
        titles = "、".join(r.title for r in rows[:6]) + ("…" if len(rows) > 6 else "")
        self.unclaimed_label.setText(self.tr("%n project(s) nobody has claimed: ", "", len(rows)) + titles)


    # ------------------------------------------------------------------ counted words
    # Plurals stay in this class: lupdate reads a count only from self.tr(), not from a mixin's
    # translate() (there it takes a count that is a variable for a plain string and drops one that is a call).

    def _units_counted(self, n: int) -> str:
        return self.tr("%n unit(s)", "", n)

    def _matching_titles(self, needs: int, resources: int, projects: int) -> tuple[str, str, str]:
        return (self.tr("Needs no project answers (%n)", "", needs), self.tr("Resources never used (%n)", "", resources),
                self.tr("Projects nobody claimed (%n)", "", projects))

    # ------------------------------------------------------------------ writes

    def _write(self, fn, done: str) -> None:  # noqa: ANN001 - fn(session)
        self.message.setText("")
        DbWrite(self, fn).success(lambda _r: self._say(done)) \
            .failure(self._show_error).run()

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("color: #1B7F3B;")
        self.message.setText(text)

    def _show_error(self, error: Exception) -> None:
        self._complain(describe(error))

    def _complain(self, text: str) -> None:
        self.message.setStyleSheet("color: #C62828;")
        self.message.setText(text)

    def _show_hint(self, text: str) -> None:
        self.message.setStyleSheet("color: #B25E00;")
        self.message.setText(text)

    def open_import_wizard(self, spec: RecordSpec = UNIT_SPEC) -> ImportWizard:
        """The import wizard on the unit roster spec, or the 双报到 one (same rules as the case import)."""
        wizard = ImportWizard(DbExecutor.current, self, spec=spec)
        wizard.setWindowTitle(self.tr("Import units") if spec is UNIT_SPEC else self.tr("Import dual reporting"))
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda _result: self.refresh())
        wizard.open()
        return wizard

    def show_matching(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.lists_tabs.setCurrentIndex(self.match_index)
