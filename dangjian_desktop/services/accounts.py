"""Local accounts: creating them, roles, disabling, passwords, logging in, the idle-lock setting.

A database without accounts is run by the local operator (Context.user None). The first account
must be the one who manages the others (书记 in a village, 管理员 at the district); every later one
needs `users.manage`. Passwords are kept only as scrypt hashes (core/passwords.py). Failed logins
are counted in the database, so restarting the program does not reset the growing delay; a
login never sleeps, it says how many seconds to wait. Every action leaves an audit entry. There
is no built-in account, default password or master key: a forgotten password is reset by
someone with `users.manage`, or with a one-time code from the district (services/account_resets.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from dangjian_desktop.core import passwords, roles
from dangjian_desktop.errors import DangjianError, FieldProblem, NotFoundError, ValidationError
from dangjian_desktop.services import registry
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.store import account_queries as aq
from dangjian_desktop.store import new_uuid

#: The idle lock's default and bounds (minutes), a local setting of the database.
IDLE_SETTING, IDLE_DEFAULT, IDLE_MIN, IDLE_MAX = "idle_lock_minutes", 10, 1, 240
#: The role of a database's first account: the one who manages the others.
FIRST_ROLE = {"village": "secretary", "district": "administrator"}
CHANGED = Changes(tables=frozenset({"users"}))


class LoginFailed(DangjianError):
    """A refused login (or reset code); `wait_seconds` > 0 when the next try must wait."""

    exit_code = 6

    def __init__(self, message: str, wait_seconds: int = 0):
        super().__init__(message)
        self.wait_seconds = wait_seconds


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _parse(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


# -- reading ------------------------------------------------------------------------------------
def has_accounts(ctx: Context) -> bool:
    return aq.has_accounts(ctx.store)


def first_role(ctx: Context) -> str:
    return FIRST_ROLE["district" if ctx.role == "district" else "village"]


def role_choices(ctx: Context) -> list[tuple[str, str]]:
    """(role, Chinese label) an account of this database may have."""
    return [(role, roles.ROLE_LABELS[role]) for role in roles.roles_for(ctx.role)]


def town_choices(ctx: Context) -> list[tuple[str, str]]:
    """(uuid, name) of each town a district reviewer may be bound to (reviewing only that town's
    villages); none at a village."""
    return [(t["uuid"], t["name"]) for t in registry.list_towns(ctx)] if ctx.role == "district" else []


def list_accounts(ctx: Context) -> list[dict]:
    """Every account (no hashes); someone without `users.manage` sees only their own."""
    if not ctx.may("users.manage"):
        own = aq.user_by_uuid(ctx.store, ctx.user["uuid"]) if ctx.user else None
        return [own] if own else []
    return aq.users(ctx.store)


def _find(ctx: Context, name: str) -> dict:
    user = aq.user_by_name(ctx.store, (name or "").strip())
    if user is None:
        raise NotFoundError("账户", name)
    return user


def _label(role: str) -> str:
    return roles.ROLE_LABELS.get(role, role)


# -- checks -------------------------------------------------------------------------------------
def account_problems(ctx: Context, *, name: str, password: str, repeat: str | None = None,
                     role: str | None = None) -> list[FieldProblem]:
    """What is wrong with a new account (for live checking in a form); empty when it may be created."""
    problems = [FieldProblem("name", p) for p in passwords.name_problems(name)]
    if not problems and aq.user_by_name(ctx.store, name) is not None:
        problems.append(FieldProblem("name", f"已有名为“{name}”的账户"))
    problems += [FieldProblem("password", p) for p in passwords.password_problems(password, name=name)]
    if repeat is not None and repeat != password:
        problems.append(FieldProblem("repeat", "两次输入的密码不一致"))
    if role is not None:
        problems += _role_problems(ctx, role)
    return problems


def _role_problems(ctx: Context, role: str) -> list[FieldProblem]:
    allowed = roles.roles_for(ctx.role)
    if role not in allowed:
        return [FieldProblem("role", "角色只能是" + "、".join(_label(r) for r in allowed))]
    if not aq.has_accounts(ctx.store) and role != first_role(ctx):
        return [FieldProblem("role", f"第一个账户必须是{_label(first_role(ctx))}（由它管理其他账户）")]
    return []


def password_problems(password: str, *, name: str = "", repeat: str | None = None) -> list[FieldProblem]:
    problems = [FieldProblem("password", p) for p in passwords.password_problems(password, name=name)]
    if repeat is not None and repeat != password:
        problems.append(FieldProblem("repeat", "两次输入的密码不一致"))
    return problems


def _check_town(ctx: Context, role: str, town_uuid: str | None) -> str | None:
    if not town_uuid:
        return None
    if role != "reviewer":
        raise ValidationError("只有审核人账户可以指定所属镇（街道）", "town")
    from dangjian_desktop.store import queries

    town = queries.org(ctx.store, town_uuid)
    if town is None or town.get("kind") != "town":
        raise ValidationError("找不到这个镇（街道）", "town")
    return town_uuid


def _keep_a_manager(ctx: Context, user: dict, *, new_role: str | None = None, disabling: bool = False) -> None:
    """Refuse to leave the database without an active account that manages the others."""
    manager = first_role(ctx)
    if user["role"] != manager or user["disabled"]:
        return
    if (disabling or (new_role and new_role != manager)) and aq.count_active_with_role(ctx.store, manager) <= 1:
        raise DangjianError(f"这是唯一可用的{_label(manager)}账户，不能停用或改为其他角色。"
                            f"请先另建一个{_label(manager)}账户。")


# -- managing accounts --------------------------------------------------------------------------
def create_account(ctx: Context, *, name: str, password: str, role: str, town_uuid: str | None = None) -> dict:
    """A new account. The first of a database needs no permission (it is the manager); later ones
    need `users.manage`."""
    if aq.has_accounts(ctx.store):
        ctx.require("users.manage")
    name = name or ""
    problems = account_problems(ctx, name=name, password=password, role=role)
    if problems:
        raise ValidationError(problems)
    town_uuid = _check_town(ctx, role, town_uuid)
    row = {"uuid": new_uuid(), "name": name, "role": role, "town_uuid": town_uuid,
           "password_hash": passwords.hash_secret(password), "created_at": stamp(utc_now()), "disabled": 0,
           "failed_logins": 0, "locked_until": None, "last_login_at": None}
    with ctx.store.atomic():
        first = not aq.has_accounts(ctx.store)
        aq.insert_user(ctx.store, row)
        ctx.store.audit(ctx.actor, "account_create", f"新建{'第一个' if first else ''}账户：{name}（{_label(role)}）",
                        table="users", uuid=row["uuid"])
    return aq.user_by_uuid(ctx.store, row["uuid"])


def change_role(ctx: Context, *, name: str, role: str, town_uuid: str | None = None) -> dict:
    ctx.require("users.manage")
    user = _find(ctx, name)
    if role not in roles.roles_for(ctx.role):
        raise ValidationError(_role_problems(ctx, role))
    town_uuid = _check_town(ctx, role, town_uuid)
    if role == user["role"] and town_uuid == user["town_uuid"]:
        return user
    _keep_a_manager(ctx, user, new_role=role)
    with ctx.store.atomic():
        aq.update_user(ctx.store, user["uuid"], {"role": role, "town_uuid": town_uuid})
        ctx.store.audit(ctx.actor, "account_role", f"账户 {user['name']} 的角色：{_label(user['role'])} → {_label(role)}",
                        table="users", uuid=user["uuid"])
    return _refresh_self(ctx, user["uuid"])


def set_disabled(ctx: Context, *, name: str, disabled: bool = True) -> dict:
    """Disable an account (it can no longer log in; its past actions stay in the audit trail) or enable it."""
    ctx.require("users.manage")
    user = _find(ctx, name)
    if bool(user["disabled"]) == disabled:
        return user
    if disabled:
        if ctx.user and ctx.user["uuid"] == user["uuid"]:
            raise DangjianError("不能停用自己正在使用的账户")
        _keep_a_manager(ctx, user, disabling=True)
    with ctx.store.atomic():
        aq.update_user(ctx.store, user["uuid"], {"disabled": int(disabled)})
        ctx.store.audit(ctx.actor, "account_disable" if disabled else "account_enable",
                        f"{'停用' if disabled else '启用'}账户：{user['name']}", table="users", uuid=user["uuid"])
    return aq.user_by_uuid(ctx.store, user["uuid"])


def set_password(ctx: Context, *, name: str, new_password: str) -> dict:
    """A manager sets someone's password (they forgot it); their failed-login delay is cleared."""
    ctx.require("users.manage")
    user = _find(ctx, name)
    _write_password(ctx, user, new_password, "password_set", f"为账户 {user['name']} 重设密码")
    return aq.user_by_uuid(ctx.store, user["uuid"])


def change_own_password(ctx: Context, *, old_password: str, new_password: str) -> dict:
    """The logged-in user changes their own password (the old one is asked again)."""
    if ctx.user is None:
        raise DangjianError("没有登录任何账户：请先登录，再修改自己的密码")
    user = aq.user_by_uuid(ctx.store, ctx.user["uuid"])
    if user is None or not passwords.verify_secret(old_password, aq.password_hash(ctx.store, user["uuid"])):
        raise ValidationError("原密码不正确", "old_password")
    if old_password == new_password:
        raise ValidationError("新密码不能与原密码相同", "password")
    _write_password(ctx, user, new_password, "password_change", f"账户 {user['name']} 修改了自己的密码")
    return aq.user_by_uuid(ctx.store, user["uuid"])


def _write_password(ctx: Context, user: dict, new_password: str, action: str, summary: str) -> None:
    problems = password_problems(new_password, name=user["name"])
    if problems:
        raise ValidationError(problems)
    with ctx.store.atomic():
        aq.update_user(ctx.store, user["uuid"], {"password_hash": passwords.hash_secret(new_password),
                                                 "failed_logins": 0, "locked_until": None})
        ctx.store.audit(ctx.actor, action, summary, table="users", uuid=user["uuid"])


def _refresh_self(ctx: Context, uuid: str) -> dict:
    user = aq.user_by_uuid(ctx.store, uuid)
    if ctx.user and ctx.user["uuid"] == uuid:
        ctx.user = user
    return user


# -- logging in ---------------------------------------------------------------------------------
def wait_seconds(user: dict, now: datetime) -> int:
    """Seconds until this account may try again (0: now)."""
    until = _parse(user.get("locked_until"))
    return max(0, int((until - now).total_seconds() + 0.999)) if until else 0


def check_not_waiting(user: dict, now: datetime) -> None:
    wait = wait_seconds(user, now)
    if wait:
        raise LoginFailed(f"密码错误次数过多，请等 {wait} 秒后再试", wait)


def count_failure(ctx: Context, user: dict, now: datetime, message: str, what: str) -> LoginFailed:
    """Count one failed attempt in the database (kept across restarts); the error to raise."""
    failures = (user["failed_logins"] or 0) + 1
    delay = passwords.delay_after(failures)
    until = stamp(now + timedelta(seconds=delay)) if delay else None
    with ctx.store.atomic():
        aq.update_user(ctx.store, user["uuid"], {"failed_logins": failures, "locked_until": until})
        ctx.store.audit(user["name"], "login_failed", f"账户 {user['name']} {what}（连续第 {failures} 次）",
                        table="users", uuid=user["uuid"])
    return LoginFailed(message + (f"。请等 {delay} 秒后再试" if delay else ""), delay)


def act_as(ctx: Context, user: dict | None) -> None:
    """Run this context as `user` (None: the local operator)."""
    ctx.user = dict(user) if user else None
    if user:
        ctx.actor = user["name"]


def login(ctx: Context, name: str, password: str, *, now: datetime | None = None) -> dict:
    """Check a name and password; the user row (without its hash), also set as ctx.user / ctx.actor.

    Wrong passwords are counted; after a few, the account must wait (30 s, doubling, at most
    15 minutes) and LoginFailed says how long. An unknown name costs the same time as a known one
    and gets the same message."""
    now = now or utc_now()
    user = aq.user_by_name(ctx.store, (name or "").strip())
    if user is None:
        passwords.dummy_verify(password or "")
        with ctx.store.atomic():
            ctx.store.audit("（未知）", "login_failed", "用一个不存在的账户名登录，未成功", table="users")
        raise LoginFailed("账户名或密码不正确")
    check_not_waiting(user, now)
    if not passwords.verify_secret(password or "", aq.password_hash(ctx.store, user["uuid"])):
        raise count_failure(ctx, user, now, "账户名或密码不正确", "登录时密码不正确")
    if user["disabled"]:
        with ctx.store.atomic():
            ctx.store.audit(user["name"], "login_failed", f"已停用的账户 {user['name']} 尝试登录，未允许",
                            table="users", uuid=user["uuid"])
        raise LoginFailed(f"账户 {user['name']} 已停用，请找{_label(first_role(ctx))}启用")
    with ctx.store.atomic():
        aq.update_user(ctx.store, user["uuid"], {"failed_logins": 0, "locked_until": None,
                                                 "last_login_at": stamp(now)})
        ctx.store.audit(user["name"], "login", f"{user['name']}（{_label(user['role'])}）登录", table="users",
                        uuid=user["uuid"])
    user = aq.user_by_uuid(ctx.store, user["uuid"])
    act_as(ctx, user)
    return user


def current_user(ctx: Context, uuid: str) -> dict | None:
    """An account as it is now (a job or a re-opened window picks up the logged-in user by uuid)."""
    return aq.user_by_uuid(ctx.store, uuid)


# -- idle lock ----------------------------------------------------------------------------------
def idle_minutes(ctx: Context) -> int:
    try:
        value = int(ctx.store.setting(IDLE_SETTING) or IDLE_DEFAULT)
    except ValueError:
        return IDLE_DEFAULT
    return min(max(value, IDLE_MIN), IDLE_MAX)


def set_idle_minutes(ctx: Context, *, minutes: int) -> Changes:
    ctx.require("users.manage")
    if not IDLE_MIN <= minutes <= IDLE_MAX:
        raise ValidationError(f"自动锁定时间应在 {IDLE_MIN}–{IDLE_MAX} 分钟之间", "idle_minutes")
    with ctx.store.atomic():
        before = idle_minutes(ctx)
        ctx.store.set_setting(IDLE_SETTING, str(minutes))
        ctx.store.audit(ctx.actor, "settings", f"无操作自动锁定：{before} 分钟 → {minutes} 分钟")
    return Changes(tables=frozenset({"settings"}))
