"""Large runs: bounded memory for a million trials, progress reports and cancelling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

import inches

BASE = inches.load_scenario("dell-2009")

MILLION_RUN = textwrap.dedent("""
    import json, resource, sys
    import inches
    r = inches.simulate(inches.load_scenario("dell-2009"), trials=1_000_000, months=36, seed=1)
    d = r.to_dict()
    text = json.dumps(d, allow_nan=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_bytes = peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB
    try:  # Linux: this process's own peak; ru_maxrss also counts the parent it was forked from
        with open("/proc/self/status") as f:
            peak_bytes = next(int(x.split()[1]) * 1024 for x in f if x.startswith("VmHWM:"))
    except (OSError, StopIteration):
        pass
    print(json.dumps({"peak_bytes": peak_bytes, "trials": d["trials"], "months": d["months"],
                      "p50": d["community"]["cumulative_revenue"]["p50"],
                      "summary": d["community"]["summary"]}))
""")


@pytest.mark.slow
def test_million_trial_run_stays_under_one_and_a_half_gib():
    """A 1,000,000-trial, 36-month run peaks below 1.5 GiB of resident memory and reports fully."""
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-c", MILLION_RUN], capture_output=True, text=True,
                          timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["peak_bytes"] < 1.5 * 2**30, f"peak RSS {out['peak_bytes'] / 2**30:.2f} GiB"
    assert (out["trials"], out["months"]) == (1_000_000, 36)
    assert len(out["p50"]) == 36 and np.all(np.diff(out["p50"]) >= 0)
    # A million futures must agree with 10,000 on the median to within a few percent.
    small = inches.Engine().simulate(BASE, 10_000, 36, 1)
    ref = small.community.bands("cumulative_revenue")["p50"]
    np.testing.assert_allclose(out["p50"][17:], ref[17:], rtol=0.03)


def test_progress_increases_to_one():
    """Progress reports arrive in non-decreasing order, one per chunk, and end at exactly 1.0."""
    calls: list[float] = []
    inches.Engine().simulate(BASE, 30_000, 12, 3, progress=calls.append)
    assert calls, "no progress reported"
    assert all(0.0 < c <= 1.0 for c in calls), calls
    assert all(b >= a for a, b in zip(calls, calls[1:])), calls
    assert calls[-1] == 1.0
    # 3 chunks of 10,000 trials for each of two strategies: six distinct steps
    assert len(set(calls)) == 6, calls


def test_progress_of_a_cached_run_still_ends_at_one():
    """A run answered from the engine's cache still reports completion (1.0)."""
    engine = inches.Engine()
    engine.simulate(BASE, 2_000, 12, 3)
    calls: list[float] = []
    engine.simulate(BASE, 2_000, 12, 3, progress=calls.append)
    assert calls and calls[-1] == 1.0


def test_cancel_stops_promptly():
    """A cancel callback returning True after the first progress report raises Cancelled at once."""
    calls: list[float] = []
    engine = inches.Engine()
    start = time.perf_counter()
    with pytest.raises(inches.Cancelled):
        engine.simulate(BASE, 200_000, 36, 3, progress=calls.append, cancel=lambda: bool(calls))
    elapsed = time.perf_counter() - start
    # stopped at the first chunk boundary: one report (1 of 2 x 4 chunks of 50,000), well under
    # the seconds a full 200,000-trial run takes
    assert calls == [1 / 8], calls
    assert elapsed < 2.0, f"cancel took {elapsed:.2f} s"
    # the engine is still sound afterwards
    after = engine.simulate(BASE, 1_000, 12, 3)
    fresh = inches.Engine().simulate(BASE, 1_000, 12, 3)
    np.testing.assert_array_equal(after.community.revenue, fresh.community.revenue)
    np.testing.assert_array_equal(after.deals.revenue, fresh.deals.revenue)


def test_cancel_before_start_reports_nothing():
    """A cancel callback that is already True stops the run before any work or progress."""
    calls: list[float] = []
    with pytest.raises(inches.Cancelled):
        inches.Engine().simulate(BASE, 50_000, 36, 3, progress=calls.append, cancel=lambda: True)
    assert calls == []
