"""Versions for the About dialog: the runtime's and the installed packages'."""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata


def python_version() -> str:
    return platform.python_version()


def sqlite_version() -> str:
    """The SQLite library the database runs on (bundled with Python)."""
    return sqlite3.sqlite_version


def package_version(distribution: str) -> str | None:
    """The installed version of a distribution, None when its metadata is not there."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
