"""The one place that turns errors into messages a village secretary understands."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dangjian_desktop.errors import DangjianError, ValidationError, from_sqlite

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    exc = from_sqlite(exc) or exc  # a full disk or a damaged file met outside a transaction
    if isinstance(exc, ValidationError) and len(exc.problems) > 1:
        return "\n".join(f"• {p}" for p in exc.problems)
    if isinstance(exc, DangjianError):
        return exc.message
    if isinstance(exc, OSError):
        return QCoreApplication.translate("ErrorPresenter", "Cannot read or write the file: {0}").format(exc.strerror or exc)
    return QCoreApplication.translate(
        "ErrorPresenter", "Something unexpected went wrong. Nothing was saved. Details: {0}").format(exc)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    exc = from_sqlite(exc) or exc
    if not isinstance(exc, (DangjianError, OSError)):
        log.error("unexpected error\n%s", "".join(traceback.format_exception(exc)))
    title = (QCoreApplication.translate("ErrorPresenter", "Please check") if isinstance(exc, DangjianError)
             else QCoreApplication.translate("ErrorPresenter", "Error"))
    QMessageBox.warning(parent, title, error_text(exc))
