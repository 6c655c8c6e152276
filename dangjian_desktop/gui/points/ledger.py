"""积分台账: every entry, filtered by member, item, category, source and dates; reversals marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout,
    QWidget,
)

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.models import Column, RecordFilterProxy, RecordTableModel
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.points.common import GREY, RED, source_record, signed_points, source_text
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.services import points as points_service
from dangjian_desktop.services.context import Context


_MARKED_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole})


def _font(*, strike: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setStrikeOut(strike)
    font.setItalic(italic)
    return font


def _member_search(entry: dict) -> str:
    """The member filter matches the name, its pinyin and its initials ("zs" finds 张三)."""
    return " ".join(filter(None, (entry["member_name"], entry.get("name_pinyin"), entry.get("name_initials"))))


def is_reversible(entry: dict) -> bool:
    return not entry.get("reversed_by_uuid") and not entry.get("reverses_uuid")


class LedgerModel(RecordTableModel):
    """Ledger rows; a reversed entry is grey and struck through, a reversal entry is red."""

    def __init__(self, parent=None):
        super().__init__([
            Column("occurred_on", self.tr("Date")),
            Column("member_name", self.tr("Member"), sort=lambda r: r.get("name_pinyin") or r["member_name"]),
            Column("category", self.tr("Category")),
            Column("item_name", self.tr("Item")),
            Column("points_x100", self.tr("Points"), lambda r: signed_points(r["points_x100"]), align_right=True),
            Column("source", self.tr("Source"), lambda r: source_text(r["source"])),
            Column("status", self.tr("State"), self._status),
            Column("recorded_by", self.tr("Recorded by")),
            Column("reason", self.tr("Note or reason")),
        ], search_keys=_member_search, parent=parent)

    def _status(self, entry: dict) -> str:
        if entry.get("reversed_by_uuid"):
            return self.tr("Reversed")
        if entry.get("reverses_uuid"):
            return self.tr("Reversal of an entry")
        return ""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _MARKED_ROLES or not index.isValid() or not 0 <= index.row() < self.rowCount():
            return super().data(index, role)
        entry = self.record(index.row())
        if entry.get("reversed_by_uuid"):
            if role == Qt.ItemDataRole.ForegroundRole:
                return GREY
            if role == Qt.ItemDataRole.FontRole:
                return _font(strike=True)
            return self.tr("Reversed on {0}: {1}").format((entry.get("reversed_at") or "")[:10],
                                                          entry.get("reversed_reason") or "")
        if entry.get("reverses_uuid"):
            if role == Qt.ItemDataRole.ForegroundRole:
                return RED
            if role == Qt.ItemDataRole.FontRole:
                return _font(italic=True)
            return self.tr("This entry cancels an earlier entry. Reason: {0}").format(entry.get("reason") or "")
        return None


class LedgerTab(QWidget):
    changed = Signal(object)

    def __init__(self, ctx: Context, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self._loads = 0  # a reload answered after a newer one was asked for is dropped
        self.model = LedgerModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.member = QLineEdit()
        self.member.setPlaceholderText(self.tr("Member: name or pinyin initials"))
        self.member.setClearButtonEnabled(True)
        self.member.textChanged.connect(self._filter)
        self.category = QComboBox()
        self.item = QComboBox()
        self.source = QComboBox()
        self.source.addItem(self.tr("All sources"), None)
        for source in ("manual", "attendance", "reversal"):
            self.source.addItem(source_text(source), source)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self._fill_rule_filters()
        self._reset_dates()
        self.category.currentIndexChanged.connect(self._category_changed)
        for combo in (self.item, self.source):
            combo.currentIndexChanged.connect(self._filter)
        self.start.dateChanged.connect(lambda _d: self.refresh())
        self.end.dateChanged.connect(lambda _d: self.refresh())

        first = QHBoxLayout()
        first.addWidget(self.member, 2)
        first.addWidget(QLabel(self.tr("Category")))
        first.addWidget(self.category, 1)
        first.addWidget(QLabel(self.tr("Item")))
        first.addWidget(self.item, 2)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("From")))
        second.addWidget(self.start)
        second.addWidget(QLabel(self.tr("to")))
        second.addWidget(self.end)
        second.addWidget(QLabel(self.tr("Source")))
        second.addWidget(self.source)
        clear = big_button(self.tr("Show everything"))
        clear.clicked.connect(self.clear_filters)
        second.addWidget(clear)
        second.addStretch(1)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        # The service gives the rows newest first; sorting only when a heading is clicked keeps a
        # reload of thousands of entries quick.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # -1 descending reverses
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(300)  # measure a few hundred rows, not all
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.view.doubleClicked.connect(lambda _i: self.reverse_selected())

        self.summary = QLabel()
        self.reverse_button = big_button(self.tr("Reverse the selected entry…"))
        self.reverse_button.clicked.connect(self.reverse_selected)
        export = big_button(self.tr("Export to Excel"))
        export.clicked.connect(lambda: self.export())
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.reverse_button)
        bottom.addWidget(export)

        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._selection_changed()

    # -- filters ---------------------------------------------------------------------------
    def _fill_rule_filters(self) -> None:
        self._rulebook = self.ctx.rulebook.sha256
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for category in self.ctx.rulebook.categories:
            self.category.addItem(category.name, category.code)
        self.category.blockSignals(False)
        self._fill_items()

    def _fill_items(self) -> None:
        category = self.category.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        self.item.addItem(self.tr("All items"), None)
        for item in self.ctx.rulebook.items.values():
            if category is None or item.category == category:
                self.item.addItem(item.name, item.code)
        self.item.blockSignals(False)

    def _category_changed(self) -> None:
        self._fill_items()
        self._filter()

    def _reset_dates(self, *, everything: bool = False) -> None:
        """This cycle up to today; or, for "show everything", from the first cycle with entries."""
        cycles = points_service.score_periods(self.ctx, kind="year")
        start = (cycles[-1] if everything else cycles[0]).start
        for edit, day in ((self.start, start), (self.end, self.ctx.today)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def clear_filters(self) -> None:
        for combo in (self.category, self.item, self.source):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._fill_items()
        self.member.clear()
        self._reset_dates(everything=True)
        self.refresh()

    def show_member(self, name: str) -> None:
        """Open the ledger on one member (from the ranking)."""
        self.member.setText(name)

    def _filter(self) -> None:
        category, item, source = self.category.currentData(), self.item.currentData(), self.source.currentData()
        if category is None and item is None and source is None:
            self.proxy.set_predicate(None)
        else:
            self.proxy.set_predicate(lambda r: (category is None or r["category"] == category)
                                     and (item is None or r["item_code"] == item)
                                     and (source is None or r["source"] == source))
        self.proxy.set_text(self.member.text())
        self._summarise()

    def _summarise(self) -> None:
        rows = [source_record(self.proxy, row) for row in range(self.proxy.rowCount())]
        self.summary.setText(self.tr("{0} entries shown, {1} points in all").format(
            len(rows), signed_points(sum(r["points_x100"] for r in rows))))

    def export(self, path=None):
        """The entries as shown (filtered and sorted) to .xlsx; asks where unless `path` is given."""
        return export_model(self, self.proxy, self.tr("Points ledger"), path=path)

    # -- loading and reversing -------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the entries between the two dates (off the GUI thread: years of entries take a while)."""
        if self._rulebook != self.ctx.rulebook.sha256:  # a new rulebook came into force
            self._fill_rule_filters()
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self._loads += 1
        load = self._loads

        def show(rows: list[dict]) -> None:
            if load == self._loads:
                self.model.set_rows(rows)
                self.view.resizeColumnsToContents()
                self._filter()
                self._selection_changed()

        self.runner.run(self, self.tr("Loading the points ledger…"),
                        lambda ctx, _progress: points_service.list_ledger(ctx, start=start, end=end), show)

    def selected_entry(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows()
        return source_record(self.proxy, rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        entry = self.selected_entry()
        self.reverse_button.setEnabled(entry is not None and is_reversible(entry))
        if entry is None:
            tip = self.tr("Select an entry in the table first.")
        elif entry.get("reversed_by_uuid"):
            tip = self.tr("This entry has already been reversed.")
        elif entry.get("reverses_uuid"):
            tip = self.tr("A reversal cannot be reversed; record the item again instead.")
        else:
            tip = ""
        self.reverse_button.setToolTip(tip)

    def reverse_selected(self):
        """Open the reversal dialog on the selected entry (window-modal); returns it, or None."""
        from dangjian_desktop.gui.points.reverse_dialog import ReverseEntryDialog

        entry = self.selected_entry()
        if entry is None or not is_reversible(entry):
            return None
        dialog = ReverseEntryDialog(self.ctx, entry, self)
        dialog.accepted.connect(lambda: self.changed.emit(dialog.changes))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
