"""Who is at the keyboard: log in at start, lock when idle, log in again (or as someone else).

A database without accounts first asks for its first account (the 书记 / 管理员). Then the main
window runs as the logged-in user (ctx.user, ctx.actor). An event filter on the application sees
every key press, click and wheel turn; after the idle minutes of the settings (default 10), or at
once from 账户 → 立即锁定 (Ctrl+L) when the user steps away, the window hides its content and shows
the login dialog. The same account logging in gets its window back as it was; another account gets
a fresh window built for its role.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from dangjian_desktop.gui.login import FirstAccountDialog, LoginDialog
from dangjian_desktop.services import accounts
from dangjian_desktop.services.context import Context

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel,
          QEvent.Type.MouseMove, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride}


class IdleLock(QObject):
    """Calls `on_idle` once no input has reached the application for `timeout_ms()` milliseconds."""

    def __init__(self, timeout_ms: Callable[[], int], on_idle: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self.timeout_ms, self.on_idle = timeout_ms, on_idle
        self.last_input = time.monotonic()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check)
        QApplication.instance().installEventFilter(self)

    def start(self) -> None:
        self.last_input = time.monotonic()
        self.timer.start(max(20, min(5000, self.timeout_ms() // 4)))

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False

    def _check(self) -> None:
        if (time.monotonic() - self.last_input) * 1000 >= self.timeout_ms():
            self.stop()
            self.on_idle()

    def remove(self) -> None:
        self.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class Session(QObject):
    """The logged-in user and the main window built for them. `idle_ms` overrides the setting (tests)."""

    def __init__(self, ctx: Context, build_window: Callable[[Context], object], *, user_name: str = "",
                 idle_ms: int | None = None):
        super().__init__()
        self.ctx, self.build_window, self.user_name, self.idle_ms = ctx, build_window, user_name, idle_ms
        self.window = None
        self.lock_dialog: LoginDialog | None = None
        self.hidden: list = []
        self.idle = IdleLock(self._timeout_ms, self.lock, parent=self)

    def _timeout_ms(self) -> int:
        return self.idle_ms if self.idle_ms is not None else accounts.idle_minutes(self.ctx) * 60_000

    def log_in(self) -> bool:
        """The first account, or the login dialog; False when the user chose to quit."""
        if not accounts.has_accounts(self.ctx):
            return bool(FirstAccountDialog(self.ctx).exec())
        return bool(LoginDialog(self.ctx, name=self.user_name).exec())

    def start(self) -> bool:
        if not self.log_in():
            return False
        self.open_window()
        return True

    def open_window(self, geometry=None) -> None:
        self.window = self.build_window(self.ctx)
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        if accounts.has_accounts(self.ctx):
            self._add_account_menu(self.window)
        self.window.show()
        self.idle.start()

    def _add_account_menu(self, window) -> None:
        """账户 → 立即锁定 (Ctrl+L), before 帮助: leaving the desk does not have to wait for the idle lock."""
        menu = QMenu(self.tr("&Account"), window)
        action = QAction(self.tr("Lock now"), window)
        action.setShortcut(QKeySequence("Ctrl+L"))
        action.setStatusTip(self.tr("Hide everything until someone logs in again"))
        action.triggered.connect(self.lock_now)
        menu.addAction(action)
        help_menu = getattr(window, "help_menu", None)
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu.menuAction(), menu)
        else:
            window.menuBar().addMenu(menu)
        window.lock_action = action

    # -- the idle lock --------------------------------------------------------------------------
    def lock_now(self) -> None:
        self.lock(idle=False)

    def lock(self, idle: bool = True) -> None:
        """Hide the window's content and ask for a login (the same account, or another one);
        `idle`: locked by the idle timer rather than by hand."""
        window = self.window
        if window is None or self.lock_dialog is not None:
            return
        # Dialogs left open (a member's form …) are hidden too, so nothing stays usable behind the lock.
        self.hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
        for widget in self.hidden:
            widget.hide()
        window.centralWidget().hide()
        window.statusBar().hide()
        locked = self.ctx.user
        minutes = accounts.idle_minutes(self.ctx) if idle else 0
        dialog = LoginDialog(self.ctx, locked=locked, minutes=minutes, parent=window)
        self.lock_dialog = dialog
        dialog.finished.connect(lambda result: self._unlocked(dialog, locked, result))
        dialog.open()

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def _unlocked(self, dialog: LoginDialog, locked: dict | None, result: int) -> None:
        self.lock_dialog = None
        dialog.deleteLater()
        window = self.window
        if not result:  # 退出: the program closes (unsaved typing in open dialogs is the user's choice)
            self.idle.remove()
            window.close()
            QApplication.instance().quit()
            return
        hidden, self.hidden = self.hidden, []
        if locked is not None and dialog.user["uuid"] == locked["uuid"]:
            window.centralWidget().show()
            window.statusBar().show()
            for widget in hidden:
                widget.show()
            self.idle.start()
            return
        for widget in hidden:  # another account: what the previous one left open is dropped, unsaved
            if isinstance(widget, QDialog):
                widget.reject()
        geometry = window.saveGeometry()  # another account: a window built for its role
        window.close()
        window.deleteLater()
        self.open_window(geometry)
