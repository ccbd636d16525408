"""The units page's profile panel: one unit's figures, recent meetings, pairings, party members."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.units import profile as units_profile
from db.units.profile import UnitProfile
from desktop.core.colours import OVERDUE_TEXT
from desktop.core.dbop import DbOp
from desktop.core.formatting import format_count, format_date, format_percent
from desktop.core.tables import RIGHT, setup_table
from desktop.units.texts import (
    attendance_name,
    kind_name,
    number,
)
from widgets.column_table import Column, ColumnTableModel


# Methods of UnitsPage (this mixin has no state of its own); their strings keep the page's
# translation context.
class _ProfilePanel:
    """The profile panel of :class:`desktop.units.page.UnitsPage`."""

    # ------------------------------------------------------------------ building: profile

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
            ("attendance", QCoreApplication.translate("UnitsPage", "Meetings attended")),
            ("topics", QCoreApplication.translate("UnitsPage", "Topics proposed")),
            ("resolutions", QCoreApplication.translate("UnitsPage", "Resolutions it owns")),
            ("on_time", QCoreApplication.translate("UnitsPage", "On-time rate of its resolutions")),
            ("projects", QCoreApplication.translate("UnitsPage", "Projects claimed / delivered")),
            ("resources", QCoreApplication.translate("UnitsPage", "Resources offered / used")),
            ("reporting", QCoreApplication.translate("UnitsPage", "Dual reporting (双报到) to")),
            ("members", QCoreApplication.translate("UnitsPage", "Serving party members")),
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
            Column(QCoreApplication.translate("UnitsPage", "Meeting"), lambda r: f"{format_date(r.starts_at.date())} {r.title}"),
            Column(QCoreApplication.translate("UnitsPage", "Sign-in"), lambda r: attendance_name(r.status) + (f"（{r.delegate}）" if r.delegate else ""),
                   foreground=lambda r: OVERDUE_TEXT if r.status == "absent" else None),
        ], self)
        self.profile_attendance_view = QTableView()
        self.profile_attendance_view.setModel(self.profile_attendance)
        setup_table(self.profile_attendance_view, stretch_column=0)
        self.profile_attendance_view.setSortingEnabled(False)
        self.profile_attendance_view.setFixedHeight(6 * 28 + 34)

        self.profile_members = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Party member"), lambda r: r.name),
            Column(QCoreApplication.translate("UnitsPage", "Registered with"), lambda r: r.community),
            Column(QCoreApplication.translate("UnitsPage", "Service hours"), lambda r: number(r.hours), RIGHT, sort_key=lambda r: r.hours),
        ], self)
        self.profile_members_view = QTableView()
        self.profile_members_view.setModel(self.profile_members)
        setup_table(self.profile_members_view, stretch_column=0)
        self.profile_members_view.setSortingEnabled(False)
        self.profile_members_view.setMinimumHeight(160)

        self.profile_pairings = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Paired community"), lambda r: r.community),
            Column(QCoreApplication.translate("UnitsPage", "Since"), lambda r: str(r.since_year), RIGHT),
            Column(QCoreApplication.translate("UnitsPage", "Items this year"), lambda r: format_count(r.items_total), RIGHT),
            Column(QCoreApplication.translate("UnitsPage", "Done"), lambda r: format_count(r.items_done), RIGHT),
            Column(QCoreApplication.translate("UnitsPage", "Overdue"), lambda r: format_count(r.items_overdue), RIGHT,
                   foreground=lambda r: OVERDUE_TEXT if r.items_overdue else None),
        ], self)
        self.profile_pairings_view = QTableView()
        self.profile_pairings_view.setModel(self.profile_pairings)
        setup_table(self.profile_pairings_view, stretch_column=0)
        self.profile_pairings_box = QGroupBox(QCoreApplication.translate("UnitsPage", "四联四定 pairings"))
        box_layout = QVBoxLayout(self.profile_pairings_box)
        box_layout.addWidget(self.profile_pairings_view)

        inner = QVBoxLayout(panel)
        inner.setContentsMargins(12, 4, 4, 4)
        inner.addWidget(self.profile_name)
        inner.addWidget(self.profile_meta)
        inner.addLayout(grid)
        inner.addWidget(QLabel(QCoreApplication.translate("UnitsPage", "Recent meetings")))
        inner.addWidget(self.profile_attendance_view)
        inner.addWidget(self.profile_pairings_box)
        inner.addWidget(QLabel(QCoreApplication.translate("UnitsPage", "Its serving party members and their service hours")))
        inner.addWidget(self.profile_members_view, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(panel)
        scroll.setMinimumWidth(380)
        return scroll

    def _show_profile(self, p: UnitProfile | None) -> None:
        if p is None:
            self.profile_name.setText(QCoreApplication.translate("UnitsPage", "No unit selected"))
            self.profile_meta.setText("")
            for label in self.profile_stats.values():
                label.setText("—")
            self.profile_attendance.set_rows([])
            self.profile_members.set_rows([])
            self.profile_pairings.set_rows([])
            return
        u = p.unit
        self.profile_name.setText(u.name)
        meta = [kind_name(u.kind) + (QCoreApplication.translate("UnitsPage", " · member unit this term") if u.is_member else "")]
        if u.party_org:
            meta.append(QCoreApplication.translate("UnitsPage", "Party organisation: {0}").format(u.party_org))
        if u.community:
            meta.append(QCoreApplication.translate("UnitsPage", "Community: {0}").format(u.community))
        if u.liaison:
            meta.append(QCoreApplication.translate("UnitsPage", "Liaison: {0} {1}").format(u.liaison, u.liaison_phone))
        if u.contact_person:
            meta.append(QCoreApplication.translate("UnitsPage", "Contact: {0} {1}").format(u.contact_person, u.contact_phone))
        self.profile_meta.setText("\n".join(meta))
        s = self.profile_stats
        s["attendance"].setText(QCoreApplication.translate("UnitsPage", "{0} of {1} meetings ({2})").format(
            format_count(p.meetings_came), format_count(p.meetings_counted), format_percent(p.attendance_rate)))
        s["topics"].setText(QCoreApplication.translate("UnitsPage", "{0}, of which {1} accepted").format(
            format_count(p.topics_proposed), format_count(p.topics_accepted)))
        s["resolutions"].setText(QCoreApplication.translate("UnitsPage", "{0}, {1} done, {2} open past the deadline").format(
            format_count(p.resolutions_owned), format_count(p.resolutions_done),
            format_count(p.resolutions_overdue_open)))
        s["on_time"].setText(QCoreApplication.translate("UnitsPage", "{0} ({1} of {2} due)").format(
            format_percent(p.on_time_rate), format_count(p.resolutions_on_time), format_count(p.resolutions_due)))
        s["projects"].setText(f"{format_count(p.projects_claimed)} / {format_count(p.projects_delivered)}")
        s["resources"].setText(QCoreApplication.translate("UnitsPage", "{0} / {1} (used {2} times)").format(
            format_count(p.resources_offered), format_count(p.resources_used), format_count(p.resource_uses)))
        s["reporting"].setText("、".join(p.reporting_communities) or "—")
        s["members"].setText(QCoreApplication.translate("UnitsPage", "{0} people, {1} service hours").format(
            format_count(len(p.party_members)), number(p.service_hours)))
        s["attendance"].setStyleSheet("font-weight: bold;" + (
            " color: #C62828;" if p.attendance_rate is not None and p.attendance_rate < 0.7 else ""))
        self.profile_attendance.set_rows(list(p.recent_attendance))
        self.profile_members.set_rows(list(p.party_members))
        self.profile_pairings.set_rows(list(p.pairings))
        self.profile_pairings_box.setVisible(u.kind == "municipal")

    def _load_profile(self, unit_id: int) -> None:
        today = self.clock().date()
        DbOp(self, lambda s: units_profile.unit_profile(s, unit_id, today)).success(self._profile_loaded) \
            .failure(self._show_error).run()

    def _profile_loaded(self, profile: UnitProfile) -> None:
        if profile.unit.id == self._selected_id:
            self._show_profile(profile)
            self.profile_shown.emit()
