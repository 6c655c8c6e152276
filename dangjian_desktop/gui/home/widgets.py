"""Cards and rows the home page is built from: large, calm, and clickable where they lead somewhere.

Sizes are multiples of the application font, re-applied when it changes, so the large-font mode
of the settings page makes the figures larger too.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

RED, ORANGE, GREEN, GREY, INK = "#b42318", "#9a5b00", "#1e6b34", "#666666", "#1f2328"
CARD_STYLE = ("QFrame#card { background: white; border: 1px solid #d6d9de; border-radius: 8px; }"
              " QFrame#card[clickable=\"true\"]:hover { border: 1px solid #b42318; background: #fff8f7; }"
              " QFrame#card:focus { border: 2px solid #b42318; }")
# Enum values set as numbers through Qt's property system, and `Qt` imported only in the event handlers:
# the first use of PySide's `Qt` namespace builds all its ~90 enums (~30 ms), and the home page is built
# before the window first shows (tests/test_startup_imports.py).
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
STRONG_FOCUS = 0x1 | 0x2 | 0x8  # Qt.FocusPolicy.StrongFocus


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF(), 1) * factor)
    font.setBold(bold)
    return font


class ScaledLabel(QLabel):
    """A label whose font is a fixed multiple of its parent's, kept so when the parent's font changes."""

    def __init__(self, text: str = "", *, factor: float = 1.0, bold: bool = False, colour: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(text, parent)
        self.factor, self.bold = factor, bold
        self.setProperty("textFormat", PLAIN_TEXT)
        self.set_colour(colour)

    def set_colour(self, colour: str | None) -> None:
        self.setStyleSheet(f"color: {colour};" if colour else "")

    def apply_font(self, base: QFont) -> None:
        font = scaled_font(base, self.factor, bold=self.bold)
        if self.font() != font:
            self.setFont(font)


def rescale(root: QWidget, base: QFont | None = None) -> None:
    """Pass a font (`root`'s own by default) on to everything under `root`, ScaledLabels at their multiple.

    QApplication.setFont does not reach widgets under a style sheet (our cards have one), nor does
    a parent's font, so each widget is given it: for the whole page when its font changes, for new
    rows only when they are built (every Qt call costs; see the report on PySide6 6.12.0).
    """
    base = QFont(root.font() if base is None else base)
    if root.font() != base:
        root.setFont(base)
    for child in root.findChildren(QWidget):
        if isinstance(child, ScaledLabel):
            child.apply_font(base)
        elif not child.isWindow() and child.font() != base:
            child.setFont(base)


class Card(QFrame):
    """A white rounded panel; when `clickable`, a click, Enter or Space emits `clicked`."""

    clicked = Signal()

    def __init__(self, *, clickable: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("clickable", clickable)
        self.setStyleSheet(CARD_STYLE)
        # The style sheet's :hover rule makes Qt send a clickable card hover events (WA_Hover).
        if clickable:
            self.setProperty("focusPolicy", STRONG_FOCUS)
        self._clickable = clickable
        self._pointing = False

    def enterEvent(self, event) -> None:
        if self._clickable and not self._pointing:  # the pointing hand, set at the first hover
            self._pointing = True
            from PySide6.QtCore import Qt

            self.setCursor(Qt.CursorShape.PointingHandCursor)
        super().enterEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        from PySide6.QtCore import Qt

        if self._clickable and event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt

        if self._clickable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class StatCard(Card):
    """One big figure with what it counts above it and a plain note below."""

    def __init__(self, caption: str, *, parent: QWidget | None = None):
        super().__init__(clickable=True, parent=parent)
        self.caption = ScaledLabel(caption, factor=1.1, colour=GREY)
        self.value = ScaledLabel("—", factor=2.6, bold=True, colour=INK)
        self.caption.setWordWrap(True)
        self.note = ScaledLabel("", factor=0.95, colour=GREY)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        for label in (self.caption, self.value, self.note):
            layout.addWidget(label)
        layout.addStretch(1)
        # Equal widths from the grid's stretch, equal heights from the row: the cards line up.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def show_figure(self, value: str, note: str = "", *, colour: str = INK) -> None:
        self.value.setText(value)
        self.value.set_colour(colour)
        self.note.setText(note)


class WarningRow(Card):
    """Something that needs attention: a coloured bar, what it is, the details, and where to go."""

    def __init__(self, title: str, detail: str, *, colour: str, action: str | None,
                 parent: QWidget | None = None):
        super().__init__(clickable=action is not None, parent=parent)
        bar = QFrame()
        bar.setFixedWidth(6)
        bar.setStyleSheet(f"background: {colour}; border-radius: 3px;")
        self.title = ScaledLabel(title, factor=1.15, bold=True, colour=colour)
        self.title.setWordWrap(True)
        self.detail = ScaledLabel(detail, factor=1.0, colour=INK)
        self.detail.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        if detail:
            text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 14, 8)
        layout.setSpacing(12)
        layout.addWidget(bar)
        layout.addLayout(text, 1)
        if action:
            self.action = ScaledLabel(action + "  ›", factor=1.0, bold=True, colour=RED)
            layout.addWidget(self.action)  # as tall as the row, its text centred (QLabel's default)


class Section(Card):
    """A titled panel holding a list; clickable as a whole when it leads to a page."""

    def __init__(self, title: str, *, action: str | None = None, parent: QWidget | None = None):
        super().__init__(clickable=action is not None, parent=parent)
        self.heading = ScaledLabel(title, factor=1.25, bold=True, colour=INK)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        if action:
            head.addWidget(ScaledLabel(action + "  ›", factor=1.0, bold=True, colour=RED))
        self.body = QVBoxLayout()
        self.body.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addLayout(self.body)
        layout.addStretch(1)






def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
            item.layout().deleteLater()
