"""备份与恢复: back up now, copy to a USB stick, restore a backup after a preview and a question.

Backing up and restoring run through the JobRunner (off the GUI thread, with a progress dialog).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QGridLayout, QHBoxLayout, QMessageBox, QSpinBox, QVBoxLayout

from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.home.widgets import GREY, INK, ORANGE, Card, ScaledLabel
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.settings.restore_dialog import RestoreDialog
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.services import backups as auto_backups, maintenance
from dangjian_desktop.services.context import Context


class BackupBox(Card):
    """Emits `restored` with the service's Changes after a backup replaced the data."""

    restored = Signal(object)

    def __init__(self, ctx: Context, runner: JobRunner, parent=None):
        super().__init__(parent=parent)
        self.ctx, self.runner = ctx, runner
        self.heading = ScaledLabel(self.tr("Backup and restore"), factor=1.25, bold=True)
        hint = ScaledLabel(self.tr("A backup is a copy of all the records. Make one every week and keep a copy on a "
                                   "USB stick, so that a broken computer loses nothing."), colour=GREY)
        hint.setWordWrap(True)
        self.last_backup = ScaledLabel("", factor=1.05, colour=INK)
        self.last_backup.setWordWrap(True)
        self.backup_button = big_button(self.tr("Back up now"), primary=True)
        self.copy_button = big_button(self.tr("Save a copy to a USB stick…"))
        self.restore_button = big_button(self.tr("Restore from a backup…"))
        self.folder_button = big_button(self.tr("Open the backups folder"))
        self.backup_button.clicked.connect(self.back_up)
        self.copy_button.clicked.connect(self.copy_to)
        self.restore_button.clicked.connect(self.choose_restore)
        self.folder_button.clicked.connect(self.open_folder)
        buttons = QGridLayout()
        buttons.setSpacing(10)
        for index, button in enumerate((self.backup_button, self.copy_button, self.restore_button, self.folder_button)):
            buttons.addWidget(button, index // 2, index % 2)
        buttons.setColumnStretch(2, 1)
        # How many copies the backups folder keeps (a daily one, and one before each import,
        # migration and restore); the oldest go when a new one is made.
        self.keep = QSpinBox()
        self.keep.setRange(1, auto_backups.MAX_KEEP)
        self.keep.setMinimumWidth(70)
        self.keep.editingFinished.connect(self._keep_changed)
        keep_row = QHBoxLayout()
        keep_row.addWidget(ScaledLabel(self.tr("Keep the last"), colour=INK))
        keep_row.addWidget(self.keep)
        keep_row.addWidget(ScaledLabel(self.tr("automatic backups (one a day, and one before every import)"),
                                       colour=INK), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.last_backup)
        layout.addLayout(buttons)
        layout.addLayout(keep_row)

    def _keep_changed(self) -> None:
        if self.keep.value() == auto_backups.keep_count(self.ctx):
            return
        try:
            auto_backups.set_keep_count(self.ctx, count=self.keep.value())
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            self.keep.setValue(auto_backups.keep_count(self.ctx))

    def load(self) -> None:
        from dangjian_desktop.gui.permissions import guard

        guard(self.restore_button, self.ctx, "backup.restore")
        guard(self.keep, self.ctx, "settings.edit")
        self.keep.blockSignals(True)
        self.keep.setValue(auto_backups.keep_count(self.ctx))
        self.keep.blockSignals(False)
        backups = maintenance.list_backups(self.ctx)
        if backups:
            self.last_backup.setText(self.tr("Last backup: {0}  ({1} backups in the backups folder)").format(
                backups[0].modified.strftime("%Y-%m-%d %H:%M"), len(backups)))
            self.last_backup.set_colour(INK)
        else:
            self.last_backup.setText(self.tr("No backup has been made yet. Please click “Back up now”."))
            self.last_backup.set_colour(ORANGE)

    # -- backing up ------------------------------------------------------------------------
    def back_up(self) -> None:
        self.runner.run(self, self.tr("Backing up…"), lambda ctx, progress: maintenance.backup(ctx), self._backed_up)

    def copy_to(self) -> None:
        folder = QSettings().value("last_folder/backup_copy", str(Path.home()))
        name = self.tr("Dangjian backup {0} {1}.db").format(self.ctx.org["code"], self.ctx.today.isoformat())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of all records"), str(Path(folder) / name),
                                              self.tr("Dangjian backup (*.db)"))
        if not path:
            return
        path = path if path.lower().endswith(".db") else path + ".db"
        QSettings().setValue("last_folder/backup_copy", str(Path(path).parent))
        self.runner.run(self, self.tr("Backing up…"), lambda ctx, progress: maintenance.backup(ctx, out=path),
                        self._backed_up)

    def _backed_up(self, path: Path) -> None:
        self.load()
        QMessageBox.information(self, self.tr("Backup saved"),
                                self.tr("All records were copied to:\n{0}").format(path))

    def open_folder(self) -> None:
        folder = maintenance.backups_folder(self.ctx)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- restoring -------------------------------------------------------------------------
    def choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the backup to restore"),
                                              str(maintenance.backups_folder(self.ctx)),
                                              self.tr("Dangjian backup (*.db);;All files (*)"))
        if path:
            self.restore_from(path)

    def restore_from(self, path: str | Path) -> None:
        """Check the file and show what it holds; restore only after the user confirms."""
        self.runner.run(self, self.tr("Reading the backup…"),
                        lambda ctx, progress: maintenance.inspect_backup(ctx, path=path), self._confirm)

    def _confirm(self, preview: maintenance.BackupPreview) -> None:
        if RestoreDialog(preview, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.runner.run(self, self.tr("Restoring…"),
                        lambda ctx, progress: maintenance.restore_backup(ctx, path=preview.path, progress=progress),
                        self._restored)

    def _restored(self, result: maintenance.RestoreResult) -> None:
        maintenance.reload_context(self.ctx)  # the restore may have run on a worker's connection
        self.load()
        self.restored.emit(result.changes)
        QMessageBox.information(self, self.tr("Backup restored"), self.tr(
            "The records were restored from the backup.\nThe records as they were before are kept in:\n{0}").format(
            result.safety_copy))
