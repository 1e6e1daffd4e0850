"""The desktop app from the command line: ``inches`` with no command, ``--screenshot`` and
``--present``. Qt is imported only here, and only when the app is asked for."""

from __future__ import annotations

import argparse

from .options import UsageError, parse_size, scenario_options


def add_app_options(p: argparse.ArgumentParser) -> None:
    """The options of ``inches`` itself (no command): the app's start-up."""
    p.add_argument("--screenshot", metavar="FILE", help="render the app window to a PNG and exit")
    p.add_argument("--size", default="1600x900", metavar="WxH", help="window size for --screenshot")
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
    try:
        from ..gui.startup import run_app
    except ImportError as e:
        raise UsageError(f"inches: the desktop app cannot start ({e}); "
                         "the command-line tools work: see inches --help") from None
    return run_app(args, size)
