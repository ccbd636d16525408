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

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.core import clock
from db.imports.reading import _RUNS, _duplicates, parse_fields, read_table
from db.imports.records import (
    Field,
    ImportCancelled,
    ImportCounts,
    ImportFileError,
    ImportResult,
    Profile,
    RecordSpec,
    Reject,
    SourceTable,
    WriteContext,
    WriteOutcome,
)
from db.schema.imports import ImportProfile, ImportRun

Progress = Callable[[str, float], None]  # stage ("read", "validate", "write"), fraction 0..1
Cancelled = Callable[[], bool]

WRITE_BATCH = 2000


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
            now=clock.now(),
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
