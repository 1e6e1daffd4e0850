"""The ``inches`` command line: builds the parser from each command module and runs one command.

The only place that wires sub-commands. Never imports Qt itself: the commands that open or
render windows load the desktop app when they run. Every error is one plain sentence on
stderr with exit status 2; no traceback, ever.
"""

from __future__ import annotations

import argparse
import sys

from ..model.scenario import ScenarioError
from . import (
    analysis_commands,
    app_command,
    deck_commands,
    report_command,
    run_commands,
)
from .options import Parser, UsageError

COMMAND_MODULES = (run_commands, analysis_commands, deck_commands, report_command)


def build_parser() -> argparse.ArgumentParser:
    """The ``inches`` parser with every sub-command; each sets ``handler`` to its function."""
    p = Parser(prog="inches", description="Inches or miles? Monte Carlo futures of many small "
               "community wins against a few large deals. With no command, opens the app.")
    p.add_argument("--version", action="version", version="inches 0.1.0")
    app_command.add_app_options(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.add_parsers(sub)
    p.set_defaults(handler=app_command.open_app)
    return p


def main(argv: list[str]) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return args.handler(args)
    except (UsageError, ScenarioError) as e:
        return _fail(str(e))
    except BrokenPipeError:  # output piped into head and the like
        sys.stdout = None
        return 0
    except KeyboardInterrupt:
        print("inches: interrupted", file=sys.stderr)
        return 130
    except OSError as e:  # a WriteError names the user's path and says why in words
        return _fail(f"inches: {e.filename or ''}{': ' if e.filename else ''}{e.strerror or e}")
    except MemoryError:
        return _fail("inches: not enough memory for this run; try fewer --trials or --months")
    except Exception as e:  # noqa: BLE001 - the promise is no traceback, ever
        return _fail(f"inches: unexpected error ({type(e).__name__}: {e}); please report it")


def _fail(message: str) -> int:
    print(message.rstrip("."), file=sys.stderr)
    return 2
