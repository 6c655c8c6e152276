"""The main window: a navigation list on the left, the pages on the right.

Pages are built the first time they are shown, so the window opens after building one page
(the home page), not seven; a change broadcast reaches only pages that exist, and a page built
later reads fresh data anyway.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QCoreApplication, QSettings, QSize, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget,
                               QVBoxLayout, QWidget)

from dangjian_desktop import APP_TITLE
from dangjian_desktop.core.roles import ROLE_LABELS
from dangjian_desktop.gui.help import install_help_menu
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.services.context import Changes, Context

#: Every page: key → (class in gui/pages/<key>.py, navigation title).
PAGES = {
    "home": ("HomePage", QT_TRANSLATE_NOOP("MainWindow", "Home")),
    "dashboard": ("DashboardPage", QT_TRANSLATE_NOOP("MainWindow", "Dashboard")),
    "members": ("MembersPage", QT_TRANSLATE_NOOP("MainWindow", "Party members")),
    "points": ("PointsPage", QT_TRANSLATE_NOOP("MainWindow", "Points")),
    "meetings": ("MeetingsPage", QT_TRANSLATE_NOOP("MainWindow", "Meetings")),
    "stars": ("StarsPage", QT_TRANSLATE_NOOP("MainWindow", "Star rating")),
    "printing": ("PrintingPage", QT_TRANSLATE_NOOP("MainWindow", "Printing")),
    "exchange": ("ExchangePage", QT_TRANSLATE_NOOP("MainWindow", "Data exchange")),
    "report": ("ReportPage", QT_TRANSLATE_NOOP("MainWindow", "District report")),
    "registry": ("RegistryPage", QT_TRANSLATE_NOOP("MainWindow", "Towns and villages")),
    "reviews": ("ReviewsPage", QT_TRANSLATE_NOOP("MainWindow", "Star review")),
    "rules": ("RulesPage", QT_TRANSLATE_NOOP("MainWindow", "Rules")),
    "audit": ("AuditPage", QT_TRANSLATE_NOOP("MainWindow", "Change log")),
    "settings": ("SettingsPage", QT_TRANSLATE_NOOP("MainWindow", "Settings")),
}

#: The navigation of each role, in order. A database not yet set up as a district is a village's.
NAVIGATION = {
    "village": ("home", "members", "points", "meetings", "stars", "printing", "exchange", "audit", "settings"),
    "district": ("dashboard", "exchange", "registry", "reviews", "rules", "report", "audit", "settings"),
}
#: Qt.ItemDataRole.UserRole as a number: the first use of PySide's `Qt` namespace builds all its ~90
#: enums (~30 ms), so nothing on the way to the first window touches it (tests/test_startup_imports.py).
KEY_ROLE = 0x0100
#: The village's navigation (the role most tests and screenshots use).
PAGE_KEYS = NAVIGATION["village"]


#: Pages a role must hold a permission to use at all (core/roles.py); without it they are not in the
#: navigation. Buttons for actions a role lacks are disabled on the pages; the services refuse anyway.
PAGE_PERMISSION = {"audit": "audit.view", "exchange": "exchange", "printing": "report.print",
                   "report": "report.print"}


def page_keys(role: str | None, may=None) -> tuple[str, ...]:
    """The navigation of a database role; with `may` (ctx.may), only the pages the user may use."""
    keys = NAVIGATION["district" if role == "district" else "village"]
    if may is None:
        return keys
    return tuple(key for key in keys if key not in PAGE_PERMISSION or may(PAGE_PERMISSION[key]))


def page_class(key: str) -> type[Page]:
    return getattr(importlib.import_module(f"dangjian_desktop.gui.pages.{key}"), PAGES[key][0])


def page_title(key: str) -> str:
    return QCoreApplication.translate("MainWindow", PAGES[key][1])


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context, runner: JobRunner | None = None):
        super().__init__()
        self.ctx = ctx
        self.runner = runner or JobRunner(ctx, parent=self)
        self.setWindowTitle(f"{APP_TITLE} — {ctx.org['name']}")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setMinimumWidth(150)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 10px 12px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}  # the pages built so far
        self.page_keys = page_keys(ctx.role, ctx.may)
        for key in self.page_keys:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
            item = QListWidgetItem(page_title(key))
            item.setData(KEY_ROLE, key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.help_menu = install_help_menu(self)  # 帮助: user guide (F1), data folder, About
        self.status_label = QLabel(self._status_text())
        self.statusBar().addPermanentWidget(self.status_label)
        self.nav.setCurrentRow(0)
        self._restore_geometry()

    def _status_text(self) -> str:
        org, user = self.ctx.org, self.ctx.user
        who = f"{user['name']}（{ROLE_LABELS.get(user['role'], user['role'])}） · " if user else ""
        return f"{who}{org['name']}（{org['code']}） · {self.ctx.store.path or ''}"

    def page(self, key: str) -> Page:
        """The page for `key`, built now if it was not yet."""
        if key not in self.pages:
            page = page_class(key)(self.ctx, self.runner)
            page.changed.connect(self.broadcast)
            self.stack.widget(self.page_keys.index(key)).layout().addWidget(page)
            self.pages[key] = page
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        self.page(self.page_keys[row])
        self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(self.page_keys.index(key))
        return self.page(key)

    def current_page(self) -> Page:
        return self.page(self.page_keys[self.stack.currentIndex()])

    def broadcast(self, changes: Changes) -> None:
        """A page changed data: every built page that shows those tables reloads (now or when shown)."""
        if changes.warnings:
            self.statusBar().showMessage("；".join(changes.warnings), 10_000)
        if "orgs" in changes.tables:
            self.status_label.setText(self._status_text())
        for page in self.pages.values():
            page.notify(changes)

    def retranslate(self) -> None:
        for row, key in enumerate(self.page_keys):
            self.nav.item(row).setText(page_title(key))

    # -- geometry lives in QSettings; everything else in the database ---------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        self.runner.wait_all()
        super().closeEvent(event)
