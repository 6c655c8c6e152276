"""Table models of the meeting page: the meeting list and the study hours per member."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.gui.widgets import BAD, GOOD
from dangjian_desktop.gui.meetings.widgets import hours_text
from dangjian_desktop.gui.models import Column, RecordTableModel


def _count(key: str):
    return lambda r: r.get(key) or 0


def _search_text(r: dict) -> str:
    return " ".join(str(r.get(k) or "") for k in ("name", "name_pinyin", "name_initials", "branch_name", "group_name"))


class MeetingListModel(RecordTableModel):
    """Meetings and trainings of a year; rows are `services.meetings.list_meetings` rows."""

    COL_DATE, COL_TYPE, COL_TITLE, COL_EXPECTED, COL_PRESENT, COL_LEAVE, COL_ABSENT, COL_HOURS, COL_HOST = range(9)

    def __init__(self, type_names: dict[str, str] | None = None, parent=None):
        super().__init__([], search_keys=self._search_text, parent=parent)
        self.type_names = dict(type_names or {})
        type_name = lambda r: self.type_names.get(r.get("type_code"), r.get("type_code"))  # noqa: E731
        self.columns = [
            Column("held_on", self.tr("Date")),
            Column("type_code", self.tr("Type"), display=type_name, sort=type_name),
            Column("title", self.tr("Title")),
            Column("expected", self.tr("Expected"), display=_count("expected"), sort=_count("expected"), align_right=True),
            Column("present", self.tr("Present"), display=_count("present"), sort=_count("present"), align_right=True),
            Column("on_leave", self.tr("On leave"), display=_count("on_leave"), sort=_count("on_leave"), align_right=True),
            Column("absent", self.tr("Absent"), display=_count("absent"), sort=_count("absent"), align_right=True),
            Column("hours", self.tr("Study hours"), display=lambda r: hours_text(r.get("hours")), align_right=True),
            Column("host", self.tr("Chaired by")),
        ]

    def _search_text(self, r: dict) -> str:
        return " ".join(str(r.get(k) or "") for k in ("held_on", "title", "host", "recorder", "lecturer", "place")) \
            + " " + self.type_names.get(r.get("type_code"), "")


class StudyHoursModel(RecordTableModel):
    """Each roster member's study hours for a year against their floor (32 h members, 56 h leaders)."""

    COL_NAME, COL_BRANCH, COL_GROUP, COL_POST, COL_HOURS, COL_FLOOR, COL_SHORT, COL_RESULT = range(8)

    def __init__(self, parent=None):
        super().__init__([], search_keys=_search_text, parent=parent)
        self.columns = [
            Column("name", self.tr("Name"), sort=lambda r: r.get("name_pinyin") or r.get("name")),
            Column("branch_name", self.tr("Branch")),
            Column("group_name", self.tr("Group")),
            Column("party_post", self.tr("Post")),
            Column("hours", self.tr("Hours"), display=lambda r: hours_text(r["hours"]), align_right=True),
            Column("floor", self.tr("Required"), display=lambda r: hours_text(r["floor"]), align_right=True),
            Column("short", self.tr("Still short"), display=lambda r: hours_text(r["short"]) if r["below"] else "",
                   align_right=True),
            Column("below", self.tr("Result"),
                   display=lambda r: self.tr("Below the floor") if r["below"] else self.tr("Reached")),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < self.rowCount():
            below = self.record(index.row())["below"]
            if index.column() == self.COL_RESULT:
                return QBrush(QColor(BAD if below else GOOD))
            if below and index.column() in (self.COL_NAME, self.COL_HOURS, self.COL_SHORT):
                return QBrush(QColor(BAD))
            return None
        return super().data(index, role)
