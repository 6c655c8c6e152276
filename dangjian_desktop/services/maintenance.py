"""Keeping the database sound: integrity and ledger checks, online backups and restoring one."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator


from dangjian_desktop.core.points import score_members
from dangjian_desktop.core.rulebook import load_rulebook
from dangjian_desktop.errors import DangjianError, StoreError
from dangjian_desktop.paths import data_dir
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.store import Store, queries
from dangjian_desktop.store.backup import backup_database, backup_files, backup_to, keep_setting, prune
from dangjian_desktop.store.home_queries import database_summary, has_tables
from dangjian_desktop.store.points_sql import score_totals
from dangjian_desktop.store.schema import migrations


def check_database(ctx: Context) -> list[str]:
    """Every problem found, in Chinese; an empty list means the database is sound."""
    store = ctx.store
    problems = []
    integrity = [row[0] for row in store.conn.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        problems.append("SQLite 完整性检查失败：" + "；".join(integrity[:5]))
        return problems  # nothing else can be trusted
    for table, rowid, parent, _fk in store.conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        problems.append(f"表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录")
    for row in queries.ledger_problems(store):
        problems.append(row)
    problems += _totals_disagree(ctx)
    problems += queries.change_log_gaps(store)
    return problems


def _totals_disagree(ctx: Context) -> list[str]:
    """The fast SQL totals must equal the reference scoring of the core for every cycle on record."""
    if ctx.role != "village":
        return []
    store, out = ctx.store, []
    for cycle, rulebook_uuid in queries.ledger_cycles(store, ctx.org_uuid):
        rulebook = load_rulebook(queries.row(store, "rulebooks", rulebook_uuid)["content"])
        fast = {r.member_uuid: r.total_x100 for r in score_totals(store, rulebook, cycle_year=cycle, org=ctx.org_uuid)}
        entries = queries.ledger_entries_for_scoring(store, cycle_year=cycle, member_uuids=list(fast))
        slow = score_members(entries, rulebook, cycle_year=cycle, members=fast)
        wrong = [uuid for uuid, total in fast.items() if slow[uuid].total_x100 != total]
        if wrong:
            out.append(f"{cycle} 年度有 {len(wrong)} 名党员的积分合计与台账不符")
    return out


def backup(ctx: Context, *, out: str | Path | None = None) -> Path:
    """An online backup (safe while the app is open) to `out`, or to the backups folder."""
    store = ctx.store
    try:
        if out:
            path = backup_to(store.conn, Path(out))
        else:
            path = backup_database(store.conn, backups_folder(ctx), _stem(ctx), "manual")
    except OSError as exc:
        raise DangjianError(f"备份失败：{exc.strerror or exc}（请检查磁盘空间和写入权限）") from exc
    store.audit(ctx.actor, "backup", f"备份数据库到 {path}")
    return path


def backups_folder(ctx: Context) -> Path:
    """Where automatic and “backup now” copies go: a `backups` folder beside the database."""
    return (ctx.store.path.parent if ctx.store.path else data_dir()) / "backups"


def _stem(ctx: Context) -> str:
    return ctx.store.path.stem if ctx.store.path else "dangjian"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    modified: datetime  # local time
    size: int


def list_backups(ctx: Context) -> list[BackupFile]:
    """This database's backups in the usual folder, newest first (databases side by side share it)."""
    out = []
    for path, _reason, made in backup_files(backups_folder(ctx), _stem(ctx)):
        try:
            out.append(BackupFile(path, made, path.stat().st_size))
        except OSError:  # deleted meanwhile (the rotation of another window)
            pass
    return out


# -- restoring a backup -----------------------------------------------------------------------

_OUR_TABLES = ("settings", "orgs", "members", "meetings", "points_ledger", "audit_log")


@dataclass(frozen=True)
class BackupPreview:
    """What a backup file holds, beside what the database holds now, to confirm before restoring."""

    path: Path
    modified: datetime  # the file's time, local
    size: int
    backup: dict  # store.home_queries.database_summary of the backup
    current: dict  # … and of the open database
    upgrade_needed: bool  # made by an older version: its structure is brought up to date after restoring


@dataclass(frozen=True)
class RestoreResult:
    preview: BackupPreview
    safety_copy: Path  # the database as it was just before the restore
    changes: Changes  # no table named: everything may have changed


@contextmanager
def _staged(path: Path) -> Iterator[sqlite3.Connection]:
    """The backup copied to a private temporary folder and opened there.

    Reading a copy leaves the user's file untouched, survives a USB stick pulled out halfway, and
    works for a file on read-only media. The schema is not trusted to run functions.
    """
    with tempfile.TemporaryDirectory(prefix="dangjian-restore-") as folder:
        copy = Path(folder) / "backup.db"
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise DangjianError(f"无法读取备份文件 {path}：{exc.strerror or exc}") from exc
        conn = sqlite3.connect(str(copy), isolation_level=None)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            yield conn
        finally:
            conn.close()


def _check_backup(ctx: Context, conn: sqlite3.Connection, path: Path) -> tuple[dict, bool]:
    """The backup's summary and whether it needs upgrading; DangjianError when it must not be restored."""
    not_ours = f"“{path.name}”不是党建通的数据库备份，不能用来恢复。"
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DangjianError(f"备份文件“{path.name}”已损坏，不能用来恢复。请换一个备份文件。")
        store = Store(conn, path)
        if not has_tables(store, _OUR_TABLES) or not migrations.applied(store.db):
            raise DangjianError(not_ours)
        try:
            store._check_not_newer()
        except StoreError:
            raise DangjianError(f"备份“{path.name}”由更新版本的党建通制作，本版本不能恢复它。请先升级党建通。") from None
        summary = database_summary(store)
        upgrade_needed = bool(migrations.pending(store.db))
    except sqlite3.DatabaseError:
        raise DangjianError(not_ours) from None
    if summary["org_uuid"] != ctx.org_uuid:
        theirs = f"“{summary['org_name']}（{summary['org_code']}）”" if summary["org_name"] else "另一个单位"
        raise DangjianError(f"这个备份属于{theirs}，不是本村（{ctx.org['name']}）的数据，不能恢复到这里。")
    return summary, upgrade_needed


def inspect_backup(ctx: Context, *, path: str | Path) -> BackupPreview:
    """Check a backup file can be restored here and say what it holds (nothing is changed)."""
    ctx.require_village()
    path = Path(path)
    if not path.is_file():
        raise DangjianError(f"找不到备份文件：{path}")
    stat = path.stat()
    with _staged(path) as conn:
        summary, upgrade_needed = _check_backup(ctx, conn, path)
    return BackupPreview(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, summary,
                         database_summary(ctx.store), upgrade_needed)


def restore_backup(ctx: Context, *, path: str | Path, progress: Progress | None = None) -> RestoreResult:
    """Replace the database's contents with a backup of the same village (same org UUID).

    The backup is checked again (the file may have changed since the preview), the current data
    is saved as a safety copy first, and SQLite's backup API copies the backup in as one
    transaction: a failure leaves the database as it was.
    """
    ctx.require("backup.restore")
    progress = progress or Progress()
    progress.start(3, "检查备份文件")
    path = Path(path)
    preview = inspect_backup(ctx, path=path)
    progress.step(message="保存当前数据的安全副本")
    store = ctx.store
    try:
        safety = backup_database(store.conn, backups_folder(ctx), _stem(ctx), "before-restore", rotate=False)
    except OSError as exc:
        raise DangjianError(f"无法保存当前数据的安全副本：{exc.strerror or exc}，没有恢复。") from exc
    progress.step(message="恢复数据")
    with _staged(path) as conn:
        _check_backup(ctx, conn, path)
        try:
            conn.backup(store.conn)
        except sqlite3.Error as exc:
            raise DangjianError(f"恢复失败：{exc}。数据库没有改动；恢复前的数据另存在 {safety}。") from exc
    reload_context(ctx)
    if migrations.pending(store.db):
        migrations.apply(store.db)
    store.audit(ctx.actor, "restore", f"从备份 {path} 恢复（恢复前的数据另存为 {safety}）")
    prune(backups_folder(ctx), _stem(ctx), keep_setting(store.conn))  # only now: the file restored may be the oldest
    return RestoreResult(preview, safety, Changes())


def reload_context(ctx: Context) -> None:
    """Forget what the context cached from the database (settings, rules) after it was replaced."""
    ctx.store._settings_cache.clear()  # the Store offers no public way; its cache is a plain dict
    ctx.forget_rules()
