"""Reading the district's list of towns and villages from Excel (镇 / 村代码 / 村名称 rows).

Only reading and shape checks live here; services/registry.py decides what each row does.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from dangjian_desktop.errors import FieldProblem, ValidationError

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000

#: Column → the header texts a district sheet uses for it.
HEADERS = {
    "town": ("镇", "所属镇", "镇（街道）", "镇(街道)", "所属镇（街道）", "乡镇", "街道", "镇街"),
    "code": ("村代码", "代码", "村编码", "编码"),
    "name": ("村名称", "村党组织名称", "村名", "名称", "村党组织"),
}


@dataclass
class RegistryRead:
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (sheet row, {"town","code","name"})
    problems: list[FieldProblem] = field(default_factory=list)
    rejected_rows: set[int] = field(default_factory=set)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _normal(value: object) -> str:
    return _text(value).replace(" ", "").replace("\u3000", "").replace("*", "")


def _open(path: Path):
    try:
        size = path.stat().st_size
    except OSError:
        raise ValidationError(f"无法读取文件：{path}", "file") from None
    if size > MAX_BYTES:
        raise ValidationError(f"文件太大（{size / 1024 / 1024:.1f} MB），村镇名单不能超过 5 MB", "file")
    not_xlsx = f"不是有效的 Excel 文件（.xlsx）：{path.name}。如果是旧的 .xls 或 WPS 格式，请先在 Excel 中另存为 .xlsx"
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise ValidationError("文件内容太大，村镇名单解压后不能超过 50 MB", "file")
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(not_xlsx, "file") from None
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file; all mean the same here
        raise ValidationError(not_xlsx, "file") from None


def read_registry(path: str | os.PathLike) -> RegistryRead:
    """The rows of the first sheet with a 村代码 and a 村名称 column (镇 optional per row)."""
    workbook = _open(Path(path))
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        columns: dict[str, int] = {}
        header_row = 0
        for number, values in enumerate(rows, start=1):
            found = {}
            for index, value in enumerate(values):
                for key, names in HEADERS.items():
                    if _normal(value) in names and key not in found:
                        found[key] = index
            if "code" in found and "name" in found:
                columns, header_row = found, number
                break
            if number >= 20:
                break
        if not columns:
            raise ValidationError("在前 20 行里找不到表头：需要“村代码”和“村名称”两列（“镇”列可选）", "file")
        result = RegistryRead()
        for number, values in enumerate(rows, start=header_row + 1):
            cells = {key: _text(values[index]) if index < len(values) else "" for key, index in columns.items()}
            if not any(cells.values()):
                continue
            if len(result.rows) + len(result.rejected_rows) >= MAX_ROWS:
                raise ValidationError(f"名单超过 {MAX_ROWS} 行，请分批导入", "file")
            cells.setdefault("town", "")
            result.rows.append((number, cells))
        return result
    finally:
        workbook.close()
