#!/usr/bin/env python3
"""Check the .deb that tools/build_deb.py made (a build check, not part of the unit suite).

    .venv/bin/python tools/check_deb.py --static          # control data and contents only (CI)
    .venv/bin/python tools/check_deb.py                   # ... then install, run, screenshot, remove (root)

Static: ``dpkg-deb --info`` / ``--contents``: Package, Version and Architecture are this build's,
Depends names glibc and the X11/xcb, GL, fontconfig and D-Bus libraries; the bundle is under
/opt/streetboard, the launcher in /usr/bin, the .desktop entry and the icons in /usr/share.

Then (as root): ``apt-get install ./dist/streetboard_*.deb``, ``streetboard --help`` through the
launcher, ``streetboard --demo`` in a real X window (``QT_QPA_PLATFORM=xcb``) on an Xvfb screen, a
screenshot of that screen (``--screenshot``, default ``dist/streetboard-xvfb.png``) checked not to be
blank, then ``apt-get remove -y streetboard``. Installs xvfb and x11-utils with apt-get if missing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bundle import REPO, StepFailed, check_png, version  # noqa: E402
from build_deb import PACKAGE, architecture, deb_path, debian_version  # noqa: E402

#: what Depends must name whatever the build machine (the libraries Qt's xcb plugin and QtGui link)
REQUIRED_DEPENDS = ("libc6", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0",
                    "libx11-6", "libfontconfig1", "libfreetype6", "libgl1", "libegl1", "libdbus-1-3", "libglib2.0-0")
REQUIRED_FILES = (
    "./opt/streetboard/streetboard",
    "./opt/streetboard/_internal/resources/translations/streetboard_zh_CN.qm",
    "./opt/streetboard/_internal/resources/fonts/OFL.txt",
    "./opt/streetboard/_internal/resources/themes/light.qss",
    "./opt/streetboard/_internal/db/migrations/env.py",
    "./opt/streetboard/_internal/db/migrations/script.py.mako",
    "./opt/streetboard/_internal/docx/templates/default.docx",
    "./opt/streetboard/_internal/docx/parts/",
    "./opt/streetboard/_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
    "./usr/bin/streetboard",
    "./usr/share/applications/streetboard.desktop",
    "./usr/share/icons/hicolor/scalable/apps/streetboard.svg",
    "./usr/share/icons/hicolor/48x48/apps/streetboard.png",
    "./usr/share/icons/hicolor/256x256/apps/streetboard.png",
    "./usr/share/doc/streetboard/copyright",
)
SCREEN = (1366, 768)
WINDOW_TIMEOUT = 240  # seconds for the demo street to be generated and the main window to show


def run(*cmd: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, **kwargs)


def check_static(deb: Path) -> None:
    print(run("dpkg-deb", "--info", str(deb)).stdout)
    fields = dict(
        line.split(": ", 1) for line in run("dpkg-deb", "--field", str(deb), "Package", "Version", "Architecture",
                                            "Depends").stdout.splitlines() if ": " in line
    )
    expected = {"Package": PACKAGE, "Version": debian_version(version()), "Architecture": architecture()}
    for field, value in expected.items():
        if fields.get(field) != value:
            raise StepFailed(f"control field {field} is {fields.get(field)!r}, not {value!r}")
    depends = {alt.split("(")[0].strip() for entry in fields.get("Depends", "").split(",") for alt in entry.split("|")}
    missing = [p for p in REQUIRED_DEPENDS if p not in depends]
    if missing:
        raise StepFailed(f"Depends lacks {', '.join(missing)}: {fields.get('Depends')}")
    if not re.search(r"libc6 \(>= 2\.\d+\)", fields["Depends"]):
        raise StepFailed(f"Depends names no minimum glibc: {fields['Depends']}")
    print(f"ok: Package {fields['Package']}, Version {fields['Version']}, Architecture {fields['Architecture']}")
    print(f"ok: Depends: {fields['Depends']}")

    listing = run("dpkg-deb", "--contents", str(deb)).stdout.splitlines()
    entries = {line.split()[5]: line for line in listing if len(line.split()) >= 6}
    missing = [f for f in REQUIRED_FILES if f not in entries]
    if missing:
        raise StepFailed(f"the package lacks {', '.join(missing)}")
    for exe in ("./opt/streetboard/streetboard", "./usr/bin/streetboard"):
        if not entries[exe].startswith("-rwxr-xr-x root/root"):
            raise StepFailed(f"{exe} is not an executable owned by root: {entries[exe]}")
    revisions = [f for f in entries if re.match(r"\./opt/streetboard/_internal/db/migrations/versions/\d{4}_\w+\.py$", f)]
    if not revisions:
        raise StepFailed("the package carries no migration revisions")
    print(f"ok: {len(entries)} entries; bundle under /opt/streetboard, {len(revisions)} migration revisions, "
          "launcher, .desktop entry, icons")

    desktop = subprocess.run(f"dpkg-deb --fsys-tarfile '{deb}' | tar -xO ./usr/share/applications/streetboard.desktop",
                             shell=True, capture_output=True, text=True, check=True).stdout
    for line in ("Name=StreetBoard", "Name[zh_CN]=街道大工委议事看板", "Icon=streetboard", "Type=Application"):
        if line not in desktop.splitlines():
            raise StepFailed(f"streetboard.desktop lacks {line!r}")
    if shutil.which("desktop-file-validate"):
        with tempfile.NamedTemporaryFile("w", suffix=".desktop", encoding="utf-8") as f:
            f.write(desktop)
            f.flush()
            out = subprocess.run(["desktop-file-validate", f.name], capture_output=True, text=True)
            if out.returncode != 0:
                raise StepFailed(f"desktop-file-validate: {out.stdout}{out.stderr}")
    print("ok: streetboard.desktop (Name, Name[zh_CN], Icon, Exec)")


# --------------------------------------------------------------------------- installed, in a real window

def apt_install(*what: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    proc = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", *what], capture_output=True,
                          text=True, env=env)
    if proc.returncode != 0:
        raise StepFailed(f"apt-get install {' '.join(what)}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")


def free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise StepFailed("no free X display number")


def main_window(display: str) -> str | None:
    """The line of xwininfo's tree for a named top-level window at least 800 px wide, if one is mapped."""
    out = subprocess.run(["xwininfo", "-root", "-children", "-display", display], capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.search(r'^\s*0x[0-9a-f]+ "(.+)": \(.*\)\s+(\d+)x(\d+)\+', line)
        if m and int(m.group(2)) >= 800:
            return line.strip()
    return None


def screenshot(display: str, out: Path) -> None:
    code = ("import sys; from PySide6.QtGui import QGuiApplication; app = QGuiApplication(sys.argv[:1]); "
            f"sys.exit(0 if app.primaryScreen().grabWindow(0).save({str(out)!r}) else 1)")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    if proc.returncode != 0:
        raise StepFailed(f"screenshot failed: {proc.stderr}")


def check_window(shot: Path) -> None:
    for tool, package in (("Xvfb", "xvfb"), ("xwininfo", "x11-utils")):
        if shutil.which(tool) is None:
            apt_install(package)
    number = free_display()
    display = f":{number}"
    with tempfile.TemporaryDirectory(prefix="streetboard-xvfb-") as tmp_name:
        tmp = Path(tmp_name)
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        app = None
        log = tmp / "streetboard.log"
        try:
            for _ in range(100):
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    break
                time.sleep(0.1)
            else:
                raise StepFailed("Xvfb did not start")
            home = tmp / "home"
            home.mkdir()
            env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                   "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": str(tmp)}
            with log.open("w", encoding="utf-8") as log_file:
                app = subprocess.Popen(["/usr/bin/streetboard", "--demo"], env=env, cwd=tmp,
                                       stdout=log_file, stderr=subprocess.STDOUT)
            deadline = time.monotonic() + WINDOW_TIMEOUT
            window = None
            while time.monotonic() < deadline and app.poll() is None:
                window = main_window(display)
                if window:
                    break
                time.sleep(1)
            if app.poll() is not None:
                raise StepFailed(f"streetboard --demo exited with {app.returncode}:\n{log.read_text()[-3000:]}")
            if not window:
                raise StepFailed(f"no main window within {WINDOW_TIMEOUT} s:\n{log.read_text()[-3000:]}")
            print(f"ok: window {window}")
            time.sleep(6)  # the pages load on the worker thread
            screenshot(display, shot)
            print(f"ok: screenshot {shot} ({check_png(shot, SCREEN)})")
            text = log.read_text(encoding="utf-8", errors="replace")
            if "Could not load the Qt platform plugin" in text or "qt.qpa.plugin" in text:
                raise StepFailed(f"Qt could not load its xcb plugin:\n{text[-3000:]}")
            if app.poll() is not None:
                raise StepFailed(f"streetboard --demo died after the screenshot:\n{text[-3000:]}")
        finally:
            if app is not None and app.poll() is None:
                app.send_signal(signal.SIGTERM)
                try:
                    app.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    app.kill()
            xvfb.terminate()
            xvfb.wait(timeout=15)


def check_installed(deb: Path, shot: Path) -> None:
    if os.geteuid() != 0:
        raise StepFailed("installing needs root (apt-get)")
    apt_install(str(deb.resolve()))
    try:
        print(f"ok: installed {deb.name}")
        out = run("/usr/bin/streetboard", "--help", env={"PATH": "/usr/bin:/bin", "HOME": tempfile.gettempdir(),
                                                         "QT_QPA_PLATFORM": "offscreen"}).stdout
        if "usage: streetboard" not in out:
            raise StepFailed(f"/usr/bin/streetboard --help: {out}")
        print("ok: /usr/bin/streetboard --help")
        check_window(shot)
    finally:
        proc = subprocess.run(["apt-get", "remove", "-y", PACKAGE], capture_output=True, text=True,
                              env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        print(f"{'ok' if proc.returncode == 0 else 'FAILED'}: apt-get remove -y {PACKAGE}")
    if Path("/opt/streetboard/streetboard").exists() or Path("/usr/bin/streetboard").exists():
        raise StepFailed("files are left after apt-get remove")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deb", nargs="?", type=Path, help="the package (default: the one build_deb.py writes)")
    parser.add_argument("--static", action="store_true", help="check control data and contents only")
    parser.add_argument("--screenshot", type=Path, default=REPO / "dist" / "streetboard-xvfb.png")
    args = parser.parse_args(argv)
    deb = args.deb or deb_path(REPO / "dist")
    if not deb.exists():
        print(f"FAILED: no package {deb}; run tools/build_deb.py first", file=sys.stderr)
        return 1
    try:
        check_static(deb)
        if not args.static:
            check_installed(deb, args.screenshot)
    except (StepFailed, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        detail = f"\n{error.stderr}" if isinstance(error, subprocess.CalledProcessError) else ""
        print(f"FAILED: {error}{detail}", file=sys.stderr)
        return 1
    print("== the package checks out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
