"""The main window: a navigation list on the left, the pages on the right.

Pages are built the first time they are shown, so the window opens after building one page
(the home page), not seven; a change broadcast reaches only pages that exist, and a page built
later reads fresh data anyway.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget,
                               QVBoxLayout, QWidget)

from dangjian_desktop import APP_TITLE
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.services.context import Changes, Context

#: (key, class in gui/pages/<key>.py, navigation title) in navigation order.
PAGES = (
    ("home", "HomePage", QT_TRANSLATE_NOOP("MainWindow", "Home")),
    ("members", "MembersPage", QT_TRANSLATE_NOOP("MainWindow", "Party members")),
    ("points", "PointsPage", QT_TRANSLATE_NOOP("MainWindow", "Points")),
    ("meetings", "MeetingsPage", QT_TRANSLATE_NOOP("MainWindow", "Meetings")),
    ("stars", "StarsPage", QT_TRANSLATE_NOOP("MainWindow", "Star rating")),
    ("printing", "PrintingPage", QT_TRANSLATE_NOOP("MainWindow", "Printing")),
    ("settings", "SettingsPage", QT_TRANSLATE_NOOP("MainWindow", "Settings")),
)
PAGE_KEYS = tuple(key for key, _, _ in PAGES)


def page_class(key: str, class_name: str) -> type[Page]:
    return getattr(importlib.import_module(f"dangjian_desktop.gui.pages.{key}"), class_name)


def page_title(key: str) -> str:
    title = next(title for k, _, title in PAGES if k == key)
    return QCoreApplication.translate("MainWindow", title)


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
        for key, _class_name, _title in PAGES:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
            item = QListWidgetItem(page_title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.status_label = QLabel(self._status_text())
        self.statusBar().addPermanentWidget(self.status_label)
        self.nav.setCurrentRow(0)
        self._restore_geometry()

    def _status_text(self) -> str:
        org = self.ctx.org
        return f"{org['name']}（{org['code']}） · {self.ctx.store.path or ''}"

    def page(self, key: str) -> Page:
        """The page for `key`, built now if it was not yet."""
        if key not in self.pages:
            class_name = next(name for k, name, _ in PAGES if k == key)
            page = page_class(key, class_name)(self.ctx, self.runner)
            page.changed.connect(self.broadcast)
            self.stack.widget(PAGE_KEYS.index(key)).layout().addWidget(page)
            self.pages[key] = page
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        self.page(PAGE_KEYS[row])
        self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(PAGE_KEYS.index(key))
        return self.page(key)

    def current_page(self) -> Page:
        return self.page(PAGE_KEYS[self.stack.currentIndex()])

    def broadcast(self, changes: Changes) -> None:
        """A page changed data: every built page that shows those tables reloads (now or when shown)."""
        if changes.warnings:
            self.statusBar().showMessage("；".join(changes.warnings), 10_000)
        if "orgs" in changes.tables:
            self.status_label.setText(self._status_text())
        for page in self.pages.values():
            page.notify(changes)

    def retranslate(self) -> None:
        for row, key in enumerate(PAGE_KEYS):
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
