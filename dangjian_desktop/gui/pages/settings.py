"""设置: the village's information, the rules in force, language and text size, backup and restore."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QVBoxLayout

from dangjian_desktop import APP_TITLE
from dangjian_desktop.gui.home.widgets import INK, ScaledLabel, rescale
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.pages.registry_info_box import DistrictInfoBox
from dangjian_desktop.gui.widgets import big_button, card_page_body, two_columns
from dangjian_desktop.gui.settings.accounts_box import AccountsBox
from dangjian_desktop.gui.settings.backup_box import BackupBox
from dangjian_desktop.gui.settings.display_box import DisplayBox, RulesBox
from dangjian_desktop.gui.settings.village_box import VillageInfoBox
from dangjian_desktop.services.context import Changes


class SettingsPage(Page):
    key = "settings"
    watches = frozenset({"orgs", "settings", "rulebooks", "star_criteria", "users"})

    def __init__(self, ctx, runner, parent=None):
        super().__init__(ctx, runner, parent)
        self.heading = ScaledLabel(self.tr("Settings"), factor=1.8, bold=True, colour=INK)
        # A district database shows its own identity, not a village's (本村信息 / 村代码).
        self.village = DistrictInfoBox(ctx) if ctx.role == "district" else VillageInfoBox(ctx)
        self.rules = RulesBox(ctx)
        self.display = DisplayBox(ctx)
        self.backup = BackupBox(ctx, runner)
        self.accounts = AccountsBox(ctx)
        self.accounts.changed.connect(self.changed.emit)
        self.village.saved.connect(self._village_saved)
        self.backup.restored.connect(self._restored)

        self.columns = columns = two_columns([self.village, self.accounts], [self.backup, self.display], spacing=14)

        content, body = card_page_body("settingsContent")
        body.addWidget(self.heading)
        body.addLayout(columns)
        body.addWidget(self.rules)  # full width: its table has five columns
        self.about_button = big_button(self.tr("About…"))
        self.about_button.clicked.connect(self._show_about)
        body.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignLeft)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        rescale(self)

    def title(self) -> str:
        return self.tr("Settings")

    def refresh(self) -> None:
        self.village.load()
        self.rules.load()
        self.display.load()
        self.backup.load()
        self.accounts.load()
        rescale(self)

    def _show_about(self) -> None:
        from dangjian_desktop.gui.about import AboutDialog

        AboutDialog(self).exec()

    def _village_saved(self, changes: Changes) -> None:
        window = self.window()
        if window is not self:  # the main window's title names the village
            window.setWindowTitle(f"{APP_TITLE} — {self.ctx.org['name']}")
        self.changed.emit(changes)

    def _restored(self, changes: Changes) -> None:
        self._stale = True
        self.ensure_fresh()
        self.changed.emit(changes)

    def _arrange(self) -> None:
        """Side by side when both columns fit (large text on a small screen: one above the other)."""
        needed = self.village.minimumSizeHint().width() + max(
            self.backup.minimumSizeHint().width(), self.display.minimumSizeHint().width()) + 14 + 48 + 20
        direction = (QBoxLayout.Direction.LeftToRight if self.width() >= needed
                     else QBoxLayout.Direction.TopToBottom)
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            rescale(self)
            self._arrange()
