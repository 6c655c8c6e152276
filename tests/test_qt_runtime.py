"""The Qt binding must not leak references to None (PySide6 6.12.0 did, and the app aborted)."""

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_qt_calls_keep_none_alive():
    QApplication.instance() or QApplication([])
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("党建通")
    assert sys.getrefcount(None) - before > -100


def test_emitting_a_signal_keeps_true_alive():
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        fired = Signal(object)

    QApplication.instance() or QApplication([])
    emitter = Emitter()
    emitter.fired.connect(lambda value: None)
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.fired.emit(1)
    assert sys.getrefcount(True) - before > -100
