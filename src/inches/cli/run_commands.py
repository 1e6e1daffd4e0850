"""``inches run``, ``inches presets`` and ``inches validate``."""

from __future__ import annotations

import argparse
import textwrap

from .. import text
from ..files.atomic import check_writable, write_atomic
from ..files.scenarios import read_scenario
from ..files.shipped import list_presets
from ..files.tables import bands_csv
from ..model.engine import simulate
from ..model.outcome import Result
from ..model.params import BY_KEY
from .options import Progress, print_json, run_options, run_scenario


def add_parsers(sub) -> None:
    """Add run, presets and validate to the ``inches`` parser."""
    run = sub.add_parser("run", help="simulate a scenario and print the verdict",
                         description="Simulate both strategies and print a summary.")
    run_options(run)
    run.add_argument("--csv", metavar="FILE", help="write the monthly bands as a CSV table")
    run.set_defaults(handler=_run)
    sub.add_parser("presets", help="list the shipped presets").set_defaults(handler=_presets)
    val = sub.add_parser("validate", help="check a scenario file")
    val.add_argument("file")
    val.set_defaults(handler=_validate)


def _run(args: argparse.Namespace) -> int:
    s = run_scenario(args)
    if args.csv is not None:
        check_writable(args.csv)  # now, not after the run
    show = Progress("simulating")
    result = simulate(s, progress=show)
    show.finish()
    if args.csv is not None:
        write_atomic(args.csv, bands_csv(result))
    if args.json:
        print_json(result.to_dict())
    else:
        print(summary_text(result))
        if args.csv is not None:
            print(f"\nMonthly bands written to {args.csv}")
    return 0


def summary_text(r: Result) -> str:
    """The human summary: verdict, medians, P5-P95, chance of loss, break-even."""
    c, d = r.community.summary, r.deals.summary
    money, pct = text.money, text.percent
    rows = [
        ("", text.LABEL["community"], text.LABEL["deals"]),
        ("Median cumulative net", money(c["cumulative_net_p50"]), money(d["cumulative_net_p50"])),
        ("P5 to P95", f"{money(c['cumulative_net_p5'])} to {money(c['cumulative_net_p95'])}",
         f"{money(d['cumulative_net_p5'])} to {money(d['cumulative_net_p95'])}"),
        ("Chance of loss", pct(c["prob_loss"]), pct(d["prob_loss"])),
        ("Typical break-even", text.month(c["break_even_month_p50"], "not in most futures"),
         text.month(d["break_even_month_p50"], "not in most futures")),
        ("Never break even", pct(c["never_break_even"]), pct(d["never_break_even"])),
        ("Worst 5% average", money(c["expected_shortfall_5"]), money(d["expected_shortfall_5"])),
    ]
    w0, w1, w2 = (max(len(row[i]) for row in rows) for i in range(3))
    lines = [f"{r.scenario.name}: {r.trials:,} futures over {r.months} months (seed {r.seed})",
             r.verdict() + ".", ""]
    lines += [f"{a:{w0}}  {b:>{w1}}  {c_:>{w2}}" for a, b, c_ in rows]
    if r.scenario.values["equal_budget"]:
        lines.append(f"\nSame money, two ways: community staff set to "
                     f"{r.scenario.community_staff():.1f} FTE"
                     f"{' at the likely values' if r.scenario.ranges else ''}.")
    if r.scenario.ranges:
        said = "; ".join(f"{BY_KEY[k].label.lower()} {text.param_value(BY_KEY[k], v)}"
                         for k, v in r.scenario.ranges.items())
        lines += [""] + textwrap.wrap(f"Ranges (each future draws its own value): {said}.", 92)
        lines += textwrap.wrap(r.spread().summary(), 92)
    return "\n".join(lines)


def _presets(args: argparse.Namespace) -> int:
    presets = list_presets()
    w = max(len(n) for n, _, _ in presets)
    for name, _title, desc in presets:
        print(f"{name:{w}}  {desc}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    s = read_scenario(args.file)
    n = len(s.changed())
    print(f"{args.file}: valid scenario {s.name!r} ({n} value{'s' if n != 1 else ''} differ "
          f"from the defaults)")
    return 0
