"""The district app as a user opens it, for the memory line of bench/run.py (run in its own process).

`district_app(db)` opens the main window offscreen on a district database, shows every page of the
district's navigation in turn (the dashboard first), lets each finish its background jobs, and
returns the pages shown; the parent reads this process's peak resident memory (ru_maxrss). Dialogs
that pop up (an error) are closed and reported, as the frozen app's self-test does.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

SETTLE_SECONDS = 1.0


def district_app(db: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from dangjian_desktop.gui.settings_file import use_settings_folder

    with tempfile.TemporaryDirectory(prefix="dangjian-bench-gui-") as tmp:
        use_settings_folder(Path(tmp))  # before the QApplication: nothing goes to the user's profile
        from dangjian_desktop.gui.app import application, install_language
        from dangjian_desktop.gui.main import build_main_window, settle
        from dangjian_desktop.gui.selftest_pages import _Watch
        from dangjian_desktop.services.context import Context

        app = application()
        install_language("zh_CN")
        started = time.perf_counter()
        ctx = Context.open(Path(db), actor="bench", create=False)
        try:
            if ctx.role != "district":
                raise SystemExit(f"{db} is not a district database")
            with _Watch() as watch:
                window = build_main_window(ctx)
                window.resize(1280, 820)
                window.show()
                shown = []
                for key in window.page_keys:
                    window.show_page(key)
                    settle(app, window, SETTLE_SECONDS)
                    shown.append(key)
                window.close()
                problems = list(watch.problems)
        finally:
            ctx.close()
    return {"pages": shown, "seconds": time.perf_counter() - started, "problems": problems}
