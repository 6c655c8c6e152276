"""The print page (报表打印): form choice and scope widgets, the QtPdf preview, printing and saving."""

from __future__ import annotations

import pypdf
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages import printing as printing_page
from dangjian_desktop.gui.pages.printing import PrintingPage, pdf_job
from dangjian_desktop.gui.printing.record_fields import MemberCombo, SigninScopeField
from dangjian_desktop.gui.printing.printer import page_sequence, print_document
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.members import list_members
from dangjian_desktop.services.printing import FORMS


@pytest.fixture
def page(demo, qtbot):
    page = PrintingPage(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


@pytest.fixture
def errors(monkeypatch):
    """What the page would have shown in a message box."""
    shown: list[BaseException] = []
    monkeypatch.setattr(printing_page, "show_error", lambda parent, exc: shown.append(exc))
    return shown


def preview_publicity(page, qtbot) -> None:
    page.set_form("publicity")
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.preview.has_document()


def test_the_publicity_form_made_through_the_page_shows_its_pages_in_the_preview(page, qtbot, errors):
    preview_publicity(page, qtbot)
    assert page.preview.document.status() == QPdfDocument.Status.Ready
    assert page.preview.page_count() >= 1
    assert page.preview.stack.currentWidget() is page.preview.view
    assert page.preview.page_number.text()  # "第 1 页，共 N 页"
    assert not errors


def test_a_quick_form_is_previewed_on_its_own_after_the_choice_changes(page, qtbot):
    page.set_form("star-form")
    qtbot.waitUntil(page.preview.has_document, timeout=3000)
    assert page.request()[0] == "star-form"


def test_every_members_forms_are_made_only_when_asked_for(page, qtbot):
    page.set_form("member-form")
    page.set_option("all_members", True)
    assert not page._timer.isActive()
    assert not page.preview.has_document()
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    roster = list_members(page.ctx, roster_only=True)
    assert page.preview.page_count() >= len(roster)


def test_switching_the_form_changes_the_option_widgets(page):
    seen = {}
    for key, spec in FORMS.items():
        page.set_form(key)
        covered = {name for field in page.options.fields for name in field.names}
        assert covered == set(spec.options), key
        seen[key] = [type(field).__name__ for field in page.options.fields]
    assert seen["publicity"] == ["PeriodField", "DateField", "IntField", "TextField"]
    assert seen["member-form"] == ["MemberScopeField", "YearField"]
    assert seen["signin-sheet"] == ["SigninScopeField"]
    assert seen["roster"] == []
    page.set_form("publicity")
    assert set(page.options.values()) == {"period", "start", "days", "objections_to"}


def test_a_blank_sign_in_sheet_may_name_no_meeting_but_the_recorded_one_must(page):
    page.set_form("signin-sheet")
    field = page.options.fields[0]
    assert isinstance(field, SigninScopeField)
    assert page.options.values() == {"blank": True, "meeting": None}
    field.after.setChecked(True)
    values = page.options.values()
    assert values["blank"] is False and values["meeting"]  # the latest meeting, never "none"


def test_saving_writes_a_pdf_that_opens_and_remembers_the_folder(page, qtbot, tmp_path, monkeypatch, errors):
    settings_file = tmp_path / "settings.ini"
    monkeypatch.setattr(printing_page, "QSettings", lambda: QSettings(str(settings_file), QSettings.Format.IniFormat))
    offered = []

    def choose(parent, caption, suggested, filters):
        offered.append(suggested)
        return str(tmp_path / "out" / "公示"), filters  # no extension typed: .pdf is added

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(printing_page.QFileDialog, "getSaveFileName", choose)
    preview_publicity(page, qtbot)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "out" / "公示.pdf"
    reader = pypdf.PdfReader(saved)
    assert len(reader.pages) == page.preview.page_count()
    assert "积分公示" in reader.pages[0].extract_text()
    assert offered[0].endswith(printing_page.default_filename(page.ctx, "publicity"))
    assert QSettings(str(settings_file), QSettings.Format.IniFormat).value("last_folder/printing") == str(saved.parent)
    assert not errors


def test_saving_before_any_preview_makes_the_form_first(page, qtbot, tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(printing_page, "QSettings", lambda: settings)
    monkeypatch.setattr(printing_page.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "roster.pdf"), ""))
    page.set_form("roster")
    page.save_pdf()
    assert len(pypdf.PdfReader(tmp_path / "roster.pdf").pages) >= 1


def _pdf_printer(path, resolution: int = 100) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(resolution)  # coarse: the test checks pages, not print quality
    return printer


def test_printing_to_a_pdf_printer_sends_every_page(page, qtbot, tmp_path):
    preview_publicity(page, qtbot)
    out = tmp_path / "printed.pdf"
    sent = print_document(page.preview.document, _pdf_printer(out))
    assert sent == page.preview.page_count()
    assert out.stat().st_size > 0
    assert len(pypdf.PdfReader(out).pages) == page.preview.page_count()


def test_printing_honours_the_page_range_and_copies_from_the_dialog(page, qtbot, tmp_path):
    preview_publicity(page, qtbot)
    out = tmp_path / "range.pdf"
    printer = _pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    printer.setCopyCount(2)
    assert print_document(page.preview.document, printer) == 2
    assert len(pypdf.PdfReader(out).pages) == 2


@pytest.mark.parametrize("mode, from_to, copies, collate, expected", [
    ("all", None, 1, True, [0, 1, 2]),
    ("range", (2, 3), 1, True, [1, 2]),
    ("range", (2, 9), 1, True, [1, 2]),
    ("current", None, 1, True, [1]),
    ("all", None, 2, True, [0, 1, 2, 0, 1, 2]),
    ("all", None, 2, False, [0, 0, 1, 1, 2, 2]),
])
def test_page_sequence_follows_the_print_dialog(qapp, mode, from_to, copies, collate, expected):
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # makes no copies itself
    printer.setPrintRange({"all": QPrinter.PrintRange.AllPages, "range": QPrinter.PrintRange.PageRange,
                           "current": QPrinter.PrintRange.CurrentPage}[mode])
    if from_to:
        printer.setFromTo(*from_to)
    printer.setCopyCount(copies)
    printer.setCollateCopies(collate)
    assert page_sequence(printer, 3, current_page=1) == expected


def test_a_service_error_shows_its_chinese_message(page, qtbot, errors):
    page.set_form("publicity")
    page.set_option("period", "2030-Q1")  # not begun yet: nothing to post
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and isinstance(errors[0], DangjianError)
    assert "还没有开始" in errors[0].message
    assert not page.preview.has_document()
    assert "还没有开始" in page.preview.message.text()


def test_an_error_in_a_preview_made_on_its_own_stays_on_the_page(page, qtbot, errors):
    page.set_form("publicity")
    page.set_option("period", "2030-Q1")
    qtbot.waitUntil(lambda: "还没有开始" in page.preview.message.text(), timeout=3000)
    assert not errors  # no message box for something the user did not ask for


def test_a_cancelled_job_leaves_no_preview_and_prints_nothing(page, qtbot, monkeypatch):
    def cancelling_run(parent, title, job, on_done, on_error=None):
        progress = Progress()
        progress.cancel()  # the user pressed Cancel in the progress dialog
        on_done(job(page.ctx, progress))

    monkeypatch.setattr(page.runner, "run", cancelling_run)
    printed = []
    monkeypatch.setattr(page, "_print", lambda: printed.append(True))
    page.set_form("member-form")
    page.set_option("all_members", True)
    page.print_current()
    assert not page.preview.has_document()
    assert not printed
    assert page.preview.message.text()  # says it was cancelled


def test_the_job_returns_none_when_cancelled(demo, tmp_path):
    progress = Progress()
    progress.cancel()
    assert pdf_job("roster", {}, tmp_path / "x.pdf")(demo, progress) is None


def test_the_page_makes_the_form_on_the_worker_thread(demo, qtbot):
    runner = JobRunner(demo)
    page = PrintingPage(demo, runner)
    qtbot.addWidget(page)
    page.show()
    page.set_form("training-stats")
    page.make_preview()
    qtbot.waitUntil(page.preview.has_document, timeout=10_000)
    runner.wait_all()


def test_a_member_is_found_by_pinyin_initials(qapp, demo):
    combo = MemberCombo()
    roster = list_members(demo, roster_only=True)
    combo.set_members(roster)
    someone = roster[5]
    completer = combo.completer()
    completer.setCompletionPrefix(someone["name_initials"])
    names = [completer.completionModel().index(row, 0).data() for row in range(completer.completionCount())]
    assert any(name.startswith(someone["name"]) for name in names)
    assert completer.pathFromIndex(completer.completionModel().index(0, 0)) == names[0]


def test_cancel_in_the_progress_dialog_stops_everyones_forms(demo, qtbot):
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    runner = JobRunner(demo)
    page = PrintingPage(demo, runner)
    qtbot.addWidget(page)
    page.show()
    page.set_form("member-form")
    page.set_option("all_members", True)
    page.make_preview()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(QProgressDialog)), timeout=5000)
    dialog = next(d for d in page.findChildren(QProgressDialog) if d.isVisible())
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its Cancel button
    runner.wait_all()
    qtbot.waitUntil(lambda: page._building is None, timeout=5000)
    assert not page.preview.has_document()
    assert "Cancelled" in page.preview.message.text() or "取消" in page.preview.message.text()


def test_showing_a_preview_removes_the_earlier_ones_beside_it(tmp_path):
    from dangjian_desktop.gui.printing.preview import discard_other_pdfs

    for name in ("form-1.pdf", "form-2.pdf", "form-3.pdf", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    discard_other_pdfs(tmp_path / "form-3.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form-3.pdf", "notes.txt"]
