"""记分: one rulebook item for one member or many, with what will be posted shown before saving."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QDateEdit, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSpinBox,
    QTableView, QTreeView, QVBoxLayout, QWidget,
)

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import error_text, show_error
from dangjian_desktop.gui.models import Column, RecordTableModel
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.points.common import cap_text, message_label, roomy, show_message, signed_points
from dangjian_desktop.gui.points.member_picker import MemberPicker
from dangjian_desktop.gui.points.rule_items import RuleItemModel
from dangjian_desktop.services import points as points_service
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.members import list_members


class PreviewModel(RecordTableModel):
    """The entries the dialog would post: member, points into the ledger, points that still count."""

    def __init__(self, parent=None):
        super().__init__([
            Column("member_name", self.tr("Member")),
            Column("points_x100", self.tr("Into the ledger"), lambda r: signed_points(r["points_x100"]),
                   align_right=True),
            Column("counted_x100", self.tr("Counts toward the total"), lambda r: signed_points(r["counted_x100"]),
                   align_right=True),
            Column("note", self.tr("Note")),
        ], parent=parent)


class RecordPointsDialog(QDialog):
    """After `accept()`, `changes` holds what `record_points` returned (its warnings included)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, member_uuids: list[str] | None = None,
                 item_code: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.changes: Changes | None = None
        self._preview = None
        self._dropped: list[str] = []  # ticked members the chosen item does not apply to
        self.setWindowTitle(self.tr("Record points"))
        self.resize(1080, 760)

        self.items = RuleItemModel(self)
        self.items.set_rulebook(ctx.rulebook)
        self.item_view = QTreeView()
        # Uniform row heights must be set before expanding: set after, Qt lays out no rows at all.
        self.item_view.setUniformRowHeights(True)
        self.item_view.setAlternatingRowColors(True)
        roomy(self.item_view)
        self.item_view.setModel(self.items)
        self.item_view.expandAll()
        self.item_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.item_view.header().setStretchLastSection(False)
        for column in (1, 2):
            self.item_view.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.item_view.selectionModel().currentChanged.connect(lambda *_: self._item_changed())
        self.item_summary = QLabel(self.tr("Choose an item from the list."))
        self.item_summary.setWordWrap(True)

        self.occurred_on = QDateEdit()
        self.occurred_on.setCalendarPopup(True)
        self.occurred_on.setDisplayFormat("yyyy-MM-dd")
        self.occurred_on.setMaximumDate(QDate(ctx.today.year, ctx.today.month, ctx.today.day))
        self.occurred_on.setDate(QDate(ctx.today.year, ctx.today.month, ctx.today.day))
        self.count = QSpinBox()
        self.count.setRange(1, 100)
        self.count.setSuffix(self.tr(" time(s)"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("For example: cleaned the village square"))
        form = QFormLayout()
        form.addRow(self.tr("Date"), self.occurred_on)
        form.addRow(self.tr("How many times"), self.count)
        form.addRow(self.tr("Note (optional)"), self.note)

        item_box = QGroupBox(self.tr("1. Which item"))
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(self.item_view, 1)
        item_layout.addWidget(self.item_summary)
        item_layout.addLayout(form)

        self.picker = MemberPicker()
        self.picker.set_members(list_members(ctx, roster_only=True))
        if member_uuids:
            self.picker.model.set_checked(member_uuids)
        member_box = QGroupBox(self.tr("2. For which members"))
        QVBoxLayout(member_box).addWidget(self.picker)

        top = QHBoxLayout()
        top.addWidget(item_box, 5)
        top.addWidget(member_box, 4)

        self.preview_model = PreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.verticalHeader().hide()
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        self.preview_view.setColumnWidth(0, 120)
        self.preview_view.setColumnWidth(1, 110)
        self.preview_view.setColumnWidth(2, 130)
        self.preview_summary = QLabel()
        self.message = message_label()
        preview_box = QGroupBox(self.tr("3. Check what will be recorded, then save"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.preview_summary)
        preview_layout.addWidget(self.preview_view, 1)
        preview_layout.addWidget(self.message)

        self.cancel_button = big_button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = big_button(self.tr("Record"), primary=True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(preview_box, 2)
        layout.addLayout(buttons)

        # Ticking a whole group fires many changes at once: wait a moment, then preview once.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_preview)
        self.picker.checked_changed.connect(lambda _n: self._timer.start())
        self.occurred_on.dateChanged.connect(lambda _d: self._timer.start())
        self.count.valueChanged.connect(lambda _v: self._timer.start())
        if item_code:
            self.select_item(item_code)
        self.update_preview()

    # -- choosing ----------------------------------------------------------------------------
    def select_item(self, code: str) -> None:
        node = self.items.item_node(code)
        if node is not None:
            self.item_view.setCurrentIndex(self.items.index_of(node))

    def item_code(self) -> str | None:
        node = self.items.node(self.item_view.currentIndex())
        return node.record["code"] if node is not None and node.record else None

    def _item_changed(self) -> None:
        code = self.item_code()
        dropped: list[str] = []
        if code is None:
            self.item_summary.setText(self.tr("Choose an item from the list."))
        else:
            item = self.ctx.rulebook.items[code]
            self.item_summary.setText(self.tr("{0}: {1} points each time, {2}.").format(
                item.name, signed_points(item.points_x100), cap_text(item)))
            dropped = self.picker.model.set_exempt(points_service.exempt_members(self.ctx, item_code=code))
        self._dropped = dropped
        self.update_preview()

    def occurred(self) -> date:
        return self.occurred_on.date().toPython()

    # -- preview and save --------------------------------------------------------------------
    def update_preview(self) -> None:
        self._timer.stop()
        code, members = self.item_code(), self.picker.checked_uuids()
        problems, warnings, rows = [], [], []
        if self._dropped:
            warnings.append(self.tr("This item does not apply to {0}; they were unticked.").format(
                "、".join(self._dropped)))
        if code is None:
            problems.append(self.tr("Choose an item on the left first."))
        else:
            try:
                self._preview = points_service.preview_record(
                    self.ctx, member_uuids=members, item_code=code, occurred_on=self.occurred(),
                    count=self.count.value())
            except DangjianError as exc:
                self._preview = None
                problems.append(error_text(exc))
            else:
                problems += list(self._preview.problems)
                rows = [asdict(entry) | {"note": entry.note or ""} for entry in self._preview.entries]
        self.preview_model.set_rows(rows)
        total = sum(r["points_x100"] for r in rows)
        self.preview_summary.setText(
            self.tr("{0} entries will be added to the ledger, {1} points in all.").format(
                len(rows), signed_points(total))
            if rows else self.tr("Nothing will be recorded yet."))
        show_message(self.message, problems, warnings)
        self.save_button.setEnabled(not problems and bool(rows))
        self.save_button.setText(self.tr("Record for {0} people").format(len(rows)) if rows else self.tr("Record"))

    def save(self) -> None:
        self.update_preview()
        if not self.save_button.isEnabled():
            return
        try:
            self.changes = points_service.record_points(
                self.ctx, member_uuids=self.picker.checked_uuids(), item_code=self.item_code(),
                occurred_on=self.occurred(), count=self.count.value(), note=self.note.text().strip() or None)
        except Exception as exc:  # noqa: BLE001 - the one presenter explains any failure
            show_error(self, exc)
            return
        self.accept()
