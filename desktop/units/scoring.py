"""The units page's participation scorecard: ranking, heatmap, the scoring weights, export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.units import roster as units_roster
from db.units import scoring as units_scoring
from desktop.core.colours import GOOD_TEXT, OVERDUE_TEXT
from desktop.core.dbop import DbOp
from desktop.core.images import filters_text, save_titled_png
from desktop.core.tables import RIGHT, setup_table, sort_proxy
from desktop.units.texts import (
    kind_name,
    measure_name,
    month_name,
    number,
)
from widgets.column_table import Column, ColumnTableModel
from widgets.heatmap import HeatmapView

SCORE_TABLES = ("score_scheme", "score_weight")


@dataclass(frozen=True)
class ScoreData:
    year: int
    years: list[int]
    measure: str
    scorecard: units_scoring.Scorecard
    heatmap: units_scoring.Heatmap
    editable_scheme: units_scoring.Scheme | None  # the scheme in force this year (what the editor shows)
    this_year: int


def _load_score(session: Session, year: int | None, measure: str, today: dt.date) -> ScoreData:
    years = units_scoring.score_years(session, today)
    year = year if year in years else today.year
    return ScoreData(year, years, measure, units_scoring.scorecard(session, year, today),
                     units_scoring.measure_heatmap(session, year, measure, today), units_scoring.scheme_for_year(session, today.year),
                     today.year)


# Methods of UnitsPage (this mixin has no state of its own); their strings keep the page's
# translation context.
class _ScoreTab:
    """The scorecard tab of :class:`desktop.units.page.UnitsPage`."""

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
        export_xlsx = QPushButton(QCoreApplication.translate("UnitsPage", "Export to Excel…"))
        export_xlsx.clicked.connect(self._ask_export_xlsx)
        export_png = QPushButton(QCoreApplication.translate("UnitsPage", "Export as picture…"))
        export_png.clicked.connect(self._ask_export_png)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(QCoreApplication.translate("UnitsPage", "Year")))
        controls.addWidget(self.year_combo)
        controls.addWidget(QLabel(QCoreApplication.translate("UnitsPage", "Heatmap of")))
        controls.addWidget(self.measure_combo)
        controls.addWidget(self.scheme_label, 1)
        controls.addWidget(export_xlsx)
        controls.addWidget(export_png)

        columns = [
            Column(QCoreApplication.translate("UnitsPage", "Rank"), lambda r: str(r.rank), RIGHT, sort_key=lambda r: r.rank),
            Column(QCoreApplication.translate("UnitsPage", "Unit"), lambda r: r.short_name, tooltip=lambda r: r.name),
            Column(QCoreApplication.translate("UnitsPage", "Member"), lambda r: QCoreApplication.translate("UnitsPage", "Yes") if r.is_member else "",
                   foreground=lambda r: GOOD_TEXT if r.is_member else None),
        ]
        for i, m in enumerate(units_roster.MEASURES):
            columns.append(Column(measure_name(m), lambda r, i=i: number(r.values[i]), RIGHT,
                                  sort_key=lambda r, i=i: r.values[i]))
        columns.append(Column(QCoreApplication.translate("UnitsPage", "Score"), lambda r: f"{r.score:.1f}", RIGHT, sort_key=lambda r: r.score,
                              foreground=lambda r: OVERDUE_TEXT if r.score < 0 else None))
        self.score_model = ColumnTableModel(columns, self)
        self.score_view = QTableView()
        sort_proxy(self.score_model, self.score_view)
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

        weights = QGroupBox(QCoreApplication.translate("UnitsPage", "Scoring weights (points per unit of each measure; the secretary sets them)"))
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
        self.save_weights_button = QPushButton(QCoreApplication.translate("UnitsPage", "Save this year's weights"))
        self.save_weights_button.clicked.connect(self.save_weights)
        form.addWidget(self.weights_note, 2, 0, 1, 6)
        form.addWidget(self.save_weights_button, 2, 6, 1, 2)

        layout = QVBoxLayout(self.score_tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addWidget(weights)
        return self.score_tab

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
            QCoreApplication.translate("UnitsPage", "Scored with the weights in force from {0}").format(scheme.effective_year) if scheme
            else QCoreApplication.translate("UnitsPage", "No scoring scheme is in force for this year"))
        heat = score.heatmap
        self.heatmap_title.setText(QCoreApplication.translate("UnitsPage", "{0} by month (columns 1–12), {1}").format(measure_name(heat.measure), heat.year))
        self.heatmap.set_data(list(heat.units), [str(m) for m in range(1, 13)],
                              [list(v) for v in heat.values])
        editable = score.editable_scheme
        for m, edit in self.weight_edits.items():
            edit.setText(number(editable.weight(m)) if editable else "0")
        if editable is not None and editable.effective_year == score.this_year:
            self.weights_note.setText(QCoreApplication.translate("UnitsPage",
                "These weights are in force from {0}; changing them re-scores {0} only — earlier years keep the "
                "weights they were scored with.").format(score.this_year))
        else:
            self.weights_note.setText(QCoreApplication.translate("UnitsPage",
                "Saving starts a new set of weights in force from {0}; earlier years keep the weights they were "
                "scored with.").format(score.this_year))

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

    def save_weights(self) -> None:
        texts = {m: e.text() for m, e in self.weight_edits.items()}
        today = self.clock().date()
        year = today.year
        self._write(lambda s: units_scoring.save_weights(s, year=year, weights=texts, today=today),
                    QCoreApplication.translate("UnitsPage", "The weights are saved; {0} is re-scored.").format(year))

    def _ask_export_xlsx(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("UnitsPage", "Export the scorecard"), "", QCoreApplication.translate("UnitsPage", "Excel workbook (*.xlsx)"))
        if path:
            self.export_xlsx(Path(path))

    def _ask_export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("UnitsPage", "Export the scorecard"), "", QCoreApplication.translate("UnitsPage", "PNG picture (*.png)"))
        if path:
            self.export_png(Path(path))

    def export_xlsx(self, path: Path) -> None:
        """The ranking and the heatmap as two sheets, headed in the UI's language."""
        if self._data is None:
            return
        score = self._data.score
        headers = [QCoreApplication.translate("UnitsPage", "Rank"), QCoreApplication.translate("UnitsPage", "Unit"), QCoreApplication.translate("UnitsPage", "Kind"), QCoreApplication.translate("UnitsPage", "Member")]
        headers += [measure_name(m) for m in units_roster.MEASURES] + [QCoreApplication.translate("UnitsPage", "Score")]
        ranking = pd.DataFrame(
            [[r.rank, r.name, kind_name(r.kind), QCoreApplication.translate("UnitsPage", "Yes") if r.is_member else "", *r.values, r.score]
             for r in score.scorecard.rows], columns=headers)
        heat = pd.DataFrame([list(v) for v in score.heatmap.values], index=list(score.heatmap.units),
                            columns=[month_name(m) for m in range(1, 13)])
        heat.index.name = QCoreApplication.translate("UnitsPage", "Unit")
        try:
            with pd.ExcelWriter(path, engine="openpyxl") as writer:
                ranking.to_excel(writer, sheet_name=QCoreApplication.translate("UnitsPage", "Ranking {0}").format(score.year), index=False)
                heat.to_excel(writer, sheet_name=measure_name(score.heatmap.measure)[:31])
        except OSError:
            self._complain(QCoreApplication.translate("UnitsPage", "Cannot write {0}; choose a folder you can write to.").format(path))
            return
        self._say(QCoreApplication.translate("UnitsPage", "Wrote {0}.").format(path))

    def export_png(self, path: Path) -> None:
        title = QCoreApplication.translate("UnitsPage", "Participation scorecard")
        if not save_titled_png(self.score_tab, path, title, filters_text(self.year_combo, self.measure_combo)):
            self._complain(QCoreApplication.translate("UnitsPage", "Cannot write {0}; choose a folder you can write to.").format(path))
            return
        self._say(QCoreApplication.translate("UnitsPage", "Wrote {0}.").format(path))
