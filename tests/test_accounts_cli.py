"""`dangjian users …`, and the command line logging in once a database has accounts."""

from __future__ import annotations

import re

import pytest

from accounts_fixtures import PASSWORD, cheap_scrypt  # noqa: F401
from dangjian_desktop.cli import main
from dangjian_desktop.services import account_resets, accounts
from dangjian_desktop.services.context import Context
from sync_fixtures import PASSPHRASE, small_world_files, world  # noqa: F401


@pytest.fixture
def db(tmp_path, monkeypatch):
    for name in ("DANGJIAN_USER", "DANGJIAN_PASSWORD", "DANGJIAN_NEW_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "setup", "village", "--code", "HQ", "--name", "红旗村党支部"]) == 0
    return path


def _run(db, *args, password=None, new=None, monkeypatch=None) -> int:
    if password is not None:
        monkeypatch.setenv("DANGJIAN_PASSWORD", password)
    if new is not None:
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", new)
    return main(["--db", str(db), *args])


def test_a_database_without_accounts_runs_as_the_local_operator(db, capsys):
    assert main(["--db", str(db), "info"]) == 0
    assert "红旗村党支部" in capsys.readouterr().out


def test_users_add_list_and_login(db, capsys, monkeypatch):
    assert _run(db, "users", "add", "小李", "--role", "clerk", new=PASSWORD, monkeypatch=monkeypatch) == 2
    assert "第一个账户必须是书记" in capsys.readouterr().err
    assert _run(db, "users", "add", "王书记", "--role", "secretary", new=PASSWORD, monkeypatch=monkeypatch) == 0
    # from now on the command line must log in
    assert main(["--db", str(db), "info"]) == 2
    assert "请先登录" in capsys.readouterr().err
    assert _run(db, "--user", "王书记", "info", password="不对的密码", monkeypatch=monkeypatch) == 6
    assert "账户名或密码不正确" in capsys.readouterr().err
    assert _run(db, "--user", "王书记", "users", "add", "小李", "--role", "clerk", password=PASSWORD,
                new="文书密码abc", monkeypatch=monkeypatch) == 0
    monkeypatch.setenv("DANGJIAN_USER", "小李")
    assert _run(db, "users", "list", password="文书密码abc", monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("小李\t文书")  # a clerk sees only their own
    assert _run(db, "users", "add", "小张", "--role", "viewer", new="查看密码abc", monkeypatch=monkeypatch) == 6
    assert "无权管理账户" in capsys.readouterr().err
    assert _run(db, "points", "items", monkeypatch=monkeypatch) == 0


def test_passwd_disable_and_role(db, capsys, monkeypatch):
    _run(db, "users", "add", "王书记", "--role", "secretary", new=PASSWORD, monkeypatch=monkeypatch)
    monkeypatch.setenv("DANGJIAN_USER", "王书记")
    _run(db, "users", "add", "小李", "--role", "clerk", password=PASSWORD, new="文书密码abc", monkeypatch=monkeypatch)
    assert _run(db, "users", "passwd", "小李", new="重设密码xyz", monkeypatch=monkeypatch) == 0
    assert _run(db, "users", "role", "小李", "viewer", monkeypatch=monkeypatch) == 0
    assert _run(db, "users", "disable", "小李", monkeypatch=monkeypatch) == 0
    assert _run(db, "--user", "小李", "info", password="重设密码xyz", monkeypatch=monkeypatch) == 6
    assert "已停用" in capsys.readouterr().err
    assert _run(db, "users", "passwd", password=PASSWORD, new="书记新密码x", monkeypatch=monkeypatch) == 0
    assert _run(db, "info", password="书记新密码x", monkeypatch=monkeypatch) == 0
    with Context.open(db) as ctx:
        actions = [r["action"] for r in ctx.store.query("SELECT action FROM audit_log WHERE table_name = 'users'")]
    assert {"account_create", "password_set", "account_role", "account_disable", "password_change", "login",
            "login_failed"} <= set(actions)


def test_no_password_and_no_terminal_is_a_clear_message(db, capsys, monkeypatch):
    _run(db, "users", "add", "王书记", "--role", "secretary", new=PASSWORD, monkeypatch=monkeypatch)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": (_ for _ in ()).throw(EOFError()))
    assert main(["--db", str(db), "--user", "王书记", "info"]) == 2
    assert "DANGJIAN_PASSWORD" in capsys.readouterr().err


def test_reset_code_at_the_district_reaches_the_village(world, tmp_path, capsys, monkeypatch):
    district_db, village_db = world.district.store.path, world.village.store.path
    accounts.create_account(world.village, name="王书记", password=PASSWORD, role="secretary")
    world.close()
    assert main(["--db", str(district_db), "users", "reset-code", "DZC", "--user", "王书记"]) == 0
    out = capsys.readouterr().out
    code = re.search(r"\d{3}-\d{3}-\d{4}", out).group(0)
    assert "只显示这一次" in out
    monkeypatch.setenv("DANGJIAN_USER", "王书记")
    monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
    stick = tmp_path / "stick"
    assert main(["--db", str(village_db), "bundle", "export", "--out", str(stick)]) == 0
    monkeypatch.delenv("DANGJIAN_USER")
    with Context.open(district_db) as d:
        from dangjian_desktop.services import sync

        sync.import_bundles(d, paths=sorted(stick.glob("*.djb")), passphrase=PASSPHRASE, backup=False)
        back = sync.export_bundles(d, out_dir=tmp_path / "back", village_code="DZC", passphrase=PASSPHRASE).paths
    with Context.open(village_db) as v:
        sync.import_bundles(v, paths=back, backup=False)
        account_resets.reset_with_code(v, name="王书记", code=code, new_password="新的密码abc")
    monkeypatch.setenv("DANGJIAN_USER", "王书记")
    assert _run(village_db, "info", password="新的密码abc", monkeypatch=monkeypatch) == 0


def test_screenshots_of_a_database_with_accounts_need_a_login(db, tmp_path, capsys, monkeypatch):
    _run(db, "users", "add", "王书记", "--role", "secretary", new=PASSWORD, monkeypatch=monkeypatch)
    monkeypatch.setattr("dangjian_desktop.gui.main.install_language", lambda language: None)  # no leak to others
    assert main(["--db", str(db), "gui", "--screenshot", str(tmp_path / "shots")]) == 2
    assert "截图前请用 --user" in capsys.readouterr().err
    assert not (tmp_path / "shots").exists()


def test_users_recover_at_the_district_needs_no_login_but_the_key_passphrase(world, monkeypatch, capsys):
    d = world.district
    accounts.create_account(d, name="区管理员", password=PASSWORD, role="administrator")
    path = d.store.path
    d.close()
    monkeypatch.setenv("DANGJIAN_PASSPHRASE", "不对的口令")
    assert _run(path, "users", "recover", "区管理员", new="新的密码abc", monkeypatch=monkeypatch) != 0
    assert "口令不正确" in capsys.readouterr().err
    monkeypatch.setenv("DANGJIAN_PASSPHRASE", PASSPHRASE)
    assert _run(path, "users", "recover", "区管理员", new="新的密码abc", monkeypatch=monkeypatch) == 0
    assert "新密码已设置" in capsys.readouterr().out
    assert _run(path, "--user", "区管理员", "users", "list", password="新的密码abc", monkeypatch=monkeypatch) == 0
