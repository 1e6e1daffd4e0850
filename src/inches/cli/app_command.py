"""The desktop app from the command line: ``inches`` with no command, ``--screenshot`` and
``--present``. Qt is imported only here, and only when the app is asked for.

Everything that can be checked without Qt is checked first, so a mistake is a one-sentence
command-line error before any window opens: the scenario or preset, the deck, the screenshot's
file and size, and whether there is a display to open a window on.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import os
import sys
from pathlib import Path

from ..decks import load_deck
from ..files.atomic import check_writable, image_format
from .options import UsageError, parse_size, scenario_from_args, scenario_options

# The system libraries Qt's X11 plugin needs beyond what PySide6 brings (Qt's "X11
# requirements"); the first is loaded at run time (Qt 6.5 and later), the others at load.
X11_LIBRARIES = ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-image.so.0",
                 "libxcb-keysyms.so.1", "libxcb-render-util.so.0", "libxcb-shape.so.0",
                 "libxkbcommon-x11.so.0")

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
        problem = display_problem() or x11_library_problem()
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


def x11_library_problem(environ=os.environ, platform: str = sys.platform,
                        load=ctypes.CDLL) -> str | None:
    """Why Qt's X11 plugin cannot load here (system libraries missing), as one sentence with
    the remedy; None when it can, or when the window will not use X11.

    Without them Qt aborts the process with lines of its own (a fresh Debian or Ubuntu often
    lacks libxcb-cursor0). Checked by loading each library, then the plugin itself, which
    names any other library it lacks. ``load`` opens a shared library (tests pass their own).
    """
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return None
    first = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if first not in ("", "xcb") or (not first and environ.get("WAYLAND_DISPLAY")):
        return None
    missing = []
    for lib in X11_LIBRARIES:
        try:
            load(lib)
        except OSError:
            missing.append(lib)
    spec = importlib.util.find_spec("PySide6")
    plugin = (Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
              if spec and spec.origin else None)
    if not missing and plugin is not None and plugin.exists():
        try:
            load(str(plugin))
        except OSError as e:
            missing.append(str(e).split(":")[0].strip())
    if not missing:
        return None
    names = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
    one = len(missing) == 1
    return (f"inches: the window cannot open: Qt's X11 support needs {names}, which "
            f"{'is' if one else 'are'} missing here; install {'it' if one else 'them'} (Debian "
            f"and Ubuntu: sudo apt install {' '.join(map(_debian_package, missing))}), or "
            "render the app to an image with inches --screenshot FILE")


def _debian_package(lib: str) -> str:
    """The Debian package that holds shared library ``lib``, by Debian's naming rule:
    libxcb-icccm.so.4 is in libxcb-icccm4, libxkbcommon-x11.so.0 in libxkbcommon-x11-0."""
    name, _, version = lib.partition(".so")
    version = version.lstrip(".").split(".")[0]
    return name + ("-" if name[-1:].isdigit() and version else "") + version
