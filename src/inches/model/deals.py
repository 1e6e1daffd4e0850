"""Strategy B, deals ("miles"): reps ramp up, opportunities wait in a pipeline, a few close big.

Follows docs/model.md step by step. Counts are exact at the sizes seen here; every won deal's size
is drawn on its own (book.py). A ranged parameter arrives as one value per trial (an array of
shape (trials,)) where a plain one is a float; the plain path is left exactly as it was.
"""

from __future__ import annotations

import math

import numpy as np

from . import draws, threads
from .community import month_pieces, monthly_cost, rows, tiled
from .streams import CLOSINGS, OPPORTUNITIES, WINS, Streams


def simulate(v: dict[str, float], months: int, streams: Streams,
             into: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Run the deals strategy for ``months`` months over the trials of ``streams``.

    ``v`` holds the ``deals.*`` values by short name, shares already as fractions, each a
    float or one per trial. Returns arrays of shape (months, trials): ``revenue`` ($),
    ``pipeline`` (open opportunities at the end of the month) and ``wins`` (deals won), plus
    ``cost`` ($ a month: shape (months,), or (1, trials) when it differs between trials).
    ``into``: arrays to write ``pipeline`` and ``wins`` in (whole numbers: any float type
    holds them exactly), as :func:`.community.simulate`'s.
    """
    n = streams.n
    opportunities = _opportunities(v, months, streams)
    closings_base = streams.base(CLOSINGS, months)
    close_p = 1.0 / v["cycle_months"]
    pipeline, wins = (rows(into, k, (months, n), float, whole=True) for k in ("pipeline", "wins"))
    closed = np.empty((months, n))
    p = np.zeros(n)
    for t in range(months):
        threads.give_way()
        p += opportunities[t]
        closed[t] = draws.binomial(p, close_p, closings_base, t)
        p -= closed[t]
        pipeline[t] = p
    # Month t's wins depend only on its closings: drawn for many months at once (month_pieces),
    # each closing count at its own month's base number: the numbers a month-by-month draw gives.
    wins_base = streams.flat(WINS, months)
    for lo, hi in month_pieces(months, n):
        wins[lo:hi] = draws.binomial(closed[lo:hi].reshape(-1), tiled(v["win_rate"], hi - lo),
                                     wins_base, slice(lo * n, hi * n)).reshape(hi - lo, n)
    revenue = deal_revenue(wins, v["deal_size"], v["deal_size_spread"], streams)
    return {"revenue": revenue, "pipeline": pipeline, "wins": wins,
            "cost": monthly_cost(v["reps"] * v["rep_cost"], months)}


def _opportunities(v: dict[str, float], months: int, streams: Streams) -> np.ndarray:
    """New opportunities, shape (months, trials): the mean is the same for every trial,
    unless a ranged parameter gives each trial its own."""
    rate = v["reps"] * v["opportunities_per_rep"]
    ramp = v["ramp_months"]
    if np.ndim(rate) or np.ndim(ramp):
        return _opportunities_each(rate, ramp, months, streams)
    kept = streams.memo.get("opportunities")
    if kept is not None and kept[0] == (rate, ramp) and kept[1].shape[0] >= months:
        return kept[1]
    base = streams.base(OPPORTUNITIES, months)
    out = np.empty((months, streams.n))
    ramped = min(months, math.ceil(ramp))  # months with a lower rate; from here on ``rate``
    for t in range(ramped):
        out[t] = draws.poisson(rate * min(1.0, (t + 1) / ramp), base, t)
    if ramped < months:
        out[ramped:] = draws.poisson(rate, base, slice(ramped, months))
    streams.memo["opportunities"] = ((rate, ramp), out)
    return out


def _opportunities_each(rate, ramp, months: int, streams: Streams) -> np.ndarray:
    """New opportunities with a mean per trial (exact per-trial Poisson draws)."""
    base = streams.base(OPPORTUNITIES, months)
    ramp = np.broadcast_to(ramp, (streams.n,))
    ramped = ramp > 0.0
    out = np.empty((months, streams.n))
    for t in range(months):
        share = np.where(ramped, np.minimum(1.0, (t + 1) / np.where(ramped, ramp, 1.0)), 1.0)
        out[t] = draws.poisson(rate * share, base, t)
    return out


def deal_revenue(wins: np.ndarray, size, spread, streams: Streams) -> np.ndarray:
    """Revenue of every month's won deals, each deal's size drawn on its own.

    A trial's k-th won deal (over the whole horizon) has size ``size * exp(spread * z_k)``,
    z_k from the deal book (book.py), so more wins add deals without resizing earlier ones.
    ``size`` and ``spread`` are shared (floats) or one per trial (arrays).
    """
    if (np.ndim(spread) == 0 and spread == 0.0) or not wins.any():
        return np.multiply(wins, size, dtype=float)  # (wins may be single precision)
    return streams.book().revenue(wins, size, spread)
