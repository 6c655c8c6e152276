"""Small widgets the member dialogs share: large buttons, red problem text, plain hints, dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel


PROBLEM_COLOUR, GOOD_COLOUR, MUTED_COLOUR = "#c62828", "#2e7d32", "#666"




def problem_label() -> QLabel:
    """Red text under a field saying what is wrong with it; hidden while nothing is."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {PROBLEM_COLOUR};")
    label.hide()
    return label


def show_problem(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))




def date_edit(day: date) -> QDateEdit:
    """A date box with a calendar to pick from, showing 2025-03-12."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumHeight(32)
    return edit


def edit_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
