"""The bundle log as a table: every bundle written or imported here, newest first, exportable to Excel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QVBoxLayout

from dangjian_desktop.gui.models import Column, RecordTableModel
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.gui.widgets import BAD, big_button, hint_label, log_table


class HistoryModel(RecordTableModel):
    COL_TIME, COL_DIRECTION, COL_KIND, COL_VILLAGE, COL_SEQ, COL_STATUS, COL_ACK, COL_FILE = range(8)

    def __init__(self, parent=None):
        super().__init__([], parent=parent)
        self.columns = [
            Column("time", self.tr("Time"), sort=lambda r: r["at"]),
            Column("direction", self.tr("In / out")),
            Column("kind", self.tr("Kind")),
            Column("village", self.tr("Village")),
            Column("seq", self.tr("Changes")),
            Column("status", self.tr("Status")),
            Column("acknowledged", self.tr("Acknowledged")),
            Column("file", self.tr("File")),
        ]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.COL_STATUS:
            return None if self.record(index.row())["ok"] else QBrush(QColor(BAD))
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            record = self.record(index.row())
            return record["reason"] or record["file"] or None
        return super().data(index, role)


class HistoryBox(QGroupBox):
    def __init__(self, title: str, parent=None):
        super().__init__(title, parent)
        self.model = HistoryModel(self)
        self.view = log_table(self.model)
        self.count = hint_label()
        self.export_button = big_button(self.tr("Export to Excel"))
        self.export_button.clicked.connect(lambda: self.export())
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def set_rows(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        self.count.setText(self.tr("{0} bundles in the log (newest first). Hover over a refused one to see why.")
                           .format(len(rows)) if rows else self.tr("No bundle has been written or imported yet."))
        self.export_button.setEnabled(bool(rows))

    def export(self, path=None):
        return export_model(self, self.model, self.tr("Bundle history"), path=path)
