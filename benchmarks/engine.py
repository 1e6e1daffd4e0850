"""Engine speed against the straightforward implementation, measured in the same process.

    python benchmarks/engine.py [--repeat 15] [--big]

Prints medians and ratios (never asserts wall-clock limits: machines here are shared; the
baseline and the fresh-seed runs are timed in turns, so a busy spell weighs on all alike):
  * straightforward: benchmarks/straightforward.py, one numpy call per draw per month;
  * engine, fresh seed: a fresh Engine and a seed never used before, so nothing is cached;
  * engine, fresh seed with 200 reps: the same with the largest book of deals the sliders allow;
  * engine, fresh seed with five ranges: staff cost, conversion, trust-building time, win rate
    and deal size drawn per trial (the dell-2009-uncertain preset's ranges);
  * engine, both strategies: base numbers kept, a change that re-runs both strategies;
  * engine, one slider: a change to one strategy (what a slider move costs), and reps moves;
  * bands: every percentile band of one strategy, derived arrays included;
  * a plain per-trial Python loop at reduced trials, scaled to 10,000;
and checks the engine and the straightforward version agree statistically.
With --big, also 1,000,000 trials x 36 months against the straightforward version on the same
count (run as ten runs of 100,000, which keeps its memory small), the engine's peak memory,
and 1,000,000 trials x 120 months in a child process (its own time and peak memory).

The last line is machine-readable:
  ratio_fresh=.. ratio_one=.. ratio_200reps=.. ratio_million=.. peak_gib=.. (and older keys)
ratio_fresh, ratio_one and ratio_million are straightforward time / engine time (higher is
better); ratio_200reps is the 200-rep fresh run's time / the default fresh run's, and
ratio_ranges the five-range fresh run's / the default fresh run's (lower is better; the issue
asks for at most 2); peak_gib is the resident peak of the million-trial run (nan without --big).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import straightforward  # noqa: E402

import inches  # noqa: E402

TRIALS, MONTHS = 10_000, 36
FIVE_RANGES = ("community.staff_cost", "community.conversion", "community.trust_months",
               "deals.win_rate", "deals.deal_size")

HUGE_RUN = """
import json, resource, time
import inches
s = inches.load_scenario("dell-2009")
t = time.perf_counter()
inches.Engine().simulate(s, 1_000_000, 120, seed=5)
hwm = [x for x in open("/proc/self/status") if x.startswith("VmHWM:")]  # not the parent's
print(json.dumps({"seconds": time.perf_counter() - t,
                  "peak_gib": int(hwm[0].split()[1]) / 2**20 if hwm else
                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20}))
"""


def timed(fn, repeat: int) -> float:
    times = []
    for i in range(repeat):
        t = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def interleaved(fns: dict, repeat: int) -> dict[str, float]:
    """Median time of each of ``fns``, run in turns (one of each per round, the order rotating)
    so that a busy spell on a shared machine weighs on every one of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for i in range(repeat):
        for name in names[i % len(names):] + names[: i % len(names)]:
            t = time.perf_counter()
            fns[name](i)
            times[name].append(time.perf_counter() - t)
    return {name: statistics.median(ts) for name, ts in times.items()}


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


def band_time(s: inches.Scenario, repeat: int) -> dict[str, float]:
    """Median time to compute every band of each strategy of a fresh 10,000 x 36 result."""
    r = inches.Engine().simulate(s, TRIALS, MONTHS, seed=3)
    out = {}
    for part in (r.community, r.deals):
        raw = {k: v for k, v in part._data.items()
               if k in ("revenue", "cost", "followers", "trust", "pipeline", "wins")}

        def all_bands(i, part=part, raw=raw):
            fresh = type(part)(part.name, dict(raw), s)
            for key in fresh.quantities:
                fresh.bands(key)

        out[part.name] = timed(all_bands, repeat)
    return out


def peak_gib(reset: bool = False) -> float:
    """This process's resident peak (GiB); ``reset`` starts a new peak where Linux allows it."""
    try:
        if reset:
            Path("/proc/self/clear_refs").write_text("5")
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def big(s: inches.Scenario) -> tuple[float, float, float]:
    """(straightforward / engine time at 1,000,000 x 36, engine seconds, engine peak GiB)."""
    peak_gib(reset=True)
    t = time.perf_counter()
    inches.Engine().simulate(s, 1_000_000, MONTHS, seed=1)
    engine = time.perf_counter() - t
    peak = peak_gib()
    t = time.perf_counter()
    for i in range(10):
        straightforward.simulate(s, 100_000, MONTHS, seed=100 + i)
    plain = time.perf_counter() - t
    print(f"1,000,000 trials x {MONTHS} months: engine {engine:.1f} s, straightforward "
          f"{plain:.1f} s (10 x 100,000): {plain / engine:.2f} x; engine peak memory "
          f"{peak:.2f} GiB")
    proc = subprocess.run([sys.executable, "-c", HUGE_RUN], capture_output=True, text=True)
    if proc.returncode == 0:
        huge = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"1,000,000 trials x 120 months (child process): {huge['seconds']:.1f} s, "
              f"peak memory {huge['peak_gib']:.2f} GiB")
    else:
        print("1,000,000 trials x 120 months failed:", proc.stderr.strip().splitlines()[-1:])
    return plain / engine, engine, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--big", action="store_true", help="also time 1,000,000-trial runs")
    args = ap.parse_args()
    s = inches.load_scenario("dell-2009")
    s200 = s.with_values({"deals.reps": 200})
    ranged = inches.load_scenario("dell-2009-uncertain").ranges
    s5 = s.with_values({k: ranged[k] for k in FIVE_RANGES})
    n = args.repeat
    inches.Engine().simulate(s, TRIALS, MONTHS, seed=0)  # tables and imports, once
    inches.Engine().simulate(s200, TRIALS, MONTHS, seed=0)
    inches.Engine().simulate(s5, TRIALS, MONTHS, seed=0)

    base, fresh, reps200, five = interleaved({
        "base": lambda i: straightforward.simulate(s, TRIALS, MONTHS, seed=i),
        "fresh": lambda i: inches.Engine().simulate(s, TRIALS, MONTHS, seed=1000 + i),
        "reps200": lambda i: inches.Engine().simulate(s200, TRIALS, MONTHS, seed=2000 + i),
        "five": lambda i: inches.Engine().simulate(s5, TRIALS, MONTHS, seed=3000 + i),
    }, n).values()
    cold = timed(lambda i: inches.Engine().simulate(s, TRIALS, MONTHS, seed=1), max(3, n // 3))
    engine = inches.Engine()
    engine.simulate(s, TRIALS, MONTHS, seed=1)
    both = timed(lambda i: engine.simulate(
        s.with_values({"community.staff": 19 + 0.01 * i, "deals.opportunities_per_rep": 1 + 0.001 * i}),
        TRIALS, MONTHS, seed=1), n)
    one = timed(lambda i: engine.simulate(
        s.with_values({"community.trust_months": 10 + 0.1 * i}), TRIALS, MONTHS, seed=1), n)
    reps = timed(lambda i: engine.simulate(  # each move a larger book than any before
        s.with_values({"deals.reps": 60 + 4 * i}), TRIALS, MONTHS, seed=1), n)
    bands = band_time(s, n)
    loop_trials = 200
    loop = timed(lambda i: straightforward.simulate_loop(s, loop_trials, MONTHS, seed=i), 1)
    loop *= TRIALS / loop_trials

    print(f"Default scenario (dell-2009), {TRIALS:,} trials x {MONTHS} months, both strategies;"
          f" median of {n} runs")
    rows = [("straightforward numpy (baseline)", base),
            ("engine, fresh seed (nothing cached)", fresh),
            ("engine, fresh seed, 200 reps", reps200),
            ("engine, fresh seed, five ranges", five),
            ("engine, cold (fresh engine, same seed)", cold),
            ("engine, both strategies re-run", both),
            ("engine, one slider (one strategy)", one),
            ("engine, reps slider, upward from 60", reps),
            ("bands of every quantity, community", bands["community"]),
            ("bands of every quantity, deals", bands["deals"]),
            (f"per-trial Python loop ({loop_trials} trials, scaled)", loop)]
    for label, t in rows:
        print(f"  {label:44s} {t * 1e3:8.1f} ms   {base / t:6.2f} x baseline")
    print(f"  200 reps cost {reps200 / fresh:.2f} x the default (fresh seeds)")
    print(f"  five ranges cost {five / fresh:.2f} x the plain run (fresh seeds)")
    print("Agreement, engine vs straightforward (different seeds; |z| < 3 and KS below "
          "critical mean statistically the same):")
    print("\n".join(agreement(s)))

    million, peak = float("nan"), float("nan")
    if args.big:
        million, _, peak = big(s)
    print(f"ratio_fresh={base / fresh:.2f} ratio_one={base / one:.2f} "
          f"ratio_200reps={reps200 / fresh:.2f} ratio_million={million:.2f} peak_gib={peak:.2f} "
          f"ratio_both={base / both:.2f} ratio_cold={base / cold:.2f} "
          f"ratio_ranges={five / fresh:.2f}")


if __name__ == "__main__":
    main()
