"""Automatic backups (one a day, at the first start of the day), how many to keep, and bringing a
damaged database back from a backup before the program can open it.

The daily backup and the recovery work on a database *path*, on their own connection: the daily
one runs on a background thread, and the recovery runs when no Context can be opened at all.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dangjian_desktop.errors import DangjianError, DatabaseDamagedError, ValidationError, from_sqlite
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.store.backup import DEFAULT_KEEP, KEEP_SETTING, backup_files, backup_to, keep_setting, prune

MAX_KEEP = 100
_OUR_TABLES = {"settings", "orgs", "members", "points_ledger", "_sqlite_migrations"}


def folder_of(db_path: Path) -> Path:
    """Where automatic and “backup now” copies go: a `backups` folder beside the database."""
    return Path(db_path).parent / "backups"


# -- how many to keep ---------------------------------------------------------------------------
def keep_count(ctx: Context) -> int:
    return keep_setting(ctx.store.conn)


def set_keep_count(ctx: Context, *, count: int) -> Changes:
    """Keep the last `count` backups in the backups folder. Older ones are deleted when the next
    backup is made, not now: a number lowered by mistake destroys nothing before it is put back."""
    ctx.require("settings.edit")
    if not isinstance(count, int) or not 1 <= count <= MAX_KEEP:
        raise ValidationError(f"保留的备份份数必须是 1 到 {MAX_KEEP} 之间的整数", "backup_keep")
    store = ctx.store
    with store.atomic():
        store.set_setting(KEEP_SETTING, str(count))
        store.audit(ctx.actor, "settings", f"自动备份保留份数改为 {count}")
    return Changes(frozenset({"settings"}))


# -- the daily backup ---------------------------------------------------------------------------
def _open_source(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def daily_backup(db_path: str | Path, *, today: date | None = None) -> Path | None:
    """The first backup of the day, checked, then the rotation; None when today's exists.

    A damaged database is not backed up (it would push good backups out of the rotation):
    DatabaseDamagedError says so, and the user is offered a backup instead.
    """
    db_path = Path(db_path)
    today = today or date.today()
    folder = folder_of(db_path)
    if any(reason == "daily" and made.date() == today for _p, reason, made in backup_files(folder, db_path.stem)):
        return None
    target = folder / f"{db_path.stem}-daily-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.db"
    source = _open_source(db_path)
    try:
        try:
            backup_to(source, target)
            keep = keep_setting(source)
        except sqlite3.Error as exc:
            raise from_sqlite(exc, db_path) or DangjianError(f"自动备份失败：{exc}") from exc
        except OSError as exc:
            raise DangjianError(f"自动备份失败：{exc.strerror or exc}（请检查磁盘空间）") from exc
    finally:
        source.close()
    problem = _quick_check(target)
    if problem:
        target.unlink(missing_ok=True)
        raise DatabaseDamagedError(db_path, problem)
    prune(folder, db_path.stem, keep)
    return target


def _quick_check(path: Path) -> str | None:
    """None when the file is a sound SQLite database, else what is wrong."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    return None if rows == ["ok"] else "；".join(rows)


# -- a damaged database -------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A backup that could replace a damaged database, with what it holds."""

    path: Path
    made: datetime  # local time
    reason: str
    members: int
    meetings: int
    ledger_entries: int


def _summary(path: Path) -> tuple[int, int, int] | None:
    """(members, meetings, ledger entries) of a sound backup of ours; None for anything else."""
    if _quick_check(path):
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not _OUR_TABLES <= tables:
                return None
            count = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
            return (count("SELECT COUNT(*) FROM members WHERE deleted = 0"),
                    count("SELECT COUNT(*) FROM meetings WHERE deleted = 0"),
                    count("SELECT COUNT(*) FROM points_ledger"))
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def describe(path: str | Path) -> Candidate:
    """What a backup file holds; DangjianError when it is damaged or not one of ours."""
    path = Path(path)
    summary = _summary(path) if path.is_file() else None
    if summary is None:
        raise DangjianError(f"“{path.name}”不是完好的党建通数据库备份，不能用来恢复。请换一个备份文件。")
    return Candidate(path, datetime.fromtimestamp(path.stat().st_mtime), "", *summary)


def candidates(db_path: str | Path) -> list[Candidate]:
    """The sound backups of this database in its backups folder, newest first."""
    db_path = Path(db_path)
    out = []
    for path, reason, made in backup_files(folder_of(db_path), db_path.stem):
        summary = _summary(path)
        if summary is not None:
            out.append(Candidate(path, made, reason, *summary))
    return out


def replace_damaged(db_path: str | Path, backup_path: str | Path) -> Path:
    """Put a backup in place of a damaged database file; returns where the damaged file was kept.

    Nothing is deleted: the damaged file (and its -wal/-shm) is renamed `<name>.damaged-<time>`.
    The backup is copied to a temporary name next to the database and renamed only when whole.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    describe(backup_path)  # refuses a damaged or foreign file before anything moves
    staged = db_path.with_name(db_path.name + ".restoring")
    try:
        source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
        try:
            backup_to(source, staged)
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        staged.unlink(missing_ok=True)
        raise DangjianError(f"无法复制备份：{exc}。原来的文件没有改动。") from exc
    kept = db_path.with_name(f"{db_path.name}.damaged-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(db_path) + suffix)
        if part.exists():
            os.replace(part, Path(str(kept) + suffix))
    os.replace(staged, db_path)
    return kept


__all__ = ["DEFAULT_KEEP", "Candidate", "candidates", "daily_backup", "describe", "folder_of", "keep_count",
           "replace_damaged", "set_keep_count"]
