"""A generic, Qt-free engine for importing records from spreadsheets and CSV files.

    result = run(session, CASE_SPEC, "cases.xlsx", progress=report, cancelled=stop.is_set)

The engine reads a file into a DataFrame (xlsx/xls with pandas' calamine engine; csv in UTF-8,
UTF-8 with BOM, UTF-16 or GB18030, detected and reported), finds the header row and the mapping
*profile* (source column → field), parses and validates every row with vectorised pandas, and
hands the valid rows to the record kind's :class:`RecordSpec` to write.  Everything that is
specific to a kind of record (cases, units, pairings) lives in its spec; everything here is
shared.

Rules the engine enforces for every kind:

* whitespace junk (tabs, newlines, NBSP, full-width and zero-width spaces) is trimmed;
* fully blank rows (the phantom rows spreadsheets keep at the end of a sheet) are ignored and
  not counted;
* rows are numbered as the user sees them in Excel or a CSV viewer (the header is row 1);
* the same key twice with different content rejects both rows, each naming the other; an exact
  repeat is counted once and reported as a duplicate;
* all-or-nothing by default: with any reject nothing is written; ``accept_valid=True`` writes the
  valid rows.  The caller owns the transaction (one ``session.begin()``), so a failure or a
  cancel (:class:`ImportCancelled`) raised here rolls back everything, including any reference
  rows the spec created;
* a file that is not what its name says, is empty or cannot be decoded raises
  :class:`ImportFileError` with a ``reason`` code before anything is written.

Reasons are stable codes with English text; the desktop layer translates them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import time
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import ImportProfile, ImportRun

__all__ = [
    "Field",
    "ImportCancelled",
    "ImportCounts",
    "ImportFileError",
    "ImportResult",
    "Profile",
    "RecordSpec",
    "Reject",
    "SourceTable",
    "WriteContext",
    "WriteOutcome",
    "detect_profile",
    "list_profiles",
    "read_table",
    "resolve_mapping",
    "run",
    "save_profile",
    "write_report",
]

Progress = Callable[[str, float], None]  # stage ("read", "validate", "write"), fraction 0..1
Cancelled = Callable[[], bool]

#: Whitespace that scraped or pasted text carries: ASCII and Unicode spaces (str.isspace covers
#: NBSP U+00A0 and the ideographic space U+3000) plus zero-width characters and a stray BOM.
_JUNK = r"[\s\u200b\u200c\u200d\u2060\ufeff]"
_EDGES = re.compile(rf"^{_JUNK}+|{_JUNK}+$")
_RUNS = re.compile(rf"{_JUNK}+")
_AROUND_NEWLINES = re.compile(r"[ \t\u00a0\u3000\u200b\ufeff]*\r?\n[\s\u200b\ufeff]*")
_INLINE_JUNK = re.compile(r"[\t\u00a0\u200b\u200c\u200d\u2060\ufeff]+")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
#: Text date formats tried in order (month-first for US exports; day-first is not guessed).
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H时%M分",
    "%Y年%m月%d日",
    "%Y%m%d%H%M%S",
    "%Y%m%d",
)
_SERIAL_MIN, _SERIAL_MAX = 1.0, 2_958_465.0  # 1900-01-01 .. 9999-12-31 as Excel day numbers
_HEADER_SCAN_ROWS = 10
WRITE_BATCH = 2000


# --------------------------------------------------------------------------- errors and reasons


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing was written.

    ``reason`` is one of ``missing`` · ``empty`` · ``unsupported_type`` · ``mismatch`` (the
    content is not what the name says; ``detail`` names what it looks like: ``text``, ``word``,
    ``zip``, ``xls``, ``xlsx``, ``pdf``, ``binary``) · ``encoding`` · ``unreadable`` ·
    ``no_header`` · ``no_rows`` · ``unknown_layout`` (no profile fits the columns) ·
    ``unknown_profile`` · ``missing_columns`` (``detail``: the missing headers, joined by "、").
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
    "unknown_grid": "is not a grid code in the database",
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


# --------------------------------------------------------------------------- reading files


def _sniff(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    if b"\x00" in head:
        return "binary"
    return "text"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return "binary"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "word"
    if "ppt/presentation.xml" in names:
        return "powerpoint"
    return "zip"


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError("encoding", path) from exc
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding, errors="strict"), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError("encoding", path)


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", "\t", ";", "|")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _cell_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _RUNS.sub(" ", str(value)).strip()


def _header_row(raw: pd.DataFrame, known: set[str]) -> int | None:
    """Index (0-based) of the header row among the first rows: the best match with known headers,
    else the first row with two or more non-blank cells."""
    best, best_hits, first_filled = None, 0, None
    for i in range(min(_HEADER_SCAN_ROWS, len(raw))):
        cells = [_cell_text(v) for v in raw.iloc[i].tolist()]
        filled = sum(1 for c in cells if c)
        if first_filled is None and filled >= min(2, raw.shape[1]) and filled:
            first_filled = i
        hits = sum(1 for c in cells if c in known)
        if hits > best_hits:
            best, best_hits = i, hits
    return best if best_hits >= 2 else first_filled


def read_table(path: str | Path, *, known_headers: Iterable[str] = (), sheet: str | int | None = None) -> SourceTable:
    """Read ``path`` into a :class:`SourceTable`, refusing files that are not what they claim."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError("missing", path)
    if path.stat().st_size == 0:
        raise ImportFileError("empty", path)
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(4096)
    sniffed = _sniff(head)
    if sniffed == "zip":
        sniffed = _zip_kind(path)
    if suffix in (".xlsx", ".xlsm"):
        expected, file_kind = "xlsx", "xlsx"
    elif suffix == ".xls":
        expected, file_kind = "xls", "xls"
    elif suffix in (".csv", ".txt", ".tsv"):
        expected, file_kind = "text", "csv"
    else:
        raise ImportFileError("unsupported_type", path)
    if sniffed != expected:
        raise ImportFileError("mismatch", path, sniffed)

    encoding: str | None = None
    sheet_name: str | None = None
    if file_kind == "csv":
        text, encoding = _decode(path.read_bytes(), path)
        if not text.strip(" \t\r\n\ufeff\u3000\u00a0"):
            raise ImportFileError("empty", path)
        try:
            raw = pd.read_csv(io.StringIO(text), sep=_delimiter(text), header=None, dtype=str,
                              keep_default_na=False, na_filter=False, skip_blank_lines=False,
                              engine="c")
        except (pd.errors.ParserError, ValueError) as exc:
            raise ImportFileError("unreadable", path, str(exc).strip().splitlines()[0]) from exc
    else:
        try:
            with pd.ExcelFile(path, engine="calamine") as book:
                sheet_name = sheet if isinstance(sheet, str) else book.sheet_names[sheet or 0]
                raw = pd.read_excel(book, sheet_name=sheet_name, header=None, dtype=object)
        except Exception as exc:  # noqa: BLE001 - calamine raises many kinds; one sentence for all
            raise ImportFileError("unreadable", path, str(exc).strip().splitlines()[0] if str(exc) else "") from exc
    if raw.empty:
        raise ImportFileError("empty", path)

    known = set(known_headers)
    header = _header_row(raw, known)
    if header is None:
        raise ImportFileError("no_header", path)
    names = _unique_headers([_cell_text(v) for v in raw.iloc[header].tolist()])
    data = raw.iloc[header + 1:].copy()
    data.columns = names
    data = data.loc[:, [n for n in names if not n.startswith("\x00")]]
    data.index = pd.RangeIndex(header + 2, header + 2 + len(data), name="row")
    blank = _blank_mask(data)
    blank_rows = int(blank.sum())
    data = data.loc[~blank]
    if data.empty:
        raise ImportFileError("no_rows", path)
    return SourceTable(str(path), file_kind, encoding, sheet_name, header + 1, data, blank_rows)


def _unique_headers(cells: list[str]) -> list[str]:
    """Header texts; a blank header column is kept under a hidden name, repeats get a suffix."""
    seen: dict[str, int] = {}
    out = []
    for i, cell in enumerate(cells):
        name = cell or f"\x00{i}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _blank_mask(frame: pd.DataFrame) -> pd.Series:
    """Rows whose every cell is empty or whitespace junk."""
    mask = pd.Series(True, index=frame.index)
    only_junk = f"{_JUNK}*"
    for column in frame.columns:
        col = frame[column]
        filled = col.notna()
        if filled.any():
            filled[filled] = ~col[filled].astype(str).str.fullmatch(only_junk)
        mask &= ~filled
    return mask


# --------------------------------------------------------------------------- profiles


def list_profiles(session: Session | None, spec: RecordSpec) -> list[Profile]:
    """Built-in profiles, then the ones users saved for this kind (by name)."""
    profiles = list(spec.builtin_profiles())
    if session is not None:
        rows = session.scalars(select(ImportProfile).where(ImportProfile.kind == spec.kind)
                               .order_by(ImportProfile.name))
        for row in rows:
            profiles.append(Profile(
                key=f"saved:{row.id}", name=row.name, kind=row.kind, source_key=row.source_key,
                columns={k: tuple(v) if isinstance(v, list) else (v,) for k, v in (row.columns or {}).items()},
                options=dict(row.options or {}), description=row.base, saved_id=row.id,
            ))
    return profiles


def find_profile(profiles: Sequence[Profile], name: str, path: str | Path = "") -> Profile:
    """A profile by key or (saved) name."""
    for p in profiles:
        if p.key == name or p.name == name:
            return p
    raise ImportFileError("unknown_profile", path, name)


def save_profile(session: Session, spec: RecordSpec, name: str, base: Profile,
                 columns: Mapping[str, str | None], options: Mapping[str, Any] | None = None) -> Profile:
    """Store a user's mapping as a profile every PC sees (replacing one of the same name)."""
    name = _RUNS.sub(" ", name).strip()
    if not name:
        raise ValueError("a profile needs a name")
    mapping = {k: v for k, v in columns.items() if v}
    merged_options = {**base.options, **(options or {})}
    row = session.scalar(select(ImportProfile).where(ImportProfile.name == name))
    base_key = base.description if base.saved_id is not None else base.key
    if row is None:
        row = ImportProfile(name=name, kind=spec.kind, base=base_key, source_key=base.source_key,
                            columns=mapping, options=merged_options,
                            created_by=str(session.info.get("actor", "")))
        session.add(row)
    else:
        row.kind, row.base, row.source_key = spec.kind, base_key, base.source_key
        row.columns, row.options = mapping, merged_options
    session.flush()
    return Profile(key=f"saved:{row.id}", name=name, kind=spec.kind, source_key=base.source_key,
                   columns={k: (v,) for k, v in mapping.items()}, options=merged_options,
                   description=base_key, saved_id=row.id)


def resolve_mapping(spec: RecordSpec, profile: Profile, columns: Sequence[str]) -> dict[str, str]:
    """field → the header in this file that feeds it (first alternative present)."""
    present = set(columns)
    mapping: dict[str, str] = {}
    for f in spec.fields:
        for header in profile.columns.get(f.key, ()):
            if header in present:
                mapping[f.key] = header
                break
    return mapping


def missing_required(spec: RecordSpec, mapping: Mapping[str, str]) -> list[Field]:
    return [f for f in spec.fields if f.required and f.key not in mapping]


def detect_profile(spec: RecordSpec, profiles: Sequence[Profile], columns: Sequence[str]) -> Profile | None:
    """The profile whose required columns are all present and which maps the most columns."""
    best, best_score = None, 0
    for p in profiles:
        mapping = resolve_mapping(spec, p, columns)
        if not mapping or missing_required(spec, mapping):
            continue
        score = len(set(mapping.values()))
        if score > best_score:
            best, best_score = p, score
    return best


# --------------------------------------------------------------------------- parsing


def _as_text(series: pd.Series, multiline: bool) -> pd.Series:
    """Cells → trimmed text (None for blank); numbers print without a spurious ``.0``."""
    def to_str(v: Any) -> Any:
        if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, str):
            return v
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if isinstance(v, (pd.Timestamp, dt.datetime)):
            return pd.Timestamp(v).strftime("%Y-%m-%d %H:%M:%S")
        return str(v)

    raw = [to_str(v) for v in series.tolist()]
    positions = [i for i, v in enumerate(raw) if v is not None]
    result: list[Any] = [None] * len(raw)
    if positions:
        values = pd.Series([raw[i] for i in positions], dtype=object)
        if multiline:
            values = values.str.replace(_INLINE_JUNK, " ", regex=True)
            values = values.str.replace(_AROUND_NEWLINES, "\n", regex=True)
        else:
            values = values.str.replace(_RUNS, " ", regex=True)
        values = values.str.replace(_EDGES, "", regex=True)
        for i, v in zip(positions, values.tolist(), strict=True):
            result[i] = v or None
    return pd.Series(result, index=series.index, dtype=object)


def _parse_datetimes(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(datetime64 values, mask of cells that were filled but could not be read)."""
    out = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    remaining = series.notna()
    if not remaining.any():
        return out, remaining
    is_dt = series.map(lambda v: isinstance(v, (dt.datetime, dt.date, pd.Timestamp)))
    if is_dt.any():
        out[is_dt] = pd.to_datetime(series[is_dt].map(lambda v: pd.Timestamp(v)), errors="coerce")
        remaining &= ~is_dt
    numeric = pd.to_numeric(series.where(remaining), errors="coerce")
    serial = numeric.notna() & (numeric >= _SERIAL_MIN) & (numeric < 100_000)
    if serial.any():
        out[serial] = _EXCEL_EPOCH + pd.to_timedelta(numeric[serial].round(9), unit="D")
        remaining &= ~serial
    text = series.where(remaining).map(lambda v: v if isinstance(v, str) else None if v is None else str(v))
    text = text.where(remaining)
    for fmt in DATE_FORMATS:
        if not remaining.any():
            break
        parsed = pd.to_datetime(text[remaining], format=fmt, errors="coerce")
        ok = parsed.notna()
        if ok.any():
            idx = parsed.index[ok]
            out[idx] = parsed[ok]
            remaining[idx] = False
    return out.dt.floor("s"), remaining


def _normalise_word(v: Any) -> str:
    return _RUNS.sub(" ", str(v)).strip().casefold()


def _map_words(text: pd.Series, words: Mapping[str, Any]) -> pd.Series:
    lookup = {_normalise_word(k): v for k, v in words.items()}
    return pd.Series([lookup.get(_normalise_word(v)) if v is not None else None for v in text.tolist()],
                     index=text.index, dtype=object)


FLAG_WORDS = {"是": True, "否": False, "yes": True, "no": False, "y": True, "n": False, "true": True,
              "false": False, "1": True, "0": False, "✓": True, "√": True, "x": False, "督办": True}


def parse_fields(spec: RecordSpec, table: SourceTable, mapping: Mapping[str, str],
                 words: Mapping[str, Mapping[str, Any]] | None = None) -> tuple[pd.DataFrame, list[Reject]]:
    """Parse every mapped column into typed values, collecting per-cell rejects.

    Unmapped fields are present as all-blank columns, so specs can rely on every key existing.
    ``words`` overrides a field's word list (a profile's own status words, for example).
    """
    frame = table.frame
    parsed: dict[str, pd.Series] = {}
    rejects: list[Reject] = []

    def reject(mask: pd.Series, f: Field, raw: pd.Series, reason: str, detail: str = "") -> None:
        for row in mask.index[mask]:
            rejects.append(Reject(int(row), mapping[f.key], _cell_text(raw.get(row)), reason, detail))

    for f in spec.fields:
        header = mapping.get(f.key)
        if header is None:
            if f.kind == "datetime":
                parsed[f.key] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
            elif f.kind == "flag":
                parsed[f.key] = pd.Series(False, index=frame.index)
            else:
                parsed[f.key] = pd.Series(None, index=frame.index, dtype=object)
            continue
        raw = frame[header]
        text = _as_text(raw, f.kind == "multiline")
        blank = text.isna()
        if f.kind == "datetime":
            cells = pd.Series([t if isinstance(r, str) or t is None else r for r, t in zip(raw.tolist(), text.tolist(), strict=True)],
                              index=raw.index, dtype=object)
            values, bad = _parse_datetimes(cells)
            reject(bad, f, raw, "bad_date")
        elif f.kind == "int":
            table_words = (words or {}).get(f.key) or f.words or {}
            from_words = _map_words(text, table_words)
            numbers = pd.to_numeric(text.where(from_words.isna()), errors="coerce").astype(float)
            combined = from_words.astype(float).fillna(numbers)
            bad = ~blank & (combined.isna() | (combined % 1 != 0))
            reject(bad, f, raw, "bad_number")
            in_range = pd.Series(True, index=frame.index)
            if f.low is not None:
                in_range &= combined.isna() | (combined >= f.low)
            if f.high is not None:
                in_range &= combined.isna() | (combined <= f.high)
            reject(~bad & ~blank & ~in_range, f, raw, "out_of_range", f"{f.low}–{f.high}")
            values = combined.where(~bad & in_range).astype("Int64")
        elif f.kind == "flag":
            flags = text.map(lambda v: FLAG_WORDS.get(_normalise_word(v)) if v is not None else False)
            bad = flags.isna()
            reject(bad, f, raw, "bad_flag")
            values = flags.fillna(False).astype(bool)
        elif f.kind == "choice":
            table_words = (words or {}).get(f.key) or f.words or {}
            values = _map_words(text, table_words)
            reject(~blank & values.isna(), f, raw, "unknown_value")
        else:
            values = text
            if f.max_length is not None:
                too_long = (text.str.len() > f.max_length).fillna(False).astype(bool)
                reject(too_long, f, raw, "too_long", str(f.max_length))
                values = text.where(~too_long, None)
        if f.required:
            reject(blank, f, raw, "required")
        parsed[f.key] = values
    return pd.DataFrame(parsed, index=frame.index), rejects


def _duplicates(spec: RecordSpec, parsed: pd.DataFrame, mapping: Mapping[str, str],
                rejected_rows: set[int]) -> tuple[list[Reject], list[int]]:
    """Rejects for keys repeated with different content, and the rows that exactly repeat one before."""
    keys = list(spec.key_fields)
    candidates = parsed.loc[~parsed.index.isin(list(rejected_rows))]
    candidates = candidates.dropna(subset=keys)
    dup = candidates.duplicated(subset=keys, keep=False)
    if not dup.any():
        return [], []
    rejects: list[Reject] = []
    repeats: list[int] = []
    column = mapping.get(keys[0], keys[0])
    for _key, group in candidates.loc[dup].groupby(keys, sort=False):
        rows = [int(r) for r in group.index]
        signatures = [tuple(_signature(v) for v in group.loc[r].tolist()) for r in group.index]
        if len(set(signatures)) == 1:
            repeats.extend(rows[1:])
            continue
        for row in rows:
            others = "、".join(str(o) for o in rows if o != row)
            rejects.append(Reject(row, column, str(group.loc[row, keys[0]]), "duplicate_key", others))
    return rejects, repeats


def _signature(value: Any) -> Any:
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if value is pd.NA:
        return None
    return value


# --------------------------------------------------------------------------- the run


def run(
    session: Session,
    spec: RecordSpec,
    source: str | Path | SourceTable,
    *,
    profile: Profile | str | None = None,
    columns: Mapping[str, str | None] | None = None,
    accept_valid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    actor: str | None = None,
) -> ImportResult:
    """Import ``source`` inside the caller's transaction and return what happened.

    ``profile``: a :class:`Profile`, a profile key/name, or ``None`` to detect it from the headers.
    ``columns`` overrides the profile's mapping (field → header; the wizard's mapping editor).
    With rejects and ``accept_valid=False`` nothing is written. ``dry_run`` validates and counts
    what would be imported, updated and unchanged without writing.  ``cancelled()`` is polled
    between stages and batches; when it turns true :class:`ImportCancelled` is raised and the
    caller's transaction must roll back (``session.begin()`` does).
    """
    started = time.perf_counter()
    report = progress or (lambda _stage, _fraction: None)
    is_cancelled = cancelled or (lambda: False)

    def checkpoint() -> None:
        if is_cancelled():
            raise ImportCancelled()

    profiles = list_profiles(session, spec)
    report("read", 0.0)
    if isinstance(source, SourceTable):
        table = source
    else:
        known = {h for p in profiles for h in p.known_headers()}
        table = read_table(source, known_headers=known)
    checkpoint()
    report("read", 1.0)

    if isinstance(profile, str):
        chosen = find_profile(profiles, profile, table.path)
    elif profile is None:
        chosen = detect_profile(spec, profiles, table.columns)
        if chosen is None:
            raise ImportFileError("unknown_layout", table.path, ", ".join(p.key for p in profiles if p.builtin))
    else:
        chosen = profile
    if columns is not None:
        chosen = chosen.with_columns(columns)
    mapping = resolve_mapping(spec, chosen, table.columns)
    missing = missing_required(spec, mapping)
    if missing:
        wanted = [(chosen.columns.get(f.key) or (f.label,))[0] for f in missing]
        raise ImportFileError("missing_columns", table.path, "、".join(wanted))

    report("validate", 0.0)
    parsed, rejects = parse_fields(spec, table, mapping, chosen.options.get("words"))
    checkpoint()
    report("validate", 0.4)
    bad_rows = {r.row for r in rejects}
    dup_rejects, repeats = _duplicates(spec, parsed, mapping, bad_rows)
    rejects += dup_rejects
    parsed = parsed.drop(index=repeats)
    checked = spec.check(session, parsed, chosen, mapping)
    rejects += checked.rejects
    checkpoint()
    report("validate", 1.0)

    rejected_rows = {r.row for r in rejects}
    rejects.sort(key=lambda r: (r.row, r.column))
    valid = checked.frame.loc[~checked.frame.index.isin(list(rejected_rows))]
    read = len(table.frame)
    base_counts = ImportCounts(read=read, rejected=len(rejected_rows), duplicates=len(repeats))
    should_write = not rejected_rows or accept_valid
    outcome = WriteOutcome()
    run_id = None
    if should_write or dry_run:
        context = WriteContext(
            actor=actor if actor is not None else str(session.info.get("actor", "")),
            file_name=Path(table.path).name,
            now=dt.datetime.now().replace(microsecond=0),
            dry_run=dry_run,
            progress=lambda fraction: report("write", fraction),
            cancelled=is_cancelled,
        )
        outcome = spec.write(session, valid, chosen, mapping, context)
        checkpoint()
        if not dry_run and should_write:
            run_id = _record_run(session, spec, table, chosen, context, base_counts, outcome, accept_valid)
    report("write", 1.0)
    counts = replace(base_counts, imported=outcome.imported, updated=outcome.updated, unchanged=outcome.unchanged)
    return ImportResult(
        profile=chosen, file_kind=table.file_kind, encoding=table.encoding, sheet=table.sheet,
        counts=counts, rejects=tuple(rejects), notes=tuple(checked.notes) + outcome.notes,
        written=should_write and not dry_run, dry_run=dry_run, seconds=time.perf_counter() - started,
        run_id=run_id,
    )


def _record_run(session: Session, spec: RecordSpec, table: SourceTable, profile: Profile, context: WriteContext,
                counts: ImportCounts, outcome: WriteOutcome, accept_valid: bool) -> int:
    return session.execute(insert(ImportRun).returning(ImportRun.id), [{
        "kind": spec.kind, "file_name": context.file_name[:255], "profile": profile.key[:60],
        "source_key": profile.source_key, "encoding": table.encoding or table.file_kind,
        "rows_read": counts.read, "imported": outcome.imported, "updated": outcome.updated,
        "unchanged": outcome.unchanged, "rejected": counts.rejected, "duplicates": counts.duplicates,
        "accept_valid": accept_valid, "actor": context.actor[:50], "at": context.now,
    }]).scalar_one()


# --------------------------------------------------------------------------- the report


def write_report(
    path: str | Path,
    rejects: Sequence[Reject],
    *,
    headers: Sequence[str] = ("Row", "Column", "Value", "Reason", "Code"),
    describe: Callable[[Reject], str] | None = None,
    sheet_title: str = "Rejected rows",
) -> Path:
    """Every reject as a row of an xlsx: row, column, value, reason (translated by ``describe``), code."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = sheet_title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    text = describe or (lambda r: r.message)
    for r in rejects:
        sheet.append([r.row, r.column, _excel_safe(r.value), text(r), r.reason])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (8, 18, 40, 48, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    book.save(path)
    return path


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _excel_safe(value: str) -> str:
    """Control characters removed; a leading "=" would make openpyxl write a formula."""
    value = _ILLEGAL_XML.sub("", value)
    return "'" + value if value.startswith("=") else value
