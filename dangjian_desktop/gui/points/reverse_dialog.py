"""冲销: cancel one ledger entry by a new entry of the opposite sign, with a reason.

Nothing is deleted: the dialog says so, because a secretary afraid of losing a record will not
correct it. The reason is required; the service's own check says what is missing, live.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.points.common import message_label, show_message, signed_points, source_text
from dangjian_desktop.services import points as points_service
from dangjian_desktop.services.context import Changes, Context


class ReverseEntryDialog(QDialog):
    """`entry` is a row of `services.points.list_ledger`; after `accept()`, `changes` is set."""

    def __init__(self, ctx: Context, entry: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.entry = entry
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Reverse a ledger entry"))
        self.setMinimumWidth(560)

        details = QFormLayout()
        details.addRow(self.tr("Member"), QLabel(entry["member_name"]))
        details.addRow(self.tr("Date"), QLabel(entry["occurred_on"]))
        details.addRow(self.tr("Item"), QLabel(entry["item_name"]))
        details.addRow(self.tr("Points"), QLabel(signed_points(entry["points_x100"])))
        details.addRow(self.tr("Source"), QLabel(source_text(entry["source"])))
        if entry.get("reason"):
            details.addRow(self.tr("Note"), QLabel(entry["reason"]))

        explain = QLabel(self.tr(
            "The entry stays in the ledger. A new entry of {0} points is added that cancels it, "
            "so everyone can see what was corrected and why.").format(signed_points(-entry["points_x100"])))
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(details)
        layout.addWidget(explain)
        if entry["source"] == "attendance":
            hint = QLabel(self.tr(
                "These points came from a meeting's attendance. If the attendance itself is wrong, correct it "
                "on the Meetings page instead: the points are corrected with it."))
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #9a5b00;")
            layout.addWidget(hint)

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why is it reversed? For example: recorded twice"))
        self.reason.textChanged.connect(lambda _t: self.check())
        layout.addWidget(QLabel(self.tr("Reason (required)")))
        layout.addWidget(self.reason)
        quick = QHBoxLayout()
        self.quick_reasons = []
        for text in (self.tr("Recorded twice"), self.tr("Wrong member"), self.tr("Wrong item"), self.tr("Wrong date")):
            button = big_button(text)
            button.clicked.connect(lambda _checked=False, t=text: self.reason.setText(t))
            self.quick_reasons.append(button)
            quick.addWidget(button)
        quick.addStretch(1)
        layout.addLayout(quick)
        self.message = message_label()
        layout.addWidget(self.message)

        self.cancel_button = big_button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = big_button(self.tr("Reverse"), primary=True)
        self.ok_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.check()

    def problems(self) -> list[str]:
        return points_service.reversal_problems(self.ctx, entry_uuid=self.entry["uuid"], reason=self.reason.text())

    def check(self) -> bool:
        problems = self.problems()
        show_message(self.message, problems)
        self.ok_button.setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.check():
            return
        try:
            self.changes = points_service.reverse_points(self.ctx, entry_uuid=self.entry["uuid"],
                                                         reason=self.reason.text())
        except Exception as exc:  # noqa: BLE001 - the one presenter explains any failure
            show_error(self, exc)
            return
        self.accept()
