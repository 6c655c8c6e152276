"""Frozen-app benchmark (issue 7): build time, one-folder size against a bare PySide6 window frozen the
same way in the same run (target ≤ 1.25 ×), and cold start to the main window frozen against from
source (target ≤ 2 ×).

    python bench/frozen_bench.py [--repeat 5] [--keep DIR]

Four PyInstaller builds into a temporary folder (the checkout's dist/ is not touched):
  app    installer.spec as it is (its build time and folder size are the figures);
  bare   a QMainWindow with a QLabel, with the same rules for what is left out (build/freeze.py), and
         once more with PyInstaller's defaults (bare-default);
  probe  installer.spec with bench/startup_bench.py's start-up steps as the entry script, so the frozen
         start is timed exactly as the source start is: spawn → first event-loop turn after show().
Starts run offscreen on a demo village, alternating, after one unmeasured warm-up each.
`measure(folder, repeat)` returns the figures as a dict (for bench/run.py); `main` prints them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "build")]

import build as build_script  # noqa: E402  (build/build.py)
from startup_bench import APP, BARE, make_demo  # noqa: E402

#: A bare window; `{filtered}` True applies installer.spec's rules for what is left out (build/freeze.py),
#: False keeps PyInstaller's defaults (every plugin and translation its Qt hooks collect).
BARE_SPEC = """
import sys
sys.path.insert(0, {build!r})
from freeze import filter_analysis
a = Analysis([{entry!r}])
if {filtered}:
    filter_analysis(a)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name={name!r}, console=False, upx=False)
coll = COLLECT(exe, a.binaries, a.datas, name={name!r}, upx=False)
"""


def probe_spec(folder: Path) -> Path:
    """installer.spec, unchanged but for its root, entry script and name."""
    entry = folder / "probe.py"
    entry.write_text(APP, encoding="utf-8")
    text = (ROOT / "installer.spec").read_text(encoding="utf-8")
    for old, new in (("ROOT = Path(SPECPATH)", f"ROOT = Path({str(ROOT)!r})"),
                     ('ENTRY = ROOT / "dangjian_desktop" / "__main__.py"', f"ENTRY = Path({str(entry)!r})"),
                     ("NAME = APP_NAME", 'NAME = "probe"')):
        if old not in text:
            raise SystemExit(f"installer.spec has changed: cannot find {old!r}")
        text = text.replace(old, new)
    spec = folder / "probe.spec"
    spec.write_text(text, encoding="utf-8")
    return spec


def bare_spec(folder: Path, name: str, *, filtered: bool) -> Path:
    entry = folder / "bare.py"
    entry.write_text(BARE, encoding="utf-8")
    spec = folder / f"{name}.spec"
    spec.write_text(BARE_SPEC.format(build=str(ROOT / "build"), entry=str(entry), name=name, filtered=filtered),
                    encoding="utf-8")
    return spec


def start_once(command: list[str], env: dict) -> float:
    """Seconds from spawning `command` to its first event-loop turn after show() (it prints the time)."""
    started = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return float(result.stdout.split()[0]) - started


def median_starts(commands: dict[str, list[str]], env: dict, repeat: int) -> dict[str, list[float]]:
    for command in commands.values():
        start_once(command, env)  # warm-up: the disk cache is warm for every kind alike
    runs: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(start_once(command, env))
    return runs


def measure(folder: Path, repeat: int = 5, *, log=print) -> dict:
    """Build the four folders into `folder` and time the starts; the figures as a dict (sizes in bytes,
    times in seconds). `log` gets a line as each build ends."""
    dist, work = folder / "dist", folder / "work"
    seconds = {}
    for name, spec in (("app", ROOT / "installer.spec"), ("bare", bare_spec(folder, "bare", filtered=True)),
                       ("bare-default", bare_spec(folder, "bare-default", filtered=False)),
                       ("probe", probe_spec(folder))):
        seconds[name] = build_script.run_pyinstaller(spec, dist, work / name)
        log(f"built {name:12s} in {seconds[name]:5.0f} s")
    sizes = {name: build_script.folder_size(dist / folder_name)
             for name, folder_name in (("app", "dangjian"), ("bare", "bare"), ("bare-default", "bare-default"))}

    db = make_demo(folder)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder / "config"),
           "PYTHONPATH": str(ROOT)}
    exe = ".exe" if sys.platform == "win32" else ""
    runs = median_starts({
        "frozen": [str(dist / "probe" / f"probe{exe}"), str(db)],
        "source": [sys.executable, "-c", APP, str(db)],
        "frozen bare": [str(dist / "bare" / f"bare{exe}")],
    }, env, repeat)
    medians = {name: statistics.median(times) for name, times in runs.items()}
    return {"build_seconds": seconds, "sizes": sizes, "size_ratio": sizes["app"] / sizes["bare"],
            "size_ratio_default": sizes["app"] / sizes["bare-default"], "start_runs": runs,
            "start_medians": medians, "start_ratio": medians["frozen"] / medians["source"], "repeat": repeat}


def report(figures: dict) -> None:
    sizes, mb = figures["sizes"], 1024 ** 2
    print(f"\none folder: 党建通 {sizes['app'] / mb:.0f} MB; bare PySide6 window {sizes['bare'] / mb:.0f} MB with the "
          f"same rules → {figures['size_ratio']:.2f} × (target ≤ 1.25 ×); {sizes['bare-default'] / mb:.0f} MB with "
          f"PyInstaller's defaults → {figures['size_ratio_default']:.2f} ×")
    print()
    for name, times in figures["start_runs"].items():
        print(f"{name:12s}: median {figures['start_medians'][name] * 1000:6.0f} ms  "
              f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times)})")
    print(f"frozen / source start: {figures['start_ratio']:.2f} × (target ≤ 2 ×), "
          f"{figures['repeat']} runs each on a demo village")
    print(f"build time of the app: {figures['build_seconds']['app']:.0f} s (PyInstaller from an empty work folder)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dangjian-frozen-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        report(measure(folder, args.repeat, log=lambda line: print(line, flush=True)))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
