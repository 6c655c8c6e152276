"""村镇管理: the district's towns and villages as a tree, each village's enrolment and sync status
(villages silent for more than 45 days highlighted), and importing the list from Excel."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QMessageBox, QSplitter,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.models import Column, RecordFilterProxy, RecordTableModel
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.permissions import guard
from dangjian_desktop.gui.widgets import big_button, heading_row, hint_label, row_table
from dangjian_desktop.services import registry
from dangjian_desktop.services.context import Changes

SILENT_BACKGROUND = QColor("#fde2e1")
_CHANGED = Changes(tables=frozenset({"orgs", "sync_villages"}))


def _day(stamp: str | None) -> str:
    return (stamp or "")[:10]


class VillageStatusModel(RecordTableModel):
    """The status table; a silent village's row is tinted red."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and self.record(index.row())["silent"]:
            return SILENT_BACKGROUND
        return super().data(index, role)


class RegistryPage(Page):
    key = "registry"
    watches = frozenset({"orgs", "sync_villages", "sync_devices", "sync_bundles"})

    def __init__(self, ctx, runner, parent=None):
        super().__init__(ctx, runner, parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Town / village"), self.tr("Villages")])
        self.tree.itemSelectionChanged.connect(self._filter_by_town)
        columns = [
            Column("town", self.tr("Town")),
            Column("code", self.tr("Code")),
            Column("name", self.tr("Village")),
            Column("enrolment", self.tr("Enrolment")),
            Column("devices", self.tr("Laptops")),
            Column("last_bundle_at", self.tr("Last bundle"), display=lambda r: _day(r["last_bundle_at"])),
            Column("last_import_at", self.tr("Last import"), display=lambda r: _day(r["last_import_at"])),
            Column("silent_days", self.tr("Days silent"), align_right=True),
            Column("waiting", self.tr("Changes waiting"), align_right=True),
            Column("quarantined", self.tr("Quarantined"), align_right=True),
        ]
        self.model = VillageStatusModel(columns, parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table(self.proxy, sortable=True)
        self.summary = hint_label()
        self.add_town_button = big_button(self.tr("Add town…"))
        self.rename_town_button = big_button(self.tr("Rename town…"))
        self.rename_village_button = big_button(self.tr("Rename village…"))
        self.import_button = big_button(self.tr("Import from Excel…"), primary=True)
        self.add_town_button.clicked.connect(self.add_town)
        for button in (self.add_town_button, self.rename_town_button, self.rename_village_button, self.import_button):
            guard(button, ctx, "registry.edit")
        self.rename_town_button.clicked.connect(self.rename_town)
        self.rename_village_button.clicked.connect(self.rename_village)
        self.import_button.clicked.connect(self.import_excel)
        buttons = QHBoxLayout()
        for button in (self.add_town_button, self.rename_town_button, self.rename_village_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 960])
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.tr("Towns and villages")))
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def title(self) -> str:
        return self.tr("Towns and villages")

    def refresh(self) -> None:
        self.rows = [asdict(s) for s in registry.village_status(self.ctx)]
        self.model.set_rows(self.rows)
        self.table.resizeColumnsToContents()
        self.tree.clear()
        by_town: dict[str, QTreeWidgetItem] = {}
        for town in registry.list_towns(self.ctx):
            item = QTreeWidgetItem([town["name"], str(town["villages"])])
            item.setData(0, Qt.ItemDataRole.UserRole, town["uuid"])
            self.tree.addTopLevelItem(item)
            by_town[town["uuid"]] = item
        loose = None
        for row in self.rows:
            parent = by_town.get(row["town_uuid"])
            if parent is None:
                if loose is None:
                    loose = QTreeWidgetItem([self.tr("(no town)"), ""])
                    self.tree.addTopLevelItem(loose)
                parent = loose
            child = QTreeWidgetItem([f"{row['name']}（{row['code']}）", ""])
            if row["silent"]:
                child.setBackground(0, SILENT_BACKGROUND)
            parent.addChild(child)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        silent = sum(r["silent"] for r in self.rows)
        text = self.tr("%1 village(s) registered").replace("%1", str(len(self.rows)))
        if silent:
            text += self.tr("; %1 sent nothing for more than 45 days (red)").replace("%1", str(silent))
        self.summary.setText(text)

    def selected_town(self) -> str | None:
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def _filter_by_town(self) -> None:
        town = self.selected_town()
        self.proxy.set_predicate(None if town is None else (lambda r: r["town_uuid"] == town))

    def _done(self) -> None:
        self._stale = True
        self.ensure_fresh()
        self.changed.emit(_CHANGED)

    def add_town(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add town"), self.tr("Name of the town or street office:"))
        if ok:
            try:
                registry.add_town(self.ctx, name=name)
            except DangjianError as exc:
                show_error(self, exc)
                return
            self._done()

    def rename_town(self) -> None:
        town = self.selected_town()
        if town is None:
            QMessageBox.information(self, self.tr("Rename town"), self.tr("Choose a town in the tree first."))
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename town"), self.tr("New name:"),
                                        text=self.tree.selectedItems()[0].text(0))
        if ok:
            try:
                registry.rename_town(self.ctx, town=town, name=name)
            except DangjianError as exc:
                show_error(self, exc)
                return
            self._done()

    def rename_village(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, self.tr("Rename village"), self.tr("Choose a village in the table first."))
            return
        record = self.proxy.record(rows[0].row())
        name, ok = QInputDialog.getText(self, self.tr("Rename village"), self.tr("New name:"), text=record["name"])
        if ok:
            try:
                registry.rename_village(self.ctx, code=record["code"], name=name)
            except DangjianError as exc:
                show_error(self, exc)
                return
            self._done()

    def import_excel(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import towns and villages"), "",
                                                  self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        self.runner.run(self, self.tr("Checking the list…"),
                        lambda ctx, progress: registry.import_villages(ctx, path=Path(path), dry_run=True,
                                                                       progress=progress),
                        lambda report: self._confirm_import(Path(path), report))

    def _confirm_import(self, path: Path, report) -> None:
        lines = [self.tr("New villages: %1, changed: %2, unchanged: %3, rows refused: %4")
                 .replace("%1", str(report.added)).replace("%2", str(report.updated))
                 .replace("%3", str(report.unchanged)).replace("%4", str(len(report.rejected_rows)))]
        lines += report.notes[:10] + [str(p) for p in report.rejected[:15]]
        self.last_preview = report
        if not self.ask_to_import("\n".join(lines)):
            return
        self.runner.run(self, self.tr("Importing…"),
                        lambda ctx, progress: registry.import_villages(ctx, path=path, progress=progress),
                        lambda _report: self._done())

    def ask_to_import(self, text: str) -> bool:
        """The preview, with Import and Cancel (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Import towns and villages"), text,
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Import"))
        return box.exec() == QMessageBox.StandardButton.Ok
