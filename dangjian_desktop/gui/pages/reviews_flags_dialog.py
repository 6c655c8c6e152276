"""Dialogs of the 红旗村 tab: award a flag to villages, revoke one with a reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QSpinBox)

from dangjian_desktop.services.red_flags import HALF_LABELS


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class AwardFlagDialog(QDialog):
    """One flag type and half-year to the villages ticked in the list."""

    def __init__(self, villages: list[dict], flag_types: list[str], today: date, year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Award red flags"))
        self.year = QSpinBox()
        self.year.setRange(2000, today.year)
        self.year.setValue(year)
        self.half = QComboBox()
        for half, label in HALF_LABELS.items():
            self.half.addItem(label, half)
        self.half.setCurrentIndex(0 if today.month <= 6 or year < today.year else 1)
        self.flag_type = QComboBox()
        self.flag_type.addItems(flag_types)
        self.awarded_on = _date_edit(today)
        self.note = QLineEdit()
        self.villages = QListWidget()
        for village in villages:
            item = QListWidgetItem(f"{village['town_name'] or ''}  {village['code']}  {village['name']}")
            item.setData(Qt.ItemDataRole.UserRole, village["code"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.villages.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Award"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Half-year"), self.half)
        form.addRow(self.tr("Flag"), self.flag_type)
        form.addRow(self.tr("Awarded on"), self.awarded_on)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Villages"), self.villages)
        form.addRow(buttons)
        self.resize(560, 560)

    def check(self, codes: set[str]) -> None:
        for i in range(self.villages.count()):
            item = self.villages.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in codes
                               else Qt.CheckState.Unchecked)

    def values(self) -> dict:
        codes = [self.villages.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.villages.count())
                 if self.villages.item(i).checkState() == Qt.CheckState.Checked]
        return {"village_codes": codes, "year": self.year.value(), "half": self.half.currentData(),
                "flag_type": self.flag_type.currentText(), "awarded_on": self.awarded_on.date().toPython(),
                "note": self.note.text()}


class RevokeFlagDialog(QDialog):
    def __init__(self, flag: dict, today: date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revoke a red flag"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required)"))
        self.revoked_on = _date_edit(today)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Revoke"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Flag"), QLineEdit(f"{flag['name']} {flag['year']} {flag['half_label']} {flag['flag_type']}",
                                               readOnly=True))
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Revoked on"), self.revoked_on)
        form.addRow(buttons)
        self.resize(480, 180)

    def values(self) -> dict:
        return {"reason": self.reason.text(), "revoked_on": self.revoked_on.date().toPython()}
