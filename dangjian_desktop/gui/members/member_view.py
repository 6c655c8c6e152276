"""A member's own page: details, points ledger, meetings and study hours, and who changed what.

Opened from the roster (double-click). Its buttons change the member through the same dialogs
as the roster page; every change is emitted as `Changes` for the main window to broadcast, and
the page reloads itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget)

from dangjian_desktop.core.members import age_on
from dangjian_desktop.core.periods import cycle_year
from dangjian_desktop.core.points import format_points
from dangjian_desktop.gui.members.detail_models import MemberHistoryModel, MemberLedgerModel, MemberMeetingsModel
from dangjian_desktop.gui.members.member_dialog import MemberDialog
from dangjian_desktop.gui.members.status_dialog import StageDialog, StatusDialog
from dangjian_desktop.gui.widgets import big_button, hint_label, rel_pt
from dangjian_desktop.gui.members.widgets import GOOD_COLOUR, PROBLEM_COLOUR
from dangjian_desktop.gui.models import RecordFilterProxy
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.members import (get_member, member_attendance, member_history, next_stage,
                                               status_choices)
from dangjian_desktop.services.points import member_ledger, member_scores

YEARS_OFFERED = 5


def table_view(model, *, stretch: int | None = None, newest_first: bool = False,
               proxy_class: type[RecordFilterProxy] = RecordFilterProxy) -> tuple[QTableView, RecordFilterProxy]:
    """A sortable, read-only table over `model`, sorted by its first column (a date: `newest_first`);
    column `stretch` (default: the last) takes the spare width."""
    view = QTableView()
    proxy = proxy_class(view)  # owned by the view, so both go together
    proxy.setSourceModel(model)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder if newest_first else Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    if stretch is None:
        view.horizontalHeader().setStretchLastSection(True)
    else:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view, proxy


class MemberView(QDialog):
    changed = Signal(object)  # Changes

    def __init__(self, ctx: Context, member_uuid: str, *, groups: list[str] = (), parent=None):
        super().__init__(parent)
        self.ctx, self.member_uuid, self.groups = ctx, member_uuid, list(groups)
        self.member: dict = {}
        self._ledger_rows: list[dict] = []
        self.heading = QLabel()
        self.heading.setStyleSheet(f"font-size: {rel_pt(1.5)}; font-weight: bold;")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.edit_button = big_button(self.tr("Change details"))
        self.status_button = big_button(self.tr("Change status (transfer out …)"))
        self.stage_button = big_button("")
        close = big_button(self.tr("Close"))
        self.edit_button.clicked.connect(self.edit)
        self.status_button.clicked.connect(self.change_status)
        self.stage_button.clicked.connect(self.next_stage)
        close.clicked.connect(self.accept)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.status_button, self.stage_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(close)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), self.tr("Details"))
        self.tabs.addTab(self._points_tab(), self.tr("Points"))
        self.tabs.addTab(self._meetings_tab(), self.tr("Meetings and study hours"))
        self.tabs.addTab(self._history_tab(), self.tr("Change history"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.resize(1080, 720)
        self.reload()

    # -- tabs ------------------------------------------------------------------------------------
    def _details_tab(self) -> QWidget:
        tab = QWidget()
        grid = QGridLayout(tab)
        self.detail_values: dict[str, QLabel] = {}
        fields = [
            ("name", self.tr("Name")), ("id_number", self.tr("ID number")), ("sex", self.tr("Sex")),
            ("birth_date", self.tr("Birth date")), ("ethnicity", self.tr("Ethnic group")),
            ("education", self.tr("Education")), ("job", self.tr("Work")), ("phone", self.tr("Mobile phone")),
            ("landline", self.tr("Landline")), ("address", self.tr("Home address")),
            ("category", self.tr("Stage")), ("branch_name", self.tr("Branch")), ("group_name", self.tr("Party group")),
            ("party_post", self.tr("Party post")), ("joined_on", self.tr("Joined the Party on")),
            ("full_on", self.tr("Full member since")), ("standing", self.tr("Membership standing")),
            ("member_class", self.tr("Class for points")), ("dues_standard", self.tr("Dues (yuan a month)")),
            ("dues_paid_until", self.tr("Dues paid up to")), ("flowing", self.tr("Flowing member")),
            ("flow_to", self.tr("Gone to")), ("lost_contact", self.tr("Out of contact")),
            ("lost_contact_on", self.tr("Out of contact since")), ("status", self.tr("Status")),
            ("status_changed_on", self.tr("Status changed on")), ("status_note", self.tr("Status note")),
            ("note", self.tr("Note")),
        ]
        half = (len(fields) + 1) // 2
        for column, part in enumerate((fields[:half], fields[half:])):
            form = QFormLayout()
            for key, label in part:
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                self.detail_values[key] = value
                form.addRow(label + self.tr(":"), value)
            grid.addLayout(form, 0, column)
        grid.setRowStretch(1, 1)
        return tab

    def _year_bar(self, combo: QComboBox, label: str, summary: QLabel, export) -> QHBoxLayout:
        combo.setMinimumHeight(32)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(label))
        bar.addWidget(combo)
        bar.addWidget(summary, 1)
        button = big_button(self.tr("Export to Excel"))
        button.clicked.connect(export)
        bar.addWidget(button)
        return bar

    def _points_tab(self) -> QWidget:
        self.ledger_model = MemberLedgerModel(self)
        self.ledger_view, self.ledger_proxy = table_view(self.ledger_model, stretch=MemberLedgerModel.COL_REASON,
                                                         newest_first=True)
        self.cycle_combo = QComboBox()
        self.points_summary = QLabel()
        self.points_summary.setWordWrap(True)
        self.cycle_combo.currentIndexChanged.connect(self._show_ledger)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(self._year_bar(self.cycle_combo, self.tr("Year"), self.points_summary,
                                        self.export_ledger))
        layout.addWidget(self.ledger_view, 1)
        layout.addWidget(hint_label(self.tr("Points are recorded on the Points page. A wrong entry is never "
                                            "erased: a correction cancels it, and both stay in the ledger.")))
        return tab

    def _meetings_tab(self) -> QWidget:
        self.meetings_model = MemberMeetingsModel(self)
        self.meetings_view, self.meetings_proxy = table_view(self.meetings_model, stretch=MemberMeetingsModel.COL_TITLE,
                                                             newest_first=True)
        self.year_combo = QComboBox()
        for year in range(self.ctx.today.year, self.ctx.today.year - YEARS_OFFERED, -1):
            self.year_combo.addItem(str(year), year)
        self.meetings_summary = QLabel()
        self.meetings_summary.setWordWrap(True)
        self.year_combo.currentIndexChanged.connect(self._show_meetings)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(self._year_bar(self.year_combo, self.tr("Year"), self.meetings_summary,
                                        self.export_meetings))
        layout.addWidget(self.meetings_view, 1)
        return tab

    def _history_tab(self) -> QWidget:
        self.history_model = MemberHistoryModel(self)
        self.history_view, self.history_proxy = table_view(self.history_model, newest_first=True)
        button = big_button(self.tr("Export to Excel"))
        button.clicked.connect(self.export_history)
        bar = QHBoxLayout()
        bar.addWidget(hint_label(self.tr("Every change to this record, who made it and when.")), 1)
        bar.addWidget(button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.history_view, 1)
        return tab

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self.member = member = get_member(self.ctx, self.member_uuid)
        self.setWindowTitle(self.tr("Party member: {0}").format(member["name"]))
        self.heading.setText(member["name"])
        age = age_on(member["birth_date"], self.ctx.today) if member.get("birth_date") else None
        parts = [member.get("sex"), self.tr("{0} years old").format(age) if age is not None else None,
                 member["category"], member["status"], member.get("branch_name"),
                 member.get("group_name"), member.get("party_post")]
        self.facts.setText(" · ".join(p for p in parts if p))
        for key, label in self.detail_values.items():
            label.setText(self._detail_text(key, member.get(key)))
        self.status_button.setEnabled(bool(status_choices(member["status"])))  # 死亡, 出党, 除名 are final
        step = next_stage(member["category"])
        self.stage_button.setVisible(step is not None and member["status"] == "在册")
        if step:
            self.stage_button.setText(self.tr("Move on to {0}").format(step[0]))
        self._load_ledger()
        self._show_meetings()
        self.history_model.set_rows(member_history(self.ctx, member_uuid=self.member_uuid))
        self.history_view.resizeColumnsToContents()

    def _detail_text(self, key: str, value) -> str:
        if key in ("flowing", "lost_contact"):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, float):
            return f"{value:g}"
        return "" if value is None else str(value)

    def _load_ledger(self) -> None:
        items = self.ctx.rulebook.items
        rows = member_ledger(self.ctx, member_uuid=self.member_uuid)
        for row in rows:
            item = items.get(row["item_code"])
            # An entry under an older rulebook may name an item this one no longer has.
            row["item_name"] = item.name if item else row["item_code"]
        self._ledger_rows = rows
        current = cycle_year(self.ctx.today, self.ctx.rulebook.cycle_start_month)
        cycles = sorted({current, *(r["cycle_year"] for r in rows)}, reverse=True)
        keep = self.cycle_combo.currentData()
        self.cycle_combo.blockSignals(True)
        self.cycle_combo.clear()
        for cycle in cycles:
            self.cycle_combo.addItem(str(cycle), cycle)
        self.cycle_combo.setCurrentIndex(max(0, self.cycle_combo.findData(keep if keep in cycles else current)))
        self.cycle_combo.blockSignals(False)
        self._show_ledger()

    def _show_ledger(self, *_) -> None:
        cycle = self.cycle_combo.currentData()
        self.ledger_model.set_rows([r for r in self._ledger_rows if r["cycle_year"] == cycle])
        self.ledger_view.resizeColumnsToContents()
        score = next((s for s in member_scores(self.ctx, cycle=cycle) if s.member_uuid == self.member_uuid), None)
        if score is None:
            self.points_summary.setText(self.tr("Not on the roster in this year: no score is computed."))
            return
        stars = "★" * score.stars
        self.points_summary.setText(self.tr("Score this year: {0} points {1}, grade {2}, rank {3}").format(
            format_points(score.total_x100), stars, score.grade, score.rank))

    def _show_meetings(self, *_) -> None:
        year = self.year_combo.currentData()
        attendance = member_attendance(self.ctx, member_uuid=self.member_uuid, year=year)
        self.meetings_model.set_rows(attendance.rows)
        self.meetings_view.resizeColumnsToContents()
        reached = attendance.hours >= attendance.floor
        colour = GOOD_COLOUR if reached else PROBLEM_COLOUR
        short = attendance.floor - attendance.hours
        verdict = self.tr("reached") if reached else self.tr("{0:g} hours short").format(short)
        self.meetings_summary.setText(
            self.tr("Present {0}, on leave {1}, absent {2}. Study hours: {3:g} of {4:g} required, ").format(
                attendance.present, attendance.on_leave, attendance.absent, attendance.hours, attendance.floor)
            + f"<b style='color:{colour}'>{verdict}</b>")

    # -- actions ---------------------------------------------------------------------------------
    # Bound methods, not lambdas holding `self`: PySide frees a lambda's receiver out of order when
    # the garbage collector frees the dialog, which crashed the app.
    def _export(self, proxy, what: str) -> None:
        export_model(self, proxy, f"{self.member['name']}_{what}")

    def export_ledger(self) -> None:
        self._export(self.ledger_proxy, self.tr("points"))

    def export_meetings(self) -> None:
        self._export(self.meetings_proxy, self.tr("meetings"))

    def export_history(self) -> None:
        self._export(self.history_proxy, self.tr("change history"))

    def _after(self, dialog) -> None:
        if dialog.exec() and dialog.changes is not None:
            self.changed.emit(dialog.changes)
            self.reload()

    def edit(self) -> None:
        self._after(MemberDialog(self.ctx, member_uuid=self.member_uuid, groups=self.groups, parent=self))

    def change_status(self) -> None:
        self._after(StatusDialog(self.ctx, self.member_uuid, parent=self))

    def next_stage(self) -> None:
        self._after(StageDialog(self.ctx, self.member_uuid, parent=self))
