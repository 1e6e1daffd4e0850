"""The Qt application object: one per process, named and iconed, quiet about harmless noise."""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from pathlib import Path

ARENAS = 2  # malloc arenas for the whole app (see _few_arenas)


def application():
    """The running QApplication, made (named, with the icon) if there is none; from now on
    the engine's threads in this process yield a core to the window's (threads.py)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..model import threads

    threads.behind_window()
    _quiet_qt()
    if QApplication.instance() is None:
        _few_arenas()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Inches")
    app.setOrganizationName("Inches")
    app.setApplicationDisplayName("Inches")
    icon = Path(__file__).parent / "icon.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def headless_application():
    """The application for rendering without a window (exports, reports): offscreen when
    there is no display."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None and not (os.environ.get("DISPLAY")
                                                or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return application()


def keep_long_lived_after(signal) -> None:
    """Just after ``signal`` first fires (the window's first result): collect garbage, then
    leave every object alive (modules, widgets, chart items) out of all later collections.
    Python's full collections otherwise walk them all, about 110,000 objects, holding the
    window's thread for about 50 ms each (and up to 65 ms in a soak); after this they walk only
    what came since. For the app's process only: an object frozen here is never collected
    if it later becomes garbage in a cycle, which one window for the whole session never does
    (tests, which make many windows, do not freeze)."""
    from PySide6.QtCore import QTimer

    def once(*_args) -> None:
        signal.disconnect(once)
        QTimer.singleShot(0, lambda: (gc.collect(), gc.freeze()))
    signal.connect(once)


def _quiet_qt() -> None:
    """Drop the offscreen platform's "propagateSizeHints" warning; pass everything else on."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(kind, context, message):
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def _few_arenas() -> None:
    """At most :data:`ARENAS` malloc arenas (glibc; elsewhere nothing). With the default, one
    per thread, memory the engine's threads free stays scattered among arenas and a long
    session's resident size creeps up: ten minutes of benchmarks/soak.py grew 148-261 MB past
    the second minute, and 3 MB with two arenas."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, ARENAS)  # -8: M_ARENA_MAX
    except (OSError, AttributeError):
        pass
