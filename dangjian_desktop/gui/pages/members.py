"""党员: the roster. Find anyone by typing (name, pinyin, initials, ID number), narrow by the boxes,
open a member's page, add, change, change status, import from Excel, export what is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from dangjian_desktop.core.members import CATEGORIES, is_on_roster
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.members.import_dialog import ImportDialog
from dangjian_desktop.gui.members.member_dialog import MemberDialog
from dangjian_desktop.gui.members.member_view import MemberView
from dangjian_desktop.gui.members.roster_model import (FLOW_ANY, FLOW_FLOWING, FLOW_LOST, FLOW_NEITHER, STATUS_ALL,
                                                       STATUS_LEFT, STATUS_ON_ROSTER, RosterFilter, RosterModel,
                                                       roster_table, search_needle)
from dangjian_desktop.gui.members.status_dialog import StatusDialog
from dangjian_desktop.gui.permissions import guard
from dangjian_desktop.gui.widgets import big_button, hint_label
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.members import list_branches, list_members


class MembersPage(Page):
    key = "members"
    watches = frozenset({"members", "orgs"})

    def __init__(self, ctx: Context, runner: JobRunner, parent=None):
        super().__init__(ctx, runner, parent)
        self._refreshes = 0
        self._roster_counts = (0, 0, 0, 0, 0)
        self.model = RosterModel(ctx.today, self)  # filters and sorts itself: the table shows it directly
        self.view = roster_table(self.model)
        self.view.doubleClicked.connect(self._row_double_clicked)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._kept: str | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)

        self.add_button = big_button(self.tr("Add a member"), primary=True)
        self.open_button = big_button(self.tr("Open member's page"))
        self.edit_button = big_button(self.tr("Change details"))
        self.status_button = big_button(
            self.tr("Change status"), tooltip=self.tr("Transfer out, death, leaving the Party: members are never deleted"))
        self.import_button = big_button(self.tr("Import from Excel"))
        self.export_button = big_button(self.tr("Export to Excel"), tooltip=self.tr("Saves the rows shown below"))
        for button, slot in ((self.add_button, self.add_member), (self.open_button, self.open_member),
                             (self.edit_button, self.edit_member), (self.status_button, self.change_status),
                             (self.import_button, self.import_roster), (self.export_button, self.export)):
            button.clicked.connect(slot)
        guard(self.add_button, ctx, "members.edit")  # a viewer sees the roster, cannot change it
        guard(self.import_button, ctx, "members.edit")
        guard(self.export_button, ctx, "personal.export")
        actions = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.edit_button, self.status_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(36)
        self.search.setPlaceholderText(self.tr("Type a name, its pinyin or initials (zs finds 张三), or an ID number"))
        self.search.textChanged.connect(self._search_changed)
        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(self.tr("Find:")))
        search_row.addWidget(self.search, 1)
        reset = big_button(self.tr("Clear search and filters"))
        reset.clicked.connect(self.reset_filters)
        search_row.addWidget(reset)

        self.branch_box, self.group_box = QComboBox(), QComboBox()
        self.status_box, self.category_box, self.flow_box = QComboBox(), QComboBox(), QComboBox()
        for text, value in ((self.tr("On the roster"), STATUS_ON_ROSTER),
                            (self.tr("Everyone, also those who left"), STATUS_ALL),
                            (self.tr("Left (transferred out, died …)"), STATUS_LEFT)):
            self.status_box.addItem(text, value)
        self.category_box.addItem(self.tr("All stages"), None)
        for category in CATEGORIES:
            self.category_box.addItem(category, category)
        for text, value in ((self.tr("All"), FLOW_ANY), (self.tr("Flowing members"), FLOW_FLOWING),
                            (self.tr("Out of contact"), FLOW_LOST), (self.tr("Neither"), FLOW_NEITHER)):
            self.flow_box.addItem(text, value)
        filters = QHBoxLayout()
        for label, box in ((self.tr("Branch"), self.branch_box), (self.tr("Group"), self.group_box),
                           (self.tr("Status"), self.status_box), (self.tr("Stage"), self.category_box),
                           (self.tr("Flowing"), self.flow_box)):
            box.setMinimumHeight(32)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(self._apply_filter)
            filters.addWidget(QLabel(label))
            filters.addWidget(box)
        filters.addStretch(1)

        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(hint_label(self.tr("Double-click a row to open the member's page: points, meetings, "
                                            "study hours and every change to the record.")))
        self._apply_filter()

    # Slots are bound methods, never lambdas holding `self` (PySide frees those out of order).
    def _search_changed(self, text: str) -> None:
        self.model.set_text(search_needle(text))
        self._show_counts()

    def _row_double_clicked(self, _index) -> None:
        self.open_member()

    def title(self) -> str:
        return self.tr("Party members")

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._refreshes += 1
        rows = list_members(self.ctx)
        self._fill(self.branch_box, self.tr("All branches"), [(b["name"], b["uuid"]) for b in list_branches(self.ctx)])
        self._fill(self.group_box, self.tr("All groups"), [(g, g) for g in self.groups(rows)])
        self.model.set_rows(rows)
        roster = [r for r in rows if is_on_roster(r)]
        self._roster_counts = (len(roster), sum(r["category"] == "正式党员" for r in roster),
                               sum(r["category"] == "预备党员" for r in roster),
                               sum(bool(r.get("flowing")) for r in roster),
                               sum(bool(r.get("lost_contact")) for r in roster))
        self._apply_filter()
        self.view.resizeColumnsToContents()

    # Reloading, sorting and filtering reset the model; the selected member stays selected if still shown.
    def _remember_selection(self) -> None:
        self._kept = self.selected_uuid()

    def _restore_selection(self) -> None:
        if self._kept:
            self.select(self._kept)

    @staticmethod
    def groups(rows: list[dict]) -> list[str]:
        return sorted({r["group_name"] for r in rows if r.get("group_name")})

    @staticmethod
    def _fill(box: QComboBox, everything: str, options: list[tuple[str, str]]) -> None:
        """Refill a filter box, keeping what was chosen if it is still offered."""
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for text, value in options:
            box.addItem(text, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def current_filter(self) -> RosterFilter:
        return RosterFilter(branch_uuid=self.branch_box.currentData(), group_name=self.group_box.currentData(),
                            status=self.status_box.currentData() or STATUS_ON_ROSTER,
                            category=self.category_box.currentData(), flowing=self.flow_box.currentData() or FLOW_ANY)

    def _apply_filter(self, *_) -> None:
        self.model.set_predicate(self.current_filter().predicate())
        self._show_counts()

    def reset_filters(self) -> None:
        for box in (self.branch_box, self.group_box, self.status_box, self.category_box, self.flow_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.clear()
        self._apply_filter()

    def _show_counts(self) -> None:
        """How many rows show, and the roster's totals (counted once per reload, not per keystroke)."""
        self.count_label.setText(self.tr(
            "Showing {0} people. On the roster: {1} party members ({2} full, {3} probationary), "
            "{4} flowing, {5} out of contact.").format(self.model.rowCount(), *self._roster_counts))
        self._update_buttons()

    # -- selection -------------------------------------------------------------------------------
    def selected_uuid(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row())["uuid"] if rows else None

    def select(self, member_uuid: str) -> None:
        row = self.model.row_of(member_uuid)
        if row is not None:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def _update_buttons(self, *_) -> None:
        chosen = self.selected_uuid() is not None
        self.open_button.setEnabled(chosen)
        for button in (self.edit_button, self.status_button):
            button.setEnabled(chosen and guard(button, self.ctx, "members.edit"))

    # -- actions ---------------------------------------------------------------------------------
    def apply_changes(self, changes: Changes | None) -> None:
        """Broadcast a change; reload here too if no main window did it on the broadcast."""
        if changes is None:
            return
        before = self._refreshes
        self.changed.emit(changes)
        if self._refreshes == before:
            self._stale = True
            self.ensure_fresh()
        if changes.uuids:
            self.select(changes.uuids[0])

    def add_member(self) -> None:
        dialog = MemberDialog(self.ctx, groups=self.groups(self.model.records()), parent=self)
        if dialog.exec():
            self.apply_changes(dialog.changes)

    def edit_member(self) -> None:
        uuid = self.selected_uuid()
        if uuid:
            dialog = MemberDialog(self.ctx, member_uuid=uuid, groups=self.groups(self.model.records()), parent=self)
            if dialog.exec():
                self.apply_changes(dialog.changes)

    def change_status(self) -> None:
        uuid = self.selected_uuid()
        if uuid:
            dialog = StatusDialog(self.ctx, uuid, parent=self)
            if dialog.exec():
                self.apply_changes(dialog.changes)

    def open_member(self) -> None:
        uuid = self.selected_uuid()
        if uuid:
            view = MemberView(self.ctx, uuid, groups=self.groups(self.model.records()), parent=self)
            view.changed.connect(self.apply_changes)
            view.exec()

    def import_roster(self) -> None:
        dialog = ImportDialog(self.ctx, self.runner, parent=self)
        dialog.imported.connect(self.apply_changes)
        dialog.exec()

    def export(self) -> None:
        export_model(self, self.model, self.tr("Party member roster"))
