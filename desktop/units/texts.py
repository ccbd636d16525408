"""Words for the units and pairings pages: unit kinds, statuses, measures, refused input.

Each function returns the translated word for a database code (unknown codes come back as they
are); :func:`describe_input_error` turns a :class:`db.units.InputError` into one sentence.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView

from db.core.errors import InputError
from desktop.core.formatting import format_date
from desktop.core.messages import describe_failure

OVERDUE_BACKGROUND = QColor("#FBEAEA")
OVERDUE_TEXT = QColor("#C62828")
MUTED_TEXT = QColor("#656D76")
GOOD_TEXT = QColor("#1B7F3B")


def kind_name(kind: str) -> str:
    names = {
        "school": QCoreApplication.translate("UnitTexts", "School"),
        "hospital": QCoreApplication.translate("UnitTexts", "Hospital"),
        "police": QCoreApplication.translate("UnitTexts", "Police station"),
        "state_firm": QCoreApplication.translate("UnitTexts", "State-owned firm"),
        "company": QCoreApplication.translate("UnitTexts", "Private company"),
        "property": QCoreApplication.translate("UnitTexts", "Property management"),
        "agency": QCoreApplication.translate("UnitTexts", "Stationed agency"),
        "municipal": QCoreApplication.translate("UnitTexts", "City-level unit"),
        "social_org": QCoreApplication.translate("UnitTexts", "Social organisation"),
        "other": QCoreApplication.translate("UnitTexts", "Other"),
    }
    return names.get(kind, kind)


def attendance_name(status: str) -> str:
    names = {
        "present": QCoreApplication.translate("UnitTexts", "Present"),
        "excused": QCoreApplication.translate("UnitTexts", "Excused"),
        "observer": QCoreApplication.translate("UnitTexts", "Observer"),
        "absent": QCoreApplication.translate("UnitTexts", "Absent"),
        "none": QCoreApplication.translate("UnitTexts", "Not signed in"),
    }
    return names.get(status, status)


def need_status_name(status: str) -> str:
    names = {
        "open": QCoreApplication.translate("UnitTexts", "Awaiting a project"),
        "matched": QCoreApplication.translate("UnitTexts", "Matched"),
        "met": QCoreApplication.translate("UnitTexts", "Met"),
        "closed": QCoreApplication.translate("UnitTexts", "Closed"),
    }
    return names.get(status, status)


def resource_status_name(status: str) -> str:
    names = {
        "offered": QCoreApplication.translate("UnitTexts", "On offer"),
        "in_use": QCoreApplication.translate("UnitTexts", "In use"),
        "withdrawn": QCoreApplication.translate("UnitTexts", "Withdrawn"),
    }
    return names.get(status, status)


def project_status_name(status: str) -> str:
    names = {
        "open": QCoreApplication.translate("UnitTexts", "Awaiting a claim"),
        "claimed": QCoreApplication.translate("UnitTexts", "Claimed"),
        "in_progress": QCoreApplication.translate("UnitTexts", "Under way"),
        "delivered": QCoreApplication.translate("UnitTexts", "Delivered"),
        "cancelled": QCoreApplication.translate("UnitTexts", "Cancelled"),
        "withdrawn": QCoreApplication.translate("UnitTexts", "Withdrawn"),
    }
    return names.get(status, status)


def item_status_name(status: str) -> str:
    names = {
        "planned": QCoreApplication.translate("UnitTexts", "Not started"),
        "in_progress": QCoreApplication.translate("UnitTexts", "Under way"),
        "done": QCoreApplication.translate("UnitTexts", "Done"),
        "cancelled": QCoreApplication.translate("UnitTexts", "Cancelled"),
        "draft": QCoreApplication.translate("UnitTexts", "Draft"),
        "signed": QCoreApplication.translate("UnitTexts", "Signed"),
        "closed": QCoreApplication.translate("UnitTexts", "Closed"),
    }
    return names.get(status, status)


def label_kind_name(kind: str) -> str:
    names = {
        "link": QCoreApplication.translate("UnitTexts", "Link (联)"),
        "fix": QCoreApplication.translate("UnitTexts", "Fix (定)"),
    }
    return names.get(kind, kind)


def measure_name(measure: str) -> str:
    names = {
        "attendance": QCoreApplication.translate("UnitTexts", "Meetings attended"),
        "topics": QCoreApplication.translate("UnitTexts", "Topics proposed"),
        "claims": QCoreApplication.translate("UnitTexts", "Projects claimed"),
        "deliveries": QCoreApplication.translate("UnitTexts", "Projects delivered"),
        "resources_offered": QCoreApplication.translate("UnitTexts", "Resources offered"),
        "resources_used": QCoreApplication.translate("UnitTexts", "Resource uses"),
        "service_hours": QCoreApplication.translate("UnitTexts", "Service hours"),
        "overdue_resolutions": QCoreApplication.translate("UnitTexts", "Overdue resolutions"),
    }
    return names.get(measure, measure)


def month_name(month: int) -> str:
    return QCoreApplication.translate("UnitTexts", "Month {0}").format(month)


def optional_date(day: dt.date | None) -> str:
    return format_date(day) if day is not None else "—"


def number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def describe_input_error(error: Exception) -> str:
    """One sentence for a refused input; other failures go to the shared describer."""
    if not isinstance(error, InputError):
        return describe_failure(error)
    d = {k: _text(v) for k, v in error.details.items()}
    code = error.code
    if code == "unknown_unit":
        return QCoreApplication.translate(
            "UnitTexts", "There is no unit “{0}” in the roster; choose one from the roster or add it first."
        ).format(d.get("unit", ""))
    if code == "unknown_community":
        return QCoreApplication.translate(
            "UnitTexts", "There is no community “{0}” in this street; check the name against the street's communities."
        ).format(d.get("community", ""))
    if code == "not_municipal":
        return QCoreApplication.translate(
            "UnitTexts", "“{0}” is not a city-level unit; only city-level units are paired with communities."
        ).format(d.get("unit", ""))
    if code == "already_claimed":
        return QCoreApplication.translate("UnitTexts", "{0} has already claimed “{1}”.").format(
            d.get("unit", ""), d.get("project", ""))
    if code == "already_delivered":
        return QCoreApplication.translate("UnitTexts", "This claim has already been reported as delivered.")
    if code == "project_closed":
        return QCoreApplication.translate(
            "UnitTexts", "“{0}” is delivered or cancelled; it can no longer be claimed.").format(d.get("project", ""))
    if code == "date_order":
        return QCoreApplication.translate(
            "UnitTexts", "The date {1} is before {0}; check the dates.").format(d.get("start", ""), d.get("end", ""))
    if code == "bad_weight":
        return QCoreApplication.translate(
            "UnitTexts", "The weight of “{0}” is “{1}”, which is not a number; write a number such as 2, 0.5 or -5."
        ).format(measure_name(d.get("measure", "")), d.get("text", ""))
    if code == "past_scheme_locked":
        return QCoreApplication.translate(
            "UnitTexts", "The weights of {0} are locked because that year's scores are history; set this year's "
            "weights instead.").format(d.get("year", ""))
    if code == "progress_out_of_range":
        return QCoreApplication.translate(
            "UnitTexts", "Progress must be a whole number from 0 to 100 %; “{0}” is not.").format(d.get("progress", ""))
    if code == "due_before_year":
        return QCoreApplication.translate(
            "UnitTexts", "The due date {0} is before the agreement year {1}; an item falls due in its agreement's year "
            "or later.").format(d.get("due", ""), d.get("year", ""))
    if code == "bad_year":
        return QCoreApplication.translate("UnitTexts", "{0} is not a year this board accepts.").format(d.get("year", ""))
    if code == "empty_title":
        return QCoreApplication.translate("UnitTexts", "The name or title cannot be empty; write one.")
    if code == "duplicate":
        return QCoreApplication.translate("UnitTexts", "That record already exists; edit the existing one instead.")
    if code == "bad_position":
        return QCoreApplication.translate("UnitTexts", "The position must be a number from 1 to 20.")
    if code == "unknown_label":
        return QCoreApplication.translate(
            "UnitTexts", "There is no label “{0}”; add it in the label editor first.").format(d.get("label", ""))
    return QCoreApplication.translate(
        "UnitTexts", "That record is no longer in the database; refresh the page and try again.")


def setup_table(view: QTableView, *, stretch_column: int | None = None) -> None:
    """The common look of the area's tables: whole-row selection, no editing, sortable."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(28)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch_column is None)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order the query gave, until a header is clicked


def compact_combos(*combos: QComboBox, chars: int = 10) -> None:
    """Combo boxes that do not grow to their longest entry (long unit names would widen the page)."""
    for combo in combos:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)


def settle_layouts() -> None:
    """Apply the layout changes new texts asked for now, so a grab right after shows them laid out."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
