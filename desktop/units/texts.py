"""Words for the units page: unit kinds, attendance, list statuses, measures, months.

Each function returns the translated word for a database code (unknown codes come back as they
are). Refused input is described by :func:`desktop.core.messages.describe`; the one code whose details need
the area's words (a scoring measure's name) is registered here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from db.core.errors import InputError
from desktop.core.formatting import format_date
from desktop.core.messages import register


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


def _bad_weight(error: InputError) -> str:
    return QCoreApplication.translate(
        "UnitTexts", "The weight of “{0}” is “{1}”, which is not a number; write a number such as 2, 0.5 or -5."
    ).format(measure_name(str(error.details.get("measure", ""))), error.details.get("text", ""))


register(InputError, _bad_weight, key="bad_weight")
