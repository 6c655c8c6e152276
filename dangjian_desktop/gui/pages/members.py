"""Temporary page while its module is being written."""

from dangjian_desktop.gui.pages import Page


class MembersPage(Page):
    key = "members"

    def title(self) -> str:
        return self.tr("members")

    def refresh(self) -> None:
        pass
