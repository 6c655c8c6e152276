"""Ruled tables for the forms: header rows shaded and repeated on every page, cells that wrap
only when their text does not fit (a plain string is much cheaper to lay out than a paragraph),
and unruled tables that place flowables side by side.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from dangjian_desktop.reports.pdf.fonts import FONT, register_font
from dangjian_desktop.reports.pdf.layout import CELL_PAD, HEADER_GREY, para, paragraph_style


def _cell(value: object, width: float, size: float, align: str):
    """A plain string when it fits on one line (cheap to draw), else a wrapping paragraph."""
    if value is None:
        return ""
    if isinstance(value, Flowable | list):
        return value
    text = str(value)
    room = width - 2 * CELL_PAD - 0.5
    lines = text.split("\n")
    # No glyph of the font is wider than 1.2 em, so a short line fits without measuring it.
    if all(len(line) * size * 1.2 <= room or stringWidth(line, FONT, size) <= room for line in lines):
        return text  # the table draws it, line by line
    return para(text, paragraph_style(size, align))


def grid_table(rows: list[list], widths: list[float], *, header_rows: int = 1, size: float = 9,
               align: str | list[str] = "CENTER", min_height: float | list[float] | None = None,
               header_size: float | None = None, style: list[tuple] = ()) -> Table:
    """A ruled table; the first `header_rows` rows are shaded and repeat on every page.

    `align` is one alignment or one per column; cells too long for their column wrap.
    `style` adds TableStyle commands (spans, shading of marked rows …).
    """
    register_font()
    aligns = [align] * len(widths) if isinstance(align, str) else list(align)
    head_size = header_size or size
    data = []
    for r, row in enumerate(rows):
        if r < header_rows:
            data.append([_cell(v, w, head_size, "CENTER") for v, w in zip(row, widths)])
        else:
            data.append([_cell(v, w, size, a) for v, w, a in zip(row, widths, aligns)])
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, size, round(size * 1.3, 1)),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header_rows:
        commands += [("FONT", (0, 0), (-1, header_rows - 1), FONT, head_size, round(head_size * 1.3, 1)),
                     ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_GREY),
                     ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER")]
    first = 0
    for c in range(1, len(aligns) + 1):  # one ALIGN command per run of equal alignments
        if c == len(aligns) or aligns[c] != aligns[first]:
            commands.append(("ALIGN", (first, header_rows), (c - 1, -1), aligns[first]))
            first = c
    heights = min_height if isinstance(min_height, list) else [min_height] * len(data) if min_height else None
    return Table(data, colWidths=widths, repeatRows=header_rows, style=commands + list(style),
                 minRowHeights=heights, hAlign="CENTER")


def form_table(rows: list[list], widths: list[float], *, size: float = 10, label_columns: tuple[int, ...] = (0,),
               style: list[tuple] = (), min_height: float | list[float] = 8 * mm) -> Table:
    """A ruled key/value block (姓名 | 张三 | 性别 | 男): label columns shaded and centred.

    A value spanning over label columns (a SPAN in `style`) is not shaded.
    """
    aligns = ["CENTER" if c in label_columns else "LEFT" for c in range(len(widths))]
    shade = [("BACKGROUND", (c, 0), (c, -1), HEADER_GREY) for c in label_columns]
    shade += [("BACKGROUND", start, end, colors.white) for command, start, end, *_ in style
              if command == "SPAN" and start[0] not in label_columns]
    return grid_table(rows, widths, header_rows=0, size=size, align=aligns, min_height=min_height,
                      style=shade + list(style))


def layout_table(rows: list[list], widths: list[float], *, style: list[tuple] = (), **options) -> Table:
    """An unruled table that places flowables side by side: no padding, the form's font
    (a table's default font would add an unembedded Helvetica to the file)."""
    register_font()
    base = [("FONT", (0, 0), (-1, -1), FONT, 10), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    return Table(rows, colWidths=widths, style=base + list(style), **options)
