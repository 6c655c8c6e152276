"""Accounts on the command line (`dangjian users …`) and logging the command line in.

A database without accounts is run by the local operator. Once it has accounts, every command
logs in first: the account name from `--user` or the environment variable DANGJIAN_USER, the
password from DANGJIAN_PASSWORD or typed (not echoed). New passwords come from
DANGJIAN_NEW_PASSWORD or are typed twice.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from dangjian_desktop.errors import DangjianError, ValidationError

COMMANDS = ("users",)
USER_ENV, PASSWORD_ENV, NEW_PASSWORD_ENV = "DANGJIAN_USER", "DANGJIAN_PASSWORD", "DANGJIAN_NEW_PASSWORD"

#: This run's login: the name given with --user, and the password once it was used (kept in memory
#: for `users passwd`, which asks for the old password again otherwise).
_login: dict[str, str | None] = {"name": None, "password": None}


def set_login_name(name: str | None) -> None:
    """The account named on the command line (`--user`); cleared at the start of every run."""
    _login.update(name=name, password=None)


def add_parsers(commands, group) -> None:
    users = group(commands, "users", "账户（登录、角色、密码）")
    add = users.add_parser("add", help="新建账户（第一个账户必须是书记或区里的管理员）；密码从 DANGJIAN_NEW_PASSWORD 读取或两次输入")
    add.add_argument("name", metavar="账户名", help="账户名，如 “王书记”")
    add.add_argument("--role", required=True, choices=["secretary", "clerk", "viewer", "administrator", "reviewer"],
                     metavar="角色", help="secretary 书记、clerk 文书、viewer 查看；区级：administrator 管理员、reviewer 审核人、viewer 查看")
    add.add_argument("--town", metavar="镇", help="（区级审核人）所属镇（街道），不填为区级审核人")
    users.add_parser("list", help="列出账户、角色和状态")
    passwd = users.add_parser("passwd", help="修改密码：不带账户名时改自己的；带账户名时为该账户重设（需要管理账户的权限）")
    passwd.add_argument("name", nargs="?", metavar="账户名", help="要重设密码的账户")
    role = users.add_parser("role", help="修改账户的角色")
    role.add_argument("name", metavar="账户名")
    role.add_argument("role", choices=["secretary", "clerk", "viewer", "administrator", "reviewer"], metavar="角色")
    role.add_argument("--town", metavar="镇", help="（区级审核人）所属镇（街道）")
    disable = users.add_parser("disable", help="停用账户（不能再登录；它做过的操作仍保留在操作记录中）")
    disable.add_argument("name", metavar="账户名")
    enable = users.add_parser("enable", help="重新启用一个停用的账户")
    enable.add_argument("name", metavar="账户名")
    recover = users.add_parser("recover", help="（区级）管理员忘记密码：输入区级密钥口令（恢复单上的口令）设置新密码，无需登录")
    recover.add_argument("name", metavar="账户名", help="忘记密码的管理员账户")
    reset = users.add_parser("reset-code", help="（区级）为某村的一个账户发出一次性密码重置码，随该村下一个回执包送达")
    reset.add_argument("village_code", metavar="村代码", help="村代码")
    reset.add_argument("--user", dest="account", required=True, metavar="账户名", help="村里忘记密码的账户名")


# -- logging in ---------------------------------------------------------------------------------
def log_in(ctx) -> None:
    """Log the command line in when the database has accounts (else it runs as the local operator)."""
    from dangjian_desktop.services import accounts

    if not accounts.has_accounts(ctx):
        return
    name = _login["name"] or os.environ.get(USER_ENV)
    if not name:
        raise DangjianError(f"这个数据库已建立账户，请先登录：加上 --user 账户名（或设置环境变量 {USER_ENV}），"
                            f"密码从环境变量 {PASSWORD_ENV} 读取或在提示时输入")
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = _ask(f"账户 {name} 的密码：", PASSWORD_ENV)
    accounts.login(ctx, name, password)
    _login.update(name=name, password=password)


def _ask(prompt: str, env: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:  # no terminal and nothing piped in
        raise DangjianError(f"没有输入密码：请在终端中运行，或设置环境变量 {env}") from None


def _new_password(name: str) -> str:
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    first = _ask(f"为账户 {name} 设置新密码：", NEW_PASSWORD_ENV)
    if _ask("再输入一次：", NEW_PASSWORD_ENV) != first:
        raise ValidationError("两次输入的密码不一致", "password")
    return first


# -- commands -----------------------------------------------------------------------------------
def _town_uuid(ctx, town: str | None) -> str | None:
    if not town:
        return None
    from dangjian_desktop.services import registry

    return registry.find_town(ctx, town)["uuid"]


def _users(args, db_path: Path) -> int:
    from dangjian_desktop import commands
    from dangjian_desktop.core.roles import ROLE_LABELS
    from dangjian_desktop.services import account_resets, accounts

    if args.what == "recover":
        return _recover(args, db_path)
    with commands._open(db_path) as ctx:
        managing = (args.what == "add" and accounts.has_accounts(ctx)) or (args.what == "passwd" and args.name)
        if managing:
            ctx.require("users.manage")  # before a new password is asked for
        if args.what == "add":
            user = accounts.create_account(ctx, name=args.name, password=_new_password(args.name), role=args.role,
                                           town_uuid=_town_uuid(ctx, args.town))
            print(f"已新建账户：{user['name']}（{ROLE_LABELS[user['role']]}）")
        elif args.what == "list":
            for user in accounts.list_accounts(ctx):
                state = "已停用" if user["disabled"] else "可用"
                print(f"{user['name']}\t{ROLE_LABELS.get(user['role'], user['role'])}\t{state}"
                      f"\t最近登录：{user['last_login_at'] or '从未'}")
        elif args.what == "passwd" and args.name:
            accounts.set_password(ctx, name=args.name, new_password=_new_password(args.name))
            print(f"已为账户 {args.name} 重设密码")
        elif args.what == "passwd":
            if ctx.user is None:
                raise DangjianError("这个数据库还没有账户，或没有登录：没有可修改的密码")
            accounts.change_own_password(ctx, old_password=_login["password"] or "",
                                         new_password=_new_password(ctx.user["name"]))
            print(f"账户 {ctx.user['name']} 的密码已修改")
        elif args.what == "role":
            user = accounts.change_role(ctx, name=args.name, role=args.role, town_uuid=_town_uuid(ctx, args.town))
            print(f"账户 {user['name']} 现在是{ROLE_LABELS[user['role']]}")
        elif args.what in ("disable", "enable"):
            accounts.set_disabled(ctx, name=args.name, disabled=args.what == "disable")
            print(f"已{'停用' if args.what == 'disable' else '启用'}账户 {args.name}")
        else:
            issued = account_resets.issue_reset_code(ctx, village_code=args.village_code, user_name=args.account)
            print(f"{issued.village_name}（{issued.village_code}）账户 {issued.user_name} 的密码重置码：\n\n"
                  f"    {issued.code}\n\n"
                  f"这个码只显示这一次，请电话告诉村里。它随该村下一个回执包送达（请生成回执包：dangjian bundle export "
                  f"--village {issued.village_code}），有效期至 {issued.expires_at[:10]}，只能用一次。")
        return 0


def _recover(args, db_path: Path) -> int:
    from dangjian_desktop import commands
    from dangjian_desktop.commands_sync import ask_passphrase
    from dangjian_desktop.services import account_resets

    with commands._open(db_path, log_in=False) as ctx:
        account_resets.reset_with_passphrase(ctx, name=args.name, passphrase=ask_passphrase(),
                                             new_password=_new_password(args.name))
        print(f"管理员账户 {args.name} 的新密码已设置，请用它登录")
        return 0


HANDLERS = {"users": _users}


def dispatch(args, db_path: Path) -> int:
    return HANDLERS[args.command](args, db_path)
