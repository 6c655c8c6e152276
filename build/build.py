"""Build the frozen app: PyInstaller on installer.spec, into dist/dangjian/.

    python build/build.py               # dist/dangjian/dangjian (dangjian.exe on Windows)
    python build/build.py --portable    # also dist/dangjian-<version>-portable.zip (with portable.txt)
    python build/build.py --clean       # throw away PyInstaller's cache first

PyInstaller's work folder is kept outside the checkout (in the system's temporary folder, reused
between builds so a rebuild is quicker), so build/ holds only these sources. Prints the build
time and the folder's size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dangjian_desktop import APP_NAME, __version__  # noqa: E402
from dangjian_desktop.paths import PORTABLE_MARKER  # noqa: E402

DIST = ROOT / "dist"
WORK = Path(tempfile.gettempdir()) / f"{APP_NAME}-pyinstaller"
PORTABLE_NOTE = ("有这个文件时，党建通把数据库、备份、数据包和窗口设置都保存在旁边的 data 文件夹里，"
                 "可以整个文件夹放在 U 盘上使用。删除这个文件则使用本机用户的数据目录。\n")


def executable(dist: Path = DIST) -> Path:
    return dist / APP_NAME / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)


def folder_size(folder: Path) -> int:
    """Bytes of every file under `folder` (symbolic links not followed, not counted twice)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(spec: Path, dist: Path, work: Path, *, clean: bool = False, quiet: bool = True) -> float:
    """Seconds PyInstaller took to build `spec` into `dist`."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        command.append("--clean")
    if quiet:
        command += ["--log-level", "WARN"]
    started = time.perf_counter()
    subprocess.run([*command, str(spec)], check=True, cwd=ROOT)
    return time.perf_counter() - started


def portable_zip(dist: Path = DIST) -> Path:
    """The app folder with the portable marker, zipped for a USB stick."""
    folder = dist / APP_NAME
    (folder / PORTABLE_MARKER).write_text(PORTABLE_NOTE, encoding="utf-8")
    try:
        out = dist / f"{APP_NAME}-{__version__}-portable.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, Path(APP_NAME, path.relative_to(folder)))
    finally:
        (folder / PORTABLE_MARKER).unlink()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--portable", action="store_true", help="also write a portable zip")
    parser.add_argument("--verbose", action="store_true", help="PyInstaller's full log")
    args = parser.parse_args(argv)
    if args.clean and WORK.exists():
        shutil.rmtree(WORK)
    seconds = run_pyinstaller(ROOT / "installer.spec", DIST, WORK, clean=args.clean, quiet=not args.verbose)
    app = executable()
    if not app.is_file():
        print(f"build failed: {app} is missing", file=sys.stderr)
        return 1
    size = folder_size(app.parent)
    print(f"built {app.relative_to(ROOT)} in {seconds:.0f} s; one folder {size / 1024 ** 2:.0f} MB")
    if args.portable:
        print(f"portable zip: {portable_zip().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
