"""Guard against the PySide6 6.12.0 reference leak that aborts the interpreter.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method returning
nothing (and to True/False on signal emits); after a few thousand calls Python aborts with
"Fatal Python error: none_dealloc". pyproject.toml pins PySide6-Essentials below 6.12; this test
fails if an upgrade brings the leak back.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel, QSlider, QWidget


class _Emitter(QObject):
    fired = Signal(bool)


def _app():
    return QApplication.instance() or QApplication([])


def test_void_methods_keep_none_alive():
    """1,000 calls of update(), setValue(), setText() and processEvents() leave None's count put."""
    app = _app()
    w, slider, label = QWidget(), QSlider(), QLabel()
    before = sys.getrefcount(None)
    for i in range(1000):
        w.update()
        slider.setValue(i % 50)
        label.setText("x")
        app.processEvents()
    assert sys.getrefcount(None) - before > -100


def test_signal_emit_keeps_booleans_alive():
    """1,000 emits of a bool signal leave True's and False's counts put."""
    _app()
    e = _Emitter()
    seen = []
    e.fired.connect(seen.append)
    t0, f0 = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(1000):
        e.fired.emit(i % 2 == 0)
    seen.clear()
    assert sys.getrefcount(True) - t0 > -100 and sys.getrefcount(False) - f0 > -100
