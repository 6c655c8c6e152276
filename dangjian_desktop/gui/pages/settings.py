"""Temporary page while its module is being written."""

from dangjian_desktop.gui.pages import Page


class SettingsPage(Page):
    key = "settings"

    def title(self) -> str:
        return self.tr("settings")

    def refresh(self) -> None:
        pass
