"""The village's side of bundle sync: setting up from an enrolment (or restoring from a snapshot),
exporting deltas, and taking in the district's return bundles."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from nacl.signing import SigningKey

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.services import account_resets, red_flags_sync
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.setup import setup_village
from dangjian_desktop.services.sync_identity import district_of, own_keys, registration, schema_version, transaction
from dangjian_desktop.store import new_uuid, sync_queries
from dangjian_desktop.sync import bundle, changes
from dangjian_desktop.sync.container import read_limited, write_atomically
from dangjian_desktop.sync.enrolment import make_registration, read_enrolment
from dangjian_desktop.sync.errors import BundleRejected, SyncSetupError
from dangjian_desktop.sync.keys import KeyPair, enrolment_box_key, fingerprint, key_id, unb64
from dangjian_desktop.sync.receipt import OK_STATUSES, Receipt
from dangjian_desktop.sync.state_hash import village_state_hash, village_state_hash_at

ASK_FOR_SNAPSHOT = "请向区里索取快照（dangjian bundle snapshot），用它恢复本村数据；不会自动合并。"
BEHIND = ("本机的修改序号落后于区里已确认的序号：这台电脑可能是从旧备份恢复的。为免数据错乱，暂停导出。" + ASK_FOR_SNAPSHOT)
DRIFT = "本村数据与区里汇总的不一致（状态校验值不同）。" + ASK_FOR_SNAPSHOT


@dataclass(frozen=True)
class VillageEnrolled:
    org: dict
    device_fingerprint: str
    district_fingerprint: str
    district_name: str
    restored_rows: int = 0


# -- setup --------------------------------------------------------------------------------------
def _remember_district(ctx: Context, body: dict, keys: KeyPair, device_id: str) -> None:
    store, district = ctx.store, body["district"]
    for key, value in (("district_code", district["code"]), ("district_name", district["name"]),
                       ("district_org", district["org"]), ("district_device", district["device"]),
                       ("district_sign_pk", district["sign_key"]), ("district_box_pk", district["box_key"]),
                       ("sync_acked_seq", "0"), ("sync_state", "ok")):
        store.set_setting(key, value)
    sync_queries.save_keys(store, sign_pk=keys.sign_pk, box_pk=keys.box_pk, secret=keys.secret)
    store.set_setting("sync_registration", json.dumps(make_registration(body, device_id=device_id, keys=keys)))


def setup_from_enrolment(ctx: Context, *, enrolment_path: Path, snapshot_path: Path | None = None) -> VillageEnrolled:
    """Create the village database from the district's enrolment file, with this laptop's own keys;
    with a snapshot, restore everything the district holds for the village (a lost laptop)."""
    store = ctx.store
    if store.setting("org_uuid"):
        raise DangjianError(f"这个数据库已经属于“{ctx.org['name']}”，不能再次初始化。请用 --db 指定新的数据库文件。")
    body = read_enrolment(enrolment_path)
    district, village = body["district"], body["village"]
    keys = KeyPair.generate()
    policy = changes.Policy("return", village["org"], district["org"], district["device"])
    district_rows = [{"seq": None, "table": "orgs", "row": body["district_org_row"]}] + [
        {"seq": None, "table": r["table"], "row": r["row"]} for r in body["rules"]]
    changes.check(district_rows, store, policy)
    restored = 0
    try:
        with transaction(ctx):
            changes.apply(store, district_rows, bundle_id=None)
            if snapshot_path is None:
                setup_village(ctx, code=village["code"], name=village["name"], town=village.get("town"),
                              org_uuid=village["org"], parent_uuid=district["org"],
                              rule_uuids=(body["in_force"]["rulebooks"], body["in_force"]["star_criteria"]))
            else:
                restored = _restore_snapshot(ctx, body, Path(snapshot_path))
            _remember_district(ctx, body, keys, store.device_id)
            store.audit(ctx.actor, "enrol", f"按 {district['name']} 的登记文件建立" + ("（从快照恢复）" if restored else ""))
    except sqlite3.DatabaseError as exc:
        raise BundleRejected(f"登记文件或快照中的记录无法写入数据库（{exc}）。") from exc
    ctx.forget_rules()
    return VillageEnrolled(ctx.org, fingerprint(keys.sign_pk, keys.box_pk),
                           fingerprint(unb64(district["sign_key"], 32), unb64(district["box_key"], 32)),
                           district["name"], restored)


def _restore_snapshot(ctx: Context, body: dict, path: Path) -> int:
    store, district, village = ctx.store, body["district"], body["village"]
    outer = bundle.read_outer(read_limited(path, bundle.MAX_FILE + 1024 ** 2))
    header = outer.header
    bundle.check_schema(outer, schema_version())
    if header["kind"] != "snapshot":
        raise BundleRejected("这个文件不是快照（应为 dangjian bundle snapshot 生成的文件）。")
    if header["district"]["org"] != district["org"] or header["village"]["org"] != village["org"]:
        raise BundleRejected("这个快照不属于本登记文件所指的村，不能使用。")
    district_pk = unb64(district["sign_key"], 32)
    bundle.check_signature(outer, district_pk)
    enrolment_key = SigningKey(unb64(body["enrolment_secret"], 32))
    if header["recipient"]["key_id"] != key_id(bytes(enrolment_key.verify_key.to_curve25519_public_key())):
        raise BundleRejected("这个快照是为另一份登记文件生成的。请把同一次办理的登记文件和快照一起使用。")
    inner = bundle.open_inner(outer, enrolment_box_key(enrolment_key), district_pk)
    changes.check(inner.changes, store, changes.Policy("snapshot", village["org"], district["org"], district["device"]))
    store.set_setting("device_id", new_uuid())
    store.set_setting("role", "village")
    store.set_setting("org_uuid", village["org"])
    store.set_setting("town_name", (inner.info.get("village") or {}).get("town") or village.get("town"))
    result = changes.apply(store, inner.changes, bundle_id=outer.bundle_id)
    if result.counts["held"] or result.counts["conflict"]:
        raise BundleRejected("快照内容不完整（有记录缺少前提），不能用于恢复。请区里重新生成快照。")
    in_force = inner.info.get("in_force") or {}
    for table, setting in (("rulebooks", "rulebook_uuid"), ("star_criteria", "criteria_uuid")):
        if not sync_queries.existing_uuids(store, table, [in_force.get(table) or ""]):
            raise BundleRejected("快照中缺少生效的积分细则或评定标准，不能用于恢复。")
        store.set_setting(setting, in_force[table])
    _save_reviews(ctx, inner.info.get("reviews"))
    store.set_setting("sync_return_seq", str(int(inner.info.get("return_seq") or 0)))
    if village_state_hash(store, village["org"]) != inner.manifest.get("state_hash"):
        raise BundleRejected("恢复后的数据与区里的记录不一致，已撤销恢复。请区里重新生成快照。")
    sync_queries.log_bundle(store, direction="in", status="applied", bundle_id=outer.bundle_id,
                            file_sha256=outer.file_sha256, file_name=path.name, kind="snapshot",
                            village_org=village["org"], receipt={"counts": result.counts})
    return result.counts["applied"]


# -- delta export -------------------------------------------------------------------------------
def check_can_export(ctx: Context) -> int:
    """The acknowledged sequence, or refuse: a laptop behind the district must not export."""
    store = ctx.store
    acked = int(store.setting("sync_acked_seq") or 0)
    if store.setting("sync_state") == "behind" or acked > sync_queries.max_seq(store):
        raise SyncSetupError(BEHIND)
    return acked


def export_delta(ctx: Context, out_dir: Path) -> tuple[Path, int]:
    """Every change the district has not acknowledged, so a lost stick costs nothing."""
    ctx.require_village()
    store = ctx.store
    district = district_of(ctx)
    keys = own_keys(ctx)
    acked = check_can_export(ctx)
    pending = sync_queries.changes_after(store, acked)
    through = pending[-1]["seq"] if pending else acked
    org = ctx.org
    name, data = bundle.seal(
        kind="delta", sender=keys, sender_role="village", sender_device=store.device_id,
        recipient_box_pk=district["box_pk"], recipient_device=district["device"], district=district,
        village={"code": org["code"], "org": org["uuid"]}, seq_after=acked, seq_through=through,
        schema_version=schema_version(),
        info={"pending": len(pending), "return_seq": int(store.setting("sync_return_seq") or 0)}, changes=pending,
        state_hash=village_state_hash(store, org["uuid"]), registration=registration(ctx))

    def verify(written: bytes) -> None:
        bundle.check_signature(bundle.read_outer(written), keys.sign_pk)

    with store.atomic():
        path = write_atomically(out_dir, name, data, verify)
        outer = bundle.read_outer(data)
        sync_queries.log_bundle(store, direction="out", status="written", bundle_id=outer.bundle_id,
                                file_sha256=outer.file_sha256, file_name=name, kind="delta", village_org=org["uuid"],
                                device=store.device_id, seq_after=acked, seq_through=through,
                                receipt={"changes": len(pending)})
    return path, len(pending)


# -- return import ------------------------------------------------------------------------------
def _save_reviews(ctx: Context, reviews: object) -> int:
    saved = 0
    for review in reviews if isinstance(reviews, list) else []:
        ours = isinstance(review, dict) and review.get("village_org") == ctx.org_uuid
        if ours and bundle.is_uuid(review.get("uuid")):
            saved += sync_queries.save_review(ctx.store, review)
    return saved


def _rules_forward(ctx: Context, in_force: object) -> list[str]:
    """Put newer rule versions in force; an older one (from an old return) is never applied."""
    notes = []
    if not isinstance(in_force, dict):
        return notes
    for table, setting, label in (("rulebooks", "rulebook_uuid", "积分细则"),
                                  ("star_criteria", "criteria_uuid", "星级评定标准")):
        wanted = [in_force.get(table) or "", ctx.store.setting(setting) or ""]
        rows = sync_queries.rows_by_uuid(ctx.store, table, wanted)
        new, current = rows.get(in_force.get(table)), rows.get(ctx.store.setting(setting))
        if new and (current is None or (new["effective_from"], new["version_label"])
                    > (current["effective_from"], current["version_label"])):
            ctx.store.set_setting(setting, new["uuid"])
            notes.append(f"启用区里下发的{label} {new['version_label']}（{new['effective_from']} 起）")
    return notes


def _take_ack(ctx: Context, ack: object, receipt: Receipt) -> int | None:
    """Record what the district acknowledged; a laptop behind it (old backup) stops exporting."""
    store = ctx.store
    if not isinstance(ack, dict) or ack.get("device") != store.device_id or not isinstance(ack.get("seq"), int):
        receipt.notes.append("这个回执包没有确认本机的修改（可能发给了本村以前的电脑）。")
        return None
    seq = ack["seq"]
    mine = sync_queries.change_at(store, seq) if seq else None
    same_change = seq == 0 or (mine is not None and bundle.change_hash(mine) == ack.get("change_hash"))
    if seq > sync_queries.max_seq(store) or not same_change:
        store.set_setting("sync_state", "behind")
        receipt.reasons.append(BEHIND)
        return None
    store.set_setting("sync_acked_seq", str(seq))
    sync_queries.mark_deltas_acknowledged(store, seq)
    waiting = sync_queries.count_after(store, seq)
    receipt.acked_seq = seq
    receipt.notes.append(f"区里已确认本机第 {seq} 号及以前的全部修改" + (f"；还有 {waiting} 条等待确认，下次导出时一并带上"
                                                                  if waiting else "；目前没有待确认的修改"))
    return seq


def import_return(ctx: Context, outer: bundle.Outer, keys: KeyPair, receipt: Receipt) -> Receipt:
    store, header = ctx.store, outer.header
    district = district_of(ctx)
    if header["kind"] != "return":
        raise BundleRejected("这个文件应在区里导入（村里导出的数据包），或用于新电脑恢复（快照），不能在这里导入。")
    if header["district"]["org"] != district["org"]:
        raise BundleRejected(f"这个回执包来自另一个区（代码 {header['district']['code']}），不予导入。")
    if header["village"]["org"] != ctx.org_uuid:
        raise BundleRejected(f"这个回执包是发给另一个村（{header['village']['code']}）的，不予导入。")
    if bundle.sender_key(outer) != district["sign_pk"]:
        raise BundleRejected("回执包不是用本区的密钥签名的，不予导入。")
    bundle.check_signature(outer, district["sign_pk"])
    if header["recipient"]["key_id"] != key_id(keys.box_pk):
        raise BundleRejected("这个回执包是发给本村另一台电脑（可能是已更换的旧电脑）的，本机无法导入。")
    earlier = [b for b in sync_queries.bundles_with_id(store, outer.bundle_id) if b["status"] in OK_STATUSES]
    if any(b["file_sha256"] == outer.file_sha256 for b in earlier):
        receipt.status = "duplicate"
        receipt.notes.append("这个回执包以前已导入过，本次未作任何改动。")
        return receipt
    if earlier:
        raise BundleRejected("有一个编号相同、内容不同的回执包以前已导入过，本文件不予导入，请与区里核实。",
                             status="quarantined")
    return_seq, last = header["seq"]["through"], int(store.setting("sync_return_seq") or 0)
    if return_seq <= last:
        raise BundleRejected(f"这是较早的回执包（第 {return_seq} 号），本机已导入过第 {last} 号，本包不再使用，"
                             "数据库未作改动。", status="outdated")
    inner = bundle.open_inner(outer, keys.box, district["sign_pk"])
    policy = changes.Policy("return", ctx.org_uuid, district["org"], header["sender"]["device"])
    changes.check(inner.changes, store, policy)
    try:
        with transaction(ctx):
            result = changes.apply(store, inner.changes, bundle_id=outer.bundle_id)
            receipt.counts.update(result.counts)
            receipt.reasons += result.reasons
            receipt.notes += _rules_forward(ctx, inner.info.get("in_force"))
            if _save_reviews(ctx, inner.info.get("reviews")):
                receipt.notes.append("收到区里的星级评定审核结果")
            seq = _take_ack(ctx, inner.info.get("ack"), receipt)
            _district_receipts(inner.info.get("receipts"), receipt)
            if account_resets.take_from_return(ctx, inner.info.get("account_resets")):
                receipt.notes.append("收到区里发出的密码重置码：可在登录窗口点“忘记密码”使用")
            if red_flags_sync.take_from_return(ctx, inner.info.get("red_flags")):
                receipt.notes.append("收到区里的红旗村评选结果")
            _check_drift(ctx, seq, inner.manifest.get("state_hash"), receipt)
            store.set_setting("sync_return_seq", str(return_seq))
            receipt.status = "held" if result.held_from is not None else "applied"
            store.audit(ctx.actor, "import", f"导入区里的回执包 {receipt.file}：{receipt.summary()}")
    except sqlite3.DatabaseError as exc:
        raise BundleRejected(f"回执包中的记录无法写入数据库（{exc}），整个回执包未导入。") from exc
    ctx.forget_rules()
    return receipt


def _district_receipts(receipts: object, receipt: Receipt) -> None:
    """Say what the district refused or held of our bundles (it keeps nothing it refused)."""
    for entry in receipts if isinstance(receipts, list) else []:
        if not isinstance(entry, dict) or entry.get("status") in OK_STATUSES:
            continue
        inner = entry.get("receipt") or {}
        reasons = "；".join(str(r) for r in (inner.get("reasons") or [])[:3])
        receipt.notes.append(f"区里未能导入本村的数据包 {entry.get('file') or ''}（{entry.get('status')}）：{reasons}")


def _check_drift(ctx: Context, acked: int | None, expected: object, receipt: Receipt) -> None:
    store = ctx.store
    if store.setting("sync_state") == "behind":
        return
    if acked is None or not isinstance(expected, str):
        return
    if village_state_hash_at(store, ctx.org_uuid, acked) != expected:
        store.set_setting("sync_state", "drift")
        receipt.reasons.append(DRIFT)
    else:
        store.set_setting("sync_state", "ok")
