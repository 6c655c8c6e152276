"""A damaged database at start: offer the latest backup (or another one, or quitting); and the
daily backup, made off the GUI thread after the window is shown.

Nothing here runs for a healthy database beyond the `Context.open` the program does anyway.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QMessageBox, QVBoxLayout, QWidget

from dangjian_desktop.errors import DatabaseDamagedError, DangjianError, StoreError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.home.widgets import GREY, INK, RED, ScaledLabel, rescale
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.services import backups
from dangjian_desktop.services.context import Context

log = logging.getLogger(__name__)


class RecoveryDialog(QDialog):
    """Restore the latest backup / choose another backup / quit. `chosen` is the backup to use."""

    def __init__(self, db_path: Path, error: DangjianError, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path, self.chosen = Path(db_path), None
        self.candidates = backups.candidates(db_path)
        self.setWindowTitle(self.tr("The records cannot be opened"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(ScaledLabel(self.tr("The database file is damaged."), factor=1.3, bold=True, colour=RED))
        detail = ScaledLabel(str(error), colour=GREY)
        detail.setWordWrap(True)
        layout.addWidget(detail)
        if self.candidates:
            latest = self.candidates[0]
            text = self.tr("The latest backup was made on {0}. It holds {1} members, {2} meetings and {3} points "
                           "entries. Anything entered after it must be entered again.").format(
                latest.made.strftime("%Y-%m-%d %H:%M"), latest.members, latest.meetings, latest.ledger_entries)
        else:
            text = self.tr("No backup was found beside the database. If you have a copy on a USB stick, choose it.")
        offer = ScaledLabel(text, colour=INK)
        offer.setWordWrap(True)
        layout.addWidget(offer)
        keep = ScaledLabel(self.tr("The damaged file is kept under another name; nothing is deleted."), colour=GREY)
        keep.setWordWrap(True)
        layout.addWidget(keep)
        self.latest_button = big_button(self.tr("Restore the latest backup"), primary=True)
        self.choose_button = big_button(self.tr("Choose another backup…"))
        self.quit_button = big_button(self.tr("Quit"))
        self.latest_button.setEnabled(bool(self.candidates))
        self.latest_button.clicked.connect(self.take_latest)
        self.choose_button.clicked.connect(self.choose)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.latest_button, self.choose_button, self.quit_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        rescale(self)

    def take_latest(self) -> None:
        self.chosen = self.candidates[0].path
        self.accept()

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the backup to restore"),
                                              str(backups.folder_of(self.db_path)),
                                              self.tr("Dangjian backup (*.db);;All files (*)"))
        if not path:
            return
        try:
            backups.describe(path)
        except DangjianError as exc:
            show_error(self, exc)
            return
        self.chosen = Path(path)
        self.accept()


def open_or_recover(db_path: Path, *, actor: str) -> Context | None:
    """Open the database; a damaged one is replaced by the backup the user picks. None: quit."""
    while True:
        try:
            return Context.open(db_path, actor=actor)
        except DatabaseDamagedError as exc:
            dialog = RecoveryDialog(db_path, exc)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
                return None
            try:
                kept = backups.replace_damaged(db_path, dialog.chosen)
            except DangjianError as error:
                show_error(None, error)
                continue
            QMessageBox.information(None, QCoreApplication.translate("RecoveryDialog", "Backup restored"),
                                    QCoreApplication.translate("RecoveryDialog", "The records were restored from the "
                                                               "backup.\nThe damaged file is kept as:\n{0}").format(kept))
        except StoreError as exc:  # a file from a newer version, or one that cannot be read at all
            show_error(None, exc)
            return None


class DailyBackup(QObject):
    """The first start of a day makes a checked backup on a thread of its own; a damaged
    database found by the check is reported (its backup is not made, so good ones are kept)."""

    def __init__(self, db_path: Path, parent: QWidget):
        super().__init__(parent)
        self.outcome: dict = {}
        self.thread = threading.Thread(target=self._work, args=(Path(db_path),), daemon=True)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._poll)

    def start(self) -> None:
        self.thread.start()
        self.timer.start(500)

    def _work(self, db_path: Path) -> None:
        try:
            self.outcome["path"] = backups.daily_backup(db_path)
        except Exception as exc:  # noqa: BLE001 - reported on the GUI thread
            self.outcome["error"] = exc

    def _poll(self) -> None:
        if self.thread.is_alive():
            return
        self.timer.stop()
        error = self.outcome.get("error")
        if isinstance(error, DatabaseDamagedError):
            show_error(self.parent(), error)
        elif error is not None:
            log.warning("daily backup failed: %s", error)


def start_daily_backup(window: QWidget, db_path: Path) -> DailyBackup:
    job = DailyBackup(db_path, window)
    job.start()
    return job
