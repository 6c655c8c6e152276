"""Where bundles go and come from: the USB drives plugged in (offered first), or a chosen folder.

`list_drives` takes QStorageInfo-like objects, so tests feed it fakes; the heuristics say which
mounted volumes a secretary would call “the USB stick”: on Windows a removable drive (or another
fixed drive that is not the system one: a USB hard disk reports itself fixed), elsewhere a volume
mounted under /media, /run/media, /mnt or /Volumes. Read-only, unready and invalid ones never show.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QSettings, QStorageInfo, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from dangjian_desktop.gui.widgets import big_button, hint_label

DRIVE_REMOVABLE, DRIVE_FIXED = 2, 3  # GetDriveTypeW
UNIX_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")
_FOLDER_KEY = "last_folder/exchange"


@dataclass(frozen=True)
class Drive:
    path: Path
    name: str
    free: int
    removable: bool  # False: another fixed disk (Windows), offered after the removable ones


def _windows_drive_type(root: str) -> int | None:
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        return None


def list_drives(volumes: Iterable | None = None, *, platform: str = sys.platform, system_drive: str | None = None,
                drive_type: Callable[[str], int | None] | None = None) -> list[Drive]:
    """The writable removable drives among `volumes` (default: QStorageInfo.mountedVolumes()), removable first."""
    volumes = QStorageInfo.mountedVolumes() if volumes is None else volumes
    windows = platform.startswith("win")
    system = (system_drive or os.environ.get("SystemDrive") or "C:").rstrip("\\/").upper()
    drive_type = drive_type or (_windows_drive_type if windows else (lambda root: None))
    drives = []
    for volume in volumes:
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if windows:
            letter = root.rstrip("\\/").upper()
            if letter == system:
                continue
            kind = drive_type(root)
            if kind not in (DRIVE_REMOVABLE, DRIVE_FIXED, None):
                continue  # network, CD, RAM disk
            removable = kind != DRIVE_FIXED
        else:
            if not (root + "/").startswith(UNIX_PREFIXES):
                continue
            removable = True
        name = volume.displayName() or root
        drives.append(Drive(Path(root), name, max(int(volume.bytesAvailable()), 0), removable))
    return sorted(drives, key=lambda d: (not d.removable, str(d.path)))


def size_text(size: int) -> str:
    if size >= 1024 ** 3:
        return f"{size / 1024 ** 3:.1f} GB"
    return f"{size / 1024 ** 2:.0f} MB"


class LocationBox(QGroupBox):
    """A drop-down of drives and folders, a refresh button and “choose folder…”; emits `changed`."""

    changed = Signal()

    def __init__(self, title: str, fallback: Path, parent: QWidget | None = None,
                 drives: Callable[[], list[Drive]] | None = None):
        super().__init__(title, parent)
        self.fallback = fallback
        self._drives = drives or (lambda: list_drives())  # looked up when called, so tests can replace it
        self._chosen: Path | None = None
        self.combo = QComboBox()
        self.combo.setMinimumHeight(34)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.refresh_button = big_button(self.tr("Refresh"), tooltip=self.tr("Look again for USB drives"))
        self.choose_button = big_button(self.tr("Choose folder…"))
        self.refresh_button.clicked.connect(self.reload)
        self.choose_button.clicked.connect(self.choose_folder)
        self.hint = hint_label()
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.combo)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        last = QSettings().value(_FOLDER_KEY)
        if last and Path(last).is_dir():
            self._chosen = Path(last)
        self._fill(None)

    def reload(self) -> None:
        """List the drives again (a stick plugged in since), keeping the choice when it is still there."""
        self._fill(self.folder())
        self.changed.emit()

    def _fill(self, current: Path | None) -> None:
        drives = self._drives()
        self.combo.blockSignals(True)
        self.combo.clear()
        for drive in drives:
            label = self.tr("USB drive") if drive.removable else self.tr("Disk")
            self.combo.addItem(self.tr("{0}: {1} ({2}) — {3} free").format(
                label, drive.name, drive.path, size_text(drive.free)), str(drive.path))
        for folder in (self._chosen, self.fallback):
            if folder is not None and self.combo.findData(str(folder)) < 0:
                self.combo.addItem(self.tr("Folder: {0}").format(folder), str(folder))
        index = self.combo.findData(str(current)) if current is not None else -1
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.blockSignals(False)
        self.hint.setText(self.tr("{0} USB drive(s) found. Plug the stick in and press “Refresh” if it is not listed.")
                          .format(len(drives)) if drives else
                          self.tr("No USB drive found. Plug the stick in and press “Refresh”, or choose a folder."))

    def folder(self) -> Path | None:
        data = self.combo.currentData()
        return Path(data) if data else None

    def set_folder(self, folder: Path) -> None:
        """Use `folder` (chosen by hand, or by a test) and remember it for next time."""
        self._chosen = Path(folder)
        QSettings().setValue(_FOLDER_KEY, str(folder))
        self._fill(Path(folder))
        self.changed.emit()

    def choose_folder(self) -> None:
        start = str(self.folder() or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder for bundles"), start)
        if chosen:
            self.set_folder(Path(chosen))
