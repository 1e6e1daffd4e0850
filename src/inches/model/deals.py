"""Strategy B, deals ("miles"): reps ramp up, opportunities wait in a pipeline, a few close big.

Follows docs/model.md step by step. Counts are exact at the sizes seen here; every won deal's size
is drawn on its own.
"""

from __future__ import annotations

import numpy as np

from . import draws
from .streams import CLOSINGS, OPPORTUNITIES, WINS, Streams

_STRIP_CELLS = 8_000_000  # deal-size normals held at once; more are streamed in strips


def simulate(v: dict[str, float], months: int, streams: Streams) -> dict[str, np.ndarray]:
    """Run the deals strategy for ``months`` months over the trials of ``streams``.

    ``v`` holds the ``deals.*`` values by short name, shares already as fractions. Returns
    arrays of shape (months, trials): ``revenue`` ($), ``pipeline`` (open opportunities at the
    end of the month) and ``wins`` (deals won), plus ``cost`` ($ a month, shape (months,)).
    """
    n = streams.n
    opportunities = _opportunities(v, months, streams)
    closings_base = streams.base(CLOSINGS, months)
    wins_base = streams.base(WINS, months)
    close_p = 1.0 / v["cycle_months"]
    pipeline = np.empty((months, n))
    wins = np.empty((months, n))
    p = np.zeros(n)
    for t in range(months):
        p += opportunities[t]
        closing = draws.binomial(p, close_p, closings_base, t)
        p -= closing
        pipeline[t] = p
        wins[t] = draws.binomial(closing, v["win_rate"], wins_base, t)
    revenue = deal_revenue(wins, v["deal_size"], v["deal_size_spread"], streams)
    cost = np.full(months, v["reps"] * v["rep_cost"])
    return {"revenue": revenue, "pipeline": pipeline, "wins": wins, "cost": cost}


def _opportunities(v: dict[str, float], months: int, streams: Streams) -> np.ndarray:
    """New opportunities, shape (months, trials): the mean is the same for every trial."""
    rate = v["reps"] * v["opportunities_per_rep"]
    ramp = v["ramp_months"]
    kept = streams.memo.get("opportunities")
    if kept is not None and kept[0] == (rate, ramp) and kept[1].shape[0] >= months:
        return kept[1]
    base = streams.base(OPPORTUNITIES, months)
    out = np.empty((months, streams.n))
    for t in range(months):
        out[t] = draws.poisson(rate * min(1.0, (t + 1) / ramp) if ramp > 0 else rate, base, t)
    streams.memo["opportunities"] = ((rate, ramp), out)
    return out


def deal_revenue(wins: np.ndarray, size: float, spread: float, streams: Streams) -> np.ndarray:
    """Revenue of every month's won deals, each deal's size drawn on its own.

    A trial's k-th won deal (over the whole horizon) has size ``size * exp(spread * z_k)`` with
    z_k from the deal-size stream, so more wins add deals without resizing earlier ones.
    Revenue is a difference of prefix sums over each trial's deals.
    """
    months, n = wins.shape
    if spread == 0.0:
        return wins * size
    counts = np.zeros((months + 1, n), dtype=np.intp)  # deals won before each month ends
    counts[1:] = np.cumsum(wins, axis=0)
    total = int(counts[-1].max())
    out = np.zeros((months, n))
    if total == 0:
        return out
    for lo, hi, sums in _prefix_sums(streams, spread, total):
        at = np.clip(counts - lo, 0, hi - lo) if lo or hi < total else counts
        at += np.arange(n) * sums.shape[1]
        out += np.diff(sums.ravel()[at], axis=0)
    out *= size
    return out


def _prefix_sums(streams: Streams, spread: float, total: int):
    """Yield (lo, hi, prefix sums of deal sizes lo..hi-1, trial by trial: shape (n, hi-lo+1)).

    Small books are kept (per spread) for the next slider move; large ones stream in strips.
    """
    n = streams.n
    kept = streams.memo.get("deal_sums")
    if kept is not None and kept[0] == spread and kept[1].shape[1] > total:
        yield 0, total, kept[1]
        return
    if total * n <= _STRIP_CELLS:
        sums = _sums(streams.deal_normals(total), spread)
        streams.memo["deal_sums"] = (spread, sums)
        yield 0, total, sums
        return
    strip = max(1, _STRIP_CELLS // n)
    for lo, z in streams.deal_normal_strips(total, strip):
        yield lo, lo + z.shape[0], _sums(z, spread)


def _sums(z: np.ndarray, spread: float) -> np.ndarray:
    """Prefix sums of exp(spread z) along each trial's deals; z is (deals, n), out (n, deals+1)."""
    sums = np.zeros((z.shape[1], z.shape[0] + 1))
    np.cumsum(np.exp(spread * z.T), axis=1, out=sums[:, 1:])
    return sums
