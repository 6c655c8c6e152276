"""First run: create this village's database, or open the demo village to look around."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QVBoxLayout,
                               QWidget)

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.home.widgets import GREY, INK, RED, ScaledLabel, rescale
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.setup import setup_village
from dangjian_desktop.services.village import check_village_info

ERROR_STYLE = "QLineEdit { border: 2px solid #b42318; border-radius: 3px; padding: 3px; }"


class SetupWizard(QDialog):
    """Asks once, on an empty database, what it should become; checks the answers as they are typed."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.demo_requested = False
        self.setWindowTitle(self.tr("Welcome to Dangjian"))
        self.setMinimumWidth(560)
        title = ScaledLabel(self.tr("Welcome to Dangjian"), factor=1.6, bold=True, colour=INK)
        intro = ScaledLabel(self.tr("This computer has no village records yet. Create your village, "
                                    "or open a demo village to look around first."), factor=1.05, colour=INK)
        intro.setWordWrap(True)
        self.create_choice = QRadioButton(self.tr("Create my village"))
        self.demo_choice = QRadioButton(self.tr("Open a demo village (made-up data)"))
        self.create_choice.setChecked(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("letters and digits, e.g. DZC"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Dongzhuang Village Party Branch"))
        self.town = QLineEdit()
        self.area_code = QLineEdit()
        self.area_code.setPlaceholderText(self.tr("12 digits; leave empty if unknown"))
        self.area_code.setMaxLength(12)
        self.fields = {"name": self.name, "code": self.code, "town": self.town, "area_code": self.area_code}
        self.form_host = QWidget()
        form = QFormLayout(self.form_host)
        form.setContentsMargins(24, 4, 0, 4)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Party organisation name"), self.name)
        form.addRow(self.tr("Village code"), self.code)
        form.addRow(self.tr("Town"), self.town)
        form.addRow(self.tr("Statistics area code"), self.area_code)
        for field in self.fields.values():
            field.setMinimumHeight(32)
            field.textChanged.connect(self.check)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {RED}; font-weight: bold;")
        demo_hint = ScaledLabel(self.tr("The demo village is for practice; create your own village when you are ready."),
                                colour=GREY)
        demo_hint.setWordWrap(True)
        self.demo_choice.toggled.connect(self.check)
        self.ok_button = big_button(self.tr("Start"), primary=True)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        cancel = big_button(self.tr("Quit"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        for widget in (title, intro, self.create_choice, self.form_host, self.problems, self.demo_choice, demo_hint):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        rescale(self)
        self.check()
        self.name.setFocus()

    def check(self) -> bool:
        """Say what is wrong with the village's details now; Start is offered only when they are right."""
        demo = self.demo_choice.isChecked()
        self.form_host.setEnabled(not demo)
        typed = {name: field.text() for name, field in self.fields.items()}
        problems = [] if demo else check_village_info(**typed)
        # Nothing typed yet is not an error worth shouting about: just keep Start disabled.
        shown = [p for p in problems if typed.get(p.field, "").strip()]
        bad = {p.field for p in shown}
        for name, field in self.fields.items():
            field.setStyleSheet(ERROR_STYLE if name in bad else "")
        self.problems.setText("\n".join(p.reason for p in shown))
        self.problems.setVisible(bool(shown))
        self.ok_button.setEnabled(not problems)
        return not problems

    def accept(self) -> None:
        if not self.check():
            return
        if self.demo_choice.isChecked():
            self.demo_requested = True
            super().accept()
            return
        try:
            setup_village(self.ctx, code=self.code.text().strip(), name=self.name.text().strip(),
                          town=self.town.text().strip() or None, area_code=self.area_code.text().strip() or None)
        except DangjianError as exc:
            show_error(self, exc)
            return
        super().accept()
