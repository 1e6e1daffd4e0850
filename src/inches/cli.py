"""The ``inches`` command line. Never imports Qt (the desktop app is loaded only when asked for).

Every error is one plain sentence on stderr with exit status 2; no traceback, ever.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import json
import sys
from collections.abc import Callable

from . import format as fmt
from .model.engine import Cancelled, simulate
from .model.params import BY_KEY, param
from .model.results import BAND_KEYS, Result
from .model.scenario import Scenario, ScenarioError
from .scenario.files import list_presets, load_scenario, read_scenario, write_atomic


class UsageError(Exception):
    """A mistake in how the command was called; the message is shown as it is."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one sentence, not the usage dump
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}
# Modules with more sub-commands: each has add_parsers(subparsers) (Qt-free at import).
EXTENSIONS = ("inches.analysis.commands", "inches.deck.commands", "inches.report_command")


def command(name: str):
    def register(fn):
        COMMANDS[name] = fn
        return fn
    return register


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="inches", description="Inches or miles? Monte Carlo futures of many small "
                "community wins against a few large deals. With no command, opens the app.")
    p.add_argument("--version", action="version", version="inches 0.1.0")
    p.add_argument("--screenshot", metavar="FILE", help="render the app window to a PNG and exit")
    p.add_argument("--size", default="1600x900", metavar="WxH", help="window size for --screenshot")
    p.add_argument("--present", metavar="DECK", nargs="?", const="",
                   help="start in presentation mode, on a deck if one is named")
    scenario_args(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = sub.add_parser("run", help="simulate a scenario and print the verdict",
                         description="Simulate both strategies and print a summary.")
    scenario_args(run)
    run.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                     help="change one parameter, e.g. --set deals.reps=20 (repeatable)")
    run.add_argument("--trials", type=int, help="futures to simulate (100 to 1,000,000)")
    run.add_argument("--months", type=int, help="horizon in months (6 to 120)")
    run.add_argument("--seed", type=int, help="random seed")
    run.add_argument("--json", action="store_true", help="print every reported figure as JSON")
    run.add_argument("--csv", metavar="FILE", help="write the monthly bands as a CSV table")

    sub.add_parser("presets", help="list the shipped presets")
    val = sub.add_parser("validate", help="check a scenario file")
    val.add_argument("file")
    for module in EXTENSIONS:  # each adds its sub-commands and registers them with @command
        importlib.import_module(module).add_parsers(sub)
    return p


def scenario_args(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--preset", metavar="NAME", help="a shipped preset (see: inches presets)")
    g.add_argument("--scenario", metavar="FILE", help="a scenario file (.toml)")


def main(argv: list[str]) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _open_app(args)
        return COMMANDS[args.command](args)
    except (UsageError, ScenarioError) as e:
        return _fail(str(e))
    except BrokenPipeError:  # output piped into head and the like
        sys.stdout = None
        return 0
    except KeyboardInterrupt:
        print("inches: interrupted", file=sys.stderr)
        return 130
    except OSError as e:
        return _fail(f"inches: {e.filename or ''}{': ' if e.filename else ''}{e.strerror or e}")
    except Exception as e:  # noqa: BLE001 - the promise is no traceback, ever
        return _fail(f"inches: unexpected error ({type(e).__name__}: {e}); please report it")


def _fail(message: str) -> int:
    print(message.rstrip("."), file=sys.stderr)
    return 2


def _open_app(args: argparse.Namespace) -> int:
    try:
        from .gui.app import run_app
    except ImportError as e:
        raise UsageError(f"inches: the desktop app cannot start ({e}); "
                         "the command-line tools work: see inches --help") from None
    return run_app(args)


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario named by --preset/--scenario (default dell-2009), with --set applied."""
    if getattr(args, "scenario", None):
        s = read_scenario(args.scenario)
    else:
        s = load_scenario(args.preset or "dell-2009")
    changes = {}
    for item in getattr(args, "set", []):
        key, sep, text = item.partition("=")
        if not sep:
            raise UsageError(f"inches run: --set {item!r} needs KEY=VALUE, e.g. deals.reps=20")
        try:
            p = param(key.strip())
        except KeyError:
            raise ScenarioError(f"--set {item}: unknown parameter {key.strip()!r}; "
                                f"known: {', '.join(BY_KEY)}") from None
        changes[p.key] = parse_value(p.key, text.strip(), f"--set {item}")
    return s.with_values(changes)


def parse_value(key: str, text: str, where: str) -> float | bool:
    """A typed value for ``key`` from text: numbers (1e6, 250_000), true/false/on/off."""
    p = BY_KEY[key]
    low = text.lower()
    if p.boolean:
        if low in ("true", "on", "yes", "1"):
            return True
        if low in ("false", "off", "no", "0"):
            return False
        raise ScenarioError(f"{where}: {text!r} is not true or false")
    try:
        return float(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise ScenarioError(f"{where}: {text!r} is not a number "
                            f"(allowed {p.range_text()})") from None


@command("run")
def _run(args: argparse.Namespace) -> int:
    s = scenario_from_args(args)
    changes = {k: v for k, v in (("trials", args.trials), ("months", args.months),
                                 ("seed", args.seed)) if v is not None}
    s = s.with_values(changes)
    show = _progress_printer() if s.trials >= 200_000 and sys.stderr.isatty() else None
    try:
        result = simulate(s, progress=show)
    except Cancelled:  # pragma: no cover - the CLI never cancels
        return 2
    if show:
        print(file=sys.stderr)
    if args.csv:
        write_atomic_csv(args.csv, result)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, indent=1, allow_nan=False)
        print()
    else:
        print(summary_text(result))
        if args.csv:
            print(f"\nMonthly bands written to {args.csv}")
    return 0


def _progress_printer():
    def show(fraction: float) -> None:
        print(f"\rsimulating... {fraction:4.0%}", end="", file=sys.stderr, flush=True)
    return show


def summary_text(r: Result) -> str:
    """The human summary: verdict, medians, P5-P95, chance of loss, break-even."""
    c, d = r.community.summary, r.deals.summary
    rows = [
        ("Median cumulative net", fmt.money(c["cumulative_net_p50"]),
         fmt.money(d["cumulative_net_p50"])),
        ("P5 to P95", f"{fmt.money(c['cumulative_net_p5'])} to {fmt.money(c['cumulative_net_p95'])}",
         f"{fmt.money(d['cumulative_net_p5'])} to {fmt.money(d['cumulative_net_p95'])}"),
        ("Chance of loss", fmt.percent(c["prob_loss"]), fmt.percent(d["prob_loss"])),
        ("Typical break-even", fmt.month(c["break_even_month_p50"], "not in most futures"),
         fmt.month(d["break_even_month_p50"], "not in most futures")),
        ("Never break even", fmt.percent(c["never_break_even"]),
         fmt.percent(d["never_break_even"])),
        ("Worst 5% average", fmt.money(c["expected_shortfall_5"]),
         fmt.money(d["expected_shortfall_5"])),
    ]
    rows.insert(0, ("", "Inches (community)", "Miles (deals)"))
    w0, w1, w2 = (max(len(row[i]) for row in rows) for i in range(3))
    lines = [f"{r.scenario.name}: {r.trials:,} futures over {r.months} months (seed {r.seed})",
             r.verdict() + ".", ""]
    lines += [f"{a:{w0}}  {b:>{w1}}  {c_:>{w2}}" for a, b, c_ in rows]
    if r.scenario.values["equal_budget"]:
        lines.append(f"\nSame money, two ways: community staff set to "
                     f"{r.scenario.community_staff():.1f} FTE.")
    return "\n".join(lines)


def bands_table(r: Result) -> str:
    """Monthly bands of both strategies as CSV text, one row per month."""
    cols = []
    for part in (r.community, r.deals):
        for q in part.quantities:
            if q == "halo" and not r.scenario.values["community.halo_per_follower"]:
                continue
            b = part.bands(q)
            cols += [(f"{part.name}.{q}.{k}", b[k]) for k in BAND_KEYS]
    cols.append(("prob_community_ahead", r.prob_community_ahead))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["month"] + [name for name, _ in cols])
    for m in range(r.months):
        w.writerow([m + 1] + [f"{float(v[m]):.6g}" for _, v in cols])
    return buf.getvalue()


def write_atomic_csv(path: str, r: Result) -> None:
    from pathlib import Path

    write_atomic(Path(path), bands_table(r))


@command("presets")
def _presets(args: argparse.Namespace) -> int:
    presets = list_presets()
    w = max(len(n) for n, _, _ in presets)
    for name, _title, desc in presets:
        print(f"{name:{w}}  {desc}")
    return 0


@command("validate")
def _validate(args: argparse.Namespace) -> int:
    s = read_scenario(args.file)
    n = len(s.changed())
    print(f"{args.file}: valid scenario {s.name!r} ({n} value{'s' if n != 1 else ''} differ "
          f"from the defaults)")
    return 0
