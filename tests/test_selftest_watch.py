"""The self-test's watch over the pages: a message box is a failure, a slow job's progress dialog is not."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from dangjian_desktop.gui.selftest_pages import _Watch


def test_a_message_box_is_reported_and_closed(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    box = QMessageBox(QMessageBox.Icon.Warning, "出错了", "数据包导入失败", parent=parent)
    with _Watch() as watch:
        box.open()  # window-modal, without blocking like exec()
        qtbot.waitUntil(lambda: bool(watch.problems))
    assert watch.problems == ["弹出了对话框：数据包导入失败"]
    qtbot.waitUntil(lambda: not box.isVisible())


def test_a_progress_dialog_of_a_slow_job_is_left_alone(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    progress = QProgressDialog("正在查找 U 盘…", "取消", 0, 0, parent)
    cancelled = []
    progress.canceled.connect(lambda: cancelled.append(True))
    with _Watch() as watch:
        progress.open()
        qtbot.wait(300)  # six turns of the watch's timer
    assert watch.problems == [] and cancelled == [] and progress.isVisible()
    progress.reset()
