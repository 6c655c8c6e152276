"""The attendance checklist panel of the meeting dialog: filters by 党支部 / 党小组, quick
“all present”, the tick-box table, and 应到 / 实到 with the quorum, recomputed on every change."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from dangjian_desktop.core import meetings as rules
from dangjian_desktop.gui.meetings.attendance_model import AttendanceModel
from dangjian_desktop.gui.widgets import BAD, GOOD, big_button, rel_pt
from dangjian_desktop.gui.models import RecordFilterProxy


class ReasonDelegate(QStyledItemDelegate):
    """A reason is free text; the usual grounds for leaving someone out of 应到 are offered."""

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        editor.setEditable(True)
        editor.addItems(["", *rules.EXCLUSION_REASONS])
        # Picking a reason from the list, or Enter, finishes the cell: no second step to learn.
        editor.activated.connect(lambda _index: self._finish(editor))
        editor.lineEdit().returnPressed.connect(lambda: self._finish(editor))
        return editor

    def _finish(self, editor: QComboBox) -> None:
        if editor.property("finished"):  # Enter in an editable combo also emits `activated`
            return
        editor.setProperty("finished", True)
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setEditText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class AttendancePanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.quorum_rule: str | None = None
        self.model = AttendanceModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(False)  # rows must not jump while the user ticks them

        self.branch = QComboBox()
        self.group = QComboBox()
        self.committee_only = QCheckBox(self.tr("Committee members only"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a name (pinyin initials work: zs)"))
        self.search.setClearButtonEnabled(True)
        for combo in (self.branch, self.group):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.committee_only.toggled.connect(self._apply_filter)
        self.search.textChanged.connect(self.proxy.set_text)
        self.all_present = big_button(self.tr("Everyone shown is present"),
                                      tooltip=self.tr("Marks everyone in the list below who has no mark yet as present; "
                                                      "marks you already made stay."))
        self.clear_marks = big_button(self.tr("Clear marks"),
                                      tooltip=self.tr("Takes the people shown off this meeting's list "
                                                      "(people already saved with the meeting stay on it)."))
        self.all_present.clicked.connect(self.mark_shown_present)
        self.clear_marks.clicked.connect(self.clear_shown)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(AttendanceModel.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setItemDelegateForColumn(AttendanceModel.COL_REASON, ReasonDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the reason column takes what is left, at least its minimum
        header.setMinimumSectionSize(56)
        header.setSectionResizeMode(AttendanceModel.COL_REASON, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(AttendanceModel.COL_REASON, 150)
        for status in rules.ATTENDANCE_STATUSES:  # wide enough to hit the tick box without aiming
            column = self.model.status_column(status)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(58, header.fontMetrics().horizontalAdvance(status) + 20))
        self.view.clicked.connect(self._clicked)
        self.model.reason_needed.connect(self._edit_reason)
        self.model.edited.connect(self.update_summary)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"font-size: {rel_pt(1.15)};")
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Branch")))
        filters.addWidget(self.branch, 1)
        filters.addWidget(QLabel(self.tr("Group")))
        filters.addWidget(self.group, 1)
        filters.addWidget(self.committee_only)
        actions = QHBoxLayout()
        actions.addWidget(self.all_present)
        actions.addWidget(self.clear_marks)
        actions.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.quorum)

    # -- loading -----------------------------------------------------------------------------
    def set_people(self, rows: list[dict]) -> None:
        self.model.set_rows([dict(r) for r in rows])
        self._fill_filter(self.branch, self.tr("All branches"), sorted({r["branch_name"] for r in rows if r["branch_name"]}))
        self._fill_filter(self.group, self.tr("All groups"), sorted({r["group_name"] for r in rows if r["group_name"]}))
        self.update_summary()

    @staticmethod
    def _fill_filter(combo: QComboBox, everyone: str, values: list[str]) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, None)
        for value in values:
            combo.addItem(value, value)
        combo.blockSignals(False)

    def show_branch(self, name: str | None) -> None:
        index = self.branch.findData(name) if name else 0
        self.branch.setCurrentIndex(max(index, 0))

    def set_quorum_rule(self, rule: str | None) -> None:
        self.quorum_rule = rule
        self.update_summary()

    # -- filtering and quick marks ---------------------------------------------------------------
    def _apply_filter(self) -> None:
        branch, group, committee = self.branch.currentData(), self.group.currentData(), self.committee_only.isChecked()
        if branch is None and group is None and not committee:
            self.proxy.set_predicate(None)
            return
        self.proxy.set_predicate(lambda r: (branch is None or r["branch_name"] == branch)
                                 and (group is None or r["group_name"] == group)
                                 and (not committee or r["is_committee"]))

    def shown_rows(self) -> list[int]:
        return [self.proxy.mapToSource(self.proxy.index(row, 0)).row() for row in range(self.proxy.rowCount())]

    def mark_shown_present(self) -> None:
        self.model.set_status(self.shown_rows(), "出席", only_unmarked=True)

    def clear_shown(self) -> None:
        self.model.set_status(self.shown_rows(), None)

    def _clicked(self, index: QModelIndex) -> None:
        """A click anywhere in a status cell ticks it (not only on the small box)."""
        source = self.proxy.mapToSource(index)
        status = self.model.column_status(source.column())
        if status is not None:
            self.model.set_status([source.row()], status)
        elif source.column() == AttendanceModel.COL_REASON and self.model.flags(source) & Qt.ItemFlag.ItemIsEditable:
            self.view.edit(index)

    def _edit_reason(self, source_row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(source_row, AttendanceModel.COL_REASON))
        if index.isValid():
            QTimer.singleShot(0, lambda: self.view.edit(index))

    # -- 应到 / 实到 and the quorum -----------------------------------------------------------------
    def current_summary(self) -> rules.AttendanceSummary:
        return rules.attendance_summary(self.model.attendees(), quorum_rule=self.quorum_rule)

    def update_summary(self) -> None:
        s = self.current_summary()
        rate = f"{round(s.rate * 100)}%" if s.rate is not None else "—"
        self.summary.setText(self.tr(
            "Expected <b>{0}</b> · present <b>{1}</b> · on leave {2} · absent {3} · observers {4} · "
            "left out of expected {5} · attendance {6}").format(
            s.expected, s.present, s.on_leave, s.absent, s.observers, s.excluded, rate))
        unmarked = self.model.unmarked()
        lines = []
        if unmarked:
            lines.append(self.tr("{0} people have no mark and are not part of this meeting.").format(unmarked))
        if self.quorum_rule is not None and s.expected:
            lines.append(self._quorum_text(s))
        self.quorum.setText("<br>".join(lines))

    def _quorum_text(self, s: rules.AttendanceSummary) -> str:
        if self.quorum_rule == "voting_majority":
            base = self.tr("Full members with a vote: {0} expected, {1} present; more than half means at least {2}.").format(
                s.voting_expected, s.voting_present, s.quorum_required)
        else:
            base = self.tr("Committee members: {0} expected, {1} present; more than half means at least {2}.").format(
                s.committee_expected, s.committee_present, s.quorum_required)
        if s.quorum_met:
            verdict, colour = self.tr("✓ Quorum met"), GOOD
        else:
            verdict, colour = self.tr("✗ Quorum NOT met: decisions of this meeting are not valid"), BAD
        return f"{base} <span style='color:{colour}; font-weight:bold'>{verdict}</span>"
