"""The small dialogs of 设置 → 账户: a new account, a new password (set by a manager or changed by
oneself), a role. Each checks what is typed as it is typed; the services check again."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from dangjian_desktop.errors import DangjianError, FieldProblem
from dangjian_desktop.gui.errors import error_text
from dangjian_desktop.gui.login import _Dialog, _line_field, _password_field
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.services import accounts
from dangjian_desktop.services.context import Context


class _FormDialog(_Dialog):
    def __init__(self, ctx: Context, title: str, intro: str, action: str, parent=None):
        super().__init__(title, intro, parent)
        self.ctx = ctx
        self.ok_button = big_button(action, primary=True)
        self.cancel_button = big_button(self.tr("Cancel"))
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addWidget(self.ok_button)
        self.ok_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

    def town_row(self, role_box: QComboBox, current: str | None = None) -> QComboBox:
        """At the district, a reviewer may be bound to one town (镇/街道): they then review only its
        villages. The row shows only while the role chosen is 审核人."""
        box = QComboBox()
        box.setMinimumHeight(32)
        box.addItem(self.tr("Whole district"), None)
        for uuid, name in accounts.town_choices(self.ctx):
            box.addItem(name, uuid)
        box.setCurrentIndex(max(0, box.findData(current)) if current else 0)
        self.form.addRow(self.tr("Reviews the villages of"), box)
        box.setToolTip(self.tr("A reviewer bound to a town reviews only that town's villages"))

        def show() -> None:
            self.form.setRowVisible(box, box.count() > 1 and role_box.currentData() == "reviewer")

        role_box.currentIndexChanged.connect(show)
        show()
        return box

    def chosen_town(self, role_box: QComboBox, town_box: QComboBox) -> str | None:
        return town_box.currentData() if role_box.currentData() == "reviewer" else None

    def watch(self, *fields) -> None:
        for field in fields:
            (field.textChanged if isinstance(field, QLineEdit) else field.currentIndexChanged).connect(self.check)
        self.check()
        self.finish_layout()

    def show_problems(self, problems: list, typed: dict[str, bool]) -> bool:
        shown = [p.reason for p in problems if typed.get(p.field, True)]
        self.problems.setText("\n".join(dict.fromkeys(shown)))
        self.ok_button.setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.check():
            return
        try:
            self.apply()
        except DangjianError as exc:
            self.problems.setText(error_text(exc))
            return
        self.accept()


def _role_box(ctx: Context, current: str | None = None) -> QComboBox:
    box = QComboBox()
    box.setMinimumHeight(32)
    for role, label in accounts.role_choices(ctx):
        box.addItem(label, role)
    if current:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


class NewAccountDialog(_FormDialog):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(ctx, self.tr("New account"), self.tr(
            "Each person who uses the program gets an account of their own, so the change log shows who did what. "
            "The role decides what the account may do."), self.tr("Create"), parent)
        self.name, self.role = _line_field(), _role_box(ctx, "clerk" if ctx.role != "district" else "reviewer")
        self.password, self.repeat = _password_field(), _password_field()
        self.form.addRow(self.tr("Account name"), self.name)
        self.form.addRow(self.tr("Role"), self.role)
        self.town = self.town_row(self.role)
        self.form.addRow(self.tr("Password (at least 6 characters)"), self.password)
        self.form.addRow(self.tr("Password again"), self.repeat)
        self.watch(self.name, self.role, self.password, self.repeat)

    def check(self) -> bool:
        problems = accounts.account_problems(self.ctx, name=self.name.text(), password=self.password.text(),
                                             repeat=self.repeat.text(), role=self.role.currentData())
        return self.show_problems(problems, {"name": bool(self.name.text()), "password": bool(self.password.text()),
                                             "repeat": bool(self.repeat.text())})

    def apply(self) -> None:
        accounts.create_account(self.ctx, name=self.name.text(), password=self.password.text(),
                                role=self.role.currentData(), town_uuid=self.chosen_town(self.role, self.town))


class PasswordDialog(_FormDialog):
    """`name` given: a manager sets that account's password; None: the user changes their own."""

    def __init__(self, ctx: Context, name: str | None = None, parent=None):
        own = name is None
        self.account_name = ctx.user["name"] if own else name
        title = self.tr("Change my password") if own else self.tr("Set a new password for {0}").format(name)
        intro = (self.tr("Type your present password, then the new one twice.") if own else
                 self.tr("Tell the new password to {0} in person. Their waiting time after wrong passwords "
                         "is cleared.").format(name))
        super().__init__(ctx, title, intro, self.tr("Save the password"), parent)
        self.own = own
        self.old = _password_field()
        self.password, self.repeat = _password_field(), _password_field()
        if own:
            self.form.addRow(self.tr("Present password"), self.old)
        self.form.addRow(self.tr("New password"), self.password)
        self.form.addRow(self.tr("New password again"), self.repeat)
        self.watch(self.old, self.password, self.repeat)

    def check(self) -> bool:
        problems = accounts.password_problems(self.password.text(), name=self.account_name, repeat=self.repeat.text())
        if self.own and not self.old.text():
            problems = [*problems, FieldProblem("old", self.tr("Type your present password"))]
        return self.show_problems(problems, {"password": bool(self.password.text()), "repeat": bool(self.repeat.text()),
                                             "old": False})

    def apply(self) -> None:
        if self.own:
            accounts.change_own_password(self.ctx, old_password=self.old.text(), new_password=self.password.text())
        else:
            accounts.set_password(self.ctx, name=self.account_name, new_password=self.password.text())


class RoleDialog(_FormDialog):
    def __init__(self, ctx: Context, user: dict, parent=None):
        super().__init__(ctx, self.tr("Role of {0}").format(user["name"]), self.tr(
            "The role decides what the account may do; at the district a reviewer may be bound to one town. "
            "It applies from the next login."), self.tr("Save"), parent)
        self.user = user
        self.role = _role_box(ctx, user["role"])
        self.form.addRow(self.tr("Role"), self.role)
        self.town = self.town_row(self.role, user.get("town_uuid"))
        self.watch(self.role, self.town)

    def check(self) -> bool:
        chosen = (self.role.currentData(), self.chosen_town(self.role, self.town))
        self.ok_button.setEnabled(chosen != (self.user["role"], self.user.get("town_uuid")))
        return self.ok_button.isEnabled()

    def apply(self) -> None:
        accounts.change_role(self.ctx, name=self.user["name"], role=self.role.currentData(),
                             town_uuid=self.chosen_town(self.role, self.town))

