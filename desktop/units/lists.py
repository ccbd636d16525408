"""The units page's three lists (needs, resources, projects) with their forms and the matching view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.units import lists as units
from db.units.lists import ProjectRow
from db.units.roster import Choice
from desktop.core.colours import OVERDUE_TEXT
from desktop.core.formatting import format_count, format_date
from desktop.core.tables import RIGHT, selected_record, setup_table, sort_proxy
from desktop.units.texts import (
    need_status_name,
    optional_date,
    project_status_name,
    resource_status_name,
)
from widgets.column_table import Column, ColumnTableModel

LIST_TABLES = ("need", "resource", "resource_use", "project", "project_claim")


@dataclass(frozen=True)
class ListsData:
    needs: list[units.NeedRow]
    resources: list[units.ResourceRow]
    projects: list[ProjectRow]
    claims: list[units.ClaimRow]
    matching: units.Matching


def _load_lists(session: Session) -> ListsData:
    return ListsData(units.needs(session), units.resources(session), units.projects(session), units.claims(session),
                     units.matching(session))


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


# Methods of UnitsPage (this mixin has no state of its own); their strings keep the page's
# translation context.
class _ListsTab:
    """The three-lists tab of :class:`desktop.units.page.UnitsPage`."""

    # ------------------------------------------------------------------ building: three lists

    def _build_lists_tab(self, date_format: str) -> QWidget:
        self.lists_tabs = QTabWidget()

        # needs
        self.needs_model = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Need"), lambda r: r.title),
            Column(QCoreApplication.translate("UnitsPage", "Community"), lambda r: r.community),
            Column(QCoreApplication.translate("UnitsPage", "Category"), lambda r: r.category),
            Column(QCoreApplication.translate("UnitsPage", "Raised by"), lambda r: r.raised_by),
            Column(QCoreApplication.translate("UnitsPage", "Raised on"), lambda r: format_date(r.raised_on), sort_key=lambda r: r.raised_on),
            Column(QCoreApplication.translate("UnitsPage", "Status"), lambda r: need_status_name(r.status)),
            Column(QCoreApplication.translate("UnitsPage", "Projects"), lambda r: format_count(r.projects), RIGHT, sort_key=lambda r: r.projects),
        ], self)
        self.needs_view = QTableView()
        sort_proxy(self.needs_model, self.needs_view)
        setup_table(self.needs_view, stretch_column=0)
        self.need_title = QLineEdit(placeholderText=QCoreApplication.translate("UnitsPage", "What residents need"))
        self.need_community = QComboBox()
        self.need_category = QLineEdit(placeholderText=QCoreApplication.translate("UnitsPage", "Category"))
        self.need_date = _date_edit(self, date_format)
        self.need_add = QPushButton(QCoreApplication.translate("UnitsPage", "Record need"))
        self.need_add.clicked.connect(self.add_need)
        needs_tab = self._list_tab(self.needs_view, [self.need_title, self.need_community, self.need_category,
                                                     self.need_date, self.need_add])
        self.lists_tabs.addTab(needs_tab, QCoreApplication.translate("UnitsPage", "Needs"))

        # resources
        self.resources_model = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Resource"), lambda r: r.title),
            Column(QCoreApplication.translate("UnitsPage", "Offered by"), lambda r: r.unit),
            Column(QCoreApplication.translate("UnitsPage", "Category"), lambda r: r.category),
            Column(QCoreApplication.translate("UnitsPage", "Offered on"), lambda r: format_date(r.offered_on), sort_key=lambda r: r.offered_on),
            Column(QCoreApplication.translate("UnitsPage", "Status"), lambda r: resource_status_name(r.status)),
            Column(QCoreApplication.translate("UnitsPage", "Times used"), lambda r: format_count(r.uses), RIGHT, sort_key=lambda r: r.uses),
            Column(QCoreApplication.translate("UnitsPage", "Last used"), lambda r: optional_date(r.last_used),
                   sort_key=lambda r: r.last_used or dt.date.min),
        ], self)
        self.resources_view = QTableView()
        sort_proxy(self.resources_model, self.resources_view)
        setup_table(self.resources_view, stretch_column=0)
        self.resource_title = QLineEdit(placeholderText=QCoreApplication.translate("UnitsPage", "What the unit offers"))
        self.resource_unit = QComboBox()
        self.resource_category = QLineEdit(placeholderText=QCoreApplication.translate("UnitsPage", "Category"))
        self.resource_date = _date_edit(self, date_format)
        self.resource_add = QPushButton(QCoreApplication.translate("UnitsPage", "Record resource"))
        self.resource_add.clicked.connect(self.add_resource)
        self.use_project = QComboBox()
        self.use_date = _date_edit(self, date_format)
        self.use_add = QPushButton(QCoreApplication.translate("UnitsPage", "Record use of the selected resource"))
        self.use_add.clicked.connect(self.record_use)
        resources_tab = self._list_tab(
            self.resources_view,
            [self.resource_title, self.resource_unit, self.resource_category, self.resource_date, self.resource_add],
            [QLabel(QCoreApplication.translate("UnitsPage", "Used for")), self.use_project, self.use_date, self.use_add])
        self.lists_tabs.addTab(resources_tab, QCoreApplication.translate("UnitsPage", "Resources"))

        # projects, claims, delivery
        self.projects_model = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Project"), lambda r: r.title),
            Column(QCoreApplication.translate("UnitsPage", "Community"), lambda r: r.community),
            Column(QCoreApplication.translate("UnitsPage", "Published"), lambda r: format_date(r.published_on), sort_key=lambda r: r.published_on),
            Column(QCoreApplication.translate("UnitsPage", "Due"), lambda r: optional_date(r.due_on), sort_key=lambda r: r.due_on or dt.date.max),
            Column(QCoreApplication.translate("UnitsPage", "Status"), lambda r: project_status_name(r.status)),
            Column(QCoreApplication.translate("UnitsPage", "Claimed by"), lambda r: r.claimers or QCoreApplication.translate("UnitsPage", "nobody yet"),
                   foreground=lambda r: OVERDUE_TEXT if not r.claims and r.status != "cancelled" else None),
            Column(QCoreApplication.translate("UnitsPage", "Delivered"), lambda r: f"{r.delivered}/{r.claims}", RIGHT, sort_key=lambda r: r.delivered),
        ], self)
        self.projects_view = QTableView()
        sort_proxy(self.projects_model, self.projects_view)
        setup_table(self.projects_view, stretch_column=0)
        self.projects_view.selectionModel().selectionChanged.connect(self._project_selection_changed)
        self.project_title = QLineEdit(placeholderText=QCoreApplication.translate("UnitsPage", "Project title"))
        self.project_need = QComboBox()
        self.project_community = QComboBox()
        self.project_date = _date_edit(self, date_format)
        self.project_add = QPushButton(QCoreApplication.translate("UnitsPage", "Publish project"))
        self.project_add.clicked.connect(self.add_project)
        self.claim_unit = QComboBox()
        self.claim_date = _date_edit(self, date_format)
        self.claim_button = QPushButton(QCoreApplication.translate("UnitsPage", "Claim the selected project"))
        self.claim_button.clicked.connect(self.claim_selected)
        self.claims_model = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Claimed by"), lambda r: r.unit),
            Column(QCoreApplication.translate("UnitsPage", "Claimed on"), lambda r: format_date(r.claimed_on), sort_key=lambda r: r.claimed_on),
            Column(QCoreApplication.translate("UnitsPage", "Delivered on"), lambda r: optional_date(r.delivered_on)),
            Column(QCoreApplication.translate("UnitsPage", "Status"), lambda r: project_status_name(r.status)),
            Column(QCoreApplication.translate("UnitsPage", "Note"), lambda r: r.note),
        ], self)
        self.claims_view = QTableView()
        sort_proxy(self.claims_model, self.claims_view)
        setup_table(self.claims_view, stretch_column=0)
        self.claims_view.setMaximumHeight(150)
        self.deliver_date = _date_edit(self, date_format)
        self.deliver_note = QLineEdit(placeholderText=QCoreApplication.translate("UnitsPage", "Delivery note (evidence)"))
        self.deliver_button = QPushButton(QCoreApplication.translate("UnitsPage", "Report delivery of the selected claim"))
        self.deliver_button.clicked.connect(self.deliver_selected)
        projects_tab = self._list_tab(
            self.projects_view,
            [self.project_title, self.project_need, self.project_community, self.project_date, self.project_add],
            [QLabel(QCoreApplication.translate("UnitsPage", "Claim by")), self.claim_unit, self.claim_date, self.claim_button],
            extra=self.claims_view,
            more=[self.deliver_date, self.deliver_note, self.deliver_button])
        self.lists_tabs.addTab(projects_tab, QCoreApplication.translate("UnitsPage", "Projects"))

        # matching
        matching = QWidget()
        grid = QGridLayout(matching)
        self.match_needs = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Need"), lambda r: r.title),
            Column(QCoreApplication.translate("UnitsPage", "Community"), lambda r: r.community),
            Column(QCoreApplication.translate("UnitsPage", "Raised on"), lambda r: format_date(r.raised_on), sort_key=lambda r: r.raised_on),
        ], self)
        self.match_resources = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Resource"), lambda r: r.title),
            Column(QCoreApplication.translate("UnitsPage", "Offered by"), lambda r: r.unit),
            Column(QCoreApplication.translate("UnitsPage", "Offered on"), lambda r: format_date(r.offered_on), sort_key=lambda r: r.offered_on),
        ], self)
        self.match_projects = ColumnTableModel([
            Column(QCoreApplication.translate("UnitsPage", "Project"), lambda r: r.title),
            Column(QCoreApplication.translate("UnitsPage", "Community"), lambda r: r.community),
            Column(QCoreApplication.translate("UnitsPage", "Published"), lambda r: format_date(r.published_on), sort_key=lambda r: r.published_on),
        ], self)
        self.match_boxes: list[QGroupBox] = []
        for i, model in enumerate((self.match_needs, self.match_resources, self.match_projects)):
            view = QTableView()
            sort_proxy(model, view)
            setup_table(view, stretch_column=0)
            box = QGroupBox()
            QVBoxLayout(box).addWidget(view)
            self.match_boxes.append(box)
            grid.addWidget(box, 0, i)
        self.match_index = self.lists_tabs.addTab(matching, QCoreApplication.translate("UnitsPage", "Matching"))

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

    def _show_lists(self, lists: ListsData) -> None:
        self.needs_model.set_rows(lists.needs)
        self.resources_model.set_rows(lists.resources)
        self.projects_model.set_rows(lists.projects)
        self.claims_model.set_rows(self._claims_for_selected_project(lists))
        _fill_choices(self.project_need, [Choice(n.id, n.title) for n in lists.needs
                                          if n.status in ("open", "matched")], QCoreApplication.translate("UnitsPage", "(answers no listed need)"))
        _fill_choices(self.use_project, [Choice(p.id, p.title) for p in lists.projects], QCoreApplication.translate("UnitsPage", "(no project)"))
        m = lists.matching
        self.match_needs.set_rows(list(m.needs_without_project))
        self.match_resources.set_rows(list(m.unused_resources))
        self.match_projects.set_rows(list(m.unclaimed_projects))
        titles = self._matching_titles(len(m.needs_without_project), len(m.unused_resources), len(m.unclaimed_projects))
        for box, title in zip(self.match_boxes, titles, strict=True):
            box.setTitle(title)

    def _claims_for_selected_project(self, lists: ListsData) -> list[units.ClaimRow]:
        project = selected_record(self.projects_view, self.projects_model)
        if project is None:
            return []
        return [c for c in lists.claims if c.project_id == project.id]  # type: ignore[attr-defined]

    def _project_selection_changed(self, *_args: object) -> None:
        if self._data is not None:
            self.claims_model.set_rows(self._claims_for_selected_project(self._data.lists))

    def add_need(self) -> None:
        title, community = self.need_title.text(), self.need_community.currentData()
        category, day = self.need_category.text(), self.need_date.date().toPython()
        self._write(lambda s: units.add_need(s, title=title, community_id=community, raised_on=day, category=category),
                    QCoreApplication.translate("UnitsPage", "The need is on the list."))
        self.need_title.clear()

    def add_resource(self) -> None:
        title, unit = self.resource_title.text(), self.resource_unit.currentData()
        category, day = self.resource_category.text(), self.resource_date.date().toPython()
        self._write(lambda s: units.add_resource(s, unit_id=unit, title=title, offered_on=day, category=category),
                    QCoreApplication.translate("UnitsPage", "The resource is on the list."))
        self.resource_title.clear()

    def record_use(self) -> None:
        resource = selected_record(self.resources_view, self.resources_model)
        if resource is None:
            self._show_hint(QCoreApplication.translate("UnitsPage", "Select a resource in the table first."))
            return
        project, day = self.use_project.currentData(), self.use_date.date().toPython()
        rid = resource.id  # type: ignore[attr-defined]
        self._write(lambda s: units.record_resource_use(s, resource_id=rid, project_id=project, used_on=day),
                    QCoreApplication.translate("UnitsPage", "The use of the resource is recorded."))

    def add_project(self) -> None:
        title, need = self.project_title.text(), self.project_need.currentData()
        community, day = self.project_community.currentData(), self.project_date.date().toPython()
        self._write(lambda s: units.add_project(s, title=title, need_id=need, community_id=community,
                                                published_on=day),
                    QCoreApplication.translate("UnitsPage", "The project is published for units to claim."))
        self.project_title.clear()

    def claim_selected(self, unit_id: int | None = None) -> None:
        project = selected_record(self.projects_view, self.projects_model)
        if project is None:
            self._show_hint(QCoreApplication.translate("UnitsPage", "Select a project in the table first."))
            return
        unit = unit_id if isinstance(unit_id, int) and not isinstance(unit_id, bool) else self.claim_unit.currentData()
        pid, day = project.id, self.claim_date.date().toPython()  # type: ignore[attr-defined]
        self._write(lambda s: units.claim_project(s, project_id=pid, unit_id=unit, claimed_on=day),
                    QCoreApplication.translate("UnitsPage", "The claim is recorded."))

    def deliver_selected(self) -> None:
        claim = selected_record(self.claims_view, self.claims_model)
        if claim is None:
            self._show_hint(QCoreApplication.translate("UnitsPage", "Select a claim of the project first."))
            return
        cid, day, note = claim.id, self.deliver_date.date().toPython(), self.deliver_note.text()  # type: ignore[attr-defined]
        self._write(lambda s: units.report_delivery(s, claim_id=cid, delivered_on=day, note=note),
                    QCoreApplication.translate("UnitsPage", "The delivery is recorded."))
