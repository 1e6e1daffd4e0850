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
from .application import application, headless_application, keep_long_lived_after
from .theme import THEMES


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
    theme = THEMES[args.theme] if getattr(args, "theme", None) else None
    if args.screenshot:
        if args.present:
            return screenshot_step(args.screenshot, args.present, args.step or 1, size, theme)
        return screenshot(args.screenshot, scenario, size, theme)
    app = application()
    from . import settings
    from .main_window import MainWindow

    window = MainWindow(theme=theme)
    keep_long_lived_after(window.controller.resultReady)
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
            window.presentation.present_deck(args.present, (args.step or 1) - 1)
        else:
            window.presentation.enter()
    return app.exec()


def screenshot(out: str, scenario: Scenario | None, size: tuple[int, int], theme=None) -> int:
    """Render the window at exactly ``size`` without showing it, save it as the image type
    its suffix names (PNG or JPEG) and return 0; a window that cannot be drawn at that size
    is a :class:`WriteError` saying the smallest it can be."""
    image_format(out)
    app = headless_application()
    from PySide6.QtCore import Qt

    from ..model.engine import simulate
    from .main_window import MainWindow

    window = MainWindow(persist=False, theme=theme)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(*size)
    scenario = scenario or load_scenario("dell-2009")
    window.controller.load(scenario)
    window.show_result(simulate(scenario), True)
    window.headline.set_refining(False)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.charts.prepare_export()
    image = window.grab().toImage()
    window.controller.stop()
    window.close()
    if (image.width(), image.height()) != tuple(size):
        raise WriteError(out, f"the window cannot be drawn at {size[0]}x{size[1]}; the "
                         f"smallest it can be is {window.minimumSizeHint().width()}x"
                         f"{window.minimumSizeHint().height()} (it drew {image.width()}x"
                         f"{image.height()})")
    return _save(out, image)


def screenshot_step(out: str, deck_name: str, step: int, size: tuple[int, int],
                    theme=None) -> int:
    """Render presentation mode on step ``step`` (1-based) of a deck at ``size``: a PNG."""
    from ..decks import load_deck
    from .presenting.handout import render_steps

    deck = load_deck(deck_name)
    if not 1 <= step <= len(deck.steps):
        raise ScenarioError(f"--step {step}: deck {deck.name!r} has steps 1 to "
                            f"{len(deck.steps)}")
    image = render_steps(deck, size, steps=[step - 1], theme=theme, controls=True)[0]
    return _save(out, image)


def _save(out: str, image) -> int:
    """``image`` to ``out`` in the format its suffix names."""
    kind = image_format(out)
    write_atomic(out, lambda tmp: image.save(tmp, kind))
    print(f"saved {out} ({image.width()}x{image.height()})")
    return 0
