"""The GUI side of accounts: first account, login with the countdown after failures, the idle lock,
the accounts box, pages a role may not use, jobs that run as the logged-in user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from accounts_fixtures import PASSWORD, cheap_scrypt  # noqa: F401
from sync_fixtures import small_world_files, world  # noqa: F401
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.login import FirstAccountDialog, LoginDialog, ResetCodeDialog
from dangjian_desktop.gui.main_window import MainWindow, page_keys
from dangjian_desktop.gui.session import Session
from dangjian_desktop.gui.settings.account_dialogs import NewAccountDialog
from dangjian_desktop.gui.settings.accounts_box import AccountsBox
from dangjian_desktop.services import accounts


@pytest.fixture
def staffed(demo):
    """The demo village with a secretary (logged in) and a clerk."""
    accounts.create_account(demo, name="王书记", password=PASSWORD, role="secretary")
    accounts.login(demo, "王书记", PASSWORD)
    accounts.create_account(demo, name="小李", password="文书密码abc", role="clerk")
    return demo


def test_the_first_account_is_created_with_live_checks(village, qtbot):
    dialog = FirstAccountDialog(village)
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled() and dialog.problems.text() == ""  # nothing red before typing
    dialog.name.setText("王书记")  # (QTest types ASCII only)
    qtbot.keyClicks(dialog.password, "12345")
    assert "至少 6 个字符" in dialog.problems.text() and not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.password, "6a")
    qtbot.keyClicks(dialog.repeat, "123456b")
    assert "两次输入的密码不一致" in dialog.problems.text()
    dialog.repeat.setText("123456a")
    assert dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert village.user["name"] == "王书记" and village.user["role"] == "secretary" and village.actor == "王书记"


def test_a_failed_login_shows_the_wait_and_counts_it_down(staffed, qtbot):
    dialog = LoginDialog(staffed, name="小李")
    qtbot.addWidget(dialog)
    for _ in range(3):
        qtbot.keyClicks(dialog.password, "wrong-one")
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert "请等 30 秒后再试" in dialog.problems.text()
    assert not dialog.login_button.isEnabled() and "30" in dialog.login_button.text()
    assert dialog.countdown.isActive() and dialog.password.text() == ""
    for _ in range(30):
        dialog._tick()  # the one-second timer's steps, without waiting 30 s
    assert dialog.login_button.isEnabled() and not dialog.countdown.isActive()


def test_logging_in_accepts_the_dialog_as_that_user(staffed, qtbot):
    dialog = LoginDialog(staffed, name="小李")
    qtbot.addWidget(dialog)
    dialog.password.setText("文书密码abc")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and staffed.user["name"] == "小李"


def _session(ctx, qtbot, idle_ms: int) -> Session:
    def build(c):
        window = MainWindow(c, JobRunner(c, inline=True))
        qtbot.addWidget(window)
        return window

    session = Session(ctx, build, idle_ms=idle_ms)
    session.open_window()
    return session


def test_the_idle_lock_hides_the_window_and_the_same_user_gets_it_back(staffed, qtbot):
    session = _session(staffed, qtbot, idle_ms=60)
    window = session.window
    window.show_page("members")
    left_open = QDialog(window)
    left_open.show()
    qtbot.waitUntil(lambda: session.locked, timeout=5000)
    assert not window.centralWidget().isVisible() and not left_open.isVisible()
    dialog = session.lock_dialog
    assert dialog.name.text() == "王书记" and "10" in dialog.intro.text()  # the idle minutes
    session.idle_ms = 60_000  # no second lock while the test types
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert not session.locked and session.window is window and window.centralWidget().isVisible()
    assert window.current_page().key == "members" and left_open.isVisible()
    session.idle.remove()


def test_lock_now_in_the_account_menu_locks_at_once(staffed, qtbot):
    session = _session(staffed, qtbot, idle_ms=60_000)
    window = session.window
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("&Account") < menus.index(window.help_menu.title())
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    window.lock_action.trigger()
    assert session.locked and not window.centralWidget().isVisible()
    dialog = session.lock_dialog
    assert dialog.name.text() == "王书记" and "minutes" not in dialog.intro.text()  # locked by hand, not idle
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert not session.locked and window.centralWidget().isVisible()
    session.idle.remove()


def test_without_accounts_there_is_nothing_to_lock(demo, qtbot):
    session = _session(demo, qtbot, idle_ms=60_000)
    assert not hasattr(session.window, "lock_action")
    session.idle.remove()


def test_input_keeps_the_lock_away(staffed, qtbot):
    session = _session(staffed, qtbot, idle_ms=60_000)
    session.idle.stop()
    session.idle.last_input -= 3600  # an hour without input …
    qtbot.keyClick(session.window.nav, Qt.Key.Key_Down)  # … then a key press, seen by the application's filter
    session.idle._check()
    assert not session.locked
    session.idle.last_input -= 61
    session.idle._check()
    assert session.locked
    session.idle.remove()


def test_another_user_at_the_lock_gets_a_window_for_their_role(staffed, qtbot):
    session = _session(staffed, qtbot, idle_ms=60)
    assert "audit" in session.window.page_keys or "audit" not in page_keys("village")
    qtbot.waitUntil(lambda: session.locked, timeout=5000)
    session.idle_ms = 60_000
    dialog = session.lock_dialog
    dialog.name.setText("小李")
    dialog.password.setText("文书密码abc")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert staffed.user["name"] == "小李" and session.window.ctx.user["role"] == "clerk"
    assert "小李（文书）" in session.window.status_label.text()
    session.idle.remove()


@pytest.mark.parametrize(("role", "hidden"), [("secretary", set()), ("clerk", {"audit"}),
                                              ("viewer", {"audit", "exchange", "printing"})])
def test_pages_a_role_cannot_use_are_not_in_the_navigation(demo, role, hidden):
    demo.user = {"uuid": "u", "name": "某人", "role": role, "town_uuid": None}
    keys = page_keys("village", demo.may)
    assert set(page_keys("village")) - set(keys) == hidden & set(page_keys("village"))


def test_the_accounts_box_manages_accounts_and_guards_its_buttons(staffed, qtbot, monkeypatch):
    box = AccountsBox(staffed)
    qtbot.addWidget(box)
    assert box.table.rowCount() == 2 and box.add_button.isEnabled() and not box.role_button.isEnabled()
    dialog = NewAccountDialog(staffed)
    qtbot.addWidget(dialog)
    dialog.name.setText("小张")
    dialog.role.setCurrentIndex(dialog.role.findData("viewer"))
    dialog.password.setText("查看密码abc")
    dialog.repeat.setText("查看密码abc")
    dialog.save()
    assert accounts.login(staffed, "小张", "查看密码abc")["role"] == "viewer"
    box.load()
    assert box.table.rowCount() == 1  # a viewer sees only their own account
    assert not box.add_button.isEnabled() and "管理账户" in box.add_button.toolTip()
    assert not box.idle.isEnabled() and box.own_button.isEnabled()


def test_the_accounts_box_without_accounts_offers_the_first_one(demo, qtbot):
    box = AccountsBox(demo)
    qtbot.addWidget(box)
    assert not box.first_button.isHidden() and box.add_button.isHidden() and box.hint.text()


def test_the_reset_dialog_checks_before_it_asks_the_service(staffed, qtbot):
    dialog = ResetCodeDialog(staffed, name="小李")
    qtbot.addWidget(dialog)
    assert not dialog.reset_button.isEnabled()
    dialog.secret.setText("123-456-7890")
    dialog.password.setText("新的密码abc")
    dialog.repeat.setText("新的密码abc")
    assert dialog.reset_button.isEnabled()
    dialog.reset()
    assert "重置码不正确" in dialog.problems.text() and dialog.result() != dialog.DialogCode.Accepted


def test_a_background_job_runs_as_the_logged_in_user(staffed, qtbot):
    accounts.login(staffed, "小李", "文书密码abc")
    runner = JobRunner(staffed)
    seen = {}
    runner.run(None, "测试", lambda ctx, progress: (ctx.user["name"], ctx.actor, ctx.may("users.manage")),
               lambda result: seen.update(result=result))
    runner.wait_all()
    assert seen["result"] == ("小李", "小李", False)


@pytest.mark.parametrize(("role", "page_key", "button", "permission"), [
    ("viewer", "points", "record_button", "points.record"),
    ("clerk", "stars", "submit_button", "stars.submit"),
    ("viewer", "members", "add_button", "members.edit"),
    ("viewer", "members", "import_button", "members.edit"),
    ("viewer", "members", "export_button", "personal.export"),
])
def test_buttons_a_role_may_not_use_are_disabled_with_a_reason(demo, qtbot, role, page_key, button, permission):
    from dangjian_desktop.core.roles import PERMISSIONS
    from dangjian_desktop.gui.main_window import page_class

    demo.user = {"uuid": "u", "name": "某人", "role": role, "town_uuid": None}
    page = page_class(page_key)(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    widget = getattr(page, button)
    assert not widget.isEnabled() and PERMISSIONS[permission] in widget.toolTip()
    demo.user = None
    other = page_class(page_key)(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(other)
    assert getattr(other, button).isEnabled()


def test_a_district_reviewer_is_bound_to_a_town_in_the_dialogs(world, qtbot):
    from dangjian_desktop.gui.settings.account_dialogs import RoleDialog

    d = world.district
    accounts.create_account(d, name="管理员", password=PASSWORD, role="administrator")
    accounts.login(d, "管理员", PASSWORD)
    [(town_uuid, town)] = accounts.town_choices(d)
    dialog = NewAccountDialog(d)
    qtbot.addWidget(dialog)
    dialog.role.setCurrentIndex(dialog.role.findData("viewer"))
    assert not dialog.form.isRowVisible(dialog.town)  # only a reviewer is bound to a town
    dialog.role.setCurrentIndex(dialog.role.findData("reviewer"))
    assert dialog.form.isRowVisible(dialog.town) and dialog.town.currentData() is None  # whole district first
    dialog.town.setCurrentIndex(dialog.town.findData(town_uuid))
    dialog.name.setText("镇审核人")
    dialog.password.setText("审核密码abc")
    dialog.repeat.setText("审核密码abc")
    dialog.save()
    reviewer = next(a for a in accounts.list_accounts(d) if a["name"] == "镇审核人")
    assert (reviewer["role"], reviewer["town_uuid"]) == ("reviewer", town_uuid)
    box = AccountsBox(d)
    qtbot.addWidget(box)
    row = next(r for r in range(box.table.rowCount()) if box.table.item(r, 0).text() == "镇审核人")
    assert town in box.table.item(row, 1).text()

    role = RoleDialog(d, reviewer)
    qtbot.addWidget(role)
    assert role.town.currentData() == town_uuid and not role.ok_button.isEnabled()  # nothing changed yet
    role.town.setCurrentIndex(role.town.findData(None))
    assert role.ok_button.isEnabled()
    role.save()
    assert next(a for a in accounts.list_accounts(d) if a["name"] == "镇审核人")["town_uuid"] is None


def test_forgot_password_at_the_district_asks_for_the_key_passphrase(world, qtbot, monkeypatch):
    from dangjian_desktop.gui.login import PassphraseResetDialog
    from sync_fixtures import PASSPHRASE

    d = world.district
    accounts.create_account(d, name="区管理员", password=PASSWORD, role="administrator")
    accounts.act_as(d, None)
    opened = []
    monkeypatch.setattr(PassphraseResetDialog, "exec", lambda self: opened.append(self) or 0)
    login = LoginDialog(d, name="区管理员")
    qtbot.addWidget(login)
    login.forgot()
    [dialog] = opened  # (a child of the login dialog, closed with it)
    assert dialog.name.text() == "区管理员" and dialog.secret.echoMode() == dialog.secret.EchoMode.Password
    dialog.secret.setText("猜的口令")
    dialog.password.setText("新的密码abc")
    dialog.repeat.setText("新的密码abc")
    dialog.reset()
    assert "口令不正确" in dialog.problems.text() and dialog.secret.text() == "" and dialog.result() == 0
    dialog.secret.setText(PASSPHRASE)
    dialog.reset()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert accounts.login(d, "区管理员", "新的密码abc")["name"] == "区管理员"
