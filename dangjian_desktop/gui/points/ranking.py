"""积分排名: totals and ranking for a month, quarter or year, with member stars, grades and the 优秀 quota.

A month's or a quarter's total is the cycle's running total at the end of that period (that is
what a quarterly notice board shows); the "change in the period" column shows what the period
itself added.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout,
    QWidget,
)

from dangjian_desktop.core.periods import cycle_bounds, cycle_year
from dangjian_desktop.gui.models import Column, RecordFilterProxy, RecordTableModel
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.points.common import (GREEN, ORANGE, RED, plain_points, share_text, signed_points, source_record, stars_text)
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.services import points as points_service
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.members import list_members

EXCELLENT, FAILED = "优秀", "不合格"


class RankingModel(RecordTableModel):
    """Rows are `MemberScore`s as dicts, plus `base_total_x100` (the rulebook's) and `change_x100`."""

    def __init__(self, parent=None):
        super().__init__([
            Column("rank", self.tr("Rank"), align_right=True),
            Column("name", self.tr("Member")),
            Column("branch_name", self.tr("Branch")),
            Column("group_name", self.tr("Group")),
            Column("base_total_x100", self.tr("Base"), lambda r: plain_points(r["base_total_x100"]), align_right=True),
            Column("counted_deduction_x100", self.tr("Deducted"), lambda r: signed_points(r["counted_deduction_x100"]),
                   align_right=True),
            Column("bonus_x100", self.tr("Bonus"), lambda r: signed_points(r["bonus_x100"]), align_right=True),
            Column("total_x100", self.tr("Total"), lambda r: plain_points(r["total_x100"]), align_right=True),
            Column("change_x100", self.tr("Change in the period"), lambda r: signed_points(r["change_x100"]),
                   align_right=True),
            Column("stars", self.tr("Member star"), lambda r: stars_text(r["stars"])),
            Column("grade", self.tr("Grade by score")),
        ], search_keys=lambda r: " ".join(filter(None, (r["name"], r.get("name_pinyin"), r.get("name_initials"),
                                                        r["branch_name"], r.get("group_name")))), parent=parent)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < self.rowCount():
            record, key = self.record(index.row()), self.columns[index.column()].key
            if role == Qt.ItemDataRole.ForegroundRole:
                if key == "grade" and record["grade"] == FAILED:
                    return RED
                if key == "grade" and record["grade"] == EXCELLENT:
                    return GREEN
                if key == "stars":
                    return ORANGE
            if role == Qt.ItemDataRole.ToolTipRole and key == "counted_deduction_x100" \
                    and record["counted_deduction_x100"] != record["deduction_x100"]:
                return self.tr("Deductions recorded: {0}; a category cannot go below zero, so {1} counts.").format(
                    signed_points(record["deduction_x100"]), signed_points(record["counted_deduction_x100"]))
        return super().data(index, role)


class RankingTab(QWidget):
    """Choose month / quarter / year and a period; see everyone's totals, best first."""

    member_chosen = Signal(str)  # a member's name, to open the ledger on them
    record_for = Signal(list)  # member uuids, to open the record dialog with them ticked

    KINDS = ("month", "quarter", "year")

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = RankingModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.period_key: str | None = None

        self.kind_buttons = QButtonGroup(self)
        kinds = QHBoxLayout()
        kinds.addWidget(QLabel(self.tr("Show totals by")))
        for number, text in enumerate((self.tr("Month"), self.tr("Quarter"), self.tr("Year"))):
            button = big_button(text)
            button.setCheckable(True)
            self.kind_buttons.addButton(button, number)
            kinds.addWidget(button)
        self.kind_buttons.button(1).setChecked(True)
        self.kind_buttons.idClicked.connect(lambda _n: self._fill_periods())
        self.period = QComboBox()
        self.period.setMinimumWidth(220)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        kinds.addWidget(self.period)
        kinds.addStretch(1)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find: name, pinyin initials, branch or group"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.textChanged.connect(self.proxy.set_text)
        kinds.addWidget(self.search)

        self.range_label = QLabel()
        self.range_label.setWordWrap(True)
        self.quota_label = QLabel()
        self.quota_label.setWordWrap(True)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open_member)

        hint = QLabel(self.tr("Double-click a member to see their ledger."))
        hint.setStyleSheet("color: #555;")
        self.record_button = big_button(self.tr("Record points for the selected members…"))
        self.record_button.clicked.connect(lambda: self.record_for.emit(self.selected_uuids()))
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.record_button.setEnabled(bool(self.selected_uuids())))
        self.record_button.setEnabled(False)
        export = big_button(self.tr("Export to Excel"))
        export.clicked.connect(lambda: self.export())
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.record_button)
        bottom.addWidget(export)

        layout = QVBoxLayout(self)
        layout.addLayout(kinds)
        layout.addWidget(self.range_label)
        layout.addWidget(self.quota_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._fill_periods(load=False)  # the page loads the numbers when it is first shown

    # -- periods -----------------------------------------------------------------------------
    def kind(self) -> str:
        return self.KINDS[max(0, self.kind_buttons.checkedId())]

    def _fill_periods(self, keep: str | None = None, *, load: bool = True) -> None:
        self.period.blockSignals(True)
        self.period.clear()
        for period in points_service.score_periods(self.ctx, kind=self.kind()):
            self.period.addItem(period.label, period.key)
        found = self.period.findData(keep) if keep else -1
        self.period.setCurrentIndex(max(found, 0))
        self.period.blockSignals(False)
        if load:
            self.refresh()

    def set_period(self, key: str) -> None:
        """Show a period by key ('2026-07', '2026-Q3', '2026'), switching month / quarter / year."""
        kind = "year" if len(key) == 4 else "quarter" if "Q" in key.upper() else "month"
        self.kind_buttons.button(self.KINDS.index(kind)).setChecked(True)
        self._fill_periods(keep=key)

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        key = self.period.currentData()
        self.period_key = key
        if key is None:
            self.model.set_rows([])
            return
        ctx, rulebook = self.ctx, self.ctx.rulebook
        start, end, scores = points_service.period_scores(ctx, period=key)
        through = min(end, ctx.today)
        changes = points_service.period_changes(ctx, start=start, end=through)
        base_total = rulebook.base_total_x100
        members = {m["uuid"]: m for m in list_members(ctx, roster_only=True)}
        rows = []
        for score in scores:
            row = asdict(score)
            member = members.get(score.member_uuid, {})
            row.update(base_total_x100=base_total, counted_deduction_x100=score.base_x100 - base_total,
                       change_x100=changes.get(score.member_uuid, 0), group_name=score.group_name or "",
                       name_pinyin=member.get("name_pinyin"), name_initials=member.get("name_initials"))
            rows.append(row)
        self.model.set_rows(rows)
        # Widths follow the text, so the large-font mode cuts nothing off.
        self.view.resizeColumnsToContents()
        self._describe(start, end, through, rows)

    def _describe(self, start, end, through, rows: list[dict]) -> None:
        cycle_start = cycle_bounds(cycle_year(start, self.ctx.rulebook.cycle_start_month),
                                   self.ctx.rulebook.cycle_start_month)[0]
        text = self.tr("Period: {0} to {1}.").format(start.isoformat(), end.isoformat())
        if through < end:
            text += " " + self.tr("Counted up to today, {0}.").format(through.isoformat())
        text += " " + self.tr(
            "Totals add up everything from {0} to {1}; the change column shows this period alone.").format(
            cycle_start.isoformat(), through.isoformat())
        self.range_label.setText(text)
        quota = points_service.excellent_quota(self.ctx, member_count=len(rows))
        reaching = sum(r["grade"] == EXCELLENT for r in rows)
        text = self.tr("{0} members. At most {1} may be graded excellent (优秀): no more than {2} of the members. "
                       "{3} reach the excellent line by score.").format(
            len(rows), quota, share_text(self.ctx.rulebook.excellent_share_max), reaching)
        if reaching > quota:
            text += " " + self.tr("That is more than the quota: the branch committee decides who is graded excellent.")
            self.quota_label.setStyleSheet(f"color: {ORANGE.name()}; font-weight: bold;")
        else:
            self.quota_label.setStyleSheet("")
        self.quota_label.setText(text)

    def selected_uuids(self) -> list[str]:
        return [source_record(self.proxy, index.row())["member_uuid"]
                for index in self.view.selectionModel().selectedRows()]

    def _open_member(self, index) -> None:
        record = source_record(self.proxy, index.row())
        if record:
            self.member_chosen.emit(record["name"])

    def export(self, path=None):
        """The ranking as shown (filtered and sorted) to .xlsx; asks where unless `path` is given."""
        title = self.tr("Points ranking {0}").format(self.period.currentText())
        return export_model(self, self.proxy, title, path=path)
