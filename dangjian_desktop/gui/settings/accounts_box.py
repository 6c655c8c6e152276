"""设置 → 账户: the accounts of this database, their roles, passwords, and the idle lock.

Managing accounts needs `users.manage` (书记 / 管理员); anyone logged in may change their own
password. Buttons an account may not use are disabled with a tooltip saying why; the services
refuse anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHBoxLayout, QHeaderView, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from dangjian_desktop.core import roles
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.home.widgets import GREY, INK, Card, ScaledLabel
from dangjian_desktop.gui.permissions import guard
from dangjian_desktop.gui.settings.account_dialogs import NewAccountDialog, PasswordDialog, RoleDialog
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.services import accounts
from dangjian_desktop.services.context import Changes, Context


class AccountsBox(Card):
    """Emits `changed` with Changes after an account or the idle setting changed."""

    changed = Signal(object)

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent=parent)
        self.ctx = ctx
        self.heading = ScaledLabel(self.tr("Accounts"), factor=1.25, bold=True)
        self.hint = ScaledLabel("", colour=GREY)
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Role"), self.tr("State"),
                                              self.tr("Last login")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(150)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = big_button(self.tr("New account…"), primary=True)
        self.role_button = big_button(self.tr("Change role…"))
        self.disable_button = big_button(self.tr("Disable"))
        self.password_button = big_button(self.tr("Set a new password…"))
        self.own_button = big_button(self.tr("Change my password…"))
        self.first_button = big_button(self.tr("Create the first account…"), primary=True)
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.change_role)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.password_button.clicked.connect(self.set_password)
        self.own_button.clicked.connect(self.change_own)
        self.first_button.clicked.connect(self.create_first)
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, button in enumerate((self.add_button, self.role_button, self.disable_button,
                                        self.password_button, self.own_button, self.first_button)):
            grid.addWidget(button, index // 3, index % 3)
        self.idle = QSpinBox()
        self.idle.setRange(accounts.IDLE_MIN, accounts.IDLE_MAX)
        self.idle.setMinimumWidth(70)
        self.idle.editingFinished.connect(self._idle_changed)
        idle_row = QHBoxLayout()
        idle_row.addWidget(ScaledLabel(self.tr("Lock the program after"), colour=INK))
        idle_row.addWidget(self.idle)
        idle_row.addWidget(ScaledLabel(self.tr("minutes without use"), colour=INK), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(grid)
        layout.addLayout(idle_row)
        self.rows: list[dict] = []
        self.load()

    # -- showing ----------------------------------------------------------------------------
    def load(self) -> None:
        has_accounts = accounts.has_accounts(self.ctx)
        user = self.ctx.user
        if not has_accounts:
            self.hint.setText(self.tr("No accounts yet: anyone at this computer can read and change everything. "
                                      "Create the first account (the {0}); the program then asks for a password "
                                      "at start and after {1} minutes without use.").format(
                roles.ROLE_LABELS[accounts.first_role(self.ctx)], accounts.idle_minutes(self.ctx)))
        elif user:
            self.hint.setText(self.tr("Logged in as {0} ({1}).").format(
                user["name"], roles.ROLE_LABELS.get(user["role"], user["role"])))
        else:
            self.hint.setText(self.tr("Not logged in (command line or tests)."))
        self.rows = accounts.list_accounts(self.ctx) if has_accounts else []
        towns = dict(accounts.town_choices(self.ctx)) if self.rows else {}
        self.table.setRowCount(len(self.rows))
        for row, account in enumerate(self.rows):
            state = self.tr("disabled") if account["disabled"] else self.tr("in use")
            role = roles.ROLE_LABELS.get(account["role"], account["role"])
            if account.get("town_uuid") in towns:
                role = self.tr("{0} ({1} only)").format(role, towns[account["town_uuid"]])
            cells = (account["name"], role, state,
                     (account["last_login_at"] or "")[:16].replace("T", " ") or self.tr("never"))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVisible(has_accounts)
        self.first_button.setVisible(not has_accounts)
        for button in (self.add_button, self.role_button, self.disable_button, self.password_button, self.own_button):
            button.setVisible(has_accounts)
        self.idle.blockSignals(True)
        self.idle.setValue(accounts.idle_minutes(self.ctx))
        self.idle.blockSignals(False)
        guard(self.idle, self.ctx, "users.manage")
        self._update_buttons()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        guard(self.add_button, self.ctx, "users.manage")
        account = self.selected()
        for button in (self.role_button, self.disable_button, self.password_button):
            if guard(button, self.ctx, "users.manage"):
                button.setEnabled(account is not None)
                button.setToolTip("" if account else self.tr("Choose an account in the list first"))
        self.disable_button.setText(self.tr("Enable") if account and account["disabled"] else self.tr("Disable"))
        self.own_button.setEnabled(self.ctx.user is not None)
        self.own_button.setToolTip("" if self.ctx.user else self.tr("Not logged in"))

    # -- acting -----------------------------------------------------------------------------
    def _done(self, tables=frozenset({"users"})) -> None:
        self.load()
        self.changed.emit(Changes(tables=frozenset(tables)))

    def add(self) -> None:
        if NewAccountDialog(self.ctx, self).exec():
            self._done()

    def create_first(self) -> None:
        from dangjian_desktop.gui.login import FirstAccountDialog

        if FirstAccountDialog(self.ctx, self).exec():
            self._done()

    def change_role(self) -> None:
        account = self.selected()
        if account and RoleDialog(self.ctx, account, self).exec():
            self._done()

    def set_password(self) -> None:
        account = self.selected()
        if account and PasswordDialog(self.ctx, account["name"], self).exec():
            self._done()

    def change_own(self) -> None:
        if self.ctx.user and PasswordDialog(self.ctx, None, self).exec():
            self._done()

    def toggle_disabled(self) -> None:
        account = self.selected()
        if account is None:
            return
        try:
            accounts.set_disabled(self.ctx, name=account["name"], disabled=not account["disabled"])
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return
        self._done()

    def _idle_changed(self) -> None:
        if self.idle.value() == accounts.idle_minutes(self.ctx):
            return
        try:
            accounts.set_idle_minutes(self.ctx, minutes=self.idle.value())
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            self.idle.setValue(accounts.idle_minutes(self.ctx))
            return
        self.changed.emit(Changes(tables=frozenset({"settings"})))
