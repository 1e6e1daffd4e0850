"""The model written the plain way, as the yardstick for the engine's speed and results.

One numpy call per random draw per month over all trials, nothing cached, no approximations:
exact Poisson, binomial and gamma samplers, every deal drawn on its own. Kept beside the
benchmarks, never imported by the package.
"""

from __future__ import annotations

import numpy as np

from inches.model.scenario import Scenario


def simulate(scenario: Scenario, trials: int, months: int, seed: int) -> dict[str, np.ndarray]:
    """Cumulative revenue and net of both strategies, each shape (months, trials)."""
    rng = np.random.default_rng(seed)
    c = scenario.strategy_values("community")
    d = scenario.strategy_values("deals")
    n = trials
    out = {k: np.empty((months, n)) for k in ("c_revenue", "c_followers", "d_revenue", "d_wins")}

    f = np.zeros(n)
    trust = np.zeros(n)
    staff = c["staff"]
    aud = np.floor(c["audience"])
    for t in range(months):
        cover = np.minimum(1.0, staff * c["capacity_per_staff"] / np.maximum(f, 1.0))
        new = rng.poisson((staff * c["reach_per_staff"] + c["word_of_mouth"] * f) * (1 - f / aud))
        lost = rng.binomial(f.astype(np.int64), c["churn"])
        f = np.clip(f + new - lost, 0, aud)
        if c["trust_months"] > 0:
            trust = trust + (1 - trust) * (1 - np.exp(-cover / c["trust_months"]))
        else:
            trust = np.ones(n)
        k = rng.poisson(c["incidents_per_year"] / 12.0, size=n)
        trust = trust * (1 - c["incident_severity"] * (1 - c["response"] * cover)) ** k
        buyers = rng.poisson(c["conversion"] * trust * f)
        cv = c["order_value_cv"]
        if cv > 0:
            shape = buyers / cv**2
            rev = np.where(buyers > 0, rng.gamma(np.maximum(shape, 1e-300), c["order_value"] * cv**2), 0.0)
        else:
            rev = buyers * c["order_value"]
        out["c_revenue"][t] = rev
        out["c_followers"][t] = f

    p = np.zeros(n, dtype=np.int64)
    for t in range(months):
        ramp = 1.0 if d["ramp_months"] == 0 else min(1.0, (t + 1) / d["ramp_months"])
        p += rng.poisson(d["reps"] * d["opportunities_per_rep"] * ramp, size=n)
        closing = rng.binomial(p, 1.0 / d["cycle_months"])
        p -= closing
        won = rng.binomial(closing, d["win_rate"])
        sizes = rng.lognormal(np.log(d["deal_size"]), d["deal_size_spread"], size=int(won.sum()))
        out["d_revenue"][t] = np.bincount(np.repeat(np.arange(n), won), weights=sizes, minlength=n)
        out["d_wins"][t] = won
    return out


def simulate_loop(scenario: Scenario, trials: int, months: int, seed: int) -> np.ndarray:
    """A plain per-trial Python loop over months (community and deals revenue), for scale."""
    rng = np.random.default_rng(seed)
    c = scenario.strategy_values("community")
    d = scenario.strategy_values("deals")
    out = np.zeros((trials, 2))
    for i in range(trials):
        f = trust = 0.0
        staff = c["staff"]
        for t in range(months):
            cover = min(1.0, staff * c["capacity_per_staff"] / max(f, 1.0))
            new = rng.poisson((staff * c["reach_per_staff"] + c["word_of_mouth"] * f)
                              * (1 - f / c["audience"]))
            f = min(max(f + new - rng.binomial(int(f), c["churn"]), 0), c["audience"])
            trust += (1 - trust) * (1 - np.exp(-cover / c["trust_months"]))
            for _ in range(rng.poisson(c["incidents_per_year"] / 12)):
                trust *= 1 - c["incident_severity"] * (1 - c["response"] * cover)
            buyers = rng.poisson(c["conversion"] * trust * f)
            if buyers:
                cv = c["order_value_cv"]
                out[i, 0] += rng.gamma(buyers / cv**2, c["order_value"] * cv**2)
        p = 0
        for t in range(months):
            p += rng.poisson(d["reps"] * d["opportunities_per_rep"]
                             * min(1.0, (t + 1) / d["ramp_months"]))
            closing = rng.binomial(p, 1.0 / d["cycle_months"])
            p -= closing
            for _ in range(rng.binomial(closing, d["win_rate"])):
                out[i, 1] += rng.lognormal(np.log(d["deal_size"]), d["deal_size_spread"])
    return out
