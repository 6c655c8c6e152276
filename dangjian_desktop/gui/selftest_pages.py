"""The GUI half of `dangjian --self-test`: the font, the translations, the Help menu's dialogs, every page
of the main window.

Each page is shown as a user would open it, then the event loop runs until the page's background
jobs are done. A page fails when building or showing it raises, when a slot raised meanwhile
(PySide6 hands that to `sys.excepthook`), or when a dialog popped up (an error message): the dialog
is closed and its text reported. Window settings go to the self-test's temporary folder.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QProgressDialog

from dangjian_desktop.gui.main import settle
from dangjian_desktop.gui.settings_file import use_settings_folder

SETTLE_SECONDS = 0.3


class _Watch:
    """Collects exceptions raised in slots and closes (and records) any dialog that pops up."""

    def __init__(self):
        self.problems: list[str] = []
        self._hook = None
        self._timer = QTimer()
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._close_dialogs)

    def __enter__(self) -> "_Watch":
        self._hook = sys.excepthook
        sys.excepthook = lambda kind, value, tb: self.problems.append(f"{kind.__name__}: {value}")
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()
        sys.excepthook = self._hook

    def _close_dialogs(self) -> None:
        dialog = QApplication.activeModalWidget()
        # A background job's progress dialog (gui/jobs.py, shown after 300 ms on a slow machine) is no
        # error: closing it would cancel the job. Only a message box or another dialog is reported.
        if dialog is not None and not isinstance(dialog, QProgressDialog):
            text = getattr(dialog, "text", lambda: "")() or dialog.windowTitle()
            self.problems.append(f"弹出了对话框：{text}")
            dialog.close()


def _application(test) -> str:
    from dangjian_desktop.gui.app import application, install_language, register_font

    if sys.platform != "win32":  # no display needed (Windows keeps its own platform plugin, a sure bet)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    use_settings_folder(test.folder / "settings")  # before the QApplication: nothing goes to the profile
    application()
    family = register_font()
    if not family:
        raise RuntimeError("内置中文字体没有加载")
    install_language("zh_CN")
    test.state["app"] = True
    return f"平台 {QApplication.platformName()}，字体 {family}"


def _translations(test) -> str:
    ours = QCoreApplication.translate("MainWindow", "Home")
    if ours == "Home":
        raise RuntimeError("界面中文翻译没有加载")
    qtbase = QTranslator()
    if not qtbase.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        raise RuntimeError("Qt 自带的中文翻译（qtbase_zh_CN）没有找到")
    return f"“Home” → “{ours}”，qtbase_zh_CN"


def _help(test) -> str:
    """The Help menu's dialogs build: the user guide (from its bundled file, both roles' parts) and About."""
    from dangjian_desktop.gui.about import COMPONENTS, AboutDialog
    from dangjian_desktop.gui.help import ROLE_ANCHORS, GuideDialog, anchor_names

    guide = GuideDialog(role="village")
    text = guide.browser.toPlainText()
    missing = [part for part in ("村党支部书记", "区（镇）工作人员", "用 U 盘带数据", "电脑或 U 盘丢了怎么办")
               if part not in text]
    if missing:
        raise RuntimeError("使用说明不完整，缺少：" + "、".join(missing))
    absent = sorted(set(ROLE_ANCHORS.values()) - anchor_names(guide.browser.document()))
    if absent:
        raise RuntimeError("使用说明缺少锚点：" + "、".join(absent))
    about = AboutDialog()
    rows = about.table.rowCount()
    guide.deleteLater()
    about.deleteLater()
    if rows != len(COMPONENTS):
        raise RuntimeError(f"关于对话框只列出 {rows} 个组件")
    return f"使用说明 {len(text)} 字，关于 {rows} 个组件"


def _open_window(test, role: str) -> str:
    from dangjian_desktop.gui.main import build_main_window

    ctx = test.state[role]
    with _Watch() as watch:
        window = build_main_window(ctx)
        window.resize(1280, 820)
        window.show()
        settle(QApplication.instance(), window, SETTLE_SECONDS)
    test.state.setdefault("windows", {})[role] = window
    if watch.problems:
        raise RuntimeError("；".join(watch.problems))
    test.state[f"{role}-window"] = True
    return f"{window.windowTitle()}，{len(window.page_keys)} 个页面"


def _show_page(test, role: str, key: str) -> str:
    window = test.state["windows"][role]
    with _Watch() as watch:
        page = window.show_page(key)
        settle(QApplication.instance(), window, SETTLE_SECONDS)
    if watch.problems:
        raise RuntimeError("；".join(watch.problems))
    if not page.isVisible():
        raise RuntimeError("页面没有显示出来")
    return page.title()


def _close_window(test, role: str) -> None:
    window = test.state.get("windows", {}).pop(role, None)
    if window is not None:
        window.close()
        window.deleteLater()
        QApplication.instance().processEvents()


def gui_checks(test) -> None:
    from dangjian_desktop.gui.main_window import page_keys

    test.check("图形界面：Qt、内置字体", lambda: _application(test))
    test.check("图形界面：中文翻译", lambda: _translations(test), needs=("app",))
    test.check("帮助：使用说明、关于", lambda: _help(test), needs=("app",))
    for role, label in (("village", "村级"), ("district", "区级")):
        test.check(f"{label}主窗口", lambda role=role: _open_window(test, role), needs=("app", role))
        for key in page_keys(role):
            test.check(f"{label}页面 {key}", lambda role=role, key=key: _show_page(test, role, key),
                       needs=(f"{role}-window",))
        _close_window(test, role)
