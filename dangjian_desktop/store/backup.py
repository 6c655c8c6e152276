"""Online backups with SQLite's backup API (safe while the database is open and in WAL mode),
and the rotation that keeps the last N of them."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from dangjian_desktop.paths import sync_folder

#: Why a backup in the backups folder was made (the word is part of its file name).
REASONS = ("daily", "manual", "pre-import", "pre-migration", "before-restore")
DEFAULT_KEEP = 10
KEEP_SETTING = "backup_keep"


def backup_database(conn: sqlite3.Connection, folder: Path, stem: str, reason: str,
                    *, keep: int | None = None, rotate: bool = True) -> Path:
    """Copy the open database to `folder/<stem>-<reason>-<local time>.db` and return the path;
    then (`rotate`) delete this database's oldest backups beyond the last `keep` (default: its
    setting). A restore's safety copy does not rotate: it could delete the backup being restored.

    The copy is written under a temporary name, flushed and renamed when complete, so a backup
    that exists is always whole. File names avoid ':' so they are legal on FAT32 and Windows.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}-{reason}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.db"
    backup_to(conn, target)
    if rotate:
        prune(folder, stem, keep if keep is not None else keep_setting(conn))
    return target


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """A whole copy of the open database at `target` (a USB stick too: flushed before it is named)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with open(partial, "rb+") as handle:  # a stick pulled out after "saved" must hold it all
            os.fsync(handle.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    sync_folder(target.parent)
    return target



def keep_setting(conn: sqlite3.Connection) -> int:
    """How many backups to keep, from the settings table (the default where it has none)."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [KEEP_SETTING]).fetchone()
    except sqlite3.Error:  # a database so old or new it has no settings table
        return DEFAULT_KEEP
    try:
        return max(1, int(row[0])) if row and row[0] is not None else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP


def _pattern(stem: str) -> re.Pattern:
    reasons = "|".join(re.escape(r) for r in REASONS)
    return re.compile(rf"^{re.escape(stem)}-(?P<reason>{reasons})-(?P<stamp>\d{{8}}-\d{{6}}-\d{{6}})\.db$")


def backup_files(folder: Path, stem: str) -> list[tuple[Path, str, datetime]]:
    """(path, reason, time made) of the database `stem`'s backups in `folder`, newest first.

    Only names this module writes count: a database called `village2` or a file the user put
    there is never taken for a backup of `village` (nor deleted by the rotation)."""
    if not folder.is_dir():
        return []
    pattern, out = _pattern(stem), []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match and path.is_file():
            out.append((path, match["reason"], datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")))
    return sorted(out, key=lambda item: item[2], reverse=True)


def prune(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups of `stem` (and copies a crash left half-written)."""
    removed = []
    for path, _reason, _made in backup_files(folder, stem)[max(1, keep):]:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass  # in use or read-only: tried again next time
    pattern, an_hour_ago = _pattern(stem), time.time() - 3600  # a younger one may be being written
    for partial in folder.glob(f"{stem}-*.db.partial"):
        try:
            if pattern.match(partial.name[: -len(".partial")]) and partial.stat().st_mtime < an_hour_ago:
                partial.unlink()
        except OSError:
            pass
    return removed
