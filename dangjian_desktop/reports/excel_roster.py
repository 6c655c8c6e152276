"""The member roster (党员花名册) as an .xlsx workbook, read and written with openpyxl.

Reading is forgiving about layout (title rows, merged cells, header wording, dates as text)
and strict about content: every row goes through `clean_member`, and a row with any problem
is rejected whole, with the reasons, so nothing half-right reaches the database.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from dangjian_desktop.core.idcard import normalize_id
from dangjian_desktop.core.members import DATE_KEYS, FLAG_KEYS, LABELS, ROSTER_COLUMNS, clean_member
from dangjian_desktop.errors import FieldProblem, ValidationError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # an .xlsx is a zip: bound what it expands to as well
HEADER_SCAN_ROWS = 20
BLANK_TAIL_ROWS = 500  # formatted-but-empty rows can run to row 1 048 576; stop well before
SERIAL_HEADER = "序号"

# Header wordings seen in real rosters, compared after dropping spaces, '*' and (…) notes.
_HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员姓名"),
    "branch_name": ("所在党支部", "所在支部", "党支部", "支部", "所在党组织", "支部名称"),
    "id_number": ("公民身份号码", "身份证号", "身份证号码", "身份证", "公民身份证号码"),
    "sex": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日"),
    "education": ("学历", "文化程度", "最高学历", "全日制学历"),
    "category": ("人员类别", "党员类别", "党员类型"),
    "joined_on": ("加入党组织日期", "入党时间", "入党日期", "入党年月"),
    "full_on": ("转为正式党员日期", "转正时间", "转正日期", "转正年月"),
    "job": ("工作岗位", "职业", "岗位"),
    "phone": ("手机号", "手机", "手机号码", "联系电话", "联系方式"),
    "landline": ("固定电话", "座机", "固话"),
    "address": ("家庭住址", "住址", "家庭地址", "现居住地"),
    "standing": ("党籍状态",),
    "lost_contact": ("是否为失联党员", "是否失联党员", "是否失联", "失联党员"),
    "lost_contact_on": ("失去联系日期", "失联日期", "失联时间"),
    "flowing": ("是否为流动党员", "是否流动党员", "流动党员"),
    "flow_to": ("外出流向", "流向", "外出地点", "流动去向"),
    "note": ("备注",),
    "party_post": ("党内职务", "职务"),
    "group_name": ("党小组", "所在党小组"),
    # 党员类别 is usually 正式/预备; only when that column exists does it mean the points class.
    "member_class": ("党员分类", "积分类别", "积分分类", "党员类别"),
    "dues_standard": ("党费标准", "月交党费", "每月党费"),
    "dues_paid_until": ("党费交至年月", "党费交至", "党费交纳至"),
}
_TAIL_MARKERS = ("合计", "总计", "说明", "注:", "填表人", "制表人", "审核人")

_TEXT_FORMAT = "@"
_DATE_FORMAT = "yyyy-mm-dd"
# Named styles: setting border and format cell by cell costs seconds on a few thousand rows.
_STYLE_FORMATS = {"roster_plain": "General", "roster_text": _TEXT_FORMAT,
                  "roster_date": _DATE_FORMAT, "roster_money": "0.00"}
_WIDTHS = {"name": 10, "branch_name": 16, "id_number": 21, "ethnicity": 8, "birth_date": 12,
           "education": 11, "category": 10, "joined_on": 14, "full_on": 14, "job": 14,
           "phone": 14, "landline": 14, "address": 28, "lost_contact_on": 12, "flow_to": 18,
           "note": 20, "party_post": 10, "group_name": 10, "member_class": 10,
           "dues_standard": 10, "dues_paid_until": 12}


@dataclass
class RosterRead:
    """What a roster file held: good rows (spreadsheet row number, cleaned member) and, for
    every rejected row, the reasons (each FieldProblem names row and column header)."""

    rows: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)
    rejected_rows: set[int] = field(default_factory=set)
    sheet: str = ""
    header_row: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    #: the member fields the sheet has columns for: an update touches only these
    present_keys: frozenset[str] = frozenset()


def _normal_header(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    return re.sub(r"[\s*]", "", text)


def _header_keys(value: object) -> list[str]:
    """Keys a header could mean, most likely first ([] if unknown)."""
    text = _normal_header(value)
    if not text:
        return []
    for candidate in (text, re.sub(r"\(.*?\)", "", text)):
        keys = [key for key, names in _HEADER_VARIANTS.items() if candidate in names]
        if keys or candidate == SERIAL_HEADER:
            return keys or [SERIAL_HEADER]
    return []


def _map_columns(headers: list[object]) -> tuple[dict[str, int], list[str]]:
    """key → 0-based column; unambiguous headers are placed first so that an ambiguous one
    (党员类别) takes whatever meaning is left. Also returns the ignored header texts."""
    columns: dict[str, int] = {}
    ignored = []
    candidates = [(index, _header_keys(value)) for index, value in enumerate(headers)]
    for single in (True, False):
        for index, keys in candidates:
            if (len(keys) == 1) != single:
                continue
            free = [key for key in keys if key not in columns]
            if free:
                columns[free[0]] = index
            elif not keys and headers[index] not in (None, ""):
                ignored.append(str(headers[index]).strip())
    columns.pop(SERIAL_HEADER, None)
    return columns, ignored


def _fail(message: str) -> ValidationError:
    return ValidationError(message, "file")


def _open(path: Path):
    try:
        size = path.stat().st_size
    except OSError:
        raise _fail(f"无法读取文件：{path}") from None
    if size > MAX_BYTES:
        raise _fail(f"文件太大（{size / 1024 / 1024:.1f} MB），花名册文件不能超过 20 MB")
    not_xlsx = (f"不是有效的 Excel 文件（.xlsx）：{path.name}。"
                "如果是旧的 .xls 或 WPS 格式，请先在 Excel 中另存为 .xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise _fail(not_xlsx) from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise _fail("文件内容太大，花名册文件解压后不能超过 200 MB")
    try:
        # Not read-only: merged-cell ranges are only known to a full workbook.
        return load_workbook(path, read_only=False, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file; all mean the same here
        raise _fail(not_xlsx) from None


def _find_header(workbook) -> tuple[object, int, dict[str, int], list[str]]:
    best = None
    for sheet in workbook.worksheets:
        last = min(sheet.max_row, HEADER_SCAN_ROWS)
        for row_number, values in enumerate(
                sheet.iter_rows(min_row=1, max_row=last, values_only=True), start=1):
            headers = _merged_headers(sheet, row_number, list(values))
            score = sum(1 for value in headers if _header_keys(value))
            if best is None or score > best[0]:
                best = (score, sheet, row_number, headers)
    if best is not None:
        _, sheet, row_number, headers = best
        columns, ignored = _map_columns(headers)
        if "name" in columns and "id_number" in columns:
            return sheet, row_number, columns, ignored
    raise _fail(f"找不到花名册表头：前 {HEADER_SCAN_ROWS} 行中没有同时包含“姓名”和"
                "“公民身份号码（身份证号）”的行")


def _merged_headers(sheet, row_number: int, values: list[object]) -> list[object]:
    """A header cell that is a lower part of a merged block shows the block's text."""
    for block in sheet.merged_cells.ranges:
        if block.min_row < row_number <= block.max_row:
            top = sheet.cell(block.min_row, block.min_col).value
            for col in range(block.min_col, min(block.max_col, len(values)) + 1):
                if values[col - 1] in (None, ""):
                    values[col - 1] = top
    return values


def _header_bottom(sheet, header_row: int) -> int:
    """The last row of the header: blocks merged down from it make a two-row header."""
    bottom = header_row
    for block in sheet.merged_cells.ranges:
        if block.min_row <= header_row <= block.max_row:
            bottom = max(bottom, block.max_row)
    return bottom


def _vertical_fill(sheet, first_data_row: int) -> dict[tuple[int, int], object]:
    """(row, 0-based col) → value for cells under a cell merged downwards, e.g. one 所在党支部
    cell spanning all its members. Merges across columns are titles or notes: left alone."""
    fill = {}
    for block in sheet.merged_cells.ranges:
        if block.min_col == block.max_col and block.max_row > block.min_row >= first_data_row:
            top = sheet.cell(block.min_row, block.min_col).value
            for row in range(block.min_row + 1, block.max_row + 1):
                fill[(row, block.min_col - 1)] = top
    return fill


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_tail(values: tuple) -> bool:
    first = next((v for v in values if not _blank(v)), None)
    text = _normal_header(first)
    return isinstance(first, str) and text.startswith(_TAIL_MARKERS)


def read_roster(path: str | os.PathLike, *, today: date) -> RosterRead:
    """Read a roster workbook. Raises ValidationError only for a file that cannot be used at
    all (not .xlsx, too big, no header); row problems are reported in the result."""
    workbook = _open(Path(path))
    sheet, header_row, columns, ignored = _find_header(workbook)
    result = RosterRead(sheet=sheet.title, header_row=header_row, ignored_columns=ignored,
                        present_keys=frozenset(columns))
    headers = _merged_headers(sheet, header_row, [c.value for c in sheet[header_row]])
    column_names = {key: str(headers[index]).strip() for key, index in columns.items()}
    first_data_row = _header_bottom(sheet, header_row) + 1
    fill = _vertical_fill(sheet, first_data_row)
    first_row_of_id: dict[str, int] = {}
    blank_run = data_rows = 0
    for row_number, values in enumerate(
            sheet.iter_rows(min_row=first_data_row, values_only=True), start=first_data_row):
        if _is_tail(values):
            break
        raw = {key: values[index] if index < len(values) else None
               for key, index in columns.items()}
        # Judged before filling merged cells: a branch cell spanning empty template rows
        # does not make them rows.
        if all(_blank(value) for value in raw.values()):
            blank_run += 1
            if blank_run >= BLANK_TAIL_ROWS:
                break
            continue
        blank_run = 0
        data_rows += 1
        if data_rows > MAX_ROWS:
            raise _fail(f"花名册超过 {MAX_ROWS} 行，请拆分后分批导入")
        for key, index in columns.items():
            if (row_number, index) in fill and _blank(raw[key]):
                raw[key] = fill[(row_number, index)]
        _read_row(result, row_number, raw, column_names, first_row_of_id, today)
    return result


def _read_row(result: RosterRead, row_number: int, raw: dict, column_names: dict[str, str],
              first_row_of_id: dict[str, int], today: date) -> None:
    found: list[FieldProblem] = []
    member = None
    try:
        member = clean_member(raw, today=today)
    except ValidationError as error:
        found.extend(error.problems)
    try:
        id_number = normalize_id(raw.get("id_number"))
    except ValidationError:
        id_number = None
    if id_number in first_row_of_id:
        found.append(FieldProblem("id_number", f"身份证号与第 {first_row_of_id[id_number]} 行"
                                               "相同，同一人不能出现两次"))
    elif id_number:
        first_row_of_id[id_number] = row_number
    if found:
        result.rejected_rows.add(row_number)
        result.problems.extend(
            FieldProblem(p.field, p.reason, row=row_number,
                         column=column_names.get(p.field) or LABELS.get(p.field, p.field))
            for p in found)
    else:
        result.rows.append((row_number, member))


def write_roster(path: str | os.PathLike, members: list[dict], *, title: str) -> Path:
    """Write cleaned members as a printable roster; returns the path.

    Written to a temporary file beside the target and renamed, so a crash never leaves half
    a roster where the old one was.
    """
    target = Path(path)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "党员花名册"
    keys = [key for key, _ in ROSTER_COLUMNS]
    width = len(keys) + 1
    sheet.cell(1, 1, title).font = Font(bold=True, size=16)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 32
    _add_styles(workbook)
    for col, header in enumerate([SERIAL_HEADER, *(h for _, h in ROSTER_COLUMNS)], start=1):
        sheet.cell(2, col, header).style = "roster_header"
    for index, member in enumerate(members, start=1):
        row = index + 2
        sheet.cell(row, 1, index).style = "roster_plain"
        for col, key in enumerate(keys, start=2):
            _write_cell(sheet.cell(row, col), key, member.get(key))
    sheet.column_dimensions["A"].width = 6
    for col, key in enumerate(keys, start=2):
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(key, 9)
    sheet.freeze_panes = "C3"  # header and 序号/姓名 stay in view on a 26-column sheet
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
    _save_atomically(workbook, target)
    return target


def _add_styles(workbook: Workbook) -> None:
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook.add_named_style(NamedStyle(
        "roster_header", font=Font(bold=True), fill=PatternFill("solid", fgColor="F4CCCC"),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        border=border))
    for name, number_format in _STYLE_FORMATS.items():
        workbook.add_named_style(NamedStyle(name, border=border, number_format=number_format))


def _write_cell(cell, key: str, value: object) -> None:
    if value is None or value == "":
        cell.style = "roster_text" if key in ("id_number", "phone", "landline") else "roster_plain"
    elif key in DATE_KEYS:
        cell.value = date.fromisoformat(str(value)) if not isinstance(value, date) else value
        cell.style = "roster_date"
    elif key in FLAG_KEYS:
        cell.value = "是" if value else "否"
        cell.style = "roster_plain"
    elif key == "dues_standard":
        cell.value = float(value)
        cell.style = "roster_money"
    else:
        # Text cells, so Excel keeps all 18 ID digits and a leading "=" is not a formula.
        cell.value = str(value)
        cell.data_type = "s"
        cell.style = "roster_text"


def _save_atomically(workbook: Workbook, target: Path) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=".xlsx")
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
