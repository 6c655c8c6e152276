"""会议培训: the meetings and trainings of a year, whether they were held as often as required,
and the members' study hours. Recording and correcting a meeting happens in `MeetingDialog`."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QVBoxLayout

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.meetings.compliance import ComplianceTab
from dangjian_desktop.gui.meetings.list_tab import MeetingListTab
from dangjian_desktop.gui.meetings.training import TrainingTab
from dangjian_desktop.gui.widgets import heading_row
from dangjian_desktop.gui.meetings.widgets import fill_years
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.context import Context


class MeetingsPage(Page):
    key = "meetings"
    watches = frozenset({"meetings", "attendance", "members", "orgs"})

    def __init__(self, ctx: Context, runner: JobRunner, parent=None):
        super().__init__(ctx, runner, parent)
        self.year_combo = QComboBox()
        self.year_combo.setMinimumWidth(110)
        self.year_combo.currentIndexChanged.connect(self._load_year)
        top = heading_row(self.tr("Meetings and training"), QLabel(self.tr("Year")), self.year_combo)
        self.list_tab = MeetingListTab(ctx, runner, self)
        self.list_tab.changed.connect(self.changed)
        self.compliance_tab = ComplianceTab(ctx, self)
        self.training_tab = TrainingTab(ctx, self)
        self.tabs = QTabWidget()
        self.tabs.setStyleSheet("QTabBar::tab { padding: 8px 20px; }")
        self.tabs.addTab(self.list_tab, self.tr("Meeting records"))
        self.tabs.addTab(self.compliance_tab, self.tr("Held as required?"))
        self.tabs.addTab(self.training_tab, self.tr("Study hours"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return self.tr("Meetings")

    def year(self) -> int:
        return self.year_combo.currentData() or self.ctx.today.year

    def refresh(self) -> None:
        fill_years(self.year_combo, service.meeting_years(self.ctx))
        self._load_year()

    def _load_year(self) -> None:
        year = self.year()
        self.list_tab.load(year)
        self.compliance_tab.load(year)
        self.training_tab.load(year)
