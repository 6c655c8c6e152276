"""The roster table: one row per member, and the filters the page's boxes set.

Typing matches the name, its full pinyin, its pinyin initials ("zs" finds 张三), the ID number
and the phone number; the boxes above the table narrow by branch, group, status, stage and
flowing. Both run in `RecordFilterProxy`: the text over the model's cached search strings, the
boxes as one predicate over the row dicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.core.members import LEAVING_STATUSES, age_on
from dangjian_desktop.gui.models import Column, RecordFilterProxy, RecordTableModel

ON_ROSTER = "在册"  # a stored status value, shown as it is


def _search_text(r: dict) -> str:
    return " ".join(r.get(k) or "" for k in ("name", "name_pinyin", "name_initials", "id_number", "phone"))


def search_needle(typed: str) -> str:
    """What the proxy looks for: spaces dropped, so "zhang san" still finds 张三 (zhangsan)."""
    return "".join(typed.split())


class RosterModel(RecordTableModel):
    """Rows are `services.members.list_members` rows; each gets its age on `today` when loaded."""

    (COL_NAME, COL_SEX, COL_AGE, COL_BRANCH, COL_GROUP, COL_CATEGORY, COL_POST, COL_PHONE, COL_EDUCATION,
     COL_FLAGS, COL_STATUS) = range(11)

    def __init__(self, today: date, parent=None):
        super().__init__([], search_keys=_search_text, parent=parent)
        self.today = today
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self.columns = [
            Column("name", self.tr("Name"), sort=lambda r: r.get("name_pinyin") or r.get("name") or ""),
            Column("sex", self.tr("Sex")),
            Column("age", self.tr("Age"), align_right=True),
            Column("branch_name", self.tr("Branch")),
            Column("group_name", self.tr("Group")),
            Column("category", self.tr("Stage")),
            Column("party_post", self.tr("Party post")),
            Column("phone", self.tr("Mobile phone")),
            Column("education", self.tr("Education")),
            Column("flags", self.tr("Flowing / out of contact"), display=self._flags, sort=self._flags),
            Column("status", self.tr("Status")),
        ]

    def set_rows(self, rows: list[dict]) -> None:
        today = self.today
        self._load([{**r, "age": _age(r.get("birth_date"), today)} for r in rows])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, with one `list.sort`, not by the proxy: the proxy compares rows through a
        Python `lessThan` call each, which took 5 s to put 10 000 members back in order whenever
        the search box was cleared."""
        self._sort = (column, order)
        self._load(self._rows)

    def _load(self, rows: list[dict]) -> None:
        column, order = self._sort
        if 0 <= column < len(self.columns):
            rows = sorted(rows, key=self.columns[column].sort_value, reverse=order == Qt.SortOrder.DescendingOrder)
        super().set_rows(rows)

    def _flags(self, r: dict) -> str:
        words = []
        if r.get("flowing"):
            words.append(self.tr("Flowing"))
        if r.get("lost_contact"):
            words.append(self.tr("Out of contact"))
        return self.tr(", ").join(words)

    def row_of(self, member_uuid: str) -> int | None:
        for row, record in enumerate(self._rows):
            if record["uuid"] == member_uuid:
                return row
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # People who left the roster stay visible when asked for, greyed so they are not mistaken.
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._rows):
            return QBrush(QColor("#888")) if self._rows[index.row()].get("status") != ON_ROSTER else None
        return super().data(index, role)


class RosterProxy(RecordFilterProxy):
    """Filters only; a click on a column header sorts the model itself (see `RosterModel.sort`)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def _age(birth_date: str | None, today: date) -> int | None:
    if not birth_date:
        return None
    try:
        return age_on(date.fromisoformat(birth_date), today)
    except ValueError:
        return None


# -- the filter boxes ---------------------------------------------------------------------------

STATUS_ON_ROSTER, STATUS_ALL, STATUS_LEFT = "on_roster", "all", "left"
FLOW_ANY, FLOW_FLOWING, FLOW_LOST, FLOW_NEITHER = "any", "flowing", "lost", "neither"


@dataclass(frozen=True)
class RosterFilter:
    """What the boxes above the roster are set to; None means "all" for that box."""

    branch_uuid: str | None = None
    group_name: str | None = None
    status: str = STATUS_ON_ROSTER
    category: str | None = None
    flowing: str = FLOW_ANY

    def predicate(self) -> Callable[[dict], bool] | None:
        """One function testing every box, or None when no box narrows anything."""
        tests: list[Callable[[dict], bool]] = []
        if self.branch_uuid:
            tests.append(lambda r, v=self.branch_uuid: r.get("branch_uuid") == v)
        if self.group_name:
            tests.append(lambda r, v=self.group_name: r.get("group_name") == v)
        if self.status == STATUS_ON_ROSTER:
            tests.append(lambda r: r.get("status") == ON_ROSTER)
        elif self.status == STATUS_LEFT:
            tests.append(lambda r: r.get("status") in LEAVING_STATUSES)
        if self.category:
            tests.append(lambda r, v=self.category: r.get("category") == v)
        if self.flowing == FLOW_FLOWING:
            tests.append(lambda r: bool(r.get("flowing")))
        elif self.flowing == FLOW_LOST:
            tests.append(lambda r: bool(r.get("lost_contact")))
        elif self.flowing == FLOW_NEITHER:
            tests.append(lambda r: not r.get("flowing") and not r.get("lost_contact"))
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda r: all(test(r) for test in tests)
