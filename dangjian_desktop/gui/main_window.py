"""The main window: a navigation list on the left, the pages on the right."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from dangjian_desktop import APP_TITLE
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.services.context import Changes, Context

#: The pages in navigation order (the printing and data-exchange pages come with their own issues).
PAGES = (
    ("home", "HomePage"),
    ("members", "MembersPage"),
    ("points", "PointsPage"),
    ("meetings", "MeetingsPage"),
    ("stars", "StarsPage"),
    ("settings", "SettingsPage"),
)


def page_class(key: str, class_name: str) -> type[Page]:
    return getattr(importlib.import_module(f"dangjian_desktop.gui.pages.{key}"), class_name)


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context, runner: JobRunner | None = None):
        super().__init__()
        self.ctx = ctx
        self.runner = runner or JobRunner(ctx, parent=self)
        self.setWindowTitle(f"{APP_TITLE} — {ctx.org['name']}")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 10px 12px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for key, class_name in PAGES:
            page = page_class(key, class_name)(ctx, self.runner)
            page.changed.connect(self.broadcast)
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.statusBar().addPermanentWidget(QLabel(self._status_text()))
        self.nav.setCurrentRow(0)
        self._restore_geometry()

    def _status_text(self) -> str:
        org = self.ctx.org
        return f"{org['name']}（{org['code']}） · {self.ctx.store.path or ''}"

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def broadcast(self, changes: Changes) -> None:
        """A page changed data: every page that shows those tables reloads (now or when shown)."""
        if changes.warnings:
            self.statusBar().showMessage("；".join(changes.warnings), 10_000)
        for page in self.pages.values():
            page.notify(changes)

    def retranslate(self) -> None:
        for row, page in enumerate(self.pages.values()):
            self.nav.item(row).setText(page.title())

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
