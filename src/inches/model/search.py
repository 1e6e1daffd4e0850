"""Exact inversion of discrete laws by a search from zero, and the regimes a draw chooses from.

Used by :mod:`.draws` for counts whose mean, size or probability differs from trial to trial:
the CDF is accumulated in double precision for all trials at once, and the search drops the
trials already found once few are left, so each count is the smallest k whose CDF reaches its
uniform: the exact quantile (docs/model.md, section 6).
"""

from __future__ import annotations

import numpy as np

from .draw_tables import LARGE


def regimes(size: np.ndarray):
    """Yield (selection, is_small) for the trials whose ``size`` is below :data:`LARGE` and not."""
    if size.max() < LARGE:
        yield slice(None), True
    elif size.min() >= LARGE:
        yield slice(None), False
    else:
        small = size < LARGE
        yield np.flatnonzero(small), True
        yield np.flatnonzero(~small), False


def search(mean_or_n: np.ndarray, u: np.ndarray, p=None) -> np.ndarray:
    """Exact inversion by a search from zero: the smallest k whose CDF reaches u.

    Poisson when ``p`` is None (``mean_or_n`` is the mean), else binomial(n, p) with ``p``
    shared (a float) or one per trial (an array strictly between 0 and 1). Works on all trials
    at once and drops the finished ones once few are left.
    """
    if p is not None and np.ndim(p):
        flip = p > 0.5  # count failures instead: q^n would underflow
        if flip.any():
            out = np.empty(u.size)
            rest = ~flip
            if rest.any():
                out[rest] = _search(mean_or_n[rest], u[rest], p[rest])
            out[flip] = mean_or_n[flip] - _search(mean_or_n[flip], 1.0 - u[flip], 1.0 - p[flip])
            return out
    return _search(mean_or_n, u, p)


def _search(mean_or_n: np.ndarray, u: np.ndarray, p) -> np.ndarray:
    each = p is not None and np.ndim(p) > 0
    if p is not None and not each and p > 0.5:  # count failures instead: q^n would underflow
        return mean_or_n - _search(mean_or_n, 1.0 - u, 1.0 - p)
    x = mean_or_n.astype(np.float64)  # the CDF must resolve u in double precision
    if p is None:
        pk = np.exp(-x)
        peak = float(x.max())
    else:
        pk = np.exp(x * np.log1p(-p))
        ratio = p / (1.0 - p)
        peak = float((x * p).max()) if each else float(x.max()) * p
    kmax = int(peak + 12.0 * np.sqrt(peak) + 40.0)
    cdf = pk.copy()
    out = np.zeros(u.size)
    idx = None  # None: still working on every trial
    k = out
    for j in range(1, kmax + 1):
        live = u > cdf
        n_live = int(np.count_nonzero(live))
        if n_live == 0:
            break
        if n_live * 4 < live.size:  # compact to the trials still searching
            if idx is not None:
                out[idx] = k
            idx = np.flatnonzero(live) if idx is None else idx[live]
            x, u, pk, cdf, k = x[live], u[live], pk[live], cdf[live], k[live]
            if each:
                ratio = ratio[live]
            live = None
        if live is not None:
            k += live
        else:
            k += 1.0
        pk *= (x / j) if p is None else (x - (j - 1)) * (ratio / j)
        cdf += pk
    if idx is not None:
        out[idx] = k
    return out if p is None else np.minimum(out, mean_or_n)
