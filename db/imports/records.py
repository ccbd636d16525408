"""The import engine's vocabulary: errors and reasons, fields, profiles, the source table,
counts and results, and the record-spec protocol each kind of record implements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from sqlalchemy.orm import Session

Progress = Callable[[str, float], None]  # stage ("read", "validate", "write"), fraction 0..1
Cancelled = Callable[[], bool]

WRITE_BATCH = 2000


# --------------------------------------------------------------------------- errors and reasons


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing was written.

    ``reason`` is one of ``missing`` · ``empty`` · ``unsupported_type`` · ``mismatch`` (the
    content is not what the name says; ``detail`` names what it looks like: ``text``, ``word``,
    ``zip``, ``xls``, ``xlsx``, ``pdf``, ``binary``) · ``encoding`` · ``unreadable`` ·
    ``no_header`` · ``no_rows`` · ``unknown_layout`` (no profile fits the columns) ·
    ``unknown_profile`` · ``missing_columns`` (``detail``: the missing headers, joined by "、") ·
    ``no_street`` (the records need the street, and the database has none yet).
    """

    MESSAGES: Mapping[str, str] = {
        "missing": "The file {path} does not exist.",
        "empty": "The file {path} is empty.",
        "unsupported_type": "{path} is not a spreadsheet or CSV file (.xlsx, .xls or .csv).",
        "mismatch": "{path} is not what its name says: its content looks like {detail}.",
        "encoding": "{path} is neither UTF-8 nor GB18030 text.",
        "unreadable": "{path} cannot be read as a spreadsheet: {detail}",
        "no_header": "{path} has no header row with column names.",
        "no_rows": "{path} has a header row but no data rows.",
        "unknown_layout": "No import profile matches the columns of {path}; choose one of: {detail}.",
        "unknown_profile": "There is no import profile called {detail}.",
        "missing_columns": "{path} lacks the columns the profile needs: {detail}.",
        "no_street": "The database has no street yet; set up the street first.",
    }

    def __init__(self, reason: str, path: str | Path, detail: str = ""):
        self.reason = reason
        self.path = str(path)
        self.detail = detail
        super().__init__(self.MESSAGES.get(reason, "{path}: {detail}").format(path=self.path, detail=detail))


class ImportCancelled(Exception):
    """Raised inside the caller's transaction when ``cancelled()`` turned true: roll back."""


#: Row-level reasons: code → English text (``{0}`` is :attr:`Reject.detail`).
REASONS: Mapping[str, str] = {
    "required": "is required but blank",
    "bad_date": "is not a date or time",
    "bad_number": "is not a whole number",
    "out_of_range": "is outside the allowed range {0}",
    "too_long": "is longer than {0} characters",
    "bad_flag": "is not yes or no",
    "unknown_value": "is not one of the known values",
    "duplicate_key": "the same key appears in row {0} with different content",
    "closed_before_reported": "closes before it was reported",
    "deadline_before_reported": "the deadline is before the report time",
    "closed_without_time": "the state says closed but there is no close time",
    "closed_time_on_open_case": "has a close time but the state is still open",
    "unknown_category": "is not a category in the database",
    "unknown_community": "is not a community in the database",
    "unknown_grid": "is not a grid code or grid name in the database",
    "grid_not_in_community": "the grid belongs to another community",
}


@dataclass(frozen=True)
class Reject:
    """One problem with one row: where (row as the user numbers it, column header), what, why."""

    row: int
    column: str
    value: str
    reason: str
    detail: str = ""

    @property
    def message(self) -> str:
        return REASONS.get(self.reason, self.reason).format(self.detail)


# --------------------------------------------------------------------------- fields and profiles


@dataclass(frozen=True)
class Field:
    """A target field of a record kind and how a source cell becomes its value.

    ``kind``: ``text`` (one line, inner whitespace runs collapsed), ``multiline`` (line breaks
    kept, blank lines collapsed), ``datetime`` (text in :data:`DATE_FORMATS`, Excel serial
    numbers, date-only), ``int`` (``low``..``high``, or a word from ``words``), ``flag``
    (是/否/yes/no/1/0/Y/N/✓) or ``choice`` (a word from ``words``, case-insensitive).
    """

    key: str
    label: str
    kind: str = "text"
    required: bool = False
    max_length: int | None = None
    low: int | None = None
    high: int | None = None
    words: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Profile:
    """A mapping from a file layout to a record kind's fields.

    ``columns`` maps a field key to the source header(s) that feed it: the first header present in
    the file wins (so one profile can accept 一级分类 or 分类).  ``options`` carry the spec's
    per-profile settings (state words, default deadline, category policy …).  A profile saved by
    a user has ``saved_id``; built-in ones do not.
    """

    key: str
    name: str
    kind: str
    source_key: str
    columns: Mapping[str, tuple[str, ...]]
    options: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""
    saved_id: int | None = None

    @property
    def builtin(self) -> bool:
        return self.saved_id is None

    def with_columns(self, columns: Mapping[str, str | None]) -> Profile:
        """A copy mapping each field to exactly one header (``None`` or "" leaves it unmapped)."""
        return replace(self, columns={k: (v,) for k, v in columns.items() if v})

    def known_headers(self) -> set[str]:
        return {h for names in self.columns.values() for h in names}


@dataclass(frozen=True)
class SourceTable:
    """A file read into a DataFrame of raw cells.

    ``frame`` holds the data rows (object dtype, column names are the cleaned header texts) and is
    indexed by the row number the user sees; fully blank rows are already dropped.
    """

    path: str
    file_kind: str  # xlsx / xls / csv
    encoding: str | None  # csv only: utf-8, utf-8-sig, utf-16, gb18030
    sheet: str | None
    header_row: int
    frame: pd.DataFrame
    blank_rows: int = 0

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame.columns]

    def preview(self, rows: int = 20) -> pd.DataFrame:
        return self.frame.head(rows)


@dataclass(frozen=True)
class ImportCounts:
    """``read`` = ``imported + updated + unchanged + rejected + duplicates`` (phantom rows excluded)."""

    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicates: int = 0  # exact repeats of an earlier row, counted once


@dataclass(frozen=True)
class WriteOutcome:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    #: spec-specific figures worth telling the user, e.g. ("catch_all", 12), ("created_units", 3)
    notes: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class ImportResult:
    profile: Profile
    file_kind: str
    encoding: str | None
    sheet: str | None
    counts: ImportCounts
    rejects: tuple[Reject, ...]
    notes: tuple[tuple[str, int], ...]
    written: bool  # False: a dry run, or rejects without accept_valid
    dry_run: bool
    seconds: float
    run_id: int | None = None

    @property
    def blocked(self) -> bool:
        """Rejects stopped the import (all-or-nothing)."""
        return bool(self.rejects) and not self.written and not self.dry_run

    def note(self, key: str) -> int:
        return dict(self.notes).get(key, 0)


@dataclass
class WriteContext:
    """What a spec's ``write`` gets besides the rows: who, which file, progress and cancel."""

    actor: str
    file_name: str
    now: dt.datetime
    dry_run: bool
    progress: Callable[[float], None]
    cancelled: Cancelled

    def check(self) -> None:
        if self.cancelled():
            raise ImportCancelled()


@dataclass(frozen=True)
class Checked:
    """A spec's verdict on the parsed rows: the rows (with resolved references) and rejects."""

    frame: pd.DataFrame
    rejects: list[Reject]
    notes: tuple[tuple[str, int], ...] = ()


class RecordSpec(Protocol):
    """What a record kind supplies to the engine."""

    kind: str  # stored in import_profile.kind / import_run.kind, e.g. "cases"
    fields: tuple[Field, ...]
    key_fields: tuple[str, ...]  # identify a record within one source_key

    def builtin_profiles(self) -> tuple[Profile, ...]: ...

    def check(self, session: Session, frame: pd.DataFrame, profile: Profile,
              mapping: Mapping[str, str]) -> Checked:
        """Record-level rules and reference look-ups (read-only); ``frame`` is indexed by row number."""
        ...

    def write(self, session: Session, frame: pd.DataFrame, profile: Profile,
              mapping: Mapping[str, str], context: WriteContext) -> WriteOutcome:
        """Insert/update the valid rows inside the caller's transaction (nothing on a dry run)."""
        ...


def is_blank(value: Any) -> bool:
    """A parsed cell holding nothing (None, NA, NaT or NaN): what a spec never writes over a value."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value))


def cell_text(value: Any) -> str:
    """A parsed cell as text, blank as ""."""
    return "" if is_blank(value) else str(value)
