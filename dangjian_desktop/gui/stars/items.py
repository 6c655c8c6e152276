"""One criteria item of the self-assessment form: score (half points), evidence note, and the
score the data suggests with a button to take it. And the veto items as tick boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QWidget)

from dangjian_desktop.core.stars import CriteriaItem, VetoItem
from dangjian_desktop.gui.widgets import rel_pt

NOT_SCORED = -0.5  # the spin box's "not scored" value, shown as text instead of a number


class ScoreSpinBox(QDoubleSpinBox):
    """0 … max in half points; one step below 0 means “not scored yet”."""

    def __init__(self, maximum: float, parent=None):
        super().__init__(parent)
        self.setDecimals(1)
        self.setSingleStep(0.5)
        self.setRange(NOT_SCORED, maximum)
        self.setSpecialValueText(self.tr("not scored"))
        self.setValue(NOT_SCORED)
        self.setMinimumWidth(110)
        self.setMinimumHeight(32)
        self.editingFinished.connect(self._to_half_points)

    def _to_half_points(self) -> None:
        if self.value() > NOT_SCORED:
            self.setValue(round(self.value() * 2) / 2)

    def score(self) -> float | None:
        return None if self.value() <= NOT_SCORED else round(self.value() * 2) / 2

    def set_score(self, score: float | None) -> None:
        self.setValue(NOT_SCORED if score is None else score)


class ItemRow(QWidget):
    edited = Signal()

    def __init__(self, item: CriteriaItem, parent=None):
        super().__init__(parent)
        self.item = item
        self.suggested: float | None = None
        self._reason = ""
        self._read_only = False
        name = QLabel(item.name)
        name.setStyleSheet(f"font-weight: bold; font-size: {rel_pt(1.1)};")
        name.setWordWrap(True)
        description = QLabel(item.description)
        description.setWordWrap(True)
        description.setStyleSheet("color: #555;")
        self.spin = ScoreSpinBox(item.max)
        self.spin.valueChanged.connect(lambda _value: self._changed())
        out_of = QLabel(self.tr("of {0} points").format(f"{item.max:g}"))
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(self.tr("Evidence or note (what the score rests on)"))
        self.evidence.textChanged.connect(lambda _text: self.edited.emit())
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setStyleSheet("color: #0d47a1;")
        self.take = QPushButton(self.tr("Use this"))
        self.take.setMinimumHeight(30)
        self.take.setToolTip(self.tr("Puts the suggested score and its reason into the form; you can still change them"))
        self.take.clicked.connect(self.take_suggestion)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.take)
        self.suggestion_box = QWidget()
        self.suggestion_box.setLayout(suggestion_row)
        suggestion_row.setContentsMargins(0, 0, 0, 0)
        self.suggestion_box.hide()
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #ddd;")
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 6, 4, 2)
        grid.addWidget(name, 0, 0)
        grid.addWidget(self.spin, 0, 1)
        grid.addWidget(out_of, 0, 2)
        grid.addWidget(description, 1, 0, 1, 3)
        grid.addWidget(self.evidence, 2, 0, 1, 3)
        grid.addWidget(self.suggestion_box, 3, 0, 1, 3)
        grid.addWidget(line, 4, 0, 1, 3)
        grid.setColumnStretch(0, 1)

    def _changed(self) -> None:
        self._update_take()
        self.edited.emit()

    def _update_take(self) -> None:
        taken = self.suggested is not None and self.spin.score() == self.suggested
        self.take.setEnabled(not taken)
        self.take.setText(self.tr("Used") if taken else self.tr("Use this"))

    def set_suggestion(self, suggestion: tuple[float, str] | None) -> None:
        self.suggested, self._reason = (suggestion if suggestion else (None, ""))
        if suggestion:
            self.suggestion.setText(self.tr("The records suggest {0} points: {1}").format(f"{suggestion[0]:g}", suggestion[1]))
        # a locked year keeps its own evidence; today's suggestions would only confuse
        self.suggestion_box.setVisible(suggestion is not None and not self._read_only)
        self._update_take()

    def take_suggestion(self) -> None:
        if self.suggested is None:
            return
        self.spin.set_score(self.suggested)
        if not self.evidence.text().strip():
            self.evidence.setText(self._reason)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.suggestion_box.setVisible(self.suggested is not None and not read_only)
        self.evidence.setPlaceholderText("" if read_only else self.tr("Evidence or note (what the score rests on)"))
        self.spin.setReadOnly(read_only)
        self.spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons if read_only
                                   else QDoubleSpinBox.ButtonSymbols.UpDownArrows)
        self.evidence.setReadOnly(read_only)


class VetoRow(QWidget):
    edited = Signal()

    def __init__(self, veto: VetoItem, parent=None):
        super().__init__(parent)
        self.veto = veto
        self.box = QCheckBox(veto.name)
        self.box.setStyleSheet("font-weight: bold;")
        self.box.toggled.connect(lambda _checked: self.edited.emit())
        description = QLabel(veto.description)
        description.setWordWrap(True)
        description.setStyleSheet("color: #555; margin-left: 24px;")
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.box, 0, 0)
        layout.addWidget(description, 1, 0)

    def set_read_only(self, read_only: bool) -> None:
        # Not disabled: a disabled box is greyed out and hard to read on a locked form.
        self.box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)
        self.box.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)
