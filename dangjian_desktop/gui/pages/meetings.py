"""Temporary page while its module is being written."""

from dangjian_desktop.gui.pages import Page


class MeetingsPage(Page):
    key = "meetings"

    def title(self) -> str:
        return self.tr("meetings")

    def refresh(self) -> None:
        pass
