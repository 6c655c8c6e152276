"""关于: the program's version, the components it ships with and their licences, and the font's licence.

The licences are those each package declares in its metadata (checked by tests/test_about.py);
versions are read from the installed packages (installer.spec copies their metadata into the
frozen app).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, qVersion
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from dangjian_desktop import APP_TITLE, __version__
from dangjian_desktop.paths import resource_path
from dangjian_desktop.services import about

FONT_LICENCE_FILE = ("fonts", "wqy-microhei-COPYRIGHT.txt")


@dataclass(frozen=True)
class Component:
    name: str
    distribution: str | None  # the installed package its version is read from
    licence: str
    purpose: str              # English source, translated in the "AboutDialog" context
    known_version: str | None = None  # for what ships without package metadata (the font)

    def version(self) -> str:
        if self.known_version:
            return self.known_version
        if self.name == "Python":
            return about.python_version()
        if self.name == "Qt":
            return qVersion()
        if self.name == "SQLite":
            return about.sqlite_version()
        return (about.package_version(self.distribution) if self.distribution else None) or "—"


COMPONENTS: tuple[Component, ...] = (
    Component("Python", None, "PSF-2.0", QT_TRANSLATE_NOOP("AboutDialog", "programming language and runtime")),
    Component("Qt", None, "LGPL-3.0-only", QT_TRANSLATE_NOOP("AboutDialog", "windows, printing, PDF preview")),
    Component("PySide6", "PySide6_Essentials", "LGPL-3.0-only",
              QT_TRANSLATE_NOOP("AboutDialog", "Qt for Python (with shiboken6 and PySide6-Addons)")),
    Component("SQLite", None, "Public domain", QT_TRANSLATE_NOOP("AboutDialog", "the database file")),
    Component("sqlite-utils", "sqlite-utils", "Apache-2.0", QT_TRANSLATE_NOOP("AboutDialog", "database migrations")),
    Component("ReportLab", "reportlab", "BSD-3-Clause", QT_TRANSLATE_NOOP("AboutDialog", "PDF forms")),
    Component("openpyxl", "openpyxl", "MIT", QT_TRANSLATE_NOOP("AboutDialog", "Excel files (with et_xmlfile, MIT)")),
    Component("PyNaCl", "PyNaCl", "Apache-2.0",
              QT_TRANSLATE_NOOP("AboutDialog", "signing and encrypting data packages (libsodium, ISC)")),
    Component("msgspec", "msgspec", "BSD-3-Clause", QT_TRANSLATE_NOOP("AboutDialog", "reading data packages quickly")),
    Component("cffi", "cffi", "MIT-0", QT_TRANSLATE_NOOP("AboutDialog", "calling libsodium")),
    Component("pypinyin", "pypinyin", "MIT", QT_TRANSLATE_NOOP("AboutDialog", "sorting and searching names by pinyin")),
    Component("platformdirs", "platformdirs", "MIT", QT_TRANSLATE_NOOP("AboutDialog", "where data is kept")),
    Component("Faker", "Faker", "MIT", QT_TRANSLATE_NOOP("AboutDialog", "names for the demo village")),
    Component("WenQuanYi Micro Hei", None, "Apache-2.0 OR GPL-3.0+ (font exception)",
              QT_TRANSLATE_NOOP("AboutDialog", "the Chinese font of the window and the PDF forms"), "0.2.0-beta"),
    Component("PyInstaller", None, "GPL-2.0+ (bootloader exception)",
              QT_TRANSLATE_NOOP("AboutDialog", "the program's launcher (Windows and Linux builds)")),
)


def font_licence_text() -> str:
    return resource_path(*FONT_LICENCE_FILE).read_text(encoding="utf-8")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {0}").format(APP_TITLE))
        self.resize(900, 600)
        heading = QLabel(f"{APP_TITLE} {__version__}")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        summary = QLabel(self.tr("Offline records for village Party branches and the district office. "
                                 "It uses the open-source components below, each under its own licence. "
                                 "Qt and PySide6 are used under the GNU LGPL version 3: their libraries are "
                                 "separate files in the program folder and may be replaced with other builds; "
                                 "their source code is published by the Qt Project."))
        summary.setWordWrap(True)
        self.table = self._components_table()
        self.font_licence = QPlainTextEdit(font_licence_text())
        self.font_licence.setReadOnly(True)
        self.font_licence.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("Components and licences"))
        self.tabs.addTab(self.font_licence, self.tr("Font licence"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _components_table(self) -> QTableWidget:
        headers = [self.tr("Component"), self.tr("Version"), self.tr("Licence"), self.tr("Used for")]
        table = QTableWidget(len(COMPONENTS), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        for row, component in enumerate(COMPONENTS):
            cells = (component.name, component.version(), component.licence,
                     QCoreApplication.translate("AboutDialog", component.purpose))
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        return table
