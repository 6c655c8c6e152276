"""The 学习培训 tab: 期数, 人次 and hours of the year's training, and each member's hours against
the floor (32 h for members, 56 h for secretaries and committee members), those below in red."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from dangjian_desktop.gui.meetings.models import StudyHoursModel
from dangjian_desktop.gui.widgets import BAD, GOOD, big_button, hint_label, rel_pt
from dangjian_desktop.gui.meetings.widgets import hours_text
from dangjian_desktop.gui.models import RecordFilterProxy
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.context import Context


def _figure(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"font-size: {rel_pt(1.7)}; font-weight: bold;")
    return label


class TrainingTab(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.year: int | None = None
        self.model = StudyHoursModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.sessions, self.attendances, self.total_hours, self.below = _figure(), _figure(), _figure(), _figure()
        figures = QGridLayout()
        for column, (label, figure) in enumerate((
                (self.tr("Sessions"), self.sessions), (self.tr("Attendances (one person at one session)"), self.attendances),
                (self.tr("Study hours in total"), self.total_hours), (self.tr("Members below the floor"), self.below))):
            figures.addWidget(hint_label(label), 0, column)
            figures.addWidget(figure, 1, column)
        floors = ctx.meeting_types.floors
        self.floor_note = hint_label(self.tr(
            "Every member needs at least {0} study hours a year, secretaries and committee members {1}. "
            "Hours count for those present at: {2}.").format(
            hours_text(floors.member), hours_text(floors.leader),
            "、".join(t.name for t in ctx.meeting_types.types.values() if t.training)))
        self.only_below = QCheckBox(self.tr("Show only members below the floor"))
        self.only_below.toggled.connect(self._apply_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a name (pinyin initials work: zs)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.export_button = big_button(self.tr("Export to Excel"))
        self.export_button.clicked.connect(
            lambda: export_model(self, self.proxy, self.tr("Study hours {0}").format(self.year)))
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(StudyHoursModel.COL_HOURS, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        tools = QHBoxLayout()
        tools.addWidget(self.only_below)
        tools.addWidget(self.search, 1)
        tools.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addWidget(self.floor_note)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)

    def load(self, year: int) -> None:
        self.year = year
        stats, rows = service.member_study_hours(self.ctx, year=year)
        self.model.set_rows(rows)
        self.sessions.setText(str(stats.sessions))
        self.attendances.setText(str(stats.attendances))
        self.total_hours.setText(hours_text(stats.total_hours))
        self.below.setText(str(len(stats.below_floor)))
        self.below.setStyleSheet(f"font-size: {rel_pt(1.7)}; font-weight: bold; color: {BAD if stats.below_floor else GOOD};")

    def _apply_filter(self, only_below: bool) -> None:
        self.proxy.set_predicate((lambda r: r["below"]) if only_below else None)
