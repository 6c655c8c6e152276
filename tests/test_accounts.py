"""Accounts: creation rules, password hashing, login with a growing delay kept in the database,
role changes, disabling, passwords, audit entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts_fixtures import PASSWORD, as_role, cheap_scrypt  # noqa: F401
from dangjian_desktop.core import passwords
from dangjian_desktop.errors import DangjianError, PermissionDenied, ValidationError
from dangjian_desktop.services import accounts
from dangjian_desktop.services.accounts import LoginFailed
from dangjian_desktop.services.context import Context


def _audit(ctx: Context, action: str) -> list[dict]:
    return ctx.store.query("SELECT * FROM audit_log WHERE action = ? ORDER BY id", [action])


@pytest.fixture
def secretary(village):
    accounts.create_account(village, name="王书记", password=PASSWORD, role="secretary")
    accounts.login(village, "王书记", PASSWORD)
    return village


def test_the_first_account_must_be_the_secretary(village):
    with pytest.raises(ValidationError, match="第一个账户必须是书记"):
        accounts.create_account(village, name="小李", password=PASSWORD, role="clerk")
    assert not accounts.has_accounts(village)
    user = accounts.create_account(village, name="王书记", password=PASSWORD, role="secretary")
    assert user["role"] == "secretary" and "password_hash" not in user
    assert _audit(village, "account_create")[-1]["summary"] == "新建第一个账户：王书记（书记）"


def test_the_password_is_stored_only_as_an_scrypt_hash(village):
    accounts.create_account(village, name="王书记", password=PASSWORD, role="secretary")
    stored = village.store.scalar("SELECT password_hash FROM users")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert scheme == "scrypt" and int(n) >= 2 ** 10 and int(r) == 8 and int(p) == 1
    assert PASSWORD not in stored
    assert passwords.verify_secret(PASSWORD, stored) and not passwords.verify_secret(PASSWORD + "x", stored)
    dump = "\n".join(village.store.conn.iterdump())
    assert PASSWORD not in dump


def test_later_accounts_need_users_manage(secretary):
    clerk = accounts.create_account(secretary, name="小李", password="文书密码abc", role="clerk")
    assert clerk["role"] == "clerk"
    as_role(secretary, "clerk")
    with pytest.raises(PermissionDenied):
        accounts.create_account(secretary, name="小张", password="另一个密码x", role="viewer")
    assert [u["name"] for u in accounts.list_accounts(as_role(secretary, "secretary"))] == ["小李", "王书记"]


@pytest.mark.parametrize(("name", "password", "reason"), [
    ("", PASSWORD, "请填写账户名"), (" 王 ", PASSWORD, "开头和结尾不能是空格"), ("王书记", "12345", "至少 6 个字符"),
    ("王书记", "123456", "太简单"), ("王书记", "aaaaaaaa", "同一个字符"), ("wangshuji", "WangShuJi", "与账户名相同")])
def test_bad_names_and_passwords_are_refused_in_chinese(village, name, password, reason):
    with pytest.raises(ValidationError, match=reason):
        accounts.create_account(village, name=name, password=password, role="secretary")
    assert not accounts.has_accounts(village)


def test_a_name_is_used_once(secretary):
    with pytest.raises(ValidationError, match="已有名为“王书记”的账户"):
        accounts.create_account(secretary, name="王书记", password="另一个密码x", role="clerk")


def test_login_sets_the_user_and_actor_and_is_audited(village):
    accounts.create_account(village, name="王书记", password=PASSWORD, role="secretary")
    user = accounts.login(village, "王书记", PASSWORD)
    assert village.user == user and village.actor == "王书记" and "password_hash" not in user
    assert user["last_login_at"] and _audit(village, "login")[-1]["actor"] == "王书记"


def test_wrong_passwords_grow_a_delay_that_is_kept_in_the_database(village, tmp_path):
    accounts.create_account(village, name="王书记", password=PASSWORD, role="secretary")
    now = accounts.utc_now()
    for attempt in range(1, 3):
        with pytest.raises(LoginFailed, match="账户名或密码不正确") as refused:
            accounts.login(village, "王书记", "不对的密码", now=now)
        assert refused.value.wait_seconds == 0
    with pytest.raises(LoginFailed, match="请等 30 秒后再试") as refused:
        accounts.login(village, "王书记", "不对的密码", now=now)
    assert refused.value.wait_seconds == 30
    # the right password is refused too while waiting, and the wait is not counted as a failure
    with pytest.raises(LoginFailed, match="请等 20 秒后再试"):
        accounts.login(village, "王书记", PASSWORD, now=now + timedelta(seconds=10))
    # a restart (a new connection) keeps the delay
    path = village.store.path
    village.close()
    again = Context.open(path)
    with pytest.raises(LoginFailed) as refused:
        accounts.login(again, "王书记", PASSWORD, now=now + timedelta(seconds=10))
    assert refused.value.wait_seconds == 20
    with pytest.raises(LoginFailed, match="请等 60 秒后再试"):
        accounts.login(again, "王书记", "还是不对", now=now + timedelta(seconds=31))
    assert accounts.login(again, "王书记", PASSWORD, now=now + timedelta(seconds=92))["failed_logins"] == 0
    assert len(_audit(again, "login_failed")) == 4
    again.close()


def test_the_delay_doubles_up_to_fifteen_minutes():
    assert [passwords.delay_after(n) for n in range(1, 10)] == [0, 0, 30, 60, 120, 240, 480, 900, 900]
    assert passwords.delay_after(10_000) == 900


def test_an_unknown_name_gets_the_same_message(village):
    accounts.create_account(village, name="王书记", password=PASSWORD, role="secretary")
    with pytest.raises(LoginFailed, match="^账户名或密码不正确$"):
        accounts.login(village, "没有这个人", PASSWORD)


def test_a_disabled_account_cannot_log_in(secretary):
    accounts.create_account(secretary, name="小李", password="文书密码abc", role="clerk")
    accounts.set_disabled(secretary, name="小李")
    with pytest.raises(LoginFailed, match="已停用"):
        accounts.login(secretary, "小李", "文书密码abc")
    accounts.set_disabled(secretary, name="小李", disabled=False)
    assert accounts.login(secretary, "小李", "文书密码abc")["name"] == "小李"
    assert [e["action"] for e in secretary.store.query(
        "SELECT action FROM audit_log WHERE action LIKE 'account_%' ORDER BY id")][-2:] == ["account_disable",
                                                                                           "account_enable"]


def test_the_last_secretary_is_kept(secretary):
    with pytest.raises(DangjianError, match="不能停用自己"):
        accounts.set_disabled(secretary, name="王书记")
    as_role(secretary, None)  # even the local operator cannot remove the last manager
    with pytest.raises(DangjianError, match="唯一可用的书记账户"):
        accounts.set_disabled(secretary, name="王书记")
    with pytest.raises(DangjianError, match="唯一可用的书记账户"):
        accounts.change_role(secretary, name="王书记", role="clerk")
    accounts.create_account(secretary, name="李书记", password="新书记密码x", role="secretary")
    assert accounts.change_role(secretary, name="王书记", role="clerk")["role"] == "clerk"


def test_change_role_checks_the_role_and_updates_the_logged_in_user(secretary):
    accounts.create_account(secretary, name="小李", password="文书密码abc", role="clerk")
    with pytest.raises(ValidationError, match="角色只能是书记、文书、查看"):
        accounts.change_role(secretary, name="小李", role="administrator")
    assert accounts.change_role(secretary, name="小李", role="viewer")["role"] == "viewer"
    assert _audit(secretary, "account_role")[-1]["summary"] == "账户 小李 的角色：文书 → 查看"


def test_own_password_needs_the_old_one(secretary):
    with pytest.raises(ValidationError, match="原密码不正确"):
        accounts.change_own_password(secretary, old_password="猜一个密码", new_password="新的密码abc")
    accounts.change_own_password(secretary, old_password=PASSWORD, new_password="新的密码abc")
    with pytest.raises(LoginFailed):
        accounts.login(secretary, "王书记", PASSWORD)
    assert accounts.login(secretary, "王书记", "新的密码abc")
    assert _audit(secretary, "password_change")


def test_a_manager_sets_a_password_and_clears_the_delay(secretary):
    accounts.create_account(secretary, name="小李", password="文书密码abc", role="clerk")
    for _ in range(4):
        with pytest.raises(LoginFailed):
            accounts.login(secretary, "小李", "错的")
    accounts.login(secretary, "王书记", PASSWORD)
    accounts.set_password(secretary, name="小李", new_password="重设密码xyz")
    assert accounts.login(secretary, "小李", "重设密码xyz")["role"] == "clerk"
    as_role(secretary, "clerk")
    with pytest.raises(PermissionDenied):
        accounts.set_password(secretary, name="王书记", new_password="我来改密码x")


def test_idle_minutes_setting(secretary):
    assert accounts.idle_minutes(secretary) == 10
    accounts.set_idle_minutes(secretary, minutes=3)
    assert accounts.idle_minutes(secretary) == 3
    with pytest.raises(ValidationError, match="1–240"):
        accounts.set_idle_minutes(secretary, minutes=0)
    as_role(secretary, "clerk")
    with pytest.raises(PermissionDenied):
        accounts.set_idle_minutes(secretary, minutes=30)


def test_district_roles(tmp_path):
    from sync_fixtures import PASSPHRASE
    from dangjian_desktop.services import district, registry

    ctx = Context.open(tmp_path / "d.db")
    district.setup_district(ctx, code="XQ", name="新区党工委组织部", passphrase=PASSPHRASE, sheet_path=tmp_path / "s.txt")
    with pytest.raises(ValidationError, match="第一个账户必须是管理员"):
        accounts.create_account(ctx, name="审核员", password=PASSWORD, role="reviewer")
    accounts.create_account(ctx, name="区管理员", password=PASSWORD, role="administrator")
    town = registry.add_town(ctx, name="示范镇")
    reviewer = accounts.create_account(ctx, name="镇审核人", password="审核密码abc", role="reviewer",
                                       town_uuid=town["uuid"])
    assert reviewer["town_uuid"] == town["uuid"]
    with pytest.raises(ValidationError, match="只有审核人"):
        accounts.create_account(ctx, name="查看员", password="查看密码abc", role="viewer", town_uuid=town["uuid"])
    ctx.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=12))
def test_a_hash_never_matches_another_password(other):
    stored = passwords.hash_secret("正确的密码abc")
    assert passwords.verify_secret(other, stored) == (other == "正确的密码abc")
    assert not passwords.verify_secret("正确的密码abc", other)  # garbage as a hash never matches
