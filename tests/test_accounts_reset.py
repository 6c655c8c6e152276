"""Recovery through the district: a reset code issued at the district travels (as a hash) in the
village's return bundle and sets a forgotten password once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts_fixtures import PASSWORD, cheap_scrypt  # noqa: F401
from dangjian_desktop.core import passwords
from dangjian_desktop.errors import PermissionDenied
from dangjian_desktop.services import account_resets, accounts
from dangjian_desktop.services.accounts import LoginFailed
from sync_fixtures import small_world_files, world  # noqa: F401


def _issue(world, name="王书记", **kw):
    return account_resets.issue_reset_code(world.district, village_code="DZC", user_name=name, **kw)


@pytest.fixture
def forgotten(world):
    """The village's only secretary has forgotten the password; the district issued a code."""
    accounts.create_account(world.village, name="王书记", password=PASSWORD, role="secretary")
    issued = _issue(world)
    receipts = world.round_trip()
    return world, issued, receipts


def test_a_code_round_trip_sets_the_password_once(forgotten):
    world, issued, receipts = forgotten
    assert any("密码重置码" in note for r in receipts for note in r.notes)
    village = world.village
    with pytest.raises(LoginFailed, match="重置码不正确"):
        account_resets.reset_with_code(village, name="王书记", code="000-000-0000", new_password="新的密码abc")
    user = account_resets.reset_with_code(village, name="王书记", code=issued.code, new_password="新的密码abc")
    assert user["failed_logins"] == 0
    assert accounts.login(village, "王书记", "新的密码abc")["name"] == "王书记"
    with pytest.raises(LoginFailed, match="已用过"):  # once only
        account_resets.reset_with_code(village, name="王书记", code=issued.code, new_password="再换一个密码x")
    entry = village.store.query("SELECT * FROM audit_log WHERE action = 'password_reset_code'")
    assert len(entry) == 1 and entry[0]["actor"] == "王书记"


def test_the_code_itself_is_never_stored_or_sent(forgotten):
    world, issued, _ = forgotten
    digits = passwords.normalise_code(issued.code)
    assert len(digits) == 10 and issued.code.count("-") == 2
    for ctx in (world.district, world.village):
        dump = "\n".join(ctx.store.conn.iterdump())
        assert digits not in dump and issued.code not in dump
        stored = ctx.store.scalar("SELECT code_hash FROM account_resets")
        assert passwords.verify_secret(digits, stored)


def test_a_code_typed_with_spaces_or_full_width_digits_works(forgotten):
    world, issued, _ = forgotten
    typed = " ".join(passwords.normalise_code(issued.code)).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    account_resets.reset_with_code(world.village, name="王书记", code=typed, new_password="新的密码abc")


def test_an_expired_code_is_neither_sent_nor_accepted(world):
    accounts.create_account(world.village, name="王书记", password=PASSWORD, role="secretary")
    now = accounts.utc_now()
    _issue(world, now=now - timedelta(days=15))
    assert account_resets.for_return(world.district, world.org) == []
    issued = _issue(world)
    world.round_trip()
    with pytest.raises(LoginFailed):
        account_resets.reset_with_code(world.village, name="王书记", code=issued.code, new_password="新的密码abc",
                                       now=now + timedelta(days=15))


def test_wrong_codes_count_as_failed_logins(forgotten):
    world, issued, _ = forgotten
    now = accounts.utc_now()
    for _ in range(2):
        with pytest.raises(LoginFailed):
            account_resets.reset_with_code(world.village, name="王书记", code="1234567890", new_password="新的密码abc",
                                           now=now)
    with pytest.raises(LoginFailed, match="请等 30 秒") as refused:
        account_resets.reset_with_code(world.village, name="王书记", code="1234567891", new_password="新的密码abc",
                                       now=now)
    assert refused.value.wait_seconds == 30
    with pytest.raises(LoginFailed, match="请等"):  # even the right code waits
        account_resets.reset_with_code(world.village, name="王书记", code=issued.code, new_password="新的密码abc",
                                       now=now)
    account_resets.reset_with_code(world.village, name="王书记", code=issued.code, new_password="新的密码abc",
                                   now=now + timedelta(seconds=31))


def test_a_later_return_carries_the_code_again_without_duplicating_it(forgotten):
    world, _, _ = forgotten
    world.round_trip()
    assert world.village.store.scalar("SELECT COUNT(*) FROM account_resets") == 1


def test_only_a_manager_at_the_district_issues_codes(world):
    world.district.user = {"uuid": "r", "name": "审核人", "role": "reviewer", "town_uuid": None}
    before = world.district.store.conn.total_changes
    with pytest.raises(PermissionDenied):
        _issue(world)
    assert world.district.store.conn.total_changes == before


def test_malformed_entries_in_a_return_are_skipped(world):
    good = {"uuid": "5f0c5a8e-0000-4000-8000-000000000001", "user_name": "王书记",
            "code_hash": passwords.hash_secret("1234567890"), "issued_at": "2026-11-27T00:00:00+00:00",
            "expires_at": "2099-01-01T00:00:00+00:00"}
    hostile = [None, "x", {**good, "uuid": "not-a-uuid"}, {**good, "code_hash": "md5$abc"},
               {**good, "user_name": "a" * 500}, {**good, "expires_at": "tomorrow"}, {**good, "code_hash": 7}]
    with world.village.store.atomic():
        assert account_resets.take_from_return(world.village, hostile + [good]) == 1
        assert account_resets.take_from_return(world.village, "not a list") == 0


# -- the district: an administrator proves the district key passphrase ----------------------------
@pytest.fixture
def lone_admin(world):
    """The district's only administrator (and a reviewer) has forgotten the password."""
    accounts.create_account(world.district, name="区管理员", password=PASSWORD, role="administrator")
    accounts.login(world.district, "区管理员", PASSWORD)
    accounts.create_account(world.district, name="审核人甲", password=PASSWORD, role="reviewer")
    accounts.act_as(world.district, None)
    return world.district


def test_the_lone_district_administrator_recovers_with_the_key_passphrase(lone_admin):
    from sync_fixtures import PASSPHRASE

    user = account_resets.reset_with_passphrase(lone_admin, name="区管理员", passphrase=PASSPHRASE,
                                                new_password="新的密码abc")
    assert user["failed_logins"] == 0
    assert accounts.login(lone_admin, "区管理员", "新的密码abc")["role"] == "administrator"
    with pytest.raises(LoginFailed):
        accounts.login(lone_admin, "区管理员", PASSWORD)
    [entry] = lone_admin.store.query("SELECT * FROM audit_log WHERE action = 'password_reset_passphrase'")
    assert entry["actor"] == "区管理员" and PASSPHRASE not in entry["summary"]


def test_a_wrong_passphrase_counts_as_a_failed_login_and_changes_nothing(lone_admin):
    before = lone_admin.store.query_one("SELECT password_hash FROM users WHERE name = '区管理员'")
    for attempt in range(3):
        with pytest.raises(LoginFailed, match="口令不正确"):
            account_resets.reset_with_passphrase(lone_admin, name="区管理员", passphrase=f"猜的口令{attempt}",
                                                 new_password="新的密码abc")
    after = lone_admin.store.query_one("SELECT password_hash, failed_logins, locked_until FROM users"
                                       " WHERE name = '区管理员'")
    assert after["password_hash"] == before["password_hash"] and after["failed_logins"] == 3 and after["locked_until"]
    with pytest.raises(LoginFailed, match="秒"):  # waiting: not even the right passphrase is tried now
        from sync_fixtures import PASSPHRASE

        account_resets.reset_with_passphrase(lone_admin, name="区管理员", passphrase=PASSPHRASE,
                                             new_password="新的密码abc")


def test_the_passphrase_resets_only_administrators_and_only_at_the_district(lone_admin, world):
    from dangjian_desktop.errors import DangjianError
    from sync_fixtures import PASSPHRASE

    with pytest.raises(DangjianError, match="只能找回管理员账户"):
        account_resets.reset_with_passphrase(lone_admin, name="审核人甲", passphrase=PASSPHRASE,
                                             new_password="新的密码abc")
    with pytest.raises(LoginFailed):  # an unknown name says no more than a wrong passphrase
        account_resets.reset_with_passphrase(lone_admin, name="没有这个人", passphrase=PASSPHRASE,
                                             new_password="新的密码abc")
    accounts.create_account(world.village, name="王书记", password=PASSWORD, role="secretary")
    with pytest.raises(DangjianError, match="只有区级数据库"):
        account_resets.reset_with_passphrase(world.village, name="王书记", passphrase=PASSPHRASE,
                                             new_password="新的密码abc")
