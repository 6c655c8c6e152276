"""Online backups with SQLite's backup API (safe while the database is open and in WAL mode)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backup_database(conn: sqlite3.Connection, folder: Path, stem: str, reason: str) -> Path:
    """Copy the open database to `folder/<stem>-<reason>-<local time>.db` and return the path.

    The copy is written under a temporary name and renamed when complete, so a backup that
    exists is always whole. File names avoid ':' so they are legal on FAT32 and Windows.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stem}-{reason}-{stamp}.db"
    return backup_to(conn, target)


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(str(partial))
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    partial.replace(target)
    return target
