"""规则与显示: the rule versions in force (read-only), and the language and text size of the program.

The language is read when the program starts: every page builds its words once, so switching
in the middle would leave half the window in the old language. The box says so and offers a
restart. Large text is applied at once.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QMessageBox,
                               QVBoxLayout, QWidget)

from dangjian_desktop.gui.app import apply_font
from dangjian_desktop.gui.home.widgets import GREY, INK, Card, ScaledLabel
from dangjian_desktop.services import village
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.preferences import LANGUAGES, get_preferences, set_preferences


class RulesBox(Card):
    """Which 积分细则, 星级评定标准 and meeting-type file this village works under."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent=parent)
        self.ctx = ctx
        self.heading = ScaledLabel(self.tr("Rules in force"), factor=1.25, bold=True)
        hint = ScaledLabel(self.tr("The district office issues these rules; new versions arrive with its data "
                                   "packages. They cannot be changed here."), colour=GREY)
        hint.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(20)
        self.grid.setVerticalSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.grid_host)

    def kind_name(self, kind: str) -> str:
        if kind == "rulebook":
            return self.tr("Points rulebook")
        if kind == "criteria":
            return self.tr("Star rating criteria")
        return self.tr("Meeting types and study hours")

    def load(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        headers = (self.tr("What"), self.tr("Name"), self.tr("Version"), self.tr("In force from"),
                   self.tr("Fingerprint"))
        for column, text in enumerate(headers):
            self.grid.addWidget(ScaledLabel(text, colour=GREY), 0, column)
        for row, rule in enumerate(village.rules_in_force(self.ctx), start=1):
            cells = (self.kind_name(rule.kind), rule.name, rule.version,
                     rule.effective_from.isoformat() if rule.effective_from else "—", rule.short_hash or "—")
            for column, text in enumerate(cells):
                label = ScaledLabel(text, bold=column == 0, colour=INK)
                if column == 4 and rule.sha256:
                    label.setToolTip(self.tr("SHA-256: {0}").format(rule.sha256))
                self.grid.addWidget(label, row, column)
        self.grid.setColumnStretch(1, 1)


def restart_program() -> None:
    """Start a new copy of the program with the same arguments, then close this one."""
    if getattr(sys, "frozen", False):
        program, arguments = sys.executable, sys.argv[1:]
    else:
        program, arguments = sys.executable, ["-m", "dangjian_desktop", *sys.argv[1:]]
    for window in QApplication.topLevelWidgets():
        window.close()  # the main window saves its geometry and waits for running work
    QProcess.startDetached(program, arguments)
    QApplication.quit()


class DisplayBox(Card):
    """界面语言 and 大字体."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent=parent)
        self.ctx = ctx
        self.heading = ScaledLabel(self.tr("Display"), factor=1.25, bold=True)
        self.language = QComboBox()
        self.language.setMinimumHeight(34)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.large_font = QCheckBox(self.tr("Large text, easier to read"))
        self.note = ScaledLabel("", colour=GREY)
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(ScaledLabel(self.tr("Language of the program"), colour=INK))
        row.addWidget(self.language)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.large_font)
        layout.addWidget(self.note)
        self.restart = restart_program  # replaced in tests
        self._running_language = get_preferences(ctx).language  # the window was built in it
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.large_font.toggled.connect(self._large_font_chosen)

    def load(self) -> None:
        preferences = get_preferences(self.ctx)
        self.language.blockSignals(True)
        self.language.setCurrentIndex(self.language.findData(preferences.language))
        self.language.blockSignals(False)
        self.large_font.blockSignals(True)
        self.large_font.setChecked(preferences.large_font)
        self.large_font.blockSignals(False)
        self._show_note()

    def _show_note(self) -> None:
        if self.language.currentData() != self._running_language:
            self.note.setText(self.tr("The new language is used from the next start of the program."))
        else:
            self.note.setText(self.tr("Large text takes effect at once; a few parts of some pages grow only after the program is restarted."))

    def _language_chosen(self) -> None:
        language = self.language.currentData()
        set_preferences(self.ctx, language=language)
        self._show_note()
        if language == self._running_language:
            return
        answer = QMessageBox.question(
            self, self.tr("Language"),
            self.tr("The new language is used from the next start of the program. Restart the program now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.restart()

    def _large_font_chosen(self, large: bool) -> None:
        set_preferences(self.ctx, large_font=large)
        apply_font(large)
