"""One sentence for an input a service refused (:class:`db.core.errors.InputError`, raised by the
units, pairings and street services), registered with :mod:`desktop.core.messages`; the
areas whose services raise it import this module in their package.

The strings keep the context "UnitTexts" they were translated in.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from db.core.errors import InputError
from desktop.core.formatting import format_date
from desktop.core.messages import register


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _refused(error: InputError) -> str:
    """One sentence for a refused input (an area whose details need its own words registers that code)."""
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
        ).format(d.get("measure", ""), d.get("text", ""))
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


register(InputError, _refused)
