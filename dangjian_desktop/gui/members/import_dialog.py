"""Import a roster from Excel: check first, show what would happen, then write only on request.

1. The secretary chooses a file; the import runs as a dry run in the background (nothing written).
2. The dialog shows how many people would be added, updated, left unchanged, and every row that
   cannot be imported with its row, column and reason.
3. “Import the good rows” runs the import for real; rejected rows are left out, never half-stored.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from dangjian_desktop.core.members import LABELS
from dangjian_desktop.errors import DangjianError, ImportReport
from dangjian_desktop.gui.errors import error_text, show_error
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.members.member_view import table_view
from dangjian_desktop.gui.widgets import big_button, hint_label, rel_pt
from dangjian_desktop.gui.members.widgets import GOOD_COLOUR, PROBLEM_COLOUR
from dangjian_desktop.gui.models import Column, RecordTableModel
from dangjian_desktop.gui.table_export import export_model
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.members import import_changes, import_roster


class ImportProblemModel(RecordTableModel):
    """One row per problem of a rejected spreadsheet row: row number, column, reason."""

    COL_ROW, COL_COLUMN, COL_REASON = range(3)

    def __init__(self, parent=None):
        super().__init__([], parent=parent)
        self.columns = [
            Column("row", self.tr("Row"), align_right=True),
            Column("column", self.tr("Column")),
            Column("reason", self.tr("What is wrong")),
        ]

    def set_problems(self, report: ImportReport) -> None:
        self.set_rows(sorted(
            ({"row": p.row, "column": p.column or LABELS.get(p.field, p.field), "reason": p.reason}
             for p in report.rejected),
            key=lambda r: (r["row"] or 0, r["column"] or "")))


class ImportDialog(QDialog):
    imported = Signal(object)  # Changes, after the real import

    def __init__(self, ctx: Context, runner: JobRunner, parent=None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.path: Path | None = None
        self.preview: ImportReport | None = None
        self.result: ImportReport | None = None
        self.setWindowTitle(self.tr("Import party members from Excel"))
        steps = hint_label(self.tr("1. Choose the roster workbook (.xlsx). 2. Check what the import would do — "
                                   "nothing is saved yet. 3. Press “Import the good rows”. Rows with problems "
                                   "are left out: correct them in Excel and import the file again; people "
                                   "already imported are then only updated, never doubled."))
        self.choose_button = big_button(self.tr("Choose Excel file…"), primary=True)
        self.choose_button.clicked.connect(self._choose_clicked)
        self.file_label = QLabel(self.tr("No file chosen yet"))
        self.file_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        self.counts: dict[str, QLabel] = {}
        counts = QGridLayout()
        for column, (key, text) in enumerate((("added", self.tr("New people")), ("updated", self.tr("Updated")),
                                              ("unchanged", self.tr("Unchanged")),
                                              ("rejected", self.tr("Rows with problems")))):
            number = QLabel("–")
            number.setStyleSheet(f"font-size: {rel_pt(1.9)}; font-weight: bold;")
            self.counts[key] = number
            counts.addWidget(number, 0, column)
            counts.addWidget(QLabel(text), 1, column)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.problem_model = ImportProblemModel(self)
        self.problem_view, self.problem_proxy = table_view(self.problem_model)
        self.export_button = big_button(self.tr("Export the problem list to Excel"))
        self.export_button.clicked.connect(self.export_problems)
        self.import_button = big_button(self.tr("Import the good rows"), primary=True)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = big_button(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(steps)
        layout.addLayout(top)
        layout.addLayout(counts)
        layout.addWidget(self.verdict)
        layout.addWidget(self.problem_view, 1)
        layout.addLayout(bottom)
        self.resize(920, 640)
        self._update_buttons()

    def _update_buttons(self) -> None:
        preview = self.preview
        can_import = (preview is not None and self.result is None and preview.added + preview.updated > 0)
        self.import_button.setEnabled(can_import)
        self.export_button.setEnabled(self.problem_model.rowCount() > 0)
        self.close_button.setText(self.tr("Done") if self.result is not None else self.tr("Close"))

    # -- 1. choose, 2. check --------------------------------------------------------------------
    # Signals are connected to bound methods, never to lambdas holding `self`: PySide deletes
    # such a lambda's receiver out of order when the garbage collector frees the dialog (a crash).
    def _choose_clicked(self) -> None:
        self.choose_file()

    def choose_file(self, path: str | Path | None = None) -> None:
        if path is None:
            folder = QSettings().value("last_folder/import", str(Path.home()))
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the roster workbook"), folder,
                                                    self.tr("Excel workbook (*.xlsx)"))
            if not chosen:
                return
            path = chosen
            QSettings().setValue("last_folder/import", str(Path(path).parent))
        self.path, self.preview, self.result = Path(path), None, None
        self.file_label.setText(str(self.path))
        self._show(None)
        file = self.path
        self.runner.run(self, self.tr("Checking the roster…"),
                        lambda ctx, progress: import_roster(ctx, path=file, dry_run=True, progress=progress),
                        self._previewed, self._failed)

    def _previewed(self, report: ImportReport) -> None:
        self.preview = report
        self._show(report)
        if report.added + report.updated == 0:
            text = self.tr("Nothing to import: every good row is already in the roster as it is.")
        else:
            text = self.tr("Nothing has been saved yet. Press “Import the good rows” to save {0} new and {1} "
                           "updated people.").format(report.added, report.updated)
        if report.rejected_rows:
            text += " " + self.tr("{0} rows with problems will be left out (listed below).").format(
                len(report.rejected_rows))
        self._say(text + self._notes(report), ok=not report.rejected_rows)

    # -- 3. import -------------------------------------------------------------------------------
    def run_import(self) -> None:
        if self.preview is None or self.path is None:
            return
        file = self.path
        self.runner.run(self, self.tr("Importing the roster…"),
                        lambda ctx, progress: import_roster(ctx, path=file, progress=progress), self._imported,
                        self._failed)

    def _imported(self, report: ImportReport) -> None:
        self.result = report
        self._show(report)
        self._say(self.tr("Saved: {0} new and {1} updated people.").format(report.added, report.updated)
                  + self._notes(report), ok=True)
        self.imported.emit(import_changes(report))

    def _failed(self, exc: BaseException) -> None:
        """A file that cannot be used at all (not .xlsx, no header row …): said here, in the dialog."""
        if not isinstance(exc, (DangjianError, OSError)):
            show_error(self, exc)  # unexpected: logged with its traceback
        self._say(error_text(exc), ok=False)

    # -- showing ---------------------------------------------------------------------------------
    def _show(self, report: ImportReport | None) -> None:
        values = {"added": report.added, "updated": report.updated, "unchanged": report.unchanged,
                  "rejected": len(report.rejected_rows)} if report else {}
        for key, label in self.counts.items():
            label.setText(str(values[key]) if report else "–")
        self.counts["rejected"].setStyleSheet(
            f"font-size: {rel_pt(1.9)}; font-weight: bold;" + (f" color: {PROBLEM_COLOUR};" if values.get("rejected") else ""))
        if report is None:
            self.problem_model.set_rows([])
            self.verdict.clear()
        else:
            self.problem_model.set_problems(report)
            self.problem_view.resizeColumnsToContents()
        self._update_buttons()

    def _notes(self, report: ImportReport) -> str:
        return (" " + self.tr("Also: {0}.").format("；".join(report.notes))) if report.notes else ""

    def _say(self, text: str, *, ok: bool) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {GOOD_COLOUR if ok else PROBLEM_COLOUR}; font-weight: bold;")

    def export_problems(self) -> None:
        export_model(self, self.problem_proxy, self.tr("roster import problems"))
