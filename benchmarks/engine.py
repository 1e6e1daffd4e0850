"""Engine speed against the straightforward implementation, measured in the same process.

    python benchmarks/engine.py [--repeat 15] [--big]

Prints medians and ratios (never asserts wall-clock limits: machines here are shared):
  * straightforward: benchmarks/straightforward.py, one numpy call per draw per month;
  * engine, cold: a fresh Engine, so every base number is drawn (first run, new seed);
  * engine, both strategies: base numbers kept, a change that re-runs both strategies;
  * engine, one slider: a change to one strategy (what a slider move costs);
  * a plain per-trial Python loop at reduced trials, scaled to 10,000;
and checks the engine and the straightforward version agree statistically.
With --big, also a 1,000,000-trial run's time and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import straightforward  # noqa: E402

import inches  # noqa: E402

TRIALS, MONTHS = 10_000, 36


def timed(fn, repeat: int) -> float:
    times = []
    for i in range(repeat):
        t = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def agreement(s: inches.Scenario) -> list[str]:
    """z-scores of the engine's means against the straightforward version's, at the horizon."""
    r = inches.Engine().simulate(s, TRIALS, MONTHS, seed=11)
    ref = straightforward.simulate(s, TRIALS, MONTHS, seed=12)
    lines = []
    for label, mine, theirs in (
        ("community cumulative revenue", r.community.cumulative_revenue[:, -1],
         ref["c_revenue"].sum(axis=0)),
        ("community followers at horizon", r.community.followers[:, -1], ref["c_followers"][-1]),
        ("deals cumulative revenue", r.deals.cumulative_revenue[:, -1], ref["d_revenue"].sum(axis=0)),
        ("deals wins", r.deals.wins.sum(axis=1), ref["d_wins"].sum(axis=0)),
    ):
        se = np.sqrt(mine.var() / mine.size + theirs.var() / theirs.size)
        z = (mine.mean() - theirs.mean()) / se
        both = np.sort(np.concatenate([mine, theirs]))
        ks = np.max(np.abs(np.searchsorted(np.sort(mine), both, "right") / mine.size
                           - np.searchsorted(np.sort(theirs), both, "right") / theirs.size))
        crit = 1.36 * np.sqrt(2.0 / TRIALS)
        lines.append(f"  {label:32s} mean z = {z:+5.2f}   KS = {ks:.4f} (5% critical {crit:.4f})")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--big", action="store_true", help="also time a 1,000,000-trial run")
    args = ap.parse_args()
    s = inches.load_scenario("dell-2009")
    n = args.repeat

    base = timed(lambda i: straightforward.simulate(s, TRIALS, MONTHS, seed=i), n)
    cold = timed(lambda i: inches.Engine().simulate(s, TRIALS, MONTHS, seed=1), max(3, n // 3))
    engine = inches.Engine()
    engine.simulate(s, TRIALS, MONTHS, seed=1)
    both = timed(lambda i: engine.simulate(
        s.with_values({"community.staff": 19 + 0.01 * i, "deals.opportunities_per_rep": 1 + 0.001 * i}),
        TRIALS, MONTHS, seed=1), n)
    one = timed(lambda i: engine.simulate(
        s.with_values({"community.trust_months": 10 + 0.1 * i}), TRIALS, MONTHS, seed=1), n)
    loop_trials = 200
    loop = timed(lambda i: straightforward.simulate_loop(s, loop_trials, MONTHS, seed=i), 1)
    loop *= TRIALS / loop_trials

    print(f"Default scenario (dell-2009), {TRIALS:,} trials x {MONTHS} months, both strategies;"
          f" median of {n} runs")
    rows = [("straightforward numpy (baseline)", base),
            ("engine, cold (fresh engine)", cold),
            ("engine, both strategies re-run", both),
            ("engine, one slider (one strategy)", one),
            (f"per-trial Python loop ({loop_trials} trials, scaled)", loop)]
    for label, t in rows:
        print(f"  {label:44s} {t * 1e3:8.1f} ms   {base / t:6.2f} x baseline")
    print("Agreement, engine vs straightforward (different seeds; |z| < 3 and KS below "
          "critical mean statistically the same):")
    print("\n".join(agreement(s)))

    if args.big:
        t = time.perf_counter()
        inches.Engine().simulate(s, 1_000_000, MONTHS, seed=1)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        print(f"1,000,000 trials: {time.perf_counter() - t:.1f} s, peak memory {peak:.2f} GiB")
    print(f"ratio_both={base / both:.2f} ratio_one={base / one:.2f} ratio_cold={base / cold:.2f}")


if __name__ == "__main__":
    main()
