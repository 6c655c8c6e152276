"""本村信息: the village's name, codes and town, checked as the user types, saved on request."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.home.widgets import GREY, RED, Card, ScaledLabel
from dangjian_desktop.services import village
from dangjian_desktop.services.context import Context

ERROR_STYLE = "QLineEdit { border: 2px solid #b42318; border-radius: 3px; padding: 3px; }"


class VillageInfoBox(Card):
    """Emits `saved` with the service's Changes after the village record was updated."""

    saved = Signal(object)

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent=parent)
        self.ctx = ctx
        self.heading = ScaledLabel(self.tr("Village information"), factor=1.25, bold=True)
        self.fields = {
            "name": QLineEdit(),
            "code": QLineEdit(),
            "town": QLineEdit(),
            "area_code": QLineEdit(),
        }
        self.fields["code"].setPlaceholderText(self.tr("letters and digits, e.g. DZC"))
        self.fields["area_code"].setPlaceholderText(self.tr("12 digits; leave empty if unknown"))
        self.fields["area_code"].setMaxLength(12)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Party organisation name"), self.fields["name"])
        form.addRow(self.tr("Village code"), self.fields["code"])
        form.addRow(self.tr("Town"), self.fields["town"])
        form.addRow(self.tr("Statistics area code"), self.fields["area_code"])
        for field in self.fields.values():
            field.setMinimumHeight(32)
            field.setMinimumWidth(field.fontMetrics().horizontalAdvance("M") * 16)
            field.textChanged.connect(self.check)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {RED}; font-weight: bold;")
        self.hint = ScaledLabel(self.tr("The district office knows the village by these. Change them only "
                                        "to correct a mistake or after an official renaming."), colour=GREY)
        self.hint.setWordWrap(True)
        self.save_button = big_button(self.tr("Save changes"), primary=True)
        self.save_button.clicked.connect(self.save)
        self.undo_button = big_button(self.tr("Undo changes"))
        self.undo_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self._saved_values: dict[str, str] = {}

    def values(self) -> dict[str, str]:
        return {name: field.text().strip() for name, field in self.fields.items()}

    def load(self) -> None:
        info = village.get_village_info(self.ctx)
        self._saved_values = {"name": info.name, "code": info.code, "town": info.town, "area_code": info.area_code}
        for name, field in self.fields.items():
            field.blockSignals(True)
            field.setText(self._saved_values[name])
            field.setReadOnly(not self.ctx.may("settings.edit"))  # a role without it sees, cannot change
            field.blockSignals(False)
        self.check()

    def check(self) -> bool:
        """Show what is wrong with the typed values now; Save is offered only when there is a valid change."""
        problems = village.check_village_info(**self.values())
        bad = {p.field for p in problems}
        for name, field in self.fields.items():
            field.setStyleSheet(ERROR_STYLE if name in bad else "")
        self.problems.setText("\n".join(p.reason for p in problems))
        self.problems.setVisible(bool(problems))
        changed = self.values() != self._saved_values
        self.save_button.setEnabled(changed and not problems and self.ctx.may("settings.edit"))
        self.undo_button.setEnabled(changed)
        return not problems

    def save(self) -> None:
        if not self.check():
            return
        try:
            changes = village.update_village_info(self.ctx, **self.values())
        except DangjianError as exc:
            show_error(self, exc)
            return
        self.load()
        self.saved.emit(changes)
