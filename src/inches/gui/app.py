"""Application start-up: the window, the last file, crash recovery, and screenshots."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from ..model.scenario import Scenario, ScenarioError
from ..scenario.files import load_scenario, read_scenario


def _parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise ScenarioError(f"--size {text!r}: give WIDTHxHEIGHT, e.g. 1600x900") from None
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise ScenarioError(f"--size {text}: allowed 320x240 to 7680x4320")
    return w, h


def _scenario(args: argparse.Namespace) -> tuple[Scenario | None, Path | None]:
    if getattr(args, "scenario", None):
        return read_scenario(args.scenario), Path(args.scenario)
    if getattr(args, "preset", None):
        return load_scenario(args.preset), None
    return None, None


def _application():
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    _quiet_qt()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Inches")
    app.setOrganizationName("Inches")
    app.setApplicationDisplayName("Inches")
    icon = Path(__file__).parent / "icon.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _quiet_qt() -> None:
    """Drop the offscreen platform's "propagateSizeHints" warning; pass everything else on."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(kind, context, message):
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def headless_application():
    """The application for rendering without a window (exports, reports): offscreen when
    there is no display."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None and not (os.environ.get("DISPLAY")
                                                or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return _application()


def _install_error_dialog(window) -> None:
    """Unexpected errors: logged to stderr, shown as a plain message, never a traceback."""
    from . import dialogs

    def hook(kind, value, tb):
        traceback.print_exception(kind, value, tb)
        dialogs.show_error(window, "Something went wrong",
                           f"{value}\n\nYour work is kept; the details were printed to the "
                           "terminal.")

    sys.excepthook = hook


def run_app(args: argparse.Namespace) -> int:
    """Start the desktop app (or, with --screenshot, render it to a PNG and exit)."""
    scenario, path = _scenario(args)
    if args.screenshot:
        return screenshot(args.screenshot, scenario, _parse_size(args.size))
    app = _application()
    from . import settings
    from .main_window import MainWindow

    window = MainWindow()
    window.restore_state()
    if scenario is None:
        last = settings.last_file()
        if last:
            try:
                scenario, path = read_scenario(last), Path(last)
            except ScenarioError as e:
                print(f"inches: {e}", file=sys.stderr)
    window.controller.load(scenario or load_scenario("dell-2009"), path)
    _install_error_dialog(window)
    window.show()
    window.offer_recovery()
    if args.present is not None:
        if args.present:
            window.present_deck(args.present)
        else:
            window.presentation.enter()
    return app.exec()


def screenshot(out: str, scenario: Scenario | None, size: tuple[int, int]) -> int:
    """Render the window at ``size`` without showing it, save a PNG and return 0."""
    app = headless_application()
    from PySide6.QtCore import Qt

    from ..model.engine import simulate
    from .main_window import MainWindow

    window = MainWindow(persist=False)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(*size)
    scenario = scenario or load_scenario("dell-2009")
    window.controller.load(scenario)
    result = simulate(scenario)
    window._show_result(result, True)
    window.headline.set_refining(False)
    window.show()
    for _ in range(5):
        app.processEvents()
    image = window.grab().toImage()
    tmp = Path(out).with_name(f".{Path(out).name}.tmp.png")
    if not image.save(str(tmp), "PNG"):
        raise OSError(f"cannot write {out}")
    os.replace(tmp, out)
    window.controller.worker.stop()
    window.close()
    print(f"saved {out} ({image.width()}x{image.height()})")
    return 0
