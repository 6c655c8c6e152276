"""The last question before a restore: what the backup holds beside what the program holds now."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from dangjian_desktop.core.periods import local_time
from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.home.widgets import GREY, INK, ORANGE, RED, ScaledLabel, rescale
from dangjian_desktop.services.maintenance import BackupPreview


def size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} KB"


class RestoreDialog(QDialog):
    def __init__(self, preview: BackupPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setMinimumWidth(620)
        intro = ScaledLabel(self.tr("Please check that this is the backup you want."), factor=1.2, bold=True,
                            colour=INK)
        file_line = ScaledLabel(self.tr("File: {0} ({1}), saved {2}").format(
            preview.path.name, size_text(preview.size), preview.modified.strftime("%Y-%m-%d %H:%M")), colour=GREY)
        file_line.setWordWrap(True)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(8)
        grid.addWidget(ScaledLabel(self.tr("Now in the program"), bold=True, colour=GREY), 0, 1)
        grid.addWidget(ScaledLabel(self.tr("In the backup"), bold=True, colour=RED), 0, 2)
        now, backup = preview.current, preview.backup
        rows = (
            (self.tr("Village"), lambda s: f"{s['org_name']}（{s['org_code']}）"),
            (self.tr("Members on the roster"), lambda s: str(s["members"])),
            (self.tr("Meetings and trainings"), lambda s: str(s["meetings"])),
            (self.tr("Points entries"), lambda s: str(s["ledger_entries"])),
            (self.tr("Last change"), lambda s: local_time(s["last_change"], "—")),
        )
        for row, (label, value) in enumerate(rows, start=1):
            grid.addWidget(ScaledLabel(label, colour=INK), row, 0)
            grid.addWidget(ScaledLabel(value(now), colour=INK), row, 1)
            grid.addWidget(ScaledLabel(value(backup), bold=True, colour=INK), row, 2)
        grid.setColumnStretch(3, 1)

        warning = ScaledLabel(self.tr(
            "Restoring replaces all the records now in the program with the ones in the backup. Anything entered "
            "after the backup's last change will no longer be in the program. A safety copy of the records as they "
            "are now is saved first, so you can go back to it by restoring that copy."), colour=RED)
        warning.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(file_line)
        layout.addWidget(grid_host)
        layout.addWidget(warning)
        if preview.upgrade_needed:
            upgrade = ScaledLabel(self.tr("This backup was made by an older version of the program; it is brought "
                                          "up to date after restoring."), colour=ORANGE)
            upgrade.setWordWrap(True)
            layout.addWidget(upgrade)
        self.restore_button = big_button(self.tr("Restore this backup"), primary=True)
        self.cancel_button = big_button(self.tr("Cancel"))
        self.restore_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setDefault(True)  # Enter alone must not replace the data
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        rescale(self)
        self.cancel_button.setFocus()

