"""Sending a PDF to a printer: each page drawn by QtPdf at the printer's resolution.

`print_document` does the work on any `QPrinter` (a real one, or a PDF file in tests); `ask_and_print`
wraps it in the system print dialog and a progress dialog with Cancel. A page is rendered in bands,
because a whole A4 page at 600 dpi is a 140 MB image and the laptops are old.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from dangjian_desktop.errors import DangjianError

#: Finer than this adds nothing to text on paper, only memory and time; finer printers get it scaled up.
MAX_DPI = 600
#: At most this many bytes of image at a time.
BAND_BYTES = 24 * 1024 * 1024


class PrintFailed(DangjianError):
    """The printer could not be started or stopped part way."""


def page_sequence(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """The pages (0-based) in the order they go to the printer.

    Honours the range chosen in the print dialog (all, from–to, the page on screen), the page order,
    and the copies when the printer cannot make copies itself (then collated or not, as chosen).
    """
    if page_count < 1:
        return []
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or page_count, page_count)
        pages = list(range(first - 1, last))
    elif mode == QPrinter.PrintRange.CurrentPage:
        pages = [min(max(current_page, 0), page_count - 1)]
    else:
        pages = list(range(page_count))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if copies > 1:
        pages = pages * copies if printer.collateCopies() else [p for p in pages for _ in range(copies)]
    return pages


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, printer: QPrinter) -> None:
    """One PDF page on the paper: same size when the paper matches, shrunk to fit and centred when not."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    points = document.pagePointSize(page)
    scale = min(paper.width() / points.width(), paper.height() / points.height())  # device pixels per point
    width, height = points.width() * scale, points.height() * scale
    left, top = round((paper.width() - width) / 2), round((paper.height() - height) / 2)
    image_scale = scale * min(1.0, MAX_DPI / max(printer.resolution(), 1))
    size = QSize(max(round(points.width() * image_scale), 1), max(round(points.height() * image_scale), 1))
    to_device = height / size.height()
    band = max(1, BAND_BYTES // (size.width() * 4))
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for y in range(0, size.height(), band):
        rows = min(band, size.height() - y)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(size)
        options.setScaledClipRect(QRect(0, y, size.width(), rows))
        rendered = document.render(page, QSize(size.width(), rows), options)
        # QtPdf leaves the paper transparent; some printer drivers print transparency black.
        opaque = QImage(size.width(), rows, QImage.Format.Format_RGB32)
        opaque.fill(Qt.GlobalColor.white)
        band_painter = QPainter(opaque)
        band_painter.drawImage(0, 0, rendered)
        band_painter.end()
        painter.drawImage(QRectF(left, top + y * to_device, width, rows * to_device), opaque)


def print_document(document: QPdfDocument, printer: QPrinter, *, pages: list[int] | None = None,
                   on_page: Callable[[int, int], bool] | None = None) -> int:
    """Print `pages` (default: as the printer's settings say) of `document`; returns the pages sent.

    `on_page(done, total)` is called after each page; returning False stops and cancels the job.
    """
    if pages is None:
        pages = page_sequence(printer, document.pageCount())
    if not pages:
        return 0
    printer.setFullPage(True)  # the PDF carries its own margins; Qt must not add the printer's
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(QCoreApplication.translate(
            "PrintRoutine", "The printer could not be started. Check that it is switched on and connected, "
                            "then try again."))
    done = 0
    try:
        for done, page in enumerate(pages, start=1):
            if done > 1 and not printer.newPage():
                raise PrintFailed(QCoreApplication.translate(
                    "PrintRoutine", "The printer stopped after {0} pages.").format(done - 1))
            _draw_page(painter, document, page, printer)
            if on_page is not None and not on_page(done, len(pages)):
                printer.abort()
                return done
    finally:
        painter.end()
    return done


def ask_and_print(parent: QWidget, document: QPdfDocument, *, title: str,
                  current_page: int = 0) -> tuple[int, int] | None:
    """The system print dialog, then the pages with a progress dialog.

    Returns (pages sent, pages asked for) — fewer sent when the user pressed Cancel — or None when
    the user closed the print dialog.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    first = document.pagePointSize(0)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if first.width() > first.height()
                               else QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintRoutine", "Print {0}").format(title))
    dialog.setMinMax(1, document.pageCount())
    dialog.setFromTo(1, document.pageCount())
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    pages = page_sequence(printer, document.pageCount(), current_page)
    label = QCoreApplication.translate("PrintRoutine", "Sending {0} to the printer…").format(title)
    progress = QProgressDialog(label, QCoreApplication.translate("PrintRoutine", "Cancel"), 0, len(pages), parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def on_page(done: int, total: int) -> bool:
        progress.setValue(done)
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        return print_document(document, printer, pages=pages, on_page=on_page), len(pages)
    finally:
        progress.reset()
        progress.deleteLater()
