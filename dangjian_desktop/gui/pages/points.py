"""Temporary page while its module is being written."""

from dangjian_desktop.gui.pages import Page


class PointsPage(Page):
    key = "points"

    def title(self) -> str:
        return self.tr("points")

    def refresh(self) -> None:
        pass
