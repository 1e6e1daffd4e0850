"""``inches report --pdf FILE``: the one-page board report from the command line.

The page is drawn by the desktop app's code, imported only when the command runs.
"""

from __future__ import annotations

import argparse

from ..files.atomic import check_writable
from ..model.engine import simulate
from .options import Progress, UsageError, run_options, run_scenario


def add_parsers(sub) -> None:
    """Add ``inches report`` to the ``inches`` parser."""
    report = sub.add_parser(
        "report", help="write a one-page PDF report of a scenario",
        description="Scenario values, verdict, fan chart and sensitivity on one PDF page.")
    report.add_argument("--pdf", metavar="FILE", required=True, help="the PDF to write")
    run_options(report, months=False, json=False)
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    scenario = run_scenario(args)
    check_writable(args.pdf)  # now, not after the sensitivity runs
    try:
        from ..gui.board_report import write_report
    except ImportError as e:
        raise UsageError(f"inches report: needs the desktop app's Qt libraries ({e})") from None
    show = Progress("sensitivity")
    result = simulate(scenario)
    write_report(args.pdf, result, progress=show)
    show.finish()
    print(f"wrote {args.pdf}")
    return 0
