"""The bundle file, format version 1 (docs/bundle-format.md): a signed plaintext header outside,
a payload sealed to the recipient inside, holding a signed manifest and the changes as JSON lines.

Both signatures matter: a sealed box is anonymous, so the outer signature says who sent the
ciphertext (checked before anything is decrypted), and the inner one binds the contents to the
same sender, so nobody can re-sign someone else's sealed payload as their own.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid as uuidlib
from dataclasses import dataclass, field
from typing import Any

import nacl.exceptions
from nacl.public import PrivateKey, PublicKey, SealedBox

MAX_TEXT = 4 * 1024 ** 2  # characters of one text value of a row (sync/changes.py refuses longer ones)

try:
    from typing import Annotated, Optional, Union

    import msgspec

    class _Change(msgspec.Struct, forbid_unknown_fields=True):
        """One change line whose row values are all scalars, texts no longer than MAX_TEXT."""

        seq: Optional[Annotated[int, msgspec.Meta(gt=0)]]
        table: str
        row: dict[str, Union[Annotated[str, msgspec.Meta(max_length=MAX_TEXT)], int, float, bool, None]]

    _fast_decode = msgspec.json.Decoder().decode
    _typed_decode = msgspec.json.Decoder(_Change).decode
    _typed_lines = msgspec.json.Decoder(_Change).decode_lines
    _FAST_ERRORS: tuple[type[Exception], ...] = (msgspec.DecodeError, UnicodeDecodeError)
except ImportError:  # the plain `json` reader alone gives the same result, only slower
    _fast_decode = _typed_decode = _typed_lines = None
    _FAST_ERRORS = ()

from dangjian_desktop.store import utc_now
from dangjian_desktop.sync import container
from dangjian_desktop.sync.errors import BundleRejected
from dangjian_desktop.sync.keys import KeyPair, b64, key_id, unb64, verify

FORMAT = "dangjian-bundle"
FORMAT_VERSION = 1
KINDS = ("delta", "return", "snapshot")
SUFFIX = ".djb"

OUTER = ("header.json", "header.sig", "payload.bin")
INNER = ("manifest.json", "manifest.sig", "info.json", "changes.jsonl")
MAX_FILE = 512 * 1024 ** 2
OUTER_CAPS = {"header.json": 64 * 1024, "header.sig": 64, "payload.bin": MAX_FILE}
INNER_CAPS = {"manifest.json": 1024 ** 2, "manifest.sig": 64, "info.json": 64 * 1024 ** 2,
              "changes.jsonl": 2 * 1024 ** 3}
MAX_LINE = 8 * 1024 ** 2
MAX_CHANGES = 10_000_000

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}\Z")


def canonical(value: Any) -> bytes:
    """One byte string per value, so signatures and hashes agree on both sides."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def change_hash(change: dict) -> str:
    """Identifies one change's content: the district keeps it for the last change it acknowledged."""
    return sha256(canonical({"seq": change["seq"], "table": change["table"], "row": change["row"]}))[:32]


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


@dataclass
class Outer:
    """What can be read without any key: the header, its signature and the sealed payload."""

    header: dict
    header_bytes: bytes
    signature: bytes
    payload: bytes
    file_sha256: str

    @property
    def bundle_id(self) -> str:
        return self.header["bundle_id"]

    @property
    def kind(self) -> str:
        return self.header["kind"]


@dataclass
class Inner:
    manifest: dict
    info: dict
    changes: list[dict] = field(default_factory=list)
    #: Every row value is already known to be text (at most MAX_TEXT characters), a number, a
    #: boolean or null: the reader checked it while parsing (sync/changes.check need not again).
    values_checked: bool = False


def file_name(kind: str, village_code: str, seq_through: int, bundle_id: str) -> str:
    """FAT32- and Windows-legal (letters, digits, '-' and '.'), sortable by sequence."""
    marker = {"delta": "", "return": "R", "snapshot": "S"}[kind]
    return f"DJ-{village_code}-{marker}{seq_through:06d}-{bundle_id[:8]}{SUFFIX}"


def seal(*, kind: str, sender: KeyPair, sender_role: str, sender_device: str, recipient_box_pk: bytes,
         recipient_device: str | None, district: dict, village: dict, seq_after: int, seq_through: int,
         schema_version: int, info: dict, changes: list[dict], state_hash: str | None,
         registration: dict | None = None) -> tuple[str, bytes]:
    """Build a bundle; returns (file name, file bytes)."""
    bundle_id = str(uuidlib.uuid4())
    lines = b"".join(canonical(c) + b"\n" for c in changes)
    info_bytes = canonical(info)
    counts: dict[str, int] = {}
    for change in changes:
        counts[change["table"]] = counts.get(change["table"], 0) + 1
    recipient_key = key_id(recipient_box_pk)
    seq = {"after": seq_after, "through": seq_through}
    manifest = {
        "bundle_id": bundle_id, "kind": kind, "sender_device": sender_device, "recipient_key_id": recipient_key,
        "district_org": district["org"], "village_org": village["org"], "seq": seq, "counts": counts,
        "files": {"info.json": {"size": len(info_bytes), "sha256": sha256(info_bytes)},
                  "changes.jsonl": {"size": len(lines), "sha256": sha256(lines)}},
        "state_hash": state_hash,
    }
    manifest_bytes = canonical(manifest)
    inner = container.pack([("manifest.json", manifest_bytes),
                            ("manifest.sig", sender.sign.sign(manifest_bytes).signature),
                            ("info.json", info_bytes), ("changes.jsonl", lines)], compress=True)
    payload = SealedBox(PublicKey(recipient_box_pk)).encrypt(inner)
    header = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "kind": kind, "bundle_id": bundle_id,
        "created_at": utc_now(), "schema_version": schema_version,
        "district": {"code": district["code"], "org": district["org"]},
        "village": {"code": village["code"], "org": village["org"]},
        "sender": {"role": sender_role, "device": sender_device, "sign_key": b64(sender.sign_pk)},
        "recipient": {"device": recipient_device, "key_id": recipient_key},
        "seq": seq, "registration": registration,
        "payload": {"size": len(payload), "sha256": sha256(payload)},
    }
    header_bytes = canonical(header)
    data = container.pack([("header.json", header_bytes),
                           ("header.sig", sender.sign.sign(header_bytes).signature),
                           ("payload.bin", bytes(payload))])
    return file_name(kind, village["code"], seq_through, bundle_id), data


# -- reading ------------------------------------------------------------------------------------
def _header_problem(header: object) -> str | None:
    """What is wrong with a header's shape (its signature is checked separately)."""
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return "这不是党建通数据包。"
    version = header.get("format_version")
    if not isinstance(version, int):
        return "数据包格式版本无法识别。"
    if version > FORMAT_VERSION:
        return (f"这个数据包由更新版本的党建通生成（格式版本 {version}，本机只认识到 {FORMAT_VERSION}），"
                "请先升级党建通再导入。")
    try:
        ok = (header["kind"] in KINDS and is_uuid(header["bundle_id"])
              and isinstance(header["schema_version"], int)
              and all(_CODE.match(header[side]["code"]) and is_uuid(header[side]["org"])
                      for side in ("district", "village"))
              and header["sender"]["role"] in ("village", "district") and is_uuid(header["sender"]["device"])
              and isinstance(header["recipient"]["key_id"], str)
              and all(isinstance(header["seq"][k], int) and header["seq"][k] >= 0 for k in ("after", "through"))
              and header["seq"]["after"] <= header["seq"]["through"]
              and isinstance(header["payload"]["size"], int) and isinstance(header["payload"]["sha256"], str))
        unb64(header["sender"]["sign_key"], 32)
    except (KeyError, TypeError, ValueError):
        ok = False
    return None if ok else "数据包的说明部分不完整或格式不对，不予导入。"


def read_outer(data: bytes) -> Outer:
    """Parse the container and the header; no key is needed and nothing is trusted yet."""
    members = container.unpack(data, OUTER, OUTER_CAPS)
    try:
        header = json.loads(members["header.json"].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BundleRejected(container.TAMPERED) from None
    problem = _header_problem(header)
    if problem:
        raise BundleRejected(problem)
    return Outer(header, members["header.json"], members["header.sig"], members["payload.bin"], sha256(data))


def check_schema(outer: Outer, known: int) -> None:
    """Rows from a newer database structure than this program knows are not guessed at."""
    if outer.header["schema_version"] > known:
        raise BundleRejected(f"这个数据包来自更新版本的党建通（数据结构第 {outer.header['schema_version']} 版，"
                             f"本机只认识到第 {known} 版），请先升级党建通再导入。")


def sender_key(outer: Outer) -> bytes:
    return unb64(outer.header["sender"]["sign_key"], 32)


def check_signature(outer: Outer, sign_pk: bytes) -> None:
    """The header is signed by `sign_pk` and the payload is the one it describes."""
    if not verify(sign_pk, outer.header_bytes, outer.signature):
        raise BundleRejected("数据包签名无效：不是由登记过的电脑生成，或在途中被改动，不予导入。")
    described = outer.header["payload"]
    if len(outer.payload) != described["size"] or sha256(outer.payload) != described["sha256"]:
        raise BundleRejected(container.TAMPERED)


def open_inner(outer: Outer, box_key: PrivateKey, sender_sign_pk: bytes) -> Inner:
    """Decrypt, check the manifest's signature and agreement with the header, parse the changes."""
    try:
        inner_bytes = SealedBox(box_key).decrypt(outer.payload)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError, ValueError):
        raise BundleRejected("无法解密数据包：它不是发给本机的，或已损坏。") from None
    members = container.unpack(inner_bytes, INNER, INNER_CAPS, compressed=True)
    if not verify(sender_sign_pk, members["manifest.json"], members["manifest.sig"]):
        raise BundleRejected("数据包内部清单的签名无效，不予导入。")
    try:
        manifest = json.loads(members["manifest.json"].decode("utf-8"))
        header = outer.header
        agrees = (manifest["bundle_id"] == header["bundle_id"] and manifest["kind"] == header["kind"]
                  and manifest["sender_device"] == header["sender"]["device"]
                  and manifest["recipient_key_id"] == header["recipient"]["key_id"]
                  and manifest["district_org"] == header["district"]["org"]
                  and manifest["village_org"] == header["village"]["org"] and manifest["seq"] == header["seq"])
        for name in ("info.json", "changes.jsonl"):
            described = manifest["files"][name]
            agrees = agrees and described == {"size": len(members[name]), "sha256": sha256(members[name])}
        info = json.loads(members["info.json"].decode("utf-8"))
    except (KeyError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
        raise BundleRejected("数据包内部清单不完整，不予导入。") from None
    if not agrees or not isinstance(info, dict):
        raise BundleRejected("数据包内部清单与外部说明不一致（可能被人重新签名），不予导入。")
    changes, values_checked = _parse_changes(members["changes.jsonl"])
    counts: dict[str, int] = {}
    for change in changes:
        counts[change["table"]] = counts.get(change["table"], 0) + 1
    if counts != manifest.get("counts"):
        raise BundleRejected("数据包中的记录条数与清单不符，不予导入。")
    return Inner(manifest, info, changes, values_checked)


_CHANGE_KEYS = frozenset({"seq", "table", "row"})


def _all_lines_typed(data: bytes) -> list[dict] | None:
    """Every line in one msgspec call, when each fits the typed shape of a change (None otherwise:
    the line-by-line reader below then decides, and names the line at fault). Only for a file whose
    lines `splitlines` would cut the same way (no CR, no empty line) and none can exceed MAX_LINE."""
    if (_typed_lines is None or not data or len(data) > MAX_LINE or b"\r" in data or b"\n\n" in data
            or data.startswith(b"\n")):
        return None
    try:
        parsed = _typed_lines(data)
    except _FAST_ERRORS:
        return None
    if len(parsed) != data.count(b"\n") + (not data.endswith(b"\n")) or len(parsed) > MAX_CHANGES:
        return None
    return [{"seq": change.seq, "table": change.table, "row": change.row} for change in parsed]


def _parse_changes(data: bytes) -> tuple[list[dict], bool]:
    """One change a line; also whether every row value was checked on the way (see Inner).

    msgspec reads the lines (several times faster than `json`), first against the shape of a change
    whose values are plain scalars; a line that does not fit is read untyped, and a line msgspec
    refuses altogether is read again by `json`, whose rules (NaN, lone surrogates …) decide, as they
    always did. Either way the same checks below (and in sync/changes.py) apply."""
    whole = _all_lines_typed(data)
    if whole is not None:
        return whole, True
    lines = data.splitlines()
    if len(lines) > MAX_CHANGES:
        raise BundleRejected("数据包中的记录大得或多得不合理，不予导入。")
    typed, fast = _typed_decode, _fast_decode  # (they refuse bytes that are not UTF-8, like `json` below)
    changes = []
    values_checked = typed is not None
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise BundleRejected("数据包中的记录大得或多得不合理，不予导入。")
        change = None
        if typed is not None:
            try:
                parsed = typed(line)
                change = {"seq": parsed.seq, "table": parsed.table, "row": parsed.row}
            except _FAST_ERRORS:
                values_checked = False
                try:
                    change = fast(line)
                except _FAST_ERRORS:
                    change = None
        if change is None:
            try:
                change = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise BundleRejected(f"数据包第 {number} 条记录无法读取，不予导入。") from None
        if not (type(change) is dict and change.keys() == _CHANGE_KEYS
                and (change["seq"] is None or (type(change["seq"]) is int and change["seq"] > 0))
                and type(change["table"]) is str and type(change["row"]) is dict):
            raise BundleRejected(f"数据包第 {number} 条记录格式不对，不予导入。")
        changes.append(change)
    return changes, values_checked
