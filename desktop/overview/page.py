"""Overview (工作概览): the committee's headline figures, computed in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from db import overview as queries
from db.core import clock
from desktop.core.formatting import format_count, format_percent
from desktop.core.page import TilesPage


@dataclass(frozen=True)
class OverviewData:
    now: dt.datetime
    kpis: queries.OverviewKpis


class OverviewPage(TilesPage):
    key = "overview"
    tables = ("grid_case", "resolution", "attendance", "meeting", "agreement_item", "street_office", "meeting_body")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.add_tile("open_cases", self.tr("Open cases"), "cases")
        self.add_tile("overdue_cases", self.tr("Overdue cases"), "cases")
        self.add_tile("on_time_rate", self.tr("On-time closure rate"), "cases")
        self.add_tile("open_resolutions", self.tr("Open resolutions"), "resolutions")
        self.add_tile("attendance_rate", self.tr("Member-unit attendance"), "meetings")  # named after its body
        self.add_tile("agreement_items", self.tr("Agreement items done"), "pairings")

    def title(self) -> str:
        return self.tr("Overview")

    def load(self, session: Session) -> OverviewData:
        now = clock.now()
        return OverviewData(now, queries.overview_kpis(session, now))

    def show_data(self, data: OverviewData) -> None:
        k = data.kpis
        if k.street_name:
            self.set_heading(self.tr("{0} · Overview").format(k.street_name))
        self.set_as_of(data.now)

        overdue_share = k.overdue_cases / k.open_cases if k.open_cases else None
        self.tiles["open_cases"].set_value(
            format_count(k.open_cases), self.tr("of which %n overdue", "", k.overdue_cases)
        )
        self.tiles["overdue_cases"].set_value(
            format_count(k.overdue_cases),
            self.tr("{0} of open cases are past their deadline").format(format_percent(overdue_share)),
            "bad" if k.overdue_cases else "good",
        )
        self.tiles["on_time_rate"].set_value(
            format_percent(k.on_time_rate),
            self.tr("%n case(s) closed in the last 365 days", "", k.closed_last_year),
            _rate_tone(k.on_time_rate, good=0.9, warn=0.8),
        )
        self.tiles["open_resolutions"].set_value(
            format_count(k.open_resolutions),
            self.tr("of which %n past the deadline", "", k.overdue_resolutions),
            "bad" if k.overdue_resolutions else "normal",
        )
        self.tiles["attendance_rate"].set_title(self.tr("{0} member-unit attendance").format(k.attendance_body))
        self.tiles["attendance_rate"].set_value(
            format_percent(k.attendance_rate),
            self.tr("member units present at the last %n meeting(s)", "", k.attendance_meetings),
            _rate_tone(k.attendance_rate, good=0.85, warn=0.7),
        )
        done_ratio = k.agreement_items_done / k.agreement_items_total if k.agreement_items_total else None
        self.tiles["agreement_items"].set_value(
            f"{format_count(k.agreement_items_done)} / {format_count(k.agreement_items_total)}",
            self.tr("{0} pairing agreements: {1} done").format(k.agreement_year, format_percent(done_ratio)),
        )


def _rate_tone(rate: float | None, *, good: float, warn: float) -> str:
    if rate is None:
        return "normal"
    return "good" if rate >= good else "warn" if rate >= warn else "bad"
