"""Chart views on pyqtgraph: a bar chart with clickable bars, and a weekly bars + line chart.

Both are fed by ``update_*`` setters and keep their plot items: an update calls ``setOpts``/
``setData`` on the same items, never adds new ones. Labels are plain strings from the caller (the
app font, with its CJK fallback, draws them). Preview: ``python -m widgets.charts``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")  # before pyqtgraph picks a binding

import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QPointF, Qt, Signal  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontMetrics  # noqa: E402
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget  # noqa: E402

BAR_COLOUR = "#B71C1C"
SECOND_COLOUR = "#9AA5B1"
LINE_COLOUR = "#1F2328"
AXIS_COLOUR = "#656D76"


def _plot(parent: QWidget) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent, background="w")
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(False, False)
    plot.hideButtons()
    plot.showGrid(x=False, y=True, alpha=0.25)
    font = QFont(parent.font())
    font.setPointSizeF(max(font.pointSizeF() - 1, 8))
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTextPen(pg.mkPen(AXIS_COLOUR))
        axis.setPen(pg.mkPen(AXIS_COLOUR))
        axis.setStyle(tickFont=font)
    plot.getAxis("left").setWidth(52)  # room for "10,000" before the first layout pass
    return plot


class _ChartFrame(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title_label = QLabel(title, self, objectName="chartTitle")
        self.plot = _plot(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.plot, 1)


def _two_lines(label: str) -> str:
    """Split a label at its middle (at a space if it has one) for a narrow column."""
    if " " in label.strip():
        head, _, tail = label.strip().partition(" ")
        return f"{head}\n{tail}"
    middle = (len(label) + 1) // 2
    return f"{label[:middle]}\n{label[middle:]}" if len(label) > 2 else label


class BarChartView(_ChartFrame):
    """Vertical bars with category labels; clicking a bar emits ``bar_clicked(key)``."""

    bar_clicked = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self._keys: list[Any] = []
        self._values: list[float] = []
        self._labels: list[str] = []
        self._bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=BAR_COLOUR, pen=pg.mkPen(None))
        self.plot.addItem(self._bars)
        self._value_labels: list[pg.TextItem] = []
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self.plot.setCursor(Qt.CursorShape.PointingHandCursor)

    def update_bars(self, keys: Sequence[Any], labels: Sequence[str], values: Sequence[float]) -> None:
        self._keys = list(keys)
        self._values = [float(v) for v in values]
        self._labels = list(labels)
        xs = list(range(len(self._values)))
        self._bars.setOpts(x=xs, height=self._values, width=0.6)
        self._set_tick_labels()
        top = max(self._values, default=0) or 1
        self.plot.setXRange(-0.6, max(len(xs) - 0.4, 0.6), padding=0)
        self.plot.setYRange(0, top * 1.15, padding=0)
        while len(self._value_labels) < len(xs):
            item = pg.TextItem(color=LINE_COLOUR, anchor=(0.5, 1.0))
            self.plot.addItem(item)
            self._value_labels.append(item)
        for i, item in enumerate(self._value_labels):
            if i < len(xs):
                item.setText(f"{int(self._values[i]):,}")
                item.setPos(xs[i], self._values[i])
                item.show()
            else:
                item.hide()

    def _set_tick_labels(self) -> None:
        """Category labels; where they would run into each other, each wraps onto two lines."""
        axis = self.plot.getAxis("bottom")
        labels = self._labels
        slot = self.plot.width() / max(len(labels), 1) - 6
        metrics = QFontMetrics(axis.style.get("tickFont") or self.plot.font())
        crowded = any(metrics.horizontalAdvance(label) > slot for label in labels)
        if crowded:
            labels = [_two_lines(label) for label in labels]
        axis.setHeight(2 * metrics.height() + 14 if crowded else None)
        axis.setTicks([[(x, label) for x, label in enumerate(labels)]])

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._set_tick_labels()

    def keys(self) -> list[Any]:
        return list(self._keys)

    def values(self) -> list[float]:
        return list(self._values)

    def bar_at(self, point: QPointF) -> Any | None:
        """The key of the bar under a point in view coordinates, or None."""
        i = round(point.x())
        if 0 <= i < len(self._keys) and abs(point.x() - i) <= 0.3 and 0 <= point.y() <= max(self._values[i], 0):
            return self._keys[i]
        return None

    def click_bar(self, key: Any) -> None:
        """Act as if the bar for ``key`` was clicked (keyboard access, tests)."""
        if key in self._keys:
            self.bar_clicked.emit(key)

    def _on_click(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        key = self.bar_at(self.plot.getPlotItem().vb.mapSceneToView(event.scenePos()))
        if key is not None:
            self.bar_clicked.emit(key)


class WeeklyChartView(_ChartFrame):
    """Opened and closed per week as paired bars, with a line (the backlog) over them."""

    def __init__(self, title: str, names: tuple[str, str, str], parent: QWidget | None = None):
        super().__init__(title, parent)
        legend = self.plot.addLegend(offset=(-10, 5), labelTextColor=LINE_COLOUR, colCount=3)
        self._opened = pg.BarGraphItem(x=[], height=[], width=0.38, brush=BAR_COLOUR, pen=pg.mkPen(None),
                                       name=names[0])
        self._closed = pg.BarGraphItem(x=[], height=[], width=0.38, brush=SECOND_COLOUR, pen=pg.mkPen(None),
                                       name=names[1])
        self._line = pg.PlotDataItem([], [], pen=pg.mkPen(LINE_COLOUR, width=2), symbol="o", symbolSize=4,
                                     symbolBrush=QColor(LINE_COLOUR), name=names[2])
        for item in (self._opened, self._closed, self._line):
            self.plot.addItem(item)
        legend.setBrush(pg.mkBrush(255, 255, 255, 200))
        self._series: tuple[list[float], list[float], list[float]] = ([], [], [])

    def update_weeks(self, labels: Sequence[str], opened: Sequence[float], closed: Sequence[float],
                     backlog: Sequence[float]) -> None:
        xs = list(range(len(labels)))
        self._series = (list(opened), list(closed), list(backlog))
        self._opened.setOpts(x=[x - 0.2 for x in xs], height=list(opened), width=0.38)
        self._closed.setOpts(x=[x + 0.2 for x in xs], height=list(closed), width=0.38)
        self._line.setData(xs, list(backlog))
        step = max(1, len(xs) // 10)
        self.plot.getAxis("bottom").setTicks([[(x, labels[x]) for x in xs[::step]]])
        top = max([*opened, *closed, *backlog, 1])
        self.plot.setXRange(-0.7, max(len(xs) - 0.3, 0.7), padding=0)
        self.plot.setYRange(0, top * 1.2, padding=0)

    def series(self) -> tuple[list[float], list[float], list[float]]:
        return self._series


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication, QHBoxLayout

    app = QApplication([])
    host = QWidget()
    row = QHBoxLayout(host)
    bars = BarChartView("Open by state")
    bars.update_bars(["a", "b", "c"], ["Reported", "Filed", "In progress"], [12, 30, 7])
    bars.bar_clicked.connect(print)
    weekly = WeeklyChartView("Weekly", ("opened", "closed", "backlog"))
    weekly.update_weeks([f"W{i}" for i in range(12)], [10] * 12, [8] * 12, list(range(2, 26, 2)))
    row.addWidget(bars)
    row.addWidget(weekly)
    host.resize(1000, 360)
    host.show()
    app.exec()
