"""“导出 Excel” for any table view: what the user sees (filtered and sorted) goes to .xlsx.

A table with ID or phone numbers (by its headers or its cells) is personal data: the user is warned
first (gui/personal_export.py), and the file is written by services/personal_data.py, which needs
the 导出含个人信息的表格 permission and records the export in the audit trail.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from dangjian_desktop.gui import personal_export
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.services.context import Context


def model_rows(model: QAbstractItemModel) -> tuple[list[str], list[list[str]]]:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]
    return [str(h) for h in headers], rows


def context_of(widget: QObject | None) -> Context | None:
    """The Context of the page (or window) a widget sits in."""
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        if isinstance(ctx, Context):
            return ctx
        widget = widget.parent()
    for top in QApplication.topLevelWidgets():
        ctx = getattr(top, "ctx", None)
        if isinstance(ctx, Context):
            return ctx
    return None


def ask_path(parent: QWidget, title: str) -> Path | None:
    folder = QSettings().value("last_folder/export", str(Path.home()))
    chosen, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("TableExport", "Export to Excel"), str(Path(folder) / f"{title}.xlsx"),
        QCoreApplication.translate("TableExport", "Excel workbook (*.xlsx)"))
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
    QSettings().setValue("last_folder/export", str(path.parent))
    return path


def export_model(parent: QWidget, model: QAbstractItemModel, title: str, *, path: str | Path | None = None,
                 ctx: Context | None = None) -> Path | None:
    """Ask where to save (unless `path` is given) and write the model's rows as shown."""
    from dangjian_desktop.services import personal_data

    headers, rows = model_rows(model)
    personal = personal_data.table_is_personal(headers, rows)
    if personal:
        ctx = ctx or context_of(parent)
        try:
            if ctx is None:
                raise RuntimeError("no database context for a table with personal information")
            personal_data.check_personal_export(ctx)
        except Exception as exc:  # noqa: BLE001 - refused before anything is asked or written
            show_error(parent, exc)
            return None
        if not personal_export.confirm(parent):
            return None
    if path is None:
        path = ask_path(parent, title)
        if path is None:
            return None
    try:
        if personal:
            written = personal_data.export_table(ctx, path=path, title=title, headers=headers, rows=rows)
        else:
            from dangjian_desktop.reports.excel_table import write_table  # openpyxl: only when exporting

            written = write_table(path, title=title, headers=headers, rows=rows)
    except Exception as exc:  # noqa: BLE001 - a full disk, a locked file, a refusal: all reach the user
        show_error(parent, exc)
        return None
    QMessageBox.information(parent, QCoreApplication.translate("TableExport", "Exported"),
                            QCoreApplication.translate("TableExport", "Saved {0} rows to {1}").format(len(rows), written))
    return written
