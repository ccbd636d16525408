"""Horizontal progress bars (0–100 %) with a label per bar, on pyqtgraph.

``ProgressChartView.update_bars(labels, shares, flagged)`` draws one bar per label, top to bottom;
``flagged`` bars (e.g. with overdue items) are drawn in the warning colour and their value text
carries a "!" so the flag is not colour alone. Long bars carry their figure inside, short ones after. Preview: ``python -m widgets.progress_chart``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

NORMAL = QColor("#1B7F3B")
FLAGGED = QColor("#B25E00")
EMPTY = QColor("#C9CED6")
TEXT = QColor("#1F2328")
INSIDE_FROM = 55  # a bar at least this long (%) carries its figure inside, in white


class ProgressChartView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        item = self.plot.getPlotItem()
        font = QFont(QApplication.font())
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setStyle(tickFont=font)
            axis.setTextPen(pg.mkPen(TEXT))
            axis.setPen(pg.mkPen(QColor("#C9CED6")))
        item.getAxis("bottom").setTicks([[(v, f"{v}%") for v in range(0, 101, 20)]])
        item.getViewBox().invertY(True)
        self._font = font
        self._bars = pg.BarGraphItem(x0=[], y=[], height=0.62, width=[], pen=pg.mkPen(None))
        item.addItem(self._bars)
        self._texts: list[pg.TextItem] = []
        self._labels: list[str] = []
        self._shares: list[float | None] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def labels(self) -> list[str]:
        return list(self._labels)

    def shares(self) -> list[float | None]:
        return list(self._shares)

    def update_bars(self, labels: Sequence[str], shares: Sequence[float | None],
                    flagged: Sequence[bool] | None = None, value_texts: Sequence[str] | None = None) -> None:
        """``shares`` in 0..1 (None: nothing to measure, drawn as a grey stub)."""
        flagged = list(flagged) if flagged is not None else [False] * len(labels)
        self._labels, self._shares = list(labels), list(shares)
        item = self.plot.getPlotItem()
        left = item.getAxis("left")
        left.setTicks([[(i, label) for i, label in enumerate(labels)]])
        left.setWidth(max((QFontMetrics(self._font).horizontalAdvance(x) for x in labels), default=40) + 16)
        widths = [max(0.0, min(1.0, s)) * 100 if s is not None else 0.6 for s in shares]
        brushes = [pg.mkBrush(EMPTY if s is None else FLAGGED if f else NORMAL)
                   for s, f in zip(shares, flagged, strict=True)]
        self._bars.setOpts(x0=[0] * len(labels), y=list(range(len(labels))), width=widths, brushes=brushes,
                           # pyqtgraph fails on an empty ``pens`` list: no bars, the one shared pen
                           pens=[pg.mkPen(None)] * len(labels) if labels else None)
        while len(self._texts) < len(labels):
            text = pg.TextItem(color=TEXT, anchor=(0, 0.5))
            text.setFont(self._font)
            item.addItem(text)
            self._texts.append(text)
        for i, text in enumerate(self._texts):
            if i >= len(labels):
                text.hide()
                continue
            share = shares[i]
            words = value_texts[i] if value_texts is not None else ("—" if share is None else f"{share * 100:.0f}%")
            text.setText(words + (" !" if flagged[i] else ""))
            inside = widths[i] >= INSIDE_FROM
            text.setColor(QColor("#FFFFFF") if inside else TEXT)
            text.setAnchor((1, 0.5) if inside else (0, 0.5))
            text.setPos(widths[i] - 1.5 if inside else widths[i] + 1.5, i)
            text.show()
        item.setXRange(0, 102, padding=0)
        item.setYRange(-0.6, max(len(labels), 1) - 0.4, padding=0)


if __name__ == "__main__":  # pragma: no cover - visual preview
    app = QApplication([])
    view = ProgressChartView()
    view.update_bars(["North", "South", "East", "West"], [0.9, 0.45, None, 1.0], [False, True, False, False])
    view.resize(600, 300)
    view.show()
    app.exec()
