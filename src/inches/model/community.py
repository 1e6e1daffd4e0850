"""Strategy A, the community ("inches"): followers, trust, incidents and many small orders.

Follows docs/model.md step by step; every random component reads its own base numbers.
"""

from __future__ import annotations

import numpy as np

from . import draws
from .streams import ARRIVALS, BUYERS, CHURN, INCIDENTS, ORDERS, Streams


def simulate(v: dict[str, float], months: int, streams: Streams) -> dict[str, np.ndarray]:
    """Run the community for ``months`` months over the trials of ``streams``.

    ``v`` holds the ``community.*`` values by short name, shares already as fractions.
    Returns arrays of shape (months, trials): ``revenue`` ($), ``followers`` (people) and
    ``trust`` (0-1), plus ``cost`` ($ a month, shape (months,)).
    """
    n = streams.n
    staff = v["staff"]
    audience = float(np.floor(v["audience"]))
    outreach = staff * v["reach_per_staff"]
    capacity = staff * v["capacity_per_staff"]
    wom, churn, tm = v["word_of_mouth"], v["churn"], v["trust_months"]
    severity, response = v["incident_severity"], v["response"]
    arrivals = streams.base(ARRIVALS, months)
    churned = streams.base(CHURN, months)
    buyers_base = streams.base(BUYERS, months)
    orders = streams.base(ORDERS, months)
    incidents = _incidents(v["incidents_per_year"] / 12.0, streams, months)

    followers = np.empty((months, n), np.float32)
    trust = np.empty((months, n), np.float32)
    revenue = np.empty((months, n), np.float32)
    f = np.zeros(n, np.float32)
    tr = np.zeros(n, np.float32)
    for t in range(months):
        coverage = np.minimum(1.0, capacity / np.maximum(f, 1.0))
        lam = (outreach + wom * f) * (1.0 - f / audience)
        new = draws.poisson(lam, arrivals, t)
        lost = draws.binomial(f, churn, churned, t)
        f += new
        f -= lost
        np.clip(f, 0.0, audience, out=f)
        if tm > 0.0:
            tr += (1.0 - tr) * -np.expm1(-coverage / tm)
        else:
            tr.fill(1.0)
        hit = incidents[t]
        if hit is not None:
            idx, count = hit
            tr[idx] *= (1.0 - severity * (1.0 - response * coverage[idx])) ** count
        buyers = draws.poisson(v["conversion"] * tr * f, buyers_base, t)
        revenue[t] = draws.gamma_sum(buyers, v["order_value"], v["order_value_cv"], orders, t)
        followers[t] = f
        trust[t] = tr
    cost = np.full(months, staff * v["staff_cost"])
    return {"revenue": revenue, "followers": followers, "trust": trust, "cost": cost}


def _incidents(lam: float, streams: Streams, months: int) -> list:
    """Per month, None or (trials hit, number of incidents): incidents are rare."""
    if lam <= 0.0:
        return [None] * months
    kept = streams.memo.get("incidents")
    if kept is not None and kept[0] == lam and len(kept[1]) >= months:
        return kept[1]
    counts = draws.poisson(lam, streams.base(INCIDENTS, months), slice(0, months))
    out: list = []
    for row in counts:
        idx = np.flatnonzero(row)
        out.append((idx, row[idx]) if idx.size else None)
    streams.memo["incidents"] = (lam, out)
    return out
