"""The attendance checklist as a table model: one row per member, one tick box per status.

Ticking a status column sets the member's status (the boxes of a row act like radio buttons);
unticking the ticked one clears the row, except for rows already saved with the meeting: the
service keeps those on the list, so a correction changes their status but never drops them.
Rows without a status are not part of the meeting.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.core import meetings as rules
from dangjian_desktop.errors import ValidationError
from dangjian_desktop.gui.models import Column, RecordTableModel

STATUSES = rules.ATTENDANCE_STATUSES
_PROBLEM_BACKGROUND = QColor("#ffd7d7")


def _search_text(r: dict) -> str:
    return " ".join(str(r.get(k) or "") for k in ("name", "name_pinyin", "name_initials", "branch_name",
                                                   "group_name", "party_post"))


def _checked(value) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


class AttendanceModel(RecordTableModel):
    COL_NAME, COL_BRANCH, COL_GROUP, COL_IDENTITY = range(4)
    COL_FIRST_STATUS = 4
    COL_REASON = COL_FIRST_STATUS + len(STATUSES)

    #: a row or several changed (the dialog recomputes 应到/实到, quorum and the points preview)
    edited = Signal()
    #: a row was set to 不计入应到 without a reason: the view opens the reason editor
    reason_needed = Signal(int)

    def __init__(self, parent=None):
        super().__init__([], search_keys=_search_text, parent=parent)
        self.columns = [
            Column("name", self.tr("Name"), sort=lambda r: r.get("name_pinyin") or r.get("name")),
            Column("branch_name", self.tr("Branch")),
            Column("group_name", self.tr("Group")),
            Column("category", self.tr("Post or status"), display=self._identity, sort=self._identity),
            *[Column("status", status, display=lambda r: "", sort=lambda r, s=status: r.get("status") == s)
              for status in STATUSES],
            Column("reason", self.tr("Reason or note")),
        ]

    def _identity(self, r: dict) -> str:
        """Only what sets a person apart: a post, probation, no vote (most rows stay empty)."""
        parts = [r.get("party_post")]
        if r.get("category") != "正式党员":
            parts.append(r.get("category"))
        elif not r.get("has_vote"):
            parts.append(self.tr("no vote"))
        return "·".join(p for p in parts if p)

    # -- reading -----------------------------------------------------------------------------
    def status_column(self, status: str) -> int:
        return self.COL_FIRST_STATUS + STATUSES.index(status)

    def column_status(self, column: int) -> str | None:
        offset = column - self.COL_FIRST_STATUS
        return STATUSES[offset] if 0 <= offset < len(STATUSES) else None

    def problem(self, row: int) -> str | None:
        """What is wrong with a row, in the core's words, or None."""
        record = self.record(row)
        if not record.get("status"):
            return None
        try:
            rules.validate_attendance(record["status"], record.get("reason"))
        except ValidationError as exc:
            return exc.message
        return None

    def problems(self) -> list[str]:
        return [f"{r['name']}：{self.problem(i)}" for i, r in enumerate(self._rows) if self.problem(i)]

    def attendance(self) -> list[dict]:
        """The checklist as `services.meetings.save_meeting` takes it (rows with a status only)."""
        return [{"member_uuid": r["member_uuid"], "status": r["status"], "reason": r.get("reason")}
                for r in self._rows if r.get("status")]

    def attendees(self) -> list[rules.Attendee]:
        return [rules.Attendee(r["member_uuid"], r["status"], has_vote=bool(r["has_vote"]),
                               is_committee=bool(r["is_committee"]))
                for r in self._rows if r.get("status")]

    def unmarked(self) -> int:
        return sum(1 for r in self._rows if not r.get("status"))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record, column = self._rows[index.row()], index.column()
        status = self.column_status(column)
        if role == Qt.ItemDataRole.CheckStateRole and status is not None:
            return Qt.CheckState.Checked if record.get("status") == status else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and column == self.COL_REASON:
            return record.get("reason") or ""
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole) and column == self.COL_REASON:
            problem = self.problem(index.row())
            if problem:
                return QBrush(_PROBLEM_BACKGROUND) if role == Qt.ItemDataRole.BackgroundRole else problem
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_NAME and not record.get("status"):
            return QBrush(QColor("#888888"))  # not on this meeting's list (yet)
        return super().data(index, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.column_status(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() == self.COL_REASON and self._rows[index.row()].get("status"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- editing -----------------------------------------------------------------------------
    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        status = self.column_status(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and status is not None:
            if _checked(value):
                return self.set_status([index.row()], status) > 0
            if self._rows[index.row()].get("status") == status:
                return self.set_status([index.row()], None) > 0
            return False
        if role == Qt.ItemDataRole.EditRole and index.column() == self.COL_REASON:
            record = self._rows[index.row()]
            if not record.get("status"):
                return False
            record["reason"] = (str(value or "")).strip() or None
            self._row_changed(index.row())
            self.edited.emit()
            return True
        return False

    def set_status(self, rows: list[int], status: str | None, *, only_unmarked: bool = False) -> int:
        """Set the status of several rows (None clears, where allowed); returns how many changed."""
        changed = 0
        for row in rows:
            record = self._rows[row]
            if only_unmarked and record.get("status"):
                continue
            if status is None and record.get("saved_status"):
                continue  # saved rows stay on the meeting's list
            if record.get("status") == status:
                continue
            record["status"] = status
            changed += 1
            self._row_changed(row)
            if status == "不计入应到" and not record.get("reason") and len(rows) == 1:
                self.reason_needed.emit(row)
        if changed:
            self.edited.emit()
        return changed

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
