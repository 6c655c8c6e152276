"""The district office (新区党工委组织部): its database and keys, enrolling villages, their laptops,
rules it issues, and a village's roster as the district holds it."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from nacl.signing import SigningKey

from dangjian_desktop.core.rulebook import Rulebook, default_rulebook
from dangjian_desktop.core.stars import Criteria, default_criteria
from dangjian_desktop.errors import DangjianError, NotFoundError, ValidationError
from dangjian_desktop.reports.excel_roster import write_roster
from dangjian_desktop.services import registry
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.setup import _CODE, RULE_FILES_ORG, install_rule_version
from dangjian_desktop.services.sync_identity import district_of, own_keys, require_district
from dangjian_desktop.store import new_uuid, queries, sync_queries, utc_now
from dangjian_desktop.sync import enrolment as enrolment_file
from dangjian_desktop.sync.bundle import canonical
from dangjian_desktop.sync.keys import KeyPair, b64, fingerprint, seal_secret

MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class DistrictCreated:
    org: dict
    fingerprint: str
    sheet: Path


@dataclass(frozen=True)
class Enrolled:
    path: Path
    village_org: str
    enrolment_id: str
    district_fingerprint: str
    replaces: bool  # the village was enrolled before (a replacement laptop)


def setup_district(ctx: Context, *, code: str, name: str, passphrase: str, sheet_path: Path) -> DistrictCreated:
    """Make an empty database the district's: its org, its keys (sealed under the passphrase), the
    built-in rules in force, and a printable recovery sheet."""
    store = ctx.store
    if store.setting("org_uuid"):
        raise DangjianError(f"这个数据库已经属于“{ctx.org['name']}”，不能再次初始化。请用 --db 指定新的数据库文件。")
    problems = []
    if not _CODE.match(code or ""):
        problems.append("区代码只能由 1–32 位字母、数字、- 或 _ 组成")
    if not (name or "").strip():
        problems.append("区级党组织名称不能为空")
    if len(passphrase or "") < MIN_PASSPHRASE:
        problems.append(f"密钥口令至少 {MIN_PASSPHRASE} 个字符")
    if problems:
        raise ValidationError("；".join(problems))
    keys = KeyPair.generate()
    sealed = seal_secret(keys.secret, passphrase)
    org_uuid = new_uuid()
    with store.atomic():
        store.set_setting("device_id", new_uuid())
        store.set_setting("role", "district")
        store.set_setting("org_uuid", org_uuid)
        store.insert("orgs", {"uuid": org_uuid, "kind": "district", "name": name.strip(), "code": code,
                              "org_type": "区级党组织"},
                     org=org_uuid, actor=ctx.actor, summary=f"建立区级数据库：{name}")
        store.set_setting("rulebook_uuid", install_rule_version(ctx, "rulebooks", default_rulebook()))
        store.set_setting("criteria_uuid", install_rule_version(ctx, "star_criteria", default_criteria()))
        sync_queries.save_keys(store, sign_pk=keys.sign_pk, box_pk=keys.box_pk, secret=sealed.ciphertext,
                               kdf_salt=sealed.salt, kdf_ops=sealed.ops, kdf_mem=sealed.mem)
    ctx.forget_rules()
    print_ = fingerprint(keys.sign_pk, keys.box_pk)
    sheet = write_recovery_sheet(sheet_path, org=ctx.org, fingerprint_text=print_, sealed=sealed.to_bytes())
    return DistrictCreated(ctx.org, print_, sheet)


def write_recovery_sheet(path: Path, *, org: dict, fingerprint_text: str, sealed: bytes) -> Path:
    """A text page to print and lock away: the key fingerprint and the keys sealed under the passphrase.

    Each line of the key block ends with a two-letter check, so a mistyped line can be found.
    """
    block = base64.b32encode(sealed).decode("ascii").rstrip("=")
    groups = [block[i:i + 4] for i in range(0, len(block), 4)]
    lines = []
    for start in range(0, len(groups), 8):
        text = " ".join(groups[start:start + 8])
        check = hashlib.sha256(text.encode("ascii")).hexdigest()[:2].upper()
        lines.append(f"  {start // 8 + 1:02d}  {text}  [{check}]")
    sheet = "\n".join([
        "党建通 区级密钥恢复单（请打印后锁在保险柜里，不要拍照、不要存在电脑上）",
        "=" * 60,
        f"单位：{org['name']}（代码 {org['code']}）",
        f"组织编号：{org['uuid']}",
        f"建立时间（UTC）：{utc_now()}",
        "",
        f"密钥指纹：{fingerprint_text}",
        "  各村用登记文件建立数据库时，会显示区里的密钥指纹。请在电话里逐位核对，一致才可使用。",
        "",
        "密钥（已用口令加密；没有口令无法使用）：",
        *lines,
        "",
        "说明：",
        "  1. 区级数据库里已保存这对密钥（同样用口令加密）。请定期备份区级数据库。",
        "  2. 口令单独保管，不要写在本单上。忘记口令则无法打开密钥，各村须重新登记。",
        "  3. 密钥泄露或丢失时，请建立新的区级数据库并为各村重新办理登记。",
        "",
    ])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(sheet, encoding="utf-8")
    partial.replace(path)
    return path


def enrol_village(ctx: Context, *, code: str, name: str, town: str | None, out: Path,
                  passphrase: str | None) -> Enrolled:
    """Write an enrolment file for a village (again for a replacement laptop: same org uuid)."""
    ctx.require("registry.edit")
    require_district(ctx)
    problems = []
    if not _CODE.match(code or ""):
        problems.append("村代码只能由 1–32 位字母、数字、- 或 _ 组成")
    if not (name or "").strip():
        problems.append("村党组织名称不能为空")
    if problems:
        raise ValidationError("；".join(problems))
    keys = own_keys(ctx, passphrase)
    store = ctx.store
    district = district_of(ctx)
    known = sync_queries.village_by_code(store, code)
    village = {"code": code, "name": name.strip(), "town": (town or "").strip() or (known or {}).get("town"),
               "org": known["org_uuid"] if known else new_uuid()}
    enrolment_key = SigningKey.generate()
    enrolment_id = new_uuid()
    cert = enrolment_file.certificate(enrolment_id=enrolment_id, district_org=district["org"], village=village,
                                      enrolment_key=enrolment_key)
    rules_in_force = {"rulebooks": store.setting("rulebook_uuid"), "star_criteria": store.setting("criteria_uuid")}
    body = {
        "enrolment_id": enrolment_id, "issued_at": utc_now(),
        "district": {"code": district["code"], "name": district["name"], "org": district["org"],
                     "device": district["device"], "sign_key": b64(keys.sign_pk), "box_key": b64(keys.box_pk)},
        "village": village, "certificate": cert,
        "certificate_sig": b64(keys.sign.sign(canonical(cert)).signature),
        "enrolment_secret": b64(bytes(enrolment_key)),
        "district_org_row": queries.row(store, "orgs", district["org"]),
        "rules": [{"table": table, "row": queries.row(store, table, uuid)} for table, uuid in rules_in_force.items()],
        "in_force": rules_in_force,
    }
    with store.atomic():
        sync_queries.save_village(store, org_uuid=village["org"], code=code, name=village["name"],
                                  town=village["town"])
        registry.attach_enrolled(ctx, village["org"], village["town"])
        sync_queries.add_enrolment(store, enrolment_id=enrolment_id, org_uuid=village["org"],
                                   sign_pk=bytes(enrolment_key.verify_key))
        path = enrolment_file.write_enrolment(out, district_keys=keys, body=body)
        store.audit(ctx.actor, "enrol", f"为 {village['name']}（{code}）办理登记" + ("（更换电脑）" if known else ""))
    return Enrolled(path, village["org"], enrolment_id, fingerprint(keys.sign_pk, keys.box_pk), bool(known))


# -- devices ------------------------------------------------------------------------------------
def list_devices(ctx: Context) -> list[dict]:
    """Every village laptop that has registered, with its fingerprint and state (在用/已吊销/已隔离)."""
    require_district(ctx)
    out = []
    for row in sync_queries.devices(ctx.store):
        state = "已吊销" if row["revoked_at"] else ("已隔离" if row["forked_at"] else "在用")
        out.append({**row, "state": state, "fingerprint": fingerprint(row["sign_pk"], row["box_pk"])})
    return out


def find_device(ctx: Context, key: str) -> dict:
    """A device by its full id or an unambiguous prefix of at least six characters."""
    key = (key or "").strip().lower()
    matches = [d for d in list_devices(ctx)
               if d["device_id"] == key or (len(key) >= 6 and d["device_id"].startswith(key))]
    if not matches:
        raise NotFoundError("电脑", key)
    if len(matches) > 1:
        raise DangjianError(f"有 {len(matches)} 台电脑的编号以“{key}”开头，请写得更长一些")
    return matches[0]


def revoke_device(ctx: Context, *, device: str, reason: str | None = None) -> dict:
    """Refuse every later bundle from a laptop (lost, stolen, replaced). Enrol a replacement after."""
    ctx.require("registry.edit")
    found = find_device(ctx, device)
    if found["revoked_at"]:
        raise DangjianError(f"电脑 {found['device_id'][:8]} 已于 {found['revoked_at']} 吊销")
    with ctx.store.atomic():
        sync_queries.revoke_device(ctx.store, found["device_id"], reason)
        ctx.store.audit(ctx.actor, "revoke", f"吊销 {found['village_name']} 的电脑 {found['device_id']}"
                        + (f"：{reason}" if reason else ""))
    return find_device(ctx, found["device_id"])


# -- rules and rosters ----------------------------------------------------------------------------
def issue_rules(ctx: Context, *, table: str, rules: Rulebook | Criteria) -> str:
    """Install a rulebook or criteria version at the district and put it in force if it is newer;
    the next return bundles carry it to every village (which applies it only forward)."""
    ctx.require("rules.edit")
    require_district(ctx)
    setting = {"rulebooks": "rulebook_uuid", "star_criteria": "criteria_uuid"}[table]
    with ctx.store.atomic():
        uuid = install_rule_version(ctx, table, rules, org=RULE_FILES_ORG)
        current = queries.row(ctx.store, table, ctx.store.setting(setting) or "")
        new = queries.row(ctx.store, table, uuid)
        if current is None or (new["effective_from"], new["version_label"]) > (current["effective_from"],
                                                                              current["version_label"]):
            ctx.store.set_setting(setting, uuid)
    ctx.forget_rules()
    return uuid


def export_village_roster(ctx: Context, *, village_code: str, path: str | Path, roster_only: bool = True) -> int:
    """A village's roster as the district holds it (from the bundles it imported), as .xlsx."""
    from dangjian_desktop.core.privacy import mask_member
    from dangjian_desktop.services.personal_data import check_personal_export, record_personal_export

    require_district(ctx)
    check_personal_export(ctx)
    village = sync_queries.village_by_code(ctx.store, village_code)
    if village is None:
        raise NotFoundError("已登记的村", village_code)
    members = queries.members(ctx.store, village["org_uuid"], roster_only=roster_only)
    if not ctx.may("personal.view"):
        members = [mask_member(m) for m in members]
    write_roster(path, members, title=f"{village['name']}党员花名册（区级汇总）")
    record_personal_export(ctx, path=path, rows=len(members), what=f" {village['name']} 花名册")
    return len(members)

