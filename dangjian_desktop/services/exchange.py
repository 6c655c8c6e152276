"""数据交换 as a person does it with a USB stick: what bundles a folder holds, import those meant
for this side, export to the stick, and the bundle log in words a secretary reads.

The bundle work itself is services/sync.py's; this module only finds files, sorts them by who they
are for (from the plaintext header, nothing trusted), turns a full or read-only stick into a
Chinese message, and keeps every receipt even when an import of many files is cancelled.
"""

from __future__ import annotations

import errno
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from dangjian_desktop.core.periods import local_time
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.progress import Cancelled, Progress
from dangjian_desktop.services import sync
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import sync_queries
from dangjian_desktop.store.tables import SYNCED_TABLES
from dangjian_desktop.sync.bundle import OUTER_CAPS, SUFFIX
from dangjian_desktop.sync.receipt import COUNT_LABELS, LOG_LABELS, OK_STATUSES, STATUS_LABELS, Receipt

KIND_LABELS = {"delta": "村里数据包", "return": "回执包", "snapshot": "快照"}
#: The kind of bundle each role imports; the other kinds on a stick are carried onward.
IMPORTS = {"district": "delta", "village": "return"}
#: A change to any of these alters what waits for the district (the page showing it reloads).
WATCHED_TABLES = frozenset(SYNCED_TABLES) | {"settings"}
#: Cap on how many bundle files one folder listing considers (a district stick holds one per village).
MAX_FILES = 5000


@dataclass(frozen=True)
class FoundBundle:
    """A *.djb file as its unverified header describes it (kind None: unreadable; import says why)."""

    path: Path
    size: int
    kind: str | None = None
    village: str | None = None
    seq_after: int | None = None
    seq_through: int | None = None
    note: str = ""

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class FolderScan:
    folder: Path
    to_import: list[FoundBundle] = field(default_factory=list)
    carried: list[FoundBundle] = field(default_factory=list)  # for the other side: left alone

    @property
    def total(self) -> int:
        return len(self.to_import) + len(self.carried)


@dataclass
class ImportOutcome:
    receipts: list[Receipt] = field(default_factory=list)
    skipped: list[FoundBundle] = field(default_factory=list)
    cancelled: bool = False

    @property
    def refused(self) -> list[Receipt]:
        return [r for r in self.receipts if not r.ok]

    @property
    def applied_any(self) -> bool:
        return any(r.status in ("applied", "held") for r in self.receipts)


# -- finding bundles -----------------------------------------------------------------------------
def peek_header(path: Path) -> dict | None:
    """The plaintext header of a bundle, for sorting files only (the import verifies everything)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("header.json")
            if info.file_size > OUTER_CAPS["header.json"]:
                return None
            header = json.loads(archive.read(info).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
        return None
    return header if isinstance(header, dict) else None


def _found(path: Path, size: int) -> FoundBundle:
    header = peek_header(path)
    try:
        kind = header["kind"] if header["kind"] in KIND_LABELS else None
        return FoundBundle(path, size, kind, str(header["village"]["code"]), int(header["seq"]["after"]),
                           int(header["seq"]["through"]))
    except (TypeError, KeyError, ValueError):
        return FoundBundle(path, size, note="无法读取这个文件的说明部分，导入时会说明原因")


def _carried_note(ctx: Context, role: str, found: FoundBundle) -> str:
    if role == "village":
        own = ctx.org["code"] if ctx.store.setting("org_uuid") else None
        if found.kind == "delta":
            return ("本村导出的数据包，请交给区里导入" if found.village == own
                    else f"{found.village} 导出的数据包，请交给区里导入")
        return "快照只用于新电脑建立数据库（dangjian setup village --snapshot）"
    if found.kind == "return":
        return f"区里写给 {found.village} 的回执包，请带回该村导入"
    return f"区里为 {found.village} 的新电脑生成的快照"


def list_bundle_files(folder: Path) -> list[tuple[Path, int]]:
    """(path, size) of every bundle file directly in `folder`, by name; half-written ones are not."""
    folder = Path(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        raise DangjianError(f"找不到文件夹：{folder}（U 盘可能已拔出）") from None
    except NotADirectoryError:
        raise DangjianError(f"{folder} 不是文件夹") from None
    except OSError as exc:
        raise DangjianError(f"无法打开文件夹 {folder}：{exc.strerror or exc}") from exc
    out = []
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.lower().endswith(SUFFIX):
            continue
        try:
            if entry.is_file():
                out.append((Path(entry.path), entry.stat().st_size))
        except OSError:
            continue
        if len(out) >= MAX_FILES:
            break
    return out


def _for_here(ctx: Context, role: str, found: FoundBundle) -> str | None:
    """None when this side should import `found`; otherwise why it is left on the stick."""
    if found.kind is None:
        return None  # unreadable: the import says why, in its receipt
    if found.kind != IMPORTS[role]:
        return _carried_note(ctx, role, found)
    if role == "village":
        code = ctx.org["code"] if ctx.store.setting("org_uuid") else None
        if found.village != code:
            return f"区里写给 {found.village} 的回执包，不是本村的"
        if (found.seq_through or 0) <= int(ctx.store.setting("sync_return_seq") or 0):
            return f"第 {found.seq_through} 号回执包，本机已导入过这一号或更新的回执包"
    return None


def scan_folder(ctx: Context, folder: Path) -> FolderScan:
    """The bundles in `folder`, split into those this side imports and those it leaves alone
    (for the other side, for another village, or a return already superseded here)."""
    role = ctx.role or "village"
    scan = FolderScan(Path(folder))
    for path, size in list_bundle_files(folder):
        found = _found(path, size)
        note = _for_here(ctx, role, found)
        if note is None:
            scan.to_import.append(found)
        else:
            scan.carried.append(FoundBundle(found.path, found.size, found.kind, found.village, found.seq_after,
                                            found.seq_through, note))
    return scan


# -- importing -----------------------------------------------------------------------------------
def import_files(ctx: Context, *, paths: list[Path], passphrase: str | None = None,
                 progress: Progress | None = None, backup: bool = True) -> ImportOutcome:
    """Import each file; on Cancel, the receipts of the files already done are read back from the
    bundle log, so none is lost (each file is its own transaction)."""
    ctx.require("exchange")
    progress = progress or Progress()
    before = max((row["id"] for row in sync.bundle_history(ctx, limit=1)), default=0)
    try:
        return ImportOutcome(sync.import_bundles(ctx, paths=[Path(p) for p in paths], passphrase=passphrase,
                                                 progress=progress, backup=backup))
    except Cancelled:
        logged = [row for row in sync.bundle_history(ctx, limit=len(paths) + 1)
                  if row["id"] > before and row["direction"] == "in"]
        return ImportOutcome([_receipt_from_log(row) for row in reversed(logged)], cancelled=True)


def _receipt_from_log(row: dict) -> Receipt:
    data = json.loads(row["receipt_json"]) if row["receipt_json"] else {}
    known = {k: v for k, v in data.items() if k in Receipt.__dataclass_fields__}
    known.setdefault("file", row["file_name"] or "")
    known.setdefault("status", row["status"])
    return Receipt(**known)


def import_folder(ctx: Context, *, folder: Path, passphrase: str | None = None,
                  progress: Progress | None = None) -> ImportOutcome:
    """Every bundle in `folder` meant for this side (the district: every village's; a village: its
    returns); the others are listed as skipped, untouched."""
    ctx.require("exchange")
    scan = scan_folder(ctx, folder)
    if not scan.to_import:
        return ImportOutcome(skipped=scan.carried)
    outcome = import_files(ctx, paths=[f.path for f in scan.to_import], passphrase=passphrase, progress=progress)
    outcome.skipped = scan.carried
    return outcome


# -- exporting -----------------------------------------------------------------------------------
def _write_problem(folder: Path, exc: OSError) -> DangjianError:
    if exc.errno == errno.ENOSPC:
        return DangjianError(f"{folder} 空间不够（U 盘已满）。请删掉 U 盘上不用的文件或换一个 U 盘，再导出一次。")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DangjianError(f"{folder} 不能写入（U 盘是只读的，或写保护开关打开了）。请换一个 U 盘或选择别的文件夹。")
    return DangjianError(f"无法写入 {folder}：{exc.strerror or exc}（U 盘可能已拔出）。请重新插好再试。")


def export_to(ctx: Context, *, folder: Path, passphrase: str | None = None, progress: Progress | None = None,
              create: bool = False) -> sync.Exported:
    """Village: its delta into `folder`; district: a return bundle per village. A full or
    read-only stick is a Chinese message; a bundle is only ever there whole (written, then renamed).
    `create` makes a missing folder (the one beside the database); a missing drive is an error."""
    ctx.require("exchange")
    folder = Path(folder)
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_problem(folder, exc) from exc
    if not folder.is_dir():
        raise DangjianError(f"找不到文件夹：{folder}（U 盘可能已拔出）")
    try:
        return sync.export_bundles(ctx, out_dir=folder, passphrase=passphrase, progress=progress)
    except OSError as exc:
        raise _write_problem(folder, exc) from exc


# -- receipts and the log, in words --------------------------------------------------------------
def counts_text(receipt: Receipt) -> str:
    """The counts that are not zero, e.g. “已应用 12 条，重复 3 条”; “没有修改” when all are zero."""
    parts = [f"{label} {receipt.counts.get(key, 0)} 条" for key, label in COUNT_LABELS.items()
             if receipt.counts.get(key, 0)]
    return "，".join(parts) if parts else "没有修改"


def status_text(receipt: Receipt) -> str:
    return STATUS_LABELS.get(receipt.status, receipt.status)




def _seq_text(row: dict) -> str:
    after, through = row["seq_after"], row["seq_through"]
    if through is None:
        return ""
    if row["kind"] == "return":
        return f"第 {through} 号回执"
    if row["kind"] == "snapshot":
        return ""
    return f"第 {after + 1}–{through} 号" if through > (after or 0) else "无新修改"


def _ack_text(row: dict, receipt: dict, acked: int, returns_after: dict[str, int]) -> str:
    """Whether the other side has taken this bundle's changes in (“—” where it cannot be known)."""
    if row["direction"] == "out" and row["kind"] == "delta":
        if row["status"] == "acknowledged" or (row["seq_through"] or 0) <= acked:
            return "区里已确认"
        return "等待区里确认"
    if row["direction"] == "in" and row["status"] in OK_STATUSES + ("held",):
        seq = receipt.get("acked_seq")
        if row["kind"] == "return":
            return f"区里确认到第 {seq} 号" if seq is not None else ""
        if row["kind"] == "delta" and seq is not None:
            sent = returns_after.get(row["village_org"] or "", 0) > row["id"]
            return f"确认到第 {seq} 号，" + ("已写入回执包" if sent else "回执包尚未写出")
    return "—"


def history(ctx: Context, limit: int = 500) -> list[dict]:
    """The bundle log, newest first, with every column as shown (`at` kept for sorting)."""
    rows = sync.bundle_history(ctx, limit)
    names = {v["org_uuid"]: f"{v['name']}（{v['code']}）" for v in sync_queries.villages(ctx.store)}
    if ctx.role == "village" and ctx.store.setting("org_uuid"):
        names[ctx.org_uuid] = f"{ctx.org['name']}（{ctx.org['code']}）"
    acked = int(ctx.store.setting("sync_acked_seq") or 0)
    returns_after: dict[str, int] = {}
    for row in rows:  # newest first: the first return seen per village is its latest
        if row["direction"] == "out" and row["kind"] == "return":
            returns_after.setdefault(row["village_org"] or "", row["id"])
    out = []
    for row in rows:
        receipt = json.loads(row["receipt_json"]) if row["receipt_json"] else {}
        receipt = receipt if isinstance(receipt, dict) else {}
        village = names.get(row["village_org"] or "") or receipt.get("village") or ""
        reasons = receipt.get("reasons") or []
        out.append({
            "id": row["id"], "at": row["at"], "time": local_time(row["at"]),
            "direction": "导出" if row["direction"] == "out" else "导入",
            "kind": KIND_LABELS.get(row["kind"] or "", "（无法识别）"), "village": village,
            "seq": _seq_text(row), "status": LOG_LABELS.get(row["status"], row["status"]),
            "ok": row["status"] in OK_STATUSES + ("written", "acknowledged"),
            "acknowledged": _ack_text(row, receipt, acked, returns_after),
            "file": row["file_name"] or "", "reason": "；".join(str(r) for r in reasons[:3]),
        })
    return out
