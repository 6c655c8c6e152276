"""One tab of the dashboard (全区概况): a chart (bars or a pie) beside the table behind it.

A click on a bar or a slice emits `picked` with that item's key; the page answers with the rows
behind it (`show_rows`), so each chart drills down to its villages or members. A panel out of
sight (another tab) fills its table when it comes into view: a refresh of 1 000 villages fills one
table, not six.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCharts import (QAbstractBarSeries, QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView,
                              QHorizontalBarSeries, QPieSeries, QValueAxis)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from dangjian_desktop.gui.models import Column, RecordFilterProxy, RecordTableModel

#: Rows read to size a table's columns to their contents (Qt's default reads 1 000).
SIZED_ROWS = 60
#: The chart's smallest size; a row of horizontal bars needs BAR_ROW more pixels of height.
CHART_WIDTH, CHART_HEIGHT, BAR_ROW = 320, 280, 20
PALETTE = ("#c62828", "#ef6c00", "#f9a825", "#2e7d32", "#1565c0", "#6a1b9a", "#8d6e63", "#546e7a", "#00838f")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    key: Any  # what `picked` carries when this bar or slice is clicked


class ChartPanel(QWidget):
    picked = Signal(object)

    def __init__(self, columns: list[Column], parent: QWidget | None = None):
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setVisible(False)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(CHART_WIDTH, CHART_HEIGHT)
        self.bars: list[Bar] = []
        self.series = None
        self.horizontal = False
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-weight: bold;")
        self._pending: tuple[list[dict] | Callable[[], list[dict]], list[Column] | None] | None = None
        # No filter box here: no search text to build for each row.
        self.model = RecordTableModel(columns, search_keys=lambda record: "", parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Columns sized to their contents once per table shown, from the first rows: sizing them to
        # every row (and again at every layout) read all cells of a 1 000-village table ~80 times.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        self.table.verticalHeader().setResizeContentsPrecision(SIZED_ROWS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.caption)
        box.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self._table_width = 0  # what the table needs to show every column whole (set when filled)
        self._last_width = 0  # what its last column needs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.splitter)

    # -- the chart -------------------------------------------------------------------------------
    def _reset(self, title: str) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.chart.setTitle(title)

    def set_bars(self, title: str, bars: list[Bar], *, colour: str = PALETTE[0], horizontal: bool = True) -> None:
        """A bar per item, its value written on it; horizontal bars keep long labels whole."""
        self._reset(title)
        self.bars = list(bars)
        bar_set = QBarSet(title)
        bar_set.setColor(QColor(colour))
        bar_set.setLabelColor(QColor("#222"))
        bar_set.append([float(b.value) for b in bars])
        bar_set.clicked.connect(self._bar_clicked)
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bar_set)
        self.chart.addSeries(series)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        categories = QBarCategoryAxis()
        categories.setTruncateLabels(False)  # (a label elided while the chart was small stayed "…")
        labels = [b.label for b in bars]
        categories.append(labels[::-1] if horizontal else labels)
        values = QValueAxis()
        top = max([b.value for b in bars] + [1])
        values.setRange(0, top * 1.2)
        values.applyNiceNumbers()
        values.setLabelFormat("%g")
        if horizontal:  # the first bar on top
            bar_set.remove(0, len(bars))
            bar_set.append([float(b.value) for b in bars[::-1]])
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        self.series, self.bar_set, self.horizontal = series, bar_set, horizontal
        # Every label whole: twelve months of horizontal bars need more height than five age bands.
        self.view.setMinimumHeight(max(CHART_HEIGHT, BAR_ROW * len(bars) + 90) if horizontal else CHART_HEIGHT)
        self._arrange()

    def set_pie(self, title: str, bars: list[Bar]) -> None:
        """A slice per item with a value; the slices show their label and count."""
        self._reset(title)
        self.bars = [b for b in bars if b.value > 0]
        series = QPieSeries()
        for n, bar in enumerate(self.bars):
            piece = series.append(f"{bar.label} {bar.value:g}", float(bar.value))
            piece.setColor(QColor(PALETTE[n % len(PALETTE)]))
            piece.setLabelVisible(True)
        series.clicked.connect(self._slice_clicked)
        series.setPieSize(0.5)
        self.chart.addSeries(series)
        self.series = series
        self.view.setMinimumHeight(CHART_HEIGHT)
        self._arrange()

    def _bar_clicked(self, index: int) -> None:
        if self.horizontal:
            index = len(self.bars) - 1 - index
        if 0 <= index < len(self.bars):
            self.picked.emit(self.bars[index].key)

    def _slice_clicked(self, piece) -> None:
        slices = self.series.slices() if isinstance(self.series, QPieSeries) else []
        for n, candidate in enumerate(slices):
            candidate.setExploded(candidate is piece)
            if candidate is piece and n < len(self.bars):
                self.picked.emit(self.bars[n].key)

    def click(self, index: int) -> None:
        """What a click on the index-th bar or slice does (for keyboard users and tests)."""
        if isinstance(self.series, QPieSeries):
            self._slice_clicked(self.series.slices()[index])
        else:
            self.bar_set.clicked.emit(len(self.bars) - 1 - index if self.horizontal else index)

    # -- the table behind it ---------------------------------------------------------------------
    def show_rows(self, caption: str, rows: list[dict] | Callable[[], list[dict]],
                  columns: list[Column] | None = None) -> None:
        """The table behind the chart; `rows` may be a function making them, called once the table is in view."""
        self.caption.setText(caption)
        self._pending = (rows, columns)
        if self.isVisible():
            self._fill()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fill()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The table beside the chart, as wide as its columns need, while the chart keeps its
        smallest width; otherwise (a wide table: every village's age bands, the missed meetings'
        details) under the chart across the whole width, so that no column is cut off. A table wider
        than the whole page even then (a long text in its last column: the periods a branch missed)
        keeps its other columns whole and cuts the last one short, "…", its text whole in a tooltip."""
        if not self._table_width:
            return
        room = self.width() - self.view.minimumWidth() - self.splitter.handleWidth()
        beside = self._table_width <= room
        self.splitter.setOrientation(Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical)
        header = self.table.horizontalHeader()
        last = header.count() - 1
        over = 0 if beside else self._table_width - self.width()
        header.setStretchLastSection(over <= 0)  # stretched to the edge, or cut short to fit
        if over > 0:
            header.resizeSection(last, max(self._last_width - over, header.minimumSectionSize()))
        if beside:
            self.splitter.setSizes([self.width() - self._table_width, self._table_width])
        else:
            chart = max(self.view.minimumHeight(), self.height() * 2 // 5)
            self.splitter.setSizes([chart, self.height() - chart])

    def _fill(self) -> None:
        if self._pending is None:
            return
        rows, columns = self._pending
        self._pending = None
        if callable(rows):
            rows = rows()
        if columns is not None and columns != self.model.columns:
            self.model.columns = columns
        self.model.set_rows(rows)
        # In the order given (worst first, fewest hours first …) until the user sorts by a column.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # sized to its contents; stretched again to the edge
        self.table.resizeColumnsToContents()
        self._table_width = (header.length() + 2 * self.table.frameWidth()
                             + self.table.verticalScrollBar().sizeHint().width())
        self._last_width = header.sectionSize(header.count() - 1)
        header.setStretchLastSection(True)
        self._arrange()

    def rows(self) -> list[dict]:
        self._fill()
        return [self.proxy.record(r) for r in range(self.proxy.rowCount())]
