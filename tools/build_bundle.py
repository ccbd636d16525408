#!/usr/bin/env python3
"""Build StreetBoard's one-folder bundle (PyInstaller) and smoke-test it in an empty environment.

    .venv/bin/pip install -e '.[bundle]'
    .venv/bin/python tools/build_bundle.py                 # Linux
    py tools\\build_bundle.py                               # Windows (the venv's Python), same spec

Builds ``packaging/streetboard.spec`` into ``dist/streetboard-<version>/`` (the version is the installed
package's), prints its size, the build time and — on Linux — the newest glibc symbol version any of its
ELF files needs, then runs the bundle's executable with nothing from this machine's environment: no
Python on PATH, HOME and the XDG folders in a temporary folder, ``QT_QPA_PLATFORM=offscreen``:
``--help`` (and ``--version`` when the CLI has it), ``demo``, ``snapshot overview``, ``export minutes``
to DOCX and PDF, ``verify``; with ``--pg SERVER_URL`` (default: ``$STREETBOARD_TEST_PG``) also ``demo``
and ``verify`` on a throwaway PostgreSQL database there. Exits non-zero, naming the step, on the first
failure.

Options: ``--skip-build`` smoke-tests the bundle already in dist/; ``--no-smoke`` only builds.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "streetboard.spec"
WINDOWS = sys.platform == "win32"
STEP_TIMEOUT = 600  # seconds for one command of the smoke test
ELF_MAGIC = b"\x7fELF"
_GLIBC = re.compile(r"\bGLIBC_(\d+(?:\.\d+)+)\b")


class StepFailed(Exception):
    pass


def version() -> str:
    return importlib.metadata.version("streetboard")


def bundle_dir(dist: Path) -> Path:
    return dist / f"streetboard-{version()}"


def executable(bundle: Path) -> Path:
    """The program the smoke test runs: on Windows the console one (the other has no stdout)."""
    return bundle / ("streetboard-cli.exe" if WINDOWS else "streetboard")


def build(dist: Path, work: Path) -> Path:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    print("== build:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=REPO)
    return bundle_dir(dist)


def tree_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def max_glibc(dist_dir: Path) -> tuple[str, list[Path]] | None:
    """The newest GLIBC_x.y symbol version that any ELF file under *dist_dir* imports, and the files
    that import it (``objdump -T``, undefined symbols only); None when there are no ELF files."""
    best: tuple[int, ...] = ()
    needers: list[Path] = []
    files = elf_files(dist_dir)
    if not files:
        return None
    objdump = shutil.which("objdump")
    if objdump is None:
        raise StepFailed("objdump is missing (Debian: apt-get install binutils)")
    for path in files:
        out = subprocess.run([objdump, "-T", str(path)], capture_output=True, text=True, check=True).stdout
        versions = {m.group(1) for line in out.splitlines() if "*UND*" in line for m in _GLIBC.finditer(line)}
        if not versions:
            continue
        top = max(_version_key(v) for v in versions)
        if top > best:
            best, needers = top, [path]
        elif top == best:
            needers.append(path)
    if not best:
        return None
    return ".".join(map(str, best)), needers


# --------------------------------------------------------------------------- the smoke test

def empty_environment(tmp: Path) -> dict[str, str]:
    """Only what a program needs to start: no PATH with Python on it, a fresh home, offscreen Qt."""
    home = tmp / "home"
    run = tmp / "run"
    for folder in (home, run, tmp / "bin", tmp / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    run.chmod(0o700)
    env = {"QT_QPA_PLATFORM": "offscreen"}
    if WINDOWS:
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env |= {
            "SYSTEMROOT": system_root, "WINDIR": system_root,
            "PATH": str(Path(system_root) / "System32"),  # not the Windows folder: the py launcher lives there
            "USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"), "TEMP": str(tmp / "tmp"), "TMP": str(tmp / "tmp"),
        }
    else:
        env |= {
            "PATH": str(tmp / "bin"), "HOME": str(home), "TMPDIR": str(tmp / "tmp"), "XDG_RUNTIME_DIR": str(run),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"), "XDG_STATE_HOME": str(home / ".local" / "state"),
        }
    for python in ("python", "python3", "py"):
        if shutil.which(python, path=env["PATH"]):
            raise StepFailed(f"the smoke test's PATH has {python} on it: {env['PATH']}")
    return env


class Smoke:
    def __init__(self, exe: Path, tmp: Path, pg_server: str | None = None) -> None:
        self.exe = exe
        self.tmp = tmp
        self.env = empty_environment(tmp)
        self.db = tmp / "street.sqlite"
        self.pg_server = pg_server

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([str(self.exe), *args], cwd=self.tmp, env=self.env, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=STEP_TIMEOUT)
        if proc.returncode != 0:
            raise StepFailed(f"exit code {proc.returncode}\n--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}")
        return proc

    def help(self) -> str:
        out = self.run("--help").stdout
        if "usage: streetboard" not in out or "snapshot" not in out:
            raise StepFailed(f"--help printed no usage:\n{out}")
        return "usage printed"

    def version(self) -> str:
        if "--version" not in self.run("--help").stdout:
            return "skipped: the CLI has no --version option (yet)"
        out = self.run("--version")
        text = out.stdout + out.stderr
        if version() not in text:
            raise StepFailed(f"--version does not say {version()}: {text!r}")
        return text.strip()

    def demo(self) -> str:
        self.run("demo", "--db", str(self.db), "--cases", "2000")
        with sqlite3.connect(self.db) as con:
            cases = con.execute("SELECT count(*) FROM grid_case").fetchone()[0]
        if cases != 2000:
            raise StepFailed(f"the demo street has {cases} cases, not 2000")
        return f"{cases} cases in {self.db.name}"

    def snapshot(self) -> str:
        out = self.tmp / "overview.png"
        self.run("snapshot", "overview", "--out", str(out), "--db", str(self.db))
        return check_png(out, (1920, 1080))

    def approved_meeting(self) -> int:
        """A meeting whose minutes are approved, found from the database's own schema."""
        with sqlite3.connect(self.db) as con:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                columns = {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}
                if "minutes" in table and {"meeting_id", "status"} <= columns:
                    row = con.execute(f'SELECT min(meeting_id) FROM "{table}" WHERE status = ?', ("approved",)).fetchone()
                    if row and row[0] is not None:
                        return int(row[0])
        raise StepFailed(f"no meeting with approved minutes in {self.db} (tables: {', '.join(tables)})")

    def export_docx(self) -> str:
        meeting = self.approved_meeting()
        out = self.tmp / "minutes.docx"
        self.run("export", "minutes", str(meeting), "--docx", str(out), "--db", str(self.db))
        with zipfile.ZipFile(out) as docx:
            body = docx.read("word/document.xml")
        if len(body) < 2000:
            raise StepFailed(f"{out.name}: word/document.xml has only {len(body)} bytes")
        return f"meeting {meeting}: {out.stat().st_size} bytes"

    def export_pdf(self) -> str:
        meeting = self.approved_meeting()
        out = self.tmp / "minutes.pdf"
        self.run("export", "minutes", str(meeting), "--pdf", str(out), "--db", str(self.db))
        data = out.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:] or b"/FontFile" not in data:
            raise StepFailed(f"{out.name} is not a PDF with an embedded font ({len(data)} bytes)")
        return f"meeting {meeting}: {len(data)} bytes"

    def verify(self) -> str:
        out = self.run("verify", "--db", str(self.db))
        return (out.stdout.strip() or out.stderr.strip()).splitlines()[-1]

    def postgresql(self) -> str:
        """The psycopg driver and libpq in the bundle: a demo street on a throwaway database, verified."""
        if not self.pg_server:
            return "skipped: no --pg server"
        import psycopg  # this venv's, only to create and drop the throwaway database

        server = self.pg_server.replace("postgresql+psycopg://", "postgresql://")
        name = f"sbbundle_{os.getpid()}"
        url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}"')
            con.execute(f'CREATE DATABASE "{name}"')
        try:
            self.run("demo", "--db", url, "--cases", "300")
            out = self.run("verify", "--db", url)
        finally:
            with psycopg.connect(server, autocommit=True) as con:
                con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return f"{name}: " + (out.stdout.strip() or out.stderr.strip()).splitlines()[-1]


def check_png(path: Path, size: tuple[int, int]) -> str:
    """A PNG of *size* that is not one flat colour."""
    if not path.exists():
        raise StepFailed(f"{path.name} was not written")
    data = path.read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise StepFailed(f"{path.name} is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != size:
        raise StepFailed(f"{path.name} is {width}x{height}, not {size[0]}x{size[1]}")
    pixels, offset = b"", 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"IDAT":
            pixels += data[offset + 8:offset + 8 + length]
        offset += 12 + length
    distinct = len(set(zlib.decompress(pixels)))
    if distinct < 32 or len(data) < 20_000:
        raise StepFailed(f"{path.name} looks blank ({len(data)} bytes, {distinct} distinct byte values)")
    return f"{width}x{height}, {len(data)} bytes"


def smoke_test(exe: Path, pg_server: str | None = None) -> bool:
    if not exe.exists():
        print(f"FAILED: no executable {exe}", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory(prefix="streetboard-smoke-") as tmp:
        try:
            smoke = Smoke(exe, Path(tmp), pg_server)
        except StepFailed as error:
            print(f"FAILED: environment: {error}", file=sys.stderr)
            return False
        steps: list[tuple[str, Callable[[], str]]] = [
            ("--help", smoke.help),
            ("--version", smoke.version),
            ("demo --cases 2000", smoke.demo),
            ("snapshot overview", smoke.snapshot),
            ("export minutes --docx", smoke.export_docx),
            ("export minutes --pdf", smoke.export_pdf),
            ("verify", smoke.verify),
            ("PostgreSQL demo, verify", smoke.postgresql),
        ]
        print(f"== smoke test of {exe} (environment: {' '.join(sorted(smoke.env))})", flush=True)
        for name, step in steps:
            started = time.monotonic()
            try:
                note = step()
            except (StepFailed, OSError, sqlite3.Error, zipfile.BadZipFile, KeyError, zlib.error,
                    subprocess.TimeoutExpired, ImportError) as error:
                print(f"FAILED: smoke step '{name}': {error}", file=sys.stderr)
                return False
            print(f"  ok  {name:24} {time.monotonic() - started:5.1f} s  {note}", flush=True)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="PyInstaller's work folder (default: build/)")
    parser.add_argument("--skip-build", action="store_true", help="smoke-test the bundle already built")
    parser.add_argument("--no-smoke", action="store_true", help="build only")
    parser.add_argument("--pg", metavar="SERVER_URL", default=os.environ.get("STREETBOARD_TEST_PG"),
                        help="also smoke-test on a throwaway database of this PostgreSQL server "
                             "(default: $STREETBOARD_TEST_PG)")
    args = parser.parse_args(argv)

    bundle = bundle_dir(args.dist)
    if not args.skip_build:
        started = time.monotonic()
        try:
            build(args.dist, args.work)
        except subprocess.CalledProcessError as error:
            print(f"FAILED: PyInstaller exited with {error.returncode}", file=sys.stderr)
            return 1
        print(f"== built {bundle} in {time.monotonic() - started:.0f} s")
    if not bundle.is_dir():
        print(f"FAILED: no bundle at {bundle}", file=sys.stderr)
        return 1
    print(f"== bundle size: {tree_size(bundle) / 2**20:.0f} MiB ({sum(1 for _ in bundle.rglob('*'))} files)")
    if not WINDOWS:
        try:
            glibc = max_glibc(bundle)
        except (StepFailed, subprocess.CalledProcessError) as error:
            print(f"FAILED: max_glibc: {error}", file=sys.stderr)
            return 1
        if glibc is None:
            print("== glibc: no ELF file imports a GLIBC_ symbol version")
        else:
            top, needers = glibc
            shown = ", ".join(str(p.relative_to(bundle)) for p in needers[:6])
            more = f" and {len(needers) - 6} more" if len(needers) > 6 else ""
            print(f"== max glibc symbol version needed: GLIBC_{top} (by {shown}{more})")
    if args.no_smoke:
        return 0
    if not smoke_test(executable(bundle), args.pg):
        return 1
    print("== smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
