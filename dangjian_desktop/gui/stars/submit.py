"""Submitting the year's self-assessment: the secretary signs with their name after a warning that
the form is then locked for the town's review."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout


class SubmitDialog(QDialog):
    def __init__(self, year: int, summary: str, secretary: str | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submit the {0} self-assessment").format(year))
        intro = QLabel(self.tr(
            "<b>{0}</b><br><br>After submitting, the {1} self-assessment is locked: nobody can change it here any more, "
            "and it goes to the town Party committee for review with the next data exchange.").format(summary, year))
        intro.setWordWrap(True)
        self.name = QLineEdit(secretary or "")
        self.name.setPlaceholderText(self.tr("Secretary's full name"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign and submit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Signed by the branch secretary:")))
        layout.addWidget(self.name)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 260)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name.text().strip()))

    def signed_by(self) -> str:
        return self.name.text().strip()
