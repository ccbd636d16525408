#!/usr/bin/env python3
"""Build the bundled serif CJK subset used by StreetBoard's own PDFs (纪要, 会议通知, 签到表, 台账).

The same recipe as ``tools/subset_font.py`` (GB2312 + symbol blocks + every character of the app's
sources and translations, hinting dropped, renamed as an OFL Modified Version), applied to the
Simplified-Chinese face of Debian's ``fonts-noto-cjk`` serif collections ("Noto Serif CJK SC"),
renamed "StreetBoard Serif SC". The PDFs embed a subset of it, so the text layer copies the right
characters and the documents are not set in sans.

Usage (from the repository root)::

    .venv/bin/python tools/subset_serif_font.py
"""

from __future__ import annotations

import argparse
import pathlib
import sys

import subset_font as recipe

recipe.SOURCE_FAMILY = "Noto Serif CJK SC"
recipe.FAMILY = "StreetBoard Serif SC"
recipe.PS_FAMILY = "StreetBoardSerifSC"
recipe.OUT_TEMPLATE = "NotoSerifSC-StreetBoard-{style}.otf"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--regular-ttc", type=pathlib.Path, default=recipe.NOTO_DIR / "NotoSerifCJK-Regular.ttc")
    ap.add_argument("--bold-ttc", type=pathlib.Path, default=recipe.NOTO_DIR / "NotoSerifCJK-Bold.ttc")
    ap.add_argument("--out-dir", type=pathlib.Path, default=recipe.OUT_DIR)
    args = ap.parse_args(argv)
    for p in (args.regular_ttc, args.bold_ttc):
        if not p.is_file():
            ap.error(f"not found: {p} (apt install fonts-noto-cjk)")
    text = recipe.wanted_text([], include_repo=True)
    for style, ttc in (("Regular", args.regular_ttc), ("Bold", args.bold_ttc)):
        out, glyphs, mapped = recipe.build(ttc, style, text, args.out_dir)
        print(f"{out.name}: {glyphs} glyphs, {mapped} code points, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
