"""The desktop app from the command line: ``inches`` with no command, ``--screenshot`` and
``--present``. Qt is imported only here, and only when the app is asked for.

Everything that can be checked without Qt is checked first, so a mistake is a one-sentence
command-line error before any window opens: the scenario or preset, the deck, the screenshot's
file and size, and whether there is a display to open a window on.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..decks import load_deck
from ..files.atomic import check_writable, image_format
from .options import UsageError, parse_size, scenario_from_args, scenario_options

# Qt platforms that draw without a display server (QT_QPA_PLATFORM).
HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb",
                      "vkkhrdisplay"}


def add_app_options(p: argparse.ArgumentParser) -> None:
    """The options of ``inches`` itself (no command): the app's start-up."""
    p.add_argument("--screenshot", metavar="FILE", help="render the app window to an image "
                   "(.png, .jpg) and exit; needs no display")
    p.add_argument("--size", default="1600x900", metavar="WxH",
                   help="window size for --screenshot (1000x700 to 3840x2160)")
    p.add_argument("--present", metavar="DECK", nargs="?", const="",
                   help="start in presentation mode, on a deck if one is named")
    p.add_argument("--step", type=int, metavar="N",
                   help="with --present DECK: start on step N (1 is the first)")
    p.add_argument("--theme", choices=("light", "dark"),
                   help="light or dark (default: the one chosen last in the app)")
    scenario_options(p)


def open_app(args: argparse.Namespace) -> int:
    """Start the app (or render it with --screenshot)."""
    size = parse_size(args.size)
    opened = None
    if args.scenario is not None or args.preset is not None:
        opened = scenario_from_args(args), args.scenario
    if args.present:
        load_deck(args.present)  # an unknown deck fails here, not in a dialog
    if args.screenshot is not None:
        image_format(args.screenshot)
        check_writable(args.screenshot)
    else:
        problem = display_problem()
        if problem:
            raise UsageError(problem)
    try:
        from ..gui.startup import run_app
    except ImportError as e:
        raise UsageError(f"inches: the desktop app cannot start ({e}); "
                         "the command-line tools work: see inches --help") from None
    return run_app(args, size, opened)


def display_problem(environ=os.environ, platform: str = sys.platform) -> str | None:
    """Why a window cannot open here, as one sentence with the remedy; None when it can.

    Decided before Qt loads: without a display Qt aborts the process with lines of its own."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None  # macOS and Windows always have their window system
    wanted = [name.strip().lower() for name in environ.get("QT_QPA_PLATFORM", "").split(";")]
    if any(name.split(":")[0] in HEADLESS_PLATFORMS for name in wanted):
        return None
    x11, wayland = environ.get("DISPLAY"), environ.get("WAYLAND_DISPLAY")
    first = wanted[0].split(":")[0]
    if (first == "xcb" and x11) or (first == "wayland" and wayland) or \
            (first not in ("xcb", "wayland") and (x11 or wayland)):
        return None
    return ("inches: no display to open the app window on (DISPLAY and WAYLAND_DISPLAY are "
            "not set); render it to an image with inches --screenshot FILE, or run with "
            "QT_QPA_PLATFORM=offscreen")
