"""帮助 menu: the user guide (F1, opened at the role's part), the data folder, About; and the guide itself."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from dangjian_desktop.gui import about
from dangjian_desktop.gui.app import install_language
from dangjian_desktop.gui.help import GuideDialog, HelpMenu, anchor_names, data_folder, guide_path, install_help_menu
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.main_window import NAVIGATION, MainWindow, page_title


@pytest.fixture
def chinese():
    install_language("zh_CN")
    try:
        yield
    finally:
        install_language("en")


def _window(qtbot, tmp_path, role="village") -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLabel("页面"))
    window.ctx = SimpleNamespace(role=role, store=SimpleNamespace(path=tmp_path / "data" / "dangjian.db"))
    qtbot.addWidget(window)
    install_help_menu(window)
    return window


def _menu(window) -> HelpMenu:
    (menu,) = [action.menu() for action in window.menuBar().actions()]
    return menu


def test_the_main_window_has_the_help_menu_in_chinese(demo, qtbot, chinese):
    window = MainWindow(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(window)
    menu = _menu(window)
    assert menu is window.help_menu and menu.title() == "帮助(&H)"
    assert [action.text() for action in menu.actions()] == ["使用说明", "打开数据文件夹", "", "关于党建通…"]
    assert menu.guide_action.shortcut() == QKeySequence("F1")
    assert menu.guide_action in window.actions()  # F1 works without opening the menu


def test_the_menu_follows_a_change_of_language(qtbot, tmp_path, chinese):
    menu = _menu(_window(qtbot, tmp_path))
    assert menu.guide_action.text() == "使用说明"
    install_language("en")  # Qt posts the LanguageChange event to every widget
    qtbot.waitUntil(lambda: menu.title() == "&Help")
    assert (menu.guide_action.text(), menu.folder_action.text()) == ("User guide", "Open data folder")


@pytest.mark.parametrize("role", ["village", "district"])
def test_the_guide_opens_at_the_role_s_part(qtbot, tmp_path, monkeypatch, role):
    opened = []
    monkeypatch.setattr(GuideDialog, "exec", lambda self: opened.append(self) or 0)
    _menu(_window(qtbot, tmp_path, role)).guide_action.trigger()  # what F1 does (Qt maps the key)
    (dialog,) = opened
    qtbot.addWidget(dialog)
    assert dialog.anchor == role
    dialog.show()
    bar = dialog.browser.verticalScrollBar()
    village_top = bar.value()
    dialog.browser.scrollToAnchor("village")
    if role == "district":
        assert village_top > bar.value()  # scrolled past the village part
    else:
        assert village_top == bar.value()


def test_the_guide_covers_every_page_of_both_roles_and_its_links_all_land(qtbot, chinese):
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for role, keys in NAVIGATION.items():
        for key in keys:
            assert page_title(key) in text, (role, key)
    html = guide_path().read_text(encoding="utf-8")
    targets = {part.split('"')[0] for part in html.split('href="#')[1:]}
    assert targets and targets <= anchor_names(dialog.browser.document())
    for needed in ("U 盘", "devices revoke", "bundle snapshot", "--enrolment", "--snapshot", "备份"):
        assert needed in text


def test_the_guide_has_no_line_break_inside_its_chinese_text():
    """A line break inside Chinese text shows as a space in the dialog."""
    body = guide_path().read_text(encoding="utf-8").split("<body>", 1)[1]
    breaks = [body[i - 8:i + 8] for i, ch in enumerate(body)
              if ch == "\n" and (body[i - 1] not in ">\n" or body[i + 1:i + 2] not in ("<", "\n", ""))]
    assert breaks == []


def test_open_data_folder_opens_the_database_s_folder(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    menu = _menu(_window(qtbot, tmp_path))
    assert menu.open_data_folder() is True
    assert opened == [str((tmp_path / "data").resolve())]


def test_when_the_folder_cannot_be_opened_its_path_is_shown(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: shown.append(text))
    menu = _menu(_window(qtbot, tmp_path))
    assert menu.open_data_folder() is False
    assert len(shown) == 1 and str((tmp_path / "data").resolve()) in shown[0]


def test_without_a_database_file_the_data_folder_is_the_default_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(tmp_path / "elsewhere"))
    assert data_folder(SimpleNamespace(store=SimpleNamespace(path=None))) == tmp_path / "elsewhere"


def test_about_opens_the_about_dialog(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(about.AboutDialog, "exec", lambda self: opened.append(self) or 0)
    menu = _menu(_window(qtbot, tmp_path))
    menu.about_action.trigger()
    assert len(opened) == 1 and opened[0].table.rowCount() == len(about.COMPONENTS)
