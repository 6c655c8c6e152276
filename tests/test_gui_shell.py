"""The shell: the main window and its navigation, the broadcast of changes, the screenshot command,
the first-run wizard, the job runner, the error presenter and the bundled font."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QImage

from dangjian_desktop.errors import DangjianError, FieldProblem, ValidationError
from dangjian_desktop.gui.app import FONT_FILE, install_language, register_font
from dangjian_desktop.gui.errors import error_text
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.main import save_screenshots
from dangjian_desktop.gui.main_window import PAGE_KEYS, MainWindow, page_title
from dangjian_desktop.gui.setup_wizard import SetupWizard
from dangjian_desktop.paths import resource_path
from dangjian_desktop.services.context import Changes, Context


TODAY = date(2026, 11, 27)  # as in conftest: the demo's periods hang on "today"


@pytest.fixture(scope="module")
def shell_ctx(demo_db_file, tmp_path_factory):
    """One copy of the demo village for the window tests (they only read)."""
    folder = tmp_path_factory.mktemp("shell")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    shutil.copy(demo_db_file, folder / "demo.db")
    ctx = Context.open(folder / "demo.db", actor="测试", create=False)
    ctx.today = TODAY
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def window(shell_ctx, qapp):
    """One main window for the module: building every page is the slow part (the screenshots test closes it last)."""
    win = MainWindow(shell_ctx, JobRunner(shell_ctx, inline=True))
    win.resize(1280, 820)
    win.show()
    yield win
    win.close()
    win.deleteLater()


def test_the_main_window_has_every_page_in_navigation_order(window):
    assert [window.nav.item(row).text() for row in range(window.nav.count())] == [page_title(k) for k in PAGE_KEYS]
    assert window.current_page() is window.pages["home"]


def test_navigation_switches_pages(window, qtbot):
    for row, key in enumerate(PAGE_KEYS):
        window.nav.setCurrentRow(row)
        assert window.current_page() is window.pages[key] and window.pages[key].isVisible()
    assert list(window.pages) == list(PAGE_KEYS)  # each built once, when first shown
    assert window.show_page("home") is window.pages["home"]
    assert window.nav.currentRow() == 0 and window.pages["home"].isVisible()


def test_a_broadcast_refreshes_a_visible_watching_page_now_and_a_hidden_one_when_shown(window, monkeypatch):
    calls = []
    home, settings = window.page("home"), window.page("settings")
    for page in (home, settings):
        monkeypatch.setattr(page, "refresh", lambda page=page: calls.append(page.key))
    window.show_page("home")
    window.broadcast(Changes(frozenset({"points_ledger"})))
    assert calls == ["home"]  # settings does not watch the ledger
    window.broadcast(Changes(frozenset({"orgs"})))
    assert calls == ["home", "home"]  # settings watches orgs but is hidden: it waits
    window.show_page("settings")
    assert calls == ["home", "home", "settings"]


def test_a_page_change_reaches_the_other_pages(window, monkeypatch):
    window.show_page("home")
    calls = []
    monkeypatch.setattr(window.page("home"), "refresh", lambda: calls.append("home"))
    window.page("settings").changed.emit(Changes(frozenset({"orgs"})))
    assert calls == ["home"]


def _distinct_colours(image: QImage, left: int, step: int = 8) -> int:
    return len({image.pixel(x, y) for x in range(left, image.width(), step) for y in range(0, image.height(), step)})


def test_the_screenshots_are_one_drawn_png_per_page(window, tmp_path, capsys):
    """What `dangjian gui --screenshot DIR` does after opening the window (gui.main.save_screenshots)."""
    assert save_screenshots(window, tmp_path) == 0
    shots = sorted(tmp_path.glob("*.png"))
    assert [p.stem.split("-", 1)[1] for p in shots] == list(PAGE_KEYS)
    assert capsys.readouterr().out.split() == [str(p) for p in shots]
    for shot in shots:
        image = QImage(str(shot))
        assert not image.isNull() and image.width() >= 1000, shot.name
        # Right of the navigation list: the page itself must have drawn something, not one flat colour.
        assert _distinct_colours(image, left=200) > 20, f"{shot.name} looks blank"


# -- first run -------------------------------------------------------------------------------------

@pytest.fixture
def empty(tmp_path):
    ctx = Context.open(tmp_path / "new.db")
    yield ctx
    ctx.close()


def test_the_wizard_says_what_is_wrong_and_will_not_start(empty, qtbot):
    wizard = SetupWizard(empty)
    qtbot.addWidget(wizard)
    assert not wizard.ok_button.isEnabled() and wizard.problems.text() == ""  # nothing typed: no scolding
    wizard.name.insert("东庄村党支部")  # QTest types ASCII only; Chinese arrives from the input method
    wizard.code.insert("东庄")
    assert "村代码" in wizard.problems.text() and not wizard.ok_button.isEnabled()
    wizard.code.clear()
    qtbot.keyClicks(wizard.code, "DZC")
    assert wizard.problems.text() == "" and wizard.ok_button.isEnabled()


def test_the_wizard_creates_the_village(empty, qtbot):
    wizard = SetupWizard(empty)
    qtbot.addWidget(wizard)
    wizard.name.insert("东庄村党支部")
    qtbot.keyClicks(wizard.code, "DZC")
    wizard.town.insert("示范镇")
    qtbot.mouseClick(wizard.ok_button, Qt.MouseButton.LeftButton)
    assert wizard.result() == wizard.DialogCode.Accepted and not wizard.demo_requested
    assert empty.org["name"] == "东庄村党支部" and empty.store.setting("town_name") == "示范镇"


def test_the_wizard_can_open_the_demo_instead(empty, qtbot):
    wizard = SetupWizard(empty)
    qtbot.addWidget(wizard)
    wizard.demo_choice.setChecked(True)
    assert wizard.ok_button.isEnabled() and not wizard.form_host.isEnabled()
    qtbot.mouseClick(wizard.ok_button, Qt.MouseButton.LeftButton)
    assert wizard.demo_requested and empty.store.setting("org_uuid") is None


# -- long work and errors --------------------------------------------------------------------------

def test_the_job_runner_works_off_the_gui_thread_and_hands_back_the_result(demo, qtbot):
    import threading

    runner = JobRunner(demo)
    results, threads = [], []

    def job(ctx, progress):
        threads.append(threading.current_thread())
        return ctx.org["name"]

    runner.run(None, "test", job, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results == [demo.org["name"]] and threads[0] is not threading.main_thread()


def test_the_job_runner_reports_a_failure_instead_of_a_result(demo, qtbot):
    runner = JobRunner(demo)
    done, errors = [], []

    def job(ctx, progress):
        raise DangjianError("出错了")

    runner.run(None, "test", job, done.append, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert done == [] and [e.message for e in errors] == ["出错了"]


def test_waiting_for_running_work_returns_when_it_is_done(demo, qtbot):
    """What closing the main window does while a backup runs."""
    import time

    runner = JobRunner(demo)
    results = []
    runner.run(None, "test", lambda ctx, progress: 42, results.append)
    time.sleep(0.3)  # the job is done and the runner's 100 ms poll is due: wait_all's first pass hands it over
    runner.wait_all()
    assert results == [42]


def test_errors_become_plain_messages():
    assert error_text(DangjianError("找不到党员")) == "找不到党员"
    two = ValidationError([FieldProblem("name", "姓名不能为空"), FieldProblem("id", "身份证号校验位不对")])
    assert error_text(two) == "• 姓名不能为空\n• 身份证号校验位不对"
    assert "No space left" in error_text(OSError(28, "No space left on device"))
    assert "boom" in error_text(RuntimeError("boom"))


# -- font and Qt's own words -----------------------------------------------------------------------

def test_the_bundled_chinese_font_is_registered_with_its_licence():
    assert register_font() == "WenQuanYi Micro Hei"
    assert resource_path("fonts", FONT_FILE).stat().st_size > 1_000_000
    assert "Apache" in Path(resource_path("fonts", "wqy-microhei-COPYRIGHT.txt")).read_text(encoding="utf-8")


def test_chinese_also_translates_qts_own_buttons():
    try:
        install_language("zh_CN")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        install_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
