"""Starting the GUI: the application, the first-run wizard, the main window; and screenshots."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from dangjian_desktop.errors import StoreError
from dangjian_desktop.gui.app import application, apply_font, install_language
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.preferences import get_preferences


def _prepare(ctx: Context) -> bool:
    """Make sure the database is set up; False when the user closed the wizard."""
    if ctx.store.setting("org_uuid"):
        return True
    from dangjian_desktop.gui.setup_wizard import SetupWizard  # first run only: not paid at every start

    wizard = SetupWizard(ctx)
    if not wizard.exec():
        return False
    if wizard.demo_requested:
        from PySide6.QtCore import Qt

        from dangjian_desktop.services.demo import create_demo_village  # Faker: only for the demo

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            create_demo_village(ctx)
        finally:
            QApplication.restoreOverrideCursor()
    return True


def build_main_window(ctx: Context):
    from dangjian_desktop.gui.main_window import MainWindow

    preferences = get_preferences(ctx)
    install_language(preferences.language)
    apply_font(preferences.large_font)
    return MainWindow(ctx)


def _open(db_path: Path) -> Context | None:
    """The database, or (damaged, from a newer version) the recovery dialog's outcome; None: quit."""
    try:
        return Context.open(db_path, actor="书记")
    except StoreError:
        from dangjian_desktop.gui.recovery import open_or_recover  # only when the file cannot be opened

        return open_or_recover(db_path, actor="书记")


def _schedule_daily_backup(window, db_path: Path) -> None:
    """The day's first backup, a few seconds after the window is up, on a thread of its own."""
    from PySide6.QtCore import QTimer

    def start() -> None:
        from dangjian_desktop.gui.recovery import start_daily_backup

        window.daily_backup = start_daily_backup(window, db_path)

    QTimer.singleShot(5000, window, start)


def _login_for_screenshots(ctx: Context, user: str | None) -> None:
    """Screenshots run unattended: a database with accounts logs in as the command line does
    (--user or DANGJIAN_USER, the password from DANGJIAN_PASSWORD); without accounts, the local operator."""
    import os

    from dangjian_desktop.errors import DangjianError
    from dangjian_desktop.services import accounts

    if not accounts.has_accounts(ctx):
        return
    name, password = user or os.environ.get("DANGJIAN_USER"), os.environ.get("DANGJIAN_PASSWORD")
    if not name or password is None:
        raise DangjianError("这个数据库已建立账户：截图前请用 --user 账户名（或 DANGJIAN_USER）和环境变量 DANGJIAN_PASSWORD 登录")
    accounts.login(ctx, name, password)


def run_gui(db_path: Path, *, screenshot_dir: Path | None = None, user: str | None = None) -> int:
    app = application()
    install_language("zh_CN")
    ctx = _open(db_path)
    if ctx is None:
        return 1
    try:
        if not _prepare(ctx):
            return 1
        if screenshot_dir is not None:
            from dangjian_desktop.errors import DangjianError

            try:
                _login_for_screenshots(ctx, user)
            except DangjianError as exc:
                print(f"错误：{exc.message}", file=sys.stderr)
                return exc.exit_code
            return save_screenshots(build_main_window(ctx), screenshot_dir)
        from dangjian_desktop.gui.session import Session  # first account or login; the idle lock

        session = Session(ctx, build_main_window, user_name=user or "")
        if not session.start():
            return 1
        _schedule_daily_backup(session.window, db_path)
        return app.exec()
    finally:
        ctx.close()


def settle(app, window, seconds: float = 2.5) -> None:
    """Let a page finish what it started on showing (timers, background jobs) before the picture."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    window.runner.wait_all()
    app.processEvents()


def save_screenshots(window, folder: Path) -> int:
    """One PNG per page of the main window, as the user would see it; returns 0 when all were written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(1280, 820)
    window.show()
    app = QApplication.instance()
    for number, key in enumerate(window.page_keys, start=1):
        window.show_page(key)
        settle(app, window)
        path = folder / f"{number:02d}-{key}.png"
        if not window.grab().save(str(path)):
            return 1
        print(path)
    window.close()
    return 0
