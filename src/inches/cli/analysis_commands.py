"""Command-line sub-commands for the analyses: sensitivity, sweep, mix, calibrate and
value-of-information.

Each prints a plain-text table (or ``--json``), shows progress on stderr when a run takes more
than a second on a terminal, and reports every mistake as one sentence with exit status 2.
The analyses load only when a command runs.
"""

from __future__ import annotations

import argparse
import sys

from ..files.atomic import check_writable, write_atomic
from ..files.scenarios import save_scenario
from ..model.scenario import ScenarioError
from ..text import parse_integer
from .options import (
    Progress,
    UsageError,
    integer,
    number_option,
    print_json,
    run_options,
    scenario_from_args,
)

POOR_FIT_STATUS = 1  # a fit reported, but one that misses the points: scripts can tell
RANGES_TRIALS, WORTH_TRIALS = 10_000, 20_000  # futures: errors of a few % and a few $10K

# Below this many trial-runs (runs x trials) an analysis runs in this process: starting a
# process pool costs more than it saves (measured: a 25 x 25 map at 1,000 trials takes 1.8 s
# here and 1.4 s on a 2-process pool; a default sensitivity takes 0.5 s).
AUTO_POOL_TRIAL_RUNS = 500_000
SCHEDULER_HELP = ("where the runs go: auto (default: this process for small jobs, else a "
                  "process pool), serial, process, local (a Dask cluster on this machine) or "
                  "a Dask scheduler's address such as tcp://host:8786")


def add_parsers(sub) -> None:
    """Add this module's sub-commands to the ``inches`` parser."""
    _add_uncertainty_parsers(sub)
    _add_other_parsers(sub)


def _add_uncertainty_parsers(sub) -> None:
    """sensitivity (its tornado and its ranges mode) and value-of-information."""
    p = sub.add_parser("sensitivity", help="which parameter moves the verdict most (tornado)",
                       description="Move each parameter across its plausible range and report "
                       "the change in the median gap and in the chance inches is ahead; or, "
                       "with --mode ranges, each range's share of the spread of the gap.")
    p.add_argument("--mode", choices=("tornado", "ranges"), default="tornado",
                   help="tornado (default): one parameter at a time across its plausible "
                   "range; ranges: each range's share of the spread of the gap, and luck's, "
                   f"from the same futures (default {RANGES_TRIALS:,} futures)")
    _common(p, trials=2000, handler=_sensitivity)
    p.set_defaults(trials=None)

    p = sub.add_parser("value-of-information", help="what knowing each range is worth",
                       description="What it is worth, in dollars, to learn each ranged "
                       "parameter (and all of them) exactly before choosing between inches "
                       "and miles: the expected value of perfect (partial) information, with "
                       "its Monte Carlo error.")
    _common(p, trials=WORTH_TRIALS, handler=_value_of_information)


def _add_other_parsers(sub) -> None:
    """sweep, mix and calibrate."""
    p = sub.add_parser("sweep", help="map where inches is ahead over one or two parameters",
                       description="Run a grid over one or two parameters and report the chance "
                       "inches is ahead and the median gap at the horizon, per grid point.")
    p.add_argument("--x", required=True, metavar="KEY=LO:HI:N",
                   help="the across axis, e.g. deals.reps=6:24:25")
    p.add_argument("--y", metavar="KEY=LO:HI:N", help="the up axis, e.g. community.staff=10:40:25")
    p.add_argument("--csv", metavar="FILE", help="write one row per grid point as CSV")
    _common(p, trials=1000, handler=_sweep)

    p = sub.add_parser("mix", help="split one budget between community staff and reps",
                       description="Split one monthly budget between community staff and sales "
                       "reps, from all inches to all miles, and report each mix's risk.")
    p.add_argument("--steps", type=integer, default=11, help="mixes from all inches to all miles "
                   "(default 11: steps of 10%%)")
    p.add_argument("--budget", metavar="DOLLARS", help="$ a month (default: what the deals team "
                   "costs, reps x cost per rep)")
    _common(p, trials=2000, handler=_mix)

    p = sub.add_parser("calibrate", help="fit the community to observed cumulative revenue",
                       description="Fit community parameters so the median cumulative revenue "
                       "passes through observed points (least squares on relative errors).")
    p.add_argument("--point", action="append", default=[], metavar="MONTH:REVENUE",
                   help="an observed point, e.g. 18:1000000 (repeat; at least 2)")
    p.add_argument("--fit", action="append", metavar="KEY", help="a parameter to fit (repeat; "
                   "default trust-building time, conversion and word of mouth)")
    p.add_argument("--save", metavar="FILE", help="write the fitted scenario as a .toml file "
                   "(not for a poor fit, unless --force)")
    p.add_argument("--force", action="store_true", help="--save even a poor fit (typical "
                   "miss over 20%%)")
    run_options(p, trials=2000)
    p.set_defaults(handler=_calibrate)


def _common(p: argparse.ArgumentParser, trials: int, handler) -> None:
    run_options(p, trials=trials)
    p.add_argument("--scheduler", default="auto", metavar="WHERE", help=SCHEDULER_HELP)
    p.add_argument("--workers", type=integer, metavar="N", help="processes or Dask workers "
                   "(default one per CPU)")
    p.set_defaults(handler=handler)


def _run(args, label: str, fn, runs: int, **kwargs):
    """Call analysis ``fn`` with the executor ``--scheduler`` asks for and progress shown.

    Its errors come back as one sentence naming the command.
    """
    from ..analysis.executors import make_executor

    scheduler = getattr(args, "scheduler", "serial")
    if scheduler == "auto":
        scheduler = "serial" if runs * args.trials < AUTO_POOL_TRIAL_RUNS else "process"
    show = Progress(label)
    try:
        with make_executor(scheduler, getattr(args, "workers", None)) as executor:
            if hasattr(args, "scheduler"):
                kwargs["executor"] = executor
            return fn(progress=show, **kwargs)
    except ScenarioError as e:
        raise ScenarioError(f"inches {args.command}: {e}") from None
    finally:
        show.finish()


def _show(args: argparse.Namespace, result, written: str | None = None, what: str = "") -> int:
    """Print ``result`` as JSON (--json) or as its table, saying what file was written."""
    if args.json:
        print_json(result.to_dict())
    else:
        print(result.table())
        if written:
            print(f"\n{what} written to {written}")
    return 0


def _sensitivity(args: argparse.Namespace) -> int:
    from ..analysis.sensitivity import default_keys, sensitivity

    s = scenario_from_args(args)
    if args.mode == "ranges":
        from ..analysis.uncertain import SLICE
        from ..analysis.variance import variance_shares

        args.trials = RANGES_TRIALS if args.trials is None else args.trials
        result = _run(args, "sensitivity", variance_shares, -(-args.trials // SLICE),
                      scenario=s, trials=args.trials, months=args.months, seed=args.seed)
        return _show(args, result)
    args.trials = 2000 if args.trials is None else args.trials
    result = _run(args, "sensitivity", sensitivity, 2 * len(default_keys(s)) + 1, scenario=s,
                  trials=args.trials, months=args.months, seed=args.seed)
    return _show(args, result)


def _value_of_information(args: argparse.Namespace) -> int:
    from ..analysis.information import value_of_information
    from ..analysis.uncertain import SLICE

    s = scenario_from_args(args)
    result = _run(args, "value of information", value_of_information,
                  -(-args.trials // SLICE), scenario=s, trials=args.trials, months=args.months,
                  seed=args.seed)
    return _show(args, result)


def _sweep(args: argparse.Namespace) -> int:
    from ..analysis.sweep import strategy_map

    s = scenario_from_args(args, check=False)  # the map checks each of its cells
    x = _axis("--x", args.x)
    y = _axis("--y", args.y) if args.y else None
    if args.csv is not None:
        check_writable(args.csv)
    runs = x[3] * (y[3] if y else 1)
    result = _run(args, "sweep", strategy_map, runs, scenario=s, x=x, y=y, trials=args.trials,
                  months=args.months, seed=args.seed)
    if args.csv is not None:
        write_atomic(args.csv, result.to_csv())
    return _show(args, result, args.csv, "Grid")


def _mix(args: argparse.Namespace) -> int:
    from ..analysis.mix import budget_mix

    s = scenario_from_args(args, check=False)  # the mix sets staff and reps itself
    budget = None if args.budget is None else number_option(
        "--budget", args.budget, "--budget 300000", "inches mix")
    result = _run(args, "mix", budget_mix, args.steps, scenario=s, steps=args.steps,
                  budget=budget, trials=args.trials, months=args.months, seed=args.seed)
    return _show(args, result)


def _calibrate(args: argparse.Namespace) -> int:
    from ..analysis.calibrate import FIT_KEYS, calibrate

    if len(args.point) < 2:
        raise UsageError(f"inches calibrate: {len(args.point)} --point given; give at least 2, "
                         "e.g. --point 18:1000000 --point 24:3000000")
    points = [_point(item) for item in args.point]
    s = scenario_from_args(args, check=False)  # fitting staff switches equal_budget off
    if args.months is not None:
        s = s.with_values({"months": args.months})
    if args.save is not None:
        check_writable(args.save)
    result = _run(args, "calibrating", calibrate, 100, scenario=s, observed=points,
                  keys=tuple(args.fit or FIT_KEYS), trials=args.trials, seed=args.seed)
    saved = None
    if args.save is not None and (args.force or not result.poor_fit):
        save_scenario(result.scenario, args.save)
        saved = args.save
    _show(args, result, saved, "Fitted scenario")
    if result.poor_fit:
        unsaved = args.save is not None and saved is None
        print(result.poor_fit_text() + (f"; not saved to {args.save} (--force saves it anyway)"
                                        if unsaved else ""), file=sys.stderr)
        return POOR_FIT_STATUS
    return 0


def _point(item: str) -> tuple[int, float]:
    """``MONTH:REVENUE`` as (month, $), e.g. ``18:1e6``."""
    month, sep, revenue = item.partition(":")
    if not sep:
        raise UsageError(f"inches calibrate: --point {item!r} needs MONTH:REVENUE, "
                         "e.g. 18:1000000")
    try:
        m = parse_integer(month)
    except ValueError as e:
        raise UsageError(f"inches calibrate: --point {item}: month {e}; e.g. 18:1000000") \
            from None
    return m, number_option(f"--point {item}: revenue", revenue, "18:1000000",
                            "inches calibrate")


def _axis(option: str, text: str) -> tuple[str, float, float, int]:
    """``KEY=LO:HI:N`` as (key, lo, hi, n); the sweep checks the key and range."""
    key, sep, rest = text.partition("=")
    parts = rest.split(":")
    if not sep or len(parts) != 3:
        raise UsageError(f"inches sweep: {option} {text!r} needs KEY=LO:HI:N, "
                         "e.g. deals.reps=6:24:25")
    lo, hi = (number_option(f"{option} {text}:", v, "deals.reps=6:24:25", "inches sweep")
              for v in parts[:2])
    try:
        n = parse_integer(parts[2])
    except ValueError as e:
        raise UsageError(f"inches sweep: {option} {text}: N {e}; give a whole number of "
                         "points, e.g. deals.reps=6:24:25") from None
    return key.strip(), lo, hi, n
