"""The form as it will print: every page of the PDF in a scrolling view (QtPdf), fitted to the width.

When there is nothing to show (no form made yet, a form being made, a form that could not be
made) the pane shows a plain sentence in its place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from dangjian_desktop.gui.widgets import rel_pt
from dangjian_desktop.errors import DangjianError

ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.25, 4.0
_MESSAGE_STYLE = "font-size: {size}; padding: 40px; color: {colour}; background: #f4f4f4;"


class PreviewError(DangjianError):
    """The PDF was made but QtPdf cannot open it."""


def discard_other_pdfs(path: Path) -> None:
    """Delete the earlier previews made in `path`'s (temporary) folder; one still held open (Windows)
    stays until the folder goes with its page."""
    for older in Path(path).parent.glob("*.pdf"):
        if older != path:
            try:
                older.unlink(missing_ok=True)
            except OSError:
                pass


class PreviewPane(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.path: Path | None = None
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8a8a; }")
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_page_number())
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)

        self.page_number = QLabel()
        self.page_number.setStyleSheet(f"font-size: {rel_pt(1.05)};")
        self.zoom_out = self._tool(self.tr("Smaller"), lambda: self._zoom_by(1 / ZOOM_STEP))
        self.zoom_in = self._tool(self.tr("Larger"), lambda: self._zoom_by(ZOOM_STEP))
        self.fit_width = self._tool(self.tr("Fit width"), lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page = self._tool(self.tr("Whole page"), lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        tools = QHBoxLayout()
        tools.addWidget(self.page_number)
        tools.addStretch(1)
        for button in (self.zoom_out, self.zoom_in, self.fit_width, self.fit_page):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.stack, 1)
        self.show_message("")

    def _tool(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(32)
        button.clicked.connect(slot)
        return button

    # -- what the pane shows ------------------------------------------------------------------------
    def show_pdf(self, path: Path) -> int:
        """Show the PDF at `path`; the file must stay until the next one is shown. Returns the page count."""
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() < 1:
            self.clear()
            raise PreviewError(self.tr("The form was made but cannot be shown ({0}).").format(error.name))
        self.path = Path(path)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().jump(0, QPointF())
        self.stack.setCurrentWidget(self.view)
        self._set_tools(True)
        self._show_page_number()
        return self.document.pageCount()

    def show_message(self, text: str, *, error: bool = False) -> None:
        """A sentence instead of the pages (the last PDF is let go: it no longer matches the choices)."""
        self.clear()
        self.message.setText(text)
        self.message.setStyleSheet(_MESSAGE_STYLE.format(size=rel_pt(1.25), colour="#c62828" if error else "#444"))

    def clear(self) -> None:
        self.document.close()
        self.path = None
        self.stack.setCurrentWidget(self.message)
        self._set_tools(False)
        self.page_number.setText("")

    def has_document(self) -> bool:
        return self.path is not None and self.document.pageCount() > 0

    def page_count(self) -> int:
        return self.document.pageCount() if self.has_document() else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def _set_tools(self, enabled: bool) -> None:
        for button in (self.zoom_out, self.zoom_in, self.fit_width, self.fit_page):
            button.setEnabled(enabled)

    def _show_page_number(self) -> None:
        if self.has_document():
            self.page_number.setText(self.tr("Page {0} of {1}").format(self.current_page() + 1, self.page_count()))

    # -- zoom ---------------------------------------------------------------------------------------
    def _effective_zoom(self) -> float:
        """The zoom now on screen: QPdfView keeps its factor at the last custom value while fitting."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or not self.has_document():
            return self.view.zoomFactor()
        page = self.document.pagePointSize(max(self.current_page(), 0))
        dpi = QGuiApplication.primaryScreen().logicalDotsPerInch() / 72
        margins = self.view.documentMargins()
        viewport = self.view.viewport()
        width_factor = (viewport.width() - margins.left() - margins.right()) / max(page.width() * dpi, 1)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return width_factor
        height_factor = (viewport.height() - margins.top() - margins.bottom()) / max(page.height() * dpi, 1)
        return min(width_factor, height_factor)

    def _zoom_by(self, step: float) -> None:
        factor = min(max(self._effective_zoom() * step, ZOOM_MIN), ZOOM_MAX)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
