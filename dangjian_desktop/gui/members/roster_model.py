"""The roster table: one row per member, and the filters the page's boxes set.

Typing matches the name, its full pinyin, its pinyin initials ("zs" finds 张三), the ID number
and the phone number; the boxes above the table narrow by branch, group, status, stage and
flowing. Both run in the model itself (`SelfFilteringModel`), which the table shows with no proxy
between: the text over cached lowercase search strings, the boxes as one predicate over the row
dicts, tested once per box change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

from dangjian_desktop.core.members import LEAVING_STATUSES, age_on
from dangjian_desktop.gui.models import Column, SelfFilteringModel

ON_ROSTER = "在册"  # a stored status value, shown as it is
_greyed: list[QBrush] = []  # one brush for every row of someone who left (made once a QApplication runs)


def _search_text(r: dict) -> str:
    return " ".join(r.get(k) or "" for k in ("name", "name_pinyin", "name_initials", "id_number", "phone"))


def _foreground(r: dict) -> QBrush | None:
    # People who left the roster stay visible when asked for, greyed so they are not mistaken.
    if r.get("status") == ON_ROSTER:
        return None
    if not _greyed:
        _greyed.append(QBrush(QColor("#888")))
    return _greyed[0]


def search_needle(typed: str) -> str:
    """What the model looks for: spaces dropped, so "zhang san" still finds 张三 (zhangsan)."""
    return "".join(typed.split())


class RosterModel(SelfFilteringModel):
    """Rows are `services.members.list_members` rows; each gets its age on `today` when loaded.

    `records()` is everyone loaded; `rowCount()` and `record(row)` are the members shown.
    """

    (COL_NAME, COL_SEX, COL_AGE, COL_BRANCH, COL_GROUP, COL_CATEGORY, COL_POST, COL_PHONE, COL_EDUCATION,
     COL_FLAGS, COL_STATUS) = range(11)

    def __init__(self, today: date, parent=None):
        super().__init__([], search_keys=_search_text, foreground=_foreground, parent=parent)
        self.today = today
        self._loaded_row: dict[str, int] = {}
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
        rows = [{**r, "age": _age(r.get("birth_date"), today)} for r in rows]
        self._loaded_row = {r["uuid"]: n for n, r in enumerate(rows) if "uuid" in r}
        super().set_rows(rows)

    def _flags(self, r: dict) -> str:
        words = []
        if r.get("flowing"):
            words.append(self.tr("Flowing"))
        if r.get("lost_contact"):
            words.append(self.tr("Out of contact"))
        return self.tr(", ").join(words)

    def row_of(self, member_uuid: str) -> int | None:
        """The row showing this member, or None when the member is not loaded or filtered out."""
        loaded = self._loaded_row.get(member_uuid)
        return None if loaded is None else self.shown_row(loaded)


def roster_table(model: RosterModel) -> QTableView:
    """The read-only roster table over `model` itself; a click on a column header sorts the model."""
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(RosterModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


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
