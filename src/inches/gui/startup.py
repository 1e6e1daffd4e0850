"""Starting the app: the window, the last file, crash recovery, and screenshots."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from ..files.atomic import WriteError, image_format, write_atomic
from ..files.scenarios import read_scenario
from ..files.shipped import load_scenario
from ..model.scenario import Scenario, ScenarioError
from .application import application, headless_application


def _scenario(args: argparse.Namespace) -> tuple[Scenario | None, Path | None]:
    if getattr(args, "scenario", None):
        return read_scenario(args.scenario), Path(args.scenario)
    if getattr(args, "preset", None):
        return load_scenario(args.preset), None
    return None, None


def _install_error_dialog(window) -> None:
    """Unexpected errors: logged to stderr, shown as a plain message, never a traceback."""
    from . import dialogs

    def hook(kind, value, tb):
        traceback.print_exception(kind, value, tb)
        dialogs.show_error(window, "Something went wrong",
                           f"{value}\n\nYour work is kept; the details were printed to the "
                           "terminal.")

    sys.excepthook = hook


def run_app(args: argparse.Namespace, size: tuple[int, int],
            opened: tuple[Scenario, str | None] | None = None) -> int:
    """Start the desktop app (or, with --screenshot, render it at ``size`` and exit).

    ``opened`` is the scenario the command line already read (and the file it came from);
    without it, --preset and --scenario are read here."""
    if opened is not None:
        scenario, path = opened[0], Path(opened[1]) if opened[1] else None
    else:
        scenario, path = _scenario(args)
    if args.screenshot:
        return screenshot(args.screenshot, scenario, size)
    app = application()
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
    window.autosave.offer_recovery()
    if args.present is not None:
        if args.present:
            window.presentation.present_deck(args.present)
        else:
            window.presentation.enter()
    return app.exec()


def screenshot(out: str, scenario: Scenario | None, size: tuple[int, int]) -> int:
    """Render the window at exactly ``size`` without showing it, save it as the image type
    its suffix names (PNG or JPEG) and return 0; a window that cannot be drawn at that size
    is a :class:`WriteError` saying the smallest it can be."""
    kind = image_format(out)
    app = headless_application()
    from PySide6.QtCore import Qt

    from ..model.engine import simulate
    from .main_window import MainWindow

    window = MainWindow(persist=False)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(*size)
    scenario = scenario or load_scenario("dell-2009")
    window.controller.load(scenario)
    window.show_result(simulate(scenario), True)
    window.headline.set_refining(False)
    window.show()
    for _ in range(5):
        app.processEvents()
    image = window.grab().toImage()
    window.controller.stop()
    window.close()
    got = (image.width(), image.height())
    if got != tuple(size):
        raise WriteError(out, f"the window cannot be drawn at {size[0]}x{size[1]}; the "
                         f"smallest it can be is {window.minimumSizeHint().width()}x"
                         f"{window.minimumSizeHint().height()} (it drew {got[0]}x{got[1]})")
    write_atomic(out, lambda tmp: image.save(tmp, kind))
    print(f"saved {out} ({got[0]}x{got[1]})")
    return 0
