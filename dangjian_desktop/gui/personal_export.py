"""The one warning shown before any file with personal information is written (ID numbers, phone
numbers): 继续 / 取消. Every page and dialog that exports such a table asks through `confirm`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def warning_text() -> str:
    return QCoreApplication.translate(
        "PersonalExport", "This table holds personal information such as ID numbers and phone numbers. "
                          "Keep it safe and do not pass it on.")


def confirm(parent: QWidget | None) -> bool:
    """Warn that the file holds personal information; True when the user chooses to continue."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("PersonalExport", "Personal information"))
    box.setText(warning_text())
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(QCoreApplication.translate("PersonalExport", "Continue"))
    box.button(QMessageBox.StandardButton.Cancel).setText(QCoreApplication.translate("PersonalExport", "Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes
