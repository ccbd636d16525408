"""Section pages that show the database's own counts for their area.

Each area's full page (lists, charts, editing) replaces its class here as it is built; until
then the page tells the truth about what the database holds, from one shared count query.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from db import queries
from desktop.formatting import format_count
from desktop.pages.base import TilesPage


class SummaryPage(TilesPage):
    """Tiles filled from :func:`db.queries.section_counts`; subclasses name the tiles."""

    def tile_specs(self) -> list[tuple[str, str]]:
        """(attribute of SectionCounts, tile title) pairs."""
        raise NotImplementedError

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for attribute, title in self.tile_specs():
            self.add_tile(attribute, title)

    def load(self, session: Session) -> tuple[dt.datetime, queries.SectionCounts]:
        now = dt.datetime.now().replace(microsecond=0)
        return now, queries.section_counts(session, now)

    def show_data(self, data: tuple[dt.datetime, queries.SectionCounts]) -> None:
        now, counts = data
        self.set_as_of(now)
        for attribute, tile in self.tiles.items():
            tile.set_value(format_count(getattr(counts, attribute)))


class UnitsPage(SummaryPage):
    key = "units"
    tables = ("resident_unit", "member_unit", "project", "project_claim")

    def title(self) -> str:
        return self.tr("Resident units")

    def tile_specs(self) -> list[tuple[str, str]]:
        return [
            ("units_total", self.tr("Resident units")),
            ("units_member", self.tr("Member units this term")),
            ("units_municipal", self.tr("City-level units")),
            ("projects_total", self.tr("Projects listed")),
            ("projects_unclaimed", self.tr("Projects nobody has claimed")),
        ]


class PairingsPage(SummaryPage):
    key = "pairings"
    tables = ("pairing", "annual_agreement", "agreement_item")

    def title(self) -> str:
        return self.tr("Four links, four fixes")

    def tile_specs(self) -> list[tuple[str, str]]:
        return [
            ("pairings_total", self.tr("Active pairings")),
            ("agreements_this_year", self.tr("Agreements this year")),
        ]


class MeetingsPage(SummaryPage):
    key = "meetings"
    tables = ("meeting",)

    def title(self) -> str:
        return self.tr("Meetings")

    def tile_specs(self) -> list[tuple[str, str]]:
        return [
            ("meetings_held", self.tr("Meetings held")),
            ("meetings_upcoming", self.tr("Meetings planned")),
        ]
