"""“导出 Excel” for any table view: what the user sees (filtered and sorted) goes to .xlsx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dangjian_desktop.gui.errors import show_error


def model_rows(model: QAbstractItemModel) -> tuple[list[str], list[list[str]]]:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]
    return [str(h) for h in headers], rows


def export_model(parent: QWidget, model: QAbstractItemModel, title: str, *, path: str | Path | None = None) -> Path | None:
    """Ask where to save (unless `path` is given) and write the model's rows as shown."""
    if path is None:
        folder = QSettings().value("last_folder/export", str(Path.home()))
        chosen, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("TableExport", "Export to Excel"), str(Path(folder) / f"{title}.xlsx"),
            QCoreApplication.translate("TableExport", "Excel workbook (*.xlsx)"))
        if not chosen:
            return None
        path = chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx"
        QSettings().setValue("last_folder/export", str(Path(path).parent))
    from dangjian_desktop.reports.excel_table import write_table  # openpyxl: only when exporting

    headers, rows = model_rows(model)
    try:
        written = write_table(path, title=title, headers=headers, rows=rows)
    except OSError as exc:
        show_error(parent, exc)
        return None
    QMessageBox.information(parent, QCoreApplication.translate("TableExport", "Exported"),
                            QCoreApplication.translate("TableExport", "Saved {0} rows to {1}").format(len(rows), written))
    return written
