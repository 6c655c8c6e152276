"""Charts of the district report, drawn by reportlab.graphics in the embedded font.

Bars carry their values as labels and the pie its shares, so a chart still reads on a
black-and-white printer; the fills are greys and one muted red that stay apart when printed.
Every string names the form's font: a chart must not pull an unembedded Helvetica into the file.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from dangjian_desktop.reports.pdf.fonts import FONT, register_font

PALETTE = [colors.HexColor(c) for c in ("#B23A3A", "#5B5B5B", "#9A9A9A", "#D08A8A", "#C9C9C9", "#7A2626",
                                        "#E2E2E2")]
BAR = colors.HexColor("#B23A3A")
CAPTION_SIZE = 9.5
LABEL_SIZE = 7.5
MAX_LABELLED_BARS = 12


def _axis(chart, largest: float, percent: bool) -> None:
    """Value axis from 0 to a round number a little above the largest bar; counts step by whole numbers."""
    axis = chart.valueAxis
    axis.valueMin = 0
    if percent:
        axis.valueMax, axis.valueStep = 100, 20
    elif largest <= 5:
        axis.valueMax, axis.valueStep = int(largest) + 1, 1
    else:
        axis.valueMax = _nice_max(largest)
        axis.valueStep = axis.valueMax / 5
    axis.labels.fontName, axis.labels.fontSize = FONT, LABEL_SIZE
    axis.labelTextFormat = "%d%%" if percent else "%d"
    axis.visibleGrid, axis.gridStrokeColor = True, colors.HexColor("#DDDDDD")


def _nice_max(value: float) -> float:
    """An axis end a little above the largest bar, on a round number."""
    top = value * 1.15
    magnitude = 10 ** (len(str(int(top))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if top <= step * magnitude:
            return step * magnitude
    return top


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # else the renderer's starting state names Helvetica
    return drawing


def _caption(drawing: Drawing, text: str) -> None:
    drawing.add(String(drawing.width / 2, drawing.height - CAPTION_SIZE - 1, text, fontName=FONT,
                       fontSize=CAPTION_SIZE, textAnchor="middle"))


def _label_format(percent: bool):
    return (lambda v: f"{v:.0f}%") if percent else (lambda v: f"{v:g}")


def bar_chart(title: str, labels: list[str], values: list[float], *, width: float, height: float = 62 * mm,
              percent: bool = False, rotate: bool | None = None) -> Drawing:
    """Vertical bars with their values on top; long or many labels are turned 30°."""
    register_font()
    drawing = _drawing(width, height)
    _caption(drawing, title)
    rotate = rotate if rotate is not None else len(labels) > 6 or max((len(s) for s in labels), default=0) * \
        len(labels) * LABEL_SIZE > width * 0.9
    chart = VerticalBarChart()
    chart.x, chart.y = 11 * mm, (17 if rotate else 8) * mm
    chart.width, chart.height = width - 15 * mm, height - chart.y - 9 * mm
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.bars[0].fillColor = BAR
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 6 if len(labels) < 8 else 3
    _axis(chart, max(values, default=0), percent)
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, LABEL_SIZE
    if rotate:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx, chart.categoryAxis.labels.dy = 2, -2
    if len(labels) <= MAX_LABELLED_BARS:  # more bars: the values would overlap; the table has them
        chart.barLabels.fontName, chart.barLabels.fontSize = FONT, LABEL_SIZE
        chart.barLabels.nudge = 5
        chart.barLabelFormat = _label_format(percent)
    drawing.add(chart)
    return drawing


def horizontal_bar_chart(title: str, labels: list[str], values: list[float], *, width: float,
                         percent: bool = True) -> Drawing:
    """Horizontal bars (one per meeting type, say), values at the bar ends."""
    register_font()
    row = 7 * mm
    height = max(len(labels), 1) * row + 18 * mm
    drawing = _drawing(width, height)
    _caption(drawing, title)
    chart = HorizontalBarChart()
    chart.x, chart.y = 26 * mm, 7 * mm
    chart.width, chart.height = width - 38 * mm, height - 18 * mm
    # The first category is drawn at the bottom: reverse, so the list reads top-down as in the table.
    chart.data = [list(reversed(values)) or [0]]
    chart.categoryAxis.categoryNames = list(reversed(labels)) or [""]
    chart.bars[0].fillColor = BAR
    chart.bars.strokeColor = None
    _axis(chart, max(values, default=0), percent)
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, LABEL_SIZE + 0.5
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, LABEL_SIZE
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    chart.barLabelFormat = _label_format(percent)
    drawing.add(chart)
    return drawing


def pie_chart(title: str, labels: list[str], values: list[int], *, width: float,
              height: float = 62 * mm, unit: str = "人") -> Drawing:
    """A pie with a legend giving each part's count and share (parts of zero are left out)."""
    register_font()
    drawing = _drawing(width, height)
    _caption(drawing, title)
    parts = [(label, value) for label, value in zip(labels, values) if value > 0]
    total = sum(v for _l, v in parts)
    size = min(height - 16 * mm, width * 0.45)
    if not parts:
        drawing.add(String(width / 2, height / 2, "无数据", fontName=FONT, fontSize=CAPTION_SIZE, textAnchor="middle"))
        return drawing
    pie = Pie()
    pie.x, pie.y = 6 * mm, (height - 12 * mm - size) / 2
    pie.width = pie.height = size
    pie.data = [v for _l, v in parts]
    pie.labels = None
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 0.8
    for n in range(len(parts)):
        pie.slices[n].fillColor = PALETTE[n % len(PALETTE)]
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = pie.x + size + 6 * mm, pie.y + size - 2 * mm
    legend.fontName, legend.fontSize = FONT, LABEL_SIZE + 0.5
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.dy, legend.dx = 3.2 * mm, 3 * mm
    legend.deltay = 4.6 * mm
    legend.columnMaximum = 10
    legend.colorNamePairs = [(PALETTE[n % len(PALETTE)], f"{label}  {value}{unit}（{value / total * 100:.1f}%）")
                             for n, (label, value) in enumerate(parts)]
    drawing.add(legend)
    return drawing
