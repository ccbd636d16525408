#!/usr/bin/env python3
"""Build the bundled CJK font subset for StreetBoard.

Reads the Simplified-Chinese face ("Noto Sans CJK SC") out of Debian's
fonts-noto-cjk collections, subsets it to GB2312 + common symbol blocks +
every character used by the app's sources / translations, renames the family
to "StreetBoard Sans SC" (an OFL Modified Version must not present itself
under the original name) and writes CFF-flavoured OpenType files to
resources/fonts/.

Usage (from the repository root)::

    .venv/bin/python tools/subset_font.py
    .venv/bin/python tools/subset_font.py --extra-text data/names.txt more.csv

Requires fontTools (``pip install fonttools``) and the Debian package
``fonts-noto-cjk`` (or pass --regular-ttc / --bold-ttc).
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

REPO = pathlib.Path(__file__).resolve().parent.parent
NOTO_DIR = pathlib.Path("/usr/share/fonts/opentype/noto")
SOURCE_FAMILY = "Noto Sans CJK SC"

FAMILY = "StreetBoard Sans SC"
PS_FAMILY = "StreetBoardSansSC"
OUT_DIR = REPO / "resources" / "fonts"
OUT_TEMPLATE = "NotoSansSC-StreetBoard-{style}.otf"

# Unicode blocks included in full (inclusive ranges).
RANGES: list[tuple[int, int, str]] = [
    (0x0020, 0x007E, "printable ASCII"),
    (0x00A0, 0x00FF, "Latin-1 supplement"),
    (0x2000, 0x206F, "general punctuation"),
    (0x2150, 0x218F, "number forms"),
    (0x2190, 0x21FF, "arrows"),
    (0x2460, 0x24FF, "enclosed alphanumerics"),
    (0x25A0, 0x25FF, "geometric shapes"),
    (0x3000, 0x303F, "CJK symbols and punctuation"),
    (0xFF00, 0xFFEF, "half-/full-width forms"),
]

# Repository files whose characters are always included (glob patterns
# relative to the repo root).
DEFAULT_TEXT_GLOBS = [
    "resources/translations/*.ts",
    "db/**/*.py",
    "desktop/**/*.py",
    "widgets/**/*.py",
]


def gb2312_chars() -> set[str]:
    """Every character of GB2312: symbol rows 0xA1..0xA9 and hanzi rows 0xB0..0xF7."""
    chars: set[str] = set()
    for lead in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xF8)):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def range_chars() -> set[str]:
    return {chr(cp) for lo, hi, _ in RANGES for cp in range(lo, hi + 1)}


def file_chars(paths: list[pathlib.Path]) -> set[str]:
    chars: set[str] = set()
    for p in paths:
        try:
            chars.update(p.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            chars.update(p.read_bytes().decode("utf-8", errors="ignore"))
    return chars


def repo_text_files() -> list[pathlib.Path]:
    files: set[pathlib.Path] = set()
    for pattern in DEFAULT_TEXT_GLOBS:
        files.update(p for p in REPO.glob(pattern) if p.is_file())
    return sorted(files)


def wanted_text(extra_files: list[pathlib.Path], include_repo: bool) -> str:
    chars = gb2312_chars() | range_chars()
    files = list(extra_files)
    if include_repo:
        files += repo_text_files()
    chars |= file_chars(files)
    # Control characters / surrogates have no glyphs; keep the rest.
    chars = {c for c in chars if ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF and c != "\x7f"}
    return "".join(sorted(chars))


def open_sc_face(ttc_path: pathlib.Path) -> TTFont:
    collection = TTCollection(str(ttc_path), lazy=False)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == SOURCE_FAMILY:
            # Re-open this single face standalone so it owns its tables.
            return TTFont(str(ttc_path), fontNumber=index, lazy=False)
    raise SystemExit(f"{ttc_path}: no face with family name {SOURCE_FAMILY!r}")


def rename(font: TTFont, style: str) -> None:
    """Give the subset its own family so it never collides with a system Noto."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    ps_name = f"{PS_FAMILY}-{style}"
    full_name = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    new_values = {
        1: FAMILY,
        3: f"{ps_name};StreetBoard subset of Noto Sans CJK SC;{version.split(';')[0]}",
        4: full_name,
        6: ps_name,
        16: FAMILY,
        17: style,
    }
    # Drop every existing (possibly localised) record of the names we
    # replace, then write them fresh as Windows/Unicode/English records
    # (the source face has no Macintosh records either).
    name.names = [r for r in name.names if r.nameID not in new_values]
    for name_id, value in new_values.items():
        name.setName(value, name_id, 3, 1, 0x409)
    # Keep the style name (ID 2) as-is ("Regular" / "Bold"), but make sure
    # an English record exists.
    if not name.getName(2, 3, 1, 0x409):
        name.setName(style, 2, 3, 1, 0x409)
    note = (
        "Subset of Noto Sans CJK SC, renamed to StreetBoard Sans SC "
        "(Modified Version under the SIL Open Font License 1.1)."
    )
    desc = name.getDebugName(10) or ""
    name.names = [r for r in name.names if r.nameID != 10]
    name.setName(f"{note} {desc}".strip(), 10, 3, 1, 0x409)

    # The CFF table carries PostScript-level names too (shared with the JP
    # face inside the .ttc, hence "NotoSansCJKjp-...").
    if "CFF " in font:
        cff = font["CFF "].cff
        top = cff.topDictIndex[0]
        old = cff.fontNames[0]
        cff.fontNames[0] = ps_name
        if hasattr(top, "FullName"):
            top.FullName = full_name
        if hasattr(top, "FamilyName"):
            top.FamilyName = FAMILY
        if hasattr(top, "FDArray"):
            for fd in top.FDArray:
                fname = getattr(fd, "FontName", None)
                if isinstance(fname, str) and fname.startswith(old):
                    fd.FontName = ps_name + fname[len(old) :]


def subset_options() -> subset.Options:
    opts = subset.Options()
    opts.hinting = False  # drop hints: Qt renders CJK fine unhinted
    opts.desubroutinize = True
    opts.name_IDs = ["*"]  # keep copyright / licence / designer records
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.recalc_bounds = True
    opts.recalc_timestamp = False  # reproducible output
    opts.drop_tables += ["DSIG"]
    return opts


def build(
    ttc_path: pathlib.Path, style: str, text: str, out_dir: pathlib.Path
) -> tuple[pathlib.Path, int, int]:
    font = open_sc_face(ttc_path)
    opts = subset_options()
    subsetter = subset.Subsetter(options=opts)
    subsetter.populate(text=text)
    subsetter.subset(font)
    rename(font, style)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / OUT_TEMPLATE.format(style=style)
    font.flavor = None
    font.save(str(out))
    glyphs = len(font.getGlyphOrder())
    mapped = len(font.getBestCmap())
    font.close()
    return out, glyphs, mapped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--extra-text",
        nargs="+",
        default=[],
        type=pathlib.Path,
        metavar="FILE",
        help="include every character found in these files",
    )
    ap.add_argument(
        "--no-repo-text",
        action="store_true",
        help="do not scan resources/translations, db/, desktop/, widgets/",
    )
    ap.add_argument("--regular-ttc", type=pathlib.Path, default=NOTO_DIR / "NotoSansCJK-Regular.ttc")
    ap.add_argument("--bold-ttc", type=pathlib.Path, default=NOTO_DIR / "NotoSansCJK-Bold.ttc")
    ap.add_argument("--out-dir", type=pathlib.Path, default=OUT_DIR)
    args = ap.parse_args(argv)

    for p in [args.regular_ttc, args.bold_ttc, *args.extra_text]:
        if not p.is_file():
            ap.error(f"not found: {p}")

    text = wanted_text(args.extra_text, include_repo=not args.no_repo_text)
    print(f"requested characters: {len(text)}")
    total = 0
    for style, ttc in (("Regular", args.regular_ttc), ("Bold", args.bold_ttc)):
        t0 = time.monotonic()
        out, glyphs, mapped = build(ttc, style, text, args.out_dir)
        size = out.stat().st_size
        total += size
        try:
            shown = out.relative_to(REPO)
        except ValueError:
            shown = out
        print(
            f"{shown}: {glyphs} glyphs, {mapped} mapped code points, "
            f"{size:,} bytes ({size / 1048576:.2f} MiB) [{time.monotonic() - t0:.1f}s]"
        )
    print(f"total: {total:,} bytes ({total / 1048576:.2f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
