#!/usr/bin/env python3
"""Package the bundle that tools/build_bundle.py made as a Debian package, with dpkg-deb.

    .venv/bin/python tools/build_bundle.py && .venv/bin/python tools/build_deb.py

Writes ``dist/streetboard_<version>_<arch>.deb``:

- ``/opt/streetboard/``: the one-folder bundle; ``/usr/bin/streetboard``: a two-line launcher;
- ``/usr/share/applications/streetboard.desktop`` and the icon (``resources/icons/streetboard.svg``,
  plus PNG sizes rendered from it by Qt's SVG renderer) in the hicolor theme;
- ``Depends``: the system libraries the bundle links but does not carry. They are found, not listed
  by hand: every library that an ELF file of the bundle names (DT_NEEDED) and the bundle lacks is
  resolved with ldd and named by ``dpkg -S``; glibc becomes ``libc6 (>= the newest GLIBC_x.y any
  file imports)``. The table is printed. Package names are those of the machine that builds: build
  on the oldest release you ship to.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bundle import REPO, bundle_dir, elf_files, max_glibc, version  # noqa: E402

PACKAGE = "streetboard"
ICON_SVG = REPO / "resources" / "icons" / "streetboard.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
GLIBC_SONAMES = re.compile(r"^(libc|libm|libdl|libpthread|librt|libresolv|libutil|libanl|ld-linux[\w-]*)\.so(\.[\d.]+)?$")
#: Debian packages of the libraries Qt's xcb plugin links, for a build machine that lacks some of them
#: (``dpkg -S`` can only name the package of an installed file)
KNOWN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-render.so.0": "libxcb-render0", "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0", "libxcb.so.1": "libxcb1",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3",
}
#: a package renamed between releases: either name will do
ALTERNATIVES = {"libgcc-s1": "libgcc-s1 | libgcc1"}
DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.0
Name=StreetBoard
Name[zh_CN]=街道大工委议事看板
GenericName=Street committee board
GenericName[zh_CN]=议事看板
Comment=Cases, resident units, pairings and the committee's meetings
Comment[zh_CN]=网格事件、驻区单位、四联四定与大工委会议
Exec=streetboard %F
Icon=streetboard
Terminal=false
Categories=Office;
StartupWMClass=streetboard
"""
LAUNCHER = """\
#!/bin/sh
exec /opt/streetboard/streetboard "$@"
"""


def debian_version(python_version: str) -> str:
    """PEP 440 to Debian: pre-releases and dev releases sort before the release (``~``)."""
    return re.sub(r"(?<=\d)\.?(a|b|rc|dev)(\d*)", r"~\1\2", python_version)


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def deb_path(dist: Path) -> Path:
    return dist / f"{PACKAGE}_{debian_version(version())}_{architecture()}.deb"


# --------------------------------------------------------------------------- what the bundle needs

def needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def resolved_by_ldd(path: Path, library_path: str) -> dict[str, str | None]:
    """soname → the file the dynamic loader would use (None: not found), as the bundle runs it."""
    env = {**os.environ, "LD_LIBRARY_PATH": library_path}
    proc = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
    found: dict[str, str | None] = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"\s*(\S+) => (not found|(\S+) \(0x[0-9a-f]+\))", line)
        if m:
            found[m.group(1)] = m.group(3)
        elif m := re.match(r"\s*(/\S+) \(0x[0-9a-f]+\)", line):  # the dynamic loader: a path, no "=>"
            found[Path(m.group(1)).name] = m.group(1)
    return found


def system_libraries(bundle: Path) -> dict[str, tuple[str | None, list[Path]]]:
    """Every library an ELF file of the bundle links and the bundle does not have:
    soname → (its path on this machine or None, the bundle files that link it)."""
    files = elf_files(bundle)
    in_bundle = {p.name for p in bundle.rglob("*")}
    # the bootloader puts _internal on the library path; Qt's libraries and plugins find each other by RPATH
    library_path = str(bundle / "_internal")
    wanted: dict[str, list[Path]] = {}
    for path in files:
        for soname in needed(path):
            if soname not in in_bundle:
                wanted.setdefault(soname, []).append(path)
    located: dict[str, str | None] = {}
    for path in files:
        if not set(wanted) <= set(located):
            for soname, where in resolved_by_ldd(path, library_path).items():
                if soname in wanted and located.get(soname) is None:
                    located[soname] = where
    return {soname: (located.get(soname), users) for soname, users in sorted(wanted.items())}


def package_of(soname: str, path: str | None) -> str | None:
    if path is not None:
        proc = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
        real = os.path.realpath(path)
        for line in proc.stdout.splitlines():
            packages, _, owned = line.partition(": ")
            if os.path.realpath(owned.strip()) == real:
                return packages.split(",")[0].strip().split(":")[0]
    return KNOWN_PACKAGES.get(soname)


def depends(bundle: Path) -> tuple[list[str], list[str]]:
    """The Depends entries and the printed table (soname, path, package, who links it)."""
    glibc = max_glibc(bundle)
    packages: dict[str, str] = {}
    table: list[str] = []
    unknown: list[str] = []
    for soname, (path, users) in system_libraries(bundle).items():
        if GLIBC_SONAMES.match(soname):
            package = "libc6"
        else:
            package = package_of(soname, path)
        if package is None:
            unknown.append(soname)
            package = "?"
        user = str(users[0].relative_to(bundle)) + (f" +{len(users) - 1}" if len(users) > 1 else "")
        table.append(f"  {soname:28} {path or 'not on this machine':52} {package:22} {user}")
        packages.setdefault(package, package)
    if unknown:
        raise SystemExit(f"build_deb: no package known for {', '.join(unknown)}: install them on this machine "
                         "so that dpkg -S can name their packages")
    if glibc is not None:
        packages["libc6"] = f"libc6 (>= {glibc[0]})"
    entries = [ALTERNATIVES.get(name, spec) for name, spec in sorted(packages.items())]
    return entries, table


# --------------------------------------------------------------------------- the package

def render_icons(root: Path) -> None:
    icons = root / "usr/share/icons/hicolor"
    target = icons / "scalable/apps/streetboard.svg"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICON_SVG, target)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for size in ICON_SIZES:
        out = icons / f"{size}x{size}/apps/streetboard.png"
        subprocess.run([sys.executable, str(REPO / "packaging" / "icon.py"), str(ICON_SVG), str(out), str(size)],
                       check=True, env=env)


def control(deb_version: str, arch: str, depends_on: list[str], installed_kib: int) -> str:
    meta = importlib.metadata.metadata(PACKAGE)
    maintainer = meta.get("Maintainer-email") or meta.get("Author-email") or "StreetBoard <streetboard@localhost>"
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {deb_version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {maintainer}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends_on)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {meta['Summary']}\n"
        " StreetBoard shows a street's grid-case backlog, its resident units and\n"
        " pairings, and runs the big working committee's meetings: agenda, sign-in,\n"
        " minutes, resolutions and a projector view, on one shared database\n"
        " (PostgreSQL for an office, an SQLite file for one PC).\n"
        " .\n"
        " This package carries its own Python and Qt under /opt/streetboard.\n"
    )


def copyright_file() -> str:
    meta = importlib.metadata.metadata(PACKAGE)
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: StreetBoard\n\n"
        f"Files: *\nLicense: {meta.get('License-Expression') or meta.get('License') or 'MIT'}\n\n"
        "Files: opt/streetboard/_internal/resources/fonts/*\n"
        "License: OFL-1.1 (see opt/streetboard/_internal/resources/fonts/OFL.txt)\n\n"
        "Files: opt/streetboard/_internal/*\n"
        "Comment: Python, Qt (PySide6, LGPL-3.0) and the other libraries the bundle carries, each under its\n"
        " own licence; their metadata (*.dist-info) is in the bundle.\n"
    )


def _tree_kib(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024 + 1


def build_deb(bundle: Path, out: Path, staging: Path) -> Path:
    arch = architecture()
    deb_version = debian_version(version())
    depends_on, table = depends(bundle)
    print(f"== system libraries the bundle links but does not carry ({len(table)}):")
    print("\n".join(table))
    print(f"== Depends: {', '.join(depends_on)}")

    if staging.exists():
        shutil.rmtree(staging)
    root = staging / f"{PACKAGE}_{deb_version}_{arch}"
    shutil.copytree(bundle, root / "opt/streetboard", symlinks=True)
    launcher = root / "usr/bin/streetboard"
    launcher.parent.mkdir(parents=True)
    launcher.write_text(LAUNCHER, encoding="utf-8")
    launcher.chmod(0o755)
    desktop = root / "usr/share/applications/streetboard.desktop"
    desktop.parent.mkdir(parents=True)
    desktop.write_text(DESKTOP_ENTRY, encoding="utf-8")
    render_icons(root)
    doc = root / "usr/share/doc/streetboard/copyright"
    doc.parent.mkdir(parents=True)
    doc.write_text(copyright_file(), encoding="utf-8")
    for path in root.rglob("*"):  # dpkg-deb wants sane modes; the bundle's files keep their x bits
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o111 else 0o644)
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN/control").write_text(control(deb_version, arch, depends_on, _tree_kib(root)), encoding="utf-8")

    out.parent.mkdir(parents=True, exist_ok=True)
    # xz: every dpkg reads it (zstd needs dpkg >= 1.21.18, newer than the office PCs' releases)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(root), str(out)], check=True)
    shutil.rmtree(staging)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where the bundle is and the .deb goes")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="staging folder parent (default: build/)")
    args = parser.parse_args(argv)
    for tool in ("dpkg-deb", "objdump", "ldd"):
        if shutil.which(tool) is None:
            print(f"FAILED: {tool} is missing (Debian: apt-get install dpkg binutils libc-bin)", file=sys.stderr)
            return 1
    bundle = bundle_dir(args.dist)
    if not (bundle / "streetboard").exists():
        print(f"FAILED: no bundle at {bundle}; run tools/build_bundle.py first", file=sys.stderr)
        return 1
    deb = build_deb(bundle, deb_path(args.dist), args.work / "deb")
    print(f"== wrote {deb} ({deb.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
