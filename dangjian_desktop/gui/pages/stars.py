"""Temporary page while its module is being written."""

from dangjian_desktop.gui.pages import Page


class StarsPage(Page):
    key = "stars"

    def title(self) -> str:
        return self.tr("stars")

    def refresh(self) -> None:
        pass
