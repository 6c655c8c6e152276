"""Keeping the database sound: integrity and ledger checks, online backups."""

from __future__ import annotations

from pathlib import Path

from dangjian_desktop.core.points import score_members
from dangjian_desktop.core.rulebook import load_rulebook
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.paths import data_dir
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import queries
from dangjian_desktop.store.backup import backup_database, backup_to
from dangjian_desktop.store.points_sql import score_totals


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
            folder = (store.path.parent if store.path else data_dir()) / "backups"
            path = backup_database(store.conn, folder, store.path.stem if store.path else "dangjian", "manual")
    except OSError as exc:
        raise DangjianError(f"备份失败：{exc.strerror or exc}（请检查磁盘空间和写入权限）") from exc
    store.audit(ctx.actor, "backup", f"备份数据库到 {path}")
    return path
