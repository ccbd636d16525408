"""What every page of the main window shares: loading through DbOp and refreshing on changes.

The refresh rule (Anki's ``op_executed``): a write that touches what a page shows refreshes it at
once if it is on screen; a page that is not is only marked stale and refreshes when it is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop.core.dbop import Changes, DbOp
from desktop.core.formatting import format_datetime
from desktop.core.messages import describe
from widgets.kpi_tile import KpiTile


class Page(QWidget):
    """A page: ``refresh()`` starts a load; ``loaded`` fires when the page shows fresh data."""

    loaded = Signal()
    load_failed = Signal(str)
    navigate_requested = Signal(str)  # page key

    key = ""
    tables: tuple[str, ...] = ()  # what the page shows; a write touching these refreshes it
    #: a write touched what the page shows while it was hidden: it refreshes when shown
    stale = False

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        DbOp(self, self.load).success(self._loaded).failure(self._failed).run()

    def load(self, session: Session) -> Any:
        """Runs on the DB worker: read what the page shows."""
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        """Runs on the GUI thread with what :meth:`load` returned."""
        raise NotImplementedError

    def shows(self, changes: Changes) -> bool:
        """Whether ``changes`` touch what this page shows."""
        return changes.touches(*self.tables)

    def on_changes(self, changes: Changes) -> None:
        if not self.shows(changes):
            return
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.refresh()

    def _loaded(self, data: Any) -> None:
        self.show_data(data)
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self.load_failed.emit(describe(error))


class TilesPage(Page):
    """A page title, an as-of line and a grid of KPI tiles filled from one query."""

    columns = 3

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._heading = QLabel(self.title(), objectName="pageTitle")
        self._as_of = QLabel("", objectName="pageSubtitle")
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        self.tiles: dict[str, KpiTile] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(self._heading)
        layout.addWidget(self._as_of)
        layout.addSpacing(8)
        layout.addLayout(self._grid)
        layout.addStretch(1)

    def add_tile(self, key: str, title: str, target_page: str = "") -> KpiTile:
        tile = KpiTile(title, self)
        index = len(self.tiles)
        self._grid.addWidget(tile, index // self.columns, index % self.columns)
        self.tiles[key] = tile
        if target_page:
            tile.set_clickable(True)
            tile.clicked.connect(lambda: self.navigate_requested.emit(target_page))
        return tile

    def set_heading(self, text: str) -> None:
        self._heading.setText(text)

    def set_as_of(self, when: dt.datetime) -> None:
        self._as_of.setText(QCoreApplication.translate("TilesPage", "Figures as of {0}").format(format_datetime(when)))

