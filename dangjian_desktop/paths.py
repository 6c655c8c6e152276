"""Where things live: bundled resources, the user's data folder, and portable mode.

Portable mode: a file named `portable.txt` beside the frozen app's executable (for example on a
USB stick) keeps the database, its backups, bundles and the window settings in a `data` folder
beside the executable instead of the user's profile, so the whole app travels with the stick.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dangjian_desktop import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent

#: The marker file that turns portable mode on, and the folder beside the executable it uses.
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"


def resources_dir() -> Path:
    """The resources folder, from a source checkout, an installed wheel or the frozen app."""
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "dangjian_desktop" / "resources")
    candidates += [_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"]
    for candidate in candidates:
        if (candidate / "rulebooks").is_dir():
            return candidate
    raise FileNotFoundError("resources folder not found; looked in: " + ", ".join(map(str, candidates)))


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def executable_dir() -> Path | None:
    """The folder holding the frozen app's executable; None when running from Python sources."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_dir() -> Path | None:
    """The data folder beside the executable when the portable marker is there, else None."""
    folder = executable_dir()
    if folder is not None and (folder / PORTABLE_MARKER).is_file():
        return folder / PORTABLE_DATA
    return None


def data_dir() -> Path:
    """The data folder: DANGJIAN_DATA_DIR if set, the portable folder, else the user's data folder."""
    override = os.environ.get("DANGJIAN_DATA_DIR")
    if override:
        return Path(override)
    if (portable := portable_dir()) is not None:
        return portable
    import platformdirs  # only here: it is not needed to open a database named on the command line

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_dir() -> Path | None:
    """Where window settings go as an .ini file in portable mode; None means the platform's usual place."""
    return portable_dir()


def default_db_path() -> Path:
    return data_dir() / "dangjian.db"


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
