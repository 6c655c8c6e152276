"""Bundle sync use cases for the CLI and the GUI: export, import with receipts, snapshots, status.

The district's and the village's steps live in services/sync_district.py and sync_village.py;
this module picks the side by the database's role, reads each file once (bounded), keeps the
bundle log, backs the database up before the first import of a batch, and archives what it applied.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dangjian_desktop.errors import DangjianError, NotFoundError
from dangjian_desktop.progress import Progress
from dangjian_desktop.services import sync_district, sync_village
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.sync_identity import (district_fingerprint, own_fingerprint, own_keys, require_district,
                                                     schema_version)
from dangjian_desktop.store import sync_queries
from dangjian_desktop.store.backup import backup_database
from dangjian_desktop.sync import bundle
from dangjian_desktop.sync.container import read_limited
from dangjian_desktop.sync.errors import BundleRejected
from dangjian_desktop.sync.keys import KeyPair
from dangjian_desktop.sync.receipt import Receipt, empty_counts

STATE_LABELS = {"ok": "正常", "drift": "与区里不一致，请索取快照", "behind": "落后于区里（从旧备份恢复？），请索取快照"}


@dataclass
class Exported:
    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SyncStatus:
    role: str | None
    fingerprint: str | None
    district_fingerprint: str | None
    device_id: str | None
    acked_seq: int = 0
    pending: int = 0
    state: str = "ok"
    villages: int = 0
    devices: int = 0

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


def default_folder(ctx: Context) -> Path:
    """Where bundles go when no folder is named: a `bundles` folder beside the database."""
    return (ctx.store.path.parent if ctx.store.path else Path.cwd()) / "bundles"


# -- export -------------------------------------------------------------------------------------
def export_bundles(ctx: Context, *, out_dir: Path | None = None, village_code: str | None = None,
                   passphrase: str | None = None, progress: Progress | None = None) -> Exported:
    """Village: one delta with every unacknowledged change. District: a return bundle per village
    (or for `village_code` only)."""
    ctx.require("exchange")
    out_dir = Path(out_dir) if out_dir else default_folder(ctx)
    result = Exported()
    if ctx.role == "village":
        if village_code:
            raise DangjianError("村里导出时不需要 --village（只能导出本村的数据包）")
        path, count = sync_village.export_delta(ctx, out_dir)
        result.paths.append(path)
        result.notes.append(f"包含 {count} 条区里尚未确认的修改" if count else "没有新的修改（仍可用于向区里报到、索取回执）")
        return result
    require_district(ctx)
    keys = own_keys(ctx, passphrase)
    if village_code:
        village = sync_queries.village_by_code(ctx.store, village_code)
        if village is None:
            raise NotFoundError("已登记的村", village_code)
        villages = [village]
    else:
        villages = sync_queries.villages(ctx.store)
    progress = progress or Progress()
    progress.start(len(villages), "生成回执包")
    for village in villages:
        progress.step(0, village["name"])
        path, note = sync_district.export_return(ctx, keys, village, out_dir)
        progress.step(1)
        if path:
            result.paths.append(path)
        result.notes.append(note)
    return result


def make_snapshot(ctx: Context, *, village_code: str, out_dir: Path | None = None,
                  passphrase: str | None = None) -> Path:
    ctx.require("exchange")
    require_district(ctx)
    village = sync_queries.village_by_code(ctx.store, village_code)
    if village is None:
        raise NotFoundError("已登记的村", village_code)
    keys = own_keys(ctx, passphrase)
    return sync_district.export_snapshot(ctx, keys, village, Path(out_dir) if out_dir else default_folder(ctx))


# -- import -------------------------------------------------------------------------------------
def import_bundles(ctx: Context, *, paths: list[Path], passphrase: str | None = None,
                   progress: Progress | None = None, backup: bool = True) -> list[Receipt]:
    """Verify and apply each file; one receipt per file, in order. A refused file leaves the data
    tables exactly as they were; its line in the bundle log is its only trace."""
    ctx.require("exchange")
    if ctx.role not in ("village", "district"):
        raise DangjianError("数据库尚未初始化，不能导入数据包")
    keys = own_keys(ctx, passphrase)
    progress = progress or Progress()
    progress.start(len(paths), "导入数据包")
    receipts = []
    back_up = _backup_once(ctx, wanted=backup)
    with sync_queries.bulk_writes(ctx.store):
        for path in map(Path, paths):
            receipts.append(_import_file(ctx, path, keys, back_up))
            progress.step(1, path.name)
    return receipts


def _backup_once(ctx: Context, *, wanted: bool) -> Callable[[], None]:
    """Call before each file that passed its first checks: the first call backs the database up
    (unless not `wanted`, or the database is in memory), later calls do nothing."""
    done = not wanted or ctx.store.path is None

    def back_up() -> None:
        nonlocal done
        if not done:
            backup_database(ctx.store.conn, ctx.store.path.parent / "backups", ctx.store.path.stem, "pre-import")
            done = True
    return back_up


def _import_file(ctx: Context, path: Path, keys: KeyPair, back_up: Callable[[], None]) -> Receipt:
    receipt, outer = Receipt(file=path.name), None
    try:
        outer = bundle.read_outer(read_limited(path, bundle.MAX_FILE + 1024 ** 2))
        _describe(receipt, outer)
        bundle.check_schema(outer, schema_version())
        back_up()
        if ctx.role == "district":
            sync_district.import_delta(ctx, outer, keys, receipt)
        else:
            sync_village.import_return(ctx, outer, keys, receipt)
    except BundleRejected as exc:  # whatever the attempt noted was rolled back with it
        receipt.status, receipt.reasons, receipt.notes = exc.status, [exc.reason], []
        receipt.counts = empty_counts()
        receipt.counts["rejected"] = exc.rejected
    _log(ctx, receipt, outer)
    if receipt.status == "applied":
        _archive(ctx, path)
    return receipt


def _describe(receipt: Receipt, outer: bundle.Outer) -> None:
    header = outer.header
    receipt.kind, receipt.bundle_id = header["kind"], header["bundle_id"]
    receipt.village, receipt.sender_device = header["village"]["code"], header["sender"]["device"]
    receipt.seq_after, receipt.seq_through = header["seq"]["after"], header["seq"]["through"]


def _log(ctx: Context, receipt: Receipt, outer: bundle.Outer | None) -> None:
    header = outer.header if outer else None
    sync_queries.log_bundle(
        ctx.store, direction="in", status=receipt.status, bundle_id=receipt.bundle_id,
        file_sha256=outer.file_sha256 if outer else None, file_name=receipt.file, kind=receipt.kind,
        village_org=header["village"]["org"] if header else None, device=receipt.sender_device,
        seq_after=receipt.seq_after, seq_through=receipt.seq_through, receipt=receipt.to_dict())


def _archive(ctx: Context, path: Path) -> None:
    """Keep a read-only copy of each applied file beside the database (never required to work)."""
    if ctx.store.path is None:
        return
    folder = ctx.store.path.parent / "bundles" / "received"
    target = folder / path.name
    try:
        if target.exists() or path.resolve() == target.resolve():
            return
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        os.chmod(target, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)
    except OSError:
        pass  # the import itself succeeded; an archive copy is a convenience


# -- status -------------------------------------------------------------------------------------
def sync_status(ctx: Context) -> SyncStatus:
    store = ctx.store
    if ctx.role == "district":
        return SyncStatus("district", own_fingerprint(ctx), own_fingerprint(ctx), store.setting("device_id"),
                          villages=len(sync_queries.villages(store)), devices=len(sync_queries.devices(store)))
    acked = int(store.setting("sync_acked_seq") or 0)
    return SyncStatus(ctx.role, own_fingerprint(ctx), district_fingerprint(ctx), store.setting("device_id"),
                      acked_seq=acked, pending=sync_queries.count_after(store, acked),
                      state=store.setting("sync_state") or "ok")


def pending_changes(ctx: Context) -> int:
    """How many of this laptop's changes wait for the district's acknowledgement."""
    return sync_queries.count_after(ctx.store, int(ctx.store.setting("sync_acked_seq") or 0))


def bundle_history(ctx: Context, limit: int = 200) -> list[dict]:
    return sync_queries.bundle_history(ctx.store, limit)
