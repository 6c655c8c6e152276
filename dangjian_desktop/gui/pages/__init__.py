"""One module per navigation page; each page is a `Page`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.services.context import Changes, Context


class Page(QWidget):
    """A page of the main window.

    `watches` names the tables whose changes make it stale; after a mutation a page emits `changed`
    with the service's `Changes`, and the main window tells every page that watches those tables.
    A stale page reloads when it is next shown, so hidden pages cost nothing.
    """

    key = "page"
    watches: frozenset[str] = frozenset()
    changed = Signal(object)

    def __init__(self, ctx: Context, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self._stale = True

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload everything the page shows from the services."""
        raise NotImplementedError

    def notify(self, changes: Changes) -> None:
        if changes.tables & self.watches or not changes.tables:
            self._stale = True
            if self.isVisible():
                self.ensure_fresh()

    def ensure_fresh(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_fresh()
