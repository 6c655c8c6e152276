"""The district's side of bundle sync: importing a village's delta, writing return bundles and
snapshots. The steps follow SYNC.md's import pipeline; each refusal says why in Chinese."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dangjian_desktop.gcpause import gc_paused
from dangjian_desktop.services import account_resets, red_flags_sync
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.sync_identity import district_of, schema_version, transaction
from dangjian_desktop.store import sync_queries
from dangjian_desktop.sync import bundle, changes
from dangjian_desktop.sync.container import write_atomically
from dangjian_desktop.sync.enrolment import check_registration
from dangjian_desktop.sync.errors import BundleRejected, SyncSetupError
from dangjian_desktop.sync.keys import KeyPair, enrolment_box_pk, fingerprint, key_id
from dangjian_desktop.sync.receipt import OK_STATUSES, Receipt
from dangjian_desktop.sync.state_hash import as_hex, moved, village_state_hash


# -- import -------------------------------------------------------------------------------------
def _sender(ctx: Context, outer: bundle.Outer, keys: KeyPair) -> tuple[dict | None, dict | None]:
    """(known device, or None) and (a verified registration for a new device, or None)."""
    store, header = ctx.store, outer.header
    district = district_of(ctx)
    if header["kind"] != "delta" or header["sender"]["role"] != "village":
        raise BundleRejected("这是区里发出的数据包（回执包或快照），应在村里导入，不是在区里。")
    if header["district"]["org"] != district["org"]:
        raise BundleRejected(f"这个数据包是发给另一个区（代码 {header['district']['code']}）的，不予导入。")
    if header["recipient"]["key_id"] != key_id(keys.box_pk):
        raise BundleRejected("这个数据包不是用本区现在的密钥加密的，无法导入。请村里核对登记文件后重新导出。")
    village_org, device_id = header["village"]["org"], header["sender"]["device"]
    device = sync_queries.device(store, device_id)
    if device is not None:
        if device["org_uuid"] != village_org:
            raise BundleRejected("发送数据包的电脑登记在另一个村名下，不予导入。")
        if device["revoked_at"]:
            raise BundleRejected(f"这台电脑已于 {device['revoked_at'][:10]} 被区里吊销（丢失或更换），"
                                 "它的数据包不再接受。")
        if device["forked_at"]:
            raise BundleRejected("这台电脑的数据流已隔离（同一版本出现两份不同内容）。请给该村发快照恢复。",
                                 status="quarantined")
        return device, None
    registration = check_registration(header.get("registration"), district_sign_pk=keys.sign_pk,
                                      district_org=district["org"], village_org=village_org, device_id=device_id)
    enrolment = sync_queries.enrolment(store, registration["enrolment_id"])
    if enrolment is not None and enrolment["used_by"] not in (None, device_id):
        raise BundleRejected("这份登记文件已被另一台电脑使用过，一份登记只能用于一台电脑。"
                             "如确需更换电脑，请先吊销旧电脑并重新办理登记。")
    if enrolment is not None and enrolment["org_uuid"] != village_org:
        raise BundleRejected("登记信息与数据包标明的村不符，不予导入。")
    return None, registration


def _register(ctx: Context, outer: bundle.Outer, registration: dict) -> None:
    """Record a new device (inside the import's transaction); a district restored without its
    enrolment records re-learns the village from the certificate it signed itself."""
    store, header = ctx.store, outer.header
    cert, org = registration["certificate"], header["village"]["org"]
    if sync_queries.village_by_org(store, org) is None:
        sync_queries.save_village(store, org_uuid=org, code=cert["village_code"], name=cert["village_name"], town=None)
    if not sync_queries.has_devices(store, org) and sync_queries.kept_state_hash(store, org) is None:
        # Village rows reach the district only in bundles from its registered laptops: none yet.
        sync_queries.keep_state_hash(store, org, as_hex(0))
    sync_queries.add_enrolment(store, enrolment_id=registration["enrolment_id"], org_uuid=org,
                               sign_pk=registration["enrolment_key"])
    sync_queries.use_enrolment(store, registration["enrolment_id"], header["sender"]["device"])
    sync_queries.add_device(store, device_id=header["sender"]["device"], org_uuid=org,
                            enrolment_id=registration["enrolment_id"], sign_pk=registration["sign_pk"],
                            box_pk=registration["box_pk"])


def _check_range(inner: bundle.Inner, after: int, through: int) -> None:
    seqs = [c["seq"] for c in inner.changes]
    if seqs and (seqs[0] <= after or seqs[-1] != through):
        raise BundleRejected("数据包中的修改序号与说明不符，不予导入。")
    if not seqs and after != through:
        raise BundleRejected("数据包说明有修改，但里面是空的，不予导入。")


def import_delta(ctx: Context, outer: bundle.Outer, keys: KeyPair, receipt: Receipt) -> Receipt:
    with gc_paused():
        return _import_delta(ctx, outer, keys, receipt)


def _import_delta(ctx: Context, outer: bundle.Outer, keys: KeyPair, receipt: Receipt) -> Receipt:
    store, header = ctx.store, outer.header
    device, registration = _sender(ctx, outer, keys)
    sign_pk = device["sign_pk"] if device else registration["sign_pk"]
    if bundle.sender_key(outer) != sign_pk:
        raise BundleRejected("数据包的签名密钥与该电脑登记的密钥不符，不予导入。")
    bundle.check_signature(outer, sign_pk)
    acked = device["acked_seq"] if device else 0
    receipt.acked_seq = acked

    earlier = [b for b in sync_queries.bundles_with_id(store, outer.bundle_id) if b["status"] in OK_STATUSES]
    if any(b["file_sha256"] == outer.file_sha256 for b in earlier):
        receipt.status = "duplicate"
        receipt.notes.append("这个数据包以前已导入过，本次未作任何改动；下一个回执包会再次确认。")
        return receipt
    if earlier:
        sync_queries.quarantine(store, reason="same bundle id, other content", bundle_id=outer.bundle_id,
                                device=header["sender"]["device"])
        raise BundleRejected("有一个编号相同、内容不同的数据包以前已导入过。本文件已隔离，请与该村核实。",
                             status="quarantined")

    inner = bundle.open_inner(outer, keys.box, sign_pk)
    district_org = district_of(ctx)["org"]
    policy = changes.Policy("delta", header["village"]["org"], district_org, header["sender"]["device"])
    changes.check(inner.changes, store, policy, values_checked=inner.values_checked)
    after, through = header["seq"]["after"], header["seq"]["through"]
    _check_range(inner, after, through)
    try:
        with sync_queries.references_checked_by_caller(store), transaction(ctx):
            if registration:
                _register(ctx, outer, registration)
                print_ = fingerprint(registration["sign_pk"], registration["box_pk"])
                receipt.notes.append(f"这台电脑是第一次发来数据包，已按登记信息记录。它的密钥指纹是 {print_}，"
                                     "请与村里电话核对。")
            seen = inner.info.get("return_seq")
            if isinstance(seen, int) and 0 <= seen < 2 ** 31:
                sync_queries.raise_return_seq(store, header["village"]["org"], seen)
            if after > acked:
                receipt.status = "held"
                receipt.counts["held"] = len(inner.changes)
                receipt.reasons.append(f"区里还缺少本村第 {acked + 1} 至 {after} 号修改（区里数据库可能从备份恢复过），"
                                       f"本包暂不导入。回执包会请村里从第 {acked + 1} 号起重新导出。")
                sync_queries.touch_device(store, header["sender"]["device"])
                return receipt
            result = changes.apply(store, inner.changes, bundle_id=outer.bundle_id, policy=policy)
            state = state_hash(ctx, header["village"]["org"], result.state_delta)
            _acknowledge(ctx, outer, inner, result, acked, receipt, state)
            if result.counts["applied"] or result.counts["conflict"]:
                store.audit(ctx.actor, "import", f"导入 {header['village']['code']} 数据包 {receipt.file}："
                            f"{receipt.summary()}")
    except changes.ForkDetected:
        sync_queries.mark_device_forked(store, header["sender"]["device"])
        sync_queries.quarantine(store, reason="fork", bundle_id=outer.bundle_id, device=header["sender"]["device"])
        raise
    except sqlite3.DatabaseError as exc:
        raise BundleRejected(f"数据包中的记录与区里已有的记录冲突（{exc}），整个数据包未导入。") from exc
    return receipt


def state_hash(ctx: Context, org: str, delta: int = 0) -> str:
    """The village's state hash as the district holds it: the value kept up to date by each import
    (moved by `delta`, what the rows just applied changed), or computed from the rows once.

    An import's disagreement with the village's manifest is recomputed from the rows before anyone
    is warned. Return bundles carry the kept value, so writing a thousand of them reads no village's
    rows; any write of a village's rows outside an import deletes the kept value (triggers of m007),
    so such an edit at the district is computed into the next return and still shows as drift.
    """
    kept = sync_queries.kept_state_hash(ctx.store, org)
    value = village_state_hash(ctx.store, org) if kept is None else moved(kept, delta)
    if value != kept:
        sync_queries.keep_state_hash(ctx.store, org, value)
    return value


def _acknowledge(ctx: Context, outer: bundle.Outer, inner: bundle.Inner, result: changes.Applied, acked: int,
                 receipt: Receipt, state: str) -> None:
    """Advance the device's acknowledged sequence to the highest contiguous decided change."""
    header = outer.header
    receipt.counts.update(result.counts)
    receipt.reasons += result.reasons
    receipt.status = "held" if result.held_from is not None else "applied"
    through = header["seq"]["through"]
    top = through if result.held_from is None else (result.last_decided or {}).get("seq") or acked
    if top > acked:
        last = next(c for c in reversed(inner.changes) if c["seq"] == top)  # (the last change, unless some were held)
        sync_queries.set_device_ack(ctx.store, header["sender"]["device"], seq=top,
                                    change_hash=bundle.change_hash(last))
        acked = top
    else:
        sync_queries.touch_device(ctx.store, header["sender"]["device"])
    receipt.acked_seq = acked
    expected = inner.manifest.get("state_hash")
    if expected and result.held_from is None and not result.counts["conflict"] and state != expected:
        recomputed = village_state_hash(ctx.store, header["village"]["org"])  # the kept value is never trusted to warn
        sync_queries.keep_state_hash(ctx.store, header["village"]["org"], recomputed)
        if recomputed == expected:
            return
        receipt.notes.append("区里汇总的该村数据与村里不一致（状态校验值不同）：请核对，必要时给该村发快照。")


# -- export -------------------------------------------------------------------------------------
def _verifier(sign_pk: bytes):
    def verify(data: bytes) -> None:
        bundle.check_signature(bundle.read_outer(data), sign_pk)
    return verify


def _rules_in_force(ctx: Context) -> dict:
    return {"rulebooks": ctx.store.setting("rulebook_uuid"), "star_criteria": ctx.store.setting("criteria_uuid")}


def _district_rows(ctx: Context) -> list[dict]:
    district_row = sync_queries.rows_by_uuid(ctx.store, "orgs", [ctx.org_uuid])[ctx.org_uuid]
    return [{"seq": None, "table": "orgs", "row": district_row}] + [
        {"seq": None, "table": table, "row": row} for table, row in sync_queries.rule_rows(ctx.store)]


def export_return(ctx: Context, keys: KeyPair, village: dict, out_dir: Path) -> tuple[Path | None, str]:
    """A return bundle for one village: acknowledgement, receipts, rules, reviews, state hash."""
    store, org = ctx.store, village["org_uuid"]
    device = sync_queries.active_device(store, org)
    if device is None:
        return None, f"{village['name']}（{village['code']}）：尚未收到该村电脑的第一个数据包，无法生成回执包"
    district = district_of(ctx)
    with store.atomic():
        return_seq = sync_queries.next_return_seq(store, org)
        info = {"return_seq": return_seq,
                "ack": {"device": device["device_id"], "seq": device["acked_seq"], "change_hash": device["acked_hash"]},
                "receipts": sync_queries.receipts_since_last_return(store, org), "in_force": _rules_in_force(ctx),
                "reviews": sync_queries.reviews_for(store, org), "revoked": sync_queries.revoked_devices(store, org)}
        resets = account_resets.for_return(ctx, org)  # password-reset codes (hashes) for the village's accounts
        if resets:
            info["account_resets"] = resets
        flags = red_flags_sync.for_return(ctx, org)  # the village's 红旗村 flags, with revocations
        if flags:
            info["red_flags"] = flags
        name, data = bundle.seal(
            kind="return", sender=keys, sender_role="district", sender_device=district["device"],
            recipient_box_pk=device["box_pk"], recipient_device=device["device_id"], district=district,
            village={"code": village["code"], "org": org}, seq_after=return_seq - 1, seq_through=return_seq,
            schema_version=schema_version(), info=info, changes=_district_rows(ctx),
            state_hash=state_hash(ctx, org))  # the village's drift check (kept by imports, see state_hash)
        path = write_atomically(out_dir, name, data, _verifier(keys.sign_pk))
        sync_queries.log_bundle(store, direction="out", status="written", file_name=name, kind="return",
                                village_org=org, device=device["device_id"], seq_after=return_seq - 1,
                                seq_through=return_seq, bundle_id=bundle.read_outer(data).bundle_id,
                                file_sha256=bundle.sha256(data))
    return path, f"{village['name']}（{village['code']}）：回执包第 {return_seq} 号，确认到第 {device['acked_seq']} 号修改"


def export_snapshot(ctx: Context, keys: KeyPair, village: dict, out_dir: Path) -> Path:
    """Everything the district holds for a village, sealed to its new (unused) enrolment."""
    store, org = ctx.store, village["org_uuid"]
    enrolment = sync_queries.latest_enrolment(store, org)
    if enrolment is None or enrolment["used_by"]:
        raise SyncSetupError(f"快照只能发给新登记、尚未使用的电脑。请先用 dangjian enrol {village['code']} --name … "
                             "为新电脑办理登记，再生成快照，并把登记文件和快照一起交给村里。")
    district = district_of(ctx)
    rows = _district_rows(ctx) + [{"seq": None, "table": table, "row": row}
                                  for table, row in sync_queries.village_rows(store, org)]
    info = {"village": {"code": village["code"], "name": village["name"], "town": village["town"]},
            "in_force": _rules_in_force(ctx), "reviews": sync_queries.reviews_for(store, org),
            "return_seq": village["return_seq"], "enrolment_id": enrolment["enrolment_id"]}
    name, data = bundle.seal(
        kind="snapshot", sender=keys, sender_role="district", sender_device=district["device"],
        recipient_box_pk=bytes(enrolment_box_pk(enrolment["sign_pk"])), recipient_device=None, district=district,
        village={"code": village["code"], "org": org}, seq_after=0, seq_through=village["return_seq"],
        schema_version=schema_version(), info=info, changes=rows, state_hash=village_state_hash(store, org))
    with store.atomic():
        path = write_atomically(out_dir, name, data, _verifier(keys.sign_pk))
        sync_queries.log_bundle(store, direction="out", status="written", file_name=name, kind="snapshot",
                                village_org=org, bundle_id=bundle.read_outer(data).bundle_id,
                                file_sha256=bundle.sha256(data), receipt={"rows": len(rows)})
        store.audit(ctx.actor, "snapshot", f"为 {village['name']} 生成快照 {name}（{len(rows)} 条记录）")
    return path
