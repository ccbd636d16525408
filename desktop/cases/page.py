"""The Cases page (网格事件): the backlog dashboard, the case list with its detail panel, and the
handling-unit scorecard, all driven by one filter bar.

Figures come from db/cases/queries.py through DbOp. Rapid filter changes are coalesced (a short timer)
and every load carries a generation number: a result older than the latest request is dropped.
Clicking a tile or a bar narrows the *list* to what it counts and shows the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.cases import queries as cases
from db.cases.queries import CaseFilter, CaseRow, Dashboard, FilterOptions, UnitScore
from db.cases.summaries import AGE_BUCKETS
from db.core import clock
from desktop.cases.case_detail import CaseDetailPanel
from desktop.cases.case_list import CaseListView, case_columns, export_cases_xlsx
from desktop.cases.texts import source_label, state_label
from desktop.core.dbop import DbExecutor, DbOp
from desktop.core.formatting import format_count, format_date, format_datetime, format_percent
from desktop.core.images import filters_text, save_titled_png
from desktop.core.messages import describe
from desktop.core.page import Page
from widgets.charts import BarChartView, WeeklyChartView
from widgets.column_table import Column, ColumnTableModel, SortProxy
from widgets.filter_bar import FilterBar
from widgets.kpi_tile import KpiTile

COALESCE_MS = 120
FIRST_PAGE = 100
DATE_PRESETS = ("4w", "13w", "26w", "52w", "year")


@dataclass(frozen=True)
class ListData:
    ids: np.ndarray
    first_rows: tuple[CaseRow, ...]


@dataclass(frozen=True)
class CasesData:
    generation: int
    options: FilterOptions
    dashboard: Dashboard
    scorecard: tuple[UnitScore, ...]
    cases: ListData


def load_list(session: Session, f: CaseFilter, sort: str, descending: bool) -> ListData:
    ids = cases.case_ids(session, f, sort, descending)
    return ListData(ids, tuple(cases.case_rows(session, ids[:FIRST_PAGE])))


def preset_range(key: str | None, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    if key is None:
        return None, None
    if key == "year":
        return dt.date(today.year, 1, 1), today
    weeks = int(key.removesuffix("w"))
    return today - dt.timedelta(weeks=weeks - 1), today


def age_label(bucket: str) -> str:
    labels = {
        "lt3": QCoreApplication.translate("CasesPage", "< 3 days"),
        "3to7": QCoreApplication.translate("CasesPage", "3–7 days"),
        "7to30": QCoreApplication.translate("CasesPage", "7–30 days"),
        "gt30": QCoreApplication.translate("CasesPage", "> 30 days"),
    }
    return labels[bucket]


def format_days(median: float | None, over: bool) -> str:
    if median is None:
        return "—"
    if over:
        return QCoreApplication.translate("CasesPage", "over 30 days")
    return QCoreApplication.translate("CasesPage", "{0} days").format(f"{median:.1f}")


class CasesPage(Page):
    key = "cases"
    tables = ("grid_case", "case_event", "handling_unit", "case_category", "community", "grid")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.filter = CaseFilter()
        self.list_filter = CaseFilter()
        self.list_sort = ("reported_at", True)
        self.dashboard: Dashboard | None = None
        self.options: FilterOptions | None = None
        self._generation = 0
        self._list_generation = 0
        self._trouble = ""  # the sentence the status label shows while list rows cannot be read
        self._today = clock.today()
        self._timer = QTimer(self, singleShot=True, interval=COALESCE_MS)
        self._timer.timeout.connect(self.refresh)

        self.heading = QLabel(self.title(), objectName="pageTitle")
        self.as_of = QLabel("", objectName="pageSubtitle")
        self.export_png_button = QPushButton(self.tr("Save view as PNG…"), objectName="exportPng")
        self.export_png_button.clicked.connect(self._ask_export_png)
        self.export_list_button = QPushButton(self.tr("Export list to Excel…"), objectName="exportList")
        self.export_list_button.clicked.connect(self._ask_export_list)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.as_of)
        top.addLayout(titles, 1)
        self.status = QLabel("", objectName="pageStatus")
        top.addWidget(self.status)
        top.addWidget(self.export_png_button)
        top.addWidget(self.export_list_button)

        self.filter_bar = FilterBar(self)
        self.filter_bar.add_choice("dates", "", self.tr("All dates"))
        self.filter_bar.set_options("dates", [
            ("4w", self.tr("Last 4 weeks")), ("13w", self.tr("Last 13 weeks")), ("26w", self.tr("Last 26 weeks")),
            ("52w", self.tr("Last 52 weeks")), ("year", self.tr("This year")),
        ])
        self.filter_bar.add_choice("community", "", self.tr("All communities"))
        self.filter_bar.add_choice("grid", "", self.tr("All grids"))
        self.filter_bar.add_choice("major", "", self.tr("All categories"))
        self.filter_bar.add_choice("minor", "", self.tr("All subcategories"))
        self.filter_bar.add_choice("unit", "", self.tr("All handling units"))
        self.filter_bar.add_choice("source", "", self.tr("All sources"))
        self.filter_bar.set_options("source", [(s, source_label(s)) for s in
                                               ("patrol", "hotline", "resident", "supervision", "import")])
        self.filter_bar.add_check("supervised", self.tr("Supervised only"))
        self.filter_bar.add_stretch()
        self.filter_bar.filter_changed.connect(self._filter_changed)

        self.tabs = QTabWidget(self, objectName="casesTabs")
        self.tabs.addTab(self._build_dashboard(), self.tr("Backlog dashboard"))
        self.tabs.addTab(self._build_list(), self.tr("Case list"))
        self.tabs.addTab(self._build_scorecard(), self.tr("Handling-unit scorecard"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return self.tr("Grid cases")

    # ------------------------------------------------------------------ building

    def _build_dashboard(self) -> QWidget:
        self.dashboard_view = QWidget(objectName="dashboardView")
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        self.tiles: dict[str, KpiTile] = {}
        for key, title in (
            ("open", self.tr("Open cases")),
            ("overdue", self.tr("Overdue")),
            ("due_soon", self.tr("Due within 3 days")),
            ("on_time", self.tr("On-time closure rate")),
            ("median", self.tr("Median days to close")),
            ("satisfaction", self.tr("Satisfaction rate")),
        ):
            tile = KpiTile(title, self.dashboard_view)
            tile.set_clickable(True)
            tile.clicked.connect(lambda k=key: self.tile_clicked(k))
            tiles.addWidget(tile)
            self.tiles[key] = tile
        self.state_chart = BarChartView(self.tr("Open cases by state"), self.dashboard_view)
        self.major_chart = BarChartView(self.tr("Open cases by category"), self.dashboard_view)
        self.community_chart = BarChartView(self.tr("Open cases by community"), self.dashboard_view)
        self.age_chart = BarChartView(self.tr("Open cases by age"), self.dashboard_view)
        self.weekly_chart = WeeklyChartView(
            self.tr("Opened and closed per week, with the backlog"),
            (self.tr("Opened"), self.tr("Closed"), self.tr("Backlog")), self.dashboard_view)
        self.state_chart.bar_clicked.connect(lambda k: self.drill(states=(k,), focus="open"))
        self.major_chart.bar_clicked.connect(lambda k: self.drill(majors=(k,), focus="open"))
        self.community_chart.bar_clicked.connect(lambda k: self.drill(community_ids=(k,), focus="open"))
        self.age_chart.bar_clicked.connect(lambda k: self.drill(focus=f"age_{k}"))
        charts = QGridLayout()
        charts.setSpacing(12)
        charts.addWidget(self.state_chart, 0, 0)
        charts.addWidget(self.major_chart, 0, 1)
        charts.addWidget(self.community_chart, 0, 2)
        charts.addWidget(self.age_chart, 1, 0)
        charts.addWidget(self.weekly_chart, 1, 1, 1, 2)
        layout = QVBoxLayout(self.dashboard_view)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(tiles)
        layout.addLayout(charts, 1)
        return self.dashboard_view

    def _build_list(self) -> QWidget:
        host = QWidget()
        self.search = QLineEdit(objectName="caseSearch")
        self.search.setPlaceholderText(self.tr("Search number, title or address"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.list_note = QLabel("", objectName="listNote")
        self.clear_drill = QPushButton(self.tr("Show all cases of the filter"), objectName="clearDrill")
        self.clear_drill.clicked.connect(lambda: self.drill())
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.list_note)
        bar.addWidget(self.clear_drill)
        self.case_list = CaseListView(self._fetch_rows, host)
        self.case_list.sort_requested.connect(self._sort_requested)
        self.detail = CaseDetailPanel(host)
        self.case_list.case_selected.connect(self.detail.load)
        self.detail.case_changed.connect(lambda _id: self.case_list.model.invalidate())
        split = QSplitter(Qt.Orientation.Horizontal, host)
        split.addWidget(self.case_list)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        return host

    def _build_scorecard(self) -> QWidget:
        host = QWidget()

        def column(header: str, text: Callable[[UnitScore], str], value: Callable[[UnitScore], Any]) -> Column:
            return Column(header, text, Qt.AlignmentFlag.AlignRight, sort_key=value)

        cols = [
            Column(QCoreApplication.translate("Scorecard", "Handling unit"), lambda u: u.name, sort_key=lambda u: u.name),
            column(QCoreApplication.translate("Scorecard", "Received"), lambda u: format_count(u.received), lambda u: u.received),
            column(QCoreApplication.translate("Scorecard", "Closed"), lambda u: format_count(u.closed), lambda u: u.closed),
            column(QCoreApplication.translate("Scorecard", "On-time rate"), lambda u: format_percent(u.on_time_rate),
                   lambda u: u.on_time_rate),
            column(QCoreApplication.translate("Scorecard", "Median handling days"),
                   lambda u: format_days(u.median_days, u.median_over), lambda u: u.median_days),
            column(QCoreApplication.translate("Scorecard", "Returns / rework"), lambda u: format_count(u.returns),
                   lambda u: u.returns),
            column(QCoreApplication.translate("Scorecard", "Extensions"), lambda u: format_count(u.extensions),
                   lambda u: u.extensions),
            column(QCoreApplication.translate("Scorecard", "Satisfaction"), lambda u: format_percent(u.satisfaction_rate),
                   lambda u: u.satisfaction_rate),
        ]
        self.scorecard_model = ColumnTableModel(cols, self)
        self.scorecard_proxy = SortProxy(self)
        self.scorecard_proxy.setSourceModel(self.scorecard_model)
        self.scorecard_table = QTableView(host, objectName="scorecard")
        self.scorecard_table.setModel(self.scorecard_proxy)
        self.scorecard_table.setSortingEnabled(True)
        self.scorecard_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        header = self.scorecard_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scorecard_table.verticalHeader().hide()
        note = QLabel(QCoreApplication.translate("Scorecard", "Received: cases reported in the period; the other figures: cases closed in it. "
                         "Handling days run from report to close."), objectName="pageSubtitle")
        note.setWordWrap(True)
        export = QPushButton(QCoreApplication.translate("Scorecard", "Export scorecard to Excel…"), objectName="exportScorecard")
        export.clicked.connect(self._ask_export_scorecard)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(export)
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.scorecard_table, 1)
        return host

    # ------------------------------------------------------------------ loading

    def _fetch_rows(self, ids: list[int], deliver: Callable[[list[CaseRow]], None], fail: Callable[[], None]) -> None:
        """The case list asks for a batch of rows: read it on the worker; offline, read nothing."""
        executor = DbExecutor.current
        if executor is None or not executor.online:
            fail()
            self._list_trouble(self.tr("Offline: the rows not loaded yet appear once the connection is back."))
            return

        def arrived(rows: list[CaseRow]) -> None:
            if self.status.text() == self._trouble:
                self.status.setText("")
            deliver(rows)

        def failed(error: Exception) -> None:
            fail()
            self._list_trouble(describe(error))

        DbOp(self, lambda s: cases.case_rows(s, ids)).success(arrived).failure(failed).run(executor)

    def _list_trouble(self, sentence: str) -> None:
        self._trouble = sentence
        self.status.setText(sentence)

    def refresh(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._list_generation += 1
        generation, f, lf, (sort, desc) = self._generation, self.filter, self.list_filter, self.list_sort

        def work(session: Session) -> CasesData:
            return CasesData(
                generation=generation,
                options=cases.filter_options(session),
                dashboard=cases.backlog_dashboard(session, f),
                scorecard=cases.unit_scorecard(session, f),
                cases=load_list(session, lf, sort, desc),
            )

        DbOp(self, work).success(self._loaded).failure(self._failed).run()

    def _loaded(self, data: CasesData) -> None:
        if data.generation != self._generation:
            return  # a newer filter is on its way
        self.show_data(data)
        self.loaded.emit()

    def show_data(self, data: CasesData) -> None:
        self._fill_options(data.options)
        self.show_dashboard(data.dashboard)
        self.scorecard_model.set_rows(data.scorecard)
        self._show_list(data.cases)

    def refresh_list(self) -> None:
        self._list_generation += 1
        generation, lf, (sort, desc) = self._list_generation, self.list_filter, self.list_sort
        DbOp(self, lambda s: (generation, load_list(s, lf, sort, desc))).success(
            self._list_loaded).failure(self._failed).run()

    def _list_loaded(self, result: tuple[int, ListData]) -> None:
        generation, data = result
        if generation == self._list_generation:
            self._show_list(data)

    # ------------------------------------------------------------------ showing

    def _fill_options(self, o: FilterOptions) -> None:
        self.options = o
        bar = self.filter_bar
        bar.set_options("community", list(o.communities))
        community = bar.values()["community"]
        names = dict(o.communities)
        bar.set_options("grid", [(gid, f"{names.get(cid, '')} · {name}") for gid, cid, name in o.grids
                                 if community is None or cid == community])
        majors = sorted({major for _i, major, _m in o.categories})
        bar.set_options("major", [(m, m) for m in majors])
        major = bar.values()["major"]
        bar.set_options("minor", [(cid, minor) for cid, m, minor in o.categories if major is None or m == major])
        bar.set_options("unit", list(o.units))

    def show_dashboard(self, d: Dashboard) -> None:
        self.dashboard = d
        k = d.kpis
        c = k.closure
        self.as_of.setText(self.tr("Figures as of {0}").format(format_datetime(d.as_of)) + (
            self.tr(" · reported {0} – {1}").format(format_date(d.filter.date_from), format_date(d.filter.date_to))
            if d.filter.date_from and d.filter.date_to else ""))
        overdue_share = k.overdue / k.open if k.open else None
        self.tiles["open"].set_value(format_count(k.open), self.tr("of which %n overdue", "", k.overdue))
        self.tiles["overdue"].set_value(
            format_count(k.overdue), self.tr("{0} of open cases").format(format_percent(overdue_share)),
            "bad" if k.overdue else "good")
        self.tiles["due_soon"].set_value(format_count(k.due_soon), self.tr("not on hold"),
                                         "warn" if k.due_soon else "normal")
        self.tiles["on_time"].set_value(format_percent(c.on_time_rate), self.tr("%n case(s) closed", "", c.closed),
                                        _rate_tone(c.on_time_rate, 0.9, 0.8))
        self.tiles["median"].set_value(format_days(c.median_days, c.median_over),
                                       self.tr("from report to close"))
        self.tiles["satisfaction"].set_value(format_percent(c.satisfaction_rate),
                                             self.tr("%n rated case(s)", "", c.rated),
                                             _rate_tone(c.satisfaction_rate, 0.9, 0.8))
        o = d.open
        self.state_chart.update_bars([s for s, _n in o.by_state], [state_label(s) for s, _n in o.by_state],
                                     [n for _s, n in o.by_state])
        majors = o.by_major[:8]
        self.major_chart.update_bars([m for m, _n in majors], [m or self.tr("None") for m, _n in majors],
                                     [n for _m, n in majors])
        self.community_chart.update_bars([cid for cid, _name, _n in o.by_community],
                                         [name for _cid, name, _n in o.by_community],
                                         [n for _cid, _name, n in o.by_community])
        self.age_chart.update_bars(list(AGE_BUCKETS), [age_label(b) for b in AGE_BUCKETS],
                                   [n for _b, n in o.ageing])
        self.weekly_chart.update_weeks(
            [f"{p.week.month}/{p.week.day}" for p in d.weekly], [p.opened for p in d.weekly],
            [p.closed for p in d.weekly], [p.backlog for p in d.weekly])

    def _show_list(self, data: ListData) -> None:
        self.case_list.show_ids(data.ids, data.first_rows)
        self.list_note.setText(self.tr("%n case(s)", "", len(data.ids)))
        drilled = self.list_filter != replace(self.filter, text=self.list_filter.text)
        self.clear_drill.setVisible(drilled)

    # ------------------------------------------------------------------ interaction

    def _filter_changed(self) -> None:
        if self.options is not None:
            self._fill_options(self.options)  # grids follow the community, subcategories the category
        values = self.filter_bar.values()
        date_from, date_to = preset_range(values["dates"], self._today)
        self.filter = CaseFilter(
            date_from=date_from,
            date_to=date_to,
            community_ids=(values["community"],) if values["community"] is not None else (),
            grid_ids=(values["grid"],) if values["grid"] is not None else (),
            majors=(values["major"],) if values["major"] is not None else (),
            category_ids=(values["minor"],) if values["minor"] is not None else (),
            unit_ids=(values["unit"],) if values["unit"] is not None else (),
            sources=(values["source"],) if values["source"] is not None else (),
            supervised_only=values["supervised"],
        )
        self.list_filter = replace(self.filter, text=self.search.text().strip())
        self._timer.start()

    def _search_changed(self, text: str) -> None:
        self.list_filter = replace(self.list_filter, text=text.strip())
        self.refresh_list()

    def _sort_requested(self, key: str, descending: int) -> None:
        self.list_sort = (key, bool(descending))
        self.refresh_list()

    def drill(self, **narrowing: Any) -> None:
        """Show the list of the filter narrowed to what a tile or bar counts (nothing: the whole filter)."""
        self.list_filter = replace(self.filter, text=self.search.text().strip(), **narrowing)
        self.tabs.setCurrentIndex(1)
        self.refresh_list()

    def tile_clicked(self, key: str) -> None:
        focus = {"open": "open", "overdue": "overdue", "due_soon": "due_soon", "on_time": "closed",
                 "median": "closed", "satisfaction": "closed"}[key]
        self.drill(focus=focus)

    # ------------------------------------------------------------------ exports

    def _ask_export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save view as PNG"), "cases.png", "PNG (*.png)")
        if path:
            self.export_png(Path(path))

    def export_png(self, path: Path) -> bool:
        tab = self.tabs.tabText(self.tabs.currentIndex())
        ok = save_titled_png(self.tabs.currentWidget(), path, f"{self.title()} · {tab}",
                             filters_text(self.filter_bar, self.search))
        self.status.setText(self.tr("Saved {0}").format(path) if ok else self.tr("Could not write {0}").format(path))
        return ok

    def _ask_export_list(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export list"), "cases.xlsx", "Excel (*.xlsx)")
        if path:
            self.export_list(Path(path))

    def export_list(self, path: Path) -> DbOp:
        f, (sort, desc), columns = self.list_filter, self.list_sort, case_columns()
        op = DbOp(self, lambda s: export_cases_xlsx(s, f, sort, desc, path, columns))
        op.success(lambda n: self.status.setText(self.tr("Exported %n case(s) to {0}", "", n).format(path)))
        op.failure(self._failed).run()
        return op

    def _ask_export_scorecard(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export scorecard"), "scorecard.xlsx", "Excel (*.xlsx)")
        if path:
            self.export_scorecard(Path(path))

    def export_scorecard(self, path: Path) -> None:
        """Write the scorecard as shown (sorted) to xlsx, off the GUI thread."""
        proxy, columns = self.scorecard_proxy, self.scorecard_model.columns()
        rows = [[proxy.index(r, c).data() for c in range(len(columns))] for r in range(proxy.rowCount())]
        headers = [c.header for c in columns]

        def write(_session: Session) -> int:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(headers)
            for row in rows:
                sheet.append(row)
            book.save(path)
            return len(rows)

        DbOp(self, write).success(lambda _n: self.status.setText(self.tr("Saved {0}").format(path))).failure(
            self._failed).run()


def _rate_tone(rate: float | None, good: float, warn: float) -> str:
    if rate is None:
        return "normal"
    return "good" if rate >= good else "warn" if rate >= warn else "bad"

