"""Small widgets shared by the meeting page's tabs: large buttons and plain hint text."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox








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

