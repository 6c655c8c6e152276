"""Cold start benchmark (issue 3): a fresh process to an interactive main window on the demo village,
against a fresh process showing a bare PySide6 window, in the same run; target ratio ≤ 2.5.

    python bench/startup_bench.py [--db demo.db] [--repeat 7] [--importtime] [--from-source]

"Interactive" is the moment the event loop first runs after the window was shown (a zero timer
fires): the first page has been built and filled, and a click would be handled. Each start is a
new interpreter, so imports, font registration, translators, opening the database and the first
page's queries are all counted; tearing the process down is not. Both kinds run offscreen with a
private settings folder, alternating, after one unmeasured warm-up each (so the disk cache is warm
for both). Without --db a demo village (120 members, two years of records) is made first.

Bytecode: both kinds run with a private bytecode cache that the warm-ups fill, as an installed app
has one (pip compiles the modules when it installs them; PyInstaller bundles them compiled). With
--from-source the environment decides: where PYTHONDONTWRITEBYTECODE is set, as in this project's
shared checkout, every start compiles our modules from source again, a cost no user ever pays.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
window.resize(1200, 780)
window.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
"""

# The steps of dangjian_desktop.gui.main.run_gui, with the same zero timer after show().
APP = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from dangjian_desktop.gui.app import application, install_language
from dangjian_desktop.gui.main import _prepare, build_main_window
from dangjian_desktop.services.context import Context
app = application()
install_language("zh_CN")
ctx = Context.open(Path(sys.argv[1]), actor="书记")
assert _prepare(ctx)
window = build_main_window(ctx)
window.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
"""


def start_once(code: str, args: list[str], env: dict, extra: list[str] = ()) -> tuple[float, str]:
    """Seconds from spawning the interpreter to its window being interactive, and its stderr."""
    started = time.time()
    result = subprocess.run([sys.executable, *extra, "-c", code, *args], env=env, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"start failed ({result.returncode}):\n{result.stderr}")
    return float(result.stdout.split()[0]) - started, result.stderr


def make_demo(folder: Path) -> Path:
    path = folder / "demo.db"
    subprocess.run([sys.executable, "-m", "dangjian_desktop", "--db", str(path), "demo", "village"], check=True,
                   capture_output=True)
    return path


def importtime_report(db: Path, env: dict, top: int = 25) -> None:
    """The slowest imports of one app start (cumulative microseconds, as `python -X importtime` prints)."""
    _, stderr = start_once(APP, [str(db)], env, extra=["-X", "importtime"])
    rows = []
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _self, cumulative, name = (part.strip() for part in line[len("import time:"):].split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    print("\nslowest imports (cumulative ms) of one app start:")
    for cumulative, name in sorted(rows, reverse=True)[:top]:
        print(f"  {cumulative / 1000:8.1f}  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a village database (default: a new demo village)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--importtime", action="store_true", help="also print the slowest imports")
    parser.add_argument("--from-source", action="store_true",
                        help="no private bytecode cache (with PYTHONDONTWRITEBYTECODE set, every start compiles)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dangjian-bench-") as tmp:
        tmp = Path(tmp)
        db = args.db or make_demo(tmp)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp / "config"),
               "PYTHONPATH": str(ROOT)}
        if not args.from_source:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        start_once(BARE, [], env)  # warm-ups, not measured
        start_once(APP, [str(db)], env)
        bare, app = [], []
        for _ in range(args.repeat):
            bare.append(start_once(BARE, [], env)[0])
            app.append(start_once(APP, [str(db)], env)[0])
        b, a = statistics.median(bare), statistics.median(app)
        print(f"bare PySide6 window : median {b * 1000:6.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in bare)})")
        print(f"党建通 main window   : median {a * 1000:6.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in app)})")
        compiled = "from source where PYTHONDONTWRITEBYTECODE is set" if args.from_source else "bytecode cached"
        print(f"ratio               : {a / b:.2f} × (target ≤ 2.5 ×)  on {db.name}, {args.repeat} runs each,"
              f" {compiled}")
        if args.importtime:
            importtime_report(db, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
