"""The 会议记录 tab: the year's meetings and trainings, with type filter, search, open, withdraw, export."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
                               QVBoxLayout, QWidget)

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.meetings.dialog import MeetingDialog
from dangjian_desktop.gui.meetings.models import MeetingListModel
from dangjian_desktop.gui.permissions import guard
from dangjian_desktop.gui.widgets import big_button, hint_label
from dangjian_desktop.gui.meetings.withdraw import WithdrawMeetingDialog
from dangjian_desktop.gui.models import RecordFilterProxy
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.context import Changes, Context


class MeetingListTab(QWidget):
    changed = Signal(object)

    def __init__(self, ctx: Context, runner: JobRunner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.year: int | None = None
        types = ctx.meeting_types.types
        self.model = MeetingListModel({code: t.name for code, t in types.items()}, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.type_filter = QComboBox()
        self.type_filter.addItem(self.tr("All types"), None)
        for code, mtype in types.items():
            self.type_filter.addItem(mtype.name, code)
        self.type_filter.currentIndexChanged.connect(self._apply_type)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title, chair, place"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)

        self.new_button = big_button(self.tr("＋ Record a meeting"), primary=True)
        self.open_button = big_button(self.tr("View or correct"))
        self.withdraw_button = big_button(self.tr("Withdraw…"),
                                          tooltip=self.tr("For a meeting entered by mistake; its points are reversed"))
        self.export_button = big_button(self.tr("Export to Excel"))
        self.new_button.clicked.connect(lambda: self.open_dialog(None))
        guard(self.new_button, ctx, "meetings.record")
        self.open_button.clicked.connect(self.open_selected)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.export_button.clicked.connect(lambda: export_model(self, self.proxy, self.export_title()))

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(MeetingListModel.COL_DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MeetingListModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.count = hint_label()

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Type")))
        filters.addWidget(self.type_filter)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.withdraw_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self._update_buttons()

    def load(self, year: int) -> None:
        self.year = year
        self.model.set_rows(service.list_meetings(self.ctx, year=year))
        self._update_count()
        self._update_buttons()

    def export_title(self) -> str:
        return self.tr("Meetings and trainings {0}").format(self.year)

    def _apply_type(self) -> None:
        code = self.type_filter.currentData()
        self.proxy.set_predicate(None if code is None else (lambda r: r["type_code"] == code))
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("{0} meetings shown. Double-click one to see or correct it.").format(self.proxy.rowCount()))

    def selected(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.withdraw_button.setEnabled(chosen and self.ctx.may("meetings.record"))

    def open_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.open_dialog(record["uuid"])

    def open_dialog(self, meeting_uuid: str | None) -> MeetingDialog:
        dialog = MeetingDialog(self.ctx, self.runner, meeting_uuid=meeting_uuid, parent=self)
        dialog.finished.connect(lambda _result: self._dialog_done(dialog))
        dialog.open()
        return dialog

    def _dialog_done(self, dialog: MeetingDialog) -> None:
        if dialog.changes is not None:
            self.changed.emit(dialog.changes)
        dialog.deleteLater()

    def withdraw_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        type_name = self.model.type_names.get(record["type_code"], record["type_code"])
        dialog = WithdrawMeetingDialog(record, type_name, self)
        if dialog.exec() != WithdrawMeetingDialog.DialogCode.Accepted:
            return
        reason, uuid = dialog.reason_text(), record["uuid"]

        def job(ctx: Context, progress) -> Changes:
            return service.delete_meeting(ctx, meeting_uuid=uuid, reason=reason)

        self.runner.run(self, self.tr("Withdrawing the meeting…"), job, self.changed.emit)
