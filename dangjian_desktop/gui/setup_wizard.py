"""First run: create this village's database, or open the demo village to look around."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QRadioButton,
                               QVBoxLayout)

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.setup import setup_village


class SetupWizard(QDialog):
    """Asks once, on an empty database, what it should become."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.demo_requested = False
        self.setWindowTitle(self.tr("Welcome to Dangjian"))
        intro = QLabel(self.tr("This computer has no village records yet. Create your village, "
                               "or open a demo village to look around first."))
        intro.setWordWrap(True)
        self.create_choice = QRadioButton(self.tr("Create my village"))
        self.demo_choice = QRadioButton(self.tr("Open a demo village (made-up data)"))
        self.create_choice.setChecked(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("letters and digits, e.g. DZC"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Dongzhuang Village Party Branch"))
        self.town = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Village code"), self.code)
        form.addRow(self.tr("Party organisation name"), self.name)
        form.addRow(self.tr("Town"), self.town)
        self.demo_choice.toggled.connect(lambda demo: [w.setEnabled(not demo) for w in (self.code, self.name, self.town)])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.create_choice):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.demo_choice)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.demo_choice.isChecked():
            self.demo_requested = True
            super().accept()
            return
        try:
            setup_village(self.ctx, code=self.code.text().strip(), name=self.name.text().strip(),
                          town=self.town.text().strip() or None)
        except DangjianError as exc:
            show_error(self, exc)
            return
        super().accept()
