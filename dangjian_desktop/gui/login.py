"""Logging in: the first account of a database, the login dialog, and 忘记密码 (a reset code from
the district). The session (gui/session.py) shows them at start and when the idle lock closes in.

A failed login never sleeps the GUI: the service says how many seconds to wait, and the login
button counts them down, disabled, on a one-second timer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QVBoxLayout)

from dangjian_desktop.core import roles
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import error_text, show_error
from dangjian_desktop.gui.home.widgets import GREY, INK, RED, ScaledLabel, rescale
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.services import account_resets, accounts
from dangjian_desktop.services.context import Context


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumHeight(32)
    return field


def _line_field(text: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setMinimumHeight(32)
    return field


def _problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {RED}; font-weight: bold;")
    return label


class _Dialog(QDialog):
    """Title, intro, a form, a red problems line and a row of buttons."""

    def __init__(self, title: str, intro: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.heading = ScaledLabel(title, factor=1.5, bold=True, colour=INK)
        self.intro = ScaledLabel(intro, factor=1.0, colour=GREY)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.problems = _problem_label()
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problems)
        layout.addLayout(self.buttons)

    def finish_layout(self) -> None:
        rescale(self)


class FirstAccountDialog(_Dialog):
    """A database without accounts: create the one that manages the others (书记 / 管理员)."""

    def __init__(self, ctx: Context, parent=None):
        self.ctx = ctx
        self.role = accounts.first_role(ctx)
        label = roles.ROLE_LABELS[self.role]
        super().__init__(self.tr("Create the first account"), self.tr(
            "From now on the program asks for an account name and password when it starts and after it has been "
            "left alone. Create the account of the {0} first: it adds accounts for the others and gives them their "
            "roles. Remember the password: there is no master password. If it is forgotten, the district office "
            "can send a reset code.").format(label), parent)
        self.name = _line_field()
        self.name.setPlaceholderText(self.tr("e.g. Wang (secretary)"))
        self.password = _password_field()
        self.repeat = _password_field()
        self.form.addRow(self.tr("Role"), ScaledLabel(label, bold=True, colour=INK))
        self.form.addRow(self.tr("Account name"), self.name)
        self.form.addRow(self.tr("Password (at least 6 characters)"), self.password)
        self.form.addRow(self.tr("Password again"), self.repeat)
        self.create_button = big_button(self.tr("Create and log in"), primary=True)
        self.quit_button = big_button(self.tr("Quit"))
        self.buttons.addWidget(self.quit_button)
        self.buttons.addWidget(self.create_button)
        self.create_button.clicked.connect(self.create)
        self.quit_button.clicked.connect(self.reject)
        for field in (self.name, self.password, self.repeat):
            field.textChanged.connect(self.check)
        self.user: dict | None = None
        self.check()
        self.finish_layout()

    def check(self) -> bool:
        problems = accounts.account_problems(self.ctx, name=self.name.text(), password=self.password.text(),
                                             repeat=self.repeat.text(), role=self.role)
        typed = {"name": bool(self.name.text()), "password": bool(self.password.text()),
                 "repeat": bool(self.repeat.text())}
        shown = [p.reason for p in problems if typed.get(p.field, True)]  # nothing red before typing
        self.problems.setText("\n".join(dict.fromkeys(shown)))
        self.create_button.setEnabled(not problems)
        return not problems

    def create(self) -> None:
        if not self.check():
            return
        try:
            accounts.create_account(self.ctx, name=self.name.text(), password=self.password.text(), role=self.role)
            self.user = accounts.login(self.ctx, self.name.text(), self.password.text())
        except DangjianError as exc:
            self.problems.setText(error_text(exc))
            return
        self.accept()


class LoginDialog(_Dialog):
    """Name and password; after failed logins the button counts the wait down. `locked` is the
    account that was logged in when the window was locked (its name is filled in); `minutes`, the
    idle minutes that locked it (0: locked by hand)."""

    def __init__(self, ctx: Context, *, name: str = "", locked: dict | None = None, minutes: int = 0, parent=None):
        self.ctx = ctx
        org = ctx.org["name"] if ctx.store.setting("org_uuid") else ""
        if locked and minutes:
            intro = self.tr("The program was locked after {0} minutes without use. Log in again to go on; "
                            "another account may log in too.").format(minutes)
        elif locked:
            intro = self.tr("The program is locked. Log in again to go on; another account may log in too.")
        else:
            intro = self.tr("{0}: log in with your account.").format(org)
        super().__init__(self.tr("Locked") if locked else self.tr("Log in"), intro, parent)
        self.name = _line_field(locked["name"] if locked else name)
        self.password = _password_field()
        self.form.addRow(self.tr("Account name"), self.name)
        self.form.addRow(self.tr("Password"), self.password)
        self.login_button = big_button(self.tr("Log in"), primary=True)
        self.forgot_button = big_button(self.tr("Forgot password…"))
        self.quit_button = big_button(self.tr("Quit"))
        self.buttons.insertWidget(0, self.forgot_button)
        self.buttons.addWidget(self.quit_button)
        self.buttons.addWidget(self.login_button)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.log_in)
        self.forgot_button.clicked.connect(self.forgot)
        self.quit_button.clicked.connect(self.reject)
        self.password.returnPressed.connect(self.log_in)
        self.wait_left = 0
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)
        self.user: dict | None = None
        (self.password if self.name.text() else self.name).setFocus()
        self.finish_layout()

    def log_in(self) -> None:
        if self.wait_left:
            return
        try:
            self.user = accounts.login(self.ctx, self.name.text(), self.password.text())
        except accounts.LoginFailed as exc:
            self.password.clear()
            self.problems.setText(exc.message)
            self.start_wait(exc.wait_seconds)
            return
        except DangjianError as exc:
            self.problems.setText(error_text(exc))
            return
        self.accept()

    def start_wait(self, seconds: int) -> None:
        self.wait_left = seconds
        if seconds:
            self.countdown.start()
        self._show_wait()

    def _tick(self) -> None:
        self.wait_left = max(0, self.wait_left - 1)
        if not self.wait_left:
            self.countdown.stop()
        self._show_wait()

    def _show_wait(self) -> None:
        self.login_button.setEnabled(not self.wait_left)
        self.login_button.setText(self.tr("Log in ({0} s)").format(self.wait_left) if self.wait_left
                                  else self.tr("Log in"))

    def forgot(self) -> None:
        kind = PassphraseResetDialog if self.ctx.role == "district" else ResetCodeDialog
        dialog = kind(self.ctx, name=self.name.text(), parent=self)
        if dialog.exec():
            self.name.setText(dialog.name.text())
            self.password.clear()
            self.problems.setText(self.tr("The new password is set. Log in with it."))


class _ForgotDialog(_Dialog):
    """忘记密码: the account name, a secret that proves the right to a new password, the new password
    twice. Subclasses name the secret and call the service that checks it."""

    def __init__(self, ctx: Context, title: str, intro: str, secret_label: str, *, name: str = "", parent=None):
        self.ctx = ctx
        super().__init__(title, intro, parent)
        self.name = _line_field(name)
        self.secret = _line_field()
        self.password = _password_field()
        self.repeat = _password_field()
        self.form.addRow(self.tr("Account name"), self.name)
        self.form.addRow(secret_label, self.secret)
        self.form.addRow(self.tr("New password"), self.password)
        self.form.addRow(self.tr("New password again"), self.repeat)
        self.reset_button = big_button(self.tr("Set the new password"), primary=True)
        self.cancel_button = big_button(self.tr("Cancel"))
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addWidget(self.reset_button)
        self.reset_button.clicked.connect(self.reset)
        self.cancel_button.clicked.connect(self.reject)
        for field in (self.name, self.secret, self.password, self.repeat):
            field.textChanged.connect(self.check)
        self.check()
        self.finish_layout()

    def check(self) -> bool:
        problems = [p.reason for p in accounts.password_problems(self.password.text(), name=self.name.text(),
                                                                 repeat=self.repeat.text())
                    if self.password.text() or p.field == "repeat" and self.repeat.text()]
        ready = bool(self.name.text().strip() and self.secret.text().strip() and self.password.text()) and not problems
        self.problems.setText("\n".join(problems))
        self.reset_button.setEnabled(ready)
        return ready

    def reset(self) -> None:
        if not self.check():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # (a passphrase takes a second to check)
        try:
            self.set_password()
        except DangjianError as exc:
            self.secret.clear()
            self.problems.setText(error_text(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    def set_password(self) -> None:
        raise NotImplementedError


class ResetCodeDialog(_ForgotDialog):
    """At a village: the code the district read out."""

    def __init__(self, ctx: Context, *, name: str = "", parent=None):
        super().__init__(ctx, self.tr("Reset the password with a code from the district"), self.tr(
            "If no one here can set a new password for you, ask the district office for a reset code for your "
            "account. The district reads the code to you and sends it with this village's next return bundle: "
            "import that bundle first (the button below works without logging in). A code works once and "
            "expires after 14 days."), self.tr("Reset code"), name=name, parent=parent)
        self.secret.setPlaceholderText(self.tr("10 digits, e.g. 123-456-7890"))
        self.import_button = big_button(self.tr("Import the return bundle…"))
        self.buttons.insertWidget(0, self.import_button)
        self.import_button.clicked.connect(self.import_return)

    def set_password(self) -> None:
        account_resets.reset_with_code(self.ctx, name=self.name.text(), code=self.secret.text(),
                                       new_password=self.password.text())

    def import_return(self) -> None:
        """A return bundle from the district, before anyone is logged in (it can only carry the
        district's data: a village database refuses any other kind of bundle)."""
        from dangjian_desktop.services import sync

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Return bundle from the district"), "",
                                              self.tr("Bundles (*.djb)"))
        if not path:
            return
        try:
            receipts = sync.import_bundles(self.ctx, paths=[Path(path)])
        except DangjianError as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, self.tr("Return bundle"), "\n".join(
            "；".join([r.summary(), *r.notes]) for r in receipts))


class PassphraseResetDialog(_ForgotDialog):
    """At the district: an administrator proves the district key passphrase (the recovery sheet's)."""

    def __init__(self, ctx: Context, *, name: str = "", parent=None):
        super().__init__(ctx, self.tr("Reset an administrator's password"), self.tr(
            "Another administrator can set a new password for you in Settings → Accounts. If there is none, "
            "type the district key passphrase (the one asked for when bundles are imported; it is on the "
            "recovery sheet kept in the safe): it sets a new password for an administrator account. Other "
            "accounts are reset by an administrator."), self.tr("District key passphrase"), name=name, parent=parent)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)

    def set_password(self) -> None:
        account_resets.reset_with_passphrase(self.ctx, name=self.name.text(), passphrase=self.secret.text(),
                                             new_password=self.password.text())
