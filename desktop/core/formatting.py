"""Figures, dates and times the way people write them here (2026年11月26日)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale


def format_date(day: dt.date) -> str:
    return QCoreApplication.translate("Format", "{y}-{m:02d}-{d:02d}").format(y=day.year, m=day.month, d=day.day)


def format_datetime(when: dt.datetime) -> str:
    return QCoreApplication.translate("Format", "{date} {h:02d}:{mi:02d}").format(
        date=format_date(when.date()), h=when.hour, mi=when.minute
    )


def format_count(n: int) -> str:
    """A whole number with the locale's digit grouping."""
    return QLocale().toString(int(n))


def format_percent(ratio: float | None, decimals: int = 1) -> str:
    """A share as a percentage; an empty denominator shows as a dash, never as 0%."""
    if ratio is None:
        return "—"
    return f"{ratio * 100:.{decimals}f}%"


def date_edit_format(with_time: bool = False) -> str:
    """The display format of date pickers (QDateEdit/QDateTimeEdit), as dates are written here."""
    if with_time:
        return QCoreApplication.translate("Format", "yyyy-MM-dd HH:mm")
    return QCoreApplication.translate("Format", "yyyy-MM-dd")
