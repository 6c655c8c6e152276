"""帮助: the main window's Help menu — the user guide (F1), the data folder, and About.

The guide is a bundled HTML file (resources/help/guide.html, collected into the frozen app with the
other resources), shown in a dialog opened at the part for the database's role: the village
secretary's or the district clerk's. The main window builds the menu at start; the dialogs (and the
About dialog's imports) are made only when asked for.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QMainWindow, QMenu, QMessageBox, QTextBrowser,
                               QVBoxLayout, QWidget)

from dangjian_desktop import APP_TITLE
from dangjian_desktop.paths import data_dir, resource_path

GUIDE = ("help", "guide.html")
# The anchor in the guide where each role's part starts.
ROLE_ANCHORS = {"village": "village", "district": "district"}
GUIDE_KEY = "F1"


def guide_path() -> Path:
    return resource_path(*GUIDE)


def data_folder(ctx) -> Path:
    """The folder holding the database and its backups (the portable `data` folder on a stick)."""
    path = getattr(ctx.store, "path", None)
    return Path(path).resolve().parent if path else data_dir()


def anchor_names(document) -> set[str]:
    """The anchor names (`<a name>`) a QTextDocument holds: where the guide's links can jump to."""
    names, block = set(), document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            names.update(fragments.fragment().charFormat().anchorNames())
            fragments += 1
        block = block.next()
    return names


class GuideDialog(QDialog):
    """The user guide, opened at the part for `role`; links inside it jump between the parts."""

    def __init__(self, parent: QWidget | None = None, *, role: str | None = None):
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("User guide"))
        self.resize(820, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # the guide links only to its own parts
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path())))
        self.anchor = ROLE_ANCHORS.get(role or "village", "village")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.browser.scrollToAnchor(self.anchor)  # once laid out: before that there is nothing to scroll


class HelpMenu(QMenu):
    """使用说明 (F1), 打开数据文件夹, 关于; retitled when the language changes."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.main_window = window
        self.guide_action = QAction(self)
        # setShortcuts([…]), not setShortcut(…): resolving setShortcut's overloads builds PySide's whole `Qt`
        # namespace (~90 enums), which a start avoids (tests/test_startup_imports.py).
        self.guide_action.setShortcuts([QKeySequence(GUIDE_KEY)])
        self.guide_action.triggered.connect(self.show_guide)
        self.folder_action = QAction(self)
        self.folder_action.triggered.connect(self.open_data_folder)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.addAction(self.guide_action)
        self.addAction(self.folder_action)
        self.addSeparator()
        self.addAction(self.about_action)
        window.addAction(self.guide_action)  # F1 works wherever the focus is in the window
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Help"))
        self.guide_action.setText(self.tr("User guide"))
        self.folder_action.setText(self.tr("Open data folder"))
        self.folder_action.setToolTip(self.tr("The folder with the database and its backups"))
        self.about_action.setText(self.tr("About {0}…").format(APP_TITLE))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_guide(self) -> None:
        GuideDialog(self.main_window, role=getattr(self.main_window.ctx, "role", None)).exec()

    def open_data_folder(self) -> bool:
        """Open the data folder in the file manager; when that fails, say where it is."""
        folder = data_folder(self.main_window.ctx)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        QMessageBox.information(self.main_window, self.tr("Data folder"),
                                self.tr("The data folder could not be opened here. It is:\n{0}").format(folder))
        return False

    def show_about(self) -> None:
        from dangjian_desktop.gui.about import AboutDialog

        AboutDialog(self.main_window).exec()


def install_help_menu(window: QMainWindow) -> HelpMenu:
    menu = HelpMenu(window)
    window.menuBar().addMenu(menu)
    return menu
