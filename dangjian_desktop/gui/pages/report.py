"""区级报表: the district's annual report for a chosen year — made as a PDF in the background and
shown as it will print; saved or printed from that same file; every statistic also as .xlsx.

The report is made by `services.district_report` (the same call as `dangjian print
district-report`), in the background runner with progress and Cancel, into a private temporary
folder. Changing the year clears the preview: the pages on screen always match the year shown.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.pages.printing import copy_file
from dangjian_desktop.gui.printing.preview import PreviewError, PreviewPane, discard_other_pdfs
from dangjian_desktop.gui.printing.printer import PrintFailed, ask_and_print
from dangjian_desktop.gui.widgets import big_button, heading_row, hint_label
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import district_report
from dangjian_desktop.services.context import Context

_FOLDER_KEY = "last_folder/district_report"
FIRST_YEAR = 2000


def report_job(kind: str, year: int, out: Path):
    """The background job writing the report's PDF or workbook; None when the user cancelled."""
    make = district_report.make_report_pdf if kind == "pdf" else district_report.export_report_excel

    def job(ctx: Context, progress) -> Path | None:
        try:
            path = make(ctx, year=year, out=out, progress=progress)
            if progress.cancelled:
                raise Cancelled()
        except Cancelled:
            return None
        return path

    return job


class ReportPage(Page):
    key = "report"
    watches = frozenset({"orgs", "members", "meetings", "attendance", "points_ledger", "star_assessments",
                         "village_indicators"})

    def __init__(self, ctx: Context, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(ctx, runner, parent)
        self._folder = tempfile.TemporaryDirectory(prefix="dangjian-report-", ignore_cleanup_errors=True)
        self._serial = 0
        self._shown_year: int | None = None  # the year of the PDF in the preview

        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, ctx.today.year)
        self.year.setValue(ctx.today.year)
        self.year.setMinimumHeight(34)
        self.year.valueChanged.connect(self._year_changed)
        year_label = QLabel(self.tr("Year:"))
        intro = hint_label(self.tr("The district's annual statistics from the bundles the villages sent: training, "
                                   "star ratings, member structure, meetings, points and village indicators, by "
                                   "town. The PDF has the summary text, tables and charts; the Excel workbook has "
                                   "every table on its own sheet and a sheet per village."))
        self.make_button = big_button(self.tr("Make PDF"), primary=True,
                                      tooltip=self.tr("Make the report for the chosen year and show it"))
        self.excel_button = big_button(self.tr("Export Excel…"))
        self.save_button = big_button(self.tr("Save PDF…"))
        self.print_button = big_button(self.tr("Print…"))
        self.make_button.clicked.connect(lambda: self.make_pdf())
        self.excel_button.clicked.connect(self.export_excel)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        actions = QHBoxLayout()
        for button in (self.make_button, self.save_button, self.print_button, self.excel_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.note = hint_label()
        self.preview = PreviewPane()

        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.tr("District annual report"), year_label, self.year))
        layout.addWidget(intro)
        layout.addLayout(actions)
        layout.addWidget(self.note)
        layout.addWidget(self.preview, 1)
        self._set_ready(False)
        self.preview.show_message(self.tr("Choose a year and press “Make PDF”."))

    def title(self) -> str:
        return self.tr("District annual report")

    def refresh(self) -> None:
        """The data changed: a report already shown is out of date."""
        if self._shown_year is not None:
            self._clear(self.tr("The records changed. Press “Make PDF” to make the report again."))

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def _clear(self, message: str) -> None:
        self._shown_year = None
        self._set_ready(False)
        self.preview.show_message(message)

    def _year_changed(self, _year: int) -> None:
        self.note.setText("")
        if self._shown_year is not None:
            self._clear(self.tr("Press “Make PDF” to make the report for {0}.").format(self.year.value()))

    # -- the PDF ----------------------------------------------------------------------------------
    def make_pdf(self, then=None) -> None:
        year = self.year.value()
        self._serial += 1
        out = Path(self._folder.name) / f"report-{self._serial}.pdf"
        self.make_button.setEnabled(False)
        self.preview.show_message(self.tr("Making the report for {0}…").format(year))
        self.runner.run(self, self.tr("Making the district report"), report_job("pdf", year, out),
                        on_done=lambda path: self._made(year, path, then), on_error=self._failed)

    def _made(self, year: int, path: Path | None, then) -> None:
        self.make_button.setEnabled(True)
        if path is None:
            self._clear(self.tr("Cancelled. Press “Make PDF” to make the report again."))
            return
        if year != self.year.value():
            return  # the year changed meanwhile; the page already asks for a new report
        try:
            pages = self.preview.show_pdf(path)
        except PreviewError as exc:
            self._failed(exc)
            return
        discard_other_pdfs(path)
        self._shown_year = year
        self._set_ready(True)
        self.note.setText(self.tr("The report for {0} has {1} pages.").format(year, pages))
        if then is not None:
            then()

    def _failed(self, exc: BaseException) -> None:
        self.make_button.setEnabled(True)
        self._clear(self.tr("The report could not be made."))
        show_error(self, exc)

    def _with_pdf(self, action) -> None:
        if self._shown_year == self.year.value() and self.preview.has_document():
            action()
        else:
            self.make_pdf(then=action)

    def save_pdf(self) -> None:
        self._with_pdf(self._save_pdf)

    def _save_pdf(self) -> None:
        target = self._ask_target(self.tr("Save the report as a PDF file"), "pdf", self.tr("PDF files (*.pdf)"))
        if target is None:
            return
        try:
            copy_file(self.preview.path, target)
        except OSError as exc:
            show_error(self, exc)
            return
        self.note.setText(self.tr("Saved: {0}").format(str(target)))

    def print_pdf(self) -> None:
        self._with_pdf(self._print)

    def _print(self) -> None:
        try:
            result = ask_and_print(self, self.preview.document, title=self.title(),
                                   current_page=self.preview.current_page())
        except PrintFailed as exc:
            show_error(self, exc)
            return
        if result is not None:
            sent, asked = result
            self.note.setText(self.tr("Sent {0} of {1} pages to the printer.").format(sent, asked))

    # -- the workbook -----------------------------------------------------------------------------
    def export_excel(self) -> None:
        target = self._ask_target(self.tr("Export the report's tables to Excel"), "xlsx",
                                  self.tr("Excel workbooks (*.xlsx)"))
        if target is not None:
            self.write_excel(target)

    def write_excel(self, target: Path) -> None:
        year = self.year.value()
        self.runner.run(self, self.tr("Exporting the district report"), report_job("xlsx", year, target),
                        on_done=self._exported, on_error=lambda exc: show_error(self, exc))

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.note.setText(self.tr("Saved: {0}").format(str(path)))

    # -- files ------------------------------------------------------------------------------------
    def _ask_target(self, caption: str, suffix: str, file_filter: str) -> Path | None:
        settings = QSettings()
        folder = settings.value(_FOLDER_KEY) or \
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = district_report.default_filename(self.ctx, year=self.year.value(), suffix=suffix)
        path, _filter = QFileDialog.getSaveFileName(self, caption, str(Path(folder) / name), file_filter)
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != f".{suffix}":
            target = target.with_name(f"{target.name}.{suffix}")
        settings.setValue(_FOLDER_KEY, str(target.parent))
        return target
