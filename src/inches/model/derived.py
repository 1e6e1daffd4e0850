"""Net, cumulative net and halo from what the strategies simulate (docs/model.md, section 4).

Most derived quantities are a non-decreasing map of one simulated quantity, element by
element: net = ((revenue x margin) - cost) x discount, halo = followers x halo per follower,
and, without discounting, cumulative net = (cumulative revenue x margin) - cumulative cost.
Such a map carries order statistics over exactly, so their bands need no partition of their own.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .params import model_value


def running_sum(a: np.ndarray, dtype=None, out: np.ndarray | None = None) -> np.ndarray:
    """``np.cumsum(a, axis=0, dtype=dtype, out=out)``, the same additions in the same order,
    row after row: for a C-ordered (months, trials) array numpy's own walks each column in
    turn and is about twenty times slower. ``out`` may be ``a`` itself."""
    if out is None:
        out = np.array(a, dtype=dtype or a.dtype)
    elif out is not a:
        out[...] = a
    for t in range(1, out.shape[0]):
        np.add(out[t - 1], out[t], out=out[t])
    return out


def margin(name: str, values: Mapping[str, float]) -> float:
    """The share of revenue that counts in net: gross margin (x incremental share, community)."""
    m = model_value(f"{name}.gross_margin", values[f"{name}.gross_margin"])
    if name == "community":
        m *= model_value("community.incremental_share", values["community.incremental_share"])
    return m


def discount(values: Mapping[str, float], months: int) -> np.ndarray | None:
    """Month t's discount factor (1 + r)^(-t/12), t = 1 .. months, or None without a rate."""
    rate = model_value("discount_rate", values["discount_rate"])
    return (1.0 + rate) ** (-np.arange(1, months + 1) / 12.0) if rate else None


def affine(name: str, key: str, values: Mapping[str, float], cost: np.ndarray) -> tuple | None:
    """(source, m, c, d) when ``key`` is ((source x m) - c) x d element by element, else None.

    m >= 0, and c and d are one per month (or None) with d > 0, so the map never decreases.
    """
    halo_in = name == "community" and values["include_halo"]
    if key == "halo":
        return ("followers", values["community.halo_per_follower"], None, None)
    if key == "net" and not halo_in:
        return ("revenue", margin(name, values), cost, discount(values, cost.size))
    if key == "cumulative_net" and not halo_in and discount(values, cost.size) is None:
        return ("cumulative_revenue", margin(name, values), np.cumsum(cost), None)
    return None


def with_halo(values: Mapping[str, float], cost: np.ndarray) -> tuple:
    """The community's net map when the halo counts in net (the halo is added before discount)."""
    return ("revenue", margin("community", values), cost, discount(values, cost.size))


def apply(affine: tuple, x: np.ndarray, dtype, plus: np.ndarray | None = None) -> np.ndarray:
    """``affine`` applied to x (one row per month) in ``dtype``, adding ``plus`` before d."""
    _, m, c, d = affine
    out = np.multiply(x, m, dtype=dtype)  # one new array: million-trial runs count them
    if c is not None:
        out -= np.asarray(c)[:, None].astype(out.dtype)
    if plus is not None:
        out += plus
    if d is not None:
        out *= d[:, None].astype(out.dtype)
    return out
