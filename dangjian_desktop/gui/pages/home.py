"""Temporary page while its module is being written."""

from dangjian_desktop.gui.pages import Page


class HomePage(Page):
    key = "home"

    def title(self) -> str:
        return self.tr("home")

    def refresh(self) -> None:
        pass
