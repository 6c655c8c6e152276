"""积分: record points, read the ledger, see totals and ranking, read the rulebook in force.

Three tabs under one big "记分" button. Only the tab on screen reloads after a change; the others
reload when they are opened.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout

from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.permissions import guard
from dangjian_desktop.gui.widgets import rel_pt, big_button
from dangjian_desktop.gui.points.ledger import LedgerTab
from dangjian_desktop.gui.points.ranking import RankingTab
from dangjian_desktop.gui.points.record_dialog import RecordPointsDialog
from dangjian_desktop.gui.points.rulebook_view import RulebookTab
from dangjian_desktop.services.context import Changes


class PointsPage(Page):
    key = "points"
    watches = frozenset({"points_ledger", "members", "orgs", "rulebooks", "attendance", "meetings"})

    def __init__(self, ctx, runner, parent=None):
        super().__init__(ctx, runner, parent)
        heading = QLabel(self.tr("Party member points"))
        heading.setStyleSheet(f"font-size: {rel_pt(1.7)}; font-weight: bold;")
        self.rulebook_label = QLabel()
        self.rulebook_label.setStyleSheet("color: #555;")
        self.record_button = big_button(self.tr("Record points…"), primary=True)
        self.record_button.setToolTip(self.tr("Record one item of the rulebook for one member or many at once"))
        self.record_button.clicked.connect(lambda: self.record())
        guard(self.record_button, ctx, "points.record")  # a viewer sees the points, cannot record
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.rulebook_label)
        top.addLayout(titles, 1)
        top.addWidget(self.record_button)

        # What the last change did (and its warnings, such as a cap reached), until the next one.
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.ranking = RankingTab(ctx)
        self.ledger = LedgerTab(ctx, runner)
        self.rulebook = RulebookTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.ranking, self.tr("Totals and ranking"))
        self.tabs.addTab(self.ledger, self.tr("Points ledger"))
        self.tabs.addTab(self.rulebook, self.tr("Rulebook in force"))
        self.tabs.setStyleSheet("QTabBar::tab { padding: 8px 18px; }")
        self._stale_tabs: set[int] = set()
        self.tabs.currentChanged.connect(self._tab_shown)
        self.ledger.changed.connect(lambda changes: self._changed(
            changes, self.tr("The entry was reversed. Both it and the reversal stay in the ledger.")))
        self.ranking.member_chosen.connect(self.show_member_ledger)
        self.ranking.record_for.connect(lambda uuids: self.record(member_uuids=uuids))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return self.tr("Points")

    def refresh(self) -> None:
        rulebook = self.ctx.rulebook
        self.rulebook_label.setText(
            self.tr("Rulebook in force: {0} (version {1})").format(rulebook.name, rulebook.version))
        self._stale_tabs = set(range(self.tabs.count()))
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, number: int) -> None:
        if number in self._stale_tabs:
            self._stale_tabs.discard(number)
            self.tabs.widget(number).refresh()

    # -- actions -------------------------------------------------------------------------------
    def record(self, *, member_uuids: list[str] | None = None, item_code: str | None = None) -> RecordPointsDialog:
        """Open the record dialog (modal); returns it so a caller or a test can see what it did."""
        dialog = RecordPointsDialog(self.ctx, self, member_uuids=member_uuids, item_code=item_code)
        dialog.accepted.connect(lambda: self._changed(
            dialog.changes, self.tr("Saved: {0} entries added to the ledger.").format(len(dialog.changes.uuids))))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_member_ledger(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.ledger)
        self.ledger.show_member(name)

    def _changed(self, changes: Changes | None, text: str) -> None:
        if changes is None:
            return
        self._tell(text, changes.warnings)
        self.changed.emit(changes)

    def _tell(self, text: str, warnings: tuple[str, ...]) -> None:
        if warnings:
            text += "\n" + self.tr("Please note:") + "\n" + "\n".join(f"• {w}" for w in warnings)
            self.notice.setStyleSheet("background: #fff4e0; color: #7a4a00; padding: 8px; border: 1px solid #e0b060;")
        else:
            self.notice.setStyleSheet("background: #e8f5e9; color: #1e5631; padding: 8px; border: 1px solid #9ccc9f;")
        self.notice.setText(text)
        self.notice.show()
