"""The GUI's start (issue 3: cold start ≤ 2.5 × a bare PySide6 window; figures in bench/startup_bench.py).

A start imports only what the home page needs, and the home page's own summary, which reads each
table once for speed, gives the same figures as the services the other pages use.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from dangjian_desktop.core.meetings import overdue
from dangjian_desktop.services import meetings, members, points, stars
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.overview import home_summary
from dangjian_desktop.store import queries

ROOT = Path(__file__).resolve().parent.parent

#: Never imported by a start on a set-up village: libraries and our modules the home page does not use.
NOT_AT_START = (
    "reportlab", "openpyxl", "sqlite_utils", "nacl", "faker", "pypinyin",
    "dangjian_desktop.reports", "dangjian_desktop.sync", "dangjian_desktop.gui.setup_wizard",
    "dangjian_desktop.gui.pages.members", "dangjian_desktop.core.stars", "dangjian_desktop.core.idcard",
    "dangjian_desktop.services.members", "dangjian_desktop.services.points", "dangjian_desktop.services.meetings",
    "dangjian_desktop.services.stars",
)

# The steps of gui.main.run_gui up to the first turn of the event loop, as bench/startup_bench.py runs them.
START = """
import enum, json, sys
made = []  # the enums PySide builds as they are first used (it builds them with Python's enum module)
create = enum.EnumType._create_
enum.EnumType._create_ = lambda cls, name, *args, **kwargs: made.append(name) or create(cls, name, *args, **kwargs)
from pathlib import Path
from PySide6.QtCore import QTimer
from dangjian_desktop.gui.app import application, install_language
from dangjian_desktop.gui.main import _prepare, build_main_window
from dangjian_desktop.services.context import Context
app = application()
install_language("zh_CN")
ctx = Context.open(Path(sys.argv[1]), actor="测试")
assert _prepare(ctx)
window = build_main_window(ctx)
window.show()
def first_turn():
    home = window.pages["home"]
    print(json.dumps({"modules": sorted(sys.modules), "heading": home.heading.text(),
                      "full": home.cards["full"].value.text(), "leaders": len(home.summary.leaders),
                      "qt_namespace": "AlignmentFlag" in made}))
    app.quit()
QTimer.singleShot(0, first_turn)
app.exec()
"""


def test_a_start_imports_only_what_the_home_page_needs(demo_db_file, tmp_path):
    db = tmp_path / "demo.db"
    shutil.copy(demo_db_file, db)
    with Context.open(db, create=False) as ctx:
        village = ctx.org["name"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", START, str(db)], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    started = json.loads(result.stdout.strip().splitlines()[-1])
    loaded = [name for name in started["modules"]
              if any(name == banned or name.startswith(banned + ".") for banned in NOT_AT_START)]
    assert loaded == []
    # The first use of PySide's `Qt` namespace builds all its ~90 enums (~30 ms): not before the window is usable.
    assert started["qt_namespace"] is False
    # …and by the first turn of the event loop the home page shows its figures, not placeholders.
    assert started["heading"] == village
    assert started["full"].isdigit() and started["leaders"] > 0


def test_the_home_summary_gives_the_figures_the_services_give(demo):
    summary = home_summary(demo)
    year = demo.today.year
    stats = meetings.training_stats(demo, year=year)
    assert (summary.training.sessions, summary.training.attendances, summary.training.total_hours) == (
        stats.sessions, stats.attendances, stats.total_hours)
    assert [(b.member_uuid, b.hours, b.floor) for b in summary.below_floor] == sorted(
        stats.below_floor, key=lambda row: row[1])
    assert summary.overdue == tuple(overdue(meetings.compliance(demo, year=year)))
    ranked = points.member_scores(demo, cycle=summary.cycle)[:10]
    assert [(l.rank, l.member_uuid, l.name, l.total_x100, l.stars) for l in summary.leaders] == [
        (s.rank, s.member_uuid, s.name, s.total_x100, s.stars) for s in ranked]
    assert list(summary.weak) == stars.weak_warnings(demo)


def test_the_home_summary_sees_a_secretary_leave_as_the_star_page_does(demo):
    roster = queries.members(demo.store, demo.org_uuid, roster_only=True)
    secretary = next(m for m in roster if m["party_post"] == "书记")
    members.change_member_status(demo, member_uuid=secretary["uuid"], status="转出", on=date(2026, 5, 4))
    weak = home_summary(demo).weak
    assert "secretary_vacant" in [w.code for w in weak]
    assert list(weak) == stars.weak_warnings(demo)


def test_the_numbers_that_stand_for_qt_enums_are_right(demo, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    from dangjian_desktop.gui.jobs import JobRunner
    from dangjian_desktop.gui.main_window import KEY_ROLE
    from dangjian_desktop.gui.pages.home import ALIGN_RIGHT_VCENTER, SCROLL_BAR_ALWAYS_OFF, HomePage

    assert KEY_ROLE == Qt.ItemDataRole.UserRole.value
    assert SCROLL_BAR_ALWAYS_OFF == Qt.ScrollBarPolicy.ScrollBarAlwaysOff.value
    assert ALIGN_RIGHT_VCENTER == (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    page = HomePage(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    page.show()
    assert page.findChild(QScrollArea).horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    aligned = [label for label in page.leaders.findChildren(type(page.heading))
               if label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter]
    assert len(aligned) == len(page.summary.leaders) > 0  # each leader's points, right-aligned


def test_days_in_month_agrees_with_the_calendar():
    import calendar

    from dangjian_desktop.core.periods import days_in_month

    assert all(days_in_month(year, month) == calendar.monthrange(year, month)[1]
               for year in range(1896, 2105) for month in range(1, 13))
