"""Strategy A, the community ("inches"): followers, trust, incidents and many small orders.

Follows docs/model.md step by step; every random component reads its own base numbers. A
ranged parameter arrives as one value per trial (an array of shape (trials,)) where a plain one
is a float; the arithmetic broadcasts, and the plain path is left exactly as it was.
"""

from __future__ import annotations

import numpy as np

from . import draws, threads
from .streams import ARRIVALS, BUYERS, CHURN, INCIDENTS, ORDERS, Streams

PIECE = 400_000  # numbers in one piece of a draw made for every month at once (month_pieces)


def simulate(v: dict[str, float], months: int, streams: Streams,
             into: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Run the community for ``months`` months over the trials of ``streams``.

    ``v`` holds the ``community.*`` values by short name, shares already as fractions, each a
    float or one per trial. Returns arrays of shape (months, trials): ``revenue`` ($),
    ``followers`` (people) and ``trust`` (0-1), plus ``cost`` ($ a month: shape (months,), or
    (1, trials) when it differs from trial to trial). ``into``: arrays of that shape to write
    them in (a large run's own, see engine.py), by name; the others are made here.
    """
    n = streams.n
    staff = v["staff"]
    audience = _single(np.floor(v["audience"]))
    outreach = _single(staff * v["reach_per_staff"])
    capacity = _single(staff * v["capacity_per_staff"])
    wom, churn, tm = _single(v["word_of_mouth"]), v["churn"], _single(v["trust_months"])
    severity, response = _single(v["incident_severity"]), _single(v["response"])
    conversion = _single(v["conversion"])
    arrivals = streams.base(ARRIVALS, months)
    churned = streams.base(CHURN, months)
    incidents = _incidents(v["incidents_per_year"] / 12.0, streams, months)

    followers, trust = (rows(into, k, (months, n), np.float32) for k in ("followers", "trust"))
    buying = np.empty((months, n), np.float32)  # each month's mean number of buyers
    f = np.zeros(n, np.float32)
    tr = np.zeros(n, np.float32)
    for t in range(months):
        threads.give_way()
        coverage = np.minimum(1.0, capacity / np.maximum(f, 1.0))
        lam = (outreach + wom * f) * (1.0 - f / audience)
        new = draws.poisson(lam, arrivals, t)
        lost = draws.binomial(f, churn, churned, t)
        f += new
        f -= lost
        np.clip(f, 0.0, audience, out=f)
        _grow(tr, coverage, tm)
        hit = incidents[t]
        if hit is not None:
            idx, count = hit
            tr[idx] *= (1.0 - _at(severity, idx) * (1.0 - _at(response, idx) * coverage[idx])
                        ) ** count
        np.multiply(conversion * tr, f, out=buying[t])
        followers[t] = f
        trust[t] = tr
    return {"revenue": _orders(buying, v, streams, rows(into, "revenue", (months, n),
                                                        np.float32)),
            "followers": followers, "trust": trust,
            "cost": monthly_cost(staff * v["staff_cost"], months)}


def _orders(buying: np.ndarray, v: dict, streams: Streams, revenue: np.ndarray) -> np.ndarray:
    """Each month's orders' value into ``revenue``, from its mean number of buyers ``buying``
    (months, trials). Buyers and their orders feed nothing back into followers or trust: they
    are drawn for many months at once (:func:`month_pieces`), each month at its own base
    numbers (the numbers a month-by-month draw gives), in a few calls instead of two a month."""
    months, n = buying.shape
    buyers_base, orders = streams.flat(BUYERS, months), streams.flat(ORDERS, months)
    for lo, hi in month_pieces(months, n):
        at = slice(lo * n, hi * n)
        buyers = draws.poisson(buying[lo:hi].reshape(-1), buyers_base, at)
        revenue[lo:hi] = draws.gamma_sum(buyers, tiled(v["order_value"], hi - lo),
                                         tiled(v["order_value_cv"], hi - lo), orders,
                                         at).reshape(hi - lo, n)
    return revenue


def monthly_cost(per_month, months: int) -> np.ndarray:
    """A strategy's cost each month: shape (months,) when every trial pays the same, else
    (1, trials), the same each month (a ranged cost or team)."""
    if np.ndim(per_month):
        return np.asarray(per_month, float)[None, :]
    return np.full(months, per_month)


def rows(into: dict[str, np.ndarray] | None, key: str, shape: tuple[int, int], dtype,
         whole: bool = False) -> np.ndarray:
    """``into[key]``, the array an output is written in, if it has type ``dtype`` (or any float
    type, for ``whole`` numbers, which every one holds exactly); else a new array."""
    a = into.get(key) if into else None
    if a is not None and (a.dtype == dtype or whole):
        return a
    return np.empty(shape, dtype)


def _single(x):
    """A per-trial value in single precision, as the community's state is (a float stays a
    float: numpy rounds it to single precision where it meets the state)."""
    return np.asarray(x, np.float32) if np.ndim(x) else float(x)


def month_pieces(months: int, n: int):
    """(first, end) months of the pieces a draw for every month at once is made in: at most
    :data:`PIECE` numbers each, so a long horizon's temporaries are no larger than the
    default horizon's, whose memory the process already has (fresh pages cost more than the
    arithmetic here, docs/model.md)."""
    step = max(1, PIECE // max(n, 1))
    return [(lo, min(months, lo + step)) for lo in range(0, months, step)]


def tiled(x, months: int):
    """A per-trial value repeated for each of ``months`` months, to match a draw made for
    every month at once (months first, as the flattened (months, trials) arrays); a float
    stays a float."""
    return np.tile(x, months) if np.ndim(x) else x


def _at(x, idx):
    return x[idx] if np.ndim(x) else x


def _grow(tr: np.ndarray, coverage: np.ndarray, tm) -> None:
    """Trust growth with this month's coverage, in place; a trust-building time of 0 sets
    trust to 1. ``tm`` is shared (a float) or one per trial."""
    if not np.ndim(tm):
        if tm > 0.0:
            tr += (1.0 - tr) * -np.expm1(-coverage / tm)
        else:
            tr.fill(1.0)
        return
    slow = tm > 0.0
    tr += (1.0 - tr) * -np.expm1(-coverage / np.where(slow, tm, np.float32(1.0)))
    tr[~slow] = 1.0


def _incidents(lam, streams: Streams, months: int) -> list:
    """Per month, None or (trials hit, number of incidents): incidents are rare. ``lam`` is
    the monthly rate, shared by every trial or one per trial (then drawn month by month)."""
    if np.ndim(lam):
        base = streams.base(INCIDENTS, months)
        return [_hits(draws.poisson(lam, base, t)) for t in range(months)]
    if lam <= 0.0:
        return [None] * months
    kept = streams.memo.get("incidents")
    if kept is not None and kept[0] == lam and len(kept[1]) >= months:
        return kept[1]
    hit, counts = draws.poisson_nonzero(lam, streams.base(INCIDENTS, months), months)
    month, trial = np.divmod(hit, streams.n)
    ends = np.searchsorted(month, np.arange(months + 1)).tolist()
    out = [(trial[a:b], counts[a:b]) if b > a else None for a, b in zip(ends, ends[1:])]
    streams.memo["incidents"] = (lam, out)
    return out


def _hits(row: np.ndarray):
    idx = np.flatnonzero(row)
    return (idx, row[idx]) if idx.size else None
