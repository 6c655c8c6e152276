"""The compliance grid (三会一课 held against required): rows are meeting types, columns months.

A quarterly or yearly period spans its months; each period shows ✓ held, ✗ missing (red),
… due (the period is running and not yet met) or nothing (not started). The grid is a table model
whose first column names the type, so the Excel export carries the row names too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from dangjian_desktop.core import meetings as rules
from dangjian_desktop.gui.widgets import BAD, DUE, GOOD, big_button, hint_label, rel_pt
from dangjian_desktop.gui.models import RecordRole, SortRole
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.context import Context

_BACKGROUND = {"ok": "#e3f2e1", "missing": "#ffd7d7", "due": "#fff4cc"}
_FOREGROUND = {"ok": GOOD, "missing": BAD, "due": DUE}
_SPAN = {"month": 1, "quarter": 3, "year": 12}


class ComplianceGridModel(QAbstractTableModel):
    COL_TYPE = 0
    COL_SUMMARY = 13

    def __init__(self, parent=None):
        super().__init__(parent)
        self._types: list[rules.MeetingType] = []
        self._periods: list[list[rules.ComplianceRow]] = []
        self._summary: dict[str, tuple[int, int]] = {}

    def set_rows(self, rows: list[rules.ComplianceRow], types: rules.MeetingTypes) -> None:
        self.beginResetModel()
        by_type: dict[str, list[rules.ComplianceRow]] = {}
        for row in rows:
            by_type.setdefault(row.type_code, []).append(row)
        self._types = [t for t in types.types.values() if t.code in by_type]
        self._periods = [by_type[t.code] for t in self._types]
        self._summary = rules.compliance_summary(rows)
        self.endResetModel()

    def spans(self) -> list[tuple[int, int, int]]:
        """(row, first column, columns) of every period longer than a month, for QTableView.setSpan."""
        out = []
        for row, mtype in enumerate(self._types):
            width = _SPAN[mtype.frequency]
            if width > 1:
                out += [(row, 1 + start, width) for start in range(0, 12, width)]
        return out

    def period(self, row: int, column: int) -> rules.ComplianceRow | None:
        if not (0 <= row < len(self._types) and 1 <= column <= 12):
            return None
        return self._periods[row][(column - 1) // _SPAN[self._types[row].frequency]]

    def missing(self) -> list[rules.ComplianceRow]:
        return [p for periods in self._periods for p in periods if p.status == "missing"]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._types)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 14

    def _type_text(self, mtype: rules.MeetingType) -> str:
        every = {"month": self.tr("monthly"), "quarter": self.tr("quarterly"), "year": self.tr("yearly")}
        return self.tr("{0} ({1})").format(mtype.name, every[mtype.frequency])

    def _status_text(self, status: str) -> str:
        """The symbol above a word: two short lines fit a month's narrow cell even in the large-font mode."""
        words = {"ok": ("✓", self.tr("held")), "missing": ("✗", self.tr("missing")), "due": ("…", self.tr("due"))}
        return "\n".join(words[status]) if status in words else ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._types):
            return None
        row, column = index.row(), index.column()
        mtype = self._types[row]
        if column == self.COL_TYPE:
            return self._type_text(mtype) if role in (Qt.ItemDataRole.DisplayRole, SortRole) else None
        if column == self.COL_SUMMARY:
            met, judged = self._summary.get(mtype.code, (0, 0))
            if role in (Qt.ItemDataRole.DisplayRole, SortRole):
                return f"{met} / {judged}" if role == Qt.ItemDataRole.DisplayRole else (met - judged, met)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(BAD if met < judged else GOOD))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        period = self.period(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._status_text(period.status)
        if role == SortRole:
            return period.status
        if role == RecordRole:
            return period
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and period.status in _BACKGROUND:
            return QBrush(QColor(_BACKGROUND[period.status]))
        if role == Qt.ItemDataRole.ForegroundRole and period.status in _FOREGROUND:
            return QBrush(QColor(_FOREGROUND[period.status]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{0} {1}: {2} held, {3} required").format(
                mtype.name, period.period_key, period.held, period.required)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == self.COL_TYPE:
            return self.tr("Meeting type")
        if section == self.COL_SUMMARY:
            return self.tr("Periods met")
        return QLocale().standaloneMonthName(section, QLocale.FormatType.ShortFormat)


class ComplianceTab(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.year: int | None = None
        self.model = ComplianceGridModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().lineSpacing() * 2.8))
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ComplianceGridModel.COL_TYPE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ComplianceGridModel.COL_SUMMARY, QHeaderView.ResizeMode.ResizeToContents)
        self.export_button = big_button(self.tr("Export to Excel"))
        self.export_button.clicked.connect(
            lambda: export_model(self, self.model, self.tr("Meetings held against required {0}").format(self.year)))
        legend = QHBoxLayout()
        for text, colour in ((self.tr("✓ held as required"), GOOD), (self.tr("✗ not held, period over"), BAD),
                             (self.tr("… this period is running, not held yet"), DUE)):
            label = QLabel(text)
            label.setStyleSheet(f"color: {colour}; font-weight: bold;")
            legend.addWidget(label)
        legend.addWidget(hint_label(self.tr("blank: not started yet")))
        legend.addStretch(1)
        legend.addWidget(self.export_button)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.missing)

    def load(self, year: int) -> None:
        self.year = year
        self.model.set_rows(service.compliance(self.ctx, year=year), self.ctx.meeting_types)
        self.view.clearSpans()
        for row, column, width in self.model.spans():
            self.view.setSpan(row, column, 1, width)
        missing = self.model.missing()
        if missing:
            items = "；".join(f"{p.type_name} {p.period_key}" for p in missing)
            self.missing.setStyleSheet(f"color: {BAD}; font-size: {rel_pt(1.15)};")
            self.missing.setText(self.tr("Not held in {0}: {1}").format(year, items))
        else:
            self.missing.setStyleSheet(f"color: {GOOD}; font-size: {rel_pt(1.15)};")
            self.missing.setText(self.tr("Every required meeting of {0} so far has been held.").format(year))
