"""Changing where a member stands: leaving the roster (转出, 死亡, 出党, 除名) or coming back, and
moving one stage on (入党积极分子 → 发展对象 → 预备党员 → 正式党员). Nobody is ever deleted.

Both dialogs ask the service what is wrong as the user types and keep OK grey until nothing is.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QRadioButton,
                               QVBoxLayout)

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.widgets import big_button, hint_label, rel_pt
from dangjian_desktop.gui.members.widgets import date_edit, edit_date, problem_label, show_problem
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.members import (advance_member_stage, get_member, next_stage, set_member_status,
                                               stage_problems, status_choices, status_problems)


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> tuple[QHBoxLayout, object]:
    ok = big_button(ok_text, primary=True)
    ok.clicked.connect(dialog.accept)
    ok.setDefault(True)  # Enter confirms (when allowed), never cancels
    cancel = big_button(cancel_text)
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(ok)
    row.addWidget(cancel)
    return row, ok


class StatusDialog(QDialog):
    """转出, 死亡, 出党 or 除名 with a date and a note; 转出 members can come back (在册)."""

    def __init__(self, ctx: Context, member_uuid: str, parent=None):
        super().__init__(parent)
        self.ctx, self.member_uuid = ctx, member_uuid
        self.changes: Changes | None = None
        member = get_member(ctx, member_uuid)
        self.setWindowTitle(self.tr("Change {0}'s status").format(member["name"]))
        intro = QLabel(self.tr("{0} is now: {1}").format(member["name"], member["status"]))
        intro.setStyleSheet(f"font-size: {rel_pt(1.25)}; font-weight: bold;")
        self.choices = QButtonGroup(self)
        choice_row = QHBoxLayout()
        for status in status_choices(member["status"]):
            button = QRadioButton(status)
            button.setMinimumHeight(32)
            self.choices.addButton(button)
            choice_row.addWidget(button)
        choice_row.addStretch(1)
        self.on = date_edit(ctx.today)
        self.note = QLineEdit()
        self.note.setMinimumHeight(32)
        self.note.setPlaceholderText(self.tr("where to, or why (required for 出党 and 除名)"))
        self.problem = problem_label()
        form = QFormLayout()
        form.addRow(self.tr("New status"), choice_row)
        form.addRow(self.tr("Date"), self.on)
        form.addRow(self.tr("Note"), self.note)
        buttons, self.ok = _buttons(self, self.tr("Change status"), self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if not self.choices.buttons():
            layout.addWidget(hint_label(self.tr("This status is final and cannot be changed any more.")))
        layout.addLayout(form)
        layout.addWidget(hint_label(self.tr("Members are never deleted: the record stays, with its points and "
                                            "meetings, and only the status changes. A member transferred out "
                                            "can be brought back later.")))
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.choices.buttonToggled.connect(self.validate)
        self.on.dateChanged.connect(self.validate)
        self.note.textChanged.connect(self.validate)
        self.resize(560, 300)
        self.validate()

    def status(self) -> str | None:
        button = self.choices.checkedButton()
        return button.text() if button else None

    def choose(self, status: str) -> None:
        for button in self.choices.buttons():
            if button.text() == status:
                button.setChecked(True)

    def validate(self, *_) -> bool:
        status = self.status()
        if status is None:
            problems = [self.tr("Choose the new status")]
        else:
            problems = [p.reason for p in status_problems(self.ctx, member_uuid=self.member_uuid, status=status,
                                                          on=edit_date(self.on), note=self.note.text())]
        # Before any choice there is nothing wrong yet, only something to do: no red text then.
        show_problem(self.problem, "；".join(problems) if status else "")
        self.ok.setEnabled(not problems)
        return not problems

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self.changes = set_member_status(self.ctx, member_uuid=self.member_uuid, status=self.status(),
                                             on=edit_date(self.on), note=self.note.text())
        except DangjianError as exc:
            show_error(self, exc)
            return
        super().accept()


class StageDialog(QDialog):
    """One stage on, with the date that step needs (joining for 预备党员, full membership for 正式党员)."""

    def __init__(self, ctx: Context, member_uuid: str, parent=None):
        super().__init__(parent)
        self.ctx, self.member_uuid = ctx, member_uuid
        self.changes: Changes | None = None
        member = get_member(ctx, member_uuid)
        following, self.date_field = next_stage(member["category"]) or (None, None)
        self.setWindowTitle(self.tr("Next stage for {0}").format(member["name"]))
        intro = QLabel(self.tr("{0}: from {1} to {2}").format(member["name"], member["category"], following or ""))
        intro.setStyleSheet(f"font-size: {rel_pt(1.25)}; font-weight: bold;")
        self.on = date_edit(ctx.today)
        form = QFormLayout()
        if self.date_field == "joined_on":
            form.addRow(self.tr("Joined the Party on"), self.on)
        elif self.date_field == "full_on":
            form.addRow(self.tr("Full member since"), self.on)
        else:
            self.on.hide()
        self.problem = problem_label()
        buttons, self.ok = _buttons(self, self.tr("Confirm"), self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.on.dateChanged.connect(self.validate)
        self.resize(480, 200)
        self.validate()

    def _on(self):
        return edit_date(self.on) if self.date_field else None

    def validate(self, *_) -> bool:
        problems = [p.reason for p in stage_problems(self.ctx, member_uuid=self.member_uuid, on=self._on())]
        show_problem(self.problem, "；".join(problems))
        self.ok.setEnabled(not problems)
        return not problems

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self.changes = advance_member_stage(self.ctx, member_uuid=self.member_uuid, on=self._on())
        except DangjianError as exc:
            show_error(self, exc)
            return
        super().accept()
