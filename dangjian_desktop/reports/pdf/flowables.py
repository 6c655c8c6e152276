"""Drawn parts of the forms: signature and date lines, the box for the seal, and `Reused` —
parts that every copy of a form repeats, drawn once per PDF and then only referenced.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from dangjian_desktop.reports.pdf.fonts import FONT
from dangjian_desktop.reports.pdf.layout import INK_GREY
from dangjian_desktop.reports.pdf.tables import layout_table


class SignatureLine(Flowable):
    """'党员本人签字：______' with an optional name already written on the line."""

    def __init__(self, label: str, width: float, *, value: str | None = None, size: float = 10.5,
                 height: float = 9 * mm):
        super().__init__()
        self.label, self.width, self.value, self.size, self.height = label, width, value, size, height

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        c, y = self.canv, 2.5 * mm
        c.setFont(FONT, self.size)
        c.drawString(0, y, self.label)
        start = stringWidth(self.label, FONT, self.size) + 1
        c.setLineWidth(0.6)
        c.line(start, y - 1.5, self.width, y - 1.5)
        if self.value:
            c.drawString(start + 3 * mm, y + 0.5, self.value)


class DateLine(Flowable):
    """'日期：____年___月___日', filled in when a date is given."""

    def __init__(self, label: str = "日期：", *, on: date | None = None, size: float = 10.5,
                 height: float = 9 * mm):
        super().__init__()
        self.label, self.on, self.size, self.height = label, on, size, height
        self.width = stringWidth(label, FONT, size) + 3 * stringWidth("年", FONT, size) + 38 * mm

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        c, y = self.canv, 2.5 * mm
        c.setFont(FONT, self.size)
        c.setLineWidth(0.6)
        x = stringWidth(self.label, FONT, self.size)
        c.drawString(0, y, self.label)
        values = (self.on.year, self.on.month, self.on.day) if self.on else ("", "", "")
        for gap, unit, value in zip((16 * mm, 11 * mm, 11 * mm), "年月日", values):
            c.line(x + 1, y - 1.5, x + gap - 1, y - 1.5)
            if value != "":
                c.drawCentredString(x + gap / 2, y + 0.5, str(value))
            x += gap
            c.drawString(x, y, unit)
            x += stringWidth(unit, FONT, self.size)


class StampBox(Flowable):
    """A dashed circle where the seal goes, with what it is for written under it."""

    def __init__(self, caption: str, *, diameter: float = 36 * mm, size: float = 9.5):
        super().__init__()
        self.caption, self.diameter, self.size = caption, diameter, size
        self.width = max(diameter, stringWidth(caption, FONT, size)) + 2 * mm
        self.height = diameter + 8 * mm

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(INK_GREY)
        c.setDash(3, 2)
        c.setLineWidth(0.6)
        r = self.diameter / 2
        c.circle(self.width / 2, self.height - r - 0.5 * mm, r)
        c.restoreState()
        c.setFont(FONT, self.size)
        c.drawCentredString(self.width / 2, 1.5 * mm, self.caption)


def signature_block(rows: list[list[Flowable]], *, stamp: StampBox | None, width: float) -> Table:
    """Rows of signature and date lines on the left, the seal box on the right."""
    stamp_width = stamp.width + 6 * mm if stamp else 0
    left_width = width - stamp_width
    columns = max(len(row) for row in rows)
    left = layout_table([row + [""] * (columns - len(row)) for row in rows], [left_width / columns] * columns,
                        style=[("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    row, widths = [left], [left_width]
    if stamp:
        row.append(stamp)
        widths.append(stamp_width)
    return layout_table([row], widths, style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (-1, 0), (-1, 0), "CENTER")])


class Reused(Flowable):
    """Flowables drawn once per PDF as a form XObject, then only referenced.

    For what every copy of a form repeats unchanged (the title, column heads, the signature
    block): put the same instance in the story as often as needed. It never splits.
    """

    _count = 0

    def __init__(self, flowables: list[Flowable], width: float):
        super().__init__()
        Reused._count += 1
        self.name = f"djReused{Reused._count}"
        self.flowables, self.width = flowables, width
        self.sizes = [f.wrap(width, 10_000) for f in flowables]
        self.height = sum(h for _w, h in self.sizes)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        if not c.hasForm(self.name):
            c.beginForm(self.name)
            y = self.height
            for flowable, (width, height) in zip(self.flowables, self.sizes):
                y -= height
                x = (self.width - width) / 2 if getattr(flowable, "hAlign", "LEFT") == "CENTER" else 0
                flowable.drawOn(c, x, y)
            c.endForm()
        c.doForm(self.name)
