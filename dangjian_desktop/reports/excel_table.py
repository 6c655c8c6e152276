"""Any table the user sees, written to .xlsx: a title row, a bold header, text cells kept as text."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

_HEADER_FILL = PatternFill("solid", fgColor="FFDDE6F0")


def write_table(path: str | Path, *, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Write one sheet; strings stay text (ID numbers do not turn into numbers), numbers stay numbers."""
    path = Path(path)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (title or "Sheet")[:31].translate(str.maketrans("[]:*?/\\", "（）：＊？／＼"))
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, len(headers)))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.append(list(headers))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    widths = [len(str(h)) * 2 + 2 for h in headers]
    for row in rows:
        values = list(row)
        sheet.append(values)
        for column, value in enumerate(values):
            if isinstance(value, str):
                cell = sheet.cell(sheet.max_row, column + 1)
                cell.data_type, cell.number_format = "s", "@"
                widths[column] = max(widths[column], min(60, len(value) * 2 + 2))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A3"
    partial = path.with_name(path.name + ".partial")
    workbook.save(partial)
    os.replace(partial, path)
    return path
