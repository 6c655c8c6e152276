"""红旗村 tab of the star-review page: the district's flags by year and half-year, the year's count
per flag type, awarding flags to villages, revoking one with a reason, adding a flag type."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QHBoxLayout, QInputDialog, QLabel, QMessageBox,
                               QVBoxLayout, QWidget)

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.models import Column, RecordFilterProxy, RecordTableModel
from dangjian_desktop.gui.pages.reviews_flags_dialog import AwardFlagDialog, RevokeFlagDialog
from dangjian_desktop.gui.widgets import big_button, hint_label, row_table
from dangjian_desktop.services import red_flags


class RedFlagsTab(QWidget):
    changed = Signal(object)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.year_combo = QComboBox()
        self.half_combo = QComboBox()
        self.half_combo.addItem(self.tr("Both halves"), None)
        for half, label in red_flags.HALF_LABELS.items():
            self.half_combo.addItem(label, half)
        self.revoked = QCheckBox(self.tr("Show revoked flags"))
        for combo in (self.year_combo, self.half_combo):
            combo.currentIndexChanged.connect(self.reload)
        self.revoked.toggled.connect(self.reload)
        columns = [
            Column("year", self.tr("Year")),
            Column("half_label", self.tr("Half-year"), sort=lambda r: r["half"]),
            Column("flag_type", self.tr("Flag")),
            Column("town_name", self.tr("Town")),
            Column("code", self.tr("Code")),
            Column("name", self.tr("Village")),
            Column("awarded_on", self.tr("Awarded on")),
            Column("status", self.tr("Status")),
            Column("note", self.tr("Note or reason"), display=lambda r: r["revoked_reason"] or r["note"] or ""),
        ]
        self.model = RecordTableModel(columns, parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table(self.proxy, sortable=True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.award_button = big_button(self.tr("Award flags…"), primary=True)
        self.revoke_button = big_button(self.tr("Revoke…"))
        self.type_button = big_button(self.tr("Add a flag type…"))
        self.award_button.clicked.connect(self.award)
        self.revoke_button.clicked.connect(self.revoke)
        self.type_button.clicked.connect(self.add_type)
        top = QHBoxLayout()
        for label, widget in ((self.tr("Year"), self.year_combo), (self.tr("Half-year"), self.half_combo)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addWidget(self.revoked)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.award_button, self.revoke_button, self.type_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint_label(self.tr("Red flags are awarded per half-year and flag type. A revoked flag stays "
                                            "in the list with its reason (tick “Show revoked flags”).")))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        for button in (self.award_button, self.revoke_button, self.type_button):
            button.setEnabled(self.ctx.may("reviews.district"))
        year = self.year_combo.currentData() or self.ctx.today.year
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in range(self.ctx.today.year, self.ctx.today.year - 5, -1):
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(year)))
        self.year_combo.blockSignals(False)
        self.reload()

    def year(self) -> int:
        return self.year_combo.currentData() or self.ctx.today.year

    def reload(self) -> None:
        try:
            rows = red_flags.list_flags(self.ctx, year=self.year(), half=self.half_combo.currentData(),
                                        include_revoked=self.revoked.isChecked())
            summary = red_flags.summary(self.ctx, year=self.year())
        except DangjianError as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        counts = "，".join(f"{escape(t)} {n}" for t, n in summary["by_type"].items())
        self.summary.setText("<b>" + self.tr("%1: %2 red-flag village(s)").replace("%1", str(self.year()))
                             .replace("%2", str(summary["villages"])) + f"</b>（{counts}）")

    def selected(self) -> list[dict]:
        return [self.proxy.record(i.row()) for i in self.table.selectionModel().selectedRows()]

    def _done(self) -> None:
        self.reload()
        self.changed.emit(red_flags.CHANGED)

    def award(self) -> None:
        try:
            dialog = AwardFlagDialog(red_flags.village_choices(self.ctx), red_flags.flag_types(self.ctx),
                                     self.ctx.today, self.year(), self)
            if not self.exec_dialog(dialog):
                return
            red_flags.award_flags(self.ctx, **dialog.values())
        except DangjianError as exc:
            show_error(self, exc)
            return
        self._done()

    def revoke(self) -> None:
        chosen = [r for r in self.selected() if not r["revoked_on"]]
        if not chosen:
            QMessageBox.information(self, self.tr("Revoke"), self.tr("Choose a flag in force in the table first."))
            return
        flag = chosen[0]
        try:
            dialog = RevokeFlagDialog(flag, self.ctx.today, self)
            if not self.exec_dialog(dialog):
                return
            red_flags.revoke_flag(self.ctx, flag_id=flag["uuid"], **dialog.values())
        except DangjianError as exc:
            show_error(self, exc)
            return
        self._done()

    def add_type(self) -> None:
        name = self.ask_text(self.tr("Add a flag type"), self.tr("Name of the new flag type:"))
        if not name:
            return
        try:
            red_flags.add_flag_type(self.ctx, name=name)
        except DangjianError as exc:
            show_error(self, exc)
            return
        self._done()

    def ask_text(self, title: str, label: str) -> str | None:
        """Ask for one line of text (tests replace this)."""
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def exec_dialog(self, dialog: QDialog) -> bool:
        """Run a dialog modally (tests replace this to accept it without a user)."""
        return dialog.exec() == QDialog.DialogCode.Accepted
