"""Small widgets shared by the meeting page's tabs: large buttons and plain hint text."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton

PRIMARY_STYLE = ("QPushButton { background: #b71c1c; color: white; font-weight: bold; padding: 6px 18px;"
                 " border-radius: 4px; } QPushButton:disabled { background: #d9a0a0; }")
GOOD, BAD, DUE = "#2e7d32", "#c62828", "#8d6e00"


def big_button(text: str, *, primary: bool = False, tooltip: str = "") -> QPushButton:
    """A button large enough to hit and read without glasses."""
    button = QPushButton(text)
    button.setMinimumHeight(38)
    if primary:
        button.setStyleSheet(PRIMARY_STYLE)
    if tooltip:
        button.setToolTip(tooltip)
    return button


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def fill_years(combo: QComboBox, years: list[int], keep: int | None = None) -> None:
    """Put `years` in the combo (the year is the item data), keeping the chosen year if it is offered."""
    current = keep if keep is not None else combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for year in years:
        combo.addItem(str(year), year)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


def hours_text(hours) -> str:
    return "" if hours is None else f"{float(hours):g}"


def rel_pt(factor: float) -> str:
    """A style-sheet font size relative to the application font, so the large-font mode scales it too."""
    base = QApplication.font().pointSizeF()
    return f"{(base if base > 0 else 10.5) * factor:.1f}pt"
