"""The district report as a workbook: a 报告摘要 sheet with the prose, then one sheet per statistic
(the same tables as the PDF: a title row, a bold shaded header, rows per town, 全区合计 in bold)
and the per-village detail. Numbers stay numbers with a number format (percentages are fractions
formatted 0.0%), so the office can sum and chart them; header rows and name columns are frozen.
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dangjian_desktop.reports.district_report_data import DistrictReport, StatTable, stat_tables, village_table
from dangjian_desktop.reports.district_report_text import summary_paragraphs
from dangjian_desktop.reports.pdf import PrintError

NUMBER_FORMATS = {"int": "0", "dec1": "0.0", "pct": "0.0%", "text": "@"}
_HEADER_FILL = PatternFill("solid", fgColor="FFDDE6F0")
_TOTAL_FILL = PatternFill("solid", fgColor="FFF2F2F2")
_THIN = Side(style="thin", color="FF999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
SUMMARY_SHEET = "报告摘要"


def sheet_name(key: str) -> str:
    return key[:31].translate(str.maketrans("[]:*?/\\", "（）：＊？／＼"))


def _text_width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_stat_sheet(workbook: Workbook, table: StatTable) -> None:
    sheet = workbook.create_sheet(sheet_name(table.key))
    columns = len(table.columns)
    sheet.append([table.title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.append([c.header for c in table.columns])
    for cell in sheet[2]:
        cell.font, cell.fill, cell.border = Font(bold=True), _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [max(_text_width(c.header) + 2, 8) for c in table.columns]
    body = list(table.rows) + ([table.total] if table.total else [])
    for n, row in enumerate(body):
        sheet.append(list(row))
        r = sheet.max_row
        for k, (value, column) in enumerate(zip(row, table.columns)):
            cell = sheet.cell(r, k + 1)
            cell.number_format = NUMBER_FORMATS[column.kind]
            cell.border = _BORDER
            if column.kind == "text" and value is not None:
                cell.data_type = "s"
            widths[k] = max(widths[k], min(40, _text_width(value) + 2))
            if table.total and n == len(body) - 1:
                cell.font, cell.fill = Font(bold=True), _TOTAL_FILL
    if table.note:
        sheet.append([])
        sheet.append([f"注：{table.note}"])
    for k, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = width
    sheet.row_dimensions[2].height = 30
    names = next((k for k, c in enumerate(table.columns) if c.kind != "text"), 1)
    sheet.freeze_panes = f"{get_column_letter(names + 1)}3"  # the title and header rows, the name columns
    if table.rows:
        sheet.auto_filter.ref = f"A2:{get_column_letter(columns)}{2 + len(table.rows)}"  # not the 合计 row


def _summary_sheet(workbook: Workbook, report: DistrictReport) -> None:
    sheet = workbook.active
    sheet.title = SUMMARY_SHEET
    sheet.append([f"{report.district_name} {report.title}"])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.append([f"统计至 {report.counted_through.isoformat()}，生成于 {report.printed_on.isoformat()}"])
    sheet.append([])
    for text in summary_paragraphs(report) + [f"说明：{n}" for n in report.notes]:
        sheet.append([text])
        cell = sheet.cell(sheet.max_row, 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[sheet.max_row].height = 15 * (1 + _text_width(text) // 110)
    sheet.column_dimensions["A"].width = 120
    sheet.freeze_panes = "A2"


def render(report: DistrictReport, *, out: Path) -> Path:
    """Write the workbook to `out` atomically; returns the path."""
    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise PrintError(f"输出文件应以 .xlsx 结尾：{target}")
    if not target.parent.is_dir():
        raise PrintError(f"文件夹不存在：{target.parent}")
    workbook = Workbook()
    _summary_sheet(workbook, report)
    tables = stat_tables(report) + ([village_table(report)] if report.villages else [])
    for table in tables:
        write_stat_sheet(workbook, table)
    partial = target.with_name(f".~{target.name}.partial")
    try:
        workbook.save(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
