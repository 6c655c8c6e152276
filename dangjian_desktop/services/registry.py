"""The district's registry (村镇管理): towns and the villages attached to them, imported from Excel
or created one by one, and each village's enrolment, laptops and sync status.

Towns are orgs rows of kind 'town' owned by the district (they never travel: a village's own org row
belongs to the village, so its town is kept in the district's registry, `sync_villages.town_uuid`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from dangjian_desktop.core.pinyin import name_pinyin
from dangjian_desktop.errors import DangjianError, FieldProblem, ImportReport, NotFoundError, ValidationError
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.sync_identity import require_district
from dangjian_desktop.store import derived_uuid, new_uuid, sync_queries, utc_now
from dangjian_desktop.store import district_registry_queries as rq

SILENT_DAYS = 45
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}\Z")
MAX_NAME = 60


def _clean_name(name: str | None, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError(f"{what}不能为空", "name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"{what}太长（最多 {MAX_NAME} 个字）", "name")
    return name


# -- towns --------------------------------------------------------------------------------------
def list_towns(ctx: Context) -> list[dict]:
    """Every town, in pinyin order (河西镇 before 示范镇), with its count of villages."""
    require_district(ctx)
    return sorted(rq.towns(ctx.store), key=lambda t: name_pinyin(t["name"])[0])


def add_town(ctx: Context, *, name: str, code: str | None = None) -> dict:
    """A new town (镇/街道) under the district; a name already used is refused."""
    ctx.require("registry.edit")
    require_district(ctx)
    name = _clean_name(name, "镇（街道）名称")
    if code and not _CODE.match(code):
        raise ValidationError("镇代码只能由 1–32 位字母、数字、- 或 _ 组成", "code")
    if rq.town_by_name(ctx.store, name):
        raise DangjianError(f"已经有名为“{name}”的镇（街道）")
    return _insert_town(ctx, name, code)


def _insert_town(ctx: Context, name: str, code: str | None = None) -> dict:
    uuid = derived_uuid("town", ctx.org_uuid, name)
    if ctx.store.query_one("SELECT uuid FROM orgs WHERE uuid = ?", [uuid]):  # renamed away earlier: a fresh id
        uuid = new_uuid()
    return ctx.store.insert("orgs", {"uuid": uuid, "parent_uuid": ctx.org_uuid, "kind": "town", "name": name,
                                     "code": code or None, "org_type": "镇党委"},
                            org=ctx.org_uuid, actor=ctx.actor, summary=f"新增镇（街道）：{name}")


def ensure_town(ctx: Context, name: str | None) -> dict | None:
    """The town of this name, created if new; None for no name."""
    name = (name or "").strip()
    if not name:
        return None
    return rq.town_by_name(ctx.store, name) or _insert_town(ctx, _clean_name(name, "镇（街道）名称"))


def find_town(ctx: Context, key: str) -> dict:
    """A town by uuid, name or code."""
    require_district(ctx)
    key = (key or "").strip()
    for town in rq.towns(ctx.store):
        if key in (town["uuid"], town["name"], town["code"]):
            return town
    raise NotFoundError("镇（街道）", key)


def rename_town(ctx: Context, *, town: str, name: str) -> dict:
    ctx.require("registry.edit")
    found = find_town(ctx, town)
    name = _clean_name(name, "镇（街道）名称")
    other = rq.town_by_name(ctx.store, name)
    if other and other["uuid"] != found["uuid"]:
        raise DangjianError(f"已经有名为“{name}”的镇（街道）")
    with ctx.store.atomic():
        row = ctx.store.update("orgs", found["uuid"], {"name": name}, actor=ctx.actor,
                               summary=f"镇（街道）改名：{found['name']} → {name}")
        rq.rename_town_text(ctx.store, found["uuid"], name)
    return row


# -- villages -----------------------------------------------------------------------------------
def find_village(ctx: Context, code: str) -> dict:
    require_district(ctx)
    village = sync_queries.village_by_code(ctx.store, (code or "").strip())
    if village is None:
        raise NotFoundError("村（代码）", code)
    return village


def register_village(ctx: Context, *, code: str, name: str, town: str | None) -> dict:
    """Put a village in the registry (without an enrolment file yet); an existing code is refused."""
    ctx.require("registry.edit")
    require_district(ctx)
    if not _CODE.match(code or ""):
        raise ValidationError("村代码只能由 1–32 位字母、数字、- 或 _ 组成", "code")
    name = _clean_name(name, "村党组织名称")
    if sync_queries.village_by_code(ctx.store, code):
        raise DangjianError(f"村代码 {code} 已经登记过")
    with ctx.store.atomic():
        found = ensure_town(ctx, town)
        rq.register_village(ctx.store, org_uuid=new_uuid(), code=code, name=name,
                            town_uuid=found and found["uuid"], town_name=found and found["name"], at=utc_now())
        ctx.store.audit(ctx.actor, "registry", f"登记村：{name}（{code}）")
    return sync_queries.village_by_code(ctx.store, code)


def rename_village(ctx: Context, *, code: str, name: str) -> dict:
    ctx.require("registry.edit")
    village = find_village(ctx, code)
    name = _clean_name(name, "村党组织名称")
    with ctx.store.atomic():
        rq.rename_village(ctx.store, village["org_uuid"], name)
        ctx.store.audit(ctx.actor, "registry", f"村改名：{village['name']} → {name}（{code}）")
    return find_village(ctx, code)


def move_village(ctx: Context, *, code: str, town: str) -> dict:
    """Attach a village to a town (created if the name is new)."""
    ctx.require("registry.edit")
    village = find_village(ctx, code)
    with ctx.store.atomic():
        found = ensure_town(ctx, town)
        if found is None:
            raise ValidationError("请填写镇（街道）名称", "town")
        rq.set_village_town(ctx.store, village["org_uuid"], found["uuid"], found["name"])
        ctx.store.audit(ctx.actor, "registry", f"{village['name']}（{code}）归属 {found['name']}")
    return find_village(ctx, code)


def attach_enrolled(ctx: Context, org_uuid: str, town: str | None) -> None:
    """Enrolment (services/district.py) names a town as text: attach the village to its row."""
    found = ensure_town(ctx, town)
    if found is not None:
        rq.set_village_town(ctx.store, org_uuid, found["uuid"], found["name"])


def import_villages(ctx: Context, *, path: str | Path, dry_run: bool = False,
                    progress: Progress | None = None) -> ImportReport:
    """Towns and villages from a sheet of 镇 / 村代码 / 村名称 rows: a new code is registered, a known
    code is renamed or moved when the sheet says otherwise; a bad row is reported and skipped.
    A dry run (the preview) writes nothing."""
    ctx.require("registry.edit")
    require_district(ctx)
    from dangjian_desktop.reports.excel_registry import read_registry  # openpyxl: only when importing

    read = read_registry(path)
    report = ImportReport(dry_run=dry_run, rejected=list(read.problems), rejected_rows=set(read.rejected_rows))
    if progress is not None:
        progress.start(len(read.rows))
    seen: dict[str, int] = {}
    store = ctx.store
    try:
        with store.atomic():
            for number, cells in read.rows:
                if progress is not None:
                    progress.step()
                problems = _row_problems(cells, number, seen)
                if problems:
                    report.rejected += problems
                    report.rejected_rows.add(number)
                    continue
                seen[cells["code"]] = number
                _import_row(ctx, cells, report)
            if dry_run:
                raise _DryRun
            store.audit(ctx.actor, "import", f"导入村镇名单 {Path(path).name}：新增 {report.added}，"
                        f"更新 {report.updated}，拒绝 {len(report.rejected_rows)} 行")
    except _DryRun:
        pass
    return report


class _DryRun(Exception):
    """Raised inside the import's transaction to roll a preview back."""


def _row_problems(cells: dict, number: int, seen: dict[str, int]) -> list[FieldProblem]:
    problems = []
    if not _CODE.match(cells["code"]):
        problems.append(FieldProblem("code", f"村代码“{cells['code']}”无效（1–32 位字母、数字、- 或 _）",
                                     row=number, column="村代码"))
    elif cells["code"] in seen:
        problems.append(FieldProblem("code", f"村代码 {cells['code']} 与第 {seen[cells['code']]} 行重复",
                                     row=number, column="村代码"))
    if not cells["name"]:
        problems.append(FieldProblem("name", "村名称为空", row=number, column="村名称"))
    elif len(cells["name"]) > MAX_NAME or len(cells["town"]) > MAX_NAME:
        problems.append(FieldProblem("name", f"名称太长（最多 {MAX_NAME} 个字）", row=number, column="村名称"))
    return problems


def _import_row(ctx: Context, cells: dict, report: ImportReport) -> None:
    store = ctx.store
    known = sync_queries.village_by_code(store, cells["code"])
    had_town = bool(cells["town"]) and rq.town_by_name(store, cells["town"]) is not None
    town = ensure_town(ctx, cells["town"])
    if cells["town"] and not had_town:
        report.notes.append(f"新增镇（街道）：{cells['town']}")
    if known is None:
        rq.register_village(store, org_uuid=new_uuid(), code=cells["code"], name=cells["name"],
                            town_uuid=town and town["uuid"], town_name=town and town["name"], at=utc_now())
        report.added += 1
        return
    changed = False
    if known["name"] != cells["name"]:
        rq.rename_village(store, known["org_uuid"], cells["name"])
        changed = True
    if town is not None and known["town_uuid"] != town["uuid"]:
        rq.set_village_town(store, known["org_uuid"], town["uuid"], town["name"])
        changed = True
    if changed:
        report.updated += 1
    else:
        report.unchanged += 1


# -- status -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VillageStatus:
    org_uuid: str
    code: str
    name: str
    town_uuid: str | None
    town: str
    enrolment: str  # 未登记 / 已发登记文件 / 已登记
    devices: str  # 在用 1 台；已吊销 1 台 …
    last_bundle_at: str | None
    last_import_at: str | None
    last_return_at: str | None
    last_status: str | None
    waiting: int
    quarantined: int
    silent_days: int | None  # days since the last bundle (since registration when none came)
    silent: bool


def _days_since(stamp: str | None, today: date) -> int | None:
    if not stamp:
        return None
    when = datetime.fromisoformat(stamp)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (today - when.astimezone(timezone.utc).date()).days


def village_status(ctx: Context, *, town_uuid: str | None = None) -> list[VillageStatus]:
    """Every registered village (or those of one town) with its enrolment and sync status; a village
    that has sent nothing for more than SILENT_DAYS days is `silent`."""
    require_district(ctx)
    out = []
    for row in rq.village_status(ctx.store):
        if town_uuid and row["town_uuid"] != town_uuid:
            continue
        if row["active_devices"]:
            enrolment = "已登记"
        elif row["enrolments"]:
            enrolment = "已发登记文件，未收到数据包" if row["unused_enrolments"] else "电脑已停用"
        else:
            enrolment = "未登记"
        devices = "；".join(f"{label} {n} 台" for label, n in (("在用", row["active_devices"]),
                                                             ("已吊销", row["revoked_devices"]),
                                                             ("已隔离", row["forked_devices"])) if n) or "无"
        days = _days_since(row["last_bundle_at"] or row["enrolled_at"], ctx.today)
        out.append(VillageStatus(
            org_uuid=row["org_uuid"], code=row["code"], name=row["name"], town_uuid=row["town_uuid"],
            town=row["town_name"] or "", enrolment=enrolment, devices=devices,
            last_bundle_at=row["last_bundle_at"], last_import_at=row["last_import_at"],
            last_return_at=row["last_return_at"], last_status=row["last_status"], waiting=int(row["waiting"] or 0),
            quarantined=int(row["quarantined"] or 0), silent_days=days,
            silent=days is not None and days > SILENT_DAYS))
    return out
