"""Who this installation is in bundle sync: its keys, its district and village, its schema version.

A village laptop keeps its key secrets plain in its own database (which already holds everything
the key protects); the district's are sealed under a passphrase and opened once per operation.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Iterator

from dangjian_desktop.errors import DangjianError
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import sync_queries
from dangjian_desktop.store.schema import migrations
from dangjian_desktop.sync.errors import SyncSetupError
from dangjian_desktop.sync.keys import KeyPair, SealedSecret, fingerprint, open_secret, unb64

PASSPHRASE_ENV = "DANGJIAN_PASSPHRASE"


def schema_version() -> int:
    """Grows with every migration this program knows (a receiver refuses rows from a newer one)."""
    return len(migrations._migrations)


def own_keys(ctx: Context, passphrase: str | None = None) -> KeyPair:
    row = sync_queries.keys(ctx.store)
    if row is None:
        raise SyncSetupError("本数据库没有数据交换密钥：区级请用 dangjian setup district 建立，"
                             "村级请用区里发的登记文件（dangjian setup village --enrolment）建立。")
    if row["kdf_salt"] is None:
        return KeyPair.from_secret(row["secret"])
    if not passphrase:
        raise SyncSetupError(f"需要区级密钥口令（在提示时输入，或设置环境变量 {PASSPHRASE_ENV}）")
    sealed = SealedSecret(row["kdf_salt"], row["kdf_ops"], row["kdf_mem"], row["secret"])
    return KeyPair.from_secret(open_secret(sealed, passphrase))


def own_fingerprint(ctx: Context) -> str | None:
    row = sync_queries.keys(ctx.store)
    return fingerprint(row["sign_pk"], row["box_pk"]) if row else None


def needs_passphrase(ctx: Context) -> bool:
    row = sync_queries.keys(ctx.store)
    return bool(row and row["kdf_salt"] is not None)


def require_district(ctx: Context) -> None:
    if ctx.role != "district":
        raise DangjianError("此操作只能在区级数据库中进行（用 dangjian setup district 建立）")


def district_of(ctx: Context) -> dict:
    """The district as headers name it: code and org uuid (and, at a village, its keys)."""
    store = ctx.store
    if ctx.role == "district":
        org = ctx.org
        return {"code": org["code"], "org": org["uuid"], "name": org["name"], "device": store.device_id}
    if not store.setting("district_org"):
        raise SyncSetupError("本村数据库不是用区里的登记文件建立的，不能与区里交换数据。"
                             "请向区里索取登记文件，用 dangjian setup village --enrolment 建立新的数据库。")
    return {"code": store.setting("district_code"), "org": store.setting("district_org"),
            "name": store.setting("district_name"), "device": store.setting("district_device"),
            "sign_pk": unb64(store.setting("district_sign_pk"), 32),
            "box_pk": unb64(store.setting("district_box_pk"), 32)}


def district_fingerprint(ctx: Context) -> str | None:
    if ctx.role == "district":
        return own_fingerprint(ctx)
    if not ctx.store.setting("district_sign_pk"):
        return None
    district = district_of(ctx)
    return fingerprint(district["sign_pk"], district["box_pk"])


def registration(ctx: Context) -> dict | None:
    text = ctx.store.setting("sync_registration")
    return json.loads(text) if text else None


@contextmanager
def transaction(ctx: Context) -> Iterator[None]:
    """`store.atomic()` for work that writes settings: a rollback also forgets what was cached."""
    try:
        with ctx.store.atomic():
            yield
    except BaseException:
        sync_queries.forget_cached_settings(ctx.store)
        ctx.forget_rules()
        raise
