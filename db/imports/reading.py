"""Reading files for the import engine: sniffing, decoding, the header row, parsing
and validating fields."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from db.imports.records import Field, ImportFileError, RecordSpec, Reject, SourceTable

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


