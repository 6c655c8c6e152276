"""Personal data leaving the program: Excel exports of tables with ID or phone numbers.

Every such export needs the 导出含个人信息的表格 permission (`personal.export`) and leaves an audit
entry (action `export_personal`: the file name and the row count). A role without
`personal.export` is refused rather than given a masked file: a roster with masked numbers still
lists names, birth dates and addresses, and under core/roles.py every role that may not see the
numbers may not export them either. Should a role ever have `personal.export` without
`personal.view`, its files are masked like its screens (defence in depth).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from dangjian_desktop.core.privacy import mask_text, personal_columns
from dangjian_desktop.services.context import Context

#: The warning the GUI shows before writing such a file (gui/personal_export.py asks with it).
WARNING = "此表格含有身份证号、电话等个人信息，请妥善保管，不要随意转发。"
ACTION = "export_personal"

#: The printed forms (services/printing.py FORMS) and whether each is public: posted on the notice
#: board (积分公示表), passed round a meeting (签到表), filed or handed to the member and to the
#: town (考评表, 会议记录, 星级评定表, 培训统计表). Public forms never carry an ID or phone number
#: (tests/test_privacy_forms.py renders each). The 党员花名册 is the branch's own register: it
#: carries them, masked when printed by a role that may not see them.
PUBLIC_FORMS = frozenset({"publicity", "signin-sheet", "meeting-record", "member-form", "star-form",
                          "training-stats"})
INTERNAL_FORMS = frozenset({"roster"})


def check_personal_export(ctx: Context) -> None:
    """Refuse (PermissionDenied) before any file is written."""
    ctx.require("personal.export")


def record_personal_export(ctx: Context, *, path: str | Path, rows: int, what: str) -> None:
    """The audit entry of an export of personal data (call after the file is written)."""
    ctx.store.audit(ctx.actor, ACTION, f"导出{what} {Path(path).name}（{rows} 行，含身份证号、电话等个人信息）")


def table_is_personal(headers: Sequence[str], rows: Sequence[Sequence]) -> bool:
    """Whether a table shown on screen holds ID or phone numbers (by header or by content)."""
    return bool(personal_columns(headers, rows))


def export_table(ctx: Context, *, path: str | Path, title: str, headers: Sequence[str],
                 rows: Sequence[Sequence]) -> Path:
    """Write a table as it is shown to .xlsx. One with ID or phone numbers needs `personal.export`,
    is masked unless the user may see the numbers, and is recorded in the audit trail."""
    from dangjian_desktop.reports.excel_table import write_table  # openpyxl: only when exporting

    columns = personal_columns(headers, rows)
    if not columns:
        return write_table(path, title=title, headers=headers, rows=rows)
    check_personal_export(ctx)
    if not ctx.may("personal.view"):
        rows = [[mask_text(v) if i in columns and isinstance(v, str) else v for i, v in enumerate(row)]
                for row in rows]
    written = write_table(path, title=title, headers=headers, rows=rows)
    record_personal_export(ctx, path=written, rows=len(rows), what=f"表格“{title}”")
    return written
