"""``inches report --pdf FILE``: the one-page board report from the command line.

Qt-free at import; the page is drawn by the desktop app's code, loaded only when asked for.
"""

from __future__ import annotations

import argparse
import sys


def add_parsers(sub) -> None:
    """Add ``inches report`` to the ``inches`` parser."""
    from .cli import command, scenario_args

    report = sub.add_parser(
        "report", help="write a one-page PDF report of a scenario",
        description="Scenario values, verdict, fan chart and sensitivity on one PDF page.")
    scenario_args(report)
    report.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="change one parameter, e.g. --set deals.reps=20 (repeatable)")
    report.add_argument("--pdf", metavar="FILE", required=True, help="the PDF to write")
    report.add_argument("--trials", type=int, help="futures to simulate (100 to 1,000,000)")
    report.add_argument("--seed", type=int, help="random seed")
    command("report")(_report)


def _report(args: argparse.Namespace) -> int:
    from .cli import UsageError, scenario_from_args
    from .model.engine import simulate

    scenario = scenario_from_args(args)
    changes = {k: v for k, v in (("trials", args.trials), ("seed", args.seed)) if v is not None}
    scenario = scenario.with_values(changes)
    try:
        from .gui.report import write_report
    except ImportError as e:
        raise UsageError(f"inches report: needs the desktop app's Qt libraries ({e})") from None

    def progress(fraction: float) -> None:
        print(f"\rsensitivity... {fraction:4.0%}", end="\n" if fraction >= 1 else "",
              file=sys.stderr, flush=True)

    result = simulate(scenario)
    write_report(args.pdf, result, progress=progress)
    print(f"wrote {args.pdf}")
    return 0
