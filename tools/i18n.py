#!/usr/bin/env python3
"""Translation workflow for StreetBoard (Qt Linguist .ts / .qm files).

Source strings are English, wrapped in ``self.tr("...")`` or
``QCoreApplication.translate("Context", "...")``; zh_CN ships.

Subcommands (run from anywhere; paths default to this repository)::

    .venv/bin/python tools/i18n.py update            # lupdate desktop/ + widgets/ -> .ts
    .venv/bin/python tools/i18n.py missing           # JSON lines of untranslated; exit 1 if any
    .venv/bin/python tools/i18n.py fill zh.json      # {"Source": "译文"} or {"Context|Source": "译文"}
    .venv/bin/python tools/i18n.py release           # lrelease .ts -> .qm
    .venv/bin/python tools/i18n.py all zh.json       # update, fill, release, missing

Global options ``--ts`` / ``--qm`` select other files (e.g. for experiments).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

REPO = pathlib.Path(__file__).resolve().parent.parent
LOCALE = "zh_CN"
TS_FILE = REPO / "resources" / "translations" / f"streetboard_{LOCALE}.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
SOURCE_DIRS = [REPO / "desktop", REPO / "widgets"]

XML_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
# Translations of these types are not live messages; leave them alone.
DEAD_TYPES = {"obsolete", "vanished"}


# --------------------------------------------------------------------------- tools


def find_tool(name: str) -> list[str]:
    """Command line for pyside6-<name> (lupdate / lrelease)."""
    exe_dir = pathlib.Path(sys.executable).parent
    suffix = ".exe" if os.name == "nt" else ""
    candidates = [exe_dir / f"pyside6-{name}{suffix}"]
    try:
        import PySide6  # noqa: PLC0415 - only needed to locate the binaries

        pkg = pathlib.Path(PySide6.__file__).parent
        candidates += [
            pkg / f"{name}{suffix}",
            pkg / "Qt" / "libexec" / f"{name}{suffix}",
            pkg / "Qt" / "bin" / f"{name}{suffix}",
        ]
    except ImportError:
        pass
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return [str(c)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    raise SystemExit(f"cannot find pyside6-{name} (is PySide6 installed in {sys.executable}?)")


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd[:3] + (["..."] if len(cmd) > 8 else cmd[3:])), file=sys.stderr)
    proc = subprocess.run(cmd, stdout=sys.stderr)  # keep stdout for JSON output
    if proc.returncode:
        raise SystemExit(f"{pathlib.Path(cmd[0]).name} failed with exit status {proc.returncode}")


# --------------------------------------------------------------------------- .ts I/O


def read_ts(ts: pathlib.Path) -> ET.ElementTree:
    if not ts.is_file():
        raise SystemExit(f"{ts} does not exist; run `update` first")
    return ET.parse(ts)


def _esc(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def _serialize(elem: ET.Element, depth: int, out: list[str]) -> None:
    pad = "    " * depth
    attrs = "".join(f' {k}="{_esc(v)}"' for k, v in elem.attrib.items())
    if len(elem) == 0:
        out.append(f"{pad}<{elem.tag}{attrs}>{_esc(elem.text or '')}</{elem.tag}>")
        return
    out.append(f"{pad}<{elem.tag}{attrs}>")
    for child in elem:
        _serialize(child, depth + 1, out)
    out.append(f"{pad}</{elem.tag}>")


def write_ts(tree: ET.ElementTree, ts: pathlib.Path) -> None:
    """Write the .ts in the same layout lupdate uses (keeps diffs small)."""
    root = tree.getroot()
    attrs = "".join(f' {k}="{_esc(v)}"' for k, v in root.attrib.items())
    out = [f"<{root.tag}{attrs}>"]
    for child in root:  # lupdate does not indent <context> under <TS>
        _serialize(child, 0, out)
    out.append(f"</{root.tag}>")
    ts.write_text(XML_HEADER + "\n".join(out) + "\n", encoding="utf-8")


def empty_ts(ts: pathlib.Path, language: str) -> None:
    root = ET.Element("TS", {"version": "2.1", "language": language, "sourcelanguage": "en"})
    ts.parent.mkdir(parents=True, exist_ok=True)
    write_ts(ET.ElementTree(root), ts)


def iter_messages(tree: ET.ElementTree):
    """Yield (context name, message element) for every live message."""
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name", default="")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") in DEAD_TYPES:
                continue
            yield name, msg


def is_unfinished(msg: ET.Element) -> bool:
    tr = msg.find("translation")
    if tr is None or tr.get("type") == "unfinished":
        return True
    if msg.get("numerus") == "yes":
        forms = tr.findall("numerusform")
        return not forms or any(not (f.text or "").strip() for f in forms)
    return not (tr.text or "").strip()


# --------------------------------------------------------------------------- commands


def python_sources(dirs: list[pathlib.Path]) -> list[pathlib.Path]:
    files: list[pathlib.Path] = []
    for d in dirs:
        if d.is_file() and d.suffix == ".py":
            files.append(d)
        elif d.is_dir():
            files += [p for p in d.rglob("*.py") if "__pycache__" not in p.parts]
    return sorted(set(files))


def cmd_update(args: argparse.Namespace) -> int:
    ts: pathlib.Path = args.ts
    sources = python_sources(args.src or SOURCE_DIRS)
    if not ts.exists():
        ts.parent.mkdir(parents=True, exist_ok=True)
    if not sources:
        print("no Python sources found", file=sys.stderr)
        if not ts.exists():
            empty_ts(ts, args.language)
        return 0
    run(
        find_tool("lupdate")
        + [str(p) for p in sources]
        + [
            "-ts",
            str(ts),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            args.language,
        ]
    )
    return 0


def cmd_missing(args: argparse.Namespace) -> int:
    tree = read_ts(args.ts)
    count = 0
    for ctx, msg in iter_messages(tree):
        if is_unfinished(msg):
            count += 1
            print(
                json.dumps({"context": ctx, "source": msg.findtext("source", default="")}, ensure_ascii=False)
            )
    print(f"{count} unfinished message(s) in {args.ts.name}", file=sys.stderr)
    return 1 if count else 0


def load_mapping(path: pathlib.Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise SystemExit(f"{path}: expected a JSON object of string -> string")
    return data


def cmd_fill(args: argparse.Namespace) -> int:
    tree = read_ts(args.ts)
    mapping = load_mapping(args.json)
    contexts = {c.findtext("name", default="") for c in tree.getroot().iter("context")}

    by_context: dict[tuple[str, str], str] = {}
    plain: dict[str, str] = {}
    for key, value in mapping.items():
        ctx, sep, source = key.partition("|")
        if sep and ctx in contexts:
            by_context[(ctx, source)] = value
        else:
            plain[key] = value

    used: set[str] = set()
    filled = 0
    for ctx, msg in iter_messages(tree):
        source = msg.findtext("source", default="")
        if (ctx, source) in by_context:
            value, key = by_context[(ctx, source)], f"{ctx}|{source}"
        elif source in plain:
            value, key = plain[source], source
        else:
            continue
        used.add(key)
        if not value.strip():
            continue  # an empty value means "not translated yet"
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        for child in list(tr):
            tr.remove(child)
        tr.attrib.pop("type", None)
        if msg.get("numerus") == "yes":
            tr.text = None
            ET.SubElement(tr, "numerusform").text = value  # Chinese: one plural form
        else:
            tr.text = value
        filled += 1

    write_ts(tree, args.ts)
    print(f"filled {filled} message(s) in {args.ts.name}", file=sys.stderr)
    for key in mapping:
        if key not in used:
            print(f"warning: no message matches {key!r}", file=sys.stderr)
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    if not args.ts.is_file():
        raise SystemExit(f"{args.ts} does not exist; run `update` first")
    args.qm.parent.mkdir(parents=True, exist_ok=True)
    # A running app maps the .qm into memory: rewriting it in place would crash it (SIGBUS).
    # Write beside it and rename, so a running app keeps the old file until it restarts.
    tmp = args.qm.with_name(f".{args.qm.name}.tmp")
    run(find_tool("lrelease") + [str(args.ts), "-qm", str(tmp)])
    os.replace(tmp, args.qm)
    return 0


def cmd_all(args: argparse.Namespace) -> int:
    cmd_update(args)
    cmd_fill(args)
    cmd_release(args)
    return cmd_missing(args)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="StreetBoard translation tooling (lupdate/lrelease wrapper).")
    ap.add_argument("--ts", type=pathlib.Path, default=TS_FILE, help=f"default: {TS_FILE.relative_to(REPO)}")
    ap.add_argument("--qm", type=pathlib.Path, default=None, help="default: the .ts path with .qm suffix")
    ap.add_argument("--language", default=LOCALE, help="target language for a new .ts (default zh_CN)")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("update", help="run pyside6-lupdate over desktop/ and widgets/")
    p.add_argument("--src", nargs="+", type=pathlib.Path, help="directories/files to scan instead")
    p.set_defaults(func=cmd_update)

    p = sub.add_parser("missing", help="list unfinished messages as JSON lines; exit 1 if any")
    p.set_defaults(func=cmd_missing)

    p = sub.add_parser("fill", help="set translations from a JSON object and mark them finished")
    p.add_argument("json", type=pathlib.Path)
    p.set_defaults(func=cmd_fill)

    p = sub.add_parser("release", help="run pyside6-lrelease to write the .qm")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("all", help="update, fill, release, then missing")
    p.add_argument("json", type=pathlib.Path)
    p.add_argument("--src", nargs="+", type=pathlib.Path, help="directories/files to scan instead")
    p.set_defaults(func=cmd_all)

    args = ap.parse_args(argv)
    args.ts = args.ts.resolve()
    args.qm = (args.qm or args.ts.with_suffix(".qm")).resolve()
    return args.func(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. `i18n.py missing | head`
        sys.stderr.close()
        sys.exit(1)
