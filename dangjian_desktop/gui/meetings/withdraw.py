"""Withdrawing a meeting entered by mistake: a reason is required, nothing is erased."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from dangjian_desktop.gui.widgets import hint_label


class WithdrawMeetingDialog(QDialog):
    def __init__(self, meeting: dict, type_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw a meeting record"))
        what = QLabel(self.tr("Withdraw <b>{0} {1}</b> ({2})?").format(meeting["held_on"], meeting["title"], type_name))
        what.setWordWrap(True)
        explain = hint_label(self.tr(
            "Use this only for a meeting entered by mistake. The points its attendance recorded are cancelled "
            "by reversing entries in the points ledger; the record and the reason stay in the change history."))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why? e.g. entered twice"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Withdraw"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(explain)
        layout.addWidget(QLabel(self.tr("Reason (required)")))
        layout.addWidget(self.reason)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 240)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.text().strip()))

    def reason_text(self) -> str:
        return self.reason.text().strip()
