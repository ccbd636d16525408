"""Words of the street area: the bodies, the set-up reasons, the roles (code → translated word)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from db.imports.records import ImportFileError
from db.street.services import SetupReject
from db.street.setup import column_label, sheet_title


def body_label(body: str) -> str:
    names = {
        "street": QCoreApplication.translate("StreetTexts", "Street"),
        "communities": QCoreApplication.translate("StreetTexts", "Communities"),
        "grids": QCoreApplication.translate("StreetTexts", "Grids"),
        "workers": QCoreApplication.translate("StreetTexts", "Grid workers"),
        "term": QCoreApplication.translate("StreetTexts", "Committee term"),
        "members": QCoreApplication.translate("StreetTexts", "Committee members"),
        "handling_units": QCoreApplication.translate("StreetTexts", "Handling units"),
        "municipal": QCoreApplication.translate("StreetTexts", "Municipal departments"),
        "categories": QCoreApplication.translate("StreetTexts", "Case categories"),
        "users": QCoreApplication.translate("StreetTexts", "App users"),
    }
    return names.get(body, body)


def reason_text(reject: SetupReject) -> str:
    d = reject.detail
    texts = {
        "required": QCoreApplication.translate("StreetTexts", "is required but blank"),
        "too_long": QCoreApplication.translate("StreetTexts", "is longer than {0} characters").format(d),
        "out_of_range": QCoreApplication.translate("StreetTexts", "is outside the allowed range {0}").format(d),
        "bad_number": QCoreApplication.translate("StreetTexts", "is not a whole number"),
        "bad_date": QCoreApplication.translate("StreetTexts", "is not a date"),
        "bad_flag": QCoreApplication.translate("StreetTexts", "is not yes (是) or no (否)"),
        "unknown_value": QCoreApplication.translate("StreetTexts", "is not one of the words of the drop-down list"),
        "missing_sheet": QCoreApplication.translate("StreetTexts", "the workbook has no sheet named {0}").format(d),
        "missing_columns": QCoreApplication.translate("StreetTexts", "the sheet lacks the columns {0}; copy them from "
                                                      "the template (streetboard setup template)").format(d),
        "second_street": QCoreApplication.translate("StreetTexts", "this database already holds the street {0}; one "
                                                    "database describes one street").format(d),
        "one_street_row": QCoreApplication.translate("StreetTexts", "the street sheet holds one street; this row is a "
                                                     "second one"),
        "bad_street_code": QCoreApplication.translate("StreetTexts", "is not a 9-digit administrative code of a street "
                                                      "(6-digit district code + 3-digit street code)"),
        "no_street": QCoreApplication.translate("StreetTexts", "there is no street yet: fill in the street first"),
        "duplicate": QCoreApplication.translate("StreetTexts", "the same value is already in row {0}").format(d),
        "taken": QCoreApplication.translate("StreetTexts", "is already used by {0}").format(d),
        "unknown_community": QCoreApplication.translate("StreetTexts", "is not a community of the street"),
        "unknown_grid": QCoreApplication.translate("StreetTexts", "is not a grid code or grid name of the street"),
        "ambiguous_grid": QCoreApplication.translate("StreetTexts", "several grids have this name; give the grid code"),
        "bad_grid_code": QCoreApplication.translate("StreetTexts", "does not follow the scheme street code + community "
                                                    "number + grid number; it should be {0}").format(d),
        "no_term": QCoreApplication.translate("StreetTexts", "there is no committee term: fill in the term first"),
        "date_order": QCoreApplication.translate("StreetTexts", "the term ends before it starts"),
    }
    return texts.get(reject.reason, reject.message)


def describe_reject(reject: SetupReject) -> str:
    """``网格 表第3行 所属社区 “X”：不是本街道的社区``."""
    column = column_label(reject.body, reject.column)
    value = f"“{reject.value}”" if reject.value else ""
    return QCoreApplication.translate("StreetTexts", "Sheet {0}, row {1}, {2} {3}: {4}").format(
        sheet_title(reject.body), reject.row, column, value, reason_text(reject)).replace("  ", " ")


def describe_workbook_error(error: ImportFileError) -> str:
    """One sentence for a set-up workbook that cannot be read at all."""
    name = Path(error.path).name
    if error.reason == "missing":
        return QCoreApplication.translate("StreetTexts", "The file {0} does not exist.").format(error.path)
    if error.reason in ("unsupported_type", "mismatch", "encoding"):
        return QCoreApplication.translate("StreetTexts", "{0} is not an Excel workbook (.xlsx); save the set-up "
                                          "workbook as .xlsx and read it again.").format(name)
    return QCoreApplication.translate("StreetTexts", "{0} cannot be read as a workbook (it may be empty, damaged or "
                                      "password-protected).").format(name)
