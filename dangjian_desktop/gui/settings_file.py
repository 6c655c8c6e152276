"""Where QSettings keeps window geometry and last-used folders: the platform's place, or a folder.

Portable mode and the self-test point it at a folder, so nothing is written to the user's profile
(on Windows the registry).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings


def use_settings_folder(folder: Path | None) -> None:
    """Every later `QSettings()` reads and writes `<folder>/<organisation>/<app>.ini`; None changes nothing."""
    if folder is None:
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def settings_file() -> str:
    """The file (or registry key) `QSettings()` uses now."""
    return QSettings().fileName()
