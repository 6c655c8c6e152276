"""Tables of one member's page: their points ledger, their meetings, and who changed their record."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.core.periods import local_time
from dangjian_desktop.core.points import format_points
from dangjian_desktop.gui.members.widgets import GOOD_COLOUR, MUTED_COLOUR, PROBLEM_COLOUR
from dangjian_desktop.gui.models import Column, RecordTableModel


def _points(r: dict) -> str:
    points = format_points(r["points_x100"])
    return f"+{points}" if r["points_x100"] > 0 else points


class MemberLedgerModel(RecordTableModel):
    """`services.points.member_ledger` rows, each with `item_name` added by the page."""

    COL_DATE, COL_ITEM, COL_POINTS, COL_SOURCE, COL_REASON, COL_MARK, COL_BY = range(7)

    def __init__(self, parent=None):
        super().__init__([], parent=parent)
        self.columns = [
            Column("occurred_on", self.tr("Date")),
            Column("item_name", self.tr("Item")),
            Column("points_x100", self.tr("Points"), display=_points, align_right=True),
            Column("source", self.tr("How recorded"), display=self._source, sort=self._source),
            Column("reason", self.tr("Reason or note")),
            Column("reversed", self.tr("Cancelled"), display=self._mark, sort=self._mark),
            Column("recorded_by", self.tr("Recorded by")),
        ]

    def _source(self, r: dict) -> str:
        return {"manual": self.tr("By hand"), "attendance": self.tr("From a meeting"),
                "reversal": self.tr("Correction")}.get(r.get("source"), r.get("source") or "")

    def _mark(self, r: dict) -> str:
        return self.tr("Cancelled by a correction") if r.get("reversed") else ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._rows):
            record = self._rows[index.row()]
            if record.get("reversed") or record.get("source") == "reversal":
                return QBrush(QColor(MUTED_COLOUR))
            if index.column() == self.COL_POINTS:
                return QBrush(QColor(GOOD_COLOUR if record["points_x100"] > 0 else PROBLEM_COLOUR))
            return None
        return super().data(index, role)


class MemberMeetingsModel(RecordTableModel):
    """`services.members.member_attendance(...).rows`."""

    COL_DATE, COL_TYPE, COL_TITLE, COL_STATUS, COL_REASON, COL_HOURS = range(6)

    def __init__(self, parent=None):
        super().__init__([], parent=parent)
        self.columns = [
            Column("held_on", self.tr("Date")),
            Column("type_name", self.tr("Type")),
            Column("title", self.tr("Title")),
            Column("status", self.tr("Attendance")),
            Column("reason", self.tr("Reason")),
            Column("hours", self.tr("Study hours earned"), display=lambda r: f"{r['hours']:g}" if r["hours"] else "",
                   align_right=True),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.COL_STATUS
                and index.row() < len(self._rows) and self._rows[index.row()].get("status") == "缺席"):
            return QBrush(QColor(PROBLEM_COLOUR))
        return super().data(index, role)


class MemberHistoryModel(RecordTableModel):
    """`services.members.member_history` rows: when (local time), who, what."""

    COL_AT, COL_ACTOR, COL_SUMMARY = range(3)

    def __init__(self, parent=None):
        super().__init__([], parent=parent)
        self.columns = [
            Column("at", self.tr("When"), display=lambda r: local_time(r.get("at"))),
            Column("actor", self.tr("Who")),
            Column("summary", self.tr("What was done")),
        ]
