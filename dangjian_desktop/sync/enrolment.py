"""The enrolment file (district → village) and the registration a new laptop makes from it.

The enrolment file carries the district's public keys, the village's identity and org uuid, the
rules in force, and a one-time enrolment key. At setup the laptop signs its own new public keys
with that key (the registration) and forgets the key's secret. Every delta carries the
registration, so the district can accept a device it has never seen: its own signature on the
enrolment certificate vouches for the enrolment key, which vouches for the device.

The file holds a secret and is handled like a key: it is carried by hand, registers one laptop
only, and both sides compare the district fingerprint by phone.
"""

from __future__ import annotations

import json
from pathlib import Path

from nacl.signing import SigningKey

from dangjian_desktop.store import utc_now
from dangjian_desktop.sync.bundle import canonical, is_uuid
from dangjian_desktop.sync.errors import BundleRejected
from dangjian_desktop.sync.keys import KeyPair, b64, unb64, verify

FORMAT = "dangjian-enrolment"
FORMAT_VERSION = 1
SUFFIX = ".dje"
MAX_SIZE = 16 * 1024 ** 2


def certificate(*, enrolment_id: str, district_org: str, village: dict, enrolment_key: SigningKey) -> dict:
    return {"enrolment_id": enrolment_id, "district_org": district_org, "village_org": village["org"],
            "village_code": village["code"], "village_name": village["name"],
            "enrolment_key": b64(bytes(enrolment_key.verify_key)), "issued_at": utc_now()}


def write_enrolment(path: Path, *, district_keys: KeyPair, body: dict) -> Path:
    """Sign and write the enrolment file (temporary name, then rename)."""
    document = {"format": FORMAT, "format_version": FORMAT_VERSION, "body": body,
                "signature": b64(district_keys.sign.sign(canonical(body)).signature)}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(canonical(document))
    partial.replace(path)
    return path


def read_enrolment(path: Path) -> dict:
    """The enrolment body, after its shape and its self-signature have been checked.

    The signature proves the file is whole and unaltered; that it really comes from *our* district
    is what the fingerprint read out by phone proves.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SIZE:
            raise BundleRejected("登记文件大得不合理，不是党建通登记文件。")
        document = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise BundleRejected(f"找不到登记文件：{path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BundleRejected("登记文件已损坏或不是党建通登记文件。") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BundleRejected("这不是党建通登记文件。")
    if not isinstance(document.get("format_version"), int) or document["format_version"] > FORMAT_VERSION:
        raise BundleRejected("这个登记文件由更新版本的党建通生成，请先升级党建通。")
    try:
        body = document["body"]
        district_pk = unb64(body["district"]["sign_key"], 32)
        unb64(body["district"]["box_key"], 32)
        signed = verify(district_pk, canonical(body), unb64(document["signature"], 64))
        shaped = (is_uuid(body["enrolment_id"]) and is_uuid(body["district"]["org"])
                  and is_uuid(body["village"]["org"]) and is_uuid(body["district"]["device"])
                  and body["certificate"]["village_org"] == body["village"]["org"]
                  and body["certificate"]["enrolment_id"] == body["enrolment_id"]
                  and verify(district_pk, canonical(body["certificate"]), unb64(body["certificate_sig"], 64))
                  and isinstance(body["district_org_row"], dict) and _rules_shaped(body))
        unb64(body["enrolment_secret"], 32)
    except (KeyError, TypeError, ValueError):
        raise BundleRejected("登记文件内容不完整，不能使用。") from None
    if not signed or not shaped:
        raise BundleRejected("登记文件的签名无效（文件已被改动或损坏），不能使用。")
    return body


def _rules_shaped(body: dict) -> bool:
    """The rules in force are among the rule rows the file carries."""
    rules, in_force = body["rules"], body["in_force"]
    if not (isinstance(rules, list) and all(isinstance(r, dict) and isinstance(r.get("row"), dict) for r in rules)):
        return False
    carried = {(r.get("table"), r["row"].get("uuid")) for r in rules}
    return isinstance(in_force, dict) and all((table, in_force.get(table)) in carried
                                              for table in ("rulebooks", "star_criteria"))


def make_registration(body: dict, *, device_id: str, keys: KeyPair) -> dict:
    """The laptop's public keys, signed with the one-time enrolment key (whose secret is then dropped)."""
    enrolment_key = SigningKey(unb64(body["enrolment_secret"], 32))
    device = {"device_id": device_id, "sign_key": b64(keys.sign_pk), "box_key": b64(keys.box_pk),
              "enrolment_id": body["enrolment_id"]}
    return {"certificate": body["certificate"], "certificate_sig": body["certificate_sig"],
            "device": device, "device_sig": b64(enrolment_key.sign(canonical(device)).signature)}


def check_registration(registration: object, *, district_sign_pk: bytes, district_org: str,
                       village_org: str, device_id: str) -> dict:
    """The registered device's keys as bytes, if the chain district → enrolment → device holds."""
    refused = BundleRejected("数据包来自一台未登记的电脑（登记信息无效），不予导入。请为该村办理登记。")
    if not isinstance(registration, dict):
        raise BundleRejected("数据包来自一台区里不认识的电脑，且没有登记信息，不予导入。")
    try:
        cert, device = registration["certificate"], registration["device"]
        chain = (verify(district_sign_pk, canonical(cert), unb64(registration["certificate_sig"], 64))
                 and verify(unb64(cert["enrolment_key"], 32), canonical(device), unb64(registration["device_sig"], 64)))
        matches = (cert["district_org"] == district_org and cert["village_org"] == village_org
                   and device["device_id"] == device_id and device["enrolment_id"] == cert["enrolment_id"])
        keys = {"sign_pk": unb64(device["sign_key"], 32), "box_pk": unb64(device["box_key"], 32)}
    except (KeyError, TypeError, ValueError):
        raise refused from None
    if not (chain and matches):
        raise refused
    return {**keys, "enrolment_id": cert["enrolment_id"], "enrolment_key": unb64(cert["enrolment_key"], 32),
            "certificate": cert}
