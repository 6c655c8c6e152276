"""规则: the rulebook and star-criteria versions the district holds (the ones in force marked), and
importing a new version from a JSON file, its differences shown before it is issued to villages;
the version in force exports as JSON to edit into the next one."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit,
                               QVBoxLayout)

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.models import Column, RecordTableModel
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.permissions import guard
from dangjian_desktop.gui.widgets import big_button, heading_row, hint_label, row_table
from dangjian_desktop.services import rules
from dangjian_desktop.services.context import Changes

_CHANGED = Changes(tables=frozenset({"rulebooks", "star_criteria"}))


class DiffDialog(QDialog):
    """What importing would do, with the changes against the version in force; Issue or Cancel."""

    def __init__(self, preview: rules.RulesPreview, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New rules version"))
        summary = QLabel(preview.summary())
        summary.setWordWrap(True)
        text = QPlainTextEdit("\n".join(f"· {line}" for line in preview.diff) or self.tr("No differences."))
        text.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import and issue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not preview.installed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel(self.tr("Changes against the version in force:")))
        layout.addWidget(text, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 520)


class RulesPage(Page):
    key = "rules"
    watches = frozenset({"rulebooks", "star_criteria", "settings"})

    def __init__(self, ctx, runner, parent=None):
        super().__init__(ctx, runner, parent)
        columns = [
            Column("in_force", self.tr("In force"), display=lambda r: "✔" if r["in_force"] else ""),
            Column("label", self.tr("Kind")),
            Column("name", self.tr("Name")),
            Column("version_label", self.tr("Version")),
            Column("effective_from", self.tr("Effective from")),
        ]
        self.model = RecordTableModel(columns, parent=self)
        self.table = row_table(self.model)
        self.import_button = big_button(self.tr("Import a new version…"), primary=True)
        self.import_button.clicked.connect(self.import_file)
        guard(self.import_button, ctx, "rules.edit")
        self.export_button = big_button(self.tr("Export for editing…"))
        self.export_button.clicked.connect(self.export_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.tr("Rules")))
        layout.addWidget(hint_label(self.tr("A points rulebook or star criteria file (.json) is checked and compared "
                                            "with the version in force before it is issued. Villages receive it "
                                            "in their next return bundle; a year already scored keeps its version.")))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def title(self) -> str:
        return self.tr("Rules")

    def refresh(self) -> None:
        self.model.set_rows(rules.rule_versions(self.ctx))
        self.table.resizeColumnsToContents()

    def import_file(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import rules"), "", self.tr("Rule files (*.json)"))
        if not path:
            return
        try:
            preview = rules.preview_rules(self.ctx, path=path)
            if not self.exec_dialog(DiffDialog(preview, self)):
                return
            rules.import_rules(self.ctx, path=path)
        except DangjianError as exc:
            show_error(self, exc)
            return
        self.ctx.forget_rules()
        self.refresh()
        self.changed.emit(_CHANGED)

    def export_file(self, path: str | None = None) -> None:
        """The version in force of the chosen kind, as JSON to edit and import as a new version."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, self.title(), self.tr("Choose a rulebook or criteria row first."))
            return
        table = self.model.record(rows[0].row())["table"]
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export rules"), f"{table}.json",
                                                  self.tr("Rule files (*.json)"))
        if not path:
            return
        try:
            rules.export_rules(self.ctx, table=table, path=path)
        except (DangjianError, OSError) as exc:
            show_error(self, exc)

    def exec_dialog(self, dialog: QDialog) -> bool:
        """Run a dialog modally (tests replace this to accept it without a user)."""
        return dialog.exec() == QDialog.DialogCode.Accepted
