"""报表打印: choose a form and what it covers, see it as it will print, print it or save the PDF.

The forms and their options come from `services.printing.FORMS`. The PDF is always made by the
service in the background runner (everyone's member forms take seconds; Cancel stops them), into a
private temporary folder; the preview shows that file, and printing and saving use that same file,
so what is printed is exactly what was seen. A quick form is previewed as soon as it is chosen or
its scope changes; everyone's forms at once only when asked for.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout,
                               QWidget)

from dangjian_desktop.gui.errors import error_text, show_error
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.widgets import rel_pt, big_button, hint_label
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.printing.options import OptionsPanel
from dangjian_desktop.gui.printing.preview import PreviewError, PreviewPane, discard_other_pdfs
from dangjian_desktop.gui.printing.printer import PrintFailed, ask_and_print
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.printing import FORMS, FormSpec, default_filename, print_form

#: Wait this long after the last change of scope before making a new preview (typing, spinning).
PREVIEW_DELAY_MS = 400
_FOLDER_KEY = "last_folder/printing"


def pdf_job(form: str, options: dict, out: Path):
    """The background job that makes one PDF; returns its path, or None when the user cancelled."""

    def job(ctx: Context, progress) -> Path | None:
        try:
            path = print_form(ctx, form, out=out, progress=progress, **options)
            if progress.cancelled:  # a form that never steps its progress still honours Cancel
                raise Cancelled()
        except Cancelled:
            return None  # the runner drops a cancelled job silently; the page must still hear of it
        return path

    return job


def copy_file(source: Path, target: Path) -> None:
    """Copy under a temporary name, flushed, then rename: a pulled USB stick never holds half a PDF."""
    partial = target.with_name(target.name + ".part")
    try:
        with open(source, "rb") as src, open(partial, "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()


class PrintingPage(Page):
    key = "printing"
    watches = frozenset({"members", "orgs", "settings", "meetings", "attendance", "points_ledger", "rulebooks",
                         "star_criteria", "star_assessments", "star_item_scores"})

    def __init__(self, ctx: Context, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(ctx, runner, parent)
        self._folder = tempfile.TemporaryDirectory(prefix="dangjian-print-", ignore_cleanup_errors=True)
        self._serial = 0
        self._made_for: tuple | None = None  # the (form, options) the preview shows
        self._building: tuple | None = None
        self._queued: tuple | None = None  # (explicit, then) asked for while a form was being made
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(lambda: self.make_preview(explicit=False))

        heading = QLabel(self.tr("Print forms"))
        heading.setStyleSheet(f"font-size: {rel_pt(1.5)}; font-weight: bold;")
        intro = hint_label(self.tr("Choose a form and what it should cover. On the right you see the pages "
                                   "exactly as they will come out of the printer."))
        self.forms = QListWidget()
        self.forms.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        for spec in FORMS.values():
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(spec.description)
            self.forms.addItem(item)
        self.forms.setFixedHeight(self.forms.sizeHintForRow(0) * len(FORMS) + 2 * self.forms.frameWidth() + 4)
        self.description = hint_label()
        form_box = QGroupBox(self.tr("1. Which form"))
        form_layout = QVBoxLayout(form_box)
        form_layout.addWidget(self.forms)
        form_layout.addWidget(self.description)

        self.options = OptionsPanel()
        self.options.changed.connect(self.schedule_preview)
        scope_box = QGroupBox(self.tr("2. What it covers"))
        QVBoxLayout(scope_box).addWidget(self.options)

        self.preview_button = big_button(self.tr("Show preview"),
                                         tooltip=self.tr("Make the form again from the records"))
        self.print_button = big_button(self.tr("Print…"), primary=True)
        self.save_button = big_button(self.tr("Save as PDF…"))
        self.preview_button.clicked.connect(lambda: self.make_preview(explicit=True))
        self.print_button.clicked.connect(self.print_current)
        self.save_button.clicked.connect(self.save_pdf)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button, 1)
        actions.addWidget(self.save_button, 1)
        self.note = hint_label()

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(form_box)
        side.addWidget(scope_box)
        side.addWidget(self.preview_button)
        side.addLayout(actions)
        side.addWidget(self.note)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setStyleSheet("QGroupBox { font-weight: bold; } QGroupBox * { font-weight: normal; }")
        side_widget.setFixedWidth(450)

        self.preview = PreviewPane()
        body = QHBoxLayout()
        body.addWidget(side_widget)
        body.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        self.forms.currentRowChanged.connect(self._form_chosen)

    def title(self) -> str:
        return self.tr("Print forms")

    # -- the choice ---------------------------------------------------------------------------------
    def spec(self) -> FormSpec | None:
        item = self.forms.currentItem()
        return FORMS[item.data(Qt.ItemDataRole.UserRole)] if item is not None else None

    def request(self) -> tuple | None:
        spec = self.spec()
        return (spec.key, tuple(sorted(self.options.values().items()))) if spec else None

    def set_form(self, key: str) -> None:
        self.forms.setCurrentRow(list(FORMS).index(key))

    def set_option(self, name: str, value) -> None:
        self.options.set_value(name, value)

    def refresh(self) -> None:
        """The records changed (or the page is first shown): new lists to choose from, a new preview."""
        if self.spec() is None:
            self.set_form("publicity")  # the form printed most often: every quarter, for the notice board
            return
        self.options.reload(self.ctx)
        self.schedule_preview()

    def _form_chosen(self, _row: int) -> None:
        spec = self.spec()
        if spec is None:
            return
        self.description.setText(spec.description)
        self.options.set_form(spec, self.ctx)
        self.note.setText("")
        self.schedule_preview()

    # -- making the PDF -------------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        """The choice changed: the pages on screen no longer match it."""
        self._timer.stop()
        self._made_for = None
        self.note.setText("")
        if self.options.is_batch():
            self.preview.show_message(self.tr("Making every member's form takes a few seconds.\n"
                                              "Press “Show preview” to make them."))
            return
        self.preview.show_message(self.tr("Making the form…"))
        self._timer.start()

    def make_preview(self, *, explicit: bool = True, then=None) -> None:
        """Make the chosen form in the background and show it; then `then()` (print or save) if given."""
        self._timer.stop()
        spec, request = self.spec(), self.request()
        if spec is None:
            return
        if self._building is not None:
            self._queued = (explicit, then)
            return
        self._serial += 1
        out = Path(self._folder.name) / f"form-{self._serial}.pdf"
        self._building = request
        self.preview.show_message(self.tr("Making {0}…").format(spec.title))
        self.runner.run(self, self.tr("Making {0}").format(spec.title), pdf_job(spec.key, self.options.values(), out),
                        on_done=lambda path: self._made(request, path, then),
                        on_error=lambda exc: self._failed(exc, explicit))

    def _next_queued(self) -> bool:
        if self._queued is None:
            return False
        explicit, then = self._queued
        self._queued = None
        self.make_preview(explicit=explicit, then=then)
        return True

    def _made(self, request: tuple, path: Path | None, then) -> None:
        self._building = None
        if self._next_queued():
            return
        if path is None:
            self.preview.show_message(self.tr("Cancelled. Press “Show preview” to make the form again."))
            return
        if request != self.request():
            return  # the choice moved on while this was made; the newer preview is on its way
        try:
            self.preview.show_pdf(path)
        except PreviewError as exc:
            self._failed(exc, True)
            return
        discard_other_pdfs(path)
        self._made_for = request
        if then is not None:
            then()

    def _failed(self, exc: BaseException, explicit: bool) -> None:
        self._building = None
        if self._next_queued():
            return
        self.preview.show_message(error_text(exc), error=True)
        if explicit:  # a preview made on its own says what is wrong in its place, without a pop-up
            show_error(self, exc)

    def _with_current(self, action) -> None:
        """Run `action` on a preview that matches the choice, making it first when it does not."""
        if self._made_for is not None and self._made_for == self.request() and self.preview.has_document():
            action()
        else:
            self.make_preview(explicit=True, then=action)

    # -- printing and saving ----------------------------------------------------------------------------
    def print_current(self) -> None:
        self._with_current(self._print)

    def _print(self) -> None:
        title = self.spec().title
        try:
            result = ask_and_print(self, self.preview.document, title=title, current_page=self.preview.current_page())
        except PrintFailed as exc:
            show_error(self, exc)
            return
        if result is None:
            return
        sent, asked = result
        self.note.setText(self.tr("Sent {0} pages of {1} to the printer.").format(sent, title) if sent == asked else
                          self.tr("Printing stopped after {0} of {1} pages.").format(sent, asked))

    def save_pdf(self) -> None:
        self._with_current(self._save)

    def _save(self) -> None:
        settings = QSettings()
        folder = settings.value(_FOLDER_KEY) or \
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = str(Path(folder) / default_filename(self.ctx, self.spec().key))
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the form as a PDF file"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            copy_file(self.preview.path, target)
        except OSError as exc:
            show_error(self, exc)
            return
        settings.setValue(_FOLDER_KEY, str(target.parent))
        self.note.setText(self.tr("Saved: {0}").format(str(target)))
