"""Recovering an account whose password was forgotten: at a village, one-time reset codes from the
district; at the district, an administrator types the district key passphrase (`reset_with_passphrase`).

At the district, someone with `users.manage` issues a code for a village and an account name
(`dangjian users reset-code VILLAGE --user NAME`). The code is random (10 digits, read out over the
phone in three groups), shown once; only its scrypt hash is kept, with an expiry (14 days). It
travels, as its hash, in each of that village's return bundles until it expires (the bundle is
sealed to the village's laptop). At the village, 忘记密码 takes the account name, the code and a
new password: a valid, unexpired, unused code sets the password once. Wrong codes count as failed
logins (the same growing delay), so the code cannot be guessed at the keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from dangjian_desktop.core import passwords
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.services import accounts
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.sync_identity import own_keys
from dangjian_desktop.store import account_queries as aq
from dangjian_desktop.store import new_uuid
from dangjian_desktop.sync.errors import SyncSetupError, WrongPassphrase

VALID_DAYS = 14
#: Bounds on what a return bundle may carry (it is signed by the district, but still checked).
_MAX_ENTRIES, _MAX_HASH = 100, 200


@dataclass(frozen=True)
class IssuedCode:
    code: str  # grouped for reading aloud, e.g. 123-456-7890; shown once, never stored
    village_name: str
    village_code: str
    user_name: str
    expires_at: str


def issue_reset_code(ctx: Context, *, village_code: str, user_name: str, now: datetime | None = None) -> IssuedCode:
    """At the district: a one-time code for a village account, sent in the village's next return bundle."""
    ctx.require("users.manage")
    from dangjian_desktop.services.registry import find_village

    village = find_village(ctx, village_code)
    user_name = (user_name or "").strip()
    problems = passwords.name_problems(user_name)
    if problems:
        raise ValidationError("；".join(problems), "user")
    now = now or accounts.utc_now()
    code = passwords.new_reset_code()
    row = {"uuid": new_uuid(), "village_org": village["org_uuid"], "user_name": user_name,
           "code_hash": passwords.hash_secret(code), "issued_at": accounts.stamp(now),
           "expires_at": accounts.stamp(now + timedelta(days=VALID_DAYS)), "issued_by": ctx.actor}
    with ctx.store.atomic():
        aq.insert_reset(ctx.store, row)
        ctx.store.audit(ctx.actor, "reset_code_issue",
                        f"为 {village['name']}（{village['code']}）的账户 {user_name} 发出密码重置码，"
                        f"{VALID_DAYS} 天内有效，随下一个回执包送达", table="account_resets", uuid=row["uuid"])
    return IssuedCode(passwords.group_code(code), village["name"], village["code"], user_name, row["expires_at"])


def for_return(ctx: Context, village_org: str) -> list[dict]:
    """At the district: the reset codes (hashes) a village's return bundle carries."""
    return aq.resets_to_send(ctx.store, village_org, accounts.stamp(accounts.utc_now()))


def _valid_entry(entry: object) -> bool:
    from dangjian_desktop.sync import bundle

    if not isinstance(entry, dict) or not bundle.is_uuid(entry.get("uuid")):
        return False
    name, code_hash = entry.get("user_name"), entry.get("code_hash")
    if not isinstance(name, str) or passwords.name_problems(name):
        return False
    if not isinstance(code_hash, str) or not code_hash.startswith("scrypt$") or len(code_hash) > _MAX_HASH:
        return False
    return all(isinstance(entry.get(key), str) and accounts._parse(entry[key]) is not None
               for key in ("issued_at", "expires_at"))


def take_from_return(ctx: Context, entries: object) -> int:
    """At the village, inside the return bundle's transaction: keep the codes that arrived (a code
    already received is not taken twice). Malformed entries are skipped. Returns how many are new."""
    if not isinstance(entries, list):
        return 0
    now, new = accounts.stamp(accounts.utc_now()), 0
    for entry in entries[:_MAX_ENTRIES]:
        if not _valid_entry(entry):
            continue
        row = {"uuid": entry["uuid"], "village_org": ctx.org_uuid, "user_name": entry["user_name"],
               "code_hash": entry["code_hash"], "issued_at": entry["issued_at"], "expires_at": entry["expires_at"],
               "issued_by": "区里", "received_at": now}
        if aq.insert_reset(ctx.store, row):
            new += 1
            ctx.store.audit(ctx.actor, "reset_code_received", f"收到区里为账户 {entry['user_name']} 发出的密码重置码",
                            table="account_resets", uuid=entry["uuid"])
    return new


def reset_with_code(ctx: Context, *, name: str, code: str, new_password: str, now: datetime | None = None) -> dict:
    """At the village (not logged in): set an account's password with a code from the district."""
    now = now or accounts.utc_now()
    user = aq.user_by_name(ctx.store, (name or "").strip())
    digits = passwords.normalise_code(code or "")
    if user is None:
        passwords.dummy_verify(digits)
        raise accounts.LoginFailed("账户名或重置码不正确，或重置码已过期、已用过")
    _ready(user, new_password, now)
    match = None
    for reset in aq.usable_resets(ctx.store, user["name"], accounts.stamp(now)):
        if passwords.verify_secret(digits, reset["code_hash"]) and match is None:
            match = reset
    if match is None:
        raise accounts.count_failure(ctx, user, now, "账户名或重置码不正确，或重置码已过期、已用过",
                                     "用重置码改密码时重置码不正确")
    with ctx.store.atomic():
        aq.mark_reset_used(ctx.store, match["uuid"], accounts.stamp(now))
        return _set_forgotten(ctx, user, new_password, "password_reset_code", "用区里发的重置码设置了新密码")


def reset_with_passphrase(ctx: Context, *, name: str, passphrase: str, new_password: str,
                          now: datetime | None = None) -> dict:
    """At the district (not logged in): an administrator's forgotten password, set anew by typing the
    district key passphrase — the secret of the recovery sheet, which whoever imports or exports
    bundles there knows anyway, and which already opens everything the district holds. A district
    with one administrator has no one else to reset it. Wrong passphrases count as failed logins."""
    if ctx.role != "district":
        raise DangjianError("只有区级数据库可以用区级密钥口令找回密码；村里请向区里索取密码重置码")
    now = now or accounts.utc_now()
    user = aq.user_by_name(ctx.store, (name or "").strip())
    failed = "账户名或区级密钥口令不正确（口令区分大小写）"
    try:
        if user is not None:
            _ready(user, new_password, now)
        own_keys(ctx, passphrase or "")  # (also for an unknown name: the answer takes as long)
        right = user is not None
    except (WrongPassphrase, SyncSetupError):
        right = False
    if user is None:
        raise accounts.LoginFailed(failed)
    if not right:
        raise accounts.count_failure(ctx, user, now, failed, "用区级密钥口令找回密码时口令不正确")
    if user["role"] != "administrator":
        raise DangjianError(f"区级密钥口令只能找回管理员账户的密码。账户 {user['name']} 请由管理员在“设置 → 账户”里重设")
    with ctx.store.atomic():
        return _set_forgotten(ctx, user, new_password, "password_reset_passphrase", "用区级密钥口令设置了新密码")


def _ready(user: dict, new_password: str, now: datetime) -> None:
    """Before a secret is checked: the account is not waiting after failures, the new password is acceptable."""
    accounts.check_not_waiting(user, now)
    problems = accounts.password_problems(new_password, name=user["name"])
    if problems:
        raise ValidationError(problems)


def _set_forgotten(ctx: Context, user: dict, new_password: str, action: str, how: str) -> dict:
    """The new password of an account whose owner proved a secret (inside the caller's transaction)."""
    if user["disabled"]:
        raise DangjianError(f"账户 {user['name']} 已停用，不能这样找回密码（请管理员先启用它）")
    aq.update_user(ctx.store, user["uuid"], {"password_hash": passwords.hash_secret(new_password),
                                             "failed_logins": 0, "locked_until": None})
    ctx.store.audit(user["name"], action, f"账户 {user['name']} {how}", table="users", uuid=user["uuid"])
    return aq.user_by_uuid(ctx.store, user["uuid"])
